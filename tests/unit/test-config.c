/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Tests of config.c: the defaults, every value type's accepted and
 * rejected forms with the exact message a person sees (file, line,
 * section, key), unknown keys and sections, iniparser's syntax errors,
 * the order in which files override each other, and that the example
 * file and the manual describe every key of the table. Each test runs in
 * a fresh mkdtemp(3) directory, which is also the working directory, so
 * that a file written as "moot.conf" is named so in messages. Leaks are
 * found by building with -fsanitize=address.
 */
#include <sys/stat.h>

#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "moot/config.h"
#include "moot/util.h"

/* The directory of this test and where it was started. */
static char	 test_config_dir[PATH_MAX];
static char	 test_config_cwd[PATH_MAX];

/* The source tree: $srcdir, as automake sets it, or the start directory. */
static char	 test_config_srcdir[PATH_MAX];

/* A table with the types that moot.conf has no key of yet. */
struct test_config_opts {
	bool		 flag;
	uint64_t	 wait;
	bool		 other_flag;
};

static const struct config_key test_config_keys[] = {
	{ .section = "test", .name = "flag", .type = CONFIG_BOOL,
	  .def = "no", .offset = offsetof(struct test_config_opts, flag),
	  .help = "a boolean" },
	{ .section = "test", .name = "wait", .type = CONFIG_DURATION,
	  .def = "30s", .offset = offsetof(struct test_config_opts, wait),
	  .min = 1, .max = 7 * 86400,
	  .help = "a duration" },
	{ .section = "other", .name = "flag", .type = CONFIG_BOOL,
	  .def = "yes", .offset = offsetof(struct test_config_opts, other_flag),
	  .help = "a key whose name another section has too" },
};

static int
test_config_setup(void **state)
{
	char	*home;

	(void)state;
	snprintf(test_config_dir, sizeof test_config_dir,
	    "%s/moot-test-config.XXXXXX",
	    getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(test_config_dir) == NULL)
		return (-1);
	if (chdir(test_config_dir) != 0)
		return (-1);
	home = xasprintf("%s/home", test_config_dir);
	mkdir(home, 0700);
	setenv("HOME", home, 1);
	free(home);
	unsetenv("XDG_CONFIG_HOME");
	setenv("MOOT_SYSTEM_CONFIG", "system.conf", 1);
	return (0);
}

static int
test_config_remove_cb(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return (remove(path));
}

static int
test_config_teardown(void **state)
{
	(void)state;
	if (chdir(test_config_cwd) != 0)
		return (-1);
	return (nftw(test_config_dir, test_config_remove_cb, 16,
	    FTW_DEPTH | FTW_PHYS));
}

/* Write text to path, making its directories. */
static void
test_config_write(const char *path, const char *text)
{
	char	*dir, *p;
	FILE	*f;

	dir = xstrdup(path);
	for (p = strchr(dir + 1, '/'); p != NULL; p = strchr(p + 1, '/')) {
		*p = '\0';
		mkdir(dir, 0755);
		*p = '/';
	}
	free(dir);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

/* Read a whole file. Caller frees. */
static char *
test_config_read(const char *path)
{
	struct buf	 b;
	char		 tmp[4096];
	size_t		 n;
	FILE		*f;

	f = fopen(path, "r");
	if (f == NULL)
		fail_msg("cannot open %s: %s", path, strerror(errno));
	buf_init(&b);
	while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
		buf_add(&b, tmp, n);
	fclose(f);
	return (buf_steal(&b, NULL));
}

/* config_dump of c into a new string. Caller frees. */
static char *
test_config_dump(const struct config *c)
{
	char	*s;
	size_t	 len;
	FILE	*f;

	f = open_memstream(&s, &len);
	assert_non_null(f);
	config_dump(c, f);
	assert_int_equal(fclose(f), 0);
	return (s);
}

/* Load text as moot.conf into c (initialised) and expect success. */
static void
test_config_load_ok(struct config *c, const char *text)
{
	char	*cause = NULL;
	int	 error;

	test_config_write("moot.conf", text);
	error = config_load(c, "moot.conf", true, &cause);
	if (error != 0)
		fail_msg("unexpected error %d: %s", error, cause);
	assert_null(cause);
}

/* Load text as moot.conf and expect exactly the message want. */
static void
test_config_load_bad(const char *text, const char *want)
{
	struct config	 c;
	char		*cause = NULL;

	config_init(&c);
	test_config_write("moot.conf", text);
	assert_int_equal(config_load(&c, "moot.conf", true, &cause),
	    -EINVAL);
	assert_non_null(cause);
	assert_string_equal(cause, want);
	free(cause);
	config_free(&c);
}

/* The same with the test table, file t.conf. */
static int
test_config_opts_load(struct test_config_opts *o, const char *text,
    char **cause)
{
	test_config_write("t.conf", text);
	return (config_keys_load(test_config_keys,
	    MOOT_NITEMS(test_config_keys), o, "t.conf", true, cause));
}

static void
test_config_defaults(void **state)
{
	struct config	c;

	(void)state;
	config_init(&c);
	assert_string_equal(c.socket, "/run/moot/mootd.sock");
	assert_string_equal(c.database, "");
	assert_string_equal(c.community_name, "moot");
	assert_string_equal(c.membership, "open");
	assert_string_equal(c.agreement_file, "");
	assert_string_equal(c.agreement_version, "1");
	assert_string_equal(c.licence, "CC-BY-SA-4.0");
	assert_string_equal(c.color, "auto");
	assert_string_equal(c.date_format, "%Y-%m-%d %H:%M");
	assert_string_equal(c.editor, "");
	assert_int_equal(c.max_line, 1024 * 1024);
	assert_int_equal(c.rate, 50);
	assert_int_equal(c.max_inflight, 64);
	assert_int_equal(c.output_buffer, 4 * 1024 * 1024);
	config_free(&c);
}

static void
test_config_dump_defaults(void **state)
{
	struct config	 c;
	char		*s;

	(void)state;
	config_init(&c);
	s = test_config_dump(&c);
	assert_string_equal(s,
	    "[moot]\n"
	    "socket = /run/moot/mootd.sock\n"
	    "database = \"\"\n"
	    "\n"
	    "[community]\n"
	    "name = moot\n"
	    "membership = open\n"
	    "agreement = \"\"\n"
	    "agreement_version = 1\n"
	    "licence = CC-BY-SA-4.0\n"
	    "\n"
	    "[ui]\n"
	    "color = auto\n"
	    "date_format = %Y-%m-%d %H:%M\n"
	    "editor = \"\"\n"
	    "\n"
	    "[disputes]\n"
	    "visibility = parties\n"
	    "appeal_window = 2w\n"
	    "\n"
	    "[limits]\n"
	    "max_line = 1M\n"
	    "rate = 50\n"
	    "max_inflight = 64\n"
	    "output_buffer = 4M\n"
	    "stall_timeout = 30s\n");
	free(s);
	config_free(&c);
}

static void
test_config_dump_round_trip(void **state)
{
	struct config	 a, b;
	char		*one, *two;

	(void)state;
	config_init(&a);
	test_config_load_ok(&a,
	    "[moot]\n"
	    "socket = /srv/moot/sock\n"
	    "database = /srv/moot/moot.db\n"
	    "[community]\n"
	    "name = \" Tilde # Club \"\n"
	    "membership = group:tilde\n"
	    "agreement = /etc/moot/agreement.txt\n"
	    "agreement_version = 2024-1\n"
	    "licence = CC0-1.0\n"
	    "[ui]\n"
	    "color = never\n"
	    "date_format = \"%d.%m.; %H:%M\"\n"
	    "editor = nano -R\n"
	    "[disputes]\n"
	    "visibility = parties\n"
	    "appeal_window = 2w\n"
	    "\n"
	    "[limits]\n"
	    "max_line = 65537\n"
	    "rate = 7\n"
	    "max_inflight = 3\n"
	    "output_buffer = 1G\n");
	one = test_config_dump(&a);
	test_config_write("dumped.conf", one);

	config_init(&b);
	assert_int_equal(config_load(&b, "dumped.conf", true, NULL), 0);
	two = test_config_dump(&b);
	assert_string_equal(one, two);
	assert_string_equal(b.community_name, " Tilde # Club ");
	assert_string_equal(b.date_format, "%d.%m.; %H:%M");
	assert_int_equal(b.max_line, 65537);
	assert_int_equal(b.output_buffer, UINT64_C(1) << 30);
	free(one);
	free(two);
	config_free(&a);
	config_free(&b);
}

static void
test_config_string_accepted(void **state)
{
	struct config	c;

	(void)state;
	config_init(&c);
	test_config_load_ok(&c,
	    "[community]\n"
	    "name = \"Tilde # Club\"\n"
	    "licence = CC-BY-4.0 ; a comment\n"
	    "agreement_version = 'v 2'\n");
	assert_string_equal(c.community_name, "Tilde # Club");
	assert_string_equal(c.licence, "CC-BY-4.0");
	assert_string_equal(c.agreement_version, "v 2");
	config_free(&c);
}

static void
test_config_string_empty_rejected(void **state)
{
	(void)state;
	test_config_load_bad("[community]\nname = \"\"\n",
	    "moot.conf:2: [community] name: must not be empty");
}

static void
test_config_string_too_long_rejected(void **state)
{
	(void)state;
	test_config_load_bad("[community]\nname = "
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n",
	    "moot.conf:2: [community] name: is 65 bytes long, more than 64");
}

static void
test_config_string_control_rejected(void **state)
{
	(void)state;
	test_config_load_bad("[ui]\neditor = vi\tx\n",
	    "moot.conf:2: [ui] editor: contains a control character "
	    "(byte 0x09)");
}

static void
test_config_path_accepted(void **state)
{
	struct config	 c;
	char		*want;

	(void)state;
	config_init(&c);
	test_config_load_ok(&c,
	    "[moot]\n"
	    "socket = \"\"\n"
	    "database = ~/moot/test.db\n"
	    "[community]\n"
	    "agreement = /etc/moot/agreement\n");
	want = xasprintf("%s/moot/test.db", getenv("HOME"));
	assert_string_equal(c.socket, "");
	assert_string_equal(c.database, want);
	assert_string_equal(c.agreement_file, "/etc/moot/agreement");
	free(want);
	config_free(&c);
}

static void
test_config_path_relative_rejected(void **state)
{
	(void)state;
	test_config_load_bad("[moot]\nsocket = run/mootd.sock\n",
	    "moot.conf:2: [moot] socket: \"run/mootd.sock\" is not an "
	    "absolute path (start it with / or ~/)");
}

static void
test_config_path_socket_too_long_rejected(void **state)
{
	(void)state;
	test_config_load_bad("[moot]\nsocket = /run/"
	    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n",
	    "moot.conf:2: [moot] socket: is 115 bytes long, more than 107");
}

static void
test_config_bool_accepted(void **state)
{
	static const struct {
		const char	*text;
		bool		 want;
	} cases[] = {
		{ "yes", true }, { "no", false }, { "true", true },
		{ "false", false }, { "on", true }, { "off", false },
		{ "1", true }, { "0", false }, { "YES", true },
		{ "Off", false },
	};
	struct test_config_opts	 o;
	char			*text;
	size_t			 i;

	(void)state;
	for (i = 0; i < MOOT_NITEMS(cases); i++) {
		config_keys_init(test_config_keys,
		    MOOT_NITEMS(test_config_keys), &o);
		o.flag = !cases[i].want;
		text = xasprintf("[test]\nflag = %s\n", cases[i].text);
		assert_int_equal(test_config_opts_load(&o, text, NULL), 0);
		assert_int_equal(o.flag, cases[i].want);
		free(text);
	}
}

static void
test_config_bool_rejected(void **state)
{
	struct test_config_opts	 o;
	char			*cause = NULL;

	(void)state;
	config_keys_init(test_config_keys, MOOT_NITEMS(test_config_keys), &o);
	assert_int_equal(test_config_opts_load(&o,
	    "[test]\n\nflag = maybe\n", &cause), -EINVAL);
	assert_string_equal(cause, "t.conf:3: [test] flag: \"maybe\" is not a "
	    "boolean (yes, no, true, false, on, off, 1, 0)");
	assert_int_equal(o.flag, false);
	free(cause);
}

static void
test_config_integer_accepted(void **state)
{
	struct config	c;

	(void)state;
	config_init(&c);
	test_config_load_ok(&c, "[limits]\nrate = 100000\nmax_inflight = 1\n");
	assert_int_equal(c.rate, 100000);
	assert_int_equal(c.max_inflight, 1);
	config_free(&c);
}

static void
test_config_integer_rejected(void **state)
{
	static const struct {
		const char	*text;
		const char	*want;
	} cases[] = {
		{ "abc", "moot.conf:2: [limits] rate: \"abc\" is not an "
		    "integer" },
		{ "12x", "moot.conf:2: [limits] rate: \"12x\" is not an "
		    "integer" },
		{ "1.5", "moot.conf:2: [limits] rate: \"1.5\" is not an "
		    "integer" },
		{ "0x10", "moot.conf:2: [limits] rate: \"0x10\" is not an "
		    "integer" },
		{ "0", "moot.conf:2: [limits] rate: \"0\" is out of range "
		    "(1 to 100000)" },
		{ "100001", "moot.conf:2: [limits] rate: \"100001\" is out "
		    "of range (1 to 100000)" },
		{ "-5", "moot.conf:2: [limits] rate: \"-5\" is out of range "
		    "(1 to 100000)" },
		{ "99999999999999999999", "moot.conf:2: [limits] rate: "
		    "\"99999999999999999999\" is out of range (1 to 100000)" },
	};
	char	*text;
	size_t	 i;

	(void)state;
	for (i = 0; i < MOOT_NITEMS(cases); i++) {
		text = xasprintf("[limits]\nrate = %s\n", cases[i].text);
		test_config_load_bad(text, cases[i].want);
		free(text);
	}
}

static void
test_config_size_accepted(void **state)
{
	static const struct {
		const char	*text;
		uint64_t	 want;
	} cases[] = {
		{ "65536", 65536 }, { "64K", 65536 }, { "64k", 65536 },
		{ "4M", 4 << 20 }, { "3m", 3 << 20 }, { "1G", 1 << 30 },
	};
	struct config	 c;
	char		*text;
	size_t		 i;

	(void)state;
	for (i = 0; i < MOOT_NITEMS(cases); i++) {
		config_init(&c);
		text = xasprintf("[limits]\noutput_buffer = %s\n",
		    cases[i].text);
		test_config_load_ok(&c, text);
		assert_int_equal(c.output_buffer, cases[i].want);
		free(text);
		config_free(&c);
	}
	/* max_line stops at the protocol's own 1M. */
	config_init(&c);
	test_config_load_ok(&c, "[limits]\nmax_line = 1k\n");
	assert_int_equal(c.max_line, 1024);
	config_free(&c);
	test_config_load_bad("[limits]\nmax_line = 2M\n", "moot.conf:2: "
	    "[limits] max_line: \"2M\" is out of range (1K to 1M)");
}

static void
test_config_size_rejected(void **state)
{
	static const char *const	 bad[] = {
		"12x", "1.5M", "M", "-1", "1MB", "1 M", "0x100", "1P",
	};
	char				*text, *want;
	size_t				 i;

	(void)state;
	for (i = 0; i < MOOT_NITEMS(bad); i++) {
		text = xasprintf("[limits]\n\n\n\n\n\nmax_line = %s\n", bad[i]);
		want = xasprintf("moot.conf:7: [limits] max_line: \"%s\" is "
		    "not a size (e.g. 1M, 65536)", bad[i]);
		test_config_load_bad(text, want);
		free(text);
		free(want);
	}
}

static void
test_config_size_out_of_range(void **state)
{
	static const char *const	 big[] = {
		"512", "2G", "1025M", "99999999999999999999",
		"17179869185G",
	};
	char				*text, *want;
	size_t				 i;

	(void)state;
	for (i = 0; i < MOOT_NITEMS(big); i++) {
		text = xasprintf("[limits]\noutput_buffer = %s\n", big[i]);
		want = xasprintf("moot.conf:2: [limits] output_buffer: \"%s\" "
		    "is out of range (64K to 1G)", big[i]);
		test_config_load_bad(text, want);
		free(text);
		free(want);
	}
}

static void
test_config_duration_accepted(void **state)
{
	static const struct {
		const char	*text;
		uint64_t	 want;
	} cases[] = {
		{ "30s", 30 }, { "15m", 900 }, { "12h", 43200 },
		{ "7d", 604800 }, { "90", 90 }, { "1h30m", 5400 },
		{ "1w", 604800 }, { "2d12h", 216000 },
	};
	struct test_config_opts	 o;
	char			*text;
	size_t			 i;

	(void)state;
	for (i = 0; i < MOOT_NITEMS(cases); i++) {
		config_keys_init(test_config_keys,
		    MOOT_NITEMS(test_config_keys), &o);
		text = xasprintf("[test]\nwait = %s\n", cases[i].text);
		assert_int_equal(test_config_opts_load(&o, text, NULL), 0);
		assert_int_equal(o.wait, cases[i].want);
		free(text);
	}
}

static void
test_config_duration_rejected(void **state)
{
	static const char *const	 bad[] = {
		"5x", "h", "1.5h", "30 s", "1h30", "-5s", "15M", "s30",
	};
	struct test_config_opts		 o;
	char				*text, *want, *cause;
	size_t				 i;

	(void)state;
	for (i = 0; i < MOOT_NITEMS(bad); i++) {
		config_keys_init(test_config_keys,
		    MOOT_NITEMS(test_config_keys), &o);
		text = xasprintf("[test]\nwait = %s\n", bad[i]);
		want = xasprintf("t.conf:2: [test] wait: \"%s\" is not a "
		    "duration (e.g. 30s, 15m, 12h, 7d, 1h30m, 90)", bad[i]);
		cause = NULL;
		assert_int_equal(test_config_opts_load(&o, text, &cause),
		    -EINVAL);
		assert_string_equal(cause, want);
		assert_int_equal(o.wait, 30);
		free(cause);
		free(text);
		free(want);
	}
}

static void
test_config_duration_out_of_range(void **state)
{
	struct test_config_opts	 o;
	char			*cause = NULL;

	(void)state;
	config_keys_init(test_config_keys, MOOT_NITEMS(test_config_keys), &o);
	assert_int_equal(test_config_opts_load(&o, "[test]\nwait = 8d\n",
	    &cause), -EINVAL);
	assert_string_equal(cause,
	    "t.conf:2: [test] wait: \"8d\" is out of range (1s to 1w)");
	free(cause);

	/* 2^64 + 61184 seconds: must not wrap around into the range. */
	cause = NULL;
	assert_int_equal(test_config_opts_load(&o,
	    "[test]\nwait = 213503982334602d\n", &cause), -EINVAL);
	assert_string_equal(cause, "t.conf:2: [test] wait: "
	    "\"213503982334602d\" is out of range (1s to 1w)");
	free(cause);
}

static void
test_config_enum_accepted(void **state)
{
	struct config	c;

	(void)state;
	config_init(&c);
	test_config_load_ok(&c, "[ui]\ncolor = always\n");
	assert_string_equal(c.color, "always");
	test_config_load_ok(&c, "[ui]\ncolor = NEVER\n");
	assert_string_equal(c.color, "never");
	config_free(&c);
}

static void
test_config_enum_rejected_in_home(void **state)
{
	struct config	 c;
	char		*path, *cause = NULL;

	(void)state;
	path = xasprintf("%s/.config/moot/moot.conf", getenv("HOME"));
	test_config_write(path, "# colours\n[ui]\ncolor = sometimes\n");
	config_init(&c);
	assert_int_equal(config_load(&c, path, false, &cause), -EINVAL);
	assert_string_equal(cause, "~/.config/moot/moot.conf:3: [ui] color: "
	    "\"sometimes\" is not one of auto, always, never");
	free(cause);
	free(path);
	config_free(&c);
}

static void
test_config_membership_accepted(void **state)
{
	static const struct {
		const char	*text;
		const char	*want;
	} cases[] = {
		{ "open", "open" }, { "invite", "invite" },
		{ "INVITE", "invite" }, { "group:staff", "group:staff" },
		{ "group:moot-members", "group:moot-members" },
		{ "group:Domain_Users", "group:Domain_Users" },
		{ "group:smb$", "group:smb$" },
	};
	struct config	 c;
	char		*text;
	size_t		 i;

	(void)state;
	for (i = 0; i < MOOT_NITEMS(cases); i++) {
		config_init(&c);
		text = xasprintf("[community]\nmembership = %s\n",
		    cases[i].text);
		test_config_load_ok(&c, text);
		assert_string_equal(c.membership, cases[i].want);
		free(text);
		config_free(&c);
	}
}

static void
test_config_membership_rejected(void **state)
{
	static const struct {
		const char	*text;
		const char	*problem;
	} cases[] = {
		{ "closed", "\"closed\" is not open, invite or group:NAME" },
		{ "group:", "\"group:\" names no group (write group:NAME)" },
		{ "group:bad name", "\"bad name\" is not a valid group name" },
		{ "group:-x", "\"-x\" is not a valid group name" },
		{ "group:1234", "\"1234\" is not a valid group name" },
		{ "group:..", "\"..\" is not a valid group name" },
		{ "group:abcdefghijabcdefghijabcdefghijabc",
		  "\"abcdefghijabcdefghijabcdefghijabc\" is not a valid group "
		  "name" },
	};
	static const char	 rules[] = " (1 to 32 letters, digits, \".\", "
	    "\"_\" or \"-\", not starting with \"-\", not all digits)";
	char			*text, *want;
	size_t			 i;

	(void)state;
	for (i = 0; i < MOOT_NITEMS(cases); i++) {
		text = xasprintf("[community]\nmembership = %s\n",
		    cases[i].text);
		want = xasprintf("moot.conf:2: [community] membership: %s%s",
		    cases[i].problem,
		    strstr(cases[i].problem, "valid group") != NULL ?
		    rules : "");
		test_config_load_bad(text, want);
		free(text);
		free(want);
	}
}

static void
test_config_unknown_key(void **state)
{
	(void)state;
	test_config_load_bad(
	    "# moot.conf\n#\n# The system settings.\n\n"
	    "[moot]\n"
	    "socket = /run/moot/mootd.sock\n"
	    "; the database\n"
	    "database = /var/lib/moot/moot.db\n"
	    "\n\n\n"
	    "soket = /run/moot/other.sock\n",
	    "moot.conf:12: [moot] soket: unknown key (known keys in [moot]: "
	    "socket, database)");
}

static void
test_config_unknown_key_escaped(void **state)
{
	(void)state;
	test_config_load_bad("[ui]\n\033[31m = 1\n",
	    "moot.conf:2: [ui] \\x1b[31m: unknown key (known keys in [ui]: "
	    "color, date_format, editor)");
}

static void
test_config_unknown_section(void **state)
{
	(void)state;
	test_config_load_bad("[ui]\ncolor = never\n[colors]\nfg = red\n",
	    "moot.conf:3: [colors]: unknown section (known sections: moot, "
	    "community, ui, disputes, limits)");
}

static void
test_config_key_outside_section(void **state)
{
	(void)state;
	test_config_load_bad("socket = /x\n[moot]\n",
	    "moot.conf:1: socket: key outside any section (it belongs under "
	    "[moot])");
	test_config_load_bad("\nfoo = 1\n",
	    "moot.conf:2: foo: key outside any section (known sections: "
	    "moot, community, ui, disputes, limits)");
}

static void
test_config_key_outside_section_ambiguous(void **state)
{
	struct test_config_opts	 o;
	char			*cause = NULL;

	(void)state;
	config_keys_init(test_config_keys, MOOT_NITEMS(test_config_keys), &o);
	assert_int_equal(test_config_opts_load(&o, "flag = yes\n[test]\n",
	    &cause), -EINVAL);
	assert_string_equal(cause, "t.conf:1: flag: key outside any section "
	    "(known sections: test, other)");
	free(cause);
}

static void
test_config_empty_section_name(void **state)
{
	(void)state;
	test_config_load_bad("[ui]\n[]\ncolor = never\n",
	    "moot.conf:2: syntax error: empty section name []");
}

static void
test_config_syntax_error(void **state)
{
	(void)state;
	test_config_load_bad("[moot]\n# comment\n\nsocket /run/x\n",
	    "moot.conf:4: syntax error: \"socket /run/x\" is neither "
	    "[section] nor key = value");
}

static void
test_config_syntax_error_unclosed_section(void **state)
{
	(void)state;
	test_config_load_bad("[ui]\ncolor = never\n[limits\nrate = 5\n",
	    "moot.conf:3: syntax error: \"[limits\" is neither [section] "
	    "nor key = value");
}

static void
test_config_syntax_error_after_continuation(void **state)
{
	struct config	c;

	(void)state;
	test_config_load_bad("[community]\nname = a \\\n  b \\\n  c\noops\n",
	    "moot.conf:5: syntax error: \"oops\" is neither [section] nor "
	    "key = value");
	config_init(&c);
	test_config_load_ok(&c, "[community]\nname = a \\\n  b\n");
	assert_string_equal(c.community_name, "a   b");
	config_free(&c);
}

static void
test_config_continuation_line_numbers(void **state)
{
	(void)state;
	test_config_load_bad("[ui]\ncolor = some\\\n  times\n",
	    "moot.conf:2: [ui] color: \"some  times\" is not one of auto, "
	    "always, never");
	test_config_load_bad("[community]\nname = a \\\n  b\n[ui]\n"
	    "color = blue\n",
	    "moot.conf:5: [ui] color: \"blue\" is not one of auto, always, "
	    "never");
}

static void
test_config_continuation_at_end(void **state)
{
	(void)state;
	test_config_load_bad("[community]\nname = a \\\n",
	    "moot.conf:2: syntax error: the file ends in a continued "
	    "line (\\)");
}

static void
test_config_line_too_long(void **state)
{
	struct buf	b;

	(void)state;
	buf_init(&b);
	buf_adds(&b, "[community]\nname = ");
	while (b.len < 1100)
		buf_addc(&b, 'x');
	buf_addc(&b, '\n');
	test_config_load_bad(b.data,
	    "moot.conf:2: line too long (the limit is 1022 bytes)");
	buf_free(&b);
}

static void
test_config_long_value_quoted_short(void **state)
{
	(void)state;
	test_config_load_bad("[ui]\ncolor = "
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "\n",
	    "moot.conf:2: [ui] color: "
	    "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...\""
	    " is not one of auto, always, never");
}

static void
test_config_long_value_cut_between_characters(void **state)
{
	struct buf	 text, want;
	int		 i;

	(void)state;
	buf_init(&text);
	buf_init(&want);
	buf_adds(&text, "[ui]\ncolor = a");
	buf_adds(&want, "moot.conf:2: [ui] color: \"a");
	for (i = 0; i < 40; i++) {
		buf_adds(&text, "\xc3\xa9");
		if (i < 29)
			buf_adds(&want, "\xc3\xa9");
	}
	buf_adds(&text, "\n");
	buf_adds(&want, "...\" is not one of auto, always, never");
	test_config_load_bad(text.data, want.data);
	buf_free(&text);
	buf_free(&want);
}

static void
test_config_first_error_in_file_order(void **state)
{
	(void)state;
	test_config_load_bad("[limits]\nrate = 0\n[ui]\nfoo = 1\n",
	    "moot.conf:2: [limits] rate: \"0\" is out of range (1 to 100000)");
	test_config_load_bad("[ui]\nfoo = 1\n[limits]\nrate = 0\n",
	    "moot.conf:2: [ui] foo: unknown key (known keys in [ui]: color, "
	    "date_format, editor)");
}

static void
test_config_case_insensitive_names(void **state)
{
	struct config	c;

	(void)state;
	config_init(&c);
	test_config_load_ok(&c, "[UI]\nColor = never\n  [ Limits ]\nRATE=9\n");
	assert_string_equal(c.color, "never");
	assert_int_equal(c.rate, 9);
	config_free(&c);
}

static void
test_config_duplicate_key_last_wins(void **state)
{
	struct config	c;

	(void)state;
	config_init(&c);
	test_config_load_ok(&c,
	    "[ui]\ncolor = always\n[limits]\nrate = 5\n[ui]\ncolor = never\n");
	assert_string_equal(c.color, "never");
	assert_int_equal(c.rate, 5);
	config_free(&c);
}

static void
test_config_duplicate_key_error_at_last(void **state)
{
	(void)state;
	test_config_load_bad("[ui]\ncolor = never\ncolor = blue\n",
	    "moot.conf:3: [ui] color: \"blue\" is not one of auto, always, "
	    "never");
}

static void
test_config_bad_file_changes_nothing(void **state)
{
	struct config	 c;
	char		*before, *after;

	(void)state;
	config_init(&c);
	before = test_config_dump(&c);
	test_config_write("moot.conf",
	    "[ui]\ncolor = never\neditor = ed\n[moot]\nsocket = /s\n"
	    "[limits]\nrate = 0\n");
	assert_int_equal(config_load(&c, "moot.conf", true, NULL), -EINVAL);
	after = test_config_dump(&c);
	assert_string_equal(before, after);
	free(before);
	free(after);
	config_free(&c);
}

static void
test_config_later_file_overrides_key_by_key(void **state)
{
	struct config	c;

	(void)state;
	config_init(&c);
	test_config_write("a.conf",
	    "[ui]\ncolor = never\n[limits]\nrate = 5\n");
	test_config_write("b.conf", "[limits]\nrate = 6\n");
	assert_int_equal(config_load(&c, "a.conf", true, NULL), 0);
	assert_int_equal(config_load(&c, "b.conf", true, NULL), 0);
	assert_string_equal(c.color, "never");
	assert_int_equal(c.rate, 6);
	config_free(&c);
}

static void
test_config_missing_file_ignored(void **state)
{
	struct config	 c;
	char		*cause = NULL;

	(void)state;
	config_init(&c);
	assert_int_equal(config_load(&c, "nothing.conf", false, &cause), 0);
	assert_null(cause);
	assert_int_equal(config_load(&c, "no/such/dir/moot.conf", false,
	    &cause), 0);
	assert_null(cause);
	test_config_write("file", "");
	assert_int_equal(config_load(&c, "file/moot.conf", false, &cause), 0);
	assert_null(cause);
	assert_string_equal(c.color, "auto");
	config_free(&c);
}

static void
test_config_dev_null_is_empty(void **state)
{
	struct config	c;

	(void)state;
	config_init(&c);
	assert_int_equal(config_load(&c, "/dev/null", true, NULL), 0);
	assert_string_equal(c.color, "auto");
	config_free(&c);
}

static void
test_config_missing_file_required(void **state)
{
	struct config	 c;
	char		*cause = NULL;

	(void)state;
	config_init(&c);
	assert_int_equal(config_load(&c, "nothing.conf", true, &cause),
	    -ENOENT);
	assert_string_equal(cause, "nothing.conf: No such file or directory");
	free(cause);
	config_free(&c);
}

static void
test_config_directory_rejected(void **state)
{
	struct config	 c;
	char		*cause = NULL;

	(void)state;
	mkdir("dir.conf", 0755);
	config_init(&c);
	assert_int_equal(config_load(&c, "dir.conf", false, &cause), -EISDIR);
	assert_string_equal(cause, "dir.conf: Is a directory");
	free(cause);
	config_free(&c);
}

static void
test_config_unreadable_rejected(void **state)
{
	struct config	 c;
	char		*cause = NULL;

	(void)state;
	if (geteuid() == 0)
		skip();	/* root reads any file */
	test_config_write("secret.conf", "[ui]\n");
	chmod("secret.conf", 0);
	config_init(&c);
	assert_int_equal(config_load(&c, "secret.conf", false, &cause),
	    -EACCES);
	assert_string_equal(cause, "secret.conf: Permission denied");
	free(cause);
	config_free(&c);
}

static void
test_config_default_order(void **state)
{
	struct config	 c;
	char		*xdg;

	(void)state;
	xdg = xasprintf("%s/xdg", test_config_dir);
	setenv("XDG_CONFIG_HOME", xdg, 1);
	test_config_write("system.conf",
	    "[community]\nname = tilde\n[ui]\ncolor = never\n"
	    "[limits]\nrate = 5\n");
	test_config_write("xdg/moot/moot.conf", "[ui]\ncolor = always\n");
	test_config_write("home/.config/moot/moot.conf",
	    "[limits]\nrate = 99\n");
	config_init(&c);
	assert_int_equal(config_load_default(&c, NULL, NULL), 0);
	assert_string_equal(c.community_name, "tilde");
	assert_string_equal(c.color, "always");
	assert_int_equal(c.rate, 5);
	config_free(&c);
	free(xdg);
}

static void
test_config_default_home_without_xdg(void **state)
{
	struct config	c;

	(void)state;
	test_config_write("system.conf", "[ui]\ncolor = never\n");
	test_config_write("home/.config/moot/moot.conf",
	    "[ui]\ncolor = always\n");
	config_init(&c);
	assert_int_equal(config_load_default(&c, NULL, NULL), 0);
	assert_string_equal(c.color, "always");
	config_free(&c);
}

static void
test_config_default_relative_xdg_ignored(void **state)
{
	struct config	c;

	(void)state;
	setenv("XDG_CONFIG_HOME", "xdg", 1);
	test_config_write("xdg/moot/moot.conf", "[ui]\ncolor = never\n");
	test_config_write("home/.config/moot/moot.conf",
	    "[ui]\ncolor = always\n");
	config_init(&c);
	assert_int_equal(config_load_default(&c, NULL, NULL), 0);
	assert_string_equal(c.color, "always");
	config_free(&c);
}

static void
test_config_default_explicit_replaces_personal(void **state)
{
	struct config	c;

	(void)state;
	test_config_write("system.conf",
	    "[community]\nname = tilde\n[ui]\ncolor = never\n");
	test_config_write("home/.config/moot/moot.conf",
	    "[ui]\neditor = emacs\n");
	test_config_write("other.conf", "[ui]\ncolor = always\n");
	config_init(&c);
	assert_int_equal(config_load_default(&c, "other.conf", NULL), 0);
	assert_string_equal(c.community_name, "tilde");
	assert_string_equal(c.color, "always");
	assert_string_equal(c.editor, "");
	config_free(&c);
}

static void
test_config_default_explicit_must_exist(void **state)
{
	struct config	 c;
	char		*cause = NULL;

	(void)state;
	config_init(&c);
	assert_int_equal(config_load_default(&c, "missing.conf", &cause),
	    -ENOENT);
	assert_string_equal(cause, "missing.conf: No such file or directory");
	free(cause);
	config_free(&c);
}

static void
test_config_default_system_error_stops(void **state)
{
	struct config	 c;
	char		*cause = NULL;

	(void)state;
	test_config_write("system.conf", "[ui]\ncolor = blue\n");
	test_config_write("home/.config/moot/moot.conf",
	    "[ui]\ncolor = always\n");
	config_init(&c);
	assert_int_equal(config_load_default(&c, NULL, &cause), -EINVAL);
	assert_string_equal(cause, "system.conf:2: [ui] color: \"blue\" is not "
	    "one of auto, always, never");
	assert_string_equal(c.color, "auto");
	free(cause);
	config_free(&c);
}

static void
test_config_system_path(void **state)
{
	(void)state;
	setenv("MOOT_SYSTEM_CONFIG", "/srv/moot.conf", 1);
	assert_string_equal(config_system_path(), "/srv/moot.conf");
	unsetenv("MOOT_SYSTEM_CONFIG");
	assert_string_equal(config_system_path(), CONFIG_SYSTEM_PATH);
}

/* The file below the source tree. Caller frees. */
static char *
test_config_source(const char *name)
{
	char	*path;

	path = xasprintf("%s/%s", test_config_srcdir, name);
	if (access(path, R_OK) != 0)
		fail_msg("%s: %s (set srcdir to the source tree)", path,
		    strerror(errno));
	return (path);
}

static void
test_config_example_lists_every_key(void **state)
{
	const struct config_key	*keys;
	struct config		 c, d;
	struct buf		 uncommented;
	char			*path, *text, *line, *next, *section, *want;
	char			*one, *two;
	size_t			 n, i;

	(void)state;
	path = test_config_source("contrib/moot.conf");
	text = test_config_read(path);
	keys = config_table(&n);
	for (i = 0; i < n; i++) {
		section = xasprintf("\n[%s]\n", keys[i].section);
		want = xasprintf("\n#%s =", keys[i].name);
		line = strstr(text, section);
		if (line == NULL || strstr(line, want) == NULL)
			fail_msg("%s: no \"#%s =\" under [%s]", path,
			    keys[i].name, keys[i].section);
		next = strstr(line + 1, "\n[");
		if (next != NULL && strstr(line, want) > next)
			fail_msg("%s: \"#%s =\" not under [%s]", path,
			    keys[i].name, keys[i].section);
		free(section);
		free(want);
	}

	/* Uncommented, the example sets every key to its default. */
	buf_init(&uncommented);
	for (line = text; *line != '\0'; line = next) {
		next = strchr(line, '\n');
		next = next != NULL ? next + 1 : line + strlen(line);
		if (line[0] == '#' && line[1] >= 'a' && line[1] <= 'z')
			line++;
		buf_add(&uncommented, line, next - line);
	}
	test_config_write("example.conf", uncommented.data);
	config_init(&c);
	config_init(&d);
	c.rate = 1;
	assert_int_equal(config_load(&c, "example.conf", true, NULL), 0);
	one = test_config_dump(&c);
	two = test_config_dump(&d);
	assert_string_equal(one, two);

	free(one);
	free(two);
	config_free(&c);
	config_free(&d);
	buf_free(&uncommented);
	free(text);
	free(path);
}

static void
test_config_manual_lists_every_key(void **state)
{
	const struct config_key	*keys;
	char			*path, *text, *want;
	size_t			 n, i;

	(void)state;
	path = test_config_source("man/moot.conf.5");
	text = test_config_read(path);
	keys = config_table(&n);
	for (i = 0; i < n; i++) {
		want = xasprintf("\n.SS [%s]\n", keys[i].section);
		if (strstr(text, want) == NULL)
			fail_msg("%s: no section [%s]", path, keys[i].section);
		free(want);
		want = xasprintf("\n.B %s\n", keys[i].name);
		if (strstr(strstr(text, "\n.SS ["), want) == NULL)
			fail_msg("%s: no key %s", path, keys[i].name);
		free(want);
	}
	free(text);
	free(path);
}

/* Replace every from in s by to, in place; to is not longer. */
static void
test_config_replace(char *s, const char *from, const char *to)
{
	char	*p;

	while ((p = strstr(s, from)) != NULL) {
		memcpy(p, to, strlen(to));
		memmove(p + strlen(to), p + strlen(from),
		    strlen(p + strlen(from)) + 1);
	}
}

static void
test_config_manual_examples_load(void **state)
{
	struct config	 c;
	char		*path, *text, *start, *end, *cause;
	int		 examples;

	(void)state;
	path = test_config_source("man/moot.conf.5");
	text = test_config_read(path);
	start = strstr(text, "\n.SH EXAMPLES\n");
	assert_non_null(start);
	end = strstr(start, "\n.SH SEE ALSO\n");
	assert_non_null(end);
	end[1] = '\0';
	test_config_replace(start, "\\(aq", "'");
	test_config_replace(start, "\\-", "-");

	examples = 0;
	while ((start = strstr(start, "\n.EX\n")) != NULL) {
		start += 5;
		end = strstr(start, "\n.EE\n");
		assert_non_null(end);
		end[1] = '\0';
		test_config_write("example.conf", start);
		config_init(&c);
		cause = NULL;
		if (config_load(&c, "example.conf", true, &cause) != 0)
			fail_msg("example %d: %s", examples + 1, cause);
		config_free(&c);
		examples++;
		start = end + 2;
	}
	assert_int_equal(examples, 3);
	free(text);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, test_config_setup, \
	    test_config_teardown)
		T(test_config_defaults),
		T(test_config_dump_defaults),
		T(test_config_dump_round_trip),
		T(test_config_string_accepted),
		T(test_config_string_empty_rejected),
		T(test_config_string_too_long_rejected),
		T(test_config_string_control_rejected),
		T(test_config_path_accepted),
		T(test_config_path_relative_rejected),
		T(test_config_path_socket_too_long_rejected),
		T(test_config_bool_accepted),
		T(test_config_bool_rejected),
		T(test_config_integer_accepted),
		T(test_config_integer_rejected),
		T(test_config_size_accepted),
		T(test_config_size_rejected),
		T(test_config_size_out_of_range),
		T(test_config_duration_accepted),
		T(test_config_duration_rejected),
		T(test_config_duration_out_of_range),
		T(test_config_enum_accepted),
		T(test_config_enum_rejected_in_home),
		T(test_config_membership_accepted),
		T(test_config_membership_rejected),
		T(test_config_unknown_key),
		T(test_config_unknown_key_escaped),
		T(test_config_unknown_section),
		T(test_config_key_outside_section),
		T(test_config_key_outside_section_ambiguous),
		T(test_config_empty_section_name),
		T(test_config_syntax_error),
		T(test_config_syntax_error_unclosed_section),
		T(test_config_syntax_error_after_continuation),
		T(test_config_continuation_line_numbers),
		T(test_config_continuation_at_end),
		T(test_config_line_too_long),
		T(test_config_long_value_quoted_short),
		T(test_config_long_value_cut_between_characters),
		T(test_config_first_error_in_file_order),
		T(test_config_case_insensitive_names),
		T(test_config_duplicate_key_last_wins),
		T(test_config_duplicate_key_error_at_last),
		T(test_config_bad_file_changes_nothing),
		T(test_config_later_file_overrides_key_by_key),
		T(test_config_missing_file_ignored),
		T(test_config_dev_null_is_empty),
		T(test_config_missing_file_required),
		T(test_config_directory_rejected),
		T(test_config_unreadable_rejected),
		T(test_config_default_order),
		T(test_config_default_home_without_xdg),
		T(test_config_default_relative_xdg_ignored),
		T(test_config_default_explicit_replaces_personal),
		T(test_config_default_explicit_must_exist),
		T(test_config_default_system_error_stops),
		T(test_config_system_path),
		T(test_config_example_lists_every_key),
		T(test_config_manual_lists_every_key),
		T(test_config_manual_examples_load),
#undef T
	};
	const char	*srcdir;

	if (getcwd(test_config_cwd, sizeof test_config_cwd) == NULL)
		return (1);
	srcdir = getenv("srcdir");
	if (srcdir == NULL)
		srcdir = ".";
	if (realpath(srcdir, test_config_srcdir) == NULL) {
		fprintf(stderr, "%s: %s\n", srcdir, strerror(errno));
		return (1);
	}
	return (cmocka_run_group_tests(tests, NULL, NULL));
}
