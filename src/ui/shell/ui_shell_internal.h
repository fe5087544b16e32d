/* What the shell's files share: the prompt and the pick take keys before any screen. */
#ifndef MACA_UI_SHELL_INTERNAL_H
#define MACA_UI_SHELL_INTERNAL_H

#include "ui_screen.h"

void ui_prompt_key(struct ui *ui, int key);
void ui_prompt_paste(struct ui *ui, const wchar_t *s, size_t n);
void ui_prompt_close(struct ui *ui);
void ui_pick_key(struct ui *ui, int key);
void ui_typing_free(struct ui *ui);

#endif
