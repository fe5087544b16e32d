#define _GNU_SOURCE
#include "cli_run.h"

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "sbuf.h"
#include "testutil.h"

struct cli_run cli_run_v(const char *const *prefix, size_t nprefix, const char *first, va_list ap)
{
	const char *argv[32] = {"maca"};
	int argc = 1;
	for (size_t i = 0; i < nprefix; i++) {
		assert_true(argc < 31);
		argv[argc++] = prefix[i];
	}
	for (const char *a = first; a; a = va_arg(ap, const char *)) {
		assert_true(argc < 31);
		argv[argc++] = a;
	}
	struct cli_run r = {0};
	size_t n;
	FILE *out = open_memstream(&r.out, &n), *err = open_memstream(&r.err, &n);
	assert_non_null(out);
	assert_non_null(err);
	r.status = cli_main(argc, (char **)argv, out, err);
	fclose(out);
	fclose(err);
	return r;
}

/* cli_run_v with its arguments all in the prefix: a va_list is only to be had here. */
static struct cli_run run_prefix(const char *const *argv, size_t n, ...)
{
	va_list ap;
	va_start(ap, n);
	struct cli_run r = cli_run_v(argv, n, NULL, ap);
	va_end(ap);
	return r;
}

struct cli_run cli_run_argv(const char *const *argv, size_t n)
{
	return run_prefix(argv, n);
}

void cli_run_free(struct cli_run *r)
{
	free(r->out);
	free(r->err);
	r->out = r->err = NULL;
}

void cli_run_expect(struct cli_run r, int status, const char *out_needle, const char *err_needle)
{
	bool ok = r.status == status && (!out_needle || strstr(r.out, out_needle)) &&
		  (!err_needle || strstr(r.err, err_needle));
	if (!ok) {
		print_error("status %d (want %d)\nstdout: %s\nstderr: %s\n", r.status, status,
			    r.out, r.err);
		cli_run_free(&r);
		fail();
	}
	cli_run_free(&r);
}

struct cli_run cli_run(const char *first, ...)
{
	va_list ap;
	va_start(ap, first);
	struct cli_run r = cli_run_v(NULL, 0, first, ap);
	va_end(ap);
	return r;
}

struct cli_run cli_run_db(const char *db, const char *config, const char *first, ...)
{
	const char *prefix[] = {"--db", db, "--config", config};
	va_list ap;
	va_start(ap, first);
	struct cli_run r = cli_run_v(prefix, config ? 4 : 2, first, ap);
	va_end(ap);
	return r;
}

char *cli_finding_id(const char *listing, const char *match)
{
	char *quoted = str_fmt("\"%s\"", match);
	assert_non_null(quoted);
	const char *line = listing;
	char *id = NULL;
	while (line && *line && !id) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		const char *hit = strstr(line, quoted);
		if (hit && (size_t)(hit - line) < len && strspn(line, "0123456789abcdef") == 8)
			id = strndup(line, 8);
		line = end ? end + 1 : NULL;
	}
	free(quoted);
	if (!id) {
		print_error("no finding \"%s\" in:\n%s\n", match, listing);
		fail();
	}
	return id;
}

char *cli_run_home(void)
{
	char *home = tu_tempdir();
	char *cfg = home ? str_fmt("%s/config", home) : NULL;
	char *data = home ? str_fmt("%s/data", home) : NULL;
	if (cfg && data) {
		setenv("XDG_CONFIG_HOME", cfg, 1);
		setenv("XDG_DATA_HOME", data, 1);
	}
	free(cfg);
	free(data);
	return home;
}
