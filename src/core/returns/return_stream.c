/* A pack or return whose answers and notes are not held: checked whole when opened, then read
 * again, one row at a time, each time they are walked (see return_doc.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "return_doc.h"
#include "return_internal.h"
#include "sbuf.h"

static bool same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
	       a->st_ctim.tv_sec == b->st_ctim.tv_sec && a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

/* SQLite reads the file by its path, where the checksum was taken through the descriptor:
 * both must still be the file as it was then, unwritten, or what was read is not what the
 * checksum names. */
static bool unchanged(const struct return_stream *s)
{
	struct stat now;
	if (s->fd < 0)
		return true; /* held in private memory */
	if (fstat(s->fd, &now) != 0 || !same_file(&now, &s->at))
		return false;
	return stat(s->path, &now) == 0 && same_file(&now, &s->at);
}

static const char changed_message[] =
    "the file changed while maca was reading it; nothing was imported: import it again once "
    "nothing else is writing it";

static void say_changed(struct reader *r)
{
	rd_problem(r, "%s", changed_message);
	r->fatal = true;
}

int return_open(struct return_input *in, struct return_doc **out, struct maca_err *err)
{
	*out = NULL;
	struct return_stream *s = calloc(1, sizeof *s);
	struct reader r = {.mode = RD_CHECK};
	r.doc = calloc(1, sizeof *r.doc);
	if (!s || !r.doc) {
		free(s);
		free(r.doc);
		return err_set(err, MACA_ENOMEM, "out of memory");
	}
	r.doc->stream = s;
	s->fd = -1;
	/* The document takes what it reads from, whatever comes of it. */
	if (in->bytes) {
		s->bytes = in->bytes;
		s->len = in->len;
		in->bytes = NULL;
		rd_check_header(&r, s->bytes, s->len);
	} else {
		s->fd = in->fd;
		s->at = in->at;
		s->len = in->len;
		in->fd = -1;
		unsigned char head[100];
		ssize_t n;
		while ((n = pread(s->fd, head, sizeof head, 0)) < 0 && errno == EINTR)
			;
		if (!(s->path = strdup(in->path)))
			rd_problem(&r, "out of memory");
		else if (s->len >= sizeof head && n != (ssize_t)sizeof head)
			say_changed(&r);
		else
			rd_check_header(&r, head, s->len); /* reads head only when len >= 100 */
	}
	if (!r.problems.n && !r.fatal &&
	    (s->bytes ? rd_open_bytes(&r, s->bytes, s->len) : rd_open_file(&r, s->path)) != 0) {
		rd_problem(&r, "cannot open the file: %s",
			   r.db ? sqlite3_errmsg(r.db) : "out of memory");
		r.fatal = true;
	}
	s->db = r.db;
	if (!r.problems.n && !r.fatal)
		rd_read_file(&r);
	s->refs = r.refs;
	if (!r.problems.n && !unchanged(s))
		say_changed(&r);
	int rc = rd_end(&r, err);
	if (rc) {
		return_doc_free(r.doc);
		return rc;
	}
	*out = r.doc;
	return MACA_OK;
}

int return_walk(const struct return_doc *doc, return_answer_fn on_answer, return_note_fn on_note,
		void *ctx, struct maca_err *err)
{
	int rc = MACA_OK;
	if (!doc->stream) {
		for (size_t i = 0; !rc && i < doc->nanswers; i++)
			rc = on_answer(ctx, &doc->answers[i], err);
		for (size_t i = 0; !rc && i < doc->nnotes; i++)
			rc = on_note(ctx, &doc->notes[i], err);
		return rc;
	}
	const struct return_stream *s = doc->stream;
	if (s->replay)
		return s->replay(s->replay_ctx, doc, on_answer, on_note, ctx, err);
	struct reader r = {.db = s->db,
			   .doc = (struct return_doc *)doc,
			   .mode = RD_WALK,
			   .borrow = true,
			   .refs = s->refs,
			   .on_answer = on_answer,
			   .on_note = on_note,
			   .ctx = ctx,
			   .err = err};
	rd_walk_rows(&r);
	if (r.rc) {
		sbuf_free(&r.problems.text);
		return r.rc;
	}
	/* A row that passed its checks when the file was opened and fails them now, or a file
	 * no longer as it was: changed meanwhile, and nothing read from it can be trusted. */
	bool changed = r.problems.n || !unchanged(s);
	sbuf_free(&r.problems.text);
	return changed ? err_set(err, MACA_EUSER, "%s", changed_message) : MACA_OK;
}

int return_doc_replayed(struct return_doc *doc, return_replay_fn replay,
			void (*free_ctx)(void *ctx), void *ctx, struct maca_err *err)
{
	struct return_stream *s = calloc(1, sizeof *s);
	if (!s) {
		free_ctx(ctx);
		return err_set(err, MACA_ENOMEM, "out of memory");
	}
	*s = (struct return_stream){
	    .fd = -1, .replay = replay, .replay_free = free_ctx, .replay_ctx = ctx};
	return_stream_free(doc->stream);
	doc->stream = s;
	return MACA_OK;
}

/* Copies of a walked row into the document's arrays. */
static int hold_answer(void *ctx, const struct return_answer *a, struct maca_err *err)
{
	struct return_doc *d = ctx;
	bool ok = array_grow((void **)&d->answers, d->nanswers, sizeof *d->answers) &&
		  return_texts_copy(d->answers[d->nanswers++].texts, a->texts);
	return ok ? MACA_OK : err_set(err, MACA_ENOMEM, "out of memory");
}

static int hold_note(void *ctx, const struct return_note *n, struct maca_err *err)
{
	struct return_doc *d = ctx;
	bool ok = array_grow((void **)&d->notes, d->nnotes, sizeof *d->notes) &&
		  return_texts_copy(d->notes[d->nnotes++].texts, n->texts);
	return ok ? MACA_OK : err_set(err, MACA_ENOMEM, "out of memory");
}

int return_hold(struct return_doc *doc, struct maca_err *err)
{
	if (!doc->stream)
		return MACA_OK;
	/* Counted when opened; counted again as they are copied. */
	size_t nanswers = doc->nanswers, nnotes = doc->nnotes;
	doc->nanswers = doc->nnotes = 0;
	int rc = return_walk(doc, hold_answer, hold_note, doc, err);
	if (!rc && (doc->nanswers != nanswers || doc->nnotes != nnotes))
		rc = err_set(err, MACA_EUSER, "the file changed while maca was reading it");
	if (rc)
		return rc;
	return_stream_free(doc->stream);
	doc->stream = NULL;
	return MACA_OK;
}
