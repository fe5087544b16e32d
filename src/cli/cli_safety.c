/* maca backup, restore and check-db. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "backup.h"
#include "db_check.h"
#include "sbuf.h"
#include "cli_context.h"

int cli_cmd_backup(struct cli *c)
{
	const char *out = cli_opt(c, "-o");
	char *path = cli_db_path(c);
	if (!path)
		return CLI_FAIL;
	struct maca_err e = {0};
	char *written = NULL;
	int rc = CLI_OK;
	if (backup_write(path, out, time(NULL), &written, &e))
		rc = cli_fail_err(c, NULL, &e);
	else
		cli_print(c, "%s\n", written);
	free(written);
	free(path);
	return rc;
}

int cli_cmd_restore(struct cli *c)
{
	const char *from = cli_arg(c, 0);
	char *path = cli_db_path(c);
	if (!path)
		return CLI_FAIL;
	struct maca_err e = {0};
	char *kept = NULL;
	int rc = CLI_OK;
	if (backup_restore(path, from, time(NULL), &kept, &e))
		rc = cli_fail_err(c, NULL, &e);
	else if (kept)
		cli_print(c, "Restored %s from %s; the database it replaced is kept as %s\n", path,
			  from, kept);
	else
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
