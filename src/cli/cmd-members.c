/* SPDX-License-Identifier: GPL-3.0-or-later */
/* moot members: members, their roles and contributions, by uid. */
#include <stdlib.h>
#include <string.h>

#include "moot.h"

struct cmd_members_opts {
	int64_t	after;
	int64_t	limit;
};

static int
cmd_members_opt(int ch, const char *arg, void *p)
{
	struct cmd_members_opts	*o = p;

	switch (ch) {
	case 'A':
		return (cmd_id("uid", arg, &o->after));
	case 'n':
		return (cmd_id("limit", arg, &o->limit));
	default:
		return (-1);
	}
}

int
cmd_members_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "after", required_argument, NULL, 'A' },
		{ "limit", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	struct cmd_members_opts	 o = { -1, 0 };
	json_t			*args, *r, *m, *row, *k;
	char			*name;
	int64_t			 shown = 0;
	size_t			 j;
	int			 i;

	i = cmd_parse(ctx, cmd_find("members"), argc, argv, longopts, "n:",
	    cmd_members_opt, &o);
	if (i < 0)
		return (i == -2 ? EXIT_OK : EXIT_USAGE);
	if (i != argc)
		return (cmd_usage(cmd_find("members")));
	if (!ctx->json)
		printf("%-8s %-16s %-10s %-8s %9s %8s %7s %6s %5s %5s\n",
		    "UID", "NAME", "ROLE", "STATUS", "PROPOSALS", "COMMENTS",
		    "BALLOTS", "PASSED", "TASKS", "KUDOS");
	for (;;) {
		args = json_pack("{s:I}", "limit", (json_int_t)(o.limit != 0 &&
		    o.limit - shown < 200 ? o.limit - shown : 200));
		if (o.after >= 0)
			json_object_set_new(args, "after",
			    json_integer(o.after));
		i = cmd_call(ctx, "members", args, &r);
		json_decref(args);
		if (i != 0)
			return (EXIT_FAIL);
		m = json_object_get(r, "members");
		json_array_foreach(m, j, row) {
			shown++;
			if (ctx->json) {
				cmd_print_json(ctx, row);
				continue;
			}
			name = cmd_fit(ctx, cmd_str(row, "name"), 16);
			k = json_object_get(row, "contributions");
			printf("%-8lld %-16s %-10s %-8s %9lld %8lld %7lld "
			    "%6lld %5lld %5lld\n", (long long)cmd_int(row,
			    "uid"), name,
			    cmd_str(row, "role"), cmd_str(row, "status"),
			    (long long)cmd_int(k, "proposals"),
			    (long long)cmd_int(k, "comments"),
			    (long long)cmd_int(k, "ballots"),
			    (long long)cmd_int(k, "passed"),
			    (long long)cmd_int(k, "tasks_done"),
			    (long long)cmd_int(k, "kudos_received"));
			free(name);
		}
		if (json_is_null(json_object_get(r, "next")) ||
		    (o.limit != 0 && shown >= o.limit)) {
			json_decref(r);
			break;
		}
		o.after = cmd_int(r, "next");
		json_decref(r);
	}
	return (EXIT_OK);
}
