/* maca export: writes an audit out. `export briefing` writes the briefing of our learning as
 * Markdown for sharing, after checking its text for identifiers (or, with --format, as a
 * Word, HTML or PDF document with its charts: core/publish's document.h); `export csv` and
 * `export cases` write the confidential records for the audit group. */
#include <stdlib.h>
#include <string.h>

#include "briefing.h"
#include "document.h"
#include "export_cases.h"
#include "export_csv.h"
#include "export_file.h"
#include "sbuf.h"
#include "cli_context.h"

/* The formats --format takes: Markdown as written, the others through pandoc. */
const char *cli_briefing_format(size_t i)
{
	static const char *const formats[] = {"md", "docx", "html", "pdf"};
	return i < sizeof formats / sizeof formats[0] ? formats[i] : NULL;
}

/* The document's options from the configuration and the audit. */
static struct document_options document_options(const struct cli *c, enum document_format f,
						const struct audit_info *info, bool force)
{
	const char *partnership = *info->partnership ? info->partnership : c->cfg.partnership;
	return (struct document_options){.format = f,
					 .partnership = partnership,
					 .reference_docx = c->cfg.reference_docx,
					 .stylesheet = c->cfg.stylesheet,
					 .pdf_engine = c->cfg.pdf_engine,
					 .overwrite = force};
}

/* The seven-minute briefing is on two pages at most: says when it is longer, by its words. */
static int warn_if_long(struct cli *c, struct store *st, int64_t id, const char *layout,
			const char *md)
{
	struct template *tpl = NULL;
	struct maca_err e = {0};
	if (!layout && store_audit_template(st, id, &tpl, &e))
		return cli_fail_err(c, NULL, &e);
	bool seven = strcmp(layout ? layout : tpl->layout, "seven-minute") == 0;
	size_t words = briefing_words(md);
	if (seven && words > BRIEFING_TWO_PAGES_WORDS)
		cli_say(c,
			"warning: the seven-minute briefing is about %zu words, and two pages hold "
			"about %d; shorten its texts (maca briefing text --layout seven-minute) or "
			"leave parts out (maca briefing off)",
			words, BRIEFING_TWO_PAGES_WORDS);
	template_free(tpl);
	return CLI_OK;
}

int cli_cmd_export_briefing(struct cli *c)
{
	const char *output = cli_opt(c, "-o"), *layout = cli_opt(c, "--layout"),
		   *format = cli_opt(c, "--format");
	bool no_findings = cli_flag(c, "--no-findings"), force = cli_flag(c, "--force"),
	     with_comparison = cli_flag(c, "--with-comparison");
	enum document_format f = DOCUMENT_HTML;
	bool document = format && document_format_parse(format, &f);
	struct cli_audit a;
	if (cli_audit_open(c, true, &a))
		return CLI_FAIL;
	struct maca_err e = {0};
	char *md = NULL, *path = NULL, *title = NULL;
	struct disclosure_list found = {0};
	struct chart_list charts = {0};
	/* In the configuration, 0 turns suppression off; in the options 0 is the default. */
	struct briefing_options opt = {.layout = layout,
				       .no_findings = no_findings,
				       .with_comparison = with_comparison,
				       .resources = c->cfg.resources,
				       .nresources = c->cfg.nresources,
				       .partnership = &c->cfg.partnership_info,
				       .small_count = c->cfg.small_count ? c->cfg.small_count : -1,
				       .charts = document ? &charts : NULL,
				       .chart_ext = document_chart_ext(f)};
	int rc = CLI_OK;
	if (briefing_write(a.st, a.id, &opt, &md, &found, &e))
		rc = cli_fail_err(c, NULL, &e);
	if (!rc)
		rc = cli_gate_findings(c, a.st, &found);
	if (!rc)
		rc = warn_if_long(c, a.st, a.id, layout, md);
	if (!rc)
		path = cli_export_path(c, output, "briefing-%.8s.%s", a.info.uuid,
				       document ? document_format_name(f) : "md");
	if (!rc && !document) {
		rc = cli_write_export(c, path, md, strlen(md), force);
	} else if (!rc) {
		struct document_options dopt = document_options(c, f, &a.info, force);
		dopt.title = title = str_fmt("Briefing of our learning: %s", a.info.title);
		if (!path || !title)
			rc = cli_fail(c, "out of memory");
		else if (document_write(md, &charts, &dopt, path, &e))
			rc = cli_fail_err(c, NULL, &e);
		else
			cli_print(c, "%s\n", path);
	}
	free(path);
	free(md);
	free(title);
	chart_list_free(&charts);
	disclosure_list_free(&found);
	cli_audit_close(&a);
	return rc;
}

/* export csv and export cases: confidential records for the audit group, not checked for
 * identifiers; written 0600 like every export. */
int cli_cmd_export_records(struct cli *c)
{
	const char *output = cli_opt(c, "-o");
	bool csv = cli_command_is(c, "export csv");
	bool excel = csv && cli_flag(c, "--excel"), force = cli_flag(c, "--force");
	struct cli_audit a;
	if (cli_audit_open(c, true, &a))
		return CLI_FAIL;
	struct maca_err e = {0};
	char *data = NULL, *path = NULL;
	int rc = CLI_OK;
	if (csv ? export_csv(a.st, a.id, excel, &data, &e) : export_cases(a.st, a.id, &data, &e))
		rc = cli_fail_err(c, NULL, &e);
	if (!rc) {
		path = cli_export_path(c, output, "%s-%.8s.%s", csv ? "answers" : "cases",
				       a.info.uuid, csv ? "csv" : "md");
		rc = cli_write_export(c, path, data, strlen(data), force);
	}
	free(path);
	free(data);
	cli_audit_close(&a);
	return rc;
}
