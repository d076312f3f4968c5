/*
 * The place and time columns of a row: a time of day, WGS84 latitude
 * and longitude, British National Grid easting and northing, cleaned;
 * then derived: the time from a date-time in committed_date, the grid
 * reference from the coordinates or the coordinates from the grid
 * reference (PROJ, lib/place), the postcode district and sector.  A
 * point outside the United Kingdom is a field fault (outside_uk).
 */
#include <string.h>

#include "core/numfmt.h"
#include "ingest/ingest_int.h"
#include "place/place.h"

/* time: HH:MM. */
void
ing_clean_time(struct ingest *g, size_t i, const char *s, size_t n)
{
	int m;
	char *o;

	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	if (n == 0)
		return;
	if ((m = place_time(s, n)) < 0) {
		ing_fault(g, g->o.kind->cols[i].name, "not a time of day",
		    "format");
		return;
	}
	o = ing_room(g, 6);
	place_time_format(m, o);
	ing_keep(g, i, 5);
}

/* v with dec decimals into column i. */
static void
put(struct ingest *g, size_t i, double v, int dec)
{
	ing_keep(g, i, numfmt_fixed(ing_room(g, 32), 32, v, dec));
}

/* latitude, longitude, easting, northing: a number in range. */
void
ing_clean_coord(struct ingest *g, size_t i, const char *s, size_t n)
{
	const struct kind_col *c = &g->o.kind->cols[i];
	double v, lim = c->type == COL_LATITUDE ? 90 : c->type ==
	    COL_LONGITUDE ? 180 : 2000000;

	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0)
		return;
	if (place_number(s, n, &v) != 0 || v < -lim || v > lim) {
		ing_fault(g, c->name, "not a coordinate", "format");
		return;
	}
	put(g, i, v, c->type == COL_LATITUDE || c->type == COL_LONGITUDE ?
	    6 : 1);
}

/* The kind's column of type t, or -1. */
static int
col_of(const struct kind *k, enum col_type t)
{
	size_t i;

	for (i = 0; i < k->ncols; i++)
		if (k->cols[i].type == t)
			return (int)i;
	return -1;
}

static int
num(const struct ingest *g, int i, double *v)
{
	return i >= 0 && g->len[i] > 0 &&
	    place_number(g->val[i], g->len[i], v) == 0;
}

/* Coordinates one from the other; outside the UK a fault. */
static void
derive_coords(struct ingest *g)
{
	const struct kind *k = g->o.kind;
	int ilat = col_of(k, COL_LATITUDE), ilon = col_of(k, COL_LONGITUDE),
	    ie = col_of(k, COL_EASTING), in = col_of(k, COL_NORTHING);
	double lat, lon, e, n, be, bn;
	int ll, en;

	if (ilat < 0 || ilon < 0 || ie < 0 || in < 0)
		return;
	/* Each pair read once (again only when written here). */
	ll = num(g, ilat, &lat) && num(g, ilon, &lon);
	en = num(g, ie, &e) && num(g, in, &n);
	/* The conversions are made at the first row that needs them; a
	 * PROJ without its data stops the run (g->err, 70). */
	if ((ll || en) && place_grid_init(g->err) != 0)
		return;
	if (ll) {
		if (place_to_bng(lat, lon, &be, &bn) != 0) {
			ing_fault(g, "latitude", "outside the UK", "outside_uk");
			ing_fault(g, "longitude", "outside the UK",
			    "outside_uk");
			ing_set(g, (size_t)ilat, "", 0);
			ing_set(g, (size_t)ilon, "", 0);
		} else if (g->len[ie] == 0 && g->len[in] == 0) {
			put(g, (size_t)ie, be, 1);
			put(g, (size_t)in, bn, 1);
			en = num(g, ie, &e) && num(g, in, &n);
		}
	}
	if (en) {
		if (place_to_wgs84(e, n, &lat, &lon) != 0) {
			ing_fault(g, "easting", "outside the UK", "outside_uk");
			ing_fault(g, "northing", "outside the UK",
			    "outside_uk");
			ing_set(g, (size_t)ie, "", 0);
			ing_set(g, (size_t)in, "", 0);
		} else if (g->len[ilat] == 0 && g->len[ilon] == 0) {
			put(g, (size_t)ilat, lat, 6);
			put(g, (size_t)ilon, lon, 6);
		}
	}
}

/* committed_time from a date-time in committed_date's source. */
static void
derive_time(struct ingest *g)
{
	const struct kind *k = g->o.kind;
	int it = col_of(k, COL_TIME), id = kind_index(k, "committed_date"),
	    m;
	char *o;

	if (it < 0 || id < 0 || g->len[it] > 0 || g->m.src == NULL ||
	    g->o.profile != INGEST_PLAIN || g->m.src[id] < 0)
		return;
	m = place_time(csvr_field(g->r, (size_t)g->m.src[id]),
	    csvr_fieldlen(g->r, (size_t)g->m.src[id]));
	if (m < 0)
		return;
	o = ing_room(g, 6);
	place_time_format(m, o);
	ing_keep(g, (size_t)it, 5);
}

void
ing_derive_place(struct ingest *g)
{
	const struct kind *k = g->o.kind;
	int ip = kind_index(k, "postcode"), id = col_of(k, COL_PC_DISTRICT),
	    is = col_of(k, COL_PC_SECTOR);
	char *o;

	derive_time(g);
	derive_coords(g);
	if (ip < 0 || g->len[ip] == 0)
		return;
	if (id >= 0) {
		o = ing_room(g, 16);
		ing_keep(g, (size_t)id, place_pc_district(g->val[ip],
		    g->len[ip], o));
	}
	if (is >= 0) {
		o = ing_room(g, 16);
		ing_keep(g, (size_t)is, place_pc_sector(g->val[ip],
		    g->len[ip], o));
	}
}
