/* The front door of the command line: the global options, help, and dispatch through the
 * command table (cli_commands.c) to the command's function, after reading its options and
 * checking its arguments against its row. With no command, the full-screen interface. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "tui.h"
#include "cli_context.h"

/* Commands are listed by group, several to a line, so the help stays a screen however many
 * commands there are; `maca COMMAND --help` says what each one does. Commands that share a
 * first word are said once ("learning add/list/show"), and lines wrap before 80 columns. */
#define HELP_INDENT 13
#define HELP_WIDTH 79

/* Length of name's first word ("learning" of "learning add"), or 0 for a one-word name. */
static size_t first_word(const char *name)
{
	const char *sp = strchr(name, ' ');
	return sp ? (size_t)(sp - name) : 0;
}

/* Appends one item of the group's list to the line, wrapping first when it would not fit. */
static void help_item(struct cli *c, size_t *col, bool first, const char *item, size_t len)
{
	if (!first && *col + 2 + len > HELP_WIDTH) {
		cli_print(c, ",\n%*s", HELP_INDENT, "");
		*col = HELP_INDENT;
	} else if (!first) {
		cli_print(c, ", ");
		*col += 2;
	}
	cli_print(c, "%.*s", (int)len, item);
	*col += len;
}

static void print_help(struct cli *c)
{
	cli_print(c, "usage: maca [--db PATH] [--config PATH] [COMMAND [ARGS]]\n"
		     "Multi-agency case audits for children's safeguarding partnerships.\n"
		     "With no command, maca opens its full-screen interface. Commands:\n\n");
	size_t n;
	const struct cli_command *cmds = cli_commands(&n);
	for (int g = 0; g < CLI_GROUP_COUNT; g++) {
		cli_print(c, "  %-10s ", cli_group_name((enum cli_group)g));
		size_t col = HELP_INDENT;
		bool first = true;
		for (size_t i = 0; i < n; i++) {
			if (cmds[i].group != (enum cli_group)g)
				continue;
			/* A run of commands with the same first word, in table order. */
			size_t w = first_word(cmds[i].name), j = i + 1;
			struct sbuf item = {0};
			sbuf_add(&item, cmds[i].name);
			while (w && j < n && cmds[j].group == cmds[i].group &&
			       first_word(cmds[j].name) == w &&
			       strncmp(cmds[j].name, cmds[i].name, w) == 0) {
				sbuf_addf(&item, "/%s", cmds[j].name + w + 1);
				j++;
			}
			if (item.data && !item.failed) {
				help_item(c, &col, first, item.data, item.len);
				i = j - 1;
			} else { /* out of memory: the names one by one */
				help_item(c, &col, first, cmds[i].name, strlen(cmds[i].name));
			}
			sbuf_free(&item);
			first = false;
		}
		cli_print(c, "\n");
	}
	cli_print(c, "\n`maca COMMAND --help` shows what a command does and its options;\n"
		     "the manual is `man maca`.\n");
}

/* Whether argv asks for help: --help or -h before any `--`. */
static bool wants_help(int argc, char *const *argv)
{
	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return true;
	return false;
}

/* `maca COMMAND --help`: the synopsis of the command argv selects, or of every command of
 * the family argv[0] names ("export" lists each export). False if there is none. */
static bool print_command_help(struct cli *c, const struct cli_command *cmd, int argc,
			       char *const *argv)
{
	size_t n;
	const struct cli_command *cmds = cli_commands(&n);
	bool found = false;
	for (size_t i = 0; i < n; i++) {
		const char *name = cmds[i].name;
		bool family = !cmd && argc > 0 && strncmp(name, argv[0], strlen(argv[0])) == 0 &&
			      name[strlen(argv[0])] == ' ';
		if (&cmds[i] != cmd && !family)
			continue;
		/* The table's own text, on several lines: shown as a block, not as values. */
		char *usage =
		    str_fmt("usage: maca %s %s\n  %s\n", name, cmds[i].synopsis, cmds[i].summary);
		cli_put_block(c, usage ? usage : "out of memory\n");
		free(usage);
		found = true;
	}
	if (found)
		cli_print(c, "The manual, `man maca`, describes each option.\n");
	return found;
}

/* The second words of family f's commands: "a, b, c" or, with last_or, "a, b or c" (caller
 * frees; NULL when out of memory). */
static char *family_words(const struct cli_family *f, bool last_or)
{
	size_t n, count = 0, len = strlen(f->word);
	const struct cli_command *cmds = cli_commands(&n);
	for (size_t i = 0; i < n; i++)
		count += strncmp(cmds[i].name, f->word, len) == 0 && cmds[i].name[len] == ' ';
	struct sbuf b = {0};
	for (size_t i = 0, k = 0; i < n; i++) {
		if (strncmp(cmds[i].name, f->word, len) != 0 || cmds[i].name[len] != ' ')
			continue;
		sbuf_addf(&b, "%s%s",
			  k == 0		      ? ""
			  : last_or && k + 1 == count ? " or "
						      : ", ",
			  cmds[i].name + len + 1);
		k++;
	}
	return sbuf_take(&b);
}

/* A family's word alone, or with a second word it does not have. */
static int family_usage(struct cli *c, const struct cli_family *f, int argc, char **argv)
{
	char *list = family_words(f, argc < 2);
	if (!list)
		return cli_fail(c, "out of memory");
	int rc = argc < 2 ? cli_usage(c, "%s needs a %s: %s", f->word, f->noun, list)
			  : cli_usage(c, "unknown %s '%s' (known: %s)", f->unknown, argv[1], list);
	free(list);
	return rc;
}

/* The arguments cmd's row asks for: a word each, "file..." last for one or more, "audit?"
 * for one that may be left out. */
static bool count_fits(const struct cli_command *cmd, int npos)
{
	int want = 0, optional = 0;
	bool more = false;
	for (const char *a = cmd->arguments; *a; a += strspn(a, " ")) {
		size_t len = strcspn(a, " ");
		if (a[len - 1] == '?')
			optional++;
		else
			want++;
		more = len > 3 && strncmp(a + len - 3, "...", 3) == 0;
		a += len;
	}
	return more ? npos >= want : npos >= want && npos <= want + optional;
}

/* Checks a value against the choices of a CLI_ONE_OF option. */
static int check_choices(struct cli *c, const struct cli_command *cmd)
{
	for (size_t i = 0; cmd->options[i].name; i++) {
		const struct cli_option *o = &cmd->options[i];
		const char *v = c->args.values[i];
		if (o->value != CLI_ONE_OF || !v || args_choice_known(o, v))
			continue;
		struct sbuf b = {0};
		const char *choice;
		for (size_t k = 0; (choice = o->choice(k)); k++)
			sbuf_addf(&b, "%s%s", k ? ", " : "", choice);
		char *list = sbuf_take(&b);
		if (!list)
			return cli_fail(c, "out of memory");
		cli_say(c, "unknown %s '%s' (known: %s)", o->name + strspn(o->name, "-"), v, list);
		free(list);
		return cli_usage(c, "%s %s takes one of those", cmd->name, o->name);
	}
	return CLI_OK;
}

/* Runs cmd. A command reads all its options before anything can fail, so an option given
 * that it never looked at is one its code forgot (silently ignored): a bug, caught by any
 * test that passes the option (tests/test_cli_table.c passes each). */
static int run_checked(struct cli *c, const struct cli_command *cmd)
{
	int rc = cmd->run(c);
#ifndef NDEBUG
	for (size_t i = 0; cmd->options[i].name; i++)
		if (c->args.values[i] && !c->args.asked[i]) {
			cli_say(c, "bug: maca %s never reads its option %s", cmd->name,
				cmd->options[i].name);
			abort();
		}
#endif
	return rc;
}

/* Reads argv (the words after the command's name) against cmd's row and runs it. */
static int run_command(struct cli *c, const struct cli_command *cmd, int argc, char **argv)
{
	const char *why, *arg;
	int rc = args_parse(argc, argv, cmd->options, false, &c->args, NULL, &why, &arg);
	const char *retired = rc && why ? cli_retired_option(arg) : NULL;
	if (retired)
		rc = cli_usage(c, "%s: %.*s %s", cmd->name, (int)strcspn(arg, "="), arg, retired);
	else if (rc)
		rc = why ? cli_usage(c, "%s: %s: %s", cmd->name, why, arg)
			 : cli_fail(c, "out of memory");
	else if (!count_fits(cmd, c->args.npos))
		rc = cli_usage(c, "%s", cmd->needs);
	else if (!(rc = check_choices(c, cmd)))
		rc = run_checked(c, cmd);
	args_free(&c->args);
	return rc;
}

/* No command: the full-screen interface on the chosen database. */
static int run_interface(struct cli *c)
{
	struct store *st;
	struct backup_job *backup;
	if (cli_open_store_stepped(c, &st, &backup))
		return CLI_FAIL;
	if (store_set_origin(st, c->cfg.author, "keyboard", NULL)) {
		cli_end_backup(c, backup);
		store_close(st);
		return cli_fail(c, "out of memory");
	}
	struct tui_options opts = {
	    .colour = c->cfg.colour,
	    .mouse = c->cfg.mouse,
	    .partnership = c->cfg.partnership,
	    .chair_agency = c->cfg.chair_agency,
	    .author = c->cfg.author,
	    /* As `maca export briefing` takes them. */
	    .publish = {.export_dir = c->cfg.export_dir,
			.resources = c->cfg.resources,
			.nresources = c->cfg.nresources,
			.partnership_info = &c->cfg.partnership_info,
			.small_count = c->cfg.small_count ? c->cfg.small_count : -1,
			.partnership = c->cfg.partnership,
			.reference_docx = c->cfg.reference_docx,
			.stylesheet = c->cfg.stylesheet,
			.pdf_engine = c->cfg.pdf_engine},
	    .warning = c->warning,
	    .backup = backup};
	struct maca_err e = {0};
	int rc = tui_run(st, &opts, &e) ? cli_fail_err(c, NULL, &e) : CLI_OK;
	/* A copy made whole is kept, its check finished first; said once the terminal is back. */
	cli_end_backup(c, backup);
	store_close(st);
	return rc;
}

static int dispatch(struct cli *c, int argc, char **argv)
{
	if (argc == 0)
		return run_interface(c);
	const struct cli_command *cmd = cli_command_find(argc, argv);
	c->command = cmd;
	/* A command missing from the table goes on below and is called unknown. */
	if (wants_help(argc, argv) && print_command_help(c, cmd, argc, argv))
		return CLI_OK;
	if (cmd) {
		int words = 1;
		for (const char *s = cmd->name; *s; s++)
			words += *s == ' ';
		return run_command(c, cmd, argc - words, argv + words);
	}
	const struct cli_family *f = cli_family_find(argv[0]);
	if (f)
		return family_usage(c, f, argc, argv);
	return cli_usage(c, "unknown command '%s'", argv[0]);
}

int cli_main(int argc, char **argv, FILE *out, FILE *err)
{
	struct cli c = {.out = out, .err = err};
	struct cli_parsed global = {0};
	int consumed = 0, rc;
	const char *why, *arg;
	if (argc > 0 && args_parse(argc - 1, argv + 1, cli_global_options(), true, &global,
				   &consumed, &why, &arg) != 0) {
		rc = why ? cli_usage(&c, "%s: %s", why, arg) : cli_fail(&c, "out of memory");
		args_free(&global);
		return rc;
	}
	const struct cli_option *spec = cli_global_options();
	c.db_opt = global.values ? global.values[args_option(spec, "--db") - spec] : NULL;
	c.config_opt = global.values ? global.values[args_option(spec, "--config") - spec] : NULL;
	bool help = global.values && (global.values[args_option(spec, "--help") - spec] ||
				      global.values[args_option(spec, "-h") - spec]);
	bool version = global.values && global.values[args_option(spec, "--version") - spec];
	if (help) {
		print_help(&c);
		rc = CLI_OK;
	} else if (version) {
		cli_print(&c, "maca %s\n", MACA_VERSION);
		rc = CLI_OK;
	} else {
		rc = dispatch(&c, argc - 1 - consumed, argv + 1 + consumed);
	}
	args_free(&global);
	if (c.cfg_loaded)
		config_free(&c.cfg);
	free(c.warning);
	return rc;
}
