/* A workbook's shared strings (xl/sharedStrings.xml: the text of most cells, once each) and
 * the date formats of its cell styles (xl/styles.xml), and turning a number cell back into
 * the text a person typed. Rich text is its runs' text joined; phonetic runs are not text. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "workbook_internal.h"

/* ---- Excel's _xHHHH_ escapes (ST_Xstring): control characters, and "_x" itself ---- */

static int hex4(const char *s)
{
	int v = 0;
	for (int i = 0; i < 4; i++) {
		char c = s[i];
		int d = c >= '0' && c <= '9'   ? c - '0'
			: c >= 'a' && c <= 'f' ? c - 'a' + 10
			: c >= 'A' && c <= 'F' ? c - 'A' + 10
					       : -1;
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

static bool escape_at(const char *s, size_t i, size_t len, int *v)
{
	return i + 7 <= len && s[i] == '_' && s[i + 1] == 'x' && s[i + 6] == '_' &&
	       (*v = hex4(s + i + 2)) >= 0;
}

static size_t put_utf8(char *o, unsigned cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xc0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xe0 | cp >> 12);
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | cp >> 18);
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	o[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

void xlsx_unescape(char *s, size_t *len)
{
	size_t n = *len, o = 0;
	for (size_t i = 0; i < n;) {
		int v, lo;
		if (!escape_at(s, i, n, &v) || v == 0) { /* a NUL would end the text: keep it */
			s[o++] = s[i++];
			continue;
		}
		if (v >= 0xd800 && v < 0xdc00 && escape_at(s, i + 7, n, &lo) && lo >= 0xdc00 &&
		    lo < 0xe000) {
			o += put_utf8(s + o, 0x10000 + (((unsigned)v - 0xd800) << 10) +
						 ((unsigned)lo - 0xdc00));
			i += 14;
		} else if (v >= 0xd800 && v < 0xe000) {
			s[o++] = s[i++]; /* a lone surrogate is no character: keep the text */
		} else {
			o += put_utf8(s + o, (unsigned)v);
			i += 7;
		}
	}
	s[o] = '\0';
	*len = o;
}

/* ---- sharedStrings.xml ---- */

struct sst_load {
	struct xlsx_strings *ss;
	struct problems *p;
	struct xml_handlers *h;
	struct sbuf cur;
	bool in_si, in_t, in_rph, too_long;
	size_t cap;
};

static void sst_start(void *ud, const char *name, const char **atts)
{
	(void)atts;
	struct sst_load *l = ud;
	if (strcmp(name, "si") == 0) {
		if (l->ss->n >= XLSX_MAX_STRINGS) {
			problems_add(l->p,
				     "the workbook holds more than %u distinct texts, more "
				     "than any pack needs",
				     XLSX_MAX_STRINGS);
			l->h->stop = true;
			return;
		}
		l->in_si = true;
		l->too_long = false;
		sbuf_free(&l->cur);
		sbuf_add(&l->cur, "");
	} else if (strcmp(name, "rPh") == 0) {
		l->in_rph = true;
	} else if (strcmp(name, "t") == 0 && l->in_si && !l->in_rph) {
		l->in_t = true;
	}
}

static bool sst_grow(struct sst_load *l)
{
	struct xlsx_strings *ss = l->ss;
	if (ss->n < l->cap)
		return true;
	size_t cap = l->cap ? l->cap * 2 : 256;
	char **s = realloc(ss->s, cap * sizeof *s);
	if (s)
		ss->s = s;
	size_t *len = s ? realloc(ss->len, cap * sizeof *len) : NULL;
	if (len)
		ss->len = len;
	uint16_t *refs = len ? realloc(ss->refs, cap * sizeof *refs) : NULL;
	if (refs)
		ss->refs = refs;
	bool *tl = refs ? realloc(ss->too_long, cap * sizeof *tl) : NULL;
	if (!tl)
		return false;
	ss->too_long = tl;
	l->cap = cap;
	return true;
}

static void sst_end(void *ud, const char *name)
{
	struct sst_load *l = ud;
	if (strcmp(name, "t") == 0) {
		l->in_t = false;
	} else if (strcmp(name, "rPh") == 0) {
		l->in_rph = false;
	} else if (strcmp(name, "si") == 0 && l->in_si) {
		l->in_si = false;
		if (!sst_grow(l)) {
			problems_add(l->p, "out of memory");
			l->h->stop = true;
			return;
		}
		struct xlsx_strings *ss = l->ss;
		size_t len = l->cur.len;
		char *s = l->too_long ? NULL : sbuf_take(&l->cur);
		if (!l->too_long && !s) {
			problems_add(l->p, "out of memory");
			l->h->stop = true;
			return;
		}
		if (s)
			xlsx_unescape(s, &len);
		ss->s[ss->n] = s;
		ss->len[ss->n] = s ? len : 0;
		ss->refs[ss->n] = 0;
		ss->too_long[ss->n] = l->too_long;
		ss->n++;
		sbuf_free(&l->cur);
	}
}

static void sst_text(void *ud, const char *s, size_t n)
{
	struct sst_load *l = ud;
	if (!l->in_t || l->too_long)
		return;
	/* Escapes shrink as they are decoded: allow for them, check the text itself later. */
	if (l->cur.len + n > 7 * (size_t)RETURN_MAX_TEXT) {
		l->too_long = true;
		sbuf_free(&l->cur);
		return;
	}
	sbuf_addn(&l->cur, s, n);
}

int xlsx_strings_load(struct zip_archive *za, const char *part, struct xlsx_strings *ss,
		      struct problems *p)
{
	struct xml_handlers h = {.start = sst_start, .end = sst_end, .text = sst_text};
	struct sst_load l = {.ss = ss, .p = p, .h = &h};
	h.ud = &l;
	int rc = xml_part_parse(za, part, &h, p);
	sbuf_free(&l.cur);
	return rc;
}

void xlsx_strings_free(struct xlsx_strings *ss)
{
	for (size_t i = 0; i < ss->n; i++)
		free(ss->s[i]);
	free(ss->s);
	free(ss->len);
	free(ss->refs);
	free(ss->too_long);
	free(ss->date_xf);
	*ss = (struct xlsx_strings){0};
}

/* ---- styles.xml: which cell styles show a number as a date or time ---- */

#define MAX_XF 65536
#define MAX_NUMFMT 1000

struct styles_load {
	struct xlsx_strings *ss;
	struct problems *p;
	struct xml_handlers *h;
	bool in_xfs;
	size_t custom_id[MAX_NUMFMT];
	bool custom_date[MAX_NUMFMT];
	size_t ncustom;
};

/* Excel's built-in date and time formats (ECMA-376 18.8.30, with the East Asian ones). */
static bool builtin_date(size_t id)
{
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
	       (id >= 50 && id <= 58);
}

/* A format code shows a date or time when d, m, y, h or s appear outside quotes, escapes
 * and colour or condition brackets. */
static bool code_is_date(const char *code)
{
	for (const char *c = code; *c; c++) {
		if (*c == '"') {
			const char *q = strchr(c + 1, '"');
			if (!q)
				return false;
			c = q;
		} else if (*c == '\\' || *c == '_' || *c == '*') {
			if (!c[1])
				return false;
			c++;
		} else if (*c == '[') {
			const char *q = strchr(c + 1, ']');
			if (!q)
				return false;
			if (strchr("hHmMsS", c[1]))
				return true; /* [h]:mm, elapsed time */
			c = q;
		} else if (strchr("dDmMyYhHsS", *c)) {
			return true;
		}
	}
	return false;
}

static void styles_start(void *ud, const char *name, const char **atts)
{
	struct styles_load *l = ud;
	struct xlsx_strings *ss = l->ss;
	size_t id;
	if (strcmp(name, "numFmt") == 0) {
		const char *code = xml_attr(atts, "formatCode");
		if (l->ncustom < MAX_NUMFMT && code &&
		    xml_number(xml_attr(atts, "numFmtId"), 0, 1000000, &id)) {
			l->custom_id[l->ncustom] = id;
			l->custom_date[l->ncustom++] = code_is_date(code);
		}
	} else if (strcmp(name, "cellXfs") == 0) {
		l->in_xfs = true;
	} else if (strcmp(name, "xf") == 0 && l->in_xfs) {
		if (ss->nxf >= MAX_XF) {
			problems_add(l->p, "the workbook has more than %d cell styles", MAX_XF);
			l->h->stop = true;
			return;
		}
		bool *grown = realloc(ss->date_xf, (ss->nxf + 1) * sizeof *grown);
		if (!grown) {
			problems_add(l->p, "out of memory");
			l->h->stop = true;
			return;
		}
		ss->date_xf = grown;
		bool date = false;
		if (xml_number(xml_attr(atts, "numFmtId"), 0, 1000000, &id)) {
			date = builtin_date(id);
			for (size_t i = 0; i < l->ncustom; i++)
				if (l->custom_id[i] == id)
					date = l->custom_date[i];
		}
		ss->date_xf[ss->nxf++] = date;
	}
}

static void styles_end(void *ud, const char *name)
{
	struct styles_load *l = ud;
	if (strcmp(name, "cellXfs") == 0)
		l->in_xfs = false;
}

int xlsx_styles_load(struct zip_archive *za, const char *part, struct xlsx_strings *ss,
		     struct problems *p)
{
	struct styles_load *l = calloc(1, sizeof *l);
	if (!l) {
		problems_add(p, "out of memory");
		return -1;
	}
	struct xml_handlers h = {.start = styles_start, .end = styles_end, .ud = l};
	*l = (struct styles_load){.ss = ss, .p = p, .h = &h};
	int rc = xml_part_parse(za, part, &h, p);
	free(l);
	return rc;
}

/* ---- numbers back to text ---- */

/* Days since 1970-01-01 to a civil date (H. Hinnant's algorithm). */
static void civil(long z, long *y, unsigned *m, unsigned *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long yy = (long)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yy + (*m <= 2);
}

static char *date_text(double v, bool date1904)
{
	if (!(v >= 0 && v < 2958466)) /* up to 9999-12-31 */
		return NULL;
	long days = (long)floor(v);
	long secs = lround((v - (double)days) * 86400.0);
	if (secs >= 86400) {
		days++;
		secs -= 86400;
	}
	char date[32] = "", time[48] = "";
	if (days > 0 || date1904) {
		/* 1900 system: day 1 is 1900-01-01 and day 60 the 29 February 1900 that Excel
		 * counts and the calendar does not; from day 61 on, days since 1899-12-30. */
		long unix_days = date1904 ? days - 24107 : days >= 61 ? days - 25569 : days - 25568;
		long y;
		unsigned m, d;
		if (!date1904 && days == 60) {
			y = 1900, m = 2, d = 29;
		} else {
			civil(unix_days, &y, &m, &d);
		}
		snprintf(date, sizeof date, "%04ld-%02u-%02u", y, m, d);
	}
	if (secs) {
		if (secs % 60)
			snprintf(time, sizeof time, "%02ld:%02ld:%02ld", secs / 3600,
				 secs / 60 % 60, secs % 60);
		else
			snprintf(time, sizeof time, "%02ld:%02ld", secs / 3600, secs / 60 % 60);
	}
	if (!*date && !*time)
		return strdup("0");
	return str_fmt("%s%s%s", date, *date && *time ? " " : "", time);
}

char *xlsx_number_text(const struct xlsx_strings *ss, const char *v, size_t style)
{
	char *end;
	double d = strtod(v, &end);
	if (end == v || *end || !isfinite(d))
		return strdup(v); /* not a number after all: the text as written */
	if (style < ss->nxf && ss->date_xf[style]) {
		char *t = date_text(d, ss->date1904);
		if (t)
			return t;
	}
	char buf[40];
	snprintf(buf, sizeof buf, "%.15g", d);
	return strdup(buf);
}
