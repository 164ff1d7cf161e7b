/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Tests of the wire protocol's lines (src/core/proto.c): requests parsed
 * and refused with the reason, replies encoded and decoded back, the
 * mapping between errno values and error codes in both directions, and
 * the framing: every encoded line ends in exactly one newline.
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

#include "moot/proto.h"

#define S(x)	x, sizeof(x) - 1

/* The line is newline-terminated once, and len counts the newline. */
static void
assert_one_line(const char *line, size_t len)
{
	assert_non_null(line);
	assert_int_equal(strlen(line), len);
	assert_true(len >= 2);
	assert_int_equal(line[len - 1], '\n');
	assert_true(line[len - 2] != '\n');
	assert_null(memchr(line, '\n', len - 1));
}

/* proto_request_parse() refuses line with err; *id and cause checked. */
static void
assert_request_refused(const char *line, int err, int64_t want_id,
    const char *what)
{
	struct proto_request	 req;
	int64_t			 id = 99;
	char			*cause = NULL;

	assert_int_equal(proto_request_parse(line, strlen(line), &req, &id,
	    &cause), err);
	assert_int_equal(id, want_id);
	assert_null(req.root);
	assert_non_null(cause);
	assert_non_null(strstr(cause, what));
	free(cause);
}

static void
test_request_parse_ok(void **state)
{
	struct proto_request	 req;
	int64_t			 id = -1;
	char			*cause = NULL;

	(void)state;
	assert_int_equal(proto_request_parse(S("{\"id\":7,\"op\":\"show\","
	    "\"args\":{\"id\":3},\"key\":\"k-1\"}"), &req, &id, &cause), 0);
	assert_null(cause);
	assert_int_equal(id, 7);
	assert_int_equal(req.id, 7);
	assert_string_equal(req.op, "show");
	assert_true(json_is_object(req.args));
	assert_int_equal(json_integer_value(json_object_get(req.args, "id")),
	    3);
	assert_string_equal(req.key, "k-1");
	proto_request_free(&req);
	assert_null(req.root);
}

static void
test_request_parse_args_default_empty(void **state)
{
	struct proto_request	 req;
	int64_t			 id;

	(void)state;
	assert_int_equal(proto_request_parse(S("{\"id\":0,\"op\":\"whoami\"}"),
	    &req, &id, NULL), 0);
	assert_true(json_is_object(req.args));
	assert_int_equal(json_object_size(req.args), 0);
	assert_null(req.key);
	proto_request_free(&req);
}

static void
test_request_parse_null_key(void **state)
{
	struct proto_request	 req;
	int64_t			 id;

	(void)state;
	assert_int_equal(proto_request_parse(S("{\"id\":1,\"op\":\"x\","
	    "\"key\":null}"), &req, &id, NULL), 0);
	assert_null(req.key);
	proto_request_free(&req);
}

static void
test_request_refuses_not_json(void **state)
{
	(void)state;
	assert_request_refused("{\"id\":1,\"op\":", -EINVAL, -1,
	    "request is not JSON");
}

static void
test_request_refuses_not_object(void **state)
{
	(void)state;
	assert_request_refused("[1,2]", -EINVAL, -1, "not a JSON object");
}

static void
test_request_refuses_no_id(void **state)
{
	(void)state;
	assert_request_refused("{\"op\":\"whoami\"}", -EINVAL, -1,
	    "no \"id\"");
}

static void
test_request_refuses_negative_id(void **state)
{
	(void)state;
	assert_request_refused("{\"id\":-1,\"op\":\"whoami\"}", -EINVAL, -1,
	    "no \"id\"");
}

static void
test_request_refuses_string_id(void **state)
{
	(void)state;
	assert_request_refused("{\"id\":\"1\",\"op\":\"whoami\"}", -EINVAL, -1,
	    "no \"id\"");
}

static void
test_request_refuses_no_op(void **state)
{
	(void)state;
	/* The id was read: the error reply can name it. */
	assert_request_refused("{\"id\":5}", -EINVAL, 5, "no \"op\"");
}

static void
test_request_refuses_op_not_string(void **state)
{
	(void)state;
	assert_request_refused("{\"id\":5,\"op\":3}", -EINVAL, 5, "no \"op\"");
}

static void
test_request_refuses_args_not_object(void **state)
{
	(void)state;
	assert_request_refused("{\"id\":6,\"op\":\"x\",\"args\":[1]}", -EINVAL,
	    6, "\"args\" must be an object");
}

static void
test_request_refuses_duplicate_keys(void **state)
{
	(void)state;
	assert_request_refused("{\"id\":1,\"op\":\"a\",\"op\":\"b\"}", -EINVAL,
	    -1, "request is not JSON");
}

static void
test_request_refuses_duplicate_nested_keys(void **state)
{
	(void)state;
	assert_request_refused(
	    "{\"id\":1,\"op\":\"a\",\"args\":{\"x\":1,\"x\":2}}", -EINVAL, -1,
	    "request is not JSON");
}

static void
test_request_refuses_key_too_long(void **state)
{
	char	line[512];

	(void)state;
	snprintf(line, sizeof line, "{\"id\":2,\"op\":\"x\",\"key\":\"%0129d\"}",
	    0);
	assert_request_refused(line, -EINVAL, 2, "1 to 128 bytes");
}

static void
test_request_accepts_key_of_128(void **state)
{
	struct proto_request	 req;
	char			 line[512];
	int64_t			 id;

	(void)state;
	snprintf(line, sizeof line, "{\"id\":2,\"op\":\"x\",\"key\":\"%0128d\"}",
	    0);
	assert_int_equal(proto_request_parse(line, strlen(line), &req, &id,
	    NULL), 0);
	assert_int_equal(strlen(req.key), 128);
	proto_request_free(&req);
}

static void
test_request_refuses_empty_key(void **state)
{
	(void)state;
	assert_request_refused("{\"id\":2,\"op\":\"x\",\"key\":\"\"}", -EINVAL,
	    2, "1 to 128 bytes");
}

static void
test_request_refuses_key_not_string(void **state)
{
	(void)state;
	assert_request_refused("{\"id\":2,\"op\":\"x\",\"key\":12}", -EINVAL, 2,
	    "1 to 128 bytes");
}

static void
test_request_refuses_long_line(void **state)
{
	struct proto_request	 req;
	int64_t			 id;
	char			*line, *cause = NULL;

	(void)state;
	line = xmalloc(PROTO_MAX_LINE + 1);
	memset(line, ' ', PROTO_MAX_LINE + 1);
	assert_int_equal(proto_request_parse(line, PROTO_MAX_LINE + 1, &req,
	    &id, &cause), -EMSGSIZE);
	assert_non_null(strstr(cause, "longer than"));
	free(cause);
	free(line);
}

static void
test_request_encode_parse_round_trip(void **state)
{
	struct proto_request	 req;
	json_t			*args;
	size_t			 len;
	int64_t			 id;
	char			*line;

	(void)state;
	args = json_pack("{s:s,s:i}", "title", "caf\xc3\xa9\n\"x\"", "n", 3);
	line = proto_request_encode(42, "propose", args, "idem-1", &len);
	assert_one_line(line, len);
	assert_int_equal(proto_request_parse(line, len - 1, &req, &id, NULL),
	    0);
	assert_int_equal(req.id, 42);
	assert_string_equal(req.op, "propose");
	assert_string_equal(req.key, "idem-1");
	assert_true(json_equal(req.args, args));
	proto_request_free(&req);
	json_decref(args);	/* the encoder took its own reference */
	free(line);
}

static void
test_request_encode_without_args_or_key(void **state)
{
	struct proto_request	 req;
	size_t			 len;
	int64_t			 id;
	char			*line;

	(void)state;
	line = proto_request_encode(1, "whoami", NULL, NULL, &len);
	assert_one_line(line, len);
	assert_int_equal(proto_request_parse(line, len - 1, &req, &id, NULL),
	    0);
	assert_int_equal(json_object_size(req.args), 0);
	assert_null(req.key);
	proto_request_free(&req);
	free(line);
}

static void
test_reply_ok_round_trip(void **state)
{
	struct proto_reply	 rep;
	json_t			*result, *want;
	size_t			 len;
	char			*line;

	(void)state;
	result = json_pack("{s:i,s:s}", "seq", 40, "text", "a\nb");
	want = json_deep_copy(result);
	line = proto_reply_ok(9, result, &len);	/* takes result */
	assert_one_line(line, len);
	assert_int_equal(proto_reply_parse(line, len - 1, &rep, NULL), 0);
	assert_int_equal(rep.id, 9);
	assert_true(rep.ok);
	assert_true(json_equal(rep.result, want));
	assert_null(rep.code);
	assert_null(rep.event);
	proto_reply_free(&rep);
	json_decref(want);
	free(line);
}

static void
test_reply_ok_null_result(void **state)
{
	struct proto_reply	 rep;
	size_t			 len;
	char			*line;

	(void)state;
	line = proto_reply_ok(3, NULL, &len);
	assert_one_line(line, len);
	assert_int_equal(proto_reply_parse(line, len - 1, &rep, NULL), 0);
	assert_true(json_is_object(rep.result));
	assert_int_equal(json_object_size(rep.result), 0);
	proto_reply_free(&rep);
	free(line);
}

static void
test_reply_error_round_trip(void **state)
{
	struct proto_reply	 rep;
	size_t			 len;
	char			*line;

	(void)state;
	line = proto_reply_error(12, "forbidden",
	    "only leaders can change roles; you are a member", &len);
	assert_one_line(line, len);
	assert_int_equal(proto_reply_parse(line, len - 1, &rep, NULL), 0);
	assert_int_equal(rep.id, 12);
	assert_false(rep.ok);
	assert_string_equal(rep.code, "forbidden");
	assert_string_equal(rep.message,
	    "only leaders can change roles; you are a member");
	assert_int_equal(proto_code_errno(rep.code), -EPERM);
	proto_reply_free(&rep);
	free(line);
}

static void
test_reply_error_without_id(void **state)
{
	struct proto_reply	 rep;
	size_t			 len;
	char			*line;

	(void)state;
	line = proto_reply_error(-1, "bad_request", "request is not JSON",
	    &len);
	assert_one_line(line, len);
	assert_non_null(strstr(line, "\"id\":null"));
	assert_int_equal(proto_reply_parse(line, len - 1, &rep, NULL), 0);
	assert_int_equal(rep.id, -1);
	assert_false(rep.ok);
	assert_string_equal(rep.code, "bad_request");
	proto_reply_free(&rep);
	free(line);
}

static void
test_reply_message_with_newline_stays_one_line(void **state)
{
	size_t	 len;
	char	*line;

	(void)state;
	line = proto_reply_error(1, "internal", "two\nlines\n", &len);
	assert_one_line(line, len);
	free(line);
}

static void
test_reply_parse_error_defaults(void **state)
{
	struct proto_reply	 rep;

	(void)state;
	assert_int_equal(proto_reply_parse(S("{\"id\":4,\"ok\":false}"), &rep,
	    NULL), 0);
	assert_false(rep.ok);
	assert_string_equal(rep.code, "internal");
	assert_string_equal(rep.message, "the server gave no reason");
	proto_reply_free(&rep);
}

static void
test_reply_parse_event(void **state)
{
	struct proto_reply	 rep;

	(void)state;
	assert_int_equal(proto_reply_parse(S("{\"event\":{\"seq\":3}}"), &rep,
	    NULL), 0);
	assert_non_null(rep.event);
	assert_int_equal(json_integer_value(json_object_get(rep.event, "seq")),
	    3);
	assert_int_equal(rep.id, -1);
	proto_reply_free(&rep);
}

static void
test_reply_parse_refuses_garbage(void **state)
{
	struct proto_reply	 rep;
	char			*cause = NULL;

	(void)state;
	assert_int_equal(proto_reply_parse(S("nope"), &rep, &cause), -EPROTO);
	assert_null(rep.root);
	assert_non_null(strstr(cause, "not a JSON object"));
	free(cause);
	assert_int_equal(proto_reply_parse(S("[]"), &rep, &cause), -EPROTO);
	free(cause);
}

static void
test_code_of_errno(void **state)
{
	(void)state;
	assert_string_equal(proto_code(-EINVAL), "bad_request");
	assert_string_equal(proto_code(-ENOSYS), "unknown_op");
	assert_string_equal(proto_code(-EPERM), "forbidden");
	assert_string_equal(proto_code(-EACCES), "forbidden");
	assert_string_equal(proto_code(-ENOENT), "not_found");
	assert_string_equal(proto_code(-EEXIST), "conflict");
	assert_string_equal(proto_code(-EBUSY), "conflict");
	assert_string_equal(proto_code(-EILSEQ), "invalid_text");
	assert_string_equal(proto_code(-EMSGSIZE), "too_large");
	assert_string_equal(proto_code(-E2BIG), "too_large");
	assert_string_equal(proto_code(-EAGAIN), "rate_limited");
	assert_string_equal(proto_code(-EPROTO), "version");
	assert_string_equal(proto_code(-EIO), "internal");
}

static void
test_code_of_unknown_errno_is_internal(void **state)
{
	(void)state;
	assert_string_equal(proto_code(-ENOSPC), "internal");
	assert_string_equal(proto_code(0), "internal");
}

static void
test_errno_of_code(void **state)
{
	(void)state;
	assert_int_equal(proto_code_errno("bad_request"), -EINVAL);
	assert_int_equal(proto_code_errno("unknown_op"), -ENOSYS);
	assert_int_equal(proto_code_errno("forbidden"), -EPERM);
	assert_int_equal(proto_code_errno("not_found"), -ENOENT);
	assert_int_equal(proto_code_errno("conflict"), -EEXIST);
	assert_int_equal(proto_code_errno("invalid_text"), -EILSEQ);
	assert_int_equal(proto_code_errno("too_large"), -EMSGSIZE);
	assert_int_equal(proto_code_errno("rate_limited"), -EAGAIN);
	assert_int_equal(proto_code_errno("version"), -EPROTO);
	assert_int_equal(proto_code_errno("internal"), -EIO);
}

static void
test_errno_of_unknown_code_is_eio(void **state)
{
	(void)state;
	assert_int_equal(proto_code_errno("no_such_code"), -EIO);
	assert_int_equal(proto_code_errno(""), -EIO);
}

/* errno -> code -> errno keeps the code (the errno may be its synonym). */
static void
test_code_round_trip(void **state)
{
	static const int	 errs[] = { -EINVAL, -ENOSYS, -EPERM, -EACCES,
	    -ENOENT, -EEXIST, -EBUSY, -EILSEQ, -EMSGSIZE, -E2BIG, -EAGAIN,
	    -EPROTO, -EIO };
	size_t			 i;
	const char		*code;

	(void)state;
	for (i = 0; i < sizeof errs / sizeof errs[0]; i++) {
		code = proto_code(errs[i]);
		assert_string_equal(proto_code(proto_code_errno(code)), code);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_request_parse_ok),
		cmocka_unit_test(test_request_parse_args_default_empty),
		cmocka_unit_test(test_request_parse_null_key),
		cmocka_unit_test(test_request_refuses_not_json),
		cmocka_unit_test(test_request_refuses_not_object),
		cmocka_unit_test(test_request_refuses_no_id),
		cmocka_unit_test(test_request_refuses_negative_id),
		cmocka_unit_test(test_request_refuses_string_id),
		cmocka_unit_test(test_request_refuses_no_op),
		cmocka_unit_test(test_request_refuses_op_not_string),
		cmocka_unit_test(test_request_refuses_args_not_object),
		cmocka_unit_test(test_request_refuses_duplicate_keys),
		cmocka_unit_test(test_request_refuses_duplicate_nested_keys),
		cmocka_unit_test(test_request_refuses_key_too_long),
		cmocka_unit_test(test_request_accepts_key_of_128),
		cmocka_unit_test(test_request_refuses_empty_key),
		cmocka_unit_test(test_request_refuses_key_not_string),
		cmocka_unit_test(test_request_refuses_long_line),
		cmocka_unit_test(test_request_encode_parse_round_trip),
		cmocka_unit_test(test_request_encode_without_args_or_key),
		cmocka_unit_test(test_reply_ok_round_trip),
		cmocka_unit_test(test_reply_ok_null_result),
		cmocka_unit_test(test_reply_error_round_trip),
		cmocka_unit_test(test_reply_error_without_id),
		cmocka_unit_test(test_reply_message_with_newline_stays_one_line),
		cmocka_unit_test(test_reply_parse_error_defaults),
		cmocka_unit_test(test_reply_parse_event),
		cmocka_unit_test(test_reply_parse_refuses_garbage),
		cmocka_unit_test(test_code_of_errno),
		cmocka_unit_test(test_code_of_unknown_errno_is_internal),
		cmocka_unit_test(test_errno_of_code),
		cmocka_unit_test(test_errno_of_unknown_code_is_eio),
		cmocka_unit_test(test_code_round_trip),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
