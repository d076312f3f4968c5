/*
 * engine: what every metric shares when it reads a row.  The columns of
 * one input, --where, --distinct, the group key (--by values, empty as
 * "unknown"), the row's date and period, and the notes on rows that
 * could not be counted in full.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "core/input.h"
#include "kinds/schema.h"
#include "stats/stats.h"

/* Canonical CSV: comma-delimited, never sniffed. */
static const struct csvr_opts canonical_csv = { .delim = ',' };

/* Parses a date: YYYY-MM-DD (time allowed) or YYYY-MM (its first day). */
int
stats_parse_date(const char *s, size_t n, int32_t *day)
{
	int y, m;

	if (date_parse_iso(s, n, day) == 0)
		return 0;
	if (n == 7 && date_parse_month(s, n, &y, &m) == 0 &&
	    date_valid(y, m, 1)) {
		*day = date_from_ymd(y, m, 1);
		return 0;
	}
	return -1;
}

/*
 * Reads a field as a date: 1 with *day set, 0 when empty, -1 when not a
 * date.
 */
int
stats_field_date(const struct csvr *s, int ix, int32_t *day)
{
	size_t n;
	const char *p;

	if (ix < 0)
		return 0;
	p = csvr_field_n(s, (size_t)ix, &n);
	if (n == 0)
		return 0;
	return stats_parse_date(p, n, day) == 0 ? 1 : -1;
}

int
stats_field_is(const struct csvr *s, int ix, const char *v)
{
	size_t n;
	const char *p;

	if (ix < 0)
		return 0;
	p = csvr_field_n(s, (size_t)ix, &n);
	return n == strlen(v) && memcmp(p, v, n) == 0;
}

uint32_t
stats_days_between(int32_t a, int32_t b)
{
	return b >= a ? (uint32_t)(b - a) : 0;
}

int
stats_by_has(const struct stats_opts *o, const char *col)
{
	size_t k;

	for (k = 0; k < o->nby; k++)
		if (strcmp(o->by[k], col) == 0)
			return 1;
	return 0;
}

/*
 * The kind's key and default period date, from the header: the first
 * kind (kinds/schema.h) that counts by a date and whose key the header
 * has.
 */
static void
kind_of(const struct csvr *s, const char **key, const char **date)
{
	const struct kind *k;
	size_t i;

	*key = *date = NULL;
	for (i = 0; (k = kind_at(i)) != NULL; i++)
		if (k->period_date != NULL && csvr_col(s, k->key) >= 0) {
			*key = k->key;
			*date = k->period_date;
			return;
		}
}

/* Columns that must be present; the others are read when they are. */
static int
required(const struct stats_run *R, enum col k)
{
	const struct stats_opts *o = R->o;

	switch (k) {
	case C_DATE:
		return !((R->m->flags & MF_DATE_OPTIONAL) &&
		    o->period == PERIOD_ALL && !o->rolling && !o->has_from &&
		    !o->has_to && o->datecol == NULL);
	case C_KEY:
		return o->distinct;
	default:
		return !(R->m->optional & COLBIT(k));
	}
}

static int
resolve_columns(struct stats_run *R, const struct csvr *s)
{
	int k;

	for (k = 0; k < NCOL; k++) {
		if (R->colname[k] == NULL) {
			R->ix[k] = -1;
			if (k == C_DATE && required(R, C_DATE))
				return err_at(R->err, EX_DATAERR,
				    csvr_name(s), 1,
				    "no date column: name one with --date");
			if (k == C_KEY && required(R, C_KEY))
				return err_at(R->err, EX_DATAERR,
				    csvr_name(s), 1,
				    "no key column (crime_ref, ...) for "
				    "--distinct");
			continue;
		}
		R->ix[k] = csvr_col(s, R->colname[k]);
		if (R->ix[k] < 0 && required(R, (enum col)k))
			return err_at(R->err, EX_DATAERR, csvr_name(s), 1,
			    "missing column %s", R->colname[k]);
	}
	return 0;
}

/*
 * Resolves the columns of one input: 0, or 65 with R->err naming a
 * missing one.
 */
static int
resolve(struct stats_run *R, struct csvr *s)
{
	const struct stats_opts *o = R->o;
	const char *kdate;
	size_t i;
	int rc;

	memset(R->colname, 0, sizeof(R->colname));
	kind_of(s, &R->colname[C_KEY], &kdate);
	R->colname[C_DATE] = kdate;
	R->m->columns(R);
	if (o->datecol != NULL)
		R->colname[C_DATE] = o->datecol;
	if (R->m->check != NULL && (rc = R->m->check(R, s, 0)) != 0)
		return rc;
	if ((rc = resolve_columns(R, s)) != 0)
		return rc;
	if (R->m->check != NULL && (rc = R->m->check(R, s, 1)) != 0)
		return rc;
	for (i = 0; i < o->nby; i++)
		if ((R->byix[i] = csvr_col(s, o->by[i])) < 0)
			return err_at(R->err, EX_DATAERR, csvr_name(s), 1,
			    "missing column %s", o->by[i]);
	R->areaix = csvr_col(s, o->area);
	for (i = 0; i < o->nwhere; i++)
		if ((o->where[i].ix = csvr_col(s, o->where[i].col)) < 0)
			return err_at(R->err, EX_DATAERR, csvr_name(s), 1,
			    "missing column %s", o->where[i].col);
	for (i = 0; i < o->ncontrol; i++)
		if ((o->control[i].ix = csvr_col(s, o->control[i].col)) < 0)
			return err_at(R->err, EX_DATAERR, csvr_name(s), 1,
			    "missing column %s", o->control[i].col);
	return 0;
}

/* 1 when the list names column col. */
static int
names_col(const struct where *w, size_t n, const char *col)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(w[i].col, col) == 0)
			return 1;
	return 0;
}

/*
 * 1 when the row passes every clause of w (the same column twice: any
 * of the values; with star, the value "*": any value), leaving out the
 * columns that skip names.
 */
static int
clauses_ok(const struct where *w, size_t nw, const struct where *skip,
    size_t nskip, int star, const struct csvr *s)
{
	size_t i, j;

	for (i = 0; i < nw; i++) {
		int ok = 0;

		if (names_col(w, i, w[i].col) ||
		    names_col(skip, nskip, w[i].col))
			continue;
		for (j = i; j < nw && !ok; j++) {
			size_t n;
			const char *p;

			if (strcmp(w[j].col, w[i].col) != 0)
				continue;
			p = csvr_field_n(s, (size_t)w[j].ix, &n);
			ok = (star && strcmp(w[j].val, "*") == 0) ||
			    (n == w[j].vlen && memcmp(p, w[j].val, n) == 0);
		}
		if (!ok)
			return 0;
	}
	return 1;
}

void
stats_key_put(struct stats_run *R, const char *p, size_t n)
{
	if (R->keylen + n + 1 > R->keycap) {
		R->keycap = (R->keylen + n + 1) * 2;
		R->key = xrealloc(R->key, R->keycap);
	}
	memcpy(R->key + R->keylen, p, n);
	R->keylen += n;
}

/* Builds the group key of the row: --by values, empty as "unknown". */
static void
group_key(struct stats_run *R, const struct csvr *s)
{
	size_t i, n;
	const char *p;

	R->keylen = 0;
	for (i = 0; i < R->o->nby; i++) {
		if (i > 0)
			stats_key_put(R, "\x1f", 1);
		p = csvr_field_n(s, (size_t)R->byix[i], &n);
		if (n == 0)
			stats_key_put(R, "unknown", 7);
		else
			stats_key_put(R, p, n);
	}
	R->grouplen = R->keylen;
}

void
stats_see_day(struct stats_run *R, int32_t day)
{
	if (day < R->minday)
		R->minday = day;
	if (day > R->maxday)
		R->maxday = day;
}

void
stats_see_bucket(struct stats_run *R, int32_t b)
{
	if (b == BUCKET_UNKNOWN)
		return;
	if (b < R->minb)
		R->minb = b;
	if (b > R->maxb)
		R->maxb = b;
}

/*
 * Places the row in a period by its date column: *b the period key and
 * *day the date.  PLACE_DATED, PLACE_UNDATED (no date column, or a bad
 * date counted under "all" or "unknown"), PLACE_DROP (a bad date that is
 * not counted) or PLACE_OUTSIDE (dated outside --from/--to; *day set).
 * MF_HISTORY metrics keep every dated row, whatever --from/--to.
 */
int
stats_place(struct stats_run *R, const struct csvr *s, int32_t *day,
    int32_t *b)
{
	const struct stats_opts *o = R->o;
	int history = (R->m->flags & MF_HISTORY) != 0;

	*day = 0;
	if (R->ix[C_DATE] < 0) {
		*b = 0;
		stats_see_bucket(R, *b);
		return PLACE_UNDATED;
	}
	if (stats_field_date(s, R->ix[C_DATE], day) != 1) {
		if (history || o->has_from || o->has_to) {
			R->nt.baddate++;
			return PLACE_DROP;
		}
		if (o->period == PERIOD_ALL && !o->rolling) {
			R->nt.baddate_all++;
			*b = 0;
		} else {
			R->nt.baddate++;
			*b = BUCKET_UNKNOWN;
		}
		stats_see_bucket(R, *b);
		return PLACE_UNDATED;
	}
	if (!history && ((o->has_from && *day < R->load_from) ||
	    (o->has_to && *day > o->to)))
		return PLACE_OUTSIDE;
	*b = stats_bucket_of(o, *day);
	if (!history)
		stats_see_day(R, *day);
	stats_see_bucket(R, *b);
	return PLACE_DATED;
}

/* The counters of the row's group in period b (its index in *cell). */
uint64_t *
stats_cell(struct stats_run *R, int32_t b, size_t *cell)
{
	size_t c = agg_cell(R->agg, R->key, R->keylen, b);

	if (cell != NULL)
		*cell = c;
	return agg_counters(R->agg, c);
}

/* Adds the current row: the shared filters, then the metric. */
static void
add_row(struct stats_run *R, const struct csvr *s)
{
	const struct stats_opts *o = R->o;
	size_t n;
	const char *p;
	int32_t day;

	if (R->ix[C_DATE] >= 0 &&
	    stats_field_date(s, R->ix[C_DATE], &day) == 1) {
		if (day < R->dmin)
			R->dmin = day;
		if (day > R->dmax)
			R->dmax = day;
	}
	R->in_study = clauses_ok(o->where, o->nwhere, NULL, 0, 0, s);
	R->in_control = o->ncontrol > 0 &&
	    clauses_ok(o->control, o->ncontrol, NULL, 0, 1, s) &&
	    clauses_ok(o->where, o->nwhere, o->control, o->ncontrol, 0, s);
	if (!R->in_study && !R->in_control)
		return;
	if (o->distinct) {
		int created;

		p = csvr_field_n(s, (size_t)R->ix[C_KEY], &n);
		if (n > 0) {
			hmap_slot(R->seen, p, n, 1, &created);
			if (!created) {
				R->nt.dup++;
				return;
			}
		}
	}
	group_key(R, s);
	if (o->popfile != NULL && R->areaix >= 0) {
		p = csvr_field_n(s, (size_t)R->areaix, &n);
		if (n > 0)
			hmap_slot(R->areas, p, n, 1, NULL);
	}
	R->m->add(R, s);
}

/*
 * Reads one input into the accumulators.  Returns 0, EX_NOINPUT, or the
 * status of a missing column or of a header or record that cannot be
 * read (R->err set).
 */
int
stats_read(struct stats_run *R, const char *path)
{
	struct input in = { .check = INPUT_RECERR,
	    .reject_fmt = "%s; row not counted" };
	int rc = 0;

	if (input_open(&in, path, &canonical_csv) == -1)
		return EX_NOINPUT;
	if ((rc = input_header(&in)) > 0 && (rc = resolve(R, in.r)) == 0)
		while (input_next(&in) == CSVR_RECORD)
			add_row(R, in.r);
	R->rejected += in.rejected;
	input_close(&in);
	if (in.err.code != 0) {
		/* A header or a record that cannot be read. */
		*R->err = in.err;
		rc = in.err.code;
	}
	return rc < 0 ? 0 : rc;
}
