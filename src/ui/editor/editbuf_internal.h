/* What editbuf.c (text, editing) and editbuf_layout.c (rows, vertical movement) share. */
#ifndef MACA_EDITBUF_INTERNAL_H
#define MACA_EDITBUF_INTERNAL_H

#include <stdint.h>

#include "editbuf.h"
#include "ui_fit.h"

struct editbuf {
	wchar_t
	    *text; /* len characters, no terminator; no control but '\n' and (multi-line) '\t' */
	size_t len;
	size_t cap;
	wchar_t *saved; /* the text editbuf_changed() compares with */
	size_t saved_len;
	size_t cursor;
	size_t max_chars; /* 0: no limit */
	enum editbuf_mode mode;
	bool normalised;
	int goal_col;	/* the preferred column of a run of up/down moves; -1 for none */
	bool sensitive; /* every block holding text is wiped before it is released */
};

/* How the editor allocates and releases the blocks that hold its text (text, saved copy,
 * normalised input): malloc and free unless a test swaps them, to check that a sensitive
 * editor wipes every block it releases. release gets the block's whole size in bytes (so a
 * test can look at it) and may be given blocks that plain malloc made. NULL restores the
 * defaults. Not thread-safe: for tests only. */
struct editbuf_allocator {
	void *(*alloc)(size_t size);
	void (*release)(void *block, size_t size);
};
void editbuf_set_allocator(const struct editbuf_allocator *a);

/* Removes text[from, to) (cluster boundaries) and leaves the cursor at from. */
void editbuf_remove_range(struct editbuf *eb, size_t from, size_t to);

/* Columns a character of the text takes: never negative (the text holds no controls, and
 * '\n' is never measured). */
static inline int editbuf_cell_width(wchar_t c)
{
	int w = (uint32_t)c < 0x300 ? 1 : ui_char_width((uint32_t)c);
	return w < 0 ? 1 : w;
}

/* Whether text[i] belongs to the cluster before it: a zero-width character after anything
 * but a newline. */
static inline bool editbuf_attached(const wchar_t *text, size_t i)
{
	return i > 0 && text[i] != '\n' && text[i - 1] != '\n' && editbuf_cell_width(text[i]) == 0;
}

/* The start of the line (a paragraph, however many rows it wraps to) holding p, and its end:
 * its newline, or the end of the text. */
static inline size_t editbuf_para_start(const struct editbuf *eb, size_t p)
{
	while (p > 0 && eb->text[p - 1] != '\n')
		p--;
	return p;
}

static inline size_t editbuf_para_end(const struct editbuf *eb, size_t p)
{
	while (p < eb->len && eb->text[p] != '\n')
		p++;
	return p;
}

/* The start of the cluster after the one at i (i < len), and of the one before i (i > 0). */
static inline size_t editbuf_next_cluster(const struct editbuf *eb, size_t i)
{
	i++;
	while (i < eb->len && editbuf_attached(eb->text, i))
		i++;
	return i;
}

static inline size_t editbuf_prev_cluster(const struct editbuf *eb, size_t i)
{
	i--;
	while (i > 0 && editbuf_attached(eb->text, i))
		i--;
	return i;
}

#endif
