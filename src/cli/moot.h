/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * moot's private header: the command table and what the commands share.
 * Prototypes are grouped by the file that defines them.
 */
#ifndef MOOT_CLI_H
#define MOOT_CLI_H

#include <getopt.h>
#include <stdio.h>

#include <jansson.h>

#include "moot/config.h"
#include "moot/util.h"
#include "client.h"

/* Exit codes (moot(1)). */
#define EXIT_OK		0
#define EXIT_FAIL	1
#define EXIT_USAGE	2

struct cmd_ctx {
	struct client	*client;	/* opened by the first cmd_call() */
	uv_loop_t	*loop;
	const char	*socket;	/* mootd's, or NULL: embedded */
	const char	*as;		/* MOOT_EMBEDDED_AS, or NULL */
	bool		 demo;
	int		 open_flags;	/* CLIENT_CREATE for init */
	struct config	*cfg;
	const char	*db;
	bool		 json;
	bool		 tty;		/* stdout is a terminal */
	int		 cols;		/* its width, or 0 when piped */
	const char	*config_path;	/* moot -c FILE, or NULL */
	uint64_t	 start_ns;	/* when main() began (MOOT_TUI_TRACE) */
};

#define CMD_LOCAL	0x1	/* needs no server (tally) */
#define CMD_CREATE	0x2	/* creates the database (init) */

struct cmd_entry {
	const char	*name;
	const char	*usage;		/* after "moot NAME " */
	const char	*summary;	/* one line for moot --help */
	const char	*help;		/* the options, for moot NAME --help */
	int		 flags;
	int		(*exec)(struct cmd_ctx *, int, char **);
};

/* moot.c */
extern const struct cmd_entry cmd_table[];
const struct cmd_entry *cmd_find(const char *);

/* cmd.c: what every command uses. */
#define CMD_OPT_JSON	1000	/* getopt value of --json after a command */
int	 cmd_parse(struct cmd_ctx *, const struct cmd_entry *, int, char **,
	     const struct option *, const char *, int (*)(int, const char *,
	     void *), void *);
int	 cmd_usage(const struct cmd_entry *);
int	 cmd_open(struct cmd_ctx *);
int	 cmd_call(struct cmd_ctx *, const char *, json_t *, json_t **);
int	 cmd_id(const char *, const char *, int64_t *);
int	 cmd_id_reason(struct cmd_ctx *, int, char **, const char *,
	     const char *, bool, const char *);
int	 cmd_read_file(const char *, char **);
int	 cmd_slurp(const char *, char **, char **);
const char *cmd_editor(struct config *);
int	 cmd_edit(struct cmd_ctx *, const char *, char **);
void	 cmd_print_json(struct cmd_ctx *, json_t *);
void	 cmd_print_text(const char *, int);
void	 cmd_give_back(const char *, const char *);
char	*cmd_fit(struct cmd_ctx *, const char *, int);
char	*cmd_time(struct cmd_ctx *, int64_t);
const char *cmd_str(json_t *, const char *);
int64_t	 cmd_int(json_t *, const char *);

/* cmd-*.c */
int	cmd_init_exec(struct cmd_ctx *, int, char **);
int	cmd_join_exec(struct cmd_ctx *, int, char **);
int	cmd_invite_exec(struct cmd_ctx *, int, char **);
int	cmd_whoami_exec(struct cmd_ctx *, int, char **);
int	cmd_members_exec(struct cmd_ctx *, int, char **);
int	cmd_role_exec(struct cmd_ctx *, int, char **);
int	cmd_propose_exec(struct cmd_ctx *, int, char **);
int	cmd_edit_exec(struct cmd_ctx *, int, char **);
int	cmd_publish_exec(struct cmd_ctx *, int, char **);
int	cmd_list_exec(struct cmd_ctx *, int, char **);
int	cmd_show_exec(struct cmd_ctx *, int, char **);
int	cmd_comment_exec(struct cmd_ctx *, int, char **);
int	cmd_withdraw_exec(struct cmd_ctx *, int, char **);
int	cmd_hide_exec(struct cmd_ctx *, int, char **);
int	cmd_unhide_exec(struct cmd_ctx *, int, char **);
int	cmd_redact_exec(struct cmd_ctx *, int, char **);
int	cmd_log_exec(struct cmd_ctx *, int, char **);
int	cmd_verify_exec(struct cmd_ctx *, int, char **);
int	cmd_check_exec(struct cmd_ctx *, int, char **);
int	cmd_status_exec(struct cmd_ctx *, int, char **);
int	cmd_stats_exec(struct cmd_ctx *, int, char **);
int	cmd_tally_exec(struct cmd_ctx *, int, char **);
int	cmd_open_vote_exec(struct cmd_ctx *, int, char **);
int	cmd_vote_exec(struct cmd_ctx *, int, char **);
int	cmd_veto_exec(struct cmd_ctx *, int, char **);
int	cmd_rules_exec(struct cmd_ctx *, int, char **);
int	cmd_dispute_exec(struct cmd_ctx *, int, char **);
int	cmd_task_exec(struct cmd_ctx *, int, char **);
int	cmd_kudos_exec(struct cmd_ctx *, int, char **);

/* cmd-tally.c (offline; its own option parsing) */
int	cmd_tally_main(int, char **);
/* Print the method's part of a logged count (matrices, rounds, totals). */
void	cmd_tally_explain(json_t *, const char *, json_t *);

/* cmd-rules.c: a rules file and --remove names as a change. */
int	cmd_rules_change(const char *, json_t *, json_t **);

/* cmd-log.c: one event as moot log prints it (a line, or JSON). */
void	cmd_log_print(struct cmd_ctx *, json_t *);

/* tui.c: the full-screen interface (no command given). */
int	tui_main(struct cmd_ctx *);

/* cmd-vote.c: a proposal's vote as moot show prints it. */
void	cmd_vote_print(struct cmd_ctx *, json_t *);

#endif
