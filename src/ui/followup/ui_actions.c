#include "ui_actions.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "ui_view.h"

static void conflict_clear(struct ui_actions *ua)
{
	store_change_free(&ua->by);
	free(ua->note);
	ua->note = NULL;
	ua->conflict = ua->undoing = false;
}

void ui_actions_free(struct ui_actions *ua)
{
	conflict_clear(ua);
	free(ua->audit_title);
	named_list_free(&ua->owners);
	action_items_free(ua->items, ua->nitems);
	action_notes_free(ua->notes, ua->nnotes);
	memset(ua, 0, sizeof *ua);
}

struct action_filter ui_actions_filter(const struct ui_actions *ua)
{
	struct action_filter f = {.today = ua->today, .audit_id = ua->audit_id};
	if (ua->owner > 0 && ua->owner <= ua->owners.n)
		f.agency = ua->owners.items[ua->owner - 1].id;
	if (ua->status == UI_ACTIONS_OPEN)
		f.statuses = ACTION_STATUSES_OPEN;
	else if (ua->status >= UI_ACTIONS_ONE_STATUS && ua->status < UI_ACTIONS_STATUS_FILTERS)
		f.statuses = ACTION_STATUS_BIT(ua->status - UI_ACTIONS_ONE_STATUS);
	if (ua->due == UI_ACTIONS_OVERDUE) {
		f.due = ACTION_DUE_OVERDUE;
	} else if (ua->due == UI_ACTIONS_DUE_7 || ua->due == UI_ACTIONS_DUE_30) {
		f.due = ACTION_DUE_WITHIN;
		f.within_days = ua->due == UI_ACTIONS_DUE_7 ? 7 : 30;
	}
	return f;
}

char *ui_actions_filter_text(const struct ui_actions *ua)
{
	static const char *const dues[UI_ACTIONS_DUE_FILTERS] = {"any", "overdue", "within 7 days",
								 "within 30 days"};
	const char *owner = ua->owner > 0 && ua->owner <= ua->owners.n
				? ua->owners.items[ua->owner - 1].label
				: "any";
	/* One status: its label, in lower case ("cannot be done"). */
	const char *status = ua->status == UI_ACTIONS_ANY_STATUS ? "any"
			     : ua->status == UI_ACTIONS_OPEN	 ? "open"
								 : NULL;
	const char *label =
	    action_status_label((enum action_status)(ua->status - UI_ACTIONS_ONE_STATUS));
	return status ? str_fmt("Owner: %s   Status: %s   Due: %s", owner, status, dues[ua->due])
		      : str_fmt("Owner: %s   Status: %c%s   Due: %s", owner,
				tolower((unsigned char)*label), label + 1, dues[ua->due]);
}

const struct action_item *ui_actions_selected(const struct ui_actions *ua)
{
	return ua->selected < ua->nitems ? &ua->items[ua->selected] : NULL;
}

/* Reads the selected action's notes (none when nothing is selected). */
static int load_notes(struct ui_actions *ua, struct store *st, struct maca_err *err)
{
	struct action_note *notes = NULL;
	size_t n = 0;
	const struct action_item *a = ui_actions_selected(ua);
	if (a && store_action_notes(st, a->id, &notes, &n, err))
		return err->status;
	action_notes_free(ua->notes, ua->nnotes);
	ua->notes = notes;
	ua->nnotes = n;
	return MACA_OK;
}

int ui_actions_select(struct ui_actions *ua, struct store *st, int64_t id, struct maca_err *err)
{
	for (size_t i = 0; i < ua->nitems; i++)
		if (ua->items[i].id == id) {
			ua->selected = i;
			return load_notes(ua, st, err);
		}
	return err_set(err, MACA_ENOTFOUND, "action %lld is not listed", (long long)id);
}

int ui_actions_reload(struct ui_actions *ua, struct store *st, struct maca_err *err)
{
	struct named_list owners = {0};
	if (store_action_owners(st, ua->audit_id, &owners, err))
		return err->status;
	/* The owner filter stays on its agency, wherever that now is in the list. */
	const char *code =
	    ua->owner > 0 && ua->owner <= ua->owners.n ? ua->owners.items[ua->owner - 1].id : NULL;
	size_t owner = 0;
	for (size_t i = 0; code && i < owners.n; i++)
		if (strcmp(owners.items[i].id, code) == 0)
			owner = i + 1;
	struct ui_actions probe = *ua;
	probe.owners = owners;
	probe.owner = owner;
	struct action_filter f = ui_actions_filter(&probe);
	struct action_item *items;
	size_t n;
	if (store_actions_list(st, &f, &items, &n, err)) {
		named_list_free(&owners);
		return err->status;
	}
	const struct action_item *old = ui_actions_selected(ua);
	int64_t old_id = old ? old->id : 0;
	named_list_free(&ua->owners);
	action_items_free(ua->items, ua->nitems);
	ua->owners = owners;
	ua->owner = owner;
	ua->items = items;
	ua->nitems = n;
	for (size_t i = 0; old_id && i < n; i++)
		if (items[i].id == old_id)
			ua->selected = i;
	if (ua->selected >= n)
		ua->selected = n ? n - 1 : 0;
	return load_notes(ua, st, err);
}

int ui_actions_open(struct ui_actions *ua, struct store *st, int64_t audit_id, const char *today,
		    struct maca_err *err)
{
	struct ui_actions fresh = {.audit_id = audit_id};
	if (today)
		snprintf(fresh.today, sizeof fresh.today, "%s", today);
	else
		action_today(fresh.today, sizeof fresh.today);
	if (audit_id) {
		struct audit_info info = {0};
		if (store_audit_get(st, audit_id, &info, err))
			return err->status;
		fresh.audit_title = info.title;
		info.title = NULL;
		audit_info_free(&info);
	}
	if (ui_actions_reload(&fresh, st, err)) {
		ui_actions_free(&fresh);
		return err->status;
	}
	ui_actions_free(ua);
	*ua = fresh;
	return MACA_OK;
}

int ui_actions_move(struct ui_actions *ua, struct store *st, enum ui_action action,
		    struct maca_err *err)
{
	return ui_view_move(&ua->selected, ua->nitems, action, 10) ? load_notes(ua, st, err)
								   : MACA_OK;
}

int ui_actions_next_filter(struct ui_actions *ua, struct store *st, enum ui_action which,
			   struct maca_err *err)
{
	struct ui_actions saved = *ua;
	if (which == UI_ACTION_FILTER_OWNER)
		ua->owner = ua->owner >= ua->owners.n ? 0 : ua->owner + 1;
	else if (which == UI_ACTION_FILTER_STATUS)
		ua->status = (ua->status + 1) % UI_ACTIONS_STATUS_FILTERS;
	else if (which == UI_ACTION_FILTER_DUE)
		ua->due = (ua->due + 1) % UI_ACTIONS_DUE_FILTERS;
	else
		return MACA_OK;
	int rc = ui_actions_reload(ua, st, err);
	if (rc) { /* keep showing what the list shows */
		ua->owner = saved.owner;
		ua->status = saved.status;
		ua->due = saved.due;
	}
	return rc;
}

int ui_actions_begin(struct ui_actions *ua, enum action_status status, struct maca_err *err)
{
	const struct action_item *a = ui_actions_selected(ua);
	if (!a)
		return err_set(err, MACA_EUSER, "There is no action selected");
	if ((unsigned)status >= ACTION_STATUS_COUNT)
		return err_set(err, MACA_EUSER, "unknown action status %d", (int)status);
	ua->pending_id = a->id;
	ua->pending_status = status;
	ua->pending_from = a->status;
	return MACA_OK;
}

static const struct action_item *pending_item(const struct ui_actions *ua)
{
	for (size_t i = 0; i < ua->nitems; i++)
		if (ua->items[i].id == ua->pending_id)
			return &ua->items[i];
	return NULL;
}

char *ui_actions_note_question(const struct ui_actions *ua)
{
	const struct action_item *a = pending_item(ua);
	if (!a)
		return str_fmt("Progress note, dated today. Esc cancels.");
	if (a->status == ua->pending_status)
		return str_fmt("Progress note for action %d.%d (%s), dated today. Esc cancels.",
			       a->point, a->position, action_status_label(a->status));
	return str_fmt("Progress note for action %d.%d (%s -> %s), dated today. Esc cancels.",
		       a->point, a->position, action_status_label(a->status),
		       action_status_label(ua->pending_status));
}

int ui_actions_apply(struct ui_actions *ua, struct store *st, const char *note,
		     struct maca_err *err)
{
	if (!ua->pending_id)
		return err_set(err, MACA_EUSER, "There is no status change to record");
	if (!note || !*note)
		return err_set(err, MACA_EUSER, "A progress note is needed: nothing was changed");
	int64_t id = ua->pending_id;
	struct action_row want = {.status = ua->pending_from}, now = {0};
	struct store_change by = {0};
	int rc =
	    store_action_set_status_if(st, id, ua->pending_status, note, &want, &now, &by, err);
	if (rc == MACA_ECONFLICT) {
		conflict_clear(ua);
		ua->conflict = true;
		ua->now_status = now.status;
		ua->by = by;
		ua->note = strdup(note);
		action_row_free(&now);
		return ua->note ? rc : err_set(err, MACA_ENOMEM, "out of memory");
	}
	action_row_free(&now);
	store_change_free(&by);
	if (rc)
		return rc;
	/* Named while the change is still pending: pending_item finds the action by it. */
	const struct action_item *a = pending_item(ua);
	char *what = a ? str_fmt("the status of action %d.%d", a->point, a->position) : NULL;
	ua->pending_id = 0;
	struct ui_change c = {.kind = UI_CHANGE_ACTION_STATUS,
			      .id = id,
			      .before = {(char *)action_status_name(ua->pending_from)},
			      .after = {(char *)action_status_name(ua->pending_status)},
			      .what = what};
	if (ua->undo)
		ui_undo_push(ua->undo, &c);
	free(what);
	if (ui_actions_reload(ua, st, err))
		return err->status;
	struct maca_err ignored = {0};
	ui_actions_select(ua, st, id, &ignored); /* gone from the list when filtered out */
	err_clear(&ignored);
	return MACA_OK;
}

int ui_actions_resolve(struct ui_actions *ua, struct store *st, enum ui_action choice,
		       struct maca_err *err)
{
	if (!ua->conflict)
		return MACA_OK;
	if (ua->undoing) {
		conflict_clear(ua);
		if (choice == UI_ACTION_KEEP_MINE)
			return ui_actions_undo(ua, st, true, err);
		if (choice == UI_ACTION_TAKE_THEIRS && ua->undo)
			ui_undo_drop(ua->undo);
		return ui_actions_reload(ua, st, err);
	}
	char *note = ua->note;
	ua->note = NULL;
	enum action_status now = ua->now_status;
	conflict_clear(ua);
	int rc = MACA_OK;
	if (choice == UI_ACTION_KEEP_MINE && note) {
		ua->pending_from = now;
		rc = ui_actions_apply(ua, st, note, err);
	} else if (choice == UI_ACTION_TAKE_THEIRS) {
		ua->pending_id = 0;
		rc = ui_actions_reload(ua, st, err);
	} else if (note) {
		ua->note = note; /* asked for again, as typed */
		return MACA_OK;
	}
	free(note);
	return rc;
}

int ui_actions_undo(struct ui_actions *ua, struct store *st, bool force, struct maca_err *err)
{
	enum action_status now;
	struct store_change by;
	int rc = ui_undo_apply_status(ua->undo, st, force, &now, &by, err);
	if (rc == MACA_ECONFLICT) {
		conflict_clear(ua);
		ua->conflict = ua->undoing = true;
		ua->by = by;
		ua->now_status = now;
		return rc;
	}
	return rc ? rc : ui_actions_reload(ua, st, err);
}
