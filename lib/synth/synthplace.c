/*
 * synthplace: the place and time of a synthetic crime (synthplace.h).
 */
#include <math.h>
#include <stdio.h>

#include "place/place.h"
#include "synth/rng.h"
#include "synth/synthplace.h"

#define ORIGIN_E 530800.0
#define ORIGIN_N 190500.0
#define WARD_SIDE 1400.0
#define SALT_PLACE 0x706c616365ull

/* Ward w's centre: five columns, four rows, ward 0 north-west. */
static void
ward_centre(int w, double *e, double *n)
{
	*e = ORIGIN_E + (w % 5 - 2) * WARD_SIDE;
	*n = ORIGIN_N + (1.5 - w / 5) * WARD_SIDE;
}

#define HS(w, dx, dy, life) { w, ORIGIN_E + ((w) % 5 - 2) * WARD_SIDE + (dx), \
	ORIGIN_N + (1.5 - (w) / 5) * WARD_SIDE + (dy), life }

const struct synth_hotspot synth_hotspots[SYNTH_NHOTSPOTS] = {
	HS(6, 120, -80, SYNTH_PERSISTENT),	/* Greyfriars */
	HS(14, -150, 60, SYNTH_PERSISTENT),	/* Old Quay */
	HS(12, 90, 140, SYNTH_PERSISTENT),	/* Marsh End */
	HS(0, -60, -110, SYNTH_PERSISTENT),	/* Ashby Green */
	HS(9, 40, 30, SYNTH_PERSISTENT),	/* Juniper Cross */
	HS(18, 160, 110, SYNTH_EMERGING),	/* Saltings */
	HS(3, -120, 170, SYNTH_EMERGING),	/* Dunmore Park */
	HS(11, 60, -160, SYNTH_FADING),		/* Larkmoor */
};

/* The ward's hot spot active on day com, or NULL. */
static const struct synth_hotspot *
active(int ward, int32_t com, int32_t start, int32_t last)
{
	int32_t mid = start + (last - start) / 2;
	size_t k;

	for (k = 0; k < SYNTH_NHOTSPOTS; k++) {
		const struct synth_hotspot *h = &synth_hotspots[k];

		if (h->ward != ward)
			continue;
		if (h->life == SYNTH_PERSISTENT ||
		    (h->life == SYNTH_EMERGING && com >= mid) ||
		    (h->life == SYNTH_FADING && com < mid))
			return h;
	}
	return NULL;
}

/* An hour: of the day, of the night (hot spots), of a weekend evening. */
static int
pick_hour(struct rng *r, int night, int weekend)
{
	static const double day[24] = { 3, 2, 2, 1, 1, 1, 1, 2, 3, 4, 4, 5,
	    5, 5, 6, 7, 7, 7, 7, 7, 7, 6, 5, 4 };
	static const int late[] = { 20, 21, 22, 22, 23, 23, 0, 0, 1, 1, 2, 3 };
	double cum[24], t = 0;
	int h;

	if (night || (weekend && rng_chance(r, 0.3)))
		return late[rng_below(r, sizeof(late) / sizeof(late[0]))];
	for (h = 0; h < 24; h++)
		cum[h] = t += day[h];
	return (int)rng_weighted(r, cum, 24);
}

void
synth_place(uint64_t seed, uint64_t i, int ward, int32_t com,
    int32_t start, int32_t last, struct synth_place *p)
{
	struct rng r;
	const struct synth_hotspot *h = active(ward, com, start, last);
	double e, n, lat, lon, sd = 450;
	int at = 0, dw = (int)(((com % 7) + 11) % 7), m;

	rng_seed(&r, rng_derive(seed, SALT_PLACE, i));
	ward_centre(ward, &e, &n);
	if (h != NULL && rng_chance(&r, 0.3)) {
		e = h->e;
		n = h->n;
		sd = 35;
		at = 1;
	}
	e += sd * rng_normal(&r);
	n += sd * rng_normal(&r);
	e = round(e);
	n = round(n);
	snprintf(p->e, sizeof(p->e), "%.1f", e);
	snprintf(p->n, sizeof(p->n), "%.1f", n);
	p->lat[0] = p->lon[0] = '\0';
	if (place_to_wgs84(e, n, &lat, &lon) == 0) {
		snprintf(p->lat, sizeof(p->lat), "%.6f", lat);
		snprintf(p->lon, sizeof(p->lon), "%.6f", lon);
	}
	p->time[0] = '\0';
	if (rng_chance(&r, 1.0 / 16))
		return;
	/* Friday and Saturday evenings (0 is Sunday). */
	m = pick_hour(&r, at, dw == 5 || dw == 6) * 60;
	m += rng_chance(&r, 0.3) ? 30 * (int)rng_below(&r, 2) :
	    (int)rng_below(&r, 60);
	place_time_format(m, p->time);
}
