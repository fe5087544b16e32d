/* The briefing of our learning: the audit written up as GitHub-flavoured Markdown, for the
 * partnership to share. Plain C, no curses; nothing printed.
 *
 * The chair owns every word. A briefing is a list of parts (background, themes, good
 * practice, learning, ...), each with a heading and the chair's own text; a layout (standard,
 * seven-minute) is the parts' order, which are shown and their headings, and the chair can
 * change each of those per audit. Prose maca could write itself (the template's background
 * paragraphs, a sentence on the audit day, the sample statement, questions for teams) is only
 * ever a suggestion, which the chair takes into a part's text and edits: nothing generated
 * appears until the chair has taken it. What parts list (good practice, learning points,
 * actions, themes from the cases' tags, findings, resources, the partnership's further
 * information) comes from the chair's records and the configuration.
 *
 * The briefing is deterministic: the same audit gives the same bytes (no timestamps, no
 * UUIDs, stable order). */
#ifndef MACA_BRIEFING_H
#define MACA_BRIEFING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "document.h"
#include "disclosure.h"
#include "err.h"
#include "store.h"
#include "template.h"

/* Every part a briefing can hold: constant, name (as stored and typed on the command line),
 * label (as lists show it), and what it shows besides the chair's text: nothing (TEXT), the
 * records after the text as an introduction (RECORDS), or the records unless the chair's
 * text takes their place (REPLACEABLE). */
#define BRIEFING_PARTS(X)                                                                          \
	X(BRIEFING_BACKGROUND, "background", "Background", TEXT)                                   \
	X(BRIEFING_WHY, "why-it-matters", "Why it matters", TEXT)                                  \
	X(BRIEFING_THEMES, "themes", "Themes", REPLACEABLE)                                        \
	X(BRIEFING_SAMPLE, "sample", "Sample statement", TEXT)                                     \
	X(BRIEFING_GOOD_PRACTICE, "good-practice", "Good practice", RECORDS)                       \
	X(BRIEFING_LEARNING, "learning", "Learning points", RECORDS)                               \
	X(BRIEFING_KEY_LEARNING, "key-learning", "Key learning", RECORDS)                          \
	X(BRIEFING_FINDINGS, "findings", "Findings", RECORDS)                                      \
	X(BRIEFING_COMPARISON, "comparison", "Comparison", RECORDS)                                \
	X(BRIEFING_ACTIONS, "actions", "Action plan", RECORDS)                                     \
	X(BRIEFING_WHAT_TO_DO, "what-to-do", "What to do", TEXT)                                   \
	X(BRIEFING_QUESTIONS, "questions", "Questions for teams", TEXT)                            \
	X(BRIEFING_RESOURCES, "resources", "Resources", RECORDS)                                   \
	X(BRIEFING_FURTHER, "further-information", "Further information", REPLACEABLE)

enum briefing_part {
#define BRIEFING_PART_ENUM(id, name, label, kind) id,
	BRIEFING_PARTS(BRIEFING_PART_ENUM)
#undef BRIEFING_PART_ENUM
	    BRIEFING_NPARTS
};

enum briefing_part_kind { BRIEFING_KIND_TEXT, BRIEFING_KIND_RECORDS, BRIEFING_KIND_REPLACEABLE };

const char *briefing_part_name(enum briefing_part p);
const char *briefing_part_label(enum briefing_part p);
enum briefing_part_kind briefing_part_kind(enum briefing_part p);
/* The part called name; false when there is none. */
bool briefing_part_parse(const char *name, enum briefing_part *out);
/* "background, why-it-matters, ..." (static text). */
const char *briefing_part_names(void);

/* Whether name is a layout briefing_write knows. */
bool briefing_layout_known(const char *name);
/* The known layouts, e.g. "standard, seven-minute" (static text). */
const char *briefing_layout_names(void);
/* The i-th layout's name, NULL past the last. */
const char *briefing_layout_name(size_t i);

/* One part as one layout of one audit has it. */
struct briefing_part_state {
	enum briefing_part part;
	bool shown;
	char *heading;	  /* as written, less the seven-minute's number; "": none */
	bool own_heading; /* the chair's, not the layout's */
	char *text;	  /* the chair's text, NULL when none */
	bool inherited;	  /* the seven-minute layout's text is the standard's */
	bool own_place;	  /* the chair moved it */
};

/* A layout of one audit: every part, in its order. */
struct briefing_parts {
	const char *layout; /* static text */
	bool numbered;	    /* headings are numbered (the seven-minute briefing) */
	struct briefing_part_state items[BRIEFING_NPARTS];
};

/* The parts of audit_id in layout (NULL: the template's). Free with briefing_parts_free, also
 * after a failure. MACA_EUSER for an unknown layout. */
int briefing_parts_read(struct store *st, int64_t audit_id, const char *layout,
			struct briefing_parts *out, struct maca_err *err);
void briefing_parts_free(struct briefing_parts *p);
/* The state of one part in p (never NULL). */
const struct briefing_part_state *briefing_parts_find(const struct briefing_parts *p,
						      enum briefing_part part);

/* Changing a part of one layout. Each is one write, refused on a closed audit. */
int briefing_part_show(struct store *st, int64_t audit_id, const char *layout,
		       enum briefing_part part, bool shown, struct maca_err *err);
/* heading NULL: the layout's own; "": none. One line of text. */
int briefing_part_heading(struct store *st, int64_t audit_id, const char *layout,
			  enum briefing_part part, const char *heading, struct maca_err *err);
/* To place `position` (1-based) of the layout's order; the others follow. */
int briefing_part_move(struct store *st, int64_t audit_id, const char *layout,
		       enum briefing_part part, size_t position, struct maca_err *err);
/* The chair's text (NULL or "": none; in the seven-minute layout, the standard's again), if
 * it is still `expected` ("" for none, NULL: no check; see store_change). Markdown: see
 * md.h. */
int briefing_part_set_text(struct store *st, int64_t audit_id, const char *layout,
			   enum briefing_part part, const char *text, const char *expected,
			   char **now, struct store_change *by, struct maca_err *err);

/* What the briefing is written with, besides the audit. */
struct briefing_options {
	const char *layout; /* "standard" or "seven-minute"; NULL: the template's */
	bool no_findings;   /* leave out the findings even when the template has them */
	/* Add the comparison with the earlier audit this one re-audits (compare.h); refused
	 * (MACA_EUSER) for an audit that re-audits none. */
	bool with_comparison;
	/* The partnership's own resources (from maca.ini), listed before the template's. */
	const struct resource *resources;
	size_t nresources;
	/* The partnership's website, newsletter and contact (maca.ini's [partnership]), for the
	 * further information; NULL: none. */
	const struct partnership_info *partnership;
	/* Counts of cases below this are suppressed as published.h says (the themes, the
	 * findings, the comparison): 0 means the default, PUBLISHED_SMALL_COUNT, so that a
	 * caller that sets nothing publishes nothing small; negative means none. */
	long small_count;
	/* For documents (document.h): when set, each section's findings are a chart, added
	 * here as chart-N.<chart_ext> and written as an image with its text alternative,
	 * instead of the plain table the Markdown briefing has. */
	struct chart_list *charts;
	const char *chart_ext; /* "svg" or "png" */
	/* When not NULL: where each part starts in the Markdown written (byte offsets), and
	 * where it ends; both SIZE_MAX for a part not written. */
	size_t (*spans)[2];
};

/* What a part's suggestion would be now: the prose maca offers for the chair to take and
 * edit (the template's background, a sentence on the audit day, the sample statement, the
 * themes from the cases' tags, questions for teams, what to do from the key learning's
 * actions, the further information). "" when maca has none for the part. */
int briefing_part_suggestion(struct store *st, int64_t audit_id, enum briefing_part part,
			     const struct briefing_options *opt, char **out, struct maca_err *err);

/* The briefing's settings, each a name the command line and the store use. */
#define BRIEFING_SETTINGS(X)                                                                       \
	X(BRIEFING_SET_TITLE, "title", "Title")                                                    \
	X(BRIEFING_SET_PUBLISHED, "published", "Publication date")                                 \
	X(BRIEFING_SET_SUBTITLE, "subtitle", "Subtitle")                                           \
	X(BRIEFING_SET_KEY_LEARNING, "key-learning", "Key learning")                               \
	X(BRIEFING_SET_RESOURCES, "template-resources", "Template's resources")

enum briefing_setting {
#define BRIEFING_SETTING_ENUM(id, name, label) id,
	BRIEFING_SETTINGS(BRIEFING_SETTING_ENUM)
#undef BRIEFING_SETTING_ENUM
	    BRIEFING_NSETTINGS
};

const char *briefing_setting_name(enum briefing_setting s);
const char *briefing_setting_label(enum briefing_setting s);
bool briefing_setting_parse(const char *name, enum briefing_setting *out);

#define BRIEFING_TITLE "Briefing of our learning"
/* The seven-minute briefing's learning points: the chair picks three to five. */
#define BRIEFING_KEY_LEARNING_MIN 3
#define BRIEFING_KEY_LEARNING_MAX 5

/* The settings as the briefing uses them, each with what stands when it is not set. */
struct briefing_settings {
	char *title;	 /* BRIEFING_TITLE */
	char *published; /* YYYY-MM or YYYY-MM-DD; "": the audit date's month in the title */
	char *subtitle;	 /* "": the audit's title */
	/* The learning points picked, by number (1-based, as they are numbered now); with
	 * key_learning_default, none were picked and these are the first three. */
	int key_learning[BRIEFING_KEY_LEARNING_MAX];
	size_t nkey_learning;
	bool key_learning_default;
	/* Whether each of the template's resources is in (all, unless the chair chose). */
	bool *template_resources;
	size_t ntemplate_resources;
	bool resources_chosen;
};

int briefing_settings_read(struct store *st, int64_t audit_id, struct briefing_settings *out,
			   struct maca_err *err);
void briefing_settings_free(struct briefing_settings *s);
/* A setting as text, the way briefing_setting_set takes it ("" when not set): key learning
 * as numbers "1,4,6", the template's resources as "all", "none" or numbers (caller frees). */
int briefing_setting_get(struct store *st, int64_t audit_id, enum briefing_setting s, char **out,
			 struct maca_err *err);
/* Checks and saves a setting; NULL or "" puts it back to its default. title and subtitle are
 * one line; published is YYYY-MM or YYYY-MM-DD; key-learning is learning point numbers
 * ("1,4,6", at most five); template-resources is "all", "none" or numbers of the template's
 * resources ("1,3"). MACA_EUSER, saying what is wrong, for anything else. */
int briefing_setting_set(struct store *st, int64_t audit_id, enum briefing_setting s,
			 const char *value, struct maca_err *err);

/* Writes the briefing of audit_id into *out (caller frees). Before writing, every piece of
 * user text that goes into it (the audit's title, theme, partnership and background, the
 * parts' texts and headings, the title and subtitle, case references, good practice, learning
 * points and actions) is checked for identifiers, and the cases' features for a combination
 * that one case alone has (published.h); the findings are appended to *found whether or not
 * there are any, and the briefing is written all the same: the caller decides. The chair's
 * texts keep the shape typed in Markdown (md_prose). Text that comes from the template or the
 * configuration (resources, further information) and fields maca itself validated (dates,
 * agency names, grades, statuses) are not checked. Returns 0 or an error (MACA_EUSER for an
 * unknown layout). */
int briefing_write(struct store *st, int64_t audit_id, const struct briefing_options *opt,
		   char **out, struct disclosure_list *found, struct maca_err *err);

/* Where a disclosure finding in the briefing's own words is, by its field (DISCLOSURE_IN_BRIEFING
 * findings are the audit's, their fields "briefing-PART", "briefing-PART-heading",
 * "briefing-title" and "briefing-subtitle"). */
enum briefing_field {
	BRIEFING_FIELD_NONE,
	BRIEFING_FIELD_TEXT,
	BRIEFING_FIELD_HEADING,
	BRIEFING_FIELD_SETTING
};
enum briefing_field briefing_field_parse(const char *field, enum briefing_part *part,
					 enum briefing_setting *setting);
/* The field of a finding in a part's text or heading (static text). */
const char *briefing_part_field(enum briefing_part p, bool heading);

/* Words in Markdown as a reader counts them: marks (#, *, -, |, link targets) aside. */
size_t briefing_words(const char *md);
/* About what fits on two A4 pages in the documents maca writes: past it the seven-minute
 * briefing is longer than the form allows, and maca says so. */
#define BRIEFING_TWO_PAGES_WORDS 850

#endif
