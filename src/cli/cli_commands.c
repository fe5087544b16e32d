/* The command table: a command added to maca is a row here, its function in the file of its
 * kind of work (declared in cli_commands.h), and its entry in man/maca.1 (tests/test_manual.c
 * checks both directions); help and completion follow from the row. This file only points
 * at the commands: it calls nothing. */
#include "cli_commands.h"

#include <string.h>

#include "briefing.h"

/* Options shared by several commands. */
#define OUTPUT                                                                                     \
	{                                                                                          \
		"-o", "--output", CLI_FILE, NULL                                                   \
	}
#define FORCE                                                                                      \
	{                                                                                          \
		"--force", NULL, CLI_FLAG, NULL                                                    \
	}
#define ACTION_FILTERS                                                                             \
	{"--audit", NULL, CLI_AUDIT, NULL}, {"--agency", NULL, CLI_AGENCY, NULL},                  \
	    {"--status", NULL, CLI_TEXT, cli_action_status}, {"--overdue", NULL, CLI_FLAG, NULL},  \
	    {"--due-within", NULL, CLI_TEXT, NULL},                                                \
	{                                                                                          \
		"--due-before", NULL, CLI_TEXT, NULL                                               \
	}
#define SHARE_OPTIONS                                                                              \
	OUTPUT, {"--agency", NULL, CLI_AGENCY, NULL}, FORCE,                                       \
	{                                                                                          \
		"--encrypt", NULL, CLI_FLAG, NULL                                                  \
	}
#define TEXT_OPTIONS                                                                               \
	{"--text", NULL, CLI_TEXT, NULL},                                                          \
	{                                                                                          \
		"--text-file", NULL, CLI_FILE, NULL                                                \
	}
#define LAYOUT                                                                                     \
	{                                                                                          \
		"--layout", NULL, CLI_ONE_OF, briefing_layout_name                                 \
	}
#define LEARNING_LINKS                                                                             \
	{"--cases", NULL, CLI_TEXT, NULL}, {"--agencies", NULL, CLI_AGENCY, NULL},                 \
	{                                                                                          \
		"--sections", NULL, CLI_TEXT, NULL                                                 \
	}
#define END                                                                                        \
	{                                                                                          \
		NULL, NULL, CLI_FLAG, NULL                                                         \
	}
#define OPTIONS(...) ((const struct cli_option[]){__VA_ARGS__, END})
#define NO_OPTIONS ((const struct cli_option[]){END})

/* In the order the export kinds are listed; `maca --help` lists them by group. */
static const struct cli_command commands[] = {
    {"templates", cli_cmd_templates, "[--ids | --paths]", "list the installed audit templates",
     CLI_GROUP_SETUP, OPTIONS({"--ids", NULL, CLI_FLAG, NULL}, {"--paths", NULL, CLI_FLAG, NULL}),
     "", "templates takes no arguments, only --ids or --paths"},
    {"check", cli_cmd_check, "FILE...", "check audit template and form files", CLI_GROUP_SETUP,
     NO_OPTIONS, "file...", "check needs at least one FILE"},
    {"new", cli_cmd_new,
     "TEMPLATE TITLE [--date YYYY-MM-DD] [--chair AGENCY]\n"
     "    [--partnership NAME] [--theme TEXT] [--agencies ID,ID,...]\n"
     "    [--reaudit-of AUDIT]",
     "create an audit, print its id", CLI_GROUP_AUDITS,
     OPTIONS({"--date", NULL, CLI_TEXT, NULL}, {"--chair", NULL, CLI_AGENCY, NULL},
	     {"--partnership", NULL, CLI_TEXT, NULL}, {"--theme", NULL, CLI_TEXT, NULL},
	     {"--agencies", NULL, CLI_AGENCY, NULL}, {"--reaudit-of", NULL, CLI_AUDIT, NULL}),
     "template text",
     "new needs TEMPLATE and TITLE, e.g. maca new domestic-abuse \"Domestic abuse audit, "
     "June\""},
    {"list", cli_cmd_list, "[--ids]", "list the audits, one per line", CLI_GROUP_AUDITS,
     OPTIONS({"--ids", NULL, CLI_FLAG, NULL}), "", "list takes no arguments, only --ids"},
    {"room", cli_cmd_room, "[AUDIT]",
     "show the audit day on a second screen for the room, following the chair (read-only)",
     CLI_GROUP_AUDITS, NO_OPTIONS, "audit?", "room takes at most one AUDIT, e.g. maca room 1"},
    {"case add", cli_cmd_case_add, "AUDIT REF [--age BAND] [--plan STATUS] [--tags ID,ID,...]",
     "add a case to an audit, print its id", CLI_GROUP_AUDITS,
     OPTIONS({"--age", NULL, CLI_TEXT, NULL}, {"--plan", NULL, CLI_TEXT, NULL},
	     {"--tags", NULL, CLI_TEXT, NULL}),
     "audit text", "case add needs AUDIT and REF, e.g. maca case add 1 \"Child A\""},
    {"good-practice add", cli_cmd_item_add,
     "AUDIT (--text TEXT | --text-file FILE) [--agencies ID,...] [--cases REF,...]",
     "add good practice to an audit, print its number", CLI_GROUP_BRIEFING,
     OPTIONS(TEXT_OPTIONS, {"--agencies", NULL, CLI_AGENCY, NULL},
	     {"--cases", NULL, CLI_TEXT, NULL}),
     "audit", "good-practice add needs AUDIT, e.g. maca good-practice add 1 --text-file gp.md"},
    {"good-practice list", cli_cmd_item_list, "AUDIT",
     "list the good practice: number, agencies, cases, text", CLI_GROUP_BRIEFING, NO_OPTIONS,
     "audit", "good-practice list needs AUDIT, e.g. maca good-practice list 1"},
    {"good-practice show", cli_cmd_item_show, "AUDIT N",
     "print one item's text as it is, to edit it", CLI_GROUP_BRIEFING, NO_OPTIONS, "audit text",
     "good-practice show needs AUDIT and N, e.g. maca good-practice show 1 3"},
    {"good-practice edit", cli_cmd_item_edit,
     "AUDIT N [--text TEXT | --text-file FILE] [--agencies ID,...] [--cases REF,...]",
     "change an item; what is not given stays", CLI_GROUP_BRIEFING,
     OPTIONS(TEXT_OPTIONS, {"--agencies", NULL, CLI_AGENCY, NULL},
	     {"--cases", NULL, CLI_TEXT, NULL}),
     "audit text",
     "good-practice edit needs AUDIT and N, e.g. maca good-practice edit 1 3 --text-file gp.md"},
    {"good-practice move", cli_cmd_item_move, "AUDIT N TO",
     "move an item to place TO; the others follow", CLI_GROUP_BRIEFING, NO_OPTIONS,
     "audit text text",
     "good-practice move needs AUDIT, N and TO, e.g. maca good-practice move 1 5 1"},
    {"good-practice remove", cli_cmd_item_remove, "AUDIT N", "remove an item", CLI_GROUP_BRIEFING,
     NO_OPTIONS, "audit text",
     "good-practice remove needs AUDIT and N, e.g. maca good-practice remove 1 3"},
    {"learning add", cli_cmd_item_add,
     "AUDIT [--title TITLE] [--text TEXT | --text-file FILE]\n"
     "    [--cases REF,...] [--agencies ID,...] [--sections ID,...]",
     "add a learning point, print its number", CLI_GROUP_BRIEFING,
     OPTIONS({"--title", NULL, CLI_TEXT, NULL}, TEXT_OPTIONS, LEARNING_LINKS), "audit",
     "learning add needs AUDIT, e.g. maca learning add 1 --text-file point.md"},
    {"learning list", cli_cmd_item_list, "AUDIT",
     "list the learning points: number, title, actions, text", CLI_GROUP_BRIEFING, NO_OPTIONS,
     "audit", "learning list needs AUDIT, e.g. maca learning list 1"},
    {"learning show", cli_cmd_item_show, "AUDIT N",
     "print one learning point's text as it is, to edit it", CLI_GROUP_BRIEFING, NO_OPTIONS,
     "audit text", "learning show needs AUDIT and N, e.g. maca learning show 1 2"},
    {"learning edit", cli_cmd_item_edit,
     "AUDIT N [--title TITLE] [--text TEXT | --text-file FILE]\n"
     "    [--cases REF,...] [--agencies ID,...] [--sections ID,...]",
     "change a learning point; what is not given stays", CLI_GROUP_BRIEFING,
     OPTIONS({"--title", NULL, CLI_TEXT, NULL}, TEXT_OPTIONS, LEARNING_LINKS), "audit text",
     "learning edit needs AUDIT and N, e.g. maca learning edit 1 2 --text-file point.md"},
    {"learning move", cli_cmd_item_move, "AUDIT N TO",
     "renumber a learning point as TO; the others follow", CLI_GROUP_BRIEFING, NO_OPTIONS,
     "audit text text", "learning move needs AUDIT, N and TO, e.g. maca learning move 1 4 1"},
    {"learning remove", cli_cmd_item_remove, "AUDIT N", "remove a learning point and its actions",
     CLI_GROUP_BRIEFING, NO_OPTIONS, "audit text",
     "learning remove needs AUDIT and N, e.g. maca learning remove 1 2"},
    {"briefing parts", cli_cmd_briefing_parts, "AUDIT [--layout standard|seven-minute]",
     "list the briefing's parts: place, on or off, name, text, heading", CLI_GROUP_BRIEFING,
     OPTIONS(LAYOUT), "audit", "briefing parts needs AUDIT, e.g. maca briefing parts 1"},
    {"briefing show", cli_cmd_briefing_show,
     "AUDIT PART [--layout standard|seven-minute] [--suggested]",
     "print a part's text, or what maca suggests for it", CLI_GROUP_BRIEFING,
     OPTIONS(LAYOUT, {"--suggested", NULL, CLI_FLAG, NULL}), "audit text",
     "briefing show needs AUDIT and PART, e.g. maca briefing show 1 background"},
    {"briefing text", cli_cmd_briefing_text,
     "AUDIT PART (--text TEXT | --text-file FILE) [--layout standard|seven-minute]",
     "set a part's text (empty: none)", CLI_GROUP_BRIEFING, OPTIONS(TEXT_OPTIONS, LAYOUT),
     "audit text",
     "briefing text needs AUDIT and PART, e.g. maca briefing text 1 background --text-file "
     "background.md"},
    {"briefing take", cli_cmd_briefing_take,
     "AUDIT PART [--layout standard|seven-minute] [--force]",
     "take maca's suggestion as a part's text, to edit", CLI_GROUP_BRIEFING, OPTIONS(LAYOUT, FORCE),
     "audit text", "briefing take needs AUDIT and PART, e.g. maca briefing take 1 sample"},
    {"briefing on", cli_cmd_briefing_on_off, "AUDIT PART... [--layout standard|seven-minute]",
     "show parts in the briefing", CLI_GROUP_BRIEFING, OPTIONS(LAYOUT), "audit text...",
     "briefing on needs AUDIT and a PART, e.g. maca briefing on 1 questions"},
    {"briefing off", cli_cmd_briefing_on_off, "AUDIT PART... [--layout standard|seven-minute]",
     "leave parts out of the briefing", CLI_GROUP_BRIEFING, OPTIONS(LAYOUT), "audit text...",
     "briefing off needs AUDIT and a PART, e.g. maca briefing off 1 findings actions"},
    {"briefing move", cli_cmd_briefing_move, "AUDIT PART PLACE [--layout standard|seven-minute]",
     "move a part to PLACE; the others follow", CLI_GROUP_BRIEFING, OPTIONS(LAYOUT),
     "audit text text",
     "briefing move needs AUDIT, PART and PLACE, e.g. maca briefing move 1 sample 3"},
    {"briefing heading", cli_cmd_briefing_heading,
     "AUDIT PART (--to TEXT | --none | --default)\n"
     "    [--layout standard|seven-minute]",
     "set a part's heading, or none, or the layout's", CLI_GROUP_BRIEFING,
     OPTIONS({"--to", NULL, CLI_TEXT, NULL}, {"--none", NULL, CLI_FLAG, NULL},
	     {"--default", NULL, CLI_FLAG, NULL}, LAYOUT),
     "audit text",
     "briefing heading needs AUDIT and PART, e.g. maca briefing heading 1 themes --none"},
    {"briefing set", cli_cmd_briefing_set,
     "AUDIT [--title TEXT] [--published YYYY-MM] [--subtitle TEXT]\n"
     "    [--key-learning N,N,N] [--template-resources all|none|N,...]",
     "change the briefing's settings (empty: the default)", CLI_GROUP_BRIEFING,
     OPTIONS({"--title", NULL, CLI_TEXT, NULL}, {"--published", NULL, CLI_TEXT, NULL},
	     {"--subtitle", NULL, CLI_TEXT, NULL}, {"--key-learning", NULL, CLI_TEXT, NULL},
	     {"--template-resources", NULL, CLI_TEXT, NULL}),
     "audit", "briefing set needs AUDIT, e.g. maca briefing set 1 --published 2025-06"},
    {"briefing settings", cli_cmd_briefing_settings, "AUDIT", "print the briefing's settings",
     CLI_GROUP_BRIEFING, NO_OPTIONS, "audit",
     "briefing settings needs AUDIT, e.g. maca briefing settings 1"},
    {"export briefing", cli_cmd_export_briefing,
     "AUDIT [-o FILE] [--layout standard|seven-minute]\n"
     "    [--format md|docx|html|pdf] [--no-findings] [--with-comparison]\n"
     "    [--force]",
     "write the briefing of our learning", CLI_GROUP_BRIEFING,
     OPTIONS(OUTPUT, LAYOUT, {"--format", NULL, CLI_ONE_OF, cli_briefing_format},
	     {"--no-findings", NULL, CLI_FLAG, NULL}, {"--with-comparison", NULL, CLI_FLAG, NULL},
	     FORCE),
     "audit", "export briefing needs AUDIT, e.g. maca export briefing 1"},
    {"export csv", cli_cmd_export_records, "AUDIT [-o FILE] [--excel] [--force]",
     "write the answers as CSV", CLI_GROUP_BRIEFING,
     OPTIONS(OUTPUT, {"--excel", NULL, CLI_FLAG, NULL}, FORCE), "audit",
     "export csv needs AUDIT, e.g. maca export csv 1"},
    {"export cases", cli_cmd_export_records, "AUDIT [-o FILE] [--force]",
     "write the case summaries", CLI_GROUP_BRIEFING, OPTIONS(OUTPUT, FORCE), "audit",
     "export cases needs AUDIT, e.g. maca export cases 1"},
    {"findings list", cli_cmd_findings_list, "AUDIT",
     "list the possible identifiers in what would be published, open or accepted",
     CLI_GROUP_BRIEFING, NO_OPTIONS, "audit",
     "findings list needs AUDIT, e.g. maca findings list 1"},
    {"findings accept", cli_cmd_findings_accept, "AUDIT FINDING --reason TEXT",
     "accept a possible identifier for publishing, saying why", CLI_GROUP_BRIEFING,
     OPTIONS({"--reason", NULL, CLI_TEXT, NULL}), "audit text",
     "findings accept needs AUDIT and FINDING, e.g. maca findings accept 1 3fa9c2d1 --reason "
     "\"a made-up example\""},
    {"findings withdraw", cli_cmd_findings_withdraw, "AUDIT FINDING [--reason TEXT]",
     "take back an acceptance: the finding is open again", CLI_GROUP_BRIEFING,
     OPTIONS({"--reason", NULL, CLI_TEXT, NULL}), "audit text",
     "findings withdraw needs AUDIT and FINDING, e.g. maca findings withdraw 1 3fa9c2d1"},
    {"actions", cli_cmd_actions,
     "[--audit AUDIT] [--agency A] [--status S] [--overdue]\n"
     "    [--due-within DAYS] [--due-before YYYY-MM-DD]",
     "list the actions across audits", CLI_GROUP_FOLLOW_UP, OPTIONS(ACTION_FILTERS), "",
     "actions takes options only, e.g. maca actions --overdue"},
    {"export actions", cli_cmd_export_actions,
     "[--audit AUDIT] [--agency A] [--status S] [--overdue] [--due-within DAYS]\n"
     "    [--due-before YYYY-MM-DD] [-o FILE] [--format md|csv] [--excel]\n"
     "    [--force]",
     "write the actions as Markdown or CSV", CLI_GROUP_FOLLOW_UP,
     OPTIONS(ACTION_FILTERS, OUTPUT, {"--format", NULL, CLI_TEXT, cli_actions_format},
	     {"--excel", NULL, CLI_FLAG, NULL}, FORCE),
     "", "export actions takes options only, e.g. maca export actions --overdue -o actions.md"},
    {"action set", cli_cmd_action_set, "ACTION-ID STATUS [--note TEXT]",
     "change an action's status", CLI_GROUP_FOLLOW_UP, OPTIONS({"--note", NULL, CLI_TEXT, NULL}),
     "text text",
     "action set needs ACTION-ID and STATUS, e.g. maca action set 12 in-progress --note "
     "\"Training booked\""},
    {"compare", cli_cmd_compare, "OLD NEW [-o FILE] [--force]",
     "a re-audit's grades, learning and actions against the earlier audit's", CLI_GROUP_FOLLOW_UP,
     OPTIONS(OUTPUT, FORCE), "audit audit",
     "compare needs OLD and NEW audits, e.g. maca compare 1 2"},
    {"report", cli_cmd_report, "[--since YYYY-MM-DD] [-o FILE] [--force]",
     "the partnership's view across all audits", CLI_GROUP_FOLLOW_UP,
     OPTIONS(OUTPUT, {"--since", NULL, CLI_TEXT, NULL}, FORCE), "",
     "report takes no arguments, only options, e.g. maca report --since 2025-01-01"},
    {"export pack", cli_cmd_export_share,
     "AUDIT --agency AGENCY [-o FILE] [--encrypt] [--force]\n"
     "    [--format maca|xlsx|csv]",
     "write one agency's audit pack, to send it", CLI_GROUP_RETURNS,
     OPTIONS(SHARE_OPTIONS, {"--format", NULL, CLI_ONE_OF, cli_pack_format}), "audit",
     "export pack needs AUDIT and --agency, e.g. maca export pack 1 --agency police -o "
     "police.maca"},
    {"export return", cli_cmd_export_share, "AUDIT --agency AGENCY [-o FILE] [--encrypt] [--force]",
     "write an agency's return, to send to the chair", CLI_GROUP_RETURNS, OPTIONS(SHARE_OPTIONS),
     "audit",
     "export return needs AUDIT and --agency, e.g. maca export return 1 --agency police -o "
     "return.maca"},
    {"import", cli_cmd_import, "FILE [--replace]",
     "take in a pack, or an agency's return (maca, workbook or CSV)", CLI_GROUP_RETURNS,
     OPTIONS({"--replace", NULL, CLI_FLAG, NULL}), "file",
     "import needs FILE, e.g. maca import return-police.maca"},
    {"show", cli_cmd_show, "FILE", "print what a pack or return holds", CLI_GROUP_RETURNS,
     NO_OPTIONS, "file", "show needs FILE, e.g. maca show return-police.maca"},
    {"backup", cli_cmd_backup, "[-o FILE]", "back up the database now", CLI_GROUP_DATA,
     OPTIONS({"-o", NULL, CLI_FILE, NULL}), "", "backup takes no arguments but -o FILE"},
    {"restore", cli_cmd_restore, "FILE", "replace the database with a checked backup",
     CLI_GROUP_DATA, NO_OPTIONS, "file",
     "restore needs the backup FILE, e.g. maca restore backups/maca-20260101T090000Z.db"},
    {"check-db", cli_cmd_check_db, "", "check the database for damage", CLI_GROUP_DATA, NO_OPTIONS,
     "", "check-db takes no arguments"},
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

static const struct cli_family families[] = {
    {"case", "subcommand", "case subcommand"},
    {"good-practice", "subcommand", "good-practice subcommand"},
    {"learning", "subcommand", "learning subcommand"},
    {"briefing", "subcommand", "briefing subcommand"},
    {"export", "kind", "export"},
    {"action", "subcommand", "action subcommand"},
    {"findings", "subcommand", "findings subcommand"},
    {NULL, NULL, NULL},
};

static const char *const group_names[CLI_GROUP_COUNT] = {
    [CLI_GROUP_SETUP] = "Set up",	 [CLI_GROUP_AUDITS] = "Audits",
    [CLI_GROUP_RETURNS] = "Returns",	 [CLI_GROUP_BRIEFING] = "Briefing",
    [CLI_GROUP_FOLLOW_UP] = "Follow-up", [CLI_GROUP_DATA] = "Data",
};

static const struct cli_option global_options[] = {
    {"--db", NULL, CLI_FILE, NULL},	 {"--config", NULL, CLI_FILE, NULL},
    {"--help", NULL, CLI_FLAG, NULL},	 {"-h", NULL, CLI_FLAG, NULL},
    {"--version", NULL, CLI_FLAG, NULL}, END,
};

/* Options maca no longer takes, each with what replaced it: refused by name, so that a script
 * that passes one learns what to do instead. */
static const struct {
	const char *name;
	const char *instead;
} retired_options[] = {
    {"--allow-identifiers",
     "no longer publishes what the check found: fix each finding, or accept it for publishing "
     "with a reason (maca findings list AUDIT, then maca findings accept AUDIT FINDING "
     "--reason TEXT)"},
};

const char *cli_retired_option(const char *word)
{
	size_t len = strcspn(word, "=");
	for (size_t i = 0; i < sizeof retired_options / sizeof retired_options[0]; i++)
		if (strlen(retired_options[i].name) == len &&
		    strncmp(retired_options[i].name, word, len) == 0)
			return retired_options[i].instead;
	return NULL;
}

const struct cli_command *cli_commands(size_t *n)
{
	*n = NCOMMANDS;
	return commands;
}

/* Whether name's words are argv's first words. */
static bool names(const char *name, int argc, char *const *argv)
{
	for (int i = 0; i < argc && *name; i++) {
		size_t len = strcspn(name, " ");
		if (strlen(argv[i]) != len || strncmp(argv[i], name, len) != 0)
			return false;
		name += len;
		name += *name == ' ';
	}
	return *name == '\0';
}

const struct cli_command *cli_command_find(int argc, char *const *argv)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (names(commands[i].name, argc, argv))
			return &commands[i];
	return NULL;
}

const struct cli_family *cli_families(void)
{
	return families;
}

const struct cli_family *cli_family_find(const char *word)
{
	for (const struct cli_family *f = families; f->word; f++)
		if (strcmp(f->word, word) == 0)
			return f;
	return NULL;
}

const char *cli_group_name(enum cli_group g)
{
	return (unsigned)g < CLI_GROUP_COUNT ? group_names[g] : "?";
}

const struct cli_option *cli_global_options(void)
{
	return global_options;
}
