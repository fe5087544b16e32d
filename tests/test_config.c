/* The configuration file, maca.ini: every key read into its place, and what an unknown key
 * or section is told (the name it was likely meant to be). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "sbuf.h"
#include "testutil.h"

/* Loads text as maca.ini: the return of config_load, the problems in *diags. */
static int load(const char *text, struct config *cfg, struct diag_list *diags)
{
	char *path = tu_write(tu_group_dir, "maca.ini", text);
	assert_non_null(path);
	*diags = (struct diag_list){0};
	int rc = config_load(path, false, cfg, diags);
	free(path);
	return rc;
}

/* Fails unless text's only problem is msg, at line. */
static void expect_problem(const char *text, int line, const char *msg)
{
	struct config cfg;
	struct diag_list diags;
	assert_int_equal(load(text, &cfg, &diags), -1);
	assert_int_equal(diags.n, 1);
	assert_int_equal(diags.items[0].line, line);
	assert_string_equal(diags.items[0].msg, msg);
	diag_list_free(&diags);
	config_free(&cfg);
}

static void test_every_key_read(void **state)
{
	(void)state;
	struct config cfg;
	struct diag_list diags;
	assert_int_equal(load("[maca]\n"
			      "partnership = York\n"
			      "chair_agency = police\n"
			      "database = /data/maca.db\n"
			      "export_dir = /data/out\n"
			      "author = Jo Chair\n"
			      "colour = no\n"
			      "mouse = no\n"
			      "[partnership]\n"
			      "website = https://www.example.org/\n"
			      "website_title = Our website\n"
			      "newsletter = mailto:news@example.org\n"
			      "newsletter_title = Our newsletter\n"
			      "contact = 01904 000000\n"
			      "[publish]\n"
			      "small_count = 5\n"
			      "reference_docx = styles/reference.docx\n"
			      "stylesheet = /etc/maca/briefing.css\n"
			      "pdf_engine = wkhtmltopdf\n"
			      "[resource leaflet]\n"
			      "title = Leaflet\n"
			      "url = https://www.example.org/leaflet\n",
			      &cfg, &diags),
			 0);
	assert_int_equal(diags.n, 0);
	assert_string_equal(cfg.partnership, "York");
	assert_string_equal(cfg.chair_agency, "police");
	assert_string_equal(cfg.database, "/data/maca.db");
	assert_string_equal(cfg.export_dir, "/data/out");
	assert_string_equal(cfg.author, "Jo Chair");
	assert_false(cfg.colour);
	assert_false(cfg.mouse);
	assert_string_equal(cfg.partnership_info.website, "https://www.example.org/");
	assert_string_equal(cfg.partnership_info.website_title, "Our website");
	assert_string_equal(cfg.partnership_info.newsletter, "mailto:news@example.org");
	assert_string_equal(cfg.partnership_info.newsletter_title, "Our newsletter");
	assert_string_equal(cfg.partnership_info.contact, "01904 000000");
	assert_int_equal(cfg.small_count, 5);
	char *docx = str_fmt("%s/styles/reference.docx", tu_group_dir);
	assert_string_equal(cfg.reference_docx, docx);
	free(docx);
	assert_string_equal(cfg.stylesheet, "/etc/maca/briefing.css");
	assert_string_equal(cfg.pdf_engine, "wkhtmltopdf");
	assert_int_equal(cfg.nresources, 1);
	assert_string_equal(cfg.resources[0].title, "Leaflet");
	assert_string_equal(cfg.resources[0].url, "https://www.example.org/leaflet");
	config_free(&cfg);
}

static void test_misspelt_key_in_each_section(void **state)
{
	(void)state;
	expect_problem("[maca]\nexprot_dir = /tmp\n", 2,
		       "unknown key 'exprot_dir' in [maca]: did you mean 'export_dir'?");
	expect_problem("[partnership]\nwebsite_titel = Ours\n", 2,
		       "unknown key 'website_titel' in [partnership]: did you mean "
		       "'website_title'?");
	expect_problem("[publish]\n\nsmall_cont = 4\n", 3,
		       "unknown key 'small_cont' in [publish]: did you mean 'small_count'?");
	expect_problem("[resource leaflet]\ntitle = Leaflet\nurk = https://example.org/\n", 3,
		       "unknown key 'urk' in [resource leaflet]: did you mean 'url'?");
}

static void test_misspelt_section(void **state)
{
	(void)state;
	expect_problem("[publsh]\nsmall_count = 5\n", 1,
		       "unknown section [publsh]: did you mean [publish]?");
	expect_problem("[maca]\n[partnershp]\n", 2,
		       "unknown section [partnershp]: did you mean [partnership]?");
	/* A section that takes a name keeps it in the hint. */
	expect_problem("[resorce leaflet]\ntitle = Leaflet\n", 1,
		       "unknown section [resorce leaflet]: did you mean [resource leaflet]?");
}

/* Far from every name: the message as it was, with no guess. */
static void test_no_hint_when_far(void **state)
{
	(void)state;
	expect_problem("[maca]\nshade = green\n", 2, "unknown key 'shade' in [maca]");
	expect_problem("[publish]\nengine = x\n", 2, "unknown key 'engine' in [publish]");
	expect_problem("[layout]\n", 1, "unknown section [layout]");
	/* [resource] needs its name and [maca] takes none: neither is guessed at. */
	expect_problem("[resource]\ntitle = Leaflet\n", 1, "unknown section [resource]");
	expect_problem("[maca x]\n", 1, "unknown section [maca x]");
}

/* A key holding a character one cannot see never reaches the configuration's table: the INI
 * reader refuses it first, naming the character. */
static void test_odd_character_in_key_named(void **state)
{
	(void)state;
	expect_problem("[maca]\nexport\xc2\xa0"
		       "dir = /tmp\n",
		       2,
		       "key 'export\xc2\xa0"
		       "dir' may use only a-z, 0-9, '-', '_' and '.'; it holds a no-break space "
		       "(U+00A0): replace it with an ordinary space, or delete it");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_key_read),
	    cmocka_unit_test(test_misspelt_key_in_each_section),
	    cmocka_unit_test(test_misspelt_section),
	    cmocka_unit_test(test_no_hint_when_far),
	    cmocka_unit_test(test_odd_character_in_key_named),
	};
	return cmocka_run_group_tests(tests, tu_group_dir_make, tu_group_dir_remove);
}
