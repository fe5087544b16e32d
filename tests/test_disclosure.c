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
		char good[16], spaced[32], hyphen[32], bad[16], text[96], want[160];
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
		/* A wrong check digit is still somebody's number, mistyped. */
		snprintf(want, sizeof want, "NHS number=%s", bad);
		expect(bad, want);
		/* Eleven digits are no NHS number, but a long number all the same. */
		snprintf(text, sizeof text, "%s7", good);
		snprintf(want, sizeof want, "case, crime or hospital number=%s", text);
		expect(text, want);
	}
	assert_true(found >= 3);
	/* As pasted: no-break and thin spaces, glued to its label, dots. */
	expect("NHS\xc2\xa0No.4857773457", "NHS number=4857773457");
	expect("NHS 485\xc2\xa0"
	       "777\xe2\x80\x89"
	       "3457 x",
	       "NHS number=485\xc2\xa0"
	       "777\xe2\x80\x89"
	       "3457");
	expect("no: 600.123.4567.", "NHS number=600.123.4567");
	expect("NHS#9991112223", "NHS number=9991112223");
}

static void test_national_insurance(void **state)
{
	(void)state;
	expect("NI AB123456C", "National Insurance number=AB123456C");
	expect("NI: JG 10 37 32 D.", "National Insurance number=JG 10 37 32 D");
	expect("ab 12 34 56 a", "National Insurance number=ab 12 34 56 a");
	expect("NI: AB-12-34-56-C", "National Insurance number=AB-12-34-56-C");
	expect("NI No AB123456 for dad", "National Insurance number=AB123456");
	expect("NI PZ.12.34.56.B", "National Insurance number=PZ.12.34.56.B");
	expect("QQ\xc2\xa0"
	       "12\xc2\xa0"
	       "34\xc2\xa0"
	       "56\xc2\xa0"
	       "C",
	       "National Insurance number=QQ\xc2\xa0"
	       "12\xc2\xa0"
	       "34\xc2\xa0"
	       "56\xc2\xa0"
	       "C");
	/* Any two letters: a made-up prefix is still written to be one. */
	expect("DA123456A", "National Insurance number=DA123456A");
	/* Small letters with no final letter: words and numbers, not a number. */
	expect("in 12 34 56 cases", "");
	expect("AB12345C", "case, crime or hospital number=AB12345C"); /* letters, 5 digits */
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
	expect("see procedures 4.1.12 and policy 1.2.10, para 3.4.15", "");
	expect("under 4.1.12 of the procedures", "");
	expect("the referral of 3.4.24", "date=3.4.24");
	expect("1.2.3.4 and 10.0.0.1", "");
	expect("costs £1,250.50 or $3.50 or 12.5%", "");
	expect("3/4/1850 or 2150-01-01", "");
	expect("a ratio of 3-4-5", "");
	/* Every common written form, glued to its label or not. */
	expect("DOB-03/04/2015", "date=03/04/2015");
	expect("dob.03/04/15", "date=03/04/15");
	expect("DOB 03-Apr-2015", "date=03-Apr-2015");
	expect("DOB 3 Apr 15", "date=3 Apr 15");
	expect("date of birth 03042015", "date=03042015");
	expect("born in April 2015", "date=April 2015");
	expect("D.O.B. Mar-2014", "date=Mar-2014");
	expect("Birthday 14 Feb", "date=14 Feb");
	expect("Born 03/2016", "date=03/2016");
	expect("Date of birth: 01 02 2011", "date=01 02 2011");
	expect("DOB09.09.2009", "date=09.09.2009");
	expect("Tuesday 4th June 2024", "date=4th June 2024");
	/* Months, years and spans of years alone are no date, and no number either. */
	expect("due in April 2025; the 2023-24 plan; 2018/19; Policy 2025 to 2028", "");
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
	expect("CP12 and A1 road", "");
	expect("moved to Yo1 7HH", "postcode=Yo1 7HH");
	expect("YO1\xc2\xa0"
	       "7HH",
	       "postcode=YO1\xc2\xa0"
	       "7HH");
	expect("(LS6 2QT)", "postcode=LS6 2QT");
	expect("CR2-6XH", "postcode=CR2-6XH");
	expect("KS2 3rd and Y10 2nd", ""); /* key stages and years, not postcodes */
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
	expect("Tel.07700 900123", "phone number=07700 900123");
	expect("mob-07700 900123", "phone number=07700 900123");
	expect("07700\xc2\xa0"
	       "900\xc2\xa0"
	       "456",
	       "phone number=07700\xc2\xa0"
	       "900\xc2\xa0"
	       "456");
	expect("07700.900.111", "phone number=07700.900.111");
	expect("+44 (0)7700 900987", "phone number=+44 (0)7700 900987");
	expect("crime ref 01234567890123",
	       "case, crime or hospital number=01234567890123"); /* a number, not a phone */
	expect("at 07:30 and 10:30", "");
}

static void test_emails(void **state)
{
	(void)state;
	expect("e-mail jo.bloggs+x@example.co.uk.", "e-mail address=jo.bloggs+x@example.co.uk");
	expect("<a@b.org>", "e-mail address=a@b.org");
	/* None is an e-mail address, and "@mention" is a word of the language, not an account
	 * (test_vehicles_and_accounts). */
	expect("@mention and a@b and x@y.z and user@", "");
}

static void test_vehicles_and_accounts(void **state)
{
	(void)state;
	expect("Dad's car, reg AB12 CDE, was outside", "vehicle registration=AB12 CDE");
	expect("seen in a white van (YK19HFP) twice", "vehicle registration=YK19HFP");
	expect("KS2 SATs, CP12 plans, AB12 CD and ab12 cde", ""); /* not the format, or small */
	expect("Her account @jayjay_2009 sent it", "social network account=@jayjay_2009");
	expect("messages from (@Kyle.B99).", "social network account=@Kyle.B99");
	expect("seen @ 3pm, @ home; mum@example.org.uk wrote", "e-mail address=mum@example.org.uk");
	expect("@12 and @x are no accounts", "");
	/* "@" written for "at": a time or a word of the language. */
	expect("home visit @3pm, strategy @10.30am, seen @school, ran to @Mum", "");
}

/* An exact age identifies in combination (users.md: the motivated intruder); a band, a
 * group, a threshold or a service named after an age does not. */
static void test_exact_ages(void **state)
{
	(void)state;
	expect("Amelia is a 12-year-old girl", "personal name=Amelia;exact age=12-year-old");
	expect("He is a two-year-old boy", "exact age=two-year-old");
	expect("Two Year Old YP was seen", "exact age=Two Year Old");
	expect("the 6 week old baby and her 3 years old brother",
	       "exact age=6 week old;exact age=3 years old");
	expect("a 2 and a half year old", "exact age=2 and a half year old");
	expect("YP is 14yo, her friend 15 y/o", "exact age=14yo;exact age=15 y/o");
	expect("Child B, aged 7, was not seen alone", "exact age=aged 7");
	expect("Age: 14. Lives with mum", "exact age=Age: 14");
	expect("aged 18 months at the referral", "exact age=aged 18 months");
	expect("at the age of 9 she disclosed", "exact age=age of 9");
	expect("went missing at the age of 12 and again at 13", "exact age=age of 12");
	expect("a 14\u2011year\u2011old", "exact age=14\u2011year\u2011old");
	/* Bands, groups, thresholds and services. */
	expect("children aged 0 to 7, young people aged 16 and 17, aged 8 or older", "");
	expect("aged 7, 8 and 9; aged 11-15; aged 10+; 11-15 year old girls", "");
	expect("all 16- and 17-year-olds and 5-year-olds", "");
	expect("when children are over one year old, or under 2 years old", "");
	expect("under the age of 18, from the age of 11", "");
	expect("the two-year-old offer, the 2 year old check, 2 year old funding", "");
	expect("for 6 years, Year 6, age bands 11 to 15, a 2-year plan, old records", "");
	/* Written otherwise: years of age, a unit glued to the figures. */
	expect("She was 12 years of age", "exact age=12 years of age");
	expect("a 12yr old boy, a 9yrs old girl", "exact age=12yr old;exact age=9yrs old");
	/* A group's age or a threshold after "aged" or "age" (a reviewer's examples). */
	expect("Children aged 5 start reception; pupils aged 11 sit the test", "");
	expect("young people aged 16 are offered it, from age 16 until age 25", "");
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
	assert_int_equal(disclosure_check_reference(ref, NULL, "case", &list, &err), 0);
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
	assert_int_equal(
	    disclosure_check_reference("Child 9434765919", NULL, "case 1", &list, &err), 0);
	assert_int_equal(list.n, 1);
	assert_int_equal(list.items[0].kind, DISCLOSURE_NHS);
	assert_string_equal(list.items[0].where, "case 1");
	disclosure_list_free(&list);
}

static void test_people(void **state)
{
	(void)state;
	expect("Mrs Patel attended.", "personal name=Mrs Patel");
	expect("Mr J. Dunmore was", "personal name=Mr J. Dunmore");
	expect("MR DEVLIN was remanded", "personal name=MR DEVLIN");
	expect("PC Hollins attended", "personal name=PC Hollins");
	expect("Child A's mother Sarah had not", "personal name=Sarah");
	expect("The father, Darren, was", "personal name=Darren");
	expect("her partner Jason Evans has", "personal name=Jason Evans");
	expect("partner Shanequa was", "personal name=Shanequa"); /* in no list */
	expect("Jayden Smith disclosed", "personal name=Jayden Smith");
	expect("from Amira's school", "personal name=Amira");
	expect("Concerns about Ruby were raised", "personal name=Ruby");
	expect("DANIELLE PRICE was the victim", "personal name=DANIELLE PRICE");
	/* Laws, places, seasons, grades, agencies and capitalised words of the trade. */
	expect("Clare's Law and Sarah's Law disclosures", "");
	expect("rated Amber in Summer 2024 by Ofsted and MARAC", "");
	expect("Grace Period; Will Police attend? Hope was lost.", "");
	expect("St Mary's Hospital and the Victoria Park area", "");
	expect("Chief Executive Officer, Norfolk County Council", "");
	expect("the 'Indigo' midwifery team in the East of England", "");
	expect("partner agencies and the Probation partner", "");
	/* Initials name a person to whoever knows the family; dotted abbreviations do not. */
	expect("The social worker visited J.S. at the refuge.", "personal name=J.S.");
	expect("Mum (K. M. T.) declined", "personal name=K. M. T.");
	expect("seen at 9 a.m. by the G.P. in the U.K.; D.O.B. withheld", "");
	expect("Child A. A referral was made. It was Plan B. I agreed.", "");
	expect("The N.S.P.C.C. helpline", "");
	expect("the H.V. said O.K.; the N.H.S. trust; A.S.D.; the C.S.C. team at the T.A.C. "
	       "meeting",
	       "");
	/* A dotted rank is flagged, which puts the name after it before the chair. */
	expect("P.C. Jones attended", "personal name=P.C.");
	/* Typed in haste in small letters: a first name that is no English word. */
	expect("spoke to jayden alone; tyler evans was there",
	       "personal name=jayden;personal name=tyler evans");
	expect("grace and will were shown; mark the date", "");
}

static void test_places(void **state)
{
	(void)state;
	expect("live at 12 Acacia Road with", "address=12 Acacia Road");
	expect("7a Station Rd was", "address=7a Station Rd");
	expect("The refuge at 22 St Mary's Walk", "address=22 St Mary's Walk");
	expect("Mum moved to Flat 3, Kestrel House in March", "address=Flat 3, Kestrel House");
	expect("lives at 18 beech grove", "address=18 beech grove");
	expect("housed on Wellington Street", "address=Wellington Street");
	expect("moved to Hawthorn Close", "address=Hawthorn Close");
	expect("attends Wexcombe Primary School", "school or nursery=Wexcombe Primary School");
	expect("St Aldric's RC Primary made", "school or nursery=St Aldric's RC Primary");
	expect("Oakridge Pre-School reported", "school or nursery=Oakridge Pre-School");
	expect("Free School Meals, the Virtual School Head and Forest School", "");
	expect("the School Nurse, York Hospital and Primary Care, Section 20 Children Act", "");
	expect("a Recruitment Drive and the Family Court", "");
	/* A housing estate named by a word of its own, "estate" in either case. */
	expect("lives on the Kingsway estate in town", "address=Kingsway estate");
	expect("moved onto Broadwater Farm Estate", "address=Broadwater Farm Estate");
	expect("a housing estate, the Crown Estate, an Estate Agent, estates", "");
	expect("the NHS estate and NHS Property Services estate", ""); /* an acronym: no place */
}

static void test_references(void **state)
{
	(void)state;
	expect("Crime ref CR/012345/24 was", "case, crime or hospital number=CR/012345/24");
	expect("log NYP-20240315-1234.", "case, crime or hospital number=NYP-20240315-1234");
	expect("Mosaic ID 1234567", "case, crime or hospital number=1234567");
	expect("Hospital number RCB1234567", "case, crime or hospital number=RCB1234567");
	expect("Case no. 84213 was closed", "case, crime or hospital number=84213");
	expect("crime number 12/34567/23", "case, crime or hospital number=12/34567/23");
	/* Numbers of the trade: sections, points, ages, years, acts, money, counts, helplines. */
	expect("Section 20 of the Children Act 2004; section 47; Learning Point 10", "");
	expect("children aged 0 to 7, age bands 0-4, 5-10, 11-15 and 16-17", "");
	expect("the 2021 Act; the Domestic Abuse Act (2021); COVID-19; S47 and S17", "");
	expect("costs of \xc2\xa3"
	       "125000 and 1,250,000 people; 350 officers; 74%",
	       "");
	expect("ring 0808 2000 247 or 0800 123 4567", "");
	expect("Case no. 2024 and case 3; ref 12", "");
}

static void test_spans_and_fingerprints(void **state)
{
	(void)state;
	const char *text = "Mum\xc2\xa0(tel.\xc2\xa0"
			   "07700\xe2\x80\x89"
			   "900123) said so.";
	struct disclosure_list list = {0};
	struct maca_err err = {0};
	assert_int_equal(disclosure_scan(text, "w", &list, &err), 0);
	assert_int_equal(list.n, 1);
	const struct disclosure *d = &list.items[0];
	assert_int_equal(d->kind, DISCLOSURE_PHONE);
	assert_int_equal(d->start, strstr(text, "07700") - text);
	assert_int_equal(d->len, strlen("07700\xe2\x80\x89"
					"900123"));
	assert_int_equal(strlen(d->fingerprint), 16);
	/* The same number typed with an ordinary space elsewhere: the same fingerprint. */
	struct disclosure_list other = {0};
	assert_int_equal(disclosure_scan("Call 07700 900123 now", "w", &other, &err), 0);
	assert_int_equal(other.n, 1);
	assert_string_equal(other.items[0].fingerprint, d->fingerprint);
	disclosure_list_free(&other);
	/* Another number, or the same digits as another kind, differ. */
	assert_int_equal(disclosure_scan("Call 07700 900124 now", "w", &other, &err), 0);
	assert_string_not_equal(other.items[0].fingerprint, d->fingerprint);
	disclosure_list_free(&other);
	disclosure_list_free(&list);
}

static void test_vocabulary(void **state)
{
	(void)state;
	struct disclosure_vocab *v;
	struct maca_err err = {0};
	assert_int_equal(disclosure_vocab_new(&v, &err), 0);
	assert_int_equal(
	    disclosure_vocab_add(v,
				 "[agencies]\nbarnardos = Barnardo\xe2\x80\x99s\n"
				 "helpline = Jade Evans Helpline 07700 900555\n"
				 "partnership = Kestrelmoor Academy Trust, St Leonard's Hospice",
				 &err),
	    0);
	const char *text = "Barnardo's and the Jade Evans Helpline (07700 900555) helped; "
			   "Kestrelmoor Academy said Leonard was there.";
	struct disclosure_list with = {0}, without = {0};
	assert_int_equal(disclosure_scan_vocab(text, v, "w", &with, &err), 0);
	assert_int_equal(disclosure_scan(text, "w", &without, &err), 0);
	/* Without the vocabulary: the helpline's name and number, the academy, Leonard. */
	assert_true(without.n >= 4);
	/* With it, only Leonard: one word counts as vocabulary only when a whole phrase. */
	assert_int_equal(with.n, 1);
	assert_string_equal(with.items[0].match, "Leonard");
	disclosure_list_free(&with);
	disclosure_list_free(&without);
	disclosure_vocab_free(v);
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
	    cmocka_unit_test(test_vehicles_and_accounts),
	    cmocka_unit_test(test_exact_ages),
	    cmocka_unit_test(test_several_and_order),
	    cmocka_unit_test(test_case_references),
	    cmocka_unit_test(test_people),
	    cmocka_unit_test(test_places),
	    cmocka_unit_test(test_references),
	    cmocka_unit_test(test_spans_and_fingerprints),
	    cmocka_unit_test(test_vocabulary),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
