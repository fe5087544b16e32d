/* The home screen's glue: the audit list's keys, the demo, new audits from a template and
 * deleting an audit once its title is typed. The list itself is loaded in ui.c. */
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "demo.h"
#include "sbuf.h"
#include "ui_internal.h"

static void home_move(struct ui *ui, enum ui_action action)
{
	struct ui_home *h = &ui->home;
	if (h->naudits == 0)
		return;
	size_t last = h->naudits - 1;
	switch (action) {
	case UI_ACTION_UP:
		h->selected -= h->selected > 0;
		break;
	case UI_ACTION_DOWN:
		h->selected += h->selected < last;
		break;
	case UI_ACTION_PAGE_UP:
		h->selected = h->selected > 10 ? h->selected - 10 : 0;
		break;
	case UI_ACTION_PAGE_DOWN:
		h->selected = h->selected + 10 < last ? h->selected + 10 : last;
		break;
	case UI_ACTION_FIRST:
		h->selected = 0;
		break;
	case UI_ACTION_LAST:
		h->selected = last;
		break;
	default:
		break;
	}
}

static void home_demo(struct ui *ui)
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
	for (size_t i = 0; i < ui->home.naudits; i++)
		if (ui->home.audits[i].id == id)
			ui->home.selected = i;
	ui_set_status(ui, false,
		      "Created a SYNTHETIC demo audit: every name and fact in it is "
		      "invented");
}

void ui_home_delete_confirmed(struct ui *ui)
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
	if (store_audit_delete(ui->st, a->id, a->status == AUDIT_CLOSED, &err) ||
	    ui_home_reload(ui, &err))
		ui_status_err(ui, &err);
	else
		ui_set_status(ui, false, "Deleted the audit \"%s\"", title);
	free(title);
}

static void home_new_audit(struct ui *ui)
{
	struct maca_err err = {0};
	struct diag_list diags = {0};
	struct catalog_entry *list;
	size_t n;
	int rc = catalog_templates(&list, &n, &diags, &err);
	diag_list_free(&diags);
	if (rc) {
		ui_status_err(ui, &err);
		return;
	}
	ui_pick_close(&ui->pick);
	ui->pick.title = strdup("Create an audit from which template?");
	bool ok = ui->pick.title != NULL;
	for (size_t i = 0; ok && i < n; i++) {
		char *label = str_fmt("%s (v%ld): %s", list[i].id, list[i].version, list[i].title);
		ok = label && named_add(&ui->pick.items, list[i].path, label);
		free(label);
	}
	catalog_free(list, n);
	if (!ok) {
		ui_pick_close(&ui->pick);
		ui_set_status(ui, true, "out of memory");
	} else if (ui->pick.items.n == 0) {
		ui_pick_close(&ui->pick);
		ui_set_status(ui, true,
			      "No audit templates found; `maca templates` shows where "
			      "maca looks");
	} else {
		ui->pick.on_pick = UI_ACTION_NEW_AUDIT;
		ui->pick.active = true;
	}
}

static void home_act(struct ui *ui, enum ui_action action)
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
		ui_prompt_open(
		    ui, UI_ACTION_IMPORT, NULL, "File:",
		    "Import a pack or an agency's return: type the file's path. Esc cancels.");
		break;
	case UI_ACTION_OPEN: {
		if (h->naudits == 0)
			break;
		struct maca_err err = {0};
		if (ui_overview_load(&ui->overview, ui->st, h->audits[h->selected].id, &err)) {
			ui_status_err(ui, &err);
			break;
		}
		free(ui->status);
		ui->status = NULL;
		ui_push(ui, UI_SCREEN_OVERVIEW);
		break;
	}
	case UI_ACTION_DELETE_AUDIT:
		if (h->naudits == 0)
			break;
		ui_prompt_open(
		    ui, UI_ACTION_DELETE_AUDIT, h->audits[h->selected].title,
		    "Type its title to confirm:",
		    "Delete \"%s\" with all its cases, answers and learning? Esc cancels.",
		    h->audits[h->selected].title);
		break;
	default:
		home_move(ui, action);
		break;
	}
}

/* Back on the list: what changed on the screens left behind shows. */
static void home_resume(struct ui *ui)
{
	struct maca_err err = {0};
	if (ui_home_reload(ui, &err))
		ui_status_err(ui, &err);
}

const struct ui_screen_ops ui_home_screen = {
    .act = home_act,
    .resume = home_resume,
};
