/* What the shell's files share: the prompt and the pick take keys before any screen. */
#ifndef MACA_UI_SHELL_INTERNAL_H
#define MACA_UI_SHELL_INTERNAL_H

#include "ui_screen.h"

void ui_prompt_key(struct ui *ui, int key);
void ui_prompt_paste(struct ui *ui, const wchar_t *s, size_t n);
void ui_prompt_close(struct ui *ui);
void ui_pick_key(struct ui *ui, int key);
void ui_typing_free(struct ui *ui);
/* q: quits once what is being typed is saved (ui_flush); a form holding what was not saved
 * asks first. again: q was pressed just before, after a save failed. */
void ui_quit(struct ui *ui, bool again);
/* A click (UI_ACTION_SELECT): the screen selects the row drawn under it, if any. */
void ui_select_clicked(struct ui *ui);
/* Selects item i of the list screen on top when it is one of its items (false, and the
 * selection kept, when it is not), then reads what goes with it (its selected hook). */
bool ui_list_screen_select(struct ui *ui, size_t i);
/* Whether the screen on top finds (/ n N): through its list or its own find hook. */
bool ui_finds(const struct ui *ui);
/* /: asks what to find; n and N: the next or previous match of what was asked last. */
void ui_find(struct ui *ui, enum ui_action action);
/* Ctrl-C: closes an open question or pick as Esc does, else quits as q does. */
void ui_interrupt(struct ui *ui);

#endif
