/* maca compare and maca report: looking back across audits. `compare` is for the audit group
 * (like `export cases`, it is not checked for identifiers); `report` is shared with the
 * partnership, so it is checked and refused, as `export briefing` is, unless
 * --allow-identifiers. Both print to standard output, or write a 0600 file with -o. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_internal.h"
#include "compare.h"
#include "export_file.h"
#include "report.h"
#include "store_actions.h"
#include "sbuf.h"

static int say(struct cli *c, const char *msg)
{
	fprintf(c->err, "maca: %s\n", msg);
	return CLI_FAIL;
}

static int say_err(struct cli *c, struct maca_err *e)
{
	say(c, err_msg(e));
	err_clear(e);
	return CLI_FAIL;
}

/* To standard output, or atomically (0600) to output. */
static int emit(struct cli *c, const char *text, const char *output, bool force)
{
	if (!output) {
		fputs(text, c->out);
		return CLI_OK;
	}
	struct maca_err e = {0};
	if (export_file_write(output, text, strlen(text), force, &e))
		return say_err(c, &e);
	fprintf(c->out, "%s\n", output);
	return CLI_OK;
}

int cli_compare(struct cli *c, int argc, char **argv)
{
	const char *output = NULL;
	bool force = false;
	const struct opt_spec spec[] = {{"-o", &output, NULL},
					{"--output", &output, NULL},
					{"--force", NULL, &force},
					{NULL, NULL, NULL}};
	const char *pos[2];
	int rc = cli_parse_command(c, argc, argv, spec, 2, pos,
				   "compare needs OLD and NEW audits, e.g. maca compare 1 2");
	if (rc)
		return rc;
	struct store *st;
	if (cli_open_store(c, &st))
		return CLI_FAIL;
	struct maca_err e = {0};
	int64_t then_id, now_id;
	struct comparison cmp = {0};
	if (store_audit_resolve(st, pos[0], &then_id, &e) ||
	    store_audit_resolve(st, pos[1], &now_id, &e))
		rc = say_err(c, &e);
	else if (then_id == now_id)
		rc = say(c,
			 "compare needs two different audits: the earlier one, then the re-audit");
	else if (compare_audits(st, then_id, now_id, &cmp, &e))
		rc = say_err(c, &e);
	if (!rc) {
		if (strcmp(cmp.now.reaudit_of, cmp.then.uuid) != 0)
			fprintf(c->err,
				"maca: note: audit %lld was not started as a re-audit of audit "
				"%lld; comparing them all the same\n",
				(long long)now_id, (long long)then_id);
		struct sbuf b = {0};
		compare_render(&b, &cmp, 1, true);
		char *text = sbuf_take(&b);
		rc = text ? emit(c, text, output, force) : say(c, "out of memory");
		free(text);
	}
	comparison_free(&cmp);
	store_close(st);
	return rc;
}

int cli_report(struct cli *c, int argc, char **argv)
{
	const char *output = NULL, *since = NULL;
	bool force = false, allow = false;
	const struct opt_spec spec[] = {
	    {"-o", &output, NULL},     {"--output", &output, NULL},
	    {"--since", &since, NULL}, {"--allow-identifiers", NULL, &allow},
	    {"--force", NULL, &force}, {NULL, NULL, NULL}};
	const char *pos[1];
	int rc = cli_parse_command(c, argc, argv, spec, 0, pos,
				   "report takes no arguments, only options, e.g. maca report "
				   "--since 2025-01-01");
	if (rc)
		return rc;
	char today[11];
	action_today(today, sizeof today);
	if (!*today)
		return say(c, "cannot read today's date from the system clock");
	struct store *st;
	if (cli_open_store(c, &st))
		return CLI_FAIL;
	struct maca_err e = {0};
	struct disclosure_list found = {0};
	char *text = NULL;
	if (report_write(st, since, today, &text, &found, &e))
		rc = say_err(c, &e);
	if (!rc)
		rc = cli_report_findings(c, &found, allow);
	if (!rc)
		rc = emit(c, text, output, force);
	free(text);
	disclosure_list_free(&found);
	store_close(st);
	return rc;
}
