/* The editor's text: UTF-8 in and out, normalisation, editing, and horizontal movement. */
#include "editbuf_internal.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define REPLACEMENT 0xFFFDu

/* ---- Blocks holding text ---- */

static void plain_release(void *block, size_t size)
{
	(void)size;
	free(block);
}

static struct editbuf_allocator allocator = {malloc, plain_release};

void editbuf_set_allocator(const struct editbuf_allocator *a)
{
	allocator = a ? *a : (struct editbuf_allocator){malloc, plain_release};
}

/* Room for chars characters (at least 1); NULL when out of memory. */
static wchar_t *block_alloc(size_t chars)
{
	if (chars == 0)
		chars = 1;
	if (chars > SIZE_MAX / sizeof(wchar_t))
		return NULL;
	return allocator.alloc(chars * sizeof(wchar_t));
}

/* Releases a block of block_alloc(chars); a passphrase leaves no copy in freed memory. */
static void block_release(bool sensitive, wchar_t *block, size_t chars)
{
	size_t size = (chars ? chars : 1) * sizeof *block;

	if (!block)
		return;
	if (sensitive)
		sodium_memzero(block, size);
	allocator.release(block, size);
}

/* ---- UTF-8 ---- */

/* The well-formed UTF-8 sequences that do not start with an ASCII byte (Unicode 3.9, table
 * 3-7): by lead byte, how many bytes follow, the lead's bits of the character, and the range
 * of the second byte (every later one is 80..BF). */
static const struct utf8_form {
	unsigned char lead_lo, lead_hi, need, lead_bits, second_lo, second_hi;
} utf8_forms[] = {
    {0xC2, 0xDF, 1, 0x1F, 0x80, 0xBF}, {0xE0, 0xE0, 2, 0x0F, 0xA0, 0xBF},
    {0xE1, 0xEC, 2, 0x0F, 0x80, 0xBF}, {0xED, 0xED, 2, 0x0F, 0x80, 0x9F},
    {0xEE, 0xEF, 2, 0x0F, 0x80, 0xBF}, {0xF0, 0xF0, 3, 0x07, 0x90, 0xBF},
    {0xF1, 0xF3, 3, 0x07, 0x80, 0xBF}, {0xF4, 0xF4, 3, 0x07, 0x80, 0x8F},
};

/* Decodes the character at s[*i] and advances *i. Invalid input gives U+FFFD for each maximal
 * subpart of an ill-formed sequence (Unicode 3.9, table 3-7), and sets *bad. */
static uint32_t utf8_decode(const unsigned char *s, size_t len, size_t *i, bool *bad)
{
	unsigned char b = s[(*i)++];
	if (b < 0x80)
		return b;
	const struct utf8_form *f = NULL;
	for (size_t k = 0; !f && k < sizeof utf8_forms / sizeof *utf8_forms; k++)
		if (b >= utf8_forms[k].lead_lo && b <= utf8_forms[k].lead_hi)
			f = &utf8_forms[k];
	if (!f) {
		*bad = true;
		return REPLACEMENT;
	}
	uint32_t c = b & f->lead_bits;
	unsigned char lo = f->second_lo, hi = f->second_hi;
	for (size_t k = 0; k < f->need; k++) {
		if (*i >= len || s[*i] < lo || s[*i] > hi) {
			*bad = true;
			return REPLACEMENT;
		}
		c = (c << 6) | (s[*i] & 0x3Fu);
		(*i)++;
		lo = 0x80;
		hi = 0xBF;
	}
	return c;
}

static size_t utf8_size(uint32_t c)
{
	return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

static char *utf8_encode(uint32_t c, char *p)
{
	size_t n = utf8_size(c);
	static const unsigned char lead[] = {0, 0, 0xC0, 0xE0, 0xF0};
	for (size_t k = n - 1; k > 0; k--) {
		p[k] = (char)(0x80 | (c & 0x3F));
		c >>= 6;
	}
	p[0] = (char)(lead[n] | c);
	return p + n;
}

/* ---- Normalisation ---- */

struct norm {
	wchar_t *out; /* room for one character per input unit */
	size_t n;
	bool single_line;
	bool after_cr;
	bool altered;
};

static bool is_newline_like(uint32_t c)
{
	return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 ||
	       c == 0x2029;
}

static void norm_put(struct norm *nm, uint32_t c)
{
	bool after_cr = nm->after_cr;

	nm->after_cr = false;
	if (c == '\n' && after_cr)
		return; /* the LF of CR LF */
	if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
		c = REPLACEMENT;
		nm->altered = true;
	}
	if (is_newline_like(c)) {
		nm->after_cr = c == '\r';
		if (c != '\n')
			nm->altered = true;
		c = '\n';
		if (nm->single_line) {
			c = ' ';
			nm->altered = true;
		}
	} else if (c == '\t') {
		/* Kept in several lines (a pasted table's columns stay apart in what is saved);
		 * one line holds no control character. */
		if (nm->single_line) {
			c = ' ';
			nm->altered = true;
		}
	} else if (c == 0 || ui_char_width((uint32_t)c) < 0) {
		nm->altered = true;
		return;
	}
	nm->out[nm->n++] = (wchar_t)c;
}

/* Normalised copies of UTF-8 or wide input; NULL when out of memory. */
static wchar_t *norm_utf8(const char *s, size_t len, bool single_line, size_t *n, bool *altered)
{
	struct norm nm = {.single_line = single_line};
	size_t i = 0;
	bool bad = false;

	nm.out = block_alloc(len);
	if (!nm.out)
		return NULL;
	while (i < len)
		norm_put(&nm, utf8_decode((const unsigned char *)s, len, &i, &bad));
	*n = nm.n;
	*altered = nm.altered || bad;
	return nm.out;
}

static wchar_t *norm_wide(const wchar_t *s, size_t len, bool single_line, size_t *n)
{
	struct norm nm = {.single_line = single_line};

	nm.out = block_alloc(len);
	if (!nm.out)
		return NULL;
	for (size_t i = 0; i < len; i++)
		norm_put(&nm, (uint32_t)s[i]);
	*n = nm.n;
	return nm.out;
}

/* ---- Creation and output ---- */

struct editbuf *editbuf_new(const char *text, size_t max_chars, enum editbuf_mode mode)
{
	struct editbuf *eb = calloc(1, sizeof *eb);
	size_t n = 0, bytes = text ? strlen(text) : 0;

	if (!eb)
		return NULL;
	eb->max_chars = max_chars;
	eb->mode = mode;
	eb->goal_col = -1;
	eb->text =
	    norm_utf8(text ? text : "", bytes, mode == EDITBUF_SINGLE_LINE, &n, &eb->normalised);
	if (!eb->text) {
		free(eb);
		return NULL;
	}
	eb->len = n;
	eb->cap = bytes ? bytes : 1; /* what norm_utf8 allocated: one per byte */
	eb->cursor = n;
	if (editbuf_mark_saved(eb) != EDITBUF_OK) {
		editbuf_free(eb);
		return NULL;
	}
	return eb;
}

void editbuf_free(struct editbuf *eb)
{
	if (!eb)
		return;
	block_release(eb->sensitive, eb->text, eb->cap);
	block_release(eb->sensitive, eb->saved, eb->saved_len);
	free(eb);
}

void editbuf_set_sensitive(struct editbuf *eb)
{
	eb->sensitive = true;
}

char *editbuf_text(const struct editbuf *eb, size_t *len)
{
	size_t bytes = 0;
	char *out, *p;

	for (size_t i = 0; i < eb->len; i++)
		bytes += utf8_size((uint32_t)eb->text[i]);
	out = malloc(bytes + 1);
	if (!out)
		return NULL;
	p = out;
	for (size_t i = 0; i < eb->len; i++)
		p = utf8_encode((uint32_t)eb->text[i], p);
	*p = '\0';
	if (len)
		*len = bytes;
	return out;
}

const wchar_t *editbuf_wtext(const struct editbuf *eb, size_t *len)
{
	if (len)
		*len = eb->len;
	return eb->text;
}

size_t editbuf_length(const struct editbuf *eb)
{
	return eb->len;
}

size_t editbuf_room(const struct editbuf *eb)
{
	if (!eb->max_chars)
		return SIZE_MAX;
	return eb->len < eb->max_chars ? eb->max_chars - eb->len : 0;
}

size_t editbuf_max_chars(const struct editbuf *eb)
{
	return eb->max_chars;
}

bool editbuf_changed(const struct editbuf *eb)
{
	return eb->len != eb->saved_len || (eb->len && wmemcmp(eb->text, eb->saved, eb->len) != 0);
}

/* Replaces *block, of *size characters, with a new block of size characters holding the text
 * (size >= its length); false, with *block as it was, when out of memory. Not realloc: it may
 * leave the old block in freed memory unwiped. */
static bool copy_text_into(struct editbuf *eb, wchar_t **block, size_t *size, size_t new_size)
{
	wchar_t *copy = block_alloc(new_size);
	if (!copy)
		return false;
	if (eb->len)
		wmemcpy(copy, eb->text, eb->len);
	block_release(eb->sensitive, *block, *size);
	*block = copy;
	*size = new_size;
	return true;
}

enum editbuf_result editbuf_mark_saved(struct editbuf *eb)
{
	return copy_text_into(eb, &eb->saved, &eb->saved_len, eb->len) ? EDITBUF_OK
								       : EDITBUF_ENOMEM;
}

bool editbuf_normalised(const struct editbuf *eb)
{
	return eb->normalised;
}

/* ---- Editing ---- */

/* Moves the cursor off any zero-width characters that an edit attached to the cluster before
 * it (inserting a letter before a lone combining mark, joining lines). */
static void settle_cursor(struct editbuf *eb)
{
	while (eb->cursor < eb->len && editbuf_attached(eb->text, eb->cursor))
		eb->cursor++;
	eb->goal_col = -1;
}

/* Inserts normalised characters at the cursor: all of them, or none when they would take
 * the text past its limit (a paste is never cut). */
static enum editbuf_result insert_block(struct editbuf *eb, const wchar_t *s, size_t n)
{
	enum editbuf_result rc = EDITBUF_OK;

	if (n == 0)
		return EDITBUF_REFUSED;
	if (eb->max_chars && n > editbuf_room(eb))
		return EDITBUF_TOO_LONG;
	if (n > SIZE_MAX / sizeof *eb->text - eb->len)
		return EDITBUF_ENOMEM;
	if (eb->len + n > eb->cap) {
		size_t cap = eb->cap;
		while (cap < eb->len + n)
			cap = cap <= SIZE_MAX / sizeof *eb->text / 2 ? cap * 2 : eb->len + n;
		if (!copy_text_into(eb, &eb->text, &eb->cap, cap))
			return EDITBUF_ENOMEM;
	}
	wmemmove(eb->text + eb->cursor + n, eb->text + eb->cursor, eb->len - eb->cursor);
	wmemcpy(eb->text + eb->cursor, s, n);
	eb->len += n;
	eb->cursor += n;
	settle_cursor(eb);
	return rc;
}

enum editbuf_result editbuf_insert_char(struct editbuf *eb, wchar_t c)
{
	uint32_t u = (uint32_t)c;
	wchar_t w;

	if (is_newline_like(u))
		return editbuf_newline(eb);
	if (u == '\t')
		w = L' ';
	else if (u == 0 || u > 0x10FFFF || ui_char_width((uint32_t)c) < 0)
		return EDITBUF_REFUSED;
	else
		w = c;
	return insert_block(eb, &w, 1);
}

/* Inserts n characters normalised into w (NULL: out of memory), then releases w, allocated
 * for len input units. */
static enum editbuf_result insert_normalised(struct editbuf *eb, wchar_t *w, size_t n, size_t len)
{
	if (!w)
		return EDITBUF_ENOMEM;
	enum editbuf_result rc = insert_block(eb, w, n);
	block_release(eb->sensitive, w, len);
	return rc;
}

enum editbuf_result editbuf_insert_utf8(struct editbuf *eb, const char *s, size_t len)
{
	size_t n;
	bool altered;
	wchar_t *w = norm_utf8(s, len, eb->mode == EDITBUF_SINGLE_LINE, &n, &altered);
	return insert_normalised(eb, w, n, len);
}

enum editbuf_result editbuf_insert_wide(struct editbuf *eb, const wchar_t *s, size_t len)
{
	size_t n;
	wchar_t *w = norm_wide(s, len, eb->mode == EDITBUF_SINGLE_LINE, &n);
	return insert_normalised(eb, w, n, len);
}

enum editbuf_result editbuf_newline(struct editbuf *eb)
{
	static const wchar_t nl = L'\n';

	if (eb->mode == EDITBUF_SINGLE_LINE)
		return EDITBUF_REFUSED;
	return insert_block(eb, &nl, 1);
}

void editbuf_remove_range(struct editbuf *eb, size_t from, size_t to)
{
	wmemmove(eb->text + from, eb->text + to, eb->len - to);
	if (eb->sensitive) /* the characters moved down leave no copy past the end */
		sodium_memzero(eb->text + eb->len - (to - from), (to - from) * sizeof *eb->text);
	eb->len -= to - from;
	eb->cursor = from;
	settle_cursor(eb);
}

enum editbuf_result editbuf_backspace(struct editbuf *eb)
{
	if (eb->cursor == 0)
		return EDITBUF_REFUSED;
	editbuf_remove_range(eb, editbuf_prev_cluster(eb, eb->cursor), eb->cursor);
	return EDITBUF_OK;
}

enum editbuf_result editbuf_delete(struct editbuf *eb)
{
	if (eb->cursor >= eb->len)
		return EDITBUF_REFUSED;
	editbuf_remove_range(eb, eb->cursor, editbuf_next_cluster(eb, eb->cursor));
	return EDITBUF_OK;
}

void editbuf_clear(struct editbuf *eb)
{
	editbuf_remove_range(eb, 0, eb->len);
}

/* ---- Horizontal movement ---- */

size_t editbuf_cursor(const struct editbuf *eb)
{
	return eb->cursor;
}

void editbuf_set_cursor(struct editbuf *eb, size_t pos)
{
	if (pos > eb->len)
		pos = eb->len;
	while (pos > 0 && pos < eb->len && editbuf_attached(eb->text, pos))
		pos--;
	eb->cursor = pos;
	eb->goal_col = -1;
}

static bool move(struct editbuf *eb, size_t pos)
{
	bool moved = pos != eb->cursor;

	eb->cursor = pos;
	eb->goal_col = -1;
	return moved;
}

bool editbuf_left(struct editbuf *eb)
{
	return move(eb, eb->cursor ? editbuf_prev_cluster(eb, eb->cursor) : 0);
}

bool editbuf_right(struct editbuf *eb)
{
	return move(eb, eb->cursor < eb->len ? editbuf_next_cluster(eb, eb->cursor) : eb->len);
}

bool editbuf_text_start(struct editbuf *eb)
{
	return move(eb, 0);
}

bool editbuf_text_end(struct editbuf *eb)
{
	return move(eb, eb->len);
}

/* Words are runs of anything but white space and punctuation. Letters, digits and marks of
 * every script count as word characters; so do symbols outside ASCII. */
static bool is_word_char(wchar_t c)
{
	uint32_t u = (uint32_t)c;

	if (u < 0x80)
		return (u >= '0' && u <= '9') || (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') ||
		       u == '_';
	return !(u == 0xA0 || (u >= 0x2000 && u <= 0x206F) || (u >= 0x3000 && u <= 0x3003) ||
		 (u >= 0xFF01 && u <= 0xFF0F));
}

bool editbuf_word_left(struct editbuf *eb)
{
	size_t p = eb->cursor;

	while (p > 0 && !is_word_char(eb->text[editbuf_prev_cluster(eb, p)]))
		p = editbuf_prev_cluster(eb, p);
	while (p > 0 && is_word_char(eb->text[editbuf_prev_cluster(eb, p)]))
		p = editbuf_prev_cluster(eb, p);
	return move(eb, p);
}

bool editbuf_word_right(struct editbuf *eb)
{
	size_t p = eb->cursor;

	while (p < eb->len && !is_word_char(eb->text[p]))
		p = editbuf_next_cluster(eb, p);
	while (p < eb->len && is_word_char(eb->text[p]))
		p = editbuf_next_cluster(eb, p);
	return move(eb, p);
}
