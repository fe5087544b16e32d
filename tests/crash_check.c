/* The crash test's judge: given a database and the screen captured just before maca was
 * killed on the answering screen, checks that every answer the screen showed as saved is in
 * the database with the value shown.
 *
 * "Shown as saved" is exact: in the section strip (the fourth row, e.g. " G R [I] · | + ·"),
 * every item other than the bracketed current one shows the walk's own copy of what is in
 * the database. That copy is read from the database when a case opens and is replaced only
 * after store_answer_save or store_note_save has committed (ui_answer_save), so a letter or
 * dot there is a claim about the database. The bracketed item and the "Answered" count
 * include the edit in progress, which is not yet saved, and are not checked. The crash test
 * only walks forward, so items before the current one cannot change between the capture and
 * the kill; items after it could (keys still queued), so only items before it are checked.
 *
 * Usage: crash_check DB CAPTURE. Prints "checked N" or "skipped: why" on standard output;
 * exit status 1 with the differences on standard error when the database disagrees. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "store.h"

#define ROWS 24

static char *rows[ROWS];

static int read_capture(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	char *line = NULL;
	size_t cap = 0;
	for (int r = 0; r < ROWS && getline(&line, &cap, f) >= 0; r++) {
		line[strcspn(line, "\n")] = '\0';
		rows[r] = strdup(line);
	}
	free(line);
	fclose(f);
	for (int r = 0; r < ROWS; r++)
		if (!rows[r])
			rows[r] = strdup("");
	return 0;
}

/* The code the strip shows for a saved value, as draw_strip draws it. */
static char *code_for(const struct template *t, bool prompt, const char *value)
{
	if (prompt)
		return strdup(*value ? "+" : "\u00b7");
	if (!*value)
		return strdup("\u00b7");
	int g = template_grade_index(t, value);
	char c = (char)toupper((unsigned char)(g >= 0 ? t->grades[g].key : *value));
	return str_fmt("%c", c);
}

static int skip(const char *why)
{
	printf("skipped: %s\n", why);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: crash_check DB CAPTURE\n");
		return 2;
	}
	if (read_capture(argv[2]) != 0) {
		perror(argv[2]);
		return 2;
	}
	if (!strstr(rows[0], "Answering"))
		return skip("not on the answering screen");
	/* Row 1: " REF  ·  AGENCY NAME  ·  Answered a/b" */
	char *ref = rows[1] + 1, *sep = strstr(ref, "  \u00b7  ");
	if (!sep)
		return skip("no case on the screen");
	*sep = '\0';
	char *agency_name = sep + strlen("  \u00b7  ");
	sep = strstr(agency_name, "  \u00b7  ");
	if (!sep)
		return skip("no agency on the screen");
	*sep = '\0';
	long section, of_n;
	int pos = 0, npos = 0;
	char kind[16];
	if (sscanf(rows[2], " Section %ld/%*d: %n", &section, &pos) < 1 || pos == 0)
		return skip("no section on the screen");
	char *tail = strstr(rows[2], "\u00b7  question ");
	if (!tail)
		tail = strstr(rows[2], "\u00b7  prompt ");
	if (!tail || sscanf(tail + strlen("\u00b7  "), "%15s %d of %ld", kind, &npos, &of_n) != 3)
		return skip("no position on the screen");

	struct maca_err err = {0};
	struct store *st;
	if (store_open(argv[1], &st, &err)) {
		fprintf(stderr, "FAIL: maca cannot reopen %s: %s\n", argv[1], err_msg(&err));
		return 1;
	}
	struct audit_info *audits = NULL;
	size_t naudits = 0;
	struct case_info *cases = NULL;
	size_t ncases = 0;
	struct named_list agencies = {0};
	struct template *t = NULL;
	int failures = 0, checked = 0;
	const char *skipped = NULL;
	if (store_audit_list(st, &audits, &naudits, &err) || naudits != 1 ||
	    store_audit_template(st, audits[0].id, &t, &err) ||
	    store_case_list(st, audits[0].id, &cases, &ncases, &err) ||
	    store_audit_agencies(st, audits[0].id, &agencies, &err)) {
		fprintf(stderr, "FAIL: cannot read the audit back: %s\n", err_msg(&err));
		failures++;
	}
	const struct case_info *c = NULL;
	for (size_t i = 0; i < ncases && !c; i++)
		if (strcmp(cases[i].reference, ref) == 0)
			c = &cases[i];
	const char *agency = NULL;
	for (size_t i = 0; i < agencies.n && !agency; i++)
		if (strcmp(agencies.items[i].label, agency_name) == 0)
			agency = agencies.items[i].id;
	if (!failures && (!c || !agency || section < 1 || (size_t)section > t->nsections))
		skipped = "the screen names no case, agency or section of the audit";
	const struct section *sec = skipped || failures ? NULL : &t->sections[section - 1];
	/* Walk the strip's tokens: questions, then "|", then prompts. */
	size_t item = 0, cur = (size_t)-1, nq = sec ? sec->nquestions : 0;
	char *save = NULL;
	struct sbuf report = {0};
	for (char *tok = sec ? strtok_r(rows[3], " ", &save) : NULL; tok;
	     tok = strtok_r(NULL, " ", &save)) {
		if (strcmp(tok, "|") == 0)
			continue;
		bool current = tok[0] == '[';
		if (current) {
			cur = item;
			tok++;
			tok[strcspn(tok, "]")] = '\0';
		}
		tok[strcspn(tok, "!")] = '\0';
		if (current || cur != (size_t)-1 || item >= nq + sec->nprompts) {
			item++;
			continue;
		}
		bool prompt = item >= nq;
		char *value = NULL, *what = NULL;
		if (prompt) {
			const struct prompt *p = &t->prompts[sec->prompts[item - nq]];
			if (store_note_get(st, c->id, agency, sec->id, p->id, &value, &err))
				value = NULL;
			what = str_fmt("note %s/%s", sec->id, p->id);
		} else {
			const struct question *q = &t->questions[sec->first_question + item];
			struct answer a;
			bool found;
			if (!store_answer_get(st, c->id, agency, q->id, &a, &found, &err)) {
				value = strdup(a.value);
				answer_free(&a);
			}
			what = str_fmt("answer %s", q->id);
		}
		char *want = value ? code_for(t, prompt, value) : NULL;
		if (!want || strcmp(want, tok) != 0) {
			sbuf_addf(&report,
				  "FAIL: %s, %s, %s: the screen showed %s as saved, the "
				  "database holds %s ('%s')\n",
				  ref, agency, what ? what : "?", tok, want ? want : "nothing",
				  value ? value : err_msg(&err));
			failures++;
		}
		checked++;
		free(want);
		free(value);
		free(what);
		item++;
	}
	/* A frame caught mid-redraw can pair one section's strip with another's header. */
	size_t want_items = sec ? (strcmp(kind, "question") == 0 ? nq : sec->nprompts) : 0;
	size_t at = strcmp(kind, "question") == 0 ? cur + 1 : cur + 1 - nq;
	if (sec && (item != nq + sec->nprompts || cur == (size_t)-1 || (size_t)of_n != want_items ||
		    at != (size_t)npos))
		skipped = "the capture does not hold one whole frame";
	char *text = sbuf_take(&report);
	if (skipped) {
		failures = 0;
		printf("skipped: %s\n", skipped);
	} else {
		if (text)
			fputs(text, stderr);
		printf("checked %d\n", checked);
	}
	free(text);
	template_free(t);
	named_list_free(&agencies);
	case_info_list_free(cases, ncases);
	audit_info_list_free(audits, naudits);
	store_close(st);
	err_clear(&err);
	for (int r = 0; r < ROWS; r++)
		free(rows[r]);
	return failures ? 1 : 0;
}
