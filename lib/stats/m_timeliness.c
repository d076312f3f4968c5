/*
 * Timeliness: the counting every deadline measure shares (a task counts
 * once its deadline has passed by --at; those still within it are
 * reported apart, and a row holding any says it is not mature), and the
 * RMU measures built on it: pnc-upload (granted orders put on the PNC
 * within --days of being granted) and dvds-contact (Clare's Law
 * applicants contacted within --days of the decision).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/diag.h"
#include "stats/stats.h"

void
tl_add(uint64_t *c, int32_t start, int has_done, int32_t done, int days,
    int32_t at)
{
	int32_t deadline = start + days;
	int known = has_done && done <= at;

	if (at > deadline) {
		c[TL_DUE]++;
		if (known && done <= deadline)
			c[TL_ONTIME]++;
		else if (!known)
			c[TL_LATE_PENDING]++;
	} else {
		c[TL_NYD]++;
		if (!known)
			c[TL_NYD_PENDING]++;
	}
}

void
tl_header(struct csvw *w, const char *suffix)
{
	static const char *const fmt[] = { "due_%s", "within_%s",
	    "within_%s_share", "within_%s_share_lower",
	    "within_%s_share_upper", "late_%s", "late_pending_%s",
	    "pending_within_%s", "not_yet_due_%s", NULL };
	char name[96];
	size_t k;

	for (k = 0; fmt[k] != NULL; k++) {
		snprintf(name, sizeof(name), fmt[k], suffix);
		csvw_str(w, name);
	}
	csvw_str(w, "mature");
}

void
tl_row(struct out *O, const uint64_t *c, double level)
{
	tab_u(O, c[TL_DUE]);
	tab_u(O, c[TL_ONTIME]);
	tab_rate(O, c[TL_ONTIME], c[TL_DUE], level);
	tab_u(O, c[TL_DUE] - c[TL_ONTIME]);
	tab_u(O, c[TL_LATE_PENDING]);
	tab_u(O, c[TL_NYD_PENDING]);
	tab_u(O, c[TL_NYD]);
	csvw_str(O->w, c[TL_NYD] ? "N" : "Y");
}

enum { U_N, U_DONE, U_TL, U_NCOUNT = U_TL + TL_N };

static void
pnc_columns(struct stats_run *R)
{
	R->colname[C_DATE] = "granted_date";
	R->colname[C_DECISION] = "decision";
	R->colname[C_FOLLOWUP] = "pnc_upload_date";
}

static void
contact_columns(struct stats_run *R)
{
	R->colname[C_DATE] = "decision_date";
	R->colname[C_DECISION] = "decision";
	R->colname[C_FOLLOWUP] = "contact_date";
}

/*
 * pnc-upload, dvds-contact: a task started on the row's date (granted,
 * decided) and done on its follow-up date (put on the PNC, applicant
 * contacted), within --days.
 */
static void
followup_add(struct stats_run *R, const struct csvr *s)
{
	const struct stats_opts *o = R->o;
	int32_t day, b, done;
	int place, rc, dec = R->ix[C_DECISION];
	size_t cell;
	uint64_t *c;

	if (R->m->columns == pnc_columns ? !stats_field_is(s, dec, "granted") :
	    !stats_field_is(s, dec, "disclose") &&
	    !stats_field_is(s, dec, "no_disclose"))
		return;
	place = stats_place(R, s, &day, &b);
	if (place != PLACE_DATED)
		return;
	c = stats_cell(R, b, &cell);
	c[U_N]++;
	rc = stats_field_date(s, R->ix[C_FOLLOWUP], &done);
	if (rc < 0 || (rc == 1 && done < day)) {
		R->nt.badfollow++;
		return;
	}
	if (rc == 1 && done <= o->at) {
		c[U_DONE]++;
		agg_hist_add(R->agg, cell, 0, stats_days_between(day, done));
	}
	tl_add(c + U_TL, day, rc == 1, done, o->days, o->at);
}

static void
followup_header(const struct stats_run *R, struct csvw *w)
{
	int pnc = R->m->columns == pnc_columns;
	char sfx[32];

	csvw_str(w, pnc ? "granted" : "decided");
	csvw_str(w, pnc ? "uploaded" : "contacted");
	csvw_str(w, pnc ? "median_days_to_upload" : "median_days_to_contact");
	snprintf(sfx, sizeof(sfx), "%d_days", R->o->days);
	tl_header(w, sfx);
}

static void
followup_row(struct stats_run *R, struct out *O, const char *g,
    size_t glen, int32_t key, const struct agg_sum *S, struct agg_sum *P)
{
	tab_u(O, S->c[U_N]);
	tab_u(O, S->c[U_DONE]);
	tab_f(O, agg_sum_quantile(S, 0, 0.5), 1);
	tl_row(O, S->c + U_TL, R->o->level);
}

static void
followup_notes(const struct stats_run *R)
{
	if (R->nt.badfollow)
		diag_warn("note: %lu rows with an invalid %s, or one before "
		    "%s (not counted in the timeliness)", R->nt.badfollow,
		    R->colname[C_FOLLOWUP], R->colname[C_DATE]);
}

const struct metric metric_pnc_upload = {
	.name = "pnc-upload",
	.flags = MF_DAYS,
	.ncounters = U_NCOUNT,
	.nhist = 1,
	.optional = COLBIT(C_FOLLOWUP),
	.columns = pnc_columns,
	.add = followup_add,
	.header = followup_header,
	.row = followup_row,
	.notes = followup_notes,
};

const struct metric metric_dvds_contact = {
	.name = "dvds-contact",
	.flags = MF_DAYS,
	.ncounters = U_NCOUNT,
	.nhist = 1,
	.optional = COLBIT(C_FOLLOWUP),
	.columns = contact_columns,
	.add = followup_add,
	.header = followup_header,
	.row = followup_row,
	.notes = followup_notes,
};
