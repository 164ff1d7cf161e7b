/* SPDX-License-Identifier: GPL-3.0-or-later */
/* moot edit: the author changes a draft's title or text. */
#include <stdlib.h>
#include <string.h>

#include "moot/text.h"
#include "moot.h"

struct cmd_edit_opts {
	const char	*title;
	const char	*body;
	const char	*file;
	bool		 editor;
};

static int
cmd_edit_opt(int ch, const char *arg, void *p)
{
	struct cmd_edit_opts	*o = p;

	switch (ch) {
	case 't': o->title = arg; break;
	case 'b': o->body = arg; break;
	case 'F': o->file = arg; break;
	case 'e': o->editor = true; break;
	default: return (-1);
	}
	return (0);
}

int
cmd_edit_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "title", required_argument, NULL, 't' },
		{ "body", required_argument, NULL, 'b' },
		{ "body-file", required_argument, NULL, 'F' },
		{ "editor", no_argument, NULL, 'e' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd_entry	*e = cmd_find("edit");
	struct cmd_edit_opts	 o;
	json_t			*args, *r, *cur;
	char			*text = NULL;
	int64_t			 id;
	int			 i;

	memset(&o, 0, sizeof o);
	i = cmd_parse(ctx, e, argc, argv, longopts, "t:b:F:e", cmd_edit_opt, &o);
	if (i < 0)
		return (i == -2 ? EXIT_OK : EXIT_USAGE);
	if (argc - i != 1 || (o.body != NULL) + (o.file != NULL) + o.editor > 1)
		return (cmd_usage(e));
	if (cmd_id("proposal", argv[i], &id) != 0)
		return (EXIT_USAGE);
	if (o.title == NULL && o.body == NULL && o.file == NULL && !o.editor) {
		fprintf(stderr, "moot: edit needs --title, --body, --body-file "
		    "or --editor\n");
		return (cmd_usage(e));
	}
	if (o.body != NULL)
		text = xstrdup(o.body);
	else if (o.file != NULL && cmd_read_file(o.file, &text) != 0)
		return (EXIT_FAIL);
	else if (o.editor) {
		args = json_pack("{s:I,s:i}", "id", (json_int_t)id, "limit", 1);
		i = cmd_call(ctx, "show", args, &cur);
		json_decref(args);
		if (i != 0)
			return (EXIT_FAIL);
		i = cmd_edit(ctx, cmd_str(cur, "body"), &text);
		json_decref(cur);
		if (i != 0)
			return (EXIT_FAIL);
	}
	args = json_pack("{s:I}", "id", (json_int_t)id);
	if (o.title != NULL)
		json_object_set_new(args, "title", json_string(o.title));
	if (text != NULL)
		json_object_set_new(args, "body", json_string(text));
	i = cmd_call(ctx, "edit", args, &r);
	json_decref(args);
	if (i != 0 && o.editor) {
		cmd_give_back("text", text);
	}
	free(text);
	if (i != 0)
		return (EXIT_FAIL);
	if (ctx->json)
		cmd_print_json(ctx, r);
	else
		printf("#%lld is updated.\n", (long long)id);
	json_decref(r);
	return (EXIT_OK);
}
