/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Tests of the SQLite store (src/core/store.c): opening in memory and on
 * disk with the promised pragmas, every forward migration from every
 * older schema version with its data kept, the refusal of newer, foreign
 * and missing databases, the append-only triggers of the log, the
 * triggers that keep the search index in step with proposals, and the
 * mapping of SQLite result codes to errno values.
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
#include <unistd.h>

#include <cmocka.h>

#include "moot/store.h"

/* The tables each schema version adds (index: version - 1). */
static const char *const store_v1_tables[] = { "events", "bodies", NULL };
static const char *const store_v2_tables[] = { "community", "members",
	"proposals", "comments", "log_index", NULL };
static const char *const store_v3_indexes[] = { "proposals_state",
	"proposals_author", "comments_proposal", "log_index_ref",
	"log_index_type", NULL };
static const char *const store_v4_tables[] = { "rules", "rule_versions",
	"governance", "ballots", "request_keys", NULL };
static const char *const store_v6_tables[] = { "proposals_fts",
	"proposals_fts_data", "proposals_fts_idx", "proposals_fts_docsize",
	"proposals_fts_config", NULL };
static const char *const store_v6_indexes[] = { "proposals_updated",
	"proposals_state_updated", "proposals_author_updated",
	"proposals_ncomments", "proposals_state_ncomments",
	"proposals_author_ncomments", "proposals_closing", "ballots_uid",
	"comments_author", NULL };
static const char *const store_v6_triggers[] = { "proposals_fts_insert",
	"proposals_fts_delete", "proposals_fts_update", NULL };

struct fixture {
	char	 dir[64];
	char	*path;
};

static int
setup(void **state)
{
	struct fixture	*f = xcalloc(1, sizeof *f);

	snprintf(f->dir, sizeof f->dir, "/tmp/moot-test-store.XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return (-1);
	f->path = xasprintf("%s/moot.db", f->dir);
	*state = f;
	return (0);
}

static void
unlink_db(const char *path)
{
	char	*p;

	unlink(path);
	p = xasprintf("%s-wal", path);
	unlink(p);
	free(p);
	p = xasprintf("%s-shm", path);
	unlink(p);
	free(p);
}

static int
teardown(void **state)
{
	struct fixture	*f = *state;

	unlink_db(f->path);
	rmdir(f->dir);
	free(f->path);
	free(f);
	return (0);
}

static bool
has_object(struct store *s, const char *type, const char *name)
{
	sqlite3_stmt	*stmt;
	bool		 found;

	assert_int_equal(sqlite3_prepare_v2(store_db(s),
	    "SELECT 1 FROM sqlite_schema WHERE type = ? AND name = ?", -1,
	    &stmt, NULL), SQLITE_OK);
	sqlite3_bind_text(stmt, 1, type, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, name, -1, SQLITE_STATIC);
	found = sqlite3_step(stmt) == SQLITE_ROW;
	sqlite3_finalize(stmt);
	return (found);
}

static void
assert_schema_complete(struct store *s)
{
	size_t	i;

	for (i = 0; store_v1_tables[i] != NULL; i++)
		assert_true(has_object(s, "table", store_v1_tables[i]));
	for (i = 0; store_v2_tables[i] != NULL; i++)
		assert_true(has_object(s, "table", store_v2_tables[i]));
	for (i = 0; store_v3_indexes[i] != NULL; i++)
		assert_true(has_object(s, "index", store_v3_indexes[i]));
	for (i = 0; store_v4_tables[i] != NULL; i++)
		assert_true(has_object(s, "table", store_v4_tables[i]));
	for (i = 0; store_v6_tables[i] != NULL; i++)
		assert_true(has_object(s, "table", store_v6_tables[i]));
	for (i = 0; store_v6_indexes[i] != NULL; i++)
		assert_true(has_object(s, "index", store_v6_indexes[i]));
	for (i = 0; store_v6_triggers[i] != NULL; i++)
		assert_true(has_object(s, "trigger", store_v6_triggers[i]));
	assert_true(has_object(s, "trigger", "events_no_update"));
	assert_true(has_object(s, "trigger", "events_no_delete"));
	assert_true(has_object(s, "trigger", "bodies_no_delete"));
	assert_true(has_object(s, "trigger", "bodies_redact_only"));
}

/* A pragma's value as text (journal_mode answers with a word). */
static char *
pragma(struct store *s, const char *sql)
{
	sqlite3_stmt	*stmt;
	char		*v;

	assert_int_equal(sqlite3_prepare_v2(store_db(s), sql, -1, &stmt,
	    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	v = xstrdup((const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	return (v);
}

static void
assert_pragma(struct store *s, const char *sql, const char *want)
{
	char	*v = pragma(s, sql);

	assert_string_equal(v, want);
	free(v);
}

static int
exec(struct store *s, const char *sql)
{
	return (sqlite3_exec(store_db(s), sql, NULL, NULL, NULL));
}

/* One event (seq 1) and its body, as raw rows. */
static void
insert_event(struct store *s)
{
	assert_int_equal(exec(s, "INSERT INTO events (seq, canon, hash) "
	    "VALUES (1, X'7b7d', X'00'); INSERT INTO bodies (seq, body) "
	    "VALUES (1, X'7b7d')"), SQLITE_OK);
}

static void
test_latest_version_is_eight(void **state)
{
	(void)state;
	assert_int_equal(store_latest_version(), 8);
}

/* The ids of the proposals the search index finds for an FTS5 query. */
static char *
search_ids(struct store *s, const char *match)
{
	sqlite3_stmt	*stmt;
	struct buf	 b;

	buf_init(&b);
	assert_int_equal(sqlite3_prepare_v2(store_db(s), "SELECT rowid FROM "
	    "proposals_fts WHERE proposals_fts MATCH ? ORDER BY rowid", -1,
	    &stmt, NULL), SQLITE_OK);
	sqlite3_bind_text(stmt, 1, match, -1, SQLITE_STATIC);
	while (sqlite3_step(stmt) == SQLITE_ROW)
		buf_addf(&b, "%s%lld", b.len == 0 ? "" : " ",
		    (long long)sqlite3_column_int64(stmt, 0));
	sqlite3_finalize(stmt);
	buf_addc(&b, '\0');
	return (buf_steal(&b, NULL));
}

static void
assert_search(struct store *s, const char *match, const char *want)
{
	char	*ids = search_ids(s, match);

	if (strcmp(ids, want) != 0)
		fail_msg("search %s: ids \"%s\", want \"%s\"", match, ids,
		    want);
	free(ids);
}

/* The FTS5 check of the index against proposals (0: they match). */
static int
search_integrity(struct store *s)
{
	return (exec(s, "INSERT INTO proposals_fts (proposals_fts, rank) "
	    "VALUES ('integrity-check', 1)"));
}

/* Raw proposal rows for the tests of the search index. */
static void
insert_proposal(struct store *s, int id, const char *title,
    const char *body)
{
	char	*sql;

	sql = sqlite3_mprintf("INSERT INTO proposals (id, author_uid, title, "
	    "body, text_seq, kind, licence, state, created_ts, updated_ts) "
	    "VALUES (%d, 1000, %Q, %Q, 1, 'motion', 'CC0', 'discussion', 0, "
	    "0)", id, title, body);
	assert_int_equal(exec(s, sql), SQLITE_OK);
	sqlite3_free(sql);
}

/*
 * The triggers keep the search index in step with proposals: an insert
 * is found, an edit finds the new text and not the old, a redaction
 * (title and body NULL) and a delete find nothing, and FTS5's own check
 * agrees after each; a row written to the index behind proposals' back
 * fails that check.
 */
static void
test_search_index_follows_proposals(void **state)
{
	struct store	*s;

	(void)state;
	assert_int_equal(store_open(NULL, STORE_MEMORY, &s, NULL), 0);
	insert_proposal(s, 1, "Buy a wheelbarrow", "For the allotment.");
	insert_proposal(s, 2, "Fix the roof", "Before the winter.");
	assert_search(s, "wheelbarrow", "1");
	assert_search(s, "roof", "2");
	assert_search(s, "the", "1 2");
	assert_int_equal(search_integrity(s), SQLITE_OK);

	assert_int_equal(exec(s, "UPDATE proposals SET title = 'Mend the "
	    "fence' WHERE id = 2"), SQLITE_OK);
	assert_search(s, "roof", "");
	assert_search(s, "fence", "2");
	assert_search(s, "winter", "2");
	assert_int_equal(search_integrity(s), SQLITE_OK);

	assert_int_equal(exec(s, "UPDATE proposals SET title = NULL, "
	    "body = NULL WHERE id = 1"), SQLITE_OK);
	assert_search(s, "wheelbarrow", "");
	assert_search(s, "allotment", "");
	assert_search(s, "the", "2");
	assert_int_equal(search_integrity(s), SQLITE_OK);

	/* Other columns leave the index alone. */
	assert_int_equal(exec(s, "UPDATE proposals SET state = 'withdrawn', "
	    "ncomments = 3 WHERE id = 2"), SQLITE_OK);
	assert_search(s, "fence", "2");
	assert_int_equal(exec(s, "DELETE FROM proposals WHERE id = 2"),
	    SQLITE_OK);
	assert_search(s, "fence", "");
	assert_int_equal(search_integrity(s), SQLITE_OK);

	assert_int_equal(exec(s, "INSERT INTO proposals_fts (rowid, title, "
	    "body) VALUES (9, 'ghost', 'ghost')"), SQLITE_OK);
	assert_int_equal(search_integrity(s), SQLITE_CORRUPT);
	store_close(s);
}

static void
test_memory_open_is_latest(void **state)
{
	struct store	*s;
	char		*cause = NULL;

	(void)state;
	assert_int_equal(store_open(NULL, STORE_MEMORY, &s, &cause), 0);
	assert_null(cause);
	assert_int_equal(store_version(s), store_latest_version());
	assert_string_equal(store_path(s), ":memory:");
	assert_schema_complete(s);
	store_close(s);
}

static void
test_file_open_pragmas(void **state)
{
	struct fixture	*f = *state;
	struct store	*s;
	char		*cause = NULL;

	assert_int_equal(store_open(f->path, STORE_CREATE, &s, &cause), 0);
	assert_pragma(s, "PRAGMA journal_mode", "wal");
	assert_pragma(s, "PRAGMA synchronous", "2");
	assert_pragma(s, "PRAGMA foreign_keys", "1");
	assert_int_equal(store_version(s), store_latest_version());
	assert_string_equal(store_path(s), f->path);
	store_close(s);
}

static void
test_file_reopen_pragmas(void **state)
{
	struct fixture	*f = *state;
	struct store	*s;

	assert_int_equal(store_open(f->path, STORE_CREATE, &s, NULL), 0);
	store_close(s);
	assert_int_equal(store_open(f->path, 0, &s, NULL), 0);
	assert_pragma(s, "PRAGMA journal_mode", "wal");
	assert_pragma(s, "PRAGMA synchronous", "2");
	assert_pragma(s, "PRAGMA foreign_keys", "1");
	store_close(s);
}

/*
 * For every older version v: a file created at v (with an event when the
 * log exists), reopened with store_open(), is at the latest version with
 * every table, index and trigger, and the event is still there.
 */
static void
test_migrations_from_every_version(void **state)
{
	struct fixture	*f = *state;
	struct store	*s;
	char		*cause = NULL;
	int		 v;

	for (v = 0; v < store_latest_version(); v++) {
		unlink_db(f->path);
		assert_int_equal(store_open_at(f->path, STORE_CREATE, v, &s,
		    &cause), 0);
		assert_int_equal(store_version(s), v);
		if (v >= 1)
			insert_event(s);
		else
			assert_false(has_object(s, "table", "events"));
		if (v < 2)
			assert_false(has_object(s, "table", "members"));
		if (v >= 2)
			assert_int_equal(exec(s, "INSERT INTO proposals (id, "
			    "author_uid, title, body, text_seq, kind, licence, "
			    "state, created_ts, updated_ts) VALUES (1, 1000, "
			    "'Buy a wheelbarrow', 'b', 1, 'motion', 'CC0', "
			    "'discussion', 0, 0)"), SQLITE_OK);
		if (v < 4)
			assert_false(has_object(s, "table", "ballots"));
		store_close(s);

		/* An empty file (version 0) is no community yet: create. */
		assert_int_equal(store_open(f->path, v == 0 ? STORE_CREATE : 0,
		    &s, &cause), 0);
		assert_null(cause);
		assert_int_equal(store_version(s), store_latest_version());
		assert_schema_complete(s);
		if (v >= 1) {
			assert_int_equal(store_int(s,
			    "SELECT count(*) FROM events", 0, -1), 1);
			assert_int_equal(store_int(s,
			    "SELECT length(body) FROM bodies WHERE seq = ?", 1,
			    -1), 2);
		}
		/* A proposal from before votes keeps its row, with no rule. */
		if (v == 3)
			assert_int_equal(store_int(s, "SELECT count(*) FROM "
			    "proposals WHERE id = 1 AND rule IS NULL AND "
			    "extended = 0", 0, -1), 1);
		/* One from before the search index is in it. */
		if (v >= 2) {
			assert_search(s, "wheelbarrow", "1");
			assert_int_equal(search_integrity(s), SQLITE_OK);
		}
		store_close(s);
	}
}

/* Migrating stops at the target asked for, and goes on later. */
static void
test_migration_stepwise(void **state)
{
	struct fixture	*f = *state;
	struct store	*s;
	int		 v;

	for (v = 1; v <= store_latest_version(); v++) {
		assert_int_equal(store_open_at(f->path, STORE_CREATE, v, &s,
		    NULL), 0);
		assert_int_equal(store_version(s), v);
		store_close(s);
	}
}

static void
test_newer_version_refused(void **state)
{
	struct fixture	*f = *state;
	struct store	*s;
	char		*cause = NULL, *sql;

	assert_int_equal(store_open(f->path, STORE_CREATE, &s, NULL), 0);
	sql = xasprintf("PRAGMA user_version = %d", store_latest_version() + 1);
	assert_int_equal(exec(s, sql), SQLITE_OK);
	free(sql);
	store_close(s);

	s = NULL;
	assert_int_equal(store_open(f->path, 0, &s, &cause), -EPROTO);
	assert_null(s);
	assert_non_null(cause);
	assert_non_null(strstr(cause, "newer than this moot"));
	free(cause);
}

static void
test_newer_version_refused_readonly(void **state)
{
	struct fixture	*f = *state;
	struct store	*s;
	char		*cause = NULL;

	assert_int_equal(store_open_at(f->path, STORE_CREATE, 2, &s, NULL), 0);
	store_close(s);
	assert_int_equal(store_open(f->path, STORE_READONLY, &s, &cause),
	    -EPROTO);
	assert_non_null(cause);
	free(cause);
}

static void
test_foreign_sqlite_refused(void **state)
{
	struct fixture	*f = *state;
	sqlite3		*db;
	struct store	*s = NULL;
	char		*cause = NULL;

	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE t (x)", NULL, NULL,
	    NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(store_open(f->path, STORE_CREATE, &s, &cause),
	    -EBADMSG);
	assert_null(s);
	assert_non_null(strstr(cause, "not a moot database"));
	free(cause);
}

static void
test_not_sqlite_refused(void **state)
{
	struct fixture	*f = *state;
	struct store	*s = NULL;
	FILE		*fp;
	char		*cause = NULL;
	int		 i;

	fp = fopen(f->path, "w");
	assert_non_null(fp);
	for (i = 0; i < 256; i++)
		fputs("this is not a database\n", fp);
	fclose(fp);
	assert_int_equal(store_open(f->path, 0, &s, &cause), -EBADMSG);
	assert_null(s);
	assert_non_null(cause);
	free(cause);
}

static void
test_missing_file_refused(void **state)
{
	struct fixture	*f = *state;
	struct store	*s = NULL;
	char		*cause = NULL;

	assert_int_equal(store_open(f->path, 0, &s, &cause), -ENOENT);
	assert_null(s);
	assert_non_null(strstr(cause, "moot init"));
	free(cause);
	assert_int_equal(access(f->path, F_OK), -1);
}

static void
test_empty_file_without_create_refused(void **state)
{
	struct fixture	*f = *state;
	struct store	*s = NULL;
	FILE		*fp;
	char		*cause = NULL;

	fp = fopen(f->path, "w");
	assert_non_null(fp);
	fclose(fp);
	assert_int_equal(store_open(f->path, 0, &s, &cause), -ENOENT);
	assert_null(s);
	assert_non_null(strstr(cause, "holds no moot community"));
	free(cause);
}

/* A store in memory with one event and body. */
static struct store *
open_with_event(void)
{
	struct store	*s;

	assert_int_equal(store_open(NULL, STORE_MEMORY, &s, NULL), 0);
	insert_event(s);
	return (s);
}

static void
test_trigger_refuses_event_update(void **state)
{
	struct store	*s = open_with_event();

	(void)state;
	assert_int_equal(exec(s, "UPDATE events SET canon = X'00'"),
	    SQLITE_CONSTRAINT);
	assert_non_null(strstr(sqlite3_errmsg(store_db(s)), "append-only"));
	assert_int_equal(store_int(s,
	    "SELECT canon = X'7b7d' FROM events WHERE seq = ?", 1, 0), 1);
	store_close(s);
}

static void
test_trigger_refuses_event_delete(void **state)
{
	struct store	*s = open_with_event();

	(void)state;
	assert_int_equal(exec(s, "DELETE FROM bodies; DELETE FROM events"),
	    SQLITE_CONSTRAINT);
	assert_int_equal(store_int(s, "SELECT count(*) FROM events", 0, 0), 1);
	store_close(s);
}

static void
test_trigger_refuses_event_delete_alone(void **state)
{
	struct store	*s = open_with_event();

	(void)state;
	assert_int_equal(exec(s, "INSERT INTO events (seq, canon, hash) "
	    "VALUES (2, X'7b7d', X'00')"), SQLITE_OK);
	assert_int_equal(exec(s, "DELETE FROM events WHERE seq = 2"),
	    SQLITE_CONSTRAINT);
	assert_int_equal(store_int(s, "SELECT count(*) FROM events", 0, 0), 2);
	store_close(s);
}

static void
test_trigger_refuses_body_delete(void **state)
{
	struct store	*s = open_with_event();

	(void)state;
	assert_int_equal(exec(s, "DELETE FROM bodies"), SQLITE_CONSTRAINT);
	assert_int_equal(store_int(s, "SELECT count(*) FROM bodies", 0, 0), 1);
	store_close(s);
}

static void
test_trigger_refuses_body_change(void **state)
{
	struct store	*s = open_with_event();

	(void)state;
	assert_int_equal(exec(s, "UPDATE bodies SET body = X'5b5d'"),
	    SQLITE_CONSTRAINT);
	assert_non_null(strstr(sqlite3_errmsg(store_db(s)), "redacted"));
	store_close(s);
}

static void
test_trigger_refuses_redaction_without_by(void **state)
{
	struct store	*s = open_with_event();

	(void)state;
	assert_int_equal(exec(s, "UPDATE bodies SET body = NULL"),
	    SQLITE_CONSTRAINT);
	assert_int_equal(store_int(s,
	    "SELECT body IS NOT NULL FROM bodies WHERE seq = ?", 1, 0), 1);
	store_close(s);
}

static void
test_trigger_allows_redaction(void **state)
{
	struct store	*s = open_with_event();

	(void)state;
	assert_int_equal(exec(s, "INSERT INTO events (seq, canon, hash) "
	    "VALUES (2, X'7b7d', X'00')"), SQLITE_OK);
	assert_int_equal(exec(s,
	    "UPDATE bodies SET body = NULL, redacted_by = 2 WHERE seq = 1"),
	    SQLITE_OK);
	assert_int_equal(store_int(s,
	    "SELECT redacted_by FROM bodies WHERE seq = ? AND body IS NULL", 1,
	    0), 2);
	store_close(s);
}

static void
test_trigger_refuses_second_redaction(void **state)
{
	struct store	*s = open_with_event();

	(void)state;
	assert_int_equal(exec(s, "INSERT INTO events (seq, canon, hash) "
	    "VALUES (2, X'7b7d', X'00'), (3, X'7b7d', X'00')"), SQLITE_OK);
	assert_int_equal(exec(s,
	    "UPDATE bodies SET body = NULL, redacted_by = 2 WHERE seq = 1"),
	    SQLITE_OK);
	assert_int_equal(exec(s,
	    "UPDATE bodies SET redacted_by = 3 WHERE seq = 1"),
	    SQLITE_CONSTRAINT);
	store_close(s);
}

static void
test_foreign_key_enforced(void **state)
{
	struct store	*s;

	(void)state;
	assert_int_equal(store_open(NULL, STORE_MEMORY, &s, NULL), 0);
	assert_int_equal(exec(s, "INSERT INTO bodies (seq, body) "
	    "VALUES (9, X'7b7d')"), SQLITE_CONSTRAINT);
	store_close(s);
}

/* store_error() gives err and a cause naming the database. */
static void
assert_error_maps(int rc, int err)
{
	struct store	*s;
	char		*cause = NULL;

	assert_int_equal(store_open(NULL, STORE_MEMORY, &s, NULL), 0);
	assert_int_equal(store_error(s, rc, &cause), err);
	assert_non_null(cause);
	assert_non_null(strstr(cause, "database :memory:"));
	free(cause);
	store_close(s);
}

static void
test_error_busy(void **state)
{
	(void)state;
	assert_error_maps(SQLITE_BUSY, -EBUSY);
}

static void
test_error_locked(void **state)
{
	(void)state;
	assert_error_maps(SQLITE_LOCKED, -EBUSY);
}

static void
test_error_constraint(void **state)
{
	(void)state;
	assert_error_maps(SQLITE_CONSTRAINT, -EPERM);
}

static void
test_error_extended_code(void **state)
{
	(void)state;
	assert_error_maps(SQLITE_CONSTRAINT_TRIGGER, -EPERM);
}

static void
test_error_full(void **state)
{
	(void)state;
	assert_error_maps(SQLITE_FULL, -ENOSPC);
}

static void
test_error_readonly(void **state)
{
	(void)state;
	assert_error_maps(SQLITE_READONLY, -EROFS);
}

static void
test_error_cantopen(void **state)
{
	(void)state;
	assert_error_maps(SQLITE_CANTOPEN, -ENOENT);
}

static void
test_error_perm(void **state)
{
	(void)state;
	assert_error_maps(SQLITE_PERM, -EACCES);
}

static void
test_error_corrupt(void **state)
{
	(void)state;
	assert_error_maps(SQLITE_CORRUPT, -EBADMSG);
	assert_error_maps(SQLITE_NOTADB, -EBADMSG);
}

static void
test_error_toobig(void **state)
{
	(void)state;
	assert_error_maps(SQLITE_TOOBIG, -E2BIG);
}

static void
test_error_other_is_eio(void **state)
{
	(void)state;
	assert_error_maps(SQLITE_IOERR, -EIO);
	assert_error_maps(SQLITE_ERROR, -EIO);
}

static void
test_error_ok_is_zero(void **state)
{
	char	*cause = NULL;

	(void)state;
	assert_int_equal(store_error(NULL, SQLITE_OK, &cause), 0);
	assert_int_equal(store_error(NULL, SQLITE_DONE, &cause), 0);
	assert_int_equal(store_error(NULL, SQLITE_ROW, &cause), 0);
	assert_null(cause);
}

static void
test_error_without_store(void **state)
{
	char	*cause = NULL;

	(void)state;
	assert_int_equal(store_error(NULL, SQLITE_BUSY, &cause), -EBUSY);
	assert_non_null(cause);
	free(cause);
}

static void
test_exec_maps_trigger_to_eperm(void **state)
{
	struct store	*s = open_with_event();
	char		*cause = NULL;

	(void)state;
	assert_int_equal(store_exec(s, "DELETE FROM bodies", &cause), -EPERM);
	assert_non_null(strstr(cause, "append-only"));
	free(cause);
	store_close(s);
}

static void
test_transactions(void **state)
{
	struct store	*s;
	char		*cause = NULL;

	(void)state;
	assert_int_equal(store_open(NULL, STORE_MEMORY, &s, NULL), 0);
	assert_false(store_in_transaction(s));
	assert_int_equal(store_begin(s, &cause), 0);
	assert_true(store_in_transaction(s));
	insert_event(s);
	store_rollback(s);
	assert_false(store_in_transaction(s));
	assert_int_equal(store_int(s, "SELECT count(*) FROM events", 0, -1), 0);
	assert_int_equal(store_begin(s, &cause), 0);
	insert_event(s);
	assert_int_equal(store_commit(s, &cause), 0);
	assert_int_equal(store_int(s, "SELECT count(*) FROM events", 0, -1), 1);
	store_rollback(s);	/* outside a transaction: harmless */
	store_close(s);
}

static void
test_int_default_when_no_row(void **state)
{
	struct store	*s;

	(void)state;
	assert_int_equal(store_open(NULL, STORE_MEMORY, &s, NULL), 0);
	assert_int_equal(store_int(s, "SELECT seq FROM events WHERE seq = ?",
	    5, -7), -7);
	assert_int_equal(store_int(s, "SELECT max(seq) FROM events", 0, 42),
	    42);
	store_close(s);
}

static void
test_prepare_caches(void **state)
{
	static const char	 sql[] = "SELECT count(*) FROM events";
	struct store		*s;
	sqlite3_stmt		*a, *b;

	(void)state;
	assert_int_equal(store_open(NULL, STORE_MEMORY, &s, NULL), 0);
	a = store_prepare(s, sql);
	assert_int_equal(sqlite3_step(a), SQLITE_ROW);
	b = store_prepare(s, sql);
	assert_ptr_equal(a, b);
	/* Handed back reset: it steps from the start again. */
	assert_int_equal(sqlite3_step(b), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(b, 0), 0);
	sqlite3_reset(b);
	store_close(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_latest_version_is_eight),
		cmocka_unit_test(test_memory_open_is_latest),
		cmocka_unit_test_setup_teardown(test_file_open_pragmas, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_file_reopen_pragmas,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_migrations_from_every_version, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migration_stepwise, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_newer_version_refused,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_newer_version_refused_readonly, setup, teardown),
		cmocka_unit_test_setup_teardown(test_foreign_sqlite_refused,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_sqlite_refused, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_missing_file_refused,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_empty_file_without_create_refused, setup, teardown),
		cmocka_unit_test(test_trigger_refuses_event_update),
		cmocka_unit_test(test_trigger_refuses_event_delete),
		cmocka_unit_test(test_trigger_refuses_event_delete_alone),
		cmocka_unit_test(test_trigger_refuses_body_delete),
		cmocka_unit_test(test_trigger_refuses_body_change),
		cmocka_unit_test(test_trigger_refuses_redaction_without_by),
		cmocka_unit_test(test_trigger_allows_redaction),
		cmocka_unit_test(test_trigger_refuses_second_redaction),
		cmocka_unit_test(test_foreign_key_enforced),
		cmocka_unit_test(test_search_index_follows_proposals),
		cmocka_unit_test(test_error_busy),
		cmocka_unit_test(test_error_locked),
		cmocka_unit_test(test_error_constraint),
		cmocka_unit_test(test_error_extended_code),
		cmocka_unit_test(test_error_full),
		cmocka_unit_test(test_error_readonly),
		cmocka_unit_test(test_error_cantopen),
		cmocka_unit_test(test_error_perm),
		cmocka_unit_test(test_error_corrupt),
		cmocka_unit_test(test_error_toobig),
		cmocka_unit_test(test_error_other_is_eio),
		cmocka_unit_test(test_error_ok_is_zero),
		cmocka_unit_test(test_error_without_store),
		cmocka_unit_test(test_exec_maps_trigger_to_eperm),
		cmocka_unit_test(test_transactions),
		cmocka_unit_test(test_int_default_when_no_row),
		cmocka_unit_test(test_prepare_caches),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
