/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The board of one initiative: its progress bar and counts, then its
 * tasks by status (todo, doing, blocked, done): four columns side by
 * side on a terminal of 80 columns or more, one list grouped by status
 * below that. Each task shows its title (cut by cells), owner,
 * progress and due date; an overdue task is drawn in the bad style
 * with a "!" before it, so that it stands out without colour too. The
 * two lines at the bottom give the selected task in full. A key turns
 * the board into the initiative's dated timeline (its tasks' events,
 * oldest first, more pages as the reader nears the end) and back.
 *
 * The cursor runs through the tasks in board order (by status, then
 * id); up and down cross from one status to the next, left and right
 * jump between statuses. It stays on its task (by id) across reloads.
 *
 * Acting: take the selected task, set its status, set its progress
 * (0 to 100, on the bottom line), add a task (its title on the bottom
 * line). The bottom line offers what the reader's role and the task
 * allow (taking an unowned task; updating one's own, or any as a
 * moderator; adding as the proposal's author or a moderator); the core
 * still decides, and a refusal shows its sentence on the status line
 * and gives back what was typed.
 *
 * Live: the initiative's task events make it stale.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "moot/core.h"
#include "moot/util.h"
#include "../cli/moot.h"
#include "tui.h"

#define VIEW_BOARD_WIDE		80	/* columns for the four columns */
#define VIEW_BOARD_FOOT		2	/* lines for the selected task */
#define VIEW_BOARD_TOP		3	/* lines above the tasks */

static const char *const view_board_states[] = {
	"todo", "doing", "blocked", "done"
};
#define VIEW_BOARD_NSTATES	MOOT_NITEMS(view_board_states)

struct view_board {
	int64_t		 id;		/* the proposal */
	json_t		*p;		/* the progress reply */
	json_t		*order;		/* the tasks in board order */
	size_t		 first[VIEW_BOARD_NSTATES];	/* per status */
	size_t		 count[VIEW_BOARD_NSTATES];
	json_t		*timeline;
	json_t		*timeline_next;
	int64_t		 author_uid;	/* of the proposal, or -1 */
	char		*error;
	bool		 paging;	/* more timeline on its way */

	size_t		 cur;		/* in order */
	int64_t		 cur_id;	/* its task, kept across reloads */
	size_t		 top[VIEW_BOARD_NSTATES];	/* first shown, per
							 * column */
	size_t		 ltop;		/* first line shown, as a list */

	bool		 timeline_shown;
	struct tui_list	 tl;

	struct tui_hint	 hints[12];
	size_t		 nhints;
};

static void	view_board_load(struct view *, bool);
static void	view_board_progress_cb(struct view *, const char *, json_t *);
static void	view_board_title_cb(struct view *, const char *, json_t *);

static char *
view_board_title(struct view *v)
{
	struct view_board	*d = v->data;
	const char		*title;

	title = json_string_value(json_object_get(d->p, "title"));
	if (d->p != NULL && title != NULL)
		return (xasprintf("#%lld %s", (long long)d->id, title));
	return (xasprintf("initiative #%lld", (long long)d->id));
}

static int64_t
view_board_int(json_t *o, const char *key)
{
	return (json_integer_value(json_object_get(o, key)));
}

/* The string member key of o, or def (borrowed). */
static const char *
view_board_str(json_t *o, const char *key, const char *def)
{
	const char	*s = json_string_value(json_object_get(o, key));

	return (s != NULL ? s : def);
}

/* The status index of a task (todo for anything unknown). */
static size_t
view_board_state(json_t *task)
{
	const char	*s = view_board_str(task, "status", "todo");
	size_t		 k;

	for (k = 0; k < VIEW_BOARD_NSTATES; k++) {
		if (strcmp(s, view_board_states[k]) == 0)
			return (k);
	}
	return (0);
}

/* The selected task (borrowed), or NULL. */
static json_t *
view_board_cur(struct view_board *d)
{
	return (json_array_get(d->order, d->cur));
}

/* The status index of the cursor's task. */
static size_t
view_board_cur_state(struct view_board *d)
{
	size_t	k;

	for (k = VIEW_BOARD_NSTATES; k > 0; k--) {
		if (d->count[k - 1] != 0 && d->cur >= d->first[k - 1])
			return (k - 1);
	}
	return (0);
}

/* Put the tasks of the reply in board order; the cursor on its task. */
static void
view_board_sort(struct view_board *d)
{
	json_t	*task;
	size_t	 i, k, n = 0;

	json_decref(d->order);
	d->order = json_array();
	for (k = 0; k < VIEW_BOARD_NSTATES; k++) {
		d->first[k] = n;
		d->count[k] = 0;
		json_array_foreach(json_object_get(d->p, "task_list"), i,
		    task) {
			if (view_board_state(task) != k)
				continue;
			json_array_append(d->order, task);
			d->count[k]++;
			n++;
		}
	}
	if (d->cur >= n)
		d->cur = n > 0 ? n - 1 : 0;
	json_array_foreach(d->order, i, task) {
		if (view_board_int(task, "id") == d->cur_id) {
			d->cur = i;
			break;
		}
	}
	d->cur_id = view_board_int(view_board_cur(d), "id");
}

/* The initiative, with its tasks and the first page of its timeline; or
 * (ctx true) the next page of the timeline. */
static void
view_board_loaded_cb(struct view *v, json_t *result, const char *code,
    const char *message, json_t *ctx)
{
	struct view_board	*d = v->data;
	bool			 append = json_is_true(ctx);

	(void)code;
	if (append)
		d->paging = false;
	if (result == NULL) {
		if (d->p == NULL) {
			free(d->error);
			d->error = xstrdup(message);
		} else
			tui_status(v->tui, S_ERROR, "%s", message);
		return;
	}
	free(d->error);
	d->error = NULL;
	json_decref(d->timeline_next);
	d->timeline_next = json_incref(json_object_get(result,
	    "timeline_next"));
	if (append) {
		json_array_extend(d->timeline, json_object_get(result,
		    "timeline"));
	} else {
		json_decref(d->p);
		d->p = json_incref(result);
		json_decref(d->timeline);
		d->timeline = json_array();
		json_array_extend(d->timeline, json_object_get(result,
		    "timeline"));
		view_board_sort(d);
	}
	d->tl.n = json_array_size(d->timeline);
	tui_list_show(&d->tl, v->rows - 1);
	tui_dirty(v->tui);
}

/* The proposal's author, for the hint to add a task. */
static void
view_board_author_cb(struct view *v, json_t *result, const char *code,
    const char *message, json_t *ctx)
{
	struct view_board	*d = v->data;

	(void)code;
	(void)message;
	(void)ctx;
	if (result != NULL && json_is_integer(json_object_get(result,
	    "author_uid")))
		d->author_uid = view_board_int(result, "author_uid");
}

/* Ask for the initiative, or (append) the timeline's next page. */
static void
view_board_load(struct view *v, bool append)
{
	struct view_board	*d = v->data;
	json_t			*args;

	args = json_pack("{s:I}", "id", (json_int_t)d->id);
	if (append) {
		if (d->paging || !json_is_integer(d->timeline_next)) {
			json_decref(args);
			return;
		}
		json_object_set(args, "after", d->timeline_next);
		d->paging = true;
	}
	if (tui_request(v, "progress", args, view_board_loaded_cb,
	    json_boolean(append)) != 0 && append)
		d->paging = false;
	json_decref(args);
}

static void
view_board_reload(struct view *v)
{
	view_board_load(v, false);
}

/* Set up from {"id": N}; ask for the initiative and its author. */
static void
view_board_init(struct view *v, json_t *arg)
{
	struct view_board	*d;
	json_t			*args;

	d = xcalloc(1, sizeof *d);
	v->data = d;
	d->id = view_board_int(arg, "id");
	d->author_uid = -1;
	d->order = json_array();
	d->timeline = json_array();
	d->timeline_next = json_null();
	view_board_load(v, false);
	args = json_pack("{s:I,s:i}", "id", (json_int_t)d->id, "limit", 1);
	tui_request(v, "show", args, view_board_author_cb, NULL);
	json_decref(args);
}

static void
view_board_free(struct view *v)
{
	struct view_board	*d = v->data;

	json_decref(d->p);
	json_decref(d->order);
	json_decref(d->timeline);
	json_decref(d->timeline_next);
	free(d->error);
	free(d);
}

/* A due time in fmt (strftime), local time. Caller frees. */
static char *
view_board_due(int64_t ms, const char *fmt)
{
	char		 buf[64];
	struct tm	 tm;
	time_t		 tt = (time_t)(ms / 1000);

	if (localtime_r(&tt, &tm) == NULL ||
	    strftime(buf, sizeof buf, fmt, &tm) == 0)
		return (xstrdup("?"));
	return (xstrdup(buf));
}

/* How a task is drawn: overdue stands out, done is good. */
static enum tui_style
view_board_style(json_t *task)
{
	if (json_is_true(json_object_get(task, "overdue")))
		return (S_BAD);
	if (view_board_state(task) == 3)
		return (S_GOOD);
	return (S_NORMAL);
}

/* The owner, progress and due date of a task, in few cells. Caller
 * frees. */
static char *
view_board_meta(json_t *task, const char *fmt)
{
	char	*due, *s;

	due = json_is_integer(json_object_get(task, "due_ts")) ?
	    view_board_due(view_board_int(task, "due_ts"), fmt) : NULL;
	s = xasprintf("%s %lld%%%s%s", view_board_str(task, "owner", "-"),
	    (long long)view_board_int(task, "progress"), due != NULL ?
	    " due " : "", due != NULL ? due : "");
	free(due);
	return (s);
}

/* The header: the bar, the percentage and the counts. */
static void
view_board_draw_head(struct view_board *d, WINDOW *w, int cols)
{
	json_t	*st = json_object_get(d->p, "status");
	int64_t	 pct = view_board_int(d->p, "progress");
	int64_t	 overdue = view_board_int(d->p, "overdue");
	int	 bw = cols >= VIEW_BOARD_WIDE ? 30 : 20, x;

	tui_text(w, 0, 0, 1, "[", S_DIM);
	tui_bar(w, 0, 1, bw, (double)pct / 100, -1, -1, S_BAR);
	tui_text(w, 0, bw + 1, 1, "]", S_DIM);
	x = bw + 2;
	x += tui_textf(w, 0, x, cols - x, pct == 100 ? S_GOOD : S_BOLD,
	    " %lld%%", (long long)pct);
	x += tui_textf(w, 0, x, cols - x, S_NORMAL, "  %lld tasks: %lld "
	    "done, %lld blocked", (long long)view_board_int(d->p, "tasks"),
	    (long long)view_board_int(st, "done"),
	    (long long)view_board_int(st, "blocked"));
	if (overdue > 0)
		tui_textf(w, 0, x, cols - x, S_BAD, "  !%lld overdue",
		    (long long)overdue);
}

/* Four columns side by side, two lines per task. */
static void
view_board_draw_columns(struct view_board *d, WINDOW *w, int rows, int cols)
{
	json_t		*task;
	size_t		 k, i, cap, sel_k = view_board_cur_state(d);
	int		 cw = (cols - 3) / 4, x, y, area;
	bool		 sel;
	enum tui_style	 st;
	char		*s;

	area = rows - VIEW_BOARD_TOP - VIEW_BOARD_FOOT;
	cap = area >= 2 ? (size_t)area / 2 : 1;
	for (k = 0; k < VIEW_BOARD_NSTATES; k++) {
		x = (int)k * (cw + 1);
		if (k > 0) {
			for (y = 2; y < rows - VIEW_BOARD_FOOT; y++)
				tui_text(w, y, x - 1, 1, "|", S_DIM);
		}
		tui_textf(w, 2, x, cw, S_BOLD, "%s (%zu)",
		    view_board_states[k], d->count[k]);
		/* The column with the cursor scrolls to keep it shown. */
		if (k == sel_k && d->count[k] != 0) {
			i = d->cur - d->first[k];
			if (i < d->top[k])
				d->top[k] = i;
			if (i >= d->top[k] + cap)
				d->top[k] = i - cap + 1;
		}
		if (d->top[k] >= d->count[k])
			d->top[k] = 0;
		for (i = d->top[k], y = VIEW_BOARD_TOP; i < d->count[k] &&
		    y + 1 < rows - VIEW_BOARD_FOOT + 1 &&
		    i < d->top[k] + cap; i++, y += 2) {
			task = json_array_get(d->order, d->first[k] + i);
			sel = d->first[k] + i == d->cur;
			st = sel ? S_SELECTED : view_board_style(task);
			if (sel) {
				tui_fill(w, y, x, cw, S_SELECTED);
				tui_fill(w, y + 1, x, cw, S_SELECTED);
			}
			tui_textf(w, y, x, cw, st, "%s%lld %s",
			    json_is_true(json_object_get(task, "overdue")) ?
			    "!" : "#", (long long)view_board_int(task, "id"),
			    view_board_str(task, "title", "(redacted)"));
			s = view_board_meta(task, "%m-%d");
			tui_textf(w, y + 1, x, cw, sel ? S_SELECTED : S_DIM,
			    " %s", s);
			free(s);
		}
		if (d->count[k] > d->top[k] + cap)
			tui_textf(w, rows - VIEW_BOARD_FOOT - 1, x, cw, S_DIM,
			    "(%zu more)", d->count[k] - d->top[k] - cap);
	}
}

/* One list grouped by status: a header line per status, a line per
 * task. */
static void
view_board_draw_list(struct view_board *d, WINDOW *w, int rows, int cols)
{
	json_t		*task;
	size_t		 k, i, line, cur_line = 0, nlines, area;
	int		 y, mw = 26, tw;
	bool		 sel;
	enum tui_style	 st;
	char		*s;

	area = rows > VIEW_BOARD_FOOT + 2 ? (size_t)(rows - VIEW_BOARD_FOOT -
	    2) : 1;
	tw = cols - 8 - mw - 1;
	/* Where the cursor's line is: headers come before each status. */
	line = 0;
	for (k = 0; k < VIEW_BOARD_NSTATES; k++) {
		line++;
		if (d->count[k] != 0 && d->cur >= d->first[k] &&
		    d->cur < d->first[k] + d->count[k])
			cur_line = line + d->cur - d->first[k];
		line += d->count[k];
	}
	nlines = line;
	if (cur_line < d->ltop)
		d->ltop = cur_line > 0 ? cur_line - 1 : 0;
	if (cur_line >= d->ltop + area)
		d->ltop = cur_line - area + 1;
	if (d->ltop + area > nlines)
		d->ltop = nlines > area ? nlines - area : 0;
	line = 0;
	y = 2;
	for (k = 0; k < VIEW_BOARD_NSTATES; k++) {
		if (line >= d->ltop && (size_t)(y - 2) < area)
			tui_textf(w, y++, 0, cols, S_BOLD, "%s (%zu)",
			    view_board_states[k], d->count[k]);
		line++;
		for (i = 0; i < d->count[k]; i++, line++) {
			if (line < d->ltop || (size_t)(y - 2) >= area)
				continue;
			task = json_array_get(d->order, d->first[k] + i);
			sel = d->first[k] + i == d->cur;
			st = sel ? S_SELECTED : view_board_style(task);
			if (sel)
				tui_fill(w, y, 0, cols, S_SELECTED);
			tui_textf(w, y, 0, 8, st, "  %s%-4lld",
			    json_is_true(json_object_get(task, "overdue")) ?
			    "!" : "#", (long long)view_board_int(task, "id"));
			tui_text(w, y, 8, tw, view_board_str(task, "title",
			    "(redacted)"), st);
			s = view_board_meta(task, "%Y-%m-%d");
			tui_text(w, y, 8 + tw + 1, mw, s, sel ? S_SELECTED :
			    S_DIM);
			free(s);
			y++;
		}
	}
}

/* The selected task in full, on the lines at the bottom. */
static void
view_board_draw_foot(struct view *v, WINDOW *w, int rows, int cols)
{
	struct view_board	*d = v->data;
	json_t			*task = view_board_cur(d);
	char			*s, *due, **lines;
	size_t			 n, k;

	if (task == NULL) {
		tui_text(w, rows - VIEW_BOARD_FOOT, 0, cols, "no tasks yet",
		    S_DIM);
		return;
	}
	due = json_is_integer(json_object_get(task, "due_ts")) ?
	    tui_when(v->tui, view_board_int(task, "due_ts")) :
	    xstrdup("none");
	s = xasprintf("task %lld: %s; %s, %lld%% done, weight %lld, owner "
	    "%s, due %s%s", (long long)view_board_int(task, "id"),
	    view_board_str(task, "title", "(redacted)"),
	    view_board_str(task, "status", "?"),
	    (long long)view_board_int(task, "progress"),
	    (long long)view_board_int(task, "weight"),
	    view_board_str(task, "owner", "none"), due,
	    json_is_true(json_object_get(task, "overdue")) ? " (OVERDUE)" :
	    "");
	lines = tui_wrap(s, cols, &n);
	for (k = 0; k < n && k < VIEW_BOARD_FOOT; k++)
		tui_text(w, rows - VIEW_BOARD_FOOT + (int)k, 0, cols,
		    lines[k], json_is_true(json_object_get(task, "overdue")) ?
		    S_BAD : S_DIM);
	tui_wrap_free(lines, n);
	free(due);
	free(s);
}

/* What an event of the timeline did, in words. Caller frees. */
static char *
view_board_event_words(json_t *e)
{
	const char	*type = view_board_str(e, "type", "?");
	const char	*ref = view_board_str(e, "ref", "");
	json_t		*body = json_object_get(e, "body");
	long long	 task = 0;
	struct buf	 b;

	if (strncmp(ref, "task:", 5) == 0)
		task = strtoll(ref + 5, NULL, 10);
	buf_init(&b);
	if (strcmp(type, "task.added") == 0)
		buf_addf(&b, "added task %lld", task);
	else if (strcmp(type, "task.taken") == 0)
		buf_addf(&b, "took task %lld", task);
	else if (strcmp(type, "task.updated") == 0)
		buf_addf(&b, "updated task %lld", task);
	else
		buf_addf(&b, "%s %s", type, ref);
	if (json_is_null(body) || body == NULL) {
		buf_addf(&b, " (redacted)");
		return (buf_steal(&b, NULL));
	}
	if (json_is_string(json_object_get(body, "title")))
		buf_addf(&b, ": %s", view_board_str(body, "title", ""));
	if (json_is_string(json_object_get(body, "status")) &&
	    strcmp(type, "task.added") != 0)
		buf_addf(&b, ", %s", view_board_str(body, "status", ""));
	if (json_is_integer(json_object_get(body, "progress")) &&
	    strcmp(type, "task.added") != 0)
		buf_addf(&b, " %lld%%", (long long)view_board_int(body,
		    "progress"));
	if (json_is_object(json_object_get(body, "owner")))
		buf_addf(&b, ", owner %s", view_board_str(json_object_get(body,
		    "owner"), "name", "?"));
	return (buf_steal(&b, NULL));
}

/* The timeline: a line per event, oldest first. */
static void
view_board_draw_timeline(struct view *v, WINDOW *w, int rows, int cols)
{
	struct view_board	*d = v->data;
	json_t			*e;
	size_t			 i;
	int			 y, ww = 17, nw = 10;
	char			*when, *words;

	tui_text(w, 0, 0, cols, "Timeline (oldest first)", S_BOLD);
	if (d->tl.n == 0) {
		tui_text(w, 1, 0, cols, "no task events yet", S_DIM);
		return;
	}
	tui_list_show(&d->tl, rows - 1);
	for (y = 1, i = d->tl.top; i < d->tl.n && y < rows; i++, y++) {
		e = json_array_get(d->timeline, i);
		if (i == d->tl.cur)
			tui_fill(w, y, 0, cols, S_SELECTED);
		when = tui_when(v->tui, view_board_int(e, "ts"));
		tui_text(w, y, 0, ww, when, i == d->tl.cur ? S_SELECTED :
		    S_DIM);
		free(when);
		tui_text(w, y, ww + 1, nw, view_board_str(json_object_get(e,
		    "actor"), "name", "?"), i == d->tl.cur ? S_SELECTED :
		    S_BOLD);
		words = view_board_event_words(e);
		tui_text(w, y, ww + nw + 2, cols - ww - nw - 2, words,
		    i == d->tl.cur ? S_SELECTED : S_NORMAL);
		free(words);
	}
}

static void
view_board_draw(struct view *v, WINDOW *w, int rows, int cols)
{
	struct view_board	*d = v->data;

	if (d->p == NULL) {
		tui_text(w, 0, 0, cols, d->error != NULL ? d->error :
		    "loading...", d->error != NULL ? S_ERROR : S_DIM);
		return;
	}
	if (d->timeline_shown) {
		view_board_draw_timeline(v, w, rows, cols);
		return;
	}
	view_board_draw_head(d, w, cols);
	if (cols >= VIEW_BOARD_WIDE)
		view_board_draw_columns(d, w, rows, cols);
	else
		view_board_draw_list(d, w, rows, cols);
	view_board_draw_foot(v, w, rows, cols);
}

/* Whether the reader may update task (its owner, or a moderator). */
static bool
view_board_may_update(struct view *v, json_t *task)
{
	if (task == NULL || tui_my_role(v->tui) < ROLE_MEMBER)
		return (false);
	return (tui_my_role(v->tui) >= ROLE_MODERATOR ||
	    (json_is_integer(json_object_get(task, "owner_uid")) &&
	    view_board_int(task, "owner_uid") == tui_my_uid(v->tui)));
}

static void
view_board_hint_add(struct view_board *d, enum tui_action a,
    const char *word)
{
	if (d->nhints + 1 < MOOT_NITEMS(d->hints)) {
		d->hints[d->nhints].action = a;
		d->hints[d->nhints++].label = word;
	}
	d->hints[d->nhints].action = ACT_NONE;
}

/* The bottom line: what the reader may do with the selected task. */
static const struct tui_hint *
view_board_hints(struct view *v)
{
	struct view_board	*d = v->data;
	json_t			*task = view_board_cur(d);
	int			 role = tui_my_role(v->tui);

	d->nhints = 0;
	d->hints[0].action = ACT_NONE;
	if (d->p != NULL && !d->timeline_shown) {
		if (task != NULL && role >= ROLE_MEMBER &&
		    !json_is_string(json_object_get(task, "owner")) &&
		    view_board_state(task) != 3)
			view_board_hint_add(d, ACT_TAKE, "take");
		if (view_board_may_update(v, task)) {
			view_board_hint_add(d, ACT_TASK_DOING, "doing");
			view_board_hint_add(d, ACT_TASK_BLOCKED, "blocked");
			view_board_hint_add(d, ACT_TASK_DONE, "done");
			view_board_hint_add(d, ACT_TASK_PROGRESS, "progress");
		}
		if (role >= ROLE_MODERATOR || (role >= ROLE_MEMBER &&
		    d->author_uid == tui_my_uid(v->tui)))
			view_board_hint_add(d, ACT_ADD_TASK, "add");
	}
	if (d->p != NULL)
		view_board_hint_add(d, ACT_TIMELINE, d->timeline_shown ?
		    "board" : "timeline");
	view_board_hint_add(d, ACT_BACK, "back");
	return (d->hints);
}

/* A write was answered: its sentence (ctx), or the server's refusal. */
static void
view_board_done_cb(struct view *v, json_t *result, const char *code,
    const char *message, json_t *ctx)
{
	(void)code;
	if (result == NULL) {
		tui_status(v->tui, S_ERROR, "%s", message);
		return;
	}
	tui_status(v->tui, S_STATUS, "%s", json_string_value(ctx));
}

/* A typed value's request was answered: on refusal the text comes
 * back on the bottom line, with the sentence. */
static void
view_board_typed_cb(struct view *v, json_t *result, const char *code,
    const char *message, json_t *ctx)
{
	(void)code;
	if (result == NULL) {
		tui_prompt(v, view_board_str(ctx, "label", ""),
		    view_board_str(ctx, "text", ""),
		    json_is_string(json_object_get(ctx, "title")) ?
		    view_board_title_cb : view_board_progress_cb,
		    json_incref(ctx));
		tui_status(v->tui, S_ERROR, "%s", message);
		return;
	}
	if (json_is_string(json_object_get(ctx, "title")))
		tui_status(v->tui, S_STATUS, "you added task %lld to #%lld",
		    (long long)view_board_int(result, "id"),
		    (long long)view_board_int(result, "proposal"));
	else
		tui_status(v->tui, S_STATUS, "task %lld is %s, %lld%% done",
		    (long long)view_board_int(result, "id"),
		    view_board_str(result, "status", "?"),
		    (long long)view_board_int(result, "progress"));
}

/* The progress typed: a whole number from 0 to 100, or it comes back. */
static void
view_board_progress_cb(struct view *v, const char *text, json_t *ctx)
{
	json_t		*args, *c;
	const char	*p = text + strspn(text, " ");
	char		*end;
	long		 n;

	n = strtol(p, &end, 10);
	end += strspn(end, " %");
	if (*p == '\0' || *end != '\0' || n < 0 || n > 100) {
		tui_prompt(v, view_board_str(ctx, "label", ""), text,
		    view_board_progress_cb, json_incref(ctx));
		tui_status(v->tui, S_ERROR, "progress is a whole number from "
		    "0 to 100");
		return;
	}
	args = json_pack("{s:O,s:i}", "id", json_object_get(ctx, "id"),
	    "progress", (int)n);
	c = json_deep_copy(ctx);
	json_object_set_new(c, "text", json_string(text));
	tui_request(v, "task-update", args, view_board_typed_cb, c);
	json_decref(args);
}

/* The new task's title typed: add it. */
static void
view_board_title_cb(struct view *v, const char *text, json_t *ctx)
{
	struct view_board	*d = v->data;
	json_t			*args, *c;

	if (text[strspn(text, " ")] == '\0') {
		tui_status(v->tui, S_STATUS, "no title: no task was added");
		return;
	}
	args = json_pack("{s:I,s:s}", "proposal", (json_int_t)d->id,
	    "title", text);
	c = json_deep_copy(ctx);
	json_object_set_new(c, "title", json_string(text));
	json_object_set_new(c, "text", json_string(text));
	tui_request(v, "task-add", args, view_board_typed_cb, c);
	json_decref(args);
}

/* Take, or set the status of, the selected task. */
static void
view_board_act(struct view *v, enum tui_action a)
{
	struct view_board	*d = v->data;
	json_t			*task = view_board_cur(d), *args;
	long long		 id;
	const char		*status;
	char			*done;

	if (task == NULL) {
		tui_status(v->tui, S_ERROR, "no task selected");
		return;
	}
	id = (long long)view_board_int(task, "id");
	if (a == ACT_TAKE) {
		args = json_pack("{s:I}", "id", (json_int_t)id);
		done = xasprintf("you took task %lld", id);
		tui_request(v, "task-take", args, view_board_done_cb,
		    json_string(done));
		json_decref(args);
		free(done);
		return;
	}
	status = a == ACT_TASK_TODO ? "todo" : a == ACT_TASK_DOING ? "doing" :
	    a == ACT_TASK_BLOCKED ? "blocked" : "done";
	args = json_pack("{s:I,s:s}", "id", (json_int_t)id, "status", status);
	done = xasprintf("task %lld is %s", id, status);
	tui_request(v, "task-update", args, view_board_done_cb,
	    json_string(done));
	json_decref(args);
	free(done);
}

/* Move the cursor: through the board order, or between statuses. */
static void
view_board_move(struct view *v, enum tui_action a)
{
	struct view_board	*d = v->data;
	size_t			 n = json_array_size(d->order), k, i, page;

	if (d->timeline_shown) {
		tui_list_key(&d->tl, a, v->rows - 1);
		if (d->tl.cur + (size_t)v->rows >= d->tl.n)
			view_board_load(v, true);
		return;
	}
	if (n == 0)
		return;
	page = v->rows > 8 ? (size_t)(v->rows - 8) / 2 : 1;
	k = view_board_cur_state(d);
	i = d->cur - d->first[k];
	switch (a) {
	case ACT_UP:
		if (d->cur > 0)
			d->cur--;
		break;
	case ACT_DOWN:
		if (d->cur + 1 < n)
			d->cur++;
		break;
	case ACT_PAGE_UP:
		d->cur = d->cur > page ? d->cur - page : 0;
		break;
	case ACT_PAGE_DOWN:
		d->cur = d->cur + page < n ? d->cur + page : n - 1;
		break;
	case ACT_HOME:
		d->cur = 0;
		break;
	case ACT_END:
		d->cur = n - 1;
		break;
	case ACT_LEFT:
		while (k > 0 && d->count[--k] == 0)
			;
		if (d->count[k] != 0)
			d->cur = d->first[k] + (i < d->count[k] ? i :
			    d->count[k] - 1);
		break;
	case ACT_RIGHT:
		while (k + 1 < VIEW_BOARD_NSTATES && d->count[++k] == 0)
			;
		if (d->count[k] != 0)
			d->cur = d->first[k] + (i < d->count[k] ? i :
			    d->count[k] - 1);
		break;
	default:
		break;
	}
	d->cur_id = view_board_int(view_board_cur(d), "id");
}

static bool
view_board_key(struct view *v, enum tui_action a, int key)
{
	struct view_board	*d = v->data;
	json_t			*task = view_board_cur(d), *ctx;
	char			*label, *initial;

	(void)key;
	if (d->p == NULL)
		return (false);
	switch (a) {
	case ACT_UP:
	case ACT_DOWN:
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN:
	case ACT_HOME:
	case ACT_END:
	case ACT_LEFT:
	case ACT_RIGHT:
		view_board_move(v, a);
		return (true);
	case ACT_TIMELINE:
		d->timeline_shown = !d->timeline_shown;
		return (true);
	case ACT_TAKE:
	case ACT_TASK_TODO:
	case ACT_TASK_DOING:
	case ACT_TASK_BLOCKED:
	case ACT_TASK_DONE:
		if (d->timeline_shown)
			return (false);
		view_board_act(v, a);
		return (true);
	case ACT_TASK_PROGRESS:
		if (d->timeline_shown)
			return (false);
		if (task == NULL) {
			tui_status(v->tui, S_ERROR, "no task selected");
			return (true);
		}
		label = xasprintf("progress of task %lld (0-100): ",
		    (long long)view_board_int(task, "id"));
		initial = xasprintf("%lld", (long long)view_board_int(task,
		    "progress"));
		ctx = json_pack("{s:s,s:O}", "label", label, "id",
		    json_object_get(task, "id"));
		tui_prompt(v, label, initial, view_board_progress_cb, ctx);
		free(initial);
		free(label);
		return (true);
	case ACT_ADD_TASK:
		if (d->timeline_shown)
			return (false);
		label = xasprintf("new task for #%lld, title: ",
		    (long long)d->id);
		ctx = json_pack("{s:s}", "label", label);
		tui_prompt(v, label, NULL, view_board_title_cb, ctx);
		free(label);
		return (true);
	default:
		return (false);
	}
}

/* The initiative's task events (body.proposal), and redactions. */
static void
view_board_event(struct view *v, json_t *ev)
{
	struct view_board	*d = v->data;
	const char		*type;

	type = json_string_value(json_object_get(ev, "type"));
	if (type == NULL)
		return;
	if ((strncmp(type, "task.", 5) == 0 &&
	    view_board_int(json_object_get(ev, "body"), "proposal") == d->id) ||
	    strcmp(type, "log.redacted") == 0) {
		v->stale = true;
		v->dirty = true;
	}
}

const struct view_ops view_board_ops = {
	.name = "board",
	.scope = "board",
	.hints_for = view_board_hints,
	.init = view_board_init,
	.free = view_board_free,
	.reload = view_board_reload,
	.draw = view_board_draw,
	.key = view_board_key,
	.event = view_board_event,
	.title = view_board_title,
};
