/* Export: where the briefing will be written, the possible identifiers in it (open, or
 * accepted by whom), then the briefing itself as it will be published. */
#include <stdlib.h>

#include "sbuf.h"
#include "tui_draw.h"
#include "ui_view.h"

#define MAX_FINDINGS_SHOWN 5

static void layout_export(struct ui *ui, int rows, int cols);

static void draw_export(WINDOW *w, struct ui *ui)
{
	int rows = getmaxy(w), cols = getmaxx(w);
	layout_export(ui, rows, cols);
	const struct ui_export *ue = &ui->export;
	tui_frame(w, ui, "Briefing of our learning");
	char *line = str_fmt("Layout: %s%s   File: %s",
			     ue->seven_minute ? "seven-minute briefing" : "standard",
			     ue->with_comparison ? ", with the comparison" : "", ue->path);
	if (line)
		tui_put(w, 2, 1, cols - 2, line, A_BOLD);
	free(line);
	int y = 3;
	if (ue->found.n == 0) {
		tui_put(w, y++, 1, cols - 2,
			"No identifiers found (NHS or NI numbers, dates of birth, postcodes, phone "
			"numbers, e-mail addresses, names as case references).",
			A_DIM);
	} else {
		size_t open = ue->decided.open, accepted = ue->found.n - open;
		if (open)
			line = str_fmt("Possible identifiers: %zu open, %zu accepted. Enter fixes "
				       "one, a accepts it",
				       open, accepted);
		else
			line = str_fmt("Possible identifiers: all %zu accepted for publishing (a "
				       "takes one back)",
				       accepted);
		if (line)
			tui_put(w, y++, 1, cols - 2, line,
				open ? tui_attr(TUI_PAIR_ERROR, A_BOLD) : A_BOLD);
		free(line);
		/* The selected finding stays in view as Tab walks through them. */
		size_t first = ui_view_first(ue->finding, MAX_FINDINGS_SHOWN);
		for (size_t i = first; i < ue->found.n && i < first + MAX_FINDINGS_SHOWN; i++) {
			const struct disclosure *d = &ue->found.items[i];
			const struct disclosure_decision *x = &ue->decided.items[i];
			char *state = x->accepted ? str_fmt("accepted by %s", x->acceptance.author)
						  : str_dup("OPEN");
			line = state ? str_fmt("%s %s: %s \"%s\" in %s",
					       i == ue->finding ? ">" : " ", state,
					       disclosure_kind_name(d->kind), d->match, d->where)
				     : NULL;
			if (line)
				tui_put(w, y++, 1, cols - 2, line,
					i == ue->finding ? A_BOLD | A_REVERSE
					: x->accepted	 ? A_NORMAL
							 : A_BOLD);
			free(line);
			free(state);
		}
		if (ue->found.n > MAX_FINDINGS_SHOWN) {
			line = str_fmt("  and %zu more (Tab walks through them); `maca findings "
				       "list` lists them all",
				       ue->found.n - MAX_FINDINGS_SHOWN);
			if (line)
				tui_put(w, y++, 1, cols - 2, line, A_BOLD);
			free(line);
		}
	}
	y++;
	tui_draw_doc(w, y, 1, rows - 3 - y, cols - 2, &ue->doc, ue->top);
}

static void layout_export(struct ui *ui, int rows, int cols)
{
	(void)rows;
	struct maca_err err = {0};
	if (ui_export_layout(&ui->export, cols - 2, ui->ascii, &err))
		ui_set_status(ui, true, "%s", err_msg(&err));
	err_clear(&err);
}

const struct tui_view tui_export_view = {.draw = draw_export, .layout = layout_export};
