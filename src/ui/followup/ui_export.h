/* Export from the interface: the briefing previewed as it will be written, the possible
 * identifiers found in it with what was decided about each (open, or accepted by whom), and
 * writing it to a file once none is open, in any format `maca export briefing` writes
 * (Markdown, or a Word, HTML or PDF document with its charts: document.h), made with the same
 * configuration. */
#ifndef MACA_UI_EXPORT_H
#define MACA_UI_EXPORT_H

#include <stdint.h>

#include "briefing.h"
#include "disclosure_gate.h"
#include "document.h"
#include "store.h"
#include "ui_doc.h"
#include "ui_keys.h"

/* What the configuration gives the briefing, as the command line takes it from maca.ini. */
struct ui_export_config {
	const char *export_dir; /* NULL or "": the documented default folder */
	const struct resource *resources;
	size_t nresources;
	const struct partnership_info *partnership_info; /* NULL: none configured */
	long small_count;	 /* as briefing_options has it: 0 the default, negative none */
	const char *partnership; /* the PDF's running head when the audit names none */
	/* [publish]: the partnership's own reference document, stylesheet and PDF engine (NULL:
	 * maca's own, the first engine installed). */
	const char *reference_docx;
	const char *stylesheet;
	const char *pdf_engine;
};

/* The formats the briefing is written in, in the order f steps through them. */
enum ui_export_format {
	UI_EXPORT_MARKDOWN,
	UI_EXPORT_DOCX,
	UI_EXPORT_HTML,
	UI_EXPORT_PDF,
	UI_EXPORT_NFORMATS
};

struct ui_export {
	int64_t audit_id;
	bool seven_minute;		     /* the layout shown: standard or seven-minute */
	bool with_comparison;		     /* add the comparison with the earlier audit */
	enum ui_export_format format;	     /* what w writes */
	char *text;			     /* the briefing, Markdown, as it will be written */
	struct ui_doc doc;		     /* text laid out for the screen's width (ui_doc.h) */
	size_t top;			     /* first line of doc shown */
	size_t words;			     /* the briefing's, as briefing_words counts them */
	struct disclosure_list found;	     /* possible identifiers in what would be published */
	struct disclosure_decisions decided; /* what was decided on each, by index in found */
	size_t finding;			     /* the one selected, to fix or accept */
	char *path;			     /* where it will be written (absolute) */
	char *folder;	  /* the folder offered: export_dir, else paths_export_dir */
	char *written_to; /* the folder written to last, offered from then on (kept open to open) */
	struct ui_export_config cfg; /* borrowed: it outlives the screen */
};

/* "Markdown", "Word", "HTML", "PDF"; and the file name extension. */
const char *ui_export_format_label(enum ui_export_format f);
const char *ui_export_format_ext(enum ui_export_format f);

/* Writes the briefing in the template's layout and finds what to check before publishing. */
int ui_export_open(struct ui_export *ue, struct store *st, int64_t audit_id,
		   const struct ui_export_config *cfg, struct maca_err *err);
void ui_export_free(struct ui_export *ue);
/* Writes the briefing again (after something was fixed), keeping the layout. */
int ui_export_refresh(struct ui_export *ue, struct store *st, struct maca_err *err);
/* The same, keeping the preview's scroll: another maca changed the audit. */
int ui_export_reload(struct ui_export *ue, struct store *st, struct maca_err *err);
int ui_export_toggle_layout(struct ui_export *ue, struct store *st, struct maca_err *err);
/* The next format (Markdown, Word, HTML, PDF, then Markdown again); the name offered follows. */
int ui_export_next_format(struct ui_export *ue, struct store *st, struct maca_err *err);
/* Adds or leaves out the comparison with the earlier audit; refused (and left as it was)
 * for an audit that re-audits none. */
int ui_export_toggle_comparison(struct ui_export *ue, struct store *st, struct maca_err *err);
void ui_export_scroll(struct ui_export *ue, enum ui_action action);
/* Where to write, as the chair answered the question (the path offered, edited): "~/" is
 * the home directory, a folder (one that exists, or ending in '/') takes the file name
 * offered, and a relative path is made absolute. The folder offered is created (0700) when
 * it is missing; any other must exist. On success ue->path is the file to write. */
int ui_export_choose(struct ui_export *ue, const char *answer, struct maca_err *err);
/* Accepts the selected finding for publishing with reason, by the store's author
 * (disclosure_gate_accept), then writes the briefing again. */
int ui_export_accept(struct ui_export *ue, struct store *st, const char *reason,
		     struct maca_err *err);
/* Takes back the selected finding's acceptance: it is open again. */
int ui_export_withdraw(struct ui_export *ue, struct store *st, struct maca_err *err);
/* Writes the file in the format chosen (atomically, mode 0600): refused (MACA_EUSER) while a
 * finding is open. Its folder is offered from then on (written_to). An existing file is replaced
 * only with overwrite; otherwise MACA_EEXIST. A document is made by pandoc (and a PDF engine), as
 * document_write says. */
int ui_export_write(struct ui_export *ue, struct store *st, bool overwrite, struct maca_err *err);

#endif
