/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The shared fixture of the core's unit tests (fixture.c). */
#ifndef MOOT_TEST_FIXTURE_H
#define MOOT_TEST_FIXTURE_H

#include "moot/core.h"

#define AGREEMENT_VERSION	"1"
#define HOUR			(3600LL * 1000)
#define DAY			(24 * HOUR)

extern const struct actor alice, bob, carol, dave, erin, olive;

struct fixture {
	struct core	*c;
	int64_t		 now;
};

json_t		*submit_json(struct core *, const struct actor *, const char *,
		     json_t *);
int64_t		 submit_ok(struct core *, const struct actor *, const char *,
		     json_t *);
void		 submit_refused(struct core *, const struct actor *,
		     const char *, json_t *, int, const char *);
const char	*jstr(json_t *, const char *);
int64_t		 jint(json_t *, const char *);
json_t		*query(core_query_fn *, struct core *, const struct actor *,
		     json_t *);
int		 setup(void **);
int		 teardown(void **);
void		 community(struct fixture *, const char *);
void		 community_rule(struct fixture *, const char *);
int64_t		 propose(struct fixture *, const struct actor *, const char *);
void		 open_vote(struct fixture *, const struct actor *, int64_t);
int		 settle(struct fixture *, int64_t);
void		 assert_check_ok(struct fixture *);

#endif
