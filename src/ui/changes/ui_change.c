#include "ui_change.h"

#include <stdlib.h>
#include <string.h>

#include "sbuf.h"

/* The reason the history keeps when an undo changes a moderated case's agreed grade. */
#define UNDO_REASON "undone with u: the change just before was a mistake"

static char *dup_or_null(const char *s, bool *ok)
{
	if (!s)
		return NULL;
	char *d = strdup(s);
	*ok = *ok && d;
	return d;
}

static void change_free(struct ui_change *c)
{
	free(c->agency);
	free(c->item);
	free(c->item2);
	for (int i = 0; i < 2; i++) {
		free(c->before[i]);
		free(c->after[i]);
	}
	free(c->what);
	memset(c, 0, sizeof *c);
}

bool ui_undo_push(struct ui_undo *u, const struct ui_change *c)
{
	if (u->n == u->cap) {
		size_t cap = u->cap ? 2 * u->cap : 16;
		struct ui_change *grown = realloc(u->changes, cap * sizeof *grown);
		if (!grown)
			return false;
		u->changes = grown;
		u->cap = cap;
	}
	bool ok = true;
	struct ui_change copy = {.kind = c->kind, .case_id = c->case_id, .id = c->id};
	copy.agency = dup_or_null(c->agency, &ok);
	copy.item = dup_or_null(c->item, &ok);
	copy.item2 = dup_or_null(c->item2, &ok);
	for (int i = 0; i < 2; i++) {
		copy.before[i] = dup_or_null(c->before[i], &ok);
		copy.after[i] = dup_or_null(c->after[i], &ok);
	}
	copy.what = dup_or_null(c->what, &ok);
	if (!ok) {
		change_free(&copy);
		return false;
	}
	u->changes[u->n++] = copy;
	return true;
}

void ui_undo_free(struct ui_undo *u)
{
	for (size_t i = 0; i < u->n; i++)
		change_free(&u->changes[i]);
	free(u->changes);
	memset(u, 0, sizeof *u);
}

struct ui_undo *ui_undo_in(struct ui_undo *u, int64_t audit_id)
{
	if (u->audit_id != audit_id) {
		ui_undo_free(u);
		u->audit_id = audit_id;
	}
	return u;
}

const struct ui_change *ui_undo_last(const struct ui_undo *u)
{
	return u->n ? &u->changes[u->n - 1] : NULL;
}

void ui_undo_drop(struct ui_undo *u)
{
	if (u->n)
		change_free(&u->changes[--u->n]);
}

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

/* An undo refused because the record changed: of what is there now (held), the fields the
 * change set move to now[] (NULL for the others), for the question. */
static void take_held(const struct ui_change *c, char **const held[2], char *now[2])
{
	for (size_t i = 0; i < 2; i++) {
		now[i] = c->before[i] ? *held[i] : NULL;
		if (c->before[i])
			*held[i] = NULL;
	}
}

static int undo_answer(struct store *st, const struct ui_change *c, bool force, char *now[2],
		       struct store_change *by, struct maca_err *err)
{
	struct answer expected = {.value = (char *)or_empty(c->after[0]),
				  .evidence = (char *)or_empty(c->after[1])};
	struct answer held = {0};
	int rc = store_answer_save_if(st, c->case_id, c->agency, c->item, c->before[0],
				      c->before[1], force ? NULL : &expected, &held, by, err);
	if (rc == MACA_ECONFLICT)
		take_held(c, (char **[2]){&held.value, &held.evidence}, now);
	answer_free(&held);
	return rc;
}

static int undo_agreed(struct store *st, const struct ui_change *c, bool force, char *now[2],
		       struct store_change *by, struct maca_err *err)
{
	struct agreed_row expected = {.grade = (char *)or_empty(c->after[0]),
				      .rationale = (char *)or_empty(c->after[1])};
	struct agreed_row held = {0};
	int rc = store_agreed_save_if(st, c->case_id, c->item, c->before[0], c->before[1],
				      UNDO_REASON, force ? NULL : &expected, &held, by, err);
	if (rc == MACA_ECONFLICT)
		take_held(c, (char **[2]){&held.grade, &held.rationale}, now);
	agreed_row_free(&held);
	return rc;
}

static int undo_status(struct store *st, const struct ui_change *c, bool force, char *now[2],
		       struct store_change *by, struct maca_err *err)
{
	enum action_status before, after;
	if (!action_status_parse(c->before[0], &before) ||
	    !action_status_parse(c->after[0], &after))
		return err_set(err, MACA_EUSER, "that change cannot be undone");
	struct action_row expected = {.status = after};
	struct action_row held = {0};
	int rc = store_action_set_status_if(st, c->id, before, "undone with u",
					    force ? NULL : &expected, &held, by, err);
	if (rc == MACA_ECONFLICT && !(now[0] = strdup(action_status_name(held.status))))
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	action_row_free(&held);
	return rc;
}

/* What is no longer there when an undo finds its record gone, by the kind of change. */
static const char *const gone_words[] = {
    [UI_CHANGE_ANSWER] = "its case or agency was removed",
    [UI_CHANGE_NOTE] = "its case or agency was removed",
    [UI_CHANGE_AGREED] = "its case was removed",
    [UI_CHANGE_MODERATED] = "its case was removed",
    [UI_CHANGE_ACTION_STATUS] = "the action was deleted",
    [UI_CHANGE_LEARNING_POINT] = "the learning point was deleted",
};

/* The record the last change was about was deleted since (here or by another maca): the
 * change can never be undone, so it is forgotten, saying so in the user's words rather than
 * the store's ("no action 6"), and u goes on to the change before instead of stopping here. */
static int forget(struct ui_undo *u, const char *gone, struct maca_err *err)
{
	const struct ui_change *c = &u->changes[u->n - 1];
	char *said =
	    str_fmt("Cannot be undone: %s, as %s since%s", c->what ? c->what : "the change", gone,
		    u->n > 1 ? "; u undoes the change before" : "");
	ui_undo_drop(u);
	if (!said)
		return err_set(err, MACA_ENOMEM, "out of memory");
	err_set(err, MACA_ENOTFOUND, "%s", said);
	free(said);
	return MACA_ENOTFOUND;
}

static int forget_gone(struct ui_undo *u, struct maca_err *err)
{
	enum ui_change_kind kind = u->changes[u->n - 1].kind;
	/* A kind added without its words still says something true. */
	bool known = (size_t)kind < sizeof gone_words / sizeof gone_words[0];
	return forget(u, known && gone_words[kind] ? gone_words[kind] : "it was deleted", err);
}

int ui_undo_apply_status(struct ui_undo *u, struct store *st, bool force,
			 enum action_status *now_status, struct store_change *by,
			 struct maca_err *err)
{
	*by = (struct store_change){0};
	if (!u)
		return err_set(err, MACA_EUSER,
			       "Nothing to undo: no change was made from this screen");
	char *now[2];
	int rc = ui_undo_apply(u, st, force, now, by, err);
	if (rc != MACA_ECONFLICT) {
		store_change_free(by);
		return rc;
	}
	if (!now[0] || !action_status_parse(now[0], now_status))
		*now_status = ACTION_NOT_STARTED;
	free(now[0]);
	free(now[1]);
	return rc;
}

int ui_undo_apply(struct ui_undo *u, struct store *st, bool force, char *now[2],
		  struct store_change *by, struct maca_err *err)
{
	now[0] = now[1] = NULL;
	if (!u->n)
		return err_set(err, MACA_EUSER,
			       "Nothing to undo: no change was made from this screen");
	const struct ui_change *c = &u->changes[u->n - 1];
	int rc;
	switch (c->kind) {
	case UI_CHANGE_ANSWER:
		rc = undo_answer(st, c, force, now, by, err);
		break;
	case UI_CHANGE_NOTE: {
		char *held = NULL;
		rc = store_note_save_if(st, c->case_id, c->agency, c->item, c->item2,
					or_empty(c->before[0]),
					force ? NULL : or_empty(c->after[0]), &held, by, err);
		if (rc == MACA_ECONFLICT)
			now[0] = held;
		else
			free(held);
		break;
	}
	case UI_CHANGE_AGREED:
		rc = undo_agreed(st, c, force, now, by, err);
		break;
	case UI_CHANGE_MODERATED:
		rc = store_case_set_moderated(st, c->case_id, c->before[0] && *c->before[0], err);
		break;
	case UI_CHANGE_ACTION_STATUS:
		rc = undo_status(st, c, force, now, by, err);
		break;
	case UI_CHANGE_LEARNING_POINT:
		rc = store_learning_point_move(st, c->id, atoi(or_empty(c->before[0])), err);
		/* Points deleted since leave no place numbered as it was: it cannot go back. */
		if (rc == MACA_EUSER) {
			err_clear(err);
			return forget(u, "learning points were deleted", err);
		}
		break;
	default:
		rc = err_set(err, MACA_EUSER, "that change cannot be undone");
		break;
	}
	if (rc == MACA_ENOTFOUND)
		return forget_gone(u, err);
	if (!rc)
		ui_undo_drop(u);
	return rc;
}
