/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * moot log: the governance log, oldest first, one event a line (with
 * --json, one JSON object a line: JSON Lines). It pages through the log
 * by seq, a bounded page per request, until --limit or the end. With
 * --before it goes the other way: newest first, from the event before
 * SEQ back to the first.
 *
 * moot log --follow subscribes instead: mootd sends every event after
 * --since (default: the last 10), then each new one as it commits, and
 * each is printed and flushed as it comes, filtered here by --type and
 * --ref. It ends with SIGINT or SIGTERM (exit 0) or when the connection
 * is lost (exit 1). The in-process server sees only this process's own
 * writes, so following it is refused.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "moot/text.h"
#include "moot.h"

#define CMD_LOG_PAGE	500

#define CMD_LOG_FOLLOW_BACK	10	/* --follow without --since */

struct cmd_log_opts {
	int64_t		 since;
	bool		 since_set;
	int64_t		 before;	/* 0: not given */
	int64_t		 limit;
	const char	*type;
	const char	*ref;
	bool		 follow;
};

/* The state of --follow; the signal handles live here. */
struct cmd_log_follow {
	struct cmd_ctx		*ctx;
	struct cmd_log_opts	*o;
	uv_signal_t		 sigint;
	uv_signal_t		 sigterm;
	int			 closing;	/* handles not yet closed */
	int64_t			 last;		/* last seq seen */
	bool			 signalled;
	bool			 failed;
};

static int
cmd_log_opt(int ch, const char *arg, void *p)
{
	struct cmd_log_opts	*o = p;

	switch (ch) {
	case 'f': o->follow = true; return (0);
	case 'S':
		o->since_set = true;
		if (strcmp(arg, "0") == 0) {
			o->since = 0;
			return (0);
		}
		return (cmd_id("seq", arg, &o->since));
	case 'n': return (cmd_id("limit", arg, &o->limit));
	case 'B': return (cmd_id("seq", arg, &o->before));
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

/* Print one event: a line, or with --json a JSON object on its own. */
void
cmd_log_print(struct cmd_ctx *ctx, json_t *ev)
{
	char	*when, *actor, *line, buf[64];
	int	 w;

	if (ctx->json) {
		cmd_print_json(ctx, ev);
		return;
	}
	when = cmd_time(ctx, cmd_int(ev, "ts"));
	actor = cmd_fit(ctx, cmd_str(json_object_get(ev, "actor"), "name"),
	    10);
	w = text_width(actor);
	printf("%6lld  %s  %s%*s  %-18s %-14s ", (long long)cmd_int(ev, "seq"),
	    when, actor, w < 10 ? 10 - w : 0, "", cmd_str(ev, "type"),
	    cmd_str(ev, "ref"));
	/* 6+2+16+2+10+2+18+1+14+1 = 72 cells so far. */
	line = cmd_fit(ctx, cmd_log_summary(ev, buf, sizeof buf),
	    ctx->cols > 72 + 8 ? ctx->cols - 72 - 1 : 8);
	printf("%s\n", line);
	free(line);
	free(actor);
	free(when);
}

/* Whether ev passes --type (a type, or a family ending in '.') and --ref,
 * as the log op filters them. */
static bool
cmd_log_wanted(struct cmd_log_opts *o, json_t *ev)
{
	const char	*type = cmd_str(ev, "type");
	size_t		 n;

	if (o->type != NULL) {
		n = strlen(o->type);
		if (n != 0 && o->type[n - 1] == '.') {
			if (strncmp(type, o->type, n) != 0)
				return (false);
		} else if (strcmp(type, o->type) != 0)
			return (false);
	}
	if (o->ref != NULL && strcmp(cmd_str(ev, "ref"), o->ref) != 0)
		return (false);
	return (true);
}

/* Each pushed event: check that none is missing, print it, flush. */
static void
cmd_log_event_cb(void *arg, json_t *ev)
{
	struct cmd_log_follow	*f = arg;
	int64_t			 seq = cmd_int(ev, "seq");

	if (f->failed)
		return;
	if (seq != f->last + 1) {
		fprintf(stderr, "moot: the server sent event %lld after event "
		    "%lld (a protocol error)\n", (long long)seq,
		    (long long)f->last);
		f->failed = true;
		client_stop(f->ctx->client);
		return;
	}
	f->last = seq;
	if (!cmd_log_wanted(f->o, ev))
		return;
	cmd_log_print(f->ctx, ev);
	/* A reader that went away (moot log -f | head) ends us. */
	if (fflush(stdout) == EOF || ferror(stdout)) {
		f->failed = true;
		client_stop(f->ctx->client);
	}
}

static void
cmd_log_signal_cb(uv_signal_t *h, int signum)
{
	struct cmd_log_follow	*f = h->data;

	f->signalled = true;
	client_stop(f->ctx->client);
}

static void
cmd_log_close_cb(uv_handle_t *h)
{
	struct cmd_log_follow	*f = h->data;

	f->closing--;
}

/* Seq of the last event, from a one-event page of the log. */
static int
cmd_log_head(struct cmd_ctx *ctx, int64_t *head)
{
	json_t	*args, *r;
	int	 error;

	args = json_pack("{s:I,s:I}", "since", (json_int_t)0, "limit",
	    (json_int_t)1);
	error = cmd_call(ctx, "log", args, &r);
	json_decref(args);
	if (error != 0)
		return (error);
	*head = cmd_int(r, "head");
	json_decref(r);
	return (0);
}

/* moot log --follow. */
static int
cmd_log_follow(struct cmd_ctx *ctx, struct cmd_log_opts *o)
{
	struct cmd_log_follow	 f;
	json_t			*r;
	char			*cause = NULL, *safe;
	int64_t			 head;
	int			 error, rc;

	if (ctx->socket == NULL) {
		fprintf(stderr, "moot: --follow needs mootd; in-process mode "
		    "sees only its own writes\n");
		return (EXIT_FAIL);
	}
	if (cmd_open(ctx) != 0)
		return (EXIT_FAIL);
	if (strcmp(cmd_str(client_hello(ctx->client), "mode"), "daemon") !=
	    0) {
		fprintf(stderr, "moot: --follow needs mootd; in-process mode "
		    "sees only its own writes\n");
		return (EXIT_FAIL);
	}
	if (!o->since_set) {
		if (cmd_log_head(ctx, &head) != 0)
			return (EXIT_FAIL);
		o->since = head > CMD_LOG_FOLLOW_BACK ?
		    head - CMD_LOG_FOLLOW_BACK : 0;
	}

	memset(&f, 0, sizeof f);
	f.ctx = ctx;
	f.o = o;
	f.last = o->since;
	uv_signal_init(ctx->loop, &f.sigint);
	uv_signal_init(ctx->loop, &f.sigterm);
	f.sigint.data = f.sigterm.data = &f;
	f.closing = 2;
	uv_signal_start(&f.sigint, cmd_log_signal_cb, SIGINT);
	uv_signal_start(&f.sigterm, cmd_log_signal_cb, SIGTERM);

	error = client_subscribe(ctx->client, o->since, cmd_log_event_cb, &f,
	    &r, &cause);
	if (error == 0) {
		json_decref(r);
		error = client_run(ctx->client, &cause);
	}
	if (f.signalled && !f.failed)
		rc = EXIT_OK;
	else {
		rc = EXIT_FAIL;
		if (error == -EPIPE) {
			free(cause);
			cause = xasprintf("lost the connection to mootd at %s",
			    ctx->socket);
		}
		if (error != 0) {
			safe = text_sanitize(cause, strlen(cause), 0);
			fprintf(stderr, "moot: %s\n", safe);
			free(safe);
		}
	}
	free(cause);

	/* The handles live in f: wait until they are closed. */
	uv_close((uv_handle_t *)&f.sigint, cmd_log_close_cb);
	uv_close((uv_handle_t *)&f.sigterm, cmd_log_close_cb);
	while (f.closing > 0)
		uv_run(ctx->loop, UV_RUN_ONCE);
	return (rc);
}

int
cmd_log_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "since", required_argument, NULL, 'S' },
		{ "limit", required_argument, NULL, 'n' },
		{ "type", required_argument, NULL, 't' },
		{ "ref", required_argument, NULL, 'R' },
		{ "follow", no_argument, NULL, 'f' },
		{ "before", required_argument, NULL, 'B' },
		{ NULL, 0, NULL, 0 }
	};
	struct cmd_log_opts	 o = { 0, false, 0, 0, NULL, NULL, false };
	json_t			*args, *r, *ev;
	int64_t			 shown = 0, page;
	size_t			 k;
	int			 i;

	i = cmd_parse(ctx, cmd_find("log"), argc, argv, longopts, "fn:t:",
	    cmd_log_opt, &o);
	if (i < 0)
		return (i == -2 ? EXIT_OK : EXIT_USAGE);
	if (i != argc)
		return (cmd_usage(cmd_find("log")));
	if (o.follow && o.limit != 0) {
		fprintf(stderr, "moot: --follow has no end: it does not take "
		    "--limit\n");
		return (cmd_usage(cmd_find("log")));
	}
	if (o.before != 0 && (o.follow || o.since_set)) {
		fprintf(stderr, "moot: --before goes back from SEQ: it does "
		    "not take --since or --follow\n");
		return (cmd_usage(cmd_find("log")));
	}
	if (o.follow)
		return (cmd_log_follow(ctx, &o));
	for (;;) {
		page = CMD_LOG_PAGE;
		if (o.limit != 0 && o.limit - shown < page)
			page = o.limit - shown;
		if (o.before != 0)
			args = json_pack("{s:I,s:I}", "before",
			    (json_int_t)o.before, "limit", (json_int_t)page);
		else
			args = json_pack("{s:I,s:I}", "since",
			    (json_int_t)o.since, "limit", (json_int_t)page);
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
			cmd_log_print(ctx, ev);
		}
		if (json_is_null(json_object_get(r, "next")) ||
		    (o.limit != 0 && shown >= o.limit)) {
			json_decref(r);
			break;
		}
		if (o.before != 0)
			o.before = cmd_int(r, "next");
		else
			o.since = cmd_int(r, "next");
		json_decref(r);
	}
	return (EXIT_OK);
}
