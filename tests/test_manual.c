/* The manual against the code: every key binding of every screen (src/ui/ui_keys.c) and
 * every command and option (the command table, src/cli/cli_commands.c) must be in man/maca.1, and
 * the manual must not document keys or commands that do not exist. So the two never drift. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_commands.h"
#include "names.h"
#include "sbuf.h"
#include "testutil.h"
#include "ui.h"
#include "ui_editkeys.h"

struct page {
	char **lines;
	size_t n;
};

static struct page read_page(void)
{
	char *path = str_fmt("%s/man/maca.1", tu_source_dir());
	char *text = tu_read(path, NULL);
	assert_non_null(text);
	free(path);
	struct page p = {0};
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		p.lines = realloc(p.lines, (p.n + 1) * sizeof *p.lines);
		assert_non_null(p.lines);
		p.lines[p.n] = strdup(line);
		assert_non_null(p.lines[p.n]);
		p.n++;
	}
	free(text);
	return p;
}

static void free_page(struct page *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->lines[i]);
	free(p->lines);
}

/* Roff escapes in key names and commands: \- is a hyphen, \& and \~ vanish or are spaces. */
static char *unescape(const char *s, size_t len)
{
	struct sbuf b = {0};
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\\' && i + 1 < len) {
			i++;
			if (s[i] == '-')
				sbuf_addf(&b, "-");
			else if (s[i] == '~')
				sbuf_addf(&b, " ");
			continue;
		}
		sbuf_addf(&b, "%c", s[i]);
	}
	char *out = sbuf_take(&b);
	assert_non_null(out);
	return out;
}

/* The arguments of a macro line such as `.BR Tab ", " e`, quotes removed and unescaped. */
static void macro_args(const char *line, struct named_list *args)
{
	const char *p = strchr(line, ' ');
	while (p && *p) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		const char *start = p, *end;
		if (*p == '"') {
			start = ++p;
			end = strchr(p, '"');
			if (!end)
				end = p + strlen(p);
			p = *end ? end + 1 : end;
		} else {
			end = p + strcspn(p, " ");
			p = end;
		}
		char *arg = unescape(start, (size_t)(end - start));
		assert_non_null(named_add(args, arg, arg));
		free(arg);
	}
}

/* The bold words of a tag line: `.B x`, `.BR a ", " b`, `.BI name " arg"` and so on. */
static void tag_words(const char *line, struct named_list *words)
{
	struct named_list args = {0};
	macro_args(line, &args);
	bool bold_first = strncmp(line, ".B ", 3) == 0 || strncmp(line, ".BR ", 4) == 0 ||
			  strncmp(line, ".BI ", 4) == 0;
	bool all_bold = strncmp(line, ".B ", 3) == 0;
	for (size_t i = 0; i < args.n; i++) {
		bool bold = all_bold || (i % 2 == 0) == bold_first;
		if (bold && !named_find(words, args.items[i].id))
			assert_non_null(named_add(words, args.items[i].id, args.items[i].id));
	}
	named_list_free(&args);
}

/* The lines from `.SH title` up to the next .SH. */
static void find_section(const struct page *p, const char *title, size_t *from, size_t *to)
{
	*from = *to = 0;
	for (size_t i = 0; i < p->n; i++)
		if (strncmp(p->lines[i], ".SH ", 4) == 0) {
			if (*from) {
				*to = i;
				return;
			}
			char *t = unescape(p->lines[i] + 4, strlen(p->lines[i] + 4));
			if (strcmp(t, title) == 0 ||
			    (t[0] == '"' && strncmp(t + 1, title, strlen(title)) == 0))
				*from = i + 1;
			free(t);
		}
	assert_true(*from > 0);
	*to = p->n;
}

/* The keys documented in lines [from, to): the bold words of each tag after .TP or .TQ. */
static void keys_in(const struct page *p, size_t from, size_t to, struct named_list *keys)
{
	for (size_t i = from; i + 1 < to; i++)
		if (strcmp(p->lines[i], ".TP") == 0 || strcmp(p->lines[i], ".TQ") == 0)
			tag_words(p->lines[i + 1], keys);
}

/* The SCREENS subsection for a screen: `.SS Title` (or the plural, "Forms"). */
static bool find_subsection(const struct page *p, size_t from, size_t to, const char *title,
			    size_t *sfrom, size_t *sto)
{
	*sfrom = 0;
	for (size_t i = from; i < to; i++) {
		if (strncmp(p->lines[i], ".SS ", 4) != 0)
			continue;
		if (*sfrom) {
			*sto = i;
			return true;
		}
		const char *t = p->lines[i] + 4;
		size_t len = strlen(title);
		if (*t == '"')
			t++;
		if (strncmp(t, title, len) == 0 &&
		    (t[len] == '\0' || t[len] == '"' || (t[len] == 's' && t[len + 1] == '\0')))
			*sfrom = i + 1;
	}
	*sto = to;
	return *sfrom != 0;
}

static bool bound(const struct ui_binding *b, size_t n, const char *name)
{
	char buf[32];
	for (size_t i = 0; i < n; i++)
		if (strcmp(ui_key_name(b[i].key, buf, sizeof buf), name) == 0)
			return true;
	return false;
}

static void test_every_key_of_every_screen_is_in_the_manual(void **state)
{
	(void)state;
	struct page p = read_page();
	size_t from, to;
	find_section(&p, "SCREENS", &from, &to);
	size_t nglobal;
	const struct ui_binding *global = ui_keymap_global(&nglobal);

	/* Keys on every screen: before the first subsection. */
	size_t first_ss = from;
	while (first_ss < to && strncmp(p.lines[first_ss], ".SS ", 4) != 0)
		first_ss++;
	struct named_list keys = {0};
	keys_in(&p, from, first_ss, &keys);
	int missing = 0;
	char buf[32];
	for (size_t i = 0; i < nglobal; i++)
		if (!named_find(&keys, ui_key_name(global[i].key, buf, sizeof buf))) {
			print_error("man/maca.1 SCREENS: global key %s (%s) is not documented\n",
				    buf, ui_action_name(global[i].action));
			missing++;
		}
	for (size_t i = 0; i < keys.n; i++)
		if (!bound(global, nglobal, keys.items[i].id)) {
			print_error("man/maca.1 SCREENS: key %s is documented for every screen but "
				    "not bound\n",
				    keys.items[i].id);
			missing++;
		}
	named_list_free(&keys);

	for (int s = 0; s < UI_SCREEN_COUNT; s++) {
		const char *title = ui_screen_title((enum ui_screen)s);
		size_t sfrom, sto;
		if (!find_subsection(&p, first_ss, to, title, &sfrom, &sto)) {
			print_error("man/maca.1 SCREENS: no subsection for the %s screen\n", title);
			missing++;
			continue;
		}
		size_t n;
		const struct ui_binding *b = ui_keymap_screen((enum ui_screen)s, &n);
		keys_in(&p, sfrom, sto, &keys);
		for (size_t i = 0; i < n; i++)
			if (!named_find(&keys, ui_key_name(b[i].key, buf, sizeof buf))) {
				print_error("man/maca.1 %s: key %s (%s) is not documented\n", title,
					    buf, ui_action_name(b[i].action));
				missing++;
			}
		/* A documented key must do something there: the form screen takes only its own
		 * keys, the others fall back on the global ones. */
		for (size_t i = 0; i < keys.n; i++)
			if (!bound(b, n, keys.items[i].id) &&
			    (s == UI_SCREEN_FORM || !bound(global, nglobal, keys.items[i].id))) {
				print_error("man/maca.1 %s: key %s is documented but not bound\n",
					    title, keys.items[i].id);
				missing++;
			}
		named_list_free(&keys);
	}
	free_page(&p);
	assert_int_equal(missing, 0);
}

/* Every key of a text field (ui_edit_keydocs, by each of its names) is in SCREENS, "Text
 * fields", and nothing else is documented there. */
static void test_every_editing_key_is_in_the_manual(void **state)
{
	(void)state;
	struct page p = read_page();
	size_t from, to, sfrom, sto;
	find_section(&p, "SCREENS", &from, &to);
	assert_true(find_subsection(&p, from, to, "Text fields", &sfrom, &sto));
	struct named_list documented = {0}, names = {0};
	keys_in(&p, sfrom, sto, &documented);
	for (size_t i = 0; i < ui_edit_nkeydocs; i++) {
		char buf[32];
		const struct ui_edit_keydoc *d = &ui_edit_keydocs[i];
		assert_non_null(named_add(&names, ui_key_name(d->key, buf, sizeof buf), ""));
		for (const char *a = d->also; a && *a;) {
			size_t len = strcspn(a, ",");
			char *one = strndup(a, len);
			assert_non_null(named_add(&names, one, ""));
			free(one);
			a += len;
			a += strspn(a, ", ");
		}
	}
	int missing = 0;
	for (size_t i = 0; i < names.n; i++)
		if (!named_find(&documented, names.items[i].id)) {
			print_error("man/maca.1 Text fields: key %s is not documented\n",
				    names.items[i].id);
			missing++;
		}
	for (size_t i = 0; i < documented.n; i++)
		if (!named_find(&names, documented.items[i].id)) {
			print_error("man/maca.1 Text fields: key %s is documented but does "
				    "nothing in a text field\n",
				    documented.items[i].id);
			missing++;
		}
	named_list_free(&documented);
	named_list_free(&names);
	free_page(&p);
	assert_int_equal(missing, 0);
}

static void test_every_command_and_option_is_in_the_manual(void **state)
{
	(void)state;
	struct page p = read_page();
	size_t from, to;
	find_section(&p, "COMMANDS", &from, &to);
	/* The commands: tags outside .RS/.RE (inside are a command's options). */
	struct named_list documented = {0};
	int depth = 0;
	for (size_t i = from; i + 1 < to; i++) {
		if (strncmp(p.lines[i], ".RS", 3) == 0)
			depth++;
		else if (strncmp(p.lines[i], ".RE", 3) == 0)
			depth--;
		else if (depth == 0 && strcmp(p.lines[i], ".TP") == 0) {
			struct named_list args = {0};
			macro_args(p.lines[i + 1], &args);
			if (args.n && !named_find(&documented, args.items[0].id))
				assert_non_null(
				    named_add(&documented, args.items[0].id, args.items[0].id));
			named_list_free(&args);
		}
	}
	struct sbuf text = {0};
	for (size_t i = from; i < to; i++)
		sbuf_addf(&text, "%s\n", p.lines[i]);
	char *all = sbuf_take(&text);
	assert_non_null(all);

	size_t n;
	const struct cli_command *cmds = cli_commands(&n);
	int missing = 0;
	for (size_t i = 0; i < n; i++) {
		if (!named_find(&documented, cmds[i].name)) {
			print_error("man/maca.1 COMMANDS: no entry for `maca %s`\n", cmds[i].name);
			missing++;
		}
		/* Each option the command takes, by each of its names, written as roff writes it
		 * (\-\-ids). */
		for (const struct cli_option *o = cmds[i].options; o->name; o++)
			for (int k = 0; k < 2; k++) {
				const char *name = k ? o->alias : o->name;
				if (!name)
					continue;
				struct sbuf want = {0};
				for (const char *c = name; *c; c++)
					sbuf_addf(&want, *c == '-' ? "\\-" : "%c", *c);
				char *w = sbuf_take(&want);
				assert_non_null(w);
				if (!strstr(all, w)) {
					print_error(
					    "man/maca.1 COMMANDS: option %s of `maca %s` is "
					    "not documented\n",
					    name, cmds[i].name);
					missing++;
				}
				free(w);
			}
	}
	for (size_t i = 0; i < documented.n; i++) {
		bool known = strcmp(documented.items[i].id, "maca") == 0;
		for (size_t k = 0; k < n && !known; k++)
			known = strcmp(documented.items[i].id, cmds[k].name) == 0;
		if (!known) {
			print_error(
			    "man/maca.1 COMMANDS: `%s` is documented but is not a command in "
			    "src/cli/cli_commands.c\n",
			    documented.items[i].id);
			missing++;
		}
	}
	free(all);
	named_list_free(&documented);
	free_page(&p);
	assert_int_equal(missing, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_key_of_every_screen_is_in_the_manual),
	    cmocka_unit_test(test_every_command_and_option_is_in_the_manual),
	    cmocka_unit_test(test_every_editing_key_is_in_the_manual),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
