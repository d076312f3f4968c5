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

void
pk_read_cases(struct pk_run *pr)
{
	struct pack_opts *o = pr->o;
	struct sha256 ctx;
	FILE *fp;
	struct input in = { .check = INPUT_RECERR, .fatal = 1 };
	struct csvr *r;
	int cref, cmeet, creferral, pcol[2][PK_NPF];
	const char *name = pk_input_name(o->cases.path);
	struct pm_person *known;
	size_t i, cap = 0;

	if ((fp = pk_open_input(o->cases.path, &ctx, NULL)) == NULL)
		exit(EX_NOINPUT);
	input_fdopen(&in, fp, name, NULL);
	r = in.r;
	if (!input_header(&in))
		diag_fatal(EX_DATAERR, "%s: empty case list", name);
	if ((cref = csvr_col(r, "marac_ref")) < 0)
		diag_fatal(EX_DATAERR, "%s: no column marac_ref", name);
	cmeet = csvr_col(r, "meeting_date");
	creferral = csvr_col(r, "referral_date");
	if (cmeet < 0 && o->as_of == PACK_NODATE)
		diag_fatal(EX_DATAERR, "%s: no column meeting_date "
		    "(or give --as-of)", name);
	pk_person_cols(r, "victim", pcol[0]);
	pk_person_cols(r, "perpetrator", pcol[1]);
	pr->ncols = csvr_ncols(r);
	pr->cols = xcalloc(pr->ncols, sizeof(*pr->cols));
	for (i = 0; i < pr->ncols; i++)
		pr->cols[i] = xstrdup(csvr_colname(r, i));
	while (input_next(&in) == CSVR_RECORD) {
		unsigned long line = csvr_line(r);
		struct pk_case *c;
		int32_t meet, referral;
		struct pm_person p;
		int s;

		if (csvr_ragged(r))
			diag_fatal_at(EX_DATAERR, name, line,
			    "wrong number of fields");
		if (*pk_field(r, cref) == '\0')
			diag_fatal_at(EX_DATAERR, name, line,
			    "empty marac_ref");
		if (pk_opt_date(pk_field(r, cmeet), &meet) == -1)
			diag_fatal_at(EX_DATAERR, name, line,
			    "bad date in meeting_date");
		if (pk_opt_date(pk_field(r, creferral), &referral) == -1)
			diag_fatal_at(EX_DATAERR, name, line,
			    "bad date in referral_date");
		if (meet == PACK_NODATE && o->as_of == PACK_NODATE)
			diag_fatal_at(EX_DATAERR, name, line,
			    "empty meeting_date (give --as-of)");
		if (pr->n == cap) {
			cap = cap ? 2 * cap : 64;
			pr->c = xreallocarray(pr->c, cap, sizeof(*pr->c));
		}
		c = &pr->c[pr->n++];
		memset(c, 0, sizeof(*c));
		c->fields = xcalloc(pr->ncols, sizeof(*c->fields));
		for (i = 0; i < pr->ncols; i++)
			c->fields[i] = pk_keep(pr, csvr_field(r, i));
		c->pc.marac_ref = c->fields[cref];
		c->pc.ref = o->as_of != PACK_NODATE ? o->as_of : meet;
		c->pc.date = referral != PACK_NODATE ? referral : meet;
		c->pc.lookback_months = o->lookback;
		c->line = line;
		for (s = 0; s < 2; s++) {
			pk_person_of(r, pcol[s], &p);
			pk_norm_postcode(p.postcode, c->postcode[s],
			    sizeof(c->postcode[s]));
		}
	}
	pk_close_input(&in, fp);
	sha256_final_hex(&ctx, o->cases.sha);

	known = xcalloc(2 * pr->n + 1, sizeof(*known));
	for (i = 0; i < 2 * pr->n; i++) {
		struct pm_person *p = &known[i];
		char **f = pr->c[i / 2].fields;
		const int *pc = pcol[i % 2];

		p->forename = pc[0] >= 0 ? f[pc[0]] : "";
		p->surname = pc[1] >= 0 ? f[pc[1]] : "";
		p->dob = pc[2] >= 0 ? f[pc[2]] : "";
		p->pnc = pc[3] >= 0 ? f[pc[3]] : "";
		p->postcode = pc[4] >= 0 ? f[pc[4]] : "";
		p->sex = pc[5] >= 0 ? f[pc[5]] : "";
		p->id = pc[6] >= 0 ? f[pc[6]] : "";
	}
	pr->pm = pm_new(known, 2 * pr->n);
	pm_set_threshold(pr->pm, o->threshold, o->threshold - o->grey);
	free(known);
	for (i = 0; i < 2 * pr->n; i++)
		if (!pm_findable(pr->pm, i))
			diag_at(name, pr->c[i / 2].line, "warning: %s cannot "
			    "be found (no id, surname, forename or PNC ID)",
			    i % 2 ? "perpetrator" : "victim");
}

