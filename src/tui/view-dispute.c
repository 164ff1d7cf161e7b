/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The dispute view: one dispute as a scrollable document built from the
 * "dispute" reply: what it is about, its state and outcome, the parties
 * with their role badges (the server's role of each uid, never anything
 * a member wrote), the moderator, the reason, the resolution, the
 * appeal, the sanctions (in force, until when, or how they ended), the
 * thread and the timeline. Reasons, resolutions and comments are member
 * text: wrapped with tui_wrap() and drawn with tui_text() only.
 *
 * Acting: the bottom line offers what the server's "can" says the
 * reader may do now (take the dispute, comment, resolve, appeal, decide
 * an appeal), and lifting a sanction in force to moderators. Resolving
 * and deciding first ask for the outcome by key:
 *
 *	idle --R--> choosing --u/d/s--> editor (resolution) --> sanction
 *	     --D--> choosing --u/v----> bottom line (reason)
 *	choosing --Esc--> idle
 *
 * The core still decides; a refusal shows its sentence on the status
 * line and keeps what was typed: the comment and the resolution for the
 * editor, a reason or a sanction back on the bottom line. A recusal
 * (the reader is a party) is a refusal too, in the server's words.
 *
 * Live: events whose ref is this dispute, and any sanction event, make
 * it stale; the reload keeps the scroll position.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "moot/core.h"
#include "moot/util.h"
#include "../cli/moot.h"
#include "tui.h"

/* What the outcome keys choose for. */
enum view_dispute_choice {
	VIEW_DISPUTE_IDLE,
	VIEW_DISPUTE_RESOLVE,
	VIEW_DISPUTE_DECIDE,
};

/* One line of the document (member text made safe when drawn). */
struct view_dispute_line {
	int		 x;
	enum tui_style	 style;
	char		*text;
};

struct view_dispute {
	int64_t				 id;
	json_t				*p;		/* the reply */
	char				*error;

	struct view_dispute_line	*lines;
	size_t				 nlines;
	int				 built;		/* for cols */
	size_t				 top;

	enum view_dispute_choice	 choice;
	char				*comment;	/* refused, kept */
	char				*resolution;	/* refused, kept */
	char				*outcome;	/* of the resolution */
	struct tui_hint			 hints[12];
	size_t				 nhints;
};

static void	view_dispute_load(struct view *);
static void	view_dispute_reason_cb(struct view *, const char *, json_t *);
static void	view_dispute_sanction_cb(struct view *, const char *,
		    json_t *);

/* The header's title: "dispute #N". Caller frees. */
static char *
view_dispute_title(struct view *v)
{
	struct view_dispute	*d = v->data;

	return (xasprintf("dispute #%lld", (long long)d->id));
}

/* A string member of o, or def. */
static const char *
view_dispute_str(json_t *o, const char *key, const char *def)
{
	const char	*s = json_string_value(json_object_get(o, key));

	return (s != NULL ? s : def);
}

/* An integer member of o, or 0. */
static int64_t
view_dispute_int(json_t *o, const char *key)
{
	return (json_integer_value(json_object_get(o, key)));
}

/* Whether the server says the reader may do what. */
static bool
view_dispute_can(struct view_dispute *d, const char *what)
{
	return (json_is_true(json_object_get(json_object_get(d->p, "can"),
	    what)));
}

/* Forget the document (the data or the width changed). */
static void
view_dispute_clear(struct view_dispute *d)
{
	size_t	i;

	for (i = 0; i < d->nlines; i++)
		free(d->lines[i].text);
	free(d->lines);
	d->lines = NULL;
	d->nlines = 0;
	d->built = 0;
}

/* One line at the end of the document. */
static void
view_dispute_add(struct view_dispute *d, int x, enum tui_style style,
    const char *fmt, ...)
{
	struct view_dispute_line	*l;
	va_list				 ap;

	d->lines = xreallocarray(d->lines, d->nlines + 1, sizeof *d->lines);
	l = &d->lines[d->nlines++];
	l->x = x;
	l->style = style;
	va_start(ap, fmt);
	if (vasprintf(&l->text, fmt, ap) == -1)
		l->text = NULL;
	va_end(ap);
}

/* Text s wrapped to the width from x. */
static void
view_dispute_wrap(struct view_dispute *d, int x, int cols,
    enum tui_style style, const char *s)
{
	char	**lines;
	size_t	  n, i;

	if (s == NULL)
		return;
	lines = tui_wrap(s, cols - x > 10 ? cols - x : 10, &n);
	/* A text's last newline makes no blank line of its own. */
	while (n > 1 && *lines[n - 1] == '\0')
		free(lines[--n]);
	for (i = 0; i < n; i++)
		view_dispute_add(d, x, style, "%s", lines[i]);
	tui_wrap_free(lines, n);
}

/* "name [role]" of a party, the badge from the server's role. Caller
 * frees. */
static char *
view_dispute_party(json_t *who)
{
	const char	*role = view_dispute_str(who, "role", NULL);

	if (role == NULL)
		return (xstrdup(view_dispute_str(who, "name", "?")));
	return (xasprintf("%s [%s]", view_dispute_str(who, "name", "?"),
	    role));
}

/* The sanctions: kind, member, until when, and whether in force. */
static void
view_dispute_sanctions(struct view_dispute *d, struct tui *t, int cols)
{
	json_t	*s;
	size_t	 i;
	char	*until, *line, *ended;

	if (json_array_size(json_object_get(d->p, "sanctions")) == 0)
		return;
	view_dispute_add(d, 0, S_BOLD, "Sanctions");
	json_array_foreach(json_object_get(d->p, "sanctions"), i, s) {
		until = tui_when(t, view_dispute_int(s, "expires_ts"));
		if (json_is_true(json_object_get(s, "in_force")))
			line = xasprintf("%lld: %s on %s until %s, in force",
			    (long long)view_dispute_int(s, "id"),
			    view_dispute_str(s, "kind", "?"),
			    view_dispute_str(s, "name", "?"), until);
		else
			line = xasprintf("%lld: %s on %s until %s, %s",
			    (long long)view_dispute_int(s, "id"),
			    view_dispute_str(s, "kind", "?"),
			    view_dispute_str(s, "name", "?"), until,
			    view_dispute_str(s, "state", "ended"));
		view_dispute_wrap(d, 2, cols, json_is_true(json_object_get(s,
		    "in_force")) ? S_BAD : S_DIM, line);
		free(line);
		free(until);
		if (json_is_string(json_object_get(s, "ended_by"))) {
			ended = xasprintf("by %s: %s", view_dispute_str(s,
			    "ended_by", "?"), view_dispute_str(s,
			    "ended_reason", ""));
			view_dispute_wrap(d, 4, cols, S_DIM, ended);
			free(ended);
		}
	}
	view_dispute_add(d, 0, S_NORMAL, "%s", "");
}

/* The resolution and the appeal, if any. */
static void
view_dispute_outcome(struct view_dispute *d, struct tui *t, int cols)
{
	json_t	*r = json_object_get(d->p, "resolution");
	json_t	*a = json_object_get(d->p, "appeal");
	char	*when, *until;

	if (json_is_object(r)) {
		when = tui_when(t, view_dispute_int(r, "ts"));
		until = tui_when(t, view_dispute_int(r, "appeal_until"));
		view_dispute_add(d, 0, S_BOLD, "Resolution");
		view_dispute_add(d, 2, S_DIM, "%s by %s, %s; appeals until %s",
		    view_dispute_str(d->p, "outcome", "?"),
		    view_dispute_str(r, "by", "?"), when, until);
		free(until);
		free(when);
		view_dispute_wrap(d, 2, cols, S_NORMAL, view_dispute_str(r,
		    "text", NULL));
		view_dispute_add(d, 0, S_NORMAL, "%s", "");
	}
	if (json_is_object(a)) {
		when = tui_when(t, view_dispute_int(a, "ts"));
		view_dispute_add(d, 0, S_BOLD, "Appeal");
		view_dispute_add(d, 2, S_DIM, "appealed %s, decided by %s: %s",
		    when, strcmp(view_dispute_str(a, "by", ""), "leaders") ==
		    0 ? "the leaders" : "a community vote",
		    view_dispute_str(a, "decision", "not yet"));
		free(when);
		if (json_is_integer(json_object_get(a, "proposal")))
			view_dispute_add(d, 2, S_DIM, "the vote is proposal "
			    "#%lld", (long long)view_dispute_int(a,
			    "proposal"));
		view_dispute_wrap(d, 2, cols, S_NORMAL, view_dispute_str(a,
		    "reason", NULL));
		view_dispute_add(d, 0, S_NORMAL, "%s", "");
	}
}

/* Build the document for cols columns. */
static void
view_dispute_build(struct view *v, int cols)
{
	struct view_dispute	*d = v->data;
	struct tui		*t = v->tui;
	json_t			*p = d->p, *parties, *e;
	size_t			 i;
	char			*s, *o, *when, *upd;
	const char		*state;

	view_dispute_clear(d);
	d->built = cols;
	parties = json_object_get(p, "parties");
	state = view_dispute_str(p, "state", "?");
	view_dispute_add(d, 0, S_BOLD, "Dispute #%lld about %s", (long long)
	    d->id, view_dispute_str(p, "about", "?"));
	view_dispute_add(d, 0, strcmp(state, "open") == 0 ||
	    strcmp(state, "appealed") == 0 ? S_ACTIVE : S_NORMAL, "%s%s%s",
	    state, json_is_string(json_object_get(p, "outcome")) ? ", " : "",
	    view_dispute_str(p, "outcome", ""));
	o = view_dispute_party(json_object_get(parties, "opener"));
	view_dispute_add(d, 0, S_NORMAL, "opened by %s", o);
	free(o);
	if (json_is_object(json_object_get(parties, "subject"))) {
		o = view_dispute_party(json_object_get(parties, "subject"));
		view_dispute_add(d, 0, S_NORMAL, "the other party: %s", o);
		free(o);
	}
	if (json_is_object(json_object_get(p, "moderator")))
		view_dispute_add(d, 0, S_NORMAL, "moderator: %s",
		    view_dispute_str(json_object_get(p, "moderator"), "name",
		    "?"));
	else
		view_dispute_add(d, 0, S_DIM, "no moderator yet");
	when = tui_when(t, view_dispute_int(p, "created_ts"));
	upd = tui_when(t, view_dispute_int(p, "updated_ts"));
	view_dispute_add(d, 0, S_DIM, "opened %s, updated %s", when, upd);
	free(upd);
	free(when);
	view_dispute_add(d, 0, S_NORMAL, "%s", "");

	view_dispute_add(d, 0, S_BOLD, "Reason");
	if (json_is_true(json_object_get(p, "visible")))
		view_dispute_wrap(d, 2, cols, S_NORMAL, view_dispute_str(p,
		    "reason", ""));
	else
		view_dispute_add(d, 2, S_DIM, "details are shown to its "
		    "parties, moderators and leaders");
	view_dispute_add(d, 0, S_NORMAL, "%s", "");
	view_dispute_outcome(d, t, cols);
	view_dispute_sanctions(d, t, cols);

	if (json_is_array(json_object_get(p, "thread"))) {
		view_dispute_add(d, 0, S_BOLD, "Thread (%zu)", json_array_size(
		    json_object_get(p, "thread")));
		json_array_foreach(json_object_get(p, "thread"), i, e) {
			when = tui_when(t, view_dispute_int(e, "ts"));
			s = xasprintf("%s, %s", view_dispute_str(
			    json_object_get(e, "author"), "name", "?"), when);
			view_dispute_add(d, 2, S_BOLD, "%s", s);
			free(s);
			free(when);
			view_dispute_wrap(d, 4, cols, S_NORMAL,
			    view_dispute_str(e, "body", ""));
		}
		view_dispute_add(d, 0, S_NORMAL, "%s", "");
	}

	view_dispute_add(d, 0, S_BOLD, "Timeline");
	json_array_foreach(json_object_get(p, "timeline"), i, e) {
		when = tui_when(t, view_dispute_int(e, "ts"));
		view_dispute_add(d, 2, S_DIM, "%6lld  %s  %-18s %s",
		    (long long)view_dispute_int(e, "seq"), when,
		    view_dispute_str(e, "type", "?"), view_dispute_str(
		    json_object_get(e, "actor"), "name", "?"));
		free(when);
	}
}

static void
view_dispute_draw(struct view *v, WINDOW *w, int rows, int cols)
{
	struct view_dispute		*d = v->data;
	struct view_dispute_line	*l;
	size_t				 i;
	int				 y;

	if (d->p == NULL) {
		tui_text(w, 0, 0, cols, d->error != NULL ? d->error :
		    "loading...", d->error != NULL ? S_ERROR : S_DIM);
		return;
	}
	if (d->built != cols)
		view_dispute_build(v, cols);
	if (d->nlines <= (size_t)rows)
		d->top = 0;
	else if (d->top > d->nlines - (size_t)rows)
		d->top = d->nlines - (size_t)rows;
	for (y = 0, i = d->top; i < d->nlines && y < rows; i++, y++) {
		l = &d->lines[i];
		tui_text(w, y, l->x, cols - l->x, l->text, l->style);
	}
}

/* The reply: the whole dispute. */
static void
view_dispute_loaded_cb(struct view *v, json_t *result, const char *code,
    const char *message, json_t *ctx)
{
	struct view_dispute	*d = v->data;

	(void)code;
	(void)ctx;
	if (result == NULL) {
		if (d->p != NULL)
			tui_status(v->tui, S_ERROR, "%s", message);
		else {
			free(d->error);
			d->error = xstrdup(message);
		}
		return;
	}
	free(d->error);
	d->error = NULL;
	json_decref(d->p);
	d->p = json_incref(result);
	d->built = 0;
	tui_dirty(v->tui);
}

static void
view_dispute_load(struct view *v)
{
	struct view_dispute	*d = v->data;
	json_t			*args;

	args = json_pack("{s:I}", "id", (json_int_t)d->id);
	tui_request(v, "dispute", args, view_dispute_loaded_cb, NULL);
	json_decref(args);
}

static void
view_dispute_reload(struct view *v)
{
	view_dispute_load(v);
}

/* Open on {"id": N}: ask for it. */
static void
view_dispute_init(struct view *v, json_t *arg)
{
	struct view_dispute	*d;

	d = xcalloc(1, sizeof *d);
	v->data = d;
	d->id = json_integer_value(json_object_get(arg, "id"));
	view_dispute_load(v);
}

static void
view_dispute_free(struct view *v)
{
	struct view_dispute	*d = v->data;

	view_dispute_clear(d);
	json_decref(d->p);
	free(d->error);
	free(d->comment);
	free(d->resolution);
	free(d->outcome);
	free(d);
}

/* The first sanction in force, or NULL. */
static json_t *
view_dispute_in_force(struct view_dispute *d)
{
	json_t	*s;
	size_t	 i;

	json_array_foreach(json_object_get(d->p, "sanctions"), i, s) {
		if (json_is_true(json_object_get(s, "in_force")))
			return (s);
	}
	return (NULL);
}

/* One more hint on the bottom line. */
static void
view_dispute_hint_add(struct view_dispute *d, enum tui_action a,
    const char *word)
{
	if (d->nhints + 1 < MOOT_NITEMS(d->hints)) {
		d->hints[d->nhints].action = a;
		d->hints[d->nhints++].label = word;
	}
	d->hints[d->nhints].action = ACT_NONE;
}

/* The bottom line: the outcome keys while choosing, else what "can"
 * allows. */
static const struct tui_hint *
view_dispute_hints(struct view *v)
{
	struct view_dispute	*d = v->data;

	d->nhints = 0;
	d->hints[0].action = ACT_NONE;
	switch (d->choice) {
	case VIEW_DISPUTE_RESOLVE:
		view_dispute_hint_add(d, ACT_UPHELD, "upheld");
		view_dispute_hint_add(d, ACT_DISMISSED, "dismissed");
		view_dispute_hint_add(d, ACT_SETTLED, "settled");
		view_dispute_hint_add(d, ACT_BACK, "cancel");
		return (d->hints);
	case VIEW_DISPUTE_DECIDE:
		view_dispute_hint_add(d, ACT_UPHELD, "upheld");
		view_dispute_hint_add(d, ACT_REVERSED, "reversed");
		view_dispute_hint_add(d, ACT_BACK, "cancel");
		return (d->hints);
	case VIEW_DISPUTE_IDLE:
		break;
	}
	if (d->p != NULL) {
		if (view_dispute_can(d, "assign"))
			view_dispute_hint_add(d, ACT_ASSIGN, "take it");
		if (view_dispute_can(d, "comment"))
			view_dispute_hint_add(d, ACT_COMMENT, d->comment !=
			    NULL ? "comment (kept)" : "comment");
		if (view_dispute_can(d, "resolve"))
			view_dispute_hint_add(d, ACT_RESOLVE, d->resolution !=
			    NULL ? "resolve (kept)" : "resolve");
		if (view_dispute_can(d, "appeal"))
			view_dispute_hint_add(d, ACT_APPEAL, "appeal");
		if (view_dispute_can(d, "decide"))
			view_dispute_hint_add(d, ACT_DECIDE, "decide");
		if (tui_my_role(v->tui) >= ROLE_MODERATOR &&
		    view_dispute_in_force(d) != NULL)
			view_dispute_hint_add(d, ACT_LIFT, "lift sanction");
	}
	view_dispute_hint_add(d, ACT_BACK, "back");
	return (d->hints);
}

/* Taking the dispute was answered: taken, recused, or refused. */
static void
view_dispute_assigned_cb(struct view *v, json_t *result, const char *code,
    const char *message, json_t *ctx)
{
	struct view_dispute	*d = v->data;

	(void)code;
	(void)ctx;
	if (result == NULL) {
		tui_status(v->tui, S_ERROR, "%s", message);
		return;
	}
	/* A recusal is written to the log, but to the reader a refusal. */
	if (json_is_true(json_object_get(result, "recused"))) {
		tui_status(v->tui, S_ERROR, "%s", view_dispute_str(result,
		    "reason", "you are recused"));
		return;
	}
	tui_status(v->tui, S_STATUS, "you took dispute #%lld",
	    (long long)d->id);
}

/* The comment was written, or refused (then kept for the editor). */
static void
view_dispute_commented_cb(struct view *v, json_t *result, const char *code,
    const char *message, json_t *ctx)
{
	struct view_dispute	*d = v->data;

	(void)code;
	(void)ctx;
	if (result == NULL) {
		tui_status(v->tui, S_ERROR, "%s; your text is kept", message);
		return;
	}
	free(d->comment);
	d->comment = NULL;
	tui_status(v->tui, S_STATUS, "you commented on dispute #%lld",
	    (long long)d->id);
}

/* The comment, written in the editor: kept until it is accepted. */
static void
view_dispute_comment_cb(struct view *v, char *text, json_t *ctx)
{
	struct view_dispute	*d = v->data;
	json_t			*args;

	(void)ctx;
	free(d->comment);
	d->comment = xstrdup(text);
	args = json_pack("{s:I,s:s}", "id", (json_int_t)d->id, "body", text);
	tui_request(v, "dispute-comment", args, view_dispute_commented_cb,
	    NULL);
	json_decref(args);
}

/* A reason's request was answered: on refusal, the reason comes back. */
static void
view_dispute_reasoned_cb(struct view *v, json_t *result, const char *code,
    const char *message, json_t *ctx)
{
	(void)code;
	if (result == NULL) {
		tui_prompt(v, view_dispute_str(ctx, "label", ""),
		    view_dispute_str(ctx, "text", ""), view_dispute_reason_cb,
		    json_incref(ctx));
		tui_status(v->tui, S_ERROR, "%s", message);
		return;
	}
	tui_status(v->tui, S_STATUS, "%s", view_dispute_str(ctx, "done", ""));
}

/* The reason typed on the bottom line: send the request it was for. */
static void
view_dispute_reason_cb(struct view *v, const char *text, json_t *ctx)
{
	json_t	*args, *c;

	args = json_deep_copy(json_object_get(ctx, "args"));
	json_object_set_new(args, "reason", json_string(text));
	c = json_deep_copy(ctx);
	json_object_set_new(c, "text", json_string(text));
	tui_request(v, view_dispute_str(ctx, "op", ""), args,
	    view_dispute_reasoned_cb, c);
	json_decref(args);
}

/* Ask for a reason on the bottom line, then send op with args (owned). */
static void
view_dispute_ask(struct view *v, const char *label, const char *op,
    json_t *args, const char *done)
{
	json_t	*ctx;

	ctx = json_pack("{s:s,s:s,s:o,s:s}", "label", label, "op", op,
	    "args", args, "done", done);
	tui_prompt(v, label, NULL, view_dispute_reason_cb, ctx);
}

/*
 * "KIND LENGTH [LOGIN]" typed on the bottom line into a sanction; NULL
 * with *bad set when it is not one (empty text: none, not bad). Caller
 * frees.
 */
static json_t *
view_dispute_parse_sanction(const char *text, bool *bad)
{
	char	*copy, *p, *kind, *len, *who;
	json_t	*s = NULL;
	int64_t	 ms;

	*bad = false;
	copy = xstrdup(text);
	p = copy + strspn(copy, " ");
	kind = strsep(&p, " ");
	while (p != NULL && *p == ' ')
		p++;
	len = p != NULL ? strsep(&p, " ") : NULL;
	while (p != NULL && *p == ' ')
		p++;
	who = p != NULL && *p != '\0' ? strsep(&p, " ") : NULL;
	if (*kind == '\0')
		goto out;
	if (len == NULL || (ms = moot_parse_span(len)) < 0 ||
	    (p != NULL && p[strspn(p, " ")] != '\0')) {
		*bad = true;
		goto out;
	}
	s = json_pack("{s:s,s:I}", "kind", kind, "for", (json_int_t)ms);
	if (who != NULL)
		json_object_set_new(s, "member", json_string(who));
out:
	free(copy);
	return (s);
}

/* The resolution was answered: on refusal, everything typed is kept. */
static void
view_dispute_resolved_cb(struct view *v, json_t *result, const char *code,
    const char *message, json_t *ctx)
{
	struct view_dispute	*d = v->data;

	(void)code;
	if (result == NULL) {
		/* The sanction back on the bottom line; the text kept. */
		if (json_is_string(json_object_get(ctx, "sanction")))
			tui_prompt(v, "sanction (e.g. mute 7d; empty: none): ",
			    view_dispute_str(ctx, "sanction", ""),
			    view_dispute_sanction_cb, NULL);
		tui_status(v->tui, S_ERROR, "%s; your text is kept", message);
		return;
	}
	free(d->resolution);
	d->resolution = NULL;
	tui_status(v->tui, S_STATUS, "you resolved dispute #%lld: %s",
	    (long long)d->id, view_dispute_str(ctx, "outcome", "?"));
}

/* Send the resolution kept, with the sanction typed (text, or NULL). */
static void
view_dispute_resolve_send(struct view *v, const char *text)
{
	struct view_dispute	*d = v->data;
	json_t			*args, *ctx, *sanction = NULL;
	bool			 bad;

	if (d->resolution == NULL || d->outcome == NULL)
		return;
	if (text != NULL &&
	    (sanction = view_dispute_parse_sanction(text, &bad)) == NULL &&
	    bad) {
		tui_prompt(v, "sanction (e.g. mute 7d; empty: none): ", text,
		    view_dispute_sanction_cb, NULL);
		tui_status(v->tui, S_ERROR, "a sanction is a kind (warn, mute, "
		    "suspend) and a length (a number and m, h, d or w: 7d)");
		return;
	}
	args = json_pack("{s:I,s:s,s:s}", "id", (json_int_t)d->id,
	    "outcome", d->outcome, "resolution", d->resolution);
	if (sanction != NULL)
		json_object_set_new(args, "sanction", sanction);
	ctx = json_pack("{s:s}", "outcome", d->outcome);
	if (text != NULL)
		json_object_set_new(ctx, "sanction", json_string(text));
	tui_request(v, "dispute-resolve", args, view_dispute_resolved_cb, ctx);
	json_decref(args);
}

/* The sanction typed on the bottom line. */
static void
view_dispute_sanction_cb(struct view *v, const char *text, json_t *ctx)
{
	(void)ctx;
	view_dispute_resolve_send(v, text);
}

/* The resolution, written in the editor: then a sanction, if it may
 * carry one. */
static void
view_dispute_resolution_cb(struct view *v, char *text, json_t *ctx)
{
	struct view_dispute	*d = v->data;

	(void)ctx;
	free(d->resolution);
	d->resolution = xstrdup(text);
	if (strcmp(d->outcome, "dismissed") == 0) {
		view_dispute_resolve_send(v, NULL);
		return;
	}
	tui_prompt(v, "sanction (e.g. mute 7d; empty: none): ", NULL,
	    view_dispute_sanction_cb, NULL);
}

/* An outcome key while choosing: on to the text or the reason. */
static void
view_dispute_chosen(struct view *v, const char *outcome)
{
	struct view_dispute	*d = v->data;
	enum view_dispute_choice choice = d->choice;
	char			*done, *label;

	d->choice = VIEW_DISPUTE_IDLE;
	if (choice == VIEW_DISPUTE_RESOLVE) {
		free(d->outcome);
		d->outcome = xstrdup(outcome);
		tui_edit(v, d->resolution, view_dispute_resolution_cb, NULL);
		return;
	}
	done = xasprintf("you decided the appeal of dispute #%lld: %s",
	    (long long)d->id, outcome);
	label = xasprintf("decide %s, reason: ", outcome);
	view_dispute_ask(v, label, "dispute-decide", json_pack("{s:I,s:s}",
	    "id", (json_int_t)d->id, "decision", outcome), done);
	free(label);
	free(done);
}

/* Lift the sanction in force, with a reason. */
static void
view_dispute_lift(struct view *v)
{
	struct view_dispute	*d = v->data;
	json_t			*s = view_dispute_in_force(d);
	char			*done, *label;

	if (s == NULL) {
		tui_status(v->tui, S_ERROR, "no sanction of dispute #%lld is "
		    "in force", (long long)d->id);
		return;
	}
	done = xasprintf("you lifted sanction %lld", (long long)
	    view_dispute_int(s, "id"));
	label = xasprintf("lift sanction %lld, reason: ", (long long)
	    view_dispute_int(s, "id"));
	view_dispute_ask(v, label, "sanction-lift", json_pack("{s:I}", "id",
	    (json_int_t)view_dispute_int(s, "id")), done);
	free(label);
	free(done);
}

/* An outcome key while choosing; Esc (back) cancels the choice. */
static bool
view_dispute_choose_key(struct view *v, enum tui_action a)
{
	struct view_dispute	*d = v->data;
	bool			 resolve = d->choice == VIEW_DISPUTE_RESOLVE;

	switch (a) {
	case ACT_UPHELD:
		view_dispute_chosen(v, "upheld");
		return (true);
	case ACT_DISMISSED:
	case ACT_SETTLED:
		if (resolve)
			view_dispute_chosen(v, a == ACT_DISMISSED ?
			    "dismissed" : "settled");
		return (true);
	case ACT_REVERSED:
		if (!resolve)
			view_dispute_chosen(v, "reversed");
		return (true);
	case ACT_BACK:
		d->choice = VIEW_DISPUTE_IDLE;
		tui_status(v->tui, S_DIM, "nothing was %s", resolve ?
		    "resolved" : "decided");
		return (true);
	default:
		/* Anything else waits for the choice. */
		return (true);
	}
}

static bool
view_dispute_key(struct view *v, enum tui_action a, int key)
{
	struct view_dispute	*d = v->data;
	json_t			*args;
	char			*done;

	(void)key;
	if (d->p == NULL)
		return (false);
	if (d->choice != VIEW_DISPUTE_IDLE && a != ACT_QUIT)
		return (view_dispute_choose_key(v, a));
	switch (a) {
	case ACT_UP:
	case ACT_DOWN:
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN:
	case ACT_HOME:
	case ACT_END:
		tui_scroll(&d->top, d->nlines, v->rows, a);
		return (true);
	case ACT_ASSIGN:
		args = json_pack("{s:I}", "id", (json_int_t)d->id);
		tui_request(v, "dispute-assign", args,
		    view_dispute_assigned_cb, NULL);
		json_decref(args);
		return (true);
	case ACT_COMMENT:
		tui_edit(v, d->comment, view_dispute_comment_cb, NULL);
		return (true);
	case ACT_RESOLVE:
		d->choice = VIEW_DISPUTE_RESOLVE;
		tui_status(v->tui, S_STATUS, "resolve dispute #%lld: the "
		    "outcome?", (long long)d->id);
		return (true);
	case ACT_DECIDE:
		d->choice = VIEW_DISPUTE_DECIDE;
		tui_status(v->tui, S_STATUS, "decide the appeal of dispute "
		    "#%lld: upheld or reversed?", (long long)d->id);
		return (true);
	case ACT_APPEAL:
		done = xasprintf("you appealed dispute #%lld",
		    (long long)d->id);
		view_dispute_ask(v, "appeal, reason: ", "dispute-appeal",
		    json_pack("{s:I}", "id", (json_int_t)d->id), done);
		free(done);
		return (true);
	case ACT_LIFT:
		view_dispute_lift(v);
		return (true);
	default:
		return (false);
	}
}

/* Stale on the dispute's own events and on any sanction's. */
static void
view_dispute_event(struct view *v, json_t *ev)
{
	struct view_dispute	*d = v->data;
	const char		*type, *ref;
	char			 mine[32];

	type = json_string_value(json_object_get(ev, "type"));
	ref = json_string_value(json_object_get(ev, "ref"));
	if (type == NULL)
		return;
	snprintf(mine, sizeof mine, "dispute:%lld", (long long)d->id);
	if ((ref != NULL && strcmp(ref, mine) == 0) ||
	    strncmp(type, "sanction.", 9) == 0 ||
	    strcmp(type, "role.changed") == 0) {
		v->stale = true;
		v->dirty = true;
	}
}

const struct view_ops view_dispute_ops = {
	.name = "dispute",
	.scope = "dispute",
	.hints_for = view_dispute_hints,
	.init = view_dispute_init,
	.free = view_dispute_free,
	.reload = view_dispute_reload,
	.draw = view_dispute_draw,
	.key = view_dispute_key,
	.event = view_dispute_event,
	.title = view_dispute_title,
};
