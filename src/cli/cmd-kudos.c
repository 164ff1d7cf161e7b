/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * moot kudos: thank another member (the write kudos), or list the kudos
 * a member received or gave (the query kudos-list), newest first.
 */
#include <stdlib.h>
#include <string.h>

#include "moot.h"

struct cmd_kudos_opts {
	const char	*about;
	bool		 list;
	bool		 given;
};

static int
cmd_kudos_opt(int ch, const char *arg, void *p)
{
	struct cmd_kudos_opts	*o = p;

	switch (ch) {
	case 'a':
		o->about = arg;
		return (0);
	case 'l':
		o->list = true;
		return (0);
	case 'g':
		o->given = true;
		return (0);
	default:
		return (-1);
	}
}

/* kudos --list [--given] [LOGIN]. */
static int
cmd_kudos_list(struct cmd_ctx *ctx, const char *member, bool given)
{
	json_t		*args, *r, *v, *who;
	char		*when, *note;
	int64_t		 after = -1;
	size_t		 j;
	bool		 first = true;
	int		 rc;

	for (;;) {
		args = json_pack("{s:I,s:b}", "limit", (json_int_t)200,
		    "given", given);
		if (member != NULL)
			json_object_set_new(args, "member",
			    json_string(member));
		if (after >= 0)
			json_object_set_new(args, "after", json_integer(after));
		rc = cmd_call(ctx, "kudos-list", args, &r);
		json_decref(args);
		if (rc != 0)
			return (EXIT_FAIL);
		if (first && !ctx->json)
			printf("%s received %lld kudos and gave %lld.\n",
			    member != NULL ? member : "You",
			    (long long)cmd_int(r, "received"),
			    (long long)cmd_int(r, "given"));
		first = false;
		json_array_foreach(json_object_get(r, "kudos"), j, v) {
			if (ctx->json) {
				cmd_print_json(ctx, v);
				continue;
			}
			who = json_object_get(v, given ? "to" : "from");
			when = cmd_time(ctx, cmd_int(v, "ts"));
			note = cmd_fit(ctx, json_is_string(json_object_get(v,
			    "note")) ? cmd_str(v, "note") : "(redacted)", 200);
			printf("%s  %s %s: %s", when, given ? "to" : "from",
			    cmd_str(who, "name"), note);
			if (json_is_string(json_object_get(v, "about")))
				printf(" (about %s)", cmd_str(v, "about"));
			printf("\n");
			free(note);
			free(when);
		}
		v = json_object_get(r, "next");
		if (!json_is_integer(v)) {
			json_decref(r);
			return (EXIT_OK);
		}
		after = json_integer_value(v);
		json_decref(r);
	}
}

int
cmd_kudos_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "about", required_argument, NULL, 'a' },
		{ "list", no_argument, NULL, 'l' },
		{ "given", no_argument, NULL, 'g' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd_entry	*e = cmd_find("kudos");
	struct cmd_kudos_opts	 o;
	json_t			*args, *r;
	int			 i, rc;

	memset(&o, 0, sizeof o);
	i = cmd_parse(ctx, e, argc, argv, longopts, "a:l", cmd_kudos_opt, &o);
	if (i < 0)
		return (i == -2 ? EXIT_OK : EXIT_USAGE);
	if (o.list) {
		if (argc - i > 1 || o.about != NULL)
			return (cmd_usage(e));
		return (cmd_kudos_list(ctx, argc - i == 1 ? argv[i] : NULL,
		    o.given));
	}
	if (argc - i != 2 || o.given)
		return (cmd_usage(e));
	args = json_pack("{s:s,s:s}", "to", argv[i], "note", argv[i + 1]);
	if (o.about != NULL)
		json_object_set_new(args, "about", json_string(o.about));
	rc = cmd_call(ctx, "kudos", args, &r);
	json_decref(args);
	if (rc != 0)
		return (EXIT_FAIL);
	if (ctx->json)
		cmd_print_json(ctx, r);
	else
		printf("Kudos to %s (kudos %lld).\n", cmd_str(r, "to"),
		    (long long)cmd_int(r, "id"));
	json_decref(r);
	return (EXIT_OK);
}
