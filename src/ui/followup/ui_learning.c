#include "ui_learning.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sbuf.h"
#include "store_actions.h"
#include "ui_fit.h"
#include "ui_view.h"

void ui_learning_free(struct ui_learning *ul)
{
	store_change_free(&ul->conflict.by);
	named_list_free(&ul->agencies);
	good_practice_rows_free(ul->good_practice, ul->ngood_practice);
	learning_point_rows_free(ul->points, ul->npoints);
	for (size_t i = 0; i < ul->nnotes; i++) {
		free(ul->notes[i].case_ref);
		free(ul->notes[i].agency);
	}
	free(ul->notes);
	note_rows_free(ul->note_rows, ul->nnote_rows);
	template_free(ul->tpl);
	free(ul->items);
	ui_learning_earlier_free(&ul->earlier);
	memset(ul, 0, sizeof *ul);
}

static int64_t item_id(const struct ui_learning *ul, const struct ui_learning_item *it)
{
	switch (it->kind) {
	case UI_LEARNING_GOOD_PRACTICE:
		return ul->good_practice[it->index].id;
	case UI_LEARNING_POINT:
		return ul->points[it->index].id;
	case UI_LEARNING_ACTION:
		return ul->points[it->index].actions[it->action].id;
	case UI_LEARNING_NOTE:
		return (int64_t)it->index + 1; /* notes have no id of their own: their place */
	}
	return 0;
}

static bool build_items(struct ui_learning *ul)
{
	size_t n = ul->ngood_practice + ul->npoints + ul->nnotes;
	for (size_t i = 0; i < ul->npoints; i++)
		n += ul->points[i].nactions;
	ul->items = calloc(n ? n : 1, sizeof *ul->items);
	if (!ul->items)
		return false;
	size_t k = 0;
	for (size_t i = 0; i < ul->ngood_practice; i++)
		ul->items[k++] = (struct ui_learning_item){UI_LEARNING_GOOD_PRACTICE, i, 0};
	for (size_t i = 0; i < ul->npoints; i++) {
		ul->items[k++] = (struct ui_learning_item){UI_LEARNING_POINT, i, 0};
		for (size_t a = 0; a < ul->points[i].nactions; a++)
			ul->items[k++] = (struct ui_learning_item){UI_LEARNING_ACTION, i, a};
	}
	for (size_t i = 0; i < ul->nnotes; i++)
		ul->items[k++] = (struct ui_learning_item){UI_LEARNING_NOTE, i, 0};
	ul->nitems = n;
	return true;
}

/* The agencies' written notes, every case's: by prompt (good practice first), then in the
 * order read, case by case and section by section. */
static int load_notes(struct ui_learning *ul, struct store *st, struct maca_err *err)
{
	struct case_info *cases;
	size_t ncases;
	if (store_case_list(st, ul->audit_id, &cases, &ncases, err))
		return err->status;
	int rc = MACA_OK;
	struct note_row **per = calloc(ncases ? ncases : 1, sizeof *per);
	size_t *nper = calloc(ncases ? ncases : 1, sizeof *nper);
	size_t total = 0;
	if (!per || !nper)
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	for (size_t c = 0; !rc && c < ncases; c++) {
		rc = store_case_notes(st, cases[c].id, &per[c], &nper[c], err);
		total += nper[c];
	}
	if (!rc && total && !(ul->notes = calloc(total, sizeof *ul->notes)))
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	for (size_t p = 0; !rc && p < ul->tpl->nprompts; p++)
		for (size_t c = 0; !rc && c < ncases; c++)
			for (size_t i = 0; !rc && i < nper[c]; i++) {
				const struct note_row *r = &per[c][i];
				const struct section *sec =
				    template_section(ul->tpl, r->section_id);
				if (!*r->text || !sec ||
				    strcmp(r->prompt_id, ul->tpl->prompts[p].id))
					continue;
				struct ui_learning_note *n = &ul->notes[ul->nnotes++];
				*n = (struct ui_learning_note){
				    .case_ref = strdup(cases[c].reference),
				    .agency = strdup(r->agency),
				    .section = (size_t)(sec - ul->tpl->sections),
				    .prompt = p,
				    .text = r->text};
				if (!n->case_ref || !n->agency)
					rc = err_set(err, MACA_ENOMEM, "out of memory");
			}
	/* The rows stay with ul, for the notes' text: one array of them. */
	if (!rc && total && !(ul->note_rows = calloc(total, sizeof *ul->note_rows)))
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	for (size_t c = 0; per && c < ncases; c++) {
		if (!rc && nper[c]) {
			memcpy(ul->note_rows + ul->nnote_rows, per[c], nper[c] * sizeof *per[c]);
			ul->nnote_rows += nper[c];
			free(per[c]);
		} else if (rc) {
			note_rows_free(per[c], nper[c]);
		}
	}
	free(per);
	free(nper);
	case_info_list_free(cases, ncases);
	return rc;
}

static void set_today(struct ui_learning *ul)
{
	time_t now = time(NULL);
	struct tm tm;
	if (!localtime_r(&now, &tm) || !strftime(ul->today, sizeof ul->today, "%Y-%m-%d", &tm))
		ul->today[0] = '\0';
}

int ui_learning_load(struct ui_learning *ul, struct store *st, int64_t audit_id,
		     struct maca_err *err)
{
	struct ui_learning fresh = {.audit_id = audit_id};
	struct audit_info info = {0};
	int rc = store_audit_get(st, audit_id, &info, err);
	fresh.closed = info.status == AUDIT_CLOSED;
	audit_info_free(&info);
	if (!rc)
		rc = store_audit_agencies(st, audit_id, &fresh.agencies, err);
	if (!rc)
		rc = store_good_practice_list(st, audit_id, &fresh.good_practice,
					      &fresh.ngood_practice, err);
	if (!rc)
		rc = store_learning_points(st, audit_id, &fresh.points, &fresh.npoints, err);
	if (!rc)
		rc = store_audit_template(st, audit_id, &fresh.tpl, err);
	if (!rc)
		rc = load_notes(&fresh, st, err);
	if (!rc && !build_items(&fresh))
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	if (rc) {
		ui_learning_free(&fresh);
		return rc;
	}
	set_today(&fresh);
	if (ul->audit_id == audit_id && ul->earlier.shown &&
	    ui_learning_earlier_load(&fresh.earlier, st, audit_id, &fresh.agencies, fresh.today,
				     err)) {
		ui_learning_free(&fresh);
		return err->status;
	}
	const struct ui_learning_item *old =
	    ul->audit_id == audit_id ? ui_learning_selected(ul) : NULL;
	if (ul->audit_id == audit_id)
		fresh.top = ul->top;
	if (old) {
		fresh.selected = ul->selected;
		enum ui_learning_kind kind = old->kind;
		int64_t id = item_id(ul, old);
		ui_learning_select(&fresh, kind, id);
	}
	if (fresh.selected >= fresh.nitems)
		fresh.selected = fresh.nitems ? fresh.nitems - 1 : 0;
	fresh.undo = ul->undo;
	fresh.conflict = ul->conflict;
	ul->conflict = (struct ui_learning_conflict){0};
	ui_learning_free(ul);
	*ul = fresh;
	return MACA_OK;
}

void ui_learning_move(struct ui_learning *ul, enum ui_action action)
{
	ui_view_move(&ul->selected, ul->nitems, action, 10);
}

const struct ui_learning_item *ui_learning_selected(const struct ui_learning *ul)
{
	return ul->selected < ul->nitems ? &ul->items[ul->selected] : NULL;
}

bool ui_learning_select(struct ui_learning *ul, enum ui_learning_kind kind, int64_t id)
{
	for (size_t i = 0; i < ul->nitems; i++)
		if (ul->items[i].kind == kind && item_id(ul, &ul->items[i]) == id) {
			ul->selected = i;
			return true;
		}
	return false;
}

const struct learning_point_row *ui_learning_selected_point(const struct ui_learning *ul)
{
	const struct ui_learning_item *it = ui_learning_selected(ul);
	return it && (it->kind == UI_LEARNING_POINT || it->kind == UI_LEARNING_ACTION)
		   ? &ul->points[it->index]
		   : NULL;
}

bool ui_learning_overdue(const struct action_row *a, const char *today)
{
	return action_is_overdue(a->due_date, a->status, today); /* as the tracker decides */
}

const char *ui_learning_agency_name(const struct ui_learning *ul, const char *code)
{
	const struct named *n = named_find(&ul->agencies, code);
	return n ? n->label : code;
}

const char *ui_learning_status_label(enum action_status s)
{
	return action_status_label(s);
}

/* Reloads, then selects the item of this kind and id (when it is still there). */
static int reload_at(struct ui_learning *ul, struct store *st, enum ui_learning_kind kind,
		     int64_t id, struct maca_err *err)
{
	int rc = ui_learning_load(ul, st, ul->audit_id, err);
	if (!rc && id)
		ui_learning_select(ul, kind, id);
	return rc;
}

int ui_learning_toggle_earlier(struct ui_learning *ul, struct store *st, struct maca_err *err)
{
	if (ul->earlier.shown) {
		ui_learning_earlier_free(&ul->earlier);
		return MACA_OK;
	}
	return ui_learning_earlier_load(&ul->earlier, st, ul->audit_id, &ul->agencies, ul->today,
					err);
}

/* "the place of learning point "Title"", for undo: named by its title (the start of its
 * text when it has none), as its number is what the move changes. */
static char *place_words(const struct learning_point_row *lp)
{
	char *name = ui_fit_text(*lp->title ? lp->title : lp->text, 60, false);
	char *what = name ? str_fmt("the place of learning point \"%s\"", name) : NULL;
	free(name);
	return what;
}

int ui_learning_move_point(struct ui_learning *ul, struct store *st, int delta,
			   struct maca_err *err)
{
	const struct learning_point_row *lp = ui_learning_selected_point(ul);
	if (!lp)
		return err_set(err, MACA_EUSER, "Select a learning point to move it");
	int to = lp->number + delta;
	if (to < 1 || to > (int)ul->npoints)
		return err_set(err, MACA_EUSER, "Learning point %d is already %s", lp->number,
			       delta < 0 ? "first" : "last");
	int64_t id = lp->id;
	char was[16], now[16], *what = place_words(lp);
	snprintf(was, sizeof was, "%d", lp->number);
	snprintf(now, sizeof now, "%d", to);
	int rc = store_learning_point_move(st, id, to, err);
	struct ui_change c = {.kind = UI_CHANGE_LEARNING_POINT,
			      .id = id,
			      .before = {was},
			      .after = {now},
			      .what = what};
	if (!rc && ul->undo)
		ui_undo_push(ul->undo, &c);
	free(what);
	return rc ? rc : reload_at(ul, st, UI_LEARNING_POINT, id, err);
}

/* A note is the agency's, changed where it was written (Answering). */
static int not_ours(struct maca_err *err)
{
	return err_set(err, MACA_EUSER,
		       "This note is the agency's: p or a takes it up as good practice or a "
		       "learning point");
}

int ui_learning_delete_question(const struct ui_learning *ul, char **out, struct maca_err *err)
{
	*out = NULL;
	const struct ui_learning_item *it = ui_learning_selected(ul);
	if (!it)
		return err_set(err, MACA_EUSER, "There is nothing to delete");
	if (it->kind == UI_LEARNING_NOTE)
		return not_ours(err);
	if (it->kind == UI_LEARNING_GOOD_PRACTICE) {
		const struct good_practice_row *g = &ul->good_practice[it->index];
		*out = str_fmt("Delete good practice item %d, \"%.60s%s\"?", g->position, g->text,
			       utf8_length(g->text) > 60 ? "..." : "");
	} else if (it->kind == UI_LEARNING_POINT) {
		const struct learning_point_row *lp = &ul->points[it->index];
		/* Named by its title, or the start of its text when it has none. */
		const char *name = *lp->title ? lp->title : lp->text;
		const char *more = !*lp->title && utf8_length(lp->text) > 60 ? "..." : "";
		if (lp->nactions)
			*out = str_fmt(
			    "Delete learning point %d, \"%.60s%s\", and its %zu action%s?",
			    lp->number, name, more, lp->nactions, lp->nactions == 1 ? "" : "s");
		else
			*out = str_fmt("Delete learning point %d, \"%.60s%s\"?", lp->number, name,
				       more);
	} else {
		const struct learning_point_row *lp = &ul->points[it->index];
		const struct action_row *a = &lp->actions[it->action];
		*out = str_fmt("Delete action %d.%d, \"%s\"?", lp->number, a->position, a->what);
	}
	return *out ? MACA_OK : err_set(err, MACA_ENOMEM, "out of memory");
}

int ui_learning_delete(struct ui_learning *ul, struct store *st, struct maca_err *err)
{
	const struct ui_learning_item *it = ui_learning_selected(ul);
	if (!it)
		return err_set(err, MACA_EUSER, "There is nothing to delete");
	if (it->kind == UI_LEARNING_NOTE)
		return not_ours(err);
	int64_t id = item_id(ul, it);
	int rc;
	if (it->kind == UI_LEARNING_GOOD_PRACTICE)
		rc = store_good_practice_delete(st, id, err);
	else if (it->kind == UI_LEARNING_POINT)
		rc = store_learning_point_delete(st, id, err);
	else
		rc = store_action_delete(st, id, err);
	return rc ? rc : ui_learning_load(ul, st, ul->audit_id, err);
}

/* "the status of action 2.1", for undo: the action found by its id in what the screen read. */
static char *status_words(const struct ui_learning *ul, int64_t id)
{
	for (size_t p = 0; p < ul->npoints; p++)
		for (size_t i = 0; i < ul->points[p].nactions; i++)
			if (ul->points[p].actions[i].id == id)
				return str_fmt("the status of action %d.%d", ul->points[p].number,
					       ul->points[p].actions[i].position);
	return str_dup("the status of an action");
}

/* Sets an action's status if it is still `from` (force: whatever it is), remembering the
 * change for u; on MACA_ECONFLICT fills ul->conflict. */
static int set_status(struct ui_learning *ul, struct store *st, int64_t id, enum action_status from,
		      enum action_status to, struct maca_err *err)
{
	struct action_row want = {.status = from}, now = {0};
	struct store_change by = {0};
	int rc = store_action_set_status_if(st, id, to, "changed in the learning screen", &want,
					    &now, &by, err);
	if (rc == MACA_ECONFLICT) {
		store_change_free(&ul->conflict.by);
		ul->conflict = (struct ui_learning_conflict){
		    .open = true, .action_id = id, .now = now.status, .mine = to, .by = by};
		action_row_free(&now);
		return rc;
	}
	action_row_free(&now);
	store_change_free(&by);
	char *what = rc ? NULL : status_words(ul, id);
	struct ui_change c = {.kind = UI_CHANGE_ACTION_STATUS,
			      .id = id,
			      .before = {(char *)action_status_name(from)},
			      .after = {(char *)action_status_name(to)},
			      .what = what};
	if (!rc && ul->undo)
		ui_undo_push(ul->undo, &c);
	free(what);
	return rc ? rc : reload_at(ul, st, UI_LEARNING_ACTION, id, err);
}

int ui_learning_cycle_status(struct ui_learning *ul, struct store *st, struct maca_err *err)
{
	const struct ui_learning_item *it = ui_learning_selected(ul);
	if (!it || it->kind != UI_LEARNING_ACTION)
		return err_set(err, MACA_EUSER, "Select an action to change its status");
	const struct learning_point_row *lp = &ul->points[it->index];
	const struct action_row *a = &lp->actions[it->action];
	enum action_status next = (enum action_status)((a->status + 1) % ACTION_STATUS_COUNT);
	return set_status(ul, st, a->id, a->status, next, err);
}

int ui_learning_undo(struct ui_learning *ul, struct store *st, bool force, struct maca_err *err)
{
	const struct ui_change *last = ul->undo ? ui_undo_last(ul->undo) : NULL;
	int64_t id = last ? last->id : 0;
	enum ui_learning_kind kind =
	    last && last->kind == UI_CHANGE_LEARNING_POINT ? UI_LEARNING_POINT : UI_LEARNING_ACTION;
	enum action_status now;
	struct store_change by;
	int rc = ui_undo_apply_status(ul->undo, st, force, &now, &by, err);
	if (rc == MACA_ECONFLICT) {
		store_change_free(&ul->conflict.by);
		ul->conflict = (struct ui_learning_conflict){
		    .open = true, .undoing = true, .action_id = id, .now = now, .by = by};
		return rc;
	}
	return rc ? rc : reload_at(ul, st, kind, id, err);
}

int ui_learning_resolve(struct ui_learning *ul, struct store *st, enum ui_action choice,
			struct maca_err *err)
{
	struct ui_learning_conflict c = ul->conflict;
	ul->conflict = (struct ui_learning_conflict){0};
	store_change_free(&c.by);
	if (!c.open)
		return MACA_OK;
	if (c.undoing) {
		if (choice == UI_ACTION_KEEP_MINE)
			return ui_learning_undo(ul, st, true, err);
		if (choice == UI_ACTION_TAKE_THEIRS && ul->undo)
			ui_undo_drop(ul->undo);
	} else if (choice == UI_ACTION_KEEP_MINE) {
		return set_status(ul, st, c.action_id, c.now, c.mine, err);
	}
	return reload_at(ul, st, UI_LEARNING_ACTION, c.action_id, err);
}

static int locked(struct maca_err *err)
{
	return err_set(err, MACA_ELOCKED,
		       "The audit is closed: reopen it to change its learning (s still changes "
		       "an action's status)");
}

int ui_learning_target(const struct ui_learning *ul, enum ui_learning_request request,
		       struct ui_learning_target *out, struct maca_err *err)
{
	memset(out, 0, sizeof *out);
	out->audit_id = ul->audit_id;
	const struct ui_learning_item *it = ui_learning_selected(ul);
	const struct learning_point_row *lp = ui_learning_selected_point(ul);
	if (it && it->kind == UI_LEARNING_NOTE)
		out->note = &ul->notes[it->index];
	switch (request) {
	case UI_LEARNING_ADD_GOOD_PRACTICE:
		out->form = UI_LEARNING_GOOD_PRACTICE;
		return ul->closed ? locked(err) : MACA_OK;
	case UI_LEARNING_ADD_POINT:
		out->form = UI_LEARNING_POINT;
		return ul->closed ? locked(err) : MACA_OK;
	case UI_LEARNING_ADD_ACTION:
		out->form = UI_LEARNING_ACTION;
		if (!lp)
			return err_set(err, MACA_EUSER,
				       "Select a learning point to add an action to it");
		out->lp_id = lp->id;
		return ul->closed ? locked(err) : MACA_OK;
	case UI_LEARNING_EDIT:
		if (!it)
			return err_set(err, MACA_EUSER, "There is nothing to edit");
		if (it->kind == UI_LEARNING_NOTE)
			return not_ours(err);
		out->form = it->kind;
		if (it->kind == UI_LEARNING_ACTION) {
			out->lp_id = lp->id;
			out->action = &lp->actions[it->action];
			return MACA_OK;
		}
		if (it->kind == UI_LEARNING_POINT)
			out->point = lp;
		else
			out->good_practice = &ul->good_practice[it->index];
		return ul->closed ? locked(err) : MACA_OK;
	}
	return err_set(err, MACA_EUSER, "unknown request");
}

int ui_learning_open_form(const struct ui_learning *ul, struct store *st, struct ui_form *uf,
			  enum ui_learning_request request, struct maca_err *err)
{
	struct ui_learning_target t;
	if (ui_learning_target(ul, request, &t, err))
		return err->status;
	if (t.note && (t.form == UI_LEARNING_GOOD_PRACTICE || t.form == UI_LEARNING_POINT)) {
		const struct ui_form_links links = {.case_ref = t.note->case_ref,
						    .section_id =
							ul->tpl->sections[t.note->section].id,
						    .agency = t.note->agency,
						    .text = t.note->text};
		return ui_form_new_learning(uf, st, t.audit_id, t.form == UI_LEARNING_GOOD_PRACTICE,
					    &links, err);
	}
	switch (t.form) {
	case UI_LEARNING_GOOD_PRACTICE:
		return ui_form_good_practice(uf, st, t.audit_id, t.good_practice, err);
	case UI_LEARNING_POINT:
		return ui_form_learning_point(uf, st, t.audit_id, t.point, err);
	case UI_LEARNING_ACTION:
		return ui_form_action(uf, st, t.audit_id, t.lp_id, t.action, err);
	case UI_LEARNING_NOTE:
		return not_ours(err);
	}
	return err_set(err, MACA_EUSER, "unknown form");
}

int ui_learning_form_saved(struct ui_learning *ul, struct store *st, enum ui_form_purpose purpose,
			   int64_t saved_id, struct maca_err *err)
{
	enum ui_learning_kind kind = UI_LEARNING_GOOD_PRACTICE;
	if (purpose == UI_FORM_NEW_LEARNING_POINT || purpose == UI_FORM_EDIT_LEARNING_POINT)
		kind = UI_LEARNING_POINT;
	else if (purpose == UI_FORM_NEW_ACTION || purpose == UI_FORM_EDIT_ACTION)
		kind = UI_LEARNING_ACTION;
	return reload_at(ul, st, kind, saved_id, err);
}
