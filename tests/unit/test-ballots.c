/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Tests of the ballot file readers (ballots.h): each syntax of
 * moot-ballots(5), names with spaces and accents, the options line,
 * comments, errors naming the line, and each PrefLib variant (.soc,
 * .soi, .toc, .toi, the current header and the older numeric one).
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

#ifndef TALLY_DATA_DIR
#define TALLY_DATA_DIR "tests/tally"
#endif

static int
parse(const char *text, enum ballots_format fmt, enum tally_ballot_kind kind,
    struct tally_ballots *b, char **cause)
{
	tally_ballots_init(b);
	return (ballots_read_string(text, "votes.txt", fmt, kind, b, cause));
}

/* The mark of option `name` in group g. */
static unsigned
mark(struct tally_ballots *b, size_t g, const char *name)
{
	size_t	i = tally_ballots_find(b, name);

	assert_true(i != TALLY_NO_OPTION);
	return (tally_ballots_row(b, g)[i]);
}

/* Parse text expecting an error that mentions want. */
static void
expect_error(const char *text, enum ballots_format fmt,
    enum tally_ballot_kind kind, const char *want)
{
	struct tally_ballots	 b;
	char			*cause = NULL;

	assert_int_equal(parse(text, fmt, kind, &b, &cause), -EINVAL);
	if (strstr(cause, want) == NULL)
		fail_msg("'%s' does not say '%s'", cause, want);
	free(cause);
	tally_ballots_free(&b);
}

static void
test_ranked(void **state)
{
	struct tally_ballots	b;

	(void)state;
	assert_int_equal(parse("12: A > B = C > D\n3: D\n", BALLOTS_MOOT,
	    TALLY_BALLOT_RANKED, &b, NULL), 0);
	assert_int_equal(b.noptions, 4);
	assert_int_equal(b.ngroups, 2);
	assert_int_equal(b.counts[0], 12);
	assert_int_equal(mark(&b, 0, "A"), 1);
	assert_int_equal(mark(&b, 0, "B"), 2);
	assert_int_equal(mark(&b, 0, "C"), 2);
	assert_int_equal(mark(&b, 0, "D"), 3);
	/* Options a ranked ballot leaves out are unranked (tied last). */
	assert_int_equal(mark(&b, 1, "A"), 0);
	assert_int_equal(b.lines[1], 2);
	tally_ballots_free(&b);
}

static void
test_approval_and_score(void **state)
{
	struct tally_ballots	b;

	(void)state;
	assert_int_equal(parse("5: A, B\n", BALLOTS_MOOT,
	    TALLY_BALLOT_APPROVAL, &b, NULL), 0);
	assert_int_equal(mark(&b, 0, "B"), 1);
	tally_ballots_free(&b);
	assert_int_equal(parse("2: A=5, B=3\n1: B = 0\n", BALLOTS_MOOT,
	    TALLY_BALLOT_SCORE, &b, NULL), 0);
	assert_int_equal(mark(&b, 0, "A"), 5);
	assert_int_equal(mark(&b, 0, "B"), 3);
	assert_int_equal(mark(&b, 1, "B"), 0);
	tally_ballots_free(&b);
}

static void
test_choice(void **state)
{
	struct tally_ballots	 b;
	char			*cause = NULL;

	(void)state;
	tally_ballots_init(&b);
	tally_ballots_init_choices(&b, TALLY_YESNO);
	assert_int_equal(ballots_read_string("14: yes\n6: No\n3: abstain\n",
	    "v", BALLOTS_MOOT, TALLY_BALLOT_CHOICE, &b, NULL), 0);
	assert_int_equal(b.noptions, 3);
	assert_int_equal(mark(&b, 1, "no"), 1);
	tally_ballots_free(&b);

	tally_ballots_init(&b);
	tally_ballots_init_choices(&b, TALLY_YESNO);
	assert_int_equal(ballots_read_string("1: yes\n2: maybe\n", "v",
	    BALLOTS_MOOT, TALLY_BALLOT_CHOICE, &b, &cause), -EINVAL);
	assert_non_null(strstr(cause, "v:2: 'maybe' is not a choice"));
	assert_non_null(strstr(cause, "yes, no or abstain"));
	free(cause);
	tally_ballots_free(&b);
}

static void
test_names_spaces_accents(void **state)
{
	struct tally_ballots	b;

	(void)state;
	assert_int_equal(parse("12:   Raphaël Hertzog  >  None Of The Above "
	    "\n", BALLOTS_MOOT, TALLY_BALLOT_RANKED, &b, NULL), 0);
	assert_string_equal(b.options[0], "Raphaël Hertzog");
	assert_string_equal(b.options[1], "None Of The Above");
	tally_ballots_free(&b);
}

static void
test_options_line_comments_blank(void **state)
{
	struct tally_ballots	b;

	(void)state;
	assert_int_equal(parse("# an election\n\noptions: A, B, Nobody Ranked "
	    "Me\n  \n3: B > A   # three of these\n", BALLOTS_MOOT,
	    TALLY_BALLOT_RANKED, &b, NULL), 0);
	assert_int_equal(b.noptions, 3);
	assert_string_equal(b.options[2], "Nobody Ranked Me");
	assert_int_equal(b.ngroups, 1);
	assert_int_equal(mark(&b, 0, "B"), 1);
	tally_ballots_free(&b);
}

static void
test_blank_ballot(void **state)
{
	struct tally_ballots	b;

	(void)state;
	assert_int_equal(parse("options: A\n4:\n", BALLOTS_MOOT,
	    TALLY_BALLOT_RANKED, &b, NULL), 0);
	assert_int_equal(b.ngroups, 1);
	assert_int_equal(tally_ballots_total(&b), 4);
	tally_ballots_free(&b);
}

static void
test_errors_name_the_line(void **state)
{
	(void)state;
	expect_error("1: A\nA > B\n", BALLOTS_MOOT, TALLY_BALLOT_RANKED,
	    "votes.txt:2: expected a count of ballots");
	expect_error("1: A, B\n", BALLOTS_MOOT, TALLY_BALLOT_RANKED,
	    "votes.txt:1: ',' separates approvals");
	expect_error("\n\n1: A > B > A\n", BALLOTS_MOOT, TALLY_BALLOT_RANKED,
	    "votes.txt:3: 'A' is ranked twice");
	expect_error("1: A > > B\n", BALLOTS_MOOT, TALLY_BALLOT_RANKED,
	    "votes.txt:1: an option name is missing");
	expect_error("1: A\noptions: A, B\n", BALLOTS_MOOT,
	    TALLY_BALLOT_RANKED, "votes.txt:2: the options line must come");
	expect_error("0: A\n", BALLOTS_MOOT, TALLY_BALLOT_RANKED,
	    "votes.txt:1: a count must be at least 1");
	expect_error("1: A > B\n", BALLOTS_MOOT, TALLY_BALLOT_APPROVAL,
	    "votes.txt:1: '>' does not belong");
	expect_error("1: A=x\n", BALLOTS_MOOT, TALLY_BALLOT_SCORE,
	    "votes.txt:1: 'x' is not a number");
	expect_error("1: A, B\n", BALLOTS_MOOT, TALLY_BALLOT_SCORE,
	    "votes.txt:1: 'A' has no points");
	expect_error("1: \xff\n", BALLOTS_MOOT, TALLY_BALLOT_RANKED,
	    "votes.txt:1: not valid UTF-8");
	expect_error("options: A, A\n", BALLOTS_MOOT, TALLY_BALLOT_RANKED,
	    "declared twice");
}

static void
test_preflib_soi_file(void **state)
{
	struct tally_ballots	 b;
	char			*cause = NULL;

	(void)state;
	tally_ballots_init(&b);
	if (ballots_load(TALLY_DATA_DIR "/debian-dpl-2002.soi",
	    TALLY_BALLOT_RANKED, &b, &cause) != 0)
		fail_msg("%s", cause);
	assert_int_equal(b.noptions, 4);
	assert_string_equal(b.options[2], "Bdale Garbee");
	assert_int_equal(b.ngroups, 41);
	assert_int_equal(tally_ballots_total(&b), 475);
	/* "60: 3,1,2,4" */
	assert_int_equal(mark(&b, 0, "Bdale Garbee"), 1);
	assert_int_equal(mark(&b, 0, "None Of The Above"), 4);
	/* "9: 3" leaves the others unranked. */
	assert_int_equal(mark(&b, 14, "Branden Robinson"), 0);
	tally_ballots_free(&b);
}

static const char preflib_head[] =
    "# FILE NAME: test\n# DATA TYPE: %s\n# NUMBER ALTERNATIVES: 3\n"
    "# ALTERNATIVE NAME 1: Ann Lee\n# ALTERNATIVE NAME 2: Bö\n"
    "# ALTERNATIVE NAME 3: Cy\n";

static int
preflib(const char *type, enum ballots_format fmt, const char *orders,
    struct tally_ballots *b, char **cause)
{
	char	text[1024];
	int	error;

	snprintf(text, sizeof text, preflib_head, type);
	strncat(text, orders, sizeof text - strlen(text) - 1);
	error = parse(text, fmt, TALLY_BALLOT_RANKED, b, cause);
	return (error);
}

static void
test_preflib_soc(void **state)
{
	struct tally_ballots	 b;
	char			*cause = NULL;

	(void)state;
	assert_int_equal(preflib("soc", BALLOTS_SOC, "4: 2,1,3\n", &b, NULL),
	    0);
	assert_int_equal(mark(&b, 0, "Bö"), 1);
	tally_ballots_free(&b);
	assert_int_equal(preflib("soc", BALLOTS_SOC, "4: 2,1\n", &b, &cause),
	    -EINVAL);
	assert_non_null(strstr(cause, "ranks all 3"));
	free(cause);
	tally_ballots_free(&b);
}

static void
test_preflib_toc_ties(void **state)
{
	struct tally_ballots	 b;
	char			*cause = NULL;

	(void)state;
	assert_int_equal(preflib("toc", BALLOTS_TOC, "5: 3,{1,2}\n", &b,
	    NULL), 0);
	assert_int_equal(mark(&b, 0, "Cy"), 1);
	assert_int_equal(mark(&b, 0, "Ann Lee"), 2);
	assert_int_equal(mark(&b, 0, "Bö"), 2);
	tally_ballots_free(&b);
	assert_int_equal(preflib("soi", BALLOTS_SOI, "5: 3,{1,2}\n", &b,
	    &cause), -EINVAL);
	assert_non_null(strstr(cause, "votes.txt:7: a strict order"));
	free(cause);
	tally_ballots_free(&b);
}

static void
test_preflib_toi(void **state)
{
	struct tally_ballots	b;

	(void)state;
	assert_int_equal(preflib("toi", BALLOTS_TOI, "2: {2,3}\n1: 1\n", &b,
	    NULL), 0);
	assert_int_equal(mark(&b, 0, "Bö"), 1);
	assert_int_equal(mark(&b, 0, "Cy"), 1);
	assert_int_equal(mark(&b, 1, "Cy"), 0);
	tally_ballots_free(&b);
}

static void
test_preflib_old_format(void **state)
{
	struct tally_ballots	b;

	(void)state;
	assert_int_equal(parse("3\n1,Ann\n2,Bob\n3,Cy\n9,9,2\n5,1,{2,3}\n"
	    "4,3,2,1\n", BALLOTS_TOC, TALLY_BALLOT_RANKED, &b, NULL), 0);
	assert_int_equal(b.noptions, 3);
	assert_int_equal(b.ngroups, 2);
	assert_int_equal(b.counts[1], 4);
	assert_int_equal(mark(&b, 0, "Bob"), 2);
	assert_int_equal(mark(&b, 1, "Cy"), 1);
	tally_ballots_free(&b);
}

static void
test_preflib_errors(void **state)
{
	(void)state;
	expect_error("# NUMBER ALTERNATIVES: 2\n1: 1,3\n", BALLOTS_SOI,
	    TALLY_BALLOT_RANKED, "alternative 3 is used");
	expect_error("# NUMBER ALTERNATIVES: 2\n1: 1,1\n", BALLOTS_SOI,
	    TALLY_BALLOT_RANKED, "votes.txt:2: alternative 1 appears twice");
	expect_error("1: 1,2\n", BALLOTS_SOI, TALLY_BALLOT_APPROVAL,
	    "PrefLib files hold rankings");
}

static void
test_format_of(void **state)
{
	(void)state;
	assert_int_equal(ballots_format_of("a/b.soc"), BALLOTS_SOC);
	assert_int_equal(ballots_format_of("x.TOI"), BALLOTS_TOI);
	assert_int_equal(ballots_format_of("votes.txt"), BALLOTS_MOOT);
	assert_int_equal(ballots_format_of("dir.soi/votes"), BALLOTS_MOOT);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ranked),
		cmocka_unit_test(test_approval_and_score),
		cmocka_unit_test(test_choice),
		cmocka_unit_test(test_names_spaces_accents),
		cmocka_unit_test(test_options_line_comments_blank),
		cmocka_unit_test(test_blank_ballot),
		cmocka_unit_test(test_errors_name_the_line),
		cmocka_unit_test(test_preflib_soi_file),
		cmocka_unit_test(test_preflib_soc),
		cmocka_unit_test(test_preflib_toc_ties),
		cmocka_unit_test(test_preflib_toi),
		cmocka_unit_test(test_preflib_old_format),
		cmocka_unit_test(test_preflib_errors),
		cmocka_unit_test(test_format_of),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
