/*
 * Engagement: activities per group and period against --target.  With
 * --per the target is per unit (bcu, borough, ward): every unit seen in
 * the input (any type, any date) or named in the population file is
 * listed in every period, zeros included; --type counts one type of
 * activity only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "stats/stats.h"

enum { K_N };

static void
engagement_columns(struct stats_run *R)
{
	R->colname[C_DATE] = "date";
	if (R->o->type != NULL)
		R->colname[C_OTYPE] = "type";
}

/* One a row of --type in its period; every row's unit is listed. */
static void
engagement_add(struct stats_run *R, const struct csvr *s)
{
	int32_t day, b;
	int rc = stats_place(R, s, &day, &b);

	if (rc == PLACE_DROP || rc == PLACE_OUTSIDE)
		return;
	if (R->o->per != NULL)
		hmap_slot(R->groups, R->key, R->grouplen, 1, NULL);
	if (R->o->type != NULL &&
	    !stats_field_is(s, R->ix[C_OTYPE], R->o->type))
		return;
	stats_cell(R, b, NULL)[K_N]++;
}

static void
engagement_header(const struct stats_run *R, struct csvw *w)
{
	static const char *const h[] = { "activities",
	    "activities_lower", "activities_upper", "target", "shortfall",
	    "target_met", NULL };

	tab_names(w, h);
}

static void
engagement_row(struct stats_run *R, struct out *O, const char *g,
    size_t glen, int32_t key, const struct agg_sum *S, struct agg_sum *P)
{
	const struct stats_opts *o = R->o;
	const uint64_t *c = S->c;
	uint64_t t = (uint64_t)o->target;

	tab_count(O, c[K_N], o->level);
	if (!o->has_target) {
		tab_empty(O, 3);
		return;
	}
	tab_u(O, t);
	tab_u(O, c[K_N] >= t ? 0 : t - c[K_N]);
	csvw_str(O->w, c[K_N] >= t ? "Y" : "N");
}

struct unit {
	const char *s;
	size_t n;
};

static int
cmp_unit(const void *a, const void *b)
{
	const struct unit *x = a, *y = b;
	int c = memcmp(x->s, y->s, x->n < y->n ? x->n : y->n);

	return c != 0 ? c : (x->n > y->n) - (x->n < y->n);
}

/* The units: seen in the input, and the population file's areas. */
static struct unit *
units(struct stats_run *R, const struct out *O, size_t *nu)
{
	struct unit *u;
	size_t it = 0, n = 0, cap = hmap_count(R->groups) + 1;
	uintptr_t v;
	const char *k;
	size_t len;
	int created;

	if (O->ps != NULL && strcmp(R->o->per, R->o->area) == 0)
		for (it = 0; pop_each_area(O->ps, &it, &k, &len);)
			hmap_slot(R->groups, k, len, 1, &created);
	cap = hmap_count(R->groups) + 1;
	u = xreallocarray(NULL, cap, sizeof(*u));
	for (it = 0; hmap_next(R->groups, &it, &k, &len, &v);) {
		u[n].s = k;
		u[n++].n = len;
	}
	qsort(u, n, sizeof(*u), cmp_unit);
	*nu = n;
	return u;
}

/* --per: every unit in every period, zeros included. */
static void
engagement_write(struct stats_run *R, struct out *O)
{
	struct agg_sum *S;
	struct unit *u;
	int32_t *keys;
	size_t nu, nk, i, q;

	if (R->o->per == NULL) {
		stats_write_rows(R, O);
		return;
	}
	u = units(R, O, &nu);
	keys = stats_period_keys(R, &nk);
	S = agg_sum_new(R->agg);
	for (i = 0; i < nu; i++)
		for (q = 0; q < nk; q++) {
			stats_sum_period(R, u[i].s, u[i].n, keys[q], S);
			stats_write_row(R, O, u[i].s, u[i].n, keys[q], S, NULL);
		}
	agg_sum_free(S);
	free(keys);
	free(u);
}

const struct metric metric_engagement = {
	.name = "engagement",
	.flags = MF_TARGET | MF_POPULATION,
	.ncounters = 3,
	.optional = COLBIT(C_OTYPE),
	.columns = engagement_columns,
	.add = engagement_add,
	.header = engagement_header,
	.row = engagement_row,
	.write = engagement_write,
};

