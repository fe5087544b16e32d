/* maca compare and maca report: looking back across audits. `compare` is for the audit group
 * (like `export cases`, it is not checked for identifiers); `report` is shared with the
 * partnership, so it is checked and refused, as `export briefing` is, while a finding is
 * neither fixed nor accepted. Both print to standard output, or write a 0600 file with -o. */
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "report.h"
#include "sbuf.h"
#include "store_actions.h"
#include "cli_context.h"

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
