/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * moot propose: make a proposal. The text comes from --body, --body-file
 * or the member's editor, as git commit's message does.
 */
#include <stdlib.h>
#include <string.h>

#include "moot/text.h"
#include "moot.h"

struct cmd_propose_opts {
	const char	*title;
	const char	*body;
	const char	*file;
	const char	*kind;
	const char	*licence;
	bool		 draft;
};

static int
cmd_propose_opt(int ch, const char *arg, void *p)
{
	struct cmd_propose_opts	*o = p;

	switch (ch) {
	case 't': o->title = arg; break;
	case 'b': o->body = arg; break;
	case 'F': o->file = arg; break;
	case 'k': o->kind = arg; break;
	case 'l': o->licence = arg; break;
	case 'D': o->draft = true; break;
	default: return (-1);
	}
	return (0);
}

int
cmd_propose_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "title", required_argument, NULL, 't' },
		{ "body", required_argument, NULL, 'b' },
		{ "body-file", required_argument, NULL, 'F' },
		{ "kind", required_argument, NULL, 'k' },
		{ "licence", required_argument, NULL, 'l' },
		{ "license", required_argument, NULL, 'l' },
		{ "draft", no_argument, NULL, 'D' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd_entry	*e = cmd_find("propose");
	struct cmd_propose_opts	 o;
	json_t			*args, *r;
	char			*text = NULL;
	int			 i;

	memset(&o, 0, sizeof o);
	i = cmd_parse(ctx, e, argc, argv, longopts, "t:b:F:", cmd_propose_opt, &o);
	if (i < 0)
		return (i == -2 ? EXIT_OK : EXIT_USAGE);
	if (i != argc || o.title == NULL || (o.body != NULL && o.file != NULL))
		return (cmd_usage(e));
	if (o.body != NULL)
		text = xstrdup(o.body);
	else if (o.file != NULL) {
		if (cmd_read_file(o.file, &text) != 0)
			return (EXIT_FAIL);
	} else if (cmd_edit(ctx, NULL, &text) != 0)
		return (EXIT_FAIL);

	args = json_pack("{s:s,s:s,s:b}", "title", o.title, "body", text,
	    "draft", o.draft);
	if (o.kind != NULL)
		json_object_set_new(args, "kind", json_string(o.kind));
	if (o.licence != NULL)
		json_object_set_new(args, "licence", json_string(o.licence));
	i = cmd_call(ctx, "propose", args, &r);
	json_decref(args);
	if (i != 0) {
		/* Nothing typed is lost: give the text back. */
		if (o.body == NULL && o.file == NULL) {
			cmd_give_back("text", text);
		}
		free(text);
		return (EXIT_FAIL);
	}
	free(text);
	if (ctx->json)
		cmd_print_json(ctx, r);
	else
		printf("Proposed #%lld%s.\n", (long long)cmd_int(r, "id"),
		    o.draft ? " as a draft (moot publish to open it)" : "");
	json_decref(r);
	return (EXIT_OK);
}
