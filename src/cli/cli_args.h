/* A command's options as data, and the small re-entrant parser that reads argv against them:
 * `--name value`, `--name=value`, flags, and `--`. */
#ifndef MACA_CLI_ARGS_H
#define MACA_CLI_ARGS_H

#include <stdbool.h>
#include <stddef.h>

/* What an option's value is: what it takes, and what completion offers for it. */
enum cli_value {
	CLI_FLAG,   /* takes no value */
	CLI_TEXT,   /* any text */
	CLI_FILE,   /* a file name */
	CLI_AUDIT,  /* an audit: its number or UUID */
	CLI_ONE_OF, /* one of the choices, refused otherwise */
	/* An agency's id, or ids separated by commas, in any case: ids are in small letters
	 * (maca-template(5), Ids), so the value is read with A-Z made a-z, and POLICE, Police
	 * and police are one agency wherever a command takes one. */
	CLI_AGENCY,
};

struct cli_option {
	const char *name;  /* "-o": how synopses and the manual write it */
	const char *alias; /* "--output", or NULL */
	enum cli_value value;
	/* The values completion offers, and for CLI_ONE_OF the only ones taken: the i-th, NULL
	 * past the last. NULL for none. */
	const char *(*choice)(size_t i);
};

/* What argv held, against one list of options. */
struct cli_parsed {
	const struct cli_option *spec; /* terminated by a NULL name */
	const char **values; /* per option: its value ("" for a flag), NULL when not given */
	char **owned;	     /* per option: a value made here (CLI_AGENCY's), freed with it */
	bool *asked;	     /* per option: whether the command has looked at it */
	const char **pos;    /* the positional arguments, in order */
	int npos;
};

/* Parses argv[0..argc) against spec (terminated by a NULL name) into out, whose arrays it
 * allocates (free with args_free, also after a failure). With stop_at_positional, parsing
 * stops at the first positional argument and *consumed says where. Returns 0; -1 when out of
 * memory (why is NULL); or -1 with a message in why (static text) about arg (a word of argv),
 * printed as "why: arg". */
int args_parse(int argc, char **argv, const struct cli_option *spec, bool stop_at_positional,
	       struct cli_parsed *out, int *consumed, const char **why, const char **arg);
void args_free(struct cli_parsed *p);

/* The option of spec called name (either of its names), or NULL. */
const struct cli_option *args_option(const struct cli_option *spec, const char *name);
/* Whether value is one of o's choices. */
bool args_choice_known(const struct cli_option *o, const char *value);

#endif
