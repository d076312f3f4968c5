/*
 * periods: the reporting periods of vawg-stats, month, quarter, fy
 * (April to March), year, rolling12 (the twelve months ending at each
 * month) and all.  A row's period key is a month index (lib/core/dates):
 * its period's first month, or, for rolling12, its own month, summed
 * over twelve months when written.  Labels, steps, the keys to write and
 * the sums over a period live here and nowhere else.
 */
#include <stdio.h>
#include <string.h>

#include "core/diag.h"
#include "core/err.h"
#include "stats/stats.h"

/* Bucket of a day: its month (rolling12) or its period's first month. */
int32_t
stats_bucket_of(const struct stats_opts *o, int32_t day)
{
	if (o->rolling)
		return date_month_index(day);
	if (o->period == PERIOD_ALL)
		return 0;
	return date_month_index(period_start(o->period, day));
}

/* Months in a period (for annual rates); 0 for all. */
int
stats_period_months(const struct stats_opts *o)
{
	if (o->rolling)
		return 12;
	switch (o->period) {
	case PERIOD_MONTH:
		return 1;
	case PERIOD_QUARTER:
		return 3;
	case PERIOD_FY:
	case PERIOD_YEAR:
		return 12;
	case PERIOD_ALL:
		break;
	}
	return 0;	/* all: the caller counts the months spanned */
}

/* Step between consecutive period keys, in months. */
int
stats_period_step(const struct stats_opts *o)
{
	if (o->rolling)
		return 1;
	switch (o->period) {
	case PERIOD_MONTH:
		return 1;
	case PERIOD_QUARTER:
		return 3;
	default:
		return 12;
	}
}

/* The key of the period compared with key (--compare prev or yoy). */
int32_t
stats_prev_key(const struct stats_opts *o, int32_t key)
{
	return key - (o->compare == 2 ? 12 : o->rolling ? 12 :
	    stats_period_step(o));
}

/* First day of month index mi. */
int32_t
stats_month_day(int32_t mi)
{
	int y = mi >= 0 ? mi / 12 : -((-mi + 11) / 12);

	return date_from_ymd(y, mi - y * 12 + 1, 1);
}

/* The label of a period key into buf (40 bytes). */
void
stats_period_text(const struct stats_opts *o, int32_t key, char *buf)
{
	if (key == BUCKET_UNKNOWN) {
		strcpy(buf, "unknown");
		return;
	}
	if (o->rolling) {
		char a[16], b[16];

		period_label(PERIOD_MONTH, stats_month_day(key - 11), a);
		period_label(PERIOD_MONTH, stats_month_day(key), b);
		snprintf(buf, 40, "%s..%s", a, b);
		return;
	}
	if (o->period == PERIOD_ALL) {
		strcpy(buf, "all");
		return;
	}
	period_label(o->period, stats_month_day(key), buf);
}

/* Year used to pick a population row for a period key. */
long
stats_period_year(const struct stats_run *R, int32_t key)
{
	int y, m, d;

	if ((key == BUCKET_UNKNOWN || R->o->period == PERIOD_ALL) &&
	    R->maxday >= R->minday) {
		date_to_ymd(R->maxday, &y, &m, &d);
		return y;
	}
	if (key == BUCKET_UNKNOWN)
		key = R->maxb;
	date_to_ymd(stats_month_day(key), &y, &m, &d);
	return y;
}

/*
 * Sums the cells of (group, period key) into S; for rolling12 the
 * twelve months ending at key (MF_HISTORY metrics made their window
 * cells themselves).  Returns 1 if any cell was found.
 */
int
stats_sum_period(const struct stats_run *R, const char *g, size_t glen,
    int32_t key, struct agg_sum *S)
{
	int direct = (R->m->flags & MF_HISTORY) != 0;
	int k, found = 0, n = R->o->rolling && !direct &&
	    key != BUCKET_UNKNOWN ? 12 : 1;
	ptrdiff_t cell;

	agg_sum_clear(S);
	for (k = 0; k < n; k++) {
		cell = agg_find(R->agg, g, glen, key - k);
		if (cell >= 0) {
			agg_sum_add(S, R->agg, (size_t)cell);
			found = 1;
		}
	}
	return found;
}

/* Period keys to write: the range seen, stepped; rolling12 window ends. */
int32_t *
stats_period_keys(struct stats_run *R, size_t *nk)
{
	const struct stats_opts *o = R->o;
	int32_t *k = NULL, lo = R->minb, hi = R->maxb, x;
	size_t n = 0;

	if (o->period == PERIOD_ALL && !o->rolling) {
		k = xmalloc(sizeof(*k));
		k[0] = 0;
		*nk = R->maxb >= R->minb ? 1 : 0;
		return k;
	}
	if (o->has_from)
		lo = stats_bucket_of(o, o->from);
	if (o->has_to)
		hi = stats_bucket_of(o, o->to);
	if (R->maxb < R->minb && !(o->has_from && o->has_to)) {
		*nk = 0;
		return xmalloc(sizeof(*k));
	}
	if (o->rolling) {
		if (hi - lo < 11) {
			diag_warn("note: the data span %d months: one "
			    "rolling window, shorter than 12 months",
			    hi - lo + 1);
			lo = hi;
		} else
			lo += 11;
	}
	for (x = lo; x <= hi; x += stats_period_step(o)) {
		k = xreallocarray(k, n + 1, sizeof(*k));
		k[n++] = x;
	}
	*nk = n;
	return k ? k : xmalloc(sizeof(*k));
}

/*
 * The data's months [*m0, *m1]: those of --data-from and --data-to, else
 * of the first and last date of the date column over every row read
 * (before --where and --from/--to).  Returns 0 when not known.
 */
int
stats_data_months(const struct stats_run *R, int32_t *m0, int32_t *m1)
{
	const struct stats_opts *o = R->o;

	if (!o->has_data_from && R->dmin > R->dmax)
		return 0;
	if (!o->has_data_to && R->dmin > R->dmax)
		return 0;
	*m0 = date_month_index(o->has_data_from ? o->data_from : R->dmin);
	*m1 = date_month_index(o->has_data_to ? o->data_to : R->dmax);
	return *m1 >= *m0;
}

static int
overlap(int32_t a0, int32_t a1, int32_t b0, int32_t b1)
{
	int32_t lo = a0 > b0 ? a0 : b0, hi = a1 < b1 ? a1 : b1;

	return hi >= lo ? (int)(hi - lo + 1) : 0;
}

/*
 * Months of the period key that the data cover and that were counted
 * (inside --from/--to, or a year earlier for --compare); *months the
 * period's months.  -1 when not known (no dates, the unknown period).
 */
int
stats_months_covered(const struct stats_run *R, int32_t key, int *months)
{
	const struct stats_opts *o = R->o;
	int32_t m0, m1, p0, p1;

	*months = 0;
	if (key == BUCKET_UNKNOWN || !stats_data_months(R, &m0, &m1))
		return -1;
	if (o->has_from && date_month_index(R->load_from) > m0)
		m0 = date_month_index(R->load_from);
	if (o->has_to && date_month_index(o->to) < m1)
		m1 = date_month_index(o->to);
	if (o->period == PERIOD_ALL && !o->rolling) {
		*months = m1 >= m0 ? (int)(m1 - m0 + 1) : 0;
		return *months;
	}
	p0 = o->rolling ? key - 11 : key;
	p1 = o->rolling ? key : key + stats_period_months(o) - 1;
	*months = (int)(p1 - p0 + 1);
	return overlap(p0, p1, m0, m1);
}

/* Months of the days [a, b] the data cover; *months the window's. */
int
stats_window_covered(const struct stats_run *R, int32_t a, int32_t b,
    int *months)
{
	int32_t m0, m1, w0 = date_month_index(a), w1 = date_month_index(b);

	*months = (int)(w1 - w0 + 1);
	if (!stats_data_months(R, &m0, &m1))
		return -1;
	return overlap(w0, w1, m0, m1);
}

/* 65 with R->err set when [a, b] reaches outside the data's months. */
static int
check_window(const struct stats_run *R, const char *opt, int32_t a,
    int32_t b)
{
	int32_t m0, m1;
	char x[11], y[11], da[11], db[11], w[24];

	if (!stats_data_months(R, &m0, &m1) ||
	    (date_month_index(a) >= m0 && date_month_index(b) <= m1))
		return 0;
	date_format(a, x);
	date_format(b, y);
	if (a == b)
		snprintf(w, sizeof(w), "%s", x);
	else
		snprintf(w, sizeof(w), "%s..%s", x, y);
	date_format(stats_month_day(m0), da);
	date_format(date_add_months(stats_month_day(m1), 1) - 1, db);
	return err_set(R->err, EX_DATAERR, "%s %s: outside the data, which cover "
	    "%s..%s (whole months); --allow-partial to count it anyway", opt,
	    w, da, db);
}

/*
 * Checks --from/--to, --before/--after (and, with --seasonal, the same
 * windows a year earlier) against the data's months, unless
 * --allow-partial: then the rows say what they cover.  Returns 0, or 65
 * with R->err naming the data's range.
 */
int
stats_check_windows(const struct stats_run *R)
{
	const struct stats_opts *o = R->o;
	int32_t m0, m1;

	if (o->allow_partial || !stats_data_months(R, &m0, &m1))
		return 0;
	if ((o->has_from && check_window(R, "--from", o->from, o->from)) ||
	    (o->has_to && check_window(R, "--to", o->to, o->to)) ||
	    (o->has_before && check_window(R, "--before", o->b0, o->b1)) ||
	    (o->has_after && check_window(R, "--after", o->a0, o->a1)))
		return EX_DATAERR;
	if (o->seasonal && (check_window(R,
	    "--seasonal (--before a year earlier)",
	    date_add_months(o->b0, -12), date_add_months(o->b1, -12)) ||
	    check_window(R, "--seasonal (--after a year earlier)",
	    date_add_months(o->a0, -12), date_add_months(o->a1, -12))))
		return EX_DATAERR;
	return 0;
}
