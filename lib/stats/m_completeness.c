/*
 * Completeness: per input file (source), group, period and column, the
 * rows and the share of them with the column filled (not empty): the
 * gaps in the data, column by column.
 */
#include <stdio.h>
#include <string.h>

#include "core/diag.h"
#include "stats/stats.h"

enum { Q_ROWS, Q_FILLED, Q_NCOUNT };

static void
completeness_columns(struct stats_run *R)
{
}

/* The input's name without its folders. */
static const char *
source_name(const struct csvr *s)
{
	const char *p = csvr_name(s), *slash = strrchr(p, '/');

	return slash != NULL ? slash + 1 : p;
}

/* Every column of the row, under group, source and column name. */
static void
completeness_add(struct stats_run *R, const struct csvr *s)
{
	const char *src = source_name(s), *name;
	int32_t day, b;
	int rc = stats_place(R, s, &day, &b);
	size_t i, ncols = csvr_ncols(s), slen = strlen(src), n;
	uint64_t *c;

	if (rc == PLACE_DROP || rc == PLACE_OUTSIDE)
		return;
	for (i = 0; i < ncols; i++) {
		name = csvr_colname(s, i);
		R->keylen = R->grouplen;
		if (R->o->nby > 0)
			stats_key_put(R, "\x1f", 1);
		stats_key_put(R, src, slen);
		stats_key_put(R, "\x1f", 1);
		stats_key_put(R, name, strlen(name));
		c = stats_cell(R, b, NULL);
		c[Q_ROWS]++;
		csvr_field_n(s, i, &n);
		if (n > 0)
			c[Q_FILLED]++;
	}
	R->keylen = R->grouplen;
}

static void
completeness_header(const struct stats_run *R, struct csvw *w)
{
	static const char *const h[] = { "source", "column", "rows",
	    "filled", "filled_share", "filled_share_lower",
	    "filled_share_upper", NULL };

	tab_names(w, h);
}

static void
completeness_row(struct stats_run *R, struct out *O, const char *g,
    size_t glen, int32_t key, const struct agg_sum *S, struct agg_sum *P)
{
	const char *p = g, *end = g + glen, *sep;
	size_t k;

	/* Past the --by values: the source, then the column. */
	for (k = 0; k < R->o->nby && p < end; k++) {
		sep = memchr(p, AGG_SEP, (size_t)(end - p));
		p = sep != NULL ? sep + 1 : end;
	}
	sep = memchr(p, AGG_SEP, (size_t)(end - p));
	if (sep == NULL)
		sep = end;
	csvw_field(O->w, p, (size_t)(sep - p));
	p = sep < end ? sep + 1 : end;
	csvw_field(O->w, p, (size_t)(end - p));
	tab_u(O, S->c[Q_ROWS]);
	tab_u(O, S->c[Q_FILLED]);
	tab_rate(O, S->c[Q_FILLED], S->c[Q_ROWS], R->o->level);
}

const struct metric metric_completeness = {
	.name = "completeness",
	.flags = MF_DATE_OPTIONAL,
	.ncounters = Q_NCOUNT,
	.columns = completeness_columns,
	.add = completeness_add,
	.header = completeness_header,
	.row = completeness_row,
};
