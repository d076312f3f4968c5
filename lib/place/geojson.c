/*
 * geojson: ranked places as a GeoJSON FeatureCollection for QGIS and
 * other GIS: grid cells as polygons, places with a mean point as
 * points; properties place, period, group, rank, count, share and
 * stability.  Coordinates are WGS84 longitude, latitude (RFC 7946).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "place/place.h"

/* A JSON string. */
static void
jstr(FILE *fp, const char *s)
{
	putc('"', fp);
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(fp, "\\%c", c);
		else if (c < 0x20)
			fprintf(fp, "\\u%04x", c);
		else
			putc(c, fp);
	}
	putc('"', fp);
}

static void
cell_geometry(FILE *fp, const struct place_feature *f)
{
	static const int corner[5][2] = { { 0, 0 }, { 1, 0 }, { 1, 1 },
	    { 0, 1 }, { 0, 0 } };
	double lat, lon;
	int k;

	fputs("{\"type\":\"Polygon\",\"coordinates\":[[", fp);
	for (k = 0; k < 5; k++) {
		if (place_to_wgs84((double)(f->ce + corner[k][0] * f->size),
		    (double)(f->cn + corner[k][1] * f->size), &lat, &lon) != 0)
			lat = lon = NAN;
		fprintf(fp, "%s[%.6f,%.6f]", k ? "," : "", lon, lat);
	}
	fputs("]]}", fp);
}

int
place_geojson(FILE *fp, const struct place_feature *f, size_t n)
{
	size_t i;

	fputs("{\"type\":\"FeatureCollection\",\"features\":[", fp);
	for (i = 0; i < n; i++) {
		fputs(i ? ",\n" : "\n", fp);
		fputs("{\"type\":\"Feature\",\"geometry\":", fp);
		if (f[i].is_cell)
			cell_geometry(fp, &f[i]);
		else if (f[i].has_point)
			fprintf(fp, "{\"type\":\"Point\",\"coordinates\":"
			    "[%.6f,%.6f]}", f[i].lon, f[i].lat);
		else
			fputs("null", fp);
		fputs(",\"properties\":{\"place\":", fp);
		jstr(fp, f[i].name);
		fputs(",\"period\":", fp);
		jstr(fp, f[i].period);
		if (f[i].group[0] != '\0') {
			fputs(",\"group\":", fp);
			jstr(fp, f[i].group);
		}
		if (f[i].rank > 0)
			fprintf(fp, ",\"rank\":%ld", f[i].rank);
		else
			fputs(",\"rank\":null", fp);
		fprintf(fp, ",\"count\":%llu,\"share\":%.4f",
		    (unsigned long long)f[i].count, f[i].share);
		if (f[i].stability != NULL && f[i].stability[0] != '\0') {
			fputs(",\"stability\":", fp);
			jstr(fp, f[i].stability);
		}
		fputs("}}", fp);
	}
	fputs("\n]}\n", fp);
	return fflush(fp) != 0 || ferror(fp) ? -1 : 0;
}
