/* ui_form_fields.c, for ui_form.c (opening a form on a record) and ui_form_save.c (a save
 * refused because the record changed): each record kind's row as the form's fields, named as
 * its form names them. One mapping a kind, so a new field is named once for both. */
#ifndef MACA_UI_FORM_INTERNAL_H
#define MACA_UI_FORM_INTERNAL_H

#include "ui_form.h"

/* Set the row's fields in rec (lists as their ids joined with commas); false when out of
 * memory. */
bool ui_form_case_fields(struct record *rec, const struct case_info *c);
bool ui_form_good_practice_fields(struct record *rec, const struct good_practice_row *g);
bool ui_form_point_fields(struct record *rec, const struct learning_point_row *lp);
bool ui_form_action_fields(struct record *rec, const struct action_row *a);

#endif
