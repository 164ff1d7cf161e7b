/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The vote form: a ballot in the shape the frozen rule's method asks
 * for, opened from the proposal view with {"id", "title", "vote"} (the
 * vote object of the "show" reply, copied). It starts from the reader's
 * current ballot, if any.
 *
 *	yesno, consent, consensus,	one choice (radio): the cursor is
 *	plurality			the choice
 *	approval			checkboxes, Space ticks
 *	schulze, irv, stv		a ranking: K/J move the option a
 *					level up or down, = ties it with
 *					the row above (again: unties)
 *	score				a slider per option, 0..score_max
 *	dot				points per option, never more in
 *					all than the budget
 *
 * Enter sends "vote" {id, choice}. Options are named by their number
 * (names may hold characters that are awkward in a ballot), unless an
 * option is itself called that number, then by name. On success the form
 * closes and the status line says what was cast; on refusal the form
 * stays, every choice kept, with the server's sentence in it. q leaves
 * without voting.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "moot/tally.h"
#include "moot/util.h"
#include "../cli/moot.h"
#include "tui.h"

struct view_vote {
	int64_t			 id;
	char			*title;
	enum tally_method	 method;
	enum tally_ballot_kind	 kind;
	bool			 radio;

	size_t			 n;
	char			**names;	/* the choices or options */
	char			**tokens;	/* what the ballot says */
	unsigned		 max;		/* score_max, or the budget */

	size_t			 cur;		/* the row of the cursor */
	size_t			 top;
	size_t			 chosen;	/* radio */
	unsigned		*value;		/* ticks, scores, points */
	size_t			*ord;		/* ranking: row -> option */
	bool			*tie;		/* row tied with the above */

	bool			 sending;
	char			*error;		/* the last refusal */
};

/* The header's title. Caller frees. */
static char *
view_vote_title(struct view *v)
{
	struct view_vote	*d = v->data;

	return (xasprintf("vote on #%lld", (long long)d->id));
}

/* The option called s (exact, then case-blind, as the core finds it). */
static ssize_t
view_vote_find(struct view_vote *d, const char *s)
{
	size_t	i;
	ssize_t	found = -1;

	for (i = 0; i < d->n; i++) {
		if (strcmp(d->names[i], s) == 0)
			return ((ssize_t)i);
	}
	for (i = 0; i < d->n; i++) {
		if (strcasecmp(d->names[i], s) == 0) {
			if (found != -1)
				return (-1);
			found = (ssize_t)i;
		}
	}
	return (found);
}

/* Trim blanks at both ends, in place. */
static char *
view_vote_trim(char *s)
{
	char	*e;

	s += strspn(s, " \t");
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return (s);
}

/* How each option is named in the ballot: its number, if unambiguous. */
static void
view_vote_tokens(struct view_vote *d)
{
	size_t	 i, j;
	char	*num;
	bool	 clash;

	d->tokens = xcalloc(d->n, sizeof *d->tokens);
	for (i = 0; i < d->n; i++) {
		num = xasprintf("%zu", i + 1);
		clash = false;
		for (j = 0; j < d->n && d->kind != TALLY_BALLOT_CHOICE; j++) {
			if (j != i && strcasecmp(d->names[j], num) == 0)
				clash = true;
		}
		if (d->kind == TALLY_BALLOT_CHOICE || clash) {
			free(num);
			d->tokens[i] = xstrdup(d->names[i]);
		} else
			d->tokens[i] = num;
	}
}

/* A ranking from "A > B = C" (the ballot the server shows back). */
static void
view_vote_parse_ranked(struct view_vote *d, const char *text)
{
	char	*copy, *s, *level, *item;
	bool	*placed, first;
	size_t	 row = 0, i;
	ssize_t	 k;

	placed = xcalloc(d->n, sizeof *placed);
	copy = s = xstrdup(text);
	while ((level = strsep(&s, ">")) != NULL) {
		first = true;
		while ((item = strsep(&level, "=")) != NULL) {
			k = view_vote_find(d, view_vote_trim(item));
			if (k < 0 || placed[k] || row == d->n)
				continue;
			placed[k] = true;
			d->ord[row] = (size_t)k;
			d->tie[row] = !first && row > 0;
			row++;
			first = false;
		}
	}
	free(copy);
	/* Options the ballot left out rank tied last, as the core counts. */
	first = true;
	for (i = 0; i < d->n; i++) {
		if (placed[i])
			continue;
		d->ord[row] = i;
		d->tie[row] = !first && row > 0;
		row++;
		first = false;
	}
	free(placed);
}

/* Marks from "A, B" (approval) or "A=5, B=3" (score, dot). */
static void
view_vote_parse_marks(struct view_vote *d, const char *text)
{
	char	*copy, *s, *item, *eq;
	ssize_t	 k;
	long	 n;

	copy = s = xstrdup(text);
	while ((item = strsep(&s, ",")) != NULL) {
		n = 1;
		if ((eq = strchr(item, '=')) != NULL) {
			*eq++ = '\0';
			n = strtol(eq, NULL, 10);
		}
		if ((k = view_vote_find(d, view_vote_trim(item))) >= 0 &&
		    n >= 0 && (unsigned long)n <= d->max)
			d->value[k] = (unsigned)n;
	}
	free(copy);
}

/* The points given so far (dot voting). */
static unsigned
view_vote_spent(struct view_vote *d)
{
	size_t		i;
	unsigned	sum = 0;

	for (i = 0; i < d->n; i++)
		sum += d->value[i];
	return (sum);
}

/*
 * Set the form up from {"id", "title", "vote"} (borrowed): the method,
 * its choices or options, and the ballot already cast.
 */
static void
view_vote_init(struct view *v, json_t *arg)
{
	struct view_vote	*d;
	json_t			*vote = json_object_get(arg, "vote");
	json_t			*rule = json_object_get(vote, "text"), *o;
	const char *const	*c;
	const char		*mine, *s;
	size_t			 i;

	d = xcalloc(1, sizeof *d);
	v->data = d;
	d->id = json_integer_value(json_object_get(arg, "id"));
	s = json_string_value(json_object_get(arg, "title"));
	d->title = xstrdup(s != NULL ? s : "");
	s = json_string_value(json_object_get(rule, "method"));
	if (s == NULL || tally_parse_method(s, &d->method, &d->error) != 0) {
		if (d->error == NULL)
			d->error = xstrdup("this vote's rule names no method");
		return;
	}
	d->kind = tally_method_ballot_kind(d->method);
	if ((c = tally_method_choices(d->method)) != NULL) {
		for (; *c != NULL; c++) {
			d->names = xreallocarray(d->names, d->n + 1,
			    sizeof *d->names);
			d->names[d->n++] = xstrdup(*c);
		}
	} else {
		json_array_foreach(json_object_get(vote, "options"), i, o) {
			d->names = xreallocarray(d->names, d->n + 1,
			    sizeof *d->names);
			d->names[d->n++] = xstrdup(json_string_value(o) !=
			    NULL ? json_string_value(o) : "?");
		}
	}
	d->radio = d->kind == TALLY_BALLOT_CHOICE ||
	    d->method == TALLY_PLURALITY;
	d->max = 1;
	if (d->method == TALLY_SCORE || d->method == TALLY_DOT) {
		s = json_string_value(json_object_get(rule, d->method ==
		    TALLY_SCORE ? "score_max" : "budget"));
		d->max = s != NULL ? (unsigned)strtoul(s, NULL, 10) : 10;
		if (d->max == 0)
			d->max = 10;
	}
	view_vote_tokens(d);
	d->value = xcalloc(d->n + 1, sizeof *d->value);
	d->ord = xcalloc(d->n + 1, sizeof *d->ord);
	d->tie = xcalloc(d->n + 1, sizeof *d->tie);
	for (i = 0; i < d->n; i++)
		d->ord[i] = i;

	/* Start from the ballot already cast. */
	mine = json_string_value(json_object_get(vote, "my_ballot"));
	if (mine == NULL || d->n == 0)
		return;
	if (d->radio) {
		if (view_vote_find(d, mine) >= 0)
			d->chosen = d->cur = (size_t)view_vote_find(d, mine);
	} else if (d->kind == TALLY_BALLOT_RANKED)
		view_vote_parse_ranked(d, mine);
	else if (strcmp(mine, "(blank)") != 0)
		view_vote_parse_marks(d, mine);
	if (d->method == TALLY_DOT && view_vote_spent(d) > d->max)
		memset(d->value, 0, d->n * sizeof *d->value);
}

/* Free the form. */
static void
view_vote_free(struct view *v)
{
	struct view_vote	*d = v->data;
	size_t			 i;

	for (i = 0; i < d->n; i++) {
		free(d->names[i]);
		if (d->tokens != NULL)
			free(d->tokens[i]);
	}
	free(d->names);
	free(d->tokens);
	free(d->value);
	free(d->ord);
	free(d->tie);
	free(d->title);
	free(d->error);
	free(d);
}

/*
 * The ballot as text: with the tokens sent to the server (numbers), or
 * with the names to show the reader. Caller frees.
 */
static char *
view_vote_choice(struct view_vote *d, bool names)
{
	struct buf	  b;
	char		**w = names ? d->names : d->tokens;
	size_t		  i;

	buf_init(&b);
	if (d->radio)
		buf_adds(&b, w[d->chosen]);
	else if (d->kind == TALLY_BALLOT_RANKED) {
		for (i = 0; i < d->n; i++) {
			if (i != 0)
				buf_adds(&b, d->tie[i] ? (names ? " = " : "=") :
				    (names ? " > " : ">"));
			buf_adds(&b, w[d->ord[i]]);
		}
	} else if (d->kind == TALLY_BALLOT_APPROVAL) {
		for (i = 0; i < d->n; i++) {
			if (d->value[i] != 0)
				buf_addf(&b, "%s%s", b.len == 0 ? "" : names ?
				    ", " : ",", w[i]);
		}
	} else {
		for (i = 0; i < d->n; i++) {
			if (names && d->value[i] == 0)
				continue;
			buf_addf(&b, "%s%s=%u", b.len == 0 ? "" : names ?
			    ", " : ",", w[i], d->value[i]);
		}
	}
	buf_addc(&b, '\0');
	return (buf_steal(&b, NULL));
}

/* What to do, in one line for the method. */
static const char *
view_vote_how(struct view_vote *d)
{
	switch (d->method) {
	case TALLY_YESNO:
	case TALLY_CONSENT:
	case TALLY_CONSENSUS:
	case TALLY_PLURALITY:
		return ("choose one (j/k), Enter casts it");
	case TALLY_APPROVAL:
		return ("tick what you approve (Space), Enter");
	case TALLY_SCORE:
		return ("score each option (h/l), Enter");
	case TALLY_DOT:
		return ("spread your points (h/l), Enter");
	case TALLY_SCHULZE:
	case TALLY_IRV:
	case TALLY_STV:
		return ("K/J move up/down, = ties with the row above");
	}
	return ("");
}

/* The rows [a, b] of the rank (tied or alone) that row r is in. */
static void
view_vote_group(struct view_vote *d, size_t r, size_t *a, size_t *b)
{
	*a = r;
	while (*a > 0 && d->tie[*a])
		(*a)--;
	*b = r;
	while (*b + 1 < d->n && d->tie[*b + 1])
		(*b)++;
}

/* Take row r out of the ranking; the rows after it move up. */
static size_t
view_vote_take(struct view_vote *d, size_t r)
{
	size_t	opt = d->ord[r];
	bool	lead = !d->tie[r];

	memmove(d->ord + r, d->ord + r + 1, (d->n - r - 1) * sizeof *d->ord);
	memmove(d->tie + r, d->tie + r + 1, (d->n - r - 1) * sizeof *d->tie);
	/* A group that lost its first row is led by the next. */
	if (lead && r < d->n - 1)
		d->tie[r] = false;
	return (opt);
}

/* Put opt back at row r, alone in its rank. */
static void
view_vote_put(struct view_vote *d, size_t r, size_t opt)
{
	memmove(d->ord + r + 1, d->ord + r, (d->n - r - 1) * sizeof *d->ord);
	memmove(d->tie + r + 1, d->tie + r, (d->n - r - 1) * sizeof *d->tie);
	d->ord[r] = opt;
	d->tie[r] = false;
	if (r + 1 < d->n)
		d->tie[r + 1] = false;
}

/*
 * Move the option under the cursor a rank up (or down): out of a tie to
 * just above (below) its group, or past the whole group above (below).
 */
static void
view_vote_rank(struct view_vote *d, bool up)
{
	size_t	a, b, a2, b2, opt, r = d->cur;

	view_vote_group(d, r, &a, &b);
	if (up) {
		if (a == b && a == 0)
			return;
		if (a != b)
			a2 = a;
		else
			view_vote_group(d, a - 1, &a2, &b2);
		opt = view_vote_take(d, r);
		view_vote_put(d, a2, opt);
		d->cur = a2;
	} else {
		if (a == b && b + 1 == d->n)
			return;
		if (a != b)
			b2 = b;
		else
			view_vote_group(d, b + 1, &a2, &b2);
		opt = view_vote_take(d, r);
		/* Rows after r moved up by one. */
		b2--;
		/* After the group: keep the rows below it untied from us. */
		memmove(d->ord + b2 + 2, d->ord + b2 + 1, (d->n - b2 - 2) *
		    sizeof *d->ord);
		memmove(d->tie + b2 + 2, d->tie + b2 + 1, (d->n - b2 - 2) *
		    sizeof *d->tie);
		d->ord[b2 + 1] = opt;
		d->tie[b2 + 1] = false;
		d->cur = b2 + 1;
	}
}

/* Set the form's sentence (and the status line's); NULL clears it. */
static void
view_vote_say(struct view *v, const char *s)
{
	struct view_vote	*d = v->data;

	free(d->error);
	d->error = s != NULL ? xstrdup(s) : NULL;
	if (s != NULL)
		tui_status(v->tui, S_ERROR, "%s", s);
}

/* More or fewer points (score, dot) for the option under the cursor. */
static void
view_vote_points(struct view *v, int delta)
{
	struct view_vote	*d = v->data;
	unsigned		*p = &d->value[d->cur];
	char			*s;

	if (d->kind == TALLY_BALLOT_APPROVAL) {
		*p = delta > 0;
		return;
	}
	if (d->kind != TALLY_BALLOT_SCORE)
		return;
	if (delta < 0) {
		if (*p > 0)
			(*p)--;
		return;
	}
	if (d->method == TALLY_SCORE && *p >= d->max) {
		s = xasprintf("%u is the highest score", d->max);
		view_vote_say(v, s);
		free(s);
		return;
	}
	if (d->method == TALLY_DOT && view_vote_spent(d) >= d->max) {
		s = xasprintf("no points left (%u in all): take some from "
		    "another option first", d->max);
		view_vote_say(v, s);
		free(s);
		return;
	}
	(*p)++;
}

/* The server's answer to the ballot. */
static void
view_vote_cast_cb(struct view *v, json_t *result, const char *code,
    const char *message, json_t *ctx)
{
	struct view_vote	*d = v->data;
	struct tui		*t = v->tui;
	const char		*choice;
	char			*s;

	(void)code;
	(void)ctx;
	d->sending = false;
	if (result == NULL) {
		view_vote_say(v, message);
		return;
	}
	choice = json_string_value(json_object_get(result, "choice"));
	s = xasprintf("you voted %s on #%lld%s", choice != NULL ? choice : "",
	    (long long)d->id, json_is_true(json_object_get(result,
	    "changed")) ? " (your ballot changed)" : "");
	if (t->top == v)
		view_close(t);
	tui_status(t, S_GOOD, "%s", s);
	free(s);
}

/* Cast the ballot the form shows. */
static void
view_vote_submit(struct view *v)
{
	struct view_vote	*d = v->data;
	json_t			*args;
	char			*choice;

	if (d->sending || d->n == 0)
		return;
	if (d->kind == TALLY_BALLOT_APPROVAL && !d->radio) {
		choice = view_vote_choice(d, false);
		if (*choice == '\0') {
			free(choice);
			view_vote_say(v, "tick at least one option (Space) "
			    "before you cast the ballot");
			return;
		}
		free(choice);
	}
	choice = view_vote_choice(d, false);
	args = json_pack("{s:I,s:s}", "id", (json_int_t)d->id, "choice",
	    choice);
	free(choice);
	if (tui_request(v, "vote", args, view_vote_cast_cb, NULL) == 0)
		d->sending = true;
	json_decref(args);
}

/* An action on the form; q is left to the engine (back, no vote). */
static bool
view_vote_key(struct view *v, enum tui_action a, int key)
{
	struct view_vote	*d = v->data;
	struct tui_list		 l;

	(void)key;
	if (d->n == 0)
		return (false);
	/* A change, or a new try: the last refusal is old news. */
	if (a != ACT_BACK && a != ACT_QUIT && !d->sending) {
		free(d->error);
		d->error = NULL;
	}
	switch (a) {
	case ACT_UP:
	case ACT_DOWN:
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN:
	case ACT_HOME:
	case ACT_END:
		l.n = d->n;
		l.cur = d->cur;
		l.top = d->top;
		tui_list_key(&l, a, v->rows > 6 ? v->rows - 6 : 1);
		d->cur = l.cur;
		d->top = l.top;
		if (d->radio)
			d->chosen = d->cur;
		return (true);
	case ACT_TOGGLE:
		if (d->radio)
			d->chosen = d->cur;
		else if (d->kind == TALLY_BALLOT_APPROVAL)
			d->value[d->cur] = !d->value[d->cur];
		return (true);
	case ACT_LEFT:
	case ACT_RIGHT:
		view_vote_points(v, a == ACT_LEFT ? -1 : 1);
		return (true);
	case ACT_MOVE_UP:
	case ACT_MOVE_DOWN:
		if (d->kind == TALLY_BALLOT_RANKED)
			view_vote_rank(d, a == ACT_MOVE_UP);
		return (true);
	case ACT_TIE:
		if (d->kind == TALLY_BALLOT_RANKED && d->cur > 0)
			d->tie[d->cur] = !d->tie[d->cur];
		return (true);
	case ACT_SUBMIT:
	case ACT_ENTER:
		view_vote_submit(v);
		return (true);
	default:
		return (false);
	}
}

/* One row of the form: the option under its control. */
static void
view_vote_row(struct view *v, WINDOW *w, int y, size_t r, int cols)
{
	struct view_vote	*d = v->data;
	size_t			 opt = d->kind == TALLY_BALLOT_RANKED ?
				    d->ord[r] : r, i, rank;
	bool			 sel = r == d->cur;
	enum tui_style		 st = sel ? S_SELECTED : S_NORMAL;
	int			 nw, bw;

	if (sel)
		tui_fill(w, y, 0, cols, S_SELECTED);
	if (d->radio) {
		tui_textf(w, y, 2, cols - 2, st, "(%c) %s", r == d->chosen ?
		    '*' : ' ', d->names[opt]);
		return;
	}
	switch (d->kind) {
	case TALLY_BALLOT_CHOICE:
		break;
	case TALLY_BALLOT_APPROVAL:
		tui_textf(w, y, 2, cols - 2, st, "[%c] %s", d->value[opt] ?
		    'x' : ' ', d->names[opt]);
		break;
	case TALLY_BALLOT_RANKED:
		for (rank = 0, i = 0; i <= r; i++) {
			if (!d->tie[i])
				rank++;
		}
		if (d->tie[r])
			tui_text(w, y, 2, 4, "=", sel ? st : S_DIM);
		else
			tui_textf(w, y, 2, 4, st, "%zu.", rank);
		tui_text(w, y, 6, cols - 6, d->names[opt], st);
		break;
	case TALLY_BALLOT_SCORE:
		nw = cols < 70 ? 16 : 24;
		bw = cols - 2 - nw - 1 - 10;
		tui_text(w, y, 2, nw, d->names[opt], st);
		tui_bar(w, y, 2 + nw + 1, bw, (double)d->value[opt] / d->max,
		    -1, -1, S_BAR);
		if (d->method == TALLY_SCORE)
			tui_textf(w, y, 2 + nw + 1 + bw + 1, 9, st, "%u/%u",
			    d->value[opt], d->max);
		else
			tui_textf(w, y, 2 + nw + 1 + bw + 1, 9, st, "%u pt%s",
			    d->value[opt], d->value[opt] == 1 ? "" : "s");
		break;
	}
}

/* The form: how to fill it, its rows, the ballot, the last refusal. */
static void
view_vote_draw(struct view *v, WINDOW *w, int rows, int cols)
{
	struct view_vote	*d = v->data;
	struct tui_list		 l;
	char			**lines, *choice;
	size_t			 n, i;
	int			 y, list;

	tui_textf(w, 0, 0, cols, S_BOLD, "#%lld %s", (long long)d->id,
	    d->title);
	if (d->n == 0) {
		tui_text(w, 2, 0, cols, d->error != NULL ? d->error :
		    "this vote has nothing to choose from", S_ERROR);
		return;
	}
	tui_textf(w, 1, 0, cols, S_DIM, "%s: %s", tally_method_name(d->method),
	    view_vote_how(d));
	y = 2;
	if (d->method == TALLY_DOT)
		tui_textf(w, y, 0, cols, S_NORMAL, "%u of %u points left",
		    d->max - view_vote_spent(d), d->max);
	y = 3;
	/* The rows, then what the ballot says and the last refusal. */
	list = rows - y - 3;
	if (list < 1)
		list = 1;
	l.n = d->n;
	l.cur = d->cur;
	l.top = d->top;
	tui_list_show(&l, list);
	d->top = l.top;
	for (i = d->top; i < d->n && y < 3 + list; i++, y++)
		view_vote_row(v, w, y, i, cols);
	y = 3 + list;
	choice = view_vote_choice(d, true);
	tui_textf(w, y++, 0, cols, S_DIM, "ballot: %s", *choice != '\0' ?
	    choice : "(nothing ticked)");
	free(choice);
	if (d->error != NULL) {
		lines = tui_wrap(d->error, cols, &n);
		for (i = 0; i < n && y < rows; i++)
			tui_text(w, y++, 0, cols, lines[i], S_ERROR);
		tui_wrap_free(lines, n);
	} else if (d->sending && y < rows)
		tui_text(w, y, 0, cols, "casting...", S_DIM);
}

static const struct tui_hint view_vote_hints_radio[] = {
	{ ACT_DOWN, "choose" }, { ACT_SUBMIT, "cast" },
	{ ACT_BACK, "leave without voting" }, { ACT_NONE, NULL }
};
static const struct tui_hint view_vote_hints_approval[] = {
	{ ACT_DOWN, "move" }, { ACT_TOGGLE, "tick" }, { ACT_SUBMIT, "cast" },
	{ ACT_BACK, "leave without voting" }, { ACT_NONE, NULL }
};
static const struct tui_hint view_vote_hints_ranked[] = {
	{ ACT_DOWN, "move" }, { ACT_MOVE_UP, "rank up" },
	{ ACT_MOVE_DOWN, "rank down" }, { ACT_TIE, "tie" },
	{ ACT_SUBMIT, "cast" }, { ACT_BACK, "leave" }, { ACT_NONE, NULL }
};
static const struct tui_hint view_vote_hints_score[] = {
	{ ACT_DOWN, "move" }, { ACT_LEFT, "less" }, { ACT_RIGHT, "more" },
	{ ACT_SUBMIT, "cast" }, { ACT_BACK, "leave without voting" },
	{ ACT_NONE, NULL }
};
static const struct tui_hint view_vote_hints_other[] = {
	{ ACT_SUBMIT, "cast" }, { ACT_BACK, "leave without voting" },
	{ ACT_NONE, NULL }
};

/* The hints of the method's form, with the keys in force. */
static const struct tui_hint *
view_vote_hints(struct view *v)
{
	struct view_vote	*d = v->data;

	if (d->radio)
		return (view_vote_hints_radio);
	switch (d->kind) {
	case TALLY_BALLOT_APPROVAL:
		return (view_vote_hints_approval);
	case TALLY_BALLOT_RANKED:
		return (view_vote_hints_ranked);
	case TALLY_BALLOT_SCORE:
		return (view_vote_hints_score);
	case TALLY_BALLOT_CHOICE:
		break;
	}
	return (view_vote_hints_other);
}

/* The vote closing under the form: say so, keep the form. */
static void
view_vote_event(struct view *v, json_t *ev)
{
	struct view_vote	*d = v->data;
	const char		*type, *ref;
	char			 mine[32], *s;

	type = json_string_value(json_object_get(ev, "type"));
	ref = json_string_value(json_object_get(ev, "ref"));
	snprintf(mine, sizeof mine, "proposal:%lld", (long long)d->id);
	if (type == NULL || ref == NULL || strcmp(ref, mine) != 0)
		return;
	if (strcmp(type, "vote.closed") == 0 ||
	    strcmp(type, "vote.vetoed") == 0) {
		s = xasprintf("voting on #%lld has %s: this ballot can no "
		    "longer be cast", (long long)d->id, strcmp(type,
		    "vote.closed") == 0 ? "closed" : "been vetoed");
		free(d->error);
		d->error = s;
		v->dirty = true;
	}
}

const struct view_ops view_vote_ops = {
	.name = "vote",
	.scope = "vote",
	.hints_for = view_vote_hints,
	.init = view_vote_init,
	.free = view_vote_free,
	.draw = view_vote_draw,
	.key = view_vote_key,
	.event = view_vote_event,
	.title = view_vote_title,
};
