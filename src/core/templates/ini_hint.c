#include "ini_hint.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>

#include "names.h"
#include "sbuf.h"

size_t hint_edit_distance(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	/* One row of the usual table, plus the cell diagonally above-left. */
	size_t *row = malloc((nb + 1) * sizeof *row);
	if (!row)
		return (size_t)-1; /* no hint rather than a wrong one */
	for (size_t j = 0; j <= nb; j++)
		row[j] = j;
	for (size_t i = 1; i <= na; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= nb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	size_t d = row[nb];
	free(row);
	return d;
}

static bool near_enough(size_t d, size_t len)
{
	return d <= 2 && d * 3 <= len + 1;
}

/* "agency" for "agencies": all but the last letter the same, the ending changed. */
static bool plural(const char *word, const char *name)
{
	size_t len = strlen(word), same = 0;
	while (word[same] && word[same] == name[same])
		same++;
	return len >= 5 && same + 1 >= len;
}

const char *hint_nearest(const char *word, const void *base, size_t n, size_t size, size_t offset)
{
	const char *best = NULL;
	size_t best_d = (size_t)-1, len = strlen(word);
	for (size_t i = 0; i < n; i++) {
		const char *name;
		memcpy(&name, (const char *)base + i * size + offset, sizeof name);
		if (!name)
			break;
		size_t d = hint_edit_distance(word, name);
		if (d == 0)
			return NULL;
		/* Near enough to be a slip, not a different word: "lable" for "label", not
		 * "kind" for "text". */
		if ((near_enough(d, len) || plural(word, name)) && d < best_d) {
			best = name;
			best_d = d;
		}
	}
	return best;
}

static const struct hint_char named[] = {
    {0x09, "a tab", "replace it with a space"},
    {0xA0, "a no-break space", "replace it with an ordinary space, or delete it"},
    {0xAD, "a soft hyphen, which is invisible", "delete it"},
    {0x2007, "a figure space", "replace it with an ordinary space, or delete it"},
    {0x2010, "a hyphen that looks like '-'", "type a plain '-' instead"},
    {0x2011, "a non-breaking hyphen that looks like '-'", "type a plain '-' instead"},
    {0x2012, "a figure dash that looks like '-'", "type a plain '-' instead"},
    {0x2013, "an en dash \xe2\x80\x93 that looks like '-'", "type a plain '-' instead"},
    {0x2014, "an em dash \xe2\x80\x94", "type a plain '-' instead"},
    {0x2018, "a curly quote \xe2\x80\x98", "type a straight ' instead"},
    {0x2019, "a curly quote \xe2\x80\x99", "type a straight ' instead"},
    {0x201C, "a curly quote \xe2\x80\x9c", "type a straight \" instead"},
    {0x201D, "a curly quote \xe2\x80\x9d", "type a straight \" instead"},
    {0x200B, "a zero-width space, which is invisible", "delete it"},
    {0x200C, "a zero-width non-joiner, which is invisible", "delete it"},
    {0x200D, "a zero-width joiner, which is invisible", "delete it"},
    {0x2060, "a word joiner, which is invisible", "delete it"},
    {0x202F, "a narrow no-break space", "replace it with an ordinary space, or delete it"},
    {0x2212, "a minus sign that looks like '-'", "type a plain '-' instead"},
    {0xFEFF, "a zero-width no-break space (a byte order mark), which is invisible", "delete it"},
};

static bool odd(ucs4_t c, struct hint_char *out)
{
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		if (named[i].cp == c) {
			*out = named[i];
			return true;
		}
	if (uc_is_general_category(c, UC_SPACE_SEPARATOR) && c != ' ')
		*out = (struct hint_char){c, "an unusual space",
					  "replace it with an ordinary space, or delete it"};
	else if (uc_is_property_bidi_control(c))
		*out = (struct hint_char){c, "an invisible text-direction control", "delete it"};
	else if (uc_is_property_default_ignorable_code_point(c))
		*out = (struct hint_char){c, "an invisible character", "delete it"};
	else if (c < 0x20 || (c >= 0x7F && c < 0xA0))
		*out = (struct hint_char){c, "a control character", "delete it"};
	else
		return false;
	return true;
}

bool hint_odd_char(const char *s, struct hint_char *out)
{
	const uint8_t *p = (const uint8_t *)s;
	while (*p) {
		ucs4_t c;
		int n = u8_mbtouc(&c, p, u8_strlen(p));
		if (n <= 0)
			break;
		if (odd(c, out))
			return true;
		p += n;
	}
	return false;
}

char *hint_odd_note(const char *s)
{
	struct hint_char c;
	if (!hint_odd_char(s, &c))
		return str_dup("");
	return str_fmt("; it holds %s (U+%04X): %s", c.what, c.cp, c.fix);
}

char *hint_id_problem(const char *id)
{
	size_t chars = utf8_length(id);
	struct hint_char c;
	if (id_valid(id))
		return str_dup("");
	if (!*id)
		return str_dup("it is empty");
	if (hint_odd_char(id, &c))
		return str_fmt("it holds %s (U+%04X): %s", c.what, c.cp, c.fix);
	if (chars > 40)
		return str_fmt("it is %zu characters long; the limit is 40", chars);
	for (const char *p = id; *p; p++) {
		unsigned char b = (unsigned char)*p;
		if (isupper(b))
			return str_fmt("it holds the capital %c: ids are written in small letters",
				       b);
		if (b == ' ')
			return str_dup("it holds a space: use '-' between words");
		if (b >= 0x80)
			return str_dup("it holds a letter outside a-z: ids use only a-z, 0-9, "
				       "'-' and '_'");
		if (!islower(b) && !isdigit(b) && b != '-' && b != '_')
			return str_fmt("it holds '%c': ids use only a-z, 0-9, '-' and '_'", b);
	}
	return str_fmt("it starts with '%c': start it with a letter or digit", id[0]);
}
