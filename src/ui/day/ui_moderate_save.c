/* Moderation's saves (see ui_moderate.h): the agreed answer of whatever kind (a grade, yes or
 * no, or a summary typed for a text question) at once, the rationale when the question is
 * left, the moderated mark; each conditional on what the screen read (the store's *_if
 * saves), each remembered for undo; what happens after a conflict, once the user has chosen;
 * and what is still unagreed, said before a case is marked or the audit closed. */
#include <stdint.h>
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
	return ui_moderate_current(um);
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
	/* The mark is the case's, not the question's the screen happens to be on. */
	const char *ref = um->cases[um->case_idx].reference;
	char *what = kind != UI_CHANGE_MODERATED ? item_words(um)
		     : *after0			 ? str_fmt("the MODERATED mark on %s", ref)
						 : str_fmt("the MODERATED mark taken off %s", ref);
	struct ui_change c = {.kind = kind,
			      .case_id = case_id(um),
			      .item = kind == UI_CHANGE_AGREED ? question(um)->id : NULL,
			      .before = {(char *)before0, (char *)before1},
			      .after = {(char *)after0, (char *)after1},
			      .what = what};
	ui_undo_push(um->undo, &c);
	free(what);
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

/* A text question's summary saved is what its editor compares with from now on. */
static int summary_saved(struct ui_moderate *um, const char *value, struct maca_err *err)
{
	if (question(um)->kind != QUESTION_TEXT || !um->text)
		return MACA_OK;
	char *base = str_dup(value);
	if (!base)
		return err_set(err, MACA_ENOMEM, "out of memory");
	free(um->text_base);
	um->text_base = base;
	/* Saved from the editor: it holds the same text; else the editor shows what was saved. */
	char *typed = editbuf_text(um->text, NULL);
	bool same = typed && strcmp(typed, value) == 0;
	free(typed);
	if (same) {
		editbuf_mark_saved(um->text);
		return MACA_OK;
	}
	return ui_moderate_load_text(um, err);
}

/* Saves the agreed answer if it is still `expected` (NULL: whatever it is). */
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
	if (!rc)
		rc = ui_moderate_load_agreed(um, st, err);
	return rc ? rc : summary_saved(um, value, err);
}

static int set_pending(struct ui_moderate *um, const char *value, struct maca_err *err)
{
	free(um->pending);
	um->pending = str_dup(value);
	return um->pending ? MACA_OK : err_set(err, MACA_ENOMEM, "out of memory");
}

int ui_moderate_set_value(struct ui_moderate *um, struct store *st, const char *value,
			  struct maca_err *err)
{
	const struct agreed_row *cur = ui_moderate_agreed(um, question(um)->id);
	if (strcmp(cur ? cur->grade : "", value) == 0)
		return MACA_OK;
	/* The rationale typed so far goes first, so that nothing typed is lost. */
	if (question(um)->kind != QUESTION_TEXT && ui_moderate_save(um, st, err))
		return err->status;
	cur = ui_moderate_agreed(um, question(um)->id);
	if (um->cases[um->case_idx].moderated)
		return set_pending(um, value, err);
	return save_grade(um, st, value, NULL, cur ? cur->grade : "", err);
}

int ui_moderate_agree_reason(struct ui_moderate *um, struct store *st, const char *reason,
			     struct maca_err *err)
{
	char *value = um->pending;
	um->pending = NULL;
	if (!value)
		return MACA_OK;
	const struct agreed_row *cur = ui_moderate_agreed(um, question(um)->id);
	int rc = save_grade(um, st, value, reason, cur ? cur->grade : "", err);
	free(value);
	return rc;
}

/* A text question's summary is the agreed answer itself: saved as one, with a reason when
 * the case is marked moderated (MACA_ELOCKED asks for it). */
static int save_summary(struct ui_moderate *um, struct store *st, char *text, struct maca_err *err)
{
	int rc;
	if (um->cases[um->case_idx].moderated) {
		rc = set_pending(um, text, err);
		if (!rc)
			rc = err_set(err, MACA_ELOCKED,
				     "this case is marked moderated: changing its agreed summary "
				     "needs a reason");
	} else {
		rc = save_grade(um, st, text, NULL, um->text_base, err);
	}
	free(text);
	return rc;
}

int ui_moderate_save(struct ui_moderate *um, struct store *st, struct maca_err *err)
{
	if (!um->text || !editbuf_changed(um->text))
		return MACA_OK;
	size_t len;
	char *text = editbuf_text(um->text, &len);
	if (!text)
		return err_set(err, MACA_ENOMEM, "out of memory");
	if (question(um)->kind == QUESTION_TEXT)
		return save_summary(um, st, text, err);
	struct agreed_row want = {.rationale = um->text_base};
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
	remember(um, UI_CHANGE_AGREED, NULL, NULL, um->text_base, text);
	free(um->text_base);
	um->text_base = text;
	editbuf_mark_saved(um->text);
	return ui_moderate_load_agreed(um, st, err);
}

int ui_moderate_clear_text(struct ui_moderate *um, struct store *st, struct maca_err *err)
{
	if (!um->text)
		return MACA_OK;
	editbuf_clear(um->text);
	um->text_top = 0;
	return ui_moderate_save(um, st, err);
}

int ui_moderate_toggle_case(struct ui_moderate *um, struct store *st, struct maca_err *err)
{
	if (ui_moderate_save(um, st, err))
		return err->status;
	struct case_info *c = &um->cases[um->case_idx];
	if (store_case_set_moderated(st, c->id, !c->moderated, err))
		return err->status;
	bool now = !c->moderated;
	remember(um, UI_CHANGE_MODERATED, now ? "" : "1", now ? "1" : "", NULL, NULL);
	/* Read back, for the time it was marked (answers changed later are shown so). */
	return ui_moderate_reload(um, st, err);
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
		return rc ? rc : ui_moderate_load_agreed(um, st, err);
	}
	if (c->grade) {
		char *mine = c->mine, *reason = c->reason, *now = c->now[0];
		c->mine = c->reason = c->now[0] = NULL;
		ui_moderate_conflict_clear(um);
		if (choice == UI_ACTION_KEEP_MINE && mine)
			rc = save_grade(um, st, mine, reason, now ? now : "", err);
		else if (!(rc = ui_moderate_load_agreed(um, st, err)) &&
			 question(um)->kind == QUESTION_TEXT)
			rc = ui_moderate_load_text(um, err); /* the summary saved now shows */
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
	free(um->text_base);
	um->text_base = now;
	if (choice == UI_ACTION_KEEP_MINE)
		return ui_moderate_save(um, st, err);
	rc = ui_moderate_load_agreed(um, st, err);
	return rc ? rc : ui_moderate_load_text(um, err);
}

static void describe(struct sbuf *b, const struct ui_moderate *um, const char *value,
		     const char *rationale)
{
	const struct question *q = question(um);
	if (value)
		sbuf_addf(b, "%s: %s\n",
			  q->kind == QUESTION_TEXT ? "Agreed summary" : "Agreed answer",
			  *value ? template_value_label(um->tpl, q, value) : "(none)");
	if (rationale)
		sbuf_addf(b, "Rationale: %s\n", *rationale ? rationale : "(none)");
}

void ui_moderate_conflict_texts(const struct ui_moderate *um, char **what, char **theirs,
				char **mine)
{
	const struct ui_moderate_conflict *c = &um->conflict;
	struct sbuf t = {0}, m = {0};
	char *words = item_words(um);
	*what = words ? str_fmt("The agreed answer (%s)", words) : NULL;
	free(words);
	describe(&t, um, c->now[0], c->now[1]);
	if (c->undoing) {
		const struct ui_change *u = um->undo ? ui_undo_last(um->undo) : NULL;
		if (u)
			describe(&m, um, u->before[0], u->before[1]);
	} else if (c->grade) {
		describe(&m, um, c->mine ? c->mine : "", NULL);
	} else {
		char *typed = editbuf_text(um->text, NULL);
		describe(&m, um, NULL, typed ? typed : "");
		free(typed);
	}
	*theirs = sbuf_take(&t);
	*mine = sbuf_take(&m);
}

/* The screen moved to the case and question a change was about. */
static int show_change_at(struct ui_moderate *um, struct store *st, const struct ui_change *c,
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

/* The screen on the case and question a change was about. When that case was removed
 * meanwhile (by another maca) the screen stays where it was: the undo then says the change
 * cannot be undone, rather than every u stopping at the removed case. */
static int show_change(struct ui_moderate *um, struct store *st, const struct ui_change *c,
		       struct maca_err *err)
{
	size_t was_case = um->case_idx, was_section = um->section, was_question = um->question;
	int rc = show_change_at(um, st, c, err);
	if (rc != MACA_ENOTFOUND)
		return rc;
	err_clear(err);
	bool other_case = um->case_idx != was_case;
	um->case_idx = was_case;
	um->section = was_section;
	um->question = was_question;
	/* A reload that failed took nothing: on the same case, what is held is still the place's
	 * it was (even when that case is the one removed). */
	return other_case ? ui_moderate_reload(um, st, err) : MACA_OK;
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
	return rc ? rc : ui_moderate_load_text(um, err);
}

int ui_moderate_undo(struct ui_moderate *um, struct store *st, struct maca_err *err)
{
	int rc = ui_moderate_save(um, st, err);
	return rc ? rc : ui_moderate_undo_apply(um, st, false, err);
}

/* Questions of tpl not agreed among rows: how many, and (when names is not NULL) their
 * numbers "1.4, 2.2" up to `limit` of them, then "and N more". */
static size_t unagreed(const struct template *tpl, const struct agreed_row *rows, size_t n,
		       struct sbuf *names, size_t limit)
{
	size_t count = 0;
	for (size_t s = 0; s < tpl->nsections; s++)
		for (size_t q = 0; q < tpl->sections[s].nquestions; q++) {
			const char *id = tpl->questions[tpl->sections[s].first_question + q].id;
			bool agreed = false;
			for (size_t i = 0; i < n && !agreed; i++)
				agreed = strcmp(rows[i].question_id, id) == 0 && *rows[i].grade;
			if (agreed)
				continue;
			if (names && count < limit)
				sbuf_addf(names, "%s%zu.%zu", count ? ", " : "", s + 1, q + 1);
			count++;
		}
	if (names && count > limit)
		sbuf_addf(names, " and %zu more", count - limit);
	return count;
}

int ui_moderate_unagreed_case(const struct ui_moderate *um, struct store *st, char **out,
			      struct maca_err *err)
{
	*out = NULL;
	struct agreed_row *rows;
	size_t n;
	if (store_case_agreed(st, case_id(um), &rows, &n, err))
		return err->status;
	struct sbuf names = {0};
	size_t count = unagreed(um->tpl, rows, n, &names, 3);
	agreed_rows_free(rows, n);
	if (count)
		*out = str_fmt("%zu not agreed (%s)", count, names.data ? names.data : "");
	int rc =
	    count && (!*out || names.failed) ? err_set(err, MACA_ENOMEM, "out of memory") : MACA_OK;
	sbuf_free(&names);
	if (rc) {
		free(*out);
		*out = NULL;
	}
	return rc;
}

int ui_moderate_unagreed_audit(const struct ui_moderate *um, struct store *st, char **out,
			       struct maca_err *err)
{
	*out = NULL;
	struct agreed_row **rows = calloc(um->ncases, sizeof *rows);
	size_t *n = calloc(um->ncases, sizeof *n);
	if (!rows || !n) {
		free(rows);
		free(n);
		return err_set(err, MACA_ENOMEM, "out of memory");
	}
	int rc = store_audit_agreed(st, um->audit_id, um->cases, um->ncases, rows, n, err);
	struct sbuf cases = {0};
	size_t total = 0, shown = 0;
	for (size_t c = 0; !rc && c < um->ncases; c++) {
		size_t k = unagreed(um->tpl, rows[c], n[c], NULL, 0);
		if (k && shown++ < 3)
			sbuf_addf(&cases, "%s%s %zu", shown > 1 ? ", " : "", um->cases[c].reference,
				  k);
		total += k;
	}
	if (!rc && shown > 3)
		sbuf_addf(&cases, " and %zu more cases", shown - 3);
	if (!rc && total &&
	    !(*out = str_fmt("%zu not agreed (%s)", total, cases.data ? cases.data : "")))
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	if (!rc && cases.failed) {
		free(*out);
		*out = NULL;
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	}
	sbuf_free(&cases);
	for (size_t c = 0; c < um->ncases; c++)
		agreed_rows_free(rows[c], n[c]);
	free(rows);
	free(n);
	return rc;
}
