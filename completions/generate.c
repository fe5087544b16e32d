/* Writes maca's bash completion: completions/maca.in with its @MACA_TABLES@ line replaced by
 * the tables of commands, options, arguments and option values, made from the command table
 * (src/cli/cli_commands.c), so the completion offers exactly what maca takes.
 * Usage: generate TEMPLATE OUTPUT (run by the build). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_commands.h"

#define PLACEHOLDER "@MACA_TABLES@"

static const char *kind_name(enum cli_value v)
{
	switch (v) {
	case CLI_FILE:
		return "file";
	case CLI_AUDIT:
		return "audit";
	case CLI_ONE_OF:
		return "choice";
	case CLI_TEXT:
	case CLI_AGENCY: /* ids of an audit's own agencies: typed, as text is */
	case CLI_FLAG:
		break;
	}
	return "text";
}

/* The option's value: its kind and choices, keyed "COMMAND OPTION" (or "OPTION" for a global
 * option), under each of its names. */
static void value_rows(FILE *out, const char *command, const struct cli_option *o, bool choices)
{
	for (int k = 0; k < 2; k++) {
		const char *name = k ? o->alias : o->name;
		if (!name || o->value == CLI_FLAG)
			continue;
		const char *kind = o->choice ? "choice" : kind_name(o->value);
		if (!choices) {
			fprintf(out, "\t[\"%s%s%s\"]=%s\n", command, *command ? " " : "", name,
				kind);
			continue;
		}
		if (!o->choice)
			continue;
		fprintf(out, "\t[\"%s%s%s\"]=\"", command, *command ? " " : "", name);
		const char *c;
		for (size_t i = 0; (c = o->choice(i)); i++)
			fprintf(out, "%s%s", i ? " " : "", c);
		fputs("\"\n", out);
	}
}

static void option_names(FILE *out, const struct cli_option *o, bool *first)
{
	for (; o->name; o++) {
		fprintf(out, "%s%s", *first ? "" : " ", o->name);
		*first = false;
		if (o->alias)
			fprintf(out, " %s", o->alias);
	}
}

/* Whether an option called name that takes a value comes before o (of command i; n: the
 * global options, listed last), so each is listed once. */
static bool value_option_seen(const struct cli_command *cmds, size_t n, size_t i,
			      const struct cli_option *o, const char *name)
{
	for (size_t j = 0; j <= i; j++) {
		const struct cli_option *p = j < n ? cmds[j].options : cli_global_options();
		for (; p->name && p != o; p++)
			if (p->value != CLI_FLAG && (strcmp(p->name, name) == 0 ||
						     (p->alias && strcmp(p->alias, name) == 0)))
				return true;
	}
	return false;
}

static void tables(FILE *out)
{
	size_t n;
	const struct cli_command *cmds = cli_commands(&n);
	fputs("declare -gA _maca_options=(\n", out);
	for (size_t i = 0; i < n; i++) {
		bool first = true;
		fprintf(out, "\t[\"%s\"]=\"", cmds[i].name);
		option_names(out, cmds[i].options, &first);
		fputs("\"\n", out);
	}
	fputs(")\ndeclare -gA _maca_positionals=(\n", out);
	for (size_t i = 0; i < n; i++)
		if (*cmds[i].arguments) {
			/* The kind of each: "audit?" (one that may be left out) is an audit. */
			fprintf(out, "\t[\"%s\"]=\"", cmds[i].name);
			for (const char *a = cmds[i].arguments; *a; a++)
				if (*a != '?')
					fputc(*a, out);
			fputs("\"\n", out);
		}
	fputs(")\n_maca_commands=\"", out);
	for (size_t i = 0; i < n; i++) {
		size_t len = strcspn(cmds[i].name, " ");
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = strncmp(cmds[j].name, cmds[i].name, len) == 0 &&
			       strcspn(cmds[j].name, " ") == len;
		if (!seen)
			fprintf(out, "%s%.*s", i ? " " : "", (int)len, cmds[i].name);
	}
	fputs("\"\ndeclare -gA _maca_subcommands=(\n", out);
	for (const struct cli_family *f = cli_families(); f->word; f++) {
		size_t len = strlen(f->word);
		fprintf(out, "\t[%s]=\"", f->word);
		bool first = true;
		for (size_t i = 0; i < n; i++)
			if (strncmp(cmds[i].name, f->word, len) == 0 && cmds[i].name[len] == ' ') {
				fprintf(out, "%s%s", first ? "" : " ", cmds[i].name + len + 1);
				first = false;
			}
		fputs("\"\n", out);
	}
	fputs(")\n_maca_global_options=\"", out);
	bool first = true;
	option_names(out, cli_global_options(), &first);
	fputs("\"\n_maca_value_options=\"", out);
	first = true;
	for (size_t i = 0; i <= n; i++) {
		const struct cli_option *o = i < n ? cmds[i].options : cli_global_options();
		for (; o->name; o++)
			for (int k = 0; k < 2 && o->value != CLI_FLAG; k++) {
				const char *name = k ? o->alias : o->name;
				if (name && !value_option_seen(cmds, n, i, o, name)) {
					fprintf(out, "%s%s", first ? "" : " ", name);
					first = false;
				}
			}
	}
	fputs("\"\n", out);
	for (int pass = 0; pass < 2; pass++) {
		fprintf(out, "declare -gA %s=(\n", pass ? "_maca_choices" : "_maca_value_kinds");
		for (const struct cli_option *o = cli_global_options(); o->name; o++)
			value_rows(out, "", o, pass);
		for (size_t i = 0; i < n; i++)
			for (const struct cli_option *o = cmds[i].options; o->name; o++)
				value_rows(out, cmds[i].name, o, pass);
		fputs(")\n", out);
	}
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fputs("usage: generate TEMPLATE OUTPUT\n", stderr);
		return 2;
	}
	FILE *in = fopen(argv[1], "r");
	FILE *out = in ? fopen(argv[2], "w") : NULL;
	if (!in || !out) {
		perror(in ? argv[2] : argv[1]);
		return 1;
	}
	char line[4096];
	bool placed = false;
	while (fgets(line, sizeof line, in)) {
		if (strncmp(line, PLACEHOLDER, strlen(PLACEHOLDER)) == 0) {
			tables(out);
			placed = true;
		} else {
			fputs(line, out);
		}
	}
	bool bad = ferror(in) || !placed;
	fclose(in);
	if (fclose(out) != 0 || bad) {
		fprintf(stderr, "generate: %s\n",
			placed ? "cannot write the completion"
			       : "no " PLACEHOLDER " in the template");
		remove(argv[2]);
		return 1;
	}
	return 0;
}
