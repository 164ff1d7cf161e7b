/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Votes from the command line: moot open-vote, moot vote, moot veto, and
 * the vote section of moot show (the rule in force, deadlines, turnout,
 * your ballot, and the count with its explanation where the rule lets
 * you see it).
 */
#include <stdlib.h>
#include <string.h>

#include "moot/text.h"
#include "moot.h"

/* The one operand ID of a command with no options of its own. */
static int
cmd_vote_id(struct cmd_ctx *ctx, const char *name, int argc, char **argv,
    int64_t *id)
{
	const struct cmd_entry	*e = cmd_find(name);
	int			 i;

	i = cmd_parse(ctx, e, argc, argv, NULL, "", NULL, NULL);
	if (i < 0)
		return (i == -2 ? EXIT_OK : EXIT_USAGE);
	if (argc - i != 1)
		return (cmd_usage(e));
	if (cmd_id("proposal", argv[i], id) != 0)
		return (EXIT_USAGE);
	return (-1);
}

int
cmd_open_vote_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	json_t	*args, *r;
	char	*when;
	int64_t	 id;
	int	 rc;

	if ((rc = cmd_vote_id(ctx, "open-vote", argc, argv, &id)) >= 0)
		return (rc);
	args = json_pack("{s:I}", "id", (json_int_t)id);
	rc = cmd_call(ctx, "open-vote", args, &r);
	json_decref(args);
	if (rc != 0)
		return (EXIT_FAIL);
	if (ctx->json)
		cmd_print_json(ctx, r);
	else {
		when = cmd_time(ctx, cmd_int(r, "closes_ts"));
		printf("Voting on #%lld is open under the rule %s (version "
		    "%lld) until %s.\n", (long long)id, cmd_str(r, "rule"),
		    (long long)cmd_int(r, "version"), when);
		free(when);
	}
	json_decref(r);
	return (EXIT_OK);
}

int
cmd_vote_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	const struct cmd_entry	*e = cmd_find("vote");
	struct buf		 choice;
	json_t			*args, *r;
	int64_t			 id;
	int			 i;

	i = cmd_parse(ctx, e, argc, argv, NULL, "", NULL, NULL);
	if (i < 0)
		return (i == -2 ? EXIT_OK : EXIT_USAGE);
	if (argc - i < 2)
		return (cmd_usage(e));
	if (cmd_id("proposal", argv[i], &id) != 0)
		return (EXIT_USAGE);
	/* "moot vote 3 Ana > Babak" arrives as several words: join them. */
	buf_init(&choice);
	for (i++; i < argc; i++)
		buf_addf(&choice, "%s%s", choice.len == 0 ? "" : " ",
		    argv[i]);
	buf_addc(&choice, '\0');
	args = json_pack("{s:I,s:s}", "id", (json_int_t)id, "choice",
	    choice.data);
	buf_free(&choice);
	i = cmd_call(ctx, "vote", args, &r);
	json_decref(args);
	if (i != 0)
		return (EXIT_FAIL);
	if (ctx->json)
		cmd_print_json(ctx, r);
	else {
		printf("Your ballot on #%lld %s: ", (long long)id,
		    json_is_true(json_object_get(r, "changed")) ?
		    "is now" : "is");
		cmd_print_text(cmd_str(r, "choice"), 0);
		printf(".\n");
	}
	json_decref(r);
	return (EXIT_OK);
}

int
cmd_veto_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	return (cmd_id_reason(ctx, argc, argv, "veto", "id", true,
	    "The vote on #%lld is vetoed.\n"));
}

/* "yesno, quorum 30%, threshold >1/2" from a frozen rule. */
static void
cmd_vote_rule_line(json_t *rule)
{
	const char	*q, *t, *d;

	printf("%s", cmd_str(rule, "method"));
	q = cmd_str(rule, "quorum");
	if (strcmp(q, "none") != 0 && strcmp(q, "0") != 0)
		printf(", quorum %s", q);
	t = cmd_str(rule, "threshold");
	if (*t != '\0')
		printf(", threshold %s", t);
	if (strcmp(cmd_str(rule, "seats"), "1") != 0 &&
	    *cmd_str(rule, "seats") != '\0')
		printf(", %s seats", cmd_str(rule, "seats"));
	d = cmd_str(rule, "default_option");
	if (*d != '\0') {
		printf(", default option ");
		cmd_print_text(d, 0);
	}
	printf(", results %s", cmd_str(rule, "results"));
	if (strcmp(cmd_str(rule, "veto"), "none") != 0)
		printf(", veto by %s", cmd_str(rule, "veto"));
}

static void
cmd_vote_names(const char *label, json_t *names)
{
	json_t	*n;
	size_t	 i;

	if (json_array_size(names) == 0)
		return;
	printf("  %s: ", label);
	json_array_foreach(names, i, n) {
		if (i != 0)
			printf(", ");
		cmd_print_text(json_string_value(n), 0);
	}
	printf("\n");
}

/* The count (a vote.closed body, or the live count): summary and detail. */
static void
cmd_vote_count(json_t *vote, json_t *count, bool closed)
{
	json_t	*rule = json_object_get(vote, "text");

	printf("  %s", closed ? "" : "so far: ");
	cmd_print_text(cmd_str(count, "summary"), 0);
	printf("\n");
	cmd_vote_names(json_array_size(json_object_get(count, "winners")) > 1 ?
	    "Winners" : "Winner", json_object_get(count, "winners"));
	cmd_vote_names("Tied", json_object_get(count, "tied"));
	cmd_tally_explain(json_object_get(vote, "options"),
	    cmd_str(rule, "method"), json_object_get(count, "explain"));
}

/* What a rules, role or agreement proposal would change. */
static void
cmd_vote_change(json_t *p)
{
	json_t		*change = json_object_get(p, "change"), *v;
	const char	*kind = cmd_str(p, "kind"), *k;
	bool		 first = true;

	if (!json_is_object(change))
		return;
	if (strcmp(kind, "role") == 0) {
		printf("\nChanges a role: ");
		cmd_print_text(cmd_str(change, "user"), 0);
		printf(" becomes %s.\n", cmd_str(change, "role"));
		return;
	}
	if (strcmp(kind, "agreement") == 0) {
		printf("\nChanges the agreement to version ");
		cmd_print_text(cmd_str(change, "version"), 0);
		printf(":\n");
		cmd_print_text(cmd_str(change, "agreement"), 0);
		printf("\n");
		return;
	}
	printf("\nChanges the rules:\n");
	json_object_foreach(json_object_get(change, "rules"), k, v) {
		if (json_is_null(v)) {
			printf("  removes %s\n", k);
			continue;
		}
		printf("  sets %s: ", k);
		cmd_vote_rule_line(v);
		printf("\n");
	}
	printf("  [governance] then:");
	json_object_foreach(json_object_get(change, "governance"), k, v) {
		printf("%s %s = %s", first ? "" : ",", k,
		    json_string_value(v));
		first = false;
	}
	printf("\n");
}

void
cmd_vote_print(struct cmd_ctx *ctx, json_t *p)
{
	json_t	*vote, *options, *o, *result;
	char	*when;
	size_t	 i;

	cmd_vote_change(p);
	vote = json_object_get(p, "vote");
	options = json_object_get(p, "options");
	if (vote == NULL) {
		if (json_is_string(json_object_get(p, "rule"))) {
			printf("\nTo be decided under the rule %s",
			    cmd_str(p, "rule"));
			if (strcmp(cmd_str(p, "state"), "discussion") == 0)
				printf(" (moot open-vote %lld when the "
				    "discussion is done)",
				    (long long)cmd_int(p, "id"));
			printf(".\n");
		}
		if (json_array_size(options) != 0) {
			printf("Options:\n");
			json_array_foreach(options, i, o) {
				printf("  %zu. ", i + 1);
				cmd_print_text(json_string_value(o), 0);
				printf("\n");
			}
		}
		return;
	}
	printf("\nVote under the rule %s, version %lld (",
	    cmd_str(vote, "rule"), (long long)cmd_int(vote, "version"));
	cmd_vote_rule_line(json_object_get(vote, "text"));
	printf("):\n");
	options = json_object_get(vote, "options");
	json_array_foreach(options, i, o) {
		printf("  %zu. ", i + 1);
		cmd_print_text(json_string_value(o), 0);
		printf("\n");
	}
	when = cmd_time(ctx, cmd_int(vote, "opened_ts"));
	printf("  opened %s", when);
	free(when);
	if (strcmp(cmd_str(p, "state"), "voting") == 0) {
		when = cmd_time(ctx, cmd_int(vote, json_is_true(
		    json_object_get(vote, "extended")) ? "max_ts" :
		    "closes_ts"));
		printf(", closes %s%s\n", when, json_is_true(json_object_get(
		    vote, "extended")) ? " at the latest (running on until "
		    "it has quorum)" : "");
		free(when);
		printf("  ballots: %lld of %lld eligible", (long long)cmd_int(
		    vote, "ballots"), (long long)cmd_int(vote, "eligible"));
	} else {
		when = cmd_time(ctx, cmd_int(vote, "closed_ts"));
		printf(", closed %s", when);
		free(when);
		result = json_object_get(vote, "result");
		if (json_is_true(json_object_get(result, "early")))
			printf(" (early: the outcome could no longer change)");
		printf("\n  ballots: %lld", (long long)cmd_int(vote,
		    "ballots"));
	}
	if (json_is_string(json_object_get(vote, "my_ballot"))) {
		printf("; yours: ");
		cmd_print_text(cmd_str(vote, "my_ballot"), 0);
	}
	printf("\n");

	if (strcmp(cmd_str(vote, "outcome"), "vetoed") == 0) {
		printf("  vetoed: ");
		if (json_object_get(vote, "veto_reason_redacted") != NULL)
			printf("[redacted]");
		else
			cmd_print_text(cmd_str(vote, "veto_reason"), 0);
		printf("\n");
	} else if (strcmp(cmd_str(p, "state"), "closed") == 0) {
		result = json_object_get(vote, "result");
		cmd_vote_count(vote, result, true);
		if (json_is_string(json_object_get(result, "change_error"))) {
			printf("  not applied: ");
			cmd_print_text(cmd_str(result, "change_error"), 0);
			printf("\n");
		} else if (json_object_get(p, "applied_seq") != NULL)
			printf("  applied by event %lld\n", (long long)cmd_int(
			    p, "applied_seq"));
	} else if (json_object_get(vote, "count") != NULL)
		cmd_vote_count(vote, json_object_get(vote, "count"), false);
	else
		printf("  the count is shown %s\n", strcmp(cmd_str(
		    json_object_get(vote, "text"), "results"), "after-vote") ==
		    0 ? "once you have voted" : "when the vote closes");
}
