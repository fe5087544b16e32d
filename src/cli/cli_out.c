/* The command line's output sink (see cli_out.h): the only file of src/cli that writes to
 * standard output or standard error, and it shows every interpolated value through the
 * neutraliser of term_text.h. */
#define MACA_CLI_SINK
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli_out.h"
#include "sbuf.h"
#include "term_text.h"

/* One conversion of a printf format, rebuilt with any '*' resolved, e.g. "%-28s". */
struct conv {
	char spec[32];
	char flags[8];
	int width, precision; /* -1: none */
	char length[3];
	char type;
};

/* Reads the conversion after '%' at *p. Returns false on what maca's formats never use. */
static bool read_conv(const char **p, struct conv *cv, va_list *ap)
{
	const char *s = *p;
	size_t nf = 0;
	*cv = (struct conv){.width = -1, .precision = -1};
	while (*s && strchr("-+ #0", *s) && nf + 1 < sizeof cv->flags)
		cv->flags[nf++] = *s++;
	if (*s == '*') {
		cv->width = va_arg(*ap, int);
		s++;
	} else if (*s >= '0' && *s <= '9') {
		cv->width = (int)strtol(s, (char **)&s, 10);
	}
	if (*s == '.') {
		s++;
		if (*s == '*') {
			cv->precision = va_arg(*ap, int);
			s++;
		} else {
			cv->precision = (int)strtol(s, (char **)&s, 10);
		}
	}
	size_t nl = 0;
	while (*s && strchr("hlzjt", *s) && nl + 1 < sizeof cv->length)
		cv->length[nl++] = *s++;
	cv->type = *s;
	if (!*s || !strchr("diuxXcs%", *s))
		return false;
	*p = s + 1;
	int n = snprintf(cv->spec, sizeof cv->spec, "%%%s", cv->flags);
	if (cv->width >= 0)
		n += snprintf(cv->spec + n, sizeof cv->spec - (size_t)n, "%d", cv->width);
	if (cv->precision >= 0)
		n += snprintf(cv->spec + n, sizeof cv->spec - (size_t)n, ".%d", cv->precision);
	snprintf(cv->spec + n, sizeof cv->spec - (size_t)n, "%s%c", cv->length, cv->type);
	return true;
}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
/* A number, formatted by the C library exactly as the format asks. */
static void add_number(struct sbuf *b, const struct conv *cv, va_list *ap)
{
	bool sign = cv->type == 'd' || cv->type == 'i';
	const char *l = cv->length;
	if (strcmp(l, "ll") == 0)
		sign ? sbuf_addf(b, cv->spec, va_arg(*ap, long long))
		     : sbuf_addf(b, cv->spec, va_arg(*ap, unsigned long long));
	else if (strcmp(l, "l") == 0)
		sign ? sbuf_addf(b, cv->spec, va_arg(*ap, long))
		     : sbuf_addf(b, cv->spec, va_arg(*ap, unsigned long));
	else if (strcmp(l, "z") == 0)
		sbuf_addf(b, cv->spec, va_arg(*ap, size_t));
	else if (strcmp(l, "j") == 0)
		sign ? sbuf_addf(b, cv->spec, va_arg(*ap, intmax_t))
		     : sbuf_addf(b, cv->spec, va_arg(*ap, uintmax_t));
	else if (strcmp(l, "t") == 0)
		sbuf_addf(b, cv->spec, va_arg(*ap, ptrdiff_t));
	else
		sign ? sbuf_addf(b, cv->spec, va_arg(*ap, int))
		     : sbuf_addf(b, cv->spec, va_arg(*ap, unsigned));
}
#pragma GCC diagnostic pop

/* A value: neutralised, then cut and padded as the conversion says (in bytes, as printf). */
static void add_value(struct sbuf *b, const struct conv *cv, const char *s, size_t len)
{
	if (cv->precision >= 0 && (size_t)cv->precision < len)
		len = (size_t)cv->precision;
	struct sbuf v = {0};
	term_text_add(&v, s, len, TERM_TEXT_LINE);
	size_t pad = cv->width > 0 && (size_t)cv->width > v.len ? (size_t)cv->width - v.len : 0;
	bool left = strchr(cv->flags, '-') != NULL;
	for (size_t i = 0; !left && i < pad; i++)
		sbuf_addc(b, ' ');
	if (v.len)
		sbuf_addn(b, v.data, v.len);
	b->failed |= v.failed;
	for (size_t i = 0; left && i < pad; i++)
		sbuf_addc(b, ' ');
	sbuf_free(&v);
}

/* vsnprintf, but with every %s and %c argument neutralised. */
static void format_safe(struct sbuf *b, const char *fmt, va_list *ap)
{
	for (const char *p = fmt; *p;) {
		size_t run = strcspn(p, "%");
		sbuf_addn(b, p, run);
		p += run;
		if (!*p)
			break;
		p++;
		struct conv cv;
		if (!read_conv(&p, &cv, ap))
			abort(); /* a format maca does not use: a bug, caught by any test */
		if (cv.type == '%') {
			sbuf_addc(b, '%');
		} else if (cv.type == 's') {
			const char *s = va_arg(*ap, const char *);
			s = s ? s : "(null)";
			add_value(b, &cv, s,
				  cv.precision >= 0 ? strnlen(s, (size_t)cv.precision) : strlen(s));
		} else if (cv.type == 'c') {
			char ch = (char)va_arg(*ap, int);
			add_value(b, &cv, &ch, 1);
		} else {
			add_number(b, &cv, ap);
		}
	}
}

/* Writes what b holds; a message lost to an allocation failure says so instead. */
static void emit(FILE *f, struct sbuf *b)
{
	if (b->failed)
		fputs("maca: out of memory\n", f);
	else if (b->len)
		fwrite(b->data, 1, b->len, f);
	sbuf_free(b);
}

/* Everything a command writes with a format: to f, as "maca: MESSAGE\n" when said. */
static void write_v(FILE *f, bool said, const char *fmt, va_list *ap)
{
	struct sbuf b = {0};
	if (said)
		sbuf_add(&b, "maca: ");
	format_safe(&b, fmt, ap);
	if (said)
		sbuf_addc(&b, '\n');
	emit(f, &b);
}

void cli_print(struct cli *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	write_v(c->out, false, fmt, &ap);
	va_end(ap);
}

void cli_eprint(struct cli *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	write_v(c->err, false, fmt, &ap);
	va_end(ap);
}

void cli_say(struct cli *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	write_v(c->err, true, fmt, &ap);
	va_end(ap);
}

int cli_fail(struct cli *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	write_v(c->err, true, fmt, &ap);
	va_end(ap);
	return CLI_FAIL;
}

void cli_usage_hint(struct cli *c)
{
	struct sbuf b = {0};
	if (c->command)
		sbuf_addf(&b, "Try 'maca %s --help'.\n", c->command->name);
	else
		sbuf_add(&b, "Try 'maca --help'.\n");
	emit(c->err, &b);
}

int cli_usage(struct cli *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	write_v(c->err, true, fmt, &ap);
	va_end(ap);
	cli_usage_hint(c);
	return CLI_USAGE;
}

int cli_fail_err(struct cli *c, const char *about, struct maca_err *e)
{
	const char *msg = err_msg(e);
	bool first = true;
	do {
		size_t n = strcspn(msg, "\n");
		struct sbuf b = {0};
		if (first || about)
			sbuf_add(&b, "maca: ");
		if (about) {
			term_text_add(&b, about, strlen(about), TERM_TEXT_LINE);
			sbuf_add(&b, ": ");
		}
		term_text_add(&b, msg, n, TERM_TEXT_LINE);
		sbuf_addc(&b, '\n');
		emit(c->err, &b);
		msg += n + (msg[n] == '\n');
		first = false;
	} while (*msg);
	err_clear(e);
	return CLI_FAIL;
}

void cli_put_block(struct cli *c, const char *text)
{
	struct sbuf b = {0};
	term_text_add(&b, text, strlen(text), TERM_TEXT_BLOCK);
	emit(c->out, &b);
}

void cli_put_diags(struct cli *c, bool to_err, const struct diag_list *diags)
{
	for (size_t i = 0; i < diags->n; i++) {
		const struct diag *d = &diags->items[i];
		struct sbuf b = {0};
		term_text_add(&b, d->file, strlen(d->file), TERM_TEXT_LINE);
		if (d->line > 0)
			sbuf_addf(&b, ":%d", d->line);
		sbuf_add(&b, ": ");
		term_text_add(&b, d->msg, strlen(d->msg), TERM_TEXT_LINE);
		sbuf_addc(&b, '\n');
		emit(to_err ? c->err : c->out, &b);
	}
	if (diags->oom)
		fputs("maca: out of memory: some problems could not be reported\n",
		      to_err ? c->err : c->out);
}

char *cli_format(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct sbuf b = {0};
	format_safe(&b, fmt, &ap);
	va_end(ap);
	return sbuf_take(&b);
}

void cli_flush(struct cli *c)
{
	fflush(c->out);
}
