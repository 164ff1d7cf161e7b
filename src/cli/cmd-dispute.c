/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * moot dispute: open a dispute about a proposal, a comment or a member;
 * list the queue, show one, take or assign it, write in its thread,
 * resolve it (with a sanction), appeal, decide an appeal (leaders), lift
 * a sanction, and list sanctions. Long text (reasons, resolutions) comes
 * from the arguments, a file, or the member's editor.
 */
#include <stdlib.h>
#include <string.h>

#include "moot/text.h"
#include "moot.h"

struct cmd_dispute_opts {
	const char	*file;
	const char	*state;
	const char	*sanction;
	const char	*member;
	const char	*length;
	bool		 assigned;
	bool		 mine;
	bool		 all;
	bool		 active;
};

static int
cmd_dispute_opt(int ch, const char *arg, void *p)
{
	struct cmd_dispute_opts	*o = p;

	switch (ch) {
	case 'F':
		o->file = arg;
		return (0);
	case 's':
		o->state = arg;
		return (0);
	case 'S':
		o->sanction = arg;
		return (0);
	case 'm':
		o->member = arg;
		return (0);
	case 'f':
		o->length = arg;
		return (0);
	case 'a':
		o->assigned = true;
		return (0);
	case 'M':
		o->mine = true;
		return (0);
	case 'A':
		o->all = true;
		return (0);
	case 'c':
		o->active = true;
		return (0);
	}
	return (-1);
}

/* The text of the operands from i on, of a file, or from the editor. */
static int
cmd_dispute_text(struct cmd_ctx *ctx, int argc, char **argv, int i,
    const char *file, char **out)
{
	struct buf	b;
	size_t		len;
	int		k, error;

	*out = NULL;
	if (i < argc) {
		buf_init(&b);
		for (k = i; k < argc; k++) {
			if (k > i)
				buf_addc(&b, ' ');
			buf_adds(&b, argv[k]);
		}
		*out = buf_steal(&b, NULL);
		return (0);
	}
	if (file != NULL)
		error = cmd_read_file(file, out);
	else
		error = cmd_edit(ctx, NULL, out);
	/* A file or an editor ends the text with a newline: not part of it
	 * (reasons are one line). */
	if (error == 0) {
		len = strlen(*out);
		while (len > 0 && (*out)[len - 1] == '\n')
			(*out)[--len] = '\0';
	}
	return (error);
}

/*
 * Send a write whose text the member wrote (key in args); on refusal,
 * give it back unless it came from a file.
 */
static int
cmd_dispute_write(struct cmd_ctx *ctx, const char *op, json_t *args,
    const char *key, const char *what, const char *file, json_t **r)
{
	int	rc;

	rc = cmd_call(ctx, op, args, r);
	if (rc != 0 && key != NULL && file == NULL &&
	    json_is_string(json_object_get(args, key)))
		cmd_give_back(what, json_string_value(json_object_get(args,
		    key)));
	json_decref(args);
	return (rc != 0 ? EXIT_FAIL : EXIT_OK);
}

/* What a dispute is about, in words: the member by name. */
static void
cmd_dispute_about(const char *about, json_t *subject)
{
	const char	*name;

	name = json_string_value(json_object_get(subject, "name"));
	if (strncmp(about, "proposal:", 9) == 0)
		printf("proposal #%s", about + 9);
	else if (strncmp(about, "comment:", 8) == 0)
		printf("comment %s", about + 8);
	else if (strncmp(about, "member:", 7) == 0 && name != NULL)
		printf("member %s", name);
	else
		printf("%s", about);
}

/* The outcome, and what an appeal made of it. */
static void
cmd_dispute_outcome(json_t *d, const char *decision)
{
	if (!json_is_string(json_object_get(d, "outcome")))
		return;
	printf(" (%s", cmd_str(d, "outcome"));
	if (decision != NULL && strcmp(decision, "reversed") == 0)
		printf("; reversed on appeal");
	else if (decision != NULL)
		printf("; upheld on appeal");
	printf(")");
}

static const char *
cmd_dispute_name(json_t *who)
{
	const char	*s = json_string_value(json_object_get(who, "name"));

	return (s != NULL ? s : "?");
}

static int
cmd_dispute_list(struct cmd_ctx *ctx, const struct cmd_dispute_opts *o)
{
	json_t		*args, *r, *d, *counts;
	size_t		 i;
	char		*when, *reason;

	args = json_object();
	if (o->state != NULL)
		json_object_set_new(args, "state", json_string(o->state));
	if (o->assigned)
		json_object_set_new(args, "mine", json_string("assigned"));
	else if (o->mine)
		json_object_set_new(args, "mine", json_string("party"));
	json_object_set_new(args, "limit", json_integer(1000));
	i = (size_t)cmd_call(ctx, "disputes", args, &r);
	json_decref(args);
	if (i != 0)
		return (EXIT_FAIL);
	if (ctx->json) {
		cmd_print_json(ctx, r);
		json_decref(r);
		return (EXIT_OK);
	}
	if (json_array_size(json_object_get(r, "disputes")) == 0)
		printf("No disputes%s.\n", o->state != NULL || o->assigned ||
		    o->mine ? " match" : "");
	json_array_foreach(json_object_get(r, "disputes"), i, d) {
		when = cmd_time(ctx, cmd_int(d, "created_ts"));
		printf("#%-4lld %-9s %-10s ", (long long)cmd_int(d, "id"),
		    cmd_str(d, "state"), strcmp(cmd_str(d, "decision"),
		    "reversed") == 0 ? "reversed" : cmd_str(d, "outcome"));
		cmd_dispute_about(cmd_str(d, "about"), json_object_get(d,
		    "subject"));
		printf("  by %s, %s", cmd_dispute_name(json_object_get(d,
		    "opener")), when);
		if (json_is_object(json_object_get(d, "moderator")))
			printf(", moderator %s", cmd_dispute_name(
			    json_object_get(d, "moderator")));
		printf("\n");
		if (json_is_string(json_object_get(d, "reason"))) {
			reason = cmd_fit(ctx, cmd_str(d, "reason"), 72);
			printf("      %s\n", reason);
			free(reason);
		}
		free(when);
	}
	counts = json_object_get(r, "counts");
	printf("%lld open, %lld assigned (%lld to you), %lld resolved, "
	    "%lld appealed, %lld final\n", (long long)cmd_int(counts, "open"),
	    (long long)cmd_int(counts, "assigned"),
	    (long long)cmd_int(counts, "assigned_to_me"),
	    (long long)cmd_int(counts, "resolved"),
	    (long long)cmd_int(counts, "appealed"),
	    (long long)cmd_int(counts, "final"));
	json_decref(r);
	return (EXIT_OK);
}

/* A block of member-written text, indented. */
static void
cmd_dispute_block(const char *title, const char *text)
{
	char	*safe, *p, *nl;

	printf("\n%s:\n", title);
	safe = text_sanitize(text, strlen(text), TEXT_SHOW_LINES);
	for (p = safe; *p != '\0'; p = nl + 1) {
		nl = strchr(p, '\n');
		printf("  %.*s\n", nl != NULL ? (int)(nl - p) : (int)strlen(p),
		    p);
		if (nl == NULL)
			break;
	}
	free(safe);
}

static void
cmd_dispute_sanctions_print(struct cmd_ctx *ctx, json_t *list)
{
	json_t	*s;
	size_t	 i;
	char	*until, *ended;

	json_array_foreach(list, i, s) {
		until = cmd_time(ctx, cmd_int(s, "expires_ts"));
		printf("Sanction %lld (dispute #%lld): %s on %s until %s, %s",
		    (long long)cmd_int(s, "id"), (long long)cmd_int(s,
		    "dispute"), cmd_str(s, "kind"), cmd_str(s, "name"), until,
		    json_is_true(json_object_get(s, "in_force")) ? "in force" :
		    cmd_str(s, "state"));
		if (json_is_integer(json_object_get(s, "ended_ts"))) {
			ended = cmd_time(ctx, cmd_int(s, "ended_ts"));
			printf(" %s by %s", ended, cmd_str(s, "ended_by"));
			free(ended);
			if (json_is_string(json_object_get(s, "ended_reason"))) {
				printf(": ");
				cmd_print_text(cmd_str(s, "ended_reason"), 0);
			}
		}
		printf("\n");
		free(until);
	}
}

static int
cmd_dispute_show(struct cmd_ctx *ctx, int64_t id)
{
	json_t		*args, *r, *p, *res, *ap, *k, *can;
	size_t		 i;
	char		*when;
	const char	*verb;
	int		 rc;

	args = json_pack("{s:I}", "id", (json_int_t)id);
	rc = cmd_call(ctx, "dispute", args, &r);
	json_decref(args);
	if (rc != 0)
		return (EXIT_FAIL);
	if (ctx->json) {
		cmd_print_json(ctx, r);
		json_decref(r);
		return (EXIT_OK);
	}
	p = json_object_get(r, "parties");
	ap = json_object_get(r, "appeal");
	printf("Dispute #%lld about ", (long long)id);
	cmd_dispute_about(cmd_str(r, "about"), json_object_get(p, "subject"));
	printf(": %s", cmd_str(r, "state"));
	cmd_dispute_outcome(r, json_string_value(json_object_get(ap,
	    "decision")));
	printf("\n");
	when = cmd_time(ctx, cmd_int(r, "created_ts"));
	printf("Opened %s by %s (%s)", when, cmd_dispute_name(json_object_get(
	    p, "opener")), cmd_str(json_object_get(p, "opener"), "role"));
	free(when);
	if (json_is_object(json_object_get(p, "subject")))
		printf("; about %s (%s)", cmd_dispute_name(json_object_get(p,
		    "subject")), cmd_str(json_object_get(p, "subject"),
		    "role"));
	printf("\n");
	if (json_is_object(json_object_get(r, "moderator")))
		printf("Moderator: %s\n", cmd_dispute_name(json_object_get(r,
		    "moderator")));
	if ((res = json_object_get(r, "resolution")) != NULL) {
		when = cmd_time(ctx, cmd_int(res, "ts"));
		printf("Resolved %s by %s", when, cmd_str(res, "by"));
		free(when);
		if (strcmp(cmd_str(r, "state"), "resolved") == 0) {
			when = cmd_time(ctx, cmd_int(res, "appeal_until"));
			printf("; a party may appeal until %s", when);
			free(when);
		}
		printf("\n");
	}
	if (ap != NULL) {
		when = cmd_time(ctx, cmd_int(ap, "ts"));
		printf("Appealed %s, decided by %s", when,
		    strcmp(cmd_str(ap, "by"), "leaders") == 0 ? "the leaders" :
		    "a community vote");
		if (json_is_integer(json_object_get(ap, "proposal")))
			printf(" (#%lld)", (long long)cmd_int(ap, "proposal"));
		if (json_is_string(json_object_get(ap, "decision")))
			printf(": %s", cmd_str(ap, "decision"));
		printf("\n");
		free(when);
	}
	cmd_dispute_sanctions_print(ctx, json_object_get(r, "sanctions"));
	if (!json_is_true(json_object_get(r, "visible")))
		printf("\nIts details are shown to its parties, moderators and "
		    "leaders.\n");
	if (json_is_string(json_object_get(r, "reason")))
		cmd_dispute_block("Reason", cmd_str(r, "reason"));
	if (res != NULL && json_is_string(json_object_get(res, "text")))
		cmd_dispute_block("Resolution", cmd_str(res, "text"));
	if (ap != NULL && json_is_string(json_object_get(ap, "reason")))
		cmd_dispute_block("Appeal", cmd_str(ap, "reason"));
	json_array_foreach(json_object_get(r, "thread"), i, k) {
		when = cmd_time(ctx, cmd_int(k, "ts"));
		printf("\n%s, %s:\n", cmd_dispute_name(json_object_get(k,
		    "author")), when);
		free(when);
		if (json_is_string(json_object_get(k, "body")))
			cmd_dispute_block("  ", cmd_str(k, "body"));
		else
			printf("  (redacted)\n");
	}
	printf("\nTimeline:\n");
	json_array_foreach(json_object_get(r, "timeline"), i, k) {
		when = cmd_time(ctx, cmd_int(k, "ts"));
		printf("  %-6lld %s  %-10s %s\n", (long long)cmd_int(k, "seq"),
		    when, cmd_dispute_name(json_object_get(k, "actor")),
		    cmd_str(k, "type"));
		free(when);
	}
	can = json_object_get(r, "can");
	verb = json_is_true(json_object_get(can, "resolve")) ? "resolve" :
	    json_is_true(json_object_get(can, "appeal")) ? "appeal" :
	    json_is_true(json_object_get(can, "decide")) ? "decide" :
	    json_is_true(json_object_get(can, "assign")) ? "assign" : NULL;
	if (verb != NULL)
		printf("\nYou may %s it: moot dispute %s %lld ...\n", verb,
		    verb, (long long)id);
	json_decref(r);
	return (EXIT_OK);
}

static int
cmd_dispute_sanctions(struct cmd_ctx *ctx, const char *who,
    const struct cmd_dispute_opts *o)
{
	json_t	*args, *r;
	int	 rc;

	args = json_object();
	if (o->all)
		json_object_set_new(args, "member", json_string("*"));
	else if (who != NULL)
		json_object_set_new(args, "member", json_string(who));
	if (o->active)
		json_object_set_new(args, "active", json_true());
	rc = cmd_call(ctx, "sanctions", args, &r);
	json_decref(args);
	if (rc != 0)
		return (EXIT_FAIL);
	if (ctx->json)
		cmd_print_json(ctx, r);
	else if (json_array_size(json_object_get(r, "sanctions")) == 0)
		printf("No sanctions.\n");
	else
		cmd_dispute_sanctions_print(ctx, json_object_get(r,
		    "sanctions"));
	json_decref(r);
	return (EXIT_OK);
}

/* The sanction of resolve's options, or NULL; -1 on a usage error. */
static int
cmd_dispute_sanction(const struct cmd_dispute_opts *o, json_t **out)
{
	int64_t	length;

	*out = NULL;
	if (o->sanction == NULL)
		return (o->length != NULL || o->member != NULL ? -1 : 0);
	if (o->length == NULL || (length = moot_parse_span(o->length)) < 0) {
		fprintf(stderr, "moot dispute: a sanction needs --for LENGTH "
		    "(a number and m, h, d or w: 7d)\n");
		return (-1);
	}
	*out = json_pack("{s:s,s:I}", "kind", o->sanction, "for",
	    (json_int_t)length);
	if (o->member != NULL)
		json_object_set_new(*out, "member", json_string(o->member));
	return (0);
}

static void
cmd_dispute_done(struct cmd_ctx *ctx, json_t *r, const char *fmt,
    int64_t id)
{
	if (ctx->json)
		cmd_print_json(ctx, r);
	else {
		printf(fmt, (long long)id);
		printf("\n");
	}
	json_decref(r);
}

int
cmd_dispute_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "body-file", required_argument, NULL, 'F' },
		{ "state", required_argument, NULL, 's' },
		{ "sanction", required_argument, NULL, 'S' },
		{ "member", required_argument, NULL, 'm' },
		{ "for", required_argument, NULL, 'f' },
		{ "assigned", no_argument, NULL, 'a' },
		{ "mine", no_argument, NULL, 'M' },
		{ "all", no_argument, NULL, 'A' },
		{ "active", no_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd_entry	*e = cmd_find("dispute");
	struct cmd_dispute_opts	 o;
	const char		*sub, *word;
	json_t			*args, *r, *sanction;
	char			*text;
	int64_t			 id = 0;
	int			 i, n, rc;

	memset(&o, 0, sizeof o);
	i = cmd_parse(ctx, e, argc, argv, longopts, "F:", cmd_dispute_opt,
	    &o);
	if (i < 0)
		return (i == -2 ? EXIT_OK : EXIT_USAGE);
	if (i == argc)
		return (cmd_usage(e));
	sub = argv[i++];
	n = argc - i;
	/* An option that means nothing to the subcommand is a mistake. */
	if ((strcmp(sub, "list") != 0 && (o.state != NULL || o.assigned ||
	    o.mine)) || (strcmp(sub, "sanctions") != 0 && (o.all ||
	    o.active)))
		return (cmd_usage(e));

	/* Every subcommand but open, list and sanctions takes an id. */
	if (strcmp(sub, "open") != 0 && strcmp(sub, "list") != 0 &&
	    strcmp(sub, "sanctions") != 0) {
		if (n < 1)
			return (cmd_usage(e));
		if (cmd_id(strcmp(sub, "lift") == 0 ? "sanction" : "dispute",
		    argv[i], &id) != 0)
			return (EXIT_USAGE);
		i++;
		n--;
	}
	if (strcmp(sub, "list") == 0) {
		if (n != 0)
			return (cmd_usage(e));
		return (cmd_dispute_list(ctx, &o));
	}
	if (strcmp(sub, "show") == 0) {
		if (n != 0)
			return (cmd_usage(e));
		return (cmd_dispute_show(ctx, id));
	}
	if (strcmp(sub, "sanctions") == 0) {
		if (n > 1 || (n == 1 && o.all))
			return (cmd_usage(e));
		return (cmd_dispute_sanctions(ctx, n == 1 ? argv[i] : NULL,
		    &o));
	}
	if (strcmp(sub, "assign") == 0) {
		if (n > 1)
			return (cmd_usage(e));
		args = json_pack("{s:I}", "id", (json_int_t)id);
		if (n == 1)
			json_object_set_new(args, "to", json_string(argv[i]));
		if (cmd_dispute_write(ctx, "dispute-assign", args, NULL, NULL,
		    NULL, &r) != EXIT_OK)
			return (EXIT_FAIL);
		if (json_is_true(json_object_get(r, "recused"))) {
			text = text_sanitize(cmd_str(r, "reason"),
			    strlen(cmd_str(r, "reason")), 0);
			fprintf(stderr, "moot: %s (the recusal is event %lld)"
			    "\n", text, (long long)cmd_int(r, "seq"));
			free(text);
			json_decref(r);
			return (EXIT_FAIL);
		}
		if (ctx->json)
			cmd_print_json(ctx, r);
		else
			printf("Dispute #%lld is assigned to %s.\n",
			    (long long)id, cmd_str(r, "moderator"));
		json_decref(r);
		return (EXIT_OK);
	}

	/* The rest carry member-written text, after their words. */
	if (strcmp(sub, "open") == 0) {
		if (n < 1)
			return (cmd_usage(e));
		word = argv[i++];
	} else if (strcmp(sub, "resolve") == 0 || strcmp(sub, "decide") == 0) {
		if (n < 1)
			return (cmd_usage(e));
		word = argv[i++];
	} else if (strcmp(sub, "comment") == 0 || strcmp(sub, "appeal") == 0 ||
	    strcmp(sub, "lift") == 0)
		word = NULL;
	else
		return (cmd_usage(e));
	if (o.file != NULL && i < argc)
		return (cmd_usage(e));
	if (strcmp(sub, "resolve") == 0) {
		if (cmd_dispute_sanction(&o, &sanction) != 0)
			return (cmd_usage(e));
	} else {
		sanction = NULL;
		if (o.sanction != NULL || o.length != NULL || o.member != NULL)
			return (cmd_usage(e));
	}
	if (cmd_dispute_text(ctx, argc, argv, i, o.file, &text) != 0) {
		json_decref(sanction);
		return (EXIT_FAIL);
	}
	if (strcmp(sub, "open") == 0) {
		args = json_pack("{s:s,s:s}", "about", word, "reason", text);
		free(text);
		if ((rc = cmd_dispute_write(ctx, "dispute-open", args,
		    "reason", "reason", o.file, &r)) == EXIT_OK)
			cmd_dispute_done(ctx, r, "Dispute #%lld is open; a "
			    "moderator will take it.", cmd_int(r, "id"));
		return (rc);
	}
	if (strcmp(sub, "comment") == 0) {
		args = json_pack("{s:I,s:s}", "id", (json_int_t)id, "body",
		    text);
		free(text);
		if ((rc = cmd_dispute_write(ctx, "dispute-comment", args,
		    "body", "comment", o.file, &r)) == EXIT_OK)
			cmd_dispute_done(ctx, r, "Added to the thread of "
			    "dispute #%lld.", id);
		return (rc);
	}
	if (strcmp(sub, "resolve") == 0) {
		args = json_pack("{s:I,s:s,s:s,s:o?}", "id", (json_int_t)id,
		    "outcome", word, "resolution", text, "sanction", sanction);
		free(text);
		if ((rc = cmd_dispute_write(ctx, "dispute-resolve", args,
		    "resolution", "resolution", o.file, &r)) == EXIT_OK)
			cmd_dispute_done(ctx, r, "Dispute #%lld is resolved.",
			    id);
		return (rc);
	}
	if (strcmp(sub, "appeal") == 0) {
		args = json_pack("{s:I,s:s}", "id", (json_int_t)id, "reason",
		    text);
		free(text);
		if ((rc = cmd_dispute_write(ctx, "dispute-appeal", args,
		    "reason", "appeal", o.file, &r)) != EXIT_OK)
			return (rc);
		if (ctx->json)
			cmd_print_json(ctx, r);
		else if (strcmp(cmd_str(r, "by"), "leaders") == 0)
			printf("Dispute #%lld is appealed; the leaders decide."
			    "\n", (long long)id);
		else
			printf("Dispute #%lld is appealed; the community votes "
			    "on it under the rule %s.\n", (long long)id,
			    cmd_str(r, "by"));
		json_decref(r);
		return (EXIT_OK);
	}
	if (strcmp(sub, "decide") == 0) {
		args = json_pack("{s:I,s:s,s:s}", "id", (json_int_t)id,
		    "decision", word, "reason", text);
		free(text);
		if ((rc = cmd_dispute_write(ctx, "dispute-decide", args,
		    "reason", "reason", o.file, &r)) == EXIT_OK)
			cmd_dispute_done(ctx, r, "The appeal of dispute #%lld "
			    "is decided.", id);
		return (rc);
	}
	/* lift */
	args = json_pack("{s:I,s:s}", "id", (json_int_t)id, "reason", text);
	free(text);
	if ((rc = cmd_dispute_write(ctx, "sanction-lift", args, "reason",
	    "reason", o.file, &r)) == EXIT_OK)
		cmd_dispute_done(ctx, r, "Sanction %lld is lifted.", id);
	return (rc);
}
