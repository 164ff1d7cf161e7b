/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Tests of the queries the full-screen interface pages through (query.c):
 * list with a search (words matched as words, never as FTS5 syntax; the
 * last word a prefix; redacted text never found; edited text found), in
 * each order with keyset paging that neither repeats nor skips a
 * proposal, its total, and that each order walks an index rather than
 * sorting; log backwards from before; the ballots and passed proposals
 * of each member; and moot check with the search index.
 *
 * alice leads; bob and carol are members. Every proposal is decided
 * under the rule "r": yes/no, a quorum of all three, a day of voting
 * that runs on to three days for want of quorum.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "moot/core.h"

#define AGREEMENT_VERSION	"1"
#define HOUR			(3600LL * 1000)
#define MAX_IDS			64

static const struct actor alice = { 1000, "alice" };	/* leader */
static const struct actor bob = { 1001, "bob" };	/* member */
static const struct actor carol = { 1002, "carol" };	/* member */

struct fixture {
	struct core	*c;
	int64_t		 now;
};

static int64_t
fixed_clock(void *arg)
{
	struct fixture	*f = arg;

	return (f->now += 1000);
}

/* Submit expecting success; the result, which the caller frees. */
static json_t *
submit_json(struct core *c, const struct actor *a, const char *type,
    json_t *args)
{
	json_t	*result = NULL;
	char	*cause = NULL;

	if (core_submit(c, a, type, args, &result, &cause) != 0)
		fail_msg("%s by %s: %s", type, a->name, cause);
	assert_non_null(result);
	json_decref(args);
	return (result);
}

static int64_t
jint(json_t *o, const char *key)
{
	return (json_integer_value(json_object_get(o, key)));
}

static const char *
jstr(json_t *o, const char *key)
{
	return (json_string_value(json_object_get(o, key)));
}

/* Submit expecting success; the result's "id" (or 0). */
static int64_t
submit_ok(struct core *c, const struct actor *a, const char *type,
    json_t *args)
{
	json_t	*r = submit_json(c, a, type, args);
	int64_t	 id = jint(r, "id");

	json_decref(r);
	return (id);
}

static json_t *
query(core_query_fn *fn, struct core *c, const struct actor *a, json_t *args)
{
	json_t	*result = NULL;
	char	*cause = NULL;

	if (args == NULL)
		args = json_object();
	if (fn(c, a, args, &result, &cause) != 0)
		fail_msg("query: %s", cause);
	json_decref(args);
	assert_non_null(result);
	return (result);
}

/* A query expected to fail with err and a cause containing want. */
static void
query_refused(core_query_fn *fn, struct core *c, json_t *args, int err,
    const char *want)
{
	json_t	*result = NULL;
	char	*cause = NULL;
	int	 error;

	error = fn(c, &bob, args, &result, &cause);
	json_decref(args);
	if (error != err)
		fail_msg("got %d (%s), want %d", error,
		    cause != NULL ? cause : "", err);
	assert_null(result);
	assert_non_null(cause);
	if (strstr(cause, want) == NULL)
		fail_msg("cause \"%s\" does not contain \"%s\"", cause, want);
	free(cause);
}

static int
setup(void **state)
{
	struct fixture	*f = xcalloc(1, sizeof *f);
	json_t		*args;
	char		*cause = NULL;

	f->now = 1700000000000LL;
	assert_int_equal(core_open(NULL, CORE_CREATE, &f->c, &cause), 0);
	core_set_clock(f->c, fixed_clock, f);
	args = json_pack("{s:s,s:s,s:s,s:s,s:s}", "name", "Allotment",
	    "agreement", "Be kind.", "agreement_version", AGREEMENT_VERSION,
	    "licence", "CC-BY-SA-4.0", "membership", "open");
	json_object_set_new(args, "rules", json_loads("{\"rules\":{\"r\":{"
	    "\"method\":\"yesno\",\"quorum\":\"3\",\"duration\":\"1d\","
	    "\"max_duration\":\"3d\"}},\"governance\":{\"motions\":\"r\","
	    "\"amendments\":\"r\",\"polls\":\"r\",\"elections\":\"r\"}}", 0,
	    NULL));
	submit_ok(f->c, &alice, "community.created", args);
	submit_ok(f->c, &bob, "member.joined", json_pack("{s:s}",
	    "agreement_version", AGREEMENT_VERSION));
	submit_ok(f->c, &carol, "member.joined", json_pack("{s:s}",
	    "agreement_version", AGREEMENT_VERSION));
	*state = f;
	return (0);
}

static int
teardown(void **state)
{
	struct fixture	*f = *state;

	core_close(f->c);
	free(f);
	return (0);
}

/* A proposal in discussion (or a draft); its id, and its event's seq. */
static int64_t
propose_seq(struct fixture *f, const struct actor *a, const char *title,
    const char *body, bool draft, int64_t *seq)
{
	json_t	*r;
	int64_t	 id;

	r = submit_json(f->c, a, "proposal.created", json_pack(
	    "{s:s,s:s,s:b}", "title", title, "body", body, "draft", draft));
	id = jint(r, "id");
	if (seq != NULL)
		*seq = jint(r, "seq");
	json_decref(r);
	return (id);
}

static int64_t
propose(struct fixture *f, const struct actor *a, const char *title)
{
	return (propose_seq(f, a, title, "Details.", false, NULL));
}

static void
comment(struct fixture *f, int64_t id)
{
	submit_ok(f->c, &carol, "comment.added", json_pack("{s:I,s:s}",
	    "proposal", (json_int_t)id, "body", "Agreed."));
}

static void
open_vote(struct fixture *f, int64_t id)
{
	json_t	*p;

	p = query(query_show, f->c, &alice, json_pack("{s:I}", "id",
	    (json_int_t)id));
	submit_ok(f->c, json_integer_value(json_object_get(p, "author_uid")) ==
	    bob.uid ? &bob : &alice, "vote.opened", json_pack("{s:I}", "id",
	    (json_int_t)id));
	json_decref(p);
}

static void
settle(struct fixture *f)
{
	char	*cause = NULL;

	if (core_settle(f->c, 0, &cause) < 0)
		fail_msg("settle: %s", cause);
}

static void
vote(struct fixture *f, const struct actor *a, int64_t id, const char *choice)
{
	submit_ok(f->c, a, "ballot.cast", json_pack("{s:I,s:s}", "id",
	    (json_int_t)id, "choice", choice));
	settle(f);
}

/* A vote's deadline (key "closes_ts" or "max_ts") from show. */
static int64_t
deadline(struct fixture *f, int64_t id, const char *key)
{
	json_t	*p;
	int64_t	 ts;

	p = query(query_show, f->c, &alice, json_pack("{s:I}", "id",
	    (json_int_t)id));
	ts = jint(json_object_get(p, "vote"), key);
	json_decref(p);
	return (ts);
}

/* The ids of one page of list, as "3 2 1", and its reply. */
static char *
list_ids(struct fixture *f, json_t *args, json_t **reply)
{
	struct buf	 b;
	json_t		*r, *row;
	size_t		 i;

	r = query(query_list, f->c, &bob, args);
	buf_init(&b);
	json_array_foreach(json_object_get(r, "proposals"), i, row)
		buf_addf(&b, "%s%lld", i == 0 ? "" : " ",
		    (long long)jint(row, "id"));
	buf_addc(&b, '\0');
	if (reply != NULL)
		*reply = r;
	else
		json_decref(r);
	return (buf_steal(&b, NULL));
}

/* list with args (which it takes) shows exactly the ids in want. */
static void
assert_list(struct fixture *f, json_t *args, const char *want)
{
	char	*ids = list_ids(f, args, NULL);

	if (strcmp(ids, want) != 0)
		fail_msg("list: ids \"%s\", want \"%s\"", ids, want);
	free(ids);
}

/* A search alone. */
static void
assert_search(struct fixture *f, const char *search, const char *want)
{
	assert_list(f, json_pack("{s:s}", "search", search), want);
}

/*
 * Every page of list with args (taken) and limit, passing each next back
 * as cursor: the ids of all pages, as "3 2 1". Each page holds at most
 * limit, only the last has next null, and each page's total is the
 * same as the number of ids in all.
 */
static char *
list_pages(struct fixture *f, json_t *args, int limit)
{
	struct buf	 b;
	json_t		*page, *r, *next = NULL;
	char		*ids;
	int64_t		 total = -1, n = 0;
	int		 pages = 0;

	buf_init(&b);
	json_object_set_new(args, "limit", json_integer(limit));
	for (;;) {
		page = json_deep_copy(args);
		if (next != NULL)
			json_object_set(page, "cursor", next);
		json_decref(next);
		ids = list_ids(f, page, &r);
		n += (int64_t)json_array_size(json_object_get(r,
		    "proposals"));
		assert_true(json_array_size(json_object_get(r,
		    "proposals")) <= (size_t)limit);
		if (total == -1)
			total = jint(r, "total");
		assert_int_equal(jint(r, "total"), total);
		if (*ids != '\0')
			buf_addf(&b, "%s%s", b.len == 0 ? "" : " ", ids);
		free(ids);
		next = json_incref(json_object_get(r, "next"));
		json_decref(r);
		if (json_is_null(next))
			break;
		/* A full page says there is more; the next is not empty. */
		assert_true(++pages < MAX_IDS);
	}
	json_decref(next);
	json_decref(args);
	assert_int_equal(n, total);
	buf_addc(&b, '\0');
	return (buf_steal(&b, NULL));
}

static void
assert_pages(struct fixture *f, json_t *args, int limit, const char *want)
{
	char	*ids = list_pages(f, args, limit);

	if (strcmp(ids, want) != 0)
		fail_msg("pages of %d: ids \"%s\", want \"%s\"", limit, ids,
		    want);
	free(ids);
}

/* --- search --- */

static void
test_search_words_and_prefix(void **state)
{
	struct fixture	*f = *state;

	propose(f, &bob, "Buy a wheelbarrow");
	propose(f, &bob, "Fix the roof");
	propose_seq(f, &carol, "Chores", "Turn the wheel of chores weekly.",
	    false, NULL);
	assert_search(f, "wheelbarrow", "1");
	assert_search(f, "ROOF", "2");
	assert_search(f, "chores", "3");
	/* Every word must match; the last is a prefix. */
	assert_search(f, "fix roof", "2");
	assert_search(f, "fix wheelbarrow", "");
	assert_search(f, "whee", "3 1");
	assert_search(f, "wheel", "3 1");
	assert_search(f, "whee chores", "");
	assert_search(f, "chores whee", "3");
	assert_search(f, "lawnmower", "");
	/* Diacritics fold: "cafe" finds "Café". */
	propose(f, &bob, "Café on Fridays");
	assert_search(f, "cafe", "4");
}

static void
test_search_no_match_total(void **state)
{
	struct fixture	*f = *state;
	json_t		*r;
	char		*ids;

	propose(f, &bob, "Fix the roof");
	ids = list_ids(f, json_pack("{s:s}", "search", "lawnmower"), &r);
	assert_string_equal(ids, "");
	assert_int_equal(jint(r, "total"), 0);
	assert_true(json_is_null(json_object_get(r, "next")));
	free(ids);
	json_decref(r);
}

/* What members type is words, never FTS5 syntax, and never an error. */
static void
test_search_quotes_syntax(void **state)
{
	struct fixture	*f = *state;

	propose(f, &bob, "Tools and seeds");		/* 1 */
	propose(f, &bob, "A bench near the gate");	/* 2 */
	propose(f, &bob, "Say \"please\" at the gate");	/* 3 */
	propose(f, &bob, "Fix the roof");		/* 4 */
	propose(f, &bob, "Fix the title");		/* 5 */
	assert_search(f, "AND", "1");
	assert_search(f, "tools AND seeds", "1");
	assert_search(f, "tools OR roof", "");
	assert_search(f, "NOT roof", "");
	assert_search(f, "NEAR(", "2");
	/* As FTS5's NEAR it would find #2; as words, "near bench" does not. */
	assert_search(f, "NEAR(bench gate)", "");
	assert_search(f, "\"please\"", "3");
	assert_search(f, "\"please", "3");
	assert_search(f, "\"", "");
	assert_search(f, "\"\"\"", "");
	assert_search(f, "*", "");
	assert_search(f, "ga*", "3 2");
	assert_search(f, "-roof", "4");
	assert_search(f, "fix -roof", "4");
	assert_search(f, "+roof", "4");
	assert_search(f, "^fix", "5 4");
	assert_search(f, "title:roof", "");
	assert_search(f, "body:details", "");
	assert_search(f, "{title}:fix", "");
	assert_search(f, "fix (roof", "4");
	assert_search(f, "fix :", "5 4");
}

static void
test_search_empty_is_no_filter(void **state)
{
	struct fixture	*f = *state;
	json_t		*r;
	char		*ids;

	propose(f, &bob, "Fix the roof");
	propose(f, &bob, "Buy a wheelbarrow");
	assert_search(f, "", "2 1");
	ids = list_ids(f, json_pack("{s:s}", "search", "   "), &r);
	assert_string_equal(ids, "2 1");
	assert_int_equal(jint(r, "total"), 2);
	free(ids);
	json_decref(r);
	assert_list(f, json_pack("{s:n}", "search"), "2 1");
	query_refused(query_list, f->c, json_pack("{s:i}", "search", 1),
	    -EINVAL, "search must be a string");
}

static void
test_search_excludes_redacted(void **state)
{
	struct fixture	*f = *state;
	int64_t		 seq;
	json_t		*r;

	propose_seq(f, &bob, "Secret plan", "Meet at the shed.", false, &seq);
	propose(f, &bob, "Open plan");
	assert_search(f, "secret", "1");
	assert_search(f, "shed", "1");
	assert_search(f, "plan", "2 1");
	submit_ok(f->c, &alice, "log.redacted", json_pack("{s:I,s:s}", "seq",
	    (json_int_t)seq, "reason", "personal data"));
	assert_search(f, "secret", "");
	assert_search(f, "shed", "");
	assert_search(f, "plan", "2");
	/* Still listed without a search, as redacted. */
	r = query(query_list, f->c, &bob, NULL);
	assert_true(json_is_true(json_object_get(json_array_get(
	    json_object_get(r, "proposals"), 1), "redacted")));
	json_decref(r);
}

static void
test_search_follows_edit(void **state)
{
	struct fixture	*f = *state;
	int64_t		 id;

	id = propose_seq(f, &bob, "Paint the fence", "Green.", true, NULL);
	assert_search(f, "fence", "1");
	submit_ok(f->c, &bob, "proposal.edited", json_pack("{s:I,s:s,s:s}",
	    "id", (json_int_t)id, "title", "Mend the gate", "body", "Oak."));
	assert_search(f, "fence", "");
	assert_search(f, "green", "");
	assert_search(f, "gate", "1");
	assert_search(f, "oak", "1");
}

/* Search with state and author, in every order, page by page. */
static void
test_search_filters_and_pages(void **state)
{
	struct fixture	*f = *state;
	int		 i;

	for (i = 0; i < 9; i++) {
		propose(f, i % 3 == 0 ? &carol : &bob, i % 2 == 0 ?
		    "Plant apple trees" : "Plant pear trees");
	}
	propose(f, &bob, "Fix the roof");			/* 10 */
	propose_seq(f, &bob, "Plant plums", "Later.", true, NULL); /* 11 */
	assert_pages(f, json_pack("{s:s}", "search", "plant"), 2,
	    "11 9 8 7 6 5 4 3 2 1");
	assert_pages(f, json_pack("{s:s}", "search", "apple"), 2,
	    "9 7 5 3 1");
	assert_pages(f, json_pack("{s:s,s:s}", "search", "pl", "state",
	    "draft"), 1, "11");
	assert_pages(f, json_pack("{s:s,s:s}", "search", "plant", "author",
	    "carol"), 2, "7 4 1");
	assert_pages(f, json_pack("{s:s,s:s,s:s}", "search", "tree", "author",
	    "bob", "state", "discussion"), 4, "9 8 6 5 3 2");
	assert_pages(f, json_pack("{s:s,s:s}", "search", "plant", "sort",
	    "activity"), 3, "11 9 8 7 6 5 4 3 2 1");
	comment(f, 3);
	comment(f, 3);
	comment(f, 5);
	assert_pages(f, json_pack("{s:s,s:s}", "search", "plant", "sort",
	    "comments"), 2, "3 5 11 9 8 7 6 4 2 1");
	assert_pages(f, json_pack("{s:s,s:s}", "search", "plant", "sort",
	    "activity"), 3, "5 3 11 9 8 7 6 4 2 1");
}

/* --- orders and paging --- */

static void
test_sort_new_is_default(void **state)
{
	struct fixture	*f = *state;
	json_t		*r;
	int		 i;

	for (i = 0; i < 5; i++)
		propose(f, &bob, "P");
	assert_pages(f, json_object(), 2, "5 4 3 2 1");
	assert_pages(f, json_pack("{s:s}", "sort", "new"), 3, "5 4 3 2 1");
	/* next stays an integer, for after as before. */
	r = query(query_list, f->c, &bob, json_pack("{s:i}", "limit", 2));
	assert_true(json_is_integer(json_object_get(r, "next")));
	assert_int_equal(jint(r, "next"), 4);
	assert_int_equal(jint(r, "total"), 5);
	json_decref(r);
	assert_list(f, json_pack("{s:i,s:i}", "limit", 2, "after", 4), "3 2");
	assert_list(f, json_pack("{s:i,s:s}", "cursor", 4, "sort", "new"),
	    "3 2 1");
}

static void
test_sort_activity_pages(void **state)
{
	struct fixture	*f = *state;
	json_t		*r;
	int		 i;

	for (i = 0; i < 6; i++)
		propose(f, &bob, "P");
	comment(f, 2);
	comment(f, 5);
	comment(f, 1);
	submit_ok(f->c, &bob, "proposal.withdrawn", json_pack("{s:i}", "id",
	    4));
	assert_pages(f, json_pack("{s:s}", "sort", "activity"), 2,
	    "4 1 5 2 6 3");
	assert_pages(f, json_pack("{s:s}", "sort", "activity"), 1,
	    "4 1 5 2 6 3");
	assert_pages(f, json_pack("{s:s}", "sort", "activity"), 6,
	    "4 1 5 2 6 3");
	assert_pages(f, json_pack("{s:s,s:s}", "sort", "activity", "state",
	    "discussion"), 2, "1 5 2 6 3");
	assert_pages(f, json_pack("{s:s,s:s}", "sort", "activity", "author",
	    "bob"), 4, "4 1 5 2 6 3");
	r = query(query_list, f->c, &bob, json_pack("{s:s,s:i}", "sort",
	    "activity", "limit", 1));
	assert_true(json_is_string(json_object_get(r, "next")));
	assert_int_equal(jint(r, "total"), 6);
	json_decref(r);
}

/* Many proposals tie on their count of comments; paging splits ties. */
static void
test_sort_comments_pages_ties(void **state)
{
	struct fixture	*f = *state;
	int		 i;

	for (i = 0; i < 8; i++)
		propose(f, i % 2 == 0 ? &bob : &carol, "P");
	comment(f, 3);
	comment(f, 3);
	comment(f, 6);
	comment(f, 2);
	comment(f, 7);
	assert_pages(f, json_pack("{s:s}", "sort", "comments"), 1,
	    "3 7 6 2 8 5 4 1");
	assert_pages(f, json_pack("{s:s}", "sort", "comments"), 2,
	    "3 7 6 2 8 5 4 1");
	assert_pages(f, json_pack("{s:s}", "sort", "comments"), 3,
	    "3 7 6 2 8 5 4 1");
	assert_pages(f, json_pack("{s:s,s:s}", "sort", "comments", "author",
	    "carol"), 1, "6 2 8 4");
	assert_pages(f, json_pack("{s:s,s:s}", "sort", "comments", "state",
	    "discussion"), 3, "3 7 6 2 8 5 4 1");
}

/*
 * closing: the votes open, by when they close; a vote that runs on for
 * want of quorum closes at its max_ts.
 */
static void
test_sort_closing(void **state)
{
	struct fixture	*f = *state;
	json_t		*r, *row;

	propose(f, &bob, "First vote");		/* 1 */
	propose(f, &alice, "Second vote");	/* 2 */
	propose(f, &bob, "Third vote");		/* 3 */
	propose(f, &bob, "Still talking");	/* 4 */
	open_vote(f, 1);
	f->now += HOUR;
	open_vote(f, 3);
	f->now += HOUR;
	open_vote(f, 2);
	assert_pages(f, json_pack("{s:s}", "sort", "closing"), 1, "1 3 2");
	assert_pages(f, json_pack("{s:s}", "sort", "closing"), 2, "1 3 2");
	assert_pages(f, json_pack("{s:s,s:s}", "sort", "closing", "state",
	    "voting"), 2, "1 3 2");
	assert_pages(f, json_pack("{s:s,s:s}", "sort", "closing", "author",
	    "bob"), 1, "1 3");
	assert_pages(f, json_pack("{s:s,s:s}", "sort", "closing", "search",
	    "vote"), 1, "1 3 2");

	/* #1 reaches its deadline without quorum and runs on. */
	f->now = deadline(f, 1, "closes_ts") + 1;
	settle(f);
	assert_pages(f, json_pack("{s:s}", "sort", "closing"), 2, "3 2 1");
	assert_pages(f, json_pack("{s:s,s:s}", "sort", "closing", "search",
	    "vote"), 2, "3 2 1");
	r = query(query_list, f->c, &bob, json_pack("{s:s,s:i}", "sort",
	    "closing", "limit", 3));
	row = json_array_get(json_object_get(r, "proposals"), 2);
	assert_int_equal(jint(row, "id"), 1);
	assert_int_equal(jint(row, "closes_ts"), deadline(f, 1, "max_ts"));
	assert_int_equal(jint(r, "total"), 3);
	json_decref(r);
	query_refused(query_list, f->c, json_pack("{s:s,s:s}", "sort",
	    "closing", "state", "discussion"), -EINVAL,
	    "sort closing lists the proposals being voted on");
}

static void
test_sort_and_cursor_refused(void **state)
{
	struct fixture	*f = *state;

	propose(f, &bob, "P");
	query_refused(query_list, f->c, json_pack("{s:s}", "sort", "hot"),
	    -EINVAL, "sort \"hot\" is not one of new, activity, closing, "
	    "comments");
	query_refused(query_list, f->c, json_pack("{s:s,s:s}", "sort",
	    "activity", "cursor", "soon"), -EINVAL,
	    "cursor \"soon\" is not one that list gave as next");
	query_refused(query_list, f->c, json_pack("{s:s,s:s}", "sort",
	    "activity", "cursor", "12:"), -EINVAL, "is not one that list");
	query_refused(query_list, f->c, json_pack("{s:s,s:s}", "sort",
	    "activity", "cursor", "12:3x"), -EINVAL, "is not one that list");
	query_refused(query_list, f->c, json_pack("{s:s,s:i}", "sort",
	    "activity", "after", 3), -EINVAL, "sort activity pages by cursor");
	query_refused(query_list, f->c, json_pack("{s:i,s:i}", "after", 3,
	    "cursor", 3), -EINVAL, "not both");
	query_refused(query_list, f->c, json_pack("{s:s}", "cursor", "3"),
	    -EINVAL, "cursor must be a non-negative integer");
}

/*
 * Without a search, every order and filter of list walks an index in
 * its order: no statement of list sorts. SQLite plans without
 * statistics here as on a large database.
 */
static void
test_sort_walks_indexes(void **state)
{
	static const char *const sorts[] = { "new", "activity", "closing",
	    "comments" };
	struct fixture	*f = *state;
	sqlite3		*db = store_db(core_store(f->c));
	sqlite3_stmt	*stmt, *plan;
	const char	*sql, *detail;
	char		*explain;
	size_t		 i, j;
	int		 checked = 0;

	propose(f, &bob, "P");
	for (i = 0; i < 4; i++) {
		for (j = 0; j < 4; j++) {
			assert_list(f, json_pack("{s:s,s:s?,s:s?}", "sort",
			    sorts[i], "state", (j & 1) ? "voting" : NULL,
			    "author", (j & 2) ? "bob" : NULL),
			    i == 2 ? "" : (j & 1) ? "" : "1");
		}
	}
	for (stmt = sqlite3_next_stmt(db, NULL); stmt != NULL;
	    stmt = sqlite3_next_stmt(db, stmt)) {
		sql = sqlite3_sql(stmt);
		if (strncmp(sql, "SELECT p.id, p.title", 20) != 0 ||
		    strstr(sql, "proposals_fts") != NULL)
			continue;
		explain = xasprintf("EXPLAIN QUERY PLAN %s", sql);
		assert_int_equal(sqlite3_prepare_v2(db, explain, -1, &plan,
		    NULL), SQLITE_OK);
		while (sqlite3_step(plan) == SQLITE_ROW) {
			detail = (const char *)sqlite3_column_text(plan, 3);
			if (strstr(detail, "TEMP B-TREE") != NULL ||
			    strncmp(detail, "SCAN p", 6) == 0)
				fail_msg("%s: %s", sql, detail);
		}
		sqlite3_finalize(plan);
		free(explain);
		checked++;
	}
	/* new 3, activity 6, closing 2, comments 6. */
	assert_int_equal(checked, 17);
}

/* --- log, backwards --- */

static void
test_log_before_pages(void **state)
{
	struct fixture	*f = *state;
	json_t		*r, *ev;
	int64_t		 before, head, seq, want;
	size_t		 i;
	int		 pages = 0;

	propose(f, &bob, "P");
	comment(f, 1);
	head = core_head(f->c, NULL);
	assert_int_equal(head, 5);
	before = head + 1;
	want = head;
	for (;;) {
		r = query(query_log, f->c, &bob, json_pack("{s:I,s:i}",
		    "before", (json_int_t)before, "limit", 2));
		json_array_foreach(json_object_get(r, "events"), i, ev) {
			seq = jint(ev, "seq");
			assert_int_equal(seq, want);	/* newest first */
			want--;
		}
		assert_int_equal(jint(r, "head"), head);
		pages++;
		if (json_is_null(json_object_get(r, "next"))) {
			json_decref(r);
			break;
		}
		before = jint(r, "next");
		assert_int_equal(before, want + 1);
		json_decref(r);
		assert_true(pages < 10);
	}
	assert_int_equal(want, 0);
	assert_int_equal(pages, 3);

	/* With a filter, and past the head. */
	r = query(query_log, f->c, &bob, json_pack("{s:i,s:s}", "before", 100,
	    "type", "member."));
	assert_int_equal(json_array_size(json_object_get(r, "events")), 2);
	assert_int_equal(jint(json_array_get(json_object_get(r, "events"), 0),
	    "seq"), 3);
	assert_int_equal(jint(json_array_get(json_object_get(r, "events"), 1),
	    "seq"), 2);
	json_decref(r);
	r = query(query_log, f->c, &bob, json_pack("{s:i,s:s,s:i}", "before",
	    5, "ref", "proposal:1", "limit", 1));
	assert_int_equal(json_array_size(json_object_get(r, "events")), 1);
	assert_int_equal(jint(json_array_get(json_object_get(r, "events"), 0),
	    "seq"), 4);
	assert_true(json_is_null(json_object_get(r, "next")));
	json_decref(r);
	r = query(query_log, f->c, &bob, json_pack("{s:i}", "before", 1));
	assert_int_equal(json_array_size(json_object_get(r, "events")), 0);
	assert_true(json_is_null(json_object_get(r, "next")));
	json_decref(r);

	query_refused(query_log, f->c, json_pack("{s:i,s:i}", "since", 1,
	    "before", 4), -EINVAL, "not both");
	query_refused(query_log, f->c, json_pack("{s:i}", "before", -1),
	    -EINVAL, "before must be a non-negative integer");
}

/* --- members --- */

/* The contributions of a member, from members. */
static json_t *
contributions(struct fixture *f, const struct actor *a)
{
	json_t	*r, *m, *out = NULL;
	size_t	 i;

	r = query(query_members, f->c, &bob, NULL);
	json_array_foreach(json_object_get(r, "members"), i, m) {
		if (jint(m, "uid") == a->uid)
			out = json_incref(json_object_get(m, "contributions"));
	}
	json_decref(r);
	assert_non_null(out);
	return (out);
}

static void
assert_contributions(struct fixture *f, const struct actor *a,
    int64_t proposals, int64_t comments, int64_t ballots, int64_t passed)
{
	json_t	*k = contributions(f, a);

	assert_int_equal(jint(k, "proposals"), proposals);
	assert_int_equal(jint(k, "comments"), comments);
	assert_int_equal(jint(k, "ballots"), ballots);
	assert_int_equal(jint(k, "passed"), passed);
	json_decref(k);
}

static void
test_members_ballots_and_passed(void **state)
{
	struct fixture	*f = *state;

	propose(f, &bob, "Passes");		/* 1 */
	propose(f, &bob, "Fails");		/* 2 */
	propose(f, &alice, "Not voted on");	/* 3 */
	comment(f, 1);
	assert_contributions(f, &bob, 2, 0, 0, 0);
	open_vote(f, 1);
	open_vote(f, 2);
	vote(f, &alice, 1, "yes");
	vote(f, &bob, 1, "yes");
	vote(f, &carol, 1, "yes");
	vote(f, &alice, 2, "no");
	vote(f, &bob, 2, "yes");
	vote(f, &carol, 2, "yes");
	/* A changed ballot is still one ballot. */
	vote(f, &carol, 2, "no");
	assert_contributions(f, &bob, 2, 0, 2, 0);
	f->now = deadline(f, 2, "closes_ts") + 1;
	settle(f);
	assert_contributions(f, &alice, 1, 0, 2, 0);
	assert_contributions(f, &bob, 2, 0, 2, 1);
	assert_contributions(f, &carol, 0, 1, 2, 0);
}

/* --- check --- */

static void
test_check_with_search_index(void **state)
{
	struct fixture	*f = *state;
	json_t		*r = NULL, *d;
	char		*cause = NULL;
	int64_t		 seq, id;

	propose_seq(f, &bob, "Secret plan", "Meet at the shed.", false, &seq);
	id = propose_seq(f, &bob, "Paint the fence", "Green.", true, NULL);
	submit_ok(f->c, &bob, "proposal.edited", json_pack("{s:I,s:s}", "id",
	    (json_int_t)id, "title", "Mend the gate"));
	submit_ok(f->c, &alice, "log.redacted", json_pack("{s:I,s:s}", "seq",
	    (json_int_t)seq, "reason", "personal data"));
	assert_int_equal(core_check(f->c, &r, &cause), 0);
	if (!json_is_true(json_object_get(r, "ok")))
		fail_msg("check: %s", json_dumps(r, 0));
	json_decref(r);

	/* An entry in the index that no proposal holds. */
	assert_int_equal(sqlite3_exec(store_db(core_store(f->c)),
	    "INSERT INTO proposals_fts (rowid, title, body) VALUES (2, "
	    "'forged', 'forged')", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(core_check(f->c, &r, &cause), 0);
	assert_false(json_is_true(json_object_get(r, "ok")));
	d = json_object_get(r, "differences");
	assert_int_equal(json_array_size(d), 1);
	assert_string_equal(jstr(json_array_get(d, 0), "table"),
	    "proposals_fts");
	json_decref(r);
}

int
main(void)
{
#define T(t)	cmocka_unit_test_setup_teardown(t, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_search_words_and_prefix),
		T(test_search_no_match_total),
		T(test_search_quotes_syntax),
		T(test_search_empty_is_no_filter),
		T(test_search_excludes_redacted),
		T(test_search_follows_edit),
		T(test_search_filters_and_pages),
		T(test_sort_new_is_default),
		T(test_sort_activity_pages),
		T(test_sort_comments_pages_ties),
		T(test_sort_closing),
		T(test_sort_and_cursor_refused),
		T(test_sort_walks_indexes),
		T(test_log_before_pages),
		T(test_members_ballots_and_passed),
		T(test_check_with_search_index),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
