/* The synthetic demo audit: invented content, written as an auditor might, through the public
 * store API only. Grades come from a fixed pattern per case, so the demo is the same every
 * time; the evidence is assembled from a sentence per question and grade band. */

#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "store.h"

#define DEMO_TEMPLATE "domestic-abuse"

static const char *const taking_part[] = {"csc", "police", "health", "education", "da-service"};

/* The agencies that answer, and where each one's evidence comes from. */
static const char *const answering[] = {"csc", "police", "health"};
static const char *const sources[] = {"Children's social care record", "Police incident log",
				      "Health visitor and GP records"};

static const char *const grade_ids[] = {"outstanding", "good", "requires-improvement",
					"inadequate"};

struct demo_case {
	const char *reference, *age_band, *plan_status, *tags;
	int base;	  /* the case's usual grade index: 0 outstanding .. 3 inadequate */
	size_t nsections; /* how many of the answered sections its agencies have done */
	bool csc_only;	  /* only children's social care has started */
};

/* No case alone has two features that no other case has: the briefing's disclosure check
 * would rightly stop at such a combination (findings' published.h). */
static const struct demo_case cases[] = {
    {"Child A", "5-10", "child-protection", "coercive-control, marac", 1, 3, false},
    {"Child B", "11-15", "child-in-need", "mental-health, parental-separation, language-barrier", 1,
     3, false},
    {"Child C", "under-1", "child-protection",
     "drugs-alcohol, coercive-control, parental-separation", 2, 3, false},
    {"Child D", "1-4", "early-help", "language-barrier, nrpf, homelessness", 2, 3, false},
    {"Child E", "16-17", "none", "child-exploitation, drugs-alcohol, homelessness", 2, 1, true},
    {"Child F", "unborn", "child-protection", "unborn-baby, marac", 1, 0, false},
};
#define NCASES (sizeof cases / sizeof cases[0])

struct demo_question {
	const char *id;
	const char *well;   /* the evidence when practice was outstanding or good */
	const char *poorly; /* and when it required improvement or was inadequate */
};

/* The answered sections, in template order: identification, assessment, voice. */
static const struct demo_question questions[] = {
    {"identification-recognised",
     "abuse named as coercive control at first contact, not described as arguments; earlier "
     "incidents checked across agencies.",
     "first three contacts describe a 'volatile relationship'; coercive control not named until "
     "the fourth incident."},
    {"identification-referral",
     "referral sets out what the child heard, names the perpetrator and his history, and "
     "records the child's own words.",
     "referral lists the adults' injuries but says little about the child's experience; "
     "siblings not named."},
    {"identification-front-door",
     "threshold decision within a working day; strategy discussion the next day with police, "
     "health and the domestic abuse service.",
     "MASH decision took six working days; no strategy discussion although an injury to the "
     "child was reported."},
    {"identification-encompass",
     "Operation Encompass notification reached the school before the next school day; the key "
     "adult checked in with the child at registration.",
     "Encompass notification sent two days late and without detail of what the child saw."},
    {"identification-curiosity",
     "practitioners asked who else visits the home and identified the mother's new partner and "
     "his children in another area.",
     "no questions about the new partner seen at a home visit; previous relationships not "
     "checked."},
    {"assessment-holistic",
     "assessment includes a multi-agency chronology and analyses the cumulative impact of "
     "repeated incidents on the child.",
     "assessment focuses on the latest incident; the chronology stops at the previous referral."},
    {"assessment-perpetrator",
     "father seen twice during the assessment; police and probation history used to analyse "
     "the risk to the child.",
     "perpetrator not seen or contacted; the assessment relies on the mother's account of his "
     "risk."},
    {"assessment-contributions",
     "GP, health visitor, school and the domestic abuse service all contributed, and the "
     "assessment records what each said.",
     "GP and adult mental health not asked to contribute although both were involved."},
    {"assessment-smart-plan",
     "plan names the agency, timescale and measure for each action, including police actions on "
     "bail conditions.",
     "plan actions are for the mother only ('to engage', 'to keep the home safe'); none for the "
     "perpetrator."},
    {"assessment-decisions",
     "manager's reasons recorded at each step; the health visitor's disagreement was escalated "
     "and resolved within the week.",
     "plan stepped down while incidents continued; the school's concerns were not escalated."},
    {"voice-seen",
     "child seen alone on most visits by the same social worker, with the child's comments "
     "recorded.",
     "child seen only with the mother present; two planned visits cancelled."},
    {"voice-direct-work",
     "worry scale and three houses work recorded; the plan changed after the child said weekends "
     "at the father's home were frightening.",
     "no direct work recorded; the plan says 'child's wishes unknown'."},
    {"voice-pre-verbal",
     "observations of how the child responded to raised voices and to each parent are recorded.",
     "no observations of the child's presentation recorded by any agency."},
    {"voice-all-agencies",
     "the record describes where the child was during the incident and how the child presented.",
     "the record describes the adults only; the child is not mentioned."},
};
#define NQUESTIONS (sizeof questions / sizeof questions[0])

/* First question of each answered section within `questions`, and the end. */
static const size_t section_starts[] = {0, 5, 10, NQUESTIONS};

/* Evidence written out in full for a few answers: longer, over several lines. */
struct demo_text {
	const char *reference, *agency, *id, *text;
};

static const struct demo_text evidence_overrides[] = {
    {"Child A", "csc", "identification-recognised",
     "Contact record, first week of the period: the MASH social worker named coercive control "
     "and economic abuse, citing the mother's account of money being withheld.\n"
     "Siân (social worker) checked police and health records the same day and found two earlier "
     "call-outs recorded as 'verbal arguments'."},
    {"Child A", "health", "voice-seen",
     "Zoë (health visitor) saw the child alone at the school nurse drop-in.\n"
     "Record notes the child's words: \"I go to my room and put my headphones on.\"\n"
     "Followed up at the next contact."},
    {"Child C", "police", "assessment-perpetrator",
     "Incident log and PPN: previous partner's children named; bail conditions recorded.\n"
     "No record that the risk to the baby was analysed, only the risk to the mother."},
};

static const char *const na_encompass =
    "Not in a school or early years setting during the period audited.";
static const char *const na_pre_verbal =
    "Child is of secondary school age and talks readily; the question does not apply.";

/* The not-applicable evidence for a case and question, or NULL when the question applies. */
static const char *not_applicable(const struct demo_case *c, const char *id)
{
	if (strcmp(id, "identification-encompass") == 0 &&
	    (strcmp(c->age_band, "under-1") == 0 || strcmp(c->age_band, "unborn") == 0))
		return na_encompass;
	if (strcmp(id, "voice-pre-verbal") == 0 &&
	    (strcmp(c->age_band, "11-15") == 0 || strcmp(c->age_band, "16-17") == 0))
		return na_pre_verbal;
	return NULL;
}

/* The grade index agency a gives case c on question q: the case's usual grade, now and then
 * one worse or one better. */
static int demo_grade(size_t c, size_t a, size_t q)
{
	int g = cases[c].base;
	if ((c + 2 * a + 3 * q + 2) % 5 == 0)
		g++;
	else if (g > 0 && (c + a + q) % 7 == 1)
		g--;
	return g > 3 ? 3 : g;
}

/* Police leave the assessment's list of contributors to children's social care. */
static bool answers(size_t a, size_t q)
{
	return !(strcmp(answering[a], "police") == 0 &&
		 strcmp(questions[q].id, "assessment-contributions") == 0);
}

static int save_answer(struct store *st, int64_t case_id, size_t c, size_t a, size_t q,
		       struct maca_err *err)
{
	const char *na = not_applicable(&cases[c], questions[q].id);
	int g = demo_grade(c, a, q);
	for (size_t i = 0; i < sizeof evidence_overrides / sizeof evidence_overrides[0]; i++) {
		const struct demo_text *o = &evidence_overrides[i];
		if (strcmp(o->reference, cases[c].reference) == 0 &&
		    strcmp(o->agency, answering[a]) == 0 && strcmp(o->id, questions[q].id) == 0)
			return store_answer_save(st, case_id, answering[a], questions[q].id,
						 grade_ids[g], o->text, err);
	}
	if (na)
		return store_answer_save(st, case_id, answering[a], questions[q].id,
					 "not-applicable", na, err);
	char *evidence =
	    str_fmt("%s: %s", sources[a], g <= 1 ? questions[q].well : questions[q].poorly);
	if (!evidence)
		return err_set(err, MACA_ENOMEM, "out of memory");
	int rc = store_answer_save(st, case_id, answering[a], questions[q].id, grade_ids[g],
				   evidence, err);
	free(evidence);
	return rc;
}

/* What children's social care wrote, in a few sentences, about the difference made. */
static const struct demo_text differences[] = {
    {"Child A", "csc", "protection-difference",
     "Child A now lives with the mother at a new address; no further incidents in the last "
     "three months.\nSchool reports better attendance, and the child says home feels "
     "'calmer'."},
    {"Child B", "csc", "protection-difference",
     "Incidents stopped after the non-molestation order, but contact arrangements still worry "
     "the child."},
    {"Child C", "csc", "protection-difference",
     "The baby is thriving and the mother attends the domestic abuse service's group. The "
     "father's place on a behaviour-change programme is still awaited."},
};

/* Section notes: children's social care and health on identification, for two cases. */
static const struct demo_text notes[] = {
    {"Child A", "csc", "good-practice",
     "The MASH social worker read the history across agencies before deciding, and named "
     "coercive control in the first strategy discussion."},
    {"Child A", "csc", "development",
     "Earlier police call-outs were recorded as 'verbal arguments' and not shared; the pattern "
     "was visible sooner than it was acted on."},
    {"Child A", "csc", "recommendations",
     "Partnership training on recognising coercive control at first contact, using this case "
     "(anonymised) as an example."},
    {"Child A", "health", "good-practice",
     "Zoë (health visitor) asked about domestic abuse when the mother was seen alone and "
     "recorded the answer word for word."},
    {"Child B", "police", "development",
     "The PPN did not say the children were in the house; the child's experience was left for "
     "others to find out."},
};

static const char *const rationales[] = {
    "Agreed at moderation: every agency's record shows timely practice that made a difference "
    "for the child.",
    "Agreed at moderation: the evidence from children's social care and health supports good.",
    "Agreed at moderation: the evidence shows delay, and the child's experience was not "
    "central.",
    "Agreed at moderation: the child was left at risk; the panel asked for this to be "
    "escalated.",
};

static int find_case(const char *reference, const int64_t *ids, int64_t *id)
{
	for (size_t c = 0; c < NCASES; c++)
		if (strcmp(cases[c].reference, reference) == 0) {
			*id = ids[c];
			return 0;
		}
	return -1;
}

static int add_cases(struct store *st, int64_t audit, int64_t *ids, struct maca_err *err)
{
	for (size_t c = 0; c < NCASES; c++) {
		struct named_list tags = {0};
		if (!split_list(cases[c].tags, &tags)) {
			named_list_free(&tags);
			return err_set(err, MACA_ENOMEM, "out of memory");
		}
		struct case_fields f = {.reference = cases[c].reference,
					.age_band = cases[c].age_band,
					.plan_status = cases[c].plan_status,
					.tags = &tags};
		int rc = store_case_add(st, audit, &f, &ids[c], err);
		named_list_free(&tags);
		if (rc)
			return rc;
	}
	return MACA_OK;
}

static int add_answers(struct store *st, const int64_t *ids, struct maca_err *err)
{
	for (size_t c = 0; c < NCASES; c++)
		for (size_t a = 0; a < (cases[c].csc_only ? 1 : 3); a++)
			for (size_t q = 0; q < section_starts[cases[c].nsections]; q++) {
				if (!answers(a, q))
					continue;
				int rc = save_answer(st, ids[c], c, a, q, err);
				if (rc)
					return rc;
			}
	int64_t id;
	for (size_t i = 0; i < sizeof differences / sizeof differences[0]; i++) {
		const struct demo_text *d = &differences[i];
		int rc = find_case(d->reference, ids, &id)
			     ? MACA_OK
			     : store_answer_save(st, id, d->agency, d->id, d->text, NULL, err);
		if (rc)
			return rc;
	}
	for (size_t i = 0; i < sizeof notes / sizeof notes[0]; i++) {
		const struct demo_text *n = &notes[i];
		int rc =
		    find_case(n->reference, ids, &id)
			? MACA_OK
			: store_note_save(st, id, n->agency, "identification", n->id, n->text, err);
		if (rc)
			return rc;
	}
	return MACA_OK;
}

/* Agreed grades for Child A and Child B in identification and voice; Child A moderated. */
static int add_agreed(struct store *st, const int64_t *ids, struct maca_err *err)
{
	static const size_t sections[][2] = {{0, 5}, {10, 14}};
	for (size_t c = 0; c < 2; c++) {
		for (size_t s = 0; s < 2; s++)
			for (size_t q = sections[s][0]; q < sections[s][1]; q++) {
				int g = demo_grade(c, 0, q);
				bool na = not_applicable(&cases[c], questions[q].id);
				int rc = store_agreed_save(
				    st, ids[c], questions[q].id,
				    na ? "not-applicable" : grade_ids[g],
				    na ? "Agreed not applicable to this child." : rationales[g],
				    NULL, err);
				if (rc)
					return rc;
			}
	}
	int rc = store_agreed_save(st, ids[0], "identification-recognised", NULL,
				   "Agreed at moderation: good, not outstanding.\n"
				   "Coercive control was named at first contact, but two earlier "
				   "police call-outs had not been shared.",
				   NULL, err);
	return rc ? rc : store_case_set_moderated(st, ids[0], true, err);
}

static int add_good_practice(struct store *st, int64_t audit, struct maca_err *err)
{
	static const struct good_practice_fields items[] = {
	    {"The health visitor's routine enquiry, made when the mother was seen alone, led to a "
	     "same-day referral and a safety plan.",
	     "health", "Child A", NULL},
	    {"The school's key adult used the Operation Encompass notification to give the child a "
	     "quiet start to the day and a named person to talk to.",
	     "police, education", "Child B", NULL},
	    {"The domestic abuse service's IDVA joined the core group and kept the plan focused on "
	     "the father's behaviour.",
	     "da-service, csc", "Child C, Child D", NULL},
	};
	for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) {
		int64_t id;
		int rc = store_good_practice_add(st, audit, &items[i], &id, err);
		if (rc)
			return rc;
	}
	return MACA_OK;
}

struct demo_point {
	const char *title, *text, *cases, *agencies, *sections;
	struct action_fields actions[2]; /* .what NULL: none */
};

static const struct demo_point points[] = {
    {"Name coercive control from the first contact",
     "In four of the six cases the first records spoke of 'arguments' or a 'volatile "
     "relationship'. Where coercive control was named early (Child A), the response was faster "
     "and the plan was aimed at the perpetrator.",
     "Child A, Child C, Child D",
     "police, csc",
     "identification",
     {{"Refresh front-door training on coercive and controlling behaviour for MASH staff and "
       "response officers",
       "police", "2025-09-30", "A dip sample of 20 PPNs names the behaviour, not 'arguments'",
       ACTION_IN_PROGRESS, NULL},
      {"Add a prompt on coercive control to the MASH contact form", "csc", "2025-06-30",
       "Prompt live; ten contacts checked at the next audit", ACTION_DONE, NULL}}},
    {"Plans must hold the perpetrator to account",
     "Plans for Child C and Child D set actions for the mother only. No plan said what the "
     "father would do, or what would happen if he did not.",
     "Child C, Child D",
     "csc, police",
     "assessment, protection",
     {{"Add a section for actions on the person causing harm to the child protection plan "
       "template",
       "csc", "2025-07-31", "Review of 15 plans: each has at least one action for the perpetrator",
       ACTION_NOT_STARTED, NULL},
      {NULL, NULL, NULL, NULL, ACTION_NOT_STARTED, NULL}}},
    {"Hear the child in every agency's record",
     "Police and GP records often described the adults only. Where the health visitor recorded "
     "the child's presentation, the plan changed because of it.",
     "Child B, Child D",
     "health, police",
     "voice",
     {{"Health visiting record to prompt for the child's presentation and words", "health",
       "2025-10-31", "Audit of 20 records shows the child's presentation noted", ACTION_IN_PROGRESS,
       NULL},
      {"Mandatory field in the police incident log for where the child was", "police", "2025-12-31",
       "Field live in the incident log", ACTION_CANNOT, NULL}}},
};

static int add_point(struct store *st, int64_t audit, const struct demo_point *p,
		     struct maca_err *err)
{
	struct named_list c = {0}, a = {0}, s = {0};
	int rc =
	    split_list(p->cases, &c) && split_list(p->agencies, &a) && split_list(p->sections, &s)
		? MACA_OK
		: err_set(err, MACA_ENOMEM, "out of memory");
	struct learning_point_fields lp = {
	    .title = p->title, .text = p->text, .cases = &c, .agencies = &a, .sections = &s};
	int64_t lp_id = 0, action_id;
	if (!rc)
		rc = store_learning_point_add(st, audit, &lp, &lp_id, NULL, err);
	for (size_t i = 0; !rc && i < 2 && p->actions[i].what; i++)
		rc = store_action_add(st, lp_id, &p->actions[i], &action_id, err);
	named_list_free(&c);
	named_list_free(&a);
	named_list_free(&s);
	return rc;
}

/* The briefing's words, as a chair would take maca's suggestions and edit them: the sample
 * statement, why it matters, what teams should do and the questions for them. */
static const struct {
	const char *layout, *part, *text;
} briefing_texts[] = {
    {"standard", "sample",
     "This audit reviewed six children's case files, and the findings reflect this sample."},
    {"standard", "why-it-matters",
     "A child who sees or hears domestic abuse, or lives with its effects, is a victim in their "
     "own right (Domestic Abuse Act 2021). Inspections keep finding plans that rely on the "
     "non-abusing parent and records without the child's voice."},
    {"seven-minute", "background",
     "The partnership audited six children's case files (all invented for this demo) on its "
     "multi-agency response to children who live with domestic abuse."},
    {"standard", "what-to-do",
     "- Invite the domestic abuse service to every strategy meeting where it knows the family.\n"
     "- Record the child's own words, and what they mean, in every assessment."},
    {"standard", "questions",
     "- What does this learning mean for the children and families your team works with?\n"
     "- What will your team do differently as a result, and by when?\n"
     "- How will you know that the learning is part of everyday practice?"},
};

static int add_briefing(struct store *st, int64_t audit, struct maca_err *err)
{
	int rc = store_briefing_setting(st, audit, "published", "2025-05", err);
	for (size_t i = 0; !rc && i < sizeof briefing_texts / sizeof briefing_texts[0]; i++)
		rc = store_briefing_part_text_if(st, audit, briefing_texts[i].layout,
						 briefing_texts[i].part, briefing_texts[i].text,
						 NULL, NULL, NULL, err);
	return rc;
}

static int fill(struct store *st, int64_t audit, struct maca_err *err)
{
	int64_t ids[NCASES];
	int rc = add_cases(st, audit, ids, err);
	if (!rc)
		rc = add_answers(st, ids, err);
	if (!rc)
		rc = add_agreed(st, ids, err);
	if (!rc)
		rc = add_good_practice(st, audit, err);
	for (size_t i = 0; !rc && i < sizeof points / sizeof points[0]; i++)
		rc = add_point(st, audit, &points[i], err);
	if (!rc)
		rc = add_briefing(st, audit, err);
	return rc;
}

int demo_create(struct store *st, const struct template *tpl, int64_t *audit_id,
		struct maca_err *err)
{
	*audit_id = 0;
	if (strcmp(tpl->id, DEMO_TEMPLATE) != 0)
		return err_set(err, MACA_EUSER,
			       "the demo audit is made from the %s template, not %s; give the "
			       "shipped %s.ini",
			       DEMO_TEMPLATE, tpl->id, DEMO_TEMPLATE);
	struct named_list agencies = {0};
	for (size_t i = 0; i < sizeof taking_part / sizeof taking_part[0]; i++) {
		const struct named *n = named_find(&tpl->agencies, taking_part[i]);
		if (!n || !named_add(&agencies, n->id, n->label)) {
			named_list_free(&agencies);
			return n ? err_set(err, MACA_ENOMEM, "out of memory")
				 : err_set(err, MACA_EUSER,
					   "template %s has no agency '%s' for the demo audit",
					   tpl->id, taking_part[i]);
		}
	}
	struct audit_new a = {
	    .title = DEMO_TITLE,
	    .partnership = "Synthetic Safeguarding Partnership (demo)",
	    .chair_agency = "police",
	    .audit_date = "2025-03-12",
	    .background =
		"This audit is a synthetic demonstration. Every case, answer, note and "
		"name in it is invented: none is about a real child, family or "
		"practitioner. It shows what each screen of maca looks like with content; "
		"delete it when you no longer need it.",
	    .agencies = &agencies,
	    .tpl = tpl};
	char *author = strdup(store_author(st)), *source = strdup(store_source(st));
	int rc = author && source ? store_set_origin(st, "maca demo", "demo", err)
				  : err_set(err, MACA_ENOMEM, "out of memory");
	if (!rc)
		rc = store_audit_create(st, &a, audit_id, err);
	named_list_free(&agencies);
	if (!rc) {
		rc = fill(st, *audit_id, err);
		if (rc) {
			struct maca_err ignored = {0};
			store_audit_delete(st, *audit_id, true, &ignored); /* half made */
			err_clear(&ignored);
			*audit_id = 0;
		}
	}
	/* Later changes are the caller's again, not the demo's. */
	if (author && source) {
		struct maca_err restore = {0};
		if (store_set_origin(st, author, source, &restore) && !rc)
			rc = err_set(err, restore.status, "%s", err_msg(&restore));
		err_clear(&restore);
	}
	free(author);
	free(source);
	return rc;
}
