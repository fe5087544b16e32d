/* maca-bench: builds a synthetic database of a chosen size and times what a user waits for
 * (see bench_main.c). Everything here is synthetic; no real case data. */
#ifndef MACA_BENCH_H
#define MACA_BENCH_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "store.h"
#include "template.h"

struct bench_size {
	int audits;
	int min_cases, max_cases; /* cases per audit; the first audit has max_cases */
	int agencies;
	int questions;
	int return_answers; /* answers of the agency's return the import is timed on */
};

/* What the built database holds. */
struct bench_db {
	int64_t largest_audit; /* the audit with the most cases */
	int64_t ncases;
	int64_t nanswers;
	int64_t largest_answers;
	/* The audit the return is for: its cases only, none of the return's answers. */
	int64_t return_audit;
	int64_t return_answers;
	size_t return_bytes, sealed_bytes; /* the return file, plain and sealed */
};

/* One kind of import, ms: the whole (median and largest of the runs), and the median of
 * each step: read and parse the file, make the plan shown to the user, apply. */
struct bench_import_figures {
	double median, max, parse, plan, apply;
};

/* The figures measured on a built database. */
struct bench_result {
	double frame_first, frame_median; /* open and first frame drawn, ms */
	double overview;		  /* open the largest audit: overview loaded and drawn */
	int saves;
	double save_median, save_p99;
	double fsync_median, fsync_p99; /* a bare 4 KB write and fdatasync beside the database */
	int moderations;
	double moderate_median, moderate_max; /* moderation view opened on one case */
	/* Briefing and CSV export of the largest audit and the bare SELECTs of their rows, as
	 * wall-clock time and as CPU time of this process (which other work on a shared machine
	 * does not inflate: the target's ratio is taken from it). */
	double briefing, briefing_select, briefing_cpu, briefing_select_cpu;
	double csv, csv_select, csv_cpu, csv_select_cpu;
	size_t briefing_bytes, csv_bytes;
	/* Importing the return into the chair's database holding none of its answers, and
	 * importing it again (nothing changes): parse, check, plan and apply, as maca import. */
	int import_runs;
	struct bench_import_figures import_add, import_same;
	/* Opening the sealed return, and the Argon2id key derivation alone. */
	int sealed_runs;
	double sealed_open_median, sealed_kdf_median;
	long peak_rss_kb;	   /* of the measuring process (the build runs in another) */
	long rss_before_import_kb; /* the peak before the import was measured */
};

/* Runs every measurement on the database at path, built with the given figures. */
int bench_measure(const char *path, const struct bench_db *db, int saves, struct bench_result *r,
		  struct maca_err *err);

/* Milliseconds from a monotonic clock, and of this process's CPU time. */
double bench_now_ms(void);
double bench_cpu_ms(void);

/* The synthetic template's INI text for this size (malloc'd), or NULL on allocation failure. */
char *bench_template_text(const struct bench_size *size);
/* The synthetic template parsed. */
int bench_template(const struct bench_size *size, struct template **tpl, struct maca_err *err);
/* A small deterministic generator, so every run builds the same database. */
unsigned bench_random(unsigned *state);

/* The passphrase the return is sealed with. */
#define BENCH_RETURN_PASSPHRASE "synthetic benchmark passphrase"
/* The return's file beside the database at db_path, plain or sealed (malloc'd; NULL when out
 * of memory). */
char *bench_return_path(const char *db_path, bool sealed);
/* Adds an audit of enough cases for one agency to answer size->return_answers questions,
 * writes that agency's return of them with maca's own writer (plain and sealed, beside the
 * database), then deletes the answers again: the chair holds the cases, not the answers. */
int bench_build_return(const char *path, sqlite3 *db, const struct bench_size *size,
		       struct bench_db *out, struct maca_err *err);
/* Times importing that return (and importing it again) through the store at st, restoring
 * the chair's state between runs; r->peak_rss_kb is taken after it. */
int bench_measure_import(struct store *st, const char *path, const struct bench_db *db,
			 struct bench_result *r, struct maca_err *err);
/* Times opening the sealed return, and the key derivation alone. */
int bench_measure_sealed(const char *path, struct bench_result *r, struct maca_err *err);

/* Creates the database at path: audits through the store, then cases, answers (each with a
 * history row, as a save through the store leaves), agreed grades and learning through
 * plain SQL, one transaction per audit. */
int bench_build(const char *path, const struct bench_size *size, struct bench_db *out,
		struct maca_err *err);

#endif
