/* Follow-up after the audit day on the command line. The action tracker: `maca actions`
 * lists actions across audits as aligned text, `maca export actions` writes the same list as
 * Markdown or CSV, and `maca action set` changes one action's status with a progress note, for
 * scripts. Looking back across audits: `maca compare` is for the audit group (like `export
 * cases`, it is not checked for identifiers); `maca report` is shared with the partnership,
 * so it is checked and refused, as `export briefing` is, while a finding is neither fixed nor
 * accepted. Both print to standard output, or write a 0600 file with -o. */
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "export_actions.h"
#include "report.h"
#include "sbuf.h"
#include "store_actions.h"
#include "cli_context.h"

/* What --status offers: open, then each status by name. */
const char *cli_action_status(size_t i)
{
	if (i == 0)
		return "open";
	return i - 1 < ACTION_STATUS_COUNT ? action_status_name((enum action_status)(i - 1)) : NULL;
}

/* The formats of export actions. */
const char *cli_actions_format(size_t i)
{
	static const char *const formats[] = {"md", "csv"};
	return i < sizeof formats / sizeof formats[0] ? formats[i] : NULL;
}

/* The filter options every listing command takes, as given. */
struct filter_opts {
	const char *agency, *status, *audit, *due_before, *due_within;
	bool overdue;
};

static struct filter_opts filter_opts(struct cli *c)
{
	return (struct filter_opts){.agency = cli_opt(c, "--agency"),
				    .status = cli_opt(c, "--status"),
				    .audit = cli_opt(c, "--audit"),
				    .due_before = cli_opt(c, "--due-before"),
				    .due_within = cli_opt(c, "--due-within"),
				    .overdue = cli_flag(c, "--overdue")};
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
		int rc = names
			     ? cli_usage(c, "--status '%s': give %s (several separated by commas)",
					 o->status, names)
			     : cli_fail(c, "out of memory");
		free(names);
		return rc;
	}
	if (o->overdue && o->due_within)
		return cli_usage(c, "give --overdue or --due-within, not both");
	if (o->overdue)
		f->due = ACTION_DUE_OVERDUE;
	if (o->due_within) {
		long days;
		if (!parse_long(o->due_within, &days) || days < 0 || days > 36600)
			return cli_usage(c, "--due-within '%s': give a number of days, 0 or more",
					 o->due_within);
		f->due = ACTION_DUE_WITHIN;
		f->within_days = (int)days;
	}
	if (o->due_before && !date_valid(o->due_before))
		return cli_usage(c, "--due-before '%s': give a date written YYYY-MM-DD",
				 o->due_before);
	if (o->audit) {
		struct maca_err e = {0};
		struct audit_info info = {0};
		if (store_audit_resolve(st, o->audit, &f->audit_id, &e) ||
		    store_audit_get(st, f->audit_id, &info, &e))
			return cli_fail_err(c, NULL, &e);
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
		return cli_fail(c, "cannot read today's date from the system clock");
	if (cli_open_store(c, st))
		return CLI_FAIL;
	int rc = make_filter(c, *st, o, today, f, title);
	struct maca_err e = {0};
	if (!rc && store_actions_list(*st, f, items, n, &e))
		rc = cli_fail_err(c, NULL, &e);
	return rc;
}

int cli_cmd_actions(struct cli *c)
{
	struct filter_opts o = filter_opts(c);
	struct store *st;
	char today[11], *title, *text = NULL;
	struct action_filter f;
	struct action_item *items;
	size_t n;
	int rc = list_actions(c, &o, &st, today, &f, &title, &items, &n);
	struct maca_err e = {0};
	if (!rc && export_actions_text(items, n, &text, &e))
		rc = cli_fail_err(c, NULL, &e);
	if (!rc) {
		cli_put_block(c, text);
		if (n == 0)
			cli_say(c, "no actions match");
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
		return cli_usage(c, "export actions --format '%s': give md or csv", format);
	return cli_usage(c,
			 "export actions: cannot tell the format of '%s'; end it in .md or .csv, "
			 "or pass --format md|csv",
			 output);
}

int cli_cmd_export_actions(struct cli *c)
{
	struct filter_opts o = filter_opts(c);
	const char *output = cli_opt(c, "-o"), *format = cli_opt(c, "--format");
	bool excel = cli_flag(c, "--excel"), force = cli_flag(c, "--force");
	bool csv = false;
	int rc = pick_format(c, format, output, &csv);
	if (!rc && excel && !csv)
		rc = cli_usage(c, "--excel is for CSV: pass --format csv or a .csv file");
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
	struct disclosure_words words = {.resources = c->cfg.resources,
					 .nresources = c->cfg.nresources};
	if (!rc && export_actions_scan(st, &words, items, n, &found, &e))
		rc = cli_fail_err(c, NULL, &e);
	disclosure_words_free(&words);
	if (!rc)
		rc = cli_gate_findings(c, st, &found);
	disclosure_list_free(&found);
	if (!rc && !csv && !(filters = action_filter_describe(&f, title)))
		rc = cli_fail(c, "out of memory");
	if (!rc && (csv ? export_actions_csv(items, n, excel, &data, &e)
			: export_actions_md(items, n, filters, today, &data, &e)))
		rc = cli_fail_err(c, NULL, &e);
	if (!rc) {
		path = cli_export_path(c, output, "actions-%s.%s", today, csv ? "csv" : "md");
		rc = cli_write_export(c, path, data, strlen(data), force);
	}
	free(path);
	free(data);
	free(filters);
	free(title);
	action_items_free(items, n);
	store_close(st);
	return rc;
}

int cli_cmd_action_set(struct cli *c)
{
	const char *note = cli_opt(c, "--note");
	long id;
	enum action_status status;
	if (!parse_long(cli_arg(c, 0), &id) || id <= 0)
		return cli_usage(c,
				 "action set: '%s' is not an action id; `maca actions` lists them",
				 cli_arg(c, 0));
	if (!action_status_parse(cli_arg(c, 1), &status)) {
		char *names = status_names(NULL);
		int rc = names ? cli_usage(c, "action set: unknown status '%s'; give %s",
					   cli_arg(c, 1), names)
			       : cli_fail(c, "out of memory");
		free(names);
		return rc;
	}
	struct store *st;
	if (cli_open_store(c, &st))
		return CLI_FAIL;
	struct maca_err e = {0};
	int rc = CLI_OK;
	if (store_action_set_status(st, id, status, note, &e))
		rc = cli_fail_err(c, NULL, &e);
	store_close(st);
	return rc;
}

/* compare and report */

/* To standard output, or atomically (0600) to output. */
static int emit(struct cli *c, const char *text, const char *output, bool force)
{
	if (output)
		return cli_write_export(c, output, text, strlen(text), force);
	cli_put_block(c, text);
	return CLI_OK;
}

int cli_cmd_compare(struct cli *c)
{
	const char *output = cli_opt(c, "-o");
	bool force = cli_flag(c, "--force");
	struct store *st;
	if (cli_open_store(c, &st))
		return CLI_FAIL;
	struct maca_err e = {0};
	int64_t then_id, now_id;
	struct comparison cmp = {0};
	int rc = CLI_OK;
	if (store_audit_resolve(st, cli_arg(c, 0), &then_id, &e) ||
	    store_audit_resolve(st, cli_arg(c, 1), &now_id, &e))
		rc = cli_fail_err(c, NULL, &e);
	else if (then_id == now_id)
		rc = cli_fail(c, "compare needs two different audits: the earlier one, then the "
				 "re-audit");
	else if (compare_audits(st, then_id, now_id, &cmp, &e))
		rc = cli_fail_err(c, NULL, &e);
	if (!rc) {
		if (strcmp(cmp.now.reaudit_of, cmp.then.uuid) != 0)
			cli_say(c,
				"note: audit %lld was not started as a re-audit of audit %lld; "
				"comparing them all the same",
				(long long)now_id, (long long)then_id);
		struct sbuf b = {0};
		compare_render(&b, &cmp, 1, true);
		char *text = sbuf_take(&b);
		rc = text ? emit(c, text, output, force) : cli_fail(c, "out of memory");
		free(text);
	}
	comparison_free(&cmp);
	store_close(st);
	return rc;
}

int cli_cmd_report(struct cli *c)
{
	const char *output = cli_opt(c, "-o"), *since = cli_opt(c, "--since");
	bool force = cli_flag(c, "--force");
	char today[11];
	action_today(today, sizeof today);
	if (!*today)
		return cli_fail(c, "cannot read today's date from the system clock");
	struct store *st;
	if (cli_open_store(c, &st))
		return CLI_FAIL;
	struct maca_err e = {0};
	struct disclosure_list found = {0};
	char *text = NULL;
	int rc = CLI_OK;
	if (report_write(st, since, today, c->cfg.resources, c->cfg.nresources,
			 (size_t)c->cfg.small_count, &text, &found, &e))
		rc = cli_fail_err(c, NULL, &e);
	if (!rc)
		rc = cli_gate_findings(c, st, &found);
	if (!rc)
		rc = emit(c, text, output, force);
	free(text);
	disclosure_list_free(&found);
	store_close(st);
	return rc;
}
