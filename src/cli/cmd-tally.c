/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * moot tally: count a ballot file offline, with no database and no
 * daemon, so that anyone (an election officer checking a published
 * result, a member curious about a method) can recount. It reads a
 * moot-ballots(5) file or a PrefLib file, runs tally_run() and prints
 * the count in a layout that fits 80 columns for up to about eight
 * options (pairwise and strongest-path matrices for schulze, rounds for
 * irv, stages for stv), then the ranking, the winners and the summary;
 * or, with --json, one object holding all of it.
 *
 * Exit codes: 0 counted, 1 the file or the count failed, 2 usage.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "moot/ballots.h"
#include "moot/tally.h"
#include "moot.h"

#define CMD_TALLY_WIDTH	80

static const char cmd_tally_usage[] =
    "usage: moot tally --method METHOD [--seats N] [--default OPTION]\n"
    "                  [--quorum Q --eligible N] [--threshold T]\n"
    "                  [--ties report|break] [--score-max N] [--budget N]\n"
    "                  [--json] FILE\n";

static const char cmd_tally_help[] =
    "Count a ballot file offline and explain the result.\n"
    "\n"
    "FILE is a moot-ballots(5) file (one line per ballot group, such as\n"
    "'12: A > B = C' or '3: A, B' or '2: A=5, B=3'), or a PrefLib file\n"
    "(.soc, .soi, .toc, .toi). '-' reads standard input.\n"
    "\n"
    "  -m, --method METHOD   yesno, consent, consensus, approval, plurality,\n"
    "                        score, dot, schulze, irv or stv\n"
    "      --seats N         winners to elect (default 1)\n"
    "      --default OPTION  schulze: the default option (name or number),\n"
    "                        as \"None of the above\" in Debian's A.6\n"
    "      --quorum Q        30%, 1/3 or a number of ballots\n"
    "      --eligible N      the number of eligible voters\n"
    "      --threshold T     >1/2, >=2/3, 60% or a ratio such as 3:1\n"
    "      --ties MODE       report ties as an outcome, or break them by\n"
    "                        the documented rule (default: break)\n"
    "      --score-max N     score: the highest score (default 10)\n"
    "      --budget N        dot: the points each voter spreads (default 10)\n"
    "      --json            print one JSON object\n"
    "  -h, --help            show this help\n"
    "\n"
    "Exit status: 0 counted, 1 the file or the count failed, 2 usage.\n";

enum {
	CMD_TALLY_SEATS = 256,
	CMD_TALLY_DEFAULT,
	CMD_TALLY_QUORUM,
	CMD_TALLY_ELIGIBLE,
	CMD_TALLY_THRESHOLD,
	CMD_TALLY_TIES,
	CMD_TALLY_SCOREMAX,
	CMD_TALLY_BUDGET,
	CMD_TALLY_JSON,
};

static const struct option cmd_tally_options[] = {
	{ "method", required_argument, NULL, 'm' },
	{ "seats", required_argument, NULL, CMD_TALLY_SEATS },
	{ "default", required_argument, NULL, CMD_TALLY_DEFAULT },
	{ "quorum", required_argument, NULL, CMD_TALLY_QUORUM },
	{ "eligible", required_argument, NULL, CMD_TALLY_ELIGIBLE },
	{ "threshold", required_argument, NULL, CMD_TALLY_THRESHOLD },
	{ "ties", required_argument, NULL, CMD_TALLY_TIES },
	{ "score-max", required_argument, NULL, CMD_TALLY_SCOREMAX },
	{ "budget", required_argument, NULL, CMD_TALLY_BUDGET },
	{ "json", no_argument, NULL, CMD_TALLY_JSON },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static int
cmd_tally_usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "moot tally: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n%s", cmd_tally_usage);
	return (2);
}

/* A positive number for an option, or false. */
static bool
cmd_tally_number(const char *s, uint64_t max, uint64_t *out)
{
	char			*end;
	unsigned long long	 v;

	if (*s < '0' || *s > '9')
		return (false);
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0' || v > max)
		return (false);
	*out = v;
	return (true);
}

/* Columns a UTF-8 string takes (one per code point). */
static size_t
cmd_tally_width(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++) {
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	}
	return (n);
}

/* Print s in exactly w columns, cut with '~' if longer. */
static void
cmd_tally_cell(const char *s, size_t w)
{
	size_t	n = 0;

	for (; *s != '\0'; s++) {
		if (((unsigned char)*s & 0xc0) != 0x80) {
			if (n + 1 == w && cmd_tally_width(s) > 1) {
				putchar('~');
				n++;
				break;
			}
			if (n == w)
				break;
			n++;
		}
		putchar(*s);
	}
	for (; n < w; n++)
		putchar(' ');
}

static size_t
cmd_tally_namewidth(const struct tally_ballots *b, size_t cap)
{
	size_t	i, w = 7;

	for (i = 0; i < b->noptions; i++) {
		if (cmd_tally_width(b->options[i]) > w)
			w = cmd_tally_width(b->options[i]);
	}
	return (w > cap ? cap : w);
}

/* A matrix of integers, rows and columns numbered as the options. */
static void
cmd_tally_matrix(const struct tally_ballots *b, json_t *m, const char *title)
{
	size_t		 n = b->noptions, i, j, w = 3, nw;
	json_int_t	 v;
	char		 num[32];

	if (!json_is_array(m))
		return;
	for (i = 0; i < n; i++) {
		for (j = 0; j < n; j++) {
			v = json_integer_value(json_array_get(
			    json_array_get(m, i), j));
			snprintf(num, sizeof num, "%lld", (long long)v);
			if (strlen(num) > w)
				w = strlen(num);
		}
	}
	w++;
	nw = CMD_TALLY_WIDTH - 5 - n * w;
	if (nw > 20)
		nw = 20;
	if (nw < 6)
		nw = 6;
	printf("\n%s\n", title);
	printf("%*s", (int)(nw + 5), "");
	for (j = 0; j < n; j++)
		printf("%*zu", (int)w, j + 1);
	putchar('\n');
	for (i = 0; i < n; i++) {
		printf("%3zu  ", i + 1);
		cmd_tally_cell(b->options[i], nw);
		for (j = 0; j < n; j++) {
			if (i == j) {
				printf("%*s", (int)w, "-");
				continue;
			}
			v = json_integer_value(json_array_get(
			    json_array_get(m, i), j));
			printf("%*lld", (int)w, (long long)v);
		}
		putchar('\n');
	}
}

static void
cmd_tally_schulze(const struct tally_ballots *b, json_t *ex)
{
	json_t	*a, *e;
	size_t	 i;

	cmd_tally_matrix(b, json_object_get(ex, "d"), "Pairwise preferences "
	    "d[i][j]: ballots ranking row i above column j");
	cmd_tally_matrix(b, json_object_get(ex, "p"), "Strongest paths "
	    "p[i][j]: winning votes of the weakest defeat on the path");
	a = json_object_get(ex, "majority");
	if (json_array_size(a) != 0) {
		printf("\nAgainst the default option %s:\n", json_string_value(
		    json_object_get(ex, "default_option")));
		json_array_foreach(a, i, e) {
			printf("  %-28s %lld for, %lld against: %s %s\n",
			    json_string_value(json_object_get(e, "option")),
			    json_integer_value(json_object_get(e, "for")),
			    json_integer_value(json_object_get(e, "against")),
			    json_is_true(json_object_get(e, "met")) ?
			    "meets" : "fails",
			    json_string_value(json_object_get(e, "rule")));
		}
	}
	a = json_object_get(ex, "dropped");
	if (json_array_size(a) != 0) {
		printf("\nDropped:\n");
		json_array_foreach(a, i, e) {
			printf("  %s: %s\n", json_string_value(
			    json_object_get(e, "option")), json_string_value(
			    json_object_get(e, "detail")));
		}
	}
	a = json_object_get(ex, "schwartz_set");
	printf("\nSchwartz set:");
	json_array_foreach(a, i, e)
		printf("%s %s", i == 0 ? "" : ",", json_string_value(e));
	printf("\nPotential winners:");
	a = json_object_get(ex, "potential_winners");
	json_array_foreach(a, i, e)
		printf("%s %s", i == 0 ? "" : ",", json_string_value(e));
	putchar('\n');
}

/*
 * A table of rounds or stages: one row per option, one column per step,
 * wrapped into blocks that fit the width.
 */
static void
cmd_tally_steps(const struct tally_ballots *b, json_t *steps,
    const char *key, const char *word, size_t cw)
{
	size_t	 n = b->noptions, ns = json_array_size(steps), nw, per;
	size_t	 first, s, i;
	json_t	*v;
	char	 head[32];

	nw = cmd_tally_namewidth(b, 22);
	per = (CMD_TALLY_WIDTH - nw - 2) / cw;
	if (per == 0)
		per = 1;
	for (first = 0; first < ns; first += per) {
		printf("\n%*s", (int)(nw + 2), "");
		for (s = first; s < ns && s < first + per; s++) {
			snprintf(head, sizeof head, "%s %zu", word, s + 1);
			printf("%*s", (int)cw, head);
		}
		putchar('\n');
		for (i = 0; i < n; i++) {
			printf("  ");
			cmd_tally_cell(b->options[i], nw);
			for (s = first; s < ns && s < first + per; s++) {
				v = json_array_get(json_object_get(
				    json_array_get(steps, s), key), i);
				if (json_is_string(v))
					printf("%*s", (int)cw,
					    json_string_value(v));
				else if (json_is_integer(v))
					printf("%*lld", (int)cw,
					    json_integer_value(v));
				else
					printf("%*s", (int)cw, "-");
			}
			putchar('\n');
		}
	}
}

static void
cmd_tally_names(json_t *a)
{
	json_t	*e;
	size_t	 i;

	json_array_foreach(a, i, e)
		printf("%s%s", i == 0 ? "" : ", ", json_string_value(e));
}

static void
cmd_tally_irv(const struct tally_ballots *b, json_t *ex)
{
	json_t	*rounds = json_object_get(ex, "rounds"), *rd, *x;
	size_t	 i;

	cmd_tally_steps(b, rounds, "tallies", "round", 9);
	printf("\n");
	json_array_foreach(rounds, i, rd) {
		printf("Round %zu: %lld counted, majority %lld, %lld "
		    "exhausted", i + 1,
		    json_integer_value(json_object_get(rd, "counted")),
		    json_integer_value(json_object_get(rd, "majority")),
		    json_integer_value(json_object_get(rd, "exhausted")));
		if (json_integer_value(json_object_get(rd, "tied_ballots")))
			printf(", %lld tied", json_integer_value(
			    json_object_get(rd, "tied_ballots")));
		x = json_object_get(rd, "elected");
		if (x != NULL)
			printf("; %s wins", json_string_value(x));
		x = json_object_get(rd, "excluded");
		if (json_array_size(x) != 0) {
			printf("; excluded ");
			cmd_tally_names(x);
		}
		x = json_object_get(rd, "reason");
		if (x != NULL)
			printf(" (%s)", json_string_value(x));
		printf("\n");
	}
}

static void
cmd_tally_stv(const struct tally_ballots *b, json_t *ex)
{
	json_t	*stages = json_object_get(ex, "stages"), *st, *x, *t;
	size_t	 i, j;

	printf("\n%s\nValid ballots %lld, quota %s.\n",
	    json_string_value(json_object_get(ex, "variant")),
	    json_integer_value(json_object_get(ex, "valid")),
	    json_string_value(json_object_get(ex, "quota_arithmetic")));
	cmd_tally_steps(b, stages, "votes", "stage", 12);
	printf("\n");
	json_array_foreach(stages, i, st) {
		printf("Stage %zu: %s", i + 1, json_string_value(
		    json_object_get(st, "action")));
		x = json_object_get(st, "from");
		if (x != NULL) {
			printf(" of %s (%s over the quota)",
			    json_string_value(x), json_string_value(
			    json_object_get(st, "surplus")));
		}
		x = json_object_get(st, "transfer_values");
		json_array_foreach(x, j, t) {
			printf("%s%lld ballots at %s pass at %s",
			    j == 0 ? ": " : ", ",
			    json_integer_value(json_object_get(t, "ballots")),
			    json_string_value(json_object_get(t, "value")),
			    json_string_value(json_object_get(t,
			    "transfer_value")));
		}
		x = json_object_get(st, "excluded");
		if (json_array_size(x) != 0) {
			printf(": ");
			cmd_tally_names(x);
			printf(" excluded");
		}
		x = json_object_get(st, "reason");
		if (x != NULL)
			printf(" (%s)", json_string_value(x));
		x = json_object_get(st, "elected");
		if (json_array_size(x) != 0) {
			printf("; elected ");
			cmd_tally_names(x);
		}
		x = json_object_get(st, "elected_rule_52");
		if (json_array_size(x) != 0) {
			printf("; ");
			cmd_tally_names(x);
			printf(" fill the last seats (rule 52)");
		}
		printf("\n");
	}
}

static void
cmd_tally_simple(json_t *ex)
{
	json_t		*x, *e;
	const char	*k;
	size_t		 i;

	x = json_object_get(ex, "counts");
	if (x != NULL) {
		printf("\nCounts:");
		json_object_foreach(x, k, e)
			printf(" %s %lld", k, json_integer_value(e));
		printf("\n");
	}
	x = json_object_get(ex, "threshold");
	if (x != NULL) {
		printf("Threshold %s: %s, %s\n", json_string_value(
		    json_object_get(x, "rule")), json_string_value(
		    json_object_get(x, "arithmetic")),
		    json_is_true(json_object_get(x, "met")) ? "met" :
		    "not met");
	}
	x = json_object_get(ex, "totals");
	if (x != NULL) {
		printf("\nTotals (%s):\n", json_string_value(json_object_get(ex,
		    "unit")));
		json_array_foreach(x, i, e) {
			printf("  %-30s %8lld\n", json_string_value(
			    json_object_get(e, "option")), json_integer_value(
			    json_object_get(e, "total")));
		}
	}
}

/* The method's part of a count: matrices, rounds, stages or totals. */
static void
cmd_tally_count(const struct tally_ballots *b, enum tally_method m,
    json_t *ex)
{
	switch (m) {
	case TALLY_SCHULZE:
		cmd_tally_schulze(b, ex);
		break;
	case TALLY_IRV:
		cmd_tally_irv(b, ex);
		break;
	case TALLY_STV:
		cmd_tally_stv(b, ex);
		break;
	case TALLY_YESNO:
	case TALLY_CONSENT:
	case TALLY_CONSENSUS:
	case TALLY_APPROVAL:
	case TALLY_PLURALITY:
	case TALLY_SCORE:
	case TALLY_DOT:
		cmd_tally_simple(ex);
		break;
	}
}

void
cmd_tally_explain(json_t *options, const char *method, json_t *explain)
{
	struct tally_ballots	 b;
	enum tally_method	 m;
	json_t			*o;
	size_t			 i;

	if (tally_parse_method(method, &m, NULL) != 0)
		return;
	tally_ballots_init(&b);
	if (tally_method_choices(m) != NULL)
		tally_ballots_init_choices(&b, m);
	else {
		json_array_foreach(options, i, o)
			(void)tally_ballots_add_option(&b,
			    json_string_value(o), NULL);
	}
	cmd_tally_count(&b, m, explain);
	tally_ballots_free(&b);
}

static void
cmd_tally_text(const struct tally_ballots *b, const struct tally_params *p,
    const struct tally_result *r)
{
	json_t	*ex = r->explain, *q;
	size_t	 i;

	printf("Method: %s\nBallots: %lld", tally_method_name(p->method),
	    json_integer_value(json_object_get(ex, "ballots")));
	if (p->eligible != 0)
		printf(" of %" PRIu64 " eligible", p->eligible);
	q = json_object_get(ex, "quorum");
	if (json_is_object(q)) {
		printf("; quorum %s = %lld ballots", json_string_value(
		    json_object_get(q, "rule")), json_integer_value(
		    json_object_get(q, "required")));
	}
	printf("\n");
	if (tally_method_choices(p->method) == NULL) {
		printf("Options:\n");
		for (i = 0; i < b->noptions; i++)
			printf("%5zu  %s\n", i + 1, b->options[i]);
	}
	cmd_tally_count(b, p->method, ex);
	if (r->nranking != 0) {
		printf("\nRanking:\n");
		for (i = 0; i < r->nranking; i++) {
			printf("%5zu%c %s\n", r->ranks[i], i != 0 &&
			    r->ranks[i] == r->ranks[i - 1] ? '=' : '.',
			    b->options[r->ranking[i]]);
		}
	}
	if (r->nwinners != 0) {
		printf("\n%s: ", r->nwinners == 1 ? "Winner" : "Winners");
		for (i = 0; i < r->nwinners; i++)
			printf("%s%s", i == 0 ? "" : ", ",
			    b->options[r->winners[i]]);
		printf("\n");
	}
	if (r->ntied != 0) {
		printf("\nTied: ");
		for (i = 0; i < r->ntied; i++)
			printf("%s%s", i == 0 ? "" : ", ",
			    b->options[r->tied[i]]);
		printf("\n");
	}
	printf("\n%s\n", r->summary);
}

static void
cmd_tally_json(const struct tally_ballots *b, const struct tally_params *p,
    const struct tally_result *r)
{
	json_t	*o, *a;
	size_t	 i;

	o = json_object();
	json_object_set_new(o, "method",
	    json_string(tally_method_name(p->method)));
	a = json_array();
	for (i = 0; i < r->nwinners; i++)
		json_array_append_new(a,
		    json_string(b->options[r->winners[i]]));
	json_object_set_new(o, "winners", a);
	if (r->ntied != 0) {
		a = json_array();
		for (i = 0; i < r->ntied; i++)
			json_array_append_new(a,
			    json_string(b->options[r->tied[i]]));
		json_object_set_new(o, "tied", a);
	}
	json_object_set_new(o, "outcome",
	    json_string(tally_outcome_name(r->outcome)));
	json_object_set_new(o, "summary", json_string(r->summary));
	json_object_set(o, "explain", r->explain);
	json_dumpf(o, stdout, JSON_INDENT(2));
	putchar('\n');
	json_decref(o);
}

int
cmd_tally_main(int argc, char **argv)
{
	struct tally_ballots	 b;
	struct tally_params	 p;
	struct tally_result	 r;
	enum tally_method	 m = TALLY_YESNO;
	const char		*method = NULL, *dflt = NULL, *quorum = NULL;
	const char		*threshold = NULL, *file;
	char			*cause = NULL;
	uint64_t		 seats = 1, eligible = 0, scoremax = 10;
	uint64_t		 budget = 10, v;
	bool			 json = false, report = false;
	int			 ch, error, rc = 1;

#ifdef __GLIBC__
	optind = 0;
#else
	optind = 1;
#endif
	while ((ch = getopt_long(argc, argv, "hm:", cmd_tally_options,
	    NULL)) != -1) {
		switch (ch) {
		case 'm':
			method = optarg;
			break;
		case CMD_TALLY_SEATS:
			if (!cmd_tally_number(optarg, TALLY_MAX_OPTIONS,
			    &seats) || seats == 0)
				return (cmd_tally_usage_error("--seats takes "
				    "a number from 1, not '%s'", optarg));
			break;
		case CMD_TALLY_DEFAULT:
			dflt = optarg;
			break;
		case CMD_TALLY_QUORUM:
			quorum = optarg;
			break;
		case CMD_TALLY_ELIGIBLE:
			if (!cmd_tally_number(optarg, TALLY_MAX_BALLOTS,
			    &eligible) || eligible == 0)
				return (cmd_tally_usage_error("--eligible "
				    "takes a number from 1, not '%s'",
				    optarg));
			break;
		case CMD_TALLY_THRESHOLD:
			threshold = optarg;
			break;
		case CMD_TALLY_TIES:
			if (strcmp(optarg, "report") == 0)
				report = true;
			else if (strcmp(optarg, "break") == 0)
				report = false;
			else
				return (cmd_tally_usage_error("--ties is "
				    "'report' or 'break', not '%s'", optarg));
			break;
		case CMD_TALLY_SCOREMAX:
			if (!cmd_tally_number(optarg, TALLY_MARK_MAX,
			    &scoremax) || scoremax == 0)
				return (cmd_tally_usage_error("--score-max "
				    "takes a number from 1, not '%s'",
				    optarg));
			break;
		case CMD_TALLY_BUDGET:
			if (!cmd_tally_number(optarg, UINT32_MAX, &budget) ||
			    budget == 0)
				return (cmd_tally_usage_error("--budget takes "
				    "a number from 1, not '%s'", optarg));
			break;
		case CMD_TALLY_JSON:
			json = true;
			break;
		case 'h':
			printf("%s\n%s", cmd_tally_usage, cmd_tally_help);
			return (0);
		default:
			fprintf(stderr, "%s", cmd_tally_usage);
			return (2);
		}
	}
	if (optind != argc - 1) {
		return (cmd_tally_usage_error("%s", optind >= argc ?
		    "which ballot file? (give one FILE, or - for standard "
		    "input)" : "give one ballot file"));
	}
	file = argv[optind];
	if (method == NULL)
		return (cmd_tally_usage_error("%s", "--method is required "
		    "(e.g. --method schulze)"));
	if (tally_parse_method(method, &m, &cause) != 0) {
		rc = cmd_tally_usage_error("%s", cause);
		free(cause);
		return (rc);
	}
	tally_params_init(&p, m);
	p.seats = (unsigned)seats;
	p.eligible = eligible;
	p.report_ties = report;
	p.score_max = (unsigned)scoremax;
	p.dot_budget = (unsigned)budget;
	if (quorum != NULL &&
	    tally_parse_quorum(quorum, &p.quorum, &cause) != 0) {
		rc = cmd_tally_usage_error("%s", cause);
		free(cause);
		return (rc);
	}
	if (threshold != NULL &&
	    tally_parse_threshold(threshold, &p.threshold, &cause) != 0) {
		rc = cmd_tally_usage_error("%s", cause);
		free(cause);
		return (rc);
	}
	if (p.quorum.kind == TALLY_QUORUM_SHARE && eligible == 0)
		return (cmd_tally_usage_error("%s", "a quorum given as a "
		    "share needs --eligible N"));

	tally_ballots_init(&b);
	memset(&r, 0, sizeof r);
	if (tally_method_choices(m) != NULL)
		tally_ballots_init_choices(&b, m);
	error = ballots_load(file, tally_method_ballot_kind(m), &b, &cause);
	if (error != 0)
		goto fail;
	if (dflt != NULL) {
		p.default_option = tally_ballots_find(&b, dflt);
		if (p.default_option == TALLY_NO_OPTION &&
		    cmd_tally_number(dflt, b.noptions, &v) && v >= 1)
			p.default_option = (size_t)v - 1;
		if (p.default_option == TALLY_NO_OPTION) {
			error = moot_fail(&cause, -EINVAL, "--default %s is "
			    "not an option of %s (name it or give its number)",
			    dflt, file);
			goto fail;
		}
	}
	error = tally_run(&b, &p, &r, &cause);
	if (error != 0)
		goto fail;
	if (json)
		cmd_tally_json(&b, &p, &r);
	else
		cmd_tally_text(&b, &p, &r);
	rc = 0;
	goto out;

fail:
	fprintf(stderr, "moot tally: %s\n", cause);
	free(cause);
	rc = 1;
out:
	tally_result_free(&r);
	tally_ballots_free(&b);
	return (rc);
}
