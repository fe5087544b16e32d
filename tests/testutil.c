#define _GNU_SOURCE
#include "testutil.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <ftw.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *tu_tempdir(void)
{
	const char *base = getenv("TMPDIR");
	char *tmpl = NULL;
	if (asprintf(&tmpl, "%s/maca-test-XXXXXX", base && *base ? base : "/tmp") < 0)
		return NULL;
	if (!mkdtemp(tmpl)) {
		free(tmpl);
		return NULL;
	}
	return tmpl;
}

char *tu_group_dir;

int tu_group_dir_make(void **state)
{
	(void)state;
	tu_group_dir = tu_tempdir();
	return tu_group_dir ? 0 : -1;
}

int tu_group_dir_remove(void **state)
{
	(void)state;
	tu_remove_tree(tu_group_dir);
	free(tu_group_dir);
	tu_group_dir = NULL;
	return 0;
}

static int remove_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void tu_remove_tree(const char *path)
{
	if (path)
		nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

char *tu_write(const char *dir, const char *name, const char *text)
{
	char *path = NULL;
	if (asprintf(&path, "%s/%s", dir, name) < 0)
		return NULL;
	FILE *f = fopen(path, "wb");
	if (!f) {
		free(path);
		return NULL;
	}
	fputs(text, f);
	fclose(f);
	return path;
}

char *tu_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t size = 0;
	FILE *mem = open_memstream(&buf, &size);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		fwrite(chunk, 1, n, mem);
	fclose(f);
	fclose(mem);
	if (len)
		*len = size;
	return buf;
}

const char *tu_source_dir(void)
{
	return MACA_SOURCE_DIR;
}

char *tu_sql_value(const char *db_path, const char *sql)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	sqlite3_stmt *stmt;
	if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	char *v = NULL;
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(stmt, 0);
		v = strdup(t ? (const char *)t : "");
	}
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	assert_non_null(v);
	return v;
}

void tu_expect_sql(const char *db_path, const char *sql, const char *want)
{
	char *got = tu_sql_value(db_path, sql);
	if (strcmp(got, want) != 0)
		fail_msg("%s on %s: got '%s', want '%s'", sql, db_path, got, want);
	free(got);
}

size_t tu_count_files(const char *dir, const char *needle)
{
	DIR *d = opendir(dir);
	size_t n = 0;
	struct dirent *e;
	while (d && (e = readdir(d)))
		n += strstr(e->d_name, needle) != NULL;
	if (d)
		closedir(d);
	return n;
}
