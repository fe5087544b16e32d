/* The Learning screen: good practice, then numbered learning points with their actions. */
#ifndef MACA_DRAW_LEARNING_H
#define MACA_DRAW_LEARNING_H

#include <curses.h>

#include "ui.h"
#include "ui_learning.h"

/* Draws ul inside the frame of ui (title, footer, status line and any open prompt). */
void tui_draw_learning(WINDOW *w, const struct ui *ui, const struct ui_learning *ul);

#endif
