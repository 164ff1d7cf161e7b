/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The full-screen interface's private header: the session (struct tui),
 * the view engine (struct view and its operations), key bindings and the
 * drawing helpers every view uses. Prototypes are grouped by the file
 * that defines them.
 *
 * A view is a struct of operations in its own file (view-NAME.c) and one
 * line in view.c's table; it asks the server for what it shows with
 * tui_request() and draws it in its window when the engine says so.
 */
#ifndef MOOT_TUI_H
#define MOOT_TUI_H

#include <sys/queue.h>

#include <stdbool.h>
#include <stdint.h>

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>
#include <jansson.h>
#include <uv.h>

#include "moot/config.h"
#include "../cli/client.h"

/* The smallest terminal that is usable; below it, a message. */
#define TUI_MIN_COLS	60
#define TUI_MIN_ROWS	16

/*
 * What a key does. Bindings (tui-keys.c) map keys to actions per scope;
 * views act on actions, never on raw keys, so that moot.conf's [keys]
 * can rebind everything.
 */
enum tui_action {
	ACT_NONE,
	/* Moving. */
	ACT_UP,
	ACT_DOWN,
	ACT_PAGE_UP,
	ACT_PAGE_DOWN,
	ACT_HOME,
	ACT_END,
	ACT_LEFT,
	ACT_RIGHT,
	ACT_ENTER,
	ACT_BACK,
	ACT_QUIT,
	ACT_PANE,
	/* Finding. */
	ACT_SEARCH,
	ACT_SEARCH_NEXT,
	ACT_SEARCH_PREV,
	ACT_FILTER,
	ACT_SORT,
	/* Views. */
	ACT_VIEW_PROPOSALS,
	ACT_VIEW_MEMBERS,
	ACT_VIEW_LOG,
	ACT_VIEW_DISPUTES,
	ACT_VIEW_PROGRESS,
	ACT_VIEW_STATS,
	ACT_HELP,
	ACT_COMMAND,
	ACT_REDRAW,
	ACT_RELOAD,
	/* Acting. */
	ACT_PROPOSE,
	ACT_PUBLISH,
	ACT_COMMENT,
	ACT_OPEN_VOTE,
	ACT_VOTE,
	ACT_WITHDRAW,
	ACT_HIDE,
	ACT_UNHIDE,
	ACT_REDACT,
	ACT_REPORT,
	/* Disputes. */
	ACT_MINE,
	ACT_ASSIGN,
	ACT_RESOLVE,
	ACT_UPHELD,
	ACT_DISMISSED,
	ACT_SETTLED,
	ACT_REVERSED,
	ACT_APPEAL,
	ACT_DECIDE,
	ACT_LIFT,
	/* Progress and recognition. */
	ACT_TAKE,
	ACT_TASK_TODO,
	ACT_TASK_DOING,
	ACT_TASK_BLOCKED,
	ACT_TASK_DONE,
	ACT_TASK_PROGRESS,
	ACT_ADD_TASK,
	ACT_TIMELINE,
	ACT_KUDOS,
	ACT_KUDOS_LIST,
	/* The vote form. */
	ACT_TOGGLE,
	ACT_MOVE_UP,
	ACT_MOVE_DOWN,
	ACT_TIE,
	ACT_SUBMIT,
	ACT_COUNT
};

/* A key: a character (its code point) or a function key (KEY_* | this). */
#define TUI_KEY_FN	0x40000000

struct tui_binding {
	enum tui_action	 action;
	const char	*name;		/* in moot.conf's [keys] */
	const char	*scope;		/* "global" or a view's scope */
	const char	*keys;		/* the default keys, space-separated */
	const char	*help;
};

/* Styles; tui_attr() turns them into attributes (colour or not). */
enum tui_style {
	S_NORMAL,
	S_HEADER,
	S_STATUS,
	S_ERROR,
	S_SELECTED,
	S_DIM,
	S_BOLD,
	S_GOOD,		/* passed, done */
	S_BAD,		/* failed, vetoed, overdue */
	S_ACTIVE,	/* voting */
	S_BAR,
	S_MARK,
	S_COUNT
};

/* A scrolling list: n rows, the cursor and the first row shown. */
struct tui_list {
	size_t	n;
	size_t	cur;
	size_t	top;
};

struct cmd_ctx;
/* Rows loaded a page at a time by key (tui-pages.c). */
struct tui_pages {
	const char	*key;		/* the member naming a row */
	json_t		*rows;
	json_t		*next;		/* the next page's key, or null */
	struct tui_list	 list;
	json_t		*keep;		/* the key under the cursor */
	bool		 loaded;
	bool		 loading;	/* a reload is on its way */
	bool		 paging;	/* a next page is on its way */
	char		*error;		/* the last refusal */
};

struct view;
struct tui;

typedef void	(*tui_reply_fn)(struct view *, json_t *, const char *,
		     const char *, json_t *);
typedef void	(*tui_prompt_fn)(struct view *, const char *, json_t *);
typedef void	(*tui_edit_fn)(struct view *, char *, json_t *);

/* A hint on the bottom line: the first key of action, then label. */
struct tui_hint {
	enum tui_action	 action;
	const char	*label;
};

struct view_ops {
	const char	*name;		/* ":name" opens it */
	const char	*scope;		/* its key bindings */
	/* The bottom line when idle (ending with ACT_NONE), with the keys
	 * in force; hints_for, if set, gives them for the view's state. */
	const struct tui_hint *hints;
	const struct tui_hint *(*hints_for)(struct view *);
	/* Set up from arg (borrowed, may be NULL); ask for data. */
	void		(*init)(struct view *, json_t *);
	void		(*free)(struct view *);
	/* Ask the server again for what it shows (after events). */
	void		(*reload)(struct view *);
	void		(*draw)(struct view *, WINDOW *, int, int);
	/* An action (or key, for text entry); true if it was handled. */
	bool		(*key)(struct view *, enum tui_action, int);
	/* A pushed event (borrowed): mark stale if it touches the view. */
	void		(*event)(struct view *, json_t *);
	/* Whether it shows countdowns (redrawn every second). */
	bool		(*ticking)(struct view *);
	/* Its title for the header. Caller frees. */
	char		*(*title)(struct view *);
};

struct view {
	const struct view_ops	*ops;
	struct tui		*tui;
	struct view		*below;		/* the view it was opened from */
	uint64_t		 serial;
	int			 pending;	/* requests in flight */
	bool			 stale;		/* reload when shown */
	bool			 dirty;		/* draw on the next frame */
	int			 rows;		/* its window, last drawn */
	int			 cols;
	void			*data;
};

/* A request in flight for a view. */
struct tui_req {
	struct tui		*tui;
	uint64_t		 serial;	/* of its view */
	tui_reply_fn		 fn;
	json_t			*ctx;
	TAILQ_ENTRY(tui_req)	 entry;
};
TAILQ_HEAD(tui_reqs, tui_req);

/* The line editor at the bottom (":", "/", titles, reasons). */
struct tui_prompt {
	bool		 active;
	char		*label;
	wchar_t		*buf;
	size_t		 len;
	size_t		 size;
	size_t		 pos;
	uint64_t	 serial;	/* the view it answers */
	tui_prompt_fn	 fn;
	json_t		*ctx;
};

struct tui {
	uv_loop_t	*loop;
	struct client	*client;
	struct config	*cfg;
	const char	*socket;	/* mootd's, or NULL: embedded */
	json_t		*me;		/* whoami: uid, name, role */
	char		*community;

	uv_poll_t	 input;
	uv_signal_t	 sigwinch;
	uv_signal_t	 sigterm;
	uv_signal_t	 sigint;
	uv_signal_t	 sighup;
	uv_timer_t	 tick;
	uv_timer_t	 retry;
	uv_prepare_t	 frame;
	uv_idle_t	 script_idle;
	uv_process_t	 editor;

	bool		 quit;
	bool		 suspended;	/* an editor has the terminal */
	bool		 too_small;
	bool		 all_dirty;
	bool		 status_dirty;	/* the status line only */
	bool		 color;

	WINDOW		*header;
	WINDOW		*body;
	WINDOW		*status;
	WINDOW		*bottom;

	struct view	*top;
	uint64_t	 next_serial;
	struct tui_reqs	 reqs;

	/* The status line: what changed, or the last error. */
	char		*message;
	enum tui_style	 message_style;
	uint64_t	 message_ms;

	struct tui_prompt prompt;

	/* Live events and the connection. */
	int64_t		 seq;		/* the last event seen */
	int64_t		 awaited;	/* a write's event not seen yet */
	int64_t		 own_seq;	/* the event of our last write */
	bool		 connected;
	unsigned	 retry_ms;

	/* The editor in progress. */
	char		*edit_path;
	uint64_t	 edit_serial;
	tui_edit_fn	 edit_fn;
	json_t		*edit_ctx;

	/* Script mode and timing (tests, bench/tui). */
	FILE		*script;
	int		 trace_fd;
	int		 exit_code;
};

/* tui.c */
int	 tui_main(struct cmd_ctx *);
uint64_t tui_now_ms(void);
int64_t	 tui_now_wall_ms(void);
void	 tui_trace(struct tui *, const char *, ...)
	     __attribute__((format(printf, 2, 3)));
void	 tui_status(struct tui *, enum tui_style, const char *, ...)
	     __attribute__((format(printf, 3, 4)));
void	 tui_dirty(struct tui *);
int	 tui_request(struct view *, const char *, json_t *, tui_reply_fn,
	     json_t *);
void	 tui_prompt(struct view *, const char *, const char *, tui_prompt_fn,
	     json_t *);
void	 tui_edit(struct view *, const char *, tui_edit_fn, json_t *);
int64_t	 tui_my_uid(struct tui *);
const char *tui_my_name(struct tui *);
int	 tui_my_role(struct tui *);
bool	 tui_is_idle(struct tui *);

/* view.c */
extern const struct view_ops *const view_table[];
const struct view_ops *view_find(const char *);
struct view *view_open(struct tui *, const struct view_ops *, json_t *);
void	 view_close(struct tui *);
void	 view_replace(struct tui *, const struct view_ops *, json_t *);
struct view *view_by_serial(struct tui *, uint64_t);
void	 view_event(struct tui *, json_t *);
void	 view_key(struct tui *, int);
void	 view_command(struct tui *, const char *);
void	 view_dirty(struct view *);
void	 view_stale_all(struct tui *);

/* tui-keys.c */
extern const struct tui_binding tui_bindings[];
int	 tui_keys_load(struct config *, const char *, char **);
enum tui_action tui_keys_action(const char *, int);
char	*tui_keys_name(int);
char	*tui_keys_of(const char *, enum tui_action);
char	*tui_keys_first(const char *, enum tui_action);
int	 tui_keys_parse(const char *, int *);
void	 tui_keys_free(void);
char	*tui_keys_help_row(size_t);

/* tui-draw.c */
void	 tui_draw_init(bool);
attr_t	 tui_attr(enum tui_style);
int	 tui_text(WINDOW *, int, int, int, const char *, enum tui_style);
int	 tui_textf(WINDOW *, int, int, int, enum tui_style, const char *, ...)
	     __attribute__((format(printf, 6, 7)));
void	 tui_fill(WINDOW *, int, int, int, enum tui_style);
char	**tui_wrap(const char *, int, size_t *);
void	 tui_wrap_free(char **, size_t);
void	 tui_bar(WINDOW *, int, int, int, double, double, double,
	     enum tui_style);
char	*tui_when(struct tui *, int64_t);
char	*tui_left(int64_t);
char	*tui_ago(int64_t);
void	 tui_list_key(struct tui_list *, enum tui_action, int);
bool	 tui_scroll(size_t *, size_t, int, enum tui_action);
void	 tui_list_show(struct tui_list *, int);
int	 tui_dump(const char *);

/* tui-pages.c */
void	 tui_pages_init(struct tui_pages *, const char *);
void	 tui_pages_free(struct tui_pages *);
void	 tui_pages_clear(struct tui_pages *);
json_t	*tui_pages_cur(struct tui_pages *);
size_t	 tui_pages_asking(struct tui_pages *, bool, size_t, size_t);
void	 tui_pages_unasked(struct tui_pages *, bool);
void	 tui_pages_loaded(struct tui_pages *, bool, json_t *, json_t *,
	     const char *, int, bool);
bool	 tui_pages_move(struct tui_pages *, enum tui_action, int);

/* view-*.c */
extern const struct view_ops view_proposals_ops;
extern const struct view_ops view_proposal_ops;
extern const struct view_ops view_vote_ops;
extern const struct view_ops view_log_ops;
extern const struct view_ops view_members_ops;
extern const struct view_ops view_disputes_ops;
extern const struct view_ops view_dispute_ops;
extern const struct view_ops view_help_ops;
extern const struct view_ops view_progress_ops;
extern const struct view_ops view_stats_ops;
extern const struct view_ops view_board_ops;
extern const struct view_ops view_kudos_ops;

/* view-proposals.c */
void	 view_proposals_set(struct view *, json_t *);
void	 view_proposals_propose(struct view *);

#endif
