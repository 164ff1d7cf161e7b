/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Key bindings: one table (tui_bindings) of every action with its name,
 * its scope, its default keys and a line of help. The help view is
 * generated from it, moot(1) documents it, and moot.conf's [keys]
 * section rebinds any row by name:
 *
 *	[keys]
 *	down = j <Down> ^N
 *	vote.vote = V
 *
 * A name alone binds in every scope it has; "scope.name" in one. The
 * keys given replace the defaults of that row. Key names: a character
 * ("j", "?", "é"), ^X for control keys, or one of <Up> <Down> <Left>
 * <Right> <PageUp> <PageDown> <Home> <End> <Enter> <Esc> <Tab>
 * <BackTab> <Space> <Backspace> <Delete> <F1>..<F12>.
 *
 * Lookup: the view's scope first, then "global".
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "moot/util.h"
#include "../cli/moot.h"
#include "tui.h"

const struct tui_binding tui_bindings[] = {
	{ ACT_UP, "up", "global", "k <Up> ^P", "move up" },
	{ ACT_DOWN, "down", "global", "j <Down> ^N", "move down" },
	{ ACT_PAGE_UP, "page-up", "global", "<PageUp> ^B", "page up" },
	{ ACT_PAGE_DOWN, "page-down", "global", "<PageDown> ^F <Space>",
	  "page down" },
	{ ACT_HOME, "home", "global", "g <Home>", "first row" },
	{ ACT_END, "end", "global", "G <End>", "last row" },
	{ ACT_ENTER, "enter", "global", "<Enter>", "open the selected row" },
	{ ACT_BACK, "back", "global", "q <Esc> <Left>",
	  "back to the previous view (quits from the first)" },
	{ ACT_QUIT, "quit", "global", "Q", "quit moot" },
	{ ACT_PANE, "pane", "global", "<Tab>", "next pane" },
	{ ACT_SEARCH, "search", "global", "/", "search" },
	{ ACT_SEARCH_NEXT, "search-next", "global", "n", "next match" },
	{ ACT_SEARCH_PREV, "search-prev", "global", "N", "previous match" },
	{ ACT_VIEW_PROPOSALS, "proposals", "global", "1", "proposals view" },
	{ ACT_VIEW_MEMBERS, "members", "global", "2", "members view" },
	{ ACT_VIEW_LOG, "log", "global", "3", "log view" },
	{ ACT_VIEW_DISPUTES, "disputes", "global", "4", "disputes view" },
	{ ACT_VIEW_PROGRESS, "progress", "global", "5", "progress view" },
	{ ACT_VIEW_STATS, "stats", "global", "6", "stats view" },
	{ ACT_HELP, "help", "global", "? <F1>", "this help" },
	{ ACT_COMMAND, "command", "global", ":",
	  "command line (:q, :proposals, :log, :members, :disputes, "
	  ":progress, :stats, :help, "
	  ":N for #N)" },
	{ ACT_REDRAW, "redraw", "global", "^L", "redraw the screen" },
	{ ACT_RELOAD, "reload", "global", "r", "ask the server again" },
	{ ACT_PROPOSE, "propose", "global", "p",
	  "propose (title here, body in your editor)" },

	{ ACT_FILTER, "filter", "proposals", "f",
	  "filter by state (all, discussion, voting, closed, draft, "
	  "withdrawn)" },
	{ ACT_SORT, "sort", "proposals", "s",
	  "sort (new, activity, closing, comments)" },

	{ ACT_COMMENT, "comment", "proposal", "c", "comment (in your editor)" },
	{ ACT_PUBLISH, "publish", "proposal", "P", "publish a draft" },
	{ ACT_OPEN_VOTE, "open-vote", "proposal", "o", "open the vote" },
	{ ACT_VOTE, "vote", "proposal", "v", "vote (a form for the method)" },
	{ ACT_WITHDRAW, "withdraw", "proposal", "w", "withdraw (with a reason)" },
	{ ACT_HIDE, "hide", "proposal", "h",
	  "hide the selected comment (moderators)" },
	{ ACT_UNHIDE, "unhide", "proposal", "u",
	  "unhide the selected comment (moderators)" },
	{ ACT_REDACT, "redact", "proposal", "X",
	  "redact the selected comment, or the text (leaders)" },
	{ ACT_REPORT, "report", "proposal", "!",
	  "report the selected comment, or the proposal (a dispute)" },
	{ ACT_REDACT, "redact", "log", "X", "redact the event's body (leaders)" },

	{ ACT_REPORT, "report", "members", "!",
	  "report the selected member (a dispute)" },

	{ ACT_FILTER, "filter", "disputes", "f",
	  "filter by state (all, active, open, assigned, resolved, "
	  "appealed, final)" },
	{ ACT_MINE, "mine", "disputes", "m",
	  "only the disputes assigned to you, or all" },

	{ ACT_ASSIGN, "assign", "dispute", "a",
	  "take the dispute (moderators)" },
	{ ACT_COMMENT, "comment", "dispute", "c",
	  "comment in the thread (in your editor)" },
	{ ACT_RESOLVE, "resolve", "dispute", "R",
	  "resolve: the outcome by key, the text in your editor, then a "
	  "sanction" },
	{ ACT_UPHELD, "upheld", "dispute", "u",
	  "outcome upheld (after R or D)" },
	{ ACT_DISMISSED, "dismissed", "dispute", "d",
	  "outcome dismissed (after R)" },
	{ ACT_SETTLED, "settled", "dispute", "s", "outcome settled (after R)" },
	{ ACT_REVERSED, "reversed", "dispute", "v",
	  "decision reversed (after D)" },
	{ ACT_APPEAL, "appeal", "dispute", "A",
	  "appeal (parties, with a reason)" },
	{ ACT_DECIDE, "decide", "dispute", "D",
	  "decide the appeal (leaders): the decision by key, then a reason" },
	{ ACT_LIFT, "lift", "dispute", "L",
	  "lift the sanction in force (moderators, with a reason)" },

	{ ACT_KUDOS, "kudos", "members", "K",
	  "give the selected member kudos (a note on the last line)" },
	{ ACT_KUDOS_LIST, "kudos-list", "members", "l",
	  "the kudos the selected member received" },

	{ ACT_TAKE, "take", "board", "t", "take the selected task" },
	{ ACT_TASK_TODO, "todo", "board", "u", "set the task back to todo" },
	{ ACT_TASK_DOING, "doing", "board", "d", "set the task to doing" },
	{ ACT_TASK_BLOCKED, "blocked", "board", "b", "set the task to blocked" },
	{ ACT_TASK_DONE, "done", "board", "x", "set the task to done" },
	{ ACT_TASK_PROGRESS, "set-progress", "board", "%",
	  "set the task's progress, 0 to 100 (on the last line)" },
	{ ACT_ADD_TASK, "add-task", "board", "a",
	  "add a task (its title on the last line)" },
	{ ACT_TIMELINE, "timeline", "board", "T",
	  "the initiative's timeline, or back to the board" },
	{ ACT_LEFT, "left", "board", "h <Left>",
	  "the status column to the left" },
	{ ACT_RIGHT, "right", "board", "l <Right>",
	  "the status column to the right" },

	{ ACT_LEFT, "less", "vote", "h <Left> -", "less (score, points)" },
	{ ACT_RIGHT, "more", "vote", "l <Right> +", "more (score, points)" },
	{ ACT_TOGGLE, "toggle", "vote", "<Space> x",
	  "choose, or tick the option (approval)" },
	{ ACT_MOVE_UP, "move-up", "vote", "K", "rank the option higher" },
	{ ACT_MOVE_DOWN, "move-down", "vote", "J", "rank the option lower" },
	{ ACT_TIE, "tie", "vote", "=", "tie the option with the one above" },
	{ ACT_SUBMIT, "submit", "vote", "<Enter> s", "cast the ballot" },
	{ ACT_BACK, "back", "vote", "q <Esc>", "leave without voting" },
	{ ACT_NONE, NULL, NULL, NULL, NULL }
};

/* The keys in force per row of tui_bindings (NULL: the defaults). */
static int	*tui_keys_custom[MOOT_NITEMS(tui_bindings)];
static size_t	 tui_keys_ncustom[MOOT_NITEMS(tui_bindings)];

static const struct {
	const char	*name;
	int		 key;
} tui_keys_names[] = {
	{ "Up", TUI_KEY_FN | KEY_UP },
	{ "Down", TUI_KEY_FN | KEY_DOWN },
	{ "Left", TUI_KEY_FN | KEY_LEFT },
	{ "Right", TUI_KEY_FN | KEY_RIGHT },
	{ "PageUp", TUI_KEY_FN | KEY_PPAGE },
	{ "PageDown", TUI_KEY_FN | KEY_NPAGE },
	{ "Home", TUI_KEY_FN | KEY_HOME },
	{ "End", TUI_KEY_FN | KEY_END },
	{ "Enter", '\n' },
	{ "Esc", 27 },
	{ "Tab", '\t' },
	{ "BackTab", TUI_KEY_FN | KEY_BTAB },
	{ "Space", ' ' },
	{ "Backspace", TUI_KEY_FN | KEY_BACKSPACE },
	{ "Delete", TUI_KEY_FN | KEY_DC },
};

/*
 * Parse one key name into *key. Returns 0, or -EINVAL for a name that
 * is not a key.
 */
int
tui_keys_parse(const char *s, int *key)
{
	wchar_t	 wc;
	size_t	 i, n, len = strlen(s);
	long	 f;
	char	*end;

	if (len > 2 && s[0] == '<' && s[len - 1] == '>') {
		for (i = 0; i < MOOT_NITEMS(tui_keys_names); i++) {
			n = strlen(tui_keys_names[i].name);
			if (n == len - 2 &&
			    strncasecmp(s + 1, tui_keys_names[i].name, n) == 0) {
				*key = tui_keys_names[i].key;
				return (0);
			}
		}
		if (s[1] == 'F' || s[1] == 'f') {
			f = strtol(s + 2, &end, 10);
			if (end == s + len - 1 && f >= 1 && f <= 12) {
				*key = TUI_KEY_FN | KEY_F(f);
				return (0);
			}
		}
		return (-EINVAL);
	}
	if (len == 2 && s[0] == '^' && s[1] >= '@' && s[1] <= '_') {
		*key = s[1] - '@';
		return (0);
	}
	if (len == 2 && s[0] == '^' && s[1] >= 'a' && s[1] <= 'z') {
		*key = s[1] - 'a' + 1;
		return (0);
	}
	n = mbtowc(&wc, s, len);
	if (n == 0 || n == (size_t)-1 || n != len || wc < 0x20 ||
	    (wc >= 0x7f && wc < 0xa0))
		return (-EINVAL);
	*key = (int)wc;
	return (0);
}

/* The name of a key, as tui_keys_parse() reads it. Caller frees. */
char *
tui_keys_name(int key)
{
	char	mb[MB_LEN_MAX + 1];
	size_t	i;
	int	n;

	for (i = 0; i < MOOT_NITEMS(tui_keys_names); i++) {
		if (tui_keys_names[i].key == key)
			return (xasprintf("<%s>", tui_keys_names[i].name));
	}
	if (key & TUI_KEY_FN) {
		key &= ~TUI_KEY_FN;
		if (key >= KEY_F(1) && key <= KEY_F(12))
			return (xasprintf("<F%d>", key - KEY_F0));
		return (xasprintf("<key %d>", key));
	}
	if (key < 0x20)
		return (xasprintf("^%c", key + '@'));
	if ((n = wctomb(mb, (wchar_t)key)) <= 0)
		return (xstrdup("?"));
	mb[n] = '\0';
	return (xstrdup(mb));
}

/* The keys of row i (defaults or custom) into *keys; their count. */
static size_t
tui_keys_row(size_t i, int *keys, size_t max)
{
	char	*copy, *word, *p;
	size_t	 n = 0;
	int	 key;

	if (tui_keys_custom[i] != NULL) {
		for (n = 0; n < tui_keys_ncustom[i] && n < max; n++)
			keys[n] = tui_keys_custom[i][n];
		return (n);
	}
	copy = xstrdup(tui_bindings[i].keys);
	for (p = copy; (word = strsep(&p, " ")) != NULL;) {
		if (*word != '\0' && n < max &&
		    tui_keys_parse(word, &key) == 0)
			keys[n++] = key;
	}
	free(copy);
	return (n);
}

/* The row of scope that key is bound to, or -1. */
static ssize_t
tui_keys_find(const char *scope, int key)
{
	int	keys[16];
	size_t	i, j, n;

	for (i = 0; tui_bindings[i].name != NULL; i++) {
		if (strcmp(tui_bindings[i].scope, scope) != 0)
			continue;
		n = tui_keys_row(i, keys, MOOT_NITEMS(keys));
		for (j = 0; j < n; j++) {
			if (keys[j] == key)
				return ((ssize_t)i);
		}
	}
	return (-1);
}

/* The action of key in scope (then in "global"), or ACT_NONE. */
enum tui_action
tui_keys_action(const char *scope, int key)
{
	ssize_t	i;

	if (scope != NULL && (i = tui_keys_find(scope, key)) >= 0)
		return (tui_bindings[i].action);
	if ((i = tui_keys_find("global", key)) >= 0)
		return (tui_bindings[i].action);
	return (ACT_NONE);
}

/* The keys of row i as the help view shows them ("j <Down>"). Caller
 * frees. */
static char *
tui_keys_row_names(size_t i)
{
	struct buf	 b;
	int		 keys[16];
	size_t		 n, j;
	char		*name;

	buf_init(&b);
	n = tui_keys_row(i, keys, MOOT_NITEMS(keys));
	for (j = 0; j < n; j++) {
		name = tui_keys_name(keys[j]);
		buf_addf(&b, "%s%s", j == 0 ? "" : " ", name);
		free(name);
	}
	return (buf_steal(&b, NULL));
}

/* The keys of action in scope (for hints), or NULL. Caller frees. */
char *
tui_keys_of(const char *scope, enum tui_action a)
{
	size_t	i;

	for (i = 0; tui_bindings[i].name != NULL; i++) {
		if (tui_bindings[i].action == a &&
		    strcmp(tui_bindings[i].scope, scope) == 0)
			return (tui_keys_row_names(i));
	}
	return (NULL);
}

/* The first key of action in scope, else in "global", as its name; NULL
 * when unbound. Caller frees. */
char *
tui_keys_first(const char *scope, enum tui_action a)
{
	int		 keys[16];
	const char	*scopes[2] = { scope, "global" };
	size_t		 i, k;

	for (k = 0; k < 2; k++) {
		if (scopes[k] == NULL)
			continue;
		for (i = 0; tui_bindings[i].name != NULL; i++) {
			if (tui_bindings[i].action != a ||
			    strcmp(tui_bindings[i].scope, scopes[k]) != 0)
				continue;
			if (tui_keys_row(i, keys, MOOT_NITEMS(keys)) != 0)
				return (tui_keys_name(keys[0]));
		}
	}
	return (NULL);
}

/* Apply one [keys] line: name (or scope.name) = keys. */
static int
tui_keys_apply(const struct config_entry *e, const char *display,
    char **cause)
{
	char		*copy, *value, *p, *word, *dot;
	const char	*name = e->key, *scope = NULL;
	int		*keys = NULL, key;
	size_t		 n = 0, i;
	bool		 found = false;
	int		 error = 0;

	copy = xstrdup(e->key);
	if ((dot = strchr(copy, '.')) != NULL) {
		*dot = '\0';
		scope = copy;
		name = dot + 1;
	}
	value = xstrdup(e->value != NULL ? e->value : "");
	for (p = value; (word = strsep(&p, " \t")) != NULL;) {
		if (*word == '\0')
			continue;
		if (tui_keys_parse(word, &key) != 0) {
			error = moot_fail(cause, -EINVAL, "%s:%d: [keys] %s: "
			    "\"%s\" is not a key (a character, ^X, or <Up>, "
			    "<Enter>, <F1> and the like)", display, e->line,
			    e->key, word);
			break;
		}
		keys = xreallocarray(keys, n + 1, sizeof *keys);
		keys[n++] = key;
	}
	free(value);
	if (error == 0 && n == 0)
		error = moot_fail(cause, -EINVAL, "%s:%d: [keys] %s: no keys "
		    "given", display, e->line, e->key);
	for (i = 0; error == 0 && tui_bindings[i].name != NULL; i++) {
		if (strcmp(tui_bindings[i].name, name) != 0 ||
		    (scope != NULL &&
		    strcmp(tui_bindings[i].scope, scope) != 0))
			continue;
		found = true;
		free(tui_keys_custom[i]);
		tui_keys_custom[i] = xreallocarray(NULL, n, sizeof *keys);
		memcpy(tui_keys_custom[i], keys, n * sizeof *keys);
		tui_keys_ncustom[i] = n;
	}
	if (error == 0 && !found)
		error = moot_fail(cause, -EINVAL, "%s:%d: [keys] %s: no such "
		    "action (moot(1), KEYS, lists them)", display, e->line,
		    e->key);
	free(keys);
	free(copy);
	return (error);
}

/*
 * Read the [keys] section of the file at path (moot.conf(5)). A missing
 * file is fine. Returns 0 or -EINVAL with *cause naming the file, line
 * and key.
 */
int
tui_keys_load(struct config *cfg, const char *path, char **cause)
{
	struct config_entry	*e;
	char			*display;
	size_t			 n, i;
	int			 error;

	(void)cfg;
	if (path == NULL || access(path, F_OK) != 0)
		return (0);
	if ((error = config_ini_read(path, &e, &n, cause)) != 0)
		return (error);
	display = config_display_path(path);
	for (i = 0; i < n && error == 0; i++) {
		if (e[i].key == NULL || e[i].section == NULL ||
		    strcmp(e[i].section, "keys") != 0)
			continue;
		error = tui_keys_apply(&e[i], display, cause);
	}
	free(display);
	config_entries_free(e, n);
	return (error);
}

void
tui_keys_free(void)
{
	size_t	i;

	for (i = 0; i < MOOT_NITEMS(tui_keys_custom); i++) {
		free(tui_keys_custom[i]);
		tui_keys_custom[i] = NULL;
	}
}

/* Exported for the help view. */
char *
tui_keys_help_row(size_t i)
{
	return (tui_keys_row_names(i));
}
