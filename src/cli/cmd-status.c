/* SPDX-License-Identifier: GPL-3.0-or-later */
/* moot status: one short line for a shell prompt or motd. */
#include <string.h>

#include "moot.h"

/* What else needs the member: disputes, a sanction in force. */
static void
cmd_status_more(struct cmd_ctx *ctx, json_t *r)
{
	json_t	*s;
	int64_t	 n;
	char	*until;

	if ((n = cmd_int(r, "tasks_overdue")) != 0)
		printf("; %lld task%s overdue", (long long)n,
		    n == 1 ? "" : "s");
	if ((n = cmd_int(r, "disputes_assigned")) != 0)
		printf("; %lld dispute%s assigned to you", (long long)n,
		    n == 1 ? "" : "s");
	if ((n = cmd_int(r, "disputes_unassigned")) != 0)
		printf("; %lld dispute%s waiting for a moderator",
		    (long long)n, n == 1 ? "" : "s");
	if ((s = json_object_get(r, "sanction")) != NULL) {
		until = cmd_time(ctx, cmd_int(s, "until"));
		printf("; %s until %s (dispute #%lld)",
		    strcmp(cmd_str(s, "kind"), "warn") == 0 ? "warned" :
		    strcmp(cmd_str(s, "kind"), "mute") == 0 ? "muted" :
		    "suspended", until, (long long)cmd_int(s, "dispute"));
		free(until);
	}
}

int
cmd_status_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	json_t	*r;
	int64_t	 disc, drafts, need;
	char	 span[32];
	int	 i;

	i = cmd_parse(ctx, cmd_find("status"), argc, argv, NULL, "", NULL, NULL);
	if (i < 0)
		return (i == -2 ? EXIT_OK : EXIT_USAGE);
	if (i != argc)
		return (cmd_usage(cmd_find("status")));
	if (cmd_call(ctx, "status", NULL, &r) != 0)
		return (EXIT_FAIL);
	if (ctx->json) {
		cmd_print_json(ctx, r);
		json_decref(r);
		return (EXIT_OK);
	}
	disc = cmd_int(r, "discussion");
	drafts = cmd_int(r, "my_drafts");
	need = cmd_int(r, "votes_need_you");
	if (need != 0) {
		moot_span(cmd_int(r, "next_close_ts") - cmd_int(r, "now_ts"),
		    span, sizeof span);
		printf("moot: %lld vote%s need%s you, the first closes in %s; "
		    "%lld proposal%s in discussion", (long long)need,
		    need == 1 ? "" : "s", need == 1 ? "s" : "", span,
		    (long long)disc, disc == 1 ? "" : "s");
	} else if (strcmp(cmd_str(r, "role"), "none") == 0)
		printf("moot: %lld proposal%s in discussion; you are not a "
		    "member (moot join)", (long long)disc,
		    disc == 1 ? "" : "s");
	else if (drafts != 0)
		printf("moot: %lld proposal%s in discussion; %lld draft%s of "
		    "yours", (long long)disc, disc == 1 ? "" : "s",
		    (long long)drafts, drafts == 1 ? "" : "s");
	else
		printf("moot: %lld proposal%s in discussion",
		    (long long)disc, disc == 1 ? "" : "s");
	cmd_status_more(ctx, r);
	printf("\n");
	json_decref(r);
	return (EXIT_OK);
}
