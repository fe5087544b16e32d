/* The cases of an audit: a list to add to, edit and remove from through the case form. */
#ifndef MACA_UI_CASES_H
#define MACA_UI_CASES_H

#include <stdint.h>

#include "store.h"
#include "ui_find.h"
#include "ui_keys.h"

struct ui_cases {
	int64_t audit_id;
	struct template *tpl; /* for the labels of age bands, plan statuses and tags */
	struct case_info *cases;
	size_t ncases;
	size_t selected;
};

int ui_cases_load(struct ui_cases *uc, struct store *st, int64_t audit_id, struct maca_err *err);
void ui_cases_free(struct ui_cases *uc);
void ui_cases_move(struct ui_cases *uc, enum ui_action action);
/* Selects the case with this id if it is listed. */
void ui_cases_select(struct ui_cases *uc, int64_t case_id);
/* A list of an audit's n cases, selection at *selected, as find sees it (ui_find.h): a
 * reference typed whole (any case) is that case; else a case matches by its reference. */
struct ui_list ui_cases_list(const struct case_info *cases, size_t n, size_t *selected);
/* The label of an id in a template list, or the id itself when the list lacks it. */
const char *ui_label(const struct named_list *list, const char *id);

#endif
