/*
 * The findings table (one row per record found) and the summary table
 * (one row per case: the case list's columns, then pack_summary's).
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csvio.h"
#include "core/diag.h"
#include "pack/run_int.h"

const char *const pk_fcols[PK_NFCOLS] = {
	"marac_ref", "subject", "source", "record_ref", "date",
	"role_in_record", "offence_group", "detail", "decision", "note",
	"record_forename", "record_surname", "record_dob", "record_pnc",
	"match_weight", "match_basis", "match"
};

/* Name of findings column i: the first is the case list's key. */
const char *
pk_fcol(const struct pk_run *pr, size_t i)
{
	return i == 0 ? pr->key : pk_fcols[i];
}

/* What the findings call a case's person s: "victim", "applicant" ... */
const char *
pk_subject(const struct pk_run *pr, enum pack_subject s)
{
	return pr->pp->subject[s] != NULL ? pr->pp->subject[s] :
	    pack_subject_name(s);
}

/* Number of summary columns of the run's purpose. */
size_t
pk_nscols(const struct pk_run *pr)
{
	size_t n = 0;

	while (pr->pp->cols[n] >= 0)
		n++;
	return n;
}

/*
 * Name of the run's summary column j, and in *idx its
 * pack_summary_value() index: a MARAC column's name with "victim" and
 * "perpetrator" read as the purpose's subjects (applicant_da_as_victim).
 */
const char *
pk_scol(const struct pk_run *pr, size_t j, int *idx, char *buf, size_t size)
{
	const char *name;
	size_t k;
	int s;

	*idx = pr->pp->cols[j];
	name = pack_summary_colname((size_t)*idx);
	if (*idx == 21 && pr->pp->id != PACK_FOR_MARAC) {
		snprintf(buf, size, "%s_%s", pk_subject(pr, PACK_VICTIM), name);
		return buf;
	}
	for (s = 0; s < 2; s++) {
		const char *was = pack_subject_name((enum pack_subject)s);

		k = strlen(was);
		if (strncmp(name, was, k) == 0 && name[k] == '_') {
			snprintf(buf, size, "%s%s",
			    pk_subject(pr, (enum pack_subject)s), name + k);
			return buf;
		}
	}
	return name;
}

/*
 * Value of findings column i, or NULL when it is redacted; buf holds at
 * least 32 bytes.  The person as the record spells them (record_*) is
 * also redacted where the case list's column of that subject is:
 * --redact victim_dob hides the victim's date of birth in record_dob.
 */
const char *
pk_fvalue(const struct pk_run *pr, const struct pk_fnd *x, size_t i,
    char *buf)
{
	const struct pack_finding *f = &x->f;

	if (pk_redacted(pr, pk_fcol(pr, i)))
		return NULL;
	if (i >= 10 && i <= 13 && pr->role[f->subject] != NULL) {
		char col[64];

		snprintf(col, sizeof(col), "%s_%s", pr->role[f->subject],
		    pk_fcols[i] + 7);
		if (pk_redacted(pr, col))
			return NULL;
	}
	switch (i) {
	case 0: return pr->c[f->case_idx].pc.marac_ref;
	case 1: return pk_subject(pr, f->subject);
	case 2: return pack_source_name(f->source);
	case 3: return f->record_ref;
	case 4: return x->datetext;
	case 5: return f->role;
	case 6: return f->offence_group;
	case 7: return f->detail;
	case 8: return f->decision;
	case 9: return f->note;
	case 10: return x->forename;
	case 11: return x->surname;
	case 12: return x->dob;
	case 13: return x->pnc;
	case 14:
		if (!f->has_weight)
			return "";
		snprintf(buf, 32, "%.2f", f->weight);
		return buf;
	case 15: return f->basis;
	case 16: return f->possible ? "possible" : "confirmed";
	}
	return "";
}


static int
by_case(const void *a, const void *b)
{
	const struct pack_finding *x = &(*(const struct pk_fnd *const *)a)->f;
	const struct pack_finding *y = &(*(const struct pk_fnd *const *)b)->f;
	int d;

	if (x->case_idx != y->case_idx)
		return x->case_idx < y->case_idx ? -1 : 1;
	if (x->possible != y->possible)
		return x->possible - y->possible;
	if (x->subject != y->subject)
		return x->subject < y->subject ? -1 : 1;
	if (x->source != y->source)
		return x->source < y->source ? -1 : 1;
	if (x->date != y->date)		/* newest first, undated last */
		return x->date > y->date ? -1 : 1;
	if ((d = strcmp(x->record_ref, y->record_ref)) != 0)
		return d;
	return strcmp(x->role, y->role);
}

int
pk_write_findings(const struct pk_run *pr, struct outfile *of,
    struct vawg_err *e)
{
	struct csvw *w = csvw_new(out_fp(of), ',');
	char buf[32];
	size_t i, j;

	csvw_excel_safe(w, pr->o->excel_safe);
	for (j = 0; j < PK_NFCOLS; j++)
		csvw_str(w, pk_fcol(pr, j));
	csvw_end(w);
	for (i = 0; i < pr->nf; i++) {
		for (j = 0; j < PK_NFCOLS; j++) {
			const char *v = pk_fvalue(pr, pr->f[i], j, buf);

			csvw_str(w, v != NULL ? v : "");
		}
		csvw_end(w);
	}
	if (csvw_free(w) == -1)
		return err_set(e, EX_IOERR, "%s: write error", out_name(of));
	return 0;
}

/* Sorts the findings by case (then confirmed first, person, source,
 * newest first) and indexes where each case's findings begin. */
void
pk_sort_findings(struct pk_run *pr)
{
	size_t i;

	if (pr->nf > 1)
		qsort(pr->f, pr->nf, sizeof(*pr->f), by_case);
	pr->first = xcalloc(pr->n + 1, sizeof(*pr->first));
	for (i = 0; i < pr->nf; i++)
		pr->first[pr->f[i]->f.case_idx + 1]++;
	for (i = 0; i < pr->n; i++)
		pr->first[i + 1] += pr->first[i];
}

/* A victim as a key: the name and date of birth, letters and digits,
 * case ignored. */
static void
victim_key(const struct pk_fnd *x, char *buf, size_t size)
{
	size_t n = 0, k;
	const char *p;

	for (k = 0; k < 3; k++) {
		for (p = x->other[k]; *p != '\0' && n + 2 < size; p++)
			if (isalnum((unsigned char)*p) || (*p & 0x80))
				buf[n++] = (char)tolower((unsigned char)*p);
		if (n + 1 < size)
			buf[n++] = '|';
	}
	buf[n] = '\0';
}

static int
by_victim(const void *a, const void *b)
{
	char x[256], y[256];

	victim_key(*(struct pk_fnd *const *)a, x, sizeof(x));
	victim_key(*(struct pk_fnd *const *)b, y, sizeof(y));
	return strcmp(x, y);
}

/*
 * The distinct victims of case i's second person (a perpetrator,
 * respondent, subject or nominal): the victims of the crimes found with
 * them as suspect, by name and date of birth, one finding each (sorted
 * by name) in a new array *v.  Returns how many.
 */
size_t
pk_victims(const struct pk_run *pr, size_t i, struct pk_fnd ***v)
{
	size_t lo = pr->first[i], hi = pr->first[i + 1], n = 0, k, m = 0;
	char a[256], b[256];

	*v = xcalloc(hi - lo + 1, sizeof(**v));
	for (k = lo; k < hi; k++) {
		struct pk_fnd *x = pr->f[k];

		if (!x->f.possible && x->f.source == PACK_CRIME &&
		    x->f.subject == PACK_PERPETRATOR &&
		    strcmp(x->f.role, "suspect") == 0 &&
		    (*x->other[0] != '\0' || *x->other[1] != '\0'))
			(*v)[n++] = x;
	}
	if (n > 1)
		qsort(*v, n, sizeof(**v), by_victim);
	for (k = 0; k < n; k++) {
		victim_key((*v)[k], a, sizeof(a));
		if (m > 0) {
			victim_key((*v)[m - 1], b, sizeof(b));
			if (strcmp(a, b) == 0)
				continue;
		}
		(*v)[m++] = (*v)[k];
	}
	return m;
}

void
pk_summarise(const struct pk_run *pr, size_t i, struct pack_summary *s)
{
	const struct pack_finding **f;
	struct pk_fnd **v;
	size_t n = pr->first[i + 1] - pr->first[i], j;
	int32_t last = PACK_NODATE, when;
	const char *dec;

	f = xcalloc(n ? n : 1, sizeof(*f));
	for (j = 0; j < n; j++)
		f[j] = &pr->f[pr->first[i] + j]->f;
	pack_summarise(&pr->c[i].pc, f, n, s);
	free(f);
	dec = pk_case_value(pr, i, "decision_date");
	s->decided = dec != NULL && *dec != '\0' &&
	    pk_opt_date(dec, &when) == 0 && when != PACK_NODATE;
	s->victims = (unsigned)pk_victims(pr, i, &v);
	free(v);
	/* The postcode of the second person's latest dated record. */
	for (j = pr->first[i]; j < pr->first[i + 1]; j++) {
		const struct pk_fnd *x = pr->f[j];

		if (!x->f.possible && x->f.subject == PACK_PERPETRATOR &&
		    *x->postcode != '\0' && x->f.date != PACK_NODATE &&
		    (last == PACK_NODATE || x->f.date > last)) {
			last = x->f.date;
			snprintf(s->postcode, sizeof(s->postcode), "%s",
			    x->postcode);
		}
	}
}

int
pk_write_summary(const struct pk_run *pr, struct outfile *of,
    const struct pack_summary *sum, struct vawg_err *e)
{
	struct csvw *w = csvw_new(out_fp(of), ',');
	char buf[PACK_TYPES_MAX], name[64];
	size_t i, j;
	int idx;

	csvw_excel_safe(w, pr->o->excel_safe);
	for (j = 0; j < pr->ncols; j++)
		csvw_str(w, pr->cols[j]);
	for (j = 0; j < pk_nscols(pr); j++)
		csvw_str(w, pk_scol(pr, j, &idx, name, sizeof(name)));
	csvw_end(w);
	for (i = 0; i < pr->n; i++) {
		for (j = 0; j < pr->ncols; j++)
			csvw_str(w, pk_redacted(pr, pr->cols[j]) ? "" :
			    pr->c[i].fields[j]);
		for (j = 0; j < pk_nscols(pr); j++) {
			const char *col = pk_scol(pr, j, &idx, name,
			    sizeof(name));

			pack_summary_value(&sum[i], (size_t)idx, buf);
			csvw_str(w, pk_redacted(pr, col) ? "" : buf);
		}
		csvw_end(w);
	}
	if (csvw_free(w) == -1)
		return err_set(e, EX_IOERR, "%s: write error", out_name(of));
	return 0;
}
