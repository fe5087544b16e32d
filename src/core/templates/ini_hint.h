/* What the messages about a template, form or configuration file add so that the person who
 * wrote it can put it right: the name a misspelt word was likely meant to be, the character
 * they cannot see or that looks like another, and why an id is refused. */
#ifndef MACA_INI_HINT_H
#define MACA_INI_HINT_H

#include <stdbool.h>
#include <stddef.h>

/* The number of single-byte insertions, deletions and substitutions that turn a into b. */
size_t hint_edit_distance(const char *a, const char *b);

/* The name among the n names (each a `const char *` at `offset` in an element of `size`
 * bytes from base; a NULL name ends the list early) that word is most likely a misspelling
 * of: at most 2 edits away and about a third of the word's length at most, or
 * the same but for its ending ("agency", "agencies"), the nearest first; NULL when none is that
 * near or word is one of them. */
const char *hint_nearest(const char *word, const void *base, size_t n, size_t size, size_t offset);

/* A character in text that a reader cannot see or could take for another. */
struct hint_char {
	unsigned cp;	  /* its code point */
	const char *what; /* "a no-break space" */
	const char *fix;  /* "replace it with an ordinary space" */
};

/* The first such character of s (valid UTF-8 or not): a tab, a no-break or other unusual
 * space, a zero-width or other invisible character, a curly quote or a dash that looks like
 * '-'. False when there is none. */
bool hint_odd_char(const char *s, struct hint_char *out);

/* "; it holds a no-break space (U+00A0): replace it with an ordinary space", to follow a
 * message refusing s; "" when s holds no such character. NULL when out of memory. */
char *hint_odd_note(const char *s);

/* Why id is not an id (a-z, 0-9, '-' and '_', starting with a letter or digit, at most 40
 * characters), as a phrase: "it is 45 characters long; the limit is 40". NULL when out of
 * memory; "" when id is valid. */
char *hint_id_problem(const char *id);

#endif
