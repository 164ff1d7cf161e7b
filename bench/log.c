/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Benchmark of the event log, on file databases in a temporary directory
 * (under $TMPDIR or /tmp, removed at the end):
 *
 *  1. append, one commit each: community.created, then N1 proposal.created
 *     events, each core_submit() its own transaction (one fsync each);
 *  2. append in batches: the same with core_batch_begin/end around every
 *     B submits; the ratio of the two;
 *  3. verify: a log of N3 events built in batches of 10,000, then
 *     core_verify() without the projection rebuild, core_check() (the
 *     rebuild) on its own, and as a baseline a bare scan of every canon
 *     and body, and the same scan with the SHA-256 of the prefixed canon
 *     and of the body; verify's speed as a share of that baseline.
 *
 * Prints figures; asserts nothing. Scans, hashes and verify are the best
 * of three runs (the first warms the caches).
 *
 * usage: log-bench [-n N3] [-a N1] [-b B] [-q]
 *   -q skips core_check().
 * Targets (DESIGN.md section 10): verify >= 1,000,000 events/s and
 * >= 50% of the speed of SHA-256 + scan.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "moot/core.h"

#define BENCH_BUILD_BATCH	10000
#define BENCH_RUNS		3

static const struct actor bench_actor = { 1000, "bench" };

/* About 200 bytes of proposal text. */
static const char bench_text[] =
    "Proposal text for the benchmark. It is about two hundred bytes long, "
    "which is a fair size for a short motion: a sentence of context, a "
    "sentence of what to do, and one more saying when it takes effect.";

static double
bench_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((double)ts.tv_sec + (double)ts.tv_nsec / 1e9);
}

static void
bench_die(const char *what, char *cause)
{
	fprintf(stderr, "log-bench: %s: %s\n", what,
	    cause != NULL ? cause : "failed");
	free(cause);
	exit(1);
}

static struct core *
bench_create(const char *path)
{
	struct core	*c;
	json_t		*args;
	char		*cause = NULL;

	if (core_open(path, CORE_CREATE, &c, &cause) != 0)
		bench_die(path, cause);
	args = json_pack("{s:s,s:s,s:s,s:s,s:s}", "name", "bench",
	    "agreement", "Be kind.\n", "agreement_version", "1",
	    "licence", "CC-BY-SA-4.0", "membership", "open");
	if (core_submit(c, &bench_actor, "community.created", args, NULL,
	    &cause) != 0)
		bench_die("community.created", cause);
	json_decref(args);
	return (c);
}

static void
bench_propose(struct core *c, long i)
{
	json_t	*args;
	char	 title[64], *cause = NULL;

	snprintf(title, sizeof title, "Proposal %ld", i);
	args = json_pack("{s:s,s:s}", "title", title, "body", bench_text);
	if (core_submit(c, &bench_actor, "proposal.created", args, NULL,
	    &cause) != 0)
		bench_die("proposal.created", cause);
	json_decref(args);
}

/* Append n proposals, batches of b (0: each its own commit); seconds. */
static double
bench_append(struct core *c, long n, long b)
{
	char	*cause = NULL;
	double	 t0;
	long	 i;

	t0 = bench_now();
	for (i = 0; i < n; i++) {
		if (b > 0 && i % b == 0 && core_batch_begin(c, &cause) != 0)
			bench_die("batch begin", cause);
		bench_propose(c, i + 1);
		if (b > 0 && (i % b == b - 1 || i == n - 1) &&
		    core_batch_end(c, &cause) != 0)
			bench_die("batch end", cause);
	}
	return (bench_now() - t0);
}

/*
 * The baseline: every canon and body, and with hash, the SHA-256 of the
 * prefixed canon and of the body. Returns seconds; *n gets the rows.
 */
static double
bench_scan(struct core *c, bool hash, long *n)
{
	sqlite3_stmt		*stmt;
	const unsigned char	*canon, *body;
	unsigned char		 h[CANON_HASH_LEN], sink = 0;
	size_t			 clen, blen, total = 0;
	double			 t0, t;
	long			 rows = 0;

	t0 = bench_now();
	if (sqlite3_prepare_v2(store_db(core_store(c)), "SELECT e.canon, "
	    "b.body FROM events e JOIN bodies b ON b.seq = e.seq ORDER BY "
	    "e.seq", -1, &stmt, NULL) != SQLITE_OK)
		bench_die("scan", xstrdup(sqlite3_errmsg(
		    store_db(core_store(c)))));
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		canon = sqlite3_column_blob(stmt, 0);
		clen = (size_t)sqlite3_column_bytes(stmt, 0);
		body = sqlite3_column_blob(stmt, 1);
		blen = (size_t)sqlite3_column_bytes(stmt, 1);
		if (hash) {
			canon_event_hash(canon, clen, h);
			sink ^= h[0];
			canon_sha256(body, blen, h);
			sink ^= h[0];
		} else if (clen > 0 && blen > 0)
			sink ^= canon[clen - 1] ^ body[blen - 1];
		total += clen + blen;
		rows++;
	}
	sqlite3_finalize(stmt);
	t = bench_now() - t0;
	if (sink == 0xff && total == 1)		/* keep the work */
		fputc('\0', stderr);
	*n = rows;
	return (t);
}

static double
bench_verify(struct core *c, struct verify_result *r)
{
	char	*cause = NULL;
	double	 t0, t;

	t0 = bench_now();
	if (core_verify(c, -1, NULL, false, r, &cause) != 0)
		bench_die("verify", cause);
	t = bench_now() - t0;
	return (t);
}

static void
bench_rmdir(const char *dir)
{
	DIR		*d;
	struct dirent	*de;
	char		*p;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		p = xasprintf("%s/%s", dir, de->d_name);
		unlink(p);
		free(p);
	}
	closedir(d);
	rmdir(dir);
}

static void
bench_row(const char *what, long n, double s)
{
	printf("%-36s %10ld %10.3f %12.0f\n", what, n, s,
	    s > 0 ? (double)n / s : 0.0);
}

static long
bench_number(const char *s, const char *what)
{
	char	*end;
	long	 n;

	errno = 0;
	n = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || n < 1) {
		fprintf(stderr, "log-bench: bad %s: %s\n", what, s);
		exit(2);
	}
	return (n);
}

int
main(int argc, char **argv)
{
	struct verify_result	 r;
	struct core		*c;
	struct stat		 st;
	const char		*tmpdir;
	json_t			*check;
	char			*dir, *path, *cause = NULL, what[64];
	double			 t1, t2, tbuild, tscan, thash, tverify, tcheck;
	double			 t, vrate, hrate;
	long			 n1 = 2000, b = 1000, n3 = 1000000, rows, nv;
	int			 ch, i;
	bool			 skip_check = false;

	while ((ch = getopt(argc, argv, "a:b:n:q")) != -1) {
		switch (ch) {
		case 'a':
			n1 = bench_number(optarg, "-a");
			break;
		case 'b':
			b = bench_number(optarg, "-b");
			break;
		case 'n':
			n3 = bench_number(optarg, "-n");
			break;
		case 'q':
			skip_check = true;
			break;
		default:
			fprintf(stderr, "usage: log-bench [-n N3] [-a N1] "
			    "[-b B] [-q]\n");
			return (2);
		}
	}

	if ((tmpdir = getenv("TMPDIR")) == NULL || *tmpdir == '\0')
		tmpdir = "/tmp";
	dir = xasprintf("%s/moot-log-bench.XXXXXX", tmpdir);
	if (mkdtemp(dir) == NULL) {
		fprintf(stderr, "log-bench: mkdtemp %s: %s\n", dir,
		    strerror(errno));
		return (1);
	}
	printf("moot log benchmark: N1=%ld B=%ld N3=%ld, in %s\n\n", n1, b,
	    n3, dir);
	printf("%-36s %10s %10s %12s\n", "", "events", "seconds", "events/s");

	/* 1. One commit (one fsync) per event. */
	path = xasprintf("%s/one.db", dir);
	c = bench_create(path);
	t1 = bench_append(c, n1, 0);
	core_close(c);
	free(path);
	bench_row("append, one commit each", n1, t1);

	/* 2. Batches of b. */
	path = xasprintf("%s/batch.db", dir);
	c = bench_create(path);
	t2 = bench_append(c, n1, b);
	core_close(c);
	free(path);
	snprintf(what, sizeof what, "append, batches of %ld", b);
	bench_row(what, n1, t2);
	printf("  batch / one-commit: %.1fx\n", t2 > 0 ? t1 / t2 : 0.0);

	/* 3. A log of n3 events (community.created + n3 - 1 proposals). */
	path = xasprintf("%s/big.db", dir);
	t = bench_now();
	c = bench_create(path);
	bench_append(c, n3 - 1, BENCH_BUILD_BATCH);
	core_close(c);
	tbuild = bench_now() - t;
	snprintf(what, sizeof what, "build (batches of %d)",
	    BENCH_BUILD_BATCH);
	bench_row(what, n3, tbuild);
	if (stat(path, &st) == 0)
		printf("  database: %.1f MB\n", (double)st.st_size / 1e6);

	if (core_open(path, 0, &c, &cause) != 0)
		bench_die(path, cause);
	tscan = thash = tverify = 0;
	rows = nv = 0;
	memset(&r, 0, sizeof r);
	for (i = 0; i < BENCH_RUNS; i++) {
		t = bench_scan(c, false, &rows);
		if (i == 0 || t < tscan)
			tscan = t;
		t = bench_scan(c, true, &rows);
		if (i == 0 || t < thash)
			thash = t;
		verify_result_free(&r);
		t = bench_verify(c, &r);
		if (i == 0 || t < tverify)
			tverify = t;
		nv = (long)r.events;
	}
	bench_row("scan (canon + body)", rows, tscan);
	bench_row("scan + SHA-256 (canon + body)", rows, thash);
	bench_row("verify (no projections)", nv, tverify);
	if (r.status != VERIFY_OK)
		printf("  verify: NOT OK: %s\n", r.message != NULL ?
		    r.message : "?");
	verify_result_free(&r);

	if (!skip_check) {
		t = bench_now();
		if (core_check(c, &check, &cause) != 0)
			bench_die("check", cause);
		tcheck = bench_now() - t;
		bench_row("check (projection rebuild)", (long)json_integer_value(
		    json_object_get(check, "events")), tcheck);
		if (!json_is_true(json_object_get(check, "ok")))
			printf("  check: projections differ\n");
		json_decref(check);
	} else
		printf("%-36s %10s\n", "check (projection rebuild)",
		    "skipped");
	core_close(c);
	free(path);

	vrate = tverify > 0 ? (double)nv / tverify : 0;
	hrate = thash > 0 ? (double)rows / thash : 0;
	printf("\ntargets (DESIGN.md section 10):\n");
	printf("  verify >= 1,000,000 events/s:        %12.0f  %s\n", vrate,
	    vrate >= 1e6 ? "met" : "NOT met");
	printf("  verify >= 50%% of SHA-256 + scan:      %11.1f%%  %s\n",
	    hrate > 0 ? 100 * vrate / hrate : 0.0,
	    hrate > 0 && vrate >= hrate / 2 ? "met" : "NOT met");
	printf("  (verify is %.1f%% of the bare scan)\n",
	    tscan > 0 && rows > 0 ? 100 * vrate / ((double)rows / tscan) :
	    0.0);

	bench_rmdir(dir);
	free(dir);
	return (0);
}
