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
 * normal approximation, d -+ z sqrt(first + last) (95%).  A spec column
 * named per is no figure either: a number there multiplies the row's
 * ratio (100000: a figure per 100,000).  A numerator may name several
 * columns, A+B+C, summed together.  A where of COLUMN=* gives one row
 * per value of COLUMN in the table of the row's first figure (in the
 * order they first appear), the measure named "MEASURE: VALUE".
 * Memory: one spec row and one table row at a time (with COLUMN=*, the
 * distinct values).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csvio.h"
#include "core/diag.h"
#include "core/err.h"
#include "core/hmap.h"
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

/* The spec's figure columns, its interval and per columns (-1: none). */
struct spec {
	size_t nfig;
	int interval, per;
};

enum { MAXSUM = 8 };

/* A row's table columns: the numerator's (slot 0), the denominator's. */
struct sumcols {
	size_t n;
	char *name[MAXSUM + 1];
	int slot[MAXSUM + 1];
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

/* Adds the current row's columns (ix[k] >= 0) into f: 0, or 65. */
static int
row_sum(const struct csvr *t, const int *ix, const struct sumcols *c,
    struct fig *f, struct vawg_err *e)
{
	size_t k;

	for (k = 0; k < c->n; k++) {
		size_t n;
		const char *p;
		double v = 0;

		p = csvr_field_n(t, (size_t)ix[k], &n);
		if (n == 0)
			continue;
		if (table_number(t, p, n, c->name[k], &v, e) != 0)
			return e->code;
		f[c->slot[k]].v += v;
		f[c->slot[k]].has = 1;
	}
	return 0;
}

/*
 * Sums the columns c (numerator into f[0], denominator into f[1]) of
 * the rows of table path (with period, if not NULL, and where
 * "col=value", if not NULL).  Returns 0, or the status with e set.
 */
static int
table_sum(const char *path, const char *period, const struct sumcols *c,
    const char *wcol, const char *wval, struct fig *f, struct vawg_err *e)
{
	struct csvr *t = csvr_open(path, &canonical_csv);
	struct input in = { .check = INPUT_RECERR, .fatal = 1 };
	int ix[MAXSUM + 1], pix, wix, cix, rc = 0, part = 0;
	size_t k;

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
	for (k = 0; k < c->n && rc == 0; k++)
		rc = table_col(t, c->name[k], &ix[k], e);
	if (rc == 0 && (table_col(t, period != NULL ? "period" : NULL, &pix,
	    e) != 0 || table_col(t, wcol, &wix, e) != 0))
		rc = e->code;
	cix = csvr_col(t, "complete");
	while (rc == 0 && input_next(&in) == CSVR_RECORD) {
		if ((pix >= 0 && !field_eq(t, pix, period)) ||
		    (wix >= 0 && !field_eq(t, wix, wval)))
			continue;
		if (cix >= 0 && field_eq(t, cix, "N"))
			part = 1;
		rc = row_sum(t, ix, c, f, e);
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

/* The path of a figure's cell ("TABLE" or "TABLE#PERIOD") under dir
 * (when not NULL and the path relative), *period pointing into it
 * (NULL: none); malloc'd. */
static char *
table_path(const char *cell, const char *dir, const char **period)
{
	char *path, *hash;

	if (dir != NULL && cell[0] != '/') {
		path = xmalloc(strlen(dir) + strlen(cell) + 2);
		sprintf(path, "%s/%s", dir, cell);
	} else
		path = xstrdup(cell);
	*period = NULL;
	if ((hash = strrchr(path, '#')) != NULL) {
		*hash = '\0';
		*period = hash + 1;
	}
	return path;
}

/*
 * One figure of a spec row into *r: the sums of c over the rows of
 * the cell's table (where wcol=wval, when wcol is not NULL), their
 * ratio times per when ratio.  Returns 0, or the status with e set.
 */
static int
figure(const char *cell, const char *dir, const struct sumcols *c,
    int ratio, double per, const char *wcol, const char *wval,
    struct fig *r, struct vawg_err *e)
{
	const char *period;
	char *path = table_path(cell, dir, &period);
	struct fig f[2];
	int rc;

	rc = table_sum(path, period, c, wcol, wval, f, e);
	free(path);
	r->v = 0;
	r->has = 0;
	if (!ratio)
		*r = f[0];
	else if (f[0].has && f[1].has && f[1].v != 0) {
		r->v = f[0].v / f[1].v * per;
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

/* The row's per cell into *per (1 when empty): 0, or 65. */
static int
spec_per(const struct csvr *s, const struct spec *sp, double *per,
    struct vawg_err *e)
{
	char *p, *end;
	int rc = 0;

	*per = 1;
	if (sp->per < 0)
		return 0;
	p = spec_field(s, (size_t)sp->per);
	if (p[0] != '\0') {
		errno = 0;
		*per = strtod(p, &end);
		if (*end != '\0' || errno == ERANGE || !(*per > 0))
			rc = err_at(e, EX_DATAERR, csvr_name(s), csvr_line(s),
			    "column per: not a positive number");
	}
	free(p);
	return rc;
}

/*
 * The row's columns: num (A or A+B+...) and den (or "") into c, their
 * names in buf.  Returns 0, or 65 with e set.
 */
static int
spec_cols(const struct csvr *s, char *num, const char *den,
    struct sumcols *c, struct vawg_err *e)
{
	char *p = num, *q;

	c->n = 0;
	for (;;) {
		q = strchr(p, '+');
		if (q != NULL)
			*q = '\0';
		if (*p == '\0' || c->n == MAXSUM)
			return err_at(e, EX_DATAERR, csvr_name(s),
			    csvr_line(s), "column numerator: expected COLUMN "
			    "or up to %d columns A+B", MAXSUM);
		c->slot[c->n] = 0;
		c->name[c->n++] = p;
		if (q == NULL)
			break;
		p = q + 1;
	}
	if (den[0] != '\0') {
		c->slot[c->n] = 1;
		c->name[c->n++] = (char *)den;
	}
	return 0;
}

/* What a spec row says besides its figures. */
struct rowdef {
	struct sumcols c;
	int ratio;
	double per;
	const char *iv;
};

/*
 * One output row: the measure (with ": " and wval after it when each
 * is set), its figures, the change (and its interval).  Returns 0, or
 * the status with e set.
 */
static int
emit_row(const struct csvr *s, const struct spec *sp, const char *dir,
    const char *change, struct csvw *w, const struct rowdef *d,
    const char *wcol, const char *wval, int each, struct vawg_err *e)
{
	struct fig first = { 0, 0 }, f = { 0, 0 }, ch = { 0, 0 };
	size_t i, n, k = 0;
	const char *p = csvr_field_n(s, S_MEASURE, &n);
	char *cell;
	int rc = 0;

	if (each) {
		char *m = xmalloc(n + strlen(wval) + 3);

		sprintf(m, "%.*s: %s", (int)n, p, wval);
		csvw_str(w, m);
		free(m);
	} else
		csvw_field(w, p, n);
	for (i = S_NFIXED; k < sp->nfig && rc == 0; i++) {
		if ((int)i == sp->interval || (int)i == sp->per)
			continue;
		cell = spec_field(s, i);
		if (cell[0] == '\0')
			f.has = 0;
		else
			rc = figure(cell, dir, &d->c, d->ratio, d->per, wcol,
			    wval, &f, e);
		free(cell);
		if (k++ == 0)
			first = f;
		put_fig(w, f, d->ratio);
	}
	if (rc == 0 && change != NULL) {
		ch.has = first.has && f.has;
		ch.v = first.v - f.v;
		put_fig(w, ch, d->ratio);
		if (sp->interval >= 0)
			put_interval(w, first, f, d->iv[0] != '\0' &&
			    !d->ratio);
	}
	if (rc == 0)
		csvw_end(w);
	return rc;
}

/*
 * The values of column wcol in the table of the row's first figure,
 * each once, in the order they first appear, into *vals (*nvals).
 * Returns 0, or the status with e set.
 */
static int
where_values(const struct csvr *s, const struct spec *sp, const char *dir,
    const char *wcol, char ***vals, size_t *nvals, struct vawg_err *e)
{
	struct input in = { .check = INPUT_RECERR, .fatal = 1 };
	struct hmap *seen;
	struct csvr *t;
	const char *period;
	char *cell = NULL, *path;
	size_t i;
	int ix, rc = 0;

	*vals = NULL;
	*nvals = 0;
	for (i = S_NFIXED; i < csvr_nfields(s) && cell == NULL; i++)
		if ((int)i != sp->interval && (int)i != sp->per &&
		    csvr_field(s, i)[0] != '\0')
			cell = spec_field(s, i);
	if (cell == NULL)
		return 0;
	path = table_path(cell, dir, &period);
	free(cell);
	if ((t = csvr_open(path, &canonical_csv)) == NULL) {
		rc = errno == ENOENT ? 0 : err_sys(e, EX_NOINPUT, "%s", path);
		free(path);
		return rc;
	}
	input_use(&in, t);
	if (input_header(&in) <= 0) {
		input_close(&in);
		free(path);
		if (in.err.code != 0)
			*e = in.err;
		return in.err.code;
	}
	seen = hmap_new();
	rc = table_col(t, wcol, &ix, e);
	while (rc == 0 && input_next(&in) == CSVR_RECORD) {
		size_t n;
		const char *p = csvr_field_n(t, (size_t)ix, &n);
		int created = 0;

		if (period != NULL && csvr_col(t, "period") >= 0 &&
		    !field_eq(t, csvr_col(t, "period"), period))
			continue;
		hmap_slot(seen, p, n, 1, &created);
		if (!created)
			continue;
		*vals = xreallocarray(*vals, *nvals + 1, sizeof(**vals));
		(*vals)[(*nvals)++] = xstrndup(p, n);
	}
	if (rc == 0 && in.err.code != 0) {
		*e = in.err;
		rc = e->code;
	}
	hmap_free(seen);
	input_close(&in);
	free(path);
	return rc;
}

/*
 * One spec row: its output row, or with a where of COLUMN=* one for
 * each value of COLUMN.  Returns 0, or the status with e set.
 */
static int
spec_row(const struct csvr *s, const struct spec *sp, const char *dir,
    const char *change, struct csvw *w, struct vawg_err *e)
{
	char *num = spec_field(s, S_NUM), *den = spec_field(s, S_DEN),
	    *where = spec_field(s, S_WHERE), *iv = NULL, *eq, **vals = NULL;
	struct rowdef d;
	size_t i, nvals = 0;
	int rc = spec_interval(s, sp, &iv, e);

	d.ratio = den[0] != '\0';
	d.iv = iv;
	eq = strchr(where, '=');
	if (rc == 0 && where[0] != '\0' && (eq == NULL || eq == where))
		rc = err_at(e, EX_DATAERR, csvr_name(s), csvr_line(s),
		    "column where: expected COLUMN=VALUE");
	if (rc == 0)
		rc = spec_per(s, sp, &d.per, e);
	if (rc == 0)
		rc = spec_cols(s, num, den, &d.c, e);
	if (eq != NULL)
		*eq++ = '\0';
	if (rc == 0 && eq != NULL && strcmp(eq, "*") == 0) {
		rc = where_values(s, sp, dir, where, &vals, &nvals, e);
		for (i = 0; i < nvals && rc == 0; i++)
			rc = emit_row(s, sp, dir, change, w, &d, where,
			    vals[i], 1, e);
	} else if (rc == 0)
		rc = emit_row(s, sp, dir, change, w, &d,
		    eq != NULL ? where : NULL, eq, 0, e);
	for (i = 0; i < nvals; i++)
		free(vals[i]);
	free(vals);
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
	sp->per = csvr_col(s, "per");
	if (sp->per >= 0 && sp->per < S_NFIXED)
		sp->per = -1;
	sp->nfig = nf - S_NFIXED - (sp->interval >= 0) - (sp->per >= 0);
	if (sp->nfig == 0)
		return err_at(e, EX_DATAERR, csvr_name(s), 1,
		    "the spec names no figure column");
	csvw_str(w, "measure");
	for (i = S_NFIXED; i < nf; i++) {
		size_t n;
		const char *p = csvr_field_n(s, i, &n);

		if ((int)i != sp->interval && (int)i != sp->per)
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
	struct spec sp = { 0, -1, -1 };
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
