/*
 * MARAC: cases per group and period, by DASH risk score band, and the
 * repeat rate (a case is a repeat when the victim's previous referral
 * was at most 12 months before it, counting referrals outside
 * --from/--to), with --population cases per 10,000 women a year.  The
 * victim is victim_id, else surname, forename and date of birth.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "stats/stats.h"

enum { A_CASES, A_REPEATS, A_D13, A_D19, A_D27, A_DUNK, A_NCOUNT };

static void
marac_columns(struct stats_run *R)
{
	const char **c = R->colname;

	c[C_DATE] = "meeting_date";
	c[C_REFERRAL] = "referral_date";
	c[C_DASH] = "dash_score";
	c[C_VID] = "victim_id";
	c[C_VFORE] = "victim_forename";
	c[C_VSUR] = "victim_surname";
	c[C_VDOB] = "victim_dob";
}

static int
marac_check(const struct stats_run *R, const struct csvr *s, int after)
{
	if (after && R->ix[C_VID] < 0 &&
	    (R->ix[C_VFORE] < 0 || R->ix[C_VSUR] < 0 || R->ix[C_VDOB] < 0))
		return err_at(R->err, EX_DATAERR, csvr_name(s), 1,
		    "missing column victim_id (or victim_forename, "
		    "victim_surname and victim_dob)");
	return 0;
}

/* The marac victim's identity: victim_id, else surname|forename|dob. */
static size_t
marac_identity(struct stats_run *R, const struct csvr *s, char *buf, size_t cap)
{
	size_t n, len = 0, i, k;
	const char *p;
	static const enum col parts[] = { C_VSUR, C_VFORE, C_VDOB };

	if (R->ix[C_VID] >= 0) {
		p = csvr_field_n(s, (size_t)R->ix[C_VID], &n);
		if (n > 0) {
			if (n > cap - 1)
				n = cap - 1;
			buf[0] = 'i';
			memcpy(buf + 1, p, n);
			return n + 1;
		}
	}
	if (R->ix[C_VSUR] < 0 || R->ix[C_VFORE] < 0 || R->ix[C_VDOB] < 0)
		return 0;
	buf[len++] = 'n';
	for (k = 0; k < 3; k++) {
		p = csvr_field_n(s, (size_t)R->ix[parts[k]], &n);
		if (n == 0)
			return 0;
		for (i = 0; i < n && len + 2 < cap; i++) {
			char c = p[i];

			if (c >= 'a' && c <= 'z')
				c = (char)(c - 'a' + 'A');
			if (c == ' ' || c == '-' || c == '\'')
				continue;
			buf[len++] = c;
		}
		buf[len++] = '|';
	}
	return len;
}

/*
 * Records a marac case for repeat counting: the referral date (else the
 * meeting date) under the victim's identity; tag is the case's cell, or
 * UINT32_MAX for a case outside --from/--to that only serves as an
 * earlier referral.
 */
static void
marac_person(struct stats_run *R, const struct csvr *s, int32_t meeting,
    uint32_t tag)
{
	char id[512];
	size_t idn;
	int32_t ref;

	if (stats_field_date(s, R->ix[C_REFERRAL], &ref) != 1) {
		if (meeting == BUCKET_UNKNOWN) {
			R->nt.noident++;
			return;
		}
		ref = meeting;
	}
	idn = marac_identity(R, s, id, sizeof(id));
	if (idn == 0) {
		R->nt.noident++;
		return;
	}
	people_add(R, id, idn, ref, tag);
}


/* The DASH score band of the row. */
static void
marac_dash(struct stats_run *R, const struct csvr *s, uint64_t *c)
{
	long dash;
	char *end, num[8];
	size_t n;
	const char *p = csvr_field_n(s, (size_t)(R->ix[C_DASH]), &n);

	if (n == 0 || n > 3) {
		c[A_DUNK]++;
		if (n > 0)
			R->nt.baddash++;
		return;
	}
	memcpy(num, p, n);
	num[n] = '\0';
	dash = strtol(num, &end, 10);
	if (*end != '\0' || dash < 0 || dash > 27) {
		c[A_DUNK]++;
		R->nt.baddash++;
	} else
		c[dash <= 13 ? A_D13 : dash <= 19 ? A_D19 : A_D27]++;
}

static void
marac_add(struct stats_run *R, const struct csvr *s)
{
	int32_t day, b;
	int place = stats_place(R, s, &day, &b);
	size_t cell;
	uint64_t *c;

	if (place == PLACE_OUTSIDE)
		marac_person(R, s, day, UINT32_MAX);
	if (place == PLACE_DROP || place == PLACE_OUTSIDE)
		return;
	c = stats_cell(R, b, &cell);
	c[A_CASES]++;
	marac_dash(R, s, c);
	marac_person(R, s, place == PLACE_DATED ? day : BUCKET_UNKNOWN,
	    (uint32_t)cell);
}

/* marac: a case is a repeat when the victim's previous referral was
 * at most 12 months before it. */
static void
finish_marac(struct stats_run *R)
{
	size_t i, j;

	for (i = 0; i < R->nvic; i++) {
		struct victim *v = &R->vic[i];

		people_sort(v);
		for (j = 1; j < v->n; j++)
			if (v->tag[j] != UINT32_MAX &&
			    v->day[j] <= date_add_months(v->day[j - 1], 12))
				agg_counters(R->agg, v->tag[j])[A_REPEATS]++;
	}
}


static void
marac_header(const struct stats_run *R, struct csvw *w)
{
	static const char *const h[] = { "cases", "repeats",
	    "repeat_rate", "repeat_rate_lower", "repeat_rate_upper",
	    "dash_0_13", "dash_14_19", "dash_20_27", "dash_unknown", NULL };
	static const char *const hpop[] = { "female_16plus",
	    "cases_per_10k_women_year", "cases_per_10k_women_year_lower",
	    "cases_per_10k_women_year_upper", NULL };

	tab_names(w, h);
	if (R->o->popfile)
		tab_names(w, hpop);
}

static void
marac_row(struct stats_run *R, struct out *O, const char *g, size_t glen,
    int32_t key, const struct agg_sum *S, struct agg_sum *P)
{
	const uint64_t *c = S->c;
	int m, k;

	tab_u(O, c[A_CASES]);
	tab_u(O, c[A_REPEATS]);
	tab_rate(O, c[A_REPEATS], c[A_CASES], R->o->level);
	for (k = A_D13; k <= A_DUNK; k++)
		tab_u(O, c[k]);
	if (!R->o->popfile)
		return;
	m = stats_period_months(R->o);
	if (m == 0 && R->maxday >= R->minday)	/* all: the months spanned */
		m = date_month_index(R->maxday) -
		    date_month_index(R->minday) + 1;
	tab_per_capita(R, O, g, glen, key, c[A_CASES], 1, 1e4,
	    m > 0 && key != BUCKET_UNKNOWN ? 12.0 / m : NAN, 1);
}

static void
marac_notes(const struct stats_run *R)
{
	if (R->nt.baddash)
		diag_warn("note: %lu rows with a dash_score that is not 0-27 "
		    "(dash_unknown)", R->nt.baddash);
	people_notes(R);
}

const struct metric metric_marac = {
	.name = "marac",
	.flags = MF_POPULATION,
	.ncounters = A_NCOUNT,
	.optional = COLBIT(C_VID) | COLBIT(C_VFORE) | COLBIT(C_VSUR) |
	    COLBIT(C_VDOB) | COLBIT(C_REFERRAL),
	.columns = marac_columns,
	.check = marac_check,
	.add = marac_add,
	.finish = finish_marac,
	.header = marac_header,
	.row = marac_row,
	.notes = marac_notes,
};
