/* Whether another connection changed the database: SQLite's data version, which moves only
 * when a commit from another connection (another maca) is seen, never for this one's own. */
#include "store_internal.h"

int store_data_version(struct store *st, int64_t *version, struct maca_err *err)
{
	sqlite3_stmt *stmt;
	if (store_prepare(st, "PRAGMA data_version", &stmt, err))
		return err->status;
	int rc = MACA_OK;
	if (sqlite3_step(stmt) == SQLITE_ROW)
		*version = sqlite3_column_int64(stmt, 0);
	else
		rc = store_db_error(st, err, "reading the data version");
	sqlite3_finalize(stmt);
	return rc;
}
