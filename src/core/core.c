/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The core object and the one write path. Every change to a community,
 * from any client, is
 *
 *	request -> check (permission + state) -> append event -> project
 *
 * inside one SQLite transaction (or one savepoint of a batch), in
 * core_submit(). Nothing else writes a projection table, so the log is
 * complete by construction and check.c can rebuild every projection from
 * it. A failure at any step rolls the whole event back.
 *
 *	core_submit():  BEGIN (or SAVEPOINT) --check--> draft
 *	                  |  refused: ROLLBACK, return the sentence
 *	                  v
 *	                append (canon, hash, body) --> project --> COMMIT
 *	                  |                                  |
 *	                  +-- any error: ROLLBACK <-----------+
 *	                                                     v
 *	                                               head file
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "moot/core.h"
#include "moot/dispute.h"
#include "moot/event.h"
#include "moot/log.h"

struct core {
	struct store	*store;
	char		*path;
	char		*head_path;
	int64_t		(*clock)(void *);
	void		*clock_arg;
	int64_t		 last_ts;
	int64_t		 submit_ts;	/* the event's ts during a submit */
	bool		 batch;
	bool		 batch_dirty;

	/* moot.conf [disputes]. */
	bool		 disputes_public;
	int64_t		 appeal_window;	/* ms */

	/* Cached head of the log; reloaded after any rollback. */
	int64_t		 head_seq;
	int64_t		 data_version;	/* of the last core_changed() */
	unsigned char	 head_hash[CANON_HASH_LEN];
};

static const char *const core_roles[] = {
	"observer", "member", "moderator", "leader"
};

const char *
core_role_name(enum role r)
{
	switch (r) {
	case ROLE_NONE:
		return ("none");
	case ROLE_OBSERVER:
	case ROLE_MEMBER:
	case ROLE_MODERATOR:
	case ROLE_LEADER:
		return (core_roles[r]);
	}
	return ("none");
}

enum role
core_role_parse(const char *s)
{
	size_t	i;

	for (i = 0; i < MOOT_NITEMS(core_roles); i++) {
		if (strcmp(s, core_roles[i]) == 0)
			return ((enum role)i);
	}
	return (ROLE_NONE);
}

enum role
core_role_of(struct core *c, int64_t uid)
{
	sqlite3_stmt	*stmt;
	enum role	 r = ROLE_NONE;

	stmt = store_prepare(c->store,
	    "SELECT role FROM members WHERE uid = ? AND status = 'active'");
	sqlite3_bind_int64(stmt, 1, uid);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		r = core_role_parse(store_text(stmt, 0));
	sqlite3_reset(stmt);
	return (r);
}

int
core_open(const char *path, int flags, struct core **out, char **cause)
{
	struct core	*c;
	int		 error, sflags;

	sflags = (flags & CORE_CREATE) ? STORE_CREATE : 0;
	if (flags & CORE_READONLY)
		sflags = STORE_READONLY;
	if (path == NULL || strcmp(path, ":memory:") == 0)
		sflags |= STORE_MEMORY;
	c = xcalloc(1, sizeof *c);
	c->appeal_window = DISPUTE_APPEAL_WINDOW_MS;
	if ((error = store_open(path, sflags, &c->store, cause)) != 0) {
		free(c);
		return (error);
	}
	if (!(sflags & STORE_MEMORY)) {
		c->path = xstrdup(path);
		c->head_path = xasprintf("%s.head", path);
	}
	c->head_seq = log_last(c->store, c->head_hash);
	/* Time never runs back in the log: the last event's is the latest
	 * (and reading it is one seek, not a scan of the log). */
	c->last_ts = store_int(c->store,
	    "SELECT ts FROM log_index ORDER BY seq DESC LIMIT 1", 0, 0);
	*out = c;
	return (0);
}

void
core_close(struct core *c)
{
	if (c == NULL)
		return;
	if (c->batch)
		store_rollback(c->store);
	store_close(c->store);
	free(c->path);
	free(c->head_path);
	free(c);
}

struct store *
core_store(struct core *c)
{
	return (c->store);
}

const char *
core_path(struct core *c)
{
	return (c->path != NULL ? c->path : ":memory:");
}

const char *
core_head_path(struct core *c)
{
	return (c->head_path);
}

void
core_set_clock(struct core *c, int64_t (*fn)(void *), void *arg)
{
	c->clock = fn;
	c->clock_arg = arg;
}

void
core_set_disputes(struct core *c, bool members, int64_t window)
{
	c->disputes_public = members;
	c->appeal_window = window;
}

bool
core_disputes_public(struct core *c)
{
	return (c->disputes_public);
}

int64_t
core_appeal_window(struct core *c)
{
	return (c->appeal_window);
}

int64_t
core_now(struct core *c)
{
	/* During a submit, the time its event will carry. */
	if (c->submit_ts != 0)
		return (c->submit_ts);
	return (c->clock != NULL ? c->clock(c->clock_arg) : moot_now_ms());
}

int64_t
core_head(struct core *c, unsigned char *hash)
{
	if (hash != NULL)
		memcpy(hash, c->head_hash, CANON_HASH_LEN);
	return (c->head_seq);
}

static void
core_write_head(struct core *c)
{
	char	*cause = NULL;

	/*
	 * The commit is durable already; a head file that cannot be written
	 * only lags (moot verify says so), so this is not the request's
	 * failure.
	 */
	if (c->head_path != NULL && log_head_write(c->head_path, c->head_seq,
	    c->head_hash, &cause) != 0)
		free(cause);
}

void
core_resync(struct core *c)
{
	int64_t	ts;

	c->head_seq = log_last(c->store, c->head_hash);
	ts = store_int(c->store, "SELECT ts FROM log_index ORDER BY seq DESC "
	    "LIMIT 1", 0, 0);
	if (ts > c->last_ts)
		c->last_ts = ts;
}

bool
core_changed(struct core *c)
{
	int64_t	v;

	v = store_int(c->store, "PRAGMA data_version", 0, 0);
	if (v == c->data_version)
		return (false);
	c->data_version = v;
	return (true);
}

int
core_batch_begin(struct core *c, char **cause)
{
	int	error;

	MOOT_REQUIRE(!c->batch);
	if ((error = store_begin(c->store, cause)) != 0)
		return (error);
	/* Another process may have written since (embedded mode). */
	core_resync(c);
	c->batch = true;
	c->batch_dirty = false;
	return (0);
}

int
core_batch_end(struct core *c, char **cause)
{
	int	error;

	MOOT_REQUIRE(c->batch);
	c->batch = false;
	if ((error = store_commit(c->store, cause)) != 0) {
		store_rollback(c->store);
		c->head_seq = log_last(c->store, c->head_hash);
		return (error);
	}
	if (c->batch_dirty)
		core_write_head(c);
	return (0);
}

void
core_batch_abort(struct core *c)
{
	MOOT_REQUIRE(c->batch);
	c->batch = false;
	store_rollback(c->store);
	c->head_seq = log_last(c->store, c->head_hash);
}

int
event_project(struct store *s, const struct event *ev, const json_t *body,
    char **cause)
{
	const struct event_type	*t;
	sqlite3_stmt		*stmt;
	int			 rc;

	t = event_type_find(ev->type);
	if (t == NULL)
		return (moot_fail(cause, -EINVAL, "event %lld: unknown type %s",
		    (long long)ev->seq, ev->type));
	stmt = store_prepare(s, "INSERT INTO log_index (seq, ts, uid, name, "
	    "type, ref) VALUES (?, ?, ?, ?, ?, ?)");
	sqlite3_bind_int64(stmt, 1, ev->seq);
	sqlite3_bind_int64(stmt, 2, ev->ts);
	sqlite3_bind_int64(stmt, 3, ev->uid);
	sqlite3_bind_text(stmt, 4, ev->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 5, ev->type, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 6, ev->ref, -1, SQLITE_STATIC);
	if ((rc = store_done(s, stmt, cause)) != 0)
		return (rc);
	return (t->project(s, ev, body, cause));
}

int
core_submit(struct core *c, const struct actor *actor, const char *type,
    json_t *args, json_t **result, char **cause)
{
	const struct event_type	*t;
	struct event_draft	 d;
	struct event		 ev;
	unsigned char		 hash[CANON_HASH_LEN];
	json_t			*empty = NULL;
	int			 error;

	if (result != NULL)
		*result = NULL;
	t = event_type_find(type);
	if (t == NULL)
		return (moot_fail(cause, -EINVAL, "unknown event type %s",
		    type));
	if (args == NULL)
		args = empty = json_object();
	memset(&d, 0, sizeof d);

	if (c->batch)
		error = store_exec(c->store, "SAVEPOINT submit", cause);
	else if ((error = store_begin(c->store, cause)) == 0)
		core_resync(c);	/* another process may have written */
	if (error != 0)
		goto out;

	/*
	 * One instant for the whole submit: what the check sees as now
	 * (deadlines, discussion time) is the time the event carries.
	 */
	ev.ts = core_now(c);
	if (ev.ts < c->last_ts)
		ev.ts = c->last_ts;	/* the log's clock never runs back */
	c->submit_ts = ev.ts;
	/* A sanction in force refuses before anything else is said. */
	if (actor->uid == MOOT_SYSTEM_UID || (error =
	    dispute_sanction_check(c, actor, t->name, args, cause)) == 0)
		error = t->check(c, actor, args, &d, cause);
	c->submit_ts = 0;
	if (error != 0)
		goto fail;
	MOOT_REQUIRE(d.ref != NULL && d.body != NULL);
	if (d.type != NULL)
		t = event_type_find(d.type);
	MOOT_REQUIRE(t != NULL);

	ev.seq = c->head_seq + 1;
	ev.uid = actor->uid;
	ev.name = actor->name;
	ev.type = t->name;
	ev.ref = d.ref;
	if ((error = log_append(c->store, &ev, d.body, c->head_hash, hash,
	    cause)) != 0)
		goto fail;
	if (d.redacts != 0 &&
	    (error = log_redact(c->store, d.redacts, ev.seq, cause)) != 0)
		goto fail;
	if ((error = event_project(c->store, &ev, d.body, cause)) != 0)
		goto fail;

	if (c->batch)
		error = store_exec(c->store, "RELEASE submit", cause);
	else
		error = store_commit(c->store, cause);
	if (error != 0)
		goto fail;

	c->head_seq = ev.seq;
	memcpy(c->head_hash, hash, sizeof hash);
	c->last_ts = ev.ts;
	if (c->batch)
		c->batch_dirty = true;
	else
		core_write_head(c);

	if (result != NULL) {
		*result = d.result != NULL ? d.result : json_object();
		d.result = NULL;
		json_object_set_new(*result, "seq", json_integer(ev.seq));
	}
	goto out;

fail:
	if (c->batch) {
		store_exec(c->store, "ROLLBACK TO submit", NULL);
		store_exec(c->store, "RELEASE submit", NULL);
	} else
		store_rollback(c->store);
	c->head_seq = log_last(c->store, c->head_hash);
out:
	free(d.ref);
	json_decref(d.body);
	json_decref(d.result);
	json_decref(empty);
	return (error);
}

int
core_forget_keys(struct core *c, char **cause)
{
	sqlite3_stmt	*stmt;

	stmt = store_prepare(c->store,
	    "DELETE FROM request_keys WHERE ts < ?");
	sqlite3_bind_int64(stmt, 1, core_now(c) - CORE_KEY_MS);
	return (store_done(c->store, stmt, cause));
}
