#define _GNU_SOURCE /* memfd_create */
#include "ini_doc.h"

#include <ctype.h>
#include <errno.h>
#include <iniparser.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "ini_hint.h"
#include "input_file.h"
#include "sbuf.h"

static char *strip(char *s)
{
	while (*s && isspace((unsigned char)*s))
		s++;
	char *e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

static bool has_upper(const char *s)
{
	for (; *s; s++)
		if (isupper((unsigned char)*s))
			return true;
	return false;
}

static bool key_name_ok(const char *s)
{
	for (; *s; s++)
		if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '-' ||
		      *s == '_' || *s == '.'))
			return false;
	return true;
}

static bool section_name_ok(const char *s)
{
	/* "kind id" pairs such as "grade good" are allowed: one space, no other punctuation. */
	for (; *s; s++)
		if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '-' ||
		      *s == '_' || *s == '.' || *s == ' '))
			return false;
	return true;
}

static struct ini_section *add_section(struct ini_doc *doc, const char *name, int line)
{
	if (!array_grow((void **)&doc->sections, doc->nsections, sizeof *doc->sections))
		return NULL;
	struct ini_section *sec = &doc->sections[doc->nsections];
	*sec = (struct ini_section){.name = str_dup(name), .line = line};
	if (!sec->name)
		return NULL;
	doc->nsections++;
	return sec;
}

static bool add_key(struct ini_section *sec, const char *name, const char *value, int line)
{
	if (!array_grow((void **)&sec->keys, sec->nkeys, sizeof *sec->keys))
		return false;
	char *n = str_dup(name), *v = str_dup(value);
	if (!n || !v) {
		free(n);
		free(v);
		return false;
	}
	sec->keys[sec->nkeys++] = (struct ini_key){.name = n, .value = v, .line = line};
	return true;
}

/* `key = "value"` to show how to write a value that needs quotes: the value itself when short,
 * else an ellipsis. */
static char *quoted(const char *key, const char *value, size_t len, const char *after)
{
	if (utf8_length(value) > 40 || memchr(value, '"', len))
		return str_fmt("%s = \"\xe2\x80\xa6\"%s", key, after);
	return str_fmt("%s = \"%.*s\"%s", key, (int)len, value, after);
}

static bool curly_quote(const char *s)
{
	/* U+2018, U+2019, U+201C, U+201D: E2 80 98/99/9C/9D */
	return (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
	       strchr("\x98\x99\x9c\x9d", s[2]) && s[2];
}

/* Why an unquoted value holding ';' or '#' is refused, and how to write it. */
static char *comment_problem(const char *key, const char *v)
{
	size_t at = strcspn(v, ";#");
	char mark = v[at];
	struct hint_char c;
	if (curly_quote(v) && hint_odd_char(v, &c)) {
		/* “Good; ...” typed by a word processor: the quotes are characters, not quotes. */
		size_t len = strlen(v);
		const char *inner = v + 3;
		size_t n = len - 3;
		if (n >= 3 && curly_quote(v + len - 3))
			n -= 3;
		char *fix = quoted(key, inner, n, "");
		char *msg = fix ? str_fmt("the value starts with %s (U+%04X), which is not a quote "
					  "mark to maca, so the '%c' in it starts a comment and "
					  "cuts the value; type straight double quotes instead: %s",
					  c.what, c.cp, mark, fix)
				: NULL;
		free(fix);
		return msg;
	}
	if (at > 0 && isspace((unsigned char)v[at - 1]) &&
	    (!v[at + 1] || isspace((unsigned char)v[at + 1]))) {
		/* `key = g ; good`: a comment after the value, which needs the value quoted. */
		size_t n = at;
		while (n > 0 && isspace((unsigned char)v[n - 1]))
			n--;
		char *after = str_fmt(" %s", v + at);
		char *fix = after ? quoted(key, v, n, after) : NULL;
		char *msg = fix ? str_fmt("a comment ('%c' ...) may follow a value only when the "
					  "value is in double quotes; write %s",
					  mark, fix)
				: NULL;
		free(after);
		free(fix);
		return msg;
	}
	char *fix = quoted(key, v, strlen(v), "");
	char *msg = fix ? str_fmt("value contains '%c', which iniparser reads as the start of a "
				  "comment; put the whole value in double quotes: %s",
				  mark, fix)
			: NULL;
	free(fix);
	return msg;
}

/* Reads a value the way iniparser does and returns it, or NULL with *problem set (to text
 * the caller frees, NULL when out of memory) when iniparser would read something other than
 * what is written. Modifies raw. */
static char *scan_value(const char *key, char *raw, char **problem)
{
	char *v = strip(raw);
	if (*v == '"' || *v == '\'') {
		char q = *v;
		char *close = strchr(v + 1, q);
		if (!close) {
			*problem = str_dup("unterminated quote");
			return NULL;
		}
		*close = '\0';
		char *rest = strip(close + 1);
		if (*rest && *rest != ';' && *rest != '#') {
			*problem =
			    str_dup(q == '"' ? "text after the closing double quote (a quoted "
					       "value cannot contain a double quote)"
					     : "text after the closing single quote (a quoted "
					       "value cannot contain its own quote)");
			return NULL;
		}
		return v + 1;
	}
	if (strpbrk(v, ";#")) {
		*problem = comment_problem(key, v);
		return NULL;
	}
	return v;
}

static void scan(struct ini_doc *doc, struct diag_list *diags, int *errors)
{
	const char *file = doc->file;
	struct ini_section *cur = NULL;
	bool bad_section = false; /* keys under a refused header were reported with it */
	size_t pos = 0;
	int lineno = 0;
#define PROBLEM(...)                                                                               \
	do {                                                                                       \
		diag_add(diags, file, lineno, __VA_ARGS__);                                        \
		(*errors)++;                                                                       \
	} while (0)
	while (pos < doc->len) {
		lineno++;
		size_t end = pos;
		while (end < doc->len && doc->text[end] != '\n')
			end++;
		size_t n = end - pos;
		const char *start = doc->text + pos;
		pos = end + 1;
		if (n && start[n - 1] == '\r')
			n--;
		if (lineno == 1 && n >= 3 && memcmp(start, "\xEF\xBB\xBF", 3) == 0) {
			PROBLEM("the file starts with a UTF-8 byte order mark, which iniparser "
				"cannot read; save it without one");
			/* Read the rest of the line so the mark is the only problem reported. */
			start += 3;
			n -= 3;
		}
		if (n > INI_MAX_LINE) {
			PROBLEM("line is %zu bytes long; the limit is %d", n, INI_MAX_LINE);
			continue;
		}
		if (memchr(start, '\0', n)) {
			PROBLEM("line contains a NUL byte");
			continue;
		}
		if (!utf8_valid(start, n)) {
			PROBLEM("line is not valid UTF-8");
			continue;
		}
		char *line = malloc(n + 1);
		if (!line) {
			PROBLEM("out of memory");
			return;
		}
		memcpy(line, start, n);
		line[n] = '\0';
		char *s = strip(line);
		size_t len = strlen(s);
		if (len == 0) {
			free(line);
			continue;
		}
		if (s[len - 1] == '\\') {
			/* iniparser joins such a line with the next, even a comment line. */
			PROBLEM(
			    "line ends with '\\': continuation lines are not supported; keep the "
			    "value on one line");
		} else if (*s == ';' || *s == '#') {
			/* a comment */
		} else if (*s == '[') {
			if (s[len - 1] != ']') {
				PROBLEM("a header must end with ']', as in [template]");
				free(line);
				cur = NULL;
				bad_section = true;
				continue;
			}
			s[len - 1] = '\0';
			char *name = strip(s + 1);
			cur = NULL;
			bad_section = true;
			if (!*name) {
				PROBLEM("empty header []: write the block's name between the "
					"brackets, such as [template]");
			} else if (has_upper(name)) {
				char *lower = str_ascii_lower(name);
				PROBLEM("[%s] must be lower case (iniparser folds it): write [%s]",
					name, lower ? lower : name);
				free(lower);
			} else if (!section_name_ok(name)) {
				char *note = hint_odd_note(name);
				PROBLEM("[%s] may use only a-z, 0-9, '-', '_', '.' and a space%s",
					name, note ? note : "");
				free(note);
			} else {
				const struct ini_section *prev = ini_doc_find(doc, name);
				if (prev) {
					PROBLEM(
					    "[%s] repeats the one on line %d: %s", name, prev->line,
					    strchr(name, ' ') ? "give this block another id, or "
								"merge the two"
							      : "merge the two blocks into one");
				} else if (!(cur = add_section(doc, name, lineno))) {
					PROBLEM("out of memory");
				} else {
					bad_section = false;
				}
			}
		} else {
			char *eq = strchr(s, '=');
			if (!eq) {
				PROBLEM("expected 'key = value' or a header such as [template]");
				free(line);
				continue;
			}
			*eq = '\0';
			char *key = strip(s);
			char *problem = NULL;
			char *value = scan_value(key, eq + 1, &problem);
			if (!*key) {
				PROBLEM("missing key name before '='");
			} else if (has_upper(key)) {
				char *lower = str_ascii_lower(key);
				PROBLEM(
				    "key '%s' must be lower case (iniparser folds it): write '%s'",
				    key, lower ? lower : key);
				free(lower);
			} else if (!key_name_ok(key)) {
				char *note = hint_odd_note(key);
				PROBLEM("key '%s' may use only a-z, 0-9, '-', '_' and '.'%s", key,
					!note		   ? ""
					: *note		   ? note
					: strchr(key, ' ') ? "; use '-' between words"
							   : "");
				free(note);
			} else if (!value) {
				PROBLEM("%s: %s", key, problem ? problem : "out of memory");
			} else if (!cur) {
				if (!bad_section)
					PROBLEM("key '%s' comes before the first header: put it "
						"under the "
						"block it belongs to, such as [template]",
						key);
			} else {
				const struct ini_key *prev = ini_section_find(cur, key);
				if (prev)
					PROBLEM(
					    "key '%s' repeats the one on line %d: keep one of them",
					    key, prev->line);
				else if (!add_key(cur, key, value, lineno))
					PROBLEM("out of memory");
			}
			free(problem);
		}
		free(line);
	}
#undef PROBLEM
}

static int swallow_iniparser_error(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

/* Loads the very bytes we scanned with iniparser 4.1, which only reads from a path, through
 * an anonymous in-memory file. */
static dictionary *load_with_iniparser(const char *text, size_t len, char **why)
{
	int fd = memfd_create("maca-ini", MFD_CLOEXEC);
	if (fd < 0) {
		*why = str_fmt("memfd_create: %s", strerror(errno));
		return NULL;
	}
	size_t off = 0;
	while (off < len) {
		ssize_t w = write(fd, text + off, len - off);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			*why = str_fmt("write: %s", strerror(errno));
			close(fd);
			return NULL;
		}
		off += (size_t)w;
	}
	char path[64];
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	iniparser_set_error_callback(swallow_iniparser_error);
	dictionary *d = iniparser_load(path);
	close(fd);
	if (!d)
		*why = str_dup("iniparser could not read the file");
	return d;
}

static void cross_check(struct ini_doc *doc, dictionary *dict, struct diag_list *diags, int *errors)
{
	for (size_t i = 0; i < doc->nsections; i++) {
		struct ini_section *sec = &doc->sections[i];
		for (size_t j = 0; j < sec->nkeys; j++) {
			struct ini_key *k = &sec->keys[j];
			char *full = str_fmt("%s:%s", sec->name, k->name);
			const char *got = full ? iniparser_getstring(dict, full, NULL) : NULL;
			free(full);
			if (!got || strcmp(got, k->value) != 0) {
				diag_add(diags, doc->file, k->line,
					 "%s: iniparser reads this value differently from how it "
					 "is written",
					 k->name);
				(*errors)++;
			}
		}
	}
}

int ini_doc_parse(const char *file, const char *text, size_t len, struct ini_doc *doc,
		  struct diag_list *diags)
{
	*doc = (struct ini_doc){0};
	doc->file = str_dup(file);
	doc->text = malloc(len + 1);
	if (!doc->file || !doc->text) {
		diag_add(diags, file, 0, "out of memory");
		return -1;
	}
	memcpy(doc->text, text, len);
	doc->text[len] = '\0';
	doc->len = len;
	int errors = 0;
	scan(doc, diags, &errors);
	if (errors)
		return -1;
	char *why = NULL;
	dictionary *dict = load_with_iniparser(doc->text, doc->len, &why);
	if (!dict) {
		diag_add(diags, file, 0, "%s", why ? why : "out of memory");
		free(why);
		return -1;
	}
	cross_check(doc, dict, diags, &errors);
	iniparser_freedict(dict);
	return errors ? -1 : 0;
}

int ini_doc_read_file(const char *path, struct ini_doc *doc, struct diag_list *diags)
{
	*doc = (struct ini_doc){0};
	size_t len = 0;
	char *text;
	struct maca_err e = {0};
	if (input_file_read(path, INI_DOC_MAX_FILE,
			    "any template, form or configuration maca reads", &text, &len, &e)) {
		diag_add(diags, path, 0, "cannot read: %s", err_msg(&e));
		err_clear(&e);
		return -1;
	}
	int rc = ini_doc_parse(path, text, len, doc, diags);
	free(text);
	return rc;
}

void ini_doc_free(struct ini_doc *doc)
{
	for (size_t i = 0; i < doc->nsections; i++) {
		struct ini_section *sec = &doc->sections[i];
		for (size_t j = 0; j < sec->nkeys; j++) {
			free(sec->keys[j].name);
			free(sec->keys[j].value);
		}
		free(sec->keys);
		free(sec->name);
	}
	free(doc->sections);
	free(doc->file);
	free(doc->text);
	*doc = (struct ini_doc){0};
}

const struct ini_section *ini_doc_find(const struct ini_doc *doc, const char *name)
{
	return array_find(doc->sections, doc->nsections, sizeof *doc->sections,
			  offsetof(struct ini_section, name), name);
}

const struct ini_key *ini_section_find(const struct ini_section *sec, const char *name)
{
	return array_find(sec->keys, sec->nkeys, sizeof *sec->keys, offsetof(struct ini_key, name),
			  name);
}

const char *ini_section_value(const struct ini_section *sec, const char *name)
{
	const struct ini_key *k = ini_section_find(sec, name);
	return k && *k->value ? k->value : NULL;
}

int ini_section_line(const struct ini_section *sec, const char *name)
{
	const struct ini_key *k = ini_section_find(sec, name);
	return k ? k->line : sec->line;
}
