/* SPDX-License-Identifier: GPL-3.0-or-later */
/* moot withdraw: Withdraw a proposal (see cmd_id_reason() in cmd.c). */
#include "moot.h"

int
cmd_withdraw_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	return (cmd_id_reason(ctx, argc, argv, "withdraw", "id", false,
	    "#%lld is withdrawn.\n"));
}
