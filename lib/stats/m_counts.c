/*
 * Counts: count (records per group and period, with --compare the
 * previous period or year) and engagement (activities against --target).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats/intervals.h"
#include "stats/stats.h"

enum { K_N };

/* count: the kind's own date; engagement: date. */
static void
kind_date(struct stats_run *R)
{
}

static void
engagement_columns(struct stats_run *R)
{
	R->colname[C_DATE] = "date";
}

/* count, engagement: one a row in its period. */
static void
count_add(struct stats_run *R, const struct csvr *s)
{
	int32_t day, b;
	int rc = stats_place(R, s, &day, &b);

	if (rc == PLACE_DROP || rc == PLACE_OUTSIDE)
		return;
	stats_cell(R, b, NULL)[K_N]++;
}

static void
count_header(const struct stats_run *R, struct csvw *w)
{
	static const char *const h[] = { "count", "count_lower",
	    "count_upper", NULL };
	static const char *const hcmp[] = { "prev_period", "prev_count",
	    "count_change", "pct_change", NULL };

	tab_names(w, h);
	if (R->o->compare)
		tab_names(w, hcmp);
}

static void
count_row(struct stats_run *R, struct out *O, const char *g, size_t glen,
    int32_t key, const struct agg_sum *S, struct agg_sum *P)
{
	const struct stats_opts *o = R->o;
	const uint64_t *c = S->c;
	char label[48];
	int32_t pk;

	tab_count(O, c[K_N], o->level);
	if (!o->compare)
		return;
	pk = stats_prev_key(o, key);
	if (key == BUCKET_UNKNOWN || pk - (o->rolling ? 11 : 0) < R->minb) {
		/* No previous period in the data. */
		csvw_str(O->w, "");
		tab_f(O, NAN, 0);
		tab_f(O, NAN, 0);
		tab_f(O, NAN, 0);
		return;
	}
	stats_sum_period(R, g, glen, pk, P);
	stats_period_text(o, pk, label);
	csvw_str(O->w, label);
	tab_u(O, P->c[K_N]);
	tab_f(O, (double)c[K_N] - (double)P->c[K_N], 0);
	tab_f(O, P->c[K_N] ? 100.0 * ((double)c[K_N] /
	    (double)P->c[K_N] - 1) : NAN, 1);
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

const struct metric metric_count = {
	.name = "count",
	.flags = MF_DATE_OPTIONAL | MF_COMPARE | MF_DISTINCT,
	.ncounters = 3,
	.columns = kind_date,
	.add = count_add,
	.header = count_header,
	.row = count_row,
};

const struct metric metric_engagement = {
	.name = "engagement",
	.flags = MF_TARGET,
	.ncounters = 3,
	.columns = engagement_columns,
	.add = count_add,
	.header = engagement_header,
	.row = engagement_row,
};
