#include "ui_keys.h"

#include <stdio.h>

static const char *const action_names[] = {
#define UI_ACTION_NAME(id, name, help) name,
    UI_ACTIONS(UI_ACTION_NAME)
#undef UI_ACTION_NAME
};

static const char *const action_help[] = {
#define UI_ACTION_HELP(id, name, help) help,
    UI_ACTIONS(UI_ACTION_HELP)
#undef UI_ACTION_HELP
};

const char *ui_action_name(enum ui_action action)
{
	return action < UI_ACTION_COUNT ? action_names[action] : "?";
}

const char *ui_action_help(enum ui_action action)
{
	return action < UI_ACTION_COUNT ? action_help[action] : "";
}

/* Keys that mean the same on every screen. */
static const struct ui_binding global_keys[] = {
    {'q', UI_ACTION_QUIT},
    {'?', UI_ACTION_HELP},
    {UI_KEY_F1, UI_ACTION_HELP},
    {UI_KEY_ESC, UI_ACTION_BACK},
    {UI_KEY_UP, UI_ACTION_UP},
    {'k', UI_ACTION_UP},
    {UI_KEY_DOWN, UI_ACTION_DOWN},
    {'j', UI_ACTION_DOWN},
    {UI_KEY_LEFT, UI_ACTION_LEFT},
    {'h', UI_ACTION_LEFT},
    {UI_KEY_RIGHT, UI_ACTION_RIGHT},
    {'l', UI_ACTION_RIGHT},
    {UI_KEY_PAGE_UP, UI_ACTION_PAGE_UP},
    {UI_KEY_PAGE_DOWN, UI_ACTION_PAGE_DOWN},
    {UI_KEY_HOME, UI_ACTION_FIRST},
    {'g', UI_ACTION_FIRST},
    {UI_KEY_END, UI_ACTION_LAST},
    {'G', UI_ACTION_LAST},
};

static const struct ui_binding home_keys[] = {
    {UI_KEY_ENTER, UI_ACTION_OPEN}, {'n', UI_ACTION_NEW_AUDIT},	    {'D', UI_ACTION_DELETE_AUDIT},
    {'d', UI_ACTION_DEMO},	    {'t', UI_ACTION_TRACK_ACTIONS}, {'i', UI_ACTION_IMPORT},
};

static const struct ui_binding overview_keys[] = {
    {'c', UI_ACTION_CASES},   {'m', UI_ACTION_MODERATE},      {'L', UI_ACTION_LEARNING},
    {'e', UI_ACTION_EXPORT},  {'E', UI_ACTION_EDIT_AUDIT},    {'a', UI_ACTION_ANSWER},
    {'r', UI_ACTION_REFRESH}, {'t', UI_ACTION_TRACK_ACTIONS}, {'C', UI_ACTION_COMPARE},
};

static const struct ui_binding cases_keys[] = {
    {'a', UI_ACTION_ADD_CASE},
    {'e', UI_ACTION_EDIT_CASE},
    {UI_KEY_ENTER, UI_ACTION_EDIT_CASE},
    {'x', UI_ACTION_REMOVE_CASE},
};

/* Grade keys (letters and digits, from the template) come first on this screen, so its own
 * keys are punctuation. */
static const struct ui_binding moderate_keys[] = {
    {'[', UI_ACTION_PREV_CASE},
    {']', UI_ACTION_NEXT_CASE},
    {UI_KEY_TAB, UI_ACTION_EDIT_RATIONALE},
    {'+', UI_ACTION_TOGGLE_MODERATED},
    {'!', UI_ACTION_CLOSE_AUDIT},
};

static const struct ui_binding learning_keys[] = {
    {'a', UI_ACTION_ADD_LEARNING_POINT},
    {'p', UI_ACTION_ADD_GOOD_PRACTICE},
    {'A', UI_ACTION_ADD_ACTION},
    {'e', UI_ACTION_EDIT_LEARNING},
    {UI_KEY_ENTER, UI_ACTION_EDIT_LEARNING},
    {'K', UI_ACTION_MOVE_POINT_UP},
    {'J', UI_ACTION_MOVE_POINT_DOWN},
    {'x', UI_ACTION_DELETE_LEARNING},
    {'s', UI_ACTION_ACTION_STATUS},
    {'b', UI_ACTION_EARLIER_LEARNING},
};

/* The current question's value keys (grade keys, or y n p k) and, while it is focused, the
 * editor take keys first (ui_answer_key), so these are keys no template can use for a grade. */
static const struct ui_binding answer_keys[] = {
    {UI_KEY_TAB, UI_ACTION_EDIT_EVIDENCE},
    {'e', UI_ACTION_EDIT_EVIDENCE},
    {UI_KEY_CTRL_G, UI_ACTION_GUIDANCE},
    {UI_KEY_DOWN, UI_ACTION_DOWN},
    {UI_KEY_UP, UI_ACTION_UP},
    {UI_KEY_PAGE_DOWN, UI_ACTION_PAGE_DOWN},
    {UI_KEY_PAGE_UP, UI_ACTION_PAGE_UP},
    {'[', UI_ACTION_PREV_CASE},
    {']', UI_ACTION_NEXT_CASE},
    {'g', UI_ACTION_GUIDANCE}, /* unless g is one of the template's grade keys */
};

static const struct ui_binding export_keys[] = {
    {'l', UI_ACTION_TOGGLE_LAYOUT},	   {'c', UI_ACTION_TOGGLE_COMPARISON},
    {'w', UI_ACTION_WRITE_FILE},	   {UI_KEY_TAB, UI_ACTION_NEXT_FINDING},
    {UI_KEY_ENTER, UI_ACTION_FIX_FINDING},
};

/* Text is typed in forms, so printable keys are text there: only these keys act. */
static const struct ui_binding form_keys[] = {
    {UI_KEY_CTRL_O, UI_ACTION_SAVE},	{UI_KEY_F2, UI_ACTION_SAVE},
    {UI_KEY_TAB, UI_ACTION_NEXT_FIELD}, {UI_KEY_BACKTAB, UI_ACTION_PREV_FIELD},
    {UI_KEY_ESC, UI_ACTION_CANCEL},	{UI_KEY_F1, UI_ACTION_HELP},
};

static const struct ui_binding actions_keys[] = {
    {'o', UI_ACTION_FILTER_OWNER},
    {'f', UI_ACTION_FILTER_STATUS},
    {'w', UI_ACTION_FILTER_DUE},
    {'s', UI_ACTION_SET_STATUS},
    {'n', UI_ACTION_PROGRESS_NOTE},
    {'r', UI_ACTION_REFRESH},
    {UI_KEY_ENTER, UI_ACTION_ACTION_LEARNING},
};

static const struct ui_binding import_keys[] = {
    {'y', UI_ACTION_CONFIRM},
    {UI_KEY_ENTER, UI_ACTION_CONFIRM},
    {'n', UI_ACTION_CANCEL},
};

static const struct ui_binding compare_keys[] = {
    {'r', UI_ACTION_REFRESH},
};

static const struct ui_binding help_keys[] = {
    {UI_KEY_ENTER, UI_ACTION_BACK},
};

struct screen_info {
	const char *title;
	const struct ui_binding *keys;
	size_t nkeys;
};

#define KEYS(a) a, sizeof a / sizeof a[0]
static const struct screen_info screens[UI_SCREEN_COUNT] = {
    [UI_SCREEN_HOME] = {"Audits", KEYS(home_keys)},
    [UI_SCREEN_OVERVIEW] = {"Audit overview", KEYS(overview_keys)},
    [UI_SCREEN_CASES] = {"Cases", KEYS(cases_keys)},
    [UI_SCREEN_ANSWER] = {"Answering", KEYS(answer_keys)},
    [UI_SCREEN_FORM] = {"Form", KEYS(form_keys)},
    [UI_SCREEN_MODERATE] = {"Moderation", KEYS(moderate_keys)},
    [UI_SCREEN_LEARNING] = {"Learning", KEYS(learning_keys)},
    [UI_SCREEN_EXPORT] = {"Briefing", KEYS(export_keys)},
    [UI_SCREEN_COMPARE] = {"Then and now", KEYS(compare_keys)},
    [UI_SCREEN_HELP] = {"Keys", KEYS(help_keys)},
    [UI_SCREEN_ACTIONS] = {"Actions", KEYS(actions_keys)},
    [UI_SCREEN_IMPORT] = {"Import", KEYS(import_keys)},
};
#undef KEYS

const char *ui_screen_title(enum ui_screen screen)
{
	return screen < UI_SCREEN_COUNT ? screens[screen].title : "?";
}

const struct ui_binding *ui_keymap_screen(enum ui_screen screen, size_t *n)
{
	*n = screen < UI_SCREEN_COUNT ? screens[screen].nkeys : 0;
	return screen < UI_SCREEN_COUNT ? screens[screen].keys : NULL;
}

const struct ui_binding *ui_keymap_global(size_t *n)
{
	*n = sizeof global_keys / sizeof global_keys[0];
	return global_keys;
}

enum ui_action ui_keymap_lookup(enum ui_screen screen, int key)
{
	size_t n;
	const struct ui_binding *b = ui_keymap_screen(screen, &n);
	for (size_t i = 0; i < n; i++)
		if (b[i].key == key)
			return b[i].action;
	if (screen == UI_SCREEN_FORM)
		return UI_ACTION_NONE;
	b = ui_keymap_global(&n);
	for (size_t i = 0; i < n; i++)
		if (b[i].key == key)
			return b[i].action;
	return UI_ACTION_NONE;
}

const char *ui_key_name(int key, char *buf, size_t size)
{
	static const struct {
		int key;
		const char *name;
	} special[] = {
	    {UI_KEY_UP, "Up"},	      {UI_KEY_DOWN, "Down"},	       {UI_KEY_LEFT, "Left"},
	    {UI_KEY_RIGHT, "Right"},  {UI_KEY_HOME, "Home"},	       {UI_KEY_END, "End"},
	    {UI_KEY_PAGE_UP, "PgUp"}, {UI_KEY_PAGE_DOWN, "PgDn"},      {UI_KEY_ENTER, "Enter"},
	    {UI_KEY_ESC, "Esc"},      {UI_KEY_BACKSPACE, "Backspace"}, {UI_KEY_DELETE, "Delete"},
	    {UI_KEY_TAB, "Tab"},      {UI_KEY_BACKTAB, "Shift-Tab"},   {UI_KEY_F1, "F1"},
	    {UI_KEY_F2, "F2"}};
	for (size_t i = 0; i < sizeof special / sizeof special[0]; i++)
		if (special[i].key == key) {
			snprintf(buf, size, "%s", special[i].name);
			return buf;
		}
	if (key > 0 && key < 0x20)
		snprintf(buf, size, "Ctrl-%c", '@' + key);
	else if (key < 0x80)
		snprintf(buf, size, "%c", key);
	else
		snprintf(buf, size, "U+%04X", (unsigned)key);
	return buf;
}
