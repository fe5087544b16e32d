/* What a command of the command line may use: the run's state, its options and arguments,
 * opening the database, and the output sink. Included by every file of src/cli; none of
 * these calls back into a command.
 *
 * Everything the command line shows goes through the sink (cli_out.c), which passes every
 * value interpolated into a message (each %s and %c) through term_text.h's neutraliser, on
 * standard output and standard error alike: so no command can print a file name, an argument
 * or a title raw. To keep it so, the stdio writers are poisoned below: a command that calls
 * fprintf or fputs does not compile. Include this header last (a header after it that names
 * printf, even in a format attribute, does not compile either). */
#ifndef MACA_CLI_INTERNAL_H
#define MACA_CLI_INTERNAL_H

#include <stdbool.h>
#include <stdio.h>

#include "cli.h"
#include "cli_args.h"
#include "cli_commands.h"
#include "config.h"
#include "diag.h"
#include "disclosure.h"
#include "err.h"
#include "store.h"

struct cli {
	FILE *out; /* only for the sink: commands print with cli_print and its kin */
	FILE *err;
	const char *db_opt;
	const char *config_opt;
	const struct cli_command *command; /* being run: named in the hint after a usage error */
	struct cli_parsed args;		   /* its options and arguments */
	struct config cfg;
	bool cfg_loaded;
	char *warning; /* from opening the database, for the interface's status line */
};

/* The command's options and arguments (checked against its table entry before it runs).
 * Asking for an option the command does not declare is a bug, and aborts. */
const char *cli_opt(struct cli *c, const char *name); /* its value, or NULL */
bool cli_flag(struct cli *c, const char *name);
const char *cli_arg(struct cli *c, int i);
int cli_nargs(struct cli *c);

/* The database path chosen by --db, the configuration or the default (caller frees), after
 * loading the configuration. Prints the problem and returns NULL when there is none. */
char *cli_db_path(struct cli *c);
/* Loads the configuration (c->cfg) once; prints the problem and returns CLI_FAIL if it
 * cannot. */
int cli_load_config(struct cli *c);
/* Opens the database chosen as cli_db_path says, taking the day's automatic backup. Prints
 * the problem and returns CLI_FAIL when it cannot. */
int cli_open_store(struct cli *c, struct store **st);
/* Where an export goes: output (its -o) when given, else <export_dir or .>/NAME, NAME
 * formatted from fmt (caller frees; NULL when out of memory). */
char *cli_export_path(struct cli *c, const char *output, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Writes an export to path as export_file.h does (whole or not at all, 0600, an existing
 * file only with force) and prints the path; prints the problem and returns CLI_FAIL when it
 * cannot. */
int cli_write_export(struct cli *c, const char *path, const char *data, size_t len, bool force);
/* Lists each disclosure finding on stderr; CLI_FAIL (refusing, with what to do) unless allow
 * or there are none. */
int cli_report_findings(struct cli *c, const struct disclosure_list *found, bool allow);

/* The sink (cli_out.c). fmt is maca's own text, passed as it is; every %s and %c argument
 * is shown on one line through term_text.h (controls, format characters and invalid UTF-8
 * become '?', tabs and line breaks spaces). */
#define CLI_PRINTF(f, a) __attribute__((format(printf, f, a)))
/* To standard output. */
void cli_print(struct cli *c, const char *fmt, ...) CLI_PRINTF(2, 3);
/* The same to standard error, as it is (no "maca: "): a message's further lines. */
void cli_eprint(struct cli *c, const char *fmt, ...) CLI_PRINTF(2, 3);
/* "maca: MESSAGE\n" to standard error. */
void cli_say(struct cli *c, const char *fmt, ...) CLI_PRINTF(2, 3);
/* cli_say, then CLI_FAIL. */
int cli_fail(struct cli *c, const char *fmt, ...) CLI_PRINTF(2, 3);
/* cli_say, then the hint "Try 'maca COMMAND --help'.", then CLI_USAGE. */
int cli_usage(struct cli *c, const char *fmt, ...) CLI_PRINTF(2, 3);
/* The hint alone. */
void cli_usage_hint(struct cli *c);
/* e's message, each of its lines as written (the first after "maca: " and, when about is
 * not NULL, "ABOUT: " before each), then clears e: CLI_FAIL. */
int cli_fail_err(struct cli *c, const char *about, struct maca_err *e);
/* A document of several lines (a listing, a comparison, a return shown) to standard output:
 * newlines and tabs kept, everything else as for the values above. */
void cli_put_block(struct cli *c, const char *text);
/* Each diagnostic as `file:line: message`, on standard output or standard error. */
void cli_put_diags(struct cli *c, bool to_err, const struct diag_list *diags);
/* Text formatted as the sink would show it (caller frees; NULL when out of memory), for
 * what goes to the terminal another way: a passphrase prompt. */
char *cli_format(const char *fmt, ...) CLI_PRINTF(1, 2);
/* The sink's own writes are in order with the other stream's: flushes standard output. */
void cli_flush(struct cli *c);

#ifndef MACA_CLI_SINK
#pragma GCC poison printf fprintf vfprintf fputs fputc putc putchar puts fwrite perror diag_print
#endif

#endif
