/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * moot.conf(5): the settings of moot and mootd, read from INI files with
 * iniparser. Every key is one row of a table in config.c (section, name,
 * type, default, field, help); the loader, the defaults, the dump and the
 * error messages are all driven by that table, so adding a key is adding
 * a row and a field below. The table-driven functions (config_keys_*) are
 * public so that tests, and any later file with the same syntax, can use
 * them with a table of their own.
 */
#ifndef MOOT_CONFIG_H
#define MOOT_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The system file, unless $MOOT_SYSTEM_CONFIG names another. */
#ifndef MOOT_SYSCONFDIR
#define MOOT_SYSCONFDIR "/etc"
#endif
#define CONFIG_SYSTEM_PATH MOOT_SYSCONFDIR "/moot/moot.conf"

/*
 * The type of a key decides how its text is read and which C type its
 * field has:
 *
 *	CONFIG_STRING	  char *	text without control characters
 *	CONFIG_PATH	  char *	absolute, ~/ (expanded) or empty
 *	CONFIG_BOOL	  bool		yes/no, true/false, on/off, 1/0
 *	CONFIG_INTEGER	  int		decimal, within min..max
 *	CONFIG_SIZE	  uint64_t	bytes; K, M, G, T suffixes (x1024)
 *	CONFIG_DURATION	  uint64_t	seconds; s, m, h, d, w suffixes
 *	CONFIG_ENUM	  char *	one of the key's words
 *	CONFIG_MEMBERSHIP char *	open, invite or group:NAME
 */
enum config_type {
	CONFIG_STRING,
	CONFIG_PATH,
	CONFIG_BOOL,
	CONFIG_INTEGER,
	CONFIG_SIZE,
	CONFIG_DURATION,
	CONFIG_ENUM,
	CONFIG_MEMBERSHIP
};

/*
 * One key. def is written as it would be in the file and must be valid
 * (config_keys_init() aborts otherwise). min and max bound integers,
 * sizes and durations; for strings and paths they bound the length in
 * bytes (max 0: no limit). words lists an enum's values, space-separated.
 */
struct config_key {
	const char		*section;
	const char		*name;
	enum config_type	 type;
	const char		*def;
	size_t			 offset;
	int64_t			 min;
	int64_t			 max;
	const char		*words;
	const char		*help;
};

struct config {
	/* [moot] */
	char		*socket;
	char		*database;	/* "": $XDG_DATA_HOME/moot/moot.db */

	/* [community] */
	char		*community_name;
	char		*membership;	/* open, invite or group:NAME */
	char		*agreement_file; /* "": the built-in agreement */
	char		*agreement_version;
	char		*licence;

	/* [ui] */
	char		*color;		/* auto, always or never */
	char		*date_format;	/* strftime(3) */
	char		*editor;	/* "": $VISUAL, $EDITOR, vi */

	/* [disputes] */
	char		*dispute_visibility;	/* parties or members */
	uint64_t	 appeal_window;		/* seconds */

	/* [limits] */
	uint64_t	 max_line;
	int		 rate;
	int		 max_inflight;
	uint64_t	 output_buffer;
	uint64_t	 stall_timeout;	/* seconds */
};

/* Set every key to its default; c need not be initialised. */
void		 config_init(struct config *);
/* Free the strings of c; config_init() makes it usable again. */
void		 config_free(struct config *);

/*
 * Merge the file at path into c: keys it sets replace earlier values, the
 * others are left alone. A missing file is not an error unless
 * must_exist. The file is applied whole or not at all. Returns 0,
 * -ENOENT (missing and must_exist), another negative errno when the file
 * cannot be read, or -EINVAL when its content is bad; *cause (caller
 * frees) then reads "FILE:LINE: [section] key: problem".
 */
int		 config_load(struct config *, const char *, bool, char **);

/*
 * Load the standard files in order: the system file, then the personal
 * file ($XDG_CONFIG_HOME/moot/moot.conf, or ~/.config/moot/moot.conf).
 * explicit_path (moot -c FILE), if not NULL, replaces the personal file
 * and must exist. Stops at the first error.
 */
int		 config_load_default(struct config *, const char *, char **);

/* The system file: $MOOT_SYSTEM_CONFIG unless empty, else the default. */
const char	*config_system_path(void);
/* The personal file, or NULL when there is no home. Caller frees. */
char		*config_personal_path(void);

/* Give core the [disputes] settings of c. */
struct core;
void		 config_disputes(const struct config *, struct core *);

/* Print every key with its current value as INI that config_load reads. */
void		 config_dump(const struct config *, FILE *);

/* The built-in table of moot.conf and its number of rows. */
const struct config_key	*config_table(size_t *);

/* The same, for any table and the struct at base that it describes. */
void		 config_keys_init(const struct config_key *, size_t, void *);
void		 config_keys_free(const struct config_key *, size_t, void *);
int		 config_keys_load(const struct config_key *, size_t, void *,
		     const char *, bool, char **);
void		 config_keys_dump(const struct config_key *, size_t,
		     const void *, FILE *);
/* Parse text as k's type into k's field of base; -EINVAL and *problem
 * (what would be valid) when it does not fit. */
int		 config_key_set(const struct config_key *, void *,
		     const char *, char **);
/* Append k's value in base as the file would hold it (unquoted). */
struct buf;
void		 config_key_format(const struct config_key *, const void *,
		     struct buf *);

/*
 * Any INI file read the same way (iniparser for values, a scan for line
 * numbers): one entry per [section] line (key NULL) and per key line
 * (section NULL before the first section), in file order. A syntax error
 * is -EINVAL with *cause "FILE:LINE: syntax error: ...". A key set twice
 * appears twice, both with iniparser's (the last) value.
 */
struct config_entry {
	int		 line;
	char		*section;
	char		*key;
	char		*value;
};

int		 config_ini_read(const char *, struct config_entry **,
		     size_t *, char **);
void		 config_entries_free(struct config_entry *, size_t);
/* A path as messages show it (~/ for the home directory). Caller frees. */
char		*config_display_path(const char *);

#endif
