/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The read side: every query the protocol serves, over the projections
 * and the log. Lists page by key (`after`, `limit`; list in its other
 * orders by a `cursor`, log backwards by `before`), never by OFFSET, and
 * never return more than QUERY_LIMIT_MAX rows. list searches the text
 * of proposals through the FTS5 index proposals_fts (store.c), with the
 * member's words quoted so that none is taken as FTS5 syntax. What a
 * member may not see is withheld here, in the core, not in the user
 * interfaces: the text of a hidden comment is shown only to moderators
 * and leaders, and the count of a vote and the choices in its ballots
 * only as its rule's `results` says (vote_visible(), core_withheld()).
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "moot/dispute.h"
#include "moot/event.h"
#include "moot/log.h"
#include "moot/text.h"
#include "moot/vote.h"

#define QUERY_LIMIT_DEFAULT	50
#define QUERY_LIMIT_MAX		1000

static json_t *
query_text(sqlite3_stmt *stmt, int col)
{
	const char	*s = store_text(stmt, col);

	return (s != NULL ? json_string(s) : json_null());
}

static json_t	*query_redaction(struct store *, int64_t);

/* A column of JSON text as JSON, or null. */
static json_t *
query_json(sqlite3_stmt *stmt, int col)
{
	json_t	*v = NULL;

	if (sqlite3_column_type(stmt, col) != SQLITE_NULL)
		v = json_loads(store_text(stmt, col), 0, NULL);
	return (v != NULL ? v : json_null());
}

/*
 * A proposal's vote into p["vote"]: the frozen rule, deadlines and
 * turnout for everyone; the reader's own ballot; the count (live while
 * voting, logged once closed) only where the rule's results visibility
 * lets this reader see it.
 */
static int
query_vote(struct core *c, const struct actor *a, int64_t id, json_t *p,
    char **cause)
{
	struct vote	 v;
	sqlite3_stmt	*stmt;
	json_t		*vote, *count, *red;
	uint64_t	 eligible;
	bool		 voting, visible;
	int		 error = 0;

	stmt = store_prepare(core_store(c), "SELECT state = 'voting', rule, "
	    "vote_version, vote_rule, vote_options, opened_ts, closes_ts, "
	    "max_ts, extended, closed_ts, outcome, result, veto_reason, "
	    "veto_seq, (SELECT count(*) FROM ballots WHERE proposal_id = ?1), "
	    "(SELECT choice FROM ballots WHERE proposal_id = ?1 AND uid = ?2) "
	    "FROM proposals WHERE id = ?1 AND vote_seq IS NOT NULL");
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_bind_int64(stmt, 2, a->uid);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		sqlite3_reset(stmt);
		return (0);
	}
	voting = sqlite3_column_int(stmt, 0) != 0;
	vote = json_pack("{s:o,s:I,s:o,s:o,s:I,s:I,s:I,s:b,s:I,s:o}",
	    "rule", query_text(stmt, 1),
	    "version", (json_int_t)sqlite3_column_int64(stmt, 2),
	    "text", query_json(stmt, 3), "options", query_json(stmt, 4),
	    "opened_ts", (json_int_t)sqlite3_column_int64(stmt, 5),
	    "closes_ts", (json_int_t)sqlite3_column_int64(stmt, 6),
	    "max_ts", (json_int_t)sqlite3_column_int64(stmt, 7),
	    "extended", sqlite3_column_int(stmt, 8) != 0,
	    "ballots", (json_int_t)sqlite3_column_int64(stmt, 14),
	    "my_ballot", query_text(stmt, 15));
	if (!voting) {
		json_object_set_new(vote, "closed_ts",
		    json_integer(sqlite3_column_int64(stmt, 9)));
		json_object_set_new(vote, "outcome", query_text(stmt, 10));
		json_object_set_new(vote, "result", query_json(stmt, 11));
	}
	if (sqlite3_column_type(stmt, 13) != SQLITE_NULL) {
		json_object_set_new(vote, "veto_reason", query_text(stmt, 12));
		red = query_redaction(core_store(c),
		    sqlite3_column_int64(stmt, 13));
		if (red != NULL)
			json_object_set_new(vote, "veto_reason_redacted", red);
	}
	sqlite3_reset(stmt);

	visible = vote_visible(c, id, a->uid);
	json_object_set_new(vote, "visible", json_boolean(visible));
	if (voting && (error = vote_load(c, id, &v, cause)) == 0) {
		eligible = vote_eligible(c, v.rule.eligible);
		json_object_set_new(vote, "eligible", json_integer(
		    (json_int_t)eligible));
		if (visible) {
			count = json_object();
			error = vote_count(&v, eligible, count, NULL, cause);
			json_object_set_new(vote, "count", count);
		}
		vote_free(&v);
	} else if (voting)
		goto fail;
	if (error != 0)
		goto fail;
	json_object_set_new(p, "vote", vote);
	return (0);

fail:
	json_decref(vote);
	return (error);
}

/* If event seq's body was redacted: {"by":SEQ,"reason":"..."}, else NULL. */
static json_t *
query_redaction(struct store *s, int64_t seq)
{
	json_t	*body = NULL, *out;
	int64_t	 by = 0;

	if (log_body(s, seq, &body, &by, NULL) != 0 || body != NULL) {
		json_decref(body);
		return (NULL);
	}
	if (by == 0)
		return (NULL);
	out = json_pack("{s:I}", "by", (json_int_t)by);
	if (log_body(s, by, &body, NULL, NULL) == 0 && body != NULL) {
		json_object_set(out, "reason", json_object_get(body, "reason"));
		json_decref(body);
	}
	return (out);
}

int
query_whoami(struct core *c, const struct actor *a, json_t *args,
    json_t **result, char **cause)
{
	sqlite3_stmt	*stmt;
	json_t		*r;

	r = json_pack("{s:I,s:s,s:s,s:s}", "uid", (json_int_t)a->uid,
	    "name", a->name, "role", "none", "status", "none");
	stmt = store_prepare(core_store(c), "SELECT role, status, "
	    "agreement_version FROM members WHERE uid = ?");
	sqlite3_bind_int64(stmt, 1, a->uid);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		json_object_set_new(r, "role", query_text(stmt, 0));
		json_object_set_new(r, "status", query_text(stmt, 1));
		json_object_set_new(r, "agreement_version",
		    query_text(stmt, 2));
	}
	sqlite3_reset(stmt);
	stmt = store_prepare(core_store(c), "SELECT name, agreement_version "
	    "FROM community");
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		json_object_set_new(r, "community", query_text(stmt, 0));
		json_object_set_new(r, "current_agreement",
		    query_text(stmt, 1));
	}
	sqlite3_reset(stmt);
	*result = r;
	return (0);
}

int
query_community(struct core *c, const struct actor *a, json_t *args,
    json_t **result, char **cause)
{
	sqlite3_stmt	*stmt;
	unsigned char	 hash[CANON_HASH_LEN];
	char		 hex[CANON_HEX_LEN + 1];
	int64_t		 seq;

	stmt = store_prepare(core_store(c), "SELECT name, agreement, "
	    "agreement_version, licence, membership, created_ts, "
	    "(SELECT count(*) FROM members WHERE status = 'active') "
	    "FROM community");
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		sqlite3_reset(stmt);
		return (moot_fail(cause, -ENOENT,
		    "there is no community here yet: run `moot init`"));
	}
	seq = core_head(c, hash);
	moot_hex(hash, sizeof hash, hex);
	*result = json_pack("{s:o,s:o,s:o,s:o,s:o,s:I,s:I,s:{s:I,s:s}}",
	    "name", query_text(stmt, 0), "agreement", query_text(stmt, 1),
	    "agreement_version", query_text(stmt, 2),
	    "licence", query_text(stmt, 3), "membership", query_text(stmt, 4),
	    "created_ts", (json_int_t)sqlite3_column_int64(stmt, 5),
	    "members", (json_int_t)sqlite3_column_int64(stmt, 6),
	    "head", "seq", (json_int_t)seq, "hash", hex);
	sqlite3_reset(stmt);
	return (0);
}

int
query_members(struct core *c, const struct actor *a, json_t *args,
    json_t **result, char **cause)
{
	sqlite3_stmt	*stmt;
	json_t		*rows;
	int64_t		 after, limit, n = 0, last = -1;
	int		 error;

	if ((error = event_arg_page(args, &after, &limit, QUERY_LIMIT_DEFAULT,
	    cause)) != 0)
		return (error);
	stmt = store_prepare(core_store(c), "SELECT m.uid, m.name, m.role, "
	    "m.status, m.agreement_version, m.joined_ts, "
	    "(SELECT count(*) FROM proposals p WHERE p.author_uid = m.uid), "
	    "(SELECT count(*) FROM comments k WHERE k.author_uid = m.uid), "
	    "(SELECT count(*) FROM ballots b WHERE b.uid = m.uid), "
	    "(SELECT count(*) FROM proposals p WHERE p.author_uid = m.uid "
	    "AND p.outcome = 'passed'), "
	    "(SELECT count(*) FROM tasks t WHERE t.owner_uid = m.uid "
	    "AND t.status = 'done'), "
	    "(SELECT count(*) FROM kudos k WHERE k.to_uid = m.uid), "
	    "(SELECT count(*) FROM log_index l WHERE "
	    "l.type = 'dispute.resolved' AND l.uid = m.uid) "
	    "FROM members m WHERE m.uid > ? ORDER BY m.uid LIMIT ?");
	sqlite3_bind_int64(stmt, 1, after);
	sqlite3_bind_int64(stmt, 2, limit + 1);
	rows = json_array();
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (n++ == limit)
			break;
		last = sqlite3_column_int64(stmt, 0);
		json_array_append_new(rows, json_pack(
		    "{s:I,s:o,s:o,s:o,s:o,s:o,s:{s:I,s:I,s:I,s:I,s:I,s:I,"
		    "s:I}}",
		    "uid", (json_int_t)last, "name", query_text(stmt, 1),
		    "role", query_text(stmt, 2), "status", query_text(stmt, 3),
		    "agreement_version", query_text(stmt, 4),
		    "joined_ts", sqlite3_column_type(stmt, 5) == SQLITE_NULL ?
		    json_null() : json_integer(sqlite3_column_int64(stmt, 5)),
		    "contributions",
		    "proposals", (json_int_t)sqlite3_column_int64(stmt, 6),
		    "comments", (json_int_t)sqlite3_column_int64(stmt, 7),
		    "ballots", (json_int_t)sqlite3_column_int64(stmt, 8),
		    "passed", (json_int_t)sqlite3_column_int64(stmt, 9),
		    "tasks_done", (json_int_t)sqlite3_column_int64(stmt, 10),
		    "kudos_received",
		    (json_int_t)sqlite3_column_int64(stmt, 11),
		    "disputes_resolved",
		    (json_int_t)sqlite3_column_int64(stmt, 12)));
	}
	sqlite3_reset(stmt);
	*result = json_pack("{s:o,s:o}", "members", rows, "next",
	    n > limit ? json_integer(last) : json_null());
	return (0);
}

/*
 * The orders of list. Paging is by key, never by OFFSET: new pages by id
 * (after, next as an integer); the others by their key and the id that
 * breaks ties, which next gives as a cursor "KEY:ID".
 */
enum query_sort {
	QUERY_SORT_NEW,		/* id descending */
	QUERY_SORT_ACTIVITY,	/* updated_ts descending */
	QUERY_SORT_CLOSING,	/* votes open, closing first */
	QUERY_SORT_COMMENTS,	/* ncomments descending */
};
#define QUERY_SORTS	4

static const char *const query_sort_names[QUERY_SORTS] = {
	"new", "activity", "closing", "comments"
};

/* Which index a page of list walks: the filters it has. */
enum query_filter {
	QUERY_FILTER_NONE,
	QUERY_FILTER_STATE,
	QUERY_FILTER_AUTHOR,	/* and maybe a state, tested on the way */
};
#define QUERY_FILTERS	3

/*
 * The statements of list. Their parameters: ?1 the id and ?6 the key of
 * the cursor (the last row of the page before), ?2 the state or NULL, ?3
 * the author's uid or -1, ?4 how many rows to read, ?5 the reader's uid,
 * ?7 the search as an FTS5 query.
 *
 * Without a search each order and filter has its own statements, so that
 * each walks one index (see store.c, migration 6) in its order and stops
 * at the limit: no sort. The orders but new take two steps: the rest of
 * the rows tied on the cursor's key (by id), then the rows past that key.
 * One row-value comparison, (key, id) < (?6, ?1), would walk the ties
 * every page, since SQLite does not seek on the id that ends an index.
 *
 * With a search the index of proposals_fts leads: the matching ids, in
 * id order, which new needs; the other orders sort the matches.
 */
#define QUERY_LIST_COLUMNS						\
	"SELECT p.id, p.title, p.state, p.kind, p.author_uid, m.name, "	\
	"p.created_ts, p.updated_ts, p.ncomments, p.text_seq, p.rule, "	\
	"p.outcome, p.closes_ts, p.max_ts, p.extended, "		\
	"(SELECT count(*) FROM ballots b WHERE b.proposal_id = p.id), "	\
	"(SELECT choice FROM ballots b WHERE b.proposal_id = p.id AND "	\
	"b.uid = ?5) "
#define QUERY_LIST_FROM							\
	QUERY_LIST_COLUMNS "FROM proposals p LEFT JOIN members m "	\
	"ON m.uid = p.author_uid WHERE "
#define QUERY_LIST_MATCH						\
	QUERY_LIST_COLUMNS "FROM proposals_fts CROSS JOIN proposals p "	\
	"ON p.id = proposals_fts.rowid LEFT JOIN members m "		\
	"ON m.uid = p.author_uid WHERE proposals_fts MATCH ?7 "		\
	"AND (?2 IS NULL OR p.state = ?2) "				\
	"AND (?3 < 0 OR p.author_uid = ?3) AND "
#define QUERY_LIST_STATE	"p.state = ?2 AND "
#define QUERY_LIST_AUTHOR						\
	"p.author_uid = ?3 AND (?2 IS NULL OR p.state = ?2) AND "
/* When a vote closes: at max_ts once it runs on for want of quorum. */
#define QUERY_CLOSES							\
	"CASE p.extended WHEN 0 THEN p.closes_ts ELSE p.max_ts END"

#define QUERY_LIST_NEW(filter) {					\
	QUERY_LIST_FROM filter "p.id < ?1 ORDER BY p.id DESC LIMIT ?4",	\
	NULL }
#define QUERY_LIST_DESC(filter, key) {					\
	QUERY_LIST_FROM filter key " = ?6 AND p.id < ?1 "		\
	"ORDER BY p.id DESC LIMIT ?4",					\
	QUERY_LIST_FROM filter key " < ?6 "				\
	"ORDER BY " key " DESC, p.id DESC LIMIT ?4" }
/*
 * Without INDEXED BY, SQLite would rather take the votes from an index on
 * state and sort them.
 */
#define QUERY_LIST_CLOSING_FROM						\
	QUERY_LIST_COLUMNS "FROM proposals p INDEXED BY proposals_closing "\
	"LEFT JOIN members m ON m.uid = p.author_uid WHERE "		\
	"p.state = 'voting' AND (?3 < 0 OR p.author_uid = ?3) AND "
static const char query_list_closing_tie[] = QUERY_LIST_CLOSING_FROM
    QUERY_CLOSES " = ?6 AND p.id > ?1 ORDER BY p.id LIMIT ?4";
static const char query_list_closing_rest[] = QUERY_LIST_CLOSING_FROM
    QUERY_CLOSES " > ?6 ORDER BY " QUERY_CLOSES ", p.id LIMIT ?4";
#define QUERY_LIST_CLOSING { query_list_closing_tie, query_list_closing_rest }

static const char *const query_list_sql[QUERY_SORTS][QUERY_FILTERS][2] = {
	[QUERY_SORT_NEW] = {
		QUERY_LIST_NEW(""),
		QUERY_LIST_NEW(QUERY_LIST_STATE),
		QUERY_LIST_NEW(QUERY_LIST_AUTHOR),
	},
	[QUERY_SORT_ACTIVITY] = {
		QUERY_LIST_DESC("", "p.updated_ts"),
		QUERY_LIST_DESC(QUERY_LIST_STATE, "p.updated_ts"),
		QUERY_LIST_DESC(QUERY_LIST_AUTHOR, "p.updated_ts"),
	},
	/* Only votes: the state is voting, whatever the filter. */
	[QUERY_SORT_CLOSING] = {
		QUERY_LIST_CLOSING,
		QUERY_LIST_CLOSING,
		QUERY_LIST_CLOSING,
	},
	[QUERY_SORT_COMMENTS] = {
		QUERY_LIST_DESC("", "p.ncomments"),
		QUERY_LIST_DESC(QUERY_LIST_STATE, "p.ncomments"),
		QUERY_LIST_DESC(QUERY_LIST_AUTHOR, "p.ncomments"),
	},
};

static const char *const query_list_match_sql[QUERY_SORTS] = {
	[QUERY_SORT_NEW] = QUERY_LIST_MATCH "proposals_fts.rowid < ?1 "
	    "ORDER BY proposals_fts.rowid DESC LIMIT ?4",
	[QUERY_SORT_ACTIVITY] = QUERY_LIST_MATCH "(p.updated_ts, p.id) < "
	    "(?6, ?1) ORDER BY p.updated_ts DESC, p.id DESC LIMIT ?4",
	[QUERY_SORT_CLOSING] = QUERY_LIST_MATCH "p.state = 'voting' AND ("
	    QUERY_CLOSES ", p.id) > (?6, ?1) ORDER BY " QUERY_CLOSES ", p.id "
	    "LIMIT ?4",
	[QUERY_SORT_COMMENTS] = QUERY_LIST_MATCH "(p.ncomments, p.id) < "
	    "(?6, ?1) ORDER BY p.ncomments DESC, p.id DESC LIMIT ?4",
};

/*
 * The total of list: how many proposals pass the filters. Each count
 * reads one index, not the table: the smallest, or that of the state or
 * of the author (with both, it looks up the state of each of the
 * author's proposals). A count with a search reads every match: as
 * costly as the search's own sort, and no more.
 */
static const char *const query_list_count_sql[QUERY_FILTERS] = {
	"SELECT count(*) FROM proposals",
	"SELECT count(*) FROM proposals WHERE state = ?2",
	"SELECT count(*) FROM proposals WHERE author_uid = ?3 AND "
	"(?2 IS NULL OR state = ?2)",
};
static const char query_list_count_match_sql[] = "SELECT count(*) FROM "
    "proposals_fts CROSS JOIN proposals p ON p.id = proposals_fts.rowid "
    "WHERE proposals_fts MATCH ?7 AND (?2 IS NULL OR p.state = ?2) "
    "AND (?3 < 0 OR p.author_uid = ?3)";

/* What a request to list asks for, as the statements bind it. */
struct query_list_req {
	enum query_sort	 sort;
	enum query_filter filter;
	const char	*state;
	int64_t		 author_uid;
	char		*match;		/* FTS5 query, or NULL */
	int64_t		 key;		/* the cursor */
	int64_t		 id;
	int64_t		 reader;
};

/*
 * The member's words as an FTS5 query: each word between double quotes
 * (an FTS5 string, with '"' doubled), so that nothing a member types is
 * FTS5 syntax (AND, OR, NOT, NEAR(, *, ^, -, +, column:), every word
 * required, and the last a prefix ("wor"*), to search as one types.
 * NULL when there are no words. Caller frees.
 */
static char *
query_search_match(const char *text)
{
	struct buf	 b;
	const char	*p = text, *end;

	buf_init(&b);
	for (;;) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		for (end = p; *end != '\0' && *end != ' '; end++)
			/* nothing */;
		if (b.len != 0)
			buf_addc(&b, ' ');
		buf_addc(&b, '"');
		for (; p < end; p++) {
			if (*p == '"')
				buf_addc(&b, '"');
			buf_addc(&b, *p);
		}
		buf_addc(&b, '"');
	}
	if (b.len == 0) {
		buf_free(&b);
		return (NULL);
	}
	buf_addc(&b, '*');
	return (buf_steal(&b, NULL));
}

/* The order asked for by name; -EINVAL naming the orders there are. */
static int
query_list_sort(const char *name, enum query_sort *sort, char **cause)
{
	int	i;

	*sort = QUERY_SORT_NEW;
	if (name == NULL)
		return (0);
	for (i = 0; i < QUERY_SORTS; i++) {
		if (strcmp(name, query_sort_names[i]) == 0) {
			*sort = (enum query_sort)i;
			return (0);
		}
	}
	return (moot_fail(cause, -EINVAL, "sort \"%s\" is not one of new, "
	    "activity, closing, comments", name));
}

/*
 * Where the page starts: after (an id) for new, or the cursor, the next
 * of the page before: an id for new, "KEY:ID" for the other orders.
 * Without either, the first page.
 */
static int
query_list_cursor(json_t *args, struct query_list_req *q, char **cause)
{
	const char	*name = query_sort_names[q->sort];
	json_t		*v = json_object_get(args, "cursor");
	const char	*s;
	char		*end;
	long long	 key, id;
	int64_t		 after = -1;
	int		 error;

	/* The first page starts past every key. */
	q->key = q->id = q->sort == QUERY_SORT_CLOSING ? INT64_MIN :
	    INT64_MAX;
	error = event_arg_int(args, "after", false, &after, cause);
	if (error != 0 && error != -ENOENT)
		return (error);
	if (error == 0 && v != NULL && !json_is_null(v))
		return (moot_fail(cause, -EINVAL, "give after or cursor, not "
		    "both"));
	if (error == 0) {
		if (q->sort != QUERY_SORT_NEW)
			return (moot_fail(cause, -EINVAL, "sort %s pages by "
			    "cursor (the next of the page before), not by "
			    "after", name));
		q->id = after;
		return (0);
	}
	if (v == NULL || json_is_null(v))
		return (0);
	if (q->sort == QUERY_SORT_NEW) {
		if ((error = event_arg_int(args, "cursor", true, &after,
		    cause)) != 0)
			return (error);
		q->id = after;
		return (0);
	}
	if ((error = event_arg_text(args, "cursor", TEXT_NAME, true, &s,
	    cause)) != 0)
		return (error);
	errno = 0;
	key = strtoll(s, &end, 10);
	if (end != s && *end == ':' && errno == 0) {
		s = end + 1;
		id = strtoll(s, &end, 10);
		if (end != s && *end == '\0' && errno == 0 && id >= 0) {
			q->key = key;
			q->id = id;
			return (0);
		}
	}
	return (moot_fail(cause, -EINVAL, "cursor \"%s\" is not one that "
	    "list gave as next with sort %s", json_string_value(v), name));
}

/* Bind what stmt takes of q, with rows to read. */
static void
query_list_bind(sqlite3_stmt *stmt, const struct query_list_req *q,
    int64_t rows)
{
	int	n = sqlite3_bind_parameter_count(stmt);

	if (n >= 1)
		sqlite3_bind_int64(stmt, 1, q->id);
	if (n >= 2 && q->state != NULL)
		sqlite3_bind_text(stmt, 2, q->state, -1, SQLITE_STATIC);
	if (n >= 3)
		sqlite3_bind_int64(stmt, 3, q->author_uid);
	if (n >= 4)
		sqlite3_bind_int64(stmt, 4, rows);
	if (n >= 5)
		sqlite3_bind_int64(stmt, 5, q->reader);
	if (n >= 6)
		sqlite3_bind_int64(stmt, 6, q->key);
	if (n >= 7 && q->match != NULL)
		sqlite3_bind_text(stmt, 7, q->match, -1, SQLITE_STATIC);
}

/* One proposal of list, from a row of QUERY_LIST_COLUMNS. */
static json_t *
query_list_row(sqlite3_stmt *stmt)
{
	json_t	*row;

	row = json_pack("{s:I,s:o,s:o,s:o,s:I,s:o,s:I,s:I,s:I,s:o,s:o}",
	    "id", (json_int_t)sqlite3_column_int64(stmt, 0),
	    "title", query_text(stmt, 1),
	    "state", query_text(stmt, 2), "kind", query_text(stmt, 3),
	    "author_uid", (json_int_t)sqlite3_column_int64(stmt, 4),
	    "author", query_text(stmt, 5),
	    "created_ts", (json_int_t)sqlite3_column_int64(stmt, 6),
	    "updated_ts", (json_int_t)sqlite3_column_int64(stmt, 7),
	    "comments", (json_int_t)sqlite3_column_int64(stmt, 8),
	    "rule", query_text(stmt, 10),
	    "outcome", query_text(stmt, 11));
	if (strcmp(store_text(stmt, 2), "voting") == 0) {
		json_object_set_new(row, "closes_ts", json_integer(
		    sqlite3_column_int64(stmt,
		    sqlite3_column_int(stmt, 14) ? 13 : 12)));
		json_object_set_new(row, "ballots", json_integer(
		    sqlite3_column_int64(stmt, 15)));
		json_object_set_new(row, "my_ballot", query_text(stmt, 16));
	}
	if (sqlite3_column_type(stmt, 1) == SQLITE_NULL)
		json_object_set_new(row, "redacted", json_true());
	return (row);
}

/* The key of a row of list in its order (the id for new). */
static int64_t
query_list_key(sqlite3_stmt *stmt, enum query_sort sort)
{
	switch (sort) {
	case QUERY_SORT_NEW:
		return (sqlite3_column_int64(stmt, 0));
	case QUERY_SORT_ACTIVITY:
		return (sqlite3_column_int64(stmt, 7));
	case QUERY_SORT_CLOSING:
		return (sqlite3_column_int64(stmt,
		    sqlite3_column_int(stmt, 14) ? 13 : 12));
	case QUERY_SORT_COMMENTS:
		return (sqlite3_column_int64(stmt, 8));
	}
	MOOT_REQUIRE(!"unknown sort");
	return (0);
}

/* How many proposals pass the filters of q (see query_list_count_sql). */
static int
query_list_total(struct store *s, const struct query_list_req *q,
    int64_t *total, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	stmt = store_prepare(s, q->match != NULL ?
	    query_list_count_match_sql : query_list_count_sql[q->filter]);
	query_list_bind(stmt, q, 0);
	rc = sqlite3_step(stmt);
	*total = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW)
		return (store_error(s, rc, cause));
	return (0);
}

/* The arguments of list into q; -EINVAL or -ENOENT with a sentence. */
static int
query_list_args(struct core *c, json_t *args, struct query_list_req *q,
    char **cause)
{
	struct store	*s = core_store(c);
	sqlite3_stmt	*stmt;
	const char	*sort = NULL, *author = NULL, *search = NULL;
	int		 error;

	if ((error = event_arg_text(args, "state", 0, false, &q->state,
	    cause)) != 0 ||
	    (error = event_arg_text(args, "author", 0, false, &author,
	    cause)) != 0 ||
	    (error = event_arg_text(args, "sort", 0, false, &sort,
	    cause)) != 0 ||
	    (error = event_arg_text(args, "search", TEXT_LINE, false, &search,
	    cause)) != 0)
		return (error);
	if ((error = query_list_sort(sort, &q->sort, cause)) != 0)
		return (error);
	if (q->state != NULL && strcmp(q->state, "all") == 0)
		q->state = NULL;
	if (q->state != NULL && strcmp(q->state, "draft") != 0 &&
	    strcmp(q->state, "discussion") != 0 &&
	    strcmp(q->state, "voting") != 0 &&
	    strcmp(q->state, "closed") != 0 &&
	    strcmp(q->state, "withdrawn") != 0)
		return (moot_fail(cause, -EINVAL, "state \"%s\" is not one of "
		    "draft, discussion, voting, closed, withdrawn, all",
		    q->state));
	if (q->sort == QUERY_SORT_CLOSING) {
		if (q->state != NULL && strcmp(q->state, "voting") != 0)
			return (moot_fail(cause, -EINVAL, "sort closing lists "
			    "the proposals being voted on, and none is in "
			    "state %s", q->state));
		q->state = "voting";
	}
	if ((error = query_list_cursor(args, q, cause)) != 0)
		return (error);
	if (author != NULL) {
		stmt = store_prepare(s, "SELECT uid FROM members WHERE "
		    "name = ?");
		sqlite3_bind_text(stmt, 1, author, -1, SQLITE_STATIC);
		if (sqlite3_step(stmt) == SQLITE_ROW)
			q->author_uid = sqlite3_column_int64(stmt, 0);
		sqlite3_reset(stmt);
		if (q->author_uid == -1)
			return (moot_fail(cause, -ENOENT, "%s is not a member",
			    author));
	}
	if (q->author_uid >= 0)
		q->filter = QUERY_FILTER_AUTHOR;
	else if (q->state != NULL)
		q->filter = QUERY_FILTER_STATE;
	if (search != NULL)
		q->match = query_search_match(search);
	return (0);
}

int
query_list(struct core *c, const struct actor *a, json_t *args,
    json_t **result, char **cause)
{
	struct store		*s = core_store(c);
	struct query_list_req	 q;
	sqlite3_stmt		*stmt;
	const char		*sql[2];
	json_t			*rows, *next;
	char			*cursor;
	int64_t			 after, limit, n = 0, total, key = 0;
	int64_t			 id = 0;
	size_t			 i;
	bool			 more = false;
	int			 rc = SQLITE_DONE, error;

	/* after is read again with the cursor, by the order. */
	if ((error = event_arg_page(args, &after, &limit, QUERY_LIMIT_DEFAULT,
	    cause)) != 0)
		return (error);
	memset(&q, 0, sizeof q);
	q.author_uid = -1;
	q.reader = a->uid;
	if ((error = query_list_args(c, args, &q, cause)) != 0) {
		free(q.match);
		return (error);
	}

	if (q.match != NULL) {
		sql[0] = query_list_match_sql[q.sort];
		sql[1] = NULL;
	} else {
		sql[0] = query_list_sql[q.sort][q.filter][0];
		sql[1] = query_list_sql[q.sort][q.filter][1];
	}
	rows = json_array();
	for (i = 0; i < 2 && sql[i] != NULL && !more; i++) {
		stmt = store_prepare(s, sql[i]);
		query_list_bind(stmt, &q, limit + 1 - n);
		while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
			if (n == limit) {
				more = true;
				break;
			}
			json_array_append_new(rows, query_list_row(stmt));
			key = query_list_key(stmt, q.sort);
			id = sqlite3_column_int64(stmt, 0);
			n++;
		}
		sqlite3_reset(stmt);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		error = store_error(s, rc, cause);
	else
		error = query_list_total(s, &q, &total, cause);
	free(q.match);
	if (error != 0) {
		json_decref(rows);
		return (error);
	}

	if (!more)
		next = json_null();
	else if (q.sort == QUERY_SORT_NEW)
		next = json_integer(id);
	else {
		cursor = xasprintf("%lld:%lld", (long long)key, (long long)id);
		next = json_string(cursor);
		free(cursor);
	}
	*result = json_pack("{s:o,s:o,s:I}", "proposals", rows, "next", next,
	    "total", (json_int_t)total);
	return (0);
}

/* The discussion of proposal id, one page, with hidden text withheld. */
static json_t *
query_comments(struct core *c, const struct actor *a, int64_t id,
    int64_t after, int64_t limit, json_t **next)
{
	struct store	*s = core_store(c);
	sqlite3_stmt	*stmt;
	json_t		*rows, *row, *red;
	bool		 moderator;
	int64_t		 n = 0, last = -1;

	moderator = core_role_of(c, a->uid) >= ROLE_MODERATOR;
	stmt = store_prepare(s, "SELECT k.id, k.author_uid, m.name, k.body, "
	    "k.created_ts, k.hidden, k.hidden_reason, h.name, k.hidden_ts, "
	    "k.body_seq, k.hidden_seq FROM comments k "
	    "LEFT JOIN members m ON m.uid = k.author_uid "
	    "LEFT JOIN members h ON h.uid = k.hidden_by "
	    "WHERE k.proposal_id = ? AND k.id > ? ORDER BY k.id LIMIT ?");
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_bind_int64(stmt, 2, after);
	sqlite3_bind_int64(stmt, 3, limit + 1);
	rows = json_array();
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (n++ == limit)
			break;
		last = sqlite3_column_int64(stmt, 0);
		row = json_pack("{s:I,s:I,s:o,s:I,s:b}",
		    "id", (json_int_t)last,
		    "author_uid", (json_int_t)sqlite3_column_int64(stmt, 1),
		    "author", query_text(stmt, 2),
		    "created_ts", (json_int_t)sqlite3_column_int64(stmt, 4),
		    "hidden", sqlite3_column_int(stmt, 5));
		if (sqlite3_column_int(stmt, 5) == 0 || moderator)
			json_object_set_new(row, "body", query_text(stmt, 3));
		else
			json_object_set_new(row, "body", json_null());
		if (sqlite3_column_int(stmt, 5) != 0) {
			json_object_set_new(row, "hidden_reason",
			    query_text(stmt, 6));
			json_object_set_new(row, "hidden_by",
			    query_text(stmt, 7));
			json_object_set_new(row, "hidden_ts",
			    json_integer(sqlite3_column_int64(stmt, 8)));
			red = query_redaction(s, sqlite3_column_int64(stmt,
			    10));
			if (red != NULL)
				json_object_set_new(row,
				    "hidden_reason_redacted", red);
		}
		red = query_redaction(s, sqlite3_column_int64(stmt, 9));
		if (red != NULL)
			json_object_set_new(row, "redacted", red);
		json_array_append_new(rows, row);
	}
	sqlite3_reset(stmt);
	*next = n > limit ? json_integer(last) : json_null();
	return (rows);
}

int
query_show(struct core *c, const struct actor *a, json_t *args,
    json_t **result, char **cause)
{
	struct store	*s = core_store(c);
	sqlite3_stmt	*stmt;
	json_t		*p, *comments, *next, *timeline, *red;
	char		*ref;
	int64_t		 id, after, limit, n = 0;
	int		 error;

	if ((error = event_arg_int(args, "id", true, &id, cause)) != 0)
		return (error);
	if ((error = event_arg_page(args, &after, &limit, 200, cause)) != 0)
		return (error);
	stmt = store_prepare(s, "SELECT p.id, p.title, p.body, p.state, "
	    "p.kind, p.licence, p.author_uid, m.name, p.created_ts, "
	    "p.updated_ts, p.withdrawn_reason, p.text_seq, p.withdrawn_seq, "
	    "p.rule, p.options, p.change, p.applied_seq "
	    "FROM proposals p LEFT JOIN members m ON m.uid = p.author_uid "
	    "WHERE p.id = ?");
	sqlite3_bind_int64(stmt, 1, id);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		sqlite3_reset(stmt);
		return (moot_fail(cause, -ENOENT, "there is no proposal #%lld",
		    (long long)id));
	}
	p = json_pack("{s:I,s:o,s:o,s:o,s:o,s:o,s:I,s:o,s:I,s:I}",
	    "id", (json_int_t)id, "title", query_text(stmt, 1),
	    "body", query_text(stmt, 2), "state", query_text(stmt, 3),
	    "kind", query_text(stmt, 4), "licence", query_text(stmt, 5),
	    "author_uid", (json_int_t)sqlite3_column_int64(stmt, 6),
	    "author", query_text(stmt, 7),
	    "created_ts", (json_int_t)sqlite3_column_int64(stmt, 8),
	    "updated_ts", (json_int_t)sqlite3_column_int64(stmt, 9));
	if (sqlite3_column_type(stmt, 12) != SQLITE_NULL) {
		json_object_set_new(p, "withdrawn_reason",
		    query_text(stmt, 10));
		red = query_redaction(s, sqlite3_column_int64(stmt, 12));
		if (red != NULL)
			json_object_set_new(p, "withdrawn_reason_redacted",
			    red);
	}
	json_object_set_new(p, "rule", query_text(stmt, 13));
	json_object_set_new(p, "options", query_json(stmt, 14));
	json_object_set_new(p, "change", query_json(stmt, 15));
	if (sqlite3_column_type(stmt, 16) != SQLITE_NULL)
		json_object_set_new(p, "applied_seq",
		    json_integer(sqlite3_column_int64(stmt, 16)));
	red = query_redaction(s, sqlite3_column_int64(stmt, 11));
	sqlite3_reset(stmt);
	if (red != NULL)
		json_object_set_new(p, "redacted", red);
	if ((error = query_vote(c, a, id, p, cause)) != 0) {
		json_decref(p);
		return (error);
	}

	comments = query_comments(c, a, id, after, limit, &next);
	json_object_set_new(p, "comments", comments);
	json_object_set_new(p, "comments_next", next);

	/* The proposal's timeline, oldest first (bounded). */
	timeline = json_array();
	ref = xasprintf("proposal:%lld", (long long)id);
	/* Its own events and those of its comments (hidden, unhidden). */
	stmt = store_prepare(s, "SELECT seq, ts, name, type, ref FROM "
	    "log_index WHERE ref = ?1 OR ref IN (SELECT 'comment:' || id "
	    "FROM comments WHERE proposal_id = ?2) ORDER BY seq LIMIT 201");
	sqlite3_bind_text(stmt, 1, ref, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, id);
	while (sqlite3_step(stmt) == SQLITE_ROW && n++ < 200) {
		json_array_append_new(timeline, json_pack(
		    "{s:I,s:I,s:o,s:o,s:o}",
		    "seq", (json_int_t)sqlite3_column_int64(stmt, 0),
		    "ts", (json_int_t)sqlite3_column_int64(stmt, 1),
		    "actor", query_text(stmt, 2), "type", query_text(stmt, 3),
		    "ref", query_text(stmt, 4)));
	}
	sqlite3_reset(stmt);
	free(ref);
	json_object_set_new(p, "timeline", timeline);
	*result = p;
	return (0);
}

const char *
core_withheld(struct core *c, const struct actor *a, const char *type,
    const char *ref)
{
	if (strcmp(type, "comment.added") == 0 &&
	    core_role_of(c, a->uid) < ROLE_MODERATOR &&
	    store_int(core_store(c), "SELECT hidden FROM comments "
	    "WHERE id = ?", event_ref_id(ref, "comment"), 0) != 0)
		return ("the comment is hidden");
	if (strcmp(type, "ballot.cast") == 0 &&
	    !vote_visible(c, event_ref_id(ref, "proposal"), a->uid))
		return ("the choices of this vote are not shown yet (see the "
		    "results of its rule)");
	return (dispute_withheld(c, a, type, ref));
}

/*
 * What is left of a withheld body: of a dispute's or a sanction's event,
 * all but the member-written text (its outcome is every member's to
 * see); of any other, nothing. Takes body's reference.
 */
static json_t *
query_withhold(const char *type, json_t *body)
{
	const struct event_type	*t;
	const char *const	*f;

	t = event_type_find(type);
	if (body == NULL || t == NULL || (strncmp(type, "dispute.", 8) != 0 &&
	    strncmp(type, "sanction.", 9) != 0)) {
		json_decref(body);
		return (NULL);
	}
	for (f = t->text_fields; f != NULL && *f != NULL; f++)
		json_object_del(body, *f);
	return (body);
}

/* The statements of log: ?1 since or before, ?2 type, ?3 ref, ?4 rows. */
#define QUERY_LOG_COLUMNS						\
	"SELECT l.seq, l.ts, l.uid, l.name, l.type, l.ref, e.hash, "	\
	"b.body, b.redacted_by FROM log_index l JOIN events e "		\
	"ON e.seq = l.seq LEFT JOIN bodies b ON b.seq = l.seq WHERE "
#define QUERY_LOG_FILTER						\
	"(?2 IS NULL OR l.type = ?2 OR (substr(?2, -1) = '.' AND "	\
	"substr(l.type, 1, length(?2)) = ?2)) "				\
	"AND (?3 IS NULL OR l.ref = ?3) "

int
query_log(struct core *c, const struct actor *a, json_t *args,
    json_t **result, char **cause)
{
	struct store	*s = core_store(c);
	sqlite3_stmt	*stmt;
	const char	*type = NULL, *ref = NULL, *t, *why;
	char		 hex[CANON_HEX_LEN + 1];
	json_t		*rows, *row, *body;
	json_error_t	 jerr;
	int64_t		 since = 0, before = 0, limit = 100, n = 0;
	int64_t		 last = 0;
	bool		 back;
	int		 error;

	error = event_arg_int(args, "since", false, &since, cause);
	if (error != 0 && error != -ENOENT)
		return (error);
	back = (error = event_arg_int(args, "before", false, &before,
	    cause)) == 0;
	if (error != 0 && error != -ENOENT)
		return (error);
	if (back && json_object_get(args, "since") != NULL &&
	    !json_is_null(json_object_get(args, "since")))
		return (moot_fail(cause, -EINVAL, "give since (the events "
		    "after it, oldest first) or before (the events before it, "
		    "newest first), not both"));
	error = event_arg_int(args, "limit", false, &limit, cause);
	if (error != 0 && error != -ENOENT)
		return (error);
	if (limit < 1 || limit > QUERY_LIMIT_MAX)
		return (moot_fail(cause, -EINVAL,
		    "limit must be between 1 and %d", QUERY_LIMIT_MAX));
	if ((error = event_arg_text(args, "type", 0, false, &type,
	    cause)) != 0 ||
	    (error = event_arg_text(args, "ref", 0, false, &ref, cause)) != 0)
		return (error);

	/*
	 * A type ending in "." selects a family ("proposal."). Forwards
	 * from since, or backwards from before; next is the last seq
	 * given either way, the one to pass back.
	 */
	if (back)
		stmt = store_prepare(s, QUERY_LOG_COLUMNS "l.seq < ?1 AND "
		    QUERY_LOG_FILTER "ORDER BY l.seq DESC LIMIT ?4");
	else
		stmt = store_prepare(s, QUERY_LOG_COLUMNS "l.seq > ?1 AND "
		    QUERY_LOG_FILTER "ORDER BY l.seq LIMIT ?4");
	sqlite3_bind_int64(stmt, 1, back ? before : since);
	if (type != NULL)
		sqlite3_bind_text(stmt, 2, type, -1, SQLITE_STATIC);
	if (ref != NULL)
		sqlite3_bind_text(stmt, 3, ref, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 4, limit + 1);
	rows = json_array();
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (n++ == limit)
			break;
		last = sqlite3_column_int64(stmt, 0);
		t = store_text(stmt, 4);
		if (sqlite3_column_bytes(stmt, 6) == CANON_HASH_LEN)
			moot_hex(sqlite3_column_blob(stmt, 6), CANON_HASH_LEN,
			    hex);
		else
			hex[0] = '\0';
		row = json_pack("{s:I,s:I,s:{s:I,s:o},s:s,s:o,s:s}",
		    "seq", (json_int_t)last,
		    "ts", (json_int_t)sqlite3_column_int64(stmt, 1),
		    "actor", "uid", (json_int_t)sqlite3_column_int64(stmt, 2),
		    "name", query_text(stmt, 3),
		    "type", t, "ref", query_text(stmt, 5), "hash", hex);
		if (sqlite3_column_type(stmt, 7) == SQLITE_NULL) {
			json_object_set_new(row, "body", json_null());
			json_object_set_new(row, "redacted_by", json_integer(
			    sqlite3_column_int64(stmt, 8)));
		} else {
			body = json_loadb(sqlite3_column_blob(stmt, 7),
			    (size_t)sqlite3_column_bytes(stmt, 7), 0, &jerr);
			why = core_withheld(c, a, t, store_text(stmt, 5));
			if (why != NULL)
				body = query_withhold(t, body);
			json_object_set_new(row, "body",
			    body != NULL ? body : json_null());
			if (why != NULL)
				json_object_set_new(row, "withheld",
				    json_string(why));
		}
		json_array_append_new(rows, row);
	}
	sqlite3_reset(stmt);
	*result = json_pack("{s:o,s:o,s:I}", "events", rows, "next",
	    n > limit ? json_integer(last) : json_null(),
	    "head", (json_int_t)core_head(c, NULL));
	return (0);
}

/*
 * Open votes this member may cast a ballot in and has not; how many of
 * them close within a day, and when the first closes.
 */
static void
query_status_votes(struct core *c, const struct actor *a, int64_t *need,
    int64_t *soon, int64_t *next)
{
	sqlite3_stmt	*stmt;
	enum role	 mine;

	*need = *soon = *next = 0;
	if ((mine = core_role_of(c, a->uid)) == ROLE_NONE)
		return;
	/*
	 * One pass in SQL: the frozen rule's eligible role as its rank
	 * (enum role's order; "member" when unset, the rule's default).
	 */
	stmt = store_prepare(core_store(c), "SELECT count(*), "
	    "total(e - ?2 <= 86400000), min(e) FROM (SELECT CASE extended "
	    "WHEN 0 THEN closes_ts ELSE max_ts END AS e, "
	    "CASE json_extract(vote_rule, '$.eligible') WHEN 'observer' "
	    "THEN 0 WHEN 'moderator' THEN 2 WHEN 'leader' THEN 3 ELSE 1 END "
	    "AS r FROM proposals p WHERE state = 'voting' AND NOT EXISTS "
	    "(SELECT 1 FROM ballots b WHERE b.proposal_id = p.id AND "
	    "b.uid = ?1)) WHERE r <= ?3");
	sqlite3_bind_int64(stmt, 1, a->uid);
	sqlite3_bind_int64(stmt, 2, core_now(c));
	sqlite3_bind_int(stmt, 3, (int)mine);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		*need = sqlite3_column_int64(stmt, 0);
		*soon = sqlite3_column_int64(stmt, 1);
		*next = sqlite3_column_int64(stmt, 2);
	}
	sqlite3_reset(stmt);
}

/* The reader's tasks that are overdue: due before now and not done. */
static int64_t
query_status_overdue(struct core *c, const struct actor *a)
{
	sqlite3_stmt	*stmt;
	int64_t		 n = 0;

	stmt = store_prepare(core_store(c), "SELECT count(*) FROM tasks "
	    "WHERE owner_uid = ? AND status != 'done' AND due_ts < ?");
	sqlite3_bind_int64(stmt, 1, a->uid);
	sqlite3_bind_int64(stmt, 2, core_now(c));
	if (sqlite3_step(stmt) == SQLITE_ROW)
		n = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	return (n);
}

int
query_status(struct core *c, const struct actor *a, json_t *args,
    json_t **result, char **cause)
{
	struct store	*s = core_store(c);
	json_t		*r;
	int64_t		 need, soon, next;

	if (store_int(s, "SELECT count(*) FROM community", 0, 0) == 0)
		return (moot_fail(cause, -ENOENT,
		    "there is no community here yet: run `moot init`"));
	query_status_votes(c, a, &need, &soon, &next);
	r = json_pack("{s:I,s:s,s:I,s:I,s:I,s:I,s:I,s:I}",
	    "now_ts", (json_int_t)core_now(c),
	    "role", core_role_name(core_role_of(c, a->uid)),
	    "votes_need_you", (json_int_t)need,
	    "votes_closing_soon", (json_int_t)soon,
	    "next_close_ts", (json_int_t)next,
	    "discussion", (json_int_t)store_int(s, "SELECT count(*) FROM "
	    "proposals WHERE state = 'discussion'", 0, 0),
	    "my_drafts", (json_int_t)store_int(s, "SELECT count(*) FROM "
	    "proposals WHERE state = 'draft' AND author_uid = ?", a->uid, 0),
	    "tasks_overdue", (json_int_t)query_status_overdue(c, a));
	dispute_status(c, a, r);
	*result = r;
	return (0);
}

/* One rule's history, newest first. */
static json_t *
query_rule_history(struct core *c, const char *name)
{
	sqlite3_stmt	*stmt;
	json_t		*rows;

	rows = json_array();
	stmt = store_prepare(core_store(c), "SELECT version, seq, ts, cause, "
	    "body IS NULL FROM rule_versions WHERE name = ? ORDER BY version "
	    "DESC LIMIT 100");
	sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
	while (sqlite3_step(stmt) == SQLITE_ROW)
		json_array_append_new(rows, json_pack("{s:I,s:I,s:I,s:o,s:b}",
		    "version", (json_int_t)sqlite3_column_int64(stmt, 0),
		    "seq", (json_int_t)sqlite3_column_int64(stmt, 1),
		    "ts", (json_int_t)sqlite3_column_int64(stmt, 2),
		    "cause", query_text(stmt, 3),
		    "removed", sqlite3_column_int(stmt, 4) != 0));
	sqlite3_reset(stmt);
	return (rows);
}

int
query_rules(struct core *c, const struct actor *a, json_t *args,
    json_t **result, char **cause)
{
	sqlite3_stmt	*stmt;
	const char	*name = NULL;
	json_t		*rows, *body;
	int64_t		 version = 0;
	int		 error;

	if ((error = event_arg_text(args, "name", 0, false, &name,
	    cause)) != 0)
		return (error);
	error = event_arg_int(args, "version", false, &version, cause);
	if (error != 0 && error != -ENOENT)
		return (error);

	if (name == NULL) {
		rows = json_array();
		/* A community has a handful of rules: no paging needed. */
		stmt = store_prepare(core_store(c), "SELECT name, version, "
		    "body, seq, ts FROM rules ORDER BY name LIMIT 1000");
		while (sqlite3_step(stmt) == SQLITE_ROW) {
			body = query_json(stmt, 2);
			json_array_append_new(rows, json_pack(
			    "{s:o,s:I,s:O,s:O,s:I,s:I}",
			    "name", query_text(stmt, 0),
			    "version", (json_int_t)sqlite3_column_int64(stmt,
			    1), "method", json_object_get(body, "method"),
			    "description", json_object_get(body,
			    "description"),
			    "seq", (json_int_t)sqlite3_column_int64(stmt, 3),
			    "ts", (json_int_t)sqlite3_column_int64(stmt, 4)));
			json_decref(body);
		}
		sqlite3_reset(stmt);
		*result = json_pack("{s:o}", "rules", rows);
		stmt = store_prepare(core_store(c),
		    "SELECT version, body FROM governance");
		if (sqlite3_step(stmt) == SQLITE_ROW) {
			json_object_set_new(*result, "governance",
			    query_json(stmt, 1));
			json_object_set_new(*result, "governance_version",
			    json_integer(sqlite3_column_int64(stmt, 0)));
		}
		sqlite3_reset(stmt);
		return (0);
	}

	if (version > 0) {
		stmt = store_prepare(core_store(c), "SELECT version, body, "
		    "seq, ts, cause FROM rule_versions WHERE name = ? AND "
		    "version = ?");
		sqlite3_bind_int64(stmt, 2, version);
	} else
		stmt = store_prepare(core_store(c), "SELECT r.version, r.body, "
		    "r.seq, r.ts, v.cause FROM rules r JOIN rule_versions v ON "
		    "v.name = r.name AND v.version = r.version WHERE "
		    "r.name = ?");
	sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		sqlite3_reset(stmt);
		if (version > 0)
			return (moot_fail(cause, -ENOENT, "the rule %s has no "
			    "version %lld", name, (long long)version));
		return (moot_fail(cause, -ENOENT, "there is no rule %s (`moot "
		    "rules` lists them)", name));
	}
	*result = json_pack("{s:s,s:I,s:o,s:I,s:I,s:o}", "name", name,
	    "version", (json_int_t)sqlite3_column_int64(stmt, 0),
	    "rule", query_json(stmt, 1),
	    "seq", (json_int_t)sqlite3_column_int64(stmt, 2),
	    "ts", (json_int_t)sqlite3_column_int64(stmt, 3),
	    "cause", query_text(stmt, 4));
	sqlite3_reset(stmt);
	json_object_set_new(*result, "history", query_rule_history(c, name));
	return (0);
}
