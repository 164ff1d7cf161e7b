/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Tests of canonical JSON and the log's hashes (src/core/canon.c): the
 * byte form canon_dump() writes (sorted keys, minimal escapes, integers
 * only), the strict event parser that verification relies on, the
 * unescaping of canon strings, and the event hash, checked against
 * values computed independently with Python's json and hashlib.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "moot/canon.h"
#include "moot/log.h"
#include "moot/store.h"

/* A string literal and its length. */
#define S(x)	x, sizeof(x) - 1

/*
 * An event canon as log_append() writes it, and its hash:
 *	python3 -c 'import hashlib, json; ...
 *	    json.dumps(env, sort_keys=True, separators=(",", ":"),
 *	    ensure_ascii=False)'
 */
#define BODY_X		"{\"name\":\"x\"}"
#define BODY_X_SHA256	\
	"0229d37e33daae149bf40543a5ce1db4459d10f830d5139279aa2bfd5f6485a1"
#define ZERO_HEX	\
	"0000000000000000000000000000000000000000000000000000000000000000"
#define EVENT_CANON							\
	"{\"actor\":{\"name\":\"alice\",\"uid\":1000},"			\
	"\"body_sha256\":\"" BODY_X_SHA256 "\","			\
	"\"prev\":\"" ZERO_HEX "\","					\
	"\"ref\":\"community\",\"seq\":1,\"ts\":1700000000000,"		\
	"\"type\":\"community.created\",\"v\":1}"
#define EVENT_HASH	\
	"4d8fffcc9420a506a712ce20c758d42ef5ed24c1ee55ea7ae65b105237d64619"

/* canon_dump() of v succeeds and writes exactly want. */
static void
assert_dump(json_t *v, const char *want)
{
	struct buf	 b;
	char		*cause = NULL;

	buf_init(&b);
	assert_int_equal(canon_dump(v, &b, &cause), 0);
	assert_null(cause);
	assert_int_equal(b.len, strlen(want));
	assert_memory_equal(b.data, want, b.len);
	buf_free(&b);
	json_decref(v);
}

/* canon_dump() of v is refused with -EINVAL and a sentence holding what. */
static void
assert_dump_refused(json_t *v, const char *what)
{
	struct buf	 b;
	char		*cause = NULL;

	buf_init(&b);
	assert_int_equal(canon_dump(v, &b, &cause), -EINVAL);
	assert_non_null(cause);
	assert_non_null(strstr(cause, what));
	free(cause);
	buf_free(&b);
	json_decref(v);
}

/* A JSON string holding len bytes (NUL bytes allowed). */
static json_t *
str(const char *s, size_t len)
{
	json_t	*v = json_stringn(s, len);

	assert_non_null(v);
	return (v);
}

static void
test_dump_sorts_keys(void **state)
{
	(void)state;
	assert_dump(json_pack("{s:i,s:i,s:i,s:i}", "b", 1, "a", 2, "c", 3,
	    "B", 4), "{\"B\":4,\"a\":2,\"b\":1,\"c\":3}");
}

static void
test_dump_sorts_nested_keys(void **state)
{
	(void)state;
	assert_dump(json_pack("{s:{s:i,s:i},s:[{s:b,s:n}]}", "z", "y", 1, "x",
	    2, "a", "q", 1, "p"),
	    "{\"a\":[{\"p\":null,\"q\":true}],\"z\":{\"x\":2,\"y\":1}}");
}

static void
test_dump_sorts_non_ascii_keys_by_bytes(void **state)
{
	(void)state;
	/* Python: {"Z":5,"a":3,"z":2,"é":1,"日本":4} */
	assert_dump(json_pack("{s:i,s:i,s:i,s:i,s:i}", "\xc3\xa9", 1, "z", 2,
	    "a", 3, "\xe6\x97\xa5\xe6\x9c\xac", 4, "Z", 5),
	    "{\"Z\":5,\"a\":3,\"z\":2,\"\xc3\xa9\":1,"
	    "\"\xe6\x97\xa5\xe6\x9c\xac\":4}");
}

static void
test_dump_empty_containers(void **state)
{
	(void)state;
	assert_dump(json_pack("{s:{},s:[]}", "o", "a"), "{\"a\":[],\"o\":{}}");
}

static void
test_dump_short_escapes(void **state)
{
	(void)state;
	assert_dump(str(S("q\"b\\\b\f\n\r\t")),
	    "\"q\\\"b\\\\\\b\\f\\n\\r\\t\"");
}

static void
test_dump_control_escapes_lower_hex(void **state)
{
	(void)state;
	assert_dump(str(S("\x00\x01\x1b\x1f")),
	    "\"\\u0000\\u0001\\u001b\\u001f\"");
}

static void
test_dump_escapes_in_keys(void **state)
{
	(void)state;
	assert_dump(json_pack("{s:i}", "a\"\n\x1f", 1),
	    "{\"a\\\"\\n\\u001f\":1}");
}

static void
test_dump_no_escape_slash_del_non_ascii(void **state)
{
	(void)state;
	assert_dump(str(S("a/b\x7f\xc3\xa9\xe2\x80\xae\xf0\x9f\x98\x80")),
	    "\"a/b\x7f\xc3\xa9\xe2\x80\xae\xf0\x9f\x98\x80\"");
}

static void
test_dump_integers_at_limits(void **state)
{
	(void)state;
	assert_dump(json_pack("[I,I,i,i]", (json_int_t)CANON_INT_MAX,
	    (json_int_t)-CANON_INT_MAX, 0, -1),
	    "[9007199254740991,-9007199254740991,0,-1]");
}

static void
test_dump_literals(void **state)
{
	(void)state;
	assert_dump(json_pack("[b,b,n]", 1, 0), "[true,false,null]");
}

static void
test_dump_refuses_real(void **state)
{
	(void)state;
	assert_dump_refused(json_pack("{s:f}", "x", 1.0), "real");
}

static void
test_dump_refuses_int_above_range(void **state)
{
	(void)state;
	assert_dump_refused(json_pack("[I]", (json_int_t)CANON_INT_MAX + 1),
	    "9007199254740992");
}

static void
test_dump_refuses_int_below_range(void **state)
{
	(void)state;
	assert_dump_refused(json_pack("{s:[I]}", "n",
	    (json_int_t)-CANON_INT_MAX - 1), "-9007199254740992");
}

static void
test_sha256_hex_known(void **state)
{
	char	hex[CANON_HEX_LEN + 1];

	(void)state;
	canon_sha256_hex(S("abc"), hex);
	assert_string_equal(hex,
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void
test_event_hash_known(void **state)
{
	unsigned char	h[CANON_HASH_LEN];
	char		hex[CANON_HEX_LEN + 1];

	(void)state;
	canon_event_hash(S(EVENT_CANON), h);
	moot_hex(h, sizeof h, hex);
	assert_string_equal(hex, EVENT_HASH);
}

static void
test_event_hash_has_prefix(void **state)
{
	unsigned char	a[CANON_HASH_LEN], b[CANON_HASH_LEN];

	(void)state;
	canon_event_hash(S(EVENT_CANON), a);
	canon_sha256(S(EVENT_CANON), b);
	assert_memory_not_equal(a, b, CANON_HASH_LEN);
	canon_sha256(S(CANON_PREFIX EVENT_CANON), b);
	assert_memory_equal(a, b, CANON_HASH_LEN);
}

/* log_append() into a fresh store writes EVENT_CANON and EVENT_HASH. */
static void
test_log_append_writes_known_canon(void **state)
{
	struct store	*s;
	struct event	 ev = { 1, 1700000000000LL, 1000, "alice",
			    "community.created", "community" };
	unsigned char	 prev[CANON_HASH_LEN] = { 0 }, hash[CANON_HASH_LEN];
	char		 hex[CANON_HEX_LEN + 1];
	sqlite3_stmt	*stmt;
	json_t		*body;
	char		*cause = NULL;

	(void)state;
	assert_int_equal(store_open(NULL, STORE_MEMORY, &s, &cause), 0);
	body = json_pack("{s:s}", "name", "x");
	assert_int_equal(store_begin(s, &cause), 0);
	assert_int_equal(log_append(s, &ev, body, prev, hash, &cause), 0);
	assert_int_equal(store_commit(s, &cause), 0);
	json_decref(body);
	moot_hex(hash, sizeof hash, hex);
	assert_string_equal(hex, EVENT_HASH);

	assert_int_equal(sqlite3_prepare_v2(store_db(s),
	    "SELECT e.canon, b.body FROM events e JOIN bodies b USING (seq)",
	    -1, &stmt, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	assert_int_equal(sqlite3_column_bytes(stmt, 0), sizeof EVENT_CANON - 1);
	assert_memory_equal(sqlite3_column_blob(stmt, 0), EVENT_CANON,
	    sizeof EVENT_CANON - 1);
	assert_int_equal(sqlite3_column_bytes(stmt, 1), sizeof BODY_X - 1);
	assert_memory_equal(sqlite3_column_blob(stmt, 1), BODY_X,
	    sizeof BODY_X - 1);
	sqlite3_finalize(stmt);
	store_close(s);
}

static void
test_event_parse_accepts_canon(void **state)
{
	struct canon_event	 ce;
	char			*cause = NULL;

	(void)state;
	assert_int_equal(canon_event_parse(S(EVENT_CANON), &ce, &cause), 0);
	assert_null(cause);
	assert_int_equal(ce.v, 1);
	assert_int_equal(ce.seq, 1);
	assert_int_equal(ce.ts, 1700000000000LL);
	assert_int_equal(ce.uid, 1000);
	assert_int_equal(ce.name_len, 5);
	assert_memory_equal(ce.name, "alice", 5);
	assert_int_equal(ce.type_len, strlen("community.created"));
	assert_memory_equal(ce.type, "community.created", ce.type_len);
	assert_int_equal(ce.ref_len, strlen("community"));
	assert_memory_equal(ce.ref, "community", ce.ref_len);
	assert_memory_equal(ce.body_sha256, BODY_X_SHA256, CANON_HEX_LEN);
	assert_memory_equal(ce.prev, ZERO_HEX, CANON_HEX_LEN);
}

/* The envelope log_append() builds, dumped, parses back field for field. */
static void
test_event_parse_accepts_dumped_envelope(void **state)
{
	struct canon_event	 ce;
	struct buf		 b;
	json_t			*env;
	char			*cause = NULL, *name, *ref;

	(void)state;
	env = json_pack("{s:{s:s,s:I},s:s,s:s,s:s,s:I,s:I,s:s,s:i}",
	    "actor", "name", "b\xc3\xb8r\"e\\\t", "uid", (json_int_t)0,
	    "body_sha256", BODY_X_SHA256, "prev", EVENT_HASH,
	    "ref", "proposal:\x01" "12", "seq", (json_int_t)CANON_INT_MAX,
	    "ts", (json_int_t)-5, "type", "comment.added", "v", 1);
	buf_init(&b);
	assert_int_equal(canon_dump(env, &b, &cause), 0);
	json_decref(env);
	assert_int_equal(canon_event_parse(b.data, b.len, &ce, &cause), 0);
	assert_int_equal(ce.seq, CANON_INT_MAX);
	assert_int_equal(ce.ts, -5);
	assert_int_equal(ce.uid, 0);
	name = canon_unescape(ce.name, ce.name_len);
	assert_string_equal(name, "b\xc3\xb8r\"e\\\t");
	ref = canon_unescape(ce.ref, ce.ref_len);
	assert_string_equal(ref, "proposal:\x01" "12");
	assert_memory_equal(ce.prev, EVENT_HASH, CANON_HEX_LEN);
	free(name);
	free(ref);
	buf_free(&b);
}

/* canon_event_parse() refuses s with -EINVAL and a cause naming where. */
static void
assert_parse_refused(const char *s, const char *where)
{
	struct canon_event	 ce;
	char			*cause = NULL;

	assert_int_equal(canon_event_parse(s, strlen(s), &ce, &cause),
	    -EINVAL);
	assert_non_null(cause);
	assert_non_null(strstr(cause, where));
	free(cause);
}

static void
test_event_parse_refuses_spaces(void **state)
{
	(void)state;
	assert_parse_refused(
	    "{\"actor\": {\"name\":\"alice\",\"uid\":1000},"
	    "\"body_sha256\":\"" BODY_X_SHA256 "\",\"prev\":\"" ZERO_HEX "\","
	    "\"ref\":\"community\",\"seq\":1,\"ts\":1700000000000,"
	    "\"type\":\"community.created\",\"v\":1}", "\"actor\"");
}

static void
test_event_parse_refuses_trailing_newline(void **state)
{
	(void)state;
	assert_parse_refused(EVENT_CANON "\n", "\"end\"");
}

static void
test_event_parse_refuses_key_order(void **state)
{
	(void)state;
	assert_parse_refused(
	    "{\"actor\":{\"name\":\"alice\",\"uid\":1000},"
	    "\"prev\":\"" ZERO_HEX "\",\"body_sha256\":\"" BODY_X_SHA256 "\","
	    "\"ref\":\"community\",\"seq\":1,\"ts\":1700000000000,"
	    "\"type\":\"community.created\",\"v\":1}", "\"body_sha256\"");
}

static void
test_event_parse_refuses_actor_key_order(void **state)
{
	(void)state;
	assert_parse_refused(
	    "{\"actor\":{\"uid\":1000,\"name\":\"alice\"},"
	    "\"body_sha256\":\"" BODY_X_SHA256 "\",\"prev\":\"" ZERO_HEX "\","
	    "\"ref\":\"community\",\"seq\":1,\"ts\":1700000000000,"
	    "\"type\":\"community.created\",\"v\":1}", "\"actor\"");
}

static void
test_event_parse_refuses_upper_hex_digest(void **state)
{
	(void)state;
	assert_parse_refused(
	    "{\"actor\":{\"name\":\"alice\",\"uid\":1000},"
	    "\"body_sha256\":"
	    "\"0229D37E33DAAE149BF40543A5CE1DB4459D10F830D5139279AA2BFD5F6485A1\","
	    "\"prev\":\"" ZERO_HEX "\","
	    "\"ref\":\"community\",\"seq\":1,\"ts\":1700000000000,"
	    "\"type\":\"community.created\",\"v\":1}", "\"body_sha256\"");
}

static void
test_event_parse_refuses_upper_hex_escape(void **state)
{
	(void)state;
	assert_parse_refused(
	    "{\"actor\":{\"name\":\"al\\u001Bice\",\"uid\":1000},"
	    "\"body_sha256\":\"" BODY_X_SHA256 "\",\"prev\":\"" ZERO_HEX "\","
	    "\"ref\":\"community\",\"seq\":1,\"ts\":1700000000000,"
	    "\"type\":\"community.created\",\"v\":1}", "\"actor\"");
}

static void
test_event_parse_accepts_lower_hex_escape(void **state)
{
	struct canon_event	 ce;
	static const char	 s[] =
	    "{\"actor\":{\"name\":\"al\\u001bice\",\"uid\":1000},"
	    "\"body_sha256\":\"" BODY_X_SHA256 "\",\"prev\":\"" ZERO_HEX "\","
	    "\"ref\":\"community\",\"seq\":1,\"ts\":1700000000000,"
	    "\"type\":\"community.created\",\"v\":1}";

	(void)state;
	assert_int_equal(canon_event_parse(S(s), &ce, NULL), 0);
	assert_int_equal(ce.name_len, strlen("al\\u001bice"));
}

static void
test_event_parse_refuses_minus_zero(void **state)
{
	(void)state;
	assert_parse_refused(
	    "{\"actor\":{\"name\":\"alice\",\"uid\":1000},"
	    "\"body_sha256\":\"" BODY_X_SHA256 "\",\"prev\":\"" ZERO_HEX "\","
	    "\"ref\":\"community\",\"seq\":1,\"ts\":-0,"
	    "\"type\":\"community.created\",\"v\":1}", "\"ts\"");
}

/* "0" is read as the whole number, so the "1" after it is out of place. */
static void
test_event_parse_refuses_leading_zero(void **state)
{
	(void)state;
	assert_parse_refused(
	    "{\"actor\":{\"name\":\"alice\",\"uid\":1000},"
	    "\"body_sha256\":\"" BODY_X_SHA256 "\",\"prev\":\"" ZERO_HEX "\","
	    "\"ref\":\"community\",\"seq\":01,\"ts\":1700000000000,"
	    "\"type\":\"community.created\",\"v\":1}", "\"ts\"");
}

static void
test_event_parse_refuses_escaped_printable(void **state)
{
	(void)state;
	assert_parse_refused(
	    "{\"actor\":{\"name\":\"\\u0041lice\",\"uid\":1000},"
	    "\"body_sha256\":\"" BODY_X_SHA256 "\",\"prev\":\"" ZERO_HEX "\","
	    "\"ref\":\"community\",\"seq\":1,\"ts\":1700000000000,"
	    "\"type\":\"community.created\",\"v\":1}", "\"actor\"");
}

static void
test_event_parse_refuses_long_form_of_short_escape(void **state)
{
	(void)state;
	assert_parse_refused(
	    "{\"actor\":{\"name\":\"alice\",\"uid\":1000},"
	    "\"body_sha256\":\"" BODY_X_SHA256 "\",\"prev\":\"" ZERO_HEX "\","
	    "\"ref\":\"a\\u000ab\",\"seq\":1,\"ts\":1700000000000,"
	    "\"type\":\"community.created\",\"v\":1}", "\"ref\"");
}

static void
test_event_parse_refuses_escaped_slash(void **state)
{
	(void)state;
	assert_parse_refused(
	    "{\"actor\":{\"name\":\"alice\",\"uid\":1000},"
	    "\"body_sha256\":\"" BODY_X_SHA256 "\",\"prev\":\"" ZERO_HEX "\","
	    "\"ref\":\"a\\/b\",\"seq\":1,\"ts\":1700000000000,"
	    "\"type\":\"community.created\",\"v\":1}", "\"ref\"");
}

static void
test_event_parse_refuses_raw_control(void **state)
{
	(void)state;
	assert_parse_refused(
	    "{\"actor\":{\"name\":\"alice\",\"uid\":1000},"
	    "\"body_sha256\":\"" BODY_X_SHA256 "\",\"prev\":\"" ZERO_HEX "\","
	    "\"ref\":\"community\",\"seq\":1,\"ts\":1700000000000,"
	    "\"type\":\"community\tcreated\",\"v\":1}", "\"type\"");
}

static void
test_event_parse_refuses_overlong_utf8(void **state)
{
	(void)state;
	/* U+002F as two bytes (C0 AF). */
	assert_parse_refused(
	    "{\"actor\":{\"name\":\"a\xc0\xaf\",\"uid\":1000},"
	    "\"body_sha256\":\"" BODY_X_SHA256 "\",\"prev\":\"" ZERO_HEX "\","
	    "\"ref\":\"community\",\"seq\":1,\"ts\":1700000000000,"
	    "\"type\":\"community.created\",\"v\":1}", "\"actor\"");
}

static void
test_event_parse_refuses_surrogate(void **state)
{
	(void)state;
	assert_parse_refused(
	    "{\"actor\":{\"name\":\"a\xed\xa0\x80\",\"uid\":1000},"
	    "\"body_sha256\":\"" BODY_X_SHA256 "\",\"prev\":\"" ZERO_HEX "\","
	    "\"ref\":\"community\",\"seq\":1,\"ts\":1700000000000,"
	    "\"type\":\"community.created\",\"v\":1}", "\"actor\"");
}

static void
test_event_parse_refuses_int_out_of_range(void **state)
{
	(void)state;
	assert_parse_refused(
	    "{\"actor\":{\"name\":\"alice\",\"uid\":1000},"
	    "\"body_sha256\":\"" BODY_X_SHA256 "\",\"prev\":\"" ZERO_HEX "\","
	    "\"ref\":\"community\",\"seq\":9007199254740992,"
	    "\"ts\":1700000000000,\"type\":\"community.created\",\"v\":1}",
	    "\"seq\"");
}

static void
test_event_parse_refuses_extra_key(void **state)
{
	(void)state;
	assert_parse_refused(
	    "{\"actor\":{\"name\":\"alice\",\"uid\":1000},"
	    "\"body_sha256\":\"" BODY_X_SHA256 "\",\"prev\":\"" ZERO_HEX "\","
	    "\"ref\":\"community\",\"seq\":1,\"ts\":1700000000000,"
	    "\"type\":\"community.created\",\"v\":1,\"x\":1}", "\"v\"");
}

static void
test_event_parse_refuses_truncation(void **state)
{
	struct canon_event	 ce;
	size_t			 n;

	(void)state;
	/* Every proper prefix is refused (and read within its bounds). */
	for (n = 0; n < sizeof EVENT_CANON - 1; n++) {
		char *copy = xmalloc(n == 0 ? 1 : n);

		memcpy(copy, EVENT_CANON, n);
		assert_int_equal(canon_event_parse(copy, n, &ce, NULL),
		    -EINVAL);
		free(copy);
	}
}

static void
test_unescape_plain(void **state)
{
	char	*s;

	(void)state;
	s = canon_unescape(S("plain text/\xc3\xa9"));
	assert_string_equal(s, "plain text/\xc3\xa9");
	free(s);
}

static void
test_unescape_short_escapes(void **state)
{
	char	*s;

	(void)state;
	s = canon_unescape(S("q\\\"b\\\\\\b\\f\\n\\r\\t."));
	assert_string_equal(s, "q\"b\\\b\f\n\r\t.");
	free(s);
}

static void
test_unescape_u_escapes(void **state)
{
	char	*s;

	(void)state;
	s = canon_unescape(S("a\\u001bb\\u0001"));
	assert_string_equal(s, "a\x1b" "b\x01");
	free(s);
}

static void
test_unescape_stops_at_length(void **state)
{
	char	*s;

	(void)state;
	/* Only the first 4 bytes belong to the string. */
	s = canon_unescape("a\\nbXYZ", 4);
	assert_string_equal(s, "a\nb");
	free(s);
}

/* Dump then unescape gives the original string back. */
static void
test_unescape_inverts_dump(void **state)
{
	static const char	 orig[] = "\"x\\y\b\f\n\r\t\x01\x1f/\x7f\xc3\xa9";
	struct buf		 b;
	json_t			*v;
	char			*s;

	(void)state;
	v = str(S(orig));
	buf_init(&b);
	assert_int_equal(canon_dump(v, &b, NULL), 0);
	json_decref(v);
	assert_true(b.len >= 2);
	s = canon_unescape(b.data + 1, b.len - 2);
	assert_string_equal(s, orig);
	free(s);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dump_sorts_keys),
		cmocka_unit_test(test_dump_sorts_nested_keys),
		cmocka_unit_test(test_dump_sorts_non_ascii_keys_by_bytes),
		cmocka_unit_test(test_dump_empty_containers),
		cmocka_unit_test(test_dump_short_escapes),
		cmocka_unit_test(test_dump_control_escapes_lower_hex),
		cmocka_unit_test(test_dump_escapes_in_keys),
		cmocka_unit_test(test_dump_no_escape_slash_del_non_ascii),
		cmocka_unit_test(test_dump_integers_at_limits),
		cmocka_unit_test(test_dump_literals),
		cmocka_unit_test(test_dump_refuses_real),
		cmocka_unit_test(test_dump_refuses_int_above_range),
		cmocka_unit_test(test_dump_refuses_int_below_range),
		cmocka_unit_test(test_sha256_hex_known),
		cmocka_unit_test(test_event_hash_known),
		cmocka_unit_test(test_event_hash_has_prefix),
		cmocka_unit_test(test_log_append_writes_known_canon),
		cmocka_unit_test(test_event_parse_accepts_canon),
		cmocka_unit_test(test_event_parse_accepts_dumped_envelope),
		cmocka_unit_test(test_event_parse_refuses_spaces),
		cmocka_unit_test(test_event_parse_refuses_trailing_newline),
		cmocka_unit_test(test_event_parse_refuses_key_order),
		cmocka_unit_test(test_event_parse_refuses_actor_key_order),
		cmocka_unit_test(test_event_parse_refuses_upper_hex_digest),
		cmocka_unit_test(test_event_parse_refuses_upper_hex_escape),
		cmocka_unit_test(test_event_parse_accepts_lower_hex_escape),
		cmocka_unit_test(test_event_parse_refuses_minus_zero),
		cmocka_unit_test(test_event_parse_refuses_leading_zero),
		cmocka_unit_test(test_event_parse_refuses_escaped_printable),
		cmocka_unit_test(
		    test_event_parse_refuses_long_form_of_short_escape),
		cmocka_unit_test(test_event_parse_refuses_escaped_slash),
		cmocka_unit_test(test_event_parse_refuses_raw_control),
		cmocka_unit_test(test_event_parse_refuses_overlong_utf8),
		cmocka_unit_test(test_event_parse_refuses_surrogate),
		cmocka_unit_test(test_event_parse_refuses_int_out_of_range),
		cmocka_unit_test(test_event_parse_refuses_extra_key),
		cmocka_unit_test(test_event_parse_refuses_truncation),
		cmocka_unit_test(test_unescape_plain),
		cmocka_unit_test(test_unescape_short_escapes),
		cmocka_unit_test(test_unescape_u_escapes),
		cmocka_unit_test(test_unescape_stops_at_length),
		cmocka_unit_test(test_unescape_inverts_dump),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
