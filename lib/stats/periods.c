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
