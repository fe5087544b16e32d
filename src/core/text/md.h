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

#include "sbuf.h"

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

#endif
