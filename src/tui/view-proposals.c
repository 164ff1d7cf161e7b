/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The proposals view, the first one: a list of proposals filtered by
 * state, sorted, searched with full-text search on the server. Rows are
 * loaded a page at a time by key (never all of them), so the first frame
 * costs the same on a community of ten proposals or of a hundred
 * thousand; more pages come as the cursor nears the end of what is
 * loaded.
 *
 * Live: an event about proposals, votes, ballots or comments makes the
 * view stale; it reloads the rows it had (in one request) and puts the
 * cursor back on the proposal it was on, wherever that row is now.
 *
 * Proposing starts here (and from any view: the global key): the title
 * on the bottom line, then the body in $VISUAL/$EDITOR. A refusal shows
 * the server's sentence and gives the title back on the bottom line,
 * with the body kept for the editor.
 */
#include <stdlib.h>
#include <string.h>

#include "moot/util.h"
#include "../cli/moot.h"
#include "tui.h"

#define VIEW_PROPOSALS_PAGE	100
#define VIEW_PROPOSALS_MAX	1000	/* rows in one reload */

static const char *const view_proposals_states[] = {
	"all", "discussion", "voting", "closed", "draft", "withdrawn"
};
static const char *const view_proposals_sorts[] = {
	"new", "activity", "closing", "comments"
};

struct view_proposals {
	struct tui_pages pg;		/* the proposals loaded, by id */
	int64_t		 total;		/* -1: not known */
	size_t		 state;		/* view_proposals_states[] */
	size_t		 sort;		/* view_proposals_sorts[] */
	char		*search;
	char		*author;	/* only this member's, or NULL */
};

static void	view_proposals_load(struct view *, bool);
void		view_proposals_title_cb(struct view *, const char *, json_t *);

static char *
view_proposals_title(struct view *v)
{
	struct view_proposals	*d = v->data;

	if (d->search != NULL)
		return (xasprintf("proposals%s%s matching \"%s\"",
		    d->author != NULL ? " by " : "", d->author != NULL ?
		    d->author : "", d->search));
	if (d->author != NULL)
		return (xasprintf("proposals by %s", d->author));
	return (xstrdup("proposals"));
}

/* The id of the row under the cursor, or 0. */
static int64_t
view_proposals_cur_id(struct view_proposals *d)
{
	return (json_integer_value(json_object_get(tui_pages_cur(&d->pg),
	    "id")));
}

/*
 * The rows of a page (or of a reload): appended, or replacing. The
 * cursor stays on the same proposal when rows come above it; the window
 * stays where it was, so that new rows at the top are seen.
 */
static void
view_proposals_loaded_cb(struct view *v, json_t *result, const char *code,
    const char *message, json_t *ctx)
{
	struct view_proposals	*d = v->data;

	(void)code;
	if (result != NULL && json_is_integer(json_object_get(result,
	    "total")))
		d->total = json_integer_value(json_object_get(result,
		    "total"));
	tui_pages_loaded(&d->pg, json_is_true(ctx), result != NULL ?
	    json_object_get(result, "proposals") : NULL, result != NULL ?
	    json_object_get(result, "next") : NULL, message, v->rows - 1,
	    false);
}

/* Ask for the rows: a reload of what is loaded, or the next page. */
static void
view_proposals_load(struct view *v, bool append)
{
	struct view_proposals	*d = v->data;
	json_t			*args;
	size_t			 limit;

	limit = tui_pages_asking(&d->pg, append, VIEW_PROPOSALS_PAGE,
	    VIEW_PROPOSALS_MAX);
	args = json_pack("{s:s,s:s,s:I}", "state",
	    view_proposals_states[d->state], "sort",
	    view_proposals_sorts[d->sort], "limit", (json_int_t)limit);
	if (d->search != NULL)
		json_object_set_new(args, "search", json_string(d->search));
	if (d->author != NULL)
		json_object_set_new(args, "author", json_string(d->author));
	/* The next page's key: an id, or a cursor of another sort. */
	if (append)
		json_object_set(args, json_is_integer(d->pg.next) ? "after" :
		    "cursor", d->pg.next);
	if (tui_request(v, "list", args, view_proposals_loaded_cb,
	    json_boolean(append)) != 0)
		tui_pages_unasked(&d->pg, append);
	json_decref(args);
}

static void
view_proposals_reload(struct view *v)
{
	view_proposals_load(v, false);
}

/* Start again from the top (a new filter, sort or search). */
static void
view_proposals_restart(struct view *v)
{
	struct view_proposals	*d = v->data;

	tui_pages_clear(&d->pg);
	d->total = -1;
	view_proposals_load(v, false);
}

static void
view_proposals_init(struct view *v, json_t *arg)
{
	struct view_proposals	*d;

	d = xcalloc(1, sizeof *d);
	v->data = d;
	tui_pages_init(&d->pg, "id");
	d->total = -1;
	if (arg != NULL)
		view_proposals_set(v, arg);
	else
		view_proposals_load(v, false);
}

static void
view_proposals_free(struct view *v)
{
	struct view_proposals	*d = v->data;

	tui_pages_free(&d->pg);
	free(d->search);
	free(d->author);
	free(d);
}

/* The words after the state: when it closes, its outcome, your ballot. */
static char *
view_proposals_info(json_t *row)
{
	const char	*state = json_string_value(json_object_get(row,
			    "state"));
	const char	*outcome = json_string_value(json_object_get(row,
			    "outcome"));
	char		*left, *s;

	if (state != NULL && strcmp(state, "voting") == 0) {
		left = tui_left(json_integer_value(json_object_get(row,
		    "closes_ts")));
		s = xasprintf("%s%s", left, json_is_string(json_object_get(row,
		    "my_ballot")) ? " voted" : "");
		free(left);
		return (s);
	}
	if (outcome != NULL)
		return (xstrdup(outcome));
	return (xstrdup(""));
}

static enum tui_style
view_proposals_style(json_t *row)
{
	const char	*state = json_string_value(json_object_get(row,
			    "state"));
	const char	*outcome = json_string_value(json_object_get(row,
			    "outcome"));

	if (state == NULL)
		return (S_NORMAL);
	if (strcmp(state, "voting") == 0)
		return (S_ACTIVE);
	if (outcome != NULL && strcmp(outcome, "passed") == 0)
		return (S_GOOD);
	if (outcome != NULL)
		return (S_BAD);
	if (strcmp(state, "withdrawn") == 0 || strcmp(state, "draft") == 0)
		return (S_DIM);
	return (S_NORMAL);
}

static void
view_proposals_draw(struct view *v, WINDOW *w, int rows, int cols)
{
	struct view_proposals	*d = v->data;
	json_t			*row;
	size_t			 i;
	int			 y, x, tw, iw = 12, aw = 10;
	char			*info, *head;
	bool			 sel;
	const char		*title;

	head = xasprintf("state: %s  sort: %s%s%s%s  %s",
	    view_proposals_states[d->state], view_proposals_sorts[d->sort],
	    d->search != NULL ? "  search: \"" : "",
	    d->search != NULL ? d->search : "",
	    d->search != NULL ? "\"" : "",
	    d->total >= 0 ? "" : "");
	x = tui_text(w, 0, 0, cols, head, S_BOLD);
	free(head);
	if (d->total >= 0) {
		head = xasprintf("%zu of %lld", d->pg.list.n == 0 ? 0 :
		    d->pg.list.cur + 1, (long long)d->total);
		if (x + 2 + (int)strlen(head) < cols)
			tui_text(w, 0, cols - (int)strlen(head),
			    (int)strlen(head), head, S_DIM);
		free(head);
	}
	if (d->pg.error != NULL) {
		tui_text(w, 1, 0, cols, d->pg.error, S_ERROR);
		return;
	}
	if (!d->pg.loaded) {
		tui_text(w, 1, 0, cols, "loading...", S_DIM);
		return;
	}
	if (d->pg.list.n == 0) {
		tui_text(w, 1, 0, cols, d->search != NULL ?
		    "no proposal matches" : "no proposals here yet (p to "
		    "propose one)", S_DIM);
		return;
	}
	tui_list_show(&d->pg.list, rows - 1);
	if (cols < 70) {
		aw = 8;
		iw = 10;
	}
	tw = cols - 7 - 11 - aw - 1 - iw - 1;
	for (y = 1, i = d->pg.list.top; i < d->pg.list.n && y < rows; i++, y++) {
		row = json_array_get(d->pg.rows, i);
		sel = i == d->pg.list.cur;
		if (sel)
			tui_fill(w, y, 0, cols, S_SELECTED);
		tui_textf(w, y, 0, 7, sel ? S_SELECTED : S_DIM, "#%-5lld",
		    (long long)json_integer_value(json_object_get(row, "id")));
		tui_text(w, y, 7, 11, json_string_value(json_object_get(row,
		    "state")), sel ? S_SELECTED : view_proposals_style(row));
		title = json_string_value(json_object_get(row, "title"));
		tui_text(w, y, 18, tw, json_is_true(json_object_get(row,
		    "redacted")) ? "(redacted)" : title, sel ? S_SELECTED :
		    S_NORMAL);
		tui_text(w, y, 18 + tw + 1, aw, json_string_value(
		    json_object_get(row, "author")), sel ? S_SELECTED : S_DIM);
		info = view_proposals_info(row);
		tui_text(w, y, cols - iw, iw, info, sel ? S_SELECTED :
		    view_proposals_style(row));
		free(info);
	}
}

/* The search typed on the bottom line. */
static void
view_proposals_search_cb(struct view *v, const char *text, json_t *ctx)
{
	struct view_proposals	*d = v->data;

	(void)ctx;
	free(d->search);
	d->search = text[strspn(text, " \t")] != '\0' ? xstrdup(text) : NULL;
	view_proposals_restart(v);
}

static bool
view_proposals_key(struct view *v, enum tui_action a, int key)
{
	struct view_proposals	*d = v->data;
	json_t			*arg;

	(void)key;
	switch (a) {
	case ACT_UP:
	case ACT_DOWN:
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN:
	case ACT_HOME:
	case ACT_END:
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
		if (a == ACT_SEARCH_NEXT)
			a = ACT_DOWN;
		if (a == ACT_SEARCH_PREV)
			a = ACT_UP;
		/* More rows as the cursor nears the end of the loaded. */
		if (tui_pages_move(&d->pg, a, v->rows - 1))
			view_proposals_load(v, true);
		return (true);
	case ACT_ENTER:
		if (d->pg.list.n == 0)
			return (true);
		arg = json_pack("{s:I}", "id",
		    (json_int_t)view_proposals_cur_id(d));
		view_open(v->tui, &view_proposal_ops, arg);
		json_decref(arg);
		return (true);
	case ACT_SEARCH:
		tui_prompt(v, "search: ", d->search, view_proposals_search_cb,
		    NULL);
		return (true);
	case ACT_FILTER:
		d->state = (d->state + 1) % MOOT_NITEMS(view_proposals_states);
		view_proposals_restart(v);
		return (true);
	case ACT_SORT:
		d->sort = (d->sort + 1) % MOOT_NITEMS(view_proposals_sorts);
		view_proposals_restart(v);
		return (true);
	default:
		return (false);
	}
}

/* Proposals, votes, ballots and comments change the list. */
static void
view_proposals_event(struct view *v, json_t *ev)
{
	const char	*type = json_string_value(json_object_get(ev, "type"));

	if (type == NULL)
		return;
	if (strncmp(type, "proposal.", 9) == 0 ||
	    strncmp(type, "vote.", 5) == 0 ||
	    strncmp(type, "ballot.", 7) == 0 ||
	    strncmp(type, "comment.", 8) == 0 ||
	    strcmp(type, "log.redacted") == 0) {
		v->stale = true;
		v->dirty = true;
	}
}

/* Countdowns of open votes tick. */
static bool
view_proposals_ticking(struct view *v)
{
	struct view_proposals	*d = v->data;
	json_t			*row;
	size_t			 i;

	for (i = d->pg.list.top; i < d->pg.list.n && i < d->pg.list.top +
	    (size_t)v->rows; i++) {
		row = json_array_get(d->pg.rows, i);
		if (json_is_integer(json_object_get(row, "closes_ts")))
			return (true);
	}
	return (false);
}

/*
 * Apply {"search": W}, {"filter": STATE}, {"sort": KEY} (the command
 * line) or {"author": NAME} (from the members view), refusing unknown
 * states and sorts with a sentence.
 */
void
view_proposals_set(struct view *v, json_t *arg)
{
	struct view_proposals	*d = v->data;
	const char		*s;
	size_t			 i;

	if ((s = json_string_value(json_object_get(arg, "search"))) != NULL) {
		free(d->search);
		d->search = s[strspn(s, " \t")] != '\0' ? xstrdup(s) : NULL;
	}
	if ((s = json_string_value(json_object_get(arg, "author"))) != NULL) {
		free(d->author);
		d->author = xstrdup(s);
	}
	if ((s = json_string_value(json_object_get(arg, "filter"))) != NULL) {
		for (i = 0; i < MOOT_NITEMS(view_proposals_states); i++) {
			if (strcmp(s, view_proposals_states[i]) == 0)
				break;
		}
		if (i == MOOT_NITEMS(view_proposals_states)) {
			tui_status(v->tui, S_ERROR, "no state \"%s\": all, "
			    "discussion, voting, closed, draft or withdrawn",
			    s);
			return;
		}
		d->state = i;
	}
	if ((s = json_string_value(json_object_get(arg, "sort"))) != NULL) {
		for (i = 0; i < MOOT_NITEMS(view_proposals_sorts); i++) {
			if (strcmp(s, view_proposals_sorts[i]) == 0)
				break;
		}
		if (i == MOOT_NITEMS(view_proposals_sorts)) {
			tui_status(v->tui, S_ERROR, "no sort \"%s\": new, "
			    "activity, closing or comments", s);
			return;
		}
		d->sort = i;
	}
	view_proposals_restart(v);
}

/* The proposal was written: show it. */
static void
view_proposals_proposed_cb(struct view *v, json_t *result, const char *code,
    const char *message, json_t *ctx)
{
	json_t	*arg;

	(void)code;
	if (result == NULL) {
		/* Refused: the sentence, and the title back to fix. */
		tui_prompt(v, "title: ", json_string_value(json_object_get(ctx,
		    "title")), view_proposals_title_cb, json_incref(ctx));
		tui_status(v->tui, S_ERROR, "%s", message);
		return;
	}
	tui_status(v->tui, S_STATUS, "you proposed #%lld",
	    (long long)json_integer_value(json_object_get(result, "id")));
	arg = json_pack("{s:I}", "id", json_integer_value(json_object_get(
	    result, "id")));
	view_open(v->tui, &view_proposal_ops, arg);
	json_decref(arg);
}

/* The body, written in the editor. */
static void
view_proposals_body_cb(struct view *v, char *body, json_t *ctx)
{
	json_t	*args;

	json_object_set_new(ctx, "body", json_string(body));
	args = json_pack("{s:O,s:s}", "title", json_object_get(ctx, "title"),
	    "body", body);
	tui_request(v, "propose", args, view_proposals_proposed_cb,
	    json_incref(ctx));
	json_decref(args);
}

/* The title typed: now the body in the editor (what was kept, if any). */
void
view_proposals_title_cb(struct view *v, const char *text, json_t *ctx)
{
	json_t	*c;

	if (text[strspn(text, " \t")] == '\0') {
		tui_status(v->tui, S_STATUS, "no title: nothing was proposed");
		return;
	}
	c = ctx != NULL ? json_deep_copy(ctx) : json_object();
	json_object_set_new(c, "title", json_string(text));
	tui_edit(v, json_string_value(json_object_get(c, "body")),
	    view_proposals_body_cb, c);
}

/* Propose, from any view: the title on the bottom line first. */
void
view_proposals_propose(struct view *v)
{
	tui_prompt(v, "title: ", NULL, view_proposals_title_cb, NULL);
}

static const struct tui_hint view_proposals_hints[] = {
	{ ACT_ENTER, "open" },
	{ ACT_PROPOSE, "propose" },
	{ ACT_SEARCH, "search" },
	{ ACT_FILTER, "filter" },
	{ ACT_SORT, "sort" },
	{ ACT_VIEW_MEMBERS, "members" },
	{ ACT_VIEW_LOG, "log" },
	{ ACT_HELP, "help" },
	{ ACT_BACK, "quit" },
	{ ACT_NONE, NULL }
};

const struct view_ops view_proposals_ops = {
	.name = "proposals",
	.scope = "proposals",
	.hints = view_proposals_hints,
	.init = view_proposals_init,
	.free = view_proposals_free,
	.reload = view_proposals_reload,
	.draw = view_proposals_draw,
	.key = view_proposals_key,
	.event = view_proposals_event,
	.ticking = view_proposals_ticking,
	.title = view_proposals_title,
};
