/* What maca lets into its database, per kind of field: one table of lengths and characters.
 * Entry (forms, command-line options, the configuration's author) and the pack and return
 * reader check the same rules, so whatever maca accepts it can send and take back. The
 * table is in maca(1), LIMITS. */
#ifndef MACA_TEXT_RULES_H
#define MACA_TEXT_RULES_H

#include <stdbool.h>
#include <stddef.h>

enum text_kind {
	TEXT_ID,	/* template, agency, question, tag ids */
	TEXT_REFERENCE, /* a case's pseudonymous reference */
	TEXT_NAME,	/* a person (an author) or an agency */
	TEXT_LINE,	/* titles, themes, other one-line fields */
	TEXT_LONG,	/* evidence, notes, multi-line fields */
	TEXT_KIND_COUNT
};

struct text_rule {
	const char *name; /* as messages and the manual say it */
	size_t max_chars; /* Unicode code points */
	/* No control characters (U+0000 to U+001F, U+007F to U+009F) and no line or paragraph
	 * separators. */
	bool one_line;
	/* Also no bidirectional controls, no zero-width or other invisible characters (Unicode's
	 * Default_Ignorable_Code_Point) and no comma; spaces are normalised (text_normalise). */
	bool visible;
};

extern const struct text_rule text_rules[TEXT_KIND_COUNT];

/* Why a text breaks its kind's rule, as a phrase to follow the field's name: "is 41
 * characters long; the limit is 40", "holds a control character (U+001B)". It never quotes
 * the text itself. */
struct text_fault {
	char why[120];
};

/* Whether s keeps to the rule of its kind; if not, fault (which may be NULL) says why.
 * Whether a field may be empty is the caller's business. */
bool text_check(enum text_kind kind, const char *s, struct text_fault *fault);

/* text_check for s of `bytes` bytes already known to be valid UTF-8 without a NUL (as the
 * return reader checks it first): the same rule, the same faults, without checking the
 * encoding again. */
bool text_check_utf8(enum text_kind kind, const char *s, size_t bytes, struct text_fault *fault);

/* The characters half of the rule alone, for text with tighter limits of its own (a
 * template's labels and prompts). */
bool text_check_characters(enum text_kind kind, const char *s, struct text_fault *fault);

/* s as maca stores a text of this kind. A reference has every tab and Unicode space
 * (category Zs) made one ASCII space, runs of them made one, and none at either end; other
 * kinds are copied as they are. NULL when out of memory. */
char *text_normalise(enum text_kind kind, const char *s);

/* A key that two references share when a reader would take them for the same case: the
 * normalised reference, case-folded and in Unicode normal form NFKC, so "CHILD A", "Child A"
 * and "Child Ａ" share one, as do an accented letter typed precomposed or as a letter and a
 * combining accent. NULL when out of memory. */
char *text_fold(const char *s);

#endif
