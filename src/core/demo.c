/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The demo community that `moot --demo` opens: eight members, thirty-one
 * proposals in every state (votes open, closed, run on for quorum, and a
 * passed change to the rules applied by moot), discussions in several scripts
 * (Persian, Japanese and Chinese, combining accents, emoji), a hidden
 * comment and a redacted one; disputes in every state (one recused, one
 * appealed and decided, one appealed and waiting), sanctions expired and
 * in force; initiatives with tasks (one overdue) and kudos. Everything is
 * written through
 * core_submit(), the same write path as any request, so `moot --demo
 * verify` and `check` hold on it. The person who runs the demo is its
 * leader; the seven others have uids no real account is likely to have.
 * A fixed seed and a simulated clock make it the same every time, but
 * for the leader's name and the dates (the weeks before it is built).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "moot/core.h"

#define DEMO_DAY	(24LL * 3600 * 1000)

struct demo {
	struct core	*core;
	int64_t		 now;		/* the simulated clock */
	uint32_t	 seed;
	struct actor	 people[8];	/* [0] is the leader, who runs it */
};

static const char *const demo_names[] = {
	NULL, "ana", "babak", "chen", "dmitri", "eli", "farah", "goran"
};

/*
 * vote: NULL (none), "closed" (opened 24 days ago and counted since) or
 * "open" (opened two days ago). ballots: the choice of people[0..6] in
 * order, separated by '|' ("" for none). options: separated by '|'.
 */
static const struct {
	const char	*title;
	const char	*body;
	const char	*state;		/* draft, discussion, withdrawn */
	const char	*kind;
	const char	*vote;
	const char	*ballots;
	const char	*options;
} demo_proposals[] = {
	{ "Adopt a code of conduct",
	  "Proposal: adopt the Contributor Covenant 2.1 as our code of "
	  "conduct,\nwith moderators as the contacts it names.\n",
	  "discussion", "motion", "closed", "yes|yes|yes|no|yes|yes|yes", NULL },
	{ "Nightly backups to the second disk",
	  "Run restic every night at 03:00 to /srv/backup and keep 14 "
	  "daily\nand 8 weekly snapshots.\n", "discussion", "motion", "open",
	  "yes|yes||yes|||", NULL },
	{ "Raise the per-user disk quota to 5 GB",
	  "Most of us are close to 2 GB. The disk has 1.2 TB free.\n",
	  "discussion", "motion", "closed", "no|yes|no|no|abstain|no|yes", NULL },
	{ "Host a Gemini capsule for every member",
	  "Serve ~/public_gemini with molly-brown on port 1965.\n",
	  "discussion", "motion", NULL, NULL, NULL },
	{ "Monthly tilde radio show",
	  "An hour of music and talk, streamed with icecast, first Friday "
	  "of\nthe month.\n", "discussion", "poll", "open",
	  "First Friday, Last Friday|Last Friday|||First Friday||",
	  "First Friday|Last Friday|Every other Saturday" },
	{ "قوانین سرور را به فارسی ترجمه کنیم",
	  "پیشنهاد می‌کنم قوانین و راهنمای سرور را به فارسی ترجمه کنیم تا\n"
	  "اعضای تازه راحت‌تر بخوانند. من و فرح ترجمه را شروع می‌کنیم.\n",
	  "discussion", "motion", NULL, NULL, NULL },
	{ "共有サーバーの日本語ドキュメントを作る",
	  "新しいメンバーのために、SSH の設定とサーバーの使い方を日本語で"
	  "まとめましょう。\n", "discussion", "motion", NULL, NULL, NULL },
	{ "Café meetup in Zürich this spring",
	  "Proposing a meetup at a café near Zürich HB in April; "
	  "Zoë and Björn\noffered to host.\n", "discussion", "poll", "closed",
	  "12 April|12 April, 19 April|19 April|26 April|12 April, 26 April|"
	  "12 April|", "12 April|19 April|26 April" },
	{ "Retire the old mail relay",
	  "The relay on port 2525 has had no legitimate traffic for a "
	  "year.\n", "discussion", "motion", NULL, NULL, NULL },
	{ "Install a shared Jupyter hub",
	  "JupyterHub with the PAM authenticator, one kernel per user, "
	  "2 GB\nRAM each.\n", "discussion", "motion", NULL, NULL, NULL },
	{ "Buy a UPS for the rack 🔋",
	  "Two power cuts this winter cost us a corrupted filesystem. A "
	  "1500 VA\nUPS costs about 250 EUR.\n", "discussion", "motion",
	  "open", "||yes||||", NULL },
	{ "Limit cron jobs to ten minutes of CPU",
	  "Use systemd's CPUQuota for user slices instead.\n",
	  "discussion", "motion", "closed", "yes||||||", NULL },
	{ "Open an IRC bridge to Matrix",
	  "Bridge #tilde to a Matrix room with heisenbridge.\n",
	  "discussion", "motion", NULL, NULL, NULL },
	{ "Elect two moderators for the next term",
	  "Candidates may nominate themselves in the comments.\n",
	  "discussion", "election", "open",
	  "ana > farah > None of the above > chen|farah > ana = chen|||"
	  "chen > None of the above||",
	  "ana|chen|farah" },
	{ "Rotate the MOTD quotes weekly", "A fortune file in git.\n",
	  "discussion", "motion", NULL, NULL, NULL },
	{ "Write a newcomer's guide",
	  "Covering ssh keys, tmux, mail and how moot works.\n",
	  "discussion", "motion", NULL, NULL, NULL },
	{ "Publish our uptime on the web page",
	  "A small status page from the monitoring we already run.\n",
	  "discussion", "motion", NULL, NULL, NULL },
	{ "Ban cryptocurrency mining", "It has happened twice.\n",
	  "discussion", "motion", NULL, NULL, NULL },
	{ "Move the git forge to Forgejo",
	  "Gitea's fork is community-run and the upgrade is in place.\n",
	  "draft", "motion", NULL, NULL, NULL },
	{ "Budget for 2027", "Hosting 40 EUR a month; domains 30 EUR a "
	  "year.\n", "draft", "motion", NULL, NULL, NULL },
	{ "Set up a Mastodon instance", "Needs more thought about "
	  "moderation load.\n", "draft", "motion", NULL, NULL, NULL },
	{ "Weekly office hours in voice chat", "Thursdays 19:00 UTC.\n",
	  "draft", "poll", NULL, NULL, "Thursday 19:00 UTC|Sunday 15:00 UTC" },
	{ "Translate moot's help into Chinese 中文",
	  "把帮助文本翻译成中文。\n", "draft", "motion", NULL, NULL, NULL },
	{ "Adopt a licence for the wiki", "CC-BY-SA-4.0, as proposals.\n",
	  "draft", "motion", NULL, NULL, NULL },
	{ "Give every member a Minecraft server",
	  "Withdrawn: far beyond our RAM.\n", "withdrawn", "motion", NULL, NULL, NULL },
	{ "Delete inactive accounts after 30 days",
	  "Too harsh, see the discussion.\n", "withdrawn", "motion", NULL, NULL, NULL },
	{ "Switch the shell default to fish", "A matter of taste.\n",
	  "withdrawn", "poll", NULL, NULL, "bash|fish|zsh" },
	{ "Run a Tor relay", "Our provider forbids it.\n", "withdrawn",
	  "motion", NULL, NULL, NULL },
	{ "Paid memberships", "Against the spirit of the place.\n",
	  "withdrawn", "motion", NULL, NULL, NULL },
	{ "Duplicate of the backup proposal", "See #2.\n", "withdrawn",
	  "motion", NULL, NULL, NULL },
	{ "Purchases under 100 EUR by a quicker rule",
	  "Add a rule 'purchase' for small purchases: a simple majority,\n"
	  "one day of discussion and three days of voting.\n",
	  "discussion", "rules", "closed", "yes|yes|yes|yes|no|yes|", NULL },
};

/* The change the rules proposal carries (moot-rules(5) keys). */
static json_t *
demo_rules_change(void)
{
	return (json_pack("{s:{s:{s:s,s:s,s:s,s:s,s:s,s:s,s:s}}}", "rules",
	    "purchase", "description", "Small purchases: a simple majority "
	    "after a day of discussion", "method", "yesno", "quorum", "25%",
	    "threshold", ">1/2", "discussion", "1d", "duration", "3d",
	    "early_close", "yes"));
}

static const char *const demo_comments[] = {
	"+1, and thank you for writing this up.",
	"I would rather wait until the disk is replaced.",
	"موافقم. فقط لطفاً اصطلاحات فنی را هم توضیح بدهیم.",
	"賛成です。手伝います。",
	"我同意，这对新成员很有帮助。",
	"Ça me va, à condition de garder une copie hors site. Naïve "
	"question: who pays?",
	"🎉 great idea",
	"Could we try it for a month first and then decide?",
	"Zoë says the café has a projector ☕",
	"What does this cost us in admin time each month?",
	"A Vietnamese friend asked: có thể dịch sang tiếng Việt không?",
	"Let's keep the discussion on the proposal, please.",
};

static int64_t
demo_clock(void *arg)
{
	return (((struct demo *)arg)->now);
}

static uint32_t
demo_rand(struct demo *d, uint32_t n)
{
	d->seed = d->seed * 1103515245u + 12345u;
	return ((d->seed >> 16) % n);
}

/* Advance the clock by a few minutes to a few hours. */
static void
demo_tick(struct demo *d)
{
	d->now += (int64_t)(5 + demo_rand(d, 300)) * 60 * 1000;
}

static int
demo_do(struct demo *d, int who, const char *type, json_t *args,
    int64_t *id, char **cause)
{
	json_t	*r = NULL;
	int	 error;

	demo_tick(d);
	error = core_submit(d->core, &d->people[who], type, args, &r, cause);
	json_decref(args);
	if (error == 0 && id != NULL)
		*id = json_integer_value(json_object_get(r, "id"));
	json_decref(r);
	return (error);
}

/* "A|B|C" as a JSON array. */
static json_t *
demo_split(const char *s)
{
	json_t		*a = json_array();
	const char	*bar;

	for (;;) {
		bar = strchr(s, '|');
		json_array_append_new(a, json_stringn(s, bar != NULL ?
		    (size_t)(bar - s) : strlen(s)));
		if (bar == NULL)
			return (a);
		s = bar + 1;
	}
}

/* Open the votes of one plan ("closed" or "open") and cast its ballots. */
static int
demo_open(struct demo *d, const int64_t *ids, const char *plan,
    char **cause)
{
	json_t	*ballots, *b;
	size_t	 i, k;
	int	 error = 0;

	for (i = 0; error == 0 && i < MOOT_NITEMS(demo_proposals); i++) {
		if (demo_proposals[i].vote == NULL ||
		    strcmp(demo_proposals[i].vote, plan) != 0)
			continue;
		/* ana, a moderator, opens them. */
		error = demo_do(d, 1, "vote.opened", json_pack("{s:I}", "id",
		    (json_int_t)ids[i]), NULL, cause);
		ballots = demo_split(demo_proposals[i].ballots);
		json_array_foreach(ballots, k, b) {
			/* An early close ends the ballots that were to come. */
			if (error != 0 || json_string_length(b) == 0 ||
			    store_int(core_store(d->core), "SELECT count(*) "
			    "FROM proposals WHERE id = ? AND state = 'voting'",
			    ids[i], 0) == 0)
				continue;
			error = demo_do(d, (int)k, "ballot.cast", json_pack(
			    "{s:I,s:O}", "id", (json_int_t)ids[i], "choice",
			    b), NULL, cause);
			/* As the server does after each ballot. */
			if (error == 0 && core_settle(d->core, ids[i],
			    cause) < 0)
				error = -EIO;
		}
		json_decref(ballots);
	}
	return (error);
}

/* Disputes, sanctions and appeals, about what the discussions hold. */
static int
demo_disputes(struct demo *d, int64_t hidden, char **cause)
{
	static const char *const thread[] = {
		"It was a joke between friends, nothing more.",
		"Jokes about people are still about people. Please read the "
		"agreement again.",
		"Understood. It will not happen again.",
	};
	char	*about;
	int64_t	 id, pid;
	size_t	 i;
	int	 error;

	/* 1: about the hidden comment (dmitri's): muted, appealed, upheld. */
	about = xasprintf("comment:%lld", (long long)hidden);
	error = demo_do(d, 3, "dispute.opened", json_pack("{s:s,s:s}",
	    "about", about, "reason", "A personal attack on whoever ran the "
	    "last build."), &id, cause);
	free(about);
	if (error == 0)
		error = demo_do(d, 1, "dispute.assigned", json_pack("{s:I}",
		    "id", (json_int_t)id), NULL, cause);
	for (i = 0; error == 0 && i < MOOT_NITEMS(thread); i++)
		error = demo_do(d, i % 2 == 0 ? 4 : 1, "dispute.commented",
		    json_pack("{s:I,s:s}", "id", (json_int_t)id, "body",
		    thread[i]), NULL, cause);
	if (error == 0)
		error = demo_do(d, 1, "dispute.resolved", json_pack(
		    "{s:I,s:s,s:s,s:{s:s,s:I}}", "id", (json_int_t)id,
		    "outcome", "upheld", "resolution", "Personal attacks break "
		    "the agreement. A day without posting.", "sanction",
		    "kind", "mute", "for", (json_int_t)DEMO_DAY), NULL,
		    cause);
	if (error == 0)
		error = demo_do(d, 4, "dispute.appealed", json_pack("{s:I,s:s}",
		    "id", (json_int_t)id, "reason", "I apologised in the thread "
		    "before the resolution."), NULL, cause);
	if (error == 0)
		error = demo_do(d, 0, "dispute.decided", json_pack(
		    "{s:I,s:s,s:s}", "id", (json_int_t)id, "decision", "upheld",
		    "reason", "The apology is welcome; the mute is short and "
		    "stands."), NULL, cause);
	/* moot lifts the mute when its time is up. */
	d->now += DEMO_DAY;
	if (error == 0 && core_settle(d->core, 0, cause) < 0)
		error = -EIO;

	/* 2: settled with a warning, in force. */
	pid = store_int(core_store(d->core), "SELECT min(id) FROM proposals "
	    "WHERE author_uid = ? AND state <> 'draft'", d->people[5].uid, 1);
	about = xasprintf("proposal:%lld", (long long)pid);
	if (error == 0)
		error = demo_do(d, 6, "dispute.opened", json_pack("{s:s,s:s}",
		    "about", about, "reason", "This copies my proposal from "
		    "last month word for word."), &id, cause);
	free(about);
	if (error == 0)
		error = demo_do(d, 2, "dispute.assigned", json_pack("{s:I}",
		    "id", (json_int_t)id), NULL, cause);
	if (error == 0)
		error = demo_do(d, 2, "dispute.resolved", json_pack(
		    "{s:I,s:s,s:s,s:{s:s,s:s,s:I}}", "id", (json_int_t)id,
		    "outcome", "settled", "resolution", "eli credits farah in "
		    "the proposal; a reminder to say where ideas come from.",
		    "sanction", "kind", "warn", "member", "eli", "for",
		    (json_int_t)(14 * DEMO_DAY)), NULL, cause);

	/* 3: a mute in force, appealed to the leaders, waiting. */
	if (error == 0)
		error = demo_do(d, 5, "dispute.opened", json_pack("{s:s,s:s}",
		    "about", "member:dmitri", "reason", "Keeps mocking the "
		    "translation proposals in every thread."), &id, cause);
	if (error == 0)
		error = demo_do(d, 1, "dispute.assigned", json_pack("{s:I}",
		    "id", (json_int_t)id), NULL, cause);
	if (error == 0)
		error = demo_do(d, 1, "dispute.resolved", json_pack(
		    "{s:I,s:s,s:s,s:{s:s,s:I}}", "id", (json_int_t)id,
		    "outcome", "upheld", "resolution", "A second attack within "
		    "a month: ten days without posting.", "sanction", "kind",
		    "mute", "for", (json_int_t)(10 * DEMO_DAY)), NULL, cause);
	if (error == 0)
		error = demo_do(d, 4, "dispute.appealed", json_pack("{s:I,s:s}",
		    "id", (json_int_t)id, "reason", "Disagreeing with a "
		    "proposal is not mocking it."), NULL, cause);

	/* 4: dismissed, still open to appeal. */
	if (error == 0)
		error = demo_do(d, 5, "dispute.opened", json_pack("{s:s,s:s}",
		    "about", "member:chen", "reason", "Closed my vote too "
		    "early."), &id, cause);
	if (error == 0)
		error = demo_do(d, 2, "dispute.assigned", json_pack("{s:I}",
		    "id", (json_int_t)id), NULL, cause);
	if (error == 0)
		error = demo_do(d, 2, "dispute.resolved", json_pack(
		    "{s:I,s:s,s:s}", "id", (json_int_t)id, "outcome",
		    "dismissed", "resolution", "Votes close by their rule, not "
		    "by hand: it closed early because no ballot could change "
		    "the outcome."), NULL, cause);

	/* 5: assigned to ana, its thread under way. */
	if (error == 0)
		error = demo_do(d, 3, "dispute.opened", json_pack("{s:s,s:s}",
		    "about", "member:farah", "reason", "Posted the server's "
		    "admin password in a comment, then deleted it."), &id,
		    cause);
	if (error == 0)
		error = demo_do(d, 1, "dispute.assigned", json_pack("{s:I}",
		    "id", (json_int_t)id), NULL, cause);
	if (error == 0)
		error = demo_do(d, 6, "dispute.commented", json_pack(
		    "{s:I,s:s}", "id", (json_int_t)id, "body", "It was an old "
		    "password, already changed. My mistake all the same."),
		    NULL, cause);

	/* 6: opened by babak about ana's proposal: babak is recused. */
	pid = store_int(core_store(d->core), "SELECT min(id) FROM proposals "
	    "WHERE author_uid = ? AND state <> 'draft'", d->people[1].uid, 1);
	about = xasprintf("proposal:%lld", (long long)pid);
	if (error == 0)
		error = demo_do(d, 2, "dispute.opened", json_pack("{s:s,s:s}",
		    "about", about, "reason", "Its budget was never agreed."),
		    &id, cause);
	free(about);
	if (error == 0)
		error = demo_do(d, 2, "dispute.assigned", json_pack("{s:I}",
		    "id", (json_int_t)id), NULL, cause);
	return (error);
}

/* Initiatives with tasks in every status (one overdue), and kudos. */
static int
demo_progress(struct demo *d, char **cause)
{
	static const struct {
		int		 who;	/* adds it */
		const char	*title;
		int		 owner;	/* -1: nobody */
		const char	*status;
		int		 progress;
		int		 weight;
		int		 due;	/* days from now; 0: none */
	} tasks[] = {
		{ 1, "Write the proposal up in the wiki", 1, "done", 100, 1, 0 },
		{ 1, "Set up the quiet-hours cron job", 3, "doing", 60, 3, 5 },
		{ 1, "Announce it in the motd", 6, "todo", 0, 1, -1 },
		{ 1, "Translate the notice to Persian", -1, "todo", 0, 1, 9 },
		{ 2, "Tell the treasurer about the quicker rule", 2, "blocked",
		  20, 2, 3 },
		{ 2, "Update the purchases page on the wiki", -1, "todo", 0, 5,
		  14 },
	};
	int64_t	 ids[2], tid, now = moot_now_ms();
	json_t	*args;
	size_t	 i;
	int	 error = 0, n;

	n = (int)store_int(core_store(d->core), "SELECT count(*) FROM "
	    "proposals WHERE outcome = 'passed' AND kind = 'motion'", 0, 0);
	ids[0] = store_int(core_store(d->core), "SELECT min(id) FROM "
	    "proposals WHERE outcome = 'passed' AND kind = 'motion'", 0, 0);
	/* A second initiative: the latest other proposal that passed. */
	ids[1] = store_int(core_store(d->core), "SELECT max(id) FROM "
	    "proposals WHERE outcome = 'passed' AND id <> ?", ids[0], 0);
	if (ids[1] == 0)
		ids[1] = ids[0];
	for (i = 0; error == 0 && n > 0 && i < MOOT_NITEMS(tasks); i++) {
		args = json_pack("{s:I,s:s,s:i}", "proposal",
		    (json_int_t)ids[i < 4 ? 0 : 1], "title", tasks[i].title,
		    "weight", tasks[i].weight);
		if (tasks[i].due != 0)
			json_object_set_new(args, "due_ts", json_integer(now +
			    tasks[i].due * DEMO_DAY));
		if (tasks[i].owner != -1)
			json_object_set_new(args, "owner", json_string(
			    d->people[tasks[i].owner].name));
		error = demo_do(d, tasks[i].who, "task.added", args, &tid,
		    cause);
		if (error == 0 && strcmp(tasks[i].status, "todo") != 0)
			error = demo_do(d, tasks[i].who, "task.updated",
			    json_pack("{s:I,s:s,s:i}", "id", (json_int_t)tid,
			    "status", tasks[i].status, "progress",
			    tasks[i].progress), NULL, cause);
	}
	if (error == 0)
		error = demo_do(d, 3, "kudos.given", json_pack("{s:s,s:s,s:s}",
		    "to", "ana", "note", "Thank you for the wiki page, it is "
		    "clear and short.", "about", "task:1"), NULL, cause);
	if (error == 0)
		error = demo_do(d, 6, "kudos.given", json_pack("{s:s,s:s}",
		    "to", "babak", "note", "ممنون برای کمک با ترجمه"), NULL,
		    cause);
	if (error == 0)
		error = demo_do(d, 0, "kudos.given", json_pack("{s:s,s:s,s:s}",
		    "to", "ana", "note", "Patient and fair with dispute #1.",
		    "about", "dispute:1"), NULL, cause);
	if (error == 0)
		error = demo_do(d, 5, "kudos.given", json_pack("{s:s,s:s}",
		    "to", "chen", "note", "Your cron job saved my evening."),
		    NULL, cause);
	return (error);
}

/*
 * Votes: those that closed long ago open after a week of discussion and
 * are counted as their deadlines pass (one without quorum runs on first);
 * then come disputes and tasks on what passed; the rest open two days
 * before now (or as soon after as the disputes allow), so that they are
 * still open.
 */
static int
demo_votes(struct demo *d, const int64_t *ids, int64_t hidden, char **cause)
{
	int64_t	now = moot_now_ms();
	int	error;

	d->now += 8 * DEMO_DAY;
	if ((error = demo_open(d, ids, "closed", cause)) != 0)
		return (error);
	d->now += 8 * DEMO_DAY;
	if (core_settle(d->core, 0, cause) < 0)
		return (-EIO);
	d->now += 7 * DEMO_DAY;
	if (core_settle(d->core, 0, cause) < 0)
		return (-EIO);
	/* The week before the votes still open: disputes and the work. */
	if ((error = demo_disputes(d, hidden, cause)) != 0 ||
	    (error = demo_progress(d, cause)) != 0)
		return (error);
	if (d->now < now - 2 * DEMO_DAY)
		d->now = now - 2 * DEMO_DAY;
	return (demo_open(d, ids, "open", cause));
}

int
core_demo(struct core *c, const struct actor *leader, char **cause)
{
	struct demo	 d;
	json_t		*args;
	int64_t		 ids[MOOT_NITEMS(demo_proposals)];
	int64_t		 pid, cid, hidden = 0, doxx = 0, seq;
	size_t		 i, k, n;
	int		 error, who;

	memset(&d, 0, sizeof d);
	d.core = c;
	d.seed = 20261124;
	d.now = moot_now_ms() - 46 * DEMO_DAY;
	d.people[0] = *leader;
	for (i = 1; i < MOOT_NITEMS(demo_names); i++) {
		d.people[i].uid = 60000 + (int64_t)i;
		d.people[i].name = demo_names[i];
	}
	core_set_clock(c, demo_clock, &d);
	if ((error = core_batch_begin(c, cause)) != 0)
		goto out;

	error = demo_do(&d, 0, "community.created", json_pack(
	    "{s:s,s:s,s:s,s:s,s:s}", "name", "tilde.demo", "agreement",
	    "Be kind. What you write here is logged for every member to "
	    "read and verify.\nProposals are published under CC-BY-SA-4.0 "
	    "unless they say otherwise.\n", "agreement_version", "1",
	    "licence", "CC-BY-SA-4.0", "membership", "open"), NULL, cause);
	for (i = 1; error == 0 && i < MOOT_NITEMS(demo_names); i++)
		error = demo_do(&d, (int)i, "member.joined", json_pack("{s:s}",
		    "agreement_version", "1"), NULL, cause);
	if (error == 0)
		error = demo_do(&d, 0, "role.changed", json_pack("{s:s,s:s}",
		    "user", "ana", "role", "moderator"), NULL, cause);
	if (error == 0)
		error = demo_do(&d, 0, "role.changed", json_pack("{s:s,s:s}",
		    "user", "babak", "role", "moderator"), NULL, cause);
	if (error == 0)
		error = demo_do(&d, 0, "role.changed", json_pack("{s:s,s:s}",
		    "user", "goran", "role", "observer"), NULL, cause);

	for (i = 0; error == 0 && i < MOOT_NITEMS(demo_proposals); i++) {
		/* Observers (goran, 7) do not propose. */
		who = (int)(i % 7);
		if (strcmp(demo_proposals[i].title,
		    "قوانین سرور را به فارسی ترجمه کنیم") == 0)
			who = 2;
		args = json_pack("{s:s,s:s,s:s,s:b}", "title",
		    demo_proposals[i].title, "body", demo_proposals[i].body,
		    "kind", demo_proposals[i].kind, "draft",
		    strcmp(demo_proposals[i].state, "draft") == 0);
		if (demo_proposals[i].options != NULL)
			json_object_set_new(args, "options", demo_split(
			    demo_proposals[i].options));
		if (strcmp(demo_proposals[i].kind, "rules") == 0)
			json_object_set_new(args, "change",
			    demo_rules_change());
		error = demo_do(&d, who, "proposal.created", args, &pid,
		    cause);
		ids[i] = pid;
		n = strcmp(demo_proposals[i].state, "draft") == 0 ? 0 :
		    1 + demo_rand(&d, 4);
		for (k = 0; error == 0 && k < n; k++) {
			error = demo_do(&d, (int)demo_rand(&d, 7),
			    "comment.added", json_pack("{s:I,s:s}", "proposal",
			    (json_int_t)pid, "body",
			    demo_comments[demo_rand(&d,
			    MOOT_NITEMS(demo_comments))]), &cid, cause);
		}
		if (error == 0 && i == 17) {
			error = demo_do(&d, 4, "comment.added", json_pack(
			    "{s:I,s:s}", "proposal", (json_int_t)pid, "body",
			    "Whoever did it last time is an idiot and should "
			    "be banned."), &hidden, cause);
		}
		if (error == 0 && i == 2) {
			error = demo_do(&d, 5, "comment.added", json_pack(
			    "{s:I,s:s}", "proposal", (json_int_t)pid, "body",
			    "Ask the admin at home, he lives at 12 Example "
			    "Street, phone +1 555 0100."), &doxx, cause);
		}
		if (error == 0 && strcmp(demo_proposals[i].state,
		    "withdrawn") == 0)
			error = demo_do(&d, who, "proposal.withdrawn",
			    json_pack("{s:I,s:s}", "id", (json_int_t)pid,
			    "reason", "the discussion convinced me"), NULL,
			    cause);
	}
	if (error == 0)
		error = demo_do(&d, 1, "comment.hidden", json_pack("{s:I,s:s}",
		    "id", (json_int_t)hidden, "reason",
		    "personal attack; please discuss the proposal, not people"),
		    NULL, cause);
	if (error == 0) {
		/* The redaction needs the seq of the doxxing comment. */
		seq = store_int(core_store(c), "SELECT seq FROM log_index "
		    "WHERE ref = 'comment:' || ?", doxx, 0);
		error = demo_do(&d, 0, "log.redacted", json_pack("{s:I,s:s}",
		    "seq", (json_int_t)seq, "reason",
		    "a member's home address and phone number"), NULL, cause);
	}
	if (error == 0)
		error = demo_votes(&d, ids, hidden, cause);
	if (error == 0)
		error = core_batch_end(c, cause);
	else
		core_batch_abort(c);
out:
	core_set_clock(c, NULL, NULL);
	if (error != 0 && cause != NULL && *cause != NULL) {
		char *msg = xasprintf("cannot build the demo: %s", *cause);

		free(*cause);
		*cause = msg;
	}
	return (error);
}
