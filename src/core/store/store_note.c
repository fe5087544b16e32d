/* Section notes: an agency's prose for one case, section and prompt, with the history every
 * change leaves. */
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "store_internal.h"

int store_note_get(struct store *st, int64_t case_id, const char *agency, const char *section_id,
		   const char *prompt_id, char **text, struct maca_err *err)
{
	*text = NULL;
	sqlite3_stmt *stmt;
	bool found;
	if (store_row(st,
		      "SELECT n.text FROM section_note n JOIN agency g ON g.id = n.agency_id WHERE "
		      "n.case_id = ? AND g.code = ? AND n.section_id = ? AND n.prompt_id = ?",
		      SQL_ARGS(SQL_INT(case_id), SQL_TEXT(agency), SQL_TEXT(section_id),
			       SQL_TEXT(prompt_id)),
		      &stmt, &found, "reading the note", err))
		return err->status;
	*text = found ? store_column_dup(stmt, 0) : strdup("");
	store_done(st, stmt);
	return *text ? MACA_OK : err_set(err, MACA_ENOMEM, "out of memory");
}

int store_note_put(struct store *st, int64_t case_id, const char *agency, const char *section_id,
		   const char *prompt_id, const char *text, const char *author, const char *at,
		   struct maca_err *err)
{
	if (store_begin(st, err))
		return err->status;
	struct case_target t;
	char *old = NULL, *now = at ? NULL : store_now();
	char *item = str_fmt("%s/%s", section_id, prompt_id);
	int rc = (at || now) && item ? store_case_target(st, case_id, agency, false, &t, err)
				     : err_set(err, MACA_ENOMEM, "out of memory");
	if (!rc)
		rc = store_note_get(st, case_id, agency, section_id, prompt_id, &old, err);
	if (!rc && !str_same(old, text)) {
		rc = store_run(
		    st,
		    "INSERT INTO section_note (case_id, agency_id, section_id, prompt_id, "
		    "text, author, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON "
		    "CONFLICT (case_id, agency_id, section_id, prompt_id) DO UPDATE SET "
		    "text = ?5, author = ?6, updated_at = ?7",
		    SQL_ARGS(SQL_INT(case_id), SQL_INT(t.agency_id), SQL_TEXT(section_id),
			     SQL_TEXT(prompt_id), SQL_TEXT(text),
			     SQL_TEXT(author ? author : st->author), SQL_TEXT(at ? at : now)),
		    "saving the note", err);
		if (!rc)
			rc = store_history_add(st, t.audit_id, case_id, agency, item, "note",
					       *old ? old : NULL, text, NULL, err);
	}
	free(item);
	free(now);
	free(old);
	return store_end(st, rc, err);
}

/* Checks a note against the case's audit (open) and its template's sections and prompts. */
static int note_check(struct store *st, int64_t case_id, const char *agency, const char *section_id,
		      const char *prompt_id, const char *text, struct case_target *t,
		      struct maca_err *err)
{
	if (!agency || !*agency)
		return err_set(err, MACA_EUSER, "a section note needs the agency that writes it");
	if (store_case_target(st, case_id, agency, true, t, err))
		return err->status;
	const struct section *sec = template_section(t->tpl, section_id);
	if (!sec)
		return err_set(err, MACA_EUSER, "template %s has no section '%s'", t->tpl->id,
			       section_id);
	bool known = false;
	for (size_t i = 0; i < sec->nprompts; i++)
		if (strcmp(t->tpl->prompts[sec->prompts[i]].id, prompt_id) == 0)
			known = true;
	if (!known)
		return err_set(err, MACA_EUSER, "section %s has no prompt '%s'", section_id,
			       prompt_id);
	if (store_check_utf8("note", STORE_TEXTS(text), err) ||
	    store_check_long_text("note", text, err))
		return err->status;
	return MACA_OK;
}

int store_note_save_if(struct store *st, int64_t case_id, const char *agency,
		       const char *section_id, const char *prompt_id, const char *text,
		       const char *expected, char **now, struct store_change *by,
		       struct maca_err *err)
{
	if (store_begin(st, err))
		return err->status;
	struct case_target t;
	char *held = NULL, *item = NULL;
	int rc = note_check(st, case_id, agency, section_id, prompt_id, text, &t, err);
	if (!rc && expected)
		rc = store_note_get(st, case_id, agency, section_id, prompt_id, &held, err);
	struct conflicts c = {0};
	if (!rc)
		store_conflict_check(&c, "note", expected, held, text);
	if (!rc && c.n) {
		rc = (item = str_fmt("%s/%s", section_id, prompt_id))
			 ? store_conflict(st,
					  (struct history_key){.audit_id = t.audit_id,
							       .case_id = case_id,
							       .agency = agency,
							       .item = item},
					  &c, "the section note", by, err)
			 : err_set(err, MACA_ENOMEM, "out of memory");
		if (now) {
			*now = held;
			held = NULL;
		}
	}
	free(held);
	free(item);
	if (!rc)
		rc = store_note_put(st, case_id, agency, section_id, prompt_id, text, NULL, NULL,
				    err);
	return store_end(st, rc, err);
}

int store_note_save(struct store *st, int64_t case_id, const char *agency, const char *section_id,
		    const char *prompt_id, const char *text, struct maca_err *err)
{
	return store_note_save_if(st, case_id, agency, section_id, prompt_id, text, NULL, NULL,
				  NULL, err);
}

static const struct row_text note_texts[] = {
    {0, offsetof(struct note_row, agency)},
    {2, offsetof(struct note_row, section_id)},
    {3, offsetof(struct note_row, prompt_id)},
    {4, offsetof(struct note_row, text)},
};

static bool read_note(sqlite3_stmt *stmt, void *p, struct row_key *key, const void *ctx)
{
	const struct template *tpl = ctx;
	struct note_row *r = p;
	key->k[0] = sqlite3_column_int64(stmt, 1);
	const struct section *sec = template_section(tpl, r->section_id);
	key->k[1] = sec ? (int64_t)(sec - tpl->sections) : (int64_t)tpl->nsections;
	size_t prompt = sec ? sec->nprompts : 0;
	for (size_t i = 0; sec && i < sec->nprompts; i++)
		if (strcmp(tpl->prompts[sec->prompts[i]].id, r->prompt_id) == 0) {
			prompt = i;
			break;
		}
	key->k[2] = (int64_t)prompt;
	return true;
}

#define NOTE_SQL                                                                                   \
	"SELECT g.code, g.position, n.section_id, n.prompt_id, n.text FROM section_note n JOIN "   \
	"agency g ON g.id = n.agency_id WHERE n.case_id = ?" /* put in order by key */

static const struct row_kind note_kind = {"reading the case's section notes",
					  NOTE_SQL,
					  sizeof(struct note_row),
					  ROW_TEXTS(note_texts),
					  read_note,
					  NULL};

int store_case_notes(struct store *st, int64_t case_id, struct note_row **out, size_t *n,
		     struct maca_err *err)
{
	return store_case_rows(st, &note_kind, case_id, out, n, err);
}

void note_rows_free(struct note_row *rows, size_t n)
{
	store_rows_free(&note_kind, rows, n);
}
