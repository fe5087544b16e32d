/* Disclosure check: finds what looks like a personal identifier in text that is about to
 * leave maca (a briefing is shared across the partnership and often published). A finding
 * is a reason to stop and look, not proof; false alarms are preferred to misses.
 *
 * Flagged in prose (disclosure_scan):
 * - NHS numbers: 10 digits, alone or written 3-3-4 with spaces or hyphens, whose modulus 11
 *   check digit is valid. Ten digits that fail the check are not flagged.
 * - National Insurance numbers: two letters allowed as a prefix (first not D F I Q U V,
 *   second not D F I O Q U V, and not BG GB KN NK NT TN ZZ), six digits (spaces allowed
 *   between pairs) and a suffix A to D; either case.
 * - Dates: every complete calendar date with a year from 1900 to 2099: 3/4/2014, 03/04/14,
 *   3.4.14, 3-4-2014, 2014-04-03, "3 March 2014", "3rd Mar 2014", "March 3, 2014". A date of
 *   birth cannot be told from any other date by its form, and an exact date of an event also
 *   helps to identify a child; write "in March 2014" instead. Partial dates ("March 2014",
 *   "2014", "3 March") and times are not flagged.
 * - UK postcodes (A9 9AA, A99 9AA, A9A 9AA, AA9 9AA, AA99 9AA, AA9A 9AA, with or without the
 *   space), written all upper or all lower case.
 * - UK phone numbers: 07 mobiles (11 digits), 01, 02 and 03 numbers (10 or 11 digits), and
 *   the same after +44 or 0044 (with an optional "(0)"); single spaces or hyphens between
 *   groups. Free and premium numbers (0800, 0808, 09...) are not flagged: they are services.
 * - E-mail addresses.
 *
 * Flagged in case references (disclosure_check_reference): a reference is a pseudonym when
 * every word in it is a code (a single letter, a word with a digit, or one all in capitals:
 * "A", "3", "YP1", "CYP") or a word from a short list of role words ("Child", "Case",
 * "Young", "Person", "Baby", "Sibling", "Family", "Unborn", the NATO alphabet, ...). Any other
 * word, such as "Amira" or "Jayden Smith", may be a real name and is flagged. */
#ifndef MACA_DISCLOSURE_H
#define MACA_DISCLOSURE_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

enum disclosure_kind {
	DISCLOSURE_NHS,
	DISCLOSURE_NINO,
	DISCLOSURE_DATE,
	DISCLOSURE_POSTCODE,
	DISCLOSURE_PHONE,
	DISCLOSURE_EMAIL,
	DISCLOSURE_NAME,
};

/* "NHS number", "National Insurance number", "date", ... */
const char *disclosure_kind_name(enum disclosure_kind kind);

/* What a finding is in, so an interface can take the user there to fix it. */
enum disclosure_place {
	DISCLOSURE_IN_TEXT, /* just text: no record (what disclosure_scan itself gives) */
	DISCLOSURE_IN_AUDIT,
	DISCLOSURE_IN_CASE,
	DISCLOSURE_IN_GOOD_PRACTICE,
	DISCLOSURE_IN_LEARNING_POINT,
	DISCLOSURE_IN_ACTION,
};

struct disclosure {
	enum disclosure_kind kind;
	enum disclosure_place place; /* set by the caller that knows the record */
	int64_t place_id;	     /* that record's id */
	char *match;		     /* the text that matched, as written */
	char *where;		     /* e.g. "learning point 2, text" */
};

struct disclosure_list {
	struct disclosure *items;
	size_t n;
};

/* Appends every finding in text (NULL: none) to list, in the order they appear, each with
 * `where`. Returns 0, or MACA_ENOMEM. */
int disclosure_scan(const char *text, const char *where, struct disclosure_list *list,
		    struct maca_err *err);
/* Appends a DISCLOSURE_NAME finding when reference does not look like a pseudonym, and any
 * identifier found by disclosure_scan in it. */
int disclosure_check_reference(const char *reference, const char *where,
			       struct disclosure_list *list, struct maca_err *err);
void disclosure_list_free(struct disclosure_list *list);

#endif
