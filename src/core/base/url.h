/* Which addresses maca writes as links: a resource's url in a template or the configuration
 * file ends up as a live link in the HTML and Word briefings, so only http, https and mailto
 * addresses are taken, and nothing that a browser would read as another scheme
 * (javascript:, data:, file:, ...) after stripping spaces or control characters. */
#ifndef MACA_URL_H
#define MACA_URL_H

#include <stdbool.h>

/* NULL when url is an address maca links to: it starts, with no blank or control character
 * before it, with the scheme http://, https:// (followed by a host) or mailto: (followed by
 * an address), the scheme in any case, and holds no control character (C0, DEL or C1)
 * anywhere. Otherwise a short reason, for a message such as "url is not allowed: <reason>". */
const char *url_link_problem(const char *url);

/* url_link_problem(url) == NULL. */
bool url_link_allowed(const char *url);

/* How the message after a refusal ends: what is allowed instead. */
#define URL_LINK_ALLOWED "use an http://, https:// or mailto: address"

#endif
