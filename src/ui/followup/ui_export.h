/* Export from the interface: the briefing previewed as it will be written, the possible
 * identifiers found in it with what was decided about each (open, or accepted by whom), and
 * writing it to a file once none is open. */
#ifndef MACA_UI_EXPORT_H
#define MACA_UI_EXPORT_H

#include <stdint.h>

#include "briefing.h"
#include "disclosure_gate.h"
#include "store.h"
#include "ui_doc.h"
#include "ui_keys.h"

struct ui_export {
	int64_t audit_id;
	bool seven_minute;		     /* the layout shown: standard or seven-minute */
	bool with_comparison;		     /* add the comparison with the earlier audit */
	char *text;			     /* the briefing, Markdown, as it will be written */
	struct ui_doc doc;		     /* text laid out for the screen's width (ui_doc.h) */
	bool ascii;			     /* laid out for the ASCII fallback */
	size_t top;			     /* first line of doc shown */
	struct disclosure_list found;	     /* possible identifiers in what would be published */
	struct disclosure_decisions decided; /* what was decided on each, by index in found */
	size_t finding;			     /* the one selected, to fix or accept */
	char *path;			     /* where it will be written (absolute) */
	char *folder;		/* the folder offered: export_dir, else paths_export_dir */
	const char *export_dir; /* from the configuration, or NULL */
	const struct resource *resources;
	size_t nresources;
};

/* Writes the briefing in the template's layout and finds what to check before publishing. */
int ui_export_open(struct ui_export *ue, struct store *st, int64_t audit_id, const char *export_dir,
		   const struct resource *resources, size_t nresources, struct maca_err *err);
void ui_export_free(struct ui_export *ue);
/* Writes the briefing again (after something was fixed), keeping the layout. */
int ui_export_refresh(struct ui_export *ue, struct store *st, struct maca_err *err);
/* The same, keeping the preview's scroll: another maca changed the audit. */
int ui_export_reload(struct ui_export *ue, struct store *st, struct maca_err *err);
int ui_export_toggle_layout(struct ui_export *ue, struct store *st, struct maca_err *err);
/* Adds or leaves out the comparison with the earlier audit; refused (and left as it was)
 * for an audit that re-audits none. */
int ui_export_toggle_comparison(struct ui_export *ue, struct store *st, struct maca_err *err);
void ui_export_scroll(struct ui_export *ue, enum ui_action action);
/* Lays the preview out again for a screen width columns wide (when that changed), keeping the
 * place read. */
int ui_export_layout(struct ui_export *ue, int width, bool ascii, struct maca_err *err);
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
/* Writes the file (atomically, mode 0600): refused (MACA_EUSER) while a finding is open. An
 * existing file is replaced only with overwrite; otherwise MACA_EEXIST. */
int ui_export_write(struct ui_export *ue, bool overwrite, struct maca_err *err);

#endif
