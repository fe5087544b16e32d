/* Cases: the audit's cases with their age band, plan status and feature tags. */
#include <stdlib.h>

#include "sbuf.h"
#include "tui_draw.h"

static void case_row(WINDOW *w, int y, size_t i, attr_t attr, const struct tui_column *col,
		     const void *ctx)
{
	const struct ui_cases *uc = ctx;
	const struct case_info *c = &uc->cases[i];
	tui_put(w, y, col[0].x, col[0].width, c->reference, attr);
	tui_put(w, y, col[1].x, col[1].width, ui_label(&uc->tpl->age_bands, c->age_band), attr);
	tui_put(w, y, col[2].x, col[2].width, ui_label(&uc->tpl->plan_statuses, c->plan_status),
		attr);
	struct sbuf b = {0};
	for (size_t t = 0; t < c->tags.n; t++)
		sbuf_addf(&b, "%s%s", t ? ", " : "", ui_label(&uc->tpl->tags, c->tags.items[t].id));
	char *tags = sbuf_take(&b);
	tui_put(w, y, col[3].x, col[3].width, tags ? tags : "", attr);
	free(tags);
}

static void draw_cases(WINDOW *w, struct ui *ui)
{
	const struct ui_cases *uc = &ui->cases;
	int cols = getmaxx(w);
	tui_frame(w, ui, "Cases");
	if (uc->ncases == 0) {
		tui_put(w, TUI_LIST_TOP + 1, 2, cols - 4,
			"No cases yet. Press a to add one; use a pseudonym such as \"Child A\".",
			A_BOLD);
		return;
	}
	/* The reference takes the width it needs, up to a third of the window; the columns
	 * after it move along. */
	int ref_w = 14;
	for (size_t i = 0; i < uc->ncases; i++) {
		int need = tui_width(uc->cases[i].reference) + 1;
		ref_w = need > ref_w ? need : ref_w;
	}
	if (ref_w > cols / 3)
		ref_w = cols / 3;
	int age_x = 2 + ref_w, plan_x = age_x + 15, tags_x = plan_x + 19;
	const struct tui_column columns[] = {
	    {"Reference", 1, ref_w},
	    {"Age band", age_x, 14},
	    {"Plan", plan_x, 18},
	    {"Feature tags", tags_x, cols - 1 - tags_x},
	};
	tui_table_draw(w, ui,
		       &(struct tui_table){columns, sizeof columns / sizeof *columns, uc->ncases,
					   uc->selected, case_row, uc});
}

const struct tui_view tui_cases_view = {.draw = draw_cases};
