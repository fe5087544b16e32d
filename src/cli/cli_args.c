#include "cli_args.h"

#include <stdlib.h>
#include <string.h>

#include "sbuf.h"

static bool named(const struct cli_option *o, const char *a, size_t len)
{
	return (strlen(o->name) == len && strncmp(o->name, a, len) == 0) ||
	       (o->alias && strlen(o->alias) == len && strncmp(o->alias, a, len) == 0);
}

const struct cli_option *args_option(const struct cli_option *spec, const char *name)
{
	for (; spec && spec->name; spec++)
		if (named(spec, name, strlen(name)))
			return spec;
	return NULL;
}

bool args_choice_known(const struct cli_option *o, const char *value)
{
	const char *c;
	for (size_t i = 0; o->choice && (c = o->choice(i)); i++)
		if (strcmp(c, value) == 0)
			return true;
	return false;
}

int args_parse(int argc, char **argv, const struct cli_option *spec, bool stop_at_positional,
	       struct cli_parsed *out, int *consumed, const char **why, const char **arg)
{
	size_t nspec = 0;
	while (spec[nspec].name)
		nspec++;
	*out = (struct cli_parsed){.spec = spec};
	*why = NULL;
	out->values = calloc(nspec + 1, sizeof *out->values);
	out->asked = calloc(nspec + 1, sizeof *out->asked);
	out->owned = calloc(nspec + 1, sizeof *out->owned);
	out->pos = calloc((size_t)argc + 1, sizeof *out->pos);
	if (!out->values || !out->asked || !out->owned || !out->pos)
		return -1;
	bool options_done = false;
	int i = 0;
	for (; i < argc; i++) {
		char *a = argv[i];
		if (options_done || a[0] != '-' || a[1] == '\0') {
			if (stop_at_positional)
				break;
			out->pos[out->npos++] = a;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			options_done = true;
			continue;
		}
		const char *eq = strchr(a, '=');
		size_t len = eq ? (size_t)(eq - a) : strlen(a);
		size_t k = 0;
		while (k < nspec && !named(&spec[k], a, len))
			k++;
		*arg = a;
		if (k == nspec) {
			*why = "unknown option";
			return -1;
		}
		if (spec[k].value == CLI_FLAG) {
			if (eq) {
				*why = "option takes no value";
				return -1;
			}
			out->values[k] = "";
		} else if (eq) {
			out->values[k] = eq + 1;
		} else if (i + 1 < argc) {
			out->values[k] = argv[++i];
		} else {
			*why = "option needs a value";
			return -1;
		}
		/* Agency ids are a-z; a name the action filters also take is compared by
		 * SQLite's NOCASE, which folds ASCII alone. */
		if (spec[k].value == CLI_AGENCY) {
			free(out->owned[k]); /* given twice: the last is taken */
			if (!(out->owned[k] = str_ascii_lower(out->values[k]))) {
				*why = NULL;
				return -1;
			}
			out->values[k] = out->owned[k];
		}
	}
	if (consumed)
		*consumed = i;
	return 0;
}

void args_free(struct cli_parsed *p)
{
	for (size_t k = 0; p->owned && p->spec[k].name; k++)
		free(p->owned[k]);
	free(p->owned);
	free(p->values);
	free(p->asked);
	free(p->pos);
	*p = (struct cli_parsed){0};
}
