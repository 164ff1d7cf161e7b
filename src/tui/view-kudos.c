/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The kudos a member received, newest first, opened from the members
 * view: a line with their totals (received, given), then one row per
 * kudos: when, from whom, the note and what it is about. Notes are
 * member text and go through tui_text() like everything else.
 *
 * Rows come a page at a time by key (the kudos id). Live: kudos.given
 * makes the view stale; it reloads what it had.
 */
#include <stdlib.h>
#include <string.h>

#include "moot/util.h"
#include "../cli/moot.h"
#include "tui.h"

#define VIEW_KUDOS_PAGE		100
#define VIEW_KUDOS_MAX		1000	/* rows in one reload */

struct view_kudos {
	struct tui_pages pg;		/* the kudos loaded, by id */
	char		*member;	/* whose */
	int64_t		 received;	/* -1: not known yet */
	int64_t		 given;
};

static char *
view_kudos_title(struct view *v)
{
	struct view_kudos	*d = v->data;

	return (xasprintf("kudos to %s", d->member));
}

/* The rows of a page (appended), or of a reload (replacing). */
static void
view_kudos_loaded_cb(struct view *v, json_t *result, const char *code,
    const char *message, json_t *ctx)
{
	struct view_kudos	*d = v->data;

	(void)code;
	if (result != NULL) {
		d->received = json_integer_value(json_object_get(result,
		    "received"));
		d->given = json_integer_value(json_object_get(result,
		    "given"));
	}
	tui_pages_loaded(&d->pg, json_is_true(ctx), result != NULL ?
	    json_object_get(result, "kudos") : NULL, result != NULL ?
	    json_object_get(result, "next") : NULL, message, v->rows - 1,
	    true);
}

static void
view_kudos_load(struct view *v, bool append)
{
	struct view_kudos	*d = v->data;
	json_t			*args;
	size_t			 limit;

	limit = tui_pages_asking(&d->pg, append, VIEW_KUDOS_PAGE,
	    VIEW_KUDOS_MAX);
	args = json_pack("{s:s,s:I}", "member", d->member, "limit",
	    (json_int_t)limit);
	if (append)
		json_object_set(args, "after", d->pg.next);
	if (tui_request(v, "kudos-list", args, view_kudos_loaded_cb,
	    json_boolean(append)) != 0)
		tui_pages_unasked(&d->pg, append);
	json_decref(args);
}

static void
view_kudos_reload(struct view *v)
{
	view_kudos_load(v, false);
}

/* Set up from {"member": LOGIN}. */
static void
view_kudos_init(struct view *v, json_t *arg)
{
	struct view_kudos	*d;
	const char		*member;

	member = json_string_value(json_object_get(arg, "member"));
	d = xcalloc(1, sizeof *d);
	v->data = d;
	d->member = xstrdup(member != NULL ? member : "?");
	d->received = -1;
	tui_pages_init(&d->pg, "id");
	view_kudos_load(v, false);
}

static void
view_kudos_free(struct view *v)
{
	struct view_kudos	*d = v->data;

	tui_pages_free(&d->pg);
	free(d->member);
	free(d);
}

static void
view_kudos_draw(struct view *v, WINDOW *w, int rows, int cols)
{
	struct view_kudos	*d = v->data;
	json_t			*row;
	size_t			 i;
	int			 y, ww = 10, fw = 10, x;
	bool			 sel;
	const char		*about;
	char			*when;

	if (d->pg.error != NULL) {
		tui_text(w, 0, 0, cols, d->pg.error, S_ERROR);
		return;
	}
	if (!d->pg.loaded) {
		tui_text(w, 0, 0, cols, "loading...", S_DIM);
		return;
	}
	tui_textf(w, 0, 0, cols, S_BOLD, "%s received %lld kudos and gave "
	    "%lld", d->member, (long long)d->received, (long long)d->given);
	if (d->pg.list.n == 0) {
		tui_text(w, 1, 0, cols, "no kudos yet", S_DIM);
		return;
	}
	tui_list_show(&d->pg.list, rows - 1);
	for (y = 1, i = d->pg.list.top; i < d->pg.list.n && y < rows;
	    i++, y++) {
		row = json_array_get(d->pg.rows, i);
		sel = i == d->pg.list.cur;
		if (sel)
			tui_fill(w, y, 0, cols, S_SELECTED);
		when = tui_ago(json_integer_value(json_object_get(row, "ts")));
		tui_text(w, y, 0, ww, when, sel ? S_SELECTED : S_DIM);
		free(when);
		tui_text(w, y, ww + 1, fw, json_string_value(json_object_get(
		    json_object_get(row, "from"), "name")), sel ? S_SELECTED :
		    S_BOLD);
		x = ww + fw + 2;
		about = json_string_value(json_object_get(row, "about"));
		tui_textf(w, y, x, cols - x, sel ? S_SELECTED : S_NORMAL,
		    "%s%s%s%s", json_is_string(json_object_get(row, "note")) ?
		    json_string_value(json_object_get(row, "note")) :
		    "(redacted)", about != NULL ? " (about " : "",
		    about != NULL ? about : "", about != NULL ? ")" : "");
	}
}

static bool
view_kudos_key(struct view *v, enum tui_action a, int key)
{
	struct view_kudos	*d = v->data;

	(void)key;
	switch (a) {
	case ACT_UP:
	case ACT_DOWN:
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN:
	case ACT_HOME:
	case ACT_END:
		if (tui_pages_move(&d->pg, a, v->rows - 1))
			view_kudos_load(v, true);
		return (true);
	default:
		return (false);
	}
}

static void
view_kudos_event(struct view *v, json_t *ev)
{
	const char	*type = json_string_value(json_object_get(ev, "type"));

	if (type != NULL && (strcmp(type, "kudos.given") == 0 ||
	    strcmp(type, "log.redacted") == 0)) {
		v->stale = true;
		v->dirty = true;
	}
}

static const struct tui_hint view_kudos_hints[] = {
	{ ACT_RELOAD, "reload" },
	{ ACT_VIEW_MEMBERS, "members" },
	{ ACT_HELP, "help" },
	{ ACT_BACK, "back" },
	{ ACT_NONE, NULL }
};

const struct view_ops view_kudos_ops = {
	.name = "kudos",
	.scope = "kudos",
	.hints = view_kudos_hints,
	.init = view_kudos_init,
	.free = view_kudos_free,
	.reload = view_kudos_reload,
	.draw = view_kudos_draw,
	.key = view_kudos_key,
	.event = view_kudos_event,
	.title = view_kudos_title,
};
