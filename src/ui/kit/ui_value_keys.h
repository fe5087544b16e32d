/* How grades are entered: the one mechanism of the screens where values are set (answering,
 * moderation). On those screens every ASCII letter and digit except the reserved ones
 * (TEMPLATE_RESERVED_KEYS: q quits, u undoes, h shows the history) is a value key, and no
 * letter or digit moves: movement is the arrows, PgUp, PgDn, Home, End and punctuation. So on
 * any screen a key either sets a value or does something that changes no data, never both,
 * whatever letters a template gives its grades (the shipped o g r i n, a RAG scale's r a g k,
 * digits for a 1 to 4 scale). A grade whose key is reserved (in a template stored before that
 * rule) is still chosen from the list Enter opens. */
#ifndef MACA_UI_VALUE_KEYS_H
#define MACA_UI_VALUE_KEYS_H

#include <stdbool.h>
#include <stddef.h>

#include "template.h"
#include "ui_keys.h"

/* At most this many value keys on one question (36 letters and digits, in either case). */
#define UI_VALUE_KEYS_MAX 64

/* Whether a value screen takes the key as a value key: an ASCII letter or digit that is not
 * reserved. Such a key never moves there. */
bool ui_value_key_class(int key);
/* The value a key sets on a question of this kind (either case): a grade's id on a graded
 * question, a yes-no value (y n p k) on a yes-no one; NULL when it sets none. */
const char *ui_value_for_key(const struct template *tpl, enum question_kind kind, int key);
/* The value keys of a question of this kind as bindings (UI_ACTION_SET_VALUE, footer `word`,
 * help the value's label, owned by tpl or static), in scale order; returns how many (at most
 * UI_VALUE_KEYS_MAX). None for a text question. */
size_t ui_value_bindings(const struct template *tpl, enum question_kind kind, const char *word,
			 struct ui_binding *out);

#endif
