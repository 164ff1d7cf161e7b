/* SPDX-License-Identifier: GPL-3.0-or-later */
/* moot hide: Hide a comment (see cmd_id_reason() in cmd.c). */
#include "moot.h"

int
cmd_hide_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	return (cmd_id_reason(ctx, argc, argv, "hide", "id", true,
	    "Comment %lld is hidden.\n"));
}
