/* Dates for the disclosure check: complete calendar dates in figures or words, however they
 * are separated ("03/04/2015", "3.4.15", "03-Apr-2015", "3 Apr 15", "3rd of April, 2015",
 * "April 3rd, 2015"), and after a cue of birth ("born", "DOB", "date of birth", "EDD") also
 * partial ones: "born in April 2015", "DOB Mar-2014", "date of birth 03042015", "DOB 14 Feb".
 * Numbers after "section", "policy", "procedures" and the like are numbering, not dates, and
 * "4.1.12" alone is taken for a paragraph number: with dots, a two-digit year and no leading
 * zero, a date needs a cue ("on 3.4.14"). */
#include <string.h>

#include "disclosure_match.h"

/* Not "due": actions are "due in April 2025". */
static const char *const birth_cues[] = {"born",      "dob", "birth", "birthday",
					 "birthdate", "edd", "b"};
static const char *const birth_fillers[] = {
    "in",  "on",  "the",    "of",     "is",    "was",		"early",   "late",
    "mid", "end", "around", "approx", "circa", "approximately", "c",	   "date",
    "no",  "her", "his",    "their",  "s",     "estimated",	"expected"};
static const char *const date_cues[] = {
    "born",   "dob",	  "birth",  "birthday", "birthdate", "edd",	  "b",	       "on",
    "dated",  "date",	  "seen",   "since",	"from",	     "until",	  "till",      "between",
    "before", "after",	  "by",	    "of",	"monday",    "tuesday",	  "wednesday", "thursday",
    "friday", "saturday", "sunday", "mon",	"tue",	     "tues",	  "wed",       "thu",
    "thur",   "thurs",	  "fri",    "sat",	"sun",	     "commencing"};
static const char *const date_fillers[] = {"the", "of", "was", "is"};
static const char *const numbering[] = {
    "section",	 "sections",   "s",	     "ss",	"paragraph", "paragraphs", "para",
    "paras",	 "chapter",    "chapters",   "step",	"appendix",  "annex",	   "part",
    "clause",	 "rule",       "regulation", "reg",	"standard",  "policy",	   "policies",
    "procedure", "procedures", "guidance",   "version", "v",	     "ver",	   "release",
    "point",	 "item",       "page",	     "pages",	"p",	     "pp",	   "table",
    "figure",	 "fig",	       "volume",     "vol",	"edition",   "issue",	   "see",
    "under",	 "and",	       "to",	     "in"};

static bool birth_cue(const struct dtext *t, size_t pos)
{
	return cue_before(t, pos, birth_cues, COUNT(birth_cues), birth_fillers,
			  COUNT(birth_fillers), 3);
}

static bool date_cue(const struct dtext *t, size_t pos)
{
	return cue_before(t, pos, date_cues, COUNT(date_cues), date_fillers, COUNT(date_fillers),
			  2);
}

static bool numbered(const struct dtext *t, size_t pos)
{
	return cue_before(t, pos, numbering, COUNT(numbering), NULL, 0, 0);
}

static bool day_valid(int day, int month, int year)
{
	static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (month < 1 || month > 12 || day < 1 || day > days[month - 1])
		return false;
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return month != 2 || day < 29 || leap;
}

/* Reads 1 to max digits; returns how many (0: none, or more than max). */
static size_t digits(const char *s, size_t max, int *value)
{
	size_t n = 0;
	*value = 0;
	while (is_digit(s[n]) && n <= max)
		*value = *value * 10 + (s[n++] - '0');
	return n > max ? 0 : n;
}

static bool year4_ok(int y)
{
	return y >= 1900 && y <= 2099;
}

/* The end of a numeric date: no more digits, letters, or another separator and digit. */
static bool date_end(const char *s)
{
	return !is_word(*s) && !(one_of(*s, "/.-") && is_digit(s[1]));
}

/* "03/04/2015", "3.4.15", "3-4-2015", "2015-04-03", and "01 02 2011" after a cue. */
static size_t numeric_date(const struct dtext *t, size_t p)
{
	const char *s = t->s + p;
	int a, b, c;
	size_t n1 = digits(s, 4, &a);
	char sep = s[n1];
	if (n1 == 0 || !(one_of(sep, "/.-") || (sep == ' ' && date_cue(t, p))))
		return 0;
	if (sep == '.' && numbered(t, p))
		return 0;
	size_t q = n1 + 1;
	if (n1 == 4) { /* ISO: yyyy-mm-dd */
		if (digits(s + q, 2, &b) != 2 || s[q + 2] != sep)
			return 0;
		q += 3;
		if (digits(s + q, 2, &c) != 2 || !date_end(s + q + 2))
			return 0;
		return year4_ok(a) && day_valid(c, b, a) ? q + 2 : 0;
	}
	if (n1 > 2)
		return 0;
	size_t n2 = digits(s + q, 2, &b);
	if (n2 == 0 || s[q + n2] != sep)
		return 0;
	q += n2 + 1;
	size_t n3 = digits(s + q, 4, &c);
	if ((n3 != 2 && n3 != 4) || !date_end(s + q + n3))
		return 0;
	if (n3 == 4 && !year4_ok(c))
		return 0;
	if (!day_valid(a, b, n3 == 2 ? 2000 + c : c))
		return 0;
	/* "4.1.12" is a paragraph number unless a cue says it is a date. */
	if (sep == '.' && n3 == 2 && s[0] != '0' && s[n1 + 1] != '0' && !date_cue(t, p))
		return 0;
	return q + n3;
}

static const char *const months[] = {"january",	  "february", "march",	  "april",
				     "may",	  "june",     "july",	  "august",
				     "september", "october",  "november", "december"};

/* A month name, in full or its first three letters (or "Sept"), followed by no letter;
 * sets *month (1-12). */
static size_t match_month(const char *s, int *month)
{
	size_t n = 0;
	while (is_letter(s[n]))
		n++;
	if (n < 3 || n > 9 || !one_of(lower(s[0]), "jfmasond"))
		return 0;
	for (int m = 0; m < 12; m++) {
		size_t full = strlen(months[m]);
		bool ok = n == full || n == 3 || (m == 8 && n == 4);
		for (size_t i = 0; ok && i < n; i++)
			ok = i < full && lower(s[i]) == months[m][i];
		if (ok) {
			*month = m + 1;
			return s[n] == '.' ? n + 1 : n;
		}
	}
	return 0;
}

/* A day number with an optional ordinal suffix. */
static size_t match_day(const char *s, int *day)
{
	size_t n = digits(s, 2, day);
	if (n == 0)
		return 0;
	static const char *const suffixes[] = {"st", "nd", "rd", "th"};
	for (size_t i = 0; i < 4; i++)
		if (lower(s[n]) == suffixes[i][0] && lower(s[n + 1]) == suffixes[i][1] &&
		    !is_letter(s[n + 2]))
			return n + 2;
	return is_letter(s[n]) && !match_month(s + n, &(int){0}) ? 0 : n;
}

/* Spaces, or one of - / . , with spaces around: what may stand between the parts of a date
 * written with a month name. */
static size_t date_sep(const char *s)
{
	size_t n = 0;
	while (s[n] == ' ')
		n++;
	if (one_of(s[n], "-/.,")) {
		n++;
		while (s[n] == ' ')
			n++;
	}
	return n;
}

/* A year of four digits, or two; returns its length and sets *year. */
static size_t match_year(const char *s, int *year)
{
	size_t n = digits(s, 4, year);
	if (is_word(s[n]) || (n != 2 && n != 4) || (n == 4 && !year4_ok(*year)))
		return 0;
	if (n == 2)
		*year += 2000;
	return n;
}

/* "3 March 2014", "3rd of March, 2014", "03-Apr-2015", "3 Apr 15", "03Apr15"; with
 * partial set, "14 Feb" (a birthday after a cue) too. */
static size_t day_month_year(const char *s, bool partial)
{
	int day, month, year;
	size_t p, n;
	if (!(p = match_day(s, &day)))
		return 0;
	p += date_sep(s + p);
	if (lower(s[p]) == 'o' && lower(s[p + 1]) == 'f' && s[p + 2] == ' ')
		p += 3 + date_sep(s + p + 3);
	if (!(n = match_month(s + p, &month)))
		return 0;
	p += n;
	size_t after_month = p;
	p += date_sep(s + p);
	if ((n = match_year(s + p, &year)))
		return day_valid(day, month, year) ? p + n : 0;
	return partial && day_valid(day, month, 2000) ? after_month : 0;
}

/* "March 3, 2014", "Apr 3rd 2015"; with partial, "April 2015", "Apr-15", "Sept 2019". */
static size_t month_day_year(const char *s, bool partial)
{
	int day, month, year;
	size_t p, n;
	if (!(p = match_month(s, &month)))
		return 0;
	size_t after_month = p;
	p += date_sep(s + p);
	if ((n = match_day(s + p, &day)) && !is_digit(s[p + n])) {
		size_t q = p + n;
		q += date_sep(s + q);
		if ((n = match_year(s + q, &year)) && day_valid(day, month, year))
			return q + n;
	}
	p = after_month + date_sep(s + after_month);
	if (partial && (n = match_year(s + p, &year)))
		return p + n;
	if (partial && (n = match_day(s + after_month + date_sep(s + after_month), &day)) &&
	    day_valid(day, month, 2000))
		return after_month + date_sep(s + after_month) + n;
	return 0;
}

/* After a cue of birth: "03042015", "030415", "20150403", "03/2016", "2016-03", and a year
 * alone after "DOB" or "date of birth". */
static size_t partial_numeric(const struct dtext *t, size_t p)
{
	const char *s = t->s + p;
	int v, m, y;
	size_t n = digits(s, 8, &v);
	if (n == 8 && !is_word(s[8])) {
		int d = v / 1000000, mo = v / 10000 % 100, yr = v % 10000;
		if (year4_ok(yr) && day_valid(d, mo, yr))
			return 8;
		if (year4_ok(v / 10000) && day_valid(v % 100, v / 100 % 100, v / 10000))
			return 8;
	}
	if (n == 6 && !is_word(s[6]) && day_valid(v / 10000, v / 100 % 100, 2000 + v % 100))
		return 6;
	if ((n == 1 || n == 2) && one_of(s[n], "/-.")) {
		m = v;
		size_t k = match_year(s + n + 1, &y);
		if (k && m >= 1 && m <= 12 && date_end(s + n + 1 + k))
			return n + 1 + k;
	}
	if (n == 4 && year4_ok(v) && one_of(s[4], "/-") && digits(s + 5, 2, &m) == 2 && m >= 1 &&
	    m <= 12 && date_end(s + 7))
		return 7;
	static const char *const strong[] = {"dob", "birth"};
	if (n == 4 && year4_ok(v) && !is_word(s[4]) &&
	    cue_before(t, p, strong, COUNT(strong), birth_fillers, COUNT(birth_fillers), 2))
		return 4;
	return 0;
}

void match_dates(const struct dtext *t, struct cands *cs)
{
	const char *s = t->s;
	for (size_t p = 0; p < t->len; p++) {
		char c = s[p];
		bool digit_start = is_digit(c) && !(p > 0 && is_digit(s[p - 1])) &&
				   !(p > 1 && one_of(s[p - 1], "./-") && is_digit(s[p - 2]));
		bool word_start = is_letter(c) && !(p > 0 && is_name_char(s[p - 1]));
		if (!digit_start && !word_start)
			continue;
		size_t n = 0;
		bool cued = false;
		if (digit_start) {
			n = numeric_date(t, p);
			if (!n)
				n = day_month_year(s + p, false);
			if (!n && (cued = birth_cue(t, p))) {
				n = day_month_year(s + p, true);
				if (!n)
					n = partial_numeric(t, p);
			}
		} else {
			n = month_day_year(s + p, false);
			if (!n && birth_cue(t, p))
				n = month_day_year(s + p, true);
		}
		(void)cued;
		if (n) {
			cands_add(cs, DISCLOSURE_DATE, p, p + n);
			p += n - 1;
		}
	}
}
