/*
 * The fields of one row: each source value cleaned by its canonical
 * column's type (one cleaner per type, in cleaners[]), the derived
 * classification columns, and the row's faults.  Values point into the
 * row's scratch, sized at the row's start so it never moves mid-row.
 */
#include <assert.h>
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
#include "kinds/vocab.h"
#include "persons/normalize.h"

static void
add_reason(struct ingest *g, const char *col, const char *problem,
    const char *code)
{
	if (code == NULL)
		g->nrecord++;
	if (g->nreasons < MAX_REASONS) {
		g->reasons[g->nreasons].col = col;
		g->reasons[g->nreasons].problem = problem;
		g->reasons[g->nreasons].code = code;
		g->nreasons++;
	}
}

/* A record fault: the row cannot be used and is rejected. */
void
ing_reason(struct ingest *g, const char *col, const char *problem)
{
	add_reason(g, col, problem, NULL);
}

/* A field fault: the value is left blank and named in quality_flags. */
void
ing_fault(struct ingest *g, const char *col, const char *problem,
    const char *code)
{
	add_reason(g, col, problem, code);
}

/*
 * A bad value in canonical column i: a field fault, except in the kind's
 * key date, where it is a record fault (a row needs its key date).
 */
static void
col_fault(struct ingest *g, size_t i, const char *problem, const char *code)
{
	const char *col = g->o.kind->cols[i].name;

	if ((int)i == g->i_key_date)
		ing_reason(g, col, problem);
	else
		ing_fault(g, col, problem, code);
}

/* Room for n more bytes of cleaned values in this row's scratch. */
char *
ing_room(struct ingest *g, size_t n)
{
	/* Values already placed point into scratch: it is never moved
	 * mid-row; the row start sized it (see ing_row_scratch()). */
	assert(g->used + n <= g->scratchsz);
	return g->scratch + g->used;
}

/* Sizes the scratch for the current record before any value is set. */
void
ing_row_scratch(struct ingest *g)
{
	size_t i, need = 0, nf = csvr_nfields(g->r);

	for (i = 0; i < nf; i++)
		need += 3 * csvr_fieldlen(g->r, i) + 1;
	need += 64 * (g->o.kind->ncols + UKP_NEXTRA) + 64;
	need += 64 * MAX_REASONS;	/* quality_flags added to */
	if (need > g->scratchsz) {
		g->scratchsz = need * 2;
		g->scratch = xrealloc(g->scratch, g->scratchsz);
	}
	g->used = 0;
}

void
ing_set(struct ingest *g, size_t i, const char *s, size_t n)
{
	g->val[i] = s;
	g->len[i] = n;
}

/* Keeps n bytes written at ing_room() as value i. */
void
ing_keep(struct ingest *g, size_t i, size_t n)
{
	g->val[i] = g->scratch + g->used;
	g->len[i] = n;
	g->used += n + 1;
}

static int
blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

/* Whole number (thousands commas allowed) into out; -1 when not one. */
static int
count_value(const char *s, size_t n, char *out, long *v)
{
	size_t i, k = 0;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] == ',' && k > 0)
			continue;
		if (s[i] < '0' || s[i] > '9' || k >= 15)
			return -1;
		out[k++] = s[i];
		*v = *v * 10 + (s[i] - '0');
	}
	if (k == 0)
		return -1;
	/* Drop leading zeros, keep one digit. */
	for (i = 0; i + 1 < k && out[i] == '0'; i++)
		;
	memmove(out, out + i, k - i);
	out[k - i] = '\0';
	return (int)(k - i);
}

/*
 * The cleaners: each puts the canonical form of s[0..n) in column i, or
 * leaves it empty and names the fault.  The column starts empty.
 */
typedef void clean_fn(struct ingest *g, size_t i, const char *s, size_t n);

static void
clean_text(struct ingest *g, size_t i, const char *s, size_t n)
{
	char *o = ing_room(g, n + 1);

	ing_keep(g, i, norm_space(s, n, o));
}

static void
clean_key(struct ingest *g, size_t i, const char *s, size_t n)
{
	const char *name = g->o.kind->cols[i].name;
	char *o = ing_room(g, n + 1);
	size_t k = norm_space(s, n, o);

	ing_keep(g, i, k);
	if (k == 0)
		ing_reason(g, name, "empty");
	else if (g->o.ref_re != NULL && !ident_pattern_match(g->o.ref_re, o, k))
		ing_reason(g, name, "does not match the reference pattern");
}

static void
clean_date(struct ingest *g, size_t i, const char *s, size_t n)
{
	char *o = ing_room(g, 11);
	int32_t day;
	int st = dateparse_iso(&g->o.dp, s, n, &day, o);

	if (st == DATEPARSE_EFUTURE &&
	    g->o.kind->cols[i].type == COL_DATE_AHEAD)
		st = DATEPARSE_OK;
	if (st == DATEPARSE_OK)
		ing_keep(g, i, 10);
	else if (st != DATEPARSE_EMPTY)
		col_fault(g, i, dateparse_strerror(st),
		    st == DATEPARSE_EFUTURE ? "future_date" :
		    st == DATEPARSE_EINVALID ? "impossible_date" : "format");
}

static void
clean_name(struct ingest *g, size_t i, const char *s, size_t n)
{
	char *o = ing_room(g, n + 1);

	ing_keep(g, i, norm_name(s, n, o, g->titles[i]));
}

static void
clean_title(struct ingest *g, size_t i, const char *s, size_t n)
{
	const char *t;
	char *o;
	size_t k;

	if (blank(s, n))
		return;
	o = ing_room(g, n + 1);
	k = norm_space(s, n, o);
	if ((t = norm_title(o, k)) != NULL)
		ing_set(g, i, t, strlen(t));
	else
		ing_keep(g, i, k);
}

/* The identifiers: PNC ID, CRO number, postcode, phone, email. */
static void
clean_ident(struct ingest *g, size_t i, const char *s, size_t n)
{
	char *o;
	int st;

	if (blank(s, n))
		return;
	o = ing_room(g, n + IDENT_PNC_SIZE + IDENT_CRO_SIZE);
	switch (g->o.kind->cols[i].type) {
	case COL_PNC:
		if ((st = ident_pnc(s, n, 0, o)) != IDENT_OK)
			col_fault(g, i, st == IDENT_ECHECK ?
			    "wrong PNC check letter" : "not a PNC ID",
			    st == IDENT_ECHECK ? "check_character" : "format");
		break;
	case COL_CRO:
		if ((st = ident_cro(s, n, o)) != IDENT_OK)
			col_fault(g, i, st == IDENT_ECHECK ?
			    "wrong CRO check letter" : "not a CRO number",
			    st == IDENT_ECHECK ? "check_character" : "format");
		break;
	case COL_POSTCODE:
		if ((st = ident_postcode(s, n, o)) != IDENT_OK)
			col_fault(g, i, "not a postcode", "format");
		break;
	case COL_PHONE:
		if ((st = ident_phone(s, n, o)) != IDENT_OK)
			col_fault(g, i, "not a UK phone number", "format");
		break;
	default:
		if ((st = ident_email(s, n, o)) != IDENT_OK)
			col_fault(g, i, "not an email address", "format");
		break;
	}
	if (st == IDENT_OK)
		ing_keep(g, i, strlen(o));
}

/* A word of the column's vocabulary (kinds/vocab.c). */
static void
clean_words(struct ingest *g, size_t i, const char *s, size_t n)
{
	const struct vocab *v = vocab_of(g->o.kind->cols[i].type);
	char *o;
	const char *to;

	if (blank(s, n))
		return;
	o = ing_room(g, n * 2 + 8);
	vocab_slug(s, n, o);
	if ((to = vocab_lookup(v, o)) == NULL)
		to = v->other;
	if (to != NULL)
		ing_set(g, i, to, strlen(to));
	else
		col_fault(g, i, v->problem, "unknown_value");
}

/* A Home Office offence code or outcome number. */
static void
clean_code(struct ingest *g, size_t i, const char *s, size_t n)
{
	int offence = g->o.kind->cols[i].type == COL_OFFENCE;
	char *o;
	size_t k;

	if (blank(s, n))
		return;
	o = ing_room(g, n + 1);
	k = offence ? classify_norm_offence(s, n, o, n + 1) :
	    classify_norm_outcome(s, n, o, n + 1);
	if (k > 0)
		ing_keep(g, i, k);
	else if (offence)
		col_fault(g, i, "not an offence code", "format");
	else
		col_fault(g, i, "not an outcome number", "format");
}

/* A count, a DASH score (0 to 27) or a year. */
static void
clean_number(struct ingest *g, size_t i, const char *s, size_t n)
{
	enum col_type t = g->o.kind->cols[i].type;
	char *o = ing_room(g, n + 1);
	size_t k = norm_space(s, n, o);
	long v;
	int st;

	if (k == 0)
		return;
	st = count_value(o, k, o, &v);
	if (st < 0)
		col_fault(g, i, "not a whole number", "format");
	else if (t == COL_DASH && v > 27)
		col_fault(g, i, "not a DASH score (0 to 27)", "out_of_range");
	else if (t == COL_YEAR && (st != 4 ||
	    v < DATE_MIN_YEAR || v > DATE_MAX_YEAR))
		col_fault(g, i, "not a year", st != 4 ? "format" :
		    "out_of_range");
	else
		ing_keep(g, i, (size_t)st);
}

static void
clean_upper(struct ingest *g, size_t i, const char *s, size_t n)
{
	char *o = ing_room(g, n + 1);
	size_t j, k = norm_space(s, n, o);

	for (j = 0; j < k; j++)
		if (o[j] >= 'a' && o[j] <= 'z')
			o[j] = (char)(o[j] - 32);
	ing_keep(g, i, k);
}

static void
clean_slug(struct ingest *g, size_t i, const char *s, size_t n)
{
	char *o = ing_room(g, n * 2 + 8);

	ing_keep(g, i, vocab_slug(s, n, o));
}

/* Derived after the other columns: see derive(). */
static void
clean_derived(struct ingest *g, size_t i, const char *s, size_t n)
{
}

static clean_fn *const cleaners[] = {
	[COL_TEXT] = clean_text,
	[COL_KEY] = clean_key,
	[COL_DATE] = clean_date,
	[COL_DATE_AHEAD] = clean_date,
	[COL_NAME] = clean_name,
	[COL_TITLE] = clean_title,
	[COL_PNC] = clean_ident,
	[COL_CRO] = clean_ident,
	[COL_PHONE] = clean_ident,
	[COL_EMAIL] = clean_ident,
	[COL_POSTCODE] = clean_ident,
	[COL_FLAG] = clean_words,
	[COL_SEX] = clean_words,
	[COL_OFFENCE] = clean_code,
	[COL_OUTCOME] = clean_code,
	[COL_COUNT] = clean_number,
	[COL_DASH] = clean_number,
	[COL_YEAR] = clean_number,
	[COL_UPPER] = clean_upper,
	[COL_SLUG] = clean_slug,
	[COL_ORDER_DECISION] = clean_words,
	[COL_ROUTE] = clean_words,
	[COL_CHANNEL] = clean_words,
	[COL_DVDS_DECISION] = clean_words,
	[COL_OFFENCE_GROUP] = clean_derived,
	[COL_VAWG] = clean_derived,
	[COL_OUTCOME_GROUP] = clean_derived,
	/* The source's own flags: kept, this run's added after. */
	[COL_QUALITY] = clean_text,
	[COL_TIME] = ing_clean_time,
	[COL_LATITUDE] = ing_clean_coord,
	[COL_LONGITUDE] = ing_clean_coord,
	[COL_EASTING] = ing_clean_coord,
	[COL_NORTHING] = ing_clean_coord,
	[COL_PC_DISTRICT] = clean_derived,
	[COL_PC_SECTOR] = clean_derived,
};

/*
 * Whether s[0..n) is a spreadsheet's error value (Excel's and
 * LibreOffice's: a formula that failed), not data: #N/A, #REF! ...
 */
static int
excel_error(const char *s, size_t n)
{
	static const char *const errs[] = {
		"#N/A", "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?",
		"#NUM!", "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!",
		"#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!", "Err:502",
	};
	size_t j;

	if (n < 4 || (s[0] != '#' && s[0] != 'E'))
		return 0;
	for (j = 0; j < sizeof(errs) / sizeof(errs[0]); j++)
		if (strlen(errs[j]) == n && memcmp(errs[j], s, n) == 0)
			return 1;
	return 0;
}

/* Cleans source value s[0..n) into canonical column i. */
static void
clean(struct ingest *g, size_t i, const char *s, size_t n)
{
	const struct kind *k = g->o.kind;

	ing_set(g, i, "", 0);
	if (excel_error(s, n)) {
		if (k->cols[i].type == COL_KEY)
			ing_reason(g, k->cols[i].name,
			    "a spreadsheet error value");
		else
			col_fault(g, i, "a spreadsheet error value",
			    "excel_error");
		return;
	}
	cleaners[k->cols[i].type](g, i, s, n);
}

/* Titles found in names, and the derived classification columns. */
static void
derive(struct ingest *g)
{
	const struct kind *k = g->o.kind;
	size_t i;
	char da[2];

	for (i = 0; i < k->ncols; i++) {
		int t = g->title_of[i];

		if (t >= 0 && g->len[t] == 0 && g->titles[i][0] != '\0')
			ing_set(g, (size_t)t, g->titles[i], strlen(g->titles[i]));
	}
	for (i = 0; i < k->ncols; i++) {
		const char *v = NULL;

		switch (k->cols[i].type) {
		case COL_OFFENCE_GROUP:
			if (g->i_offence >= 0)
				v = classify_offence_group(g->val[g->i_offence],
				    g->len[g->i_offence]);
			break;
		case COL_VAWG:
			da[0] = g->i_da >= 0 && g->len[g->i_da] == 1 ?
			    g->val[g->i_da][0] : '\0';
			da[1] = '\0';
			if (g->i_offence >= 0)
				v = classify_vawg(g->val[g->i_offence],
				    g->len[g->i_offence], da);
			break;
		case COL_OUTCOME_GROUP:
			if (g->i_outcome >= 0)
				v = classify_outcome(g->val[g->i_outcome],
				    g->len[g->i_outcome]);
			break;
		default:
			break;
		}
		if (v != NULL)
			ing_set(g, i, v, strlen(v));
	}
	ing_derive_place(g);
}

/* Problems with the record as a whole. */
void
ing_check_record(struct ingest *g)
{
	size_t nf = csvr_nfields(g->r), nc = csvr_ncols(g->r), j;
	const char *why = csvr_problem(g->r);

	if (why != NULL)
		ing_reason(g, "record", why);
	if (csvr_recerr(g->r) != CSVR_OK)
		return;
	for (j = 0; j < nc && j < nf; j++)
		if (g->m.unnamed[j] && csvr_fieldlen(g->r, j) > 0) {
			ing_reason(g, "record", "value under an empty header");
			break;
		}
}

void
ing_kind_row(struct ingest *g)
{
	size_t i;

	for (i = 0; i < g->o.kind->ncols; i++) {
		int s = g->m.src[i];

		g->titles[i][0] = '\0';
		if (s >= 0)
			clean(g, i, csvr_field(g->r, (size_t)s),
			    csvr_fieldlen(g->r, (size_t)s));
		else
			ing_set(g, i, "", 0);
	}
	derive(g);
}

/*
 * Adds this row's field faults to its quality_flags value (after any
 * the source already had, ';'-separated) and counts them.
 */
void
ing_flag_row(struct ingest *g)
{
	size_t q = (size_t)g->i_quality, k = 0, n = g->len[q];
	char key[160];
	char *o;
	int i, w;

	o = ing_room(g, n + 64 * MAX_REASONS + 1);
	memcpy(o, g->val[q], n);
	k = n;
	for (i = 0; i < g->nreasons; i++) {
		const struct reason *r = &g->reasons[i];
		uintptr_t *slot;

		w = snprintf(key, sizeof(key), "%s:%s", r->col, r->code);
		if (w < 0 || (size_t)w >= sizeof(key))
			continue;
		if (k > 0)
			o[k++] = ';';
		memcpy(o + k, key, (size_t)w);
		k += (size_t)w;
		slot = hmap_slot(g->by_flag, key, (size_t)w, 1, NULL);
		(*slot)++;
	}
	o[k] = '\0';
	ing_keep(g, q, k);
	g->flagged++;
}
