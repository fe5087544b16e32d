/* Agreeing in moderation: the group's answer to the current question, whatever its kind (a
 * grade, yes or no, or a summary typed for a text question), its rationale, marking the case
 * moderated, and what is still unagreed, said before a case is marked or the audit closed. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "ui_editkeys.h"
#include "ui_moderate.h"

/* Reads the current case's agreed rows again after a save. */
static int reread_agreed(struct ui_moderate *um, struct store *st, struct maca_err *err)
{
	agreed_rows_free(um->agreed, um->nagreed);
	um->agreed = NULL;
	um->nagreed = 0;
	return store_case_agreed(st, um->cases[um->case_idx].id, &um->agreed, &um->nagreed, err);
}

/* Saves the agreed value, with a reason when the case is marked moderated. */
static int save_value(struct ui_moderate *um, struct store *st, const char *value,
		      const char *reason, struct maca_err *err)
{
	const char *qid = ui_moderate_current(um)->id;
	if (store_agreed_save(st, um->cases[um->case_idx].id, qid, value, NULL, reason, err))
		return err->status;
	return reread_agreed(um, st, err);
}

static int set_pending(struct ui_moderate *um, const char *value, struct maca_err *err)
{
	free(um->pending);
	um->pending = str_dup(value);
	return um->pending ? MACA_OK : err_set(err, MACA_ENOMEM, "out of memory");
}

bool ui_moderate_agree_key(struct ui_moderate *um, struct store *st, int key, int *rc,
			   struct maca_err *err)
{
	*rc = MACA_OK;
	const struct question *q = ui_moderate_current(um);
	const char *value = template_value_for_key(um->tpl, q, key);
	if (!value)
		return false;
	const struct agreed_row *cur = ui_moderate_agreed(um, q->id);
	if (cur && strcmp(cur->grade, value) == 0)
		return true;
	/* The rationale typed so far goes first, so that nothing typed is lost. */
	if ((*rc = ui_moderate_save(um, st, err)))
		return true;
	if (um->cases[um->case_idx].moderated)
		*rc = set_pending(um, value, err);
	else
		*rc = save_value(um, st, value, NULL, err);
	return true;
}

int ui_moderate_agree_reason(struct ui_moderate *um, struct store *st, const char *reason,
			     struct maca_err *err)
{
	char *value = um->pending;
	um->pending = NULL;
	if (!value)
		return MACA_OK;
	int rc = save_value(um, st, value, reason, err);
	free(value);
	/* A summary saved this way is what the editor compares with from now on. */
	if (!rc && ui_moderate_current(um)->kind == QUESTION_TEXT)
		editbuf_mark_saved(um->text);
	return rc;
}

void ui_moderate_edit(struct ui_moderate *um)
{
	um->editing = true;
	um->view = um->view == UI_MODERATE_EVIDENCE ? UI_MODERATE_QUESTION : um->view;
}

int ui_moderate_save(struct ui_moderate *um, struct store *st, struct maca_err *err)
{
	if (!um->text || !editbuf_changed(um->text))
		return MACA_OK;
	size_t len;
	char *text = editbuf_text(um->text, &len);
	if (!text)
		return err_set(err, MACA_ENOMEM, "out of memory");
	const struct question *q = ui_moderate_current(um);
	int64_t case_id = um->cases[um->case_idx].id;
	int rc;
	if (q->kind != QUESTION_TEXT) {
		rc = store_agreed_save(st, case_id, q->id, NULL, text, NULL, err);
	} else if (um->cases[um->case_idx].moderated) {
		/* The summary is the agreed answer itself: changing it needs a reason. */
		rc = set_pending(um, text, err);
		if (!rc)
			rc = err_set(err, MACA_ELOCKED,
				     "this case is marked moderated: changing its agreed summary "
				     "needs a reason");
	} else {
		rc = store_agreed_save(st, case_id, q->id, text, NULL, NULL, err);
	}
	free(text);
	if (rc)
		return rc;
	editbuf_mark_saved(um->text);
	return reread_agreed(um, st, err);
}

/* What the editor holds, for messages about its limit. */
static const char *what(const struct ui_moderate *um)
{
	return ui_moderate_current(um)->kind == QUESTION_TEXT ? "The agreed summary"
							      : "The rationale";
}

int ui_moderate_edit_key(struct ui_moderate *um, struct store *st, int key, int width,
			 struct maca_err *err)
{
	if (ui_bindings_lookup(ui_edit_finish_keys, ui_edit_finish_nkeys, key) ==
	    UI_ACTION_FINISH_EDIT) {
		um->editing = false;
		return ui_moderate_save(um, st, err);
	}
	switch (ui_edit_key(um->text, key, width, 3, true)) {
	case UI_EDIT_ENOMEM:
		return err_set(err, MACA_ENOMEM, "out of memory");
	case UI_EDIT_TOO_LONG:
		return ui_edit_full(um->text, what(um), err);
	default:
		return MACA_OK;
	}
}

int ui_moderate_edit_text(struct ui_moderate *um, const wchar_t *s, size_t n, struct maca_err *err)
{
	if (editbuf_insert_wide(um->text, s, n) == EDITBUF_ENOMEM)
		return err_set(err, MACA_ENOMEM, "out of memory");
	return MACA_OK;
}

int ui_moderate_paste(struct ui_moderate *um, const wchar_t *s, size_t n, struct maca_err *err)
{
	if (!um->editing || !um->text)
		return err_set(err, MACA_EUSER, "Nothing was pasted: Tab opens %s to paste into",
			       ui_moderate_current(um)->kind == QUESTION_TEXT ? "the agreed summary"
									      : "the rationale");
	return ui_edit_paste(um->text, s, n, what(um), err);
}

int ui_moderate_toggle_case(struct ui_moderate *um, struct store *st, struct maca_err *err)
{
	if (ui_moderate_save(um, st, err))
		return err->status;
	struct case_info *c = &um->cases[um->case_idx];
	if (store_case_set_moderated(st, c->id, !c->moderated, err))
		return err->status;
	/* Read back, for the time it was marked (answers changed later are shown so). */
	return ui_moderate_reload(um, st, err);
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

int ui_moderate_unagreed_case(const struct ui_moderate *um, char **out, struct maca_err *err)
{
	*out = NULL;
	struct sbuf names = {0};
	size_t count = unagreed(um->tpl, um->agreed, um->nagreed, &names, 3);
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
