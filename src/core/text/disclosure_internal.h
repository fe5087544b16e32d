/* Shared by the disclosure check's matchers (disclosure.c, disclosure_date.c). */
#ifndef MACA_DISCLOSURE_INTERNAL_H
#define MACA_DISCLOSURE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

static inline bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static inline bool is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static inline bool is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

static inline bool is_letter(char c)
{
	return is_upper(c) || is_lower(c);
}

static inline char upper(char c)
{
	return is_lower(c) ? (char)(c - 'a' + 'A') : c;
}

/* ASCII letters and digits: what an identifier must not run on into. A non-ASCII byte
 * (a no-break space, a pound sign) is a boundary. */
static inline bool is_word(char c)
{
	return is_letter(c) || is_digit(c);
}

/* Each returns the length of the date at s, or 0. */
size_t disclosure_match_numeric_date(const char *s);
size_t disclosure_match_text_date(const char *s);

#endif
