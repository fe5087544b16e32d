/* Export from the interface: the briefing previewed as it will be written, the possible
 * identifiers found in it with what was decided about each (open, or accepted by whom), and
 * writing it to a file once none is open. */
#ifndef MACA_UI_EXPORT_H
#define MACA_UI_EXPORT_H

#include <stdint.h>

#include "briefing.h"
#include "disclosure_gate.h"
#include "store.h"
#include "ui_keys.h"

struct ui_export {
	int64_t audit_id;
	bool seven_minute;    /* the layout shown: standard or seven-minute */
	bool with_comparison; /* add the comparison with the earlier audit (a re-audit's) */
	char *text;	      /* the briefing, Markdown, as it will be written */
	char *preview;	      /* a copy of text, cut into lines */
	char **lines;	      /* the lines of preview */
	size_t nlines;
	size_t top;			     /* first preview line shown */
	struct disclosure_list found;	     /* possible identifiers in what would be published */
	struct disclosure_decisions decided; /* what was decided on each, by index in found */
	size_t finding;			     /* the one selected, to fix or accept */
	char *path;			     /* where it will be written */
	const char *export_dir; /* from the configuration; NULL: the current directory */
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
