/* Home: the audits in the database, their status and how far the answering has got. */
#include <stdio.h>

#include "tui_draw.h"
#include "ui_view.h"

static void draw_home(WINDOW *w, struct ui *ui)
{
	const struct ui_home *h = &ui->home;
	int rows = getmaxy(w), cols = getmaxx(w);
	tui_frame(w, ui, "Audits");
	int top = 2, height = rows - 4 - top;
	if (h->naudits == 0) {
		tui_put(w, top + 1, 2, cols - 4, "There are no audits in this database yet.",
			A_BOLD);
		tui_put(w, top + 3, 4, cols - 6, "a  create an audit from a template", A_NORMAL);
		tui_put(w, top + 4, 4, cols - 6,
			"d  create a SYNTHETIC demo audit (six invented cases) to see every screen",
			A_NORMAL);
		tui_put(w, top + 5, 4, cols - 6, "i  import an audit pack sent by the chair",
			A_NORMAL);
		return;
	}
	attr_t head = A_BOLD | A_UNDERLINE;
	tui_put(w, top, 1, 4, "Id", head);
	tui_put(w, top, 6, 11, "Status", head);
	tui_put(w, top, 18, 17, "Answers given", head);
	tui_put(w, top, 36, 6, "Cases", head);
	tui_put(w, top, 43, cols - 44, "Title", head);
	size_t first = ui_view_first(h->selected, (size_t)height);
	for (int r = 0; r < height && first + (size_t)r < h->naudits; r++) {
		size_t i = first + (size_t)r;
		const struct audit_info *a = &h->audits[i];
		int y = top + 1 + r;
		bool sel = i == h->selected;
		attr_t attr = sel ? tui_attr(TUI_PAIR_SELECTED, A_REVERSE) : A_NORMAL;
		tui_fill(w, y, 0, cols, attr);
		ui_hit_add(ui, y, 0, cols, i);
		char buf[64];
		snprintf(buf, sizeof buf, "%lld", (long long)a->id);
		tui_put(w, y, 1, 4, buf, attr);
		tui_put(w, y, 6, 11, audit_status_name(a->status), attr);
		int64_t expected = h->expected[i];
		int pct = expected ? (int)(a->nanswers * 100 / expected) : 0;
		snprintf(buf, sizeof buf, "%lld/%lld %3d%%", (long long)a->nanswers,
			 (long long)expected, pct);
		tui_put(w, y, 18, 17, buf, attr);
		snprintf(buf, sizeof buf, "%lld", (long long)a->ncases);
		tui_put(w, y, 36, 6, buf, attr);
		tui_put(w, y, 43, cols - 44, a->title, attr);
	}
}

const struct tui_view tui_home_view = {.draw = draw_home};
