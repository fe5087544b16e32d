/* The earlier audit's learning on a re-audit's Learning screen (see ui_learning_earlier.h). */
#include "ui_learning_earlier.h"

#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "store_actions.h"

void ui_learning_earlier_free(struct ui_learning_earlier *e)
{
	for (size_t i = 0; i < e->nlines; i++)
		free(e->lines[i]);
	free(e->lines);
	memset(e, 0, sizeof *e);
}

static bool add_line(struct ui_learning_earlier *e, char *line)
{
	char **grown = line ? realloc(e->lines, (e->nlines + 1) * sizeof *grown) : NULL;
	if (!grown) {
		free(line);
		return false;
	}
	e->lines = grown;
	e->lines[e->nlines++] = line;
	return true;
}

/* What the lines say of the audit being re-audited from. */
struct context {
	const struct named_list *agencies;
	const char *today;
};

static bool add_action(struct ui_learning_earlier *e, const struct context *cx, int number,
		       const struct action_row *a)
{
	struct sbuf b = {0};
	sbuf_addf(&b, "  %d.%d %s: %s", number, a->position, a->what,
		  action_status_label(a->status));
	if (*a->due_date)
		sbuf_addf(&b, ", due %s%s", a->due_date,
			  action_is_overdue(a->due_date, a->status, cx->today) ? " OVERDUE" : "");
	if (*a->owner_agency) {
		const struct named *owner = named_find(cx->agencies, a->owner_agency);
		sbuf_addf(&b, ", %s", owner ? owner->label : a->owner_agency);
	}
	return add_line(e, sbuf_take(&b));
}

static bool lay_out(struct ui_learning_earlier *e, const struct context *cx,
		    const struct audit_info *info, const struct learning_point_row *lps, size_t n)
{
	if (!add_line(e, str_fmt("Earlier audit %lld, %s: its learning (read-only)",
				 (long long)info->id, info->title)))
		return false;
	if (n == 0)
		return add_line(e, str_dup("  No learning points."));
	for (size_t i = 0; i < n; i++) {
		if (!add_line(e, str_fmt("Learning Point %d%s%s", lps[i].number,
					 *lps[i].title ? ": " : "", lps[i].title)))
			return false;
		if (lps[i].nactions == 0 && !add_line(e, str_dup("  No actions.")))
			return false;
		for (size_t k = 0; k < lps[i].nactions; k++)
			if (!add_action(e, cx, lps[i].number, &lps[i].actions[k]))
				return false;
	}
	return true;
}

int ui_learning_earlier_load(struct ui_learning_earlier *e, struct store *st, int64_t audit_id,
			     const struct named_list *agencies, const char *today,
			     struct maca_err *err)
{
	int64_t earlier = 0;
	if (store_audit_earlier(st, audit_id, &earlier, err))
		return err->status;
	if (!earlier)
		return err_set(err, MACA_EUSER,
			       "This audit is not a re-audit of an audit here: start a re-audit "
			       "with a on the audit list and choose the earlier audit under "
			       "\"Re-audit of\"");
	struct audit_info info = {0};
	struct learning_point_row *lps = NULL;
	size_t n = 0;
	int rc = store_audit_get(st, earlier, &info, err);
	if (!rc)
		rc = store_learning_points(st, earlier, &lps, &n, err);
	struct ui_learning_earlier fresh = {.shown = true, .audit_id = earlier};
	struct context cx = {agencies, today};
	if (!rc && !lay_out(&fresh, &cx, &info, lps, n))
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	learning_point_rows_free(lps, n);
	audit_info_free(&info);
	if (rc) {
		ui_learning_earlier_free(&fresh);
		return rc;
	}
	ui_learning_earlier_free(e);
	*e = fresh;
	return MACA_OK;
}
