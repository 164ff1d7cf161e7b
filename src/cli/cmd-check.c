/* SPDX-License-Identifier: GPL-3.0-or-later */
/* moot check: rebuild the projections from the log and compare. */
#include <stdlib.h>

#include "moot.h"

int
cmd_check_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	json_t	*r, *d;
	size_t	 k;
	int	 i, rc;

	i = cmd_parse(ctx, cmd_find("check"), argc, argv, NULL, "", NULL, NULL);
	if (i < 0)
		return (i == -2 ? EXIT_OK : EXIT_USAGE);
	if (i != argc)
		return (cmd_usage(cmd_find("check")));
	if (cmd_call(ctx, "check", NULL, &r) != 0)
		return (EXIT_FAIL);
	rc = json_is_true(json_object_get(r, "ok")) ? EXIT_OK : 5;
	if (ctx->json)
		cmd_print_json(ctx, r);
	else if (rc == EXIT_OK)
		printf("ok: the projections match the log (%lld events "
		    "replayed)\n", (long long)cmd_int(r, "events"));
	else {
		printf("the projections differ from the log:\n");
		json_array_foreach(json_object_get(r, "differences"), k, d) {
			char *key = json_dumps(json_object_get(d, "key"),
			    JSON_ENCODE_ANY);

			printf("  %s %s: %s", cmd_str(d, "table"), key,
			    cmd_str(d, "problem"));
			if (json_object_get(d, "column") != NULL)
				printf(" (%s)", cmd_str(d, "column"));
			printf("\n");
			free(key);
		}
	}
	json_decref(r);
	return (rc);
}
