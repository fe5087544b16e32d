/* Moderation's saves (see ui_moderate.h): the agreed grade at once, the rationale when the
 * question is left, the moderated mark; each conditional on what the screen read (the store's
 * *_if saves), each remembered for undo; and what happens after a conflict, once the user has
 * chosen. */
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "ui_moderate.h"

static int ui_moderate_undo_apply(struct ui_moderate *um, struct store *st, bool force,
				  struct maca_err *err);

static int64_t case_id(const struct ui_moderate *um)
{
	return um->cases[um->case_idx].id;
}

static const struct question *question(const struct ui_moderate *um)
{
	return &um->tpl->questions[ui_moderate_qindex(um)];
}

/* "Child A: section 2, question 3". */
static char *item_words(const struct ui_moderate *um)
{
	return str_fmt("%s: section %zu, question %zu", um->cases[um->case_idx].reference,
		       um->section + 1, um->question + 1);
}

static void remember(struct ui_moderate *um, enum ui_change_kind kind, const char *before0,
		     const char *after0, const char *before1, const char *after1)
{
	if (!um->undo)
		return;
	char *what = item_words(um);
	struct ui_change c = {.kind = kind,
			      .case_id = case_id(um),
			      .item = kind == UI_CHANGE_AGREED ? question(um)->id : NULL,
			      .before = {(char *)before0, (char *)before1},
			      .after = {(char *)after0, (char *)after1},
			      .what = what};
	ui_undo_push(um->undo, &c);
	free(what);
}

/* The cached agreed rows follow what was saved. */
static int read_agreed(struct ui_moderate *um, struct store *st, struct maca_err *err)
{
	agreed_rows_free(um->agreed, um->nagreed);
	um->agreed = NULL;
	um->nagreed = 0;
	return store_case_agreed(st, case_id(um), &um->agreed, &um->nagreed, err);
}

/* A save refused because the record changed: kept for the question the screen asks. */
static int conflicted(struct ui_moderate *um, bool grade, struct agreed_row *now,
		      struct store_change *by, const char *mine, const char *reason, int rc)
{
	ui_moderate_conflict_clear(um);
	struct ui_moderate_conflict *c = &um->conflict;
	*c = (struct ui_moderate_conflict){.open = true, .grade = grade, .by = *by};
	*by = (struct store_change){0};
	c->now[0] = grade ? now->grade : NULL;
	c->now[1] = grade ? NULL : now->rationale;
	if (grade)
		now->grade = NULL;
	else
		now->rationale = NULL;
	agreed_row_free(now);
	c->mine = mine ? strdup(mine) : NULL;
	c->reason = reason ? strdup(reason) : NULL;
	return rc;
}

/* Saves the agreed grade if it is still `expected` (NULL: whatever it is). */
static int save_grade(struct ui_moderate *um, struct store *st, const char *value,
		      const char *reason, const char *expected, struct maca_err *err)
{
	const struct agreed_row *cur = ui_moderate_agreed(um, question(um)->id);
	char *before = strdup(cur ? cur->grade : "");
	if (!before)
		return err_set(err, MACA_ENOMEM, "out of memory");
	struct agreed_row want = {.grade = (char *)(expected ? expected : "")};
	struct agreed_row now = {0};
	struct store_change by = {0};
	int rc = store_agreed_save_if(st, case_id(um), question(um)->id, value, NULL, reason,
				      expected ? &want : NULL, &now, &by, err);
	if (rc == MACA_ECONFLICT) {
		free(before);
		return conflicted(um, true, &now, &by, value, reason, rc);
	}
	agreed_row_free(&now);
	store_change_free(&by);
	if (!rc)
		remember(um, UI_CHANGE_AGREED, expected ? expected : before, value, NULL, NULL);
	free(before);
	return rc ? rc : read_agreed(um, st, err);
}

int ui_moderate_set_grade(struct ui_moderate *um, struct store *st, const char *value,
			  struct maca_err *err)
{
	const struct agreed_row *cur = ui_moderate_agreed(um, question(um)->id);
	if (strcmp(cur ? cur->grade : "", value) == 0)
		return MACA_OK;
	if (um->cases[um->case_idx].moderated) {
		free(um->pending_value);
		um->pending_value = strdup(value);
		return um->pending_value ? MACA_OK : err_set(err, MACA_ENOMEM, "out of memory");
	}
	return save_grade(um, st, value, NULL, cur ? cur->grade : "", err);
}

int ui_moderate_grade_reason(struct ui_moderate *um, struct store *st, const char *reason,
			     struct maca_err *err)
{
	char *value = um->pending_value;
	um->pending_value = NULL;
	if (!value)
		return MACA_OK;
	const struct agreed_row *cur = ui_moderate_agreed(um, question(um)->id);
	int rc = save_grade(um, st, value, reason, cur ? cur->grade : "", err);
	free(value);
	return rc;
}

int ui_moderate_save(struct ui_moderate *um, struct store *st, struct maca_err *err)
{
	if (!um->rationale || !editbuf_changed(um->rationale))
		return MACA_OK;
	size_t len;
	char *text = editbuf_text(um->rationale, &len);
	if (!text)
		return err_set(err, MACA_ENOMEM, "out of memory");
	struct agreed_row want = {.rationale = um->rationale_base};
	struct agreed_row now = {0};
	struct store_change by = {0};
	int rc = store_agreed_save_if(st, case_id(um), question(um)->id, NULL, text, NULL, &want,
				      &now, &by, err);
	if (rc == MACA_ECONFLICT) {
		free(text);
		return conflicted(um, false, &now, &by, NULL, NULL, rc);
	}
	agreed_row_free(&now);
	store_change_free(&by);
	if (rc) {
		free(text);
		return rc;
	}
	remember(um, UI_CHANGE_AGREED, NULL, NULL, um->rationale_base, text);
	free(um->rationale_base);
	um->rationale_base = text;
	editbuf_mark_saved(um->rationale);
	return read_agreed(um, st, err);
}

int ui_moderate_clear_rationale(struct ui_moderate *um, struct store *st, struct maca_err *err)
{
	if (!um->rationale)
		return MACA_OK;
	editbuf_text_end(um->rationale);
	while (editbuf_length(um->rationale) > 0)
		if (editbuf_backspace(um->rationale) == EDITBUF_ENOMEM)
			return err_set(err, MACA_ENOMEM, "out of memory");
	um->rationale_top = 0;
	return ui_moderate_save(um, st, err);
}

int ui_moderate_toggle_case(struct ui_moderate *um, struct store *st, struct maca_err *err)
{
	if (ui_moderate_save(um, st, err))
		return err->status;
	struct case_info *c = &um->cases[um->case_idx];
	if (store_case_set_moderated(st, c->id, !c->moderated, err))
		return err->status;
	c->moderated = !c->moderated;
	remember(um, UI_CHANGE_MODERATED, c->moderated ? "" : "1", c->moderated ? "1" : "", NULL,
		 NULL);
	return MACA_OK;
}

int ui_moderate_resolve(struct ui_moderate *um, struct store *st, enum ui_action choice,
			struct maca_err *err)
{
	struct ui_moderate_conflict *c = &um->conflict;
	if (!c->open)
		return MACA_OK;
	int rc = MACA_OK;
	if (c->undoing || choice == UI_ACTION_KEEP_EDITING) {
		bool undoing = c->undoing;
		ui_moderate_conflict_clear(um);
		if (undoing && choice == UI_ACTION_KEEP_MINE)
			rc = ui_moderate_undo_apply(um, st, true, err);
		else if (undoing && choice == UI_ACTION_TAKE_THEIRS && um->undo)
			ui_undo_drop(um->undo);
		return rc ? rc : read_agreed(um, st, err);
	}
	if (c->grade) {
		char *mine = c->mine, *reason = c->reason, *now = c->now[0];
		c->mine = c->reason = c->now[0] = NULL;
		ui_moderate_conflict_clear(um);
		if (choice == UI_ACTION_KEEP_MINE && mine)
			rc = save_grade(um, st, mine, reason, now ? now : "", err);
		else
			rc = read_agreed(um, st, err);
		free(mine);
		free(reason);
		free(now);
		return rc;
	}
	/* The rationale: adopt what is there as read, then save mine over it or show it. */
	char *now = c->now[1];
	c->now[1] = NULL;
	ui_moderate_conflict_clear(um);
	if (!now)
		return err_set(err, MACA_ENOMEM, "out of memory");
	free(um->rationale_base);
	um->rationale_base = now;
	if (choice == UI_ACTION_KEEP_MINE)
		return ui_moderate_save(um, st, err);
	rc = read_agreed(um, st, err);
	return rc ? rc : ui_moderate_load_rationale(um, err);
}

static void describe(struct sbuf *b, const struct ui_moderate *um, const char *grade,
		     const char *rationale)
{
	if (grade) {
		int g = *grade ? template_grade_index(um->tpl, grade) : -1;
		sbuf_addf(b, "Agreed grade: %s\n",
			  g >= 0   ? um->tpl->grades[g].label
			  : *grade ? grade
				   : "(none)");
	}
	if (rationale)
		sbuf_addf(b, "Rationale: %s\n", *rationale ? rationale : "(none)");
}

void ui_moderate_conflict_texts(const struct ui_moderate *um, char **what, char **theirs,
				char **mine)
{
	const struct ui_moderate_conflict *c = &um->conflict;
	struct sbuf t = {0}, m = {0};
	char *words = item_words(um);
	*what = words ? str_fmt("The agreed grade (%s)", words) : NULL;
	free(words);
	describe(&t, um, c->now[0], c->now[1]);
	if (c->undoing) {
		const struct ui_change *u = um->undo ? ui_undo_last(um->undo) : NULL;
		if (u)
			describe(&m, um, u->before[0], u->before[1]);
	} else if (c->grade) {
		describe(&m, um, c->mine ? c->mine : "", NULL);
	} else {
		char *typed = editbuf_text(um->rationale, NULL);
		describe(&m, um, NULL, typed ? typed : "");
		free(typed);
	}
	*theirs = sbuf_take(&t);
	*mine = sbuf_take(&m);
}

/* The screen on the case and question a change was about. */
static int show_change(struct ui_moderate *um, struct store *st, const struct ui_change *c,
		       struct maca_err *err)
{
	size_t to = um->case_idx;
	for (size_t i = 0; i < um->ncases; i++)
		if (um->cases[i].id == c->case_id)
			to = i;
	const struct question *q = c->item ? template_question(um->tpl, c->item) : NULL;
	bool moved = to != um->case_idx;
	um->case_idx = to;
	if (q) {
		const struct section *sec = &um->tpl->sections[q->section];
		size_t qi = (size_t)(q - um->tpl->questions) - sec->first_question;
		moved = moved || um->section != q->section || um->question != qi;
		um->section = q->section;
		um->question = qi;
	}
	return moved ? ui_moderate_reload(um, st, err) : MACA_OK;
}

static int ui_moderate_undo_apply(struct ui_moderate *um, struct store *st, bool force,
				  struct maca_err *err)
{
	const struct ui_change *last = um->undo ? ui_undo_last(um->undo) : NULL;
	if (!last)
		return err_set(err, MACA_EUSER,
			       "Nothing to undo: no change was made from this screen");
	if (show_change(um, st, last, err))
		return err->status;
	char *now[2];
	struct store_change by = {0};
	int rc = ui_undo_apply(um->undo, st, force, now, &by, err);
	if (rc == MACA_ECONFLICT) {
		ui_moderate_conflict_clear(um);
		um->conflict = (struct ui_moderate_conflict){
		    .open = true, .undoing = true, .now = {now[0], now[1]}, .by = by};
		return rc;
	}
	store_change_free(&by);
	if (rc)
		return rc;
	/* What the undo wrote shows, the rationale and the moderated mark included. */
	rc = ui_moderate_reload(um, st, err);
	return rc ? rc : ui_moderate_load_rationale(um, err);
}

int ui_moderate_undo(struct ui_moderate *um, struct store *st, struct maca_err *err)
{
	int rc = ui_moderate_save(um, st, err);
	return rc ? rc : ui_moderate_undo_apply(um, st, false, err);
}
