/* Whether a database file is a sound maca database: SQLite's integrity and foreign key checks,
 * read without changing the file, and the problems found in plain words. Plain C, no curses. */
#ifndef MACA_DB_CHECK_H
#define MACA_DB_CHECK_H

#include <stdbool.h>
#include <stdint.h>

#include "err.h"
#include "names.h"

struct db_report {
	bool sound;		    /* no problem found */
	struct named_list problems; /* label: one problem, in plain words (id unused) */
	int64_t audits;
	int64_t answers; /* answers with a value */
};

/* Checks the maca database at path: that it is one (SQLite header and application_id, a
 * schema this maca knows), PRAGMA integrity_check and PRAGMA foreign_key_check. Problems with
 * the contents are listed in out (and out->sound is false); a file that cannot be read at all,
 * or is not a maca database, is an error (MACA_ENOTFOUND, MACA_ENOTMACA, MACA_ETOONEW, ...).
 * Opens the file read-only and never writes to it. */
int db_check_file(const char *path, struct db_report *out, struct maca_err *err);
void db_report_free(struct db_report *r);
/* "The database is sound: 3 audits, 1,204 answers." (caller frees; NULL: out of memory). */
char *db_report_summary(const struct db_report *r);

#endif
