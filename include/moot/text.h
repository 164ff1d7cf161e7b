/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The text policy: what members may write (ingress) and how whatever is
 * stored is shown on a terminal (display). See DESIGN.md section 8.
 */
#ifndef MOOT_TEXT_H
#define MOOT_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "moot/util.h"

enum text_kind {
	TEXT_NAME,	/* login, community and option names: one line */
	TEXT_TITLE,	/* proposal titles: one line */
	TEXT_LINE,	/* reasons, notes, agreement version: one line */
	TEXT_BODY,	/* bodies, comments, agreement text: LF and TAB too */
};

/* Byte caps of each kind. */
#define TEXT_NAME_MAX		64
#define TEXT_TITLE_MAX		300
#define TEXT_LINE_MAX		1000
#define TEXT_BODY_MAX		65536

/* Combining marks allowed in a row on one base character. */
#define TEXT_MARKS_MAX		6

/* Keep LF in text_sanitize() (bodies); otherwise LF shows as a space. */
#define TEXT_SHOW_LINES		0x1

/*
 * Check s (len bytes, which may contain NUL) against the ingress policy
 * for kind. Returns 0, -EILSEQ for forbidden text or -EMSGSIZE when over
 * the byte cap; *cause (if cause is not NULL) gets a sentence that starts
 * with field and says what was found and where, such as "title: control
 * character U+001B at column 7". Columns count code points from 1; for
 * TEXT_BODY the place is "line L, column C".
 */
int	 text_check(const char *, enum text_kind, const char *, size_t,
	     char **);

/* The byte cap of kind. */
size_t	 text_max(enum text_kind);

/*
 * A copy of s (len bytes) that is safe to write to a terminal: valid
 * UTF-8, no control character but LF (with TEXT_SHOW_LINES), C0 controls
 * and DEL in caret notation ("^["), C1 controls, CR, noncharacters, bidi
 * controls and invisible characters as "<U+202E>" markers, tabs expanded
 * to the next multiple of 8 cells, a mark with no base given U+25CC.
 * Caller frees.
 */
char	*text_sanitize(const char *, size_t, int);

/*
 * Terminal cells of a sanitized single line, by wcwidth() under the
 * caller's LC_CTYPE (1 where wcwidth() returns -1).
 */
int	 text_width(const char *);

/*
 * A copy of a sanitized single line cut to at most cells terminal cells,
 * between characters and never between a base and its marks; when it
 * cuts, the last cell is "…" (U+2026). Caller frees.
 */
char	*text_truncate(const char *, int);

/*
 * Decode one UTF-8 code point at s (n > 0 bytes available). Returns its
 * length and stores it in *cp, or returns -1 for invalid input, storing
 * U+FFFD: the caller skips one byte.
 */
int	 text_utf8_decode(const unsigned char *, size_t, uint32_t *);

#endif
