/* Cases: the audit's cases with their age band, plan status and feature tags. */
#include <stdlib.h>

#include "sbuf.h"
#include "tui_draw.h"
#include "ui_view.h"

static void draw_cases(WINDOW *w, struct ui *ui)
{
	const struct ui_cases *uc = &ui->cases;
	int rows = getmaxy(w), cols = getmaxx(w);
	tui_frame(w, ui, "Cases");
	int top = 2, height = rows - 4 - top;
	if (uc->ncases == 0) {
		tui_put(w, top + 1, 2, cols - 4,
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
	attr_t head = A_BOLD | A_UNDERLINE;
	tui_put(w, top, 1, ref_w, "Reference", head);
	tui_put(w, top, age_x, 14, "Age band", head);
	tui_put(w, top, plan_x, 18, "Plan", head);
	tui_put(w, top, tags_x, cols - 1 - tags_x, "Feature tags", head);
	size_t first = ui_view_first(uc->selected, (size_t)height);
	for (int r = 0; r < height && first + (size_t)r < uc->ncases; r++) {
		size_t i = first + (size_t)r;
		const struct case_info *c = &uc->cases[i];
		int y = top + 1 + r;
		attr_t attr = i == uc->selected ? tui_attr(TUI_PAIR_SELECTED, A_REVERSE) : A_NORMAL;
		tui_fill(w, y, 0, cols, attr);
		ui_hit_add(ui, y, 0, cols, i);
		tui_put(w, y, 1, ref_w, c->reference, attr);
		tui_put(w, y, age_x, 14, ui_label(&uc->tpl->age_bands, c->age_band), attr);
		tui_put(w, y, plan_x, 18, ui_label(&uc->tpl->plan_statuses, c->plan_status), attr);
		struct sbuf b = {0};
		for (size_t t = 0; t < c->tags.n; t++)
			sbuf_addf(&b, "%s%s", t ? ", " : "",
				  ui_label(&uc->tpl->tags, c->tags.items[t].id));
		char *tags = sbuf_take(&b);
		tui_put(w, y, tags_x, cols - 1 - tags_x, tags ? tags : "", attr);
		free(tags);
	}
}

const struct tui_view tui_cases_view = {.draw = draw_cases};
