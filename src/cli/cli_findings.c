/* maca findings: the disclosure check's findings in what maca would publish from an audit,
 * and the decision on each, scripted: `findings list` shows them open or accepted (by whom,
 * when, why) with the id each is named by; `findings accept` accepts one for publishing with
 * a reason, by the configured author; `findings withdraw` takes an acceptance back. The
 * exports refuse while any is open (cli_gate_findings). */
#include <stdlib.h>
#include <string.h>

#include "disclosure_gate.h"
#include "cli_context.h"

/* The audit argument, its findings and what was decided about them. */
struct findings {
	int64_t audit_id;
	struct disclosure_list found;
	struct disclosure_decisions dd;
};

static void findings_free(struct findings *f)
{
	disclosure_decisions_free(&f->dd);
	disclosure_list_free(&f->found);
}

static int findings_read(struct cli *c, struct store *st, struct findings *f)
{
	struct maca_err e = {0};
	*f = (struct findings){0};
	if (store_audit_resolve(st, cli_arg(c, 0), &f->audit_id, &e) ||
	    disclosure_gate_audit(st, f->audit_id, c->cfg.resources, c->cfg.nresources, &f->found,
				  &e) ||
	    disclosure_gate_decide(st, &f->found, &f->dd, &e)) {
		findings_free(f);
		return cli_fail_err(c, NULL, &e);
	}
	return CLI_OK;
}

int cli_cmd_findings_list(struct cli *c)
{
	struct store *st;
	if (cli_open_store(c, &st))
		return CLI_FAIL;
	struct findings f;
	int rc = findings_read(c, st, &f);
	if (!rc && f.found.n)
		cli_print(c, "%-8s  %-8s  %s\n", "FINDING", "STATE", "WHAT AND WHERE");
	for (size_t i = 0; !rc && i < f.found.n; i++) {
		const struct disclosure *d = &f.found.items[i];
		const struct disclosure_decision *x = &f.dd.items[i];
		cli_print(c, "%-8s  %-8s  %s \"%s\" in %s\n", x->id,
			  x->accepted ? "accepted" : "open", disclosure_kind_name(d->kind),
			  d->match, d->where);
		if (x->accepted)
			cli_print(c, "%-8s  %-8s  by %s at %s: %s\n", "", "", x->acceptance.author,
				  x->acceptance.at, x->acceptance.reason);
	}
	if (!rc && f.found.n)
		cli_say(c, "%zu finding%s in what would be published: %zu open, %zu accepted",
			f.found.n, f.found.n == 1 ? "" : "s", f.dd.open, f.found.n - f.dd.open);
	else if (!rc)
		cli_say(c, "nothing that looks like an identifier in what would be published (no "
			   "check catches everything: read it through)");
	if (!rc)
		findings_free(&f);
	store_close(st);
	return rc;
}

/* A decision on one finding of the audit: what accept and withdraw do to it. */
typedef int (*decision)(struct cli *c, struct store *st, const struct findings *f, size_t i,
			const char *reason);

/* Opens the database, finds the finding the second argument names among the audit's, and
 * takes the decision on it. */
static int decide(struct cli *c, decision take, const char *reason)
{
	struct store *st;
	if (cli_open_store(c, &st))
		return CLI_FAIL;
	struct findings f;
	size_t i = 0;
	int rc = findings_read(c, st, &f);
	if (!rc) {
		struct maca_err e = {0};
		rc = disclosure_gate_find(&f.dd, cli_arg(c, 1), &i, &e)
			 ? cli_fail_err(c, NULL, &e)
			 : take(c, st, &f, i, reason);
		findings_free(&f);
	}
	store_close(st);
	return rc;
}

static int accept_one(struct cli *c, struct store *st, const struct findings *f, size_t i,
		      const char *reason)
{
	const struct disclosure *d = &f->found.items[i];
	struct maca_err e = {0};
	int rc = disclosure_gate_accept(st, d, reason, &e);
	if (rc == MACA_EEXIST) {
		cli_say(c, "nothing changed: %s", err_msg(&e));
		err_clear(&e);
		return CLI_OK;
	}
	if (rc)
		return cli_fail_err(c, NULL, &e);
	cli_print(c, "accepted %s: %s \"%s\" in %s, by %s\n", f->dd.items[i].id,
		  disclosure_kind_name(d->kind), d->match, d->where, store_author(st));
	return CLI_OK;
}

int cli_cmd_findings_accept(struct cli *c)
{
	const char *reason = cli_opt(c, "--reason");
	if (!reason || !*reason)
		return cli_usage(c,
				 "findings accept needs --reason TEXT: why this may be published "
				 "(it is kept with your name)");
	return decide(c, accept_one, reason);
}

static int withdraw_one(struct cli *c, struct store *st, const struct findings *f, size_t i,
			const char *reason)
{
	const struct disclosure *d = &f->found.items[i];
	const struct disclosure_decision *x = &f->dd.items[i];
	struct maca_err e = {0};
	if (!x->accepted)
		return cli_fail(c, "finding %s is not accepted: nothing to withdraw", x->id);
	if (store_acceptance_withdraw(st, x->acceptance.id, reason, &e))
		return cli_fail_err(c, NULL, &e);
	cli_print(c, "withdrawn %s: %s \"%s\" in %s is open again\n", x->id,
		  disclosure_kind_name(d->kind), d->match, d->where);
	return CLI_OK;
}

int cli_cmd_findings_withdraw(struct cli *c)
{
	return decide(c, withdraw_one, cli_opt(c, "--reason"));
}
