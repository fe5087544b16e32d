/* maca's command line: the scripting commands, also what the tests drive. */
#ifndef MACA_CLI_H
#define MACA_CLI_H

#include <stdio.h>

#include "cli_commands.h" /* CLI_OK, CLI_FAIL, CLI_USAGE */

/* Runs maca with argv (argv[0] is the program name), writing results to out and messages to
 * err. Returns the exit status. */
int cli_main(int argc, char **argv, FILE *out, FILE *err);

#endif
