/* The warning while typing: after each change to the text of a field that a published
 * document can carry, the disclosure check reads that field (its audit's words left out, as
 * the briefing leaves them out) and the status line says what the text nearest the cursor
 * looks like, before anything is exported; the warning goes when the text no longer matches,
 * and what was accepted for publishing in that record's field does not warn.
 * The field is read whole: linear, and a 10 KB field costs well under a frame (maca-bench
 * measures it), so no paragraph bookkeeping is needed. */
#include <stdlib.h>
#include <string.h>

#include "ui_shell_internal.h"

/* FNV-1a over the characters: whether the text changed since the last check. */
static uint64_t text_hash(const wchar_t *w, size_t n)
{
	uint64_t h = 14695981039346656037u;
	for (size_t i = 0; i < n; i++) {
		h ^= (uint64_t)(uint32_t)w[i];
		h *= 1099511628211u;
	}
	return h ^ n;
}

/* Bytes of the UTF-8 form of the first n characters: where the cursor is in the text the
 * check reads. */
static size_t utf8_offset(const wchar_t *w, size_t n)
{
	size_t bytes = 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t c = (uint32_t)w[i];
		bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
	}
	return bytes;
}

/* Takes the warning off the status line if it is still the one shown. */
static void clear_warning(struct ui *ui)
{
	struct ui_typing *t = &ui->typing;
	if (t->shown && ui->status && strcmp(ui->status, t->shown) == 0)
		ui_status_clear(ui);
	free(t->shown);
	t->shown = NULL;
}

static void warn(struct ui *ui, const struct disclosure_list *found, size_t cursor)
{
	struct ui_typing *t = &ui->typing;
	size_t best = 0, best_distance = (size_t)-1;
	for (size_t i = 0; i < found->n; i++) {
		const struct disclosure *d = &found->items[i];
		size_t end = d->start + d->len;
		size_t distance = cursor < d->start ? d->start - cursor
				  : cursor > end    ? cursor - end
						    : 0;
		if (distance < best_distance)
			best = i, best_distance = distance;
	}
	const struct disclosure *d = &found->items[best];
	const char *kind = disclosure_kind_name(d->kind);
	/* "an address", "an NHS number", "a date". */
	bool an = strchr("aeiou", kind[0]) || strncmp(kind, "NHS", 3) == 0;
	char *more = found->n > 1 ? str_fmt(" (and %zu more)", found->n - 1) : str_dup("");
	ui_set_status(ui, true, "Looks like %s %s: %s%s", an ? "an" : "a", kind, d->match,
		      more ? more : "");
	free(more);
	free(t->shown);
	t->shown = ui->status ? str_dup(ui->status) : NULL;
}

/* Leaves out of found what was accepted for publishing in this record's field: decided, so
 * no warning. */
static int drop_accepted(struct ui *ui, const struct ui_published_field *pf,
			 struct disclosure_list *found, struct maca_err *err)
{
	enum disclosure_place place;
	if (!pf->record || pf->record_id <= 0 || !pf->field ||
	    !disclosure_gate_place(pf->record, &place))
		return MACA_OK;
	disclosure_list_place(found, 0, place, pf->record_id, pf->field);
	struct disclosure_decisions dd;
	if (disclosure_gate_decide(ui->st, found, &dd, err))
		return err->status;
	size_t kept = 0;
	for (size_t i = 0; i < found->n; i++) {
		if (dd.items[i].accepted) {
			free(found->items[i].match);
			free(found->items[i].where);
		} else {
			found->items[kept++] = found->items[i];
		}
	}
	found->n = kept;
	disclosure_decisions_free(&dd);
	return MACA_OK;
}

void ui_typing_check(struct ui *ui)
{
	struct ui_typing *t = &ui->typing;
	const struct ui_screen_ops *ops = ui_ops(ui, ui_screen(ui));
	struct ui_published_field pf = {0};
	if (ui->prompt.active || ui->pick.active || !ops->published_text ||
	    !ops->published_text(ui, &pf) || !pf.eb) {
		clear_warning(ui);
		t->eb = NULL;
		return;
	}
	size_t n;
	const wchar_t *w = editbuf_wtext(pf.eb, &n);
	uint64_t hash = text_hash(w, n);
	/* Unchanged (the cursor moved, another key): what the status says stands. */
	if (pf.eb == t->eb && pf.audit_id == t->audit_id && hash == t->hash)
		return;
	if (pf.eb != t->eb || pf.audit_id != t->audit_id) {
		/* A new field: its audit's words are read afresh, in case they changed. */
		disclosure_words_free(&t->words);
		t->words = (struct disclosure_words){.resources = ui->publish.resources,
						     .nresources = ui->publish.nresources};
	}
	t->eb = pf.eb;
	t->audit_id = pf.audit_id;
	t->hash = hash;
	struct maca_err err = {0};
	const struct disclosure_vocab *vocab = NULL;
	if (pf.audit_id && disclosure_words_get(&t->words, ui->st, pf.audit_id, &vocab, &err))
		err_clear(&err); /* the check runs without them: a warning too many at worst */
	size_t len;
	char *text = editbuf_text(pf.eb, &len);
	struct disclosure_list found = {0};
	if (!text || disclosure_scan_vocab(text, vocab, "", &found, &err) ||
	    drop_accepted(ui, &pf, &found, &err)) {
		err_clear(&err);
		t->eb = NULL; /* checked again at the next key */
	} else if (found.n) {
		warn(ui, &found, utf8_offset(w, editbuf_cursor(pf.eb)));
	} else {
		clear_warning(ui);
	}
	disclosure_list_free(&found);
	free(text);
}

void ui_typing_free(struct ui *ui)
{
	disclosure_words_free(&ui->typing.words);
	free(ui->typing.shown);
	ui->typing = (struct ui_typing){0};
}
