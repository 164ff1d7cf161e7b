/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * moot verify: ask the server to prove the log (verify.c) and map its
 * answer to the documented exit codes: 0 intact, 1 could not verify,
 * 3 tampered, 4 head file disagrees, 5 projections differ.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "moot/log.h"
#include "moot.h"

#define EXIT_TAMPERED		3
#define EXIT_HEAD		4
#define EXIT_PROJECTIONS	5

struct cmd_verify_opts {
	const char	*head;
	bool		 nocheck;
};

static int
cmd_verify_opt(int ch, const char *arg, void *p)
{
	struct cmd_verify_opts	*o = p;

	switch (ch) {
	case 'H': o->head = arg; return (0);
	case 'N': o->nocheck = true; return (0);
	default: return (-1);
	}
}

int
cmd_verify_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "head", required_argument, NULL, 'H' },
		{ "no-check", no_argument, NULL, 'N' },
		{ NULL, 0, NULL, 0 }
	};
	struct cmd_verify_opts	 o = { NULL, false };
	const char		*status;
	char			 hex[CANON_HEX_LEN + 1], *cause = NULL;
	json_t			*args, *r;
	int64_t			 seq;
	int			 i, rc;

	i = cmd_parse(ctx, cmd_find("verify"), argc, argv, longopts, "",
	    cmd_verify_opt, &o);
	if (i < 0)
		return (i == -2 ? EXIT_OK : EXIT_USAGE);
	if (i != argc)
		return (cmd_usage(cmd_find("verify")));
	args = json_pack("{s:b}", "projections", !o.nocheck);
	if (o.head != NULL) {
		/* A member's own copy: read here, sent as values. */
		if (log_head_read(o.head, &seq, hex, &cause) != 0) {
			fprintf(stderr, "moot: %s\n", cause);
			free(cause);
			json_decref(args);
			return (EXIT_FAIL);
		}
		json_object_set_new(args, "head", json_pack("{s:I,s:s}",
		    "seq", (json_int_t)seq, "hash", hex));
	}
	i = cmd_call(ctx, "verify", args, &r);
	json_decref(args);
	if (i != 0)
		return (EXIT_FAIL);
	status = cmd_str(r, "status");
	if (strcmp(status, "ok") == 0)
		rc = EXIT_OK;
	else if (strcmp(status, "tampered") == 0)
		rc = EXIT_TAMPERED;
	else if (strcmp(status, "rolled-back") == 0 ||
	    strcmp(status, "forked") == 0)
		rc = EXIT_HEAD;
	else if (strcmp(status, "projections") == 0)
		rc = EXIT_PROJECTIONS;
	else
		rc = EXIT_FAIL;
	if (ctx->json)
		cmd_print_json(ctx, r);
	else {
		if (json_object_get(r, "warning") != NULL)
			fprintf(stderr, "moot: warning: %s\n",
			    cmd_str(r, "warning"));
		if (rc == EXIT_OK)
			printf("ok: %lld events, head %lld %s\n",
			    (long long)cmd_int(r, "events"),
			    (long long)cmd_int(r, "events"),
			    cmd_str(r, "head"));
		else if (rc == EXIT_TAMPERED)
			printf("tampered: %s\n", cmd_str(r, "message"));
		else
			printf("%s\n", cmd_str(r, "message"));
	}
	json_decref(r);
	return (rc);
}
