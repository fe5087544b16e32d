/* The worker process the bare baselines run in: forked before the measuring process opens
 * the database, it keeps its own connection and answers one request at a time over a pipe,
 * timing the work itself. Its memory (the return's file read by the bare import, its page
 * cache) is its own and never counts in the measured peak. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench_bare.h"

enum op { OP_SAVES, OP_BRIEFING, OP_CSV, OP_IMPORT, OP_STOP };

struct request {
	enum op op;
	int first, count; /* of the saves */
};

/* Followed, for OP_SAVES, by count doubles: each save's ms. */
struct reply {
	int status;
	double wall, cpu, read;
	int64_t added;
	long peak_kb;
	char msg[512]; /* the error's message, cut short if need be */
};

struct bench_bare {
	pid_t pid;
	int to, from; /* request and reply pipes */
};

static bool write_all(int fd, const void *p, size_t n)
{
	const char *c = p;
	while (n) {
		ssize_t w = write(fd, c, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		c += w, n -= (size_t)w;
	}
	return true;
}

static bool read_all(int fd, void *p, size_t n)
{
	char *c = p;
	while (n) {
		ssize_t r = read(fd, c, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		c += r, n -= (size_t)r;
	}
	return true;
}

static int serve_one(struct bare *b, const struct request *q, struct reply *r, double **ms,
		     struct maca_err *err)
{
	double t0 = bench_now_ms(), c0 = bench_cpu_ms();
	int rc = MACA_OK;
	switch (q->op) {
	case OP_SAVES:
		*ms = calloc(q->count > 0 ? (size_t)q->count : 1, sizeof **ms);
		if (!*ms)
			return err_set(err, MACA_ENOMEM, "out of memory");
		for (int i = 0; !rc && i < q->count; i++)
			rc = bare_save(b, q->first + i, &(*ms)[i], err);
		break;
	case OP_BRIEFING:
		rc = bare_briefing(b, err);
		break;
	case OP_CSV:
		rc = bare_csv(b, err);
		break;
	case OP_IMPORT:
		rc = bare_import(b, &r->added, &r->read, err);
		break;
	case OP_STOP:
		break;
	}
	r->wall = bench_now_ms() - t0;
	r->cpu = bench_cpu_ms() - c0;
	return rc;
}

static void serve(const char *path, const struct bench_db *db, int in, int out)
{
	struct maca_err err = {0};
	struct bare *b = NULL;
	int opened = bare_open(path, db, &b, &err);
	struct request q;
	while (read_all(in, &q, sizeof q)) {
		struct reply r = {0};
		double *ms = NULL;
		r.status = opened ? opened : serve_one(b, &q, &r, &ms, &err);
		if (r.status)
			snprintf(r.msg, sizeof r.msg, "%s", err_msg(&err));
		struct rusage ru;
		r.peak_kb = getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : 0;
		bool sent = write_all(out, &r, sizeof r) &&
			    (q.op != OP_SAVES || r.status ||
			     write_all(out, ms, (size_t)q.count * sizeof *ms));
		free(ms);
		if (!sent || q.op == OP_STOP)
			break;
	}
	bare_close(b);
	err_clear(&err);
}

int bench_bare_start(const char *path, const struct bench_db *db, struct bench_bare **out,
		     struct maca_err *err)
{
	*out = NULL;
	int to[2], from[2];
	if (pipe(to) != 0)
		return err_set(err, MACA_EIO, "pipe: %s", strerror(errno));
	if (pipe(from) != 0) {
		close(to[0]), close(to[1]);
		return err_set(err, MACA_EIO, "pipe: %s", strerror(errno));
	}
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		close(to[1]), close(from[0]);
		serve(path, db, to[0], from[1]);
		_exit(0);
	}
	close(to[0]), close(from[1]);
	struct bench_bare *b = pid > 0 ? calloc(1, sizeof *b) : NULL;
	if (!b) {
		int rc = pid < 0 ? err_set(err, MACA_EIO, "fork: %s", strerror(errno))
				 : err_set(err, MACA_ENOMEM, "out of memory");
		close(to[1]), close(from[0]);
		if (pid > 0)
			waitpid(pid, NULL, 0);
		return rc;
	}
	*b = (struct bench_bare){pid, to[1], from[0]};
	*out = b;
	return MACA_OK;
}

static int ask(struct bench_bare *b, const struct request *q, struct reply *r, double *ms,
	       struct maca_err *err)
{
	if (!write_all(b->to, q, sizeof *q) || !read_all(b->from, r, sizeof *r))
		return err_set(err, MACA_EIO, "the bare baselines' worker stopped");
	if (r->status)
		return err_set(err, (enum maca_status)r->status, "%s", r->msg);
	if (q->op == OP_SAVES && !read_all(b->from, ms, (size_t)q->count * sizeof *ms))
		return err_set(err, MACA_EIO, "the bare baselines' worker stopped");
	return MACA_OK;
}

int bench_bare_saves(struct bench_bare *b, int first, int count, double *ms, double *cpu,
		     struct maca_err *err)
{
	struct reply r;
	int rc = ask(b, &(struct request){OP_SAVES, first, count}, &r, ms, err);
	*cpu = r.cpu;
	return rc;
}

static int timed(struct bench_bare *b, enum op op, double *wall, double *cpu, struct maca_err *err)
{
	struct reply r;
	int rc = ask(b, &(struct request){op, 0, 0}, &r, NULL, err);
	*wall = r.wall;
	*cpu = r.cpu;
	return rc;
}

int bench_bare_briefing(struct bench_bare *b, double *wall, double *cpu, struct maca_err *err)
{
	return timed(b, OP_BRIEFING, wall, cpu, err);
}

int bench_bare_csv(struct bench_bare *b, double *wall, double *cpu, struct maca_err *err)
{
	return timed(b, OP_CSV, wall, cpu, err);
}

int bench_bare_import(struct bench_bare *b, double *wall, double *cpu, double *read, int64_t *added,
		      struct maca_err *err)
{
	struct reply r;
	int rc = ask(b, &(struct request){OP_IMPORT, 0, 0}, &r, NULL, err);
	*wall = r.wall;
	*cpu = r.cpu;
	*read = r.read;
	*added = r.added;
	return rc;
}

void bench_bare_stop(struct bench_bare *b, long *peak_kb)
{
	if (!b)
		return;
	struct reply r = {0};
	if (write_all(b->to, &(struct request){OP_STOP, 0, 0}, sizeof(struct request)) &&
	    read_all(b->from, &r, sizeof r) && peak_kb)
		*peak_kb = r.peak_kb;
	close(b->to);
	close(b->from);
	waitpid(b->pid, NULL, 0);
	free(b);
}
