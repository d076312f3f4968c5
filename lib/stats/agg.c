/*
 * Group-by accumulators over lib/hmap.  The map's key is the group bytes
 * followed by the four bytes of the bucket, its value the cell index;
 * counters live in one flat array (ncounters per cell) so that a row
 * touches one cache line after its one hash lookup.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stats/agg.h"
#include "core/diag.h"
#include "core/hmap.h"

struct hist {
	uint64_t *bin;
	size_t nbins;
	uint64_t n;
};

struct cell {
	const char *group;	/* in the map's arena */
	size_t len;
	int32_t bucket;
};

struct agg {
	struct hmap *map;
	size_t ncounters, nhist;
	struct cell *cell;
	uint64_t *c;
	struct hist *h;		/* nhist per cell */
	size_t n, cap;
	char *key;		/* scratch for group + bucket */
	size_t keycap;
};

struct agg *
agg_new(size_t ncounters, size_t nhist)
{
	struct agg *a = xcalloc(1, sizeof(*a));

	a->map = hmap_new();
	a->ncounters = ncounters;
	a->nhist = nhist;
	return a;
}

void
agg_free(struct agg *a)
{
	size_t i;

	if (a == NULL)
		return;
	for (i = 0; i < a->n * a->nhist; i++)
		free(a->h[i].bin);
	hmap_free(a->map);
	free(a->cell);
	free(a->c);
	free(a->h);
	free(a->key);
	free(a);
}

static size_t
make_key(struct agg *a, const char *group, size_t len, int32_t bucket)
{
	if (len + 4 > a->keycap) {
		a->keycap = (len + 4) * 2;
		a->key = xrealloc(a->key, a->keycap);
	}
	if (len > 0)
		memcpy(a->key, group, len);
	memcpy(a->key + len, &bucket, 4);
	return len + 4;
}

size_t
agg_cell(struct agg *a, const char *group, size_t len, int32_t bucket)
{
	size_t klen = make_key(a, group, len, bucket);
	int created;
	uintptr_t *slot = hmap_slot(a->map, a->key, klen, 1, &created);
	size_t i;

	if (!created)
		return (size_t)*slot;
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 64;
		a->cell = xreallocarray(a->cell, a->cap, sizeof(*a->cell));
		a->c = xreallocarray(a->c, a->cap,
		    (a->ncounters ? a->ncounters : 1) * sizeof(*a->c));
		if (a->nhist > 0)
			a->h = xreallocarray(a->h, a->cap,
			    a->nhist * sizeof(*a->h));
	}
	i = a->n++;
	*slot = i;
	/* The key copy in the arena doubles as the group string. */
	{
		size_t it = i;
		const char *k;

		hmap_next(a->map, &it, &k, NULL, NULL);
		a->cell[i].group = k;
	}
	a->cell[i].len = len;
	a->cell[i].bucket = bucket;
	memset(a->c + i * a->ncounters, 0, a->ncounters * sizeof(*a->c));
	if (a->nhist > 0)
		memset(a->h + i * a->nhist, 0, a->nhist * sizeof(*a->h));
	return i;
}

ptrdiff_t
agg_find(const struct agg *a, const char *group, size_t len, int32_t bucket)
{
	uintptr_t *slot;
	size_t klen = make_key((struct agg *)a, group, len, bucket);

	slot = hmap_slot(a->map, a->key, klen, 0, NULL);
	return slot == NULL ? -1 : (ptrdiff_t)*slot;
}

uint64_t *
agg_counters(struct agg *a, size_t cell)
{
	return a->c + cell * a->ncounters;
}

static void
hist_add(struct hist *h, uint32_t v, uint64_t k)
{
	if (v > AGG_HIST_MAX)
		v = AGG_HIST_MAX;
	if (v >= h->nbins) {
		size_t nb = h->nbins ? h->nbins : 64;

		while (nb <= v)
			nb *= 2;
		h->bin = xreallocarray(h->bin, nb, sizeof(*h->bin));
		memset(h->bin + h->nbins, 0, (nb - h->nbins) * sizeof(*h->bin));
		h->nbins = nb;
	}
	h->bin[v] += k;
	h->n += k;
}

void
agg_hist_add(struct agg *a, size_t cell, size_t h, uint32_t value)
{
	hist_add(&a->h[cell * a->nhist + h], value, 1);
}

size_t
agg_ncells(const struct agg *a)
{
	return a->n;
}

const char *
agg_group(const struct agg *a, size_t cell, size_t *len)
{
	*len = a->cell[cell].len;
	return a->cell[cell].group;
}

int32_t
agg_bucket(const struct agg *a, size_t cell)
{
	return a->cell[cell].bucket;
}

static const struct agg *sort_agg;

static int
cmp_cell(const void *x, const void *y)
{
	const struct cell *p = &sort_agg->cell[*(const size_t *)x];
	const struct cell *q = &sort_agg->cell[*(const size_t *)y];
	size_t n = p->len < q->len ? p->len : q->len;
	int c = n ? memcmp(p->group, q->group, n) : 0;

	if (c != 0)
		return c;
	if (p->len != q->len)
		return p->len < q->len ? -1 : 1;
	return (p->bucket > q->bucket) - (p->bucket < q->bucket);
}

size_t *
agg_sorted(const struct agg *a)
{
	size_t *ix = xmalloc((a->n ? a->n : 1) * sizeof(*ix)), i;

	for (i = 0; i < a->n; i++)
		ix[i] = i;
	sort_agg = a;
	qsort(ix, a->n, sizeof(*ix), cmp_cell);
	return ix;
}

struct agg_sum *
agg_sum_new(const struct agg *a)
{
	struct agg_sum *s = xcalloc(1, sizeof(*s));

	s->ncounters = a->ncounters;
	s->nhist = a->nhist;
	s->c = xcalloc(a->ncounters ? a->ncounters : 1, sizeof(*s->c));
	s->bin = xcalloc(a->nhist ? a->nhist : 1, sizeof(*s->bin));
	s->nbins = xcalloc(a->nhist ? a->nhist : 1, sizeof(*s->nbins));
	s->n = xcalloc(a->nhist ? a->nhist : 1, sizeof(*s->n));
	return s;
}

void
agg_sum_clear(struct agg_sum *s)
{
	size_t i;

	memset(s->c, 0, s->ncounters * sizeof(*s->c));
	for (i = 0; i < s->nhist; i++) {
		if (s->bin[i] != NULL)
			memset(s->bin[i], 0, s->nbins[i] * sizeof(**s->bin));
		s->n[i] = 0;
	}
}

void
agg_sum_add(struct agg_sum *s, const struct agg *a, size_t cell)
{
	const uint64_t *c = a->c + cell * a->ncounters;
	size_t i, v;

	for (i = 0; i < s->ncounters; i++)
		s->c[i] += c[i];
	for (i = 0; i < s->nhist; i++) {
		const struct hist *h = &a->h[cell * a->nhist + i];
		struct hist t = { s->bin[i], s->nbins[i], s->n[i] };

		for (v = 0; v < h->nbins; v++)
			if (h->bin[v] != 0)
				hist_add(&t, (uint32_t)v, h->bin[v]);
		s->bin[i] = t.bin;
		s->nbins[i] = t.nbins;
		s->n[i] = t.n;
	}
}

void
agg_sum_free(struct agg_sum *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->nhist; i++)
		free(s->bin[i]);
	free(s->bin);
	free(s->nbins);
	free(s->n);
	free(s->c);
	free(s);
}

/* The k-th smallest value (from 0) of histogram h. */
static double
order_stat(const struct agg_sum *s, size_t h, uint64_t k)
{
	uint64_t seen = 0;
	size_t v;

	for (v = 0; v < s->nbins[h]; v++) {
		seen += s->bin[h][v];
		if (seen > k)
			return (double)v;
	}
	return NAN;
}

double
agg_sum_quantile(const struct agg_sum *s, size_t h, double q)
{
	double pos, lo, hi;
	uint64_t k;

	if (h >= s->nhist || s->n[h] == 0)
		return NAN;
	pos = (double)(s->n[h] - 1) * q;
	k = (uint64_t)floor(pos);
	lo = order_stat(s, h, k);
	if (k + 1 >= s->n[h])
		return lo;
	hi = order_stat(s, h, k + 1);
	return lo + (pos - (double)k) * (hi - lo);
}

uint64_t
agg_sum_count_le(const struct agg_sum *s, size_t h, uint32_t limit)
{
	uint64_t n = 0;
	size_t v;

	for (v = 0; v < s->nbins[h] && v <= limit; v++)
		n += s->bin[h][v];
	return n;
}

void
agg_merge(struct agg *dst, const struct agg *src)
{
	size_t i, j, v;

	for (i = 0; i < src->n; i++) {
		size_t d = agg_cell(dst, src->cell[i].group, src->cell[i].len,
		    src->cell[i].bucket);
		uint64_t *dc = agg_counters(dst, d);
		const uint64_t *sc = src->c + i * src->ncounters;

		for (j = 0; j < dst->ncounters && j < src->ncounters; j++)
			dc[j] += sc[j];
		for (j = 0; j < dst->nhist && j < src->nhist; j++) {
			const struct hist *h = &src->h[i * src->nhist + j];

			for (v = 0; v < h->nbins; v++)
				if (h->bin[v] != 0)
					hist_add(&dst->h[d * dst->nhist + j],
					    (uint32_t)v, h->bin[v]);
		}
	}
}
