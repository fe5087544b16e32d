#include "ui_conflict.h"

#include <stdlib.h>
#include <string.h>

#include "sbuf.h"

/* An ISO 8601 UTC time as people read it: "2026-11-24 10:00:00 UTC". */
static char *readable_time(const char *at)
{
	char *t = str_dup(at);
	if (!t)
		return NULL;
	char *p = strchr(t, 'T');
	if (p)
		*p = ' ';
	char *frac = strchr(t, '.'); /* seconds are enough */
	if (frac) {
		bool utc = strchr(frac, 'Z') != NULL;
		frac[0] = utc ? 'Z' : '\0';
		frac[utc] = '\0';
	}
	size_t n = strlen(t);
	if (n && t[n - 1] == 'Z') {
		t[n - 1] = '\0';
		char *u = str_fmt("%s UTC", t);
		free(t);
		return u;
	}
	return t;
}

char *ui_change_by(const struct store_change *by)
{
	if (!by || !by->author || !*by->author)
		return str_dup("");
	char *when = readable_time(by->at ? by->at : "");
	char *s =
	    when ? str_fmt("%s (%s) at %s", by->author, by->source ? by->source : "", when) : NULL;
	free(when);
	return s;
}

bool ui_conflict_set(struct ui_conflict *c, const struct store_change *by, const char *what,
		     const char *theirs, const char *mine)
{
	void (*resolve)(struct ui *, enum ui_action) = c->resolve;
	ui_conflict_free(c);
	c->what = str_dup(what);
	c->by = ui_change_by(by);
	c->theirs = str_dup(theirs);
	c->mine = str_dup(mine);
	c->resolve = resolve;
	if (!c->what || !c->by || !c->theirs || !c->mine) {
		ui_conflict_free(c);
		return false;
	}
	return true;
}

void ui_conflict_free(struct ui_conflict *c)
{
	free(c->what);
	free(c->by);
	free(c->theirs);
	free(c->mine);
	memset(c, 0, sizeof *c);
}

char *ui_conflict_text(const struct ui_conflict *c)
{
	struct sbuf b = {0};
	sbuf_addf(&b, "%s was changed by someone else while you were on it", c->what);
	if (*c->by)
		sbuf_addf(&b, ": by %s", c->by);
	sbuf_add(&b, ". Nothing has been saved yet: choose below.\n\n");
	sbuf_addf(&b, "What is there now:\n%s\n", *c->theirs ? c->theirs : "(nothing)\n");
	sbuf_addf(&b, "What you typed:\n%s\n", *c->mine ? c->mine : "(nothing)\n");
	sbuf_add(&b, "m keeps yours: it is saved over the other change (the history keeps both).\n"
		     "t takes theirs: what you typed is dropped.\n"
		     "Esc keeps editing: nothing is saved; the next save asks again.\n");
	return sbuf_take(&b);
}
