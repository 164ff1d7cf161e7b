/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Events that change the constitution: rules.changed (the rules and
 * [governance], moot-rules(5)) and agreement.changed; and the helpers by
 * which these and role.changed apply a passed proposal.
 *
 * A change comes either from a proposal of kind rules, role or agreement
 * that passed under the [governance] amendments rule, applied by moot
 * itself with "cause": "proposal:N" in the body, or straight from a
 * leader where [governance] allows (leaders_change_rules,
 * leaders_change_roles). The agreement changes only by proposal. A
 * community created before rules existed has no [governance]: its leaders
 * may set the first rules.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "moot/event.h"
#include "moot/rules.h"
#include "moot/text.h"

/* The JSON text a projection stores for an object: sorted, compact. */
static char *
event_rules_dump(const json_t *o)
{
	return (json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS));
}

json_t *
event_rules_current(struct store *s)
{
	sqlite3_stmt	*stmt;
	json_t		*rules, *r;

	rules = json_object();
	stmt = store_prepare(s, "SELECT name, body FROM rules ORDER BY name");
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		r = json_loads(store_text(stmt, 1), 0, NULL);
		if (r != NULL)
			json_object_set_new(rules, store_text(stmt, 0), r);
	}
	sqlite3_reset(stmt);
	return (rules);
}

json_t *
event_governance_current(struct store *s)
{
	sqlite3_stmt	*stmt;
	json_t		*g = NULL;

	stmt = store_prepare(s, "SELECT body FROM governance");
	if (sqlite3_step(stmt) == SQLITE_ROW)
		g = json_loads(store_text(stmt, 0), 0, NULL);
	sqlite3_reset(stmt);
	return (g);
}

int
event_governance(struct core *c, struct governance *g)
{
	json_t	*o;
	int	 error;

	if ((o = event_governance_current(core_store(c))) == NULL)
		return (-ENOENT);
	error = governance_parse_json(o, g, NULL);
	json_decref(o);
	return (error);
}

int
event_rules_normalise(struct core *c, const json_t *change, json_t **out,
    char **cause)
{
	json_t	*rules, *gov;
	int	 error;

	rules = event_rules_current(core_store(c));
	gov = event_governance_current(core_store(c));
	error = rules_change_apply(change, rules, gov, out, cause);
	json_decref(rules);
	json_decref(gov);
	return (error);
}

int
event_rules_project(struct store *s, const struct event *ev,
    const json_t *change, char **cause)
{
	sqlite3_stmt	*stmt;
	const char	*name, *why;
	json_t		*rule, *gov;
	char		*text;
	int64_t		 version;
	int		 rc;

	why = json_string_value(json_object_get(change, "cause"));
	json_object_foreach(json_object_get(change, "rules"), name, rule) {
		stmt = store_prepare(s, "SELECT coalesce(max(version), 0) "
		    "FROM rule_versions WHERE name = ?");
		sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
		sqlite3_step(stmt);
		version = sqlite3_column_int64(stmt, 0) + 1;
		sqlite3_reset(stmt);

		text = json_is_null(rule) ? NULL : event_rules_dump(rule);
		if (text == NULL) {
			stmt = store_prepare(s,
			    "DELETE FROM rules WHERE name = ?");
			sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
		} else {
			stmt = store_prepare(s, "INSERT OR REPLACE INTO rules "
			    "(name, version, body, seq, ts) VALUES "
			    "(?, ?, ?, ?, ?)");
			sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
			sqlite3_bind_int64(stmt, 2, version);
			sqlite3_bind_text(stmt, 3, text, -1, SQLITE_STATIC);
			sqlite3_bind_int64(stmt, 4, ev->seq);
			sqlite3_bind_int64(stmt, 5, ev->ts);
		}
		if ((rc = store_done(s, stmt, cause)) == 0) {
			stmt = store_prepare(s, "INSERT INTO rule_versions "
			    "(name, version, body, seq, ts, cause) VALUES "
			    "(?, ?, ?, ?, ?, ?)");
			sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
			sqlite3_bind_int64(stmt, 2, version);
			if (text != NULL)
				sqlite3_bind_text(stmt, 3, text, -1,
				    SQLITE_STATIC);
			sqlite3_bind_int64(stmt, 4, ev->seq);
			sqlite3_bind_int64(stmt, 5, ev->ts);
			if (why != NULL)
				sqlite3_bind_text(stmt, 6, why, -1,
				    SQLITE_STATIC);
			rc = store_done(s, stmt, cause);
		}
		free(text);
		if (rc != 0)
			return (rc);
	}
	if ((gov = json_object_get(change, "governance")) == NULL)
		return (0);
	text = event_rules_dump(gov);
	stmt = store_prepare(s, "INSERT INTO governance (id, version, body, "
	    "seq) VALUES (1, 1, ?, ?) ON CONFLICT (id) DO UPDATE SET "
	    "version = version + 1, body = excluded.body, seq = excluded.seq "
	    "WHERE body != excluded.body");
	sqlite3_bind_text(stmt, 1, text, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, ev->seq);
	rc = store_done(s, stmt, cause);
	free(text);
	return (rc);
}

int
event_applied_proposal(struct core *c, const struct actor *a, json_t *args,
    const char *kind, int64_t *id, json_t **change, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 error;
	bool		 ok;

	*change = NULL;
	if ((error = event_arg_int(args, "proposal", true, id, cause)) != 0)
		return (error);
	if (a->uid != MOOT_SYSTEM_UID)
		return (moot_fail(cause, -EPERM, "moot applies a passed "
		    "proposal itself; nobody can apply one by hand"));
	stmt = store_prepare(core_store(c), "SELECT kind = ? AND state = "
	    "'closed' AND outcome = 'passed' AND applied_seq IS NULL, change "
	    "FROM proposals WHERE id = ?");
	sqlite3_bind_text(stmt, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, *id);
	ok = sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_int(stmt, 0);
	if (ok)
		*change = json_loads(store_text(stmt, 1), 0, NULL);
	sqlite3_reset(stmt);
	if (!ok || *change == NULL)
		return (moot_fail(cause, -EBUSY, "#%lld is not a passed %s "
		    "proposal waiting to be applied", (long long)*id, kind));
	return (0);
}

int
event_mark_applied(struct store *s, const struct event *ev,
    const json_t *body, char **cause)
{
	sqlite3_stmt	*stmt;
	const char	*why;

	why = json_string_value(json_object_get(body, "cause"));
	if (why == NULL)
		return (0);
	stmt = store_prepare(s,
	    "UPDATE proposals SET applied_seq = ? WHERE id = ?");
	sqlite3_bind_int64(stmt, 1, ev->seq);
	sqlite3_bind_int64(stmt, 2, event_ref_id(why, "proposal"));
	return (store_done(s, stmt, cause));
}

int
event_rules_changed_check(struct core *c, const struct actor *a,
    json_t *args, struct event_draft *d, char **cause)
{
	struct governance	 g;
	json_t			*change = NULL, *norm;
	char			*why = NULL;
	int64_t			 id = 0;
	int			 error;

	if (json_object_get(args, "proposal") != NULL) {
		if ((error = event_applied_proposal(c, a, args, "rules", &id,
		    &change, cause)) != 0)
			return (error);
	} else {
		if ((error = event_need_role(c, a, ROLE_LEADER,
		    "change the rules", cause)) != 0)
			return (error);
		if (event_governance(c, &g) == 0) {
			bool direct = g.leaders_change_rules;

			governance_free(&g);
			if (!direct)
				return (moot_fail(cause, -EPERM, "this "
				    "community changes its rules only by vote "
				    "([governance] leaders_change_rules = no): "
				    "propose the change with `moot propose "
				    "--kind rules`"));
		}
		change = json_incref(json_object_get(args, "change"));
		if (change == NULL)
			return (moot_fail(cause, -EINVAL, "change is "
			    "required"));
	}
	error = event_rules_normalise(c, change, &norm, &why);
	json_decref(change);
	if (error != 0) {
		if (id != 0)
			error = moot_fail(cause, error, "the change that #%lld "
			    "carries no longer applies: %s", (long long)id,
			    why);
		else
			error = moot_fail(cause, error, "%s", why);
		free(why);
		return (error);
	}
	if (id != 0)
		json_object_set_new(norm, "cause", json_sprintf("proposal:%lld",
		    (long long)id));
	d->ref = xstrdup("rules");
	d->body = norm;
	d->result = json_pack("{s:O}", "rules", json_object_get(norm,
	    "rules"));
	return (0);
}

int
event_rules_changed_project(struct store *s, const struct event *ev,
    const json_t *body, char **cause)
{
	int	rc;

	if ((rc = event_rules_project(s, ev, body, cause)) != 0)
		return (rc);
	return (event_mark_applied(s, ev, body, cause));
}

int
event_agreement_changed_check(struct core *c, const struct actor *a,
    json_t *args, struct event_draft *d, char **cause)
{
	json_t		*change;
	int64_t		 id;
	int		 error;

	if (json_object_get(args, "proposal") == NULL)
		return (moot_fail(cause, -EPERM, "the agreement changes only "
		    "by vote: propose the new text with `moot propose --kind "
		    "agreement`"));
	if ((error = event_applied_proposal(c, a, args, "agreement", &id,
	    &change, cause)) != 0)
		return (error);
	d->ref = xstrdup("community");
	d->body = json_pack("{s:O?,s:O?}",
	    "agreement", json_object_get(change, "agreement"),
	    "version", json_object_get(change, "version"));
	json_object_set_new(d->body, "cause", json_sprintf("proposal:%lld",
	    (long long)id));
	json_decref(change);
	if (!json_is_string(json_object_get(d->body, "agreement")) ||
	    !json_is_string(json_object_get(d->body, "version")))
		return (moot_fail(cause, -EINVAL, "#%lld carries no agreement "
		    "text and version", (long long)id));
	d->result = json_pack("{s:O}", "version", json_object_get(d->body,
	    "version"));
	return (0);
}

int
event_agreement_changed_project(struct store *s, const struct event *ev,
    const json_t *body, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	stmt = store_prepare(s, "UPDATE community SET agreement = ?, "
	    "agreement_version = ?");
	sqlite3_bind_text(stmt, 1, json_string_value(json_object_get(body,
	    "agreement")), -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, json_string_value(json_object_get(body,
	    "version")), -1, SQLITE_STATIC);
	if ((rc = store_done(s, stmt, cause)) != 0)
		return (rc);
	return (event_mark_applied(s, ev, body, cause));
}
