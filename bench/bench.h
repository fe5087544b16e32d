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
	double cpu; /* median CPU time of this process */
};

/* A figure beside its bare baseline: medians of interleaved runs, wall-clock and CPU time
 * (CPU time of the process that did the work: maca's in this one, the baseline's in the
 * worker; other work on a shared machine inflates wall-clock time, not CPU time). */
struct bench_pair {
	int runs; /* of each */
	double wall, cpu, bare_wall, bare_cpu;
};

/* The figures measured on a built database. */
struct bench_result {
	int frame_runs;
	double frame_first, frame_median; /* open and first frame drawn, ms */
	double frame_cpu_median;
	double overview; /* open the largest audit: overview loaded and drawn */
	/* Saves of one answer (each changing the evidence: one upsert, one history row, one
	 * commit at synchronous=FULL): maca's and the bare baseline's, interleaved in blocks.
	 * The median wall-clock time of one save; CPU time is the mean per save. */
	struct bench_pair save;
	double save_p99, bare_save_p99;
	double fsync_median, fsync_p99; /* a bare 4 KB write and fdatasync beside the database */
	int moderations;
	double moderate_median, moderate_max; /* moderation view opened on one case */
	/* Typing into a field of typing_bytes a published document carries: each key with the
	 * identifier check after it (wall and CPU, median and max) and the key alone (median),
	 * ms. */
	int typing_keys;
	size_t typing_bytes;
	double typing_median, typing_max, typing_cpu_median, typing_cpu_max, typing_bare;
	/* Briefing and CSV export of the largest audit beside bare SELECTs of the same rows. */
	struct bench_pair briefing, csv;
	size_t briefing_bytes, csv_bytes;
	/* Importing the return into the chair's database holding none of its answers, and
	 * importing it again (nothing changes): parse, check, plan and apply, as maca import;
	 * beside it the bare import of the same rows (import.bare_*). */
	int import_runs;
	struct bench_import_figures import_add, import_same;
	struct bench_pair import;
	double bare_import_read; /* the bare import's median time to read the file's rows */
	/* Opening the sealed return, and the Argon2id key derivation alone. */
	int sealed_runs;
	double sealed_open_median, sealed_kdf_median;
	/* The interface's automatic backup, in steps of BACKUP_STEP_PAGES as it takes them: how
	 * many, the longest (the longest a key waits), the copy, and its check (in a thread). */
	int backup_steps;
	double backup_step_max, backup_copy, backup_check;
	long peak_rss_kb;	   /* of the measuring process (the build runs in another) */
	long rss_before_import_kb; /* the peak before the import was measured */
	long bare_peak_rss_kb;	   /* of the worker that ran the bare baselines */
};

/* The bare baselines run in a worker process of their own (bench_bare.c), so that neither
 * their memory nor their page cache counts in maca's peak; each is timed inside the worker.
 * What they do is described at each in bench_bare_sql.c and in README, Performance. */
struct bench_bare;
/* Forks the worker on the database at path; before anything else in this process opens it. */
int bench_bare_start(const char *path, const struct bench_db *db, struct bench_bare **out,
		     struct maca_err *err);
/* Saves first..first+count-1 of the save sequence (bench_save_target), each its own
 * transaction: each one's wall-clock time in ms[i], the CPU time of them all in *cpu. */
int bench_bare_saves(struct bench_bare *b, int first, int count, double *ms, double *cpu,
		     struct maca_err *err);
/* One run of the bare reads of the briefing's or the CSV export's rows. */
int bench_bare_briefing(struct bench_bare *b, double *wall, double *cpu, struct maca_err *err);
int bench_bare_csv(struct bench_bare *b, double *wall, double *cpu, struct maca_err *err);
/* One bare import of the return into the chair holding none of its answers; *added: the
 * answers it added; *read: ms spent reading the file and its rows (inside *wall). */
int bench_bare_import(struct bench_bare *b, double *wall, double *cpu, double *read, int64_t *added,
		      struct maca_err *err);
/* Ends the worker; its peak resident memory in *peak_kb. NULL is ignored. */
void bench_bare_stop(struct bench_bare *b, long *peak_kb);

/* Save i of the sequence both maca and the baseline run, on the cases of the largest audit
 * (ids in position order): the case, question, value and evidence. The value depends on
 * the question only, so once every pair was saved each save changes the evidence alone;
 * the evidence names i and who saved, so every save writes. */
struct bench_save {
	int64_t case_id;
	char question[16];
	const char *value;
	char evidence[80];
};
#define BENCH_SAVE_AGENCY "agency-1"
void bench_save_target(const int64_t *cases, size_t ncases, int i, bool bare,
		       struct bench_save *out);
/* How many saves it takes to give every (case, question) pair of the sequence its value. */
int bench_save_period(size_t ncases);

/* Runs every measurement on the database at path, built with the given figures. */
int bench_measure(const char *path, const struct bench_db *db, int saves, struct bench_result *r,
		  struct maca_err *err);

/* Milliseconds from a monotonic clock, and of this process's CPU time. */
double bench_now_ms(void);
double bench_cpu_ms(void);
/* The value at fraction p of the n samples (0.5: median, 0.99: 99th percentile); sorts v. */
double bench_percentile(double *v, size_t n, double p);
/* The bare SQL's timestamps, as maca's: UTC to the millisecond. */
void bench_timestamp(char out[32]);

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
int bench_measure_import(struct store *st, struct bench_bare *bare, const char *path,
			 const struct bench_db *db, struct bench_result *r, struct maca_err *err);
/* Times typing into a 10 KB field of audit_id with the warning's check after each key
 * (bench_typing.c). */
int bench_measure_typing(struct store *st, int64_t audit_id, struct bench_result *r,
			 struct maca_err *err);
/* Times opening the sealed return, and the key derivation alone. */
int bench_measure_sealed(const char *path, struct bench_result *r, struct maca_err *err);

/* Creates the database at path: audits through the store, then cases, answers (each with a
 * history row, as a save through the store leaves), agreed grades and learning through
 * plain SQL, one transaction per audit. */
int bench_build(const char *path, const struct bench_size *size, struct bench_db *out,
		struct maca_err *err);

#endif
