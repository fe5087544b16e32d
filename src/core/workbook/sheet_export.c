/* Exporting a pack as a workbook or CSV file: the agency's share of the audit collected as for
 * a maca pack, checked to fit a spreadsheet's cells, written beside its destination and moved
 * into place whole. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "export_file.h"
#include "workbook_internal.h"

/* Every text goes into one cell: none may be longer than a cell holds. */
static int check_fits(const struct return_doc *d, struct maca_err *err)
{
	for (size_t i = 0; i < d->nanswers; i++) {
		const struct return_answer *a = &d->answers[i];
		size_t n = utf8_length(a->evidence), v = utf8_length(a->value);
		if (n > SHEET_CELL_MAX || v > SHEET_CELL_MAX)
			return err_set(
			    err, MACA_EUSER,
			    "case '%s', question %s: the %s is %zu characters, more than "
			    "a spreadsheet cell holds (%d); send agency %s a maca pack, or "
			    "shorten it first",
			    a->case_ref, a->question_id, n > v ? "evidence" : "answer",
			    n > v ? n : v, SHEET_CELL_MAX, d->agency_code);
	}
	for (size_t i = 0; i < d->nnotes; i++) {
		const struct return_note *o = &d->notes[i];
		size_t n = utf8_length(o->text);
		if (n > SHEET_CELL_MAX)
			return err_set(
			    err, MACA_EUSER,
			    "case '%s', note %s/%s: the note is %zu characters, more than "
			    "a spreadsheet cell holds (%d); send agency %s a maca pack, or "
			    "shorten it first",
			    o->case_ref, o->section_id, o->prompt_id, n, SHEET_CELL_MAX,
			    d->agency_code);
	}
	return MACA_OK;
}

static int write_file(const struct sheet_pack *pk, enum sheet_format format, const char *path,
		      bool overwrite, struct maca_err *err)
{
	if (format == SHEET_CSV) {
		char *data = NULL;
		size_t len = 0;
		int rc = csv_write_pack(pk, &data, &len, err);
		if (!rc)
			rc = export_file_write(path, data, len, overwrite, err);
		free(data);
		return rc;
	}
	/* libxlsxwriter writes to a name: a private temporary file beside the destination. */
	char *tmp = NULL;
	int fd;
	if (export_file_temp(path, ".xlsx", &tmp, &fd, err))
		return err->status;
	close(fd);
	int rc = xlsx_write_pack(pk, tmp, err);
	if (rc)
		unlink(tmp);
	else
		rc = export_file_place(tmp, path, overwrite, err);
	free(tmp);
	return rc;
}

int sheet_export_pack(struct store *st, int64_t audit_id, const char *agency,
		      enum sheet_format format, const char *created_by, const char *maca_version,
		      const char *path, bool overwrite, struct maca_err *err)
{
	if (format == SHEET_MACA)
		return err_set(err, MACA_EUSER, "a maca pack is written by return_serialize");
	struct return_doc *doc = NULL;
	struct audit_info info = {0};
	struct named_list agencies = {0};
	struct sheet_pack pk = {0};
	int rc = MACA_OK;
	if (return_collect(st, audit_id, agency, RETURN_PACK, created_by, maca_version, &doc,
			   err) ||
	    store_audit_get(st, audit_id, &info, err) ||
	    store_audit_agencies(st, audit_id, &agencies, err) || check_fits(doc, err))
		rc = err->status;
	if (!rc) {
		const struct named *chair = named_find(&agencies, info.chair_agency);
		pk = (struct sheet_pack){
		    .doc = doc, .audit = &info, .chair = chair ? chair->label : ""};
		pk.answers = malloc((doc->nanswers ? doc->nanswers : 1) * sizeof *pk.answers);
		pk.notes = malloc((doc->nnotes ? doc->nnotes : 1) * sizeof *pk.notes);
		if (!pk.answers || !pk.notes)
			rc = err_set(err, MACA_ENOMEM, "out of memory");
	}
	if (!rc) {
		sheet_pack_sort(&pk);
		rc = write_file(&pk, format, path, overwrite, err);
	}
	free(pk.answers);
	free(pk.notes);
	named_list_free(&agencies);
	audit_info_free(&info);
	return_doc_free(doc);
	return rc;
}
