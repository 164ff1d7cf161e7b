/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * log.redacted: a leader removes the body of an earlier event (doxxing,
 * illegal content) with a reason. The body bytes go (log.c nulls them in
 * the same transaction); the canon, and so the chain, stays. The event's
 * own body keeps the redacted body with its member-written text replaced
 * by null ("kept"), so that check.c can still rebuild every projection,
 * and the target type's redact hook clears the projected text.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "moot/event.h"
#include "moot/log.h"
#include "moot/text.h"

/* The envelope of an earlier event, from the log index. */
static int
event_log_target(struct store *s, int64_t seq, struct event *ev,
    char *type, size_t tlen, char *ref, size_t rlen, char **cause)
{
	sqlite3_stmt	*stmt;

	stmt = store_prepare(s,
	    "SELECT ts, uid, type, ref FROM log_index WHERE seq = ?");
	sqlite3_bind_int64(stmt, 1, seq);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		sqlite3_reset(stmt);
		return (moot_fail(cause, -ENOENT, "there is no event %lld",
		    (long long)seq));
	}
	memset(ev, 0, sizeof *ev);
	ev->seq = seq;
	ev->ts = sqlite3_column_int64(stmt, 0);
	ev->uid = sqlite3_column_int64(stmt, 1);
	snprintf(type, tlen, "%s", store_text(stmt, 2));
	snprintf(ref, rlen, "%s", store_text(stmt, 3));
	sqlite3_reset(stmt);
	ev->type = type;
	ev->ref = ref;
	return (0);
}

int
event_log_redacted_check(struct core *c, const struct actor *a,
    json_t *args, struct event_draft *d, char **cause)
{
	const struct event_type	*t;
	struct event		 target;
	const char		*reason;
	const char *const	*f;
	char			 type[64], ref[128];
	json_t			*body, *kept;
	int64_t			 seq, by;
	int			 error;

	if ((error = event_need_role(c, a, ROLE_LEADER, "redact the log",
	    cause)) != 0)
		return (error);
	if ((error = event_arg_int(args, "seq", true, &seq, cause)) != 0 ||
	    (error = event_arg_text(args, "reason", TEXT_LINE, true, &reason,
	    cause)) != 0)
		return (error);
	if (reason[strspn(reason, " ")] == '\0')
		return (moot_fail(cause, -EINVAL, "reason: empty"));
	if ((error = event_log_target(core_store(c), seq, &target, type,
	    sizeof type, ref, sizeof ref, cause)) != 0)
		return (error);
	t = event_type_find(type);
	if (t == NULL || t->text_fields == NULL)
		return (moot_fail(cause, -EINVAL,
		    "event %lld (%s) holds no member-written text to redact",
		    (long long)seq, type));
	if ((error = log_body(core_store(c), seq, &body, &by, cause)) != 0)
		return (error);
	if (body == NULL)
		return (moot_fail(cause, -EEXIST,
		    "event %lld is already redacted (by event %lld)",
		    (long long)seq, (long long)by));
	kept = json_deep_copy(body);
	json_decref(body);
	for (f = t->text_fields; *f != NULL; f++) {
		if (json_object_get(kept, *f) != NULL)
			json_object_set_new(kept, *f, json_null());
	}
	d->ref = xasprintf("event:%lld", (long long)seq);
	d->body = json_pack("{s:I,s:s,s:s,s:o}", "seq", (json_int_t)seq,
	    "type", type, "reason", reason, "kept", kept);
	d->result = json_pack("{s:I}", "redacted", (json_int_t)seq);
	d->redacts = seq;
	return (0);
}

int
event_log_redacted_project(struct store *s, const struct event *ev,
    const json_t *body, char **cause)
{
	const struct event_type	*t;
	struct event		 target;
	char			 type[64], ref[128];
	int			 error;

	error = event_log_target(s, json_integer_value(json_object_get(body,
	    "seq")), &target, type, sizeof type, ref, sizeof ref, cause);
	if (error != 0)
		return (error);
	t = event_type_find(type);
	if (t == NULL || t->redact == NULL)
		return (0);
	return (t->redact(s, &target, cause));
}
