/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Reading ballot files into a struct tally_ballots: the moot ballot
 * format of moot-ballots(5) ("12: A > B = C", "3: A, B", "2: A=5, B=3",
 * an optional "options:" line) and PrefLib's .soc, .soi, .toc and .toi
 * files (the current "# KEY: value" header and the older numeric one).
 * Errors name the file and line and say what is wrong.
 */
#ifndef MOOT_BALLOTS_H
#define MOOT_BALLOTS_H

#include <stdio.h>

#include "moot/tally.h"

enum ballots_format {
	BALLOTS_MOOT,
	BALLOTS_SOC,		/* strict orders, complete */
	BALLOTS_SOI,		/* strict orders, incomplete */
	BALLOTS_TOC,		/* orders with ties, complete */
	BALLOTS_TOI,		/* orders with ties, incomplete */
};

/* The format a file name's extension implies (moot's own by default). */
enum ballots_format ballots_format_of(const char *);

/*
 * Read ballots of the given kind from f into b, which may already hold
 * options (declared first, and for TALLY_BALLOT_CHOICE the only names
 * allowed). name is used in messages. Returns 0 or a negative errno with
 * *cause "NAME:LINE: what is wrong".
 */
int	ballots_read(FILE *, const char *, enum ballots_format,
	    enum tally_ballot_kind, struct tally_ballots *, char **);
/* The same from a string (for tests and small callers). */
int	ballots_read_string(const char *, const char *, enum ballots_format,
	    enum tally_ballot_kind, struct tally_ballots *, char **);
/*
 * Open path ("-" is standard input; PrefLib by its extension, or by a
 * "# FILE NAME:" or "# DATA TYPE:" first line on standard input) and
 * read it.
 */
int	ballots_load(const char *, enum tally_ballot_kind,
	    struct tally_ballots *, char **);

#endif
