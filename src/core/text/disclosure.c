/* Disclosure check: hand-written matchers, one per kind of identifier. See disclosure.h for
 * what each one flags and why. */
#include "disclosure.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "disclosure_internal.h"
#include "sbuf.h"

const char *disclosure_kind_name(enum disclosure_kind kind)
{
	switch (kind) {
	case DISCLOSURE_NHS:
		return "NHS number";
	case DISCLOSURE_NINO:
		return "National Insurance number";
	case DISCLOSURE_DATE:
		return "date";
	case DISCLOSURE_POSTCODE:
		return "postcode";
	case DISCLOSURE_PHONE:
		return "phone number";
	case DISCLOSURE_EMAIL:
		return "e-mail address";
	case DISCLOSURE_NAME:
		return "case reference that may be a name";
	}
	return "identifier";
}

/* ---- NHS numbers ---- */

static size_t match_nhs(const char *s)
{
	int d[10];
	size_t p = 0;
	char sep = 0;
	for (int k = 0; k < 10; k++) {
		if ((k == 3 || k == 6) && (s[p] == ' ' || s[p] == '-') && is_digit(s[p + 1])) {
			if (k == 3)
				sep = s[p];
			else if (s[p] != sep)
				return 0;
			p++;
		} else if (k == 6 && sep) {
			return 0;
		}
		if (!is_digit(s[p]))
			return 0;
		d[k] = s[p++] - '0';
	}
	if (is_word(s[p]))
		return 0;
	int sum = 0;
	for (int k = 0; k < 9; k++)
		sum += d[k] * (10 - k);
	int check = 11 - sum % 11;
	if (check == 11)
		check = 0;
	return check != 10 && check == d[9] ? p : 0;
}

/* ---- National Insurance numbers ---- */

static size_t match_nino(const char *s)
{
	if (!is_letter(s[0]) || !is_letter(s[1]))
		return 0;
	char a = upper(s[0]), b = upper(s[1]);
	if (strchr("DFIQUV", a) || strchr("DFIOQUV", b))
		return 0;
	static const char *const banned[] = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"};
	for (size_t i = 0; i < sizeof banned / sizeof banned[0]; i++)
		if (a == banned[i][0] && b == banned[i][1])
			return 0;
	size_t p = 2;
	for (int pair = 0; pair < 3; pair++) {
		if (s[p] == ' ' && is_digit(s[p + 1]))
			p++;
		if (!is_digit(s[p]) || !is_digit(s[p + 1]))
			return 0;
		p += 2;
	}
	if (s[p] == ' ' && is_letter(s[p + 1]))
		p++;
	char suffix = upper(s[p]);
	if (suffix < 'A' || suffix > 'D' || is_word(s[p + 1]))
		return 0;
	return p + 1;
}

/* ---- Postcodes ---- */

static size_t match_postcode(const char *s)
{
	size_t p = 0;
	if (!is_letter(s[0]) || strchr("QVXqvx", s[0]))
		return 0;
	p = 1;
	if (is_letter(s[p])) {
		if (strchr("IJZijz", s[p]))
			return 0;
		p++;
	}
	if (!is_digit(s[p]))
		return 0;
	p++;
	if (is_digit(s[p]) || is_letter(s[p])) {
		/* A second character, unless it is where the inward part starts (A9 9AA). */
		if (!(is_digit(s[p]) && is_letter(s[p + 1]) && is_letter(s[p + 2]) &&
		      !is_word(s[p + 3])))
			p++;
	}
	if (s[p] == ' ')
		p++;
	if (!is_digit(s[p]) || !is_letter(s[p + 1]) || !is_letter(s[p + 2]) || is_word(s[p + 3]))
		return 0;
	if (strchr("CIKMOVcikmov", s[p + 1]) || strchr("CIKMOVcikmov", s[p + 2]))
		return 0;
	size_t end = p + 3, nup = 0, nlow = 0;
	for (size_t i = 0; i < end; i++)
		nup += is_upper(s[i]), nlow += is_lower(s[i]);
	return nup == 0 || nlow == 0 ? end : 0;
}

/* ---- Phone numbers ---- */

static size_t match_phone(const char *s)
{
	char num[16] = "0";
	size_t n = 0, p = 0, first_group = 0;
	bool paren = false;
	if (strncmp(s, "+44", 3) == 0 || strncmp(s, "0044", 4) == 0) {
		p = s[0] == '+' ? 3 : 4;
		p += s[p] == ' ';
		if (strncmp(s + p, "(0)", 3) == 0)
			p += 3 + (s[p + 3] == ' ');
		if (!is_digit(s[p]) || !strchr("1237", s[p]))
			return 0;
		n = 1; /* num[0] is the national 0 */
	} else if (s[0] == '(' && s[1] == '0') {
		paren = true;
		p = 1;
	} else if (s[0] != '0') {
		return 0;
	}
	while (n < 11) {
		if (is_digit(s[p])) {
			num[n++] = s[p++];
		} else if (paren && s[p] == ')' && n >= 3) {
			paren = false;
			first_group = first_group ? first_group : n;
			p++;
			p += s[p] == ' ';
		} else if ((s[p] == ' ' || s[p] == '-') && is_digit(s[p + 1]) && n > 1 && !paren) {
			first_group = first_group ? first_group : n;
			p++;
		} else {
			break;
		}
	}
	num[n] = '\0';
	if (paren || is_word(s[p]) ||
	    (n == 11 && (s[p] == ' ' || s[p] == '-') && is_digit(s[p + 1]) && is_digit(s[p + 2])))
		return 0;
	if (n == 11 && num[0] == '0' && strchr("1237", num[1]))
		return p;
	/* Ten digits are a phone number only when grouped as one (01697 74321): unbroken, or
	 * 3-3-4, they are more likely an NHS number, which has its own check. */
	if (n == 10 && num[0] == '0' && num[1] == '1' && first_group >= 4)
		return p;
	return 0;
}

/* ---- E-mail addresses ---- */

static bool is_local(char c)
{
	return is_letter(c) || is_digit(c) || (c && strchr("._%+-", c));
}

static size_t match_email(const char *s)
{
	size_t p = 0;
	while (is_local(s[p]))
		p++;
	if (p == 0 || s[p] != '@')
		return 0;
	p++;
	size_t labels = 0, last_start = p, end = 0;
	for (;;) {
		size_t start = p;
		while (is_letter(s[p]) || is_digit(s[p]) || s[p] == '-')
			p++;
		if (p == start)
			break;
		labels++;
		last_start = start;
		end = p;
		if (s[p] != '.' || !(is_letter(s[p + 1]) || is_digit(s[p + 1])))
			break;
		p++;
	}
	if (labels < 2 || end - last_start < 2)
		return 0;
	for (size_t i = last_start; i < end; i++)
		if (!is_letter(s[i]))
			return 0;
	return end;
}

/* ---- Scanning ---- */

static int add(struct disclosure_list *list, enum disclosure_kind kind, const char *match,
	       size_t len, const char *where, struct maca_err *err)
{
	struct disclosure *items = realloc(list->items, (list->n + 1) * sizeof *items);
	if (!items)
		return err_set(err, MACA_ENOMEM, "out of memory");
	list->items = items;
	char *m = malloc(len + 1);
	char *w = str_dup(where ? where : "");
	if (!m || !w) {
		free(m);
		free(w);
		return err_set(err, MACA_ENOMEM, "out of memory");
	}
	memcpy(m, match, len);
	m[len] = '\0';
	items[list->n++] = (struct disclosure){.kind = kind, .match = m, .where = w};
	return 0;
}

/* Whether the word before position i is one that numbers things ("version 1.2.10",
 * "section 3.4.14"), so that what follows is not a date. */
static bool after_numbering_word(const char *text, size_t i)
{
	static const char *const words[] = {"v",    "version", "release", "section", "paragraph",
					    "para", "chapter", "step",	  "appendix"};
	size_t end = i;
	while (end > 0 && text[end - 1] == ' ')
		end--;
	size_t start = end;
	while (start > 0 && is_letter(text[start - 1]))
		start--;
	for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
		size_t len = strlen(words[w]);
		bool same = len == end - start;
		for (size_t k = 0; same && k < len; k++)
			same = (text[start + k] | 0x20) == words[w][k];
		if (same)
			return true;
	}
	return false;
}

int disclosure_scan(const char *text, const char *where, struct disclosure_list *list,
		    struct maca_err *err)
{
	static const struct {
		enum disclosure_kind kind;
		size_t (*match)(const char *);
	} matchers[] = {
	    {DISCLOSURE_EMAIL, match_email},
	    {DISCLOSURE_NHS, match_nhs},
	    {DISCLOSURE_NINO, match_nino},
	    {DISCLOSURE_DATE, disclosure_match_numeric_date},
	    {DISCLOSURE_DATE, disclosure_match_text_date},
	    {DISCLOSURE_POSTCODE, match_postcode},
	    {DISCLOSURE_PHONE, match_phone},
	};
	for (size_t i = 0; text && text[i];) {
		if (i > 0 && (is_word(text[i - 1]) ||
			      (is_local(text[i - 1]) && text[i] != '+' && text[i] != '('))) {
			i++;
			continue;
		}
		bool numbered = after_numbering_word(text, i);
		size_t longest = 0;
		for (size_t m = 0; m < sizeof matchers / sizeof matchers[0]; m++) {
			if (numbered && matchers[m].match == disclosure_match_numeric_date)
				continue;
			size_t len = matchers[m].match(text + i);
			if (len && add(list, matchers[m].kind, text + i, len, where, err))
				return err->status;
			if (len > longest)
				longest = len;
		}
		i += longest ? longest : 1;
	}
	return 0;
}

/* Words that make a pseudonym, not a name. */
static const char *const role_words[] = {
    "adult",   "alpha",	  "and",       "baby",	   "beta",  "boy",	 "brother", "carer",
    "case",    "child",	  "children",  "cohort",   "delta", "eight",	 "eleven",  "family",
    "father",  "five",	  "four",      "gamma",	   "girl",  "household", "infant",  "mother",
    "nine",    "no",	  "number",    "of",	   "one",   "parent",	 "person",  "people",
    "pupil",   "ref",	  "reference", "sample",   "seven", "sibling",	 "sister",  "six",
    "student", "subject", "teen",      "teenager", "ten",   "the",	 "three",   "toddler",
    "twelve",  "twin",	  "two",       "unborn",   "young",
};

static bool is_name_char(char c)
{
	return is_word(c) || (unsigned char)c >= 0x80;
}

static bool pseudonym_word(const char *w, size_t n)
{
	bool digit = false, lower = false;
	for (size_t i = 0; i < n; i++)
		digit |= is_digit(w[i]), lower |= is_lower(w[i]) || (unsigned char)w[i] >= 0x80;
	if (n == 1 || digit || (!lower && n <= 4))
		return true;
	for (size_t i = 0; i < sizeof role_words / sizeof role_words[0]; i++) {
		size_t len = strlen(role_words[i]);
		bool same = len == n;
		for (size_t k = 0; same && k < n; k++)
			same = (w[k] | 0x20) == role_words[i][k];
		if (same)
			return true;
	}
	return false;
}

int disclosure_check_reference(const char *reference, const char *where,
			       struct disclosure_list *list, struct maca_err *err)
{
	const char *s = reference ? reference : "";
	bool name = false;
	for (size_t i = 0; s[i] && !name;) {
		if (!is_name_char(s[i])) {
			i++;
			continue;
		}
		size_t n = 0;
		while (is_name_char(s[i + n]))
			n++;
		name = !pseudonym_word(s + i, n);
		i += n;
	}
	if (name && add(list, DISCLOSURE_NAME, s, strlen(s), where, err))
		return err->status;
	return disclosure_scan(s, where, list, err);
}

void disclosure_list_free(struct disclosure_list *list)
{
	for (size_t i = 0; i < list->n; i++) {
		free(list->items[i].match);
		free(list->items[i].where);
	}
	free(list->items);
	*list = (struct disclosure_list){0};
}
