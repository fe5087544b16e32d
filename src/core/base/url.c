#include "url.h"

#include <stddef.h>
#include <string.h>
#include <strings.h>

static bool is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* C0, DEL, and C1 as UTF-8 (C2 80 to C2 9F): browsers drop some of them inside a scheme
 * ("java\tscript:"), and none belongs in an address. */
static bool has_control(const unsigned char *s)
{
	for (; *s; s++)
		if (*s < 0x20 || *s == 0x7f || (s[0] == 0xc2 && s[1] >= 0x80 && s[1] < 0xa0))
			return true;
	return false;
}

const char *url_link_problem(const char *url)
{
	const unsigned char *u = (const unsigned char *)(url ? url : "");
	if (has_control(u))
		return "it holds a control character";
	if (!is_alpha(u[0]))
		return u[0] == ' ' ? "it starts with a space"
				   : "it does not start with http://, https:// or mailto:";
	size_t n = 0;
	while (is_alpha(u[n]) || (u[n] >= '0' && u[n] <= '9') || u[n] == '+' || u[n] == '-' ||
	       u[n] == '.')
		n++;
	if (u[n] != ':')
		return "it does not start with http://, https:// or mailto:";
	const char *rest = (const char *)u + n + 1;
	if ((n == 4 && strncasecmp(url, "http", 4) == 0) ||
	    (n == 5 && strncasecmp(url, "https", 5) == 0)) {
		if (strncmp(rest, "//", 2) != 0 || rest[2] == '\0' || rest[2] == '/' ||
		    rest[2] == ' ')
			return "an http or https address needs // and a host after the scheme";
		return NULL;
	}
	if (n == 6 && strncasecmp(url, "mailto", 6) == 0) {
		if (rest[0] == '\0' || rest[0] == ' ')
			return "a mailto: address needs an address after the scheme";
		return NULL;
	}
	return "its scheme is not http, https or mailto";
}

bool url_link_allowed(const char *url)
{
	return url_link_problem(url) == NULL;
}
