/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * moot list: proposals, newest first (or in the order --sort names), one
 * line each, those whose text has every word of --search if given. On a
 * terminal the titles are cut to its width; piped, nothing is cut.
 * Paging is by key: the last line says how to ask for the next page
 * (--after an id, or for the other orders the cursor the server gave).
 */
#include <stdlib.h>
#include <string.h>

#include "moot/text.h"
#include "moot.h"

struct cmd_list_opts {
	const char	*state;
	const char	*author;
	const char	*after;		/* an id, or a cursor KEY:ID */
	const char	*search;
	const char	*sort;
	int64_t		 limit;
};

static int
cmd_list_opt(int ch, const char *arg, void *p)
{
	struct cmd_list_opts	*o = p;
	int64_t			 id;

	switch (ch) {
	case 's': o->state = arg; return (0);
	case 'a': o->author = arg; return (0);
	case 'A':
		o->after = arg;
		return (strchr(arg, ':') != NULL ? 0 : cmd_id("id", arg, &id));
	case 'n': return (cmd_id("limit", arg, &o->limit));
	case 'q': o->search = arg; return (0);
	case 'o': o->sort = arg; return (0);
	default: return (-1);
	}
}

/* Add s to b quoted for a POSIX shell: 'it'\''s'. */
static void
cmd_list_quote(struct buf *b, const char *s)
{
	buf_addc(b, '\'');
	for (; *s != '\0'; s++) {
		if (*s == '\'')
			buf_adds(b, "'\\''");
		else
			buf_addc(b, *s);
	}
	buf_addc(b, '\'');
}

/* The command that asks for the page after this one. Caller frees. */
static char *
cmd_list_more(struct cmd_list_opts *o, json_t *next)
{
	struct buf	 b;

	buf_init(&b);
	if (json_is_integer(next))
		buf_addf(&b, "moot list --after %lld",
		    (long long)json_integer_value(next));
	else
		buf_addf(&b, "moot list --after %s", json_string_value(next));
	if (o->sort != NULL)
		buf_addf(&b, " --sort %s", o->sort);
	if (o->state != NULL)
		buf_addf(&b, " --state %s", o->state);
	if (o->author != NULL) {
		buf_adds(&b, " --author ");
		cmd_list_quote(&b, o->author);
	}
	if (o->search != NULL) {
		buf_adds(&b, " --search ");
		cmd_list_quote(&b, o->search);
	}
	buf_addc(&b, '\0');
	return (buf_steal(&b, NULL));
}

int
cmd_list_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "state", required_argument, NULL, 's' },
		{ "author", required_argument, NULL, 'a' },
		{ "after", required_argument, NULL, 'A' },
		{ "limit", required_argument, NULL, 'n' },
		{ "search", required_argument, NULL, 'q' },
		{ "sort", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	struct cmd_list_opts	 o = { NULL, NULL, NULL, NULL, NULL, 50 };
	json_t			*args, *r, *row, *next;
	char			*author, *title, *safe, *more;
	const char		*state;
	int64_t			 after;
	size_t			 k;
	int			 i, w;

	i = cmd_parse(ctx, cmd_find("list"), argc, argv, longopts, "s:a:n:",
	    cmd_list_opt, &o);
	if (i < 0)
		return (i == -2 ? EXIT_OK : EXIT_USAGE);
	if (i != argc)
		return (cmd_usage(cmd_find("list")));
	args = json_pack("{s:I}", "limit", (json_int_t)o.limit);
	if (o.after != NULL && strchr(o.after, ':') != NULL)
		json_object_set_new(args, "cursor", json_string(o.after));
	else if (o.after != NULL && cmd_id("id", o.after, &after) == 0)
		json_object_set_new(args, "after", json_integer(after));
	if (o.state != NULL)
		json_object_set_new(args, "state", json_string(o.state));
	if (o.author != NULL)
		json_object_set_new(args, "author", json_string(o.author));
	if (o.search != NULL)
		json_object_set_new(args, "search", json_string(o.search));
	if (o.sort != NULL)
		json_object_set_new(args, "sort", json_string(o.sort));
	i = cmd_call(ctx, "list", args, &r);
	json_decref(args);
	if (i != 0)
		return (EXIT_FAIL);
	if (ctx->json) {
		cmd_print_json(ctx, r);
		json_decref(r);
		return (EXIT_OK);
	}
	if (json_array_size(json_object_get(r, "proposals")) == 0) {
		safe = o.search != NULL ? text_sanitize(o.search,
		    strlen(o.search), 0) : NULL;
		printf("No proposals%s%s%s%s%s.\n",
		    o.state != NULL ? " in state " : "",
		    o.state != NULL ? o.state : "",
		    safe != NULL ? " match \"" : "", safe != NULL ? safe : "",
		    safe != NULL ? "\"" : "");
		free(safe);
	} else
		printf("%5s  %-10s  %-12s %4s  %s\n", "#", "STATE", "AUTHOR",
		    "CMTS", "TITLE");
	json_array_foreach(json_object_get(r, "proposals"), k, row) {
		author = cmd_fit(ctx, cmd_str(row, "author"), 12);
		w = text_width(author);
		/* 5+2+10+2+12+1+4+2 = 38 cells before the title. */
		if (json_is_true(json_object_get(row, "redacted")))
			title = xstrdup("[redacted]");
		else
			title = cmd_fit(ctx, cmd_str(row, "title"),
			    ctx->cols > 40 ? ctx->cols - 38 : 40);
		/* A closed vote says how it ended; an open one, if you voted. */
		state = cmd_str(row, "state");
		if (json_is_string(json_object_get(row, "outcome")))
			state = cmd_str(row, "outcome");
		else if (json_is_string(json_object_get(row, "my_ballot")))
			state = "voted";
		printf("%5lld  %-10s  %s%*s %4lld  %s\n",
		    (long long)cmd_int(row, "id"), state,
		    author, w < 12 ? 12 - w : 0, "",
		    (long long)cmd_int(row, "comments"), title);
		free(author);
		free(title);
	}
	next = json_object_get(r, "next");
	if (json_is_integer(next) || json_is_string(next)) {
		more = cmd_list_more(&o, next);
		safe = text_sanitize(more, strlen(more), 0);
		printf("%lld in all; more: %s\n", (long long)cmd_int(r,
		    "total"), safe);
		free(safe);
		free(more);
	}
	json_decref(r);
	return (EXIT_OK);
}
