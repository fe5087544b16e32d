/* Import from the interface (see ui_import.h). */
#include "ui_import.h"

#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "ui_lines.h"
#include "ui_view.h"
#include "workbook.h"

void ui_import_free(struct ui_import *im)
{
	free(im->path);
	return_input_free(&im->in);
	return_doc_free(im->doc);
	return_plan_free(&im->plan);
	free(im->summary);
	free(im->lines);
	memset(im, 0, sizeof *im);
}

/* Text from the file on one line of the screen: control characters become '?'. */
static void add_safe(struct sbuf *b, const char *s)
{
	for (; *s; s++)
		sbuf_addc(b, (unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s);
}

static void summarise_changes(struct sbuf *b, const struct return_plan *plan)
{
	sbuf_addf(b, "\n%zu answer%s or note%s held now would change:\n", plan->nchanges,
		  plan->nchanges == 1 ? "" : "s", plan->nchanges == 1 ? "" : "s");
	for (size_t i = 0; i < plan->nchanges; i++) {
		const struct return_change *c = &plan->changes[i];
		sbuf_add(b, "  ");
		add_safe(b, c->case_ref);
		if (c->note) {
			sbuf_addf(b, ", note %s: text changed\n", c->item);
			continue;
		}
		sbuf_addf(b, ", %s: ", c->item);
		add_safe(b, *c->old_value ? c->old_value : "(none)");
		sbuf_add(b, " -> ");
		add_safe(b, *c->new_value ? c->new_value : "(none)");
		sbuf_add(b, c->evidence_changed ? ", evidence changed\n" : "\n");
	}
}

/* The answers that need evidence and have none: said, as the answer screen marks them. */
static void summarise_unevidenced(struct sbuf *b, const struct return_plan *plan)
{
	size_t n = plan->nunevidenced;
	sbuf_addf(b, "\n%zu answer%s %s at a grade that needs evidence and %s none:\n", n,
		  n == 1 ? "" : "s", n == 1 ? "is" : "are", n == 1 ? "has" : "have");
	for (size_t i = 0; i < n && i < RETURN_UNEVIDENCED_NAMED; i++) {
		const struct return_unevidenced *u = &plan->unevidenced[i];
		sbuf_add(b, "  ");
		add_safe(b, u->case_ref);
		sbuf_addf(b, ", %s: ", u->question_id);
		add_safe(b, u->grade);
		sbuf_addc(b, '\n');
	}
	if (n > RETURN_UNEVIDENCED_NAMED)
		sbuf_addf(b, "  and %zu more\n", n - RETURN_UNEVIDENCED_NAMED);
}

/* Takes the summary's text and cuts it into lines for drawing. */
static int set_summary(struct ui_import *im, char *text, struct maca_err *err)
{
	free(im->summary);
	free(im->lines);
	im->summary = NULL;
	im->lines = NULL;
	im->nlines = 0;
	if (!text)
		return err_set(err, MACA_ENOMEM, "out of memory");
	int rc = ui_lines_split(text, true, &im->summary, &im->lines, &im->nlines, err);
	free(text);
	return rc;
}

int ui_import_refuse(struct ui_import *im, const char *msg, struct maca_err *err)
{
	im->top = 0;
	im->refused = true;
	struct sbuf b = {0};
	sbuf_add(&b, "Nothing can be imported from ");
	add_safe(&b, im->path ? im->path : "the file");
	sbuf_add(&b, ":\n\n");
	for (const char *p = msg; *p; p++) {
		if (*p == '\n')
			sbuf_addc(&b, '\n');
		else
			sbuf_addc(&b, (unsigned char)*p < 0x20 || *p == 0x7f ? '?' : *p);
	}
	return set_summary(im, sbuf_take(&b), err);
}

/* Plans the file held against the store as it is now, and writes the summary. */
static int plan(struct ui_import *im, struct store *st, struct maca_err *err)
{
	const struct return_doc *d = im->doc;
	struct return_plan fresh = {0};
	if (d->kind == RETURN_RETURN && return_plan_make(st, d, &fresh, err))
		return err->status;
	/* A pack whose audit is here already is refused now, not after the summary. */
	if (d->kind == RETURN_PACK) {
		int rc = return_plan_make(st, d, &fresh, err);
		if (rc != MACA_ENOTFOUND) {
			return_plan_free(&fresh);
			return rc ? rc : err_set(err, MACA_EEXIST, "the audit is already here");
		}
		err_clear(err);
	}
	return_plan_free(&im->plan);
	im->plan = fresh;
	struct sbuf b = {0};
	sbuf_addf(&b, "%s for agency %s (", d->kind == RETURN_PACK ? "Pack" : "Return",
		  d->agency_code);
	add_safe(&b, d->agency_name);
	sbuf_add(&b, ")\nAudit: ");
	add_safe(&b, d->title);
	sbuf_addf(&b, "\nTemplate: %s version %ld\n", d->template_id, d->template_version);
	sbuf_addf(&b, "The file: %zu case%s, %zu answer%s, %zu section note%s\n", d->ncases,
		  d->ncases == 1 ? "" : "s", d->nanswers, d->nanswers == 1 ? "" : "s", d->nnotes,
		  d->nnotes == 1 ? "" : "s");
	if (d->kind == RETURN_PACK) {
		sbuf_add(&b, "\nImporting creates this audit here, for this agency to answer.\n");
	} else {
		sbuf_addf(&b, "\nInto audit %lld: %zu to add, %zu unchanged, %zu to change.\n",
			  (long long)im->plan.audit_id, im->plan.nadd, im->plan.nsame,
			  im->plan.nchanges);
		if (im->plan.nchanges)
			summarise_changes(&b, &im->plan);
		if (im->plan.nunevidenced)
			summarise_unevidenced(&b, &im->plan);
	}
	return set_summary(im, sbuf_take(&b), err);
}

/* Opens the plain file (a maca file, or a workbook or CSV return read against the audit it
 * answers), then plans it. */
static int prepare(struct ui_import *im, struct store *st, struct maca_err *err)
{
	int rc = sheet_open_input(st, &im->in, &im->doc, err);
	/* What the document did not take (a workbook's bytes) is not kept beside it. */
	return_input_free(&im->in);
	return rc ? rc : plan(im, st, err);
}

int ui_import_reload(struct ui_import *im, struct store *st, struct maca_err *err)
{
	if (!im->doc || im->refused)
		return MACA_OK;
	size_t top = im->top;
	int rc = plan(im, st, err);
	if (rc && rc != MACA_ENOMEM) {
		/* Now it cannot be imported (the pack's audit arrived meanwhile): say why. */
		struct maca_err why = {0};
		rc = ui_import_refuse(im, err_msg(err), &why);
		err_clear(err);
		if (rc)
			*err = why;
		return rc;
	}
	im->top = top < im->nlines ? top : 0;
	return rc;
}

int ui_import_read(struct ui_import *im, struct store *st, const char *path, bool *sealed,
		   struct maca_err *err)
{
	ui_import_free(im);
	*sealed = false;
	im->path = strdup(path);
	if (!im->path)
		return err_set(err, MACA_ENOMEM, "out of memory");
	if (return_input_open(path, &im->in, err))
		return err->status;
	memcpy(im->checksum, im->in.checksum, sizeof im->checksum);
	if (im->in.sealed) {
		*sealed = true;
		return MACA_OK;
	}
	return prepare(im, st, err);
}

int ui_import_unlock(struct ui_import *im, struct store *st, const char *pass, size_t passlen,
		     struct maca_err *err)
{
	if (!im->in.sealed)
		return err_set(err, MACA_EUSER, "no encrypted file is waiting for its passphrase");
	if (return_input_unseal(&im->in, pass, passlen, err))
		return err->status;
	return prepare(im, st, err);
}

bool ui_import_changes(const struct ui_import *im)
{
	return !im->refused && im->doc && im->doc->kind == RETURN_RETURN && im->plan.nchanges > 0;
}

int ui_import_apply(struct ui_import *im, struct store *st, char **done, struct maca_err *err)
{
	*done = NULL;
	if (!im->doc || im->refused)
		return err_set(err, MACA_EUSER, "nothing can be imported from this file");
	const struct return_doc *d = im->doc;
	if (d->kind == RETURN_PACK) {
		int64_t id;
		if (return_import_pack(st, d, im->checksum, &id, err))
			return err->status;
		*done = str_fmt("Imported the pack for %s as audit %lld", d->agency_code,
				(long long)id);
	} else {
		/* The changes listed were confirmed: they replace what is held. */
		if (return_apply(st, d, &im->plan, true, im->checksum, err))
			return err->status;
		size_t n = im->plan.nunevidenced;
		if (n)
			*done = str_fmt("Imported the return from %s: %zu added, %zu changed; %zu "
					"answer%s need%s evidence and ha%s none",
					d->agency_code, im->plan.nadd, im->plan.nchanges, n,
					n == 1 ? "" : "s", n == 1 ? "s" : "", n == 1 ? "s" : "ve");
		else
			*done = str_fmt("Imported the return from %s: %zu added, %zu changed",
					d->agency_code, im->plan.nadd, im->plan.nchanges);
	}
	return *done ? MACA_OK : err_set(err, MACA_ENOMEM, "out of memory");
}

void ui_import_scroll(struct ui_import *im, enum ui_action action, size_t page)
{
	/* The last page stays full: the summary never scrolls out of sight. */
	ui_view_scroll(&im->top, action, im->nlines > page ? im->nlines - page : 0, page);
}
