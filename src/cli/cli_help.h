/* The command line's help: the short `maca --help`, each command's synopsis for
 * `maca COMMAND --help`, and the hint after a usage error. One table holds the commands, so
 * the three never disagree; tests check it against the manual. */
#ifndef MACA_CLI_HELP_H
#define MACA_CLI_HELP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct cli_command_help {
	const char *name;     /* "export briefing": the words that select the command */
	const char *synopsis; /* its arguments and options, after "maca NAME" */
	const char *summary;  /* what it does, for `maca COMMAND --help` */
	const char *group;    /* "Returns": commands of a group share a line of `maca --help` */
};

/* Every command, in the order `maca --help` lists them. */
const struct cli_command_help *cli_commands(size_t *n);
/* The command that argv (the words after the global options) selects, or NULL. */
const struct cli_command_help *cli_command_find(int argc, char *const *argv);
/* Whether argv asks for help: --help or -h before any `--`. */
bool cli_wants_help(int argc, char *const *argv);
/* The short help: usage, one line per command, where to read more. */
void cli_help_print(FILE *out);
/* `maca COMMAND --help`: the synopsis of the command argv selects, or of every command
 * starting with argv[0] ("export" lists each export). Returns false if there is none. */
bool cli_command_help_print(FILE *out, int argc, char *const *argv);

#endif
