/* Find on any screen whose hooks can (see ui_screen.h's list and find): / asks what, n and N
 * look again, either way; an empty answer to / looks again for what was asked last. */
#include <stdlib.h>
#include <string.h>

#include "ui_shell_internal.h"

static void look(struct ui *ui, int dir)
{
	const struct ui_screen_ops *ops = ui_ops(ui, ui_screen(ui));
	if (!ui->find_query) {
		ui_set_status(ui, true, "Nothing to find again yet: / asks what to find");
		return;
	}
	ui_status_clear(ui);
	bool found;
	if (ops->find) {
		found = ops->find(ui, ui->find_query, dir);
	} else {
		struct ui_list list = ops->list(ui);
		found = ui_list_screen_select(ui, ui_list_find(&list, ui->find_query, dir));
	}
	if (ui->status_is_error)
		return; /* what stopped it (a save that failed first) is said */
	if (found)
		ui_set_status(ui, false, "Found \"%s\"", ui->find_query);
	else
		ui_set_status(ui, true, "No \"%s\" here", ui->find_query);
}

static void asked(struct ui *ui, const char *query, size_t len)
{
	(void)len;
	char *q = strdup(query);
	if (!q) {
		ui_set_status(ui, true, "out of memory");
		return;
	}
	free(ui->find_query);
	ui->find_query = q;
	look(ui, 1);
}

/* Enter on an empty question: what was asked last, again. */
static void asked_nothing(struct ui *ui)
{
	look(ui, 1);
}

bool ui_finds(const struct ui *ui)
{
	const struct ui_screen_ops *ops = ui_ops(ui, ui_screen(ui));
	return ops->find || ops->list;
}

void ui_find(struct ui *ui, enum ui_action action)
{
	if (action == UI_ACTION_FIND)
		ui_prompt_open(ui, asked, asked_nothing, NULL, "Find:",
			       "Find words shown in this list, or a case by its reference%s. Esc "
			       "cancels.",
			       ui->find_query ? " (Enter alone: the last again)" : "");
	else
		look(ui, action == UI_ACTION_FIND_PREV ? -1 : 1);
}
