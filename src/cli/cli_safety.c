/* maca backup, restore and check-db. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "backup.h"
#include "db_check.h"
#include "sbuf.h"
#include "cli_context.h"

/* What backup and restore do: an operation on the database file and the file the command
 * names (-o, or the backup to restore), leaving another (the backup written, or the database
 * it replaced, kept; NULL when none). */
typedef int (*backup_op)(const char *db_path, const char *file, time_t now, char **left,
			 struct maca_err *err);

/* Runs op on the database, whose path *path gets (caller frees, with *left). */
static int run(struct cli *c, backup_op op, const char *file, char **path, char **left)
{
	*left = NULL;
	*path = cli_db_path(c);
	if (!*path)
		return CLI_FAIL;
	struct maca_err e = {0};
	if (op(*path, file, time(NULL), left, &e))
		return cli_fail_err(c, NULL, &e);
	return CLI_OK;
}

int cli_cmd_backup(struct cli *c)
{
	char *path, *written;
	int rc = run(c, backup_write, cli_opt(c, "-o"), &path, &written);
	if (!rc)
		cli_print(c, "%s\n", written);
	free(written);
	free(path);
	return rc;
}

int cli_cmd_restore(struct cli *c)
{
	const char *from = cli_arg(c, 0);
	char *path, *kept;
	int rc = run(c, backup_restore, from, &path, &kept);
	if (!rc && kept)
		cli_print(c, "Restored %s from %s; the database it replaced is kept as %s\n", path,
			  from, kept);
	else if (!rc)
		cli_print(c, "Restored %s from %s\n", path, from);
	free(kept);
	free(path);
	return rc;
}

int cli_cmd_check_db(struct cli *c)
{
	char *path = cli_db_path(c);
	if (!path)
		return CLI_FAIL;
	struct maca_err e = {0};
	struct db_report r;
	if (db_check_file(path, &r, &e)) {
		free(path);
		return cli_fail_err(c, NULL, &e);
	}
	int rc = CLI_OK;
	char *summary = db_report_summary(&r);
	cli_print(c, "%s\n", summary ? summary : "out of memory");
	for (size_t i = 0; i < r.problems.n; i++)
		cli_print(c, "  - %s\n", r.problems.items[i].label);
	if (!r.sound) {
		cli_print(
		    c,
		    "Restore the newest good backup with `maca restore FILE`; the backups are "
		    "in the backups directory beside %s.\n",
		    path);
		rc = CLI_FAIL;
	}
	free(summary);
	db_report_free(&r);
	free(path);
	return rc;
}
