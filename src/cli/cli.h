/* maca's command line: the scripting commands, also what the tests drive. */
#ifndef MACA_CLI_H
#define MACA_CLI_H

#include <stdio.h>

/* Exit statuses. */
enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2 };

/* Runs maca with argv (argv[0] is the program name), writing results to out and messages to
 * err. Returns the exit status. */
int cli_main(int argc, char **argv, FILE *out, FILE *err);

#endif
