#include "ui_view.h"

size_t ui_view_follow(size_t *top, size_t sel, size_t n, const int *heights, size_t rows)
{
	if (*top >= n)
		*top = 0;
	if (sel >= n)
		return *top;
	if (*top > sel)
		*top = sel;
	if (!heights) {
		if (rows == 0)
			*top = sel;
		else if (sel - *top >= rows)
			*top = sel - rows + 1;
		return *top;
	}
	for (;;) {
		long used = 0;
		for (size_t i = *top; i <= sel; i++)
			used += heights[i];
		if (used <= (long)rows || *top == sel)
			return *top;
		(*top)++;
	}
}

void ui_view_fill(size_t *top, size_t n, const int *heights, size_t rows)
{
	if (!heights) {
		if (n <= rows)
			*top = 0;
		else if (*top > n - rows)
			*top = n - rows;
		return;
	}
	/* The first of the items that end the text and fit together. */
	size_t first = n;
	long used = 0;
	while (first > 0 && used + heights[first - 1] <= (long)rows)
		used += heights[--first];
	if (first == n && n > 0)
		first = n - 1;
	if (*top > first)
		*top = first;
}

size_t ui_view_first(size_t sel, size_t rows)
{
	size_t top = 0;
	return ui_view_follow(&top, sel, sel + 1, NULL, rows);
}

bool ui_view_move(size_t *selected, size_t n, enum ui_action action, size_t page)
{
	if (n == 0)
		return false;
	size_t last = n - 1, was = *selected;
	switch (action) {
	case UI_ACTION_UP:
		*selected -= *selected > 0;
		break;
	case UI_ACTION_DOWN:
		*selected += *selected < last;
		break;
	case UI_ACTION_PAGE_UP:
		*selected = *selected > page ? *selected - page : 0;
		break;
	case UI_ACTION_PAGE_DOWN:
		*selected = *selected < last && page < last - *selected ? *selected + page : last;
		break;
	case UI_ACTION_FIRST:
		*selected = 0;
		break;
	case UI_ACTION_LAST:
		*selected = last;
		break;
	default:
		break;
	}
	return *selected != was;
}

void ui_view_scroll(size_t *top, enum ui_action action, size_t last, size_t page)
{
	ui_view_move(top, last + 1, action, page);
}
