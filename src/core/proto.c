/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Encoding and decoding of protocol lines (moot-protocol(7)).
 *
 *	request:  {"id":N,"op":"...","args":{...},"key":"..."}
 *	reply:    {"id":N,"ok":true,"result":{...}}
 *	          {"id":N,"ok":false,"error":{"code":"...","message":"..."}}
 *	event:    {"event":{...}}
 *
 * Errors inside moot are negative errno values; this file owns their one
 * mapping to the protocol's error codes and back.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "moot/proto.h"

static const struct {
	int		 err;
	const char	*code;
} proto_codes[] = {
	{ -EINVAL, "bad_request" },
	{ -ENOSYS, "unknown_op" },
	{ -EPERM, "forbidden" },
	{ -EACCES, "forbidden" },
	{ -ENOENT, "not_found" },
	{ -EEXIST, "conflict" },
	{ -EBUSY, "conflict" },
	{ -EILSEQ, "invalid_text" },
	{ -EMSGSIZE, "too_large" },
	{ -E2BIG, "too_large" },
	{ -EAGAIN, "rate_limited" },
	{ -EPROTO, "version" },
	{ -EIO, "internal" },
};

const char *
proto_code(int err)
{
	size_t	i;

	for (i = 0; i < MOOT_NITEMS(proto_codes); i++) {
		if (proto_codes[i].err == err)
			return (proto_codes[i].code);
	}
	return ("internal");
}

int
proto_code_errno(const char *code)
{
	size_t	i;

	for (i = 0; i < MOOT_NITEMS(proto_codes); i++) {
		if (strcmp(proto_codes[i].code, code) == 0)
			return (proto_codes[i].err);
	}
	return (-EIO);
}

int
proto_request_parse(const char *line, size_t len, struct proto_request *req,
    int64_t *id, char **cause)
{
	json_error_t	 jerr;
	json_t		*v;

	memset(req, 0, sizeof *req);
	*id = -1;
	if (len > PROTO_MAX_LINE)
		return (moot_fail(cause, -EMSGSIZE,
		    "request line is longer than %d bytes", PROTO_MAX_LINE));
	req->root = json_loadb(line, len, JSON_REJECT_DUPLICATES, &jerr);
	if (req->root == NULL)
		return (moot_fail(cause, -EINVAL, "request is not JSON: %s",
		    jerr.text));
	if (!json_is_object(req->root)) {
		proto_request_free(req);
		return (moot_fail(cause, -EINVAL,
		    "request is not a JSON object"));
	}
	v = json_object_get(req->root, "id");
	if (!json_is_integer(v) || json_integer_value(v) < 0) {
		proto_request_free(req);
		return (moot_fail(cause, -EINVAL,
		    "request has no \"id\" (a non-negative integer)"));
	}
	req->id = *id = json_integer_value(v);
	v = json_object_get(req->root, "op");
	if (!json_is_string(v)) {
		proto_request_free(req);
		return (moot_fail(cause, -EINVAL,
		    "request has no \"op\" string"));
	}
	req->op = json_string_value(v);
	v = json_object_get(req->root, "args");
	if (v == NULL) {
		v = json_object();
		json_object_set_new(req->root, "args", v);
	} else if (!json_is_object(v)) {
		proto_request_free(req);
		return (moot_fail(cause, -EINVAL,
		    "\"args\" must be an object"));
	}
	req->args = v;
	v = json_object_get(req->root, "key");
	if (v != NULL && !json_is_null(v)) {
		if (!json_is_string(v) || json_string_length(v) == 0 ||
		    json_string_length(v) > 128) {
			proto_request_free(req);
			return (moot_fail(cause, -EINVAL,
			    "\"key\" must be a string of 1 to 128 bytes"));
		}
		req->key = json_string_value(v);
	}
	return (0);
}

void
proto_request_free(struct proto_request *req)
{
	json_decref(req->root);
	memset(req, 0, sizeof *req);
}

int
proto_reply_parse(const char *line, size_t len, struct proto_reply *rep,
    char **cause)
{
	json_error_t	 jerr;
	json_t		*err;

	memset(rep, 0, sizeof *rep);
	rep->id = -1;
	rep->root = json_loadb(line, len, 0, &jerr);
	if (rep->root == NULL || !json_is_object(rep->root)) {
		proto_reply_free(rep);
		return (moot_fail(cause, -EPROTO,
		    "the server sent something that is not a JSON object"));
	}
	rep->event = json_object_get(rep->root, "event");
	if (rep->event != NULL)
		return (0);
	if (json_is_integer(json_object_get(rep->root, "id")))
		rep->id = json_integer_value(json_object_get(rep->root, "id"));
	rep->ok = json_is_true(json_object_get(rep->root, "ok"));
	if (rep->ok) {
		rep->result = json_object_get(rep->root, "result");
		return (0);
	}
	err = json_object_get(rep->root, "error");
	rep->code = json_string_value(json_object_get(err, "code"));
	rep->message = json_string_value(json_object_get(err, "message"));
	if (rep->code == NULL)
		rep->code = "internal";
	if (rep->message == NULL)
		rep->message = "the server gave no reason";
	return (0);
}

void
proto_reply_free(struct proto_reply *rep)
{
	json_decref(rep->root);
	memset(rep, 0, sizeof *rep);
}

/* Dump a message as one compact line ending in a newline. Caller frees. */
static char *
proto_line(json_t *msg, size_t *len)
{
	char	*s, *line;
	size_t	 n;

	s = json_dumps(msg, JSON_COMPACT);
	MOOT_REQUIRE(s != NULL);
	n = strlen(s);
	line = xmalloc(n + 2);
	memcpy(line, s, n);
	line[n] = '\n';
	line[n + 1] = '\0';
	free(s);
	*len = n + 1;
	return (line);
}

char *
proto_request_encode(int64_t id, const char *op, json_t *args,
    const char *key, size_t *len)
{
	json_t	*msg;
	char	*line;

	msg = json_pack("{s:I,s:s,s:o}", "id", (json_int_t)id, "op", op,
	    "args", args != NULL ? json_incref(args) : json_object());
	if (key != NULL)
		json_object_set_new(msg, "key", json_string(key));
	line = proto_line(msg, len);
	json_decref(msg);
	return (line);
}

char *
proto_reply_ok(int64_t id, json_t *result, size_t *len)
{
	json_t	*msg;
	char	*line;

	msg = json_pack("{s:I,s:b,s:o}", "id", (json_int_t)id, "ok", 1,
	    "result", result != NULL ? result : json_object());
	line = proto_line(msg, len);
	json_decref(msg);
	return (line);
}

char *
proto_reply_error(int64_t id, const char *code, const char *message,
    size_t *len)
{
	json_t	*msg;
	char	*line;

	msg = json_pack("{s:o,s:b,s:{s:s,s:s}}", "id",
	    id >= 0 ? json_integer(id) : json_null(), "ok", 0, "error",
	    "code", code, "message", message);
	line = proto_line(msg, len);
	json_decref(msg);
	return (line);
}

char *
proto_event_encode(json_t *event, size_t *len)
{
	json_t	*msg;
	char	*line;

	msg = json_pack("{s:O}", "event", event);
	line = proto_line(msg, len);
	json_decref(msg);
	return (line);
}
