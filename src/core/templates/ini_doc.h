/* An INI file read with iniparser, plus the index iniparser lacks: every section and key with
 * its line number, in file order. Reading refuses, as `file:line` diagnostics, everything
 * iniparser 4.1 would silently read differently from what the file says: case folding,
 * repeated keys and sections, long lines, continuation lines, a byte order mark, values cut
 * at ';' or '#', quotes inside quoted values, invalid UTF-8. */
#ifndef MACA_INI_DOC_H
#define MACA_INI_DOC_H

#include <stddef.h>

#include "diag.h"

/* iniparser's line buffer is 1024 bytes; keep clear of it. */
#define INI_MAX_LINE 1000
/* Far beyond any template; a file larger is refused before it is read. */
#define INI_DOC_MAX_FILE (16u * 1024 * 1024)

struct ini_key {
	char *name;
	char *value; /* as iniparser returns it */
	int line;
};

struct ini_section {
	char *name;
	int line;
	struct ini_key *keys;
	size_t nkeys;
};

struct ini_doc {
	char *file;
	struct ini_section *sections;
	size_t nsections;
	char *text; /* the bytes read, NUL-terminated */
	size_t len;
};

/* Reading takes only a regular file (input_file.h: a FIFO or device is refused, never read).
 * Both return 0 when the document was read with no problem, -1 after adding diagnostics.
 * The document holds whatever could be read either way; free it with ini_doc_free. */
int ini_doc_read_file(const char *path, struct ini_doc *doc, struct diag_list *diags);
int ini_doc_parse(const char *file, const char *text, size_t len, struct ini_doc *doc,
		  struct diag_list *diags);
void ini_doc_free(struct ini_doc *doc);

const struct ini_section *ini_doc_find(const struct ini_doc *doc, const char *name);
const struct ini_key *ini_section_find(const struct ini_section *sec, const char *name);
/* A key's value when present and not empty, else NULL. */
const char *ini_section_value(const struct ini_section *sec, const char *name);
/* A key's line, or the section's own line when the key is absent (where to report that). */
int ini_section_line(const struct ini_section *sec, const char *name);

#endif
