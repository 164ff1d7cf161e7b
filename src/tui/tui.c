/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The full-screen interface's session: curses driven by the libuv loop
 * that also carries the server connection (and, in embedded mode, the
 * server itself). DESIGN.md section 7.
 *
 * Handles, all in struct tui:
 *
 *	input		uv_poll on stdin; drained with wget_wch() until ERR
 *	sigwinch	resize: resize_term() and a full redraw
 *	sigterm/int/hup	leave curses and exit cleanly
 *	tick		once a second: views with countdowns are redrawn
 *	retry		reconnect to mootd after a lost connection (back-off)
 *	frame		uv_prepare, just before the loop waits: reload a
 *			stale top view, then draw what is dirty, one
 *			doupdate() per loop turn
 *	script_idle	script mode only: the next key when idle
 *	editor		$VISUAL/$EDITOR as a child process (uv_spawn) while
 *			curses is suspended; the loop keeps reading the
 *			server meanwhile, nothing is drawn
 *
 * Callbacks only change state and mark what must be drawn; drawing
 * happens in one place (tui_frame_cb). Nothing waits: every request is
 * sent with client_send() and its reply comes back to the view that
 * asked, if that view still exists (matched by serial, so a view closed
 * meanwhile is never touched).
 *
 * Connection states (socket mode; embedded cannot lose its server):
 *
 *	connected --lost--> waiting --retry timer--> connecting
 *	    ^                  ^                         |
 *	    |                  +------ fails ------------+
 *	    +----- hello + subscribe since the last seq --+
 *
 * Script mode (MOOT_TUI_SCRIPT=FILE, for tests): one key at a time, fed
 * only when nothing is in flight and everything is drawn; `:dump PATH`
 * writes the screen. MOOT_TUI_TRACE=FILE appends timing lines for
 * bench/tui ("start NS", "key NS NAME", "frame NS complete|partial").
 */
#include <sys/ioctl.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "moot/core.h"
#include "moot/proto.h"
#include "moot/server.h"
#include "moot/text.h"
#include "../cli/moot.h"
#include "tui.h"

#define TUI_RETRY_MIN_MS	1000
#define TUI_RETRY_MAX_MS	15000

/* The server's clock minus ours, from hello (ms). */
static int64_t	 tui_clock_skew;

static void	tui_lost_cb(void *, const char *);
static void	tui_event_cb(void *, json_t *);
static void	tui_connected(struct tui *, json_t *);

uint64_t
tui_now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000);
}

/* Now as the server counts it (ms since the epoch). */
int64_t
tui_now_wall_ms(void)
{
	return (moot_now_ms() + tui_clock_skew);
}

static uint64_t
tui_now_ns(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((uint64_t)ts.tv_sec * 1000000000 + (uint64_t)ts.tv_nsec);
}

/* Append one line to the trace file, in one write(2). */
void
tui_trace(struct tui *t, const char *fmt, ...)
{
	va_list	 ap;
	char	 line[256];
	int	 n;

	if (t->trace_fd == -1)
		return;
	va_start(ap, fmt);
	n = vsnprintf(line, sizeof line - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n > sizeof line - 2)
		n = sizeof line - 2;
	line[n++] = '\n';
	if (write(t->trace_fd, line, (size_t)n) != n)
		return;
}

/* Set the status line. Its text may hold member text: drawn safely. */
void
tui_status(struct tui *t, enum tui_style style, const char *fmt, ...)
{
	va_list	ap;

	free(t->message);
	va_start(ap, fmt);
	if (vasprintf(&t->message, fmt, ap) == -1)
		t->message = NULL;
	va_end(ap);
	t->message_style = style;
	t->message_ms = tui_now_ms();
	t->status_dirty = true;
}

/* Redraw everything on the next frame. */
void
tui_dirty(struct tui *t)
{
	t->all_dirty = true;
}

int64_t
tui_my_uid(struct tui *t)
{
	return (json_integer_value(json_object_get(t->me, "uid")));
}

const char *
tui_my_name(struct tui *t)
{
	const char	*s = json_string_value(json_object_get(t->me, "name"));

	return (s != NULL ? s : "?");
}

/* The reader's role (enum role), as the server last said. */
int
tui_my_role(struct tui *t)
{
	const char	*s = json_string_value(json_object_get(t->me, "role"));

	return (s != NULL ? (int)core_role_parse(s) : ROLE_NONE);
}

/* Whether nothing is in flight and every change is drawn. */
bool
tui_is_idle(struct tui *t)
{
	return (TAILQ_EMPTY(&t->reqs) && t->connected && !t->suspended &&
	    t->awaited <= t->seq && !t->all_dirty && !t->status_dirty &&
	    (t->top == NULL || (!t->top->stale && !t->top->dirty)));
}

/* A reply to a view's request: hand it to the view if it still exists. */
static void
tui_reply_cb(void *arg, json_t *result, const char *code, const char *message)
{
	struct tui_req	*req = arg;
	struct tui	*t = req->tui;
	struct view	*v;
	json_t		*seq;

	TAILQ_REMOVE(&t->reqs, req, entry);
	if (TAILQ_EMPTY(&t->reqs))
		t->status_dirty = true;
	/* A write's event: the screen is settled once it has come too. */
	if (result != NULL && json_is_integer(seq = json_object_get(result,
	    "seq"))) {
		t->own_seq = json_integer_value(seq);
		if (t->own_seq > t->awaited)
			t->awaited = t->own_seq;
	}
	if ((v = view_by_serial(t, req->serial)) != NULL) {
		v->pending--;
		req->fn(v, result, code, message, req->ctx);
		/* The reply may have closed its view (a form, once done). */
		if ((v = view_by_serial(t, req->serial)) != NULL)
			view_dirty(v);
	}
	json_decref(req->ctx);
	free(req);
}

/*
 * Send op with args (borrowed) for view v; fn gets the reply with ctx
 * (owned, may be NULL) unless v is closed first. Returns 0, or -EPIPE
 * when there is no connection (the status line says so).
 */
int
tui_request(struct view *v, const char *op, json_t *args, tui_reply_fn fn,
    json_t *ctx)
{
	struct tui	*t = v->tui;
	struct tui_req	*req;
	char		*cause = NULL;
	int64_t		 id;

	if (!t->connected) {
		tui_status(t, S_ERROR, "not connected to mootd: nothing was "
		    "sent");
		json_decref(ctx);
		return (-EPIPE);
	}
	req = xcalloc(1, sizeof *req);
	req->tui = t;
	req->serial = v->serial;
	req->fn = fn;
	req->ctx = ctx;
	if ((id = client_send(t->client, op, args, tui_reply_cb, req,
	    &cause)) < 0) {
		tui_status(t, S_ERROR, "%s", cause);
		free(cause);
		json_decref(ctx);
		free(req);
		return ((int)id);
	}
	if (TAILQ_EMPTY(&t->reqs))
		t->status_dirty = true;
	TAILQ_INSERT_TAIL(&t->reqs, req, entry);
	v->pending++;
	return (0);
}

/* Forget every request in flight (the connection is gone). */
static void
tui_drop_requests(struct tui *t)
{
	struct tui_req	*req;
	struct view	*v;

	while ((req = TAILQ_FIRST(&t->reqs)) != NULL) {
		TAILQ_REMOVE(&t->reqs, req, entry);
		if ((v = view_by_serial(t, req->serial)) != NULL) {
			v->pending--;
			v->stale = true;
		}
		json_decref(req->ctx);
		free(req);
	}
}

/* (Re)create the windows for the terminal's size. */
static void
tui_layout(struct tui *t)
{
	if (t->header != NULL) {
		delwin(t->header);
		delwin(t->body);
		delwin(t->status);
		delwin(t->bottom);
		t->header = t->body = t->status = t->bottom = NULL;
	}
	t->too_small = COLS < TUI_MIN_COLS || LINES < TUI_MIN_ROWS;
	if (t->too_small)
		return;
	t->header = newwin(1, COLS, 0, 0);
	t->body = newwin(LINES - 3, COLS, 1, 0);
	t->status = newwin(1, COLS, LINES - 2, 0);
	t->bottom = newwin(1, COLS, LINES - 1, 0);
	tui_dirty(t);
}

/* The header: moot, the community, the view, who you are. */
static void
tui_draw_header(struct tui *t)
{
	char	*title = NULL, *left;
	int	 n;

	werase(t->header);
	tui_fill(t->header, 0, 0, COLS, S_HEADER);
	if (t->top != NULL && t->top->ops->title != NULL)
		title = t->top->ops->title(t->top);
	left = xasprintf(" moot: %s | %s", t->community != NULL ?
	    t->community : "?", title != NULL ? title : "");
	n = tui_text(t->header, 0, 0, COLS, left, S_HEADER);
	free(left);
	free(title);
	left = xasprintf("%s (%s) ", tui_my_name(t),
	    json_string_value(json_object_get(t->me, "role")) != NULL ?
	    json_string_value(json_object_get(t->me, "role")) : "?");
	if (n + 2 + text_width(left) <= COLS)
		tui_text(t->header, 0, COLS - text_width(left),
		    text_width(left), left, S_HEADER);
	free(left);
}

/* The status line: the last change or error; the connection. */
static void
tui_draw_status(struct tui *t)
{
	const char	*state;
	int		 w;

	werase(t->status);
	tui_fill(t->status, 0, 0, COLS, S_STATUS);
	if (!t->connected)
		state = t->socket != NULL ? " disconnected " : " stopped ";
	else if (!TAILQ_EMPTY(&t->reqs))
		state = " ... ";
	else
		state = "";
	w = (int)strlen(state);
	tui_text(t->status, 0, 0, COLS - w, t->message != NULL ?
	    t->message : "", t->message != NULL ? t->message_style :
	    S_STATUS);
	if (w != 0)
		tui_text(t->status, 0, COLS - w, w, state, t->connected ?
		    S_STATUS : S_ERROR);
}

/* A view's hints with the keys in force: "Enter open  / search". Caller
 * frees. */
static char *
tui_hints(struct view *v)
{
	const struct tui_hint	*h;
	struct buf		 b;
	char			*key;

	buf_init(&b);
	if (v == NULL)
		return (buf_steal(&b, NULL));
	h = v->ops->hints_for != NULL ? v->ops->hints_for(v) : v->ops->hints;
	for (; h != NULL && h->action != ACT_NONE; h++) {
		if ((key = tui_keys_first(v->ops->scope, h->action)) == NULL)
			continue;
		/* "Enter", not "<Enter>": the line is for reading. */
		if (key[0] == '<' && key[1] != '\0')
			key[strlen(key) - 1] = '\0';
		buf_addf(&b, "%s%s %s", b.len == 0 ? "" : "  ",
		    key[0] == '<' && key[1] != '\0' ? key + 1 : key,
		    h->label);
		free(key);
	}
	return (buf_steal(&b, NULL));
}

/* The bottom line: the prompt being typed, or the view's keys. */
static void
tui_draw_bottom(struct tui *t)
{
	struct tui_prompt	*p = &t->prompt;
	int			 x, i, lw, start, width;
	char			*text;
	size_t			 n;

	werase(t->bottom);
	if (!p->active) {
		curs_set(0);
		text = tui_hints(t->top);
		tui_text(t->bottom, 0, 0, COLS, text, S_DIM);
		free(text);
		return;
	}
	x = tui_text(t->bottom, 0, 0, COLS / 2, p->label, S_BOLD);
	/* Show the part of the line around the cursor. */
	width = COLS - x - 1;
	start = 0;
	lw = 0;
	for (i = (int)p->pos - 1; i >= 0; i--) {
		lw += wcwidth(p->buf[i]) > 0 ? wcwidth(p->buf[i]) : 1;
		if (lw >= width) {
			start = i + 1;
			break;
		}
	}
	n = (p->len - (size_t)start) * MB_LEN_MAX + 1;
	text = xmalloc(n);
	{
		wchar_t	saved = p->buf[p->len];

		p->buf[p->len] = L'\0';
		if (wcstombs(text, p->buf + start, n) == (size_t)-1)
			text[0] = '\0';
		p->buf[p->len] = saved;
	}
	tui_text(t->bottom, 0, x, width + 1, text, S_NORMAL);
	free(text);
	lw = 0;
	for (i = start; i < (int)p->pos; i++)
		lw += wcwidth(p->buf[i]) > 0 ? wcwidth(p->buf[i]) : 1;
	wmove(t->bottom, 0, x + lw);
	curs_set(1);
}

/* Draw what changed: one doupdate() per loop turn. */
static void
tui_draw(struct tui *t)
{
	struct view	*v = t->top;
	bool		 complete;
	int		 rows, cols;

	if (t->too_small) {
		erase();
		curs_set(0);
		mvprintw(LINES / 2, 0, "%.*s", COLS, "terminal too small");
		mvprintw(LINES / 2 + 1, 0, "%.*s", COLS, "moot needs at least");
		mvprintw(LINES / 2 + 2, 0, "%dx%d (now %dx%d)", TUI_MIN_COLS,
		    TUI_MIN_ROWS, COLS, LINES);
		wnoutrefresh(stdscr);
		doupdate();
		t->all_dirty = false;
		tui_trace(t, "frame %llu partial",
		    (unsigned long long)tui_now_ns());
		return;
	}
	if (t->all_dirty) {
		tui_draw_header(t);
		wnoutrefresh(t->header);
	}
	if (t->all_dirty || t->status_dirty) {
		tui_draw_status(t);
		wnoutrefresh(t->status);
		t->status_dirty = false;
	}
	if (v != NULL && (v->dirty || t->all_dirty)) {
		getmaxyx(t->body, rows, cols);
		werase(t->body);
		v->rows = rows;
		v->cols = cols;
		v->ops->draw(v, t->body, rows, cols);
		v->dirty = false;
		wnoutrefresh(t->body);
	}
	/* The bottom last: it holds the cursor while typing. */
	tui_draw_bottom(t);
	wnoutrefresh(t->bottom);
	doupdate();
	t->all_dirty = false;
	complete = v == NULL || (v->pending == 0 && !v->stale);
	tui_trace(t, "frame %llu %s", (unsigned long long)tui_now_ns(),
	    complete ? "complete" : "partial");
}

static void
tui_frame_cb(uv_prepare_t *h)
{
	struct tui	*t = h->data;

	if (t->quit) {
		uv_stop(t->loop);
		return;
	}
	if (t->suspended)
		return;
	if (t->top != NULL && t->top->stale && t->top->pending == 0 &&
	    t->connected) {
		t->top->stale = false;
		if (t->top->ops->reload != NULL)
			t->top->ops->reload(t->top);
		t->top->dirty = true;
	}
	if (t->all_dirty || t->status_dirty || (t->top != NULL &&
	    t->top->dirty) || t->prompt.active)
		tui_draw(t);
}

/* Follow the terminal's new size. */
static void
tui_resize(struct tui *t)
{
	struct winsize	ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0)
		resize_term(ws.ws_row, ws.ws_col);
	/*
	 * stdscr is only read from, but resizing touched it: settle it now,
	 * or the next wget_wch() would refresh it over the other windows.
	 */
	werase(stdscr);
	wnoutrefresh(stdscr);
	clearok(curscr, TRUE);
	tui_layout(t);
	tui_dirty(t);
}

static void
tui_prompt_free(struct tui_prompt *p)
{
	free(p->label);
	p->label = NULL;
	json_decref(p->ctx);
	p->ctx = NULL;
	p->active = false;
}

/*
 * Open the line editor at the bottom with label and initial text (may
 * be NULL); fn gets the text typed (for view v) on Enter, with ctx
 * (owned). Esc cancels.
 */
void
tui_prompt(struct view *v, const char *label, const char *initial,
    tui_prompt_fn fn, json_t *ctx)
{
	struct tui_prompt	*p = &v->tui->prompt;
	size_t			 n;

	tui_prompt_free(p);
	p->active = true;
	p->label = xstrdup(label);
	p->serial = v->serial;
	p->fn = fn;
	p->ctx = ctx;
	n = initial != NULL ? strlen(initial) + 1 : 1;
	if (p->size < n + 1) {
		p->size = n + 64;
		p->buf = xreallocarray(p->buf, p->size, sizeof *p->buf);
	}
	p->len = 0;
	if (initial != NULL) {
		n = mbstowcs(p->buf, initial, p->size - 1);
		p->len = n == (size_t)-1 ? 0 : n;
	}
	p->pos = p->len;
	tui_dirty(v->tui);
}

/* A key while the prompt is open. */
static void
tui_prompt_key(struct tui *t, int key)
{
	struct tui_prompt	*p = &t->prompt;
	struct view		*v;
	tui_prompt_fn		 fn;
	json_t			*ctx;
	char			*text;
	size_t			 n;

	switch (key) {
	case 27:
	case 7:		/* ^G */
		tui_prompt_free(p);
		tui_status(t, S_STATUS, "cancelled");
		return;
	case '\n':
		n = p->len * MB_LEN_MAX + 1;
		text = xmalloc(n);
		p->buf[p->len] = L'\0';
		if (wcstombs(text, p->buf, n) == (size_t)-1)
			text[0] = '\0';
		fn = p->fn;
		ctx = json_incref(p->ctx);
		v = view_by_serial(t, p->serial);
		tui_prompt_free(p);
		if (v != NULL)
			fn(v, text, ctx);
		json_decref(ctx);
		free(text);
		tui_dirty(t);
		return;
	case TUI_KEY_FN | KEY_BACKSPACE:
	case 127:
	case 8:
		if (p->pos > 0) {
			memmove(p->buf + p->pos - 1, p->buf + p->pos,
			    (p->len - p->pos) * sizeof *p->buf);
			p->pos--;
			p->len--;
		} else if (p->len == 0) {
			tui_prompt_free(p);
		}
		break;
	case TUI_KEY_FN | KEY_DC:
	case 4:		/* ^D */
		if (p->pos < p->len) {
			memmove(p->buf + p->pos, p->buf + p->pos + 1,
			    (p->len - p->pos - 1) * sizeof *p->buf);
			p->len--;
		}
		break;
	case TUI_KEY_FN | KEY_LEFT:
	case 2:		/* ^B */
		if (p->pos > 0)
			p->pos--;
		break;
	case TUI_KEY_FN | KEY_RIGHT:
	case 6:		/* ^F */
		if (p->pos < p->len)
			p->pos++;
		break;
	case TUI_KEY_FN | KEY_HOME:
	case 1:		/* ^A */
		p->pos = 0;
		break;
	case TUI_KEY_FN | KEY_END:
	case 5:		/* ^E */
		p->pos = p->len;
		break;
	case 21:	/* ^U */
		memmove(p->buf, p->buf + p->pos, (p->len - p->pos) *
		    sizeof *p->buf);
		p->len -= p->pos;
		p->pos = 0;
		break;
	default:
		/* Text only: no control character enters a line. */
		if ((key & TUI_KEY_FN) || key < 0x20 ||
		    (key >= 0x7f && key < 0xa0) || p->len >= 4000)
			break;
		if (p->len + 2 > p->size) {
			p->size = p->size * 2 + 64;
			p->buf = xreallocarray(p->buf, p->size,
			    sizeof *p->buf);
		}
		memmove(p->buf + p->pos + 1, p->buf + p->pos,
		    (p->len - p->pos) * sizeof *p->buf);
		p->buf[p->pos++] = (wchar_t)key;
		p->len++;
		break;
	}
	tui_dirty(t);
}

/* Handle one key. */
static void
tui_key(struct tui *t, int key)
{
	char	*name;

	if (t->trace_fd != -1) {
		name = tui_keys_name(key);
		tui_trace(t, "key %llu %s", (unsigned long long)tui_now_ns(),
		    name);
		free(name);
	}
	if (key == (TUI_KEY_FN | KEY_RESIZE)) {
		tui_resize(t);
		return;
	}
	if (t->too_small) {
		if (key == 'q' || key == 'Q')
			t->quit = true;
		return;
	}
	if (t->prompt.active) {
		tui_prompt_key(t, key);
		return;
	}
	view_key(t, key);
}

/* Read every key waiting. */
static void
tui_input_cb(uv_poll_t *h, int status, int events)
{
	struct tui	*t = h->data;
	wint_t		 wc;
	int		 r, key;

	(void)status;
	(void)events;
	while (!t->suspended && (r = wget_wch(stdscr, &wc)) != ERR) {
		key = r == KEY_CODE_YES ? (int)(TUI_KEY_FN | wc) : (int)wc;
		if (key == '\r' || key == (TUI_KEY_FN | KEY_ENTER))
			key = '\n';
		tui_key(t, key);
		if (t->quit)
			break;
	}
}

static void
tui_signal_cb(uv_signal_t *h, int signum)
{
	struct tui	*t = h->data;

	if (signum == SIGWINCH) {
		if (!t->suspended)
			tui_resize(t);
		return;
	}
	t->quit = true;
	t->exit_code = EXIT_OK;
}

static void
tui_tick_cb(uv_timer_t *h)
{
	struct tui	*t = h->data;

	if (t->top != NULL && t->top->ops->ticking != NULL &&
	    t->top->ops->ticking(t->top))
		t->top->dirty = true;
}

/* The whoami reply: who the reader is now (roles change live). */
static void
tui_whoami_cb(void *arg, json_t *result, const char *code,
    const char *message)
{
	struct tui	*t = arg;

	(void)code;
	(void)message;
	if (result == NULL)
		return;
	json_decref(t->me);
	t->me = json_incref(result);
	tui_dirty(t);
}

/*
 * A sentence for the status line about a pushed event: who (the login
 * the server knows the uid by), what, on which proposal (which task of
 * it), dispute or sanction; to whom, for kudos ("sys resolved dispute
 * #3"). Caller frees.
 */
static char *
tui_event_sentence(json_t *ev)
{
	static const struct {
		const char	*type;
		const char	*verb;
	} verbs[] = {
		{ "ballot.cast", "voted on" },
		{ "proposal.created", "proposed" },
		{ "proposal.edited", "edited" },
		{ "proposal.published", "published" },
		{ "proposal.withdrawn", "withdrew" },
		{ "comment.added", "commented on" },
		{ "comment.hidden", "hid a comment on" },
		{ "comment.unhidden", "unhid a comment on" },
		{ "vote.opened", "opened the vote on" },
		{ "vote.closed", "closed the vote on" },
		{ "vote.extended", "extended the vote on" },
		{ "vote.vetoed", "vetoed" },
		{ "member.joined", "joined" },
		{ "member.invited", "invited a member" },
		{ "role.changed", "changed a role" },
		{ "rules.changed", "changed the rules" },
		{ "agreement.changed", "changed the agreement" },
		{ "log.redacted", "redacted an event" },
		{ "dispute.opened", "opened dispute" },
		{ "dispute.assigned", "assigned dispute" },
		{ "dispute.recused", "was recused from dispute" },
		{ "dispute.commented", "commented on dispute" },
		{ "dispute.resolved", "resolved dispute" },
		{ "dispute.appealed", "appealed dispute" },
		{ "dispute.decided", "decided the appeal of dispute" },
		{ "sanction.lifted", "lifted sanction" },
		{ "task.added", "added task" },
		{ "task.taken", "took task" },
		{ "task.updated", "updated task" },
	};
	const char	*type, *name, *ref, *on, *verb = NULL;
	json_t		*actor, *body;
	int64_t		 id = 0;
	size_t		 i;

	type = json_string_value(json_object_get(ev, "type"));
	actor = json_object_get(ev, "actor");
	name = json_string_value(json_object_get(actor, "name"));
	if (name == NULL)
		name = "?";
	ref = json_string_value(json_object_get(ev, "ref"));
	body = json_object_get(ev, "body");
	on = json_string_value(json_object_get(body, "on"));
	if (type == NULL)
		return (NULL);
	for (i = 0; i < MOOT_NITEMS(verbs); i++) {
		if (strcmp(verbs[i].type, type) == 0)
			verb = verbs[i].verb;
	}
	/* The proposal: the ref, or what a comment is on; or the
	 * dispute or sanction of the ref. */
	if (ref != NULL && strncmp(ref, "proposal:", 9) == 0)
		id = strtoll(ref + 9, NULL, 10);
	else if (ref != NULL && strncmp(ref, "dispute:", 8) == 0)
		id = strtoll(ref + 8, NULL, 10);
	else if (ref != NULL && strncmp(ref, "sanction:", 9) == 0)
		id = strtoll(ref + 9, NULL, 10);
	else if (on != NULL && strncmp(on, "proposal:", 9) == 0)
		id = strtoll(on + 9, NULL, 10);
	else if (json_is_integer(json_object_get(body, "proposal")))
		id = json_integer_value(json_object_get(body, "proposal"));
	/* Nobody ends a sanction by expiry: moot does, on time. */
	if (strcmp(type, "sanction.expired") == 0)
		return (xasprintf("sanction #%lld expired", (long long)id));
	if (verb == NULL && strcmp(type, "kudos.given") == 0)
		return (xasprintf("%s gave kudos to %s", name,
		    json_is_string(json_object_get(json_object_get(body, "to"),
		    "name")) ? json_string_value(json_object_get(
		    json_object_get(body, "to"), "name")) : "?"));
	if (verb == NULL)
		return (xasprintf("%s: %s", name, type));
	/* A task: its number, and the initiative it is part of. */
	if (ref != NULL && strncmp(ref, "task:", 5) == 0)
		return (xasprintf("%s %s %lld of #%lld", name, verb,
		    strtoll(ref + 5, NULL, 10), (long long)id));
	if (id > 0)
		return (xasprintf("%s %s #%lld", name, verb, (long long)id));
	return (xasprintf("%s %s", name, verb));
}

/* A pushed event: say what changed, tell the views. */
static void
tui_event_cb(void *arg, json_t *ev)
{
	struct tui	*t = arg;
	const char	*type;
	char		*s;
	int64_t		 seq;

	seq = json_integer_value(json_object_get(ev, "seq"));
	if (seq <= t->seq)
		return;
	t->seq = seq;
	/* Our own write: its view has said what happened, in its words. */
	if (seq != t->own_seq && (s = tui_event_sentence(ev)) != NULL) {
		tui_status(t, S_STATUS, "%s", s);
		free(s);
	}
	type = json_string_value(json_object_get(ev, "type"));
	if (type != NULL && (strcmp(type, "role.changed") == 0 ||
	    strncmp(type, "member.", 7) == 0))
		client_send(t->client, "whoami", NULL, tui_whoami_cb, t, NULL);
	view_event(t, ev);
}

/* The subscribe reply. */
static void
tui_subscribe_cb(void *arg, json_t *result, const char *code,
    const char *message)
{
	struct tui	*t = arg;

	(void)code;
	if (result == NULL) {
		tui_status(t, S_ERROR, "live updates are off: %s", message);
		return;
	}
	t->connected = true;
	tui_dirty(t);
}

/* Hello again after a reconnection: subscribe and reload. */
static void
tui_hello_cb(void *arg, json_t *result, const char *code, const char *message)
{
	struct tui	*t = arg;

	(void)code;
	if (result == NULL) {
		tui_status(t, S_ERROR, "mootd refused: %s", message);
		return;
	}
	tui_connected(t, result);
	tui_status(t, S_STATUS, "connected to mootd again");
}

/* After hello: follow the log from where we were, reload the views. */
static void
tui_connected(struct tui *t, json_t *hello)
{
	json_t	*args;

	tui_clock_skew = json_integer_value(json_object_get(hello, "now")) -
	    moot_now_ms();
	if (!json_is_integer(json_object_get(hello, "now")))
		tui_clock_skew = 0;
	t->retry_ms = 0;
	args = json_pack("{s:I}", "since", (json_int_t)t->seq);
	client_send(t->client, "subscribe", args, tui_subscribe_cb, t, NULL);
	json_decref(args);
	client_send(t->client, "whoami", NULL, tui_whoami_cb, t, NULL);
	t->connected = true;
	view_stale_all(t);
}

static void
tui_retry_cb(uv_timer_t *h)
{
	struct tui	*t = h->data;
	struct client	*c;
	json_t		*args;
	char		*cause = NULL;

	client_discard(t->client);
	t->client = NULL;
	if (client_reopen_socket(t->loop, t->socket, &c, &cause) != 0) {
		t->retry_ms = t->retry_ms * 2 > TUI_RETRY_MAX_MS ?
		    TUI_RETRY_MAX_MS : t->retry_ms * 2;
		tui_status(t, S_ERROR, "%s; trying again in %us", cause,
		    t->retry_ms / 1000);
		free(cause);
		uv_timer_start(&t->retry, tui_retry_cb, t->retry_ms, 0);
		return;
	}
	t->client = c;
	client_watch(c, tui_event_cb, tui_lost_cb, t);
	args = json_pack("{s:i,s:s}", "version", PROTO_VERSION, "client",
	    "moot");
	client_send(c, "hello", args, tui_hello_cb, t, NULL);
	json_decref(args);
}

/* The connection is gone: say so, retry mootd with a back-off. */
static void
tui_lost_cb(void *arg, const char *why)
{
	struct tui	*t = arg;

	t->connected = false;
	tui_drop_requests(t);
	if (t->socket == NULL) {
		tui_status(t, S_ERROR, "the in-process server stopped: %s",
		    why != NULL ? why : "?");
		return;
	}
	t->retry_ms = t->retry_ms == 0 ? TUI_RETRY_MIN_MS : t->retry_ms;
	tui_status(t, S_ERROR, "lost mootd (%s); trying again in %us",
	    why != NULL ? why : "?", t->retry_ms / 1000);
	uv_timer_start(&t->retry, tui_retry_cb, t->retry_ms, 0);
}

static void
tui_editor_exit_cb(uv_process_t *p, int64_t status, int signum)
{
	struct tui	*t = p->data;
	struct view	*v;
	char		*text = NULL, *cause = NULL;
	const char	*editor = cmd_editor(t->cfg);
	bool		 keep = false;

	uv_close((uv_handle_t *)p, NULL);
	reset_prog_mode();
	clearok(curscr, TRUE);
	t->suspended = false;
	uv_poll_start(&t->input, UV_READABLE, tui_input_cb);
	tui_resize(t);
	if (status != 0 || signum != 0) {
		tui_status(t, S_ERROR, "the editor (%s) failed; nothing was "
		    "sent, your text is in %s", editor, t->edit_path);
		keep = true;
	} else if (cmd_slurp(t->edit_path, &text, &cause) != 0) {
		tui_status(t, S_ERROR, "%s", cause);
		free(cause);
	} else if (text[strspn(text, " \t\n")] == '\0') {
		tui_status(t, S_STATUS, "empty text; nothing was sent");
		free(text);
		text = NULL;
	}
	if (!keep)
		unlink(t->edit_path);
	free(t->edit_path);
	t->edit_path = NULL;
	v = view_by_serial(t, t->edit_serial);
	if (text != NULL && v != NULL)
		t->edit_fn(v, text, t->edit_ctx);
	free(text);
	json_decref(t->edit_ctx);
	t->edit_ctx = NULL;
}

/*
 * Write text in the member's editor, as git and mutt do: curses is
 * suspended, the editor runs as a child on the terminal while the loop
 * goes on with the server, and fn gets the text (for view v, with ctx,
 * owned) when the editor exits 0 with something in the file.
 */
void
tui_edit(struct view *v, const char *initial, tui_edit_fn fn, json_t *ctx)
{
	struct tui			*t = v->tui;
	uv_process_options_t		 o;
	uv_stdio_container_t		 io[3];
	const char			*tmpdir, *editor;
	char				*cmd, *args[6];
	size_t				 len;
	int				 fd, error, i;

	if (t->suspended) {
		json_decref(ctx);
		return;
	}
	tmpdir = getenv("TMPDIR");
	t->edit_path = xasprintf("%s/moot-XXXXXX.md", tmpdir != NULL &&
	    *tmpdir != '\0' ? tmpdir : "/tmp");
	if ((fd = mkstemps(t->edit_path, 3)) == -1) {
		tui_status(t, S_ERROR, "%s: %s", t->edit_path,
		    strerror(errno));
		free(t->edit_path);
		t->edit_path = NULL;
		json_decref(ctx);
		return;
	}
	len = initial != NULL ? strlen(initial) : 0;
	if (len != 0 && write(fd, initial, len) != (ssize_t)len) {
		tui_status(t, S_ERROR, "%s: %s", t->edit_path,
		    strerror(errno));
		close(fd);
		unlink(t->edit_path);
		free(t->edit_path);
		t->edit_path = NULL;
		json_decref(ctx);
		return;
	}
	close(fd);
	editor = cmd_editor(t->cfg);
	cmd = xasprintf("%s \"$1\"", editor);
	args[0] = "/bin/sh";
	args[1] = "-c";
	args[2] = cmd;
	args[3] = (char *)editor;
	args[4] = t->edit_path;
	args[5] = NULL;
	memset(&o, 0, sizeof o);
	for (i = 0; i < 3; i++) {
		io[i].flags = UV_INHERIT_FD;
		io[i].data.fd = i;
	}
	o.file = args[0];
	o.args = args;
	o.stdio = io;
	o.stdio_count = 3;
	o.exit_cb = tui_editor_exit_cb;

	def_prog_mode();
	endwin();
	uv_poll_stop(&t->input);
	t->suspended = true;
	t->edit_serial = v->serial;
	t->edit_fn = fn;
	t->edit_ctx = ctx;
	t->editor.data = t;
	error = uv_spawn(t->loop, &t->editor, &o);
	free(cmd);
	if (error != 0) {
		uv_close((uv_handle_t *)&t->editor, NULL);
		reset_prog_mode();
		t->suspended = false;
		uv_poll_start(&t->input, UV_READABLE, tui_input_cb);
		tui_resize(t);
		tui_status(t, S_ERROR, "cannot run the editor (%s): %s",
		    editor, uv_strerror(error));
		unlink(t->edit_path);
		free(t->edit_path);
		t->edit_path = NULL;
		json_decref(t->edit_ctx);
		t->edit_ctx = NULL;
	}
}

/* Script mode: the next step, when nothing is in flight. */
static void
tui_script_cb(uv_idle_t *h)
{
	struct tui	*t = h->data;
	char		*line = NULL, *p, *word;
	size_t		 size = 0;
	ssize_t		 n;
	int		 key, error;

	if (!tui_is_idle(t) || t->quit)
		return;
	for (;;) {
		if ((n = getline(&line, &size, t->script)) == -1) {
			free(line);
			uv_idle_stop(h);
			t->quit = true;
			return;
		}
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = '\0';
		p = line + strspn(line, " \t");
		if (*p != '\0' && *p != '#')
			break;
	}
	if (strncmp(p, ":dump ", 6) == 0) {
		if ((error = tui_dump(p + 6)) != 0)
			tui_status(t, S_ERROR, "%s: %s", p + 6,
			    strerror(-error));
	} else if (strncmp(p, ":type ", 6) == 0) {
		wchar_t	 wc;
		int	 k;

		for (p += 6; *p != '\0'; p += k) {
			if ((k = mbtowc(&wc, p, MB_CUR_MAX)) <= 0)
				break;
			tui_key(t, (int)wc);
		}
	} else if (strcmp(p, ":quit") == 0)
		t->quit = true;
	else {
		/* Key names separated by blanks, all fed now. */
		while ((word = strsep(&p, " \t")) != NULL) {
			if (*word == '\0')
				continue;
			if (tui_keys_parse(word, &key) == 0)
				tui_key(t, key);
			else
				tui_status(t, S_ERROR, "script: \"%s\" is "
				    "not a key", word);
		}
	}
	free(line);
}

/* Close the handles on the way out; one loop turn finishes the closes. */
static void
tui_close_handles(struct tui *t)
{
	uv_handle_t	*hs[] = {
		(uv_handle_t *)&t->input, (uv_handle_t *)&t->sigwinch,
		(uv_handle_t *)&t->sigterm, (uv_handle_t *)&t->sigint,
		(uv_handle_t *)&t->sighup, (uv_handle_t *)&t->tick,
		(uv_handle_t *)&t->retry, (uv_handle_t *)&t->frame,
		(uv_handle_t *)&t->script_idle,
	};
	size_t		 i;

	for (i = 0; i < MOOT_NITEMS(hs); i++) {
		if (hs[i]->loop != NULL && !uv_is_closing(hs[i]))
			uv_close(hs[i], NULL);
	}
	/* The handles live in tui_main()'s frame: closed before it ends. */
	uv_run(t->loop, UV_RUN_NOWAIT);
}

/* Ask for who we are and the community, before the screen starts. */
static int
tui_start(struct tui *t, struct cmd_ctx *ctx)
{
	json_t		*r;
	char		*cause = NULL;
	int		 error;

	if ((error = cmd_open(ctx)) != 0)
		return (error);
	t->client = ctx->client;
	if ((error = client_call(t->client, "community", NULL, &r,
	    &cause)) != 0) {
		fprintf(stderr, "moot: %s\n", cause);
		free(cause);
		return (error);
	}
	t->community = xstrdup(json_string_value(json_object_get(r, "name")) ?
	    json_string_value(json_object_get(r, "name")) : "?");
	t->seq = json_integer_value(json_object_get(json_object_get(r,
	    "head"), "seq"));
	json_decref(r);
	return (0);
}

int
tui_main(struct cmd_ctx *ctx)
{
	struct tui	 t;
	struct server	*server;
	SCREEN		*screen;
	const char	*env, *sys;
	char		*cause = NULL, *personal;
	int		 error;

	memset(&t, 0, sizeof t);
	TAILQ_INIT(&t.reqs);
	t.loop = ctx->loop;
	t.cfg = ctx->cfg;
	t.socket = ctx->socket;
	t.trace_fd = -1;
	t.exit_code = EXIT_OK;
	if ((env = getenv("MOOT_TUI_TRACE")) != NULL && *env != '\0') {
		t.trace_fd = open(env, O_WRONLY | O_APPEND | O_CREAT |
		    O_CLOEXEC, 0600);
		tui_trace(&t, "start %llu", (unsigned long long)ctx->start_ns);
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "moot: the full-screen interface needs a "
		    "terminal; give a command instead (moot --help lists "
		    "them)\n");
		return (EXIT_USAGE);
	}

	/* Key bindings: the system file, then the personal one. */
	sys = config_system_path();
	personal = ctx->config_path != NULL ? xstrdup(ctx->config_path) :
	    config_personal_path();
	if ((error = tui_keys_load(t.cfg, sys, &cause)) != 0 ||
	    (error = tui_keys_load(t.cfg, personal, &cause)) != 0) {
		fprintf(stderr, "moot: %s\n", cause);
		free(cause);
		free(personal);
		tui_keys_free();
		return (EXIT_FAIL);
	}
	free(personal);

	if ((env = getenv("MOOT_TUI_SCRIPT")) != NULL && *env != '\0' &&
	    (t.script = fopen(env, "re")) == NULL) {
		fprintf(stderr, "moot: %s: %s\n", env, strerror(errno));
		tui_keys_free();
		return (EXIT_FAIL);
	}
	if (tui_start(&t, ctx) != 0) {
		if (t.script != NULL)
			fclose(t.script);
		tui_keys_free();
		free(t.community);
		return (EXIT_FAIL);
	}

	if ((screen = newterm(NULL, stdout, stdin)) == NULL) {
		fprintf(stderr, "moot: cannot use the terminal \"%s\"\n",
		    getenv("TERM") != NULL ? getenv("TERM") : "");
		if (t.script != NULL)
			fclose(t.script);
		tui_keys_free();
		free(t.community);
		return (EXIT_FAIL);
	}
	set_escdelay(25);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	curs_set(0);
	tui_draw_init(strcmp(t.cfg->color, "never") != 0 &&
	    (strcmp(t.cfg->color, "always") == 0 || getenv("NO_COLOR") ==
	    NULL || *getenv("NO_COLOR") == '\0'));
	/* stdscr is read from, never drawn on after this. */
	wnoutrefresh(stdscr);
	tui_layout(&t);

	uv_poll_init(t.loop, &t.input, STDIN_FILENO);
	t.input.data = &t;
	uv_poll_start(&t.input, UV_READABLE, tui_input_cb);
	uv_signal_init(t.loop, &t.sigwinch);
	t.sigwinch.data = &t;
	uv_signal_start(&t.sigwinch, tui_signal_cb, SIGWINCH);
	uv_signal_init(t.loop, &t.sigterm);
	t.sigterm.data = &t;
	uv_signal_start(&t.sigterm, tui_signal_cb, SIGTERM);
	uv_signal_init(t.loop, &t.sigint);
	t.sigint.data = &t;
	uv_signal_start(&t.sigint, tui_signal_cb, SIGINT);
	uv_signal_init(t.loop, &t.sighup);
	t.sighup.data = &t;
	uv_signal_start(&t.sighup, tui_signal_cb, SIGHUP);
	uv_timer_init(t.loop, &t.tick);
	t.tick.data = &t;
	uv_timer_start(&t.tick, tui_tick_cb, 1000, 1000);
	uv_timer_init(t.loop, &t.retry);
	t.retry.data = &t;
	uv_prepare_init(t.loop, &t.frame);
	t.frame.data = &t;
	uv_prepare_start(&t.frame, tui_frame_cb);
	if (t.script != NULL) {
		uv_idle_init(t.loop, &t.script_idle);
		t.script_idle.data = &t;
		uv_idle_start(&t.script_idle, tui_script_cb);
	}

	/* Votes close on time while an in-process session runs. */
	if ((server = client_server(t.client)) != NULL)
		server_start(server);
	client_watch(t.client, tui_event_cb, tui_lost_cb, &t);
	tui_connected(&t, client_hello(t.client));
	view_open(&t, &view_proposals_ops, NULL);

	uv_run(t.loop, UV_RUN_DEFAULT);

	while (t.top != NULL)
		view_close(&t);
	tui_drop_requests(&t);
	tui_prompt_free(&t.prompt);
	free(t.prompt.buf);
	tui_close_handles(&t);
	if (t.header != NULL) {
		delwin(t.header);
		delwin(t.body);
		delwin(t.status);
		delwin(t.bottom);
	}
	endwin();
	delscreen(screen);
	if (t.script != NULL)
		fclose(t.script);
	if (t.trace_fd != -1)
		close(t.trace_fd);
	tui_keys_free();
	json_decref(t.me);
	free(t.message);
	free(t.community);
	/* main() closes the client: the one in use now. */
	ctx->client = t.client;
	return (t.exit_code);
}
