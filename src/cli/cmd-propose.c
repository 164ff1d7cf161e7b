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
	const char	*rule;
	json_t		*options;
	const char	*rules;		/* kind rules: a rules file */
	json_t		*remove;	/* kind rules: rules to remove */
	const char	*member;	/* kind role */
	const char	*role;
	const char	*agreement;	/* kind agreement: the new text */
	const char	*version;
	bool		 draft;
};

enum {
	CMD_PROPOSE_RULE = 256,
	CMD_PROPOSE_OPTION,
	CMD_PROPOSE_RULES,
	CMD_PROPOSE_REMOVE,
	CMD_PROPOSE_MEMBER,
	CMD_PROPOSE_ROLE,
	CMD_PROPOSE_AGREEMENT,
	CMD_PROPOSE_VERSION,
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
	case CMD_PROPOSE_RULE: o->rule = arg; break;
	case CMD_PROPOSE_OPTION:
		json_array_append_new(o->options, json_string(arg));
		break;
	case CMD_PROPOSE_RULES: o->rules = arg; break;
	case CMD_PROPOSE_REMOVE:
		json_array_append_new(o->remove, json_string(arg));
		break;
	case CMD_PROPOSE_MEMBER: o->member = arg; break;
	case CMD_PROPOSE_ROLE: o->role = arg; break;
	case CMD_PROPOSE_AGREEMENT: o->agreement = arg; break;
	case CMD_PROPOSE_VERSION: o->version = arg; break;
	default: return (-1);
	}
	return (0);
}

/*
 * The change a rules, role or agreement proposal carries, from its
 * options; the kind follows from them (and must agree with --kind).
 */
static int
cmd_propose_change(struct cmd_propose_opts *o, json_t **change)
{
	const char	*kind = NULL;
	char		*text;
	int		 n = 0;

	*change = NULL;
	if (o->rules != NULL || json_array_size(o->remove) != 0) {
		kind = "rules";
		n++;
	}
	if (o->member != NULL || o->role != NULL) {
		kind = "role";
		n++;
	}
	if (o->agreement != NULL || o->version != NULL) {
		kind = "agreement";
		n++;
	}
	if (n > 1) {
		fprintf(stderr, "moot: a proposal changes one thing: rules "
		    "(--rules, --remove), a role (--member, --role) or the "
		    "agreement (--agreement, --agreement-version)\n");
		return (-1);
	}
	if (kind == NULL) {
		if (o->kind != NULL && (strcmp(o->kind, "rules") == 0 ||
		    strcmp(o->kind, "role") == 0 ||
		    strcmp(o->kind, "agreement") == 0)) {
			fprintf(stderr, "moot: a %s proposal carries its change: "
			    "see moot propose --help\n", o->kind);
			return (-1);
		}
		return (0);
	}
	if (o->kind != NULL && strcmp(o->kind, kind) != 0) {
		fprintf(stderr, "moot: those options make a %s proposal, not "
		    "a %s\n", kind, o->kind);
		return (-1);
	}
	o->kind = kind;
	if (strcmp(kind, "rules") == 0)
		return (cmd_rules_change(o->rules, o->remove, change));
	if (strcmp(kind, "role") == 0) {
		if (o->member == NULL || o->role == NULL) {
			fprintf(stderr, "moot: a role proposal needs --member "
			    "USER and --role ROLE\n");
			return (-1);
		}
		*change = json_pack("{s:s,s:s}", "user", o->member, "role",
		    o->role);
		return (0);
	}
	if (o->agreement == NULL || o->version == NULL) {
		fprintf(stderr, "moot: an agreement proposal needs --agreement "
		    "FILE and --agreement-version V\n");
		return (-1);
	}
	if (cmd_read_file(o->agreement, &text) != 0)
		return (-1);
	*change = json_pack("{s:s,s:s}", "agreement", text, "version",
	    o->version);
	free(text);
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
		{ "rule", required_argument, NULL, CMD_PROPOSE_RULE },
		{ "option", required_argument, NULL, CMD_PROPOSE_OPTION },
		{ "rules", required_argument, NULL, CMD_PROPOSE_RULES },
		{ "remove", required_argument, NULL, CMD_PROPOSE_REMOVE },
		{ "member", required_argument, NULL, CMD_PROPOSE_MEMBER },
		{ "role", required_argument, NULL, CMD_PROPOSE_ROLE },
		{ "agreement", required_argument, NULL,
		  CMD_PROPOSE_AGREEMENT },
		{ "agreement-version", required_argument, NULL,
		  CMD_PROPOSE_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd_entry	*e = cmd_find("propose");
	struct cmd_propose_opts	 o;
	json_t			*args, *r, *change = NULL;
	char			*text = NULL;
	int			 i;

	memset(&o, 0, sizeof o);
	o.options = json_array();
	o.remove = json_array();
	i = cmd_parse(ctx, e, argc, argv, longopts, "t:b:F:", cmd_propose_opt, &o);
	if (i >= 0 && (i != argc || o.title == NULL ||
	    (o.body != NULL && o.file != NULL))) {
		cmd_usage(e);
		i = -1;
	}
	if (i >= 0 && cmd_propose_change(&o, &change) != 0)
		i = -3;
	json_decref(o.remove);
	if (i < 0) {
		json_decref(o.options);
		return (i == -2 ? EXIT_OK : i == -3 ? EXIT_FAIL : EXIT_USAGE);
	}
	if (o.body != NULL)
		text = xstrdup(o.body);
	else if ((o.file != NULL && cmd_read_file(o.file, &text) != 0) ||
	    (o.file == NULL && cmd_edit(ctx, NULL, &text) != 0)) {
		json_decref(o.options);
		json_decref(change);
		return (EXIT_FAIL);
	}

	args = json_pack("{s:s,s:s,s:b}", "title", o.title, "body", text,
	    "draft", o.draft);
	if (o.kind != NULL)
		json_object_set_new(args, "kind", json_string(o.kind));
	if (o.licence != NULL)
		json_object_set_new(args, "licence", json_string(o.licence));
	if (o.rule != NULL)
		json_object_set_new(args, "rule", json_string(o.rule));
	if (json_array_size(o.options) != 0)
		json_object_set(args, "options", o.options);
	json_decref(o.options);
	if (change != NULL)
		json_object_set_new(args, "change", change);
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
	else {
		printf("Proposed #%lld%s", (long long)cmd_int(r, "id"),
		    o.draft ? " as a draft (moot publish to open it)" : "");
		if (json_is_string(json_object_get(r, "rule")))
			printf(", to be decided under the rule %s",
			    cmd_str(r, "rule"));
		printf(".\n");
	}
	json_decref(r);
	return (EXIT_OK);
}
