/*
 * place: where and when a record happened.  Coordinates (WGS84
 * latitude and longitude to and from British National Grid eastings and
 * northings, by PROJ), grid cells on the National Grid, postcode
 * districts and sectors, and times of day.
 */
#ifndef VAWG_PLACE_H
#define VAWG_PLACE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct vawg_err;

/* A conversion between two coordinate reference systems (PROJ). */
struct place_proj;

/*
 * A conversion from CRS from to CRS to ("EPSG:4326", "EPSG:27700"), axis
 * order longitude/easting first; NULL when PROJ cannot make it.
 */
struct place_proj *place_proj_new(const char *from, const char *to);
void place_proj_free(struct place_proj *p);
/* Converts (x, y) in place: 0, or -1 when PROJ cannot. */
int place_proj_trans(struct place_proj *p, double *x, double *y);

/*
 * Makes the two conversions below: 0, or 70 (EX_SOFTWARE) with e set to
 * "PROJ cannot convert EPSG:4326 to EPSG:27700 (is proj-data
 * installed?)".  A program that converts calls it first.
 */
int place_grid_init(struct vawg_err *e);

/*
 * WGS84 to the British National Grid and back, by one conversion each
 * made at first use (place_grid_init()).  0, or -1 when the point is
 * outside the United Kingdom or cannot be converted (also when PROJ
 * cannot make the conversion: place_grid_init() says so first).
 */
int place_to_bng(double lat, double lon, double *e, double *n);
int place_to_wgs84(double e, double n, double *lat, double *lon);

/* Whether WGS84 (lat, lon) lies in the United Kingdom's bounding box,
 * or (e, n) on the British National Grid's. */
int place_in_uk(double lat, double lon);
int place_in_bng(double e, double n);

/* A decimal number s[0..n): 0 with *v set, -1 when not one. */
int place_number(const char *s, size_t n, double *v);

/*
 * The grid cell of size metres holding (e, n): its south-west corner.
 * A point on a cell's west or south edge is in that cell.
 */
void place_cell(double e, double n, long size, long *ce, long *cn);

/*
 * A cell's name, "E531000N190250" (south-west corner), into buf (>= 32);
 * place_cell_parse() reads one back: 0, or -1.
 */
void place_cell_name(long ce, long cn, char *buf);
int place_cell_parse(const char *s, size_t n, long *ce, long *cn);

/*
 * The district ("N22") and sector ("N22 6") of a postcode in the
 * canonical form "N22 6XY" (or its outward code alone, for the
 * district), into out (>= 16): their lengths, 0 when there is none.
 */
size_t place_pc_district(const char *pc, size_t n, char *out);
size_t place_pc_sector(const char *pc, size_t n, char *out);

/*
 * A time of day: "HH:MM", "HH:MM:SS", "HHMM", "H:MM", with "am"/"pm",
 * or the time part of a date-time ("2024-03-01 21:15", "...T21:15:00").
 * Returns the minute of the day (0..1439), or -1 when there is no time
 * (a date alone) or it is not one.
 */
int place_time(const char *s, size_t n);

/* Writes minute of the day m as "HH:MM" into buf (>= 6). */
void place_time_format(int m, char *buf);

/* A ranked place to draw: a grid cell, or a point. */
struct place_feature {
	const char *name;	/* the place ("E531000N190250", "E01000914") */
	const char *period;	/* its period's label */
	const char *group;	/* the --by values, or "" */
	int is_cell;		/* a grid cell: ce, cn, size */
	long ce, cn, size;
	int has_point;		/* a point: lat, lon */
	double lat, lon;
	uint64_t count;
	long rank;		/* 0: none (no records in the period) */
	double share;
	const char *stability;	/* "persistent" ... or "" */
};

/*
 * Writes the features as a GeoJSON FeatureCollection (RFC 7946, WGS84):
 * cells as polygons (their corners converted by PROJ), points as
 * points, places with neither with a null geometry.  0, or -1 when a
 * write fails.
 */
int place_geojson(FILE *fp, const struct place_feature *f, size_t n);

/*
 * Draws the grid cells among the features of the last period as an SVG
 * picture: squares on the National Grid, north up, shaded from pale to
 * dark by count, each with its place and count as a tooltip.  0, or -1
 * when a write fails.
 */
int place_svg(FILE *fp, const struct place_feature *f, size_t n,
    const char *title);

#endif
