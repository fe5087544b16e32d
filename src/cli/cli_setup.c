/* maca templates and maca check: the audit templates installed, and checking template and
 * form files before they are installed. */
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "form.h"
#include "ini_doc.h"
#include "template.h"
#include "cli_context.h"

int cli_cmd_templates(struct cli *c)
{
	bool ids = cli_flag(c, "--ids"), paths = cli_flag(c, "--paths");
	struct catalog_entry *list;
	size_t n;
	struct diag_list diags = {0};
	struct maca_err e = {0};
	if (catalog_templates(&list, &n, &diags, &e)) {
		diag_list_free(&diags);
		return cli_fail_err(c, NULL, &e);
	}
	for (size_t i = 0; i < n; i++) {
		if (paths)
			cli_print(c, "%s\t%s\n", list[i].id, list[i].path);
		else if (ids)
			cli_print(c, "%s\n", list[i].id);
		else
			cli_print(c, "%-28s v%-4ld %s\n", list[i].id, list[i].version,
				  list[i].title);
	}
	/* A broken file on the path is worth knowing about, with why, but the rest still
	 * work. */
	size_t at = 0;
	for (const struct diag *d; (d = catalog_failure(&diags, &at, NULL));) {
		if (d->line)
			cli_say(c, "skipped %s (line %d: %s); `maca check %s` lists every problem",
				d->file, d->line, d->msg, d->file);
		else
			cli_say(c, "skipped %s (%s); `maca check %s` lists every problem", d->file,
				d->msg, d->file);
	}
	if (n == 0)
		cli_say(c, "no audit templates found; put one in "
			   "$XDG_CONFIG_HOME/maca/audit-templates");
	diag_list_free(&diags);
	catalog_free(list, n);
	return CLI_OK;
}

/* A file with a [form] section, or [field ...] sections and no [template], is a form;
 * anything else is a template (whose [field FORM.FIELD] sections word a form's fields). */
static bool looks_like_form(const char *path)
{
	struct ini_doc doc;
	struct diag_list ignored = {0};
	ini_doc_read_file(path, &doc, &ignored);
	bool form = ini_doc_find(&doc, "form") != NULL;
	bool template = ini_doc_find(&doc, "template") != NULL;
	for (size_t i = 0; !form && !template && i < doc.nsections; i++)
		form = strncmp(doc.sections[i].name, "field ", 6) == 0;
	ini_doc_free(&doc);
	diag_list_free(&ignored);
	return form;
}

int cli_cmd_check(struct cli *c)
{
	size_t problems = 0, bad_files = 0;
	int nfiles = cli_nargs(c);
	for (int i = 0; i < nfiles; i++) {
		const char *path = cli_arg(c, i);
		struct diag_list diags = {0};
		if (looks_like_form(path)) {
			struct form *f;
			if (form_load_file(path, &f, &diags) == 0)
				form_free(f);
		} else {
			struct template *t;
			/* A [field ...] naming no field of its form is only a problem where the
			 * forms installed are known, so it is checked here, not when loading. */
			if (template_load_file(path, &t, &diags) == 0) {
				catalog_check_wording(t, path, &diags);
				template_free(t);
			}
		}
		cli_put_diags(c, false, &diags);
		problems += diags.n;
		bad_files += diags.n > 0;
		diag_list_free(&diags);
	}
	if (problems) {
		/* The count follows the problems, also when both go to one file or pipe. */
		cli_flush(c);
		return cli_fail(c, "%zu problem%s in %zu of %d file%s", problems,
				problems == 1 ? "" : "s", bad_files, nfiles,
				nfiles == 1 ? "" : "s");
	}
	return CLI_OK;
}
