/* The action tracker on the command line: `maca actions` lists actions across audits as
 * aligned text, `maca export actions` writes the same list as Markdown or CSV, and `maca action
 * set` changes one action's status with a progress note, for scripts. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_internal.h"
#include "export_actions.h"
#include "export_file.h"
#include "sbuf.h"
#include "store_actions.h"

static int say(struct cli *c, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int say(struct cli *c, int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("maca: ", c->err);
	vfprintf(c->err, fmt, ap);
	fputc('\n', c->err);
	va_end(ap);
	if (status == CLI_USAGE)
		fputs("Try 'maca --help'.\n", c->err);
	return status;
}

static int say_err(struct cli *c, struct maca_err *e)
{
	say(c, CLI_FAIL, "%s", err_msg(e));
	err_clear(e);
	return CLI_FAIL;
}

/* The filter options every listing command takes, as given. */
struct filter_opts {
	const char *agency, *status, *audit, *due_before, *due_within;
	bool overdue;
};

#define FILTER_SPECS(o)                                                                            \
	{"--agency", &(o).agency, NULL}, {"--status", &(o).status, NULL},                          \
	    {"--audit", &(o).audit, NULL}, {"--due-before", &(o).due_before, NULL},                \
	    {"--due-within", &(o).due_within, NULL},                                               \
	{                                                                                          \
		"--overdue", NULL, &(o).overdue                                                    \
	}

/* The status names for a message, from store.h's table: "not-started, ..., done or
 * cannot-be-done", or with `last` after them all ("..., cannot-be-done or open"). NULL on
 * allocation failure. */
static char *status_names(const char *last)
{
	struct sbuf b = {0};
	for (int s = 0; s < ACTION_STATUS_COUNT; s++) {
		bool final = s == ACTION_STATUS_COUNT - 1 && !last;
		sbuf_addf(&b, "%s%s", s ? (final ? " or " : ", ") : "",
			  action_status_name((enum action_status)s));
	}
	if (last)
		sbuf_addf(&b, " or %s", last);
	return sbuf_take(&b);
}

/* "open" or a comma-separated list of status names. */
static bool parse_statuses(const char *text, unsigned *out)
{
	*out = 0;
	if (strcmp(text, "open") == 0) {
		*out = ACTION_STATUSES_OPEN;
		return true;
	}
	struct named_list parts = {0};
	bool ok = split_list(text, &parts) && parts.n > 0;
	for (size_t i = 0; ok && i < parts.n; i++) {
		enum action_status s;
		ok = action_status_parse(parts.items[i].id, &s);
		*out |= ok ? ACTION_STATUS_BIT(s) : 0;
	}
	named_list_free(&parts);
	return ok;
}

/* Turns the options into a filter (resolving --audit in st, naming the audit in *title).
 * Prints the problem and returns a CLI status when an option is wrong. */
static int make_filter(struct cli *c, struct store *st, const struct filter_opts *o,
		       const char *today, struct action_filter *f, char **title)
{
	*f = (struct action_filter){
	    .today = today, .agency = o->agency, .due_before = o->due_before};
	*title = NULL;
	if (o->status && !parse_statuses(o->status, &f->statuses)) {
		char *names = status_names("open");
		int rc = names ? say(c, CLI_USAGE,
				     "--status '%s': give %s (several separated by commas)",
				     o->status, names)
			       : say(c, CLI_FAIL, "out of memory");
		free(names);
		return rc;
	}
	if (o->overdue && o->due_within)
		return say(c, CLI_USAGE, "give --overdue or --due-within, not both");
	if (o->overdue)
		f->due = ACTION_DUE_OVERDUE;
	if (o->due_within) {
		long days;
		if (!parse_long(o->due_within, &days) || days < 0 || days > 36600)
			return say(c, CLI_USAGE,
				   "--due-within '%s': give a number of days, 0 or more",
				   o->due_within);
		f->due = ACTION_DUE_WITHIN;
		f->within_days = (int)days;
	}
	if (o->due_before && !date_valid(o->due_before))
		return say(c, CLI_USAGE, "--due-before '%s': give a date written YYYY-MM-DD",
			   o->due_before);
	if (o->audit) {
		struct maca_err e = {0};
		struct audit_info info = {0};
		if (store_audit_resolve(st, o->audit, &f->audit_id, &e) ||
		    store_audit_get(st, f->audit_id, &info, &e))
			return say_err(c, &e);
		*title = info.title;
		info.title = NULL;
		audit_info_free(&info);
	}
	return CLI_OK;
}

/* Opens the store and lists the actions the options choose. */
static int list_actions(struct cli *c, const struct filter_opts *o, struct store **st, char *today,
			struct action_filter *f, char **title, struct action_item **items,
			size_t *n)
{
	*st = NULL;
	*items = NULL;
	*n = 0;
	*title = NULL;
	action_today(today, 11);
	if (!*today)
		return say(c, CLI_FAIL, "cannot read today's date from the system clock");
	if (cli_open_store(c, st))
		return CLI_FAIL;
	int rc = make_filter(c, *st, o, today, f, title);
	struct maca_err e = {0};
	if (!rc && store_actions_list(*st, f, items, n, &e))
		rc = say_err(c, &e);
	return rc;
}

int cli_actions(struct cli *c, int argc, char **argv)
{
	struct filter_opts o = {0};
	const struct opt_spec spec[] = {FILTER_SPECS(o), {NULL, NULL, NULL}};
	const char *pos[1];
	int rc = cli_parse_command(c, argc, argv, spec, 0, pos,
				   "actions takes options only, e.g. maca actions --overdue");
	if (rc)
		return rc;
	struct store *st;
	char today[11], *title, *text = NULL;
	struct action_filter f;
	struct action_item *items;
	size_t n;
	rc = list_actions(c, &o, &st, today, &f, &title, &items, &n);
	struct maca_err e = {0};
	if (!rc && export_actions_text(items, n, &text, &e))
		rc = say_err(c, &e);
	if (!rc) {
		fputs(text, c->out);
		if (n == 0)
			say(c, CLI_OK, "no actions match");
	}
	free(text);
	free(title);
	action_items_free(items, n);
	store_close(st);
	return rc;
}

/* The format by --format, else by the file's extension. */
static int pick_format(struct cli *c, const char *format, const char *output, bool *csv)
{
	const char *dot = output ? strrchr(output, '.') : NULL;
	const char *name = format ? format : dot ? dot + 1 : "md";
	if (strcmp(name, "md") == 0 || strcmp(name, "csv") == 0) {
		*csv = strcmp(name, "csv") == 0;
		return CLI_OK;
	}
	if (format)
		return say(c, CLI_USAGE, "export actions --format '%s': give md or csv", format);
	return say(c, CLI_USAGE,
		   "export actions: cannot tell the format of '%s'; end it in .md or .csv, or "
		   "pass --format md|csv",
		   output);
}

int cli_export_actions(struct cli *c, int argc, char **argv)
{
	struct filter_opts o = {0};
	const char *output = NULL, *format = NULL;
	bool excel = false, force = false, allow = false;
	const struct opt_spec spec[] = {FILTER_SPECS(o),
					{"--allow-identifiers", NULL, &allow},
					{"-o", &output, NULL},
					{"--output", &output, NULL},
					{"--format", &format, NULL},
					{"--excel", NULL, &excel},
					{"--force", NULL, &force},
					{NULL, NULL, NULL}};
	const char *pos[1];
	bool csv = false;
	int rc = cli_parse_command(c, argc, argv, spec, 0, pos,
				   "export actions takes options only, e.g. maca export actions "
				   "--overdue -o actions.md");
	if (!rc)
		rc = pick_format(c, format, output, &csv);
	if (!rc && excel && !csv)
		rc = say(c, CLI_USAGE, "--excel is for CSV: pass --format csv or a .csv file");
	if (rc)
		return rc;
	struct store *st;
	char today[11], *title, *data = NULL, *path = NULL, *filters = NULL;
	struct action_filter f;
	struct action_item *items;
	size_t n;
	rc = list_actions(c, &o, &st, today, &f, &title, &items, &n);
	struct maca_err e = {0};
	/* Shared with the partnership's quality assurance subgroup, so checked like the
	 * briefing: progress notes are free text written long after the audit was checked. */
	struct disclosure_list found = {0};
	if (!rc && export_actions_scan(items, n, &found, &e))
		rc = say_err(c, &e);
	if (!rc)
		rc = cli_report_findings(c, &found, allow);
	disclosure_list_free(&found);
	if (!rc && !csv && !(filters = action_filter_describe(&f, title)))
		rc = say(c, CLI_FAIL, "out of memory");
	if (!rc && (csv ? export_actions_csv(items, n, excel, &data, &e)
			: export_actions_md(items, n, filters, today, &data, &e)))
		rc = say_err(c, &e);
	if (!rc) {
		const char *dir = c->cfg.export_dir && *c->cfg.export_dir ? c->cfg.export_dir : ".";
		path = output ? str_dup(output)
			      : str_fmt("%s%s%s-%s.%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/",
					"actions", today, csv ? "csv" : "md");
		if (!path)
			rc = say(c, CLI_FAIL, "out of memory");
	}
	if (!rc && export_file_write(path, data, strlen(data), force, &e))
		rc = say_err(c, &e);
	if (!rc)
		fprintf(c->out, "%s\n", path);
	free(path);
	free(data);
	free(filters);
	free(title);
	action_items_free(items, n);
	store_close(st);
	return rc;
}

static int action_set(struct cli *c, int argc, char **argv)
{
	const char *note = NULL;
	const struct opt_spec spec[] = {{"--note", &note, NULL}, {NULL, NULL, NULL}};
	const char *pos[2];
	int rc = cli_parse_command(c, argc, argv, spec, 2, pos,
				   "action set needs ACTION-ID and STATUS, e.g. maca action set 12 "
				   "in-progress --note \"Training booked\"");
	if (rc)
		return rc;
	long id;
	enum action_status status;
	if (!parse_long(pos[0], &id) || id <= 0)
		return say(c, CLI_USAGE,
			   "action set: '%s' is not an action id; `maca actions` lists them",
			   pos[0]);
	if (!action_status_parse(pos[1], &status)) {
		char *names = status_names(NULL);
		rc = names ? say(c, CLI_USAGE, "action set: unknown status '%s'; give %s", pos[1],
				 names)
			   : say(c, CLI_FAIL, "out of memory");
		free(names);
		return rc;
	}
	struct store *st;
	if (cli_open_store(c, &st))
		return CLI_FAIL;
	struct maca_err e = {0};
	if (store_action_set_status(st, id, status, note, &e))
		rc = say_err(c, &e);
	store_close(st);
	return rc;
}

int cli_action(struct cli *c, int argc, char **argv)
{
	if (argc < 2)
		return say(c, CLI_USAGE, "action needs a subcommand: set");
	if (strcmp(argv[1], "set") == 0)
		return action_set(c, argc - 1, argv + 1);
	return say(c, CLI_USAGE, "unknown action subcommand '%s' (known: set)", argv[1]);
}
