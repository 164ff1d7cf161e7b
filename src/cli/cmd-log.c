/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * moot log: the governance log, oldest first, one event a line (with
 * --json, one JSON object a line: JSON Lines). It pages through the log
 * by seq, a bounded page per request, until --limit or the end.
 */
#include <stdlib.h>
#include <string.h>

#include "moot/text.h"
#include "moot.h"

#define CMD_LOG_PAGE	500

struct cmd_log_opts {
	int64_t		 since;
	int64_t		 limit;
	const char	*type;
	const char	*ref;
};

static int
cmd_log_opt(int ch, const char *arg, void *p)
{
	struct cmd_log_opts	*o = p;

	switch (ch) {
	case 'S':
		if (strcmp(arg, "0") == 0) {
			o->since = 0;
			return (0);
		}
		return (cmd_id("seq", arg, &o->since));
	case 'n': return (cmd_id("limit", arg, &o->limit));
	case 't': o->type = arg; return (0);
	case 'R': o->ref = arg; return (0);
	default: return (-1);
	}
}

/* "majority, -quick; as proposal:3": the rules a change sets or removes. */
static void
cmd_log_rules(json_t *body, char *buf, size_t len)
{
	struct buf	 b;
	const char	*k;
	json_t		*v;

	buf_init(&b);
	json_object_foreach(json_object_get(body, "rules"), k, v)
		buf_addf(&b, "%s%s%s", b.len == 0 ? "" : ", ",
		    json_is_null(v) ? "-" : "", k);
	if (b.len == 0)
		buf_adds(&b, "[governance]");
	if (json_is_string(json_object_get(body, "cause")))
		buf_addf(&b, "; as %s", cmd_str(body, "cause"));
	buf_addc(&b, '\0');
	snprintf(buf, len, "%s", b.data);
	buf_free(&b);
}

/* A short summary of an event's body for the one-line view. */
static const char *
cmd_log_summary(json_t *ev, char *buf, size_t len)
{
	json_t		*body = json_object_get(ev, "body");
	const char	*type = cmd_str(ev, "type");
	const char	*keys[] = { "title", "reason", "body", "name", NULL };
	const char	*s;
	size_t		 i;

	if (json_object_get(ev, "redacted_by") != NULL) {
		snprintf(buf, len, "[redacted by event %lld]",
		    (long long)cmd_int(ev, "redacted_by"));
		return (buf);
	}
	if (json_object_get(ev, "withheld") != NULL)
		return (strcmp(type, "ballot.cast") == 0 ?
		    "[choice not shown yet]" : "[hidden comment]");
	if (strcmp(type, "vote.opened") == 0 ||
	    strcmp(type, "vote.closed") == 0) {
		snprintf(buf, len, "%s%srule %s v%lld", cmd_str(body,
		    "outcome"), *cmd_str(body, "outcome") != '\0' ? ", " : "",
		    cmd_str(body, "rule"), (long long)cmd_int(body, "version"));
		return (buf);
	}
	if (strcmp(type, "ballot.cast") == 0)
		return (cmd_str(body, "choice"));
	if (strcmp(type, "vote.extended") == 0)
		return ("no quorum at the deadline: runs on");
	if (strcmp(type, "rules.changed") == 0) {
		cmd_log_rules(body, buf, len);
		return (buf);
	}
	if (strcmp(type, "agreement.changed") == 0) {
		snprintf(buf, len, "version %s, as %s", cmd_str(body,
		    "version"), cmd_str(body, "cause"));
		return (buf);
	}
	if (json_object_get(body, "role") != NULL) {
		snprintf(buf, len, "%s -> %s", cmd_str(body, "name"),
		    cmd_str(body, "role"));
		return (buf);
	}
	for (i = 0; keys[i] != NULL; i++) {
		s = json_string_value(json_object_get(body, keys[i]));
		if (s != NULL)
			return (s);
	}
	if (json_is_integer(json_object_get(body, "seq"))) {
		snprintf(buf, len, "event %lld", (long long)cmd_int(body,
		    "seq"));
		return (buf);
	}
	return ("");
}

int
cmd_log_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "since", required_argument, NULL, 'S' },
		{ "limit", required_argument, NULL, 'n' },
		{ "type", required_argument, NULL, 't' },
		{ "ref", required_argument, NULL, 'R' },
		{ NULL, 0, NULL, 0 }
	};
	struct cmd_log_opts	 o = { 0, 0, NULL, NULL };
	json_t			*args, *r, *ev;
	char			*when, *actor, *line, buf[64];
	int64_t			 shown = 0, page;
	size_t			 k;
	int			 i, w;

	i = cmd_parse(ctx, cmd_find("log"), argc, argv, longopts, "n:t:",
	    cmd_log_opt, &o);
	if (i < 0)
		return (i == -2 ? EXIT_OK : EXIT_USAGE);
	if (i != argc)
		return (cmd_usage(cmd_find("log")));
	for (;;) {
		page = CMD_LOG_PAGE;
		if (o.limit != 0 && o.limit - shown < page)
			page = o.limit - shown;
		args = json_pack("{s:I,s:I}", "since", (json_int_t)o.since,
		    "limit", (json_int_t)page);
		if (o.type != NULL)
			json_object_set_new(args, "type", json_string(o.type));
		if (o.ref != NULL)
			json_object_set_new(args, "ref", json_string(o.ref));
		i = cmd_call(ctx, "log", args, &r);
		json_decref(args);
		if (i != 0)
			return (EXIT_FAIL);
		json_array_foreach(json_object_get(r, "events"), k, ev) {
			shown++;
			if (ctx->json) {
				cmd_print_json(ctx, ev);
				continue;
			}
			when = cmd_time(ctx, cmd_int(ev, "ts"));
			actor = cmd_fit(ctx, cmd_str(json_object_get(ev,
			    "actor"), "name"), 10);
			w = text_width(actor);
			printf("%6lld  %s  %s%*s  %-18s %-14s ",
			    (long long)cmd_int(ev, "seq"), when, actor,
			    w < 10 ? 10 - w : 0, "", cmd_str(ev, "type"),
			    cmd_str(ev, "ref"));
			/* 6+2+16+2+10+2+18+1+14+1 = 72 cells so far. */
			line = cmd_fit(ctx, cmd_log_summary(ev, buf,
			    sizeof buf), ctx->cols > 72 + 8 ?
			    ctx->cols - 72 - 1 : 8);
			printf("%s\n", line);
			free(line);
			free(actor);
			free(when);
		}
		if (json_is_null(json_object_get(r, "next")) ||
		    (o.limit != 0 && shown >= o.limit)) {
			json_decref(r);
			break;
		}
		o.since = cmd_int(r, "next");
		json_decref(r);
	}
	return (EXIT_OK);
}
