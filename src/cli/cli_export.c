/* maca export: writes an audit out. `export briefing` writes the briefing of our learning as
 * Markdown for sharing, after checking its text for identifiers (or, with --format, converts
 * it through pandoc to docx, html or pdf); `export csv` and `export cases` write the
 * confidential records for the audit group. */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "briefing.h"
#include "export_cases.h"
#include "export_csv.h"
#include "export_file.h"
#include "sbuf.h"
#include "cli_context.h"

/* The formats --format takes: Markdown as written, the others through pandoc. */
const char *cli_briefing_format(size_t i)
{
	static const char *const formats[] = {"md", "docx", "html", "pdf"};
	return i < sizeof formats / sizeof formats[0] ? formats[i] : NULL;
}

extern char **environ;

/* The PDF engine pandoc is told to use: in Debian 12 as the package of the same name, and far
 * smaller than a LaTeX installation. */
#define PDF_ENGINE "wkhtmltopdf"

/* Whether an executable named name is in a directory of $PATH. */
static bool on_path(const char *name)
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

static int write_fd(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Runs argv (argv[0] looked up in $PATH, no shell) with standard input and output on
 * /dev/null; standard error stays the terminal's, for pandoc's own messages. */
static int run_command(char *const argv[], const char *what, struct maca_err *e)
{
	posix_spawn_file_actions_t fa;
	if (posix_spawn_file_actions_init(&fa) != 0)
		return err_set(e, MACA_ENOMEM, "out of memory");
	int rc = posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0) ||
		 posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	pid_t pid;
	/* Whatever the child creates is private from the start: it inherits this umask. */
	mode_t saved = umask(077);
	if (!rc)
		rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	umask(saved);
	posix_spawn_file_actions_destroy(&fa);
	if (rc == ENOENT)
		return err_set(e, MACA_ENOTFOUND,
			       "%s is not installed; install it with: apt-get "
			       "install %s",
			       argv[0], argv[0]);
	if (rc)
		return err_set(e, MACA_EIO, "cannot run %s: %s", what, strerror(rc));
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return err_set(e, MACA_EIO, "waiting for %s: %s", what, strerror(errno));
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return MACA_OK;
	if (WIFEXITED(status))
		return err_set(e, MACA_EIO,
			       "%s failed with exit status %d (its own message is above); nothing "
			       "was written, and --format md writes the briefing without it",
			       what, WEXITSTATUS(status));
	return err_set(e, MACA_EIO,
		       "%s was killed by signal %d; nothing was written, and --format md writes "
		       "the briefing without it",
		       what, WTERMSIG(status));
}

/* Converts the Markdown md through pandoc to format ("docx", "html" or "pdf") at path,
 * privately and atomically like export_file_write: both the Markdown and pandoc's output are
 * temporary files (0600) beside path, removed on every path. */
static int convert_briefing(const char *md, const char *format, const char *title, const char *path,
			    bool force, struct maca_err *e)
{
	bool pdf = strcmp(format, "pdf") == 0;
	if (!on_path("pandoc"))
		return err_set(e, MACA_ENOTFOUND,
			       "--format %s needs pandoc, which is not installed; install it "
			       "with: apt-get install pandoc",
			       format);
	if (pdf && !on_path(PDF_ENGINE))
		return err_set(e, MACA_ENOTFOUND,
			       "--format pdf needs a PDF engine for pandoc, and " PDF_ENGINE
			       " is not installed; install it with: apt-get install " PDF_ENGINE);
	if (!force && access(path, F_OK) == 0)
		return err_set(e, MACA_EEXIST, "%s already exists; pass --force to replace it",
			       path);
	char *in = NULL, *out = NULL, *suffix = str_fmt(".%s", format);
	char *meta = str_fmt("pagetitle=%s", title);
	int fd = -1, rc = MACA_OK;
	if (!suffix || !meta)
		rc = err_set(e, MACA_ENOMEM, "out of memory");
	if (!rc && !(rc = export_file_temp(path, ".md", &in, &fd, e))) {
		int werr = write_fd(fd, md, strlen(md)) ? (errno ? errno : EIO) : 0;
		if (close(fd) != 0 && !werr)
			werr = errno;
		if (werr)
			rc = err_set(e, MACA_EIO, "cannot write %s: %s", in, strerror(werr));
	}
	if (!rc && !(rc = export_file_temp(path, suffix, &out, &fd, e)))
		close(fd);
	if (!rc) {
		char *to = strcmp(format, "docx") == 0 ? "docx" : "html5"; /* pdf: by way of HTML */
		char *argv[] = {"pandoc",
				"-f",
				"gfm",
				"-t",
				to,
				"--standalone",
				"--wrap=none",
				"--metadata",
				meta,
				"-o",
				out,
				in,
				pdf ? "--pdf-engine=" PDF_ENGINE : NULL,
				NULL};
		char *what = str_fmt("pandoc -f gfm -t %s%s (writing %s)", to,
				     pdf ? " --pdf-engine=" PDF_ENGINE : "", path);
		rc = what ? run_command(argv, what, e) : err_set(e, MACA_ENOMEM, "out of memory");
		free(what);
	}
	/* pandoc may have replaced the file rather than written into it. */
	if (!rc && chmod(out, 0600) != 0)
		rc = err_set(e, MACA_EIO, "cannot write %s: %s", out, strerror(errno));
	if (!rc)
		rc = export_file_place(out, path, force, e);
	else if (out)
		unlink(out);
	if (in)
		unlink(in);
	free(in);
	free(out);
	free(suffix);
	free(meta);
	return rc;
}

int cli_cmd_export_briefing(struct cli *c)
{
	const char *output = cli_opt(c, "-o"), *layout = cli_opt(c, "--layout"),
		   *format = cli_opt(c, "--format");
	bool no_findings = cli_flag(c, "--no-findings"), force = cli_flag(c, "--force"),
	     with_comparison = cli_flag(c, "--with-comparison");
	if (format && strcmp(format, "md") == 0)
		format = NULL;
	struct store *st;
	if (cli_open_store(c, &st))
		return CLI_FAIL;
	struct maca_err e = {0};
	int64_t id;
	struct audit_info info = {0};
	char *md = NULL, *path = NULL;
	struct disclosure_list found = {0};
	struct briefing_options opt = {.layout = layout,
				       .no_findings = no_findings,
				       .with_comparison = with_comparison,
				       .resources = c->cfg.resources,
				       .nresources = c->cfg.nresources};
	int rc = CLI_OK;
	if (store_audit_resolve(st, cli_arg(c, 0), &id, &e) || store_audit_get(st, id, &info, &e) ||
	    briefing_write(st, id, &opt, &md, &found, &e))
		rc = cli_fail_err(c, NULL, &e);
	if (!rc)
		rc = cli_gate_findings(c, st, &found);
	if (!rc)
		path = cli_export_path(c, output, "briefing-%.8s.%s", info.uuid,
				       format ? format : "md");
	if (!rc && !format)
		rc = cli_write_export(c, path, md, strlen(md), force);
	else if (!rc && !path)
		rc = cli_fail(c, "out of memory");
	else if (!rc && convert_briefing(md, format, info.title, path, force, &e))
		rc = cli_fail_err(c, NULL, &e);
	else if (!rc)
		cli_print(c, "%s\n", path);
	free(path);
	free(md);
	disclosure_list_free(&found);
	audit_info_free(&info);
	store_close(st);
	return rc;
}

/* export csv and export cases: confidential records for the audit group, not checked for
 * identifiers; written 0600 like every export. */
static int export_record(struct cli *c, bool csv)
{
	const char *output = cli_opt(c, "-o");
	bool excel = csv && cli_flag(c, "--excel"), force = cli_flag(c, "--force");
	struct store *st;
	if (cli_open_store(c, &st))
		return CLI_FAIL;
	struct maca_err e = {0};
	int64_t id;
	struct audit_info info = {0};
	char *data = NULL, *path = NULL;
	int rc = CLI_OK;
	if (store_audit_resolve(st, cli_arg(c, 0), &id, &e) || store_audit_get(st, id, &info, &e) ||
	    (csv ? export_csv(st, id, excel, &data, &e) : export_cases(st, id, &data, &e)))
		rc = cli_fail_err(c, NULL, &e);
	if (!rc) {
		path = cli_export_path(c, output, "%s-%.8s.%s", csv ? "answers" : "cases",
				       info.uuid, csv ? "csv" : "md");
		rc = cli_write_export(c, path, data, strlen(data), force);
	}
	free(path);
	free(data);
	audit_info_free(&info);
	store_close(st);
	return rc;
}

int cli_cmd_export_csv(struct cli *c)
{
	return export_record(c, true);
}

int cli_cmd_export_cases(struct cli *c)
{
	return export_record(c, false);
}
