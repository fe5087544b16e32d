/* The briefing (export) screen: the possible identifiers in what would be published, each
 * open or accepted (by whom); taking the chair to a finding's record to fix it, or accepting
 * it with a reason; and writing the file once none is open. The briefing's parts are shaped
 * on a screen of their own (p). The briefing is ui_export.c's. */
#include <string.h>

#include "screens_internal.h"

static void write_file(struct ui *ui, bool overwrite);

static void overwrite_confirmed(struct ui *ui)
{
	write_file(ui, true);
}

/* The chair said where: the briefing goes there. */
static void place_given(struct ui *ui, const char *answer, size_t len)
{
	(void)len;
	struct maca_err err = {0};
	if (ui_export_choose(&ui->export, answer, &err))
		ui_status_err(ui, &err);
	else
		write_file(ui, false);
}

/* Asks where to write, offering the folder and name maca would use; while a finding is open
 * there is nothing to ask: writing says why it is refused. */
static void ask_where(struct ui *ui)
{
	if (ui->export.decided.open) {
		write_file(ui, false);
		return;
	}
	ui_prompt_open(ui, place_given, NULL, NULL, "File:",
		       "Write the briefing where? (A folder takes this name; Esc cancels.)");
	ui_prompt_fill(ui, ui->export.path);
}

/* Writes the briefing: refused while a finding is open, and an existing file is replaced
 * only when the chair says so. */
static void write_file(struct ui *ui, bool overwrite)
{
	struct ui_export *ue = &ui->export;
	struct maca_err err = {0};
	int rc = ui_export_write(ue, ui->st, overwrite, &err);
	if (rc == MACA_EEXIST) {
		err_clear(&err);
		ui_confirm_open(ui, overwrite_confirmed, NULL, "overwrite",
				"Type overwrite to replace it:", "%s already exists. Esc cancels.",
				ue->path);
		return;
	}
	ui_status_said(ui, rc, &err, "Wrote the briefing to %s (%s, readable by you only)",
		       ue->path, ui_export_format_label(ue->format));
}

/* The next finding still open after the selected one, if any, else the selected one. */
static void select_next_open(struct ui_export *ue)
{
	for (size_t k = 1; k <= ue->decided.n; k++) {
		size_t i = (ue->finding + k) % ue->decided.n;
		if (!ue->decided.items[i].accepted) {
			ue->finding = i;
			return;
		}
	}
}

static void accept_confirmed(struct ui *ui, const char *answer, size_t len)
{
	(void)len;
	struct ui_export *ue = &ui->export;
	struct maca_err err = {0};
	if (ui_export_accept(ue, ui->st, answer, &err)) {
		ui_status_err(ui, &err);
		return;
	}
	select_next_open(ue);
	if (ue->decided.open)
		ui_set_status(ui, false, "Accepted by %s; %zu still open", store_author(ui->st),
			      ue->decided.open);
	else
		ui_set_status(ui, false, "Accepted by %s; none is open: w writes the briefing",
			      store_author(ui->st));
}

static void withdraw_confirmed(struct ui *ui)
{
	struct maca_err err = {0};
	ui_status_said(ui, ui_export_withdraw(&ui->export, ui->st, &err), &err,
		       "Open again: fix it, or accept it with a reason");
}

/* Accepts the selected finding with a reason (a prompt), or takes an acceptance back. */
static void export_accept(struct ui *ui)
{
	struct ui_export *ue = &ui->export;
	if (ue->finding >= ue->found.n)
		return;
	const struct disclosure *d = &ue->found.items[ue->finding];
	const struct disclosure_decision *x = &ue->decided.items[ue->finding];
	struct acceptance_key key;
	if (x->accepted)
		ui_confirm_open(
		    ui, withdraw_confirmed, NULL, "withdraw",
		    "Type withdraw to open it:", "Accepted by %s at %.16s: %s. Esc keeps it.",
		    x->acceptance.author, x->acceptance.at, x->acceptance.reason);
	else if (!disclosure_gate_key(d, &key))
		ui_set_status(ui, true, "That text is in no record that can be accepted: fix it");
	else
		/* The finding stays highlighted above: the question need not repeat it. */
		ui_prompt_open(ui, accept_confirmed, NULL, NULL, "Why:",
			       "Why publish the selected one? Kept with your name (%s). "
			       "Esc cancels.",
			       store_author(ui->st));
}

/* The audit's details were fixed from a finding: the briefing is written again. */
static void audit_saved(struct ui *ui, enum ui_form_purpose purpose, int64_t id)
{
	(void)purpose;
	(void)id;
	struct maca_err err = {0};
	ui_status_said(ui, ui_export_refresh(&ui->export, ui->st, &err), &err,
		       "Saved the audit's details");
}

/* The Briefing parts screen on the layout shown here; with a finding's field given, its part
 * or setting selected and its editor open. */
static void open_parts(struct ui *ui, const char *field)
{
	struct ui_export *ue = &ui->export;
	struct maca_err err = {0};
	if (ui_parts_open(&ui->parts, ui->st, ue->audit_id, ue->seven_minute, &ui->publish, &err)) {
		ui_status_err(ui, &err);
		return;
	}
	enum briefing_part part;
	enum briefing_setting setting;
	enum briefing_field f = briefing_field_parse(field, &part, &setting);
	if (f == BRIEFING_FIELD_SETTING)
		ui->parts.selected = setting;
	else if (f != BRIEFING_FIELD_NONE)
		ui_parts_select(&ui->parts, part);
	ui_push(ui, UI_SCREEN_PARTS);
	if (f != BRIEFING_FIELD_NONE &&
	    ui_parts_edit_start(
		&ui->parts,
		f == BRIEFING_FIELD_HEADING ? UI_PARTS_EDIT_HEADING : UI_PARTS_EDIT_TEXT, &err))
		ui_status_err(ui, &err);
}

/* A record's form opened through its own screen (the case's, the learning's): closing it
 * comes back here, where the briefing is written afresh, as fixing a finding promises. */
static void back_here(struct ui *ui, size_t depth)
{
	if (ui_screen(ui) == UI_SCREEN_FORM)
		ui->form.back_to = depth;
}

/* Takes the chair to the record a finding is in, with its form open to fix it. */
static void export_fix(struct ui *ui)
{
	struct ui_export *ue = &ui->export;
	struct maca_err err = {0};
	size_t here = ui->depth;
	if (ue->found.n == 0)
		return;
	const struct disclosure *d = &ue->found.items[ue->finding];
	int64_t audit = ue->decided.items[ue->finding].audit_id;
	if (audit && audit != ue->audit_id) {
		ui_set_status(ui, true,
			      "That is in the earlier audit (audit %lld): fix it there, or accept "
			      "it here (a)",
			      (long long)audit);
		return;
	}
	int rc = MACA_OK;
	switch (d->place) {
	case DISCLOSURE_IN_CASE:
		rc = ui_cases_load(&ui->cases, ui->st, ue->audit_id, &err);
		if (rc)
			break;
		ui_cases_select(&ui->cases, d->place_id);
		ui_push(ui, UI_SCREEN_CASES);
		if (ui_cases_screen.act(ui, UI_ACTION_EDIT_CASE, &err))
			ui_status_err(ui, &err);
		back_here(ui, here);
		return;
	case DISCLOSURE_IN_GOOD_PRACTICE:
	case DISCLOSURE_IN_LEARNING_POINT:
	case DISCLOSURE_IN_ACTION: {
		enum ui_learning_kind kind = d->place == DISCLOSURE_IN_GOOD_PRACTICE
						 ? UI_LEARNING_GOOD_PRACTICE
					     : d->place == DISCLOSURE_IN_ACTION ? UI_LEARNING_ACTION
										: UI_LEARNING_POINT;
		rc = ui_learning_show(ui, ue->audit_id, kind, d->place_id, &err);
		if (rc)
			break;
		if (ui_learning_screen.act(ui, UI_ACTION_EDIT_LEARNING, &err))
			ui_status_err(ui, &err);
		back_here(ui, here);
		return;
	}
	case DISCLOSURE_IN_AUDIT:
		ui_open_form(ui, ui_form_edit_audit(&ui->form, ui->st, ue->audit_id, &err), &err,
			     audit_saved);
		return;
	case DISCLOSURE_IN_BRIEFING:
		open_parts(ui, d->field);
		return;
	case DISCLOSURE_IN_TEXT:
		return;
	}
	if (rc)
		ui_status_err(ui, &err);
}

static int export_act(struct ui *ui, enum ui_action action, struct maca_err *err)
{
	if (action == UI_ACTION_NEXT_FINDING) {
		if (ui->export.found.n)
			ui->export.finding = (ui->export.finding + 1) % ui->export.found.n;
	} else if (action == UI_ACTION_FIX_FINDING) {
		export_fix(ui);
	} else if (action == UI_ACTION_ACCEPT_FINDING) {
		export_accept(ui);
	} else if (action == UI_ACTION_TOGGLE_LAYOUT) {
		return ui_export_toggle_layout(&ui->export, ui->st, err);
	} else if (action == UI_ACTION_TOGGLE_COMPARISON) {
		int rc = ui_export_toggle_comparison(&ui->export, ui->st, err);
		ui_status_said(ui, rc, err, "%s",
			       ui->export.with_comparison
				   ? "The comparison with the earlier audit is in"
				   : "The comparison is left out");
	} else if (action == UI_ACTION_NEXT_FORMAT) {
		int rc = ui_export_next_format(&ui->export, ui->st, err);
		ui_status_said(ui, rc, err, "w writes %s",
			       ui_export_format_label(ui->export.format));
	} else if (action == UI_ACTION_BRIEFING_PARTS) {
		open_parts(ui, NULL);
	} else if (action == UI_ACTION_WRITE_FILE) {
		ask_where(ui);
	} else {
		ui_export_scroll(&ui->export, action);
	}
	return MACA_OK;
}

/* Back from fixing something: the briefing and its findings are redone. */
static int export_resume(struct ui *ui, struct maca_err *err)
{
	return ui_export_refresh(&ui->export, ui->st, err);
}

/* Another maca changed the audit: the briefing is redone where it was being read. */
static int export_reload(struct ui *ui, struct maca_err *err)
{
	return ui_export_reload(&ui->export, ui->st, err);
}

/* Going to a finding means something only when there are findings. */
static bool export_offers(const struct ui *ui, enum ui_action action)
{
	bool finding = action == UI_ACTION_NEXT_FINDING || action == UI_ACTION_FIX_FINDING ||
		       action == UI_ACTION_ACCEPT_FINDING;
	return !finding || ui->export.found.n > 0;
}

static const struct ui_binding export_keys[] = {
    {UI_KEY_TAB, UI_ACTION_NEXT_FINDING, "next finding", NULL},
    {UI_KEY_ENTER, UI_ACTION_FIX_FINDING, "fix it", NULL},
    {'a', UI_ACTION_ACCEPT_FINDING, "accept", NULL},
    {'w', UI_ACTION_WRITE_FILE, "write", NULL},
    {'l', UI_ACTION_TOGGLE_LAYOUT, "layout", NULL},
    {'f', UI_ACTION_NEXT_FORMAT, "format", NULL},
    {'p', UI_ACTION_BRIEFING_PARTS, "parts", NULL},
    {'c', UI_ACTION_TOGGLE_COMPARISON, NULL, NULL},
};

const struct ui_screen_ops ui_export_screen = {
    .title = "Briefing",
    .keys = export_keys,
    .nkeys = sizeof export_keys / sizeof export_keys[0],
    .scrolls = true,
    .act = export_act,
    .resume = export_resume,
    .reload = export_reload,
    .offers = export_offers,
};
