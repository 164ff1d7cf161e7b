/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Benchmark of moot's full-screen interface, run as a person runs it:
 * `moot -d DB` with no command, in a pseudo-terminal of 80x24 made here
 * with forkpty(3), TERM=xterm-256color. Two databases in the same run:
 * the demo community (core_demo() on a fresh file in a temporary
 * directory, led by whoever runs this) and a big one (-n events, -p
 * proposals; see bench_gen_build() for the mix) built through
 * core_submit() in batches, or reused when the file given already holds
 * what was asked, is led by the same person and has no vote falling due
 * within the hour. R runs (-r) of each, alternating, each of:
 *
 *  a. the first frame: from just before forkpty() to the first frame
 *     line that says "complete" (also to the start line and to the
 *     first frame of any kind);
 *  b. keystroke to frame: K presses of `j` (down one row), then K/10 of
 *     PageDown ("\033[6~"), one at a time: each is written once the
 *     screen is complete and the TUI has been quiet for a moment, and
 *     timed from just before the write to the next frame line (and to
 *     the next complete one, when that frame is partial); median, p90
 *     and max over every run. A key with no frame within a second is
 *     counted as missed; three in a row end that key's turn;
 *  c. memory: VmHWM and VmRSS from /proc/PID/status after the scrolling;
 *
 * then `q`. The figures of the big database are printed next to the
 * demo's with their ratio. Every run is bounded by a deadline (-t
 * seconds); past it the TUI is killed and the run says so. The
 * terminal's output is read (and thrown away) throughout, so the TUI
 * never blocks on a full pty.
 *
 * The TUI tells when things happen through a trace file: when the
 * environment names one in MOOT_TUI_TRACE, it appends one line per event,
 * each with one write(2) on an O_APPEND descriptor: "start NS" at the
 * start of main(), "key NS NAME" when it reads a key and before it
 * handles it, "frame NS complete" or "frame NS partial" after each screen
 * update (complete: every row on screen shows loaded data). NS is
 * CLOCK_MONOTONIC in nanoseconds, the clock this program reads too.
 *
 * Prints figures (a line per run, then the table); asserts nothing, but
 * exits 1 when a run failed. Linux only (/proc).
 *
 * usage: tui-bench [-f] [-b] [-n EVENTS] [-p PROPOSALS] [-k KEYS]
 *                  [-r RUNS] [-t SECONDS] [-m MOOT] BIGDB
 *   -f rebuilds BIGDB even when it could be reused; -b only builds it.
 *   MOOT (or the environment's MOOT, or "moot" in PATH) is the program.
 * Targets (DESIGN.md section 10): first frame on 1M events / 100k
 * proposals <= 100 ms, RSS independent of the database's size, keystroke
 * to frame <= 5 ms median.
 */
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pty.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "moot/core.h"

#define BENCH_BATCH		10000	/* events per transaction */
#define BENCH_MEMBERS		300	/* members besides the leader */
#define BENCH_DAY		(24LL * 3600 * 1000)
#define BENCH_KEY_WAIT_NS	(1000LL * 1000 * 1000)
#define BENCH_QUIET_NS		(3LL * 1000 * 1000)
#define BENCH_SETTLE_NS		(20LL * 1000 * 1000)
#define BENCH_MISSES		3	/* keys without a frame: give up */
#define BENCH_SCREEN		2048	/* output kept for errors */

/* The simulated community of the big database, while it is built. */
struct bench_gen {
	struct core	*core;
	int64_t		 now;	/* the simulated clock (ms) */
	int64_t		 step;	/* ms between two events */
	uint32_t	 seed;
	struct actor	 people[BENCH_MEMBERS + 1]; /* [0]: the leader */
	char		 names[BENCH_MEMBERS + 1][24];
	long		 events;	/* submitted so far */
	long		 in_batch;
	bool		 progress;	/* show the count on a terminal */
};

enum bench_line_type {
	BENCH_START,
	BENCH_KEY,
	BENCH_FRAME,
};

/* One line of the trace. */
struct bench_line {
	enum bench_line_type	 type;
	int64_t			 ns;
	bool			 complete;
};

/* The TUI under test: its process, its terminal and its trace. */
struct bench_tty {
	pid_t			 pid;
	int			 master;
	int			 trace;
	int			 status;
	bool			 exited;
	char			 part[256];	/* an unended line */
	size_t			 partlen;
	struct bench_line	*lines;
	size_t			 nlines, size;
	char			 screen[BENCH_SCREEN];	/* output */
	size_t			 slen;
};

/* A list of samples, in milliseconds. */
struct bench_samples {
	double	*v;
	size_t	 n, size;
};

/* What was measured on one database, over every run. */
struct bench_result {
	const char		*name;
	long			 events, proposals;
	off_t			 bytes;	/* of the file */
	struct bench_samples	 start, first, complete;
	struct bench_samples	 j, j_full, pg, pg_full, inside;
	long			 hwm, rss;	/* KiB, the largest */
	long			 keys_sent, keys_missed;
	int			 runs_ok, runs_failed;
};

static const char *const bench_topics[] = {
	"Raise the disk quota", "Nightly backups", "A newcomer's guide",
	"Retire the old mail relay", "A shared Jupyter hub",
	"Rotate the MOTD quotes", "Buy a UPS for the rack",
	"Limit cron jobs", "An IRC bridge to Matrix", "A status page",
	"Monthly radio show", "Translate the rules", "Office hours",
	"Budget for the year", "Host a Gemini capsule", "Move the forge",
};

static const char *const bench_comments[] = {
	"+1, and thank you for writing this up.",
	"I would rather wait until the disk is replaced.",
	"Could we try it for a month first and then decide? If it works we "
	"keep it, and if it does not we have lost very little.",
	"What does this cost us in admin time each month?",
	"Ça me va, à condition de garder une copie hors site.",
	"賛成です。手伝います。",
	"Let's keep the discussion on the proposal, please.",
	"I have done this on another server: it took an afternoon, and the "
	"only trouble was the firewall. Happy to help whoever picks it up, "
	"and to write down the steps afterwards.",
};

static const char bench_body[] =
    "Proposal text for the benchmark. It is about two hundred bytes long, "
    "which is a fair size for a short motion: a sentence of context, a "
    "sentence of what to do, and one more saying when it takes effect.\n";

static volatile sig_atomic_t bench_stop;

/* CLOCK_MONOTONIC in nanoseconds, the clock of the trace lines. */
static int64_t
bench_ns(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec);
}

/* Report what failed and exit. */
static void
bench_die(const char *what, char *cause)
{
	fprintf(stderr, "tui-bench: %s: %s\n", what,
	    cause != NULL ? cause : "failed");
	free(cause);
	exit(1);
}

/* Parse a positive number given to an option. */
static long
bench_number(const char *s, const char *what)
{
	char	*end;
	long	 n;

	errno = 0;
	n = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || n < 1) {
		fprintf(stderr, "tui-bench: bad %s: %s\n", what, s);
		exit(2);
	}
	return (n);
}

/* The person who runs the benchmark, as the actor of what they do. */
static void
bench_me(struct actor *me)
{
	struct passwd	*pw;

	if ((pw = getpwuid(getuid())) == NULL)
		bench_die("getpwuid", xstrdup("this uid has no login name"));
	me->uid = (int64_t)getuid();
	me->name = xstrdup(pw->pw_name);
}

/* The next number below n of the generator's fixed sequence. */
static uint32_t
bench_rand(struct bench_gen *g, uint32_t n)
{
	g->seed = g->seed * 1103515245u + 12345u;
	return ((g->seed >> 16) % n);
}

/* The simulated clock, for core_set_clock(). */
static int64_t
bench_gen_clock(void *arg)
{
	return (((struct bench_gen *)arg)->now);
}

/*
 * Submit one event for people[who], in the open batch (a new one every
 * BENCH_BATCH events); *id gets the new thing's id when id is not NULL.
 * Consumes args.
 */
static void
bench_gen_submit(struct bench_gen *g, long who, const char *type,
    json_t *args, int64_t *id)
{
	json_t	*r = NULL;
	char	*cause = NULL, *what;

	if (g->in_batch == 0 && core_batch_begin(g->core, &cause) != 0)
		bench_die("batch begin", cause);
	g->now += g->step;
	if (core_submit(g->core, &g->people[who], type, args, &r,
	    &cause) != 0) {
		what = xasprintf("event %ld (%s)", g->events + 1, type);
		bench_die(what, cause);
	}
	if (id != NULL)
		*id = json_integer_value(json_object_get(r, "id"));
	json_decref(r);
	json_decref(args);
	g->events++;
	if (++g->in_batch == BENCH_BATCH) {
		if (core_batch_end(g->core, &cause) != 0)
			bench_die("batch end", cause);
		g->in_batch = 0;
	}
	if (g->events % 100000 == 0 && g->progress) {
		fprintf(stderr, "  %ld events\r", g->events);
		fflush(stderr);
	}
}

/* What becomes of proposal i: 'd'raft, 'w'ithdrawn, 'v'ote, 'p'oll, 'o'. */
static char
bench_gen_fate(long i)
{
	if (i % 20 == 7)
		return ('d');
	if (i % 50 == 19)
		return ('w');
	if (i % 10 == 6)
		return ('p');
	if (i % 10 == 0 || i % 10 == 3)
		return ('v');
	return ('o');
}

/*
 * Share total among n slots in proportion to w (weights of 0 to 5), each
 * share at most cap; returns what did not fit. out gets the shares.
 */
static long
bench_gen_share(const uint8_t *w, long n, long total, long cap, long *out)
{
	int64_t	wsum = 0, cum = 0, a, b;
	long	i, left = 0;

	for (i = 0; i < n; i++)
		wsum += w[i];
	for (i = 0; i < n; i++) {
		a = wsum > 0 ? cum * total / wsum : 0;
		cum += w[i];
		b = wsum > 0 ? cum * total / wsum : 0;
		out[i] = (long)(b - a);
		if (out[i] > cap) {
			left += out[i] - cap;
			out[i] = cap;
		}
	}
	if (wsum == 0)
		left = total;
	return (left);
}

/* A ballot on a motion: yes, no or abstain. */
static json_t *
bench_gen_choice(struct bench_gen *g)
{
	uint32_t	r = bench_rand(g, 100);

	return (json_string(r < 55 ? "yes" : r < 85 ? "no" : "abstain"));
}

/* A ballot on a poll: one or two of its options. */
static json_t *
bench_gen_approval(struct bench_gen *g)
{
	static const char *const	 sets[] = { "Option A", "Option B",
	    "Option C", "Option A, Option B", "Option B, Option C",
	    "Option A, Option C" };

	return (json_string(sets[bench_rand(g, MOOT_NITEMS(sets))]));
}

/* Remove a database with its WAL, shared memory and head files. */
static void
bench_unlink_db(const char *path)
{
	static const char *const	 sides[] = { "", "-wal", "-shm",
	    ".head" };
	char				*side;
	size_t				 i;

	for (i = 0; i < MOOT_NITEMS(sides); i++) {
		side = xasprintf("%s%s", path, sides[i]);
		if (unlink(side) != 0 && errno != ENOENT)
			bench_die(side, xstrdup(strerror(errno)));
		free(side);
	}
}

/*
 * Build the big database at path: exactly n events, p proposals. The
 * clock starts sixty days ago: the community (led by me) and its 300
 * other members, then the proposals with their comments until three days
 * ago (one in twenty a draft, one in fifty withdrawn), then the votes
 * (three in ten proposals, a third of those polls) opened in the last
 * two hours with their ballots, so that they are all still open for
 * days. Of the events left after the proposals, the withdrawals and the
 * votes, three fifths are ballots and the rest comments. Returns
 * seconds, or exits with a message.
 */
static double
bench_gen_build(const char *path, long n, long p, const struct actor *me)
{
	struct bench_gen	*g;
	uint8_t			*w;
	long			*ncomments, *nballots, m, i, j, k, who;
	long			 nvote = 0, nwithdrawn = 0, base, rest;
	long			 ballots, start;
	int64_t			*ids, pid, real, t0;
	json_t			*args;
	char			*cause = NULL, title[128], fate;

	t0 = bench_ns();
	bench_unlink_db(path);
	m = BENCH_MEMBERS;
	for (i = 0; i < p; i++) {
		fate = bench_gen_fate(i);
		nvote += fate == 'v' || fate == 'p';
		nwithdrawn += fate == 'w';
	}
	base = 1 + m + p + nwithdrawn + nvote;
	if (n < base) {
		fprintf(stderr, "tui-bench: %ld events are too few for %ld "
		    "proposals: at least %ld\n", n, p, base);
		exit(2);
	}
	rest = n - base;

	g = xcalloc(1, sizeof *g);
	g->seed = 20260101;
	g->progress = isatty(STDERR_FILENO);
	g->people[0] = *me;
	for (i = 1; i <= m; i++) {
		snprintf(g->names[i], sizeof g->names[i], "m%03ld", i);
		g->people[i].uid = 70000 + i;
		g->people[i].name = g->names[i];
	}

	/*
	 * Ballots: three fifths of the rest, at most one per member and
	 * vote; comments: what is left, none on drafts.
	 */
	w = xcalloc((size_t)p, 1);
	nballots = xcalloc((size_t)nvote + 1, sizeof *nballots);
	ncomments = xcalloc((size_t)p, sizeof *ncomments);
	ids = xcalloc((size_t)p, sizeof *ids);
	for (i = 0; i < nvote; i++)
		w[i] = (uint8_t)(1 + bench_rand(g, 5));
	ballots = rest * 3 / 5;
	ballots -= bench_gen_share(w, nvote, ballots, m, nballots);
	for (i = 0; i < p; i++)
		w[i] = bench_gen_fate(i) == 'd' ? 0 :
		    (uint8_t)(1 + bench_rand(g, 5));
	if (bench_gen_share(w, p, rest - ballots, LONG_MAX, ncomments) != 0)
		bench_die(path, xstrdup("no proposal to comment on"));

	if (core_open(path, CORE_CREATE, &g->core, &cause) != 0)
		bench_die(path, cause);
	real = moot_now_ms();
	g->now = real - 60 * BENCH_DAY;
	g->step = 60 * 1000;
	core_set_clock(g->core, bench_gen_clock, g);

	bench_gen_submit(g, 0, "community.created", json_pack(
	    "{s:s,s:s,s:s,s:s,s:s}", "name", "tilde.big", "agreement",
	    "Be kind. What you write here is logged for every member to "
	    "read and verify.\n", "agreement_version", "1", "licence",
	    "CC-BY-SA-4.0", "membership", "open"), NULL);
	for (i = 1; i <= m; i++)
		bench_gen_submit(g, i, "member.joined", json_pack("{s:s}",
		    "agreement_version", "1"), NULL);

	/* Proposals and their discussions, until three days ago. */
	g->step = (real - 3 * BENCH_DAY - g->now) /
	    (p + nwithdrawn + (rest - ballots) + 1);
	if (g->step < 1)
		g->step = 1;
	for (i = 0; i < p; i++) {
		fate = bench_gen_fate(i);
		who = 1 + (i * 7919) % m;
		snprintf(title, sizeof title, "%s (%ld)",
		    bench_topics[bench_rand(g, MOOT_NITEMS(bench_topics))],
		    i + 1);
		args = json_pack("{s:s,s:s,s:s,s:b}", "title", title, "body",
		    bench_body, "kind", fate == 'p' ? "poll" : "motion",
		    "draft", fate == 'd');
		if (fate == 'p')
			json_object_set_new(args, "options", json_pack(
			    "[s,s,s]", "Option A", "Option B", "Option C"));
		bench_gen_submit(g, who, "proposal.created", args, &pid);
		ids[i] = pid;
		for (k = 0; k < ncomments[i]; k++)
			bench_gen_submit(g, 1 + bench_rand(g, (uint32_t)m),
			    "comment.added", json_pack("{s:I,s:s}",
			    "proposal", (json_int_t)pid, "body",
			    bench_comments[bench_rand(g,
			    MOOT_NITEMS(bench_comments))]), NULL);
		if (fate == 'w')
			bench_gen_submit(g, who, "proposal.withdrawn",
			    json_pack("{s:I,s:s}", "id", (json_int_t)pid,
			    "reason", "the discussion convinced me"), NULL);
	}

	/* The votes, opened by their authors in the last two hours. */
	g->now = real - 2 * 3600 * 1000;
	g->step = (2 * 3600 * 1000 - 60 * 1000) / (n - g->events + 1);
	if (g->step < 1)
		g->step = 1;
	for (i = 0, j = 0; i < p; i++) {
		fate = bench_gen_fate(i);
		if (fate != 'v' && fate != 'p')
			continue;
		who = 1 + (i * 7919) % m;
		bench_gen_submit(g, who, "vote.opened", json_pack("{s:I}",
		    "id", (json_int_t)ids[i]), NULL);
		start = bench_rand(g, (uint32_t)m);
		for (k = 0; k < nballots[j]; k++)
			bench_gen_submit(g, 1 + (start + k) % m, "ballot.cast",
			    json_pack("{s:I,s:o}", "id", (json_int_t)ids[i],
			    "choice", fate == 'p' ? bench_gen_approval(g) :
			    bench_gen_choice(g)), NULL);
		j++;
	}
	MOOT_REQUIRE(g->events == n);
	if (g->in_batch > 0 && core_batch_end(g->core, &cause) != 0)
		bench_die("batch end", cause);
	core_set_clock(g->core, NULL, NULL);
	core_close(g->core);
	if (g->progress)
		fprintf(stderr, "%20s\r", "");
	free(ids);
	free(ncomments);
	free(nballots);
	free(w);
	free(g);
	return ((double)(bench_ns() - t0) / 1e9);
}

/*
 * Whether the database at path can be reused: n events, p proposals,
 * led by me, and no vote falling due within the hour (mootd or the
 * embedded server would close it on opening, and write). Otherwise
 * *why says what is wrong; caller frees.
 */
static bool
bench_gen_reusable(const char *path, long n, long p, const struct actor *me,
    char **why)
{
	struct core	*c;
	struct store	*s;
	char		*cause = NULL;
	int64_t		 head, np, due, leader;
	struct stat	 st;

	*why = NULL;
	if (stat(path, &st) != 0) {
		*why = xstrdup("not there");
		return (false);
	}
	if (core_open(path, 0, &c, &cause) != 0) {
		*why = cause;
		return (false);
	}
	s = core_store(c);
	head = core_head(c, NULL);
	np = store_int(s, "SELECT count(*) FROM proposals", 0, 0);
	leader = store_int(s, "SELECT count(*) FROM members WHERE uid = ? "
	    "AND role = 'leader' AND status = 'active'", me->uid, 0);
	due = store_int(s, "SELECT count(*) FROM proposals WHERE state = "
	    "'voting' AND closes_ts <= ?", moot_now_ms() + 3600 * 1000, 0);
	core_close(c);
	if (head != n || np != p)
		*why = xasprintf("%lld events and %lld proposals, not %ld and "
		    "%ld", (long long)head, (long long)np, n, p);
	else if (leader != 1)
		*why = xasprintf("not led by %s", me->name);
	else if (due != 0)
		*why = xasprintf("%lld votes fall due", (long long)due);
	return (*why == NULL);
}

/* The demo community, on a fresh file at path, led by me. */
static double
bench_demo(const char *path, const struct actor *me)
{
	struct core	*c;
	char		*cause = NULL;
	int64_t		 t0;

	t0 = bench_ns();
	if (core_open(path, CORE_CREATE, &c, &cause) != 0)
		bench_die(path, cause);
	if (core_demo(c, me, &cause) != 0)
		bench_die("demo", cause);
	core_close(c);
	return ((double)(bench_ns() - t0) / 1e9);
}

/* Events and proposals of a database, for the report. */
static void
bench_count(const char *path, long *events, long *proposals)
{
	struct core	*c;
	char		*cause = NULL;

	if (core_open(path, 0, &c, &cause) != 0)
		bench_die(path, cause);
	*events = (long)core_head(c, NULL);
	*proposals = (long)store_int(core_store(c),
	    "SELECT count(*) FROM proposals", 0, 0);
	core_close(c);
}

/* Add one sample. */
static void
bench_samples_add(struct bench_samples *s, double v)
{
	if (s->n == s->size) {
		s->size = s->size == 0 ? 64 : s->size * 2;
		s->v = xreallocarray(s->v, s->size, sizeof *s->v);
	}
	s->v[s->n++] = v;
}

/* Order samples for qsort(). */
static int
bench_samples_cmp(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return (x < y ? -1 : x > y);
}

/* The q-quantile (0 to 1) of the samples, nearest rank; -1 when none. */
static double
bench_samples_q(struct bench_samples *s, double q)
{
	size_t	i;

	if (s->n == 0)
		return (-1);
	qsort(s->v, s->n, sizeof *s->v, bench_samples_cmp);
	i = (size_t)(q * (double)s->n + 0.999999);
	if (i > 0)
		i--;
	if (i >= s->n)
		i = s->n - 1;
	return (s->v[i]);
}

/* Keep the end of the terminal's output, to show if the TUI fails. */
static void
bench_tty_keep(struct bench_tty *t, const char *p, size_t len)
{
	if (len >= sizeof t->screen) {
		p += len - sizeof t->screen;
		len = sizeof t->screen;
	}
	if (t->slen + len > sizeof t->screen) {
		memmove(t->screen, t->screen + (t->slen + len -
		    sizeof t->screen), sizeof t->screen - len);
		t->slen = sizeof t->screen - len;
	}
	memcpy(t->screen + t->slen, p, len);
	t->slen += len;
}

/* Parse one trace line; lines of no known kind are skipped. */
static void
bench_tty_line(struct bench_tty *t, char *line)
{
	struct bench_line	 l;
	char			*word, *end;

	word = strsep(&line, " ");
	if (strcmp(word, "start") == 0)
		l.type = BENCH_START;
	else if (strcmp(word, "key") == 0)
		l.type = BENCH_KEY;
	else if (strcmp(word, "frame") == 0)
		l.type = BENCH_FRAME;
	else
		return;
	if (line == NULL)
		return;
	word = strsep(&line, " ");
	l.ns = strtoll(word, &end, 10);
	if (*end != '\0')
		return;
	l.complete = l.type == BENCH_FRAME && line != NULL &&
	    strcmp(line, "complete") == 0;
	if (t->nlines == t->size) {
		t->size = t->size == 0 ? 256 : t->size * 2;
		t->lines = xreallocarray(t->lines, t->size, sizeof *t->lines);
	}
	t->lines[t->nlines++] = l;
}

/*
 * One turn: wait up to ms for output on the terminal and drain it, take
 * the new lines of the trace, and notice whether the TUI has exited.
 */
static void
bench_tty_pump(struct bench_tty *t, int ms)
{
	struct pollfd	 pfd;
	char		 buf[16384], *nl, *p;
	ssize_t		 len;
	size_t		 n;

	if (t->master != -1) {
		pfd.fd = t->master;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, ms) > 0) {
			while ((len = read(t->master, buf, sizeof buf)) > 0)
				bench_tty_keep(t, buf, (size_t)len);
			/* EIO: the last descriptor of the slave is closed. */
			if (len == 0 || (len < 0 && errno != EAGAIN &&
			    errno != EINTR)) {
				close(t->master);
				t->master = -1;
			}
		}
	} else if (ms > 0)
		usleep((useconds_t)ms * 1000);

	while ((len = read(t->trace, buf, sizeof buf)) > 0) {
		p = buf;
		n = (size_t)len;
		while (n > 0) {
			if ((nl = memchr(p, '\n', n)) == NULL) {
				if (t->partlen + n < sizeof t->part) {
					memcpy(t->part + t->partlen, p, n);
					t->partlen += n;
				}
				break;
			}
			if (t->partlen + (size_t)(nl - p) < sizeof t->part) {
				memcpy(t->part + t->partlen, p,
				    (size_t)(nl - p));
				t->partlen += (size_t)(nl - p);
				t->part[t->partlen] = '\0';
				bench_tty_line(t, t->part);
			}
			t->partlen = 0;
			n -= (size_t)(nl - p) + 1;
			p = nl + 1;
		}
	}

	if (!t->exited && waitpid(t->pid, &t->status, WNOHANG) == t->pid)
		t->exited = true;
}

/*
 * The index of the first frame line at or after index from with a time
 * of at least after (and complete, if asked), waiting until deadline;
 * -1 if the deadline passed or the TUI exited first.
 */
static long
bench_tty_frame(struct bench_tty *t, size_t from, int64_t after,
    bool complete, int64_t deadline)
{
	size_t	i = from;

	for (;;) {
		for (; i < t->nlines; i++) {
			if (t->lines[i].type == BENCH_FRAME &&
			    t->lines[i].ns >= after &&
			    (!complete || t->lines[i].complete))
				return ((long)i);
		}
		if (t->exited || bench_stop || bench_ns() >= deadline)
			return (-1);
		bench_tty_pump(t, 1);
	}
}

/* Wait until the trace has been quiet for BENCH_QUIET_NS, or deadline. */
static void
bench_tty_quiet(struct bench_tty *t, int64_t quiet, int64_t deadline)
{
	size_t	n = t->nlines;
	int64_t	since = bench_ns(), now;

	for (;;) {
		bench_tty_pump(t, 1);
		now = bench_ns();
		if (t->nlines != n) {
			n = t->nlines;
			since = now;
		} else if (now - since >= quiet)
			return;
		if (t->exited || bench_stop || now >= deadline)
			return;
	}
}

/* VmHWM and VmRSS (KiB) of pid; 0 when they cannot be read. */
static void
bench_memory(pid_t pid, long *hwm, long *rss)
{
	FILE	*f;
	char	 path[64], line[256];

	*hwm = *rss = 0;
	snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
	if ((f = fopen(path, "r")) == NULL)
		return;
	while (fgets(line, sizeof line, f) != NULL) {
		if (strncmp(line, "VmHWM:", 6) == 0)
			*hwm = strtol(line + 6, NULL, 10);
		else if (strncmp(line, "VmRSS:", 6) == 0)
			*rss = strtol(line + 6, NULL, 10);
	}
	fclose(f);
}

/* Print the end of the terminal's output without escape sequences. */
static void
bench_tty_show(struct bench_tty *t)
{
	size_t	i;
	bool	esc = false, csi = false;
	int	c;

	fprintf(stderr, "  the terminal showed last:\n  ");
	for (i = 0; i < t->slen; i++) {
		c = (unsigned char)t->screen[i];
		if (esc) {
			esc = false;
			csi = c == '[';
			continue;
		}
		if (csi) {
			csi = c < 0x40 || c > 0x7e;
			continue;
		}
		if (c == 0x1b)
			esc = true;
		else if (c == '\n')
			fputs("\n  ", stderr);
		else if (c >= 0x20)
			fputc(c, stderr);
	}
	fputc('\n', stderr);
}

/*
 * Write one key and wait for its frame; adds to the samples of the key's
 * kind. Returns false if no frame came within BENCH_KEY_WAIT_NS.
 */
static bool
bench_key(struct bench_tty *t, struct bench_result *r, const char *key,
    struct bench_samples *first, struct bench_samples *full,
    int64_t deadline)
{
	size_t	from = t->nlines, i;
	int64_t	sent, until;
	long	f, c;

	until = bench_ns() + BENCH_KEY_WAIT_NS;
	if (until > deadline)
		until = deadline;
	sent = bench_ns();
	if (t->master == -1 || write(t->master, key, strlen(key)) !=
	    (ssize_t)strlen(key))
		return (false);
	r->keys_sent++;
	if ((f = bench_tty_frame(t, from, sent, false, until)) == -1) {
		r->keys_missed++;
		return (false);
	}
	bench_samples_add(first, (double)(t->lines[f].ns - sent) / 1e6);
	for (i = from; i < (size_t)f; i++) {
		if (t->lines[i].type == BENCH_KEY && t->lines[i].ns >= sent) {
			bench_samples_add(&r->inside, (double)(t->lines[f].ns -
			    t->lines[i].ns) / 1e6);
			break;
		}
	}
	c = f;
	if (!t->lines[f].complete)
		c = bench_tty_frame(t, (size_t)f, sent, true, deadline);
	if (c != -1)
		bench_samples_add(full, (double)(t->lines[c].ns - sent) / 1e6);
	bench_tty_quiet(t, BENCH_QUIET_NS, deadline);
	return (true);
}

/* Ask the TUI to quit (q, then :q), else kill it; reaps it. */
static void
bench_tty_end(struct bench_tty *t, const char *name)
{
	static const char *const	 ways[] = { "q", ":q\r" };
	int64_t				 until;
	size_t				 i;

	for (i = 0; i < MOOT_NITEMS(ways) && !t->exited; i++) {
		if (t->master != -1 && write(t->master, ways[i],
		    strlen(ways[i])) < 0)
			break;
		until = bench_ns() + 2000LL * 1000 * 1000;
		while (!t->exited && bench_ns() < until)
			bench_tty_pump(t, 5);
	}
	if (!t->exited) {
		fprintf(stderr, "tui-bench: %s: moot did not quit on q or "
		    ":q: killed\n", name);
		kill(t->pid, SIGKILL);
		waitpid(t->pid, &t->status, 0);
		t->exited = true;
	}
	if (t->master != -1)
		close(t->master);
	t->master = -1;
}

/*
 * One run: start moot on db in a new pseudo-terminal, wait for the first
 * complete frame, send the keys, read the memory, quit. Adds to r.
 */
static void
bench_run(const char *moot, const char *db, const char *trace,
    long keys, long pages, long timeout, struct bench_result *r)
{
	struct bench_tty	 t;
	struct winsize		 ws;
	int64_t			 t0, deadline;
	long			 i, f, misses, hwm = 0, rss;
	size_t			 k, nframes = 0;
	double			 first = -1;
	bool			 ok = false;

	memset(&t, 0, sizeof t);
	t.trace = open(trace, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (t.trace == -1)
		bench_die(trace, xstrdup(strerror(errno)));
	memset(&ws, 0, sizeof ws);
	ws.ws_row = 24;
	ws.ws_col = 80;

	fflush(stdout);
	fflush(stderr);
	t0 = bench_ns();
	deadline = t0 + (int64_t)timeout * 1000000000;
	t.pid = forkpty(&t.master, NULL, NULL, &ws);
	if (t.pid == -1)
		bench_die("forkpty", xstrdup(strerror(errno)));
	if (t.pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		setenv("MOOT_TUI_TRACE", trace, 1);
		unsetenv("LINES");
		unsetenv("COLUMNS");
		execlp(moot, "moot", "-d", db, (char *)NULL);
		fprintf(stderr, "tui-bench: %s: %s\r\n", moot,
		    strerror(errno));
		_exit(127);
	}
	fcntl(t.master, F_SETFL, fcntl(t.master, F_GETFL) | O_NONBLOCK);

	/* a. The first complete frame. */
	if ((f = bench_tty_frame(&t, 0, 0, true, deadline)) == -1) {
		fprintf(stderr, "tui-bench: %s: no complete frame %s\n",
		    r->name, t.exited ? "before moot exited" :
		    "before the deadline");
		bench_tty_show(&t);
		goto out;
	}
	first = (double)(t.lines[f].ns - t0) / 1e6;
	bench_samples_add(&r->complete, first);
	for (k = 0; k < t.nlines; k++) {
		if (t.lines[k].type == BENCH_START) {
			bench_samples_add(&r->start, (double)(t.lines[k].ns -
			    t0) / 1e6);
			break;
		}
	}
	for (k = 0; k < t.nlines; k++) {
		if (t.lines[k].type == BENCH_FRAME) {
			bench_samples_add(&r->first, (double)(t.lines[k].ns -
			    t0) / 1e6);
			break;
		}
	}
	bench_tty_quiet(&t, BENCH_SETTLE_NS, deadline);

	/* b. Keys, one at a time; a key that moves nothing ends its kind. */
	for (i = 0, misses = 0; i < keys && misses < BENCH_MISSES; i++) {
		if (bench_key(&t, r, "j", &r->j, &r->j_full, deadline))
			misses = 0;
		else
			misses++;
	}
	for (i = 0, misses = 0; i < pages && misses < BENCH_MISSES; i++) {
		if (bench_key(&t, r, "\033[6~", &r->pg, &r->pg_full,
		    deadline))
			misses = 0;
		else
			misses++;
	}

	/* c. Memory, after the scrolling. */
	hwm = rss = 0;
	if (!t.exited) {
		bench_memory(t.pid, &hwm, &rss);
		if (hwm > r->hwm)
			r->hwm = hwm;
		if (rss > r->rss)
			r->rss = rss;
	}
	ok = !t.exited && bench_ns() < deadline;
	if (t.exited) {
		fprintf(stderr, "tui-bench: %s: moot exited while keys were "
		    "sent\n", r->name);
		bench_tty_show(&t);
	} else if (!ok)
		fprintf(stderr, "tui-bench: %s: the run passed its deadline "
		    "of %ld s\n", r->name, timeout);
out:
	bench_tty_end(&t, r->name);
	for (k = 0; k < t.nlines; k++)
		nframes += t.lines[k].type == BENCH_FRAME;
	if (ok && WIFEXITED(t.status) && WEXITSTATUS(t.status) != 0)
		fprintf(stderr, "tui-bench: %s: moot exited %d\n", r->name,
		    WEXITSTATUS(t.status));
	if (ok)
		r->runs_ok++;
	else
		r->runs_failed++;
	printf("  %-4s run %d: first complete frame %9.2f ms, %4zu frames, "
	    "VmHWM %6.2f MiB\n", r->name, r->runs_ok + r->runs_failed,
	    first, nframes, (double)hwm / 1024);
	close(t.trace);
	free(t.lines);
}

/* One row of the report: a figure of both databases and their ratio. */
static void
bench_row(const char *what, double demo, double big, const char *unit)
{
	char	d[32], b[32], q[32];

	if (demo < 0)
		snprintf(d, sizeof d, "-");
	else
		snprintf(d, sizeof d, "%.2f%s", demo, unit);
	if (big < 0)
		snprintf(b, sizeof b, "-");
	else
		snprintf(b, sizeof b, "%.2f%s", big, unit);
	if (demo > 0 && big >= 0)
		snprintf(q, sizeof q, "%.2fx", big / demo);
	else
		snprintf(q, sizeof q, "-");
	printf("  %-30s %14s %14s %10s\n", what, d, b, q);
}

/* Median, p90 and max of one kind of sample, both databases. */
static void
bench_rows(const char *what, struct bench_samples *demo,
    struct bench_samples *big)
{
	char	label[64];

	snprintf(label, sizeof label, "%s (%zu, %zu)", what, demo->n, big->n);
	printf("  %s\n", label);
	bench_row("  median", bench_samples_q(demo, 0.5),
	    bench_samples_q(big, 0.5), " ms");
	bench_row("  p90", bench_samples_q(demo, 0.9),
	    bench_samples_q(big, 0.9), " ms");
	bench_row("  max", bench_samples_q(demo, 1), bench_samples_q(big, 1),
	    " ms");
}

/* One target: the figure and whether it is met. */
static void
bench_target(const char *what, double v, const char *unit, bool met)
{
	if (v < 0)
		printf("  %-44s %10s      NOT measured\n", what, "-");
	else
		printf("  %-44s %10.2f%-4s  %s\n", what, v, unit,
		    met ? "met" : "NOT met");
}

/* SIGINT, SIGTERM: end the runs, clean up and report what there is. */
static void
bench_signal(int sig)
{
	(void)sig;
	bench_stop = 1;
}

/* Remove the temporary directory and what is in it. */
static void
bench_rmdir(const char *dir)
{
	DIR		*d;
	struct dirent	*de;
	char		*p;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		p = xasprintf("%s/%s", dir, de->d_name);
		unlink(p);
		free(p);
	}
	closedir(d);
	rmdir(dir);
}

int
main(int argc, char **argv)
{
	struct bench_result	 res[2];
	struct actor		 me;
	struct sigaction	 sa;
	struct stat		 st;
	const char		*moot, *tmpdir, *big;
	char			*dir, *demo, *trace, *why;
	double			 t, ff, med, ratio;
	char			 what[64];
	long			 n = 1000000, p = 100000, keys = 200;
	long			 runs = 3, timeout = 30, i, j;
	int			 ch;
	bool			 force = false, build_only = false;

	if ((moot = getenv("MOOT")) == NULL || *moot == '\0')
		moot = "moot";
	while ((ch = getopt(argc, argv, "bfk:m:n:p:r:t:")) != -1) {
		switch (ch) {
		case 'b':
			build_only = true;
			break;
		case 'f':
			force = true;
			break;
		case 'k':
			keys = bench_number(optarg, "-k");
			break;
		case 'm':
			moot = optarg;
			break;
		case 'n':
			n = bench_number(optarg, "-n");
			break;
		case 'p':
			p = bench_number(optarg, "-p");
			break;
		case 'r':
			runs = bench_number(optarg, "-r");
			break;
		case 't':
			timeout = bench_number(optarg, "-t");
			break;
		default:
			goto usage;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 1)
		goto usage;
	big = argv[0];

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = bench_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	bench_me(&me);

	/* The big database: reused when it holds what was asked. */
	why = NULL;
	if (!force && bench_gen_reusable(big, n, p, &me, &why))
		printf("big database: %s, reused\n", big);
	else {
		if (why != NULL && strcmp(why, "not there") != 0)
			printf("big database: %s: %s; building it again\n",
			    big, why);
		printf("big database: building %s: %ld events, %ld "
		    "proposals, %d members\n", big, n, p, BENCH_MEMBERS + 1);
		fflush(stdout);
		t = bench_gen_build(big, n, p, &me);
		printf("  built in %.1f s (%.0f events/s)\n", t,
		    t > 0 ? (double)n / t : 0.0);
	}
	free(why);
	if (stat(big, &st) == 0)
		printf("  %.1f MB\n", (double)st.st_size / 1e6);
	if (build_only)
		return (0);

	if ((tmpdir = getenv("TMPDIR")) == NULL || *tmpdir == '\0')
		tmpdir = "/tmp";
	dir = xasprintf("%s/moot-tui-bench.XXXXXX", tmpdir);
	if (mkdtemp(dir) == NULL)
		bench_die(dir, xstrdup(strerror(errno)));
	demo = xasprintf("%s/demo.db", dir);
	trace = xasprintf("%s/trace", dir);
	t = bench_demo(demo, &me);
	printf("demo database: built in %.2f s\n", t);

	memset(res, 0, sizeof res);
	res[0].name = "demo";
	res[1].name = "big";
	bench_count(demo, &res[0].events, &res[0].proposals);
	bench_count(big, &res[1].events, &res[1].proposals);
	if (stat(demo, &st) == 0)
		res[0].bytes = st.st_size;
	if (stat(big, &st) == 0)
		res[1].bytes = st.st_size;
	printf("\nmoot TUI benchmark: %s\n  80x24, runs on each database: "
	    "%ld, keys a run: %ld j then %ld PageDown,\n  deadline a run: "
	    "%ld s, CPUs: %ld\n\n", moot, runs, keys,
	    keys / 10 > 0 ? keys / 10 : 1, timeout,
	    sysconf(_SC_NPROCESSORS_ONLN));

	/* Alternate the databases, so that neither gets a warmer machine. */
	for (i = 0; i < runs && !bench_stop; i++) {
		for (j = 0; j < 2 && !bench_stop; j++) {
			bench_run(moot, j == 0 ? demo : big, trace, keys,
			    keys / 10 > 0 ? keys / 10 : 1, timeout, &res[j]);
		}
	}

	if (res[0].runs_ok + res[1].runs_ok == 0) {
		printf("no run completed: no figures\n");
		bench_rmdir(dir);
		return (1);
	}
	printf("\n  %-30s %14s %14s %10s\n", "", "demo", "big", "big/demo");
	printf("  %-30s %14ld %14ld\n", "events", res[0].events,
	    res[1].events);
	printf("  %-30s %14ld %14ld\n", "proposals", res[0].proposals,
	    res[1].proposals);
	printf("  %-30s %11.1f MB %11.1f MB\n", "file", (double)res[0].bytes /
	    1e6, (double)res[1].bytes / 1e6);
	printf("  %-30s %14d %14d\n", "runs completed", res[0].runs_ok,
	    res[1].runs_ok);
	printf("a. from fork to (median of runs)\n");
	bench_row("  start line", bench_samples_q(&res[0].start, 0.5),
	    bench_samples_q(&res[1].start, 0.5), " ms");
	bench_row("  first frame", bench_samples_q(&res[0].first, 0.5),
	    bench_samples_q(&res[1].first, 0.5), " ms");
	bench_row("  first complete frame", bench_samples_q(&res[0].complete,
	    0.5), bench_samples_q(&res[1].complete, 0.5), " ms");
	bench_row("  first complete frame, worst", bench_samples_q(
	    &res[0].complete, 1), bench_samples_q(&res[1].complete, 1),
	    " ms");
	printf("b. keystroke to frame (samples: demo, big)\n");
	bench_rows("j, next frame", &res[0].j, &res[1].j);
	bench_rows("j, next complete frame", &res[0].j_full, &res[1].j_full);
	bench_rows("PageDown, next frame", &res[0].pg, &res[1].pg);
	bench_rows("PageDown, next complete", &res[0].pg_full,
	    &res[1].pg_full);
	bench_rows("inside the TUI: key to frame", &res[0].inside,
	    &res[1].inside);
	printf("  %-30s %8ld of %3ld %8ld of %3ld\n", "keys without a frame",
	    res[0].keys_missed, res[0].keys_sent, res[1].keys_missed,
	    res[1].keys_sent);
	printf("c. memory after scrolling (largest of the runs)\n");
	bench_row("  VmHWM", res[0].hwm > 0 ? (double)res[0].hwm / 1024 : -1,
	    res[1].hwm > 0 ? (double)res[1].hwm / 1024 : -1, " MiB");
	bench_row("  VmRSS", res[0].rss > 0 ? (double)res[0].rss / 1024 : -1,
	    res[1].rss > 0 ? (double)res[1].rss / 1024 : -1, " MiB");

	ff = bench_samples_q(&res[1].complete, 0.5);
	printf("\ntargets (DESIGN.md section 10):\n");
	bench_target("first complete frame, big <= 100 ms", ff, " ms",
	    ff >= 0 && ff <= 100);
	for (j = 0; j < 2; j++) {
		med = bench_samples_q(&res[j].j, 0.5);
		snprintf(what, sizeof what, "j to frame, %s, median <= 5 ms",
		    res[j].name);
		bench_target(what, med, " ms", med >= 0 && med <= 5);
	}
	ratio = res[0].hwm > 0 && res[1].hwm > 0 ?
	    (double)res[1].hwm / (double)res[0].hwm : -1;
	printf("  VmHWM independent of the database's size: big/demo %.2fx "
	    "(+%.2f MiB)\n    for a file %.0fx larger and %.0fx the events\n",
	    ratio, (double)(res[1].hwm - res[0].hwm) / 1024,
	    res[0].bytes > 0 ? (double)res[1].bytes / (double)res[0].bytes :
	    0.0, res[0].events > 0 ? (double)res[1].events /
	    (double)res[0].events : 0.0);

	bench_rmdir(dir);
	free(trace);
	free(demo);
	free(dir);
	free((char *)me.name);
	return (res[0].runs_failed + res[1].runs_failed > 0 ? 1 : 0);

usage:
	fprintf(stderr, "usage: tui-bench [-fb] [-n EVENTS] [-p PROPOSALS] "
	    "[-k KEYS] [-r RUNS]\n                 [-t SECONDS] [-m MOOT] "
	    "BIGDB\n");
	return (2);
}
