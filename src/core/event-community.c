/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Events of the community and its members: community.created (moot
 * init), member.invited, member.joined (which records acceptance of the
 * agreement) and role.changed. Membership follows the community's policy:
 * open (any local user may join), invite (a moderator invites first) or
 * group:NAME (members of that Unix group).
 *
 *	member lifecycle:   (none) --invited--> invited --joined--> active
 *	                    (none) ----------joined---------------> active
 *	                    active --joined (new agreement)--> active
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "moot/event.h"
#include "moot/rules.h"
#include "moot/text.h"

/* Look a login name up in the system's user database. */
static int
event_community_user(const char *name, int64_t *uid, gid_t *gid,
    char **cause)
{
	struct passwd	 pw, *res = NULL;
	char		 buf[4096];

	if (getpwnam_r(name, &pw, buf, sizeof buf, &res) != 0 || res == NULL)
		return (moot_fail(cause, -ENOENT,
		    "there is no user %s on this system", name));
	*uid = pw.pw_uid;
	if (gid != NULL)
		*gid = pw.pw_gid;
	return (0);
}

static bool
event_community_in_group(const char *user, const char *group)
{
	struct group	 gr, *res = NULL;
	char		 buf[8192];
	gid_t		 groups[256];
	int64_t		 uid;
	gid_t		 gid;
	int		 n = (int)MOOT_NITEMS(groups), i;

	if (getgrnam_r(group, &gr, buf, sizeof buf, &res) != 0 || res == NULL)
		return (false);
	if (event_community_user(user, &uid, &gid, NULL) != 0)
		return (false);
	if (getgrouplist(user, gid, groups, &n) == -1)
		return (false);
	for (i = 0; i < n; i++) {
		if (groups[i] == gr.gr_gid)
			return (true);
	}
	return (false);
}

static int
event_community_membership_ok(const char *s, char **cause)
{
	const char	*g;

	if (strcmp(s, "open") == 0 || strcmp(s, "invite") == 0)
		return (0);
	if (strncmp(s, "group:", 6) == 0) {
		g = s + 6;
		if (*g != '\0' && strlen(g) <= 32 &&
		    strspn(g, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.") == strlen(g))
			return (0);
	}
	return (moot_fail(cause, -EINVAL,
	    "membership \"%s\" is not one of open, invite, group:NAME", s));
}

int
event_community_created_check(struct core *c, const struct actor *a,
    json_t *args, struct event_draft *d, char **cause)
{
	const char	*name, *agreement, *version, *licence, *membership;
	const char	*leader;
	json_t		*rules, *builtin = NULL, *norm;
	char		*why = NULL;
	int64_t		 leader_uid;
	int		 error;

	if (store_int(core_store(c), "SELECT count(*) FROM community", 0,
	    0) != 0 || core_head(c, NULL) != 0)
		return (moot_fail(cause, -EEXIST,
		    "this database already holds a community"));
	if ((error = event_arg_text(args, "name", TEXT_NAME, true, &name,
	    cause)) != 0 ||
	    (error = event_arg_text(args, "agreement", TEXT_BODY, true,
	    &agreement, cause)) != 0 ||
	    (error = event_arg_text(args, "agreement_version", TEXT_LINE, true,
	    &version, cause)) != 0 ||
	    (error = event_arg_text(args, "licence", TEXT_NAME, true, &licence,
	    cause)) != 0 ||
	    (error = event_arg_text(args, "membership", TEXT_NAME, true,
	    &membership, cause)) != 0 ||
	    (error = event_arg_text(args, "leader", TEXT_NAME, false, &leader,
	    cause)) != 0)
		return (error);
	if ((error = event_community_membership_ok(membership, cause)) != 0)
		return (error);
	if (leader == NULL || strcmp(leader, a->name) == 0) {
		leader = a->name;
		leader_uid = a->uid;
	} else if ((error = event_community_user(leader, &leader_uid, NULL,
	    cause)) != 0)
		return (error);
	rules = json_object_get(args, "rules");
	if (rules == NULL || json_is_null(rules))
		rules = builtin = rules_builtin();
	error = rules_change_apply(rules, NULL, NULL, &norm, &why);
	json_decref(builtin);
	if (error != 0) {
		error = moot_fail(cause, error, "the rules: %s", why);
		free(why);
		return (error);
	}

	d->ref = xstrdup("community");
	d->body = json_pack("{s:s,s:s,s:s,s:s,s:s,s:{s:I,s:s}}",
	    "name", name, "agreement", agreement,
	    "agreement_version", version, "licence", licence,
	    "membership", membership,
	    "leader", "uid", (json_int_t)leader_uid, "name", leader);
	json_object_set_new(d->body, "rules", norm);
	d->result = json_pack("{s:s,s:s}", "community", name, "leader",
	    leader);
	return (0);
}

int
event_community_created_project(struct store *s, const struct event *ev,
    const json_t *body, char **cause)
{
	sqlite3_stmt	*stmt;
	json_t		*leader, *rules;
	const char	*version;
	int64_t		 uid;
	int		 rc;

	version = json_string_value(json_object_get(body,
	    "agreement_version"));
	stmt = store_prepare(s, "INSERT INTO community (id, name, agreement, "
	    "agreement_version, licence, membership, created_ts) VALUES "
	    "(1, ?, ?, ?, ?, ?, ?)");
	sqlite3_bind_text(stmt, 1, json_string_value(json_object_get(body,
	    "name")), -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, json_string_value(json_object_get(body,
	    "agreement")), -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, version, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, json_string_value(json_object_get(body,
	    "licence")), -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 5, json_string_value(json_object_get(body,
	    "membership")), -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 6, ev->ts);
	if ((rc = store_done(s, stmt, cause)) != 0)
		return (rc);

	/* The leader named at init; they accepted the agreement only if
	 * they ran init themselves. */
	leader = json_object_get(body, "leader");
	uid = json_integer_value(json_object_get(leader, "uid"));
	stmt = store_prepare(s, "INSERT INTO members (uid, name, role, status, "
	    "agreement_version, joined_ts, updated_ts) VALUES "
	    "(?, ?, 'leader', 'active', ?, ?, ?)");
	sqlite3_bind_int64(stmt, 1, uid);
	sqlite3_bind_text(stmt, 2, json_string_value(json_object_get(leader,
	    "name")), -1, SQLITE_STATIC);
	if (uid == ev->uid)
		sqlite3_bind_text(stmt, 3, version, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 4, ev->ts);
	sqlite3_bind_int64(stmt, 5, ev->ts);
	if ((rc = store_done(s, stmt, cause)) != 0)
		return (rc);

	/* Communities created before rules existed have none. */
	if ((rules = json_object_get(body, "rules")) == NULL)
		return (0);
	return (event_rules_project(s, ev, rules, cause));
}

/* The member row of uid: status and role, or false if none. */
static bool
event_community_member(struct store *s, int64_t uid, char *status,
    size_t slen, char *version, size_t vlen)
{
	sqlite3_stmt	*stmt;
	const char	*v;
	bool		 found = false;

	stmt = store_prepare(s, "SELECT status, agreement_version FROM members "
	    "WHERE uid = ?");
	sqlite3_bind_int64(stmt, 1, uid);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		found = true;
		snprintf(status, slen, "%s", store_text(stmt, 0));
		v = store_text(stmt, 1);
		snprintf(version, vlen, "%s", v != NULL ? v : "");
	}
	sqlite3_reset(stmt);
	return (found);
}

int
event_member_invited_check(struct core *c, const struct actor *a,
    json_t *args, struct event_draft *d, char **cause)
{
	const char	*user;
	char		 status[16], version[256];
	int64_t		 uid;
	int		 error;

	if ((error = event_need_role(c, a, ROLE_MODERATOR, "invite members",
	    cause)) != 0)
		return (error);
	if ((error = event_arg_text(args, "user", TEXT_NAME, true, &user,
	    cause)) != 0)
		return (error);
	if ((error = event_community_user(user, &uid, NULL, cause)) != 0)
		return (error);
	if (event_community_member(core_store(c), uid, status, sizeof status,
	    version, sizeof version))
		return (moot_fail(cause, -EEXIST, "%s is already %s", user,
		    strcmp(status, "invited") == 0 ? "invited" : "a member"));
	d->ref = xasprintf("member:%lld", (long long)uid);
	d->body = json_pack("{s:s}", "name", user);
	d->result = json_pack("{s:I,s:s}", "uid", (json_int_t)uid, "name",
	    user);
	return (0);
}

int
event_member_invited_project(struct store *s, const struct event *ev,
    const json_t *body, char **cause)
{
	sqlite3_stmt	*stmt;

	stmt = store_prepare(s, "INSERT INTO members (uid, name, role, status, "
	    "invited_by, updated_ts) VALUES (?, ?, 'member', 'invited', ?, ?)");
	sqlite3_bind_int64(stmt, 1, event_ref_id(ev->ref, "member"));
	sqlite3_bind_text(stmt, 2, json_string_value(json_object_get(body,
	    "name")), -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 3, ev->uid);
	sqlite3_bind_int64(stmt, 4, ev->ts);
	return (store_done(s, stmt, cause));
}

int
event_member_joined_check(struct core *c, const struct actor *a,
    json_t *args, struct event_draft *d, char **cause)
{
	struct store	*s = core_store(c);
	sqlite3_stmt	*stmt;
	char		 status[16], version[256], current[1024];
	char		 membership[128], community[128];
	const char	*accept;
	bool		 member;
	int		 error;

	stmt = store_prepare(s, "SELECT agreement_version, membership, name "
	    "FROM community");
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		sqlite3_reset(stmt);
		return (moot_fail(cause, -ENOENT,
		    "there is no community here yet: run `moot init`"));
	}
	snprintf(current, sizeof current, "%s", store_text(stmt, 0));
	snprintf(membership, sizeof membership, "%s", store_text(stmt, 1));
	snprintf(community, sizeof community, "%s", store_text(stmt, 2));
	sqlite3_reset(stmt);

	if ((error = event_arg_text(args, "agreement_version", TEXT_LINE, true,
	    &accept, cause)) != 0)
		return (error);
	if (strcmp(accept, current) != 0)
		return (moot_fail(cause, -EBUSY,
		    "the agreement is now at version %s, not %s: read it again "
		    "before you accept it", current, accept));

	member = event_community_member(s, a->uid, status, sizeof status,
	    version, sizeof version);
	if (member && strcmp(status, "active") == 0 &&
	    strcmp(version, current) == 0)
		return (moot_fail(cause, -EEXIST,
		    "you are already a member of %s (agreement version %s "
		    "accepted)", community, current));
	if (!member) {
		if (strcmp(membership, "invite") == 0)
			return (moot_fail(cause, -EPERM,
			    "%s admits members by invitation: ask a moderator "
			    "to run `moot invite %s`", community, a->name));
		if (strncmp(membership, "group:", 6) == 0 &&
		    !event_community_in_group(a->name, membership + 6))
			return (moot_fail(cause, -EPERM,
			    "%s is open to members of the Unix group %s, and "
			    "you are not in it", community, membership + 6));
	}
	d->ref = xasprintf("member:%lld", (long long)a->uid);
	d->body = json_pack("{s:s,s:s}", "name", a->name,
	    "agreement_version", current);
	d->result = json_pack("{s:s,s:s}", "community", community,
	    "agreement_version", current);
	return (0);
}

int
event_member_joined_project(struct store *s, const struct event *ev,
    const json_t *body, char **cause)
{
	sqlite3_stmt	*stmt;

	stmt = store_prepare(s, "INSERT INTO members (uid, name, role, status, "
	    "agreement_version, joined_ts, updated_ts) VALUES "
	    "(?, ?, 'member', 'active', ?, ?, ?) ON CONFLICT (uid) DO UPDATE "
	    "SET name = excluded.name, status = 'active', "
	    "agreement_version = excluded.agreement_version, "
	    "joined_ts = coalesce(joined_ts, excluded.joined_ts), "
	    "updated_ts = excluded.updated_ts");
	sqlite3_bind_int64(stmt, 1, event_ref_id(ev->ref, "member"));
	sqlite3_bind_text(stmt, 2, json_string_value(json_object_get(body,
	    "name")), -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, json_string_value(json_object_get(body,
	    "agreement_version")), -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 4, ev->ts);
	sqlite3_bind_int64(stmt, 5, ev->ts);
	return (store_done(s, stmt, cause));
}

/*
 * The member a role change names and their role now, checked: the role
 * exists, differs, and the last leader stays.
 */
static int
event_role_target(struct core *c, const json_t *change, int64_t *uid,
    enum role *old, char **cause)
{
	struct store	*s = core_store(c);
	sqlite3_stmt	*stmt;
	const char	*user, *rolename;
	enum role	 role;
	int		 error;

	if ((error = event_arg_text((json_t *)change, "user", TEXT_NAME, true,
	    &user, cause)) != 0 ||
	    (error = event_arg_text((json_t *)change, "role", TEXT_NAME, true,
	    &rolename, cause)) != 0)
		return (error);
	role = core_role_parse(rolename);
	if (role == ROLE_NONE)
		return (moot_fail(cause, -EINVAL,
		    "\"%s\" is not a role: use observer, member, moderator or "
		    "leader", rolename));
	stmt = store_prepare(s, "SELECT uid, role FROM members WHERE name = ? "
	    "ORDER BY status = 'active' DESC LIMIT 1");
	sqlite3_bind_text(stmt, 1, user, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		sqlite3_reset(stmt);
		return (moot_fail(cause, -ENOENT, "%s is not a member", user));
	}
	*uid = sqlite3_column_int64(stmt, 0);
	*old = core_role_parse(store_text(stmt, 1));
	sqlite3_reset(stmt);
	if (*old == role)
		return (moot_fail(cause, -EEXIST, "%s is already %s %s", user,
		    role == ROLE_OBSERVER ? "an" : "a", rolename));
	if (*old == ROLE_LEADER && store_int(s, "SELECT count(*) FROM members "
	    "WHERE role = 'leader' AND status = 'active'", 0, 0) <= 1)
		return (moot_fail(cause, -EBUSY,
		    "%s is the only leader: make someone else leader first",
		    user));
	return (0);
}

int
event_role_change_valid(struct core *c, const json_t *change, char **cause)
{
	enum role	old;
	int64_t		uid;

	return (event_role_target(c, change, &uid, &old, cause));
}

int
event_role_changed_check(struct core *c, const struct actor *a,
    json_t *args, struct event_draft *d, char **cause)
{
	struct governance	 g;
	json_t			*change;
	const char		*user, *rolename;
	enum role		 old;
	int64_t			 uid, id = 0;
	int			 error;
	bool			 direct;

	if (json_object_get(args, "proposal") != NULL) {
		if ((error = event_applied_proposal(c, a, args, "role", &id,
		    &change, cause)) != 0)
			return (error);
	} else {
		if ((error = event_need_role(c, a, ROLE_LEADER, "change roles",
		    cause)) != 0)
			return (error);
		if (event_governance(c, &g) == 0) {
			direct = g.leaders_change_roles;
			governance_free(&g);
			if (!direct)
				return (moot_fail(cause, -EPERM, "this "
				    "community changes roles only by vote "
				    "([governance] leaders_change_roles = no): "
				    "propose it with `moot propose --kind "
				    "role`"));
		}
		change = json_incref(args);
	}
	if ((error = event_role_target(c, change, &uid, &old, cause)) != 0) {
		json_decref(change);
		return (error);
	}
	user = json_string_value(json_object_get(change, "user"));
	rolename = json_string_value(json_object_get(change, "role"));
	d->ref = xasprintf("member:%lld", (long long)uid);
	d->body = json_pack("{s:s,s:s,s:s}", "name", user, "role", rolename,
	    "previous", core_role_name(old));
	if (id != 0)
		json_object_set_new(d->body, "cause", json_sprintf(
		    "proposal:%lld", (long long)id));
	d->result = json_pack("{s:s,s:s,s:s}", "name", user, "role", rolename,
	    "previous", core_role_name(old));
	json_decref(change);
	return (0);
}

int
event_role_changed_project(struct store *s, const struct event *ev,
    const json_t *body, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	stmt = store_prepare(s,
	    "UPDATE members SET role = ?, updated_ts = ? WHERE uid = ?");
	sqlite3_bind_text(stmt, 1, json_string_value(json_object_get(body,
	    "role")), -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, ev->ts);
	sqlite3_bind_int64(stmt, 3, event_ref_id(ev->ref, "member"));
	if ((rc = store_done(s, stmt, cause)) != 0)
		return (rc);
	return (event_mark_applied(s, ev, body, cause));
}
