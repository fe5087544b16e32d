#include "ui_value_keys.h"

#include <ctype.h>
#include <string.h>

/* The yes-no keys, in template_yesno_values' order. */
static const char yesno_keys[] = "ynpk";

bool ui_value_key_class(int key)
{
	return key > 0 && key < 0x80 && isalnum(key) && !template_key_reserved(key);
}

const char *ui_value_for_key(const struct template *tpl, enum question_kind kind, int key)
{
	if (!ui_value_key_class(key))
		return NULL;
	if (kind == QUESTION_GRADED) {
		const struct grade *g = template_grade_by_key(tpl, key);
		return g ? g->id : NULL;
	}
	if (kind == QUESTION_YESNO) {
		const char *k = strchr(yesno_keys, tolower(key));
		return k ? template_yesno_values[k - yesno_keys].id : NULL;
	}
	return NULL;
}

size_t ui_value_bindings(const struct template *tpl, enum question_kind kind, const char *word,
			 struct ui_binding *out)
{
	size_t n = 0;
	if (kind == QUESTION_GRADED)
		for (size_t g = 0; g < tpl->ngrades && n < UI_VALUE_KEYS_MAX; g++) {
			if (!ui_value_key_class(tpl->grades[g].key))
				continue; /* reserved: chosen from the list */
			out[n++] =
			    (struct ui_binding){tolower((unsigned char)tpl->grades[g].key),
						UI_ACTION_SET_VALUE, word, tpl->grades[g].label};
		}
	else if (kind == QUESTION_YESNO)
		for (size_t i = 0; i < 4; i++)
			out[n++] = (struct ui_binding){yesno_keys[i], UI_ACTION_SET_VALUE, word,
						       template_yesno_values[i].label};
	return n;
}
