#include "ui_ascii.h"

#include <stdio.h>
#include <string.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "sbuf.h"

/* Symbols the interface and its users write, each as close as ASCII comes. Kept to the width
 * of the original where that reads well, so a layout made for the symbol still fits. */
static const struct {
	uint32_t c;
	const char *ascii;
} symbols[] = {
    {0x00A0, " "},  {0x00A3, "GBP"}, {0x00A9, "(c)"}, {0x00AB, "<<"},  {0x00AD, ""},
    {0x00B0, "o"},  {0x00B1, "+/-"}, {0x00B7, "|"},   {0x00BB, ">>"},  {0x00D7, "x"},
    {0x00DF, "ss"}, {0x00E6, "ae"},  {0x00C6, "AE"},  {0x00F7, "/"},   {0x00F8, "o"},
    {0x00D8, "O"},  {0x0131, "i"},   {0x0141, "L"},   {0x0142, "l"},   {0x0152, "OE"},
    {0x0153, "oe"}, {0x2010, "-"},   {0x2011, "-"},   {0x2012, "-"},   {0x2013, "-"},
    {0x2014, "-"},  {0x2015, "-"},   {0x2018, "'"},   {0x2019, "'"},   {0x201A, "'"},
    {0x201B, "'"},  {0x201C, "\""},  {0x201D, "\""},  {0x201E, "\""},  {0x2022, "*"},
    {0x2023, ">"},  {0x2026, "..."}, {0x2032, "'"},   {0x2033, "\""},  {0x2039, "<"},
    {0x203A, ">"},  {0x2043, "-"},   {0x2044, "/"},   {0x20AC, "EUR"}, {0x2190, "<-"},
    {0x2191, "^"},  {0x2192, "->"},  {0x2193, "v"},   {0x2194, "<->"}, {0x21D0, "<="},
    {0x21D2, "=>"}, {0x2212, "-"},   {0x2264, "<="},  {0x2265, ">="},  {0x2260, "!="},
    {0x2248, "~"},  {0x221E, "inf"}, {0x2713, "v"},   {0x2714, "v"},   {0x2717, "x"},
    {0x2718, "x"},  {0x25B2, "^"},   {0x25BC, "v"},   {0x25B6, ">"},   {0x25C0, "<"},
    {0x25CF, "*"},  {0x25CB, "o"},   {0x25A0, "#"},   {0x25A1, "[]"},  {0xFFFD, "?"},
};

static const char *symbol(uint32_t c)
{
	for (size_t i = 0; i < sizeof symbols / sizeof symbols[0]; i++)
		if (symbols[i].c == c)
			return symbols[i].ascii;
	/* Box drawing and block elements: the bars and rules of a grid. */
	if (c == 0x2500 || c == 0x2501 || c == 0x2504 || c == 0x2505 || c == 0x2550)
		return "-";
	if (c == 0x2502 || c == 0x2503 || c == 0x2506 || c == 0x2507 || c == 0x2551)
		return "|";
	if (c >= 0x2500 && c < 0x2580)
		return "+";
	if (c >= 0x2580 && c < 0x25A0)
		return "#";
	/* Spaces of every width. */
	if ((c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000)
		return " ";
	return NULL;
}

static void append(char *buf, size_t *len, const char *s)
{
	size_t n = strlen(s);
	if (*len + n >= UI_ASCII_CHAR_MAX)
		n = UI_ASCII_CHAR_MAX - 1 - *len;
	memcpy(buf + *len, s, n);
	*len += n;
	buf[*len] = '\0';
}

const char *ui_ascii_char(uint32_t c, char buf[UI_ASCII_CHAR_MAX])
{
	buf[0] = '\0';
	if (c >= 0x20 && c < 0x7F) {
		buf[0] = (char)c;
		buf[1] = '\0';
		return buf;
	}
	const char *s = symbol(c);
	if (s) {
		size_t len = 0;
		append(buf, &len, s);
		return buf;
	}
	if (uc_is_general_category(c, UC_CATEGORY_M))
		return buf; /* an accent: its letter stands without it */
	/* A letter with accents, a ligature, a fullwidth or superscript form: what it is made
	 * of, one level down, each part in ASCII in turn. */
	ucs4_t parts[UC_DECOMPOSITION_MAX_LENGTH];
	int tag;
	int n = uc_decomposition(c, &tag, parts);
	if (n > 0) {
		size_t len = 0;
		for (int i = 0; i < n; i++) {
			char part[UI_ASCII_CHAR_MAX];
			uint32_t p = parts[i];
			/* Only ASCII, marks and symbols of the table: no deeper recursion. */
			const char *a = p >= 0x20 && p < 0x7F
					    ? (part[0] = (char)p, part[1] = '\0', part)
					: uc_is_general_category(p, UC_CATEGORY_M) ? ""
					: symbol(p)				   ? symbol(p)
										   : NULL;
			if (!a) {
				/* A part that is itself composed (ǖ: ü and a macron). */
				ucs4_t inner[UC_DECOMPOSITION_MAX_LENGTH];
				int m = uc_decomposition(p, &tag, inner);
				a = m > 0 && inner[0] >= 0x20 && inner[0] < 0x7F
					? (part[0] = (char)inner[0], part[1] = '\0', part)
					: "?";
			}
			append(buf, &len, a);
		}
		if (len > 0)
			return buf;
	}
	buf[0] = '?';
	buf[1] = '\0';
	return buf;
}

char *ui_ascii_text(const char *s)
{
	struct sbuf b = {0};
	const uint8_t *p = (const uint8_t *)s, *end = p + strlen(s);
	sbuf_add(&b, "");
	while (p < end) {
		ucs4_t c;
		int n = u8_mbtouc(&c, p, (size_t)(end - p));
		char buf[UI_ASCII_CHAR_MAX];
		if (c == '\n' || c == '\t')
			sbuf_addc(&b, (char)c);
		else
			sbuf_add(&b, ui_ascii_char(c, buf));
		p += n > 0 ? n : 1;
	}
	return sbuf_take(&b);
}
