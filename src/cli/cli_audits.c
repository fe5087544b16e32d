/* maca new, maca list, maca case add and maca room: audits and their cases, for scripts, and
 * the audit day shown to the room. */
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "form.h"
#include "record.h"
#include "sbuf.h"
#include "template.h"
#include "cli_context.h"
#include "tui.h"

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
		cli_say(c, "%s", problems->items[i].label);
		const struct form_field *f = form_field(form, problems->items[i].id);
		const struct named_list *choices = f ? form_choices(f, ctx) : NULL;
		char *list = choices && choices->n ? joined_ids(choices) : NULL;
		if (list)
			cli_eprint(c, "  choices: %s\n", list);
		free(list);
	}
	return CLI_FAIL;
}

/* Validates rec against the form for `kind` as tpl words it (cli_form_open: its labels in
 * the problems, options for fields it does not show refused); prints problems. */
static int validate(struct cli *c, enum record_kind kind, const struct template *tpl,
		    const struct form_context *ctx, const struct record *rec,
		    const struct cli_field_option *given)
{
	struct form *form;
	if (cli_form_open(c, kind, tpl, ctx, given, &form))
		return CLI_FAIL;
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

/* The agencies --agencies names, each checked against the template's. */
static int pick_agencies(struct cli *c, const struct template *tpl, const char *wanted,
			 struct named_list *agencies)
{
	struct named_list picked = {0};
	int rc = split_list(wanted, &picked) ? CLI_OK : cli_fail(c, "out of memory");
	for (size_t i = 0; !rc && i < picked.n; i++) {
		const struct named *a = named_find(&tpl->agencies, picked.items[i].id);
		if (!a) {
			char *known = joined_ids(&tpl->agencies);
			rc = cli_fail(c, "template %s has no agency '%s'; it has: %s", tpl->id,
				      picked.items[i].id, known ? known : "?");
			free(known);
		} else if (!named_add(agencies, a->id, a->label)) {
			rc = cli_fail(c, "out of memory");
		}
	}
	named_list_free(&picked);
	return rc;
}

int cli_cmd_new(struct cli *c)
{
	const char *date = cli_opt(c, "--date"), *chair = cli_opt(c, "--chair"),
		   *partnership = cli_opt(c, "--partnership"), *theme = cli_opt(c, "--theme"),
		   *agencies_opt = cli_opt(c, "--agencies"),
		   *reaudit_of = cli_opt(c, "--reaudit-of");
	const char *tpl_ref = cli_arg(c, 0), *title = cli_arg(c, 1);
	if (cli_load_config(c))
		return CLI_FAIL;
	struct maca_err e = {0};
	struct diag_list diags = {0};
	struct template *tpl;
	if (catalog_load_template(tpl_ref, &tpl, &diags, &e)) {
		cli_put_diags(c, true, &diags);
		diag_list_free(&diags);
		return cli_fail_err(c, NULL, &e);
	}
	diag_list_free(&diags);

	int rc = CLI_OK;
	struct named_list agencies = {0}, templates = {0};
	if (agencies_opt)
		rc = pick_agencies(c, tpl, agencies_opt, &agencies);
	if (!rc && !chair && *c->cfg.chair_agency)
		chair = c->cfg.chair_agency;
	if (!rc && !partnership)
		partnership = c->cfg.partnership;
	if (!rc && !named_add(&templates, tpl->id, tpl->title))
		rc = cli_fail(c, "out of memory");

	/* The audit form asks which agencies take part: those given, else all the template's. */
	char *taking_part = rc ? NULL : joined_ids(agencies_opt ? &agencies : &tpl->agencies);
	if (!rc && !taking_part)
		rc = cli_fail(c, "out of memory");
	struct record rec = {0};
	if (!rc && !(record_set(&rec, "title", title) && record_set(&rec, "template", tpl->id) &&
		     record_set(&rec, "agencies", taking_part) && set_if(&rec, "theme", theme) &&
		     set_if(&rec, "partnership", partnership) &&
		     set_if(&rec, "chair_agency", chair) && set_if(&rec, "audit_date", date)))
		rc = cli_fail(c, "out of memory");
	struct form_context ctx = {0};
	ctx.lists[CHOICES_TEMPLATES] = &templates;
	ctx.lists[CHOICES_AGENCIES] = agencies_opt ? &agencies : &tpl->agencies;
	static const struct cli_field_option audit_options[] = {{"--date", "audit_date"},
								{"--chair", "chair_agency"},
								{"--partnership", "partnership"},
								{"--theme", "theme"},
								{"--agencies", "agencies"},
								{"--reaudit-of", "reaudit_of"},
								{NULL, NULL}};
	if (!rc)
		rc = validate(c, RECORD_AUDIT, tpl, &ctx, &rec, audit_options);
	record_free(&rec);
	free(taking_part);

	struct store *st = NULL;
	if (!rc)
		rc = cli_open_store(c, &st);
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
			rc = cli_fail_err(c, NULL, &e);
		else
			cli_print(c, "%lld\n", (long long)id);
	}
	store_close(st);
	named_list_free(&agencies);
	named_list_free(&templates);
	template_free(tpl);
	return rc;
}

int cli_cmd_list(struct cli *c)
{
	bool ids = cli_flag(c, "--ids");
	struct store *st;
	if (cli_open_store(c, &st))
		return CLI_FAIL;
	struct audit_info *list;
	size_t n;
	struct maca_err e = {0};
	int rc = CLI_OK;
	if (store_audit_list(st, &list, &n, &e)) {
		rc = cli_fail_err(c, NULL, &e);
	} else {
		for (size_t i = 0; i < n; i++) {
			if (ids) {
				cli_print(c, "%lld\n", (long long)list[i].id);
				continue;
			}
			/* A re-audit gets a sixth field, so the five that scripts read stay put. */
			int64_t earlier = 0;
			if (store_audit_earlier(st, list[i].id, &earlier, &e)) {
				rc = cli_fail_err(c, NULL, &e);
				break;
			}
			cli_print(c, "%lld\t%s\t%s v%ld\t%lld case%s\t%s", (long long)list[i].id,
				  list[i].title, list[i].template_id, list[i].template_version,
				  (long long)list[i].ncases, list[i].ncases == 1 ? "" : "s",
				  audit_status_name(list[i].status));
			if (earlier)
				cli_print(c, "\tre-audit of %lld", (long long)earlier);
			cli_print(c, "\n");
		}
		audit_info_list_free(list, n);
	}
	store_close(st);
	return rc;
}

int cli_cmd_case_add(struct cli *c)
{
	const char *age = cli_opt(c, "--age"), *plan = cli_opt(c, "--plan"),
		   *tags = cli_opt(c, "--tags");
	const char *audit_ref = cli_arg(c, 0), *ref = cli_arg(c, 1);
	struct store *st;
	if (cli_open_store(c, &st))
		return CLI_FAIL;
	struct maca_err e = {0};
	int64_t audit_id;
	struct template *tpl = NULL;
	int rc = CLI_OK;
	if (store_audit_resolve(st, audit_ref, &audit_id, &e) ||
	    store_audit_template(st, audit_id, &tpl, &e))
		rc = cli_fail_err(c, NULL, &e);
	struct record rec = {0};
	if (!rc && !(record_set(&rec, "reference", ref) && set_if(&rec, "age_band", age) &&
		     set_if(&rec, "plan_status", plan) && set_if(&rec, "tags", tags)))
		rc = cli_fail(c, "out of memory");
	if (!rc) {
		struct form_context ctx = {0};
		ctx.lists[CHOICES_AGE_BANDS] = &tpl->age_bands;
		ctx.lists[CHOICES_PLAN_STATUSES] = &tpl->plan_statuses;
		ctx.lists[CHOICES_TAGS] = &tpl->tags;
		static const struct cli_field_option case_options[] = {{"--age", "age_band"},
								       {"--plan", "plan_status"},
								       {"--tags", "tags"},
								       {NULL, NULL}};
		rc = validate(c, RECORD_CASE, tpl, &ctx, &rec, case_options);
	}
	record_free(&rec);
	struct named_list tag_list = {0};
	if (!rc && tags && !split_list(tags, &tag_list))
		rc = cli_fail(c, "out of memory");
	if (!rc) {
		struct case_fields cf = {
		    .reference = ref, .age_band = age, .plan_status = plan, .tags = &tag_list};
		int64_t id;
		if (store_case_add(st, audit_id, &cf, &id, &e))
			rc = cli_fail_err(c, NULL, &e);
		else
			cli_print(c, "%lld\n", (long long)id);
	}
	named_list_free(&tag_list);
	template_free(tpl);
	store_close(st);
	return rc;
}

/* The audit the room follows when none is named: the one the chair moderated last, or the only
 * audit there is. */
static int room_audit(struct cli *c, struct store *st, int64_t *id)
{
	struct maca_err e = {0};
	if (store_chair_place_latest(st, id, &e))
		return cli_fail_err(c, NULL, &e);
	if (*id)
		return CLI_OK;
	struct audit_info *list;
	size_t n;
	if (store_audit_list(st, &list, &n, &e))
		return cli_fail_err(c, NULL, &e);
	if (n == 1)
		*id = list[0].id;
	audit_info_list_free(list, n);
	if (*id)
		return CLI_OK;
	return cli_fail(c, n ? "no audit has been moderated yet: name the one to show, e.g. maca "
			       "room 1 (maca list shows them)"
			     : "the database holds no audit yet");
}

int cli_cmd_room(struct cli *c)
{
	const char *ref = cli_arg(c, 0);
	char *path = cli_db_path(c);
	if (!path)
		return CLI_FAIL;
	/* Read-only, and none of what opening for the interface does: no backup, no upgrade. */
	struct store *st;
	struct maca_err e = {0};
	int rc = store_open_readonly(path, &st, &e);
	free(path);
	if (rc)
		return cli_fail_err(c, NULL, &e);
	int64_t id = 0;
	if (ref && store_audit_resolve(st, ref, &id, &e))
		rc = cli_fail_err(c, NULL, &e);
	else if (!ref)
		rc = room_audit(c, st, &id);
	if (!rc && tui_room(st, id, c->cfg.colour, &e))
		rc = cli_fail_err(c, NULL, &e);
	store_close(st);
	return rc;
}
