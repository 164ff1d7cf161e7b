/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Benchmark of mootd over its Unix socket (bench/mootd.sh starts the
 * daemon on a fresh database and runs this against it). The bench is one
 * member, the leader who ran init: mootd knows clients by their uid, so
 * every connection here is the same member, and each ballot is that
 * member changing their ballot (the rule has changeable = yes) between
 * yes and no on a proposal of the connection's own. Each change is a new
 * ballot.cast event: a durable write, acknowledged after its commit.
 *
 *  1. idle client memory: mootd's VmRSS with only the setup connection,
 *     then with S subscribed clients connected and idle (before any
 *     event, and again after the fan-out), then after they disconnect;
 *     the difference per client in KiB;
 *  2. fan-out: S clients subscribed (since = the head), one writer sends
 *     E ballots one at a time; each is sent once the previous reply and
 *     its event at every subscriber have arrived (a closed loop, so the
 *     figure is the latency of one event, not of a queue). For every
 *     (event, subscriber) pair, the time from the writer's receipt of
 *     the ok reply to the subscriber's receipt of the event line, and
 *     from the send of the request (which includes the commit); p50, p99
 *     and max of each;
 *  3. durable ballots: the baseline, ONE client with one request in
 *     flight (so one commit and one fsync per ballot), then C clients
 *     connected at once, each with one request in flight, for N ballots
 *     in all; ballots/s of both and the ratio.
 *
 * Every phase is bounded by a count and a deadline (-t seconds); a phase
 * cut short by its deadline says so and reports what it did. Prints
 * figures; asserts nothing. Times are taken in this process, which also
 * reads the S sockets one after another: its own work is in the figures.
 *
 * usage: mootd-bench [-n N] [-b B] [-c C] [-s S] [-e E] [-t SECONDS]
 *                    SOCKET PID
 *   N  ballots of the C clients (default 20000)
 *   B  ballots of the one-client baseline (default 2000)
 *   C  clients sending at once (default 100)
 *   S  subscribed clients (default 500; 0 skips phases 1 and 2)
 *   E  events sent to them (default 200)
 *   PID the daemon's process id, for /proc/PID/status
 * Targets (DESIGN.md section 10): C clients >= 10x the baseline; fan-out
 * p99 <= 10 ms; idle client <= 64 KiB.
 */
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define BENCH_RBUF	65536
#define BENCH_MAXLINE	(4 * 1024 * 1024)

struct conn {
	int	 fd;
	char	*buf;		/* bytes read, not yet taken as lines */
	size_t	 len, size;
	long	 next_id;	/* the id of the next request */
	long	 want_id;	/* the id of the request in flight, or -1 */
	double	 t_sent;	/* when it was sent */
	double	 t_read;	/* when the last read returned */
	long	 proposal;	/* the proposal this connection votes on */
	bool	 yes;		/* the next choice: yes, else no */
	long	 sent, ok;	/* ballots sent and accepted */
	/* subscribers */
	long	 last_seq;
	double	*seen;		/* receipt time of seq head+1+i, or 0 */
	long	 nseen;
};

/* One line handed out by conn_line(), valid until the next read. */
struct line {
	bool	 event;		/* {"event":...} */
	long	 id;		/* a reply's id, or -1 */
	bool	 ok;		/* a reply's "ok" */
	long	 seq;		/* an event's seq, or a reply's result seq */
	char	*text;
};

static const char	*sock_path;
static long		 daemon_pid;
static double		 phase_seconds = 30;

static double
bench_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((double)ts.tv_sec + (double)ts.tv_nsec / 1e9);
}

static void
bench_die(const char *fmt, ...)
{
	va_list	ap;

	fputs("mootd-bench: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void *
bench_alloc(size_t n)
{
	void	*p;

	if ((p = calloc(1, n)) == NULL)
		bench_die("out of memory");
	return (p);
}

static void
bench_sleep(double s)
{
	struct timespec	ts;

	ts.tv_sec = (time_t)s;
	ts.tv_nsec = (long)((s - (double)ts.tv_sec) * 1e9);
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

/* mootd's VmRSS in KiB, or -1. */
static long
bench_rss(void)
{
	FILE	*f;
	char	 path[64], line[256];
	long	 kib = -1;

	snprintf(path, sizeof path, "/proc/%ld/status", daemon_pid);
	if ((f = fopen(path, "r")) == NULL)
		return (-1);
	while (fgets(line, sizeof line, f) != NULL)
		if (strncmp(line, "VmRSS:", 6) == 0) {
			kib = strtol(line + 6, NULL, 10);
			break;
		}
	fclose(f);
	return (kib);
}

static struct conn *
conn_open(void)
{
	struct sockaddr_un	 sun;
	struct conn		*c;
	int			 fd;

	memset(&sun, 0, sizeof sun);
	sun.sun_family = AF_UNIX;
	if (strlen(sock_path) >= sizeof sun.sun_path)
		bench_die("%s: socket path too long", sock_path);
	strcpy(sun.sun_path, sock_path);
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		bench_die("socket: %s", strerror(errno));
	/* Blocking connect: waits while the daemon's backlog is full. */
	if (connect(fd, (struct sockaddr *)&sun, sizeof sun) == -1)
		bench_die("connect %s: %s", sock_path, strerror(errno));
	if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) == -1)
		bench_die("fcntl: %s", strerror(errno));
	c = bench_alloc(sizeof *c);
	c->fd = fd;
	c->size = BENCH_RBUF;
	c->buf = bench_alloc(c->size);
	c->next_id = 1;
	c->want_id = -1;
	c->yes = true;
	return (c);
}

static void
conn_close(struct conn *c)
{
	if (c == NULL)
		return;
	close(c->fd);
	free(c->buf);
	free(c->seen);
	free(c);
}

/* Send one request line, waiting (bounded) if the socket is full. */
static long
conn_send(struct conn *c, const char *op, const char *fmt, ...)
{
	struct pollfd	 pfd;
	va_list		 ap;
	char		 args[512], line[768];
	size_t		 off = 0;
	ssize_t		 w;
	int		 n;
	long		 id;

	va_start(ap, fmt);
	vsnprintf(args, sizeof args, fmt, ap);
	va_end(ap);
	id = c->next_id++;
	n = snprintf(line, sizeof line, "{\"id\":%ld,\"op\":\"%s\",\"args\":%s}\n",
	    id, op, args);
	if (n < 0 || (size_t)n >= sizeof line)
		bench_die("request too long");
	while (off < (size_t)n) {
		w = send(c->fd, line + off, (size_t)n - off, MSG_NOSIGNAL);
		if (w > 0) {
			off += (size_t)w;
			continue;
		}
		if (w == -1 && errno == EINTR)
			continue;
		if (w == -1 && errno == EAGAIN) {
			pfd.fd = c->fd;
			pfd.events = POLLOUT;
			if (poll(&pfd, 1, 5000) <= 0)
				bench_die("write: timed out");
			continue;
		}
		bench_die("write: %s", w == -1 ? strerror(errno) : "0 bytes");
	}
	c->want_id = id;
	c->t_sent = bench_now();
	return (id);
}

/*
 * Read what there is (one read). Returns 1 when bytes came, 0 when none
 * were ready; dies at end of file.
 */
static int
conn_read(struct conn *c)
{
	ssize_t	r;

	if (c->size - c->len < BENCH_RBUF / 4) {
		if (c->size >= BENCH_MAXLINE)
			bench_die("line longer than %d bytes", BENCH_MAXLINE);
		c->size *= 2;
		if ((c->buf = realloc(c->buf, c->size)) == NULL)
			bench_die("out of memory");
	}
	r = read(c->fd, c->buf + c->len, c->size - c->len);
	if (r == -1 && (errno == EAGAIN || errno == EINTR))
		return (0);
	if (r == -1)
		bench_die("read: %s", strerror(errno));
	if (r == 0)
		bench_die("mootd closed a connection (see its log)");
	c->t_read = bench_now();
	c->len += (size_t)r;
	return (1);
}

static long
scan_long(const char *s, const char *key)
{
	const char	*p;

	if ((p = strstr(s, key)) == NULL)
		return (-1);
	return (strtol(p + strlen(key), NULL, 10));
}

/*
 * Take the first whole line from the buffer into *l; false when there is
 * none. The server's lines are compact JSON: {"id":N,"ok":...} or
 * {"event":{"seq":N,...}}.
 */
static bool
conn_line(struct conn *c, struct line *l, char **consumed)
{
	char	*nl;

	if (*consumed != NULL) {
		/* Drop the line handed out last time. */
		size_t	used = (size_t)(*consumed - c->buf);

		memmove(c->buf, *consumed, c->len - used);
		c->len -= used;
		*consumed = NULL;
	}
	if ((nl = memchr(c->buf, '\n', c->len)) == NULL)
		return (false);
	*nl = '\0';
	*consumed = nl + 1;
	memset(l, 0, sizeof *l);
	l->text = c->buf;
	if (strncmp(c->buf, "{\"event\":", 9) == 0) {
		l->event = true;
		l->id = -1;
		l->seq = scan_long(c->buf + 9, "\"seq\":");
	} else {
		l->id = strncmp(c->buf, "{\"id\":", 6) == 0 ?
		    strtol(c->buf + 6, NULL, 10) : scan_long(c->buf, "\"id\":");
		l->ok = strstr(c->buf, "\"ok\":true") != NULL;
		l->seq = scan_long(c->buf, "\"seq\":");
	}
	return (true);
}

/* The error code of a refused reply, for counting. */
static void
reply_code(const char *text, char *code, size_t size)
{
	const char	*p, *q;

	snprintf(code, size, "?");
	if ((p = strstr(text, "\"code\":\"")) == NULL)
		return;
	p += 8;
	if ((q = strchr(p, '"')) == NULL)
		return;
	snprintf(code, size, "%.*s", (int)(q - p), p);
}

/*
 * Send hello (and, with sub, subscribe) on every connection, then wait
 * for all the replies, so that connecting many clients costs one round.
 */
static void
conns_hello(struct conn **cs, long n, bool sub, long *head)
{
	struct pollfd	*pfd;
	struct line	 l;
	char		*consumed;
	long		 i, left, phase;

	pfd = bench_alloc((size_t)n * sizeof *pfd);
	for (phase = 0; phase < (sub ? 2 : 1); phase++) {
		for (i = 0; i < n; i++) {
			if (phase == 0)
				conn_send(cs[i], "hello", "{\"version\":1,"
				    "\"client\":\"mootd-bench\"}");
			else
				conn_send(cs[i], "subscribe", "{}");
		}
		left = n;
		while (left > 0) {
			for (i = 0; i < n; i++) {
				pfd[i].fd = cs[i]->want_id != -1 ?
				    cs[i]->fd : -1;
				pfd[i].events = POLLIN;
				pfd[i].revents = 0;
			}
			if (poll(pfd, (nfds_t)n, 10000) <= 0)
				bench_die("%ld replies missing after 10 s",
				    left);
			for (i = 0; i < n; i++) {
				if (pfd[i].revents == 0)
					continue;
				conn_read(cs[i]);
				consumed = NULL;
				while (conn_line(cs[i], &l, &consumed)) {
					if (l.event || l.id != cs[i]->want_id)
						continue;
					if (!l.ok)
						bench_die("refused: %s",
						    l.text);
					if (phase == 1 && head != NULL) {
						*head = scan_long(l.text,
						    "\"head\":");
						cs[i]->last_seq = *head;
					}
					cs[i]->want_id = -1;
					left--;
				}
			}
		}
	}
	free(pfd);
}

/* Create n proposals and open their votes, pipelined; ids into ids[]. */
static void
bench_setup(struct conn *lead, long n, long *ids)
{
	struct pollfd	 pfd;
	struct line	 l;
	char		*consumed;
	long		 i, got, first, step;

	for (step = 0; step < 2; step++) {
		first = lead->next_id;
		for (i = 0; i < n; i++) {
			if (step == 0)
				conn_send(lead, "propose", "{\"title\":"
				    "\"Benchmark proposal %ld\",\"body\":"
				    "\"Voted on by mootd-bench.\","
				    "\"rule\":\"quick\"}", i + 1);
			else
				conn_send(lead, "open-vote", "{\"id\":%ld}",
				    ids[i]);
		}
		got = 0;
		while (got < n) {
			pfd.fd = lead->fd;
			pfd.events = POLLIN;
			if (poll(&pfd, 1, 10000) <= 0)
				bench_die("setup: no reply in 10 s");
			conn_read(lead);
			consumed = NULL;
			while (conn_line(lead, &l, &consumed)) {
				if (l.event)
					continue;
				if (!l.ok)
					bench_die("setup refused: %s", l.text);
				if (l.id < first || l.id >= first + n)
					continue;
				if (step == 0)
					ids[l.id - first] = scan_long(l.text,
					    "\"result\":{\"id\":");
				got++;
			}
		}
		lead->want_id = -1;
	}
}

static void
send_ballot(struct conn *c)
{
	conn_send(c, "vote", "{\"id\":%ld,\"choice\":\"%s\"}", c->proposal,
	    c->yes ? "yes" : "no");
	c->sent++;
}

/* Count refusals by code: a few distinct codes at most. */
struct refusals {
	char	code[8][32];
	long	n[8];
	long	total;
};

static void
refusal_add(struct refusals *r, const char *text)
{
	char	code[32];
	int	i;

	reply_code(text, code, sizeof code);
	r->total++;
	for (i = 0; i < 8; i++) {
		if (r->n[i] == 0)
			snprintf(r->code[i], sizeof r->code[i], "%s", code);
		if (strcmp(r->code[i], code) == 0) {
			r->n[i]++;
			return;
		}
	}
}

static void
refusal_print(const struct refusals *r)
{
	int	i;

	if (r->total == 0)
		return;
	printf("  refused:");
	for (i = 0; i < 8 && r->n[i] > 0; i++)
		printf(" %s %ld", r->code[i], r->n[i]);
	printf("\n");
}

static int
cmp_double(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return (x < y ? -1 : x > y);
}

/* The p-th percentile (0..100) of sorted v[n], nearest rank. */
static double
pct(const double *v, long n, double p)
{
	long	k;

	if (n == 0)
		return (0);
	k = (long)(p / 100 * (double)n + 0.999999) - 1;
	if (k < 0)
		k = 0;
	if (k >= n)
		k = n - 1;
	return (v[k]);
}

/*
 * C clients, one ballot in flight each, until n ballots have been sent
 * and answered or the deadline passes. Returns seconds; fills *ok and
 * latencies (ms) of accepted ballots into lat (size n), *nlat.
 */
static double
run_ballots(struct conn **cs, long nc, long n, long *ok, double *lat,
    long *nlat, struct refusals *rf, bool *cut)
{
	struct pollfd	*pfd;
	struct line	 l;
	char		*consumed;
	double		 t0, deadline;
	long		 i, sent = 0, answered = 0;

	pfd = bench_alloc((size_t)nc * sizeof *pfd);
	*ok = *nlat = 0;
	*cut = false;
	t0 = bench_now();
	deadline = t0 + phase_seconds;
	for (i = 0; i < nc && sent < n; i++, sent++)
		send_ballot(cs[i]);
	while (answered < sent) {
		if (bench_now() > deadline) {
			*cut = true;
			break;
		}
		for (i = 0; i < nc; i++) {
			pfd[i].fd = cs[i]->want_id != -1 ? cs[i]->fd : -1;
			pfd[i].events = POLLIN;
			pfd[i].revents = 0;
		}
		if (poll(pfd, (nfds_t)nc, 1000) < 0 && errno != EINTR)
			bench_die("poll: %s", strerror(errno));
		for (i = 0; i < nc; i++) {
			struct conn	*c = cs[i];

			if (pfd[i].revents == 0)
				continue;
			conn_read(c);
			consumed = NULL;
			while (conn_line(c, &l, &consumed)) {
				if (l.event || l.id != c->want_id)
					continue;
				c->want_id = -1;
				answered++;
				if (l.ok) {
					(*ok)++;
					c->ok++;
					lat[(*nlat)++] = (c->t_read -
					    c->t_sent) * 1e3;
				} else
					refusal_add(rf, l.text);
				/*
				 * Flip either way: a refusal for the same
				 * ballot again means we were out of step.
				 */
				c->yes = !c->yes;
				if (sent < n && bench_now() <= deadline) {
					send_ballot(c);
					sent++;
				}
			}
		}
	}
	free(pfd);
	return (bench_now() - t0);
}

static void
print_ballots(const char *what, long ok, double s, double *lat, long nlat,
    bool cut)
{
	qsort(lat, (size_t)nlat, sizeof *lat, cmp_double);
	printf("%-34s %8ld %8.3f %10.0f %8.2f %8.2f %8.2f%s\n", what, ok, s,
	    s > 0 ? (double)ok / s : 0.0, pct(lat, nlat, 50),
	    pct(lat, nlat, 99), nlat > 0 ? lat[nlat - 1] : 0.0,
	    cut ? "  (deadline)" : "");
}

static void
phase_durable(struct conn *lead, long nc, long nbase, long n)
{
	struct conn	**cs;
	struct refusals	  rf1, rf2;
	double		 *lat, t1, t2, r1, r2;
	long		 *ids, ok1, ok2, nlat, i;
	bool		  cut;
	char		  what[64];

	printf("\n3. durable ballots (each a ballot.cast event, committed "
	    "before its reply)\n");
	ids = bench_alloc((size_t)(nc + 1) * sizeof *ids);
	bench_setup(lead, nc + 1, ids);
	lat = bench_alloc((size_t)(n > nbase ? n : nbase) * sizeof *lat);
	memset(&rf1, 0, sizeof rf1);
	memset(&rf2, 0, sizeof rf2);
	printf("%-34s %8s %8s %10s %8s %8s %8s\n", "", "ballots", "seconds",
	    "ballots/s", "p50 ms", "p99 ms", "max ms");

	/* The baseline: one client, one ballot at a time. */
	cs = bench_alloc((size_t)nc * sizeof *cs);
	cs[0] = conn_open();
	conns_hello(cs, 1, false, NULL);
	cs[0]->proposal = ids[0];
	t1 = run_ballots(cs, 1, nbase, &ok1, lat, &nlat, &rf1, &cut);
	print_ballots("1 client, 1 in flight (baseline)", ok1, t1, lat, nlat,
	    cut);
	refusal_print(&rf1);
	conn_close(cs[0]);

	/* nc clients at once. */
	for (i = 0; i < nc; i++) {
		cs[i] = conn_open();
		cs[i]->proposal = ids[i + 1];
	}
	conns_hello(cs, nc, false, NULL);
	t2 = run_ballots(cs, nc, n, &ok2, lat, &nlat, &rf2, &cut);
	snprintf(what, sizeof what, "%ld clients, 1 in flight each", nc);
	print_ballots(what, ok2, t2, lat, nlat, cut);
	refusal_print(&rf2);
	for (i = 0; i < nc; i++)
		conn_close(cs[i]);
	free(cs);

	r1 = t1 > 0 ? (double)ok1 / t1 : 0;
	r2 = t2 > 0 ? (double)ok2 / t2 : 0;
	printf("  %ld clients / baseline: %.1fx (target >= 10x: %s)\n", nc,
	    r1 > 0 ? r2 / r1 : 0.0, r1 > 0 && r2 >= 10 * r1 ? "met" :
	    "NOT met");
	free(lat);
	free(ids);
}

static void
print_lat(const char *what, double *v, long n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	printf("  %-30s %9.3f %9.3f %9.3f %9.3f\n", what, pct(v, n, 50),
	    pct(v, n, 99), n > 0 ? v[n - 1] : 0.0, n > 0 ? v[0] : 0.0);
}

static void
phase_fanout(struct conn *lead, long ns, long ne)
{
	struct conn	**subs;
	struct pollfd	 *pfd;
	struct line	  l;
	double		 *t_send, *t_reply, *from_reply, *from_send;
	double		  t0, deadline, ev_deadline;
	long		 *seqs, id, head = 0, i, s, e, done, npairs = 0;
	long		  missing = 0, rss0, rss1, rss2, rss3, k;
	char		 *consumed;
	bool		  cut = false;

	printf("\n1. idle client memory and 2. fan-out: %ld subscribed "
	    "clients, %ld events\n", ns, ne);
	bench_setup(lead, 1, &id);
	lead->proposal = id;

	bench_sleep(0.3);
	rss0 = bench_rss();
	subs = bench_alloc((size_t)ns * sizeof *subs);
	t0 = bench_now();
	for (i = 0; i < ns; i++)
		subs[i] = conn_open();
	conns_hello(subs, ns, true, &head);
	printf("  %ld clients connected, hello + subscribe answered in "
	    "%.3f s\n", ns, bench_now() - t0);
	for (i = 0; i < ns; i++) {
		subs[i]->nseen = ne * 2 + 16;
		subs[i]->seen = bench_alloc((size_t)subs[i]->nseen *
		    sizeof *subs[i]->seen);
	}
	bench_sleep(0.3);
	rss1 = bench_rss();

	/* The writer: one ballot at a time, closed loop. */
	t_send = bench_alloc((size_t)ne * sizeof *t_send);
	t_reply = bench_alloc((size_t)ne * sizeof *t_reply);
	seqs = bench_alloc((size_t)ne * sizeof *seqs);
	pfd = bench_alloc((size_t)(ns + 1) * sizeof *pfd);
	deadline = bench_now() + phase_seconds;
	for (e = 0; e < ne && !cut; e++) {
		send_ballot(lead);
		t_send[e] = lead->t_sent;
		seqs[e] = -1;
		ev_deadline = bench_now() + 2;
		for (;;) {
			if (seqs[e] != -1) {
				for (done = 0; done < ns; done++)
					if (subs[done]->last_seq < seqs[e])
						break;
				if (done == ns)
					break;
			}
			if (bench_now() > ev_deadline)
				break;		/* counted as missing below */
			if (bench_now() > deadline) {
				cut = true;
				break;
			}
			pfd[0].fd = lead->want_id != -1 ? lead->fd : -1;
			pfd[0].events = POLLIN;
			pfd[0].revents = 0;
			for (i = 0; i < ns; i++) {
				pfd[i + 1].fd = subs[i]->fd;
				pfd[i + 1].events = POLLIN;
				pfd[i + 1].revents = 0;
			}
			if (poll(pfd, (nfds_t)ns + 1, 100) < 0 &&
			    errno != EINTR)
				bench_die("poll: %s", strerror(errno));
			if (pfd[0].revents != 0) {
				conn_read(lead);
				consumed = NULL;
				while (conn_line(lead, &l, &consumed)) {
					if (l.event || l.id != lead->want_id)
						continue;
					if (!l.ok)
						bench_die("fan-out ballot "
						    "refused: %s", l.text);
					lead->want_id = -1;
					lead->yes = !lead->yes;
					t_reply[e] = lead->t_read;
					seqs[e] = l.seq;
				}
			}
			for (i = 0; i < ns; i++) {
				struct conn	*c = subs[i];

				if (pfd[i + 1].revents == 0)
					continue;
				conn_read(c);
				consumed = NULL;
				while (conn_line(c, &l, &consumed)) {
					if (!l.event || l.seq <= head)
						continue;
					k = l.seq - head - 1;
					if (k < c->nseen && c->seen[k] == 0)
						c->seen[k] = c->t_read;
					if (l.seq > c->last_seq)
						c->last_seq = l.seq;
				}
			}
		}
		if (seqs[e] == -1)
			break;
	}
	ne = e;
	bench_sleep(0.3);
	rss2 = bench_rss();

	from_reply = bench_alloc((size_t)(ne * ns + 1) * sizeof *from_reply);
	from_send = bench_alloc((size_t)(ne * ns + 1) * sizeof *from_send);
	for (e = 0; e < ne; e++) {
		k = seqs[e] - head - 1;
		for (s = 0; s < ns; s++) {
			if (k < 0 || k >= subs[s]->nseen ||
			    subs[s]->seen[k] == 0) {
				missing++;
				continue;
			}
			from_reply[npairs] = (subs[s]->seen[k] - t_reply[e]) *
			    1e3;
			from_send[npairs] = (subs[s]->seen[k] - t_send[e]) *
			    1e3;
			npairs++;
		}
	}

	for (i = 0; i < ns; i++)
		conn_close(subs[i]);
	free(subs);
	bench_sleep(0.5);
	rss3 = bench_rss();

	printf("\n1. idle client memory (mootd VmRSS, KiB)\n");
	printf("  only the setup connection:           %8ld\n", rss0);
	printf("  %4ld subscribed, idle, no event yet:  %8ld  %+8.1f KiB "
	    "per client\n", ns, rss1, (double)(rss1 - rss0) / (double)ns);
	printf("  %4ld subscribed, idle, after fan-out: %8ld  %+8.1f KiB "
	    "per client\n", ns, rss2, (double)(rss2 - rss0) / (double)ns);
	printf("  after they disconnected:             %8ld  %+8.1f KiB "
	    "per client still held\n", rss3, (double)(rss3 - rss0) /
	    (double)ns);
	printf("  target <= 64 KiB per idle client: %s\n",
	    rss0 > 0 && rss1 > 0 && (double)(rss1 - rss0) / (double)ns <= 64 ?
	    "met" : "NOT met");

	printf("\n2. fan-out: %ld events x %ld subscribers = %ld pairs%s\n",
	    ne, ns, npairs, cut ? " (deadline)" : "");
	if (missing > 0)
		printf("  MISSING: %ld (event, subscriber) pairs not received "
		    "within 2 s\n", missing);
	printf("  %-30s %9s %9s %9s %9s\n", "ms", "p50", "p99", "max", "min");
	print_lat("from the writer's ok reply", from_reply, npairs);
	print_lat("from the writer's send", from_send, npairs);
	for (e = 0; e < ne; e++)
		t_reply[e] = (t_reply[e] - t_send[e]) * 1e3;
	print_lat("writer: send to ok reply", t_reply, ne);
	printf("  target p99 <= 10 ms (from the ok reply): %s\n",
	    npairs > 0 && missing == 0 && pct(from_reply, npairs, 99) <= 10 ?
	    "met" : "NOT met");
	if (npairs > 0 && from_reply[0] < 0)
		printf("  (a negative time: the event reached this process "
		    "before the writer's reply)\n");

	free(from_reply);
	free(from_send);
	free(pfd);
	free(seqs);
	free(t_reply);
	free(t_send);
}

static long
bench_number(const char *s, const char *what, long min)
{
	char	*end;
	long	 n;

	errno = 0;
	n = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || n < min) {
		fprintf(stderr, "mootd-bench: bad %s: %s\n", what, s);
		exit(2);
	}
	return (n);
}

static void
usage(void)
{
	fprintf(stderr, "usage: mootd-bench [-n N] [-b B] [-c C] [-s S] "
	    "[-e E] [-t SECONDS] SOCKET PID\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	struct conn	*lead;
	struct rlimit	 rl;
	long		 n = 20000, nbase = 2000, nc = 100, ns = 500, ne = 200;
	int		 ch;

	while ((ch = getopt(argc, argv, "b:c:e:n:s:t:")) != -1) {
		switch (ch) {
		case 'b':
			nbase = bench_number(optarg, "-b", 1);
			break;
		case 'c':
			nc = bench_number(optarg, "-c", 1);
			break;
		case 'e':
			ne = bench_number(optarg, "-e", 1);
			break;
		case 'n':
			n = bench_number(optarg, "-n", 1);
			break;
		case 's':
			ns = bench_number(optarg, "-s", 0);
			break;
		case 't':
			phase_seconds = (double)bench_number(optarg, "-t", 1);
			break;
		default:
			usage();
		}
	}
	if (argc - optind != 2)
		usage();
	signal(SIGPIPE, SIG_IGN);
	setvbuf(stdout, NULL, _IOLBF, 0);
	sock_path = argv[optind];
	daemon_pid = bench_number(argv[optind + 1], "pid", 1);

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
	    (rlim_t)(ns > nc ? ns : nc) + 16 > rl.rlim_cur) {
		fprintf(stderr, "mootd-bench: %ld connections need more "
		    "descriptors than ulimit -n (%ld) gives\n",
		    ns > nc ? ns : nc, (long)rl.rlim_cur);
		return (1);
	}

	printf("mootd benchmark: %s (pid %ld); baseline B=%ld, C=%ld clients "
	    "x N=%ld ballots, S=%ld subscribers x E=%ld events; at most %.0f s "
	    "a phase\n", sock_path, daemon_pid, nbase, nc, n, ns, ne,
	    phase_seconds);

	lead = conn_open();
	conns_hello(&lead, 1, false, NULL);
	if (ns > 0)
		phase_fanout(lead, ns, ne);
	phase_durable(lead, nc, nbase, n);
	conn_close(lead);
	return (0);
}
