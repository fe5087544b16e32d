/* The disclosure check's word lists (disclosure_lexicon.c). Private to src/core/text. */
#ifndef MACA_DISCLOSURE_LEXICON_H
#define MACA_DISCLOSURE_LEXICON_H

#include <stdbool.h>
#include <stddef.h>

/* Word lists (disclosure_lexicon.c), asked with the bytes of one word in any case. */
bool lexicon_first_name(const char *s, size_t n);
bool lexicon_common_first_name(const char *s, size_t n); /* given to 200 a year or more */
bool lexicon_surname(const char *s, size_t n);
bool lexicon_ordinary_word(const char *s, size_t n); /* a lower-case English word */
bool lexicon_not_name(const char *s, size_t n);	     /* calendar, places, the trade */

#endif
