/* SPDX-License-Identifier: GPL-3.0-or-later */
/* moot redact: Redact an event's body (see cmd_id_reason() in cmd.c). */
#include "moot.h"

int
cmd_redact_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	return (cmd_id_reason(ctx, argc, argv, "redact", "seq", true,
	    "The text of event %lld is redacted; the chain still verifies.\n"));
}
