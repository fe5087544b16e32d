/* What every command shares: its options and arguments, the configuration, the database
 * (opened with the day's automatic backup) and the disclosure check's report. Calls no
 * command. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "backup.h"
#include "catalog.h"
#include "export_file.h"
#include "paths.h"
#include "sbuf.h"
#include "template_wording.h"
#include "cli_context.h"

/* The declared option called name; asking for one the command does not declare is a bug. */
static size_t option_index(struct cli *c, const char *name)
{
	const struct cli_option *o = args_option(c->args.spec, name);
	if (!o || !c->args.values) {
		cli_say(c, "bug: maca %s has no option %s in its row of the command table",
			c->command ? c->command->name : "", name);
		abort();
	}
	return (size_t)(o - c->args.spec);
}

const char *cli_opt(struct cli *c, const char *name)
{
	size_t i = option_index(c, name);
	c->args.asked[i] = true;
	return c->args.values[i];
}

bool cli_flag(struct cli *c, const char *name)
{
	return cli_opt(c, name) != NULL;
}

const char *cli_arg(struct cli *c, int i)
{
	return i >= 0 && i < c->args.npos ? c->args.pos[i] : NULL;
}

int cli_nargs(struct cli *c)
{
	return c->args.npos;
}

bool cli_command_is(const struct cli *c, const char *words)
{
	const char *name = c->command ? c->command->name : "";
	size_t n = strlen(words);
	return strncmp(name, words, n) == 0 && (name[n] == '\0' || name[n] == ' ');
}

int cli_load_config(struct cli *c)
{
	if (c->cfg_loaded)
		return CLI_OK;
	struct diag_list diags = {0};
	struct maca_err e = {0};
	char *path = c->config_opt ? strdup(c->config_opt) : paths_config_file(&e);
	if (!path && (c->config_opt || e.status == MACA_ENOMEM))
		return e.status ? cli_fail_err(c, NULL, &e) : cli_fail(c, "out of memory");
	/* Without HOME or XDG_CONFIG_HOME there is no default file: the defaults apply. */
	err_clear(&e);
	int rc = config_load(path, c->config_opt == NULL, &c->cfg, &diags);
	free(path);
	if (rc != 0) {
		cli_put_diags(c, true, &diags);
		diag_list_free(&diags);
		config_free(&c->cfg);
		return cli_fail(c,
				"fix the configuration file above, or pass another with --config");
	}
	diag_list_free(&diags);
	c->cfg_loaded = true;
	return CLI_OK;
}

char *cli_db_path(struct cli *c)
{
	if (cli_load_config(c))
		return NULL;
	struct maca_err e = {0};
	char *path = c->db_opt	       ? strdup(c->db_opt)
		     : c->cfg.database ? strdup(c->cfg.database)
				       : paths_default_db(&e);
	if (!path)
		e.status ? cli_fail_err(c, NULL, &e) : cli_fail(c, "out of memory");
	return path;
}

/* A failed automatic backup: a warning on standard error (and c->warning, for the
 * interface's status line), never a reason not to open. */
static void warn_backup(struct cli *c, const struct maca_err *e)
{
	char *msg = str_fmt("warning: the automatic backup failed (the database itself is "
			    "untouched): %s",
			    err_msg(e));
	cli_say(c, "%s", msg ? msg : "warning: the automatic backup failed");
	free(c->warning);
	c->warning = msg;
}

/* The automatic backup on opening a database file, taken at once. */
static void auto_backup(struct cli *c, const char *path)
{
	struct maca_err e = {0};
	char *written = NULL;
	if (backup_auto(path, time(NULL), &written, &e))
		warn_backup(c, &e);
	err_clear(&e);
	free(written);
}

/* Opens the database; the day's backup taken at once (a command), or left to a job the
 * interface steps through once its first frame is drawn (job not NULL). */
static int open_store(struct cli *c, struct store **st, struct backup_job **job)
{
	*st = NULL;
	char *path = cli_db_path(c);
	if (!path)
		return CLI_FAIL;
	struct maca_err e = {0};
	int rc = store_open(path, st, &e);
	bool file = strcmp(path, ":memory:") != 0;
	if (!rc && file && !job)
		auto_backup(c, path);
	else if (!rc && file && backup_job_new(*st, path, time(NULL), job, &e)) {
		warn_backup(c, &e); /* out of memory: the interface opens all the same */
		err_clear(&e);
	}
	free(path);
	if (rc)
		return cli_fail_err(c, NULL, &e);
	if (store_set_origin(*st, c->cfg.author, "command line", &e)) {
		store_close(*st);
		*st = NULL;
		return cli_fail_err(c, NULL, &e);
	}
	return CLI_OK;
}

int cli_open_store(struct cli *c, struct store **st)
{
	return open_store(c, st, NULL);
}

int cli_open_store_stepped(struct cli *c, struct store **st, struct backup_job **job)
{
	*job = NULL;
	return open_store(c, st, job);
}

int cli_audit_open(struct cli *c, bool with_info, struct cli_audit *a)
{
	*a = (struct cli_audit){0};
	if (cli_open_store(c, &a->st))
		return CLI_FAIL;
	struct maca_err e = {0};
	if (store_audit_resolve(a->st, cli_arg(c, 0), &a->id, &e) ||
	    (with_info && store_audit_get(a->st, a->id, &a->info, &e))) {
		cli_audit_close(a);
		return cli_fail_err(c, NULL, &e);
	}
	return CLI_OK;
}

void cli_audit_close(struct cli_audit *a)
{
	audit_info_free(&a->info);
	store_close(a->st);
	a->st = NULL;
}

int cli_form_open(struct cli *c, enum record_kind kind, const struct template *tpl,
		  const struct form_context *ctx, const struct cli_field_option *given,
		  struct form **out)
{
	struct diag_list diags = {0};
	struct maca_err e = {0};
	*out = NULL;
	if (catalog_load_form(kind, out, &diags, &e)) {
		cli_put_diags(c, true, &diags);
		diag_list_free(&diags);
		return cli_fail_err(c, NULL, &e);
	}
	diag_list_free(&diags);
	int rc = form_reword(*out, tpl, ctx) ? CLI_OK : cli_fail(c, "out of memory");
	bool refused = false; /* every such option said, not just the first */
	for (const struct cli_field_option *o = given; !rc && o->option; o++) {
		const struct form_field *f = form_field(*out, o->field);
		if (f && f->hidden && cli_opt(c, o->option)) {
			cli_say(c, "%s does not apply in audits on template %s: leave out %s",
				f->label, tpl->id, o->option);
			refused = true;
		}
	}
	if (refused)
		rc = CLI_FAIL;
	if (rc) {
		form_free(*out);
		*out = NULL;
	}
	return rc;
}

void cli_end_backup(struct cli *c, struct backup_job *job)
{
	char *written = NULL;
	struct maca_err e = {0};
	if (backup_job_end(job, &written, &e))
		warn_backup(c, &e);
	err_clear(&e);
	free(written);
}

char *cli_export_path(struct cli *c, const char *output, const char *fmt, ...)
{
	if (output)
		return str_dup(output);
	va_list ap;
	va_start(ap, fmt);
	char *name = str_vfmt(fmt, ap);
	va_end(ap);
	const char *dir = c->cfg.export_dir && *c->cfg.export_dir ? c->cfg.export_dir : ".";
	char *path =
	    name ? str_fmt("%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", name) : NULL;
	free(name);
	return path;
}

int cli_write_export(struct cli *c, const char *path, const char *data, size_t len, bool force)
{
	struct maca_err e = {0};
	if (!path)
		return cli_fail(c, "out of memory");
	if (export_file_write(path, data, len, force, &e))
		return cli_fail_err(c, NULL, &e);
	cli_print(c, "%s\n", path);
	return CLI_OK;
}

int cli_gate_findings(struct cli *c, struct store *st, struct disclosure_list *found)
{
	struct maca_err e = {0};
	struct disclosure_decisions dd = {0};
	disclosure_gate_dedupe(found);
	if (disclosure_gate_decide(st, found, &dd, &e))
		return cli_fail_err(c, NULL, &e);
	size_t first_open = 0;
	for (size_t i = found->n; i-- > 0;)
		if (!dd.items[i].accepted)
			first_open = i;
	for (size_t i = 0; i < found->n; i++) {
		const struct disclosure *d = &found->items[i];
		const struct disclosure_decision *x = &dd.items[i];
		if (x->accepted)
			cli_say(c, "%s: possible %s: %s (accepted by %s)", d->where,
				disclosure_kind_name(d->kind), d->match, x->acceptance.author);
		else if (x->audit_id)
			cli_say(c, "%s: possible %s: %s (open: audit %lld, finding %s)", d->where,
				disclosure_kind_name(d->kind), d->match, (long long)x->audit_id,
				x->id);
		else
			cli_say(c, "%s: possible %s: %s (open: fix it there)", d->where,
				disclosure_kind_name(d->kind), d->match);
	}
	size_t open = dd.open;
	int rc = CLI_OK;
	if (open == 1 && dd.items[first_open].audit_id)
		rc =
		    cli_fail(c,
			     "1 possible identifier is open, so nothing was written. Fix it in the "
			     "audit, or accept it for publishing with a reason: maca findings "
			     "accept %lld %s --reason TEXT",
			     (long long)dd.items[first_open].audit_id, dd.items[first_open].id);
	else if (open)
		rc = cli_fail(c,
			      "%zu possible identifier%s open, so nothing was written. Fix each in "
			      "the audit, or accept it for publishing with a reason: maca findings "
			      "accept AUDIT FINDING --reason TEXT (maca findings list AUDIT lists "
			      "them)",
			      open, open == 1 ? " is" : "s are");
	disclosure_decisions_free(&dd);
	return rc;
}
