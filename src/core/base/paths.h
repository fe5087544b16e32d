/* Where maca's files live: database, configuration, templates and forms. */
#ifndef MACA_PATHS_H
#define MACA_PATHS_H

#include <stdbool.h>

#include "err.h"
#include "names.h"

/* $XDG_DATA_HOME/maca/maca.db, or ~/.local/share/maca/maca.db. Caller frees. */
char *paths_default_db(struct maca_err *err);
/* $XDG_CONFIG_HOME/maca/maca.ini, or ~/.config/maca/maca.ini. Caller frees. */
char *paths_config_file(struct maca_err *err);
/* Where the interface offers to write exports when the configuration names no export_dir:
 * $XDG_DOCUMENTS_DIR/maca when that is an absolute path, else ~/Documents/maca. Caller
 * frees. */
char *paths_export_dir(struct maca_err *err);
/* path with a leading "~/" (or a path that is "~") made the home directory; else a copy.
 * Caller frees; NULL when out of memory. */
char *paths_expand_home(const char *path);
/* Directories searched for `sub` ("audit-templates" or "forms"), first wins:
 * $XDG_CONFIG_HOME/maca/SUB, $MACA_SHARE_DIR/SUB, <exe>/../share/maca/SUB (as installed), then,
 * only for a program running from its own build directory, the source tree. Only existing
 * directories are listed. */
int paths_search_dirs(const char *sub, struct named_list *out, struct maca_err *err);
/* Creates dir and its missing parents; dir itself gets mode 0700. */
int paths_make_private_dir(const char *dir, struct maca_err *err);
/* DB.lock: the file beside a database that every maca holds a lock on while it has the
 * database open (the store's store_file.c; caller frees). */
char *paths_db_lock(const char *db_path);
/* Whether path is a maca database or one of the files beside it (its -wal, -shm, -journal or
 * .lock): a database has its .lock beside it once a maca has opened it. Decided from names
 * alone, without opening anything (a descriptor of ours on a database that SQLite has open
 * in this process would drop SQLite's locks when closed). */
bool paths_is_database_file(const char *path);
/* The directory part of a path (caller frees). */
char *paths_dirname(const char *path);

#endif
