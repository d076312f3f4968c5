/*
 * Hot spots: places ranked by the records in them, per group and
 * period.  A place is the value of a column (--place lsoa, ward,
 * postcode_sector ...) or a square of a grid on the British National
 * Grid (--place grid:METRES), from easting and northing or, failing
 * those, from latitude and longitude converted by PROJ.  Each place's
 * count, share and cumulative share, the concentration (the share in
 * the top 5% and 10% of places), the rate per 1,000 residents from
 * --population, and with --compare yoy the rank a year earlier and
 * whether a hot place (in the --top N) is persistent, emerging or
 * fading.  --geojson and --svg draw the same rows.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "core/err.h"
#include "core/outfile.h"
#include "place/place.h"
#include "stats/stats.h"

enum { K_N, K_LAT, K_LON, K_NLL, K_NCOUNT };

const char *
stats_parse_place(struct stats_opts *o, const char *s)
{
	char *end;

	o->place = NULL;
	o->grid = 0;
	if (strncmp(s, "grid:", 5) == 0) {
		o->grid = strtol(s + 5, &end, 10);
		if (end == s + 5 || *end != '\0' || o->grid < 1 ||
		    o->grid > 100000)
			return "--place: grid:METRES, 1 to 100000";
		return NULL;
	}
	if (*s == '\0')
		return "--place: a column or grid:METRES";
	o->place = s;
	return NULL;
}

static void
hot_columns(struct stats_run *R)
{
	R->colname[C_PLACE] = R->o->grid ? NULL : R->o->place;
	R->colname[C_LAT] = "latitude";
	R->colname[C_LON] = "longitude";
	R->colname[C_EAST] = "easting";
	R->colname[C_NORTH] = "northing";
}

static int
hot_check(const struct stats_run *R, const struct csvr *s, int after)
{
	if (!after || !R->o->grid)
		return 0;
	if ((R->ix[C_EAST] < 0 || R->ix[C_NORTH] < 0) &&
	    (R->ix[C_LAT] < 0 || R->ix[C_LON] < 0))
		return err_at(R->err, EX_DATAERR, csvr_name(s), 1,
		    "--place grid: no easting and northing, nor latitude and "
		    "longitude");
	return place_grid_init(R->err);
}

static int
field_num(const struct csvr *s, int ix, double *v)
{
	size_t n;
	const char *p;

	if (ix < 0)
		return 0;
	p = csvr_field_n(s, (size_t)ix, &n);
	return n > 0 && place_number(p, n, v) == 0;
}

/* The row's latitude and longitude in the UK: 1, else 0. */
static int
row_ll(const struct stats_run *R, const struct csvr *s, double *lat,
    double *lon)
{
	return field_num(s, R->ix[C_LAT], lat) &&
	    field_num(s, R->ix[C_LON], lon) && place_in_uk(*lat, *lon);
}

/* The row's place into the key after the group: 0, or -1 if none. */
static int
hot_key(struct stats_run *R, const struct csvr *s)
{
	const struct stats_opts *o = R->o;
	double e, n, lat, lon;
	long ce, cn;
	char name[32];
	const char *p;
	size_t len;

	if (o->nby > 0)
		stats_key_put(R, "\x1f", 1);
	if (!o->grid) {
		p = csvr_field_n(s, (size_t)R->ix[C_PLACE], &len);
		if (len == 0)
			return -1;
		stats_key_put(R, p, len);
		return 0;
	}
	if (!(field_num(s, R->ix[C_EAST], &e) &&
	    field_num(s, R->ix[C_NORTH], &n) && place_in_bng(e, n)) &&
	    !(row_ll(R, s, &lat, &lon) && place_to_bng(lat, lon, &e, &n) == 0))
		return -1;
	place_cell(e, n, o->grid, &ce, &cn);
	place_cell_name(ce, cn, name);
	stats_key_put(R, name, strlen(name));
	return 0;
}

/* Points (the mean of a place's) are wanted for --geojson of places. */
static void
hot_add(struct stats_run *R, const struct csvr *s)
{
	int32_t day, b;
	int rc = stats_place(R, s, &day, &b);
	double lat, lon;
	uint64_t *c;

	if (rc == PLACE_DROP || rc == PLACE_OUTSIDE)
		return;
	if (hot_key(R, s) != 0) {
		R->nt.noplace++;
		return;
	}
	c = stats_cell(R, b, NULL);
	c[K_N]++;
	if (R->o->geojson != NULL && !R->o->grid && row_ll(R, s, &lat, &lon)) {
		c[K_LAT] += (uint64_t)llround(lat * 1e6);
		c[K_LON] += (uint64_t)llround(lon * 1e6);
		c[K_NLL]++;
	}
}

static void
hot_header(const struct stats_run *R, struct csvw *w)
{
	static const char *const h[] = { "place", "rank", "count", "share",
	    "cumulative_share", "places", "top5pct_share", "top10pct_share",
	    NULL };
	static const char *const hp[] = { "population", "rate_per_1000",
	    NULL };
	static const char *const hc[] = { "prev_period", "prev_rank",
	    "prev_count", "stability", NULL };

	tab_names(w, h);
	if (R->o->popfile != NULL)
		tab_names(w, hp);
	if (R->o->compare)
		tab_names(w, hc);
}

/* One place in one period of one group. */
struct hot {
	const char *g;		/* the group (by values), then the place */
	size_t glen, plen;	/* group part, place part */
	int32_t key;
	uint64_t n;
	double lat, lon;	/* mean point, NaN when none */
	long rank;
	int out;		/* a period of the table (not only a year
				   before one) */
	double share, cum;
	const char *stab;
};

struct hotset {
	struct hot *h;
	size_t n, cap;
	struct hmap *ix;	/* group, place, key -> index + 1 */
};

static void
hot_ikey(struct stats_run *R, const struct hot *h, int32_t key)
{
	R->keylen = 0;
	stats_key_put(R, h->g, h->glen + h->plen);
	stats_key_put(R, (const char *)&key, sizeof(key));
}

static const struct hot *
hot_find(struct stats_run *R, const struct hotset *H, const struct hot *h,
    int32_t key)
{
	uintptr_t *slot;

	hot_ikey(R, h, key);
	slot = hmap_slot(H->ix, R->key, R->keylen, 0, NULL);
	return slot != NULL ? &H->h[*slot - 1] : NULL;
}

static void
hot_push(struct stats_run *R, struct hotset *H, const struct hot *h)
{
	if (H->n == H->cap) {
		H->cap = H->cap ? H->cap * 2 : 256;
		H->h = xreallocarray(H->h, H->cap, sizeof(*H->h));
	}
	H->h[H->n++] = *h;
	hot_ikey(R, h, h->key);
	*hmap_slot(H->ix, R->key, R->keylen, 1, NULL) = H->n;
}

/* Every place and period of the accumulators as one list. */
static void
hot_collect(struct stats_run *R, struct hotset *H)
{
	size_t *ix = agg_sorted(R->agg), n = agg_ncells(R->agg), i, j, q, nk;
	struct agg_sum *S = agg_sum_new(R->agg);
	int32_t *keys = stats_period_keys(R, &nk);

	for (i = 0; i < n; i = j) {
		struct hot h = { 0 };
		const char *sep;

		h.g = agg_group(R->agg, ix[i], &h.glen);
		for (j = i + 1; j < n; j++) {
			size_t l2;
			const char *g2 = agg_group(R->agg, ix[j], &l2);

			if (l2 != h.glen || memcmp(g2, h.g, l2) != 0)
				break;
		}
		/* The place follows the last separator. */
		for (sep = h.g + h.glen; R->o->nby > 0 && sep > h.g &&
		    sep[-1] != AGG_SEP; sep--)
			;
		h.plen = R->o->nby > 0 ? h.glen - (size_t)(sep - h.g) :
		    h.glen;
		h.glen -= h.plen;
		for (q = 0; q < nk + (R->o->compare ? nk : 0); q++) {
			/* With --compare, the year before each key too. */
			h.key = q < nk ? keys[q] : stats_prev_key(R->o,
			    keys[q - nk]);
			h.out = q < nk;
			if (q >= nk && hot_find(R, H, &h, h.key) != NULL)
				continue;
			if (!stats_sum_period(R, h.g, h.glen + h.plen, h.key,
			    S) || S->c[K_N] == 0)
				continue;
			h.n = S->c[K_N];
			h.lat = S->c[K_NLL] ? (double)(int64_t)S->c[K_LAT] /
			    1e6 / (double)S->c[K_NLL] : NAN;
			h.lon = S->c[K_NLL] ? (double)(int64_t)S->c[K_LON] /
			    1e6 / (double)S->c[K_NLL] : NAN;
			hot_push(R, H, &h);
		}
	}
	free(keys);
	agg_sum_free(S);
	free(ix);
}

static int
hot_cmp(const void *a, const void *b)
{
	const struct hot *x = a, *y = b;
	size_t m = x->glen < y->glen ? x->glen : y->glen;
	int c = memcmp(x->g, y->g, m);

	if (c != 0 || x->glen != y->glen)
		return c != 0 ? c : x->glen < y->glen ? -1 : 1;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	m = x->plen < y->plen ? x->plen : y->plen;
	c = memcmp(x->g + x->glen, y->g + y->glen, m);
	return c != 0 ? c : x->plen < y->plen ? -1 : x->plen > y->plen;
}

/* The share of the top frac of places in h[0..n), sorted. */
static double
top_share(const struct hot *h, size_t n, uint64_t total, double frac)
{
	size_t k = (size_t)ceil(frac * (double)n - 1e-9), i;
	uint64_t s = 0;

	if (k < 1)
		k = 1;
	for (i = 0; i < k && i < n; i++)
		s += h[i].n;
	return total ? (double)s / (double)total : NAN;
}

/* Ranks, shares and cumulative shares of one group's period. */
static void
hot_rank(struct hot *h, size_t n, double *t5, double *t10)
{
	uint64_t total = 0, run = 0;
	size_t i;

	for (i = 0; i < n; i++)
		total += h[i].n;
	for (i = 0; i < n; i++) {
		h[i].rank = i > 0 && h[i].n == h[i - 1].n ? h[i - 1].rank :
		    (long)i + 1;
		run += h[i].n;
		h[i].share = (double)h[i].n / (double)total;
		h[i].cum = (double)run / (double)total;
	}
	*t5 = top_share(h, n, total, 0.05);
	*t10 = top_share(h, n, total, 0.10);
}

/* The block of h[i..) with h[i]'s group and key: its end. */
static size_t
block_end(const struct hotset *H, size_t i)
{
	size_t j;

	for (j = i + 1; j < H->n; j++)
		if (H->h[j].key != H->h[i].key ||
		    H->h[j].glen != H->h[i].glen ||
		    memcmp(H->h[j].g, H->h[i].g, H->h[i].glen) != 0)
			break;
	return j;
}

/* Ranks every block; the index rebuilt after sorting. */
static void
hot_rank_all(struct stats_run *R, struct hotset *H)
{
	size_t i, j;
	double t5, t10;

	qsort(H->h, H->n, sizeof(*H->h), hot_cmp);
	hmap_free(H->ix);
	H->ix = hmap_new();
	for (i = 0; i < H->n; i = j) {
		j = block_end(H, i);
		hot_rank(H->h + i, j - i, &t5, &t10);
	}
	for (i = 0; i < H->n; i++) {
		hot_ikey(R, &H->h[i], H->h[i].key);
		*hmap_slot(H->ix, R->key, R->keylen, 1, NULL) = i + 1;
	}
}


/* The first index of the block of group h->g and key, or -1. */
static ptrdiff_t
block_of(struct stats_run *R, struct hmap *blocks, const struct hot *h,
    int32_t key)
{
	uintptr_t *slot;

	R->keylen = 0;
	stats_key_put(R, h->g, h->glen);
	stats_key_put(R, (const char *)&key, sizeof(key));
	slot = hmap_slot(blocks, R->key, R->keylen, 0, NULL);
	return slot != NULL ? (ptrdiff_t)*slot - 1 : -1;
}

static const char *
stability(long top, const struct hot *now, const struct hot *prev)
{
	int hot = now != NULL && now->rank <= top,
	    was = prev != NULL && prev->rank <= top;

	return hot && was ? "persistent" : hot ? "emerging" : was ?
	    "fading" : "";
}

struct hotout {
	struct stats_run *R;
	struct out *O;
	struct hotset *H;
	struct hmap *blocks;
	struct place_feature *f;
	size_t nf, cap;
	double t5, t10;
	size_t places;
};

static void
add_feature(struct hotout *X, const struct hot *h, const char *stab)
{
	const struct stats_opts *o = X->R->o;
	struct place_feature *f;
	char label[48];

	if (o->geojson == NULL && o->svg == NULL)
		return;
	if (X->nf == X->cap) {
		X->cap = X->cap ? X->cap * 2 : 64;
		X->f = xreallocarray(X->f, X->cap, sizeof(*X->f));
	}
	f = &X->f[X->nf++];
	memset(f, 0, sizeof(*f));
	f->name = xstrndup(h->g + h->glen, h->plen);
	stats_period_text(o, h->key, label);
	f->period = xstrdup(label);
	f->group = xstrndup(h->g, h->glen > 0 ? h->glen - 1 : 0);
	f->size = o->grid;
	f->is_cell = o->grid > 0 && place_cell_parse(h->g + h->glen, h->plen,
	    &f->ce, &f->cn) == 0;
	f->has_point = !isnan(h->lat);
	f->lat = h->lat;
	f->lon = h->lon;
	f->count = h->n;
	f->rank = h->rank;
	f->share = h->share;
	f->stability = stab;
}

/* The columns after the place of one row: now (NULL: a fading place). */
static void
hot_cols(struct hotout *X, const struct hot *h, const struct hot *now)
{
	struct stats_run *R = X->R;
	const struct stats_opts *o = R->o;
	struct out *O = X->O;
	double pop;

	if (now != NULL) {
		tab_u(O, h->rank > 0 ? (uint64_t)h->rank : 0);
		tab_u(O, h->n);
		tab_f(O, h->share, 4);
		tab_f(O, h->cum, 4);
	} else {
		tab_empty(O, 1);
		tab_u(O, 0);
		tab_f(O, 0, 4);
		tab_empty(O, 1);
	}
	tab_u(O, X->places);
	tab_f(O, X->t5, 4);
	tab_f(O, X->t10, 4);
	if (o->popfile == NULL)
		return;
	if (pop_area(O->ps, h->g + h->glen, h->plen, stats_period_year(R,
	    h->key), &pop) == 0 && pop > 0) {
		tab_f(O, pop, 0);
		tab_f(O, (now != NULL ? (double)h->n : 0) / pop * 1000, 2);
	} else {
		O->popmissing++;
		tab_empty(O, 2);
	}
}

/* One row: h the place now, or (now NULL) its entry a year earlier. */
static void
hot_row(struct hotout *X, const struct hot *h, int32_t key,
    const struct hot *now)
{
	struct stats_run *R = X->R;
	const struct stats_opts *o = R->o;
	struct out *O = X->O;
	int32_t pk = stats_prev_key(o, key);
	const struct hot *prev = now == NULL ? h : NULL;
	const char *stab = "";
	char label[48];
	struct hot z;

	tab_group(O, h->g, h->glen, o->nby);
	stats_period_text(o, key, label);
	csvw_str(O->w, label);
	csvw_field(O->w, h->g + h->glen, h->plen);
	hot_cols(X, h, now);
	if (o->compare) {
		if (now != NULL)
			prev = hot_find(R, X->H, h, pk);
		stats_period_text(o, pk, label);
		if (pk < R->minb) {
			tab_empty(O, 4);
		} else {
			csvw_str(O->w, label);
			if (prev != NULL)
				tab_u(O, (uint64_t)prev->rank);
			else
				tab_empty(O, 1);
			tab_u(O, prev != NULL ? prev->n : 0);
			stab = stability(o->top, now, prev);
			csvw_str(O->w, stab);
		}
	}
	csvw_end(O->w);
	z = *h;
	z.key = key;
	if (now == NULL) {
		z.n = 0;
		z.rank = 0;
		z.share = 0;
	}
	add_feature(X, &z, stab);
}

/* The rows of one block h[i..j): its places, then those fading. */
static void
hot_block(struct hotout *X, size_t i, size_t j)
{
	struct stats_run *R = X->R;
	struct hotset *H = X->H;
	const struct hot *b = &H->h[i];
	uint64_t total = 0;
	size_t k;
	ptrdiff_t p;

	for (k = i; k < j; k++)
		total += H->h[k].n;
	X->places = j - i;
	X->t5 = top_share(b, j - i, total, 0.05);
	X->t10 = top_share(b, j - i, total, 0.10);
	for (k = i; k < j; k++)
		hot_row(X, &H->h[k], b->key, &H->h[k]);
	if (!R->o->compare || (p = block_of(R, X->blocks, b,
	    stats_prev_key(R->o, b->key))) < 0)
		return;
	for (k = (size_t)p; k < H->n && H->h[k].rank <= R->o->top &&
	    H->h[k].key == H->h[p].key && H->h[k].glen == b->glen &&
	    memcmp(H->h[k].g, b->g, b->glen) == 0; k++)
		if (hot_find(R, H, &H->h[k], b->key) == NULL)
			hot_row(X, &H->h[k], b->key, NULL);
}

static void
write_pictures(struct hotout *X)
{
	const struct stats_opts *o = X->R->o;
	struct outfile *f;
	size_t i;
	int rc;

	if (o->geojson != NULL &&
	    (f = out_open(o->geojson, X->R->err)) != NULL) {
		rc = place_geojson(out_fp(f), X->f, X->nf);
		out_close(f, rc != 0 ? EX_IOERR : 0, X->R->err);
		if (rc != 0 && X->R->err->code == 0)
			err_set(X->R->err, EX_IOERR, "%s: write error",
			    o->geojson);
	}
	if (o->svg != NULL && X->R->err->code == 0 &&
	    (f = out_open(o->svg, X->R->err)) != NULL) {
		rc = place_svg(out_fp(f), X->f, X->nf, "hot spots");
		out_close(f, rc != 0 ? EX_IOERR : 0, X->R->err);
		if (rc != 0 && X->R->err->code == 0)
			err_set(X->R->err, EX_IOERR, "%s: write error", o->svg);
	}
	for (i = 0; i < X->nf; i++) {
		free((char *)X->f[i].name);
		free((char *)X->f[i].period);
		free((char *)X->f[i].group);
	}
	free(X->f);
}

static void
hot_write(struct stats_run *R, struct out *O)
{
	struct hotset H = { 0 };
	struct hotout X = { R, O, &H, hmap_new(), NULL, 0, 0, 0, 0, 0 };
	size_t i, j;

	H.ix = hmap_new();
	hot_collect(R, &H);
	hot_rank_all(R, &H);
	for (i = 0; i < H.n; i = j) {
		j = block_end(&H, i);
		R->keylen = 0;
		stats_key_put(R, H.h[i].g, H.h[i].glen);
		stats_key_put(R, (const char *)&H.h[i].key, sizeof(int32_t));
		*hmap_slot(X.blocks, R->key, R->keylen, 1, NULL) = i + 1;
	}
	for (i = 0; i < H.n; i = j) {
		j = block_end(&H, i);
		if (H.h[i].out)
			hot_block(&X, i, j);
	}
	write_pictures(&X);
	hmap_free(X.blocks);
	hmap_free(H.ix);
	free(H.h);
}

static void
hot_notes(const struct stats_run *R)
{
	if (R->nt.noplace)
		diag_warn("note: %lu rows without a place (%s; not ranked)",
		    R->nt.noplace, R->o->grid ? "no coordinates in the UK" :
		    R->o->place);
}

const struct metric metric_hotspots = {
	.name = "hotspots",
	.flags = MF_DATE_OPTIONAL | MF_COMPARE | MF_POPULATION |
	    MF_PERIOD_ALL,
	.ncounters = K_NCOUNT,
	.optional = COLBIT(C_LAT) | COLBIT(C_LON) | COLBIT(C_EAST) |
	    COLBIT(C_NORTH),
	.columns = hot_columns,
	.check = hot_check,
	.add = hot_add,
	.header = hot_header,
	.write = hot_write,
	.notes = hot_notes,
};
