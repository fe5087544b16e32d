/* Nothing that came from a user or a file reaches the terminal raw (issue 14, item 4): every
 * command of the command table, given hostile arguments and option values (file names
 * included, one of them not valid UTF-8), and the commands that print what a database or
 * file holds (list, actions, show, templates, check, compare, report, import), given hostile
 * content, print no control character (C0, DEL, C1), no format character (bidi overrides and
 * isolates, zero-width spaces), no line or paragraph separator and no invalid UTF-8, on
 * standard output or standard error. Newlines and tabs that maca writes itself are allowed. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>
#include <unictype.h>
#include <unistr.h>

#include "cli_commands.h"
#include "cli_run.h"
#include "sbuf.h"
#include "store.h"
#include "template.h"
#include "testutil.h"

/* OSC (set the window title) ended by BEL, C1 CSI, a right-to-left override, a zero-width
 * space, a left-to-right isolate, a carriage return, a tab; then bytes that are not UTF-8. */
#define HOSTILE_TEXT                                                                               \
	"x\x1b]0;pwned\x07"                                                                        \
	"\xc2\x9b"                                                                                 \
	"31m\xe2\x80\xae"                                                                          \
	"dne\xe2\x80\x8b\xe2\x81\xa6\r\tz"
#define HOSTILE HOSTILE_TEXT "\xff\xfe"

struct fixture {
	char *dir;
	char *db;
	char *config;
	int64_t audit, clean;
	int failures;
	int runs;
};

/* The first byte of s that a terminal must not be sent, or NULL. */
static const char *first_unsafe(const char *s)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + strlen(s);
	while (p < end) {
		ucs4_t c;
		int n = u8_mbtoucr(&c, p, (size_t)(end - p));
		if (n < 0)
			return (const char *)p;
		if (c != '\n' && c != '\t' &&
		    (c < 0x20 || c == 0x7f ||
		     uc_is_general_category_withtable(c, UC_CATEGORY_MASK_Cc | UC_CATEGORY_MASK_Cf |
							     UC_CATEGORY_MASK_Zl |
							     UC_CATEGORY_MASK_Zp)))
			return (const char *)p;
		p += n;
	}
	return NULL;
}

/* The words as C escapes, for a readable failure message (caller frees). */
static char *visible(const char *s, size_t max)
{
	struct sbuf b = {0};
	for (size_t i = 0; s[i] && i < max; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x7f)
			sbuf_addc(&b, (char)c);
		else
			sbuf_addf(&b, "\\x%02x", c);
	}
	return sbuf_take(&b);
}

static void check_output(struct fixture *f, const char *what, const char *stream, const char *text)
{
	const char *bad = first_unsafe(text);
	if (!bad)
		return;
	const char *from = bad - text > 40 ? bad - 40 : text;
	char *context = visible(from, 80);
	print_error("%s: unsafe byte on %s at offset %td: ...%s\n", what, stream, bad - text,
		    context);
	free(context);
	f->failures++;
}

/* Runs maca --db DB --config CONFIG WORDS... and checks both streams. */
static void run(struct fixture *f, const char *const *words, size_t n)
{
	const char *argv[32] = {"--db", f->db, "--config", f->config};
	size_t argc = 4;
	struct sbuf what = {0};
	sbuf_add(&what, "maca");
	for (size_t i = 0; i < n && argc < 30; i++) {
		argv[argc++] = words[i];
		char *v = visible(words[i], 60);
		sbuf_addf(&what, " %s", v ? v : "?");
		free(v);
	}
	char *label = sbuf_take(&what);
	struct cli_run r = cli_run_argv(argv, argc);
	check_output(f, label, "stdout", r.out);
	check_output(f, label, "stderr", r.err);
	f->runs++;
	free(label);
	cli_run_free(&r);
}

static void set_text(sqlite3 *db, const char *sql, const char *value)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_bind_text(st, 1, value, -1, SQLITE_STATIC), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
}

/* Two demo audits: the first with hostile text everywhere a person types it, invalid UTF-8
 * included, written past the store's checks as another program could; the second with what
 * the store and the return format accept (format characters in one-line text, controls in
 * evidence), so that it can be exported as a pack and shown. */
static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	assert_non_null(f);
	f->dir = tu_tempdir();
	f->db = str_fmt("%s/maca.db", f->dir);
	char *ini = str_fmt("[maca]\nexport_dir = %s\nauthor = Chair\n", f->dir);
	f->config = tu_write(f->dir, "maca.ini", ini);
	free(ini);

	struct template *tpl = NULL;
	struct diag_list diags = {0};
	assert_int_equal(
	    template_load_file(MACA_SOURCE_DIR "/audit-templates/domestic-abuse.ini", &tpl, &diags),
	    0);
	diag_list_free(&diags);
	struct store *st;
	struct maca_err err = {0};
	assert_int_equal(store_open(f->db, &st, &err), 0);
	assert_int_equal(demo_create(st, tpl, &f->audit, &err), 0);
	assert_int_equal(demo_create(st, tpl, &f->clean, &err), 0);
	store_close(st);
	template_free(tpl);

	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	char *sql[] = {
	    str_fmt("UPDATE audit SET title = ?1, theme = ?1, partnership = ?1 WHERE id = %lld",
		    (long long)f->audit),
	    str_fmt("UPDATE audit_case SET reference = ?1 || id WHERE audit_id = %lld",
		    (long long)f->audit),
	    str_fmt("UPDATE learning_point SET title = ?1, text = ?1 WHERE audit_id = %lld",
		    (long long)f->audit),
	    str_fmt("UPDATE action SET what = ?1, measure = ?1 WHERE learning_point_id IN (SELECT "
		    "id FROM learning_point WHERE audit_id = %lld)",
		    (long long)f->audit),
	    str_fmt("UPDATE good_practice SET text = ?1 WHERE audit_id = %lld",
		    (long long)f->audit),
	    str_fmt("UPDATE answer SET evidence = ?1 WHERE case_id IN (SELECT id FROM audit_case "
		    "WHERE audit_id = %lld)",
		    (long long)f->audit),
	};
	for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++) {
		set_text(db, sql[i], HOSTILE);
		free(sql[i]);
	}
	/* What the store and the return format let in: format characters on one line. */
	char *clean_title =
	    str_fmt("UPDATE audit SET title = ?1 WHERE id = %lld", (long long)f->clean);
	set_text(db, clean_title, "Safer\xe2\x80\xae\xe2\x80\x8b\xe2\x81\xa6 practice");
	free(clean_title);
	char *clean_ev = str_fmt("UPDATE answer SET evidence = ?1 WHERE case_id IN (SELECT id FROM "
				 "audit_case WHERE audit_id = %lld)",
				 (long long)f->clean);
	set_text(db, clean_ev,
		 "Seen\x1b[2J \xc2\x9b"
		 "2J \xe2\x80\xae"
		 "evil\r\nnext line");
	free(clean_ev);
	sqlite3_close(db);
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
	free(f);
	return 0;
}

/* A hostile value for an argument or option of this kind: for a file, a path in the test's
 * directory whose name is hostile (and new, so that what is written there is not refused). */
static char *hostile_for(struct fixture *f, const char *kind, int *serial)
{
	if (strncmp(kind, "file", 4) == 0)
		return str_fmt("%s/%d-" HOSTILE, f->dir, (*serial)++);
	return str_dup(HOSTILE);
}

/* Every command of the table: its arguments all hostile; then, with sound arguments where
 * there are any (the first audit, a shipped template), each option that takes a value given
 * a hostile one; then an unknown hostile option. */
static void test_hostile_arguments_to_every_command(void **state)
{
	struct fixture *f = *state;
	size_t n;
	const struct cli_command *cmds = cli_commands(&n);
	int serial = 0;
	char *audit = str_fmt("%lld", (long long)f->audit);
	for (size_t i = 0; i < n; i++) {
		const char *words[24];
		char *owned[24];
		size_t nw = 0, nowned = 0;
		char *name = str_dup(cmds[i].name);
		for (char *w = strtok(name, " "); w; w = strtok(NULL, " "))
			words[nw++] = w;
		size_t base = nw;
		/* All arguments hostile. */
		char *kinds = str_dup(cmds[i].arguments);
		for (char *k = strtok(kinds, " "); k; k = strtok(NULL, " "))
			words[nw++] = owned[nowned++] = hostile_for(f, k, &serial);
		free(kinds);
		run(f, words, nw);
		/* Sound arguments, each option hostile in turn. */
		nw = base;
		kinds = str_dup(cmds[i].arguments);
		for (char *k = strtok(kinds, " "); k; k = strtok(NULL, " "))
			words[nw++] = strcmp(k, "audit") == 0	   ? audit
				      : strcmp(k, "template") == 0 ? "domestic-abuse"
								   : owned[0];
		free(kinds);
		size_t args = nw;
		for (const struct cli_option *o = cmds[i].options; o->name; o++) {
			if (o->value == CLI_FLAG)
				continue;
			nw = args;
			const char *kind = o->value == CLI_FILE ? "file" : "text";
			words[nw++] = o->name;
			words[nw++] = owned[nowned++] = hostile_for(f, kind, &serial);
			run(f, words, nw);
		}
		nw = args;
		words[nw++] = "--" HOSTILE;
		run(f, words, nw);
		for (size_t k = 0; k < nowned; k++)
			free(owned[k]);
		free(name);
	}
	free(audit);
	/* Words that are no command, a kind that is no export, a global option's value. */
	const char *unknown[] = {HOSTILE};
	run(f, unknown, 1);
	const char *export[] = {"export", HOSTILE};
	run(f, export, 2);
	const char *help[] = {HOSTILE, "--help"};
	run(f, help, 2);
	char *missing = str_fmt("%s/" HOSTILE "/maca.db", f->dir);
	const char *db[] = {"--db", missing, "list"};
	run(f, db, 3);
	free(missing);
	assert_true(f->runs > 60);
	assert_int_equal(f->failures, 0);
}

/* What the database holds, listed and compared and reported. */
static void test_hostile_database_content(void **state)
{
	struct fixture *f = *state;
	char *audit = str_fmt("%lld", (long long)f->audit),
	     *clean = str_fmt("%lld", (long long)f->clean);
	const char *list[] = {"list"};
	run(f, list, 1);
	const char *actions[] = {"actions"};
	run(f, actions, 1);
	const char *actions_audit[] = {"actions", "--audit", audit};
	run(f, actions_audit, 3);
	const char *compare[] = {"compare", clean, audit};
	run(f, compare, 3);
	const char *report[] = {"report"};
	run(f, report, 1);
	char *md = str_fmt("%s/briefing.md", f->dir);
	const char *briefing[] = {"export", "briefing", audit, "-o", md};
	run(f, briefing, 5);
	free(md);
	/* A pack of the audit the return format takes, shown and imported elsewhere. */
	char *pack = str_fmt("%s/pack.maca", f->dir);
	const char *export[] = {"export", "pack", clean, "--agency", "police", "-o", pack};
	run(f, export, 7);
	struct stat sb;
	assert_int_equal(stat(pack, &sb), 0);
	const char *show[] = {"show", pack};
	run(f, show, 2);
	char *other = str_fmt("%s/other.db", f->dir);
	const char *import[] = {"--db", other, "import", pack};
	struct cli_run r = cli_run_argv(import, 4);
	check_output(f, "maca --db other import pack", "stdout", r.out);
	check_output(f, "maca --db other import pack", "stderr", r.err);
	assert_int_equal(r.status, 0);
	cli_run_free(&r);
	free(other);
	free(pack);
	free(audit);
	free(clean);
	assert_int_equal(f->failures, 0);
}

/* Templates and forms read from files: a template on the search path with hostile text, and
 * check on files whose names and contents are hostile. */
static void test_hostile_files(void **state)
{
	struct fixture *f = *state;
	const char *xdg = getenv("XDG_CONFIG_HOME");
	assert_non_null(xdg);
	char *dir = str_fmt("%s/maca/audit-templates", xdg);
	char *parent = str_fmt("%s/maca", xdg);
	mkdir(xdg, 0700);
	mkdir(parent, 0700);
	mkdir(dir, 0700);
	char *text = tu_read(MACA_SOURCE_DIR "/audit-templates/domestic-abuse.ini", NULL);
	assert_non_null(text);
	/* The shipped template with a hostile id and title (format characters pass the ini
	 * reader; the id is refused, and the refusal names the file). */
	char *title = strstr(text, "\ntitle = ");
	assert_non_null(title);
	struct sbuf b = {0};
	sbuf_addn(&b, text, (size_t)(title - text));
	sbuf_add(&b, "\ntitle = Safer\xe2\x80\xae\xe2\x80\x8b\xc2\x9b practice\n"
		     "layout = x\xe2\x80\xae\x1b]0;t\x07\n");
	sbuf_add(&b, strchr(title + 1, '\n') + 1);
	char *hostile = sbuf_take(&b);
	char *good = tu_write(dir, "hostile.ini", hostile);
	char *named = tu_write(dir, "x\x1b]0;pwned\x07\xe2\x80\xae\xff.ini", hostile);
	const char *templates[] = {"templates"};
	run(f, templates, 1);
	const char *paths[] = {"templates", "--paths"};
	run(f, paths, 2);
	const char *check[] = {"check", good, named};
	run(f, check, 3);
	/* A section name and a key that the checker quotes back. */
	char *sections = tu_write(f->dir, "sections.ini",
				  "[A\x1b]0;x\x07\xe2\x80\xae]\nk\xc2\x9b = v\n[b]\nk = \xff\n");
	const char *check2[] = {"check", sections};
	run(f, check2, 2);
	tu_remove_tree(dir);
	free(sections);
	free(named);
	free(good);
	free(hostile);
	free(text);
	free(dir);
	free(parent);
	assert_int_equal(f->failures, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_hostile_arguments_to_every_command, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_hostile_database_content, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_hostile_files, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
