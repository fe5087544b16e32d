#include "config.h"

#include <errno.h>
#include <pwd.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ini_doc.h"
#include "ini_hint.h"
#include "sbuf.h"
#include "text_rules.h"
#include "url.h"

static char *login_name(void)
{
	const char *u = getenv("USER");
	if (u && *u)
		return strdup(u);
	struct passwd *pw = getpwuid(getuid());
	return strdup(pw && pw->pw_name ? pw->pw_name : "unknown");
}

static int set_defaults(struct config *cfg)
{
	*cfg = (struct config){.partnership = strdup(""),
			       .chair_agency = strdup(""),
			       .author = login_name(),
			       .colour = true,
			       .mouse = true,
			       .partnership_info = {.website = strdup(""),
						    .website_title = strdup(""),
						    .newsletter = strdup(""),
						    .newsletter_title = strdup(""),
						    .contact = strdup("")},
			       .small_count = CONFIG_SMALL_COUNT};
	const struct partnership_info *p = &cfg->partnership_info;
	return cfg->partnership && cfg->chair_agency && cfg->author && p->website &&
		       p->website_title && p->newsletter && p->newsletter_title && p->contact
		   ? 0
		   : -1;
}

static void resources_free(struct resource *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(r[i].title);
		free(r[i].url);
	}
	free(r);
}

/* What a key's value is, and so how it is checked and where it goes. */
enum key_kind {
	KEY_TEXT,	 /* any text */
	KEY_LINE,	 /* one line by the text rules */
	KEY_PATH,	 /* a file, taken from the configuration file's directory when relative */
	KEY_YES_NO,	 /* a bool */
	KEY_SMALL_COUNT, /* [publish] small_count */
	KEY_PDF_ENGINE,	 /* weasyprint or wkhtmltopdf */
	KEY_WEBSITE,	 /* a line and a live link: http or https */
	KEY_LINK,	 /* a line and a live link: http, https or mailto */
	KEY_RESOURCE,	 /* a key of [resource NAME], read with its section (read_resource) */
};

struct config_key {
	const char *section; /* a section's name, or the first word of one that takes a name */
	const char *name;
	enum key_kind kind;
	size_t offset; /* of the value in struct config; 0 for KEY_RESOURCE */
};

#define AT(member) offsetof(struct config, member)

/* Every key of the configuration file, each section's together: what a section takes, its
 * did-you-mean and the sections there are are all read from here. A section whose keys are
 * KEY_RESOURCE is one that takes a name, [resource NAME]. */
static const struct config_key keys[] = {
    {"maca", "partnership", KEY_LINE, AT(partnership)},
    {"maca", "chair_agency", KEY_TEXT, AT(chair_agency)},
    {"maca", "database", KEY_TEXT, AT(database)},
    {"maca", "export_dir", KEY_TEXT, AT(export_dir)},
    {"maca", "author", KEY_TEXT, AT(author)},
    {"maca", "colour", KEY_YES_NO, AT(colour)},
    {"maca", "mouse", KEY_YES_NO, AT(mouse)},
    {"partnership", "website", KEY_WEBSITE, AT(partnership_info.website)},
    {"partnership", "website_title", KEY_LINE, AT(partnership_info.website_title)},
    {"partnership", "newsletter", KEY_LINK, AT(partnership_info.newsletter)},
    {"partnership", "newsletter_title", KEY_LINE, AT(partnership_info.newsletter_title)},
    {"partnership", "contact", KEY_LINE, AT(partnership_info.contact)},
    {"publish", "small_count", KEY_SMALL_COUNT, AT(small_count)},
    {"publish", "reference_docx", KEY_PATH, AT(reference_docx)},
    {"publish", "stylesheet", KEY_PATH, AT(stylesheet)},
    {"publish", "pdf_engine", KEY_PDF_ENGINE, AT(pdf_engine)},
    {"resource", "title", KEY_RESOURCE, 0},
    {"resource", "url", KEY_RESOURCE, 0},
};

#define NKEYS (sizeof keys / sizeof keys[0])

static bool takes_name(const struct config_key *k)
{
	return k->kind == KEY_RESOURCE;
}

/* The keys of the section named `section` ([resource NAME] by its first word), and in *n how
 * many: 0 for a section maca does not know, [resource] without a name and [maca x] too. */
static const struct config_key *section_keys(const char *section, size_t *n)
{
	const char *space = strchr(section, ' ');
	size_t len = space ? (size_t)(space - section) : strlen(section), i = 0;
	while (i < NKEYS &&
	       (strncmp(keys[i].section, section, len) != 0 || keys[i].section[len] != '\0'))
		i++;
	size_t j = i;
	while (j < NKEYS && strcmp(keys[j].section, keys[i].section) == 0)
		j++;
	*n = i < NKEYS && takes_name(&keys[i]) == (space != NULL) ? j - i : 0;
	return &keys[i];
}

/* Whether a value of this kind is a string config_free frees. */
static bool is_text(enum key_kind kind)
{
	return kind != KEY_YES_NO && kind != KEY_SMALL_COUNT && kind != KEY_RESOURCE;
}

static int take(char **slot, const char *value)
{
	char *copy = strdup(value);
	if (!copy)
		return -1;
	free(*slot);
	*slot = copy;
	return 0;
}

static void take_yes_no(bool *slot, const char *path, const struct ini_key *key,
			struct diag_list *diags)
{
	if (strcmp(key->value, "yes") == 0 || strcmp(key->value, "no") == 0)
		*slot = strcmp(key->value, "yes") == 0;
	else
		diag_add(diags, path, key->line, "%s must be yes or no, not '%s'", key->name,
			 key->value);
}

/* A file named in the configuration: a relative path is taken from the configuration
 * file's own directory, so that a partnership keeps its files beside it. */
static int take_path(char **slot, const char *config_path, const char *value)
{
	const char *slash = strrchr(config_path, '/');
	char *full = value[0] == '/' || !slash
			 ? strdup(value)
			 : str_fmt("%.*s/%s", (int)(slash - config_path), config_path, value);
	if (!full)
		return -1;
	free(*slot);
	*slot = full;
	return 0;
}

static void check_line(const char *path, const struct ini_key *key, struct diag_list *diags)
{
	struct text_fault fault;
	if (!text_check(TEXT_LINE, key->value, &fault))
		diag_add(diags, path, key->line, "%s %s", key->name, fault.why);
}

/* Why a link's value cannot be a live link in the briefing, or NULL: the partnership's
 * website is a page (http or https), its newsletter may be an e-mail address too. */
static const char *link_problem(enum key_kind kind, const char *v)
{
	const char *why = *v ? url_link_problem(v) : NULL;
	if (!why && kind == KEY_WEBSITE && strncmp(v, "mailto:", 7) == 0)
		why = "a website is an http or https address";
	return why;
}

/* One known key's value, checked by its kind and stored where its row says. */
static void read_key(const char *path, const struct ini_key *key, const struct config_key *k,
		     struct config *cfg, struct diag_list *diags)
{
	void *at = (char *)cfg + k->offset;
	const char *v = key->value;
	const char *why;
	int rc = 0;
	long n;
	switch (k->kind) {
	case KEY_TEXT:
		rc = take(at, v);
		break;
	case KEY_LINE:
		check_line(path, key, diags);
		rc = take(at, v);
		break;
	case KEY_PATH:
		rc = take_path(at, path, v);
		break;
	case KEY_YES_NO:
		take_yes_no(at, path, key, diags);
		break;
	case KEY_SMALL_COUNT:
		/* Below 3, "fewer than 2" would say 0 or 1, and the secondary rule can then be
		 * replayed to tell which (findings' published.h). */
		if (!parse_long(v, &n) || n < 0 || (n > 0 && n < 3) || n > 1000)
			diag_add(diags, path, key->line,
				 "small_count must be 0 (no suppression) or a whole number from 3 "
				 "to 1000, not '%s'",
				 v);
		else
			*(long *)at = n;
		break;
	case KEY_PDF_ENGINE:
		if (strcmp(v, "weasyprint") == 0 || strcmp(v, "wkhtmltopdf") == 0)
			rc = take(at, v);
		else
			diag_add(diags, path, key->line,
				 "pdf_engine must be weasyprint or wkhtmltopdf, not '%s'", v);
		break;
	case KEY_WEBSITE:
	case KEY_LINK:
		why = link_problem(k->kind, v);
		if (why) {
			diag_add(diags, path, key->line, "%s is not allowed (%s); %s", key->name,
				 why, URL_LINK_ALLOWED);
			break;
		}
		check_line(path, key, diags);
		rc = take(at, v);
		break;
	case KEY_RESOURCE:
		break;
	}
	if (rc != 0)
		diag_add(diags, path, key->line, "out of memory");
}

/* A key its section does not take, with the one it is likely a misspelling of, worded as
 * the template reader words it. */
static void unknown_key(const char *path, const struct ini_section *sec, const struct ini_key *key,
			const struct config_key *rows, size_t n, struct diag_list *diags)
{
	const char *near =
	    hint_nearest(key->name, rows, n, sizeof *rows, offsetof(struct config_key, name));
	diag_add(diags, path, key->line, "unknown key '%s' in [%s]%s%s%s", key->name, sec->name,
		 near ? ": did you mean '" : "", near ? near : "", near ? "'?" : "");
}

/* A section maca does not know, with the one it is likely a misspelling of: among those
 * that take a name when it has one ([resorce x]: [resource x]), among the others when not. */
static void unknown_section(const char *path, const struct ini_section *sec,
			    struct diag_list *diags)
{
	const char *space = strchr(sec->name, ' ');
	const char *names[NKEYS];
	size_t n = 0;
	for (size_t i = 0; i < NKEYS; i++)
		if (takes_name(&keys[i]) == (space != NULL) &&
		    (n == 0 || strcmp(names[n - 1], keys[i].section) != 0))
			names[n++] = keys[i].section;
	char *word =
	    space ? str_fmt("%.*s", (int)(space - sec->name), sec->name) : str_dup(sec->name);
	/* Out of memory: the message without its hint. */
	const char *near = word ? hint_nearest(word, names, n, sizeof names[0], 0) : NULL;
	diag_add(diags, path, sec->line, "unknown section [%s]%s%s%s%s", sec->name,
		 near ? ": did you mean [" : "", near ? near : "", near && space ? space : "",
		 near ? "]?" : "");
	free(word);
}

/* [resource NAME], its keys read: the briefing's further reading, a title and a link. */
static void read_resource(const char *path, const struct ini_section *sec, struct config *cfg,
			  struct diag_list *diags)
{
	const struct ini_key *title = ini_section_find(sec, "title");
	const struct ini_key *url = ini_section_find(sec, "url");
	/* The url becomes a live link in the briefings: http, https and mailto only. */
	const char *why = url ? link_problem(KEY_LINK, url->value) : NULL;
	if (why) {
		diag_add(diags, path, url->line, "url is not allowed (%s); %s", why,
			 URL_LINK_ALLOWED);
		return;
	}
	if (!title || !*title->value) {
		diag_add(diags, path, sec->line, "[%s] is missing the required key 'title'",
			 sec->name);
		return;
	}
	struct resource *r = realloc(cfg->resources, (cfg->nresources + 1) * sizeof *r);
	if (!r) {
		diag_add(diags, path, sec->line, "out of memory");
		return;
	}
	cfg->resources = r;
	r[cfg->nresources] =
	    (struct resource){.title = strdup(title->value), .url = strdup(url ? url->value : "")};
	if (!r[cfg->nresources].title || !r[cfg->nresources].url) {
		free(r[cfg->nresources].title);
		free(r[cfg->nresources].url);
		diag_add(diags, path, sec->line, "out of memory");
		return;
	}
	cfg->nresources++;
}

/* The author is written into every answer, note and file maca sends: a name by the text
 * rules, whether from the file or from the login name. */
static void check_author(const struct config *cfg, const char *path, int line,
			 struct diag_list *diags)
{
	struct text_fault fault;
	if (text_check(TEXT_NAME, cfg->author, &fault))
		return;
	if (line)
		diag_add(diags, path, line, "author %s", fault.why);
	else
		diag_add(diags, "maca", 0,
			 "the login name in $USER, which maca records as the author, %s; set "
			 "author = YOUR NAME in [maca] of %s",
			 fault.why, path ? path : "the configuration file");
}

static void read_section(const char *path, const struct ini_section *sec, struct config *cfg,
			 struct diag_list *diags)
{
	size_t n;
	const struct config_key *rows = section_keys(sec->name, &n);
	if (n == 0) {
		unknown_section(path, sec, diags);
		return;
	}
	for (size_t k = 0; k < sec->nkeys; k++) {
		const struct ini_key *key = &sec->keys[k];
		size_t i = 0;
		while (i < n && strcmp(rows[i].name, key->name) != 0)
			i++;
		if (i < n)
			read_key(path, key, &rows[i], cfg, diags);
		else
			unknown_key(path, sec, key, rows, n, diags);
	}
	if (takes_name(rows))
		read_resource(path, sec, cfg, diags);
}

int config_load(const char *path, bool optional, struct config *cfg, struct diag_list *diags)
{
	if (set_defaults(cfg) != 0) {
		diag_add(diags, path, 0, "out of memory");
		return -1;
	}
	size_t before = diags->n;
	struct stat st;
	if (!path || (optional && stat(path, &st) != 0 && errno == ENOENT)) {
		check_author(cfg, path, 0, diags);
		return diags->n > before ? -1 : 0;
	}
	struct ini_doc doc;
	if (ini_doc_read_file(path, &doc, diags) != 0) {
		ini_doc_free(&doc);
		return -1;
	}
	for (size_t i = 0; i < doc.nsections; i++)
		read_section(path, &doc.sections[i], cfg, diags);
	const struct ini_section *maca = ini_doc_find(&doc, "maca");
	const struct ini_key *author = maca ? ini_section_find(maca, "author") : NULL;
	int author_line = author ? author->line : 0;
	ini_doc_free(&doc);
	check_author(cfg, path, author_line, diags);
	return diags->n > before ? -1 : 0;
}

void config_free(struct config *cfg)
{
	for (size_t i = 0; i < NKEYS; i++)
		if (is_text(keys[i].kind))
			free(*(char **)((char *)cfg + keys[i].offset));
	resources_free(cfg->resources, cfg->nresources);
	*cfg = (struct config){0};
}
