/* Import: what a pack or return holds and what importing it will do, or why it cannot. */
#include <stdlib.h>
#include <string.h>

#include "tui_draw.h"

/* Bytes of s that fit in width columns, broken after a space when one is near; never 0 for a
 * non-empty s, so the text always moves on. */
static size_t fitting(const char *s, int width)
{
	char *copy = strdup(s);
	if (!copy)
		return strlen(s);
	size_t fit = 0, space = 0;
	for (size_t end = 1; s[end - 1]; end++) {
		if (((unsigned char)s[end] & 0xC0) == 0x80)
			continue; /* inside a UTF-8 sequence */
		char saved = copy[end];
		copy[end] = '\0';
		bool fits = tui_width(copy) <= width;
		copy[end] = saved;
		if (!fits)
			break;
		fit = end;
		if (s[end - 1] == ' ')
			space = end;
		if (!s[end])
			break;
	}
	free(copy);
	if (!fit)
		fit = strlen(s) ? 1 : 0;
	return s[fit] && space > fit / 2 ? space : fit;
}

/* Draws a line wrapped to width from row y, at most up to row last; returns rows used. */
static int put_wrapped(WINDOW *w, int y, int last, int x, int width, const char *line, attr_t attr)
{
	int rows = 0;
	do {
		size_t n = fitting(line, width);
		char *part = strndup(line, n);
		if (y + rows <= last)
			tui_put(w, y + rows, x, width, part ? part : "", attr);
		free(part);
		rows++;
		line += n;
	} while (*line);
	return rows;
}

static void draw_import(WINDOW *w, struct ui *ui)
{
	const struct ui_import *im = &ui->import;
	int rows = getmaxy(w), cols = getmaxx(w);
	tui_frame(w, ui, "Import");
	int y = 2, last = rows - 5;
	for (size_t i = im->top; i < im->nlines && y <= last; i++) {
		attr_t attr = i == 0 ? A_BOLD : A_NORMAL;
		y += put_wrapped(w, y, last, 2, cols - 4, im->lines[i], attr);
	}
}

const struct tui_view tui_import_view = {.draw = draw_import};
