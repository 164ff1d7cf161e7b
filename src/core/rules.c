/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * moot-rules(5): rules files, the rule and governance objects stored in
 * the database, the built-in set, and the check of a change against the
 * current set. Every key is a row of rules_keys[] (parsed with the same
 * table-driven code as moot.conf); method, quorum and threshold are then
 * read by the tally module, and the combination is tried on an empty
 * count so that a rule that could not be counted is refused when it is
 * written, not when a vote closes.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "moot/config.h"
#include "moot/rules.h"

#define RULE_FIELD(f)	offsetof(struct rule, f)

static int	rule_parse(const char *, const json_t *, bool, struct rule *,
		    char **);
#define GOV_FIELD(f)	offsetof(struct governance, f)

static const struct config_key rules_keys[] = {
	{ .section = "rule", .name = "description", .type = CONFIG_STRING,
	  .def = "", .offset = RULE_FIELD(description), .max = 200,
	  .help = "one line that tells members what the rule is for" },
	{ .section = "rule", .name = "method", .type = CONFIG_ENUM,
	  .def = "yesno", .offset = RULE_FIELD(method_text),
	  .words = "yesno consent consensus approval plurality score dot "
	  "schulze irv stv",
	  .help = "how ballots are counted" },
	{ .section = "rule", .name = "quorum", .type = CONFIG_STRING,
	  .def = "none", .offset = RULE_FIELD(quorum_text), .max = 32,
	  .help = "ballots needed: none, a share (30%, 1/3) or a count" },
	{ .section = "rule", .name = "threshold", .type = CONFIG_STRING,
	  .def = "", .offset = RULE_FIELD(threshold_text), .max = 32,
	  .help = "share of yes needed (>1/2, >=2/3, 3:1)" },
	{ .section = "rule", .name = "eligible", .type = CONFIG_ENUM,
	  .def = "member", .offset = RULE_FIELD(eligible_text),
	  .words = "observer member moderator leader",
	  .help = "lowest role that may vote" },
	{ .section = "rule", .name = "discussion", .type = CONFIG_DURATION,
	  .def = "0", .offset = RULE_FIELD(discussion), .min = 0,
	  .max = 365 * 86400,
	  .help = "time in discussion before the vote may open" },
	{ .section = "rule", .name = "duration", .type = CONFIG_DURATION,
	  .def = "7d", .offset = RULE_FIELD(duration), .min = 60,
	  .max = 365 * 86400, .help = "how long the vote runs" },
	{ .section = "rule", .name = "max_duration", .type = CONFIG_DURATION,
	  .def = "0", .offset = RULE_FIELD(max_duration), .min = 0,
	  .max = 730 * 86400,
	  .help = "without quorum, run on until this (0: as duration)" },
	{ .section = "rule", .name = "early_close", .type = CONFIG_BOOL,
	  .def = "no", .offset = RULE_FIELD(early_close),
	  .help = "close once the ballots not yet cast cannot change it" },
	{ .section = "rule", .name = "changeable", .type = CONFIG_BOOL,
	  .def = "yes", .offset = RULE_FIELD(changeable),
	  .help = "a ballot may be changed until the vote closes" },
	{ .section = "rule", .name = "results", .type = CONFIG_ENUM,
	  .def = "live", .offset = RULE_FIELD(results_text),
	  .words = "live after-vote after-close",
	  .help = "when members see the count" },
	{ .section = "rule", .name = "veto", .type = CONFIG_ENUM,
	  .def = "none", .offset = RULE_FIELD(veto_text),
	  .words = "none leader", .help = "who may veto an open vote" },
	{ .section = "rule", .name = "default_option", .type = CONFIG_STRING,
	  .def = "", .offset = RULE_FIELD(default_option), .max = 200,
	  .help = "ranked votes: the option every ballot is measured "
	  "against (Debian A.6), added to each vote" },
	{ .section = "rule", .name = "seats", .type = CONFIG_INTEGER,
	  .def = "1", .offset = RULE_FIELD(seats), .min = 1, .max = 100,
	  .help = "winners to elect" },
	{ .section = "rule", .name = "ties", .type = CONFIG_ENUM,
	  .def = "break", .offset = RULE_FIELD(ties_text),
	  .words = "break report",
	  .help = "break a tie by the documented order, or report it" },
	{ .section = "rule", .name = "score_max", .type = CONFIG_INTEGER,
	  .def = "10", .offset = RULE_FIELD(score_max), .min = 1, .max = 100,
	  .help = "score: the highest score of an option" },
	{ .section = "rule", .name = "budget", .type = CONFIG_INTEGER,
	  .def = "10", .offset = RULE_FIELD(budget), .min = 1, .max = 1000,
	  .help = "dot: the points each voter spreads" },
};

static const struct config_key governance_keys[] = {
	{ .section = "governance", .name = "motions", .type = CONFIG_STRING,
	  .def = "", .offset = GOV_FIELD(motions), .max = RULE_NAME_MAX,
	  .help = "the rule for motions that name none" },
	{ .section = "governance", .name = "polls", .type = CONFIG_STRING,
	  .def = "", .offset = GOV_FIELD(polls), .max = RULE_NAME_MAX,
	  .help = "the rule for polls that name none" },
	{ .section = "governance", .name = "elections", .type = CONFIG_STRING,
	  .def = "", .offset = GOV_FIELD(elections), .max = RULE_NAME_MAX,
	  .help = "the rule for elections that name none" },
	{ .section = "governance", .name = "amendments", .type = CONFIG_STRING,
	  .def = "", .offset = GOV_FIELD(amendments), .max = RULE_NAME_MAX,
	  .help = "the rule for changes to rules, roles and the agreement" },
	{ .section = "governance", .name = "appeals", .type = CONFIG_STRING,
	  .def = "leaders", .offset = GOV_FIELD(appeals),
	  .max = RULE_NAME_MAX,
	  .help = "who decides appeals: leaders, or a rule" },
	{ .section = "governance", .name = "leaders_change_rules",
	  .type = CONFIG_BOOL, .def = "no",
	  .offset = GOV_FIELD(leaders_change_rules),
	  .help = "leaders may change rules without a vote" },
	{ .section = "governance", .name = "leaders_change_roles",
	  .type = CONFIG_BOOL, .def = "yes",
	  .offset = GOV_FIELD(leaders_change_roles),
	  .help = "leaders may change roles without a vote" },
};

/*
 * The built-in set: what `moot init` adopts without --rules, and what
 * contrib/rules.ini holds (a test checks that they agree).
 */
static const struct {
	const char	*section;
	const char	*key;
	const char	*value;
} rules_builtin_rows[] = {
	{ "governance", "motions", "majority" },
	{ "governance", "polls", "poll" },
	{ "governance", "elections", "election" },
	{ "governance", "amendments", "constitution" },
	{ "governance", "appeals", "leaders" },
	{ "governance", "leaders_change_rules", "no" },
	{ "governance", "leaders_change_roles", "yes" },

	{ "majority", "description",
	  "More yes than no among those who vote, with a 30% quorum" },
	{ "majority", "method", "yesno" },
	{ "majority", "quorum", "30%" },
	{ "majority", "threshold", ">1/2" },
	{ "majority", "discussion", "2d" },
	{ "majority", "duration", "7d" },
	{ "majority", "max_duration", "14d" },
	{ "majority", "early_close", "yes" },

	{ "lazy", "description",
	  "Lazy consensus: passes unless a member objects" },
	{ "lazy", "method", "consent" },
	{ "lazy", "discussion", "1d" },
	{ "lazy", "duration", "3d" },

	{ "constitution", "description",
	  "Changes to the rules, roles and agreement: two thirds of the "
	  "ballots, half of the members voting" },
	{ "constitution", "method", "yesno" },
	{ "constitution", "quorum", "50%" },
	{ "constitution", "threshold", ">=2/3" },
	{ "constitution", "discussion", "7d" },
	{ "constitution", "duration", "14d" },
	{ "constitution", "max_duration", "28d" },
	{ "constitution", "early_close", "yes" },
	{ "constitution", "veto", "none" },

	{ "election", "description",
	  "Elect one person, ranked ballots counted by Schulze (Debian A.6)" },
	{ "election", "method", "schulze" },
	{ "election", "quorum", "25%" },
	{ "election", "default_option", "None of the above" },
	{ "election", "discussion", "7d" },
	{ "election", "duration", "14d" },
	{ "election", "changeable", "yes" },
	{ "election", "results", "after-close" },

	{ "council", "description",
	  "Elect several people by single transferable vote (Scottish STV)" },
	{ "council", "method", "stv" },
	{ "council", "seats", "3" },
	{ "council", "discussion", "7d" },
	{ "council", "duration", "14d" },
	{ "council", "results", "after-close" },

	{ "poll", "description",
	  "Sound out the community: approve any options you like" },
	{ "poll", "method", "approval" },
	{ "poll", "duration", "3d" },
	{ "poll", "results", "after-vote" },
};

const struct config_key *
rules_table(size_t *n)
{
	*n = MOOT_NITEMS(rules_keys);
	return (rules_keys);
}

bool
rule_name_valid(const char *name)
{
	size_t	len = strlen(name);

	return (len > 0 && len <= RULE_NAME_MAX &&
	    strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_-") == len &&
	    strcmp(name, "governance") != 0);
}

void
rules_format_duration(uint64_t seconds, char *out, size_t size)
{
	static const struct {
		char		 unit;
		uint64_t	 seconds;
	} units[] = { { 'd', 86400 }, { 'h', 3600 }, { 'm', 60 } };
	size_t	i;

	/* Days at most: a rule says "14d", not "2w". */
	for (i = 0; i < MOOT_NITEMS(units); i++) {
		if (seconds != 0 && seconds % units[i].seconds == 0) {
			snprintf(out, size, "%llu%c", (unsigned long long)
			    (seconds / units[i].seconds), units[i].unit);
			return;
		}
	}
	snprintf(out, size, seconds == 0 ? "0" : "%llus",
	    (unsigned long long)seconds);
}

void
rule_free(struct rule *r)
{
	config_keys_free(rules_keys, MOOT_NITEMS(rules_keys), r);
	memset(r, 0, sizeof *r);
}

void
governance_free(struct governance *g)
{
	config_keys_free(governance_keys, MOOT_NITEMS(governance_keys), g);
	memset(g, 0, sizeof *g);
}

static const struct config_key *
rules_find_key(const struct config_key *keys, size_t n, const char *name)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (strcmp(keys[i].name, name) == 0)
			return (&keys[i]);
	}
	return (NULL);
}

/* "method, quorum, ...": the keys of a table. Caller frees. */
static char *
rules_key_list(const struct config_key *keys, size_t n)
{
	struct buf	b;
	size_t		i;

	buf_init(&b);
	for (i = 0; i < n; i++)
		buf_addf(&b, "%s%s", i == 0 ? "" : ", ", keys[i].name);
	return (buf_steal(&b, NULL));
}

/*
 * Derive the typed fields of r from its text fields and try the rule on
 * an empty count. problem names the key at fault as "key: ...".
 */
static int
rule_derive(struct rule *r, bool try, char **problem)
{
	struct tally_params	*p = &r->params;
	struct tally_ballots	 b;
	struct tally_result	 res;
	enum tally_method	 m;
	char			*why = NULL;
	int			 error;

	if ((error = tally_parse_method(r->method_text, &m, &why)) != 0)
		goto key_method;
	tally_params_init(p, m);
	if (strcmp(r->quorum_text, "none") != 0 &&
	    strcmp(r->quorum_text, "0") != 0 &&
	    (error = tally_parse_quorum(r->quorum_text, &p->quorum,
	    &why)) != 0) {
		error = moot_fail(problem, error, "quorum: %s (or none)", why);
		free(why);
		return (error);
	}
	if (r->threshold_text[0] != '\0') {
		if (m != TALLY_YESNO && m != TALLY_CONSENSUS &&
		    m != TALLY_SCHULZE)
			return (moot_fail(problem, -EINVAL, "threshold: %s has "
			    "no threshold; it applies to yesno, consensus and "
			    "schulze (remove the key)", r->method_text));
		if ((error = tally_parse_threshold(r->threshold_text,
		    &p->threshold, &why)) != 0) {
			error = moot_fail(problem, error, "threshold: %s",
			    why);
			free(why);
			return (error);
		}
	}
	if (r->seats > 1 && (m == TALLY_YESNO || m == TALLY_CONSENT ||
	    m == TALLY_CONSENSUS || m == TALLY_IRV))
		return (moot_fail(problem, -EINVAL, "seats: %s elects one; "
		    "more seats need approval, plurality, score, dot, schulze "
		    "or stv", r->method_text));
	if (r->default_option[0] != '\0' && m != TALLY_SCHULZE)
		return (moot_fail(problem, -EINVAL, "default_option: only "
		    "schulze has a default option (Debian A.6)"));
	if (m == TALLY_SCHULZE && r->threshold_text[0] != '\0' &&
	    r->default_option[0] == '\0')
		return (moot_fail(problem, -EINVAL, "threshold: a schulze "
		    "threshold is a supermajority against the default option: "
		    "name a default_option too"));
	if (r->max_duration == 0)
		r->max_duration = r->duration;
	if (r->max_duration < r->duration)
		return (moot_fail(problem, -EINVAL, "max_duration: shorter "
		    "than duration; give at least the duration, or 0"));
	p->seats = (unsigned)r->seats;
	p->score_max = (unsigned)r->score_max;
	p->dot_budget = (unsigned)r->budget;
	p->report_ties = strcmp(r->ties_text, "report") == 0;
	r->eligible = core_role_parse(r->eligible_text);
	r->results = strcmp(r->results_text, "live") == 0 ? RULE_RESULTS_LIVE :
	    strcmp(r->results_text, "after-vote") == 0 ?
	    RULE_RESULTS_AFTER_VOTE : RULE_RESULTS_AFTER_CLOSE;
	r->leader_veto = strcmp(r->veto_text, "leader") == 0;

	/* The combination must count: try it on no ballots. */
	if (!try)
		return (0);
	tally_ballots_init(&b);
	if (tally_method_ballot_kind(m) == TALLY_BALLOT_CHOICE)
		tally_ballots_init_choices(&b, m);
	else {
		tally_ballots_add_option(&b, "A", NULL);
		tally_ballots_add_option(&b, "B", NULL);
		if (r->default_option[0] != '\0')
			p->default_option = (size_t)tally_ballots_add_option(
			    &b, r->default_option, NULL);
		while (b.noptions <= (size_t)r->seats) {
			char name[16];

			snprintf(name, sizeof name, "%zu", b.noptions);
			tally_ballots_add_option(&b, name, NULL);
		}
	}
	if (p->quorum.kind == TALLY_QUORUM_SHARE)
		p->eligible = 10;
	memset(&res, 0, sizeof res);
	error = tally_run(&b, p, &res, &why);
	tally_ballots_free(&b);
	p->default_option = TALLY_NO_OPTION;
	p->eligible = 0;
	if (error != 0) {
		error = moot_fail(problem, error, "%s", why);
		free(why);
		return (error);
	}
	tally_result_free(&res);
	return (0);

key_method:
	error = moot_fail(problem, error, "method: %s", why);
	free(why);
	return (error);
}

/* Set one key of a rule or governance from text; "key: problem". */
static int
rules_set_key(const struct config_key *keys, size_t n, void *base,
    const char *key, const char *text, char **problem)
{
	const struct config_key	*k;
	char			*why = NULL;
	int			 error;

	if ((k = rules_find_key(keys, n, key)) == NULL) {
		why = rules_key_list(keys, n);
		error = moot_fail(problem, -EINVAL, "%s: unknown key (known "
		    "keys: %s)", key, why);
		free(why);
		return (error);
	}
	if ((error = config_key_set(k, base, text, &why)) != 0) {
		error = moot_fail(problem, error, "%s: %s", key, why);
		free(why);
	}
	return (error);
}

int
rule_parse_json(const char *name, const json_t *obj, struct rule *r,
    char **cause)
{
	return (rule_parse(name, obj, true, r, cause));
}

int
rule_parse_frozen(const char *name, const json_t *obj, struct rule *r,
    char **cause)
{
	return (rule_parse(name, obj, false, r, cause));
}

static int
rule_parse(const char *name, const json_t *obj, bool try, struct rule *r,
    char **cause)
{
	const char	*key;
	json_t		*v;
	char		*problem = NULL;
	int		 error = 0;

	config_keys_init(rules_keys, MOOT_NITEMS(rules_keys), r);
	if (!json_is_object(obj)) {
		error = moot_fail(cause, -EINVAL, "rule %s must be an object "
		    "of keys", name);
		goto fail;
	}
	if (json_object_get(obj, "method") == NULL) {
		error = moot_fail(cause, -EINVAL, "rule %s: method is "
		    "required (yesno, consent, consensus, approval, "
		    "plurality, score, dot, schulze, irv or stv)", name);
		goto fail;
	}
	json_object_foreach((json_t *)obj, key, v) {
		if (!json_is_string(v)) {
			error = moot_fail(cause, -EINVAL, "rule %s: %s must "
			    "be text", name, key);
			goto fail;
		}
		if ((error = rules_set_key(rules_keys, MOOT_NITEMS(rules_keys),
		    r, key, json_string_value(v), &problem)) != 0)
			break;
	}
	if (error == 0)
		error = rule_derive(r, try, &problem);
	if (error != 0) {
		error = moot_fail(cause, error, "rule %s: %s", name, problem);
		free(problem);
		goto fail;
	}
	return (0);

fail:
	rule_free(r);
	return (error);
}

static json_t *
rules_keys_json(const struct config_key *keys, size_t n, const void *base)
{
	json_t		*o = json_object();
	struct buf	 b;
	size_t		 i;

	buf_init(&b);
	char		 tmp[32];

	for (i = 0; i < n; i++) {
		buf_reset(&b);
		if (keys[i].type == CONFIG_DURATION) {
			rules_format_duration(*(const uint64_t *)((const char *)
			    base + keys[i].offset), tmp, sizeof tmp);
			buf_adds(&b, tmp);
		} else
			config_key_format(&keys[i], base, &b);
		buf_addc(&b, '\0');
		json_object_set_new(o, keys[i].name, json_string(b.data));
	}
	buf_free(&b);
	return (o);
}

json_t *
rule_to_json(const struct rule *r)
{
	return (rules_keys_json(rules_keys, MOOT_NITEMS(rules_keys), r));
}

/* Read governance keys into g; *problem is "key: ...". */
static int
governance_parse(const json_t *obj, struct governance *g, char **problem)
{
	const char	*key;
	json_t		*v;
	int		 error;

	config_keys_init(governance_keys, MOOT_NITEMS(governance_keys), g);
	json_object_foreach((json_t *)obj, key, v) {
		if (!json_is_string(v))
			error = moot_fail(problem, -EINVAL, "%s: must be text",
			    key);
		else
			error = rules_set_key(governance_keys,
			    MOOT_NITEMS(governance_keys), g, key,
			    json_string_value(v), problem);
		if (error != 0) {
			governance_free(g);
			return (error);
		}
	}
	return (0);
}

int
governance_parse_json(const json_t *obj, struct governance *g, char **cause)
{
	char	*problem = NULL;
	int	 error;

	if ((error = governance_parse(obj, g, &problem)) != 0) {
		error = moot_fail(cause, error, "governance: %s", problem);
		free(problem);
	}
	return (error);
}

json_t *
governance_to_json(const struct governance *g)
{
	return (rules_keys_json(governance_keys,
	    MOOT_NITEMS(governance_keys), g));
}

/* The rule that a governance key names must exist (or be "" / leaders). */
static int
rules_check_reference(const struct governance *g, const json_t *rules,
    char **cause)
{
	static const struct {
		const char	*key;
		size_t		 offset;
		bool		 required;
	} refs[] = {
		{ "motions", GOV_FIELD(motions), true },
		{ "polls", GOV_FIELD(polls), false },
		{ "elections", GOV_FIELD(elections), false },
		{ "amendments", GOV_FIELD(amendments), true },
		{ "appeals", GOV_FIELD(appeals), false },
	};
	const char	*name;
	json_t		*rule;
	size_t		 i;
	char		*list;
	struct buf	 b;
	const char	*k;
	int		 error;

	for (i = 0; i < MOOT_NITEMS(refs); i++) {
		name = *(char *const *)((const char *)g + refs[i].offset);
		if (name[0] == '\0') {
			if (!refs[i].required)
				continue;
			return (moot_fail(cause, -EINVAL, "governance: %s is "
			    "required: name the rule that decides %s",
			    refs[i].key, strcmp(refs[i].key, "motions") == 0 ?
			    "motions" : "changes to rules, roles and the "
			    "agreement"));
		}
		if (strcmp(refs[i].key, "appeals") == 0 &&
		    strcmp(name, "leaders") == 0)
			continue;
		rule = json_object_get(rules, name);
		if (rule != NULL && !json_is_null(rule))
			continue;
		buf_init(&b);
		json_object_foreach((json_t *)rules, k, rule) {
			if (!json_is_null(rule))
				buf_addf(&b, "%s%s", b.len == 0 ? "" : ", ",
				    k);
		}
		list = buf_steal(&b, NULL);
		error = moot_fail(cause, -EINVAL, "governance: %s: there is "
		    "no rule %s (the rules are: %s)", refs[i].key, name,
		    list[0] != '\0' ? list : "none");
		free(list);
		return (error);
	}
	return (0);
}

int
rules_change_apply(const json_t *change, const json_t *current_rules,
    const json_t *current_gov, json_t **out, char **cause)
{
	struct governance	 g;
	struct rule		 r;
	json_t			*rules, *gov, *norm, *after, *v, *o;
	const char		*name;
	int			 error;

	*out = NULL;
	if (!json_is_object(change))
		return (moot_fail(cause, -EINVAL, "a change to the rules must "
		    "be an object with rules and governance"));
	json_object_foreach((json_t *)change, name, v) {
		if (strcmp(name, "rules") != 0 &&
		    strcmp(name, "governance") != 0)
			return (moot_fail(cause, -EINVAL, "a change to the "
			    "rules holds rules and governance, not %s", name));
	}
	rules = json_object_get(change, "rules");
	gov = json_object_get(change, "governance");
	if (rules != NULL && !json_is_object(rules))
		return (moot_fail(cause, -EINVAL, "rules must be an object "
		    "of named rules"));
	if (gov != NULL && !json_is_object(gov))
		return (moot_fail(cause, -EINVAL, "governance must be an "
		    "object of keys"));
	if ((rules == NULL || json_object_size(rules) == 0) && gov == NULL)
		return (moot_fail(cause, -EINVAL, "the change changes "
		    "nothing: give a rule, a removal or governance keys"));

	norm = json_object();
	after = current_rules != NULL ? json_deep_copy(current_rules) :
	    json_object();
	json_object_foreach(rules, name, v) {
		if (!rule_name_valid(name)) {
			error = moot_fail(cause, -EINVAL, "\"%s\" is not a rule "
			    "name: use 1 to %d of a-z, 0-9, _ and - (and not "
			    "governance)", name, RULE_NAME_MAX);
			goto fail;
		}
		if (json_is_null(v)) {
			if (json_object_get(after, name) == NULL) {
				error = moot_fail(cause, -ENOENT, "there is "
				    "no rule %s to remove", name);
				goto fail;
			}
			json_object_del(after, name);
			json_object_set_new(norm, name, json_null());
			continue;
		}
		if ((error = rule_parse_json(name, v, &r, cause)) != 0)
			goto fail;
		o = rule_to_json(&r);
		rule_free(&r);
		/* A rule given as it already is does not change. */
		if (json_equal(o, json_object_get(after, name))) {
			json_decref(o);
			continue;
		}
		json_object_set(after, name, o);
		json_object_set_new(norm, name, o);
	}

	/* Governance: the current keys, then the change's. */
	v = current_gov != NULL ? json_deep_copy(current_gov) : json_object();
	if (gov != NULL)
		json_object_update(v, (json_t *)gov);
	error = governance_parse_json(v, &g, cause);
	json_decref(v);
	if (error != 0)
		goto fail;
	error = rules_check_reference(&g, after, cause);
	o = governance_to_json(&g);
	if (error == 0 && json_object_size(norm) == 0 && current_gov != NULL &&
	    json_equal(o, current_gov))
		error = moot_fail(cause, -EEXIST, "the change changes nothing: "
		    "every rule and key it gives is already so");
	json_decref(o);
	if (error == 0) {
		*out = json_pack("{s:o,s:o}", "rules", norm,
		    "governance", governance_to_json(&g));
		norm = NULL;
	}
	governance_free(&g);

fail:
	json_decref(norm);
	json_decref(after);
	return (error);
}

json_t *
rules_builtin(void)
{
	json_t	*rules, *gov, *rule;
	size_t	 i;

	rules = json_object();
	gov = json_object();
	for (i = 0; i < MOOT_NITEMS(rules_builtin_rows); i++) {
		if (strcmp(rules_builtin_rows[i].section, "governance") == 0)
			rule = gov;
		else if ((rule = json_object_get(rules,
		    rules_builtin_rows[i].section)) == NULL) {
			rule = json_object();
			json_object_set_new(rules,
			    rules_builtin_rows[i].section, rule);
		}
		json_object_set_new(rule, rules_builtin_rows[i].key,
		    json_string(rules_builtin_rows[i].value));
	}
	return (json_pack("{s:o,s:o}", "rules", rules, "governance", gov));
}

/* Where a rules file set a key: for errors "FILE:LINE: [section] key:". */
struct rules_origin {
	const char	*section;
	const char	*key;
	int		 line;
};

/* The line of the key that problem ("key: ...") names, or line. */
static int
rules_origin_line(const struct rules_origin *origin, size_t n,
    const char *section, const char *problem, int line)
{
	size_t	i, len;

	for (i = 0; i < n; i++) {
		len = strlen(origin[i].key);
		if (strcmp(origin[i].section, section) == 0 &&
		    strncmp(problem, origin[i].key, len) == 0 &&
		    problem[len] == ':')
			return (origin[i].line);
	}
	return (line);
}

int
rules_file_load(const char *path, bool need_governance, json_t **out,
    char **cause)
{
	struct config_entry	*e;
	struct rules_origin	*origin;
	struct rule		 r;
	struct governance	 g;
	json_t			*rules, *gov, *obj, *v, *change, *norm;
	const char		*section, *key;
	char			*display, *problem = NULL;
	size_t			 n, i, j, norigin = 0;
	int			 error = 0, line;

	*out = NULL;
	if ((error = config_ini_read(path, &e, &n, cause)) != 0)
		return (error);
	display = config_display_path(path);
	rules = json_object();
	gov = NULL;
	origin = xcalloc(n + 1, sizeof *origin);
	for (i = 0; i < n && error == 0; i++) {
		if (e[i].section == NULL) {
			error = moot_fail(cause, -EINVAL, "%s:%d: %s: key "
			    "outside any section (put it under [governance] "
			    "or a [rule-name])", display, e[i].line, e[i].key);
			break;
		}
		section = e[i].section;
		if (e[i].key == NULL) {
			/* A section may appear once. */
			for (j = 0; j < i; j++) {
				if (e[j].key == NULL &&
				    strcmp(e[j].section, section) == 0) {
					error = moot_fail(cause, -EINVAL,
					    "%s:%d: [%s]: the section is "
					    "already on line %d; give each "
					    "rule once", display, e[i].line,
					    section, e[j].line);
					break;
				}
			}
			if (error != 0)
				break;
			if (strcmp(section, "governance") == 0)
				gov = json_object();
			else if (!rule_name_valid(section))
				error = moot_fail(cause, -EINVAL, "%s:%d: [%s]: "
				    "not a rule name: use 1 to %d of a-z, 0-9, "
				    "_ and -", display, e[i].line, section,
				    RULE_NAME_MAX);
			else
				json_object_set_new(rules, section,
				    json_object());
			continue;
		}
		for (j = 0; j < i; j++) {
			if (e[j].key != NULL && e[j].section != NULL &&
			    strcmp(e[j].section, section) == 0 &&
			    strcmp(e[j].key, e[i].key) == 0) {
				error = moot_fail(cause, -EINVAL, "%s:%d: [%s] "
				    "%s: already set on line %d", display,
				    e[i].line, section, e[i].key, e[j].line);
				break;
			}
		}
		if (error != 0)
			break;
		obj = strcmp(section, "governance") == 0 ? gov :
		    json_object_get(rules, section);
		json_object_set_new(obj, e[i].key, json_string(e[i].value));
		origin[norigin].section = section;
		origin[norigin].key = e[i].key;
		origin[norigin++].line = e[i].line;
	}

	/* Check each section, naming the line of the key at fault. */
	json_object_foreach(rules, section, obj) {
		if (error != 0)
			break;
		line = 0;
		for (j = 0; j < n; j++) {
			if (e[j].key == NULL && e[j].section != NULL &&
			    strcmp(e[j].section, section) == 0)
				line = e[j].line;
		}
		if (json_object_get(obj, "method") == NULL) {
			error = moot_fail(cause, -EINVAL, "%s:%d: [%s]: method "
			    "is required (yesno, consent, consensus, "
			    "approval, plurality, score, dot, schulze, irv or "
			    "stv)", display, line, section);
			break;
		}
		config_keys_init(rules_keys, MOOT_NITEMS(rules_keys), &r);
		json_object_foreach(obj, key, v) {
			if ((error = rules_set_key(rules_keys,
			    MOOT_NITEMS(rules_keys), &r, key,
			    json_string_value(v), &problem)) != 0)
				break;
		}
		if (error == 0)
			error = rule_derive(&r, true, &problem);
		rule_free(&r);
		if (error != 0) {
			line = rules_origin_line(origin, norigin, section,
			    problem, line);
			error = moot_fail(cause, error, "%s:%d: [%s] %s",
			    display, line, section, problem);
			free(problem);
		}
	}
	if (error == 0 && gov != NULL) {
		if ((error = governance_parse(gov, &g, &problem)) == 0)
			governance_free(&g);
		else {
			line = rules_origin_line(origin, norigin, "governance",
			    problem, 0);
			error = moot_fail(cause, error, "%s:%d: [governance] %s",
			    display, line, problem);
			free(problem);
		}
	}
	if (error == 0 && need_governance && gov == NULL)
		error = moot_fail(cause, -EINVAL, "%s: there is no "
		    "[governance] section: name the rules for motions and "
		    "amendments (see moot-rules(5))", display);
	/* The file's own references (moot init: no rules exist before). */
	if (error == 0 && need_governance && gov != NULL) {
		change = json_pack("{s:O,s:O}", "rules", rules, "governance",
		    gov);
		if ((error = rules_change_apply(change, NULL, NULL, &norm,
		    &problem)) == 0)
			json_decref(norm);
		else {
			/* "governance: KEY: ..." or "governance: KEY is ..." */
			key = strncmp(problem, "governance: ", 12) == 0 ?
			    problem + 12 : problem;
			line = 0;
			for (j = 0; j < n; j++) {
				if (e[j].key == NULL && e[j].section != NULL &&
				    strcmp(e[j].section, "governance") == 0)
					line = e[j].line;
			}
			for (j = 0; j < norigin; j++) {
				size_t klen = strlen(origin[j].key);

				if (strcmp(origin[j].section, "governance") ==
				    0 && strncmp(key, origin[j].key, klen) == 0 &&
				    (key[klen] == ':' || key[klen] == ' '))
					line = origin[j].line;
			}
			error = moot_fail(cause, error, "%s:%d: [governance] %s",
			    display, line, key);
			free(problem);
		}
		json_decref(change);
	}
	if (error == 0 && json_object_size(rules) == 0 && gov == NULL)
		error = moot_fail(cause, -EINVAL, "%s: the file holds no rules "
		    "and no [governance] section", display);
	if (error == 0) {
		*out = json_object();
		json_object_set_new(*out, "rules", rules);
		rules = NULL;
		if (gov != NULL) {
			json_object_set_new(*out, "governance", gov);
			gov = NULL;
		}
	}
	json_decref(rules);
	json_decref(gov);
	free(origin);
	free(display);
	config_entries_free(e, n);
	return (error);
}
