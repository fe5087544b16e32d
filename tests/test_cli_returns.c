/* maca export pack|return, import and show, in process: the round trip through files, exit
 * statuses, the change listing and --replace, private files, and refusals naming the file. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <sqlite3.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "cli_run.h"
#include "passphrase_policy.h"
#include "return_doc.h"
#include "sbuf.h"
#include "sealed.h"
#include "store.h"
#include "testutil.h"

struct fx {
	char *dir, *config, *chair, *agency, *pack, *ret;
};

#define maca(db, f, ...) cli_run_db((db), (f)->config, __VA_ARGS__)

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	assert_non_null(f);
	f->dir = tu_tempdir();
	f->config = tu_write(f->dir, "maca.ini", "[maca]\nauthor = Test Chair\n");
	f->chair = str_fmt("%s/chair.db", f->dir);
	f->agency = str_fmt("%s/police.db", f->dir);
	f->pack = str_fmt("%s/pack.maca", f->dir);
	f->ret = str_fmt("%s/return.maca", f->dir);
	cli_run_expect(maca(f->chair, f, "new", "domestic-abuse", "CLI returns", "--agencies",
			    "csc,police", NULL),
		       0, "1\n", NULL);
	cli_run_expect(maca(f->chair, f, "case", "add", "1", "Child A", "--age", "1-4", NULL), 0,
		       NULL, NULL);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	tu_remove_tree(f->dir);
	free(f->dir);
	free(f->config);
	free(f->chair);
	free(f->agency);
	free(f->pack);
	free(f->ret);
	free(f);
	return 0;
}

/* Saves an answer straight into a database file, as the answering screen would. */
static void answer(const char *db, const char *agency, const char *q, const char *value,
		   const char *evidence)
{
	struct store *st;
	struct maca_err err = {0};
	assert_int_equal(store_open(db, &st, &err), 0);
	struct case_info *cases;
	size_t n;
	assert_int_equal(store_case_list(st, 1, &cases, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(store_answer_save(st, cases[0].id, agency, q, value, evidence, &err), 0);
	case_info_list_free(cases, n);
	store_close(st);
}

static void expect_mode_0600(const char *path)
{
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
}

/* Pack out, answered in the agency's database, return back, imported by the chair. */
static void make_return(struct fx *f, const char *value, const char *evidence)
{
	cli_run_expect(
	    maca(f->chair, f, "export", "pack", "1", "--agency", "police", "-o", f->pack, NULL), 0,
	    f->pack, NULL);
	expect_mode_0600(f->pack);
	cli_run_expect(maca(f->agency, f, "import", f->pack, NULL), 0,
		       "Pack for police: audit 1 (CLI returns), 1 case", NULL);
	answer(f->agency, "police", "identification-recognised", value, evidence);
	cli_run_expect(
	    maca(f->agency, f, "export", "return", "1", "--agency", "police", "-o", f->ret, NULL),
	    0, f->ret, NULL);
	expect_mode_0600(f->ret);
}

static void test_round_trip(void **state)
{
	struct fx *f = *state;
	make_return(f, "good", "Seen twice.\nRecorded well.");
	cli_run_expect(maca(f->chair, f, "import", f->ret, NULL), 0,
		       "Return from police into audit 1 (CLI returns): 1 added, 0 changed, 0 "
		       "unchanged",
		       NULL);
	/* Again: nothing changes. */
	cli_run_expect(maca(f->chair, f, "import", f->ret, NULL), 0,
		       "0 added, 0 changed, 1 unchanged", NULL);
	/* The pack again in the agency's database: refused. */
	cli_run_expect(maca(f->agency, f, "import", f->pack, NULL), 1, NULL,
		       "already in this database");
	/* An existing file is not overwritten without --force. */
	cli_run_expect(
	    maca(f->agency, f, "export", "return", "1", "--agency", "police", "-o", f->ret, NULL),
	    1, NULL, "exists");
	cli_run_expect(maca(f->agency, f, "export", "return", "1", "--agency", "police", "-o",
			    f->ret, "--force", NULL),
		       0, NULL, NULL);
}

static void test_changes_need_replace(void **state)
{
	struct fx *f = *state;
	make_return(f, "inadequate", "New.");
	answer(f->chair, "police", "identification-recognised", "good", "Old.");
	cli_run_expect(maca(f->chair, f, "import", f->ret, NULL), 1, NULL,
		       "case 'Child A', question identification-recognised: good -> "
		       "inadequate, evidence changed");
	cli_run_expect(maca(f->chair, f, "import", f->ret, NULL), 1, NULL,
		       "nothing was imported; import with --replace");
	cli_run_expect(maca(f->chair, f, "import", f->ret, "--replace", NULL), 0,
		       "0 added, 1 changed, 0 unchanged", NULL);
	cli_run_expect(maca(f->chair, f, "import", f->ret, NULL), 0, "1 unchanged", NULL);
}

/* An answer at a grade the template needs evidence for (evidence_required_at), returned with
 * none, is imported and said: the first few by case, question and grade, the rest counted;
 * blank evidence is none, and an answer with evidence or at a better grade is not said. */
static void test_unevidenced_answers_said(void **state)
{
	struct fx *f = *state;
	cli_run_expect(
	    maca(f->chair, f, "export", "pack", "1", "--agency", "police", "-o", f->pack, NULL), 0,
	    NULL, NULL);
	cli_run_expect(maca(f->agency, f, "import", f->pack, NULL), 0, NULL, NULL);
	const char *bare[] = {"identification-recognised", "identification-referral",
			      "identification-front-door", "identification-encompass",
			      "identification-curiosity",  "assessment-holistic",
			      "assessment-decisions"};
	for (size_t i = 0; i < sizeof bare / sizeof bare[0]; i++)
		answer(f->agency, "police", bare[i], i == 1 ? "inadequate" : "requires-improvement",
		       i == 0 ? " \n " : "");
	answer(f->agency, "police", "assessment-perpetrator", "requires-improvement", "Seen.");
	answer(f->agency, "police", "assessment-contributions", "good", "");
	cli_run_expect(
	    maca(f->agency, f, "export", "return", "1", "--agency", "police", "-o", f->ret, NULL),
	    0, f->ret, NULL);
	struct cli_run r = maca(f->chair, f, "import", f->ret, NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, ": 9 added, 0 changed, 0 unchanged\n"));
	assert_non_null(strstr(r.err, "maca: warning: 7 answers are at a grade that needs evidence "
				      "and have none:\n"
				      "  case 'Child A', question identification-recognised: "
				      "Requires improvement to be good\n"
				      "  case 'Child A', question identification-referral: "
				      "Inadequate\n"));
	assert_non_null(strstr(r.err, "\n  and 2 more\n"));
	assert_null(strstr(r.err, "assessment-perpetrator"));
	assert_null(strstr(r.err, "assessment-contributions"));
	cli_run_free(&r);
	/* Imported again, unchanged: still said, as the answers still lack it. */
	cli_run_expect(maca(f->chair, f, "import", f->ret, NULL), 0, "9 unchanged",
		       "warning: 7 answers");
}

static void test_show(void **state)
{
	struct fx *f = *state;
	make_return(f, "good", "Evidence\x1b[31m red");
	struct cli_run r = maca(f->chair, f, "show", f->ret, NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "maca return, format 2"));
	assert_non_null(strstr(r.out, "Token:     "));
	assert_non_null(strstr(r.out, "Agency:    police (Police)"));
	assert_non_null(strstr(r.out, "evidence: Evidence?[31m red"));
	assert_null(strchr(r.out, '\x1b'));
	assert_non_null(strstr(r.out, "sha256 "));
	cli_run_free(&r);
}

static void test_refusals(void **state)
{
	struct fx *f = *state;
	cli_run_expect(maca(f->chair, f, "export", "pack", "1", NULL), 2, NULL, "--agency");
	cli_run_expect(
	    maca(f->chair, f, "export", "pack", "1", "--agency", "probation", "-o", f->pack, NULL),
	    1, NULL, "agency 'probation' is not taking part");
	cli_run_expect(maca(f->chair, f, "import", NULL), 2, NULL, "import needs FILE");
	char *missing = str_fmt("%s/nope.maca", f->dir);
	cli_run_expect(maca(f->chair, f, "import", missing, NULL), 1, NULL, "nope.maca");
	free(missing);
	/* Not a pack: the message names the file. */
	char *junk = tu_write(f->dir, "junk.maca", "this is not a return\n");
	struct cli_run r = maca(f->chair, f, "import", junk, NULL);
	assert_int_equal(r.status, 1);
	char *want = str_fmt("maca: %s: not a maca pack or return", junk);
	assert_non_null(strstr(r.err, want));
	free(want);
	cli_run_free(&r);
	/* The chair's own database is not a return either. */
	cli_run_expect(maca(f->chair, f, "show", f->chair, NULL), 1, NULL,
		       "an SQLite file, but not a maca pack or return");
	free(junk);
}

/* Hands maca a passphrase on a pipe through MACA_PASSPHRASE_FD; returns the fd to close. */
static int passphrase_pipe(const char *pass)
{
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(write(fds[1], pass, strlen(pass)), (ssize_t)strlen(pass));
	assert_int_equal(write(fds[1], "\n", 1), 1);
	close(fds[1]);
	char num[16];
	snprintf(num, sizeof num, "%d", fds[0]);
	setenv("MACA_PASSPHRASE_FD", num, 1);
	return fds[0];
}

static struct cli_run with_passphrase(const char *pass, const char *db, struct fx *f,
				      const char *cmd, const char *file)
{
	int fd = passphrase_pipe(pass);
	struct cli_run r = maca(db, f, cmd, file, NULL);
	close(fd);
	unsetenv("MACA_PASSPHRASE_FD");
	return r;
}

/* An encrypted return: sealed on disk, refused with a wrong passphrase or one changed byte
 * (nothing imported), taken in with the right one. */
static void test_encrypted(void **state)
{
	struct fx *f = *state;
	make_return(f, "good", "PLAINTEXT-MARKER evidence");
	char *sealed = str_fmt("%s/sealed.maca", f->dir);
	int fd = passphrase_pipe("plenty unusual otter hammock");
	cli_run_expect(maca(f->agency, f, "export", "return", "1", "--agency", "police", "-o",
			    sealed, "--encrypt", NULL),
		       0, sealed, NULL);
	close(fd);
	unsetenv("MACA_PASSPHRASE_FD");
	expect_mode_0600(sealed);
	size_t len;
	char *bytes = tu_read(sealed, &len);
	assert_non_null(bytes);
	assert_memory_equal(bytes, "MACASEAL", 8);
	assert_null(memmem(bytes, len, "PLAINTEXT-MARKER", 16));
	/* No temporary file was left beside it either. */
	DIR *d = opendir(f->dir);
	assert_non_null(d);
	for (struct dirent *e; (e = readdir(d));)
		assert_null(strstr(e->d_name, ".tmp"));
	closedir(d);

	cli_run_expect(with_passphrase("wrong horse", f->chair, f, "import", sealed), 1, NULL,
		       "wrong passphrase, or the file was changed");
	bytes[len / 2] ^= 0x01;
	char *tampered = str_fmt("%s/tampered.maca", f->dir);
	FILE *out = fopen(tampered, "wb");
	assert_non_null(out);
	assert_int_equal(fwrite(bytes, 1, len, out), len);
	fclose(out);
	cli_run_expect(
	    with_passphrase("plenty unusual otter hammock", f->chair, f, "import", tampered), 1,
	    NULL, "wrong passphrase, or the file was changed");
	/* Neither wrote anything: the right passphrase now adds the answer. */
	cli_run_expect(
	    with_passphrase("plenty unusual otter hammock", f->chair, f, "import", sealed), 0,
	    "1 added, 0 changed, 0 unchanged", NULL);
	free(tampered);
	free(bytes);
	free(sealed);
}

/* Sealing refuses a weak passphrase from MACA_PASSPHRASE_FD (nothing written) and takes a
 * generated one; a file already sealed under a weak passphrase still opens with it. */
static void test_weak_passphrase_refused_for_sealing_only(void **state)
{
	struct fx *f = *state;
	make_return(f, "good", "Seen.");
	char *sealed = str_fmt("%s/sealed.maca", f->dir);
	const char *weak[] = {"a", "police2026", "CLI returns 1"};
	for (size_t i = 0; i < sizeof weak / sizeof weak[0]; i++) {
		int fd = passphrase_pipe(weak[i]);
		cli_run_expect(maca(f->agency, f, "export", "return", "1", "--agency", "police",
				    "-o", sealed, "--encrypt", NULL),
			       1, "", "the passphrase is too weak");
		close(fd);
		unsetenv("MACA_PASSPHRASE_FD");
		assert_int_equal(access(sealed, F_OK), -1);
	}
	char *generated = NULL;
	size_t glen = 0;
	struct maca_err err = {0};
	assert_int_equal(passphrase_generate(&generated, &glen, &err), MACA_OK);
	int fd = passphrase_pipe(generated);
	cli_run_expect(maca(f->agency, f, "export", "return", "1", "--agency", "police", "-o",
			    sealed, "--encrypt", NULL),
		       0, sealed, NULL);
	close(fd);
	unsetenv("MACA_PASSPHRASE_FD");
	cli_run_expect(with_passphrase(generated, f->chair, f, "show", sealed), 0, "format", NULL);
	sodium_free(generated);

	/* A return sealed under "a" (as an older maca allowed) opens and imports with "a". */
	size_t len;
	char *plain = tu_read(f->ret, &len);
	assert_non_null(plain);
	unsigned char *out = NULL;
	size_t outlen = 0;
	assert_int_equal(
	    sealed_seal((const unsigned char *)plain, len, "a", 1, &out, &outlen, &err), MACA_OK);
	char *old = str_fmt("%s/weak-old.maca", f->dir);
	FILE *fp = fopen(old, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(out, 1, outlen, fp), outlen);
	fclose(fp);
	cli_run_expect(with_passphrase("a", f->chair, f, "import", old), 0, "1 added", NULL);
	free(out);
	free(plain);
	free(old);
	free(sealed);
}

/* Saves an answer for the case with reference ref. */
static void answer_case(const char *db, const char *ref, const char *agency, const char *q,
			const char *value, const char *evidence)
{
	struct store *st;
	struct maca_err err = {0};
	assert_int_equal(store_open(db, &st, &err), 0);
	struct case_info *cases;
	size_t n;
	assert_int_equal(store_case_list(st, 1, &cases, &n, &err), 0);
	int64_t id = 0;
	for (size_t i = 0; i < n; i++)
		if (strcmp(cases[i].reference, ref) == 0)
			id = cases[i].id;
	assert_true(id > 0);
	assert_int_equal(store_answer_save(st, id, agency, q, value, evidence, &err), 0);
	case_info_list_free(cases, n);
	store_close(st);
}

static void file_checksum(const char *path, char sum[65])
{
	size_t len;
	char *bytes = tu_read(path, &len);
	assert_non_null(bytes);
	return_checksum((const unsigned char *)bytes, len, sum);
	free(bytes);
}

/* Done when: two agencies' returns, prepared in two separate databases (one encrypted), merge
 * into the chair's audit with every answer and history row accounted for. */
static void test_two_agencies_one_encrypted(void **state)
{
	struct fx *f = *state;
	char *chair = str_fmt("%s/chair2.db", f->dir), *health = str_fmt("%s/health.db", f->dir);
	char *ppack = str_fmt("%s/p.maca", f->dir), *hpack = str_fmt("%s/h.maca", f->dir);
	char *pret = str_fmt("%s/pr.maca", f->dir), *hret = str_fmt("%s/hr.maca", f->dir);
	cli_run_expect(maca(chair, f, "new", "domestic-abuse", "Done when", "--agencies",
			    "police,health", NULL),
		       0, "1\n", NULL);
	cli_run_expect(maca(chair, f, "case", "add", "1", "Child A", NULL), 0, NULL, NULL);
	cli_run_expect(maca(chair, f, "case", "add", "1", "Child B", NULL), 0, NULL, NULL);
	cli_run_expect(
	    maca(chair, f, "export", "pack", "1", "--agency", "police", "-o", ppack, NULL), 0, NULL,
	    NULL);
	cli_run_expect(
	    maca(chair, f, "export", "pack", "1", "--agency", "health", "-o", hpack, NULL), 0, NULL,
	    NULL);
	cli_run_expect(maca(f->agency, f, "import", ppack, NULL), 0, NULL, NULL);
	cli_run_expect(maca(health, f, "import", hpack, NULL), 0, NULL, NULL);
	const char *ev = "Line one\r\nline two\n\n\tindented — naïve 💡\n";
	answer_case(f->agency, "Child A", "police", "identification-recognised", "good", ev);
	answer_case(f->agency, "Child B", "police", "identification-referral", "inadequate", "");
	answer_case(health, "Child A", "health", "identification-recognised", "outstanding", ev);
	cli_run_expect(
	    maca(f->agency, f, "export", "return", "1", "--agency", "police", "-o", pret, NULL), 0,
	    NULL, NULL);
	int fd = passphrase_pipe("health visitor kettle umbrella lighthouse");
	cli_run_expect(maca(health, f, "export", "return", "1", "--agency", "health", "-o", hret,
			    "--encrypt", NULL),
		       0, NULL, NULL);
	close(fd);
	unsetenv("MACA_PASSPHRASE_FD");

	cli_run_expect(maca(chair, f, "import", pret, NULL), 0, "2 added, 0 changed", NULL);
	cli_run_expect(
	    with_passphrase("health visitor kettle umbrella lighthouse", chair, f, "import", hret),
	    0, "1 added, 0 changed", NULL);

	struct store *st;
	struct maca_err err = {0};
	assert_int_equal(store_open(chair, &st, &err), 0);
	struct case_info *cases;
	size_t n, total = 0;
	assert_int_equal(store_case_list(st, 1, &cases, &n, &err), 0);
	for (size_t i = 0; i < n; i++) {
		struct answer_row *rows;
		size_t nrows;
		assert_int_equal(store_case_answers(st, cases[i].id, &rows, &nrows, &err), 0);
		for (size_t j = 0; j < nrows; j++) {
			bool b = strcmp(cases[i].reference, "Child B") == 0;
			bool h = strcmp(rows[j].agency, "health") == 0;
			assert_string_equal(rows[j].value, b   ? "inadequate"
							   : h ? "outstanding"
							       : "good");
			assert_string_equal(rows[j].evidence, b ? "" : ev);
		}
		total += nrows;
		answer_rows_free(rows, nrows);
	}
	case_info_list_free(cases, n);
	assert_int_equal(total, 3);
	char psum[65], hsum[65];
	file_checksum(pret, psum);
	file_checksum(hret, hsum);
	struct history_row *h;
	assert_int_equal(store_history_list(st, 1, &h, &n, &err), 0);
	size_t from_police = 0, from_health = 0;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(h[i].source, "return from police") == 0) {
			from_police++;
			assert_string_equal(h[i].checksum, psum);
		} else if (strcmp(h[i].source, "return from health") == 0) {
			from_health++;
			assert_string_equal(h[i].checksum, hsum);
		} else {
			assert_null(h[i].checksum);
		}
	}
	/* police: A's grade and evidence, B's grade; health: A's grade and evidence. */
	assert_int_equal(from_police, 3);
	assert_int_equal(from_health, 2);
	history_list_free(h, n);
	store_close(st);
	free(chair);
	free(health);
	free(ppack);
	free(hpack);
	free(pret);
	free(hret);
}

/* Runs sql on a pack or return file in place, as someone editing it with sqlite3 would. */
static void edit_file(const char *path, const char *sql)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
	sqlite3_close(db);
}

static long long count_in(const char *db, const char *sql)
{
	sqlite3 *raw;
	assert_int_equal(sqlite3_open(db, &raw), SQLITE_OK);
	sqlite3_stmt *stmt;
	assert_int_equal(sqlite3_prepare_v2(raw, sql, -1, &stmt, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	long long n = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	sqlite3_close(raw);
	return n;
}

static char *copy_file(struct fx *f, const char *from, const char *name)
{
	size_t len;
	char *bytes = tu_read(from, &len);
	assert_non_null(bytes);
	char *to = str_fmt("%s/%s", f->dir, name);
	FILE *fp = fopen(to, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(bytes, 1, len, fp), len);
	fclose(fp);
	free(bytes);
	return to;
}

/* csc's return, answered in its own database, with its agency changed to police is refused,
 * token or none; csc's own is taken. Nothing is written by a refusal. */
static void test_relabelled_return_refused(void **state)
{
	struct fx *f = *state;
	char *health = str_fmt("%s/health.db", f->dir), *hpack = str_fmt("%s/h.maca", f->dir);
	char *hret = str_fmt("%s/hr.maca", f->dir);
	cli_run_expect(
	    maca(f->chair, f, "export", "pack", "1", "--agency", "csc", "-o", hpack, NULL), 0, NULL,
	    NULL);
	/* police gets a pack too, so the chair holds a token for police. */
	cli_run_expect(
	    maca(f->chair, f, "export", "pack", "1", "--agency", "police", "-o", f->pack, NULL), 0,
	    NULL, NULL);
	cli_run_expect(maca(health, f, "import", hpack, NULL), 0, NULL, NULL);
	answer(health, "csc", "identification-recognised", "outstanding", "Seen at home.");
	cli_run_expect(
	    maca(health, f, "export", "return", "1", "--agency", "csc", "-o", hret, NULL), 0, NULL,
	    NULL);

	char *relabelled = copy_file(f, hret, "relabelled.maca");
	edit_file(relabelled, "UPDATE meta SET agency_code = 'police', agency_name = 'Police'");
	cli_run_expect(maca(f->chair, f, "import", relabelled, NULL), 1, "",
		       "this return says it is from police, but it does not answer the pack sent "
		       "to police");
	char *stripped = copy_file(f, relabelled, "stripped.maca");
	edit_file(stripped, "UPDATE meta SET agency_token = ''");
	cli_run_expect(maca(f->chair, f, "import", stripped, NULL), 1, "",
		       "this return from police carries no pack token, but the pack sent to "
		       "police on ");
	assert_int_equal(count_in(f->chair, "SELECT count(*) FROM answer"), 0);
	assert_int_equal(count_in(f->chair, "SELECT count(*) FROM history WHERE field = 'answer'"),
			 0);
	/* The genuine one goes in, as csc's. */
	cli_run_expect(maca(f->chair, f, "import", hret, NULL), 0,
		       "Return from csc into audit 1 (CLI returns): 1 added", NULL);
	assert_int_equal(count_in(f->chair, "SELECT count(*) FROM answer a JOIN agency g ON "
					    "g.id = a.agency_id WHERE g.code = 'csc'"),
			 1);
	free(relabelled);
	free(stripped);
	free(health);
	free(hpack);
	free(hret);
}

/* A pack issued again for the same agency carries the same token: a return answering either
 * is taken. The chair's database remembers one token per agency and audit. */
static void test_reissued_pack_keeps_token(void **state)
{
	struct fx *f = *state;
	char *again = str_fmt("%s/again.maca", f->dir), *other = str_fmt("%s/other.db", f->dir);
	make_return(f, "good", "First.");
	cli_run_expect(
	    maca(f->chair, f, "export", "pack", "1", "--agency", "police", "-o", again, NULL), 0,
	    NULL, NULL);
	assert_int_equal(count_in(f->chair, "SELECT count(*) FROM pack_token"), 1);
	struct cli_run a = maca(f->chair, f, "show", f->pack, NULL);
	struct cli_run b = maca(f->chair, f, "show", again, NULL);
	const char *ta = strstr(a.out, "Token:     "), *tb = strstr(b.out, "Token:     ");
	assert_non_null(ta);
	assert_non_null(tb);
	assert_memory_equal(ta, tb, 19);
	assert_null(strstr(ta, "none"));
	cli_run_free(&a);
	cli_run_free(&b);
	/* The return answering the older pack is taken. */
	cli_run_expect(maca(f->chair, f, "import", f->ret, NULL), 0, "1 added", NULL);
	/* So is one answering the newer, from another copy of maca. */
	cli_run_expect(maca(other, f, "import", again, NULL), 0, NULL, NULL);
	answer(other, "police", "identification-referral", "good", "Second.");
	char *ret2 = str_fmt("%s/ret2.maca", f->dir);
	cli_run_expect(
	    maca(other, f, "export", "return", "1", "--agency", "police", "-o", ret2, NULL), 0,
	    NULL, NULL);
	cli_run_expect(maca(f->chair, f, "import", ret2, NULL), 0, "1 added", NULL);
	free(ret2);
	free(again);
	free(other);
}

/* Packs of format 1, from before tokens: still read, and their returns (no token) taken
 * while the chair holds no token for that agency. Once the chair issues one (a new pack),
 * a tokenless return is refused until the agency imports the new pack, which gives its maca
 * the token and keeps its answers. */
static void test_format_1_pack_and_its_returns(void **state)
{
	struct fx *f = *state;
	cli_run_expect(
	    maca(f->chair, f, "export", "pack", "1", "--agency", "police", "-o", f->pack, NULL), 0,
	    NULL, NULL);
	/* As an older maca wrote it: no token in the file, none remembered by the chair. */
	edit_file(f->pack, "ALTER TABLE meta DROP COLUMN agency_token; UPDATE meta SET format = 1; "
			   "PRAGMA user_version = 1");
	edit_file(f->chair, "DELETE FROM pack_token");
	cli_run_expect(maca(f->chair, f, "show", f->pack, NULL), 0, "maca pack, format 1", NULL);
	cli_run_expect(maca(f->agency, f, "import", f->pack, NULL), 0, "Pack for police", NULL);
	answer(f->agency, "police", "identification-recognised", "good", "Seen.");
	cli_run_expect(
	    maca(f->agency, f, "export", "return", "1", "--agency", "police", "-o", f->ret, NULL),
	    0, NULL, NULL);
	cli_run_expect(maca(f->chair, f, "import", f->ret, NULL), 0, "1 added", NULL);

	/* The chair sends police a new pack: from now on police's returns must carry its token. */
	char *pack2 = str_fmt("%s/pack2.maca", f->dir);
	cli_run_expect(
	    maca(f->chair, f, "export", "pack", "1", "--agency", "police", "-o", pack2, NULL), 0,
	    NULL, NULL);
	answer(f->agency, "police", "identification-referral", "good", "Referred.");
	cli_run_expect(maca(f->agency, f, "export", "return", "1", "--agency", "police", "-o",
			    f->ret, "--force", NULL),
		       0, NULL, NULL);
	cli_run_expect(maca(f->chair, f, "import", f->ret, NULL), 1, "",
		       "Send police a new pack (maca export pack 1 --agency police)");
	cli_run_expect(maca(f->agency, f, "import", pack2, NULL), 0,
		       "Pack for police: audit 1 is already here; its token was taken", NULL);
	/* Only the token: the agency's answers are as they were. */
	assert_int_equal(count_in(f->agency, "SELECT count(*) FROM answer"), 2);
	cli_run_expect(maca(f->agency, f, "import", pack2, NULL), 1, NULL,
		       "already in this database");
	cli_run_expect(maca(f->agency, f, "export", "return", "1", "--agency", "police", "-o",
			    f->ret, "--force", NULL),
		       0, NULL, NULL);
	cli_run_expect(maca(f->chair, f, "import", f->ret, NULL), 0,
		       "1 added, 0 changed, 1 unchanged", NULL);
	free(pack2);
}

/* A text answer is printed in the list of changes: a C1 control in it (U+009B is CSI) must not
 * reach the terminal, any more than ESC does. */
static void test_changes_printed_safely(void **state)
{
	struct fx *f = *state;
	cli_run_expect(
	    maca(f->chair, f, "export", "pack", "1", "--agency", "police", "-o", f->pack, NULL), 0,
	    f->pack, NULL);
	cli_run_expect(maca(f->agency, f, "import", f->pack, NULL), 0, NULL, NULL);
	answer(f->agency, "police", "protection-difference",
	       "Safer \xc2\x9b"
	       "2J \x1b[2J now",
	       "");
	cli_run_expect(
	    maca(f->agency, f, "export", "return", "1", "--agency", "police", "-o", f->ret, NULL),
	    0, f->ret, NULL);
	answer(f->chair, "police", "protection-difference", "Before", "");
	struct cli_run r = maca(f->chair, f, "import", f->ret, NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "protection-difference: Before -> Safer ?2J ?[2J now"));
	assert_null(strstr(r.err, "\xc2\x9b"));
	assert_null(strstr(r.err, "\x1b"));
	cli_run_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_changes_need_replace, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_changes_printed_safely, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_unevidenced_answers_said, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_show, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_encrypted, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_two_agencies_one_encrypted, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_weak_passphrase_refused_for_sealing_only, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_relabelled_return_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_reissued_pack_keeps_token, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_format_1_pack_and_its_returns, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
