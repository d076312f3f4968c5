/*
 * svg: grid cells drawn as squares shaded by count, north up, for a
 * report page or a slide.  One square per cell of the last period
 * written; the darkest is the busiest cell; each square's title (a
 * tooltip) gives its place, rank and count.
 */
#include <stdio.h>
#include <string.h>

#include "place/place.h"

/* Pale yellow to dark red, t in [0, 1]. */
static void
shade(double t, char *buf)
{
	static const int c[3][3] = { { 255, 237, 160 }, { 253, 141, 60 },
	    { 128, 0, 38 } };
	int k = t < 0.5 ? 0 : 1, i;
	double u = t < 0.5 ? t * 2 : (t - 0.5) * 2;
	int v[3];

	for (i = 0; i < 3; i++)
		v[i] = (int)(c[k][i] + (c[k + 1][i] - c[k][i]) * u + 0.5);
	snprintf(buf, 8, "#%02x%02x%02x", v[0] & 255, v[1] & 255,
	    v[2] & 255);
}

/* The features of the last period that are cells: [*first, n). */
static size_t
last_period(const struct place_feature *f, size_t n, long *e0, long *n0,
    long *e1, long *n1, uint64_t *max)
{
	size_t i, first = n;
	int any = 0;

	while (first > 0 && strcmp(f[first - 1].period, f[n - 1].period) == 0
	    && strcmp(f[first - 1].group, f[n - 1].group) == 0)
		first--;
	*max = 0;
	for (i = first; i < n; i++) {
		if (!f[i].is_cell)
			continue;
		if (!any || f[i].ce < *e0)
			*e0 = f[i].ce;
		if (!any || f[i].cn < *n0)
			*n0 = f[i].cn;
		if (!any || f[i].ce + f[i].size > *e1)
			*e1 = f[i].ce + f[i].size;
		if (!any || f[i].cn + f[i].size > *n1)
			*n1 = f[i].cn + f[i].size;
		if (f[i].count > *max)
			*max = f[i].count;
		any = 1;
	}
	return first;
}

int
place_svg(FILE *fp, const struct place_feature *f, size_t n,
    const char *title)
{
	long e0 = 0, n0 = 0, e1 = -1, n1 = -1;
	uint64_t max = 0;
	size_t i, first = n > 0 ? last_period(f, n, &e0, &n0, &e1, &n1, &max) :
	    0;
	double w = e1 > e0 ? (double)(e1 - e0) : 1,
	    h = n1 > n0 ? (double)(n1 - n0) : 1, scale = 800 / (w > h ? w : h);
	char col[8];

	fprintf(fp, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\">\n"
	    "<title>%s</title>\n<rect width=\"100%%\" height=\"100%%\" "
	    "fill=\"#ffffff\"/>\n", w * scale, h * scale, w * scale,
	    h * scale, title);
	for (i = first; i < n; i++) {
		if (!f[i].is_cell || f[i].count == 0)
			continue;
		shade(max ? (double)f[i].count / (double)max : 0, col);
		fprintf(fp, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" "
		    "height=\"%.2f\" fill=\"%s\" stroke=\"#999999\" "
		    "stroke-width=\"0.5\"><title>%s rank %ld count %llu"
		    "</title></rect>\n", (double)(f[i].ce - e0) * scale,
		    (double)(n1 - f[i].cn - f[i].size) * scale,
		    (double)f[i].size * scale, (double)f[i].size * scale, col,
		    f[i].name, f[i].rank, (unsigned long long)f[i].count);
	}
	fputs("</svg>\n", fp);
	return fflush(fp) != 0 || ferror(fp) ? -1 : 0;
}
