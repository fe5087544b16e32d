/* Disclosure check: finds what looks like a personal identifier in text that is about to
 * leave maca (a briefing is shared across the partnership and often published). A finding
 * is a reason to stop and look, not proof; false alarms are preferred to misses, but the
 * words of the trade (section numbers, acts, years, age bands, agency acronyms) are not
 * flagged. No check catches everything: the chair's read-through remains necessary.
 *
 * The text is read as typed: any Unicode space counts as a space, any dash as a hyphen, and an
 * identifier may be glued to the word before it ("Tel.07700 900123", "DOB-03/04/2015").
 * Flagged in prose (disclosure_scan):
 * - NHS numbers: any 10 digits, whatever the check digit (a mistyped number is still
 *   somebody's), alone or grouped 3-3-4 with spaces, hyphens or dots.
 * - National Insurance numbers: two letters, six digits and a letter A to D, with spaces,
 *   hyphens or dots between the parts or none; the final letter may be left off.
 * - Dates: complete calendar dates from 1900 to 2099 in figures (3/4/2014, 03-04-14,
 *   2014-04-03, 03.04.2014) or with a month name (3 March 2014, 03-Apr-2015, 3 Apr 15, 3rd of
 *   March, 2014, March 3 2014). "4.1.12" (dots, a two-digit year, no leading zero) is a
 *   paragraph number unless a word such as "on" or "DOB" comes before it, and numbers after
 *   "section", "policy", "procedures" and the like are never dates. After "born", "DOB",
 *   "date of birth", "birthday" or "EDD", partial dates too: April 2015, Mar-2014, 03/2016,
 *   14 Feb, 03042015, 030415, and a year alone after "DOB".
 * - UK postcodes (A9 9AA to AA9A 9AA), with or without the space; the inward letters both
 *   capitals, or all small letters, or written "Yo1 7hh".
 * - UK phone numbers: 07 mobiles and 01, 02, 03 numbers, also after +44 or 0044 (with an
 *   optional "(0)") or with the area code in brackets, however grouped. Freephone and
 *   premium numbers (08..., 09...) are services and are not flagged.
 * - E-mail addresses, and social network accounts written with an @ ("@jayjay_2009"). Web
 *   addresses are not checked.
 * - Vehicle registrations in the current British format, in capitals ("AB12 CDE",
 *   "AB12CDE"); the older formats cannot be told from the trade's codes.
 * - Case, crime and hospital numbers: six digits or more ("1234567", "12/34567/23"), letters
 *   with five digits or more ("RCB1234567", "CR/012345/24", "DV-2024-00931"), and four
 *   digits or more after "ref", "case no", "crime", "MRN", "log" and the like. Spans of years
 *   ("2023-24", "2018/19") and money are not.
 * - Personal names: after a title (Mr, Mrs, Ms, Miss, Mx, Dr) or a police rank (PC, DC, DS,
 *   ...); after a word of family or role (mother, dad, partner, grandmother, social worker,
 *   ...) when the next word is a first name or a capitalised word that is no English word;
 *   a first name from the ONS list (lexicon/first-names.txt) with the surname after it, or
 *   alone unless it is also an ordinary word ("Grace", "Will": those count with a surname, or
 *   alone in the middle of a sentence); in small letters, a first name that is no English
 *   word ("jayden", "tyler evans"). Initials: two or three capitals each with its full
 *   stop ("J.S.", "K. M. T."), unless they spell a dotted abbreviation ("G.P.", "U.K.").
 * - Addresses: a house number and a street word ("12 Acacia Road", "7a Station Rd", "2 The
 *   Paddock"), "Flat 3, Kestrel House", a street with Road, Street, Avenue, Lane, Crescent,
 *   Terrace, Mews or Gardens alone, and any street word after "lives at", "moved to".
 * - School, nursery and academy names with a word of their own ("Wexcombe Primary School";
 *   not "Free School Meals" or "the Virtual School").
 * - Exact ages, which identify in combination: "a 12-year-old girl", "two-year-old Henry",
 *   "the 6 week old baby", "14yo", "aged 7", "Age: 14", "at the age of 9". Not groups and
 *   bands ("5-year-olds", "aged 0 to 7", "aged 16 and 17", "aged 8 or older"), thresholds
 *   ("over one year old", "under the age of 18") or services named after an age ("the
 *   two-year-old offer", "the 2 year old check").
 * What the caller's vocabulary holds (disclosure_vocab) is the audit's own and not flagged.
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
	DISCLOSURE_NAME, /* a case reference that may be a name */
	DISCLOSURE_PERSON,
	DISCLOSURE_ADDRESS,
	DISCLOSURE_SCHOOL,
	DISCLOSURE_REFERENCE, /* a case, crime or hospital number */
	/* Two or more case features that one case alone has (findings' published.h): the
	 * combination may identify the family. */
	DISCLOSURE_COMBINATION,
	DISCLOSURE_VEHICLE, /* a vehicle registration */
	DISCLOSURE_ACCOUNT, /* an account on a social network: "@jayjay_2009" */
	DISCLOSURE_AGE,	    /* an exact age: "a 12-year-old", "aged 7" */
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
	DISCLOSURE_IN_BRIEFING, /* a part's text or heading (id: enum briefing_part), or the
				   briefing's title or subtitle (id -1) */
};

struct disclosure {
	enum disclosure_kind kind;
	enum disclosure_place place; /* set by the caller that knows the record */
	int64_t place_id;	     /* that record's id */
	/* The record's field the text is in, as the store names it ("title", "text", "what",
	 * "measure", "note", "reference", ...): static text, set with place; NULL in text, or for
	 * a finding about the record as a whole (its acceptance is kept against "record"). With
	 * place, place_id and fingerprint it is what an acceptance of the finding is kept
	 * against (store.h), so the same text elsewhere is a finding of its own. */
	const char *field;
	char *match;	   /* the text that matched, as written */
	char *where;	   /* e.g. "learning point 2, text" */
	size_t start, len; /* where match is, in bytes of the text checked */
	/* 16 hex digits naming the kind and the text matched (case, spacing and dashes aside),
	 * not where it is: with place and place_id it names "this text in this record" and
	 * stays the same when the text around it is edited. */
	char fingerprint[17];
};

struct disclosure_list {
	struct disclosure *items;
	size_t n;
};

/* The audit's own words: what its template, agencies, resources and partnership say is not
 * an identifier when a practitioner repeats it. A word alone counts only when it is a whole
 * phrase of the vocabulary ("Barnardo's"); phrases end at line breaks and punctuation. */
struct disclosure_vocab;

int disclosure_vocab_new(struct disclosure_vocab **out, struct maca_err *err);
/* Adds every phrase of text (NULL: none). Returns 0 or MACA_ENOMEM. */
int disclosure_vocab_add(struct disclosure_vocab *vocab, const char *text, struct maca_err *err);
void disclosure_vocab_free(struct disclosure_vocab *vocab);

/* Appends every finding in text (NULL: none) to list, in the order they appear, each with
 * `where`. Returns 0, or MACA_ENOMEM. Linear in the length of text. */
int disclosure_scan(const char *text, const char *where, struct disclosure_list *list,
		    struct maca_err *err);
/* The same, leaving out what vocab (NULL: none) holds. */
int disclosure_scan_vocab(const char *text, const struct disclosure_vocab *vocab, const char *where,
			  struct disclosure_list *list, struct maca_err *err);
/* Appends a DISCLOSURE_NAME finding when reference does not look like a pseudonym, and any
 * identifier found by disclosure_scan_vocab in it. */
int disclosure_check_reference(const char *reference, const struct disclosure_vocab *vocab,
			       const char *where, struct disclosure_list *list,
			       struct maca_err *err);
/* Appends a finding that is about the audit's records rather than a place in a text (a
 * combination of case features): match names it, start is 0 and len its length, and the
 * fingerprint is made from kind and match as for any other finding. */
int disclosure_add(struct disclosure_list *list, enum disclosure_kind kind, const char *match,
		   const char *where, struct maca_err *err);
/* Places the findings from index `from` to the end of list in a record's field (field: static
 * text, see struct disclosure), as a caller that knows the record does after a scan. */
void disclosure_list_place(struct disclosure_list *list, size_t from, enum disclosure_place place,
			   int64_t id, const char *field);
void disclosure_list_free(struct disclosure_list *list);

#endif
