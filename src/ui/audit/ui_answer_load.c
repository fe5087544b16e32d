/* The walk read from the store: opening it for a case and an agency, reading it again when
 * another maca changed it (see ui_answer.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ui_answer_internal.h"
#include "text_rules.h"

void ui_answer_conflict_clear(struct ui_answer *ua)
{
	free(ua->conflict.now[0]);
	free(ua->conflict.now[1]);
	store_change_free(&ua->conflict.by);
	memset(&ua->conflict, 0, sizeof ua->conflict);
}

const struct question *ui_answer_question(const struct ui_answer *ua, size_t item)
{
	const struct ui_answer_item *it = &ua->items[item];
	return it->is_prompt ? NULL : &ua->tpl->questions[it->index];
}

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
	ui_answer_conflict_clear(ua);
	current_free(ua);
	items_free(ua);
	template_free(ua->tpl);
	case_info_list_free(ua->cases, ua->ncases);
	free(ua->agency);
	free(ua->agency_name);
	memset(ua, 0, sizeof *ua);
}

/* Sets up the value and the editor for the current item from what was saved. */
int ui_answer_load_current(struct ui_answer *ua, struct maca_err *err)
{
	current_free(ua);
	const struct ui_answer_item *it = &ua->items[ua->cur];
	const struct question *q = ui_answer_question(ua, ua->cur);
	bool text_q = q && q->kind == QUESTION_TEXT;
	ua->value = strdup(it->value);
	/* The store's limit for long text, so the editor refuses what the store would. */
	ua->edit = editbuf_new(text_q ? it->value : it->evidence, text_rules[TEXT_LONG].max_chars,
			       EDITBUF_MULTI_LINE);
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
	if (store_case_agency_answers(st, case_id, ua->agency, &answers, &nanswers, err))
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
int ui_answer_load_items(struct ui_answer *ua, struct store *st, struct maca_err *err)
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
	return ui_answer_load_current(ua, err);
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
		rc = ui_answer_load_items(ua, st, err);
	}
	if (rc)
		ui_answer_free(ua);
	else
		ua->open = true;
	return rc;
}

/* Whether the current item holds what was not saved yet. */
bool ui_answer_unsaved(const struct ui_answer *ua)
{
	const struct question *q = ui_answer_question(ua, ua->cur);
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
					  "case %s was removed, perhaps by another maca; nothing "
					  "more can be saved for it",
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
	bool keep = ua->editing || ui_answer_unsaved(ua);
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
	rc = ui_answer_load_current(ua, err);
	ua->editor_top = top;
	ua->guidance = guidance;
	return rc;
}
