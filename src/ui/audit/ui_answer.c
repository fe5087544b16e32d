#include "ui_answer.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ui_editkeys.h"
#include <wctype.h>

static void item_list_free(struct ui_answer_item *items, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(items[i].value);
		free(items[i].evidence);
	}
	free(items);
}

static void items_free(struct ui_answer *ua)
{
	item_list_free(ua->items, ua->nitems);
	ua->items = NULL;
	ua->nitems = 0;
}

static void current_free(struct ui_answer *ua)
{
	free(ua->value);
	editbuf_free(ua->edit);
	ua->value = NULL;
	ua->edit = NULL;
	ua->editing = false;
}

void ui_answer_free(struct ui_answer *ua)
{
	current_free(ua);
	items_free(ua);
	template_free(ua->tpl);
	case_info_list_free(ua->cases, ua->ncases);
	free(ua->agency);
	free(ua->agency_name);
	memset(ua, 0, sizeof *ua);
}

static const struct question *item_question(const struct ui_answer *ua, size_t item)
{
	const struct ui_answer_item *it = &ua->items[item];
	return it->is_prompt ? NULL : &ua->tpl->questions[it->index];
}

/* Whether the text has anything but spaces. */
static bool has_text(const char *s)
{
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return true;
	return false;
}

static bool edit_has_text(const struct editbuf *eb)
{
	size_t len;
	const wchar_t *w = editbuf_wtext(eb, &len);
	for (size_t i = 0; i < len; i++)
		if (!iswspace((wint_t)w[i]))
			return true;
	return false;
}

/* Sets up the value and the editor for the current item from what was saved. */
static int load_current(struct ui_answer *ua, struct maca_err *err)
{
	current_free(ua);
	const struct ui_answer_item *it = &ua->items[ua->cur];
	const struct question *q = item_question(ua, ua->cur);
	bool text_q = q && q->kind == QUESTION_TEXT;
	ua->value = strdup(it->value);
	ua->edit = editbuf_new(text_q ? it->value : it->evidence, 0, EDITBUF_MULTI_LINE);
	if (!ua->value || !ua->edit) {
		current_free(ua);
		return err_set(err, MACA_ENOMEM, "out of memory");
	}
	ua->guidance = false;
	ua->editor_top = 0;
	return MACA_OK;
}

static int item_add(struct ui_answer_item *items, size_t *n, size_t section, bool is_prompt,
		    size_t index, const char *value, const char *evidence)
{
	struct ui_answer_item *it = &items[(*n)++];
	it->section = section;
	it->is_prompt = is_prompt;
	it->index = index;
	it->value = strdup(value);
	it->evidence = strdup(evidence);
	return it->value && it->evidence ? MACA_OK : MACA_ENOMEM;
}

/* Reads the walk for a case with what this agency saved for it, into *out (n items). */
static int read_items(const struct ui_answer *ua, struct store *st, int64_t case_id,
		      struct ui_answer_item **out, size_t *nout, struct maca_err *err)
{
	const struct template *t = ua->tpl;
	struct answer_row *answers = NULL;
	struct note_row *notes = NULL;
	size_t nanswers = 0, nnotes = 0;
	if (store_case_answers(st, case_id, &answers, &nanswers, err))
		return err->status;
	if (store_case_notes(st, case_id, &notes, &nnotes, err)) {
		answer_rows_free(answers, nanswers);
		return err->status;
	}
	size_t n = t->nquestions, k = 0;
	for (size_t s = 0; s < t->nsections; s++)
		n += t->sections[s].nprompts;
	struct ui_answer_item *items = calloc(n ? n : 1, sizeof *items);
	int rc = items ? MACA_OK : MACA_ENOMEM;
	for (size_t s = 0; !rc && s < t->nsections; s++) {
		const struct section *sec = &t->sections[s];
		for (size_t q = 0; !rc && q < sec->nquestions; q++) {
			const struct question *qu = &t->questions[sec->first_question + q];
			const struct answer_row *a = NULL;
			for (size_t i = 0; i < nanswers && !a; i++)
				if (strcmp(answers[i].agency, ua->agency) == 0 &&
				    strcmp(answers[i].question_id, qu->id) == 0)
					a = &answers[i];
			rc = item_add(items, &k, s, false, sec->first_question + q,
				      a ? a->value : "", a ? a->evidence : "");
		}
		for (size_t q = 0; !rc && q < sec->nprompts; q++) {
			const struct prompt *p = &t->prompts[sec->prompts[q]];
			const char *text = "";
			for (size_t i = 0; i < nnotes; i++)
				if (strcmp(notes[i].agency, ua->agency) == 0 &&
				    strcmp(notes[i].section_id, sec->id) == 0 &&
				    strcmp(notes[i].prompt_id, p->id) == 0)
					text = notes[i].text;
			rc = item_add(items, &k, s, true, sec->prompts[q], "", text);
		}
	}
	answer_rows_free(answers, nanswers);
	note_rows_free(notes, nnotes);
	if (rc) {
		item_list_free(items, k);
		return err_set(err, MACA_ENOMEM, "out of memory");
	}
	if (k == 0) {
		free(items);
		return err_set(err, MACA_EUSER, "the audit's template has no questions");
	}
	*out = items;
	*nout = k;
	return MACA_OK;
}

/* Builds the walk for the current case with what this agency saved for it. */
static int load_items(struct ui_answer *ua, struct store *st, struct maca_err *err)
{
	struct ui_answer_item *items;
	size_t n;
	if (read_items(ua, st, ua->cases[ua->case_idx].id, &items, &n, err))
		return err->status;
	items_free(ua);
	ua->items = items;
	ua->nitems = n;
	if (ua->cur >= ua->nitems)
		ua->cur = 0;
	return load_current(ua, err);
}

int ui_answer_open(struct ui_answer *ua, struct store *st, int64_t audit_id, size_t case_idx,
		   const char *agency, struct maca_err *err)
{
	ui_answer_free(ua);
	ua->audit_id = audit_id;
	ua->page_rows = 5;
	struct named_list agencies = {0};
	int rc = store_audit_template(st, audit_id, &ua->tpl, err);
	if (!rc)
		rc = store_audit_agencies(st, audit_id, &agencies, err);
	if (!rc)
		rc = store_case_list(st, audit_id, &ua->cases, &ua->ncases, err);
	const struct named *ag = rc ? NULL : named_find(&agencies, agency);
	if (!rc && !ag)
		rc = err_set(err, MACA_ENOTFOUND, "agency %s does not take part in this audit",
			     agency);
	if (!rc && ua->ncases == 0)
		rc = err_set(err, MACA_EUSER, "the audit has no cases to answer yet");
	if (!rc) {
		ua->agency = strdup(ag->id);
		ua->agency_name = strdup(ag->label);
		if (!ua->agency || !ua->agency_name)
			rc = err_set(err, MACA_ENOMEM, "out of memory");
	}
	named_list_free(&agencies);
	if (!rc) {
		ua->case_idx = case_idx < ua->ncases ? case_idx : 0;
		rc = load_items(ua, st, err);
	}
	if (rc)
		ui_answer_free(ua);
	else
		ua->open = true;
	return rc;
}

int ui_answer_save(struct ui_answer *ua, struct store *st, struct maca_err *err)
{
	if (!ua->open || !ua->edit)
		return MACA_OK;
	struct ui_answer_item *it = &ua->items[ua->cur];
	const struct question *q = item_question(ua, ua->cur);
	bool value_changed = q && q->kind != QUESTION_TEXT && strcmp(ua->value, it->value) != 0;
	if (!value_changed && !editbuf_changed(ua->edit))
		return MACA_OK;
	size_t len;
	char *text = editbuf_text(ua->edit, &len);
	if (!text)
		return err_set(err, MACA_ENOMEM, "out of memory");
	int64_t case_id = ua->cases[ua->case_idx].id;
	int rc;
	if (!q)
		rc = store_note_save(st, case_id, ua->agency, ua->tpl->sections[it->section].id,
				     ua->tpl->prompts[it->index].id, text, err);
	else if (q->kind == QUESTION_TEXT)
		rc = store_answer_save(st, case_id, ua->agency, q->id, text, NULL, err);
	else
		rc = store_answer_save(st, case_id, ua->agency, q->id, ua->value, text, err);
	if (rc) {
		free(text);
		return rc;
	}
	/* Keep the walk's copy in step with what was saved. */
	char **saved_text = q && q->kind == QUESTION_TEXT ? &it->value : &it->evidence;
	free(*saved_text);
	*saved_text = text;
	if (q && q->kind != QUESTION_TEXT) {
		char *v = strdup(ua->value);
		if (!v)
			return err_set(err, MACA_ENOMEM, "out of memory");
		free(it->value);
		it->value = v;
	}
	editbuf_mark_saved(ua->edit);
	return MACA_OK;
}

/* Whether the current item holds what was not saved yet. */
static bool unsaved(const struct ui_answer *ua)
{
	const struct question *q = item_question(ua, ua->cur);
	bool value_changed = q && q->kind != QUESTION_TEXT && ua->value &&
			     strcmp(ua->value, ua->items[ua->cur].value) != 0;
	return value_changed || (ua->edit && editbuf_changed(ua->edit));
}

int ui_answer_reload(struct ui_answer *ua, struct store *st, struct maca_err *err)
{
	if (!ua->open)
		return MACA_OK;
	struct case_info *cases;
	size_t ncases, at = SIZE_MAX;
	if (store_case_list(st, ua->audit_id, &cases, &ncases, err))
		return err->status;
	for (size_t i = 0; i < ncases; i++)
		if (cases[i].id == ua->cases[ua->case_idx].id)
			at = i;
	struct ui_answer_item *items = NULL;
	size_t n = 0;
	int rc = at == SIZE_MAX ? err_set(err, MACA_ENOTFOUND,
					  "case %s has been removed from the audit elsewhere",
					  ua->cases[ua->case_idx].reference)
				: read_items(ua, st, cases[at].id, &items, &n, err);
	if (!rc && n != ua->nitems)
		rc = err_set(err, MACA_EUSER, "the audit's template changed under this screen");
	if (rc) {
		case_info_list_free(cases, ncases);
		item_list_free(items, n);
		return rc;
	}
	case_info_list_free(ua->cases, ua->ncases);
	ua->cases = cases;
	ua->ncases = ncases;
	ua->case_idx = at;
	/* What is being typed stays, compared with what was saved when it was started. */
	bool keep = ua->editing || unsaved(ua);
	if (keep) {
		struct ui_answer_item swap = items[ua->cur];
		items[ua->cur] = ua->items[ua->cur];
		ua->items[ua->cur] = swap;
	}
	items_free(ua);
	ua->items = items;
	ua->nitems = n;
	if (keep)
		return MACA_OK;
	size_t top = ua->editor_top;
	bool guidance = ua->guidance;
	rc = load_current(ua, err);
	ua->editor_top = top;
	ua->guidance = guidance;
	return rc;
}

/* The first item of the section after (or before, dir < 0) the current one's. */
static size_t section_start(const struct ui_answer *ua, int dir)
{
	size_t s = ua->items[ua->cur].section;
	if (dir > 0) {
		for (size_t i = ua->cur; i < ua->nitems; i++)
			if (ua->items[i].section != s)
				return i;
		return ua->cur;
	}
	size_t i = ua->cur;
	while (i > 0 && ua->items[i - 1].section == s)
		i--;
	if (i == ua->cur && i > 0) { /* at a section's start: the previous section's start */
		s = ua->items[i - 1].section;
		while (i > 0 && ua->items[i - 1].section == s)
			i--;
	}
	return i;
}

static int move_case(struct ui_answer *ua, struct store *st, size_t to, struct maca_err *err)
{
	if (to == ua->case_idx)
		return MACA_OK;
	size_t old = ua->case_idx;
	ua->case_idx = to;
	int rc = load_items(ua, st, err);
	if (rc) {
		ua->case_idx = old;
		/* The old case's items went with the failed load: read them again. */
		struct maca_err again = {0};
		if (load_items(ua, st, &again))
			err_clear(&again);
		return rc;
	}
	return MACA_OK;
}

int ui_answer_act(struct ui_answer *ua, struct store *st, enum ui_action action,
		  struct maca_err *err)
{
	if (!ua->open)
		return MACA_OK;
	size_t to = ua->cur;
	switch (action) {
	case UI_ACTION_GUIDANCE:
		ua->guidance = !ua->guidance;
		return MACA_OK;
	case UI_ACTION_EDIT_EVIDENCE:
		ua->editing = true;
		return MACA_OK;
	case UI_ACTION_UP:
		to -= to > 0;
		break;
	case UI_ACTION_DOWN:
		to += to + 1 < ua->nitems;
		break;
	case UI_ACTION_PAGE_UP:
		to = section_start(ua, -1);
		break;
	case UI_ACTION_PAGE_DOWN:
		to = section_start(ua, 1);
		break;
	case UI_ACTION_FIRST:
		to = 0;
		break;
	case UI_ACTION_LAST:
		to = ua->nitems - 1;
		break;
	case UI_ACTION_PREV_CASE:
	case UI_ACTION_NEXT_CASE: {
		size_t c = ua->case_idx;
		if (action == UI_ACTION_PREV_CASE)
			c -= c > 0;
		else
			c += c + 1 < ua->ncases;
		if (c == ua->case_idx)
			return MACA_OK;
		int rc = ui_answer_save(ua, st, err);
		return rc ? rc : move_case(ua, st, c, err);
	}
	default:
		return MACA_OK;
	}
	if (to == ua->cur)
		return MACA_OK;
	int rc = ui_answer_save(ua, st, err);
	if (rc)
		return rc;
	ua->cur = to;
	return load_current(ua, err);
}

static int edit_result(enum editbuf_result r, struct maca_err *err)
{
	return r == EDITBUF_ENOMEM ? err_set(err, MACA_ENOMEM, "out of memory") : MACA_OK;
}

static int edit_key(struct ui_answer *ua, int key, struct maca_err *err)
{
	if (ui_bindings_lookup(ui_edit_finish_keys, ui_edit_finish_nkeys, key) ==
	    UI_ACTION_FINISH_EDIT) {
		ua->editing = false;
		return MACA_OK;
	}
	int width = ua->text_width > 0 ? ua->text_width : 60;
	int page = ua->page_rows > 0 ? ua->page_rows : 5;
	if (ui_edit_key(ua->edit, key, width, page, true) == UI_EDIT_ENOMEM)
		return err_set(err, MACA_ENOMEM, "out of memory");
	return MACA_OK;
}

/* The value a key sets on the current question, or NULL when it sets none. */
static const char *value_for_key(const struct ui_answer *ua, int key)
{
	const struct question *q = item_question(ua, ua->cur);
	if (!q || key <= 0 || key >= 0x80 || !isalnum(key))
		return NULL;
	if (q->kind == QUESTION_GRADED) {
		const struct grade *g = template_grade_by_key(ua->tpl, key);
		return g ? g->id : NULL;
	}
	if (q->kind == QUESTION_YESNO) {
		static const char keys[] = "ynpk"; /* template_yesno_values' order */
		const char *k = strchr(keys, tolower(key));
		return k ? template_yesno_values[k - keys].id : NULL;
	}
	return NULL;
}

bool ui_answer_key(struct ui_answer *ua, int key, int *rc, struct maca_err *err)
{
	*rc = MACA_OK;
	if (!ua->open)
		return false;
	if (ua->editing) {
		*rc = edit_key(ua, key, err);
		return true;
	}
	const char *v = value_for_key(ua, key);
	if (!v)
		return false;
	char *copy = strdup(v);
	if (!copy) {
		*rc = err_set(err, MACA_ENOMEM, "out of memory");
		return true;
	}
	free(ua->value);
	ua->value = copy;
	return true;
}

int ui_answer_insert(struct ui_answer *ua, const wchar_t *s, size_t n, struct maca_err *err)
{
	if (!ua->open || !ua->editing)
		return MACA_OK;
	return edit_result(editbuf_insert_wide(ua->edit, s, n), err);
}

const char *ui_answer_value(const struct ui_answer *ua, size_t item)
{
	return item == ua->cur && ua->value ? ua->value : ua->items[item].value;
}

bool ui_answer_needs_evidence(const struct ui_answer *ua, size_t item)
{
	const struct question *q = item_question(ua, item);
	if (!q || q->kind == QUESTION_TEXT)
		return false;
	if (!template_needs_evidence(ua->tpl, q, ui_answer_value(ua, item)))
		return false;
	if (item == ua->cur && ua->edit)
		return !edit_has_text(ua->edit);
	return !has_text(ua->items[item].evidence);
}

static bool item_answered(const struct ui_answer *ua, size_t item)
{
	const struct question *q = item_question(ua, item);
	if (!q)
		return false;
	if (q->kind == QUESTION_TEXT && item == ua->cur && ua->edit)
		return editbuf_length(ua->edit) > 0;
	return *ui_answer_value(ua, item) != '\0';
}

void ui_answer_progress(const struct ui_answer *ua, size_t *answered, size_t *total,
			size_t *flagged)
{
	*answered = *total = *flagged = 0;
	for (size_t i = 0; i < ua->nitems; i++) {
		if (ua->items[i].is_prompt)
			continue;
		(*total)++;
		*answered += item_answered(ua, i);
		*flagged += ui_answer_needs_evidence(ua, i);
	}
}

void ui_answer_position(const struct ui_answer *ua, size_t *i, size_t *n)
{
	const struct ui_answer_item *cur = &ua->items[ua->cur];
	*i = *n = 0;
	for (size_t k = 0; k < ua->nitems; k++) {
		const struct ui_answer_item *it = &ua->items[k];
		if (it->section != cur->section || it->is_prompt != cur->is_prompt)
			continue;
		(*n)++;
		if (k <= ua->cur)
			*i = *n;
	}
}

const char *ui_answer_value_label(const struct ui_answer *ua, size_t item)
{
	const struct question *q = item_question(ua, item);
	const char *v = ui_answer_value(ua, item);
	if (!q || !*v)
		return "";
	if (q->kind == QUESTION_GRADED) {
		int g = template_grade_index(ua->tpl, v);
		return g >= 0 ? ua->tpl->grades[g].label : v;
	}
	if (q->kind == QUESTION_YESNO)
		for (size_t i = 0; i < 4; i++)
			if (strcmp(template_yesno_values[i].id, v) == 0)
				return template_yesno_values[i].label;
	return v;
}
