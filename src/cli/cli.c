#include "cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "cli_args.h"
#include "cli_help.h"
#include "cli_internal.h"
#include "config.h"
#include "form.h"
#include "ini_doc.h"
#include "paths.h"
#include "sbuf.h"
#include "store.h"
#include "tui.h"

static int fail(struct cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(struct cli *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("maca: ", c->err);
	vfprintf(c->err, fmt, ap);
	fputc('\n', c->err);
	va_end(ap);
	return CLI_FAIL;
}

static int usage(struct cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int usage(struct cli *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("maca: ", c->err);
	vfprintf(c->err, fmt, ap);
	fputc('\n', c->err);
	va_end(ap);
	cli_usage_hint(c);
	return CLI_USAGE;
}

void cli_usage_hint(struct cli *c)
{
	if (c->command)
		fprintf(c->err, "Try 'maca %s --help'.\n", c->command);
	else
		fputs("Try 'maca --help'.\n", c->err);
}

static int parse_command(struct cli *c, int argc, char **argv, const struct opt_spec *spec,
			 int want, const char **pos, const char *needs);

static int fail_err(struct cli *c, struct maca_err *e)
{
	fail(c, "%s", err_msg(e));
	err_clear(e);
	return CLI_FAIL;
}

/* Titles and references are user text: keep each record on one line of output. */
static void put_field(FILE *f, const char *s)
{
	for (; *s; s++)
		fputc((unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s, f);
}

static int load_config(struct cli *c)
{
	if (c->cfg_loaded)
		return CLI_OK;
	struct diag_list diags = {0};
	struct maca_err e = {0};
	char *path = c->config_opt ? strdup(c->config_opt) : paths_config_file(&e);
	if (!path && (c->config_opt || e.status == MACA_ENOMEM))
		return e.status ? fail_err(c, &e) : fail(c, "out of memory");
	/* Without HOME or XDG_CONFIG_HOME there is no default file: the defaults apply. */
	err_clear(&e);
	int rc = config_load(path, c->config_opt == NULL, &c->cfg, &diags);
	free(path);
	if (rc != 0) {
		diag_print(&diags, c->err);
		diag_list_free(&diags);
		config_free(&c->cfg);
		return fail(c, "fix the configuration file above, or pass another with --config");
	}
	diag_list_free(&diags);
	c->cfg_loaded = true;
	return CLI_OK;
}

char *cli_db_path(struct cli *c)
{
	if (load_config(c))
		return NULL;
	struct maca_err e = {0};
	char *path = c->db_opt	       ? strdup(c->db_opt)
		     : c->cfg.database ? strdup(c->cfg.database)
				       : paths_default_db(&e);
	if (!path)
		e.status ? fail_err(c, &e) : fail(c, "out of memory");
	return path;
}

static int open_store(struct cli *c, struct store **st)
{
	char *path = cli_db_path(c);
	if (!path)
		return CLI_FAIL;
	struct maca_err e = {0};
	int rc = store_open(path, st, &e);
	if (!rc && strcmp(path, ":memory:") != 0)
		cli_auto_backup(c, path, &c->warning);
	free(path);
	if (rc)
		return fail_err(c, &e);
	if (store_set_origin(*st, c->cfg.author, "command line", &e)) {
		store_close(*st);
		return fail_err(c, &e);
	}
	return CLI_OK;
}

static int cmd_templates(struct cli *c, int argc, char **argv)
{
	bool ids = false, paths = false;
	const struct opt_spec spec[] = {
	    {"--ids", NULL, &ids}, {"--paths", NULL, &paths}, {NULL, NULL, NULL}};
	int parsed = parse_command(c, argc, argv, spec, 0, NULL,
				   "templates takes no arguments, only --ids or --paths");
	if (parsed)
		return parsed;
	struct catalog_entry *list;
	size_t n;
	struct diag_list diags = {0};
	struct maca_err e = {0};
	if (catalog_templates(&list, &n, &diags, &e)) {
		diag_list_free(&diags);
		return fail_err(c, &e);
	}
	for (size_t i = 0; i < n; i++) {
		if (ids || paths) {
			fprintf(c->out, "%s%s", list[i].id, paths ? "\t" : "\n");
			if (paths) {
				put_field(c->out, list[i].path);
				fputc('\n', c->out);
			}
			continue;
		}
		fprintf(c->out, "%-28s v%-4ld ", list[i].id, list[i].version);
		put_field(c->out, list[i].title);
		fputc('\n', c->out);
	}
	/* A broken file on the path is worth knowing about, but the rest still work. */
	const char *last = NULL;
	for (size_t i = 0; i < diags.n; i++) {
		if (last && strcmp(last, diags.items[i].file) == 0)
			continue;
		last = diags.items[i].file;
		fprintf(c->err,
			"maca: skipped %s, which has problems; `maca check %s` lists them\n", last,
			last);
	}
	if (n == 0)
		fprintf(c->err, "maca: no audit templates found; put one in "
				"$XDG_CONFIG_HOME/maca/audit-templates\n");
	diag_list_free(&diags);
	catalog_free(list, n);
	return CLI_OK;
}

/* A file with a [form] or [field ...] section is a form; anything else is a template. */
static bool looks_like_form(const char *path)
{
	struct ini_doc doc;
	struct diag_list ignored = {0};
	ini_doc_read_file(path, &doc, &ignored);
	bool form = ini_doc_find(&doc, "form") != NULL;
	for (size_t i = 0; !form && i < doc.nsections; i++)
		form = strncmp(doc.sections[i].name, "field ", 6) == 0;
	ini_doc_free(&doc);
	diag_list_free(&ignored);
	return form;
}

static int cmd_check(struct cli *c, int argc, char **argv)
{
	if (argc < 2)
		return usage(c, "check needs at least one FILE");
	size_t problems = 0, bad_files = 0;
	for (int i = 1; i < argc; i++) {
		struct diag_list diags = {0};
		if (looks_like_form(argv[i])) {
			struct form *f;
			if (form_load_file(argv[i], &f, &diags) == 0)
				form_free(f);
		} else {
			struct template *t;
			if (template_load_file(argv[i], &t, &diags) == 0)
				template_free(t);
		}
		diag_print(&diags, c->out);
		problems += diags.n;
		bad_files += diags.n > 0;
		diag_list_free(&diags);
	}
	if (problems) {
		/* The count follows the problems, also when both go to one file or pipe. */
		fflush(c->out);
		fprintf(c->err, "maca: %zu problem%s in %zu of %d file%s\n", problems,
			problems == 1 ? "" : "s", bad_files, argc - 1, argc == 2 ? "" : "s");
		return CLI_FAIL;
	}
	return CLI_OK;
}

/* "a, b, c" from a list's ids; NULL when out of memory. */
static char *joined_ids(const struct named_list *list)
{
	struct sbuf b = {0};
	for (size_t i = 0; i < list->n; i++)
		sbuf_addf(&b, "%s%s", i ? ", " : "", list->items[i].id);
	return sbuf_take(&b);
}

/* Prints each form problem, with the choices where a choice was wrong. */
static int report_problems(struct cli *c, const struct form *form, const struct form_context *ctx,
			   const struct named_list *problems)
{
	for (size_t i = 0; i < problems->n; i++) {
		fail(c, "%s", problems->items[i].label);
		const struct form_field *f = form_field(form, problems->items[i].id);
		const struct named_list *choices = f ? form_choices(f, ctx) : NULL;
		char *list = choices && choices->n ? joined_ids(choices) : NULL;
		if (list)
			fprintf(c->err, "  choices: %s\n", list);
		free(list);
	}
	return CLI_FAIL;
}

/* Validates rec against the form for `kind`; prints problems. */
static int validate(struct cli *c, enum record_kind kind, const struct form_context *ctx,
		    const struct record *rec)
{
	struct form *form;
	struct diag_list diags = {0};
	struct maca_err e = {0};
	if (catalog_load_form(kind, &form, &diags, &e)) {
		diag_print(&diags, c->err);
		diag_list_free(&diags);
		return fail_err(c, &e);
	}
	diag_list_free(&diags);
	struct named_list problems = {0};
	int rc = CLI_OK;
	if (form_validate(form, ctx, rec, &problems))
		rc = report_problems(c, form, ctx, &problems);
	named_list_free(&problems);
	form_free(form);
	return rc;
}

static bool set_if(struct record *rec, const char *field, const char *value)
{
	return !value || record_set(rec, field, value);
}

/* Parses a command's options and exactly `want` positional arguments (at most 4) into pos;
 * `needs` is the usage message when the count is wrong. */
static int parse_command(struct cli *c, int argc, char **argv, const struct opt_spec *spec,
			 int want, const char **pos, const char *needs)
{
	const char **all = calloc((size_t)argc, sizeof *all);
	if (!all)
		return fail(c, "out of memory");
	int npos;
	const char *why, *arg;
	int rc = CLI_OK;
	if (args_parse(argc - 1, argv + 1, spec, false, all, &npos, NULL, &why, &arg) != 0)
		rc = usage(c, "%s: %s: %s", argv[0], why, arg);
	else if (npos != want)
		rc = usage(c, "%s", needs);
	for (int i = 0; !rc && i < want; i++)
		pos[i] = all[i];
	free(all);
	return rc;
}

int cli_open_store(struct cli *c, struct store **st)
{
	return open_store(c, st);
}

int cli_parse_command(struct cli *c, int argc, char **argv, const struct opt_spec *spec, int want,
		      const char **pos, const char *needs)
{
	return parse_command(c, argc, argv, spec, want, pos, needs);
}

static int cmd_new(struct cli *c, int argc, char **argv)
{
	const char *date = NULL, *chair = NULL, *partnership = NULL, *theme = NULL,
		   *agencies_opt = NULL, *reaudit_of = NULL;
	const struct opt_spec spec[] = {
	    {"--date", &date, NULL},   {"--reaudit-of", &reaudit_of, NULL},
	    {"--chair", &chair, NULL}, {"--partnership", &partnership, NULL},
	    {"--theme", &theme, NULL}, {"--agencies", &agencies_opt, NULL},
	    {NULL, NULL, NULL}};
	const char *pos[2];
	int parsed =
	    parse_command(c, argc, argv, spec, 2, pos,
			  "new needs TEMPLATE and TITLE, e.g. maca new domestic-abuse \"Domestic "
			  "abuse audit, June\"");
	if (parsed)
		return parsed;
	const char *tpl_ref = pos[0], *title = pos[1];
	if (load_config(c))
		return CLI_FAIL;
	struct maca_err e = {0};
	struct diag_list diags = {0};
	struct template *tpl;
	if (catalog_load_template(tpl_ref, &tpl, &diags, &e)) {
		diag_print(&diags, c->err);
		diag_list_free(&diags);
		return fail_err(c, &e);
	}
	diag_list_free(&diags);

	int rc = CLI_OK;
	struct named_list agencies = {0}, picked = {0}, templates = {0};
	if (agencies_opt) {
		if (!split_list(agencies_opt, &picked))
			rc = fail(c, "out of memory");
		for (size_t i = 0; !rc && i < picked.n; i++) {
			const struct named *a = named_find(&tpl->agencies, picked.items[i].id);
			if (!a) {
				char *known = joined_ids(&tpl->agencies);
				rc = fail(c, "template %s has no agency '%s'; it has: %s", tpl->id,
					  picked.items[i].id, known ? known : "?");
				free(known);
			} else if (!named_add(&agencies, a->id, a->label))
				rc = fail(c, "out of memory");
		}
	}
	if (!rc && !chair && *c->cfg.chair_agency)
		chair = c->cfg.chair_agency;
	if (!rc && !partnership)
		partnership = c->cfg.partnership;
	if (!rc && !named_add(&templates, tpl->id, tpl->title))
		rc = fail(c, "out of memory");

	struct record rec = {0};
	if (!rc && !(record_set(&rec, "title", title) && record_set(&rec, "template", tpl->id) &&
		     set_if(&rec, "theme", theme) && set_if(&rec, "partnership", partnership) &&
		     set_if(&rec, "chair_agency", chair) && set_if(&rec, "audit_date", date)))
		rc = fail(c, "out of memory");
	struct form_context ctx = {0};
	ctx.lists[CHOICES_TEMPLATES] = &templates;
	ctx.lists[CHOICES_AGENCIES] = agencies_opt ? &agencies : &tpl->agencies;
	if (!rc)
		rc = validate(c, RECORD_AUDIT, &ctx, &rec);
	record_free(&rec);

	struct store *st = NULL;
	if (!rc)
		rc = open_store(c, &st);
	if (!rc) {
		struct audit_new a = {.title = title,
				      .theme = theme,
				      .partnership = partnership,
				      .chair_agency = chair,
				      .audit_date = date,
				      .agencies = agencies_opt ? &agencies : NULL,
				      .tpl = tpl,
				      .reaudit_of = reaudit_of};
		int64_t id;
		if (store_audit_create(st, &a, &id, &e))
			rc = fail_err(c, &e);
		else
			fprintf(c->out, "%lld\n", (long long)id);
	}
	store_close(st);
	named_list_free(&agencies);
	named_list_free(&picked);
	named_list_free(&templates);
	template_free(tpl);
	return rc;
}

static int cmd_list(struct cli *c, int argc, char **argv)
{
	bool ids = false;
	const struct opt_spec spec[] = {{"--ids", NULL, &ids}, {NULL, NULL, NULL}};
	int parsed =
	    parse_command(c, argc, argv, spec, 0, NULL, "list takes no arguments, only --ids");
	if (parsed)
		return parsed;
	struct store *st;
	if (open_store(c, &st))
		return CLI_FAIL;
	struct audit_info *list;
	size_t n;
	struct maca_err e = {0};
	int rc = CLI_OK;
	if (store_audit_list(st, &list, &n, &e)) {
		rc = fail_err(c, &e);
	} else {
		for (size_t i = 0; i < n; i++) {
			fprintf(c->out, "%lld%s", (long long)list[i].id, ids ? "\n" : "\t");
			if (ids)
				continue;
			/* A re-audit gets a sixth field, so the five that scripts read stay put. */
			int64_t earlier = 0;
			if (store_audit_earlier(st, list[i].id, &earlier, &e)) {
				rc = fail_err(c, &e);
				break;
			}
			put_field(c->out, list[i].title);
			fprintf(c->out, "\t%s v%ld\t%lld case%s\t%s", list[i].template_id,
				list[i].template_version, (long long)list[i].ncases,
				list[i].ncases == 1 ? "" : "s", audit_status_name(list[i].status));
			if (earlier)
				fprintf(c->out, "\tre-audit of %lld", (long long)earlier);
			fputc('\n', c->out);
		}
		audit_info_list_free(list, n);
	}
	store_close(st);
	return rc;
}

static int cmd_case_add(struct cli *c, int argc, char **argv)
{
	const char *age = NULL, *plan = NULL, *tags = NULL;
	const struct opt_spec spec[] = {{"--age", &age, NULL},
					{"--plan", &plan, NULL},
					{"--tags", &tags, NULL},
					{NULL, NULL, NULL}};
	const char *pos[2];
	int parsed =
	    parse_command(c, argc, argv, spec, 2, pos,
			  "case add needs AUDIT and REF, e.g. maca case add 1 \"Child A\"");
	if (parsed)
		return parsed;
	const char *audit_ref = pos[0], *ref = pos[1];
	struct store *st;
	if (open_store(c, &st))
		return CLI_FAIL;
	struct maca_err e = {0};
	int64_t audit_id;
	struct template *tpl = NULL;
	int rc = CLI_OK;
	if (store_audit_resolve(st, audit_ref, &audit_id, &e) ||
	    store_audit_template(st, audit_id, &tpl, &e))
		rc = fail_err(c, &e);
	struct record rec = {0};
	if (!rc && !(record_set(&rec, "reference", ref) && set_if(&rec, "age_band", age) &&
		     set_if(&rec, "plan_status", plan) && set_if(&rec, "tags", tags)))
		rc = fail(c, "out of memory");
	if (!rc) {
		struct form_context ctx = {0};
		ctx.lists[CHOICES_AGE_BANDS] = &tpl->age_bands;
		ctx.lists[CHOICES_PLAN_STATUSES] = &tpl->plan_statuses;
		ctx.lists[CHOICES_TAGS] = &tpl->tags;
		rc = validate(c, RECORD_CASE, &ctx, &rec);
	}
	record_free(&rec);
	struct named_list tag_list = {0};
	if (!rc && tags && !split_list(tags, &tag_list))
		rc = fail(c, "out of memory");
	if (!rc) {
		struct case_fields cf = {
		    .reference = ref, .age_band = age, .plan_status = plan, .tags = &tag_list};
		int64_t id;
		if (store_case_add(st, audit_id, &cf, &id, &e))
			rc = fail_err(c, &e);
		else
			fprintf(c->out, "%lld\n", (long long)id);
	}
	named_list_free(&tag_list);
	template_free(tpl);
	store_close(st);
	return rc;
}

static int cmd_case(struct cli *c, int argc, char **argv)
{
	if (argc < 2)
		return usage(c, "case needs a subcommand: add");
	if (strcmp(argv[1], "add") == 0)
		return cmd_case_add(c, argc - 1, argv + 1);
	return usage(c, "unknown case subcommand '%s' (known: add)", argv[1]);
}

/* No command: the full-screen interface on the chosen database. */
static int cmd_interface(struct cli *c)
{
	struct store *st;
	if (open_store(c, &st))
		return CLI_FAIL;
	if (store_set_origin(st, c->cfg.author, "keyboard", NULL)) {
		store_close(st);
		return fail(c, "out of memory");
	}
	struct tui_options opts = {.colour = c->cfg.colour,
				   .partnership = c->cfg.partnership,
				   .chair_agency = c->cfg.chair_agency,
				   .author = c->cfg.author,
				   .export_dir = c->cfg.export_dir,
				   .resources = c->cfg.resources,
				   .nresources = c->cfg.nresources,
				   .warning = c->warning};
	struct maca_err e = {0};
	int rc = tui_run(st, &opts, &e) ? fail_err(c, &e) : CLI_OK;
	store_close(st);
	return rc;
}

int cli_main(int argc, char **argv, FILE *out, FILE *err)
{
	struct cli c = {.out = out, .err = err};
	bool help = false, version = false;
	const struct opt_spec global[] = {
	    {"--db", &c.db_opt, NULL}, {"--config", &c.config_opt, NULL}, {"--help", NULL, &help},
	    {"-h", NULL, &help},       {"--version", NULL, &version},	  {NULL, NULL, NULL}};
	int consumed = 0, npos;
	const char *why, *arg;
	const char *unused[1];
	if (argc > 0 &&
	    args_parse(argc - 1, argv + 1, global, true, unused, &npos, &consumed, &why, &arg) != 0)
		return usage(&c, "%s: %s", why, arg);
	int rc;
	if (help) {
		cli_help_print(out);
		rc = CLI_OK;
	} else if (version) {
		fprintf(out, "maca %s\n", MACA_VERSION);
		rc = CLI_OK;
	} else {
		int cmd_argc = argc - 1 - consumed;
		char **cmd_argv = argv + 1 + consumed;
		const struct cli_command_help *cmd = cli_command_find(cmd_argc, cmd_argv);
		c.command = cmd ? cmd->name : NULL;
		if (cmd_argc == 0) {
			rc = cmd_interface(&c);
		} else if (cli_wants_help(cmd_argc, cmd_argv) &&
			   cli_command_help_print(out, cmd_argc, cmd_argv)) {
			/* A command missing from cli_help.c goes on below and refuses --help as an
			 * unknown option, rather than being called unknown itself. */
			rc = CLI_OK;
		} else if (strcmp(cmd_argv[0], "templates") == 0) {
			rc = cmd_templates(&c, cmd_argc, cmd_argv);
		} else if (strcmp(cmd_argv[0], "check") == 0) {
			rc = cmd_check(&c, cmd_argc, cmd_argv);
		} else if (strcmp(cmd_argv[0], "new") == 0) {
			rc = cmd_new(&c, cmd_argc, cmd_argv);
		} else if (strcmp(cmd_argv[0], "list") == 0) {
			rc = cmd_list(&c, cmd_argc, cmd_argv);
		} else if (strcmp(cmd_argv[0], "case") == 0) {
			rc = cmd_case(&c, cmd_argc, cmd_argv);
		} else if (strcmp(cmd_argv[0], "actions") == 0) {
			rc = cli_actions(&c, cmd_argc, cmd_argv);
		} else if (strcmp(cmd_argv[0], "action") == 0) {
			rc = cli_action(&c, cmd_argc, cmd_argv);
		} else if (strcmp(cmd_argv[0], "export") == 0) {
			rc = cli_export(&c, cmd_argc, cmd_argv);
		} else if (strcmp(cmd_argv[0], "import") == 0) {
			rc = cli_import(&c, cmd_argc, cmd_argv);
		} else if (strcmp(cmd_argv[0], "show") == 0) {
			rc = cli_show(&c, cmd_argc, cmd_argv);
		} else if (strcmp(cmd_argv[0], "compare") == 0) {
			rc = cli_compare(&c, cmd_argc, cmd_argv);
		} else if (strcmp(cmd_argv[0], "report") == 0) {
			rc = cli_report(&c, cmd_argc, cmd_argv);
		} else if (strcmp(cmd_argv[0], "backup") == 0) {
			rc = cli_backup(&c, cmd_argc, cmd_argv);
		} else if (strcmp(cmd_argv[0], "restore") == 0) {
			rc = cli_restore(&c, cmd_argc, cmd_argv);
		} else if (strcmp(cmd_argv[0], "check-db") == 0) {
			rc = cli_check_db(&c, cmd_argc, cmd_argv);
		} else {
			rc = usage(&c, "unknown command '%s'", cmd_argv[0]);
		}
	}
	if (c.cfg_loaded)
		config_free(&c.cfg);
	free(c.warning);
	return rc;
}
