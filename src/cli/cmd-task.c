/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * moot task: the work of passed proposals. `task add`, `task take` and
 * `task update` are the writes task-add, task-take and task-update;
 * `task list` shows the initiatives with a progress bar, one
 * initiative's tasks and dated timeline, or tasks across initiatives
 * by owner, status or lateness (queries progress and tasks).
 *
 * A due date is YYYY-MM-DD (the end of that day, local time) or a time
 * from now in the units of moot.conf's durations ("3d", "12h", "1w"),
 * which the server adds to its own clock; "none" removes it.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "moot.h"

#define CMD_TASK_BAR	20	/* cells of the progress bar */

struct cmd_task_opts {
	const char	*weight;
	const char	*due;
	const char	*owner;
	const char	*status;
	const char	*progress;
	const char	*title;
	bool		 mine;
	bool		 overdue;
};

static int
cmd_task_opt(int ch, const char *arg, void *p)
{
	struct cmd_task_opts	*o = p;

	switch (ch) {
	case 'w':
		o->weight = arg;
		return (0);
	case 'd':
		o->due = arg;
		return (0);
	case 'o':
		o->owner = arg;
		return (0);
	case 's':
		o->status = arg;
		return (0);
	case 'p':
		o->progress = arg;
		return (0);
	case 't':
		o->title = arg;
		return (0);
	case 'm':
		o->mine = true;
		return (0);
	case 'O':
		o->overdue = true;
		return (0);
	default:
		return (-1);
	}
}

/* A whole number from 0 to max for option what. */
static int
cmd_task_number(const char *what, const char *s, int64_t max, int64_t *out)
{
	char		*end;
	long long	 n;

	n = strtoll(s, &end, 10);
	if (*s == '\0' || *end != '\0' || n < 0 || n > max) {
		fprintf(stderr, "moot: %s \"%s\" is not a whole number from 0 "
		    "to %lld\n", what, s, (long long)max);
		return (-1);
	}
	*out = n;
	return (0);
}

/*
 * Put --due into args: due_ts for a date (the end of that day, local
 * time), due_in for a time from now, null for "none".
 */
static int
cmd_task_due(const char *s, json_t *args)
{
	static const struct config_key key = {
		.section = "task", .name = "due", .type = CONFIG_DURATION,
		.def = "0", .offset = 0
	};
	struct tm	 tm;
	uint64_t	 in = 0;
	time_t		 t;
	char		*problem = NULL, tail;
	int		 y, m, d;

	if (strcmp(s, "none") == 0) {
		json_object_set_new(args, "due_ts", json_null());
		return (0);
	}
	if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 &&
	    strlen(s) == 10) {
		memset(&tm, 0, sizeof tm);
		tm.tm_year = y - 1900;
		tm.tm_mon = m - 1;
		tm.tm_mday = d + 1;
		tm.tm_isdst = -1;
		if (m < 1 || m > 12 || d < 1 || d > 31 ||
		    (t = mktime(&tm)) == (time_t)-1) {
			fprintf(stderr, "moot: --due: %s is not a date\n", s);
			return (-1);
		}
		/* The last second of the day given. */
		json_object_set_new(args, "due_ts",
		    json_integer(((json_int_t)t - 1) * 1000));
		return (0);
	}
	if (config_key_set(&key, &in, s, &problem) != 0) {
		fprintf(stderr, "moot: --due: \"%s\" is neither a date "
		    "(YYYY-MM-DD) nor a time from now (3d, 12h, 2w), nor "
		    "none\n", s);
		free(problem);
		return (-1);
	}
	json_object_set_new(args, "due_in", json_integer((json_int_t)in));
	return (0);
}

/* The options of add and update into args; -1 after an error. */
static int
cmd_task_fields(struct cmd_task_opts *o, json_t *args, bool update)
{
	int64_t	n;

	if (o->weight != NULL) {
		if (cmd_task_number("--weight", o->weight, 1000, &n) != 0)
			return (-1);
		json_object_set_new(args, "weight", json_integer(n));
	}
	if (o->due != NULL && cmd_task_due(o->due, args) != 0)
		return (-1);
	if (o->owner != NULL)
		json_object_set_new(args, "owner", update &&
		    strcmp(o->owner, "none") == 0 ? json_null() :
		    json_string(o->owner));
	if (o->status != NULL)
		json_object_set_new(args, "status", json_string(o->status));
	if (o->progress != NULL) {
		if (cmd_task_number("--progress", o->progress, 100, &n) != 0)
			return (-1);
		json_object_set_new(args, "progress", json_integer(n));
	}
	if (o->title != NULL)
		json_object_set_new(args, "title", json_string(o->title));
	return (0);
}

/* "[#######-------------]" for percent. */
static void
cmd_task_bar(int64_t percent, char *out)
{
	int	i, full = (int)(percent * CMD_TASK_BAR / 100);

	out[0] = '[';
	for (i = 0; i < CMD_TASK_BAR; i++)
		out[i + 1] = i < full ? '#' : '-';
	out[CMD_TASK_BAR + 1] = ']';
	out[CMD_TASK_BAR + 2] = '\0';
}

/* One task as a line of task list. */
static void
cmd_task_print(struct cmd_ctx *ctx, json_t *t, bool initiative)
{
	json_t	*due = json_object_get(t, "due_ts");
	char	*when = NULL, *title, *owner;
	char	 prefix[32] = "";

	if (json_is_integer(due))
		when = cmd_time(ctx, json_integer_value(due));
	if (initiative)
		snprintf(prefix, sizeof prefix, "#%lld ",
		    (long long)cmd_int(t, "proposal"));
	title = cmd_fit(ctx, json_is_string(json_object_get(t, "title")) ?
	    cmd_str(t, "title") : "(redacted)", 60);
	owner = cmd_fit(ctx, json_is_string(json_object_get(t, "owner")) ?
	    cmd_str(t, "owner") : "-", 12);
	printf("%5lld %-7s %3lld%% %3lld %-12s %-16s%s %s%s\n",
	    (long long)cmd_int(t, "id"), cmd_str(t, "status"),
	    (long long)cmd_int(t, "progress"), (long long)cmd_int(t, "weight"),
	    owner, when != NULL ? when : "-",
	    json_is_true(json_object_get(t, "overdue")) ? " OVERDUE" : "",
	    prefix, title);
	free(owner);
	free(title);
	free(when);
}

static void
cmd_task_header(void)
{
	printf("%5s %-7s %4s %3s %-12s %-16s %s\n", "TASK", "STATUS", "DONE",
	    "WT", "OWNER", "DUE", "TITLE");
}

/* One initiative as a line: bar, percent, counts, title. */
static void
cmd_task_initiative(struct cmd_ctx *ctx, json_t *in)
{
	json_t	*st = json_object_get(in, "status");
	char	 bar[CMD_TASK_BAR + 3], *title;
	int64_t	 n = cmd_int(in, "tasks"), late;

	cmd_task_bar(cmd_int(in, "progress"), bar);
	title = cmd_fit(ctx, json_is_string(json_object_get(in, "title")) ?
	    cmd_str(in, "title") : "(redacted)", 40);
	printf("#%-4lld %s %3lld%%  %s: ", (long long)cmd_int(in, "id"), bar,
	    (long long)cmd_int(in, "progress"), title);
	if (n == 0)
		printf("no tasks yet\n");
	else {
		printf("%lld of %lld task%s done", (long long)cmd_int(st,
		    "done"), (long long)n, n == 1 ? "" : "s");
		if (cmd_int(st, "doing") != 0)
			printf(", %lld doing", (long long)cmd_int(st, "doing"));
		if (cmd_int(st, "blocked") != 0)
			printf(", %lld blocked",
			    (long long)cmd_int(st, "blocked"));
		if ((late = cmd_int(in, "overdue")) != 0)
			printf(", %lld OVERDUE", (long long)late);
		printf("\n");
	}
	free(title);
}

/* What one timeline event did, in words. */
static void
cmd_task_event(struct cmd_ctx *ctx, json_t *ev)
{
	json_t		*body = json_object_get(ev, "body");
	json_t		*actor = json_object_get(ev, "actor");
	const char	*type = cmd_str(ev, "type");
	const char	*ref = cmd_str(ev, "ref");
	char		*when, *title = NULL;
	json_t		*v;

	when = cmd_time(ctx, cmd_int(ev, "ts"));
	if (json_is_string(json_object_get(body, "title")))
		title = cmd_fit(ctx, cmd_str(body, "title"), 50);
	printf("%s  %s ", when, cmd_str(actor, "name"));
	if (!json_is_object(body))
		printf("%s %s (redacted)\n", type, ref);
	else if (strcmp(type, "task.added") == 0)
		printf("added %s: %s\n", ref, title != NULL ? title : "");
	else if (strcmp(type, "task.taken") == 0)
		printf("took %s\n", ref);
	else {
		printf("updated %s: %s %lld%%", ref, cmd_str(body, "status"),
		    (long long)cmd_int(body, "progress"));
		if (title != NULL)
			printf(", title \"%s\"", title);
		if ((v = json_object_get(body, "owner")) != NULL)
			printf(", owner %s", json_is_null(v) ? "none" :
			    cmd_str(v, "name"));
		if ((v = json_object_get(body, "due_ts")) != NULL) {
			free(when);
			when = json_is_null(v) ? xstrdup("none") :
			    cmd_time(ctx, json_integer_value(v));
			printf(", due %s", when);
		}
		if ((v = json_object_get(body, "weight")) != NULL)
			printf(", weight %lld",
			    (long long)json_integer_value(v));
		printf("\n");
	}
	free(title);
	free(when);
}

/* task list PROPOSAL: the initiative, its tasks and its timeline. */
static int
cmd_task_show(struct cmd_ctx *ctx, int64_t id)
{
	json_t	*args, *r, *v;
	int64_t	 after = 0;
	size_t	 j;
	bool	 first = true;
	int	 rc;

	for (;;) {
		args = json_pack("{s:I,s:I,s:I}", "id", (json_int_t)id,
		    "after", (json_int_t)after, "limit", (json_int_t)500);
		rc = cmd_call(ctx, "progress", args, &r);
		json_decref(args);
		if (rc != 0)
			return (EXIT_FAIL);
		if (ctx->json) {
			cmd_print_json(ctx, r);
			json_decref(r);
			return (EXIT_OK);
		}
		if (first) {
			cmd_task_initiative(ctx, r);
			if (json_array_size(json_object_get(r,
			    "task_list")) != 0) {
				printf("\n");
				cmd_task_header();
			}
			json_array_foreach(json_object_get(r, "task_list"), j,
			    v)
				cmd_task_print(ctx, v, false);
			if (json_array_size(json_object_get(r,
			    "timeline")) != 0)
				printf("\nTimeline:\n");
			first = false;
		}
		json_array_foreach(json_object_get(r, "timeline"), j, v)
			cmd_task_event(ctx, v);
		v = json_object_get(r, "timeline_next");
		if (!json_is_integer(v)) {
			json_decref(r);
			return (EXIT_OK);
		}
		after = json_integer_value(v);
		json_decref(r);
	}
}

/* task list [PROPOSAL] [--mine] [--status S] [--overdue]. */
static int
cmd_task_list(struct cmd_ctx *ctx, struct cmd_task_opts *o, int argc,
    char **argv)
{
	const struct cmd_entry	*e = cmd_find("task");
	json_t			*args, *r, *v;
	const char		*op, *key;
	int64_t			 id = -1, after = -1;
	size_t			 j, shown = 0;
	bool			 tasks;
	int			 rc;

	if (argc > 1 || o->weight != NULL || o->due != NULL ||
	    o->owner != NULL || o->progress != NULL || o->title != NULL)
		return (cmd_usage(e));
	if (argc == 1 && cmd_id("proposal", argv[0], &id) != 0)
		return (EXIT_USAGE);
	tasks = o->mine || o->overdue || o->status != NULL;
	if (id > 0 && !tasks)
		return (cmd_task_show(ctx, id));
	op = tasks ? "tasks" : "progress";
	key = tasks ? "tasks" : "initiatives";
	for (;;) {
		args = json_pack("{s:I}", "limit", (json_int_t)200);
		if (after >= 0)
			json_object_set_new(args, "after", json_integer(after));
		if (id > 0)
			json_object_set_new(args, "proposal", json_integer(id));
		if (o->mine)
			json_object_set_new(args, "mine", json_true());
		if (o->overdue)
			json_object_set_new(args, "overdue", json_true());
		if (o->status != NULL)
			json_object_set_new(args, "status",
			    json_string(o->status));
		rc = cmd_call(ctx, op, args, &r);
		json_decref(args);
		if (rc != 0)
			return (EXIT_FAIL);
		json_array_foreach(json_object_get(r, key), j, v) {
			if (ctx->json)
				cmd_print_json(ctx, v);
			else if (tasks) {
				if (shown == 0)
					cmd_task_header();
				cmd_task_print(ctx, v, true);
			} else
				cmd_task_initiative(ctx, v);
			shown++;
		}
		v = json_object_get(r, "next");
		if (!json_is_integer(v)) {
			json_decref(r);
			break;
		}
		after = json_integer_value(v);
		json_decref(r);
	}
	if (shown == 0 && !ctx->json)
		printf(tasks ? "No tasks match.\n" : "No initiatives yet: a "
		    "proposal becomes one when it passes.\n");
	return (EXIT_OK);
}

/* task add PROPOSAL TITLE [--weight N] [--due DATE] [--owner LOGIN]. */
static int
cmd_task_add(struct cmd_ctx *ctx, struct cmd_task_opts *o, int argc,
    char **argv)
{
	json_t	*args, *r;
	int64_t	 id;
	int	 rc;

	if (argc != 2 || o->mine || o->overdue || o->status != NULL ||
	    o->progress != NULL || o->title != NULL)
		return (cmd_usage(cmd_find("task")));
	if (cmd_id("proposal", argv[0], &id) != 0)
		return (EXIT_USAGE);
	args = json_pack("{s:I,s:s}", "proposal", (json_int_t)id, "title",
	    argv[1]);
	if (cmd_task_fields(o, args, false) != 0) {
		json_decref(args);
		return (EXIT_USAGE);
	}
	rc = cmd_call(ctx, "task-add", args, &r);
	json_decref(args);
	if (rc != 0)
		return (EXIT_FAIL);
	if (ctx->json)
		cmd_print_json(ctx, r);
	else
		printf("Added task %lld to #%lld.\n", (long long)cmd_int(r,
		    "id"), (long long)id);
	json_decref(r);
	return (EXIT_OK);
}

/* task take ID, task update ID [...]. */
static int
cmd_task_change(struct cmd_ctx *ctx, struct cmd_task_opts *o, int argc,
    char **argv, bool update)
{
	json_t	*args, *r;
	int64_t	 id;
	int	 rc;

	if (argc != 1 || o->mine || o->overdue || (!update &&
	    (o->weight != NULL || o->due != NULL || o->owner != NULL ||
	    o->status != NULL || o->progress != NULL || o->title != NULL)))
		return (cmd_usage(cmd_find("task")));
	if (cmd_id("task", argv[0], &id) != 0)
		return (EXIT_USAGE);
	args = json_pack("{s:I}", "id", (json_int_t)id);
	if (update && cmd_task_fields(o, args, true) != 0) {
		json_decref(args);
		return (EXIT_USAGE);
	}
	rc = cmd_call(ctx, update ? "task-update" : "task-take", args, &r);
	json_decref(args);
	if (rc != 0)
		return (EXIT_FAIL);
	if (ctx->json)
		cmd_print_json(ctx, r);
	else if (update)
		printf("Task %lld is %s, %lld%% done.\n", (long long)id,
		    cmd_str(r, "status"), (long long)cmd_int(r, "progress"));
	else
		printf("Task %lld is yours (#%lld).\n", (long long)id,
		    (long long)cmd_int(r, "proposal"));
	json_decref(r);
	return (EXIT_OK);
}

int
cmd_task_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "weight", required_argument, NULL, 'w' },
		{ "due", required_argument, NULL, 'd' },
		{ "owner", required_argument, NULL, 'o' },
		{ "status", required_argument, NULL, 's' },
		{ "progress", required_argument, NULL, 'p' },
		{ "title", required_argument, NULL, 't' },
		{ "mine", no_argument, NULL, 'm' },
		{ "overdue", no_argument, NULL, 'O' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd_entry	*e = cmd_find("task");
	struct cmd_task_opts	 o;
	const char		*sub;
	int			 i;

	memset(&o, 0, sizeof o);
	i = cmd_parse(ctx, e, argc, argv, longopts, "w:d:o:s:p:t:m",
	    cmd_task_opt, &o);
	if (i < 0)
		return (i == -2 ? EXIT_OK : EXIT_USAGE);
	if (i == argc)
		return (cmd_usage(e));
	sub = argv[i++];
	if (strcmp(sub, "add") == 0)
		return (cmd_task_add(ctx, &o, argc - i, argv + i));
	if (strcmp(sub, "list") == 0)
		return (cmd_task_list(ctx, &o, argc - i, argv + i));
	if (strcmp(sub, "take") == 0)
		return (cmd_task_change(ctx, &o, argc - i, argv + i, false));
	if (strcmp(sub, "update") == 0)
		return (cmd_task_change(ctx, &o, argc - i, argv + i, true));
	fprintf(stderr, "moot task: \"%s\" is not add, list, take or "
	    "update\n", sub);
	return (cmd_usage(e));
}
