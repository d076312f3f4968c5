/*
 * The case list of a pack run: its rows kept whole (every column goes
 * to the summary), the victims and perpetrators handed to the matcher;
 * and the helpers that read a person or a date from a record.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dates.h"
#include "core/diag.h"
#include "core/err.h"
#include "kinds/ident.h"
#include "pack/run_int.h"

const char *const pk_pfields[PK_NPF] = {
	"forename", "surname", "dob", "pnc", "postcode", "sex", "id"
};

char *
pk_keep(struct pk_run *pr, const char *s)
{
	return hmap_strdup(pr->arena, s, strlen(s));
}

/* Parses an optional date field: 0 and *d (PACK_NODATE when empty), or
 * -1 when it is not a date. */
int
pk_opt_date(const char *s, int32_t *d)
{
	*d = PACK_NODATE;
	if (*s == '\0')
		return 0;
	return date_parse_iso(s, strlen(s), d);
}

const char *
pk_field(const struct csvr *r, int col)
{
	return col < 0 ? "" : csvr_field(r, (size_t)col);
}

/* Normalised postcode: lib/ident's form, else letters and digits. */
void
pk_norm_postcode(const char *s, char *buf, size_t size)
{
	size_t n = 0;

	if (size >= IDENT_POSTCODE_SIZE &&
	    ident_postcode(s, strlen(s), buf) == IDENT_OK)
		return;
	for (; *s != '\0' && n + 1 < size; s++)
		if (isalnum((unsigned char)*s))
			buf[n++] = (char)toupper((unsigned char)*s);
	buf[n] = '\0';
}

/* ---- The case list ---- */

void
pk_person_cols(const struct csvr *r, const char *role, int *col)
{
	char name[64];
	size_t i;

	for (i = 0; i < PK_NPF; i++) {
		snprintf(name, sizeof(name), "%s_%s", role, pk_pfields[i]);
		col[i] = csvr_col(r, name);
	}
}

void
pk_person_of(const struct csvr *r, const int *col,
    struct pm_person *p)
{
	p->forename = pk_field(r, col[0]);
	p->surname = pk_field(r, col[1]);
	p->dob = pk_field(r, col[2]);
	p->pnc = pk_field(r, col[3]);
	p->postcode = pk_field(r, col[4]);
	p->sex = pk_field(r, col[5]);
	p->id = pk_field(r, col[6]);
}

/* The case list's columns: its key, dates and people. */
struct casecols {
	int key, rank, ref, own[2], person[2][PK_NPF];
};

/* Finds the case list's columns; returns 0, or 65 (in e) when it cannot
 * be one. */
static int
case_cols(struct pk_run *pr, const struct csvr *r, const char *name,
    struct casecols *cc, struct vawg_err *e)
{
	const struct pack_purpose *pp = pr->pp;
	int s;

	cc->rank = -1;
	if (pp->key == NULL) {		/* vawg-rank: rank, the id, ... */
		if ((cc->rank = csvr_col(r, "rank")) < 0 ||
		    (size_t)cc->rank + 1 >= csvr_ncols(r))
			return err_set(e, EX_DATAERR, "%s: no column rank and "
			    "an id after it (not vawg-rank output)", name);
		cc->key = cc->rank + 1;
		pr->key = xstrdup(csvr_colname(r, (size_t)cc->key));
	} else {
		if ((cc->key = csvr_col(r, pp->key)) < 0)
			return err_set(e, EX_DATAERR, "%s: no column %s", name,
			    pp->key);
		pr->key = xstrdup(pp->key);
	}
	cc->ref = csvr_col(r, pp->ref_date);
	cc->own[0] = pp->own_date[0] ? csvr_col(r, pp->own_date[0]) : -1;
	cc->own[1] = pp->own_date[1] ? csvr_col(r, pp->own_date[1]) : -1;
	if (cc->ref < 0 && pr->o->as_of == PACK_NODATE)
		return err_set(e, EX_DATAERR, "%s: no column %s "
		    "(or give --as-of)", name, pp->ref_date);
	for (s = 0; s < 2; s++) {
		int i;

		for (i = 0; i < PK_NPF; i++)
			cc->person[s][i] = -1;
		if (pr->role[s] != NULL)
			pk_person_cols(r, pr->role[s], cc->person[s]);
	}
	return 0;
}

/*
 * Reads the dates of the current case list row: the reference date and
 * the case's own date.  Returns 0, or 65 (in e) on a bad one.
 */
static int
case_dates(const struct pk_run *pr, const struct csvr *r,
    const struct casecols *cc, struct pack_case *pc, struct vawg_err *e)
{
	const struct pack_purpose *pp = pr->pp;
	const char *name = csvr_name(r);
	unsigned long line = csvr_line(r);
	int32_t ref, own[2];
	int k;

	if (pk_opt_date(pk_field(r, cc->ref), &ref) == -1)
		return err_at(e, EX_DATAERR, name, line, "bad date in %s",
		    pp->ref_date);
	for (k = 0; k < 2; k++)
		if (pk_opt_date(pk_field(r, cc->own[k]), &own[k]) == -1)
			return err_at(e, EX_DATAERR, name, line,
			    "bad date in %s", pp->own_date[k]);
	if (ref == PACK_NODATE && pr->o->as_of == PACK_NODATE)
		return err_at(e, EX_DATAERR, name, line,
		    "empty %s (give --as-of)", pp->ref_date);
	pc->ref = pr->o->as_of != PACK_NODATE ? pr->o->as_of : ref;
	pc->date = own[0] != PACK_NODATE ? own[0] : own[1];
	/* No date of its own (a nominal): earlier is on or before the
	 * reference date. */
	if (pp->own_date[0] == NULL)
		pc->date = pc->ref + 1;
	pc->lookback_months = pr->o->lookback;
	pc->self = pp->self;
	return 0;
}

/* Hands the cases' people to a new matcher; warns of those that cannot
 * be found. */
static void
case_people(struct pk_run *pr, const struct casecols *cc, const char *name)
{
	struct pm_person *known = xcalloc(2 * pr->n + 1, sizeof(*known));
	size_t i;

	for (i = 0; i < 2 * pr->n; i++) {
		struct pm_person *p = &known[i];
		char **f = pr->c[i / 2].fields;
		const int *pc = cc->person[i % 2];

		p->forename = pc[0] >= 0 ? f[pc[0]] : "";
		p->surname = pc[1] >= 0 ? f[pc[1]] : "";
		p->dob = pc[2] >= 0 ? f[pc[2]] : "";
		p->pnc = pc[3] >= 0 ? f[pc[3]] : "";
		p->postcode = pc[4] >= 0 ? f[pc[4]] : "";
		p->sex = pc[5] >= 0 ? f[pc[5]] : "";
		p->id = pc[6] >= 0 ? f[pc[6]] : "";
	}
	pr->pm = pm_new(known, 2 * pr->n);
	pm_set_threshold(pr->pm, pr->o->threshold,
	    pr->o->threshold - pr->o->grey);
	pm_set_floor(pr->pm, pr->o->threshold - pr->o->grey -
	    PK_CORROB_FLOOR);
	memcpy(pr->pcol, cc->person, sizeof(pr->pcol));
	free(known);
	for (i = 0; i < 2 * pr->n; i++)
		if (pr->role[i % 2] != NULL && !pm_findable(pr->pm, i))
			diag_at(name, pr->c[i / 2].line, "warning: %s cannot "
			    "be found (no id, surname, forename or PNC ID)",
			    pk_subject(pr, (enum pack_subject)(i % 2)));
}

/* Keeps the current row as a case; returns 0, or 65 (in e) on a bad
 * date. */
static int
add_case(struct pk_run *pr, const struct csvr *r, const struct casecols *cc,
    size_t *cap, struct vawg_err *e)
{
	struct pk_case *c;
	struct pm_person p;
	size_t i;
	int s;

	if (pr->n == *cap) {
		*cap = *cap ? 2 * *cap : 64;
		pr->c = xreallocarray(pr->c, *cap, sizeof(*pr->c));
	}
	c = &pr->c[pr->n++];
	memset(c, 0, sizeof(*c));
	if (case_dates(pr, r, cc, &c->pc, e) != 0) {
		pr->n--;
		return e->code;
	}
	/* Outside --cases-from and --cases-to (or undated, with either):
	 * not a case of this run. */
	if ((pr->o->cases_from != PACK_NODATE ||
	    pr->o->cases_to != PACK_NODATE) && (c->pc.date == PACK_NODATE ||
	    (pr->o->cases_from != PACK_NODATE &&
	    c->pc.date < pr->o->cases_from) ||
	    (pr->o->cases_to != PACK_NODATE && c->pc.date > pr->o->cases_to))) {
		pr->n--;
		return 0;
	}
	c->fields = xcalloc(pr->ncols, sizeof(*c->fields));
	for (i = 0; i < pr->ncols; i++)
		c->fields[i] = pk_keep(pr, csvr_field(r, i));
	c->pc.marac_ref = c->fields[cc->key];
	c->line = csvr_line(r);
	for (s = 0; s < 2; s++) {
		pk_person_of(r, cc->person[s], &p);
		pk_norm_postcode(p.postcode, c->postcode[s],
		    sizeof(c->postcode[s]));
	}
	return 0;
}

int
pk_read_cases(struct pk_run *pr, struct vawg_err *e)
{
	struct pack_opts *o = pr->o;
	struct sha256 ctx;
	FILE *fp;
	struct input in = { .check = INPUT_RECERR, .fatal = 1 };
	struct csvr *r;
	struct casecols cc;
	const char *name = pk_input_name(o->cases.path);
	size_t i, cap = 0;
	int h;

	if ((fp = pk_open_input(o->cases.path, &ctx, NULL, e)) == NULL)
		return e->code != 0 ? e->code : err_set(e, EX_NOINPUT, "%s",
		    "");
	input_fdopen(&in, fp, name, NULL);
	r = in.r;
	if ((h = input_header(&in)) < 0)
		*e = in.err;
	else if (h == 0)
		err_set(e, EX_DATAERR, "%s: empty case list", name);
	else
		case_cols(pr, r, name, &cc, e);
	if (e->code != 0) {
		input_close(&in);
		fclose(fp);
		return e->code;
	}
	pr->ncols = csvr_ncols(r);
	pr->cols = xcalloc(pr->ncols, sizeof(*pr->cols));
	for (i = 0; i < pr->ncols; i++)
		pr->cols[i] = xstrdup(csvr_colname(r, i));
	while (e->code == 0 && input_next(&in) == CSVR_RECORD) {
		if (csvr_ragged(r))
			err_at(e, EX_DATAERR, name, csvr_line(r),
			    "wrong number of fields");
		/* A nominal who has left the list has no rank: no sheet. */
		else if (cc.rank >= 0 && *pk_field(r, cc.rank) == '\0')
			continue;
		else if (*pk_field(r, cc.key) == '\0')
			err_at(e, EX_DATAERR, name, csvr_line(r), "empty %s",
			    pr->key);
		else
			add_case(pr, r, &cc, &cap, e);
	}
	if (e->code == 0 && in.err.code != 0)
		*e = in.err;
	if (e->code != 0) {
		input_close(&in);
		fclose(fp);
		return e->code;
	}
	if (pk_close_input(&in, fp, e) != 0)
		return e->code;
	sha256_end_hex(&ctx, o->cases.sha);
	case_people(pr, &cc, name);
	return 0;
}
