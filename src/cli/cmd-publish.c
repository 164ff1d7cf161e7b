/* SPDX-License-Identifier: GPL-3.0-or-later */
/* moot publish: Open a draft for discussion (see cmd_id_reason() in cmd.c). */
#include "moot.h"

int
cmd_publish_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	return (cmd_id_reason(ctx, argc, argv, "publish", "id", false,
	    "#%lld is open for discussion.\n"));
}
