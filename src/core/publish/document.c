/* The briefing as a Word, HTML or PDF document: see document.h. The steps, in a private
 * directory beside the destination: the Markdown and the charts are written there; pandoc
 * makes the Word document (with the reference document) or one standalone HTML file (with
 * the stylesheet and the running head, everything embedded); for a PDF, weasyprint (or
 * wkhtmltopdf) prints that HTML; the result is moved into place. */
#include "document.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "export_file.h"
#include "sbuf.h"

/* maca's own stylesheet and Word reference document (resources/), embedded by the build
 * (cmake/embed_file.cmake). */
extern const unsigned char publish_css[];
extern const size_t publish_css_len;
extern const unsigned char publish_reference_docx[];
extern const size_t publish_reference_docx_len;

/* Charts for Word are drawn at 192 pixels per inch, which pandoc is told, so that they are
 * sharp and come out at their size in points. */
#define WORD_DPI 192
#define WORD_DPI_ARG "--dpi=192"

static const char *const format_names[] = {
    [DOCUMENT_DOCX] = "docx", [DOCUMENT_HTML] = "html", [DOCUMENT_PDF] = "pdf"};

bool document_format_parse(const char *name, enum document_format *out)
{
	for (size_t i = 0; i < sizeof format_names / sizeof format_names[0]; i++)
		if (name && strcmp(name, format_names[i]) == 0) {
			*out = (enum document_format)i;
			return true;
		}
	return false;
}

const char *document_format_name(enum document_format format)
{
	return format_names[format];
}

const char *document_chart_ext(enum document_format format)
{
	return format == DOCUMENT_DOCX ? "png" : "svg";
}

/* The private directory and the files made in it, all removed at the end. */
struct work {
	char *dir;
	struct named_list files;
};

/* The path of name in the work directory, remembered for removal; NULL when out of memory. */
static const char *work_path(struct work *w, const char *name)
{
	char *p = str_fmt("%s/%s", w->dir, name);
	if (!p || !named_add(&w->files, p, name)) {
		free(p);
		return NULL;
	}
	free(p);
	return w->files.items[w->files.n - 1].id;
}

static int work_begin(struct work *w, const char *path, struct maca_err *err)
{
	*w = (struct work){0};
	w->dir = str_fmt("%s.tmp-XXXXXX", path);
	if (!w->dir)
		return err_set(err, MACA_ENOMEM, "out of memory");
	if (!mkdtemp(w->dir)) { /* mode 0700 */
		int e = errno;
		free(w->dir);
		w->dir = NULL;
		return err_set(err, MACA_EIO, "cannot write %s: %s", path, strerror(e));
	}
	return MACA_OK;
}

static void work_end(struct work *w)
{
	for (size_t i = 0; i < w->files.n; i++)
		unlink(w->files.items[i].id);
	if (w->dir)
		rmdir(w->dir);
	named_list_free(&w->files);
	free(w->dir);
}

/* Writes data to a new private file in the work directory; *out is its path. */
static int work_write(struct work *w, const char *name, const void *data, size_t len,
		      const char **out, struct maca_err *err)
{
	const char *p = work_path(w, name);
	if (!p)
		return err_set(err, MACA_ENOMEM, "out of memory");
	int fd = open(p, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return err_set(err, MACA_EIO, "cannot write %s: %s", p, strerror(errno));
	const char *s = data;
	int e = 0;
	while (len && !e) {
		ssize_t n = write(fd, s, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			e = n < 0 ? errno : EIO;
		else
			s += n, len -= (size_t)n;
	}
	if (close(fd) != 0 && !e)
		e = errno;
	if (e)
		return err_set(err, MACA_EIO, "cannot write %s: %s", p, strerror(e));
	*out = p;
	return MACA_OK;
}

/* Text as HTML character data: & < > " escaped, control characters dropped. */
static void html_text(struct sbuf *b, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '&')
			sbuf_add(b, "&amp;");
		else if (c == '<')
			sbuf_add(b, "&lt;");
		else if (c == '>')
			sbuf_add(b, "&gt;");
		else if (c == '"')
			sbuf_add(b, "&quot;");
		else if (c >= 0x20 && c != 0x7f)
			sbuf_addc(b, (char)c);
	}
}

static int draw_charts(struct work *w, const struct chart_list *charts, enum document_format f,
		       struct maca_err *err)
{
	for (size_t i = 0; charts && i < charts->n; i++) {
		const struct chart *c = &charts->items[i];
		if (strchr(c->name, '/') || c->name[0] == '.')
			return err_set(err, MACA_EUSER, "chart name '%s' is not a file name",
				       c->name);
		struct sbuf image = {0};
		const char *p = NULL;
		int rc = f == DOCUMENT_DOCX ? chart_png(c, WORD_DPI / 72.0, &image, err)
					    : chart_svg(c, &image, err);
		if (!rc)
			rc = work_write(w, c->name, image.data, image.len, &p, err);
		sbuf_free(&image);
		if (rc)
			return rc;
	}
	return MACA_OK;
}

/* A file named in the configuration, or maca's own written into the work directory. */
static int resource(struct work *w, const char *configured, const char *key, const char *name,
		    const unsigned char *data, size_t len, const char **out, struct maca_err *err)
{
	if (!configured)
		return work_write(w, name, data, len, out, err);
	if (access(configured, R_OK) != 0)
		return err_set(err, MACA_ENOTFOUND,
			       "cannot read %s (%s in the configuration's [publish]): %s",
			       configured, key, strerror(errno));
	*out = configured;
	return MACA_OK;
}

/* "KEY=VALUE" for pandoc's --metadata. */
static char *meta(const char *key, const char *value)
{
	return str_fmt("%s=%s", key, value && *value ? value : "Briefing");
}

static int run_pandoc(struct work *w, const struct document_options *opt, const char *md,
		      const char *out, struct maca_err *err)
{
	const char *lang = opt->language ? opt->language : "en-GB";
	char *lang_meta = str_fmt("lang=%s", lang), *title = meta("pagetitle", opt->title);
	char *resources = str_fmt("--resource-path=%s", w->dir);
	char *style = NULL, *head_arg = NULL, *what = NULL;
	const char *log = work_path(w, "pandoc.log");
	int rc = lang_meta && title && resources && log
		     ? MACA_OK
		     : err_set(err, MACA_ENOMEM, "out of memory");
	const char *file = NULL;
	if (!rc && opt->format == DOCUMENT_DOCX) {
		rc = resource(w, opt->reference_docx, "reference_docx", "reference.docx",
			      publish_reference_docx, publish_reference_docx_len, &file, err);
		style = rc ? NULL : str_fmt("--reference-doc=%s", file);
	} else if (!rc) {
		rc = resource(w, opt->stylesheet, "stylesheet", "briefing.css", publish_css,
			      publish_css_len, &file, err);
		style = rc ? NULL : str_fmt("--css=%s", file);
		/* The partnership's name, for the head of each printed page. */
		struct sbuf head = {0};
		sbuf_add(&head, "<div class=\"running-head\" aria-hidden=\"true\">");
		html_text(&head, opt->partnership);
		sbuf_add(&head, "</div>\n");
		const char *head_file = NULL;
		if (!rc)
			rc = head.failed
				 ? err_set(err, MACA_ENOMEM, "out of memory")
				 : work_write(w, "head.html", head.data, head.len, &head_file, err);
		sbuf_free(&head);
		head_arg = rc ? NULL : str_fmt("--include-before-body=%s", head_file);
	}
	bool docx = opt->format == DOCUMENT_DOCX;
	if (!rc && (!style || (!docx && !head_arg)))
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	if (!rc) {
		char *argv[] = {
		    "pandoc",	    "--from=gfm",  docx ? "--to=docx" : "--to=html5",
		    "--standalone", "--wrap=none", "--metadata",
		    lang_meta,	    "--metadata",  title,
		    resources,	    style,	   docx ? WORD_DPI_ARG : "--self-contained",
		    "-o",	    (char *)out,   (char *)md,
		    head_arg,	    NULL};
		what = str_fmt("pandoc (making the %s)", docx ? "Word document" : "HTML");
		rc = what ? document_run(argv, NULL, log, what, err)
			  : err_set(err, MACA_ENOMEM, "out of memory");
	}
	free(lang_meta);
	free(title);
	free(resources);
	free(style);
	free(head_arg);
	free(what);
	return rc;
}

/* The PDF engine: the configured one, else weasyprint when installed, else wkhtmltopdf. */
static int pdf_engine(const struct document_options *opt, const char **out, struct maca_err *err)
{
	if (opt->pdf_engine)
		*out = opt->pdf_engine;
	else if (document_program_installed("weasyprint"))
		*out = "weasyprint";
	else if (document_program_installed("wkhtmltopdf"))
		*out = "wkhtmltopdf";
	else
		return err_set(err, MACA_ENOTFOUND,
			       "--format pdf needs weasyprint, which is not installed; install it "
			       "with: apt-get install weasyprint (or wkhtmltopdf)");
	if (!document_program_installed(*out))
		return err_set(err, MACA_ENOTFOUND,
			       "--format pdf needs %s (pdf_engine in the configuration), which is "
			       "not installed; install it with: apt-get install %s",
			       *out, *out);
	return MACA_OK;
}

static int run_pdf_engine(struct work *w, const struct document_options *opt, const char *engine,
			  const char *html, const char *out, struct maca_err *err)
{
	const char *log = work_path(w, "engine.log");
	if (!log)
		return err_set(err, MACA_ENOMEM, "out of memory");
	if (strcmp(engine, "weasyprint") == 0) {
		/* PDF/UA-1: a tagged PDF, its structure and the charts' text alternatives kept for
		 * screen readers. */
		char *argv[] = {"weasyprint", "--pdf-variant", "pdf/ua-1",
				(char *)html, (char *)out,     NULL};
		return document_run(argv, NULL, log, "weasyprint (printing the PDF)", err);
	}
	/* wkhtmltopdf knows no paged media in CSS: the page, its head and foot are options (which
	 * Debian's build, on Qt without wkhtmltopdf's patches, ignores with a warning: its PDF
	 * has neither). The running head is hidden, as it would print as the first line. Qt
	 * needs no display when told so. */
	static const char hide[] = ".running-head { display: none !important; }\n";
	const char *hide_css = NULL;
	if (work_write(w, "wkhtmltopdf.css", hide, sizeof hide - 1, &hide_css, err))
		return err->status;
	char *head = str_fmt("%s", opt->partnership ? opt->partnership : "");
	if (!head)
		return err_set(err, MACA_ENOMEM, "out of memory");
	char *argv[] = {"wkhtmltopdf",
			"--quiet",
			"--page-size",
			"A4",
			"--margin-top",
			"24mm",
			"--margin-bottom",
			"20mm",
			"--margin-left",
			"18mm",
			"--margin-right",
			"18mm",
			"--user-style-sheet",
			(char *)hide_css,
			"--header-left",
			head,
			"--header-font-size",
			"8",
			"--header-spacing",
			"6",
			"--footer-right",
			"Page [page] of [topage]",
			"--footer-font-size",
			"8",
			(char *)html,
			(char *)out,
			NULL};
	char *env[] = {"QT_QPA_PLATFORM=offscreen", NULL};
	int rc = document_run(argv, env, log, "wkhtmltopdf (printing the PDF)", err);
	free(head);
	return rc;
}

int document_write(const char *markdown, const struct chart_list *charts,
		   const struct document_options *opt, const char *path, struct maca_err *err)
{
	const char *name = document_format_name(opt->format);
	if (!document_program_installed("pandoc"))
		return err_set(err, MACA_ENOTFOUND,
			       "--format %s needs pandoc, which is not installed; install it with: "
			       "apt-get install pandoc",
			       name);
	const char *engine = NULL;
	if (opt->format == DOCUMENT_PDF && pdf_engine(opt, &engine, err))
		return err->status;
	if (!opt->overwrite && access(path, F_OK) == 0)
		return err_set(err, MACA_EEXIST, "%s already exists; pass --force to replace it",
			       path);
	struct work w;
	if (work_begin(&w, path, err))
		return err->status;
	const char *md = NULL, *html = NULL, *out = NULL;
	char *out_name = str_fmt("briefing.%s", name);
	int rc = out_name ? work_write(&w, "briefing.md", markdown, strlen(markdown), &md, err)
			  : err_set(err, MACA_ENOMEM, "out of memory");
	if (!rc)
		rc = draw_charts(&w, charts, opt->format, err);
	if (!rc && opt->format == DOCUMENT_PDF) {
		html = work_path(&w, "briefing.html");
		rc = html ? run_pandoc(&w, opt, md, html, err)
			  : err_set(err, MACA_ENOMEM, "out of memory");
	}
	if (!rc) {
		out = work_path(&w, out_name);
		if (!out)
			rc = err_set(err, MACA_ENOMEM, "out of memory");
		else if (opt->format == DOCUMENT_PDF)
			rc = run_pdf_engine(&w, opt, engine, html, out, err);
		else
			rc = run_pandoc(&w, opt, md, out, err);
	}
	/* A program may have replaced the file rather than written into it. */
	if (!rc && chmod(out, 0600) != 0)
		rc = err_set(err, MACA_EIO, "cannot write %s: %s", out, strerror(errno));
	if (!rc)
		rc = export_file_place(out, path, opt->overwrite, err);
	free(out_name);
	work_end(&w);
	return rc;
}
