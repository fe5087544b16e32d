/* The bare baselines themselves (bench_bare_sql.c), run inside the worker (bench_bare.c):
 * what SQLite and the disk need for each measured step, with plain sqlite3 calls and nothing
 * of maca's code. */
#ifndef MACA_BENCH_BARE_H
#define MACA_BENCH_BARE_H

#include "bench.h"

struct bare;

/* A connection to the database at path with maca's pragmas (WAL, synchronous=FULL, foreign
 * keys), the largest audit's cases and agency-1's id in it; the return's file beside it. */
int bare_open(const char *path, const struct bench_db *db, struct bare **out, struct maca_err *err);
void bare_close(struct bare *b);
/* Save i of the sequence (bench_save_target, bare), its wall-clock time in *ms. */
int bare_save(struct bare *b, int i, double *ms, struct maca_err *err);
/* The briefing's reads and the CSV export's reads of the largest audit, once each. */
int bare_briefing(struct bare *b, struct maca_err *err);
int bare_csv(struct bare *b, struct maca_err *err);
/* The return imported into the chair holding none of it; *added answers; *read_ms spent
 * reading the file, checking its checksum and opening it. */
int bare_import(struct bare *b, int64_t *added, double *read_ms, struct maca_err *err);
/* The same on the connection db, of the return's file at path (bench_bare_import.c). */
int bare_import_return(sqlite3 *db, const char *path, int64_t *added, double *read_ms,
		       struct maca_err *err);

#endif
