/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * moot stats: how the community takes part, from the server's stats
 * query (query-stats.c): headline figures, the turnout of the latest
 * closed votes as bars and the events of each week as a sparkline. The
 * report fits the terminal's width (80 columns when piped). Block
 * characters are drawn only when the locale's character set is UTF-8;
 * otherwise the bars are '#' and '.' and the sparkline " .:-=+*#".
 * Titles are member-written: they are sanitized and cut by terminal
 * cells like every other command's.
 */
#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "moot/text.h"
#include "moot.h"

#define CMD_STATS_WEEKS_MAX	104
#define CMD_STATS_VOTES_MAX	100
#define CMD_STATS_BAR		20	/* cells of a turnout bar */
#define CMD_STATS_COUNTS	13	/* cells for "(99999/99999)" */
/* The indent, "#" and 5 digits, a space, the title, 2 spaces, the bar,
 * 2 spaces, "100%", a space and the counts. */
#define CMD_STATS_FIXED		(2 + 6 + 1 + 2 + CMD_STATS_BAR + 2 + 4 + 1 + \
				 CMD_STATS_COUNTS)

struct cmd_stats_opts {
	int64_t	weeks;
	int64_t	votes;
};

static int
cmd_stats_opt(int ch, const char *arg, void *p)
{
	struct cmd_stats_opts	*o = p;

	switch (ch) {
	case 'w':
		if (cmd_id("weeks", arg, &o->weeks) != 0)
			return (-1);
		if (o->weeks > CMD_STATS_WEEKS_MAX) {
			fprintf(stderr, "moot: weeks must be between 1 and "
			    "%d\n", CMD_STATS_WEEKS_MAX);
			return (-1);
		}
		return (0);
	case 'v':
		if (cmd_id("votes", arg, &o->votes) != 0)
			return (-1);
		if (o->votes > CMD_STATS_VOTES_MAX) {
			fprintf(stderr, "moot: votes must be between 1 and "
			    "%d\n", CMD_STATS_VOTES_MAX);
			return (-1);
		}
		return (0);
	default:
		return (-1);
	}
}

/* Whether the terminal takes UTF-8: the locale's character set says. */
static bool
cmd_stats_utf8(void)
{
	const char	*cs = nl_langinfo(CODESET);

	return (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0);
}

/* A bar of CMD_STATS_BAR cells filled to share (0..1). */
static void
cmd_stats_bar(double share, bool utf8)
{
	int	filled, i;

	filled = (int)(share * CMD_STATS_BAR + 0.5);
	if (filled > CMD_STATS_BAR)
		filled = CMD_STATS_BAR;
	if (filled < 0)
		filled = 0;
	for (i = 0; i < CMD_STATS_BAR; i++) {
		if (utf8)
			fputs(i < filled ? "\u2588" : "\u2591", stdout);
		else
			putchar(i < filled ? '#' : '.');
	}
}

/* One closed vote: "#12   Title   ████░░░░  62% (25/40)". */
static void
cmd_stats_vote(json_t *v, int tw, bool utf8)
{
	json_t		*turnout, *eligible;
	const char	*title;
	char		*safe, *cut, counts[64];
	int		 w;

	title = json_string_value(json_object_get(v, "title"));
	safe = title != NULL ? text_sanitize(title, strlen(title), 0) :
	    xstrdup("[redacted]");
	/* Cut whatever the output: the bars must line up. */
	cut = text_truncate(safe, tw);
	w = text_width(cut);
	printf("  #%-5lld %s%*s  ", (long long)cmd_int(v, "id"), cut,
	    w < tw ? tw - w : 0, "");
	free(cut);
	free(safe);

	turnout = json_object_get(v, "turnout");
	eligible = json_object_get(v, "eligible");
	if (json_is_number(turnout)) {
		cmd_stats_bar(json_number_value(turnout), utf8);
		snprintf(counts, sizeof counts, "(%lld/%lld)",
		    (long long)cmd_int(v, "ballots"),
		    (long long)json_integer_value(eligible));
		printf("  %3d%% %s\n",
		    (int)(json_number_value(turnout) * 100 + 0.5), counts);
	} else if (json_is_integer(eligible))
		printf("nobody was eligible\n");
	else
		printf("%s, %lld ballot%s cast\n", cmd_str(v, "outcome"),
		    (long long)cmd_int(v, "ballots"),
		    cmd_int(v, "ballots") == 1 ? "" : "s");
}

/* The events of each week as a sparkline, cols cells a line at most. */
static void
cmd_stats_sparkline(json_t *weeks, int cols, bool utf8)
{
	static const char *const blocks[] = { " ", "\u2581", "\u2582",
	    "\u2583", "\u2584", "\u2585", "\u2586", "\u2587", "\u2588" };
	static const char	 ascii[] = " .:-=+*#";
	json_t			*wk;
	int64_t			 max = 0, sum = 0, n, levels;
	size_t			 k;
	int			 level, x = 0;

	json_array_foreach(weeks, k, wk) {
		n = cmd_int(wk, "events");
		sum += n;
		if (n > max)
			max = n;
	}
	/* An empty week is blank; any other has at least the lowest mark. */
	levels = utf8 ? 8 : 7;
	fputs("  ", stdout);
	json_array_foreach(weeks, k, wk) {
		if (x == cols) {
			fputs("\n  ", stdout);
			x = 0;
		}
		n = cmd_int(wk, "events");
		level = max == 0 ? 0 : (int)((n * levels + max - 1) / max);
		if (utf8)
			fputs(blocks[level], stdout);
		else
			putchar(ascii[level]);
		x++;
	}
	printf("\n  max %lld a week, %lld in these weeks\n", (long long)max,
	    (long long)sum);
}

/* A UTC date, for the start of a week (weeks begin Monday, UTC). */
static void
cmd_stats_date(int64_t ms, char *out, size_t size)
{
	struct tm	tm;
	time_t		t = (time_t)(ms / 1000);

	gmtime_r(&t, &tm);
	strftime(out, size, "%Y-%m-%d", &tm);
}

static void
cmd_stats_print(struct cmd_ctx *ctx, json_t *r)
{
	json_t		*votes, *weeks, *v;
	char		 span[32], date[32];
	int		 cols, tw;
	size_t		 k;
	bool		 utf8 = cmd_stats_utf8();

	cols = ctx->cols > 0 ? ctx->cols : 80;
	tw = cols - CMD_STATS_FIXED > 8 ? cols - CMD_STATS_FIXED : 8;

	printf("Active members:    %lld of %lld in the last 30 days\n",
	    (long long)cmd_int(r, "active_30d"),
	    (long long)cmd_int(r, "members"));
	if (json_is_integer(json_object_get(r, "decision_median_ms"))) {
		moot_span(cmd_int(r, "decision_median_ms"), span, sizeof span);
		printf("Time to decision:  %s (median of %lld closed "
		    "proposal%s)\n", span, (long long)cmd_int(r, "decided"),
		    cmd_int(r, "decided") == 1 ? "" : "s");
	} else
		printf("Time to decision:  no proposal decided yet\n");
	if (json_is_integer(json_object_get(r, "dispute_median_ms"))) {
		moot_span(cmd_int(r, "dispute_median_ms"), span, sizeof span);
		printf("Time to resolve:   %s (median of %lld dispute%s)\n",
		    span, (long long)cmd_int(r, "disputes_resolved"),
		    cmd_int(r, "disputes_resolved") == 1 ? "" : "s");
	} else
		printf("Time to resolve:   no dispute resolved yet\n");

	votes = json_object_get(r, "votes");
	if (json_array_size(votes) == 0)
		printf("Turnout:           no vote closed yet\n");
	else {
		if (json_is_number(json_object_get(r, "turnout_median")))
			printf("Turnout:           %d%% (median of the votes "
			    "below)\n", (int)(json_number_value(json_object_get(
			    r, "turnout_median")) * 100 + 0.5));
		printf("\nTurnout of the latest closed votes:\n");
		json_array_foreach(votes, k, v)
			cmd_stats_vote(v, tw, utf8);
	}

	weeks = json_object_get(r, "events_per_week");
	if (json_array_size(weeks) > 0) {
		cmd_stats_date(cmd_int(json_array_get(weeks, 0), "start"),
		    date, sizeof date);
		printf("\nEvents per week since %s (%zu week%s, the last "
		    "is this one):\n", date, json_array_size(weeks),
		    json_array_size(weeks) == 1 ? "" : "s");
		cmd_stats_sparkline(weeks, cols - 2, utf8);
	}
	printf("%lld events in the log\n", (long long)cmd_int(r, "events"));
}

int
cmd_stats_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "weeks", required_argument, NULL, 'w' },
		{ "votes", required_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 }
	};
	struct cmd_stats_opts	 o = { 12, 10 };
	json_t			*args, *r;
	int			 i;

	i = cmd_parse(ctx, cmd_find("stats"), argc, argv, longopts, "w:v:",
	    cmd_stats_opt, &o);
	if (i < 0)
		return (i == -2 ? EXIT_OK : EXIT_USAGE);
	if (i != argc)
		return (cmd_usage(cmd_find("stats")));
	args = json_pack("{s:I,s:I}", "weeks", (json_int_t)o.weeks,
	    "votes", (json_int_t)o.votes);
	i = cmd_call(ctx, "stats", args, &r);
	json_decref(args);
	if (i != 0)
		return (EXIT_FAIL);
	if (ctx->json)
		cmd_print_json(ctx, r);
	else
		cmd_stats_print(ctx, r);
	json_decref(r);
	return (EXIT_OK);
}
