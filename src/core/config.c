/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * moot.conf(5): the table of keys, the readers of each value type, and
 * the loader that merges files into a struct config. iniparser reads the
 * values but reports no line numbers for them, so the loader also scans
 * the file itself, with iniparser's rules, to learn the line of every
 * section and key; iniparser's own syntax errors are captured through
 * its error callback rather than printed. A file is applied whole or not
 * at all:
 *
 *	path --iniparser_load--> dictionary: section:key -> value
 *	     (or a syntax error, with the line iniparser names)
 *	path --getline--> lines: [section] or key, with line numbers
 *	for each line, in file order:
 *		unknown section or key, bad value --> "FILE:LINE: ..." error
 *		else parse the value by its row --> pending
 *	no error --> store every pending value into the struct
 *
 * A key that appears twice in a file takes its last value, as iniparser
 * keeps it. Nothing here is thread-safe: the error callback is global.
 */
#include <sys/types.h>

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <iniparser/iniparser.h>

#include "moot/config.h"
#include "moot/core.h"
#include "moot/util.h"

#define CONFIG_FIELD(f) offsetof(struct config, f)

/* Longest line iniparser 4.1 reads (ASCIILINESZ less the newline). */
#define CONFIG_LINE_MAX 1022

/* The longest value quoted in an error message. */
#define CONFIG_QUOTE_MAX 60

/*
 * moot.conf. One row per key; man/moot.conf.5 and contrib/moot.conf
 * describe the same keys (tests/unit/test-config.c checks both).
 */
static const struct config_key config_moot_keys[] = {
	{ .section = "moot", .name = "socket", .type = CONFIG_PATH,
	  .def = "/run/moot/mootd.sock", .offset = CONFIG_FIELD(socket),
	  .max = 107,
	  .help = "mootd's socket; empty: run the server in-process" },
	{ .section = "moot", .name = "database", .type = CONFIG_PATH,
	  .def = "", .offset = CONFIG_FIELD(database),
	  .help = "the database; empty: $XDG_DATA_HOME/moot/moot.db" },

	{ .section = "community", .name = "name", .type = CONFIG_STRING,
	  .def = "moot", .offset = CONFIG_FIELD(community_name),
	  .min = 1, .max = 64,
	  .help = "the community's name, as moot shows it" },
	{ .section = "community", .name = "membership",
	  .type = CONFIG_MEMBERSHIP,
	  .def = "open", .offset = CONFIG_FIELD(membership),
	  .help = "who may join: open, invite or group:NAME" },
	{ .section = "community", .name = "agreement", .type = CONFIG_PATH,
	  .def = "", .offset = CONFIG_FIELD(agreement_file),
	  .help = "file holding the community agreement; empty: built in" },
	{ .section = "community", .name = "agreement_version",
	  .type = CONFIG_STRING,
	  .def = "1", .offset = CONFIG_FIELD(agreement_version),
	  .min = 1, .max = 64,
	  .help = "version of the agreement that joining members accept" },
	{ .section = "community", .name = "licence", .type = CONFIG_STRING,
	  .def = "CC-BY-SA-4.0", .offset = CONFIG_FIELD(licence),
	  .min = 1, .max = 128,
	  .help = "default licence of what members contribute" },

	{ .section = "ui", .name = "color", .type = CONFIG_ENUM,
	  .def = "auto", .offset = CONFIG_FIELD(color),
	  .words = "auto always never",
	  .help = "use colours: auto (unless NO_COLOR), always or never" },
	{ .section = "ui", .name = "date_format", .type = CONFIG_STRING,
	  .def = "%Y-%m-%d %H:%M", .offset = CONFIG_FIELD(date_format),
	  .min = 1, .max = 128,
	  .help = "strftime(3) format of dates and times" },
	{ .section = "ui", .name = "editor", .type = CONFIG_STRING,
	  .def = "", .offset = CONFIG_FIELD(editor),
	  .help = "command to edit long text; empty: $VISUAL, $EDITOR, vi" },

	{ .section = "disputes", .name = "visibility", .type = CONFIG_ENUM,
	  .def = "parties", .offset = CONFIG_FIELD(dispute_visibility),
	  .words = "parties members",
	  .help = "who sees a dispute's details: parties (with moderators "
	  "and leaders) or all members" },
	{ .section = "disputes", .name = "appeal_window",
	  .type = CONFIG_DURATION,
	  .def = "14d", .offset = CONFIG_FIELD(appeal_window),
	  .min = 60, .max = 366 * 24 * 3600,
	  .help = "how long after a resolution a party may appeal" },

	{ .section = "limits", .name = "max_line", .type = CONFIG_SIZE,
	  .def = "1M", .offset = CONFIG_FIELD(max_line),
	  .min = 1024, .max = INT64_C(1) << 20,
	  .help = "longest request line mootd accepts" },
	{ .section = "limits", .name = "rate", .type = CONFIG_INTEGER,
	  .def = "50", .offset = CONFIG_FIELD(rate),
	  .min = 1, .max = 100000,
	  .help = "requests per second allowed to each user" },
	{ .section = "limits", .name = "max_inflight", .type = CONFIG_INTEGER,
	  .def = "64", .offset = CONFIG_FIELD(max_inflight),
	  .min = 1, .max = 10000,
	  .help = "requests one client may have unanswered" },
	{ .section = "limits", .name = "output_buffer", .type = CONFIG_SIZE,
	  .def = "4M", .offset = CONFIG_FIELD(output_buffer),
	  .min = 64 * 1024, .max = INT64_C(1) << 30,
	  .help = "output queued for a client before it is dropped" },
	{ .section = "limits", .name = "stall_timeout", .type = CONFIG_DURATION,
	  .def = "30s", .offset = CONFIG_FIELD(stall_timeout),
	  .min = 1, .max = 3600,
	  .help = "how long a subscriber may lag without reading" },
};

/* A value read from a file, before it is stored. */
union config_value {
	char		*s;
	bool		 b;
	int		 i;
	uint64_t	 u;
};

/* One logical line of a file that is not empty or a comment. */
struct config_line {
	int		 line;
	char		*section;	/* NULL: no section yet */
	char		*key;		/* NULL: a [section] line */
	const char	*bad;		/* why this is a syntax error */
	char		*text;		/* the line, for bad lines */
};

/* A value that passed and waits for the rest of the file. */
struct config_pending {
	const struct config_key	*key;
	union config_value	 value;
};

/* The first message iniparser gave during the current load. */
static char	*config_ini_error;

static const char *const config_size_units = "KMGT";

static const struct {
	char		 unit;
	uint64_t	 seconds;
} config_duration_units[] = {
	{ 'w', 7 * 86400 },
	{ 'd', 86400 },
	{ 'h', 3600 },
	{ 'm', 60 },
	{ 's', 1 },
};

static bool
config_is_space(char c)
{
	return (c == ' ' || c == '\t' || c == '\r' || c == '\n' ||
	    c == '\v' || c == '\f');
}

static bool
config_is_digit(char c)
{
	return (c >= '0' && c <= '9');
}

/* Whether a type's field is a char * that the struct owns. */
static bool
config_is_string(enum config_type type)
{
	switch (type) {
	case CONFIG_STRING:
	case CONFIG_PATH:
	case CONFIG_ENUM:
	case CONFIG_MEMBERSHIP:
		return (true);
	case CONFIG_BOOL:
	case CONFIG_INTEGER:
	case CONFIG_SIZE:
	case CONFIG_DURATION:
		return (false);
	}
	return (false);
}

/* Strip s in place of surrounding white space; returns s. */
static char *
config_strip(char *s)
{
	size_t	skip, len;

	for (skip = 0; config_is_space(s[skip]); skip++)
		/* nothing */;
	len = strlen(s + skip);
	memmove(s, s + skip, len + 1);
	while (len > 0 && config_is_space(s[len - 1]))
		s[--len] = '\0';
	return (s);
}

/* Whether a and b are the same word, ignoring the case of ASCII letters. */
static bool
config_same(const char *a, const char *b)
{
	char	ca, cb;

	for (;; a++, b++) {
		ca = *a >= 'A' && *a <= 'Z' ? *a + ('a' - 'A') : *a;
		cb = *b >= 'A' && *b <= 'Z' ? *b + ('a' - 'A') : *b;
		if (ca != cb)
			return (false);
		if (ca == '\0')
			return (true);
	}
}

/* Lower-case ASCII letters in place, as iniparser does; returns s. */
static char *
config_lower(char *s)
{
	char	*p;

	for (p = s; *p != '\0'; p++) {
		if (*p >= 'A' && *p <= 'Z')
			*p += 'a' - 'A';
	}
	return (s);
}

/*
 * Text from a file as a message shows it: control bytes as \xNN, cut
 * after CONFIG_QUOTE_MAX bytes (not inside a UTF-8 character), and in
 * double quotes if quoted. Caller frees.
 */
static char *
config_escape(const char *s, bool quoted)
{
	struct buf	b;
	size_t		len;

	len = strlen(s);
	if (len > CONFIG_QUOTE_MAX) {
		len = CONFIG_QUOTE_MAX;
		while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
			len--;
	}
	buf_init(&b);
	if (quoted)
		buf_addc(&b, '"');
	for (; len > 0; s++, len--) {
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			buf_addf(&b, "\\x%02x", (unsigned char)*s);
		else
			buf_addc(&b, *s);
	}
	if (*s != '\0')
		buf_adds(&b, "...");
	if (quoted)
		buf_addc(&b, '"');
	buf_adds(&b, "");	/* a terminated string even when empty */
	return (buf_steal(&b, NULL));
}

/* A value as a message shows it, in quotes. Caller frees. */
static char *
config_quote(const char *s)
{
	return (config_escape(s, true));
}

/* The home directory, or NULL. */
static const char *
config_home(void)
{
	const char	*home;
	struct passwd	*pw;

	home = getenv("HOME");
	if (home != NULL && home[0] == '/')
		return (home);
	pw = getpwuid(getuid());
	if (pw != NULL && pw->pw_dir != NULL && pw->pw_dir[0] == '/')
		return (pw->pw_dir);
	return (NULL);
}

/* A path as messages show it: under $HOME as ~/... Caller frees. */
static char *
config_display(const char *path)
{
	const char	*home;
	size_t		 len;

	home = getenv("HOME");
	if (home != NULL && home[0] == '/') {
		len = strlen(home);
		while (len > 1 && home[len - 1] == '/')
			len--;
		if (len > 1 && strncmp(path, home, len) == 0 &&
		    path[len] == '/')
			return (xasprintf("~%s", path + len));
	}
	return (xstrdup(path));
}

/* The row for section and name, or NULL. */
static const struct config_key *
config_find(const struct config_key *keys, size_t n, const char *section,
    const char *name)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (strcmp(keys[i].section, section) == 0 &&
		    strcmp(keys[i].name, name) == 0)
			return (&keys[i]);
	}
	return (NULL);
}

/* Whether any row is in section. */
static bool
config_has_section(const struct config_key *keys, size_t n,
    const char *section)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (strcmp(keys[i].section, section) == 0)
			return (true);
	}
	return (false);
}

/* "moot, community, ui": the sections, in table order. Caller frees. */
static char *
config_list_sections(const struct config_key *keys, size_t n)
{
	struct buf	b;
	size_t		i;

	buf_init(&b);
	for (i = 0; i < n; i++) {
		if (config_has_section(keys, i, keys[i].section))
			continue;
		if (b.len != 0)
			buf_adds(&b, ", ");
		buf_adds(&b, keys[i].section);
	}
	return (buf_steal(&b, NULL));
}

/* "socket, database": the keys of section. Caller frees. */
static char *
config_list_keys(const struct config_key *keys, size_t n,
    const char *section)
{
	struct buf	b;
	size_t		i;

	buf_init(&b);
	for (i = 0; i < n; i++) {
		if (strcmp(keys[i].section, section) != 0)
			continue;
		if (b.len != 0)
			buf_adds(&b, ", ");
		buf_adds(&b, keys[i].name);
	}
	return (buf_steal(&b, NULL));
}

/* "auto, always, never" from "auto always never". Caller frees. */
static char *
config_list_words(const char *words)
{
	struct buf	b;

	buf_init(&b);
	for (; *words != '\0'; words++) {
		if (*words == ' ')
			buf_adds(&b, ", ");
		else
			buf_addc(&b, *words);
	}
	return (buf_steal(&b, NULL));
}

/* A size as the file would say it: the largest exact unit. */
static void
config_format_size(uint64_t n, char *out, size_t size)
{
	int	unit;

	unit = -1;
	while (n != 0 && unit < 3 && n % 1024 == 0) {
		n /= 1024;
		unit++;
	}
	if (unit < 0)
		snprintf(out, size, "%" PRIu64, n);
	else
		snprintf(out, size, "%" PRIu64 "%c", n,
		    config_size_units[unit]);
}

/* A duration as the file would say it: the largest exact unit. */
static void
config_format_duration(uint64_t n, char *out, size_t size)
{
	size_t	i;

	if (n == 0) {
		snprintf(out, size, "0");
		return;
	}
	for (i = 0; i < MOOT_NITEMS(config_duration_units); i++) {
		if (n % config_duration_units[i].seconds == 0)
			break;
	}
	snprintf(out, size, "%" PRIu64 "%c",
	    n / config_duration_units[i].seconds,
	    config_duration_units[i].unit);
}

/* Fill *problem; always returns -EINVAL. */
static int MOOT_PRINTF(2, 3)
config_problem(char **problem, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	*problem = xvasprintf(fmt, ap);
	va_end(ap);
	return (-EINVAL);
}

/* Check a string's bytes and length against k. */
static int
config_check_text(const struct config_key *k, const char *text,
    char **problem)
{
	const char	*p;
	size_t		 len;

	for (p = text; *p != '\0'; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return (config_problem(problem,
			    "contains a control character (byte 0x%02x)",
			    (unsigned char)*p));
	}
	len = strlen(text);
	if (k->min > 0 && len < (uint64_t)k->min) {
		if (len == 0)
			return (config_problem(problem, "must not be empty"));
		return (config_problem(problem,
		    "is shorter than %" PRId64 " bytes", k->min));
	}
	if (k->max > 0 && len > (uint64_t)k->max)
		return (config_problem(problem,
		    "is %zu bytes long, more than %" PRId64, len, k->max));
	return (0);
}

static int
config_parse_string(const struct config_key *k, const char *text,
    union config_value *v, char **problem)
{
	int	error;

	if ((error = config_check_text(k, text, problem)) != 0)
		return (error);
	v->s = xstrdup(text);
	return (0);
}

static int
config_parse_path(const struct config_key *k, const char *text,
    union config_value *v, char **problem)
{
	const char	*home;
	char		*path, *q;
	int		 error;

	if (*text == '\0') {
		if ((error = config_check_text(k, text, problem)) != 0)
			return (error);
		v->s = xstrdup("");
		return (0);
	}
	if (text[0] == '~' && (text[1] == '/' || text[1] == '\0')) {
		if ((home = config_home()) == NULL) {
			q = config_quote(text);
			error = config_problem(problem,
			    "%s: ~ cannot be expanded, there is no home "
			    "directory", q);
			free(q);
			return (error);
		}
		path = xasprintf("%s%s", home, text + 1);
	} else if (text[0] == '/')
		path = xstrdup(text);
	else {
		q = config_quote(text);
		error = config_problem(problem,
		    "%s is not an absolute path (start it with / or ~/)", q);
		free(q);
		return (error);
	}
	if ((error = config_check_text(k, path, problem)) != 0) {
		free(path);
		return (error);
	}
	v->s = path;
	return (0);
}

static int
config_parse_bool(const struct config_key *k, const char *text,
    union config_value *v, char **problem)
{
	static const char *const	 yes[] = { "yes", "true", "on", "1" };
	static const char *const	 no[] = { "no", "false", "off", "0" };
	size_t				 i;
	char				*q;
	int				 error;

	(void)k;
	for (i = 0; i < MOOT_NITEMS(yes); i++) {
		if (config_same(text, yes[i])) {
			v->b = true;
			return (0);
		}
		if (config_same(text, no[i])) {
			v->b = false;
			return (0);
		}
	}
	q = config_quote(text);
	error = config_problem(problem,
	    "%s is not a boolean (yes, no, true, false, on, off, 1, 0)", q);
	free(q);
	return (error);
}

static int
config_parse_integer(const struct config_key *k, const char *text,
    union config_value *v, char **problem)
{
	const char	*p;
	char		*end, *q;
	long long	 n;
	int64_t		 min, max;
	int		 error;

	min = k->min;
	max = k->max;
	if (min == 0 && max == 0) {
		min = INT_MIN;
		max = INT_MAX;
	}
	MOOT_REQUIRE(min >= INT_MIN && max <= INT_MAX && min <= max);

	p = text;
	if (*p == '-' || *p == '+')
		p++;
	q = config_quote(text);
	if (!config_is_digit(*p)) {
		error = config_problem(problem, "%s is not an integer", q);
		goto out;
	}
	n = strtoll(text, &end, 10);	/* clamps to LLONG_MIN or _MAX */
	if (*end != '\0') {
		error = config_problem(problem, "%s is not an integer", q);
		goto out;
	}
	if (n < min || n > max) {
		error = config_problem(problem,
		    "%s is out of range (%" PRId64 " to %" PRId64 ")", q, min,
		    max);
		goto out;
	}
	v->i = (int)n;
	error = 0;
out:
	free(q);
	return (error);
}

/* The range of a size or duration key as the file would write it. */
static int
config_out_of_range(const struct config_key *k, const char *q,
    char **problem)
{
	char	lo[32], hi[32];

	if (k->type == CONFIG_SIZE) {
		config_format_size(k->min, lo, sizeof lo);
		config_format_size(k->max, hi, sizeof hi);
	} else {
		config_format_duration(k->min, lo, sizeof lo);
		config_format_duration(k->max, hi, sizeof hi);
	}
	return (config_problem(problem, "%s is out of range (%s to %s)", q,
	    lo, hi));
}

/* Whether n is within k's range; min = max = 0 is no range. */
static bool
config_in_range(const struct config_key *k, uint64_t n)
{
	MOOT_REQUIRE(k->min >= 0 && k->max >= 0);
	if (k->min == 0 && k->max == 0)
		return (true);
	return (n >= (uint64_t)k->min && n <= (uint64_t)k->max);
}

static int
config_parse_size(const struct config_key *k, const char *text,
    union config_value *v, char **problem)
{
	const char	*unit;
	char		*end, *q;
	uint64_t	 n;
	int		 shift, error;

	q = config_quote(text);
	if (!config_is_digit(*text))
		goto bad;
	errno = 0;
	n = strtoull(text, &end, 10);
	if (errno == ERANGE)
		goto range;
	shift = 0;
	if (*end != '\0') {
		unit = strchr(config_size_units, *end & ~0x20);
		if (unit == NULL || end[1] != '\0' || *unit == '\0')
			goto bad;
		shift = 10 * (int)(unit - config_size_units + 1);
	}
	if (n > UINT64_MAX >> shift)
		goto range;
	n <<= shift;
	if (!config_in_range(k, n))
		goto range;
	v->u = n;
	free(q);
	return (0);

bad:
	error = config_problem(problem, "%s is not a size (e.g. 1M, 65536)",
	    q);
	free(q);
	return (error);
range:
	error = config_out_of_range(k, q, problem);
	free(q);
	return (error);
}

static int
config_parse_duration(const struct config_key *k, const char *text,
    union config_value *v, char **problem)
{
	const char	*p;
	char		*end, *q;
	uint64_t	 n, total, scale;
	size_t		 i;
	int		 error;

	q = config_quote(text);
	total = 0;
	p = text;
	if (*p == '\0')
		goto bad;
	while (*p != '\0') {
		if (!config_is_digit(*p))
			goto bad;
		errno = 0;
		n = strtoull(p, &end, 10);
		if (errno == ERANGE)
			goto range;
		if (*end == '\0' && p == text) {
			scale = 1;	/* plain seconds */
			p = end;
		} else {
			for (i = 0; i < MOOT_NITEMS(config_duration_units);
			    i++) {
				if (*end == config_duration_units[i].unit)
					break;
			}
			if (i == MOOT_NITEMS(config_duration_units))
				goto bad;
			scale = config_duration_units[i].seconds;
			p = end + 1;
		}
		if (n > (UINT64_MAX - total) / scale)
			goto range;
		total += n * scale;
	}
	if (!config_in_range(k, total))
		goto range;
	v->u = total;
	free(q);
	return (0);

bad:
	error = config_problem(problem,
	    "%s is not a duration (e.g. 30s, 15m, 12h, 7d, 1h30m, 90)", q);
	free(q);
	return (error);
range:
	error = config_out_of_range(k, q, problem);
	free(q);
	return (error);
}

static int
config_parse_enum(const struct config_key *k, const char *text,
    union config_value *v, char **problem)
{
	const char	*word, *end;
	char		*q, *list, *w;
	int		 error;

	MOOT_REQUIRE(k->words != NULL);
	for (word = k->words; *word != '\0'; word = end) {
		end = strchr(word, ' ');
		if (end == NULL)
			end = word + strlen(word);
		w = xstrndup(word, end - word);
		if (config_same(w, text)) {
			v->s = w;
			return (0);
		}
		free(w);
		if (*end == ' ')
			end++;
	}
	q = config_quote(text);
	list = config_list_words(k->words);
	error = config_problem(problem, "%s is not one of %s", q, list);
	free(list);
	free(q);
	return (error);
}

/*
 * A group name as the system tools accept it: 1 to 32 of letters,
 * digits, '.', '_' and '-', an optional final '$', not starting with '-'
 * and not all digits (which would read as a group id).
 */
static bool
config_group_name_valid(const char *name)
{
	const char	*p;
	size_t		 len;
	bool		 digits;

	len = strlen(name);
	if (len > 0 && name[len - 1] == '$')
		len--;
	if (len == 0 || len > 32 || name[0] == '-')
		return (false);
	if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return (false);
	digits = true;
	for (p = name; p < name + len; p++) {
		if (!config_is_digit(*p))
			digits = false;
		if (config_is_digit(*p) || (*p >= 'a' && *p <= 'z') ||
		    (*p >= 'A' && *p <= 'Z') || *p == '.' || *p == '_' ||
		    *p == '-')
			continue;
		return (false);
	}
	return (!digits);
}

static int
config_parse_membership(const struct config_key *k, const char *text,
    union config_value *v, char **problem)
{
	const char	*name;
	char		*q, *w;
	bool		 prefixed;
	int		 error;

	(void)k;
	if (config_same(text, "open") || config_same(text, "invite")) {
		v->s = config_lower(xstrdup(text));
		return (0);
	}
	q = config_quote(text);
	w = xstrndup(text, 6);
	prefixed = config_same(w, "group:");
	free(w);
	if (!prefixed) {
		error = config_problem(problem,
		    "%s is not open, invite or group:NAME", q);
		goto out;
	}
	name = text + 6;
	if (*name == '\0') {
		error = config_problem(problem,
		    "%s names no group (write group:NAME)", q);
		goto out;
	}
	if (!config_group_name_valid(name)) {
		free(q);
		q = config_quote(name);
		error = config_problem(problem,
		    "%s is not a valid group name (1 to 32 letters, digits, "
		    "\".\", \"_\" or \"-\", not starting with \"-\", "
		    "not all digits)", q);
		goto out;
	}
	v->s = xasprintf("group:%s", name);
	error = 0;
out:
	free(q);
	return (error);
}

/* Read text as k's type into *v. Returns 0, or -EINVAL and *problem. */
static int
config_parse(const struct config_key *k, const char *text,
    union config_value *v, char **problem)
{
	switch (k->type) {
	case CONFIG_STRING:
		return (config_parse_string(k, text, v, problem));
	case CONFIG_PATH:
		return (config_parse_path(k, text, v, problem));
	case CONFIG_BOOL:
		return (config_parse_bool(k, text, v, problem));
	case CONFIG_INTEGER:
		return (config_parse_integer(k, text, v, problem));
	case CONFIG_SIZE:
		return (config_parse_size(k, text, v, problem));
	case CONFIG_DURATION:
		return (config_parse_duration(k, text, v, problem));
	case CONFIG_ENUM:
		return (config_parse_enum(k, text, v, problem));
	case CONFIG_MEMBERSHIP:
		return (config_parse_membership(k, text, v, problem));
	}
	MOOT_REQUIRE(0);
	return (-EINVAL);
}

/* Store v (whose string the struct now owns) into k's field of base. */
static void
config_store(const struct config_key *k, void *base, union config_value *v)
{
	char	*field;

	field = (char *)base + k->offset;
	switch (k->type) {
	case CONFIG_STRING:
	case CONFIG_PATH:
	case CONFIG_ENUM:
	case CONFIG_MEMBERSHIP:
		free(*(char **)field);
		*(char **)field = v->s;
		v->s = NULL;
		break;
	case CONFIG_BOOL:
		*(bool *)field = v->b;
		break;
	case CONFIG_INTEGER:
		*(int *)field = v->i;
		break;
	case CONFIG_SIZE:
	case CONFIG_DURATION:
		*(uint64_t *)field = v->u;
		break;
	}
}

void
config_keys_init(const struct config_key *keys, size_t n, void *base)
{
	union config_value	 v;
	char			*problem;
	size_t			 i;

	for (i = 0; i < n; i++) {
		if (config_is_string(keys[i].type))
			*(char **)((char *)base + keys[i].offset) = NULL;
		problem = NULL;
		if (config_parse(&keys[i], keys[i].def, &v, &problem) != 0) {
			fprintf(stderr, "moot: default of [%s] %s: %s\n",
			    keys[i].section, keys[i].name, problem);
			MOOT_REQUIRE(!"invalid default in the key table");
		}
		config_store(&keys[i], base, &v);
	}
}

void
config_keys_free(const struct config_key *keys, size_t n, void *base)
{
	char	**field;
	size_t	  i;

	for (i = 0; i < n; i++) {
		if (!config_is_string(keys[i].type))
			continue;
		field = (char **)((char *)base + keys[i].offset);
		free(*field);
		*field = NULL;
	}
}

static void
config_lines_free(struct config_line *lines, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(lines[i].section);
		free(lines[i].key);
		free(lines[i].text);
	}
	free(lines);
}

/*
 * Classify one logical line as iniparser 4.1 does and append it to
 * *lines unless it is empty or a comment. section is the current section
 * (NULL before the first), updated by a [section] line.
 */
static void
config_scan_line(char *text, int line, char **section,
    struct config_line **lines, size_t *n)
{
	struct config_line	*l;
	char			*s, *end, *eq;
	size_t			 len;

	s = config_strip(text);
	len = strlen(s);
	if (len == 0 || s[0] == '#' || s[0] == ';')
		return;

	*lines = xreallocarray(*lines, *n + 1, sizeof **lines);
	l = &(*lines)[(*n)++];
	memset(l, 0, sizeof *l);
	l->line = line;

	if (s[0] == '[' && s[len - 1] == ']') {
		end = strchr(s, ']');
		*end = '\0';
		config_lower(config_strip(s + 1));
		if (s[1] == '\0') {
			l->bad = "empty section name []";
			return;
		}
		free(*section);
		*section = xstrdup(s + 1);
		l->section = xstrdup(s + 1);
		return;
	}
	if ((eq = strchr(s, '=')) == NULL || eq == s) {
		l->bad = "is neither [section] nor key = value";
		l->text = xstrdup(s);
		return;
	}
	*eq = '\0';
	l->key = config_lower(xstrdup(config_strip(s)));
	if (*section != NULL)
		l->section = xstrdup(*section);
}

/*
 * Read the file's lines, joining those that end in a backslash with the
 * next, as iniparser does. Returns 0 or a negative errno.
 */
static int
config_scan(FILE *f, struct config_line **lines, size_t *n)
{
	struct config_line	*l;
	struct buf		 logical;
	char			*raw, *section;
	size_t			 size, len;
	ssize_t			 got;
	int			 line, first, error;
	bool			 continued;

	*lines = NULL;
	*n = 0;
	raw = NULL;
	size = 0;
	section = NULL;
	buf_init(&logical);
	line = first = 0;
	continued = false;
	while ((got = getline(&raw, &size, f)) != -1) {
		line++;
		if (!continued)
			first = line;
		len = (size_t)got;
		while (len > 0 && config_is_space(raw[len - 1]))
			len--;
		continued = len > 0 && raw[len - 1] == '\\';
		if (continued) {
			buf_add(&logical, raw, len - 1);
			continue;
		}
		buf_add(&logical, raw, len);
		config_scan_line(logical.data, first, &section, lines, n);
		buf_reset(&logical);
	}
	error = ferror(f) ? (errno != 0 ? -errno : -EIO) : 0;
	free(raw);
	free(section);
	if (error != 0) {
		buf_free(&logical);
		config_lines_free(*lines, *n);
		*lines = NULL;
		*n = 0;
		return (error);
	}
	if (continued) {
		*lines = xreallocarray(*lines, *n + 1, sizeof **lines);
		l = &(*lines)[(*n)++];
		memset(l, 0, sizeof *l);
		l->line = first;
		l->bad = "the file ends in a continued line (\\)";
	}
	buf_free(&logical);
	return (0);
}

static int
config_ini_error_cb(const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	if (config_ini_error == NULL)
		config_ini_error = s;
	else
		free(s);
	return (0);
}

/*
 * Turn iniparser's first message ("iniparser: syntax error in PATH (7):\n
 * -> text\n") into ours, with the line number it gives.
 */
static int
config_ini_failed(const char *path, const char *display, char **cause)
{
	const char	*msg, *p;
	char		*text, *q, *end;
	long		 line;
	int		 error;

	msg = config_ini_error;
	if (msg == NULL)
		return (moot_fail(cause, -EINVAL, "%s: cannot be parsed",
		    display));
	line = 0;
	if ((p = strstr(msg, path)) != NULL &&
	    strncmp(p + strlen(path), " (", 2) == 0)
		line = strtol(p + strlen(path) + 2, NULL, 10);

	if (strstr(msg, "syntax error") != NULL &&
	    (p = strstr(msg, "\n-> ")) != NULL) {
		text = xstrdup(p + 4);
		if ((end = strchr(text, '\n')) != NULL)
			*end = '\0';
		q = config_quote(config_strip(text));
		error = moot_fail(cause, -EINVAL,
		    "%s:%ld: syntax error: %s is neither [section] nor "
		    "key = value", display, line, q);
		free(q);
		free(text);
		return (error);
	}
	if (strstr(msg, "too long") != NULL)
		return (moot_fail(cause, -EINVAL,
		    "%s:%ld: line too long (the limit is %d bytes)", display,
		    line, CONFIG_LINE_MAX));

	text = xstrdup(msg);
	if (strncmp(text, "iniparser: ", 11) == 0)
		memmove(text, text + 11, strlen(text + 11) + 1);
	error = moot_fail(cause, -EINVAL, "%s: %s", display,
	    config_strip(text));
	free(text);
	return (error);
}

/* Whether a later line sets the same key, so that this one is ignored. */
static bool
config_superseded(const struct config_line *lines, size_t n, size_t i)
{
	size_t	j;

	for (j = i + 1; j < n; j++) {
		if (lines[j].key != NULL && lines[j].section != NULL &&
		    strcmp(lines[j].key, lines[i].key) == 0 &&
		    strcmp(lines[j].section, lines[i].section) == 0)
			return (true);
	}
	return (false);
}

/* The error for a line that is not in a known place, or 0. */
static int
config_check_line(const struct config_key *keys, size_t nkeys,
    const struct config_line *l, const char *display, char **cause)
{
	const struct config_key	*k;
	char			*list, *name;
	size_t			 i;
	int			 error;

	if (l->bad != NULL) {
		if (l->text == NULL)
			return (moot_fail(cause, -EINVAL,
			    "%s:%d: syntax error: %s", display, l->line,
			    l->bad));
		name = config_quote(l->text);
		error = moot_fail(cause, -EINVAL, "%s:%d: syntax error: %s %s",
		    display, l->line, name, l->bad);
		free(name);
		return (error);
	}
	/* [keys] belongs to the full-screen interface, which reads it. */
	if (l->section != NULL && strcmp(l->section, "keys") == 0 &&
	    keys == config_moot_keys)
		return (0);
	if (l->key == NULL) {
		if (config_has_section(keys, nkeys, l->section))
			return (0);
		name = config_escape(l->section, false);
		list = config_list_sections(keys, nkeys);
		error = moot_fail(cause, -EINVAL,
		    "%s:%d: [%s]: unknown section (known sections: %s)",
		    display, l->line, name, list);
		free(list);
		free(name);
		return (error);
	}
	if (l->section != NULL) {
		if (config_find(keys, nkeys, l->section, l->key) != NULL)
			return (0);
		name = config_escape(l->key, false);
		list = config_list_keys(keys, nkeys, l->section);
		error = moot_fail(cause, -EINVAL,
		    "%s:%d: [%s] %s: unknown key (known keys in [%s]: %s)",
		    display, l->line, l->section, name, l->section, list);
		free(list);
		free(name);
		return (error);
	}

	/* A key before any [section]: say where it belongs, if known. */
	k = NULL;
	for (i = 0; i < nkeys; i++) {
		if (strcmp(keys[i].name, l->key) != 0)
			continue;
		if (k != NULL) {
			k = NULL;
			break;
		}
		k = &keys[i];
	}
	name = config_escape(l->key, false);
	if (k != NULL)
		error = moot_fail(cause, -EINVAL, "%s:%d: %s: key outside any "
		    "section (it belongs under [%s])", display, l->line, name,
		    k->section);
	else {
		list = config_list_sections(keys, nkeys);
		error = moot_fail(cause, -EINVAL, "%s:%d: %s: key outside any "
		    "section (known sections: %s)", display, l->line, name,
		    list);
		free(list);
	}
	free(name);
	return (error);
}

/*
 * Check every line against the table and read every value from d into
 * pending (*npending of them). Returns 0 or -EINVAL with the error of
 * the first bad line; pending then holds what was read before it.
 */
static int
config_check(const struct config_key *keys, size_t nkeys,
    const struct config_line *lines, size_t n, dictionary *d,
    const char *display, struct config_pending *pending, size_t *npending,
    char **cause)
{
	const struct config_line	*l;
	const struct config_key		*k;
	const char			*text;
	char				*entry, *problem;
	size_t				 i;
	int				 error;

	*npending = 0;
	for (i = 0; i < n; i++) {
		l = &lines[i];
		error = config_check_line(keys, nkeys, l, display, cause);
		if (error != 0)
			return (error);
		if (l->key == NULL || config_superseded(lines, n, i))
			continue;
		/* A [keys] line: its reader is the full-screen interface. */
		if ((k = config_find(keys, nkeys, l->section, l->key)) == NULL)
			continue;
		entry = xasprintf("%s:%s", l->section, l->key);
		text = iniparser_getstring(d, entry, NULL);
		free(entry);
		if (text == NULL)
			return (moot_fail(cause, -EINVAL,
			    "%s:%d: [%s] %s: the value cannot be read",
			    display, l->line, l->section, l->key));
		problem = NULL;
		error = config_parse(k, text, &pending[*npending].value,
		    &problem);
		if (error != 0) {
			error = moot_fail(cause, error, "%s:%d: [%s] %s: %s",
			    display, l->line, l->section, l->key, problem);
			free(problem);
			return (error);
		}
		pending[(*npending)++].key = k;
	}
	return (0);
}

/*
 * Open path, parse it with iniparser into *d and scan its lines into
 * *lines (*n of them). Returns 0, 1 when the file is missing and need
 * not exist, or a negative errno with *cause.
 */
static int
config_ini_open(const char *path, const char *display, bool must_exist,
    dictionary **d, struct config_line **lines, size_t *n, char **cause)
{
	FILE	*f;
	int	 error;

	if ((f = fopen(path, "r")) == NULL) {
		error = -errno;
		if ((error == -ENOENT || error == -ENOTDIR) && !must_exist)
			return (1);
		if (error == -ENOTDIR)
			error = -ENOENT;
		return (moot_fail(cause, error, "%s: %s", display,
		    strerror(-error)));
	}

	/*
	 * iniparser first: it stops at a line that is too long, before the
	 * scan would read all of it.
	 */
	config_ini_error = NULL;
	iniparser_set_error_callback(config_ini_error_cb);
	*d = iniparser_load(path);
	iniparser_set_error_callback(NULL);
	if (*d == NULL) {
		error = config_ini_failed(path, display, cause);
		free(config_ini_error);
		config_ini_error = NULL;
		fclose(f);
		return (error);
	}
	free(config_ini_error);
	config_ini_error = NULL;

	error = config_scan(f, lines, n);
	fclose(f);
	if (error != 0) {
		iniparser_freedict(*d);
		*d = NULL;
		return (moot_fail(cause, error, "%s: %s", display,
		    strerror(-error)));
	}
	return (0);
}

int
config_keys_load(const struct config_key *keys, size_t nkeys, void *base,
    const char *path, bool must_exist, char **cause)
{
	struct config_line	*lines;
	struct config_pending	*pending;
	dictionary		*d;
	char			*display;
	size_t			 n, npending, i;
	int			 error;

	MOOT_REQUIRE(path != NULL);
	display = config_display(path);
	error = config_ini_open(path, display, must_exist, &d, &lines, &n,
	    cause);
	if (error != 0) {
		free(display);
		return (error > 0 ? 0 : error);
	}

	pending = xcalloc(n, sizeof *pending);
	error = config_check(keys, nkeys, lines, n, d, display, pending,
	    &npending, cause);
	for (i = 0; i < npending; i++) {
		if (error == 0)
			config_store(pending[i].key, base, &pending[i].value);
		else if (config_is_string(pending[i].key->type))
			free(pending[i].value.s);
	}
	free(pending);
	config_lines_free(lines, n);
	iniparser_freedict(d);
	free(display);
	return (error);
}

int
config_key_set(const struct config_key *k, void *base, const char *text,
    char **problem)
{
	union config_value	v;
	int			error;

	if ((error = config_parse(k, text, &v, problem)) != 0)
		return (error);
	config_store(k, base, &v);
	return (0);
}

char *
config_display_path(const char *path)
{
	return (config_display(path));
}

void
config_entries_free(struct config_entry *e, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(e[i].section);
		free(e[i].key);
		free(e[i].value);
	}
	free(e);
}

int
config_ini_read(const char *path, struct config_entry **entries, size_t *n,
    char **cause)
{
	struct config_line	*lines, *l;
	struct config_entry	*e;
	dictionary		*d;
	const char		*text;
	char			*display, *name, *key;
	size_t			 nlines, i;
	int			 error;

	*entries = NULL;
	*n = 0;
	display = config_display(path);
	error = config_ini_open(path, display, true, &d, &lines, &nlines,
	    cause);
	if (error != 0) {
		free(display);
		return (error);
	}
	e = xcalloc(nlines == 0 ? 1 : nlines, sizeof *e);
	for (i = 0; i < nlines; i++) {
		l = &lines[i];
		if (l->bad != NULL) {
			if (l->text == NULL)
				error = moot_fail(cause, -EINVAL,
				    "%s:%d: syntax error: %s", display,
				    l->line, l->bad);
			else {
				name = config_quote(l->text);
				error = moot_fail(cause, -EINVAL,
				    "%s:%d: syntax error: %s %s", display,
				    l->line, name, l->bad);
				free(name);
			}
			break;
		}
		e[*n].line = l->line;
		e[*n].section = l->section != NULL ? xstrdup(l->section) :
		    NULL;
		if (l->key != NULL) {
			e[*n].key = xstrdup(l->key);
			key = xasprintf("%s:%s", l->section != NULL ?
			    l->section : "", l->key);
			text = iniparser_getstring(d, key, NULL);
			free(key);
			e[*n].value = xstrdup(text != NULL ? text : "");
		}
		(*n)++;
	}
	config_lines_free(lines, nlines);
	iniparser_freedict(d);
	free(display);
	if (error != 0) {
		config_entries_free(e, *n);
		*n = 0;
		return (error);
	}
	*entries = e;
	return (0);
}

/* Append a string so that iniparser reads it back unchanged. */
static void
config_dump_string(struct buf *b, const char *s)
{
	size_t	len;
	bool	quote;

	len = strlen(s);
	quote = len == 0 || strpbrk(s, ";#") != NULL || s[0] == '"' ||
	    s[0] == '\'' || config_is_space(s[0]) ||
	    config_is_space(s[len - 1]) || s[len - 1] == '\\';
	if (!quote)
		buf_adds(b, s);
	else if (strchr(s, '"') == NULL)
		buf_addf(b, "\"%s\"", s);
	else
		buf_addf(b, "'%s'", s);
}

void
config_key_format(const struct config_key *k, const void *base,
    struct buf *b)
{
	const char	*field;
	char		 tmp[32];

	field = (const char *)base + k->offset;
	switch (k->type) {
	case CONFIG_STRING:
	case CONFIG_PATH:
	case CONFIG_ENUM:
	case CONFIG_MEMBERSHIP:
		if (*(char *const *)field != NULL)
			buf_adds(b, *(char *const *)field);
		break;
	case CONFIG_BOOL:
		buf_adds(b, *(const bool *)field ? "yes" : "no");
		break;
	case CONFIG_INTEGER:
		buf_addf(b, "%d", *(const int *)field);
		break;
	case CONFIG_SIZE:
		config_format_size(*(const uint64_t *)field, tmp, sizeof tmp);
		buf_adds(b, tmp);
		break;
	case CONFIG_DURATION:
		config_format_duration(*(const uint64_t *)field, tmp,
		    sizeof tmp);
		buf_adds(b, tmp);
		break;
	}
}

void
config_keys_dump(const struct config_key *keys, size_t n, const void *base,
    FILE *f)
{
	const struct config_key	*k;
	struct buf		 b, v;
	size_t			 i, j;

	buf_init(&b);
	buf_init(&v);
	for (i = 0; i < n; i++) {
		if (config_has_section(keys, i, keys[i].section))
			continue;
		if (b.len != 0)
			buf_addc(&b, '\n');
		buf_addf(&b, "[%s]\n", keys[i].section);
		for (j = i; j < n; j++) {
			k = &keys[j];
			if (strcmp(k->section, keys[i].section) != 0)
				continue;
			buf_addf(&b, "%s = ", k->name);
			buf_reset(&v);
			config_key_format(k, base, &v);
			buf_addc(&v, '\0');
			if (config_is_string(k->type))
				config_dump_string(&b, v.data);
			else
				buf_adds(&b, v.data);
			buf_addc(&b, '\n');
		}
	}
	fwrite(b.data != NULL ? b.data : "", 1, b.len, f);
	buf_free(&v);
	buf_free(&b);
}

const struct config_key *
config_table(size_t *n)
{
	*n = MOOT_NITEMS(config_moot_keys);
	return (config_moot_keys);
}

void
config_init(struct config *c)
{
	memset(c, 0, sizeof *c);
	config_keys_init(config_moot_keys, MOOT_NITEMS(config_moot_keys), c);
}

void
config_free(struct config *c)
{
	config_keys_free(config_moot_keys, MOOT_NITEMS(config_moot_keys), c);
}

int
config_load(struct config *c, const char *path, bool must_exist,
    char **cause)
{
	return (config_keys_load(config_moot_keys,
	    MOOT_NITEMS(config_moot_keys), c, path, must_exist, cause));
}

void
config_dump(const struct config *c, FILE *f)
{
	config_keys_dump(config_moot_keys, MOOT_NITEMS(config_moot_keys), c,
	    f);
}

const char *
config_system_path(void)
{
	const char	*path;

	path = getenv("MOOT_SYSTEM_CONFIG");
	if (path != NULL && *path != '\0')
		return (path);
	return (CONFIG_SYSTEM_PATH);
}

char *
config_personal_path(void)
{
	const char	*dir;

	dir = getenv("XDG_CONFIG_HOME");
	if (dir != NULL && dir[0] == '/')
		return (xasprintf("%s/moot/moot.conf", dir));
	if ((dir = config_home()) == NULL)
		return (NULL);
	return (xasprintf("%s/.config/moot/moot.conf", dir));
}

int
config_load_default(struct config *c, const char *explicit_path,
    char **cause)
{
	char	*path;
	int	 error;

	error = config_load(c, config_system_path(), false, cause);
	if (error != 0)
		return (error);
	if (explicit_path != NULL)
		return (config_load(c, explicit_path, true, cause));
	if ((path = config_personal_path()) == NULL)
		return (0);
	error = config_load(c, path, false, cause);
	free(path);
	return (error);
}

void
config_disputes(const struct config *cfg, struct core *c)
{
	core_set_disputes(c, strcmp(cfg->dispute_visibility, "members") == 0,
	    (int64_t)cfg->appeal_window * 1000);
}
