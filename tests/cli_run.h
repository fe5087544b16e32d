/* Runs maca's command line in-process for tests, capturing what it prints. */
#ifndef MACA_CLI_RUN_H
#define MACA_CLI_RUN_H

#include <stdarg.h>
#include <stddef.h>

struct cli_run {
	int status;
	char *out;
	char *err;
};

/* A private home for one test: a new temporary directory whose config/ and data/ become
 * XDG_CONFIG_HOME and XDG_DATA_HOME; NULL when it cannot be made. Caller removes and frees. */
char *cli_run_home(void);
/* Runs cli_main with "maca", then the prefix arguments, then the NULL-terminated list that
 * starts with first and goes on in ap. */
struct cli_run cli_run_v(const char *const *prefix, size_t nprefix, const char *first, va_list ap);
/* Runs "maca", then the n words of argv. */
struct cli_run cli_run_argv(const char *const *argv, size_t n);
/* Runs "maca ARGS..." (NULL-terminated). */
struct cli_run cli_run(const char *first, ...);
/* Runs "maca --db DB [--config CONFIG] ARGS..." (config NULL: none; NULL-terminated). What
 * most command-line tests run, each behind a one-line `maca(...)` macro of its own. */
struct cli_run cli_run_db(const char *db, const char *config, const char *first, ...);
void cli_run_free(struct cli_run *r);
/* Fails the test unless the status matches and each non-NULL needle is in standard output or
 * standard error; frees r either way. */
void cli_run_expect(struct cli_run r, int status, const char *out_needle, const char *err_needle);
/* The id of the finding of match ("07700 900123") in what `maca findings list` printed;
 * fails the test when there is none. Caller frees. */
char *cli_finding_id(const char *listing, const char *match);

#endif
