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
#include "cli.h"
#include "cli_internal.h"
#include "export_cases.h"
#include "export_csv.h"
#include "export_file.h"
#include "sbuf.h"

static int say(struct cli *c, int status, const char *msg)
{
	fprintf(c->err, "maca: %s\n", msg);
	if (status == CLI_USAGE)
		cli_usage_hint(c);
	return status;
}

static int say_err(struct cli *c, struct maca_err *e)
{
	say(c, CLI_FAIL, err_msg(e));
	err_clear(e);
	return CLI_FAIL;
}

/* User text on one line of the terminal: control characters become spaces. */
static void put_text(FILE *f, const char *s)
{
	for (; *s; s++)
		fputc((unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s, f);
}

int cli_report_findings(struct cli *c, const struct disclosure_list *found, bool allow)
{
	for (size_t i = 0; i < found->n; i++) {
		fprintf(c->err, "maca: %s: possible %s: ", found->items[i].where,
			disclosure_kind_name(found->items[i].kind));
		put_text(c->err, found->items[i].match);
		fputc('\n', c->err);
	}
	if (found->n == 0 || allow)
		return CLI_OK;
	fprintf(c->err,
		"maca: %zu possible identifier%s found, so nothing was written. Take %s out of "
		"the audit, or pass --allow-identifiers if you have checked that %s not about a "
		"real person.\n",
		found->n, found->n == 1 ? "" : "s", found->n == 1 ? "it" : "them",
		found->n == 1 ? "it is" : "they are");
	return CLI_FAIL;
}

/* <export_dir or .>/briefing-<first 8 characters of the audit's UUID>.md */
static char *default_path(struct cli *c, const char *kind, const char *uuid, const char *ext)
{
	const char *dir = c->cfg.export_dir && *c->cfg.export_dir ? c->cfg.export_dir : ".";
	return str_fmt("%s%s%s-%.8s.%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", kind, uuid,
		       ext);
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

static int export_briefing(struct cli *c, int argc, char **argv)
{
	const char *output = NULL, *layout = NULL, *format = NULL;
	bool no_findings = false, allow = false, force = false, with_comparison = false;
	const struct opt_spec spec[] = {{"-o", &output, NULL},
					{"--output", &output, NULL},
					{"--layout", &layout, NULL},
					{"--format", &format, NULL},
					{"--no-findings", NULL, &no_findings},
					{"--with-comparison", NULL, &with_comparison},
					{"--allow-identifiers", NULL, &allow},
					{"--force", NULL, &force},
					{NULL, NULL, NULL}};
	const char *pos[1];
	int rc = cli_parse_command(c, argc, argv, spec, 1, pos,
				   "export briefing needs AUDIT, e.g. maca export briefing 1");
	if (rc)
		return rc;
	if (layout && !briefing_layout_known(layout)) {
		fprintf(c->err, "maca: unknown layout '%s' (known: %s)\n", layout,
			briefing_layout_names());
		return say(c, CLI_USAGE, "export briefing --layout takes one of those");
	}
	if (format && strcmp(format, "md") != 0 && strcmp(format, "docx") != 0 &&
	    strcmp(format, "html") != 0 && strcmp(format, "pdf") != 0) {
		fprintf(c->err, "maca: unknown format '%s' (known: md, docx, html, pdf)\n", format);
		return say(c, CLI_USAGE, "export briefing --format takes one of those");
	}
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
	if (store_audit_resolve(st, pos[0], &id, &e) || store_audit_get(st, id, &info, &e) ||
	    briefing_write(st, id, &opt, &md, &found, &e))
		rc = say_err(c, &e);
	if (!rc)
		rc = cli_report_findings(c, &found, allow);
	if (!rc) {
		path = output ? str_dup(output)
			      : default_path(c, "briefing", info.uuid, format ? format : "md");
		if (!path)
			rc = say(c, CLI_FAIL, "out of memory");
	}
	if (!rc && (format ? convert_briefing(md, format, info.title, path, force, &e)
			   : export_file_write(path, md, strlen(md), force, &e)))
		rc = say_err(c, &e);
	if (!rc)
		fprintf(c->out, "%s\n", path);
	free(path);
	free(md);
	disclosure_list_free(&found);
	audit_info_free(&info);
	store_close(st);
	return rc;
}

/* export csv and export cases: confidential records for the audit group, not checked for
 * identifiers; written 0600 like every export. */
static int export_record(struct cli *c, int argc, char **argv, bool csv)
{
	const char *output = NULL;
	bool excel = false, force = false;
	const struct opt_spec spec[] = {{"-o", &output, NULL},
					{"--output", &output, NULL},
					{"--force", NULL, &force},
					{csv ? "--excel" : NULL, NULL, &excel},
					{NULL, NULL, NULL}};
	const char *pos[1];
	int rc = cli_parse_command(c, argc, argv, spec, 1, pos,
				   csv ? "export csv needs AUDIT, e.g. maca export csv 1"
				       : "export cases needs AUDIT, e.g. maca export cases 1");
	if (rc)
		return rc;
	struct store *st;
	if (cli_open_store(c, &st))
		return CLI_FAIL;
	struct maca_err e = {0};
	int64_t id;
	struct audit_info info = {0};
	char *data = NULL, *path = NULL;
	if (store_audit_resolve(st, pos[0], &id, &e) || store_audit_get(st, id, &info, &e) ||
	    (csv ? export_csv(st, id, excel, &data, &e) : export_cases(st, id, &data, &e)))
		rc = say_err(c, &e);
	if (!rc) {
		path = output ? str_dup(output)
			      : default_path(c, csv ? "answers" : "cases", info.uuid,
					     csv ? "csv" : "md");
		if (!path)
			rc = say(c, CLI_FAIL, "out of memory");
	}
	if (!rc && export_file_write(path, data, strlen(data), force, &e))
		rc = say_err(c, &e);
	if (!rc)
		fprintf(c->out, "%s\n", path);
	free(path);
	free(data);
	audit_info_free(&info);
	store_close(st);
	return rc;
}

int cli_export(struct cli *c, int argc, char **argv)
{
	if (argc < 2)
		return say(c, CLI_USAGE,
			   "export needs a kind: briefing, csv, cases, actions, pack or return");
	if (strcmp(argv[1], "briefing") == 0)
		return export_briefing(c, argc - 1, argv + 1);
	if (strcmp(argv[1], "csv") == 0 || strcmp(argv[1], "cases") == 0)
		return export_record(c, argc - 1, argv + 1, strcmp(argv[1], "csv") == 0);
	if (strcmp(argv[1], "actions") == 0)
		return cli_export_actions(c, argc - 1, argv + 1);
	if (strcmp(argv[1], "pack") == 0 || strcmp(argv[1], "return") == 0)
		return cli_export_share(c, argc - 1, argv + 1,
					strcmp(argv[1], "pack") == 0 ? RETURN_PACK : RETURN_RETURN);
	fprintf(c->err,
		"maca: unknown export '%s' (known: briefing, csv, cases, actions, pack, return)\n",
		argv[1]);
	return say(c, CLI_USAGE,
		   "export needs a kind: briefing, csv, cases, actions, pack or return");
}
