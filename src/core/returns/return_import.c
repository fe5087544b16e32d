/* Importing a return into the chair's audit: checked in full, planned, then written in one
 * transaction (see return_import.h). */
#include "return_import.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "return_internal.h"
#include "return_store.h"
#include "sbuf.h"

/* The return must carry back the token of the pack this database sent its agency: a return
 * whose agency was changed to another's carries the wrong token (or none). Without a token on
 * record (packs of format 1, sent before tokens) a return without one is taken as before. */
static int check_token(struct store *st, const struct return_doc *doc, int64_t audit_id,
		       struct problems *p, struct maca_err *err)
{
	char held[STORE_TOKEN_LEN + 1];
	char *issued = NULL;
	if (store_pack_token_get(st, audit_id, doc->agency_code, held, &issued, err))
		return err->status;
	const char *a = doc->agency_code;
	if (*held && *doc->agency_token &&
	    sodium_memcmp(held, doc->agency_token, STORE_TOKEN_LEN) != 0)
		problems_add(
		    p,
		    "this return says it is from %s, but it does not answer the pack sent to %s "
		    "(its pack token differs): it may be another agency's return with its agency "
		    "changed; nothing was imported",
		    a, a);
	else if (*held && !*doc->agency_token)
		problems_add(
		    p,
		    "this return from %s carries no pack token, but the pack sent to %s on %.10s "
		    "has one: it was changed, or answers a pack from before tokens. Send %s a "
		    "new pack (maca export pack %lld --agency %s); importing it gives their "
		    "maca the token and keeps their answers",
		    a, a, issued, a, (long long)audit_id, a);
	else if (!*held && *doc->agency_token)
		problems_add(
		    p,
		    "this return from %s carries a pack token, but this database sent %s no "
		    "pack with one: it answers a pack from another database, or is another "
		    "agency's return with its agency changed; nothing was imported",
		    a, a);
	free(issued);
	return MACA_OK;
}

/* The audit's own template, for a return made for another: each item must be in it. */
struct template_check {
	struct template *tpl;
	struct problems *p;
};

static int question_known(void *ctx, const struct return_answer *a, struct maca_err *err)
{
	(void)err;
	struct template_check *tc = ctx;
	if (!template_question(tc->tpl, a->question_id))
		problems_add(tc->p,
			     "case '%s', question %s: the audit's template has no such question",
			     a->case_ref, a->question_id);
	return MACA_OK;
}

static int section_known(void *ctx, const struct return_note *n, struct maca_err *err)
{
	(void)err;
	struct template_check *tc = ctx;
	if (!template_section(tc->tpl, n->section_id))
		problems_add(tc->p,
			     "case '%s', note %s/%s: the audit's template has no such section",
			     n->case_ref, n->section_id, n->prompt_id);
	return MACA_OK;
}

/* Checks the return against the audit: every problem into p. */
static int check_return(struct store *st, const struct return_doc *doc, int64_t audit_id,
			struct problems *p, struct maca_err *err)
{
	struct audit_info info;
	if (store_audit_get(st, audit_id, &info, err))
		return err->status;
	if (info.status == AUDIT_CLOSED)
		problems_add(p, "audit %lld (%s) is closed; reopen it, giving a reason, to import",
			     (long long)audit_id, info.title);
	bool same_template = strcmp(info.template_id, doc->template_id) == 0 &&
			     info.template_version == doc->template_version &&
			     strcmp(info.template_hash, doc->template_hash) == 0;
	if (!same_template)
		problems_add(
		    p,
		    "the return is for template %s version %ld, but the audit uses template %s "
		    "version %ld%s",
		    doc->template_id, doc->template_version, info.template_id,
		    info.template_version,
		    strcmp(info.template_id, doc->template_id) == 0 &&
			    info.template_version == doc->template_version
			? " (a different copy of it)"
			: "");
	audit_info_free(&info);
	int64_t agency_id;
	if (store_agency_id(st, audit_id, doc->agency_code, &agency_id, err)) {
		if (err->status != MACA_ENOTFOUND)
			return err->status;
		problems_add(p, "agency %s is not taking part in audit %lld", doc->agency_code,
			     (long long)audit_id);
		err_clear(err);
	} else if (check_token(st, doc, audit_id, p, err)) {
		return err->status;
	}
	for (size_t i = 0; i < doc->ncases; i++) {
		int64_t case_id;
		if (store_case_by_ref(st, audit_id, doc->cases[i].reference, &case_id, err))
			return err->status;
		if (!case_id)
			problems_add(p, "case '%s': the audit has no such case",
				     doc->cases[i].reference);
	}
	if (same_template)
		return MACA_OK;
	struct template_check tc = {.p = p};
	if (store_audit_template(st, audit_id, &tc.tpl, err))
		return err->status;
	int rc = return_walk(doc, question_known, section_known, &tc, err);
	template_free(tc.tpl);
	return rc;
}

static int add_change(struct return_plan *plan, const char *ref, const char *item, bool note,
		      const char *old_value, const char *new_value, const char *old_evidence,
		      bool evidence_changed)
{
	struct return_change *grown =
	    realloc(plan->changes, (plan->nchanges + 1) * sizeof *plan->changes);
	if (!grown)
		return -1;
	plan->changes = grown;
	struct return_change *c = &plan->changes[plan->nchanges++];
	*c = (struct return_change){.case_ref = strdup(ref),
				    .item = strdup(item),
				    .note = note,
				    .old_value = strdup(old_value),
				    .new_value = strdup(new_value),
				    .evidence_changed = evidence_changed};
	crypto_generichash(c->old_evidence_digest, sizeof c->old_evidence_digest,
			   (const unsigned char *)old_evidence, strlen(old_evidence), NULL, 0);
	return c->case_ref && c->item && c->old_value && c->new_value ? 0 : -1;
}

/* Going through the return's answers and notes, counting what is new, the same or changed;
 * with write, also writing each one that is new or changed. */
struct walker {
	struct store *st;
	const struct return_doc *doc;
	struct return_plan *plan;
	bool write;
	struct template *tpl; /* the audit's: which grades need evidence */
	/* The case of the row before: a return's rows come case by case. */
	char *case_ref;
	int64_t case_id;
};

static int case_of(struct walker *w, const char *ref, int64_t *case_id, struct maca_err *err)
{
	if (w->case_ref && strcmp(w->case_ref, ref) == 0) {
		*case_id = w->case_id;
		return MACA_OK;
	}
	free(w->case_ref);
	w->case_ref = NULL;
	if (store_case_by_ref(w->st, w->plan->audit_id, ref, case_id, err))
		return err->status;
	if (!(w->case_ref = strdup(ref)))
		return err_set(err, MACA_ENOMEM, "out of memory");
	w->case_id = *case_id;
	return MACA_OK;
}

/* Blank evidence is none, as the answer screen counts it. */
static bool has_text(const char *s)
{
	for (; s && *s; s++)
		if (!isspace((unsigned char)*s))
			return true;
	return false;
}

/* Counts the answer when its grade needs evidence it lacks, naming the first few. */
static int note_unevidenced(struct walker *w, const struct return_answer *a, struct maca_err *err)
{
	const struct question *q = template_question(w->tpl, a->question_id);
	if (!q || !template_needs_evidence(w->tpl, q, a->value) || has_text(a->evidence))
		return MACA_OK;
	struct return_plan *plan = w->plan;
	if (plan->nunevidenced++ >= RETURN_UNEVIDENCED_NAMED)
		return MACA_OK;
	struct return_unevidenced *u = &plan->unevidenced[plan->nunevidenced - 1];
	*u =
	    (struct return_unevidenced){.case_ref = strdup(a->case_ref),
					.question_id = strdup(a->question_id),
					.grade = strdup(template_value_label(w->tpl, q, a->value))};
	if (!u->case_ref || !u->question_id || !u->grade)
		return err_set(err, MACA_ENOMEM, "out of memory");
	return MACA_OK;
}

static int walk_answer(void *ctx, const struct return_answer *a, struct maca_err *err)
{
	struct walker *w = ctx;
	struct return_plan *plan = w->plan;
	const char *agency = w->doc->agency_code;
	int64_t case_id;
	struct answer old = {0};
	bool found = false;
	int rc = case_of(w, a->case_ref, &case_id, err);
	if (!rc)
		rc = note_unevidenced(w, a, err);
	/* Writing, the put reads what is held itself (and writes nothing when it is the same);
	 * planning, it is read. Either way the same answer is counted the same. */
	if (!rc && w->write)
		rc =
		    store_answer_put_held(w->st, case_id, agency, a->question_id, a->value,
					  a->evidence, a->author, a->updated_at, &old, &found, err);
	else if (!rc)
		rc = store_answer_get(w->st, case_id, agency, a->question_id, &old, &found, err);
	bool differs =
	    !rc && (!str_same(old.value, a->value) || !str_same(old.evidence, a->evidence));
	if (rc || !differs) {
		plan->nsame += !rc;
		answer_free(&old);
		return rc;
	}
	/* An answer given and then cleared holds nothing to replace. */
	if (!found || (!*old.value && !*old.evidence))
		plan->nadd++;
	else if (add_change(plan, a->case_ref, a->question_id, false, old.value, a->value,
			    old.evidence, !str_same(old.evidence, a->evidence)))
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	answer_free(&old);
	return rc;
}

static int walk_note(void *ctx, const struct return_note *n, struct maca_err *err)
{
	struct walker *w = ctx;
	struct return_plan *plan = w->plan;
	const char *agency = w->doc->agency_code;
	int64_t case_id;
	char *old = NULL;
	int rc = case_of(w, n->case_ref, &case_id, err);
	if (!rc)
		rc = store_note_get(w->st, case_id, agency, n->section_id, n->prompt_id, &old, err);
	char *item = rc ? NULL : str_fmt("%s/%s", n->section_id, n->prompt_id);
	if (!rc && !item)
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	if (rc || str_same(old, n->text)) {
		plan->nsame += !rc;
	} else {
		if (!*old)
			plan->nadd++;
		else if (add_change(plan, n->case_ref, item, true, old, n->text, "", false))
			rc = err_set(err, MACA_ENOMEM, "out of memory");
		if (!rc && w->write)
			rc = store_note_put(w->st, case_id, agency, n->section_id, n->prompt_id,
					    n->text, n->author, n->updated_at, err);
	}
	free(item);
	free(old);
	return rc;
}

static int walk(struct store *st, const struct return_doc *doc, struct return_plan *plan,
		bool write, struct maca_err *err)
{
	struct walker w = {.st = st, .doc = doc, .plan = plan, .write = write};
	int rc = store_audit_template(st, plan->audit_id, &w.tpl, err);
	if (!rc)
		rc = return_walk(doc, walk_answer, walk_note, &w, err);
	free(w.case_ref);
	template_free(w.tpl);
	return rc;
}

void return_plan_free(struct return_plan *plan)
{
	for (size_t i = 0; i < plan->nchanges; i++) {
		free(plan->changes[i].case_ref);
		free(plan->changes[i].item);
		free(plan->changes[i].old_value);
		free(plan->changes[i].new_value);
	}
	free(plan->changes);
	for (size_t i = 0; i < plan->nunevidenced && i < RETURN_UNEVIDENCED_NAMED; i++) {
		free(plan->unevidenced[i].case_ref);
		free(plan->unevidenced[i].question_id);
		free(plan->unevidenced[i].grade);
	}
	free(plan->audit_title);
	*plan = (struct return_plan){0};
}

/* The audit, checked; then the walk. Runs inside or outside a transaction. */
static int make_plan(struct store *st, const struct return_doc *doc, bool write,
		     struct return_plan *out, struct maca_err *err)
{
	*out = (struct return_plan){0};
	if (store_audit_by_uuid(st, doc->uuid, &out->audit_id, err))
		return err->status;
	if (!out->audit_id)
		return err_set(err, MACA_ENOTFOUND,
			       "this %s is for audit \"%s\" (%s), which is not in this database%s",
			       return_kind_name(doc->kind), doc->title, doc->uuid,
			       doc->kind == RETURN_RETURN ? "; import a return into the database "
							    "that made the pack"
							  : "");
	if (doc->kind == RETURN_PACK)
		return err_set(err, MACA_EEXIST,
			       "this is a pack for audit %lld (%s), which is already in this "
			       "database; a pack is imported once, in the agency's database",
			       (long long)out->audit_id, doc->title);
	struct problems p = {0};
	int rc = check_return(st, doc, out->audit_id, &p, err);
	if (!rc)
		rc = problems_end(&p, MACA_EUSER, err);
	sbuf_free(&p.text);
	struct audit_info info;
	if (!rc && !store_audit_get(st, out->audit_id, &info, err)) {
		out->audit_title = strdup(info.title);
		audit_info_free(&info);
		if (!out->audit_title)
			rc = err_set(err, MACA_ENOMEM, "out of memory");
	} else if (!rc) {
		rc = err->status;
	}
	if (!rc)
		rc = walk(st, doc, out, write, err);
	if (rc)
		return_plan_free(out);
	return rc;
}

int return_plan_make(struct store *st, const struct return_doc *doc, struct return_plan *out,
		     struct maca_err *err)
{
	/* One snapshot for the whole plan: consistent, and each of its thousands of lookups
	 * no longer takes and drops a read lock of its own (half the time of a large plan). */
	*out = (struct return_plan){0};
	if (store_read_begin(st, err))
		return err->status;
	int rc = make_plan(st, doc, false, out, err);
	store_read_end(st);
	return rc;
}

static bool same_change(const struct return_change *a, const struct return_change *b)
{
	return a->note == b->note && a->evidence_changed == b->evidence_changed &&
	       memcmp(a->old_evidence_digest, b->old_evidence_digest,
		      sizeof a->old_evidence_digest) == 0 &&
	       strcmp(a->case_ref, b->case_ref) == 0 && strcmp(a->item, b->item) == 0 &&
	       strcmp(a->old_value, b->old_value) == 0 && strcmp(a->new_value, b->new_value) == 0;
}

/* The changes themselves, not just how many: the user confirmed replacing those answers. Both
 * plans walk the same return in the same order, so the lists line up. */
static bool same_plan(const struct return_plan *now, const struct return_plan *seen)
{
	if (now->nadd != seen->nadd || now->nchanges != seen->nchanges)
		return false;
	for (size_t i = 0; i < now->nchanges; i++)
		if (!same_change(&now->changes[i], &seen->changes[i]))
			return false;
	return true;
}

int return_apply(struct store *st, const struct return_doc *doc, const struct return_plan *seen,
		 bool replace, const char *checksum, struct maca_err *err)
{
	char *saved = NULL;
	int rc = ret_origin_push(st, "return from", doc->agency_code, checksum, &saved, err);
	if (rc)
		return rc;
	struct return_plan now = {0};
	/* Checked again inside the transaction: nobody can close the audit or change an answer
	 * between the check and the writes. */
	rc = store_begin(st, err);
	if (!rc) {
		rc = make_plan(st, doc, true, &now, err);
		if (!rc && now.nchanges && !replace)
			rc = err_set(
			    err, MACA_EEXIST,
			    "the return changes %zu answer%s or note%s the audit already holds; "
			    "nothing was imported (import with --replace to take the return's)",
			    now.nchanges, now.nchanges == 1 ? "" : "s",
			    now.nchanges == 1 ? "" : "s");
		if (!rc && seen && !same_plan(&now, seen))
			rc = err_set(err, MACA_EBUSY,
				     "the audit changed since the return was checked; nothing was "
				     "imported, look at it again");
		rc = store_end(st, rc, err);
	}
	return_plan_free(&now);
	ret_origin_pop(st, saved);
	return rc;
}
