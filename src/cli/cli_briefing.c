/* What the briefing holds, for scripts and for chairs who draft in a text editor: good practice
 * and learning points (add, list, show, edit, move, remove), the briefing's parts (list, show,
 * text, take a suggestion, on, off, move, heading) and its settings. Long texts come from
 * --text, or --text-file FILE (- for standard input). Items are named by their number, as the
 * briefing numbers them. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "briefing.h"
#include "input_file.h"
#include "sbuf.h"
#include "text_rules.h"
#include "cli_context.h"

/* The most a text file may hold: the long-text limit at four bytes a character. */
#define TEXT_FILE_MAX (4 * 250000 + 1024)

/* Standard input, whole (at most TEXT_FILE_MAX bytes). */
static int read_stdin(char **out, struct maca_err *e)
{
	struct sbuf b = {0};
	char chunk[8192];
	for (;;) {
		ssize_t n = read(STDIN_FILENO, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			sbuf_free(&b);
			return err_set(e, MACA_EIO, "reading standard input: %s", strerror(errno));
		}
		if (n == 0)
			break;
		sbuf_addn(&b, chunk, (size_t)n);
		if (b.len > TEXT_FILE_MAX) {
			sbuf_free(&b);
			return err_set(e, MACA_EUSER, "standard input holds more than %d bytes",
				       TEXT_FILE_MAX);
		}
	}
	if (!b.failed && !b.data)
		sbuf_add(&b, "");
	*out = sbuf_take(&b);
	return *out ? MACA_OK : err_set(e, MACA_ENOMEM, "out of memory");
}

/* The text --text or --text-file gives (NULL, CLI_OK: neither), less the line breaks that end
 * a file. Prints the problem and returns CLI_FAIL when it cannot be read. */
static int text_option(struct cli *c, char **out)
{
	const char *text = cli_opt(c, "--text"), *file = cli_opt(c, "--text-file");
	*out = NULL;
	if (text && file)
		return cli_usage(c, "give --text or --text-file, not both");
	if (!text && !file)
		return CLI_OK;
	struct maca_err e = {0};
	size_t len = 0;
	if (text)
		*out = strdup(text);
	else if (strcmp(file, "-") == 0
		     ? read_stdin(out, &e)
		     : input_file_read(file, TEXT_FILE_MAX, "a text file", out, &len, &e)) {
		err_prefix(&e, "%s", strcmp(file, "-") == 0 ? "--text-file -" : file);
		return cli_fail_err(c, NULL, &e);
	}
	if (!*out)
		return cli_fail(c, "out of memory");
	len = strlen(*out);
	while (len && ((*out)[len - 1] == '\n' || (*out)[len - 1] == '\r'))
		(*out)[--len] = '\0';
	return CLI_OK;
}

/* Opens the store and finds the audit of argument 0. */
static int open_audit(struct cli *c, struct store **st, int64_t *audit_id)
{
	if (cli_open_store(c, st))
		return CLI_FAIL;
	struct maca_err e = {0};
	if (store_audit_resolve(*st, cli_arg(c, 0), audit_id, &e)) {
		store_close(*st);
		*st = NULL;
		return cli_fail_err(c, NULL, &e);
	}
	return CLI_OK;
}

/* Argument i as a number from 1 to max, naming what it counts in the message. */
static int number_arg(struct cli *c, int i, size_t max, const char *what, int *out)
{
	const char *s = cli_arg(c, i);
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (end == s || *end || errno || v < 1 || (size_t)v > max) {
		if (max == 0)
			return cli_fail(c, "the audit has no %s", what);
		return cli_fail(c, "'%s' is not a %s number: they are numbered 1 to %zu", s, what,
				max);
	}
	*out = (int)v;
	return CLI_OK;
}

/* Good practice */

static int good_practice_list(struct cli *c, struct store **st, int64_t *audit,
			      struct good_practice_row **rows, size_t *n)
{
	*rows = NULL;
	*n = 0;
	if (open_audit(c, st, audit))
		return CLI_FAIL;
	struct maca_err e = {0};
	if (store_good_practice_list(*st, *audit, rows, n, &e))
		return cli_fail_err(c, NULL, &e);
	return CLI_OK;
}

/* The item that argument 1 numbers, in rows. */
static int good_practice_item(struct cli *c, const struct good_practice_row *rows, size_t n,
			      const struct good_practice_row **out)
{
	int number;
	if (number_arg(c, 1, n, "good practice", &number))
		return CLI_FAIL;
	*out = &rows[number - 1];
	return CLI_OK;
}

int cli_cmd_good_practice_add(struct cli *c)
{
	const char *agencies = cli_opt(c, "--agencies"), *cases = cli_opt(c, "--cases");
	char *text;
	int rc = text_option(c, &text);
	if (rc)
		return rc;
	if (!text)
		return cli_usage(c, "good-practice add needs its text: --text TEXT or --text-file "
				    "FILE");
	struct store *st;
	int64_t audit, id;
	rc = open_audit(c, &st, &audit);
	struct good_practice_fields g = {.text = text, .agencies = agencies, .cases = cases};
	struct maca_err e = {0};
	if (!rc && store_good_practice_add(st, audit, &g, &id, &e))
		rc = cli_fail_err(c, NULL, &e);
	struct good_practice_row *rows = NULL;
	size_t n = 0;
	if (!rc && store_good_practice_list(st, audit, &rows, &n, &e))
		rc = cli_fail_err(c, NULL, &e);
	for (size_t i = 0; !rc && i < n; i++)
		if (rows[i].id == id)
			cli_print(c, "%d\n", rows[i].position);
	good_practice_rows_free(rows, n);
	store_close(st);
	free(text);
	return rc;
}

int cli_cmd_good_practice_list(struct cli *c)
{
	struct store *st = NULL;
	int64_t audit;
	struct good_practice_row *rows;
	size_t n;
	int rc = good_practice_list(c, &st, &audit, &rows, &n);
	for (size_t i = 0; !rc && i < n; i++)
		cli_print(c, "%d\t%s\t%s\t%s\n", rows[i].position, rows[i].agencies, rows[i].cases,
			  rows[i].text);
	good_practice_rows_free(rows, n);
	store_close(st);
	return rc;
}

int cli_cmd_good_practice_edit(struct cli *c)
{
	const char *agencies = cli_opt(c, "--agencies"), *cases = cli_opt(c, "--cases");
	char *text;
	int rc = text_option(c, &text);
	if (rc)
		return rc;
	struct store *st = NULL;
	int64_t audit;
	struct good_practice_row *rows;
	const struct good_practice_row *g;
	size_t n;
	rc = good_practice_list(c, &st, &audit, &rows, &n);
	if (!rc)
		rc = good_practice_item(c, rows, n, &g);
	struct maca_err e = {0};
	if (!rc) {
		struct good_practice_fields f = {.text = text ? text : g->text,
						 .agencies = agencies ? agencies : g->agencies,
						 .cases = cases ? cases : g->cases};
		if (store_good_practice_update_if(st, g->id, &f, g, NULL, NULL, &e))
			rc = cli_fail_err(c, NULL, &e);
	}
	good_practice_rows_free(rows, n);
	store_close(st);
	free(text);
	return rc;
}

/* Learning points */

static int points_list(struct cli *c, struct store **st, int64_t *audit,
		       struct learning_point_row **rows, size_t *n)
{
	*rows = NULL;
	*n = 0;
	if (open_audit(c, st, audit))
		return CLI_FAIL;
	struct maca_err e = {0};
	if (store_learning_points(*st, *audit, rows, n, &e))
		return cli_fail_err(c, NULL, &e);
	return CLI_OK;
}

static int point_item(struct cli *c, struct learning_point_row *rows, size_t n,
		      struct learning_point_row **out)
{
	int number;
	if (number_arg(c, 1, n, "learning point", &number))
		return CLI_FAIL;
	*out = &rows[number - 1];
	return CLI_OK;
}

/* A comma-separated option as a list; *list NULL when the option was not given. */
static int list_option(struct cli *c, const char *name, struct named_list *store,
		       const struct named_list **list)
{
	const char *v = cli_opt(c, name);
	*list = NULL;
	if (!v)
		return CLI_OK;
	if (!split_list(v, store))
		return cli_fail(c, "out of memory");
	*list = store;
	return CLI_OK;
}

/* A learning point's options, as learning add and edit take them: each NULL when not given. */
struct point_options {
	const char *title;
	char *text;
	const struct named_list *cases, *agencies, *sections;
	struct named_list held[3]; /* the lists given */
};

static int point_options(struct cli *c, struct point_options *o)
{
	*o = (struct point_options){.title = cli_opt(c, "--title")};
	int rc = list_option(c, "--cases", &o->held[0], &o->cases);
	if (!rc)
		rc = list_option(c, "--agencies", &o->held[1], &o->agencies);
	if (!rc)
		rc = list_option(c, "--sections", &o->held[2], &o->sections);
	if (!rc)
		rc = text_option(c, &o->text);
	return rc;
}

static void point_options_free(struct point_options *o)
{
	free(o->text);
	for (size_t i = 0; i < 3; i++)
		named_list_free(&o->held[i]);
}

int cli_cmd_learning_add(struct cli *c)
{
	struct point_options o;
	int rc = point_options(c, &o);
	struct store *st = NULL;
	int64_t audit, id;
	int number;
	if (!rc)
		rc = open_audit(c, &st, &audit);
	struct maca_err e = {0};
	struct learning_point_fields lp = {.title = o.title,
					   .text = o.text,
					   .cases = o.cases,
					   .agencies = o.agencies,
					   .sections = o.sections};
	if (!rc && store_learning_point_add(st, audit, &lp, &id, &number, &e))
		rc = cli_fail_err(c, NULL, &e);
	else if (!rc)
		cli_print(c, "%d\n", number);
	store_close(st);
	point_options_free(&o);
	return rc;
}

int cli_cmd_learning_list(struct cli *c)
{
	struct store *st = NULL;
	int64_t audit;
	struct learning_point_row *rows;
	size_t n;
	int rc = points_list(c, &st, &audit, &rows, &n);
	for (size_t i = 0; !rc && i < n; i++)
		cli_print(c, "%d\t%s\t%zu action%s\t%s\n", rows[i].number, rows[i].title,
			  rows[i].nactions, rows[i].nactions == 1 ? "" : "s", rows[i].text);
	learning_point_rows_free(rows, n);
	store_close(st);
	return rc;
}

int cli_cmd_learning_edit(struct cli *c)
{
	struct point_options o;
	int rc = point_options(c, &o);
	struct store *st = NULL;
	int64_t audit;
	struct learning_point_row *rows = NULL, *lp;
	size_t n = 0;
	if (!rc)
		rc = points_list(c, &st, &audit, &rows, &n);
	if (!rc)
		rc = point_item(c, rows, n, &lp);
	struct maca_err e = {0};
	if (!rc) {
		/* What is not given stays as it is. */
		struct learning_point_fields f = {
		    .title = o.title ? o.title : lp->title,
		    .text = o.text ? o.text : lp->text,
		    .cases = o.cases ? o.cases : &lp->cases,
		    .agencies = o.agencies ? o.agencies : &lp->agencies,
		    .sections = o.sections ? o.sections : &lp->sections};
		if (store_learning_point_update_if(st, lp->id, &f, lp, NULL, NULL, &e))
			rc = cli_fail_err(c, NULL, &e);
	}
	learning_point_rows_free(rows, n);
	store_close(st);
	point_options_free(&o);
	return rc;
}

/* Good practice and learning points alike: show, move and remove the one argument 1 numbers */

enum item_kind { ITEM_GOOD_PRACTICE, ITEM_LEARNING_POINT };

/* The item argument 1 numbers, of the audit argument 0 names: its id, a copy of its text, and
 * how many there are. */
struct item {
	int64_t id;
	char *text;
	size_t n;
};

static int item_pick(struct cli *c, enum item_kind kind, struct store **st, struct item *out)
{
	*out = (struct item){0};
	struct good_practice_row *gp = NULL;
	struct learning_point_row *lp = NULL;
	size_t n = 0;
	int number = 0;
	int rc = kind == ITEM_GOOD_PRACTICE ? good_practice_list(c, st, &(int64_t){0}, &gp, &n)
					    : points_list(c, st, &(int64_t){0}, &lp, &n);
	if (!rc)
		rc = number_arg(c, 1, n,
				kind == ITEM_GOOD_PRACTICE ? "good practice" : "learning point",
				&number);
	if (!rc) {
		out->id = gp ? gp[number - 1].id : lp[number - 1].id;
		out->text = strdup(gp ? gp[number - 1].text : lp[number - 1].text);
		out->n = n;
		if (!out->text)
			rc = cli_fail(c, "out of memory");
	}
	good_practice_rows_free(gp, kind == ITEM_GOOD_PRACTICE ? n : 0);
	learning_point_rows_free(lp, kind == ITEM_LEARNING_POINT ? n : 0);
	return rc;
}

static int item_show(struct cli *c, enum item_kind kind)
{
	struct store *st = NULL;
	struct item it;
	int rc = item_pick(c, kind, &st, &it);
	if (!rc) {
		cli_put_block(c, it.text);
		cli_print(c, "\n");
	}
	free(it.text);
	store_close(st);
	return rc;
}

static int item_move(struct cli *c, enum item_kind kind)
{
	struct store *st = NULL;
	struct item it;
	int to = 0;
	int rc = item_pick(c, kind, &st, &it);
	if (!rc)
		rc = number_arg(c, 2, it.n,
				kind == ITEM_GOOD_PRACTICE ? "good practice" : "learning point",
				&to);
	struct maca_err e = {0};
	if (!rc && (kind == ITEM_GOOD_PRACTICE ? store_good_practice_move(st, it.id, to, &e)
					       : store_learning_point_move(st, it.id, to, &e)))
		rc = cli_fail_err(c, NULL, &e);
	free(it.text);
	store_close(st);
	return rc;
}

static int item_remove(struct cli *c, enum item_kind kind)
{
	struct store *st = NULL;
	struct item it;
	int rc = item_pick(c, kind, &st, &it);
	struct maca_err e = {0};
	if (!rc && (kind == ITEM_GOOD_PRACTICE ? store_good_practice_delete(st, it.id, &e)
					       : store_learning_point_delete(st, it.id, &e)))
		rc = cli_fail_err(c, NULL, &e);
	free(it.text);
	store_close(st);
	return rc;
}

int cli_cmd_good_practice_show(struct cli *c)
{
	return item_show(c, ITEM_GOOD_PRACTICE);
}

int cli_cmd_good_practice_move(struct cli *c)
{
	return item_move(c, ITEM_GOOD_PRACTICE);
}

int cli_cmd_good_practice_remove(struct cli *c)
{
	return item_remove(c, ITEM_GOOD_PRACTICE);
}

int cli_cmd_learning_show(struct cli *c)
{
	return item_show(c, ITEM_LEARNING_POINT);
}

int cli_cmd_learning_move(struct cli *c)
{
	return item_move(c, ITEM_LEARNING_POINT);
}

int cli_cmd_learning_remove(struct cli *c)
{
	return item_remove(c, ITEM_LEARNING_POINT);
}

/* The briefing's parts */

/* Argument 1 as a part. */
static int part_arg(struct cli *c, enum briefing_part *part)
{
	if (briefing_part_parse(cli_arg(c, 1), part))
		return CLI_OK;
	return cli_fail(c, "unknown briefing part '%s' (known: %s)", cli_arg(c, 1),
			briefing_part_names());
}

/* What the options give everything below: the partnership's resources and pages. */
static struct briefing_options options_of(struct cli *c, const char *layout)
{
	return (struct briefing_options){.layout = layout,
					 .resources = c->cfg.resources,
					 .nresources = c->cfg.nresources,
					 .partnership = &c->cfg.partnership_info};
}

/* The state of a part's text, as the parts list says it. */
static const char *text_state(const struct briefing_part_state *p)
{
	enum briefing_part_kind kind = briefing_part_kind(p->part);
	if (p->inherited)
		return "standard's text";
	if (p->text)
		return kind == BRIEFING_KIND_RECORDS ? "text, then records" : "text";
	return kind == BRIEFING_KIND_TEXT ? "no text" : "records";
}

int cli_cmd_briefing_parts(struct cli *c)
{
	const char *layout = cli_opt(c, "--layout");
	struct store *st;
	int64_t audit;
	if (open_audit(c, &st, &audit))
		return CLI_FAIL;
	struct briefing_parts p = {0};
	struct maca_err e = {0};
	int rc = CLI_OK;
	if (briefing_parts_read(st, audit, layout, &p, &e))
		rc = cli_fail_err(c, NULL, &e);
	for (size_t i = 0; !rc && i < BRIEFING_NPARTS; i++) {
		const struct briefing_part_state *s = &p.items[i];
		cli_print(c, "%zu\t%s\t%s\t%s\t%s\n", i + 1, s->shown ? "on" : "off",
			  briefing_part_name(s->part), text_state(s),
			  *s->heading ? s->heading : "(no heading)");
	}
	briefing_parts_free(&p);
	store_close(st);
	return rc;
}

/* What show and take read: the audit, the part named, its layout's parts and (when asked)
 * maca's suggestion for it. */
struct part_read {
	struct store *st;
	int64_t audit;
	enum briefing_part part;
	struct briefing_parts parts;
	char *suggestion;
};

static int part_read(struct cli *c, const char *layout, bool suggestion, struct part_read *r)
{
	*r = (struct part_read){0};
	if (part_arg(c, &r->part) || cli_load_config(c) || open_audit(c, &r->st, &r->audit))
		return CLI_FAIL;
	struct briefing_options opt = options_of(c, layout);
	struct maca_err e = {0};
	if (briefing_parts_read(r->st, r->audit, layout, &r->parts, &e) ||
	    (suggestion &&
	     briefing_part_suggestion(r->st, r->audit, r->part, &opt, &r->suggestion, &e)))
		return cli_fail_err(c, NULL, &e);
	return CLI_OK;
}

static void part_read_free(struct part_read *r)
{
	free(r->suggestion);
	briefing_parts_free(&r->parts);
	store_close(r->st);
}

int cli_cmd_briefing_show(struct cli *c)
{
	const char *layout = cli_opt(c, "--layout");
	bool suggested = cli_flag(c, "--suggested");
	struct part_read r;
	int rc = part_read(c, layout, suggested, &r);
	const char *shown = suggested ? r.suggestion
			    : rc      ? NULL
				      : briefing_parts_find(&r.parts, r.part)->text;
	if (!rc && shown && *shown) {
		cli_put_block(c, shown);
		cli_print(c, "\n");
	}
	part_read_free(&r);
	return rc;
}

int cli_cmd_briefing_text(struct cli *c)
{
	const char *layout = cli_opt(c, "--layout");
	enum briefing_part part;
	char *text = NULL;
	int rc = text_option(c, &text);
	if (rc || (rc = part_arg(c, &part))) {
		free(text);
		return rc;
	}
	if (!text)
		return cli_usage(c, "briefing text needs the text: --text TEXT or --text-file FILE "
				    "(- for standard input); an empty text clears it");
	struct store *st;
	int64_t audit;
	rc = open_audit(c, &st, &audit);
	struct maca_err e = {0};
	if (!rc && briefing_part_set_text(st, audit, layout, part, text, NULL, NULL, NULL, &e))
		rc = cli_fail_err(c, NULL, &e);
	store_close(st);
	free(text);
	return rc;
}

int cli_cmd_briefing_take(struct cli *c)
{
	const char *layout = cli_opt(c, "--layout");
	bool force = cli_flag(c, "--force");
	struct part_read r;
	int rc = part_read(c, layout, true, &r);
	const struct briefing_part_state *s = rc ? NULL : briefing_parts_find(&r.parts, r.part);
	struct maca_err e = {0};
	if (!rc && !*r.suggestion)
		rc = cli_fail(c,
			      "maca has no suggestion for the %s part; write its text with maca "
			      "briefing text",
			      briefing_part_name(r.part));
	else if (!rc && s->text && !s->inherited && !force)
		rc =
		    cli_fail(c,
			     "the %s part has text of its own; pass --force to replace it with the "
			     "suggestion (maca briefing show --suggested shows it)",
			     briefing_part_name(r.part));
	else if (!rc && briefing_part_set_text(r.st, r.audit, r.parts.layout, r.part, r.suggestion,
					       NULL, NULL, NULL, &e))
		rc = cli_fail_err(c, NULL, &e);
	part_read_free(&r);
	return rc;
}

static int show_or_hide(struct cli *c, bool shown)
{
	const char *layout = cli_opt(c, "--layout");
	struct store *st;
	int64_t audit;
	if (open_audit(c, &st, &audit))
		return CLI_FAIL;
	int rc = CLI_OK;
	struct maca_err e = {0};
	/* Each part named, each its own write; the first unknown one stops. */
	for (int i = 1; !rc && i < cli_nargs(c); i++) {
		enum briefing_part part;
		if (!briefing_part_parse(cli_arg(c, i), &part))
			rc = cli_fail(c, "unknown briefing part '%s' (known: %s)", cli_arg(c, i),
				      briefing_part_names());
		else if (briefing_part_show(st, audit, layout, part, shown, &e))
			rc = cli_fail_err(c, NULL, &e);
	}
	store_close(st);
	return rc;
}

int cli_cmd_briefing_on(struct cli *c)
{
	return show_or_hide(c, true);
}

int cli_cmd_briefing_off(struct cli *c)
{
	return show_or_hide(c, false);
}

int cli_cmd_briefing_move(struct cli *c)
{
	const char *layout = cli_opt(c, "--layout");
	enum briefing_part part;
	int place = 0;
	if (part_arg(c, &part) || number_arg(c, 2, BRIEFING_NPARTS, "place", &place))
		return CLI_FAIL;
	struct store *st;
	int64_t audit;
	int rc = open_audit(c, &st, &audit);
	struct maca_err e = {0};
	if (!rc && briefing_part_move(st, audit, layout, part, (size_t)place, &e))
		rc = cli_fail_err(c, NULL, &e);
	store_close(st);
	return rc;
}

int cli_cmd_briefing_heading(struct cli *c)
{
	const char *layout = cli_opt(c, "--layout"), *to = cli_opt(c, "--to");
	bool none = cli_flag(c, "--none"), reset = cli_flag(c, "--default");
	enum briefing_part part;
	if ((to != NULL) + none + reset != 1)
		return cli_usage(c, "briefing heading needs one of --to TEXT, --none or --default");
	if (part_arg(c, &part))
		return CLI_FAIL;
	struct store *st;
	int64_t audit;
	int rc = open_audit(c, &st, &audit);
	struct maca_err e = {0};
	if (!rc && briefing_part_heading(st, audit, layout, part, none ? "" : to, &e))
		rc = cli_fail_err(c, NULL, &e);
	store_close(st);
	return rc;
}

/* Settings */

/* The option for each setting: --title, --published, ... */
static const char *setting_option(enum briefing_setting s)
{
	static const char *const options[] = {
#define BRIEFING_SETTING_OPTION(id, name, label) "--" name,
	    BRIEFING_SETTINGS(BRIEFING_SETTING_OPTION)
#undef BRIEFING_SETTING_OPTION
	};
	return options[s];
}

int cli_cmd_briefing_set(struct cli *c)
{
	const char *values[BRIEFING_NSETTINGS];
	size_t given = 0;
	for (int s = 0; s < BRIEFING_NSETTINGS; s++)
		given += (values[s] = cli_opt(c, setting_option((enum briefing_setting)s))) != NULL;
	if (!given)
		return cli_usage(c, "briefing set needs a setting, e.g. --published 2025-06");
	struct store *st;
	int64_t audit;
	if (open_audit(c, &st, &audit))
		return CLI_FAIL;
	int rc = CLI_OK;
	struct maca_err e = {0};
	/* Checked and saved one by one: a bad one stops, naming its option. */
	for (int s = 0; !rc && s < BRIEFING_NSETTINGS; s++)
		if (values[s] &&
		    briefing_setting_set(st, audit, (enum briefing_setting)s, values[s], &e))
			rc = cli_fail_err(c, setting_option((enum briefing_setting)s), &e);
	store_close(st);
	return rc;
}

int cli_cmd_briefing_settings(struct cli *c)
{
	struct store *st;
	int64_t audit;
	if (open_audit(c, &st, &audit))
		return CLI_FAIL;
	int rc = CLI_OK;
	struct maca_err e = {0};
	for (int s = 0; !rc && s < BRIEFING_NSETTINGS; s++) {
		char *v;
		if (briefing_setting_get(st, audit, (enum briefing_setting)s, &v, &e)) {
			rc = cli_fail_err(c, NULL, &e);
			break;
		}
		cli_print(c, "%s\t%s\n", briefing_setting_name((enum briefing_setting)s), v);
		free(v);
	}
	store_close(st);
	return rc;
}
