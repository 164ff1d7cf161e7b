/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The SQLite store: one connection, the schema and its migrations,
 * cached prepared statements, transactions, and the one place where
 * SQLite result codes become errno values and sentences.
 */
#ifndef MOOT_STORE_H
#define MOOT_STORE_H

#include <sqlite3.h>

#include "moot/util.h"

#define STORE_CREATE	0x1	/* create the file and schema if missing */
#define STORE_READONLY	0x2	/* open read-only; never migrate */
#define STORE_MEMORY	0x4	/* path is ignored: a private in-memory db */

struct store;

/*
 * Open (and with STORE_CREATE create) a database and migrate it to the
 * current schema. Returns 0 and *out, or a negative errno with *cause.
 */
int		 store_open(const char *, int, struct store **, char **);
/* Open without migrating past version `target` (tests of migrations). */
int		 store_open_at(const char *, int, int, struct store **,
		     char **);
void		 store_close(struct store *);

sqlite3		*store_db(struct store *);
const char	*store_path(struct store *);
int		 store_version(struct store *);
int		 store_latest_version(void);

/*
 * A prepared statement for sql, which must be a string constant: the
 * cache is keyed by its address. The statement is reset and unbound.
 * Borrowed: do not finalize.
 */
sqlite3_stmt	*store_prepare(struct store *, const char *);

/* Translate an SQLite result code into a negative errno and *cause. */
int		 store_error(struct store *, int, char **);
/* Run SQL without results. Returns 0 or a negative errno. */
int		 store_exec(struct store *, const char *, char **);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. */
int		 store_begin(struct store *, char **);
/*
 * A read transaction: the reads until store_rollback() see one snapshot
 * (WAL: whatever other connections commit meanwhile). Also read-only.
 */
int		 store_begin_read(struct store *, char **);
int		 store_commit(struct store *, char **);
void		 store_rollback(struct store *);
bool		 store_in_transaction(struct store *);

/* Step a statement that returns no rows, reset it; 0 or an error. */
int		 store_done(struct store *, sqlite3_stmt *, char **);
/* Run a single-row statement returning one integer (or def if no row). */
int64_t		 store_int(struct store *, const char *, int64_t, int64_t);

/*
 * Step a statement to its end, collecting its first column as integers
 * in *ids (caller frees; NULL for none), and reset it: the ids of what
 * is to be done, so that the doing may use the store. Returns the count.
 */
size_t		 store_ids(sqlite3_stmt *, int64_t **);

/* Column text as a C string, or NULL. Borrowed until the next step. */
const char	*store_text(sqlite3_stmt *, int);

/* The projection tables, in the order check compares them. */
extern const char *const store_projections[];

#endif
