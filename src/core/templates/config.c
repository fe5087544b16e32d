#include "config.h"

#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ini_doc.h"
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

static void take(char **slot, const char *value)
{
	char *copy = strdup(value);
	if (copy) {
		free(*slot);
		*slot = copy;
	}
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
static void take_path(char **slot, const char *config_path, const char *value)
{
	const char *slash = strrchr(config_path, '/');
	char *full = value[0] == '/' || !slash
			 ? strdup(value)
			 : str_fmt("%.*s/%s", (int)(slash - config_path), config_path, value);
	if (full) {
		free(*slot);
		*slot = full;
	}
}

static void load_publish(const char *path, const struct ini_section *sec, struct config *cfg,
			 struct diag_list *diags)
{
	for (size_t k = 0; k < sec->nkeys; k++) {
		const struct ini_key *key = &sec->keys[k];
		const char *v = key->value;
		if (strcmp(key->name, "small_count") == 0) {
			long n;
			/* Below 3, "fewer than 2" would say 0 or 1, and the secondary rule
			 * can then be replayed to tell which (findings' published.h). */
			if (!parse_long(v, &n) || n < 0 || (n > 0 && n < 3) || n > 1000)
				diag_add(diags, path, key->line,
					 "small_count must be 0 (no suppression) or a whole number "
					 "from 3 to 1000, not '%s'",
					 v);
			else
				cfg->small_count = n;
		} else if (strcmp(key->name, "reference_docx") == 0) {
			take_path(&cfg->reference_docx, path, v);
		} else if (strcmp(key->name, "stylesheet") == 0) {
			take_path(&cfg->stylesheet, path, v);
		} else if (strcmp(key->name, "pdf_engine") == 0) {
			if (strcmp(v, "weasyprint") == 0 || strcmp(v, "wkhtmltopdf") == 0)
				take(&cfg->pdf_engine, v);
			else
				diag_add(diags, path, key->line,
					 "pdf_engine must be weasyprint or wkhtmltopdf, not '%s'",
					 v);
		} else {
			diag_add(diags, path, key->line, "unknown key '%s' in [publish]",
				 key->name);
		}
	}
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

static void check_line(const char *path, const struct ini_key *key, struct diag_list *diags)
{
	struct text_fault fault;
	if (!text_check(TEXT_LINE, key->value, &fault))
		diag_add(diags, path, key->line, "%s %s", key->name, fault.why);
}

/* [partnership]: the partnership's website, newsletter and contact, which the briefing's
 * further information links to. Addresses become live links: http and https for the website,
 * mailto too for the newsletter. */
static void read_partnership(const char *path, const struct ini_section *sec,
			     struct partnership_info *p, struct diag_list *diags)
{
	static const char *const names[] = {"website", "website_title", "newsletter",
					    "newsletter_title", "contact"};
	char **slots[] = {&p->website, &p->website_title, &p->newsletter, &p->newsletter_title,
			  &p->contact};
	for (size_t k = 0; k < sec->nkeys; k++) {
		const struct ini_key *key = &sec->keys[k];
		size_t i = 0;
		while (i < sizeof names / sizeof names[0] && strcmp(key->name, names[i]) != 0)
			i++;
		if (i == sizeof names / sizeof names[0]) {
			diag_add(diags, path, key->line, "unknown key '%s' in [partnership]",
				 key->name);
			continue;
		}
		const char *why = NULL;
		if (slots[i] == &p->website || slots[i] == &p->newsletter) {
			why = *key->value ? url_link_problem(key->value) : NULL;
			if (!why && slots[i] == &p->website &&
			    strncmp(key->value, "mailto:", 7) == 0)
				why = "a website is an http or https address";
		}
		if (why) {
			diag_add(diags, path, key->line, "%s is not allowed (%s); %s", key->name,
				 why, URL_LINK_ALLOWED);
			continue;
		}
		check_line(path, key, diags);
		take(slots[i], key->value);
	}
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
	int author_line = 0;
	for (size_t i = 0; i < doc.nsections; i++) {
		const struct ini_section *sec = &doc.sections[i];
		if (strcmp(sec->name, "maca") == 0) {
			for (size_t k = 0; k < sec->nkeys; k++) {
				const struct ini_key *key = &sec->keys[k];
				const char *v = key->value;
				if (strcmp(key->name, "partnership") == 0) {
					check_line(path, key, diags);
					take(&cfg->partnership, v);
				} else if (strcmp(key->name, "chair_agency") == 0)
					take(&cfg->chair_agency, v);
				else if (strcmp(key->name, "database") == 0)
					take(&cfg->database, v);
				else if (strcmp(key->name, "export_dir") == 0)
					take(&cfg->export_dir, v);
				else if (strcmp(key->name, "author") == 0) {
					author_line = key->line;
					take(&cfg->author, v);
				} else if (strcmp(key->name, "colour") == 0) {
					take_yes_no(&cfg->colour, path, key, diags);
				} else if (strcmp(key->name, "mouse") == 0) {
					take_yes_no(&cfg->mouse, path, key, diags);
				} else {
					diag_add(diags, path, key->line,
						 "unknown key '%s' in [maca]", key->name);
				}
			}
		} else if (strcmp(sec->name, "partnership") == 0) {
			read_partnership(path, sec, &cfg->partnership_info, diags);
		} else if (strcmp(sec->name, "publish") == 0) {
			load_publish(path, sec, cfg, diags);
		} else if (strncmp(sec->name, "resource ", 9) == 0) {
			const struct ini_key *title = ini_section_find(sec, "title");
			const struct ini_key *url = ini_section_find(sec, "url");
			for (size_t k = 0; k < sec->nkeys; k++)
				if (strcmp(sec->keys[k].name, "title") != 0 &&
				    strcmp(sec->keys[k].name, "url") != 0)
					diag_add(diags, path, sec->keys[k].line,
						 "unknown key '%s' in [%s]", sec->keys[k].name,
						 sec->name);
			/* The url becomes a live link in the briefings: http, https and mailto
			 * only. */
			const char *why = url && *url->value ? url_link_problem(url->value) : NULL;
			if (why) {
				diag_add(diags, path, url->line, "url is not allowed (%s); %s", why,
					 URL_LINK_ALLOWED);
				continue;
			}
			if (!title || !*title->value) {
				diag_add(diags, path, sec->line,
					 "[%s] is missing the required key 'title'", sec->name);
				continue;
			}
			struct resource *r =
			    realloc(cfg->resources, (cfg->nresources + 1) * sizeof *r);
			if (!r) {
				diag_add(diags, path, sec->line, "out of memory");
				continue;
			}
			cfg->resources = r;
			r[cfg->nresources] = (struct resource){
			    .title = strdup(title->value), .url = strdup(url ? url->value : "")};
			if (!r[cfg->nresources].title || !r[cfg->nresources].url) {
				free(r[cfg->nresources].title);
				free(r[cfg->nresources].url);
				diag_add(diags, path, sec->line, "out of memory");
				continue;
			}
			cfg->nresources++;
		} else {
			diag_add(diags, path, sec->line, "unknown section [%s]", sec->name);
		}
	}
	ini_doc_free(&doc);
	check_author(cfg, path, author_line, diags);
	return diags->n > before ? -1 : 0;
}

void config_free(struct config *cfg)
{
	free(cfg->partnership);
	free(cfg->chair_agency);
	free(cfg->database);
	free(cfg->export_dir);
	free(cfg->author);
	free(cfg->reference_docx);
	free(cfg->stylesheet);
	free(cfg->pdf_engine);
	resources_free(cfg->resources, cfg->nresources);
	free(cfg->partnership_info.website);
	free(cfg->partnership_info.website_title);
	free(cfg->partnership_info.newsletter);
	free(cfg->partnership_info.newsletter_title);
	free(cfg->partnership_info.contact);
	*cfg = (struct config){0};
}
