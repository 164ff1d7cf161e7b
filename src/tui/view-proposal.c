/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The proposal view: one proposal as a scrollable document built from
 * the "show" reply: its header and text, what it would change, the vote
 * (the frozen rule, a countdown, turnout against the quorum, the reader's
 * ballot, the count as bars with quorum and threshold marks, and once
 * closed the outcome with the method's explanation), the discussion and
 * the timeline of its events.
 *
 * The document is a list of lines (text, bars, and the countdown, which
 * is formatted when drawn so that it ticks without a rebuild), rebuilt
 * when the data or the width changes. Tab switches between scrolling it
 * and selecting a comment; the selected comment is highlighted and kept
 * on screen. Comments come a page at a time: the next page is asked for
 * as the reader scrolls near the end of what is loaded.
 *
 * Live: events about this proposal, its votes, ballots or comments, and
 * redactions make it stale; the reload asks for every comment loaded so
 * far and keeps the scroll position and the selected comment (by id).
 *
 * Acting: comment (in the editor), publish, open the vote, vote (the
 * vote form, view-vote.c), withdraw, hide and unhide the selected
 * comment, redact the selected comment or the text, report the selected
 * comment or the proposal (a dispute, view-dispute.c). The bottom line
 * offers only what the reader's role allows; the core still decides,
 * and a refusal shows its sentence and gives back what was typed (the
 * comment to the editor, the reason to the bottom line).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "moot/core.h"
#include "moot/tally.h"
#include "moot/util.h"
#include "../cli/moot.h"
#include "tui.h"

#define VIEW_PROPOSAL_PAGE	200	/* comments per page */
#define VIEW_PROPOSAL_MAX	1000	/* comments in one reload */
#define VIEW_PROPOSAL_LABEL	14	/* cells for a bar's label */
#define VIEW_PROPOSAL_RIGHT	24	/* cells for the words after a bar */

enum view_proposal_kind {
	VIEW_PROPOSAL_TEXT,
	VIEW_PROPOSAL_BAR,
	VIEW_PROPOSAL_LEFT,		/* a countdown, formatted when drawn */
};

/* One line of the document. */
struct view_proposal_line {
	enum view_proposal_kind	 kind;
	int			 x;
	enum tui_style		 style;
	ssize_t			 comment;	/* index, or -1 */
	char			*text;		/* label of a bar */
	char			*right;		/* after a bar */
	double			 share;
	double			 mark1;
	double			 mark2;
	int64_t			 ts;		/* of a countdown */
};

struct view_proposal {
	int64_t				 id;
	json_t				*p;		/* the show reply */
	json_t				*comments;	/* loaded */
	json_t				*next;		/* comments_next */
	bool				 loaded;
	bool				 paging;
	char				*error;

	struct view_proposal_line	*lines;
	size_t				 nlines;
	size_t				*cfirst;	/* per comment */
	size_t				*clast;
	size_t				 dend;		/* after them */
	int				 built;		/* for cols */

	size_t				 top;		/* shown first */
	bool				 select;	/* comments */
	size_t				 sel;
	int64_t				 sel_id;	/* kept */

	char				*draft;		/* refused */
	struct tui_hint			 hints[12];	/* the bottom line */
	size_t				 nhints;
};

static void	view_proposal_load(struct view *, bool);
static void	view_proposal_reason_cb(struct view *, const char *, json_t *);

/* The header's title: "#N title". Caller frees. */
static char *
view_proposal_title(struct view *v)
{
	struct view_proposal	*d = v->data;
	const char		*title;

	title = json_string_value(json_object_get(d->p, "title"));
	if (title == NULL || json_object_get(d->p, "redacted") != NULL)
		return (xasprintf("#%lld", (long long)d->id));
	return (xasprintf("#%lld %s", (long long)d->id, title));
}

/* Forget the document (the data or the width changed). */
static void
view_proposal_clear(struct view_proposal *d)
{
	size_t	i;

	for (i = 0; i < d->nlines; i++) {
		free(d->lines[i].text);
		free(d->lines[i].right);
	}
	free(d->lines);
	free(d->cfirst);
	free(d->clast);
	d->lines = NULL;
	d->cfirst = d->clast = NULL;
	d->nlines = 0;
	d->built = 0;
}

/* A new line at the end of the document. */
static struct view_proposal_line *
view_proposal_line(struct view_proposal *d, enum view_proposal_kind kind,
    int x, enum tui_style style, ssize_t comment)
{
	struct view_proposal_line	*l;

	d->lines = xreallocarray(d->lines, d->nlines + 1, sizeof *d->lines);
	l = &d->lines[d->nlines++];
	memset(l, 0, sizeof *l);
	l->kind = kind;
	l->x = x;
	l->style = style;
	l->comment = comment;
	l->mark1 = l->mark2 = -1;
	return (l);
}

/* One line of text (member text is cut and made safe when drawn). */
static void
view_proposal_add(struct view_proposal *d, int x, enum tui_style style,
    ssize_t comment, const char *fmt, ...)
{
	struct view_proposal_line	*l;
	va_list				 ap;

	l = view_proposal_line(d, VIEW_PROPOSAL_TEXT, x, style, comment);
	va_start(ap, fmt);
	if (vasprintf(&l->text, fmt, ap) == -1)
		l->text = NULL;
	va_end(ap);
}

/* Text s wrapped to the width from x. */
static void
view_proposal_wrap(struct view_proposal *d, int x, int cols,
    enum tui_style style, ssize_t comment, const char *s)
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
		view_proposal_add(d, x, style, comment, "%s", lines[i]);
	tui_wrap_free(lines, n);
}

/* A bar: label, share filled, marks (< 0: none) and the words after. */
static void
view_proposal_bar(struct view_proposal *d, const char *label, double share,
    double mark1, double mark2, enum tui_style style, const char *fmt, ...)
{
	struct view_proposal_line	*l;
	va_list				 ap;

	l = view_proposal_line(d, VIEW_PROPOSAL_BAR, 2, style, -1);
	l->text = xstrdup(label);
	l->share = share;
	l->mark1 = mark1;
	l->mark2 = mark2;
	va_start(ap, fmt);
	if (vasprintf(&l->right, fmt, ap) == -1)
		l->right = NULL;
	va_end(ap);
}

/* A string member of o, or "" (never NULL). */
static const char *
view_proposal_str(json_t *o, const char *key)
{
	const char	*s = json_string_value(json_object_get(o, key));

	return (s != NULL ? s : "");
}

/* An integer member of o, or 0. */
static int64_t
view_proposal_int(json_t *o, const char *key)
{
	return (json_integer_value(json_object_get(o, key)));
}

/* "a, b and c" of an array of names. Caller frees. */
static char *
view_proposal_names(json_t *a)
{
	struct buf	 b;
	json_t		*e;
	size_t		 i, n = json_array_size(a);

	buf_init(&b);
	json_array_foreach(a, i, e) {
		buf_addf(&b, "%s%s", i == 0 ? "" : i == n - 1 ? " and " : ", ",
		    json_string_value(e) != NULL ? json_string_value(e) : "?");
	}
	buf_addc(&b, '\0');
	return (buf_steal(&b, NULL));
}

/* "5.00000" as "5", "4.50000" as "4.5": STV's votes, shorter. Caller
 * frees. */
static char *
view_proposal_decimal(json_t *v)
{
	char	*s, *dot, *end;

	if (json_is_integer(v))
		return (xasprintf("%lld", (long long)json_integer_value(v)));
	if (!json_is_string(v))
		return (xstrdup("-"));
	s = xstrdup(json_string_value(v));
	if ((dot = strchr(s, '.')) != NULL) {
		end = s + strlen(s);
		while (end > dot + 1 && end[-1] == '0')
			*--end = '\0';
		if (end == dot + 1)
			*dot = '\0';
	}
	return (s);
}

/* The share of yes among yes+no that a threshold asks (0.5 by default). */
static double
view_proposal_threshold(const char *text)
{
	struct tally_threshold	t;

	if (text == NULL || *text == '\0' ||
	    tally_parse_threshold(text, &t, NULL) != 0)
		return (0.5);
	switch (t.kind) {
	case TALLY_THRESHOLD_DEFAULT:
		return (0.5);
	case TALLY_THRESHOLD_SHARE:
		return (t.den != 0 ? (double)t.num / t.den : 0.5);
	case TALLY_THRESHOLD_RATIO:
		return (t.num + t.den != 0 ? (double)t.num / (t.num + t.den) :
		    0.5);
	}
	return (0.5);
}

/* The ballots a quorum asks of eligible voters, or -1 for none. */
static int64_t
view_proposal_quorum(json_t *rule, json_t *explain, int64_t eligible)
{
	struct tally_quorum	 q;
	json_t			*j = json_object_get(explain, "quorum");

	if (json_is_object(j))
		return (view_proposal_int(j, "required"));
	if (tally_parse_quorum(view_proposal_str(rule, "quorum"), &q,
	    NULL) != 0)
		return (-1);
	switch (q.kind) {
	case TALLY_QUORUM_NONE:
		return (-1);
	case TALLY_QUORUM_SHARE:
		if (q.den == 0)
			return (-1);
		return ((int64_t)((q.num * (uint64_t)eligible + q.den - 1) /
		    q.den));
	case TALLY_QUORUM_COUNT:
		return ((int64_t)q.num);
	}
	return (-1);
}

/* "schulze, quorum 25%, default option X, results after-close". Caller
 * frees. */
static char *
view_proposal_rule_line(json_t *rule)
{
	struct buf	 b;
	const char	*s;

	buf_init(&b);
	buf_adds(&b, view_proposal_str(rule, "method"));
	s = view_proposal_str(rule, "quorum");
	if (*s != '\0' && strcmp(s, "none") != 0 && strcmp(s, "0") != 0)
		buf_addf(&b, ", quorum %s", s);
	s = view_proposal_str(rule, "threshold");
	if (*s != '\0')
		buf_addf(&b, ", threshold %s", s);
	s = view_proposal_str(rule, "seats");
	if (*s != '\0' && strcmp(s, "1") != 0)
		buf_addf(&b, ", %s seats", s);
	if (strcmp(view_proposal_str(rule, "method"), "score") == 0)
		buf_addf(&b, ", scores 0 to %s", view_proposal_str(rule,
		    "score_max"));
	if (strcmp(view_proposal_str(rule, "method"), "dot") == 0)
		buf_addf(&b, ", %s points each", view_proposal_str(rule,
		    "budget"));
	s = view_proposal_str(rule, "default_option");
	if (*s != '\0')
		buf_addf(&b, ", default option %s", s);
	buf_addf(&b, ", results %s", view_proposal_str(rule, "results"));
	s = view_proposal_str(rule, "veto");
	if (*s != '\0' && strcmp(s, "none") != 0)
		buf_addf(&b, ", veto by %s", s);
	buf_addc(&b, '\0');
	return (buf_steal(&b, NULL));
}

/* Bars of the fixed choices (yes/no/abstain ...) and the threshold. */
static void
view_proposal_choices(struct view_proposal *d, json_t *rule, json_t *ex,
    enum tally_method m)
{
	const char *const	*c = tally_method_choices(m);
	json_t			*counts = json_object_get(ex, "counts");
	json_t			*th = json_object_get(ex, "threshold");
	int64_t			 n, ballots, yes, no;
	double			 need;
	const char		*yw = "yes", *nw = "no";

	ballots = view_proposal_int(ex, "ballots");
	for (; c != NULL && *c != NULL; c++) {
		n = view_proposal_int(counts, *c);
		view_proposal_bar(d, *c, ballots > 0 ? (double)n / ballots : 0,
		    -1, -1, S_BAR, "%lld", (long long)n);
	}
	if ((n = view_proposal_int(counts, "blank")) != 0)
		view_proposal_bar(d, "blank", ballots > 0 ? (double)n /
		    ballots : 0, -1, -1, S_BAR, "%lld", (long long)n);
	if (m == TALLY_CONSENSUS) {
		yw = "agree";
		nw = "disagree";
	}
	if (json_is_object(th)) {
		yes = view_proposal_int(th, yw);
		no = view_proposal_int(th, nw);
		need = view_proposal_threshold(view_proposal_str(rule,
		    "threshold"));
		view_proposal_bar(d, m == TALLY_CONSENSUS ? "agree share" :
		    "yes share", yes + no > 0 ? (double)yes / (yes + no) : 0,
		    need, -1, json_is_true(json_object_get(th, "met")) ?
		    S_GOOD : S_BAD, "%lld%%, needs %s", yes + no > 0 ?
		    (long long)(100 * yes / (yes + no)) : 0LL,
		    view_proposal_str(th, "rule"));
		view_proposal_add(d, 2, S_DIM, -1, "threshold %s: %s, %s",
		    view_proposal_str(th, "rule"), view_proposal_str(th,
		    "arithmetic"), json_is_true(json_object_get(th, "met")) ?
		    "met" : "not met");
	}
	if (json_is_string(json_object_get(ex, "rule")))
		view_proposal_add(d, 2, S_DIM, -1, "rule: %s",
		    view_proposal_str(ex, "rule"));
	if (json_is_true(json_object_get(ex, "blocked")))
		view_proposal_add(d, 2, S_BAD, -1, "blocked: one block is "
		    "enough to fail");
}

/* Bars of the totals per option (approval, plurality, score, dot). */
static void
view_proposal_totals(struct view_proposal *d, json_t *rule, json_t *count,
    json_t *ex, enum tally_method m)
{
	json_t		*e, *w, *tie;
	size_t		 i, j;
	int64_t		 ballots, total;
	double		 denom;
	bool		 won;
	char		*names;

	ballots = view_proposal_int(ex, "ballots");
	denom = (double)ballots;
	if (m == TALLY_SCORE)
		denom *= (double)strtol(view_proposal_str(rule, "score_max"),
		    NULL, 10);
	if (m == TALLY_DOT)
		denom *= (double)strtol(view_proposal_str(rule, "budget"),
		    NULL, 10);
	json_array_foreach(json_object_get(ex, "totals"), i, e) {
		total = view_proposal_int(e, "total");
		won = false;
		json_array_foreach(json_object_get(count, "winners"), j, w) {
			if (json_equal(w, json_object_get(e, "option")))
				won = true;
		}
		view_proposal_bar(d, view_proposal_str(e, "option"),
		    denom > 0 ? total / denom : 0, -1, -1,
		    won ? S_GOOD : S_BAR, "%lld %s%s", (long long)total,
		    view_proposal_str(ex, "unit"), won ? " *" : "");
	}
	tie = json_object_get(ex, "tie");
	if (json_is_object(tie)) {
		names = view_proposal_names(json_object_get(tie, "options"));
		view_proposal_add(d, 2, S_DIM, -1, "tie between %s: %s%s",
		    names, json_is_true(json_object_get(tie, "broken")) ?
		    "broken by " : "", view_proposal_str(tie, "rule"));
		free(names);
	}
}

/* IRV: a line per round, the tallies of the options still in it. */
static void
view_proposal_irv(struct view_proposal *d, int cols, json_t *options,
    json_t *ex)
{
	struct buf	 b;
	json_t		*rd, *t, *x;
	size_t		 i, k;
	char		*s;
	bool		 first;

	json_array_foreach(json_object_get(ex, "rounds"), i, rd) {
		buf_init(&b);
		buf_addf(&b, "round %zu:", i + 1);
		first = true;
		json_array_foreach(json_object_get(rd, "tallies"), k, t) {
			if (json_is_null(t))
				continue;
			buf_addf(&b, "%s %s %lld", first ? "" : ",",
			    json_string_value(json_array_get(options, k)) !=
			    NULL ? json_string_value(json_array_get(options,
			    k)) : "?", (long long)json_integer_value(t));
			first = false;
		}
		buf_addf(&b, "; majority %lld of %lld",
		    (long long)view_proposal_int(rd, "majority"),
		    (long long)view_proposal_int(rd, "counted"));
		if (view_proposal_int(rd, "exhausted") != 0)
			buf_addf(&b, ", %lld exhausted",
			    (long long)view_proposal_int(rd, "exhausted"));
		if ((x = json_object_get(rd, "elected")) != NULL)
			buf_addf(&b, "; %s wins", json_string_value(x));
		if (json_array_size(x = json_object_get(rd, "excluded")) != 0) {
			s = view_proposal_names(x);
			buf_addf(&b, "; %s excluded", s);
			free(s);
		}
		if ((x = json_object_get(rd, "reason")) != NULL)
			buf_addf(&b, " (%s)", json_string_value(x));
		buf_addc(&b, '\0');
		view_proposal_wrap(d, 2, cols, S_NORMAL, -1, b.data);
		buf_free(&b);
	}
}

/* STV: the quota, then a line per stage: its action and the votes. */
static void
view_proposal_stv(struct view_proposal *d, int cols, json_t *options,
    json_t *ex)
{
	struct buf	 b;
	json_t		*st, *t, *x;
	size_t		 i, k;
	char		*s;
	bool		 first;

	view_proposal_wrap(d, 2, cols, S_DIM, -1, view_proposal_str(ex,
	    "variant"));
	view_proposal_add(d, 2, S_NORMAL, -1, "quota %s (%lld valid)",
	    view_proposal_str(ex, "quota_arithmetic"),
	    (long long)view_proposal_int(ex, "valid"));
	json_array_foreach(json_object_get(ex, "stages"), i, st) {
		buf_init(&b);
		buf_addf(&b, "stage %zu, %s", i + 1, view_proposal_str(st,
		    "action"));
		if ((x = json_object_get(st, "from")) != NULL)
			buf_addf(&b, " of %s (%s over the quota)",
			    json_string_value(x), view_proposal_str(st,
			    "surplus"));
		if (json_array_size(x = json_object_get(st, "excluded")) != 0) {
			s = view_proposal_names(x);
			buf_addf(&b, ", %s excluded", s);
			free(s);
		}
		if ((x = json_object_get(st, "reason")) != NULL)
			buf_addf(&b, " (%s)", json_string_value(x));
		buf_adds(&b, ":");
		first = true;
		json_array_foreach(json_object_get(st, "votes"), k, t) {
			if (json_is_null(t))
				continue;
			s = view_proposal_decimal(t);
			buf_addf(&b, "%s %s %s", first ? "" : ",",
			    json_string_value(
			    json_array_get(options, k)) != NULL ?
			    json_string_value(json_array_get(options, k)) :
			    "?", s);
			free(s);
			first = false;
		}
		if (json_array_size(x = json_object_get(st, "elected")) != 0) {
			s = view_proposal_names(x);
			buf_addf(&b, "; elected %s", s);
			free(s);
		}
		if (json_array_size(x = json_object_get(st,
		    "elected_rule_52")) != 0) {
			s = view_proposal_names(x);
			buf_addf(&b, "; %s fill the last seats (rule 52)", s);
			free(s);
		}
		buf_addc(&b, '\0');
		view_proposal_wrap(d, 2, cols, S_NORMAL, -1, b.data);
		buf_free(&b);
	}
}

/*
 * Schulze: the pairwise contests (who beats whom, by how many ballots),
 * the majorities against the default option, what was dropped, and the
 * Schwartz set.
 */
static void
view_proposal_schulze(struct view_proposal *d, int cols, json_t *options,
    json_t *ex)
{
	json_t		*dm = json_object_get(ex, "d"), *a, *e;
	size_t		 n = json_array_size(dm), i, j;
	json_int_t	 ij, ji;
	const char	*oi, *oj;
	char		*s;

	view_proposal_wrap(d, 2, cols, S_DIM, -1, view_proposal_str(ex,
	    "variant"));
	if (n != 0)
		view_proposal_add(d, 2, S_BOLD, -1, "pairwise contests "
		    "(ballots preferring one to the other)");
	for (i = 0; i < n; i++) {
		for (j = i + 1; j < n; j++) {
			ij = json_integer_value(json_array_get(
			    json_array_get(dm, i), j));
			ji = json_integer_value(json_array_get(
			    json_array_get(dm, j), i));
			oi = json_string_value(json_array_get(options, i));
			oj = json_string_value(json_array_get(options, j));
			if (oi == NULL || oj == NULL)
				continue;
			if (ij >= ji)
				view_proposal_add(d, 4, S_NORMAL, -1,
				    "%s %s %s, %lld to %lld", oi, ij == ji ?
				    "ties with" : "beats", oj, (long long)ij,
				    (long long)ji);
			else
				view_proposal_add(d, 4, S_NORMAL, -1,
				    "%s beats %s, %lld to %lld", oj, oi,
				    (long long)ji, (long long)ij);
		}
	}
	a = json_object_get(ex, "majority");
	if (json_array_size(a) != 0)
		view_proposal_add(d, 2, S_BOLD, -1, "against the default "
		    "option %s", view_proposal_str(ex, "default_option"));
	json_array_foreach(a, i, e) {
		view_proposal_add(d, 4, S_NORMAL, -1, "%s: %lld for, %lld "
		    "against, %s %s", view_proposal_str(e, "option"),
		    (long long)view_proposal_int(e, "for"),
		    (long long)view_proposal_int(e, "against"),
		    json_is_true(json_object_get(e, "met")) ? "meets" :
		    "fails", view_proposal_str(e, "rule"));
	}
	json_array_foreach(json_object_get(ex, "dropped"), i, e) {
		s = xasprintf("dropped %s: %s", view_proposal_str(e, "option"),
		    view_proposal_str(e, "detail"));
		view_proposal_wrap(d, 2, cols, S_NORMAL, -1, s);
		free(s);
	}
	if (json_array_size(a = json_object_get(ex, "schwartz_set")) != 0) {
		s = view_proposal_names(a);
		view_proposal_add(d, 2, S_NORMAL, -1, "Schwartz set: %s", s);
		free(s);
	}
}

/*
 * A count (the live one, or the one logged at close): the summary, the
 * winners, and the method's part as bars or lines.
 */
static void
view_proposal_count(struct view_proposal *d, int cols, json_t *vote,
    json_t *count, bool closed)
{
	json_t			*rule = json_object_get(vote, "text");
	json_t			*ex = json_object_get(count, "explain");
	json_t			*options = json_object_get(vote, "options");
	json_t			*e, *q;
	enum tally_method	 m;
	const char		*outcome;
	size_t			 i;
	char			*s;

	outcome = view_proposal_str(count, "outcome");
	s = xasprintf("%s%s", closed ? "" : "so far: ",
	    view_proposal_str(count, "summary"));
	view_proposal_wrap(d, 2, cols, !closed ? S_NORMAL :
	    strcmp(outcome, "passed") == 0 ? S_GOOD : S_BAD, -1, s);
	free(s);
	if (json_array_size(json_object_get(count, "winners")) != 0) {
		s = view_proposal_names(json_object_get(count, "winners"));
		view_proposal_add(d, 2, S_BOLD, -1, "%s: %s", json_array_size(
		    json_object_get(count, "winners")) > 1 ? "winners" :
		    "winner", s);
		free(s);
	}
	if (json_array_size(json_object_get(count, "tied")) != 0) {
		s = view_proposal_names(json_object_get(count, "tied"));
		view_proposal_add(d, 2, S_BOLD, -1, "tied: %s", s);
		free(s);
	}
	if (tally_parse_method(view_proposal_str(rule, "method"), &m,
	    NULL) != 0)
		return;
	switch (m) {
	case TALLY_YESNO:
	case TALLY_CONSENT:
	case TALLY_CONSENSUS:
		view_proposal_choices(d, rule, ex, m);
		break;
	case TALLY_APPROVAL:
	case TALLY_PLURALITY:
	case TALLY_SCORE:
	case TALLY_DOT:
		view_proposal_totals(d, rule, count, ex, m);
		break;
	case TALLY_SCHULZE:
		view_proposal_schulze(d, cols, options, ex);
		break;
	case TALLY_IRV:
		view_proposal_irv(d, cols, options, ex);
		break;
	case TALLY_STV:
		view_proposal_stv(d, cols, options, ex);
		break;
	}
	if (tally_method_ballot_kind(m) == TALLY_BALLOT_RANKED &&
	    json_array_size(json_object_get(ex, "ranking")) != 0) {
		view_proposal_add(d, 2, S_BOLD, -1, "ranking");
		json_array_foreach(json_object_get(ex, "ranking"), i, e) {
			view_proposal_add(d, 4, S_NORMAL, -1, "%lld. %s",
			    (long long)view_proposal_int(e, "place"),
			    view_proposal_str(e, "option"));
		}
	}
	q = json_object_get(ex, "quorum");
	if (json_is_object(q)) {
		s = xasprintf("quorum %s: %s; %lld voted, %s",
		    view_proposal_str(q, "rule"), view_proposal_str(q,
		    "arithmetic"), (long long)view_proposal_int(q, "voted"),
		    json_is_true(json_object_get(q, "met")) ? "met" :
		    "not met");
		view_proposal_wrap(d, 2, cols, S_DIM, -1, s);
		free(s);
	}
}

/* What a rules, role or agreement proposal would change. */
static void
view_proposal_change(struct view_proposal *d, int cols)
{
	json_t		*change = json_object_get(d->p, "change"), *x;
	const char	*kind = view_proposal_str(d->p, "kind"), *k;
	char		*s;

	if (!json_is_object(change))
		return;
	view_proposal_add(d, 0, S_BOLD, -1, "Changes");
	if (strcmp(kind, "role") == 0)
		view_proposal_add(d, 2, S_NORMAL, -1, "%s becomes %s",
		    view_proposal_str(change, "user"),
		    view_proposal_str(change, "role"));
	else if (strcmp(kind, "agreement") == 0) {
		view_proposal_add(d, 2, S_NORMAL, -1, "the agreement, to "
		    "version %s:", view_proposal_str(change, "version"));
		view_proposal_wrap(d, 4, cols, S_NORMAL, -1,
		    view_proposal_str(change, "agreement"));
	} else {
		json_object_foreach(json_object_get(change, "rules"), k, x) {
			if (json_is_null(x)) {
				view_proposal_add(d, 2, S_NORMAL, -1,
				    "removes the rule %s", k);
				continue;
			}
			s = view_proposal_rule_line(x);
			view_proposal_add(d, 2, S_NORMAL, -1, "sets the rule "
			    "%s: %s", k, s);
			free(s);
		}
		json_object_foreach(json_object_get(change, "governance"), k,
		    x) {
			view_proposal_add(d, 2, S_NORMAL, -1, "[governance] "
			    "%s = %s", k, json_string_value(x) != NULL ?
			    json_string_value(x) : "");
		}
	}
	view_proposal_add(d, 0, S_NORMAL, -1, "%s", "");
}

/* The vote: rule, deadline, turnout, your ballot, the count. */
static void
view_proposal_vote(struct view_proposal *d, struct tui *t, int cols)
{
	json_t		*vote = json_object_get(d->p, "vote");
	json_t		*rule = json_object_get(vote, "text");
	json_t		*result = json_object_get(vote, "result");
	json_t		*count, *o;
	struct view_proposal_line *l;
	bool		 voting, extended;
	int64_t		 eligible, ballots, need;
	size_t		 i;
	char		*s, *when;

	if (vote == NULL) {
		if (json_is_string(json_object_get(d->p, "rule"))) {
			view_proposal_add(d, 0, S_BOLD, -1, "Vote");
			view_proposal_add(d, 2, S_NORMAL, -1, "to be decided "
			    "under the rule %s", view_proposal_str(d->p,
			    "rule"));
		}
		json_array_foreach(json_object_get(d->p, "options"), i, o)
			view_proposal_add(d, 2, S_NORMAL, -1, "%zu. %s", i + 1,
			    json_string_value(o));
		if (json_is_string(json_object_get(d->p, "rule")) ||
		    json_array_size(json_object_get(d->p, "options")) != 0)
			view_proposal_add(d, 0, S_NORMAL, -1, "%s", "");
		return;
	}
	voting = strcmp(view_proposal_str(d->p, "state"), "voting") == 0;
	extended = json_is_true(json_object_get(vote, "extended"));
	view_proposal_add(d, 0, S_BOLD, -1, "Vote under %s, version %lld",
	    view_proposal_str(vote, "rule"),
	    (long long)view_proposal_int(vote, "version"));
	s = view_proposal_rule_line(rule);
	view_proposal_wrap(d, 2, cols, S_DIM, -1, s);
	free(s);

	when = tui_when(t, view_proposal_int(vote, "opened_ts"));
	if (voting) {
		view_proposal_add(d, 2, S_NORMAL, -1, "opened %s", when);
		l = view_proposal_line(d, VIEW_PROPOSAL_LEFT, 2, S_ACTIVE, -1);
		l->ts = view_proposal_int(vote, extended ? "max_ts" :
		    "closes_ts");
		l->text = xstrdup(extended ? "no quorum yet: runs on, closes "
		    "at the latest in " : "closes in ");
	} else {
		free(when);
		when = tui_when(t, view_proposal_int(vote, "closed_ts"));
		view_proposal_add(d, 2, S_NORMAL, -1, "closed %s%s", when,
		    json_is_true(json_object_get(result, "early")) ?
		    " (early: the outcome could no longer change)" : "");
	}
	free(when);

	count = voting ? json_object_get(vote, "count") : result;
	ballots = view_proposal_int(vote, "ballots");
	eligible = voting ? view_proposal_int(vote, "eligible") :
	    view_proposal_int(result, "eligible");
	need = view_proposal_quorum(rule, json_object_get(count, "explain"),
	    eligible);
	if (eligible > 0) {
		if (need > 0)
			view_proposal_bar(d, "turnout", (double)ballots /
			    eligible, (double)need / eligible, -1,
			    ballots >= need ? S_GOOD : S_BAR, "%lld of %lld, "
			    "%lld needed", (long long)ballots,
			    (long long)eligible, (long long)need);
		else
			view_proposal_bar(d, "turnout", (double)ballots /
			    eligible, -1, -1, S_BAR, "%lld of %lld voted",
			    (long long)ballots, (long long)eligible);
	} else
		view_proposal_add(d, 2, S_NORMAL, -1, "%lld ballots",
		    (long long)ballots);
	if (json_is_string(json_object_get(vote, "my_ballot")))
		view_proposal_add(d, 2, S_BOLD, -1, "your ballot: %s",
		    view_proposal_str(vote, "my_ballot"));
	else if (voting)
		view_proposal_add(d, 2, S_ACTIVE, -1, "you have not voted");

	if (strcmp(view_proposal_str(vote, "outcome"), "vetoed") == 0) {
		s = xasprintf("vetoed: %s", json_object_get(vote,
		    "veto_reason_redacted") != NULL ? "[reason redacted]" :
		    view_proposal_str(vote, "veto_reason"));
		view_proposal_wrap(d, 2, cols, S_BAD, -1, s);
		free(s);
	} else if (json_is_object(count))
		view_proposal_count(d, cols, vote, count, !voting);
	else {
		json_array_foreach(json_object_get(vote, "options"), i, o)
			view_proposal_add(d, 2, S_NORMAL, -1, "%zu. %s", i + 1,
			    json_string_value(o));
		view_proposal_add(d, 2, S_DIM, -1, "the count is hidden %s",
		    strcmp(view_proposal_str(rule, "results"),
		    "after-vote") == 0 ? "until you have voted" :
		    "until the vote closes");
	}
	if (!voting && json_is_string(json_object_get(result,
	    "change_error"))) {
		s = xasprintf("not applied: %s", view_proposal_str(result,
		    "change_error"));
		view_proposal_wrap(d, 2, cols, S_BAD, -1, s);
		free(s);
	} else if (json_object_get(d->p, "applied_seq") != NULL)
		view_proposal_add(d, 2, S_GOOD, -1, "applied by event %lld",
		    (long long)view_proposal_int(d->p, "applied_seq"));
	view_proposal_add(d, 0, S_NORMAL, -1, "%s", "");
}

/* "[redacted by event N: reason]". Caller frees. */
static char *
view_proposal_redacted(json_t *red)
{
	if (json_is_string(json_object_get(red, "reason")))
		return (xasprintf("[redacted by event %lld: %s]",
		    (long long)view_proposal_int(red, "by"),
		    view_proposal_str(red, "reason")));
	return (xasprintf("[redacted by event %lld]",
	    (long long)view_proposal_int(red, "by")));
}

/* The discussion: each comment with its author, time and state. */
static void
view_proposal_discussion(struct view_proposal *d, struct tui *t, int cols)
{
	json_t	*c;
	size_t	 i, n = json_array_size(d->comments);
	char	*when, *s;

	view_proposal_add(d, 0, S_BOLD, -1, "Discussion (%zu%s)", n,
	    json_is_null(d->next) || d->next == NULL ? "" : " so far");
	if (n == 0)
		view_proposal_add(d, 2, S_DIM, -1, "no comments yet");
	d->cfirst = xreallocarray(NULL, n + 1, sizeof *d->cfirst);
	d->clast = xreallocarray(NULL, n + 1, sizeof *d->clast);
	json_array_foreach(d->comments, i, c) {
		d->cfirst[i] = d->nlines;
		when = tui_when(t, view_proposal_int(c, "created_ts"));
		view_proposal_add(d, 2, S_BOLD, (ssize_t)i, "%s, %s",
		    view_proposal_str(c, "author"), when);
		free(when);
		if (json_is_true(json_object_get(c, "hidden"))) {
			if (json_object_get(c, "hidden_reason_redacted") !=
			    NULL)
				s = xasprintf("hidden by %s: [reason "
				    "redacted]", view_proposal_str(c,
				    "hidden_by"));
			else
				s = xasprintf("hidden by %s: %s",
				    view_proposal_str(c, "hidden_by"),
				    view_proposal_str(c, "hidden_reason"));
			view_proposal_wrap(d, 4, cols, S_BAD, (ssize_t)i, s);
			free(s);
		}
		if (json_object_get(c, "redacted") != NULL) {
			s = view_proposal_redacted(json_object_get(c,
			    "redacted"));
			view_proposal_wrap(d, 4, cols, S_DIM, (ssize_t)i, s);
			free(s);
		} else if (json_is_string(json_object_get(c, "body")))
			view_proposal_wrap(d, 4, cols, json_is_true(
			    json_object_get(c, "hidden")) ? S_DIM : S_NORMAL,
			    (ssize_t)i, view_proposal_str(c, "body"));
		d->clast[i] = d->nlines - 1;
	}
	d->dend = d->nlines;
	if (d->next != NULL && !json_is_null(d->next))
		view_proposal_add(d, 2, S_DIM, -1, "more comments come as you "
		    "scroll");
	view_proposal_add(d, 0, S_NORMAL, -1, "%s", "");
}

/* Build the document for cols columns. */
static void
view_proposal_build(struct view *v, int cols)
{
	struct view_proposal	*d = v->data;
	struct tui		*t = v->tui;
	json_t			*p = d->p, *red, *e;
	const char		*state;
	enum tui_style		 style;
	size_t			 i;
	char			*s, *when, *upd;

	view_proposal_clear(d);
	d->built = cols;
	red = json_object_get(p, "redacted");
	if (red != NULL) {
		view_proposal_add(d, 0, S_BOLD, -1, "#%lld (redacted)",
		    (long long)d->id);
	} else {
		s = xasprintf("#%lld %s", (long long)d->id,
		    view_proposal_str(p, "title"));
		view_proposal_wrap(d, 0, cols, S_BOLD, -1, s);
		free(s);
	}
	state = view_proposal_str(p, "state");
	style = strcmp(state, "voting") == 0 ? S_ACTIVE :
	    strcmp(state, "withdrawn") == 0 ? S_DIM : S_NORMAL;
	if (json_is_object(json_object_get(p, "vote")) &&
	    strcmp(state, "closed") == 0)
		style = strcmp(view_proposal_str(json_object_get(p, "vote"),
		    "outcome"), "passed") == 0 ? S_GOOD : S_BAD;
	if (strcmp(state, "closed") == 0)
		view_proposal_add(d, 0, style, -1, "closed, %s: %s by %s",
		    view_proposal_str(json_object_get(p, "vote"), "outcome"),
		    view_proposal_str(p, "kind"), view_proposal_str(p,
		    "author"));
	else
		view_proposal_add(d, 0, style, -1, "%s: %s by %s", state,
		    view_proposal_str(p, "kind"), view_proposal_str(p,
		    "author"));
	when = tui_when(t, view_proposal_int(p, "created_ts"));
	upd = tui_when(t, view_proposal_int(p, "updated_ts"));
	view_proposal_add(d, 0, S_DIM, -1, "created %s, updated %s, "
	    "licence %s", when, upd, view_proposal_str(p, "licence"));
	free(upd);
	free(when);
	if (json_object_get(p, "withdrawn_reason") != NULL) {
		if (json_object_get(p, "withdrawn_reason_redacted") != NULL)
			s = xstrdup("withdrawn: [reason redacted]");
		else if (json_is_string(json_object_get(p,
		    "withdrawn_reason")))
			s = xasprintf("withdrawn: %s", view_proposal_str(p,
			    "withdrawn_reason"));
		else
			s = xstrdup("withdrawn (no reason given)");
		view_proposal_wrap(d, 0, cols, S_DIM, -1, s);
		free(s);
	}
	view_proposal_add(d, 0, S_NORMAL, -1, "%s", "");
	if (red != NULL) {
		s = view_proposal_redacted(red);
		view_proposal_wrap(d, 2, cols, S_DIM, -1, s);
		free(s);
	} else
		view_proposal_wrap(d, 2, cols, S_NORMAL, -1,
		    view_proposal_str(p, "body"));
	view_proposal_add(d, 0, S_NORMAL, -1, "%s", "");
	view_proposal_change(d, cols);
	view_proposal_vote(d, t, cols);
	view_proposal_discussion(d, t, cols);

	view_proposal_add(d, 0, S_BOLD, -1, "Timeline");
	json_array_foreach(json_object_get(p, "timeline"), i, e) {
		when = tui_when(t, view_proposal_int(e, "ts"));
		view_proposal_add(d, 2, S_DIM, -1, "%6lld  %s  %-18s %s",
		    (long long)view_proposal_int(e, "seq"), when,
		    view_proposal_str(e, "type"), view_proposal_str(e,
		    "actor"));
		free(when);
	}
}

/* Keep the selected comment on screen (rows rows). */
static void
view_proposal_show_sel(struct view_proposal *d, int rows)
{
	size_t	first, last;

	if (!d->select || d->sel >= json_array_size(d->comments) ||
	    d->cfirst == NULL)
		return;
	first = d->cfirst[d->sel];
	last = d->clast[d->sel];
	if (first < d->top)
		d->top = first;
	else if (last >= d->top + (size_t)rows)
		d->top = last - first + 1 > (size_t)rows ? first :
		    last + 1 - (size_t)rows;
}

/* Draw the lines from the top shown, the selected comment highlighted. */
static void
view_proposal_draw(struct view *v, WINDOW *w, int rows, int cols)
{
	struct view_proposal		*d = v->data;
	struct view_proposal_line	*l;
	size_t				 i;
	int				 y, lw, rw, bw;
	char				*left, *when;
	bool				 sel;
	enum tui_style			 st;

	if (!d->loaded) {
		tui_text(w, 0, 0, cols, d->error != NULL ? d->error :
		    "loading...", d->error != NULL ? S_ERROR : S_DIM);
		return;
	}
	if (d->built != cols)
		view_proposal_build(v, cols);
	view_proposal_show_sel(d, rows);
	if (d->nlines <= (size_t)rows)
		d->top = 0;
	else if (d->top > d->nlines - (size_t)rows)
		d->top = d->nlines - (size_t)rows;
	lw = cols < 70 ? 10 : VIEW_PROPOSAL_LABEL;
	rw = cols < 70 ? 18 : VIEW_PROPOSAL_RIGHT;
	for (y = 0, i = d->top; i < d->nlines && y < rows; i++, y++) {
		l = &d->lines[i];
		sel = d->select && l->comment >= 0 &&
		    (size_t)l->comment == d->sel;
		st = sel ? S_SELECTED : l->style;
		if (sel)
			tui_fill(w, y, 0, cols, S_SELECTED);
		switch (l->kind) {
		case VIEW_PROPOSAL_TEXT:
			tui_text(w, y, l->x, cols - l->x, l->text, st);
			break;
		case VIEW_PROPOSAL_LEFT:
			left = tui_left(l->ts);
			when = tui_when(v->tui, l->ts);
			tui_textf(w, y, l->x, cols - l->x, st, "%s%s (%s)",
			    l->text, left, when);
			free(when);
			free(left);
			break;
		case VIEW_PROPOSAL_BAR:
			bw = cols - l->x - lw - rw - 2;
			tui_text(w, y, l->x, lw, l->text, l->style == S_GOOD ?
			    S_GOOD : S_NORMAL);
			tui_bar(w, y, l->x + lw + 1, bw, l->share, l->mark1,
			    l->mark2, l->style == S_GOOD ? S_BAR : l->style);
			tui_text(w, y, l->x + lw + 2 + bw, rw, l->right,
			    l->style == S_BAD ? S_BAD : S_NORMAL);
			break;
		}
	}
}

/* The comment under id, or -1. */
static ssize_t
view_proposal_find(struct view_proposal *d, int64_t id)
{
	json_t	*c;
	size_t	 i;

	json_array_foreach(d->comments, i, c) {
		if (view_proposal_int(c, "id") == id)
			return ((ssize_t)i);
	}
	return (-1);
}

/* The show reply: the whole proposal, or the next page of comments. */
static void
view_proposal_loaded_cb(struct view *v, json_t *result, const char *code,
    const char *message, json_t *ctx)
{
	struct view_proposal	*d = v->data;
	bool			 append = json_is_true(ctx);
	ssize_t			 k;

	(void)code;
	d->paging = false;
	if (result == NULL) {
		if (d->loaded)
			tui_status(v->tui, S_ERROR, "%s", message);
		else {
			free(d->error);
			d->error = xstrdup(message);
		}
		return;
	}
	free(d->error);
	d->error = NULL;
	if (!append) {
		json_decref(d->comments);
		d->comments = json_array();
	}
	json_array_extend(d->comments, json_object_get(result, "comments"));
	json_decref(d->next);
	d->next = json_incref(json_object_get(result, "comments_next"));
	json_object_del(result, "comments");
	json_decref(d->p);
	d->p = json_incref(result);
	d->loaded = true;
	d->built = 0;
	/* The header shows the title. */
	tui_dirty(v->tui);
	/* The selected comment stays selected, wherever it is now. */
	if (d->sel_id != 0 && (k = view_proposal_find(d, d->sel_id)) >= 0)
		d->sel = (size_t)k;
	else if (d->sel >= json_array_size(d->comments))
		d->sel = json_array_size(d->comments) > 0 ?
		    json_array_size(d->comments) - 1 : 0;
	if (d->select && json_array_size(d->comments) == 0)
		d->select = false;
}

/* Ask for the proposal (every comment loaded so far), or the next page. */
static void
view_proposal_load(struct view *v, bool append)
{
	struct view_proposal	*d = v->data;
	json_t			*args;
	size_t			 n = json_array_size(d->comments);

	args = json_pack("{s:I}", "id", (json_int_t)d->id);
	if (append && json_is_integer(d->next)) {
		json_object_set(args, "after", d->next);
		json_object_set_new(args, "limit",
		    json_integer(VIEW_PROPOSAL_PAGE));
	} else {
		append = false;
		json_object_set_new(args, "limit", json_integer(
		    n <= VIEW_PROPOSAL_PAGE ? VIEW_PROPOSAL_PAGE :
		    n < VIEW_PROPOSAL_MAX ? (json_int_t)n : VIEW_PROPOSAL_MAX));
	}
	d->paging = append;
	tui_request(v, "show", args, view_proposal_loaded_cb,
	    json_boolean(append));
	json_decref(args);
}

/* After events: the proposal and every comment loaded, again. */
static void
view_proposal_reload(struct view *v)
{
	view_proposal_load(v, false);
}

/* Open on {"id": N}: ask for it. */
static void
view_proposal_init(struct view *v, json_t *arg)
{
	struct view_proposal	*d;

	d = xcalloc(1, sizeof *d);
	v->data = d;
	d->id = json_integer_value(json_object_get(arg, "id"));
	d->comments = json_array();
	view_proposal_load(v, false);
}

/* Free the view's data (requests in flight are dropped by serial). */
static void
view_proposal_free(struct view *v)
{
	struct view_proposal	*d = v->data;

	view_proposal_clear(d);
	json_decref(d->p);
	json_decref(d->comments);
	json_decref(d->next);
	free(d->error);
	free(d->draft);
	free(d);
}

/* Whether the reader wrote the proposal. */
static bool
view_proposal_mine(struct view *v)
{
	struct view_proposal	*d = v->data;

	return (json_is_integer(json_object_get(d->p, "author_uid")) &&
	    view_proposal_int(d->p, "author_uid") == tui_my_uid(v->tui));
}

/* Whether the proposal is in state. */
static bool
view_proposal_state(struct view_proposal *d, const char *state)
{
	return (strcmp(view_proposal_str(d->p, "state"), state) == 0);
}

/* Whether the reader's role may vote under the frozen rule. */
static bool
view_proposal_eligible(struct view *v)
{
	struct view_proposal	*d = v->data;
	const char		*s;

	s = view_proposal_str(json_object_get(json_object_get(d->p, "vote"),
	    "text"), "eligible");
	return (tui_my_role(v->tui) >= (int)core_role_parse(*s != '\0' ? s :
	    "member"));
}

/* The selected comment, or NULL (none selected). */
static json_t *
view_proposal_selected(struct view_proposal *d)
{
	if (!d->select)
		return (NULL);
	return (json_array_get(d->comments, d->sel));
}

/* One more hint on the bottom line (the engine finds its key). */
static void
view_proposal_hint_add(struct view_proposal *d, enum tui_action a,
    const char *word)
{
	if (d->nhints + 1 < MOOT_NITEMS(d->hints)) {
		d->hints[d->nhints].action = a;
		d->hints[d->nhints++].label = word;
	}
	d->hints[d->nhints].action = ACT_NONE;
}

/* The bottom line: the actions the reader's role and the state allow. */
static const struct tui_hint *
view_proposal_hints(struct view *v)
{
	struct view_proposal	*d = v->data;
	json_t			*c;
	int			 role = tui_my_role(v->tui);
	bool			 mine;

	d->nhints = 0;
	d->hints[0].action = ACT_NONE;
	if (d->p == NULL) {
		view_proposal_hint_add(d, ACT_BACK, "back");
		return (d->hints);
	}
	mine = view_proposal_mine(v);
	if (json_array_size(d->comments) != 0)
		view_proposal_hint_add(d, ACT_PANE, d->select ? "text" :
		    "comments");
	if (view_proposal_state(d, "voting") && view_proposal_eligible(v))
		view_proposal_hint_add(d, ACT_VOTE, "vote");
	if (role >= ROLE_MEMBER && !view_proposal_state(d, "withdrawn"))
		view_proposal_hint_add(d, ACT_COMMENT, d->draft != NULL ?
		    "comment (kept)" : "comment");
	if (mine && view_proposal_state(d, "draft"))
		view_proposal_hint_add(d, ACT_PUBLISH, "publish");
	if ((mine || role >= ROLE_MODERATOR) && role >= ROLE_MEMBER &&
	    view_proposal_state(d, "discussion"))
		view_proposal_hint_add(d, ACT_OPEN_VOTE, "open vote");
	if ((mine || role >= ROLE_MODERATOR) && role >= ROLE_MEMBER &&
	    (view_proposal_state(d, "draft") ||
	    view_proposal_state(d, "discussion")))
		view_proposal_hint_add(d, ACT_WITHDRAW, "withdraw");
	if ((c = view_proposal_selected(d)) != NULL &&
	    role >= ROLE_MODERATOR) {
		if (json_is_true(json_object_get(c, "hidden")))
			view_proposal_hint_add(d, ACT_UNHIDE, "unhide");
		else
			view_proposal_hint_add(d, ACT_HIDE, "hide");
	}
	if (role >= ROLE_MEMBER)
		view_proposal_hint_add(d, ACT_REPORT, c != NULL ?
		    "report comment" : "report");
	if (role >= ROLE_LEADER)
		view_proposal_hint_add(d, ACT_REDACT, c != NULL ?
		    "redact comment" : "redact text");
	view_proposal_hint_add(d, ACT_BACK, "back");
	return (d->hints);
}

/* A write was answered: the sentence, or the refusal. */
static void
view_proposal_done_cb(struct view *v, json_t *result, const char *code,
    const char *message, json_t *ctx)
{
	(void)code;
	if (result == NULL) {
		tui_status(v->tui, S_ERROR, "%s", message);
		return;
	}
	tui_status(v->tui, S_STATUS, "%s", json_string_value(ctx));
}

/* The comment was written, or refused (then kept for the editor). */
static void
view_proposal_commented_cb(struct view *v, json_t *result, const char *code,
    const char *message, json_t *ctx)
{
	struct view_proposal	*d = v->data;

	(void)code;
	(void)ctx;
	if (result == NULL) {
		tui_status(v->tui, S_ERROR, "%s; your text is kept",
		    message);
		return;
	}
	free(d->draft);
	d->draft = NULL;
	d->sel_id = view_proposal_int(result, "id");
	tui_status(v->tui, S_STATUS, "you commented on #%lld",
	    (long long)d->id);
}

/* The comment, written in the editor: keep it until it is accepted. */
static void
view_proposal_comment_cb(struct view *v, char *text, json_t *ctx)
{
	struct view_proposal	*d = v->data;
	json_t			*args;

	(void)ctx;
	free(d->draft);
	d->draft = xstrdup(text);
	args = json_pack("{s:I,s:s}", "proposal", (json_int_t)d->id, "body",
	    text);
	tui_request(v, "comment", args, view_proposal_commented_cb, NULL);
	json_decref(args);
}

/* A reason's request was answered: on refusal, the reason comes back. */
static void
view_proposal_reasoned_cb(struct view *v, json_t *result, const char *code,
    const char *message, json_t *ctx)
{
	(void)code;
	if (result == NULL) {
		tui_prompt(v, view_proposal_str(ctx, "label"),
		    view_proposal_str(ctx, "text"), view_proposal_reason_cb,
		    json_incref(ctx));
		tui_status(v->tui, S_ERROR, "%s", message);
		return;
	}
	/* A report's dispute is new: its number is in the reply. */
	if (json_is_integer(json_object_get(result, "id")) &&
	    strcmp(view_proposal_str(ctx, "op"), "dispute-open") == 0) {
		tui_status(v->tui, S_STATUS, "%s: dispute #%lld is open",
		    view_proposal_str(ctx, "done"), (long long)
		    view_proposal_int(result, "id"));
		return;
	}
	tui_status(v->tui, S_STATUS, "%s", view_proposal_str(ctx, "done"));
}

/* The reason typed on the bottom line: send the request it was for. */
static void
view_proposal_reason_cb(struct view *v, const char *text, json_t *ctx)
{
	json_t	*args, *c;

	args = json_deep_copy(json_object_get(ctx, "args"));
	if (text[strspn(text, " ")] != '\0')
		json_object_set_new(args, "reason", json_string(text));
	c = json_deep_copy(ctx);
	json_object_set_new(c, "text", json_string(text));
	tui_request(v, view_proposal_str(ctx, "op"), args,
	    view_proposal_reasoned_cb, c);
	json_decref(args);
}

/* Ask for a reason on the bottom line, then send op with args (owned). */
static void
view_proposal_ask(struct view *v, const char *label, const char *op,
    json_t *args, const char *done)
{
	json_t	*ctx;

	ctx = json_pack("{s:s,s:s,s:o,s:s}", "label", label, "op", op,
	    "args", args, "done", done);
	tui_prompt(v, label, NULL, view_proposal_reason_cb, ctx);
}

/*
 * The log's answer: the event that holds the text (a comment's
 * comment.added, or the proposal's last proposal.created or .edited);
 * then the reason on the bottom line.
 */
static void
view_proposal_redact_cb(struct view *v, json_t *result, const char *code,
    const char *message, json_t *ctx)
{
	json_t		*e;
	size_t		 i;
	int64_t		 seq = 0;
	const char	*type;
	bool		 comment = json_is_integer(json_object_get(ctx,
			    "comment"));

	(void)code;
	if (result == NULL) {
		tui_status(v->tui, S_ERROR, "%s", message);
		return;
	}
	json_array_foreach(json_object_get(result, "events"), i, e) {
		type = view_proposal_str(e, "type");
		if (comment || strcmp(type, "proposal.created") == 0 ||
		    strcmp(type, "proposal.edited") == 0)
			seq = view_proposal_int(e, "seq");
	}
	if (seq == 0) {
		tui_status(v->tui, S_ERROR, "the log holds no text of this "
		    "%s to redact", comment ? "comment" : "proposal");
		return;
	}
	view_proposal_ask(v, comment ? "redact the comment, reason: " :
	    "redact the text, reason: ", "redact", json_pack("{s:I}", "seq",
	    (json_int_t)seq), view_proposal_str(ctx, "done"));
}

/*
 * Redact the selected comment's text, or the proposal's: first ask the
 * log which event holds it.
 */
static void
view_proposal_redact(struct view *v)
{
	struct view_proposal	*d = v->data;
	json_t			*c = view_proposal_selected(d), *args, *ctx;
	char			*ref, *done;

	if (c != NULL) {
		ref = xasprintf("comment:%lld", (long long)view_proposal_int(c,
		    "id"));
		done = xasprintf("you redacted a comment by %s on #%lld",
		    view_proposal_str(c, "author"), (long long)d->id);
	} else {
		ref = xasprintf("proposal:%lld", (long long)d->id);
		done = xasprintf("you redacted the text of #%lld",
		    (long long)d->id);
	}
	args = json_pack("{s:s,s:s,s:i}", "ref", ref, "type", c != NULL ?
	    "comment.added" : "proposal.", "limit", 1000);
	ctx = json_pack("{s:s}", "done", done);
	if (c != NULL)
		json_object_set(ctx, "comment", json_object_get(c, "id"));
	tui_request(v, "log", args, view_proposal_redact_cb, ctx);
	json_decref(args);
	free(done);
	free(ref);
}

/* Hide or unhide the selected comment. */
static void
view_proposal_moderate(struct view *v, bool hide)
{
	struct view_proposal	*d = v->data;
	json_t			*c = view_proposal_selected(d);
	char			*done;

	if (c == NULL) {
		tui_status(v->tui, S_ERROR, "select a comment first (Tab)");
		return;
	}
	done = xasprintf("you %s a comment by %s on #%lld", hide ? "hid" :
	    "unhid", view_proposal_str(c, "author"), (long long)d->id);
	view_proposal_ask(v, hide ? "hide, reason: " : "unhide, reason: ",
	    hide ? "hide" : "unhide", json_pack("{s:I}", "id",
	    (json_int_t)view_proposal_int(c, "id")), done);
	free(done);
}

/* Report the selected comment, or the proposal: a dispute about it. */
static void
view_proposal_report(struct view *v)
{
	struct view_proposal	*d = v->data;
	json_t			*c = view_proposal_selected(d);
	char			*about, *done, *label;

	if (c != NULL) {
		about = xasprintf("comment:%lld", (long long)view_proposal_int(
		    c, "id"));
		done = xasprintf("you reported a comment by %s on #%lld",
		    view_proposal_str(c, "author"), (long long)d->id);
		label = xstrdup("report the comment, reason: ");
	} else {
		about = xasprintf("proposal:%lld", (long long)d->id);
		done = xasprintf("you reported #%lld", (long long)d->id);
		label = xasprintf("report #%lld, reason: ", (long long)d->id);
	}
	view_proposal_ask(v, label, "dispute-open", json_pack("{s:s}",
	    "about", about), done);
	free(label);
	free(done);
	free(about);
}

/* A request with no reason (publish, open-vote) and its sentence. */
static void
view_proposal_simple(struct view *v, const char *op, const char *done)
{
	struct view_proposal	*d = v->data;
	json_t			*args;

	args = json_pack("{s:I}", "id", (json_int_t)d->id);
	tui_request(v, op, args, view_proposal_done_cb, json_string(done));
	json_decref(args);
}

/* Open the vote form with what it needs. */
static void
view_proposal_vote_form(struct view *v)
{
	struct view_proposal	*d = v->data;
	json_t			*arg;

	if (!view_proposal_state(d, "voting") ||
	    !json_is_object(json_object_get(d->p, "vote"))) {
		tui_status(v->tui, S_ERROR, "#%lld is not being voted on (it "
		    "is %s)", (long long)d->id, view_proposal_str(d->p,
		    "state"));
		return;
	}
	arg = json_pack("{s:I,s:O,s:O}", "id", (json_int_t)d->id, "title",
	    json_object_get(d->p, "title"), "vote", json_object_get(d->p,
	    "vote"));
	view_open(v->tui, &view_vote_ops, arg);
	json_decref(arg);
}

/* Scroll the document, or move between comments. */
static void
view_proposal_move(struct view *v, enum tui_action a)
{
	struct view_proposal	*d = v->data;
	size_t			 n = json_array_size(d->comments);

	if (d->select && n != 0) {
		switch (a) {
		case ACT_UP:
		case ACT_PAGE_UP:
			if (d->sel > 0)
				d->sel--;
			break;
		case ACT_DOWN:
		case ACT_PAGE_DOWN:
			if (d->sel + 1 < n)
				d->sel++;
			break;
		case ACT_HOME:
			d->sel = 0;
			break;
		case ACT_END:
			d->sel = n - 1;
			break;
		default:
			break;
		}
		d->sel_id = view_proposal_int(json_array_get(d->comments,
		    d->sel), "id");
		view_proposal_show_sel(d, v->rows);
	} else
		tui_scroll(&d->top, d->nlines, v->rows, a);
	/* The next page of comments as the reader nears their end. */
	if (d->top + 2 * (size_t)v->rows >= d->dend &&
	    json_is_integer(d->next) && !d->paging)
		view_proposal_load(v, true);
}

/* Tab: the comment pane (the first comment on screen), or the text. */
static void
view_proposal_pane(struct view *v)
{
	struct view_proposal	*d = v->data;
	size_t			 i, n = json_array_size(d->comments);

	if (n == 0) {
		tui_status(v->tui, S_DIM, "no comments to select");
		return;
	}
	d->select = !d->select;
	if (!d->select)
		return;
	if (d->sel_id == 0 || view_proposal_find(d, d->sel_id) < 0) {
		d->sel = n - 1;
		for (i = 0; d->cfirst != NULL && i < n; i++) {
			if (d->cfirst[i] >= d->top) {
				d->sel = i;
				break;
			}
		}
	}
	d->sel_id = view_proposal_int(json_array_get(d->comments, d->sel),
	    "id");
	view_proposal_show_sel(d, v->rows);
}

/* An action: moving, the pane, or acting on the proposal. */
static bool
view_proposal_key(struct view *v, enum tui_action a, int key)
{
	struct view_proposal	*d = v->data;
	char			*done;

	(void)key;
	if (d->p == NULL)
		return (false);
	switch (a) {
	case ACT_UP:
	case ACT_DOWN:
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN:
	case ACT_HOME:
	case ACT_END:
		view_proposal_move(v, a);
		return (true);
	case ACT_PANE:
		view_proposal_pane(v);
		return (true);
	case ACT_COMMENT:
		tui_edit(v, d->draft, view_proposal_comment_cb, NULL);
		return (true);
	case ACT_PUBLISH:
		done = xasprintf("you published #%lld for discussion",
		    (long long)d->id);
		view_proposal_simple(v, "publish", done);
		free(done);
		return (true);
	case ACT_OPEN_VOTE:
		done = xasprintf("voting on #%lld is open", (long long)d->id);
		view_proposal_simple(v, "open-vote", done);
		free(done);
		return (true);
	case ACT_VOTE:
		view_proposal_vote_form(v);
		return (true);
	case ACT_WITHDRAW:
		done = xasprintf("you withdrew #%lld", (long long)d->id);
		view_proposal_ask(v, "withdraw, reason: ", "withdraw",
		    json_pack("{s:I}", "id", (json_int_t)d->id), done);
		free(done);
		return (true);
	case ACT_HIDE:
	case ACT_UNHIDE:
		view_proposal_moderate(v, a == ACT_HIDE);
		return (true);
	case ACT_REDACT:
		view_proposal_redact(v);
		return (true);
	case ACT_REPORT:
		view_proposal_report(v);
		return (true);
	default:
		return (false);
	}
}

/* Whether ref is "NOUN:N" of one of the loaded comments. */
static bool
view_proposal_has_comment(struct view_proposal *d, const char *ref)
{
	if (ref == NULL || strncmp(ref, "comment:", 8) != 0)
		return (false);
	return (view_proposal_find(d, strtoll(ref + 8, NULL, 10)) >= 0);
}

/*
 * Stale on the proposal's own events (ref "proposal:N": votes, ballots,
 * edits), a comment added on it or touching one of its comments, and
 * any redaction (its text may be one of ours).
 */
static void
view_proposal_event(struct view *v, json_t *ev)
{
	struct view_proposal	*d = v->data;
	const char		*type, *ref, *on;
	json_t			*body = json_object_get(ev, "body");
	char			 mine[32];

	type = json_string_value(json_object_get(ev, "type"));
	ref = json_string_value(json_object_get(ev, "ref"));
	if (type == NULL)
		return;
	snprintf(mine, sizeof mine, "proposal:%lld", (long long)d->id);
	on = json_string_value(json_object_get(body, "on"));
	if ((ref != NULL && strcmp(ref, mine) == 0) ||
	    (on != NULL && strcmp(on, mine) == 0) ||
	    view_proposal_int(body, "proposal") == d->id ||
	    (strncmp(type, "comment.", 8) == 0 &&
	    view_proposal_has_comment(d, ref)) ||
	    strcmp(type, "log.redacted") == 0) {
		v->stale = true;
		v->dirty = true;
	}
}

/* The countdown ticks while the vote is open. */
static bool
view_proposal_ticking(struct view *v)
{
	struct view_proposal	*d = v->data;

	return (d->p != NULL && view_proposal_state(d, "voting"));
}

const struct view_ops view_proposal_ops = {
	.name = "proposal",
	.scope = "proposal",
	.hints_for = view_proposal_hints,
	.init = view_proposal_init,
	.free = view_proposal_free,
	.reload = view_proposal_reload,
	.draw = view_proposal_draw,
	.key = view_proposal_key,
	.event = view_proposal_event,
	.ticking = view_proposal_ticking,
	.title = view_proposal_title,
};
