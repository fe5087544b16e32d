/* maca-bench: builds a synthetic database of a chosen size and times what a user waits for
 * (see bench_main.c). Everything here is synthetic; no real case data. */
#ifndef MACA_BENCH_H
#define MACA_BENCH_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

struct bench_size {
	int audits;
	int min_cases, max_cases; /* cases per audit; the first audit has max_cases */
	int agencies;
	int questions;
};

/* What the built database holds. */
struct bench_db {
	int64_t largest_audit; /* the audit with the most cases */
	int64_t ncases;
	int64_t nanswers;
	int64_t largest_answers;
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
	long peak_rss_kb; /* of the measuring process (the build runs in another) */
};

/* Runs every measurement on the database at path, built with the given figures. */
int bench_measure(const char *path, const struct bench_db *db, int saves, struct bench_result *r,
		  struct maca_err *err);

/* Milliseconds from a monotonic clock, and of this process's CPU time. */
double bench_now_ms(void);
double bench_cpu_ms(void);

/* The synthetic template's INI text for this size (malloc'd), or NULL on allocation failure. */
char *bench_template_text(const struct bench_size *size);
/* Creates the database at path: audits through the store, then cases, answers (each with a
 * history row, as a save through the store leaves), agreed grades and learning through
 * plain SQL, one transaction per audit. */
int bench_build(const char *path, const struct bench_size *size, struct bench_db *out,
		struct maca_err *err);

#endif
