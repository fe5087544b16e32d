/* The disclosure check's word lists, embedded by the build (cmake/embed_words.cmake) as
 * sorted arrays of lower-case words: looked up by binary search, with no file to read and
 * nothing to set up. */
#include <stdlib.h>
#include <string.h>

#include "disclosure_lexicon.h"
#include "disclosure_text.h"

extern const char *const lexicon_first_names[];
extern const size_t lexicon_first_names_count;
extern const char *const lexicon_common_first_names[];
extern const size_t lexicon_common_first_names_count;
extern const char *const lexicon_surnames[];
extern const size_t lexicon_surnames_count;
extern const char *const lexicon_not_names[];
extern const size_t lexicon_not_names_count;
extern const char *const lexicon_dictionary[];
extern const size_t lexicon_dictionary_count;

enum { LONGEST_WORD = 48 };

static int word_order(const void *key, const void *item)
{
	return strcmp(key, *(const char *const *)item);
}

static bool find(const char *const *list, size_t count, const char *s, size_t n)
{
	char key[LONGEST_WORD + 1];
	if (n == 0 || n > LONGEST_WORD)
		return false;
	for (size_t i = 0; i < n; i++)
		key[i] = lower(s[i]);
	key[n] = '\0';
	return bsearch(key, list, count, sizeof *list, word_order) != NULL;
}

bool lexicon_first_name(const char *s, size_t n)
{
	return find(lexicon_first_names, lexicon_first_names_count, s, n);
}

bool lexicon_common_first_name(const char *s, size_t n)
{
	return find(lexicon_common_first_names, lexicon_common_first_names_count, s, n);
}

bool lexicon_surname(const char *s, size_t n)
{
	return find(lexicon_surnames, lexicon_surnames_count, s, n);
}

bool lexicon_ordinary_word(const char *s, size_t n)
{
	return find(lexicon_dictionary, lexicon_dictionary_count, s, n);
}

bool lexicon_not_name(const char *s, size_t n)
{
	return find(lexicon_not_names, lexicon_not_names_count, s, n);
}
