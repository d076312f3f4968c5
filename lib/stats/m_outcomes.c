/*
 * Outcomes: charge-rate (charges over outcomes assigned, closed basis,
 * or over crimes recorded, recorded basis; with --compare the previous
 * period or year and the difference of the rates) and outcomes (the
 * distribution of outcomes with a positive outcome rate).  The outcome
 * of a row is its outcome_code by lib/kinds/classify, else its
 * outcome_group.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "kinds/classify.h"
#include "stats/intervals.h"
#include "stats/stats.h"

enum { K_N, K_CHARGE, K_DENOM };		/* charge-rate */
enum { O_N, O_POS };				/* outcomes */

/*
 * Normalises an outcome number ("01" -> "1", "1a" -> "1A") into buf (16
 * bytes) with lib/classify.  Returns its length, 0 for empty or "0"
 * (pending), -1 when it cannot be an outcome number.
 */
static int
norm_outcome(const char *s, size_t n, char *buf)
{
	size_t k = classify_norm_outcome(s, n, buf, 16);

	buf[k < 16 ? k : 15] = '\0';
	if (k == 0) {
		size_t i;

		for (i = 0; i < n; i++)
			if (s[i] != ' ' && s[i] != '\t')
				return -1;	/* too long */
		return 0;
	}
	if (strcmp(buf, "0") == 0) {
		buf[0] = '\0';
		return 0;
	}
	return (int)k;
}

/* 1 when s is a group slug: lower case letters, digits, underscores. */
static int
is_slug(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return 0;
	return n > 0;
}

/*
 * Outcome of the current row: sets *group (the group of outcome_code by
 * lib/classify, else the outcome_group column; "pending" when neither
 * has one; NULL when unknown), *glen, and code (the normalised number,
 * "" when the row has none).
 */
static void
row_outcome(const struct csvr *s, const struct stats_run *R, const char **group,
    size_t *glen, char *code)
{
	size_t n;
	const char *p;
	int rc;

	code[0] = '\0';
	*group = "pending";
	*glen = 7;
	if (R->ix[C_OCODE] >= 0) {
		p = csvr_field_n(s, (size_t)R->ix[C_OCODE], &n);
		rc = norm_outcome(p, n, code);
		if (rc < 0) {
			*group = NULL;
			code[0] = '\0';
			return;
		}
		if (rc > 0) {
			*group = classify_outcome(code, (size_t)rc);
			if (strcmp(*group, "unknown") == 0)
				*group = NULL;
			else
				*glen = strlen(*group);
			return;
		}
		if (n > 0)	/* an explicit 0 */
			return;
	}
	if (R->ix[C_OGROUP] >= 0) {
		p = csvr_field_n(s, (size_t)R->ix[C_OGROUP], &n);
		if (n == 0)
			return;
		if (!is_slug(p, n) || (n == 7 && memcmp(p, "unknown", 7) == 0)) {
			*group = NULL;
			return;
		}
		*group = p;
		*glen = n;
	}
}

/*
 * 1 when an outcome counts as positive: its number is in the set, or,
 * with no number, some number of its group (by lib/classify) is.
 */
static int
is_positive(const struct stats_opts *o, const char *code, const char *g,
    size_t glen)
{
	char num[16];
	int k;

	if (code[0] != '\0') {
		k = atoi(code);
		return k > 0 && k < 32 && o->positive[k];
	}
	for (k = 1; k < 32; k++) {
		const char *kg;

		if (!o->positive[k])
			continue;
		snprintf(num, sizeof(num), "%d", k);
		kg = classify_outcome(num, strlen(num));
		if (strlen(kg) == glen && memcmp(kg, g, glen) == 0)
			return 1;
	}
	return 0;
}

const char *
stats_parse_positive(struct stats_opts *o, const char *s)
{
	char *copy = xstrdup(s), *tok, *save = NULL;
	char code[16];

	memset(o->positive, 0, sizeof(o->positive));
	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		int rc = norm_outcome(tok, strlen(tok), code);
		int num;

		if (rc <= 0) {
			free(copy);
			return "--positive: not an outcome number";
		}
		num = atoi(code);
		if (num < 1 || num > 31 || code[rc - 1] == 'A') {
			free(copy);
			return "--positive: outcome numbers 1 to 31 "
			    "(1A is part of 1)";
		}
		o->positive[num] = 1;
	}
	free(copy);
	return NULL;
}


static void
outcome_columns(struct stats_run *R)
{
	const char **c = R->colname;

	c[C_DATE] = R->o->closed ? "outcome_date" : "reported_date";
	c[C_OCODE] = "outcome_code";
	c[C_OGROUP] = "outcome_group";
}

static int
outcome_check(const struct stats_run *R, const struct csvr *s, int after)
{
	if (!after && csvr_col(s, "outcome_code") < 0 &&
	    csvr_col(s, "outcome_group") < 0)
		return err_at(R->err, EX_DATAERR, csvr_name(s), 1,
		    "missing column outcome_code (or outcome_group)");
	return 0;
}

static int
charge_check(const struct stats_run *R, const struct csvr *s, int after)
{
	int rc = outcome_check(R, s, after);

	if (rc == 0 && after && !R->o->closed && R->ix[C_DATE] < 0)
		return err_at(R->err, EX_DATAERR, csvr_name(s), 1,
		    "missing column reported_date");
	return rc;
}

/*
 * The outcome of the row (grp, gl, code) and its period b.  Returns 0
 * when the row does not count: no known outcome, pending on the closed
 * basis, or its date not counted.
 */
static int
outcome_place(struct stats_run *R, const struct csvr *s, const char **grp,
    size_t *gl, char *code, int32_t *b)
{
	int32_t day;
	int rc;

	row_outcome(s, R, grp, gl, code);
	if (*grp == NULL) {
		R->nt.badocode++;
		return 0;
	}
	if (R->o->closed && *gl == 7 && memcmp(*grp, "pending", 7) == 0)
		return 0;
	rc = stats_place(R, s, &day, b);
	return rc == PLACE_DATED || rc == PLACE_UNDATED;
}

static void
charge_add(struct stats_run *R, const struct csvr *s)
{
	const char *grp;
	size_t gl;
	char code[16];
	int32_t b;
	uint64_t *c;

	if (!outcome_place(R, s, &grp, &gl, code, &b))
		return;
	c = stats_cell(R, b, NULL);
	c[K_DENOM]++;
	if (code[0] != '\0' ? classify_is_charge(code, strlen(code)) :
	    gl == 14 && memcmp(grp, "charge_summons", 14) == 0)
		c[K_CHARGE]++;
}

/* outcomes: one cell per outcome, one for the total. */
static void
outcomes_add(struct stats_run *R, const struct csvr *s)
{
	const char *grp;
	size_t gl, glen;
	char code[16];
	int32_t b;
	int pos;
	uint64_t *c;

	if (!outcome_place(R, s, &grp, &gl, code, &b))
		return;
	glen = R->keylen;
	pos = is_positive(R->o, code, grp, gl);
	stats_key_put(R, "\x1f", 1);
	stats_key_put(R, grp, gl);
	stats_key_put(R, "\x1f", 1);
	stats_key_put(R, code, strlen(code));
	stats_cell(R, b, NULL)[O_N]++;
	R->keylen = glen;
	stats_key_put(R, "\x1f\x7f", 2);
	c = stats_cell(R, b, NULL);
	c[O_N]++;
	if (pos)
		c[O_POS]++;
}

static void
charge_header(const struct stats_run *R, struct csvw *w)
{
	static const char *const hclosed[] = { "charges", "outcomes",
	    "charge_rate", "charge_rate_lower", "charge_rate_upper", NULL };
	static const char *const hrecorded[] = { "charges", "crimes",
	    "charge_rate", "charge_rate_lower", "charge_rate_upper", NULL };
	static const char *const hcmp[] = { "prev_period", "prev_charges",
	    "prev_denominator", "prev_charge_rate", "prev_charge_rate_lower",
	    "prev_charge_rate_upper", "charge_change", "rate_change",
	    "rate_change_lower", "rate_change_upper", NULL };

	tab_names(w, R->o->closed ? hclosed : hrecorded);
	if (R->o->compare)
		tab_names(w, hcmp);
}

static void
charge_row(struct stats_run *R, struct out *O, const char *g, size_t glen,
    int32_t key, const struct agg_sum *S, struct agg_sum *P)
{
	const struct stats_opts *o = R->o;
	const uint64_t *c = S->c, *q = P->c;
	double lv = o->level;
	char label[48];
	struct interval d;
	int32_t pk;

	tab_u(O, c[K_CHARGE]);
	tab_u(O, c[K_DENOM]);
	tab_rate(O, c[K_CHARGE], c[K_DENOM], lv);
	if (!o->compare)
		return;
	pk = stats_prev_key(o, key);
	if (key == BUCKET_UNKNOWN || pk - (o->rolling ? 11 : 0) < R->minb) {
		tab_empty(O, 10);
		return;
	}
	stats_sum_period(R, g, glen, pk, P);
	stats_period_text(o, pk, label);
	csvw_str(O->w, label);
	tab_u(O, q[K_CHARGE]);
	tab_u(O, q[K_DENOM]);
	tab_rate(O, q[K_CHARGE], q[K_DENOM], lv);
	tab_f(O, (double)c[K_CHARGE] - (double)q[K_CHARGE], 0);
	d = iv_prop_diff(c[K_CHARGE], c[K_DENOM], q[K_CHARGE], q[K_DENOM],
	    lv);
	tab_f(O, c[K_DENOM] && q[K_DENOM] ?
	    (double)c[K_CHARGE] / (double)c[K_DENOM] -
	    (double)q[K_CHARGE] / (double)q[K_DENOM] : NAN, 4);
	tab_f(O, d.lo, 4);
	tab_f(O, d.hi, 4);
}

static void
outcomes_header(const struct stats_run *R, struct csvw *w)
{
	static const char *const h[] = { "outcome_group",
	    "outcome_code", "count", "outcomes", "share", "share_lower",
	    "share_upper", NULL };

	tab_names(w, h);
}

/*
 * outcomes: the length of the by-group part of a cell's group, which is
 * followed by a separator and the outcome (or the total marker 0x7f).
 */
static size_t
by_part(const struct stats_opts *o, const char *g, size_t glen)
{
	size_t i, k = 0, want = o->nby ? o->nby : 1;

	for (i = 0; i < glen; i++)
		if (g[i] == AGG_SEP && ++k == want)
			return o->nby ? i : 0;
	return glen;
}

/* outcomes: rows of one by-group and period, then its positive row. */
static void
write_outcomes(struct stats_run *R, struct out *O, const size_t *ix, size_t from,
    size_t to, int32_t key, struct agg_sum *S, struct agg_sum *T)
{
	const struct stats_opts *o = R->o;
	size_t i, glen, blen, cl, pl, j, gstart, gend;
	const char *g, *cg, *pg;
	char label[48], pos[128], *tk;
	int k;
	uint64_t total;

	stats_period_text(o, key, label);
	g = agg_group(R->agg, ix[from], &glen);
	blen = by_part(o, g, glen);
	tk = xmalloc(blen + 2);
	memcpy(tk, g, blen);
	memcpy(tk + blen, "\x1f\x7f", 2);
	stats_sum_period(R, tk, blen + 2, key, T);
	free(tk);
	total = T->c[O_N];
	if (total == 0)
		return;
	for (i = from; i < to; i++) {
		cg = agg_group(R->agg, ix[i], &cl);
		if (cl >= 1 && cg[cl - 1] == '\x7f')
			continue;
		if (i > from) {
			pg = agg_group(R->agg, ix[i - 1], &pl);
			if (pl == cl && memcmp(pg, cg, cl) == 0)
				continue;	/* same outcome, other bucket */
		}
		if (!stats_sum_period(R, cg, cl, key, S) || S->c[O_N] == 0)
			continue;
		tab_group(O, cg, blen, o->nby);
		csvw_str(O->w, label);
		/* outcome_group and outcome_code: the last two parts. */
		for (j = cl; j > 0 && cg[j - 1] != AGG_SEP; j--)
			;
		gend = j - 1;
		for (gstart = gend; gstart > 0 && cg[gstart - 1] != AGG_SEP;
		    gstart--)
			;
		csvw_field(O->w, cg + gstart, gend - gstart);
		csvw_field(O->w, cg + j, cl - j);
		tab_u(O, S->c[O_N]);
		tab_u(O, total);
		tab_rate(O, S->c[O_N], total, o->level);
		csvw_end(O->w);
	}
	/* The positive outcome row. */
	tab_group(O, g, blen, o->nby);
	csvw_str(O->w, label);
	csvw_str(O->w, "positive");
	pos[0] = '\0';
	for (k = 1; k < 32; k++)
		if (o->positive[k]) {
			size_t l = strlen(pos);

			snprintf(pos + l, sizeof(pos) - l, "%s%d", l ? " " : "",
			    k);
		}
	csvw_str(O->w, pos);
	tab_u(O, T->c[O_POS]);
	tab_u(O, total);
	tab_rate(O, T->c[O_POS], total, o->level);
	csvw_end(O->w);
}


/* outcomes: by-group after by-group, each over the periods. */
static void
outcomes_write(struct stats_run *R, struct out *O)
{
	const struct stats_opts *o = R->o;
	size_t *ix = agg_sorted(R->agg), n = agg_ncells(R->agg), i, j, nk, q;
	struct agg_sum *S = agg_sum_new(R->agg), *P = agg_sum_new(R->agg);
	int32_t *keys = stats_period_keys(R, &nk);
	int has_unknown;

	for (i = 0; i < n; i = j) {
		size_t gl, bl;
		const char *g = agg_group(R->agg, ix[i], &gl);

		/* The cells of one by-group are contiguous. */
		bl = by_part(o, g, gl);
		for (j = i + 1; j < n; j++) {
			size_t l2;
			const char *g2 = agg_group(R->agg, ix[j], &l2);

			if (l2 <= bl || memcmp(g2, g, bl) != 0 ||
			    g2[bl] != AGG_SEP)
				break;
		}
		has_unknown = 0;
		for (q = i; q < j; q++)
			if (agg_bucket(R->agg, ix[q]) == BUCKET_UNKNOWN)
				has_unknown = 1;
		for (q = 0; q < nk; q++)
			write_outcomes(R, O, ix, i, j, keys[q], S, P);
		if (has_unknown)
			write_outcomes(R, O, ix, i, j, BUCKET_UNKNOWN, S, P);
	}
	free(keys);
	agg_sum_free(S);
	agg_sum_free(P);
	free(ix);
}

static void
outcome_notes(const struct stats_run *R)
{
	if (R->nt.badocode)
		diag_warn("note: %lu rows with an outcome that is not a Home "
		    "Office outcome number or group (not counted)",
		    R->nt.badocode);
}

const struct metric metric_charge = {
	.name = "charge-rate",
	.flags = MF_COMPARE,
	.ncounters = 3,
	.optional = COLBIT(C_OCODE) | COLBIT(C_OGROUP),
	.columns = outcome_columns,
	.check = charge_check,
	.add = charge_add,
	.header = charge_header,
	.row = charge_row,
	.notes = outcome_notes,
};

const struct metric metric_outcomes = {
	.name = "outcomes",
	.ncounters = 3,
	.optional = COLBIT(C_OCODE) | COLBIT(C_OGROUP),
	.columns = outcome_columns,
	.check = outcome_check,
	.add = outcomes_add,
	.header = outcomes_header,
	.write = outcomes_write,
	.notes = outcome_notes,
};
