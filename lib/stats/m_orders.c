/*
 * Orders and wanted: orders (applications by decision, the grant rate,
 * orders in force at --at by lib/kinds/status, DVPN to DVPO conversion
 * by respondent and the share heard within 48 hours, with --population
 * per 100,000) and wanted (records, people wanted at
 * --at by lib/kinds/status with how long, arrests in each period).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/diag.h"
#include "kinds/status.h"
#include "stats/stats.h"

enum {
	R_APPLIED, R_GRANTED, R_REFUSED, R_WITHDRAWN, R_PENDING, R_UNKDEC,
	R_INFORCE, R_DVPN, R_DVPO, R_CONV, R_DUE48, R_IN48, R_NYD48,
	R_PEND48, R_NCOUNT
};

/*
 * DVPN to DVPO: a granted DVPN and the granted DVPO that follows it for
 * the same respondent (applied on or after the DVPN's date, within
 * DVPO_WINDOW days, before the respondent's next DVPN).  The DVPO is
 * heard within 48 hours when it was made on the DVPN's date or within
 * the two days after (dates have no time of day).
 */
#define DVPO_WINDOW 28
#define DVPO_HOURS_DAYS 2

struct oev {
	int32_t day;		/* DVPN: its date; DVPO: applied */
	int32_t heard;		/* DVPO: granted_date, else INT32_MAX */
	uint32_t cell;		/* DVPN: its cell, UINT32_MAX outside */
	int dvpo;
};

struct oevs {
	size_t n, cap;
	struct oev v[];
};
enum {
	W_RECORDS, W_NOW, W_DA, W_HH, W_FL, W_B7, W_B28, W_B90, W_B365,
	W_BOVER, W_ARRESTS, W_UNKSTATUS, W_NCOUNT
};

static void
orders_columns(struct stats_run *R)
{
	const char **c = R->colname;

	c[C_DATE] = "applied_date";
	c[C_OTYPE] = "order_type";
	c[C_DECISION] = "decision";
	c[C_GRANTED] = "granted_date";
	c[C_EXPIRY] = "expiry_date";
	c[C_ROLEID] = "respondent_id";
}

static int
orders_check(const struct stats_run *R, const struct csvr *s, int after)
{
	if (after)
		people_role((struct stats_run *)R, s, "respondent");
	return 0;
}

/*
 * orders: keeps a granted DVPN or DVPO (dated, within --from/--to or
 * not) for the conversion, under its respondent.
 */
static void
orders_dvp(struct stats_run *R, const struct csvr *s, int32_t day,
    uint32_t cell)
{
	struct oevs *e = R->priv;
	struct oev ev = { day, INT32_MAX, cell, 0 };
	int32_t g;

	if (!stats_field_is(s, R->ix[C_DECISION], "granted"))
		return;
	ev.dvpo = stats_field_is(s, R->ix[C_OTYPE], "DVPO");
	if (!ev.dvpo && !stats_field_is(s, R->ix[C_OTYPE], "DVPN"))
		return;
	if (stats_field_date(s, R->ix[C_GRANTED], &g) == 1) {
		if (ev.dvpo)
			ev.heard = g;
		else if (g >= day)
			ev.day = g;
	}
	if (e == NULL || e->n == e->cap) {
		size_t cap = e ? e->cap * 2 : 64;

		e = xrealloc(e, sizeof(*e) + cap * sizeof(e->v[0]));
		if (R->priv == NULL)
			e->n = 0;
		e->cap = cap;
		R->priv = e;
	}
	e->v[e->n] = ev;
	/* Same day: the DVPN sorts first. */
	people_row(R, s, R->ix[C_ROLEID], ev.day * 2 + ev.dvpo,
	    (uint32_t)e->n);
	e->n++;
}

/* orders: a granted order in force at --at. */
static void
orders_in_force(struct stats_run *R, const struct csvr *s, uint64_t *c)
{
	int32_t g, e;
	int rc;

	if (stats_field_date(s, R->ix[C_GRANTED], &g) != 1) {
		R->nt.badgrant++;
		return;
	}
	rc = stats_field_date(s, R->ix[C_EXPIRY], &e);
	if (rc < 0) {
		R->nt.badexpiry++;
		return;
	}
	if (order_in_force(g, rc == 1, e, R->o->at))
		c[R_INFORCE]++;
}

static void
orders_add(struct stats_run *R, const struct csvr *s)
{
	int32_t day, b;
	int rc = stats_place(R, s, &day, &b), granted = 0, dec = R->ix[C_DECISION];
	uint64_t *c;
	size_t cell;

	if (rc == PLACE_OUTSIDE)
		orders_dvp(R, s, day, UINT32_MAX);
	if (rc == PLACE_DROP || rc == PLACE_OUTSIDE)
		return;
	c = stats_cell(R, b, &cell);
	if (rc == PLACE_DATED)
		orders_dvp(R, s, day, (uint32_t)cell);
	c[R_APPLIED]++;
	if (stats_field_is(s, dec, "granted"))
		c[R_GRANTED]++, granted = 1;
	else if (stats_field_is(s, dec, "refused"))
		c[R_REFUSED]++;
	else if (stats_field_is(s, dec, "withdrawn"))
		c[R_WITHDRAWN]++;
	else if (stats_field_is(s, dec, "pending"))
		c[R_PENDING]++;
	else
		c[R_UNKDEC]++;
	if (!granted)
		return;
	if (stats_field_is(s, R->ix[C_OTYPE], "DVPN"))
		c[R_DVPN]++;
	if (stats_field_is(s, R->ix[C_OTYPE], "DVPO"))
		c[R_DVPO]++;
	orders_in_force(R, s, c);
}

/* The DVPN's conversion and 48 hours, in its cell. */
static void
dvpn_count(struct stats_run *R, const struct oev *n, const struct oev *o)
{
	uint64_t *c;
	int in48 = o != NULL && o->heard <= R->o->at &&
	    o->heard - n->day <= DVPO_HOURS_DAYS;

	if (n->cell == UINT32_MAX)
		return;
	c = agg_counters(R->agg, n->cell);
	if (o != NULL)
		c[R_CONV]++;
	if (R->o->at > n->day + DVPO_HOURS_DAYS) {
		c[R_DUE48]++;
		if (in48)
			c[R_IN48]++;
	} else {
		c[R_NYD48]++;
		if (!in48)
			c[R_PEND48]++;
	}
}

/* Matches each respondent's DVPNs with the DVPOs that follow them. */
static void
finish_orders(struct stats_run *R)
{
	const struct oevs *e = R->priv;
	size_t i, j;

	people_link(R, "respondent_id");
	for (i = 0; e != NULL && i < R->nvic; i++) {
		struct victim *v = &R->vic[i];
		const struct oev *dvpn = NULL, *x;

		people_sort(v);
		for (j = 0; j < v->n; j++) {
			x = &e->v[v->tag[j]];
			if (!x->dvpo) {
				if (dvpn != NULL)
					dvpn_count(R, dvpn, NULL);
				dvpn = x;
			} else if (dvpn != NULL && x->day >= dvpn->day &&
			    x->day - dvpn->day <= DVPO_WINDOW) {
				dvpn_count(R, dvpn, x);
				dvpn = NULL;
			}
		}
		if (dvpn != NULL)
			dvpn_count(R, dvpn, NULL);
	}
}

static void
orders_header(const struct stats_run *R, struct csvw *w)
{
	static const char *const h[] = { "applied", "granted",
	    "refused", "withdrawn", "pending", "decision_unknown",
	    "grant_rate", "grant_rate_lower", "grant_rate_upper",
	    "in_force_at", "dvpn_granted", "dvpo_granted", "dvpn_with_dvpo",
	    "conversion", "conversion_lower", "conversion_upper",
	    "dvpn_due_48h", "dvpo_within_48h", "within_48h_share",
	    "within_48h_share_lower", "within_48h_share_upper",
	    "dvpn_not_yet_due_48h", "pending_within_48h", NULL };
	static const char *const hpop[] = { "population",
	    "granted_per_100k", "granted_per_100k_lower",
	    "granted_per_100k_upper", "in_force_per_100k",
	    "in_force_per_100k_lower", "in_force_per_100k_upper", NULL };

	tab_names(w, h);
	if (R->o->popfile)
		tab_names(w, hpop);
}

static void
orders_row(struct stats_run *R, struct out *O, const char *g, size_t glen,
    int32_t key, const struct agg_sum *S, struct agg_sum *P)
{
	const uint64_t *c = S->c;
	double lv = R->o->level;
	int k;

	for (k = R_APPLIED; k <= R_UNKDEC; k++)
		tab_u(O, c[k]);
	tab_rate(O, c[R_GRANTED], c[R_GRANTED] + c[R_REFUSED], lv);
	tab_u(O, c[R_INFORCE]);
	tab_u(O, c[R_DVPN]);
	tab_u(O, c[R_DVPO]);
	tab_u(O, c[R_CONV]);
	tab_rate(O, c[R_CONV], c[R_DVPN], lv);
	tab_u(O, c[R_DUE48]);
	tab_u(O, c[R_IN48]);
	tab_rate(O, c[R_IN48], c[R_DUE48], lv);
	tab_u(O, c[R_NYD48]);
	tab_u(O, c[R_PEND48]);
	if (R->o->popfile) {
		tab_per_capita(R, O, g, glen, key, c[R_GRANTED], 0, 1e5, 1, 1);
		tab_per_capita(R, O, g, glen, key, c[R_INFORCE], 0, 1e5, 1, 0);
	}
}

static void
orders_notes(const struct stats_run *R)
{
	if (R->nt.badgrant)
		diag_warn("note: %lu granted orders with an empty or invalid "
		    "granted_date (not in in_force_at)", R->nt.badgrant);
	if (R->nt.badexpiry)
		diag_warn("note: %lu granted orders with an invalid "
		    "expiry_date (not in in_force_at)", R->nt.badexpiry);
	people_notes(R);
}

static void
wanted_columns(struct stats_run *R)
{
	const char **c = R->colname;

	c[C_DATE] = "wanted_date";
	c[C_ARREST] = "arrest_date";
	c[C_DA] = "da_flag";
	c[C_HIGHHARM] = "high_harm";
	c[C_FORENSIC] = "forensic_live";
}

/*
 * wanted: counts the row's arrest, if it was made by --at (and within
 * --from/--to), in the period of its arrest_date, with the days from
 * wanted_date (day) to arrest.
 */
static void
wanted_arrest(struct stats_run *R, const struct csvr *s, int32_t day)
{
	const struct stats_opts *o = R->o;
	int32_t a, b;
	size_t cell;

	if (stats_field_date(s, R->ix[C_ARREST], &a) != 1 || a < day ||
	    a > o->at || (o->has_from && a < o->from) ||
	    (o->has_to && a > o->to))
		return;
	b = stats_bucket_of(o, a);
	stats_see_bucket(R, b);
	stats_see_day(R, a);
	stats_cell(R, b, &cell)[W_ARRESTS]++;
	agg_hist_add(R->agg, cell, 1, stats_days_between(day, a));
}

/* wanted: a person wanted at --at, by how long and what flags. */
static void
wanted_at(struct stats_run *R, const struct csvr *s, uint64_t *c,
    size_t cell, int32_t day)
{
	uint32_t w = stats_days_between(day, R->o->at);

	c[W_NOW]++;
	if (stats_field_is(s, R->ix[C_DA], "Y"))
		c[W_DA]++;
	if (stats_field_is(s, R->ix[C_HIGHHARM], "Y"))
		c[W_HH]++;
	if (stats_field_is(s, R->ix[C_FORENSIC], "Y"))
		c[W_FL]++;
	c[w <= 7 ? W_B7 : w <= 28 ? W_B28 : w <= 90 ? W_B90 :
	    w <= 365 ? W_B365 : W_BOVER]++;
	agg_hist_add(R->agg, cell, 0, w);
}

static void
wanted_add(struct stats_run *R, const struct csvr *s)
{
	int32_t day, b, a;
	int place = stats_place(R, s, &day, &b), rc;
	size_t cell;
	uint64_t *c;

	if (place == PLACE_OUTSIDE)
		wanted_arrest(R, s, day);
	if (place == PLACE_DROP || place == PLACE_OUTSIDE)
		return;
	c = stats_cell(R, b, &cell);
	c[W_RECORDS]++;
	rc = stats_field_date(s, R->ix[C_ARREST], &a);
	if (rc < 0 || (rc == 1 && place == PLACE_DATED && a < day)) {
		R->nt.badarrest++;
		c[W_UNKSTATUS]++;
	} else if (place != PLACE_DATED)
		c[W_UNKSTATUS]++;
	else if (rc == 1 && a <= R->o->at)
		wanted_arrest(R, s, day);
	else if (wanted_now(1, day, rc == 1, a, R->o->at))
		wanted_at(R, s, c, cell, day);
}

static void
wanted_header(const struct stats_run *R, struct csvw *w)
{
	static const char *const h[] = { "at", "records", "wanted",
	    "wanted_da", "wanted_high_harm", "wanted_forensic_live",
	    "median_days_wanted", "p90_days_wanted", "days_0_7",
	    "days_8_28", "days_29_90", "days_91_365", "days_over_365",
	    "arrests", "median_days_to_arrest", "status_unknown", NULL };

	tab_names(w, h);
}

static void
wanted_row(struct stats_run *R, struct out *O, const char *g, size_t glen,
    int32_t key, const struct agg_sum *S, struct agg_sum *P)
{
	const uint64_t *c = S->c;
	char at[11];
	int k;

	date_format(R->o->at, at);
	csvw_str(O->w, at);
	for (k = W_RECORDS; k <= W_FL; k++)
		tab_u(O, c[k]);
	tab_f(O, agg_sum_quantile(S, 0, 0.5), 1);
	tab_f(O, agg_sum_quantile(S, 0, 0.9), 1);
	for (k = W_B7; k <= W_ARRESTS; k++)
		tab_u(O, c[k]);
	tab_f(O, agg_sum_quantile(S, 1, 0.5), 1);
	tab_u(O, c[W_UNKSTATUS]);
}

static void
wanted_notes(const struct stats_run *R)
{
	if (R->nt.badarrest)
		diag_warn("note: %lu rows with an invalid arrest_date, or one "
		    "before wanted_date (status_unknown)", R->nt.badarrest);
}

const struct metric metric_orders = {
	.name = "orders",
	.flags = MF_POPULATION,
	.ncounters = R_NCOUNT,
	.optional = COLBIT(C_ROLEID),
	.columns = orders_columns,
	.check = orders_check,
	.add = orders_add,
	.finish = finish_orders,
	.header = orders_header,
	.row = orders_row,
	.notes = orders_notes,
};

const struct metric metric_wanted = {
	.name = "wanted",
	.flags = MF_PERIOD_ALL,
	.ncounters = W_NCOUNT,
	.nhist = 2,
	.optional = COLBIT(C_DA) | COLBIT(C_HIGHHARM) | COLBIT(C_FORENSIC),
	.columns = wanted_columns,
	.add = wanted_add,
	.header = wanted_header,
	.row = wanted_row,
	.notes = wanted_notes,
};
