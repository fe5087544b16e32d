/* Running the programs a document is made with (pandoc, weasyprint, wkhtmltopdf): no shell,
 * their chatter kept in a file and shown only when they fail. See document.h. */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "document.h"
#include "sbuf.h"

extern char **environ;

/* The most of a failed program's output put in the error: its last lines. */
#define TAIL_LINES 12
#define TAIL_BYTES 4096

bool document_program_installed(const char *name)
{
	const char *p = getenv("PATH");
	while (p && *p) {
		size_t n = strcspn(p, ":");
		char *full = n ? str_fmt("%.*s/%s", (int)n, p, name) : str_fmt("./%s", name);
		bool found = full && access(full, X_OK) == 0;
		free(full);
		if (found)
			return true;
		p += n + (p[n] == ':');
	}
	return false;
}

/* The last lines of the log, each indented, for an error message: progress bars drawn with
 * carriage returns become lines, blank lines are dropped. */
static char *log_tail(const char *log)
{
	FILE *fp = fopen(log, "rb");
	if (!fp)
		return NULL;
	char buf[TAIL_BYTES + 1];
	size_t n = 0;
	if (fseek(fp, 0, SEEK_END) == 0) {
		long size = ftell(fp);
		if (size > TAIL_BYTES)
			fseek(fp, size - TAIL_BYTES, SEEK_SET);
		else
			rewind(fp);
		n = fread(buf, 1, TAIL_BYTES, fp);
	}
	fclose(fp);
	buf[n] = '\0';
	for (size_t i = 0; i < n; i++)
		if (buf[i] == '\r' || buf[i] == '\0')
			buf[i] = '\n';
	/* Start TAIL_LINES non-blank lines from the end. */
	size_t start = n, lines = 0;
	while (start > 0 && lines < TAIL_LINES) {
		size_t end = start;
		while (start > 0 && buf[start - 1] != '\n')
			start--;
		bool blank = true;
		for (size_t i = start; i < end; i++)
			blank = blank && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\n');
		lines += !blank;
		if (start > 0 && lines < TAIL_LINES)
			start--;
	}
	struct sbuf out = {0};
	for (char *line = buf + start; *line;) {
		size_t len = strcspn(line, "\n");
		bool blank = true;
		for (size_t i = 0; i < len; i++)
			blank = blank && (line[i] == ' ' || line[i] == '\t');
		if (!blank) {
			sbuf_add(&out, "\n  ");
			sbuf_addn(&out, line, len);
		}
		line += len + (line[len] == '\n');
	}
	return out.len ? sbuf_take(&out) : (sbuf_free(&out), NULL);
}

/* environ with extra added (a NULL-terminated array the caller frees, not its strings). */
static char **environment(char *const extra[])
{
	size_t n = 0, k = 0;
	while (environ && environ[n])
		n++;
	while (extra && extra[k])
		k++;
	char **env = calloc(n + k + 1, sizeof *env);
	if (!env)
		return NULL;
	for (size_t i = 0; i < k; i++)
		env[i] = extra[i];
	for (size_t i = 0; i < n; i++)
		env[k + i] = environ[i];
	return env;
}

static int failed(const char *log, const char *what, const char *how, int code,
		  struct maca_err *err)
{
	char *tail = log_tail(log);
	err_set(err, MACA_EIO, "%s %s %d; nothing was written%s%s", what, how, code,
		tail ? ". Its output ended:" : "", tail ? tail : "");
	free(tail);
	return err->status;
}

int document_run(char *const argv[], char *const extra_env[], const char *log, const char *what,
		 struct maca_err *err)
{
	posix_spawn_file_actions_t fa;
	if (posix_spawn_file_actions_init(&fa) != 0)
		return err_set(err, MACA_ENOMEM, "out of memory");
	char **env = environment(extra_env);
	int rc = env ? posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0) : ENOMEM;
	if (!rc)
		rc = posix_spawn_file_actions_addopen(&fa, 1, log, O_WRONLY | O_CREAT | O_TRUNC,
						      0600);
	if (!rc)
		rc = posix_spawn_file_actions_adddup2(&fa, 1, 2);
	pid_t pid = 0;
	/* Whatever the program creates is private from the start: it inherits this umask. */
	mode_t saved = umask(077);
	if (!rc)
		rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, env);
	umask(saved);
	posix_spawn_file_actions_destroy(&fa);
	free(env);
	if (rc == ENOENT)
		return err_set(err, MACA_ENOTFOUND,
			       "%s is not installed; install it with: apt-get install %s", argv[0],
			       argv[0]);
	if (rc)
		return err_set(err, rc == ENOMEM ? MACA_ENOMEM : MACA_EIO, "cannot run %s: %s",
			       what, strerror(rc));
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return err_set(err, MACA_EIO, "waiting for %s: %s", what, strerror(errno));
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return MACA_OK;
	if (WIFEXITED(status))
		return failed(log, what, "failed with exit status", WEXITSTATUS(status), err);
	return failed(log, what, "was killed by signal", WTERMSIG(status), err);
}
