/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * moot verify: walk the whole log in order and prove it is the log that
 * was written (moot-log(5)): consecutive seqs from 1, each canon in
 * canonical form naming its own seq and the previous event's hash, each
 * hash the SHA-256 of the prefix and the canon, each body hashing to its
 * canon's body_sha256 or well redacted; then the head file, which must
 * not name a seq past the end (rolled back) or another hash (forked);
 * then, unless told not to, the projections (check.c).
 *
 * The walk also counts every closed vote again from the events of its
 * vote (vote.opened, ballot.cast, vote.closed; vote.vetoed ends one
 * uncounted) and compares the result, rule and version with the ones
 * logged.
 *
 * Outside a transaction the walk and the check read one snapshot (a read
 * transaction), so that it may run on a connection of its own, on
 * another thread, while the server goes on writing (server-job.c).
 *
 * The walk parses canons with canon_event_parse() rather than a general
 * JSON parser and allocates only for the events of votes, so its cost is
 * close to that of hashing the bytes (bench/log measures the ratio).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "moot/event.h"
#include "moot/log.h"
#include "moot/vote.h"

/* A redaction seen during the walk, checked once the walk is done. */
struct verify_redaction {
	int64_t	seq;		/* the redacted event */
	int64_t	by;		/* the log.redacted event */
	bool	from_body;	/* seen as a NULL body (else as log.redacted) */
};

struct verify_state {
	struct verify_redaction	*red;
	size_t			 nred;
	size_t			 sred;
	json_t			*votes;		/* open votes by proposal */
};

static void
verify_add_redaction(struct verify_state *vs, int64_t seq, int64_t by,
    bool from_body)
{
	if (vs->nred == vs->sred) {
		vs->sred = vs->sred == 0 ? 16 : vs->sred * 2;
		vs->red = xreallocarray(vs->red, vs->sred, sizeof *vs->red);
	}
	vs->red[vs->nred].seq = seq;
	vs->red[vs->nred].by = by;
	vs->red[vs->nred].from_body = from_body;
	vs->nred++;
}

static void
verify_tampered(struct verify_result *r, int64_t seq, const char *fmt, ...)
    MOOT_PRINTF(3, 4);

static void
verify_tampered(struct verify_result *r, int64_t seq, const char *fmt, ...)
{
	va_list	ap;

	r->status = VERIFY_TAMPERED;
	r->bad_seq = seq;
	va_start(ap, fmt);
	r->message = xvasprintf(fmt, ap);
	va_end(ap);
}

static int
verify_redaction_cmp(const void *a, const void *b)
{
	const struct verify_redaction	*x = a, *y = b;

	if (x->seq != y->seq)
		return (x->seq < y->seq ? -1 : 1);
	if (x->from_body != y->from_body)
		return (x->from_body ? -1 : 1);
	return (0);
}

/*
 * Every NULL body must be named by exactly the log.redacted event in its
 * redacted_by, and every log.redacted event's target must be a NULL body
 * pointing back at it.
 */
static void
verify_redactions(struct verify_state *vs, struct verify_result *r)
{
	struct verify_redaction	*a, *b;
	size_t			 i;

	if (vs->nred == 0)
		return;
	qsort(vs->red, vs->nred, sizeof *vs->red, verify_redaction_cmp);
	for (i = 0; i < vs->nred; i++) {
		a = &vs->red[i];
		b = i + 1 < vs->nred ? &vs->red[i + 1] : NULL;
		if (a->from_body) {
			if (b == NULL || b->seq != a->seq || b->from_body ||
			    b->by != a->by) {
				verify_tampered(r, a->seq, "seq %lld: body is "
				    "missing and event %lld is not a redaction "
				    "of it", (long long)a->seq,
				    (long long)a->by);
				return;
			}
			i++;
		} else {
			verify_tampered(r, a->by, "seq %lld: redacts event "
			    "%lld, whose body is still there or points "
			    "elsewhere", (long long)a->by, (long long)a->seq);
			return;
		}
	}
}

/* The target seq of a log.redacted body, or -1. */
static int64_t
verify_redacted_target(const void *body, size_t len)
{
	json_t		*j;
	json_error_t	 jerr;
	int64_t		 seq = -1;

	j = json_loadb(body, len, 0, &jerr);
	if (j != NULL && json_is_integer(json_object_get(j, "seq")))
		seq = json_integer_value(json_object_get(j, "seq"));
	json_decref(j);
	return (seq);
}

/* Whether a canon's type is t. */
static bool
verify_type_is(const struct canon_event *ce, const char *t)
{
	return (ce->type_len == strlen(t) && memcmp(ce->type, t,
	    ce->type_len) == 0);
}

/*
 * Re-tally one vote.closed (seq, body) of proposal key from the vote's
 * entry in votes: its vote.opened body and the last ballot of each uid.
 */
static void
verify_retally(json_t *votes, const char *key, int64_t seq, json_t *closed,
    struct verify_result *r)
{
	static const char *const fields[] = {
		"outcome", "winners", "tied", "summary", "explain", "ballots"
	};
	struct vote	 v;
	json_t		*entry, *opened, *ballots, *marks, *count;
	const char	*uid;
	char		*why = NULL;
	size_t		 i;
	int		 error;

	entry = json_object_get(votes, key);
	if ((opened = json_object_get(entry, "opened")) == NULL) {
		verify_tampered(r, seq, "seq %lld: closes a vote on #%s that "
		    "never opened", (long long)seq, key);
		return;
	}
	if (json_is_true(json_object_get(entry, "lost"))) {
		verify_tampered(r, seq, "seq %lld: a ballot of the vote on #%s "
		    "has no body, so it cannot be counted again",
		    (long long)seq, key);
		return;
	}
	if (!json_equal(json_object_get(opened, "rule"),
	    json_object_get(closed, "rule")) ||
	    !json_equal(json_object_get(opened, "version"),
	    json_object_get(closed, "version"))) {
		verify_tampered(r, seq, "seq %lld: the vote on #%s cites another "
		    "rule or version than the one it opened under",
		    (long long)seq, key);
		return;
	}
	error = vote_prepare(&v, json_string_value(json_object_get(opened,
	    "rule")), json_object_get(opened, "text"),
	    json_object_get(opened, "options"), &why);
	ballots = json_object_get(entry, "ballots");
	/* In uid order, as the live count adds them. */
	for (i = 0; error == 0 && i < json_array_size(json_object_get(entry,
	    "uids")); i++) {
		uid = json_string_value(json_array_get(json_object_get(entry,
		    "uids"), i));
		marks = json_object_get(ballots, uid);
		error = vote_add(&v, marks, &why);
	}
	count = json_object();
	if (error == 0)
		error = vote_count(&v, (uint64_t)json_integer_value(
		    json_object_get(closed, "eligible")), count, NULL, &why);
	if (error != 0) {
		verify_tampered(r, seq, "seq %lld: the vote on #%s cannot be "
		    "counted again: %s", (long long)seq, key, why);
		free(why);
	} else {
		for (i = 0; i < MOOT_NITEMS(fields); i++) {
			if (json_equal(json_object_get(count, fields[i]),
			    json_object_get(closed, fields[i])))
				continue;
			verify_tampered(r, seq, "seq %lld: the vote on #%s "
			    "counts again as %s (%s), but the log says %s "
			    "(%s differs)", (long long)seq, key,
			    json_string_value(json_object_get(count,
			    "outcome")), json_string_value(json_object_get(
			    count, "summary")), json_string_value(
			    json_object_get(closed, "outcome")), fields[i]);
			break;
		}
		vote_free(&v);
	}
	json_decref(count);
	json_object_del(votes, key);
}

static int
verify_uid_cmp(const void *a, const void *b)
{
	long long	x = strtoll(json_string_value(*(json_t *const *)a),
			    NULL, 10);
	long long	y = strtoll(json_string_value(*(json_t *const *)b),
			    NULL, 10);

	return (x < y ? -1 : x > y);
}

/* The uids (decimal strings) in numeric order, in a new array. */
static json_t *
verify_sorted(json_t *uids)
{
	json_t	**v, *out;
	size_t	  n = json_array_size(uids), i;

	v = xcalloc(n == 0 ? 1 : n, sizeof *v);
	for (i = 0; i < n; i++)
		v[i] = json_array_get(uids, i);
	qsort(v, n, sizeof *v, verify_uid_cmp);
	out = json_array();
	for (i = 0; i < n; i++)
		json_array_append(out, v[i]);
	free(v);
	return (out);
}

/*
 * Count every closed vote again from the log alone, as the walk meets
 * them: the rule and options its vote.opened froze, the last ballot.cast
 * of each uid, and the eligible count its vote.closed recorded. A result
 * that differs from the logged one is tampering (moot-log(5)). body is
 * NULL for a redacted body.
 */
static void
verify_vote_event(json_t *votes, const struct canon_event *ce,
    const void *bytes, size_t len, struct verify_result *r)
{
	json_t		*entry, *body, *uids;
	json_error_t	 jerr;
	char		 key[32], uid[32], *ref;
	int64_t		 id;

	ref = canon_unescape(ce->ref, ce->ref_len);
	id = event_ref_id(ref, "proposal");
	free(ref);
	if (id < 0)
		return;
	snprintf(key, sizeof key, "%lld", (long long)id);
	body = bytes != NULL ? json_loadb(bytes, len, 0, &jerr) : NULL;
	if (verify_type_is(ce, "vote.opened")) {
		json_object_set_new(votes, key, json_pack("{s:O?,s:{},s:[]}",
		    "opened", body, "ballots", "uids"));
	} else if (verify_type_is(ce, "ballot.cast")) {
		if ((entry = json_object_get(votes, key)) == NULL)
			verify_tampered(r, ce->seq, "seq %lld: a ballot on #%s, "
			    "which is not being voted on", (long long)ce->seq,
			    key);
		else if (body == NULL)
			json_object_set_new(entry, "lost", json_true());
		else {
			snprintf(uid, sizeof uid, "%lld", (long long)ce->uid);
			if (json_object_get(json_object_get(entry, "ballots"),
			    uid) == NULL)
				json_array_append_new(json_object_get(entry,
				    "uids"), json_string(uid));
			json_object_set(json_object_get(entry, "ballots"), uid,
			    json_object_get(body, "marks"));
		}
	} else if (verify_type_is(ce, "vote.vetoed")) {
		/* A vetoed vote takes no more ballots and is not counted. */
		if (json_object_get(votes, key) == NULL)
			verify_tampered(r, ce->seq, "seq %lld: vetoes a vote on "
			    "#%s that is not open", (long long)ce->seq, key);
		json_object_del(votes, key);
	} else if (body == NULL)
		verify_tampered(r, ce->seq, "seq %lld: a closed vote without "
		    "its count", (long long)ce->seq);
	else {
		entry = json_object_get(votes, key);
		if ((uids = json_object_get(entry, "uids")) != NULL)
			json_object_set_new(entry, "uids", verify_sorted(uids));
		verify_retally(votes, key, ce->seq, body, r);
	}
	json_decref(body);
}

static void
verify_chain(struct store *s, struct verify_result *r, int64_t head_seq,
    char *head_hash_at)
{
	struct verify_state	 vs = { NULL, 0, 0, NULL };
	struct canon_event	 ce;
	sqlite3_stmt		*stmt;
	const unsigned char	*hash;
	const void		*canon, *body;
	unsigned char		 computed[CANON_HASH_LEN];
	char			 prev[CANON_HEX_LEN + 1], bodyhex[CANON_HEX_LEN + 1];
	int64_t			 expect = 1, seq, target, nbodies;
	size_t			 clen, blen;
	bool			 is_vote;

	memset(prev, '0', CANON_HEX_LEN);
	prev[CANON_HEX_LEN] = '\0';
	stmt = store_prepare(s, "SELECT e.seq, e.canon, e.hash, b.seq, "
	    "b.body, b.redacted_by FROM events e LEFT JOIN bodies b "
	    "ON b.seq = e.seq ORDER BY e.seq");
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		seq = sqlite3_column_int64(stmt, 0);
		if (seq != expect) {
			verify_tampered(r, expect, "seq %lld is missing (events "
			    "jump from %lld to %lld)", (long long)expect,
			    (long long)expect - 1, (long long)seq);
			goto out;
		}
		canon = sqlite3_column_blob(stmt, 1);
		clen = (size_t)sqlite3_column_bytes(stmt, 1);
		if (canon_event_parse(canon, clen, &ce, NULL) != 0) {
			verify_tampered(r, seq, "seq %lld: canon is not a "
			    "canonical event", (long long)seq);
			goto out;
		}
		if (ce.seq != seq) {
			verify_tampered(r, seq, "seq %lld: canon says seq %lld",
			    (long long)seq, (long long)ce.seq);
			goto out;
		}
		if (ce.v > 1) {
			/* Not an inconsistency: a newer format (moot-log(5)). */
			verify_tampered(r, seq, "seq %lld: format version %lld "
			    "is not supported", (long long)seq, (long long)ce.v);
			r->status = VERIFY_UNSUPPORTED;
			goto out;
		}
		if (ce.v != 1) {
			verify_tampered(r, seq, "seq %lld: format version %lld "
			    "is not valid", (long long)seq, (long long)ce.v);
			goto out;
		}
		if (memcmp(ce.prev, prev, CANON_HEX_LEN) != 0) {
			verify_tampered(r, seq, "seq %lld: prev does not match "
			    "the hash of seq %lld", (long long)seq,
			    (long long)seq - 1);
			goto out;
		}
		canon_event_hash(canon, clen, computed);
		hash = sqlite3_column_blob(stmt, 2);
		if (sqlite3_column_bytes(stmt, 2) != CANON_HASH_LEN ||
		    memcmp(hash, computed, CANON_HASH_LEN) != 0) {
			verify_tampered(r, seq, "seq %lld: hash does not match "
			    "canon", (long long)seq);
			goto out;
		}
		moot_hex(computed, CANON_HASH_LEN, prev);
		if (seq == head_seq)
			memcpy(head_hash_at, prev, CANON_HEX_LEN + 1);

		if (sqlite3_column_type(stmt, 3) == SQLITE_NULL) {
			verify_tampered(r, seq, "seq %lld has no body row",
			    (long long)seq);
			goto out;
		}
		body = sqlite3_column_blob(stmt, 4);
		blen = (size_t)sqlite3_column_bytes(stmt, 4);
		if (verify_type_is(&ce, "vote.opened") ||
		    verify_type_is(&ce, "ballot.cast") ||
		    verify_type_is(&ce, "vote.closed") ||
		    verify_type_is(&ce, "vote.vetoed"))
			is_vote = true;
		else
			is_vote = false;
		if (sqlite3_column_type(stmt, 4) == SQLITE_NULL) {
			verify_add_redaction(&vs, seq,
			    sqlite3_column_int64(stmt, 5), true);
			r->redacted++;
			body = NULL;
		} else {
			canon_sha256_hex(body, blen, bodyhex);
			if (memcmp(bodyhex, ce.body_sha256,
			    CANON_HEX_LEN) != 0) {
				verify_tampered(r, seq, "seq %lld: body does "
				    "not match body_sha256", (long long)seq);
				goto out;
			}
			if (ce.type_len == 12 &&
			    memcmp(ce.type, "log.redacted", 12) == 0) {
				target = verify_redacted_target(body, blen);
				if (target < 1 || target >= seq) {
					verify_tampered(r, seq, "seq %lld: "
					    "redaction names no earlier event",
					    (long long)seq);
					goto out;
				}
				verify_add_redaction(&vs, target, seq, false);
			}
		}
		if (is_vote) {
			if (vs.votes == NULL)
				vs.votes = json_object();
			verify_vote_event(vs.votes, &ce, body, blen, r);
			if (r->status != VERIFY_OK)
				goto out;
		}
		expect++;
	}
	r->events = expect - 1;
	memcpy(r->head_hex, prev, sizeof r->head_hex);
	nbodies = store_int(s, "SELECT count(*) FROM bodies", 0, 0);
	if (nbodies != r->events) {
		verify_tampered(r, r->events + 1, "the log has %lld bodies for "
		    "%lld events", (long long)nbodies, (long long)r->events);
		goto out;
	}
	verify_redactions(&vs, r);
out:
	sqlite3_reset(stmt);
	free(vs.red);
	json_decref(vs.votes);
}

/*
 * The walk, the head and the projections, once the head to compare with
 * is known.
 */
static int
verify_log(struct core *c, int64_t head_seq, const char *head_hex,
    bool projections, struct verify_result *r, char **cause)
{
	char	 at_hex[CANON_HEX_LEN + 1] = "";
	json_t	*check;
	int	 error;

	verify_chain(core_store(c), r, head_seq, at_hex);
	if (r->status != VERIFY_OK)
		return (0);

	if (head_seq > r->events) {
		r->status = VERIFY_ROLLED_BACK;
		r->message = xasprintf("rolled back: head file says seq %lld "
		    "but the log ends at %lld", (long long)head_seq,
		    (long long)r->events);
		return (0);
	}
	if (head_seq > 0 && strcmp(at_hex, head_hex) != 0) {
		r->status = VERIFY_FORKED;
		r->bad_seq = head_seq;
		r->message = xasprintf("forked: seq %lld has hash %.12s... but "
		    "the head file says %.12s...", (long long)head_seq, at_hex,
		    head_hex);
		return (0);
	}

	if (projections) {
		if ((error = core_check(c, &check, cause)) != 0)
			return (error);
		if (!json_is_true(json_object_get(check, "ok"))) {
			r->status = VERIFY_PROJECTIONS;
			r->message = xasprintf("projections differ from the log "
			    "(%zu differences; `moot check` lists them)",
			    json_array_size(json_object_get(check,
			    "differences")));
		}
		json_decref(check);
	}
	return (0);
}

int
core_verify(struct core *c, int64_t head_seq, const char *given_hex,
    bool projections, struct verify_result *r, char **cause)
{
	char		 head_hex[CANON_HEX_LEN + 1];
	char		*hcause = NULL;
	bool		 snapshot;
	int		 error;

	memset(r, 0, sizeof *r);
	if (head_seq >= 0)
		snprintf(head_hex, sizeof head_hex, "%s", given_hex);
	else if (core_head_path(c) != NULL) {
		error = log_head_read(core_head_path(c), &head_seq, head_hex,
		    &hcause);
		if (error == -ENOENT) {
			r->warning = hcause;
			head_seq = -1;
		} else if (error != 0) {
			if (cause != NULL)
				*cause = hcause;
			else
				free(hcause);
			return (error);
		}
	}

	/*
	 * One snapshot for the walk and the check, taken after the head file
	 * was read: a writer elsewhere commits before it writes the head
	 * file, so the snapshot holds at least the head it names.
	 */
	snapshot = !store_in_transaction(core_store(c));
	if (snapshot && (error = store_begin_read(core_store(c),
	    cause)) != 0) {
		verify_result_free(r);
		return (error);
	}
	error = verify_log(c, head_seq, head_hex, projections, r, cause);
	if (snapshot)
		store_rollback(core_store(c));
	return (error);
}

void
verify_result_free(struct verify_result *r)
{
	free(r->message);
	free(r->warning);
	r->message = r->warning = NULL;
}
