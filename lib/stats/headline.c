/*
 * headline: figures summed from vawg-stats tables (vawg-stats headline).
 * A spec (CSV: measure, numerator, denominator, where, then one column
 * per figure) names, for each measure and figure, a table and
 * optionally the period of its rows to take ("TABLE#PERIOD").  A figure
 * is the sum of the numerator column over the rows taken (empty values
 * left out); with a denominator it is the ratio of the two sums, never
 * an average of rates.  A figure with no value to sum, or a ratio over
 * nothing, is empty; a table that does not exist gives empty figures (a
 * kind of record the month did not have).  The change column is the
 * first figure minus the last.  Memory: one spec row and one table row
 * at a time.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csvio.h"
#include "core/diag.h"
#include "core/err.h"
#include "core/input.h"
#include "stats/stats.h"

static const struct csvr_opts canonical_csv = { .delim = ',' };

/* One figure: a value, or none. */
struct fig {
	double v;
	int has;
};

/* The spec's columns. */
enum { S_MEASURE, S_NUM, S_DEN, S_WHERE, S_NFIXED };

/*
 * Parses a table's number into *v: 0, or 65 with e naming the place
 * when it is not one.
 */
static int
table_number(const struct csvr *t, const char *p, size_t n, const char *col,
    double *v, struct vawg_err *e)
{
	char buf[64], *end;

	if (n >= sizeof(buf))
		return err_at(e, EX_DATAERR, csvr_name(t), csvr_line(t),
		    "column %s: not a number", col);
	memcpy(buf, p, n);
	buf[n] = '\0';
	errno = 0;
	*v = strtod(buf, &end);
	if (end == buf || *end != '\0' || errno == ERANGE)
		return err_at(e, EX_DATAERR, csvr_name(t), csvr_line(t),
		    "column %s: not a number", col);
	return 0;
}

/* *ix is column col (NULL: -1): 0, or 65 with e set when it is missing. */
static int
table_col(const struct csvr *t, const char *col, int *ix, struct vawg_err *e)
{
	*ix = col != NULL ? csvr_col(t, col) : -1;
	if (col != NULL && *ix < 0)
		return err_at(e, EX_DATAERR, csvr_name(t), 1,
		    "missing column %s", col);
	return 0;
}

/* 1 when field ix of the current row is s. */
static int
field_eq(const struct csvr *t, int ix, const char *s)
{
	size_t n;
	const char *p = csvr_field_n(t, (size_t)ix, &n);

	return n == strlen(s) && memcmp(p, s, n) == 0;
}

/* Adds the current row's num and den (ix[k] >= 0) into f: 0, or 65. */
static int
row_sum(const struct csvr *t, const int *ix, const char *const *col,
    struct fig *f, struct vawg_err *e)
{
	int k;

	for (k = 0; k < 2; k++) {
		size_t n;
		const char *p;
		double v = 0;

		if (ix[k] < 0)
			continue;
		p = csvr_field_n(t, (size_t)ix[k], &n);
		if (n == 0)
			continue;
		if (table_number(t, p, n, col[k], &v, e) != 0)
			return e->code;
		f[k].v += v;
		f[k].has = 1;
	}
	return 0;
}

/*
 * Sums the columns num and den (NULL: none) of the rows of table path
 * (with period, if not NULL, and where "col=value", if not NULL) into
 * f[0] and f[1].  Returns 0, or the status with e set.
 */
static int
table_sum(const char *path, const char *period, const char *num,
    const char *den, const char *wcol, const char *wval, struct fig *f,
    struct vawg_err *e)
{
	struct csvr *t = csvr_open(path, &canonical_csv);
	struct input in = { .check = INPUT_RECERR, .fatal = 1 };
	const char *col[2] = { num, den };
	int ix[2], pix, wix, rc = 0;

	f[0].has = f[1].has = 0;
	f[0].v = f[1].v = 0;
	if (t == NULL && errno == ENOENT) {
		diag_warn("note: %s: no such table (its figures left empty)",
		    path);
		return 0;
	}
	if (t == NULL)
		return err_sys(e, EX_NOINPUT, "%s", path);
	input_use(&in, t);
	if (!input_header(&in)) {
		input_close(&in);
		return 0;
	}
	if (table_col(t, col[0], &ix[0], e) != 0 ||
	    table_col(t, col[1], &ix[1], e) != 0 ||
	    table_col(t, period != NULL ? "period" : NULL, &pix, e) != 0 ||
	    table_col(t, wcol, &wix, e) != 0)
		rc = e->code;
	while (rc == 0 && input_next(&in) == CSVR_RECORD) {
		if ((pix >= 0 && !field_eq(t, pix, period)) ||
		    (wix >= 0 && !field_eq(t, wix, wval)))
			continue;
		rc = row_sum(t, ix, col, f, e);
	}
	input_close(&in);
	return rc;
}

/* Copies field ix of the spec's row into a new string ("" past it). */
static char *
spec_field(const struct csvr *s, size_t ix)
{
	size_t n;
	const char *p = csvr_field_n(s, ix, &n);

	return xstrndup(p, n);
}

/*
 * One figure of a spec row into *r: cell is "TABLE" or "TABLE#PERIOD",
 * the table's path taken under dir (when not NULL and the path
 * relative).  Returns 0, or the status with e set.
 */
static int
figure(const char *cell, const char *dir, const char *num, const char *den,
    const char *where, struct fig *r, struct vawg_err *e)
{
	char *path, *hash, *wcol = NULL;
	const char *period = NULL, *wval = NULL;
	struct fig f[2];
	int rc;

	if (dir != NULL && cell[0] != '/') {
		path = xmalloc(strlen(dir) + strlen(cell) + 2);
		sprintf(path, "%s/%s", dir, cell);
	} else
		path = xstrdup(cell);
	if ((hash = strrchr(path, '#')) != NULL) {
		*hash = '\0';
		period = hash + 1;
	}
	if (where != NULL && where[0] != '\0') {
		const char *eq = strchr(where, '=');

		wcol = xstrndup(where, (size_t)(eq - where));
		wval = eq + 1;
	}
	rc = table_sum(path, period, num, den[0] != '\0' ? den : NULL, wcol,
	    wval, f, e);
	free(path);
	free(wcol);
	r->v = 0;
	r->has = 0;
	if (den[0] == '\0')
		*r = f[0];
	else if (f[0].has && f[1].has && f[1].v != 0) {
		r->v = f[0].v / f[1].v;
		r->has = 1;
	}
	return rc;
}

/* A figure: a ratio with 4 decimals, a sum rounded (half to even). */
static void
put_fig(struct csvw *w, struct fig f, int ratio)
{
	char buf[64];

	if (!f.has)
		csvw_str(w, "");
	else if (ratio) {
		snprintf(buf, sizeof(buf), "%.4f", f.v);
		csvw_str(w, buf);
	} else {
		snprintf(buf, sizeof(buf), "%lld", (long long)llrint(f.v));
		csvw_str(w, buf);
	}
}

/*
 * One spec row: the measure, its figures, the change.  Returns 0, or the
 * status with e set.
 */
static int
spec_row(const struct csvr *s, size_t nfig, const char *dir,
    const char *change, struct csvw *w, struct vawg_err *e)
{
	char *num = spec_field(s, S_NUM), *den = spec_field(s, S_DEN),
	    *where = spec_field(s, S_WHERE), *cell;
	struct fig first = { 0, 0 }, f = { 0, 0 }, ch = { 0, 0 };
	size_t i, n;
	const char *p = csvr_field_n(s, S_MEASURE, &n);
	int rc = 0;

	if (where[0] != '\0' && (strchr(where, '=') == NULL || where[0] == '='))
		rc = err_at(e, EX_DATAERR, csvr_name(s), csvr_line(s),
		    "column where: expected COLUMN=VALUE");
	else
		csvw_field(w, p, n);
	for (i = 0; i < nfig && rc == 0; i++) {
		cell = spec_field(s, S_NFIXED + i);
		if (cell[0] == '\0')
			f.has = 0;
		else
			rc = figure(cell, dir, num, den, where, &f, e);
		free(cell);
		if (i == 0)
			first = f;
		put_fig(w, f, den[0] != '\0');
	}
	if (rc == 0 && change != NULL) {
		ch.has = first.has && f.has;
		ch.v = first.v - f.v;
		put_fig(w, ch, den[0] != '\0');
	}
	if (rc == 0)
		csvw_end(w);
	free(num);
	free(den);
	free(where);
	return rc;
}

/* The spec's header and the table's: 0, or 65 with e set. */
static int
spec_header(struct csvr *s, const char *change, struct csvw *w,
    size_t *nfig, struct vawg_err *e)
{
	static const char *const fixed[] = { "measure", "numerator",
	    "denominator", "where" };
	size_t i, nf = csvr_nfields(s);

	for (i = 0; i < S_NFIXED; i++)
		if (i >= nf || !field_eq(s, (int)i, fixed[i]))
			return err_at(e, EX_DATAERR, csvr_name(s), 1,
			    "the spec's columns begin measure,numerator,"
			    "denominator,where");
	if (nf == S_NFIXED)
		return err_at(e, EX_DATAERR, csvr_name(s), 1,
		    "the spec names no figure column");
	*nfig = nf - S_NFIXED;
	csvw_str(w, "measure");
	for (i = S_NFIXED; i < nf; i++) {
		size_t n;
		const char *p = csvr_field_n(s, i, &n);

		csvw_field(w, p, n);
	}
	if (change != NULL)
		csvw_str(w, change);
	csvw_end(w);
	return 0;
}

int
stats_headline(const char *spec, const char *dir, const char *change,
    int excel_safe, FILE *fp, const char *name, struct vawg_err *e)
{
	struct csvr *s = csvr_open(spec, &canonical_csv);
	struct input in = { .check = INPUT_RECERR, .fatal = 1 };
	struct csvw *w;
	size_t nfig = 0;
	int rc;

	e->code = 0;
	if (s == NULL)
		return err_sys(e, EX_NOINPUT, "%s", spec);
	input_use(&in, s);
	if (!input_header(&in)) {
		err_at(e, EX_DATAERR, in.name, 1, "empty spec");
		input_close(&in);
		return e->code;
	}
	w = csvw_new(fp, ',');
	csvw_excel_safe(w, excel_safe);
	rc = spec_header(s, change, w, &nfig, e);
	while (rc == 0 && input_next(&in) == CSVR_RECORD)
		rc = spec_row(s, nfig, dir, change, w, e);
	input_close(&in);
	if (rc != 0)
		csvw_discard(w);
	else if (csvw_free(w) != 0)
		rc = err_set(e, EX_IOERR, "%s: write error", name);
	return rc;
}
