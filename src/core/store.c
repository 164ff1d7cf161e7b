/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The SQLite store. It owns the one connection to a community's database
 * file, the schema and its forward migrations, a cache of prepared
 * statements and the translation of SQLite result codes into errno values
 * and sentences (nowhere else looks at an SQLite code).
 *
 * Invariants:
 *  1. The connection runs in WAL mode with synchronous=FULL and foreign
 *     keys on; a transaction is acknowledged only after COMMIT returns.
 *  2. PRAGMA user_version is the number of migrations applied. Migrations
 *     only move forward, each in its own transaction; a file newer than
 *     this program is refused, never downgraded.
 *  3. The log tables (events, bodies) are append-only: triggers refuse
 *     UPDATE and DELETE on events, DELETE on bodies, and any UPDATE of
 *     bodies except a redaction (see moot-log(5)). Projections may be
 *     rebuilt from the log at any time (check.c does so).
 *  4. The search index proposals_fts follows proposals(title, body) by
 *     triggers, inside the transaction that changes them; nothing else
 *     writes it. It can be rebuilt from proposals at any time (FTS5's
 *     'rebuild'), and check.c has FTS5 compare the two.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "moot/store.h"

#define STORE_CACHE_MAX	256

struct store_stmt {
	const char	*sql;
	sqlite3_stmt	*stmt;
};

struct store {
	sqlite3			*db;
	char			*path;
	struct store_stmt	 cache[STORE_CACHE_MAX];
	size_t			 ncache;
};

/*
 * The migrations. Index i takes the schema from version i to i + 1.
 * Projection tables can always be rebuilt from the log, so a later
 * migration that reshapes one may drop it and replay (check.c).
 */
static const char *const store_migrations[] = {
	/* 1: the event log (moot-log(5)). */
	"CREATE TABLE events ("
	"  seq INTEGER PRIMARY KEY,"
	"  canon BLOB NOT NULL,"
	"  hash BLOB NOT NULL);"
	"CREATE TABLE bodies ("
	"  seq INTEGER PRIMARY KEY REFERENCES events(seq),"
	"  body BLOB,"
	"  redacted_by INTEGER REFERENCES events(seq));"
	"CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN"
	"  SELECT RAISE(ABORT, 'the event log is append-only'); END;"
	"CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN"
	"  SELECT RAISE(ABORT, 'the event log is append-only'); END;"
	"CREATE TRIGGER bodies_no_delete BEFORE DELETE ON bodies BEGIN"
	"  SELECT RAISE(ABORT, 'the event log is append-only'); END;"
	"CREATE TRIGGER bodies_redact_only BEFORE UPDATE ON bodies"
	"  WHEN NOT (OLD.body IS NOT NULL AND NEW.body IS NULL"
	"    AND OLD.redacted_by IS NULL AND NEW.redacted_by IS NOT NULL"
	"    AND NEW.seq = OLD.seq) BEGIN"
	"  SELECT RAISE(ABORT, 'a body may only be redacted'); END;",

	/* 2: projections of the community, members, proposals, comments. */
	"CREATE TABLE community ("
	"  id INTEGER PRIMARY KEY CHECK (id = 1),"
	"  name TEXT NOT NULL,"
	"  agreement TEXT NOT NULL,"
	"  agreement_version TEXT NOT NULL,"
	"  licence TEXT NOT NULL,"
	"  membership TEXT NOT NULL,"
	"  created_ts INTEGER NOT NULL);"
	"CREATE TABLE members ("
	"  uid INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL,"
	"  role TEXT NOT NULL,"
	"  status TEXT NOT NULL,"
	"  agreement_version TEXT,"
	"  invited_by INTEGER,"
	"  joined_ts INTEGER,"
	"  updated_ts INTEGER NOT NULL);"
	"CREATE TABLE proposals ("
	"  id INTEGER PRIMARY KEY,"
	"  author_uid INTEGER NOT NULL,"
	"  title TEXT,"
	"  body TEXT,"
	"  text_seq INTEGER NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  licence TEXT NOT NULL,"
	"  state TEXT NOT NULL,"
	"  created_ts INTEGER NOT NULL,"
	"  updated_ts INTEGER NOT NULL,"
	"  withdrawn_reason TEXT,"
	"  withdrawn_seq INTEGER,"
	"  ncomments INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE comments ("
	"  id INTEGER PRIMARY KEY,"
	"  proposal_id INTEGER NOT NULL REFERENCES proposals(id),"
	"  author_uid INTEGER NOT NULL,"
	"  body TEXT,"
	"  body_seq INTEGER NOT NULL,"
	"  created_ts INTEGER NOT NULL,"
	"  hidden INTEGER NOT NULL DEFAULT 0,"
	"  hidden_by INTEGER,"
	"  hidden_reason TEXT,"
	"  hidden_seq INTEGER,"
	"  hidden_ts INTEGER);"
	"CREATE TABLE log_index ("
	"  seq INTEGER PRIMARY KEY,"
	"  ts INTEGER NOT NULL,"
	"  uid INTEGER NOT NULL,"
	"  name TEXT NOT NULL,"
	"  type TEXT NOT NULL,"
	"  ref TEXT NOT NULL);",

	/* 3: indexes for keyset paging and per-object timelines. */
	"CREATE INDEX proposals_state ON proposals(state, id);"
	"CREATE INDEX proposals_author ON proposals(author_uid, id);"
	"CREATE INDEX comments_proposal ON comments(proposal_id, id);"
	"CREATE INDEX log_index_ref ON log_index(ref, seq);"
	"CREATE INDEX log_index_type ON log_index(type, seq);",

	/* 4: rules, governance, votes and ballots. */
	"CREATE TABLE rules ("
	"  name TEXT PRIMARY KEY,"
	"  version INTEGER NOT NULL,"
	"  body TEXT NOT NULL,"
	"  seq INTEGER NOT NULL,"
	"  ts INTEGER NOT NULL);"
	"CREATE TABLE rule_versions ("
	"  name TEXT NOT NULL,"
	"  version INTEGER NOT NULL,"
	"  body TEXT,"
	"  seq INTEGER NOT NULL,"
	"  ts INTEGER NOT NULL,"
	"  cause TEXT,"
	"  PRIMARY KEY (name, version));"
	"CREATE TABLE governance ("
	"  id INTEGER PRIMARY KEY CHECK (id = 1),"
	"  version INTEGER NOT NULL,"
	"  body TEXT NOT NULL,"
	"  seq INTEGER NOT NULL);"
	"ALTER TABLE proposals ADD COLUMN rule TEXT;"
	"ALTER TABLE proposals ADD COLUMN options TEXT;"
	"ALTER TABLE proposals ADD COLUMN change TEXT;"
	"ALTER TABLE proposals ADD COLUMN vote_seq INTEGER;"
	"ALTER TABLE proposals ADD COLUMN vote_rule TEXT;"
	"ALTER TABLE proposals ADD COLUMN vote_version INTEGER;"
	"ALTER TABLE proposals ADD COLUMN vote_options TEXT;"
	"ALTER TABLE proposals ADD COLUMN opened_ts INTEGER;"
	"ALTER TABLE proposals ADD COLUMN closes_ts INTEGER;"
	"ALTER TABLE proposals ADD COLUMN max_ts INTEGER;"
	"ALTER TABLE proposals ADD COLUMN extended INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE proposals ADD COLUMN closed_ts INTEGER;"
	"ALTER TABLE proposals ADD COLUMN outcome TEXT;"
	"ALTER TABLE proposals ADD COLUMN result TEXT;"
	"ALTER TABLE proposals ADD COLUMN veto_reason TEXT;"
	"ALTER TABLE proposals ADD COLUMN veto_seq INTEGER;"
	"ALTER TABLE proposals ADD COLUMN applied_seq INTEGER;"
	"CREATE TABLE ballots ("
	"  proposal_id INTEGER NOT NULL REFERENCES proposals(id),"
	"  uid INTEGER NOT NULL,"
	"  marks TEXT NOT NULL,"
	"  choice TEXT NOT NULL,"
	"  seq INTEGER NOT NULL,"
	"  ts INTEGER NOT NULL,"
	"  changes INTEGER NOT NULL DEFAULT 0,"
	"  PRIMARY KEY (proposal_id, uid));"
	"CREATE INDEX proposals_closes ON proposals(state, closes_ts);",

	/*
	 * 5: the first result of each idempotency key, written in the same
	 * transaction as the request's event. Not a projection: the log
	 * does not hold it, and mootd forgets keys after a day.
	 */
	"CREATE TABLE request_keys ("
	"  uid INTEGER NOT NULL,"
	"  key TEXT NOT NULL,"
	"  op TEXT NOT NULL,"
	"  result TEXT NOT NULL,"
	"  ts INTEGER NOT NULL,"
	"  PRIMARY KEY (uid, key));",

	/*
	 * 6: the search index of proposals, and indexes for the orders of
	 * list and the counts of members. proposals_fts holds no text of
	 * its own (external content): it indexes proposals(title, body),
	 * and the triggers keep it in step with every insert, edit and
	 * redaction (title and body set to NULL leave nothing to find).
	 * The index of each order of list ends, as every index does, with
	 * the rowid (id), so paging by (key, id) walks it; the close time
	 * of a vote is its max_ts once it runs on (extended). Members
	 * count their ballots and comments by ballots_uid and
	 * comments_author.
	 */
	"CREATE VIRTUAL TABLE proposals_fts USING fts5(title, body,"
	"  content = 'proposals', content_rowid = 'id',"
	"  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');"
	"CREATE TRIGGER proposals_fts_insert AFTER INSERT ON proposals BEGIN"
	"  INSERT INTO proposals_fts (rowid, title, body)"
	"    VALUES (NEW.id, NEW.title, NEW.body); END;"
	"CREATE TRIGGER proposals_fts_delete AFTER DELETE ON proposals BEGIN"
	"  INSERT INTO proposals_fts (proposals_fts, rowid, title, body)"
	"    VALUES ('delete', OLD.id, OLD.title, OLD.body); END;"
	"CREATE TRIGGER proposals_fts_update AFTER UPDATE OF title, body"
	"  ON proposals BEGIN"
	"  INSERT INTO proposals_fts (proposals_fts, rowid, title, body)"
	"    VALUES ('delete', OLD.id, OLD.title, OLD.body);"
	"  INSERT INTO proposals_fts (rowid, title, body)"
	"    VALUES (NEW.id, NEW.title, NEW.body); END;"
	"INSERT INTO proposals_fts (proposals_fts) VALUES ('rebuild');"
	"CREATE INDEX proposals_updated ON proposals(updated_ts);"
	"CREATE INDEX proposals_state_updated ON proposals(state, updated_ts);"
	"CREATE INDEX proposals_author_updated ON proposals(author_uid,"
	"  updated_ts);"
	"CREATE INDEX proposals_ncomments ON proposals(ncomments);"
	"CREATE INDEX proposals_state_ncomments ON proposals(state, ncomments);"
	"CREATE INDEX proposals_author_ncomments ON proposals(author_uid,"
	"  ncomments);"
	"CREATE INDEX proposals_closing ON proposals("
	"  CASE extended WHEN 0 THEN closes_ts ELSE max_ts END)"
	"  WHERE state = 'voting';"
	"CREATE INDEX ballots_uid ON ballots(uid);"
	"CREATE INDEX comments_author ON comments(author_uid);",

	/*
	 * 7: disputes, their threads and the sanctions their resolutions
	 * impose (event-dispute.c). A dispute's parties are its opener and
	 * its subject (the author of what it is about, or the member it
	 * names). The queue pages by state and id; sanctions in force are
	 * found by member, and by expiry for the server's timer.
	 */
	"CREATE TABLE disputes ("
	"  id INTEGER PRIMARY KEY,"
	"  opener_uid INTEGER NOT NULL,"
	"  about TEXT NOT NULL,"
	"  subject_uid INTEGER,"
	"  reason TEXT,"
	"  reason_seq INTEGER NOT NULL,"
	"  state TEXT NOT NULL,"
	"  moderator_uid INTEGER,"
	"  outcome TEXT,"
	"  resolution TEXT,"
	"  resolution_seq INTEGER,"
	"  resolved_uid INTEGER,"
	"  resolved_ts INTEGER,"
	"  appeal_reason TEXT,"
	"  appeal_seq INTEGER,"
	"  appealed_ts INTEGER,"
	"  appeal_proposal INTEGER,"
	"  appeal_by TEXT,"
	"  decision TEXT,"
	"  decided_ts INTEGER,"
	"  ncomments INTEGER NOT NULL DEFAULT 0,"
	"  created_ts INTEGER NOT NULL,"
	"  updated_ts INTEGER NOT NULL);"
	"CREATE INDEX disputes_state ON disputes(state, id);"
	"CREATE INDEX disputes_moderator ON disputes(moderator_uid, state);"
	"CREATE INDEX disputes_opener ON disputes(opener_uid);"
	"CREATE INDEX disputes_subject ON disputes(subject_uid);"
	"CREATE TABLE dispute_comments ("
	"  id INTEGER PRIMARY KEY,"
	"  dispute_id INTEGER NOT NULL REFERENCES disputes(id),"
	"  author_uid INTEGER NOT NULL,"
	"  body TEXT,"
	"  body_seq INTEGER NOT NULL,"
	"  created_ts INTEGER NOT NULL);"
	"CREATE INDEX dispute_comments_dispute ON dispute_comments("
	"  dispute_id, id);"
	"CREATE TABLE sanctions ("
	"  id INTEGER PRIMARY KEY,"
	"  dispute_id INTEGER NOT NULL REFERENCES disputes(id),"
	"  uid INTEGER NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  starts_ts INTEGER NOT NULL,"
	"  expires_ts INTEGER NOT NULL,"
	"  state TEXT NOT NULL,"
	"  ended_ts INTEGER,"
	"  ended_uid INTEGER,"
	"  ended_reason TEXT,"
	"  ended_seq INTEGER);"
	"CREATE INDEX sanctions_uid ON sanctions(uid, state);"
	"CREATE INDEX sanctions_expiry ON sanctions(expires_ts)"
	"  WHERE state = 'active';"
	/* A member's events, newest first (stats: active members). */
	"CREATE INDEX log_index_uid ON log_index(uid, seq);",

	/*
	 * 8: progress and recognition (event-progress.c). An initiative
	 * has no table of its own: it is a passed proposal, and its
	 * progress is computed from its tasks when asked (query-progress.c),
	 * so nothing has to be kept in step. Tasks page by their
	 * initiative, status or id; a member's overdue tasks are found by
	 * owner; kudos page by recipient or giver.
	 */
	"CREATE TABLE tasks ("
	"  id INTEGER PRIMARY KEY,"
	"  proposal_id INTEGER NOT NULL REFERENCES proposals(id),"
	"  title TEXT,"
	"  title_seq INTEGER NOT NULL,"
	"  owner_uid INTEGER,"
	"  status TEXT NOT NULL,"
	"  progress INTEGER NOT NULL,"
	"  weight INTEGER NOT NULL,"
	"  due_ts INTEGER,"
	"  created_uid INTEGER NOT NULL,"
	"  created_ts INTEGER NOT NULL,"
	"  updated_ts INTEGER NOT NULL,"
	"  done_ts INTEGER);"
	"CREATE INDEX tasks_proposal ON tasks(proposal_id, id);"
	"CREATE INDEX tasks_owner ON tasks(owner_uid, status);"
	"CREATE INDEX tasks_status ON tasks(status, id);"
	"CREATE TABLE kudos ("
	"  id INTEGER PRIMARY KEY,"
	"  from_uid INTEGER NOT NULL,"
	"  to_uid INTEGER NOT NULL,"
	"  note TEXT,"
	"  note_seq INTEGER NOT NULL,"
	"  about TEXT,"
	"  ts INTEGER NOT NULL);"
	"CREATE INDEX kudos_to ON kudos(to_uid, id);"
	"CREATE INDEX kudos_from ON kudos(from_uid, id);",
};

/*
 * The projections check.c rebuilds from the log and compares. The search
 * index (proposals_fts and its shadow tables) is not one of them: it is
 * derived from proposals, not from the log, and check.c asks FTS5 to
 * compare it with proposals instead (its integrity-check).
 */
const char *const store_projections[] = {
	"community", "members", "proposals", "comments", "log_index", "rules",
	"rule_versions", "governance", "ballots", "disputes",
	"dispute_comments", "sanctions", "tasks", "kudos", NULL
};

int
store_latest_version(void)
{
	return ((int)MOOT_NITEMS(store_migrations));
}

int
store_error(struct store *s, int rc, char **cause)
{
	const char	*msg;
	int		 err;

	msg = s != NULL && s->db != NULL ? sqlite3_errmsg(s->db) :
	    sqlite3_errstr(rc);
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_ROW:
	case SQLITE_DONE:
		return (0);
	case SQLITE_NOMEM:
		MOOT_REQUIRE(!"SQLite is out of memory");
		/* NOTREACHED */
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		err = -EBUSY;
		break;
	case SQLITE_CONSTRAINT:
		err = -EPERM;
		break;
	case SQLITE_FULL:
		err = -ENOSPC;
		break;
	case SQLITE_READONLY:
		err = -EROFS;
		break;
	case SQLITE_CANTOPEN:
		err = -ENOENT;
		break;
	case SQLITE_PERM:
	case SQLITE_AUTH:
		err = -EACCES;
		break;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		err = -EBADMSG;
		break;
	case SQLITE_TOOBIG:
		err = -E2BIG;
		break;
	case SQLITE_MISUSE:
	case SQLITE_RANGE:
		MOOT_REQUIRE(!"SQLite API misuse");
		/* NOTREACHED */
	default:
		err = -EIO;
		break;
	}
	return (moot_fail(cause, err, "database %s: %s",
	    s != NULL && s->path != NULL ? s->path : "", msg));
}

int
store_exec(struct store *s, const char *sql, char **cause)
{
	int	rc;

	rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return (store_error(s, rc, cause));
	return (0);
}

int
store_version(struct store *s)
{
	return ((int)store_int(s, "PRAGMA user_version", 0, 0));
}

static int
store_migrate(struct store *s, int target, char **cause)
{
	char	*sql;
	int	 v, error;

	v = store_version(s);
	if (v > store_latest_version())
		return (moot_fail(cause, -EPROTO,
		    "database %s has schema version %d, newer than this moot "
		    "(%d): upgrade moot", s->path, v, store_latest_version()));
	for (; v < target; v++) {
		if ((error = store_begin(s, cause)) != 0)
			return (error);
		sql = xasprintf("%s; PRAGMA user_version = %d;",
		    store_migrations[v], v + 1);
		error = store_exec(s, sql, cause);
		free(sql);
		if (error == 0)
			error = store_commit(s, cause);
		if (error != 0) {
			store_rollback(s);
			return (error);
		}
	}
	return (0);
}

int
store_open_at(const char *path, int flags, int target, struct store **out,
    char **cause)
{
	struct store	*s;
	int		 oflags, rc, error, v;
	bool		 empty;

	if (!(flags & (STORE_CREATE | STORE_MEMORY)) && access(path, F_OK) != 0)
		return (moot_fail(cause, -ENOENT, "there is no community "
		    "database at %s: create one with `moot init` (or try "
		    "`moot --demo`)", path));
	s = xcalloc(1, sizeof *s);
	s->path = xstrdup((flags & STORE_MEMORY) ? ":memory:" : path);
	if (flags & STORE_READONLY)
		oflags = SQLITE_OPEN_READONLY;
	else if (flags & STORE_CREATE)
		oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	else
		oflags = SQLITE_OPEN_READWRITE;
	oflags |= SQLITE_OPEN_NOMUTEX;
	if (flags & STORE_MEMORY)
		oflags |= SQLITE_OPEN_MEMORY | SQLITE_OPEN_CREATE;
	rc = sqlite3_open_v2(s->path, &s->db, oflags, NULL);
	if (rc != SQLITE_OK) {
		error = store_error(s, rc, cause);
		store_close(s);
		return (error);
	}
	sqlite3_extended_result_codes(s->db, 0);
	sqlite3_busy_timeout(s->db, 5000);

	/* Reading the schema is the first real access: NOTADB shows here. */
	if ((error = store_exec(s, "PRAGMA foreign_keys = ON", cause)) != 0 ||
	    (error = store_exec(s, "SELECT count(*) FROM sqlite_schema",
	    cause)) != 0) {
		store_close(s);
		return (error);
	}
	if (!(flags & (STORE_READONLY | STORE_MEMORY))) {
		if ((error = store_exec(s, "PRAGMA journal_mode = WAL",
		    cause)) != 0) {
			store_close(s);
			return (error);
		}
	}
	if ((error = store_exec(s, "PRAGMA synchronous = FULL", cause)) != 0) {
		store_close(s);
		return (error);
	}

	empty = store_int(s, "SELECT count(*) FROM sqlite_schema", 0, 0) == 0;
	if (store_version(s) == 0 && !empty) {
		store_close(s);
		return (moot_fail(cause, -EBADMSG,
		    "%s is an SQLite database but not a moot database", path));
	}
	if (empty && !(flags & (STORE_CREATE | STORE_MEMORY))) {
		store_close(s);
		return (moot_fail(cause, -ENOENT,
		    "%s holds no moot community: run `moot init`", path));
	}
	if (flags & STORE_READONLY) {
		if ((v = store_version(s)) != store_latest_version()) {
			store_close(s);
			return (moot_fail(cause, -EPROTO,
			    "database %s has schema version %d, this moot "
			    "reads %d", path, v, store_latest_version()));
		}
	} else if ((error = store_migrate(s, target, cause)) != 0) {
		store_close(s);
		return (error);
	}
	*out = s;
	return (0);
}

int
store_open(const char *path, int flags, struct store **out, char **cause)
{
	return (store_open_at(path, flags, store_latest_version(), out,
	    cause));
}

void
store_close(struct store *s)
{
	size_t	i;

	if (s == NULL)
		return;
	for (i = 0; i < s->ncache; i++)
		sqlite3_finalize(s->cache[i].stmt);
	if (s->db != NULL)
		sqlite3_close(s->db);
	free(s->path);
	free(s);
}

sqlite3 *
store_db(struct store *s)
{
	return (s->db);
}

const char *
store_path(struct store *s)
{
	return (s->path);
}

sqlite3_stmt *
store_prepare(struct store *s, const char *sql)
{
	sqlite3_stmt	*stmt;
	size_t		 i;
	int		 rc;

	for (i = 0; i < s->ncache; i++) {
		if (s->cache[i].sql == sql) {
			stmt = s->cache[i].stmt;
			sqlite3_reset(stmt);
			sqlite3_clear_bindings(stmt);
			return (stmt);
		}
	}
	rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &stmt, NULL);
	if (rc != SQLITE_OK) {
		fprintf(stderr, "moot: cannot prepare \"%s\": %s\n", sql,
		    sqlite3_errmsg(s->db));
		MOOT_REQUIRE(rc == SQLITE_OK);
	}
	MOOT_REQUIRE(s->ncache < STORE_CACHE_MAX);
	s->cache[s->ncache].sql = sql;
	s->cache[s->ncache].stmt = stmt;
	s->ncache++;
	return (stmt);
}

int
store_begin(struct store *s, char **cause)
{
	return (store_exec(s, "BEGIN IMMEDIATE", cause));
}

int
store_begin_read(struct store *s, char **cause)
{
	int	error;

	/*
	 * The snapshot is taken at the first read: take it now, so that
	 * what the caller runs first cannot let a commit in before it.
	 */
	if ((error = store_exec(s, "BEGIN DEFERRED", cause)) != 0)
		return (error);
	if ((error = store_exec(s, "SELECT 1 FROM sqlite_schema LIMIT 1",
	    cause)) != 0)
		store_rollback(s);
	return (error);
}

int
store_commit(struct store *s, char **cause)
{
	return (store_exec(s, "COMMIT", cause));
}

void
store_rollback(struct store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

bool
store_in_transaction(struct store *s)
{
	return (!sqlite3_get_autocommit(s->db));
}

int
store_done(struct store *s, sqlite3_stmt *stmt, char **cause)
{
	int	rc;

	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return (store_error(s, rc, cause));
	return (0);
}

int64_t
store_int(struct store *s, const char *sql, int64_t arg, int64_t def)
{
	sqlite3_stmt	*stmt;
	int64_t		 v = def;

	stmt = store_prepare(s, sql);
	if (sqlite3_bind_parameter_count(stmt) > 0)
		sqlite3_bind_int64(stmt, 1, arg);
	if (sqlite3_step(stmt) == SQLITE_ROW &&
	    sqlite3_column_type(stmt, 0) != SQLITE_NULL)
		v = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	return (v);
}

size_t
store_ids(sqlite3_stmt *stmt, int64_t **ids)
{
	size_t	n = 0, size = 0;

	*ids = NULL;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (n == size) {
			size = size == 0 ? 8 : size * 2;
			*ids = xreallocarray(*ids, size, sizeof **ids);
		}
		(*ids)[n++] = sqlite3_column_int64(stmt, 0);
	}
	sqlite3_reset(stmt);
	return (n);
}

const char *
store_text(sqlite3_stmt *stmt, int col)
{
	return ((const char *)sqlite3_column_text(stmt, col));
}
