/* Dates for the disclosure check: complete calendar dates, written in figures or words.
 * See disclosure.h for what is flagged. */
#include <string.h>

#include "disclosure_internal.h"

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
	return !is_word(*s) && !((*s == '/' || *s == '.' || *s == '-') && is_digit(s[1]));
}

size_t disclosure_match_numeric_date(const char *s)
{
	int a, b, c;
	size_t n1 = digits(s, 4, &a);
	if (n1 == 0)
		return 0;
	char sep = s[n1];
	if (sep != '/' && sep != '.' && sep != '-')
		return 0;
	size_t p = n1 + 1;
	if (n1 == 4) { /* ISO: yyyy-mm-dd */
		size_t n2 = digits(s + p, 2, &b);
		if (n2 != 2 || s[p + 2] != sep)
			return 0;
		p += 3;
		if (digits(s + p, 2, &c) != 2 || !date_end(s + p + 2))
			return 0;
		return year4_ok(a) && day_valid(c, b, a) ? p + 2 : 0;
	}
	if (n1 > 2)
		return 0;
	size_t n2 = digits(s + p, 2, &b);
	if (n2 == 0 || s[p + n2] != sep)
		return 0;
	p += n2 + 1;
	size_t n3 = digits(s + p, 4, &c);
	if ((n3 != 2 && n3 != 4) || !date_end(s + p + n3))
		return 0;
	if (n3 == 4 && !year4_ok(c))
		return 0;
	return day_valid(a, b, n3 == 2 ? 2000 + c : c) ? p + n3 : 0;
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
	if (n < 3)
		return 0;
	for (int m = 0; m < 12; m++) {
		size_t full = strlen(months[m]);
		bool ok = n == full || n == 3 || (m == 8 && n == 4);
		for (size_t i = 0; ok && i < n; i++)
			ok = i < full && (s[i] | 0x20) == months[m][i];
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
		if ((s[n] | 0x20) == suffixes[i][0] && (s[n + 1] | 0x20) == suffixes[i][1] &&
		    !is_letter(s[n + 2]))
			return n + 2;
	return is_letter(s[n]) ? 0 : n;
}

static size_t spaces(const char *s)
{
	size_t n = 0;
	while (s[n] == ' ')
		n++;
	return n;
}

/* "3 March 2014", "3rd of March 2014", "March 3, 2014". */
size_t disclosure_match_text_date(const char *s)
{
	int day, month, year;
	size_t p, n;
	if (is_digit(s[0])) {
		if (!(p = match_day(s, &day)) || !(n = spaces(s + p)))
			return 0;
		p += n;
		if ((s[p] | 0x20) == 'o' && (s[p + 1] | 0x20) == 'f' && s[p + 2] == ' ')
			p += 2 + spaces(s + p + 2);
		if (!(n = match_month(s + p, &month)))
			return 0;
		p += n;
	} else {
		if (!(p = match_month(s, &month)) || !(n = spaces(s + p)))
			return 0;
		p += n;
		if (!(n = match_day(s + p, &day)))
			return 0;
		p += n;
	}
	if (s[p] == ',')
		p++;
	if (!(n = spaces(s + p)))
		return 0;
	p += n;
	if (digits(s + p, 4, &year) != 4 || is_word(s[p + 4]) || !year4_ok(year))
		return 0;
	return day_valid(day, month, year) ? p + 4 : 0;
}
