/* Reading a workbook return: the archive is checked, the workbook's sheets found through its
 * relationships, the hidden sheet says which audit and agency it answers, the lookup gives
 * that audit, and the Answers and Notes sheets are streamed row by row into the return. */
#include <stdlib.h>
#include <string.h>

#include "workbook_internal.h"

#define MAX_SHEETS 256

struct book {
	struct problems *p;
	struct xml_handlers *h;
	/* xl/workbook.xml: sheet names and their relationship ids */
	char *sheet_name[MAX_SHEETS], *sheet_rid[MAX_SHEETS];
	size_t nsheets;
	bool date1904;
	/* xl/_rels/workbook.xml.rels */
	char *rel_id[MAX_SHEETS + 8], *rel_target[MAX_SHEETS + 8];
	size_t nrels;
	char *strings_part, *styles_part;
};

static void oom(struct book *b)
{
	problems_add(b->p, "out of memory");
	b->h->stop = true;
}

static void book_start(void *ud, const char *name, const char **atts)
{
	struct book *b = ud;
	if (strcmp(name, "workbookPr") == 0) {
		const char *v = xml_attr(atts, "date1904");
		b->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
	} else if (strcmp(name, "sheet") == 0) {
		const char *n = xml_attr(atts, "name"), *id = xml_attr(atts, "id");
		if (!n || !id || b->nsheets >= MAX_SHEETS)
			return;
		size_t i = b->nsheets++;
		b->sheet_name[i] = strdup(n);
		b->sheet_rid[i] = strdup(id);
		if (!b->sheet_name[i] || !b->sheet_rid[i])
			oom(b);
	}
}

/* A relationship's target as an archive name: relative to xl/, or absolute from the root. */
static char *part_name(const char *target)
{
	return target[0] == '/' ? strdup(target + 1) : str_fmt("xl/%s", target);
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);
	return n >= m && strcmp(s + n - m, tail) == 0;
}

static void rels_start(void *ud, const char *name, const char **atts)
{
	struct book *b = ud;
	const char *id = xml_attr(atts, "Id"), *type = xml_attr(atts, "Type"),
		   *target = xml_attr(atts, "Target");
	if (strcmp(name, "Relationship") != 0 || !id || !type || !target)
		return;
	const char *mode = xml_attr(atts, "TargetMode");
	if (mode && strcmp(mode, "External") == 0)
		return; /* a link out of the file: nothing maca reads */
	if (ends_with(type, "/sharedStrings") && !b->strings_part) {
		if (!(b->strings_part = part_name(target)))
			oom(b);
	} else if (ends_with(type, "/styles") && !b->styles_part) {
		if (!(b->styles_part = part_name(target)))
			oom(b);
	} else if (ends_with(type, "/worksheet") && b->nrels < MAX_SHEETS + 8) {
		size_t i = b->nrels++;
		b->rel_id[i] = strdup(id);
		b->rel_target[i] = part_name(target);
		if (!b->rel_id[i] || !b->rel_target[i])
			oom(b);
	}
}

static void book_free(struct book *b)
{
	for (size_t i = 0; i < b->nsheets; i++) {
		free(b->sheet_name[i]);
		free(b->sheet_rid[i]);
	}
	for (size_t i = 0; i < b->nrels; i++) {
		free(b->rel_id[i]);
		free(b->rel_target[i]);
	}
	free(b->strings_part);
	free(b->styles_part);
}

/* The archive name of a sheet, or NULL when the workbook has no sheet of that name. */
static const char *sheet_part(const struct book *b, const char *name)
{
	for (size_t i = 0; i < b->nsheets; i++) {
		if (!b->sheet_name[i] || !b->sheet_rid[i] || strcmp(b->sheet_name[i], name) != 0)
			continue;
		for (size_t r = 0; r < b->nrels; r++)
			if (b->rel_id[r] && b->rel_target[r] &&
			    strcmp(b->rel_id[r], b->sheet_rid[i]) == 0)
				return b->rel_target[r];
	}
	return NULL;
}

static int read_book(struct zip_archive *za, struct book *b, struct problems *p)
{
	struct xml_handlers h = {.start = book_start, .ud = b};
	b->p = p;
	b->h = &h;
	if (!zip_archive_has(za, "xl/workbook.xml")) {
		problems_add(p, "this is not a workbook maca can read (it has no xl/workbook.xml; "
				"save it as an Excel workbook, .xlsx)");
		return -1;
	}
	if (xml_part_parse(za, "xl/workbook.xml", &h, p))
		return -1;
	struct xml_handlers hr = {.start = rels_start, .ud = b};
	b->h = &hr;
	return xml_part_parse(za, "xl/_rels/workbook.xml.rels", &hr, p);
}

/* The hidden sheet's identity of the file; NULL values after a problem. */
static bool identity(const struct xlsx_kv *kv, struct sheet_identity *id, struct problems *p)
{
	static const char *const need[] = {
	    "format",		"kind",		 "audit_uuid",	"template_id",
	    "template_version", "template_hash", "agency_code", "pack_token"};
	for (size_t i = 0; i < sizeof need / sizeof *need; i++)
		if (!xlsx_kv_get(kv, need[i])) {
			problems_add(p,
				     "sheet %s has no %s row: the workbook was changed where "
				     "it should not be; answer in the workbook maca made",
				     SHEET_HIDDEN, need[i]);
			return false;
		}
	long format = 0;
	if (!parse_long(xlsx_kv_get(kv, "format"), &format) || format < 1) {
		problems_add(p, "sheet %s: the format is not a number", SHEET_HIDDEN);
		return false;
	}
	if (format > SHEET_FORMAT_VERSION) {
		problems_add(p,
			     "the workbook is format %ld, newer than this maca reads (%d); "
			     "upgrade maca",
			     format, SHEET_FORMAT_VERSION);
		return false;
	}
	if (strcmp(xlsx_kv_get(kv, "kind"), "pack") != 0) {
		problems_add(p, "sheet %s: the kind is not pack", SHEET_HIDDEN);
		return false;
	}
	*id = (struct sheet_identity){.audit_uuid = xlsx_kv_get(kv, "audit_uuid"),
				      .agency = xlsx_kv_get(kv, "agency_code"),
				      .template_id = xlsx_kv_get(kv, "template_id"),
				      .template_hash = xlsx_kv_get(kv, "template_hash"),
				      .pack_token = xlsx_kv_get(kv, "pack_token")};
	if (!parse_long(xlsx_kv_get(kv, "template_version"), &id->template_version)) {
		problems_add(p, "sheet %s: the template version is not a number", SHEET_HIDDEN);
		return false;
	}
	return true;
}

/* Everything after the archive and its structure: identity, audit, rows. */
static void read_sheets(struct zip_archive *za, struct book *b, sheet_lookup_fn lookup, void *ctx,
			struct sheet_sink *sink, struct return_doc **doc, struct problems *p)
{
	const char *hidden = sheet_part(b, SHEET_HIDDEN), *answers = sheet_part(b, SHEET_ANSWERS),
		   *notes = sheet_part(b, SHEET_NOTES);
	if (!hidden || !answers) {
		problems_add(p,
			     "the workbook has no sheet named %s; answer in the workbook "
			     "maca exported (maca export pack AUDIT --agency A --format xlsx)",
			     hidden ? SHEET_ANSWERS : SHEET_HIDDEN);
		return;
	}
	struct xlsx_strings ss = {.date1904 = b->date1904};
	struct xlsx_kv kv = {.ss = &ss};
	struct sheet_identity id;
	struct maca_err err = {0};
	if ((b->styles_part && zip_archive_has(za, b->styles_part) &&
	     xlsx_styles_load(za, b->styles_part, &ss, p)) ||
	    (b->strings_part && zip_archive_has(za, b->strings_part) &&
	     xlsx_strings_load(za, b->strings_part, &ss, p)) ||
	    xlsx_kv_read(za, hidden, &kv, p) || !identity(&kv, &id, p)) {
		/* problems listed */
	} else if (lookup(ctx, &id, doc, &err)) {
		problems_add(p, "%s", err_msg(&err));
		err_clear(&err);
	} else if (!xlsx_count_refs(za, answers, &ss, p) &&
		   (!notes || !xlsx_count_refs(za, notes, &ss, p))) {
		struct sheet_rows rows;
		if (!sheet_rows_begin(&rows, *doc, false, p)) {
			rows.sink = sink;
			struct xlsx_table t = {.ss = &ss,
					       .rows = &rows,
					       .p = p,
					       .sheet = SHEET_ANSWERS,
					       .headers = sheet_answer_headers};
			if (!xlsx_table_read(za, answers, &t) && notes) {
				t = (struct xlsx_table){.ss = &ss,
							.rows = &rows,
							.p = p,
							.sheet = SHEET_NOTES,
							.notes = true,
							.headers = sheet_note_headers};
				xlsx_table_read(za, notes, &t);
			}
		}
		sheet_rows_end(&rows, SHEET_ANSWERS, SHEET_NOTES);
	}
	xlsx_kv_free(&kv);
	xlsx_strings_free(&ss);
}

int xlsx_read_to(const unsigned char *buf, size_t len, sheet_lookup_fn lookup, void *ctx,
		 struct sheet_sink *sink, struct return_doc **out, struct maca_err *err)
{
	*out = NULL;
	struct problems p = {0};
	struct zip_archive *za = NULL;
	struct book b = {0};
	struct return_doc *doc = NULL;
	if (len > RETURN_MAX_FILE)
		problems_add(&p, "the file is larger than any workbook maca reads");
	else if (!zip_archive_open(buf, len, &za, &p) && !read_book(za, &b, &p))
		read_sheets(za, &b, lookup, ctx, sink, &doc, &p);
	book_free(&b);
	zip_archive_close(za);
	return sheet_read_end(&p, doc, out, err);
}
