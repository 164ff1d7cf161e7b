/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The read side: every query the protocol serves, over the projections
 * and the log. Lists page by key (`after`, `limit`), never by OFFSET, and
 * never return more than QUERY_LIMIT_MAX rows. What a member may not see
 * is withheld here, in the core, not in the user interfaces: the text of
 * a hidden comment is shown only to moderators and leaders.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "moot/event.h"
#include "moot/log.h"

#define QUERY_LIMIT_DEFAULT	50
#define QUERY_LIMIT_MAX		1000

static json_t *
query_text(sqlite3_stmt *stmt, int col)
{
	const char	*s = store_text(stmt, col);

	return (s != NULL ? json_string(s) : json_null());
}

/* The paging arguments: after (exclusive key) and limit. */
static int
query_page(json_t *args, int64_t *after, int64_t *limit, int64_t def,
    char **cause)
{
	int	error;

	*after = -1;
	*limit = def;
	error = event_arg_int(args, "after", false, after, cause);
	if (error != 0 && error != -ENOENT)
		return (error);
	error = event_arg_int(args, "limit", false, limit, cause);
	if (error != 0 && error != -ENOENT)
		return (error);
	if (*limit < 1 || *limit > QUERY_LIMIT_MAX)
		return (moot_fail(cause, -EINVAL,
		    "limit must be between 1 and %d", QUERY_LIMIT_MAX));
	return (0);
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

	if ((error = query_page(args, &after, &limit, QUERY_LIMIT_DEFAULT,
	    cause)) != 0)
		return (error);
	stmt = store_prepare(core_store(c), "SELECT m.uid, m.name, m.role, "
	    "m.status, m.agreement_version, m.joined_ts, "
	    "(SELECT count(*) FROM proposals p WHERE p.author_uid = m.uid), "
	    "(SELECT count(*) FROM comments k WHERE k.author_uid = m.uid) "
	    "FROM members m WHERE m.uid > ? ORDER BY m.uid LIMIT ?");
	sqlite3_bind_int64(stmt, 1, after);
	sqlite3_bind_int64(stmt, 2, limit + 1);
	rows = json_array();
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (n++ == limit)
			break;
		last = sqlite3_column_int64(stmt, 0);
		json_array_append_new(rows, json_pack(
		    "{s:I,s:o,s:o,s:o,s:o,s:o,s:{s:I,s:I}}",
		    "uid", (json_int_t)last, "name", query_text(stmt, 1),
		    "role", query_text(stmt, 2), "status", query_text(stmt, 3),
		    "agreement_version", query_text(stmt, 4),
		    "joined_ts", sqlite3_column_type(stmt, 5) == SQLITE_NULL ?
		    json_null() : json_integer(sqlite3_column_int64(stmt, 5)),
		    "contributions",
		    "proposals", (json_int_t)sqlite3_column_int64(stmt, 6),
		    "comments", (json_int_t)sqlite3_column_int64(stmt, 7)));
	}
	sqlite3_reset(stmt);
	*result = json_pack("{s:o,s:o}", "members", rows, "next",
	    n > limit ? json_integer(last) : json_null());
	return (0);
}

int
query_list(struct core *c, const struct actor *a, json_t *args,
    json_t **result, char **cause)
{
	struct store	*s = core_store(c);
	sqlite3_stmt	*stmt;
	const char	*state = NULL, *author = NULL;
	json_t		*rows, *row;
	int64_t		 after, limit, n = 0, last = -1, author_uid = -1;
	int		 error;

	if ((error = query_page(args, &after, &limit, QUERY_LIMIT_DEFAULT,
	    cause)) != 0)
		return (error);
	if ((error = event_arg_text(args, "state", 0, false, &state,
	    cause)) != 0 ||
	    (error = event_arg_text(args, "author", 0, false, &author,
	    cause)) != 0)
		return (error);
	if (state != NULL && strcmp(state, "all") == 0)
		state = NULL;
	if (state != NULL && strcmp(state, "draft") != 0 &&
	    strcmp(state, "discussion") != 0 &&
	    strcmp(state, "withdrawn") != 0)
		return (moot_fail(cause, -EINVAL, "state \"%s\" is not one of "
		    "draft, discussion, withdrawn, all", state));
	if (author != NULL) {
		stmt = store_prepare(s, "SELECT uid FROM members WHERE name = ?");
		sqlite3_bind_text(stmt, 1, author, -1, SQLITE_STATIC);
		if (sqlite3_step(stmt) == SQLITE_ROW)
			author_uid = sqlite3_column_int64(stmt, 0);
		sqlite3_reset(stmt);
		if (author_uid == -1)
			return (moot_fail(cause, -ENOENT, "%s is not a member",
			    author));
	}
	stmt = store_prepare(s, "SELECT p.id, p.title, p.state, p.kind, "
	    "p.author_uid, m.name, p.created_ts, p.updated_ts, p.ncomments, "
	    "p.text_seq FROM proposals p LEFT JOIN members m "
	    "ON m.uid = p.author_uid WHERE (?1 < 0 OR p.id < ?1) "
	    "AND (?2 IS NULL OR p.state = ?2) "
	    "AND (?3 < 0 OR p.author_uid = ?3) ORDER BY p.id DESC LIMIT ?4");
	sqlite3_bind_int64(stmt, 1, after);
	if (state != NULL)
		sqlite3_bind_text(stmt, 2, state, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 3, author_uid);
	sqlite3_bind_int64(stmt, 4, limit + 1);
	rows = json_array();
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (n++ == limit)
			break;
		last = sqlite3_column_int64(stmt, 0);
		row = json_pack("{s:I,s:o,s:o,s:o,s:I,s:o,s:I,s:I,s:I}",
		    "id", (json_int_t)last, "title", query_text(stmt, 1),
		    "state", query_text(stmt, 2), "kind", query_text(stmt, 3),
		    "author_uid", (json_int_t)sqlite3_column_int64(stmt, 4),
		    "author", query_text(stmt, 5),
		    "created_ts", (json_int_t)sqlite3_column_int64(stmt, 6),
		    "updated_ts", (json_int_t)sqlite3_column_int64(stmt, 7),
		    "comments", (json_int_t)sqlite3_column_int64(stmt, 8));
		if (sqlite3_column_type(stmt, 1) == SQLITE_NULL)
			json_object_set_new(row, "redacted", json_true());
		json_array_append_new(rows, row);
	}
	sqlite3_reset(stmt);
	*result = json_pack("{s:o,s:o}", "proposals", rows, "next",
	    n > limit ? json_integer(last) : json_null());
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
	if ((error = query_page(args, &after, &limit, 200, cause)) != 0)
		return (error);
	stmt = store_prepare(s, "SELECT p.id, p.title, p.body, p.state, "
	    "p.kind, p.licence, p.author_uid, m.name, p.created_ts, "
	    "p.updated_ts, p.withdrawn_reason, p.text_seq, p.withdrawn_seq "
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
	red = query_redaction(s, sqlite3_column_int64(stmt, 11));
	sqlite3_reset(stmt);
	if (red != NULL)
		json_object_set_new(p, "redacted", red);

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

/* Whether a comment.added body must be withheld from this reader. */
static bool
query_log_withheld(struct core *c, const char *type, const char *ref,
    bool moderator)
{
	if (moderator || strcmp(type, "comment.added") != 0)
		return (false);
	return (store_int(core_store(c), "SELECT hidden FROM comments "
	    "WHERE id = ?", event_ref_id(ref, "comment"), 0) != 0);
}

int
query_log(struct core *c, const struct actor *a, json_t *args,
    json_t **result, char **cause)
{
	struct store	*s = core_store(c);
	sqlite3_stmt	*stmt;
	const char	*type = NULL, *ref = NULL, *t;
	char		 hex[CANON_HEX_LEN + 1];
	json_t		*rows, *row, *body;
	json_error_t	 jerr;
	bool		 moderator;
	int64_t		 since = 0, limit = 100, n = 0, last = 0;
	int		 error;

	error = event_arg_int(args, "since", false, &since, cause);
	if (error != 0 && error != -ENOENT)
		return (error);
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
	moderator = core_role_of(c, a->uid) >= ROLE_MODERATOR;

	/* A type ending in "." selects a family ("proposal."). */
	stmt = store_prepare(s, "SELECT l.seq, l.ts, l.uid, l.name, l.type, "
	    "l.ref, e.hash, b.body, b.redacted_by FROM log_index l "
	    "JOIN events e ON e.seq = l.seq LEFT JOIN bodies b "
	    "ON b.seq = l.seq WHERE l.seq > ?1 AND (?2 IS NULL OR l.type = ?2 "
	    "OR (substr(?2, -1) = '.' AND substr(l.type, 1, length(?2)) = ?2)) "
	    "AND (?3 IS NULL OR l.ref = ?3) ORDER BY l.seq LIMIT ?4");
	sqlite3_bind_int64(stmt, 1, since);
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
		} else if (query_log_withheld(c, t, store_text(stmt, 5),
		    moderator)) {
			json_object_set_new(row, "body", json_null());
			json_object_set_new(row, "withheld",
			    json_string("the comment is hidden"));
		} else {
			body = json_loadb(sqlite3_column_blob(stmt, 7),
			    (size_t)sqlite3_column_bytes(stmt, 7), 0, &jerr);
			json_object_set_new(row, "body",
			    body != NULL ? body : json_null());
		}
		json_array_append_new(rows, row);
	}
	sqlite3_reset(stmt);
	*result = json_pack("{s:o,s:o,s:I}", "events", rows, "next",
	    n > limit ? json_integer(last) : json_null(),
	    "head", (json_int_t)core_head(c, NULL));
	return (0);
}

int
query_status(struct core *c, const struct actor *a, json_t *args,
    json_t **result, char **cause)
{
	struct store	*s = core_store(c);
	json_t		*r;

	if (store_int(s, "SELECT count(*) FROM community", 0, 0) == 0)
		return (moot_fail(cause, -ENOENT,
		    "there is no community here yet: run `moot init`"));
	r = json_pack("{s:s,s:I,s:I}",
	    "role", core_role_name(core_role_of(c, a->uid)),
	    "discussion", (json_int_t)store_int(s, "SELECT count(*) FROM "
	    "proposals WHERE state = 'discussion'", 0, 0),
	    "my_drafts", (json_int_t)store_int(s, "SELECT count(*) FROM "
	    "proposals WHERE state = 'draft' AND author_uid = ?", a->uid, 0));
	*result = r;
	return (0);
}
