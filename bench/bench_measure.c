/* The measurements: each goes through the code maca itself runs (store, ui, tui drawing,
 * briefing, CSV), and the bare SELECTs beside them read the same rows with nothing else. */
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"
#include "briefing.h"
#include "export_csv.h"
#include "sbuf.h"
#include "tui.h"
#include "ui.h"

#define FRAME_RUNS 5
#define MODERATION_RUNS 20
#define EXPORT_RUNS 7

static int compare_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The value at fraction p of the sorted samples (0.5: median, 0.99: 99th percentile). */
static double percentile(double *v, size_t n, double p)
{
	qsort(v, n, sizeof *v, compare_double);
	size_t i = (size_t)(p * (double)n + 0.999999);
	return v[i == 0 ? 0 : (i > n ? n - 1 : i - 1)];
}

/* A terminal on /dev/null, 40 rows by 120 columns, as the headless tests make. */
struct null_term {
	FILE *out, *in;
	SCREEN *screen;
};

static int term_open(struct null_term *t, struct maca_err *err)
{
	t->out = fopen("/dev/null", "w");
	t->in = fopen("/dev/null", "r");
	t->screen = t->out && t->in ? newterm("xterm-256color", t->out, t->in) : NULL;
	if (!t->screen) {
		if (t->out)
			fclose(t->out);
		if (t->in)
			fclose(t->in);
		return err_set(err, MACA_EIO, "cannot make a terminal on /dev/null");
	}
	set_term(t->screen);
	resizeterm(40, 120);
	return MACA_OK;
}

static void term_close(struct null_term *t)
{
	endwin();
	delscreen(t->screen);
	fclose(t->out);
	fclose(t->in);
}

/* Open and first frame, as starting maca does: the store, the home screen's data, the
 * terminal and a full frame. Then Enter on the largest audit: its overview, drawn. */
static int measure_frames(const char *path, const struct bench_db *db, struct bench_result *r,
			  struct maca_err *err)
{
	double runs[FRAME_RUNS], overview[FRAME_RUNS];
	for (int i = 0; i < FRAME_RUNS; i++) {
		double t0 = bench_now_ms();
		struct store *st = NULL;
		struct ui ui;
		struct null_term term;
		memset(&ui, 0, sizeof ui);
		if (store_open(path, &st, err))
			return err->status;
		if (ui_init(&ui, st, err) || term_open(&term, err)) {
			ui_free(&ui);
			store_close(st);
			return err->status;
		}
		tui_draw_frame(&ui);
		runs[i] = bench_now_ms() - t0;
		int rc = MACA_OK;
		{
			size_t at = 0;
			while (at < ui.home.naudits && ui.home.audits[at].id != db->largest_audit)
				at++;
			ui.home.selected = at;
			t0 = bench_now_ms();
			ui_key(&ui, UI_KEY_ENTER);
			tui_draw_frame(&ui);
			overview[i] = bench_now_ms() - t0;
			if (ui_screen(&ui) != UI_SCREEN_OVERVIEW)
				rc = err_set(err, MACA_EUSER,
					     "Enter on the home screen did not "
					     "open the audit's overview: %s",
					     ui.status ? ui.status : "no message");
		}
		term_close(&term);
		ui_free(&ui);
		store_close(st);
		if (rc)
			return rc;
	}
	r->frame_first = runs[0];
	r->frame_median = percentile(runs, FRAME_RUNS, 0.5);
	r->overview = percentile(overview, FRAME_RUNS, 0.5);
	return MACA_OK;
}

static int first_case(struct store *st, int64_t audit_id, struct case_info **cases, size_t *n,
		      struct maca_err *err)
{
	if (store_case_list(st, audit_id, cases, n, err))
		return err->status;
	if (*n == 0)
		return err_set(err, MACA_EUSER, "the largest audit has no cases");
	return MACA_OK;
}

/* Saves of one answer through the store, each its own transaction at synchronous=FULL (as
 * store_open sets it). Every save changes the evidence, so every one writes. */
static int measure_saves(struct store *st, const struct bench_db *db, int saves,
			 struct bench_result *r, struct maca_err *err)
{
	struct case_info *cases;
	size_t ncases;
	if (first_case(st, db->largest_audit, &cases, &ncases, err))
		return err->status;
	double *v = calloc((size_t)saves, sizeof *v);
	if (!v) {
		case_info_list_free(cases, ncases);
		return err_set(err, MACA_ENOMEM, "out of memory");
	}
	int rc = MACA_OK;
	for (int i = 0; i < saves && !rc; i++) {
		char qid[16], evidence[64];
		snprintf(qid, sizeof qid, "q%03d", 1 + i % 8);
		snprintf(evidence, sizeof evidence, "Evidence written at save %d.", i);
		double t0 = bench_now_ms();
		rc =
		    store_answer_save(st, cases[(size_t)i % ncases].id, "agency-1", qid,
				      i % 2 ? "inadequate" : "requires-improvement", evidence, err);
		v[i] = bench_now_ms() - t0;
	}
	if (!rc) {
		r->saves = saves;
		r->save_median = percentile(v, (size_t)saves, 0.5);
		r->save_p99 = percentile(v, (size_t)saves, 0.99);
	}
	free(v);
	case_info_list_free(cases, ncases);
	return rc;
}

/* The disk's own part of a save: a small write made durable with fdatasync, as SQLite makes
 * each commit to the write-ahead log durable at synchronous=FULL. */
static int measure_fsync(const char *path, int count, struct bench_result *r, struct maca_err *err)
{
	char *file = str_fmt("%s.fsync-probe", path);
	double *v = calloc((size_t)count, sizeof *v);
	int fd = file ? open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600) : -1;
	int rc = fd < 0 || !v ? err_set(err, MACA_EIO, "cannot make the fsync probe file") : 0;
	char block[4096];
	memset(block, 'x', sizeof block);
	for (int i = 0; i < count && !rc; i++) {
		double t0 = bench_now_ms();
		if (pwrite(fd, block, sizeof block, (off_t)(i % 64) * 4096) !=
			(ssize_t)sizeof block ||
		    fdatasync(fd) != 0)
			rc = err_set(err, MACA_EIO, "fsync probe: %s", strerror(errno));
		v[i] = bench_now_ms() - t0;
	}
	if (!rc) {
		r->fsync_median = percentile(v, (size_t)count, 0.5);
		r->fsync_p99 = percentile(v, (size_t)count, 0.99);
	}
	if (fd >= 0)
		close(fd);
	if (file)
		unlink(file);
	free(file);
	free(v);
	return rc;
}

/* Opening the moderation screen on one case: the queries ui_moderate_open runs. */
static int measure_moderation(struct store *st, const struct bench_db *db, struct bench_result *r,
			      struct maca_err *err)
{
	double v[MODERATION_RUNS];
	for (int i = 0; i < MODERATION_RUNS; i++) {
		struct ui_moderate um;
		memset(&um, 0, sizeof um);
		double t0 = bench_now_ms();
		int rc = ui_moderate_open(&um, st, db->largest_audit, (size_t)i, 0, err);
		v[i] = bench_now_ms() - t0;
		if (!rc && um.nanswers == 0)
			rc = err_set(err, MACA_EUSER, "the moderation view found no answers");
		ui_moderate_free(&um);
		if (rc)
			return rc;
	}
	r->moderations = MODERATION_RUNS;
	r->moderate_median = percentile(v, MODERATION_RUNS, 0.5);
	r->moderate_max = percentile(v, MODERATION_RUNS, 1.0);
	return MACA_OK;
}

/* Steps through every row of sql (bound to the audit), reading every column as text. */
static int bare_select(sqlite3 *db, const char *sql, int64_t audit_id, double *wall, double *cpu,
		       struct maca_err *err)
{
	double t0 = bench_now_ms(), c0 = bench_cpu_ms();
	sqlite3_stmt *stmt;
	if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
		return err_set(err, MACA_EDB, "bare SELECT: %s", sqlite3_errmsg(db));
	sqlite3_bind_int64(stmt, 1, audit_id);
	size_t bytes = 0;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		for (int c = 0; c < sqlite3_column_count(stmt); c++)
			if (sqlite3_column_text(stmt, c))
				bytes += (size_t)sqlite3_column_bytes(stmt, c);
	sqlite3_finalize(stmt);
	*wall = bench_now_ms() - t0;
	*cpu = bench_cpu_ms() - c0;
	if (rc != SQLITE_DONE)
		return err_set(err, MACA_EDB, "bare SELECT: %s", sqlite3_errmsg(db));
	return bytes > 0 ? MACA_OK : err_set(err, MACA_EUSER, "bare SELECT read nothing");
}

/* What the briefing reads per case (the cases and their agreed grades), and what the CSV
 * export reads (every answer with its case, agency and agreed grade). */
static const char briefing_rows[] =
    "SELECT c.reference, g.question_id, g.grade, g.rationale FROM audit_case c "
    "JOIN agreed_grade g ON g.case_id = c.id WHERE c.audit_id = ?1 ORDER BY c.position";
static const char csv_rows[] =
    "SELECT c.reference, ag.code, w.question_id, w.value, w.evidence, g.grade, g.rationale "
    "FROM answer w JOIN audit_case c ON c.id = w.case_id JOIN agency ag ON ag.id = w.agency_id "
    "LEFT JOIN agreed_grade g ON g.case_id = w.case_id AND g.question_id = w.question_id "
    "WHERE c.audit_id = ?1 ORDER BY c.position, ag.position";

/* Wall-clock and CPU times of each run, for the median of each. */
struct timings {
	double wall[EXPORT_RUNS], cpu[EXPORT_RUNS];
};

static void median_of(struct timings *t, double *wall, double *cpu)
{
	*wall = percentile(t->wall, EXPORT_RUNS, 0.5);
	*cpu = percentile(t->cpu, EXPORT_RUNS, 0.5);
}

static int measure_exports(struct store *st, const char *path, const struct bench_db *db,
			   struct bench_result *r, struct maca_err *err)
{
	struct timings brief, bsel, csv, csel;
	sqlite3 *raw = NULL;
	if (sqlite3_open_v2(path, &raw, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		sqlite3_close(raw);
		return err_set(err, MACA_EDB, "opening %s for the bare SELECTs", path);
	}
	int rc = MACA_OK;
	for (int i = 0; i < EXPORT_RUNS && !rc; i++) {
		struct briefing_options opt = {0};
		struct disclosure_list found = {0};
		char *out = NULL;
		double t0 = bench_now_ms(), c0 = bench_cpu_ms();
		rc = briefing_write(st, db->largest_audit, &opt, &out, &found, err);
		brief.wall[i] = bench_now_ms() - t0;
		brief.cpu[i] = bench_cpu_ms() - c0;
		r->briefing_bytes = out ? strlen(out) : 0;
		free(out);
		disclosure_list_free(&found);
		if (!rc)
			rc = bare_select(raw, briefing_rows, db->largest_audit, &bsel.wall[i],
					 &bsel.cpu[i], err);
		if (rc)
			break;
		t0 = bench_now_ms(), c0 = bench_cpu_ms();
		rc = export_csv(st, db->largest_audit, false, &out, err);
		csv.wall[i] = bench_now_ms() - t0;
		csv.cpu[i] = bench_cpu_ms() - c0;
		r->csv_bytes = out ? strlen(out) : 0;
		free(out);
		if (!rc)
			rc = bare_select(raw, csv_rows, db->largest_audit, &csel.wall[i],
					 &csel.cpu[i], err);
	}
	sqlite3_close(raw);
	if (rc)
		return rc;
	median_of(&brief, &r->briefing, &r->briefing_cpu);
	median_of(&bsel, &r->briefing_select, &r->briefing_select_cpu);
	median_of(&csv, &r->csv, &r->csv_cpu);
	median_of(&csel, &r->csv_select, &r->csv_select_cpu);
	return MACA_OK;
}

int bench_measure(const char *path, const struct bench_db *db, int saves, struct bench_result *r,
		  struct maca_err *err)
{
	*r = (struct bench_result){0};
	setlocale(LC_ALL, "");
	int rc = measure_frames(path, db, r, err);
	struct store *st = NULL;
	if (!rc)
		rc = store_open(path, &st, err);
	if (!rc)
		rc = store_set_origin(st, "bench", "keyboard", err);
	if (!rc)
		rc = measure_moderation(st, db, r, err);
	if (!rc)
		rc = measure_exports(st, path, db, r, err);
	/* The saves come last: they change the database the other figures read. */
	if (!rc)
		rc = measure_saves(st, db, saves, r, err);
	if (!rc)
		rc = measure_fsync(path, saves, r, err);
	/* The import of a return, then the peak memory (taken inside, before the sealed file
	 * is opened: Argon2id alone allocates SEALED_MEMLIMIT by design). */
	if (!rc)
		rc = bench_measure_import(st, path, db, r, err);
	store_close(st);
	if (!rc)
		rc = bench_measure_sealed(path, r, err);
	return rc;
}
