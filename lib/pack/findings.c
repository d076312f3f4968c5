/*
 * The findings table (one row per record found) and the summary table
 * (one row per case: the case list's columns, then pack_summary's).
 */
#define _GNU_SOURCE
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

	if (pk_redacted(pr, pk_fcols[i]))
		return NULL;
	if (i >= 10 && i <= 13) {
		char col[64];

		snprintf(col, sizeof(col), "%s_%s",
		    pack_subject_name(f->subject), pk_fcols[i] + 7);
		if (pk_redacted(pr, col))
			return NULL;
	}
	switch (i) {
	case 0: return pr->c[f->case_idx].pc.marac_ref;
	case 1: return pack_subject_name(f->subject);
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

void
pk_write_findings(const struct pk_run *pr, struct outfile *of)
{
	struct csvw *w = csvw_new(out_fp(of), ',');
	char buf[32];
	size_t i, j;

	csvw_excel_safe(w, pr->o->excel_safe);
	for (j = 0; j < PK_NFCOLS; j++)
		csvw_str(w, pk_fcols[j]);
	csvw_end(w);
	for (i = 0; i < pr->nf; i++) {
		for (j = 0; j < PK_NFCOLS; j++) {
			const char *v = pk_fvalue(pr, pr->f[i], j, buf);

			csvw_str(w, v != NULL ? v : "");
		}
		csvw_end(w);
	}
	if (csvw_free(w) == -1)
		diag_fatal(EX_IOERR, "%s: write error", out_name(of));
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

void
pk_summarise(const struct pk_run *pr, size_t i, struct pack_summary *s)
{
	const struct pack_finding **f;
	size_t n = pr->first[i + 1] - pr->first[i], j;

	f = xcalloc(n ? n : 1, sizeof(*f));
	for (j = 0; j < n; j++)
		f[j] = &pr->f[pr->first[i] + j]->f;
	pack_summarise(&pr->c[i].pc, f, n, s);
	free(f);
}

void
pk_write_summary(const struct pk_run *pr, struct outfile *of,
    const struct pack_summary *sum)
{
	struct csvw *w = csvw_new(out_fp(of), ',');
	char buf[PACK_TYPES_MAX];
	size_t i, j;

	csvw_excel_safe(w, pr->o->excel_safe);
	for (j = 0; j < pr->ncols; j++)
		csvw_str(w, pr->cols[j]);
	for (j = 0; j < pack_summary_ncols(); j++)
		csvw_str(w, pack_summary_colname(j));
	csvw_end(w);
	for (i = 0; i < pr->n; i++) {
		for (j = 0; j < pr->ncols; j++)
			csvw_str(w, pk_redacted(pr, pr->cols[j]) ? "" :
			    pr->c[i].fields[j]);
		for (j = 0; j < pack_summary_ncols(); j++) {
			pack_summary_value(&sum[i], j, buf);
			csvw_str(w, pk_redacted(pr, pack_summary_colname(j)) ?
			    "" : buf);
		}
		csvw_end(w);
	}
	if (csvw_free(w) == -1)
		diag_fatal(EX_IOERR, "%s: write error", out_name(of));
}
