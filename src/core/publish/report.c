/* The partnership report (see report.h for what it holds and the rules). */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "audit_grades.h"
#include "compare.h"
#include "disclosure_words.h"
#include "findings.h"
#include "md.h"
#include "published.h"
#include "store_actions.h"

/* Counts kept under keys: a section (template id and section id), an agency code. */
struct tallies {
	struct named_list keys; /* id: the key; label: as the report names it */
	size_t (*n)[4];		/* n[i], of keys.items[i]: learning points; or actions by status */
};

/* Counts one under key (which: 0, or an action's status); false when out of memory. */
static bool tally(struct tallies *t, const char *key, const char *label, size_t which)
{
	size_t i = 0;
	while (i < t->keys.n && strcmp(t->keys.items[i].id, key) != 0)
		i++;
	if (i == t->keys.n) {
		size_t(*grown)[4] = realloc(t->n, (i + 1) * sizeof *grown);
		if (!grown)
			return false;
		t->n = grown;
		if (!named_add(&t->keys, key, label))
			return false;
		memset(t->n[i], 0, sizeof t->n[i]);
	}
	t->n[i][which]++;
	return true;
}

static void tallies_free(struct tallies *t)
{
	named_list_free(&t->keys);
	free(t->n);
}

int report_low_position(const struct template *tpl)
{
	return compare_scale_position(tpl, (int)tpl->concern_at);
}

static int by_date(const void *a, const void *b)
{
	const struct audit_info *x = a, *y = b;
	/* Undated audits last, in the order they were created. */
	int c = !*x->audit_date - !*y->audit_date;
	if (!c)
		c = strcmp(x->audit_date, y->audit_date);
	return c ? c : (x->id > y->id) - (x->id < y->id);
}

/* One section's record in one audit, for the "stayed low" rule. */
struct section_run {
	char *template_id;
	char *section_id;
	char *title;
	struct sbuf concern; /* the scale's words, "Amber or Red", from its latest audit */
	struct sbuf audits;  /* "2024-03-01: 3 of 4; ..." */
	size_t audits_graded;
	bool stayed_low;
};

struct report {
	struct audit_info *audits;
	size_t naudits;
	size_t undated;
	struct tallies sections, agencies, owners;
	struct section_run *runs;
	size_t nruns;
	size_t actions[4], actions_total;
	struct sbuf audit_rows, action_rows, overdue_rows;
	size_t noverdue;
	size_t small_count; /* published.h's threshold */
};

/* "2 of 4" (cases at a concern grade, of those graded), the counts suppressed as published.h
 * says: the audit's cases are in the report, so low, the others graded and the cases not
 * graded are a row with a known total. The number graded is written only when both counts
 * that make it are shown. */
static void run_counts(struct sbuf *b, size_t low, size_t graded, size_t ncases, size_t t)
{
	size_t counts[3] = {low, graded - low, ncases > graded ? ncases - graded : 0};
	enum published_state states[3];
	published_row(counts, 3, t, states);
	published_count(b, low, states[0], t);
	if (states[0] == PUBLISHED_SHOWN && states[1] == PUBLISHED_SHOWN)
		sbuf_addf(b, " of %zu", graded);
	else
		sbuf_add(b, " of the cases graded");
}

static int note_run(struct report *r, const struct audit_info *a, const struct template *tpl,
		    size_t s, size_t low, size_t graded, size_t ncases, struct maca_err *err)
{
	struct section_run *run = NULL;
	for (size_t i = 0; i < r->nruns; i++)
		if (strcmp(r->runs[i].template_id, tpl->id) == 0 &&
		    strcmp(r->runs[i].section_id, tpl->sections[s].id) == 0)
			run = &r->runs[i];
	if (!run) {
		struct section_run *grown = realloc(r->runs, (r->nruns + 1) * sizeof *grown);
		if (!grown)
			return err_set(err, MACA_ENOMEM, "out of memory");
		r->runs = grown;
		run = &r->runs[r->nruns++];
		*run = (struct section_run){.template_id = strdup(tpl->id),
					    .section_id = strdup(tpl->sections[s].id),
					    .title = strdup(tpl->sections[s].title),
					    .stayed_low = true};
		if (!run->template_id || !run->section_id || !run->title)
			return err_set(err, MACA_ENOMEM, "out of memory");
	}
	run->concern.len = 0;
	findings_concern_words(&run->concern, tpl);
	if (graded == 0)
		return run->concern.failed ? err_set(err, MACA_ENOMEM, "out of memory") : MACA_OK;
	run->stayed_low = run->stayed_low && low * 2 >= graded;
	sbuf_addf(&run->audits, "%s%s: ", run->audits_graded ? "; " : "",
		  *a->audit_date ? a->audit_date : "undated");
	run_counts(&run->audits, low, graded, ncases, r->small_count);
	run->audits_graded++;
	return run->audits.failed || run->concern.failed
		   ? err_set(err, MACA_ENOMEM, "out of memory")
		   : MACA_OK;
}

static int add_grades(struct report *r, struct store *st, const struct audit_info *a,
		      struct maca_err *err)
{
	struct audit_grades ag;
	if (audit_grades_load(st, a->id, &ag, err))
		return err->status;
	int rc = MACA_OK;
	int *grades = malloc((ag.ncases + 1) * sizeof *grades);
	int low_from = report_low_position(ag.tpl);
	if (!grades)
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	for (size_t s = 0; !rc && s < ag.tpl->nsections; s++) {
		if (!audit_grades_section(&ag, s, NULL, grades)) {
			rc = err_set(err, MACA_ENOMEM, "out of memory");
			break;
		}
		size_t graded = 0, low = 0;
		for (size_t c = 0; c < ag.ncases; c++) {
			int pos = compare_scale_position(ag.tpl, grades[c]);
			graded += pos > 0;
			low += pos > 0 && low_from > 0 && pos >= low_from;
		}
		rc = note_run(r, a, ag.tpl, s, low, graded, ag.ncases, err);
	}
	free(grades);
	audit_grades_free(&ag);
	return rc;
}

static int add_learning(struct report *r, struct store *st, const struct audit_info *a,
			struct maca_err *err)
{
	struct learning_point_row *lps;
	size_t n;
	if (store_learning_points(st, a->id, &lps, &n, err))
		return err->status;
	int rc = MACA_OK;
	size_t counts[4] = {0}, total = 0;
	for (size_t i = 0; !rc && i < n; i++) {
		for (size_t s = 0; !rc && s < lps[i].sections.n; s++) {
			char *key = str_fmt("%s/%s", a->template_id, lps[i].sections.items[s].id);
			if (!key || !tally(&r->sections, key, lps[i].sections.items[s].label, 0))
				rc = err_set(err, MACA_ENOMEM, "out of memory");
			free(key);
		}
		for (size_t g = 0; !rc && g < lps[i].agencies.n; g++)
			if (!tally(&r->agencies, lps[i].agencies.items[g].id,
				   lps[i].agencies.items[g].label, 0))
				rc = err_set(err, MACA_ENOMEM, "out of memory");
		for (size_t k = 0; !rc && k < lps[i].nactions; k++) {
			const struct action_row *act = &lps[i].actions[k];
			const char *owner = *act->owner_agency ? act->owner_agency : "(no owner)";
			if (!tally(&r->owners, owner, owner, act->status))
				rc = err_set(err, MACA_ENOMEM, "out of memory");
			counts[act->status]++;
			total++;
		}
	}
	for (int s = 0; s < 4; s++)
		r->actions[s] += counts[s];
	r->actions_total += total;
	if (!rc && total) {
		sbuf_add(&r->action_rows, "| ");
		md_cell(&r->action_rows, a->title);
		sbuf_addf(&r->action_rows, " | %zu | %zu | %zu%% |\n", total, counts[ACTION_DONE],
			  findings_percent(counts[ACTION_DONE], total));
	}
	sbuf_addf(&r->audit_rows, "| %lld | %s | ", (long long)a->id,
		  *a->audit_date ? a->audit_date : "–");
	md_cell(&r->audit_rows, a->title);
	sbuf_add(&r->audit_rows, " | ");
	md_cell(&r->audit_rows, a->theme);
	sbuf_addf(&r->audit_rows, " | %s v%ld | %lld | %zu | %s | ", a->template_id,
		  a->template_version, (long long)a->ncases, n, audit_status_name(a->status));
	int64_t earlier = 0;
	if (!rc)
		rc = store_audit_earlier(st, a->id, &earlier, err);
	if (earlier)
		sbuf_addf(&r->audit_rows, "audit %lld", (long long)earlier);
	sbuf_add(&r->audit_rows, " |\n");
	learning_point_rows_free(lps, n);
	return rc;
}

/* Days since 1970-01-01 of a valid YYYY-MM-DD (proleptic Gregorian), to count days overdue. */
static long day_number(const char *date)
{
	long y = strtol(date, NULL, 10), m = strtol(date + 5, NULL, 10),
	     d = strtol(date + 8, NULL, 10);
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

static bool in_scope(const struct report *r, int64_t audit_id)
{
	for (size_t i = 0; i < r->naudits; i++)
		if (r->audits[i].id == audit_id)
			return true;
	return false;
}

/* The tracker's overdue actions (its one definition of overdue) in the audits in scope, most
 * overdue first; each action's text is checked for identifiers like the audit titles. */
static int add_overdue(struct report *r, struct store *st, const char *today,
		       struct disclosure_words *words, struct disclosure_list *found,
		       struct maca_err *err)
{
	struct action_filter f = {.today = today, .due = ACTION_DUE_OVERDUE};
	struct action_item *items;
	size_t n;
	if (store_actions_list(st, &f, &items, &n, err))
		return err->status;
	int rc = MACA_OK;
	for (size_t i = 0; !rc && i < n; i++) {
		const struct action_item *a = &items[i];
		if (!a->overdue || !in_scope(r, a->audit_id))
			continue;
		char *where = str_fmt("action %d.%d of audit %lld", a->point, a->position,
				      (long long)a->audit_id);
		const struct disclosure_vocab *vocab = NULL;
		size_t before = found->n;
		rc = where ? disclosure_words_get(words, st, a->audit_id, &vocab, err)
			   : err_set(err, MACA_ENOMEM, "out of memory");
		if (!rc)
			rc = disclosure_scan_vocab(a->what, vocab, where, found, err);
		free(where);
		disclosure_list_place(found, before, DISCLOSURE_IN_ACTION, a->id, "what");
		sbuf_add(&r->overdue_rows, "| ");
		md_cell(&r->overdue_rows, a->audit_title);
		sbuf_addf(&r->overdue_rows, " | %d | %d.%d ", a->point, a->point, a->position);
		md_cell(&r->overdue_rows, a->what);
		sbuf_add(&r->overdue_rows, " | ");
		md_cell(&r->overdue_rows, *a->owner_name ? a->owner_name : "(no owner)");
		sbuf_addf(&r->overdue_rows, " | %s | %ld |\n", a->due_date,
			  day_number(today) - day_number(a->due_date));
		r->noverdue++;
	}
	action_items_free(items, n);
	if (!rc && r->overdue_rows.failed)
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	return rc;
}

static void write_tallies(struct sbuf *b, const char *head, const struct tallies *t,
			  const char *empty)
{
	if (t->keys.n == 0) {
		sbuf_addf(b, "%s\n", empty);
		return;
	}
	sbuf_addf(b, "%s\n| --- | ---: |\n", head);
	for (size_t i = 0; i < t->keys.n; i++) {
		sbuf_add(b, "| ");
		md_cell(b, t->keys.items[i].label);
		sbuf_addf(b, " | %zu |\n", t->n[i][0]);
	}
}

static void write_report(struct sbuf *b, const struct report *r, const char *since,
			 const char *today)
{
	sbuf_add(b, "# Partnership report: what our case audits show\n\n");
	if (since)
		sbuf_addf(b, "Audits dated from %s: %zu.", since, r->naudits);
	else
		sbuf_addf(b, "All audits: %zu.", r->naudits);
	if (r->undated)
		sbuf_addf(b, " %zu audit%s without a date %s left out.", r->undated,
			  r->undated == 1 ? "" : "s", r->undated == 1 ? "is" : "are");
	sbuf_add(b, "\n\n## Themes audited\n\n");
	if (r->naudits)
		sbuf_addf(
		    b,
		    "| Audit | Date | Title | Theme | Template | Cases | Learning points | "
		    "Status | Re-audit of |\n| ---: | --- | --- | --- | --- | ---: | ---: | --- "
		    "| --- |\n%s",
		    r->audit_rows.data);
	else
		sbuf_add(b, "No audits.\n");
	sbuf_add(b, "\n## Learning points by section\n\n");
	write_tallies(b, "| Section | Learning points |", &r->sections,
		      "No learning point links a section.");
	sbuf_add(b, "\n## Learning points by agency\n\n");
	write_tallies(b, "| Agency | Learning points |", &r->agencies,
		      "No learning point links an agency.");
	sbuf_add(b, "\n## Actions\n\n");
	sbuf_add(b, "Done: ");
	findings_actions_progress(b, r->actions, r->actions_total, " ");
	sbuf_add(b, "\n");
	if (r->actions_total) {
		sbuf_addf(b,
			  "\n| Audit | Actions | Done | Completion |\n| --- | ---: | ---: | ---: "
			  "|\n%s",
			  r->action_rows.data);
		sbuf_add(b,
			 "\n| Owner agency | Actions | Done | Completion |\n| --- | ---: | ---: | "
			 "---: |\n");
		for (size_t i = 0; i < r->owners.keys.n; i++) {
			const size_t *n = r->owners.n[i];
			size_t all = n[0] + n[1] + n[2] + n[3];
			sbuf_add(b, "| ");
			md_cell(b, r->owners.keys.items[i].label);
			sbuf_addf(b, " | %zu | %zu | %zu%% |\n", all, n[ACTION_DONE],
				  findings_percent(n[ACTION_DONE], all));
		}
	}
	sbuf_addf(
	    b,
	    "\n## Overdue actions\n\nActions still open on %s whose due date has passed, most "
	    "overdue first.\n\n",
	    today);
	if (r->noverdue)
		sbuf_addf(b,
			  "| Audit | Learning point | Action | Owner | Due date | Days overdue "
			  "|\n| --- | ---: | --- | --- | --- | ---: |\n%s",
			  r->overdue_rows.data);
	else
		sbuf_add(b, "None.\n");
	sbuf_add(b, "\n## Sections that stayed a concern\n\n"
		    "A section is listed when it was graded in two or more audits on the same "
		    "template and, in every one, at least half the cases graded there were at a "
		    "grade the template counts as a concern (shown in its own words). A section "
		    "whose questions are all answered yes or no, or "
		    "in words, has nothing to grade and is never listed.\n\n");
	size_t listed = 0;
	for (size_t i = 0; i < r->nruns; i++) {
		const struct section_run *run = &r->runs[i];
		if (run->audits_graded < 2 || !run->stayed_low)
			continue;
		if (listed++ == 0)
			sbuf_add(b, "| Template | Section | Stayed at | Cases at those grades "
				    "|\n| --- | --- | --- | --- |\n");
		sbuf_addf(b, "| %s | ", run->template_id);
		md_cell(b, run->title);
		sbuf_add(b, " | ");
		md_cell(b, run->concern.data ? run->concern.data : "");
		sbuf_addf(b, " | %s |\n", run->audits.data);
	}
	if (!listed)
		sbuf_add(b, "None.\n");
}

int report_write(struct store *st, const char *since, const char *today,
		 const struct resource *resources, size_t nresources, size_t small_count,
		 char **out, struct disclosure_list *found, struct maca_err *err)
{
	*out = NULL;
	if (since && !date_valid(since))
		return err_set(err, MACA_EUSER, "--since '%s' is not a date written YYYY-MM-DD",
			       since);
	if (!today || !date_valid(today))
		return err_set(err, MACA_EUSER,
			       "today's date '%s' is not a date written YYYY-MM-DD",
			       today ? today : "");
	struct report r = {.small_count = small_count};
	struct audit_info *all;
	size_t nall;
	if (store_audit_list(st, &all, &nall, err))
		return err->status;
	r.audits = all;
	for (size_t i = 0; i < nall; i++) {
		bool keep = !since || (*all[i].audit_date && strcmp(all[i].audit_date, since) >= 0);
		r.undated += since && !*all[i].audit_date;
		if (keep)
			all[r.naudits++] = all[i];
		else
			audit_info_free(&all[i]);
	}
	qsort(r.audits, r.naudits, sizeof *r.audits, by_date);
	/* Each audit's text is checked with its own words, as its briefing is. */
	struct disclosure_words words = {.resources = resources, .nresources = nresources};
	int rc = MACA_OK;
	for (size_t i = 0; !rc && i < r.naudits; i++) {
		const struct audit_info *a = &r.audits[i];
		const struct disclosure_vocab *vocab = NULL;
		char *title = str_fmt("audit %lld, title", (long long)a->id);
		char *theme = str_fmt("audit %lld, theme", (long long)a->id);
		rc = title && theme ? disclosure_words_get(&words, st, a->id, &vocab, err)
				    : err_set(err, MACA_ENOMEM, "out of memory");
		size_t before = found->n;
		if (!rc)
			rc = disclosure_scan_vocab(a->title, vocab, title, found, err);
		disclosure_list_place(found, before, DISCLOSURE_IN_AUDIT, a->id, "title");
		before = found->n;
		if (!rc)
			rc = disclosure_scan_vocab(a->theme, vocab, theme, found, err);
		disclosure_list_place(found, before, DISCLOSURE_IN_AUDIT, a->id, "theme");
		free(title);
		free(theme);
		if (!rc)
			rc = add_learning(&r, st, a, err);
		if (!rc)
			rc = add_grades(&r, st, a, err);
	}
	if (!rc)
		rc = add_overdue(&r, st, today, &words, found, err);
	disclosure_words_free(&words);
	if (!rc && (r.audit_rows.failed || r.action_rows.failed))
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	struct sbuf b = {0};
	if (!rc) {
		write_report(&b, &r, since, today);
		rc = err_sbuf_take(&b, out, err);
	}
	sbuf_free(&b);
	for (size_t i = 0; i < r.nruns; i++) {
		free(r.runs[i].template_id);
		free(r.runs[i].section_id);
		free(r.runs[i].title);
		sbuf_free(&r.runs[i].concern);
		sbuf_free(&r.runs[i].audits);
	}
	free(r.runs);
	tallies_free(&r.sections);
	tallies_free(&r.agencies);
	tallies_free(&r.owners);
	sbuf_free(&r.audit_rows);
	sbuf_free(&r.action_rows);
	sbuf_free(&r.overdue_rows);
	audit_info_list_free(r.audits, r.naudits);
	return rc;
}
