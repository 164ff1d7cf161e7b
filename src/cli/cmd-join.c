/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * moot join: read the community agreement and accept it. On a terminal
 * the agreement is shown and the member is asked; without one, --yes is
 * required, so that nobody accepts an agreement they were not shown.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "moot/text.h"
#include "moot.h"

static int
cmd_join_opt(int ch, const char *arg, void *p)
{
	if (ch != 'y')
		return (-1);
	*(bool *)p = true;
	return (0);
}

int
cmd_join_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "yes", no_argument, NULL, 'y' },
		{ NULL, 0, NULL, 0 }
	};
	json_t	*community, *args, *r;
	char	 answer[16];
	bool	 yes = false;
	int	 i;

	i = cmd_parse(ctx, cmd_find("join"), argc, argv, longopts, "y",
	    cmd_join_opt, &yes);
	if (i < 0)
		return (i == -2 ? EXIT_OK : EXIT_USAGE);
	if (i != argc)
		return (cmd_usage(cmd_find("join")));
	if (cmd_call(ctx, "community", NULL, &community) != 0)
		return (EXIT_FAIL);
	if (!yes) {
		if (!isatty(STDIN_FILENO)) {
			fprintf(stderr, "moot: read the agreement (moot join "
			    "on a terminal) and accept it with moot join "
			    "--yes\n");
			json_decref(community);
			return (EXIT_USAGE);
		}
		printf("The agreement of ");
		cmd_print_text(cmd_str(community, "name"), 0);
		printf(", version ");
		cmd_print_text(cmd_str(community, "agreement_version"), 0);
		printf(":\n\n");
		cmd_print_text(cmd_str(community, "agreement"),
		    TEXT_SHOW_LINES);
		printf("\nAccept it and join? [y/N] ");
		fflush(stdout);
		if (fgets(answer, sizeof answer, stdin) == NULL ||
		    (answer[0] != 'y' && answer[0] != 'Y')) {
			printf("Not joined.\n");
			json_decref(community);
			return (EXIT_FAIL);
		}
	}
	args = json_pack("{s:s}", "agreement_version",
	    cmd_str(community, "agreement_version"));
	json_decref(community);
	i = cmd_call(ctx, "join", args, &r);
	json_decref(args);
	if (i != 0)
		return (EXIT_FAIL);
	if (ctx->json)
		cmd_print_json(ctx, r);
	else {
		printf("Welcome to ");
		cmd_print_text(cmd_str(r, "community"), 0);
		printf(". You accepted agreement version ");
		cmd_print_text(cmd_str(r, "agreement_version"), 0);
		printf(".\n");
	}
	json_decref(r);
	return (EXIT_OK);
}
