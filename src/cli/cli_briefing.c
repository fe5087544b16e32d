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

/* Good practice and learning points: the same commands for both, the table pointing each
 * pair at one function here and the command's first word saying which. */

enum item_kind { ITEM_GOOD_PRACTICE, ITEM_LEARNING_POINT };

static enum item_kind item_kind(const struct cli *c)
{
	return cli_command_is(c, "learning") ? ITEM_LEARNING_POINT : ITEM_GOOD_PRACTICE;
}

/* The items of one kind of the audit argument 0 names, read from the database opened for
 * them: the rows of that kind, by number. */
struct items {
	enum item_kind kind;
	struct cli_audit a;
	struct good_practice_row *gp;
	struct learning_point_row *lp;
	size_t n;
};

static int items_open(struct cli *c, enum item_kind kind, struct items *it)
{
	*it = (struct items){.kind = kind};
	return cli_audit_open(c, false, &it->a);
}

static int items_list(struct cli *c, struct items *it)
{
	struct maca_err e = {0};
	if (it->kind == ITEM_GOOD_PRACTICE
		? store_good_practice_list(it->a.st, it->a.id, &it->gp, &it->n, &e)
		: store_learning_points(it->a.st, it->a.id, &it->lp, &it->n, &e))
		return cli_fail_err(c, NULL, &e);
	return CLI_OK;
}

static void items_free(struct items *it)
{
	good_practice_rows_free(it->gp, it->kind == ITEM_GOOD_PRACTICE ? it->n : 0);
	learning_point_rows_free(it->lp, it->kind == ITEM_LEARNING_POINT ? it->n : 0);
	cli_audit_close(&it->a);
}

/* Argument i as the number of one of the items. */
static int item_number(struct cli *c, const struct items *it, int i, int *number)
{
	return number_arg(c, i, it->n,
			  it->kind == ITEM_GOOD_PRACTICE ? "good practice" : "learning point",
			  number);
}

/* The items, and the one argument 1 numbers: its row is number - 1. */
static int item_pick(struct cli *c, struct items *it, int *number)
{
	int rc = items_open(c, item_kind(c), it);
	if (!rc)
		rc = items_list(c, it);
	if (!rc)
		rc = item_number(c, it, 1, number);
	return rc;
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

/* What add and edit take, each NULL when not given: the text; good practice's agencies and
 * cases as typed; a learning point's title, and its links as lists. */
struct item_options {
	char *text;
	const char *agencies, *cases;
	const char *title;
	const struct named_list *case_list, *agency_list, *section_list;
	struct named_list held[3]; /* the lists given */
};

static int item_options(struct cli *c, enum item_kind kind, struct item_options *o)
{
	*o = (struct item_options){0};
	int rc = CLI_OK;
	if (kind == ITEM_GOOD_PRACTICE) {
		o->agencies = cli_opt(c, "--agencies");
		o->cases = cli_opt(c, "--cases");
	} else {
		o->title = cli_opt(c, "--title");
		rc = list_option(c, "--cases", &o->held[0], &o->case_list);
		if (!rc)
			rc = list_option(c, "--agencies", &o->held[1], &o->agency_list);
		if (!rc)
			rc = list_option(c, "--sections", &o->held[2], &o->section_list);
	}
	if (!rc)
		rc = text_option(c, &o->text);
	return rc;
}

static void item_options_free(struct item_options *o)
{
	free(o->text);
	for (size_t i = 0; i < 3; i++)
		named_list_free(&o->held[i]);
}

/* The options that set a field of each kind of item's form. */
static const struct cli_field_option good_practice_options[] = {{"--text", "text"},
								{"--text-file", "text"},
								{"--agencies", "agencies"},
								{"--cases", "cases"},
								{NULL, NULL}};
static const struct cli_field_option learning_point_options[] = {
    {"--title", "title"}, {"--text", "text"},	      {"--text-file", "text"},
    {"--cases", "cases"}, {"--agencies", "agencies"}, {"--sections", "sections"},
    {NULL, NULL}};

/* Refuses an option for a field the audit's template says does not apply, as its form in
 * the interface does not show it. */
static int fields_apply(struct cli *c, const struct items *it)
{
	struct template *tpl = NULL;
	struct maca_err e = {0};
	if (store_audit_template(it->a.st, it->a.id, &tpl, &e))
		return cli_fail_err(c, NULL, &e);
	bool gp = it->kind == ITEM_GOOD_PRACTICE;
	struct form *form;
	int rc = cli_form_open(c, gp ? RECORD_GOOD_PRACTICE : RECORD_LEARNING_POINT, tpl, NULL,
			       gp ? good_practice_options : learning_point_options, &form);
	form_free(form);
	template_free(tpl);
	return rc;
}

/* Adds the item and prints its number: good practice's is found among the items after. */
static int item_add(struct cli *c, struct items *it, const struct item_options *o)
{
	struct maca_err e = {0};
	int64_t id;
	int number = 0;
	if (it->kind == ITEM_LEARNING_POINT) {
		struct learning_point_fields lp = {.title = o->title,
						   .text = o->text,
						   .cases = o->case_list,
						   .agencies = o->agency_list,
						   .sections = o->section_list};
		if (store_learning_point_add(it->a.st, it->a.id, &lp, &id, &number, &e))
			return cli_fail_err(c, NULL, &e);
		cli_print(c, "%d\n", number);
		return CLI_OK;
	}
	struct good_practice_fields g = {
	    .text = o->text, .agencies = o->agencies, .cases = o->cases};
	if (store_good_practice_add(it->a.st, it->a.id, &g, &id, &e))
		return cli_fail_err(c, NULL, &e);
	int rc = items_list(c, it);
	for (size_t i = 0; !rc && i < it->n; i++)
		if (it->gp[i].id == id)
			cli_print(c, "%d\n", it->gp[i].position);
	return rc;
}

int cli_cmd_item_add(struct cli *c)
{
	enum item_kind kind = item_kind(c);
	struct item_options o;
	struct items it = {0};
	int rc = item_options(c, kind, &o);
	if (!rc && kind == ITEM_GOOD_PRACTICE && !o.text)
		rc = cli_usage(c, "good-practice add needs its text: --text TEXT or --text-file "
				  "FILE");
	if (!rc)
		rc = items_open(c, kind, &it);
	if (!rc)
		rc = fields_apply(c, &it);
	if (!rc)
		rc = item_add(c, &it, &o);
	items_free(&it);
	item_options_free(&o);
	return rc;
}
/* What a command does to the item argument 1 numbers (o: edit's options). */
typedef int (*item_action)(struct cli *c, struct items *it, int number,
			   const struct item_options *o);

static int on_item(struct cli *c, item_action act, const struct item_options *o)
{
	struct items it;
	int number = 0;
	int rc = item_pick(c, &it, &number);
	if (!rc)
		rc = act(c, &it, number, o);
	items_free(&it);
	return rc;
}

/* Changes the item to what the options give; what is not given stays as it is. */
static int edit(struct cli *c, struct items *it, int number, const struct item_options *o)
{
	struct maca_err e = {0};
	int rc = fields_apply(c, it);
	if (rc)
		return rc;
	if (it->kind == ITEM_LEARNING_POINT) {
		const struct learning_point_row *lp = &it->lp[number - 1];
		struct learning_point_fields f = {
		    .title = o->title ? o->title : lp->title,
		    .text = o->text ? o->text : lp->text,
		    .cases = o->case_list ? o->case_list : &lp->cases,
		    .agencies = o->agency_list ? o->agency_list : &lp->agencies,
		    .sections = o->section_list ? o->section_list : &lp->sections};
		rc = store_learning_point_update_if(it->a.st, lp->id, &f, lp, NULL, NULL, &e);
	} else {
		const struct good_practice_row *g = &it->gp[number - 1];
		struct good_practice_fields f = {.text = o->text ? o->text : g->text,
						 .agencies =
						     o->agencies ? o->agencies : g->agencies,
						 .cases = o->cases ? o->cases : g->cases};
		rc = store_good_practice_update_if(it->a.st, g->id, &f, g, NULL, NULL, &e);
	}
	return rc ? cli_fail_err(c, NULL, &e) : CLI_OK;
}

int cli_cmd_item_edit(struct cli *c)
{
	struct item_options o;
	int rc = item_options(c, item_kind(c), &o);
	if (!rc)
		rc = on_item(c, edit, &o);
	item_options_free(&o);
	return rc;
}

int cli_cmd_item_list(struct cli *c)
{
	struct items it;
	int rc = items_open(c, item_kind(c), &it);
	if (!rc)
		rc = items_list(c, &it);
	for (size_t i = 0; !rc && i < it.n; i++) {
		if (it.kind == ITEM_GOOD_PRACTICE)
			cli_print(c, "%d\t%s\t%s\t%s\n", it.gp[i].position, it.gp[i].agencies,
				  it.gp[i].cases, it.gp[i].text);
		else
			cli_print(c, "%d\t%s\t%zu action%s\t%s\n", it.lp[i].number, it.lp[i].title,
				  it.lp[i].nactions, it.lp[i].nactions == 1 ? "" : "s",
				  it.lp[i].text);
	}
	items_free(&it);
	return rc;
}

/* Its text as it is, to edit it. */
static int show(struct cli *c, struct items *it, int number, const struct item_options *o)
{
	(void)o;
	cli_put_block(c, it->kind == ITEM_GOOD_PRACTICE ? it->gp[number - 1].text
							: it->lp[number - 1].text);
	cli_print(c, "\n");
	return CLI_OK;
}

int cli_cmd_item_show(struct cli *c)
{
	return on_item(c, show, NULL);
}

/* To the place argument 2 gives; the others follow. */
static int move(struct cli *c, struct items *it, int number, const struct item_options *o)
{
	(void)o;
	int to = 0;
	if (item_number(c, it, 2, &to))
		return CLI_FAIL;
	struct maca_err e = {0};
	int64_t id = it->kind == ITEM_GOOD_PRACTICE ? it->gp[number - 1].id : it->lp[number - 1].id;
	if (it->kind == ITEM_GOOD_PRACTICE ? store_good_practice_move(it->a.st, id, to, &e)
					   : store_learning_point_move(it->a.st, id, to, &e))
		return cli_fail_err(c, NULL, &e);
	return CLI_OK;
}

int cli_cmd_item_move(struct cli *c)
{
	return on_item(c, move, NULL);
}

/* Later items move up a number; a learning point's actions go with it. */
static int remove_item(struct cli *c, struct items *it, int number, const struct item_options *o)
{
	(void)o;
	struct maca_err e = {0};
	if (it->kind == ITEM_GOOD_PRACTICE
		? store_good_practice_delete(it->a.st, it->gp[number - 1].id, &e)
		: store_learning_point_delete(it->a.st, it->lp[number - 1].id, &e))
		return cli_fail_err(c, NULL, &e);
	return CLI_OK;
}

int cli_cmd_item_remove(struct cli *c)
{
	return on_item(c, remove_item, NULL);
}

/* The briefing's parts */

/* Argument i as a part. */
static int part_arg(struct cli *c, int i, enum briefing_part *part)
{
	if (briefing_part_parse(cli_arg(c, i), part))
		return CLI_OK;
	return cli_fail(c, "unknown briefing part '%s' (known: %s)", cli_arg(c, i),
			briefing_part_names());
}

/* What a command does to the audit argument 0 names, opened for it by on_audit. */
typedef int (*audit_act)(struct cli *c, struct store *st, int64_t audit, const void *arg);

static int on_audit(struct cli *c, audit_act act, const void *arg)
{
	struct cli_audit a;
	if (cli_audit_open(c, false, &a))
		return CLI_FAIL;
	int rc = act(c, a.st, a.id, arg);
	cli_audit_close(&a);
	return rc;
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

static int list_parts(struct cli *c, struct store *st, int64_t audit, const void *layout)
{
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
	return rc;
}

int cli_cmd_briefing_parts(struct cli *c)
{
	return on_audit(c, list_parts, cli_opt(c, "--layout"));
}

/* What show and take read: the audit, the part named, its layout's parts and (when asked)
 * maca's suggestion for it. */
struct part_read {
	struct cli_audit a;
	enum briefing_part part;
	struct briefing_parts parts;
	char *suggestion;
};

static int part_read(struct cli *c, const char *layout, bool suggestion, struct part_read *r)
{
	*r = (struct part_read){0};
	if (part_arg(c, 1, &r->part) || cli_load_config(c) || cli_audit_open(c, false, &r->a))
		return CLI_FAIL;
	struct briefing_options opt = options_of(c, layout);
	struct maca_err e = {0};
	if (briefing_parts_read(r->a.st, r->a.id, layout, &r->parts, &e) ||
	    (suggestion &&
	     briefing_part_suggestion(r->a.st, r->a.id, r->part, &opt, &r->suggestion, &e)))
		return cli_fail_err(c, NULL, &e);
	return CLI_OK;
}

static void part_read_free(struct part_read *r)
{
	free(r->suggestion);
	briefing_parts_free(&r->parts);
	cli_audit_close(&r->a);
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

/* What briefing text, move and heading change in a part of a layout. */
struct part_change {
	enum { CHANGE_TEXT, CHANGE_PLACE, CHANGE_HEADING } what;
	const char *layout;
	enum briefing_part part;
	const char *text; /* the text, or the heading (NULL: the layout's) */
	size_t place;
};

/* One write. */
static int change_part(struct cli *c, struct store *st, int64_t audit, const void *arg)
{
	const struct part_change *ch = arg;
	struct maca_err e = {0};
	bool failed;
	if (ch->what == CHANGE_TEXT)
		failed = briefing_part_set_text(st, audit, ch->layout, ch->part, ch->text, NULL,
						NULL, NULL, &e);
	else if (ch->what == CHANGE_PLACE)
		failed = briefing_part_move(st, audit, ch->layout, ch->part, ch->place, &e);
	else
		failed = briefing_part_heading(st, audit, ch->layout, ch->part, ch->text, &e);
	return failed ? cli_fail_err(c, NULL, &e) : CLI_OK;
}

int cli_cmd_briefing_text(struct cli *c)
{
	struct part_change ch = {.what = CHANGE_TEXT, .layout = cli_opt(c, "--layout")};
	char *text = NULL;
	int rc = text_option(c, &text);
	if (!rc)
		rc = part_arg(c, 1, &ch.part);
	if (!rc && !text)
		rc = cli_usage(c, "briefing text needs the text: --text TEXT or --text-file FILE "
				  "(- for standard input); an empty text clears it");
	ch.text = text;
	if (!rc)
		rc = on_audit(c, change_part, &ch);
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
	else if (!rc && briefing_part_set_text(r.a.st, r.a.id, r.parts.layout, r.part, r.suggestion,
					       NULL, NULL, NULL, &e))
		rc = cli_fail_err(c, NULL, &e);
	part_read_free(&r);
	return rc;
}

/* Each part named, each its own write; the first unknown one stops. */
static int show_parts(struct cli *c, struct store *st, int64_t audit, const void *layout)
{
	bool shown = cli_command_is(c, "briefing on");
	struct maca_err e = {0};
	for (int i = 1; i < cli_nargs(c); i++) {
		enum briefing_part part;
		if (part_arg(c, i, &part))
			return CLI_FAIL;
		if (briefing_part_show(st, audit, layout, part, shown, &e))
			return cli_fail_err(c, NULL, &e);
	}
	return CLI_OK;
}

/* briefing on and briefing off. */
int cli_cmd_briefing_on_off(struct cli *c)
{
	return on_audit(c, show_parts, cli_opt(c, "--layout"));
}

int cli_cmd_briefing_move(struct cli *c)
{
	struct part_change ch = {.what = CHANGE_PLACE, .layout = cli_opt(c, "--layout")};
	int place = 0;
	if (part_arg(c, 1, &ch.part) || number_arg(c, 2, BRIEFING_NPARTS, "place", &place))
		return CLI_FAIL;
	ch.place = (size_t)place;
	return on_audit(c, change_part, &ch);
}

int cli_cmd_briefing_heading(struct cli *c)
{
	const char *layout = cli_opt(c, "--layout"), *to = cli_opt(c, "--to");
	bool none = cli_flag(c, "--none"), reset = cli_flag(c, "--default");
	if ((to != NULL) + none + reset != 1)
		return cli_usage(c, "briefing heading needs one of --to TEXT, --none or --default");
	struct part_change ch = {.what = CHANGE_HEADING, .layout = layout, .text = none ? "" : to};
	if (part_arg(c, 1, &ch.part))
		return CLI_FAIL;
	return on_audit(c, change_part, &ch);
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

/* Checked and saved one by one: a bad one stops, naming its option. */
static int save_settings(struct cli *c, struct store *st, int64_t audit, const void *arg)
{
	const char *const *values = arg;
	struct maca_err e = {0};
	for (int s = 0; s < BRIEFING_NSETTINGS; s++)
		if (values[s] &&
		    briefing_setting_set(st, audit, (enum briefing_setting)s, values[s], &e))
			return cli_fail_err(c, setting_option((enum briefing_setting)s), &e);
	return CLI_OK;
}

int cli_cmd_briefing_set(struct cli *c)
{
	const char *values[BRIEFING_NSETTINGS];
	size_t given = 0;
	for (int s = 0; s < BRIEFING_NSETTINGS; s++)
		given += (values[s] = cli_opt(c, setting_option((enum briefing_setting)s))) != NULL;
	if (!given)
		return cli_usage(c, "briefing set needs a setting, e.g. --published 2025-06");
	return on_audit(c, save_settings, values);
}

static int print_settings(struct cli *c, struct store *st, int64_t audit, const void *arg)
{
	(void)arg;
	struct maca_err e = {0};
	for (int s = 0; s < BRIEFING_NSETTINGS; s++) {
		char *v;
		if (briefing_setting_get(st, audit, (enum briefing_setting)s, &v, &e))
			return cli_fail_err(c, NULL, &e);
		cli_print(c, "%s\t%s\n", briefing_setting_name((enum briefing_setting)s), v);
		free(v);
	}
	return CLI_OK;
}

int cli_cmd_briefing_settings(struct cli *c)
{
	return on_audit(c, print_settings, NULL);
}
