/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * moot init: create the community in a new database. The settings come
 * from moot.conf's [community] section unless options override them; the
 * caller, or --leader USER, becomes the first leader.
 */
#include <stdlib.h>
#include <string.h>

#include "moot/rules.h"
#include "moot/text.h"
#include "moot.h"

static const char cmd_init_agreement[] =
    "Members of this community govern it together through moot.\n"
    "\n"
    "By joining you agree that:\n"
    "- what you write in moot (proposals, comments, reasons) is recorded "
    "in a\n  governance log that every member can read and verify;\n"
    "- your proposals are published under the licence they name, by "
    "default\n  the community's;\n"
    "- you treat other members with respect, and moderators may hide "
    "comments\n  that break this agreement, always with a reason shown "
    "to all.\n";

struct cmd_init_opts {
	const char	*name;
	const char	*leader;
	const char	*membership;
	const char	*agreement;
	const char	*version;
	const char	*licence;
	const char	*rules;
};

static int
cmd_init_opt(int ch, const char *arg, void *p)
{
	struct cmd_init_opts	*o = p;

	switch (ch) {
	case 'n': o->name = arg; break;
	case 'L': o->leader = arg; break;
	case 'm': o->membership = arg; break;
	case 'a': o->agreement = arg; break;
	case 'v': o->version = arg; break;
	case 'l': o->licence = arg; break;
	case 'r': o->rules = arg; break;
	default: return (-1);
	}
	return (0);
}

int
cmd_init_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "leader", required_argument, NULL, 'L' },
		{ "membership", required_argument, NULL, 'm' },
		{ "agreement", required_argument, NULL, 'a' },
		{ "agreement-version", required_argument, NULL, 'v' },
		{ "licence", required_argument, NULL, 'l' },
		{ "rules", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	struct cmd_init_opts	 o;
	struct config		*cfg = ctx->cfg;
	const char		*path;
	char			*text = NULL;
	json_t			*args, *r, *rules = NULL;
	char			*cause = NULL, *safe;
	int			 i;

	memset(&o, 0, sizeof o);
	i = cmd_parse(ctx, cmd_find("init"), argc, argv, longopts, "", cmd_init_opt,
	    &o);
	if (i < 0)
		return (i == -2 ? EXIT_OK : EXIT_USAGE);
	if (i != argc)
		return (cmd_usage(cmd_find("init")));
	if (o.rules != NULL && rules_file_load(o.rules, true, &rules,
	    &cause) != 0) {
		safe = text_sanitize(cause, strlen(cause), 0);
		fprintf(stderr, "moot: %s\n", safe);
		free(safe);
		free(cause);
		return (EXIT_FAIL);
	}
	path = o.agreement != NULL ? o.agreement : cfg->agreement_file;
	if (path != NULL && *path != '\0') {
		if (cmd_read_file(path, &text) != 0) {
			json_decref(rules);
			return (EXIT_FAIL);
		}
	} else
		text = xstrdup(cmd_init_agreement);

	args = json_pack("{s:s,s:s,s:s,s:s,s:s}",
	    "name", o.name != NULL ? o.name : cfg->community_name,
	    "agreement", text,
	    "agreement_version", o.version != NULL ? o.version :
	    cfg->agreement_version,
	    "licence", o.licence != NULL ? o.licence : cfg->licence,
	    "membership", o.membership != NULL ? o.membership :
	    cfg->membership);
	if (o.leader != NULL)
		json_object_set_new(args, "leader", json_string(o.leader));
	if (rules != NULL)
		json_object_set_new(args, "rules", rules);
	free(text);
	if (cmd_call(ctx, "init", args, &r) != 0) {
		json_decref(args);
		return (EXIT_FAIL);
	}
	json_decref(args);
	if (ctx->json)
		cmd_print_json(ctx, r);
	else {
		printf("Created the community ");
		cmd_print_text(cmd_str(r, "community"), 0);
		printf(" in %s; its leader is ", ctx->db);
		cmd_print_text(cmd_str(r, "leader"), 0);
		printf(".\n");
	}
	json_decref(r);
	return (EXIT_OK);
}
