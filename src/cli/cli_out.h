/* The state of one run of the command line, and the output sink through which everything it
 * shows goes (cli_out.c). The sink passes every value interpolated into a message (each %s
 * and %c) through term_text.h's neutraliser, on standard output and standard error alike, so
 * no command can print a file name, an argument or a title raw. To keep it so, the stdio
 * writers are poisoned at the end of this header: a file of src/cli that calls fprintf or
 * fputs does not compile. Include it last (cli_context.h does): a header after it that names
 * printf, even in a format attribute, does not compile either. */
#ifndef MACA_CLI_OUT_H
#define MACA_CLI_OUT_H

#include <stdbool.h>
#include <stdio.h>

#include "cli_args.h"
#include "cli_commands.h"
#include "config.h"
#include "diag.h"
#include "err.h"

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

/* fmt is maca's own text, passed as it is; every %s and %c argument
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
