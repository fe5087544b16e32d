/* The caller's vocabulary as the disclosure check asks it (disclosure_vocab.c). Private to
 * src/core/text. */
#ifndef MACA_DISCLOSURE_VOCAB_H
#define MACA_DISCLOSURE_VOCAB_H

#include <stdbool.h>
#include <stddef.h>

#include "disclosure.h"

/* Whether the caller's vocabulary holds the words of text[start, end) (disclosure_vocab.c).
 * whole: a single word counts only when it is a phrase of the vocabulary by itself. */
bool vocab_holds(const struct disclosure_vocab *v, const char *text, size_t start, size_t end,
		 bool whole);

#endif
