/*
 * change: two windows, before and after, as a rate ratio.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats/intervals.h"
#include "stats/stats.h"

enum { G_BEFORE, G_AFTER };

/* change: the kind's own date. */
static void
kind_date(struct stats_run *R)
{
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

const struct metric metric_change = {
	.name = "change",
	.flags = MF_WINDOWS | MF_NO_PERIOD,
	.ncounters = 3,
	.columns = kind_date,
	.add = change_add,
	.header = change_header,
	.write = change_write,
};
