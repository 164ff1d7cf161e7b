/* SPDX-License-Identifier: GPL-3.0-or-later */
/* moot role USER ROLE: a leader changes a member's role. */
#include "moot.h"

int
cmd_role_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	json_t	*args, *r;
	int	 i;

	i = cmd_parse(ctx, cmd_find("role"), argc, argv, NULL, "", NULL, NULL);
	if (i < 0)
		return (i == -2 ? EXIT_OK : EXIT_USAGE);
	if (argc - i != 2)
		return (cmd_usage(cmd_find("role")));
	args = json_pack("{s:s,s:s}", "user", argv[i], "role", argv[i + 1]);
	i = cmd_call(ctx, "role", args, &r);
	json_decref(args);
	if (i != 0)
		return (EXIT_FAIL);
	if (ctx->json)
		cmd_print_json(ctx, r);
	else {
		cmd_print_text(cmd_str(r, "name"), 0);
		printf(" is now %s (was %s).\n", cmd_str(r, "role"),
		    cmd_str(r, "previous"));
	}
	json_decref(r);
	return (EXIT_OK);
}
