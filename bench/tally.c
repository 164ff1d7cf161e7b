/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Benchmark of the counting core: 100,000 ranked ballots over 20 options
 * from a seeded generator (popularity falls off as 1/rank, so results
 * are not coin flips; a fifth of voters rank one option, most rank a
 * few, a fifth rank all 20; one ballot in twenty ties two options),
 * counted by Schulze, IRV and STV (3 seats). Prints the best and median
 * of several runs in milliseconds and the winners, and writes the same
 * ballots as a moot-ballots(5) file for bench/tally-votes.js.
 *
 * usage: tally [-n BALLOTS] [-r RUNS] [-o FILE]
 * Budgets (DESIGN.md section 10): Schulze and IRV each <= 60 ms.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "moot/tally.h"

#define BENCH_OPTIONS	20

static uint64_t bench_state = 0x6d6f6f74ULL;	/* "moot" */

static uint32_t
bench_rng(void)
{
	bench_state ^= bench_state >> 12;
	bench_state ^= bench_state << 25;
	bench_state ^= bench_state >> 27;
	return ((uint32_t)((bench_state * 2685821657736338717ULL) >> 32));
}

/* How many options a voter ranks. */
static size_t
bench_length(void)
{
	uint32_t	r = bench_rng() % 100;

	if (r < 20)
		return (1);
	if (r < 50)
		return (2 + bench_rng() % 3);
	if (r < 80)
		return (5 + bench_rng() % 6);
	return (BENCH_OPTIONS);
}

static void
bench_ballots(struct tally_ballots *b, size_t n)
{
	uint16_t	row[BENCH_OPTIONS];
	uint32_t	weight[BENCH_OPTIONS], total, pick;
	size_t		i, j, k, len, rank;
	char		name[16];

	for (i = 0; i < BENCH_OPTIONS; i++) {
		snprintf(name, sizeof name, "O%02zu", i + 1);
		if (tally_ballots_add_option(b, name, NULL) < 0)
			abort();
	}
	for (i = 0; i < n; i++) {
		memset(row, 0, sizeof row);
		total = 0;
		for (j = 0; j < BENCH_OPTIONS; j++) {
			/* Popularity 1/(j+1) with personal noise. */
			weight[j] = 10000 / (j + 1) + bench_rng() % 1500;
			total += weight[j];
		}
		len = bench_length();
		for (rank = 1; rank <= len; rank++) {
			pick = bench_rng() % total;
			for (k = 0; k < BENCH_OPTIONS; k++) {
				if (weight[k] == 0)
					continue;
				if (pick < weight[k])
					break;
				pick -= weight[k];
			}
			row[k] = (uint16_t)rank;
			total -= weight[k];
			weight[k] = 0;
		}
		if (len > 2 && bench_rng() % 20 == 0) {
			/* Tie the second option with the first. */
			for (k = 0; k < BENCH_OPTIONS; k++) {
				if (row[k] == 2)
					row[k] = 1;
			}
		}
		tally_ballots_add(b, 1, row, 0);
	}
}

static int
bench_write(const struct tally_ballots *b, const char *path)
{
	FILE		*f;
	size_t		 g, i, r, first;
	const uint16_t	*row;

	if ((f = fopen(path, "w")) == NULL) {
		perror(path);
		return (-1);
	}
	fprintf(f, "# bench/tally.c: %zu seeded ballots over %zu options\n",
	    b->ngroups, b->noptions);
	fprintf(f, "options:");
	for (i = 0; i < b->noptions; i++)
		fprintf(f, "%s %s", i == 0 ? "" : ",", b->options[i]);
	fprintf(f, "\n");
	for (g = 0; g < b->ngroups; g++) {
		row = tally_ballots_row(b, g);
		fprintf(f, "%u:", b->counts[g]);
		first = 1;
		for (r = 1; r <= b->noptions; r++) {
			size_t	at = 0;

			for (i = 0; i < b->noptions; i++) {
				if (row[i] != r)
					continue;
				fprintf(f, "%s %s", first ? "" : at == 0 ?
				    " >" : " =", b->options[i]);
				first = 0;
				at++;
			}
		}
		fprintf(f, "\n");
	}
	return (fclose(f));
}

static double
bench_ms(const struct timespec *a, const struct timespec *b)
{
	return ((double)(b->tv_sec - a->tv_sec) * 1e3 +
	    (double)(b->tv_nsec - a->tv_nsec) / 1e6);
}

static int
bench_cmp(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return (x < y ? -1 : x > y);
}

static void
bench_method(const struct tally_ballots *b, enum tally_method m,
    unsigned seats, int runs, const char *label)
{
	struct tally_params	 p;
	struct tally_result	 r;
	struct timespec		 t0, t1;
	double			*ms;
	char			*cause = NULL;
	size_t			 i;
	int			 k;

	ms = calloc((size_t)runs, sizeof *ms);
	tally_params_init(&p, m);
	p.seats = seats;
	for (k = 0; k < runs; k++) {
		clock_gettime(CLOCK_MONOTONIC, &t0);
		if (tally_run(b, &p, &r, &cause) != 0) {
			fprintf(stderr, "%s: %s\n", label, cause);
			exit(1);
		}
		clock_gettime(CLOCK_MONOTONIC, &t1);
		ms[k] = bench_ms(&t0, &t1);
		if (k != runs - 1)
			tally_result_free(&r);
	}
	qsort(ms, (size_t)runs, sizeof *ms, bench_cmp);
	printf("%-8s best %8.2f ms  median %8.2f ms  winners", label, ms[0],
	    ms[runs / 2]);
	for (i = 0; i < r.nwinners; i++)
		printf("%s%s", i == 0 ? " " : ",", b->options[r.winners[i]]);
	printf("\n");
	tally_result_free(&r);
	free(ms);
}

int
main(int argc, char **argv)
{
	struct tally_ballots	 b;
	struct timespec		 t0, t1;
	const char		*out = NULL;
	size_t			 n = 100000;
	int			 ch, runs = 7;

	while ((ch = getopt(argc, argv, "n:o:r:")) != -1) {
		switch (ch) {
		case 'n':
			n = strtoul(optarg, NULL, 10);
			break;
		case 'o':
			out = optarg;
			break;
		case 'r':
			runs = atoi(optarg);
			break;
		default:
			fprintf(stderr, "usage: tally [-n BALLOTS] [-r RUNS] "
			    "[-o FILE]\n");
			return (2);
		}
	}
	if (runs < 1)
		runs = 1;
	tally_ballots_init(&b);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	bench_ballots(&b, n);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("moot tally: %zu ballots x %d options, generated in %.1f ms, "
	    "%d runs each\n", n, BENCH_OPTIONS, bench_ms(&t0, &t1), runs);
	if (out != NULL && bench_write(&b, out) != 0)
		return (1);
	bench_method(&b, TALLY_SCHULZE, 1, runs, "schulze");
	bench_method(&b, TALLY_IRV, 1, runs, "irv");
	bench_method(&b, TALLY_STV, 3, runs, "stv3");
	tally_ballots_free(&b);
	return (0);
}
