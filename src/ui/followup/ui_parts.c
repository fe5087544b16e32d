#include "ui_parts.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "ui_editkeys.h"
#include "ui_view.h"

static void preview_free(struct ui_parts *up)
{
	free(up->text);
	up->text = NULL;
	ui_doc_free(&up->doc);
}

static void edit_close(struct ui_parts *up)
{
	editbuf_free(up->edit);
	free(up->edit_expected);
	up->edit = NULL;
	up->edit_expected = NULL;
	up->editing = UI_PARTS_EDIT_NONE;
	up->edit_top = 0;
}

/* Everything read from the store, not the place or the editor. */
static void data_free(struct ui_parts *up)
{
	briefing_parts_free(&up->parts);
	for (size_t i = 0; i < BRIEFING_NSETTINGS; i++) {
		free(up->settings[i]);
		up->settings[i] = NULL;
	}
	free(up->suggestion);
	up->suggestion = NULL;
	free(up->choices);
	up->choices = NULL;
	preview_free(up);
}

void ui_parts_free(struct ui_parts *up)
{
	data_free(up);
	edit_close(up);
	memset(up, 0, sizeof *up);
}

static const char *layout_of(const struct ui_parts *up)
{
	return up->seven_minute ? "seven-minute" : "standard";
}

static struct briefing_options options(const struct ui_parts *up, size_t (*spans)[2])
{
	return (struct briefing_options){.layout = layout_of(up),
					 .resources = up->cfg.resources,
					 .nresources = up->cfg.nresources,
					 .partnership = up->cfg.partnership_info,
					 .small_count = up->cfg.small_count,
					 .spans = spans};
}

bool ui_parts_on_part(const struct ui_parts *up, enum briefing_part *part)
{
	if (up->selected < BRIEFING_NSETTINGS)
		return false;
	if (part)
		*part = up->parts.items[up->selected - BRIEFING_NSETTINGS].part;
	return true;
}

const struct briefing_part_state *ui_parts_selected(const struct ui_parts *up)
{
	return ui_parts_on_part(up, NULL) ? &up->parts.items[up->selected - BRIEFING_NSETTINGS]
					  : NULL;
}

/* The briefing as it will be written, with where each part is and how long; laid out for
 * the width it was last laid out for. */
static int read_preview(struct ui_parts *up, struct store *st, struct maca_err *err)
{
	struct briefing_options opt = options(up, up->spans);
	struct disclosure_list found = {0};
	char *md = NULL;
	int rc = briefing_write(st, up->audit_id, &opt, &md, &found, err);
	disclosure_list_free(&found);
	if (rc)
		return rc;
	up->text = md;
	up->words = briefing_words(md);
	for (size_t p = 0; p < BRIEFING_NPARTS; p++) {
		up->part_words[p] = 0;
		if (up->spans[p][0] == SIZE_MAX)
			continue;
		char saved = md[up->spans[p][1]];
		md[up->spans[p][1]] = '\0';
		up->part_words[p] = briefing_words(md + up->spans[p][0]);
		md[up->spans[p][1]] = saved;
	}
	int width = up->preview_width ? up->preview_width : UI_DOC_DEFAULT_WIDTH;
	up->preview_width = 0; /* laid out afresh */
	return ui_parts_layout(up, width, up->ascii, err);
}

/* The preview at the part selected (the title for a setting). */
static void preview_follow(struct ui_parts *up)
{
	enum briefing_part part;
	if (!ui_parts_on_part(up, &part))
		up->preview_top = 0;
	else if (up->part_line[part] != SIZE_MAX)
		up->preview_top = up->part_line[part];
}

int ui_parts_layout(struct ui_parts *up, int width, bool ascii, struct maca_err *err)
{
	if (!up->text || (up->preview_width == width && up->ascii == ascii))
		return MACA_OK;
	up->ascii = ascii;
	up->preview_width = width;
	int rc = ui_doc_layout(up->text, width, ascii, &up->doc, err);
	/* A part starts where the briefing before it ends, laid out alike (a blank line between
	 * blocks aside). */
	for (size_t p = 0; p < BRIEFING_NPARTS; p++) {
		up->part_line[p] = SIZE_MAX;
		if (rc || up->spans[p][0] == SIZE_MAX)
			continue;
		char saved = up->text[up->spans[p][0]];
		up->text[up->spans[p][0]] = '\0';
		struct ui_doc before = {0};
		rc = ui_doc_layout(up->text, width, ascii, &before, err);
		up->text[up->spans[p][0]] = saved;
		size_t line = before.n;
		while (!rc && line < up->doc.n && !*up->doc.lines[line].text)
			line++;
		up->part_line[p] = line < up->doc.n ? line : SIZE_MAX;
		ui_doc_free(&before);
	}
	if (!rc && !up->preview_full)
		preview_follow(up);
	return rc;
}

/* The numbered list a setting picks from: the learning points (by title, or the start of
 * their text) or the template's resources. */
static int read_choices(struct ui_parts *up, struct store *st, struct maca_err *err)
{
	struct sbuf b = {0};
	int rc = MACA_OK;
	if (up->selected == BRIEFING_SET_KEY_LEARNING) {
		struct learning_point_row *points = NULL;
		size_t n = 0;
		rc = store_learning_points(st, up->audit_id, &points, &n, err);
		sbuf_addf(&b, "The learning points (give %d to %d numbers, such as 1,2,4):",
			  BRIEFING_KEY_LEARNING_MIN, BRIEFING_KEY_LEARNING_MAX);
		for (size_t i = 0; !rc && i < n; i++)
			sbuf_addf(&b, "\n%d. %s", points[i].number,
				  *points[i].title ? points[i].title : points[i].text);
		if (!rc && n == 0)
			sbuf_add(
			    &b, "\nNone yet: add them on the Learning screen (L on the overview).");
		learning_point_rows_free(points, n);
	} else if (up->selected == BRIEFING_SET_RESOURCES) {
		struct template *tpl = NULL;
		rc = store_audit_template(st, up->audit_id, &tpl, err);
		sbuf_add(&b, "The template's resources (give all, none, or numbers such as 1,3); "
			     "the partnership's own, from the configuration, come first:");
		for (size_t i = 0; !rc && i < tpl->nresources; i++)
			sbuf_addf(&b, "\n%zu. %s", i + 1, tpl->resources[i].title);
		template_free(tpl);
	} else {
		return MACA_OK;
	}
	if (!rc && !(up->choices = sbuf_take(&b)))
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	sbuf_free(&b);
	return rc;
}

/* The preview at the selected part, and maca's suggestion for it. */
static int follow(struct ui_parts *up, struct store *st, struct maca_err *err)
{
	free(up->suggestion);
	up->suggestion = NULL;
	free(up->choices);
	up->choices = NULL;
	enum briefing_part part;
	preview_follow(up);
	if (!ui_parts_on_part(up, &part))
		return read_choices(up, st, err);
	struct briefing_options opt = options(up, NULL);
	return briefing_part_suggestion(st, up->audit_id, part, &opt, &up->suggestion, err);
}

static int load(struct ui_parts *up, struct store *st, struct maca_err *err)
{
	enum briefing_part part = BRIEFING_BACKGROUND;
	bool on_part = up->parts.layout && ui_parts_on_part(up, &part);
	data_free(up);
	int rc = briefing_parts_read(st, up->audit_id, layout_of(up), &up->parts, err);
	for (size_t i = 0; !rc && i < BRIEFING_NSETTINGS; i++)
		rc = briefing_setting_get(st, up->audit_id, (enum briefing_setting)i,
					  &up->settings[i], err);
	if (!rc)
		rc = read_preview(up, st, err);
	if (rc) {
		data_free(up);
		return rc;
	}
	if (on_part)
		ui_parts_select(up, part);
	return follow(up, st, err);
}

int ui_parts_open(struct ui_parts *up, struct store *st, int64_t audit_id, bool seven_minute,
		  const struct ui_export_config *cfg, struct maca_err *err)
{
	ui_parts_free(up);
	up->audit_id = audit_id;
	up->seven_minute = seven_minute;
	up->cfg = *cfg;
	up->selected = BRIEFING_NSETTINGS; /* the first part */
	int rc = load(up, st, err);
	if (rc)
		ui_parts_free(up);
	return rc;
}

int ui_parts_reload(struct ui_parts *up, struct store *st, struct maca_err *err)
{
	size_t top = up->preview_top;
	int rc = load(up, st, err);
	if (!rc && up->preview_full)
		up->preview_top = top < up->doc.n ? top : 0;
	return rc;
}

void ui_parts_select(struct ui_parts *up, enum briefing_part part)
{
	for (size_t i = 0; i < BRIEFING_NPARTS; i++)
		if (up->parts.items[i].part == part)
			up->selected = BRIEFING_NSETTINGS + i;
}

void ui_parts_move_selection(struct ui_parts *up, struct store *st, enum ui_action action)
{
	if (up->preview_full) {
		ui_view_scroll(&up->preview_top, action, up->doc.n ? up->doc.n - 1 : 0, 10);
		return;
	}
	size_t before = up->selected;
	ui_view_move(&up->selected, UI_PARTS_ROWS, action, 10);
	struct maca_err err = {0};
	if (up->selected != before && follow(up, st, &err)) {
		free(up->suggestion);
		up->suggestion = NULL; /* a suggestion is a help, not worth an error */
		err_clear(&err);
	}
}

int ui_parts_toggle(struct ui_parts *up, struct store *st, struct maca_err *err)
{
	const struct briefing_part_state *p = ui_parts_selected(up);
	if (!p)
		return err_set(err, MACA_EUSER,
			       "Space shows or leaves out a part; select one below "
			       "the settings");
	if (briefing_part_show(st, up->audit_id, layout_of(up), p->part, !p->shown, err))
		return err->status;
	return load(up, st, err);
}

int ui_parts_move(struct ui_parts *up, struct store *st, int delta, struct maca_err *err)
{
	const struct briefing_part_state *p = ui_parts_selected(up);
	if (!p)
		return err_set(err, MACA_EUSER,
			       "Only the parts move; select one below the settings");
	size_t place = up->selected - BRIEFING_NSETTINGS + 1;
	if ((delta < 0 && place == 1) || (delta > 0 && place == BRIEFING_NPARTS))
		return MACA_OK;
	if (briefing_part_move(st, up->audit_id, layout_of(up), p->part,
			       delta < 0 ? place - 1 : place + 1, err))
		return err->status;
	return load(up, st, err);
}

int ui_parts_switch_layout(struct ui_parts *up, struct store *st, struct maca_err *err)
{
	up->seven_minute = !up->seven_minute;
	int rc = load(up, st, err);
	if (rc) {
		up->seven_minute = !up->seven_minute;
		struct maca_err ignored = {0};
		load(up, st, &ignored);
		err_clear(&ignored);
	}
	return rc;
}

int ui_parts_take(struct ui_parts *up, struct store *st, bool replace, struct maca_err *err)
{
	const struct briefing_part_state *p = ui_parts_selected(up);
	if (!p || !up->suggestion || !*up->suggestion)
		return err_set(err, MACA_EUSER, "maca has no suggestion for this; Enter writes it");
	if (p->text && !p->inherited && !replace)
		return err_set(err, MACA_EEXIST, "The part has text of its own");
	if (briefing_part_set_text(st, up->audit_id, layout_of(up), p->part, up->suggestion, NULL,
				   NULL, NULL, err))
		return err->status;
	return load(up, st, err);
}

int ui_parts_edit_start(struct ui_parts *up, enum ui_parts_edit what, struct maca_err *err)
{
	edit_close(up);
	const struct briefing_part_state *p = ui_parts_selected(up);
	const char *text, *expected;
	if (!p) {
		what = UI_PARTS_EDIT_SETTING;
		text = expected = up->settings[up->selected];
	} else if (what == UI_PARTS_EDIT_HEADING) {
		text = expected = p->heading;
	} else {
		what = UI_PARTS_EDIT_TEXT;
		/* A seven-minute part says the standard's text until given its own: that is where
		 * editing starts, and its own (none) is what the save checks. */
		text = p->text ? p->text : "";
		expected = p->inherited ? "" : text;
	}
	up->edit = editbuf_new(
	    text, 0, what == UI_PARTS_EDIT_TEXT ? EDITBUF_MULTI_LINE : EDITBUF_SINGLE_LINE);
	up->edit_expected = strdup(expected);
	if (!up->edit || !up->edit_expected) {
		edit_close(up);
		return err_set(err, MACA_ENOMEM, "out of memory");
	}
	up->editing = what;
	return MACA_OK;
}

int ui_parts_save(struct ui_parts *up, struct store *st, bool close, struct maca_err *err)
{
	if (!up->editing)
		return MACA_OK;
	if (!editbuf_changed(up->edit)) {
		if (close)
			edit_close(up);
		return MACA_OK;
	}
	char *text = editbuf_text(up->edit, NULL);
	if (!text)
		return err_set(err, MACA_ENOMEM, "out of memory");
	const struct briefing_part_state *p = ui_parts_selected(up);
	char *now = NULL;
	int rc;
	if (up->editing == UI_PARTS_EDIT_SETTING)
		rc = briefing_setting_set(st, up->audit_id, (enum briefing_setting)up->selected,
					  text, err);
	else if (up->editing == UI_PARTS_EDIT_HEADING)
		rc = briefing_part_heading(st, up->audit_id, layout_of(up), p->part, text, err);
	else
		rc = briefing_part_set_text(st, up->audit_id, layout_of(up), p->part, text,
					    up->edit_expected, &now, NULL, err);
	if (rc == MACA_ECONFLICT && now) {
		/* The next save keeps what was typed over what is there now. */
		free(up->edit_expected);
		up->edit_expected = now;
		now = NULL;
	}
	free(now);
	free(text);
	if (rc)
		return rc;
	editbuf_mark_saved(up->edit);
	if (close)
		edit_close(up);
	return load(up, st, err);
}

int ui_parts_edit_key(struct ui_parts *up, struct store *st, int key, struct maca_err *err)
{
	bool multiline = up->editing == UI_PARTS_EDIT_TEXT;
	if (ui_bindings_lookup(ui_edit_finish_keys, ui_edit_finish_nkeys, key) ==
	    UI_ACTION_FINISH_EDIT)
		return ui_parts_save(up, st, true, err);
	int width = up->text_width > 0 ? up->text_width : 60;
	enum ui_edit_outcome o = ui_edit_key(up->edit, key, width, 5, multiline);
	if (o == UI_EDIT_ENTER)
		return ui_parts_save(up, st, true, err);
	if (o == UI_EDIT_ENOMEM)
		return err_set(err, MACA_ENOMEM, "out of memory");
	return MACA_OK;
}

int ui_parts_edit_text(struct ui_parts *up, const wchar_t *s, size_t n, struct maca_err *err)
{
	if (up->editing && editbuf_insert_wide(up->edit, s, n) == EDITBUF_ENOMEM)
		return err_set(err, MACA_ENOMEM, "out of memory");
	return MACA_OK;
}
