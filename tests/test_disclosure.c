/* Disclosure check: each kind of identifier is found, with where it was, and the near misses
 * an audit's prose is full of (years, times, versions, money, bad check digits) are not. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "disclosure.h"

/* The scan's findings as "kind=match;kind=match" for easy comparison. */
static char *scan(const char *text)
{
	struct disclosure_list list = {0};
	struct maca_err err = {0};
	assert_int_equal(disclosure_scan(text, "here", &list, &err), 0);
	char *out = calloc(1, 1);
	assert_non_null(out);
	for (size_t i = 0; i < list.n; i++) {
		assert_string_equal(list.items[i].where, "here");
		size_t len = strlen(out) + strlen(list.items[i].match) + 40;
		char *next = malloc(len);
		assert_non_null(next);
		snprintf(next, len, "%s%s%s=%s", out, i ? ";" : "",
			 disclosure_kind_name(list.items[i].kind), list.items[i].match);
		free(out);
		out = next;
	}
	disclosure_list_free(&list);
	return out;
}

static void expect(const char *text, const char *want)
{
	char *got = scan(text);
	if (strcmp(got, want) != 0)
		fail_msg("scanning \"%s\": got \"%s\", want \"%s\"", text, got, want);
	free(got);
}

/* The NHS check digit for nine digits, or -1 when there is none (remainder 10). */
static int nhs_check(const char *nine)
{
	int sum = 0;
	for (int i = 0; i < 9; i++)
		sum += (nine[i] - '0') * (10 - i);
	int c = 11 - sum % 11;
	return c == 11 ? 0 : c == 10 ? -1 : c;
}

static void test_nhs_numbers(void **state)
{
	(void)state;
	const char *bases[] = {"943476591", "401023213", "485777345", "123456789", "999999999"};
	int found = 0;
	for (size_t i = 0; i < sizeof bases / sizeof bases[0]; i++) {
		int c = nhs_check(bases[i]);
		if (c < 0)
			continue;
		found++;
		char good[16], spaced[32], hyphen[32], bad[16], text[96], want[64];
		snprintf(good, sizeof good, "%s%d", bases[i], c);
		snprintf(spaced, sizeof spaced, "%.3s %.3s %.3s%d", bases[i], bases[i] + 3,
			 bases[i] + 6, c);
		snprintf(hyphen, sizeof hyphen, "%.3s-%.3s-%.3s%d", bases[i], bases[i] + 3,
			 bases[i] + 6, c);
		snprintf(bad, sizeof bad, "%s%d", bases[i], (c + 1) % 10);
		snprintf(text, sizeof text, "NHS no. %s.", good);
		snprintf(want, sizeof want, "NHS number=%s", good);
		expect(text, want);
		snprintf(text, sizeof text, "(%s)", spaced);
		snprintf(want, sizeof want, "NHS number=%s", spaced);
		expect(text, want);
		snprintf(want, sizeof want, "NHS number=%s", hyphen);
		expect(hyphen, want);
		/* A wrong check digit, or a number within a longer one, is not an NHS number. */
		expect(bad, "");
		snprintf(text, sizeof text, "%s7", good);
		expect(text, "");
		snprintf(text, sizeof text, "%.3s %.3s-%.3s%d", bases[i], bases[i] + 3,
			 bases[i] + 6, c);
		expect(text, "");
	}
	assert_true(found >= 3);
	/* 123456789 has remainder 10: no ten-digit number starting with it is valid. */
	for (int d = 0; d < 10; d++) {
		char text[16];
		snprintf(text, sizeof text, "123456789%d", d);
		if (nhs_check("123456789") < 0)
			expect(text, "");
	}
}

static void test_national_insurance(void **state)
{
	(void)state;
	expect("NI AB123456C", "National Insurance number=AB123456C");
	expect("NI: JG 10 37 32 D.", "National Insurance number=JG 10 37 32 D");
	expect("ab 12 34 56 a", "National Insurance number=ab 12 34 56 a");
	expect("DA123456A", "");  /* D is not a first letter */
	expect("AO123456A", "");  /* O is not a second letter */
	expect("GB123456A", "");  /* a prefix never issued */
	expect("AB123456E", "");  /* suffix beyond D */
	expect("AB12345C", "");	  /* five digits */
	expect("XAB123456C", ""); /* inside a longer word */
}

static void test_dates(void **state)
{
	(void)state;
	expect("born 03/04/2014 at home", "date=03/04/2014");
	expect("DOB 3/4/14", "date=3/4/14");
	expect("seen 3.4.14", "date=3.4.14");
	expect("on 2014-04-03.", "date=2014-04-03");
	expect("3-4-2014", "date=3-4-2014");
	expect("born 3 March 2014", "date=3 March 2014");
	expect("the 21st of Sept 2015,", "date=21st of Sept 2015");
	expect("on March 3, 2014 police", "date=March 3, 2014");
	expect("29/02/2016", "date=29/02/2016");
	/* Not dates: partial dates, impossible dates, years, times, versions, money. */
	expect("in March 2014", "");
	expect("on 3 March", "");
	expect("in 2024 and 2025", "");
	expect("at 10:30, then 14.45", "");
	expect("32/01/2014 and 12/13/2014 and 29/02/2015", "");
	expect("maca version 1.2.10, v2.3.14, release 3.4.14 (section 1.2.13)", "");
	expect("1.2.3.4 and 10.0.0.1", "");
	expect("costs £1,250.50 or $3.50 or 12.5%", "");
	expect("3/4/1850 or 2150-01-01", "");
	expect("a ratio of 3-4-5", "");
}

static void test_postcodes(void **state)
{
	(void)state;
	expect("lives at YO1 7HH now", "postcode=YO1 7HH");
	expect("SW1A 1AA", "postcode=SW1A 1AA");
	expect("m1 1ae", "postcode=m1 1ae");
	expect("B338TH.", "postcode=B338TH");
	expect("EC1A1BB", "postcode=EC1A1BB");
	expect("Y10 2nd visit, the 3rd", "");
	expect("QA1 1AA", ""); /* Q never starts a postcode */
	expect("YO1 7CH", ""); /* C is not an inward letter */
	expect("CP12 and A1 road", "");
}

static void test_phones(void **state)
{
	(void)state;
	expect("call 07700 900123", "phone number=07700 900123");
	expect("07700900123", "phone number=07700900123");
	expect("tel 01904 551900.", "phone number=01904 551900");
	expect("(0113) 496 0000", "phone number=(0113) 496 0000");
	expect("020 7946 0000", "phone number=020 7946 0000");
	expect("0300-123-4567", "phone number=0300-123-4567");
	expect("+44 7700 900123", "phone number=+44 7700 900123");
	expect("+44 (0)1904 551900", "phone number=+44 (0)1904 551900");
	expect("0044 20 7946 0000", "phone number=0044 20 7946 0000");
	expect("016977 4321", "phone number=016977 4321");
	/* Helplines, short numbers, long numbers and times are not flagged. */
	expect("0808 2000 247 and 0800 123 4567 and 999", "");
	expect("0770090012 and 077009001234", "");
	expect("crime ref 01234567890123", "");
	expect("at 07:30 and 10:30", "");
}

static void test_emails(void **state)
{
	(void)state;
	expect("e-mail jo.bloggs+x@example.co.uk.", "e-mail address=jo.bloggs+x@example.co.uk");
	expect("<a@b.org>", "e-mail address=a@b.org");
	expect("@mention and a@b and x@y.z and user@", "");
}

static void test_several_and_order(void **state)
{
	(void)state;
	expect(
	    "Mum (07700 900123) at YO1 7HH, born 3 March 1990, NHS 9434765919",
	    "phone number=07700 900123;postcode=YO1 7HH;date=3 March 1990;NHS number=9434765919");
	expect(NULL, "");
	expect("", "");
	expect("Zoë saw the child\xc2\xa0"
	       "07700 900123",
	       "phone number=07700 900123");
}

/* Whether a case reference is flagged as a possible name. */
static bool flagged(const char *ref)
{
	struct disclosure_list list = {0};
	struct maca_err err = {0};
	assert_int_equal(disclosure_check_reference(ref, "case", &list, &err), 0);
	bool name = list.n > 0 && list.items[0].kind == DISCLOSURE_NAME;
	if (name)
		assert_string_equal(list.items[0].match, ref);
	disclosure_list_free(&list);
	return name;
}

static void test_case_references(void **state)
{
	(void)state;
	const char *fine[] = {"Child A",
			      "Case 3",
			      "YP1",
			      "A",
			      "Child AB",
			      "CYP 12",
			      "Baby C",
			      "Sibling 2 of Child D",
			      "Young person B",
			      "child-c",
			      "Unborn baby 1",
			      "Family 4, Child 2",
			      ""};
	for (size_t i = 0; i < sizeof fine / sizeof fine[0]; i++)
		if (flagged(fine[i]))
			fail_msg("'%s' flagged", fine[i]);
	const char *names[] = {"Jayden Smith",	   "Amira",   "Child Amira", "amira", "Zoë",
			       "Child A (Jayden)", "MOHAMMED"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!flagged(names[i]))
			fail_msg("'%s' not flagged", names[i]);
	/* An identifier in a reference is found too. */
	struct disclosure_list list = {0};
	struct maca_err err = {0};
	assert_int_equal(disclosure_check_reference("Child 9434765919", "case 1", &list, &err), 0);
	assert_int_equal(list.n, 1);
	assert_int_equal(list.items[0].kind, DISCLOSURE_NHS);
	assert_string_equal(list.items[0].where, "case 1");
	disclosure_list_free(&list);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_nhs_numbers),
	    cmocka_unit_test(test_national_insurance),
	    cmocka_unit_test(test_dates),
	    cmocka_unit_test(test_postcodes),
	    cmocka_unit_test(test_phones),
	    cmocka_unit_test(test_emails),
	    cmocka_unit_test(test_several_and_order),
	    cmocka_unit_test(test_case_references),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
