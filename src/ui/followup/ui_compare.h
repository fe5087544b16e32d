/* The "then and now" screen: a re-audit compared with the earlier audit it follows (grades
 * per section, recurring learning points, the earlier actions and their status): what
 * `maca compare` prints, laid out as a document (ui_doc.h: tables aligned, paragraphs
 * wrapped), scrolled line by line. */
#ifndef MACA_UI_COMPARE_H
#define MACA_UI_COMPARE_H

#include <stdint.h>

#include "store.h"
#include "ui_doc.h"
#include "ui_keys.h"

struct ui_compare {
	int64_t then_id, now_id;
	char *text;	   /* the comparison, Markdown */
	struct ui_doc doc; /* text laid out for the width of the screen */
	size_t top;	   /* first line shown */
};

/* Compares audit now_id with the audit it re-audits. MACA_EUSER, with what to do, when it
 * re-audits none. */
int ui_compare_open(struct ui_compare *uc, struct store *st, int64_t now_id, struct maca_err *err);
void ui_compare_free(struct ui_compare *uc);
void ui_compare_scroll(struct ui_compare *uc, enum ui_action action, size_t page);
/* Lays the comparison out again for a screen width columns wide (when that changed), keeping
 * the place read. */
int ui_compare_layout(struct ui_compare *uc, int width, bool ascii, struct maca_err *err);

#endif
