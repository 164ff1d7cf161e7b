/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The disputes view: the queue of disputes by age, oldest first, as a
 * moderator works through it, with each one's state, outcome, parties,
 * moderator and age. A key cycles the state shown (all, active, open,
 * assigned, resolved, appealed, final), another keeps only the disputes
 * assigned to the reader; the header line has the server's counts per
 * state and of those assigned to the reader. Enter opens the dispute
 * (view-dispute.c).
 *
 * Disputes are not opened here: they are about something, so they are
 * opened from it (the report key of the proposal and members views).
 *
 * Rows come a page at a time by key (id), more as the cursor nears the
 * end of what is loaded. Live: every dispute.* and sanction.* event
 * makes the view stale; it reloads the rows it had in one request and
 * puts the cursor back on the dispute it was on. Names and the about
 * reference are drawn only through tui_text().
 */
#include <stdlib.h>
#include <string.h>

#include "moot/util.h"
#include "../cli/moot.h"
#include "tui.h"

#define VIEW_DISPUTES_PAGE	100
#define VIEW_DISPUTES_MAX	1000	/* rows in one reload */

static const char *const view_disputes_states[] = {
	"all", "active", "open", "assigned", "resolved", "appealed", "final"
};

/* The counts of the header, in the order shown. */
static const char *const view_disputes_counted[] = {
	"open", "assigned", "resolved", "appealed", "final"
};

struct view_disputes {
	struct tui_pages pg;		/* the disputes loaded, by id */
	size_t		 state;		/* view_disputes_states[] */
	bool		 mine;		/* assigned to the reader only */
	json_t		*counts;	/* the server's, or NULL */
};

static void	view_disputes_load(struct view *, bool);

/* The header's title. Caller frees. */
static char *
view_disputes_title(struct view *v)
{
	struct view_disputes	*d = v->data;

	return (xstrdup(d->mine ? "disputes assigned to you" : "disputes"));
}

/* The string member key of o, or def. */
static const char *
view_disputes_str(json_t *o, const char *key, const char *def)
{
	const char	*s = json_string_value(json_object_get(o, key));

	return (s != NULL ? s : def);
}

/* The reply to a reload or a page. */
static void
view_disputes_loaded_cb(struct view *v, json_t *result, const char *code,
    const char *message, json_t *ctx)
{
	struct view_disputes	*d = v->data;

	(void)code;
	if (result != NULL && json_is_object(json_object_get(result,
	    "counts"))) {
		json_decref(d->counts);
		d->counts = json_incref(json_object_get(result, "counts"));
	}
	tui_pages_loaded(&d->pg, json_is_true(ctx), result != NULL ?
	    json_object_get(result, "disputes") : NULL, result != NULL ?
	    json_object_get(result, "next") : NULL, message, v->rows - 2,
	    true);
}

/* Ask for the rows: a reload of what is loaded, or the next page. */
static void
view_disputes_load(struct view *v, bool append)
{
	struct view_disputes	*d = v->data;
	json_t			*args;
	size_t			 limit;

	limit = tui_pages_asking(&d->pg, append, VIEW_DISPUTES_PAGE,
	    VIEW_DISPUTES_MAX);
	args = json_pack("{s:I}", "limit", (json_int_t)limit);
	if (d->state != 0)
		json_object_set_new(args, "state", json_string(
		    view_disputes_states[d->state]));
	if (d->mine)
		json_object_set_new(args, "mine", json_string("assigned"));
	if (append)
		json_object_set(args, "after", d->pg.next);
	if (tui_request(v, "disputes", args, view_disputes_loaded_cb,
	    json_boolean(append)) != 0)
		tui_pages_unasked(&d->pg, append);
	json_decref(args);
}

static void
view_disputes_reload(struct view *v)
{
	view_disputes_load(v, false);
}

/* Start again from the top (a new filter). */
static void
view_disputes_restart(struct view *v)
{
	struct view_disputes	*d = v->data;

	tui_pages_clear(&d->pg);
	view_disputes_load(v, false);
	tui_dirty(v->tui);
}

static void
view_disputes_init(struct view *v, json_t *arg)
{
	struct view_disputes	*d;

	(void)arg;
	d = xcalloc(1, sizeof *d);
	v->data = d;
	tui_pages_init(&d->pg, "id");
	view_disputes_load(v, false);
}

static void
view_disputes_free(struct view *v)
{
	struct view_disputes	*d = v->data;

	tui_pages_free(&d->pg);
	json_decref(d->counts);
	free(d);
}

/* How a dispute's state looks: waiting for someone, or done. */
static enum tui_style
view_disputes_style(json_t *row)
{
	const char	*state = view_disputes_str(row, "state", "");
	const char	*outcome = view_disputes_str(row, "outcome", "");

	if (strcmp(state, "open") == 0 || strcmp(state, "appealed") == 0)
		return (S_ACTIVE);
	if (strcmp(outcome, "upheld") == 0)
		return (S_BAD);
	if (strcmp(state, "final") == 0 || strcmp(state, "resolved") == 0)
		return (S_DIM);
	return (S_NORMAL);
}

/* The header line: the filter and the server's counts. */
static void
view_disputes_head(struct view *v, WINDOW *w, int cols)
{
	struct view_disputes	*d = v->data;
	struct buf		 b;
	size_t			 i;
	char			*s;

	buf_init(&b);
	/* The "mine" filter is in the title; this fits 80 columns. */
	buf_addf(&b, "state: %s", view_disputes_states[d->state]);
	if (d->counts != NULL) {
		for (i = 0; i < MOOT_NITEMS(view_disputes_counted); i++)
			buf_addf(&b, "  %s %lld", view_disputes_counted[i],
			    (long long)json_integer_value(json_object_get(
			    d->counts, view_disputes_counted[i])));
		buf_addf(&b, "  yours %lld",
		    (long long)json_integer_value(json_object_get(d->counts,
		    "assigned_to_me")));
	}
	buf_addc(&b, '\0');
	s = buf_steal(&b, NULL);
	tui_text(w, 0, 0, cols, s, S_BOLD);
	free(s);
}

static void
view_disputes_draw(struct view *v, WINDOW *w, int rows, int cols)
{
	struct view_disputes	*d = v->data;
	json_t			*row, *who;
	size_t			 i;
	int			 y, nw, x;
	char			*age;
	bool			 sel;
	enum tui_style		 st;

	view_disputes_head(v, w, cols);
	if (d->pg.error != NULL) {
		tui_text(w, 1, 0, cols, d->pg.error, S_ERROR);
		return;
	}
	if (!d->pg.loaded) {
		tui_text(w, 1, 0, cols, "loading...", S_DIM);
		return;
	}
	/* id 6, state 9, outcome 10, about 14, names, age 5. */
	nw = (cols - 6 - 9 - 10 - 14 - 5) / 3;
	if (nw < 4)
		nw = 4;
	x = 6 + 9 + 10 + 14;
	tui_text(w, 1, 0, cols, "id    state    outcome   about", S_DIM);
	tui_text(w, 1, x, nw, "opener", S_DIM);
	tui_text(w, 1, x + nw, nw, "subject", S_DIM);
	tui_text(w, 1, x + 2 * nw, nw, "moderator", S_DIM);
	tui_text(w, 1, cols - 4, 4, "age", S_DIM);
	if (d->pg.list.n == 0) {
		tui_text(w, 2, 0, cols, d->mine ? "no dispute is assigned to "
		    "you" : "no disputes here (! reports a proposal, a comment "
		    "or a member)", S_DIM);
		return;
	}
	tui_list_show(&d->pg.list, rows - 2);
	for (y = 2, i = d->pg.list.top; i < d->pg.list.n && y < rows;
	    i++, y++) {
		row = json_array_get(d->pg.rows, i);
		sel = i == d->pg.list.cur;
		st = sel ? S_SELECTED : S_NORMAL;
		if (sel)
			tui_fill(w, y, 0, cols, S_SELECTED);
		tui_textf(w, y, 0, 6, sel ? S_SELECTED : S_DIM, "#%-5lld",
		    (long long)json_integer_value(json_object_get(row, "id")));
		tui_text(w, y, 6, 8, view_disputes_str(row, "state", "?"),
		    sel ? S_SELECTED : view_disputes_style(row));
		tui_text(w, y, 15, 9, view_disputes_str(row, "outcome", "-"),
		    st);
		tui_text(w, y, 25, 13, view_disputes_str(row, "about", "?"),
		    st);
		who = json_object_get(row, "opener");
		tui_text(w, y, x, nw - 1, view_disputes_str(who, "name", "?"),
		    st);
		who = json_object_get(row, "subject");
		tui_text(w, y, x + nw, nw - 1, view_disputes_str(who, "name",
		    "-"), st);
		who = json_object_get(row, "moderator");
		tui_text(w, y, x + 2 * nw, nw - 1, view_disputes_str(who,
		    "name", "-"), sel ? S_SELECTED : S_DIM);
		age = tui_ago(json_integer_value(json_object_get(row,
		    "created_ts")));
		tui_text(w, y, cols - 4, 4, age, sel ? S_SELECTED : S_DIM);
		free(age);
	}
}

static bool
view_disputes_key(struct view *v, enum tui_action a, int key)
{
	struct view_disputes	*d = v->data;
	json_t			*arg;

	(void)key;
	switch (a) {
	case ACT_UP:
	case ACT_DOWN:
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN:
	case ACT_HOME:
	case ACT_END:
		/* More rows as the cursor nears the end of the loaded. */
		if (tui_pages_move(&d->pg, a, v->rows - 2))
			view_disputes_load(v, true);
		return (true);
	case ACT_ENTER:
		if (d->pg.list.n == 0)
			return (true);
		arg = json_pack("{s:O}", "id", json_object_get(
		    tui_pages_cur(&d->pg), "id"));
		view_open(v->tui, &view_dispute_ops, arg);
		json_decref(arg);
		return (true);
	case ACT_FILTER:
		d->state = (d->state + 1) % MOOT_NITEMS(view_disputes_states);
		view_disputes_restart(v);
		return (true);
	case ACT_MINE:
		d->mine = !d->mine;
		view_disputes_restart(v);
		return (true);
	default:
		return (false);
	}
}

/* Every dispute and sanction event may change the queue or a count. */
static void
view_disputes_event(struct view *v, json_t *ev)
{
	const char	*type = json_string_value(json_object_get(ev, "type"));

	if (type == NULL)
		return;
	if (strncmp(type, "dispute.", 8) == 0 ||
	    strncmp(type, "sanction.", 9) == 0 ||
	    strcmp(type, "role.changed") == 0) {
		v->stale = true;
		v->dirty = true;
	}
}

static const struct tui_hint view_disputes_hints[] = {
	{ ACT_ENTER, "open" },
	{ ACT_FILTER, "state" },
	{ ACT_MINE, "mine" },
	{ ACT_VIEW_PROPOSALS, "proposals" },
	{ ACT_VIEW_MEMBERS, "members" },
	{ ACT_HELP, "help" },
	{ ACT_BACK, "back" },
	{ ACT_NONE, NULL }
};

const struct view_ops view_disputes_ops = {
	.name = "disputes",
	.scope = "disputes",
	.hints = view_disputes_hints,
	.init = view_disputes_init,
	.free = view_disputes_free,
	.reload = view_disputes_reload,
	.draw = view_disputes_draw,
	.key = view_disputes_key,
	.event = view_disputes_event,
	.title = view_disputes_title,
};
