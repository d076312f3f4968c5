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
#include "core/numfmt.h"
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
	n = (int)numfmt_fixed(O->buf, sizeof(O->buf), v, prec);
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
	struct interval iv;

	if (x < OUT_SMALL_COUNTS) {
		if (O->small_level[x] != level) {
			O->small[x] = iv_poisson(x, level);
			O->small_level[x] = level;
		}
		iv = O->small[x];
	} else
		iv = iv_poisson(x, level);

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
	if (!(R->m->flags & MF_NO_PERIOD))
		tab_coverage_names(R, w);
	csvw_end(w);
}

/* The coverage columns' names (every metric with periods). */
void
tab_coverage_names(const struct stats_run *R, struct csvw *w)
{
	csvw_str(w, "months_covered");
	csvw_str(w, "complete");
	if (R->o->popfile)
		csvw_str(w, "rate_annualised");
	if (R->o->compare)
		csvw_str(w, "comparable");
}

/*
 * The coverage of a row: the months of its period the data cover, Y
 * when all, the row's first per-capita rate per year over the months
 * covered when only some, and with --compare whether both periods are
 * whole.
 */
static void
write_coverage(struct stats_run *R, struct out *O, int32_t key)
{
	const struct stats_opts *o = R->o;
	int months, pm, cov = stats_months_covered(R, key, &months), pcov;

	if (cov < 0)
		tab_empty(O, 2);
	else {
		tab_u(O, (uint64_t)cov);
		csvw_str(O->w, cov == months ? "Y" : "N");
	}
	if (o->popfile)
		tab_f(O, cov > 0 && cov < months && O->pc_pop > 0 ?
		    O->pc_x / O->pc_pop * O->pc_per * 12.0 / cov : NAN, 2);
	if (!o->compare)
		return;
	pcov = cov < 0 ? -1 : stats_months_covered(R, stats_prev_key(o, key),
	    &pm);
	csvw_str(O->w, cov < 0 || pcov < 0 ? "" : cov == months &&
	    pcov == pm && pm > 0 ? "Y" : "N");
}

/* A window's label, FROM..TO. */
void
tab_window_label(struct out *O, int32_t a, int32_t b)
{
	char x[11], y[11], lab[24];

	date_format(a, x);
	date_format(b, y);
	snprintf(lab, sizeof(lab), "%s..%s", x, y);
	csvw_str(O->w, lab);
}

/* One row: the group, the period, the metric's columns, the coverage. */
void
stats_write_row(struct stats_run *R, struct out *O, const char *g, size_t glen,
    int32_t key, const struct agg_sum *S, struct agg_sum *P)
{
	char label[48];

	tab_group(O, g, glen, R->o->nby);
	stats_period_text(R->o, key, label);
	csvw_str(O->w, label);
	O->pc_pop = 0;
	R->m->row(R, O, g, glen, key, S, P);
	write_coverage(R, O, key);
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
			stats_write_row(R, O, g, gl, keys[q], S, P);
		}
		if (agg_bucket(R->agg, ix[j - 1]) == BUCKET_UNKNOWN) {
			stats_sum_period(R, g, gl, BUCKET_UNKNOWN, S);
			stats_write_row(R, O, g, gl, BUCKET_UNKNOWN, S, P);
		}
	}
	free(keys);
	agg_sum_free(S);
	agg_sum_free(P);
	free(ix);
}

/*
 * Writes the whole table to fp: 0, or the status with R->err set (a bad
 * population file, a write error).  With --rank the table is first
 * written to memory (one line per output row), then ranked.
 */
int
stats_write(struct stats_run *R, FILE *fp, const char *name)
{
	struct out O;
	char *buf = NULL;
	size_t blen = 0;
	FILE *mem = NULL;
	int rc;

	memset(&O, 0, sizeof(O));
	if (R->o->rank && (mem = open_memstream(&buf, &blen)) == NULL)
		return err_sys(R->err, EX_OSERR, "memory table");
	O.w = csvw_new(mem != NULL ? mem : fp, ',');
	csvw_excel_safe(O.w, R->o->excel_safe && mem == NULL);
	write_header(R, O.w);
	if (R->o->popfile &&
	    (O.ps = pop_read(R->o->popfile, R->err)) == NULL) {
		csvw_discard(O.w);
		if (mem != NULL)
			fclose(mem);
		free(buf);
		return R->err->code;
	}
	if (R->m->write != NULL)
		R->m->write(R, &O);
	else
		stats_write_rows(R, &O);
	if (R->err->code != 0) {	/* a metric's own file (hotspots) */
		pop_free((struct popset *)O.ps);
		csvw_discard(O.w);
		return R->err->code;
	}
	if (O.popmissing)
		diag_warn("note: %d rows without a population for their area "
		    "and year (per-capita columns left empty)", O.popmissing);
	pop_free((struct popset *)O.ps);
	if (csvw_free(O.w) != 0 || (mem != NULL && fclose(mem) != 0)) {
		free(buf);
		return err_set(R->err, EX_IOERR, "%s: write error", name);
	}
	if (mem != NULL) {
		O.w = csvw_new(fp, ',');
		csvw_excel_safe(O.w, R->o->excel_safe);
		rc = tab_rank(R, buf, blen, O.w);
		free(buf);
		if (rc != 0) {
			csvw_discard(O.w);
			return rc;
		}
		if (csvw_free(O.w) != 0)
			return err_set(R->err, EX_IOERR, "%s: write error",
			    name);
	}
	return 0;
}
