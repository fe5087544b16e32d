/* maca export briefing, end to end in process: the file written for the demo audit matches
 * the golden files, is private and atomic, never overwrites without --force, and is refused
 * when the audit's text holds a possible identifier until it is fixed or accepted. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "sbuf.h"
#include "store.h"
#include "cli_run.h"
#include "testutil.h"

struct fixture {
	char *dir;
	char *db;
	char *config;
	char *audit; /* the demo audit's id, as text */
	char *uuid;
};

/* Runs maca --db DB --config CONFIG with the given arguments (NULL-terminated). */
#define maca(f, ...) cli_run_db((f)->db, (f)->config, __VA_ARGS__)

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	assert_non_null(f);
	f->dir = tu_tempdir();
	assert_non_null(f->dir);
	f->db = str_fmt("%s/maca.db", f->dir);
	char *ini = str_fmt("[maca]\nexport_dir = %s/out\n", f->dir);
	f->config = tu_write(f->dir, "maca.ini", ini);
	free(ini);
	char *out = str_fmt("%s/out", f->dir);
	assert_int_equal(mkdir(out, 0700), 0);
	free(out);

	struct template *tpl = NULL;
	struct diag_list diags = {0};
	assert_int_equal(
	    template_load_file(MACA_SOURCE_DIR "/audit-templates/domestic-abuse.ini", &tpl, &diags),
	    0);
	diag_list_free(&diags);
	struct store *st;
	struct maca_err err = {0};
	int64_t id;
	assert_int_equal(store_open(f->db, &st, &err), 0);
	assert_int_equal(demo_create(st, tpl, &id, &err), 0);
	struct audit_info a;
	assert_int_equal(store_audit_get(st, id, &a, &err), 0);
	f->uuid = str_dup(a.uuid);
	audit_info_free(&a);
	store_close(st);
	template_free(tpl);
	f->audit = str_fmt("%lld", (long long)id);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	tu_remove_tree(f->dir);
	free(f->dir);
	free(f->db);
	free(f->config);
	free(f->audit);
	free(f->uuid);
	free(f);
	return 0;
}

static void expect_same_as_golden(const char *path, const char *golden)
{
	char *got = tu_read(path, NULL);
	char *gpath = str_fmt("%s/tests/golden/%s", MACA_SOURCE_DIR, golden);
	char *want = tu_read(gpath, NULL);
	assert_non_null(got);
	assert_non_null(want);
	assert_string_equal(got, want);
	free(got);
	free(want);
	free(gpath);
}

static void expect_mode_0600(const char *path)
{
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
}

/* Files in dir other than . and .. */
static int count_files(const char *dir)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	int n = 0;
	for (struct dirent *e; (e = readdir(d));)
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

static void test_demo_default_path(void **state)
{
	struct fixture *f = *state;
	char *path = str_fmt("%s/out/briefing-%.8s.md", f->dir, f->uuid);
	cli_run_expect(maca(f, "export", "briefing", f->audit, NULL), 0, path, NULL);
	expect_same_as_golden(path, "briefing-demo.md");
	expect_mode_0600(path);
	/* No temporary file is left beside it. */
	char *out = str_fmt("%s/out", f->dir);
	assert_int_equal(count_files(out), 1);
	free(out);
	free(path);
}

static void test_demo_seven_minute(void **state)
{
	struct fixture *f = *state;
	char *path = str_fmt("%s/seven.md", f->dir);
	cli_run_expect(
	    maca(f, "export", "briefing", f->audit, "--layout", "seven-minute", "-o", path, NULL),
	    0, path, NULL);
	expect_same_as_golden(path, "briefing-demo-7min.md");
	expect_mode_0600(path);
	free(path);
}

static void test_no_overwrite_without_force(void **state)
{
	struct fixture *f = *state;
	char *path = tu_write(f->dir, "b.md", "keep me\n");
	cli_run_expect(maca(f, "export", "briefing", f->audit, "-o", path, NULL), 1, NULL,
		       "already exists; pass --force");
	char *text = tu_read(path, NULL);
	assert_string_equal(text, "keep me\n");
	free(text);
	cli_run_expect(
	    maca(f, "export", "briefing", f->audit, "-o", path, "--force", "--no-findings", NULL),
	    0, path, NULL);
	text = tu_read(path, NULL);
	assert_non_null(strstr(text, "## Action plan"));
	assert_null(strstr(text, "Findings at a glance"));
	free(text);
	expect_mode_0600(path);
	free(path);
}

static void test_identifiers_refused(void **state)
{
	struct fixture *f = *state;
	cli_run_expect(maca(f, "case", "add", f->audit, "Jayden Smith", NULL), 0, NULL, NULL);
	char *path = str_fmt("%s/id.md", f->dir);
	struct cli_run r = maca(f, "export", "briefing", f->audit, "-o", path, NULL);
	assert_non_null(strstr(r.err, "case 7, reference: possible case reference that may be a "
				      "name: Jayden Smith"));
	cli_run_expect(r, 1, NULL, "nothing was written");
	struct stat st;
	assert_int_not_equal(stat(path, &st), 0);
	/* The old override is refused, pointing to the new way; then the finding is accepted. */
	cli_run_expect(
	    maca(f, "export", "briefing", f->audit, "-o", path, "--allow-identifiers", NULL), 2,
	    NULL, "maca findings accept AUDIT FINDING --reason TEXT");
	assert_int_not_equal(stat(path, &st), 0);
	r = maca(f, "findings", "list", f->audit, NULL);
	char *id = cli_finding_id(r.out, "Jayden Smith");
	cli_run_free(&r);
	cli_run_expect(maca(f, "findings", "accept", f->audit, id, "--reason",
			    "the fictional family of the training pack", NULL),
		       0, "accepted", NULL);
	free(id);
	cli_run_expect(maca(f, "export", "briefing", f->audit, "-o", path, NULL), 0, path,
		       "Jayden Smith (accepted by ");
	/* Checked because it may be a name, but no longer published: the briefing has no
	 * case-by-case grid (it is in the case summaries for the audit group). */
	char *text = tu_read(path, NULL);
	assert_null(strstr(text, "Jayden Smith"));
	assert_null(strstr(text, "| Child A |"));
	free(text);
	free(path);
}

static void test_usage(void **state)
{
	struct fixture *f = *state;
	cli_run_expect(maca(f, "export", NULL), 2, NULL, "export needs a kind");
	cli_run_expect(
	    maca(f, "export", "poster", f->audit, NULL), 2, NULL,
	    "unknown export 'poster' (known: briefing, csv, cases, actions, pack, return)");
	cli_run_expect(maca(f, "export", "briefing", NULL), 2, NULL, "needs AUDIT");
	cli_run_expect(maca(f, "export", "briefing", f->audit, "--layout", "poster", NULL), 2, NULL,
		       "unknown layout 'poster'");
	cli_run_expect(maca(f, "export", "briefing", "999", NULL), 1, NULL, NULL);
	char *path = str_fmt("%s/no/such/dir/b.md", f->dir);
	cli_run_expect(maca(f, "export", "briefing", f->audit, "-o", path, NULL), 1, NULL,
		       "cannot write");
	free(path);
}

/* --format docx|html through pandoc (installed by scripts/deps.sh): private, atomic, never
 * overwriting without --force, named like the Markdown with the format's extension. */
static void test_format_docx_html(void **state)
{
	struct fixture *f = *state;
	char *docx = str_fmt("%s/out/briefing-%.8s.docx", f->dir, f->uuid);
	cli_run_expect(maca(f, "export", "briefing", f->audit, "--format", "docx", NULL), 0, docx,
		       NULL);
	size_t n = 0;
	char *data = tu_read(docx, &n);
	assert_non_null(data);
	assert_true(n > 2 && memcmp(data, "PK", 2) == 0);
	free(data);
	expect_mode_0600(docx);
	char *out = str_fmt("%s/out", f->dir);
	assert_int_equal(count_files(out), 1); /* no temporary file is left */
	cli_run_expect(maca(f, "export", "briefing", f->audit, "--format", "docx", NULL), 1, NULL,
		       "already exists; pass --force");
	assert_int_equal(count_files(out), 1);

	char *html = str_fmt("%s/b.html", f->dir);
	cli_run_expect(
	    maca(f, "export", "briefing", f->audit, "--format", "html", "-o", html, NULL), 0, html,
	    NULL);
	char *text = tu_read(html, NULL);
	assert_non_null(text);
	assert_non_null(strstr(text, "Briefing of our learning (May 2025)"));
	assert_non_null(strstr(text, "<table"));
	free(text);
	expect_mode_0600(html);
	cli_run_expect(
	    maca(f, "export", "briefing", f->audit, "--format", "html", "-o", html, NULL), 1, NULL,
	    "already exists; pass --force");
	cli_run_expect(maca(f, "export", "briefing", f->audit, "--format", "html", "-o", html,
			    "--force", "--no-findings", NULL),
		       0, html, NULL);
	text = tu_read(html, NULL);
	assert_null(strstr(text, "Findings at a glance"));
	free(text);
	expect_mode_0600(html);
	free(html);
	free(out);
	free(docx);
}

/* A case alone with two features no other case has may identify its family: a finding like
 * any other, which holds the briefing back until it is accepted with a reason. */
static void test_features_of_one_case_only(void **state)
{
	struct fixture *f = *state;
	cli_run_expect(
	    maca(f, "case", "add", f->audit, "Child G", "--tags", "send,suicidal-ideation", NULL),
	    0, NULL, NULL);
	char *path = str_fmt("%s/g.md", f->dir);
	struct cli_run r = maca(f, "export", "briefing", f->audit, "-o", path, NULL);
	assert_non_null(strstr(r.err,
			       "case 7, features (2 that no other case has): possible "
			       "combination of case features found in one case only: Special "
			       "educational needs or disability + Suicidal ideation or "
			       "attempted suicide"));
	cli_run_expect(r, 1, NULL, "nothing was written");
	r = maca(f, "findings", "list", f->audit, NULL);
	char *id = cli_finding_id(r.out, "Special educational needs or disability + Suicidal "
					 "ideation or attempted suicide");
	cli_run_free(&r);
	cli_run_expect(maca(f, "findings", "accept", f->audit, id, "--reason",
			    "both features are common in this area", NULL),
		       0, "accepted", NULL);
	free(id);
	cli_run_expect(maca(f, "export", "briefing", f->audit, "-o", path, NULL), 0, path, NULL);
	char *text = tu_read(path, NULL);
	assert_non_null(strstr(text, "- Special educational needs or disability (fewer than 3 "
				     "cases)"));
	free(text);
	free(path);
}

/* [publish] small_count: the threshold of what is published, 0 for none, 1 and 2 refused. */
static void test_small_count_configured(void **state)
{
	struct fixture *f = *state;
	char *path = str_fmt("%s/b.md", f->dir);
	cli_run_expect(maca(f, "export", "briefing", f->audit, "-o", path, NULL), 0, path, NULL);
	char *text = tu_read(path, NULL);
	assert_non_null(strstr(text, "| Requires improvement to be good | fewer than 3 |"));
	assert_non_null(strstr(text, "- Homelessness (fewer than 3 cases)"));
	free(text);
	const char *settings[] = {"0", "5"};
	const char *want[] = {"| Requires improvement to be good | 2 |",
			      "| Not yet agreed | fewer than 5 |"};
	for (size_t i = 0; i < 2; i++) {
		char *ini = str_fmt("[maca]\nexport_dir = %s/out\n[publish]\nsmall_count = %s\n",
				    f->dir, settings[i]);
		free(tu_write(f->dir, "maca.ini", ini));
		free(ini);
		cli_run_expect(maca(f, "export", "briefing", f->audit, "-o", path, "--force", NULL),
			       0, path, NULL);
		text = tu_read(path, NULL);
		if (!strstr(text, want[i]))
			fail_msg("small_count = %s: no \"%s\" in\n%s", settings[i], want[i], text);
		free(text);
	}
	free(tu_write(f->dir, "maca.ini", "[publish]\nsmall_count = 2\n"));
	cli_run_expect(maca(f, "export", "briefing", f->audit, "-o", path, "--force", NULL), 1,
		       NULL,
		       "small_count must be 0 (no suppression) or a whole number from 3 to 1000");
	free(path);
}

static void test_format_usage_and_missing_tools(void **state)
{
	struct fixture *f = *state;
	cli_run_expect(maca(f, "export", "briefing", f->audit, "--format", "odt", NULL), 2, NULL,
		       "unknown format 'odt' (known: md, docx, html, pdf)");
	char *md = str_fmt("%s/out/briefing-%.8s.md", f->dir, f->uuid);
	cli_run_expect(maca(f, "export", "briefing", f->audit, "--format", "md", NULL), 0, md,
		       NULL);
	free(md);

	/* Without pandoc: one line saying how to install it, and nothing written. */
	char *saved = getenv("PATH") ? str_dup(getenv("PATH")) : NULL;
	char *empty = str_fmt("%s/empty", f->dir);
	assert_int_equal(mkdir(empty, 0700), 0);
	assert_int_equal(setenv("PATH", empty, 1), 0);
	struct cli_run r = maca(f, "export", "briefing", f->audit, "--format", "docx", NULL);
	if (saved)
		setenv("PATH", saved, 1);
	else
		unsetenv("PATH");
	assert_non_null(strstr(r.err, "apt-get install pandoc"));
	cli_run_expect(r, 1, NULL, "needs pandoc, which is not installed");
	char *out = str_fmt("%s/out", f->dir);
	assert_int_equal(count_files(out), 1); /* only the .md */

	/* A pandoc that fails: named with its status and its own last words, nothing left
	 * behind. */
	free(tu_write(empty, "pandoc", "#!/bin/sh\necho 'pandoc: cannot' >&2\nexit 3\n"));
	char *fake = str_fmt("%s/pandoc", empty);
	assert_int_equal(chmod(fake, 0755), 0);
	assert_int_equal(setenv("PATH", empty, 1), 0);
	r = maca(f, "export", "briefing", f->audit, "--format", "docx", NULL);
	if (saved)
		setenv("PATH", saved, 1);
	else
		unsetenv("PATH");
	assert_non_null(strstr(r.err, "Its output ended:\n  pandoc: cannot"));
	cli_run_expect(r, 1, NULL, "pandoc (making the Word document) failed with exit status 3");
	assert_int_equal(count_files(out), 1);

	/* pdf needs a PDF engine as well; with neither on PATH, the package to install. */
	assert_int_equal(setenv("PATH", empty, 1), 0);
	r = maca(f, "export", "briefing", f->audit, "--format", "pdf", NULL);
	if (saved)
		setenv("PATH", saved, 1);
	else
		unsetenv("PATH");
	cli_run_expect(r, 1, NULL, "install it with: apt-get install weasyprint (or wkhtmltopdf)");
	assert_int_equal(count_files(out), 1);
	free(fake);
	free(out);
	free(empty);
	free(saved);
}

/* A small RFC 4180 reader: splits text into records of fields. Returns the number of
 * records; fields[r][f] are malloc'd. Fails the test on malformed input. */
#define MAX_RECORDS 256
#define MAX_FIELDS 16
struct csv {
	char *fields[MAX_RECORDS][MAX_FIELDS];
	size_t nfields[MAX_RECORDS];
	size_t nrecords;
};

static void csv_parse(const char *p, struct csv *out)
{
	memset(out, 0, sizeof *out);
	while (*p) {
		assert_true(out->nrecords < MAX_RECORDS);
		size_t r = out->nrecords++;
		for (;;) {
			struct sbuf f = {0};
			sbuf_add(&f, "");
			if (*p == '"') {
				for (p++;; p++) {
					assert_true(*p != '\0');
					if (*p == '"' && p[1] == '"')
						sbuf_addc(&f, '"'), p++;
					else if (*p == '"')
						break;
					else
						sbuf_addc(&f, *p);
				}
				p++;
			} else {
				while (*p && *p != ',' && *p != '\r' && *p != '\n') {
					assert_true(*p != '"');
					sbuf_addc(&f, *p++);
				}
			}
			assert_true(out->nfields[r] < MAX_FIELDS);
			out->fields[r][out->nfields[r]++] = sbuf_take(&f);
			if (*p == ',') {
				p++;
				continue;
			}
			assert_true(p[0] == '\r' && p[1] == '\n');
			p += 2;
			break;
		}
	}
}

static void csv_free(struct csv *c)
{
	for (size_t r = 0; r < c->nrecords; r++)
		for (size_t f = 0; f < c->nfields[r]; f++)
			free(c->fields[r][f]);
}

static void test_csv(void **state)
{
	struct fixture *f = *state;
	/* Hostile evidence: quotes, commas, line breaks and a formula. */
	struct store *st;
	struct maca_err err = {0};
	assert_int_equal(store_open(f->db, &st, &err), 0);
	struct case_info *cases;
	size_t n;
	assert_int_equal(store_case_list(st, atoll(f->audit), &cases, &n, &err), 0);
	assert_int_equal(store_answer_save(st, cases[5].id, "csc", "voice-seen", "good",
					   "=HYPERLINK(\"x\"), then \"quoted\",\r\nnext line",
					   &err),
			 0);
	/* Every kind agreed: a yes or no, and a text question's summary no agency answered. */
	assert_int_equal(store_answer_save(st, cases[4].id, "police", "prevention-court", "partly",
					   "Shared late.", &err),
			 0);
	assert_int_equal(store_agreed_save(st, cases[4].id, "prevention-court", "no",
					   "Not shared in time.", NULL, &err),
			 0);
	assert_int_equal(store_agreed_save(st, cases[4].id, "protection-difference",
					   "Safer, the group agreed.", NULL, NULL, &err),
			 0);
	case_info_list_free(cases, n);
	store_close(st);

	char *path = str_fmt("%s/out/answers-%.8s.csv", f->dir, f->uuid);
	cli_run_expect(maca(f, "export", "csv", f->audit, NULL), 0, path, NULL);
	expect_mode_0600(path);
	char *text = tu_read(path, NULL);
	assert_non_null(text);
	assert_true(strncmp(text, "case,agency,", 12) == 0);
	struct csv c;
	csv_parse(text, &c);
	assert_true(c.nrecords > 100);
	bool multiline = false, hostile = false, yes_no = false, summary = false;
	for (size_t r = 0; r < c.nrecords; r++) {
		assert_int_equal(c.nfields[r], 9);
		if (strcmp(c.fields[r][0], "Child A") == 0 &&
		    strcmp(c.fields[r][3], "identification-recognised") == 0 &&
		    strcmp(c.fields[r][1], "Children's social care") == 0) {
			multiline = strchr(c.fields[r][6], '\n') != NULL;
			assert_string_equal(c.fields[r][5], "Good");
		}
		if (strcmp(c.fields[r][0], "Child E") == 0 &&
		    strcmp(c.fields[r][3], "prevention-court") == 0) {
			yes_no = true;
			assert_string_equal(c.fields[r][5], "Partly");
			assert_string_equal(c.fields[r][7], "No");
			assert_string_equal(c.fields[r][8], "Not shared in time.");
		}
		if (strcmp(c.fields[r][0], "Child E") == 0 &&
		    strcmp(c.fields[r][3], "protection-difference") == 0) {
			summary = true;
			assert_string_equal(c.fields[r][1], ""); /* no agency answered it */
			assert_string_equal(c.fields[r][7], "Safer, the group agreed.");
		}
		if (strncmp(c.fields[r][6], "=HYPERLINK", 10) == 0) {
			hostile = true;
			assert_string_equal(c.fields[r][6],
					    "=HYPERLINK(\"x\"), then \"quoted\",\r\nnext line");
			assert_string_equal(c.fields[r][0], "Child F");
		}
	}
	assert_true(multiline);
	assert_true(hostile);
	assert_true(yes_no);
	assert_true(summary);
	csv_free(&c);
	free(text);

	/* --excel: a byte order mark, and no field that a spreadsheet would run. */
	char *xpath = str_fmt("%s/x.csv", f->dir);
	cli_run_expect(maca(f, "export", "csv", f->audit, "--excel", "-o", xpath, NULL), 0, xpath,
		       NULL);
	text = tu_read(xpath, NULL);
	assert_true(strncmp(text,
			    "\xef\xbb\xbf"
			    "case,",
			    8) == 0);
	csv_parse(text + 3, &c);
	for (size_t r = 0; r < c.nrecords; r++)
		for (size_t k = 0; k < c.nfields[r]; k++)
			assert_null(strchr("=+-@", c.fields[r][k][0] ? c.fields[r][k][0] : 'x'));
	csv_free(&c);
	free(text);
	cli_run_expect(maca(f, "export", "csv", f->audit, "--excel", "-o", xpath, NULL), 1, NULL,
		       "--force");
	free(xpath);
	free(path);
}

static void test_cases(void **state)
{
	struct fixture *f = *state;
	/* Confidential, so written even with a name-like reference, and never checked. */
	cli_run_expect(maca(f, "case", "add", f->audit, "Jayden Smith", NULL), 0, NULL, NULL);
	/* The audit group's summary of a case (issue 16) is theirs to read here. */
	struct store *st;
	struct maca_err err = {0};
	assert_int_equal(store_open(f->db, &st, &err), 0);
	struct case_info *cases = NULL;
	size_t n = 0;
	assert_int_equal(store_case_list(st, atoll(f->audit), &cases, &n, &err), 0);
	assert_true(n > 0);
	struct case_fields cf = {.reference = cases[0].reference,
				 .age_band = cases[0].age_band,
				 .plan_status = cases[0].plan_status,
				 .tags = &cases[0].tags,
				 .summary = "Two older siblings; father in custody since March."};
	assert_int_equal(store_case_update(st, cases[0].id, &cf, &err), 0);
	case_info_list_free(cases, n);
	store_close(st);
	char *path = str_fmt("%s/out/cases-%.8s.md", f->dir, f->uuid);
	cli_run_expect(maca(f, "export", "cases", f->audit, NULL), 0, path, NULL);
	expect_mode_0600(path);
	char *text = tu_read(path, NULL);
	assert_non_null(text);
	assert_true(strncmp(text, "CONFIDENTIAL", 12) == 0);
	assert_non_null(strstr(text, "\n## Child A\n"));
	assert_non_null(strstr(text, "\n## Jayden Smith\n"));
	assert_non_null(
	    strstr(text, "\nSummary: Two older siblings; father in custody since March.\n"));
	assert_non_null(strstr(text, "Zoë (health visitor) saw the child alone"));
	assert_non_null(
	    strstr(text, "- Agreed: Good. Agreed at moderation: good, not outstanding."));
	/* The prompt by its label, not its id (good-practice). */
	assert_non_null(strstr(text, "*Note from Health (Good practice):*"));
	/* The case-by-case grid the briefing no longer publishes. */
	assert_non_null(strstr(text, "\n## Findings at a glance\n"));
	assert_non_null(strstr(text, "\n| Child A | Requires improvement to be good | – |"));
	assert_non_null(strstr(text, "\n| Jayden Smith | – |"));
	assert_true(strstr(text, "## Findings at a glance") < strstr(text, "\n## Child A\n"));
	free(text);
	cli_run_expect(maca(f, "export", "cases", f->audit, "--excel", NULL), 2, NULL, "--excel");
	cli_run_expect(maca(f, "export", "cases", f->audit, NULL), 1, NULL, "already exists");
	free(path);
}

/* An export built in a buffer is handed out whole, or refused when any allocation failed. */
static void test_buffer_taken_or_refused(void **state)
{
	(void)state;
	struct sbuf b = {0};
	struct maca_err e = {0};
	char *s = NULL;
	sbuf_add(&b, "# Cases");
	assert_int_equal(err_sbuf_take(&b, &s, &e), MACA_OK);
	assert_string_equal(s, "# Cases");
	free(s);
	sbuf_add(&b, "partial");
	b.failed = true;
	assert_int_equal(err_sbuf_take(&b, &s, &e), MACA_ENOMEM);
	assert_null(s);
	assert_int_equal(e.status, MACA_ENOMEM);
	err_clear(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_buffer_taken_or_refused),
	    cmocka_unit_test_setup_teardown(test_demo_default_path, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_demo_seven_minute, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_no_overwrite_without_force, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_identifiers_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_usage, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_format_docx_html, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_features_of_one_case_only, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_small_count_configured, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_format_usage_and_missing_tools, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_csv, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_cases, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
