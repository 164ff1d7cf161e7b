/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What every command shares: option parsing with --help, a request to
 * the server with its refusal printed as the server's sentence, reading a
 * body from a file or $VISUAL/$EDITOR, and output that is safe for the
 * terminal (text written by members goes through text_sanitize()), fits
 * its width when it is one, and is plain when piped.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "moot/config.h"
#include "moot/server.h"
#include "moot/text.h"
#include "moot.h"

int
cmd_usage(const struct cmd_entry *e)
{
	fprintf(stderr, "usage: moot %s %s\n", e->name, e->usage);
	fprintf(stderr, "Try 'moot %s --help' for more.\n", e->name);
	return (EXIT_USAGE);
}

static void
cmd_help(const struct cmd_entry *e)
{
	printf("usage: moot %s %s\n\n%s\n", e->name, e->usage, e->summary);
	if (e->help != NULL && *e->help != '\0')
		printf("\n%s", e->help);
	printf("\nSee moot(1) for details.\n");
}

/*
 * Parse a command's options. cb gets each option's value (or NULL) and
 * returns nonzero to reject it. Returns the index of the first operand,
 * -1 after a usage error was printed, or -2 after --help was printed.
 */
int
cmd_parse(struct cmd_ctx *ctx, const struct cmd_entry *e, int argc, char **argv,
    const struct option *longopts, const char *shortopts,
    int (*cb)(int, const char *, void *), void *arg)
{
	struct option	 all[32];
	/* room for help, json and the terminator */
	char		 shorts[64], *name, *prog;
	int		 n = 0, ch;

	while (longopts != NULL && longopts[n].name != NULL && n < 30) {
		all[n] = longopts[n];
		n++;
	}
	all[n].name = "help";
	all[n].has_arg = no_argument;
	all[n].flag = NULL;
	all[n].val = 'h';
	all[n + 1] = all[n];
	all[n + 1].name = "json";	/* as the global --json */
	all[n + 1].val = CMD_OPT_JSON;
	memset(&all[n + 2], 0, sizeof all[n + 2]);
	snprintf(shorts, sizeof shorts, "h%s", shortopts != NULL ?
	    shortopts : "");

	/* 0, not 1: glibc then forgets main()'s "+" (stop at the first
	 * operand), so options may follow operands here. */
	optind = 0;
	opterr = 1;
	/* getopt names argv[0] in its messages: say "moot list:". */
	name = argv[0];
	argv[0] = prog = xasprintf("moot %s", e->name);
	while ((ch = getopt_long(argc, argv, shorts, all, NULL)) != -1) {
		if (ch == 'h') {
			cmd_help(e);
			argv[0] = name;
			free(prog);
			return (-2);
		}
		if (ch == CMD_OPT_JSON) {
			ctx->json = true;
			continue;
		}
		if (ch == '?' || cb == NULL || cb(ch, optarg, arg) != 0) {
			cmd_usage(e);
			argv[0] = name;
			free(prog);
			return (-1);
		}
	}
	argv[0] = name;
	free(prog);
	return (optind);
}

/* Print a server's (or the library's) sentence safely, and free it. */
static void
cmd_print_cause(char *cause)
{
	char	*safe;

	safe = text_sanitize(cause, strlen(cause), 0);
	fprintf(stderr, "moot: %s\n", safe);
	free(safe);
	free(cause);
}

/* mkdir -p the directory of path, private to the user. */
static void
cmd_make_parent(const char *path)
{
	char	*dir, *p;

	dir = xstrdup(path);
	p = strrchr(dir, '/');
	if (p != NULL && p != dir) {
		*p = '\0';
		for (p = dir + 1; *p != '\0'; p++) {
			if (*p == '/') {
				*p = '\0';
				(void)mkdir(dir, 0700);
				*p = '/';
			}
		}
		(void)mkdir(dir, 0700);
	}
	free(dir);
}

/*
 * Connect to the server, once: mootd's socket when ctx->socket is set,
 * else the embedded server on ctx->db. The MOOT_EMBEDDED_* variables mean
 * nothing to mootd; say so rather than let a test pass for the wrong
 * reason. Prints the error; returns 0 or a negative errno.
 */
int
cmd_open(struct cmd_ctx *ctx)
{
	static const char *const embedded_only[] = {
		"MOOT_EMBEDDED_AS", "MOOT_EMBEDDED_NOW"
	};
	const char	*v;
	char		*cause = NULL;
	size_t		 i;
	int		 error;

	if (ctx->client != NULL)
		return (0);
	if (ctx->socket != NULL) {
		for (i = 0; i < MOOT_NITEMS(embedded_only); i++) {
			v = getenv(embedded_only[i]);
			if (v != NULL && *v != '\0')
				fprintf(stderr, "moot: %s is ignored: mootd "
				    "%s\n", embedded_only[i], i == 0 ?
				    "knows who you are from the kernel" :
				    "keeps its own clock");
		}
		error = client_open_socket(ctx->loop, ctx->socket,
		    &ctx->client, &cause);
	} else {
		if (ctx->open_flags & CLIENT_CREATE)
			cmd_make_parent(ctx->db);
		if (ctx->demo)
			error = client_open_demo(ctx->loop, ctx->db, ctx->as,
			    &ctx->client, &cause);
		else
			error = client_open_embedded(ctx->loop, ctx->db,
			    ctx->open_flags, ctx->as, &ctx->client, &cause);
	}
	if (error != 0) {
		cmd_print_cause(cause);
		ctx->client = NULL;
	} else if (ctx->socket == NULL)
		config_disputes(ctx->cfg, server_core(client_server(
		    ctx->client)));
	return (error);
}

int
cmd_call(struct cmd_ctx *ctx, const char *op, json_t *args, json_t **result)
{
	char	*cause = NULL;
	int	 error;

	*result = NULL;
	if ((error = cmd_open(ctx)) != 0)
		return (error);
	error = client_call(ctx->client, op, args, result, &cause);
	if (error != 0)
		cmd_print_cause(cause);
	return (error);
}

/* Parse a positive number ("12" or "#12"). */
int
cmd_id(const char *what, const char *s, int64_t *out)
{
	char		*end;
	long long	 n;

	if (*s == '#')
		s++;
	errno = 0;
	n = strtoll(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 || n < 1) {
		fprintf(stderr, "moot: %s \"%s\" is not a number\n", what, s);
		return (-1);
	}
	*out = n;
	return (0);
}

/* Turn CRLF into LF, so text from any editor passes the text policy. */
static void
cmd_unix_lines(char *s)
{
	char	*r, *w;

	for (r = w = s; *r != '\0'; r++) {
		if (r[0] == '\r' && r[1] == '\n')
			continue;
		*w++ = *r;
	}
	*w = '\0';
}

/* Read a whole file ("-" for stdin) into *out. Caller frees. */
int
cmd_read_file(const char *path, char **out)
{
	char	*cause = NULL;
	int	 error;

	if ((error = cmd_slurp(path, out, &cause)) != 0) {
		fprintf(stderr, "moot: %s\n", cause);
		free(cause);
	}
	return (error);
}

/* Read the file at path ("-": standard input) with LF line ends into
 * *out (caller frees); -errno and *cause on failure. */
int
cmd_slurp(const char *path, char **out, char **cause)
{
	struct buf	 b;
	FILE		*f;
	char		 chunk[8192];
	size_t		 n;
	int		 error;

	f = strcmp(path, "-") == 0 ? stdin : fopen(path, "re");
	if (f == NULL)
		return (moot_fail(cause, -errno, "%s: %s", path,
		    strerror(errno)));
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	if (ferror(f)) {
		error = moot_fail(cause, -EIO, "%s: read error", path);
		buf_free(&b);
		if (f != stdin)
			fclose(f);
		return (error);
	}
	if (f != stdin)
		fclose(f);
	buf_reserve(&b, 0);
	*out = buf_steal(&b, NULL);
	cmd_unix_lines(*out);
	return (0);
}

/* The editor command: moot.conf's editor, else $VISUAL, else $EDITOR,
 * else vi (moot.conf(5)). */
const char *
cmd_editor(struct config *cfg)
{
	const char	*editor = cfg->editor;

	if (editor == NULL || *editor == '\0')
		editor = getenv("VISUAL");
	if (editor == NULL || *editor == '\0')
		editor = getenv("EDITOR");
	if (editor == NULL || *editor == '\0')
		editor = "vi";
	return (editor);
}

/*
 * Write a body in the member's editor ($VISUAL, $EDITOR, moot.conf's
 * editor, vi), starting from initial. Returns 0 with *out (caller frees)
 * or -1 if there is no terminal, the editor failed or the text is empty.
 */
int
cmd_edit(struct cmd_ctx *ctx, const char *initial, char **out)
{
	const char	*editor, *tmpdir;
	char		*path, *cmd, *text;
	int		 fd, status;
	size_t		 len;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "moot: no terminal for an editor: give the "
		    "text with --body or --body-file\n");
		return (-1);
	}
	editor = cmd_editor(ctx->cfg);
	tmpdir = getenv("TMPDIR");
	path = xasprintf("%s/moot-XXXXXX.md", tmpdir != NULL && *tmpdir ?
	    tmpdir : "/tmp");
	if ((fd = mkstemps(path, 3)) == -1) {
		fprintf(stderr, "moot: %s: %s\n", path, strerror(errno));
		free(path);
		return (-1);
	}
	len = initial != NULL ? strlen(initial) : 0;
	if (len != 0 && write(fd, initial, len) != (ssize_t)len) {
		close(fd);
		unlink(path);
		free(path);
		return (-1);
	}
	close(fd);
	/* As git does: the editor string is a shell command. */
	cmd = xasprintf("%s \"$1\"", editor);
	{
		pid_t	pid = fork();

		if (pid == 0) {
			execl("/bin/sh", "sh", "-c", cmd, editor, path,
			    (char *)NULL);
			_exit(127);
		}
		status = -1;
		if (pid > 0)
			waitpid(pid, &status, 0);
	}
	free(cmd);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "moot: the editor (%s) failed; nothing was "
		    "sent, your text is in %s\n", editor, path);
		free(path);
		return (-1);
	}
	if (cmd_read_file(path, &text) != 0) {
		free(path);
		return (-1);
	}
	if (text[strspn(text, " \t\n")] == '\0') {
		fprintf(stderr, "moot: empty text; nothing was sent\n");
		unlink(path);
		free(path);
		free(text);
		return (-1);
	}
	unlink(path);
	free(path);
	*out = text;
	return (0);
}

void
cmd_print_json(struct cmd_ctx *ctx, json_t *v)
{
	size_t	flags = JSON_COMPACT | JSON_ENCODE_ANY;

	/* On a terminal, escape everything that is not ASCII: no member's
	 * text reaches the terminal raw, even in machine output. */
	if (ctx->tty)
		flags |= JSON_ENSURE_ASCII;
	json_dumpf(v, stdout, flags);
	putchar('\n');
}

/* After a refusal, give back what the member typed, so nothing is lost. */
void
cmd_give_back(const char *what, const char *text)
{
	char	*safe;

	safe = text_sanitize(text, strlen(text), TEXT_SHOW_LINES);
	fprintf(stderr, "moot: your %s was:\n%s%s", what, safe,
	    *safe != '\0' && safe[strlen(safe) - 1] == '\n' ? "" : "\n");
	free(safe);
}

/* Print member-written text safely (TEXT_SHOW_LINES keeps lines). */
void
cmd_print_text(const char *s, int flags)
{
	char	*safe;

	safe = text_sanitize(s, strlen(s), flags);
	fputs(safe, stdout);
	free(safe);
}

/* Sanitize s to one line and, on a terminal, cut it to cells. Caller
 * frees. */
char *
cmd_fit(struct cmd_ctx *ctx, const char *s, int cells)
{
	char	*safe, *cut;

	safe = text_sanitize(s, strlen(s), 0);
	if (!ctx->tty || cells <= 0)
		return (safe);
	cut = text_truncate(safe, cells);
	free(safe);
	return (cut);
}

/* A timestamp in the member's date format, local time. Caller frees. */
char *
cmd_time(struct cmd_ctx *ctx, int64_t ms)
{
	struct tm	 tm;
	time_t		 t = (time_t)(ms / 1000);
	char		 out[128];

	localtime_r(&t, &tm);
	if (strftime(out, sizeof out, ctx->cfg->date_format, &tm) == 0)
		strftime(out, sizeof out, "%Y-%m-%d %H:%M", &tm);
	return (xstrdup(out));
}

const char *
cmd_str(json_t *o, const char *key)
{
	const char	*s = json_string_value(json_object_get(o, key));

	return (s != NULL ? s : "");
}

int64_t
cmd_int(json_t *o, const char *key)
{
	return (json_integer_value(json_object_get(o, key)));
}

static int
cmd_reason_opt(int ch, const char *arg, void *p)
{
	if (ch != 'r')
		return (-1);
	*(const char **)p = arg;
	return (0);
}

/*
 * The shape shared by withdraw, hide, unhide, redact and publish: one
 * number, an optional or required --reason, one op. done is a printf
 * format for the number on success.
 */
int
cmd_id_reason(struct cmd_ctx *ctx, int argc, char **argv, const char *op,
    const char *idkey, bool need_reason, const char *done)
{
	static const struct option longopts[] = {
		{ "reason", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd_entry	*e = cmd_find(argv[0]);
	const char		*reason = NULL;
	json_t			*args, *r;
	int64_t			 id;
	int			 i;

	i = cmd_parse(ctx, e, argc, argv, longopts, "r:", cmd_reason_opt, &reason);
	if (i < 0)
		return (i == -2 ? EXIT_OK : EXIT_USAGE);
	if (argc - i != 1)
		return (cmd_usage(e));
	if (cmd_id(idkey, argv[i], &id) != 0)
		return (EXIT_USAGE);
	if (need_reason && reason == NULL) {
		fprintf(stderr, "moot: %s needs --reason\n", e->name);
		return (cmd_usage(e));
	}
	args = json_pack("{s:I}", idkey, (json_int_t)id);
	if (reason != NULL)
		json_object_set_new(args, "reason", json_string(reason));
	i = cmd_call(ctx, op, args, &r);
	json_decref(args);
	if (i != 0)
		return (EXIT_FAIL);
	if (ctx->json)
		cmd_print_json(ctx, r);
	else
		printf(done, (long long)id);
	json_decref(r);
	return (EXIT_OK);
}
