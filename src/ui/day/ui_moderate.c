/* Moderation's state: the case, section and question in focus and what was read for them
 * (opening, loading a case and a question as the view first shows them, reading again what
 * another maca changed), and where the chair is (written on each move, followed by the
 * room). What the screen shows is built in ui_moderate_reading.c, the moves are
 * ui_moderate_keys.c's and agreeing is ui_moderate_save.c's. */
#include "ui_moderate.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "text_rules.h"

/* What is read of the audit and the current case is replaced a kind at a time, each in one
 * place that frees what it held: opening, moving, reloading and following the chair all
 * read into the same fields. */
static void take_cases(struct ui_moderate *um, struct case_info *cases, size_t n, size_t at)
{
	case_info_list_free(um->cases, um->ncases);
	um->cases = cases;
	um->ncases = n;
	um->case_idx = at;
}

/* The answers to the template's questions [first, first + count). */
static void take_answers(struct ui_moderate *um, struct answer_row *rows, size_t n, size_t first,
			 size_t count)
{
	answer_rows_free(um->answers, um->nanswers);
	um->answers = rows;
	um->nanswers = n;
	um->answers_first = first;
	um->answers_count = count;
}

/* The agreed answers of section `section` (SIZE_MAX: none read). */
static void take_agreed(struct ui_moderate *um, struct agreed_row *rows, size_t n, size_t section)
{
	agreed_rows_free(um->agreed, um->nagreed);
	um->agreed = rows;
	um->nagreed = n;
	um->agreed_section = section;
}

static void take_notes(struct ui_moderate *um, struct note_row *rows, size_t n)
{
	note_rows_free(um->notes, um->nnotes);
	um->notes = rows;
	um->nnotes = n;
}

static void text_free(struct ui_moderate *um)
{
	editbuf_free(um->text);
	free(um->text_base);
	um->text = NULL;
	um->text_base = NULL;
}

static void case_data_free(struct ui_moderate *um)
{
	take_answers(um, NULL, 0, 0, 0);
	take_agreed(um, NULL, 0, SIZE_MAX);
	take_notes(um, NULL, 0);
	text_free(um);
	ui_moderate_drop_pending(um);
	um->editing = false;
}

void ui_moderate_conflict_clear(struct ui_moderate *um)
{
	struct ui_moderate_conflict *c = &um->conflict;
	free(c->now[0]);
	free(c->now[1]);
	free(c->mine);
	free(c->reason);
	store_change_free(&c->by);
	memset(c, 0, sizeof *c);
}

void ui_moderate_free(struct ui_moderate *um)
{
	ui_moderate_conflict_clear(um);
	case_data_free(um);
	template_free(um->tpl);
	named_list_free(&um->agencies);
	take_cases(um, NULL, 0, 0);
	memset(um, 0, sizeof *um);
}

size_t ui_moderate_qindex(const struct ui_moderate *um)
{
	return um->tpl->sections[um->section].first_question + um->question;
}

const struct question *ui_moderate_current(const struct ui_moderate *um)
{
	return &um->tpl->questions[ui_moderate_qindex(um)];
}

const struct answer_row *ui_moderate_answer(const struct ui_moderate *um, const char *agency,
					    const char *question_id)
{
	return array_find2(um->answers, um->nanswers, sizeof *um->answers,
			   offsetof(struct answer_row, agency), agency,
			   offsetof(struct answer_row, question_id), question_id);
}

const struct agreed_row *ui_moderate_agreed(const struct ui_moderate *um, const char *question_id)
{
	for (size_t i = 0; i < um->nagreed; i++)
		if (strcmp(um->agreed[i].question_id, question_id) == 0)
			return &um->agreed[i];
	return NULL;
}

bool ui_moderate_is_agreed(const struct ui_moderate *um, const char *question_id)
{
	const struct agreed_row *a = ui_moderate_agreed(um, question_id);
	return a && *a->grade;
}

bool ui_moderate_changed_since(const struct ui_moderate *um, const struct answer_row *a)
{
	const struct case_info *c = &um->cases[um->case_idx];
	/* Both are ISO 8601 UTC written the same way: they compare as text. */
	return a && c->moderated && *c->moderated_at && strcmp(a->updated_at, c->moderated_at) > 0;
}

size_t ui_moderate_section_agreed(const struct ui_moderate *um, size_t section, size_t *total)
{
	const struct section *sec = &um->tpl->sections[section];
	size_t done = 0;
	for (size_t q = 0; q < sec->nquestions; q++)
		done += ui_moderate_is_agreed(um, um->tpl->questions[sec->first_question + q].id);
	*total = sec->nquestions;
	return done;
}

/* The editor follows the current question: its rationale, or a text question's summary;
 * what it was read as is what its save expects to find. */
int ui_moderate_load_text(struct ui_moderate *um, struct maca_err *err)
{
	text_free(um);
	const struct question *q = ui_moderate_current(um);
	const struct agreed_row *a = ui_moderate_agreed(um, q->id);
	const char *text = !a ? "" : q->kind == QUESTION_TEXT ? a->grade : a->rationale;
	um->text = editbuf_new(text, text_rules[TEXT_LONG].max_chars, EDITBUF_MULTI_LINE);
	um->text_base = str_dup(text);
	um->editing = false;
	um->text_top = 0;
	return um->text && um->text_base ? MACA_OK : err_set(err, MACA_ENOMEM, "out of memory");
}

void ui_moderate_drop_pending(struct ui_moderate *um)
{
	free(um->pending);
	um->pending = NULL;
}

/* The template's questions whose answers the view shows: the current question's, or in the
 * grid every question of its section. */
static void answers_shown(const struct ui_moderate *um, size_t *first, size_t *count)
{
	const struct section *sec = &um->tpl->sections[um->section];
	if (um->view == UI_MODERATE_GRID) {
		*first = sec->first_question;
		*count = sec->nquestions;
	} else {
		*first = ui_moderate_qindex(um);
		*count = 1;
	}
}

/* Every agency's answers to the template's questions [first, first + count) of case case_id,
 * a question at a time (each read by its key). */
static int read_answers(const struct ui_moderate *um, struct store *st, int64_t case_id,
			size_t first, size_t count, struct answer_row **out, size_t *n,
			struct maca_err *err)
{
	*out = NULL;
	*n = 0;
	int rc = MACA_OK;
	for (size_t q = first; !rc && q < first + count; q++) {
		struct answer_row *rows;
		size_t k;
		rc = store_question_answers(st, case_id, um->tpl->questions[q].id, &rows, &k, err);
		if (rc || k == 0)
			continue;
		if (*n == 0) {
			*out = rows;
			*n = k;
			continue;
		}
		struct answer_row *all = realloc(*out, (*n + k) * sizeof *all);
		if (!all) {
			answer_rows_free(rows, k);
			rc = err_set(err, MACA_ENOMEM, "out of memory");
			continue;
		}
		memcpy(all + *n, rows, k * sizeof *all);
		free(rows);
		*out = all;
		*n += k;
	}
	if (rc) {
		answer_rows_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

/* The answers the view shows are read when it first shows them, not the whole case's: a
 * case's evidence was most of what moving to it read. Those already read (the grid's section
 * holds the question's) are kept. */
static int load_answers(struct ui_moderate *um, struct store *st, struct maca_err *err)
{
	size_t first, count;
	answers_shown(um, &first, &count);
	if (um->answers_count && first >= um->answers_first &&
	    first + count <= um->answers_first + um->answers_count)
		return MACA_OK;
	struct answer_row *rows;
	size_t n;
	if (read_answers(um, st, um->cases[um->case_idx].id, first, count, &rows, &n, err))
		return err->status;
	take_answers(um, rows, n, first, count);
	return MACA_OK;
}

/* The agreed answers of a section's questions of case case_id, a row for each (empty where
 * none is agreed, which reads as none does). */
static int read_agreed(const struct ui_moderate *um, struct store *st, int64_t case_id,
		       size_t section, struct agreed_row **out, size_t *n, struct maca_err *err)
{
	const struct section *sec = &um->tpl->sections[section];
	*n = 0;
	*out = calloc(sec->nquestions ? sec->nquestions : 1, sizeof **out);
	if (!*out)
		return err_set(err, MACA_ENOMEM, "out of memory");
	int rc = MACA_OK;
	for (size_t q = 0; !rc && q < sec->nquestions; q++) {
		struct agreed_row *r = &(*out)[(*n)++];
		const char *id = um->tpl->questions[sec->first_question + q].id;
		rc = store_agreed_get(st, case_id, id, &r->grade, &r->rationale, err);
		if (!rc && !(r->question_id = str_dup(id)))
			rc = err_set(err, MACA_ENOMEM, "out of memory");
	}
	if (rc) {
		agreed_rows_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int ui_moderate_load_agreed(struct ui_moderate *um, struct store *st, struct maca_err *err)
{
	struct agreed_row *rows;
	size_t n;
	if (read_agreed(um, st, um->cases[um->case_idx].id, um->section, &rows, &n, err))
		return err->status;
	take_agreed(um, rows, n, um->section);
	return MACA_OK;
}

int ui_moderate_show(struct ui_moderate *um, struct store *st, enum ui_moderate_view view,
		     struct maca_err *err)
{
	enum ui_moderate_view was = um->view;
	um->view = view;
	if (load_answers(um, st, err)) {
		um->view = was;
		return err->status;
	}
	return MACA_OK;
}

/* What the view shows that is not read yet: the case's notes (`notes`), the answers, the
 * section's agreed answers. Several reads are one snapshot, which also spares each statement
 * a read transaction of its own. */
static int read_shown(struct ui_moderate *um, struct store *st, bool notes, struct maca_err *err)
{
	bool agreed = um->agreed_section != um->section;
	bool snapshot = notes || agreed;
	if (snapshot && store_read_begin(st, err))
		return err->status;
	int rc =
	    notes ? store_case_notes(st, um->cases[um->case_idx].id, &um->notes, &um->nnotes, err)
		  : MACA_OK;
	if (!rc)
		rc = load_answers(um, st, err);
	if (!rc && agreed)
		rc = ui_moderate_load_agreed(um, st, err);
	if (snapshot)
		store_read_end(st);
	return rc;
}

/* A new question is read from its top, with no agency in focus. */
int ui_moderate_question_changed(struct ui_moderate *um, struct store *st, struct maca_err *err)
{
	um->read_top = um->evidence_top = 0;
	um->to_agency = false;
	ui_moderate_drop_pending(um);
	if (um->view == UI_MODERATE_EVIDENCE)
		um->view = UI_MODERATE_QUESTION;
	if (read_shown(um, st, false, err))
		return err->status;
	return ui_moderate_load_text(um, err);
}

/* Reads the current case's notes, and the answers and agreed answers shown; a new case is
 * read with no agency in focus. */
int ui_moderate_load_case(struct ui_moderate *um, struct store *st, struct maca_err *err)
{
	case_data_free(um);
	um->agency = SIZE_MAX;
	if (read_shown(um, st, true, err))
		return err->status;
	return ui_moderate_question_changed(um, st, err);
}

/* The section and question a template's question id is at; false when it has none. */
static bool find_question(const struct template *tpl, const char *id, size_t *section,
			  size_t *question)
{
	const struct question *q = id && *id ? template_question(tpl, id) : NULL;
	if (!q)
		return false;
	*section = q->section;
	*question = (size_t)(q - tpl->questions) - tpl->sections[q->section].first_question;
	return true;
}

int ui_moderate_open(struct ui_moderate *um, struct store *st, int64_t audit_id, size_t case_idx,
		     size_t section, struct maca_err *err)
{
	ui_moderate_free(um);
	um->audit_id = audit_id;
	um->agency = SIZE_MAX;
	struct audit_info info;
	struct chair_place place = {0};
	bool placed = false;
	int rc = store_audit_get(st, audit_id, &info, err);
	if (!rc) {
		um->status = info.status;
		audit_info_free(&info);
		rc = store_audit_template(st, audit_id, &um->tpl, err);
	}
	if (!rc)
		rc = store_audit_agencies(st, audit_id, &um->agencies, err);
	if (!rc)
		rc = store_case_list(st, audit_id, &um->cases, &um->ncases, err);
	if (!rc && um->ncases == 0)
		rc = err_set(err, MACA_EUSER, "the audit has no cases to moderate yet");
	if (!rc && um->tpl->nsections == 0)
		rc = err_set(err, MACA_EUSER, "the audit's template has no questions");
	if (!rc)
		rc = store_chair_place_get(st, audit_id, &place, &placed, err);
	if (!rc) {
		um->case_idx = case_idx < um->ncases ? case_idx : 0;
		um->section = section < um->tpl->nsections ? section : 0;
		um->show_summary = placed && place.show_summary;
		/* Back where the chair was: the same question when it is the same case and
		 * section as asked for. */
		size_t s, q;
		if (placed && place.case_id == um->cases[um->case_idx].id &&
		    find_question(um->tpl, place.question_id, &s, &q) && s == um->section)
			um->question = q;
		rc = ui_moderate_load_case(um, st, err);
	}
	chair_place_free(&place);
	if (rc)
		ui_moderate_free(um);
	return rc;
}

int ui_moderate_reload(struct ui_moderate *um, struct store *st, struct maca_err *err)
{
	if (!um->tpl || um->ncases == 0)
		return MACA_OK;
	struct audit_info info;
	if (store_audit_get(st, um->audit_id, &info, err))
		return err->status;
	enum audit_status status = info.status;
	audit_info_free(&info);
	struct named_list agencies = {0};
	struct case_info *cases = NULL;
	size_t ncases = 0, at = SIZE_MAX;
	int rc = store_audit_agencies(st, um->audit_id, &agencies, err);
	if (!rc)
		rc = store_case_list(st, um->audit_id, &cases, &ncases, err);
	for (size_t i = 0; !rc && i < ncases; i++)
		if (cases[i].id == um->cases[um->case_idx].id)
			at = i;
	struct answer_row *answers = NULL;
	struct agreed_row *agreed = NULL;
	struct note_row *notes = NULL;
	size_t nanswers = 0, nagreed = 0, nnotes = 0;
	if (!rc && at == SIZE_MAX)
		rc = err_set(err, MACA_ENOTFOUND,
			     "case %s was removed, perhaps by another maca; nothing more can be "
			     "saved for it",
			     um->cases[um->case_idx].reference);
	size_t first, count;
	answers_shown(um, &first, &count);
	if (!rc)
		rc = read_answers(um, st, cases[at].id, first, count, &answers, &nanswers, err);
	if (!rc)
		rc = store_case_notes(st, cases[at].id, &notes, &nnotes, err);
	if (!rc)
		rc = read_agreed(um, st, cases[at].id, um->section, &agreed, &nagreed, err);
	if (rc) {
		answer_rows_free(answers, nanswers);
		agreed_rows_free(agreed, nagreed);
		note_rows_free(notes, nnotes);
		case_info_list_free(cases, ncases);
		named_list_free(&agencies);
		return rc;
	}
	/* The agency in focus stays the same one, if it still takes part. */
	const char *focus = um->agency < um->agencies.n ? um->agencies.items[um->agency].id : NULL;
	const struct named *still = focus ? named_find(&agencies, focus) : NULL;
	um->agency = still ? (size_t)(still - agencies.items) : SIZE_MAX;
	named_list_free(&um->agencies);
	um->agencies = agencies;
	take_cases(um, cases, ncases, at);
	take_answers(um, answers, nanswers, first, count);
	take_notes(um, notes, nnotes);
	take_agreed(um, agreed, nagreed, um->section);
	um->status = status;
	if (um->agency == SIZE_MAX && um->view == UI_MODERATE_EVIDENCE)
		um->view = UI_MODERATE_QUESTION;
	/* Text being typed stays as typed; otherwise it shows what is saved now. */
	if (um->editing || editbuf_changed(um->text) || um->pending)
		return MACA_OK;
	size_t top = um->text_top;
	rc = ui_moderate_load_text(um, err);
	um->text_top = top;
	return rc;
}

int ui_moderate_follow(struct ui_moderate *um, struct store *st, struct maca_err *err)
{
	struct chair_place place;
	bool placed;
	struct case_info *cases = NULL;
	size_t ncases = 0;
	if (store_chair_place_get(st, um->audit_id, &place, &placed, err))
		return err->status;
	if (store_case_list(st, um->audit_id, &cases, &ncases, err) ||
	    (!ncases && err_set(err, MACA_EUSER, "the audit has no cases to moderate yet"))) {
		chair_place_free(&place);
		return err->status;
	}
	/* A case removed under the room, or no place yet: the first case. */
	size_t at = 0, s = um->section, q = um->question;
	for (size_t i = 0; i < ncases; i++)
		if (cases[i].id == place.case_id)
			at = i;
	if (placed && !find_question(um->tpl, place.question_id, &s, &q))
		s = q = 0;
	um->show_summary = placed && place.show_summary;
	chair_place_free(&place);
	bool same_case = cases[at].id == um->cases[um->case_idx].id;
	bool moved = !same_case || s != um->section || q != um->question;
	take_cases(um, cases, ncases, at);
	um->section = s;
	um->question = q;
	if (!same_case)
		return ui_moderate_load_case(um, st, err);
	/* The same case: what the agencies and the chair changed in it shows. */
	if (ui_moderate_reload(um, st, err))
		return err->status;
	return moved ? ui_moderate_question_changed(um, st, err) : MACA_OK;
}

int ui_moderate_remember(const struct ui_moderate *um, struct store *st, struct maca_err *err)
{
	const struct chair_place place = {.case_id = um->cases[um->case_idx].id,
					  .section_id = um->tpl->sections[um->section].id,
					  .question_id = ui_moderate_current(um)->id,
					  .show_summary = um->show_summary};
	return store_chair_place_set(st, um->audit_id, &place, err);
}
