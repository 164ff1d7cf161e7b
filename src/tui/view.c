/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The view engine: a stack of views (Enter opens one on top, q goes back
 * to the one below), the table of views that digits and ":name" open,
 * key dispatch (the prompt first, then the top view, then the global
 * actions here) and the ":" command line.
 *
 * Adding a view is one new file (view-NAME.c with its struct view_ops)
 * and its line in view_table; its keys are rows of tui_bindings with
 * its scope.
 *
 *	view_open      push: init() asks the server, draw() shows
 *	               "loading" until the reply comes
 *	view_close     pop: free(); the view below is shown again and
 *	               reloads first if events made it stale
 *	view_replace   back to the given top-level view (a digit)
 */
#include <stdlib.h>
#include <string.h>

#include "moot/util.h"
#include "../cli/moot.h"
#include "tui.h"

const struct view_ops *const view_table[] = {
	&view_proposals_ops,
	&view_proposal_ops,
	&view_members_ops,
	&view_log_ops,
	&view_disputes_ops,
	&view_dispute_ops,
	&view_help_ops,
	&view_vote_ops,
	&view_progress_ops,
	&view_stats_ops,
	&view_board_ops,
	&view_kudos_ops,
	NULL
};

/* The view named name, or NULL. */
const struct view_ops *
view_find(const char *name)
{
	size_t	i;

	for (i = 0; view_table[i] != NULL; i++) {
		if (strcmp(view_table[i]->name, name) == 0)
			return (view_table[i]);
	}
	return (NULL);
}

/* Open a view of ops on top, set up from arg (borrowed, may be NULL). */
struct view *
view_open(struct tui *t, const struct view_ops *ops, json_t *arg)
{
	struct view	*v;

	v = xcalloc(1, sizeof *v);
	v->ops = ops;
	v->tui = t;
	v->serial = ++t->next_serial;
	v->below = t->top;
	v->dirty = true;
	t->top = v;
	ops->init(v, arg);
	tui_dirty(t);
	return (v);
}

/* Close the top view; the one below is shown again. */
void
view_close(struct tui *t)
{
	struct view	*v = t->top;

	if (v == NULL)
		return;
	t->top = v->below;
	if (v->ops->free != NULL)
		v->ops->free(v);
	free(v);
	if (t->top != NULL)
		t->top->dirty = true;
	tui_dirty(t);
}

/* Go to the top-level view of ops: back to it if it is open, else
 * alone. */
void
view_replace(struct tui *t, const struct view_ops *ops, json_t *arg)
{
	struct view	*v;

	for (v = t->top; v != NULL; v = v->below) {
		if (v->ops == ops && arg == NULL)
			break;
	}
	if (v != NULL) {
		while (t->top != v)
			view_close(t);
		return;
	}
	while (t->top != NULL)
		view_close(t);
	view_open(t, ops, arg);
}

/* The open view with this serial, or NULL (it was closed). */
struct view *
view_by_serial(struct tui *t, uint64_t serial)
{
	struct view	*v;

	for (v = t->top; v != NULL; v = v->below) {
		if (v->serial == serial)
			return (v);
	}
	return (NULL);
}

/* Draw v on the next frame (if it is on top). */
void
view_dirty(struct view *v)
{
	v->dirty = true;
}

/* Every view asks again when shown (after a reconnection). */
void
view_stale_all(struct tui *t)
{
	struct view	*v;

	for (v = t->top; v != NULL; v = v->below)
		v->stale = true;
}

/* A pushed event: each open view decides whether it is touched. */
void
view_event(struct tui *t, json_t *ev)
{
	struct view	*v;

	for (v = t->top; v != NULL; v = v->below) {
		if (v->ops->event != NULL)
			v->ops->event(v, ev);
	}
}

/* The ":" prompt's text. */
static void
view_command_cb(struct view *v, const char *text, json_t *ctx)
{
	(void)ctx;
	view_command(v->tui, text);
}

/*
 * A command line: q, quit; a number (#N) opens that proposal; a view's
 * name opens it; anything else goes to the top view's key handler as
 * text is not an action: it is refused with a sentence.
 */
void
view_command(struct tui *t, const char *text)
{
	const struct view_ops	*ops;
	json_t			*arg;
	char			*copy, *word, *rest, *end;
	long long		 id;

	copy = xstrdup(text);
	rest = copy + strspn(copy, " \t");
	word = strsep(&rest, " \t");
	if (rest != NULL)
		rest += strspn(rest, " \t");
	if (*word == '\0')
		goto out;
	if (strcmp(word, "q") == 0 || strcmp(word, "quit") == 0) {
		t->quit = true;
		goto out;
	}
	id = strtoll(word + (*word == '#'), &end, 10);
	if (*end == '\0' && id > 0) {
		arg = json_pack("{s:I}", "id", (json_int_t)id);
		view_open(t, &view_proposal_ops, arg);
		json_decref(arg);
		goto out;
	}
	if (strcmp(word, "search") == 0 || strcmp(word, "filter") == 0 ||
	    strcmp(word, "sort") == 0) {
		arg = json_pack("{s:s}", word, rest != NULL ? rest : "");
		view_replace(t, &view_proposals_ops, NULL);
		if (t->top->ops == &view_proposals_ops)
			view_proposals_set(t->top, arg);
		json_decref(arg);
		goto out;
	}
	/* Views that show one thing need it: they open from another. */
	if ((ops = view_find(word)) != NULL && ops != &view_proposal_ops &&
	    ops != &view_vote_ops && ops != &view_dispute_ops &&
	    ops != &view_board_ops && ops != &view_kudos_ops) {
		view_replace(t, ops, NULL);
		goto out;
	}
	tui_status(t, S_ERROR, "unknown command \"%s\" (try :q, :N, "
	    ":proposals, :members, :log, :disputes, :progress, :stats, "
	    ":help, :search WORDS, :filter STATE, :sort KEY)", word);
out:
	free(copy);
}

/* A key for the top view, then the global actions. */
void
view_key(struct tui *t, int key)
{
	struct view	*v = t->top;
	enum tui_action	 a;
	char		*name;

	a = tui_keys_action(v != NULL ? v->ops->scope : NULL, key);
	if (v != NULL && v->ops->key != NULL && v->ops->key(v, a, key)) {
		v->dirty = true;
		return;
	}
	switch (a) {
	case ACT_BACK:
		if (v != NULL && v->below != NULL)
			view_close(t);
		else
			t->quit = true;
		break;
	case ACT_QUIT:
		t->quit = true;
		break;
	case ACT_VIEW_PROPOSALS:
		view_replace(t, &view_proposals_ops, NULL);
		break;
	case ACT_VIEW_MEMBERS:
		view_replace(t, &view_members_ops, NULL);
		break;
	case ACT_VIEW_LOG:
		view_replace(t, &view_log_ops, NULL);
		break;
	case ACT_VIEW_DISPUTES:
		view_replace(t, &view_disputes_ops, NULL);
		break;
	case ACT_VIEW_PROGRESS:
		view_replace(t, &view_progress_ops, NULL);
		break;
	case ACT_VIEW_STATS:
		view_replace(t, &view_stats_ops, NULL);
		break;
	case ACT_HELP:
		if (v == NULL || v->ops != &view_help_ops)
			view_open(t, &view_help_ops, NULL);
		break;
	case ACT_COMMAND:
		if (v != NULL)
			tui_prompt(v, ":", NULL, view_command_cb, NULL);
		break;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		tui_dirty(t);
		break;
	case ACT_RELOAD:
		if (v != NULL)
			v->stale = true;
		break;
	case ACT_PROPOSE:
		if (v != NULL)
			view_proposals_propose(v);
		break;
	default:
		name = tui_keys_name(key);
		tui_status(t, S_DIM, "%s does nothing here (? lists the keys)",
		    name);
		free(name);
		break;
	}
}
