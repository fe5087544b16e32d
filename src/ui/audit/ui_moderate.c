#include "ui_moderate.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ui_editkeys.h"
#include "ui_view.h"
#include "text_rules.h"
#include "ui_value_keys.h"

static void case_data_free(struct ui_moderate *um)
{
	answer_rows_free(um->answers, um->nanswers);
	agreed_rows_free(um->agreed, um->nagreed);
	editbuf_free(um->rationale);
	free(um->rationale_base);
	um->answers = NULL;
	um->agreed = NULL;
	um->rationale = NULL;
	um->rationale_base = NULL;
	um->nanswers = um->nagreed = 0;
	um->editing = false;
	free(um->pending_value);
	um->pending_value = NULL;
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
	case_info_list_free(um->cases, um->ncases);
	memset(um, 0, sizeof *um);
}

size_t ui_moderate_qindex(const struct ui_moderate *um)
{
	return um->tpl->sections[um->section].first_question + um->question;
}

const struct answer_row *ui_moderate_answer(const struct ui_moderate *um, const char *agency,
					    const char *question_id)
{
	for (size_t i = 0; i < um->nanswers; i++)
		if (strcmp(um->answers[i].agency, agency) == 0 &&
		    strcmp(um->answers[i].question_id, question_id) == 0)
			return &um->answers[i];
	return NULL;
}

const struct agreed_row *ui_moderate_agreed(const struct ui_moderate *um, const char *question_id)
{
	for (size_t i = 0; i < um->nagreed; i++)
		if (strcmp(um->agreed[i].question_id, question_id) == 0)
			return &um->agreed[i];
	return NULL;
}

/* Reads the current case's answers and agreed grades, and the current rationale. */
int ui_moderate_load_case(struct ui_moderate *um, struct store *st, struct maca_err *err)
{
	case_data_free(um);
	if (um->ncases == 0)
		return MACA_OK;
	int64_t case_id = um->cases[um->case_idx].id;
	if (store_case_answers(st, case_id, &um->answers, &um->nanswers, err) ||
	    store_case_agreed(st, case_id, &um->agreed, &um->nagreed, err))
		return err->status;
	return ui_moderate_load_rationale(um, err);
}

/* The rationale editor follows the current question; what it was read as is what its save
 * expects to find. */
int ui_moderate_load_rationale(struct ui_moderate *um, struct maca_err *err)
{
	editbuf_free(um->rationale);
	free(um->rationale_base);
	const struct agreed_row *a =
	    ui_moderate_agreed(um, um->tpl->questions[ui_moderate_qindex(um)].id);
	um->rationale =
	    editbuf_new(a ? a->rationale : "", text_rules[TEXT_LONG].max_chars, EDITBUF_MULTI_LINE);
	um->rationale_base = strdup(a ? a->rationale : "");
	um->editing = false;
	um->rationale_top = 0;
	return um->rationale && um->rationale_base ? MACA_OK
						   : err_set(err, MACA_ENOMEM, "out of memory");
}

int ui_moderate_open(struct ui_moderate *um, struct store *st, int64_t audit_id, size_t case_idx,
		     size_t section, struct maca_err *err)
{
	ui_moderate_free(um);
	um->audit_id = audit_id;
	struct audit_info info;
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
	if (!rc) {
		um->case_idx = case_idx < um->ncases ? case_idx : 0;
		um->section = section < um->tpl->nsections ? section : 0;
		rc = ui_moderate_load_case(um, st, err);
	}
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
	struct case_info *cases;
	size_t ncases, at = SIZE_MAX;
	if (store_case_list(st, um->audit_id, &cases, &ncases, err))
		return err->status;
	for (size_t i = 0; i < ncases; i++)
		if (cases[i].id == um->cases[um->case_idx].id)
			at = i;
	struct answer_row *answers = NULL;
	struct agreed_row *agreed = NULL;
	size_t nanswers = 0, nagreed = 0;
	int rc = at == SIZE_MAX ? err_set(err, MACA_ENOTFOUND,
					  "case %s was removed, perhaps by another maca; nothing "
					  "more can be saved for it",
					  um->cases[um->case_idx].reference)
				: MACA_OK;
	if (!rc)
		rc = store_case_answers(st, cases[at].id, &answers, &nanswers, err);
	if (!rc)
		rc = store_case_agreed(st, cases[at].id, &agreed, &nagreed, err);
	if (rc) {
		answer_rows_free(answers, nanswers);
		agreed_rows_free(agreed, nagreed);
		case_info_list_free(cases, ncases);
		return rc;
	}
	case_info_list_free(um->cases, um->ncases);
	answer_rows_free(um->answers, um->nanswers);
	agreed_rows_free(um->agreed, um->nagreed);
	um->cases = cases;
	um->ncases = ncases;
	um->case_idx = at;
	um->answers = answers;
	um->nanswers = nanswers;
	um->agreed = agreed;
	um->nagreed = nagreed;
	um->status = status;
	/* A rationale being typed stays as typed; otherwise it shows what is saved now. */
	if (um->editing || editbuf_changed(um->rationale))
		return MACA_OK;
	size_t top = um->rationale_top;
	rc = ui_moderate_load_rationale(um, err);
	um->rationale_top = top;
	return rc;
}
