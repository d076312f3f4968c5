/*
 * Synthetic records of every kind.  Each kind is a table of columns (the
 * canonical ones, then ground truth and extras), a source system's raw
 * export layout, and a function that fills row i of n.  Row i draws
 * from its own random stream (seed, kind, i), so a row does not depend
 * on what was drawn before it; dates come from the kind's seasonal
 * day-weights by quantile, so rows come out in date order without
 * sorting.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "kinds/classify.h"
#include "core/csvio.h"
#include "core/dates.h"
#include "core/diag.h"
#include "core/err.h"
#include "kinds/ident.h"
#include "core/outfile.h"
#include "synth/rng.h"
#include "synth/synth.h"
#include "synth/synthworld.h"
#include "place/place.h"
#include "synth/synthplace.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define MAXCOLS 40
#define ROWBUF 8192
#define NODATE INT32_MIN
#define MAXDAYS 1200		/* 36 months and a margin */
#define POOL_PER_SCALE 50000	/* persons in a scale-1 world */

/* Stream salts. */
#define SALT_ROW 0x726f7700ULL
#define SALT_RAW 0x72617700ULL
#define SALT_COUPLE 0x636f7570ULL

enum ctype {
	T_TEXT, T_DATE, T_FLAG, T_SEX, T_PNC, T_POSTCODE, T_LABEL, T_TRUTH
};

enum enc { ENC_UTF8, ENC_UTF8_BOM, ENC_CP1252 };

struct col {
	const char *name;
	enum ctype type;
};

struct rawcol {
	const char *raw;	/* the source system's column name */
	const char *canon;	/* canonical column it holds */
};

struct row {
	const char *f[MAXCOLS];
	size_t len[MAXCOLS];
	size_t used;
	char buf[ROWBUF];
};

struct gen;

struct kinddef {
	const char *name;
	const struct col *cols;
	size_t ncols;
	const struct rawcol *raw;
	size_t nraw;
	const char *rawfile;
	int delim;
	int crlf;
	enum enc enc;
	double base_rows;	/* rows in a scale-1 data set */
	const char *refprefix;
	void (*fill)(struct gen *g, uint64_t i, struct row *row);
	double (*dayweight)(int32_t day);
};

struct gen {
	const struct kinddef *kd;
	enum synth_kind kind;
	struct sw_world w;
	uint64_t seed, nrows;
	int32_t start, last, extract;	/* window and extraction date */
	int ndays;
	double cum[MAXDAYS];
	int ref_year;
	uint64_t ref_serial;
	int32_t last_meeting;		/* marac: date of the last meeting */
	int last_meeting_borough;
	int on_list;			/* marac: row is on the last meeting's list */
	double noise;			/* synth_opts.noise */
	struct rng r;
};

/* ---- rows ---- */

static void
row_clear(struct row *row)
{
	size_t i;

	for (i = 0; i < MAXCOLS; i++) {
		row->f[i] = "";
		row->len[i] = 0;
	}
	row->used = 0;
}

static void
put(struct row *row, int c, const char *s, size_t n)
{
	char *p;

	if (row->used + n + 1 > ROWBUF)
		n = ROWBUF - row->used - 1;	/* cannot happen: rows are short */
	p = row->buf + row->used;
	memcpy(p, s, n);
	p[n] = '\0';
	row->f[c] = p;
	row->len[c] = n;
	row->used += n + 1;
}

static void
put_s(struct row *row, int c, const char *s)
{
	put(row, c, s, strlen(s));
}

static void
put_date(struct row *row, int c, int32_t day)
{
	char b[16];

	if (day == NODATE)
		return;
	date_format(day, b);
	put(row, c, b, 10);
}

static void
put_uint(struct row *row, int c, uint64_t v)
{
	char b[24], *p = b + sizeof(b);

	do
		*--p = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	put(row, c, p, (size_t)(b + sizeof(b) - p));
}

static void
put_id(struct row *row, int c, uint64_t id)
{
	char b[24], *p = b + sizeof(b);
	int nd = 0;

	do {
		*--p = (char)('0' + id % 10);
		id /= 10;
		nd++;
	} while (id != 0 || nd < 7);
	*--p = 'P';
	put(row, c, p, (size_t)(b + sizeof(b) - p));
}

/* ---- dates ---- */

static int
dow(int32_t day)
{
	return (int)(((day % 7) + 11) % 7);	/* 0 Sunday; 1970-01-01 was a Thursday */
}

static int
day_of_year(int32_t day)
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	return (int)(day - date_from_ymd(y, 1, 1));
}

/* Incidents: a summer peak, weekends, Christmas and New Year. */
static double
w_incident(int32_t day)
{
	int y, m, d, wd = dow(day);
	double w = 1 + 0.12 * cos(2 * M_PI * (day_of_year(day) - 196) / 365.25);

	date_to_ymd(day, &y, &m, &d);
	if (wd == 0 || wd == 6)
		w *= 1.18;
	if (m == 12 && (d == 25 || d == 26))
		w *= 1.35;
	if (m == 1 && d == 1)
		w *= 1.7;
	return w * (day > 19000 ? 1 + 0.00003 * (day - 19000) : 1);	/* a slow rise */
}

/* Office processes: weekdays, a dip in August and at Christmas. */
static double
w_office(int32_t day)
{
	int y, m, d, wd = dow(day);
	double w = wd == 0 || wd == 6 ? 0.15 : 1.0;

	date_to_ymd(day, &y, &m, &d);
	if (m == 8)
		w *= 0.85;
	if (m == 12 && d >= 24)
		w *= 0.3;
	return w;
}

/* Arrest and wanted circulation: every day, fewer at weekends. */
static double
w_wanted(int32_t day)
{
	int wd = dow(day);

	return wd == 0 || wd == 6 ? 0.55 : 1.0;
}

/* Night-time economy patrols: Thursday to Saturday, dark months. */
static double
w_patrol(int32_t day)
{
	static const double wdw[7] = { 0.6, 0.7, 0.8, 0.9, 1.3, 1.7, 1.7 };
	int y, m, d;
	double w = wdw[dow(day)];

	date_to_ymd(day, &y, &m, &d);
	if (m >= 10 || m <= 2)
		w *= 1.3;
	return w;
}

static double
w_flat(int32_t day)
{
	(void)day;
	return 1;
}

/* The day of row i: the quantile (i + u) / n of the day weights. */
static int32_t
row_day(struct gen *g, uint64_t i)
{
	double x = ((double)i + rng_unit(&g->r)) / (double)g->nrows *
	    g->cum[g->ndays - 1];
	int lo = 0, hi = g->ndays - 1;

	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;

		if (g->cum[mid] > x)
			hi = mid;
		else
			lo = mid + 1;
	}
	return g->start + lo;
}

/* A delay in days, log-normal around median (at least lo). */
static int32_t
delay(struct rng *r, double median, double sigma, int32_t lo)
{
	double d = median * exp(sigma * rng_normal(r));
	int32_t v = d > 20000 ? 20000 : (int32_t)d;

	return v < lo ? lo : v;
}

/* Writes v with at least width digits; returns the length. */
static int
digits(char *b, uint64_t v, int width)
{
	char t[24];
	int n = 0, i;

	do {
		t[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0 || n < width);
	for (i = 0; i < n; i++)
		b[i] = t[n - 1 - i];
	return n;
}

/* The next reference: PREFIX + serial within the year of day. */
static void
put_ref(struct gen *g, struct row *row, int c, int32_t day)
{
	char b[40];
	int y, m, d, n;

	date_to_ymd(day, &y, &m, &d);
	if (y != g->ref_year) {
		g->ref_year = y;
		g->ref_serial = 0;
	}
	g->ref_serial++;
	/* Crime: 4100123/24 (CRIS-like); others: WM/24/00123. */
	n = (int)strlen(g->kd->refprefix);
	memcpy(b, g->kd->refprefix, (size_t)n);
	if (g->kind != SYNTH_CRIME) {
		b[n++] = '/';
		b[n++] = (char)('0' + y % 100 / 10);
		b[n++] = (char)('0' + y % 10);
		b[n++] = '/';
	}
	n += digits(b + n, g->ref_serial, 5);
	if (g->kind == SYNTH_CRIME) {
		b[n++] = '/';
		b[n++] = (char)('0' + y % 100 / 10);
		b[n++] = (char)('0' + y % 10);
	}
	put(row, c, b, (size_t)n);
}

/* ---- persons ---- */

/* An offender's index: half from a heavy tail (the repeat offenders). */
static uint64_t
pick_offender(struct gen *g, double heavy)
{
	uint64_t n = sw_segsize(&g->w, SW_SEG_OFFENDER);

	if (rng_chance(&g->r, heavy))
		return rng_skewed(&g->r, n, 1.5);
	return rng_below(&g->r, n);
}

/* Partner slot: most offenders abuse one partner, some two or three. */
static unsigned
pick_slot(struct gen *g)
{
	double u = rng_unit(&g->r);

	return u < 0.78 ? 0 : u < 0.95 ? 1 : 2;
}

/* The person number of an offender's partner in a slot. */
static uint64_t
partner(struct gen *g, uint64_t off, unsigned slot)
{
	uint64_t a = sw_segsize(&g->w, SW_SEG_ADULT);

	return sw_member(&g->w, SW_SEG_ADULT,
	    rng_derive(g->seed, SALT_COUPLE, off * 4 + slot) % a);
}

static uint64_t
offender_id(struct gen *g, uint64_t off)
{
	return sw_member(&g->w, SW_SEG_OFFENDER, off);
}

/* A victim outside a relationship: some repeat victims. */
static uint64_t
pick_adult(struct gen *g)
{
	uint64_t a = sw_segsize(&g->w, SW_SEG_ADULT);

	return sw_member(&g->w, SW_SEG_ADULT, rng_chance(&g->r, 0.15) ?
	    rng_skewed(&g->r, a, 1.5) : rng_below(&g->r, a));
}

/*
 * Writes person p into the role's columns: layout letters f(orename),
 * s(urname), d(ob), p(nc), o (postcode), x (sex) from column c on;
 * truth column tc.
 */
static void
put_person(struct gen *g, struct row *row, int c, const char *layout, int tc,
    const struct sw_person *p)
{
	char b[128];
	size_t n;

	for (; *layout; layout++, c++) {
		switch (*layout) {
		case 'f':
			n = sw_noisy_forename(&g->r, p, g->noise, b, sizeof(b));
			put(row, c, b, n);
			break;
		case 's':
			n = sw_noisy_surname(&g->r, p, g->noise, b, sizeof(b));
			put(row, c, b, n);
			break;
		case 'd':
			n = sw_noisy_dob(&g->r, p, g->noise, b);
			put(row, c, b, n);
			break;
		case 'p':
			n = sw_noisy_pnc(&g->r, p, g->noise, b);
			put(row, c, b, n);
			break;
		case 'o':
			if (!rng_chance(&g->r, 0.07))
				put_s(row, c, p->postcode);
			break;
		case 'x':
			if (!rng_chance(&g->r, 0.02))
				put(row, c, &p->sex, 1);
			break;
		}
	}
	put_id(row, tc, p->id);
}

/* A ward for an incident: the person's home ward or a busy one. */
static int
incident_ward(struct gen *g, const struct sw_person *home, double at_home)
{
	if (home != NULL && home->ward >= 0 && rng_chance(&g->r, at_home))
		return home->ward;
	return sw_pick_ward(&g->r);
}

/* ---- offences and outcomes ---- */

struct offence {
	const char *code;
	double weight;
	double da;		/* share flagged domestic abuse */
	char victim;		/* F, M, A adult; c under 16, u under 13 */
	char profile;		/* v violence, s sexual, r rape, h harassment */
};

static const struct offence offences[] = {
	{ "105A", 22, 0.55, 'A', 'v' }, { "8N", 18, 0.6, 'A', 'v' },
	{ "8L", 9, 0.5, 'A', 'h' }, { "8R", 6, 0.35, 'A', 'h' },
	{ "8U", 7, 1.0, 'F', 'h' }, { "8Q", 5, 0.45, 'F', 'h' },
	{ "9A", 4, 0.35, 'A', 'v' }, { "3B", 2, 0.6, 'A', 'v' },
	{ "5D", 1.2, 0.45, 'A', 'v' }, { "5E", 0.2, 0.4, 'A', 'v' },
	{ "19C", 3.2, 0.4, 'F', 'r' }, { "19D", 0.6, 0.05, 'c', 'r' },
	{ "19E", 0.3, 0.05, 'u', 'r' }, { "19F", 0.25, 0.15, 'M', 'r' },
	{ "20A", 5.5, 0.12, 'F', 's' }, { "20B", 0.6, 0.05, 'u', 's' },
	{ "17A", 0.5, 0.1, 'M', 's' }, { "22A", 0.5, 0.15, 'F', 's' },
	{ "22B", 0.4, 0, 'c', 's' }, { "88E", 1.8, 0.05, 'F', 's' },
	{ "88A", 0.3, 0, 'c', 's' }, { "71", 0.15, 0, 'c', 's' },
	{ "8K", 0.05, 0.2, 'u', 'v' }, { "11A", 0.6, 0.3, 'c', 'v' },
	{ "36", 0.2, 0.3, 'F', 'v' }, { "1", 0.03, 0.5, 'F', 'v' },
	{ "8M", 0.3, 0.05, 'A', 'h' }, { "105B", 0.4, 0.05, 'A', 'v' },
	{ "8P", 0.2, 0.05, 'A', 'v' },
};

struct outcome {
	const char *code;
	double weight;
	double median;		/* days from report to outcome */
};

/*
 * Outcome mixes by profile, after the shape of the Home Office outcome
 * tables for violence, sexual offences and stalking/harassment: most end
 * in evidential difficulties (14-16) or no suspect (18); charges are
 * 5-10%, fewer for rape.
 */
static const struct outcome out_violence[] = {
	{ "16", 42, 30 }, { "15", 10, 110 }, { "14", 4, 20 },
	{ "18", 7, 14 }, { "1", 8, 45 }, { "1A", 0.6, 60 },
	{ "3", 2, 30 }, { "8", 4, 20 }, { "10", 2, 40 }, { "21", 1, 40 },
	{ "20", 1, 30 }, { "9", 0.5, 90 }, { "22", 0.6, 50 },
	{ "17", 0.8, 190 }, { "2", 0.3, 40 }, { "5", 0.1, 120 },
	{ "13", 0.3, 60 },
};
static const struct outcome out_sexual[] = {
	{ "16", 30, 60 }, { "15", 22, 160 }, { "14", 8, 30 },
	{ "18", 20, 25 }, { "1", 6, 120 }, { "1A", 0.5, 150 },
	{ "3", 2, 60 }, { "8", 1, 30 }, { "20", 3, 30 }, { "10", 2, 60 },
	{ "21", 2, 60 }, { "9", 0.6, 150 }, { "22", 0.4, 80 },
};
static const struct outcome out_rape[] = {
	{ "16", 38, 150 }, { "15", 28, 400 }, { "14", 10, 60 },
	{ "18", 8, 60 }, { "1", 3.2, 300 }, { "1A", 0.4, 320 },
	{ "20", 3, 40 }, { "10", 1, 200 }, { "9", 1, 300 },
	{ "13", 0.5, 200 }, { "5", 0.2, 250 },
};
static const struct outcome out_harass[] = {
	{ "16", 35, 30 }, { "15", 18, 90 }, { "14", 6, 20 },
	{ "18", 14, 14 }, { "1", 7, 50 }, { "1A", 0.5, 60 },
	{ "8", 4, 20 }, { "3", 2, 30 }, { "10", 2, 40 }, { "20", 1, 30 },
	{ "21", 1, 40 }, { "17", 1, 185 }, { "22", 0.5, 60 },
};

/* lib/classify's group of an outcome (NULL: pending), cached. */
static const char *
outcome_group(const struct outcome *oc)
{
	static struct { const struct outcome *oc; const char *group; } c[64];
	static const char *pending;
	size_t i;

	if (oc == NULL) {
		if (pending == NULL)
			pending = classify_outcome("", 0);
		return pending;
	}
	for (i = 0; i < NELEM(c) && c[i].oc != NULL; i++)
		if (c[i].oc == oc)
			return c[i].group;
	if (i == NELEM(c))
		return classify_outcome(oc->code, strlen(oc->code));
	c[i].oc = oc;
	c[i].group = classify_outcome(oc->code, strlen(oc->code));
	return c[i].group;
}

static const struct outcome *
pick_outcome(struct rng *r, char profile)
{
	const struct outcome *t;
	size_t n, i;
	double total = 0, x;

	switch (profile) {
	case 'r': t = out_rape; n = NELEM(out_rape); break;
	case 's': t = out_sexual; n = NELEM(out_sexual); break;
	case 'h': t = out_harass; n = NELEM(out_harass); break;
	default: t = out_violence; n = NELEM(out_violence); break;
	}
	for (i = 0; i < n; i++)
		total += t[i].weight;
	x = rng_unit(r) * total;
	for (i = 0; i + 1 < n; i++) {
		x -= t[i].weight;
		if (x < 0)
			break;
	}
	return &t[i];
}

/* Index into a table of weights (linear: the tables are short). */
static size_t
pick_weighted(struct rng *r, const double *w, size_t n)
{
	double total = 0, x;
	size_t i;

	for (i = 0; i < n; i++)
		total += w[i];
	x = rng_unit(r) * total;
	for (i = 0; i + 1 < n; i++) {
		x -= w[i];
		if (x < 0)
			break;
	}
	return i;
}

/*
 * What lib/classify says of each offence and outcome of the tables
 * above, looked up once rather than on every row.
 */
struct offence_class {
	const char *desc, *group;
	const char *vawg[3];	/* da_flag Y, N, unknown */
};

static const struct offence_class *
offence_class(const struct offence *of)
{
	static struct offence_class oc[NELEM(offences)];
	struct offence_class *c = &oc[of - offences];
	size_t n = strlen(of->code);

	if (c->group == NULL) {
		const struct offence_info *oi = classify_offence(of->code, n);

		c->desc = oi != NULL ? oi->desc : "";
		c->group = classify_offence_group(of->code, n);
		c->vawg[0] = classify_vawg(of->code, n, "Y");
		c->vawg[1] = classify_vawg(of->code, n, "N");
		c->vawg[2] = classify_vawg(of->code, n, "");
	}
	return c;
}

static const struct offence *
pick_offence(struct rng *r)
{
	static double w[NELEM(offences)];
	size_t i;

	if (w[0] == 0)
		for (i = 0; i < NELEM(offences); i++)
			w[i] = offences[i].weight;
	return &offences[pick_weighted(r, w, NELEM(offences))];
}

/* Puts code, description and group of an offence from lib/classify. */
static void
put_offence(struct row *row, int ccode, int cdesc, int cgroup,
    const struct offence *of)
{
	const struct offence_class *c = offence_class(of);

	put_s(row, ccode, of->code);
	put_s(row, cdesc, c->desc);
	put_s(row, cgroup, c->group);
}

/* ---- crime ---- */

enum {
	CR_REF, CR_REPORTED, CR_COMMITTED, CR_TIME, CR_CODE, CR_DESC, CR_GROUP,
	CR_VAWG, CR_DA, CR_BCU, CR_BOROUGH, CR_WARD, CR_POSTCODE, CR_LSOA,
	CR_LAT, CR_LON, CR_EASTING, CR_NORTHING, CR_VICTIM, CR_SUSPECT = CR_VICTIM + 6, CR_OUTCOME = CR_SUSPECT + 6,
	CR_OUTDATE, CR_OUTGROUP, CR_VETH, CR_VAGE, CR_SPOLICE, CR_VTRUE,
	CR_STRUE, CR_N
};

static const struct col crime_cols[] = {
	{ "crime_ref", T_TEXT }, { "reported_date", T_DATE },
	{ "committed_date", T_DATE }, { "committed_time", T_TEXT },
	{ "offence_code", T_TEXT },
	{ "offence_desc", T_TEXT }, { "offence_group", T_TEXT },
	{ "vawg", T_FLAG }, { "da_flag", T_FLAG }, { "bcu", T_TEXT },
	{ "borough", T_TEXT }, { "ward", T_TEXT }, { "postcode", T_POSTCODE },
	{ "lsoa", T_TEXT }, { "latitude", T_TEXT }, { "longitude", T_TEXT },
	{ "easting", T_TEXT }, { "northing", T_TEXT },
	{ "victim_forename", T_TEXT },
	{ "victim_surname", T_TEXT }, { "victim_dob", T_DATE },
	{ "victim_pnc", T_PNC }, { "victim_postcode", T_POSTCODE },
	{ "victim_sex", T_SEX }, { "suspect_forename", T_TEXT },
	{ "suspect_surname", T_TEXT }, { "suspect_dob", T_DATE },
	{ "suspect_pnc", T_PNC }, { "suspect_postcode", T_POSTCODE },
	{ "suspect_sex", T_SEX }, { "outcome_code", T_TEXT },
	{ "outcome_date", T_DATE }, { "outcome_group", T_TEXT },
	{ "victim_ethnicity", T_LABEL }, { "victim_age", T_TEXT },
	{ "suspect_police", T_FLAG },
	{ "victim_true_id", T_TRUTH }, { "suspect_true_id", T_TRUTH },
};

static const struct rawcol crime_raw[] = {
	{ "Crime Reference", "crime_ref" },
	{ "Date Reported", "reported_date" },
	{ "Date Committed", "committed_date" },
	{ "Time Committed", "committed_time" },
	{ "Offence Code", "offence_code" },
	{ "Offence Description", "offence_desc" },
	{ "DA Flag", "da_flag" }, { "BCU", "bcu" }, { "Borough", "borough" },
	{ "Ward", "ward" }, { "Location Postcode", "postcode" },
	{ "LSOA Code", "lsoa" },
	{ "Latitude", "latitude" }, { "Longitude", "longitude" },
	{ "Easting", "easting" }, { "Northing", "northing" },
	{ "Victim Forename", "victim_forename" },
	{ "Victim Surname", "victim_surname" },
	{ "Victim DOB", "victim_dob" }, { "Victim PNC", "victim_pnc" },
	{ "Victim Postcode", "victim_postcode" },
	{ "Victim Sex", "victim_sex" },
	{ "Suspect Forename", "suspect_forename" },
	{ "Suspect Surname", "suspect_surname" },
	{ "Suspect DOB", "suspect_dob" }, { "Suspect PNC", "suspect_pnc" },
	{ "Suspect Postcode", "suspect_postcode" },
	{ "Suspect Sex", "suspect_sex" },
	{ "Outcome Code", "outcome_code" },
	{ "Outcome Date", "outcome_date" },
	{ "Victim Ethnicity", "victim_ethnicity" },
	{ "Victim Age", "victim_age" },
	{ "Suspect Police", "suspect_police" },
};

/* Age in years at day of someone born on dob. */
static int
age_at(int32_t dob, int32_t day)
{
	int y0, m0, d0, y1, m1, d1, a;

	date_to_ymd(dob, &y0, &m0, &d0);
	date_to_ymd(day, &y1, &m1, &d1);
	a = y1 - y0;
	if (m1 < m0 || (m1 == m0 && d1 < d0))
		a--;
	return a;
}

/* A victim fitting the offence's victim type (a few tries). */
static void
crime_victim(struct gen *g, char type, int32_t day, struct sw_person *v)
{
	int tries;

	for (tries = 0; tries < 8; tries++) {
		uint64_t id;

		switch (type) {
		case 'M':
			id = offender_id(g, rng_below(&g->r,
			    sw_segsize(&g->w, SW_SEG_OFFENDER)));
			break;
		case 'c':
		case 'u':
			id = sw_member(&g->w, SW_SEG_CHILD, rng_below(&g->r,
			    sw_segsize(&g->w, SW_SEG_CHILD)));
			break;
		default:
			id = pick_adult(g);
			break;
		}
		sw_person(&g->w, id, v);
		if (type == 'M' && v->sex != 'M')
			continue;
		if (type == 'F' && v->sex != 'F')
			continue;
		if ((type == 'c' || type == 'u') &&
		    (v->dob > day - 365 ||
		    age_at(v->dob, day) >= (type == 'u' ? 13 : 16)))
			continue;
		return;
	}
}

/*
 * The plan's equality columns, from a stream of their own (the other
 * columns are drawn as before): the victim's ethnicity, one of the
 * ONS 2021 groups of England and Wales at their census shares, the
 * person's own, left unrecorded on a quarter of crimes; the victim's
 * age at the offence (unrecorded on 1 in 10); whether the suspect is a
 * police officer or staff member (Y on about 1 in 200 domestic abuse
 * crimes and 1 in 500 others; unrecorded on 3 in 10).
 */
static void
crime_equality(struct gen *g, uint64_t i, struct row *row,
    const struct sw_person *v, int32_t com, int has_suspect, int da)
{
	static const char *const eth[] = { "white", "asian", "black",
	    "mixed", "other" };
	static const double ew[] = { 81.7, 9.3, 4.0, 2.9, 2.1 };
	struct rng r, pr;
	int age;

	rng_seed(&r, rng_derive(g->seed, 0x45515541ULL, i));
	rng_seed(&pr, rng_derive(g->seed, 0x45544848ULL, v->id));
	if (!rng_chance(&r, 0.25))
		put_s(row, CR_VETH, eth[pick_weighted(&pr, ew, 5)]);
	age = age_at(v->dob, com);
	if (age >= 0 && !rng_chance(&r, 0.1))
		put_uint(row, CR_VAGE, (uint64_t)age);
	if (has_suspect && !rng_chance(&r, 0.3))
		put_s(row, CR_SPOLICE, rng_chance(&r, da ? 0.005 : 0.002) ?
		    "Y" : "N");
}

static void
fill_crime(struct gen *g, uint64_t i, struct row *row)
{
	const struct offence *of;
	const struct outcome *oc;
	struct sw_person v, s;
	int32_t rep, com, outd;
	int da, ward, has_suspect = 1;
	char lsoa[16], pc[16];
	double u;
	struct synth_place pl;

	rep = row_day(g, i);
	put_ref(g, row, CR_REF, rep);
	of = pick_offence(&g->r);
	da = rng_chance(&g->r, of->da);

	/* Committed: mostly the same or the day before; non-recent
	 * sexual offences years before. */
	u = rng_unit(&g->r);
	if (u < 0.6)
		com = rep;
	else if (u < 0.85)
		com = rep - (int32_t)rng_range(&g->r, 1, 3);
	else if (u < (of->profile == 'r' || of->profile == 's' ? 0.88 : 0.96))
		com = rep - (int32_t)rng_range(&g->r, 4, 60);
	else
		com = rep - delay(&g->r, 400, 1.0, 61);

	if (da && of->victim != 'c' && of->victim != 'u') {
		uint64_t off = pick_offender(g, 0.55);

		sw_person(&g->w, offender_id(g, off), &s);
		sw_person(&g->w, partner(g, off, pick_slot(g)), &v);
		if (rng_chance(&g->r, 0.03)) {
			/* A counter-allegation: the victim is now the
			 * suspect. */
			struct sw_person t = v;

			v = s;
			s = t;
		}
	} else {
		crime_victim(g, of->victim, com, &v);
		sw_person(&g->w, offender_id(g, pick_offender(g, 0.45)), &s);
	}

	oc = pick_outcome(&g->r, of->profile);
	outd = rep + delay(&g->r, oc->median, 0.9, 0);
	if (outd > g->last)
		oc = NULL;		/* still under investigation */
	if (oc != NULL && strcmp(oc->code, "18") == 0)
		has_suspect = 0;
	else if (oc != NULL && strcmp(oc->code, "14") == 0)
		has_suspect = rng_chance(&g->r, 0.3);
	else
		has_suspect = !rng_chance(&g->r, 0.05);

	put_date(row, CR_REPORTED, rep);
	put_date(row, CR_COMMITTED, com);
	put_offence(row, CR_CODE, CR_DESC, CR_GROUP, of);
	if (!rng_chance(&g->r, 0.01))
		put_s(row, CR_DA, da ? "Y" : "N");
	put_s(row, CR_VAWG, offence_class(of)->vawg[row->len[CR_DA] == 0 ? 2 :
	    row->f[CR_DA][0] == 'Y' ? 0 : 1]);
	ward = incident_ward(g, da ? &v : NULL, 0.85);
	put_s(row, CR_BCU, SW_BCU);
	put_s(row, CR_BOROUGH, sw_borough[sw_ward[ward].borough]);
	put_s(row, CR_WARD, sw_ward[ward].name);
	if (da && v.ward == ward)
		strcpy(pc, v.postcode);
	else
		sw_postcode(&g->r, ward, pc);
	put_s(row, CR_POSTCODE, pc);
	sw_lsoa(pc, lsoa);
	put_s(row, CR_LSOA, lsoa);
	synth_place(g->seed, i, ward, com, g->start, g->last, &pl);
	put_s(row, CR_TIME, pl.time);
	put_s(row, CR_LAT, pl.lat);
	put_s(row, CR_LON, pl.lon);
	put_s(row, CR_EASTING, pl.e);
	put_s(row, CR_NORTHING, pl.n);
	put_person(g, row, CR_VICTIM, "fsdpox", CR_VTRUE, &v);
	if (has_suspect)
		put_person(g, row, CR_SUSPECT, "fsdpox", CR_STRUE, &s);
	if (oc != NULL) {
		put_s(row, CR_OUTCOME, oc->code);
		put_date(row, CR_OUTDATE, outd);
	}
	put_s(row, CR_OUTGROUP, outcome_group(oc));
	crime_equality(g, i, row, &v, com, has_suspect, da);
}

/* ---- wanted ---- */

enum {
	WA_REF, WA_PERSON, WA_CODE = WA_PERSON + 6, WA_DESC, WA_GROUP, WA_DA,
	WA_HIGHHARM, WA_FORENSIC, WA_WANTED, WA_ARREST, WA_BCU, WA_BOROUGH,
	WA_WARD, WA_TRUE, WA_N
};

static const struct col wanted_cols[] = {
	{ "wanted_ref", T_TEXT }, { "person_forename", T_TEXT },
	{ "person_surname", T_TEXT }, { "person_dob", T_DATE },
	{ "person_pnc", T_PNC }, { "person_postcode", T_POSTCODE },
	{ "person_sex", T_SEX }, { "offence_code", T_TEXT },
	{ "offence_desc", T_TEXT }, { "offence_group", T_TEXT },
	{ "da_flag", T_FLAG }, { "high_harm", T_FLAG },
	{ "forensic_live", T_FLAG }, { "wanted_date", T_DATE },
	{ "arrest_date", T_DATE }, { "bcu", T_TEXT }, { "borough", T_TEXT },
	{ "ward", T_TEXT }, { "person_true_id", T_TRUTH },
};

/* The semicolon-delimited one: a wanted-persons system, surname first. */
static const struct rawcol wanted_raw[] = {
	{ "Wanted Ref", "wanted_ref" }, { "Date Circulated", "wanted_date" },
	{ "Surname", "person_surname" }, { "Forename", "person_forename" },
	{ "Date of Birth", "person_dob" }, { "PNC ID", "person_pnc" },
	{ "Home Postcode", "person_postcode" }, { "Gender", "person_sex" },
	{ "Offence Code", "offence_code" }, { "Offence", "offence_desc" },
	{ "DA", "da_flag" }, { "High Harm", "high_harm" },
	{ "Forensic Live", "forensic_live" },
	{ "Date Arrested", "arrest_date" }, { "BCU", "bcu" },
	{ "Borough", "borough" }, { "Ward", "ward" },
};

static void
fill_wanted(struct gen *g, uint64_t i, struct row *row)
{
	const struct offence *of;
	struct sw_person p;
	int32_t day, arrest;
	int da, ward;
	const char *grp;

	day = row_day(g, i);
	put_ref(g, row, WA_REF, day);
	/* Wanted persons are mostly the repeat offenders. */
	sw_person(&g->w, offender_id(g, pick_offender(g, 0.75)), &p);
	put_person(g, row, WA_PERSON, "fsdpox", WA_TRUE, &p);
	do
		of = pick_offence(&g->r);
	while (of->victim == 'c' || of->victim == 'u');
	da = rng_chance(&g->r, of->da);
	put_offence(row, WA_CODE, WA_DESC, WA_GROUP, of);
	put_s(row, WA_DA, da ? "Y" : "N");
	grp = row->f[WA_GROUP];
	put_s(row, WA_HIGHHARM, strcmp(grp, "rape") == 0 ||
	    strcmp(grp, "homicide") == 0 || strcmp(grp, "threats_to_kill") == 0 ||
	    strcmp(grp, "stalking") == 0 || (da &&
	    strcmp(grp, "violence_with_injury") == 0) ||
	    rng_chance(&g->r, 0.1) ? "Y" : "N");
	if (!rng_chance(&g->r, 0.12))
		put_s(row, WA_FORENSIC, rng_chance(&g->r, 0.09) ? "Y" : "N");
	put_date(row, WA_WANTED, day);
	/* Most are arrested within weeks; some stay wanted for long. */
	arrest = day + delay(&g->r, rng_chance(&g->r, 0.8) ? 9 : 120, 1.0, 0);
	if (arrest <= g->last)
		put_date(row, WA_ARREST, arrest);
	ward = incident_ward(g, &p, 0.8);
	put_s(row, WA_BCU, SW_BCU);
	put_s(row, WA_BOROUGH, sw_borough[sw_ward[ward].borough]);
	put_s(row, WA_WARD, sw_ward[ward].name);
}

/* ---- order ---- */

enum {
	OR_REF, OR_TYPE, OR_RESP, OR_PROT = OR_RESP + 5, OR_APPLIED = OR_PROT + 3,
	OR_DECISION, OR_GRANTED, OR_EXPIRY, OR_BREACH, OR_BCU, OR_BOROUGH,
	OR_PNCUP, OR_RTRUE, OR_PTRUE, OR_N
};

static const struct col order_cols[] = {
	{ "order_ref", T_TEXT }, { "order_type", T_TEXT },
	{ "respondent_forename", T_TEXT }, { "respondent_surname", T_TEXT },
	{ "respondent_dob", T_DATE }, { "respondent_pnc", T_PNC },
	{ "respondent_postcode", T_POSTCODE },
	{ "protected_forename", T_TEXT }, { "protected_surname", T_TEXT },
	{ "protected_dob", T_DATE }, { "applied_date", T_DATE },
	{ "decision", T_LABEL }, { "granted_date", T_DATE },
	{ "expiry_date", T_DATE }, { "breach_count", T_TEXT },
	{ "bcu", T_TEXT }, { "borough", T_TEXT },
	{ "pnc_upload_date", T_DATE },
	{ "respondent_true_id", T_TRUTH }, { "protected_true_id", T_TRUTH },
};

static const struct rawcol order_raw[] = {
	{ "Order Ref", "order_ref" }, { "Order Type", "order_type" },
	{ "Date Applied", "applied_date" },
	{ "Respondent Surname", "respondent_surname" },
	{ "Respondent Forename", "respondent_forename" },
	{ "Respondent DOB", "respondent_dob" },
	{ "Respondent PNC", "respondent_pnc" },
	{ "Respondent Postcode", "respondent_postcode" },
	{ "Protected Person Surname", "protected_surname" },
	{ "Protected Person Forename", "protected_forename" },
	{ "Protected Person DOB", "protected_dob" },
	{ "Decision", "decision" }, { "Date Granted", "granted_date" },
	{ "Expiry Date", "expiry_date" }, { "Breaches", "breach_count" },
	{ "BCU", "bcu" }, { "Borough", "borough" },
	{ "PNC Upload Date", "pnc_upload_date" },
};

struct ordertype {
	const char *type;
	double weight;
	double dec[3];		/* granted, refused, withdrawn */
	int gmin, gmax;		/* days from application to the order */
	double open;		/* share without an expiry (until further order) */
	int emin, emax;		/* days from the order to expiry */
	double breach;		/* mean breaches while in force */
};

static const struct ordertype ordertypes[] = {
	{ "DVPN", 30, { 96, 3, 1 }, 0, 0, 0, 2, 2, 0 },
	{ "DVPO", 26, { 86, 8, 6 }, 1, 2, 0, 14, 28, 0.15 },
	{ "SPO", 6, { 72, 8, 10 }, 14, 90, 0.35, 730, 1825, 0.6 },
	{ "ISPO", 4, { 85, 10, 5 }, 1, 7, 0, 28, 90, 0.2 },
	{ "NMO", 16, { 85, 5, 10 }, 0, 14, 0.25, 180, 730, 0.5 },
	{ "RO", 14, { 97, 1, 2 }, 0, 0, 0.4, 365, 1825, 0.5 },
	{ "SHPO", 2, { 95, 4, 1 }, 0, 0, 0.3, 1825, 3650, 0.3 },
};

/*
 * A follow-up some days after day (a granted order put on the PNC, a
 * Clare's Law applicant told of the decision), from a stream of its
 * own: 55% within a day, 30% in 2-7 days, 12% in 8-30 days, 3% never;
 * left empty when it falls after the data's last day.
 */
static void
put_followup(struct gen *g, uint64_t i, struct row *row, int c, int32_t day,
    uint64_t tag)
{
	struct rng r;
	double u;
	int32_t d;

	rng_seed(&r, rng_derive(g->seed, tag, i));
	u = rng_unit(&r);
	if (u < 0.55)
		d = day + (int32_t)rng_range(&r, 0, 1);
	else if (u < 0.85)
		d = day + (int32_t)rng_range(&r, 2, 7);
	else if (u < 0.97)
		d = day + (int32_t)rng_range(&r, 8, 30);
	else
		return;
	if (d <= g->last)
		put_date(row, c, d);
}

static void
fill_order(struct gen *g, uint64_t i, struct row *row)
{
	static const char *const decisions[] = {
		"granted", "refused", "withdrawn",
	};
	static double tw[NELEM(ordertypes)];
	const struct ordertype *ot;
	struct sw_person resp, prot;
	int32_t applied, granted, expiry;
	uint64_t off;
	size_t k;
	int ward;
	double mean, u, p;
	uint64_t breaches = 0;

	if (tw[0] == 0)
		for (k = 0; k < NELEM(ordertypes); k++)
			tw[k] = ordertypes[k].weight;
	applied = row_day(g, i);
	put_ref(g, row, OR_REF, applied);
	ot = &ordertypes[pick_weighted(&g->r, tw, NELEM(tw))];
	put_s(row, OR_TYPE, ot->type);
	/* Respondents are suspects; the protected person their partner,
	 * or for stalking orders often someone else. */
	off = pick_offender(g, 0.7);
	sw_person(&g->w, offender_id(g, off), &resp);
	if (strstr(ot->type, "SPO") != NULL && rng_chance(&g->r, 0.5))
		sw_person(&g->w, pick_adult(g), &prot);
	else
		sw_person(&g->w, partner(g, off, pick_slot(g)), &prot);
	put_person(g, row, OR_RESP, "fsdpo", OR_RTRUE, &resp);
	put_person(g, row, OR_PROT, "fsd", OR_PTRUE, &prot);
	put_date(row, OR_APPLIED, applied);
	k = pick_weighted(&g->r, ot->dec, 3);
	granted = applied + (int32_t)rng_range(&g->r, ot->gmin, ot->gmax);
	if (granted > g->last) {
		put_s(row, OR_DECISION, "pending");
	} else if (k > 0) {
		put_s(row, OR_DECISION, decisions[k]);
	} else {
		put_s(row, OR_DECISION, "granted");
		put_date(row, OR_GRANTED, granted);
		if (!rng_chance(&g->r, ot->open)) {
			expiry = granted + (int32_t)rng_range(&g->r, ot->emin,
			    ot->emax);
			put_date(row, OR_EXPIRY, expiry);
		} else
			expiry = g->last;
		/* Breaches so far: a Poisson count over the time in force. */
		if (expiry > g->last)
			expiry = g->last;
		mean = ot->breach * (double)(expiry - granted + 1) /
		    (ot->emax > 0 ? ot->emax : 365);
		u = rng_unit(&g->r);
		p = exp(-mean);
		while (u > p && breaches < 20) {
			u -= p;
			breaches++;
			p *= mean / (double)breaches;
		}
	}
	if (row->len[OR_GRANTED] > 0)
		put_uint(row, OR_BREACH, breaches);
	ward = incident_ward(g, &prot, 0.9);
	put_s(row, OR_BCU, SW_BCU);
	put_s(row, OR_BOROUGH, sw_borough[sw_ward[ward].borough]);
	if (row->len[OR_GRANTED] > 0)
		put_followup(g, i, row, OR_PNCUP, granted, 0x504e4355ULL);
}

/* ---- marac ---- */

enum {
	MA_REF, MA_REFERRAL, MA_MEETING, MA_VICTIM, MA_PERP = MA_VICTIM + 4,
	MA_DASH = MA_PERP + 4, MA_RISK, MA_ROUTE, MA_AGENCY, MA_BOROUGH,
	MA_VTRUE, MA_PTRUE, MA_N
};

static const struct col marac_cols[] = {
	{ "marac_ref", T_TEXT }, { "referral_date", T_DATE },
	{ "meeting_date", T_DATE }, { "victim_forename", T_TEXT },
	{ "victim_surname", T_TEXT }, { "victim_dob", T_DATE },
	{ "victim_postcode", T_POSTCODE }, { "perpetrator_forename", T_TEXT },
	{ "perpetrator_surname", T_TEXT }, { "perpetrator_dob", T_DATE },
	{ "perpetrator_pnc", T_PNC }, { "dash_score", T_TEXT },
	{ "risk_level", T_LABEL }, { "referral_route", T_LABEL },
	{ "referring_agency", T_LABEL }, { "borough", T_TEXT },
	{ "victim_true_id", T_TRUTH }, { "perpetrator_true_id", T_TRUTH },
};

static const struct rawcol marac_raw[] = {
	{ "MARAC Ref", "marac_ref" }, { "Date Referred", "referral_date" },
	{ "Meeting Date", "meeting_date" },
	{ "Victim First Name", "victim_forename" },
	{ "Victim Last Name", "victim_surname" },
	{ "Victim DOB", "victim_dob" }, { "Victim Postcode", "victim_postcode" },
	{ "Perpetrator First Name", "perpetrator_forename" },
	{ "Perpetrator Last Name", "perpetrator_surname" },
	{ "Perpetrator DOB", "perpetrator_dob" },
	{ "Perpetrator PNC", "perpetrator_pnc" },
	{ "DASH Score", "dash_score" }, { "Risk Level", "risk_level" },
	{ "Referral Route", "referral_route" },
	{ "Referring Agency", "referring_agency" }, { "Borough", "borough" },
};

/*
 * MARAC meetings: Northfield every other Tuesday, Southmere every other
 * Thursday (in the weeks between).  The first meeting of borough b on or
 * after day.
 */
static int32_t
next_meeting(int b, int32_t day)
{
	int32_t d;

	for (d = day; ; d++) {
		int week = (int)((d + 3) / 7);	/* weeks start on Monday */

		if (b == 0 && dow(d) == 2 && week % 2 == 0)
			return d;
		if (b == 1 && dow(d) == 4 && week % 2 == 1)
			return d;
	}
}

static void
fill_marac(struct gen *g, uint64_t i, struct row *row)
{
	static const char *const agencies[] = {
		"police", "idva", "health", "children_social_care", "housing",
		"probation", "adult_social_care", "mental_health",
		"voluntary_sector", "education",
	};
	static const double aw[] = { 62, 10, 7, 6, 4, 3, 2, 2, 3, 1 };
	struct sw_person v, p;
	int32_t ref, meet;
	uint64_t off;
	int b, dash;
	const char *route, *risk;

	ref = row_day(g, i);
	put_ref(g, row, MA_REF, ref);
	off = pick_offender(g, 0.7);
	sw_person(&g->w, offender_id(g, off), &p);
	sw_person(&g->w, partner(g, off, pick_slot(g)), &v);
	b = v.ward >= 0 ? sw_ward[v.ward].borough :
	    sw_ward[sw_pick_ward(&g->r)].borough;
	put_date(row, MA_REFERRAL, ref);
	meet = next_meeting(b, ref + 7);
	if (meet <= g->last) {
		put_date(row, MA_MEETING, meet);
		g->on_list = meet == g->last_meeting &&
		    b == g->last_meeting_borough;
	}
	put_person(g, row, MA_VICTIM, "fsdo", MA_VTRUE, &v);
	put_person(g, row, MA_PERP, "fsdp", MA_PTRUE, &p);
	if (rng_chance(&g->r, 0.7)) {
		dash = 14 + (int)(14 * pow(rng_unit(&g->r), 1.8));
		route = rng_chance(&g->r, 0.25) ? "repeat" : "visible_high_risk";
		risk = "high";
	} else {
		dash = (int)rng_range(&g->r, 4, 13);
		if (rng_chance(&g->r, 0.6)) {
			route = "professional_judgement";
			risk = "high";
		} else {
			route = "escalation";
			risk = rng_chance(&g->r, 0.6) ? "medium" : "high";
		}
	}
	put_uint(row, MA_DASH, (uint64_t)(dash > 27 ? 27 : dash));
	put_s(row, MA_RISK, risk);
	put_s(row, MA_ROUTE, route);
	put_s(row, MA_AGENCY, agencies[pick_weighted(&g->r, aw, NELEM(aw))]);
	put_s(row, MA_BOROUGH, sw_borough[b]);
}

/* ---- disclosure ---- */

enum {
	DV_REF, DV_ROUTE, DV_CHANNEL, DV_RECEIVED, DV_DECIDED, DV_DECISION,
	DV_APPL, DV_SUBJ = DV_APPL + 3, DV_BOROUGH = DV_SUBJ + 4, DV_CONTACT,
	DV_ATRUE, DV_STRUE, DV_N
};

static const struct col disclosure_cols[] = {
	{ "dvds_ref", T_TEXT }, { "route", T_LABEL }, { "channel", T_LABEL },
	{ "received_date", T_DATE }, { "decision_date", T_DATE },
	{ "decision", T_LABEL }, { "applicant_forename", T_TEXT },
	{ "applicant_surname", T_TEXT }, { "applicant_dob", T_DATE },
	{ "subject_forename", T_TEXT }, { "subject_surname", T_TEXT },
	{ "subject_dob", T_DATE }, { "subject_pnc", T_PNC },
	{ "borough", T_TEXT }, { "contact_date", T_DATE },
	{ "applicant_true_id", T_TRUTH }, { "subject_true_id", T_TRUTH },
};

static const struct rawcol disclosure_raw[] = {
	{ "DVDS Ref", "dvds_ref" }, { "Route", "route" },
	{ "Channel", "channel" }, { "Date Received", "received_date" },
	{ "Date of Decision", "decision_date" }, { "Decision", "decision" },
	{ "Applicant Forename", "applicant_forename" },
	{ "Applicant Surname", "applicant_surname" },
	{ "Applicant DOB", "applicant_dob" },
	{ "Subject Forename", "subject_forename" },
	{ "Subject Surname", "subject_surname" },
	{ "Subject DOB", "subject_dob" }, { "Subject PNC", "subject_pnc" },
	{ "Borough", "borough" }, { "Contact Date", "contact_date" },
};

static void
fill_disclosure(struct gen *g, uint64_t i, struct row *row)
{
	static const char *const decisions[] = {
		"disclose", "no_disclose", "withdrawn",
	};
	static const double ask_w[] = { 40, 42, 10 };
	static const double know_w[] = { 70, 30, 0 };
	struct sw_person a, s;
	int32_t rec, dec;
	uint64_t off;
	int ask, b;

	rec = row_day(g, i);
	put_ref(g, row, DV_REF, rec);
	ask = rng_chance(&g->r, 0.62);
	put_s(row, DV_ROUTE, ask ? "ask" : "know");
	put_s(row, DV_CHANNEL, ask && rng_chance(&g->r, 0.55) ? "portal" :
	    "other");
	put_date(row, DV_RECEIVED, rec);
	/* The 28-day target, mostly met. */
	dec = rec + delay(&g->r, 20, 0.45, 1);
	if (dec <= g->last) {
		put_date(row, DV_DECIDED, dec);
		put_s(row, DV_DECISION, decisions[pick_weighted(&g->r,
		    ask ? ask_w : know_w, 3)]);
	} else
		put_s(row, DV_DECISION, "pending");
	off = pick_offender(g, 0.75);
	sw_person(&g->w, offender_id(g, off), &s);
	if (ask && rng_chance(&g->r, 0.25))
		sw_person(&g->w, pick_adult(g), &a);	/* a third party asks */
	else
		sw_person(&g->w, partner(g, off, pick_slot(g)), &a);
	put_person(g, row, DV_APPL, "fsd", DV_ATRUE, &a);
	put_person(g, row, DV_SUBJ, "fsdp", DV_STRUE, &s);
	b = a.ward >= 0 ? sw_ward[a.ward].borough :
	    sw_ward[sw_pick_ward(&g->r)].borough;
	put_s(row, DV_BOROUGH, sw_borough[b]);
	if (row->len[DV_DECIDED] > 0 && row->f[DV_DECISION][0] != 'w')
		put_followup(g, i, row, DV_CONTACT, dec, 0x434f4e54ULL);
}

/* ---- engagement ---- */

enum {
	EN_REF, EN_DATE, EN_TYPE, EN_BCU, EN_BOROUGH, EN_WARD, EN_POSTCODE,
	EN_CONCERN, EN_ACTION, EN_STATUS, EN_NOTES, EN_N
};

static const struct col engagement_cols[] = {
	{ "engagement_ref", T_TEXT }, { "date", T_DATE }, { "type", T_LABEL },
	{ "bcu", T_TEXT }, { "borough", T_TEXT }, { "ward", T_TEXT },
	{ "postcode", T_POSTCODE }, { "concern", T_LABEL },
	{ "action", T_LABEL }, { "status", T_LABEL }, { "notes", T_TEXT },
};

static const struct rawcol engagement_raw[] = {
	{ "Ref", "engagement_ref" }, { "Date", "date" },
	{ "Activity", "type" }, { "BCU", "bcu" }, { "Borough", "borough" },
	{ "Ward", "ward" }, { "Postcode", "postcode" },
	{ "Concern", "concern" }, { "Action", "action" },
	{ "Status", "status" }, { "Notes", "notes" },
};

static void
fill_engagement(struct gen *g, uint64_t i, struct row *row)
{
	static const char *const types[] = {
		"walk_and_talk", "streetsafe", "op_gwen", "vigilant", "verona",
	};
	static const double tw[] = { 35, 20, 10, 20, 15 };
	static const char *const concerns[] = {
		"poor_lighting", "followed", "verbal_harassment", "catcalling",
		"drink_spiking", "unsafe_route", "groups_loitering",
		"indecent_exposure", "no_cctv", "isolated_area",
	};
	static const char *const actions[] = {
		"patrol_increased", "lighting_repair_requested",
		"cctv_reviewed", "advice_given", "referral_to_council",
		"vigilant_deployment", "licensing_visit", "no_further_action",
	};
	static const char *const notes[] = {
		"Poor lighting on the footpath, feels unsafe after dark",
		"Group of men outside the takeaway, comments made to passers-by",
		"Reported being followed from the station to the bus stop",
		"Venue staff asked about \"Ask for Angela\" posters",
		"Underpass near the park, no CCTV, graffiti",
		"Taxi rank busy after midnight; door staff helpful",
		"Resident said: \"it happens every Friday\"",
		"Hedges overgrown, path narrow\nCouncil informed",
	};
	int32_t day, ref;
	int ward, t;
	char pc[16], b[512];
	size_t n;

	day = row_day(g, i);
	put_ref(g, row, EN_REF, day);
	put_date(row, EN_DATE, day);
	t = (int)pick_weighted(&g->r, tw, NELEM(tw));
	put_s(row, EN_TYPE, types[t]);
	ward = sw_pick_ward(&g->r);
	put_s(row, EN_BCU, SW_BCU);
	put_s(row, EN_BOROUGH, sw_borough[sw_ward[ward].borough]);
	put_s(row, EN_WARD, sw_ward[ward].name);
	if (!rng_chance(&g->r, 0.1)) {
		sw_postcode(&g->r, ward, pc);
		put_s(row, EN_POSTCODE, pc);
	}
	put_s(row, EN_CONCERN, concerns[rng_below(&g->r, NELEM(concerns))]);
	put_s(row, EN_ACTION, actions[rng_below(&g->r, NELEM(actions))]);
	/* Recent ones are more often still open. */
	ref = g->last - day;
	put_s(row, EN_STATUS, rng_chance(&g->r, ref < 60 ? 0.5 : 0.06) ?
	    "open" : rng_chance(&g->r, 0.55) ? "actioned" : "closed");
	if (rng_chance(&g->r, 0.3)) {
		const char *a = notes[rng_below(&g->r, NELEM(notes))];

		n = (size_t)snprintf(b, sizeof(b), "%s", a);
		if (rng_chance(&g->r, 0.3))
			n = (size_t)snprintf(b, sizeof(b), "%s, %s", a,
			    notes[rng_below(&g->r, NELEM(notes))]);
		put(row, EN_NOTES, b, n < sizeof(b) ? n : sizeof(b) - 1);
	}
}

/* ---- population ---- */

enum { PO_AREA, PO_YEAR, PO_POP, PO_F16, PO_N };

static const struct col population_cols[] = {
	{ "area", T_TEXT }, { "year", T_TEXT }, { "population", T_TEXT },
	{ "female_16plus", T_TEXT },
};

static const struct rawcol population_raw[] = {
	{ "Area", "area" }, { "Year", "year" },
	{ "All persons", "population" }, { "Females 16+", "female_16plus" },
};

/* Areas: the BCU, its boroughs, its wards. */
#define NAREAS (1 + SW_NBOROUGHS + SW_NWARDS)

/* Mid-year population of area a in year y (fictional). */
static void
population(int a, int y, uint64_t *pop, uint64_t *f16)
{
	static const double base[SW_NBOROUGHS] = { 271400, 318900 };
	static const double growth[SW_NBOROUGHS] = { 0.006, 0.004 };
	double p = 0, wsum[SW_NBOROUGHS] = { 0, 0 };
	int b, w;

	for (w = 0; w < SW_NWARDS; w++)
		wsum[sw_ward[w].borough] += 1 + 0.2 * sw_ward[w].weight;
	for (b = 0; b < SW_NBOROUGHS; b++) {
		double pb = base[b] * pow(1 + growth[b], y - 2023);

		if (a == 0 || a == 1 + b)
			p += pb;
		for (w = 0; w < SW_NWARDS; w++)
			if (a == 1 + SW_NBOROUGHS + w && sw_ward[w].borough == b)
				p = pb * (1 + 0.2 * sw_ward[w].weight) / wsum[b];
	}
	*pop = (uint64_t)(p + 0.5);
	*f16 = (uint64_t)(p * 0.412 + 0.5);
}

static void
fill_population(struct gen *g, uint64_t i, struct row *row)
{
	int a = (int)(i % NAREAS), y0, m, d;
	uint64_t pop, f16;

	date_to_ymd(g->start, &y0, &m, &d);
	if (a == 0)
		put_s(row, PO_AREA, SW_BCU);
	else if (a <= SW_NBOROUGHS)
		put_s(row, PO_AREA, sw_borough[a - 1]);
	else
		put_s(row, PO_AREA, sw_ward[a - 1 - SW_NBOROUGHS].name);
	put_uint(row, PO_YEAR, (uint64_t)y0 + i / NAREAS);
	population(a, y0 + (int)(i / NAREAS), &pop, &f16);
	put_uint(row, PO_POP, pop);
	put_uint(row, PO_F16, f16);
}

/* ---- kinds ---- */

static const struct kinddef kinds[SYNTH_NKINDS] = {
	[SYNTH_CRIME] = { "crime", crime_cols, NELEM(crime_cols), crime_raw,
	    NELEM(crime_raw), "crime-export.csv", ',', 1, ENC_CP1252, 33000,
	    "41", fill_crime, w_incident },
	[SYNTH_WANTED] = { "wanted", wanted_cols, NELEM(wanted_cols),
	    wanted_raw, NELEM(wanted_raw), "wanted-export.csv", ';', 1,
	    ENC_UTF8_BOM, 1500, "WM", fill_wanted, w_wanted },
	[SYNTH_ORDER] = { "order", order_cols, NELEM(order_cols), order_raw,
	    NELEM(order_raw), "orders-export.csv", ',', 1, ENC_CP1252, 1300,
	    "OR", fill_order, w_office },
	[SYNTH_MARAC] = { "marac", marac_cols, NELEM(marac_cols), marac_raw,
	    NELEM(marac_raw), "marac-export.csv", ',', 1, ENC_UTF8_BOM, 2900,
	    "MA", fill_marac, w_office },
	[SYNTH_DISCLOSURE] = { "disclosure", disclosure_cols,
	    NELEM(disclosure_cols), disclosure_raw, NELEM(disclosure_raw),
	    "dvds-export.csv", ',', 0, ENC_CP1252, 2100, "DV",
	    fill_disclosure, w_office },
	[SYNTH_ENGAGEMENT] = { "engagement", engagement_cols,
	    NELEM(engagement_cols), engagement_raw, NELEM(engagement_raw),
	    "engagement-export.csv", '\t', 0, ENC_UTF8, 3000, "EN",
	    fill_engagement, w_patrol },
	[SYNTH_POPULATION] = { "population", population_cols,
	    NELEM(population_cols), population_raw, NELEM(population_raw),
	    "population-estimates.csv", ',', 0, ENC_UTF8, NAREAS * 4, "",
	    fill_population, w_flat },
};

static const char *const bad_names[SYNTH_NBAD] = {
	"impossible_date", "future_date", "bad_pnc_check",
};

int
synth_kind_parse(const char *s, enum synth_kind *k)
{
	int i;

	for (i = 0; i < SYNTH_NKINDS; i++)
		if (kinds[i].name != NULL && strcmp(s, kinds[i].name) == 0) {
			*k = (enum synth_kind)i;
			return 0;
		}
	return -1;
}

const char *
synth_kind_name(enum synth_kind k)
{
	return kinds[k].name;
}

const char *
synth_bad_name(enum synth_bad b)
{
	return bad_names[b];
}

/* Calendar years the 36 months ending before o's end month touch. */
static int
window_years(const struct synth_opts *o)
{
	return o->end_month == 1 ? 3 : 4;
}

int
synth_has_places(enum synth_kind k)
{
	const struct kinddef *kd = &kinds[k];
	size_t j;

	for (j = 0; j < kd->ncols; j++)
		if (strcmp(kd->cols[j].name, "latitude") == 0)
			return 1;
	return 0;
}

uint64_t
synth_rows_at(enum synth_kind k, const struct synth_opts *o)
{
	double n = kinds[k].base_rows * o->scale;

	if (k == SYNTH_POPULATION)
		return (uint64_t)(NAREAS * window_years(o));

	return n < 1 ? 1 : (uint64_t)(n + 0.5);
}

/* Sets up the generator for nrows rows of kind k in a world of scale. */
static void
gen_init(struct gen *g, enum synth_kind k, uint64_t nrows, double scale,
    const struct synth_opts *o)
{
	int i;
	double total = 0;

	memset(g, 0, sizeof(*g));
	g->kd = &kinds[k];
	g->kind = k;
	g->noise = o->noise;
	g->seed = o->seed;
	g->nrows = nrows;
	g->extract = date_from_ymd(o->end_year, o->end_month, 1);
	g->last = g->extract - 1;
	g->start = date_add_months(g->extract, -36);
	g->ndays = (int)(g->last - g->start + 1);
	for (i = 0; i < g->ndays; i++) {
		total += g->kd->dayweight(g->start + i);
		g->cum[i] = total;
	}
	sw_init(&g->w, o->seed, (uint64_t)(POOL_PER_SCALE * scale),
	    g->extract);
	g->ref_year = 0;
	if (k == SYNTH_MARAC) {
		int b;

		/* The last meeting in the window, of either borough. */
		for (b = 0; b < SW_NBOROUGHS; b++) {
			int32_t m = next_meeting(b, g->last - 14);

			while (next_meeting(b, m + 1) <= g->last)
				m = next_meeting(b, m + 1);
			if (m <= g->last && m > g->last_meeting) {
				g->last_meeting = m;
				g->last_meeting_borough = b;
			}
		}
	}
}

/* Fills row i. */
static void
gen_row(struct gen *g, uint64_t i, struct row *row)
{
	rng_seed(&g->r, rng_derive(g->seed, SALT_ROW + (uint64_t)g->kind, i));
	row_clear(row);
	g->on_list = 0;
	g->kd->fill(g, i, row);
}

/* ---- raw exports ---- */

/* Index of canonical column name, or -1. */
static int
col_index(const struct kinddef *kd, const char *name)
{
	size_t i;

	for (i = 0; i < kd->ncols; i++)
		if (strcmp(kd->cols[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* "walk_and_talk" as a source system shows it: "Walk and talk". */
static size_t
label(const char *s, size_t n, char *b)
{
	size_t i;

	for (i = 0; i < n; i++)
		b[i] = s[i] == '_' ? ' ' : s[i];
	if (n > 0 && b[0] >= 'a' && b[0] <= 'z')
		b[0] = (char)(b[0] - 'a' + 'A');
	return n;
}

/* dd/mm/yyyy from YYYY-MM-DD. */
static size_t
dmy(const char *s, size_t n, char *b)
{
	if (n != 10)
		return 0;
	memcpy(b, s + 8, 2);
	b[2] = '/';
	memcpy(b + 3, s + 5, 2);
	b[5] = '/';
	memcpy(b + 6, s, 4);
	return 10;
}

static size_t
dmy_day(int32_t day, char *b)
{
	char iso[16];

	date_format(day, iso);
	return dmy(iso, 10, b);
}

/*
 * Turns the canonical row into the source system's: column order and
 * names, dates, flags and labels as people type them, PNC IDs in long,
 * short or slashless form, postcodes with and without the space.
 */
static void
raw_row(const struct kinddef *kd, const int *map, struct rng *r,
    const struct row *in, struct row *out)
{
	size_t j;
	char b[256];

	row_clear(out);
	for (j = 0; j < kd->nraw; j++) {
		int c = map[j];
		const char *s = in->f[c];
		size_t n = in->len[c], k;

		if (n == 0)
			continue;
		switch (kd->cols[c].type) {
		case T_DATE:
			put(out, (int)j, b, dmy(s, n, b));
			break;
		case T_FLAG:
			put_s(out, (int)j, s[0] == 'Y' ? "Yes" : "No");
			break;
		case T_SEX:
			put_s(out, (int)j, s[0] == 'M' ? "Male" : "Female");
			break;
		case T_LABEL:
			put(out, (int)j, b, label(s, n, b));
			break;
		case T_PNC: {
			double u = rng_unit(r);

			if (u < 0.6 || n != 13)
				put(out, (int)j, s, n);
			else if (u < 0.8) {	/* 20080056560Z */
				memcpy(b, s, 4);
				memcpy(b + 4, s + 5, 8);
				put(out, (int)j, b, 12);
			} else {		/* 08/56560Z */
				size_t z = 5;

				while (z < 11 && s[z] == '0')
					z++;
				memcpy(b, s + 2, 2);
				b[2] = '/';
				memcpy(b + 3, s + z, 13 - z);
				put(out, (int)j, b, 3 + 13 - z);
			}
			break;
		}
		case T_POSTCODE: {
			double u = rng_unit(r);

			for (k = 0; k < n && k < sizeof(b); k++)
				b[k] = s[k];
			if (u < 0.12) {		/* no space */
				char *sp = memchr(b, ' ', n);

				if (sp != NULL) {
					memmove(sp, sp + 1, n - (size_t)(sp - b) - 1);
					n--;
				}
			} else if (u < 0.16) {	/* lower case */
				for (k = 0; k < n; k++)
					if (b[k] >= 'A' && b[k] <= 'Z')
						b[k] = (char)(b[k] - 'A' + 'a');
			}
			put(out, (int)j, b, n);
			break;
		}
		default:
			put(out, (int)j, s, n);
			break;
		}
	}
}

/* A day that no calendar has, in dd/mm/yyyy, for a year near day. */
static size_t
impossible_date(struct rng *r, int32_t near, char *b)
{
	static const char *const dm[] = {
		"31/02", "30/02", "31/04", "31/06", "31/09", "31/11", "32/01",
		"00/05", "15/13",
	};
	int y, m, d;

	date_to_ymd(near, &y, &m, &d);
	if (rng_chance(r, 0.2) && !date_is_leap(y))
		return (size_t)snprintf(b, 16, "29/02/%04d", y);
	return (size_t)snprintf(b, 16, "%s/%04d", dm[rng_below(r, NELEM(dm))],
	    y);
}

/*
 * Plants a bad value in a small share of raw rows.  Returns the reason,
 * or -1 when the row stays good.
 */
static int
plant_bad(const struct gen *g, const int *map, struct rng *r,
    struct row *out)
{
	const struct kinddef *kd = g->kd;
	double u = rng_unit(r);
	int reason, datecol = -1, pnccol = -1;
	size_t j;
	char b[32];

	for (j = 0; j < kd->nraw; j++) {
		enum ctype t = kd->cols[map[j]].type;

		if (t == T_DATE && datecol < 0 && out->len[j] > 0)
			datecol = (int)j;
		if (t == T_PNC && pnccol < 0 && out->len[j] > 0)
			pnccol = (int)j;
	}
	if (u < 0.004)
		reason = SYNTH_BAD_IMPOSSIBLE_DATE;
	else if (u < 0.007)
		reason = SYNTH_BAD_FUTURE_DATE;
	else if (u < 0.011)
		reason = SYNTH_BAD_PNC_CHECK;
	else
		return -1;
	if (reason == SYNTH_BAD_PNC_CHECK && pnccol < 0)
		reason = SYNTH_BAD_IMPOSSIBLE_DATE;
	if (reason != SYNTH_BAD_PNC_CHECK && datecol < 0)
		return -1;
	switch (reason) {
	case SYNTH_BAD_IMPOSSIBLE_DATE:
		put(out, datecol, b, impossible_date(r, g->last, b));
		break;
	case SYNTH_BAD_FUTURE_DATE:
		put(out, datecol, b, dmy_day(g->extract +
		    (int32_t)rng_range(r, 400, 2200), b));
		break;
	default: {
		static const char letters[] = "ZABCDEFGHJKLMNPQRTUVWXY";
		size_t n = out->len[pnccol];
		char good;

		memcpy(b, out->f[pnccol], n);
		good = b[n - 1];
		do
			b[n - 1] = letters[rng_below(r, 23)];
		while (b[n - 1] == good);
		put(out, pnccol, b, n);
		break;
	}
	}
	return reason;
}

/* UTF-8 to CP1252 for U+00A0..U+00FF; anything else outside ASCII is '?'. */
static size_t
to_cp1252(const char *s, size_t n, char *b, size_t cap)
{
	size_t i, k = 0;

	for (i = 0; i < n && k + 1 < cap; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x80)
			b[k++] = (char)c;
		else if ((c == 0xC2 || c == 0xC3) && i + 1 < n) {
			b[k++] = (char)(((c & 0x03) << 6) |
			    ((unsigned char)s[i + 1] & 0x3F));
			i++;
		} else {
			b[k++] = '?';
			while (i + 1 < n && ((unsigned char)s[i + 1] & 0xC0) == 0x80)
				i++;
		}
	}
	return k;
}

/* "\n" as "\r\n" inside a field of a CRLF file. */
static size_t
to_crlf(const char *s, size_t n, char *b, size_t cap)
{
	size_t i, k = 0;

	for (i = 0; i < n && k + 2 < cap; i++) {
		if (s[i] == '\n')
			b[k++] = '\r';
		b[k++] = s[i];
	}
	return k;
}

/* ---- sinks: where rows go ---- */

struct sink {
	FILE *fp;
	struct csvw *w;		/* NULL when writing a workbook */
	lxw_workbook *wb;	/* a raw export as .xlsx (see sink_xlsx) */
	lxw_worksheet *ws;
	lxw_format *dmy;
	lxw_row_t xrow;
	lxw_col_t xcol;
	lxw_error xerr;
	int raw;
	const char *name;	/* file name for the truth file */
	uint64_t rows, line;	/* rows written; physical line of the next */
	uint64_t bad[SYNTH_NBAD];
	struct csvw *truth;	/* bad-row truth, or NULL */
	int only_list;		/* marac-list: only rows on the list */
};

/*
 * A field of a workbook export: a valid dd/mm/yyyy date becomes a date
 * cell in that format, as a record system's report writes it; anything
 * else (codes with leading zeros, impossible dates) a string cell.
 */
static void
sink_cell(struct sink *k, const char *s, size_t n)
{
	char b[ROWBUF];
	int d, m, y;
	lxw_error e;

	if (n == 0 || n >= sizeof(b)) {
		k->xcol++;
		return;
	}
	memcpy(b, s, n);
	b[n] = '\0';
	if (n == 10 && b[2] == '/' && b[5] == '/' &&
	    sscanf(b, "%2d/%2d/%4d", &d, &m, &y) == 3 && date_valid(y, m, d)) {
		lxw_datetime dt = { y, m, d, 0, 0, 0 };

		e = worksheet_write_datetime(k->ws, k->xrow, k->xcol, &dt,
		    k->dmy);
	} else {
		e = worksheet_write_string(k->ws, k->xrow, k->xcol, b, NULL);
	}
	if (e != LXW_NO_ERROR && k->xerr == LXW_NO_ERROR)
		k->xerr = e;
	k->xcol++;
}

static void
sink_field(struct sink *k, const struct kinddef *kd, const char *s, size_t n)
{
	char b[2 * ROWBUF];
	size_t i;

	if (k->ws != NULL) {
		sink_cell(k, s, n);
		return;
	}
	if (!k->raw) {
		csvw_field(k->w, s, n);
		return;
	}
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80 || s[i] == '\n')
			break;
	if (i == n) {
		csvw_field(k->w, s, n);
		return;
	}
	if (kd->enc == ENC_CP1252)
		n = to_cp1252(s, n, b, sizeof(b));
	else {
		memcpy(b, s, n);
	}
	if (kd->crlf && memchr(b, '\n', n) != NULL) {
		char c[2 * ROWBUF];

		n = to_crlf(b, n, c, sizeof(c));
		memcpy(b, c, n);
	}
	csvw_field(k->w, b, n);
}

static void
sink_end(struct sink *k, const struct kinddef *kd)
{
	if (k->ws != NULL) {
		k->xrow++;
		k->xcol = 0;
		return;
	}
	if (k->raw && kd->crlf)
		csvw_raw(k->w, "\r", 1);
	csvw_end(k->w);
}

static void sink_header(struct sink *k, const struct kinddef *kd);

static void
sink_start(struct sink *k, const struct kinddef *kd, FILE *fp, int raw)
{
	memset(k, 0, sizeof(*k));
	k->fp = fp;
	k->raw = raw;
	k->w = csvw_new(fp, raw ? kd->delim : ',');
	sink_header(k, kd);
}

/*
 * A raw export as an .xlsx workbook at path (libxlsxwriter, constant
 * memory): one sheet named for the kind, every field a string cell but
 * dates, which are date cells.  Finish with sink_xlsx_close().
 */
static int
sink_xlsx(struct sink *k, const struct kinddef *kd, const char *path,
    const struct synth_opts *o, struct vawg_err *e)
{
	lxw_workbook_options wo = { .constant_memory = LXW_TRUE };
	lxw_doc_properties props;
	int rc = 0;

	memset(k, 0, sizeof(*k));
	k->raw = 1;
	if ((k->wb = workbook_new_opt(path, &wo)) == NULL ||
	    (k->ws = workbook_add_worksheet(k->wb, kd->name)) == NULL)
		rc = err_set(e, EX_CANTCREAT, "%s: cannot start a workbook",
		    path);
	/* Created on the extract's day, not now: same seed, same bytes. */
	memset(&props, 0, sizeof(props));
	props.created = (time_t)date_from_ymd(o->end_year, o->end_month, 1) *
	    86400;
	if (rc == 0 && workbook_set_properties(k->wb, &props) != LXW_NO_ERROR)
		rc = err_set(e, EX_SOFTWARE, "%s: cannot set the workbook's "
		    "date", path);
	if (rc != 0) {
		if (k->wb != NULL)
			lxw_workbook_free(k->wb);
		memset(k, 0, sizeof(*k));
		return rc;
	}
	k->dmy = workbook_add_format(k->wb);
	format_set_num_format(k->dmy, "dd/mm/yyyy");
	sink_header(k, kd);
	return 0;
}

/* Returns 0, or -1 when the workbook could not be written. */
static int
sink_xlsx_close(struct sink *k)
{
	lxw_error e = workbook_close(k->wb);

	k->wb = NULL;
	k->ws = NULL;
	if (k->xerr != LXW_NO_ERROR || e != LXW_NO_ERROR) {
		diag_warn("workbook: %s", lxw_strerror(k->xerr != LXW_NO_ERROR ?
		    k->xerr : e));
		return -1;
	}
	return 0;
}

static void
sink_header(struct sink *k, const struct kinddef *kd)
{
	size_t j;
	int raw = k->raw;

	if (raw && kd->enc == ENC_UTF8_BOM && k->w != NULL)
		csvw_raw(k->w, "\xEF\xBB\xBF", 3);
	if (raw)
		for (j = 0; j < kd->nraw; j++)
			sink_field(k, kd, kd->raw[j].raw, strlen(kd->raw[j].raw));
	else
		for (j = 0; j < kd->ncols; j++)
			csvw_str(k->w, kd->cols[j].name);
	sink_end(k, kd);
	k->line = 2;
}

/* Line breaks in n bytes at s. */
static size_t
count_nl(const char *s, size_t n)
{
	const char *p, *end = s + n;
	size_t nl = 0;

	for (p = s; p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL;
	    p++)
		nl++;
	return nl;
}

/* Writes one row; reason is the planted bad value's, or -1. */
static void
sink_row(struct sink *k, const struct kinddef *kd, const struct row *row,
    size_t nf, int reason, const char *ref)
{
	size_t j, nl = 0;
	char b[24];

	for (j = 0; j < nf; j++) {
		sink_field(k, kd, row->f[j], row->len[j]);
		if (k->truth != NULL && k->ws == NULL)	/* truth file lines */
			nl += count_nl(row->f[j], row->len[j]);
	}
	sink_end(k, kd);
	if (reason >= 0) {
		k->bad[reason]++;
		if (k->truth != NULL) {
			snprintf(b, sizeof(b), "%llu",
			    (unsigned long long)k->line);
			csvw_str(k->truth, k->name);
			csvw_str(k->truth, kd->name);
			csvw_str(k->truth, b);
			csvw_str(k->truth, ref);
			csvw_str(k->truth, bad_names[reason]);
			csvw_end(k->truth);
		}
	}
	k->rows++;
	k->line += 1 + nl;
}

/*
 * Generates nrows rows of kind k and writes each to every sink.
 * Returns 0, or -1 as soon as a write failed.
 */
static int
run(struct gen *g, struct sink *sinks, size_t nsinks)
{
	static struct row row, rawr;
	int map[MAXCOLS];
	size_t j, s;
	uint64_t i;
	const struct kinddef *kd = g->kd;
	int want_raw = 0, reason;
	struct rng rr;

	for (j = 0; j < kd->nraw; j++)
		map[j] = col_index(kd, kd->raw[j].canon);
	for (s = 0; s < nsinks; s++)
		want_raw |= sinks[s].raw;
	for (i = 0; i < g->nrows; i++) {
		gen_row(g, i, &row);
		reason = -1;
		if (want_raw) {
			rng_seed(&rr, rng_derive(g->seed, SALT_RAW +
			    (uint64_t)g->kind, i));
			raw_row(kd, map, &rr, &row, &rawr);
			reason = plant_bad(g, map, &rr, &rawr);
		}
		for (s = 0; s < nsinks; s++) {
			if (sinks[s].only_list && !g->on_list)
				continue;
			if (sinks[s].raw)
				sink_row(&sinks[s], kd, &rawr, kd->nraw,
				    reason, row.f[0]);
			else
				sink_row(&sinks[s], kd, &row, kd->ncols, -1,
				    NULL);
		}
		if ((i & 0xffff) == 0xffff)
			for (s = 0; s < nsinks; s++)
				if (sinks[s].w != NULL &&
				    csvw_flush(sinks[s].w) == -1)
					return -1;
	}
	for (s = 0; s < nsinks; s++)
		if (sinks[s].w != NULL && csvw_flush(sinks[s].w) == -1)
			return -1;
	return 0;
}

int
synth_write_kind(FILE *fp, enum synth_kind k, uint64_t rows, int raw,
    const struct synth_opts *o)
{
	static struct gen g;
	struct sink sink;
	double scale = o->scale > 0 ? o->scale :
	    (double)rows / kinds[k].base_rows;
	int rc;

	gen_init(&g, k, rows, scale, o);
	sink_start(&sink, g.kd, fp, raw);
	csvw_excel_safe(sink.w, o->excel_safe);
	rc = run(&g, &sink, 1);
	if (csvw_free(sink.w) == -1)
		rc = -1;
	return rc;
}


/* ---- the whole data set ---- */

static const char *const enc_names[] = { "utf-8", "utf-8-bom", "cp1252" };

static const char *
delim_name(int d)
{
	return d == ',' ? "comma" : d == ';' ? "semicolon" : d == '\t' ?
	    "tab" : "pipe";
}

/* Makes folder path, or finds it there: 0, or 73 with e set. */
static int
make_dir(const char *path, struct vawg_err *e)
{
	struct stat st;

	if (mkdir(path, 0700) == 0)
		return 0;
	if (errno == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	return err_sys(e, EX_CANTCREAT, "%s", path);
}

static char *
path_join(const char *dir, const char *a, const char *b)
{
	size_t n = strlen(dir) + strlen(a) + (b != NULL ? strlen(b) : 0) + 3;
	char *p = xmalloc(n);

	snprintf(p, n, "%s/%s%s%s", dir, a, b != NULL ? "/" : "",
	    b != NULL ? b : "");
	return p;
}

struct mrow {
	char file[96];
	const char *kind;
	uint64_t rows, bad[SYNTH_NBAD];
	const char *enc, *delim, *eol;
};

static void
manifest_row(struct csvw *w, const struct mrow *m)
{
	char b[160];
	uint64_t total = 0;
	size_t n = 0;
	int r;

	csvw_str(w, m->file);
	csvw_str(w, m->kind);
	snprintf(b, sizeof(b), "%llu", (unsigned long long)m->rows);
	csvw_str(w, b);
	for (r = 0; r < SYNTH_NBAD; r++)
		total += m->bad[r];
	snprintf(b, sizeof(b), "%llu", (unsigned long long)total);
	csvw_str(w, b);
	csvw_str(w, m->enc);
	csvw_str(w, m->delim);
	csvw_str(w, m->eol);
	b[0] = '\0';
	for (r = 0; r < SYNTH_NBAD; r++)
		if (m->bad[r] > 0 && n < sizeof(b))
			n += (size_t)snprintf(b + n, sizeof(b) - n, "%s%s=%llu",
			    n > 0 ? ";" : "", bad_names[r],
			    (unsigned long long)m->bad[r]);
	csvw_str(w, b);
	csvw_end(w);
}

/*
 * truth/persons.csv: every person of the pool as they really are; 0, or
 * the status with e set.
 */
static int
write_persons(const char *dir, const struct synth_opts *o,
    struct vawg_err *e)
{
	struct gen *g = xmalloc(sizeof(*g));
	struct sw_person p;
	struct outfile *of;
	struct csvw *w;
	char *path = path_join(dir, "truth", "persons.csv");
	char b[32];
	uint64_t id, n;
	size_t j;
	static const char *const hdr[] = {
		"true_id", "sex", "forename", "surname", "alt_surname", "dob",
		"pnc", "postcode", "ward", "borough",
	};

	int rc;

	if ((of = out_open(path, e)) == NULL) {
		free(path);
		free(g);
		return e->code;
	}
	gen_init(g, SYNTH_CRIME, 1, o->scale, o);
	w = csvw_new(out_fp(of), ',');
	for (j = 0; j < NELEM(hdr); j++)
		csvw_str(w, hdr[j]);
	csvw_end(w);
	n = sw_segsize(&g->w, SW_SEG_OFFENDER) + sw_segsize(&g->w,
	    SW_SEG_ADULT) + sw_segsize(&g->w, SW_SEG_CHILD);
	for (id = 0; id < n; id++) {
		enum sw_segment seg = (enum sw_segment)(id % 3);

		if (id / 3 >= sw_segsize(&g->w, seg))
			continue;
		sw_person(&g->w, id, &p);
		snprintf(b, sizeof(b), "P%07llu", (unsigned long long)id);
		csvw_str(w, b);
		csvw_field(w, &p.sex, 1);
		csvw_str(w, p.forename);
		csvw_str(w, p.surname);
		csvw_str(w, p.alt_surname != NULL ? p.alt_surname : "");
		date_format(p.dob, b);
		csvw_str(w, b);
		if (p.pnc_year != 0)
			sw_pnc_format(p.pnc_year, p.pnc_serial, 0, b);
		else
			b[0] = '\0';
		csvw_str(w, b);
		csvw_str(w, p.postcode);
		csvw_str(w, p.ward >= 0 ? sw_ward[p.ward].name : "");
		csvw_str(w, p.ward >= 0 ? sw_borough[sw_ward[p.ward].borough] :
		    "");
		csvw_end(w);
	}
	if (csvw_free(w) == -1) {
		rc = err_set(e, EX_IOERR, "%s: write error", path);
		out_abort(of);
	} else
		rc = out_close(of, 0, e);
	free(path);
	free(g);
	return rc;
}

/* Whether the data set writes kind kd's raw export as a workbook. */
static int
raw_is_xlsx(const struct kinddef *kd, const struct synth_opts *o)
{
	return o->raw_xlsx && kd == &kinds[SYNTH_DISCLOSURE];
}

/* The raw export's file name: kd->rawfile, or .xlsx for a workbook. */
static void
raw_name(const struct kinddef *kd, const struct synth_opts *o, char *buf,
    size_t size)
{
	size_t n = strlen(kd->rawfile) - 4;	/* without ".csv" */

	snprintf(buf, size, "%.*s%s", (int)n, kd->rawfile,
	    raw_is_xlsx(kd, o) ? ".xlsx" : ".csv");
}

/*
 * Finishes a sink and its file, and fills its manifest row: 0, or the
 * status with e set.
 */
static int
finish_sink(struct sink *k, const struct kinddef *kd, struct outfile *of,
    struct mrow *m, struct vawg_err *e)
{
	int bad;

	m->kind = kd->name;
	m->rows = k->rows;
	memcpy(m->bad, k->bad, sizeof(m->bad));
	if (k->ws != NULL) {
		m->enc = "xlsx";
		m->delim = "";
		m->eol = "";
		bad = sink_xlsx_close(k) == -1;
	} else {
		m->enc = enc_names[k->raw ? kd->enc : ENC_UTF8];
		m->delim = delim_name(k->raw ? kd->delim : ',');
		m->eol = k->raw && kd->crlf ? "crlf" : "lf";
		bad = csvw_free(k->w) == -1;
	}
	if (bad) {
		err_set(e, EX_IOERR, "%s: write error", out_name(of));
		out_abort(of);
		return EX_IOERR;
	}
	return out_close(of, 0, e);
}

/* Drops sinks[from..n) and their files unfinished; returns rc. */
static int
drop_sinks(struct sink *sinks, struct outfile **outs, size_t from,
    size_t n, int rc)
{
	size_t s;

	for (s = from; s < n; s++) {
		if (sinks[s].wb != NULL)
			lxw_workbook_free(sinks[s].wb);
		else
			csvw_discard(sinks[s].w);
		out_abort(outs[s]);
	}
	return rc;
}

/* Opens dir/a (dir/a/b when b is not NULL); NULL with e set. */
static struct outfile *
open_in(const char *dir, const char *a, const char *b, int named,
    struct vawg_err *e)
{
	char *p = path_join(dir, a, b);
	struct outfile *of = named ? out_open_named(p, e) : out_open(p, e);

	free(p);
	return of;
}

/*
 * Writes kind k's files of the data set (canonical, raw export, and for
 * marac the case list) with bad rows noted in tw; fills their manifest
 * rows from man and adds how many to *nman.  Returns 0, or the status
 * with e set.
 */
static int
write_kind_files(const char *dir, int k, const struct synth_opts *o,
    struct gen *g, struct csvw *tw, struct mrow *man, size_t *nman,
    struct vawg_err *e)
{
	const struct kinddef *kd = &kinds[k];
	struct sink sinks[3];
	struct outfile *outs[3];
	size_t ns = 0, s;
	char name[32];
	int xlsx = raw_is_xlsx(kd, o), rc = 0;

	gen_init(g, (enum synth_kind)k, synth_rows_at((enum synth_kind)k, o),
	    o->scale, o);
	snprintf(name, sizeof(name), "%s.csv", kd->name);
	if ((outs[ns] = open_in(dir, "canonical", name, 0, e)) == NULL)
		return e->code;
	sink_start(&sinks[ns], kd, out_fp(outs[ns]), 0);
	snprintf(man[ns].file, sizeof(man[0].file), "canonical/%s", name);
	ns++;
	raw_name(kd, o, name, sizeof(name));
	if ((outs[ns] = open_in(dir, "raw", name, xlsx, e)) == NULL)
		return drop_sinks(sinks, outs, 0, ns, e->code);
	if (xlsx && sink_xlsx(&sinks[ns], kd, out_path(outs[ns]), o, e) != 0) {
		out_abort(outs[ns]);
		return drop_sinks(sinks, outs, 0, ns, e->code);
	}
	if (!xlsx)
		sink_start(&sinks[ns], kd, out_fp(outs[ns]), 1);
	snprintf(man[ns].file, sizeof(man[0].file), "raw/%s", name);
	sinks[ns].truth = tw;
	sinks[ns].name = man[ns].file;
	ns++;
	if (k == SYNTH_MARAC) {
		outs[ns] = open_in(dir, "marac-list.csv", NULL, 0, e);
		if (outs[ns] == NULL)
			return drop_sinks(sinks, outs, 0, ns, e->code);
		sink_start(&sinks[ns], kd, out_fp(outs[ns]), 0);
		sinks[ns].only_list = 1;
		snprintf(man[ns].file, sizeof(man[0].file), "marac-list.csv");
		ns++;
	}
	if (run(g, sinks, ns) == -1)
		return drop_sinks(sinks, outs, 0, ns,
		    err_set(e, EX_IOERR, "%s: write error", dir));
	for (s = 0; s < ns && rc == 0; s++)
		rc = finish_sink(&sinks[s], kd, outs[s], &man[s], e);
	if (rc != 0)
		return drop_sinks(sinks, outs, s, ns, rc);
	*nman += ns;
	return 0;
}

/* A CSV file of the data set with its header row; NULL with e set. */
static struct csvw *
start_table(const char *dir, const char *sub, const char *name,
    const char *const *hdr, size_t n, struct outfile **of,
    struct vawg_err *e)
{
	struct csvw *w;
	size_t j;

	if ((*of = open_in(dir, sub, name, 0, e)) == NULL)
		return NULL;
	w = csvw_new(out_fp(*of), ',');
	for (j = 0; j < n; j++)
		csvw_str(w, hdr[j]);
	csvw_end(w);
	return w;
}

/* Finishes a table of start_table(): 0, or the status with e set. */
static int
end_table(struct csvw *w, struct outfile *of, struct vawg_err *e)
{
	if (csvw_free(w) == -1) {
		err_set(e, EX_IOERR, "%s: write error", out_name(of));
		out_abort(of);
		return EX_IOERR;
	}
	return out_close(of, 0, e);
}

/* The folder and its subfolders: 0, or 73 with e set. */
static int
make_dirs(const char *dir, struct vawg_err *e)
{
	static const char *const subdirs[] = { "canonical", "raw", "truth" };
	size_t j;
	char *p;
	int rc = make_dir(dir, e);

	for (j = 0; j < NELEM(subdirs) && rc == 0; j++) {
		p = path_join(dir, subdirs[j], NULL);
		rc = make_dir(p, e);
		free(p);
	}
	return rc;
}

int
synth_write_all(const char *dir, const struct synth_opts *o,
    struct vawg_err *e)
{
	static const char *const thdr[] = {
		"file", "kind", "line", "ref", "reason",
	};
	static const char *const mhdr[] = {
		"file", "kind", "rows", "bad_rows", "encoding", "delimiter",
		"line_end", "bad_reasons",
	};
	struct mrow man[3 * SYNTH_NKINDS];
	size_t nman = 0, j;
	struct outfile *tof, *mof;
	struct csvw *tw, *mw;
	struct gen *g;
	int k, rc;

	e->code = 0;
	if (place_grid_init(e) != 0 || make_dirs(dir, e) != 0)
		return e->code;
	if ((tw = start_table(dir, "truth", "bad-rows.csv", thdr,
	    NELEM(thdr), &tof, e)) == NULL)
		return e->code;
	g = xmalloc(sizeof(*g));
	for (k = 0, rc = 0; k < SYNTH_NKINDS && rc == 0; k++)
		rc = write_kind_files(dir, k, o, g, tw, man + nman, &nman, e);
	free(g);
	if (rc != 0) {
		csvw_discard(tw);
		out_abort(tof);
		return rc;
	}
	if (end_table(tw, tof, e) != 0)
		return e->code;
	if ((mw = start_table(dir, "manifest.csv", NULL, mhdr, NELEM(mhdr),
	    &mof, e)) == NULL)
		return e->code;
	for (j = 0; j < nman; j++)
		manifest_row(mw, &man[j]);
	if (end_table(mw, mof, e) != 0)
		return e->code;
	return write_persons(dir, o, e);
}
