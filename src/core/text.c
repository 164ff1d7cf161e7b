/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The text policy. Text that one member writes is shown on the terminals
 * of others, so it is hostile until proven otherwise (DESIGN.md section
 * 8). This file owns both ends of that:
 *
 * Ingress, text_check(): the core calls it on every string a request
 * carries before anything is written. It refuses invalid UTF-8, control
 * characters (LF and TAB only in bodies), noncharacters, bidi controls and
 * invisible format characters outside bodies (ZWNJ and ZWJ only between
 * two visible characters), combining marks with no base or more than
 * TEXT_MARKS_MAX on one base, sizes over the cap of the kind, and empty
 * or space-padded names and titles. The refusal says what and where.
 *
 * Display, text_sanitize(), text_width(), text_truncate(): the CLI and the
 * TUI pass whatever the database holds through text_sanitize() before it
 * reaches a terminal, since the database may predate the policy or have
 * been edited. Nothing that a terminal interprets survives it; what was
 * hidden becomes a visible marker. Widths come from wcwidth() because the
 * terminal lays text out by the same rules.
 *
 * The character classes come from text-table.h, generated from the
 * Unicode Character Database by gen-text-table.py, so that what is
 * accepted does not depend on the C library or the locale.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "moot/text.h"

#include "text-table.h"

#define TEXT_ZWJ		0x200D
#define TEXT_ELLIPSIS		0x2026
#define TEXT_ELLIPSIS_UTF8	"\xe2\x80\xa6"
#define TEXT_DOTTED_CIRCLE	0x25CC
#define TEXT_DOTTED_UTF8	"\xe2\x97\x8c"
#define TEXT_REPLACEMENT_UTF8	"\xef\xbf\xbd"

/* Why a byte sequence is not UTF-8. */
enum text_utf8_error {
	TEXT_UTF8_OK,
	TEXT_UTF8_STRAY,	/* continuation byte with no lead byte */
	TEXT_UTF8_BAD_BYTE,	/* 0xC0, 0xC1, 0xF5-0xFF */
	TEXT_UTF8_TRUNCATED,	/* lead byte without its continuations */
	TEXT_UTF8_OVERLONG,	/* more bytes than the code point needs */
	TEXT_UTF8_SURROGATE,	/* U+D800-DFFF */
	TEXT_UTF8_TOO_BIG,	/* above U+10FFFF */
};

/*
 * Decode one code point, saying why when it fails. On failure returns -1
 * and *cp holds what the message needs: the byte for STRAY and BAD_BYTE,
 * the decoded value for SURROGATE and TOO_BIG.
 */
static int
text_utf8_next(const unsigned char *s, size_t n, uint32_t *cp,
    enum text_utf8_error *error)
{
	static const uint32_t	least[] = { 0, 0, 0x80, 0x800, 0x10000 };
	uint32_t		c;
	size_t			need, i;

	MOOT_REQUIRE(n > 0);
	*error = TEXT_UTF8_OK;
	c = s[0];
	*cp = c;
	if (c < 0x80)
		return (1);
	if (c < 0xC0) {
		*error = TEXT_UTF8_STRAY;
		return (-1);
	}
	if (c < 0xC2 || c > 0xF4) {
		*error = TEXT_UTF8_BAD_BYTE;
		return (-1);
	}
	need = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	c &= 0x7F >> need;
	for (i = 1; i < need; i++) {
		if (i >= n || (s[i] & 0xC0) != 0x80) {
			*error = TEXT_UTF8_TRUNCATED;
			return (-1);
		}
		c = (c << 6) | (s[i] & 0x3F);
	}
	*cp = c;
	if (c < least[need]) {
		*error = TEXT_UTF8_OVERLONG;
		return (-1);
	}
	if (c >= 0xD800 && c <= 0xDFFF) {
		*error = TEXT_UTF8_SURROGATE;
		return (-1);
	}
	if (c > 0x10FFFF) {
		*error = TEXT_UTF8_TOO_BIG;
		return (-1);
	}
	return ((int)need);
}

int
text_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	enum text_utf8_error	error;
	int			len;

	len = text_utf8_next(s, n, cp, &error);
	if (len < 0)
		*cp = 0xFFFD;
	return (len);
}

/* The class of a code point: a binary search of the generated table. */
static enum text_class
text_class_of(uint32_t cp)
{
	size_t	lo, hi, mid;

	if (cp > 0x20 && cp < 0x7F)
		return (TEXT_CLASS_OTHER);
	if (cp == 0x20)
		return (TEXT_CLASS_SPACE);
	lo = 0;
	hi = MOOT_NITEMS(text_table);
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cp < text_table[mid].lo)
			hi = mid;
		else if (cp > text_table[mid].hi)
			lo = mid + 1;
		else
			return ((enum text_class)text_table[mid].cls);
	}
	return (TEXT_CLASS_OTHER);
}

/* The Unicode name of an invisible character, or NULL. */
static const char *
text_name_of(uint32_t cp)
{
	size_t	lo, hi, mid;

	lo = 0;
	hi = MOOT_NITEMS(text_names);
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cp < text_names[mid].cp)
			hi = mid;
		else if (cp > text_names[mid].cp)
			lo = mid + 1;
		else
			return (text_names[mid].name);
	}
	return (NULL);
}

/*
 * Whether a class is a visible, non-space character that a joiner may
 * stand next to. A combining mark inherits this from its base.
 */
static bool
text_visible(enum text_class cls)
{
	switch (cls) {
	case TEXT_CLASS_OTHER:
	case TEXT_CLASS_SPACING_MARK:
	case TEXT_CLASS_REGIONAL:
	case TEXT_CLASS_EMOJI_MODIFIER:
		return (true);
	case TEXT_CLASS_CONTROL:
	case TEXT_CLASS_SPACE:
	case TEXT_CLASS_MARK:
	case TEXT_CLASS_BIDI:
	case TEXT_CLASS_FORMAT:
	case TEXT_CLASS_JOINER:
	case TEXT_CLASS_NONCHAR:
	case TEXT_CLASS_SURROGATE:
		return (false);
	}
	return (false);
}

/* Whether the code point at s (n bytes, maybe none) is visible. */
static bool
text_next_visible(const unsigned char *s, size_t n)
{
	enum text_utf8_error	error;
	uint32_t		cp;

	if (n == 0 || text_utf8_next(s, n, &cp, &error) < 0)
		return (false);
	return (text_visible(text_class_of(cp)));
}

/* Terminal cells of one code point: wcwidth(), or 1 where it has none. */
static int
text_cp_width(uint32_t cp)
{
	int	w;

	if (cp >= 0x20 && cp < 0x7F)
		return (1);
	w = wcwidth((wchar_t)cp);
	return (w < 0 ? 1 : w);
}

size_t
text_max(enum text_kind kind)
{
	switch (kind) {
	case TEXT_NAME:
		return (TEXT_NAME_MAX);
	case TEXT_TITLE:
		return (TEXT_TITLE_MAX);
	case TEXT_LINE:
		return (TEXT_LINE_MAX);
	case TEXT_BODY:
		return (TEXT_BODY_MAX);
	}
	MOOT_REQUIRE(0);
	return (0);
}

/*
 * Refuse with a cause: "field: what at column C after" or, in a body,
 * "field: what at line L, column C after".
 */
static int MOOT_PRINTF(8, 9)
text_check_fail(char **cause, int error, const char *field,
    enum text_kind kind, size_t line, size_t column, const char *after,
    const char *fmt, ...)
{
	va_list	 ap;
	char	*what;

	if (cause == NULL)
		return (error);
	va_start(ap, fmt);
	what = xvasprintf(fmt, ap);
	va_end(ap);
	if (kind == TEXT_BODY) {
		error = moot_fail(cause, error,
		    "%s: %s at line %zu, column %zu%s", field, what, line,
		    column, after);
	} else {
		error = moot_fail(cause, error, "%s: %s at column %zu%s", field,
		    what, column, after);
	}
	free(what);
	return (error);
}

/* Refuse invalid UTF-8, with the wording of its class. */
static int
text_check_utf8(char **cause, const char *field, enum text_kind kind,
    size_t line, size_t column, enum text_utf8_error error, uint32_t cp)
{
	const char	*what;

	switch (error) {
	case TEXT_UTF8_STRAY:
		return (text_check_fail(cause, -EILSEQ, field, kind, line,
		    column, "", "invalid UTF-8 (stray continuation byte "
		    "0x%02X)", (unsigned)cp));
	case TEXT_UTF8_BAD_BYTE:
		return (text_check_fail(cause, -EILSEQ, field, kind, line,
		    column, "", "invalid UTF-8 (byte 0x%02X never appears "
		    "in UTF-8)", (unsigned)cp));
	case TEXT_UTF8_SURROGATE:
		return (text_check_fail(cause, -EILSEQ, field, kind, line,
		    column, "", "invalid UTF-8 (surrogate U+%04X)",
		    (unsigned)cp));
	case TEXT_UTF8_TOO_BIG:
		return (text_check_fail(cause, -EILSEQ, field, kind, line,
		    column, "", "invalid UTF-8 (U+%04X is above U+10FFFF)",
		    (unsigned)cp));
	case TEXT_UTF8_TRUNCATED:
		what = "truncated sequence";
		break;
	case TEXT_UTF8_OVERLONG:
		what = "overlong encoding";
		break;
	case TEXT_UTF8_OK:
	default:
		MOOT_REQUIRE(0);
		what = "";
		break;
	}
	return (text_check_fail(cause, -EILSEQ, field, kind, line, column, "",
	    "invalid UTF-8 (%s)", what));
}

/* Refuse a control character, saying what to do where it helps. */
static int
text_check_control(char **cause, const char *field, enum text_kind kind,
    size_t line, size_t column, uint32_t cp)
{
	switch (cp) {
	case '\r':
		return (text_check_fail(cause, -EILSEQ, field, kind, line,
		    column, " (use LF line endings)",
		    "carriage return U+000D"));
	case '\n':
		return (text_check_fail(cause, -EILSEQ, field, kind, line,
		    column, " (one line only)", "line feed U+000A"));
	case '\t':
		return (text_check_fail(cause, -EILSEQ, field, kind, line,
		    column, " (tabs only in multi-line text)", "tab U+0009"));
	}
	return (text_check_fail(cause, -EILSEQ, field, kind, line, column, "",
	    "control character U+%04X", (unsigned)cp));
}

/* Refuse an invisible character, naming it. */
static int
text_check_invisible(char **cause, const char *field, enum text_kind kind,
    size_t line, size_t column, const char *what, uint32_t cp,
    const char *after)
{
	const char	*name;

	name = text_name_of(cp);
	if (name == NULL) {
		return (text_check_fail(cause, -EILSEQ, field, kind, line,
		    column, after, "%s U+%04X", what, (unsigned)cp));
	}
	return (text_check_fail(cause, -EILSEQ, field, kind, line, column,
	    after, "%s U+%04X (%s)", what, (unsigned)cp, name));
}

/* How many combining marks follow at s, across invisible characters. */
static size_t
text_check_marks_ahead(const unsigned char *s, size_t n)
{
	enum text_utf8_error	error;
	enum text_class		cls;
	uint32_t		cp;
	size_t			off, marks;
	int			len;

	marks = 0;
	for (off = 0; off < n; off += (size_t)len) {
		len = text_utf8_next(s + off, n - off, &cp, &error);
		if (len < 0)
			break;
		cls = text_class_of(cp);
		if (cls == TEXT_CLASS_MARK)
			marks++;
		else if (cls != TEXT_CLASS_BIDI && cls != TEXT_CLASS_FORMAT &&
		    cls != TEXT_CLASS_JOINER)
			break;
	}
	return (marks);
}

int
text_check(const char *field, enum text_kind kind, const char *s,
    size_t len, char **cause)
{
	const unsigned char	*p = (const unsigned char *)s;
	enum text_utf8_error	 error;
	enum text_class		 cls, first, last;
	uint32_t		 cp;
	size_t			 off, max, line, column, base, marks, rest;
	bool			 one_line, has_base, visible, blank;
	char			 most[32];
	int			 n;

	MOOT_REQUIRE(s != NULL || len == 0);
	if (field == NULL)
		field = "text";
	max = text_max(kind);
	if (len > max) {
		return (moot_fail(cause, -EMSGSIZE,
		    "%s: too long (%zu bytes, at most %zu)", field, len, max));
	}
	one_line = kind != TEXT_BODY;
	if (len == 0) {
		if (kind == TEXT_NAME || kind == TEXT_TITLE)
			return (moot_fail(cause, -EILSEQ, "%s: empty", field));
		return (0);
	}

	line = 1;
	column = base = marks = 0;
	has_base = visible = false;
	blank = true;
	first = last = TEXT_CLASS_OTHER;
	for (off = 0; off < len; off += (size_t)n) {
		column++;
		n = text_utf8_next(p + off, len - off, &cp, &error);
		if (n < 0) {
			return (text_check_utf8(cause, field, kind, line,
			    column, error, cp));
		}
		rest = len - off - (size_t)n;
		cls = text_class_of(cp);
		if (off == 0)
			first = cls;
		last = cls;
		if (cls != TEXT_CLASS_SPACE)
			blank = false;

		switch (cls) {
		case TEXT_CLASS_CONTROL:
			if (one_line || (cp != '\n' && cp != '\t')) {
				return (text_check_control(cause, field, kind,
				    line, column, cp));
			}
			if (cp == '\n') {
				line++;
				column = 0;
			}
			has_base = visible = false;
			marks = 0;
			break;
		case TEXT_CLASS_NONCHAR:
		case TEXT_CLASS_SURROGATE:
			return (text_check_fail(cause, -EILSEQ, field, kind,
			    line, column, "", "noncharacter U+%04X",
			    (unsigned)cp));
		case TEXT_CLASS_BIDI:
			if (one_line) {
				return (text_check_invisible(cause, field,
				    kind, line, column, "bidi control", cp,
				    ""));
			}
			visible = false;
			break;
		case TEXT_CLASS_FORMAT:
			if (one_line) {
				return (text_check_invisible(cause, field,
				    kind, line, column,
				    "invisible format character", cp, ""));
			}
			visible = false;
			break;
		case TEXT_CLASS_JOINER:
			if (one_line && (!visible ||
			    !text_next_visible(p + off + n, rest))) {
				return (text_check_invisible(cause, field,
				    kind, line, column, "format character", cp,
				    " (allowed only between two visible "
				    "characters)"));
			}
			visible = false;
			break;
		case TEXT_CLASS_MARK:
			if (!has_base) {
				return (text_check_fail(cause, -EILSEQ, field,
				    kind, line, column, "",
				    "combining mark U+%04X with no base "
				    "character", (unsigned)cp));
			}
			if (++marks > TEXT_MARKS_MAX) {
				marks += text_check_marks_ahead(p + off + n,
				    rest);
				snprintf(most, sizeof most, " (at most %d)",
				    TEXT_MARKS_MAX);
				return (text_check_fail(cause, -EILSEQ, field,
				    kind, line, base, most,
				    "%zu combining marks on one character",
				    marks));
			}
			break;
		case TEXT_CLASS_SPACE:
		case TEXT_CLASS_OTHER:
		case TEXT_CLASS_SPACING_MARK:
		case TEXT_CLASS_REGIONAL:
		case TEXT_CLASS_EMOJI_MODIFIER:
			has_base = true;
			visible = cls != TEXT_CLASS_SPACE;
			base = column;
			marks = 0;
			break;
		}
	}

	if (kind == TEXT_NAME || kind == TEXT_TITLE) {
		if (blank)
			return (moot_fail(cause, -EILSEQ,
			    "%s: only white space", field));
		if (first == TEXT_CLASS_SPACE)
			return (moot_fail(cause, -EILSEQ,
			    "%s: starts with white space", field));
		if (last == TEXT_CLASS_SPACE)
			return (moot_fail(cause, -EILSEQ,
			    "%s: ends with white space", field));
	}
	return (0);
}

/* Append a "<U+202E>" marker; returns its width. */
static size_t
text_sanitize_marker(struct buf *b, uint32_t cp)
{
	char	tmp[16];
	int	n;

	n = snprintf(tmp, sizeof tmp, "<U+%04X>", (unsigned)cp);
	MOOT_REQUIRE(n > 0 && (size_t)n < sizeof tmp);
	buf_add(b, tmp, (size_t)n);
	return ((size_t)n);
}

char *
text_sanitize(const char *s, size_t len, int flags)
{
	const unsigned char	*p = (const unsigned char *)s;
	struct buf		 b;
	enum text_class		 cls;
	uint32_t		 cp;
	size_t			 off, column, marks, rest;
	bool			 has_base, visible, bad;
	int			 n;

	MOOT_REQUIRE(s != NULL || len == 0);
	buf_init(&b);
	buf_add(&b, "", 0);
	buf_reserve(&b, len);

	column = marks = 0;
	has_base = visible = false;
	for (off = 0; off < len; off += (size_t)n) {
		n = text_utf8_decode(p + off, len - off, &cp);
		bad = n < 0;
		if (bad) {
			n = 1;
			cls = TEXT_CLASS_OTHER;
		} else
			cls = text_class_of(cp);
		rest = len - off - (size_t)n;

		switch (cls) {
		case TEXT_CLASS_CONTROL:
			if (cp == '\n' && (flags & TEXT_SHOW_LINES)) {
				buf_addc(&b, '\n');
				column = 0;
			} else if (cp == '\n') {
				buf_addc(&b, ' ');
				column++;
			} else if (cp == '\t') {
				do {
					buf_addc(&b, ' ');
					column++;
				} while (column % 8 != 0);
			} else if (cp < 0x20 && cp != '\r') {
				buf_addc(&b, '^');
				buf_addc(&b, (char)(cp + 0x40));
				column += 2;
			} else if (cp == 0x7F) {
				buf_add(&b, "^?", 2);
				column += 2;
			} else
				column += text_sanitize_marker(&b, cp);
			has_base = visible = false;
			marks = 0;
			break;
		case TEXT_CLASS_JOINER:
			if (visible && text_next_visible(p + off + n, rest)) {
				buf_add(&b, p + off, (size_t)n);
				visible = false;
				break;
			}
			/* FALLTHROUGH */
		case TEXT_CLASS_NONCHAR:
		case TEXT_CLASS_SURROGATE:
		case TEXT_CLASS_BIDI:
		case TEXT_CLASS_FORMAT:
			column += text_sanitize_marker(&b, cp);
			has_base = visible = false;
			marks = 0;
			break;
		case TEXT_CLASS_MARK:
			if (!has_base) {
				buf_adds(&b, TEXT_DOTTED_UTF8);
				column += text_cp_width(TEXT_DOTTED_CIRCLE);
				has_base = visible = true;
				marks = 0;
			}
			if (++marks > TEXT_MARKS_MAX)
				column += text_sanitize_marker(&b, cp);
			else {
				buf_add(&b, p + off, (size_t)n);
				column += text_cp_width(cp);
			}
			break;
		case TEXT_CLASS_SPACE:
		case TEXT_CLASS_OTHER:
		case TEXT_CLASS_SPACING_MARK:
		case TEXT_CLASS_REGIONAL:
		case TEXT_CLASS_EMOJI_MODIFIER:
			if (bad)
				buf_adds(&b, TEXT_REPLACEMENT_UTF8);
			else
				buf_add(&b, p + off, (size_t)n);
			column += text_cp_width(cp);
			has_base = true;
			visible = cls != TEXT_CLASS_SPACE;
			marks = 0;
			break;
		}
	}
	return (buf_steal(&b, NULL));
}

int
text_width(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	uint32_t		 cp;
	size_t			 off, len;
	long			 width;
	int			 n;

	len = strlen(s);
	width = 0;
	for (off = 0; off < len; off += (size_t)n) {
		n = text_utf8_decode(p + off, len - off, &cp);
		if (n < 0)
			n = 1;
		width += text_cp_width(cp);
		if (width >= INT_MAX)
			return (INT_MAX);
	}
	return ((int)width);
}

/*
 * The end of the character cluster that starts at off, and its width in
 * *width: a base with its marks, joiners and what a ZWJ joins, a pair of
 * regional indicators (a flag), anything that wcwidth() says is 0 wide.
 * Where a cut may fall, so that truncation never strands a mark.
 */
static size_t
text_truncate_cluster(const unsigned char *p, size_t len, size_t off,
    int *width)
{
	enum text_class	cls;
	uint32_t	cp;
	size_t		end;
	bool		glue, pair;
	int		n, w;

	n = text_utf8_decode(p + off, len - off, &cp);
	if (n < 0)
		n = 1;
	cls = text_class_of(cp);
	*width = text_cp_width(cp);
	end = off + (size_t)n;
	pair = cls == TEXT_CLASS_REGIONAL;
	glue = cp == TEXT_ZWJ;
	while (end < len) {
		n = text_utf8_decode(p + end, len - end, &cp);
		if (n < 0)
			break;
		cls = text_class_of(cp);
		w = text_cp_width(cp);
		if (glue) {
			if (cls == TEXT_CLASS_CONTROL ||
			    cls == TEXT_CLASS_SPACE)
				break;
			glue = false;
		} else if (pair && cls == TEXT_CLASS_REGIONAL)
			pair = false;
		else if (cls == TEXT_CLASS_MARK ||
		    cls == TEXT_CLASS_SPACING_MARK ||
		    cls == TEXT_CLASS_EMOJI_MODIFIER ||
		    cls == TEXT_CLASS_JOINER || cls == TEXT_CLASS_FORMAT ||
		    cls == TEXT_CLASS_BIDI || w == 0) {
			glue = cp == TEXT_ZWJ;
			pair = false;
		} else
			break;
		*width += w;
		end += (size_t)n;
	}
	return (end);
}

char *
text_truncate(const char *s, int cells)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 len, off, keep;
	char			*out;
	int			 used, budget, w;

	if (cells <= 0)
		return (xstrdup(""));
	if (text_width(s) <= cells)
		return (xstrdup(s));
	budget = cells - text_cp_width(TEXT_ELLIPSIS);
	if (budget < 0)
		return (xstrdup(""));

	len = strlen(s);
	used = 0;
	keep = 0;
	for (off = 0; off < len; off = keep) {
		keep = text_truncate_cluster(p, len, off, &w);
		if (used + w > budget) {
			keep = off;
			break;
		}
		used += w;
	}
	out = xmalloc(keep + sizeof TEXT_ELLIPSIS_UTF8);
	memcpy(out, s, keep);
	memcpy(out + keep, TEXT_ELLIPSIS_UTF8, sizeof TEXT_ELLIPSIS_UTF8);
	return (out);
}
