/* Helpers shared by the cmocka tests: private temporary directories and files. */
#ifndef MACA_TESTUTIL_H
#define MACA_TESTUTIL_H

#include <stddef.h>

/* Creates a fresh directory under $TMPDIR (or /tmp); caller frees and removes it. */
char *tu_tempdir(void);
/* Removes a directory tree (like rm -rf). */
void tu_remove_tree(const char *path);
/* A fresh directory for a whole group of tests, as cmocka's group setup and teardown: made
 * into tu_group_dir before the group's first test, removed after its last. */
extern char *tu_group_dir;
int tu_group_dir_make(void **state);
int tu_group_dir_remove(void **state);
/* Writes text to dir/name and returns the path (caller frees). */
char *tu_write(const char *dir, const char *name, const char *text);
/* Reads a whole file; NULL if it cannot. */
char *tu_read(const char *path, size_t *len);
/* How many entries of dir have needle in their name (0 when dir cannot be read). */
size_t tu_count_files(const char *dir, const char *needle);
/* One query's single value as text ("" for NULL), read with SQLite alone, read-only; fails
 * the test when the query does not run (caller frees). */
char *tu_sql_value(const char *db_path, const char *sql);
/* Fails the test unless the query's value is want. */
void tu_expect_sql(const char *db_path, const char *sql, const char *want);
/* The source tree's directory, e.g. to find audit-templates/. */
const char *tu_source_dir(void);

#endif
