/* Audit packs and agency returns: one agency's share of an audit as a small SQLite file
 * (man maca-return(5)). A pack goes out from the chair to an agency; the agency's return
 * comes back. Both have the same format and differ only in `kind`. Reading treats the file
 * as hostile input; writing never puts it on disk (the caller does, perhaps sealed). */
#ifndef MACA_RETURN_DOC_H
#define MACA_RETURN_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "err.h"
#include "names.h"
#include "store.h"
#include "template.h"
#include "uuid.h"

/* "MACR" in ASCII: tells a pack or return from a maca database or any other SQLite file. */
#define RETURN_APPLICATION_ID 0x4d414352
/* The format's version, kept in PRAGMA user_version and in meta.format: what maca writes.
 * Version 2 added meta.agency_token; files of version 1 (RETURN_FORMAT_OLDEST) are still
 * read, with no token. */
#define RETURN_FORMAT_VERSION 2
#define RETURN_FORMAT_OLDEST 1
/* Largest file read: far above any real return (pages of evidence for dozens of cases). */
#define RETURN_MAX_FILE (64u * 1024 * 1024)
/* Largest copy of the template. People's text (titles, references, names, evidence, notes)
 * is held to the rules of text_rules.h instead, the same that entry checks. */
#define RETURN_MAX_TEXT (1024u * 1024)
/* Largest list of a case's tag ids. */
#define RETURN_MAX_LINE 1000u

enum return_kind { RETURN_PACK, RETURN_RETURN };
const char *return_kind_name(enum return_kind k);

struct return_case {
	char *reference;
	char *age_band;		/* "" when none */
	char *plan_status;	/* "" when none */
	struct named_list tags; /* id = label = tag id */
	long position;
};

/* An answer and a note are six texts each, in the order of the file's columns; texts[] is the
 * same six as one array, so that copying, checking and freeing a row is written once for both
 * kinds. */
#define RETURN_ROW_TEXTS 6

struct return_answer {
	union {
		struct {
			char *case_ref;
			char *question_id;
			char *value; /* "" when only evidence was written */
			char *evidence;
			char *author;
			char *updated_at;
		};
		char *texts[RETURN_ROW_TEXTS];
	};
};

struct return_note {
	union {
		struct {
			char *case_ref;
			char *section_id;
			char *prompt_id;
			char *text;
			char *author;
			char *updated_at;
		};
		char *texts[RETURN_ROW_TEXTS];
	};
};

/* Whether a row has all its texts (none NULL, as a copy out of memory leaves one). */
bool return_texts_all(char *const texts[RETURN_ROW_TEXTS]);
/* Copies every text of in into out; false when out of memory (out then holds what was copied,
 * for return_texts_free). */
bool return_texts_copy(char *out[RETURN_ROW_TEXTS], char *const in[RETURN_ROW_TEXTS]);
/* Frees a row's texts, not the row. */
void return_texts_free(char *texts[RETURN_ROW_TEXTS]);

struct return_stream;

struct return_doc {
	long format; /* the file's format version (RETURN_FORMAT_VERSION when collected) */
	enum return_kind kind;
	char uuid[UUID_STR_LEN];
	char *title;
	char *theme;
	char *template_id;
	long template_version;
	char *template_hash;
	char *template_text;
	size_t template_len;
	char *agency_code;
	char *agency_name;
	char *created_at;
	char *created_by;
	char *maca_version;
	/* The agency's pack token (store.h), "" when none: a pack carries the one the chair's
	 * database issued to the agency, and the agency's return carries it back. */
	char agency_token[STORE_TOKEN_LEN + 1];
	struct template *tpl; /* template_text parsed (set by return_parse and return_collect) */
	struct return_case *cases;
	size_t ncases;
	struct return_answer *answers;
	size_t nanswers;
	struct return_note *notes;
	size_t nnotes;
	/* Set for a document opened by return_open: its answers and notes are not held (answers
	 * and notes NULL, nanswers and nnotes counted) but read again from the file, one at a
	 * time, by each return_walk. */
	struct return_stream *stream;
};

void return_doc_free(struct return_doc *doc);

/* Each answer, then each note, in the file's order, one at a time: from the document's arrays,
 * or, for a document whose rows are not held, read again and checked again (a file changed
 * since it was opened is refused, MACA_EUSER). A callback's error ends the walk with it. */
typedef int (*return_answer_fn)(void *ctx, const struct return_answer *a, struct maca_err *err);
typedef int (*return_note_fn)(void *ctx, const struct return_note *n, struct maca_err *err);
int return_walk(const struct return_doc *doc, return_answer_fn on_answer, return_note_fn on_note,
		void *ctx, struct maca_err *err);

/* A document whose rows another reader reads again for each walk (a workbook or CSV file's,
 * src/core/workbook): doc holds the rest (its counts of answers and notes included), and
 * return_walk calls replay(ctx, ...), which hands each row to the callbacks in the file's
 * order, each checked again. The document takes ctx (free_ctx frees it with the document). */
typedef int (*return_replay_fn)(void *ctx, const struct return_doc *doc, return_answer_fn on_answer,
				return_note_fn on_note, void *cb_ctx, struct maca_err *err);
int return_doc_replayed(struct return_doc *doc, return_replay_fn replay,
			void (*free_ctx)(void *ctx), void *ctx, struct maca_err *err);

/* Reads the rows of a document opened by return_open into its arrays, as return_parse holds
 * them (for maca show, which lists them by case); nothing for one already held. */
int return_hold(struct return_doc *doc, struct maca_err *err);

/* Collects one agency's share of an audit from the store: the audit's identity and
 * template, every case, and that agency's answers and section notes (nobody else's). A pack
 * gets the agency's pack token, issued (and remembered) on the first pack for that agency
 * and the same on every later one; a return gets the token the database holds, if any. */
int return_collect(struct store *st, int64_t audit_id, const char *agency, enum return_kind kind,
		   const char *created_by, const char *maca_version, struct return_doc **out,
		   struct maca_err *err);

/* The file's bytes: an SQLite database built in memory. *out is malloc'd. The bytes are read
 * back with return_parse first, and a document it would refuse is refused here (MACA_EUSER,
 * naming each problem), so maca never sends a file it would not take back. */
int return_serialize(const struct return_doc *doc, unsigned char **out, size_t *len,
		     struct maca_err *err);

/* Parses and validates a pack or return held in memory (never sealed: open that first). The
 * file is treated as hostile: read-only, defensive, no triggers or views, its schema checked
 * before anything is read from it. Every problem found goes into err's message, one per
 * line, each naming the record at fault. No curses, no prompting: a fuzz target calls it. */
int return_parse(const unsigned char *buf, size_t len, struct return_doc **out,
		 struct maca_err *err);

/* Reads a whole regular file into memory (see input_file.h: never blocking on a FIFO),
 * refusing one larger than RETURN_MAX_FILE; the message names the file. */
int return_file_read(const char *path, unsigned char **buf, size_t *len, struct maca_err *err);

/* A pack or return file as received, for import (return_input.c). Opened as return_file_read
 * opens it, and its SHA-256 taken as it is read; an SQLite file (a maca file, not sealed) is
 * then left where it lies, for SQLite to read as it is needed, and anything else (a sealed
 * file, a workbook, a CSV file) is held in bytes, as it must be to be opened or parsed. */
struct return_input {
	char *path;
	int fd;		      /* open while the file is read where it lies, else -1 */
	struct stat at;	      /* the file when it was opened */
	unsigned char *bytes; /* the whole file when held (NULL: read where it lies) */
	size_t len;	      /* its size */
	bool sealed;	      /* bytes are a sealed file: return_input_unseal next */
	char checksum[65];    /* of the file exactly as received */
};
int return_input_open(const char *path, struct return_input *in, struct maca_err *err);
/* Replaces a sealed file's bytes with its plaintext (never written to disk; the sealed bytes
 * are freed). Refusals as sealed_open's. */
int return_input_unseal(struct return_input *in, const char *pass, size_t passlen,
			struct maca_err *err);
/* Closes the file and wipes and frees what is held; the input may be opened again. A zeroed
 * input is an empty one. */
void return_input_free(struct return_input *in);

/* Opens the maca pack or return of an input (its plaintext, when it was sealed) and checks it
 * whole, refusing it as return_parse would; its answers and notes are not held but read again
 * by each return_walk: by SQLite from the file where it lies (the file descriptor goes to the
 * document), or from the bytes held (which go to the document). So an import holds one answer
 * at a time, and a file on disk is never held whole. */
int return_open(struct return_input *in, struct return_doc **out, struct maca_err *err);

/* SHA-256 of the bytes, as 64 lower-case hex digits and a NUL. */
void return_checksum(const unsigned char *buf, size_t len, char out[65]);

/* A plain-text view of a pack or return for a person to read before importing it. Every
 * control character of the file's text is neutralised (newlines inside evidence and notes
 * are kept, indented). NULL when out of memory. */
char *return_show(const struct return_doc *doc);

/* Fills the document's identity from the audit (UUID, title, theme, template id, version and
 * hash, and the text of doc->tpl, which must be set) and the agency it is for; false when out
 * of memory (what was set is freed with the document). */
bool return_doc_identify(struct return_doc *doc, const struct audit_info *info,
			 const struct named *agency);
/* Appends a copy of one of the audit's cases (reference, age band, plan status, tags) at
 * position; false, with nothing appended, when out of memory. */
bool return_doc_add_case(struct return_doc *doc, const struct case_info *ci, long position);

/* qsort and bsearch order for arrays of pointers to answers (by case, then question) and to
 * notes (by case, section, prompt): the keys that must not be given twice. */
int return_answer_ptr_cmp(const void *a, const void *b);
int return_note_ptr_cmp(const void *a, const void *b);

/* The time now as ISO 8601 UTC to the second, as a file's created_at and a row's updated_at
 * hold it ("" when the clock cannot be read); NULL when out of memory. */
char *return_now_text(void);

#endif
