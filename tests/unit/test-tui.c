/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Tests of the parts of the full-screen interface that need no terminal:
 * wrapping member text by cells (src/tui/tui-draw.c: every line safe to
 * print, no line wider than asked, never a cut inside a character or
 * between a base and its marks), the scrolling list, and the key table
 * (src/tui/tui-keys.c): key names both ways, lookup by scope, and
 * moot.conf's [keys] rebinding with its errors.
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
#include <unistd.h>

#include <cmocka.h>

#include "moot/text.h"
#include "../../src/tui/tui.h"

/* tui-draw.c asks the session's clock; no session here. */
int64_t
tui_now_wall_ms(void)
{
	return (0);
}

/* Every line of a wrap: printable, at most cols cells. */
static void
test_tui_wrap_lines_ok(char **lines, size_t n, int cols)
{
	const unsigned char	*p;
	size_t			 i;

	for (i = 0; i < n; i++) {
		assert_true(text_width(lines[i]) <= cols);
		for (p = (const unsigned char *)lines[i]; *p != '\0'; p++) {
			assert_true(*p >= 0x20 && *p != 0x7f);
			/* No C1 control encoded (U+0080..U+009F). */
			if (p[0] == 0xc2)
				assert_true(p[1] >= 0xa0);
		}
	}
}

static void
test_tui_wrap_words(void **state)
{
	char	**l;
	size_t	  n;

	(void)state;
	l = tui_wrap("the quick brown fox jumps over the lazy dog", 10, &n);
	test_tui_wrap_lines_ok(l, n, 10);
	assert_int_equal(n, 5);
	assert_string_equal(l[0], "the quick");
	assert_string_equal(l[1], "brown fox");
	assert_string_equal(l[4], "dog");
	tui_wrap_free(l, n);

	/* A word longer than the line is cut; LF ends a line. */
	l = tui_wrap("abcdefghijkl\nxy", 5, &n);
	test_tui_wrap_lines_ok(l, n, 5);
	assert_int_equal(n, 4);
	assert_string_equal(l[0], "abcde");
	assert_string_equal(l[2], "kl");
	assert_string_equal(l[3], "xy");
	tui_wrap_free(l, n);
}

static void
test_tui_wrap_hostile(void **state)
{
	static const char	 evil[] = "title\x1b]0;pwned\x07 and \x1b[2J"
	    "\xc2\x9b" "31m\r\b \xe2\x80\xae" "evil\xe2\x80\x8b" "x\ttab";
	char			**l, *all;
	size_t			  n, i, len = 0;

	(void)state;
	l = tui_wrap(evil, 20, &n);
	test_tui_wrap_lines_ok(l, n, 20);
	for (i = 0; i < n; i++)
		len += strlen(l[i]) + 1;
	all = calloc(1, len + 1);
	for (i = 0; i < n; i++)
		strcat(all, l[i]);
	/* The escapes are there, as visible text. */
	assert_non_null(strstr(all, "^["));
	assert_non_null(strstr(all, "<U+202E>"));
	assert_non_null(strstr(all, "<U+200B>"));
	assert_null(strchr(all, '\t'));
	free(all);
	tui_wrap_free(l, n);
}

static void
test_tui_wrap_wide_and_marks(void **state)
{
	/* CJK is two cells each; e + combining acute stays together. */
	static const char	 cjk[] = "\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad"
	    "\xe6\x96\x87\xe4\xb8\xad";
	static const char	 marks[] = "cafe\xcc\x81" "cafe\xcc\x81";
	static const char	 fa[] = "\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85 "
	    "\xd8\xaf\xd9\x88\xd8\xb3\xd8\xaa\xd8\xa7\xd9\x86";
	char			**l;
	size_t			  n, i;

	(void)state;
	l = tui_wrap(cjk, 5, &n);
	test_tui_wrap_lines_ok(l, n, 5);
	assert_int_equal(n, 3);
	assert_int_equal(text_width(l[0]), 4);
	tui_wrap_free(l, n);

	l = tui_wrap(marks, 4, &n);
	test_tui_wrap_lines_ok(l, n, 4);
	for (i = 0; i < n; i++)
		/* No line starts with the lone mark (U+0301: CC 81). */
		assert_false((unsigned char)l[i][0] == 0xcc);
	tui_wrap_free(l, n);

	/* Persian: cut at the space, each word whole. */
	l = tui_wrap(fa, 6, &n);
	test_tui_wrap_lines_ok(l, n, 6);
	assert_int_equal(n, 2);
	assert_string_equal(l[0], "\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85");
	tui_wrap_free(l, n);

	/* A character wider than the line still moves on. */
	l = tui_wrap(cjk, 1, &n);
	assert_int_equal(n, 5);
	tui_wrap_free(l, n);
}

static void
test_tui_list(void **state)
{
	struct tui_list	l = { 100, 0, 0 };

	(void)state;
	tui_list_key(&l, ACT_UP, 10);
	assert_int_equal(l.cur, 0);
	tui_list_key(&l, ACT_PAGE_DOWN, 10);
	assert_int_equal(l.cur, 9);
	assert_int_equal(l.top, 0);
	tui_list_key(&l, ACT_DOWN, 10);
	assert_int_equal(l.cur, 10);
	assert_int_equal(l.top, 1);
	tui_list_key(&l, ACT_END, 10);
	assert_int_equal(l.cur, 99);
	assert_int_equal(l.top, 90);
	tui_list_key(&l, ACT_DOWN, 10);
	assert_int_equal(l.cur, 99);
	tui_list_key(&l, ACT_HOME, 10);
	assert_int_equal(l.cur, 0);
	assert_int_equal(l.top, 0);
	/* Rows gone: the cursor stays inside. */
	l.cur = 50;
	l.n = 20;
	tui_list_show(&l, 10);
	assert_int_equal(l.cur, 19);
	assert_int_equal(l.top, 10);
}

static void
test_tui_keys_names(void **state)
{
	static const char	*good[] = {
		"j", "?", "G", "^N", "<Down>", "<PageUp>", "<Enter>", "<Esc>",
		"<Tab>", "<Space>", "<F5>", "\xc3\xa9"
	};
	static const char	*bad[] = {
		"", "ab", "<Nope>", "<F13>", "\x1b", "^1", "\xc2\x9b"
	};
	char			*name;
	size_t			 i;
	int			 key, again;

	(void)state;
	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		assert_int_equal(tui_keys_parse(good[i], &key), 0);
		name = tui_keys_name(key);
		assert_int_equal(tui_keys_parse(name, &again), 0);
		assert_int_equal(again, key);
		free(name);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(tui_keys_parse(bad[i], &key), -EINVAL);
	assert_int_equal(tui_keys_parse("^N", &key), 0);
	assert_int_equal(key, 14);
}

static void
test_tui_keys_scopes(void **state)
{
	(void)state;
	assert_int_equal(tui_keys_action("proposals", 'j'), ACT_DOWN);
	assert_int_equal(tui_keys_action("proposals", 'f'), ACT_FILTER);
	assert_int_equal(tui_keys_action("log", 'f'), ACT_NONE);
	/* A view's own binding before the global one. */
	assert_int_equal(tui_keys_action("vote", 'h'), ACT_LEFT);
	assert_int_equal(tui_keys_action("proposal", 'h'), ACT_HIDE);
	assert_int_equal(tui_keys_action("vote", '\n'), ACT_SUBMIT);
	assert_int_equal(tui_keys_action("proposals", '\n'), ACT_ENTER);
}

/* Write text to a temporary file; its path (caller frees). */
static char *
test_tui_file(const char *text)
{
	char	*path = strdup("/tmp/moot-test-tui.XXXXXX");
	int	 fd;

	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return (path);
}

static void
test_tui_keys_config(void **state)
{
	char	*path, *cause = NULL;

	(void)state;
	path = test_tui_file("[ui]\ncolor = never\n[keys]\ndown = J <Down>\n"
	    "vote.submit = V\n");
	assert_int_equal(tui_keys_load(NULL, path, &cause), 0);
	assert_int_equal(tui_keys_action("proposals", 'J'), ACT_DOWN);
	assert_int_equal(tui_keys_action("proposals", 'j'), ACT_NONE);
	assert_int_equal(tui_keys_action("vote", 'V'), ACT_SUBMIT);
	/* Enter no longer submits: it is the global Enter again. */
	assert_int_equal(tui_keys_action("vote", '\n'), ACT_ENTER);
	tui_keys_free();
	assert_int_equal(tui_keys_action("proposals", 'j'), ACT_DOWN);
	unlink(path);
	free(path);

	path = test_tui_file("[keys]\n\ndown = j <Nope>\n");
	assert_int_equal(tui_keys_load(NULL, path, &cause), -EINVAL);
	assert_non_null(strstr(cause, ":3: [keys] down: \"<Nope>\" is not a "
	    "key"));
	free(cause);
	cause = NULL;
	unlink(path);
	free(path);

	path = test_tui_file("[keys]\nfly = f\n");
	assert_int_equal(tui_keys_load(NULL, path, &cause), -EINVAL);
	assert_non_null(strstr(cause, ":2: [keys] fly: no such action"));
	free(cause);
	tui_keys_free();
	unlink(path);
	free(path);

	/* A missing file is fine. */
	assert_int_equal(tui_keys_load(NULL, "/nonexistent/moot.conf",
	    &cause), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tui_wrap_words),
		cmocka_unit_test(test_tui_wrap_hostile),
		cmocka_unit_test(test_tui_wrap_wide_and_marks),
		cmocka_unit_test(test_tui_list),
		cmocka_unit_test(test_tui_keys_names),
		cmocka_unit_test(test_tui_keys_scopes),
		cmocka_unit_test(test_tui_keys_config),
	};

	if (setlocale(LC_ALL, "C.UTF-8") == NULL &&
	    setlocale(LC_ALL, "en_US.UTF-8") == NULL) {
		fprintf(stderr, "no UTF-8 locale\n");
		return (77);
	}
	return (cmocka_run_group_tests(tests, NULL, NULL));
}
