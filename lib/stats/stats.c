/*
 * stats: one run of vawg-stats.  Checks the options against the
 * metric, reads every input into the accumulators, lets the metric
 * finish, writes the table and the notes on rows not counted in full.
 */
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "stats/stats.h"

void
stats_opts_init(struct stats_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->period = PERIOD_MONTH;
	o->closed = 1;
	o->level = 0.95;
	o->role = "victim";
	o->area = "borough";
	stats_parse_positive(o, "1,2,3,4,6,7,8");
}

/* Checks the options against the metric: NULL, or what is wrong. */
const char *
stats_check(struct stats_opts *o)
{
	unsigned f = o->metric->flags;

	if ((f & MF_PERIOD_ALL) && !o->period_set)
		o->period = PERIOD_ALL;
	if (o->compare && !(f & MF_COMPARE))
		return "--compare: only for count and charge-rate";
	if (o->compare && o->period == PERIOD_ALL && !o->rolling)
		return "--compare: needs a --period other than all";
	if ((f & MF_WINDOWS) && !(o->has_before && o->has_after))
		return "change: needs --before and --after";
	if (!(f & MF_WINDOWS) && (o->has_before || o->has_after))
		return "--before, --after: only for change";
	if (o->has_target && !(f & MF_TARGET))
		return "--target: only for engagement";
	if (o->popfile && !(f & MF_POPULATION))
		return "--population: only for orders and marac";
	if (o->distinct && !(f & MF_DISTINCT))
		return "--distinct: only for count";
	if (o->has_from && o->has_to && o->to < o->from)
		return "--to: before --from";
	if (strcmp(o->role, "victim") != 0 && strcmp(o->role, "suspect") != 0)
		return "--role: victim or suspect";
	return NULL;
}

static void
print_notes(const struct stats_run *R)
{
	const struct notes *n = &R->nt;
	const char *dc = R->colname[C_DATE] ? R->colname[C_DATE] : "date";

	if (n->baddate_all)
		diag_warn("note: %lu rows with an empty or invalid %s "
		    "(counted in period all)", n->baddate_all, dc);
	if (n->baddate)
		diag_warn("note: %lu rows with an empty or invalid %s (%s)",
		    n->baddate, dc,
		    R->o->has_from || R->o->has_to ||
		    (R->m->flags & (MF_HISTORY | MF_WINDOWS)) ? "not counted" :
		    "period unknown");
	if (R->m->notes != NULL)
		R->m->notes(R);
	if (n->dup)
		diag_warn("note: %lu rows repeating a key already counted "
		    "(--distinct)", n->dup);
}

static void
run_init(struct stats_run *R, const struct stats_opts *o)
{
	memset(R, 0, sizeof(*R));
	R->o = o;
	R->m = o->metric;
	R->load_from = o->compare ? date_add_months(period_start(PERIOD_MONTH,
	    o->from), -12) : o->from;
	R->minb = R->minday = INT32_MAX;
	R->maxb = R->maxday = INT32_MIN;
	R->byix = xcalloc(o->nby + 1, sizeof(*R->byix));
	R->keycap = 256;
	R->key = xmalloc(R->keycap);
	R->agg = agg_new(R->m->ncounters, R->m->nhist);
	if (o->distinct)
		R->seen = hmap_new();
	R->people = hmap_new();
	R->groups = hmap_new();
	R->areas = hmap_new();
}

static void
run_free(struct stats_run *R)
{
	people_free(R);
	hmap_free(R->people);
	hmap_free(R->groups);
	hmap_free(R->areas);
	hmap_free(R->seen);
	agg_free(R->agg);
	free(R->key);
	free(R->byix);
}

int
stats_run(struct stats_opts *o, char *const *inputs, FILE *fp,
    const char *name, int strict, struct vawg_err *err)
{
	struct stats_run R;
	int status = 0, rc;

	run_init(&R, o);
	R.err = err;
	err->code = 0;
	for (; *inputs != NULL; inputs++)
		if ((rc = stats_read(&R, *inputs)) != 0) {
			status = rc;
			if (err->code != 0)
				break;
		}
	if (err->code == 0 && R.m->finish != NULL)
		R.m->finish(&R);
	if (err->code != 0 || stats_write(&R, fp, name) != 0) {
		run_free(&R);
		return err->code;
	}
	print_notes(&R);
	if (status == 0 && R.rejected > 0)
		status = strict ? EX_DATAERR : 1;
	run_free(&R);
	return status;
}
