#include "ui_export.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "export_file.h"
#include "paths.h"
#include "sbuf.h"
#include "ui_view.h"

static void text_free(struct ui_export *ue)
{
	free(ue->text);
	ui_doc_free(&ue->doc);
	disclosure_decisions_free(&ue->decided);
	disclosure_list_free(&ue->found);
	ue->text = NULL;
}

void ui_export_free(struct ui_export *ue)
{
	text_free(ue);
	free(ue->path);
	free(ue->folder);
	free(ue->written_to);
	memset(ue, 0, sizeof *ue);
}

static const struct {
	const char *label, *ext;
	enum document_format document; /* for the formats other than Markdown */
} formats[UI_EXPORT_NFORMATS] = {
    [UI_EXPORT_MARKDOWN] = {"Markdown", "md", DOCUMENT_HTML},
    [UI_EXPORT_DOCX] = {"Word", "docx", DOCUMENT_DOCX},
    [UI_EXPORT_HTML] = {"HTML", "html", DOCUMENT_HTML},
    [UI_EXPORT_PDF] = {"PDF", "pdf", DOCUMENT_PDF},
};

const char *ui_export_format_label(enum ui_export_format f)
{
	return (unsigned)f < UI_EXPORT_NFORMATS ? formats[f].label : "?";
}

const char *ui_export_format_ext(enum ui_export_format f)
{
	return (unsigned)f < UI_EXPORT_NFORMATS ? formats[f].ext : "?";
}

/* The briefing's options as the configuration and the screen have them; charts when a
 * document is to be made. */
static struct briefing_options options(const struct ui_export *ue, struct chart_list *charts)
{
	bool document = charts && ue->format != UI_EXPORT_MARKDOWN;
	return (struct briefing_options){.layout = ue->seven_minute ? "seven-minute" : "standard",
					 .with_comparison = ue->with_comparison,
					 .resources = ue->cfg.resources,
					 .nresources = ue->cfg.nresources,
					 .partnership = ue->cfg.partnership_info,
					 .small_count = ue->cfg.small_count,
					 .charts = document ? charts : NULL,
					 .chart_ext =
					     document_chart_ext(formats[ue->format].document)};
}

/* Writes the briefing again; on failure what was shown stays as it was. */
static int render(struct ui_export *ue, struct store *st, struct maca_err *err)
{
	struct ui_export out = {0};
	struct briefing_options opt = options(ue, NULL);
	struct audit_info info;
	int rc = briefing_write(st, ue->audit_id, &opt, &out.text, &out.found, err);
	if (!rc) {
		disclosure_gate_dedupe(&out.found);
		rc = disclosure_gate_decide(st, &out.found, &out.decided, err);
	}
	/* Laid out as wide as before, or for 80 columns until the screen says its width. */
	if (!rc)
		rc = ui_doc_layout(out.text, ue->doc.width ? ue->doc.width : UI_DOC_DEFAULT_WIDTH,
				   ue->doc.ascii, &out.doc, err);
	if (!rc)
		rc = store_audit_get(st, ue->audit_id, &info, err);
	if (!rc) {
		/* The same name as `maca export briefing` gives, so the two never disagree, in
		 * the folder written to last, else the folder offered. */
		out.path =
		    str_fmt("%s/briefing-%.8s%s.%s", ue->written_to ? ue->written_to : ue->folder,
			    info.uuid, ue->seven_minute ? "-7min" : "", formats[ue->format].ext);
		audit_info_free(&info);
		if (!out.path)
			rc = err_set(err, MACA_ENOMEM, "out of memory");
	}
	if (rc) {
		ui_export_free(&out);
		return rc;
	}
	text_free(ue);
	free(ue->path);
	ue->text = out.text;
	ue->doc = out.doc;
	ue->found = out.found;
	ue->decided = out.decided;
	ue->path = out.path;
	ue->words = briefing_words(ue->text);
	ue->top = 0;
	return MACA_OK;
}

int ui_export_open(struct ui_export *ue, struct store *st, int64_t audit_id,
		   const struct ui_export_config *cfg, struct maca_err *err)
{
	/* The folder written to last stays offered for as long as maca runs. */
	char *written_to = ue->written_to;
	ue->written_to = NULL;
	ui_export_free(ue);
	ue->written_to = written_to;
	ue->audit_id = audit_id;
	ue->cfg = *cfg;
	const char *dir = cfg->export_dir && *cfg->export_dir ? cfg->export_dir : NULL;
	ue->folder = dir ? paths_expand_home(dir) : paths_export_dir(err);
	if (!ue->folder) {
		if (!err->status)
			err_set(err, MACA_ENOMEM, "out of memory");
		ui_export_free(ue);
		return err->status;
	}
	struct template *tpl;
	int rc = store_audit_template(st, audit_id, &tpl, err);
	if (!rc) {
		ue->seven_minute = strcmp(tpl->layout, "seven-minute") == 0;
		template_free(tpl);
		rc = render(ue, st, err);
	}
	if (rc)
		ui_export_free(ue);
	return rc;
}

int ui_export_refresh(struct ui_export *ue, struct store *st, struct maca_err *err)
{
	size_t finding = ue->finding;
	int rc = render(ue, st, err);
	ue->finding = finding < ue->found.n ? finding : 0;
	return rc;
}

int ui_export_reload(struct ui_export *ue, struct store *st, struct maca_err *err)
{
	size_t top = ue->top;
	int rc = ui_export_refresh(ue, st, err);
	ue->top = top < ue->doc.n ? top : 0;
	return rc;
}

int ui_export_toggle_layout(struct ui_export *ue, struct store *st, struct maca_err *err)
{
	ue->seven_minute = !ue->seven_minute;
	int rc = render(ue, st, err);
	if (rc)
		ue->seven_minute = !ue->seven_minute;
	return rc;
}

int ui_export_next_format(struct ui_export *ue, struct store *st, struct maca_err *err)
{
	enum ui_export_format was = ue->format;
	ue->format = (ue->format + 1) % UI_EXPORT_NFORMATS;
	int rc = ui_export_reload(ue, st, err);
	if (rc)
		ue->format = was;
	return rc;
}

int ui_export_toggle_comparison(struct ui_export *ue, struct store *st, struct maca_err *err)
{
	int64_t earlier;
	if (store_audit_earlier(st, ue->audit_id, &earlier, err))
		return err->status;
	if (!earlier)
		return err_set(err, MACA_EUSER,
			       "This audit is not a re-audit of an audit here, so there is no "
			       "comparison to add");
	ue->with_comparison = !ue->with_comparison;
	int rc = render(ue, st, err);
	if (rc)
		ue->with_comparison = !ue->with_comparison;
	return rc;
}

void ui_export_scroll(struct ui_export *ue, enum ui_action action)
{
	ui_view_scroll(&ue->top, action, ue->doc.n ? ue->doc.n - 1 : 0, 10);
}

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int ui_export_choose(struct ui_export *ue, const char *answer, struct maca_err *err)
{
	char *path = paths_expand_home(answer);
	if (!path)
		return err_set(err, MACA_ENOMEM, "out of memory");
	size_t len = strlen(path);
	/* A folder takes the name offered. */
	if (len && (path[len - 1] == '/' || is_dir(path))) {
		const char *name = strrchr(ue->path, '/') ? strrchr(ue->path, '/') + 1 : ue->path;
		char *joined = str_fmt("%s%s%s", path, path[len - 1] == '/' ? "" : "/", name);
		free(path);
		if (!joined)
			return err_set(err, MACA_ENOMEM, "out of memory");
		path = joined;
	}
	char *dir = paths_dirname(path);
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	int rc = dir ? MACA_OK : err_set(err, MACA_ENOMEM, "out of memory");
	if (!rc && !*base)
		rc = err_set(err, MACA_EUSER, "That is a folder: give a file name too");
	if (!rc && !is_dir(dir)) {
		/* The folder offered is made when first used; another must be there. */
		if (strcmp(dir, ue->folder) == 0)
			rc = paths_make_private_dir(dir, err);
		else
			rc = err_set(err, MACA_EUSER,
				     "There is no folder %s: nothing was written. Give one that "
				     "exists",
				     dir);
	}
	char *real = !rc ? realpath(dir, NULL) : NULL;
	if (!rc && !real)
		rc = err_set(err, MACA_EIO, "cannot reach the folder %s", dir);
	char *absolute = real ? str_fmt("%s%s%s", real, strcmp(real, "/") ? "/" : "", base) : NULL;
	if (!rc && !absolute)
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	if (!rc) {
		free(ue->path);
		ue->path = absolute;
		absolute = NULL;
	}
	free(absolute);
	free(real);
	free(dir);
	free(path);
	return rc;
}

int ui_export_accept(struct ui_export *ue, struct store *st, const char *reason,
		     struct maca_err *err)
{
	if (ue->finding >= ue->found.n)
		return err_set(err, MACA_EUSER, "no possible identifier is selected");
	if (disclosure_gate_accept(st, &ue->found.items[ue->finding], reason, err))
		return err->status;
	return ui_export_reload(ue, st, err);
}

int ui_export_withdraw(struct ui_export *ue, struct store *st, struct maca_err *err)
{
	if (ue->finding >= ue->decided.n || !ue->decided.items[ue->finding].accepted)
		return err_set(err, MACA_EUSER, "the selected identifier is not accepted");
	if (store_acceptance_withdraw(st, ue->decided.items[ue->finding].acceptance.id, NULL, err))
		return err->status;
	return ui_export_reload(ue, st, err);
}

/* The briefing as a document: written again with its charts (the words are those checked),
 * then made by pandoc, as `maca export briefing --format` makes it. */
static int write_document(struct ui_export *ue, struct store *st, bool overwrite,
			  struct maca_err *err)
{
	struct chart_list charts = {0};
	struct briefing_options opt = options(ue, &charts);
	struct disclosure_list found = {0};
	struct audit_info info = {0};
	char *md = NULL, *title = NULL;
	int rc = store_audit_get(st, ue->audit_id, &info, err);
	if (!rc)
		rc = briefing_write(st, ue->audit_id, &opt, &md, &found, err);
	if (!rc && !(title = str_fmt("Briefing of our learning: %s", info.title)))
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	if (!rc) {
		struct document_options dopt = {
		    .format = formats[ue->format].document,
		    .title = title,
		    .partnership = *info.partnership ? info.partnership : ue->cfg.partnership,
		    .reference_docx = ue->cfg.reference_docx,
		    .stylesheet = ue->cfg.stylesheet,
		    .pdf_engine = ue->cfg.pdf_engine,
		    .overwrite = overwrite};
		rc = document_write(md, &charts, &dopt, ue->path, err);
	}
	free(title);
	free(md);
	disclosure_list_free(&found);
	chart_list_free(&charts);
	audit_info_free(&info);
	return rc;
}

int ui_export_write(struct ui_export *ue, struct store *st, bool overwrite, struct maca_err *err)
{
	if (ue->decided.open)
		return err_set(err, MACA_EUSER,
			       "%zu possible identifier%s open: Enter fixes, a accepts; nothing "
			       "written",
			       ue->decided.open, ue->decided.open == 1 ? " is" : "s are");
	int rc = ue->format != UI_EXPORT_MARKDOWN
		     ? write_document(ue, st, overwrite, err)
		     : export_file_write(ue->path, ue->text, strlen(ue->text), overwrite, err);
	/* Written elsewhere, the next briefing goes there too unless told otherwise: the
	 * header names where it went, not the folder first offered. */
	char *dir = !rc ? paths_dirname(ue->path) : NULL;
	if (dir) {
		free(ue->written_to);
		ue->written_to = dir;
	}
	return rc;
}
