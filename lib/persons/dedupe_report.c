/*
 * Dedupe, person mode: what it writes beside the rows: the model
 * (--model), the scored pairs (--pairs) and the evidence for one person
 * (--explain).  Data row numbers count from 1.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csvio.h"
#include "core/diag.h"
#include "core/err.h"
#include "core/outfile.h"
#include "persons/dedupe_int.h"
#include "persons/linkage.h"

int
dd_write_model(const char *path, const struct lk_model *mo, const int *used,
    struct vawg_err *e)
{
	struct outfile *o = out_open(path, e);
	FILE *fp;
	int f, l;

	if (o == NULL)
		return e->code;
	fp = out_fp(o);
	fprintf(fp, "field,level,m,u,weight,m_source,u_source\n");
	for (f = 0; f < LK_NFIELDS; f++) {
		if (!used[f])
			continue;
		for (l = lk_nlevels((enum lk_field)f) - 1; l >= 0; l--)
			fprintf(fp, "%s,%s,%.6g,%.6g,%.3f,%s,%s\n",
			    lk_field_names[f],
			    lk_level_name((enum lk_field)f, l), mo->m[f][l],
			    mo->u[f][l], mo->w[f][l],
			    mo->m_src[f] == LK_SRC_DATA ? "data" : "default",
			    mo->u_src[f] == LK_SRC_DATA ? "data" : "default");
	}
	fprintf(fp, "prior,,,,%.3f,%s,\n", mo->prior,
	    mo->prior_matches > 0 ? "data" : "default");
	return out_close(o, 0, e);
}

unsigned long long *
dd_row_of(const struct lk_set *s, const uint32_t *rowrec,
    unsigned long long nrows)
{
	unsigned long long r, *rowof = xcalloc(lk_set_count(s) ?
	    lk_set_count(s) : 1, sizeof *rowof);

	for (r = 0; r < nrows; r++)
		if (rowrec[r] != UINT32_MAX)
			rowof[rowrec[r]] = r + 1;
	return rowof;
}

static void
pairs_header(struct csvw *w)
{
	char name[64];
	int f;

	csvw_str(w, "row_a");
	csvw_str(w, "row_b");
	csvw_str(w, "id_a");
	csvw_str(w, "id_b");
	csvw_str(w, "match_weight");
	csvw_str(w, "match_probability");
	csvw_str(w, "basis");
	csvw_str(w, "prior");
	for (f = 0; f < LK_NFIELDS; f++) {
		snprintf(name, sizeof name, "w_%s", lk_field_names[f]);
		csvw_str(w, name);
	}
	csvw_end(w);
}

static void
num_field(struct csvw *w, double v, const char *fmt)
{
	char b[64];

	snprintf(b, sizeof b, fmt, v);
	csvw_str(w, b);
}

static void
pairs_row(struct csvw *w, const struct lk_model *mo, const struct lk_set *s,
    uint32_t a, uint32_t b, unsigned long long ra, unsigned long long rb,
    const char *ida, const char *idb)
{
	struct lk_score sc;
	char basis[512];
	int f;

	lk_score(mo, s, a, b, &sc);
	lk_basis(&sc, basis, sizeof basis);
	num_field(w, (double)ra, "%.0f");
	num_field(w, (double)rb, "%.0f");
	csvw_str(w, ida ? ida : "");
	csvw_str(w, idb ? idb : "");
	num_field(w, sc.total, "%.2f");
	num_field(w, lk_probability(sc.total), "%.4f");
	csvw_str(w, basis);
	num_field(w, mo->prior, "%.2f");
	for (f = 0; f < LK_NFIELDS; f++) {
		if (sc.level[f] == LK_NULL)
			csvw_str(w, "");
		else
			num_field(w, sc.w[f], "%.2f");
	}
	csvw_end(w);
}

int
dd_write_pairs(const char *path, int excel_safe, const struct lk_model *mo,
    const struct lk_set *s, const struct lk_pair *pairs, size_t np,
    const unsigned long long *rowof, const char **ids, struct vawg_err *e)
{
	struct outfile *po = out_open(path, e);
	struct csvw *pw;
	size_t i;

	if (po == NULL)
		return e->code;
	pw = csvw_new(out_fp(po), ',');
	csvw_excel_safe(pw, excel_safe);
	pairs_header(pw);
	for (i = 0; i < np; i++)
		if (rowof[pairs[i].a] && rowof[pairs[i].b])
			pairs_row(pw, mo, s, pairs[i].a, pairs[i].b,
			    rowof[pairs[i].a], rowof[pairs[i].b],
			    ids[pairs[i].a], ids[pairs[i].b]);
	if (csvw_free(pw) < 0) {
		err_set(e, EX_IOERR, "%s: write error", out_name(po));
		out_abort(po);
		return EX_IOERR;
	}
	return out_close(po, 0, e);
}

/* 1 when record rec has id id. */
static int
is_id(const char **ids, uint32_t rec, const char *id)
{
	return rec != UINT32_MAX && ids[rec] && strcmp(ids[rec], id) == 0;
}

/* --explain: the records of person id, one line each. */
static void
explain_records(FILE *fp, const char *id, const struct lk_set *s,
    const uint32_t *rowrec, unsigned long long nrows, const char **ids)
{
	struct lk_person p;
	unsigned long long r;
	const char *v;
	size_t n;
	int f;

	for (r = 0; r < nrows; r++) {
		if (!is_id(ids, rowrec[r], id))
			continue;
		lk_set_get(s, rowrec[r], &p);
		fprintf(fp, "row %llu:", r + 1);
		for (f = 0; f < LK_NFIELDS; f++) {
			v = lk_person_get(&p, (enum lk_field)f, &n);
			if (n)
				fprintf(fp, " %s=%s", lk_field_names[f], v);
		}
		fputc('\n', fp);
	}
}

void
dd_explain(FILE *fp, const char *id, const struct lk_model *mo,
    const struct lk_set *s, const uint32_t *rowrec, unsigned long long nrows,
    const char **ids, const struct lk_pair *pairs, size_t np,
    double threshold)
{
	unsigned long long r, *rowof = dd_row_of(s, rowrec, nrows);
	struct lk_score sc;
	char basis[512];
	size_t i, nrec = 0;
	int f;

	for (r = 0; r < nrows; r++)
		if (is_id(ids, rowrec[r], id))
			nrec++;
	fprintf(fp, "person %s: %zu record%s\n", id, nrec, nrec == 1 ?
	    "" : "s");
	fprintf(fp, "prior weight %.2f (about %.0f matching pairs "
	    "expected); link threshold %.2f\n", mo->prior, mo->prior_matches,
	    threshold);
	explain_records(fp, id, s, rowrec, nrows, ids);
	for (i = 0; i < np; i++) {
		if (!is_id(ids, pairs[i].a, id) || !is_id(ids, pairs[i].b, id) ||
		    !rowof[pairs[i].a] || !rowof[pairs[i].b])
			continue;
		lk_score(mo, s, pairs[i].a, pairs[i].b, &sc);
		lk_basis(&sc, basis, sizeof basis);
		fprintf(fp, "rows %llu and %llu: weight %+.2f%s, %s\n",
		    rowof[pairs[i].a], rowof[pairs[i].b], sc.total,
		    sc.total >= threshold ? " (linked)" : "", basis);
		for (f = 0; f < LK_NFIELDS; f++)
			fprintf(fp, "  %-9s %-9s %+7.2f\n", lk_field_names[f],
			    lk_level_name((enum lk_field)f, sc.level[f]),
			    sc.w[f]);
	}
	free(rowof);
}
