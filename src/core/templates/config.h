/* The user's configuration file, maca.ini. */
#ifndef MACA_CONFIG_H
#define MACA_CONFIG_H

#include <stdbool.h>

#include "diag.h"
#include "template.h"

/* The partnership's own pages, for the briefing's further information: maca.ini's
 * [partnership]. Each "" when not set. */
struct partnership_info {
	char *website; /* an http or https address */
	char *website_title;
	char *newsletter; /* an http, https or mailto address */
	char *newsletter_title;
	char *contact; /* one line: a name, a phone number, an e-mail address */
};

struct config {
	char *partnership;  /* "" when unset */
	char *chair_agency; /* "" when unset */
	char *database;	    /* NULL when unset */
	char *export_dir;   /* NULL when unset */
	char *author;	    /* from the file, else the login name */
	bool colour;
	bool mouse; /* the interface takes clicks and the wheel */
	struct resource *resources;
	size_t nresources;
	struct partnership_info partnership_info;
	/* [publish]: what goes into published documents. */
	long small_count;     /* counts below it are suppressed; 0: none (default 3) */
	char *reference_docx; /* Word reference document; NULL: maca's own */
	char *stylesheet;     /* CSS for HTML and PDF; NULL: maca's own */
	char *pdf_engine;     /* "weasyprint" or "wkhtmltopdf"; NULL: the first installed */
};

/* The default of [publish] small_count. */
#define CONFIG_SMALL_COUNT 3

/* Loads path; a missing file is fine when `optional`, and a NULL path means no file: the
 * defaults apply. Returns 0, or -1
 * after adding problems to diags. The config is usable (defaults) either way. */
int config_load(const char *path, bool optional, struct config *cfg, struct diag_list *diags);
void config_free(struct config *cfg);

#endif
