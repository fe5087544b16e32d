#include "cli_help.h"

#include <string.h>

/* A command added to maca gets a line here, and its entry in man/maca.1 (test_manual checks
 * both directions). */
static const struct cli_command_help commands[] = {
    {"templates", "[--ids | --paths]", "list the installed audit templates", "Set up"},
    {"check", "FILE...", "check audit template and form files", "Set up"},
    {"new",
     "TEMPLATE TITLE [--date YYYY-MM-DD] [--chair AGENCY]\n"
     "    [--partnership NAME] [--theme TEXT] [--agencies ID,ID,...]\n"
     "    [--reaudit-of AUDIT]",
     "create an audit, print its id", "Audits"},
    {"list", "[--ids]", "list the audits, one per line", "Audits"},
    {"case add", "AUDIT REF [--age BAND] [--plan STATUS] [--tags ID,ID,...]",
     "add a case to an audit, print its id", "Audits"},
    {"export pack",
     "AUDIT --agency AGENCY [-o FILE] [--encrypt] [--force]\n"
     "    [--format maca|xlsx|csv]",
     "write one agency's audit pack, to send it", "Returns"},
    {"export return", "AUDIT --agency AGENCY [-o FILE] [--encrypt] [--force]",
     "write an agency's return, to send to the chair", "Returns"},
    {"import", "FILE [--replace]", "take in a pack, or an agency's return (maca, xlsx or csv)",
     "Returns"},
    {"show", "FILE", "print what a pack or return holds", "Returns"},
    {"export briefing",
     "AUDIT [-o FILE] [--layout standard|seven-minute]\n"
     "    [--format md|docx|html|pdf] [--no-findings] [--with-comparison]\n"
     "    [--allow-identifiers] [--force]",
     "write the briefing of our learning", "Briefing"},
    {"export csv", "AUDIT [-o FILE] [--excel] [--force]", "write the answers as CSV", "Briefing"},
    {"export cases", "AUDIT [-o FILE] [--force]", "write the case summaries", "Briefing"},
    {"actions",
     "[--audit AUDIT] [--agency A] [--status S] [--overdue]\n"
     "    [--due-within DAYS] [--due-before YYYY-MM-DD]",
     "list the actions across audits", "Follow-up"},
    {"export actions",
     "[--audit AUDIT] [--agency A] [--status S] [--overdue] [--due-within DAYS]\n"
     "    [--due-before YYYY-MM-DD] [-o FILE] [--format md|csv] [--excel]\n"
     "    [--allow-identifiers] [--force]",
     "write the actions as Markdown or CSV", "Follow-up"},
    {"action set", "ACTION-ID STATUS [--note TEXT]", "change an action's status", "Follow-up"},
    {"compare", "OLD NEW [-o FILE] [--force]",
     "a re-audit's grades, learning and actions against the earlier audit's", "Follow-up"},
    {"report", "[--since YYYY-MM-DD] [-o FILE] [--allow-identifiers] [--force]",
     "the partnership's view across all audits", "Follow-up"},
    {"backup", "[-o FILE]", "back up the database now", "Data"},
    {"restore", "FILE", "replace the database with a checked backup", "Data"},
    {"check-db", "", "check the database for damage", "Data"},
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

const struct cli_command_help *cli_commands(size_t *n)
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

const struct cli_command_help *cli_command_find(int argc, char *const *argv)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (names(commands[i].name, argc, argv))
			return &commands[i];
	return NULL;
}

bool cli_wants_help(int argc, char *const *argv)
{
	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return true;
	return false;
}

/* Commands are listed by group, several to a line, so the help stays a dozen lines however
 * many commands there are; `maca COMMAND --help` says what each one does. */
void cli_help_print(FILE *out)
{
	fputs("usage: maca [--db PATH] [--config PATH] [COMMAND [ARGS]]\n"
	      "Multi-agency case audits for children's safeguarding partnerships.\n"
	      "With no command, maca opens its full-screen interface. Commands:\n\n",
	      out);
	for (size_t i = 0; i < NCOMMANDS; i++) {
		bool first = true;
		for (size_t j = 0; j < i && first; j++)
			first = strcmp(commands[j].group, commands[i].group) != 0;
		if (!first)
			continue;
		fprintf(out, "  %-10s", commands[i].group);
		const char *sep = " ";
		for (size_t j = i; j < NCOMMANDS; j++) {
			if (strcmp(commands[j].group, commands[i].group) != 0)
				continue;
			fprintf(out, "%s%s", sep, commands[j].name);
			sep = ", ";
		}
		fputc('\n', out);
	}
	fputs("\n`maca COMMAND --help` shows what a command does and its options;\n"
	      "the manual is `man maca`.\n",
	      out);
}

bool cli_command_help_print(FILE *out, int argc, char *const *argv)
{
	const struct cli_command_help *cmd = cli_command_find(argc, argv);
	bool found = false;
	for (size_t i = 0; i < NCOMMANDS; i++) {
		const char *name = commands[i].name;
		bool family = !cmd && argc > 0 && strncmp(name, argv[0], strlen(argv[0])) == 0 &&
			      name[strlen(argv[0])] == ' ';
		if (&commands[i] != cmd && !family)
			continue;
		fprintf(out, "usage: maca %s %s\n  %s\n", name, commands[i].synopsis,
			commands[i].summary);
		found = true;
	}
	if (found)
		fputs("The manual, `man maca`, describes each option.\n", out);
	return found;
}
