/* Agencies and attendance: each agency the audit may take on, whether it takes part, how many
 * answers it has given, and how it was at the audit day, with the note beside it. */
#include <stdlib.h>

#include "sbuf.h"
#include "tui_draw.h"
#include "ui_view.h"

static void draw_agencies(WINDOW *w, struct ui *ui)
{
	struct ui_agencies *ua = &ui->agencies;
	int rows = getmaxy(w), cols = getmaxx(w);
	tui_frame(w, ui, "Agencies and attendance");
	tui_put_cut(w, 2, 1, cols - 2, ua->title ? ua->title : "", A_BOLD);
	tui_put_cut(w, 3, 1, cols - 2,
		    "Space takes an agency in or out (not one that has answered). On the day: a "
		    "attended, s sent apologies, x did not attend, n a note. Kept confidential.",
		    tui_attr(TUI_PAIR_DIM, A_DIM));
	int name_w = cols >= 100 ? 30 : 24, part_w = 6, ans_w = 8, day_w = 16;
	int note_x = 1 + name_w + part_w + ans_w + day_w;
	int y = 5;
	tui_put(w, y, 1, name_w - 1, "Agency", A_BOLD | A_UNDERLINE);
	tui_put(w, y, 1 + name_w, part_w - 1, "Part", A_BOLD | A_UNDERLINE);
	tui_put(w, y, 1 + name_w + part_w, ans_w - 1, "Answers", A_BOLD | A_UNDERLINE);
	tui_put(w, y, 1 + name_w + part_w + ans_w, day_w - 1, "On the day", A_BOLD | A_UNDERLINE);
	if (note_x < cols - 6)
		tui_put(w, y, note_x, cols - 1 - note_x, "Note", A_BOLD | A_UNDERLINE);
	int height = rows - 4 - y - 1;
	size_t first = ui_view_first(ua->selected, (size_t)(height > 0 ? height : 1));
	for (int r = 0; r < height && first + (size_t)r < ua->n; r++) {
		size_t i = first + (size_t)r;
		const struct ui_agency_row *a = &ua->rows[i];
		attr_t attr = i == ua->selected ? A_REVERSE : A_NORMAL;
		int row = y + 1 + r;
		tui_fill(w, row, 0, cols, attr);
		tui_put_cut(w, row, 1, name_w - 1, a->name, attr | (a->taking_part ? A_BOLD : 0));
		tui_put(w, row, 1 + name_w, part_w - 1, a->taking_part ? "[x]" : "[ ]", attr);
		char *count = str_fmt("%zu", a->answers);
		tui_put(w, row, 1 + name_w + part_w, ans_w - 1, count ? count : "", attr);
		free(count);
		if (a->taking_part)
			tui_put(w, row, 1 + name_w + part_w + ans_w, day_w - 1,
				attendance_label(a->attended),
				attr | (a->attended ? A_NORMAL : tui_attr(TUI_PAIR_DIM, A_DIM)));
		if (note_x < cols - 6)
			tui_put_cut(w, row, note_x, cols - 1 - note_x, a->note, attr);
	}
}

const struct tui_view tui_agencies_view = {.draw = draw_agencies};
