/* Audit overview: the audit's details, then cases x sections, each cell the agreed grade's
 * short code or, before moderation, how many agencies have answered in that section. Also
 * the screen the overview opens to set the audit up (agencies and attendance), drawn here so
 * that the curses folder keeps to its twenty files. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

#include "sbuf.h"
#include "tui_draw.h"
#include "ui_fit.h"
#include "ui_view.h"

static void draw_header(WINDOW *w, const struct ui_overview *ov, int cols)
{
	const struct audit_info *a = &ov->info;
	int used = tui_put(w, 2, 1, cols - 2, a->title, A_BOLD);
	if (*a->reaudit_of && used + 4 < cols - 2)
		tui_put(w, 2, 1 + used, cols - 2 - used,
			"   (a re-audit: C compares it with the earlier audit)", A_DIM);
	char *line = str_fmt(
	    "Status: %s   Template: %s v%ld   Date: %s   Chair: %s", audit_status_name(a->status),
	    a->template_id, a->template_version, *a->audit_date ? a->audit_date : "not set",
	    *a->chair_agency ? ui_label(&ov->agencies, a->chair_agency) : "not set");
	if (line)
		tui_put(w, 3, 1, cols - 2, line, A_NORMAL);
	free(line);
	struct sbuf b = {0};
	sbuf_add(&b, "Agencies: ");
	for (size_t i = 0; i < ov->agencies.n; i++)
		sbuf_addf(&b, "%s%s", i ? ", " : "", ov->agencies.items[i].label);
	line = sbuf_take(&b);
	if (line)
		tui_put(w, 4, 1, cols - 2, line, A_NORMAL);
	free(line);
	size_t moderated = 0;
	for (size_t i = 0; i < ov->ncases; i++)
		moderated += ov->cases[i].moderated;
	int pct = ov->expected ? (int)(ov->answered * 100 / ov->expected) : 0;
	line =
	    str_fmt("Cases: %zu (%zu moderated)   Answers given: %lld of %lld (%d%%)", ov->ncases,
		    moderated, (long long)ov->answered, (long long)ov->expected, pct);
	if (line)
		tui_put(w, 5, 1, cols - 2, line, A_NORMAL);
	free(line);
}

/* What a cell says: the section's grade once every question is agreed (agreed, when it has
 * nothing to grade); while some are, how many ("3/5 agreed", or 3/5✓ when narrow); before
 * any, how many agencies answered ("2/5", dim). */
static attr_t cell_text(const struct template *t, const struct ui_overview *ov,
			const struct ui_cell *cell, int width, char *text, size_t size)
{
	if (cell->questions == 0) {
		snprintf(text, size, " ");
		return A_NORMAL;
	}
	if (cell->nagreed == cell->questions) {
		if (cell->agreed >= 0) {
			snprintf(text, size, " %c",
				 toupper((unsigned char)t->grades[cell->agreed].key));
			return tui_grade_attr(t, cell->agreed);
		}
		snprintf(text, size, "%s", width >= 6 ? "agreed" : " ✓");
		return A_BOLD;
	}
	if (cell->nagreed > 0) {
		snprintf(text, size, width >= 10 ? "%zu/%zu agreed" : "%zu/%zu✓", cell->nagreed,
			 cell->questions);
		return A_BOLD;
	}
	snprintf(text, size, "%d/%zu", cell->answered, ov->agencies.n);
	return A_DIM;
}

#define LEGEND_MAX_ROWS 6 /* the legend wrapped: the section's title, grades, counts */

/* The legend under the grid, to be read whole: the section selected, the grades' letters,
 * and what a cell's counts mean, each wrapped in the window's width. */
struct legend {
	char *text[3];
	int rows[3], total;
};

static void legend_free(struct legend *l)
{
	for (int i = 0; i < 3; i++)
		free(l->text[i]);
}

static void legend_make(struct legend *l, const struct ui_overview *ov, int cols)
{
	const struct template *t = ov->tpl;
	struct sbuf b = {0};
	sbuf_add(&b, "");
	for (size_t g = 0; g < t->ngrades; g++)
		sbuf_addf(&b, "%s%c %s", g ? "  " : "", toupper((unsigned char)t->grades[g].key),
			  t->grades[g].label);
	l->text[0] = t->nsections
			 ? str_fmt("Section %zu: %s", ov->col + 1, t->sections[ov->col].title)
			 : NULL;
	l->text[1] = sbuf_take(&b);
	l->text[2] = str_fmt("A grade once all is agreed  3/5✓ questions agreed so far  2/%zu "
			     "agencies answered, nothing agreed yet",
			     ov->agencies.n);
	l->total = 0;
	for (int i = 0; i < 3; i++) {
		int n = l->text[i] ? ui_wrap_rows(l->text[i], cols - 2, tui_ascii) : 0;
		l->rows[i] = n > 0 ? n : 1;
		l->total += l->rows[i];
	}
	/* Too many for the room: the counts give up rows first, then the grades, the title
	 * last, each keeping one (its last row cut with an ellipsis). */
	for (int i = 2; l->total > LEGEND_MAX_ROWS && i >= 0; i--)
		while (l->rows[i] > 1 && l->total > LEGEND_MAX_ROWS) {
			l->rows[i]--;
			l->total--;
		}
}

/* The legend from row y. */
static void draw_legend(WINDOW *w, const struct legend *l, int y, int cols)
{
	static const attr_t attrs[] = {A_BOLD, A_DIM, A_DIM};
	for (int i = 0; i < 3; y += l->rows[i++])
		if (l->text[i])
			tui_put_wrapped(w, y, 1, cols - 2, l->rows[i], l->text[i], attrs[i]);
}

static void draw_overview(WINDOW *w, struct ui *ui)
{
	const struct ui_overview *ov = &ui->overview;
	const struct template *t = ov->tpl;
	int rows = getmaxy(w), cols = getmaxx(w);
	tui_frame(w, ui, "Audit overview");
	draw_header(w, ov, cols);
	/* References take the width they need, as far as leaves every section a cell of four
	 * columns ("3/5" and a gap); cells are at most twelve wide ("3/5 agreed"). */
	int top = 7, ref_w = 5;
	for (size_t c = 0; c < ov->ncases; c++) {
		int need = tui_width(ov->cases[c].reference) + 2;
		ref_w = need > ref_w ? need : ref_w;
	}
	int ref_max = cols - 2 - 4 * (int)t->nsections;
	if (ref_w > ref_max)
		ref_w = ref_max > 5 ? ref_max : 5;
	if (ref_w < 14 && cols - 2 - 8 * (int)t->nsections >= 14)
		ref_w = 14; /* as wide as before when the cells are at their widest anyway */
	int cell_w = t->nsections ? (cols - ref_w - 2) / (int)t->nsections : 0;
	if (cell_w > 12)
		cell_w = 12; /* room for "3/5 agreed" */
	tui_put(w, top, 1, ref_w, "Case", A_BOLD | A_UNDERLINE);
	for (size_t s = 0; s < t->nsections; s++) {
		char num[24];
		snprintf(num, sizeof num, "%zu", s + 1);
		attr_t attr = s == ov->col ? A_BOLD | A_REVERSE : A_BOLD | A_UNDERLINE;
		tui_put(w, top, 1 + ref_w + (int)s * cell_w, cell_w - 1, num, attr);
	}
	/* The grid takes the rows the legend leaves, a blank row between them. */
	struct legend legend = {0};
	legend_make(&legend, ov, cols);
	int legend_y = rows - 3 - legend.total, height = legend_y - 1 - top - 1;
	if (ov->ncases == 0) {
		tui_put(w, top + 1, 1, cols - 2, "No cases yet.", A_NORMAL);
		height = 1;
	}
	size_t first = ui_view_first(ov->row, (size_t)height);
	for (int r = 0; r < height && first + (size_t)r < ov->ncases; r++) {
		size_t c = first + (size_t)r;
		int y = top + 1 + r;
		attr_t ref_attr = c == ov->row ? A_BOLD : A_NORMAL;
		tui_put(w, y, 1, ref_w - 1, ov->cases[c].reference, ref_attr);
		/* A click on the reference selects the case, on a cell its section too. */
		ui_hit_add(ui, y, 0, 1 + ref_w, c * t->nsections + ov->col);
		for (size_t s = 0; s < t->nsections; s++) {
			const struct ui_cell *cell = ui_overview_cell(ov, c, s);
			char text[48];
			attr_t attr = cell_text(t, ov, cell, cell_w - 1, text, sizeof text);
			if (c == ov->row && s == ov->col)
				attr |= A_REVERSE;
			int x = 1 + ref_w + (int)s * cell_w;
			ui_hit_add(ui, y, x, x + cell_w, c * t->nsections + s);
			tui_put(w, y, 1 + ref_w + (int)s * cell_w, cell_w - 1, text, attr);
		}
	}
	draw_legend(w, &legend, legend_y, cols);
	legend_free(&legend);
}

const struct tui_view tui_overview_view = {.draw = draw_overview};

/* --- Agencies and attendance: each agency the audit may take on, whether it takes part, how
 * many answers it has given, and how it was at the audit day, with the note beside it. --- */

/* The selected agency's note whole, wrapped in the rows from `y` to `last` below the list,
 * when its column cuts it (or leaves it out, in a narrow window). */
static void draw_attendance_note(WINDOW *w, const struct ui_agencies *ua, int y, int last, int cols,
				 int note_x)
{
	if (ua->selected >= ua->n || last - y < 1)
		return;
	const struct ui_agency_row *a = &ua->rows[ua->selected];
	if (!a->note || !*a->note || (note_x < cols - 6 && tui_width(a->note) <= cols - 1 - note_x))
		return;
	char *text = str_fmt("Note on %s: %s", a->name, a->note);
	if (text)
		tui_put_wrapped(w, y + 1, 1, cols - 2, last - y, text, A_NORMAL);
	free(text);
}

static void draw_agencies(WINDOW *w, struct ui *ui)
{
	struct ui_agencies *ua = &ui->agencies;
	int rows = getmaxy(w), cols = getmaxx(w);
	tui_frame(w, ui, "Agencies and attendance");
	tui_put(w, 2, 1, cols - 2, ua->title ? ua->title : "", A_BOLD);
	int used = tui_put_wrapped(
	    w, 3, 1, cols - 2, 2,
	    "Space takes an agency in or out (not one that has answered). On the day: a "
	    "attended, s sent apologies, x did not attend, n a note. Kept confidential.",
	    tui_attr(TUI_PAIR_DIM, A_DIM));
	int name_w = cols >= 100 ? 30 : 24, part_w = 6, ans_w = 8, day_w = 16;
	int note_x = 1 + name_w + part_w + ans_w + day_w;
	int y = 3 + used + 1;
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
		tui_put(w, row, 1, name_w - 1, a->name, attr | (a->taking_part ? A_BOLD : 0));
		tui_put(w, row, 1 + name_w, part_w - 1, a->taking_part ? "[x]" : "[ ]", attr);
		char *count = str_fmt("%zu", a->answers);
		tui_put(w, row, 1 + name_w + part_w, ans_w - 1, count ? count : "", attr);
		free(count);
		if (a->taking_part)
			tui_put(w, row, 1 + name_w + part_w + ans_w, day_w - 1,
				attendance_label(a->attended),
				attr | (a->attended ? A_NORMAL : tui_attr(TUI_PAIR_DIM, A_DIM)));
		if (note_x < cols - 6)
			tui_put(w, row, note_x, cols - 1 - note_x, a->note, attr);
	}
	draw_attendance_note(
	    w, ua, y + 1 + (int)(ua->n - first < (size_t)height ? ua->n - first : (size_t)height),
	    rows - 5, cols, note_x);
}

const struct tui_view tui_agencies_view = {.draw = draw_agencies};
