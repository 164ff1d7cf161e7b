/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * moot's main: global options, configuration, finding the server, and
 * the command table. Each command lives in cmd-<name>.c; the table
 * here gives its name, usage, summary, help text and exec function, and
 * `moot --help` is generated from it.
 *
 * Finding the server (moot(1), FILES), first match wins:
 *
 *   -d FILE or --demo   embedded, on that database (or a demo)
 *   -s PATH             mootd at PATH; not reaching it is an error
 *   $MOOT_SOCKET        the same, when set and not empty
 *   [moot] socket       mootd there when a socket exists at the path (an
 *                       error if it does and does not answer); empty,
 *                       or nothing there: embedded on [moot] database
 *                       or $XDG_DATA_HOME/moot/moot.db
 */
#include <sys/stat.h>
#include <sys/ioctl.h>

#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "moot.h"

const struct cmd_entry cmd_table[] = {
	{ "init", "[--name NAME] [--leader USER] [--membership POLICY] "
	  "[--agreement FILE [--agreement-version V]] [--licence ID] "
	  "[--rules FILE]",
	  "Create the community database; you (or USER) become its leader.",
	  "  --name NAME            the community's name ([community] name)\n"
	  "  --leader USER          make this login the leader instead of you\n"
	  "  --membership POLICY    open, invite or group:NAME\n"
	  "  --agreement FILE       the community agreement members accept\n"
	  "  --agreement-version V  its version (default 1)\n"
	  "  --licence ID           default licence of proposals "
	  "(CC-BY-SA-4.0)\n"
	  "  --rules FILE           the community's rules (moot-rules(5));\n"
	  "                         without it, the built-in set\n",
	  CMD_CREATE, cmd_init_exec },
	{ "join", "[--yes]",
	  "Join the community, accepting its agreement.",
	  "  -y, --yes   accept without asking (needed without a terminal)\n",
	  0, cmd_join_exec },
	{ "invite", "USER", "Invite a local user (moderators; needed when "
	  "membership is by invitation).", "", 0, cmd_invite_exec },
	{ "whoami", "", "Say who you are to the server, your role, and which "
	  "server answers.", "", 0, cmd_whoami_exec },
	{ "members", "[--after UID] [--limit N]",
	  "List members with their roles and contributions.",
	  "  --after UID   start after this uid (paging)\n"
	  "  --limit N     at most N members (default all)\n",
	  0, cmd_members_exec },
	{ "role", "USER ROLE", "Change a member's role (leaders, where "
	  "[governance] allows): observer, member, moderator or leader.", "",
	  0, cmd_role_exec },
	{ "rules", "[show NAME [--version N] | set [FILE] [--remove NAME]]",
	  "List the rules, show one in full, or change them (leaders, where "
	  "[governance] allows).",
	  "  show NAME          print the rule as a rules file holds it\n"
	  "  --version N        an earlier version of it\n"
	  "  set FILE           add or replace the rules FILE holds "
	  "(moot-rules(5))\n"
	  "  --remove NAME      with set: remove this rule (repeatable)\n",
	  0, cmd_rules_exec },
	{ "propose", "--title TITLE [--body TEXT | --body-file FILE] "
	  "[--kind KIND] [--rule NAME] [--option TEXT]... [--licence ID] "
	  "[--draft] [CHANGE]",
	  "Make a proposal; without --body the text is written in "
	  "$VISUAL/$EDITOR.",
	  "  -t, --title TITLE     one line\n"
	  "  -b, --body TEXT       the proposal's text\n"
	  "  -F, --body-file FILE  read the text from FILE ('-': stdin)\n"
	  "  --kind KIND           motion (default), poll, election, rules,\n"
	  "                        role or agreement\n"
	  "  --rule NAME           the rule to decide it (default: the one\n"
	  "                        [governance] names for its kind)\n"
	  "  --option TEXT         an option of a poll or election "
	  "(repeat)\n"
	  "  --licence ID          licence of the text (default: the "
	  "community's)\n"
	  "  --draft               keep it a draft (editable; publish it "
	  "later)\n"
	  "CHANGE, for a proposal that amends the constitution:\n"
	  "  --rules FILE          rules to add or replace (moot-rules(5))\n"
	  "  --remove NAME         a rule to remove (repeatable)\n"
	  "  --member USER --role ROLE          give USER the role ROLE\n"
	  "  --agreement FILE --agreement-version V   a new agreement\n",
	  0, cmd_propose_exec },
	{ "edit", "ID [--title TITLE] [--body TEXT | --body-file FILE | "
	  "--editor]",
	  "Change a draft's title or text (its author only).",
	  "  -t, --title TITLE     a new title\n"
	  "  -b, --body TEXT       a new text\n"
	  "  -F, --body-file FILE  read the new text from FILE\n"
	  "  -e, --editor          edit the current text in $VISUAL/$EDITOR\n",
	  0, cmd_edit_exec },
	{ "publish", "ID", "Open a draft for discussion (its author only).",
	  "", 0, cmd_publish_exec },
	{ "list", "[--state STATE] [--author USER] [--search TEXT] "
	  "[--sort ORDER] [--after ID] [--limit N]",
	  "List proposals, newest first.",
	  "  -s, --state STATE  draft, discussion, voting, closed, withdrawn\n"
	  "                     or all (default)\n"
	  "  -a, --author USER  only this member's proposals\n"
	  "  --search TEXT      only those whose title or body has every\n"
	  "                     word of TEXT (the last may be the start\n"
	  "                     of a word)\n"
	  "  --sort ORDER       new (default), activity (latest change\n"
	  "                     first), closing (open votes, closing first)\n"
	  "                     or comments (most first)\n"
	  "  --after ID         start below this id, or after the KEY:ID\n"
	  "                     the last line gave (paging)\n"
	  "  -n, --limit N      at most N proposals (default 50)\n",
	  0, cmd_list_exec },
	{ "show", "ID [--after COMMENT]",
	  "Show a proposal, its discussion and its timeline.",
	  "  --after COMMENT   show comments after this one (paging)\n",
	  0, cmd_show_exec },
	{ "open-vote", "ID", "Open the vote on a proposal in discussion (its "
	  "author or a moderator), freezing its rule.", "", 0,
	  cmd_open_vote_exec },
	{ "vote", "ID CHOICE", "Cast or change your ballot.",
	  "CHOICE, by the method of the vote's rule:\n"
	  "  yesno       yes, no or abstain\n"
	  "  consent     ok or object\n"
	  "  consensus   agree, abstain, disagree or block\n"
	  "  approval    A,B       (options by name or number)\n"
	  "  plurality   A\n"
	  "  ranked      'A>B=C>D' (schulze, irv, stv; = ranks equal)\n"
	  "  score, dot  A=5,B=3\n",
	  0, cmd_vote_exec },
	{ "veto", "ID --reason TEXT", "Veto an open vote (leaders, where its "
	  "rule allows).", "  -r, --reason TEXT   why (required; shown to "
	  "everyone)\n", 0, cmd_veto_exec },
	{ "dispute", "open WHAT [REASON] | list [--state S] [--assigned] "
	  "[--mine] | show ID | assign ID [LOGIN] | comment ID [TEXT] | "
	  "resolve ID OUTCOME [TEXT] [--sanction KIND --for LENGTH "
	  "[--member LOGIN]] | appeal ID [REASON] | decide ID DECISION "
	  "[REASON] | lift SANCTION [REASON] | sanctions [LOGIN | --all] "
	  "[--active]",
	  "Open, follow, resolve and appeal disputes; lift and list "
	  "sanctions.",
	  "  open WHAT          WHAT is proposal:N, comment:N or member:LOGIN\n"
	  "  list               the queue, oldest first\n"
	  "  --state S          active, open, assigned, resolved, appealed "
	  "or final\n"
	  "  --assigned         those assigned to you\n"
	  "  --mine             those you are a party to\n"
	  "  show ID            one dispute: parties, thread, sanctions, "
	  "timeline\n"
	  "  assign ID [LOGIN]  take it (moderators), or give it to LOGIN\n"
	  "  comment ID         write in its thread (parties, moderators)\n"
	  "  resolve ID OUTCOME upheld, dismissed or settled, with a text\n"
	  "  --sanction KIND    with resolve: warn, mute or suspend\n"
	  "  --for LENGTH       how long: a number and m, h, d or w (7d)\n"
	  "  --member LOGIN     the party it falls on (default: the subject)\n"
	  "  appeal ID          appeal its resolution (parties, in time)\n"
	  "  decide ID DECISION upheld or reversed (leaders, when they "
	  "decide appeals)\n"
	  "  lift SANCTION      end a sanction early, with a reason "
	  "(moderators)\n"
	  "  sanctions [LOGIN]  your sanctions, or LOGIN's (moderators)\n"
	  "  --all              with sanctions: everyone's (moderators)\n"
	  "  --active           with sanctions: only those in force\n"
	  "  -F, --body-file FILE  read the text from FILE ('-': stdin)\n"
	  "Without a text, it is written in $VISUAL/$EDITOR.\n",
	  0, cmd_dispute_exec },
	{ "comment", "ID [TEXT | --body-file FILE]",
	  "Comment on a proposal; without TEXT, write it in $VISUAL/$EDITOR.",
	  "  -F, --body-file FILE  read the comment from FILE ('-': stdin)\n",
	  0, cmd_comment_exec },
	{ "withdraw", "ID [--reason TEXT]",
	  "Withdraw a proposal (its author, or a moderator with a reason).",
	  "  -r, --reason TEXT   why (required for someone else's proposal)\n",
	  0, cmd_withdraw_exec },
	{ "hide", "COMMENT --reason TEXT",
	  "Hide a comment (moderators); it shows as hidden with the reason.",
	  "  -r, --reason TEXT   why (required; shown to everyone)\n",
	  0, cmd_hide_exec },
	{ "unhide", "COMMENT --reason TEXT", "Show a hidden comment again "
	  "(moderators).", "  -r, --reason TEXT   why (required)\n",
	  0, cmd_unhide_exec },
	{ "redact", "SEQ --reason TEXT",
	  "Remove the text of an event from the log (leaders); the chain "
	  "still verifies.",
	  "  -r, --reason TEXT   why (required; recorded in the log)\n",
	  0, cmd_redact_exec },
	{ "log", "[--since SEQ | --before SEQ] [--limit N] [--type TYPE] "
	  "[--ref REF] [--follow]",
	  "Print the governance log (with --json: JSON Lines).",
	  "  --since SEQ      events after SEQ\n"
	  "  --before SEQ     events before SEQ, newest first\n"
	  "  -n, --limit N    at most N events\n"
	  "  -t, --type TYPE  one type (comment.hidden) or a family "
	  "(proposal.)\n"
	  "  --ref REF        events about one thing (proposal:12)\n"
	  "  -f, --follow     then print each new event as it happens, until\n"
	  "                   interrupted (needs mootd); without --since,\n"
	  "                   start with the last 10 events\n",
	  0, cmd_log_exec },
	{ "verify", "[--head FILE] [--no-check]",
	  "Verify the log: the hash chain, the bodies, the head file and the "
	  "projections.",
	  "  --head FILE   compare with this saved head file instead of the\n"
	  "                one next to the database\n"
	  "  --no-check    skip rebuilding the projections\n"
	  "Exit status: 0 intact, 1 could not verify, 3 tampered,\n"
	  "4 the head file disagrees (rolled back or forked),\n"
	  "5 the projections differ from the log.\n",
	  0, cmd_verify_exec },
	{ "check", "", "Rebuild every projection from the log and report "
	  "differences.", "Exit status: 0 they match, 5 they differ, 1 error.\n",
	  0, cmd_check_exec },
	{ "status", "", "One short line for a shell prompt or motd.", "", 0,
	  cmd_status_exec },
	{ "task", "add PROPOSAL TITLE [--weight N] [--due DATE] "
	  "[--owner LOGIN] | list [PROPOSAL] [--mine] [--status S] "
	  "[--overdue] | take ID | update ID [--status S] [--progress N] "
	  "[--title T] [--due DATE|none] [--owner LOGIN|none] [--weight N]",
	  "Split the work of a passed proposal into tasks, take them and "
	  "report progress.",
	  "  add PROPOSAL TITLE  add a task (the proposal's author or a\n"
	  "                      moderator; the proposal must have passed)\n"
	  "  list                the initiatives, with their progress\n"
	  "  list PROPOSAL       its tasks and its timeline\n"
	  "  take ID             take a task that has no owner\n"
	  "  update ID           change a task (its owner or a moderator)\n"
	  "  -w, --weight N      how much the task counts (1 to 1000, "
	  "default 1)\n"
	  "  -d, --due DATE      YYYY-MM-DD (the end of that day), a time\n"
	  "                      from now (3d, 12h, 2w), or none\n"
	  "  -o, --owner LOGIN   who does it (none: nobody); only a\n"
	  "                      moderator gives a task to someone else\n"
	  "  -s, --status S      todo, doing, blocked or done\n"
	  "  -p, --progress N    percent done, 0 to 100 (100 is done)\n"
	  "  -t, --title T       a new title\n"
	  "  -m, --mine          with list: only your tasks\n"
	  "  --overdue           with list: only tasks past their due date\n",
	  0, cmd_task_exec },
	{ "kudos", "LOGIN NOTE [--about REF] | --list [--given] [LOGIN]",
	  "Thank another member, or list the kudos a member received.",
	  "  -a, --about REF  what it is for: proposal:N, task:N or "
	  "dispute:N\n"
	  "  -l, --list       list the kudos LOGIN (default you) received\n"
	  "  --given          with --list: those LOGIN gave instead\n",
	  0, cmd_kudos_exec },
	{ "stats", "[--weeks N] [--votes N]",
	  "Participation: turnout of the latest votes, median times to "
	  "decide and to resolve disputes, active members, events per week.",
	  "  -w, --weeks N   weeks of events to show, the last being this one\n"
	  "                  (default 12, at most 104; weeks begin Monday "
	  "UTC)\n"
	  "  -v, --votes N   latest closed votes to show (default 10, at "
	  "most 100)\n",
	  0, cmd_stats_exec },
	{ "tally", "--method METHOD [options] FILE",
	  "Count a ballot file offline (see moot tally --help).", "",
	  CMD_LOCAL, cmd_tally_exec },
	{ NULL, NULL, NULL, NULL, 0, NULL }
};

const struct cmd_entry *
cmd_find(const char *name)
{
	const struct cmd_entry	*e;

	for (e = cmd_table; e->name != NULL; e++) {
		if (strcmp(e->name, name) == 0)
			return (e);
	}
	return (NULL);
}

static void
moot_usage(FILE *f)
{
	const struct cmd_entry	*e;

	fprintf(f,
	    "usage: moot [-s SOCKET | -d DB | --demo] [-c CONFIG] [--json] "
	    "[COMMAND [ARGS]]\n"
	    "\n"
	    "Community governance for people who share a Unix machine.\n"
	    "With no command, moot opens its full-screen interface (? in it\n"
	    "lists the keys).\n"
	    "\n"
	    "  -s, --socket PATH  talk to mootd at PATH (default "
	    "$MOOT_SOCKET,\n"
	    "                     else moot.conf's socket when mootd is "
	    "there)\n"
	    "  -d, --db FILE      run the server in-process on this database\n"
	    "                     (default $XDG_DATA_HOME/moot/moot.db)\n"
	    "      --demo         a demo community in a temporary directory\n"
	    "                     (or in --db FILE when it is empty)\n"
	    "  -c, --config FILE  read FILE instead of ~/.config/moot/"
	    "moot.conf\n"
	    "      --json         machine-readable output\n"
	    "  -h, --help         this help; moot COMMAND --help for a "
	    "command\n"
	    "  -V, --version      print the version\n"
	    "\nCommands:\n");
	for (e = cmd_table; e->name != NULL; e++)
		fprintf(f, "  %-9s %s\n", e->name, e->summary);
	fprintf(f, "\nExit status: 0 success, 1 failure, 2 usage "
	    "(verify and check: see moot(1)).\n");
}

/* The default database: $XDG_DATA_HOME/moot/moot.db. Caller frees. */
static char *
moot_default_db(void)
{
	const char	*xdg, *home;

	xdg = getenv("XDG_DATA_HOME");
	if (xdg != NULL && *xdg == '/')
		return (xasprintf("%s/moot/moot.db", xdg));
	home = getenv("HOME");
	if (home == NULL || *home == '\0')
		home = "/";
	return (xasprintf("%s/.local/share/moot/moot.db", home));
}

/*
 * mootd's socket, or NULL for the embedded server (the order is at the
 * top of this file). The result is opt, the environment's or cfg's.
 */
static const char *
moot_socket(const char *opt, const struct config *cfg)
{
	const char	*env;
	struct stat	 sb;

	if (opt != NULL)
		return (opt);
	env = getenv("MOOT_SOCKET");
	if (env != NULL && *env != '\0')
		return (env);
	if (cfg->socket == NULL || *cfg->socket == '\0')
		return (NULL);
	/* Anything but a socket there (or nothing): no daemon here. */
	if (stat(cfg->socket, &sb) == -1 || !S_ISSOCK(sb.st_mode))
		return (NULL);
	return (cfg->socket);
}

/* Remove the demo's temporary directory and what SQLite left in it. */
static void
moot_demo_cleanup(const char *dir, const char *db)
{
	static const char *const suffixes[] = {
		"", "-wal", "-shm", "-journal", ".head", ".head.tmp"
	};
	char	*path;
	size_t	 i;

	for (i = 0; i < MOOT_NITEMS(suffixes); i++) {
		path = xasprintf("%s%s", db, suffixes[i]);
		unlink(path);
		free(path);
	}
	rmdir(dir);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "socket", required_argument, NULL, 's' },
		{ "db", required_argument, NULL, 'd' },
		{ "demo", no_argument, NULL, 'D' },
		{ "json", no_argument, NULL, 'j' },
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd_entry	*e;
	struct cmd_ctx		 ctx;
	struct config		 cfg;
	struct winsize		 ws;
	uv_loop_t		 loop;
	const char		*config_path = NULL, *as, *tmp;
	const char		*socket_path = NULL;
	char			*db = NULL, *demo_dir = NULL, *cause = NULL;

	bool			 demo = false, json = false;
	int			 ch, rc;
	struct timespec		 ts;
	uint64_t		 start_ns;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	start_ns = (uint64_t)ts.tv_sec * 1000000000 + (uint64_t)ts.tv_nsec;
	setlocale(LC_ALL, "");
	signal(SIGPIPE, SIG_IGN);
	while ((ch = getopt_long(argc, argv, "+s:d:c:hV", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 's':
			socket_path = optarg;
			break;
		case 'd':
			free(db);
			db = xstrdup(optarg);
			break;
		case 'D':
			demo = true;
			break;
		case 'j':
			json = true;
			break;
		case 'c':
			config_path = optarg;
			break;
		case 'h':
			moot_usage(stdout);
			free(db);
			return (EXIT_OK);
		case 'V':
			printf("%s\n", PACKAGE_STRING);
			free(db);
			return (EXIT_OK);
		default:
			moot_usage(stderr);
			free(db);
			return (EXIT_USAGE);
		}
	}
	argc -= optind;
	argv += optind;
	if (socket_path != NULL && (db != NULL || demo)) {
		fprintf(stderr, "moot: -s names mootd's socket and -d or "
		    "--demo the in-process server: give one\n");
		moot_usage(stderr);
		free(db);
		return (EXIT_USAGE);
	}
	/* No command: the full-screen interface (e stays NULL). */
	e = NULL;
	if (argc != 0 && (e = cmd_find(argv[0])) == NULL) {
		fprintf(stderr, "moot: unknown command \"%s\"; moot --help "
		    "lists them\n", argv[0]);
		free(db);
		return (EXIT_USAGE);
	}

	memset(&ctx, 0, sizeof ctx);
	ctx.json = json;
	ctx.start_ns = start_ns;
	ctx.config_path = config_path;
	if (e != NULL && (e->flags & CMD_LOCAL)) {
		rc = e->exec(&ctx, argc, argv);
		free(db);
		return (rc);
	}

	config_init(&cfg);
	if (config_load_default(&cfg, config_path, &cause) != 0) {
		fprintf(stderr, "moot: %s\n", cause);
		free(cause);
		config_free(&cfg);
		free(db);
		return (EXIT_FAIL);
	}
	ctx.cfg = &cfg;
	ctx.tty = isatty(STDOUT_FILENO);
	if (ctx.tty && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col > 0)
		ctx.cols = ws.ws_col;
	else if (ctx.tty)
		ctx.cols = 80;

	if (db == NULL && !demo)
		socket_path = moot_socket(socket_path, &cfg);
	if (db == NULL && demo) {
		tmp = getenv("TMPDIR");
		demo_dir = xasprintf("%s/moot-demo-XXXXXX", tmp != NULL &&
		    *tmp != '\0' ? tmp : "/tmp");
		if (mkdtemp(demo_dir) == NULL) {
			fprintf(stderr, "moot: %s: %s\n", demo_dir,
			    strerror(errno));
			free(demo_dir);
			config_free(&cfg);
			return (EXIT_FAIL);
		}
		db = xasprintf("%s/moot.db", demo_dir);
	} else if (db == NULL && cfg.database != NULL && *cfg.database != '\0')
		db = xstrdup(cfg.database);
	else if (db == NULL)
		db = moot_default_db();
	ctx.db = db;

	/*
	 * Embedded mode only: act as another local user. The database file
	 * is the caller's own here, so this grants nothing that writing to
	 * it directly would not (moot(1), ENVIRONMENT).
	 */
	as = getenv("MOOT_EMBEDDED_AS");
	if (as != NULL && *as == '\0')
		as = NULL;

	/*
	 * The server is started on the first request (cmd_call), so that
	 * --help and usage errors need no database.
	 */
	uv_loop_init(&loop);
	ctx.loop = &loop;
	ctx.socket = socket_path;
	ctx.as = as;
	ctx.demo = demo;
	if (e != NULL && (e->flags & CMD_CREATE))
		ctx.open_flags |= CLIENT_CREATE;
	rc = e != NULL ? e->exec(&ctx, argc, argv) : tui_main(&ctx);
	client_close(ctx.client);
	uv_loop_close(&loop);
	if (demo_dir != NULL) {
		moot_demo_cleanup(demo_dir, db);
		free(demo_dir);
	}
	config_free(&cfg);
	free(db);
	return (rc);
}
