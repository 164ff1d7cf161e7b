/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Tests of the counting core (tally.h): published worked examples with
 * their published results (Wikipedia's Schulze example, Markus Schulze's
 * examples 2-4, the Debian 2002 leader election, the Tennessee capital
 * for IRV against Condorcet, the STV "food at a party" count), every
 * rule key, ties broken and reported, the parsers the rules engine
 * reuses, and properties on seeded random ballots: the order of ballots
 * never matters, raising a winner never makes it lose (approval,
 * plurality, Schulze), and the strongest-path winners equal those of
 * Debian A.6's Schwartz sequential dropping done literally.
 *
 * The data files live in tests/tally/ (TALLY_DATA_DIR).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "moot/ballots.h"
#include "moot/tally.h"

#ifndef TALLY_DATA_DIR
#define TALLY_DATA_DIR "tests/tally"
#endif

/* A counted example: ballots, params and result together. */
struct fixture {
	struct tally_ballots	b;
	struct tally_params	p;
	struct tally_result	r;
	char		       *cause;
};

static void
fixture_free(struct fixture *f)
{
	tally_result_free(&f->r);
	tally_ballots_free(&f->b);
	free(f->cause);
	free(f);
}

static struct fixture *
fixture_new(enum tally_method m)
{
	struct fixture	*f;

	f = calloc(1, sizeof *f);
	assert_non_null(f);
	tally_ballots_init(&f->b);
	tally_params_init(&f->p, m);
	if (tally_method_choices(m) != NULL)
		tally_ballots_init_choices(&f->b, m);
	return (f);
}

/* Load a data file of tests/tally. */
static struct fixture *
fixture_file(enum tally_method m, const char *name)
{
	struct fixture	*f = fixture_new(m);
	char		 path[512];

	snprintf(path, sizeof path, "%s/%s", TALLY_DATA_DIR, name);
	if (ballots_load(path, tally_method_ballot_kind(m), &f->b,
	    &f->cause) != 0)
		fail_msg("%s", f->cause);
	return (f);
}

static struct fixture *
fixture_text(enum tally_method m, const char *text)
{
	struct fixture	*f = fixture_new(m);

	if (ballots_read_string(text, "test", BALLOTS_MOOT,
	    tally_method_ballot_kind(m), &f->b, &f->cause) != 0)
		fail_msg("%s", f->cause);
	return (f);
}

static void
run(struct fixture *f)
{
	if (tally_run(&f->b, &f->p, &f->r, &f->cause) != 0)
		fail_msg("%s", f->cause);
}

static const char *
winner(struct fixture *f, size_t i)
{
	assert_true(i < f->r.nwinners);
	return (f->b.options[f->r.winners[i]]);
}

static json_int_t
cell(struct fixture *f, const char *m, size_t i, size_t j)
{
	json_t	*x;

	x = json_array_get(json_array_get(json_object_get(f->r.explain, m),
	    i), j);
	assert_true(json_is_integer(x));
	return (json_integer_value(x));
}

static void
assert_ranking(struct fixture *f, const char *const *names, size_t n)
{
	size_t	i;

	assert_int_equal(f->r.nranking, n);
	for (i = 0; i < n; i++)
		assert_string_equal(f->b.options[f->r.ranking[i]], names[i]);
}

/* Published examples. */

static void
test_wikipedia_schulze_matrices(void **state)
{
	static const json_int_t	d[5][5] = {
		{ 0, 20, 26, 30, 22 }, { 25, 0, 16, 33, 18 },
		{ 19, 29, 0, 17, 24 }, { 15, 12, 28, 0, 14 },
		{ 23, 27, 21, 31, 0 },
	};
	static const json_int_t	p[5][5] = {
		{ 0, 28, 28, 30, 24 }, { 25, 0, 28, 33, 24 },
		{ 25, 29, 0, 29, 24 }, { 25, 28, 28, 0, 24 },
		{ 25, 28, 28, 31, 0 },
	};
	struct fixture	*f = fixture_file(TALLY_SCHULZE,
	    "wikipedia-schulze.txt");
	size_t		 i, j;

	(void)state;
	run(f);
	for (i = 0; i < 5; i++) {
		for (j = 0; j < 5; j++) {
			assert_int_equal(cell(f, "d", i, j), d[i][j]);
			assert_int_equal(cell(f, "p", i, j), p[i][j]);
		}
	}
	fixture_free(f);
}

static void
test_wikipedia_schulze_winner(void **state)
{
	static const char *const rank[] = { "E", "A", "C", "B", "D" };
	struct fixture	*f = fixture_file(TALLY_SCHULZE,
	    "wikipedia-schulze.txt");

	(void)state;
	run(f);
	assert_int_equal(f->r.outcome, TALLY_PASSED);
	assert_int_equal(f->r.nwinners, 1);
	assert_string_equal(winner(f, 0), "E");
	assert_ranking(f, rank, 5);
	assert_string_equal(f->r.summary, "passed: E wins (Schulze, winning "
	    "votes; ranking E > A > C > B > D).");
	fixture_free(f);
}

static void
test_schulze_example2(void **state)
{
	static const char *const rank[] = { "D", "A", "C", "B" };
	struct fixture	*f = fixture_file(TALLY_SCHULZE,
	    "schulze-example2.txt");

	(void)state;
	run(f);
	assert_string_equal(winner(f, 0), "D");
	assert_ranking(f, rank, 4);
	/* The published strongest paths. */
	assert_int_equal(cell(f, "p", 0, 1), 20);
	assert_int_equal(cell(f, "p", 2, 1), 21);
	assert_int_equal(cell(f, "p", 3, 0), 18);
	assert_int_equal(cell(f, "p", 0, 3), 17);
	fixture_free(f);
}

static void
test_schulze_example3(void **state)
{
	static const char *const rank[] = { "B", "A", "D", "E", "C" };
	struct fixture	*f = fixture_file(TALLY_SCHULZE,
	    "schulze-example3.txt");

	(void)state;
	run(f);
	assert_string_equal(winner(f, 0), "B");
	assert_ranking(f, rank, 5);
	assert_int_equal(cell(f, "p", 3, 4), 30);
	assert_int_equal(cell(f, "p", 1, 0), 19);
	fixture_free(f);
}

static void
test_schulze_example4_tie_broken(void **state)
{
	struct fixture	*f = fixture_file(TALLY_SCHULZE,
	    "schulze-example4.txt");

	(void)state;
	run(f);
	assert_int_equal(f->r.outcome, TALLY_PASSED);
	/* B and D tie; B was declared first. */
	assert_string_equal(winner(f, 0), "B");
	assert_int_equal(json_array_size(json_object_get(f->r.explain,
	    "potential_winners")), 2);
	assert_true(json_is_true(json_object_get(json_object_get(
	    f->r.explain, "tie"), "broken")));
	fixture_free(f);
}

static void
test_schulze_example4_tie_reported(void **state)
{
	struct fixture	*f = fixture_file(TALLY_SCHULZE,
	    "schulze-example4.txt");

	(void)state;
	f->p.report_ties = true;
	run(f);
	assert_int_equal(f->r.outcome, TALLY_TIED);
	assert_int_equal(f->r.nwinners, 0);
	assert_int_equal(f->r.ntied, 2);
	assert_string_equal(f->b.options[f->r.tied[0]], "B");
	assert_string_equal(f->b.options[f->r.tied[1]], "D");
	fixture_free(f);
}

static void
test_debian_2002_winner(void **state)
{
	struct fixture	*f = fixture_file(TALLY_SCHULZE,
	    "debian-dpl-2002.txt");

	(void)state;
	f->p.default_option = tally_ballots_find(&f->b, "None Of The Above");
	assert_int_equal(f->p.default_option, 3);
	/* Q = 45.96466 per the announcement: 46 ballots. */
	assert_int_equal(tally_parse_quorum("46", &f->p.quorum, NULL), 0);
	run(f);
	assert_int_equal(f->r.outcome, TALLY_PASSED);
	assert_string_equal(winner(f, 0), "Bdale Garbee");
	assert_int_equal(json_array_size(json_object_get(f->r.explain,
	    "dropped")), 0);
	assert_int_equal(f->b.ngroups, 41);
	fixture_free(f);
}

static void
test_debian_2002_default_row(void **state)
{
	struct fixture	*f = fixture_file(TALLY_SCHULZE,
	    "debian-dpl-2002.txt");

	(void)state;
	f->p.default_option = 3;
	run(f);
	/* The published row of None Of The Above: 68, 50, 18. */
	assert_int_equal(cell(f, "d", 3, 0), 68);
	assert_int_equal(cell(f, "d", 3, 1), 50);
	assert_int_equal(cell(f, "d", 3, 2), 18);
	/* Bdale Garbee beats both others, as published (291, 327). */
	assert_int_equal(cell(f, "d", 2, 0), 291);
	assert_int_equal(cell(f, "d", 2, 1), 327);
	fixture_free(f);
}

static void
test_tennessee_irv(void **state)
{
	struct fixture	*f = fixture_file(TALLY_IRV, "tennessee.txt");
	json_t		*rounds;

	(void)state;
	run(f);
	assert_string_equal(winner(f, 0), "Knoxville");
	rounds = json_object_get(f->r.explain, "rounds");
	assert_int_equal(json_array_size(rounds), 3);
	assert_string_equal(json_string_value(json_array_get(json_object_get(
	    json_array_get(rounds, 0), "excluded"), 0)), "Chattanooga");
	assert_string_equal(json_string_value(json_array_get(json_object_get(
	    json_array_get(rounds, 1), "excluded"), 0)), "Nashville");
	/* Knoxville 17 + 15 + 26 = 58 in round 3. */
	assert_int_equal(json_integer_value(json_array_get(json_object_get(
	    json_array_get(rounds, 2), "tallies"), 3)), 58);
	assert_string_equal(f->r.summary, "passed: Knoxville wins in round 3 "
	    "with 58 of 100 votes after Chattanooga and Nashville were "
	    "excluded in turn.");
	fixture_free(f);
}

static void
test_tennessee_schulze(void **state)
{
	struct fixture	*f = fixture_file(TALLY_SCHULZE, "tennessee.txt");

	(void)state;
	run(f);
	assert_string_equal(winner(f, 0), "Nashville");
	fixture_free(f);
}

static void
test_stv_food(void **state)
{
	struct fixture	*f = fixture_file(TALLY_STV, "stv-food.txt");
	json_t		*st;

	(void)state;
	f->p.seats = 3;
	run(f);
	assert_int_equal(f->r.outcome, TALLY_PASSED);
	assert_int_equal(f->r.nwinners, 3);
	assert_string_equal(winner(f, 0), "Chocolate");
	assert_string_equal(winner(f, 1), "Oranges");
	assert_string_equal(winner(f, 2), "Strawberries");
	assert_int_equal(json_integer_value(json_object_get(f->r.explain,
	    "quota")), 6);
	st = json_array_get(json_object_get(f->r.explain, "stages"), 1);
	assert_string_equal(json_string_value(json_object_get(st, "action")),
	    "surplus");
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    json_object_get(st, "transfer_values"), 0), "transfer_value")),
	    "0.50000");
	/* Strawberries 1 + 4, Sweets 1 + 2 after the surplus. */
	assert_string_equal(json_string_value(json_array_get(json_object_get(
	    st, "votes"), 3)), "5.00000");
	assert_string_equal(json_string_value(json_array_get(json_object_get(
	    st, "votes"), 4)), "3.00000");
	fixture_free(f);
}

/* STV arithmetic. */

static void
test_stv_transfer_value_truncated(void **state)
{
	/* 7 valid, 2 seats: quota 3; A has 4, surplus 1 over 4 votes. */
	struct fixture	*f = fixture_text(TALLY_STV,
	    "3: A > B\n1: A > C\n2: D\n1: C\n");
	json_t		*st;

	(void)state;
	f->p.seats = 2;
	run(f);
	st = json_array_get(json_object_get(f->r.explain, "stages"), 1);
	/* 1 x 1.00000 / 4 = 0.25; B gets 3 x 0.25000. */
	assert_string_equal(json_string_value(json_array_get(json_object_get(
	    st, "votes"), 1)), "0.75000");
	fixture_free(f);

	/* Surplus 1 over 3 votes: 0.33333, never 0.33334. */
	f = fixture_text(TALLY_STV, "3: A > B\n1: C\n1: D\n");
	f->p.seats = 2;		/* quota floor(5/3)+1 = 2, surplus 1 */
	run(f);
	st = json_array_get(json_object_get(f->r.explain, "stages"), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    json_object_get(st, "transfer_values"), 0), "transfer_value")),
	    "0.33333");
	assert_string_equal(json_string_value(json_array_get(json_object_get(
	    st, "votes"), 1)), "0.99999");
	assert_string_equal(json_string_value(json_object_get(st,
	    "lost_to_rounding")), "0.00001");
	fixture_free(f);
}

static void
test_stv_rule52_fills_last_seats(void **state)
{
	struct fixture	*f = fixture_text(TALLY_STV, "5: A\n3: B\n2: C\n");

	(void)state;
	f->p.seats = 3;
	run(f);
	assert_int_equal(f->r.nwinners, 3);
	assert_string_equal(winner(f, 0), "A");
	fixture_free(f);
}

static void
test_stv_equal_first_is_invalid(void **state)
{
	struct fixture	*f = fixture_text(TALLY_STV,
	    "4: A\n3: B = C\n2: C\n");

	(void)state;
	run(f);
	assert_int_equal(json_integer_value(json_object_get(f->r.explain,
	    "valid")), 6);
	assert_int_equal(json_integer_value(json_object_get(f->r.explain,
	    "invalid")), 3);
	assert_string_equal(winner(f, 0), "A");
	fixture_free(f);
}

/* Quorum. */

static void
test_quorum_share_not_met(void **state)
{
	struct fixture	*f = fixture_text(TALLY_YESNO, "7: yes\n2: no\n");

	(void)state;
	assert_int_equal(tally_parse_quorum("30%", &f->p.quorum, NULL), 0);
	f->p.eligible = 40;
	run(f);
	assert_int_equal(f->r.outcome, TALLY_NO_QUORUM);
	assert_string_equal(f->r.summary, "rejected: quorum not met — 9 of "
	    "40 eligible voted, 12 (30%) required.");
	fixture_free(f);
}

static void
test_quorum_share_met(void **state)
{
	struct fixture	*f = fixture_text(TALLY_YESNO,
	    "14: yes\n6: no\n3: abstain\n");

	(void)state;
	assert_int_equal(tally_parse_quorum("30%", &f->p.quorum, NULL), 0);
	assert_int_equal(tally_parse_threshold(">=2/3", &f->p.threshold,
	    NULL), 0);
	f->p.eligible = 40;
	run(f);
	assert_int_equal(f->r.outcome, TALLY_PASSED);
	assert_string_equal(f->r.summary, "passed: 14 yes of 20 yes+no votes "
	    "(70%) meets the threshold >=2/3; quorum met — 23 of 40 voted, "
	    "12 required.");
	fixture_free(f);
}

static void
test_quorum_fraction_rounds_up(void **state)
{
	struct tally_quorum	q;

	(void)state;
	assert_int_equal(tally_parse_quorum("1/3", &q, NULL), 0);
	assert_int_equal(tally_quorum_required(&q, 40), 14);
	assert_int_equal(tally_quorum_required(&q, 39), 13);
	assert_int_equal(tally_parse_quorum("33.3%", &q, NULL), 0);
	assert_int_equal(tally_quorum_required(&q, 1000), 333);
}

static void
test_quorum_count_abstentions_count(void **state)
{
	struct fixture	*f = fixture_text(TALLY_YESNO,
	    "1: yes\n11: abstain\n");

	(void)state;
	assert_int_equal(tally_parse_quorum("12", &f->p.quorum, NULL), 0);
	run(f);
	assert_int_equal(f->r.outcome, TALLY_PASSED);
	fixture_free(f);

	f = fixture_text(TALLY_YESNO, "1: yes\n10: abstain\n");
	assert_int_equal(tally_parse_quorum("12", &f->p.quorum, NULL), 0);
	run(f);
	assert_int_equal(f->r.outcome, TALLY_NO_QUORUM);
	fixture_free(f);
}

static void
test_quorum_share_needs_eligible(void **state)
{
	struct fixture	*f = fixture_text(TALLY_YESNO, "1: yes\n");

	(void)state;
	assert_int_equal(tally_parse_quorum("30%", &f->p.quorum, NULL), 0);
	assert_int_equal(tally_run(&f->b, &f->p, &f->r, &f->cause), -EINVAL);
	assert_non_null(strstr(f->cause, "eligible"));
	fixture_free(f);
}

static void
test_eligible_fewer_than_ballots(void **state)
{
	struct fixture	*f = fixture_text(TALLY_YESNO, "5: yes\n");

	(void)state;
	f->p.eligible = 4;
	assert_int_equal(tally_run(&f->b, &f->p, &f->r, &f->cause), -EINVAL);
	fixture_free(f);
}

/* Thresholds. */

static enum tally_outcome
yesno(const char *threshold, unsigned yes, unsigned no, bool report)
{
	struct fixture		*f = fixture_new(TALLY_YESNO);
	uint16_t		 m[3] = { 0, 0, 0 };
	enum tally_outcome	 o;

	if (threshold != NULL)
		assert_int_equal(tally_parse_threshold(threshold,
		    &f->p.threshold, NULL), 0);
	f->p.report_ties = report;
	m[0] = 1;
	if (yes != 0)
		tally_ballots_add(&f->b, yes, m, 0);
	m[0] = 0;
	m[1] = 1;
	if (no != 0)
		tally_ballots_add(&f->b, no, m, 0);
	run(f);
	o = f->r.outcome;
	fixture_free(f);
	return (o);
}

static void
test_threshold_simple_majority(void **state)
{
	(void)state;
	assert_int_equal(yesno(NULL, 11, 10, false), TALLY_PASSED);
	assert_int_equal(yesno(NULL, 10, 10, false), TALLY_REJECTED);
	assert_int_equal(yesno(">1/2", 10, 10, false), TALLY_REJECTED);
	assert_int_equal(yesno(">1/2", 11, 10, false), TALLY_PASSED);
}

static void
test_threshold_two_thirds(void **state)
{
	(void)state;
	assert_int_equal(yesno(">=2/3", 20, 10, false), TALLY_PASSED);
	assert_int_equal(yesno(">=2/3", 19, 10, false), TALLY_REJECTED);
	assert_int_equal(yesno(">2/3", 20, 10, false), TALLY_REJECTED);
}

static void
test_threshold_ratio(void **state)
{
	(void)state;
	assert_int_equal(yesno("3:1", 30, 10, false), TALLY_PASSED);
	assert_int_equal(yesno("3:1", 29, 10, false), TALLY_REJECTED);
	/* A ratio also needs more yes than no. */
	assert_int_equal(yesno("1:1", 10, 10, false), TALLY_REJECTED);
	assert_int_equal(yesno("3:1", 0, 0, false), TALLY_REJECTED);
}

static void
test_threshold_percent(void **state)
{
	(void)state;
	assert_int_equal(yesno("50%", 10, 10, false), TALLY_PASSED);
	assert_int_equal(yesno(">50%", 10, 10, false), TALLY_REJECTED);
	assert_int_equal(yesno("60%", 6, 4, false), TALLY_PASSED);
	assert_int_equal(yesno("60%", 5, 4, false), TALLY_REJECTED);
}

static void
test_yesno_tie_reported(void **state)
{
	(void)state;
	assert_int_equal(yesno(NULL, 10, 10, true), TALLY_TIED);
	assert_int_equal(yesno(">=1/2", 10, 10, true), TALLY_PASSED);
	assert_int_equal(yesno(NULL, 11, 10, true), TALLY_PASSED);
}

static void
test_parse_threshold_forms(void **state)
{
	struct tally_threshold	t;
	char			buf[32];

	(void)state;
	assert_int_equal(tally_parse_threshold(">=2/3", &t, NULL), 0);
	tally_threshold_format(&t, buf, sizeof buf);
	assert_string_equal(buf, ">=2/3");
	assert_int_equal(tally_parse_threshold("3:1", &t, NULL), 0);
	assert_int_equal(t.kind, TALLY_THRESHOLD_RATIO);
	tally_threshold_format(&t, buf, sizeof buf);
	assert_string_equal(buf, "3:1");
	assert_int_equal(tally_parse_threshold(" >50% ", &t, NULL), 0);
	tally_threshold_format(&t, buf, sizeof buf);
	assert_string_equal(buf, ">50%");
}

static void
test_parse_threshold_bad(void **state)
{
	struct tally_threshold	 t;
	char			*cause = NULL;

	(void)state;
	assert_int_equal(tally_parse_threshold("two thirds", &t, &cause),
	    -EINVAL);
	assert_non_null(strstr(cause, ">=2/3"));
	free(cause);
	assert_int_equal(tally_parse_threshold("3/2", &t, NULL), -EINVAL);
	assert_int_equal(tally_parse_threshold("1:3", &t, NULL), -EINVAL);
	assert_int_equal(tally_parse_threshold("120%", &t, NULL), -EINVAL);
}

static void
test_parse_quorum_bad(void **state)
{
	struct tally_quorum	 q;
	char			*cause = NULL;

	(void)state;
	assert_int_equal(tally_parse_quorum("a third", &q, &cause), -EINVAL);
	assert_non_null(strstr(cause, "30%"));
	free(cause);
	assert_int_equal(tally_parse_quorum("-3", &q, NULL), -EINVAL);
	assert_int_equal(tally_parse_quorum("12 ballots", &q, NULL), -EINVAL);
}

static void
test_parse_method(void **state)
{
	enum tally_method	 m;
	char			*cause = NULL;

	(void)state;
	assert_int_equal(tally_parse_method("Schulze", &m, NULL), 0);
	assert_int_equal(m, TALLY_SCHULZE);
	assert_int_equal(tally_parse_method("condorcet", &m, &cause),
	    -EINVAL);
	assert_non_null(strstr(cause, "schulze"));
	free(cause);
}

/* Consent and consensus. */

static void
test_consent(void **state)
{
	struct fixture	*f = fixture_text(TALLY_CONSENT, "12: ok\n");

	(void)state;
	run(f);
	assert_int_equal(f->r.outcome, TALLY_PASSED);
	fixture_free(f);
	f = fixture_text(TALLY_CONSENT, "12: ok\n1: object\n");
	run(f);
	assert_int_equal(f->r.outcome, TALLY_REJECTED);
	assert_non_null(strstr(f->r.summary, "1 objection"));
	fixture_free(f);
}

static void
test_consensus_block(void **state)
{
	struct fixture	*f = fixture_text(TALLY_CONSENSUS,
	    "20: agree\n1: block\n");

	(void)state;
	run(f);
	assert_int_equal(f->r.outcome, TALLY_REJECTED);
	assert_non_null(strstr(f->r.summary, "blocked"));
	fixture_free(f);
}

static void
test_consensus_threshold(void **state)
{
	struct fixture	*f = fixture_text(TALLY_CONSENSUS,
	    "8: agree\n5: abstain\n4: disagree\n");

	(void)state;
	assert_int_equal(tally_parse_threshold(">=2/3", &f->p.threshold,
	    NULL), 0);
	run(f);
	assert_int_equal(f->r.outcome, TALLY_PASSED);
	fixture_free(f);
	f = fixture_text(TALLY_CONSENSUS, "7: agree\n4: disagree\n");
	assert_int_equal(tally_parse_threshold(">=2/3", &f->p.threshold,
	    NULL), 0);
	run(f);
	assert_int_equal(f->r.outcome, TALLY_REJECTED);
	fixture_free(f);
}

/* Approval, plurality, score, dot. */

static void
test_approval_seats(void **state)
{
	struct fixture	*f = fixture_text(TALLY_APPROVAL,
	    "5: A, B\n3: C\n2: B, C\n1: D\n");

	(void)state;
	f->p.seats = 2;
	run(f);
	assert_int_equal(f->r.nwinners, 2);
	assert_string_equal(winner(f, 0), "B");
	assert_string_equal(winner(f, 1), "A");
	fixture_free(f);
}

static void
test_plurality_tie_broken_and_reported(void **state)
{
	struct fixture	*f = fixture_text(TALLY_PLURALITY,
	    "options: A, B, C\n3: B\n3: C\n1: A\n");

	(void)state;
	run(f);
	assert_int_equal(f->r.outcome, TALLY_PASSED);
	assert_string_equal(winner(f, 0), "B");
	fixture_free(f);

	f = fixture_text(TALLY_PLURALITY, "options: A, B, C\n3: B\n3: C\n");
	f->p.report_ties = true;
	run(f);
	assert_int_equal(f->r.outcome, TALLY_TIED);
	assert_int_equal(f->r.ntied, 2);
	assert_string_equal(f->r.summary, "tied: B and C have 3 votes "
	    "each.");
	fixture_free(f);
}

static void
test_plurality_one_choice(void **state)
{
	struct fixture	*f = fixture_text(TALLY_APPROVAL, "1: A, B\n");

	(void)state;
	f->p.method = TALLY_PLURALITY;
	assert_int_equal(tally_run(&f->b, &f->p, &f->r, &f->cause), -EINVAL);
	assert_non_null(strstr(f->cause, "line 1"));
	fixture_free(f);
}

static void
test_score_range(void **state)
{
	struct fixture	*f = fixture_text(TALLY_SCORE,
	    "2: A=5, B=3\n1: B=10\n");

	(void)state;
	run(f);
	assert_string_equal(winner(f, 0), "B");	/* 16 against 10 */
	fixture_free(f);
	f = fixture_text(TALLY_SCORE, "1: A=11\n");
	assert_int_equal(tally_run(&f->b, &f->p, &f->r, &f->cause), -EINVAL);
	assert_non_null(strstr(f->cause, "highest score"));
	fixture_free(f);
}

static void
test_dot_budget(void **state)
{
	struct fixture	*f = fixture_text(TALLY_DOT,
	    "1: A=6, B=4\n1: B=7, C=3\n");

	(void)state;
	run(f);
	assert_string_equal(winner(f, 0), "B");
	fixture_free(f);
	f = fixture_text(TALLY_DOT, "1: A=6, B=5\n");
	assert_int_equal(tally_run(&f->b, &f->p, &f->r, &f->cause), -EINVAL);
	assert_non_null(strstr(f->cause, "11 points"));
	fixture_free(f);
}

/* Schulze with a default option (Debian A.6). */

static void
test_schulze_default_majority_drop(void **state)
{
	struct fixture	*f = fixture_text(TALLY_SCHULZE,
	    "options: A, B, FD\n6: A > FD > B\n4: B > A > FD\n3: FD > B\n");
	json_t		*dr;

	(void)state;
	f->p.default_option = 2;
	run(f);
	/* B against FD: 4 for, 9 against: dropped. */
	dr = json_object_get(f->r.explain, "dropped");
	assert_int_equal(json_array_size(dr), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    dr, 0), "option")), "B");
	assert_string_equal(winner(f, 0), "A");
	fixture_free(f);
}

static void
test_schulze_supermajority(void **state)
{
	/* A beats FD 10 to 4: a majority, but not 3:1. */
	struct fixture	*f = fixture_text(TALLY_SCHULZE,
	    "options: A, FD\n10: A > FD\n4: FD > A\n");

	(void)state;
	f->p.default_option = 1;
	assert_int_equal(tally_parse_threshold("3:1", &f->p.threshold, NULL),
	    0);
	run(f);
	assert_int_equal(f->r.outcome, TALLY_REJECTED);
	assert_int_equal(f->r.nwinners, 0);
	assert_non_null(strstr(f->r.summary, "the default option FD wins"));
	fixture_free(f);

	f = fixture_text(TALLY_SCHULZE, "options: A, FD\n12: A > FD\n4: FD\n");
	f->p.default_option = 1;
	assert_int_equal(tally_parse_threshold("3:1", &f->p.threshold, NULL),
	    0);
	run(f);
	assert_int_equal(f->r.outcome, TALLY_PASSED);
	fixture_free(f);
}

static void
test_schulze_quorum_per_option(void **state)
{
	/* A above FD on 5 ballots, B on 12; quorum 10 drops A only. */
	struct fixture	*f = fixture_text(TALLY_SCHULZE,
	    "options: A, B, FD\n5: A > B > FD\n7: B > FD > A\n");
	json_t		*dr;

	(void)state;
	f->p.default_option = 2;
	assert_int_equal(tally_parse_quorum("10", &f->p.quorum, NULL), 0);
	run(f);
	dr = json_object_get(f->r.explain, "dropped");
	assert_int_equal(json_array_size(dr), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    dr, 0), "reason")), "quorum");
	assert_string_equal(winner(f, 0), "B");
	assert_int_equal(f->r.outcome, TALLY_PASSED);
	fixture_free(f);
}

static void
test_schulze_threshold_needs_default(void **state)
{
	struct fixture	*f = fixture_text(TALLY_SCHULZE, "1: A > B\n");

	(void)state;
	assert_int_equal(tally_parse_threshold("3:1", &f->p.threshold, NULL),
	    0);
	assert_int_equal(tally_run(&f->b, &f->p, &f->r, &f->cause), -EINVAL);
	fixture_free(f);
}

static void
test_schulze_seats(void **state)
{
	struct fixture	*f = fixture_file(TALLY_SCHULZE,
	    "wikipedia-schulze.txt");

	(void)state;
	f->p.seats = 2;
	run(f);
	assert_int_equal(f->r.nwinners, 2);
	assert_string_equal(winner(f, 0), "E");
	assert_string_equal(winner(f, 1), "A");
	fixture_free(f);
}

/* IRV ties. */

static void
test_irv_tie_broken_by_earlier_round(void **state)
{
	/*
	 * Round 1: A 6, B 4, C 3, D 2 -> D out (to C): C 5.
	 * Round 2: A 6, B 4, C 5... B out.  Build a tie instead:
	 * round 1 B 4, C 3, D 1 -> D out to C: B 4, C 4 tied; B had more
	 * in round 1, so C goes.
	 */
	struct fixture	*f = fixture_text(TALLY_IRV,
	    "options: A, B, C, D\n6: A\n4: B > A\n3: C > B\n1: D > C\n");
	json_t		*rd;

	(void)state;
	run(f);
	rd = json_array_get(json_object_get(f->r.explain, "rounds"), 1);
	assert_string_equal(json_string_value(json_array_get(json_object_get(
	    rd, "excluded"), 0)), "C");
	assert_non_null(strstr(json_string_value(json_object_get(rd,
	    "reason")), "round 1"));
	fixture_free(f);
}

static void
test_irv_tie_declaration_order(void **state)
{
	struct fixture	*f = fixture_text(TALLY_IRV,
	    "options: A, B\n3: A\n3: B\n");

	(void)state;
	run(f);
	/* Tied in every round: B, declared last, goes; A wins. */
	assert_string_equal(winner(f, 0), "A");
	fixture_free(f);

	f = fixture_text(TALLY_IRV, "options: A, B\n3: A\n3: B\n");
	f->p.report_ties = true;
	run(f);
	assert_int_equal(f->r.outcome, TALLY_TIED);
	assert_int_equal(f->r.ntied, 2);
	assert_int_equal(f->r.nwinners, 0);
	fixture_free(f);
}

static void
test_irv_equal_ranks_count_for_none(void **state)
{
	/* The 5 "B = C" ballots count for nobody until one of B, C goes. */
	struct fixture	*f = fixture_text(TALLY_IRV,
	    "options: A, B, C\n5: A\n5: B = C\n3: B\n2: C\n");
	json_t		*rd;

	(void)state;
	run(f);
	rd = json_array_get(json_object_get(f->r.explain, "rounds"), 0);
	assert_int_equal(json_integer_value(json_object_get(rd,
	    "tied_ballots")), 5);
	/* C goes (2), then B has 3 + 5 = 8 of 13 counted. */
	assert_string_equal(winner(f, 0), "B");
	fixture_free(f);
}

static void
test_irv_one_seat_only(void **state)
{
	struct fixture	*f = fixture_text(TALLY_IRV, "1: A > B\n");

	(void)state;
	f->p.seats = 2;
	assert_int_equal(tally_run(&f->b, &f->p, &f->r, &f->cause), -EINVAL);
	assert_non_null(strstr(f->cause, "stv"));
	fixture_free(f);
}

/* Choices of `moot vote`. */

static void
test_choice_forms(void **state)
{
	static char		*opts[] = { "Apples", "Pears", "Plums",
				     "Figs" };
	struct tally_params	 p;
	uint16_t		 m[4];

	(void)state;
	tally_params_init(&p, TALLY_YESNO);
	assert_int_equal(tally_parse_choice(&p, NULL, 0, "Yes", m, NULL), 0);
	assert_int_equal(m[0], 1);
	tally_params_init(&p, TALLY_CONSENSUS);
	assert_int_equal(tally_parse_choice(&p, NULL, 0, "block", m, NULL), 0);
	assert_int_equal(m[3], 1);
	tally_params_init(&p, TALLY_SCHULZE);
	assert_int_equal(tally_parse_choice(&p, opts, 4, "Pears>Apples=4>3",
	    m, NULL), 0);
	assert_int_equal(m[1], 1);
	assert_int_equal(m[0], 2);
	assert_int_equal(m[3], 2);
	assert_int_equal(m[2], 3);
	tally_params_init(&p, TALLY_APPROVAL);
	assert_int_equal(tally_parse_choice(&p, opts, 4, "1, plums", m, NULL),
	    0);
	assert_int_equal(m[0] + m[2], 2);
	tally_params_init(&p, TALLY_DOT);
	assert_int_equal(tally_parse_choice(&p, opts, 4, "Apples=5,Figs=3", m,
	    NULL), 0);
	assert_int_equal(m[3], 3);
}

/*
 * Option numbers past the last option are refused, whatever their digits
 * (a digit larger than the option count once wrapped the bound check and
 * wrote past the marks).
 */
static void
test_choice_number_out_of_range(void **state)
{
	static char		*opts[] = { "Apples", "Pears", "Plums" };
	static const char	*bad[] = { "4", "5", "9", "08", "99",
	    "99999999", "1, 7", "7>1" };
	static const enum tally_method methods[] = { TALLY_APPROVAL,
	    TALLY_PLURALITY, TALLY_SCHULZE, TALLY_IRV };
	struct tally_params	 p;
	uint16_t		*m;
	char			*cause = NULL;
	size_t			 i, j;

	(void)state;
	for (j = 0; j < MOOT_NITEMS(methods); j++) {
		tally_params_init(&p, methods[j]);
		for (i = 0; i < MOOT_NITEMS(bad); i++) {
			/* Exactly three marks: ASan sees any overrun. */
			m = xcalloc(3, sizeof *m);
			assert_int_equal(tally_parse_choice(&p, opts, 3,
			    bad[i], m, &cause), -EINVAL);
			assert_non_null(cause);
			free(cause);
			cause = NULL;
			free(m);
		}
	}
	tally_params_init(&p, TALLY_SCORE);
	m = xcalloc(3, sizeof *m);
	assert_int_equal(tally_parse_choice(&p, opts, 3, "9=5", m, &cause),
	    -EINVAL);
	free(cause);
	free(m);
}

static void
test_choice_malformed(void **state)
{
	static char		*opts[] = { "Apples", "Pears", "Plums" };
	struct tally_params	 p;
	uint16_t		 m[3];
	char			*cause = NULL;

	(void)state;
	tally_params_init(&p, TALLY_SCHULZE);
	assert_int_equal(tally_parse_choice(&p, opts, 3, "Apples,Pears", m,
	    &cause), -EINVAL);
	assert_non_null(strstr(cause, "Apples>Pears=Plums"));
	free(cause);
	assert_int_equal(tally_parse_choice(&p, opts, 3, "Apples>Kiwis", m,
	    &cause), -EINVAL);
	assert_non_null(strstr(cause, "no option 'Kiwis'"));
	free(cause);
	assert_int_equal(tally_parse_choice(&p, opts, 3, "1>Apples", m,
	    &cause), -EINVAL);
	assert_non_null(strstr(cause, "twice"));
	free(cause);
	tally_params_init(&p, TALLY_YESNO);
	assert_int_equal(tally_parse_choice(&p, NULL, 0, "maybe", m, &cause),
	    -EINVAL);
	assert_non_null(strstr(cause, "yes, no or abstain"));
	free(cause);
	tally_params_init(&p, TALLY_SCORE);
	assert_int_equal(tally_parse_choice(&p, opts, 3, "Apples=11", m,
	    &cause), -EINVAL);
	free(cause);
	assert_int_equal(tally_parse_choice(&p, opts, 3, "Apples", m,
	    &cause), -EINVAL);
	assert_non_null(strstr(cause, "Apples=5,Pears=3"));
	free(cause);
	tally_params_init(&p, TALLY_PLURALITY);
	assert_int_equal(tally_parse_choice(&p, opts, 3, "1,2", m, &cause),
	    -EINVAL);
	free(cause);
}

/* Properties on seeded random ballots. */

static uint64_t rng_state;

static uint32_t
rng(void)
{
	/* xorshift64*: fixed seeds, the same ballots on every machine. */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return ((uint32_t)((rng_state * 2685821657736338717ULL) >> 32));
}

/* n groups of random ballots of the method's kind over k options. */
static void
random_ballots(struct tally_ballots *b, enum tally_method m, size_t k,
    size_t n)
{
	uint16_t	row[16];
	size_t		i, j, len;
	char		name[32];

	for (i = 0; i < k; i++) {
		snprintf(name, sizeof name, "O%zu", i);
		assert_true(tally_ballots_add_option(b, name, NULL) >= 0);
	}
	for (i = 0; i < n; i++) {
		memset(row, 0, sizeof row);
		switch (tally_method_ballot_kind(m)) {
		case TALLY_BALLOT_RANKED:
			len = 1 + rng() % k;
			for (j = 0; j < len; j++)
				row[rng() % k] = (uint16_t)(1 + rng() % len);
			break;
		case TALLY_BALLOT_APPROVAL:
			if (m == TALLY_PLURALITY)
				row[rng() % k] = 1;
			else {
				for (j = 0; j < k; j++)
					row[j] = rng() % 3 == 0;
			}
			break;
		case TALLY_BALLOT_SCORE:
		case TALLY_BALLOT_CHOICE:
			row[rng() % k] = (uint16_t)(rng() % 11);
			break;
		}
		tally_ballots_add(b, 1 + rng() % 5, row, 0);
	}
}

static void
shuffle_groups(struct tally_ballots *b)
{
	size_t		i, j, n = b->noptions;
	uint32_t	c;
	uint16_t	tmp[16];

	for (i = b->ngroups; i > 1; i--) {
		j = rng() % i;
		c = b->counts[i - 1];
		b->counts[i - 1] = b->counts[j];
		b->counts[j] = c;
		memcpy(tmp, tally_ballots_row(b, i - 1), n * sizeof *tmp);
		memcpy(tally_ballots_row(b, i - 1), tally_ballots_row(b, j),
		    n * sizeof *tmp);
		memcpy(tally_ballots_row(b, j), tmp, n * sizeof *tmp);
	}
}

static char *
result_text(struct tally_result *r)
{
	return (json_dumps(r->explain, JSON_SORT_KEYS | JSON_COMPACT));
}

static void
test_property_order_never_matters(void **state)
{
	static const enum tally_method	 ms[] = { TALLY_SCHULZE, TALLY_IRV,
					     TALLY_STV, TALLY_APPROVAL,
					     TALLY_PLURALITY, TALLY_SCORE };
	struct fixture			*f;
	struct tally_result		 r;
	char				*first, *again;
	size_t				 i, round, trial;

	(void)state;
	rng_state = 0x5eed0001;
	for (i = 0; i < MOOT_NITEMS(ms); i++) {
		for (trial = 0; trial < 5; trial++) {
			f = fixture_new(ms[i]);
			random_ballots(&f->b, ms[i], 3 + rng() % 5, 40);
			if (ms[i] == TALLY_STV)
				f->p.seats = 2;
			run(f);
			first = result_text(&f->r);
			for (round = 0; round < 4; round++) {
				shuffle_groups(&f->b);
				assert_int_equal(tally_run(&f->b, &f->p, &r,
				    NULL), 0);
				again = result_text(&r);
				assert_string_equal(first, again);
				free(again);
				tally_result_free(&r);
			}
			free(first);
			fixture_free(f);
		}
	}
}

static void
test_property_raising_winner_keeps_it(void **state)
{
	static const enum tally_method	 ms[] = { TALLY_APPROVAL,
					     TALLY_PLURALITY, TALLY_SCHULZE };
	struct fixture			*f;
	struct tally_result		 r;
	size_t				 i, trial, g, w, j, k, n;
	uint16_t			*row, best;

	(void)state;
	rng_state = 0x5eed0002;
	for (i = 0; i < MOOT_NITEMS(ms); i++) {
		for (trial = 0; trial < 40; trial++) {
			f = fixture_new(ms[i]);
			n = 3 + rng() % 4;
			random_ballots(&f->b, ms[i], n, 25);
			run(f);
			if (f->r.outcome != TALLY_PASSED) {
				fixture_free(f);
				continue;
			}
			w = f->r.winners[0];
			/* Raise w on some ballots. */
			for (g = 0; g < f->b.ngroups; g++) {
				if (rng() % 3 != 0)
					continue;
				row = tally_ballots_row(&f->b, g);
				switch (ms[i]) {
				case TALLY_APPROVAL:
					row[w] = 1;
					break;
				case TALLY_PLURALITY:
					for (k = 0; k < n; k++)
						row[k] = 0;
					row[w] = 1;
					break;
				default:
					/* Move w to the top alone. */
					best = 0xffff;
					for (j = 0; j < n; j++) {
						if (j != w && row[j] != 0 &&
						    row[j] < best)
							best = row[j];
					}
					for (j = 0; j < n; j++) {
						if (row[j] != 0)
							row[j]++;
					}
					row[w] = 1;
					(void)best;
					break;
				}
			}
			assert_int_equal(tally_run(&f->b, &f->p, &r, NULL), 0);
			assert_int_equal(r.outcome, TALLY_PASSED);
			assert_int_equal(r.winners[0], w);
			tally_result_free(&r);
			fixture_free(f);
		}
	}
}

/*
 * Debian A.6 steps 4-8 done literally: drop the weakest defeats in the
 * Schwartz set until none is left there. Returns the winners as flags.
 */
static void
ssd_winners(const uint64_t *d, size_t n, bool *win)
{
	bool	defeat[16][16], tr[16][16], schwartz[16];
	size_t	i, j, k, ndef;

	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			defeat[i][j] = i != j && d[i * n + j] > d[j * n + i];
	for (;;) {
		memcpy(tr, defeat, sizeof tr);
		for (k = 0; k < n; k++)
			for (i = 0; i < n; i++)
				for (j = 0; j < n; j++)
					if (tr[i][k] && tr[k][j])
						tr[i][j] = true;
		for (i = 0; i < n; i++) {
			schwartz[i] = true;
			for (j = 0; j < n; j++) {
				if (j != i && tr[j][i] && !tr[i][j])
					schwartz[i] = false;
			}
		}
		/* The weakest defeats inside the Schwartz set. */
		ndef = 0;
		uint64_t wv = UINT64_MAX, lv = 0;
		for (i = 0; i < n; i++)
			for (j = 0; j < n; j++) {
				if (!defeat[i][j] || !schwartz[i] ||
				    !schwartz[j])
					continue;
				ndef++;
				if (d[i * n + j] < wv || (d[i * n + j] == wv &&
				    d[j * n + i] > lv)) {
					wv = d[i * n + j];
					lv = d[j * n + i];
				}
			}
		if (ndef == 0)
			break;
		for (i = 0; i < n; i++)
			for (j = 0; j < n; j++) {
				if (defeat[i][j] && schwartz[i] &&
				    schwartz[j] && d[i * n + j] == wv &&
				    d[j * n + i] == lv)
					defeat[i][j] = false;
			}
	}
	for (i = 0; i < n; i++)
		win[i] = schwartz[i];
}

static void
test_property_schulze_equals_debian_ssd(void **state)
{
	struct fixture	*f;
	uint64_t	 d[16 * 16];
	bool		 win[16], pw[16];
	size_t		 trial, n, i, j;
	json_t		*a, *e;

	(void)state;
	rng_state = 0x5eed0003;
	for (trial = 0; trial < 300; trial++) {
		f = fixture_new(TALLY_SCHULZE);
		n = 3 + rng() % 5;
		random_ballots(&f->b, TALLY_SCHULZE, n, 4 + rng() % 12);
		run(f);
		for (i = 0; i < n; i++)
			for (j = 0; j < n; j++)
				d[i * n + j] = (uint64_t)cell(f, "d", i, j);
		ssd_winners(d, n, win);
		memset(pw, 0, sizeof pw);
		a = json_object_get(f->r.explain, "potential_winners");
		json_array_foreach(a, i, e)
			pw[tally_ballots_find(&f->b, json_string_value(e))] =
			    true;
		for (i = 0; i < n; i++)
			assert_int_equal(win[i], pw[i]);
		fixture_free(f);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wikipedia_schulze_matrices),
		cmocka_unit_test(test_wikipedia_schulze_winner),
		cmocka_unit_test(test_schulze_example2),
		cmocka_unit_test(test_schulze_example3),
		cmocka_unit_test(test_schulze_example4_tie_broken),
		cmocka_unit_test(test_schulze_example4_tie_reported),
		cmocka_unit_test(test_debian_2002_winner),
		cmocka_unit_test(test_debian_2002_default_row),
		cmocka_unit_test(test_tennessee_irv),
		cmocka_unit_test(test_tennessee_schulze),
		cmocka_unit_test(test_stv_food),
		cmocka_unit_test(test_stv_transfer_value_truncated),
		cmocka_unit_test(test_stv_rule52_fills_last_seats),
		cmocka_unit_test(test_stv_equal_first_is_invalid),
		cmocka_unit_test(test_quorum_share_not_met),
		cmocka_unit_test(test_quorum_share_met),
		cmocka_unit_test(test_quorum_fraction_rounds_up),
		cmocka_unit_test(test_quorum_count_abstentions_count),
		cmocka_unit_test(test_quorum_share_needs_eligible),
		cmocka_unit_test(test_eligible_fewer_than_ballots),
		cmocka_unit_test(test_threshold_simple_majority),
		cmocka_unit_test(test_threshold_two_thirds),
		cmocka_unit_test(test_threshold_ratio),
		cmocka_unit_test(test_threshold_percent),
		cmocka_unit_test(test_yesno_tie_reported),
		cmocka_unit_test(test_parse_threshold_forms),
		cmocka_unit_test(test_parse_threshold_bad),
		cmocka_unit_test(test_parse_quorum_bad),
		cmocka_unit_test(test_parse_method),
		cmocka_unit_test(test_consent),
		cmocka_unit_test(test_consensus_block),
		cmocka_unit_test(test_consensus_threshold),
		cmocka_unit_test(test_approval_seats),
		cmocka_unit_test(test_plurality_tie_broken_and_reported),
		cmocka_unit_test(test_plurality_one_choice),
		cmocka_unit_test(test_score_range),
		cmocka_unit_test(test_dot_budget),
		cmocka_unit_test(test_schulze_default_majority_drop),
		cmocka_unit_test(test_schulze_supermajority),
		cmocka_unit_test(test_schulze_quorum_per_option),
		cmocka_unit_test(test_schulze_threshold_needs_default),
		cmocka_unit_test(test_schulze_seats),
		cmocka_unit_test(test_irv_tie_broken_by_earlier_round),
		cmocka_unit_test(test_irv_tie_declaration_order),
		cmocka_unit_test(test_irv_equal_ranks_count_for_none),
		cmocka_unit_test(test_irv_one_seat_only),
		cmocka_unit_test(test_choice_forms),
		cmocka_unit_test(test_choice_malformed),
		cmocka_unit_test(test_choice_number_out_of_range),
		cmocka_unit_test(test_property_order_never_matters),
		cmocka_unit_test(test_property_raising_winner_keeps_it),
		cmocka_unit_test(test_property_schulze_equals_debian_ssd),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
