/* A pack as its writers read it (workbook_internal.h): its answers and notes sorted, and looked
 * up by case and question or section prompt. */
#include <stdlib.h>
#include <string.h>

#include "workbook_internal.h"

const struct return_answer *sheet_pack_answer(const struct sheet_pack *pk, const char *ref,
					      const char *question)
{
	struct return_answer key = {.case_ref = (char *)ref, .question_id = (char *)question};
	const struct return_answer *kp = &key;
	const struct return_answer **hit =
	    bsearch(&kp, pk->answers, pk->doc->nanswers, sizeof kp, return_answer_ptr_cmp);
	return hit ? *hit : NULL;
}

const struct return_note *sheet_pack_note(const struct sheet_pack *pk, const char *ref,
					  const char *section, const char *prompt)
{
	struct return_note key = {
	    .case_ref = (char *)ref, .section_id = (char *)section, .prompt_id = (char *)prompt};
	const struct return_note *kp = &key;
	const struct return_note **hit =
	    bsearch(&kp, pk->notes, pk->doc->nnotes, sizeof kp, return_note_ptr_cmp);
	return hit ? *hit : NULL;
}

void sheet_pack_sort(struct sheet_pack *pk)
{
	const struct return_doc *doc = pk->doc;
	for (size_t i = 0; i < doc->nanswers; i++)
		pk->answers[i] = &doc->answers[i];
	qsort(pk->answers, doc->nanswers, sizeof *pk->answers, return_answer_ptr_cmp);
	for (size_t i = 0; i < doc->nnotes; i++)
		pk->notes[i] = &doc->notes[i];
	qsort(pk->notes, doc->nnotes, sizeof *pk->notes, return_note_ptr_cmp);
}
