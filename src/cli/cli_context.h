/* What every command of the command line uses besides the sink: its options and arguments,
 * the configuration, the database, where exports go, the disclosure check's report
 * (cli_context.c). Included last by every command's file, after its other headers, since it
 * brings in cli_out.h; none of this calls back into a command. */
#ifndef MACA_CLI_CONTEXT_H
#define MACA_CLI_CONTEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "disclosure.h"
#include "disclosure_gate.h"
#include "form.h"
#include "store.h"
#include "cli_out.h"

/* The command's options and arguments (checked against its table entry before it runs).
 * Asking for an option the command does not declare is a bug, and aborts. */
const char *cli_opt(struct cli *c, const char *name); /* its value, or NULL */
bool cli_flag(struct cli *c, const char *name);
const char *cli_arg(struct cli *c, int i);
int cli_nargs(struct cli *c);
/* Whether the command being run is named words, or starts with them ("learning" of "learning
 * show"): for a function the table names for several commands. */
bool cli_command_is(const struct cli *c, const char *words);

/* The database path chosen by --db, the configuration or the default (caller frees), after
 * loading the configuration. Prints the problem and returns NULL when there is none. */
char *cli_db_path(struct cli *c);
/* Loads the configuration (c->cfg) once; prints the problem and returns CLI_FAIL if it
 * cannot. */
int cli_load_config(struct cli *c);
/* Opens the database chosen as cli_db_path says, taking the day's automatic backup. Prints
 * the problem and returns CLI_FAIL when it cannot. */
int cli_open_store(struct cli *c, struct store **st);
/* The same for the interface, whose first frame must not wait for the backup: *job takes it
 * in steps once the interface is idle (NULL: none, for ":memory:"), and before the first
 * write of this maca. cli_end_backup ends it (a whole copy kept), warning when it failed. */
struct backup_job;
int cli_open_store_stepped(struct cli *c, struct store **st, struct backup_job **job);
void cli_end_backup(struct cli *c, struct backup_job *job);
/* The audit argument 0 names, opened for a command: the database (as cli_open_store opens
 * it), the audit's id and, when asked for, what store_audit_get says of it. */
struct cli_audit {
	struct store *st;
	int64_t id;
	struct audit_info info;
};
/* Prints the problem and returns CLI_FAIL, a closed, when either cannot be opened. */
int cli_audit_open(struct cli *c, bool with_info, struct cli_audit *a);
void cli_audit_close(struct cli_audit *a);
/* An option of a command that sets a field of a form. */
struct cli_field_option {
	const char *option, *field;
};
/* The form for kind as tpl words it and as the interface shows it (form_reword, with ctx's
 * lists): the template's labels, and the fields its audits do not show hidden. An option of
 * given (ended by a NULL option) that the command was given for a hidden field is refused:
 * each such is printed and CLI_FAIL returned, as it is when the form cannot be read. */
int cli_form_open(struct cli *c, enum record_kind kind, const struct template *tpl,
		  const struct form_context *ctx, const struct cli_field_option *given,
		  struct form **out);
/* Where an export goes: output (its -o) when given, else <export_dir or .>/NAME, NAME
 * formatted from fmt (caller frees; NULL when out of memory). */
char *cli_export_path(struct cli *c, const char *output, const char *fmt, ...) CLI_PRINTF(3, 4);
/* Writes an export to path as export_file.h does (whole or not at all, 0600, an existing
 * file only with force) and prints the path; prints the problem and returns CLI_FAIL when it
 * cannot. */
int cli_write_export(struct cli *c, const char *path, const char *data, size_t len, bool force);
/* The disclosure gate (disclosure_gate.h) before a published document is written: lists each
 * finding on stderr, once, with what was decided (accepted by whom, or open with its audit and
 * id); CLI_FAIL, saying how to fix or accept, while any is open. */
int cli_gate_findings(struct cli *c, struct store *st, struct disclosure_list *found);

#endif
