/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The log view: every event of the governance log, newest at the top,
 * one row each (seq, how long ago, who, type, ref, a short summary of
 * the body), with the result of verifying the hash chain on the line
 * above. The reader's name for an actor is the one the server derived
 * from the uid; bodies are member text and reach the screen only
 * through tui_text() and tui_wrap().
 *
 * Rows come a page at a time by key, newest first: "before" a seq (the
 * first page before a seq larger than any), the next page before the
 * smallest seq loaded, as the cursor nears the end.
 *
 * Live: a pushed event is put on top without asking again; the cursor
 * stays on the same event, on the same screen row, and the line above
 * says how many newer rows are above the screen. A log.redacted event
 * makes the view stale: it reloads what it had so that the redacted row
 * changes. At most VIEW_LOG_KEEP rows are kept; the oldest go first.
 *
 * Enter opens the selected event's detail in a pane below the list: the
 * envelope, its hash and the body as indented JSON; Tab moves between
 * the panes and q closes the detail before it leaves the view. X asks a
 * leader for a reason and redacts the selected event's body.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "moot/core.h"
#include "moot/util.h"
#include "../cli/moot.h"
#include "tui.h"

#define VIEW_LOG_PAGE	100
#define VIEW_LOG_MAX	1000		/* rows in one reload */
#define VIEW_LOG_KEEP	5000		/* rows kept as events come */
#define VIEW_LOG_NEWEST	INT64_MAX	/* "before" for the newest page */

struct view_log {
	struct tui_pages	 pg;		/* events, newest first, by seq;
						 * next: older ones, seq < it */
	int64_t			 head;		/* the last seq known */

	char			*verify;	/* NULL: not answered yet */
	enum tui_style		 verify_style;

	bool			 detail;	/* the detail pane is open */
	bool			 focus;		/* on the detail pane */
	size_t			 dtop;		/* its first line shown */
	int64_t			 dseq;		/* the event it shows */
};

static void	view_log_load(struct view *, bool);
static void	view_log_reason_cb(struct view *, const char *, json_t *);

/* The header's title. Caller frees. */
static char *
view_log_title(struct view *v)
{
	return (xstrdup("log"));
}

/* The seq of event ev, or 0. */
static int64_t
view_log_seq(json_t *ev)
{
	return (json_integer_value(json_object_get(ev, "seq")));
}

/* The string member key of o, or "?". */
static const char *
view_log_str(json_t *o, const char *key)
{
	const char	*s = json_string_value(json_object_get(o, key));

	return (s != NULL ? s : "?");
}

/* The rows the list has in a window of rows rows (the rest: detail). */
static int
view_log_list_rows(struct view_log *d, int rows)
{
	int	n = rows - 1;

	if (d->detail) {
		n = (rows - 1) * 2 / 5;
		if (n < 3)
			n = 3;
	}
	return (n > 1 ? n : 1);
}

/* The lines the detail pane has in a window of rows rows. */
static int
view_log_detail_rows(struct view_log *d, int rows)
{
	int	n = rows - 1 - view_log_list_rows(d, rows) - 1;

	return (n > 1 ? n : 1);
}

/* A page of events (newest first), or a reload. */
static void
view_log_loaded_cb(struct view *v, json_t *result, const char *code,
    const char *message, json_t *ctx)
{
	struct view_log	*d = v->data;
	int64_t		 head;

	(void)code;
	head = json_integer_value(json_object_get(result, "head"));
	if (head > d->head)
		d->head = head;
	tui_pages_loaded(&d->pg, json_is_true(ctx), result != NULL ?
	    json_object_get(result, "events") : NULL, result != NULL ?
	    json_object_get(result, "next") : NULL, message,
	    view_log_list_rows(d, v->rows), true);
}

/* Ask for the rows: a reload of what is loaded, or the next older page. */
static void
view_log_load(struct view *v, bool append)
{
	struct view_log	*d = v->data;
	json_t		*args;
	size_t		 limit;

	limit = tui_pages_asking(&d->pg, append, VIEW_LOG_PAGE, VIEW_LOG_MAX);
	args = json_pack("{s:I,s:I}", "before", append ?
	    json_integer_value(d->pg.next) : (json_int_t)VIEW_LOG_NEWEST,
	    "limit", (json_int_t)limit);
	if (tui_request(v, "log", args, view_log_loaded_cb,
	    json_boolean(append)) != 0)
		tui_pages_unasked(&d->pg, append);
	json_decref(args);
}

/* Ask again for the rows loaded (the view was stale). */
static void
view_log_reload(struct view *v)
{
	view_log_load(v, false);
}

/* The answer to verify: the line above the list. */
static void
view_log_verified_cb(struct view *v, json_t *result, const char *code,
    const char *message, json_t *ctx)
{
	struct view_log	*d = v->data;
	const char	*status, *why, *warning, *head;
	int64_t		 events, redacted, bad;

	free(d->verify);
	if (result == NULL) {
		d->verify = xasprintf("could not verify the log: %s", message);
		d->verify_style = S_ERROR;
		return;
	}
	status = json_string_value(json_object_get(result, "status"));
	why = json_string_value(json_object_get(result, "message"));
	warning = json_string_value(json_object_get(result, "warning"));
	head = json_string_value(json_object_get(result, "head"));
	events = json_integer_value(json_object_get(result, "events"));
	redacted = json_integer_value(json_object_get(result, "redacted"));
	bad = json_integer_value(json_object_get(result, "bad_seq"));
	if (status != NULL && strcmp(status, "ok") == 0) {
		d->verify = xasprintf("log verified, chain intact: %lld "
		    "events (%lld redacted), head %.8s%s%s",
		    (long long)events, (long long)redacted,
		    head != NULL ? head : "?", warning != NULL ? "; " : "",
		    warning != NULL ? warning : "");
		d->verify_style = S_GOOD;
		return;
	}
	if (bad > 0)
		d->verify = xasprintf("log NOT verified (%s) at #%lld: %s",
		    status != NULL ? status : "?", (long long)bad,
		    why != NULL ? why : "?");
	else
		d->verify = xasprintf("log NOT verified (%s): %s",
		    status != NULL ? status : "?", why != NULL ? why : "?");
	d->verify_style = S_ERROR;
}

/* Set up (arg is unused) and ask the server for the first rows. */
static void
view_log_init(struct view *v, json_t *arg)
{
	struct view_log	*d;
	json_t		*args;

	d = xcalloc(1, sizeof *d);
	v->data = d;
	tui_pages_init(&d->pg, "seq");
	d->head = v->tui->seq;
	/* The chain only: `moot verify` also rebuilds the projections. */
	args = json_pack("{s:b}", "projections", false);
	tui_request(v, "verify", args, view_log_verified_cb, NULL);
	json_decref(args);
	view_log_load(v, false);
}

/* Free what the view holds; replies still on their way are dropped. */
static void
view_log_free(struct view *v)
{
	struct view_log	*d = v->data;

	tui_pages_free(&d->pg);
	free(d->verify);
	free(d);
}

/* The first line of s, or all of it. Caller frees. */
static char *
view_log_line(const char *s)
{
	if (s == NULL)
		return (xstrdup(""));
	return (xstrndup(s, strcspn(s, "\n")));
}

/* A body's string member key, its first line. Caller frees. */
static char *
view_log_field(json_t *body, const char *key)
{
	return (view_log_line(json_string_value(json_object_get(body, key))));
}

/*
 * A short summary of an event's body for its row; *dim says whether it
 * is a note about the body rather than the body. Caller frees.
 */
static char *
view_log_summary(json_t *ev, bool *dim)
{
	static const char *const keys[] = { "title", "reason", "body",
	    "name", NULL };
	json_t		*body = json_object_get(ev, "body"), *choice;
	const char	*type = json_string_value(json_object_get(ev, "type"));
	const char	*s;
	char		*line, *out;
	size_t		 i;

	*dim = true;
	if (json_is_integer(json_object_get(ev, "redacted_by")))
		return (xasprintf("(redacted by #%lld)", (long long)
		    json_integer_value(json_object_get(ev, "redacted_by"))));
	if ((s = json_string_value(json_object_get(ev, "withheld"))) != NULL)
		return (xasprintf("(withheld: %s)", s));
	if (!json_is_object(body) || type == NULL)
		return (xstrdup(""));
	*dim = false;
	if (strcmp(type, "ballot.cast") == 0) {
		choice = json_object_get(body, "choice");
		if (json_is_string(choice))
			return (view_log_line(json_string_value(choice)));
		if ((out = json_dumps(choice, JSON_COMPACT |
		    JSON_ENCODE_ANY)) != NULL)
			return (out);
		return (xstrdup(""));
	}
	if (strcmp(type, "vote.opened") == 0) {
		line = view_log_field(body, "rule");
		out = xasprintf("rule %s", line);
		free(line);
		return (out);
	}
	if (strcmp(type, "vote.closed") == 0) {
		line = view_log_field(body, "outcome");
		out = xasprintf("%s%s", line, json_is_true(json_object_get(body,
		    "early")) ? " (early)" : "");
		free(line);
		return (out);
	}
	if (strcmp(type, "vote.extended") == 0)
		return (xstrdup("no quorum at the deadline: runs on"));
	if (strcmp(type, "role.changed") == 0)
		return (xasprintf("%s: %s -> %s", view_log_str(body, "name"),
		    view_log_str(body, "previous"), view_log_str(body,
		    "role")));
	if (strcmp(type, "log.redacted") == 0) {
		line = view_log_field(body, "reason");
		out = xasprintf("#%lld: %s", (long long)json_integer_value(
		    json_object_get(body, "seq")), line);
		free(line);
		return (out);
	}
	if (strcmp(type, "agreement.changed") == 0) {
		line = view_log_field(body, "version");
		out = xasprintf("version %s", line);
		free(line);
		return (out);
	}
	if (strcmp(type, "rules.changed") == 0) {
		line = view_log_field(body, "cause");
		out = xasprintf("the rules changed%s%s", *line != '\0' ?
		    ", as " : "", line);
		free(line);
		return (out);
	}
	for (i = 0; keys[i] != NULL; i++) {
		if (json_is_string(json_object_get(body, keys[i])))
			return (view_log_field(body, keys[i]));
	}
	return (xstrdup(""));
}

/* Draw event ev as row y of the list. */
static void
view_log_draw_row(struct view *v, WINDOW *w, int y, int cols, json_t *ev,
    bool sel)
{
	struct view_log	*d = v->data;
	enum tui_style	 hl = d->focus ? S_BOLD : S_SELECTED;
	const char	*name;
	char		*ago, *summary;
	int		 x, aw = 10, tw = 18, rw = 12;
	bool		 dim;

	if (sel)
		tui_fill(w, y, 0, cols, hl);
	if (cols < 70)
		aw = 8;
	if (cols < 76)
		rw = 0;
	tui_textf(w, y, 0, 7, sel ? hl : S_DIM, "%6lld",
	    (long long)view_log_seq(ev));
	ago = tui_ago(json_integer_value(json_object_get(ev, "ts")));
	tui_text(w, y, 7, 5, ago, sel ? hl : S_DIM);
	free(ago);
	x = 12;
	name = json_string_value(json_object_get(json_object_get(ev, "actor"),
	    "name"));
	tui_text(w, y, x, aw, name != NULL ? name : "?", sel ? hl : S_BOLD);
	x += aw + 1;
	tui_text(w, y, x, tw, json_string_value(json_object_get(ev, "type")),
	    sel ? hl : S_NORMAL);
	x += tw + 1;
	if (rw > 0) {
		tui_text(w, y, x, rw, json_string_value(json_object_get(ev,
		    "ref")), sel ? hl : S_DIM);
		x += rw + 1;
	}
	summary = view_log_summary(ev, &dim);
	tui_text(w, y, x, cols - x, summary, sel ? hl : dim ? S_DIM :
	    S_NORMAL);
	free(summary);
}

/*
 * The detail of event ev as lines of at most width cells: envelope,
 * hash, and the body as indented JSON. Caller frees with
 * tui_wrap_free().
 */
static char **
view_log_detail_lines(struct view *v, json_t *ev, int width, size_t *n)
{
	json_t		*actor = json_object_get(ev, "actor");
	const char	*why;
	char		*when, *body, *text, **lines;

	when = tui_when(v->tui, json_integer_value(json_object_get(ev, "ts")));
	if (json_is_integer(json_object_get(ev, "redacted_by")))
		body = xasprintf("(redacted by event #%lld: the body is gone, "
		    "its hash stays in the chain)", (long long)
		    json_integer_value(json_object_get(ev, "redacted_by")));
	else if ((why = json_string_value(json_object_get(ev, "withheld"))) !=
	    NULL)
		body = xasprintf("(withheld: %s)", why);
	else if ((body = json_dumps(json_object_get(ev, "body"),
	    JSON_INDENT(2) | JSON_ENCODE_ANY)) == NULL)
		body = xstrdup("(no body)");
	text = xasprintf("#%lld  %s  %s\nby %s (uid %lld), %s\nhash %s\n\n%s",
	    (long long)view_log_seq(ev), view_log_str(ev, "type"),
	    view_log_str(ev, "ref"), view_log_str(actor, "name"),
	    (long long)json_integer_value(json_object_get(actor, "uid")), when,
	    view_log_str(ev, "hash"), body);
	lines = tui_wrap(text, width, n);
	free(text);
	free(body);
	free(when);
	return (lines);
}

/* The detail pane: from row y, rows rows, the selected event. */
static void
view_log_draw_detail(struct view *v, WINDOW *w, int y, int rows, int cols)
{
	struct view_log	*d = v->data;
	json_t		*ev = json_array_get(d->pg.rows, d->pg.list.cur);
	char		**lines, *keys;
	size_t		  n, i;
	int		  k;

	if (ev == NULL)
		return;
	if (view_log_seq(ev) != d->dseq) {
		d->dseq = view_log_seq(ev);
		d->dtop = 0;
	}
	tui_fill(w, y, 0, cols, d->focus ? S_HEADER : S_STATUS);
	keys = tui_keys_of("global", ACT_PANE);
	tui_textf(w, y, 0, cols, d->focus ? S_HEADER : S_STATUS,
	    " event #%lld  (%s: %s)", (long long)d->dseq, keys != NULL ?
	    keys : "?", d->focus ? "back to the list" : "scroll this");
	free(keys);
	lines = view_log_detail_lines(v, ev, cols - 1, &n);
	if (d->dtop + (size_t)rows > n)
		d->dtop = n > (size_t)rows ? n - (size_t)rows : 0;
	for (k = 0, i = d->dtop; i < n && k < rows; i++, k++)
		tui_text(w, y + 1 + k, 1, cols - 1, lines[i], k < 3 &&
		    i < 3 ? S_BOLD : S_NORMAL);
	tui_wrap_free(lines, n);
}

/* Draw the view in w, rows by cols cells. */
static void
view_log_draw(struct view *v, WINDOW *w, int rows, int cols)
{
	struct view_log	*d = v->data;
	json_t		*ev;
	size_t		 i;
	int		 y, lr, vw;
	char		*above;

	lr = view_log_list_rows(d, rows);
	tui_list_show(&d->pg.list, lr);
	/* Rows above the screen (newer, or just come) take the right. */
	vw = cols;
	if (d->pg.loaded && d->pg.list.top > 0) {
		above = xasprintf("%zu above", d->pg.list.top);
		vw = cols - (int)strlen(above) - 2;
		tui_text(w, 0, vw + 2, cols - vw - 2, above, S_ACTIVE);
		free(above);
	}
	tui_text(w, 0, 0, vw, d->verify != NULL ? d->verify :
	    "verifying the log...", d->verify != NULL ? d->verify_style :
	    S_DIM);
	if (d->pg.error != NULL) {
		tui_text(w, 1, 0, cols, d->pg.error, S_ERROR);
		return;
	}
	if (!d->pg.loaded) {
		tui_text(w, 1, 0, cols, "loading...", S_DIM);
		return;
	}
	if (d->pg.list.n == 0) {
		tui_text(w, 1, 0, cols, "the log is empty", S_DIM);
		return;
	}
	for (y = 1, i = d->pg.list.top; i < d->pg.list.n && y <= lr; i++, y++) {
		ev = json_array_get(d->pg.rows, i);
		view_log_draw_row(v, w, y, cols, ev, i == d->pg.list.cur);
	}
	if (!d->detail)
		return;
	view_log_draw_detail(v, w, 1 + lr, view_log_detail_rows(d, rows),
	    cols);
}

/* Scroll the detail pane for a moving action. */
static void
view_log_detail_key(struct view *v, enum tui_action a)
{
	struct view_log	*d = v->data;
	json_t		*ev = json_array_get(d->pg.rows, d->pg.list.cur);
	char		**lines;
	size_t		  n;

	if (ev == NULL)
		return;
	lines = view_log_detail_lines(v, ev, v->cols - 1, &n);
	tui_wrap_free(lines, n);
	tui_scroll(&d->dtop, n, view_log_detail_rows(d, v->rows), a);
}

/* Redact the selected event's body: a leader's, with a reason. */
static void
view_log_redact(struct view *v)
{
	struct view_log	*d = v->data;
	json_t		*ev = json_array_get(d->pg.rows, d->pg.list.cur);
	char		*label;
	int64_t		 seq = view_log_seq(ev);

	if (ev == NULL)
		return;
	if (tui_my_role(v->tui) < ROLE_LEADER) {
		tui_status(v->tui, S_ERROR, "only leaders can redact the log");
		return;
	}
	if (json_is_integer(json_object_get(ev, "redacted_by"))) {
		tui_status(v->tui, S_ERROR, "event #%lld is already redacted "
		    "(by event #%lld)", (long long)seq, (long long)
		    json_integer_value(json_object_get(ev, "redacted_by")));
		return;
	}
	label = xasprintf("reason for redacting #%lld: ", (long long)seq);
	tui_prompt(v, label, NULL, view_log_reason_cb, json_pack("{s:I}",
	    "seq", (json_int_t)seq));
	free(label);
}

/* The redaction was written, or refused: the reason back to fix. */
static void
view_log_redacted_cb(struct view *v, json_t *result, const char *code,
    const char *message, json_t *ctx)
{
	char	*label;
	int64_t	 seq = json_integer_value(json_object_get(ctx, "seq"));

	if (result == NULL) {
		label = xasprintf("reason for redacting #%lld: ",
		    (long long)seq);
		tui_prompt(v, label, json_string_value(json_object_get(ctx,
		    "reason")), view_log_reason_cb, json_pack("{s:I}", "seq",
		    (json_int_t)seq));
		free(label);
		tui_status(v->tui, S_ERROR, "%s", message);
		return;
	}
	tui_status(v->tui, S_STATUS, "you redacted event #%lld",
	    (long long)seq);
}

/* The reason typed: ask the server to redact. */
static void
view_log_reason_cb(struct view *v, const char *text, json_t *ctx)
{
	json_t	*args;
	int64_t	 seq = json_integer_value(json_object_get(ctx, "seq"));

	if (text[strspn(text, " \t")] == '\0') {
		tui_status(v->tui, S_STATUS, "no reason: nothing was redacted");
		return;
	}
	args = json_pack("{s:I,s:s}", "seq", (json_int_t)seq, "reason", text);
	tui_request(v, "redact", args, view_log_redacted_cb, json_pack(
	    "{s:I,s:s}", "seq", (json_int_t)seq, "reason", text));
	json_decref(args);
}

/* An action: moving, the panes, redacting; false if not ours. */
static bool
view_log_key(struct view *v, enum tui_action a, int key)
{
	struct view_log	*d = v->data;
	int		 lr = view_log_list_rows(d, v->rows);

	switch (a) {
	case ACT_UP:
	case ACT_DOWN:
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN:
	case ACT_HOME:
	case ACT_END:
		if (d->detail && d->focus) {
			view_log_detail_key(v, a);
			return (true);
		}
		/* Older rows as the cursor nears the end of the loaded. */
		if (tui_pages_move(&d->pg, a, lr))
			view_log_load(v, true);
		return (true);
	case ACT_ENTER:
		if (d->pg.list.n == 0)
			return (true);
		d->detail = true;
		d->focus = true;
		tui_list_show(&d->pg.list, view_log_list_rows(d, v->rows));
		return (true);
	case ACT_PANE:
		if (!d->detail)
			return (false);
		d->focus = !d->focus;
		return (true);
	case ACT_BACK:
		if (!d->detail)
			return (false);
		d->detail = false;
		d->focus = false;
		return (true);
	case ACT_REDACT:
		view_log_redact(v);
		return (true);
	default:
		return (false);
	}
}

/*
 * A pushed event: on top, the cursor kept on its event and screen row.
 * A redaction changes a row below: ask again.
 */
static void
view_log_event(struct view *v, json_t *ev)
{
	struct view_log	*d = v->data;
	const char	*type = json_string_value(json_object_get(ev, "type"));
	int64_t		 seq = view_log_seq(ev);

	if (seq > d->head)
		d->head = seq;
	if (type != NULL && strcmp(type, "log.redacted") == 0)
		v->stale = true;
	/* A reload on its way holds it already (replies come in order). */
	if (!d->pg.loaded || d->pg.loading || seq <= 0 ||
	    seq <= view_log_seq(json_array_get(d->pg.rows, 0)))
		return;
	json_array_insert(d->pg.rows, 0, ev);
	if (d->pg.list.n > 0) {
		d->pg.list.cur++;
		d->pg.list.top++;
	}
	/* Too many: the oldest go, and are the next page again. */
	while (json_array_size(d->pg.rows) > VIEW_LOG_KEEP) {
		json_array_remove(d->pg.rows, json_array_size(d->pg.rows) - 1);
		json_decref(d->pg.next);
		d->pg.next = json_integer(view_log_seq(json_array_get(d->pg.rows,
		    json_array_size(d->pg.rows) - 1)));
	}
	d->pg.list.n = json_array_size(d->pg.rows);
	tui_list_show(&d->pg.list, view_log_list_rows(d, v->rows));
	v->dirty = true;
}

static const struct tui_hint view_log_hints[] = {
	{ ACT_ENTER, "detail" },
	{ ACT_PANE, "pane" },
	{ ACT_REDACT, "redact" },
	{ ACT_RELOAD, "reload" },
	{ ACT_VIEW_PROPOSALS, "proposals" },
	{ ACT_VIEW_MEMBERS, "members" },
	{ ACT_HELP, "help" },
	{ ACT_BACK, "back" },
	{ ACT_NONE, NULL }
};

const struct view_ops view_log_ops = {
	.name = "log",
	.scope = "log",
	.hints = view_log_hints,
	.init = view_log_init,
	.free = view_log_free,
	.reload = view_log_reload,
	.draw = view_log_draw,
	.key = view_log_key,
	.event = view_log_event,
	.title = view_log_title,
};
