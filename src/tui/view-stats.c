/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The stats view: the community's figures from the server's stats op
 * (query-stats.c): members active in the last 30 days, the median time
 * from proposal to decision and from dispute to resolution, the turnout
 * of the latest closed votes as bars, and the events of each week as a
 * column chart (a sparkline a few rows high, '#' columns, so it reads
 * the same on vt100 and without colour).
 *
 * Live: any pushed event makes it stale, and it asks again; the op
 * costs a few seeks whatever the size of the log.
 */
#include <stdlib.h>
#include <string.h>

#include "moot/util.h"
#include "../cli/moot.h"
#include "tui.h"

#define VIEW_STATS_CHART	5	/* rows of the weekly chart */
#define VIEW_STATS_WEEKS_MAX	52

struct view_stats {
	json_t		*r;		/* the last answer */
	char		*error;
	int		 weeks;		/* asked for */
};

static void
view_stats_loaded_cb(struct view *v, json_t *result, const char *code,
    const char *message, json_t *ctx)
{
	struct view_stats	*d = v->data;

	(void)code;
	(void)ctx;
	free(d->error);
	d->error = NULL;
	if (result == NULL) {
		d->error = xstrdup(message != NULL ? message : "no answer");
		return;
	}
	json_decref(d->r);
	d->r = json_incref(result);
}

static void
view_stats_reload(struct view *v)
{
	struct view_stats	*d = v->data;
	json_t			*args;

	/* As many weeks as the chart has columns for. */
	d->weeks = (v->cols > 0 ? v->cols : COLS) - 14;
	if (d->weeks > VIEW_STATS_WEEKS_MAX)
		d->weeks = VIEW_STATS_WEEKS_MAX;
	if (d->weeks < 4)
		d->weeks = 4;
	args = json_pack("{s:i,s:i}", "weeks", d->weeks, "votes", 10);
	tui_request(v, "stats", args, view_stats_loaded_cb, NULL);
	json_decref(args);
}

static void
view_stats_init(struct view *v, json_t *arg)
{
	(void)arg;
	v->data = xcalloc(1, sizeof(struct view_stats));
	view_stats_reload(v);
}

static void
view_stats_free(struct view *v)
{
	struct view_stats	*d = v->data;

	json_decref(d->r);
	free(d->error);
	free(d);
}

static int64_t
view_stats_int(json_t *o, const char *key)
{
	return (json_integer_value(json_object_get(o, key)));
}

/* "NAME: median SPAN (of N WHAT)", or NONE when there is no median. */
static void
view_stats_median(WINDOW *w, int y, int cols, const char *name,
    json_t *ms, int64_t n, const char *what, const char *none)
{
	char	span[32];

	if (!json_is_integer(ms)) {
		tui_textf(w, y, 0, cols, S_NORMAL, "%-28s%s", name, none);
		return;
	}
	moot_span(json_integer_value(ms), span, sizeof span);
	tui_textf(w, y, 0, cols, S_NORMAL, "%-28s%s (median of %lld %s%s)",
	    name, span, (long long)n, what, n == 1 ? "" : "s");
}

/* The weekly chart: one column a week, the newest on the right. */
static int
view_stats_chart(WINDOW *w, int y, int rows, int cols, json_t *weeks)
{
	json_t	*wk;
	int64_t	 max = 0, n, total = 0;
	size_t	 i, nweeks;
	int	 h, r, x0;

	nweeks = json_array_size(weeks);
	json_array_foreach(weeks, i, wk) {
		n = view_stats_int(wk, "events");
		total += n;
		if (n > max)
			max = n;
	}
	tui_textf(w, y++, 0, cols, S_BOLD, "Events per week (%zu weeks, the "
	    "last is this one): busiest %lld, %lld in all", nweeks,
	    (long long)max, (long long)total);
	if (rows - y < VIEW_STATS_CHART)
		return (y);
	x0 = 2;
	json_array_foreach(weeks, i, wk) {
		if (x0 + (int)i >= cols)
			break;
		n = view_stats_int(wk, "events");
		/* Any activity shows as at least one row. */
		h = max == 0 ? 0 : (int)((n * VIEW_STATS_CHART + max - 1) /
		    max);
		for (r = 0; r < VIEW_STATS_CHART; r++) {
			if (VIEW_STATS_CHART - r <= h)
				tui_text(w, y + r, x0 + (int)i, 1, "#", S_BAR);
			else
				tui_text(w, y + r, x0 + (int)i, 1, ".", S_DIM);
		}
	}
	return (y + VIEW_STATS_CHART);
}

static void
view_stats_draw(struct view *v, WINDOW *w, int rows, int cols)
{
	struct view_stats	*d = v->data;
	json_t			*r = d->r, *vote;
	const char		*title;
	char			 pct[16];
	size_t			 i;
	int			 y = 0, barw, tw;
	double			 share;

	if (d->error != NULL) {
		tui_text(w, 0, 0, cols, d->error, S_ERROR);
		return;
	}
	if (r == NULL) {
		tui_text(w, 0, 0, cols, "loading...", S_DIM);
		return;
	}
	tui_textf(w, y++, 0, cols, S_NORMAL, "%-28s%lld of %lld",
	    "Active in the last 30 days", (long long)view_stats_int(r,
	    "active_30d"), (long long)view_stats_int(r, "members"));
	view_stats_median(w, y++, cols, "Time to decision",
	    json_object_get(r, "decision_median_ms"), view_stats_int(r,
	    "decided"), "closed proposal", "no proposal decided yet");
	view_stats_median(w, y++, cols, "Time to resolve a dispute",
	    json_object_get(r, "dispute_median_ms"), view_stats_int(r,
	    "disputes_resolved"), "dispute", "no dispute resolved yet");
	if (json_is_number(json_object_get(r, "turnout_median")))
		tui_textf(w, y++, 0, cols, S_NORMAL, "%-28s%.0f%% (median of "
		    "the votes below)", "Turnout", 100 * json_number_value(
		    json_object_get(r, "turnout_median")));
	y++;

	/* The chart first: it is the part that must fit at 60x16. */
	y = view_stats_chart(w, y, rows, cols, json_object_get(r,
	    "events_per_week")) + 1;
	if (y >= rows)
		return;
	tui_text(w, y++, 0, cols, "Turnout of the latest closed votes",
	    S_BOLD);
	if (json_array_size(json_object_get(r, "votes")) == 0 && y < rows)
		tui_text(w, y++, 2, cols - 2, "no vote has closed yet", S_DIM);
	tw = cols / 3;
	barw = cols - tw - 8 - 20;
	json_array_foreach(json_object_get(r, "votes"), i, vote) {
		if (y >= rows)
			break;
		tui_textf(w, y, 0, 7, S_DIM, "#%lld", (long long)
		    view_stats_int(vote, "id"));
		title = json_string_value(json_object_get(vote, "title"));
		tui_text(w, y, 7, tw, title != NULL ? title : "(redacted)",
		    S_NORMAL);
		if (json_is_number(json_object_get(vote, "turnout"))) {
			share = json_number_value(json_object_get(vote,
			    "turnout"));
			if (barw > 4)
				tui_bar(w, y, 8 + tw, barw, share, -1, -1,
				    S_BAR);
			snprintf(pct, sizeof pct, "%3.0f%%", 100 * share);
			tui_textf(w, y, 9 + tw + (barw > 4 ? barw : 0),
			    cols - 9 - tw - (barw > 4 ? barw : 0), S_NORMAL,
			    "%s (%lld/%lld)", pct, (long long)view_stats_int(
			    vote, "ballots"), (long long)view_stats_int(vote,
			    "eligible"));
		} else
			tui_text(w, y, 8 + tw, cols - 8 - tw, "vetoed",
			    S_DIM);
		y++;
	}
}

static bool
view_stats_key(struct view *v, enum tui_action a, int key)
{
	(void)v;
	(void)a;
	(void)key;
	return (false);
}

static void
view_stats_event(struct view *v, json_t *ev)
{
	(void)ev;
	v->stale = true;
	v->dirty = true;
}

static char *
view_stats_title(struct view *v)
{
	(void)v;
	return (xstrdup("stats"));
}

static const struct tui_hint view_stats_hints[] = {
	{ ACT_RELOAD, "reload" },
	{ ACT_VIEW_PROPOSALS, "proposals" },
	{ ACT_HELP, "help" },
	{ ACT_QUIT, "quit" },
	{ ACT_NONE, NULL }
};

const struct view_ops view_stats_ops = {
	.name = "stats",
	.scope = "stats",
	.hints = view_stats_hints,
	.init = view_stats_init,
	.free = view_stats_free,
	.reload = view_stats_reload,
	.draw = view_stats_draw,
	.key = view_stats_key,
	.event = view_stats_event,
	.title = view_stats_title,
};
