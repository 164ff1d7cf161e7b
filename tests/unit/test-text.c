/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Tests of the text policy (src/core/text.c): each ingress refusal with
 * the sentence a member reads, acceptance of real writing in several
 * scripts, and the display side: widths, truncation, and terminal escape
 * injection turned into visible text.
 */
#include <errno.h>
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "moot/text.h"

/* A string literal and its length, NUL bytes included. */
#define S(x)	x, sizeof(x) - 1

/* text_check() refuses s with err and exactly the sentence want. */
static void
test_text_refused(const char *field, enum text_kind kind, const char *s,
    size_t len, int err, const char *want)
{
	char	*cause = NULL;

	assert_int_equal(text_check(field, kind, s, len, &cause), err);
	assert_non_null(cause);
	assert_string_equal(cause, want);
	free(cause);
}

/* text_check() accepts s as kind and leaves cause alone. */
static void
test_text_accepted(enum text_kind kind, const char *s)
{
	char	*cause = NULL;
	int	 error;

	error = text_check("text", kind, s, strlen(s), &cause);
	if (error != 0)
		fail_msg("refused \"%s\": %s", s, cause);
	assert_null(cause);
}

/* text_check() refuses s with -EILSEQ, whatever the sentence. */
static void
test_text_forbidden(enum text_kind kind, const char *s, size_t len)
{
	char	*cause = NULL;

	assert_int_equal(text_check("text", kind, s, len, &cause), -EILSEQ);
	assert_non_null(cause);
	free(cause);
}

/* text_sanitize() of s gives exactly want. */
static void
test_text_shown(const char *s, size_t len, int flags, const char *want)
{
	char	*out;

	out = text_sanitize(s, len, flags);
	assert_string_equal(out, want);
	free(out);
}

/* text_truncate() of s to cells gives exactly want, which fits. */
static void
test_text_cut(const char *s, int cells, const char *want)
{
	char	*out;

	out = text_truncate(s, cells);
	assert_string_equal(out, want);
	assert_true(text_width(out) <= (cells < 0 ? 0 : cells));
	free(out);
}

/*
 * What a terminal may receive: valid UTF-8, nothing below 0x20 except LF
 * when lines are kept, no DEL, no C1 control, no bidi control.
 */
static void
test_text_assert_safe(const char *out, bool lines)
{
	const unsigned char	*p = (const unsigned char *)out;
	size_t			 len, off;
	uint32_t		 cp;
	int			 n;

	len = strlen(out);
	for (off = 0; off < len; off += (size_t)n) {
		n = text_utf8_decode(p + off, len - off, &cp);
		assert_true(n > 0);
		if (cp == '\n')
			assert_true(lines);
		else
			assert_true(cp >= 0x20);
		assert_int_not_equal(cp, 0x7F);
		assert_false(cp >= 0x80 && cp <= 0x9F);
		assert_false(cp == 0x061C || cp == 0x200E || cp == 0x200F);
		assert_false(cp >= 0x202A && cp <= 0x202E);
		assert_false(cp >= 0x2066 && cp <= 0x2069);
	}
}

/* Ingress: sizes. */

static void
test_text_check_too_long(void **state)
{
	char	title[412];

	memset(title, 'a', sizeof title);
	test_text_refused("title", TEXT_TITLE, title, sizeof title,
	    -EMSGSIZE, "title: too long (412 bytes, at most 300)");
}

static void
test_text_check_caps(void **state)
{
	char	*body;

	body = malloc(TEXT_BODY_MAX + 1);
	assert_non_null(body);
	memset(body, 'x', TEXT_BODY_MAX + 1);
	body[2000] = '\n';	/* only the body reaches it */
	assert_int_equal(text_check("name", TEXT_NAME, body, 64, NULL), 0);
	assert_int_equal(text_check("name", TEXT_NAME, body, 65, NULL),
	    -EMSGSIZE);
	assert_int_equal(text_check("title", TEXT_TITLE, body, 300, NULL),
	    0);
	assert_int_equal(text_check("reason", TEXT_LINE, body, 1000, NULL),
	    0);
	assert_int_equal(text_check("reason", TEXT_LINE, body, 1001, NULL),
	    -EMSGSIZE);
	assert_int_equal(text_check("body", TEXT_BODY, body, TEXT_BODY_MAX,
	    NULL), 0);
	assert_int_equal(text_check("body", TEXT_BODY, body,
	    TEXT_BODY_MAX + 1, NULL), -EMSGSIZE);
	free(body);
}

/* Ingress: empty and white space. */

static void
test_text_check_empty(void **state)
{
	test_text_refused("title", TEXT_TITLE, S(""), -EILSEQ,
	    "title: empty");
	test_text_refused("name", TEXT_NAME, S(""), -EILSEQ, "name: empty");
	assert_int_equal(text_check("note", TEXT_LINE, S(""), NULL), 0);
	assert_int_equal(text_check("body", TEXT_BODY, S(""), NULL), 0);
}

static void
test_text_check_only_space(void **state)
{
	test_text_refused("name", TEXT_NAME, S("   "), -EILSEQ,
	    "name: only white space");
	test_text_refused("title", TEXT_TITLE, S("\xe3\x80\x80"), -EILSEQ,
	    "title: only white space");
}

static void
test_text_check_leading_space(void **state)
{
	test_text_refused("title", TEXT_TITLE, S(" Budget"), -EILSEQ,
	    "title: starts with white space");
}

static void
test_text_check_trailing_space(void **state)
{
	/* A no-break space is white space too. */
	test_text_refused("name", TEXT_NAME, S("garden\xc2\xa0"), -EILSEQ,
	    "name: ends with white space");
	assert_int_equal(text_check("note", TEXT_LINE, S(" fine "), NULL), 0);
}

/* Ingress: control characters. */

static void
test_text_check_escape(void **state)
{
	test_text_refused("title", TEXT_TITLE, S("Hello \x1b[2J"), -EILSEQ,
	    "title: control character U+001B at column 7");
}

static void
test_text_check_escape_after_wide(void **state)
{
	/* Columns count characters, not bytes or cells. */
	test_text_refused("title", TEXT_TITLE,
	    S("\xe6\xbc\xa2\xe5\xad\x97\x07"), -EILSEQ,
	    "title: control character U+0007 at column 3");
}

static void
test_text_check_nul(void **state)
{
	test_text_refused("name", TEXT_NAME, S("ab\0c"), -EILSEQ,
	    "name: control character U+0000 at column 3");
	test_text_forbidden(TEXT_BODY, S("ab\0c"));
}

static void
test_text_check_line_feed(void **state)
{
	test_text_refused("title", TEXT_TITLE, S("one\ntwo"), -EILSEQ,
	    "title: line feed U+000A at column 4 (one line only)");
	test_text_forbidden(TEXT_LINE, S("one\ntwo"));
	test_text_accepted(TEXT_BODY, "one\ntwo\n");
}

static void
test_text_check_tab(void **state)
{
	test_text_refused("reason", TEXT_LINE, S("a\tb"), -EILSEQ,
	    "reason: tab U+0009 at column 2 (tabs only in multi-line text)");
	test_text_accepted(TEXT_BODY, "\tindented\n");
}

static void
test_text_check_carriage_return(void **state)
{
	test_text_refused("body", TEXT_BODY, S("line one\r\nline two"),
	    -EILSEQ, "body: carriage return U+000D at line 1, column 9 "
	    "(use LF line endings)");
	test_text_refused("title", TEXT_TITLE, S("a\rb"), -EILSEQ,
	    "title: carriage return U+000D at column 2 (use LF line endings)");
}

static void
test_text_check_delete(void **state)
{
	test_text_refused("name", TEXT_NAME, S("ab\x7f"), -EILSEQ,
	    "name: control character U+007F at column 3");
}

static void
test_text_check_c1(void **state)
{
	test_text_refused("body", TEXT_BODY, S("x\n\xc2\x9b" "31m"), -EILSEQ,
	    "body: control character U+009B at line 2, column 1");
	test_text_forbidden(TEXT_TITLE, S("next\xc2\x85line"));
}

static void
test_text_check_noncharacter(void **state)
{
	test_text_refused("title", TEXT_TITLE, S("a\xef\xbf\xbe"), -EILSEQ,
	    "title: noncharacter U+FFFE at column 2");
	test_text_refused("body", TEXT_BODY, S("\xef\xb7\x90"), -EILSEQ,
	    "body: noncharacter U+FDD0 at line 1, column 1");
	test_text_forbidden(TEXT_BODY, S("\xf4\x8f\xbf\xbf"));	/* U+10FFFF */
	test_text_forbidden(TEXT_BODY, S("\xf0\x9f\xbf\xbf"));	/* U+1FFFF */
}

/* Ingress: invalid UTF-8, one wording per class. */

static void
test_text_check_overlong(void **state)
{
	test_text_refused("body", TEXT_BODY, S("ab\ncd\nx\xe0\x80\xaf"),
	    -EILSEQ, "body: invalid UTF-8 (overlong encoding) at line 3, "
	    "column 2");
	test_text_refused("title", TEXT_TITLE, S("\xf0\x80\x80\xaf"),
	    -EILSEQ, "title: invalid UTF-8 (overlong encoding) at column 1");
}

static void
test_text_check_surrogate(void **state)
{
	test_text_refused("title", TEXT_TITLE, S("a\xed\xa0\x80"), -EILSEQ,
	    "title: invalid UTF-8 (surrogate U+D800) at column 2");
}

static void
test_text_check_too_big(void **state)
{
	test_text_refused("title", TEXT_TITLE, S("\xf4\x90\x80\x80"),
	    -EILSEQ, "title: invalid UTF-8 (U+110000 is above U+10FFFF) at "
	    "column 1");
}

static void
test_text_check_stray(void **state)
{
	test_text_refused("name", TEXT_NAME, S("ab\x80"), -EILSEQ,
	    "name: invalid UTF-8 (stray continuation byte 0x80) at column 3");
}

static void
test_text_check_truncated(void **state)
{
	test_text_refused("name", TEXT_NAME, S("ab\xe6\xbc"), -EILSEQ,
	    "name: invalid UTF-8 (truncated sequence) at column 3");
	test_text_refused("name", TEXT_NAME, S("\xe6\xbcx"), -EILSEQ,
	    "name: invalid UTF-8 (truncated sequence) at column 1");
}

static void
test_text_check_bad_byte(void **state)
{
	test_text_refused("name", TEXT_NAME, S("a\xc0\x80"), -EILSEQ,
	    "name: invalid UTF-8 (byte 0xC0 never appears in UTF-8) at "
	    "column 2");
	test_text_refused("name", TEXT_NAME, S("\xc1\xbf"), -EILSEQ,
	    "name: invalid UTF-8 (byte 0xC1 never appears in UTF-8) at "
	    "column 1");
	test_text_refused("name", TEXT_NAME, S("\xf5\x80\x80\x80"), -EILSEQ,
	    "name: invalid UTF-8 (byte 0xF5 never appears in UTF-8) at "
	    "column 1");
	test_text_refused("name", TEXT_NAME, S("ok\xff"), -EILSEQ,
	    "name: invalid UTF-8 (byte 0xFF never appears in UTF-8) at "
	    "column 3");
}

/* Ingress: bidi and invisible characters. */

static void
test_text_check_bidi(void **state)
{
	test_text_refused("name", TEXT_NAME, S("abc\xe2\x80\xae" "fed"),
	    -EILSEQ, "name: bidi control U+202E (RIGHT-TO-LEFT OVERRIDE) at "
	    "column 4");
	test_text_forbidden(TEXT_TITLE, S("\xd8\x9c" "x"));	/* U+061C */
	test_text_forbidden(TEXT_TITLE, S("x\xe2\x81\xa6y"));	/* U+2066 */
	test_text_forbidden(TEXT_LINE, S("x\xe2\x80\x8fy"));	/* U+200F */
	test_text_accepted(TEXT_BODY, "quote: \xe2\x81\xa7" "abc"
	    "\xe2\x81\xa9 end");
}

static void
test_text_check_format(void **state)
{
	test_text_refused("title", TEXT_TITLE, S("pay\xe2\x80\x8bpal"),
	    -EILSEQ, "title: invisible format character U+200B (ZERO WIDTH "
	    "SPACE) at column 4");
	test_text_forbidden(TEXT_NAME, S("ro\xc2\xad" "ot"));	/* U+00AD */
	test_text_forbidden(TEXT_NAME, S("\xef\xbb\xbfroot"));	/* U+FEFF */
	test_text_forbidden(TEXT_NAME, S("ro\xe2\x81\xa0ot"));	/* U+2060 */
	test_text_forbidden(TEXT_NAME, S("ro\xe1\xa0\x8eot"));	/* U+180E */
	/* TAG LATIN CAPITAL LETTER A */
	test_text_forbidden(TEXT_TITLE, S("a\xf3\xa0\x81\x81"));
	test_text_forbidden(TEXT_LINE, S("a\xe3\x85\xa4" "b"));	/* U+3164 */
	test_text_accepted(TEXT_BODY, "soft\xc2\xad" "hyphen\xe2\x80\x8b");
}

static void
test_text_check_joiner_at_edge(void **state)
{
	test_text_refused("title", TEXT_TITLE, S("\xe2\x80\x8c" "ab"),
	    -EILSEQ, "title: format character U+200C (ZERO WIDTH "
	    "NON-JOINER) at column 1 (allowed only between two visible "
	    "characters)");
	test_text_refused("name", TEXT_NAME, S("ab\xe2\x80\x8d"), -EILSEQ,
	    "name: format character U+200D (ZERO WIDTH JOINER) at column 3 "
	    "(allowed only between two visible characters)");
}

static void
test_text_check_joiner_beside_space(void **state)
{
	test_text_forbidden(TEXT_TITLE, S("a \xe2\x80\x8c" "b"));
	test_text_forbidden(TEXT_TITLE, S("a\xe2\x80\x8c b"));
}

static void
test_text_check_joiner_beside_format(void **state)
{
	test_text_forbidden(TEXT_TITLE, S("a\xe2\x80\x8c\xe2\x80\x8d" "b"));
	test_text_forbidden(TEXT_TITLE, S("a\xe2\x80\x8d\xe2\x80\x8b" "b"));
	/* A mark after a joiner has no visible character of its own. */
	test_text_forbidden(TEXT_TITLE, S("a\xe2\x80\x8d\xcc\x81"));
}

/* Ingress: combining marks. */

static void
test_text_check_too_many_marks(void **state)
{
	test_text_refused("title", TEXT_TITLE,
	    S("abe\xcc\x80\xcc\x81\xcc\x82\xcc\x83\xcc\x84\xcc\x85\xcc\x86"
	    "\xcc\x87\xcc\x88" "z"), -EILSEQ,
	    "title: 9 combining marks on one character at column 3 (at most "
	    "6)");
	test_text_forbidden(TEXT_BODY,
	    S("e\xcc\x80\xcc\x81\xcc\x82\xcc\x83\xcc\x84\xcc\x85\xcc\x86"));
	test_text_accepted(TEXT_TITLE,
	    "e\xcc\x80\xcc\x81\xcc\x82\xcc\x83\xcc\x84\xcc\x85");
}

static void
test_text_check_marks_across_format(void **state)
{
	/* Zero-width characters in a body do not restart the count. */
	test_text_forbidden(TEXT_BODY,
	    S("e\xcc\x80\xcc\x81\xcc\x82\xcc\x83\xe2\x80\x8b\xcc\x84\xcc\x85"
	    "\xcc\x86"));
}

static void
test_text_check_mark_without_base(void **state)
{
	test_text_refused("title", TEXT_TITLE, S("\xcc\x81" "abc"), -EILSEQ,
	    "title: combining mark U+0301 with no base character at column "
	    "1");
	test_text_refused("body", TEXT_BODY, S("abc\n\xcc\x81x"), -EILSEQ,
	    "body: combining mark U+0301 with no base character at line 2, "
	    "column 1");
	test_text_forbidden(TEXT_BODY, S("a\t\xcc\x81"));
}

static void
test_text_check_no_cause(void **state)
{
	assert_int_equal(text_check("title", TEXT_TITLE, S("a\x1b"), NULL),
	    -EILSEQ);
	assert_int_equal(text_check(NULL, TEXT_TITLE, S("ok"), NULL), 0);
}

/* Ingress: real writing is accepted. */

static void
test_text_check_persian(void **state)
{
	/* "I want", with a ZWNJ inside the word. */
	test_text_accepted(TEXT_NAME,
	    "\xd9\x85\xdb\x8c\xe2\x80\x8c\xd8\xae\xd9\x88\xd8\xa7\xd9\x87\xd9"
	    "\x85");
	test_text_accepted(TEXT_TITLE,
	    "\xd9\x85\xdb\x8c\xe2\x80\x8c\xd8\xae\xd9\x88\xd8\xa7\xd9\x87\xd9"
	    "\x85 \xd8\xa8\xd8\xb1\xd9\x88\xd9\x85");
}

static void
test_text_check_arabic(void **state)
{
	/* With harakat: marks on Arabic letters. */
	test_text_accepted(TEXT_TITLE, "\xd8\xa7\xd9\x84\xd8\xb3\xd9\x91\xd9"
	    "\x8e\xd9\x84\xd8\xa7\xd9\x85\xd9\x8f \xd8\xb9\xd9\x8e\xd9\x84"
	    "\xd9\x8e\xd9\x8a\xd9\x92\xd9\x83\xd9\x8f\xd9\x85\xd9\x92");
}

static void
test_text_check_cjk(void **state)
{
	test_text_accepted(TEXT_TITLE, "\xe6\xbc\xa2\xe5\xad\x97\xe3\x81\xae"
	    "\xe3\x83\x86\xe3\x82\xb9\xe3\x83\x88");
	test_text_accepted(TEXT_TITLE, "\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4");
}

static void
test_text_check_emoji(void **state)
{
	/* Woman technologist: U+1F469 ZWJ U+1F4BB. */
	test_text_accepted(TEXT_NAME, "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f"
	    "\x92\xbb");
	/* Rainbow flag: U+1F3F3 U+FE0F ZWJ U+1F308. */
	test_text_accepted(TEXT_TITLE, "\xf0\x9f\x8f\xb3\xef\xb8\x8f\xe2\x80"
	    "\x8d\xf0\x9f\x8c\x88");
	/* Thumbs up with a skin tone, and keycap one. */
	test_text_accepted(TEXT_TITLE, "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd 1"
	    "\xef\xb8\x8f\xe2\x83\xa3");
}

static void
test_text_check_flags(void **state)
{
	test_text_accepted(TEXT_TITLE, "\xf0\x9f\x87\xab\xf0\x9f\x87\xb7"
	    "\xf0\x9f\x87\xaf\xf0\x9f\x87\xb5");
}

static void
test_text_check_combining(void **state)
{
	test_text_accepted(TEXT_NAME, "Rene\xcc\x81");
	/* Vietnamese e with dot below and circumflex: two marks. */
	test_text_accepted(TEXT_TITLE, "Vie\xcc\xa3\xcc\x82t Nam");
}

static void
test_text_check_hindi(void **state)
{
	test_text_accepted(TEXT_TITLE, "\xe0\xa4\xb9\xe0\xa4\xbf\xe0\xa4\xa8"
	    "\xe0\xa5\x8d\xe0\xa4\xa6\xe0\xa5\x80");
	/* A half form made with virama and ZWJ. */
	test_text_accepted(TEXT_TITLE, "\xe0\xa4\x95\xe0\xa5\x8d\xe2\x80\x8d"
	    "\xe0\xa4\xb7");
}

/* Display. */

static void
test_text_show_persian(void **state)
{
	const char	*word = "\xd9\x85\xdb\x8c\xe2\x80\x8c\xd8\xae\xd9\x88"
			    "\xd8\xa7\xd9\x87\xd9\x85";

	/* Kept as written, the ZWNJ too; seven letters, seven cells. */
	test_text_shown(word, strlen(word), 0, word);
	assert_int_equal(text_width(word), 7);
}

static void
test_text_show_cjk(void **state)
{
	test_text_shown(S("\xe6\xbc\xa2\xe5\xad\x97"), 0,
	    "\xe6\xbc\xa2\xe5\xad\x97");
	assert_int_equal(text_width("\xe6\xbc\xa2\xe5\xad\x97"), 4);
	assert_int_equal(text_width("a\xe6\xbc\xa2" "b"), 4);
}

static void
test_text_width_marks(void **state)
{
	assert_int_equal(text_width("Rene\xcc\x81"), 4);
	assert_int_equal(text_width("Vie\xcc\xa3\xcc\x82t"), 4);
	assert_int_equal(text_width(""), 0);
}

static void
test_text_truncate_wide(void **state)
{
	test_text_cut("\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2", 3,
	    "\xe6\xbc\xa2\xe2\x80\xa6");
	test_text_cut("\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2", 4,
	    "\xe6\xbc\xa2\xe2\x80\xa6");
	test_text_cut("\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2", 1,
	    "\xe2\x80\xa6");
}

static void
test_text_truncate_marks(void **state)
{
	/* The marks stay with their e; nothing dangles before the cut. */
	test_text_cut("ae\xcc\xa3\xcc\x82" "bc", 3,
	    "ae\xcc\xa3\xcc\x82\xe2\x80\xa6");
	test_text_cut("e\xcc\x81" "e\xcc\x81" "e\xcc\x81", 2,
	    "e\xcc\x81\xe2\x80\xa6");
}

static void
test_text_truncate_clusters(void **state)
{
	/* An emoji ZWJ sequence and a flag are cut whole or not at all. */
	test_text_cut("\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb" "x", 3,
	    "\xe2\x80\xa6");
	test_text_cut("\xf0\x9f\x87\xab\xf0\x9f\x87\xb7\xf0\x9f\x87\xaf"
	    "\xf0\x9f\x87\xb5", 2, "\xe2\x80\xa6");
	test_text_cut("\xf0\x9f\x87\xab\xf0\x9f\x87\xb7\xf0\x9f\x87\xaf"
	    "\xf0\x9f\x87\xb5", 3, "\xf0\x9f\x87\xab\xf0\x9f\x87\xb7"
	    "\xe2\x80\xa6");
}

static void
test_text_truncate_fits(void **state)
{
	test_text_cut("hello", 5, "hello");
	test_text_cut("hello", 80, "hello");
	test_text_cut("hello", 4, "hel\xe2\x80\xa6");
	test_text_cut("hello", 0, "");
	test_text_cut("hello", -3, "");
}

static void
test_text_show_injection(void **state)
{
	static const struct {
		const char	*in;
		const char	*out;
	} cases[] = {
		{ "\x1b]0;pwned\x07", "^[]0;pwned^G" },
		{ "\x1b]52;c;cm0gLXJmIH4=\x07", "^[]52;c;cm0gLXJmIH4=^G" },
		{ "\x1b[2J\x1b[H", "^[[2J^[[H" },
		{ "\x1bP+q544e\x1b\\", "^[P+q544e^[\\" },
		{ "a\x9b" "31m", "a\xef\xbf\xbd" "31m" },
		{ "a\xc2\x9b" "31m", "a<U+009B>31m" },
		{ "ok\xc2\x9d" "8;;http://x\xc2\x9c", "ok<U+009D>8;;http://x"
		    "<U+009C>" },
		{ "safe\rEVIL", "safe<U+000D>EVIL" },
		{ "abc\b\b\bxyz", "abc^H^H^Hxyz" },
		{ "x\x7f", "x^?" },
		{ "\xe2\x80\xae" "fdp.exe", "<U+202E>fdp.exe" },
		{ "a\xe2\x81\xa6" "b\xe2\x81\xa9", "a<U+2066>b<U+2069>" },
	};
	size_t	 i;
	char	*out;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		out = text_sanitize(cases[i].in, strlen(cases[i].in), 0);
		test_text_assert_safe(out, false);
		assert_string_equal(out, cases[i].out);
		free(out);
	}
}

static void
test_text_show_lines(void **state)
{
	char	*out;

	out = text_sanitize(S("one\n\x1b[31mtwo\n"), TEXT_SHOW_LINES);
	test_text_assert_safe(out, true);
	assert_string_equal(out, "one\n^[[31mtwo\n");
	free(out);
	out = text_sanitize(S("one\ntwo"), 0);
	test_text_assert_safe(out, false);
	assert_string_equal(out, "one two");
	free(out);
}

static void
test_text_show_every_byte(void **state)
{
	char	 in[256];
	char	*out;
	int	 i;

	for (i = 0; i < 256; i++)
		in[i] = (char)i;
	out = text_sanitize(in, sizeof in, TEXT_SHOW_LINES);
	test_text_assert_safe(out, true);
	free(out);
	out = text_sanitize(in, sizeof in, 0);
	test_text_assert_safe(out, false);
	free(out);
}

static void
test_text_show_nul(void **state)
{
	test_text_shown(S("a\0b"), 0, "a^@b");
}

static void
test_text_show_tabs(void **state)
{
	test_text_shown(S("a\tb"), 0, "a       b");
	test_text_shown(S("12345678\tx"), 0, "12345678        x");
	/* A wide character takes two of the eight columns. */
	test_text_shown(S("\xe6\xbc\xa2\tx"), 0, "\xe6\xbc\xa2      x");
	/* Carets and markers take the columns they are drawn in. */
	test_text_shown(S("\x1b\tx"), 0, "^[      x");
	test_text_shown(S("\xf3\xa0\x81\x81\tx"), 0, "<U+E0041>       x");
	/* Columns restart on each line. */
	test_text_shown(S("abc\n\tx"), TEXT_SHOW_LINES, "abc\n        x");
}

static void
test_text_show_invalid(void **state)
{
	test_text_shown(S("a\xff" "b"), 0, "a\xef\xbf\xbd" "b");
	test_text_shown(S("\xe0\x80\xaf"), 0,
	    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	test_text_shown(S("\xed\xa0\x80"), 0,
	    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	test_text_shown(S("\xe6\xbc"), 0, "\xef\xbf\xbd\xef\xbf\xbd");
}

static void
test_text_show_joiners(void **state)
{
	test_text_shown(S("a\xe2\x80\x8d" "b"), 0, "a\xe2\x80\x8d" "b");
	test_text_shown(S("\xe2\x80\x8d" "ab"), 0, "<U+200D>ab");
	test_text_shown(S("a\xe2\x80\x8c b"), 0, "a<U+200C> b");
	test_text_shown(S("a\xe2\x80\x8c"), 0, "a<U+200C>");
}

static void
test_text_show_invisible(void **state)
{
	test_text_shown(S("pay\xe2\x80\x8bpal"), 0, "pay<U+200B>pal");
	test_text_shown(S("\xef\xbb\xbfx"), 0, "<U+FEFF>x");
	test_text_shown(S("a\xf3\xa0\x81\x81"), 0, "a<U+E0041>");
	test_text_shown(S("a\xe2\x80\xa8" "b"), 0, "a<U+2028>b");
	test_text_shown(S("a\xef\xbf\xbe"), 0, "a<U+FFFE>");
}

static void
test_text_show_marks(void **state)
{
	/* A mark with no base gets a dotted circle to sit on. */
	test_text_shown(S("\xcc\x81" "a"), 0, "\xe2\x97\x8c\xcc\x81" "a");
	test_text_shown(S("a\n\xcc\x81"), TEXT_SHOW_LINES,
	    "a\n\xe2\x97\x8c\xcc\x81");
	/* Past the cap, marks show as markers instead of stacking. */
	test_text_shown(S("e\xcc\x80\xcc\x81\xcc\x82\xcc\x83\xcc\x84\xcc\x85"
	    "\xcc\x86\xcc\x87"), 0, "e\xcc\x80\xcc\x81\xcc\x82\xcc\x83\xcc\x84"
	    "\xcc\x85<U+0306><U+0307>");
}

/* The shared decoder. */

static void
test_text_decode_valid(void **state)
{
	uint32_t	cp;

	assert_int_equal(text_utf8_decode((const unsigned char *)"A", 1,
	    &cp), 1);
	assert_int_equal(cp, 0x41);
	assert_int_equal(text_utf8_decode((const unsigned char *)"\xc3\xa9",
	    2, &cp), 2);
	assert_int_equal(cp, 0xE9);
	assert_int_equal(text_utf8_decode(
	    (const unsigned char *)"\xe6\xbc\xa2", 3, &cp), 3);
	assert_int_equal(cp, 0x6F22);
	assert_int_equal(text_utf8_decode(
	    (const unsigned char *)"\xf0\x9f\x91\xa9", 4, &cp), 4);
	assert_int_equal(cp, 0x1F469);
}

static void
test_text_decode_invalid(void **state)
{
	static const char	*bad[] = {
		"\x80", "\xc0\x80", "\xc1\xbf", "\xe0\x80\x80",
		"\xed\xbf\xbf", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80",
		"\xff", "\xe6\xbc", "\xf0\x9f\x91",
	};
	uint32_t		 cp;
	size_t			 i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cp = 0;
		assert_int_equal(text_utf8_decode(
		    (const unsigned char *)bad[i], strlen(bad[i]), &cp), -1);
		assert_int_equal(cp, 0xFFFD);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_check_too_long),
		cmocka_unit_test(test_text_check_caps),
		cmocka_unit_test(test_text_check_empty),
		cmocka_unit_test(test_text_check_only_space),
		cmocka_unit_test(test_text_check_leading_space),
		cmocka_unit_test(test_text_check_trailing_space),
		cmocka_unit_test(test_text_check_escape),
		cmocka_unit_test(test_text_check_escape_after_wide),
		cmocka_unit_test(test_text_check_nul),
		cmocka_unit_test(test_text_check_line_feed),
		cmocka_unit_test(test_text_check_tab),
		cmocka_unit_test(test_text_check_carriage_return),
		cmocka_unit_test(test_text_check_delete),
		cmocka_unit_test(test_text_check_c1),
		cmocka_unit_test(test_text_check_noncharacter),
		cmocka_unit_test(test_text_check_overlong),
		cmocka_unit_test(test_text_check_surrogate),
		cmocka_unit_test(test_text_check_too_big),
		cmocka_unit_test(test_text_check_stray),
		cmocka_unit_test(test_text_check_truncated),
		cmocka_unit_test(test_text_check_bad_byte),
		cmocka_unit_test(test_text_check_bidi),
		cmocka_unit_test(test_text_check_format),
		cmocka_unit_test(test_text_check_joiner_at_edge),
		cmocka_unit_test(test_text_check_joiner_beside_space),
		cmocka_unit_test(test_text_check_joiner_beside_format),
		cmocka_unit_test(test_text_check_too_many_marks),
		cmocka_unit_test(test_text_check_marks_across_format),
		cmocka_unit_test(test_text_check_mark_without_base),
		cmocka_unit_test(test_text_check_no_cause),
		cmocka_unit_test(test_text_check_persian),
		cmocka_unit_test(test_text_check_arabic),
		cmocka_unit_test(test_text_check_cjk),
		cmocka_unit_test(test_text_check_emoji),
		cmocka_unit_test(test_text_check_flags),
		cmocka_unit_test(test_text_check_combining),
		cmocka_unit_test(test_text_check_hindi),
		cmocka_unit_test(test_text_show_persian),
		cmocka_unit_test(test_text_show_cjk),
		cmocka_unit_test(test_text_width_marks),
		cmocka_unit_test(test_text_truncate_wide),
		cmocka_unit_test(test_text_truncate_marks),
		cmocka_unit_test(test_text_truncate_clusters),
		cmocka_unit_test(test_text_truncate_fits),
		cmocka_unit_test(test_text_show_injection),
		cmocka_unit_test(test_text_show_lines),
		cmocka_unit_test(test_text_show_every_byte),
		cmocka_unit_test(test_text_show_nul),
		cmocka_unit_test(test_text_show_tabs),
		cmocka_unit_test(test_text_show_invalid),
		cmocka_unit_test(test_text_show_joiners),
		cmocka_unit_test(test_text_show_invisible),
		cmocka_unit_test(test_text_show_marks),
		cmocka_unit_test(test_text_decode_valid),
		cmocka_unit_test(test_text_decode_invalid),
	};

	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL) {
		fprintf(stderr, "test-text: no C.UTF-8 locale\n");
		return (77);
	}
	return (cmocka_run_group_tests(tests, NULL, NULL));
}
