/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Benchmark of the stats query (query-stats.c) in the same run on two
 * databases: the demo community (core_demo() in memory) and a big one
 * (by default the 1,000,000-event database bench/tui.sh builds), opened
 * read only. Each is queried R times (-r) with the default arguments
 * and with 104 weeks and 100 votes; prints the median and the worst
 * time of each, and the big/demo ratio. Asserts nothing.
 *
 * usage: stats-bench [-r RUNS] BIGDB
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "moot/core.h"

#define BENCH_RUNS_MAX	1000

static double
bench_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6);
}

static int
bench_cmp(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return (x < y ? -1 : x > y);
}

/* Time runs of the stats query with args; *median and *worst in ms. */
static void
bench_time(struct core *c, const char *args_text, int runs, double *median,
    double *worst)
{
	struct actor	 me = { (int64_t)getuid(), "bench" };
	double		 t[BENCH_RUNS_MAX], t0;
	json_t		*args, *r;
	char		*cause = NULL;
	int		 i;

	for (i = 0; i < runs; i++) {
		args = json_loads(args_text, 0, NULL);
		t0 = bench_ms();
		if (query_stats(c, &me, args, &r, &cause) != 0) {
			fprintf(stderr, "stats-bench: %s\n", cause);
			exit(1);
		}
		t[i] = bench_ms() - t0;
		json_decref(r);
		json_decref(args);
	}
	qsort(t, (size_t)runs, sizeof *t, bench_cmp);
	*median = t[runs / 2];
	*worst = t[runs - 1];
}

int
main(int argc, char **argv)
{
	static const char *const argsets[] = { "{}",
	    "{\"weeks\":104,\"votes\":100}" };
	struct actor	 me = { (int64_t)getuid(), "bench" };
	struct core	*demo, *big;
	double		 dm, dw, bm, bw;
	char		*cause = NULL;
	size_t		 i;
	int		 ch, runs = 21;

	while ((ch = getopt(argc, argv, "r:")) != -1) {
		switch (ch) {
		case 'r':
			runs = atoi(optarg);
			if (runs < 1 || runs > BENCH_RUNS_MAX) {
				fprintf(stderr, "stats-bench: -r from 1 to "
				    "%d\n", BENCH_RUNS_MAX);
				return (2);
			}
			break;
		default:
			goto usage;
		}
	}
	if (argc - optind != 1)
		goto usage;

	if (core_open(NULL, CORE_CREATE, &demo, &cause) != 0 ||
	    core_demo(demo, &me, &cause) != 0) {
		fprintf(stderr, "stats-bench: demo: %s\n", cause);
		return (1);
	}
	if (core_open(argv[optind], CORE_READONLY, &big, &cause) != 0) {
		fprintf(stderr, "stats-bench: %s\n", cause);
		return (1);
	}
	printf("demo: %lld events; big: %lld events, %lld proposals, %lld "
	    "closed\n", (long long)store_int(core_store(demo), "SELECT "
	    "max(seq) FROM log_index", 0, 0), (long long)store_int(
	    core_store(big), "SELECT max(seq) FROM log_index", 0, 0),
	    (long long)store_int(core_store(big), "SELECT count(*) FROM "
	    "proposals", 0, 0), (long long)store_int(core_store(big),
	    "SELECT count(*) FROM proposals WHERE state = 'closed'", 0, 0));
	printf("%-28s %10s %10s %10s %10s %7s\n", "args (runs: median, max)",
	    "demo ms", "demo max", "big ms", "big max", "ratio");
	for (i = 0; i < MOOT_NITEMS(argsets); i++) {
		bench_time(demo, argsets[i], runs, &dm, &dw);
		bench_time(big, argsets[i], runs, &bm, &bw);
		printf("%-28s %10.3f %10.3f %10.3f %10.3f %7.1f\n",
		    argsets[i], dm, dw, bm, bw, dm > 0 ? bm / dm : 0);
	}
	core_close(big);
	core_close(demo);
	return (0);

usage:
	fprintf(stderr, "usage: stats-bench [-r RUNS] BIGDB\n");
	return (2);
}
