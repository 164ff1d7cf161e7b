/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Tests of disputes, sanctions and appeals (src/core/event-dispute.c,
 * query-dispute.c) in the core: every transition and the refusals that
 * guard them (a party cannot resolve their own dispute; a moderator who
 * is a party is recused, and the recusal is logged), what a mute stops
 * and what it leaves (reading, voting, one's own dispute), who sees the
 * details, a sanction lifted by moot at its expiry and not a moment
 * before, an appeal decided by the leaders, and an appeal put to a
 * community vote that passes and reverses the sanction, with moot check
 * holding after all of it.
 *
 * The members and helpers are fixture.c's.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "moot/core.h"
#include "moot/store.h"

#include "fixture.h"

static void
start(struct fixture *f, const char *appeals)
{
	char	*rules;

	rules = xasprintf("{\"rules\":{\"r\":{\"method\":\"yesno\","
	    "\"duration\":\"7d\",\"early_close\":\"yes\"}},\"governance\":"
	    "{\"motions\":\"r\",\"amendments\":\"r\",\"polls\":\"r\","
	    "\"elections\":\"r\",\"appeals\":\"%s\"}}", appeals);
	community(f, rules);
	free(rules);
}

static const char *
state_of(struct fixture *f, int64_t id)
{
	static char	 state[16];
	sqlite3_stmt	*stmt;

	stmt = store_prepare(core_store(f->c), "SELECT state FROM disputes "
	    "WHERE id = ?");
	sqlite3_bind_int64(stmt, 1, id);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	snprintf(state, sizeof state, "%s", store_text(stmt, 0));
	sqlite3_reset(stmt);
	return (state);
}

static int64_t
report(struct fixture *f, const struct actor *a, const char *about)
{
	return (submit_ok(f->c, a, "dispute.opened", json_pack("{s:s,s:s}",
	    "about", about, "reason", "Rude words.")));
}

static void
resolve(struct fixture *f, const struct actor *a, int64_t id,
    const char *sanction, int64_t length)
{
	json_t	*args;

	args = json_pack("{s:I,s:s,s:s}", "id", (json_int_t)id, "outcome",
	    "upheld", "resolution", "Not acceptable here.");
	if (sanction != NULL)
		json_object_set_new(args, "sanction", json_pack("{s:s,s:I}",
		    "kind", sanction, "for", (json_int_t)length));
	submit_ok(f->c, a, "dispute.resolved", args);
}

static json_t *
show(struct fixture *f, const struct actor *a, int64_t id)
{
	return (query(query_dispute, f->c, a, json_pack("{s:I}", "id",
	    (json_int_t)id)));
}

static void
test_transitions(void **state)
{
	struct fixture	*f = *state;
	int64_t		 pid, id;
	json_t		*r;

	start(f, "leaders");
	pid = propose(f, &erin, "Loud music");
	id = report(f, &bob, "proposal:1");
	assert_string_equal(state_of(f, id), "open");
	assert_int_equal(pid, 1);

	/* open: not yet resolved, nor appealed, nor decided. */
	submit_refused(f->c, &carol, "dispute.resolved", json_pack(
	    "{s:I,s:s,s:s}", "id", (json_int_t)id, "outcome", "upheld",
	    "resolution", "x"), -EBUSY, "not assigned yet");
	submit_refused(f->c, &bob, "dispute.appealed", json_pack("{s:I,s:s}",
	    "id", (json_int_t)id, "reason", "x"), -EBUSY, "not resolved yet");
	submit_refused(f->c, &alice, "dispute.decided", json_pack(
	    "{s:I,s:s,s:s}", "id", (json_int_t)id, "decision", "upheld",
	    "reason", "x"), -EBUSY, "only an appealed dispute is decided");

	/* assigned, then resolved by its moderator. */
	submit_refused(f->c, &bob, "dispute.assigned", json_pack("{s:I}",
	    "id", (json_int_t)id), -EPERM, "only moderators and above");
	submit_ok(f->c, &carol, "dispute.assigned", json_pack("{s:I}", "id",
	    (json_int_t)id));
	assert_string_equal(state_of(f, id), "assigned");
	submit_refused(f->c, &carol, "dispute.assigned", json_pack("{s:I}",
	    "id", (json_int_t)id), -EEXIST, "already assigned to carol");
	submit_ok(f->c, &bob, "dispute.commented", json_pack("{s:I,s:s}",
	    "id", (json_int_t)id, "body", "It was loud."));
	submit_refused(f->c, &olive, "dispute.commented", json_pack(
	    "{s:I,s:s}", "id", (json_int_t)id, "body", "Me too."), -EPERM,
	    "only the parties");
	resolve(f, &carol, id, NULL, 0);
	assert_string_equal(state_of(f, id), "resolved");
	submit_refused(f->c, &carol, "dispute.assigned", json_pack("{s:I}",
	    "id", (json_int_t)id), -EBUSY, "only open disputes are assigned");

	/* appealed by a party, decided by a leader: final. */
	submit_refused(f->c, &olive, "dispute.appealed", json_pack(
	    "{s:I,s:s}", "id", (json_int_t)id, "reason", "x"), -EPERM,
	    "only the parties");
	submit_ok(f->c, &erin, "dispute.appealed", json_pack("{s:I,s:s}",
	    "id", (json_int_t)id, "reason", "It was a rehearsal."));
	assert_string_equal(state_of(f, id), "appealed");
	submit_refused(f->c, &carol, "dispute.decided", json_pack(
	    "{s:I,s:s,s:s}", "id", (json_int_t)id, "decision", "upheld",
	    "reason", "x"), -EPERM, "only leaders can decide appeals");
	submit_ok(f->c, &alice, "dispute.decided", json_pack("{s:I,s:s,s:s}",
	    "id", (json_int_t)id, "decision", "upheld", "reason", "Stands."));
	assert_string_equal(state_of(f, id), "final");
	r = show(f, &bob, id);
	assert_string_equal(jstr(json_object_get(r, "appeal"), "decision"),
	    "upheld");
	assert_int_equal(json_array_size(json_object_get(r, "thread")), 1);
	assert_int_equal(json_array_size(json_object_get(r, "timeline")), 6);
	json_decref(r);
	assert_check_ok(f);
}

static void
test_party_cannot_resolve(void **state)
{
	struct fixture	*f = *state;
	json_t		*r;
	int64_t		 id, seq;

	start(f, "leaders");
	/* carol, a moderator, opens a dispute about bob. */
	id = report(f, &carol, "member:bob");
	seq = core_head(f->c, NULL);
	r = submit_json(f->c, &carol, "dispute.assigned", json_pack("{s:I}",
	    "id", (json_int_t)id));
	assert_true(json_is_true(json_object_get(r, "recused")));
	assert_non_null(strstr(jstr(r, "reason"), "carol is a party to this "
	    "dispute (opened it), so is recused"));
	json_decref(r);
	/* The recusal is an event; the dispute stays open. */
	assert_int_equal(core_head(f->c, NULL), seq + 1);
	assert_int_equal(store_int(core_store(f->c), "SELECT count(*) FROM "
	    "log_index WHERE type = 'dispute.recused' AND ref = 'dispute:1'",
	    0, 0), 1);
	assert_string_equal(state_of(f, id), "open");
	/* Nobody writes a recusal by hand. */
	submit_refused(f->c, &carol, "dispute.recused", json_pack("{s:I}",
	    "id", (json_int_t)id), -EPERM, "nobody recuses by hand");

	/* A leader gives it to carol anyway: recused again. */
	r = submit_json(f->c, &alice, "dispute.assigned", json_pack(
	    "{s:I,s:s}", "id", (json_int_t)id, "to", "carol"));
	assert_true(json_is_true(json_object_get(r, "recused")));
	json_decref(r);

	/* Assigned to alice, carol still cannot resolve: a party. */
	submit_ok(f->c, &alice, "dispute.assigned", json_pack("{s:I}", "id",
	    (json_int_t)id));
	submit_refused(f->c, &carol, "dispute.resolved", json_pack(
	    "{s:I,s:s,s:s}", "id", (json_int_t)id, "outcome", "upheld",
	    "resolution", "x"), -EPERM, "you are a party to dispute #1 (you "
	    "opened it)");
	/* Nor can bob, the other party, though a leader by then. */
	submit_ok(f->c, &alice, "role.changed", json_pack("{s:s,s:s}",
	    "user", "bob", "role", "leader"));
	submit_refused(f->c, &bob, "dispute.resolved", json_pack(
	    "{s:I,s:s,s:s}", "id", (json_int_t)id, "outcome", "dismissed",
	    "resolution", "x"), -EPERM, "you are a party to dispute #1 (you "
	    "are its subject)");
	resolve(f, &alice, id, NULL, 0);
	assert_check_ok(f);
}

static void
test_mute(void **state)
{
	struct fixture	*f = *state;
	int64_t		 id, pid;
	json_t		*r;

	start(f, "leaders");
	pid = propose(f, &alice, "Quiet hours");
	open_vote(f, &alice, pid);
	id = report(f, &erin, "member:bob");
	submit_ok(f->c, &carol, "dispute.assigned", json_pack("{s:I}", "id",
	    (json_int_t)id));
	resolve(f, &carol, id, "mute", 7 * DAY);

	/* No comment, no proposal, no kudos... */
	submit_refused(f->c, &bob, "comment.added", json_pack("{s:I,s:s}",
	    "proposal", (json_int_t)pid, "body", "Hi"), -EPERM,
	    "you are muted until");
	submit_refused(f->c, &bob, "comment.added", json_pack("{s:I,s:s}",
	    "proposal", (json_int_t)pid, "body", "Hi"), -EPERM,
	    "(dispute #1), so you cannot comment; see `moot dispute show 1`; "
	    "you may appeal until");
	submit_refused(f->c, &bob, "proposal.created", json_pack("{s:s}",
	    "title", "Mine"), -EPERM, "so you cannot make proposals");
	submit_refused(f->c, &bob, "kudos.given", json_pack("{s:s,s:s}",
	    "to", "erin", "note", "x"), -EPERM, "so you cannot give kudos");
	/* ...but reading, voting and one's own dispute. */
	r = query(query_show, f->c, &bob, json_pack("{s:I}", "id",
	    (json_int_t)pid));
	json_decref(r);
	submit_ok(f->c, &bob, "ballot.cast", json_pack("{s:I,s:s}", "id",
	    (json_int_t)pid, "choice", "yes"));
	submit_ok(f->c, &bob, "dispute.commented", json_pack("{s:I,s:s}",
	    "id", (json_int_t)id, "body", "I apologise."));
	r = query(query_status, f->c, &bob, NULL);
	assert_string_equal(jstr(json_object_get(r, "sanction"), "kind"),
	    "mute");
	json_decref(r);
	/* Another member is not affected. */
	submit_ok(f->c, &erin, "comment.added", json_pack("{s:I,s:s}",
	    "proposal", (json_int_t)pid, "body", "Hi"));

	/* A suspension stops voting too; an appeal stays open. */
	id = report(f, &erin, "member:olive");
	submit_ok(f->c, &carol, "dispute.assigned", json_pack("{s:I}", "id",
	    (json_int_t)id));
	resolve(f, &carol, id, "suspend", DAY);
	submit_refused(f->c, &olive, "dispute.opened", json_pack("{s:s,s:s}",
	    "about", "member:erin", "reason", "x"), -EPERM,
	    "so you cannot take part");
	submit_ok(f->c, &olive, "dispute.appealed", json_pack("{s:I,s:s}",
	    "id", (json_int_t)id, "reason", "Please."));
	assert_check_ok(f);
}

static void
test_expiry(void **state)
{
	struct fixture	*f = *state;
	int64_t		 id, until, n;
	json_t		*r;

	start(f, "leaders");
	id = report(f, &erin, "member:bob");
	submit_ok(f->c, &carol, "dispute.assigned", json_pack("{s:I}", "id",
	    (json_int_t)id));
	resolve(f, &carol, id, "mute", DAY);
	until = store_int(core_store(f->c), "SELECT expires_ts FROM "
	    "sanctions WHERE id = 1", 0, 0);
	assert_true(until > f->now);
	/* The server's timer aims at the expiry. */
	assert_int_equal(core_next_deadline(f->c), until);

	/* Just before: nothing falls due, the mute holds. (The clock
	 * moves a second each time it is read.) */
	f->now = until - 10000;
	assert_int_equal(settle(f, 0), 0);
	submit_refused(f->c, &bob, "proposal.created", json_pack("{s:s}",
	    "title", "x"), -EPERM, "you are muted");
	/* Nobody but moot expires a sanction. */
	submit_refused(f->c, &carol, "sanction.expired", json_pack("{s:I}",
	    "id", (json_int_t)1), -EPERM, "sanctions expire at their time");

	/* At its time moot writes sanction.expired, once. */
	f->now = until - 1000;
	n = settle(f, 0);
	assert_int_equal(n, 1);
	assert_int_equal(settle(f, 0), 0);
	assert_int_equal(store_int(core_store(f->c), "SELECT count(*) FROM "
	    "log_index WHERE type = 'sanction.expired' AND uid = 4294967295",
	    0, 0), 1);
	r = query(query_sanctions, f->c, &bob, NULL);
	assert_string_equal(jstr(json_array_get(json_object_get(r,
	    "sanctions"), 0), "state"), "expired");
	json_decref(r);
	assert_int_equal(core_next_deadline(f->c), 0);
	propose(f, &bob, "Back again");
	submit_refused(f->c, &carol, "sanction.lifted", json_pack("{s:I,s:s}",
	    "id", (json_int_t)1, "reason", "x"), -EEXIST,
	    "no longer in force (expired)");
	assert_check_ok(f);
}

static void
test_visibility(void **state)
{
	struct fixture	*f = *state;
	json_t		*r, *ev;
	int64_t		 id;
	size_t		 i;
	bool		 seen = false;

	start(f, "leaders");
	id = report(f, &bob, "member:erin");
	/* olive is neither party nor moderator. */
	r = show(f, &olive, id);
	assert_false(json_is_true(json_object_get(r, "visible")));
	assert_null(json_object_get(r, "reason"));
	assert_null(json_object_get(r, "thread"));
	json_decref(r);
	r = query(query_log, f->c, &olive, json_pack("{s:s}", "type",
	    "dispute.opened"));
	json_array_foreach(json_object_get(r, "events"), i, ev) {
		seen = true;
		assert_non_null(json_object_get(ev, "withheld"));
		assert_null(json_object_get(json_object_get(ev, "body"),
		    "reason"));
		assert_string_equal(jstr(json_object_get(ev, "body"), "about"),
		    "member:1004");
	}
	assert_true(seen);
	json_decref(r);
	/* The parties and moderators see it. */
	r = show(f, &erin, id);
	assert_string_equal(jstr(r, "reason"), "Rude words.");
	json_decref(r);
	r = show(f, &carol, id);
	assert_string_equal(jstr(r, "reason"), "Rude words.");
	json_decref(r);
	/* [disputes] visibility = members: everyone does. */
	core_set_disputes(f->c, true, 14 * DAY);
	r = show(f, &olive, id);
	assert_string_equal(jstr(r, "reason"), "Rude words.");
	json_decref(r);
	/* A non-member sees nothing, even then. */
	r = show(f, &dave, id);
	assert_null(json_object_get(r, "reason"));
	json_decref(r);
}

static void
test_appeal_vote_reverses(void **state)
{
	struct fixture	*f = *state;
	const struct actor *const voters[] = { &alice, &carol, &erin };
	int64_t		 id, pid;
	size_t		 i;
	json_t		*r;

	start(f, "r");
	id = report(f, &erin, "member:bob");
	submit_ok(f->c, &carol, "dispute.assigned", json_pack("{s:I}", "id",
	    (json_int_t)id));
	resolve(f, &carol, id, "suspend", 30 * DAY);
	submit_ok(f->c, &bob, "dispute.appealed", json_pack("{s:I,s:s}",
	    "id", (json_int_t)id, "reason", "I was quoting."));
	/* Leaders do not decide this one. */
	submit_refused(f->c, &alice, "dispute.decided", json_pack(
	    "{s:I,s:s,s:s}", "id", (json_int_t)id, "decision", "reversed",
	    "reason", "x"), -EPERM, "decided by a community vote under the "
	    "rule r");
	/* moot proposes it and opens the vote: two events. */
	assert_int_equal(settle(f, 0), 2);
	pid = store_int(core_store(f->c), "SELECT appeal_proposal FROM "
	    "disputes WHERE id = ?", id, 0);
	assert_true(pid > 0);
	assert_int_equal(store_int(core_store(f->c), "SELECT count(*) FROM "
	    "proposals WHERE id = ? AND kind = 'appeal' AND state = 'voting' "
	    "AND author_uid = 4294967295", pid, 0), 1);
	/* Once before the community, every member reads the case. */
	r = show(f, &olive, id);
	assert_string_equal(jstr(json_object_get(r, "appeal"), "reason"),
	    "I was quoting.");
	json_decref(r);
	for (i = 0; i < MOOT_NITEMS(voters) && store_int(core_store(f->c),
	    "SELECT state = 'voting' FROM proposals WHERE id = ?", pid, 0);
	    i++) {
		submit_ok(f->c, voters[i], "ballot.cast", json_pack("{s:I,s:s}",
		    "id", (json_int_t)pid, "choice", "yes"));
		settle(f, pid);
	}
	assert_string_equal(state_of(f, id), "final");
	assert_int_equal(store_int(core_store(f->c), "SELECT count(*) FROM "
	    "sanctions WHERE dispute_id = ? AND state = 'reversed'", id, 0), 1);
	r = query(query_log, f->c, &bob, json_pack("{s:s}", "type",
	    "dispute.decided"));
	assert_string_equal(jstr(json_object_get(json_array_get(
	    json_object_get(r, "events"), 0), "body"), "decision"), "reversed");
	assert_non_null(strstr(jstr(json_object_get(json_array_get(
	    json_object_get(r, "events"), 0), "body"), "cause"), "proposal:"));
	json_decref(r);
	/* bob takes part again. */
	propose(f, &bob, "Thanks");
	/* Nobody proposes an appeal by hand. */
	submit_refused(f->c, &bob, "proposal.created", json_pack("{s:s,s:s}",
	    "title", "x", "kind", "appeal"), -EPERM, "moot itself puts an "
	    "appeal to a vote");
	assert_check_ok(f);
}

static void
test_redaction(void **state)
{
	struct fixture	*f = *state;
	int64_t		 id, seq;
	json_t		*r;

	start(f, "leaders");
	id = report(f, &bob, "member:erin");
	seq = core_head(f->c, NULL);
	submit_ok(f->c, &alice, "log.redacted", json_pack("{s:I,s:s}", "seq",
	    (json_int_t)seq, "reason", "a phone number"));
	r = show(f, &bob, id);
	assert_true(json_is_null(json_object_get(r, "reason")));
	assert_string_equal(jstr(r, "state"), "open");
	json_decref(r);
	assert_check_ok(f);
}

#define T(fn)	cmocka_unit_test_setup_teardown(fn, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_transitions),
		T(test_party_cannot_resolve),
		T(test_mute),
		T(test_expiry),
		T(test_visibility),
		T(test_appeal_vote_reverses),
		T(test_redaction),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
