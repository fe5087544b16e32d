/* Agencies and attendance: from the overview, taking agencies into the audit or out of it
 * (never one that has answered), and recording on the day who attended. The state is
 * ui_agencies.c's. */
#include <stdlib.h>

#include "screens_internal.h"

/* After opening or a change: who takes part and who attended, in words; or the failure, for
 * the caller to say. */
static int said(struct ui *ui, int rc)
{
	if (rc)
		return rc;
	char *summary = ui_agencies_summary(&ui->agencies);
	ui_set_status(ui, false, "%s", summary ? summary : "");
	free(summary);
	return MACA_OK;
}

void ui_agencies_open(struct ui *ui)
{
	struct maca_err err = {0};
	int rc = ui_agencies_load(&ui->agencies, ui->st, ui->overview.info.id, &err);
	if (!rc)
		ui_push(ui, UI_SCREEN_AGENCIES);
	if (said(ui, rc))
		ui_status_err(ui, &err);
}

static void note_given(struct ui *ui, const char *note, size_t len)
{
	(void)len;
	struct maca_err err = {0};
	if (said(ui, ui_agencies_attend(&ui->agencies, ui->st, ATTENDANCE_UNKNOWN, note, &err)))
		ui_status_err(ui, &err);
}

static int agencies_act(struct ui *ui, enum ui_action action, struct maca_err *err)
{
	struct ui_agencies *ua = &ui->agencies;
	switch (action) {
	case UI_ACTION_TAKE_PART:
		return said(ui, ui_agencies_toggle(ua, ui->st, err));
	case UI_ACTION_ATTENDED:
	case UI_ACTION_APOLOGIES:
	case UI_ACTION_ABSENT:
	case UI_ACTION_ATTENDANCE_CLEAR: {
		enum attendance a = action == UI_ACTION_ATTENDED    ? ATTENDANCE_ATTENDED
				    : action == UI_ACTION_APOLOGIES ? ATTENDANCE_APOLOGIES
				    : action == UI_ACTION_ABSENT    ? ATTENDANCE_ABSENT
								    : ATTENDANCE_UNKNOWN;
		return said(ui, ui_agencies_attend(ua, ui->st, a, NULL, err));
	}
	case UI_ACTION_ATTENDANCE_NOTE:
		if (ua->selected < ua->n && ua->rows[ua->selected].taking_part)
			ui_prompt_open(ui, note_given, NULL, NULL, "Note:",
				       "Who came for %s, or what was sent instead (kept in the "
				       "confidential record). Esc cancels.",
				       ua->rows[ua->selected].name);
		else
			return said(ui,
				    ui_agencies_attend(ua, ui->st, ATTENDANCE_UNKNOWN, "", err));
		return MACA_OK;
	default:
		ui_agencies_move(ua, action);
		return MACA_OK;
	}
}

/* Another maca changed the agencies or the answers: they show, on the same agency. */
static int agencies_reload(struct ui *ui, struct maca_err *err)
{
	return ui_agencies_load(&ui->agencies, ui->st, ui->agencies.audit_id, err);
}

static const struct ui_binding agencies_keys[] = {
    {' ', UI_ACTION_TAKE_PART, "take part", NULL}, {'a', UI_ACTION_ATTENDED, "attended", NULL},
    {'s', UI_ACTION_APOLOGIES, "apologies", NULL}, {'x', UI_ACTION_ABSENT, "absent", NULL},
    {'c', UI_ACTION_ATTENDANCE_CLEAR, NULL, NULL}, {'n', UI_ACTION_ATTENDANCE_NOTE, "note", NULL},
};

const struct ui_screen_ops ui_agencies_screen = {
    .title = "Agencies and attendance",
    .keys = agencies_keys,
    .nkeys = sizeof agencies_keys / sizeof agencies_keys[0],
    .act = agencies_act,
    .reload = agencies_reload,
};
