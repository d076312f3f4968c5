/*
 * Profile: when records happen.  Per group and period, the counts by
 * weekday (of committed_date, else of the period date when the input
 * has no committed_date) and hour (of committed_time): one row per
 * weekday, Monday first, then "unknown" (no usable date) and "all".
 * Rows without a time are counted apart (untimed), never placed in an
 * hour.  With --window HH:MM-HH:MM (14:00-24:00; 22:00-04:00 runs past
 * midnight) the timed rows inside it and their share of the timed rows.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/diag.h"
#include "place/place.h"
#include "stats/stats.h"

#define NDAY 8			/* Monday .. Sunday, unknown */
#define NH 25			/* hours 0 .. 23, untimed */
#define K_WIN (NDAY * NH)	/* in the window, per weekday */
#define K_NCOUNT (K_WIN + NDAY)

const char *
stats_parse_window(struct stats_opts *o, const char *s)
{
	const char *dash = strchr(s, '-');
	int a, b;

	if (dash == NULL)
		return "--window: HH:MM-HH:MM";
	a = place_time(s, (size_t)(dash - s));
	b = strcmp(dash + 1, "24:00") == 0 ? 1440 :
	    place_time(dash + 1, strlen(dash + 1));
	if (a < 0 || b < 0 || a == b)
		return "--window: HH:MM-HH:MM, two different times";
	o->win0 = a;
	o->win1 = b;
	o->has_window = 1;
	return NULL;
}

static int
in_window(const struct stats_opts *o, int m)
{
	return o->win0 < o->win1 ? m >= o->win0 && m < o->win1 :
	    m >= o->win0 || m < o->win1;
}

static void
prof_columns(struct stats_run *R)
{
	R->colname[C_TIME] = "committed_time";
	R->colname[C_CDATE] = "committed_date";
}

static void
prof_add(struct stats_run *R, const struct csvr *s)
{
	int32_t day, b, cday;
	int rc = stats_place(R, s, &day, &b), wd, m = -1, dated;
	size_t n;
	const char *p;
	uint64_t *c;

	if (rc == PLACE_DROP || rc == PLACE_OUTSIDE)
		return;
	if (R->ix[C_CDATE] >= 0)
		dated = stats_field_date(s, R->ix[C_CDATE], &cday) == 1;
	else {
		dated = rc == PLACE_DATED;
		cday = day;
	}
	/* 1970-01-01 was a Thursday: Monday 0. */
	wd = dated ? (int)(((cday % 7) + 10) % 7) : NDAY - 1;
	if (R->ix[C_TIME] >= 0) {
		p = csvr_field_n(s, (size_t)R->ix[C_TIME], &n);
		m = n > 0 ? place_time(p, n) : -1;
	}
	if (m < 0)
		R->nt.noplace++;
	c = stats_cell(R, b, NULL);
	c[wd * NH + (m < 0 ? NH - 1 : m / 60)]++;
	if (m >= 0 && R->o->has_window && in_window(R->o, m))
		c[K_WIN + wd]++;
}

static void
prof_header(const struct stats_run *R, struct csvw *w)
{
	static const char *const t[] = { "timed", "untimed", "total", NULL };
	static const char *const win[] = { "window", "in_window",
	    "window_share", NULL };
	char h[4];
	int k;

	csvw_str(w, "weekday");
	for (k = 0; k < 24; k++) {
		snprintf(h, sizeof(h), "h%02d", k);
		csvw_str(w, h);
	}
	tab_names(w, t);
	if (R->o->has_window)
		tab_names(w, win);
}

/* One weekday's columns (wd NDAY: every day). */
static void
prof_day(const struct stats_run *R, struct out *O, const uint64_t *c, int wd)
{
	static const char *const name[] = { "Monday", "Tuesday",
	    "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
	    "unknown", "all" };
	uint64_t v[NH] = { 0 }, timed = 0, win = 0;
	char a[6], b[6], lab[16];
	int d, h;

	for (d = wd == NDAY ? 0 : wd; d < (wd == NDAY ? NDAY : wd + 1); d++) {
		for (h = 0; h < NH; h++)
			v[h] += c[d * NH + h];
		win += c[K_WIN + d];
	}
	csvw_str(O->w, name[wd]);
	for (h = 0; h < 24; h++) {
		tab_u(O, v[h]);
		timed += v[h];
	}
	tab_u(O, timed);
	tab_u(O, v[NH - 1]);
	tab_u(O, timed + v[NH - 1]);
	if (!R->o->has_window)
		return;
	place_time_format(R->o->win0, a);
	if (R->o->win1 == 1440)
		strcpy(b, "24:00");
	else
		place_time_format(R->o->win1, b);
	snprintf(lab, sizeof(lab), "%s-%s", a, b);
	csvw_str(O->w, lab);
	tab_u(O, win);
	tab_f(O, timed ? (double)win / (double)timed : NAN, 4);
}

/* The weekdays as rows: the table writes the group and period of the
 * first and ends the last. */
static void
prof_row(struct stats_run *R, struct out *O, const char *g, size_t glen,
    int32_t key, const struct agg_sum *S, struct agg_sum *P)
{
	char label[48];
	int wd;

	stats_period_text(R->o, key, label);
	for (wd = 0; wd <= NDAY; wd++) {
		if (wd > 0) {
			csvw_end(O->w);
			tab_group(O, g, glen, R->o->nby);
			csvw_str(O->w, label);
		}
		prof_day(R, O, S->c, wd);
	}
}

static void
prof_notes(const struct stats_run *R)
{
	if (R->nt.noplace)
		diag_warn("note: %lu rows without a time of day (counted as "
		    "untimed)", R->nt.noplace);
}

const struct metric metric_profile = {
	.name = "profile",
	.flags = MF_DATE_OPTIONAL | MF_PERIOD_ALL,
	.ncounters = K_NCOUNT,
	.optional = COLBIT(C_CDATE),
	.columns = prof_columns,
	.add = prof_add,
	.header = prof_header,
	.row = prof_row,
	.notes = prof_notes,
};
