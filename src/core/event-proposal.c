/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Events of proposals and their discussion: proposal.created, .edited,
 * .published, .withdrawn; comment.added, .hidden, .unhidden.
 *
 *	proposal:  draft --published--> discussion
 *	             |                     |
 *	             +----withdrawn--------+--> withdrawn
 *
 * (voting and closing come with the rules engine). Only the author edits
 * a proposal, and only in draft. A moderator hides a comment with a
 * reason; hiding never deletes, and the projection keeps the text so that
 * unhiding restores it. Member-written text in these events (titles,
 * bodies, reasons) may be redacted by a leader: the *_redact functions
 * clear the projected text when it came from the redacted event.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "moot/dispute.h"
#include "moot/event.h"
#include "moot/rules.h"
#include "moot/tally.h"
#include "moot/text.h"

static const char *const event_proposal_kinds[] = {
	"motion", "poll", "election", "rules", "role", "agreement", "appeal",
	NULL
};

/*
 * An appeal put to a community vote: moot proposes it (its args name
 * the dispute), once, for a dispute appealed under a rule.
 */
static int
event_proposal_appeal(struct core *c, json_t *args, int64_t *id,
    char **cause)
{
	struct dispute	d;
	int		error;

	if ((error = event_arg_int(args, "dispute", true, id, cause)) != 0 ||
	    (error = dispute_get(c, *id, &d, cause)) != 0)
		return (error);
	if (strcmp(d.state, "appealed") != 0 || d.appeal_proposal != -1)
		return (moot_fail(cause, -EBUSY, "dispute #%lld has no appeal "
		    "waiting for a vote", (long long)*id));
	return (0);
}

#define EVENT_PROPOSAL_MAX_OPTIONS	100

/* Whether kind changes the constitution (decided under amendments). */
static bool
event_proposal_amends(const char *kind)
{
	return (strcmp(kind, "rules") == 0 || strcmp(kind, "role") == 0 ||
	    strcmp(kind, "agreement") == 0);
}

/*
 * The rule a new proposal of kind is decided under: the one it names,
 * or [governance]'s for its kind. *rule is NULL in a community that has
 * no rules yet.
 */
int
event_proposal_rule(struct core *c, const char *kind, const char *named,
    char **rule, char **cause)
{
	struct governance	 g;
	const char		*def;
	int			 error;

	*rule = NULL;
	if (event_governance(c, &g) != 0) {
		if (named != NULL || event_proposal_amends(kind))
			return (moot_fail(cause, -ENOENT, "this community has "
			    "no rules yet: a leader sets them with `moot rules "
			    "set FILE`"));
		return (0);
	}
	def = strcmp(kind, "appeal") == 0 ? g.appeals :
	    strcmp(kind, "poll") == 0 ? g.polls :
	    strcmp(kind, "election") == 0 ? g.elections :
	    event_proposal_amends(kind) ? g.amendments : g.motions;
	if (event_proposal_amends(kind) && named != NULL &&
	    strcmp(named, def) != 0) {
		error = moot_fail(cause, -EPERM, "a %s proposal is decided "
		    "under the rule %s that [governance] names for amendments, "
		    "not %s", kind, def, named);
		governance_free(&g);
		return (error);
	}
	if (named == NULL && def[0] == '\0') {
		governance_free(&g);
		return (moot_fail(cause, -EINVAL, "name the rule for this %s "
		    "(--rule NAME): [governance] names none for %ss", kind,
		    kind));
	}
	*rule = xstrdup(named != NULL ? named : def);
	governance_free(&g);
	return (0);
}

/* Whether the rule (if any) can count a proposal with these options. */
static int
event_proposal_fits(struct core *c, const char *kind, const char *rule,
    const json_t *options, char **cause)
{
	sqlite3_stmt	*stmt;
	struct rule	 r;
	json_t		*text = NULL;
	size_t		 n;
	int		 error;

	if (rule == NULL)
		return (0);
	stmt = store_prepare(core_store(c),
	    "SELECT body FROM rules WHERE name = ?");
	sqlite3_bind_text(stmt, 1, rule, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		text = json_loads(store_text(stmt, 0), 0, NULL);
	sqlite3_reset(stmt);
	if (text == NULL)
		return (moot_fail(cause, -ENOENT, "there is no rule %s (see "
		    "`moot rules`)", rule));
	error = rule_parse_json(rule, text, &r, cause);
	json_decref(text);
	if (error != 0)
		return (error);
	n = json_array_size(options);
	if (tally_method_ballot_kind(r.params.method) == TALLY_BALLOT_CHOICE) {
		if (n != 0)
			error = moot_fail(cause, -EINVAL, "the rule %s votes "
			    "%s on the proposal itself: a %s under it has no "
			    "options (or name a rule for options with --rule)",
			    rule, tally_method_name(r.params.method), kind);
	} else {
		if (r.default_option[0] != '\0') {
			size_t	i;
			json_t	*o;
			bool	found = false;

			json_array_foreach(options, i, o)
				found = found || strcmp(json_string_value(o),
				    r.default_option) == 0;
			if (!found)
				n++;
		}
		if (n < 2)
			error = moot_fail(cause, -EINVAL, "the rule %s counts "
			    "options by %s: give at least two (--option A "
			    "--option B)", rule,
			    tally_method_name(r.params.method));
	}
	rule_free(&r);
	return (error);
}

/* The options of a poll or election, checked as ballot option names. */
static int
event_proposal_options(json_t *args, json_t **out, char **cause)
{
	struct tally_ballots	 b;
	json_t			*options, *o;
	size_t			 i;
	int			 error = 0;

	*out = NULL;
	options = json_object_get(args, "options");
	if (options == NULL || json_is_null(options))
		return (0);
	if (!json_is_array(options))
		return (moot_fail(cause, -EINVAL, "options must be a list"));
	if (json_array_size(options) > EVENT_PROPOSAL_MAX_OPTIONS)
		return (moot_fail(cause, -E2BIG, "a proposal has at most %d "
		    "options", EVENT_PROPOSAL_MAX_OPTIONS));
	tally_ballots_init(&b);
	json_array_foreach(options, i, o) {
		if (!json_is_string(o)) {
			error = moot_fail(cause, -EINVAL, "options must be "
			    "text");
			break;
		}
		if ((error = text_check("option", TEXT_TITLE,
		    json_string_value(o), json_string_length(o), cause)) != 0)
			break;
		if (strpbrk(json_string_value(o), ",>=#") != NULL) {
			error = moot_fail(cause, -EINVAL, "option \"%s\" "
			    "holds one of , > = # (ballots use them to "
			    "separate options)", json_string_value(o));
			break;
		}
		if ((error = (int)tally_ballots_add_option(&b,
		    json_string_value(o), cause)) < 0)
			break;
		error = 0;
	}
	tally_ballots_free(&b);
	if (error == 0)
		*out = json_incref(options);
	return (error);
}

/* The change a rules, role or agreement proposal carries, checked. */
static int
event_proposal_change(struct core *c, const char *kind, json_t *args,
    json_t **out, char **cause)
{
	sqlite3_stmt	*stmt;
	json_t		*change;
	const char	*text, *version;
	bool		 same;
	int		 error;

	*out = NULL;
	change = json_object_get(args, "change");
	if (!event_proposal_amends(kind)) {
		if (change != NULL && !json_is_null(change))
			return (moot_fail(cause, -EINVAL, "a %s carries no "
			    "change; use kind rules, role or agreement", kind));
		return (0);
	}
	if (!json_is_object(change))
		return (moot_fail(cause, -EINVAL, "a %s proposal carries the "
		    "change it makes", kind));
	if (strcmp(kind, "rules") == 0)
		return (event_rules_normalise(c, change, out, cause));
	if (strcmp(kind, "role") == 0) {
		if ((error = event_role_change_valid(c, change, cause)) != 0)
			return (error);
		*out = json_pack("{s:O,s:O}", "user", json_object_get(change,
		    "user"), "role", json_object_get(change, "role"));
		return (0);
	}
	if ((error = event_arg_text(change, "agreement", TEXT_BODY, true,
	    &text, cause)) != 0 ||
	    (error = event_arg_text(change, "version", TEXT_LINE, true,
	    &version, cause)) != 0)
		return (error);
	stmt = store_prepare(core_store(c),
	    "SELECT 1 FROM community WHERE agreement_version = ?");
	sqlite3_bind_text(stmt, 1, version, -1, SQLITE_STATIC);
	same = sqlite3_step(stmt) == SQLITE_ROW;
	sqlite3_reset(stmt);
	if (same)
		return (moot_fail(cause, -EEXIST, "the agreement is already "
		    "at version %s: give the new text a new version", version));
	*out = json_pack("{s:s,s:s}", "agreement", text, "version", version);
	return (0);
}

int
event_proposal_get(struct core *c, int64_t id, int64_t *author,
    char *state, size_t len, char **cause)
{
	sqlite3_stmt	*stmt;

	stmt = store_prepare(core_store(c),
	    "SELECT author_uid, state FROM proposals WHERE id = ?");
	sqlite3_bind_int64(stmt, 1, id);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		sqlite3_reset(stmt);
		return (moot_fail(cause, -ENOENT, "there is no proposal #%lld",
		    (long long)id));
	}
	*author = sqlite3_column_int64(stmt, 0);
	snprintf(state, len, "%s", store_text(stmt, 1));
	sqlite3_reset(stmt);
	return (0);
}

int
event_proposal_step(struct store *s, const char *sql, const struct event *ev,
    const char *text, char **cause)
{
	sqlite3_stmt	*stmt;

	stmt = store_prepare(s, sql);
	sqlite3_bind_int64(stmt, 1, ev->ts);
	sqlite3_bind_int64(stmt, 2, ev->seq);
	if (text != NULL)
		sqlite3_bind_text(stmt, 3, text, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 4, event_ref_id(ev->ref,
	    strncmp(ev->ref, "comment:", 8) == 0 ? "comment" : "proposal"));
	return (store_done(s, stmt, cause));
}

static const char *
event_proposal_str(const json_t *body, const char *key)
{
	return (json_string_value(json_object_get(body, key)));
}

int
event_proposal_created_check(struct core *c, const struct actor *a,
    json_t *args, struct event_draft *d, char **cause)
{
	const char	*title, *text, *kind, *licence, *named;
	char		*deflicence = NULL, *rule = NULL;
	json_t		*draft, *options = NULL, *change = NULL;
	int64_t		 id, dispute = -1;
	size_t		 i;
	int		 error;

	if (a->uid == MOOT_SYSTEM_UID) {
		if ((error = event_proposal_appeal(c, args, &dispute,
		    cause)) != 0)
			return (error);
	} else if ((error = event_need_role(c, a, ROLE_MEMBER,
	    "make proposals", cause)) != 0)
		return (error);
	if ((error = event_arg_text(args, "title", TEXT_TITLE, true, &title,
	    cause)) != 0 ||
	    (error = event_arg_text(args, "body", TEXT_BODY, false, &text,
	    cause)) != 0 ||
	    (error = event_arg_text(args, "kind", TEXT_NAME, false, &kind,
	    cause)) != 0 ||
	    (error = event_arg_text(args, "licence", TEXT_NAME, false, &licence,
	    cause)) != 0 ||
	    (error = event_arg_text(args, "rule", TEXT_NAME, false, &named,
	    cause)) != 0)
		return (error);
	if (kind == NULL)
		kind = "motion";
	if ((dispute != -1) != (strcmp(kind, "appeal") == 0))
		return (moot_fail(cause, -EPERM, "moot itself puts an appeal "
		    "to a vote, when a party appeals (`moot dispute appeal`)"));
	for (i = 0; event_proposal_kinds[i] != NULL; i++) {
		if (strcmp(kind, event_proposal_kinds[i]) == 0)
			break;
	}
	if (event_proposal_kinds[i] == NULL)
		return (moot_fail(cause, -EINVAL, "kind \"%s\" is not one of "
		    "motion, poll, election, rules, role, agreement", kind));
	if (dispute != -1 && (error = event_proposal_rule(c, kind, NULL,
	    &rule, cause)) == 0 && (rule == NULL || strcmp(rule,
	    "leaders") == 0)) {
		free(rule);
		return (moot_fail(cause, -EINVAL, "[governance] appeals names "
		    "no rule to vote under"));
	}
	free(rule);
	rule = NULL;
	if ((error = event_proposal_rule(c, kind, named, &rule, cause)) != 0)
		return (error);
	if ((error = event_proposal_options(args, &options, cause)) != 0 ||
	    (error = event_proposal_fits(c, kind, rule, options, cause)) != 0 ||
	    (error = event_proposal_change(c, kind, args, &change,
	    cause)) != 0) {
		json_decref(options);
		free(rule);
		return (error);
	}
	if (licence == NULL) {
		sqlite3_stmt *stmt = store_prepare(core_store(c),
		    "SELECT licence FROM community");
		if (sqlite3_step(stmt) == SQLITE_ROW)
			deflicence = xstrdup(store_text(stmt, 0));
		sqlite3_reset(stmt);
		licence = deflicence != NULL ? deflicence : "CC-BY-SA-4.0";
	}
	draft = json_object_get(args, "draft");

	id = store_int(core_store(c), "SELECT max(id) FROM proposals", 0, 0) +
	    1;
	d->ref = xasprintf("proposal:%lld", (long long)id);
	d->body = json_pack("{s:s,s:s,s:s,s:s,s:s}", "title", title,
	    "body", text != NULL ? text : "", "kind", kind,
	    "licence", licence,
	    "state", json_is_true(draft) ? "draft" : "discussion");
	if (rule != NULL)
		json_object_set_new(d->body, "rule", json_string(rule));
	if (options != NULL)
		json_object_set_new(d->body, "options", options);
	if (change != NULL)
		json_object_set_new(d->body, "change", change);
	if (dispute != -1)
		json_object_set_new(d->body, "dispute", json_integer(dispute));
	d->result = json_pack("{s:I,s:s?}", "id", (json_int_t)id, "rule",
	    rule);
	free(deflicence);
	free(rule);
	return (0);
}

int
event_proposal_created_project(struct store *s, const struct event *ev,
    const json_t *body, char **cause)
{
	sqlite3_stmt	*stmt;
	json_t		*o;
	char		*options = NULL, *change = NULL;
	int		 rc;

	if ((o = json_object_get(body, "options")) != NULL)
		options = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	if ((o = json_object_get(body, "change")) != NULL)
		change = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	stmt = store_prepare(s, "INSERT INTO proposals (id, author_uid, title, "
	    "body, text_seq, kind, licence, state, created_ts, updated_ts, "
	    "rule, options, change) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	sqlite3_bind_int64(stmt, 1, event_ref_id(ev->ref, "proposal"));
	sqlite3_bind_int64(stmt, 2, ev->uid);
	sqlite3_bind_text(stmt, 3, event_proposal_str(body, "title"), -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, event_proposal_str(body, "body"), -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 5, ev->seq);
	sqlite3_bind_text(stmt, 6, event_proposal_str(body, "kind"), -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(stmt, 7, event_proposal_str(body, "licence"), -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(stmt, 8, event_proposal_str(body, "state"), -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 9, ev->ts);
	sqlite3_bind_int64(stmt, 10, ev->ts);
	sqlite3_bind_text(stmt, 11, event_proposal_str(body, "rule"), -1,
	    SQLITE_STATIC);
	if (options != NULL)
		sqlite3_bind_text(stmt, 12, options, -1, SQLITE_STATIC);
	if (change != NULL)
		sqlite3_bind_text(stmt, 13, change, -1, SQLITE_STATIC);
	rc = store_done(s, stmt, cause);
	free(options);
	free(change);
	if (rc == 0 && (o = json_object_get(body, "dispute")) != NULL) {
		stmt = store_prepare(s, "UPDATE disputes SET "
		    "appeal_proposal = ? WHERE id = ?");
		sqlite3_bind_int64(stmt, 1, event_ref_id(ev->ref, "proposal"));
		sqlite3_bind_int64(stmt, 2, json_integer_value(o));
		rc = store_done(s, stmt, cause);
	}
	return (rc);
}

int
event_proposal_edited_check(struct core *c, const struct actor *a,
    json_t *args, struct event_draft *d, char **cause)
{
	sqlite3_stmt	*stmt;
	const char	*title, *text;
	char		 state[32];
	int64_t		 id, author;
	int		 error;

	if ((error = event_need_role(c, a, ROLE_MEMBER, "edit proposals",
	    cause)) != 0)
		return (error);
	if ((error = event_arg_int(args, "id", true, &id, cause)) != 0 ||
	    (error = event_proposal_get(c, id, &author, state, sizeof state,
	    cause)) != 0)
		return (error);
	if (author != a->uid)
		return (moot_fail(cause, -EPERM,
		    "only the author of #%lld can edit it", (long long)id));
	if (strcmp(state, "draft") != 0)
		return (moot_fail(cause, -EBUSY,
		    "#%lld is %s%s: only drafts can be edited", (long long)id,
		    strcmp(state, "withdrawn") == 0 ? "" : "in ", state));
	if ((error = event_arg_text(args, "title", TEXT_TITLE, false, &title,
	    cause)) != 0 ||
	    (error = event_arg_text(args, "body", TEXT_BODY, false, &text,
	    cause)) != 0)
		return (error);
	if (title == NULL && text == NULL)
		return (moot_fail(cause, -EINVAL,
		    "nothing to change: give a new title or body"));

	/* The event holds the whole new text, so that it stands alone. */
	stmt = store_prepare(core_store(c),
	    "SELECT title, body FROM proposals WHERE id = ?");
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_step(stmt);
	d->body = json_pack("{s:s?,s:s?}",
	    "title", title != NULL ? title : store_text(stmt, 0),
	    "body", text != NULL ? text : store_text(stmt, 1));
	sqlite3_reset(stmt);
	d->ref = xasprintf("proposal:%lld", (long long)id);
	d->result = json_pack("{s:I}", "id", (json_int_t)id);
	return (0);
}

int
event_proposal_edited_project(struct store *s, const struct event *ev,
    const json_t *body, char **cause)
{
	sqlite3_stmt	*stmt;

	stmt = store_prepare(s, "UPDATE proposals SET title = ?, body = ?, "
	    "text_seq = ?, updated_ts = ? WHERE id = ?");
	sqlite3_bind_text(stmt, 1, event_proposal_str(body, "title"), -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, event_proposal_str(body, "body"), -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 3, ev->seq);
	sqlite3_bind_int64(stmt, 4, ev->ts);
	sqlite3_bind_int64(stmt, 5, event_ref_id(ev->ref, "proposal"));
	return (store_done(s, stmt, cause));
}

int
event_proposal_text_redact(struct store *s, const struct event *target,
    char **cause)
{
	sqlite3_stmt	*stmt;

	stmt = store_prepare(s, "UPDATE proposals SET title = NULL, "
	    "body = NULL WHERE id = ? AND text_seq = ?");
	sqlite3_bind_int64(stmt, 1, event_ref_id(target->ref, "proposal"));
	sqlite3_bind_int64(stmt, 2, target->seq);
	return (store_done(s, stmt, cause));
}

int
event_proposal_published_check(struct core *c, const struct actor *a,
    json_t *args, struct event_draft *d, char **cause)
{
	char	state[32];
	int64_t	id, author;
	int	error;

	if ((error = event_need_role(c, a, ROLE_MEMBER,
	    "open proposals for discussion", cause)) != 0)
		return (error);
	if ((error = event_arg_int(args, "id", true, &id, cause)) != 0 ||
	    (error = event_proposal_get(c, id, &author, state, sizeof state,
	    cause)) != 0)
		return (error);
	if (author != a->uid)
		return (moot_fail(cause, -EPERM,
		    "only the author of #%lld can open it for discussion",
		    (long long)id));
	if (strcmp(state, "draft") != 0)
		return (moot_fail(cause, -EBUSY, "#%lld is not a draft (it is "
		    "%s)", (long long)id, state));
	d->ref = xasprintf("proposal:%lld", (long long)id);
	d->body = json_pack("{s:s}", "state", "discussion");
	d->result = json_pack("{s:I}", "id", (json_int_t)id);
	return (0);
}

int
event_proposal_published_project(struct store *s, const struct event *ev,
    const json_t *body, char **cause)
{
	return (event_proposal_step(s, "UPDATE proposals SET updated_ts = ?1, "
	    "state = 'discussion' WHERE id = ?4", ev, NULL,
	    cause));
}

int
event_proposal_withdrawn_check(struct core *c, const struct actor *a,
    json_t *args, struct event_draft *d, char **cause)
{
	const char	*reason;
	char		 state[32];
	int64_t		 id, author;
	int		 error;

	if ((error = event_need_role(c, a, ROLE_MEMBER, "withdraw proposals",
	    cause)) != 0)
		return (error);
	if ((error = event_arg_int(args, "id", true, &id, cause)) != 0 ||
	    (error = event_proposal_get(c, id, &author, state, sizeof state,
	    cause)) != 0)
		return (error);
	if (author != a->uid && core_role_of(c, a->uid) < ROLE_MODERATOR)
		return (moot_fail(cause, -EPERM,
		    "only the author of #%lld or a moderator can withdraw it",
		    (long long)id));
	if (strcmp(state, "withdrawn") == 0)
		return (moot_fail(cause, -EEXIST, "#%lld is already withdrawn",
		    (long long)id));
	if (strcmp(state, "draft") != 0 && strcmp(state, "discussion") != 0)
		return (moot_fail(cause, -EBUSY,
		    "#%lld is %s and can no longer be withdrawn",
		    (long long)id, state));
	if ((error = event_arg_text(args, "reason", TEXT_LINE, false,
	    &reason, cause)) != 0)
		return (error);
	if (author != a->uid && reason == NULL)
		return (moot_fail(cause, -EINVAL,
		    "withdrawing someone else's proposal needs a reason"));
	d->ref = xasprintf("proposal:%lld", (long long)id);
	d->body = json_pack("{s:s?}", "reason", reason);
	d->result = json_pack("{s:I}", "id", (json_int_t)id);
	return (0);
}

int
event_proposal_withdrawn_project(struct store *s, const struct event *ev,
    const json_t *body, char **cause)
{
	return (event_proposal_step(s, "UPDATE proposals SET updated_ts = ?1, "
	    "state = 'withdrawn', withdrawn_seq = ?2, withdrawn_reason = ?3 "
	    "WHERE id = ?4", ev, event_proposal_str(body, "reason"), cause));
}

int
event_proposal_withdrawn_redact(struct store *s, const struct event *target,
    char **cause)
{
	return (event_proposal_step(s, "UPDATE proposals SET "
	    "withdrawn_reason = NULL WHERE "
	    "withdrawn_seq = ?2 AND id = ?4", target, NULL, cause));
}

/* Load a comment's hidden flag; -ENOENT with a sentence if none. */
static int
event_comment_get(struct core *c, int64_t id, bool *hidden, char **cause)
{
	sqlite3_stmt	*stmt;

	stmt = store_prepare(core_store(c),
	    "SELECT hidden FROM comments WHERE id = ?");
	sqlite3_bind_int64(stmt, 1, id);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		sqlite3_reset(stmt);
		return (moot_fail(cause, -ENOENT, "there is no comment %lld",
		    (long long)id));
	}
	*hidden = sqlite3_column_int(stmt, 0) != 0;
	sqlite3_reset(stmt);
	return (0);
}

int
event_comment_added_check(struct core *c, const struct actor *a,
    json_t *args, struct event_draft *d, char **cause)
{
	const char	*text;
	char		 state[32];
	int64_t		 pid, author, id;
	int		 error;

	if ((error = event_need_role(c, a, ROLE_MEMBER, "comment",
	    cause)) != 0)
		return (error);
	if ((error = event_arg_int(args, "proposal", true, &pid, cause)) != 0 ||
	    (error = event_proposal_get(c, pid, &author, state, sizeof state,
	    cause)) != 0)
		return (error);
	if (strcmp(state, "withdrawn") == 0)
		return (moot_fail(cause, -EBUSY,
		    "#%lld was withdrawn: its discussion is closed",
		    (long long)pid));
	if ((error = event_arg_text(args, "body", TEXT_BODY, true, &text,
	    cause)) != 0)
		return (error);
	if (text[strspn(text, " \t\n")] == '\0')
		return (moot_fail(cause, -EINVAL, "body: empty"));
	id = store_int(core_store(c), "SELECT max(id) FROM comments", 0, 0) + 1;
	d->ref = xasprintf("comment:%lld", (long long)id);
	d->body = json_pack("{s:s,s:s}", "on", "", "body", text);
	json_object_set_new(d->body, "on", json_sprintf("proposal:%lld",
	    (long long)pid));
	d->result = json_pack("{s:I,s:I}", "id", (json_int_t)id, "proposal",
	    (json_int_t)pid);
	return (0);
}

int
event_comment_added_project(struct store *s, const struct event *ev,
    const json_t *body, char **cause)
{
	sqlite3_stmt	*stmt;
	int64_t		 pid;
	int		 rc;

	pid = event_ref_id(event_proposal_str(body, "on"), "proposal");
	stmt = store_prepare(s, "INSERT INTO comments (id, proposal_id, "
	    "author_uid, body, body_seq, created_ts) VALUES (?, ?, ?, ?, ?, ?)");
	sqlite3_bind_int64(stmt, 1, event_ref_id(ev->ref, "comment"));
	sqlite3_bind_int64(stmt, 2, pid);
	sqlite3_bind_int64(stmt, 3, ev->uid);
	sqlite3_bind_text(stmt, 4, event_proposal_str(body, "body"), -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 5, ev->seq);
	sqlite3_bind_int64(stmt, 6, ev->ts);
	if ((rc = store_done(s, stmt, cause)) != 0)
		return (rc);
	stmt = store_prepare(s, "UPDATE proposals SET ncomments = ncomments + 1, "
	    "updated_ts = ? WHERE id = ?");
	sqlite3_bind_int64(stmt, 1, ev->ts);
	sqlite3_bind_int64(stmt, 2, pid);
	return (store_done(s, stmt, cause));
}

int
event_comment_added_redact(struct store *s, const struct event *target,
    char **cause)
{
	return (event_proposal_step(s, "UPDATE comments SET body = NULL "
	    "WHERE body_seq = ?2 AND id = ?4", target, NULL,
	    cause));
}

static int
event_comment_moderate(struct core *c, const struct actor *a, json_t *args,
    struct event_draft *d, bool hide, char **cause)
{
	const char	*reason;
	int64_t		 id;
	bool		 hidden = false;
	int		 error;

	if ((error = event_need_role(c, a, ROLE_MODERATOR,
	    hide ? "hide comments" : "unhide comments", cause)) != 0)
		return (error);
	if ((error = event_arg_int(args, "id", true, &id, cause)) != 0 ||
	    (error = event_comment_get(c, id, &hidden, cause)) != 0)
		return (error);
	if (hide && hidden)
		return (moot_fail(cause, -EEXIST,
		    "comment %lld is already hidden", (long long)id));
	if (!hide && !hidden)
		return (moot_fail(cause, -EEXIST, "comment %lld is not hidden",
		    (long long)id));
	if ((error = event_arg_text(args, "reason", TEXT_LINE, true, &reason,
	    cause)) != 0)
		return (error);
	if (reason[strspn(reason, " ")] == '\0')
		return (moot_fail(cause, -EINVAL, "reason: empty"));
	d->ref = xasprintf("comment:%lld", (long long)id);
	d->body = json_pack("{s:s}", "reason", reason);
	d->result = json_pack("{s:I}", "id", (json_int_t)id);
	return (0);
}

int
event_comment_hidden_check(struct core *c, const struct actor *a,
    json_t *args, struct event_draft *d, char **cause)
{
	return (event_comment_moderate(c, a, args, d, true, cause));
}

int
event_comment_unhidden_check(struct core *c, const struct actor *a,
    json_t *args, struct event_draft *d, char **cause)
{
	return (event_comment_moderate(c, a, args, d, false, cause));
}

int
event_comment_hidden_project(struct store *s, const struct event *ev,
    const json_t *body, char **cause)
{
	sqlite3_stmt	*stmt;

	stmt = store_prepare(s, "UPDATE comments SET hidden = 1, "
	    "hidden_by = ?, hidden_reason = ?, hidden_seq = ?, hidden_ts = ? "
	    "WHERE id = ?");
	sqlite3_bind_int64(stmt, 1, ev->uid);
	sqlite3_bind_text(stmt, 2, event_proposal_str(body, "reason"), -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 3, ev->seq);
	sqlite3_bind_int64(stmt, 4, ev->ts);
	sqlite3_bind_int64(stmt, 5, event_ref_id(ev->ref, "comment"));
	return (store_done(s, stmt, cause));
}

int
event_comment_hidden_redact(struct store *s, const struct event *target,
    char **cause)
{
	return (event_proposal_step(s, "UPDATE comments SET hidden_reason = "
	    "NULL WHERE hidden_seq = ?2 AND id = ?4", target,
	    NULL, cause));
}

int
event_comment_unhidden_project(struct store *s, const struct event *ev,
    const json_t *body, char **cause)
{
	return (event_proposal_step(s, "UPDATE comments SET hidden = 0, "
	    "hidden_by = NULL, hidden_reason = NULL, hidden_seq = NULL, "
	    "hidden_ts = NULL WHERE id = ?4", ev, NULL, cause));
}
