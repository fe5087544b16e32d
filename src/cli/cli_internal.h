/* Shared between the command files of the command line (cli.c, cli_export.c). */
#ifndef MACA_CLI_INTERNAL_H
#define MACA_CLI_INTERNAL_H

#include <stdbool.h>
#include <stdio.h>

#include "cli_args.h"
#include "config.h"
#include "disclosure.h"
#include "return_doc.h"
#include "store.h"

struct cli {
	FILE *out;
	FILE *err;
	const char *db_opt;
	const char *config_opt;
	const char *command; /* "case add": named in the hint after a usage error */
	struct config cfg;
	bool cfg_loaded;
	char *warning; /* from opening the database, for the interface's status line */
};

/* The hint after a usage error: "Try 'maca COMMAND --help'." for the command being run. */
void cli_usage_hint(struct cli *c);
/* Opens the database chosen by --db, the configuration or the default, after loading the
 * configuration (c->cfg). Prints the problem and returns CLI_FAIL when it cannot. */
int cli_open_store(struct cli *c, struct store **st);
/* The database path chosen by --db, the configuration or the default (caller frees), after
 * loading the configuration. Prints the problem and returns NULL when there is none. */
char *cli_db_path(struct cli *c);
/* Parses a command's options and exactly `want` positional arguments (at most 4) into pos;
 * prints `needs` and returns CLI_USAGE when the count is wrong. */
int cli_parse_command(struct cli *c, int argc, char **argv, const struct opt_spec *spec, int want,
		      const char **pos, const char *needs);

/* maca export KIND AUDIT ... (cli_export.c) */
int cli_export(struct cli *c, int argc, char **argv);
/* Lists each disclosure finding on stderr; CLI_FAIL (refusing, with what to do) unless allow
 * or there are none (cli_export.c). */
int cli_report_findings(struct cli *c, const struct disclosure_list *found, bool allow);
/* maca compare OLD NEW and maca report (cli_review.c) */
int cli_compare(struct cli *c, int argc, char **argv);
int cli_report(struct cli *c, int argc, char **argv);

/* The action tracker (cli_actions.c): maca actions [FILTERS], maca export actions [FILTERS]
 * (argv[0] is "actions"), maca action set ID STATUS [--note TEXT]. */
int cli_actions(struct cli *c, int argc, char **argv);
int cli_export_actions(struct cli *c, int argc, char **argv);
int cli_action(struct cli *c, int argc, char **argv);
/* maca export pack|return AUDIT --agency A, maca import FILE, maca show FILE
 * (cli_returns.c) */
int cli_export_share(struct cli *c, int argc, char **argv, enum return_kind kind);
int cli_import(struct cli *c, int argc, char **argv);
int cli_show(struct cli *c, int argc, char **argv);
/* maca backup, restore and check-db (cli_safety.c) */
int cli_backup(struct cli *c, int argc, char **argv);
int cli_restore(struct cli *c, int argc, char **argv);
int cli_check_db(struct cli *c, int argc, char **argv);
/* The automatic backup on opening a database file: a failure is a warning on standard error
 * (and *warning, for the interface's status line; caller frees), never a reason not to open. */
void cli_auto_backup(struct cli *c, const char *path, char **warning);

#endif
