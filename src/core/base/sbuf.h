/* A growable byte string for text of any length, and small string helpers. */
#ifndef MACA_SBUF_H
#define MACA_SBUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct sbuf {
	char *data; /* always NUL-terminated once anything was added */
	size_t len;
	size_t cap;
	bool failed; /* an allocation failed; the contents are incomplete */
};

void sbuf_add(struct sbuf *b, const char *s);
void sbuf_addn(struct sbuf *b, const char *s, size_t n);
void sbuf_addc(struct sbuf *b, char c);
void sbuf_addf(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Returns the string (caller frees) and resets b; NULL if any allocation failed. */
char *sbuf_take(struct sbuf *b);
void sbuf_free(struct sbuf *b);

/* malloc'd formatted string, NULL on allocation failure. */
char *str_fmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *str_vfmt(const char *fmt, va_list ap);
/* strdup that accepts NULL (returns NULL). Callers check when s was non-NULL. */
char *str_dup(const char *s);
/* A copy of s with ASCII capitals made small (every other byte as it is), for names and
 * ids that are written in small letters; NULL when s is NULL or out of memory. */
char *str_ascii_lower(const char *s);
/* Whether two strings are equal as text, NULL counting as "". */
bool str_same(const char *a, const char *b);
/* Number of Unicode code points in a UTF-8 string (bytes 10xxxxxx are not counted). */
size_t utf8_length(const char *s);
/* Whether s is valid UTF-8. */
bool utf8_valid(const char *s, size_t len);
/* Parses a whole decimal integer; false on anything else (empty, junk, overflow). */
bool parse_long(const char *s, long *out);
/* Whether s is a valid calendar date written YYYY-MM-DD. */
bool date_valid(const char *s);

/* Makes room in *items (n elements of size bytes) for one more: the capacity is 4, then
 * doubles each time n reaches a power of two, so callers keep only the count. False (and
 * *items unchanged) when out of memory or the size would overflow. */
bool array_grow(void **items, size_t n, size_t size);
/* The element of items (n elements of size bytes) whose char * member at offset (offsetof)
 * is key, or NULL: the one linear search for a record by its id or name. */
const void *array_find(const void *items, size_t n, size_t size, size_t offset, const char *key);
/* As array_find, for a record known by two char * members together (an agency's answer to a
 * question, a form's field): the element whose member at offset is key and whose member at
 * offset2 is key2, or NULL. */
const void *array_find2(const void *items, size_t n, size_t size, size_t offset, const char *key,
			size_t offset2, const char *key2);
/* qsort and bsearch order for an array of char *: by strcmp. */
int str_ptr_cmp(const void *a, const void *b);

#endif
