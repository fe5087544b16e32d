/* CSV export of an audit's answers. See export_csv.h. */
#include "export_csv.h"

#include <stdlib.h>
#include <string.h>

#include "audit_scope.h"
#include "sbuf.h"

void export_csv_field(struct sbuf *b, const char *s, bool excel, bool last)
{
	s = s ? s : "";
	bool formula = excel && *s && strchr("=+-@\t\r", *s);
	if (formula || strpbrk(s, ",\"\r\n")) {
		sbuf_addc(b, '"');
		if (formula)
			sbuf_addc(b, '\'');
		for (; *s; s++) {
			if (*s == '"')
				sbuf_addc(b, '"');
			sbuf_addc(b, *s);
		}
		sbuf_addc(b, '"');
	} else {
		sbuf_add(b, s);
	}
	sbuf_add(b, last ? "\r\n" : ",");
}

static const struct agreed_row *agreed_for(const struct agreed_row *rows, size_t n,
					   const char *question)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(rows[i].question_id, question) == 0)
			return &rows[i];
	return NULL;
}

static int case_rows(struct store *st, const struct template *tpl,
		     const struct named_list *agencies, const struct case_info *c, bool excel,
		     struct sbuf *b, struct maca_err *err)
{
	struct answer_row *answers = NULL;
	struct agreed_row *agreed = NULL;
	size_t nanswers = 0, nagreed = 0;
	int rc = store_case_answers(st, c->id, &answers, &nanswers, err);
	if (!rc)
		rc = store_case_agreed(st, c->id, &agreed, &nagreed, err);
	for (size_t i = 0; !rc && i < nanswers; i++) {
		const struct answer_row *a = &answers[i];
		const struct question *q = template_question(tpl, a->question_id);
		const struct named *agency = named_find(agencies, a->agency);
		const struct agreed_row *ag = agreed_for(agreed, nagreed, a->question_id);
		export_csv_field(b, c->reference, excel, false);
		export_csv_field(b, agency ? agency->label : a->agency, excel, false);
		export_csv_field(b, q ? tpl->sections[q->section].title : "", excel, false);
		export_csv_field(b, a->question_id, excel, false);
		export_csv_field(b, q ? q->text : "", excel, false);
		export_csv_field(b, template_value_label(tpl, q, a->value), excel, false);
		export_csv_field(b, a->evidence, excel, false);
		export_csv_field(b, ag ? template_value_label(tpl, q, ag->grade) : "", excel,
				 false);
		export_csv_field(b, ag ? ag->rationale : "", excel, true);
	}
	/* What the group agreed where no agency answered (a summary of a text question, a yes
	 * or no) has a row of its own, with no agency. */
	for (size_t i = 0; !rc && i < nagreed; i++) {
		const struct agreed_row *ag = &agreed[i];
		bool answered = false;
		for (size_t k = 0; k < nanswers && !answered; k++)
			answered = strcmp(answers[k].question_id, ag->question_id) == 0;
		if (answered || (!*ag->grade && !*ag->rationale))
			continue;
		const struct question *q = template_question(tpl, ag->question_id);
		export_csv_field(b, c->reference, excel, false);
		export_csv_field(b, "", excel, false);
		export_csv_field(b, q ? tpl->sections[q->section].title : "", excel, false);
		export_csv_field(b, ag->question_id, excel, false);
		export_csv_field(b, q ? q->text : "", excel, false);
		export_csv_field(b, "", excel, false);
		export_csv_field(b, "", excel, false);
		export_csv_field(b, template_value_label(tpl, q, ag->grade), excel, false);
		export_csv_field(b, ag->rationale, excel, true);
	}
	answer_rows_free(answers, nanswers);
	agreed_rows_free(agreed, nagreed);
	return rc;
}

int export_csv(struct store *st, int64_t audit_id, bool excel, char **out, struct maca_err *err)
{
	*out = NULL;
	struct audit_scope a;
	/* Every row as of one moment, and one lock for all the reads. */
	if (store_read_begin(st, err))
		return err->status;
	int rc = audit_scope_read(st, audit_id, &a, err);
	struct sbuf b = {0};
	if (excel)
		sbuf_add(&b, "\xef\xbb\xbf");
	static const char *const header[] = {"case",	    "agency",	"section",
					     "question id", "question", "answer",
					     "evidence",    "agreed",	"rationale"};
	for (size_t i = 0; i < 9; i++)
		export_csv_field(&b, header[i], excel, i == 8);
	for (size_t c = 0; !rc && c < a.ncases; c++)
		rc = case_rows(st, a.tpl, &a.agencies, &a.cases[c], excel, &b, err);
	store_read_end(st);
	if (!rc)
		rc = err_sbuf_take(&b, out, err);
	sbuf_free(&b);
	audit_scope_free(&a);
	return rc;
}
