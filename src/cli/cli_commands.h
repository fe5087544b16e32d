/* The commands of the command line, as one table (cli_commands.c): each command's name, the
 * function that runs it, its synopsis and summary for help, its options and arguments. From
 * it come dispatch, `maca --help`, `maca COMMAND --help`, the bash completion
 * (completions/maca is generated from it) and the manual's check (tests/test_manual.c). */
#ifndef MACA_CLI_COMMANDS_H
#define MACA_CLI_COMMANDS_H

#include <stddef.h>

#include "cli_args.h"

struct cli;

/* The exit statuses: what cli_main and every command return. */
enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2 };

/* The lines of `maca --help`, in order. */
enum cli_group {
	CLI_GROUP_SETUP,
	CLI_GROUP_AUDITS,
	CLI_GROUP_RETURNS,
	CLI_GROUP_BRIEFING,
	CLI_GROUP_FOLLOW_UP,
	CLI_GROUP_DATA,
	CLI_GROUP_COUNT
};

struct cli_command {
	const char *name; /* "export briefing": the words that select the command */
	int (*run)(struct cli *c);
	const char *synopsis; /* its arguments and options, after "maca NAME" */
	const char *summary;  /* what it does, for `maca COMMAND --help` */
	enum cli_group group;
	const struct cli_option *options; /* terminated by a NULL name */
	/* Its arguments, a word each: "template", "audit", "file" or "text" (what completion
	 * offers), with "file..." last for one or more, and "?" after one that may be left out
	 * ("audit?"). The count is checked before run. */
	const char *arguments;
	const char *needs; /* the usage message when the count is wrong */
};

/* A word that starts several commands ("export" of "export csv"), what its second word is
 * called ("kind"), and what an unknown one is called in a message ("export"). */
struct cli_family {
	const char *word;
	const char *noun;
	const char *unknown;
};

/* Every command, in the order the export kinds and `maca COMMAND --help` list them. */
const struct cli_command *cli_commands(size_t *n);
/* The command that argv (the words after the global options) selects, or NULL. */
const struct cli_command *cli_command_find(int argc, char *const *argv);
/* Every family, ending with a NULL word; and the one for word, or NULL. */
const struct cli_family *cli_families(void);
const struct cli_family *cli_family_find(const char *word);
const char *cli_group_name(enum cli_group g);
/* What replaced an option maca no longer takes ("--allow-identifiers", also with "=VALUE"),
 * as a message; NULL for any other word. */
const char *cli_retired_option(const char *word);
/* The options before any command: --db, --config, --help, -h, --version. */
const struct cli_option *cli_global_options(void);

/* The commands, each in the file of its kind of work. */
int cli_cmd_templates(struct cli *c); /* cli_setup.c */
int cli_cmd_check(struct cli *c);
int cli_cmd_new(struct cli *c); /* cli_audits.c */
int cli_cmd_list(struct cli *c);
int cli_cmd_case_add(struct cli *c);
/* cli_briefing.c: good-practice and learning, each function both commands of its name */
int cli_cmd_item_add(struct cli *c);
int cli_cmd_item_list(struct cli *c);
int cli_cmd_item_show(struct cli *c);
int cli_cmd_item_edit(struct cli *c);
int cli_cmd_item_move(struct cli *c);
int cli_cmd_item_remove(struct cli *c);
int cli_cmd_briefing_parts(struct cli *c);
int cli_cmd_briefing_show(struct cli *c);
int cli_cmd_briefing_text(struct cli *c);
int cli_cmd_briefing_take(struct cli *c);
int cli_cmd_briefing_on_off(struct cli *c);
int cli_cmd_briefing_move(struct cli *c);
int cli_cmd_briefing_heading(struct cli *c);
int cli_cmd_briefing_set(struct cli *c);
int cli_cmd_briefing_settings(struct cli *c);
int cli_cmd_room(struct cli *c);
int cli_cmd_export_briefing(struct cli *c); /* cli_export.c */
int cli_cmd_export_records(struct cli *c);  /* export csv and export cases */
int cli_cmd_findings_list(struct cli *c);   /* cli_findings.c */
int cli_cmd_findings_accept(struct cli *c);
int cli_cmd_findings_withdraw(struct cli *c);
int cli_cmd_actions(struct cli *c); /* cli_actions.c */
int cli_cmd_export_actions(struct cli *c);
int cli_cmd_action_set(struct cli *c);
int cli_cmd_compare(struct cli *c);
int cli_cmd_report(struct cli *c);
int cli_cmd_export_share(struct cli *c); /* cli_returns.c: export pack and export return */
int cli_cmd_import(struct cli *c);
int cli_cmd_show(struct cli *c);
int cli_cmd_backup(struct cli *c); /* cli_safety.c */
int cli_cmd_restore(struct cli *c);
int cli_cmd_check_db(struct cli *c);

/* The values some options take, for the table and for the commands that check them. */
const char *cli_briefing_format(size_t i); /* cli_export.c: md, docx, html, pdf */
const char *cli_actions_format(size_t i);  /* cli_actions.c: md, csv */
const char *cli_action_status(size_t i);   /* cli_actions.c: open, then each status */
const char *cli_pack_format(size_t i);	   /* cli_returns.c: maca, xlsx, csv */

#endif
