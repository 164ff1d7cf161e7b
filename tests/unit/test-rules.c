/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Tests of rules.c (moot-rules(5)): that contrib/rules.ini is the
 * built-in set, that the built-in set applies and fills in every key,
 * every rule key's accepted and refused values with the message a person
 * sees (the key and what would be valid), rules files' errors naming
 * file, line, section and key, and rules_change_apply() merging a change
 * into the current set: removals, governance keys, and the references
 * that [governance] must keep. Files are written to a fresh mkdtemp(3)
 * directory per test; HOME points inside it, away from the files, so
 * paths in messages are shown in full. Leaks are found by building with
 * -fsanitize=address.
 */
#include <sys/stat.h>

#include <errno.h>
#include <ftw.h>
#include <limits.h>
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

#include "moot/config.h"
#include "moot/rules.h"
#include "moot/util.h"

#ifndef CONTRIB_DIR
#define CONTRIB_DIR "contrib"
#endif
#define TEST_RULES_MANUAL CONTRIB_DIR "/../man/moot-rules.5"

/* The directory of the current test. */
static char	test_rules_dir[PATH_MAX];

static int
test_rules_setup(void **state)
{
	char	*home;

	(void)state;
	snprintf(test_rules_dir, sizeof test_rules_dir,
	    "%s/moot-test-rules.XXXXXX",
	    getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(test_rules_dir) == NULL)
		return (-1);
	home = xasprintf("%s/home", test_rules_dir);
	mkdir(home, 0700);
	setenv("HOME", home, 1);
	free(home);
	return (0);
}

static int
test_rules_remove_cb(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return (remove(path));
}

static int
test_rules_teardown(void **state)
{
	(void)state;
	return (nftw(test_rules_dir, test_rules_remove_cb, 16,
	    FTW_DEPTH | FTW_PHYS));
}

/* Fail unless s starts with prefix, showing both. */
static void
test_rules_assert_prefix(const char *s, const char *prefix)
{
	if (s == NULL)
		fail_msg("no message; expected one starting with \"%s\"",
		    prefix);
	if (strncmp(s, prefix, strlen(prefix)) != 0)
		fail_msg("\"%s\" does not start with \"%s\"", s, prefix);
}

/* Fail unless s contains part, showing both. */
static void
test_rules_assert_contains(const char *s, const char *part)
{
	if (s == NULL)
		fail_msg("no message; expected one containing \"%s\"", part);
	if (strstr(s, part) == NULL)
		fail_msg("\"%s\" does not contain \"%s\"", s, part);
}

/* A JSON object from text. Caller decrefs. */
static json_t *
test_rules_json(const char *text)
{
	json_error_t	 e;
	json_t		*j;

	j = json_loads(text, 0, &e);
	if (j == NULL)
		fail_msg("bad test JSON %s: %s", text, e.text);
	return (j);
}

/* The text of key in obj, failing if it is not there. */
static const char *
test_rules_text(const json_t *obj, const char *key)
{
	json_t	*v;

	v = json_object_get(obj, key);
	if (v == NULL || !json_is_string(v))
		fail_msg("no text for key %s", key);
	return (json_string_value(v));
}

/*
 * Read rule "t" of method plus key = value; expect it accepted and key
 * to read back as want.
 */
static void
test_rules_key_ok(const char *method, const char *key, const char *value,
    const char *want)
{
	struct rule	 r;
	json_t		*obj, *back;
	char		*cause = NULL;
	int		 error;

	obj = json_pack("{s:s}", "method", method);
	json_object_set_new(obj, key, json_string(value));
	error = rule_parse_json("t", obj, &r, &cause);
	if (error != 0)
		fail_msg("%s = %s (method %s): %d: %s", key, value, method,
		    error, cause);
	assert_null(cause);
	back = rule_to_json(&r);
	if (strcmp(test_rules_text(back, key), want) != 0)
		fail_msg("%s = %s reads back as %s, expected %s", key, value,
		    test_rules_text(back, key), want);
	json_decref(back);
	json_decref(obj);
	rule_free(&r);
}

/*
 * Read rule "t" of method plus key = value (and an optional second key
 * and value); expect -EINVAL with a message "rule t: KEY: ..." holding
 * each of the NULL-terminated parts.
 */
static void
test_rules_key_bad(const char *method, const char *key, const char *value,
    const char *key2, const char *value2, ...)
{
	struct rule	 r;
	json_t		*obj;
	va_list		 ap;
	const char	*part;
	char		*cause = NULL, *prefix;

	obj = json_pack("{s:s}", "method", method);
	json_object_set_new(obj, key, json_string(value));
	if (key2 != NULL)
		json_object_set_new(obj, key2, json_string(value2));
	assert_int_equal(rule_parse_json("t", obj, &r, &cause), -EINVAL);
	prefix = xasprintf("rule t: %s: ", key);
	test_rules_assert_prefix(cause, prefix);
	free(prefix);
	va_start(ap, value2);
	while ((part = va_arg(ap, const char *)) != NULL)
		test_rules_assert_contains(cause, part);
	va_end(ap);
	free(cause);
	json_decref(obj);
}

/* Write text to name in the test directory. Caller frees the path. */
static char *
test_rules_write(const char *name, const char *text)
{
	char	*path;
	FILE	*f;

	path = xasprintf("%s/%s", test_rules_dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
	return (path);
}

/*
 * Load text as a rules file and expect -EINVAL with a message that
 * starts "PATH:LINE: rest" (line 0: "PATH: rest"), PATH as messages
 * show it.
 */
static void
test_rules_file_bad(const char *text, bool need_governance, int line,
    const char *rest)
{
	json_t	*out = (json_t *)1;
	char	*path, *display, *want, *cause = NULL;

	path = test_rules_write("bad.ini", text);
	display = config_display_path(path);
	if (line > 0)
		want = xasprintf("%s:%d: %s", display, line, rest);
	else
		want = xasprintf("%s: %s", display, rest);
	assert_int_equal(rules_file_load(path, need_governance, &out, &cause),
	    -EINVAL);
	assert_null(out);
	test_rules_assert_prefix(cause, want);
	free(cause);
	free(want);
	free(display);
	free(path);
}

/* The built-in set applied to an empty community. Caller decrefs. */
static json_t *
test_rules_builtin_applied(void)
{
	json_t	*builtin, *out;
	char	*cause = NULL;
	int	 error;

	builtin = rules_builtin();
	error = rules_change_apply(builtin, NULL, NULL, &out, &cause);
	if (error != 0)
		fail_msg("the built-in set does not apply: %d: %s", error,
		    cause);
	json_decref(builtin);
	return (out);
}

static void
test_rules_contrib_equals_builtin(void **state)
{
	json_t	*file, *builtin;
	char	*cause = NULL, *s;
	int	 error;

	(void)state;
	error = rules_file_load(CONTRIB_DIR "/rules.ini", true, &file, &cause);
	if (error != 0)
		fail_msg("%s/rules.ini: %d: %s", CONTRIB_DIR, error, cause);
	builtin = rules_builtin();
	if (!json_equal(file, builtin)) {
		s = json_dumps(file, JSON_SORT_KEYS);
		fail_msg("contrib/rules.ini differs from the built-in set: %s",
		    s);
	}
	json_decref(builtin);
	json_decref(file);
}

static void
test_rules_builtin_applies(void **state)
{
	const struct config_key	*keys;
	json_t			*out, *rules, *rule;
	const char		*name;
	size_t			 nkeys, i, nrules = 0;

	(void)state;
	out = test_rules_builtin_applied();
	rules = json_object_get(out, "rules");
	assert_non_null(rules);
	keys = rules_table(&nkeys);
	json_object_foreach(rules, name, rule) {
		assert_true(json_is_object(rule));
		for (i = 0; i < nkeys; i++) {
			if (json_object_get(rule, keys[i].name) == NULL)
				fail_msg("rule %s lacks key %s", name,
				    keys[i].name);
		}
		assert_int_equal(json_object_size(rule), nkeys);
		nrules++;
	}
	assert_int_equal(nrules, 6);
	assert_string_equal(test_rules_text(json_object_get(rules, "lazy"),
	    "max_duration"), "3d");
	assert_string_equal(test_rules_text(json_object_get(rules, "lazy"),
	    "duration"), "3d");
	assert_string_equal(test_rules_text(json_object_get(rules, "poll"),
	    "quorum"), "none");
	assert_string_equal(test_rules_text(json_object_get(out,
	    "governance"), "motions"), "majority");
	assert_string_equal(test_rules_text(json_object_get(rules,
	    "majority"), "max_duration"), "14d");
	json_decref(out);
}

static void
test_rules_key_description(void **state)
{
	char	long_text[202];

	(void)state;
	test_rules_key_ok("yesno", "description", "For motions",
	    "For motions");
	memset(long_text, 'x', sizeof long_text - 1);
	long_text[sizeof long_text - 1] = '\0';
	test_rules_key_bad("yesno", "description", long_text, NULL, NULL,
	    "more than 200", NULL);
}

static void
test_rules_key_method(void **state)
{
	(void)state;
	test_rules_key_ok("Schulze", "method", "Schulze", "schulze");
	test_rules_key_bad("majority-vote", "method", "majority-vote", NULL,
	    NULL, "\"majority-vote\"", "yesno, consent, consensus, approval, "
	    "plurality, score, dot, schulze, irv, stv", NULL);
}

static void
test_rules_key_method_required(void **state)
{
	struct rule	 r;
	json_t		*obj;
	char		*cause = NULL;

	(void)state;
	obj = test_rules_json("{\"quorum\": \"30%\"}");
	assert_int_equal(rule_parse_json("t", obj, &r, &cause), -EINVAL);
	test_rules_assert_prefix(cause, "rule t: method is required (yesno");
	free(cause);
	json_decref(obj);
}

static void
test_rules_key_quorum(void **state)
{
	(void)state;
	test_rules_key_ok("yesno", "quorum", "30%", "30%");
	test_rules_key_ok("yesno", "quorum", "1/3", "1/3");
	test_rules_key_ok("yesno", "quorum", "12", "12");
	test_rules_key_ok("yesno", "quorum", "none", "none");
	test_rules_key_bad("yesno", "quorum", "lots", NULL, NULL, "lots",
	    "30%", "1/3", "none", NULL);
}

static void
test_rules_key_threshold(void **state)
{
	(void)state;
	test_rules_key_ok("yesno", "threshold", ">=2/3", ">=2/3");
	test_rules_key_ok("yesno", "threshold", "3:1", "3:1");
	test_rules_key_ok("consensus", "threshold", "60%", "60%");
	test_rules_key_bad("yesno", "threshold", ">2", NULL, NULL, ">2",
	    "is not a threshold", ">1/2", ">=2/3", "3:1", NULL);
	test_rules_key_bad("yesno", "threshold", "abc", NULL, NULL, "abc",
	    "is not a threshold", ">1/2", NULL);
	test_rules_key_bad("approval", "threshold", ">1/2", NULL, NULL,
	    "approval has no threshold", "yesno, consensus and schulze",
	    NULL);
}

/* A schulze threshold is measured against the default option. */
static void
test_rules_key_threshold_schulze(void **state)
{
	struct rule	 r;
	json_t		*obj, *back;
	char		*cause = NULL;

	(void)state;
	obj = test_rules_json("{\"method\": \"schulze\", \"threshold\": "
	    "\"3:1\", \"default_option\": \"Further discussion\"}");
	if (rule_parse_json("t", obj, &r, &cause) != 0)
		fail_msg("%s", cause);
	back = rule_to_json(&r);
	assert_string_equal(test_rules_text(back, "threshold"), "3:1");
	json_decref(back);
	json_decref(obj);
	rule_free(&r);

	test_rules_key_bad("schulze", "threshold", "3:1", NULL, NULL,
	    "default option", NULL);
}

static void
test_rules_key_eligible(void **state)
{
	(void)state;
	test_rules_key_ok("yesno", "eligible", "Moderator", "moderator");
	test_rules_key_bad("yesno", "eligible", "admin", NULL, NULL,
	    "\"admin\"", "observer, member, moderator, leader", NULL);
}

static void
test_rules_key_discussion(void **state)
{
	(void)state;
	test_rules_key_ok("yesno", "discussion", "48h", "2d");
	test_rules_key_ok("yesno", "discussion", "0", "0");
	test_rules_key_ok("yesno", "discussion", "1h30m", "90m");
	test_rules_key_bad("yesno", "discussion", "-1", NULL, NULL,
	    "\"-1\" is not a duration", "12h", "7d", NULL);
}

static void
test_rules_key_duration(void **state)
{
	(void)state;
	test_rules_key_ok("yesno", "duration", "36h", "36h");
	test_rules_key_ok("yesno", "duration", "60", "1m");
	test_rules_key_bad("yesno", "duration", "0", NULL, NULL,
	    "\"0\" is out of range (1m to", NULL);
	test_rules_key_bad("yesno", "duration", "59s", NULL, NULL,
	    "out of range (1m to", NULL);
	test_rules_key_ok("yesno", "duration", "168h", "7d");
}

static void
test_rules_key_max_duration(void **state)
{
	struct rule	 r;
	json_t		*obj, *back;
	char		*cause = NULL;

	(void)state;
	test_rules_key_ok("yesno", "max_duration", "10d", "10d");

	/* 0 runs for the duration. */
	obj = test_rules_json("{\"method\": \"yesno\", \"duration\": \"3d\", "
	    "\"max_duration\": \"0\"}");
	assert_int_equal(rule_parse_json("t", obj, &r, &cause), 0);
	back = rule_to_json(&r);
	assert_string_equal(test_rules_text(back, "max_duration"), "3d");
	json_decref(back);
	json_decref(obj);
	rule_free(&r);

	test_rules_key_bad("yesno", "max_duration", "3d", "duration", "4d",
	    "shorter than duration", "or 0", NULL);
}

static void
test_rules_key_early_close(void **state)
{
	(void)state;
	test_rules_key_ok("yesno", "early_close", "on", "yes");
	test_rules_key_ok("yesno", "early_close", "FALSE", "no");
	test_rules_key_bad("yesno", "early_close", "maybe", NULL, NULL,
	    "\"maybe\" is not a boolean", "yes, no", NULL);
}

static void
test_rules_key_changeable(void **state)
{
	(void)state;
	test_rules_key_ok("yesno", "changeable", "off", "no");
	test_rules_key_ok("yesno", "changeable", "1", "yes");
	test_rules_key_bad("yesno", "changeable", "sometimes", NULL, NULL,
	    "\"sometimes\" is not a boolean", "yes, no", NULL);
}

static void
test_rules_key_results(void **state)
{
	struct rule	 r;
	json_t		*obj;
	char		*cause = NULL;

	(void)state;
	test_rules_key_ok("yesno", "results", "After-Close", "after-close");
	test_rules_key_bad("yesno", "results", "never", NULL, NULL,
	    "\"never\"", "live, after-vote, after-close", NULL);

	obj = test_rules_json("{\"method\": \"yesno\", "
	    "\"results\": \"after-vote\"}");
	assert_int_equal(rule_parse_json("t", obj, &r, &cause), 0);
	assert_int_equal(r.results, RULE_RESULTS_AFTER_VOTE);
	json_decref(obj);
	rule_free(&r);
}

static void
test_rules_key_veto(void **state)
{
	struct rule	 r;
	json_t		*obj;
	char		*cause = NULL;

	(void)state;
	test_rules_key_ok("yesno", "veto", "leader", "leader");
	test_rules_key_bad("yesno", "veto", "everyone", NULL, NULL,
	    "\"everyone\"", "none, leader", NULL);

	obj = test_rules_json("{\"method\": \"yesno\", \"veto\": \"leader\"}");
	assert_int_equal(rule_parse_json("t", obj, &r, &cause), 0);
	assert_true(r.leader_veto);
	json_decref(obj);
	rule_free(&r);
}

static void
test_rules_key_default_option(void **state)
{
	(void)state;
	test_rules_key_ok("schulze", "default_option", "None of the above",
	    "None of the above");
	test_rules_key_bad("yesno", "default_option", "Keep it", NULL, NULL,
	    "only schulze has a default option", NULL);
}

/*
 * Only schulze counts a default option (tally.c refuses it for irv and
 * stv); the refusal must name the key and the method that has one.
 */
static void
test_rules_key_default_option_schulze_only(void **state)
{
	(void)state;
	test_rules_key_bad("irv", "default_option", "Keep it", NULL, NULL,
	    "schulze", NULL);
	test_rules_key_bad("stv", "default_option", "Keep it", NULL, NULL,
	    "schulze", NULL);
}

static void
test_rules_key_seats(void **state)
{
	(void)state;
	test_rules_key_ok("stv", "seats", "3", "3");
	test_rules_key_ok("approval", "seats", "2", "2");
	test_rules_key_bad("stv", "seats", "0", NULL, NULL,
	    "\"0\" is out of range (1 to 100)", NULL);
	test_rules_key_bad("irv", "seats", "2", NULL, NULL,
	    "irv elects one", "stv", NULL);
}

static void
test_rules_key_ties(void **state)
{
	(void)state;
	test_rules_key_ok("plurality", "ties", "report", "report");
	test_rules_key_bad("plurality", "ties", "coin", NULL, NULL,
	    "\"coin\"", "break, report", NULL);
}

static void
test_rules_key_score_max(void **state)
{
	(void)state;
	test_rules_key_ok("score", "score_max", "5", "5");
	test_rules_key_bad("score", "score_max", "0", NULL, NULL,
	    "\"0\" is out of range (1 to 100)", NULL);
}

static void
test_rules_key_budget(void **state)
{
	(void)state;
	test_rules_key_ok("dot", "budget", "20", "20");
	test_rules_key_bad("dot", "budget", "0", NULL, NULL,
	    "\"0\" is out of range (1 to 1000)", NULL);
}

static void
test_rules_key_unknown(void **state)
{
	(void)state;
	test_rules_key_bad("yesno", "colour", "blue", NULL, NULL,
	    "unknown key", "description, method, quorum", "budget", NULL);
}

static void
test_rules_key_not_text(void **state)
{
	struct rule	 r;
	json_t		*obj;
	char		*cause = NULL;

	(void)state;
	obj = test_rules_json("{\"method\": \"stv\", \"seats\": 3}");
	assert_int_equal(rule_parse_json("t", obj, &r, &cause), -EINVAL);
	test_rules_assert_prefix(cause, "rule t: seats must be text");
	free(cause);
	json_decref(obj);
}

static void
test_rules_name_valid(void **state)
{
	(void)state;
	assert_true(rule_name_valid("a"));
	assert_true(rule_name_valid("big-rule_2"));
	assert_true(rule_name_valid("abcdefghijklmnopqrstuvwxyz012345"));
	assert_false(rule_name_valid("abcdefghijklmnopqrstuvwxyz0123456"));
	assert_false(rule_name_valid(""));
	assert_false(rule_name_valid("Big"));
	assert_false(rule_name_valid("big rule"));
	assert_false(rule_name_valid("governance"));
}

static void
test_rules_governance_parse(void **state)
{
	struct governance	 g;
	json_t			*obj, *back;
	char			*cause = NULL;

	(void)state;
	obj = test_rules_json("{\"motions\": \"m\", \"amendments\": \"c\", "
	    "\"leaders_change_rules\": \"on\"}");
	assert_int_equal(governance_parse_json(obj, &g, &cause), 0);
	assert_string_equal(g.motions, "m");
	assert_string_equal(g.appeals, "leaders");
	assert_true(g.leaders_change_rules);
	assert_true(g.leaders_change_roles);
	back = governance_to_json(&g);
	assert_string_equal(test_rules_text(back, "leaders_change_rules"),
	    "yes");
	assert_string_equal(test_rules_text(back, "polls"), "");
	json_decref(back);
	json_decref(obj);
	governance_free(&g);

	obj = test_rules_json("{\"leaders_change_roles\": \"perhaps\"}");
	assert_int_equal(governance_parse_json(obj, &g, &cause), -EINVAL);
	test_rules_assert_prefix(cause, "governance: leaders_change_roles: "
	    "\"perhaps\" is not a boolean");
	free(cause);
	cause = NULL;
	json_decref(obj);

	obj = test_rules_json("{\"chair\": \"bob\"}");
	assert_int_equal(governance_parse_json(obj, &g, &cause), -EINVAL);
	test_rules_assert_prefix(cause, "governance: chair: unknown key");
	test_rules_assert_contains(cause, "motions, polls, elections");
	free(cause);
	json_decref(obj);
}

static void
test_rules_file_loads(void **state)
{
	json_t	*out, *want;
	char	*path, *cause = NULL;

	(void)state;
	path = test_rules_write("ok.ini",
	    "# a comment\n"
	    "[governance]\n"
	    "motions = quick\n"
	    "amendments = quick\n"
	    "\n"
	    "[Quick]\n"
	    "method = yesno\n"
	    "duration = 90m\n"
	    "description = \"Quick; with # inside\"\n");
	if (rules_file_load(path, true, &out, &cause) != 0)
		fail_msg("%s", cause);
	want = test_rules_json("{\"rules\": {\"quick\": {\"method\": "
	    "\"yesno\", \"duration\": \"90m\", \"description\": "
	    "\"Quick; with # inside\"}}, \"governance\": {\"motions\": "
	    "\"quick\", \"amendments\": \"quick\"}}");
	assert_true(json_equal(out, want));
	json_decref(want);
	json_decref(out);
	free(path);
}

static void
test_rules_file_without_governance(void **state)
{
	json_t	*out;
	char	*path, *cause = NULL;

	(void)state;
	path = test_rules_write("change.ini", "[a]\nmethod = yesno\n");
	assert_int_equal(rules_file_load(path, false, &out, &cause), 0);
	assert_null(json_object_get(out, "governance"));
	assert_non_null(json_object_get(json_object_get(out, "rules"), "a"));
	json_decref(out);
	free(path);

	test_rules_file_bad("[a]\nmethod = yesno\n", true, 0,
	    "there is no [governance] section");
}

static void
test_rules_file_bad_value_line(void **state)
{
	(void)state;
	test_rules_file_bad(
	    "[governance]\n"
	    "motions = majority\n"
	    "amendments = majority\n"
	    "[majority]\n"
	    "quorum = lots\n"
	    "method = yesno\n", true, 5, "[majority] quorum: 'lots' is not a "
	    "quorum");
	test_rules_file_bad(
	    "[a]\n"
	    "method = yesno\n"
	    "\n"
	    "early_close = maybe\n", false, 4, "[a] early_close: \"maybe\" is "
	    "not a boolean");
	test_rules_file_bad(
	    "[a]\n"
	    "method = irv\n"
	    "seats = 2\n", false, 3, "[a] seats: irv elects one");
	test_rules_file_bad(
	    "[a]\n"
	    "method = yesno\n"
	    "colour = blue\n", false, 3, "[a] colour: unknown key");
}

static void
test_rules_file_key_twice(void **state)
{
	(void)state;
	test_rules_file_bad(
	    "[a]\n"
	    "method = yesno\n"
	    "quorum = 10%\n"
	    "method = consent\n", false, 4, "[a] method: already set on "
	    "line 2");
}

static void
test_rules_file_section_twice(void **state)
{
	(void)state;
	test_rules_file_bad(
	    "[a]\n"
	    "method = yesno\n"
	    "[b]\n"
	    "method = yesno\n"
	    "[a]\n"
	    "quorum = 10%\n", false, 5, "[a]: the section is already on "
	    "line 1");
}

static void
test_rules_file_key_outside_section(void **state)
{
	(void)state;
	test_rules_file_bad(
	    "method = yesno\n"
	    "[a]\n"
	    "method = yesno\n", false, 1, "method: key outside any section");
}

static void
test_rules_file_method_required(void **state)
{
	(void)state;
	test_rules_file_bad(
	    "[a]\n"
	    "method = yesno\n"
	    "[b]\n"
	    "quorum = 30%\n", false, 3, "[b]: method is required");
}

static void
test_rules_file_bad_section_name(void **state)
{
	(void)state;
	test_rules_file_bad(
	    "[a]\n"
	    "method = yesno\n"
	    "[Big Rule]\n"
	    "method = yesno\n", false, 3, "[big rule]: not a rule name");
}

static void
test_rules_file_governance_names_missing_rule(void **state)
{
	json_t	*change = NULL;
	char	*path, *cause = NULL, *display, *prefix;

	(void)state;
	path = test_rules_write("init.ini",
	    "[governance]\n"
	    "motions = a\n"
	    "amendments = nosuch\n"
	    "[a]\n"
	    "method = yesno\n");
	/* moot init's load checks the file's own references, with line. */
	assert_int_equal(rules_file_load(path, true, &change, &cause),
	    -EINVAL);
	assert_null(change);
	display = config_display_path(path);
	prefix = xasprintf("%s:3: [governance] amendments: there is no rule "
	    "nosuch (the rules are: a)", display);
	test_rules_assert_prefix(cause, prefix);
	free(prefix);
	free(display);
	free(cause);
	cause = NULL;
	/* A change (not init) is checked against the current set later. */
	assert_int_equal(rules_file_load(path, false, &change, &cause), 0);
	json_decref(change);
	free(path);
}

static void
test_rules_file_governance_bad_value(void **state)
{
	(void)state;
	test_rules_file_bad(
	    "[a]\n"
	    "method = yesno\n"
	    "[governance]\n"
	    "motions = a\n"
	    "amendments = a\n"
	    "leaders_change_rules = perhaps\n", true, 6,
	    "[governance] leaders_change_rules: \"perhaps\" is not a boolean");
	test_rules_file_bad(
	    "[governance]\n"
	    "motions = a\n"
	    "chair = bob\n"
	    "[a]\n"
	    "method = yesno\n", true, 3, "[governance] chair: unknown key");
}

static void
test_rules_file_syntax_error(void **state)
{
	(void)state;
	test_rules_file_bad(
	    "[a]\n"
	    "method = yesno\n"
	    "this line has no equals sign\n", false, 3, "syntax error: "
	    "\"this line has no equals sign\" is neither [section] nor "
	    "key = value");
}

static void
test_rules_file_missing(void **state)
{
	json_t	*out = (json_t *)1;
	char	*path, *cause = NULL;

	(void)state;
	path = xasprintf("%s/none.ini", test_rules_dir);
	assert_int_equal(rules_file_load(path, true, &out, &cause), -ENOENT);
	assert_null(out);
	test_rules_assert_prefix(cause, path);
	free(cause);
	free(path);
}

/* Apply change (JSON text) to the applied built-in set. */
static int
test_rules_apply(const char *text, json_t **out, char **cause)
{
	json_t	*current, *change;
	int	 error;

	current = test_rules_builtin_applied();
	change = test_rules_json(text);
	error = rules_change_apply(change, json_object_get(current, "rules"),
	    json_object_get(current, "governance"), out, cause);
	json_decref(change);
	json_decref(current);
	return (error);
}

static void
test_rules_apply_adds_rule(void **state)
{
	const struct config_key	*keys;
	json_t			*out, *rule;
	char			*cause = NULL;
	size_t			 nkeys;

	(void)state;
	assert_int_equal(test_rules_apply("{\"rules\": {\"quick\": "
	    "{\"method\": \"yesno\", \"duration\": \"36h\", "
	    "\"early_close\": \"on\"}}}", &out, &cause), 0);
	rule = json_object_get(json_object_get(out, "rules"), "quick");
	assert_non_null(rule);
	keys = rules_table(&nkeys);
	(void)keys;
	assert_int_equal(json_object_size(rule), nkeys);
	assert_string_equal(test_rules_text(rule, "early_close"), "yes");
	assert_string_equal(test_rules_text(rule, "max_duration"), "36h");
	assert_string_equal(test_rules_text(rule, "quorum"), "none");
	assert_int_equal(json_object_size(json_object_get(out, "rules")), 1);
	json_decref(out);
}

static void
test_rules_apply_removes_rule(void **state)
{
	json_t	*out, *rules;
	char	*cause = NULL;

	(void)state;
	assert_int_equal(test_rules_apply("{\"rules\": {\"lazy\": null}}",
	    &out, &cause), 0);
	rules = json_object_get(out, "rules");
	assert_int_equal(json_object_size(rules), 1);
	assert_true(json_is_null(json_object_get(rules, "lazy")));
	assert_string_equal(test_rules_text(json_object_get(out,
	    "governance"), "motions"), "majority");
	json_decref(out);
}

static void
test_rules_apply_remove_named_rule_refused(void **state)
{
	json_t	*out = (json_t *)1;
	char	*cause = NULL;

	(void)state;
	assert_int_equal(test_rules_apply("{\"rules\": {\"constitution\": "
	    "null}}", &out, &cause), -EINVAL);
	assert_null(out);
	test_rules_assert_prefix(cause, "governance: amendments: there is no "
	    "rule constitution");
	free(cause);
}

static void
test_rules_apply_remove_missing(void **state)
{
	json_t	*out = (json_t *)1;
	char	*cause = NULL;

	(void)state;
	assert_int_equal(test_rules_apply("{\"rules\": {\"nosuch\": null}}",
	    &out, &cause), -ENOENT);
	assert_null(out);
	test_rules_assert_prefix(cause, "there is no rule nosuch to remove");
	free(cause);
}

static void
test_rules_apply_governance_merges(void **state)
{
	json_t	*out, *gov;
	char	*cause = NULL;

	(void)state;
	assert_int_equal(test_rules_apply("{\"governance\": "
	    "{\"leaders_change_rules\": \"on\", \"polls\": \"lazy\"}}",
	    &out, &cause), 0);
	assert_int_equal(json_object_size(json_object_get(out, "rules")), 0);
	gov = json_object_get(out, "governance");
	assert_string_equal(test_rules_text(gov, "leaders_change_rules"),
	    "yes");
	assert_string_equal(test_rules_text(gov, "polls"), "lazy");
	assert_string_equal(test_rules_text(gov, "motions"), "majority");
	assert_string_equal(test_rules_text(gov, "elections"), "election");
	assert_string_equal(test_rules_text(gov, "amendments"),
	    "constitution");
	assert_string_equal(test_rules_text(gov, "leaders_change_roles"),
	    "yes");
	json_decref(out);
}

static void
test_rules_apply_governance_bad_reference(void **state)
{
	json_t	*out = (json_t *)1;
	char	*cause = NULL;

	(void)state;
	assert_int_equal(test_rules_apply("{\"governance\": "
	    "{\"elections\": \"nosuch\"}}", &out, &cause), -EINVAL);
	assert_null(out);
	test_rules_assert_prefix(cause, "governance: elections: there is no "
	    "rule nosuch (the rules are: ");
	test_rules_assert_contains(cause, "majority");
	free(cause);
}

static void
test_rules_apply_empty_refused(void **state)
{
	json_t	*out = (json_t *)1;
	char	*cause = NULL;

	(void)state;
	assert_int_equal(test_rules_apply("{}", &out, &cause), -EINVAL);
	assert_null(out);
	test_rules_assert_prefix(cause, "the change changes nothing");
	free(cause);
	cause = NULL;
	assert_int_equal(test_rules_apply("{\"rules\": {}}", &out, &cause),
	    -EINVAL);
	test_rules_assert_prefix(cause, "the change changes nothing");
	free(cause);
}

static void
test_rules_apply_bad_name_refused(void **state)
{
	json_t	*out = (json_t *)1;
	char	*cause = NULL;

	(void)state;
	assert_int_equal(test_rules_apply("{\"rules\": {\"Big Rule\": "
	    "{\"method\": \"yesno\"}}}", &out, &cause), -EINVAL);
	assert_null(out);
	test_rules_assert_prefix(cause, "\"Big Rule\" is not a rule name");
	free(cause);
	cause = NULL;
	assert_int_equal(test_rules_apply("{\"rules\": {\"governance\": "
	    "{\"method\": \"yesno\"}}}", &out, &cause), -EINVAL);
	test_rules_assert_prefix(cause, "\"governance\" is not a rule name");
	free(cause);
}

static void
test_rules_apply_bad_rule_refused(void **state)
{
	json_t	*out = (json_t *)1;
	char	*cause = NULL;

	(void)state;
	assert_int_equal(test_rules_apply("{\"rules\": {\"quick\": "
	    "{\"method\": \"yesno\", \"quorum\": \"lots\"}}}", &out, &cause),
	    -EINVAL);
	assert_null(out);
	test_rules_assert_prefix(cause, "rule quick: quorum: ");
	free(cause);
	cause = NULL;
	assert_int_equal(test_rules_apply("{\"rules\": {}, \"roles\": {}}",
	    &out, &cause), -EINVAL);
	test_rules_assert_contains(cause, "not roles");
	free(cause);
}

/* Read a whole file. Caller frees. */
static char *
test_rules_read(const char *path)
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

static void
test_rules_manual_lists_every_key(void **state)
{
	const struct config_key	*keys;
	char			*text, *want;
	size_t			 n, i;

	(void)state;
	text = test_rules_read(TEST_RULES_MANUAL);
	keys = rules_table(&n);
	for (i = 0; i < n; i++) {
		want = xasprintf("\n.It Ic %s ", keys[i].name);
		if (strstr(text, want) == NULL)
			fail_msg("moot-rules(5) does not describe key %s",
			    keys[i].name);
		free(want);
	}
	free(text);
}

/* The first example of moot-rules(5) starts a community. */
static void
test_rules_manual_example_loads(void **state)
{
	json_t	*change, *out;
	char	*text, *start, *end, *path, *cause = NULL;

	(void)state;
	text = test_rules_read(TEST_RULES_MANUAL);
	start = strstr(text, "\n.Sh EXAMPLES\n");
	assert_non_null(start);
	start = strstr(start, "\n.Bd -literal -offset indent\n");
	assert_non_null(start);
	start += strlen("\n.Bd -literal -offset indent\n");
	end = strstr(start, "\n.Ed\n");
	assert_non_null(end);
	end[1] = '\0';
	path = test_rules_write("example.ini", start);
	if (rules_file_load(path, true, &change, &cause) != 0)
		fail_msg("%s", cause);
	if (rules_change_apply(change, NULL, NULL, &out, &cause) != 0)
		fail_msg("%s", cause);
	assert_int_equal(json_object_size(json_object_get(out, "rules")), 3);
	json_decref(out);
	json_decref(change);
	free(path);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, test_rules_setup, \
	    test_rules_teardown)
		T(test_rules_contrib_equals_builtin),
		T(test_rules_builtin_applies),
		T(test_rules_key_description),
		T(test_rules_key_method),
		T(test_rules_key_method_required),
		T(test_rules_key_quorum),
		T(test_rules_key_threshold),
		T(test_rules_key_threshold_schulze),
		T(test_rules_key_eligible),
		T(test_rules_key_discussion),
		T(test_rules_key_duration),
		T(test_rules_key_max_duration),
		T(test_rules_key_early_close),
		T(test_rules_key_changeable),
		T(test_rules_key_results),
		T(test_rules_key_veto),
		T(test_rules_key_default_option),
		T(test_rules_key_default_option_schulze_only),
		T(test_rules_key_seats),
		T(test_rules_key_ties),
		T(test_rules_key_score_max),
		T(test_rules_key_budget),
		T(test_rules_key_unknown),
		T(test_rules_key_not_text),
		T(test_rules_name_valid),
		T(test_rules_governance_parse),
		T(test_rules_file_loads),
		T(test_rules_file_without_governance),
		T(test_rules_file_bad_value_line),
		T(test_rules_file_key_twice),
		T(test_rules_file_section_twice),
		T(test_rules_file_key_outside_section),
		T(test_rules_file_method_required),
		T(test_rules_file_bad_section_name),
		T(test_rules_file_governance_names_missing_rule),
		T(test_rules_file_governance_bad_value),
		T(test_rules_file_syntax_error),
		T(test_rules_file_missing),
		T(test_rules_apply_adds_rule),
		T(test_rules_apply_removes_rule),
		T(test_rules_apply_remove_named_rule_refused),
		T(test_rules_apply_remove_missing),
		T(test_rules_apply_governance_merges),
		T(test_rules_apply_governance_bad_reference),
		T(test_rules_apply_empty_refused),
		T(test_rules_apply_bad_name_refused),
		T(test_rules_apply_bad_rule_refused),
		T(test_rules_manual_lists_every_key),
		T(test_rules_manual_example_loads),
#undef T
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
