/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Drawing for every view: styles (colour, or attributes alone under
 * NO_COLOR and on monochrome terminals), text, wrapping, bars, times,
 * scrolling lists and the screen dump of script mode.
 *
 * Text from the database is hostile (DESIGN.md section 8), whatever the
 * ingress policy let in: tui_text() and tui_wrap() are the only ways it
 * reaches curses, and both pass it through text_sanitize() (controls in
 * caret notation, bidi and invisible characters as <U+XXXX> markers,
 * tabs expanded, invalid UTF-8 replaced), cut it by terminal cells with
 * text_truncate() (never inside a character or between a base and its
 * marks) and hand curses wide characters, any with no width replaced by
 * U+FFFD. Nothing else writes member text.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "moot/text.h"
#include "moot/util.h"
#include "../cli/moot.h"
#include "tui.h"

static bool	tui_draw_color;

/* Colour pairs, one per style that has a colour. */
static const struct {
	short	fg;
	short	bg;
	attr_t	mono;		/* the attribute without colour */
	attr_t	extra;		/* added to the colour */
} tui_draw_styles[S_COUNT] = {
	[S_NORMAL] =	{ -1, -1, A_NORMAL, A_NORMAL },
	[S_HEADER] =	{ COLOR_WHITE, COLOR_BLUE, A_REVERSE, A_BOLD },
	[S_STATUS] =	{ COLOR_BLACK, COLOR_CYAN, A_REVERSE, A_NORMAL },
	[S_ERROR] =	{ COLOR_WHITE, COLOR_RED, A_REVERSE | A_BOLD, A_BOLD },
	[S_SELECTED] =	{ COLOR_BLACK, COLOR_YELLOW, A_REVERSE, A_NORMAL },
	[S_DIM] =	{ COLOR_BLUE, -1, A_DIM, A_BOLD },
	[S_BOLD] =	{ -1, -1, A_BOLD, A_BOLD },
	[S_GOOD] =	{ COLOR_GREEN, -1, A_BOLD, A_NORMAL },
	[S_BAD] =	{ COLOR_RED, -1, A_BOLD | A_UNDERLINE, A_BOLD },
	[S_ACTIVE] =	{ COLOR_YELLOW, -1, A_BOLD, A_BOLD },
	[S_BAR] =	{ COLOR_CYAN, -1, A_NORMAL, A_REVERSE },
	[S_MARK] =	{ COLOR_MAGENTA, -1, A_BOLD, A_BOLD },
};

/* Set the styles up once curses runs; color says whether to use it. */
void
tui_draw_init(bool color)
{
	int	i;

	tui_draw_color = color && has_colors();
	if (!tui_draw_color)
		return;
	start_color();
	use_default_colors();
	for (i = 1; i < S_COUNT; i++)
		init_pair((short)i, tui_draw_styles[i].fg,
		    tui_draw_styles[i].bg);
}

attr_t
tui_attr(enum tui_style s)
{
	if (s == S_NORMAL)
		return (A_NORMAL);
	if (!tui_draw_color)
		return (tui_draw_styles[s].mono);
	return (COLOR_PAIR(s) | tui_draw_styles[s].extra);
}

/*
 * Draw sanitized, already cut UTF-8 at the cursor: wide characters, any
 * with no width as U+FFFD (curses would otherwise show it its own way,
 * with another width than we counted).
 */
static void
tui_draw_safe(WINDOW *w, const char *s)
{
	wchar_t		 wbuf[256];
	mbstate_t	 ps;
	size_t		 n, k, len = strlen(s);
	wchar_t		 wc;

	memset(&ps, 0, sizeof ps);
	n = 0;
	while (len > 0) {
		k = mbrtowc(&wc, s, len, &ps);
		if (k == (size_t)-1 || k == (size_t)-2) {
			wc = 0xfffd;
			k = 1;
			memset(&ps, 0, sizeof ps);
		} else if (k == 0)
			break;
		if (wcwidth(wc) < 0)
			wc = 0xfffd;
		wbuf[n++] = wc;
		if (n == MOOT_NITEMS(wbuf)) {
			waddnwstr(w, wbuf, (int)n);
			n = 0;
		}
		s += k;
		len -= k;
	}
	if (n != 0)
		waddnwstr(w, wbuf, (int)n);
}

/*
 * Draw untrusted text s (one line) at y, x in at most cells cells, in
 * style; pads the rest of the cells with blanks when cells > 0. Returns
 * the cells the text took.
 */
int
tui_text(WINDOW *w, int y, int x, int cells, const char *s,
    enum tui_style style)
{
	char	*safe, *cut;
	int	 width, i;

	if (cells <= 0)
		return (0);
	if (s == NULL)
		s = "";
	safe = text_sanitize(s, strlen(s), 0);
	cut = text_truncate(safe, cells);
	width = text_width(cut);
	wattrset(w, tui_attr(style));
	wmove(w, y, x);
	tui_draw_safe(w, cut);
	for (i = width; i < cells; i++)
		waddch(w, ' ');
	wattrset(w, A_NORMAL);
	free(cut);
	free(safe);
	return (width);
}

/* tui_text() of a formatted string; its arguments may be untrusted. */
int
tui_textf(WINDOW *w, int y, int x, int cells, enum tui_style style,
    const char *fmt, ...)
{
	va_list	 ap;
	char	*s;
	int	 n;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) == -1)
		s = NULL;
	va_end(ap);
	n = tui_text(w, y, x, cells, s, style);
	free(s);
	return (n);
}

/* Blank cells cells at y, x in style. */
void
tui_fill(WINDOW *w, int y, int x, int cells, enum tui_style style)
{
	int	i;

	wattrset(w, tui_attr(style));
	wmove(w, y, x);
	for (i = 0; i < cells; i++)
		waddch(w, ' ');
	wattrset(w, A_NORMAL);
}

/*
 * Untrusted text s wrapped to lines of at most cols cells, at spaces
 * where it can, inside a word where a word is longer than a line; LF
 * ends a line. Every line is sanitized. Caller frees with
 * tui_wrap_free().
 */
char **
tui_wrap(const char *s, int cols, size_t *n)
{
	char		**lines = NULL, *safe, *p, *nl, *line, *cut, *q, *space;
	size_t		  nlines = 0, len;
	int		  width;
	uint32_t	  cp;
	int		  k, cw;

	*n = 0;
	if (s == NULL || cols < 1)
		return (NULL);
	safe = text_sanitize(s, strlen(s), TEXT_SHOW_LINES);
	for (p = safe; p != NULL; p = nl) {
		if ((nl = strchr(p, '\n')) != NULL)
			*nl++ = '\0';
		/* Cut p into lines of at most cols cells. */
		do {
			width = 0;
			space = NULL;
			q = p;
			while (*q != '\0') {
				k = text_utf8_decode((const unsigned char *)q,
				    strlen(q), &cp);
				if (k < 1)
					k = 1;
				cw = wcwidth((wchar_t)cp);
				if (cw < 0)
					cw = 1;
				if (width + cw > cols)
					break;
				width += cw;
				if (*q == ' ')
					space = q;
				q += k;
			}
			/* Cut at the last space, unless at one already. */
			if (*q != '\0' && *q != ' ' && space != NULL &&
			    space > p)
				q = space;
			/* A character wider than the line: alone on it. */
			if (q == p && *q != '\0') {
				k = text_utf8_decode((const unsigned char *)q,
				    strlen(q), &cp);
				q += k < 1 ? 1 : k;
			}
			len = (size_t)(q - p);
			line = xstrndup(p, len);
			/* Marks after a cut stay with their base. */
			cut = text_truncate(line, cols);
			free(line);
			lines = xreallocarray(lines, nlines + 1, sizeof *lines);
			lines[nlines++] = cut;
			p = q;
			if (*p == ' ')
				p++;
		} while (*p != '\0');
	}
	free(safe);
	*n = nlines;
	return (lines);
}

void
tui_wrap_free(char **lines, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

/*
 * A bar of width cells at y, x filled to share (0..1), with marks at
 * the shares mark1 and mark2 (quorum, threshold; < 0 for none): "|"
 * in the mark style over the bar.
 */
void
tui_bar(WINDOW *w, int y, int x, int width, double share, double mark1,
    double mark2, enum tui_style style)
{
	int	i, filled, m1, m2;

	if (width < 1)
		return;
	if (share < 0)
		share = 0;
	if (share > 1)
		share = 1;
	filled = (int)(share * width + 0.5);
	m1 = mark1 >= 0 ? (int)(mark1 * width + 0.5) : -1;
	m2 = mark2 >= 0 ? (int)(mark2 * width + 0.5) : -1;
	if (m1 >= width)
		m1 = width - 1;
	if (m2 >= width)
		m2 = width - 1;
	wmove(w, y, x);
	for (i = 0; i < width; i++) {
		if (i == m1 || i == m2) {
			wattrset(w, tui_attr(S_MARK) |
			    (i < filled && tui_draw_color ? A_REVERSE : 0));
			waddch(w, '|');
		} else if (i < filled) {
			wattrset(w, tui_attr(style));
			/* Without colour, reverse video draws the bar. */
			waddch(w, tui_draw_color ? ' ' : '#');
		} else {
			wattrset(w, tui_attr(S_DIM));
			waddch(w, '.');
		}
	}
	wattrset(w, A_NORMAL);
}

/* A time (ms since the epoch) as moot.conf's date format says. */
char *
tui_when(struct tui *t, int64_t ms)
{
	char		 buf[128];
	struct tm	 tm;
	time_t		 tt = (time_t)(ms / 1000);
	const char	*fmt = t->cfg->date_format;

	if (fmt == NULL || *fmt == '\0')
		fmt = "%Y-%m-%d %H:%M";
	if (localtime_r(&tt, &tm) == NULL ||
	    strftime(buf, sizeof buf, fmt, &tm) == 0)
		return (xstrdup("?"));
	return (xstrdup(buf));
}

/* How long until ms: "2d 3h", "3h 12m", "4m 05s", "closed". */
char *
tui_left(int64_t ms)
{
	int64_t	s = (ms - (int64_t)tui_now_wall_ms()) / 1000;

	if (s <= 0)
		return (xstrdup("due"));
	if (s >= 86400)
		return (xasprintf("%lldd %lldh", (long long)(s / 86400),
		    (long long)(s % 86400 / 3600)));
	if (s >= 3600)
		return (xasprintf("%lldh %02lldm", (long long)(s / 3600),
		    (long long)(s % 3600 / 60)));
	return (xasprintf("%lldm %02llds", (long long)(s / 60),
	    (long long)(s % 60)));
}

/* How long ago ms was: "now", "5m", "3h", "12d". */
char *
tui_ago(int64_t ms)
{
	int64_t	s = ((int64_t)tui_now_wall_ms() - ms) / 1000;

	if (s < 60)
		return (xstrdup("now"));
	if (s < 3600)
		return (xasprintf("%lldm", (long long)(s / 60)));
	if (s < 86400)
		return (xasprintf("%lldh", (long long)(s / 3600)));
	return (xasprintf("%lldd", (long long)(s / 86400)));
}

/* Move a list's cursor for a moving action in a window of rows rows. */
void
tui_list_key(struct tui_list *l, enum tui_action a, int rows)
{
	size_t	page = rows > 1 ? (size_t)rows - 1 : 1;

	if (l->n == 0)
		return;
	switch (a) {
	case ACT_UP:
		if (l->cur > 0)
			l->cur--;
		break;
	case ACT_DOWN:
		if (l->cur + 1 < l->n)
			l->cur++;
		break;
	case ACT_PAGE_UP:
		l->cur = l->cur > page ? l->cur - page : 0;
		break;
	case ACT_PAGE_DOWN:
		l->cur = l->cur + page < l->n ? l->cur + page : l->n - 1;
		break;
	case ACT_HOME:
		l->cur = 0;
		break;
	case ACT_END:
		l->cur = l->n - 1;
		break;
	default:
		break;
	}
	tui_list_show(l, rows);
}

/*
 * Scroll a document of n lines shown rows at a time, whose first line on
 * screen is *top, by a movement action; false for any other action.
 */
bool
tui_scroll(size_t *top, size_t n, int rows, enum tui_action a)
{
	size_t	page = rows > 1 ? (size_t)rows - 1 : 1;
	size_t	last = rows > 0 && n > (size_t)rows ? n - (size_t)rows : 0;

	switch (a) {
	case ACT_UP:
		if (*top > 0)
			(*top)--;
		break;
	case ACT_DOWN:
		if (*top < last)
			(*top)++;
		break;
	case ACT_PAGE_UP:
		*top = *top > page ? *top - page : 0;
		break;
	case ACT_PAGE_DOWN:
		*top = *top + page < last ? *top + page : last;
		break;
	case ACT_HOME:
		*top = 0;
		break;
	case ACT_END:
		*top = last;
		break;
	default:
		return (false);
	}
	return (true);
}

/* Keep the cursor inside the list and on screen (rows rows). */
void
tui_list_show(struct tui_list *l, int rows)
{
	if (rows < 1)
		rows = 1;
	if (l->n == 0) {
		l->cur = l->top = 0;
		return;
	}
	if (l->cur >= l->n)
		l->cur = l->n - 1;
	if (l->cur < l->top)
		l->top = l->cur;
	if (l->cur >= l->top + (size_t)rows)
		l->top = l->cur - (size_t)rows + 1;
	if (l->top + (size_t)rows > l->n)
		l->top = l->n > (size_t)rows ? l->n - (size_t)rows : 0;
}

/*
 * Write what the terminal shows (curses' idea of it) to path, one line
 * per row, trailing blanks removed: script mode's screen dump.
 */
int
tui_dump(const char *path)
{
	wchar_t		 row[1024];
	char		 mb[MB_LEN_MAX];
	mbstate_t	 ps;
	FILE		*f;
	int		 y, n, i;
	size_t		 k;

	if ((f = fopen(path, "w")) == NULL)
		return (-errno);
	for (y = 0; y < LINES; y++) {
		n = mvwinnwstr(curscr, y, 0, row, (int)MOOT_NITEMS(row) - 1);
		if (n < 0)
			n = 0;
		row[n] = L'\0';
		while (n > 0 && row[n - 1] == L' ')
			row[--n] = L'\0';
		memset(&ps, 0, sizeof ps);
		for (i = 0; i < n; i++) {
			k = wcrtomb(mb, row[i], &ps);
			if (k != (size_t)-1)
				fwrite(mb, 1, k, f);
		}
		fputc('\n', f);
	}
	return (fclose(f) == 0 ? 0 : -errno);
}
