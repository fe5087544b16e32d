#include "cli_args.h"

#include <string.h>

int args_parse(int argc, char **argv, const struct opt_spec *spec, bool stop_at_positional,
	       const char **pos, int *npos, int *consumed, const char **why, const char **arg)
{
	*npos = 0;
	bool options_done = false;
	int i = 0;
	for (; i < argc; i++) {
		char *a = argv[i];
		if (options_done || a[0] != '-' || a[1] == '\0') {
			if (stop_at_positional)
				break;
			pos[(*npos)++] = a;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			options_done = true;
			continue;
		}
		const char *eq = strchr(a, '=');
		size_t len = eq ? (size_t)(eq - a) : strlen(a);
		const struct opt_spec *s = spec;
		while (s->name && !(strlen(s->name) == len && strncmp(s->name, a, len) == 0))
			s++;
		if (!s->name) {
			*why = "unknown option";
			*arg = a;
			return -1;
		}
		if (s->flag) {
			if (eq) {
				*why = "option takes no value";
				*arg = a;
				return -1;
			}
			*s->flag = true;
		} else if (eq) {
			*s->value = eq + 1;
		} else if (i + 1 < argc) {
			*s->value = argv[++i];
		} else {
			*why = "option needs a value";
			*arg = a;
			return -1;
		}
	}
	if (consumed)
		*consumed = i;
	return 0;
}
