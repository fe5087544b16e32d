/* The briefing layouts, as data: each is a list of headed sections made of parts. Adding a
 * layout means adding a table here and a line to BRIEFING_LAYOUTS (and its name to the
 * template's checker, template.c, which cannot see this folder). */
#include <string.h>

#include "briefing_internal.h"

static const struct briefing_section standard[] = {
    {"Background", {{BRIEFING_TEMPLATE_BACKGROUND, NULL}, {BRIEFING_AUDIT, NULL}}},
    {"Other themes featured in the cases", {{BRIEFING_THEMES, NULL}}},
    {"What areas of good practice were highlighted?", {{BRIEFING_GOOD_PRACTICE, NULL}}},
    {"Key learning points", {{BRIEFING_LEARNING, NULL}}},
    {"Findings at a glance", {{BRIEFING_FINDINGS, NULL}}},
    {"Then and now: compared with the earlier audit", {{BRIEFING_COMPARISON, NULL}}},
    {"Action plan", {{BRIEFING_ACTIONS, NULL}}},
    {"Useful resources", {{BRIEFING_RESOURCES, NULL}}},
    {NULL, {{BRIEFING_CLOSING, NULL}}},
};

/* A "seven-minute briefing": seven short parts a team can read together in a meeting. */
static const struct briefing_section seven_minute[] = {
    {"1. Background", {{BRIEFING_AUDIT, NULL}}},
    {"2. Why it matters", {{BRIEFING_TEMPLATE_BACKGROUND, NULL}}},
    {"3. What we found",
     {{BRIEFING_THEMES, "Themes in the cases"},
      {BRIEFING_FINDINGS, "Findings at a glance"},
      {BRIEFING_CLOSING, NULL},
      {BRIEFING_COMPARISON, "Then and now"}}},
    {"4. Good practice", {{BRIEFING_GOOD_PRACTICE, NULL}}},
    {"5. Learning", {{BRIEFING_LEARNING, NULL}}},
    {"6. What you should do", {{BRIEFING_ACTIONS, NULL}}},
    {"7. Further reading", {{BRIEFING_RESOURCES, NULL}}},
};

/* Every layout, by the name templates and `--layout` use; its names and the list of them
 * in messages come from here alone. */
#define BRIEFING_LAYOUTS(X) X("standard", standard) X("seven-minute", seven_minute)

#define AS_LAYOUT(name, sections) {name, sections, sizeof sections / sizeof sections[0]},
static const struct briefing_layout layouts[] = {BRIEFING_LAYOUTS(AS_LAYOUT)};
#define NLAYOUTS (sizeof layouts / sizeof layouts[0])

const struct briefing_layout *briefing_layout_find(const char *name)
{
	for (size_t i = 0; name && i < NLAYOUTS; i++)
		if (strcmp(layouts[i].name, name) == 0)
			return &layouts[i];
	return NULL;
}

bool briefing_layout_known(const char *name)
{
	return briefing_layout_find(name) != NULL;
}

const char *briefing_layout_name(size_t i)
{
	return i < NLAYOUTS ? layouts[i].name : NULL;
}

/* ", standard, seven-minute" joined at compile time, less its first separator. */
#define AS_LISTED(name, sections) ", " name
const char *briefing_layout_names(void)
{
	return &BRIEFING_LAYOUTS(AS_LISTED)[2];
}
