/*
 * The police.uk profiles: street and outcomes files (FACTS.md 7.1) read
 * into kind crime by their fixed headers, and, for outcomes, one row per
 * Crime ID: its charge or court result if it has one, else its latest
 * outcome by month.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dateparse.h"
#include "core/dates.h"
#include "core/diag.h"
#include "ingest/ingest_int.h"
#include "kinds/classify.h"
#include "kinds/ident.h"

const char *const ukp_extra[UKP_NEXTRA] = { "month", "force", "reported_by",
    "location", "longitude", "latitude", "outcome_desc", "context", "asb" };

static const char *const ukp_street_cols[] = { "Crime ID", "Month",
    "Reported by", "Falls within", "Longitude", "Latitude", "Location",
    "LSOA code", "LSOA name", "Crime type", "Last outcome category",
    "Context" };
static const char *const ukp_outcome_cols[] = { "Crime ID", "Month",
    "Reported by", "Falls within", "Longitude", "Latitude", "Location",
    "LSOA code", "LSOA name", "Outcome type" };

/* A number as police.uk writes coordinates, or empty. */
static int
coordinate(const char *s, size_t n)
{
	size_t i = 0, digits = 0;

	if (n == 0)
		return 1;
	if (s[0] == '-' || s[0] == '+')
		i++;
	for (; i < n; i++)
		if (s[i] >= '0' && s[i] <= '9')
			digits++;
		else if (s[i] != '.')
			return 0;
	return digits > 0;
}

static const char *
ukf(struct ingest *g, int col, size_t *n)
{
	int s = g->ukp[col];

	if (s < 0) {
		*n = 0;
		return "";
	}
	*n = csvr_fieldlen(g->r, (size_t)s);
	return csvr_field(g->r, (size_t)s);
}

/*
 * A police.uk street or outcomes row.  Values are used as published:
 * only the month is checked and turned into the first day of the month.
 */
void
ukp_row(struct ingest *g)
{
	const struct kind *k = g->o.kind;
	size_t i, n, base = k->ncols;
	const char *s, *type;
	int y, mo, street = g->o.profile == INGEST_UKP_STREET, asb = 0;
	char *o;

	for (i = 0; i < k->ncols + UKP_NEXTRA; i++)
		ing_set(g, i, "", 0);
	s = ukf(g, UKP_MONTH, &n);
	if (date_parse_month(s, n, &y, &mo) != 0) {
		ing_reason(g, "month", "not YYYY-MM");
	} else {
		int32_t day = date_from_ymd(y, mo, 1);

		if (day > g->o.dp.as_of) {
			ing_reason(g, "month", dateparse_strerror(DATEPARSE_EFUTURE));
		} else {
			o = ing_room(g, 11);
			date_format(day, o);
			ing_keep(g, (size_t)kind_index(k, street ?
			    "reported_date" : "outcome_date"), 10);
		}
		ing_set(g, base + 0, s, n);
	}
	type = ukf(g, UKP_CRIME_TYPE, &n);
	if (street) {
		asb = n == 21 && memcmp(type, "Anti-social behaviour", 21) == 0;
		if (n == 0)
			ing_fault(g, "offence_desc", "empty crime type", "missing");
		ing_set(g, (size_t)kind_index(k, "offence_desc"), type, n);
		s = classify_ukp_crime_type(type, n);
		ing_set(g, (size_t)kind_index(k, "offence_group"), s, strlen(s));
		ing_set(g, base + 8, asb ? "Y" : "N", 1);
		s = ukf(g, UKP_LAST_OUTCOME, &n);
		ing_set(g, base + 6, s, n);
		/* Anti-social behaviour is not a crime: it has no outcome. */
		s = asb && n == 0 ? "" : classify_ukp_outcome(s, n);
		ing_set(g, (size_t)kind_index(k, "outcome_group"), s, strlen(s));
		s = ukf(g, UKP_CONTEXT, &n);
		ing_set(g, base + 7, s, n);
	} else {
		ing_set(g, base + 6, type, n);
		s = classify_ukp_outcome(type, n);
		ing_set(g, (size_t)kind_index(k, "outcome_group"), s, strlen(s));
	}
	s = ukf(g, UKP_ID, &n);
	ing_set(g, 0, s, n);
	if (n == 0 && !asb)
		ing_reason(g, "crime_ref", "empty");
	else if (n > 0 && g->o.ref_re != NULL &&
	    !ident_pattern_match(g->o.ref_re, s, n))
		ing_reason(g, "crime_ref", "does not match the reference pattern");
	s = ukf(g, UKP_FALLS_WITHIN, &n);
	ing_set(g, base + 1, s, n);
	s = ukf(g, UKP_REPORTED_BY, &n);
	ing_set(g, base + 2, s, n);
	s = ukf(g, UKP_LOCATION, &n);
	ing_set(g, base + 3, s, n);
	s = ukf(g, UKP_LONG, &n);
	if (!coordinate(s, n))
		ing_fault(g, "longitude", "not a number", "format");
	else
		ing_set(g, base + 4, s, n);
	s = ukf(g, UKP_LAT, &n);
	if (!coordinate(s, n))
		ing_fault(g, "latitude", "not a number", "format");
	else
		ing_set(g, base + 5, s, n);
	if (g->ukp_quality >= 0) {
		o = ing_room(g, csvr_fieldlen(g->r, (size_t)g->ukp_quality) + 1);
		ing_keep(g, (size_t)g->i_quality, norm_space(csvr_field(g->r,
		    (size_t)g->ukp_quality), csvr_fieldlen(g->r,
		    (size_t)g->ukp_quality), o));
	}
	s = ukf(g, UKP_LSOA_CODE, &n);
	ing_set(g, (size_t)kind_index(k, "lsoa"), s, n);
	/* "Haringey 006D": the borough is the name without its last word. */
	s = ukf(g, UKP_LSOA_NAME, &n);
	while (n > 0 && s[n - 1] != ' ')
		n--;
	while (n > 0 && s[n - 1] == ' ')
		n--;
	ing_set(g, (size_t)kind_index(k, "borough"), s, n);
}

/*
 * Finds the police.uk columns: 0, or 65 with g->err naming the first
 * missing one.
 */
int
ukp_match(struct ingest *g)
{
	const char *const *want = g->o.profile == INGEST_UKP_STREET ?
	    ukp_street_cols : ukp_outcome_cols;
	size_t nwant = g->o.profile == INGEST_UKP_STREET ? UKP_NCOLS :
	    UKP_NCOLS - 2, i, j, nc = csvr_ncols(g->r);
	int *used;

	for (i = 0; i < UKP_NCOLS; i++)
		g->ukp[i] = -1;
	g->ukp_quality = csvr_col(g->r, "quality_flags");
	for (i = 0; i < nwant; i++) {
		int c = csvr_col(g->r, want[i]);

		j = c >= 0 ? (size_t)c : nc;
		if (j == nc)
			return err_at(g->err, EX_DATAERR, csvr_name(g->r), 1,
			    "no column \"%s\" for --profile among the %zu "
			    "columns of the header; is the header line "
			    "missing?", want[i], nc);
		g->ukp[i] = (int)j;
	}
	used = xcalloc(nc + 1, sizeof(int));
	for (i = 0; i < nwant; i++)
		used[g->ukp[i]] = 1;
	if (g->ukp_quality >= 0)
		used[g->ukp_quality] = 1;
	/* Pass-through: the rest, as a colmap would give them. */
	memset(&g->m, 0, sizeof(g->m));
	g->m.nsrc = nc;
	g->m.unnamed = xcalloc(nc + 1, sizeof(int));
	g->m.pass = xmalloc((nc + 1) * sizeof(size_t));
	for (j = 0; j < nc; j++) {
		if (csvr_colname(g->r, j)[0] == '\0')
			g->m.unnamed[j] = 1;
		else if (!used[j])
			g->m.pass[g->m.npass++] = j;
	}
	free(used);
	return 0;
}

/*
 * The outcome of one crime chosen so far from police.uk outcomes rows:
 * its month, whether it is a charge (or a court result, which follows a
 * charge), and its output fields, each as a size_t length and the bytes.
 */
struct ukp_crime {
	char month[8];
	int charged;
	size_t len;
	char buf[];
};

/*
 * Keeps this police.uk outcomes row as its crime's outcome when it is
 * the first for the Crime ID, or when it outranks the one kept: a charge
 * or court result outranks any other outcome whatever the month (a crime
 * once charged stays charged), and between two of the same rank the
 * later month wins, then the later row.  Memory grows with Crime IDs.
 */
void
ukp_keep(struct ingest *g)
{
	size_t i, n = ing_out_ncols(g), need = 0, k = 0;
	int oi = kind_index(g->o.kind, "outcome_date"),
	    gi = kind_index(g->o.kind, "outcome_group"), created;
	struct ukp_crime *c, *old;
	uintptr_t *slot;
	char month[8];
	int charged;

	snprintf(month, sizeof(month), "%.*s", g->len[oi] < 7 ?
	    (int)g->len[oi] : 7, g->val[oi]);
	charged = g->len[gi] == 14 && memcmp(g->val[gi], "charge_summons",
	    14) == 0;
	slot = hmap_slot(g->crimes, g->val[0], g->len[0], 1, &created);
	old = (struct ukp_crime *)*slot;
	if (!created) {
		g->folded++;
		if (old->charged > charged || (old->charged == charged &&
		    strcmp(old->month, month) > 0))
			return;
	}
	for (i = 0; i < n; i++)
		need += sizeof(size_t) + g->len[i];
	for (i = 0; i < g->npass; i++)
		need += sizeof(size_t) + (g->pass_src[i] >= 0 ?
		    csvr_fieldlen(g->r, (size_t)g->pass_src[i]) : 0);
	c = xmalloc(sizeof(*c) + need);
	memcpy(c->month, month, sizeof(month));
	c->charged = charged;
	c->len = need;
	for (i = 0; i < n + g->npass; i++) {
		const char *v = "";
		size_t vn = 0;

		if (i < n) {
			v = g->val[i];
			vn = g->len[i];
		} else if (g->pass_src[i - n] >= 0) {
			v = csvr_field(g->r, (size_t)g->pass_src[i - n]);
			vn = csvr_fieldlen(g->r, (size_t)g->pass_src[i - n]);
		}
		memcpy(c->buf + k, &vn, sizeof(vn));
		k += sizeof(vn);
		memcpy(c->buf + k, v, vn);
		k += vn;
	}
	free(old);
	*slot = (uintptr_t)c;
}

/* Writes the one row of each Crime ID, in the order first seen. */
void
ukp_flush(struct ingest *g)
{
	size_t it = 0, klen, k, vn;
	const char *key;
	uintptr_t v;

	while (hmap_next(g->crimes, &it, &key, &klen, &v)) {
		struct ukp_crime *c = (struct ukp_crime *)v;

		for (k = 0; k < c->len; k += vn) {
			memcpy(&vn, c->buf + k, sizeof(vn));
			k += sizeof(vn);
			csvw_field(g->w, c->buf + k, vn);
		}
		csvw_end(g->w);
		g->t_written++;
		free(c);
	}
	diag_warn("police.uk outcomes: %lu rows kept, %lu written, one per "
	    "Crime ID (%lu repeated or superseded outcomes folded into their "
	    "crime's row; kept = written + folded)", g->t_kept, g->t_written,
	    g->folded);
}
