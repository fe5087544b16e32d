/* A pack as a CSV file (RFC 4180, UTF-8 with a byte order mark so that Excel opens it as
 * UTF-8, CRLF line ends): one row per answer and per section note, each carrying the audit,
 * agency, template and pack it answers, so rows may be sorted or dropped and still read. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "workbook_internal.h"

/* Every field quoted; text a spreadsheet would take for a formula gets a leading apostrophe,
 * which the CSV reader takes off again. */
static void field(struct sbuf *b, const char *s, bool last)
{
	sbuf_addc(b, '"');
	if (*s && strchr("=+-@", *s))
		sbuf_addc(b, '\'');
	for (; *s; s++) {
		if (*s == '"')
			sbuf_addc(b, '"');
		sbuf_addc(b, *s);
	}
	sbuf_add(b, last ? "\"\r\n" : "\",");
}

struct ident {
	char version[24], format[8];
};

static void row(struct sbuf *b, const struct return_doc *d, const struct ident *id,
		const char *const cols[CSV_NCOLS])
{
	const char *all[CSV_NCOLS];
	memcpy(all, cols, sizeof all);
	all[CSV_AUDIT] = d->uuid;
	all[CSV_AGENCY] = d->agency_code;
	all[CSV_TEMPLATE] = d->template_id;
	all[CSV_TEMPLATE_VERSION] = id->version;
	all[CSV_TEMPLATE_HASH] = d->template_hash;
	all[CSV_PACK_TOKEN] = sheet_pack_token(d);
	all[CSV_FORMAT] = id->format;
	for (int i = 0; i < CSV_NCOLS; i++)
		field(b, all[i] ? all[i] : "", i + 1 == CSV_NCOLS);
}

static bool section_rows(struct sbuf *b, const struct sheet_pack *pk, const struct ident *id,
			 const char *ref, size_t s)
{
	const struct return_doc *d = pk->doc;
	const struct template *tpl = d->tpl;
	const struct section *sec = &tpl->sections[s];
	for (size_t i = 0; i < sec->nquestions; i++) {
		const struct question *q = &tpl->questions[sec->first_question + i];
		const struct return_answer *a = sheet_pack_answer(pk, ref, q->id);
		char *choices = sheet_choices(tpl, q);
		if (!choices)
			return false;
		const char *cols[CSV_NCOLS] = {
		    [CSV_CASE] = ref,
		    [CSV_SECTION] = sec->title,
		    [CSV_QUESTION] = q->text,
		    [CSV_GUIDANCE] = q->guidance,
		    [CSV_CHOICES] = choices,
		    [CSV_ANSWER] = a ? template_value_label(tpl, q, a->value) : "",
		    [CSV_EVIDENCE] = a ? a->evidence : "",
		    [CSV_ITEM] = q->id,
		};
		row(b, d, id, cols);
		free(choices);
	}
	for (size_t k = 0; k < sec->nprompts; k++) {
		const struct prompt *pr = &tpl->prompts[sec->prompts[k]];
		const struct return_note *n = sheet_pack_note(pk, ref, sec->id, pr->id);
		char *question = str_fmt("Note, %s: %s", pr->label, pr->text);
		char *item = str_fmt("%s/%s", sec->id, pr->id);
		if (question && item) {
			const char *cols[CSV_NCOLS] = {
			    [CSV_CASE] = ref,
			    [CSV_SECTION] = sec->title,
			    [CSV_QUESTION] = question,
			    [CSV_CHOICES] = "any text",
			    [CSV_ANSWER] = n ? n->text : "",
			    [CSV_ITEM] = item,
			};
			row(b, d, id, cols);
		}
		free(question);
		free(item);
		if (!question || !item)
			return false;
	}
	return true;
}

int csv_write_pack(const struct sheet_pack *pk, char **out, size_t *len, struct maca_err *err)
{
	const struct return_doc *d = pk->doc;
	struct ident id;
	snprintf(id.version, sizeof id.version, "%ld", d->template_version);
	snprintf(id.format, sizeof id.format, "%d", SHEET_FORMAT_VERSION);
	struct sbuf b = {0};
	sbuf_add(&b, "\xef\xbb\xbf");
	for (int i = 0; i < CSV_NCOLS; i++)
		field(&b, csv_headers[i], i + 1 == CSV_NCOLS);
	bool ok = true;
	for (size_t c = 0; ok && c < d->ncases; c++)
		for (size_t s = 0; ok && s < d->tpl->nsections; s++)
			ok = section_rows(&b, pk, &id, d->cases[c].reference, s);
	*len = b.len;
	*out = ok ? sbuf_take(&b) : NULL;
	sbuf_free(&b);
	return *out ? MACA_OK : err_set(err, MACA_ENOMEM, "out of memory");
}
