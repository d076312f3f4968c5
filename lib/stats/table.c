/*
 * table: the CSV table of vawg-stats.  The group columns, then the
 * period, then the metric's columns; one row per group and period in
 * the order of the groups, periods in order, "unknown" last.  Numbers
 * are written here: counts, rates with their Wilson interval (4
 * decimals), counts with their exact Poisson interval (2 decimals), NaN
 * as an empty field.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "stats/intervals.h"
#include "stats/stats.h"

void
tab_u(struct out *O, uint64_t v)
{
	int n = snprintf(O->buf, sizeof(O->buf), "%llu",
	    (unsigned long long)v);

	csvw_field(O->w, O->buf, (size_t)n);
}

/* A real number with prec decimals; NaN as empty. */
void
tab_f(struct out *O, double v, int prec)
{
	int n;

	if (isnan(v)) {
		csvw_field(O->w, "", 0);
		return;
	}
	if (isinf(v)) {
		csvw_str(O->w, v > 0 ? "inf" : "-inf");
		return;
	}
	n = snprintf(O->buf, sizeof(O->buf), "%.*f", prec, v);
	if (n < 0 || (size_t)n >= sizeof(O->buf))	/* a huge value */
		n = snprintf(O->buf, sizeof(O->buf), "%.6g", v);
	if (strcmp(O->buf, "-0.0000") == 0 || strcmp(O->buf, "-0.00") == 0 ||
	    strcmp(O->buf, "-0.0") == 0)
		memmove(O->buf, O->buf + 1, (size_t)n--);
	csvw_field(O->w, O->buf, (size_t)n);
}

/* A proportion x/n with its Wilson interval. */
void
tab_rate(struct out *O, uint64_t x, uint64_t n, double level)
{
	struct interval iv = iv_wilson(x, n, level);

	tab_f(O, n ? (double)x / (double)n : NAN, 4);
	tab_f(O, iv.lo, 4);
	tab_f(O, iv.hi, 4);
}

/* A count with its exact Poisson interval. */
void
tab_count(struct out *O, uint64_t x, double level)
{
	struct interval iv = iv_poisson(x, level);

	tab_u(O, x);
	tab_f(O, iv.lo, 2);
	tab_f(O, iv.hi, 2);
}

/* Header names, up to a NULL. */
void
tab_names(struct csvw *w, const char *const *h)
{
	for (; *h != NULL; h++)
		csvw_str(w, *h);
}

/* n empty fields. */
void
tab_empty(struct out *O, int n)
{
	while (n-- > 0)
		csvw_str(O->w, "");
}

/* Writes the group's values (split on AGG_SEP), nf of them. */
void
tab_group(struct out *O, const char *g, size_t len, size_t nf)
{
	size_t i, k = 0;
	const char *start = g;

	for (i = 0; i <= len && k < nf; i++)
		if (i == len || g[i] == AGG_SEP) {
			csvw_field(O->w, start, (size_t)(g + i - start));
			start = g + i + 1;
			k++;
		}
}

static void
write_header(const struct stats_run *R, struct csvw *w)
{
	size_t i;

	for (i = 0; i < R->o->nby; i++)
		csvw_str(w, R->o->by[i]);
	if (!(R->m->flags & MF_NO_PERIOD))
		csvw_str(w, "period");
	R->m->header(R, w);
	csvw_end(w);
}

/* One row: the group, the period, the metric's columns. */
static void
write_row(struct stats_run *R, struct out *O, const char *g, size_t glen,
    int32_t key, const struct agg_sum *S, struct agg_sum *P)
{
	char label[48];

	tab_group(O, g, glen, R->o->nby);
	stats_period_text(R->o, key, label);
	csvw_str(O->w, label);
	R->m->row(R, O, g, glen, key, S, P);
	csvw_end(O->w);
}

/*
 * The rows of every group and period: the groups in order (each group's
 * cells are contiguous), each over the period keys, then its unknown
 * period when it has one.
 */
void
stats_write_rows(struct stats_run *R, struct out *O)
{
	size_t *ix = agg_sorted(R->agg), n = agg_ncells(R->agg), i, j, nk, q;
	struct agg_sum *S = agg_sum_new(R->agg), *P = agg_sum_new(R->agg);
	int32_t *keys = stats_period_keys(R, &nk);

	for (i = 0; i < n; i = j) {
		const char *g;
		size_t gl;

		g = agg_group(R->agg, ix[i], &gl);
		for (j = i + 1; j < n; j++) {
			size_t l2;
			const char *g2 = agg_group(R->agg, ix[j], &l2);

			if (l2 != gl || memcmp(g2, g, gl) != 0)
				break;
		}
		for (q = 0; q < nk; q++) {
			stats_sum_period(R, g, gl, keys[q], S);
			write_row(R, O, g, gl, keys[q], S, P);
		}
		if (agg_bucket(R->agg, ix[j - 1]) == BUCKET_UNKNOWN) {
			stats_sum_period(R, g, gl, BUCKET_UNKNOWN, S);
			write_row(R, O, g, gl, BUCKET_UNKNOWN, S, P);
		}
	}
	free(keys);
	agg_sum_free(S);
	agg_sum_free(P);
	free(ix);
}

/*
 * Writes the whole table to fp: 0, or the status with R->err set (a bad
 * population file, a write error).
 */
int
stats_write(struct stats_run *R, FILE *fp, const char *name)
{
	struct out O;

	memset(&O, 0, sizeof(O));
	O.w = csvw_new(fp, ',');
	csvw_excel_safe(O.w, R->o->excel_safe);
	write_header(R, O.w);
	if (R->o->popfile &&
	    (O.ps = pop_read(R->o->popfile, R->err)) == NULL) {
		csvw_discard(O.w);
		return R->err->code;
	}
	if (R->m->write != NULL)
		R->m->write(R, &O);
	else
		stats_write_rows(R, &O);
	if (O.popmissing)
		diag_warn("note: %d rows without a population for their area "
		    "and year (per-capita columns left empty)", O.popmissing);
	pop_free((struct popset *)O.ps);
	if (csvw_free(O.w) != 0)
		return err_set(R->err, EX_IOERR, "%s: write error", name);
	return 0;
}
