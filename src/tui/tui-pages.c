/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Rows loaded a page at a time by key, for the list views (proposals,
 * log, members): what is loaded, the server's key of the next page, the
 * cursor, and the bookkeeping every such view repeats: a reload asks for
 * as many rows as were loaded (up to a cap) in one request and puts the
 * cursor back on the row it was on, found by its key ("id", "seq",
 * "uid"); a next page is asked for as the cursor nears the end.
 *
 *	asking(reload) --loaded--> rows replaced, cursor back on its row
 *	asking(page)   --loaded--> rows appended
 *	either         --refused-> error kept, rows as they were
 *
 * The cursor, when rows come or go above it, either keeps its screen
 * row (the window moves with it: the log, members) or keeps the window
 * (new rows at the top are seen: proposals).
 */
#include <stdlib.h>
#include <string.h>

#include "moot/util.h"
#include "../cli/moot.h"
#include "tui.h"

/* Set up pages whose rows are named by the member key (borrowed). */
void
tui_pages_init(struct tui_pages *pg, const char *key)
{
	memset(pg, 0, sizeof *pg);
	pg->key = key;
	pg->rows = json_array();
	pg->next = json_null();
}

void
tui_pages_free(struct tui_pages *pg)
{
	json_decref(pg->rows);
	json_decref(pg->next);
	json_decref(pg->keep);
	free(pg->error);
}

/* No rows: a new filter, sort or search starts again from the top. */
void
tui_pages_clear(struct tui_pages *pg)
{
	json_decref(pg->rows);
	pg->rows = json_array();
	json_decref(pg->next);
	pg->next = json_null();
	pg->list.n = pg->list.cur = pg->list.top = 0;
	pg->loaded = false;
}

/* The row under the cursor (borrowed), or NULL. */
json_t *
tui_pages_cur(struct tui_pages *pg)
{
	return (json_array_get(pg->rows, pg->list.cur));
}

/*
 * A request is going out: a page (append) or a reload. Returns how many
 * rows to ask for: a page, or for a reload what is loaded, at most max.
 */
size_t
tui_pages_asking(struct tui_pages *pg, bool append, size_t page, size_t max)
{
	json_t	*row;

	if (append) {
		pg->paging = true;
		return (page);
	}
	pg->loading = true;
	json_decref(pg->keep);
	row = tui_pages_cur(pg);
	pg->keep = row != NULL ? json_incref(json_object_get(row, pg->key)) :
	    NULL;
	if (pg->list.n <= page)
		return (page);
	return (pg->list.n < max ? pg->list.n : max);
}

/* The request could not be sent: nothing is on its way. */
void
tui_pages_unasked(struct tui_pages *pg, bool append)
{
	if (append)
		pg->paging = false;
	else
		pg->loading = false;
}

/*
 * The reply to asking(): rows (borrowed; NULL with message when
 * refused) and next (borrowed, the server's key of the next page or
 * null). shown is the rows the list has on screen; same_row says
 * whether the cursor keeps its screen row or the window stays.
 */
void
tui_pages_loaded(struct tui_pages *pg, bool append, json_t *rows,
    json_t *next, const char *message, int shown, bool same_row)
{
	json_t	*row;
	size_t	 i, screen;

	tui_pages_unasked(pg, append);
	free(pg->error);
	pg->error = NULL;
	if (rows == NULL) {
		pg->error = xstrdup(message != NULL ? message : "?");
		return;
	}
	if (!append) {
		json_decref(pg->rows);
		pg->rows = json_array();
	}
	json_array_extend(pg->rows, rows);
	json_decref(pg->next);
	pg->next = json_incref(next != NULL ? next : json_null());
	pg->list.n = json_array_size(pg->rows);
	if (!append && pg->keep != NULL) {
		json_array_foreach(pg->rows, i, row) {
			if (!json_equal(json_object_get(row, pg->key),
			    pg->keep))
				continue;
			screen = pg->list.cur >= pg->list.top ?
			    pg->list.cur - pg->list.top : 0;
			pg->list.cur = i;
			if (same_row)
				pg->list.top = i >= screen ? i - screen : 0;
			break;
		}
	}
	pg->loaded = true;
	tui_list_show(&pg->list, shown);
}

/*
 * Move the cursor for a moving action; returns whether the next page
 * should be asked for (near the end, there is one, none on its way).
 */
bool
tui_pages_move(struct tui_pages *pg, enum tui_action a, int shown)
{
	tui_list_key(&pg->list, a, shown);
	return (pg->list.cur + (size_t)shown >= pg->list.n &&
	    !json_is_null(pg->next) && !pg->paging && !pg->loading);
}
