#include "ui_history.h"

#include <stdlib.h>
#include <string.h>

#include "sbuf.h"

static bool item_wanted(const struct ui_history_query *q, const char *item)
{
	if (!q->items)
		return true;
	for (size_t i = 0; i < q->nitems; i++)
		if (strcmp(q->items[i], item) == 0)
			return true;
	return false;
}

static bool wanted(const struct ui_history_query *q, const struct history_row *r)
{
	return (!q->case_ref || strcmp(q->case_ref, r->case_ref) == 0) &&
	       (!q->agency || strcmp(q->agency, r->agency) == 0) && item_wanted(q, r->item);
}

int ui_history_load(struct ui_history *h, struct store *st, const struct ui_history_query *q,
		    const struct template *tpl, const char *title, struct maca_err *err)
{
	struct history_row *all;
	size_t n;
	if (store_history_list(st, q->audit_id, &all, &n, err))
		return err->status;
	size_t *rows = malloc((n ? n : 1) * sizeof *rows);
	char *t = str_dup(title);
	if (!rows || !t) {
		free(rows);
		free(t);
		history_list_free(all, n);
		return err_set(err, MACA_ENOMEM, "out of memory");
	}
	size_t k = 0;
	for (size_t i = n; i-- > 0;)
		if (wanted(q, &all[i]))
			rows[k++] = i;
	ui_history_free(h);
	*h = (struct ui_history){
	    .title = t, .tpl = tpl, .all = all, .nall = n, .rows = rows, .n = k};
	return MACA_OK;
}

void ui_history_free(struct ui_history *h)
{
	history_list_free(h->all, h->nall);
	free(h->rows);
	free(h->title);
	memset(h, 0, sizeof *h);
}

/* A value as people read it: a grade's label where the field holds grades. */
static const char *shown(const struct ui_history *h, const char *field, const char *v)
{
	if (!v || !*v)
		return "(none)";
	bool grades = strcmp(field, "answer") == 0 || strcmp(field, "agreed") == 0;
	int g = grades && h->tpl ? template_grade_index(h->tpl, v) : -1;
	if (g >= 0)
		return h->tpl->grades[g].label;
	for (size_t i = 0; grades && i < 4; i++)
		if (strcmp(template_yesno_values[i].id, v) == 0)
			return template_yesno_values[i].label;
	return v;
}

char *ui_history_text(const struct ui_history *h)
{
	struct sbuf b = {0};
	if (h->n == 0)
		sbuf_add(&b, "No change has been recorded for it yet.\n");
	for (size_t i = 0; i < h->n; i++) {
		const struct history_row *r = &h->all[h->rows[i]];
		/* 2026-11-24T10:00:00.123Z as people read it: 2026-11-24 10:00:00 UTC. */
		char *at = str_dup(r->at);
		char *t = at ? strchr(at, 'T') : NULL;
		if (t)
			*t = ' ';
		char *cut = at ? strpbrk(at, ".Z") : NULL;
		if (cut)
			*cut = '\0';
		sbuf_addf(&b, "%s%s  %s (%s)%s%s\n", at ? at : r->at, cut ? " UTC" : "", r->author,
			  r->source, *r->agency ? ", for " : "", r->agency);
		free(at);
		sbuf_addf(&b, "  %s: %s -> %s\n", r->field, shown(h, r->field, r->old_value),
			  shown(h, r->field, r->new_value));
		if (r->reason)
			sbuf_addf(&b, "  reason: %s\n", r->reason);
		sbuf_add(&b, "\n");
	}
	return sbuf_take(&b);
}
