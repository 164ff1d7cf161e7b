/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The progress view: every initiative (a passed proposal that has, or
 * may have, tasks), newest first, each with a bar of its progress (the
 * weighted mean of its tasks, as the server computes it), how many of
 * its tasks are done and how many are overdue, which stand out in the
 * bad style and with a "!" that shows without colour too. A line below
 * the list gives the selected initiative's counts by status in full.
 * Enter opens the initiative's board (view-board.c).
 *
 * Rows come a page at a time by key (the proposal id), more as the
 * cursor nears the end of what is loaded. Live: task events and closed
 * votes (a proposal that passes becomes an initiative) make the view
 * stale; it reloads what it had and keeps the cursor on its initiative.
 */
#include <stdlib.h>
#include <string.h>

#include "moot/util.h"
#include "../cli/moot.h"
#include "tui.h"

#define VIEW_PROGRESS_PAGE	100
#define VIEW_PROGRESS_MAX	1000	/* rows in one reload */

struct view_progress {
	struct tui_pages pg;		/* the initiatives loaded, by id */
};

static void	view_progress_load(struct view *, bool);

static char *
view_progress_title(struct view *v)
{
	(void)v;
	return (xstrdup("progress"));
}

/* The integer member key of o, or 0. */
static int64_t
view_progress_int(json_t *o, const char *key)
{
	return (json_integer_value(json_object_get(o, key)));
}

/* An initiative's title, or a word for a redacted one (borrowed). */
static const char *
view_progress_name(json_t *row)
{
	const char	*s = json_string_value(json_object_get(row, "title"));

	return (s != NULL ? s : "(redacted)");
}

/* The rows the list has in a window of rows rows (a header, a footer). */
static int
view_progress_list_rows(int rows)
{
	int	n = rows - 1 - (rows > 4 ? 1 : 0);

	return (n > 1 ? n : 1);
}

/* The rows of a page (appended), or of a reload (replacing). */
static void
view_progress_loaded_cb(struct view *v, json_t *result, const char *code,
    const char *message, json_t *ctx)
{
	struct view_progress	*d = v->data;

	(void)code;
	tui_pages_loaded(&d->pg, json_is_true(ctx), result != NULL ?
	    json_object_get(result, "initiatives") : NULL, result != NULL ?
	    json_object_get(result, "next") : NULL, message,
	    view_progress_list_rows(v->rows), true);
}

/* Ask for the rows: a reload of what is loaded, or the next page. */
static void
view_progress_load(struct view *v, bool append)
{
	struct view_progress	*d = v->data;
	json_t			*args;
	size_t			 limit;

	limit = tui_pages_asking(&d->pg, append, VIEW_PROGRESS_PAGE,
	    VIEW_PROGRESS_MAX);
	args = json_pack("{s:I}", "limit", (json_int_t)limit);
	if (append)
		json_object_set(args, "after", d->pg.next);
	if (tui_request(v, "progress", args, view_progress_loaded_cb,
	    json_boolean(append)) != 0)
		tui_pages_unasked(&d->pg, append);
	json_decref(args);
}

static void
view_progress_reload(struct view *v)
{
	view_progress_load(v, false);
}

static void
view_progress_init(struct view *v, json_t *arg)
{
	struct view_progress	*d;

	(void)arg;
	d = xcalloc(1, sizeof *d);
	v->data = d;
	tui_pages_init(&d->pg, "id");
	view_progress_load(v, false);
}

static void
view_progress_free(struct view *v)
{
	struct view_progress	*d = v->data;

	tui_pages_free(&d->pg);
	free(d);
}

/* The selected initiative in full, for the line below the list. Caller
 * frees. */
static char *
view_progress_line(json_t *row)
{
	json_t	*st = json_object_get(row, "status");
	int64_t	 overdue = view_progress_int(row, "overdue");

	if (view_progress_int(row, "tasks") == 0)
		return (xasprintf("#%lld %s: no tasks yet (Enter, then a to "
		    "add one)", (long long)view_progress_int(row, "id"),
		    view_progress_name(row)));
	return (xasprintf("#%lld %s: %lld%% of %lld tasks; %lld todo, %lld "
	    "doing, %lld blocked, %lld done; %lld overdue",
	    (long long)view_progress_int(row, "id"), view_progress_name(row),
	    (long long)view_progress_int(row, "progress"),
	    (long long)view_progress_int(row, "tasks"),
	    (long long)view_progress_int(st, "todo"),
	    (long long)view_progress_int(st, "doing"),
	    (long long)view_progress_int(st, "blocked"),
	    (long long)view_progress_int(st, "done"), (long long)overdue));
}

/*
 * Draw in w. A row: "#id title [bar] pct done/tasks !N overdue"; the
 * title takes what the fixed columns leave.
 */
static void
view_progress_draw(struct view *v, WINDOW *w, int rows, int cols)
{
	struct view_progress	*d = v->data;
	json_t			*row, *st;
	size_t			 i;
	int			 y, x, tw, bw, dw, ow, lr;
	int64_t			 overdue, pct;
	bool			 sel, wide = cols >= 78;
	char			*s;

	if (d->pg.error != NULL) {
		tui_text(w, 0, 0, cols, d->pg.error, S_ERROR);
		return;
	}
	if (!d->pg.loaded) {
		tui_text(w, 0, 0, cols, "loading...", S_DIM);
		return;
	}
	if (d->pg.list.n == 0) {
		tui_text(w, 0, 0, cols, "no initiatives yet: a proposal "
		    "becomes one when it passes", S_DIM);
		return;
	}
	bw = wide ? 20 : 12;
	dw = wide ? 10 : 6;
	ow = wide ? 11 : 4;
	tw = cols - 6 - (bw + 2) - 5 - dw - ow - 4;
	if (tw < 4)
		tw = 4;

	tui_fill(w, 0, 0, cols, S_BOLD);
	tui_text(w, 0, 0, 6, "id", S_BOLD);
	tui_text(w, 0, 6, tw, "initiative", S_BOLD);
	x = 6 + tw + 1;
	tui_text(w, 0, x, bw + 2 + 5, "progress", S_BOLD);
	x += bw + 2 + 5 + 1;
	tui_text(w, 0, x, dw, "done", S_BOLD);
	x += dw + 1;
	tui_text(w, 0, x, ow, wide ? "overdue" : "late", S_BOLD);

	lr = view_progress_list_rows(rows);
	tui_list_show(&d->pg.list, lr);
	for (y = 1, i = d->pg.list.top; i < d->pg.list.n && y <= lr;
	    i++, y++) {
		row = json_array_get(d->pg.rows, i);
		st = json_object_get(row, "status");
		sel = i == d->pg.list.cur;
		overdue = view_progress_int(row, "overdue");
		pct = view_progress_int(row, "progress");
		if (sel)
			tui_fill(w, y, 0, cols, S_SELECTED);
		tui_textf(w, y, 0, 6, sel ? S_SELECTED : S_DIM, "#%-5lld",
		    (long long)view_progress_int(row, "id"));
		tui_text(w, y, 6, tw, view_progress_name(row), sel ?
		    S_SELECTED : S_BOLD);
		x = 6 + tw + 1;
		tui_text(w, y, x, 1, "[", sel ? S_SELECTED : S_DIM);
		tui_bar(w, y, x + 1, bw, (double)pct / 100, -1, -1, S_BAR);
		tui_text(w, y, x + 1 + bw, 1, "]", sel ? S_SELECTED : S_DIM);
		tui_textf(w, y, x + bw + 2, 5, sel ? S_SELECTED :
		    pct == 100 ? S_GOOD : S_NORMAL, "%4lld%%", (long long)pct);
		x += bw + 2 + 5 + 1;
		if (view_progress_int(row, "tasks") == 0)
			tui_text(w, y, x, dw, "no tasks", sel ? S_SELECTED :
			    S_DIM);
		else
			tui_textf(w, y, x, dw, sel ? S_SELECTED : S_NORMAL,
			    "%lld/%lld", (long long)view_progress_int(st,
			    "done"), (long long)view_progress_int(row,
			    "tasks"));
		x += dw + 1;
		if (overdue > 0)
			tui_textf(w, y, x, ow, S_BAD, wide ? "!%lld overdue" :
			    "!%lld", (long long)overdue);
	}
	if (rows > 4 && (row = tui_pages_cur(&d->pg)) != NULL) {
		s = view_progress_line(row);
		tui_text(w, rows - 1, 0, cols, s, view_progress_int(row,
		    "overdue") > 0 ? S_BAD : S_DIM);
		free(s);
	}
}

static bool
view_progress_key(struct view *v, enum tui_action a, int key)
{
	struct view_progress	*d = v->data;
	json_t			*row, *arg;

	(void)key;
	switch (a) {
	case ACT_UP:
	case ACT_DOWN:
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN:
	case ACT_HOME:
	case ACT_END:
		if (tui_pages_move(&d->pg, a, view_progress_list_rows(v->rows)))
			view_progress_load(v, true);
		return (true);
	case ACT_ENTER:
		if ((row = tui_pages_cur(&d->pg)) == NULL)
			return (true);
		arg = json_pack("{s:O}", "id", json_object_get(row, "id"));
		view_open(v->tui, &view_board_ops, arg);
		json_decref(arg);
		return (true);
	default:
		return (false);
	}
}

/* Tasks change the bars; a closed vote may add an initiative. */
static void
view_progress_event(struct view *v, json_t *ev)
{
	const char	*type = json_string_value(json_object_get(ev, "type"));

	if (type == NULL)
		return;
	if (strncmp(type, "task.", 5) == 0 ||
	    strcmp(type, "vote.closed") == 0 ||
	    strcmp(type, "log.redacted") == 0) {
		v->stale = true;
		v->dirty = true;
	}
}

static const struct tui_hint view_progress_hints[] = {
	{ ACT_ENTER, "board" },
	{ ACT_RELOAD, "reload" },
	{ ACT_VIEW_PROPOSALS, "proposals" },
	{ ACT_VIEW_MEMBERS, "members" },
	{ ACT_HELP, "help" },
	{ ACT_BACK, "back" },
	{ ACT_NONE, NULL }
};

const struct view_ops view_progress_ops = {
	.name = "progress",
	.scope = "progress",
	.hints = view_progress_hints,
	.init = view_progress_init,
	.free = view_progress_free,
	.reload = view_progress_reload,
	.draw = view_progress_draw,
	.key = view_progress_key,
	.event = view_progress_event,
	.title = view_progress_title,
};
