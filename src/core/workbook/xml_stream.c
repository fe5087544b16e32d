/* A workbook part's XML, parsed by expat as it is inflated: nothing holds the whole part.
 * Office files have no DTD, so a DOCTYPE or an entity declaration ends the parse (no entity
 * expansion at all, whatever expat's own guards allow); nesting is bounded too. Element and
 * attribute names reach the handlers without their namespace, so "x:c" and "c" are one. */
#include <expat.h>
#include <string.h>

#include "workbook_internal.h"

#define XML_MAX_DEPTH 64

struct run {
	XML_Parser parser;
	struct xml_handlers *h;
	struct problems *p;
	const char *part;
	int depth;
	bool refused;
};

static const char *local(const char *name)
{
	const char *bar = strrchr(name, '|');
	return bar ? bar + 1 : name;
}

const char *xml_attr(const char **atts, const char *name)
{
	for (size_t i = 0; atts && atts[i]; i += 2)
		if (strcmp(local(atts[i]), name) == 0)
			return atts[i + 1];
	return NULL;
}

bool xml_number(const char *s, size_t min, size_t max, size_t *out)
{
	long v;
	if (!s || !parse_long(s, &v) || v < 0 || (unsigned long)v < min || (unsigned long)v > max)
		return false;
	*out = (size_t)v;
	return true;
}

static void stop(struct run *r)
{
	XML_StopParser(r->parser, XML_FALSE);
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct run *r = ud;
	if (++r->depth > XML_MAX_DEPTH) {
		problems_add(r->p, "the workbook's part %s is nested too deeply", r->part);
		r->refused = true;
		stop(r);
		return;
	}
	if (r->h->start)
		r->h->start(r->h->ud, local(name), atts);
	if (r->h->stop)
		stop(r);
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
	struct run *r = ud;
	r->depth--;
	if (r->h->end)
		r->h->end(r->h->ud, local(name));
	if (r->h->stop)
		stop(r);
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int n)
{
	struct run *r = ud;
	if (r->h->text && n > 0)
		r->h->text(r->h->ud, s, (size_t)n);
	if (r->h->stop)
		stop(r);
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
			       const XML_Char *pubid, int internal)
{
	(void)name;
	(void)sysid;
	(void)pubid;
	(void)internal;
	struct run *r = ud;
	problems_add(r->p, "the workbook's part %s declares a DTD, as no workbook does", r->part);
	r->refused = true;
	stop(r);
}

static void XMLCALL on_entity(void *ud, const XML_Char *name, int param, const XML_Char *value,
			      int len, const XML_Char *base, const XML_Char *sysid,
			      const XML_Char *pubid, const XML_Char *notation)
{
	(void)name;
	(void)param;
	(void)value;
	(void)len;
	(void)base;
	(void)sysid;
	(void)pubid;
	(void)notation;
	struct run *r = ud;
	problems_add(r->p, "the workbook's part %s declares entities, as no workbook does",
		     r->part);
	r->refused = true;
	stop(r);
}

static bool feed(void *ctx, const char *data, size_t n)
{
	struct run *r = ctx;
	if (XML_Parse(r->parser, data, (int)n, XML_FALSE) == XML_STATUS_OK)
		return true;
	if (!r->refused && !r->h->stop)
		problems_add(r->p, "the workbook's part %s is not well-formed XML (line %lu: %s)",
			     r->part, (unsigned long)XML_GetCurrentLineNumber(r->parser),
			     XML_ErrorString(XML_GetErrorCode(r->parser)));
	r->refused = true;
	return false;
}

int xml_part_parse(struct zip_archive *za, const char *name, struct xml_handlers *h,
		   struct problems *p)
{
	struct run r = {.h = h, .p = p, .part = name};
	r.parser = XML_ParserCreateNS(NULL, '|');
	if (!r.parser) {
		problems_add(p, "out of memory");
		return -1;
	}
	XML_SetUserData(r.parser, &r);
	XML_SetElementHandler(r.parser, on_start, on_end);
	XML_SetCharacterDataHandler(r.parser, on_text);
	XML_SetStartDoctypeDeclHandler(r.parser, on_doctype);
	XML_SetEntityDeclHandler(r.parser, on_entity);
	XML_SetParamEntityParsing(r.parser, XML_PARAM_ENTITY_PARSING_NEVER);
	int rc = zip_archive_read(za, name, feed, &r, p);
	if (!rc && XML_Parse(r.parser, "", 0, XML_TRUE) != XML_STATUS_OK && !h->stop) {
		problems_add(p, "the workbook's part %s is not well-formed XML (%s)", name,
			     XML_ErrorString(XML_GetErrorCode(r.parser)));
		rc = -1;
	}
	XML_ParserFree(r.parser);
	return rc || h->stop || r.refused ? -1 : 0;
}
