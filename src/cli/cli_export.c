/* maca export: writes an audit out. `export briefing` writes the briefing of our learning as
 * Markdown for sharing, after checking its text for identifiers; `export csv` and `export
 * cases` write the confidential records for the audit group. */
#include <stdlib.h>
#include <string.h>

#include "briefing.h"
#include "cli.h"
#include "cli_internal.h"
#include "export_cases.h"
#include "export_csv.h"
#include "export_file.h"
#include "sbuf.h"

static int say(struct cli *c, int status, const char *msg)
{
	fprintf(c->err, "maca: %s\n", msg);
	if (status == CLI_USAGE)
		fputs("Try 'maca --help'.\n", c->err);
	return status;
}

static int say_err(struct cli *c, struct maca_err *e)
{
	say(c, CLI_FAIL, err_msg(e));
	err_clear(e);
	return CLI_FAIL;
}

/* User text on one line of the terminal: control characters become spaces. */
static void put_text(FILE *f, const char *s)
{
	for (; *s; s++)
		fputc((unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s, f);
}

/* Lists each finding on stderr; returns CLI_FAIL (refusing) unless allowed. */
static int report_findings(struct cli *c, const struct disclosure_list *found, bool allow)
{
	for (size_t i = 0; i < found->n; i++) {
		fprintf(c->err, "maca: %s: possible %s: ", found->items[i].where,
			disclosure_kind_name(found->items[i].kind));
		put_text(c->err, found->items[i].match);
		fputc('\n', c->err);
	}
	if (found->n == 0 || allow)
		return CLI_OK;
	fprintf(c->err,
		"maca: %zu possible identifier%s found, so nothing was written. Take %s out of "
		"the audit, or pass --allow-identifiers if you have checked that %s not about a "
		"real person.\n",
		found->n, found->n == 1 ? "" : "s", found->n == 1 ? "it" : "them",
		found->n == 1 ? "it is" : "they are");
	return CLI_FAIL;
}

/* <export_dir or .>/briefing-<first 8 characters of the audit's UUID>.md */
static char *default_path(struct cli *c, const char *kind, const char *uuid, const char *ext)
{
	const char *dir = c->cfg.export_dir && *c->cfg.export_dir ? c->cfg.export_dir : ".";
	return str_fmt("%s%s%s-%.8s.%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", kind, uuid,
		       ext);
}

static int export_briefing(struct cli *c, int argc, char **argv)
{
	const char *output = NULL, *layout = NULL;
	bool no_findings = false, allow = false, force = false;
	const struct opt_spec spec[] = {{"-o", &output, NULL},
					{"--output", &output, NULL},
					{"--layout", &layout, NULL},
					{"--no-findings", NULL, &no_findings},
					{"--allow-identifiers", NULL, &allow},
					{"--force", NULL, &force},
					{NULL, NULL, NULL}};
	const char *pos[1];
	int rc = cli_parse_command(c, argc, argv, spec, 1, pos,
				   "export briefing needs AUDIT, e.g. maca export briefing 1");
	if (rc)
		return rc;
	if (layout && !briefing_layout_known(layout)) {
		fprintf(c->err, "maca: unknown layout '%s' (known: %s)\n", layout,
			briefing_layout_names());
		return say(c, CLI_USAGE, "export briefing --layout takes one of those");
	}
	struct store *st;
	if (cli_open_store(c, &st))
		return CLI_FAIL;
	struct maca_err e = {0};
	int64_t id;
	struct audit_info info = {0};
	char *md = NULL, *path = NULL;
	struct disclosure_list found = {0};
	struct briefing_options opt = {.layout = layout,
				       .no_findings = no_findings,
				       .resources = c->cfg.resources,
				       .nresources = c->cfg.nresources};
	if (store_audit_resolve(st, pos[0], &id, &e) || store_audit_get(st, id, &info, &e) ||
	    briefing_write(st, id, &opt, &md, &found, &e))
		rc = say_err(c, &e);
	if (!rc)
		rc = report_findings(c, &found, allow);
	if (!rc) {
		path = output ? str_dup(output) : default_path(c, "briefing", info.uuid, "md");
		if (!path)
			rc = say(c, CLI_FAIL, "out of memory");
	}
	if (!rc && export_file_write(path, md, strlen(md), force, &e))
		rc = say_err(c, &e);
	if (!rc)
		fprintf(c->out, "%s\n", path);
	free(path);
	free(md);
	disclosure_list_free(&found);
	audit_info_free(&info);
	store_close(st);
	return rc;
}

/* export csv and export cases: confidential records for the audit group, not checked for
 * identifiers; written 0600 like every export. */
static int export_record(struct cli *c, int argc, char **argv, bool csv)
{
	const char *output = NULL;
	bool excel = false, force = false;
	const struct opt_spec spec[] = {{"-o", &output, NULL},
					{"--output", &output, NULL},
					{"--force", NULL, &force},
					{csv ? "--excel" : NULL, NULL, &excel},
					{NULL, NULL, NULL}};
	const char *pos[1];
	int rc = cli_parse_command(c, argc, argv, spec, 1, pos,
				   csv ? "export csv needs AUDIT, e.g. maca export csv 1"
				       : "export cases needs AUDIT, e.g. maca export cases 1");
	if (rc)
		return rc;
	struct store *st;
	if (cli_open_store(c, &st))
		return CLI_FAIL;
	struct maca_err e = {0};
	int64_t id;
	struct audit_info info = {0};
	char *data = NULL, *path = NULL;
	if (store_audit_resolve(st, pos[0], &id, &e) || store_audit_get(st, id, &info, &e) ||
	    (csv ? export_csv(st, id, excel, &data, &e) : export_cases(st, id, &data, &e)))
		rc = say_err(c, &e);
	if (!rc) {
		path = output ? str_dup(output)
			      : default_path(c, csv ? "answers" : "cases", info.uuid,
					     csv ? "csv" : "md");
		if (!path)
			rc = say(c, CLI_FAIL, "out of memory");
	}
	if (!rc && export_file_write(path, data, strlen(data), force, &e))
		rc = say_err(c, &e);
	if (!rc)
		fprintf(c->out, "%s\n", path);
	free(path);
	free(data);
	audit_info_free(&info);
	store_close(st);
	return rc;
}

int cli_export(struct cli *c, int argc, char **argv)
{
	if (argc < 2)
		return say(c, CLI_USAGE, "export needs a kind: briefing, csv or cases");
	if (strcmp(argv[1], "briefing") == 0)
		return export_briefing(c, argc - 1, argv + 1);
	if (strcmp(argv[1], "csv") == 0 || strcmp(argv[1], "cases") == 0)
		return export_record(c, argc - 1, argv + 1, strcmp(argv[1], "csv") == 0);
	fprintf(c->err, "maca: unknown export '%s' (known: briefing, csv, cases)\n", argv[1]);
	return say(c, CLI_USAGE, "export needs a kind: briefing, csv or cases");
}
