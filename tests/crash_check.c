/* The crash test's judge: given a database and screens captured while maca was answering,
 * up to the moment it was killed, checks that every answer and note a screen showed as saved
 * is in the database with the value shown.
 *
 * "Shown as saved" is exact: in the section strip (the fourth row, e.g. " G R [I] · | + ·"),
 * every item other than the bracketed current one shows the walk's own copy of what is in
 * the database. That copy is read from the database when a case opens and is replaced only
 * after store_answer_save or store_note_save has committed (ui_answer_save), so a letter or
 * dot there is a claim about the database. The bracketed item and the "Answered" count
 * include the edit in progress, which is not yet saved, and are not checked. The crash test
 * only walks forward, so items before the current one cannot change after a capture; items
 * after it could (keys still queued), so only items before it are checked.
 *
 * Usage: crash_check DB CAPTURE... Prints "checked N skipped K": N distinct items checked,
 * K captures that were not a whole answering screen (one caught mid-redraw, say). Exit
 * status 1, with each difference on standard error, when the database disagrees. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "store.h"

#define ROWS 24
#define SEP "  \u00b7  "

struct judge {
	struct store *st;
	struct template *t;
	struct case_info *cases;
	size_t ncases;
	struct named_list agencies;
	struct named_list seen; /* id: "case|agency|item" already checked */
	int failures;
};

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

/* What the database holds for an item of a section, as the strip would show it. */
static char *stored_code(struct judge *j, const struct case_info *c, const char *agency,
			 const struct section *sec, size_t item, char **what)
{
	struct maca_err err = {0};
	char *value = NULL;
	if (item >= sec->nquestions) {
		const struct prompt *p = &j->t->prompts[sec->prompts[item - sec->nquestions]];
		if (store_note_get(j->st, c->id, agency, sec->id, p->id, &value, &err))
			value = NULL;
		*what = str_fmt("note %s/%s", sec->id, p->id);
	} else {
		const struct question *q = &j->t->questions[sec->first_question + item];
		struct answer a;
		bool found;
		if (!store_answer_get(j->st, c->id, agency, q->id, &a, &found, &err)) {
			value = strdup(a.value);
			answer_free(&a);
		}
		*what = str_fmt("answer %s", q->id);
	}
	err_clear(&err);
	char *code = value ? code_for(j->t, item >= sec->nquestions, value) : NULL;
	free(value);
	return code;
}

/* Checks one capture; returns why it was skipped, or NULL when it was checked. */
static const char *check_capture(struct judge *j, char **rows, int *checked)
{
	if (!strstr(rows[0], "Answering"))
		return "not on the answering screen";
	/* Row 1: " REF  ·  AGENCY NAME  ·  Answered a/b" */
	char *ref = rows[1] + 1, *sep = strstr(ref, SEP);
	if (!sep)
		return "no case on the screen";
	*sep = '\0';
	char *agency_name = sep + strlen(SEP);
	if (!(sep = strstr(agency_name, SEP)))
		return "no agency on the screen";
	*sep = '\0';
	long section, of_n;
	int npos = 0;
	char kind[16];
	char *tail = strstr(rows[2], "\u00b7  question ");
	if (!tail)
		tail = strstr(rows[2], "\u00b7  prompt ");
	if (sscanf(rows[2], " Section %ld/", &section) != 1 || !tail ||
	    sscanf(tail + strlen("\u00b7  "), "%15s %d of %ld", kind, &npos, &of_n) != 3)
		return "no position on the screen";
	const struct case_info *c = NULL;
	for (size_t i = 0; i < j->ncases && !c; i++)
		if (strcmp(j->cases[i].reference, ref) == 0)
			c = &j->cases[i];
	const char *agency = NULL;
	for (size_t i = 0; i < j->agencies.n && !agency; i++)
		if (strcmp(j->agencies.items[i].label, agency_name) == 0)
			agency = j->agencies.items[i].id;
	if (!c || !agency || section < 1 || (size_t)section > j->t->nsections)
		return "the screen names no case, agency or section of the audit";
	const struct section *sec = &j->t->sections[section - 1];
	size_t nq = sec->nquestions, n = nq + sec->nprompts;
	/* The strip's tokens: questions, "|", prompts; "[x]" is current, "!" a flag. */
	char *codes[256];
	size_t ntok = 0, cur = (size_t)-1;
	char *save = NULL;
	for (char *tok = strtok_r(rows[3], " ", &save); tok && ntok < 256;
	     tok = strtok_r(NULL, " ", &save)) {
		if (strcmp(tok, "|") == 0)
			continue;
		if (tok[0] == '[') {
			cur = ntok;
			tok++;
			tok[strcspn(tok, "]")] = '\0';
		}
		tok[strcspn(tok, "!")] = '\0';
		codes[ntok++] = tok;
	}
	/* A frame caught mid-redraw can pair one section's strip with another's header. */
	bool question = strcmp(kind, "question") == 0;
	size_t at = cur + 1 - (question ? 0 : nq);
	if (ntok != n || cur == (size_t)-1 || (size_t)of_n != (question ? nq : sec->nprompts) ||
	    at != (size_t)npos)
		return "the capture does not hold one whole frame";
	for (size_t item = 0; item < cur; item++) {
		char *key = str_fmt("%lld|%s|%s|%zu", (long long)c->id, agency, sec->id, item);
		if (!key || named_find(&j->seen, key)) {
			free(key);
			continue;
		}
		named_add(&j->seen, key, "");
		free(key);
		char *what = NULL;
		char *want = stored_code(j, c, agency, sec, item, &what);
		if (!want || strcmp(want, codes[item]) != 0) {
			fprintf(stderr,
				"FAIL: %s, %s, %s: the screen showed %s as saved, the database "
				"holds %s\n",
				ref, agency, what ? what : "?", codes[item],
				want ? want : "nothing");
			j->failures++;
		}
		(*checked)++;
		free(want);
		free(what);
	}
	return NULL;
}

static int read_capture(const char *path, char **rows)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	char *line = NULL;
	size_t cap = 0;
	int r = 0;
	for (; r < ROWS && getline(&line, &cap, f) >= 0; r++) {
		line[strcspn(line, "\n")] = '\0';
		rows[r] = strdup(line);
	}
	for (; r < ROWS; r++)
		rows[r] = strdup("");
	free(line);
	fclose(f);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: crash_check DB CAPTURE...\n");
		return 2;
	}
	struct judge j = {0};
	struct maca_err err = {0};
	if (store_open(argv[1], &j.st, &err)) {
		fprintf(stderr, "FAIL: maca cannot reopen %s: %s\n", argv[1], err_msg(&err));
		err_clear(&err);
		return 1;
	}
	struct audit_info *audits = NULL;
	size_t naudits = 0;
	if (store_audit_list(j.st, &audits, &naudits, &err) || naudits != 1 ||
	    store_audit_template(j.st, audits[0].id, &j.t, &err) ||
	    store_case_list(j.st, audits[0].id, &j.cases, &j.ncases, &err) ||
	    store_audit_agencies(j.st, audits[0].id, &j.agencies, &err)) {
		fprintf(stderr, "FAIL: cannot read the audit back: %s\n", err_msg(&err));
		j.failures++;
	}
	int checked = 0, skipped = 0;
	for (int i = 2; i < argc && j.t; i++) {
		char *rows[ROWS];
		if (read_capture(argv[i], rows) != 0) {
			perror(argv[i]);
			return 2;
		}
		const char *why = check_capture(&j, rows, &checked);
		if (why) {
			skipped++;
			fprintf(stderr, "%s: skipped: %s\n", argv[i], why);
		}
		for (int r = 0; r < ROWS; r++)
			free(rows[r]);
	}
	printf("checked %d skipped %d\n", checked, skipped);
	named_list_free(&j.seen);
	named_list_free(&j.agencies);
	case_info_list_free(j.cases, j.ncases);
	template_free(j.t);
	audit_info_list_free(audits, naudits);
	store_close(j.st);
	err_clear(&err);
	return j.failures ? 1 : 0;
}
