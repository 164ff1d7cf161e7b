/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * moot check: rebuild every projection from the log into a scratch
 * database in memory, then compare it table by table, row by row, with
 * the live projections. Because the write path (core.c) is the only
 * writer and it projects with the same functions that replay uses here,
 * any difference means the projections were changed behind the log's
 * back, or a projection function is not deterministic: both are bugs
 * worth reporting with the table, the key and the column.
 *
 * Outside a transaction, the replay and the comparison read one snapshot
 * of the live database (a read transaction), so another connection may
 * write meanwhile.
 *
 * A redacted body is replayed as the "kept" body its log.redacted event
 * recorded (the same body with the member-written text set to null).
 *
 * The search index (proposals_fts) is not compared row by row: its
 * shadow tables record how FTS5 merged its segments, which differs
 * between a live index grown one edit at a time and one built by a
 * replay, with nothing wrong in either. Instead what each index holds
 * (term, proposal, column, offset) is compared, and a mismatch is one
 * difference.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "moot/event.h"
#include "moot/log.h"

#define CHECK_MAX_DIFFS	50

/* The body to replay for an event: its own, or the kept part. */
static int
check_body(struct store *s, int64_t seq, json_t **body, char **cause)
{
	json_t	*red;
	int64_t	 by;
	int	 error;

	if ((error = log_body(s, seq, body, &by, cause)) != 0)
		return (error);
	if (*body != NULL)
		return (0);
	if ((error = log_body(s, by, &red, NULL, cause)) != 0)
		return (error);
	if (red == NULL || !json_is_object(json_object_get(red, "kept"))) {
		json_decref(red);
		return (moot_fail(cause, -EBADMSG, "event %lld is redacted "
		    "without a kept body", (long long)seq));
	}
	*body = json_incref(json_object_get(red, "kept"));
	json_decref(red);
	return (0);
}

static int
check_replay(struct store *live, struct store *scratch, int64_t *count,
    char **cause)
{
	struct canon_event	 ce;
	struct event		 ev;
	sqlite3_stmt		*stmt;
	json_t			*body;
	char			*name, *type, *ref;
	int			 error = 0;

	*count = 0;
	if ((error = store_begin(scratch, cause)) != 0)
		return (error);
	stmt = store_prepare(live, "SELECT seq, canon FROM events ORDER BY seq");
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if ((error = canon_event_parse(sqlite3_column_blob(stmt, 1),
		    (size_t)sqlite3_column_bytes(stmt, 1), &ce, cause)) != 0)
			break;
		name = canon_unescape(ce.name, ce.name_len);
		type = canon_unescape(ce.type, ce.type_len);
		ref = canon_unescape(ce.ref, ce.ref_len);
		ev.seq = ce.seq;
		ev.ts = ce.ts;
		ev.uid = ce.uid;
		ev.name = name;
		ev.type = type;
		ev.ref = ref;
		error = check_body(live, ce.seq, &body, cause);
		if (error == 0) {
			error = event_project(scratch, &ev, body, cause);
			json_decref(body);
		}
		free(name);
		free(type);
		free(ref);
		if (error != 0)
			break;
		(*count)++;
	}
	sqlite3_reset(stmt);
	if (error != 0) {
		store_rollback(scratch);
		return (error);
	}
	return (store_commit(scratch, cause));
}

static json_t *
check_value(sqlite3_stmt *stmt, int col)
{
	switch (sqlite3_column_type(stmt, col)) {
	case SQLITE_INTEGER:
		return (json_integer(sqlite3_column_int64(stmt, col)));
	case SQLITE_NULL:
		return (json_null());
	default:
		return (json_stringn((const char *)sqlite3_column_text(stmt,
		    col), (size_t)sqlite3_column_bytes(stmt, col)));
	}
}

static bool
check_same(sqlite3_stmt *a, sqlite3_stmt *b, int col)
{
	int	type = sqlite3_column_type(a, col);

	if (type != sqlite3_column_type(b, col))
		return (false);
	switch (type) {
	case SQLITE_NULL:
		return (true);
	case SQLITE_INTEGER:
		return (sqlite3_column_int64(a, col) ==
		    sqlite3_column_int64(b, col));
	default:
		return (sqlite3_column_bytes(a, col) ==
		    sqlite3_column_bytes(b, col) &&
		    memcmp(sqlite3_column_blob(a, col),
		    sqlite3_column_blob(b, col),
		    (size_t)sqlite3_column_bytes(a, col)) == 0);
	}
}

#define CHECK_MAX_KEY	4

/* The primary key columns of a table, in key order. */
struct check_key {
	int	col[CHECK_MAX_KEY];
	int	n;
};

static json_t *
check_key_value(const struct check_key *k, sqlite3_stmt *stmt)
{
	json_t	*a;
	int	 i;

	if (k->n == 1)
		return (check_value(stmt, k->col[0]));
	a = json_array();
	for (i = 0; i < k->n; i++)
		json_array_append_new(a, check_value(stmt, k->col[i]));
	return (a);
}

/* Compare two rows' keys as SQLite orders them (integers, then text). */
static int
check_key_cmp(const struct check_key *k, sqlite3_stmt *a, sqlite3_stmt *b)
{
	int64_t	 ia, ib;
	int	 i, ta, tb, la, lb, c;

	for (i = 0; i < k->n; i++) {
		ta = sqlite3_column_type(a, k->col[i]);
		tb = sqlite3_column_type(b, k->col[i]);
		if (ta != tb)
			return (ta < tb ? -1 : 1);
		if (ta == SQLITE_INTEGER) {
			ia = sqlite3_column_int64(a, k->col[i]);
			ib = sqlite3_column_int64(b, k->col[i]);
			if (ia != ib)
				return (ia < ib ? -1 : 1);
			continue;
		}
		if (ta == SQLITE_NULL)
			continue;
		la = sqlite3_column_bytes(a, k->col[i]);
		lb = sqlite3_column_bytes(b, k->col[i]);
		c = memcmp(sqlite3_column_blob(a, k->col[i]),
		    sqlite3_column_blob(b, k->col[i]),
		    (size_t)(la < lb ? la : lb));
		if (c != 0)
			return (c < 0 ? -1 : 1);
		if (la != lb)
			return (la < lb ? -1 : 1);
	}
	return (0);
}

static int
check_key_columns(struct store *s, const char *table, struct check_key *k,
    struct buf *order, char **cause)
{
	sqlite3_stmt	*stmt;
	char		*sql;
	int		 rc, pk;

	memset(k, 0, sizeof *k);
	sql = xasprintf("SELECT cid, pk FROM pragma_table_info('%s') "
	    "WHERE pk > 0 ORDER BY pk", table);
	if ((rc = sqlite3_prepare_v2(store_db(s), sql, -1, &stmt, NULL)) !=
	    SQLITE_OK) {
		free(sql);
		return (store_error(s, rc, cause));
	}
	free(sql);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW && k->n < CHECK_MAX_KEY) {
		pk = sqlite3_column_int(stmt, 0);
		buf_addf(order, "%s%d", k->n == 0 ? "" : ", ", pk + 1);
		k->col[k->n++] = pk;
	}
	sqlite3_finalize(stmt);
	MOOT_REQUIRE(k->n > 0);
	return (0);
}

static void
check_diff(json_t *diffs, const char *table, const struct check_key *k,
    sqlite3_stmt *key_stmt, const char *what, const char *column,
    sqlite3_stmt *live, sqlite3_stmt *log, int col)
{
	json_t	*d;

	if (json_array_size(diffs) >= CHECK_MAX_DIFFS)
		return;
	d = json_pack("{s:s,s:o,s:s}", "table", table, "key",
	    check_key_value(k, key_stmt), "problem", what);
	if (column != NULL) {
		json_object_set_new(d, "column", json_string(column));
		json_object_set_new(d, "live", check_value(live, col));
		json_object_set_new(d, "log", check_value(log, col));
	}
	json_array_append_new(diffs, d);
}

/* Compare one table, both sides ordered by their primary key. */
static int
check_table(struct store *live, struct store *scratch, const char *table,
    json_t *diffs, char **cause)
{
	sqlite3_stmt	*a = NULL, *b = NULL;
	struct check_key k;
	struct buf	 order;
	char		*sql = NULL;
	int		 ra, rb, i, n, cmp, error;

	buf_init(&order);
	if ((error = check_key_columns(live, table, &k, &order, cause)) != 0)
		goto out;
	buf_addc(&order, '\0');
	sql = xasprintf("SELECT * FROM %s ORDER BY %s", table, order.data);
	if (sqlite3_prepare_v2(store_db(live), sql, -1, &a, NULL) !=
	    SQLITE_OK || sqlite3_prepare_v2(store_db(scratch), sql, -1, &b,
	    NULL) != SQLITE_OK) {
		error = store_error(live, SQLITE_ERROR, cause);
		goto out;
	}
	n = sqlite3_column_count(a);
	ra = sqlite3_step(a);
	rb = sqlite3_step(b);
	while (ra == SQLITE_ROW || rb == SQLITE_ROW) {
		if (ra != SQLITE_ROW)
			cmp = 1;
		else if (rb != SQLITE_ROW)
			cmp = -1;
		else
			cmp = check_key_cmp(&k, a, b);
		if (cmp < 0) {
			check_diff(diffs, table, &k, a, "row is not in the log",
			    NULL, NULL, NULL, 0);
			ra = sqlite3_step(a);
			continue;
		}
		if (cmp > 0) {
			check_diff(diffs, table, &k, b, "row is missing", NULL,
			    NULL, NULL, 0);
			rb = sqlite3_step(b);
			continue;
		}
		for (i = 0; i < n; i++) {
			if (!check_same(a, b, i))
				check_diff(diffs, table, &k, a,
				    "value differs", sqlite3_column_name(a, i),
				    a, b, i);
		}
		ra = sqlite3_step(a);
		rb = sqlite3_step(b);
	}
	if ((ra != SQLITE_DONE && ra != SQLITE_ROW) ||
	    (rb != SQLITE_DONE && rb != SQLITE_ROW))
		error = store_error(live, ra != SQLITE_DONE ? ra : rb, cause);
out:
	sqlite3_finalize(a);
	sqlite3_finalize(b);
	buf_free(&order);
	free(sql);
	return (error);
}

/*
 * Compare the search index of the live database with the one the replay
 * built, through what the index holds rather than how it is stored: the
 * fts5vocab "instance" view (term, proposal, column, offset), a temporary
 * table in each connection, so a read-only connection can do it too. The
 * first mismatch is one difference.
 */
static int
check_search(struct store *live, struct store *scratch, json_t *diffs,
    char **cause)
{
	static const char	*create = "CREATE VIRTUAL TABLE IF NOT EXISTS "
	    "temp.check_vocab USING fts5vocab(main, proposals_fts, "
	    "'instance')";
	static const char	*select = "SELECT term, doc, col, offset FROM "
	    "temp.check_vocab ORDER BY term, doc, col, offset";
	struct store		*s[2] = { live, scratch };
	sqlite3_stmt		*st[2] = { NULL, NULL };
	int			 i, rc[2], error = 0;
	bool			 same = true;

	for (i = 0; i < 2; i++) {
		if ((rc[0] = sqlite3_exec(store_db(s[i]), create, NULL, NULL,
		    NULL)) != SQLITE_OK ||
		    (rc[0] = sqlite3_prepare_v2(store_db(s[i]), select, -1,
		    &st[i], NULL)) != SQLITE_OK) {
			error = store_error(s[i], rc[0], cause);
			goto out;
		}
	}
	for (;;) {
		rc[0] = sqlite3_step(st[0]);
		rc[1] = sqlite3_step(st[1]);
		if (rc[0] != rc[1]) {
			same = false;
			break;
		}
		if (rc[0] != SQLITE_ROW)
			break;
		for (i = 0; i < 4 && same; i++)
			same = check_same(st[0], st[1], i);
		if (!same)
			break;
	}
	if (rc[0] != SQLITE_ROW && rc[0] != SQLITE_DONE)
		error = store_error(live, rc[0], cause);
	else if (rc[1] != SQLITE_ROW && rc[1] != SQLITE_DONE)
		error = store_error(scratch, rc[1], cause);
	else if (!same && json_array_size(diffs) < CHECK_MAX_DIFFS)
		json_array_append_new(diffs, json_pack("{s:s,s:n,s:s}",
		    "table", "proposals_fts", "key", "problem",
		    "the search index does not match the title and body of "
		    "the proposals in the log"));
out:
	for (i = 0; i < 2; i++) {
		sqlite3_finalize(st[i]);
		sqlite3_exec(store_db(s[i]), "DROP TABLE IF EXISTS "
		    "temp.check_vocab", NULL, NULL, NULL);
	}
	return (error);
}

/* Replay into a scratch database and compare every projection table. */
static int
check_all(struct core *c, json_t **result, char **cause)
{
	struct store	*scratch;
	json_t		*diffs;
	int64_t		 count;
	size_t		 i;
	int		 error;

	if ((error = store_open(NULL, STORE_MEMORY, &scratch, cause)) != 0)
		return (error);
	if ((error = check_replay(core_store(c), scratch, &count,
	    cause)) != 0) {
		store_close(scratch);
		return (error);
	}
	diffs = json_array();
	for (i = 0; store_projections[i] != NULL; i++) {
		error = check_table(core_store(c), scratch,
		    store_projections[i], diffs, cause);
		if (error != 0) {
			json_decref(diffs);
			store_close(scratch);
			return (error);
		}
	}
	error = check_search(core_store(c), scratch, diffs, cause);
	store_close(scratch);
	if (error != 0) {
		json_decref(diffs);
		return (error);
	}
	*result = json_pack("{s:b,s:I,s:o}", "ok", json_array_size(diffs) == 0,
	    "events", (json_int_t)count, "differences", diffs);
	return (0);
}

int
core_check(struct core *c, json_t **result, char **cause)
{
	bool	snapshot;
	int	error;

	*result = NULL;
	/* The replay and the comparison must see the same log. */
	snapshot = !store_in_transaction(core_store(c));
	if (snapshot && (error = store_begin_read(core_store(c),
	    cause)) != 0)
		return (error);
	error = check_all(c, result, cause);
	if (snapshot)
		store_rollback(core_store(c));
	return (error);
}
