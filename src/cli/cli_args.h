/* A small re-entrant option parser: `--name value`, `--name=value`, flags, and `--`. */
#ifndef MACA_CLI_ARGS_H
#define MACA_CLI_ARGS_H

#include <stdbool.h>

struct opt_spec {
	const char *name;   /* "--db" */
	const char **value; /* set for options that take a value, else NULL */
	bool *flag;	    /* set for flags, else NULL */
};

/* Parses argv[0..argc) against spec (terminated by a NULL name), collecting positional
 * arguments in order into pos (room for argc entries). With stop_at_positional, parsing
 * stops at the first positional argument and *consumed says where. Returns 0, or -1 with a
 * message in why (static text or a pointer into argv, printed as "why: arg"). */
int args_parse(int argc, char **argv, const struct opt_spec *spec, bool stop_at_positional,
	       const char **pos, int *npos, int *consumed, const char **why, const char **arg);

#endif
