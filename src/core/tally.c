/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The common part of counting: the ballot set in memory, the parameters
 * and their parsers (method, threshold, quorum, a member's choice), the
 * quorum and threshold arithmetic, and tally_run(), which checks the
 * ballots, hands them to the method's counting file and then applies the
 * quorum and writes the summary. The counting files (tally-simple.c,
 * tally-schulze.c, tally-irv.c, tally-stv.c) fill the winners, the
 * ranking and their part of the explanation through struct tally_count.
 *
 * Everything is integer arithmetic: shares are compared by cross
 * multiplication (yes * den >= num * (yes + no)), a quorum share is
 * rounded up to whole ballots, and percentages in sentences are rounded
 * to a tenth only for display. Nothing here decides by rounding.
 *
 *   tally_run: check params -> check each ballot -> method count
 *              -> quorum (turnout, or per option for Debian A.6)
 *              -> summary "OUTCOME: what decided; quorum ..."
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "moot/tally.h"

static const char *const tally_methods[TALLY_NMETHODS] = {
	"yesno", "consent", "consensus", "approval", "plurality", "score",
	"dot", "schulze", "irv", "stv"
};

static const char *const tally_choices_yesno[] = {
	"yes", "no", "abstain", NULL
};
static const char *const tally_choices_consent[] = { "ok", "object", NULL };
static const char *const tally_choices_consensus[] = {
	"agree", "abstain", "disagree", "block", NULL
};

const char *
tally_method_name(enum tally_method m)
{
	if ((unsigned)m >= TALLY_NMETHODS)
		return ("unknown");
	return (tally_methods[m]);
}

const char *
tally_outcome_name(enum tally_outcome o)
{
	switch (o) {
	case TALLY_PASSED:
		return ("passed");
	case TALLY_REJECTED:
		return ("rejected");
	case TALLY_NO_QUORUM:
		return ("no-quorum");
	case TALLY_TIED:
		return ("tied");
	case TALLY_VETOED:
		return ("vetoed");
	}
	return ("unknown");
}

enum tally_ballot_kind
tally_method_ballot_kind(enum tally_method m)
{
	switch (m) {
	case TALLY_YESNO:
	case TALLY_CONSENT:
	case TALLY_CONSENSUS:
		return (TALLY_BALLOT_CHOICE);
	case TALLY_APPROVAL:
	case TALLY_PLURALITY:
		return (TALLY_BALLOT_APPROVAL);
	case TALLY_SCORE:
	case TALLY_DOT:
		return (TALLY_BALLOT_SCORE);
	case TALLY_SCHULZE:
	case TALLY_IRV:
	case TALLY_STV:
		return (TALLY_BALLOT_RANKED);
	}
	return (TALLY_BALLOT_RANKED);
}

const char *const *
tally_method_choices(enum tally_method m)
{
	switch (m) {
	case TALLY_YESNO:
		return (tally_choices_yesno);
	case TALLY_CONSENT:
		return (tally_choices_consent);
	case TALLY_CONSENSUS:
		return (tally_choices_consensus);
	case TALLY_APPROVAL:
	case TALLY_PLURALITY:
	case TALLY_SCORE:
	case TALLY_DOT:
	case TALLY_SCHULZE:
	case TALLY_IRV:
	case TALLY_STV:
		break;
	}
	return (NULL);
}

/* Ballot sets. */

void
tally_ballots_init(struct tally_ballots *b)
{
	memset(b, 0, sizeof *b);
}

void
tally_ballots_free(struct tally_ballots *b)
{
	size_t	i;

	for (i = 0; i < b->noptions; i++)
		free(b->options[i]);
	free(b->options);
	free(b->counts);
	free(b->lines);
	free(b->marks);
	tally_ballots_init(b);
}

void
tally_ballots_init_choices(struct tally_ballots *b, enum tally_method m)
{
	const char *const	*c;

	c = tally_method_choices(m);
	MOOT_REQUIRE(c != NULL && b->noptions == 0);
	for (; *c != NULL; c++) {
		if (tally_ballots_add_option(b, *c, NULL) < 0)
			MOOT_REQUIRE(0);
	}
}

int
tally_ballots_add_option(struct tally_ballots *b, const char *name,
    char **cause)
{
	uint16_t	*marks;
	size_t		 g, n;

	if (*name == '\0')
		return (moot_fail(cause, -EINVAL, "an option needs a name"));
	for (n = 0; n < b->noptions; n++) {
		if (strcmp(b->options[n], name) == 0) {
			return (moot_fail(cause, -EEXIST,
			    "option '%s' is declared twice", name));
		}
	}
	if (b->noptions >= TALLY_MAX_OPTIONS) {
		return (moot_fail(cause, -E2BIG,
		    "too many options (at most %d)", TALLY_MAX_OPTIONS));
	}
	n = b->noptions;
	if (b->ngroups != 0) {
		/* Widen every row by one unmarked column. */
		marks = xreallocarray(NULL, b->groupsalloc,
		    (n + 1) * sizeof *marks);
		for (g = 0; g < b->ngroups; g++) {
			memcpy(marks + g * (n + 1), b->marks + g * n,
			    n * sizeof *marks);
			marks[g * (n + 1) + n] = 0;
		}
		free(b->marks);
		b->marks = marks;
	} else if (b->marks != NULL) {
		free(b->marks);
		b->marks = NULL;
		b->groupsalloc = 0;
		free(b->counts);
		b->counts = NULL;
		free(b->lines);
		b->lines = NULL;
	}
	b->options = xreallocarray(b->options, n + 1, sizeof *b->options);
	b->options[n] = xstrdup(name);
	b->noptions = n + 1;
	return ((int)n);
}

size_t
tally_ballots_find(const struct tally_ballots *b, const char *name)
{
	size_t	i, found = TALLY_NO_OPTION;

	for (i = 0; i < b->noptions; i++) {
		if (strcmp(b->options[i], name) == 0)
			return (i);
	}
	for (i = 0; i < b->noptions; i++) {
		if (strcasecmp(b->options[i], name) == 0) {
			if (found != TALLY_NO_OPTION)
				return (TALLY_NO_OPTION);
			found = i;
		}
	}
	return (found);
}

void
tally_ballots_add(struct tally_ballots *b, uint32_t count,
    const uint16_t *marks, uint32_t line)
{
	size_t	n = b->noptions;

	if (b->ngroups == b->groupsalloc) {
		b->groupsalloc = b->groupsalloc == 0 ? 64 : b->groupsalloc * 2;
		b->counts = xreallocarray(b->counts, b->groupsalloc,
		    sizeof *b->counts);
		b->lines = xreallocarray(b->lines, b->groupsalloc,
		    sizeof *b->lines);
		b->marks = xreallocarray(b->marks, b->groupsalloc,
		    (n == 0 ? 1 : n) * sizeof *b->marks);
	}
	b->counts[b->ngroups] = count;
	b->lines[b->ngroups] = line;
	if (n != 0)
		memcpy(b->marks + b->ngroups * n, marks, n * sizeof *marks);
	b->ngroups++;
}

uint64_t
tally_ballots_total(const struct tally_ballots *b)
{
	uint64_t	total = 0;
	size_t		g;

	for (g = 0; g < b->ngroups; g++)
		total += b->counts[g];
	return (total);
}

/* Parameters. */

void
tally_params_init(struct tally_params *p, enum tally_method m)
{
	memset(p, 0, sizeof *p);
	p->method = m;
	p->quorum.kind = TALLY_QUORUM_NONE;
	p->threshold.kind = TALLY_THRESHOLD_DEFAULT;
	p->seats = 1;
	p->default_option = TALLY_NO_OPTION;
	p->score_max = 10;
	p->dot_budget = 10;
}

void
tally_result_free(struct tally_result *r)
{
	free(r->winners);
	free(r->tied);
	free(r->ranking);
	free(r->ranks);
	free(r->summary);
	if (r->explain != NULL)
		json_decref(r->explain);
	memset(r, 0, sizeof *r);
}

int
tally_parse_method(const char *s, enum tally_method *m, char **cause)
{
	unsigned	i;

	for (i = 0; i < TALLY_NMETHODS; i++) {
		if (strcasecmp(s, tally_methods[i]) == 0) {
			*m = (enum tally_method)i;
			return (0);
		}
	}
	return (moot_fail(cause, -EINVAL, "unknown method '%s': use one of "
	    "yesno, consent, consensus, approval, plurality, score, dot, "
	    "schulze, irv or stv (e.g. method = schulze)", s));
}

/* Read a decimal number at *sp, at most max; advance *sp. */
static bool
tally_number(const char **sp, uint64_t max, uint64_t *out)
{
	const char	*s = *sp;
	uint64_t	 v = 0;

	if (!isdigit((unsigned char)*s))
		return (false);
	for (; isdigit((unsigned char)*s); s++) {
		/* The digit alone may pass max (and max - d wrap). */
		if ((uint64_t)(*s - '0') > max ||
		    v > (max - (uint64_t)(*s - '0')) / 10)
			return (false);
		v = v * 10 + (uint64_t)(*s - '0');
	}
	*sp = s;
	*out = v;
	return (true);
}

/*
 * Read "N%", "N.D%" (up to two decimals) or "N/M" at *sp as num/den, a
 * share of at most one. Returns false if it is neither.
 */
static bool
tally_share(const char **sp, uint64_t *num, uint64_t *den, bool *percent)
{
	const char	*s = *sp;
	uint64_t	 n, d, frac, scale = 1;

	if (!tally_number(&s, UINT32_MAX, &n))
		return (false);
	if (*s == '.' || *s == '%') {
		if (*s == '.') {
			s++;
			frac = 0;
			while (isdigit((unsigned char)*s) && scale < 100) {
				frac = frac * 10 + (uint64_t)(*s - '0');
				scale *= 10;
				s++;
			}
			if (scale == 1 || *s != '%')
				return (false);
			n = n * scale + frac;
		}
		s++;
		d = 100 * scale;
		*percent = true;
	} else if (*s == '/') {
		s++;
		if (!tally_number(&s, UINT32_MAX, &d) || d == 0)
			return (false);
		*percent = false;
	} else
		return (false);
	if (n > d)
		return (false);
	*num = n;
	*den = d;
	*sp = s;
	return (true);
}

static const char *
tally_skip_space(const char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	return (s);
}

int
tally_parse_threshold(const char *text, struct tally_threshold *t,
    char **cause)
{
	const char	*s;
	uint64_t	 num, den;
	bool		 strict = false, percent = false;

	s = tally_skip_space(text);
	memset(t, 0, sizeof *t);
	if (isdigit((unsigned char)*s)) {
		/* A ratio N:M, as Debian writes supermajorities. */
		const char *r = s;

		if (tally_number(&r, UINT32_MAX, &num) && *r == ':') {
			r++;
			if (tally_number(&r, UINT32_MAX, &den) && den != 0 &&
			    num >= den && *tally_skip_space(r) == '\0') {
				t->kind = TALLY_THRESHOLD_RATIO;
				t->num = (uint32_t)num;
				t->den = (uint32_t)den;
				return (0);
			}
			goto bad;
		}
	}
	if (s[0] == '>' && s[1] == '=')
		s += 2;
	else if (s[0] == '>') {
		strict = true;
		s++;
	}
	s = tally_skip_space(s);
	if (!tally_share(&s, &num, &den, &percent) ||
	    *tally_skip_space(s) != '\0')
		goto bad;
	if (num == 0 && !strict)
		goto bad;
	t->kind = TALLY_THRESHOLD_SHARE;
	t->num = (uint32_t)num;
	t->den = (uint32_t)den;
	t->strict = strict;
	t->percent = percent;
	return (0);

bad:
	return (moot_fail(cause, -EINVAL, "'%s' is not a threshold: write "
	    "the share of yes among yes+no that passes, such as >1/2, "
	    ">=2/3 or 60%%, or a ratio of yes to no such as 3:1", text));
}

int
tally_parse_quorum(const char *text, struct tally_quorum *q, char **cause)
{
	const char	*s, *e;
	uint64_t	 num, den;
	bool		 percent;

	s = tally_skip_space(text);
	memset(q, 0, sizeof *q);
	e = s;
	if (tally_share(&e, &num, &den, &percent)) {
		if (*tally_skip_space(e) != '\0')
			goto bad;
		q->kind = TALLY_QUORUM_SHARE;
		q->num = num;
		q->den = den;
		q->percent = percent;
		return (0);
	}
	e = s;
	if (tally_number(&e, TALLY_MAX_BALLOTS, &num) &&
	    *tally_skip_space(e) == '\0') {
		q->kind = TALLY_QUORUM_COUNT;
		q->num = num;
		q->den = 1;
		return (0);
	}

bad:
	return (moot_fail(cause, -EINVAL, "'%s' is not a quorum: write a "
	    "share of the eligible voters such as 30%% or 1/3, or a number of "
	    "ballots such as 12", text));
}

/* Write num/den as a percentage with the decimals it was given. */
static void
tally_format_share(char *buf, size_t len, uint64_t num, uint64_t den,
    bool percent)
{
	if (!percent)
		snprintf(buf, len, "%" PRIu64 "/%" PRIu64, num, den);
	else if (den == 100)
		snprintf(buf, len, "%" PRIu64 "%%", num);
	else if (den == 1000)
		snprintf(buf, len, "%" PRIu64 ".%01" PRIu64 "%%", num / 10,
		    num % 10);
	else
		snprintf(buf, len, "%" PRIu64 ".%02" PRIu64 "%%", num / 100,
		    num % 100);
}

void
tally_threshold_format(const struct tally_threshold *t, char *buf,
    size_t len)
{
	char	share[48];

	switch (t->kind) {
	case TALLY_THRESHOLD_DEFAULT:
		snprintf(buf, len, ">1/2");
		break;
	case TALLY_THRESHOLD_SHARE:
		tally_format_share(share, sizeof share, t->num, t->den,
		    t->percent);
		snprintf(buf, len, "%s%s", t->strict ? ">" : ">=", share);
		break;
	case TALLY_THRESHOLD_RATIO:
		snprintf(buf, len, "%" PRIu32 ":%" PRIu32, t->num, t->den);
		break;
	}
}

void
tally_quorum_format(const struct tally_quorum *q, char *buf, size_t len)
{
	switch (q->kind) {
	case TALLY_QUORUM_NONE:
		snprintf(buf, len, "none");
		break;
	case TALLY_QUORUM_SHARE:
		tally_format_share(buf, len, q->num, q->den, q->percent);
		break;
	case TALLY_QUORUM_COUNT:
		snprintf(buf, len, "%" PRIu64, q->num);
		break;
	}
}

bool
tally_threshold_met(const struct tally_threshold *t, uint64_t yes,
    uint64_t no)
{
	uint64_t	total = yes + no;

	switch (t->kind) {
	case TALLY_THRESHOLD_DEFAULT:
		return (yes > no);
	case TALLY_THRESHOLD_SHARE:
		if (total == 0)
			return (false);
		if (t->strict)
			return (yes * t->den > t->num * total);
		return (yes * t->den >= t->num * total);
	case TALLY_THRESHOLD_RATIO:
		return (yes > no && yes * t->den >= t->num * no);
	}
	return (false);
}

uint64_t
tally_quorum_required(const struct tally_quorum *q, uint64_t eligible)
{
	switch (q->kind) {
	case TALLY_QUORUM_NONE:
		return (0);
	case TALLY_QUORUM_SHARE:
		return ((q->num * eligible + q->den - 1) / q->den);
	case TALLY_QUORUM_COUNT:
		return (q->num);
	}
	return (0);
}

/* Choices of `moot vote`. */

static char *
tally_trim(char *s)
{
	char	*e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return (s);
}

/* The example of a well-formed choice for this method. */
static char *
tally_choice_example(enum tally_method m, char *const *options, size_t n)
{
	const char	*a = n > 0 ? options[0] : "A";
	const char	*b = n > 1 ? options[1] : "B";
	const char	*c = n > 2 ? options[2] : "C";

	switch (m) {
	case TALLY_YESNO:
		return (xstrdup("yes, no or abstain"));
	case TALLY_CONSENT:
		return (xstrdup("ok or object"));
	case TALLY_CONSENSUS:
		return (xstrdup("agree, abstain, disagree or block"));
	case TALLY_APPROVAL:
		return (xasprintf("the options you approve, such as '%s,%s'",
		    a, b));
	case TALLY_PLURALITY:
		return (xasprintf("one option, such as '%s' or 1", a));
	case TALLY_SCORE:
	case TALLY_DOT:
		return (xasprintf("option=points pairs, such as '%s=5,%s=3'",
		    a, b));
	case TALLY_SCHULZE:
	case TALLY_IRV:
	case TALLY_STV:
		return (xasprintf("a ranking with > and =, such as "
		    "'%s>%s=%s' or '2>1>3'", a, b, c));
	}
	return (xstrdup(""));
}

/* Find the option a member named, by name or by number from 1. */
static size_t
tally_choice_option(char *const *options, size_t n, const char *ref)
{
	const char	*s;
	uint64_t	 v;
	size_t		 i, found = TALLY_NO_OPTION;

	for (i = 0; i < n; i++) {
		if (strcmp(options[i], ref) == 0)
			return (i);
	}
	for (i = 0; i < n; i++) {
		if (strcasecmp(options[i], ref) == 0) {
			if (found != TALLY_NO_OPTION)
				return (TALLY_NO_OPTION);
			found = i;
		}
	}
	if (found != TALLY_NO_OPTION)
		return (found);
	s = ref;
	if (tally_number(&s, n, &v) && *s == '\0' && v >= 1)
		return ((size_t)v - 1);
	return (TALLY_NO_OPTION);
}

int
tally_parse_choice(const struct tally_params *p, char *const *options,
    size_t n, const char *text, uint16_t *marks, char **cause)
{
	const char *const	*choices;
	char			*copy, *s, *item, *level, *name, *eq, *ex;
	size_t			 i, opt, rank, count = 0;
	uint64_t		 v;
	const char		*vs;
	int			 error = -EINVAL;
	enum tally_method	 m = p->method;

	copy = xstrdup(text);
	s = tally_trim(copy);
	ex = NULL;
	choices = tally_method_choices(m);
	if (choices != NULL) {
		for (i = 0; choices[i] != NULL; i++)
			marks[i] = 0;
		for (i = 0; choices[i] != NULL; i++) {
			if (strcasecmp(s, choices[i]) == 0) {
				marks[i] = 1;
				free(copy);
				return (0);
			}
		}
		goto bad;
	}
	for (i = 0; i < n; i++)
		marks[i] = 0;
	if (*s == '\0')
		goto bad;
	switch (tally_method_ballot_kind(m)) {
	case TALLY_BALLOT_CHOICE:
		goto bad;
	case TALLY_BALLOT_APPROVAL:
		if (strpbrk(s, ">=") != NULL)
			goto bad;
		while ((item = strsep(&s, ",")) != NULL) {
			item = tally_trim(item);
			opt = tally_choice_option(options, n, item);
			if (opt == TALLY_NO_OPTION)
				goto unknown;
			if (marks[opt] != 0)
				goto twice;
			marks[opt] = 1;
			count++;
		}
		if (m == TALLY_PLURALITY && count != 1)
			goto bad;
		break;
	case TALLY_BALLOT_SCORE:
		if (strchr(s, '>') != NULL)
			goto bad;
		while ((item = strsep(&s, ",")) != NULL) {
			eq = strchr(item, '=');
			if (eq == NULL)
				goto bad;
			*eq++ = '\0';
			name = tally_trim(item);
			vs = tally_trim(eq);
			if (!tally_number(&vs, TALLY_MARK_MAX, &v) ||
			    *vs != '\0')
				goto bad;
			opt = tally_choice_option(options, n, name);
			if (opt == TALLY_NO_OPTION) {
				item = name;
				goto unknown;
			}
			if (marks[opt] != 0)
				goto twice;
			marks[opt] = (uint16_t)v;
		}
		break;
	case TALLY_BALLOT_RANKED:
		if (strchr(s, ',') != NULL)
			goto bad;
		rank = 0;
		while ((level = strsep(&s, ">")) != NULL) {
			rank++;
			while ((item = strsep(&level, "=")) != NULL) {
				item = tally_trim(item);
				if (*item == '\0')
					goto bad;
				opt = tally_choice_option(options, n, item);
				if (opt == TALLY_NO_OPTION)
					goto unknown;
				if (marks[opt] != 0)
					goto twice;
				marks[opt] = (uint16_t)rank;
			}
		}
		break;
	}
	error = tally_check_ballot(p, n, marks, cause);
	free(copy);
	return (error);

unknown:
	ex = tally_choice_example(m, options, n);
	error = moot_fail(cause, -EINVAL, "there is no option '%s' in this "
	    "vote (name an option or give its number from 1 to %zu; write %s)",
	    item, n, ex);
	goto out;
twice:
	ex = tally_choice_example(m, options, n);
	error = moot_fail(cause, -EINVAL, "'%s' appears twice in '%s' "
	    "(write %s)", options[opt], text, ex);
	goto out;
bad:
	ex = tally_choice_example(m, options, n);
	error = moot_fail(cause, -EINVAL, "'%s' is not a choice for a %s "
	    "vote: write %s", text, tally_method_name(m), ex);
out:
	free(ex);
	free(copy);
	return (error);
}

int
tally_check_ballot(const struct tally_params *p, size_t n,
    const uint16_t *marks, char **cause)
{
	size_t		i, marked = 0;
	uint64_t	sum = 0;

	for (i = 0; i < n; i++) {
		if (marks[i] != 0)
			marked++;
		sum += marks[i];
	}
	switch (p->method) {
	case TALLY_YESNO:
	case TALLY_CONSENT:
	case TALLY_CONSENSUS:
	case TALLY_PLURALITY:
		if (marked > 1) {
			return (moot_fail(cause, -EINVAL, "a %s ballot makes "
			    "one choice, not %zu", tally_method_name(p->method),
			    marked));
		}
		/* FALLTHROUGH */
	case TALLY_APPROVAL:
		for (i = 0; i < n; i++) {
			if (marks[i] > 1) {
				return (moot_fail(cause, -EINVAL, "a %s ballot "
				    "marks options, it does not rank or score "
				    "them", tally_method_name(p->method)));
			}
		}
		break;
	case TALLY_SCORE:
		for (i = 0; i < n; i++) {
			if (marks[i] > p->score_max) {
				return (moot_fail(cause, -EINVAL, "a score of "
				    "%u is above the highest score, %u",
				    marks[i], p->score_max));
			}
		}
		break;
	case TALLY_DOT:
		if (sum > p->dot_budget) {
			return (moot_fail(cause, -EINVAL, "%" PRIu64 " points "
			    "are more than the %u each voter may spread", sum,
			    p->dot_budget));
		}
		break;
	case TALLY_SCHULZE:
	case TALLY_IRV:
	case TALLY_STV:
		break;
	}
	return (0);
}

/* Helpers for the counting files. */

const char *
tally_name(const struct tally_count *c, size_t i)
{
	return (c->ballots->options[i]);
}

void
tally_add_names(struct tally_count *c, struct buf *b, const size_t *opts,
    size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (i != 0)
			buf_adds(b, i == n - 1 ? " and " : ", ");
		buf_adds(b, tally_name(c, opts[i]));
	}
}

json_t *
tally_json_names(const struct tally_count *c, const size_t *opts, size_t n)
{
	json_t	*a;
	size_t	 i;

	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, json_string(tally_name(c, opts[i])));
	return (a);
}

void
tally_add_percent(struct buf *b, uint64_t a, uint64_t total)
{
	uint64_t	tenths;

	if (total == 0) {
		buf_adds(b, "0%");
		return;
	}
	tenths = (a * 1000 + total / 2) / total;
	if (tenths % 10 == 0)
		buf_addf(b, "%" PRIu64 "%%", tenths / 10);
	else {
		buf_addf(b, "%" PRIu64 ".%" PRIu64 "%%", tenths / 10,
		    tenths % 10);
	}
}

void
tally_order_by_total(const uint64_t *total, size_t n, size_t *order,
    size_t *levels)
{
	size_t	i, j, k, level = 0;

	for (i = 0; i < n; i++)
		order[i] = i;
	/* Insertion sort: stable, so equal totals keep declaration order. */
	for (i = 1; i < n; i++) {
		k = order[i];
		for (j = i; j > 0 && total[order[j - 1]] < total[k]; j--)
			order[j] = order[j - 1];
		order[j] = k;
	}
	for (i = 0; i < n; i++) {
		if (i != 0 && total[order[i]] != total[order[i - 1]])
			level++;
		levels[i] = level;
	}
}

void
tally_rank_and_choose(struct tally_count *c, const size_t *order,
    const size_t *levels, size_t n, const bool *canwin)
{
	struct tally_result	*r = c->result;
	size_t			 seats = c->params->seats, i, j, place;
	size_t			*cand, ncand = 0, *lv;
	json_t			*tie;

	r->nranking = n;
	r->ranking = xcalloc(n, sizeof *r->ranking);
	r->ranks = xcalloc(n, sizeof *r->ranks);
	place = 1;
	for (i = 0; i < n; i++) {
		if (i != 0 && levels[i] != levels[i - 1])
			place = i + 1;
		r->ranking[i] = order[i];
		r->ranks[i] = place;
	}

	cand = xcalloc(n, sizeof *cand);
	lv = xcalloc(n, sizeof *lv);
	for (i = 0; i < n; i++) {
		if (canwin == NULL || canwin[order[i]]) {
			cand[ncand] = order[i];
			lv[ncand++] = levels[i];
		}
	}
	r->winners = xcalloc(seats, sizeof *r->winners);
	if (ncand == 0) {
		r->outcome = TALLY_REJECTED;
		goto out;
	}
	if (ncand <= seats || lv[seats - 1] != lv[seats]) {
		r->nwinners = ncand < seats ? ncand : seats;
		memcpy(r->winners, cand, r->nwinners * sizeof *cand);
		r->outcome = TALLY_PASSED;
		goto out;
	}

	/* Options tied across the last seat: cand[i..j). */
	for (i = seats - 1; i > 0 && lv[i - 1] == lv[seats - 1]; i--)
		/* nothing */;
	for (j = seats; j < ncand && lv[j] == lv[seats - 1]; j++)
		/* nothing */;
	tie = json_object();
	json_object_set_new(tie, "options", tally_json_names(c, cand + i,
	    j - i));
	json_object_set_new(tie, "seats", json_integer((json_int_t)(seats -
	    i)));
	if (c->params->report_ties) {
		r->nwinners = i;
		memcpy(r->winners, cand, i * sizeof *cand);
		r->ntied = j - i;
		r->tied = xcalloc(j - i, sizeof *r->tied);
		memcpy(r->tied, cand + i, (j - i) * sizeof *cand);
		r->outcome = TALLY_TIED;
		json_object_set_new(tie, "broken", json_false());
	} else {
		r->nwinners = seats;
		memcpy(r->winners, cand, seats * sizeof *cand);
		r->outcome = TALLY_PASSED;
		json_object_set_new(tie, "broken", json_true());
		json_object_set_new(tie, "rule", json_string("declaration "
		    "order: the option declared first wins"));
		json_object_set_new(tie, "chosen", tally_json_names(c,
		    cand + i, seats - i));
	}
	json_object_set_new(c->explain, "tie", tie);
out:
	free(cand);
	free(lv);
}

/* tally_run and its steps. */

/* Check the parameters against the method and the ballot set. */
static int
tally_check_params(const struct tally_ballots *b, const struct tally_params *p,
    char **cause)
{
	const char *const	*choices;
	size_t			 i, g, j;
	enum tally_method	 m = p->method;
	bool			 multi;

	if ((unsigned)m >= TALLY_NMETHODS)
		return (moot_fail(cause, -EINVAL, "unknown method"));
	choices = tally_method_choices(m);
	multi = choices == NULL;
	if (p->seats == 0)
		return (moot_fail(cause, -EINVAL, "seats must be at least 1"));
	if (p->seats > 1 && (!multi || m == TALLY_IRV)) {
		return (moot_fail(cause, -EINVAL, "a %s vote has one outcome; "
		    "seats applies to approval, plurality, score, dot, schulze "
		    "and stv (use stv to elect %u)", tally_method_name(m),
		    p->seats));
	}
	if (p->default_option != TALLY_NO_OPTION) {
		if (m != TALLY_SCHULZE) {
			return (moot_fail(cause, -EINVAL, "a default option "
			    "applies to schulze votes only"));
		}
		if (p->default_option >= b->noptions) {
			return (moot_fail(cause, -EINVAL, "the default option "
			    "is not one of the %zu options", b->noptions));
		}
	}
	if (p->threshold.kind != TALLY_THRESHOLD_DEFAULT) {
		if (m != TALLY_YESNO && m != TALLY_CONSENSUS &&
		    m != TALLY_SCHULZE) {
			return (moot_fail(cause, -EINVAL, "a threshold applies "
			    "to yesno, consensus and schulze votes, not %s",
			    tally_method_name(m)));
		}
		if (m == TALLY_SCHULZE &&
		    p->default_option == TALLY_NO_OPTION) {
			return (moot_fail(cause, -EINVAL, "a schulze threshold "
			    "is a supermajority against the default option: "
			    "name a default option too"));
		}
	}
	if (p->quorum.kind == TALLY_QUORUM_SHARE && p->eligible == 0) {
		return (moot_fail(cause, -EINVAL, "a quorum given as a share "
		    "needs the number of eligible voters"));
	}
	if (p->quorum.kind == TALLY_QUORUM_SHARE && p->quorum.den == 0)
		return (moot_fail(cause, -EINVAL, "a quorum share needs a "
		    "denominator"));
	if (p->eligible > TALLY_MAX_BALLOTS)
		return (moot_fail(cause, -EINVAL, "too many eligible voters"));
	if (multi && b->noptions == 0) {
		return (moot_fail(cause, -EINVAL, "a %s vote needs options",
		    tally_method_name(m)));
	}
	if (m == TALLY_SCORE && p->score_max == 0)
		return (moot_fail(cause, -EINVAL, "the highest score must be "
		    "at least 1"));
	if (m == TALLY_DOT && p->dot_budget == 0)
		return (moot_fail(cause, -EINVAL, "the dot budget must be at "
		    "least 1"));
	if (!multi) {
		/* Every marked option must be one of the fixed choices. */
		for (i = 0; i < b->noptions; i++) {
			for (j = 0; choices[j] != NULL; j++) {
				if (strcasecmp(b->options[i], choices[j]) == 0)
					break;
			}
			if (choices[j] != NULL)
				continue;
			for (g = 0; g < b->ngroups; g++) {
				if (tally_ballots_row(b, g)[i] != 0)
					break;
			}
			if (g == b->ngroups)
				continue;
			return (moot_fail(cause, -EINVAL, "'%s' is not a "
			    "choice in a %s vote (the choices are %s)",
			    b->options[i], tally_method_name(m),
			    m == TALLY_YESNO ? "yes, no and abstain" :
			    m == TALLY_CONSENT ? "ok and object" :
			    "agree, abstain, disagree and block"));
		}
	}
	return (0);
}

static int
tally_check_ballots(const struct tally_ballots *b,
    const struct tally_params *p, char **cause)
{
	size_t		 g;
	char		*why;
	uint64_t	 total = 0;
	int		 error;

	for (g = 0; g < b->ngroups; g++) {
		total += b->counts[g];
		if (total > TALLY_MAX_BALLOTS) {
			return (moot_fail(cause, -EINVAL, "more than %llu "
			    "ballots", (unsigned long long)TALLY_MAX_BALLOTS));
		}
		why = NULL;
		error = tally_check_ballot(p, b->noptions,
		    tally_ballots_row(b, g), &why);
		if (error == 0)
			continue;
		if (b->lines != NULL && b->lines[g] != 0) {
			error = moot_fail(cause, error, "line %" PRIu32 ": %s",
			    b->lines[g], why);
		} else {
			error = moot_fail(cause, error, "ballot group %zu: %s",
			    g + 1, why);
		}
		free(why);
		return (error);
	}
	return (0);
}

/* Explain the quorum and let it decide. */
static void
tally_apply_quorum(struct tally_count *c)
{
	const struct tally_params	*p = c->params;
	struct tally_result		*r = c->result;
	json_t				*q;
	char				 rule[64];
	struct buf			 s;
	bool				 met;

	if (p->eligible != 0) {
		json_object_set_new(c->explain, "eligible",
		    json_integer((json_int_t)p->eligible));
	}
	if (p->quorum.kind == TALLY_QUORUM_NONE) {
		json_object_set_new(c->explain, "quorum", json_null());
		return;
	}
	tally_quorum_format(&p->quorum, rule, sizeof rule);
	q = json_object();
	json_object_set_new(q, "rule", json_string(rule));
	json_object_set_new(q, "kind", json_string(p->quorum.kind ==
	    TALLY_QUORUM_SHARE ? "share" : "count"));
	if (p->eligible != 0)
		json_object_set_new(q, "eligible",
		    json_integer((json_int_t)p->eligible));
	json_object_set_new(q, "required",
	    json_integer((json_int_t)c->quorum_required));
	json_object_set_new(q, "voted", json_integer((json_int_t)c->voted));
	if (p->quorum.kind == TALLY_QUORUM_SHARE) {
		json_object_set_new(q, "arithmetic", json_sprintf("%s of %"
		    PRIu64 " eligible, rounded up: %" PRIu64, rule,
		    p->eligible, c->quorum_required));
	}
	if (c->quorum_by_option) {
		json_object_set_new(q, "applies", json_string("per option: "
		    "an option ranked above the default option on fewer "
		    "ballots than required is dropped (Debian A.6)"));
		json_object_set_new(c->explain, "quorum", q);
		return;
	}
	json_object_set_new(q, "applies", json_string("ballots cast, "
	    "abstentions included"));
	met = c->voted >= c->quorum_required;
	json_object_set_new(q, "met", json_boolean(met));
	json_object_set_new(c->explain, "quorum", q);

	buf_init(&s);
	if (!met) {
		r->outcome = TALLY_NO_QUORUM;
		r->nwinners = 0;
		r->ntied = 0;
		buf_addf(&s, "rejected: quorum not met — %" PRIu64, c->voted);
		if (p->eligible != 0)
			buf_addf(&s, " of %" PRIu64 " eligible", p->eligible);
		buf_addf(&s, " voted, %" PRIu64, c->quorum_required);
		if (p->quorum.kind == TALLY_QUORUM_SHARE)
			buf_addf(&s, " (%s)", rule);
		buf_adds(&s, " required");
		buf_free(&c->summary);
		c->summary = s;
		return;
	}
	buf_addf(&s, "; quorum met — %" PRIu64, c->voted);
	if (p->eligible != 0)
		buf_addf(&s, " of %" PRIu64, p->eligible);
	buf_addf(&s, " voted, %" PRIu64 " required", c->quorum_required);
	buf_add(&c->summary, s.data, s.len);
	buf_free(&s);
}

int
tally_run(const struct tally_ballots *b, const struct tally_params *p,
    struct tally_result *r, char **cause)
{
	struct tally_count	 c;
	json_t			*a, *e;
	char			 rule[64];
	size_t			 i;
	int			 error;

	memset(r, 0, sizeof *r);
	if ((error = tally_check_params(b, p, cause)) != 0)
		return (error);
	if ((error = tally_check_ballots(b, p, cause)) != 0)
		return (error);

	memset(&c, 0, sizeof c);
	c.ballots = b;
	c.params = p;
	c.result = r;
	c.explain = json_object();
	buf_init(&c.summary);
	c.voted = tally_ballots_total(b);
	if (p->eligible != 0 && c.voted > p->eligible) {
		json_decref(c.explain);
		return (moot_fail(cause, -EINVAL, "%" PRIu64 " ballots but "
		    "only %" PRIu64 " eligible voters", c.voted, p->eligible));
	}
	c.quorum_required = tally_quorum_required(&p->quorum, p->eligible);
	c.quorum_by_option = p->method == TALLY_SCHULZE &&
	    p->default_option != TALLY_NO_OPTION &&
	    p->quorum.kind != TALLY_QUORUM_NONE;

	json_object_set_new(c.explain, "method",
	    json_string(tally_method_name(p->method)));
	json_object_set_new(c.explain, "ballots",
	    json_integer((json_int_t)c.voted));
	if (tally_method_choices(p->method) == NULL) {
		a = json_array();
		for (i = 0; i < b->noptions; i++)
			json_array_append_new(a, json_string(b->options[i]));
		json_object_set_new(c.explain, "options", a);
		json_object_set_new(c.explain, "seats",
		    json_integer((json_int_t)p->seats));
	}
	if (p->threshold.kind != TALLY_THRESHOLD_DEFAULT ||
	    p->method == TALLY_YESNO || p->method == TALLY_CONSENSUS) {
		tally_threshold_format(&p->threshold, rule, sizeof rule);
		json_object_set_new(c.explain, "threshold_rule",
		    json_string(rule));
	}

	switch (p->method) {
	case TALLY_YESNO:
	case TALLY_CONSENT:
	case TALLY_CONSENSUS:
	case TALLY_APPROVAL:
	case TALLY_PLURALITY:
	case TALLY_SCORE:
	case TALLY_DOT:
		error = tally_simple_run(&c, cause);
		break;
	case TALLY_SCHULZE:
		error = tally_schulze_run(&c, cause);
		break;
	case TALLY_IRV:
		error = tally_irv_run(&c, cause);
		break;
	case TALLY_STV:
		error = tally_stv_run(&c, cause);
		break;
	}
	if (error != 0) {
		json_decref(c.explain);
		buf_free(&c.summary);
		tally_result_free(r);
		return (error);
	}
	tally_apply_quorum(&c);
	json_object_set_new(c.explain, "outcome",
	    json_string(tally_outcome_name(r->outcome)));
	json_object_set_new(c.explain, "winners",
	    tally_json_names(&c, r->winners, r->nwinners));
	if (r->ntied != 0) {
		json_object_set_new(c.explain, "tied",
		    tally_json_names(&c, r->tied, r->ntied));
	}
	if (r->nranking != 0) {
		a = json_array();
		for (i = 0; i < r->nranking; i++) {
			e = json_object();
			json_object_set_new(e, "place",
			    json_integer((json_int_t)r->ranks[i]));
			json_object_set_new(e, "option",
			    json_string(tally_name(&c, r->ranking[i])));
			json_array_append_new(a, e);
		}
		json_object_set_new(c.explain, "ranking", a);
	}
	buf_addc(&c.summary, '.');
	r->summary = buf_steal(&c.summary, NULL);
	json_object_set_new(c.explain, "summary", json_string(r->summary));
	r->explain = c.explain;
	return (0);
}
