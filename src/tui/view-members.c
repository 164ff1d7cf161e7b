/* SPDX-License-Identifier: GPL-3.0-or-later *
 * The report key opens a dispute about the selected member, the reason
 * typed on the bottom line (given back with the server's sentence when
 * it is refused).
 */
/*
 * The members view: every member (and invitation) by uid, with a role
 * badge, status, how long ago they joined and what they contributed
 * (proposals, comments, ballots, passed proposals, tasks done, kudos
 * received, disputes resolved: those the server counts), and a line
 * below the list with the selected member in full. Where the terminal
 * is too narrow for every column, the least important go first. Roles and names are the server's, read from the database by
 * uid, never from anything a member wrote; names are still drawn only
 * through tui_text().
 *
 * Rows come a page at a time by key (uid), more as the cursor nears the
 * end of what is loaded. Live: joins, invitations, role changes and the
 * events that change contributions make the view stale; it reloads the
 * rows it had in one request and puts the cursor back on the member it
 * was on (by uid), on the same screen row.
 *
 * Recognition starts here too: a key asks for a note on the bottom line
 * and gives the selected member kudos (a refusal shows the server's
 * sentence and gives the note back); another lists the kudos they
 * received (view-kudos.c).
 */
#include <stdlib.h>
#include <string.h>

#include "moot/util.h"
#include "../cli/moot.h"
#include "tui.h"

#define VIEW_MEMBERS_PAGE	100
#define VIEW_MEMBERS_MAX	1000	/* rows in one reload */

/*
 * The contribution counts, in the order shown, with their labels and
 * their rank: when not all fit, the highest ranks are dropped first.
 */
static const struct {
	const char	*key;
	const char	*label;		/* a wide terminal */
	const char	*brief;		/* a narrow one */
	const char	*noun;		/* the line below the list */
	int		 rank;		/* 0 is kept longest */
} view_members_counts[] = {
	{ "proposals", "props", "prop", "proposals", 0 },
	{ "comments", "comments", "comm", "comments", 5 },
	{ "ballots", "ballots", "vote", "ballots", 4 },
	{ "passed", "passed", "pass", "passed", 6 },
	{ "tasks_done", "tasks", "task", "tasks done", 1 },
	{ "kudos_received", "kudos", "kudo", "kudos received", 2 },
	{ "disputes_resolved", "resolved", "res.", "disputes resolved", 3 },
};
#define VIEW_MEMBERS_NCOUNTS	MOOT_NITEMS(view_members_counts)

/* The events that change what the view shows. */
static const char *const view_members_events[] = {
	"member.", "role.changed", "agreement.changed", "proposal.created",
	"comment.added", "ballot.cast", "vote.closed", "task.updated",
	"kudos.given", "dispute.resolved"
};

struct view_members {
	struct tui_pages pg;		/* the members loaded, by uid */
};

static void	view_members_load(struct view *, bool);

/* The header's title. Caller frees. */
static char *
view_members_title(struct view *v)
{
	return (xstrdup("members"));
}

/* The string member key of o, or def. */
static const char *
view_members_str(json_t *o, const char *key, const char *def)
{
	const char	*s = json_string_value(json_object_get(o, key));

	return (s != NULL ? s : def);
}

/* The lines below the list, for the selected member in full. */
static int
view_members_foot_rows(int rows)
{
	if (rows >= 10)
		return (2);
	return (rows > 3 ? 1 : 0);
}

/* The rows the list has in a window of rows rows (a header, a footer). */
static int
view_members_list_rows(int rows)
{
	int	n = rows - 1 - view_members_foot_rows(rows);

	return (n > 1 ? n : 1);
}

/* The rows of a page (appended), or of a reload (replacing). */
static void
view_members_loaded_cb(struct view *v, json_t *result, const char *code,
    const char *message, json_t *ctx)
{
	struct view_members	*d = v->data;

	(void)code;
	tui_pages_loaded(&d->pg, json_is_true(ctx), result != NULL ?
	    json_object_get(result, "members") : NULL, result != NULL ?
	    json_object_get(result, "next") : NULL, message,
	    view_members_list_rows(v->rows), true);
}

/* Ask for the rows: a reload of what is loaded, or the next page. */
static void
view_members_load(struct view *v, bool append)
{
	struct view_members	*d = v->data;
	json_t			*args;
	size_t			 limit;

	limit = tui_pages_asking(&d->pg, append, VIEW_MEMBERS_PAGE,
	    VIEW_MEMBERS_MAX);
	args = json_pack("{s:I}", "limit", (json_int_t)limit);
	if (append)
		json_object_set(args, "after", d->pg.next);
	if (tui_request(v, "members", args, view_members_loaded_cb,
	    json_boolean(append)) != 0)
		tui_pages_unasked(&d->pg, append);
	json_decref(args);
}

/* Ask again for the rows loaded (the view was stale). */
static void
view_members_reload(struct view *v)
{
	view_members_load(v, false);
}

/* Set up (arg is unused) and ask the server for the first rows. */
static void
view_members_init(struct view *v, json_t *arg)
{
	struct view_members	*d;

	d = xcalloc(1, sizeof *d);
	v->data = d;
	tui_pages_init(&d->pg, "uid");
	view_members_load(v, false);
}

/* Free what the view holds; replies still on their way are dropped. */
static void
view_members_free(struct view *v)
{
	struct view_members	*d = v->data;

	tui_pages_free(&d->pg);
	free(d);
}

/* The style of a role's badge. */
static enum tui_style
view_members_role_style(const char *role)
{
	if (strcmp(role, "leader") == 0)
		return (S_MARK);
	if (strcmp(role, "moderator") == 0)
		return (S_ACTIVE);
	if (strcmp(role, "observer") == 0)
		return (S_DIM);
	return (S_NORMAL);
}

/* Whether any loaded member has the contribution count key. */
static bool
view_members_counted(struct view_members *d, const char *key)
{
	json_t	*row;
	size_t	 i;

	json_array_foreach(d->pg.rows, i, row) {
		if (json_is_integer(json_object_get(json_object_get(row,
		    "contributions"), key)))
			return (true);
	}
	return (false);
}

/* The selected member in full, for the line below the list. Caller frees. */
static char *
view_members_line(struct view *v, json_t *row)
{
	json_t		*c = json_object_get(row, "contributions");
	struct buf	 b;
	char		*when;
	size_t		 i;

	buf_init(&b);
	buf_addf(&b, "%s (uid %lld): %s, %s", view_members_str(row, "name",
	    "?"), (long long)json_integer_value(json_object_get(row, "uid")),
	    view_members_str(row, "role", "?"), view_members_str(row,
	    "status", "?"));
	if (json_is_integer(json_object_get(row, "joined_ts"))) {
		when = tui_when(v->tui, json_integer_value(json_object_get(row,
		    "joined_ts")));
		buf_addf(&b, ", joined %s", when);
		free(when);
	}
	if (json_is_string(json_object_get(row, "agreement_version")))
		buf_addf(&b, ", agreement v%s", view_members_str(row,
		    "agreement_version", "?"));
	for (i = 0; i < MOOT_NITEMS(view_members_counts); i++) {
		if (!json_is_integer(json_object_get(c,
		    view_members_counts[i].key)))
			continue;
		buf_addf(&b, "%s%lld %s", i == 0 ? "; " : ", ",
		    (long long)json_integer_value(json_object_get(c,
		    view_members_counts[i].key)), view_members_counts[i].noun);
	}
	return (buf_steal(&b, NULL));
}

/*
 * Which columns fit in avail cells after the fixed ones: counts the
 * server gives, by rank, then the agreement version (aw cells, 0 for
 * none), which goes first.
 */
static void
view_members_columns(struct view_members *d, int avail, bool wide, int aw,
    bool *shown, bool *agr)
{
	size_t	k;
	int	r, cw;

	for (k = 0; k < VIEW_MEMBERS_NCOUNTS; k++)
		shown[k] = false;
	for (r = 0; r < (int)VIEW_MEMBERS_NCOUNTS; r++) {
		for (k = 0; k < VIEW_MEMBERS_NCOUNTS; k++) {
			if (view_members_counts[k].rank != r ||
			    !view_members_counted(d, view_members_counts[k].key))
				continue;
			cw = (int)strlen(wide ? view_members_counts[k].label :
			    view_members_counts[k].brief) + 1;
			if (cw <= avail) {
				shown[k] = true;
				avail -= cw;
			}
		}
	}
	*agr = aw > 0 && aw + 1 <= avail;
}

/* Draw the view in w, rows by cols cells. */
static void
view_members_draw(struct view *v, WINDOW *w, int rows, int cols)
{
	struct view_members	*d = v->data;
	json_t			*row, *c;
	size_t			 i, k, n;
	int			 y, x, nw = 12, rw = 11, sw = 8, jw = 6, aw = 4;
	int			 cw, lr, fr;
	bool			 sel, wide = cols >= 78, agr;
	bool			 shown[VIEW_MEMBERS_NCOUNTS];
	const char		*role, *status;
	char			*s, **lines;
	enum tui_style		 st;

	if (d->pg.error != NULL) {
		tui_text(w, 0, 0, cols, d->pg.error, S_ERROR);
		return;
	}
	if (!d->pg.loaded) {
		tui_text(w, 0, 0, cols, "loading...", S_DIM);
		return;
	}
	if (d->pg.list.n == 0) {
		tui_text(w, 0, 0, cols, "no members yet", S_DIM);
		return;
	}
	if (!wide) {
		nw = 10;
		aw = 0;
	}
	view_members_columns(d, cols - (nw + rw + sw + jw + 4), wide, aw,
	    shown, &agr);

	/* The header. */
	tui_fill(w, 0, 0, cols, S_BOLD);
	x = 0;
	tui_text(w, 0, x, nw, "name", S_BOLD);
	x += nw + 1;
	tui_text(w, 0, x, rw, "role", S_BOLD);
	x += rw + 1;
	tui_text(w, 0, x, sw, "status", S_BOLD);
	x += sw + 1;
	tui_text(w, 0, x, jw, "joined", S_BOLD);
	x += jw + 1;
	if (agr) {
		tui_text(w, 0, x, aw, "agr.", S_BOLD);
		x += aw + 1;
	}
	for (k = 0; k < MOOT_NITEMS(view_members_counts); k++) {
		if (!shown[k])
			continue;
		s = xstrdup(wide ? view_members_counts[k].label :
		    view_members_counts[k].brief);
		cw = (int)strlen(s);
		if (x + cw > cols) {
			free(s);
			break;
		}
		tui_text(w, 0, x, cw, s, S_BOLD);
		x += cw + 1;
		free(s);
	}

	lr = view_members_list_rows(rows);
	tui_list_show(&d->pg.list, lr);
	for (y = 1, i = d->pg.list.top; i < d->pg.list.n && y <= lr; i++, y++) {
		row = json_array_get(d->pg.rows, i);
		sel = i == d->pg.list.cur;
		role = view_members_str(row, "role", "?");
		status = view_members_str(row, "status", "?");
		st = strcmp(status, "active") == 0 ? S_NORMAL : S_DIM;
		if (sel) {
			st = S_SELECTED;
			tui_fill(w, y, 0, cols, S_SELECTED);
		}
		x = 0;
		tui_text(w, y, x, nw, view_members_str(row, "name", "?"),
		    sel ? st : st == S_DIM ? S_DIM : S_BOLD);
		x += nw + 1;
		tui_textf(w, y, x, rw, sel ? st :
		    view_members_role_style(role), "[%s]", role);
		x += rw + 1;
		tui_text(w, y, x, sw, status, st);
		x += sw + 1;
		if (json_is_integer(json_object_get(row, "joined_ts"))) {
			s = tui_ago(json_integer_value(json_object_get(row,
			    "joined_ts")));
			tui_text(w, y, x, jw, s, sel ? st : S_DIM);
			free(s);
		} else
			tui_text(w, y, x, jw, "-", sel ? st : S_DIM);
		x += jw + 1;
		if (agr) {
			tui_textf(w, y, x, aw, sel ? st : S_DIM, "v%s",
			    view_members_str(row, "agreement_version", "?"));
			x += aw + 1;
		}
		c = json_object_get(row, "contributions");
		for (k = 0; k < MOOT_NITEMS(view_members_counts); k++) {
			if (!shown[k])
				continue;
			cw = (int)strlen(wide ? view_members_counts[k].label :
			    view_members_counts[k].brief);
			if (x + cw > cols)
				break;
			if (json_is_integer(json_object_get(c,
			    view_members_counts[k].key)))
				tui_textf(w, y, x, cw, st, "%*lld", cw,
				    (long long)json_integer_value(
				    json_object_get(c,
				    view_members_counts[k].key)));
			x += cw + 1;
		}
	}

	/* The selected member in full. */
	fr = view_members_foot_rows(rows);
	if (fr > 0 && (row = json_array_get(d->pg.rows, d->pg.list.cur)) != NULL) {
		s = view_members_line(v, row);
		lines = tui_wrap(s, cols, &n);
		for (k = 0; k < n && k < (size_t)fr; k++)
			tui_text(w, rows - fr + (int)k, 0, cols, lines[k],
			    S_DIM);
		tui_wrap_free(lines, n);
		free(s);
	}
}

static void	view_members_reason_cb(struct view *, const char *, json_t *);

/* The report was answered: the dispute's number, or the refusal with
 * the reason given back on the bottom line. */
static void
view_members_reported_cb(struct view *v, json_t *result, const char *code,
    const char *message, json_t *ctx)
{
	(void)code;
	if (result == NULL) {
		tui_prompt(v, view_members_str(ctx, "label", ""),
		    view_members_str(ctx, "text", ""), view_members_reason_cb,
		    json_incref(ctx));
		tui_status(v->tui, S_ERROR, "%s", message);
		return;
	}
	tui_status(v->tui, S_STATUS, "you reported %s: dispute #%lld is open",
	    view_members_str(ctx, "name", "?"), (long long)json_integer_value(
	    json_object_get(result, "id")));
}

/* The reason typed on the bottom line: open the dispute. */
static void
view_members_reason_cb(struct view *v, const char *text, json_t *ctx)
{
	json_t	*args, *c;
	char	*about;

	about = xasprintf("member:%s", view_members_str(ctx, "name", ""));
	args = json_pack("{s:s,s:s}", "about", about, "reason", text);
	c = json_deep_copy(ctx);
	json_object_set_new(c, "text", json_string(text));
	tui_request(v, "dispute-open", args, view_members_reported_cb, c);
	json_decref(args);
	free(about);
}

/* Report the member under the cursor: the reason on the bottom line. */
static void
view_members_report(struct view *v)
{
	struct view_members	*d = v->data;
	json_t			*row = tui_pages_cur(&d->pg);
	char			*label;

	if (row == NULL || !json_is_string(json_object_get(row, "name")))
		return;
	label = xasprintf("report %s, reason: ", view_members_str(row, "name",
	    "?"));
	tui_prompt(v, label, NULL, view_members_reason_cb, json_pack(
	    "{s:s,s:O}", "label", label, "name", json_object_get(row,
	    "name")));
	free(label);
}

static void	view_members_note_cb(struct view *, const char *, json_t *);

/* The kudos were given, or refused: then the note comes back. */
static void
view_members_kudos_cb(struct view *v, json_t *result, const char *code,
    const char *message, json_t *ctx)
{
	(void)code;
	if (result == NULL) {
		tui_prompt(v, view_members_str(ctx, "label", ""),
		    view_members_str(ctx, "note", ""), view_members_note_cb,
		    json_incref(ctx));
		tui_status(v->tui, S_ERROR, "%s", message);
		return;
	}
	tui_status(v->tui, S_STATUS, "you gave kudos to %s",
	    view_members_str(ctx, "to", "?"));
}

/* The note typed on the bottom line: send the kudos. */
static void
view_members_note_cb(struct view *v, const char *text, json_t *ctx)
{
	json_t	*args, *c;

	if (text[strspn(text, " ")] == '\0') {
		tui_status(v->tui, S_STATUS, "no note: no kudos were given");
		return;
	}
	args = json_pack("{s:O,s:s}", "to", json_object_get(ctx, "to"),
	    "note", text);
	c = json_deep_copy(ctx);
	json_object_set_new(c, "note", json_string(text));
	tui_request(v, "kudos", args, view_members_kudos_cb, c);
	json_decref(args);
}

/* Kudos to the selected member: the note on the bottom line first. */
static void
view_members_kudos(struct view *v, json_t *row)
{
	json_t	*ctx;
	char	*label;

	label = xasprintf("kudos to %s, note: ", view_members_str(row, "name",
	    "?"));
	ctx = json_pack("{s:s,s:O}", "label", label, "to",
	    json_object_get(row, "name"));
	tui_prompt(v, label, NULL, view_members_note_cb, ctx);
	free(label);
}

/* An action: moving (and paging); false if not ours. */
static bool
view_members_key(struct view *v, enum tui_action a, int key)
{
	struct view_members	*d = v->data;
	int			 lr = view_members_list_rows(v->rows);
	json_t			*row, *arg;

	(void)key;
	switch (a) {
	case ACT_UP:
	case ACT_DOWN:
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN:
	case ACT_HOME:
	case ACT_END:
		/* More rows as the cursor nears the end of the loaded. */
		if (tui_pages_move(&d->pg, a, lr))
			view_members_load(v, true);
		return (true);
	case ACT_ENTER:
		/* The proposals of the member under the cursor. */
		if ((row = json_array_get(d->pg.rows, d->pg.list.cur)) == NULL ||
		    !json_is_string(json_object_get(row, "name")))
			return (true);
		arg = json_pack("{s:O}", "author", json_object_get(row,
		    "name"));
		view_open(v->tui, &view_proposals_ops, arg);
		json_decref(arg);
		return (true);
	case ACT_REPORT:
		view_members_report(v);
		return (true);
	case ACT_KUDOS:
	case ACT_KUDOS_LIST:
		if ((row = json_array_get(d->pg.rows, d->pg.list.cur)) == NULL ||
		    !json_is_string(json_object_get(row, "name")))
			return (true);
		if (a == ACT_KUDOS) {
			view_members_kudos(v, row);
			return (true);
		}
		arg = json_pack("{s:O}", "member", json_object_get(row,
		    "name"));
		view_open(v->tui, &view_kudos_ops, arg);
		json_decref(arg);
		return (true);
	default:
		return (false);
	}
}

/* Joins, roles and contributions change the list. */
static void
view_members_event(struct view *v, json_t *ev)
{
	const char	*type = json_string_value(json_object_get(ev, "type"));
	const char	*p;
	size_t		 i, n;

	if (type == NULL)
		return;
	for (i = 0; i < MOOT_NITEMS(view_members_events); i++) {
		p = view_members_events[i];
		n = strlen(p);
		if (p[n - 1] == '.' ? strncmp(type, p, n) == 0 :
		    strcmp(type, p) == 0) {
			v->stale = true;
			v->dirty = true;
			return;
		}
	}
}

static const struct tui_hint view_members_hints[] = {
	{ ACT_ENTER, "proposals by" },
	{ ACT_KUDOS, "give kudos" },
	{ ACT_KUDOS_LIST, "kudos" },
	{ ACT_REPORT, "report" },
	{ ACT_RELOAD, "reload" },
	{ ACT_VIEW_PROPOSALS, "proposals" },
	{ ACT_HELP, "help" },
	{ ACT_BACK, "back" },
	{ ACT_NONE, NULL }
};

const struct view_ops view_members_ops = {
	.name = "members",
	.scope = "members",
	.hints = view_members_hints,
	.init = view_members_init,
	.free = view_members_free,
	.reload = view_members_reload,
	.draw = view_members_draw,
	.key = view_members_key,
	.event = view_members_event,
	.title = view_members_title,
};
