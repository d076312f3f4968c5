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
 * first figure minus the last.  A figure over a row whose complete
 * column is N (a period the data cover in part) is left empty, so that a
 * part period is never set against a whole one.  A spec column named
 * interval is no figure: "poisson" in it gives the change (with
 * --change) an interval in the columns change_lower and change_upper at
 * the end, the difference of two independent Poisson counts by the
 * normal approximation, d -+ z sqrt(first + last) (95%).  Memory: one
 * spec row and one table row at a time.
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

/* The spec's figure columns and its interval column (-1: none). */
struct spec {
	size_t nfig;
	int interval;
};

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
	int ix[2], pix, wix, cix, rc = 0, part = 0;

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
	if (input_header(&in) <= 0) {
		input_close(&in);
		if (in.err.code != 0)
			*e = in.err;
		return in.err.code;
	}
	if (table_col(t, col[0], &ix[0], e) != 0 ||
	    table_col(t, col[1], &ix[1], e) != 0 ||
	    table_col(t, period != NULL ? "period" : NULL, &pix, e) != 0 ||
	    table_col(t, wcol, &wix, e) != 0)
		rc = e->code;
	cix = csvr_col(t, "complete");
	while (rc == 0 && input_next(&in) == CSVR_RECORD) {
		if ((pix >= 0 && !field_eq(t, pix, period)) ||
		    (wix >= 0 && !field_eq(t, wix, wval)))
			continue;
		if (cix >= 0 && field_eq(t, cix, "N"))
			part = 1;
		rc = row_sum(t, ix, col, f, e);
	}
	input_close(&in);
	if (rc == 0 && in.err.code != 0) {
		*e = in.err;
		rc = e->code;
	}
	if (rc == 0 && part) {
		diag_warn("note: %s%s%s: a period the data cover in part "
		    "(its figure left empty)", path, period ? "#" : "",
		    period ? period : "");
		f[0].has = f[1].has = 0;
	}
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

/* The change's interval: first - last -+ z sqrt(first + last). */
static void
put_interval(struct csvw *w, struct fig first, struct fig last, int on)
{
	struct fig lo = { 0, 0 }, hi = { 0, 0 };
	double z = 1.959963984540054, se;

	if (on && first.has && last.has && first.v >= 0 && last.v >= 0) {
		se = sqrt(first.v + last.v);
		lo.v = first.v - last.v - z * se;
		hi.v = first.v - last.v + z * se;
		lo.has = hi.has = 1;
	}
	put_fig(w, lo, 0);
	put_fig(w, hi, 0);
}

/* The row's interval cell into *iv: 0, or 65 when not poisson or empty. */
static int
spec_interval(const struct csvr *s, const struct spec *sp, char **iv,
    struct vawg_err *e)
{
	*iv = sp->interval >= 0 ? spec_field(s, (size_t)sp->interval) :
	    xstrdup("");
	if ((*iv)[0] != '\0' && strcmp(*iv, "poisson") != 0)
		return err_at(e, EX_DATAERR, csvr_name(s), csvr_line(s),
		    "column interval: poisson or empty");
	return 0;
}

/*
 * One spec row: the measure, its figures, the change (and its interval).
 * Returns 0, or the status with e set.
 */
static int
spec_row(const struct csvr *s, const struct spec *sp, const char *dir,
    const char *change, struct csvw *w, struct vawg_err *e)
{
	char *num = spec_field(s, S_NUM), *den = spec_field(s, S_DEN),
	    *where = spec_field(s, S_WHERE), *cell, *iv;
	struct fig first = { 0, 0 }, f = { 0, 0 }, ch = { 0, 0 };
	size_t i, n, k = 0;
	const char *p = csvr_field_n(s, S_MEASURE, &n);
	int rc = spec_interval(s, sp, &iv, e);

	if (rc == 0 && where[0] != '\0' &&
	    (strchr(where, '=') == NULL || where[0] == '='))
		rc = err_at(e, EX_DATAERR, csvr_name(s), csvr_line(s),
		    "column where: expected COLUMN=VALUE");
	else if (rc == 0)
		csvw_field(w, p, n);
	for (i = S_NFIXED; k < sp->nfig && rc == 0; i++) {
		if ((int)i == sp->interval)
			continue;
		cell = spec_field(s, i);
		if (cell[0] == '\0')
			f.has = 0;
		else
			rc = figure(cell, dir, num, den, where, &f, e);
		free(cell);
		if (k++ == 0)
			first = f;
		put_fig(w, f, den[0] != '\0');
	}
	if (rc == 0 && change != NULL) {
		ch.has = first.has && f.has;
		ch.v = first.v - f.v;
		put_fig(w, ch, den[0] != '\0');
		if (sp->interval >= 0)
			put_interval(w, first, f, iv[0] != '\0' &&
			    den[0] == '\0');
	}
	if (rc == 0)
		csvw_end(w);
	free(num);
	free(den);
	free(where);
	free(iv);
	return rc;
}

/* The spec's header and the table's: 0, or 65 with e set. */
static int
spec_header(struct csvr *s, const char *change, struct csvw *w,
    struct spec *sp, struct vawg_err *e)
{
	static const char *const fixed[] = { "measure", "numerator",
	    "denominator", "where" };
	size_t i, nf = csvr_nfields(s);

	for (i = 0; i < S_NFIXED; i++)
		if (i >= nf || !field_eq(s, (int)i, fixed[i]))
			return err_at(e, EX_DATAERR, csvr_name(s), 1,
			    "the spec's columns begin measure,numerator,"
			    "denominator,where");
	sp->interval = csvr_col(s, "interval");
	if (sp->interval >= 0 && sp->interval < S_NFIXED)
		sp->interval = -1;
	sp->nfig = nf - S_NFIXED - (sp->interval >= 0);
	if (sp->nfig == 0)
		return err_at(e, EX_DATAERR, csvr_name(s), 1,
		    "the spec names no figure column");
	csvw_str(w, "measure");
	for (i = S_NFIXED; i < nf; i++) {
		size_t n;
		const char *p = csvr_field_n(s, i, &n);

		if ((int)i != sp->interval)
			csvw_field(w, p, n);
	}
	if (change != NULL)
		csvw_str(w, change);
	if (change != NULL && sp->interval >= 0) {
		csvw_str(w, "change_lower");
		csvw_str(w, "change_upper");
	}
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
	struct spec sp = { 0, -1 };
	int rc;

	e->code = 0;
	if (s == NULL)
		return err_sys(e, EX_NOINPUT, "%s", spec);
	input_use(&in, s);
	if (input_header(&in) <= 0) {
		if (in.err.code != 0)
			*e = in.err;
		else
			err_at(e, EX_DATAERR, in.name, 1, "empty spec");
		input_close(&in);
		return e->code;
	}
	w = csvw_new(fp, ',');
	csvw_excel_safe(w, excel_safe);
	rc = spec_header(s, change, w, &sp, e);
	while (rc == 0 && input_next(&in) == CSVR_RECORD)
		rc = spec_row(s, &sp, dir, change, w, e);
	input_close(&in);
	if (rc == 0 && in.err.code != 0) {
		*e = in.err;
		rc = e->code;
	}
	if (rc != 0)
		csvw_discard(w);
	else if (csvw_free(w) != 0)
		rc = err_set(e, EX_IOERR, "%s: write error", name);
	return rc;
}
