/* maca backup, restore and check-db, and the automatic backup made on opening a database. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "backup.h"
#include "cli.h"
#include "cli_internal.h"
#include "db_check.h"
#include "sbuf.h"

static int fail_err(struct cli *c, struct maca_err *e)
{
	fprintf(c->err, "maca: %s\n", err_msg(e));
	err_clear(e);
	return CLI_FAIL;
}

void cli_auto_backup(struct cli *c, const char *path, char **warning)
{
	struct maca_err e = {0};
	char *written = NULL;
	if (backup_auto(path, time(NULL), &written, &e)) {
		char *msg = str_fmt("warning: the automatic backup failed (the database itself is "
				    "untouched): %s",
				    err_msg(&e));
		fprintf(c->err, "maca: %s\n", msg ? msg : "warning: the automatic backup failed");
		if (warning) {
			free(*warning);
			*warning = msg;
		} else {
			free(msg);
		}
		err_clear(&e);
	}
	free(written);
}

int cli_backup(struct cli *c, int argc, char **argv)
{
	const char *out = NULL;
	const struct opt_spec spec[] = {{"-o", &out, NULL}, {NULL, NULL, NULL}};
	int parsed = cli_parse_command(c, argc, argv, spec, 0, NULL,
				       "backup takes no arguments but -o FILE");
	if (parsed)
		return parsed;
	char *path = cli_db_path(c);
	if (!path)
		return CLI_FAIL;
	struct maca_err e = {0};
	char *written = NULL;
	int rc = CLI_OK;
	if (backup_write(path, out, time(NULL), &written, &e)) {
		rc = fail_err(c, &e);
	} else {
		fprintf(c->out, "%s\n", written);
	}
	free(written);
	free(path);
	return rc;
}

int cli_restore(struct cli *c, int argc, char **argv)
{
	const struct opt_spec spec[] = {{NULL, NULL, NULL}};
	const char *pos[1];
	int parsed = cli_parse_command(c, argc, argv, spec, 1, pos,
				       "restore needs the backup FILE, e.g. maca restore "
				       "backups/maca-20260101T090000Z.db");
	if (parsed)
		return parsed;
	char *path = cli_db_path(c);
	if (!path)
		return CLI_FAIL;
	struct maca_err e = {0};
	char *kept = NULL;
	int rc = CLI_OK;
	if (backup_restore(path, pos[0], time(NULL), &kept, &e)) {
		rc = fail_err(c, &e);
	} else if (kept) {
		fprintf(c->out, "Restored %s from %s; the database it replaced is kept as %s\n",
			path, pos[0], kept);
	} else {
		fprintf(c->out, "Restored %s from %s\n", path, pos[0]);
	}
	free(kept);
	free(path);
	return rc;
}

int cli_check_db(struct cli *c, int argc, char **argv)
{
	const struct opt_spec spec[] = {{NULL, NULL, NULL}};
	int parsed = cli_parse_command(c, argc, argv, spec, 0, NULL, "check-db takes no arguments");
	if (parsed)
		return parsed;
	char *path = cli_db_path(c);
	if (!path)
		return CLI_FAIL;
	struct maca_err e = {0};
	struct db_report r;
	int rc = CLI_OK;
	if (db_check_file(path, &r, &e)) {
		rc = fail_err(c, &e);
		free(path);
		return rc;
	}
	char *summary = db_report_summary(&r);
	fprintf(c->out, "%s\n", summary ? summary : "out of memory");
	for (size_t i = 0; i < r.problems.n; i++)
		fprintf(c->out, "  - %s\n", r.problems.items[i].label);
	if (!r.sound) {
		fprintf(c->out,
			"Restore the newest good backup with `maca restore FILE`; the "
			"backups are in the backups directory beside %s.\n",
			path);
		rc = CLI_FAIL;
	}
	free(summary);
	db_report_free(&r);
	free(path);
	return rc;
}
