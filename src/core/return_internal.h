/* What the writer and the reader of packs and returns share: the file's schema. */
#ifndef MACA_RETURN_INTERNAL_H
#define MACA_RETURN_INTERNAL_H

#define RETURN_NTABLES 4

/* Each table's name and its CREATE statement exactly as SQLite keeps it in sqlite_schema: the
 * reader refuses a file whose schema differs by a single character. */
extern const char *const return_table_names[RETURN_NTABLES];
extern const char *const return_table_sql[RETURN_NTABLES];

#endif
