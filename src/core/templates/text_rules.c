#include "text_rules.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "names.h"

/* One-line lengths keep every character of a line within the 1000 bytes older readers of
 * the return format allow (250 x 4 bytes), and long text within their 1 MiB. */
const struct text_rule text_rules[TEXT_KIND_COUNT] = {
    [TEXT_ID] = {"id", 40, true, true},
    [TEXT_REFERENCE] = {"case reference", 40, true, true},
    [TEXT_NAME] = {"name", 100, true, false},
    [TEXT_LINE] = {"one-line text", 250, true, false},
    [TEXT_LONG] = {"long text", 250000, false, false},
};

static bool fault_set(struct text_fault *fault, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static bool fault_set(struct text_fault *fault, const char *fmt, ...)
{
	if (fault) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(fault->why, sizeof fault->why, fmt, ap);
		va_end(ap);
	}
	return false;
}

static bool is_line_break(ucs4_t c)
{
	return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 ||
	       c == 0x2029;
}

static bool is_control(ucs4_t c)
{
	return c < 0x20 || (c >= 0x7F && c < 0xA0);
}

/* What a character of a one-line kind must not be; NULL when it may be there. */
static const char *refused(const struct text_rule *rule, ucs4_t c)
{
	if (is_line_break(c))
		return "line";
	if (c == '\t') /* the one control character people type, and cannot see */
		return "a tab";
	if (is_control(c))
		return "a control character";
	if (!rule->visible)
		return NULL;
	if (uc_is_property_bidi_control(c))
		return "a text-direction control";
	if (uc_is_property_default_ignorable_code_point(c))
		return "an invisible character";
	return NULL;
}

/* The characters half, for s known to be valid UTF-8. */
static bool characters_ok(const struct text_rule *rule, enum text_kind kind, const char *s,
			  struct text_fault *fault)
{
	if (kind == TEXT_ID)
		return !*s || id_valid(s)
			   ? true
			   : fault_set(fault, "is not an id (a-z, 0-9, '-' and '_', starting with "
					      "a letter or digit)");
	if (!rule->one_line)
		return true;
	const uint8_t *p = (const uint8_t *)s;
	ucs4_t c;
	int n;
	while ((n = u8_strmbtouc(&c, p)) > 0) {
		const char *what = refused(rule, c);
		if (what && strcmp(what, "line") == 0)
			return fault_set(fault, "must be a single line");
		if (what)
			return fault_set(fault, "holds %s (U+%04X)", what, (unsigned)c);
		if (rule->visible && c == ',')
			return fault_set(fault, "holds a comma: lists of cases use commas");
		p += n;
	}
	return true;
}

bool text_check_characters(enum text_kind kind, const char *s, struct text_fault *fault)
{
	if (u8_check((const uint8_t *)s, strlen(s)))
		return fault_set(fault, "is not valid UTF-8");
	return characters_ok(&text_rules[kind], kind, s, fault);
}

bool text_check_utf8(enum text_kind kind, const char *s, size_t bytes, struct text_fault *fault)
{
	/* In valid UTF-8 every character has one byte that does not continue another: counted
	 * in one pass over the bytes, where decoding each character costs several times that
	 * on the pages of evidence an import checks. */
	size_t chars = 0;
	const unsigned char *p = (const unsigned char *)s, *end = p + bytes;
	for (uint64_t w; end - p >= 8; p += 8) {
		/* A continuation byte is 10xxxxxx: bit 7 set and bit 6 clear. */
		memcpy(&w, p, 8);
		uint64_t cont = (w & ~(w << 1) & 0x8080808080808080u) >> 7;
		chars +=
		    8 - (size_t)((cont * 0x0101010101010101u) >> 56); /* one per byte, summed */
	}
	for (; p < end; p++)
		chars += (*p & 0xC0) != 0x80;
	if (chars > text_rules[kind].max_chars)
		return fault_set(fault, "is %zu characters long; the limit is %zu", chars,
				 text_rules[kind].max_chars);
	return characters_ok(&text_rules[kind], kind, s, fault);
}

bool text_check(enum text_kind kind, const char *s, struct text_fault *fault)
{
	size_t bytes = strlen(s);
	if (u8_check((const uint8_t *)s, bytes))
		return fault_set(fault, "is not valid UTF-8");
	return text_check_utf8(kind, s, bytes, fault);
}

static bool is_space(ucs4_t c)
{
	return c == '\t' || uc_is_general_category(c, UC_SPACE_SEPARATOR);
}

char *text_normalise(enum text_kind kind, const char *s)
{
	size_t bytes = strlen(s);
	if (kind != TEXT_REFERENCE || u8_check((const uint8_t *)s, bytes))
		return strdup(s);
	/* Every space becomes one byte, so the result is never longer than s. */
	char *out = malloc(bytes + 1), *o = out;
	if (!out)
		return NULL;
	const uint8_t *p = (const uint8_t *)s;
	bool pending = false;
	ucs4_t c;
	int n;
	while ((n = u8_strmbtouc(&c, p)) > 0) {
		if (is_space(c)) {
			pending = o > out;
		} else {
			if (pending)
				*o++ = ' ';
			pending = false;
			memcpy(o, p, (size_t)n);
			o += n;
		}
		p += n;
	}
	*o = '\0';
	return out;
}

char *text_fold(const char *s)
{
	if (u8_check((const uint8_t *)s, strlen(s)))
		return strdup(s); /* nothing to fold: text_check refuses it */
	char *norm = text_normalise(TEXT_REFERENCE, s);
	if (!norm)
		return NULL;
	size_t len = 0;
	uint8_t *folded =
	    u8_casefold((const uint8_t *)norm, strlen(norm), NULL, UNINORM_NFKC, NULL, &len);
	free(norm);
	if (!folded)
		return NULL;
	char *key = malloc(len + 1);
	if (key) {
		memcpy(key, folded, len);
		key[len] = '\0';
	}
	free(folded);
	return key;
}
