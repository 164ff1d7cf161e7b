/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Tests of progress and recognition (src/core/event-progress.c,
 * query-progress.c): passed proposals as initiatives, every transition
 * and refusal of task.added, task.taken and task.updated, the weighted
 * mean, lateness, the timeline, kudos, the contributions of members,
 * redaction of the text members wrote, and moot check after all of it.
 *
 * The members and helpers are fixture.c's. Motions pass or fail at
 * once: the rule closes early, and all four eligible members vote.
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
#include "moot/store.h"

#include "fixture.h"

/*
 * A motion by a that the eligible members answer with choice, in turn,
 * until the rule closes it early (at the third of four).
 */
static int64_t
decided(struct fixture *f, const struct actor *a, const char *title,
    const char *choice)
{
	const struct actor *const voters[] = { &alice, &bob, &carol, &erin };
	int64_t			  id;
	size_t			  i;

	id = propose(f, a, title);
	open_vote(f, a, id);
	for (i = 0; i < 4 && store_int(core_store(f->c), "SELECT state = "
	    "'voting' FROM proposals WHERE id = ?", id, 0) != 0; i++) {
		submit_ok(f->c, voters[i], "ballot.cast", json_pack("{s:I,s:s}",
		    "id", (json_int_t)id, "choice", choice));
		settle(f, id);
	}
	return (id);
}

static void
start(struct fixture *f)
{
	community_rule(f, "\"method\":\"yesno\",\"duration\":\"7d\","
	    "\"early_close\":\"yes\"");
}

/* Add a task to proposal pid; extra keys from JSON text (or NULL). */
static int64_t
add(struct fixture *f, const struct actor *a, int64_t pid, const char *title,
    const char *extra)
{
	json_t	*args;

	args = extra != NULL ? json_loads(extra, 0, NULL) : json_object();
	assert_non_null(args);
	json_object_set_new(args, "proposal", json_integer(pid));
	json_object_set_new(args, "title", json_string(title));
	return (submit_ok(f->c, a, "task.added", args));
}

/* Update task id with the keys of JSON text. */
static void
update(struct fixture *f, const struct actor *a, int64_t id, const char *keys)
{
	json_t	*args = json_loads(keys, 0, NULL);

	assert_non_null(args);
	json_object_set_new(args, "id", json_integer(id));
	submit_ok(f->c, a, "task.updated", args);
}

static void
update_refused(struct fixture *f, const struct actor *a, int64_t id,
    const char *keys, int err, const char *want)
{
	json_t	*args = json_loads(keys, 0, NULL);

	assert_non_null(args);
	json_object_set_new(args, "id", json_integer(id));
	submit_refused(f->c, a, "task.updated", args, err, want);
}

/* The task id as the tasks query gives it (the caller frees). */
static json_t *
task(struct fixture *f, int64_t id)
{
	json_t	*r, *t;

	r = query(query_tasks, f->c, &alice, json_pack("{s:I,s:i}", "after",
	    (json_int_t)id - 1, "limit", 1));
	t = json_incref(json_array_get(json_object_get(r, "tasks"), 0));
	json_decref(r);
	assert_non_null(t);
	assert_int_equal(jint(t, "id"), id);
	return (t);
}

static void
assert_task(struct fixture *f, int64_t id, const char *status,
    int64_t progress, const char *owner)
{
	json_t	*t = task(f, id);

	assert_string_equal(jstr(t, "status"), status);
	assert_int_equal(jint(t, "progress"), progress);
	if (owner == NULL)
		assert_true(json_is_null(json_object_get(t, "owner")));
	else
		assert_string_equal(jstr(t, "owner"), owner);
	json_decref(t);
}

/* The initiative pid as the progress query gives it. */
static json_t *
initiative(struct fixture *f, int64_t pid)
{
	return (query(query_progress, f->c, &bob, json_pack("{s:I}", "id",
	    (json_int_t)pid)));
}

static int64_t
initiative_progress(struct fixture *f, int64_t pid)
{
	json_t	*r = initiative(f, pid);
	int64_t	 n = jint(r, "progress");

	json_decref(r);
	return (n);
}


static void
test_passed_motion_is_initiative(void **state)
{
	struct fixture	*f = *state;
	json_t		*r, *in, *args;
	int64_t		 yes, no;
	char		*cause = NULL;

	start(f);
	yes = decided(f, &bob, "Fix the fence", "yes");
	no = decided(f, &bob, "Paint it pink", "no");
	propose(f, &bob, "Still talking");
	r = query(query_progress, f->c, &olive, NULL);
	assert_int_equal(json_array_size(json_object_get(r, "initiatives")), 1);
	in = json_array_get(json_object_get(r, "initiatives"), 0);
	assert_int_equal(jint(in, "id"), yes);
	assert_string_equal(jstr(in, "title"), "Fix the fence");
	assert_int_equal(jint(in, "tasks"), 0);
	assert_int_equal(jint(in, "progress"), 0);
	assert_true(json_is_null(json_object_get(r, "next")));
	json_decref(r);

	r = NULL;
	args = json_pack("{s:I}", "id", (json_int_t)no);
	assert_int_equal(query_progress(f->c, &bob, args, &r, &cause),
	    -ENOENT);
	json_decref(args);
	assert_non_null(strstr(cause, "is not an initiative"));
	free(cause);
	cause = NULL;
	args = json_pack("{s:i}", "id", 99);
	assert_int_equal(query_progress(f->c, &bob, args, &r, &cause),
	    -ENOENT);
	json_decref(args);
	assert_non_null(strstr(cause, "there is no proposal #99"));
	free(cause);
	assert_null(r);
}

static void
test_add_refusals(void **state)
{
	struct fixture	*f = *state;
	int64_t		 yes, no, open;

	start(f);
	yes = decided(f, &bob, "Fix the fence", "yes");
	no = decided(f, &bob, "Paint it pink", "no");
	open = propose(f, &bob, "Still talking");
	submit_refused(f->c, &bob, "task.added", json_pack("{s:I,s:s}",
	    "proposal", (json_int_t)open, "title", "x"), -EBUSY,
	    "#3 is in discussion: tasks belong to proposals that passed");
	submit_refused(f->c, &bob, "task.added", json_pack("{s:I,s:s}",
	    "proposal", (json_int_t)no, "title", "x"), -EBUSY,
	    "#2 did not pass (rejected)");
	submit_refused(f->c, &bob, "task.added", json_pack("{s:i,s:s}",
	    "proposal", 99, "title", "x"), -ENOENT, "99");
	submit_refused(f->c, &dave, "task.added", json_pack("{s:I,s:s}",
	    "proposal", (json_int_t)yes, "title", "x"), -EPERM,
	    "you are not a member of this community");
	submit_refused(f->c, &olive, "task.added", json_pack("{s:I,s:s}",
	    "proposal", (json_int_t)yes, "title", "x"), -EPERM,
	    "you are an observer");
	submit_refused(f->c, &erin, "task.added", json_pack("{s:I,s:s}",
	    "proposal", (json_int_t)yes, "title", "x"), -EPERM,
	    "only the author of #1 or a moderator can add tasks to it");
	submit_refused(f->c, &bob, "task.added", json_pack("{s:I,s:s}",
	    "proposal", (json_int_t)yes, "title", "  "), -EILSEQ,
	    "title: only white space");
	submit_refused(f->c, &bob, "task.added", json_pack("{s:I,s:s,s:i}",
	    "proposal", (json_int_t)yes, "title", "x", "weight", 0), -EINVAL,
	    "weight must be a whole number from 1 to 1000");
	submit_refused(f->c, &bob, "task.added", json_pack("{s:I,s:s,s:s}",
	    "proposal", (json_int_t)yes, "title", "x", "owner", "dave"),
	    -ENOENT, "dave is not a member of this community");
	submit_refused(f->c, &carol, "task.added", json_pack("{s:I,s:s,s:s}",
	    "proposal", (json_int_t)yes, "title", "x", "owner", "olive"),
	    -EPERM, "olive is an observer and cannot own tasks");
	submit_refused(f->c, &bob, "task.added", json_pack("{s:I,s:s,s:s}",
	    "proposal", (json_int_t)yes, "title", "x", "owner", "erin"),
	    -EPERM, "only a moderator can give a task to someone else");
	submit_refused(f->c, &bob, "task.added", json_pack("{s:I,s:s,s:i,"
	    "s:i}", "proposal", (json_int_t)yes, "title", "x", "due_ts", 1,
	    "due_in", 1), -EINVAL, "give due_ts or due_in, not both");

	/* The author, for themselves; a moderator, for anyone. */
	assert_int_equal(add(f, &bob, yes, "Buy posts", "{\"owner\":\"bob\"}"),
	    1);
	assert_int_equal(add(f, &carol, yes, "Dig holes",
	    "{\"owner\":\"erin\",\"weight\":3}"), 2);
	assert_task(f, 1, "todo", 0, "bob");
	assert_task(f, 2, "todo", 0, "erin");
	assert_check_ok(f);
}

static void
test_take_and_update(void **state)
{
	struct fixture	*f = *state;
	json_t		*t;
	int64_t		 pid, id;

	start(f);
	pid = decided(f, &bob, "Fix the fence", "yes");
	id = add(f, &bob, pid, "Buy posts", NULL);

	update_refused(f, &erin, id, "{\"progress\":10}", -EPERM,
	    "task 1 has no owner: take it first");
	submit_refused(f->c, &olive, "task.taken", json_pack("{s:I}", "id",
	    (json_int_t)id), -EPERM, "you are an observer");
	submit_refused(f->c, &dave, "task.taken", json_pack("{s:I}", "id",
	    (json_int_t)id), -EPERM, "you are not a member");
	submit_refused(f->c, &bob, "task.taken", json_pack("{s:i}", "id", 9),
	    -ENOENT, "there is no task 9");
	submit_ok(f->c, &erin, "task.taken", json_pack("{s:I}", "id",
	    (json_int_t)id));
	assert_task(f, id, "todo", 0, "erin");
	submit_refused(f->c, &bob, "task.taken", json_pack("{s:I}", "id",
	    (json_int_t)id), -EBUSY, "task 1 is already taken by erin");
	submit_refused(f->c, &erin, "task.taken", json_pack("{s:I}", "id",
	    (json_int_t)id), -EEXIST, "task 1 is yours already");

	/* Only the owner or a moderator; progress is a percentage. */
	update_refused(f, &bob, id, "{\"progress\":10}", -EPERM,
	    "only the owner of task 1 (erin) or a moderator can update it");
	update_refused(f, &erin, id, "{\"progress\":101}", -EINVAL,
	    "progress is a percentage");
	update_refused(f, &erin, id, "{\"progress\":-1}", -EINVAL,
	    "progress is a percentage");
	update_refused(f, &erin, id, "{\"status\":\"finished\"}", -EINVAL,
	    "status \"finished\" is not one of todo, doing, blocked, done");
	update_refused(f, &erin, id, "{\"status\":\"todo\"}", -EINVAL,
	    "nothing to change");
	update_refused(f, &erin, id, "{\"owner\":\"bob\"}", -EPERM,
	    "only a moderator can give task 1 to someone else");
	update_refused(f, &erin, id, "{\"status\":\"done\",\"progress\":50}",
	    -EINVAL, "a done task is 100% done");
	update_refused(f, &erin, id, "{\"status\":\"blocked\","
	    "\"progress\":100}", -EINVAL, "a task at 100% is done");

	/* todo -> doing by progress alone, blocked, done by 100. */
	update(f, &erin, id, "{\"progress\":30}");
	assert_task(f, id, "doing", 30, "erin");
	update(f, &erin, id, "{\"status\":\"blocked\"}");
	assert_task(f, id, "blocked", 30, "erin");
	update(f, &erin, id, "{\"progress\":100}");
	assert_task(f, id, "done", 100, "erin");
	t = task(f, id);
	assert_true(json_is_integer(json_object_get(t, "done_ts")));
	json_decref(t);
	submit_refused(f->c, &bob, "task.taken", json_pack("{s:I}", "id",
	    (json_int_t)id), -EBUSY, "already taken by erin");

	/* A done task reopens with a progress, not a bare status. */
	update_refused(f, &erin, id, "{\"status\":\"doing\"}", -EINVAL,
	    "task 1 is done (100%): to reopen it as doing");
	update(f, &erin, id, "{\"progress\":90}");
	assert_task(f, id, "doing", 90, "erin");
	t = task(f, id);
	assert_true(json_is_null(json_object_get(t, "done_ts")));
	json_decref(t);
	update(f, &erin, id, "{\"status\":\"done\"}");
	assert_task(f, id, "done", 100, "erin");
	update(f, &erin, id, "{\"status\":\"todo\",\"progress\":0}");
	assert_task(f, id, "todo", 0, "erin");

	/* The owner gives it up; a moderator gives it to someone. */
	update(f, &erin, id, "{\"owner\":null}");
	assert_task(f, id, "todo", 0, NULL);
	update(f, &carol, id, "{\"owner\":\"bob\",\"title\":\"Buy oak posts\","
	    "\"weight\":4,\"due_ts\":1800000000000}");
	assert_task(f, id, "todo", 0, "bob");
	t = task(f, id);
	assert_string_equal(jstr(t, "title"), "Buy oak posts");
	assert_int_equal(jint(t, "weight"), 4);
	assert_int_equal(jint(t, "due_ts"), 1800000000000LL);
	json_decref(t);
	update(f, &bob, id, "{\"due_ts\":null}");
	t = task(f, id);
	assert_true(json_is_null(json_object_get(t, "due_ts")));
	json_decref(t);
	assert_check_ok(f);
}

static void
test_weighted_mean(void **state)
{
	struct fixture	*f = *state;
	json_t		*r, *st;
	int64_t		 pid, a, b;

	start(f);
	pid = decided(f, &bob, "Fix the fence", "yes");
	a = add(f, &bob, pid, "Buy posts", "{\"owner\":\"bob\"}");
	b = add(f, &bob, pid, "Dig holes", "{\"owner\":\"bob\",\"weight\":3}");
	assert_int_equal(initiative_progress(f, pid), 0);
	update(f, &bob, a, "{\"status\":\"done\"}");
	/* (1 * 100 + 3 * 0) / 4 */
	assert_int_equal(initiative_progress(f, pid), 25);
	update(f, &bob, b, "{\"progress\":20}");
	/* (100 + 60) / 4 */
	assert_int_equal(initiative_progress(f, pid), 40);
	update(f, &bob, b, "{\"weight\":2,\"progress\":0}");
	/* 100 / 3 = 33.3, rounded down */
	assert_int_equal(initiative_progress(f, pid), 33);
	update(f, &bob, b, "{\"progress\":99}");
	/* (100 + 198) / 3 = 99.3: not 100 until every task is done */
	assert_int_equal(initiative_progress(f, pid), 99);
	update(f, &bob, b, "{\"status\":\"blocked\"}");
	r = initiative(f, pid);
	st = json_object_get(r, "status");
	assert_int_equal(jint(st, "done"), 1);
	assert_int_equal(jint(st, "blocked"), 1);
	assert_int_equal(jint(st, "todo"), 0);
	assert_int_equal(jint(st, "doing"), 0);
	assert_int_equal(jint(r, "tasks"), 2);
	assert_int_equal(json_array_size(json_object_get(r, "task_list")), 2);
	json_decref(r);
	update(f, &bob, b, "{\"progress\":100}");
	assert_int_equal(initiative_progress(f, pid), 100);
}

static void
test_overdue(void **state)
{
	struct fixture	*f = *state;
	json_t		*r, *in;
	int64_t		 pid, a, b;

	start(f);
	pid = decided(f, &bob, "Fix the fence", "yes");
	a = add(f, &bob, pid, "Buy posts", "{\"owner\":\"bob\","
	    "\"due_in\":3600}");
	b = add(f, &carol, pid, "Dig holes", "{\"owner\":\"erin\","
	    "\"due_in\":7200}");
	add(f, &bob, pid, "Paint", NULL);
	r = query(query_status, f->c, &bob, NULL);
	assert_int_equal(jint(r, "tasks_overdue"), 0);
	json_decref(r);

	f->now += 3 * HOUR / 2;
	r = query(query_status, f->c, &bob, NULL);
	assert_int_equal(jint(r, "tasks_overdue"), 1);
	json_decref(r);
	r = query(query_status, f->c, &erin, NULL);
	assert_int_equal(jint(r, "tasks_overdue"), 0);
	json_decref(r);
	r = query(query_tasks, f->c, &erin, json_pack("{s:b}", "overdue", 1));
	assert_int_equal(json_array_size(json_object_get(r, "tasks")), 1);
	assert_int_equal(jint(json_array_get(json_object_get(r, "tasks"), 0),
	    "id"), a);
	assert_true(json_is_true(json_object_get(json_array_get(
	    json_object_get(r, "tasks"), 0), "overdue")));
	json_decref(r);

	f->now += HOUR;
	r = query(query_progress, f->c, &bob, NULL);
	in = json_array_get(json_object_get(r, "initiatives"), 0);
	assert_int_equal(jint(in, "overdue"), 2);
	json_decref(r);
	/* Done is never late; mine and status filter too. */
	update(f, &erin, b, "{\"status\":\"done\"}");
	r = query(query_tasks, f->c, &erin, json_pack("{s:b}", "overdue", 1));
	assert_int_equal(json_array_size(json_object_get(r, "tasks")), 1);
	json_decref(r);
	r = query(query_tasks, f->c, &erin, json_pack("{s:b}", "mine", 1));
	assert_int_equal(json_array_size(json_object_get(r, "tasks")), 1);
	assert_int_equal(jint(json_array_get(json_object_get(r, "tasks"), 0),
	    "id"), b);
	json_decref(r);
	r = query(query_tasks, f->c, &erin, json_pack("{s:s}", "status",
	    "todo"));
	assert_int_equal(json_array_size(json_object_get(r, "tasks")), 2);
	json_decref(r);
	r = query(query_tasks, f->c, &erin, json_pack("{s:i}", "limit", 2));
	assert_int_equal(json_array_size(json_object_get(r, "tasks")), 2);
	assert_int_equal(jint(r, "next"), 2);
	json_decref(r);
	r = query(query_tasks, f->c, &erin, json_pack("{s:i}", "after", 2));
	assert_int_equal(json_array_size(json_object_get(r, "tasks")), 1);
	assert_true(json_is_null(json_object_get(r, "next")));
	json_decref(r);
}

static void
test_timeline(void **state)
{
	struct fixture	*f = *state;
	json_t		*r, *tl, *ev;
	int64_t		 pid, a, ts;

	start(f);
	pid = decided(f, &bob, "Fix the fence", "yes");
	a = add(f, &bob, pid, "Buy posts", NULL);
	decided(f, &erin, "Another", "yes");
	add(f, &erin, 2, "Elsewhere", NULL);
	submit_ok(f->c, &erin, "task.taken", json_pack("{s:I}", "id",
	    (json_int_t)a));
	ts = f->now;
	update(f, &erin, a, "{\"progress\":50}");

	r = initiative(f, pid);
	tl = json_object_get(r, "timeline");
	assert_int_equal(json_array_size(tl), 3);
	assert_string_equal(jstr(json_array_get(tl, 0), "type"), "task.added");
	assert_string_equal(jstr(json_array_get(tl, 1), "type"), "task.taken");
	ev = json_array_get(tl, 2);
	assert_string_equal(jstr(ev, "type"), "task.updated");
	assert_string_equal(jstr(ev, "ref"), "task:1");
	assert_true(jint(ev, "ts") > ts);
	assert_string_equal(jstr(json_object_get(ev, "actor"), "name"),
	    "erin");
	assert_string_equal(jstr(json_object_get(ev, "body"), "status"),
	    "doing");
	assert_true(json_is_null(json_object_get(r, "timeline_next")));
	json_decref(r);

	/* Paged by seq. */
	r = query(query_progress, f->c, &bob, json_pack("{s:I,s:i}", "id",
	    (json_int_t)pid, "limit", 2));
	assert_int_equal(json_array_size(json_object_get(r, "timeline")), 2);
	ts = jint(r, "timeline_next");
	json_decref(r);
	r = query(query_progress, f->c, &bob, json_pack("{s:I,s:I}", "id",
	    (json_int_t)pid, "after", (json_int_t)ts));
	tl = json_object_get(r, "timeline");
	assert_int_equal(json_array_size(tl), 1);
	assert_string_equal(jstr(json_array_get(tl, 0), "type"),
	    "task.updated");
	json_decref(r);

	/* Both initiatives, newest first, and paged. */
	r = query(query_progress, f->c, &bob, json_pack("{s:i}", "limit", 1));
	assert_int_equal(jint(json_array_get(json_object_get(r,
	    "initiatives"), 0), "id"), 2);
	assert_int_equal(jint(r, "next"), 2);
	json_decref(r);
	r = query(query_progress, f->c, &bob, json_pack("{s:i}", "after", 2));
	assert_int_equal(jint(json_array_get(json_object_get(r,
	    "initiatives"), 0), "id"), 1);
	json_decref(r);
}

static void
test_kudos(void **state)
{
	struct fixture	*f = *state;
	json_t		*r, *k;
	int64_t		 pid;

	start(f);
	pid = decided(f, &bob, "Fix the fence", "yes");
	add(f, &bob, pid, "Buy posts", NULL);
	submit_refused(f->c, &bob, "kudos.given", json_pack("{s:s,s:s}", "to",
	    "bob", "note", "me"), -EPERM, "you cannot give them to yourself");
	submit_refused(f->c, &bob, "kudos.given", json_pack("{s:s,s:s}", "to",
	    "dave", "note", "hi"), -ENOENT,
	    "dave is not a member of this community");
	submit_refused(f->c, &dave, "kudos.given", json_pack("{s:s,s:s}", "to",
	    "bob", "note", "hi"), -EPERM, "you are not a member");
	submit_refused(f->c, &olive, "kudos.given", json_pack("{s:s,s:s}",
	    "to", "bob", "note", "hi"), -EPERM, "you are an observer");
	submit_refused(f->c, &erin, "kudos.given", json_pack("{s:s,s:s}", "to",
	    "bob", "note", " "), -EINVAL, "note: empty");
	submit_refused(f->c, &erin, "kudos.given", json_pack("{s:s,s:s,s:s}",
	    "to", "bob", "note", "hi", "about", "task:7"), -ENOENT,
	    "there is no task 7");
	submit_refused(f->c, &erin, "kudos.given", json_pack("{s:s,s:s,s:s}",
	    "to", "bob", "note", "hi", "about", "dispute:1"), -ENOENT,
	    "there is no dispute 1");
	submit_refused(f->c, &erin, "kudos.given", json_pack("{s:s,s:s,s:s}",
	    "to", "bob", "note", "hi", "about", "comment:1"), -EINVAL,
	    "a kudos is about proposal:N, task:N or dispute:N");

	assert_int_equal(submit_ok(f->c, &erin, "kudos.given", json_pack(
	    "{s:s,s:s,s:s}", "to", "bob", "note", "Great motion", "about",
	    "proposal:1")), 1);
	assert_int_equal(submit_ok(f->c, &carol, "kudos.given", json_pack(
	    "{s:s,s:s,s:s}", "to", "bob", "note", "Posts!", "about",
	    "task:1")), 2);
	submit_ok(f->c, &bob, "kudos.given", json_pack("{s:s,s:s}", "to",
	    "olive", "note", "Thanks for reading"));

	r = query(query_kudos, f->c, &bob, NULL);
	assert_int_equal(jint(r, "received"), 2);
	assert_int_equal(jint(r, "given"), 1);
	k = json_object_get(r, "kudos");
	assert_int_equal(json_array_size(k), 2);
	assert_int_equal(jint(json_array_get(k, 0), "id"), 2);
	assert_string_equal(jstr(json_object_get(json_array_get(k, 0),
	    "from"), "name"), "carol");
	assert_string_equal(jstr(json_array_get(k, 0), "about"), "task:1");
	assert_string_equal(jstr(json_array_get(k, 1), "note"),
	    "Great motion");
	json_decref(r);
	r = query(query_kudos, f->c, &alice, json_pack("{s:s,s:b,s:i}",
	    "member", "bob", "given", 1, "limit", 1));
	k = json_object_get(r, "kudos");
	assert_int_equal(json_array_size(k), 1);
	assert_string_equal(jstr(json_object_get(json_array_get(k, 0), "to"),
	    "name"), "olive");
	assert_true(json_is_null(json_object_get(r, "next")));
	json_decref(r);
	r = query(query_kudos, f->c, &alice, json_pack("{s:s,s:i}", "member",
	    "bob", "limit", 1));
	assert_int_equal(jint(r, "next"), 2);
	json_decref(r);
}

static void
test_contributions(void **state)
{
	struct fixture	*f = *state;
	json_t		*r, *m, *k;
	int64_t		 pid, a;
	size_t		 i;

	start(f);
	pid = decided(f, &bob, "Fix the fence", "yes");
	decided(f, &bob, "Paint it pink", "no");
	a = add(f, &bob, pid, "Buy posts", "{\"owner\":\"bob\"}");
	add(f, &bob, pid, "Dig", "{\"owner\":\"bob\"}");
	update(f, &bob, a, "{\"status\":\"done\"}");
	submit_ok(f->c, &erin, "kudos.given", json_pack("{s:s,s:s}", "to",
	    "bob", "note", "Thanks"));
	r = query(query_members, f->c, &alice, NULL);
	json_array_foreach(json_object_get(r, "members"), i, m) {
		if (strcmp(jstr(m, "name"), "bob") != 0)
			continue;
		k = json_object_get(m, "contributions");
		assert_int_equal(jint(k, "proposals"), 2);
		assert_int_equal(jint(k, "passed"), 1);
		assert_int_equal(jint(k, "ballots"), 2);
		assert_int_equal(jint(k, "comments"), 0);
		assert_int_equal(jint(k, "tasks_done"), 1);
		assert_int_equal(jint(k, "kudos_received"), 1);
		assert_true(json_is_integer(json_object_get(k,
		    "disputes_resolved")));
		assert_int_equal(jint(k, "disputes_resolved"), 0);
		json_decref(r);
		return;
	}
	fail_msg("bob is not in members");
}

/* The seq of the last event. */
static int64_t
head(struct fixture *f)
{
	return (core_head(f->c, NULL));
}

static void
test_redaction(void **state)
{
	struct fixture	*f = *state;
	json_t		*t, *r;
	int64_t		 pid, a, seq_added, seq_upd, seq_kudos;

	start(f);
	pid = decided(f, &bob, "Fix the fence", "yes");
	a = add(f, &bob, pid, "Call 555-0100 at home", "{\"owner\":\"bob\"}");
	seq_added = head(f);
	update(f, &bob, a, "{\"title\":\"Buy posts at 12 Elm St\"}");
	seq_upd = head(f);
	submit_ok(f->c, &erin, "kudos.given", json_pack("{s:s,s:s}", "to",
	    "bob", "note", "You live at 12 Elm St"));
	seq_kudos = head(f);

	/* The first title no longer shows: redacting it changes nothing. */
	submit_ok(f->c, &alice, "log.redacted", json_pack("{s:I,s:s}", "seq",
	    (json_int_t)seq_added, "reason", "a phone number"));
	t = task(f, a);
	assert_string_equal(jstr(t, "title"), "Buy posts at 12 Elm St");
	json_decref(t);
	submit_ok(f->c, &alice, "log.redacted", json_pack("{s:I,s:s}", "seq",
	    (json_int_t)seq_upd, "reason", "an address"));
	t = task(f, a);
	assert_true(json_is_null(json_object_get(t, "title")));
	json_decref(t);
	submit_ok(f->c, &alice, "log.redacted", json_pack("{s:I,s:s}", "seq",
	    (json_int_t)seq_kudos, "reason", "an address"));
	r = query(query_kudos, f->c, &bob, NULL);
	assert_true(json_is_null(json_object_get(json_array_get(
	    json_object_get(r, "kudos"), 0), "note")));
	json_decref(r);
	r = initiative(f, pid);
	assert_true(json_is_null(json_object_get(json_array_get(
	    json_object_get(r, "timeline"), 0), "body")));
	json_decref(r);
	/* The task keeps its place and status; the log replays to it. */
	assert_task(f, a, "todo", 0, "bob");
	assert_check_ok(f);
}

static void
test_check_after_replay(void **state)
{
	struct fixture	*f = *state;
	json_t		*r = NULL;
	int64_t		 pid, a, b;

	start(f);
	pid = decided(f, &bob, "Fix the fence", "yes");
	a = add(f, &bob, pid, "Buy posts", "{\"due_in\":60}");
	b = add(f, &carol, pid, "Dig", "{\"owner\":\"erin\",\"weight\":5}");
	submit_ok(f->c, &bob, "task.taken", json_pack("{s:I}", "id",
	    (json_int_t)a));
	update(f, &bob, a, "{\"progress\":100}");
	update(f, &erin, b, "{\"status\":\"blocked\",\"progress\":10}");
	update(f, &carol, b, "{\"owner\":null,\"due_ts\":null}");
	submit_ok(f->c, &erin, "kudos.given", json_pack("{s:s,s:s,s:s}", "to",
	    "bob", "note", "Thanks", "about", "task:1"));
	assert_check_ok(f);

	/* A projection changed behind the log's back is found. */
	assert_int_equal(store_exec(core_store(f->c), "UPDATE tasks SET "
	    "progress = 42 WHERE id = 2", NULL), 0);
	assert_int_equal(core_check(f->c, &r, NULL), 0);
	assert_false(json_is_true(json_object_get(r, "ok")));
	json_decref(r);
}

#define T(fn)	cmocka_unit_test_setup_teardown(fn, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_passed_motion_is_initiative),
		T(test_add_refusals),
		T(test_take_and_update),
		T(test_weighted_mean),
		T(test_overdue),
		T(test_timeline),
		T(test_kudos),
		T(test_contributions),
		T(test_redaction),
		T(test_check_after_replay),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
