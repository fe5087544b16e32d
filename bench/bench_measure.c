/* The measurements: each goes through the code maca itself runs (store, ui, tui drawing,
 * briefing, CSV), and the bare baselines beside them (bench_bare.c) do the same work with
 * plain sqlite3 calls in a worker process. */
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "backup.h"
#include "bench.h"
#include "briefing.h"
#include "export_csv.h"
#include "sbuf.h"
#include "tui.h"
#include "ui.h"

/* Runs of each (medians are reported): enough for a median that one busy moment on a shared
 * machine does not move. */
#define FRAME_RUNS 11
#define MODERATION_RUNS 20
#define EXPORT_RUNS 15
/* Saves go in blocks, maca's and the baseline's in turn: a connection's page cache is
 * dropped when another connection wrote, so each block's first save pays to read its pages
 * again, and blocks keep that a small share of both. */
#define SAVE_BLOCK 50

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
	double runs[FRAME_RUNS], cpu[FRAME_RUNS], overview[FRAME_RUNS];
	for (int i = 0; i < FRAME_RUNS; i++) {
		double t0 = bench_now_ms(), c0 = bench_cpu_ms();
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
		cpu[i] = bench_cpu_ms() - c0;
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
	r->frame_runs = FRAME_RUNS;
	r->frame_first = runs[0];
	r->frame_median = bench_percentile(runs, FRAME_RUNS, 0.5);
	r->frame_cpu_median = bench_percentile(cpu, FRAME_RUNS, 0.5);
	r->overview = bench_percentile(overview, FRAME_RUNS, 0.5);
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
 * store_open sets it), beside the same saves done bare (bench_bare_sql.c), in blocks taken
 * in turn. First, untimed, every (case, question) pair of the sequence is given its value,
 * so each timed save changes the evidence only: one upsert and one history row, for both. */
static int measure_saves(struct store *st, struct bench_bare *bare, const struct bench_db *db,
			 int saves, struct bench_result *r, struct maca_err *err)
{
	struct case_info *cases;
	size_t ncases;
	if (first_case(st, db->largest_audit, &cases, &ncases, err))
		return err->status;
	int64_t *ids = calloc(ncases, sizeof *ids);
	double *v = calloc((size_t)saves, sizeof *v), *w = calloc((size_t)saves, sizeof *w);
	int rc = ids && v && w ? MACA_OK : err_set(err, MACA_ENOMEM, "out of memory");
	for (size_t i = 0; ids && i < ncases; i++)
		ids[i] = cases[i].id;
	int period = bench_save_period(ncases);
	struct bench_save s;
	for (int i = 0; !rc && i < period; i++) {
		bench_save_target(ids, ncases, i, false, &s);
		rc = store_answer_save(st, s.case_id, BENCH_SAVE_AGENCY, s.question, s.value,
				       s.evidence, err);
	}
	double cpu = 0, bare_cpu = 0;
	for (int at = 0; !rc && at < saves; at += SAVE_BLOCK) {
		int n = saves - at < SAVE_BLOCK ? saves - at : SAVE_BLOCK;
		double c0 = bench_cpu_ms(), block_cpu;
		for (int k = 0; !rc && k < n; k++) {
			bench_save_target(ids, ncases, period + at + k, false, &s);
			double t0 = bench_now_ms();
			rc = store_answer_save(st, s.case_id, BENCH_SAVE_AGENCY, s.question,
					       s.value, s.evidence, err);
			v[at + k] = bench_now_ms() - t0;
		}
		cpu += bench_cpu_ms() - c0;
		if (!rc)
			rc = bench_bare_saves(bare, period + at, n, &w[at], &block_cpu, err);
		bare_cpu += block_cpu;
	}
	if (!rc) {
		r->save =
		    (struct bench_pair){saves, bench_percentile(v, (size_t)saves, 0.5), cpu / saves,
					bench_percentile(w, (size_t)saves, 0.5), bare_cpu / saves};
		r->save_p99 = bench_percentile(v, (size_t)saves, 0.99);
		r->bare_save_p99 = bench_percentile(w, (size_t)saves, 0.99);
	}
	free(v);
	free(w);
	free(ids);
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
		r->fsync_median = bench_percentile(v, (size_t)count, 0.5);
		r->fsync_p99 = bench_percentile(v, (size_t)count, 0.99);
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
	r->moderate_median = bench_percentile(v, MODERATION_RUNS, 0.5);
	r->moderate_max = bench_percentile(v, MODERATION_RUNS, 1.0);
	return MACA_OK;
}

/* Wall-clock and CPU times of each run, for the median of each. */
struct timings {
	double wall[EXPORT_RUNS], cpu[EXPORT_RUNS];
};

static void median_of(struct timings *t, double *wall, double *cpu)
{
	*wall = bench_percentile(t->wall, EXPORT_RUNS, 0.5);
	*cpu = bench_percentile(t->cpu, EXPORT_RUNS, 0.5);
}

static void pair_of(struct timings *maca, struct timings *bare, struct bench_pair *p)
{
	p->runs = EXPORT_RUNS;
	median_of(maca, &p->wall, &p->cpu);
	median_of(bare, &p->bare_wall, &p->bare_cpu);
}

/* The briefing and the CSV export of the largest audit, each run followed by its bare reads
 * in the worker. */
static int measure_exports(struct store *st, struct bench_bare *bare, const struct bench_db *db,
			   struct bench_result *r, struct maca_err *err)
{
	struct timings brief, bsel, csv, csel;
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
			rc = bench_bare_briefing(bare, &bsel.wall[i], &bsel.cpu[i], err);
		if (rc)
			break;
		t0 = bench_now_ms(), c0 = bench_cpu_ms();
		rc = export_csv(st, db->largest_audit, false, &out, err);
		csv.wall[i] = bench_now_ms() - t0;
		csv.cpu[i] = bench_cpu_ms() - c0;
		r->csv_bytes = out ? strlen(out) : 0;
		free(out);
		if (!rc)
			rc = bench_bare_csv(bare, &csel.wall[i], &csel.cpu[i], err);
	}
	if (rc)
		return rc;
	pair_of(&brief, &bsel, &r->briefing);
	pair_of(&csv, &csel, &r->csv);
	return MACA_OK;
}

/* The day's automatic backup as the interface takes it once its first frame is drawn: steps
 * of BACKUP_STEP_PAGES, one per idle moment, then the check in its own thread. The backup
 * made is removed again. */
static int measure_backup(struct store *st, const char *path, struct bench_result *r,
			  struct maca_err *err)
{
	struct backup_job *job;
	if (backup_job_new(st, path, time(NULL), &job, err))
		return err->status;
	bool done = false;
	char *written = NULL;
	int rc = MACA_OK;
	double t0 = bench_now_ms(), copied = 0;
	while (!rc && !done) {
		bool copying = backup_job_copying(job);
		double s0 = bench_now_ms();
		rc = backup_job_step(job, BACKUP_STEP_PAGES, &done, &written, err);
		double s = bench_now_ms() - s0;
		if (copying) {
			r->backup_steps++;
			r->backup_step_max = s > r->backup_step_max ? s : r->backup_step_max;
		} else if (!copied) {
			copied = s0;
		}
		if (!copying && !done)
			usleep(1000); /* the interface looks again after a while */
	}
	double end = bench_now_ms();
	if (!rc && !written)
		rc = err_set(err, MACA_EIO, "no backup was due on the benchmark's database");
	r->backup_copy = (copied ? copied : end) - t0;
	r->backup_check = copied ? end - copied : 0;
	if (written)
		unlink(written);
	free(written);
	struct maca_err ignored = {0};
	backup_job_end(job, &written, &ignored);
	err_clear(&ignored);
	return rc;
}

int bench_measure(const char *path, const struct bench_db *db, int saves, struct bench_result *r,
		  struct maca_err *err)
{
	*r = (struct bench_result){0};
	setlocale(LC_ALL, "");
	/* Forked before this process opens the database. */
	struct bench_bare *bare = NULL;
	int rc = bench_bare_start(path, db, &bare, err);
	if (!rc)
		rc = measure_frames(path, db, r, err);
	struct store *st = NULL;
	if (!rc)
		rc = store_open(path, &st, err);
	if (!rc)
		rc = store_set_origin(st, "bench", "keyboard", err);
	if (!rc)
		rc = measure_moderation(st, db, r, err);
	if (!rc)
		rc = measure_exports(st, bare, db, r, err);
	if (!rc)
		rc = bench_measure_typing(st, db->largest_audit, r, err);
	/* The saves come last: they change the database the other figures read. */
	if (!rc)
		rc = measure_saves(st, bare, db, saves, r, err);
	if (!rc)
		rc = measure_fsync(path, saves, r, err);
	if (!rc)
		rc = measure_backup(st, path, r, err);
	/* The import of a return, then the peak memory (taken inside, before the sealed file
	 * is opened: Argon2id alone allocates SEALED_MEMLIMIT by design). */
	if (!rc)
		rc = bench_measure_import(st, bare, path, db, r, err);
	store_close(st);
	bench_bare_stop(bare, &r->bare_peak_rss_kb);
	if (!rc)
		rc = bench_measure_sealed(path, r, err);
	return rc;
}
