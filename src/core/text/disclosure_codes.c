/* Numbers and codes: NHS, National Insurance and phone numbers, postcodes, vehicle
 * registrations, case, crime and hospital numbers, e-mail addresses and social network
 * accounts (and web addresses, which are skipped). Each is read however it is spaced (any
 * Unicode space is a space by now), punctuated or glued to a label before it ("Tel.07700
 * 900123", "NHS No.4857773457"). */
#include <string.h>

#include "disclosure_lexicon.h"
#include "disclosure_match.h"

/* ---- Runs of digit groups ---- */

enum { MAX_GROUPS = 8, MAX_DIGITS = 40 };

/* Digits in groups: "07700 900 123", "485-777-3457", "600.123.4567". A separator is one or
 * two spaces, or one '-' or '.' with a space either side at most. */
struct groups {
	size_t n;
	size_t len[MAX_GROUPS];	  /* digits in each group */
	size_t end[MAX_GROUPS];	  /* where each group ends in the text */
	size_t total[MAX_GROUPS]; /* digits up to and with each group */
	bool spaced[MAX_GROUPS];  /* the separator before group k has a space */
	char sep[MAX_GROUPS];	  /* '-', '.' or ' ' before group k */
	char d[MAX_DIGITS + 1];
};

static void read_groups(const char *s, size_t p, struct groups *g)
{
	size_t nd = 0;
	g->n = 0;
	while (g->n < MAX_GROUPS && is_digit(s[p])) {
		size_t start = p;
		while (is_digit(s[p]) && nd < MAX_DIGITS)
			g->d[nd++] = s[p++];
		if (is_digit(s[p]))
			break;
		g->len[g->n] = p - start;
		g->end[g->n] = p;
		g->total[g->n] = nd;
		g->n++;
		size_t q = p, sp = 0;
		char sep = ' ';
		while (s[q] == ' ' && sp < 2)
			q++, sp++;
		if (s[q] == '-' || s[q] == '.') {
			sep = s[q++];
			if (s[q] == ' ' && sp < 2)
				q++, sp++;
		}
		if (q == p || !is_digit(s[q]) || g->n == MAX_GROUPS)
			break;
		g->spaced[g->n] = sp > 0;
		g->sep[g->n] = sep;
		p = q;
	}
	g->d[nd] = '\0';
}

static bool year(const char *d, size_t n)
{
	if (n != 4)
		return false;
	int y = (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0');
	return y >= 1900 && y <= 2099;
}

/* "2023-24", "2023-2024", "2018/19": a span of years, not a reference. */
static bool year_span(const struct groups *g)
{
	return g->n == 2 && year(g->d, 4) && g->len[0] == 4 &&
	       (g->len[1] == 2 || (g->len[1] == 4 && year(g->d + 4, 4)));
}

static const char *const nhs_cues[] = {"nhs", "chi"};
static const char *const number_fillers[] = {"no", "number", "num", "nos", "is", "was"};

static bool service_number(const char *d)
{
	/* Freephone, special rate and premium numbers are services, not people. */
	return d[0] == '0' && (d[1] == '8' || d[1] == '9');
}

/* The longest run of the first k groups that is a phone, NHS or reference number. */
static bool classify(const struct dtext *t, size_t start, const struct groups *g, size_t k,
		     struct cands *cs)
{
	const char *d = g->d;
	size_t nd = g->total[k - 1], end = g->end[k - 1];
	if (is_word(t->s[end]))
		return false;
	bool any_space = false, only_dash_dot = true;
	for (size_t i = 1; i < k; i++)
		any_space |= g->spaced[i], only_dash_dot &= g->sep[i] != ' ';
	if (d[0] == '0' && !service_number(d) &&
	    ((nd == 11 && one_of(d[1], "1237")) ||
	     (nd == 10 && d[1] == '1' && k >= 2 && g->len[0] >= 4))) {
		cands_add(cs, DISCLOSURE_PHONE, start, end);
		return true;
	}
	if (nd == 10 && !(d[0] == '0' && service_number(d)) &&
	    (k == 1 || (k == 3 && g->len[0] == 3 && g->len[1] == 3) ||
	     (k == 2 && (g->len[0] == 3 || g->len[0] == 6)) ||
	     cue_before(t, start, nhs_cues, COUNT(nhs_cues), number_fillers, COUNT(number_fillers),
			2))) {
		cands_add(cs, DISCLOSURE_NHS, start, end);
		return true;
	}
	/* "2150-01-01", "12-13-2014": shaped like a date, so the date matcher judges it. */
	bool date_shaped =
	    (k == 3 &&
	     ((g->len[0] == 4 && g->len[1] == 2 && g->len[2] == 2) ||
	      (g->len[0] <= 2 && g->len[1] <= 2 && (g->len[2] == 2 || g->len[2] == 4)))) ||
	    (k == 2 && g->len[0] == 4 && g->len[1] == 2);
	if (nd >= 6 && !service_number(d) && !date_shaped &&
	    (k == 1 || (only_dash_dot && !any_space && !year_span(g) &&
			!(k == 2 && g->sep[1] == '.' && nd < 8)))) {
		cands_add(cs, DISCLOSURE_REFERENCE, start, end);
		return true;
	}
	return false;
}

/* Whether position p goes on from a run of what is() takes, straight after it or across one
 * of joins ("12/3" from "12"): a match starts at the start of a run only. */
static bool goes_on(const char *s, size_t p, bool (*is)(char), const char *joins)
{
	return p > 0 && (is(s[p - 1]) || (one_of(s[p - 1], joins) && p > 1 && is(s[p - 2])));
}

/* Returns where to go on from. */
static size_t match_digits(const struct dtext *t, size_t p, struct cands *cs)
{
	const char *s = t->s;
	if (goes_on(s, p, is_digit, "-./,"))
		return p + 1;
	if (p > 0 && one_of(s[p - 1], "$"))
		return p + 1;
	/* A pound or euro sign before: money (its UTF-8 ends in 0xa3 or 0xac). */
	if (p > 0 && ((unsigned char)s[p - 1] == 0xa3 || (unsigned char)s[p - 1] == 0xac))
		return p + 1;
	struct groups g;
	read_groups(s, p, &g);
	for (size_t k = g.n; k >= 1; k--)
		if (classify(t, p, &g, k, cs))
			return g.end[k - 1];
	return g.n ? g.end[0] : p + 1;
}

/* "+44 7700 900123", "0044 20 7946 0000", "+44 (0)1904 551900", "(01632) 960 456". */
static void match_phone_prefix(const struct dtext *t, size_t p, struct cands *cs)
{
	const char *s = t->s;
	size_t q = p;
	struct groups g;
	if (strncmp(s + p, "+44", 3) == 0 || strncmp(s + p, "0044", 4) == 0) {
		q += s[p] == '+' ? 3 : 4;
		while (s[q] == ' ' || s[q] == '-')
			q++;
		if (strncmp(s + q, "(0)", 3) == 0)
			q += 3;
		while (s[q] == ' ' || s[q] == '-')
			q++;
		read_groups(s, q, &g);
		for (size_t k = g.n; k >= 1; k--)
			if (g.total[k - 1] == 10 && one_of(g.d[0], "1237") &&
			    !is_word(s[g.end[k - 1]])) {
				cands_add(cs, DISCLOSURE_PHONE, p, g.end[k - 1]);
				return;
			}
		return;
	}
	if (s[p] != '(' || s[p + 1] != '0')
		return;
	q = p + 1;
	while (is_digit(s[q]))
		q++;
	if (s[q] != ')' || q - p - 1 < 3)
		return;
	size_t area = q - p - 1;
	q++;
	while (s[q] == ' ' || s[q] == '-')
		q++;
	read_groups(s, q, &g);
	for (size_t k = g.n; k >= 1; k--) {
		size_t nd = area + g.total[k - 1];
		if ((nd == 11 || nd == 10) && !is_word(s[g.end[k - 1]]) &&
		    one_of(s[p + 2], "123")) {
			cands_add(cs, DISCLOSURE_PHONE, p, g.end[k - 1]);
			return;
		}
	}
}

/* ---- National Insurance numbers ---- */

/* Two letters, six digits (in pairs, threes or together) and a letter A to D, each part
 * separated or not: "AB123456C", "AB 12 34 56 C", "AB-12-34-56-C", "ab 123456 c". Without the
 * letter at the end, the two letters must be capitals ("AB123456"). */
static void match_nino(const struct dtext *t, size_t p, struct cands *cs)
{
	const char *s = t->s;
	if (!is_letter(s[p]) || !is_letter(s[p + 1]) || (p > 0 && is_word(s[p - 1])))
		return;
	size_t q = p + 2;
	if (one_of(s[q], " -.") && is_digit(s[q + 1]))
		q++;
	size_t nd = 0;
	while (nd < 6) {
		if (!is_digit(s[q]) || !is_digit(s[q + 1]))
			return;
		q += 2, nd += 2;
		if (nd < 6 && one_of(s[q], " -.") && is_digit(s[q + 1]))
			q++;
	}
	if (is_digit(s[q]))
		return;
	size_t r = q;
	if (one_of(s[r], " -.") && is_letter(s[r + 1]))
		r++;
	char suffix = upper(s[r]);
	bool same_case = is_upper(s[p]) == is_upper(s[p + 1]);
	if (suffix >= 'A' && suffix <= 'D' && !is_word(s[r + 1]) && same_case) {
		cands_add(cs, DISCLOSURE_NINO, p, r + 1);
		return;
	}
	if (!is_word(s[q]) && is_upper(s[p]) && is_upper(s[p + 1]))
		cands_add(cs, DISCLOSURE_NINO, p, q);
}

/* ---- Postcodes ---- */

/* The outward part's shapes, longest first: L letter, D digit, X either. */
static const char *const outward_shapes[] = {"LLDD", "LLDL", "LLD", "LDD", "LDL", "LD"};

static bool fits(const char *s, const char *shape)
{
	for (size_t i = 0; shape[i]; i++)
		if (shape[i] == 'L' ? !is_letter(s[i]) : !is_digit(s[i]))
			return false;
	return true;
}

/* "YO1 7HH", "YO17HH", "SW1A 1AA", "yo1 7hh", "Yo1 7HH", "CR2-6XH". The inward letters are
 * both capitals, or both small with an outward part that is small or written "Yo1". */
static void match_postcode(const struct dtext *t, size_t p, struct cands *cs)
{
	const char *s = t->s;
	if (!is_letter(s[p]) || (p > 0 && is_word(s[p - 1])))
		return;
	for (size_t i = 0; i < COUNT(outward_shapes); i++) {
		const char *shape = outward_shapes[i];
		size_t n = strlen(shape);
		if (!fits(s + p, shape))
			continue;
		size_t q = p + n;
		if (s[q] == '-')
			q++;
		else
			while (s[q] == ' ' && q - p - n < 2)
				q++;
		if (!is_digit(s[q]) || !is_letter(s[q + 1]) || !is_letter(s[q + 2]) ||
		    is_word(s[q + 3]))
			continue;
		bool in_up = is_upper(s[q + 1]) && is_upper(s[q + 2]);
		bool in_low = is_lower(s[q + 1]) && is_lower(s[q + 2]);
		size_t up = 0, letters = 0;
		for (size_t k = 0; k < n; k++)
			letters += is_letter(s[p + k]), up += is_upper(s[p + k]);
		bool out_titled = letters >= 2 && up == 1 && is_upper(s[p]);
		if (in_up || (in_low && (up == 0 || out_titled))) {
			cands_add(cs, DISCLOSURE_POSTCODE, p, q + 3);
			return;
		}
	}
}

/* ---- Vehicle registrations ---- */

/* The current British format, in capitals: two letters, two digits, three letters ("AB12
 * CDE", "AB12CDE"). The older ones ("A123 BCD", "ABC 123D") are too like the trade's codes. */
static void match_vehicle(const struct dtext *t, size_t p, struct cands *cs)
{
	const char *s = t->s;
	if ((p > 0 && is_word(s[p - 1])) || !is_upper(s[p]) || !is_upper(s[p + 1]) ||
	    !is_digit(s[p + 2]) || !is_digit(s[p + 3]))
		return;
	size_t q = p + 4 + (s[p + 4] == ' ');
	if (is_upper(s[q]) && is_upper(s[q + 1]) && is_upper(s[q + 2]) && !is_word(s[q + 3]))
		cands_add(cs, DISCLOSURE_VEHICLE, p, q + 3);
}

/* ---- Case, crime and hospital numbers ---- */

/* Labels that are glued to the number they introduce. */
static const char *const labels[] = {"no",     "nos", "tel",	  "mob", "mobile", "phone", "ph",
				     "t",      "m",   "dob",	  "ref", "nhs",	   "ni",    "nino",
				     "id",     "crn", "mrn",	  "urn", "log",	   "case",  "crime",
				     "number", "num", "hospital", "fax", "home",   "work"};

static bool cue_word(const char *s, size_t n)
{
	for (size_t i = 0; i < COUNT(labels); i++)
		if (same_word(s, n, labels[i]))
			return true;
	return false;
}

/* Letters and digits joined by '/', '-', '.' or '_' with no space: "CR/012345/24",
 * "NYP-20240315-1234", "RCB1234567", "12/34567/23". A reference when it mixes letters with
 * five digits or more, or joins six digits or more with '/'. */
static size_t match_compound(const struct dtext *t, size_t p, struct cands *cs)
{
	const char *s = t->s;
	if (goes_on(s, p, is_word, "/-._"))
		return p + 1;
	size_t q = p, digits = 0, letters = 0, parts = 1;
	bool slash = false;
	char first_digit = 0;
	for (;;) {
		while (is_word(s[q])) {
			if (is_digit(s[q]) && !first_digit)
				first_digit = s[q];
			digits += is_digit(s[q]), letters += is_letter(s[q]);
			q++;
		}
		if (one_of(s[q], "/-._") && is_word(s[q + 1])) {
			slash |= s[q] == '/';
			parts++;
			q++;
			continue;
		}
		break;
	}
	if (q == p)
		return p + 1;
	/* "No.4857773457", "mob-07700", "DOB09.09.2009": a label glued on is not part of the
	 * number. */
	size_t first = p;
	while (is_letter(s[first]))
		first++;
	if (first > p && (one_of(s[first], ".-") || is_digit(s[first])) &&
	    cue_word(s + p, first - p))
		return first;
	bool years = false;
	/* "32/01/2014" is a mistyped date, not a reference: the date matcher judges it. */
	if (letters == 0 && parts == 3 && q - p <= 10) {
		size_t a = p, lens[3], k = 0;
		for (size_t i = p; i <= q && k < 3; i++)
			if (i == q || !is_digit(s[i]))
				lens[k++] = i - a, a = i + 1;
		if (k == 3 && lens[0] <= 2 && lens[1] <= 2 && (lens[2] == 2 || lens[2] == 4))
			return q;
	}
	if (letters == 0 && parts == 2 && slash) {
		struct groups g;
		read_groups(s, p, &g); /* reads the first part only: '/' is no group separator */
		size_t second = g.end[0] + 1;
		years = year(s + p, g.len[0]) && (q - second == 2 || year(s + second, q - second));
	}
	if ((letters >= 1 && digits >= 5) || (letters == 0 && slash && digits >= 6 && !years))
		cands_add(cs, DISCLOSURE_REFERENCE, p, q);
	return q;
}

static const char *const ref_cues[] = {
    "ref",	"refs",	      "reference", "crime",  "crn",   "case",	"log",
    "incident", "occurrence", "urn",	   "mrn",    "upn",   "uln",	"id",
    "mosaic",	"lcs",	      "ics",	   "ehm",    "niche", "athena", "pnc",
    "cad",	"storm",      "hospital",  "record", "file",  "no",	"number"};
static const char *const ref_fillers[] = {"no", "number", "num", "nos", "ref", "reference",
					  "is", "was",	  "id",	 "log", "the"};

/* After "crime ref", "case no.", "MRN" and the like, four digits or more are a reference
 * ("Case no. 84213"), unless they are a year. */
static void match_cued_reference(const struct dtext *t, size_t p, struct cands *cs)
{
	const char *s = t->s;
	if ((p > 0 && is_digit(s[p - 1])) || !is_word(s[p]))
		return;
	if (p > 0 && is_letter(s[p - 1]) && !is_digit(s[p]))
		return;
	if (!cue_before(t, p, ref_cues, COUNT(ref_cues), ref_fillers, COUNT(ref_fillers), 2))
		return;
	/* A reference is short: reading stops at 40 characters, so a long run costs little. */
	size_t q = p, digits = 0;
	while (q - p < 40 && (is_word(s[q]) || (one_of(s[q], "/-._") && is_word(s[q + 1]))))
		digits += is_digit(s[q++]);
	if (digits < 4 || (digits == 4 && q - p == 4 && year(s + p, 4)))
		return;
	cands_add(cs, DISCLOSURE_REFERENCE, p, q);
}

void match_codes(const struct dtext *t, struct cands *cs)
{
	const char *s = t->s;
	size_t next_digit = 0, next_compound = 0;
	for (size_t p = 0; p < t->len; p++) {
		char c = s[p];
		if (is_digit(c) && p >= next_digit)
			next_digit = match_digits(t, p, cs);
		if ((c == '+' || c == '(') || (c == '0' && s[p + 1] == '0'))
			match_phone_prefix(t, p, cs);
		if (is_letter(c)) {
			match_nino(t, p, cs);
			match_postcode(t, p, cs);
			match_vehicle(t, p, cs);
		}
		if (is_word(c) && p >= next_compound)
			next_compound = match_compound(t, p, cs);
		if (is_word(c))
			match_cued_reference(t, p, cs);
	}
}

/* ---- E-mail and web addresses ---- */

static bool is_local(char c)
{
	return is_word(c) || (c && one_of(c, "._%+-'"));
}

/* A time written after "@" for "at": "3pm", "10.30am", "9:15". */
static bool time_of_day(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && (is_digit(s[i]) || s[i] == '.' || s[i] == ':'))
		i++;
	return i > 0 && is_digit(s[0]) &&
	       (i == n || (n - i == 2 && one_of(lower(s[i]), "ap") && lower(s[i + 1]) == 'm'));
}

/* "@jayjay_2009", "(@Kyle.B99)": an @ with no address before it, then two to thirty letters,
 * digits, underscores and inner full stops, a letter among them. Not "@" written for "at":
 * before a time ("@3pm", "@ 3pm") or a word of the language ("@school", "@Mum"). */
static void match_account(const struct dtext *t, size_t p, struct cands *cs)
{
	const char *s = t->s;
	size_t q = p + 1;
	bool letter = false;
	while (q - p <= 30 &&
	       (is_word(s[q]) || s[q] == '_' || (s[q] == '.' && is_word(s[q + 1])))) {
		letter = letter || is_letter(s[q]);
		q++;
	}
	size_t n = q - p - 1;
	if (n < 2 || !letter || is_word(s[q]) || s[q] == '_' || s[q] == '@' ||
	    time_of_day(s + p + 1, n) || lexicon_ordinary_word(s + p + 1, n))
		return;
	cands_add(cs, DISCLOSURE_ACCOUNT, p, q);
}

void match_email(const struct dtext *t, struct cands *cs)
{
	const char *s = t->s;
	for (size_t p = 0; p < t->len; p++) {
		if ((s[p] == 'h' || s[p] == 'w') &&
		    (strncmp(s + p, "http://", 7) == 0 || strncmp(s + p, "https://", 8) == 0 ||
		     (strncmp(s + p, "www.", 4) == 0 && (p == 0 || !is_word(s[p - 1]))))) {
			size_t q = p;
			while (q < t->len && !strchr(" \t\r\n)]>\"", s[q]))
				q++;
			while (q > p && one_of(s[q - 1], ".,;:!?'"))
				q--;
			cands_add_skip(cs, p, q);
			p = q;
			continue;
		}
		if (s[p] != '@')
			continue;
		size_t a = p;
		while (a > 0 && p - a < 64 && is_local(s[a - 1]))
			a--;
		while (a < p && !is_word(s[a]))
			a++;
		if (a == p) {
			match_account(t, p, cs);
			continue;
		}
		size_t q = p + 1, labels = 0, last = q, end = 0;
		for (;;) {
			size_t start = q;
			while (is_word(s[q]) || s[q] == '-')
				q++;
			if (q == start)
				break;
			labels++, last = start, end = q;
			if (s[q] != '.' || !is_word(s[q + 1]))
				break;
			q++;
		}
		bool tld = labels >= 2 && end - last >= 2;
		for (size_t i = last; tld && i < end; i++)
			tld = is_letter(s[i]);
		if (tld)
			cands_add(cs, DISCLOSURE_EMAIL, a, end);
	}
}
