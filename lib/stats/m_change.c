/*
 * change: two windows, before and after, as a rate ratio (after over
 * before, each window's count over its days) with its exact conditional
 * interval; with --control, the same for a comparison area and the
 * ratio of the two rate ratios; with --seasonal, the same windows a
 * year earlier in the same area as the comparison.  The ratio of rate
 * ratios has the Wald interval of the log-linear Poisson model,
 * se = sqrt(1/a + 1/b + 1/c + 1/d).  When the months before the after
 * window hold at least 12 monthly counts, their quasi-Poisson dispersion
 * phi (Pearson's chi-square about their mean over n - 1) widens every
 * standard error by sqrt(phi) when phi > 1 (the single rate ratio then
 * takes the Wald interval too).  The notes column warns on fewer than 20
 * events in a window and on an area among the highest before (--by); with
 * --by, p_holm holds Holm's adjusted p-values over the areas.
 *
 * Cells: per group, one of window counts (bucket W_CELL) and one per
 * month (its month index); the comparison area's totals under the empty
 * group (buckets W_CTL and month + CTL_OFF); a group's rows that are in
 * the comparison area too under month + BOTH_OFF of the group, subtracted
 * from the comparison for that group (an area is never its own control).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "stats/intervals.h"
#include "stats/stats.h"

enum { G_BEFORE, G_AFTER, G_BOTH_B, G_BOTH_A, G_SEAS_B, G_SEAS_A, G_N };

#define W_CELL INT32_MIN
#define W_CTL (INT32_MIN + 1)
#define CTL_OFF (1 << 24)
#define BOTH_OFF (2 << 24)

/* One group's figures. */
struct chg {
	size_t cell;
	uint64_t a, b, c, d;	/* after, before; comparison after, before */
	int has_ctl;
	double rr, rr_lo, rr_hi, rr_p;
	double rrr, rrr_lo, rrr_hi, rrr_p;
	double phi, phi_c;	/* dispersions (NaN: not estimated) */
	int applied;
	double p_holm;
	int high;		/* among the highest before */
};

/* change: the kind's own date. */
static void
kind_date(struct stats_run *R)
{
}

static void
count_windows(const struct stats_opts *o, uint64_t *c, int32_t day, int k0)
{
	if (day >= o->b0 && day <= o->b1)
		c[k0]++;
	if (day >= o->a0 && day <= o->a1)
		c[k0 + 1]++;
}

/* change: a dated row counts in the windows that hold its date. */
static void
change_add(struct stats_run *R, const struct csvr *s)
{
	const struct stats_opts *o = R->o;
	int32_t day, m;
	uint64_t *c;

	if (stats_field_date(s, R->ix[C_DATE], &day) != 1) {
		if (R->in_study)
			R->nt.baddate++;
		return;
	}
	m = date_month_index(day);
	if (R->in_control) {
		count_windows(o, agg_counters(R->agg, agg_cell(R->agg, "", 0,
		    W_CTL)), day, G_BEFORE);
		agg_counters(R->agg, agg_cell(R->agg, "", 0, m + CTL_OFF))[0]++;
	}
	if (!R->in_study)
		return;
	c = stats_cell(R, W_CELL, NULL);
	count_windows(o, c, day, G_BEFORE);
	if (R->in_control) {
		count_windows(o, c, day, G_BOTH_B);
		stats_cell(R, m + BOTH_OFF, NULL)[0]++;
	}
	if (o->seasonal)
		count_windows(o, c, date_add_months(day, 12), G_SEAS_B);
	stats_cell(R, m, NULL)[0]++;
}

static void
change_header(const struct stats_run *R, struct csvw *w)
{
	static const char *const h[] = { "before", "after", "before_count",
	    "after_count", "before_days", "after_days", "change",
	    "pct_change", "rate_ratio", "rate_ratio_lower",
	    "rate_ratio_upper", "p_value", "comparison",
	    "comparison_before_count", "comparison_after_count",
	    "comparison_rate_ratio", "ratio_of_rate_ratios",
	    "ratio_of_rate_ratios_lower", "ratio_of_rate_ratios_upper",
	    "ratio_of_rate_ratios_p_value", "dispersion",
	    "dispersion_applied", "p_holm", "notes", "months_covered",
	    "complete", NULL };

	tab_names(w, h);
}

/* A count of month m: the group's, or (ctl) its comparison area's. */
static double
month_count(struct stats_run *R, const char *g, size_t gl, int32_t m,
    int ctl)
{
	ptrdiff_t x;
	double v = 0;

	if (!ctl) {
		x = agg_find(R->agg, g, gl, m);
		return x < 0 ? 0 : (double)agg_counters(R->agg, (size_t)x)[0];
	}
	if ((x = agg_find(R->agg, "", 0, m + CTL_OFF)) >= 0)
		v = (double)agg_counters(R->agg, (size_t)x)[0];
	if ((x = agg_find(R->agg, g, gl, m + BOTH_OFF)) >= 0)
		v -= (double)agg_counters(R->agg, (size_t)x)[0];
	return v;
}

/*
 * Quasi-Poisson dispersion (iv_dispersion) of the monthly counts from the
 * data's first month to the month before the after window.  NaN when
 * fewer than 12 months.
 */
static double
dispersion(struct stats_run *R, const char *g, size_t gl, int ctl)
{
	int32_t m0, m1, m;
	double *y, phi;
	size_t n = 0;

	if (!stats_data_months(R, &m0, &m1))
		return NAN;
	if (date_month_index(R->o->a0) - 1 < m1)
		m1 = date_month_index(R->o->a0) - 1;
	if (m1 - m0 + 1 < 12)
		return NAN;
	y = xcalloc((size_t)(m1 - m0 + 1), sizeof(*y));
	for (m = m0; m <= m1; m++)
		y[n++] = month_count(R, g, gl, m, ctl);
	phi = iv_dispersion(y, n);
	free(y);
	return phi;
}

/* Wald interval and p on the log scale: estimate e, standard error se. */
static void
wald(double e, double se, double level, double *lo, double *hi, double *p)
{
	struct interval iv = iv_log_wald(e, se, level, p);

	*lo = iv.lo;
	*hi = iv.hi;
}

/* The figures of one group. */
static void
figures(struct stats_run *R, struct chg *x, const uint64_t *c,
    const uint64_t *ctl, const char *g, size_t gl)
{
	const struct stats_opts *o = R->o;
	double tb = (double)(o->b1 - o->b0 + 1),
	    ta = (double)(o->a1 - o->a0 + 1), sb = tb, sa = ta, fs, fc;
	struct interval iv;

	x->a = c[G_AFTER];
	x->b = c[G_BEFORE];
	x->has_ctl = o->ncontrol > 0 || o->seasonal;
	if (o->seasonal) {
		x->c = c[G_SEAS_A];
		x->d = c[G_SEAS_B];
		sb = (double)(date_add_months(o->b1, -12) -
		    date_add_months(o->b0, -12) + 1);
		sa = (double)(date_add_months(o->a1, -12) -
		    date_add_months(o->a0, -12) + 1);
	} else if (o->ncontrol) {
		x->c = ctl[G_AFTER] - c[G_BOTH_A];
		x->d = ctl[G_BEFORE] - c[G_BOTH_B];
	}
	x->phi = dispersion(R, g, gl, 0);
	x->phi_c = o->seasonal ? x->phi : o->ncontrol ?
	    dispersion(R, g, gl, 1) : NAN;
	/* Widened only when phi is above 1 (not by rounding error). */
	fs = x->phi > 1 + 1e-9 ? x->phi : 1;
	fc = x->phi_c > 1 + 1e-9 ? x->phi_c : 1;
	x->applied = fs > 1 || (x->has_ctl && fc > 1);
	iv = iv_rate_ratio(x->a, ta, x->b, tb, o->level, &x->rr, &x->rr_p);
	x->rr_lo = iv.lo;
	x->rr_hi = iv.hi;
	if (fs > 1 && x->a > 0 && x->b > 0)
		wald(x->rr, sqrt(fs * (1.0 / x->a + 1.0 / x->b)), o->level,
		    &x->rr_lo, &x->rr_hi, &x->rr_p);
	x->rrr = x->rrr_lo = x->rrr_hi = x->rrr_p = NAN;
	if (!x->has_ctl || !x->a || !x->b || !x->c || !x->d)
		return;
	x->rrr = ((double)x->a / ta) / ((double)x->b / tb) /
	    (((double)x->c / sa) / ((double)x->d / sb));
	wald(x->rrr, sqrt(fs * (1.0 / x->a + 1.0 / x->b) +
	    fc * (1.0 / x->c + 1.0 / x->d)), o->level, &x->rrr_lo,
	    &x->rrr_hi, &x->rrr_p);
}

/* Holm's adjustment over the groups (iv_holm). */
static void
holm(struct chg *x, size_t n)
{
	double *p = xcalloc(n + 1, sizeof(*p));
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = x[i].has_ctl ? x[i].rrr_p : x[i].rr_p;
	if (iv_holm(p, n, p) != 0)
		diag_nomem();
	for (i = 0; i < n; i++)
		x[i].p_holm = p[i];
	free(p);
}

/*
 * Regression to the mean: with --by and at least two areas, an area
 * whose before count ranks in the top fifth (at least the highest).
 */
static void
highest(struct chg *x, size_t n)
{
	size_t i, j, top = n / 5 > 1 ? n / 5 : 1;

	for (i = 0; i < n; i++) {
		size_t rank = 1;

		for (j = 0; j < n; j++)
			if (x[j].b > x[i].b)
				rank++;
		x[i].high = n >= 2 && rank <= top;
	}
}

static void
put_notes(struct out *O, const struct chg *x, size_t nareas)
{
	char buf[400];
	size_t len = 0;

	buf[0] = '\0';
	if (x->a < 20 || x->b < 20 || (x->has_ctl && (x->c < 20 ||
	    x->d < 20)))
		len += (size_t)snprintf(buf + len, sizeof(buf) - len,
		    "%sfewer than 20 events in a window", len ? "; " : "");
	if (x->high)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len,
		    "%samong the highest before: some fall is expected "
		    "(regression to the mean)", len ? "; " : "");
	if (nareas >= 2)
		snprintf(buf + len, sizeof(buf) - len, "%s%zu areas tested: "
		    "see p_holm", len ? "; " : "", nareas);
	csvw_str(O->w, buf);
}

/* The columns added to the first twelve: comparison to coverage. */
static void
put_more(struct stats_run *R, struct out *O, const struct chg *x,
    size_t nareas)
{
	const struct stats_opts *o = R->o;
	int mb, ma, cb = stats_window_covered(R, o->b0, o->b1, &mb),
	    ca = stats_window_covered(R, o->a0, o->a1, &ma), sb, sa, ms, ns;

	csvw_str(O->w, o->seasonal ? "seasonal" : o->ncontrol ? "control" :
	    "");
	if (x->has_ctl) {
		tab_u(O, x->d);
		tab_u(O, x->c);
		tab_f(O, x->d ? ((double)x->c / (double)x->d) : NAN, 4);
	} else
		tab_empty(O, 3);
	tab_f(O, x->rrr, 4);
	tab_f(O, x->rrr_lo, 4);
	tab_f(O, x->rrr_hi, 4);
	tab_f(O, x->rrr_p, 4);
	tab_f(O, x->phi, 2);
	csvw_str(O->w, x->applied ? "Y" : "N");
	tab_f(O, x->p_holm, 4);
	put_notes(O, x, nareas);
	if (o->seasonal) {
		sb = stats_window_covered(R, date_add_months(o->b0, -12),
		    date_add_months(o->b1, -12), &ms);
		sa = stats_window_covered(R, date_add_months(o->a0, -12),
		    date_add_months(o->a1, -12), &ns);
		cb += sb;
		ca += sa;
		mb += ms;
		ma += ns;
	}
	if (cb < 0 || ca < 0)
		tab_empty(O, 2);
	else {
		tab_u(O, (uint64_t)(cb + ca));
		csvw_str(O->w, cb + ca == mb + ma ? "Y" : "N");
	}
}

static void
put_row(struct stats_run *R, struct out *O, const struct chg *x,
    size_t nareas)
{
	const struct stats_opts *o = R->o;
	const char *g;
	size_t gl;

	g = agg_group(R->agg, x->cell, &gl);
	tab_group(O, g, gl, o->nby);
	tab_window_label(O, o->b0, o->b1);
	tab_window_label(O, o->a0, o->a1);
	tab_u(O, x->b);
	tab_u(O, x->a);
	tab_f(O, (double)(o->b1 - o->b0 + 1), 0);
	tab_f(O, (double)(o->a1 - o->a0 + 1), 0);
	tab_f(O, (double)x->a - (double)x->b, 0);
	tab_f(O, isnan(x->rr) ? NAN : 100 * (x->rr - 1), 1);
	tab_f(O, x->rr, 4);
	tab_f(O, x->rr_lo, 4);
	tab_f(O, x->rr_hi, 4);
	tab_f(O, x->rr_p, 4);
	put_more(R, O, x, nareas);
	csvw_end(O->w);
}

/* change: one row per group, no periods. */
static void
change_write(struct stats_run *R, struct out *O)
{
	size_t *ix = agg_sorted(R->agg), n = agg_ncells(R->agg), i, k = 0;
	struct chg *x = xcalloc(n + 1, sizeof(*x));
	ptrdiff_t ci = agg_find(R->agg, "", 0, W_CTL);
	uint64_t ctl[G_N] = { 0 };

	if (ci >= 0)
		memcpy(ctl, agg_counters(R->agg, (size_t)ci), sizeof(ctl));
	for (i = 0; i < n; i++) {
		const char *g;
		size_t gl;

		if (agg_bucket(R->agg, ix[i]) != W_CELL)
			continue;
		g = agg_group(R->agg, ix[i], &gl);
		x[k].cell = ix[i];
		figures(R, &x[k], agg_counters(R->agg, ix[i]), ctl, g, gl);
		k++;
	}
	if (R->o->nby > 0 && k >= 2) {
		holm(x, k);
		highest(x, k);
	} else
		for (i = 0; i < k; i++)
			x[i].p_holm = NAN;
	for (i = 0; i < k; i++)
		put_row(R, O, &x[i], R->o->nby > 0 ? k : 0);
	free(x);
	free(ix);
}

const struct metric metric_change = {
	.name = "change",
	.flags = MF_WINDOWS | MF_NO_PERIOD,
	.ncounters = G_N,
	.columns = kind_date,
	.add = change_add,
	.header = change_header,
	.write = change_write,
};
