/* Markdown tables laid out as aligned columns (ui_doc_table.c), for ui_doc.c. */
#ifndef MACA_UI_DOC_TABLE_H
#define MACA_UI_DOC_TABLE_H

#include <cmark-gfm.h>

#include "ui_doc_lines.h"

void doc_table(struct doc_layout *l, cmark_node *node);

#endif
