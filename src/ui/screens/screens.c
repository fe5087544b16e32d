/* Every screen's hooks in one table, from the list in ui_shell.h: the only place that has
 * them all. */
#include "screens_internal.h"

static const struct ui_screen_ops *const screens[UI_SCREEN_COUNT] = {
#define UI_SCREEN_ENTRY(id, name) [UI_SCREEN_##id] = &ui_##name##_screen,
    UI_SCREENS(UI_SCREEN_ENTRY)
#undef UI_SCREEN_ENTRY
};

int ui_init(struct ui *ui, struct store *st, struct maca_err *err)
{
	ui_shell_init(ui, st, screens, UI_SCREEN_HOME, UI_SCREEN_HELP);
	ui->demo_template = "domestic-abuse";
	if (ui_home_reload(ui, err))
		return err->status;
	if (ui->home.naudits == 0)
		ui_set_status(
		    ui, false,
		    "No audits yet: press a to create one, or d for a SYNTHETIC demo audit");
	return MACA_OK;
}

const char *ui_screen_title(enum ui_screen screen)
{
	return (unsigned)screen < UI_SCREEN_COUNT ? screens[screen]->title : "?";
}

const struct ui_binding *ui_keymap_screen(enum ui_screen screen, size_t *n)
{
	*n = (unsigned)screen < UI_SCREEN_COUNT ? screens[screen]->nkeys : 0;
	return (unsigned)screen < UI_SCREEN_COUNT ? screens[screen]->keys : NULL;
}

enum ui_action ui_keymap_lookup(enum ui_screen screen, int key)
{
	return (unsigned)screen < UI_SCREEN_COUNT ? ui_screen_lookup(screens[screen], key)
						  : UI_ACTION_NONE;
}
