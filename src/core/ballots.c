/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The ballot file readers: moot-ballots(5) and PrefLib's ordinal formats
 * (.soc, .soi, .toc, .toi, with the current "# KEY: value" header or the
 * older numeric one). Both fill a struct tally_ballots, so `moot tally`
 * and the tests count files from either source the same way.
 *
 * A file is read line by line into a list of pending ballot groups
 * (count, line, and the (option, mark) pairs of the line); options are
 * declared as they appear, so the marks are laid out only at the end,
 * once every option is known. Every error names the file and the line
 * and, where it helps, shows the right form.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "moot/ballots.h"

struct ballots_mark {
	size_t		opt;		/* option index, or PrefLib number */
	uint16_t	mark;
};

struct ballots_group {
	uint32_t	count;
	uint32_t	line;
	size_t		first;		/* into marks */
	size_t		n;
};

struct ballots_reader {
	const char		*name;
	enum ballots_format	 format;
	enum tally_ballot_kind	 kind;
	struct tally_ballots	*b;
	uint32_t		 line;
	bool			 content;	/* a ballot or options seen */

	struct ballots_mark	*marks;
	size_t			 nmarks;
	size_t			 marksalloc;
	struct ballots_group	*groups;
	size_t			 ngroups;
	size_t			 groupsalloc;

	/* PrefLib. */
	char			**alts;		/* names by number - 1 */
	size_t			 nalts;
	size_t			 declared;	/* NUMBER ALTERNATIVES */
	bool			 old;		/* the older numeric format */
	size_t			 oldnames;	/* old format: names to read */
	bool			 oldcounts;	/* old format: counts read */
};

enum ballots_format
ballots_format_of(const char *path)
{
	const char	*dot;

	dot = strrchr(path, '.');
	if (dot == NULL || strchr(dot, '/') != NULL)
		return (BALLOTS_MOOT);
	if (strcasecmp(dot, ".soc") == 0)
		return (BALLOTS_SOC);
	if (strcasecmp(dot, ".soi") == 0)
		return (BALLOTS_SOI);
	if (strcasecmp(dot, ".toc") == 0)
		return (BALLOTS_TOC);
	if (strcasecmp(dot, ".toi") == 0)
		return (BALLOTS_TOI);
	return (BALLOTS_MOOT);
}

static int
ballots_fail(struct ballots_reader *r, char **cause, const char *fmt, ...)
    MOOT_PRINTF(3, 4);

/* Fail with "NAME:LINE: message". */
static int
ballots_fail(struct ballots_reader *r, char **cause, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;
	int	 error;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	if (r->line != 0) {
		error = moot_fail(cause, -EINVAL, "%s:%" PRIu32 ": %s", r->name,
		    r->line, msg);
	} else
		error = moot_fail(cause, -EINVAL, "%s: %s", r->name, msg);
	free(msg);
	return (error);
}

static char *
ballots_trim(char *s)
{
	char	*e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' ||
	    e[-1] == '\n'))
		*--e = '\0';
	return (s);
}

/* Whether s is valid UTF-8 without control characters (tab allowed). */
static bool
ballots_text_ok(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	unsigned		 need, cp, min;

	while (*p != '\0') {
		if (*p < 0x80) {
			if ((*p < 0x20 && *p != '\t') || *p == 0x7f)
				return (false);
			p++;
			continue;
		}
		if ((*p & 0xe0) == 0xc0) {
			need = 1;
			cp = *p & 0x1f;
			min = 0x80;
		} else if ((*p & 0xf0) == 0xe0) {
			need = 2;
			cp = *p & 0x0f;
			min = 0x800;
		} else if ((*p & 0xf8) == 0xf0) {
			need = 3;
			cp = *p & 0x07;
			min = 0x10000;
		} else
			return (false);
		p++;
		for (; need > 0; need--, p++) {
			if ((*p & 0xc0) != 0x80)
				return (false);
			cp = (cp << 6) | (*p & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return (false);
		if (cp >= 0x80 && cp < 0xa0)
			return (false);	/* C1 controls */
	}
	return (true);
}

static void
ballots_push_mark(struct ballots_reader *r, size_t opt, uint16_t mark)
{
	if (r->nmarks == r->marksalloc) {
		r->marksalloc = r->marksalloc == 0 ? 256 : r->marksalloc * 2;
		r->marks = xreallocarray(r->marks, r->marksalloc,
		    sizeof *r->marks);
	}
	r->marks[r->nmarks].opt = opt;
	r->marks[r->nmarks].mark = mark;
	r->nmarks++;
}

static void
ballots_push_group(struct ballots_reader *r, uint32_t count, size_t first)
{
	if (r->ngroups == r->groupsalloc) {
		r->groupsalloc = r->groupsalloc == 0 ? 64 : r->groupsalloc * 2;
		r->groups = xreallocarray(r->groups, r->groupsalloc,
		    sizeof *r->groups);
	}
	r->groups[r->ngroups].count = count;
	r->groups[r->ngroups].line = r->line;
	r->groups[r->ngroups].first = first;
	r->groups[r->ngroups].n = r->nmarks - first;
	r->ngroups++;
}

/* Whether the marks of this line (from first) already name opt. */
static bool
ballots_seen(struct ballots_reader *r, size_t first, size_t opt)
{
	size_t	i;

	for (i = first; i < r->nmarks; i++) {
		if (r->marks[i].opt == opt)
			return (true);
	}
	return (false);
}

/* Read an unsigned decimal at *sp up to max. */
static bool
ballots_number(char **sp, uint64_t max, uint64_t *out)
{
	char		*s = *sp;
	uint64_t	 v = 0;

	if (!isdigit((unsigned char)*s))
		return (false);
	for (; isdigit((unsigned char)*s); s++) {
		if (v > (max - (uint64_t)(*s - '0')) / 10)
			return (false);
		v = v * 10 + (uint64_t)(*s - '0');
	}
	*sp = s;
	*out = v;
	return (true);
}

static const char *
ballots_example(enum tally_ballot_kind kind)
{
	switch (kind) {
	case TALLY_BALLOT_CHOICE:
		return ("'12: yes'");
	case TALLY_BALLOT_RANKED:
		return ("'12: A > B = C > D'");
	case TALLY_BALLOT_APPROVAL:
		return ("'12: A, B'");
	case TALLY_BALLOT_SCORE:
		return ("'12: A=5, B=3'");
	}
	return ("");
}

/* The option called name, declaring it if new (moot format). */
static int
ballots_option(struct ballots_reader *r, const char *name, size_t *opt,
    char **cause)
{
	struct tally_ballots	*b = r->b;
	const char		*bad;
	char			*why = NULL;
	size_t			 i;
	int			 error;

	if (*name == '\0') {
		return (ballots_fail(r, cause, "an option name is missing; "
		    "write a ballot as %s", ballots_example(r->kind)));
	}
	for (i = 0; i < b->noptions; i++) {
		if (strcmp(b->options[i], name) == 0) {
			*opt = i;
			return (0);
		}
	}
	if (r->kind == TALLY_BALLOT_CHOICE) {
		for (i = 0; i < b->noptions; i++) {
			if (strcasecmp(b->options[i], name) == 0) {
				*opt = i;
				return (0);
			}
		}
		return (ballots_fail(r, cause, "'%s' is not a choice here; "
		    "write one of %s%s%s%s%s%s%s", name, b->options[0],
		    b->noptions > 2 ? ", " : " or ", b->options[1],
		    b->noptions > 2 ? (b->noptions > 3 ? ", " : " or ") : "",
		    b->noptions > 2 ? b->options[2] : "",
		    b->noptions > 3 ? " or " : "",
		    b->noptions > 3 ? b->options[3] : ""));
	}
	bad = strpbrk(name, ",>=:#");
	if (bad != NULL && *bad != ':') {
		return (ballots_fail(r, cause, "'%c' cannot be part of an "
		    "option name ('%s'); write a ballot as %s", *bad, name,
		    ballots_example(r->kind)));
	}
	error = tally_ballots_add_option(b, name, &why);
	if (error < 0) {
		error = ballots_fail(r, cause, "%s", why);
		free(why);
		return (error);
	}
	*opt = (size_t)error;
	return (0);
}

/* "options: A, B, C" */
static int
ballots_moot_options(struct ballots_reader *r, char *list, char **cause)
{
	char	*item;
	size_t	 opt, before;
	int	 error;

	while ((item = strsep(&list, ",")) != NULL) {
		item = ballots_trim(item);
		before = r->b->noptions;
		if ((error = ballots_option(r, item, &opt, cause)) != 0)
			return (error);
		if (r->b->noptions == before && r->kind != TALLY_BALLOT_CHOICE)
			return (ballots_fail(r, cause, "option '%s' is "
			    "declared twice", item));
	}
	return (0);
}

static int
ballots_moot_ranked(struct ballots_reader *r, char *body, size_t first,
    char **cause)
{
	char	*level, *item;
	size_t	 rank = 0, opt;
	int	 error;

	if (strchr(body, ',') != NULL) {
		return (ballots_fail(r, cause, "',' separates approvals; a "
		    "ranked ballot uses '>' between ranks and '=' for options "
		    "ranked equal, as in %s", ballots_example(r->kind)));
	}
	while ((level = strsep(&body, ">")) != NULL) {
		if (++rank > TALLY_MARK_MAX)
			return (ballots_fail(r, cause, "too many ranks"));
		while ((item = strsep(&level, "=")) != NULL) {
			item = ballots_trim(item);
			if (*item == '\0') {
				return (ballots_fail(r, cause, "an option name "
				    "is missing around '>' or '='; write a "
				    "ranked ballot as %s",
				    ballots_example(r->kind)));
			}
			if ((error = ballots_option(r, item, &opt, cause)) != 0)
				return (error);
			if (ballots_seen(r, first, opt)) {
				return (ballots_fail(r, cause, "'%s' is ranked "
				    "twice", item));
			}
			ballots_push_mark(r, opt, (uint16_t)rank);
		}
	}
	return (0);
}

static int
ballots_moot_list(struct ballots_reader *r, char *body, size_t first,
    char **cause)
{
	char		*item, *eq, *vs;
	size_t		 opt;
	uint64_t	 v;
	int		 error;

	if (r->kind != TALLY_BALLOT_SCORE && strpbrk(body, ">=") != NULL) {
		return (ballots_fail(r, cause, "'%c' does not belong in this "
		    "ballot; write it as %s", *strpbrk(body, ">="),
		    ballots_example(r->kind)));
	}
	if (r->kind == TALLY_BALLOT_SCORE && strchr(body, '>') != NULL) {
		return (ballots_fail(r, cause, "'>' does not belong in a score "
		    "ballot; write it as %s", ballots_example(r->kind)));
	}
	while ((item = strsep(&body, ",")) != NULL) {
		v = 1;
		if (r->kind == TALLY_BALLOT_SCORE) {
			eq = strchr(item, '=');
			if (eq == NULL) {
				return (ballots_fail(r, cause, "'%s' has no "
				    "points; write a score ballot as %s",
				    ballots_trim(item),
				    ballots_example(r->kind)));
			}
			*eq = '\0';
			vs = ballots_trim(eq + 1);
			if (!ballots_number(&vs, TALLY_MARK_MAX, &v) ||
			    *vs != '\0') {
				return (ballots_fail(r, cause, "'%s' is not a "
				    "number of points from 0 to %u",
				    ballots_trim(eq + 1), TALLY_MARK_MAX));
			}
		}
		item = ballots_trim(item);
		if ((error = ballots_option(r, item, &opt, cause)) != 0)
			return (error);
		if (ballots_seen(r, first, opt))
			return (ballots_fail(r, cause, "'%s' appears twice",
			    item));
		if (v != 0)
			ballots_push_mark(r, opt, (uint16_t)v);
	}
	if (r->kind == TALLY_BALLOT_CHOICE && r->nmarks - first > 1) {
		return (ballots_fail(r, cause, "a ballot here makes one "
		    "choice; write it as %s", ballots_example(r->kind)));
	}
	return (0);
}

/* One line of a moot ballot file. */
static int
ballots_moot_line(struct ballots_reader *r, char *line, char **cause)
{
	char		*s, *hash;
	uint64_t	 count;
	size_t		 first;
	int		 error;

	if ((hash = strchr(line, '#')) != NULL)
		*hash = '\0';
	s = ballots_trim(line);
	if (*s == '\0')
		return (0);
	if (!ballots_text_ok(s)) {
		return (ballots_fail(r, cause, "not valid UTF-8 text, or a "
		    "control character"));
	}
	if (strncasecmp(s, "options", 7) == 0 &&
	    *ballots_trim(s + 7) == ':') {
		if (r->content) {
			return (ballots_fail(r, cause, "the options line must "
			    "come before the ballots"));
		}
		r->content = true;
		return (ballots_moot_options(r, strchr(s, ':') + 1, cause));
	}
	r->content = true;
	if (!ballots_number(&s, UINT32_MAX, &count) ||
	    *(s = ballots_trim(s)) != ':') {
		return (ballots_fail(r, cause, "expected a count of ballots, a "
		    "colon and the ballot, as in %s",
		    ballots_example(r->kind)));
	}
	if (count == 0)
		return (ballots_fail(r, cause, "a count must be at least 1"));
	s = ballots_trim(s + 1);
	first = r->nmarks;
	if (*s != '\0') {
		if (r->kind == TALLY_BALLOT_RANKED)
			error = ballots_moot_ranked(r, s, first, cause);
		else
			error = ballots_moot_list(r, s, first, cause);
		if (error != 0)
			return (error);
	}
	ballots_push_group(r, (uint32_t)count, first);
	return (0);
}

/* "# ALTERNATIVE NAME 3: Lemony Snicket", "# NUMBER ALTERNATIVES: 3". */
static int
ballots_preflib_header(struct ballots_reader *r, char *line, char **cause)
{
	char		*s = ballots_trim(line + 1), *name;
	uint64_t	 i;

	if (strncasecmp(s, "ALTERNATIVE NAME", 16) == 0) {
		s = ballots_trim(s + 16);
		if (!ballots_number(&s, TALLY_MAX_OPTIONS, &i) || i == 0 ||
		    *s != ':') {
			return (ballots_fail(r, cause, "expected '# "
			    "ALTERNATIVE NAME i: name' with i from 1 to %d",
			    TALLY_MAX_OPTIONS));
		}
		name = ballots_trim(s + 1);
		if (!ballots_text_ok(name)) {
			return (ballots_fail(r, cause, "not valid UTF-8 text, "
			    "or a control character"));
		}
		if (i > r->nalts) {
			r->alts = xreallocarray(r->alts, i, sizeof *r->alts);
			memset(r->alts + r->nalts, 0, (i - r->nalts) *
			    sizeof *r->alts);
			r->nalts = i;
		}
		free(r->alts[i - 1]);
		r->alts[i - 1] = xstrdup(name);
	} else if (strncasecmp(s, "NUMBER ALTERNATIVES:", 20) == 0) {
		s = ballots_trim(s + 20);
		if (!ballots_number(&s, TALLY_MAX_OPTIONS, &i)) {
			return (ballots_fail(r, cause, "expected '# NUMBER "
			    "ALTERNATIVES: n' with n at most %d",
			    TALLY_MAX_OPTIONS));
		}
		r->declared = i;
	} else if (strncasecmp(s, "DATA TYPE:", 10) == 0 &&
	    r->format == BALLOTS_MOOT) {
		s = ballots_trim(s + 10);
		if (strcasecmp(s, "soc") == 0)
			r->format = BALLOTS_SOC;
		else if (strcasecmp(s, "soi") == 0)
			r->format = BALLOTS_SOI;
		else if (strcasecmp(s, "toc") == 0)
			r->format = BALLOTS_TOC;
		else if (strcasecmp(s, "toi") == 0)
			r->format = BALLOTS_TOI;
		else {
			return (ballots_fail(r, cause, "data type '%s' is not "
			    "an order (soc, soi, toc or toi)", s));
		}
	}
	return (0);
}

/* "12: 1,3,{2,4}" (or "12,1,3,{2,4}" in the old format). */
static int
ballots_preflib_order(struct ballots_reader *r, char *s, char **cause)
{
	uint64_t	 count, alt;
	size_t		 first = r->nmarks;
	unsigned	 rank = 0;
	bool		 brace = false, ties = false;

	if (!ballots_number(&s, UINT32_MAX, &count) || count == 0 ||
	    (*s != ':' && *s != ',')) {
		return (ballots_fail(r, cause, "expected 'count: order' such "
		    "as '12: 1,3,{2,4}'"));
	}
	s++;
	for (;;) {
		s = ballots_trim(s);
		if (*s == '\0' && !brace)
			break;
		if (*s == '{' && !brace) {
			brace = ties = true;
			rank++;
			s++;
			continue;
		}
		if (!brace)
			rank++;
		if (!ballots_number(&s, TALLY_MAX_OPTIONS, &alt) || alt == 0) {
			return (ballots_fail(r, cause, "expected an "
			    "alternative number from 1 in '12: 1,3,{2,4}' "
			    "form"));
		}
		if (ballots_seen(r, first, alt)) {
			return (ballots_fail(r, cause, "alternative %" PRIu64
			    " appears twice", alt));
		}
		ballots_push_mark(r, alt, (uint16_t)rank);
		s = ballots_trim(s);
		if (brace && *s == '}') {
			brace = false;
			s = ballots_trim(s + 1);
		}
		if (*s == ',') {
			s++;
			continue;
		}
		if (*s != '\0' || brace) {
			return (ballots_fail(r, cause, "expected ',' or the "
			    "end of the order in '12: 1,3,{2,4}' form"));
		}
	}
	if (ties && (r->format == BALLOTS_SOC || r->format == BALLOTS_SOI)) {
		return (ballots_fail(r, cause, "a strict order (.soc, .soi) "
		    "cannot tie alternatives with {}"));
	}
	ballots_push_group(r, (uint32_t)count, first);
	return (0);
}

static int
ballots_preflib_line(struct ballots_reader *r, char *line, char **cause)
{
	char		*s = ballots_trim(line), *comma;
	uint64_t	 i;

	if (*s == '\0')
		return (0);
	if (*s == '#')
		return (ballots_preflib_header(r, s, cause));
	if (!r->content) {
		r->content = true;
		if (strpbrk(s, ":,") == NULL) {
			/* The old format: the number of alternatives. */
			if (!ballots_number(&s, TALLY_MAX_OPTIONS, &i)) {
				return (ballots_fail(r, cause, "expected the "
				    "number of alternatives"));
			}
			r->declared = i;
			r->old = true;
			r->oldnames = i;
			return (0);
		}
	}
	if (r->old && r->oldnames > 0) {
		/* "3,Lemony Snicket" */
		comma = s;
		if (!ballots_number(&comma, TALLY_MAX_OPTIONS, &i) || i == 0 ||
		    *comma != ',') {
			return (ballots_fail(r, cause, "expected 'i,name' for "
			    "an alternative"));
		}
		r->oldnames--;
		if (i > r->nalts) {
			r->alts = xreallocarray(r->alts, i, sizeof *r->alts);
			memset(r->alts + r->nalts, 0, (i - r->nalts) *
			    sizeof *r->alts);
			r->nalts = i;
		}
		free(r->alts[i - 1]);
		r->alts[i - 1] = xstrdup(ballots_trim(comma + 1));
		if (!ballots_text_ok(r->alts[i - 1])) {
			return (ballots_fail(r, cause, "not valid UTF-8 text, "
			    "or a control character"));
		}
		return (0);
	}
	if (r->old && !r->oldcounts) {
		/* "voters,sum of counts,unique orders" of the old format. */
		r->oldcounts = true;
		return (0);
	}
	return (ballots_preflib_order(r, s, cause));
}

/* Declare the PrefLib alternatives as options, 1..n. */
static int
ballots_preflib_finish(struct ballots_reader *r, size_t **map,
    char **cause)
{
	size_t	 n = r->declared, i;
	char	*name, *why = NULL;
	int	 error;

	if (r->nalts > n)
		n = r->nalts;
	for (i = 0; i < r->nmarks; i++) {
		if (r->marks[i].opt > n)
			n = r->marks[i].opt;
	}
	if (r->declared != 0 && n > r->declared) {
		r->line = 0;
		return (ballots_fail(r, cause, "alternative %zu is used, but "
		    "the file declares %zu", n, r->declared));
	}
	*map = xcalloc(n + 1, sizeof **map);
	for (i = 1; i <= n; i++) {
		if (i <= r->nalts && r->alts[i - 1] != NULL &&
		    *r->alts[i - 1] != '\0')
			name = xstrdup(r->alts[i - 1]);
		else
			name = xasprintf("%zu", i);
		error = tally_ballots_add_option(r->b, name, &why);
		if (error < 0) {
			r->line = 0;
			error = ballots_fail(r, cause, "alternative %zu: %s", i,
			    why);
			free(why);
			free(name);
			return (error);
		}
		(*map)[i] = (size_t)error;
		free(name);
	}
	if (r->format == BALLOTS_SOC || r->format == BALLOTS_TOC) {
		for (i = 0; i < r->ngroups; i++) {
			if (r->groups[i].n != n) {
				r->line = r->groups[i].line;
				return (ballots_fail(r, cause, "a complete "
				    "order (.soc, .toc) ranks all %zu "
				    "alternatives, this one %zu", n,
				    r->groups[i].n));
			}
		}
	}
	return (0);
}

static void
ballots_reader_free(struct ballots_reader *r)
{
	size_t	i;

	for (i = 0; i < r->nalts; i++)
		free(r->alts[i]);
	free(r->alts);
	free(r->marks);
	free(r->groups);
}

int
ballots_read(FILE *f, const char *name, enum ballots_format format,
    enum tally_ballot_kind kind, struct tally_ballots *b, char **cause)
{
	struct ballots_reader	 r;
	char			*line = NULL;
	size_t			 linesize = 0, g, i, *map = NULL;
	ssize_t			 len;
	uint16_t		*row;
	struct ballots_mark	*m;
	int			 error = 0;

	memset(&r, 0, sizeof r);
	r.name = name;
	r.format = format;
	r.kind = kind;
	r.b = b;
	if (kind == TALLY_BALLOT_CHOICE && b->noptions == 0)
		MOOT_REQUIRE(0);
	while ((len = getline(&line, &linesize, f)) != -1) {
		r.line++;
		if (strlen(line) != (size_t)len) {
			error = ballots_fail(&r, cause, "a NUL byte in the "
			    "line");
			goto out;
		}
		if (r.line == 1 && format == BALLOTS_MOOT &&
		    (strncmp(line, "# FILE NAME:", 12) == 0 ||
		    strncmp(line, "# DATA TYPE:", 12) == 0))
			r.format = format = BALLOTS_TOI;
		if (r.format == BALLOTS_MOOT)
			error = ballots_moot_line(&r, line, cause);
		else {
			if (kind != TALLY_BALLOT_RANKED) {
				r.line = 0;
				error = ballots_fail(&r, cause, "PrefLib files "
				    "hold rankings: count them with schulze, "
				    "irv or stv");
				goto out;
			}
			error = ballots_preflib_line(&r, line, cause);
		}
		if (error != 0)
			goto out;
	}
	if (ferror(f)) {
		r.line = 0;
		error = ballots_fail(&r, cause, "read error");
		goto out;
	}
	if (r.format != BALLOTS_MOOT) {
		if ((error = ballots_preflib_finish(&r, &map, cause)) != 0)
			goto out;
	}

	row = xcalloc(b->noptions == 0 ? 1 : b->noptions, sizeof *row);
	for (g = 0; g < r.ngroups; g++) {
		memset(row, 0, b->noptions * sizeof *row);
		for (i = 0; i < r.groups[g].n; i++) {
			m = &r.marks[r.groups[g].first + i];
			row[map == NULL ? m->opt : map[m->opt]] = m->mark;
		}
		tally_ballots_add(b, r.groups[g].count, row, r.groups[g].line);
	}
	free(row);

out:
	free(line);
	free(map);
	ballots_reader_free(&r);
	return (error);
}

int
ballots_read_string(const char *text, const char *name,
    enum ballots_format format, enum tally_ballot_kind kind,
    struct tally_ballots *b, char **cause)
{
	FILE	*f;
	int	 error;

	if (*text == '\0')
		text = "\n";
	f = fmemopen((void *)text, strlen(text), "r");
	if (f == NULL)
		return (moot_fail(cause, -errno, "%s: cannot read", name));
	error = ballots_read(f, name, format, kind, b, cause);
	fclose(f);
	return (error);
}

int
ballots_load(const char *path, enum tally_ballot_kind kind,
    struct tally_ballots *b, char **cause)
{
	FILE	*f;
	int	 error;

	if (strcmp(path, "-") == 0)
		return (ballots_read(stdin, "<stdin>", BALLOTS_MOOT, kind, b,
		    cause));
	f = fopen(path, "r");
	if (f == NULL) {
		error = -errno;
		return (moot_fail(cause, error, "%s: %s", path,
		    strerror(-error)));
	}
	error = ballots_read(f, path, ballots_format_of(path), kind, b, cause);
	fclose(f);
	return (error);
}
