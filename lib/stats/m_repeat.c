/*
 * Repeat victimisation: per group and period, the people (victims, or
 * suspects with --role) with a crime in it, those of them whose crime
 * was a repeat (their previous crime at most 12 months before, whenever
 * it was), and the crimes.  Every dated crime is kept, one date per
 * crime; the cells are made at the end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "stats/stats.h"

enum { P_VICTIMS, P_REPEATS, P_CRIMES, P_NCOUNT };

static void
repeat_columns(struct stats_run *R)
{
	R->colname[C_DATE] = "reported_date";
	snprintf(R->roleid, sizeof(R->roleid), "%s_id", R->o->role);
	R->colname[C_ROLEID] = R->roleid;
}

/* repeat: the crime's date under the person, tagged with its group. */
static void
repeat_add(struct stats_run *R, const struct csvr *s)
{
	int32_t day, b;
	int created;
	uintptr_t *gslot;
	const char *p;
	size_t n;

	if (stats_place(R, s, &day, &b) != PLACE_DATED)
		return;
	p = csvr_field_n(s, (size_t)R->ix[C_ROLEID], &n);
	if (n == 0) {
		R->nt.noident++;
		return;
	}
	gslot = hmap_slot(R->groups, R->key, R->keylen, 1, &created);
	if (created)
		*gslot = hmap_count(R->groups) - 1;
	people_add(R, p, n, day, (uint32_t)*gslot);
}

struct gp {
	uint32_t gid;
	int32_t key;
	int repeat;
};

static int
cmp_gp(const void *a, const void *b)
{
	const struct gp *x = a, *y = b;

	if (x->gid != y->gid)
		return x->gid < y->gid ? -1 : 1;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return y->repeat - x->repeat;
}

/*
 * repeat: per person, each crime is a repeat when the person's previous
 * crime was at most 12 months before it; the person counts once in
 * each group and period holding a crime of theirs, as a repeat when one
 * of those crimes is.  Cells are made here, one per group and period
 * (rolling12: per window end).
 */
static void
finish_repeat(struct stats_run *R)
{
	const struct stats_opts *o = R->o;
	const char **gname;
	size_t *glen, i, j, k, ngp, gcap = 0, it = 0;
	struct gp *gp = NULL;
	const char *key;
	size_t len;
	uintptr_t val;

	gname = xcalloc(hmap_count(R->groups) + 1, sizeof(*gname));
	glen = xcalloc(hmap_count(R->groups) + 1, sizeof(*glen));
	while (hmap_next(R->groups, &it, &key, &len, &val)) {
		gname[val] = key;
		glen[val] = len;
	}
	R->minb = INT32_MAX;
	R->maxb = INT32_MIN;
	for (i = 0; i < R->nvic; i++) {
		struct victim *v = &R->vic[i];

		people_sort(v);
		ngp = 0;
		for (j = 0; j < v->n; j++) {
			int rep = j > 0 &&
			    v->day[j] <= date_add_months(v->day[j - 1], 12);
			int32_t b = stats_bucket_of(o, v->day[j]);
			int nk = o->rolling ? 12 : 1;

			if ((o->has_from && v->day[j] < o->from) ||
			    (o->has_to && v->day[j] > o->to))
				continue;	/* only an earlier crime */
			stats_see_bucket(R, b);
			stats_see_day(R, v->day[j]);
			for (k = 0; k < (size_t)nk; k++) {
				agg_counters(R->agg, agg_cell(R->agg,
				    gname[v->tag[j]], glen[v->tag[j]],
				    b + (int32_t)k))[P_CRIMES]++;
				if (ngp == gcap) {
					gcap = gcap ? gcap * 2 : 64;
					gp = xreallocarray(gp, gcap,
					    sizeof(*gp));
				}
				gp[ngp].gid = v->tag[j];
				gp[ngp].key = b + (int32_t)k;
				gp[ngp].repeat = rep;
				ngp++;
			}
		}
		qsort(gp, ngp, sizeof(*gp), cmp_gp);
		for (j = 0; j < ngp; j++) {
			uint64_t *c;

			if (j > 0 && gp[j].gid == gp[j - 1].gid &&
			    gp[j].key == gp[j - 1].key)
				continue;
			/* Sorted with repeats first within a pair. */
			c = agg_counters(R->agg, agg_cell(R->agg,
			    gname[gp[j].gid], glen[gp[j].gid], gp[j].key));
			c[P_VICTIMS]++;
			if (gp[j].repeat)
				c[P_REPEATS]++;
		}
	}
	free(gp);
	free(gname);
	free(glen);
}


static void
repeat_header(const struct stats_run *R, struct csvw *w)
{
	static const char *const h[] = { "people", "repeat_people",
	    "repeat_rate", "repeat_rate_lower", "repeat_rate_upper", "crimes",
	    NULL };
	tab_names(w, h);
}

static void
repeat_row(struct stats_run *R, struct out *O, const char *g, size_t glen,
    int32_t key, const struct agg_sum *S, struct agg_sum *P)
{
	const uint64_t *c = S->c;

	tab_u(O, c[P_VICTIMS]);
	tab_u(O, c[P_REPEATS]);
	tab_rate(O, c[P_REPEATS], c[P_VICTIMS], R->o->level);
	tab_u(O, c[P_CRIMES]);
}

const struct metric metric_repeat = {
	.name = "repeat",
	.flags = MF_HISTORY,
	.ncounters = P_NCOUNT,
	.columns = repeat_columns,
	.add = repeat_add,
	.finish = finish_repeat,
	.header = repeat_header,
	.row = repeat_row,
	.notes = people_notes,
};
