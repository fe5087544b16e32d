/* maca export pack|return, maca import and maca show: agency returns on the command line.
 * A pack goes from the chair to an agency, the agency's return comes back; both are
 * man maca-return(5) files, optionally sealed with a passphrase. A pack may also go out as a
 * workbook or CSV file (src/core/workbook), which comes back into the same import. */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "passphrase.h"
#include "return_doc.h"
#include "return_import.h"
#include "sbuf.h"
#include "sealed.h"
#include "workbook.h"
#include "cli_context.h"

/* The formats export pack's --format takes. */
const char *cli_pack_format(size_t i)
{
	static const char *const formats[] = {"maca", "xlsx", "csv"};
	return i < sizeof formats / sizeof formats[0] ? formats[i] : NULL;
}

/* A pack as a workbook or CSV file, for an agency without maca. */
static int export_sheet(struct cli *c, struct store *st, const char *agency,
			enum sheet_format format, const char *output, bool force)
{
	struct maca_err e = {0};
	int64_t id;
	struct audit_info info = {0};
	if (store_audit_resolve(st, cli_arg(c, 0), &id, &e) || store_audit_get(st, id, &info, &e))
		return cli_fail_err(c, "export", &e);
	/* pack-<agency>-<first 8 characters of the audit's UUID>.xlsx or .csv */
	char *path = cli_export_path(c, output, "pack-%s-%.8s.%s", agency, info.uuid,
				     sheet_format_ext(format));
	audit_info_free(&info);
	int rc = CLI_OK;
	if (!path)
		rc = cli_fail(c, "out of memory");
	else if (sheet_export_pack(st, id, agency, format, c->cfg.author, MACA_VERSION, path, force,
				   &e))
		rc = cli_fail_err(c, "export", &e);
	else
		cli_print(c, "%s\n", path);
	free(path);
	return rc;
}

/* Replaces the plaintext in *data with its sealed form, asking for a strong enough passphrase
 * (twice at a terminal); the audit's own words count as guessable. The plaintext is wiped:
 * it never leaves memory. */
static int seal(struct cli *c, const struct return_doc *doc, unsigned char **data, size_t *len)
{
	struct passphrase p = {0};
	struct maca_err e = {0};
	unsigned char *sealed = NULL;
	size_t sealed_len = 0;
	const char *avoid[] = {
	    doc->title, doc->theme, doc->agency_code, doc->agency_name, c->cfg.partnership,
	    "maca",	NULL};
	if (passphrase_read_new("Passphrase to encrypt the file: ", avoid, &p, &e) ||
	    sealed_seal(*data, *len, p.text, p.len, &sealed, &sealed_len, &e)) {
		passphrase_free(&p);
		return cli_fail_err(c, "export", &e);
	}
	passphrase_free(&p);
	sodium_memzero(*data, *len);
	free(*data);
	*data = sealed;
	*len = sealed_len;
	return CLI_OK;
}

/* When the input is a sealed file, asks for its passphrase and opens it: its plaintext is held
 * in memory, never written. */
static int unseal(struct cli *c, const char *path, struct return_input *in)
{
	if (!in->sealed)
		return CLI_OK;
	struct passphrase p = {0};
	struct maca_err e = {0};
	/* The prompt goes to the terminal too: the name in it is shown as the sink shows it. */
	char *prompt = cli_format("Passphrase for %s: ", path);
	int rc = prompt ? passphrase_read(prompt, false, &p, &e)
			: err_set(&e, MACA_ENOMEM, "out of memory");
	if (!rc)
		rc = return_input_unseal(in, p.text, p.len, &e);
	passphrase_free(&p);
	free(prompt);
	if (rc)
		return cli_fail_err(c, path, &e);
	return CLI_OK;
}

/* export pack and export return. */
int cli_cmd_export_share(struct cli *c)
{
	enum return_kind kind = cli_command_is(c, "export pack") ? RETURN_PACK : RETURN_RETURN;
	const char *output = cli_opt(c, "-o"), *agency = cli_opt(c, "--agency");
	bool force = cli_flag(c, "--force"), encrypt = cli_flag(c, "--encrypt");
	const char *format_name = kind == RETURN_PACK ? cli_opt(c, "--format") : NULL;
	if (!agency)
		return cli_usage(c, "export pack and export return need --agency AGENCY");
	enum sheet_format format = SHEET_MACA;
	if (format_name && !sheet_format_parse(format_name, &format))
		return cli_usage(c, "--format takes maca, xlsx or csv");
	if (format != SHEET_MACA && encrypt)
		return cli_usage(c, "maca cannot encrypt a workbook or CSV file; send it by the "
				    "agency's secure e-mail, or send a sealed maca pack");
	struct store *st;
	if (cli_open_store(c, &st))
		return CLI_FAIL;
	if (format != SHEET_MACA) {
		int rc = export_sheet(c, st, agency, format, output, force);
		store_close(st);
		return rc;
	}
	struct maca_err e = {0};
	int64_t id;
	struct return_doc *doc = NULL;
	unsigned char *data = NULL;
	size_t len = 0;
	char *path = NULL;
	int rc = CLI_OK;
	if (store_audit_resolve(st, cli_arg(c, 0), &id, &e) ||
	    return_collect(st, id, agency, kind, c->cfg.author, MACA_VERSION, &doc, &e) ||
	    return_serialize(doc, &data, &len, &e))
		rc = cli_fail_err(c, "export", &e);
	if (!rc && encrypt)
		rc = seal(c, doc, &data, &len);
	if (!rc) {
		/* <kind>-<agency>-<first 8 characters of the audit's UUID>.maca */
		path = cli_export_path(c, output, "%s-%s-%.8s.maca", return_kind_name(kind), agency,
				       doc->uuid);
		rc = cli_write_export(c, path, (const char *)data, len, force);
	}
	free(path);
	if (data)
		sodium_memzero(data, len);
	free(data);
	return_doc_free(doc);
	store_close(st);
	return rc;
}

/* Reads and checks a pack or return, opening it with a passphrase when it is sealed; the
 * checksum is of the file exactly as received. A maca file's answers are read from it as they
 * are needed (return_open); a workbook or CSV return is read against the audit it answers:
 * the database is opened for it into *st when the caller has not. */
static int load(struct cli *c, const char *path, struct store **st, struct return_doc **doc,
		char sum[65])
{
	struct return_input in;
	struct maca_err e = {0};
	if (return_input_open(path, &in, &e))
		return cli_fail_err(c, NULL, &e); /* the message names the file */
	memcpy(sum, in.checksum, 65);
	int rc = unseal(c, path, &in);
	if (!rc && !*st && sheet_input_needs_store(&in) && cli_open_store(c, st))
		rc = CLI_FAIL;
	if (!rc && sheet_open_input(*st, &in, doc, &e))
		rc = cli_fail_err(c, path, &e);
	/* Case data, perhaps decrypted: wiped, not left in freed memory. */
	return_input_free(&in);
	return rc;
}

/* To standard output when the changes are being made, else on standard error with the
 * refusal. */
static void print_change(struct cli *c, bool to_out, const struct return_change *ch)
{
	char *line;
	if (ch->note)
		line = cli_format("  case '%s', note %s: text changed", ch->case_ref, ch->item);
	else
		line = cli_format("  case '%s', question %s: %s -> %s%s", ch->case_ref, ch->item,
				  *ch->old_value ? ch->old_value : "(none)",
				  *ch->new_value ? ch->new_value : "(none)",
				  ch->evidence_changed ? ", evidence changed" : "");
	/* Formatted as the sink formats; passing it through again changes nothing. */
	if (to_out)
		cli_print(c, "%s\n", line ? line : "  (out of memory)");
	else
		cli_eprint(c, "%s\n", line ? line : "  (out of memory)");
	free(line);
}

/* The answers taken that need evidence and have none: said after the import, on standard
 * error, not refused (maca-template(5), evidence_required_at). */
static void warn_unevidenced(struct cli *c, const struct return_plan *plan)
{
	size_t n = plan->nunevidenced;
	if (!n)
		return;
	cli_say(c, "warning: %zu answer%s %s at a grade that needs evidence and %s none:", n,
		n == 1 ? "" : "s", n == 1 ? "is" : "are", n == 1 ? "has" : "have");
	for (size_t i = 0; i < n && i < RETURN_UNEVIDENCED_NAMED; i++)
		cli_eprint(c, "  case '%s', question %s: %s\n", plan->unevidenced[i].case_ref,
			   plan->unevidenced[i].question_id, plan->unevidenced[i].grade);
	if (n > RETURN_UNEVIDENCED_NAMED)
		cli_eprint(c, "  and %zu more\n", n - RETURN_UNEVIDENCED_NAMED);
}

static int import_return(struct cli *c, struct store *st, const char *path,
			 const struct return_doc *doc, const char *sum, bool replace)
{
	struct maca_err e = {0};
	struct return_plan plan;
	if (return_plan_make(st, doc, &plan, &e))
		return cli_fail_err(c, path, &e);
	int rc = CLI_OK;
	if (plan.nchanges) {
		if (replace)
			cli_print(c, "Replacing the answers held for agency %s:\n",
				  doc->agency_code);
		else
			cli_eprint(c, "The return changes the answers held for agency %s:\n",
				   doc->agency_code);
		for (size_t i = 0; i < plan.nchanges; i++)
			print_change(c, replace, &plan.changes[i]);
	}
	if (plan.nchanges && !replace) {
		rc = cli_fail(c,
			      "%s: nothing was imported; import with --replace to take the "
			      "return's answers",
			      path);
	} else if (return_apply(st, doc, &plan, replace, sum, &e)) {
		rc = cli_fail_err(c, path, &e);
	} else {
		cli_print(c,
			  "Return from %s into audit %lld (%s): %zu added, %zu changed, %zu "
			  "unchanged\n",
			  doc->agency_code, (long long)plan.audit_id, plan.audit_title, plan.nadd,
			  plan.nchanges, plan.nsame);
		warn_unevidenced(c, &plan);
	}
	return_plan_free(&plan);
	return rc;
}

int cli_cmd_import(struct cli *c)
{
	bool replace = cli_flag(c, "--replace");
	const char *path = cli_arg(c, 0);
	struct return_doc *doc = NULL;
	struct store *st = NULL;
	char sum[65];
	if (load(c, path, &st, &doc, sum) || (!st && cli_open_store(c, &st))) {
		store_close(st);
		return_doc_free(doc);
		return CLI_FAIL;
	}
	struct maca_err e = {0};
	int64_t id;
	int rc = CLI_OK;
	if (doc->kind == RETURN_RETURN) {
		rc = import_return(c, st, path, doc, sum, replace);
	} else if (return_import_pack(st, doc, sum, &id, &e)) {
		/* The audit is here from a pack of before tokens: take this one's token only. */
		struct maca_err e2 = {0};
		if (e.status == MACA_EEXIST && !return_pack_take_token(st, doc, &id, &e2)) {
			cli_print(
			    c,
			    "Pack for %s: audit %lld is already here; its token was taken, so "
			    "returns from it now answer this pack (nothing else changed)\n",
			    doc->agency_code, (long long)id);
			err_clear(&e);
		} else {
			rc = cli_fail_err(c, path, &e);
		}
		err_clear(&e2);
	} else {
		cli_print(c, "Pack for %s: audit %lld (%s), %zu case%s, %zu answer%s\n",
			  doc->agency_code, (long long)id, doc->title, doc->ncases,
			  doc->ncases == 1 ? "" : "s", doc->nanswers,
			  doc->nanswers == 1 ? "" : "s");
	}
	store_close(st);
	return_doc_free(doc);
	return rc;
}

int cli_cmd_show(struct cli *c)
{
	struct return_doc *doc = NULL;
	struct store *st = NULL;
	char sum[65];
	int loaded = load(c, cli_arg(c, 0), &st, &doc, sum);
	/* Shown case by case: every answer held (a workbook's read again against the audit). */
	struct maca_err e = {0};
	int held = loaded ? MACA_OK : return_hold(doc, &e);
	store_close(st);
	if (loaded || held) {
		return_doc_free(doc);
		return loaded ? CLI_FAIL : cli_fail_err(c, cli_arg(c, 0), &e);
	}
	char *text = return_show(doc);
	int rc = CLI_OK;
	if (text) {
		cli_put_block(c, text);
		cli_print(c, "\nsha256 %s\n", sum);
	} else {
		rc = cli_fail(c, "out of memory");
	}
	free(text);
	return_doc_free(doc);
	return rc;
}
