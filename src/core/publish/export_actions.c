/* The action tracker's list as text, Markdown and CSV. See export_actions.h. */
#include "export_actions.h"

#include <stdlib.h>
#include <string.h>

#include "disclosure_words.h"
#include "export_csv.h"
#include "md.h"
#include "sbuf.h"

static const char *const status_words[] = {"open", "not started", "in progress", "done",
					   "cannot be done"};

static void describe_statuses(struct sbuf *b, unsigned statuses)
{
	if (statuses == ACTION_STATUSES_OPEN) {
		sbuf_add(b, "; status open");
		return;
	}
	sbuf_add(b, "; status ");
	bool first = true;
	for (unsigned s = 0; s < ACTION_STATUS_COUNT; s++)
		if (statuses & ACTION_STATUS_BIT(s)) {
			sbuf_addf(b, "%s%s", first ? "" : " or ", status_words[s + 1]);
			first = false;
		}
}

char *action_filter_describe(const struct action_filter *f, const char *audit_title)
{
	struct sbuf b = {0};
	if (f->audit_id)
		sbuf_addf(&b, "audit %lld, %s", (long long)f->audit_id,
			  audit_title ? audit_title : "");
	else
		sbuf_add(&b, "all audits");
	if (f->agency && *f->agency)
		sbuf_addf(&b, "; owner %s", f->agency);
	if (f->statuses)
		describe_statuses(&b, f->statuses);
	if (f->due == ACTION_DUE_OVERDUE)
		sbuf_add(&b, "; overdue");
	else if (f->due == ACTION_DUE_WITHIN)
		sbuf_addf(&b, "; due within %d day%s", f->within_days,
			  f->within_days == 1 ? "" : "s");
	if (f->due_before)
		sbuf_addf(&b, "; due before %s", f->due_before);
	return sbuf_take(&b);
}

/* User text on one line: control characters (line breaks included) become spaces. */
static char *one_line(const char *s)
{
	char *t = strdup(s ? s : "");
	for (char *p = t; p && *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	return t;
}

/* The date part of an ISO 8601 time. */
static const char *date_of(const char *at, char buf[11])
{
	snprintf(buf, 11, "%.10s", at);
	return buf;
}

enum { COL_ID, COL_AUDIT, COL_POINT, COL_STATUS, COL_DUE, COL_OWNER, COL_WHAT, NCOLS };

static void add_padded(struct sbuf *b, const char *s, size_t width, bool last)
{
	sbuf_add(b, s);
	if (last)
		return;
	for (size_t w = utf8_length(s); w < width + 2; w++)
		sbuf_addc(b, ' ');
}

int export_actions_text(const struct action_item *items, size_t n, char **out, struct maca_err *err)
{
	*out = NULL;
	static const char *const header[NCOLS] = {"ID",	 "AUDIT", "POINT", "STATUS",
						  "DUE", "OWNER", "WHAT"};
	char *(*cells)[NCOLS] = calloc(n ? n : 1, sizeof *cells);
	char **notes = calloc(n ? n : 1, sizeof *notes);
	bool ok = cells && notes;
	size_t width[NCOLS];
	for (size_t c = 0; c < NCOLS; c++)
		width[c] = strlen(header[c]);
	for (size_t i = 0; ok && i < n; i++) {
		const struct action_item *a = &items[i];
		cells[i][COL_ID] = str_fmt("%lld", (long long)a->id);
		cells[i][COL_AUDIT] = str_fmt("%lld", (long long)a->audit_id);
		cells[i][COL_POINT] = str_fmt("%d.%d", a->point, a->position);
		cells[i][COL_STATUS] = str_dup(action_status_label(a->status));
		cells[i][COL_DUE] =
		    str_fmt("%s%s", *a->due_date ? a->due_date : "-", a->overdue ? " OVERDUE" : "");
		cells[i][COL_OWNER] = one_line(*a->owner_name ? a->owner_name : "-");
		cells[i][COL_WHAT] = one_line(a->what);
		for (size_t c = 0; c < NCOLS; c++) {
			ok = ok && cells[i][c];
			size_t w = cells[i][c] ? utf8_length(cells[i][c]) : 0;
			width[c] = w > width[c] ? w : width[c];
		}
		if (ok && *a->note) {
			char day[11], *note = one_line(a->note);
			notes[i] =
			    note ? str_fmt("    last note %s: %s", date_of(a->note_at, day), note)
				 : NULL;
			free(note);
			ok = notes[i] != NULL;
		}
	}
	struct sbuf b = {0};
	for (size_t c = 0; ok && n && c < NCOLS; c++)
		add_padded(&b, header[c], width[c], c + 1 == NCOLS);
	if (ok && n)
		sbuf_addc(&b, '\n');
	for (size_t i = 0; ok && i < n; i++) {
		for (size_t c = 0; c < NCOLS; c++)
			add_padded(&b, cells[i][c], width[c], c + 1 == NCOLS);
		sbuf_addc(&b, '\n');
		if (notes[i])
			sbuf_addf(&b, "%s\n", notes[i]);
	}
	for (size_t i = 0; cells && i < n; i++)
		for (size_t c = 0; c < NCOLS; c++)
			free(cells[i][c]);
	for (size_t i = 0; notes && i < n; i++)
		free(notes[i]);
	free(cells);
	free(notes);
	*out = ok ? sbuf_take(&b) : NULL;
	sbuf_free(&b);
	return *out ? MACA_OK : err_set(err, MACA_ENOMEM, "out of memory");
}

int export_actions_md(const struct action_item *items, size_t n, const char *filters,
		      const char *today, char **out, struct maca_err *err)
{
	struct sbuf b = {0};
	sbuf_add(&b, "# Actions\n\n");
	md_inline(&b, filters ? filters : "");
	sbuf_add(&b, ". As of ");
	md_inline(&b, today ? today : "");
	sbuf_add(&b, ".\n\n");
	if (n == 0)
		sbuf_add(&b, "No actions match.\n");
	else
		sbuf_add(&b, "| Audit | Point | Action | Owner | Due | Status | Last progress note "
			     "|\n| --- | --- | --- | --- | --- | --- | --- |\n");
	for (size_t i = 0; i < n; i++) {
		const struct action_item *a = &items[i];
		char day[11];
		sbuf_add(&b, "| ");
		md_cell(&b, a->audit_title);
		sbuf_addf(&b, " | %d.%d | ", a->point, a->position);
		md_cell(&b, a->what);
		sbuf_add(&b, " | ");
		md_cell(&b, a->owner_name);
		sbuf_add(&b, " | ");
		md_cell(&b, a->due_date);
		if (a->overdue)
			sbuf_add(&b, " **OVERDUE**");
		sbuf_addf(&b, " | %s | ", action_status_label(a->status));
		if (*a->note) {
			sbuf_addf(&b, "%s: ", date_of(a->note_at, day));
			md_cell(&b, a->note);
		}
		sbuf_add(&b, " |\n");
	}
	*out = sbuf_take(&b);
	return *out ? MACA_OK : err_set(err, MACA_ENOMEM, "out of memory");
}

int export_actions_csv(const struct action_item *items, size_t n, bool excel, char **out,
		       struct maca_err *err)
{
	struct sbuf b = {0};
	if (excel)
		sbuf_add(&b, "\xef\xbb\xbf");
	static const char *const header[] = {
	    "action id", "audit id", "audit",	     "audit status",   "learning point",
	    "action",	 "what",     "owner agency", "owner",	       "due date",
	    "overdue",	 "status",   "measure",	     "last note date", "last note"};
	size_t ncols = sizeof header / sizeof header[0];
	for (size_t c = 0; c < ncols; c++)
		export_csv_field(&b, header[c], excel, c + 1 == ncols);
	for (size_t i = 0; i < n; i++) {
		const struct action_item *a = &items[i];
		char id[24], audit[24], point[16], action[32], day[11];
		snprintf(id, sizeof id, "%lld", (long long)a->id);
		snprintf(audit, sizeof audit, "%lld", (long long)a->audit_id);
		snprintf(point, sizeof point, "%d", a->point);
		snprintf(action, sizeof action, "%d.%d", a->point, a->position);
		const char *row[] = {id,
				     audit,
				     a->audit_title,
				     audit_status_name(a->audit_status),
				     point,
				     action,
				     a->what,
				     a->owner_agency,
				     a->owner_name,
				     a->due_date,
				     a->overdue ? "yes" : "no",
				     action_status_name(a->status),
				     a->measure,
				     *a->note ? date_of(a->note_at, day) : "",
				     a->note};
		for (size_t c = 0; c < ncols; c++)
			export_csv_field(&b, row[c], excel, c + 1 == ncols);
	}
	*out = sbuf_take(&b);
	return *out ? MACA_OK : err_set(err, MACA_ENOMEM, "out of memory");
}

int export_actions_scan(struct store *st, struct disclosure_words *words,
			const struct action_item *items, size_t n, struct disclosure_list *found,
			struct maca_err *err)
{
	int rc = MACA_OK;
	for (size_t i = 0; !rc && i < n; i++) {
		const struct action_item *a = &items[i];
		const struct disclosure_vocab *vocab = NULL;
		if (disclosure_words_get(words, st, a->audit_id, &vocab, err))
			return err->status;
		const struct {
			const char *text, *name;
			enum disclosure_place place;
			int64_t id;
			const char *field;
		} fields[] = {
		    {a->audit_title, "audit title", DISCLOSURE_IN_AUDIT, a->audit_id, "title"},
		    {a->what, "action", DISCLOSURE_IN_ACTION, a->id, "what"},
		    {a->measure, "measure", DISCLOSURE_IN_ACTION, a->id, "measure"},
		    {a->note, "last progress note", DISCLOSURE_IN_ACTION, a->id, "note"}};
		for (size_t k = 0; !rc && k < sizeof fields / sizeof fields[0]; k++) {
			char *where = str_fmt("action %d.%d of audit %lld, %s", a->point,
					      a->position, (long long)a->audit_id, fields[k].name);
			if (!where)
				return err_set(err, MACA_ENOMEM, "out of memory");
			size_t before = found->n;
			rc = disclosure_scan_vocab(fields[k].text, vocab, where, found, err);
			free(where);
			disclosure_list_place(found, before, fields[k].place, fields[k].id,
					      fields[k].field);
		}
	}
	return rc;
}
