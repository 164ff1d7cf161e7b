/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The read side of progress and recognition: the initiatives with their
 * progress (progress), tasks across initiatives (tasks) and kudos
 * (kudos-list). event-progress.c keeps the tables; this file derives
 * what is not stored:
 *
 *  1. An initiative is a passed proposal of kind motion, or any passed
 *     proposal with at least one task. A motion is listed from the
 *     moment it passes, with progress 0 and no tasks.
 *  2. An initiative's progress is the mean of its tasks' progress
 *     weighted by their weights, rounded down, so that it reads 100
 *     only when every task is done (a done task is at 100).
 *  3. A task is overdue when it has a due time, that time is before now
 *     (the log's clock, core_now()) and it is not done.
 *
 * Like every query, lists page by key (after, limit) and are bounded:
 * initiatives newest first by proposal id, tasks by id, kudos newest
 * first by id, an initiative's timeline by log seq.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "moot/event.h"
#include "moot/log.h"

#define QUERY_PROGRESS_LIMIT_DEFAULT	50

/* The SQL of 3 for tasks t, with the time now bound as ?1. */
#define QUERY_PROGRESS_OVERDUE						\
	"(t.due_ts IS NOT NULL AND t.due_ts < ?1 AND t.status != 'done')"

static json_t *
query_progress_text(sqlite3_stmt *stmt, int col)
{
	const char	*s = store_text(stmt, col);

	return (s != NULL ? json_string(s) : json_null());
}

static json_t *
query_progress_int(sqlite3_stmt *stmt, int col)
{
	if (sqlite3_column_type(stmt, col) == SQLITE_NULL)
		return (json_null());
	return (json_integer(sqlite3_column_int64(stmt, col)));
}

/* An optional boolean argument. */
static int
query_progress_bool(json_t *args, const char *key, bool *out, char **cause)
{
	json_t	*v = json_object_get(args, key);

	*out = false;
	if (v == NULL || json_is_null(v))
		return (0);
	if (!json_is_boolean(v))
		return (moot_fail(cause, -EINVAL, "%s must be true or false",
		    key));
	*out = json_is_true(v);
	return (0);
}

/*
 * The columns of an initiative, from proposals p and its tasks t, with
 * now bound as ?1: id, title, kind, closed_ts, tasks, weighted progress,
 * todo, doing, blocked, done, overdue.
 */
#define QUERY_PROGRESS_INITIATIVE					\
	"SELECT p.id, p.title, p.kind, p.closed_ts, count(t.id), "	\
	"CAST(coalesce(sum(t.weight * t.progress) / sum(t.weight), 0) "	\
	"AS INTEGER), "							\
	"count(CASE t.status WHEN 'todo' THEN 1 END), "			\
	"count(CASE t.status WHEN 'doing' THEN 1 END), "		\
	"count(CASE t.status WHEN 'blocked' THEN 1 END), "		\
	"count(CASE t.status WHEN 'done' THEN 1 END), "			\
	"count(CASE WHEN " QUERY_PROGRESS_OVERDUE " THEN 1 END) "	\
	"FROM proposals p LEFT JOIN tasks t ON t.proposal_id = p.id "	\
	"WHERE p.state = 'closed' AND p.outcome = 'passed' AND "	\
	"(p.kind = 'motion' OR EXISTS (SELECT 1 FROM tasks x WHERE "	\
	"x.proposal_id = p.id)) "

static json_t *
query_progress_initiative_row(sqlite3_stmt *stmt)
{
	return (json_pack("{s:I,s:o,s:s,s:o,s:I,s:I,s:{s:I,s:I,s:I,s:I},s:I}",
	    "id", (json_int_t)sqlite3_column_int64(stmt, 0),
	    "title", query_progress_text(stmt, 1),
	    "kind", store_text(stmt, 2),
	    "passed_ts", query_progress_int(stmt, 3),
	    "tasks", (json_int_t)sqlite3_column_int64(stmt, 4),
	    "progress", (json_int_t)sqlite3_column_int64(stmt, 5),
	    "status",
	    "todo", (json_int_t)sqlite3_column_int64(stmt, 6),
	    "doing", (json_int_t)sqlite3_column_int64(stmt, 7),
	    "blocked", (json_int_t)sqlite3_column_int64(stmt, 8),
	    "done", (json_int_t)sqlite3_column_int64(stmt, 9),
	    "overdue", (json_int_t)sqlite3_column_int64(stmt, 10)));
}

/* The columns of a task t (with its owner m), now bound as ?1. */
#define QUERY_PROGRESS_TASK						\
	"SELECT t.id, t.proposal_id, t.title, t.owner_uid, m.name, "	\
	"t.status, t.progress, t.weight, t.due_ts, "			\
	QUERY_PROGRESS_OVERDUE ", t.created_ts, t.updated_ts, "	\
	"t.done_ts, p.title FROM tasks t "				\
	"LEFT JOIN members m ON m.uid = t.owner_uid "			\
	"JOIN proposals p ON p.id = t.proposal_id "

static json_t *
query_progress_task_row(sqlite3_stmt *stmt)
{
	return (json_pack("{s:I,s:I,s:o,s:o,s:o,s:o,s:I,s:I,s:o,s:b,s:I,"
	    "s:I,s:o,s:o}",
	    "id", (json_int_t)sqlite3_column_int64(stmt, 0),
	    "proposal", (json_int_t)sqlite3_column_int64(stmt, 1),
	    "title", query_progress_text(stmt, 2),
	    "owner_uid", query_progress_int(stmt, 3),
	    "owner", query_progress_text(stmt, 4),
	    "status", query_progress_text(stmt, 5),
	    "progress", (json_int_t)sqlite3_column_int64(stmt, 6),
	    "weight", (json_int_t)sqlite3_column_int64(stmt, 7),
	    "due_ts", query_progress_int(stmt, 8),
	    "overdue", sqlite3_column_int(stmt, 9) != 0,
	    "created_ts", (json_int_t)sqlite3_column_int64(stmt, 10),
	    "updated_ts", (json_int_t)sqlite3_column_int64(stmt, 11),
	    "done_ts", query_progress_int(stmt, 12),
	    "initiative", query_progress_text(stmt, 13)));
}

/*
 * One initiative in full: its row, every task (at most the 500 one
 * initiative holds) and a page of its timeline, the events of its tasks
 * after seq after, oldest first.
 */
static int
query_progress_one(struct core *c, const struct actor *a, int64_t id,
    int64_t after, int64_t limit, json_t **result, char **cause)
{
	struct store	*s = core_store(c);
	sqlite3_stmt	*stmt;
	json_t		*r, *tasks, *timeline, *row, *body;
	json_error_t	 jerr;
	int64_t		 n = 0, last = 0;

	stmt = store_prepare(s, QUERY_PROGRESS_INITIATIVE "AND p.id = ?2 "
	    "GROUP BY p.id");
	sqlite3_bind_int64(stmt, 1, core_now(c));
	sqlite3_bind_int64(stmt, 2, id);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		sqlite3_reset(stmt);
		if (store_int(s, "SELECT count(*) FROM proposals WHERE id = ?",
		    id, 0) == 0)
			return (moot_fail(cause, -ENOENT, "there is no "
			    "proposal #%lld", (long long)id));
		return (moot_fail(cause, -ENOENT, "#%lld is not an "
		    "initiative: a proposal becomes one when it passes",
		    (long long)id));
	}
	r = query_progress_initiative_row(stmt);
	sqlite3_reset(stmt);

	tasks = json_array();
	stmt = store_prepare(s, QUERY_PROGRESS_TASK "WHERE t.proposal_id = ?2 "
	    "ORDER BY t.id");
	sqlite3_bind_int64(stmt, 1, core_now(c));
	sqlite3_bind_int64(stmt, 2, id);
	while (sqlite3_step(stmt) == SQLITE_ROW)
		json_array_append_new(tasks, query_progress_task_row(stmt));
	sqlite3_reset(stmt);
	json_object_set_new(r, "task_list", tasks);

	/* The log index finds each task's events by ref. */
	timeline = json_array();
	stmt = store_prepare(s, "SELECT l.seq, l.ts, l.uid, l.name, l.type, "
	    "l.ref, b.body, b.redacted_by FROM log_index l LEFT JOIN bodies b "
	    "ON b.seq = l.seq WHERE l.ref IN (SELECT 'task:' || id FROM tasks "
	    "WHERE proposal_id = ?1) AND l.seq > ?2 ORDER BY l.seq LIMIT ?3");
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_bind_int64(stmt, 2, after);
	sqlite3_bind_int64(stmt, 3, limit + 1);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (n++ == limit)
			break;
		last = sqlite3_column_int64(stmt, 0);
		row = json_pack("{s:I,s:I,s:{s:I,s:o},s:o,s:o}",
		    "seq", (json_int_t)last,
		    "ts", (json_int_t)sqlite3_column_int64(stmt, 1),
		    "actor", "uid", (json_int_t)sqlite3_column_int64(stmt, 2),
		    "name", query_progress_text(stmt, 3),
		    "type", query_progress_text(stmt, 4),
		    "ref", query_progress_text(stmt, 5));
		body = NULL;
		if (sqlite3_column_type(stmt, 6) != SQLITE_NULL)
			body = json_loadb(sqlite3_column_blob(stmt, 6),
			    (size_t)sqlite3_column_bytes(stmt, 6), 0, &jerr);
		else
			json_object_set_new(row, "redacted_by",
			    query_progress_int(stmt, 7));
		json_object_set_new(row, "body", body != NULL ? body :
		    json_null());
		json_array_append_new(timeline, row);
	}
	sqlite3_reset(stmt);
	json_object_set_new(r, "timeline", timeline);
	json_object_set_new(r, "timeline_next", n > limit ?
	    json_integer(last) : json_null());
	(void)a;
	*result = r;
	return (0);
}

/*
 * progress: the initiatives, newest first ({"after": ID} pages below
 * ID); or, with {"id": N}, that initiative with its tasks and timeline
 * ({"after": SEQ} pages the timeline).
 */
int
query_progress(struct core *c, const struct actor *a, json_t *args,
    json_t **result, char **cause)
{
	sqlite3_stmt	*stmt;
	json_t		*rows;
	int64_t		 id, after, limit, n = 0, last = 0;
	int		 error;

	if ((error = event_arg_page(args, &after, &limit,
	    QUERY_PROGRESS_LIMIT_DEFAULT, cause)) != 0)
		return (error);
	error = event_arg_int(args, "id", false, &id, cause);
	if (error == 0)
		return (query_progress_one(c, a, id, after < 0 ? 0 : after,
		    limit, result, cause));
	if (error != -ENOENT)
		return (error);

	stmt = store_prepare(core_store(c), QUERY_PROGRESS_INITIATIVE
	    "AND (?2 < 0 OR p.id < ?2) GROUP BY p.id ORDER BY p.id DESC "
	    "LIMIT ?3");
	sqlite3_bind_int64(stmt, 1, core_now(c));
	sqlite3_bind_int64(stmt, 2, after);
	sqlite3_bind_int64(stmt, 3, limit + 1);
	rows = json_array();
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (n++ == limit)
			break;
		last = sqlite3_column_int64(stmt, 0);
		json_array_append_new(rows,
		    query_progress_initiative_row(stmt));
	}
	sqlite3_reset(stmt);
	*result = json_pack("{s:o,s:o}", "initiatives", rows, "next",
	    n > limit ? json_integer(last) : json_null());
	return (0);
}

/*
 * tasks: tasks by id, filtered by initiative (proposal), owner (mine:
 * the reader's), status and overdue.
 */
int
query_tasks(struct core *c, const struct actor *a, json_t *args,
    json_t **result, char **cause)
{
	static const char *const statuses[] = {
		"todo", "doing", "blocked", "done"
	};
	sqlite3_stmt	*stmt;
	const char	*status;
	json_t		*rows;
	int64_t		 after, limit, pid = -1, n = 0, last = 0;
	bool		 mine, overdue;
	size_t		 i;
	int		 error;

	if ((error = event_arg_page(args, &after, &limit,
	    QUERY_PROGRESS_LIMIT_DEFAULT, cause)) != 0 ||
	    (error = query_progress_bool(args, "mine", &mine, cause)) != 0 ||
	    (error = query_progress_bool(args, "overdue", &overdue,
	    cause)) != 0 ||
	    (error = event_arg_text(args, "status", 0, false, &status,
	    cause)) != 0)
		return (error);
	error = event_arg_int(args, "proposal", false, &pid, cause);
	if (error != 0 && error != -ENOENT)
		return (error);
	if (status != NULL) {
		for (i = 0; i < MOOT_NITEMS(statuses); i++) {
			if (strcmp(status, statuses[i]) == 0)
				break;
		}
		if (i == MOOT_NITEMS(statuses))
			return (moot_fail(cause, -EINVAL, "status \"%s\" is "
			    "not one of todo, doing, blocked, done", status));
	}

	stmt = store_prepare(core_store(c), QUERY_PROGRESS_TASK
	    "WHERE t.id > ?2 AND (?3 < 0 OR t.proposal_id = ?3) "
	    "AND (?4 IS NULL OR t.owner_uid = ?4) "
	    "AND (?5 IS NULL OR t.status = ?5) "
	    "AND (?6 = 0 OR " QUERY_PROGRESS_OVERDUE ") "
	    "ORDER BY t.id LIMIT ?7");
	sqlite3_bind_int64(stmt, 1, core_now(c));
	sqlite3_bind_int64(stmt, 2, after);
	sqlite3_bind_int64(stmt, 3, pid);
	if (mine)
		sqlite3_bind_int64(stmt, 4, a->uid);
	if (status != NULL)
		sqlite3_bind_text(stmt, 5, status, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 6, overdue);
	sqlite3_bind_int64(stmt, 7, limit + 1);
	rows = json_array();
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (n++ == limit)
			break;
		last = sqlite3_column_int64(stmt, 0);
		json_array_append_new(rows, query_progress_task_row(stmt));
	}
	sqlite3_reset(stmt);
	*result = json_pack("{s:o,s:o}", "tasks", rows, "next",
	    n > limit ? json_integer(last) : json_null());
	return (0);
}

/*
 * kudos-list: the kudos a member (default: the reader) received, or,
 * with {"given": true}, gave; newest first, with both totals.
 */
int
query_kudos(struct core *c, const struct actor *a, json_t *args,
    json_t **result, char **cause)
{
	struct store	*s = core_store(c);
	sqlite3_stmt	*stmt;
	const char	*member;
	json_t		*rows;
	int64_t		 after, limit, uid, n = 0, last = 0;
	bool		 given, found;
	int		 error;

	if ((error = event_arg_page(args, &after, &limit,
	    QUERY_PROGRESS_LIMIT_DEFAULT, cause)) != 0 ||
	    (error = query_progress_bool(args, "given", &given, cause)) != 0 ||
	    (error = event_arg_text(args, "member", 0, false, &member,
	    cause)) != 0)
		return (error);
	uid = a->uid;
	if (member != NULL) {
		stmt = store_prepare(s, "SELECT uid FROM members WHERE "
		    "name = ?");
		sqlite3_bind_text(stmt, 1, member, -1, SQLITE_STATIC);
		if ((found = sqlite3_step(stmt) == SQLITE_ROW))
			uid = sqlite3_column_int64(stmt, 0);
		sqlite3_reset(stmt);
		if (!found)
			return (moot_fail(cause, -ENOENT, "%s is not a member "
			    "of this community", member));
	}

	if (given)
		stmt = store_prepare(s, "SELECT k.id, k.ts, k.from_uid, "
		    "f.name, k.to_uid, t.name, k.note, k.about FROM kudos k "
		    "LEFT JOIN members f ON f.uid = k.from_uid "
		    "LEFT JOIN members t ON t.uid = k.to_uid "
		    "WHERE k.from_uid = ?1 AND (?2 < 0 OR k.id < ?2) "
		    "ORDER BY k.id DESC LIMIT ?3");
	else
		stmt = store_prepare(s, "SELECT k.id, k.ts, k.from_uid, "
		    "f.name, k.to_uid, t.name, k.note, k.about FROM kudos k "
		    "LEFT JOIN members f ON f.uid = k.from_uid "
		    "LEFT JOIN members t ON t.uid = k.to_uid "
		    "WHERE k.to_uid = ?1 AND (?2 < 0 OR k.id < ?2) "
		    "ORDER BY k.id DESC LIMIT ?3");
	sqlite3_bind_int64(stmt, 1, uid);
	sqlite3_bind_int64(stmt, 2, after);
	sqlite3_bind_int64(stmt, 3, limit + 1);
	rows = json_array();
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (n++ == limit)
			break;
		last = sqlite3_column_int64(stmt, 0);
		json_array_append_new(rows, json_pack(
		    "{s:I,s:I,s:{s:I,s:o},s:{s:I,s:o},s:o,s:o}",
		    "id", (json_int_t)last,
		    "ts", (json_int_t)sqlite3_column_int64(stmt, 1),
		    "from", "uid", (json_int_t)sqlite3_column_int64(stmt, 2),
		    "name", query_progress_text(stmt, 3),
		    "to", "uid", (json_int_t)sqlite3_column_int64(stmt, 4),
		    "name", query_progress_text(stmt, 5),
		    "note", query_progress_text(stmt, 6),
		    "about", query_progress_text(stmt, 7)));
	}
	sqlite3_reset(stmt);
	*result = json_pack("{s:I,s:I,s:I,s:o,s:o}", "uid", (json_int_t)uid,
	    "received", (json_int_t)store_int(s, "SELECT count(*) FROM kudos "
	    "WHERE to_uid = ?", uid, 0),
	    "given", (json_int_t)store_int(s, "SELECT count(*) FROM kudos "
	    "WHERE from_uid = ?", uid, 0),
	    "kudos", rows, "next", n > limit ? json_integer(last) :
	    json_null());
	return (0);
}
