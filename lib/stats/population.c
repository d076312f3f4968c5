/*
 * population: per-capita rates.  The population file (area, year,
 * population and/or female_16plus) is read once; a group's population
 * is that of its --area value in the period's year (else the latest year
 * before it, else the earliest), or, when the area is not a group
 * column, the sum over the areas the data holds.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "core/err.h"
#include "stats/intervals.h"
#include "stats/stats.h"

/* Canonical CSV: comma-delimited, never sniffed. */
static const struct csvr_opts canonical_csv = { .delim = ',' };

struct popent {
	long year;
	double pop, female;
	int has_pop, has_female;
};

struct popset {
	struct hmap *areas;	/* area -> index in list */
	struct popent **ent;
	size_t *n;
	size_t nareas;
};

static int
parse_number(const char *p, size_t n, double *v)
{
	char buf[64], *end;

	if (n == 0 || n >= sizeof(buf))
		return -1;
	memcpy(buf, p, n);
	buf[n] = '\0';
	errno = 0;
	*v = strtod(buf, &end);
	if (*end != '\0' || errno != 0 || *v < 0)
		return -1;
	return 0;
}

void
pop_free(struct popset *ps)
{
	size_t i;

	if (ps == NULL)
		return;
	for (i = 0; i < ps->nareas; i++)
		free(ps->ent[i]);
	free(ps->ent);
	free(ps->n);
	hmap_free(ps->areas);
	free(ps);
}

/* A bad population file: frees what was read, sets e; returns NULL. */
static struct popset *
population_bad(struct popset *ps, struct csvr *s, const char *path,
    unsigned long line, const char *what, struct vawg_err *e)
{
	err_at(e, EX_DATAERR, path, line, "%s", what);
	pop_free(ps);
	csvr_close(s);
	return NULL;
}

/* Adds one row's figures for area a (na bytes). */
static void
pop_add(struct popset *ps, const char *a, size_t na, const struct popent *e)
{
	int created;
	uintptr_t *slot = hmap_slot(ps->areas, a, na, 1, &created);

	if (created) {
		*slot = ps->nareas++;
		ps->ent = xreallocarray(ps->ent, ps->nareas, sizeof(*ps->ent));
		ps->n = xreallocarray(ps->n, ps->nareas, sizeof(*ps->n));
		ps->ent[*slot] = NULL;
		ps->n[*slot] = 0;
	}
	ps->ent[*slot] = xreallocarray(ps->ent[*slot], ps->n[*slot] + 1,
	    sizeof(**ps->ent));
	ps->ent[*slot][ps->n[*slot]++] = *e;
}

/*
 * Reads one row's figures into *e: NULL, or what is wrong with the row.
 */
static const char *
pop_row(struct csvr *s, int iy, int ip, int iff, size_t na,
    struct popent *e)
{
	size_t n;
	const char *p;
	double y;

	p = csvr_field_n(s, (size_t)iy, &n);
	if (csvr_recerr(s) || na == 0 || parse_number(p, n, &y) != 0)
		return "bad area or year";
	e->year = (long)y;
	if (ip >= 0) {
		p = csvr_field_n(s, (size_t)ip, &n);
		if (n > 0 && parse_number(p, n, &e->pop) != 0)
			return "bad population";
		e->has_pop = n > 0;
	}
	if (iff >= 0) {
		p = csvr_field_n(s, (size_t)iff, &n);
		if (n > 0 && parse_number(p, n, &e->female) != 0)
			return "bad female_16plus";
		e->has_female = n > 0;
	}
	return NULL;
}

struct popset *
pop_read(const char *path, struct vawg_err *e)
{
	struct csvr *s = csvr_open(path, &canonical_csv);
	struct popset *ps;
	int ia, iy, ip, iff, rc;

	if (s == NULL) {
		err_sys(e, EX_NOINPUT, "%s", path);
		return NULL;
	}
	if ((rc = csvr_header(s)) != CSVR_RECORD)
		return population_bad(NULL, s, path, 1, rc == CSVR_EOF ?
		    "empty population file" : csvr_error(s), e);
	ia = csvr_col(s, "area");
	iy = csvr_col(s, "year");
	ip = csvr_col(s, "population");
	iff = csvr_col(s, "female_16plus");
	if (ia < 0 || iy < 0 || (ip < 0 && iff < 0)) {
		err_at(e, EX_DATAERR, path, 1, "missing column %s",
		    ia < 0 ? "area" : iy < 0 ? "year" : "population");
		csvr_close(s);
		return NULL;
	}
	ps = xcalloc(1, sizeof(*ps));
	ps->areas = hmap_new();
	while ((rc = csvr_next(s)) == CSVR_RECORD) {
		struct popent ent = { 0, 0, 0, 0, 0 };
		const char *a, *bad;
		size_t na;

		a = csvr_field_n(s, (size_t)ia, &na);
		if ((bad = pop_row(s, iy, ip, iff, na, &ent)) != NULL)
			return population_bad(ps, s, path, csvr_line(s), bad,
			    e);
		pop_add(ps, a, na, &ent);
	}
	if (rc == CSVR_ERROR)
		return population_bad(ps, s, path, csvr_error_line(s),
		    csvr_error(s), e);
	csvr_close(s);
	return ps;
}

/*
 * Population of area index i in year y (female 16+ when female): the
 * row of that year, else the latest before it, else the earliest.
 */
static int
pop_of_area(const struct popset *ps, size_t i, long y, int female, double *v)
{
	const struct popent *best = NULL;
	size_t k;

	for (k = 0; k < ps->n[i]; k++) {
		const struct popent *e = &ps->ent[i][k];

		if (!(female ? e->has_female : e->has_pop))
			continue;
		if (best == NULL ||
		    (e->year <= y && (best->year > y || e->year > best->year)) ||
		    (e->year > y && best->year > y && e->year < best->year))
			best = e;
	}
	if (best == NULL)
		return -1;
	*v = female ? best->female : best->pop;
	return 0;
}

/*
 * Population for a group: of its area value, or, when the area column is
 * not a group column, the sum over the areas the data holds (seen).
 */
static int
pop_lookup(const struct popset *ps, const struct hmap *seen,
    const char *area, size_t alen, long y, int female, double *v)
{
	size_t it = 0, len;
	double sum = 0, x;
	const char *key;
	uintptr_t *slot;

	if (area != NULL) {
		slot = hmap_slot(ps->areas, area, alen, 0, NULL);
		if (slot == NULL)
			return -1;
		return pop_of_area(ps, *slot, y, female, v);
	}
	if (hmap_count(seen) == 0)
		return -1;
	while (hmap_next(seen, &it, &key, &len, NULL)) {
		slot = hmap_slot(ps->areas, key, len, 0, NULL);
		if (slot == NULL || pop_of_area(ps, *slot, y, female, &x) != 0)
			return -1;
		sum += x;
	}
	*v = sum;
	return 0;
}

/* The area value of a group for population look-ups, or NULL. */
static const char *
group_area(const struct stats_run *R, const char *g, size_t glen, size_t *alen)
{
	const struct stats_opts *o = R->o;
	size_t i, k = 0, start = 0;

	for (i = 0; i < o->nby; i++)
		if (strcmp(o->by[i], o->area) == 0)
			break;
	if (i == o->nby)
		return NULL;
	for (size_t j = 0; j <= glen; j++)
		if (j == glen || g[j] == AGG_SEP) {
			if (k == i) {
				*alen = j - start;
				return g + start;
			}
			k++;
			start = j + 1;
		}
	return NULL;
}

/*
 * Per-capita figure: count per `per` people, annualised by `annual`,
 * after the population itself when show_pop is set.
 */
void
tab_per_capita(struct stats_run *R, struct out *O, const char *g, size_t glen,
    int32_t key, uint64_t x, int female, double per, double annual,
    int show_pop)
{
	const char *area;
	size_t alen = 0;
	double pop;
	struct interval iv;

	area = group_area(R, g, glen, &alen);
	if (pop_lookup(O->ps, R->areas, area, alen, stats_period_year(R, key),
	    female, &pop) != 0 || pop <= 0 || !(annual > 0)) {
		O->popmissing++;
		if (show_pop)
			tab_f(O, NAN, 0);
		tab_f(O, NAN, 2);
		tab_f(O, NAN, 2);
		tab_f(O, NAN, 2);
		return;
	}
	iv = iv_poisson(x, R->o->level);
	if (show_pop)
		tab_f(O, pop, 0);
	tab_f(O, (double)x / pop * per * annual, 2);
	tab_f(O, iv.lo / pop * per * annual, 2);
	tab_f(O, iv.hi / pop * per * annual, 2);
}

