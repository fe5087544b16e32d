/* Bar charts drawn with cairo: see document.h (Charts). Each bar is labelled with its grade on the
 * left and its count at its end, so nothing depends on colour alone; a suppressed count has no bar,
 * only its words. Bars are to the same scale (the audit's cases) in every chart. */
#include "document.h"

#include <cairo-svg.h>
#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"

/* Arial's metrics, as the stylesheet asks (fonts-liberation2); fontconfig finds another
 * face when it is missing. */
#define FONT "Liberation Sans"
#define FONT_SIZE 10.0
#define LINE_HEIGHT 12.5
#define WIDTH 440.0
#define PAD 6.0
#define GAP 10.0 /* between a label and the bars, and a bar and its count */
#define BAR_HEIGHT 16.0
#define ROW_GAP 7.0
#define LABEL_MAX 180.0 /* labels wider than this wrap */
#define MAX_LINES 3

#define INK "#0b0c0c"
#define MUTED "#505a5f"
#define RULE "#b1b4b6"

static void bar_clear(struct chart_bar *b)
{
	free(b->label);
	free(b->value_text);
}

static void chart_clear(struct chart *c)
{
	for (size_t k = 0; k < c->nbars; k++)
		bar_clear(&c->bars[k]);
	free(c->bars);
	free(c->name);
	free(c->alt);
}

struct chart *chart_add(struct chart_list *list, const char *name, const char *alt, size_t max)
{
	if (!array_grow((void **)&list->items, list->n, sizeof *list->items))
		return NULL;
	struct chart *c = &list->items[list->n];
	*c = (struct chart){.name = strdup(name), .alt = strdup(alt), .max = max};
	if (!c->name || !c->alt) {
		chart_clear(c);
		return NULL;
	}
	list->n++;
	return c;
}

bool chart_add_bar(struct chart *c, const char *label, const char *colour, size_t value,
		   const char *value_text, bool drawn)
{
	if (!array_grow((void **)&c->bars, c->nbars, sizeof *c->bars))
		return false;
	struct chart_bar *b = &c->bars[c->nbars];
	*b = (struct chart_bar){.label = strdup(label),
				.value = value,
				.value_text = strdup(value_text),
				.drawn = drawn};
	snprintf(b->colour, sizeof b->colour, "%s", colour);
	if (!b->label || !b->value_text) {
		bar_clear(b);
		return false;
	}
	c->nbars++;
	return true;
}

void chart_list_free(struct chart_list *list)
{
	for (size_t i = 0; i < list->n; i++)
		chart_clear(&list->items[i]);
	free(list->items);
	*list = (struct chart_list){0};
}

/* From the best grade to the worst: GOV.UK's green, an olive, an orange and its red, each
 * with a contrast of 3:1 or more against white. */
static const unsigned palette[][3] = {
    {0x00, 0x70, 0x3c}, {0x6a, 0x7d, 0x1f}, {0xb3, 0x59, 0x00}, {0xd4, 0x35, 0x1c}};

void chart_grade_colour(const struct template *tpl, size_t grade, char out[8])
{
	const struct grade *g = &tpl->grades[grade];
	if (g->colour[0]) {
		memcpy(out, g->colour, 8);
		return;
	}
	if (g->not_applicable) {
		memcpy(out, "#6f777b", 8);
		return;
	}
	size_t graded = 0, pos = 0;
	for (size_t i = 0; i < tpl->ngrades; i++) {
		if (tpl->grades[i].not_applicable)
			continue;
		if (i == grade)
			pos = graded;
		graded++;
	}
	/* pos from 0 to graded - 1, spread over the palette's three steps. */
	double at = graded > 1 ? 3.0 * (double)pos / (double)(graded - 1) : 0.0;
	size_t k = at >= 3.0 ? 2 : (size_t)at;
	double f = at - (double)k;
	unsigned rgb[3];
	for (int i = 0; i < 3; i++)
		rgb[i] = (unsigned)((1.0 - f) * palette[k][i] + f * palette[k + 1][i] + 0.5);
	snprintf(out, 8, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
}

static void set_colour(cairo_t *cr, const char *hex)
{
	unsigned long v = strtoul(hex + 1, NULL, 16);
	cairo_set_source_rgb(cr, (double)((v >> 16) & 0xff) / 255.0,
			     (double)((v >> 8) & 0xff) / 255.0, (double)(v & 0xff) / 255.0);
}

static double text_width(cairo_t *cr, const char *s)
{
	cairo_text_extents_t e;
	cairo_text_extents(cr, s, &e);
	return e.x_advance;
}

/* A label broken into at most MAX_LINES lines of at most `width` each (a word longer than
 * that stays whole). */
struct label {
	char *lines[MAX_LINES];
	size_t n;
};

static bool wrap(cairo_t *cr, const char *text, double width, struct label *out)
{
	*out = (struct label){0};
	const char *p = text;
	while (*p && out->n < MAX_LINES) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		size_t end = strcspn(p, " "), fit = end;
		if (out->n + 1 < MAX_LINES) {
			/* Take further words while they fit. */
			while (p[fit]) {
				size_t next = fit + 1 + strcspn(p + fit + 1, " ");
				char *try = strndup(p, next);
				if (!try)
					return false;
				bool fits = text_width(cr, try) <= width;
				free(try);
				if (!fits)
					break;
				fit = next;
			}
		} else {
			fit = strlen(p); /* the last line takes the rest */
		}
		out->lines[out->n] = strndup(p, fit);
		if (!out->lines[out->n])
			return false;
		out->n++;
		p += fit;
	}
	return true;
}

static void label_free(struct label *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->lines[i]);
}

struct layout {
	struct label *labels;
	double label_w, bar_x, bar_w, height;
	double ascent, descent;
};

static void layout_free(struct layout *lay, size_t n)
{
	for (size_t i = 0; lay->labels && i < n; i++)
		label_free(&lay->labels[i]);
	free(lay->labels);
}

static void font(cairo_t *cr, bool italic, bool bold)
{
	cairo_select_font_face(cr, FONT, italic ? CAIRO_FONT_SLANT_ITALIC : CAIRO_FONT_SLANT_NORMAL,
			       bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, FONT_SIZE);
}

static double row_height(const struct label *l)
{
	double text = (double)l->n * LINE_HEIGHT;
	return text > BAR_HEIGHT ? text : BAR_HEIGHT;
}

/* Measures the chart with cr (any surface): where the labels, bars and counts go. */
static bool measure(cairo_t *cr, const struct chart *c, struct layout *lay)
{
	*lay = (struct layout){0};
	lay->labels = calloc(c->nbars ? c->nbars : 1, sizeof *lay->labels);
	if (!lay->labels)
		return false;
	font(cr, false, false);
	cairo_font_extents_t fe;
	cairo_font_extents(cr, &fe);
	lay->ascent = fe.ascent;
	lay->descent = fe.descent;
	double value_w = 0;
	for (size_t i = 0; i < c->nbars; i++) {
		if (!wrap(cr, c->bars[i].label, LABEL_MAX, &lay->labels[i]))
			return false;
		for (size_t k = 0; k < lay->labels[i].n; k++) {
			double w = text_width(cr, lay->labels[i].lines[k]);
			if (w > lay->label_w)
				lay->label_w = w;
		}
	}
	for (int italic = 0; italic < 2; italic++) {
		font(cr, italic, !italic);
		for (size_t i = 0; i < c->nbars; i++) {
			if (c->bars[i].drawn == !italic) {
				double w = text_width(cr, c->bars[i].value_text);
				if (w > value_w)
					value_w = w;
			}
		}
	}
	lay->bar_x = PAD + lay->label_w + GAP;
	lay->bar_w = WIDTH - PAD - value_w - GAP - lay->bar_x;
	if (lay->bar_w < 60)
		lay->bar_w = 60;
	lay->height = 2 * PAD;
	for (size_t i = 0; i < c->nbars; i++)
		lay->height += row_height(&lay->labels[i]) + (i ? ROW_GAP : 0);
	return true;
}

static void draw(cairo_t *cr, const struct chart *c, const struct layout *lay)
{
	/* The whole surface, to its last pixel however the size was rounded. */
	set_colour(cr, "#ffffff");
	cairo_paint(cr);
	double y = PAD;
	double centre_shift = (lay->ascent - lay->descent) / 2;
	for (size_t i = 0; i < c->nbars; i++) {
		const struct chart_bar *bar = &c->bars[i];
		const struct label *l = &lay->labels[i];
		double h = row_height(l), mid = y + h / 2;
		/* The label, right-aligned against the bars, its lines centred on the row. */
		font(cr, false, false);
		set_colour(cr, INK);
		double first = mid - (double)(l->n - 1) * LINE_HEIGHT / 2 + centre_shift;
		for (size_t k = 0; k < l->n; k++) {
			double w = text_width(cr, l->lines[k]);
			cairo_move_to(cr, lay->bar_x - GAP - w, first + (double)k * LINE_HEIGHT);
			cairo_show_text(cr, l->lines[k]);
		}
		double len = 0;
		if (bar->drawn && c->max)
			len = lay->bar_w * (double)(bar->value > c->max ? c->max : bar->value) /
			      (double)c->max;
		if (len > 0) {
			set_colour(cr, bar->colour);
			cairo_rectangle(cr, lay->bar_x, mid - BAR_HEIGHT / 2, len, BAR_HEIGHT);
			cairo_fill(cr);
		}
		/* The count at the bar's end; a suppressed one in italics where a bar would be. */
		font(cr, !bar->drawn, bar->drawn);
		set_colour(cr, bar->drawn ? INK : MUTED);
		cairo_move_to(cr, lay->bar_x + len + GAP / 2, mid + centre_shift);
		cairo_show_text(cr, bar->value_text);
		y += h + ROW_GAP;
	}
	/* The axis: where every bar starts. */
	set_colour(cr, RULE);
	cairo_set_line_width(cr, 1);
	cairo_move_to(cr, lay->bar_x - 0.5, PAD / 2);
	cairo_line_to(cr, lay->bar_x - 0.5, lay->height - PAD / 2);
	cairo_stroke(cr);
}

/* fontconfig 2.14, under cairo, loses a few hundred bytes once while reading its
 * configuration: not maca's to free, so a sanitizer build is told to ignore it (the
 * sanitizer's runtime calls these hooks; an ordinary build never does)... */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}

/* ...and not to list that it did, on the standard error that tests read. */
const char *__lsan_default_options(void);
const char *__lsan_default_options(void)
{
	return "print_suppressions=0";
}

static int fail(struct maca_err *err, const struct chart *c, cairo_status_t st)
{
	if (st == CAIRO_STATUS_NO_MEMORY)
		return err_set(err, MACA_ENOMEM, "out of memory");
	return err_set(err, MACA_EIO, "cannot draw the chart %s: %s", c->name,
		       cairo_status_to_string(st));
}

/* Measures c on a scratch surface, so that the real one can be made at its size. */
static int prepare(const struct chart *c, struct layout *lay, struct maca_err *err)
{
	cairo_surface_t *scratch = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
	cairo_t *cr = cairo_create(scratch);
	bool ok = measure(cr, c, lay);
	cairo_status_t st = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_destroy(scratch);
	if (!ok || st != CAIRO_STATUS_SUCCESS) {
		layout_free(lay, c->nbars);
		return ok ? fail(err, c, st) : err_set(err, MACA_ENOMEM, "out of memory");
	}
	return MACA_OK;
}

/* Draws on cr (then destroyed) and returns its status. */
static cairo_status_t draw_on(cairo_t *cr, const struct chart *c, const struct layout *lay)
{
	draw(cr, c, lay);
	cairo_status_t st = cairo_status(cr);
	cairo_destroy(cr);
	return st;
}

static cairo_status_t to_sbuf(void *closure, const unsigned char *data, unsigned int len)
{
	struct sbuf *b = closure;
	sbuf_addn(b, (const char *)data, len);
	return b->failed ? CAIRO_STATUS_NO_MEMORY : CAIRO_STATUS_SUCCESS;
}

/* Cairo draws text in SVG as glyph outlines in <symbol> elements, each placed with <use>;
 * weasyprint 57 draws no <use> of a <symbol>, and every renderer draws the same outlines in
 * a <g>, which <defs> keeps from being drawn where it stands. */
static void glyphs_as_groups(struct sbuf *out, const char *svg)
{
	static const char open[] = "<symbol overflow=\"visible\"", close[] = "</symbol>";
	for (const char *p = svg; *p;) {
		const char *a = strstr(p, open), *z = strstr(p, close);
		const char *next = a && (!z || a < z) ? a : z;
		if (!next) {
			sbuf_add(out, p);
			break;
		}
		sbuf_addn(out, p, (size_t)(next - p));
		sbuf_add(out, next == a ? "<g" : "</g>");
		p = next + (next == a ? sizeof open - 1 : sizeof close - 1);
	}
}

int chart_svg(const struct chart *c, struct sbuf *out, struct maca_err *err)
{
	struct layout lay;
	if (prepare(c, &lay, err))
		return err->status;
	struct sbuf svg = {0};
	cairo_surface_t *s = cairo_svg_surface_create_for_stream(to_sbuf, &svg, WIDTH, lay.height);
	cairo_svg_surface_restrict_to_version(s, CAIRO_SVG_VERSION_1_1);
	cairo_status_t st = draw_on(cairo_create(s), c, &lay);
	cairo_surface_finish(s); /* writes the SVG out */
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	layout_free(&lay, c->nbars);
	int rc = MACA_OK;
	if (st != CAIRO_STATUS_SUCCESS)
		rc = fail(err, c, st);
	else if (svg.data)
		glyphs_as_groups(out, svg.data);
	if (!rc && (svg.failed || out->failed || !out->data))
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	sbuf_free(&svg);
	return rc;
}

int chart_png(const struct chart *c, double scale, struct sbuf *out, struct maca_err *err)
{
	struct layout lay;
	if (prepare(c, &lay, err))
		return err->status;
	int w = (int)(WIDTH * scale + 0.5), h = (int)(lay.height * scale + 0.5);
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cairo_t *cr = cairo_create(s);
	cairo_scale(cr, scale, scale);
	cairo_status_t st = draw_on(cr, c, &lay);
	if (st == CAIRO_STATUS_SUCCESS) {
		cairo_surface_flush(s);
		st = cairo_surface_write_to_png_stream(s, to_sbuf, out);
	}
	cairo_surface_destroy(s);
	layout_free(&lay, c->nbars);
	return st == CAIRO_STATUS_SUCCESS ? MACA_OK : fail(err, c, st);
}
