/*
 * grid: WGS84 and the British National Grid by PROJ (EPSG:4326 and
 * EPSG:27700, axes in the order longitude/easting first), and the cells
 * of a grid on the National Grid.  PROJ's default pipeline between the
 * two is the OSGB36 Helmert transformation (about 2 m), or OSTN15 where
 * its grid file is installed.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <proj.h>

#include "core/diag.h"
#include "core/err.h"
#include "place/place.h"

struct place_proj {
	PJ_CONTEXT *ctx;
	PJ *pj;
};

struct place_proj *
place_proj_new(const char *from, const char *to)
{
	struct place_proj *p = xcalloc(1, sizeof(*p));
	PJ *raw;

	p->ctx = proj_context_create();
	proj_log_level(p->ctx, PJ_LOG_NONE);
	raw = proj_create_crs_to_crs(p->ctx, from, to, NULL);
	if (raw != NULL) {
		p->pj = proj_normalize_for_visualization(p->ctx, raw);
		proj_destroy(raw);
	}
	if (p->pj == NULL) {
		place_proj_free(p);
		return NULL;
	}
	return p;
}

void
place_proj_free(struct place_proj *p)
{
	if (p == NULL)
		return;
	proj_destroy(p->pj);
	proj_context_destroy(p->ctx);
	free(p);
}

int
place_proj_trans(struct place_proj *p, double *x, double *y)
{
	PJ_COORD c = proj_coord(*x, *y, 0, 0);

	c = proj_trans(p->pj, PJ_FWD, c);
	if (!isfinite(c.xy.x) || !isfinite(c.xy.y) ||
	    c.xy.x == HUGE_VAL || c.xy.y == HUGE_VAL)
		return -1;
	*x = c.xy.x;
	*y = c.xy.y;
	return 0;
}

static struct place_proj *to_bng, *to_wgs;

static void
free_projs(void)
{
	place_proj_free(to_bng);
	place_proj_free(to_wgs);
	to_bng = to_wgs = NULL;
}

/* The conversion from to to, made at first use; NULL when PROJ cannot. */
static struct place_proj *
need(struct place_proj **p, const char *from, const char *to)
{
	if (*p == NULL) {
		if (to_bng == NULL && to_wgs == NULL)
			atexit(free_projs);
		*p = place_proj_new(from, to);
	}
	return *p;
}

/* The conversion from to to, or 70 with e set when PROJ cannot. */
static int
need_err(struct place_proj **p, const char *from, const char *to,
    struct vawg_err *e)
{
	if (need(p, from, to) == NULL)
		return err_set(e, EX_SOFTWARE, "PROJ cannot convert %s to %s "
		    "(is proj-data installed?)", from, to);
	return 0;
}

int
place_grid_init(struct vawg_err *e)
{
	if (need_err(&to_bng, "EPSG:4326", "EPSG:27700", e) != 0)
		return e->code;
	return need_err(&to_wgs, "EPSG:27700", "EPSG:4326", e);
}

int
place_in_uk(double lat, double lon)
{
	return lat >= 49.8 && lat <= 60.95 && lon >= -8.7 && lon <= 1.8;
}

int
place_in_bng(double e, double n)
{
	return e >= 0 && e < 700000 && n >= 0 && n < 1300000;
}

int
place_to_bng(double lat, double lon, double *e, double *n)
{
	double x = lon, y = lat;

	if (!place_in_uk(lat, lon))
		return -1;
	if (need(&to_bng, "EPSG:4326", "EPSG:27700") == NULL ||
	    place_proj_trans(to_bng, &x, &y) != 0 || !place_in_bng(x, y))
		return -1;
	*e = x;
	*n = y;
	return 0;
}

int
place_to_wgs84(double e, double n, double *lat, double *lon)
{
	double x = e, y = n;

	if (!place_in_bng(e, n))
		return -1;
	if (need(&to_wgs, "EPSG:27700", "EPSG:4326") == NULL ||
	    place_proj_trans(to_wgs, &x, &y) != 0 || !place_in_uk(y, x))
		return -1;
	*lon = x;
	*lat = y;
	return 0;
}

/*
 * The exact fast path of decimal conversion (Clinger's): at most 15
 * digits make an integer m exactly held by a double, and 10^k (k <= 15)
 * is exact too, so m / 10^k, one correctly rounded division, is the
 * double nearest the decimal, which strtod() gives.  Coordinates take
 * this path; longer numbers go to strtod().  s holds digits, at most one
 * point and a sign first (checked).
 */
static int
number_fast(const char *s, size_t n, double *v)
{
	static const double p10[16] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6,
		1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15 };
	unsigned long long m = 0;
	size_t i = s[0] == '-' || s[0] == '+', digits = 0, k = 0;
	int point = 0;

	for (; i < n; i++) {
		if (s[i] == '.') {
			point = 1;
			continue;
		}
		if (++digits > 15)
			return -1;
		m = m * 10 + (unsigned)(s[i] - '0');
		k += point;
	}
	*v = (double)m / p10[k];
	if (s[0] == '-')
		*v = -*v;
	return 0;
}

int
place_number(const char *s, size_t n, double *v)
{
	char buf[40], *end;
	size_t i, digits = 0, points = 0;

	if (n == 0 || n >= sizeof(buf))
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			digits++;
		else if (s[i] == '.')
			points++;
		else if (!((s[i] == '-' || s[i] == '+') && i == 0))
			return -1;
	}
	if (digits == 0 || points > 1)
		return -1;
	if (number_fast(s, n, v) == 0)
		return 0;
	memcpy(buf, s, n);
	buf[n] = '\0';
	*v = strtod(buf, &end);
	return *end == '\0' && isfinite(*v) ? 0 : -1;
}

void
place_cell(double e, double n, long size, long *ce, long *cn)
{
	*ce = (long)floor(e / (double)size) * size;
	*cn = (long)floor(n / (double)size) * size;
}

void
place_cell_name(long ce, long cn, char *buf)
{
	snprintf(buf, 32, "E%ldN%ld", ce, cn);
}

int
place_cell_parse(const char *s, size_t n, long *ce, long *cn)
{
	char buf[32], *p, *q;

	if (n < 4 || n >= sizeof(buf) || s[0] != 'E')
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	*ce = strtol(buf + 1, &p, 10);
	if (p == buf + 1 || *p != 'N')
		return -1;
	*cn = strtol(p + 1, &q, 10);
	return q != p + 1 && *q == '\0' ? 0 : -1;
}
