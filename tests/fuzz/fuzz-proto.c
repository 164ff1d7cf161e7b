/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A libFuzzer target for the decoders that read bytes from outside:
 * protocol request lines (proto_request_parse(), what mootd does with
 * every line a client sends), event canons (canon_event_parse() and
 * canon_unescape() on its fields, as `moot check` does with the log) and
 * `moot vote` choices (tally_parse_choice() under every method, with a
 * fixed set of options). Built by ./configure --enable-fuzzing; see
 * tests/fuzz/README.
 *
 * The sanitizers are the oracle. The one check of its own: a request
 * that parses has a non-NULL op string, and proto_request_free() clears
 * it. Everything allocated is freed, so LeakSanitizer reports leaks.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "moot/canon.h"
#include "moot/proto.h"
#include "moot/tally.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Options a vote might have: one is a number, two differ only in case. */
static char *const fuzz_proto_options[] = {
	"alpha", "Beta", "beta", "2", "Gamma ray", "\xc3\xa9t\xc3\xa9",
};
#define FUZZ_PROTO_NOPTIONS MOOT_NITEMS(fuzz_proto_options)

/* Abort (a crash libFuzzer saves) when a property does not hold. */
static void
fuzz_proto_check(bool ok)
{
	if (!ok)
		abort();
}

/* A request line, exactly as the server receives it (not terminated). */
static void
fuzz_proto_request(const uint8_t *data, size_t size)
{
	struct proto_request	 req;
	int64_t			 id;
	char			*cause = NULL;

	if (proto_request_parse((const char *)data, size, &req, &id,
	    &cause) == 0) {
		fuzz_proto_check(cause == NULL);
		fuzz_proto_check(req.op != NULL);
		/* Unescaping never lengthens: op fits in the line. */
		fuzz_proto_check(strlen(req.op) <= size);
		proto_request_free(&req);
		fuzz_proto_check(req.root == NULL && req.op == NULL);
	} else {
		fuzz_proto_check(req.root == NULL);
		free(cause);
	}
}

/* An event canon; its string fields unescaped as check.c does. */
static void
fuzz_proto_canon(const uint8_t *data, size_t size)
{
	struct canon_event	 ce;
	char			*cause = NULL;

	if (canon_event_parse((const char *)data, size, &ce, &cause) != 0) {
		free(cause);
		return;
	}
	free(canon_unescape(ce.name, ce.name_len));
	free(canon_unescape(ce.type, ce.type_len));
	free(canon_unescape(ce.ref, ce.ref_len));
}

/* The input as a `moot vote` choice under each method in turn. */
static void
fuzz_proto_choice(const uint8_t *data, size_t size)
{
	struct tally_params	 params;
	const char *const	*choices;
	char			*text, *cause;
	uint16_t		*marks;
	size_t			 n;
	int			 m;

	text = xmalloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	for (m = 0; m < TALLY_NMETHODS; m++) {
		tally_params_init(&params, (enum tally_method)m);
		choices = tally_method_choices(params.method);
		if (choices != NULL) {
			for (n = 0; choices[n] != NULL; n++)
				;
		} else
			n = FUZZ_PROTO_NOPTIONS;
		/* Exactly n marks, so ASan sees a write past them. */
		marks = xcalloc(n, sizeof *marks);
		cause = NULL;
		if (tally_parse_choice(&params,
		    choices != NULL ? NULL : fuzz_proto_options,
		    choices != NULL ? 0 : n, text, marks, &cause) != 0)
			free(cause);
		free(marks);
	}
	free(text);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_proto_request(data, size);
	fuzz_proto_canon(data, size);
	fuzz_proto_choice(data, size);
	return (0);
}
