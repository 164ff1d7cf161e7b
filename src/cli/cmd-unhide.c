/* SPDX-License-Identifier: GPL-3.0-or-later */
/* moot unhide: Show a hidden comment again (see cmd_id_reason() in cmd.c). */
#include "moot.h"

int
cmd_unhide_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	return (cmd_id_reason(ctx, argc, argv, "unhide", "id", true,
	    "Comment %lld is shown again.\n"));
}
