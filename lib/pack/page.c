/*
 * The HTML pages of a pack: one per case and an index, every value
 * escaped, redacted values marked.  A case's page: the people, the risk
 * flags, the summary in plain words, what the purpose adds (a Clare's
 * Law connection, a court bundle, a nominal's score and victims), the
 * chronology of both people, then the records with how they matched.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"

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

/* What a page calls a case's person s: "victim", "protected person". */
static const char *
who(const struct pk_run *pr, enum pack_subject s)
{
	const char *n = pk_subject(pr, s);

	return strcmp(n, "protected") == 0 ? "protected person" : n;
}

/*
 * Writes a plain label: {V} and {P} are the case's two people, {S} is
 * person s; a label that begins with one reads capitalised.
 */
static void
label(const struct pk_run *pr, FILE *fp, const char *text,
    enum pack_subject s)
{
	char buf[160];
	size_t n = 0;
	const char *p;

	for (p = text; *p != '\0' && n + 40 < sizeof(buf); p++) {
		const char *w = NULL;

		if (p[0] == '{' && p[1] != '\0' && p[2] == '}') {
			w = p[1] == 'V' ? who(pr, PACK_VICTIM) : p[1] == 'P' ?
			    who(pr, PACK_PERPETRATOR) : who(pr, s);
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s", w);
			p += 2;
		} else
			buf[n++] = *p;
	}
	buf[n] = '\0';
	if (buf[0] >= 'a' && buf[0] <= 'z')
		buf[0] = (char)(buf[0] - 'a' + 'A');
	html_puts(fp, buf);
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

/* A case person's name for the index: forename and surname. */
static void
html_person_name(const struct pk_run *pr, FILE *fp, size_t i,
    const char *role)
{
	char col[64];
	const char *fn, *sn;

	snprintf(col, sizeof(col), "%s_forename", role);
	fn = pk_case_value(pr, i, col);
	snprintf(col, sizeof(col), "%s_surname", role);
	sn = pk_case_value(pr, i, col);
	hput(fp, fn);
	if (fn != NULL || sn != NULL) {
		fputc(' ', fp);
		hput(fp, sn);
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
	label(pr, fp, "{S}", subject);
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

/* Plain labels of the summary columns, by pack_summary_value() index. */
static const char *const slabels[] = {
	"Reference date (as of)", "Records listed from",
	"DA crimes, {V} as victim", "DA crimes, {V} as suspect",
	"DA crimes, {P} as suspect", "DA crimes, {P} as victim",
	"DA crimes in the last 3 months", "DA crimes in the 9 months before",
	"Escalating", "Last DA incident", "Sexual offences",
	"Stalking and harassment", "Orders in force",
	"Types of order in force", "Breaches of orders in force",
	"{P} wanted now", "{P} wanted since", "{V} wanted now",
	"{V} wanted since", "Clare's Law requests",
	"Clare's Law disclosures", "Earlier MARACs of the {V}",
	"Last MARAC", "Repeat MARAC (within 12 months)",
	"Earlier MARACs of the {P}", "Records found",
	"Possible matches (not counted)", "Violent crimes",
	"Records naming both", "Application received",
	"Decision due (28 days)", "Days to the decision deadline",
	"Victims", "Last known postcode",
};

/* The run's summary column j: its value (NULL when redacted) in buf,
 * its pack_summary_value() index in *idx. */
static const char *
sval(const struct pk_run *pr, const struct pack_summary *s, size_t j,
    int *idx, char *buf)
{
	char name[64];
	const char *col = pk_scol(pr, j, idx, name, sizeof(name));

	pack_summary_value(s, (size_t)*idx, buf);
	return pk_redacted(pr, col) ? NULL : buf;
}

/* The value of summary column idx: NULL when redacted, "" when the run
 * does not show it. */
static const char *
sidx(const struct pk_run *pr, const struct pack_summary *s, int idx,
    char *buf)
{
	size_t j;
	int k;

	for (j = 0; j < pk_nscols(pr); j++)
		if (pr->pp->cols[j] == idx)
			return sval(pr, s, j, &k, buf);
	return "";
}

/* The value of summary column idx if the run shows it, unredacted and
 * not empty; NULL otherwise. */
static const char *
sget(const struct pk_run *pr, const struct pack_summary *s, int idx,
    char *buf)
{
	const char *v = sidx(pr, s, idx, buf);

	return v != NULL && *v != '\0' ? v : NULL;
}

/* Writes one flag: label, then the text of the summary columns
 * a and b (each skipped when absent).  Returns 1. */
static int
flag(const struct pk_run *pr, FILE *fp, const char *text,
    const struct pack_summary *s, int a, int b)
{
	char buf[PACK_TYPES_MAX];
	const char *v;

	fputs("<li>", fp);
	label(pr, fp, text, PACK_VICTIM);
	if (a >= 0 && (v = sget(pr, s, a, buf)) != NULL) {
		fputs(": ", fp);
		html_puts(fp, v);
	}
	if (b >= 0 && (v = sget(pr, s, b, buf)) != NULL) {
		fputs(b == PACK_COL_DAYS_LEFT ? ", days left: " :
		    b == 14 ? "; breaches: " : b == 16 || b == 18 ? ", since " :
		    b == 22 ? ", the last on " : b == 20 ? "; disclosed: " :
		    b == 7 ? "; in the 9 months before: " : ", ", fp);
		html_puts(fp, v);
	}
	fputs("</li>\n", fp);
	return 1;
}

/* Whether summary column idx reads non-zero (not N, 0 or empty). */
static int
set(const struct pk_run *pr, const struct pack_summary *s, int idx)
{
	char buf[PACK_TYPES_MAX];
	const char *v = sget(pr, s, idx, buf);

	return v != NULL && strcmp(v, "0") != 0 && strcmp(v, "N") != 0;
}

/* Counter-allegations: confirmed records with the roles reversed. */
static size_t
reversed(const struct pk_run *pr, size_t i)
{
	size_t k, n = 0;

	for (k = pr->first[i]; k < pr->first[i + 1]; k++)
		n += !pr->f[k]->f.possible &&
		    strstr(pr->f[k]->f.note, " recorded as ") != NULL;
	return n;
}

/*
 * A request already decided (its decision_date set, not redacted):
 * writes "Decided on DATE (N days after receipt, within the 28 days)",
 * or "over the 28 days", and returns 1; returns 0 otherwise.
 */
static int
decided(const struct pk_run *pr, FILE *fp, size_t i,
    const struct pack_summary *s)
{
	const char *v = pk_case_value(pr, i, "decision_date");
	char buf[96];
	int32_t d;
	long days;

	if (v == NULL || *v == '\0' || pk_opt_date(v, &d) != 0 ||
	    d == PACK_NODATE || s->received == PACK_NODATE)
		return 0;
	days = (long)d - s->received;
	fputs("<li>Decided on ", fp);
	html_puts(fp, v);
	snprintf(buf, sizeof(buf), " (%ld day%s after receipt, %s the 28 "
	    "days)", days, days == 1 || days == -1 ? "" : "s",
	    days <= 28 ? "within" : "over");
	html_puts(fp, buf);
	fputs("</li>\n", fp);
	return 1;
}

/* The risk flags at the top of a case's page. */
static void
html_flags(const struct pk_run *pr, FILE *fp, size_t i,
    const struct pack_summary *s)
{
	char buf[64];
	size_t nrev = reversed(pr, i);
	int n = 0;

	fputs("<h2>Risk flags</h2>\n<ul class=\"flags\">\n", fp);
	if (set(pr, s, PACK_COL_DEADLINE))
		n += decided(pr, fp, i, s) ? 1 : flag(pr, fp, "Decision due", s,
		    PACK_COL_DEADLINE, PACK_COL_DAYS_LEFT);
	if (set(pr, s, 8))
		n += flag(pr, fp, "Escalating: DA crimes in the last 3 "
		    "months", s, 6, 7);
	if (set(pr, s, 12))
		n += flag(pr, fp, "Orders in force", s, 12, 14);
	if (set(pr, s, 13))
		n += flag(pr, fp, "Types of order in force", s, 13, -1);
	if (set(pr, s, 15))
		n += flag(pr, fp, "{P} wanted now", s, -1, 16);
	if (set(pr, s, 17))
		n += flag(pr, fp, "{V} wanted now", s, -1, 18);
	if (nrev > 0) {
		snprintf(buf, sizeof(buf), "%zu", nrev);
		fputs("<li>Counter-allegations: records with the roles "
		    "reversed (see the notes): ", fp);
		html_puts(fp, buf);
		fputs("</li>\n", fp);
		n++;
	}
	if (set(pr, s, 21))
		n += flag(pr, fp, "Earlier MARACs of the {V}", s, 21, 22);
	if (set(pr, s, 23))
		n += flag(pr, fp, "Repeat MARAC (within 12 months)", s, -1,
		    -1);
	if (set(pr, s, 24))
		n += flag(pr, fp, "Earlier MARACs of the {P}", s, 24, -1);
	if (set(pr, s, 19))
		n += flag(pr, fp, "Clare's Law requests", s, 19, 20);
	if (set(pr, s, 10))
		n += flag(pr, fp, "Sexual offences", s, 10, -1);
	if (set(pr, s, 11))
		n += flag(pr, fp, "Stalking and harassment", s, 11, -1);
	if (n == 0)
		fputs("<li>None of these found.</li>\n", fp);
	fputs("</ul>\n", fp);
}

/* The summary with plain labels, two to a row. */
static void
html_summary(const struct pk_run *pr, FILE *fp,
    const struct pack_summary *s)
{
	char buf[PACK_TYPES_MAX];
	size_t j, n = pk_nscols(pr);
	int idx;

	fputs("<h2>Summary</h2>\n<table class=\"kv\">\n<tbody>\n", fp);
	for (j = 0; j < n; j++) {
		const char *v = sval(pr, s, j, &idx, buf);

		fputs(j % 2 ? "" : "<tr>", fp);
		fputs("<th>", fp);
		label(pr, fp, slabels[idx], PACK_VICTIM);
		fputs("</th>", fp);
		td(fp, v);
		fputs(j % 2 || j + 1 == n ? "</tr>\n" : "", fp);
	}
	fputs("</tbody>\n</table>\n", fp);
}

/* Orders findings newest first (undated last), then by source, record
 * and person: the findings of one record sit together. */
static int
by_date(const void *a, const void *b)
{
	const struct pack_finding *x = &(*(const struct pk_fnd *const *)a)->f;
	const struct pack_finding *y = &(*(const struct pk_fnd *const *)b)->f;
	int d;

	if (x->date != y->date)		/* PACK_NODATE is the least */
		return x->date > y->date ? -1 : 1;
	if (x->source != y->source)
		return x->source < y->source ? -1 : 1;
	if ((d = strcmp(x->record_ref, y->record_ref)) != 0)
		return d;
	if (x->subject != y->subject)
		return x->subject < y->subject ? -1 : 1;
	return strcmp(x->role, y->role);
}

/* One row of a chronology: the n findings g of one record; num > 0
 * numbers the row. */
static void
chron_row(const struct pk_run *pr, FILE *fp, struct pk_fnd *const *g,
    size_t n, size_t num)
{
	static const int c_date[] = { 4, -1 }, c_src[] = { 2, -1 },
	    c_ref[] = { 3, -1 }, c_what[] = { 7, 6, -1 },
	    c_dec[] = { 8, -1 }, c_note[] = { 9, -1 };
	char buf[32];
	size_t k;
	int both = n > 1 && g[0]->f.subject != g[n - 1]->f.subject;

	fputs("<tr>", fp);
	if (num > 0)
		fprintf(fp, "<td>%zu</td>", num);
	cell(pr, fp, g[0], c_date, "", "date");
	fputs("<td>", fp);
	if (both)
		fputs("both", fp);
	else
		label(pr, fp, "{S}", g[0]->f.subject);
	fputs("</td>", fp);
	cell(pr, fp, g[0], c_src, "", NULL);
	cell(pr, fp, g[0], c_ref, "", NULL);
	fputs("<td>", fp);
	for (k = 0; k < n; k++) {
		if (k > 0)
			fputs("; ", fp);
		if (both) {
			label(pr, fp, "{S}", g[k]->f.subject);
			fputs(": ", fp);
		}
		hput(fp, pk_fvalue(pr, g[k], 5, buf));
	}
	fputs("</td>", fp);
	cell(pr, fp, g[0], c_what, "; ", NULL);
	cell(pr, fp, g[0], c_dec, "", NULL);
	cell(pr, fp, g[both ? 1 : 0], c_note, "", NULL);
	fputs("</tr>\n", fp);
}

/* Which records a chronology lists. */
enum chron {
	CH_ALL,			/* every one, newest first */
	CH_BOTH,		/* those naming both people, newest first */
	CH_BUNDLE		/* a court bundle's: see wanted(), oldest
				   first, numbered */
};

/* Whether a record's findings g belong in a chronology: found for both
 * people, and for a court bundle an order or a stalking or harassment
 * crime. */
static int
wanted(struct pk_fnd *const *g, size_t n, enum chron what)
{
	const struct pack_finding *f = &g[0]->f;

	if (what == CH_ALL)
		return 1;
	if (n < 2 || g[0]->f.subject == g[n - 1]->f.subject)
		return 0;
	return what == CH_BOTH || f->source == PACK_ORDER ||
	    (f->source == PACK_CRIME &&
	    (strcmp(f->offence_group, "stalking") == 0 ||
	    strcmp(f->offence_group, "harassment") == 0));
}

/*
 * A case's confirmed findings as one chronology, a record found for both
 * people on one row, the records of what (enum chron).  Returns the
 * number of rows.
 */
static size_t
html_chronology(const struct pk_run *pr, FILE *fp, size_t i,
    enum chron what)
{
	int between = what == CH_BUNDLE;
	size_t lo = pr->first[i], hi = pr->first[i + 1], n = 0, j, k, rows;
	size_t ng = 0, *gs = xcalloc(hi - lo + 1, sizeof(*gs));
	struct pk_fnd **f = xcalloc(hi - lo + 1, sizeof(*f));

	for (j = lo; j < hi; j++)
		if (!pr->f[j]->f.possible)
			f[n++] = pr->f[j];
	if (n > 1)
		qsort(f, n, sizeof(*f), by_date);
	for (j = 0; j < n; j = k) {	/* the starts of records */
		for (k = j + 1; k < n && f[k]->f.source == f[j]->f.source &&
		    strcmp(f[k]->f.record_ref, f[j]->f.record_ref) == 0; k++)
			;
		if (wanted(f + j, k - j, what))
			gs[ng++] = j;
	}
	gs[ng] = n;
	if (ng == 0)
		fputs("<p>None.</p>\n", fp);
	else
		fprintf(fp, "<table class=\"chron\">\n<thead><tr>%s"
		    "<th>date</th><th>person</th><th>source</th>"
		    "<th>record</th><th>role</th><th>detail; offence group"
		    "</th><th>decision</th><th>note</th></tr></thead>\n"
		    "<tbody>\n", between ? "<th>no.</th>" : "");
	for (rows = 0; rows < ng; rows++) {
		size_t g = between ? ng - 1 - rows : rows;
		size_t end = j = gs[g];

		while (end < n && f[end]->f.source == f[j]->f.source &&
		    strcmp(f[end]->f.record_ref, f[j]->f.record_ref) == 0)
			end++;
		chron_row(pr, fp, f + j, end - j, between ? rows + 1 : 0);
	}
	if (ng > 0)
		fputs("</tbody>\n</table>\n", fp);
	free(gs);
	free(f);
	return ng;
}

/* The nominal's score and its parts, from vawg-rank's columns. */
static void
html_score(const struct pk_run *pr, FILE *fp, size_t i)
{
	static const char *const cols[][2] = {
		{ "rank", "Rank" }, { "score", "Score" },
		{ "recency_points", "Recency points" },
		{ "frequency_points", "Frequency points" },
		{ "harm_points", "Harm points" },
		{ "victim_points", "Victim points" },
		{ "order_breach_points", "Order breach points" },
		{ "wanted_points", "Wanted points" },
		{ "offence_count", "Offences" },
		{ "da_offence_count", "DA offences" },
		{ "harm_days", "Harm (days)" },
		{ "last_offence_date", "Last offence" },
		{ "flags", "Flags" }, { "previous_rank", "Rank last time" },
		{ "rank_change", "Places moved up" },
		{ "movement", "Movement since the last list" },
	};
	size_t j, n = 0;

	fputs("<h2>Score and its parts</h2>\n<table class=\"kv\">\n<tbody>\n",
	    fp);
	for (j = 0; j < sizeof(cols) / sizeof(cols[0]); j++) {
		const char *v = pk_case_value(pr, i, cols[j][0]);

		if (v != NULL && *v == '\0')
			continue;
		fputs(n % 2 ? "" : "<tr>", fp);
		fputs("<th>", fp);
		html_puts(fp, cols[j][1]);
		fputs("</th>", fp);
		td(fp, v);
		fputs(n++ % 2 ? "</tr>\n" : "", fp);
	}
	fputs(n % 2 ? "</tr>\n" : "", fp);
	fputs("</tbody>\n</table>\n", fp);
}

/* The nominal's victims by name (names redacted: a count only). */
static void
html_victims(const struct pk_run *pr, FILE *fp, size_t i)
{
	struct pk_fnd **v;
	size_t n = pk_victims(pr, i, &v), j;
	int hide = pk_redacted(pr, "record_forename") ||
	    pk_redacted(pr, "record_surname") ||
	    pk_redacted(pr, "victim_forename");

	fprintf(fp, "<h2>Victims (%zu)</h2>\n", n);
	if (n > 0 && !hide) {
		fputs("<ul class=\"victims\">\n", fp);
		for (j = 0; j < n; j++) {
			fputs("<li>", fp);
			html_puts(fp, v[j]->other[0]);
			fputc(' ', fp);
			html_puts(fp, v[j]->other[1]);
			if (*v[j]->other[2] != '\0' &&
			    !pk_redacted(pr, "record_dob")) {
				fputs(", born ", fp);
				html_puts(fp, v[j]->other[2]);
			}
			fputs(" (", fp);
			html_puts(fp, v[j]->f.record_ref);
			fputs(")</li>\n", fp);
		}
		fputs("</ul>\n", fp);
	} else if (n > 0)
		fputs("<p>Names " REDACTED ".</p>\n", fp);
	free(v);
}

/* What a case list row says of the case, by purpose: label, column. */
static const char *const facts[PACK_NFOR][6][2] = {
	{ { "Meeting", "meeting_date" }, { "Referred", "referral_date" },
	  { "DASH score", "dash_score" }, { "Risk level", "risk_level" } },
	{ { "Received", "received_date" }, { "Route", "route" },
	  { "Channel", "channel" }, { "Decision", "decision" },
	  { "Decided", "decision_date" } },
	{ { "Order type", "order_type" }, { "Applied", "applied_date" },
	  { "Decision", "decision" }, { "Granted", "granted_date" },
	  { "Expires", "expiry_date" } },
	{ { NULL, NULL } },
};

/* The page's head: the people, and the case list's facts. */
static void
html_head(const struct pk_run *pr, FILE *fp, size_t i)
{
	const char *const (*fc)[2] = facts[pr->pp->id];
	size_t j;
	int s;

	fputs("<table class=\"kv\">\n<tbody>\n", fp);
	for (s = 0; s < 2; s++) {
		if (pr->role[s] == NULL)
			continue;
		fputs("<tr><th>", fp);
		label(pr, fp, "{S}", (enum pack_subject)s);
		fputs("</th><td>", fp);
		html_person(pr, fp, i, pr->role[s]);
		fputs("</td></tr>\n", fp);
	}
	for (j = 0; j < 6 && fc[j][0] != NULL; j++) {
		const char *v = pk_case_value(pr, i, fc[j][1]);

		if (v != NULL && *v == '\0')
			continue;
		fputs("<tr><th>", fp);
		html_puts(fp, fc[j][0]);
		fputs("</th>", fp);
		td(fp, v);
		fputs("</tr>\n", fp);
	}
	fputs("</tbody>\n</table>\n", fp);
}

/* The marking line at the top of a page. */
static void
html_marking(const struct pk_run *pr, FILE *fp)
{
	fputs("<p class=\"marking\">", fp);
	html_puts(fp, pr->o->marking);
	fputs(": ", fp);
	html_puts(fp, pr->pp->title);
	fputs(". ", fp);
	html_puts(fp, pr->pp->share);
	fputs("</p>\n", fp);
}

/* The reference of case i on a page: its position when redacted. */
static const char *
case_ref(const struct pk_run *pr, size_t i, char *buf, size_t size)
{
	const char *ref = pk_case_value(pr, i, pr->key);

	if (ref != NULL)
		return ref;
	snprintf(buf, size, "case %zu " REDACTED, i + 1);
	return buf;
}

/* What the purpose adds to a page before the chronology. */
static void
html_purpose(const struct pk_run *pr, FILE *fp, size_t i)
{
	switch (pr->pp->id) {
	case PACK_FOR_DVDS:
		fputs("<h2>Connection between the applicant and the subject"
		    "</h2>\n<p class=\"note\">Records naming both, newest "
		    "first.</p>\n", fp);
		(void)html_chronology(pr, fp, i, CH_BOTH);
		break;
	case PACK_FOR_SPO:
		fputs("<h2>Court bundle: stalking and harassment, orders "
		    "and breaches between them</h2>\n<p class=\"note\">Oldest "
		    "first, as the bundle lists them.</p>\n", fp);
		(void)html_chronology(pr, fp, i, CH_BUNDLE);
		break;
	case PACK_FOR_NOMINAL:
		html_score(pr, fp, i);
		html_victims(pr, fp, i);
		break;
	default:
		break;
	}
}

void
pk_html_case(const struct pk_run *pr, FILE *fp, size_t i,
    const struct pack_summary *s, const char *stamp)
{
	char title[256], ref[64];
	size_t j, lo = pr->first[i], hi = pr->first[i + 1];

	snprintf(title, sizeof(title), "%s %s", pr->pp->title,
	    case_ref(pr, i, ref, sizeof(ref)));
	html_begin_marked(fp, title, pr->o->marking);
	html_marking(pr, fp);
	fputs("<h1>", fp);
	html_puts(fp, title);
	fputs("</h1>\n<p class=\"note\">", fp);
	/* At the top: at the foot it printed alone on a last sheet. */
	html_puts(fp, stamp);
	fputs("</p>\n", fp);
	html_head(pr, fp, i);
	html_flags(pr, fp, i, s);
	html_summary(pr, fp, s);
	html_purpose(pr, fp, i);
	fputs("<h2>Chronology: both people, every source, newest first"
	    "</h2>\n", fp);
	(void)html_chronology(pr, fp, i, CH_ALL);
	fputs("<h2>Records found, with how they matched</h2>\n", fp);
	for (j = 0; j < 2; j++)
		if (pr->role[j] != NULL)
			html_findings(pr, fp, lo, hi, (enum pack_subject)j, 0);
	fputs("<h2>Possible matches: check before relying on them</h2>\n",
	    fp);
	for (j = 0; j < 2; j++)
		if (pr->role[j] != NULL)
			html_findings(pr, fp, lo, hi, (enum pack_subject)j, 1);
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
	html_end(fp);
}

/* The index's columns by purpose: case list columns, then summary
 * columns (pack_summary_value() indices, -1 ends). */
static const char *const icols[PACK_NFOR][4] = {
	{ "meeting_date", "dash_score", "risk_level", NULL },
	{ "received_date", "route", NULL },
	{ "order_type", "applied_date", NULL },
	{ "score", "movement", NULL },
};
static const int iscols[PACK_NFOR][8] = {
	{ 8, 12, 15, 23, 25, 26, -1 },
	{ PACK_COL_DEADLINE, 4, 12, 15, 19, 28, 25, -1 },
	{ 11, 28, 12, 14, 25, 26, -1 },
	{ 4, 27, PACK_COL_VICTIMS, 12, 15, 25, -1 },
};

/* The index's heading row. */
static void
index_head(const struct pk_run *pr, FILE *fp)
{
	const int *sc = iscols[pr->pp->id];
	size_t j;
	int s;

	fputs("<table>\n<thead><tr><th>", fp);
	html_puts(fp, pr->key);
	fputs("</th>", fp);
	for (s = 0; s < 2; s++)
		if (pr->role[s] != NULL) {
			fputs("<th>", fp);
			label(pr, fp, "{S}", (enum pack_subject)s);
			fputs("</th>", fp);
		}
	for (j = 0; icols[pr->pp->id][j] != NULL; j++) {
		fputs("<th>", fp);
		html_puts(fp, icols[pr->pp->id][j]);
		fputs("</th>", fp);
	}
	for (j = 0; sc[j] >= 0; j++) {
		fputs("<th>", fp);
		label(pr, fp, slabels[sc[j]], PACK_VICTIM);
		fputs("</th>", fp);
	}
	fputs("</tr></thead>\n<tbody>\n", fp);
}

void
pk_html_index(const struct pk_run *pr, FILE *fp,
    const struct pack_summary *sum, const char *stamp)
{
	const int *sc = iscols[pr->pp->id];
	char buf[PACK_TYPES_MAX], ref[64], title[128];
	size_t i, j;
	int s;

	snprintf(title, sizeof(title), "%ss", pr->pp->title);
	html_begin_marked(fp, title, pr->o->marking);
	html_marking(pr, fp);
	fputs("<h1>", fp);
	html_puts(fp, title);
	fputs("</h1>\n", fp);
	index_head(pr, fp);
	for (i = 0; i < pr->n; i++) {
		fputs("<tr><td><a href=\"", fp);
		html_puts(fp, pr->c[i].page);
		fputs("\">", fp);
		html_puts(fp, case_ref(pr, i, ref, sizeof(ref)));
		fputs("</a></td>", fp);
		for (s = 0; s < 2; s++)
			if (pr->role[s] != NULL) {
				fputs("<td>", fp);
				html_person_name(pr, fp, i, pr->role[s]);
				fputs("</td>", fp);
			}
		for (j = 0; icols[pr->pp->id][j] != NULL; j++)
			td(fp, pk_case_value(pr, i, icols[pr->pp->id][j]));
		for (j = 0; sc[j] >= 0; j++) {
			td(fp, sidx(pr, &sum[i], sc[j], buf));
		}
		fputs("</tr>\n", fp);
	}
	fputs("</tbody>\n</table>\n<p class=\"note\">", fp);
	html_puts(fp, stamp);
	fputs("</p>\n", fp);
	html_end(fp);
}
