/*
 * Engagement: activities per group and period against --target.
 */
#include <stdio.h>

#include "stats/stats.h"

enum { K_N };

static void
engagement_columns(struct stats_run *R)
{
	R->colname[C_DATE] = "date";
}

/* One a row in its period. */
static void
engagement_add(struct stats_run *R, const struct csvr *s)
{
	int32_t day, b;
	int rc = stats_place(R, s, &day, &b);

	if (rc == PLACE_DROP || rc == PLACE_OUTSIDE)
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

const struct metric metric_engagement = {
	.name = "engagement",
	.flags = MF_TARGET,
	.ncounters = 3,
	.columns = engagement_columns,
	.add = engagement_add,
	.header = engagement_header,
	.row = engagement_row,
};

