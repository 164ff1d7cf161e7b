/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The help view, generated from the key table (tui_bindings) with the
 * keys in force, so that what moot.conf's [keys] rebinds is what it
 * shows: one section per scope, a row per action (its keys, its name for
 * [keys], what it does).
 */
#include <stdlib.h>
#include <string.h>

#include "moot/util.h"
#include "../cli/moot.h"
#include "tui.h"

struct view_help {
	struct tui_list	 list;
	json_t		*lines;		/* [style, text] per line */
};

static const struct {
	const char	*scope;
	const char	*title;
} view_help_scopes[] = {
	{ "global", "Everywhere" },
	{ "proposals", "Proposals" },
	{ "proposal", "A proposal" },
	{ "members", "Members" },
	{ "disputes", "Disputes" },
	{ "dispute", "A dispute" },
	{ "board", "An initiative's board" },
	{ "vote", "The vote form" },
	{ "log", "The log" },
};

static void
view_help_add(json_t *lines, int style, const char *text)
{
	json_array_append_new(lines, json_pack("[i,s]", style, text));
}

static void
view_help_init(struct view *v, json_t *arg)
{
	struct view_help	*d;
	size_t			 i, k;
	char			*keys, *line;

	(void)arg;
	d = xcalloc(1, sizeof *d);
	v->data = d;
	d->lines = json_array();
	view_help_add(d->lines, S_BOLD, "moot: the keys in force "
	    "(moot.conf's [keys] changes them; see moot(1), KEYS)");
	for (k = 0; k < MOOT_NITEMS(view_help_scopes); k++) {
		view_help_add(d->lines, S_NORMAL, "");
		view_help_add(d->lines, S_BOLD, view_help_scopes[k].title);
		for (i = 0; tui_bindings[i].name != NULL; i++) {
			if (strcmp(tui_bindings[i].scope,
			    view_help_scopes[k].scope) != 0)
				continue;
			keys = tui_keys_help_row(i);
			line = xasprintf("  %-22s %-12s %s", keys,
			    tui_bindings[i].name, tui_bindings[i].help);
			view_help_add(d->lines, S_NORMAL, line);
			free(line);
			free(keys);
		}
	}
	view_help_add(d->lines, S_NORMAL, "");
	view_help_add(d->lines, S_BOLD, "On the bottom line");
	view_help_add(d->lines, S_NORMAL, "  Enter done, Esc or ^G cancel, "
	    "^A ^E start and end, ^U erase to the start");
	d->list.n = json_array_size(d->lines);
}

static void
view_help_free(struct view *v)
{
	struct view_help	*d = v->data;

	json_decref(d->lines);
	free(d);
}

static void
view_help_draw(struct view *v, WINDOW *w, int rows, int cols)
{
	struct view_help	*d = v->data;
	json_t			*line;
	size_t			 i;
	int			 y;

	/* The cursor is the first line shown: help scrolls, no selection. */
	if (d->list.n > (size_t)rows && d->list.top > d->list.n - (size_t)rows)
		d->list.top = d->list.n - (size_t)rows;
	for (y = 0, i = d->list.top; i < d->list.n && y < rows; i++, y++) {
		line = json_array_get(d->lines, i);
		tui_text(w, y, 0, cols, json_string_value(json_array_get(line,
		    1)), (enum tui_style)json_integer_value(
		    json_array_get(line, 0)));
	}
}

static bool
view_help_key(struct view *v, enum tui_action a, int key)
{
	struct view_help	*d = v->data;

	(void)key;
	if (tui_scroll(&d->list.top, d->list.n, v->rows, a))
		return (true);
	switch (a) {
	case ACT_HELP:
		return (true);
	default:
		return (false);
	}
}

static char *
view_help_title(struct view *v)
{
	(void)v;
	return (xstrdup("help"));
}

static const struct tui_hint view_help_hints[] = {
	{ ACT_DOWN, "down" },
	{ ACT_UP, "up" },
	{ ACT_PAGE_DOWN, "page" },
	{ ACT_BACK, "back" },
	{ ACT_NONE, NULL }
};

const struct view_ops view_help_ops = {
	.name = "help",
	.scope = "help",
	.hints = view_help_hints,
	.init = view_help_init,
	.free = view_help_free,
	.draw = view_help_draw,
	.key = view_help_key,
	.title = view_help_title,
};
