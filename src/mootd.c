/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * mootd: the community's daemon. It owns the database, listens on a
 * Unix socket, learns who each client is from the kernel, answers every
 * request with the same server code moot runs in-process, closes votes
 * at their deadlines and pushes each new event to the clients that
 * follow the log (mootd(8)).
 *
 * It runs in the foreground and logs to stderr, or to syslog with
 * --syslog. SIGTERM and SIGINT stop it: no new connections, the requests
 * already read are answered and committed, sessions are flushed and
 * closed, within MOOTD_STOP_MS. SIGHUP re-reads moot.conf's [limits].
 */
#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "moot/config.h"
#include "moot/core.h"
#include "moot/server.h"

#define MOOTD_DEFAULT_DB	"/var/lib/moot/moot.db"
#define MOOTD_STOP_MS		5000

static bool	 mootd_syslog;
static bool	 mootd_verbose;

static void
mootd_log(int prio, const char *msg)
{
	struct tm	 tm;
	time_t		 t;
	char		 when[32];

	if (prio == LOG_DEBUG && !mootd_verbose)
		return;
	if (mootd_syslog) {
		syslog(prio, "%s", msg);
		return;
	}
	t = time(NULL);
	localtime_r(&t, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
	fprintf(stderr, "%s mootd: %s\n", when, msg);
}

static void MOOT_PRINTF(2, 3)
mootd_logf(int prio, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	mootd_log(prio, msg);
	free(msg);
}

static void
mootd_usage(FILE *f)
{
	fprintf(f,
	    "usage: mootd [-v] [-c CONFIG] [-d DATABASE] [-s SOCKET] "
	    "[--syslog]\n"
	    "\n"
	    "The moot daemon: serves a community database to its members over "
	    "a\nUnix socket; each member is known by the uid the kernel "
	    "reports.\n"
	    "\n"
	    "  -c, --config FILE    read FILE instead of %s\n"
	    "  -d, --db FILE        the database (default: [moot] database, "
	    "else\n"
	    "                       %s)\n"
	    "  -s, --socket PATH    listen here (default: [moot] socket)\n"
	    "      --syslog         log to syslog instead of stderr\n"
	    "  -v, --verbose        log debugging detail\n"
	    "  -h, --help           this help\n"
	    "  -V, --version        print the version\n"
	    "\nCreate the database first: moot -d FILE init --leader USER.\n"
	    "See mootd(8).\n", config_system_path(), MOOTD_DEFAULT_DB);
}

/*
 * The directory holding the database or the socket must be the daemon's
 * own: not a symlink, owned by its user (or root), writable by no one
 * else. Otherwise another user could swap the database or the socket.
 */
static int
mootd_check_dir(const char *what, const char *path, char **cause)
{
	struct stat	 st;
	char		*copy, *dir;
	int		 error = 0;

	copy = xstrdup(path);
	dir = dirname(copy);
	if (lstat(dir, &st) == -1)
		error = moot_fail(cause, -errno, "the %s directory %s: %s",
		    what, dir, strerror(errno));
	else if (S_ISLNK(st.st_mode))
		error = moot_fail(cause, -EPERM, "the %s directory %s is a "
		    "symbolic link; use the real directory", what, dir);
	else if (!S_ISDIR(st.st_mode))
		error = moot_fail(cause, -ENOTDIR, "the %s directory %s is not "
		    "a directory", what, dir);
	else if (st.st_uid != geteuid() && st.st_uid != 0)
		error = moot_fail(cause, -EPERM, "the %s directory %s belongs "
		    "to uid %u, not to mootd's user (uid %u) or root", what,
		    dir, (unsigned)st.st_uid, (unsigned)geteuid());
	else if (st.st_mode & (S_IWGRP | S_IWOTH))
		error = moot_fail(cause, -EPERM, "the %s directory %s is "
		    "writable by its group or others (mode %03o); make it "
		    "0755 or stricter", what, dir,
		    (unsigned)(st.st_mode & 0777));
	free(copy);
	return (error);
}

struct mootd {
	uv_loop_t	*loop;
	struct server	*server;
	const char	*config_path;
	uv_signal_t	 sigterm;
	uv_signal_t	 sigint;
	uv_signal_t	 sighup;
	uv_timer_t	 stop_timer;
	bool		 stopping;
};

static void
mootd_limits(const struct config *cfg, struct server_limits *l)
{
	l->max_line = (size_t)cfg->max_line;
	l->rate = cfg->rate;
	l->max_inflight = cfg->max_inflight;
	l->output_buffer = (size_t)cfg->output_buffer;
	l->stall_ms = cfg->stall_timeout * 1000;
}

static int
mootd_config(const char *path, struct config *cfg, char **cause)
{
	config_init(cfg);
	if (path != NULL)
		return (config_load(cfg, path, true, cause));
	return (config_load(cfg, config_system_path(), false, cause));
}

static void
mootd_stopped(struct server *s, void *arg)
{
	struct mootd	*d = arg;

	uv_stop(d->loop);
}

static void
mootd_stop_timeout(uv_timer_t *t)
{
	struct mootd	*d = t->data;

	mootd_logf(LOG_WARNING, "sessions still open after %d ms; stopping "
	    "anyway (every reply sent was committed)", MOOTD_STOP_MS);
	uv_stop(d->loop);
}

static void
mootd_signal(uv_signal_t *h, int signum)
{
	struct mootd		*d = h->data;
	struct config		 cfg;
	struct server_limits	 l;
	char			*cause = NULL;

	if (signum == SIGHUP) {
		if (mootd_config(d->config_path, &cfg, &cause) != 0) {
			mootd_logf(LOG_ERR, "SIGHUP: keeping the old settings: "
			    "%s", cause);
			free(cause);
			return;
		}
		mootd_limits(&cfg, &l);
		server_set_limits(d->server, &l);
		config_disputes(&cfg, server_core(d->server));
		config_free(&cfg);
		mootd_log(LOG_NOTICE, "SIGHUP: re-read the [disputes] and "
		    "[limits] of moot.conf");
		return;
	}
	if (d->stopping)
		return;
	d->stopping = true;
	mootd_logf(LOG_NOTICE, "%s: stopping", strsignal(signum));
	uv_timer_start(&d->stop_timer, mootd_stop_timeout, MOOTD_STOP_MS, 0);
	server_stop(d->server, mootd_stopped, d);
}

static void
mootd_close_walk(uv_handle_t *h, void *arg)
{
	if (!uv_is_closing(h))
		uv_close(h, NULL);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "db", required_argument, NULL, 'd' },
		{ "socket", required_argument, NULL, 's' },
		{ "syslog", no_argument, NULL, 'L' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct mootd		 d;
	struct config		 cfg;
	struct server_limits	 l;
	struct core		*core = NULL;
	uv_loop_t		 loop;
	const char		*db = NULL, *sock = NULL;
	char			*cause = NULL;
	sigset_t		 sigs;
	int			 ch, rc = 1;

	memset(&d, 0, sizeof d);
	while ((ch = getopt_long(argc, argv, "c:d:s:vhV", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'c':
			d.config_path = optarg;
			break;
		case 'd':
			db = optarg;
			break;
		case 's':
			sock = optarg;
			break;
		case 'L':
			mootd_syslog = true;
			break;
		case 'v':
			mootd_verbose = true;
			break;
		case 'h':
			mootd_usage(stdout);
			return (0);
		case 'V':
			printf("mootd %s\n", PACKAGE_VERSION);
			return (0);
		default:
			mootd_usage(stderr);
			return (2);
		}
	}
	if (optind != argc) {
		mootd_usage(stderr);
		return (2);
	}
	if (mootd_syslog)
		openlog("mootd", LOG_PID, LOG_DAEMON);
	/* The database and its journal are the daemon's alone. */
	umask(077);
	signal(SIGPIPE, SIG_IGN);

	if (mootd_config(d.config_path, &cfg, &cause) != 0) {
		mootd_logf(LOG_ERR, "%s", cause);
		free(cause);
		return (1);
	}
	if (db == NULL)
		db = cfg.database[0] != '\0' ? cfg.database : MOOTD_DEFAULT_DB;
	if (sock == NULL)
		sock = cfg.socket;
	if (sock[0] == '\0') {
		mootd_log(LOG_ERR, "no socket to listen on: set [moot] socket "
		    "in moot.conf or give -s PATH");
		goto out;
	}
	if (mootd_check_dir("database", db, &cause) != 0 ||
	    mootd_check_dir("socket", sock, &cause) != 0) {
		mootd_logf(LOG_ERR, "refusing to start: %s", cause);
		free(cause);
		goto out;
	}
	/* 0600: members read the log through mootd, never the file. */
	if (chmod(db, 0600) == -1 && errno != ENOENT)
		mootd_logf(LOG_WARNING, "chmod %s: %s", db, strerror(errno));
	if (access(db, F_OK) != 0) {
		mootd_logf(LOG_ERR, "there is no community database at %s: "
		    "create it first with `moot -d %s init --leader USER`", db,
		    db);
		goto out;
	}
	if (core_open(db, 0, &core, &cause) != 0) {
		mootd_logf(LOG_ERR, "%s", cause);
		free(cause);
		goto out;
	}

	uv_loop_init(&loop);
	d.loop = &loop;
	d.server = server_create(&loop, core, SERVER_DAEMON);
	server_set_log(d.server, mootd_log);
	mootd_limits(&cfg, &l);
	server_set_limits(d.server, &l);
	config_disputes(&cfg, core);
	if (server_listen(d.server, sock, &cause) != 0) {
		mootd_logf(LOG_ERR, "%s", cause);
		free(cause);
		server_free(d.server);
		uv_run(&loop, UV_RUN_DEFAULT);
		uv_loop_close(&loop);
		core_close(core);
		goto out;
	}
	uv_signal_init(&loop, &d.sigterm);
	uv_signal_init(&loop, &d.sigint);
	uv_signal_init(&loop, &d.sighup);
	d.sigterm.data = d.sigint.data = d.sighup.data = &d;
	uv_signal_start(&d.sigterm, mootd_signal, SIGTERM);
	uv_signal_start(&d.sigint, mootd_signal, SIGINT);
	uv_signal_start(&d.sighup, mootd_signal, SIGHUP);
	uv_timer_init(&loop, &d.stop_timer);
	d.stop_timer.data = &d;

	server_start(d.server);
	mootd_logf(LOG_NOTICE, "serving %s on %s (log at seq %lld)", db, sock,
	    (long long)core_head(core, NULL));
	uv_run(&loop, UV_RUN_DEFAULT);

	/*
	 * Closing the signal handles gives the signals back their default
	 * action: block them, so that a second SIGTERM during the last
	 * steps is ignored (mootd(8)) rather than killing a clean stop.
	 */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGHUP);
	sigprocmask(SIG_BLOCK, &sigs, NULL);
	server_free(d.server);
	uv_walk(&loop, mootd_close_walk, NULL);
	uv_run(&loop, UV_RUN_DEFAULT);
	uv_loop_close(&loop);
	core_close(core);
	mootd_log(LOG_NOTICE, "stopped");
	rc = 0;
out:
	config_free(&cfg);
	return (rc);
}
