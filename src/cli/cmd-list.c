/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * moot list: proposals, newest first, one line each. On a terminal the
 * titles are cut to its width; piped, nothing is cut. Paging is by key:
 * the last line says how to ask for the next page.
 */
#include <stdlib.h>
#include <string.h>

#include "moot/text.h"
#include "moot.h"

struct cmd_list_opts {
	const char	*state;
	const char	*author;
	int64_t		 after;
	int64_t		 limit;
};

static int
cmd_list_opt(int ch, const char *arg, void *p)
{
	struct cmd_list_opts	*o = p;

	switch (ch) {
	case 's': o->state = arg; return (0);
	case 'a': o->author = arg; return (0);
	case 'A': return (cmd_id("id", arg, &o->after));
	case 'n': return (cmd_id("limit", arg, &o->limit));
	default: return (-1);
	}
}

int
cmd_list_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "state", required_argument, NULL, 's' },
		{ "author", required_argument, NULL, 'a' },
		{ "after", required_argument, NULL, 'A' },
		{ "limit", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	struct cmd_list_opts	 o = { NULL, NULL, -1, 50 };
	json_t			*args, *r, *row;
	char			*author, *title, *safe;
	const char		*state;
	size_t			 k;
	int			 i, w;

	i = cmd_parse(ctx, cmd_find("list"), argc, argv, longopts, "s:a:n:",
	    cmd_list_opt, &o);
	if (i < 0)
		return (i == -2 ? EXIT_OK : EXIT_USAGE);
	if (i != argc)
		return (cmd_usage(cmd_find("list")));
	args = json_pack("{s:I}", "limit", (json_int_t)o.limit);
	if (o.after > 0)
		json_object_set_new(args, "after", json_integer(o.after));
	if (o.state != NULL)
		json_object_set_new(args, "state", json_string(o.state));
	if (o.author != NULL)
		json_object_set_new(args, "author", json_string(o.author));
	i = cmd_call(ctx, "list", args, &r);
	json_decref(args);
	if (i != 0)
		return (EXIT_FAIL);
	if (ctx->json) {
		cmd_print_json(ctx, r);
		json_decref(r);
		return (EXIT_OK);
	}
	if (json_array_size(json_object_get(r, "proposals")) == 0)
		printf("No proposals%s%s.\n", o.state != NULL ? " in state " :
		    "", o.state != NULL ? o.state : "");
	else
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
	if (!json_is_null(json_object_get(r, "next"))) {
		safe = xasprintf("more: moot list --after %lld%s%s",
		    (long long)cmd_int(r, "next"), o.state != NULL ?
		    " --state " : "", o.state != NULL ? o.state : "");
		printf("%s\n", safe);
		free(safe);
	}
	json_decref(r);
	return (EXIT_OK);
}
