/*
 * Counts: count (records per group and period, with --compare the
 * previous period or year) and change (two windows, before and after,
 * as a rate ratio).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats/intervals.h"
#include "stats/stats.h"

enum { K_N };
enum { G_BEFORE, G_AFTER };

/* count, change: the kind's own date. */
static void
kind_date(struct stats_run *R)
{
}

/* count: one a row in its period. */
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

/* change: a dated row counts in the windows that hold its date. */
static void
change_add(struct stats_run *R, const struct csvr *s)
{
	const struct stats_opts *o = R->o;
	int32_t day;
	uint64_t *c;

	if (stats_field_date(s, R->ix[C_DATE], &day) != 1) {
		R->nt.baddate++;
		return;
	}
	c = stats_cell(R, 0, NULL);
	if (day >= o->b0 && day <= o->b1)
		c[G_BEFORE]++;
	if (day >= o->a0 && day <= o->a1)
		c[G_AFTER]++;
}

static void
change_header(const struct stats_run *R, struct csvw *w)
{
	static const char *const h[] = { "before", "after", "before_count",
	    "after_count", "before_days", "after_days", "change",
	    "pct_change", "rate_ratio", "rate_ratio_lower",
	    "rate_ratio_upper", "p_value", NULL };

	tab_names(w, h);
}

static void
put_window(struct out *O, int32_t a, int32_t b)
{
	char x[11], y[11], lab[24];

	date_format(a, x);
	date_format(b, y);
	snprintf(lab, sizeof(lab), "%s..%s", x, y);
	csvw_str(O->w, lab);
}

/* change: one row per group, no periods. */
static void
change_write(struct stats_run *R, struct out *O)
{
	const struct stats_opts *o = R->o;
	size_t *ix = agg_sorted(R->agg), n = agg_ncells(R->agg), i;
	double tb = (double)(o->b1 - o->b0 + 1),
	    ta = (double)(o->a1 - o->a0 + 1);

	for (i = 0; i < n; i++) {
		const uint64_t *c = agg_counters(R->agg, ix[i]);
		const char *g;
		size_t gl;
		double rr, pv;
		struct interval iv;

		g = agg_group(R->agg, ix[i], &gl);
		tab_group(O, g, gl, o->nby);
		put_window(O, o->b0, o->b1);
		put_window(O, o->a0, o->a1);
		tab_u(O, c[G_BEFORE]);
		tab_u(O, c[G_AFTER]);
		tab_f(O, tb, 0);
		tab_f(O, ta, 0);
		tab_f(O, (double)c[G_AFTER] - (double)c[G_BEFORE], 0);
		iv = iv_rate_ratio(c[G_AFTER], ta, c[G_BEFORE], tb,
		    o->level, &rr, &pv);
		tab_f(O, isnan(rr) ? NAN : 100 * (rr - 1), 1);
		tab_f(O, rr, 4);
		tab_f(O, iv.lo, 4);
		tab_f(O, iv.hi, 4);
		tab_f(O, pv, 4);
		csvw_end(O->w);
	}
	free(ix);
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

const struct metric metric_change = {
	.name = "change",
	.flags = MF_WINDOWS | MF_NO_PERIOD,
	.ncounters = 3,
	.columns = kind_date,
	.add = change_add,
	.header = change_header,
	.write = change_write,
};
