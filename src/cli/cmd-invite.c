/* SPDX-License-Identifier: GPL-3.0-or-later */
/* moot invite USER: a moderator invites a local user to join. */
#include "moot.h"

int
cmd_invite_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	json_t	*args, *r;
	int	 i;

	i = cmd_parse(ctx, cmd_find("invite"), argc, argv, NULL, "", NULL, NULL);
	if (i < 0)
		return (i == -2 ? EXIT_OK : EXIT_USAGE);
	if (argc - i != 1)
		return (cmd_usage(cmd_find("invite")));
	args = json_pack("{s:s}", "user", argv[i]);
	i = cmd_call(ctx, "invite", args, &r);
	json_decref(args);
	if (i != 0)
		return (EXIT_FAIL);
	if (ctx->json)
		cmd_print_json(ctx, r);
	else {
		cmd_print_text(cmd_str(r, "name"), 0);
		printf(" is invited: they join with `moot join`.\n");
	}
	json_decref(r);
	return (EXIT_OK);
}
