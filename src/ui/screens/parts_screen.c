/* Briefing parts: the chair shapes the briefing, each part shown or left out, moved, its
 * heading and text edited in place or taken from maca's suggestion, and the settings (title,
 * publication date, subtitle, key learning, the template's resources) edited alike. Opened
 * from the Briefing screen; the state is ui_parts.c's. */
#include "screens_internal.h"

static void take_confirmed(struct ui *ui)
{
	struct maca_err err = {0};
	ui_status_said(ui, ui_parts_take(&ui->parts, ui->st, true, &err), &err,
		       "Took the suggestion: Enter edits it");
}

static void take(struct ui *ui)
{
	struct maca_err err = {0};
	int rc = ui_parts_take(&ui->parts, ui->st, false, &err);
	if (rc == MACA_EEXIST) {
		err_clear(&err);
		ui_confirm_open(ui, take_confirmed, NULL, "replace", "Type replace to confirm:",
				"The part has text of its own; replace it with maca's suggestion? "
				"Esc cancels.");
	} else if (rc) {
		ui_status_err(ui, &err);
	} else {
		ui_set_status(ui, false, "Took the suggestion: Enter edits it");
	}
}

static int parts_act(struct ui *ui, enum ui_action action, struct maca_err *err)
{
	struct ui_parts *up = &ui->parts;
	int rc = MACA_OK;
	switch (action) {
	case UI_ACTION_TOGGLE_PART:
		rc = ui_parts_toggle(up, ui->st, err);
		break;
	case UI_ACTION_MOVE_PART_UP:
	case UI_ACTION_MOVE_PART_DOWN:
		rc = ui_parts_move(up, ui->st, action == UI_ACTION_MOVE_PART_UP ? -1 : 1, err);
		break;
	case UI_ACTION_EDIT_PART:
		rc = ui_parts_edit_start(up, UI_PARTS_EDIT_TEXT, err);
		break;
	case UI_ACTION_EDIT_HEADING:
		rc = ui_parts_on_part(up, NULL)
			 ? ui_parts_edit_start(up, UI_PARTS_EDIT_HEADING, err)
			 : err_set(err, MACA_EUSER, "Only the parts have headings");
		break;
	case UI_ACTION_TAKE_SUGGESTION:
		take(ui);
		return MACA_OK;
	case UI_ACTION_TOGGLE_LAYOUT:
		rc = ui_parts_switch_layout(up, ui->st, err);
		if (!rc)
			ui_set_status(ui, false, "The %s briefing",
				      up->seven_minute ? "seven-minute" : "standard");
		break;
	case UI_ACTION_TOGGLE_PREVIEW:
		up->preview_full = !up->preview_full;
		break;
	default:
		ui_parts_move_selection(up, ui->st, action);
		return MACA_OK;
	}
	return rc;
}

/* The editor takes every key while it is open. */
static bool parts_key(struct ui *ui, int key)
{
	if (!ui->parts.editing)
		return false;
	struct maca_err err = {0};
	if (ui_parts_edit_key(&ui->parts, ui->st, key, &err))
		ui_status_err(ui, &err);
	else if (!ui->parts.editing)
		ui_set_status(ui, false, "Saved");
	return true;
}

/* A burst of typing: on one line (a heading, a setting) an Enter in it saves and closes the
 * editor, and what follows is keys again. */
static void parts_text(struct ui *ui, const wchar_t *s, size_t n)
{
	struct maca_err err = {0};
	size_t end = n;
	if (ui->parts.editing != UI_PARTS_EDIT_TEXT)
		for (end = 0; end < n && s[end] != L'\n'; end++)
			;
	if (ui_parts_edit_text(&ui->parts, s, end, &err)) {
		ui_status_err(ui, &err);
		return;
	}
	if (end == n)
		return;
	parts_key(ui, UI_KEY_ENTER);
	if (!ui->parts.editing) /* else a refusal: the rest stays unread, as typed too soon */
		ui_text(ui, s + end + 1, n - end - 1);
}

/* What is being typed is saved before leaving (or quitting); if it cannot be, the chair
 * stays. */
static bool parts_flush(struct ui *ui)
{
	struct maca_err err = {0};
	if (ui_parts_save(&ui->parts, ui->st, false, &err)) {
		ui_status_err(ui, &err);
		return false;
	}
	return true;
}

/* Back on the Briefing screen, the layout shaped here is the one written. */
static bool parts_leave(struct ui *ui)
{
	struct maca_err err = {0};
	if (ui_parts_save(&ui->parts, ui->st, true, &err)) {
		ui_status_err(ui, &err);
		return false;
	}
	ui->export.seven_minute = ui->parts.seven_minute;
	return true;
}

static bool parts_editing(const struct ui *ui)
{
	return ui->parts.editing != UI_PARTS_EDIT_NONE;
}

/* The text, heading, title or subtitle being typed is published: the shell warns as it is
 * typed (the briefing's words are the audit's). */
static bool parts_published_text(const struct ui *ui, struct ui_published_field *out)
{
	const struct ui_parts *up = &ui->parts;
	const struct briefing_part_state *p = ui_parts_selected(up);
	const char *field = NULL;
	if (up->editing == UI_PARTS_EDIT_SETTING)
		field = up->selected == BRIEFING_SET_TITLE	? "briefing-title"
			: up->selected == BRIEFING_SET_SUBTITLE ? "briefing-subtitle"
								: NULL;
	else if (up->editing && p)
		field = briefing_part_field(p->part, up->editing == UI_PARTS_EDIT_HEADING);
	if (!field)
		return false;
	*out = (struct ui_published_field){.eb = up->edit,
					   .audit_id = up->audit_id,
					   .record = "audit",
					   .record_id = up->audit_id,
					   .field = field};
	/* The standard layout's background is the audit's own field. */
	if (p && p->part == BRIEFING_BACKGROUND && up->editing == UI_PARTS_EDIT_TEXT &&
	    !up->seven_minute)
		out->field = "background";
	return true;
}

static int parts_reload(struct ui *ui, struct maca_err *err)
{
	return ui_parts_reload(&ui->parts, ui->st, err);
}

/* What each key means on the row selected: parts move and have headings, settings do not. */
static bool parts_offers(const struct ui *ui, enum ui_action action)
{
	bool part = ui_parts_on_part(&ui->parts, NULL);
	switch (action) {
	case UI_ACTION_TOGGLE_PART:
	case UI_ACTION_MOVE_PART_UP:
	case UI_ACTION_MOVE_PART_DOWN:
	case UI_ACTION_EDIT_HEADING:
		return part;
	case UI_ACTION_TAKE_SUGGESTION:
		return part && ui->parts.suggestion && *ui->parts.suggestion;
	default:
		return true;
	}
}

static const struct ui_binding parts_keys[] = {
    {UI_KEY_ENTER, UI_ACTION_EDIT_PART, "edit", NULL},
    {' ', UI_ACTION_TOGGLE_PART, "on/off", NULL},
    {'K', UI_ACTION_MOVE_PART_UP, "move", NULL},
    {'J', UI_ACTION_MOVE_PART_DOWN, "move", NULL},
    {'H', UI_ACTION_EDIT_HEADING, "heading", NULL},
    {'t', UI_ACTION_TAKE_SUGGESTION, "take", NULL},
    {'l', UI_ACTION_TOGGLE_LAYOUT, "layout", NULL},
    {'v', UI_ACTION_TOGGLE_PREVIEW, "preview", NULL},
};

const struct ui_screen_ops ui_parts_screen = {
    .title = "Briefing parts",
    .keys = parts_keys,
    .nkeys = sizeof parts_keys / sizeof parts_keys[0],
    .act = parts_act,
    .key = parts_key,
    .leave = parts_leave,
    .reload = parts_reload,
    .flush = parts_flush,
    .editing = parts_editing,
    .text = parts_text,
    .published_text = parts_published_text,
    .offers = parts_offers,
};
