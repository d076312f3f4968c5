/*
 * tabrank: --rank.  The finished table is read back from memory and
 * each row ranked among the rows of the same period and the same values
 * of the --by columns other than the --area column: rank by a count
 * (--rank-by, else the metric's first column), rank_per_capita by the
 * first per-capita column ("_per_" in its name) when --population is
 * given.  Competition ranking: 1 is the highest; equal values share a
 * rank and the next rank skips ("1,2,2,4").  Rows of an unknown group or
 * period, or with no value, are not ranked and not counted.  Memory:
 * the table's rows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "core/err.h"
#include "stats/stats.h"

struct trow {
	char **f;		/* the fields */
	char *part;		/* the partition: period and other groups */
	int ok;			/* ranked */
	double v[2];		/* count, per capita */
	long rank[2];
};

static const struct csvr_opts table_csv = { .delim = ',' };

static int
part_cmp(const void *a, const void *b)
{
	const struct trow *x = *(struct trow *const *)a,
	    *y = *(struct trow *const *)b;

	return strcmp(x->part, y->part);
}

/* Reads a number; 0 when the field is empty or not one. */
static int
num(const char *s, double *v)
{
	char *end;

	if (*s == '\0')
		return 0;
	*v = strtod(s, &end);
	return *end == '\0';
}

/* The row's partition key and whether it is ranked at all. */
static void
row_part(const struct stats_run *R, struct trow *t, size_t nf)
{
	const struct stats_opts *o = R->o;
	size_t i, len = 1;
	char *p;

	t->ok = strcmp(t->f[o->nby], "unknown") != 0;
	for (i = 0; i <= o->nby && i < nf; i++)
		len += strlen(t->f[i]) + 1;
	p = t->part = xmalloc(len);
	for (i = 0; i <= o->nby && i < nf; i++) {
		if (i < o->nby && strcmp(t->f[i], "unknown") == 0)
			t->ok = 0;
		if (i < o->nby && strcmp(o->by[i], o->area) == 0)
			continue;
		p += sprintf(p, "%s\x1f", t->f[i]);
	}
	*p = '\0';
}

/* Competition ranks within each block of equal partitions. */
static void
rank_blocks(struct trow **v, size_t n, int k)
{
	size_t i, j, a, b;

	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && strcmp(v[j]->part, v[i]->part) == 0;
		    j++)
			;
		for (a = i; a < j; a++) {
			if (!v[a]->ok || v[a]->rank[k] < 0)
				continue;
			v[a]->rank[k] = 1;
			for (b = i; b < j; b++)
				if (v[b]->ok && v[b]->rank[k] >= 0 &&
				    v[b]->v[k] > v[a]->v[k])
					v[a]->rank[k]++;
		}
	}
}

static int
find_col(const struct csvr *r, const char *name, int per)
{
	size_t i;

	for (i = 0; i < csvr_ncols(r); i++)
		if (per ? strstr(csvr_colname(r, i), "_per_") != NULL :
		    strcmp(csvr_colname(r, i), name) == 0)
			return (int)i;
	return -1;
}

static void
write_ranked(struct csvw *w, struct trow *t, size_t nf, int npc)
{
	char buf[32];
	size_t i;
	int k;

	for (i = 0; i < nf; i++)
		csvw_str(w, t->f[i]);
	for (k = 0; k < 1 + npc; k++) {
		if (!t->ok || t->rank[k] < 1)
			csvw_str(w, "");
		else {
			snprintf(buf, sizeof(buf), "%ld", t->rank[k]);
			csvw_str(w, buf);
		}
	}
	csvw_end(w);
}

/* Reads the table's rows, each ranked on the columns ix[0], ix[1]. */
static struct trow *
read_rows(const struct stats_run *R, struct csvr *r, const int *ix,
    size_t nf, size_t *n)
{
	struct trow *t = NULL;
	size_t i;
	int k;

	*n = 0;
	while (csvr_next(r) == CSVR_RECORD) {
		struct trow *x;

		t = xreallocarray(t, *n + 1, sizeof(*t));
		x = &t[(*n)++];
		x->f = xcalloc(nf, sizeof(*x->f));
		for (i = 0; i < nf; i++) {
			size_t len;
			const char *p = csvr_field_n(r, i, &len);

			x->f[i] = xstrndup(p, len);
		}
		row_part(R, x, nf);
		for (k = 0; k < 2; k++)
			x->rank[k] = ix[k] >= 0 &&
			    num(x->f[ix[k]], &x->v[k]) ? 0 : -1;
	}
	return t;
}

int
tab_rank(const struct stats_run *R, const char *buf, size_t len,
    struct csvw *w)
{
	FILE *fp = fmemopen((void *)buf, len ? len : 1, "r");
	struct csvr *r;
	struct trow *t, **v;
	size_t nf, n, i, j;
	int ix[2] = { -1, -1 }, npc = R->o->popfile != NULL;

	if (fp == NULL || (r = csvr_fdopen(fp, "table", &table_csv)) == NULL) {
		if (fp != NULL)
			fclose(fp);
		return err_sys(R->err, EX_OSERR, "memory table");
	}
	csvr_adopt(r);
	nf = csvr_header(r) == 1 ? csvr_ncols(r) : 0;
	ix[0] = R->o->rank_by ? find_col(r, R->o->rank_by, 0) :
	    (int)R->o->nby + 1;
	if (ix[0] < 0 || (size_t)ix[0] >= nf) {
		csvr_close(r);
		return err_set(R->err, EX_USAGE, "--rank-by: no column %s in "
		    "the %s table", R->o->rank_by ? R->o->rank_by : "(first)",
		    R->m->name);
	}
	if (npc)
		ix[1] = find_col(r, NULL, 1);
	for (i = 0; i < nf; i++)
		csvw_str(w, csvr_colname(r, i));
	csvw_str(w, "rank");
	if (npc)
		csvw_str(w, "rank_per_capita");
	csvw_end(w);
	t = read_rows(R, r, ix, nf, &n);
	csvr_close(r);
	v = xcalloc(n + 1, sizeof(*v));
	for (i = 0; i < n; i++)
		v[i] = &t[i];
	qsort(v, n, sizeof(*v), part_cmp);
	rank_blocks(v, n, 0);
	rank_blocks(v, n, 1);
	for (i = 0; i < n; i++) {
		write_ranked(w, &t[i], nf, npc);
		for (j = 0; j < nf; j++)
			free(t[i].f[j]);
		free(t[i].f);
		free(t[i].part);
	}
	free(v);
	free(t);
	return 0;
}
