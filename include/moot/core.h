/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libmoot's front door: a community database opened for serving, the one
 * write path (core_submit), and the queries. The server (embedded or
 * mootd) holds one struct core and calls nothing else to read or write.
 */
#ifndef MOOT_CORE_H
#define MOOT_CORE_H

#include <jansson.h>

#include "moot/canon.h"
#include "moot/store.h"

enum role {
	ROLE_NONE = -1,		/* not a member */
	ROLE_OBSERVER,
	ROLE_MEMBER,
	ROLE_MODERATOR,
	ROLE_LEADER,
};

#define MOOT_NAME_MAX	64

/* Who is acting: the uid the kernel reported and its login name. */
struct actor {
	int64_t		 uid;
	const char	*name;
};

/*
 * moot itself, as the actor of what no member does: closing a vote at its
 * deadline, applying the change of a passed proposal. (uid_t)-1 is no
 * account's uid (setuid(2) reserves it), so no client can be mistaken
 * for it.
 */
#define MOOT_SYSTEM_UID		INT64_C(4294967295)
#define MOOT_SYSTEM_NAME	"moot"
extern const struct actor core_system;

struct core;

#define CORE_CREATE	0x1	/* create the database if it does not exist */
/*
 * Read only: no migration, no write, not even the journal mode (a second
 * connection to a file that another one serves; verify and check there).
 */
#define CORE_READONLY	0x2

/* Open a community database. Returns 0 and *out or an error and *cause. */
int		 core_open(const char *, int, struct core **, char **);
void		 core_close(struct core *);
struct store	*core_store(struct core *);
const char	*core_path(struct core *);

/*
 * moot.conf [disputes]: whether every member sees the details of every
 * dispute (members: true) or only its parties, moderators and leaders;
 * how long after a resolution a party may appeal (ms).
 */
void		 core_set_disputes(struct core *, bool, int64_t);
bool		 core_disputes_public(struct core *);
int64_t		 core_appeal_window(struct core *);

/*
 * The clock events are stamped with (milliseconds, UTC). Tests and the
 * demo set their own; timestamps never go backwards in the log.
 */
void		 core_set_clock(struct core *, int64_t (*)(void *), void *);
int64_t		 core_now(struct core *);

/*
 * The one write path: check the request `args` for event type `type`
 * on behalf of actor (permission and state), append the event, update the
 * projections: all in one transaction, or nothing. On success *result (if
 * not NULL) gets what the requester is told (e.g. {"id":12,"seq":40}).
 * Returns 0 or a negative errno with *cause a sentence for the member.
 */
int		 core_submit(struct core *, const struct actor *, const char *,
		     json_t *, json_t **, char **);

/*
 * Group several submits into one transaction (one fsync): each submit
 * runs in its own savepoint, so a refused one leaves the others intact.
 */
int		 core_batch_begin(struct core *, char **);
int		 core_batch_end(struct core *, char **);
/* Roll the whole batch back. */
void		 core_batch_abort(struct core *);
/*
 * Read the head (and the log's last time) again: after the caller rolled
 * back to a savepoint of its own around core_submit() (mootd: an event
 * and its idempotency key), or after another process wrote. Every write
 * does it first, inside its transaction.
 */
void		 core_resync(struct core *);
/*
 * Whether another connection (another process, in embedded mode) has
 * committed since the last call; then core_resync() reads the new head.
 */
bool		 core_changed(struct core *);
/* How long mootd keeps an idempotency key's first result. */
#define CORE_KEY_MS	(24 * 3600 * 1000LL)
/* Forget the idempotency keys of requests older than that (mootd). */
int		 core_forget_keys(struct core *, char **);

/* The last event's seq (0 for an empty log) and hash. */
int64_t		 core_head(struct core *, unsigned char *);
/* The head file path (database path + ".head"); NULL in memory. */
const char	*core_head_path(struct core *);

/* Roles. */
const char	*core_role_name(enum role);
enum role	 core_role_parse(const char *);
/* The actor's role in the community (ROLE_NONE if not an active member). */
enum role	 core_role_of(struct core *, int64_t);

/*
 * Queries (query.c; stats in query-stats.c). Each takes the request args
 * and fills *result with a new object. Returns 0 or a negative errno with
 * *cause.
 */
typedef int	 core_query_fn(struct core *, const struct actor *, json_t *,
		     json_t **, char **);
core_query_fn	 query_whoami;
core_query_fn	 query_community;
core_query_fn	 query_members;
core_query_fn	 query_list;
core_query_fn	 query_show;
core_query_fn	 query_log;
core_query_fn	 query_status;
core_query_fn	 query_rules;
core_query_fn	 query_disputes;
core_query_fn	 query_dispute;
core_query_fn	 query_sanctions;
/* Progress and recognition (query-progress.c). */
core_query_fn	 query_progress;
core_query_fn	 query_tasks;
core_query_fn	 query_kudos;
/* query-stats.c */
core_query_fn	 query_stats;

/*
 * Why the body of an event (type, ref) is withheld from actor, or NULL:
 * the text of a hidden comment (but from moderators), the choice in a
 * ballot of a vote whose count the actor may not see yet (its rule's
 * results). Every query and every pushed event goes through it.
 */
const char	*core_withheld(struct core *, const struct actor *,
		     const char *, const char *);

/*
 * Verification (verify.c): the chain, the bodies, the head and the
 * projections. head_seq < 0 means the head file next to the database;
 * otherwise head_seq and head_hex (64 hex digits) are a member's copy.
 * Outside a transaction it reads one snapshot of the log (a read
 * transaction begun after the head file is read), so a writer on another
 * connection may go on meanwhile.
 */
enum verify_status {
	VERIFY_OK,
	VERIFY_TAMPERED,	/* the log is inconsistent; bad_seq names where */
	VERIFY_ROLLED_BACK,	/* the head file names a seq past the end */
	VERIFY_FORKED,		/* the head file names another hash */
	VERIFY_PROJECTIONS,	/* projections differ from the log */
	VERIFY_UNSUPPORTED,	/* a newer log format: cannot verify */
};

struct verify_result {
	enum verify_status	 status;
	int64_t			 events;
	int64_t			 bad_seq;
	int64_t			 redacted;
	char			 head_hex[CANON_HEX_LEN + 1];
	char			*message;	/* what is wrong; caller frees */
	char			*warning;	/* e.g. no head file; caller frees */
};

int		 core_verify(struct core *, int64_t, const char *, bool,
		     struct verify_result *, char **);
void		 verify_result_free(struct verify_result *);

/*
 * Rebuild the projections from the log in a scratch database and compare
 * (check.c). *result gets {"ok":bool,"events":N,"differences":[...]}.
 * Like core_verify(), it reads one snapshot.
 */
int		 core_check(struct core *, json_t **, char **);

/*
 * Do what has fallen due (vote.c): close the votes whose deadline has
 * passed (or extend those waiting for quorum), close early the votes
 * whose outcome can no longer change, and apply the change of every
 * passed rules, role or agreement proposal. hint is a proposal that was
 * just voted on (checked for early close and quorum), or 0. Each step is
 * an event by core_system through core_submit(). Returns the number of
 * events written, or a negative errno with *cause.
 */
int		 core_settle(struct core *, int64_t, char **);
/* The same with several proposals just voted on (mootd: one batch). */
int		 core_settle_hints(struct core *, const int64_t *, size_t,
		     char **);
/*
 * The next deadline (ms), or 0 when none: of an open vote, or of a
 * sanction's expiry.
 */
int64_t		 core_next_deadline(struct core *);

/* Build the demo community through the write path (demo.c). */
int		 core_demo(struct core *, const struct actor *, char **);

#endif
