/* Which screen is on top of the shell's stack, and each screen's hooks: what every part of the
 * shell asks first (see ui_shell.h and ui_screen.h). */
#include "ui_screen.h"

enum ui_screen ui_screen(const struct ui *ui)
{
	return ui->stack[ui->depth - 1];
}

const struct ui_screen_ops *ui_ops(const struct ui *ui, enum ui_screen screen)
{
	static const struct ui_screen_ops none = {0};
	return ui->screens && (unsigned)screen < UI_SCREEN_COUNT && ui->screens[screen]
		   ? ui->screens[screen]
		   : &none;
}
