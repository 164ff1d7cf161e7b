/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * moot-rules(5): the community's named voting rules and the [governance]
 * section that says which rule decides what. A rules file is INI read
 * with iniparser; in the database and in events a rule is a JSON object
 * of every key as text ({"method":"yesno","quorum":"30%",...}), with the
 * defaults filled in, so that a rule frozen into a vote reads the same
 * wherever it is shown and re-tallies the same years later.
 *
 * A change to the rules (moot init, a passed `rules` proposal, or a
 * leader where [governance] allows) is the JSON object
 *
 *	{"rules": {"NAME": {key: text, ...} | null, ...},
 *	 "governance": {key: text, ...}}
 *
 * where a rule object replaces the whole rule (keys it omits take their
 * defaults), null removes the rule, and governance keys replace those
 * keys. rules_change_apply() checks a change against the current set.
 */
#ifndef MOOT_RULES_H
#define MOOT_RULES_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "moot/core.h"
#include "moot/tally.h"

#define RULE_NAME_MAX	32

enum rule_results {
	RULE_RESULTS_LIVE,
	RULE_RESULTS_AFTER_VOTE,
	RULE_RESULTS_AFTER_CLOSE,
};

/* A rule, typed. Strings are owned; rule_free() frees them. */
struct rule {
	char			*description;
	char			*method_text;
	char			*quorum_text;
	char			*threshold_text;
	char			*eligible_text;
	uint64_t		 discussion;	/* seconds */
	uint64_t		 duration;	/* seconds */
	uint64_t		 max_duration;	/* seconds; 0: as duration */
	bool			 early_close;
	bool			 changeable;
	char			*results_text;
	char			*veto_text;
	char			*default_option;	/* "": none */
	int			 seats;
	char			*ties_text;
	int			 score_max;
	int			 budget;

	/* Derived by rule_parse_json() / rules_entries(). */
	struct tally_params	 params;	/* default_option unresolved */
	enum role		 eligible;
	enum rule_results	 results;
	bool			 leader_veto;
};

/* The [governance] section. */
struct governance {
	char		*motions;	/* rule for motions */
	char		*polls;		/* "": a poll must name its rule */
	char		*elections;	/* "": an election must name its rule */
	char		*amendments;	/* rules, role and agreement kinds */
	char		*appeals;	/* "leaders" or a rule */
	bool		 leaders_change_rules;
	bool		 leaders_change_roles;
};

void		 rule_free(struct rule *);
void		 governance_free(struct governance *);

/*
 * Read a rule from its JSON object (every value a string; unknown keys
 * refused). Keys it lacks take their defaults. Returns 0 or -EINVAL with
 * *cause naming the rule and the key and saying what would be valid.
 */
int		 rule_parse_json(const char *, const json_t *, struct rule *,
		     char **);
/*
 * The same for a rule that was checked when it was written (frozen into
 * a vote): no trial count, as it runs for every ballot.
 */
int		 rule_parse_frozen(const char *, const json_t *, struct rule *,
		     char **);
/* The rule as a JSON object of every key (defaults filled in). */
json_t		*rule_to_json(const struct rule *);
int		 governance_parse_json(const json_t *, struct governance *,
		     char **);
json_t		*governance_to_json(const struct governance *);

/* Whether name is a valid rule name (1..32 of a-z 0-9 _ -). */
bool		 rule_name_valid(const char *);

/*
 * Read a rules file into a change (see above). Errors name the file, the
 * line and the key ("rules.ini:7: [majority] quorum: ..."). With
 * need_governance, the file must have a [governance] section naming
 * motions and amendments (moot init); otherwise the section is optional.
 */
int		 rules_file_load(const char *, bool, json_t **, char **);

/* The built-in set, as the change moot init applies without --rules. */
json_t		*rules_builtin(void);

/*
 * Check change against the current set (current_rules: name -> rule
 * object, current_gov: governance object or NULL when none yet) and
 * return the normalised change: each rule with every key, removals as
 * null, and the whole resulting governance. The resulting set must name
 * only rules that exist.
 */
int		 rules_change_apply(const json_t *, const json_t *,
		     const json_t *, json_t **, char **);

/* The rules key table, for moot-rules(5) checks and dumps. */
const struct config_key *rules_table(size_t *);

/* Format a duration in seconds as a file would ("7d", "36h"). */
void		 rules_format_duration(uint64_t, char *, size_t);

#endif
