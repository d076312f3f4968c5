/*
 * The HTML pages of a pack: one per case and an index, every value
 * escaped, redacted values marked.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>

#include "pack/html.h"
#include "pack/run_int.h"

/* What a redacted value reads as on a page. */
#define REDACTED "[redacted]"

/* A case list value by column name: "" when absent, NULL when redacted. */
const char *
pk_case_value(const struct pk_run *pr, size_t i, const char *col)
{
	size_t j;

	for (j = 0; j < pr->ncols; j++)
		if (strcmp(pr->cols[j], col) == 0)
			return pk_redacted(pr, col) ? NULL :
			    pr->c[i].fields[j];
	return "";
}

/* A value on a page: NULL (redacted) reads [redacted]. */
static void
hput(FILE *fp, const char *s)
{
	html_puts(fp, s != NULL ? s : REDACTED);
}

static void
td(FILE *fp, const char *s)
{
	fputs("<td>", fp);
	hput(fp, s);
	fputs("</td>", fp);
}

static void
html_person(const struct pk_run *pr, FILE *fp, size_t i, const char *role)
{
	static const char *const parts[] = {
		"forename", "surname", "dob", "pnc", "postcode", "id"
	};
	const char *v[sizeof(parts) / sizeof(parts[0])];
	char col[64];
	size_t k;
	int any = 0;

	for (k = 0; k < sizeof(parts) / sizeof(parts[0]); k++) {
		snprintf(col, sizeof(col), "%s_%s", role, parts[k]);
		v[k] = pk_case_value(pr, i, col);
	}
	/* A redacted name reads "name [redacted]", not two markers. */
	if (v[0] == NULL && v[1] == NULL) {
		fputs("name " REDACTED, fp);
		any = 1;
		k = 2;
	} else
		k = 0;
	for (; k < sizeof(parts) / sizeof(parts[0]); k++) {
		if (v[k] != NULL && *v[k] == '\0')
			continue;
		if (any++)
			fputs(k == 1 ? " " : ", ", fp);
		if (k >= 2) {
			html_puts(fp, parts[k]);
			fputc(' ', fp);
		}
		hput(fp, v[k]);
	}
}

/* Writes findings columns a, b ... (indices into pk_fcols, -1 ends) of x
 * into one cell, separated by sep, skipping empty values; redacted
 * values next to each other read as one [redacted]. */
static void
cell(const struct pk_run *pr, FILE *fp, const struct pk_fnd *x,
    const int *cols, const char *sep, const char *cls)
{
	char buf[32];
	int any = 0, hidden = 0;

	if (cls != NULL)
		fprintf(fp, "<td class=\"%s\">", cls);
	else
		fputs("<td>", fp);
	for (; *cols >= 0; cols++) {
		const char *v = pk_fvalue(pr, x, (size_t)*cols, buf);

		if (v != NULL && *v == '\0')
			continue;
		if (v == NULL && hidden)
			continue;
		hidden = v == NULL;
		if (any++)
			fputs(sep, fp);
		hput(fp, v);
	}
	fputs("</td>", fp);
}

/*
 * One table of a case's findings for one person, confirmed or possible.
 * Cells group columns of the findings CSV so that a page fits A4.
 */
static void
html_findings(const struct pk_run *pr, FILE *fp, size_t lo, size_t hi,
    enum pack_subject subject, int possible)
{
	static const int c_src[] = { 2, -1 }, c_ref[] = { 3, -1 },
	    c_date[] = { 4, -1 }, c_role[] = { 5, -1 },
	    c_what[] = { 7, 6, -1 }, c_dec[] = { 8, -1 }, c_note[] = { 9, -1 },
	    c_as[] = { 10, 11, 12, 13, -1 }, c_match[] = { 15, 14, -1 };
	size_t i, n = 0;

	for (i = lo; i < hi; i++)
		if (pr->f[i]->f.possible == possible &&
		    pr->f[i]->f.subject == subject)
			n++;
	fputs("<h3>", fp);
	html_puts(fp, subject == PACK_VICTIM ? "Victim" : "Perpetrator");
	fprintf(fp, " (%zu)</h3>\n", n);
	if (n == 0) {
		fputs("<p>None.</p>\n", fp);
		return;
	}
	fprintf(fp, "<table class=\"findings%s\">\n<thead><tr>"
	    "<th>source</th><th>record</th><th>date</th>"
	    "<th>role</th><th>detail; offence group</th>"
	    "<th>decision</th><th>note</th><th>as recorded</th>"
	    "<th>match basis; weight</th></tr></thead>\n<tbody>\n",
	    possible ? " possible" : "");
	for (i = lo; i < hi; i++) {
		const struct pk_fnd *x = pr->f[i];

		if (x->f.possible != possible || x->f.subject != subject)
			continue;
		fputs("<tr>", fp);
		cell(pr, fp, x, c_src, "", NULL);
		cell(pr, fp, x, c_ref, "", NULL);
		cell(pr, fp, x, c_date, "", "date");
		cell(pr, fp, x, c_role, "", NULL);
		cell(pr, fp, x, c_what, "; ", NULL);
		cell(pr, fp, x, c_dec, "", NULL);
		cell(pr, fp, x, c_note, "", NULL);
		cell(pr, fp, x, c_as, " ", NULL);
		cell(pr, fp, x, c_match, "; ", "basis");
		fputs("</tr>\n", fp);
	}
	fputs("</tbody>\n</table>\n", fp);
}

static const char marking[] =
    "<p class=\"marking\">OFFICIAL-SENSITIVE: MARAC research pack. "
    "Share only with the MARAC and as its information-sharing "
    "agreement allows.</p>\n";

/* The reference of case i on a page: its position when redacted. */
static const char *
case_ref(const struct pk_run *pr, size_t i, char *buf, size_t size)
{
	const char *ref = pk_case_value(pr, i, "marac_ref");

	if (ref != NULL)
		return ref;
	snprintf(buf, size, "case %zu " REDACTED, i + 1);
	return buf;
}

void
pk_html_case(const struct pk_run *pr, FILE *fp, size_t i,
    const struct pack_summary *s, const char *stamp)
{
	char title[256], ref[64], buf[PACK_TYPES_MAX];
	const char *risk;
	size_t j, lo = pr->first[i], hi = pr->first[i + 1];

	snprintf(title, sizeof(title), "MARAC research pack %s",
	    case_ref(pr, i, ref, sizeof(ref)));
	html_begin(fp, title);
	fputs(marking, fp);
	fputs("<h1>", fp);
	html_puts(fp, title);
	fputs("</h1>\n<table class=\"kv\">\n<tbody>\n"
	    "<tr><th>Victim</th><td>", fp);
	html_person(pr, fp, i, "victim");
	fputs("</td></tr>\n<tr><th>Perpetrator</th><td>", fp);
	html_person(pr, fp, i, "perpetrator");
	fputs("</td></tr>\n<tr><th>Meeting</th><td>", fp);
	hput(fp, pk_case_value(pr, i, "meeting_date"));
	fputs("</td></tr>\n<tr><th>DASH score, risk</th><td>", fp);
	hput(fp, pk_case_value(pr, i, "dash_score"));
	risk = pk_case_value(pr, i, "risk_level");
	if (risk == NULL || *risk != '\0') {
		fputs(", ", fp);
		hput(fp, risk);
	}
	fputs("</td></tr>\n</tbody>\n</table>\n", fp);
	fputs("<h2>Summary</h2>\n<table class=\"kv\">\n<tbody>\n", fp);
	for (j = 0; j < pack_summary_ncols(); j++) {
		const char *col = pack_summary_colname(j);

		pack_summary_value(s, j, buf);
		fputs(j % 2 ? "" : "<tr>", fp);
		fputs("<th>", fp);
		html_puts(fp, col);
		fputs("</th>", fp);
		td(fp, pk_redacted(pr, col) ? NULL : buf);
		fputs(j % 2 || j + 1 == pack_summary_ncols() ? "</tr>\n" : "",
		    fp);
	}
	fputs("</tbody>\n</table>\n<h2>Records found</h2>\n", fp);
	html_findings(pr, fp, lo, hi, PACK_VICTIM, 0);
	html_findings(pr, fp, lo, hi, PACK_PERPETRATOR, 0);
	fputs("<h2>Possible matches: check before relying on them</h2>\n",
	    fp);
	html_findings(pr, fp, lo, hi, PACK_VICTIM, 1);
	html_findings(pr, fp, lo, hi, PACK_PERPETRATOR, 1);
	fputs("<h2>Case list entry</h2>\n<table class=\"kv\">\n<tbody>\n",
	    fp);
	for (j = 0; j < pr->ncols; j++) {
		fputs(j % 2 ? "" : "<tr>", fp);
		fputs("<th>", fp);
		html_puts(fp, pr->cols[j]);
		fputs("</th>", fp);
		td(fp, pk_redacted(pr, pr->cols[j]) ? NULL :
		    pr->c[i].fields[j]);
		fputs(j % 2 || j + 1 == pr->ncols ? "</tr>\n" : "", fp);
	}
	fputs("</tbody>\n</table>\n", fp);
	fputs("<p class=\"note\">", fp);
	html_puts(fp, stamp);
	fputs("</p>\n", fp);
	html_end(fp);
}

void
pk_html_index(const struct pk_run *pr, FILE *fp,
    const struct pack_summary *sum, const char *stamp)
{
	static const char *const ccols[] = {
		"meeting_date", "victim_forename", "victim_surname",
		"perpetrator_forename", "perpetrator_surname", "dash_score",
		"risk_level"
	};
	static const size_t scols[] = { 8, 12, 15, 23, 25, 26 };
	char buf[PACK_TYPES_MAX], ref[64];
	size_t i, j;

	html_begin(fp, "MARAC research packs");
	fputs(marking, fp);
	fputs("<h1>MARAC research packs</h1>\n<table>\n<thead><tr>"
	    "<th>marac_ref</th>", fp);
	for (j = 0; j < sizeof(ccols) / sizeof(ccols[0]); j++) {
		fputs("<th>", fp);
		html_puts(fp, ccols[j]);
		fputs("</th>", fp);
	}
	for (j = 0; j < sizeof(scols) / sizeof(scols[0]); j++) {
		fputs("<th>", fp);
		html_puts(fp, pack_summary_colname(scols[j]));
		fputs("</th>", fp);
	}
	fputs("</tr></thead>\n<tbody>\n", fp);
	for (i = 0; i < pr->n; i++) {
		fputs("<tr><td><a href=\"", fp);
		html_puts(fp, pr->c[i].page);
		fputs("\">", fp);
		html_puts(fp, case_ref(pr, i, ref, sizeof(ref)));
		fputs("</a></td>", fp);
		for (j = 0; j < sizeof(ccols) / sizeof(ccols[0]); j++)
			td(fp, pk_case_value(pr, i, ccols[j]));
		for (j = 0; j < sizeof(scols) / sizeof(scols[0]); j++) {
			const char *col = pack_summary_colname(scols[j]);

			pack_summary_value(&sum[i], scols[j], buf);
			td(fp, pk_redacted(pr, col) ? NULL : buf);
		}
		fputs("</tr>\n", fp);
	}
	fputs("</tbody>\n</table>\n<p class=\"note\">", fp);
	html_puts(fp, stamp);
	fputs("</p>\n", fp);
	html_end(fp);
}
