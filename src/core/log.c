/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Writing the event log (moot-log(5)). An event is its canon, the exact
 * bytes that are hashed, holding the envelope (seq, ts, actor, type, ref,
 * the body's SHA-256 and the previous hash); the body is stored apart so
 * that a leader can redact it and the chain still verifies.
 *
 * Only core.c appends, inside the transaction of core_submit(). The head
 * file is written after the commit, never before: a head file may lag
 * behind the database after a crash, but never run ahead of it.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "moot/log.h"

int
log_append(struct store *s, const struct event *ev, const json_t *body,
    const unsigned char *prev, unsigned char *hash, char **cause)
{
	struct buf	 canon, bodybuf;
	json_t		*env;
	sqlite3_stmt	*stmt;
	char		 prevhex[CANON_HEX_LEN + 1];
	char		 bodyhex[CANON_HEX_LEN + 1];
	int		 rc, error;

	buf_init(&canon);
	buf_init(&bodybuf);
	if ((error = canon_dump(body, &bodybuf, cause)) != 0)
		goto out;
	canon_sha256_hex(bodybuf.data, bodybuf.len, bodyhex);
	moot_hex(prev, CANON_HASH_LEN, prevhex);

	env = json_pack("{s:{s:s,s:I},s:s,s:s,s:s,s:I,s:I,s:s,s:i}",
	    "actor", "name", ev->name, "uid", (json_int_t)ev->uid,
	    "body_sha256", bodyhex,
	    "prev", prevhex,
	    "ref", ev->ref,
	    "seq", (json_int_t)ev->seq,
	    "ts", (json_int_t)ev->ts,
	    "type", ev->type,
	    "v", 1);
	MOOT_REQUIRE(env != NULL);
	error = canon_dump(env, &canon, cause);
	json_decref(env);
	if (error != 0)
		goto out;
	canon_event_hash(canon.data, canon.len, hash);

	stmt = store_prepare(s,
	    "INSERT INTO events (seq, canon, hash) VALUES (?, ?, ?)");
	sqlite3_bind_int64(stmt, 1, ev->seq);
	sqlite3_bind_blob(stmt, 2, canon.data, (int)canon.len, SQLITE_STATIC);
	sqlite3_bind_blob(stmt, 3, hash, CANON_HASH_LEN, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		error = store_error(s, rc, cause);
		goto out;
	}
	stmt = store_prepare(s, "INSERT INTO bodies (seq, body) VALUES (?, ?)");
	sqlite3_bind_int64(stmt, 1, ev->seq);
	sqlite3_bind_blob(stmt, 2, bodybuf.data, (int)bodybuf.len,
	    SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		error = store_error(s, rc, cause);
out:
	buf_free(&canon);
	buf_free(&bodybuf);
	return (error);
}

int
log_redact(struct store *s, int64_t target, int64_t by, char **cause)
{
	sqlite3_stmt	*stmt;

	stmt = store_prepare(s,
	    "UPDATE bodies SET body = NULL, redacted_by = ? WHERE seq = ?");
	sqlite3_bind_int64(stmt, 1, by);
	sqlite3_bind_int64(stmt, 2, target);
	return (store_done(s, stmt, cause));
}

int64_t
log_last(struct store *s, unsigned char *hash)
{
	sqlite3_stmt	*stmt;
	int64_t		 seq = 0;

	memset(hash, 0, CANON_HASH_LEN);
	stmt = store_prepare(s,
	    "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1");
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		seq = sqlite3_column_int64(stmt, 0);
		if (sqlite3_column_bytes(stmt, 1) == CANON_HASH_LEN)
			memcpy(hash, sqlite3_column_blob(stmt, 1),
			    CANON_HASH_LEN);
	}
	sqlite3_reset(stmt);
	return (seq);
}

int
log_body(struct store *s, int64_t seq, json_t **body, int64_t *redacted_by,
    char **cause)
{
	sqlite3_stmt	*stmt;
	json_error_t	 jerr;
	int		 rc;

	*body = NULL;
	if (redacted_by != NULL)
		*redacted_by = 0;
	stmt = store_prepare(s,
	    "SELECT body, redacted_by FROM bodies WHERE seq = ?");
	sqlite3_bind_int64(stmt, 1, seq);
	rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(stmt);
		if (rc == SQLITE_DONE)
			return (moot_fail(cause, -ENOENT,
			    "event %lld has no body", (long long)seq));
		return (store_error(s, rc, cause));
	}
	if (redacted_by != NULL)
		*redacted_by = sqlite3_column_int64(stmt, 1);
	if (sqlite3_column_type(stmt, 0) != SQLITE_NULL) {
		*body = json_loadb(sqlite3_column_blob(stmt, 0),
		    (size_t)sqlite3_column_bytes(stmt, 0), 0, &jerr);
		if (*body == NULL) {
			sqlite3_reset(stmt);
			return (moot_fail(cause, -EBADMSG,
			    "event %lld: body is not JSON: %s",
			    (long long)seq, jerr.text));
		}
	}
	sqlite3_reset(stmt);
	return (0);
}

int
log_head_write(const char *path, int64_t seq, const unsigned char *hash,
    char **cause)
{
	char	 hex[CANON_HEX_LEN + 1], line[128], *tmp;
	int	 fd, len, error = 0;

	moot_hex(hash, CANON_HASH_LEN, hex);
	len = snprintf(line, sizeof line, "moot-head-v1 %lld %s\n",
	    (long long)seq, hex);
	tmp = xasprintf("%s.tmp", path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd == -1) {
		error = moot_fail(cause, -errno, "cannot write %s: %s", tmp,
		    strerror(errno));
		goto out;
	}
	/* Readable by every member whatever the umask (moot-log(5)). */
	(void)fchmod(fd, 0644);
	if (write(fd, line, (size_t)len) != len) {
		error = moot_fail(cause, -EIO, "cannot write %s", tmp);
		close(fd);
		unlink(tmp);
		goto out;
	}
	close(fd);
	if (rename(tmp, path) == -1) {
		error = moot_fail(cause, -errno, "cannot rename %s: %s", tmp,
		    strerror(errno));
		unlink(tmp);
	}
out:
	free(tmp);
	return (error);
}

int
log_head_read(const char *path, int64_t *seq, char *hex, char **cause)
{
	FILE		*f;
	char		 line[256], h[CANON_HEX_LEN + 2];
	long long	 n;
	int		 i;

	f = fopen(path, "re");
	if (f == NULL) {
		if (errno == ENOENT)
			return (moot_fail(cause, -ENOENT, "no head file %s",
			    path));
		return (moot_fail(cause, -errno, "cannot read %s: %s", path,
		    strerror(errno)));
	}
	if (fgets(line, sizeof line, f) == NULL ||
	    sscanf(line, "moot-head-v1 %lld %65s", &n, h) != 2 || n < 0 ||
	    strlen(h) != CANON_HEX_LEN) {
		fclose(f);
		return (moot_fail(cause, -EINVAL,
		    "%s is not a head file (expected \"moot-head-v1 SEQ "
		    "HASH\")", path));
	}
	fclose(f);
	for (i = 0; i < CANON_HEX_LEN; i++) {
		if (!((h[i] >= '0' && h[i] <= '9') ||
		    (h[i] >= 'a' && h[i] <= 'f')))
			return (moot_fail(cause, -EINVAL,
			    "%s: the hash is not lower-case hex", path));
	}
	*seq = n;
	memcpy(hex, h, CANON_HEX_LEN + 1);
	return (0);
}
