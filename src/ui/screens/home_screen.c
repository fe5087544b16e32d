/* The audit list: opening an audit, the demo, new audits from a template, deleting an audit
 * once its title is typed, the action tracker and import. The list is ui_home.c's. */
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "screens_internal.h"
#include "ui_find.h"

int ui_home_reload(struct ui *ui, struct maca_err *err)
{
	return ui_home_load(&ui->home, ui->st, err);
}

static void demo_add(struct ui *ui)
{
	struct maca_err err = {0};
	struct diag_list diags = {0};
	struct template *tpl;
	int64_t id;
	if (catalog_load_template(ui->demo_template, &tpl, &diags, &err)) {
		diag_list_free(&diags);
		ui_status_err(ui, &err);
		return;
	}
	diag_list_free(&diags);
	int rc = demo_create(ui->st, tpl, &id, &err);
	template_free(tpl);
	/* The demo's rows name "maca demo"; what the user changes from now on names them. */
	struct maca_err origin_err = {0};
	if (ui->author && store_set_origin(ui->st, ui->author, "keyboard", &origin_err)) {
		ui_status_err(ui, &origin_err);
		return;
	}
	if (rc || ui_home_reload(ui, &err)) {
		ui_status_err(ui, &err);
		return;
	}
	ui_home_select(&ui->home, id);
	ui_set_status(ui, false,
		      "Created a SYNTHETIC demo audit: every name and fact in it is "
		      "invented");
}

/* d: the demo, once. A second would look the same as the first but for its number, so a
 * list that holds it already asks first, naming the number that tells them apart. */
static void home_demo(struct ui *ui)
{
	const struct ui_home *h = &ui->home;
	for (size_t i = 0; i < h->naudits; i++)
		if (strcmp(h->audits[i].title, DEMO_TITLE) == 0) {
			ui_confirm_open(ui, demo_add, NULL, "y", "Type y to add another:",
					"The demo is here already (audit %lld); a second would "
					"differ only in its number. Esc cancels.",
					(long long)h->audits[i].id);
			return;
		}
	demo_add(ui);
}

static void delete_confirmed(struct ui *ui)
{
	struct ui_home *h = &ui->home;
	struct maca_err err = {0};
	if (h->naudits == 0)
		return;
	struct audit_info *a = &h->audits[h->selected];
	char *title = strdup(a->title);
	if (!title) {
		ui_set_status(ui, true, "out of memory");
		return;
	}
	/* Typing the title of an audit shown as closed confirms deleting a closed audit; one
	 * closed by another maca since the list was read is refused, not deleted unseen. */
	int rc = store_audit_delete(ui->st, a->id, a->status == AUDIT_CLOSED, &err);
	if (!rc)
		rc = ui_home_reload(ui, &err);
	ui_status_said(ui, rc, &err, "Deleted the audit \"%s\"", title);
	free(title);
}

/* A new audit's form was saved: the list shows it, selected. */
static void audit_created(struct ui *ui, enum ui_form_purpose purpose, int64_t id)
{
	(void)purpose;
	struct maca_err err = {0};
	if (ui_home_reload(ui, &err)) {
		ui_status_err(ui, &err);
		return;
	}
	ui_home_select(&ui->home, id);
	ui_set_status(ui, false, "Created audit %lld", (long long)id);
}

/* The pick's id for a template file that did not load: the reason, after this mark. */
#define FAILED_MARK "!"

static void template_picked(struct ui *ui, const char *path)
{
	struct maca_err err = {0};
	if (strncmp(path, FAILED_MARK, strlen(FAILED_MARK)) == 0) {
		ui_set_status(ui, true, "%s", path + strlen(FAILED_MARK));
		return;
	}
	ui_open_form(ui,
		     ui_form_new_audit(&ui->form, ui->st, path, ui->default_partnership,
				       ui->default_chair, &err),
		     &err, audit_created);
}

static void home_new_audit(struct ui *ui)
{
	struct maca_err err = {0};
	struct diag_list diags = {0};
	struct catalog_entry *list;
	size_t n;
	int rc = catalog_templates(&list, &n, &diags, &err);
	if (rc) {
		diag_list_free(&diags);
		ui_status_err(ui, &err);
		return;
	}
	bool ok = ui_pick_open(ui, template_picked, "Create an audit from which template?");
	for (size_t i = 0; ok && i < n; i++) {
		char *label = str_fmt("%s (v%ld): %s", list[i].id, list[i].version, list[i].title);
		ok = label && named_add(&ui->pick.items, list[i].path, label);
		free(label);
	}
	/* A template that did not load is named, with its reason, not left out unseen;
	 * picking it says what is wrong. */
	size_t at = 0;
	for (const struct diag *d; ok && (d = catalog_failure(&diags, &at, NULL));) {
		char *why = catalog_failure_text(d);
		char *id = why ? str_fmt(FAILED_MARK "%s; `maca check %s` lists every problem", why,
					 d->file)
			       : NULL;
		/* The file's name, not its whole path: the reason must fit beside it. */
		const char *base = strrchr(d->file, '/') ? strrchr(d->file, '/') + 1 : d->file;
		char *label =
		    why ? (d->line ? str_fmt("(not usable) %s, line %d: %s", base, d->line, d->msg)
				   : str_fmt("(not usable) %s: %s", base, d->msg))
			: NULL;
		ok = id && label && named_add(&ui->pick.items, id, label);
		free(why);
		free(id);
		free(label);
	}
	diag_list_free(&diags);
	catalog_free(list, n);
	ui_pick_show(ui, ok, "No audit templates found; `maca templates` shows where maca looks");
}

static int home_act(struct ui *ui, enum ui_action action, struct maca_err *err)
{
	struct ui_home *h = &ui->home;
	switch (action) {
	case UI_ACTION_DEMO:
		home_demo(ui);
		break;
	case UI_ACTION_TRACK_ACTIONS:
		ui_tracker_open(ui, 0);
		break;
	case UI_ACTION_NEW_AUDIT:
		home_new_audit(ui);
		break;
	case UI_ACTION_IMPORT:
		ui_import_ask(ui);
		break;
	case UI_ACTION_OPEN:
		if (h->naudits == 0)
			break;
		if (ui_overview_load(&ui->overview, ui->st, h->audits[h->selected].id, err))
			return err->status;
		ui_status_clear(ui);
		ui_push(ui, UI_SCREEN_OVERVIEW);
		break;
	case UI_ACTION_DELETE_AUDIT:
		if (h->naudits == 0)
			break;
		ui_confirm_open(
		    ui, delete_confirmed, NULL, h->audits[h->selected].title,
		    "Type its title to confirm:",
		    "Delete \"%s\" with all its cases, answers and learning? Esc cancels.",
		    h->audits[h->selected].title);
		break;
	default:
		ui_home_move(h, action);
		break;
	}
	return MACA_OK;
}

static bool audit_matches(const void *ctx, size_t i, const char *query)
{
	const struct audit_info *a = &((const struct ui_home *)ctx)->audits[i];
	return ui_find_match(a->title, query) || ui_find_match(a->theme, query);
}

/* The audits as find and a click see them: by words of their titles and themes. */
static struct ui_list home_list(struct ui *ui)
{
	struct ui_home *h = &ui->home;
	return (struct ui_list){
	    .selected = &h->selected, .n = h->naudits, .items = h, .matches = audit_matches};
}

static const struct ui_binding home_keys[] = {
    {UI_KEY_ENTER, UI_ACTION_OPEN, "open", NULL},
    {'a', UI_ACTION_NEW_AUDIT, "new", NULL},
    {'d', UI_ACTION_DEMO, "demo", NULL},
    {'i', UI_ACTION_IMPORT, "import", NULL},
    {'t', UI_ACTION_TRACK_ACTIONS, "actions", NULL},
    {'D', UI_ACTION_DELETE_AUDIT, "delete", NULL},
    {'/', UI_ACTION_FIND, NULL, "Find an audit by words of its title or theme"},
    {'n', UI_ACTION_FIND_NEXT, NULL, NULL},
    {'N', UI_ACTION_FIND_PREV, NULL, NULL},
};

const struct ui_screen_ops ui_home_screen = {
    .title = "Audits",
    .keys = home_keys,
    .nkeys = sizeof home_keys / sizeof home_keys[0],
    .act = home_act,
    .list = home_list,
    /* Back on the list, or another maca changed the database: the list shows it. */
    .resume = ui_home_reload,
    .reload = ui_home_reload,
};
