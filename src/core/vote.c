/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Votes: counting a proposal's ballots under its frozen rule, deciding
 * when a vote closes, and core_settle(), which does what has fallen due.
 *
 * A vote closes at its deadline; if it lacks quorum then and the rule's
 * max_duration is longer, it is extended (an event says so) and closes as
 * soon as it has quorum or at the maximum. With early_close it closes as
 * soon as the members who have not voted cannot change the outcome:
 *
 *	yesno, consent, consensus: the outcome is the same if they all
 *	    make any one choice, for every choice, or if none of them votes
 *	    (each choice moves the count one way only, so mixtures lie
 *	    between these extremes);
 *	approval, plurality, score, dot: the count has quorum and the last
 *	    winner leads the best loser by more than the remaining ballots
 *	    could add to one option;
 *	schulze, irv, stv: once every eligible member has voted.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "moot/dispute.h"
#include "moot/event.h"
#include "moot/vote.h"

const struct actor core_system = { MOOT_SYSTEM_UID, MOOT_SYSTEM_NAME };

static int	vote_open(struct core *, int64_t, bool, struct vote *, char **);

int
vote_prepare(struct vote *v, const char *name, const json_t *text,
    const json_t *options, char **cause)
{
	struct tally_params	*p;
	json_t			*o;
	size_t			 i;
	int			 error;

	memset(v, 0, sizeof *v);
	tally_ballots_init(&v->ballots);
	if ((error = rule_parse_frozen(name, text, &v->rule, cause)) != 0) {
		tally_ballots_free(&v->ballots);
		return (error);
	}
	p = &v->rule.params;
	if (tally_method_ballot_kind(p->method) == TALLY_BALLOT_CHOICE) {
		if (json_array_size(options) != 0) {
			error = moot_fail(cause, -EINVAL, "a %s vote has no "
			    "options of its own", tally_method_name(p->method));
			goto fail;
		}
		tally_ballots_init_choices(&v->ballots, p->method);
		return (0);
	}
	if (json_array_size(options) < 2) {
		error = moot_fail(cause, -EINVAL, "a %s vote needs at least "
		    "two options", tally_method_name(p->method));
		goto fail;
	}
	json_array_foreach(options, i, o) {
		if (!json_is_string(o)) {
			error = moot_fail(cause, -EINVAL, "options must be "
			    "text");
			goto fail;
		}
		if ((error = (int)tally_ballots_add_option(&v->ballots,
		    json_string_value(o), cause)) < 0)
			goto fail;
	}
	if (v->rule.default_option[0] != '\0') {
		p->default_option = tally_ballots_find(&v->ballots,
		    v->rule.default_option);
		if (p->default_option == TALLY_NO_OPTION) {
			error = moot_fail(cause, -EINVAL, "the default option "
			    "'%s' is not among the options",
			    v->rule.default_option);
			goto fail;
		}
	}
	return (0);

fail:
	vote_free(v);
	return (error);
}

void
vote_free(struct vote *v)
{
	rule_free(&v->rule);
	tally_ballots_free(&v->ballots);
	memset(v, 0, sizeof *v);
}

int
vote_add(struct vote *v, const json_t *marks, char **cause)
{
	uint16_t	*m;
	json_t		*x;
	size_t		 n = v->ballots.noptions, i;
	json_int_t	 k;
	int		 error;

	if (!json_is_array(marks) || json_array_size(marks) != n)
		return (moot_fail(cause, -EINVAL, "a ballot holds %zu marks",
		    n));
	m = xcalloc(n, sizeof *m);
	json_array_foreach(marks, i, x) {
		k = json_integer_value(x);
		if (!json_is_integer(x) || k < 0 || k > TALLY_MARK_MAX) {
			free(m);
			return (moot_fail(cause, -EINVAL, "a ballot's marks "
			    "are whole numbers from 0 to %d", TALLY_MARK_MAX));
		}
		m[i] = (uint16_t)k;
	}
	if ((error = tally_check_ballot(&v->rule.params, n, m, cause)) == 0) {
		tally_ballots_add(&v->ballots, 1, m, 0);
		v->cast++;
	}
	free(m);
	return (error);
}

static json_t *
vote_names(const struct vote *v, const size_t *idx, size_t n)
{
	json_t	*a = json_array();
	size_t	 i;

	for (i = 0; i < n; i++)
		json_array_append_new(a,
		    json_string(v->ballots.options[idx[i]]));
	return (a);
}

int
vote_count(struct vote *v, uint64_t eligible, json_t *body,
    struct tally_result *res, char **cause)
{
	struct tally_result	 own;
	int			 error;

	if (res == NULL)
		res = &own;
	memset(res, 0, sizeof *res);
	v->rule.params.eligible = eligible;
	if ((error = tally_run(&v->ballots, &v->rule.params, res,
	    cause)) != 0)
		return (error);
	json_object_set_new(body, "outcome",
	    json_string(tally_outcome_name(res->outcome)));
	json_object_set_new(body, "winners", vote_names(v, res->winners,
	    res->nwinners));
	json_object_set_new(body, "tied", vote_names(v, res->tied,
	    res->ntied));
	json_object_set_new(body, "summary", json_string(res->summary));
	json_object_set(body, "explain", res->explain);
	json_object_set_new(body, "eligible", json_integer((json_int_t)
	    eligible));
	json_object_set_new(body, "ballots", json_integer((json_int_t)
	    v->cast));
	if (res == &own)
		tally_result_free(&own);
	return (0);
}

char *
vote_choice_text(const struct vote *v, const uint16_t *marks)
{
	const struct tally_ballots	*b = &v->ballots;
	struct buf			 out;
	size_t				 i, n = b->noptions;
	unsigned			 rank, next;
	bool				 first;

	buf_init(&out);
	switch (tally_method_ballot_kind(v->rule.params.method)) {
	case TALLY_BALLOT_CHOICE:
	case TALLY_BALLOT_APPROVAL:
		for (i = 0; i < n; i++) {
			if (marks[i] != 0)
				buf_addf(&out, "%s%s", out.len == 0 ? "" :
				    ", ", b->options[i]);
		}
		break;
	case TALLY_BALLOT_SCORE:
		for (i = 0; i < n; i++) {
			if (marks[i] != 0)
				buf_addf(&out, "%s%s=%u", out.len == 0 ? "" :
				    ", ", b->options[i], marks[i]);
		}
		break;
	case TALLY_BALLOT_RANKED:
		rank = 0;
		for (;;) {
			next = UINT16_MAX + 1U;
			for (i = 0; i < n; i++) {
				if (marks[i] > rank && marks[i] < next)
					next = marks[i];
			}
			if (next > UINT16_MAX)
				break;
			first = true;
			for (i = 0; i < n; i++) {
				if (marks[i] != next)
					continue;
				buf_addf(&out, "%s%s", first ? (out.len == 0 ?
				    "" : " > ") : " = ", b->options[i]);
				first = false;
			}
			rank = next;
		}
		break;
	}
	if (out.len == 0)
		buf_adds(&out, "(blank)");
	return (buf_steal(&out, NULL));
}

uint64_t
vote_eligible(struct core *c, enum role r)
{
	static const char *const sql[] = {
		"SELECT count(*) FROM members WHERE status = 'active' AND "
		"role IN ('observer', 'member', 'moderator', 'leader')",
		"SELECT count(*) FROM members WHERE status = 'active' AND "
		"role IN ('member', 'moderator', 'leader')",
		"SELECT count(*) FROM members WHERE status = 'active' AND "
		"role IN ('moderator', 'leader')",
		"SELECT count(*) FROM members WHERE status = 'active' AND "
		"role = 'leader'",
	};

	MOOT_REQUIRE(r >= ROLE_OBSERVER && r <= ROLE_LEADER);
	return ((uint64_t)store_int(core_store(c), sql[r], 0, 0));
}

int
vote_load(struct core *c, int64_t id, struct vote *v, char **cause)
{
	return (vote_open(c, id, true, v, cause));
}

int
vote_load_rule(struct core *c, int64_t id, struct vote *v, char **cause)
{
	return (vote_open(c, id, false, v, cause));
}

/* The frozen vote of proposal id, with its ballots if asked. */
static int
vote_open(struct core *c, int64_t id, bool ballots, struct vote *v,
    char **cause)
{
	sqlite3_stmt	*stmt;
	json_t		*text, *options, *marks;
	char		*name;
	int		 error;

	stmt = store_prepare(core_store(c), "SELECT rule, vote_rule, "
	    "vote_options FROM proposals WHERE id = ? AND vote_rule IS NOT "
	    "NULL");
	sqlite3_bind_int64(stmt, 1, id);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		sqlite3_reset(stmt);
		return (moot_fail(cause, -ENOENT, "#%lld has no vote",
		    (long long)id));
	}
	name = xstrdup(store_text(stmt, 0));
	text = json_loads(store_text(stmt, 1), 0, NULL);
	options = store_text(stmt, 2) != NULL ?
	    json_loads(store_text(stmt, 2), 0, NULL) : NULL;
	sqlite3_reset(stmt);
	error = vote_prepare(v, name, text, options, cause);
	json_decref(text);
	json_decref(options);
	free(name);
	if (error != 0 || !ballots)
		return (error);

	stmt = store_prepare(core_store(c), "SELECT marks FROM ballots "
	    "WHERE proposal_id = ? ORDER BY uid");
	sqlite3_bind_int64(stmt, 1, id);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		marks = json_loads(store_text(stmt, 0), 0, NULL);
		error = vote_add(v, marks, cause);
		json_decref(marks);
		if (error != 0)
			break;
	}
	sqlite3_reset(stmt);
	if (error != 0)
		vote_free(v);
	return (error);
}

/* Eligible members who have not voted on proposal id. */
static uint64_t
vote_remaining(struct core *c, int64_t id, enum role r)
{
	sqlite3_stmt	*stmt;
	uint64_t	 n = 0;

	stmt = store_prepare(core_store(c), "SELECT role FROM members m "
	    "WHERE status = 'active' AND NOT EXISTS (SELECT 1 FROM ballots b "
	    "WHERE b.proposal_id = ? AND b.uid = m.uid)");
	sqlite3_bind_int64(stmt, 1, id);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (core_role_parse(store_text(stmt, 0)) >= r)
			n++;
	}
	sqlite3_reset(stmt);
	return (n);
}

/* The outcome if `count` more ballots of choice `choice` were cast. */
static int
vote_outcome_with(struct vote *v, uint64_t eligible, size_t choice,
    uint64_t count, enum tally_outcome *out)
{
	struct tally_result	 res;
	uint16_t		*m;
	int			 error;

	m = xcalloc(v->ballots.noptions, sizeof *m);
	m[choice] = 1;
	tally_ballots_add(&v->ballots, (uint32_t)count, m, 0);
	free(m);
	v->rule.params.eligible = eligible;
	memset(&res, 0, sizeof res);
	error = tally_run(&v->ballots, &v->rule.params, &res, NULL);
	v->ballots.ngroups--;
	if (error == 0) {
		*out = res.outcome;
		tally_result_free(&res);
	}
	return (error);
}

/* Whether `remaining` more ballots cannot change res (see the top). */
static bool
vote_certain(struct vote *v, uint64_t eligible, uint64_t remaining,
    const struct tally_result *res)
{
	const struct tally_params	*p = &v->rule.params;
	const struct tally_ballots	*b = &v->ballots;
	enum tally_outcome		 o;
	uint64_t			*total, lead, most, best;
	size_t				 i, g;
	bool				 won, certain;

	if (remaining == 0)
		return (true);
	if (remaining > UINT32_MAX)
		return (false);
	switch (p->method) {
	case TALLY_YESNO:
	case TALLY_CONSENT:
	case TALLY_CONSENSUS:
		for (i = 0; i < b->noptions; i++) {
			if (vote_outcome_with(v, eligible, i, remaining,
			    &o) != 0 || o != res->outcome)
				return (false);
		}
		return (true);
	case TALLY_APPROVAL:
	case TALLY_PLURALITY:
	case TALLY_SCORE:
	case TALLY_DOT:
		if (res->outcome != TALLY_PASSED || res->nwinners == 0)
			return (false);
		most = p->method == TALLY_SCORE ? p->score_max :
		    p->method == TALLY_DOT ? p->dot_budget : 1;
		total = xcalloc(b->noptions, sizeof *total);
		for (g = 0; g < b->ngroups; g++) {
			for (i = 0; i < b->noptions; i++)
				total[i] += (uint64_t)b->counts[g] *
				    tally_ballots_row(b, g)[i];
		}
		lead = UINT64_MAX;
		for (i = 0; i < res->nwinners; i++) {
			if (total[res->winners[i]] < lead)
				lead = total[res->winners[i]];
		}
		best = 0;
		for (i = 0; i < b->noptions; i++) {
			won = false;
			for (g = 0; g < res->nwinners; g++)
				won = won || res->winners[g] == i;
			if (!won && total[i] > best)
				best = total[i];
		}
		free(total);
		certain = lead > best && lead - best > remaining * most;
		return (certain);
	default:
		return (false);
	}
}

int
vote_due(struct core *c, int64_t id, int64_t now, enum vote_due *due,
    bool *early, json_t *body, char **cause)
{
	struct tally_result	 res;
	struct vote		 v;
	sqlite3_stmt		*stmt;
	int64_t			 closes, max;
	uint64_t		 eligible;
	bool			 extended;
	int			 error;

	*due = VOTE_OPEN;
	*early = false;
	stmt = store_prepare(core_store(c), "SELECT closes_ts, max_ts, "
	    "extended FROM proposals WHERE id = ? AND state = 'voting'");
	sqlite3_bind_int64(stmt, 1, id);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		sqlite3_reset(stmt);
		return (moot_fail(cause, -EBUSY, "#%lld is not being voted on",
		    (long long)id));
	}
	closes = sqlite3_column_int64(stmt, 0);
	max = sqlite3_column_int64(stmt, 1);
	extended = sqlite3_column_int(stmt, 2) != 0;
	sqlite3_reset(stmt);

	if ((error = vote_load(c, id, &v, cause)) != 0)
		return (error);
	eligible = vote_eligible(c, v.rule.eligible);
	if ((error = vote_count(&v, eligible, body, &res, cause)) != 0) {
		vote_free(&v);
		return (error);
	}
	if (now >= max)
		*due = VOTE_CLOSE;
	else if (now >= closes) {
		if (res.outcome != TALLY_NO_QUORUM)
			*due = VOTE_CLOSE;
		else if (!extended)
			*due = VOTE_EXTEND;
	} else if (v.rule.early_close && vote_certain(&v, eligible,
	    vote_remaining(c, id, v.rule.eligible), &res)) {
		*due = VOTE_CLOSE;
		*early = true;
	}
	tally_result_free(&res);
	vote_free(&v);
	return (0);
}

bool
vote_visible(struct core *c, int64_t id, int64_t uid)
{
	sqlite3_stmt	*stmt;
	bool		 visible;

	/*
	 * One statement, no JSON parsing: it runs for every ballot a log
	 * page or a pushed event shows.
	 */
	stmt = store_prepare(core_store(c), "SELECT state != 'voting' OR "
	    "coalesce(json_extract(vote_rule, '$.results'), 'live') = 'live' "
	    "OR (json_extract(vote_rule, '$.results') = 'after-vote' AND "
	    "EXISTS (SELECT 1 FROM ballots WHERE proposal_id = ?1 AND "
	    "uid = ?2)) FROM proposals WHERE id = ?1");
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_bind_int64(stmt, 2, uid);
	visible = sqlite3_step(stmt) != SQLITE_ROW ||
	    sqlite3_column_int(stmt, 0) != 0;
	sqlite3_reset(stmt);
	return (visible);
}

/* Submit one event by moot itself; a refusal is the caller's error. */
static int
vote_submit(struct core *c, const char *type, const char *key, int64_t id,
    int *count, char **cause)
{
	json_t	*args;
	int	 error;

	args = json_pack("{s:I}", key, (json_int_t)id);
	error = core_submit(c, &core_system, type, args, NULL, cause);
	json_decref(args);
	if (error == 0)
		(*count)++;
	return (error);
}

/*
 * Apply the change of passed proposal id (rules, role or agreement), as
 * moot. Returns 0 when there is nothing to apply.
 */
static int
vote_apply(struct core *c, int64_t id, int *count, char **cause)
{
	static const struct {
		const char	*kind;
		const char	*event;
	} apply[] = {
		{ "rules", "rules.changed" },
		{ "role", "role.changed" },
		{ "agreement", "agreement.changed" },
	};
	sqlite3_stmt	*stmt;
	const char	*event = NULL;
	size_t		 j;

	stmt = store_prepare(core_store(c), "SELECT kind FROM proposals "
	    "WHERE id = ? AND state = 'closed' AND outcome = 'passed' AND "
	    "applied_seq IS NULL AND json_extract(result, '$.change_error') "
	    "IS NULL");
	sqlite3_bind_int64(stmt, 1, id);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		for (j = 0; j < MOOT_NITEMS(apply); j++) {
			if (strcmp(store_text(stmt, 0), apply[j].kind) == 0)
				event = apply[j].event;
		}
	}
	sqlite3_reset(stmt);
	if (event == NULL)
		return (0);
	return (vote_submit(c, event, "proposal", id, count, cause));
}

/* Keep the first failure of a settle (e) as its error; free why. */
static void
vote_settle_error(int *error, int e, int64_t id, char *why, char **cause)
{
	if (e != 0 && *error == 0)
		*error = moot_fail(cause, e, "#%lld: %s", (long long)id,
		    why != NULL ? why : strerror(-e));
	free(why);
}

int
core_settle(struct core *c, int64_t hint, char **cause)
{
	return (core_settle_hints(c, &hint, hint != 0 ? 1 : 0, cause));
}

int
core_settle_hints(struct core *c, const int64_t *hints, size_t nhints,
    char **cause)
{
	sqlite3_stmt	*stmt;
	enum vote_due	 due;
	json_t		*body, *list;
	int64_t		*ids, now;
	size_t		 n, i;
	bool		 early;
	int		 count = 0, error = 0, e;
	char		*why, *text;

	now = core_now(c);
	list = json_array();
	for (i = 0; i < nhints; i++)
		json_array_append_new(list, json_integer(hints[i]));
	text = json_dumps(list, JSON_COMPACT);
	json_decref(list);
	/* A hint matters only to a vote that may close before its end. */
	/*
	 * Due: its end (max_ts once extended, else closes_ts; max_ts is
	 * never before closes_ts) has come; an index walk of the votes in
	 * progress by end, however many are open.
	 */
	stmt = store_prepare(core_store(c), "SELECT id FROM proposals "
	    "INDEXED BY proposals_closing WHERE state = 'voting' AND "
	    "(CASE extended WHEN 0 THEN closes_ts ELSE max_ts END) <= ?1 "
	    "UNION SELECT id FROM proposals WHERE id IN (SELECT value FROM "
	    "json_each(?2)) AND state = 'voting' AND (extended = 1 OR "
	    "json_extract(vote_rule, '$.early_close') = 'yes') ORDER BY 1");
	sqlite3_bind_int64(stmt, 1, now);
	sqlite3_bind_text(stmt, 2, text, -1, SQLITE_STATIC);
	n = store_ids(stmt, &ids);
	free(text);
	/*
	 * Each passed change applies before the next vote closes, so that
	 * the next one's close sees it (two proposals giving one member the
	 * same role: the second records why it cannot apply). One vote that
	 * cannot be closed does not hold up the others.
	 */
	for (i = 0; i < n; i++) {
		why = NULL;
		body = json_object();
		e = vote_due(c, ids[i], now, &due, &early, body, &why);
		json_decref(body);
		if (e == 0 && due == VOTE_EXTEND)
			e = vote_submit(c, "vote.extended", "id", ids[i],
			    &count, &why);
		else if (e == 0 && due == VOTE_CLOSE) {
			e = vote_submit(c, "vote.closed", "id", ids[i],
			    &count, &why);
			if (e == 0)
				e = vote_apply(c, ids[i], &count, &why);
		}
		vote_settle_error(&error, e, ids[i], why, cause);
	}
	free(ids);

	/* What a crash between a close and its change left unapplied. */
	stmt = store_prepare(core_store(c), "SELECT id FROM proposals "
	    "WHERE state = 'closed' AND outcome = 'passed' AND kind IN "
	    "('rules', 'role', 'agreement') AND applied_seq IS NULL AND "
	    "json_extract(result, '$.change_error') IS NULL ORDER BY id");
	n = store_ids(stmt, &ids);
	for (i = 0; i < n; i++) {
		why = NULL;
		e = vote_apply(c, ids[i], &count, &why);
		vote_settle_error(&error, e, ids[i], why, cause);
	}
	free(ids);

	/* Sanctions that expired, appeals to put to a vote or to apply. */
	e = dispute_settle(c, &count, error == 0 ? cause : NULL);
	if (error == 0)
		error = e;
	return (error != 0 ? error : count);
}

int64_t
core_next_deadline(struct core *c)
{
	int64_t	vote, sanction;

	vote = store_int(core_store(c), "SELECT min(CASE extended WHEN 0 "
	    "THEN closes_ts ELSE max_ts END) FROM proposals INDEXED BY "
	    "proposals_closing WHERE state = 'voting'", 0, 0);
	sanction = dispute_next_deadline(c);
	if (vote == 0 || (sanction != 0 && sanction < vote))
		return (sanction);
	return (vote);
}
