/* The command table (src/cli/cli_commands.c) against itself and against what maca does with
 * it: each synopsis names exactly the options the command takes, every multi-word command
 * belongs to a family, each row is reached by dispatch and by `maca COMMAND --help`, and an
 * option that a command declares is one it reads (a row's option that no code looks at would
 * be silently ignored: dispatch aborts on it, so passing each option once catches it). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_commands.h"
#include "cli_run.h"
#include "sbuf.h"
#include "cli_context.h" /* last: it poisons the raw stdio writers */

/* Whether the synopsis writes option name as an option: after '[', '|' or a space, or first. */
static bool in_synopsis(const char *synopsis, const char *name)
{
	size_t len = strlen(name);
	for (const char *p = strstr(synopsis, name); p; p = strstr(p + 1, name)) {
		bool starts = p == synopsis || strchr("[(| \n", p[-1]);
		bool ends = !p[len] || strchr("]) |=\n", p[len]);
		if (starts && ends)
			return true;
	}
	return false;
}

static void test_each_synopsis_names_the_options_taken(void **state)
{
	(void)state;
	size_t n;
	const struct cli_command *cmds = cli_commands(&n);
	int wrong = 0;
	for (size_t i = 0; i < n; i++) {
		const struct cli_command *c = &cmds[i];
		for (const struct cli_option *o = c->options; o->name; o++) {
			if (!in_synopsis(c->synopsis, o->name)) {
				print_error("maca %s: %s is not in its synopsis\n", c->name,
					    o->name);
				wrong++;
			}
			if (o->value == CLI_ONE_OF && !o->choice) {
				print_error("maca %s: %s takes one of nothing\n", c->name, o->name);
				wrong++;
			}
			/* An agency is taken in any case wherever one is given. */
			bool agency = strcmp(o->name, "--agency") == 0 ||
				      strcmp(o->name, "--agencies") == 0 ||
				      strcmp(o->name, "--chair") == 0;
			if (agency != (o->value == CLI_AGENCY)) {
				print_error("maca %s: %s %s CLI_AGENCY\n", c->name, o->name,
					    agency ? "is not" : "is");
				wrong++;
			}
		}
		/* Each option the synopsis writes is one the command takes. */
		for (const char *p = c->synopsis; (p = strchr(p, '-'));) {
			size_t len = strspn(p, "-abcdefghijklmnopqrstuvwxyz");
			bool option = len > 1 && (p == c->synopsis || strchr("[(| ", p[-1]));
			char *name = strndup(p, len);
			assert_non_null(name);
			bool known = false;
			for (const struct cli_option *o = c->options; o->name && !known; o++)
				known = strcmp(o->name, name) == 0 ||
					(o->alias && strcmp(o->alias, name) == 0);
			if (option && !known) {
				print_error(
				    "maca %s: its synopsis shows %s, which it does not take\n",
				    c->name, name);
				wrong++;
			}
			free(name);
			p += len ? len : 1;
		}
		if (!c->run || !*c->summary || !*c->needs) {
			print_error("maca %s: its row is incomplete\n", c->name);
			wrong++;
		}
		for (size_t j = 0; j < i; j++)
			if (strcmp(cmds[j].name, c->name) == 0) {
				print_error("maca %s: two rows\n", c->name);
				wrong++;
			}
		/* A command of two words belongs to the family of the first. */
		const char *space = strchr(c->name, ' ');
		if (space) {
			char *word = strndup(c->name, (size_t)(space - c->name));
			assert_non_null(word);
			if (!cli_family_find(word)) {
				print_error("maca %s: no family '%s'\n", c->name, word);
				wrong++;
			}
			free(word);
		}
	}
	for (const struct cli_family *f = cli_families(); f->word; f++) {
		bool used = false;
		for (size_t i = 0; i < n && !used; i++)
			used = strncmp(cmds[i].name, f->word, strlen(f->word)) == 0 &&
			       cmds[i].name[strlen(f->word)] == ' ';
		if (!used) {
			print_error("family %s has no command\n", f->word);
			wrong++;
		}
	}
	assert_int_equal(wrong, 0);
}

/* maca WORDS... --help, for a command named by its row. */
static struct cli_run help_of(const char *name)
{
	char *copy = strdup(name);
	assert_non_null(copy);
	const char *words[4];
	size_t nw = 0;
	for (char *w = strtok(copy, " "); w && nw < 3; w = strtok(NULL, " "))
		words[nw++] = w;
	struct cli_run r = nw == 1 ? cli_run(words[0], "--help", NULL)
				   : cli_run(words[0], words[1], "--help", NULL);
	free(copy);
	return r;
}

static void test_every_row_is_reached(void **state)
{
	(void)state;
	size_t n;
	const struct cli_command *cmds = cli_commands(&n);
	for (size_t i = 0; i < n; i++) {
		struct cli_run r = help_of(cmds[i].name);
		char *want = str_fmt("usage: maca %s %s\n", cmds[i].name, cmds[i].synopsis);
		assert_int_equal(r.status, CLI_OK);
		assert_non_null(strstr(r.out, want));
		free(want);
		cli_run_free(&r);
	}
	/* Each family's word alone lists its commands; `maca --help` names every command, those
	 * sharing a first word said once ("learning add/list/show"): each word of its name. */
	struct cli_run r = cli_run("--help", NULL);
	for (size_t i = 0; i < n; i++) {
		const char *space = strchr(cmds[i].name, ' ');
		char *first =
		    str_fmt("%.*s", space ? (int)(space - cmds[i].name) : -1, cmds[i].name);
		if (!strstr(r.out, first) || (space && !strstr(r.out, space + 1)))
			fail_msg("maca --help does not name %s", cmds[i].name);
		free(first);
	}
	cli_run_free(&r);
	cli_run_expect(cli_run("export", NULL), CLI_USAGE, NULL,
		       "export needs a kind: briefing, csv, cases, actions, pack or return");
}

/* Each command, given each of its options once (a value where it takes one), on a database
 * with one audit: whatever it then says, a declared option it never reads aborts. Files go
 * to a fresh directory; --encrypt, which would ask for a passphrase, is left out. */
static void test_every_declared_option_is_read(void **state)
{
	(void)state;
	char dir[] = "/tmp/maca-table-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *db = str_fmt("%s/maca.db", dir);
	cli_run_expect(cli_run("--db", db, "new", "domestic-abuse", "First", NULL), CLI_OK, "1",
		       NULL);
	size_t n;
	const struct cli_command *cmds = cli_commands(&n);
	int serial = 0;
	for (size_t i = 0; i < n; i++) {
		for (const struct cli_option *o = cmds[i].options; o->name; o++) {
			if (strcmp(o->name, "--encrypt") == 0)
				continue;
			const char *argv[16] = {"--db", db};
			size_t argc = 2;
			char *copy = strdup(cmds[i].name), *owned[3] = {0};
			assert_non_null(copy);
			for (char *w = strtok(copy, " "); w; w = strtok(NULL, " "))
				argv[argc++] = w;
			/* Arguments: the audit, a template, else a word. */
			char *kinds = strdup(cmds[i].arguments);
			assert_non_null(kinds);
			for (char *k = strtok(kinds, " "); k; k = strtok(NULL, " "))
				argv[argc++] = strcmp(k, "audit") == 0	    ? "1"
					       : strcmp(k, "template") == 0 ? "domestic-abuse"
									    : "word";
			argv[argc++] = o->name;
			if (o->value == CLI_FILE)
				argv[argc++] = owned[0] = str_fmt("%s/out-%d", dir, serial++);
			else if (o->choice)
				argv[argc++] = o->choice(0);
			else if (o->value != CLI_FLAG)
				argv[argc++] = "1";
			struct cli_run r = cli_run_argv(argv, argc);
			cli_run_free(&r);
			free(owned[0]);
			free(kinds);
			free(copy);
		}
	}
	char *rm = str_fmt("rm -rf '%s'", dir);
	assert_int_equal(system(rm), 0);
	free(rm);
	free(db);
}

/* A function the table names for several commands tells them apart by cli_command_is: by the
 * whole name, or by the family word ("learning" of "learning show"). */
static void test_shared_functions_tell_their_commands_apart(void **state)
{
	(void)state;
	size_t n, shared = 0;
	const struct cli_command *cmds = cli_commands(&n);
	for (size_t i = 0; i < n; i++) {
		struct cli c = {.command = &cmds[i]};
		assert_true(cli_command_is(&c, cmds[i].name));
		for (size_t j = 0; j < n; j++)
			if (j != i && cmds[j].run == cmds[i].run) {
				shared++;
				assert_false(cli_command_is(&c, cmds[j].name));
			}
	}
	assert_true(shared > 0);
	struct cli c = {.command = cli_command_find(2, (char *[]){"learning", "show"})};
	assert_true(cli_command_is(&c, "learning"));
	assert_false(cli_command_is(&c, "good-practice"));
	assert_false(cli_command_is(&c, "learn"));
	c.command = cli_command_find(2, (char *[]){"export", "csv"});
	assert_true(cli_command_is(&c, "export"));
	assert_false(cli_command_is(&c, "export cases"));
	assert_false(cli_command_is(&c, "export cs"));
	c.command = NULL;
	assert_false(cli_command_is(&c, "export"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_each_synopsis_names_the_options_taken),
	    cmocka_unit_test(test_every_row_is_reached),
	    cmocka_unit_test(test_every_declared_option_is_read),
	    cmocka_unit_test(test_shared_functions_tell_their_commands_apart),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
