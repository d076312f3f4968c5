/*
 * Disclosures (Clare's Law): requests by decision, the disclosure rate,
 * the days from request to decision, the share decided within 28 days
 * of the requests whose 28 days have passed by --at (those still within
 * them apart), and the requests open more than 28 days at --at.
 */
#include <stdio.h>
#include <string.h>

#include "core/diag.h"
#include "stats/stats.h"

enum {
	D_REQ, D_DISCLOSE, D_NODISC, D_WITHDRAWN, D_PENDING, D_UNKDEC,
	D_DECIDED, D_OPEN28, D_TL, D_NCOUNT = D_TL + TL_N
};

static void
disclosures_columns(struct stats_run *R)
{
	R->colname[C_DATE] = "received_date";
	R->colname[C_DECISION] = "decision";
	R->colname[C_DECDATE] = "decision_date";
}

/* The decision of the row; 1 when decided (disclose or not). */
static int
decision(const struct csvr *s, int ix, uint64_t *c)
{
	if (stats_field_is(s, ix, "disclose"))
		return c[D_DISCLOSE]++, 1;
	if (stats_field_is(s, ix, "no_disclose"))
		return c[D_NODISC]++, 1;
	if (stats_field_is(s, ix, "withdrawn"))
		c[D_WITHDRAWN]++;
	else if (stats_field_is(s, ix, "pending"))
		c[D_PENDING]++;
	else
		c[D_UNKDEC]++;
	return 0;
}

static void
disclosures_add(struct stats_run *R, const struct csvr *s)
{
	const struct stats_opts *o = R->o;
	int32_t day, b, d2;
	int place = stats_place(R, s, &day, &b), rc, decided;
	size_t cell;
	uint64_t *c;

	if (place == PLACE_DROP || place == PLACE_OUTSIDE)
		return;
	c = stats_cell(R, b, &cell);
	c[D_REQ]++;
	decided = decision(s, R->ix[C_DECISION], c);
	if (place != PLACE_DATED)
		return;
	rc = stats_field_date(s, R->ix[C_DECDATE], &d2);
	if (rc < 0 || (rc == 1 && d2 < day)) {
		R->nt.baddecdate++;
		rc = 0;
	} else if (decided && rc == 1) {
		uint32_t w = stats_days_between(day, d2);

		c[D_DECIDED]++;
		agg_hist_add(R->agg, cell, 0, w);
	}
	/*
	 * The 28 days, once past by --at: withdrawn requests and decisions
	 * without a date are left out.
	 */
	if (!stats_field_is(s, R->ix[C_DECISION], "withdrawn") &&
	    !(decided && rc != 1))
		tl_add(c + D_TL, day, decided && rc == 1, d2, 28, o->at);
	/*
	 * Open at --at: received more than 28 days before it and not
	 * decided or withdrawn by then (a decision without a date counts
	 * as made).
	 */
	if (decided || stats_field_is(s, R->ix[C_DECISION], "withdrawn"))
		if (rc != 1 || d2 <= o->at)
			return;
	if (day <= o->at && o->at - day > 28)
		c[D_OPEN28]++;
}

static void
disclosures_header(const struct stats_run *R, struct csvw *w)
{
	static const char *const h[] = { "requests", "disclose",
	    "no_disclose", "withdrawn", "pending", "decision_unknown",
	    "disclosure_rate", "disclosure_rate_lower",
	    "disclosure_rate_upper", "decided", "median_days_to_decision",
	    NULL };

	tab_names(w, h);
	tl_header(w, "28_days");
	csvw_str(w, "open_over_28_days_at");
}

static void
disclosures_row(struct stats_run *R, struct out *O, const char *g,
    size_t glen, int32_t key, const struct agg_sum *S, struct agg_sum *P)
{
	const uint64_t *c = S->c;
	double lv = R->o->level;
	int k;

	for (k = D_REQ; k <= D_UNKDEC; k++)
		tab_u(O, c[k]);
	tab_rate(O, c[D_DISCLOSE], c[D_DISCLOSE] + c[D_NODISC], lv);
	tab_u(O, c[D_DECIDED]);
	tab_f(O, agg_sum_quantile(S, 0, 0.5), 1);
	tl_row(O, c + D_TL, lv);
	tab_u(O, c[D_OPEN28]);
}

static void
disclosures_notes(const struct stats_run *R)
{
	if (R->nt.baddecdate)
		diag_warn("note: %lu rows with an invalid decision_date, or one "
		    "before received_date (not in days to decision)",
		    R->nt.baddecdate);
}

const struct metric metric_disclosures = {
	.name = "disclosures",
	.ncounters = D_NCOUNT,
	.nhist = 1,
	.columns = disclosures_columns,
	.add = disclosures_add,
	.header = disclosures_header,
	.row = disclosures_row,
	.notes = disclosures_notes,
};
