/* Markdown escaping for GitHub-flavoured Markdown (and pandoc reading it as gfm): user text
 * goes into a briefing as literal text, whatever characters it holds. Pure functions that
 * append to an sbuf; allocation failure is recorded in the sbuf as usual.
 *
 * Every character with a meaning somewhere in Markdown is backslash-escaped wherever it is
 * (\ ` * _ { } [ ] < > | ~ # $ ^ @ and & before a letter or #), and the characters that only
 * mean something at the start of a line (a list number's "1." or "1)", "-", "+", "=") are
 * escaped there, as are the ':' of "://" and the '.' of "www." that would make a bare URL a
 * link. Leading blanks are dropped so no line becomes a code block. Control
 * characters become spaces, CR LF becomes LF, and bytes that are not valid UTF-8 become
 * U+FFFD. */
#ifndef MACA_MD_H
#define MACA_MD_H

#include <stdbool.h>
#include <stddef.h>

#include "sbuf.h"

/* A run of text s[0..len) within a line, escaped as above; with line_start, the run begins
 * a line: its leading blanks are dropped and a start-of-line marker is escaped too. Line
 * breaks in it become spaces like other control characters. The building block of the rest
 * and of md_prose. */
void md_text(struct sbuf *b, const char *s, size_t len, bool line_start);

/* One line of text (a heading, a list item, a link title): every run of line breaks and
 * surrounding blanks becomes one space; leading and trailing blanks are dropped. */
void md_inline(struct sbuf *b, const char *s);

/* Paragraphs: lines are kept, runs of blank lines become one blank line (a new paragraph),
 * and every line after the first starts with `indent` (e.g. "  " to continue a list item).
 * No trailing newline is added. */
void md_block(struct sbuf *b, const char *s, const char *indent);

/* A table cell: as md_inline, with line breaks shown as " / " and | escaped, so a row
 * always has exactly its own separators. Empty text gives an empty cell. */
void md_cell(struct sbuf *b, const char *s);

/* A link target for [title](url): spaces, control characters and the characters that could
 * end the target or start markup there (< > ( ) \ ` " |) are percent-encoded, as are bytes
 * that are not valid UTF-8. */
void md_url(struct sbuf *b, const char *url);

/* A resource: "[title](url)" when url is an address maca links to (url_link_allowed: http,
 * https or mailto); otherwise plain text, "title (url)" with the address as md_inline text,
 * never a link, whatever reached the writer. An empty url gives the title alone. */
void md_link(struct sbuf *b, const char *title, const char *url);

/* The chair's long text (a background, good practice, a learning point), keeping the shape
 * typed as Markdown: paragraphs (a blank line between), line breaks (a single line break
 * stays one, as in a GitHub comment), bullet and numbered lists (nested up to four deep),
 * bold, italic, and links to http, https and mailto addresses. The text is parsed with
 * libcmark-gfm (CommonMark, no extensions); only those kinds of node are written as
 * Markdown, and everything else is written as the literal text it was typed as, escaped as
 * above: raw HTML, images, headings, tables, code, quotes and rules, links to any other
 * address (their text, then the address in brackets), bare URLs. Lines after the first start
 * with `indent`, as md_block. No trailing newline.
 *
 * The result is parsed again before it is used, and must hold nothing but those kinds of
 * node and allowed links; should it not (a fault in this writer), the text is written with
 * md_block instead and false is returned, so a fault can never let markup through. */
bool md_prose(struct sbuf *b, const char *s, const char *indent);

#endif
