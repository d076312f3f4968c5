/*
 * people: the dates of each person, for the metrics that count repeats
 * or follow a person (marac, repeat, orders).  One entry per person (by
 * an identity string), each with its dates and a tag per date; memory
 * grows with the cases or crimes kept, one date each.  Rows without a
 * person id are linked into persons by lib/persons, the scoring
 * vawg-dedupe uses, in memory (one person record per row kept).
 */
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "persons/linkage.h"
#include "stats/stats.h"

/* Rows without a person id, kept for linkage. */
struct plink {
	const char *role, *idcol;
	struct lk_cols cols;
	int ncols;		/* person columns of the current input */
	struct lk_set *set;
	int32_t *day;
	uint32_t *tag;
	size_t n, cap;
	unsigned long byid, linked, persons;
};

void
people_add(struct stats_run *R, const char *id, size_t n, int32_t day,
    uint32_t tag)
{
	int created;
	uintptr_t *slot = hmap_slot(R->people, id, n, 1, &created);
	struct victim *v;

	if (created) {
		if (R->nvic == R->vcap) {
			R->vcap = R->vcap ? R->vcap * 2 : 256;
			R->vic = xreallocarray(R->vic, R->vcap,
			    sizeof(*R->vic));
		}
		memset(&R->vic[R->nvic], 0, sizeof(*R->vic));
		*slot = R->nvic++;
	}
	v = &R->vic[*slot];
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 2;
		v->day = xreallocarray(v->day, v->cap, sizeof(*v->day));
		v->tag = xreallocarray(v->tag, v->cap, sizeof(*v->tag));
	}
	v->day[v->n] = day;
	v->tag[v->n] = tag;
	v->n++;
}

/* Sorts one person's dates, keeping tags with them. */
void
people_sort(struct victim *v)
{
	size_t i, j;

	/* Insertion sort: few entries per person. */
	for (i = 1; i < v->n; i++) {
		int32_t d = v->day[i];
		uint32_t t = v->tag[i];

		for (j = i; j > 0 && v->day[j - 1] > d; j--) {
			v->day[j] = v->day[j - 1];
			v->tag[j] = v->tag[j - 1];
		}
		v->day[j] = d;
		v->tag[j] = t;
	}
}

void
people_free(struct stats_run *R)
{
	size_t k;

	for (k = 0; k < R->nvic; k++) {
		free(R->vic[k].day);
		free(R->vic[k].tag);
	}
	free(R->vic);
	R->vic = NULL;
	R->nvic = R->vcap = 0;
	if (R->pl != NULL) {
		lk_set_free(R->pl->set);
		free(R->pl->day);
		free(R->pl->tag);
		free(R->pl);
		R->pl = NULL;
	}
	free(R->priv);
	R->priv = NULL;
}

/* The note on rows left out of the repeat figures. */
void
people_notes(const struct stats_run *R)
{
	const struct plink *p = R->pl;

	if (p != NULL && p->idcol != NULL && p->byid > 0)
		diag_warn("note: persons: %lu rows by %s", p->byid, p->idcol);
	if (p != NULL && p->idcol != NULL && p->linked > 0)
		diag_warn("note: persons: %lu rows without %s linked by the "
		    "%s_ columns (name, date of birth, ...), as vawg-dedupe "
		    "links them: %lu persons", p->linked, p->idcol, p->role,
		    p->persons);
	if (R->nt.noident)
		diag_warn("note: %lu rows without a person identity or date "
		    "(not in the figures by person)", R->nt.noident);
}

static struct plink *
plink(struct stats_run *R)
{
	if (R->pl == NULL) {
		R->pl = xcalloc(1, sizeof(*R->pl));
		R->pl->set = lk_set_new();
	}
	return R->pl;
}

int
people_role(struct stats_run *R, const struct csvr *s, const char *role)
{
	struct plink *p = plink(R);

	p->role = role;
	p->ncols = lk_cols_find(&p->cols, s, role);
	return p->ncols;
}

void
people_row(struct stats_run *R, const struct csvr *s, int idix, int32_t day,
    uint32_t tag)
{
	struct plink *p = plink(R);
	struct lk_person pe;
	char id[256];
	const char *v = NULL;
	size_t n = 0;

	if (idix >= 0)
		v = csvr_field_n(s, (size_t)idix, &n);
	if (n > 0) {
		if (n > sizeof(id) - 1)
			n = sizeof(id) - 1;
		id[0] = 'i';
		memcpy(id + 1, v, n);
		people_add(R, id, n + 1, day, tag);
		p->byid++;
		return;
	}
	if (p->ncols == 0) {
		R->nt.noident++;
		return;
	}
	lk_person_from_csvr(&pe, &p->cols, s);
	if (!lk_person_ok(&pe)) {
		R->nt.noident++;
		return;
	}
	lk_set_add(p->set, &pe);
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 256;
		p->day = xreallocarray(p->day, p->cap, sizeof(*p->day));
		p->tag = xreallocarray(p->tag, p->cap, sizeof(*p->tag));
	}
	p->day[p->n] = day;
	p->tag[p->n] = tag;
	p->n++;
}

/*
 * Links the kept persons with vawg-dedupe's defaults (model estimated
 * from the records, link threshold 0 bits, guard -12 bits, pairs from
 * -10 bits) and files each row under its cluster.
 */
void
people_link(struct stats_run *R, const char *idcol)
{
	struct plink *p = R->pl;
	struct lk_model mo;
	struct lk_pair *pairs;
	uint32_t *cl;
	size_t np, i;
	char id[1 + sizeof(uint32_t)];

	if (p == NULL)
		return;
	if (p->n > 0) {
		lk_set_finish(p->set);
		lk_model_default(&mo);
		lk_model_estimate(&mo, p->set, NULL);
		pairs = lk_pairs(p->set, &mo, -10, &np, NULL, NULL, NULL);
		cl = xreallocarray(NULL, p->n, sizeof(*cl));
		p->persons = lk_cluster(p->set, &mo, pairs, np, 0, -12, cl,
		    NULL);
		for (i = 0; i < p->n; i++) {
			id[0] = 'l';
			memcpy(id + 1, &cl[i], sizeof(cl[i]));
			people_add(R, id, sizeof(id), p->day[i], p->tag[i]);
		}
		p->linked = p->n;
		free(cl);
		free(pairs);
	}
	p->idcol = idcol;
}
