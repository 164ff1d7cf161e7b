/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Events of progress and recognition: task.added, task.taken,
 * task.updated (the work a passed proposal starts) and kudos.given (one
 * member thanking another). Their checks decide who may do what; their
 * projections keep the tables tasks and kudos.
 *
 * An initiative is the work of one passed proposal. It has no event and
 * no row of its own: every passed motion is one from the moment its
 * vote closes (so closing a vote stays one event), and so is any other
 * passed proposal once it has a task; task.added is refused on a
 * proposal that did not pass. query-progress.c derives the initiatives,
 * their weighted progress and their timeline (the events of their
 * tasks) from the tasks table and the log index.
 *
 *	task:  todo <--> doing <--> blocked
 *	         \         |         /
 *	          +----> done <-----+	(progress 100 if and only if done)
 *
 * Any status may follow any other. Setting progress to 100 marks a task
 * done, and done sets progress to 100; a done task is reopened by a
 * progress below 100 (it becomes doing) or by a status with a progress.
 * A progress above 0 alone moves a todo task to doing.
 *
 * Who may:
 *	add a task	the proposal's author, moderators, leaders;
 *			only moderators and leaders give it an owner
 *			other than themselves
 *	take a task	any member, when it has no owner and is not done
 *	update a task	its owner (who may also give it up), moderators
 *			and leaders (who may also give it to anyone)
 *	give kudos	any member, to another active member, not oneself
 *
 * The text members write here (a task's title, a kudos note) may be
 * redacted; the *_redact functions clear it where it came from the
 * redacted event.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "moot/event.h"
#include "moot/text.h"

/* At most this many tasks in one initiative (queries list them whole). */
#define EVENT_PROGRESS_TASKS_MAX	500
#define EVENT_PROGRESS_WEIGHT_MAX	1000

static const char *const event_progress_statuses[] = {
	"todo", "doing", "blocked", "done", NULL
};

/* A task as its checks see it. */
struct event_progress_task {
	int64_t		 id;
	int64_t		 proposal;
	int64_t		 owner;		/* -1 for none */
	char		 owner_name[MOOT_NAME_MAX + 1];
	char		 status[16];
	int64_t		 progress;
};

/* Whether s is a task status. */
static bool
event_progress_status_valid(const char *s)
{
	size_t	i;

	for (i = 0; event_progress_statuses[i] != NULL; i++) {
		if (strcmp(s, event_progress_statuses[i]) == 0)
			return (true);
	}
	return (false);
}

/*
 * An active member by login name, with the lowest role given; -ENOENT
 * or -EPERM with a sentence otherwise.
 */
static int
event_progress_member(struct core *c, const char *name, enum role min,
    const char *what, int64_t *uid, char **cause)
{
	sqlite3_stmt	*stmt;
	enum role	 r = ROLE_NONE;

	stmt = store_prepare(core_store(c), "SELECT uid, role FROM members "
	    "WHERE name = ? AND status = 'active'");
	sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		*uid = sqlite3_column_int64(stmt, 0);
		r = core_role_parse(store_text(stmt, 1));
	}
	sqlite3_reset(stmt);
	if (r == ROLE_NONE)
		return (moot_fail(cause, -ENOENT, "%s is not a member of this "
		    "community", name));
	if (r < min)
		return (moot_fail(cause, -EPERM, "%s is %s %s and cannot %s",
		    name, r == ROLE_OBSERVER ? "an" : "a", core_role_name(r),
		    what));
	return (0);
}

/* Load task id; -ENOENT with a sentence if there is none. */
static int
event_progress_task_get(struct core *c, int64_t id,
    struct event_progress_task *t, char **cause)
{
	sqlite3_stmt	*stmt;

	memset(t, 0, sizeof *t);
	stmt = store_prepare(core_store(c), "SELECT t.proposal_id, "
	    "t.owner_uid, m.name, t.status, t.progress FROM tasks t "
	    "LEFT JOIN members m ON m.uid = t.owner_uid WHERE t.id = ?");
	sqlite3_bind_int64(stmt, 1, id);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		sqlite3_reset(stmt);
		return (moot_fail(cause, -ENOENT, "there is no task %lld",
		    (long long)id));
	}
	t->id = id;
	t->proposal = sqlite3_column_int64(stmt, 0);
	t->owner = sqlite3_column_type(stmt, 1) == SQLITE_NULL ? -1 :
	    sqlite3_column_int64(stmt, 1);
	snprintf(t->owner_name, sizeof t->owner_name, "%s",
	    store_text(stmt, 2) != NULL ? store_text(stmt, 2) : "?");
	snprintf(t->status, sizeof t->status, "%s", store_text(stmt, 3));
	t->progress = sqlite3_column_int64(stmt, 4);
	sqlite3_reset(stmt);
	return (0);
}

/* A weight argument, if given: 1 to EVENT_PROGRESS_WEIGHT_MAX. */
static int
event_progress_weight(json_t *args, int64_t *weight, char **cause)
{
	int	error;

	error = event_arg_int(args, "weight", false, weight, cause);
	if (error == -ENOENT)
		return (0);
	if (error != 0)
		return (error);
	if (*weight < 1 || *weight > EVENT_PROGRESS_WEIGHT_MAX)
		return (moot_fail(cause, -EINVAL, "weight must be a whole "
		    "number from 1 to %d", EVENT_PROGRESS_WEIGHT_MAX));
	return (1);
}

/* A title argument, if given: one line, not blank. */
static int
event_progress_title(json_t *args, bool required, const char **title,
    char **cause)
{
	int	error;

	if ((error = event_arg_text(args, "title", TEXT_TITLE, required,
	    title, cause)) != 0)
		return (error);
	if (*title != NULL && (*title)[strspn(*title, " ")] == '\0')
		return (moot_fail(cause, -EINVAL, "title: empty"));
	return (0);
}

/*
 * A due time, if given: due_ts (ms since the epoch, or null for none) or
 * due_in (seconds from now by the log's clock, so that "in 3 days" means
 * the same to every client). 1 when given, with *due a new reference
 * (json null for none); 0 when absent.
 */
static int
event_progress_due(struct core *c, json_t *args, json_t **due,
    char **cause)
{
	json_t	*v, *in;
	int64_t	 ms;

	*due = NULL;
	v = json_object_get(args, "due_ts");
	in = json_object_get(args, "due_in");
	if (v != NULL && in != NULL)
		return (moot_fail(cause, -EINVAL, "give due_ts or due_in, not "
		    "both"));
	if (in != NULL) {
		if (!json_is_integer(in) || json_integer_value(in) < 0 ||
		    json_integer_value(in) > CANON_INT_MAX / 1000 -
		    core_now(c) / 1000)
			return (moot_fail(cause, -EINVAL, "due_in must be a "
			    "number of seconds from now"));
		ms = core_now(c) + json_integer_value(in) * 1000;
		*due = json_integer(ms);
		return (1);
	}
	if (v == NULL)
		return (0);
	if (!json_is_null(v) && (!json_is_integer(v) ||
	    json_integer_value(v) < 0 ||
	    json_integer_value(v) > CANON_INT_MAX))
		return (moot_fail(cause, -EINVAL, "due_ts must be a time in "
		    "milliseconds since the epoch, or null for none"));
	*due = json_incref(v);
	return (1);
}

int
event_task_added_check(struct core *c, const struct actor *a, json_t *args,
    struct event_draft *d, char **cause)
{
	sqlite3_stmt	*stmt;
	const char	*title, *owner;
	char		 state[32], outcome[32] = "";
	json_t		*due;
	int64_t		 pid, author, weight = 1, ouid = -1, id, n;
	int		 error;

	if ((error = event_need_role(c, a, ROLE_MEMBER, "add tasks",
	    cause)) != 0)
		return (error);
	if ((error = event_arg_int(args, "proposal", true, &pid,
	    cause)) != 0 ||
	    (error = event_proposal_get(c, pid, &author, state, sizeof state,
	    cause)) != 0)
		return (error);
	stmt = store_prepare(core_store(c),
	    "SELECT outcome FROM proposals WHERE id = ?");
	sqlite3_bind_int64(stmt, 1, pid);
	if (sqlite3_step(stmt) == SQLITE_ROW && store_text(stmt, 0) != NULL)
		snprintf(outcome, sizeof outcome, "%s", store_text(stmt, 0));
	sqlite3_reset(stmt);
	if (strcmp(state, "closed") != 0)
		return (moot_fail(cause, -EBUSY, "#%lld is %s%s: tasks belong "
		    "to proposals that passed", (long long)pid,
		    strcmp(state, "withdrawn") == 0 ? "" : "in ", state));
	if (strcmp(outcome, "passed") != 0)
		return (moot_fail(cause, -EBUSY, "#%lld did not pass (%s): "
		    "only a passed proposal becomes an initiative with tasks",
		    (long long)pid, outcome));
	if (author != a->uid && core_role_of(c, a->uid) < ROLE_MODERATOR)
		return (moot_fail(cause, -EPERM, "only the author of #%lld or "
		    "a moderator can add tasks to it", (long long)pid));
	if ((error = event_progress_title(args, true, &title, cause)) != 0 ||
	    (error = event_progress_weight(args, &weight, cause)) < 0 ||
	    (error = event_arg_text(args, "owner", TEXT_NAME, false, &owner,
	    cause)) != 0 ||
	    (error = event_progress_due(c, args, &due, cause)) < 0)
		return (error);
	if (owner != NULL && (error = event_progress_member(c, owner,
	    ROLE_MEMBER, "own tasks", &ouid, cause)) != 0)
		goto out;
	if (owner != NULL && ouid != a->uid &&
	    core_role_of(c, a->uid) < ROLE_MODERATOR) {
		error = moot_fail(cause, -EPERM, "only a moderator can give a "
		    "task to someone else; leave it without an owner and %s "
		    "can take it", owner);
		goto out;
	}
	n = store_int(core_store(c), "SELECT count(*) FROM tasks WHERE "
	    "proposal_id = ?", pid, 0);
	if (n >= EVENT_PROGRESS_TASKS_MAX) {
		error = moot_fail(cause, -E2BIG, "#%lld has %d tasks already, "
		    "the most one initiative holds", (long long)pid,
		    EVENT_PROGRESS_TASKS_MAX);
		goto out;
	}

	id = store_int(core_store(c), "SELECT max(id) FROM tasks", 0, 0) + 1;
	d->ref = xasprintf("task:%lld", (long long)id);
	d->body = json_pack("{s:I,s:s,s:I,s:s,s:i}", "proposal",
	    (json_int_t)pid, "title", title, "weight", (json_int_t)weight,
	    "status", "todo", "progress", 0);
	if (due != NULL && !json_is_null(due))
		json_object_set(d->body, "due_ts", due);
	if (owner != NULL)
		json_object_set_new(d->body, "owner", json_pack("{s:I,s:s}",
		    "uid", (json_int_t)ouid, "name", owner));
	d->result = json_pack("{s:I,s:I}", "id", (json_int_t)id, "proposal",
	    (json_int_t)pid);
	error = 0;
out:
	json_decref(due);
	return (error);
}

int
event_task_added_project(struct store *s, const struct event *ev,
    const json_t *body, char **cause)
{
	sqlite3_stmt	*stmt;
	json_t		*v;
	int64_t		 pid;

	pid = json_integer_value(json_object_get(body, "proposal"));
	stmt = store_prepare(s, "INSERT INTO tasks (id, proposal_id, title, "
	    "title_seq, owner_uid, status, progress, weight, due_ts, "
	    "created_uid, created_ts, updated_ts) "
	    "VALUES (?, ?, ?, ?, ?, 'todo', 0, ?, ?, ?, ?, ?)");
	sqlite3_bind_int64(stmt, 1, event_ref_id(ev->ref, "task"));
	sqlite3_bind_int64(stmt, 2, pid);
	sqlite3_bind_text(stmt, 3, json_string_value(json_object_get(body,
	    "title")), -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 4, ev->seq);
	if ((v = json_object_get(body, "owner")) != NULL)
		sqlite3_bind_int64(stmt, 5, json_integer_value(
		    json_object_get(v, "uid")));
	sqlite3_bind_int64(stmt, 6, json_integer_value(json_object_get(body,
	    "weight")));
	if ((v = json_object_get(body, "due_ts")) != NULL)
		sqlite3_bind_int64(stmt, 7, json_integer_value(v));
	sqlite3_bind_int64(stmt, 8, ev->uid);
	sqlite3_bind_int64(stmt, 9, ev->ts);
	sqlite3_bind_int64(stmt, 10, ev->ts);
	return (store_done(s, stmt, cause));
}

int
event_task_text_redact(struct store *s, const struct event *target,
    char **cause)
{
	sqlite3_stmt	*stmt;

	stmt = store_prepare(s, "UPDATE tasks SET title = NULL WHERE id = ? "
	    "AND title_seq = ?");
	sqlite3_bind_int64(stmt, 1, event_ref_id(target->ref, "task"));
	sqlite3_bind_int64(stmt, 2, target->seq);
	return (store_done(s, stmt, cause));
}

int
event_task_taken_check(struct core *c, const struct actor *a, json_t *args,
    struct event_draft *d, char **cause)
{
	struct event_progress_task	t;
	int64_t				id;
	int				error;

	if ((error = event_need_role(c, a, ROLE_MEMBER, "take tasks",
	    cause)) != 0)
		return (error);
	if ((error = event_arg_int(args, "id", true, &id, cause)) != 0 ||
	    (error = event_progress_task_get(c, id, &t, cause)) != 0)
		return (error);
	if (t.owner == a->uid)
		return (moot_fail(cause, -EEXIST, "task %lld is yours already",
		    (long long)id));
	if (t.owner != -1)
		return (moot_fail(cause, -EBUSY, "task %lld is already taken "
		    "by %s (a moderator can give it to someone else)",
		    (long long)id, t.owner_name));
	if (strcmp(t.status, "done") == 0)
		return (moot_fail(cause, -EBUSY, "task %lld is done already",
		    (long long)id));
	d->ref = xasprintf("task:%lld", (long long)id);
	d->body = json_pack("{s:I,s:{s:I,s:s}}", "proposal",
	    (json_int_t)t.proposal, "owner", "uid", (json_int_t)a->uid,
	    "name", a->name);
	d->result = json_pack("{s:I,s:I}", "id", (json_int_t)id, "proposal",
	    (json_int_t)t.proposal);
	return (0);
}

int
event_task_taken_project(struct store *s, const struct event *ev,
    const json_t *body, char **cause)
{
	sqlite3_stmt	*stmt;

	stmt = store_prepare(s, "UPDATE tasks SET owner_uid = ?, "
	    "updated_ts = ? WHERE id = ?");
	sqlite3_bind_int64(stmt, 1, ev->uid);
	sqlite3_bind_int64(stmt, 2, ev->ts);
	sqlite3_bind_int64(stmt, 3, event_ref_id(ev->ref, "task"));
	return (store_done(s, stmt, cause));
}

/*
 * The status and progress a task.updated leaves, from the task's and the
 * request's (NULL and -1 when not given), by the rules at the top.
 */
static int
event_progress_settle(const struct event_progress_task *t,
    const char *status, int64_t progress, const char **nstatus,
    int64_t *nprogress, char **cause)
{
	bool	done = strcmp(t->status, "done") == 0;

	*nstatus = status != NULL ? status : t->status;
	*nprogress = progress >= 0 ? progress : t->progress;
	if (status != NULL && strcmp(status, "done") == 0) {
		if (progress >= 0 && progress != 100)
			return (moot_fail(cause, -EINVAL, "a done task is 100%% "
			    "done: give no progress, or 100"));
		*nprogress = 100;
	} else if (status != NULL) {
		if (progress == 100)
			return (moot_fail(cause, -EINVAL, "a task at 100%% is "
			    "done: give the status done, or a progress below "
			    "100"));
		if (done && progress < 0)
			return (moot_fail(cause, -EINVAL, "task %lld is done "
			    "(100%%): to reopen it as %s, give the progress it "
			    "is at (below 100)", (long long)t->id, status));
	} else if (progress == 100)
		*nstatus = "done";
	else if (progress >= 0 && done)
		*nstatus = "doing";
	else if (progress > 0 && strcmp(t->status, "todo") == 0)
		*nstatus = "doing";	/* started, though nobody said so */
	return (0);
}

int
event_task_updated_check(struct core *c, const struct actor *a,
    json_t *args, struct event_draft *d, char **cause)
{
	struct event_progress_task	 t;
	const char			*status, *title, *nstatus, *owner;
	json_t				*due = NULL, *ov, *pv;
	int64_t				 id, progress = -1, weight, nprogress;
	int64_t				 ouid = -1;
	bool				 moderator, changed = false;
	int				 error, hasweight, hasdue;

	if ((error = event_need_role(c, a, ROLE_MEMBER, "update tasks",
	    cause)) != 0)
		return (error);
	if ((error = event_arg_int(args, "id", true, &id, cause)) != 0 ||
	    (error = event_progress_task_get(c, id, &t, cause)) != 0)
		return (error);
	moderator = core_role_of(c, a->uid) >= ROLE_MODERATOR;
	if (t.owner != a->uid && !moderator) {
		if (t.owner == -1)
			return (moot_fail(cause, -EPERM, "task %lld has no "
			    "owner: take it first (moot task take %lld), or ask "
			    "a moderator", (long long)id, (long long)id));
		return (moot_fail(cause, -EPERM, "only the owner of task %lld "
		    "(%s) or a moderator can update it", (long long)id,
		    t.owner_name));
	}
	if ((error = event_arg_text(args, "status", TEXT_NAME, false, &status,
	    cause)) != 0)
		return (error);
	if (status != NULL && !event_progress_status_valid(status))
		return (moot_fail(cause, -EINVAL, "status \"%s\" is not one of "
		    "todo, doing, blocked, done", status));
	pv = json_object_get(args, "progress");
	if (pv != NULL && !json_is_null(pv)) {
		if (!json_is_integer(pv) || json_integer_value(pv) < 0 ||
		    json_integer_value(pv) > 100)
			return (moot_fail(cause, -EINVAL, "progress is a "
			    "percentage, a whole number from 0 to 100"));
		progress = json_integer_value(pv);
	}
	if ((error = event_progress_title(args, false, &title, cause)) != 0)
		return (error);
	if ((hasweight = event_progress_weight(args, &weight, cause)) < 0)
		return (hasweight);
	if ((hasdue = event_progress_due(c, args, &due, cause)) < 0)
		return (hasdue);

	ov = json_object_get(args, "owner");
	owner = NULL;
	if (ov != NULL && !json_is_null(ov)) {
		if ((error = event_arg_text(args, "owner", TEXT_NAME, true,
		    &owner, cause)) != 0 ||
		    (error = event_progress_member(c, owner, ROLE_MEMBER,
		    "own tasks", &ouid, cause)) != 0)
			goto out;
		if (ouid != t.owner && !moderator) {
			error = moot_fail(cause, -EPERM, "only a moderator can "
			    "give task %lld to someone else; you can give it "
			    "up (no owner)", (long long)id);
			goto out;
		}
	}

	if ((error = event_progress_settle(&t, status, progress, &nstatus,
	    &nprogress, cause)) != 0)
		goto out;
	d->body = json_pack("{s:I,s:s,s:I}", "proposal",
	    (json_int_t)t.proposal, "status", nstatus, "progress",
	    (json_int_t)nprogress);
	changed = strcmp(nstatus, t.status) != 0 || nprogress != t.progress;
	if (title != NULL) {
		json_object_set_new(d->body, "title", json_string(title));
		changed = true;
	}
	if (hasweight) {
		json_object_set_new(d->body, "weight", json_integer(weight));
		changed = true;
	}
	if (hasdue) {
		json_object_set(d->body, "due_ts", due);
		changed = true;
	}
	if (ov != NULL && (owner == NULL ? t.owner != -1 : ouid != t.owner)) {
		json_object_set_new(d->body, "owner", owner == NULL ?
		    json_null() : json_pack("{s:I,s:s}", "uid",
		    (json_int_t)ouid, "name", owner));
		changed = true;
	}
	if (!changed) {
		json_decref(d->body);
		d->body = NULL;
		error = moot_fail(cause, -EINVAL, "nothing to change: give a "
		    "status, progress, due date, weight, title or owner that "
		    "differs from task %lld's", (long long)id);
		goto out;
	}
	d->ref = xasprintf("task:%lld", (long long)id);
	d->result = json_pack("{s:I,s:I,s:s,s:I}", "id", (json_int_t)id,
	    "proposal", (json_int_t)t.proposal, "status", nstatus, "progress",
	    (json_int_t)nprogress);
out:
	json_decref(due);
	return (error);
}

int
event_task_updated_project(struct store *s, const struct event *ev,
    const json_t *body, char **cause)
{
	sqlite3_stmt	*stmt;
	json_t		*v;
	int64_t		 id = event_ref_id(ev->ref, "task");
	int		 rc;

	stmt = store_prepare(s, "UPDATE tasks SET status = ?1, progress = ?2, "
	    "updated_ts = ?3, done_ts = CASE WHEN ?1 = 'done' THEN "
	    "coalesce(done_ts, ?3) END WHERE id = ?4");
	sqlite3_bind_text(stmt, 1, json_string_value(json_object_get(body,
	    "status")), -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, json_integer_value(json_object_get(body,
	    "progress")));
	sqlite3_bind_int64(stmt, 3, ev->ts);
	sqlite3_bind_int64(stmt, 4, id);
	if ((rc = store_done(s, stmt, cause)) != 0)
		return (rc);
	if (json_object_get(body, "title") != NULL) {
		/* null in the kept body of a redacted update */
		stmt = store_prepare(s, "UPDATE tasks SET title = ?, "
		    "title_seq = ? WHERE id = ?");
		sqlite3_bind_text(stmt, 1, json_string_value(json_object_get(
		    body, "title")), -1, SQLITE_STATIC);
		sqlite3_bind_int64(stmt, 2, ev->seq);
		sqlite3_bind_int64(stmt, 3, id);
		if ((rc = store_done(s, stmt, cause)) != 0)
			return (rc);
	}
	if ((v = json_object_get(body, "weight")) != NULL) {
		stmt = store_prepare(s, "UPDATE tasks SET weight = ? WHERE "
		    "id = ?");
		sqlite3_bind_int64(stmt, 1, json_integer_value(v));
		sqlite3_bind_int64(stmt, 2, id);
		if ((rc = store_done(s, stmt, cause)) != 0)
			return (rc);
	}
	if ((v = json_object_get(body, "due_ts")) != NULL) {
		stmt = store_prepare(s, "UPDATE tasks SET due_ts = ? WHERE "
		    "id = ?");
		if (!json_is_null(v))
			sqlite3_bind_int64(stmt, 1, json_integer_value(v));
		sqlite3_bind_int64(stmt, 2, id);
		if ((rc = store_done(s, stmt, cause)) != 0)
			return (rc);
	}
	if ((v = json_object_get(body, "owner")) != NULL) {
		stmt = store_prepare(s, "UPDATE tasks SET owner_uid = ? WHERE "
		    "id = ?");
		if (!json_is_null(v))
			sqlite3_bind_int64(stmt, 1, json_integer_value(
			    json_object_get(v, "uid")));
		sqlite3_bind_int64(stmt, 2, id);
		if ((rc = store_done(s, stmt, cause)) != 0)
			return (rc);
	}
	return (0);
}

/*
 * What a kudos may be about: "proposal:N", "task:N" or "dispute:N" that
 * the log has events of (so a dispute counts once disputes exist).
 */
static int
event_progress_about(struct core *c, const char *about, char **cause)
{
	static const char *const kinds[] = { "proposal", "task", "dispute" };
	sqlite3_stmt	*stmt;
	size_t		 i;
	bool		 found;

	for (i = 0; i < MOOT_NITEMS(kinds); i++) {
		if (event_ref_id(about, kinds[i]) > 0)
			break;
	}
	if (i == MOOT_NITEMS(kinds))
		return (moot_fail(cause, -EINVAL, "a kudos is about "
		    "proposal:N, task:N or dispute:N, not \"%s\"", about));
	stmt = store_prepare(core_store(c),
	    "SELECT 1 FROM log_index WHERE ref = ? LIMIT 1");
	sqlite3_bind_text(stmt, 1, about, -1, SQLITE_STATIC);
	found = sqlite3_step(stmt) == SQLITE_ROW;
	sqlite3_reset(stmt);
	if (!found)
		return (moot_fail(cause, -ENOENT, "there is no %s %s",
		    kinds[i], strchr(about, ':') + 1));
	return (0);
}

int
event_kudos_given_check(struct core *c, const struct actor *a, json_t *args,
    struct event_draft *d, char **cause)
{
	const char	*to, *note, *about;
	int64_t		 uid, id;
	int		 error;

	if ((error = event_need_role(c, a, ROLE_MEMBER, "give kudos",
	    cause)) != 0)
		return (error);
	if ((error = event_arg_text(args, "to", TEXT_NAME, true, &to,
	    cause)) != 0 ||
	    (error = event_arg_text(args, "note", TEXT_LINE, true, &note,
	    cause)) != 0 ||
	    (error = event_arg_text(args, "about", TEXT_NAME, false, &about,
	    cause)) != 0)
		return (error);
	if ((error = event_progress_member(c, to, ROLE_OBSERVER,
	    "receive kudos", &uid, cause)) != 0)
		return (error);
	if (uid == a->uid)
		return (moot_fail(cause, -EPERM, "kudos are for someone else: "
		    "you cannot give them to yourself"));
	if (note[strspn(note, " ")] == '\0')
		return (moot_fail(cause, -EINVAL, "note: empty (say what you "
		    "thank them for)"));
	if (about != NULL && (error = event_progress_about(c, about,
	    cause)) != 0)
		return (error);
	id = store_int(core_store(c), "SELECT max(id) FROM kudos", 0, 0) + 1;
	d->ref = xasprintf("kudos:%lld", (long long)id);
	d->body = json_pack("{s:{s:I,s:s},s:s}", "to", "uid", (json_int_t)uid,
	    "name", to, "note", note);
	if (about != NULL)
		json_object_set_new(d->body, "about", json_string(about));
	d->result = json_pack("{s:I,s:s}", "id", (json_int_t)id, "to", to);
	return (0);
}

int
event_kudos_given_project(struct store *s, const struct event *ev,
    const json_t *body, char **cause)
{
	sqlite3_stmt	*stmt;

	stmt = store_prepare(s, "INSERT INTO kudos (id, from_uid, to_uid, "
	    "note, note_seq, about, ts) VALUES (?, ?, ?, ?, ?, ?, ?)");
	sqlite3_bind_int64(stmt, 1, event_ref_id(ev->ref, "kudos"));
	sqlite3_bind_int64(stmt, 2, ev->uid);
	sqlite3_bind_int64(stmt, 3, json_integer_value(json_object_get(
	    json_object_get(body, "to"), "uid")));
	sqlite3_bind_text(stmt, 4, json_string_value(json_object_get(body,
	    "note")), -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 5, ev->seq);
	sqlite3_bind_text(stmt, 6, json_string_value(json_object_get(body,
	    "about")), -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 7, ev->ts);
	return (store_done(s, stmt, cause));
}

int
event_kudos_given_redact(struct store *s, const struct event *target,
    char **cause)
{
	sqlite3_stmt	*stmt;

	stmt = store_prepare(s, "UPDATE kudos SET note = NULL WHERE id = ? "
	    "AND note_seq = ?");
	sqlite3_bind_int64(stmt, 1, event_ref_id(target->ref, "kudos"));
	sqlite3_bind_int64(stmt, 2, target->seq);
	return (store_done(s, stmt, cause));
}
