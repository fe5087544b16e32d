#include "term_text.h"

#include <stdbool.h>
#include <unictype.h>
#include <unistr.h>

/* Cc holds C0, DEL and C1; Cf the invisible format characters that reorder or hide text;
 * Zl and Zp are line breaks some terminals act on; Cs never stands alone in valid text. */
static bool unsafe(uint32_t c)
{
	return c > 0x10FFFF ||
	       uc_is_general_category_withtable(c, UC_CATEGORY_MASK_Cc | UC_CATEGORY_MASK_Cf |
						       UC_CATEGORY_MASK_Cs | UC_CATEGORY_MASK_Zl |
						       UC_CATEGORY_MASK_Zp);
}

uint32_t term_text_char(uint32_t c, enum term_text_mode mode)
{
	if (c == '\n' || c == '\t')
		return mode == TERM_TEXT_BLOCK ? c : ' ';
	if (c == '\r' || c == '\v' || c == '\f')
		return mode == TERM_TEXT_BLOCK ? '?' : ' ';
	if (c >= 0x20 && c < 0x7F)
		return c;
	return unsafe(c) ? '?' : c;
}

void term_text_add(struct sbuf *b, const char *s, size_t len, enum term_text_mode mode)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + len;
	while (p < end) {
		/* The common case, plain ASCII text, a run at a time. */
		const uint8_t *run = p;
		while (p < end && *p >= 0x20 && *p < 0x7F)
			p++;
		if (p > run)
			sbuf_addn(b, (const char *)run, (size_t)(p - run));
		if (p == end)
			break;
		ucs4_t c;
		int n = u8_mbtoucr(&c, p, (size_t)(end - p));
		if (n < 0) {
			sbuf_addc(b, '?');
			p++;
			continue;
		}
		uint32_t shown = term_text_char(c, mode);
		if (shown == c)
			sbuf_addn(b, (const char *)p, (size_t)n);
		else
			sbuf_addc(b, (char)shown);
		p += n;
	}
}
