/* Learning points: numbered, each with a title, text, and links to the cases, agencies and
 * template sections it draws on; read with their actions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "store_internal.h"

/* Reading */

static const struct row_text point_texts[] = {
    {2, offsetof(struct learning_point_row, title)},
    {3, offsetof(struct learning_point_row, text)},
};

static bool read_point(sqlite3_stmt *stmt, void *p, struct row_key *key, const void *ctx)
{
	(void)ctx;
	struct learning_point_row *r = p;
	store_read_numbered(stmt, &r->id, &r->number, key);
	return true;
}

/* What a point holds besides its texts: its links and its actions. */
static void point_links_actions_free(void *p);

#define POINT_COLUMNS "id, number, title, text"

#define POINT_SQL                                                                                  \
	"SELECT " POINT_COLUMNS " FROM learning_point WHERE audit_id = ? ORDER BY number, id"

static const struct row_kind point_kind = {
    "reading learning points", POINT_SQL,  sizeof(struct learning_point_row),
    ROW_TEXTS(point_texts),    read_point, point_links_actions_free};

/* A point's links, each a list in the row: its name in the history's summary line, the query
 * that reads it (column 0 the id, column 1 the label when labelled), and the statements that
 * clear it and link one item (?1 the point, ?2 its audit, ?3 the item's id). */
static const struct {
	const char *name;
	size_t offset; /* of the named_list in struct learning_point_row */
	bool labelled;
	const char *read, *clear, *link;
} links[] = {
    {"cases", offsetof(struct learning_point_row, cases), false,
     "SELECT c.reference FROM learning_point_case l JOIN audit_case c ON c.id = l.case_id WHERE "
     "l.learning_point_id = ? ORDER BY c.position",
     "DELETE FROM learning_point_case WHERE learning_point_id = ?",
     "INSERT OR IGNORE INTO learning_point_case (learning_point_id, case_id) SELECT ?1, id FROM "
     "audit_case WHERE audit_id = ?2 AND reference = ?3"},
    {"agencies", offsetof(struct learning_point_row, agencies), true,
     "SELECT g.code, g.name FROM learning_point_agency l JOIN agency g ON g.id = l.agency_id "
     "WHERE l.learning_point_id = ? ORDER BY g.position",
     "DELETE FROM learning_point_agency WHERE learning_point_id = ?",
     "INSERT OR IGNORE INTO learning_point_agency (learning_point_id, agency_id) SELECT ?1, id "
     "FROM agency WHERE audit_id = ?2 AND code = ?3"},
    {"sections", offsetof(struct learning_point_row, sections), false,
     "SELECT section_id FROM learning_point_section WHERE learning_point_id = ? ORDER BY "
     "section_id",
     "DELETE FROM learning_point_section WHERE learning_point_id = ?",
     "INSERT OR IGNORE INTO learning_point_section (learning_point_id, section_id) VALUES (?1, "
     "?3)"},
};
#define NLINKS (sizeof links / sizeof links[0])

static struct named_list *link_list(struct learning_point_row *row, size_t k)
{
	return (struct named_list *)((char *)row + links[k].offset);
}

static size_t section_index(const struct template *tpl, const char *id)
{
	const struct section *sec = template_section(tpl, id);
	return sec ? (size_t)(sec - tpl->sections) : tpl->nsections;
}

/* Reads a learning point's linked cases, agencies and sections into the row's lists. */
static int read_links(struct store *st, const struct template *tpl, struct learning_point_row *row,
		      struct maca_err *err)
{
	for (size_t k = 0; k < NLINKS; k++)
		if (store_named_read(st, links[k].read, row->id, links[k].labelled,
				     link_list(row, k), "reading a learning point's links", err))
			return err->status;
	/* Template order, and each section's title as its label. */
	struct named_list *s = &row->sections;
	for (size_t i = 1; i < s->n; i++)
		for (size_t j = i; j > 0 && section_index(tpl, s->items[j - 1].id) >
						section_index(tpl, s->items[j].id);
		     j--) {
			struct named t = s->items[j];
			s->items[j] = s->items[j - 1];
			s->items[j - 1] = t;
		}
	for (size_t i = 0; i < s->n; i++) {
		const struct section *sec = template_section(tpl, s->items[i].id);
		char *title = sec ? strdup(sec->title) : NULL;
		if (sec && !title)
			return err_set(err, MACA_ENOMEM, "out of memory");
		if (title) {
			free(s->items[i].label);
			s->items[i].label = title;
		}
	}
	return MACA_OK;
}

int store_learning_points(struct store *st, int64_t audit_id, struct learning_point_row **out,
			  size_t *n, struct maca_err *err)
{
	*out = NULL;
	*n = 0;
	const struct template *tpl;
	struct learning_point_row *rows;
	size_t count;
	if (store_cached_template(st, audit_id, &tpl, err) ||
	    store_list(st, &point_kind, audit_id, NULL, &rows, &count, err))
		return err->status;
	int rc = MACA_OK;
	for (size_t i = 0; !rc && i < count; i++) {
		rc = read_links(st, tpl, &rows[i], err);
		if (!rc)
			rc = store_point_actions(st, &rows[i], err);
	}
	if (rc) {
		learning_point_rows_free(rows, count);
		return rc;
	}
	*out = rows;
	*n = count;
	return MACA_OK;
}

static void links_free(struct learning_point_row *row)
{
	for (size_t k = 0; k < NLINKS; k++)
		named_list_free(link_list(row, k));
}

static void point_links_actions_free(void *p)
{
	struct learning_point_row *r = p;
	links_free(r);
	for (size_t i = 0; i < r->nactions; i++)
		action_row_free(&r->actions[i]);
	free(r->actions);
}

void learning_point_row_free(struct learning_point_row *r)
{
	store_row_free(&point_kind, r);
}

void learning_point_rows_free(struct learning_point_row *rows, size_t n)
{
	store_rows_free(&point_kind, rows, n);
}

/* Writing */

/* Read for a change and moved as every numbered list is (store_audit.c). */
static const struct numbering point_numbering = {
    .kind = &point_kind,
    .table = "learning_point",
    .number = "number",
    .parent = "audit_id",
    .columns = POINT_COLUMNS,
    .noun = "learning point",
    .plural = "learning points",
    .opening = "reading the learning point",
    .counting = "counting learning points",
    .moving = "renumbering learning points",
    .deleting = "deleting the learning point",
    .renumbering = "renumbering learning points",
    .moved_field = "learning-point-number",
    .moved_item = "title", /* which point moved; its number is what changed */
};

/* Refuses links to cases, agencies or sections the audit does not have. */
static int check_links(struct store *st, int64_t audit_id, const struct template *tpl,
		       const struct learning_point_fields *lp, struct maca_err *err)
{
	for (size_t i = 0; lp->cases && i < lp->cases->n; i++) {
		int64_t one;
		bool found;
		if (store_int(st, "SELECT 1 FROM audit_case WHERE audit_id = ? AND reference = ?",
			      SQL_ARGS(SQL_INT(audit_id), SQL_TEXT(lp->cases->items[i].id)), &one,
			      &found, "reading cases", err))
			return err->status;
		if (!found)
			return err_set(err, MACA_EUSER, "the audit has no case \"%s\"",
				       lp->cases->items[i].id);
	}
	for (size_t i = 0; lp->agencies && i < lp->agencies->n; i++) {
		int64_t agency_id;
		if (store_agency_id(st, audit_id, lp->agencies->items[i].id, &agency_id, err))
			return err->status;
	}
	for (size_t i = 0; lp->sections && i < lp->sections->n; i++)
		if (!template_section(tpl, lp->sections->items[i].id))
			return err_set(err, MACA_EUSER, "template %s has no section '%s'", tpl->id,
				       lp->sections->items[i].id);
	return MACA_OK;
}

/* Replaces a point's links with lp's (checked already). */
static int replace_links(struct store *st, int64_t lp_id, int64_t audit_id,
			 const struct learning_point_fields *lp, struct maca_err *err)
{
	const struct named_list *lists[] = {lp->cases, lp->agencies, lp->sections};
	for (size_t k = 0; k < NLINKS; k++) {
		if (store_run(st, links[k].clear, SQL_ARGS(SQL_INT(lp_id)),
			      "unlinking the learning point", err))
			return err->status;
		for (size_t i = 0; lists[k] && i < lists[k]->n; i++)
			if (store_run(st, links[k].link,
				      SQL_ARGS(SQL_INT(lp_id), SQL_INT(audit_id),
					       SQL_TEXT(lists[k]->items[i].id)),
				      "linking the learning point", err))
				return err->status;
	}
	return MACA_OK;
}

int store_learning_point_add(struct store *st, int64_t audit_id,
			     const struct learning_point_fields *lp, int64_t *id, int *number,
			     struct maca_err *err)
{
	if ((!lp->title || !*lp->title) && (!lp->text || !*lp->text))
		return err_set(err, MACA_EUSER, "a learning point needs its text or a title");
	if (store_begin(st, err))
		return err->status;
	/* The links are checked inside the transaction: a case removed by another maca just
	 * before would otherwise be silently left unlinked. */
	const struct template *tpl = NULL;
	int rc = store_require_open(st, audit_id, err);
	if (!rc)
		rc = store_cached_template(st, audit_id, &tpl, err);
	if (!rc)
		rc = check_links(st, audit_id, tpl, lp, err);
	sqlite3_stmt *stmt;
	bool found = false;
	if (!rc)
		rc = store_row(
		    st,
		    "INSERT INTO learning_point (audit_id, number, title, text, extra) "
		    "VALUES (?1, (SELECT coalesce(max(number), 0) + 1 FROM learning_point "
		    "WHERE audit_id = ?1), ?2, ?3, ?4) RETURNING id, number",
		    SQL_ARGS(SQL_INT(audit_id), SQL_TEXT_OR_EMPTY(lp->title),
			     SQL_TEXT_OR_EMPTY(lp->text),
			     SQL_TEXT(lp->extra_json ? lp->extra_json : "{}")),
		    &stmt, &found, "adding the learning point", err);
	if (!rc && found) {
		*id = sqlite3_column_int64(stmt, 0);
		if (number)
			*number = sqlite3_column_int(stmt, 1);
		if (sqlite3_step(stmt) != SQLITE_DONE)
			rc = store_db_error(st, err, "adding the learning point");
		store_done(st, stmt);
	} else if (!rc) {
		rc = store_db_error(st, err, "adding the learning point");
	}
	if (!rc)
		rc = replace_links(st, *id, audit_id, lp, err);
	if (!rc)
		rc = store_history_add(st, audit_id, 0, NULL, NULL, "learning-point", NULL,
				       lp->title && *lp->title ? lp->title : lp->text, NULL, err);
	return store_end(st, rc, err);
}

int store_learning_point_move(struct store *st, int64_t lp_id, int number, struct maca_err *err)
{
	return store_numbered_move(st, &point_numbering, lp_id, number, err);
}

int store_learning_point_delete(struct store *st, int64_t lp_id, struct maca_err *err)
{
	int64_t audit_id = 0;
	if (store_begin(st, err))
		return err->status;
	struct learning_point_row old = {.id = lp_id};
	int rc = store_numbered_open(st, &point_numbering, lp_id, &old, &audit_id, err);
	if (!rc)
		rc = store_numbered_delete(st, &point_numbering, lp_id, audit_id, old.number, err);
	if (!rc)
		rc = store_history_add(st, audit_id, 0, NULL, NULL, "learning-point", old.title,
				       NULL, NULL, err);
	learning_point_row_free(&old);
	return store_end(st, rc, err);
}

/* The links as one line for the history: "cases: Child A; agencies: csc; sections: voice". */
static char *links_summary(struct learning_point_row *row)
{
	struct sbuf b = {0};
	for (size_t k = 0; k < NLINKS; k++) {
		const struct named_list *list = link_list(row, k);
		sbuf_addf(&b, "%s%s:", k ? "; " : "", links[k].name);
		for (size_t i = 0; i < list->n; i++)
			sbuf_addf(&b, "%s %s", i ? "," : "", list->items[i].id);
	}
	return sbuf_take(&b);
}

/* Reads the point's links now and returns them as a summary line, keeping them in row when
 * keep (else freeing them). */
static int summarise_links(struct store *st, const struct template *tpl,
			   struct learning_point_row *row, bool keep, char **out,
			   struct maca_err *err)
{
	*out = NULL;
	int rc = read_links(st, tpl, row, err);
	if (!rc && !(*out = links_summary(row)))
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	if (rc || !keep)
		links_free(row);
	return rc;
}

/* A point's links in one line, each list sorted: what the check for conflicts compares. NULL
 * on allocation failure. */
static char *links_key(const struct named_list *cases, const struct named_list *agencies,
		       const struct named_list *sections)
{
	char *c = store_ids_text(cases), *a = store_ids_text(agencies),
	     *s = store_ids_text(sections);
	char *key = c && a && s ? str_fmt("%s;%s;%s", c, a, s) : NULL;
	free(c);
	free(a);
	free(s);
	return key;
}

/* Which of the point's title, text and links as held (old) are no longer what the screen read
 * (expected), links compared in any order. */
static int point_conflicts(const struct learning_point_row *old,
			   const struct learning_point_row *expected,
			   const struct learning_point_fields *lp, struct conflicts *out,
			   struct maca_err *err)
{
	store_conflict_check(out, "learning-point", expected->title, old->title, lp->title);
	store_conflict_check(out, "learning-point-text", expected->text, old->text, lp->text);
	char *e = links_key(&expected->cases, &expected->agencies, &expected->sections);
	char *h = links_key(&old->cases, &old->agencies, &old->sections);
	char *w = links_key(lp->cases, lp->agencies, lp->sections);
	int rc = e && h && w ? MACA_OK : err_set(err, MACA_ENOMEM, "out of memory");
	if (!rc)
		store_conflict_check(out, "learning-point-links", e, h, w);
	free(e);
	free(h);
	free(w);
	return rc;
}

int store_learning_point_update_if(struct store *st, int64_t lp_id,
				   const struct learning_point_fields *lp,
				   const struct learning_point_row *expected,
				   struct learning_point_row *now, struct store_change *by,
				   struct maca_err *err)
{
	if ((!lp->title || !*lp->title) && (!lp->text || !*lp->text))
		return err_set(err, MACA_EUSER, "a learning point needs its text or a title");
	if (store_check_utf8("learning point", STORE_TEXTS(lp->title, lp->text), err))
		return err->status;
	int rc = store_begin(st, err);
	if (rc)
		return rc;
	struct learning_point_row old = {.id = lp_id};
	int64_t audit_id = 0;
	const struct template *tpl = NULL;
	char *old_links = NULL, *new_links = NULL, item[16];
	struct conflicts conflicts = {0};
	rc = store_numbered_open(st, &point_numbering, lp_id, &old, &audit_id, err);
	if (!rc)
		rc = store_cached_template(st, audit_id, &tpl, err);
	if (!rc)
		rc = check_links(st, audit_id, tpl, lp, err);
	if (!rc)
		rc = summarise_links(st, tpl, &old, true, &old_links, err);
	if (!rc && expected)
		rc = point_conflicts(&old, expected, lp, &conflicts, err);
	snprintf(item, sizeof item, "%d", old.number);
	if (!rc && conflicts.n) {
		rc = store_conflict(st, (struct history_key){.audit_id = audit_id, .item = item},
				    &conflicts, "the learning point", by, err);
		if (now) {
			*now = old;
			old = (struct learning_point_row){0};
		}
	}
	links_free(&old);
	if (!rc)
		rc = store_run(st,
			       "UPDATE learning_point SET title = ?, text = ?, extra = coalesce(?, "
			       "extra) WHERE id = ?",
			       SQL_ARGS(SQL_TEXT_OR_EMPTY(lp->title), SQL_TEXT_OR_EMPTY(lp->text),
					SQL_TEXT(lp->extra_json), SQL_INT(lp_id)),
			       "saving the learning point", err);
	if (!rc)
		rc = replace_links(st, lp_id, audit_id, lp, err);
	if (!rc)
		rc = summarise_links(st, tpl, &old, false, &new_links, err);
	if (!rc && !str_same(old.title, lp->title))
		rc = store_history_add(st, audit_id, 0, NULL, item, "learning-point", old.title,
				       lp->title ? lp->title : "", NULL, err);
	if (!rc && !str_same(old.text, lp->text))
		rc = store_history_add(st, audit_id, 0, NULL, item, "learning-point-text", old.text,
				       lp->text ? lp->text : "", NULL, err);
	if (!rc && !str_same(old_links, new_links))
		rc = store_history_add(st, audit_id, 0, NULL, item, "learning-point-links",
				       old_links, new_links, NULL, err);
	free(old_links);
	free(new_links);
	learning_point_row_free(&old);
	return store_end(st, rc, err);
}

int store_learning_point_update(struct store *st, int64_t lp_id,
				const struct learning_point_fields *lp, struct maca_err *err)
{
	return store_learning_point_update_if(st, lp_id, lp, NULL, NULL, NULL, err);
}
