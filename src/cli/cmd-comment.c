/* SPDX-License-Identifier: GPL-3.0-or-later */
/* moot comment: comment on a proposal, from the arguments, a file or the
 * member's editor. */
#include <stdlib.h>
#include <string.h>

#include "moot/text.h"
#include "moot.h"

static int
cmd_comment_opt(int ch, const char *arg, void *p)
{
	if (ch != 'F')
		return (-1);
	*(const char **)p = arg;
	return (0);
}

int
cmd_comment_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "body-file", required_argument, NULL, 'F' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd_entry	*e = cmd_find("comment");
	const char		*file = NULL;
	struct buf		 b;
	json_t			*args, *r;
	char			*text = NULL;
	int64_t			 id;
	int			 i, k;

	i = cmd_parse(ctx, e, argc, argv, longopts, "F:", cmd_comment_opt, &file);
	if (i < 0)
		return (i == -2 ? EXIT_OK : EXIT_USAGE);
	if (argc - i < 1 || (file != NULL && argc - i > 1))
		return (cmd_usage(e));
	if (cmd_id("proposal", argv[i], &id) != 0)
		return (EXIT_USAGE);
	if (argc - i > 1) {
		buf_init(&b);
		for (k = i + 1; k < argc; k++) {
			if (k > i + 1)
				buf_addc(&b, ' ');
			buf_adds(&b, argv[k]);
		}
		text = buf_steal(&b, NULL);
	} else if (file != NULL) {
		if (cmd_read_file(file, &text) != 0)
			return (EXIT_FAIL);
	} else if (cmd_edit(ctx, NULL, &text) != 0)
		return (EXIT_FAIL);
	args = json_pack("{s:I,s:s}", "proposal", (json_int_t)id, "body",
	    text);
	i = cmd_call(ctx, "comment", args, &r);
	json_decref(args);
	if (i != 0) {
		if (file == NULL) {
			cmd_give_back("comment", text);
		}
		free(text);
		return (EXIT_FAIL);
	}
	free(text);
	if (ctx->json)
		cmd_print_json(ctx, r);
	else
		printf("Comment %lld added to #%lld.\n",
		    (long long)cmd_int(r, "id"), (long long)id);
	json_decref(r);
	return (EXIT_OK);
}
