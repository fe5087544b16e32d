/* The disclosure check measured on a planted set: identifiers written the way practitioners
 * write them (tests/disclosure/planted.txt) and harmless sentences of the trade
 * (tests/disclosure/harmless.txt). Prints recall per group and overall, and the false alarms;
 * fails below 95% recall or above 2% of harmless lines flagged. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "disclosure.h"

struct span {
	size_t start, end;
};

/* Appends the UTF-8 for code point cp. */
static size_t put_utf8(char *out, unsigned cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	out[0] = (char)(0xe0 | cp >> 12);
	out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[2] = (char)(0x80 | (cp & 0x3f));
	return 3;
}

/* Decodes \uXXXX and takes out the {{ }} marks of one line, recording where they were. */
static char *decode(const char *line, struct span *spans, size_t *nspans, size_t max)
{
	char *out = malloc(strlen(line) * 3 + 1);
	assert_non_null(out);
	size_t n = 0;
	*nspans = 0;
	for (const char *p = line; *p;) {
		if (p[0] == '{' && p[1] == '{') {
			assert_true(*nspans < max);
			spans[*nspans].start = n;
			p += 2;
		} else if (p[0] == '}' && p[1] == '}') {
			spans[(*nspans)++].end = n;
			p += 2;
		} else if (p[0] == '\\' && p[1] == 'u') {
			unsigned cp = 0;
			assert_int_equal(sscanf(p + 2, "%4x", &cp), 1);
			n += put_utf8(out + n, cp);
			p += 6;
		} else {
			out[n++] = *p++;
		}
	}
	out[n] = '\0';
	return out;
}

static char *read_all(const char *name)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/tests/disclosure/%s", MACA_SOURCE_DIR, name);
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s", path);
	fseek(f, 0, SEEK_END);
	long len = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)len + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
	buf[len] = '\0';
	fclose(f);
	return buf;
}

static void scan(const char *text, struct disclosure_list *list)
{
	struct maca_err err = {0};
	*list = (struct disclosure_list){0};
	assert_int_equal(disclosure_scan(text, "planted", list, &err), 0);
}

static bool overlaps(const struct disclosure *d, struct span s)
{
	return d->start < s.end && s.start < d->start + d->len;
}

static void test_planted_set(void **state)
{
	(void)state;
	char *all = read_all("planted.txt");
	size_t total = 0, caught = 0, group_total = 0, group_caught = 0, extra = 0;
	char group[128] = "";
	for (char *line = strtok(all, "\n"); line; line = strtok(NULL, "\n")) {
		if (line[0] == '#') {
			if (line[1] == ' ' && strlen(line) > 2 && line[2] != ' ' &&
			    !strchr(line, ':') && strlen(line) < sizeof group) {
				if (group_total)
					printf("  %-45s %3zu of %3zu\n", group, group_caught,
					       group_total);
				snprintf(group, sizeof group, "%s", line + 2);
				group_total = group_caught = 0;
			}
			continue;
		}
		struct span spans[8];
		size_t nspans;
		char *text = decode(line, spans, &nspans, 8);
		struct disclosure_list list;
		scan(text, &list);
		for (size_t s = 0; s < nspans; s++) {
			bool hit = false;
			for (size_t i = 0; i < list.n && !hit; i++)
				hit = overlaps(&list.items[i], spans[s]);
			total++, group_total++;
			caught += hit, group_caught += hit;
			if (!hit)
				printf("    missed: %.*s   (in: %s)\n",
				       (int)(spans[s].end - spans[s].start), text + spans[s].start,
				       text);
		}
		for (size_t i = 0; i < list.n; i++) {
			bool inside = false;
			for (size_t s = 0; s < nspans && !inside; s++)
				inside = overlaps(&list.items[i], spans[s]);
			if (!inside) {
				extra++;
				printf("    also flagged: %s '%s'   (in: %s)\n",
				       disclosure_kind_name(list.items[i].kind),
				       list.items[i].match, text);
			}
		}
		disclosure_list_free(&list);
		free(text);
	}
	if (group_total)
		printf("  %-45s %3zu of %3zu\n", group, group_caught, group_total);
	free(all);

	char *harmless = read_all("harmless.txt");
	size_t lines = 0, alarms = 0;
	for (char *line = strtok(harmless, "\n"); line; line = strtok(NULL, "\n")) {
		if (line[0] == '#')
			continue;
		lines++;
		struct disclosure_list list;
		scan(line, &list);
		if (list.n) {
			alarms++;
			printf("    false alarm: %s '%s'   (in: %s)\n",
			       disclosure_kind_name(list.items[0].kind), list.items[0].match, line);
		}
		disclosure_list_free(&list);
	}
	free(harmless);

	double recall = 100.0 * (double)caught / (double)total;
	double false_alarms = 100.0 * (double)alarms / (double)lines;
	printf("planted identifiers: %zu of %zu caught, recall %.1f%%; %zu other findings in "
	       "them\nharmless phrases: %zu of %zu flagged, false alarms %.1f%%\n",
	       caught, total, recall, extra, alarms, lines, false_alarms);
	assert_true(total >= 150);
	assert_true(lines >= 100);
	if (recall < 95.0 || false_alarms > 2.0)
		fail_msg("recall %.1f%% (at least 95%%), false alarms %.1f%% (at most 2%%)", recall,
			 false_alarms);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_planted_set),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
