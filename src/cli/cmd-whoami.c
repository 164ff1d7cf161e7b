/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * moot whoami: who the server says you are (from the kernel, never from
 * anything moot sends), your role, and which server answered: mootd at
 * its socket, or the server in this process on a database file. The
 * hello's "mode" says which, whatever moot believes it connected to.
 */
#include <string.h>

#include "moot.h"

int
cmd_whoami_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	json_t		*r, *hello;
	const char	*role;
	bool		 daemon;
	int		 i;

	i = cmd_parse(ctx, cmd_find("whoami"), argc, argv, NULL, "", NULL, NULL);
	if (i < 0)
		return (i == -2 ? EXIT_OK : EXIT_USAGE);
	if (i != argc)
		return (cmd_usage(cmd_find("whoami")));
	if (cmd_call(ctx, "whoami", NULL, &r) != 0)
		return (EXIT_FAIL);
	hello = client_hello(ctx->client);
	daemon = strcmp(cmd_str(hello, "mode"), "daemon") == 0;
	if (json_object_get(r, "server") == NULL)
		json_object_set(r, "server", json_object_get(hello, "server"));
	if (daemon && ctx->socket != NULL)
		json_object_set_new(r, "socket", json_string(ctx->socket));
	if (ctx->json) {
		cmd_print_json(ctx, r);
		json_decref(r);
		return (EXIT_OK);
	}
	cmd_print_text(cmd_str(r, "name"), 0);
	printf(" (uid %lld), ", (long long)cmd_int(r, "uid"));
	role = cmd_str(r, "role");
	if (strcmp(cmd_str(r, "status"), "invited") == 0)
		printf("invited to ");
	else if (strcmp(role, "none") == 0)
		printf("not a member of ");
	else
		printf("%s of ", role);
	cmd_print_text(json_object_get(r, "community") != NULL ?
	    cmd_str(r, "community") : "(no community yet)", 0);
	if (strcmp(role, "none") == 0)
		printf(" (join with `moot join`)");
	printf("\nserver: ");
	if (daemon) {
		printf("mootd at ");
		cmd_print_text(ctx->socket != NULL ? ctx->socket : "?", 0);
		printf(" (");
		cmd_print_text(cmd_str(hello, "server"), 0);
		printf(")\n");
	} else {
		printf("in-process, database ");
		cmd_print_text(cmd_str(r, "database"), 0);
		printf("\n");
	}
	json_decref(r);
	return (EXIT_OK);
}
