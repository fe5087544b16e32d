#include "ui_keys.h"

#include <stdio.h>
#include <unictype.h>
#include <unistr.h>

static const char *const action_names[] = {
#define UI_ACTION_NAME(id, name, data, help) name,
    UI_ACTIONS(UI_ACTION_NAME)
#undef UI_ACTION_NAME
};

static const char *const action_help[] = {
#define UI_ACTION_HELP(id, name, data, help) help,
    UI_ACTIONS(UI_ACTION_HELP)
#undef UI_ACTION_HELP
};

static const bool action_data[] = {
#define UI_ACTION_DATA(id, name, data, help) data,
    UI_ACTIONS(UI_ACTION_DATA)
#undef UI_ACTION_DATA
};

const char *ui_action_name(enum ui_action action)
{
	return action < UI_ACTION_COUNT ? action_names[action] : "?";
}

const char *ui_action_help(enum ui_action action)
{
	return action < UI_ACTION_COUNT ? action_help[action] : "";
}

bool ui_action_changes_data(enum ui_action action)
{
	return action < UI_ACTION_COUNT && action_data[action];
}

const char *ui_binding_help(const struct ui_binding *b)
{
	return b->help ? b->help : ui_action_help(b->action);
}

/* Keys that mean the same on every screen where they are not overridden. The letters among
 * them (j k g G) are for lists: on screens where letters set values (grades), only the
 * reserved q stays (see ui_screen_lookup). Ctrl-C is taken before any screen (ui_key). */
static const struct ui_binding global_keys[] = {
    {'q', UI_ACTION_QUIT, "quit", NULL},
    {UI_KEY_CTRL_C, UI_ACTION_INTERRUPT, NULL, NULL},
    {'?', UI_ACTION_HELP, "help", NULL},
    {UI_KEY_F1, UI_ACTION_HELP, NULL, NULL},
    {UI_KEY_ESC, UI_ACTION_BACK, "back", NULL},
    {UI_KEY_UP, UI_ACTION_UP, NULL, NULL},
    {'k', UI_ACTION_UP, NULL, NULL},
    {UI_KEY_DOWN, UI_ACTION_DOWN, NULL, NULL},
    {'j', UI_ACTION_DOWN, NULL, NULL},
    {UI_KEY_PAGE_UP, UI_ACTION_PAGE_UP, NULL, NULL},
    {UI_KEY_PAGE_DOWN, UI_ACTION_PAGE_DOWN, NULL, NULL},
    {UI_KEY_HOME, UI_ACTION_FIRST, NULL, NULL},
    {'g', UI_ACTION_FIRST, NULL, NULL},
    {UI_KEY_END, UI_ACTION_LAST, NULL, NULL},
    {'G', UI_ACTION_LAST, NULL, NULL},
    {UI_KEY_CLICK, UI_ACTION_SELECT, NULL, NULL},
    {UI_KEY_WHEEL_UP, UI_ACTION_UP, NULL, NULL},
    {UI_KEY_WHEEL_DOWN, UI_ACTION_DOWN, NULL, NULL},
};

const struct ui_binding *ui_keymap_global(size_t *n)
{
	*n = sizeof global_keys / sizeof global_keys[0];
	return global_keys;
}

enum ui_action ui_bindings_lookup(const struct ui_binding *b, size_t n, int key)
{
	for (size_t i = 0; i < n; i++)
		if (b[i].key == key)
			return b[i].action;
	return UI_ACTION_NONE;
}

const char *ui_key_word(const struct ui_key_word *words, size_t n, int key, char *buf, size_t size)
{
	for (size_t i = 0; i < n; i++)
		if (words[i].key == key) {
			snprintf(buf, size, "%s", words[i].word);
			return buf;
		}
	return NULL;
}

const char *ui_key_name(int key, char *buf, size_t size)
{
	static const struct ui_key_word special[] = {{UI_KEY_UP, "Up"},
						     {UI_KEY_DOWN, "Down"},
						     {UI_KEY_LEFT, "Left"},
						     {UI_KEY_RIGHT, "Right"},
						     {UI_KEY_HOME, "Home"},
						     {UI_KEY_END, "End"},
						     {UI_KEY_PAGE_UP, "PgUp"},
						     {UI_KEY_PAGE_DOWN, "PgDn"},
						     {UI_KEY_ENTER, "Enter"},
						     {UI_KEY_ESC, "Esc"},
						     {UI_KEY_BACKSPACE, "Backspace"},
						     {UI_KEY_DELETE, "Delete"},
						     {UI_KEY_TAB, "Tab"},
						     {UI_KEY_BACKTAB, "Shift-Tab"},
						     {UI_KEY_F1, "F1"},
						     {UI_KEY_F2, "F2"},
						     {UI_KEY_WORD_LEFT, "Ctrl-Left"},
						     {UI_KEY_WORD_RIGHT, "Ctrl-Right"},
						     {UI_KEY_KILL_WORD, "Alt-d"},
						     {' ', "Space"},
						     {UI_KEY_CLICK, "Click"},
						     {UI_KEY_WHEEL_UP, "Wheel-up"},
						     {UI_KEY_WHEEL_DOWN, "Wheel-down"}};
	if (ui_key_word(special, sizeof special / sizeof special[0], key, buf, size))
		return buf;
	if (key > 0 && key < 0x20)
		snprintf(buf, size, "Ctrl-%c", '@' + key);
	else if (key < 0x80)
		snprintf(buf, size, "%c", key);
	else if (key < UI_KEY_UP && size > 4 && uc_is_print((ucs4_t)key)) {
		/* A letter of another script is named by itself, as typed. */
		int n = u8_uctomb((uint8_t *)buf, (ucs4_t)key, (int)size - 1);
		buf[n > 0 ? n : 0] = '\0';
		if (n <= 0)
			snprintf(buf, size, "U+%04X", (unsigned)key);
	} else
		snprintf(buf, size, "U+%04X", (unsigned)key);
	return buf;
}
