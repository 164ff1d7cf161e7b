/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * moot show: one proposal in full: its header, text, discussion (hidden
 * comments as "hidden by NAME: reason", redacted text as such) and the
 * timeline of its events.
 */
#include <stdlib.h>
#include <string.h>

#include "moot/text.h"
#include "moot.h"

static int
cmd_show_opt(int ch, const char *arg, void *p)
{
	if (ch != 'A')
		return (-1);
	return (cmd_id("comment", arg, p));
}

/* "  " before every line of a body. */
static void
cmd_show_indented(const char *s)
{
	char	*safe, *line, *next;

	safe = text_sanitize(s, strlen(s), TEXT_SHOW_LINES);
	for (line = safe; line != NULL; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		if (next == NULL && *line == '\0')
			break;
		printf("    %s\n", line);
	}
	free(safe);
}

static void
cmd_show_redacted(json_t *red)
{
	printf("[redacted by event %lld: ", (long long)cmd_int(red, "by"));
	cmd_print_text(cmd_str(red, "reason"), 0);
	printf("]");
}

int
cmd_show_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	json_t	*args, *r, *c, *red;
	char	*when;
	int64_t	 id, after = -1;
	size_t	 k;
	int	 i;

	i = cmd_parse(ctx, cmd_find("show"), argc, argv, (const struct option[]){
	    { "after", required_argument, NULL, 'A' }, { NULL, 0, NULL, 0 } },
	    "", cmd_show_opt, &after);
	if (i < 0)
		return (i == -2 ? EXIT_OK : EXIT_USAGE);
	if (argc - i != 1)
		return (cmd_usage(cmd_find("show")));
	if (cmd_id("proposal", argv[i], &id) != 0)
		return (EXIT_USAGE);
	args = json_pack("{s:I}", "id", (json_int_t)id);
	if (after > 0)
		json_object_set_new(args, "after", json_integer(after));
	i = cmd_call(ctx, "show", args, &r);
	json_decref(args);
	if (i != 0)
		return (EXIT_FAIL);
	if (ctx->json) {
		cmd_print_json(ctx, r);
		json_decref(r);
		return (EXIT_OK);
	}
	red = json_object_get(r, "redacted");
	printf("#%lld ", (long long)id);
	if (red != NULL)
		cmd_show_redacted(red);
	else
		cmd_print_text(cmd_str(r, "title"), 0);
	when = cmd_time(ctx, cmd_int(r, "created_ts"));
	printf("\n%s %s by ", cmd_str(r, "state"), cmd_str(r, "kind"));
	cmd_print_text(cmd_str(r, "author"), 0);
	printf(", %s, licence ", when);
	cmd_print_text(cmd_str(r, "licence"), 0);
	printf("\n");
	free(when);
	if (json_object_get(r, "withdrawn_reason") != NULL) {
		printf("withdrawn: ");
		if (json_object_get(r, "withdrawn_reason_redacted") != NULL)
			cmd_show_redacted(json_object_get(r,
			    "withdrawn_reason_redacted"));
		else if (json_is_string(json_object_get(r,
		    "withdrawn_reason")))
			cmd_print_text(cmd_str(r, "withdrawn_reason"), 0);
		else
			printf("(no reason given)");
		printf("\n");
	}
	printf("\n");
	if (red == NULL)
		cmd_show_indented(cmd_str(r, "body"));
	cmd_vote_print(ctx, r);

	if (after > 0)
		printf("\nDiscussion (after comment %lld):\n", (long long)after);
	else
		printf("\nDiscussion (%zu%s):\n",
		    json_array_size(json_object_get(r, "comments")),
		    json_is_null(json_object_get(r, "comments_next")) ? "" :
		    " shown");
	json_array_foreach(json_object_get(r, "comments"), k, c) {
		when = cmd_time(ctx, cmd_int(c, "created_ts"));
		printf("  [%lld] ", (long long)cmd_int(c, "id"));
		cmd_print_text(cmd_str(c, "author"), 0);
		printf(", %s:\n", when);
		free(when);
		if (json_is_true(json_object_get(c, "hidden"))) {
			printf("    (hidden by ");
			cmd_print_text(cmd_str(c, "hidden_by"), 0);
			printf(": ");
			if (json_object_get(c, "hidden_reason_redacted"))
				cmd_show_redacted(json_object_get(c,
				    "hidden_reason_redacted"));
			else
				cmd_print_text(cmd_str(c, "hidden_reason"), 0);
			printf(")\n");
		}
		if (json_object_get(c, "redacted") != NULL) {
			printf("    ");
			cmd_show_redacted(json_object_get(c, "redacted"));
			printf("\n");
		} else if (json_is_string(json_object_get(c, "body")))
			cmd_show_indented(cmd_str(c, "body"));
	}
	if (!json_is_null(json_object_get(r, "comments_next")))
		printf("  more: moot show %lld --after %lld\n", (long long)id,
		    (long long)cmd_int(r, "comments_next"));

	printf("\nTimeline:\n");
	json_array_foreach(json_object_get(r, "timeline"), k, c) {
		when = cmd_time(ctx, cmd_int(c, "ts"));
		printf("  %6lld  %s  %-18s %-12s ", (long long)cmd_int(c, "seq"),
		    when, cmd_str(c, "type"), cmd_str(c, "ref"));
		cmd_print_text(cmd_str(c, "actor"), 0);
		printf("\n");
		free(when);
	}
	json_decref(r);
	return (EXIT_OK);
}
