/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The demo community that `moot --demo` opens: eight members, thirty
 * proposals in every state so far, discussions in several scripts
 * (Persian, Japanese and Chinese, combining accents, emoji), a hidden
 * comment and a redacted one. Everything is written through
 * core_submit(), the same write path as any request, so `moot --demo
 * verify` and `check` hold on it. The person who runs the demo is its
 * leader; the seven others have uids no real account is likely to have.
 * A fixed seed and a simulated clock make it the same every time, but
 * for the leader's name and the dates (the forty days before it is
 * built).
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

static const struct {
	const char	*title;
	const char	*body;
	const char	*state;		/* draft, discussion, withdrawn */
	const char	*kind;
} demo_proposals[] = {
	{ "Adopt a code of conduct",
	  "Proposal: adopt the Contributor Covenant 2.1 as our code of "
	  "conduct,\nwith moderators as the contacts it names.\n",
	  "discussion", "motion" },
	{ "Nightly backups to the second disk",
	  "Run restic every night at 03:00 to /srv/backup and keep 14 "
	  "daily\nand 8 weekly snapshots.\n", "discussion", "motion" },
	{ "Raise the per-user disk quota to 5 GB",
	  "Most of us are close to 2 GB. The disk has 1.2 TB free.\n",
	  "discussion", "motion" },
	{ "Host a Gemini capsule for every member",
	  "Serve ~/public_gemini with molly-brown on port 1965.\n",
	  "discussion", "motion" },
	{ "Monthly tilde radio show",
	  "An hour of music and talk, streamed with icecast, first Friday "
	  "of\nthe month.\n", "discussion", "poll" },
	{ "قوانین سرور را به فارسی ترجمه کنیم",
	  "پیشنهاد می‌کنم قوانین و راهنمای سرور را به فارسی ترجمه کنیم تا\n"
	  "اعضای تازه راحت‌تر بخوانند. من و فرح ترجمه را شروع می‌کنیم.\n",
	  "discussion", "motion" },
	{ "共有サーバーの日本語ドキュメントを作る",
	  "新しいメンバーのために、SSH の設定とサーバーの使い方を日本語で"
	  "まとめましょう。\n", "discussion", "motion" },
	{ "Café meetup in Zürich this spring",
	  "Proposing a meetup at a café near Zürich HB in April; "
	  "Zoë and Björn\noffered to host.\n", "discussion", "poll" },
	{ "Retire the old mail relay",
	  "The relay on port 2525 has had no legitimate traffic for a "
	  "year.\n", "discussion", "motion" },
	{ "Install a shared Jupyter hub",
	  "JupyterHub with the PAM authenticator, one kernel per user, "
	  "2 GB\nRAM each.\n", "discussion", "motion" },
	{ "Buy a UPS for the rack 🔋",
	  "Two power cuts this winter cost us a corrupted filesystem. A "
	  "1500 VA\nUPS costs about 250 EUR.\n", "discussion", "motion" },
	{ "Limit cron jobs to ten minutes of CPU",
	  "Use systemd's CPUQuota for user slices instead.\n",
	  "discussion", "motion" },
	{ "Open an IRC bridge to Matrix",
	  "Bridge #tilde to a Matrix room with heisenbridge.\n",
	  "discussion", "motion" },
	{ "Elect two moderators for the next term",
	  "Candidates may nominate themselves in the comments.\n",
	  "discussion", "election" },
	{ "Rotate the MOTD quotes weekly", "A fortune file in git.\n",
	  "discussion", "motion" },
	{ "Write a newcomer's guide",
	  "Covering ssh keys, tmux, mail and how moot works.\n",
	  "discussion", "motion" },
	{ "Publish our uptime on the web page",
	  "A small status page from the monitoring we already run.\n",
	  "discussion", "motion" },
	{ "Ban cryptocurrency mining", "It has happened twice.\n",
	  "discussion", "motion" },
	{ "Move the git forge to Forgejo",
	  "Gitea's fork is community-run and the upgrade is in place.\n",
	  "draft", "motion" },
	{ "Budget for 2027", "Hosting 40 EUR a month; domains 30 EUR a "
	  "year.\n", "draft", "motion" },
	{ "Set up a Mastodon instance", "Needs more thought about "
	  "moderation load.\n", "draft", "motion" },
	{ "Weekly office hours in voice chat", "Thursdays 19:00 UTC.\n",
	  "draft", "poll" },
	{ "Translate moot's help into Chinese 中文",
	  "把帮助文本翻译成中文。\n", "draft", "motion" },
	{ "Adopt a licence for the wiki", "CC-BY-SA-4.0, as proposals.\n",
	  "draft", "motion" },
	{ "Give every member a Minecraft server",
	  "Withdrawn: far beyond our RAM.\n", "withdrawn", "motion" },
	{ "Delete inactive accounts after 30 days",
	  "Too harsh, see the discussion.\n", "withdrawn", "motion" },
	{ "Switch the shell default to fish", "A matter of taste.\n",
	  "withdrawn", "poll" },
	{ "Run a Tor relay", "Our provider forbids it.\n", "withdrawn",
	  "motion" },
	{ "Paid memberships", "Against the spirit of the place.\n",
	  "withdrawn", "motion" },
	{ "Duplicate of the backup proposal", "See #2.\n", "withdrawn",
	  "motion" },
};

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

int
core_demo(struct core *c, const struct actor *leader, char **cause)
{
	struct demo	 d;
	int64_t		 pid, cid, hidden = 0, doxx = 0, seq;
	size_t		 i, k, n;
	int		 error, who;

	memset(&d, 0, sizeof d);
	d.core = c;
	d.seed = 20261124;
	d.now = moot_now_ms() - 40 * DEMO_DAY;
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
		error = demo_do(&d, who, "proposal.created", json_pack(
		    "{s:s,s:s,s:s,s:b}", "title", demo_proposals[i].title,
		    "body", demo_proposals[i].body, "kind",
		    demo_proposals[i].kind, "draft",
		    strcmp(demo_proposals[i].state, "draft") == 0), &pid,
		    cause);
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
