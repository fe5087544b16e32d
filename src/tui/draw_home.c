/* Home: the audits in the database, their status and how far the answering has got. */
#include <stdio.h>

#include "tui_draw.h"

static void audit_row(WINDOW *w, int y, size_t i, attr_t attr, const struct tui_column *col,
		      const void *ctx)
{
	const struct ui_home *h = ctx;
	const struct audit_info *a = &h->audits[i];
	char buf[64];
	snprintf(buf, sizeof buf, "%lld", (long long)a->id);
	tui_put(w, y, col[0].x, col[0].width, buf, attr);
	tui_put(w, y, col[1].x, col[1].width, audit_status_name(a->status), attr);
	int64_t expected = h->expected[i];
	int pct = expected ? (int)(a->nanswers * 100 / expected) : 0;
	snprintf(buf, sizeof buf, "%lld/%lld %3d%%", (long long)a->nanswers, (long long)expected,
		 pct);
	tui_put(w, y, col[2].x, col[2].width, buf, attr);
	snprintf(buf, sizeof buf, "%lld", (long long)a->ncases);
	tui_put(w, y, col[3].x, col[3].width, buf, attr);
	tui_put(w, y, col[4].x, col[4].width, a->title, attr);
}

static void draw_home(WINDOW *w, struct ui *ui)
{
	const struct ui_home *h = &ui->home;
	int cols = getmaxx(w), top = TUI_LIST_TOP;
	tui_frame(w, ui, "Audits");
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
	const struct tui_column columns[] = {
	    {"Id", 1, 4},     {"Status", 6, 11},	{"Answers given", 18, 17},
	    {"Cases", 36, 6}, {"Title", 43, cols - 44},
	};
	tui_table_draw(w, ui,
		       &(struct tui_table){columns, sizeof columns / sizeof *columns, h->naudits,
					   h->selected, audit_row, h});
}

const struct tui_view tui_home_view = {.draw = draw_home};
