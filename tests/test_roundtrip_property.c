/* The promise behind the text rules (issue 14, item 7): whatever maca lets in through its
 * entry path it can send and take back. Seeded random records (an audit's title and theme,
 * case references, the author from $USER, a text answer, evidence and a note) of random
 * lengths up to and past each limit, drawn from Unicode's hostile classes as well as from
 * ordinary text, go in as a user's would: through the forms, the configuration and the store.
 * What is accepted is exported as a pack, imported into a second database and compared field
 * by field; what is refused must be refused at entry with a message naming the field. The
 * generator knows by construction whether each value should be accepted.
 * MACA_PROPERTY_SEED=N runs another sequence; a failure names its seed and iteration. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "form.h"
#include "return_doc.h"
#include "return_import.h"
#include "sbuf.h"
#include "store.h"

#define ITERATIONS 300
#define REF_MAX 40	   /* forms/case.ini and the reference rule */
#define TITLE_MAX 200	   /* forms/audit.ini */
#define THEME_MAX 100	   /* forms/audit.ini */
#define NAME_MAX_CHARS 100 /* the name rule */
#define LONG_MAX 250000	   /* the long text rule */

/* A small template: the property is about people's text, and parsing a large template at
 * every step would only slow it. */
static const char template_text[] = "[template]\n"
				    "id = mini\n"
				    "title = Mini audit\n"
				    "theme = Mini theme\n"
				    "version = 1\n"
				    "prompts = gp\n"
				    "\n"
				    "[grade good]\n"
				    "label = Good\n"
				    "key = g\n"
				    "\n"
				    "[grade ri]\n"
				    "label = Requires improvement\n"
				    "key = r\n"
				    "\n"
				    "[agencies]\n"
				    "police = Police\n"
				    "\n"
				    "[prompt gp]\n"
				    "label = Good practice\n"
				    "text = What went well?\n"
				    "\n"
				    "[section first]\n"
				    "title = First section\n"
				    "\n"
				    "[question seen]\n"
				    "section = first\n"
				    "text = Was the child seen?\n"
				    "\n"
				    "[question difference]\n"
				    "section = first\n"
				    "text = What difference did it make?\n"
				    "kind = text\n";
#define GRADED "seen"
#define TEXT_Q "difference"
#define SECTION "first"
#define PROMPT "gp"

/* ---- A seeded generator of text whose fate is known ---- */

static uint64_t seed, rng;
static int iteration;

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static size_t below(size_t n)
{
	return n ? (size_t)(rnd() % n) : 0;
}

enum cls { SAFE, SPACE, TAB, COMMA, INVISIBLE, BIDI, CONTROL, LINEBREAK, NCLASSES };

static const uint32_t spaces[] = {0x20, 0xA0, 0x2003, 0x3000, 0x202F};
static const uint32_t invisible[] = {0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0xAD, 0xFE0F, 0x34F};
static const uint32_t bidi[] = {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066,
				0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x61C};
static const uint32_t linebreak[] = {0x0A, 0x0D, 0x0B, 0x0C, 0x85, 0x2028, 0x2029};
/* Ordinary text in many scripts: ASCII but the comma, accented Latin, Greek, Cyrillic,
 * Hebrew, Arabic, a combining accent, CJK, Hangul, emoji, astral letters. */
static const struct {
	uint32_t lo, hi;
} safe[] = {{0x21, 0x2B},     {0x2D, 0x7E},	  {0xC0, 0xD6},	     {0xD8, 0xF6},
	    {0xF8, 0x17F},    {0x391, 0x3A1},	  {0x3A3, 0x3C9},    {0x410, 0x44F},
	    {0x5D0, 0x5EA},   {0x627, 0x64A},	  {0x301, 0x301},    {0x4E00, 0x4FFF},
	    {0xAC00, 0xAFFF}, {0x1F600, 0x1F64F}, {0x1D400, 0x1D433}};

static uint32_t pick(enum cls c)
{
	switch (c) {
	case SAFE: {
		size_t r = below(sizeof safe / sizeof safe[0]);
		return safe[r].lo + (uint32_t)below(safe[r].hi - safe[r].lo + 1);
	}
	case SPACE:
		return spaces[below(sizeof spaces / sizeof spaces[0])];
	case TAB:
		return '\t';
	case COMMA:
		return ',';
	case INVISIBLE:
		return invisible[below(sizeof invisible / sizeof invisible[0])];
	case BIDI:
		return bidi[below(sizeof bidi / sizeof bidi[0])];
	case CONTROL: {
		/* C0 but tab and line breaks, DEL, C1 but NEL */
		static const uint32_t c0[] = {0x01, 0x07, 0x08, 0x0E, 0x1B, 0x1F};
		size_t r = below(4);
		return r == 0	? c0[below(6)]
		       : r == 1 ? 0x7F
		       : r == 2 ? 0x80 + (uint32_t)below(5)
				: 0x9B;
	}
	case LINEBREAK:
	case NCLASSES:
		break;
	}
	return linebreak[below(sizeof linebreak / sizeof linebreak[0])];
}

/* A text as entered, its length in characters, the classes it holds, and (for a reference)
 * the form the store should keep: spaces made one, none at the ends. */
struct text {
	struct sbuf s;
	size_t chars;
	bool has[NCLASSES];
	struct sbuf normal;
	size_t normal_chars;
	bool pending_space;
};

static void put_utf8(struct sbuf *b, uint32_t c)
{
	char u[4];
	size_t n;
	if (c < 0x80) {
		u[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		u[0] = (char)(0xC0 | c >> 6);
		u[1] = (char)(0x80 | (c & 0x3F));
		n = 2;
	} else if (c < 0x10000) {
		u[0] = (char)(0xE0 | c >> 12);
		u[1] = (char)(0x80 | (c >> 6 & 0x3F));
		u[2] = (char)(0x80 | (c & 0x3F));
		n = 3;
	} else {
		u[0] = (char)(0xF0 | c >> 18);
		u[1] = (char)(0x80 | (c >> 12 & 0x3F));
		u[2] = (char)(0x80 | (c >> 6 & 0x3F));
		u[3] = (char)(0x80 | (c & 0x3F));
		n = 4;
	}
	sbuf_addn(b, u, n);
}

static void add(struct text *t, enum cls c)
{
	uint32_t cp = pick(c);
	put_utf8(&t->s, cp);
	t->chars++;
	t->has[c] = true;
	if (c == SPACE || c == TAB) {
		t->pending_space = t->normal_chars > 0;
		return;
	}
	if (t->pending_space) {
		sbuf_addc(&t->normal, ' ');
		t->normal_chars++;
	}
	t->pending_space = false;
	put_utf8(&t->normal, cp);
	t->normal_chars++;
}

static void add_ascii(struct text *t, const char *s)
{
	for (; *s; s++) {
		sbuf_addc(&t->s, *s);
		sbuf_addc(&t->normal, *s);
		t->chars++;
		t->normal_chars++;
	}
}

/* Ordinary characters with some spaces; a hostile text also draws from every other class
 * and holds at least one character of them. */
static void fill(struct text *t, size_t n, bool hostile)
{
	size_t bad_at = below(n);
	for (size_t i = 0; i < n; i++) {
		enum cls c = below(10) == 0 ? SPACE : SAFE;
		if (hostile && (i == bad_at || below(8) == 0))
			c = (enum cls)(TAB + below(NCLASSES - TAB));
		add(t, c);
	}
}

/* Long text near its limit: a random stretch repeated, so that making it costs little. */
static void fill_long(struct text *t, size_t n, bool hostile)
{
	size_t stretch = 2000;
	if (n < 4 * stretch) {
		fill(t, n, hostile);
		return;
	}
	fill(t, stretch, hostile);
	size_t bytes = t->s.len;
	char *copy = malloc(bytes); /* the buffer moves as it grows */
	assert_non_null(copy);
	memcpy(copy, t->s.data, bytes);
	for (; t->chars + stretch <= n; t->chars += stretch)
		sbuf_addn(&t->s, copy, bytes);
	free(copy);
	fill(t, n - t->chars, false);
}

/* A length for a field limited to max: mostly short, often just around the limit, now and
 * then anywhere up to twice it. Long text reaches its limit now and then. */
static size_t length_for(size_t max)
{
	size_t r = below(100);
	if (max >= LONG_MAX)
		return r < 88 ? 1 + below(200) : r < 95 ? 1 + below(4000) : max - 2 + below(5);
	if (r < 55)
		return below((max < 30 ? max : 30) + 1);
	if (r < 85)
		return max - 3 + below(7);
	return below(2 * max + 1);
}

static void text_free(struct text *t)
{
	sbuf_free(&t->s);
	sbuf_free(&t->normal);
}

static const char *str(struct text *t)
{
	if (!t->s.data)
		sbuf_add(&t->s, "");
	if (!t->normal.data)
		sbuf_add(&t->normal, "");
	assert_false(t->s.failed || t->normal.failed);
	return t->s.data;
}

/* What each rule should make of a text, from how it was made. */
static bool one_line_ok(const struct text *t)
{
	return !t->has[TAB] && !t->has[CONTROL] && !t->has[LINEBREAK];
}

static bool reference_ok(const struct text *t)
{
	/* A tab in a reference is a space like any other. */
	return !t->has[CONTROL] && !t->has[LINEBREAK] && !t->has[COMMA] && !t->has[INVISIBLE] &&
	       !t->has[BIDI] && t->normal_chars >= 1 && t->normal_chars <= REF_MAX;
}

/* ---- The property ---- */

struct tally {
	const char *field;
	size_t accepted, refused, refused_long;
};

static struct tally tallies[] = {
    {"title", 0, 0, 0},	 {"theme", 0, 0, 0},  {"reference", 0, 0, 0}, {"lookalike", 0, 0, 0},
    {"author", 0, 0, 0}, {"answer", 0, 0, 0}, {"evidence", 0, 0, 0},  {"note", 0, 0, 0}};
enum { T_TITLE, T_THEME, T_REF, T_LOOKALIKE, T_AUTHOR, T_ANSWER, T_EVIDENCE, T_NOTE };

#define CHECK(cond, ...)                                                                           \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			print_error("seed %llu, iteration %d: ", (unsigned long long)seed,         \
				    iteration);                                                    \
			fail_msg(__VA_ARGS__);                                                     \
		}                                                                                  \
	} while (0)

/* A value for a failure's message: its first bytes, escaped; never a terminal control. */
static char *shown(const char *value)
{
	struct sbuf b = {0};
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)value; *p && n < 80; p++, n++)
		if (*p >= 0x20 && *p < 0x7F && *p != '\\')
			sbuf_addc(&b, (char)*p);
		else
			sbuf_addf(&b, "\\x%02x", *p);
	if (value[n])
		sbuf_addf(&b, "... (%zu bytes)", strlen(value));
	char *s = sbuf_take(&b);
	return s ? s : strdup("");
}

/* The entry's verdict must be the one expected; a refusal must name the field. */
static void judge(int which, const char *value, bool expected, bool accepted, bool too_long,
		  const char *message, const char *names)
{
	struct tally *t = &tallies[which];
	if (accepted != expected) {
		char *v = shown(value), *m = shown(message ? message : "no message");
		CHECK(false, "%s \"%s\": expected %s, got %s (%s)", t->field, v,
		      expected ? "accepted" : "refused", accepted ? "accepted" : "refused", m);
	}
	if (accepted) {
		t->accepted++;
		return;
	}
	t->refused++;
	t->refused_long += too_long;
	CHECK(message && strstr(message, names), "%s: the refusal \"%s\" does not name \"%s\"",
	      t->field, message ? message : "", names);
}

struct world {
	struct template *tpl;
	struct form *audit_form, *case_form;
	struct store *chair, *agency;
	int64_t audit;
};

/* The form's verdict on one record; the first problem's message, or NULL. */
static char *form_verdict(const struct form *form, const struct form_context *ctx,
			  const struct record *rec, const char *field)
{
	struct named_list problems = {0};
	char *message = NULL;
	if (form_validate(form, ctx, rec, &problems))
		for (size_t i = 0; i < problems.n && !message; i++)
			if (strcmp(problems.items[i].id, field) == 0)
				message = strdup(problems.items[i].label);
	named_list_free(&problems);
	return message;
}

static void enter_audit(struct world *w, struct text *title, struct text *theme)
{
	struct named_list templates = {0};
	assert_true(named_add(&templates, w->tpl->id, w->tpl->title));
	struct form_context ctx = {0};
	ctx.lists[CHOICES_TEMPLATES] = &templates;
	struct record rec = {0};
	assert_true(record_set(&rec, "title", str(title)) &&
		    record_set(&rec, "template", w->tpl->id) &&
		    record_set(&rec, "theme", str(theme)));
	char *title_msg = form_verdict(w->audit_form, &ctx, &rec, "title");
	char *theme_msg = form_verdict(w->audit_form, &ctx, &rec, "theme");
	bool title_ok = title->chars >= 1 && title->chars <= TITLE_MAX && one_line_ok(title);
	bool theme_ok = theme->chars <= THEME_MAX && one_line_ok(theme);
	judge(T_TITLE, str(title), title_ok, !title_msg, title->chars > TITLE_MAX, title_msg,
	      "Audit title");
	judge(T_THEME, str(theme), theme_ok, !theme_msg, theme->chars > THEME_MAX, theme_msg,
	      "Theme");
	free(title_msg);
	free(theme_msg);
	record_free(&rec);
	named_list_free(&templates);
	/* What was refused is not stored: the audit goes on with a plain title or no theme. */
	if (!title_ok) {
		text_free(title);
		*title = (struct text){0};
		add_ascii(title, "Plain title");
	}
	if (!theme_ok) {
		text_free(theme);
		*theme = (struct text){0};
	}
	struct named_list agencies = {0};
	assert_true(named_add(&agencies, "police", "Police"));
	struct audit_new a = {.title = str(title),
			      .theme = theme->chars ? str(theme) : NULL,
			      .agencies = &agencies,
			      .tpl = w->tpl};
	struct maca_err err = {0};
	int rc = store_audit_create(w->chair, &a, &w->audit, &err);
	CHECK(rc == 0, "creating the audit: %s", err_msg(&err));
	named_list_free(&agencies);
}

/* A case through the case form and the store; returns the case id, or 0 if refused. */
static int64_t enter_case(struct world *w, struct text *ref, int which, bool expected)
{
	struct record rec = {0};
	assert_true(record_set(&rec, "reference", str(ref)));
	char *msg = form_verdict(w->case_form, NULL, &rec, "reference");
	record_free(&rec);
	int64_t id = 0;
	struct maca_err err = {0};
	if (!msg) {
		struct case_fields c = {.reference = str(ref)};
		if (store_case_add(w->chair, w->audit, &c, &id, &err)) {
			msg = strdup(err_msg(&err));
			id = 0;
		}
		err_clear(&err);
	}
	judge(which, str(ref), expected, id != 0, ref->normal_chars > REF_MAX, msg,
	      which == T_LOOKALIKE ? "already has a case" : "Case reference");
	free(msg);
	return id;
}

/* The same case typed again: other capitals, spaces at the ends, no-break spaces. */
static void lookalike_of(const char *entered, struct text *out)
{
	add_ascii(out, " ");
	for (const char *p = entered; *p; p++) {
		char c = *p;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		else if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c == ' ')
			sbuf_add(&out->s, "\xc2\xa0");
		else
			sbuf_addc(&out->s, c);
	}
	add_ascii(out, "\t");
}

/* Long text through the store, as the answer screen saves it. */
static bool enter_long(struct world *w, int64_t case_id, int which, struct text *t)
{
	struct maca_err err = {0};
	int rc = which == T_NOTE
		     ? store_note_save(w->chair, case_id, "police", SECTION, PROMPT, str(t), &err)
		 : which == T_ANSWER
		     ? store_answer_save(w->chair, case_id, "police", TEXT_Q, str(t), NULL, &err)
		     : store_answer_save(w->chair, case_id, "police", GRADED, "good", str(t), &err);
	judge(which, str(t), t->chars <= LONG_MAX, rc == 0, t->chars > LONG_MAX,
	      rc ? err_msg(&err) : NULL,
	      which == T_NOTE	  ? "the note"
	      : which == T_ANSWER ? "the answer"
				  : "the evidence");
	err_clear(&err);
	return rc == 0;
}

static void same(const char *what, const char *a, const char *b)
{
	CHECK(a && b && strcmp(a, b) == 0, "%s differs after the round trip", what);
}

/* Every field the pack carries, as the second database holds it. */
static void compare(const struct return_doc *x, const struct return_doc *y)
{
	same("title", x->title, y->title);
	same("theme", x->theme, y->theme);
	same("agency name", x->agency_name, y->agency_name);
	CHECK(x->ncases == y->ncases, "case count differs");
	for (size_t i = 0; i < x->ncases; i++)
		same("reference", x->cases[i].reference, y->cases[i].reference);
	CHECK(x->nanswers == y->nanswers, "answer count differs");
	for (size_t i = 0; i < x->nanswers; i++) {
		same("answer's case", x->answers[i].case_ref, y->answers[i].case_ref);
		same("answer's question", x->answers[i].question_id, y->answers[i].question_id);
		same("answer", x->answers[i].value, y->answers[i].value);
		same("evidence", x->answers[i].evidence, y->answers[i].evidence);
		same("answer's author", x->answers[i].author, y->answers[i].author);
	}
	CHECK(x->nnotes == y->nnotes, "note count differs");
	for (size_t i = 0; i < x->nnotes; i++) {
		same("note's case", x->notes[i].case_ref, y->notes[i].case_ref);
		same("note", x->notes[i].text, y->notes[i].text);
		same("note's author", x->notes[i].author, y->notes[i].author);
	}
}

static struct return_doc *collect(struct store *st, int64_t audit, const char *author)
{
	struct return_doc *doc = NULL;
	struct maca_err err = {0};
	int rc = return_collect(st, audit, "police", RETURN_PACK, author, "test", &doc, &err);
	CHECK(rc == 0, "collecting: %s", err_msg(&err));
	return doc;
}

/* Sends the chair's pack into the agency's new database and compares what arrived. */
static void send_and_take_back(struct world *w, const char *author, const char *title,
			       const char *theme, char **refs, size_t nrefs)
{
	struct return_doc *sent = collect(w->chair, w->audit, author);
	same("title as entered", sent->title, title);
	same("theme as entered", sent->theme, theme);
	CHECK(sent->ncases == nrefs, "the pack has %zu cases, %zu were accepted", sent->ncases,
	      nrefs);
	for (size_t i = 0; i < nrefs; i++)
		same("reference as normalised", sent->cases[i].reference, refs[i]);
	for (size_t i = 0; i < sent->nanswers; i++)
		same("answer's author as entered", sent->answers[i].author, author);
	unsigned char *buf = NULL;
	size_t len = 0;
	struct maca_err err = {0};
	int rc = return_serialize(sent, &buf, &len, &err);
	CHECK(rc == 0, "exporting what was accepted: %s", err_msg(&err));
	struct return_doc *got = NULL;
	rc = return_parse(buf, len, &got, &err);
	CHECK(rc == 0, "reading back what was exported: %s", err_msg(&err));
	same("created_by", got->created_by, author);
	char sum[65];
	return_checksum(buf, len, sum);
	int64_t audit2 = 0;
	rc = return_import_pack(w->agency, got, sum, &audit2, &err);
	CHECK(rc == 0, "importing the pack: %s", err_msg(&err));
	struct return_doc *back = collect(w->agency, audit2, author);
	compare(sent, back);
	return_doc_free(back);
	return_doc_free(got);
	return_doc_free(sent);
	free(buf);
}

static void one_record(struct world *w)
{
	struct maca_err err = {0};
	assert_int_equal(store_open(":memory:", &w->chair, &err), 0);
	assert_int_equal(store_open(":memory:", &w->agency, &err), 0);

	/* The author, as maca finds it: the login name, when the configuration sets none. */
	struct text author = {0};
	fill(&author, 1 + length_for(NAME_MAX_CHARS - 1), below(3) == 0);
	setenv("USER", str(&author), 1);
	struct config cfg;
	struct diag_list diags = {0};
	int rc = config_load(NULL, true, &cfg, &diags);
	bool author_ok = author.chars <= NAME_MAX_CHARS && one_line_ok(&author);
	judge(T_AUTHOR, str(&author), author_ok, rc == 0, author.chars > NAME_MAX_CHARS,
	      diags.n ? diags.items[0].msg : NULL, "$USER");
	const char *who = rc == 0 ? cfg.author : "Fallback Author";
	CHECK(rc != 0 || strcmp(cfg.author, str(&author)) == 0, "the author changed");
	assert_int_equal(store_set_origin(w->chair, who, "keyboard", &err), 0);
	assert_int_equal(store_set_origin(w->agency, "Agency", "keyboard", &err), 0);
	char *author_kept = strdup(who);
	config_free(&cfg);
	diag_list_free(&diags);

	struct text title = {0}, theme = {0};
	fill(&title, length_for(TITLE_MAX), below(3) == 0);
	fill(&theme, length_for(THEME_MAX), below(3) == 0);
	enter_audit(w, &title, &theme);

	char *refs[6] = {0};
	size_t nrefs = 0;
	int64_t first_case = 0;
	size_t ncases = 1 + below(5);
	for (size_t i = 0; i < ncases; i++) {
		struct text ref = {0};
		if (nrefs && below(6) == 0) {
			lookalike_of(refs[below(nrefs)], &ref);
			enter_case(w, &ref, T_LOOKALIKE, false);
			text_free(&ref);
			continue;
		}
		/* Spaces at either end; a distinct start, so no two are lookalikes by chance. */
		for (size_t k = below(3); k > 0; k--)
			add(&ref, SPACE);
		char start[32];
		snprintf(start, sizeof start, "C%zu-", i);
		add_ascii(&ref, start);
		size_t want = length_for(REF_MAX);
		fill(&ref, want > strlen(start) ? want - strlen(start) : 0, below(3) == 0);
		for (size_t k = below(3); k > 0; k--)
			add(&ref, SPACE);
		str(&ref);
		int64_t id = enter_case(w, &ref, T_REF, reference_ok(&ref));
		if (id) {
			refs[nrefs++] = strdup(ref.normal.data);
			if (!first_case)
				first_case = id;
		}
		text_free(&ref);
	}

	if (first_case) {
		const int kinds[] = {T_ANSWER, T_EVIDENCE, T_NOTE};
		for (size_t k = 0; k < 3; k++) {
			struct text t = {0};
			fill_long(&t, length_for(LONG_MAX), below(2) == 0);
			enter_long(w, first_case, kinds[k], &t);
			text_free(&t);
		}
	}

	send_and_take_back(w, author_kept, str(&title), theme.chars ? str(&theme) : w->tpl->theme,
			   refs, nrefs);

	for (size_t i = 0; i < nrefs; i++)
		free(refs[i]);
	free(author_kept);
	text_free(&author);
	text_free(&title);
	text_free(&theme);
	store_close(w->chair);
	store_close(w->agency);
}

static void test_what_is_let_in_goes_out_and_back(void **state)
{
	(void)state;
	const char *env = getenv("MACA_PROPERTY_SEED");
	seed = env && *env ? strtoull(env, NULL, 10) : 14;
	rng = seed * 0x9E3779B97F4A7C15ull + 1;
	struct world w = {0};
	struct diag_list diags = {0};
	assert_int_equal(
	    template_parse("mini.ini", template_text, strlen(template_text), &w.tpl, &diags), 0);
	assert_int_equal(form_load_file(MACA_SOURCE_DIR "/forms/audit.ini", &w.audit_form, &diags),
			 0);
	assert_int_equal(form_load_file(MACA_SOURCE_DIR "/forms/case.ini", &w.case_form, &diags),
			 0);
	const char *user = getenv("USER");
	char *saved_user = user ? strdup(user) : NULL;
	for (iteration = 0; iteration < ITERATIONS; iteration++)
		one_record(&w);
	if (saved_user)
		setenv("USER", saved_user, 1);
	else
		unsetenv("USER");
	free(saved_user);

	/* The sequence really tried both sides of every rule. */
	for (size_t i = 0; i < sizeof tallies / sizeof tallies[0]; i++) {
		const struct tally *t = &tallies[i];
		print_message("%-10s %4zu accepted, %4zu refused (%zu too long)\n", t->field,
			      t->accepted, t->refused, t->refused_long);
		if (i != T_LOOKALIKE)
			CHECK(t->accepted >= 10, "%s: too few accepted", t->field);
		CHECK(t->refused >= (i >= T_ANSWER ? 1 : 3), "%s: too few refused", t->field);
		if (i != T_LOOKALIKE)
			CHECK(t->refused_long >= 1, "%s: never refused for length", t->field);
	}
	form_free(w.audit_form);
	form_free(w.case_form);
	template_free(w.tpl);
	diag_list_free(&diags);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_what_is_let_in_goes_out_and_back),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
