/* maca export pack|return, maca import and maca show: agency returns on the command line.
 * A pack goes from the chair to an agency, the agency's return comes back; both are
 * man maca-return(5) files, optionally sealed with a passphrase. */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_internal.h"
#include "export_file.h"
#include "passphrase.h"
#include "return_doc.h"
#include "return_import.h"
#include "sbuf.h"
#include "sealed.h"
#include "workbook.h"

static int say(struct cli *c, int status, const char *msg)
{
	fprintf(c->err, "maca: %s\n", msg);
	if (status == CLI_USAGE)
		fputs("Try 'maca --help'.\n", c->err);
	return status;
}

/* Prints each line of a (possibly multi-line) error, prefixed with the file it is about. */
static int say_problems(struct cli *c, const char *path, struct maca_err *e)
{
	const char *msg = err_msg(e);
	while (*msg) {
		size_t n = strcspn(msg, "\n");
		fprintf(c->err, "maca: %s: %.*s\n", path, (int)n, msg);
		msg += n + (msg[n] == '\n');
	}
	err_clear(e);
	return CLI_FAIL;
}

/* User text on one line of the terminal: control characters become '?', the C1 ones
 * (U+0080 to U+009F, escapes to some terminals) included. */
static void put_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == 0xc2 && (unsigned char)s[1] >= 0x80 && (unsigned char)s[1] < 0xa0) {
			fputc('?', f);
			s++;
		} else {
			fputc(c < 0x20 || c == 0x7f ? '?' : c, f);
		}
	}
}

/* <export_dir or .>/<kind>-<agency>-<first 8 characters of the audit's UUID>.<ext> */
static char *default_path(struct cli *c, enum return_kind kind, const char *agency,
			  const char *uuid, enum sheet_format format)
{
	const char *dir = c->cfg.export_dir && *c->cfg.export_dir ? c->cfg.export_dir : ".";
	return str_fmt("%s%s%s-%s-%.8s.%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/",
		       return_kind_name(kind), agency, uuid, sheet_format_ext(format));
}

/* A pack as a workbook or CSV file (src/core/workbook). */
static int export_sheet(struct cli *c, struct store *st, const char *audit, const char *agency,
			enum sheet_format format, const char *output, bool force)
{
	struct maca_err e = {0};
	int64_t id;
	struct audit_info info = {0};
	char *path = NULL;
	int rc = CLI_OK;
	if (store_audit_resolve(st, audit, &id, &e) || store_audit_get(st, id, &info, &e))
		return say_problems(c, "export", &e);
	path = output ? str_dup(output) : default_path(c, RETURN_PACK, agency, info.uuid, format);
	audit_info_free(&info);
	if (!path)
		return say(c, CLI_FAIL, "out of memory");
	if (sheet_export_pack(st, id, agency, format, c->cfg.author, MACA_VERSION, path, force, &e))
		rc = say_problems(c, "export", &e);
	else
		fprintf(c->out, "%s\n", path);
	free(path);
	return rc;
}

/* Replaces the plaintext in *data with its sealed form, asking for a passphrase twice. The
 * plaintext is wiped: it never leaves memory. */
static int seal(struct cli *c, unsigned char **data, size_t *len)
{
	struct passphrase p = {0};
	struct maca_err e = {0};
	unsigned char *sealed = NULL;
	size_t sealed_len = 0;
	if (passphrase_read("Passphrase to encrypt the file: ", true, &p, &e) ||
	    sealed_seal(*data, *len, p.text, p.len, &sealed, &sealed_len, &e)) {
		passphrase_free(&p);
		return say_problems(c, "export", &e);
	}
	passphrase_free(&p);
	sodium_memzero(*data, *len);
	free(*data);
	*data = sealed;
	*len = sealed_len;
	return CLI_OK;
}

/* When *buf is a sealed file, asks for its passphrase and replaces it with the plaintext. */
static int unseal(struct cli *c, const char *path, unsigned char **buf, size_t *len)
{
	if (!sealed_detect(*buf, *len))
		return CLI_OK;
	struct passphrase p = {0};
	struct maca_err e = {0};
	char *prompt = str_fmt("Passphrase for %s: ", path);
	unsigned char *plain = NULL;
	size_t plain_len = 0;
	int rc = prompt ? passphrase_read(prompt, false, &p, &e)
			: err_set(&e, MACA_ENOMEM, "out of memory");
	if (!rc)
		rc = sealed_open(*buf, *len, p.text, p.len, &plain, &plain_len, &e);
	passphrase_free(&p);
	free(prompt);
	if (rc)
		return say_problems(c, path, &e);
	free(*buf);
	*buf = plain;
	*len = plain_len;
	return CLI_OK;
}

int cli_export_share(struct cli *c, int argc, char **argv, enum return_kind kind)
{
	const char *output = NULL, *agency = NULL, *format_name = NULL;
	bool force = false, encrypt = false;
	const struct opt_spec spec[] = {{"-o", &output, NULL},
					{"--output", &output, NULL},
					{"--agency", &agency, NULL},
					{"--force", NULL, &force},
					{"--encrypt", NULL, &encrypt},
					{"--format", &format_name, NULL},
					{NULL, NULL, NULL}};
	const char *pos[1];
	int rc = cli_parse_command(c, argc, argv, spec, 1, pos,
				   kind == RETURN_PACK
				       ? "export pack needs AUDIT and --agency, e.g. maca export "
					 "pack 1 --agency police -o police.maca"
				       : "export return needs AUDIT and --agency, e.g. maca export "
					 "return 1 --agency police -o return.maca");
	if (rc)
		return rc;
	if (!agency)
		return say(c, CLI_USAGE, "export pack and export return need --agency AGENCY");
	enum sheet_format format = SHEET_MACA;
	if (format_name && !sheet_format_parse(format_name, &format))
		return say(c, CLI_USAGE, "--format takes maca, xlsx or csv");
	if (format != SHEET_MACA && kind != RETURN_PACK)
		return say(c, CLI_USAGE,
			   "export return writes a maca return; --format xlsx or csv "
			   "is for packs");
	if (format != SHEET_MACA && encrypt)
		return say(c, CLI_USAGE,
			   "maca cannot encrypt a workbook or CSV file; send it by "
			   "the agency's secure e-mail, or send a sealed maca pack");
	struct store *st;
	if (cli_open_store(c, &st))
		return CLI_FAIL;
	if (format != SHEET_MACA) {
		rc = export_sheet(c, st, pos[0], agency, format, output, force);
		store_close(st);
		return rc;
	}
	struct maca_err e = {0};
	int64_t id;
	struct return_doc *doc = NULL;
	unsigned char *data = NULL;
	size_t len = 0;
	char *path = NULL;
	if (store_audit_resolve(st, pos[0], &id, &e) ||
	    return_collect(st, id, agency, kind, c->cfg.author, MACA_VERSION, &doc, &e) ||
	    return_serialize(doc, &data, &len, &e))
		rc = say_problems(c, "export", &e);
	if (!rc && encrypt)
		rc = seal(c, &data, &len);
	if (!rc) {
		path =
		    output ? str_dup(output) : default_path(c, kind, agency, doc->uuid, SHEET_MACA);
		if (!path)
			rc = say(c, CLI_FAIL, "out of memory");
	}
	if (!rc && export_file_write(path, (const char *)data, len, force, &e))
		rc = say_problems(c, "export", &e);
	if (!rc)
		fprintf(c->out, "%s\n", path);
	free(path);
	if (data)
		sodium_memzero(data, len);
	free(data);
	return_doc_free(doc);
	store_close(st);
	return rc;
}

/* Reads and parses a pack or return, opening it with a passphrase when it is sealed; the
 * checksum is of the file exactly as received. A workbook or CSV return is read against the
 * audit it answers: the database is opened for it into *st when the caller has not. */
static int load(struct cli *c, const char *path, struct store **st, struct return_doc **doc,
		char sum[65])
{
	unsigned char *buf;
	size_t len;
	struct maca_err e = {0};
	if (return_file_read(path, &buf, &len, &e))
		return say_problems(c, path, &e);
	return_checksum(buf, len, sum);
	int rc = unseal(c, path, &buf, &len);
	if (!rc && !*st && sheet_detect(buf, len) != SHEET_MACA && cli_open_store(c, st))
		rc = CLI_FAIL;
	if (!rc && sheet_read_any(*st, buf, len, doc, &e))
		rc = say_problems(c, path, &e);
	/* Case data, perhaps decrypted: not left in freed memory. */
	sodium_memzero(buf, len);
	free(buf);
	return rc;
}

static void print_change(FILE *f, const struct return_change *ch)
{
	fputs("  case '", f);
	put_text(f, ch->case_ref);
	if (ch->note) {
		fprintf(f, "', note %s: text changed\n", ch->item);
		return;
	}
	fprintf(f, "', question %s: ", ch->item);
	put_text(f, *ch->old_value ? ch->old_value : "(none)");
	fputs(" -> ", f);
	put_text(f, *ch->new_value ? ch->new_value : "(none)");
	fputs(ch->evidence_changed ? ", evidence changed\n" : "\n", f);
}

static int import_return(struct cli *c, struct store *st, const char *path,
			 const struct return_doc *doc, const char *sum, bool replace)
{
	struct maca_err e = {0};
	struct return_plan plan;
	if (return_plan_make(st, doc, &plan, &e))
		return say_problems(c, path, &e);
	int rc = CLI_OK;
	if (plan.nchanges) {
		FILE *f = replace ? c->out : c->err;
		fprintf(f, "%s the answers held for agency %s:\n",
			replace ? "Replacing" : "The return changes", doc->agency_code);
		for (size_t i = 0; i < plan.nchanges; i++)
			print_change(f, &plan.changes[i]);
	}
	if (plan.nchanges && !replace) {
		fprintf(c->err,
			"maca: %s: nothing was imported; import with --replace to take the "
			"return's answers\n",
			path);
		rc = CLI_FAIL;
	} else if (return_apply(st, doc, &plan, replace, sum, &e)) {
		rc = say_problems(c, path, &e);
	} else {
		fprintf(c->out, "Return from %s into audit %lld (", doc->agency_code,
			(long long)plan.audit_id);
		put_text(c->out, plan.audit_title);
		fprintf(c->out, "): %zu added, %zu changed, %zu unchanged\n", plan.nadd,
			plan.nchanges, plan.nsame);
	}
	return_plan_free(&plan);
	return rc;
}

int cli_import(struct cli *c, int argc, char **argv)
{
	bool replace = false;
	const struct opt_spec spec[] = {{"--replace", NULL, &replace}, {NULL, NULL, NULL}};
	const char *pos[1];
	int rc = cli_parse_command(c, argc, argv, spec, 1, pos,
				   "import needs FILE, e.g. maca import return-police.maca");
	if (rc)
		return rc;
	struct return_doc *doc = NULL;
	struct store *st = NULL;
	char sum[65];
	if (load(c, pos[0], &st, &doc, sum) || (!st && cli_open_store(c, &st))) {
		store_close(st);
		return_doc_free(doc);
		return CLI_FAIL;
	}
	struct maca_err e = {0};
	int64_t id;
	if (doc->kind == RETURN_RETURN) {
		rc = import_return(c, st, pos[0], doc, sum, replace);
	} else if (return_import_pack(st, doc, sum, &id, &e)) {
		rc = say_problems(c, pos[0], &e);
	} else {
		fprintf(c->out, "Pack for %s: audit %lld (", doc->agency_code, (long long)id);
		put_text(c->out, doc->title);
		fprintf(c->out, "), %zu case%s, %zu answer%s\n", doc->ncases,
			doc->ncases == 1 ? "" : "s", doc->nanswers, doc->nanswers == 1 ? "" : "s");
	}
	store_close(st);
	return_doc_free(doc);
	return rc;
}

int cli_show(struct cli *c, int argc, char **argv)
{
	const struct opt_spec spec[] = {{NULL, NULL, NULL}};
	const char *pos[1];
	int rc = cli_parse_command(c, argc, argv, spec, 1, pos,
				   "show needs FILE, e.g. maca show return-police.maca");
	if (rc)
		return rc;
	struct return_doc *doc = NULL;
	struct store *st = NULL;
	char sum[65];
	rc = load(c, pos[0], &st, &doc, sum);
	store_close(st);
	if (rc)
		return CLI_FAIL;
	char *text = return_show(doc);
	if (text) {
		fputs(text, c->out);
		fprintf(c->out, "\nsha256 %s\n", sum);
	} else {
		rc = say(c, CLI_FAIL, "out of memory");
	}
	free(text);
	return_doc_free(doc);
	return rc;
}
