/*
 * Findings weighed again with the evidence of the others.  The matcher
 * compares a case's person with each record alone; a record without a
 * date of birth, or under a changed surname, then weighs too little,
 * and a namesake born a few days apart too much.  Here each person's
 * findings are read together:
 *
 *   - the anchors are the findings beyond doubt (an id, a match weight
 *     of at least ANCHOR_W bits, the PNC ID or both names and the date of
 *     birth exactly the case list's): the dates of birth, PNC IDs and
 *     postcodes they carry are the person's too;
 *   - every other finding of the person gains weight when it shares one
 *     of those values where the case list has none (a date of birth, a
 *     PNC ID) or a postcode, and when its record's other person is the
 *     case's other party; it loses weight when it carries a PNC ID and
 *     the anchors carry only others (the case list having none), or a
 *     date of birth that none of the anchors has while they agree on one;
 *   - then it is confirmed, possible or dropped by the same threshold and
 *     grey zone as before; where that changes what the matcher said, the
 *     weight and basis tell why (the evidence as "dob:other_record",
 *     "pnc:not_other_records", "other_party", ...; "no_other_record"
 *     for a finding made possible for sharing nothing with the anchors).
 *
 * Candidates below the grey zone (PM_WEAK, from PK_CORROB_FLOOR bits
 * lower) are kept only when the evidence lifts them into it.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "pack/run_int.h"

#define ANCHOR_W 8.0		/* bits: a finding beyond doubt */
#define DOB_W 8.0		/* the anchors' date of birth */
#define PNC_W 10.0		/* the anchors' PNC ID, or another one */
#define POSTCODE_W 6.0		/* an anchor's postcode */
#define OTHER_W 7.0		/* the case's other party in the record */
#define NAME_W 6.0		/* the case's full name, one person's */
#define DOB_CONFLICT_W 4.0	/* a date of birth no anchor has */
#define LONE_W 2.0		/* bits: below this, a finding sharing none of
				   the anchors' values is only possible */
#define NPROF 16		/* values kept of each kind */

/* What a person's anchors say. */
struct profile {
	int32_t dob[NPROF];
	char pnc[NPROF][24];
	char postcode[NPROF][16];
	size_t ndob, npnc, npostcode;
};

/* Letters and digits, lower case (other bytes kept: UTF-8). */
static void
norm(const char *s, char *buf, size_t size)
{
	size_t n = 0;

	for (; s != NULL && *s != '\0' && n + 1 < size; s++) {
		unsigned char c = (unsigned char)*s;

		if (c >= 0x80 || isalnum(c))
			buf[n++] = (char)tolower(c);
	}
	buf[n] = '\0';
}

static int32_t
dob_of(const char *s)
{
	int32_t d;

	if (s == NULL || pk_opt_date(s, &d) != 0)
		return PACK_NODATE;
	return d;
}

static int
has_dob(const struct profile *p, int32_t d)
{
	size_t i;

	for (i = 0; i < p->ndob; i++)
		if (p->dob[i] == d)
			return 1;
	return 0;
}

static int
has_text(const char (*v)[24], size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return 1;
	return 0;
}

static int
has_postcode(const struct profile *p, const char *s)
{
	size_t i;

	for (i = 0; i < p->npostcode; i++)
		if (strcmp(p->postcode[i], s) == 0)
			return 1;
	return 0;
}

/* A case person's field, "" when the case list has no such column. */
static const char *
case_field(const struct pk_run *pr, size_t who, int f)
{
	int col = pr->pcol[who % 2][f];

	return col >= 0 ? pr->c[who / 2].fields[col] : "";
}

/* A confirmed finding beyond doubt (pk_beyond_doubt()). */
static int
is_anchor(const struct pk_fnd *x)
{
	const char *b = x->f.basis;

	if (x->weak || x->f.possible || x->f.source == PACK_ENGAGEMENT)
		return 0;
	return pk_beyond_doubt(x->f.has_weight, x->f.weight, b);
}

int
pk_beyond_doubt(int has_weight, double weight, const char *basis)
{
	return !has_weight || weight >= ANCHOR_W ||
	    strstr(basis, "pnc:exact") != NULL ||
	    (strstr(basis, "forename:exact") != NULL &&
	    strstr(basis, "surname:exact") != NULL &&
	    strstr(basis, "dob:exact") != NULL);
}

static void
add_anchor(struct profile *p, const struct pk_fnd *x)
{
	char buf[24];
	int32_t d = dob_of(x->dob);

	if (d != PACK_NODATE && !has_dob(p, d) && p->ndob < NPROF)
		p->dob[p->ndob++] = d;
	norm(x->pnc, buf, sizeof(buf));
	if (buf[0] != '\0' && !has_text(p->pnc, p->npnc, buf) &&
	    p->npnc < NPROF)
		strcpy(p->pnc[p->npnc++], buf);
	pk_norm_postcode(x->postcode, buf, sizeof(p->postcode[0]));
	if (buf[0] != '\0' && !has_postcode(p, buf) && p->npostcode < NPROF)
		strcpy(p->postcode[p->npostcode++], buf);
}

/* 1 when the record's other person is the case's other party: the same
 * surname and forename initial or date of birth, or the same forename
 * and date of birth (a changed surname); never when both dates of birth
 * are known and cannot be one person's. */
static int
other_party(const struct pk_run *pr, size_t who, const struct pk_fnd *x)
{
	char cf[64], cs[64], rf[64], rs[64];
	int32_t cd, rd;
	int sname, dob;

	if (pr->role[!(who % 2)] == NULL)
		return 0;
	norm(case_field(pr, who ^ 1, 0), cf, sizeof(cf));
	norm(case_field(pr, who ^ 1, 1), cs, sizeof(cs));
	norm(x->other[0], rf, sizeof(rf));
	norm(x->other[1], rs, sizeof(rs));
	cd = dob_of(case_field(pr, who ^ 1, 2));
	rd = dob_of(x->other[2]);
	if (pk_ymd(cd) != 0 && pk_ymd(rd) != 0 &&
	    !pk_one_dob(pk_ymd(cd), pk_ymd(rd)))
		return 0;
	dob = cd != PACK_NODATE && cd == rd;
	sname = cs[0] != '\0' && strcmp(cs, rs) == 0;
	if (sname && (dob || (cf[0] != '\0' && cf[0] == rf[0])))
		return 1;
	return dob && cf[0] != '\0' && strcmp(cf, rf) == 0;
}

/* The evidence of the profile on finding x of person who: the weight it
 * adds, with its tags appended to basis. */
static double
evidence(const struct pk_run *pr, size_t who, const struct profile *p,
    const struct pk_fnd *x, char *basis, size_t size)
{
	char buf[24], cpnc[24];
	int32_t d = dob_of(x->dob);
	double w = 0;
	size_t n = strlen(basis);

#define TAG(t) (n += (size_t)snprintf(basis + n, n < size ? size - n : 0, \
	"%s%s", n > 0 ? "+" : "", t), n = n < size ? n : size - 1)
	if (d != PACK_NODATE && dob_of(case_field(pr, who, 2)) == PACK_NODATE
	    && has_dob(p, d)) {
		w += DOB_W;
		TAG("dob:other_record");
	} else if (d != PACK_NODATE && p->ndob == 1 && !has_dob(p, d) &&
	    dob_of(case_field(pr, who, 2)) == p->dob[0]) {
		w -= DOB_CONFLICT_W;
		TAG("dob:not_other_records");
	}
	norm(x->pnc, buf, sizeof(buf));
	norm(case_field(pr, who, 3), cpnc, sizeof(cpnc));
	if (buf[0] != '\0' && cpnc[0] == '\0' && p->npnc > 0) {
		if (has_text(p->pnc, p->npnc, buf)) {
			w += PNC_W;
			TAG("pnc:other_record");
		} else {
			w -= PNC_W;
			TAG("pnc:not_other_records");
		}
	}
	pk_norm_postcode(x->postcode, buf, sizeof(p->postcode[0]));
	if (buf[0] != '\0' && has_postcode(p, buf)) {
		w += POSTCODE_W;
		TAG("postcode:other_record");
	}
	if (other_party(pr, who, x)) {
		w += OTHER_W;
		TAG("other_party");
	}
	if (pk_name_people(pr, who) == 1 &&
	    pk_name_is(pr, who, x->forename, x->surname)) {
		w += NAME_W;
		TAG("name:one_person");
	}
#undef TAG
	return w;
}

/* 1 when the evidence in basis ties the finding to the person's other
 * records or to the case's other party. */
static int
shares(const char *basis)
{
	return strstr(basis, ":other_record") != NULL ||
	    strstr(basis, "other_party") != NULL ||
	    strstr(basis, "name:one_person") != NULL;
}

/* 1 when the evidence in basis makes a finding it confirms an anchor of
 * the second round: the case's other party in the record, or a full
 * name one person carries. */
static int
lends(const char *basis)
{
	return strstr(basis, "other_party") != NULL ||
	    strstr(basis, "name:one_person") != NULL;
}

/*
 * Weighs again the findings of one person, f[0] .. f[n - 1], twice: the
 * findings beyond doubt after the first round are anchors in the second.
 * When the person has anchors, a finding below LONE_W bits that shares
 * none of their values is only possible: a namesake born near the same
 * day, or one of the same forename and date of birth, is not taken for
 * a person whose other records say who they are.
 */
static void
weigh_person(struct pk_run *pr, size_t who, struct pk_fnd **f, size_t n)
{
	const struct pack_case *pc = &pr->c[who / 2].pc;
	double thr = pr->o->threshold, low = thr - pr->o->grey;
	double *w0 = xcalloc(n ? n : 1, sizeof(*w0));
	int *st0 = xcalloc(n ? n : 1, sizeof(*st0));
	struct profile p, p0;
	size_t i, nanchor;
	int round;

	for (i = 0; i < n; i++) {
		w0[i] = f[i]->f.weight;
		st0[i] = 2 * f[i]->weak + f[i]->f.possible;
		st0[i] |= is_anchor(f[i]) << 2;
	}
	for (round = 0; round < 2; round++) {
		memset(&p, 0, sizeof(p));
		for (i = nanchor = 0; i < n; i++)
			if (is_anchor(f[i]) || (st0[i] & 8)) {
				add_anchor(&p, f[i]);
				nanchor++;
			}
		for (i = 0; i < n; i++) {
			struct pk_fnd *x = f[i];
			char basis[160];
			double w;

			if (!x->f.has_weight || x->f.source == PACK_ENGAGEMENT ||
			    (st0[i] & 4))
				continue;
			snprintf(basis, sizeof(basis), "%s", x->f.basis);
			w = evidence(pr, who, st0[i] & 8 ? &p0 : &p, x, basis,
			    sizeof(basis));
			x->f.weight = w0[i] + w;
			x->f.possible = x->f.weight < thr ||
			    (nanchor > 0 && !shares(basis) &&
			    x->f.weight < LONE_W);
			x->weak = x->f.weight < low;
			if (round == 0 && !x->f.possible && lends(basis))
				st0[i] |= 8;
			if (round == 1 &&
			    (st0[i] & 3) != 2 * x->weak + x->f.possible) {
				if (w <= 0 && !x->weak)
					snprintf(basis + strlen(basis),
					    sizeof(basis) - strlen(basis),
					    "+no_other_record");
				x->f.basis = pk_keep(pr, basis);
			} else if (round == 1)
				x->f.weight = w0[i];
			pack_note(pc, &x->f);
		}
		p0 = p;
	}
	free(w0);
	free(st0);
}

static int
by_who(const void *a, const void *b)
{
	const struct pk_fnd *x = *(struct pk_fnd *const *)a;
	const struct pk_fnd *y = *(struct pk_fnd *const *)b;

	if (x->f.case_idx != y->f.case_idx)
		return x->f.case_idx < y->f.case_idx ? -1 : 1;
	return (int)x->f.subject - (int)y->f.subject;
}

void
pk_corroborate(struct pk_run *pr)
{
	size_t i, j, k;

	if (pr->nf > 1)
		qsort(pr->f, pr->nf, sizeof(*pr->f), by_who);
	for (i = 0; i < pr->nf; i = j) {
		for (j = i + 1; j < pr->nf && by_who(&pr->f[i], &pr->f[j]) == 0;
		    j++)
			;
		weigh_person(pr, 2 * pr->f[i]->f.case_idx +
		    (size_t)pr->f[i]->f.subject, pr->f + i, j - i);
	}
	for (i = k = 0; i < pr->nf; i++)
		if (pr->f[i]->weak)
			free(pr->f[i]);
		else
			pr->f[k++] = pr->f[i];
	pr->nf = k;
}
