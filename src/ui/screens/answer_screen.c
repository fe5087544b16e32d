/* Answering: choosing the agency, opening the answers, and saving before the user leaves.
 * The walk and its editor are ui_answer.c's. */
#include <ctype.h>
#include <stdlib.h>

#include "screens_internal.h"

/* After an answering call: its error on the status line, or a stale error cleared. */
static void answer_result(struct ui *ui, int rc, struct maca_err *err)
{
	if (rc)
		ui_status_err(ui, err);
	else if (ui->status_is_error)
		ui_status_clear(ui);
}

static void agency_picked(struct ui *ui, const char *agency)
{
	struct maca_err err = {0};
	if (ui_answer_open(&ui->answer, ui->st, ui->overview.info.id, ui->overview.row, agency,
			   &err)) {
		ui_status_err(ui, &err);
		return;
	}
	ui_status_clear(ui);
	ui_push(ui, UI_SCREEN_ANSWER);
}

void ui_answer_choose(struct ui *ui)
{
	const struct ui_overview *ov = &ui->overview;
	if (ov->ncases == 0) {
		ui_set_status(ui, true, "The audit has no cases to answer yet: c adds them");
		return;
	}
	bool ok = ui_pick_open(ui, agency_picked, "Answer %s as which agency?",
			       ov->cases[ov->row].reference);
	for (size_t i = 0; ok && i < ov->agencies.n; i++)
		ok = named_add(&ui->pick.items, ov->agencies.items[i].id,
			       ov->agencies.items[i].label);
	ui_pick_show(ui, ok, "No agencies take part in this audit");
}

/* The answer being edited is saved first; on failure the user stays with it. */
static bool answer_flush(struct ui *ui)
{
	struct maca_err err = {0};
	if (ui->answer.open && ui_answer_save(&ui->answer, ui->st, &err)) {
		ui_status_err(ui, &err);
		return false;
	}
	return true;
}

static void answer_act(struct ui *ui, enum ui_action action)
{
	struct maca_err err = {0};
	answer_result(ui, ui_answer_act(&ui->answer, ui->st, action, &err), &err);
}

static bool answer_key(struct ui *ui, int key)
{
	struct maca_err err = {0};
	int rc;
	if (!ui_answer_key(&ui->answer, key, &rc, &err))
		return false;
	answer_result(ui, rc, &err);
	return true;
}

static bool answer_leave(struct ui *ui)
{
	if (!answer_flush(ui))
		return false; /* stay: the answer is not saved yet */
	ui_answer_free(&ui->answer);
	return true;
}

static bool answer_editing(const struct ui *ui)
{
	return ui->answer.editing;
}

static void answer_text(struct ui *ui, const wchar_t *s, size_t n)
{
	struct maca_err err = {0};
	answer_result(ui, ui_answer_insert(&ui->answer, s, n, &err), &err);
}

/* Another maca changed the answers: they show, and what is being typed stays. */
static void answer_reload(struct ui *ui)
{
	struct maca_err err = {0};
	if (ui_answer_reload(&ui->answer, ui->st, &err))
		ui_status_err(ui, &err);
}

/* The template's grade keys, and the yes-no keys. */
static void answer_data_help(const struct ui *ui, struct sbuf *lines)
{
	const struct template *tpl = ui->answer.tpl;
	for (size_t g = 0; tpl && g < tpl->ngrades; g++)
		sbuf_addf(lines, "%-18c Grade: %s\n", toupper((unsigned char)tpl->grades[g].key),
			  tpl->grades[g].label);
	sbuf_addf(lines, "%-18s %s\n", "y, n, p, k",
		  "Yes-no questions: yes, no, partly, not known");
}

static void answer_screen_free(struct ui *ui)
{
	ui_answer_free(&ui->answer);
}

/* The current question's value keys (grade keys, or y n p k) and, while it is focused, the
 * editor take keys first (ui_answer_key), so these are keys no template can use for a grade. */
static const struct ui_binding answer_keys[] = {
    {UI_KEY_TAB, UI_ACTION_EDIT_EVIDENCE, "edit"},
    {UI_KEY_UP, UI_ACTION_UP, "question"},
    {UI_KEY_DOWN, UI_ACTION_DOWN, "question"},
    {UI_KEY_PAGE_UP, UI_ACTION_PAGE_UP, "section"},
    {UI_KEY_PAGE_DOWN, UI_ACTION_PAGE_DOWN, "section"},
    {'[', UI_ACTION_PREV_CASE, "case"},
    {']', UI_ACTION_NEXT_CASE, "case"},
    {UI_KEY_CTRL_G, UI_ACTION_GUIDANCE, "guidance"},
    {'e', UI_ACTION_EDIT_EVIDENCE, NULL},
    {'g', UI_ACTION_GUIDANCE, NULL}, /* unless g is one of the template's grade keys */
};

const struct ui_screen_ops ui_answer_screen = {
    .title = "Answering",
    .keys = answer_keys,
    .nkeys = sizeof answer_keys / sizeof answer_keys[0],
    .act = answer_act,
    .key = answer_key,
    .leave = answer_leave,
    .reload = answer_reload,
    .flush = answer_flush,
    .editing = answer_editing,
    .text = answer_text,
    .paste = answer_text,
    .data_help = answer_data_help,
    .free = answer_screen_free,
};
