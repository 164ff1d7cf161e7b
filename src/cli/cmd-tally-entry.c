/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The table entry of moot tally: it needs no server, so it hands its
 * arguments (and the global --json) to cmd_tally_main() in cmd-tally.c.
 */
#include <stdlib.h>

#include "moot.h"

int
cmd_tally_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	char	**av;
	int	  i, n = 0, rc;

	av = xreallocarray(NULL, (size_t)argc + 2, sizeof *av);
	for (i = 0; i < argc; i++)
		av[n++] = argv[i];
	if (ctx->json)
		av[n++] = (char *)"--json";
	av[n] = NULL;
	optind = 0;
	rc = cmd_tally_main(n, av);
	free(av);
	return (rc);
}
