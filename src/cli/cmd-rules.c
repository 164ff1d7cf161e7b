/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * moot rules: list the community's rules and its [governance]; `show
 * NAME [--version N]` prints one rule as the INI a rules file holds
 * (moot-rules(5)) with its history; `set FILE [--remove NAME]...` changes
 * them directly, for leaders where [governance] allows it.
 */
#include <stdlib.h>
#include <string.h>

#include "moot/rules.h"
#include "moot/text.h"
#include "moot.h"

struct cmd_rules_opts {
	int64_t		 version;
	json_t		*remove;
};

static int
cmd_rules_opt(int ch, const char *arg, void *p)
{
	struct cmd_rules_opts	*o = p;

	switch (ch) {
	case 'v':
		return (cmd_id("version", arg, &o->version));
	case 'R':
		json_array_append_new(o->remove, json_string(arg));
		return (0);
	}
	return (-1);
}

static int
cmd_rules_list(struct cmd_ctx *ctx)
{
	json_t		*r, *rule, *g, *v;
	const char	*k;
	size_t		 i;

	if (cmd_call(ctx, "rules", NULL, &r) != 0)
		return (EXIT_FAIL);
	if (ctx->json) {
		cmd_print_json(ctx, r);
		json_decref(r);
		return (EXIT_OK);
	}
	if (json_array_size(json_object_get(r, "rules")) == 0)
		printf("This community has no rules yet: a leader sets them "
		    "with `moot rules set FILE`.\n");
	else
		printf("%-16s %4s  %-10s %s\n", "RULE", "VER", "METHOD",
		    "DESCRIPTION");
	json_array_foreach(json_object_get(r, "rules"), i, rule) {
		printf("%-16s %4lld  %-10s ", cmd_str(rule, "name"),
		    (long long)cmd_int(rule, "version"),
		    cmd_str(rule, "method"));
		cmd_print_text(cmd_str(rule, "description"), 0);
		printf("\n");
	}
	if ((g = json_object_get(r, "governance")) != NULL) {
		printf("\n[governance] (version %lld)\n",
		    (long long)cmd_int(r, "governance_version"));
		json_object_foreach(g, k, v)
			printf("%s = %s\n", k, json_string_value(v));
	}
	json_decref(r);
	return (EXIT_OK);
}

/* A value as a rules file holds it (quoted when iniparser needs it). */
static void
cmd_rules_value(const char *v)
{
	if (*v == '\0' || strpbrk(v, ";#\"") != NULL || v[0] == ' ' ||
	    v[strlen(v) - 1] == ' ') {
		putchar('"');
		for (; *v != '\0'; v++) {
			if (*v == '"' || *v == '\\')
				putchar('\\');
			putchar(*v);
		}
		putchar('"');
	} else
		cmd_print_text(v, 0);
}

static int
cmd_rules_show(struct cmd_ctx *ctx, const char *name, int64_t version)
{
	json_t		*args, *r, *v, *h;
	const char	*k;
	char		*when;
	size_t		 i;
	int		 rc;

	args = json_pack("{s:s}", "name", name);
	if (version > 0)
		json_object_set_new(args, "version", json_integer(version));
	rc = cmd_call(ctx, "rules", args, &r);
	json_decref(args);
	if (rc != 0)
		return (EXIT_FAIL);
	if (ctx->json) {
		cmd_print_json(ctx, r);
		json_decref(r);
		return (EXIT_OK);
	}
	when = cmd_time(ctx, cmd_int(r, "ts"));
	printf("# rule %s, version %lld, set %s by event %lld", name,
	    (long long)cmd_int(r, "version"), when, (long long)cmd_int(r,
	    "seq"));
	free(when);
	if (json_is_string(json_object_get(r, "cause")))
		printf(" (%s passed)", cmd_str(r, "cause"));
	if (json_is_null(json_object_get(r, "rule")))
		printf("\n# this version removed the rule\n");
	else
		printf("\n[%s]\n", name);
	json_object_foreach(json_object_get(r, "rule"), k, v) {
		printf("%s = ", k);
		cmd_rules_value(json_string_value(v));
		printf("\n");
	}
	printf("\n# history:\n");
	json_array_foreach(json_object_get(r, "history"), i, h) {
		when = cmd_time(ctx, cmd_int(h, "ts"));
		printf("#   version %lld  %s  event %lld%s%s%s\n",
		    (long long)cmd_int(h, "version"), when,
		    (long long)cmd_int(h, "seq"),
		    json_is_true(json_object_get(h, "removed")) ?
		    "  removed" : "",
		    json_is_string(json_object_get(h, "cause")) ? "  by " : "",
		    cmd_str(h, "cause"));
		free(when);
	}
	json_decref(r);
	return (EXIT_OK);
}

/* The change of a rules file and --remove names, for set and propose. */
int
cmd_rules_change(const char *file, json_t *remove, json_t **change)
{
	json_t	*rules, *name;
	char	*cause = NULL, *safe;
	size_t	 i;

	*change = NULL;
	if (file != NULL) {
		if (rules_file_load(file, false, change, &cause) != 0) {
			safe = text_sanitize(cause, strlen(cause), 0);
			fprintf(stderr, "moot: %s\n", safe);
			free(safe);
			free(cause);
			return (-1);
		}
	} else
		*change = json_pack("{s:{}}", "rules");
	rules = json_object_get(*change, "rules");
	json_array_foreach(remove, i, name) {
		if (json_object_get(rules, json_string_value(name)) != NULL) {
			fprintf(stderr, "moot: the rule %s is both in the file "
			    "and removed\n", json_string_value(name));
			json_decref(*change);
			*change = NULL;
			return (-1);
		}
		json_object_set_new(rules, json_string_value(name),
		    json_null());
	}
	return (0);
}

static int
cmd_rules_set(struct cmd_ctx *ctx, const char *file, json_t *remove)
{
	json_t		*change, *args, *r, *v;
	const char	*k;
	int		 rc;

	if (cmd_rules_change(file, remove, &change) != 0)
		return (EXIT_FAIL);
	args = json_pack("{s:o}", "change", change);
	rc = cmd_call(ctx, "rules-set", args, &r);
	json_decref(args);
	if (rc != 0)
		return (EXIT_FAIL);
	if (ctx->json)
		cmd_print_json(ctx, r);
	else {
		json_object_foreach(json_object_get(r, "rules"), k, v)
			printf("%s rule %s.\n", json_is_null(v) ? "Removed" :
			    "Set", k);
		printf("The change is event %lld.\n", (long long)cmd_int(r,
		    "seq"));
	}
	json_decref(r);
	return (EXIT_OK);
}

int
cmd_rules_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "version", required_argument, NULL, 'v' },
		{ "remove", required_argument, NULL, 'R' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd_entry	*e = cmd_find("rules");
	struct cmd_rules_opts	 o;
	int			 i, rc;

	memset(&o, 0, sizeof o);
	o.remove = json_array();
	i = cmd_parse(ctx, e, argc, argv, longopts, "", cmd_rules_opt, &o);
	if (i < 0) {
		json_decref(o.remove);
		return (i == -2 ? EXIT_OK : EXIT_USAGE);
	}
	if (i == argc && o.version == 0 && json_array_size(o.remove) == 0)
		rc = cmd_rules_list(ctx);
	else if (argc - i == 2 && strcmp(argv[i], "show") == 0 &&
	    json_array_size(o.remove) == 0)
		rc = cmd_rules_show(ctx, argv[i + 1], o.version);
	else if (argc - i <= 2 && argc - i >= 1 &&
	    strcmp(argv[i], "set") == 0 && o.version == 0 &&
	    (argc - i == 2 || json_array_size(o.remove) != 0))
		rc = cmd_rules_set(ctx, argc - i == 2 ? argv[i + 1] : NULL,
		    o.remove);
	else
		rc = cmd_usage(e);
	json_decref(o.remove);
	return (rc);
}
