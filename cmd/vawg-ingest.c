/*
 * vawg-ingest: turns a raw export (any delimiter, CRLF, BOM, CP1252 or
 * UTF-8, the source system's own column names and date formats) into
 * canonical CSV of one record kind, and accounts for every row: each is
 * either written or rejected, byte for byte, with its line and reasons.
 *
 * usage: vawg-ingest [--aliases] [--excel-safe] [--strict]
 *            [--strict-fields] [-d delim]
 *            [--as-of date]
 *            [--date-order dmy|mdy] [--encoding enc] [-k kind] [-m map]
 *            [-o file] [--offences file] [--outcomes file]
 *            [--profile name] [-r rejects] [--ref-pattern re] [file ...]
 */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kinds/classify.h"
#include "core/cli.h"
#include "kinds/schema.h"
#include "core/csvio.h"
#include "core/dateparse.h"
#include "core/dates.h"
#include "core/diag.h"
#include "core/encoding.h"
#include "core/hmap.h"
#include "kinds/ident.h"
#include "persons/normalize.h"
#include "core/outfile.h"

static const char synopsis[] =
    "vawg-ingest [--aliases] [--excel-safe] [--strict] [--strict-fields] "
    "[-d delim] "
    "[--as-of date] "
    "[--date-order dmy|mdy] [--encoding enc] [-k kind] [-m map] [-o file] "
    "[--every-outcome] [--offences file] [--outcomes file] [--profile name] "
    "[-r rejects] "
    "[--ref-pattern re] [file ...]";

static const char help[] =
    "  -k, --kind KIND        crime, wanted, order, marac, disclosure,\n"
    "                         engagement or population\n"
    "  -m, --map FILE         column map: lines \"canonical = Source Header\"\n"
    "  -r, --rejects FILE     write rejected rows there, as they were, with\n"
    "                         reject_file, reject_line, reject_reasons\n"
    "  -d, --delimiter C      field delimiter (default: sniffed , TAB ; |)\n"
    "      --encoding ENC     auto (default), utf-8, cp1252 or latin1\n"
    "      --date-order ORD   dmy (default) or mdy for dd/mm versus mm/dd\n"
    "      --as-of DATE       dates after DATE are rejected (default today)\n"
    "      --ref-pattern RE   the reference column must match RE (PCRE2)\n"
    "      --offences FILE    offence code table (code,offence_group,vawg,\n"
    "                         description)\n"
    "      --outcomes FILE    outcome table (code,outcome_group,description)\n"
    "      --profile NAME     police-uk-street or police-uk-outcomes\n"
    "                         (outcomes: one row per Crime ID, its latest\n"
    "                         outcome by month; a charge or court result\n"
    "                         is never replaced by a later outcome of\n"
    "                         another kind; repeated rows once)\n"
    "      --every-outcome    police-uk-outcomes: every row as published\n"
    "      --aliases          print the kind's columns and spellings, exit\n"
    "  -o, --output FILE      write FILE (mode 0600) instead of stdout\n"
    "      --excel-safe       neutralise fields a spreadsheet would run\n"
    "                         (= + - @ TAB CR first: '= quoted); rejected\n"
    "                         rows stay as they came\n"
    "      --strict           stop at the first rejected row, exit 65\n"
    "      --strict-fields    reject a row for a bad value in any field,\n"
    "                         not only for a record fault (no reference,\n"
    "                         no usable key date, wrong field count,\n"
    "                         undecodable bytes); default: blank the value\n"
    "                         and name it in quality_flags\n"
    "      --mode MODE        mode of created files (default 0600)\n"
    "  -h, --help             this help\n"
    "      --version          version\n"
    "\n"
    "Memory: one record at a time, plus the distinct reject reasons;\n"
    "police-uk-outcomes: plus one row per distinct Crime ID.\n";

enum {
	OPT_ENCODING = CLI_OPT_FIRST_FREE,
	OPT_DATE_ORDER,
	OPT_AS_OF,
	OPT_REF_PATTERN,
	OPT_OFFENCES,
	OPT_OUTCOMES,
	OPT_PROFILE,
	OPT_ALIASES,
	OPT_STRICT_FIELDS,
	OPT_EVERY_OUTCOME,
};

static const struct option longopts[] = {
	CLI_LONGOPTS,
	CLI_EXCEL_LONGOPTS,
	{ "kind", required_argument, NULL, 'k' },
	{ "map", required_argument, NULL, 'm' },
	{ "rejects", required_argument, NULL, 'r' },
	{ "delimiter", required_argument, NULL, 'd' },
	{ "encoding", required_argument, NULL, OPT_ENCODING },
	{ "date-order", required_argument, NULL, OPT_DATE_ORDER },
	{ "as-of", required_argument, NULL, OPT_AS_OF },
	{ "ref-pattern", required_argument, NULL, OPT_REF_PATTERN },
	{ "offences", required_argument, NULL, OPT_OFFENCES },
	{ "outcomes", required_argument, NULL, OPT_OUTCOMES },
	{ "profile", required_argument, NULL, OPT_PROFILE },
	{ "aliases", no_argument, NULL, OPT_ALIASES },
	{ "strict-fields", no_argument, NULL, OPT_STRICT_FIELDS },
	{ "every-outcome", no_argument, NULL, OPT_EVERY_OUTCOME },
	{ NULL, 0, NULL, 0 }
};

enum profile {
	PROFILE_NONE,
	PROFILE_UKP_STREET,
	PROFILE_UKP_OUTCOMES,
};

/* Extra columns the police.uk profiles write after the crime columns. */
static const char *const ukp_extra[] = { "month", "force", "reported_by",
    "location", "longitude", "latitude", "outcome_desc", "context", "asb" };
#define UKP_NEXTRA (sizeof(ukp_extra) / sizeof(ukp_extra[0]))

/* The police.uk headers (FACTS.md 7.1). */
enum {
	UKP_ID, UKP_MONTH, UKP_REPORTED_BY, UKP_FALLS_WITHIN, UKP_LONG,
	UKP_LAT, UKP_LOCATION, UKP_LSOA_CODE, UKP_LSOA_NAME, UKP_CRIME_TYPE,
	UKP_LAST_OUTCOME, UKP_CONTEXT, UKP_NCOLS,
	UKP_OUTCOME_TYPE = UKP_CRIME_TYPE
};

static const char *const ukp_street_cols[] = { "Crime ID", "Month",
    "Reported by", "Falls within", "Longitude", "Latitude", "Location",
    "LSOA code", "LSOA name", "Crime type", "Last outcome category",
    "Context" };
static const char *const ukp_outcome_cols[] = { "Crime ID", "Month",
    "Reported by", "Falls within", "Longitude", "Latitude", "Location",
    "LSOA code", "LSOA name", "Outcome type" };

#define MAX_REASONS 32
#define SHOW_REJECTS 10

/*
 * A problem found in a row.  A record fault (code NULL) rejects the row;
 * a field fault blanks one value and, unless --strict-fields, is only
 * named in the row's quality_flags as "col:code".
 */
struct reason {
	const char *col;
	const char *problem;	/* words, for the rejects file and stderr */
	const char *code;	/* field faults: the quality_flags reason */
};

struct ingest {
	/* Options. */
	struct cli cli;
	const struct colmap_kind *kind;
	struct colmap_user *map;
	const char *map_path;
	const char *rejects_path;
	struct dateparse_opts dp;
	struct ident_pattern *ref_re;
	enum profile profile;
	enum enc enc;
	int delim;
	int strict_fields;
	int every_outcome;	/* police.uk outcomes: every row, not per crime */
	int per_crime;		/* police.uk outcomes: one row per Crime ID */

	/* Output. */
	struct outfile *out, *rej;
	struct csvw *w;
	struct csvw *rw;
	int header_done, rej_header_done;
	char **pass_names;	/* pass-through columns of the first input */
	size_t npass;

	/* Per input. */
	struct csvr *r;
	struct colmap m;
	int *pass_src;		/* per pass_names: source column, or -1 */
	int ukp[UKP_NCOLS];
	int ukp_quality;	/* an input quality_flags column, or -1 */

	/* Column indexes in the kind. */
	int i_offence, i_da, i_outcome, i_key_date, i_quality;
	int *title_of;		/* per kind column: its role's title column */

	/* Per row. */
	const char **val;
	size_t *len;
	char *scratch;
	size_t scratchsz, used;
	char (*titles)[NORM_TITLE_SIZE];
	struct reason reasons[MAX_REASONS];
	int nreasons, nrecord;

	/* Counts. */
	unsigned long read, written, rejected, shown, flagged;
	unsigned long t_read, t_written, t_rejected, t_flagged;
	struct hmap *by_reason;
	struct hmap *by_flag;	/* "col:code" of rows written: count */
	/* police.uk outcomes: Crime ID -> struct ukp_crime *, first seen
	 * first; rows kept (read less rejected) and folded into another. */
	struct hmap *crimes;
	unsigned long kept, t_kept, folded;
	int missing;
};

_Noreturn static void
usage(const struct ingest *g)
{
	cli_usage(&g->cli);
}

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
static void
reason(struct ingest *g, const char *col, const char *problem)
{
	add_reason(g, col, problem, NULL);
}

/* A field fault: the value is left blank and named in quality_flags. */
static void
fault(struct ingest *g, const char *col, const char *problem,
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
	const char *col = g->kind->cols[i].name;

	if ((int)i == g->i_key_date)
		reason(g, col, problem);
	else
		fault(g, col, problem, code);
}

/* Room for n more bytes of cleaned values in this row's scratch. */
static char *
room(struct ingest *g, size_t n)
{
	if (g->used + n > g->scratchsz) {
		/* Values already placed point into scratch: never move it
		 * mid-row; the row start sized it (see row_scratch()). */
		diag_fatal(EX_SOFTWARE, "internal error: scratch too small");
	}
	return g->scratch + g->used;
}

/* Sizes the scratch for the current record before any value is set. */
static void
row_scratch(struct ingest *g)
{
	size_t i, need = 0, nf = csvr_nfields(g->r);

	for (i = 0; i < nf; i++)
		need += 3 * csvr_fieldlen(g->r, i) + 1;
	need += 64 * (g->kind->ncols + UKP_NEXTRA) + 64;
	need += 64 * MAX_REASONS;	/* quality_flags added to */
	if (need > g->scratchsz) {
		g->scratchsz = need * 2;
		g->scratch = xrealloc(g->scratch, g->scratchsz);
	}
	g->used = 0;
}

static void
set(struct ingest *g, size_t i, const char *s, size_t n)
{
	g->val[i] = s;
	g->len[i] = n;
}

/* Keeps n bytes written at room() as value i. */
static void
keep(struct ingest *g, size_t i, size_t n)
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

/* Lower snake_case of s into out; returns the length. */
static size_t
slug(const char *s, size_t n, char *out)
{
	size_t i, k = 0;
	int gap = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c >= 0x80) {
			if (gap && k > 0)
				out[k++] = '_';
			gap = 0;
			out[k++] = (char)c;
		} else if (c == '&') {
			if (k > 0)
				out[k++] = '_';
			memcpy(out + k, "and", 3);
			k += 3;
			gap = 1;
		} else {
			gap = 1;
		}
	}
	out[k] = '\0';
	return k;
}

struct word_map {
	const char *from, *to;
};

/* Looks a slug up in a table; NULL when not there. */
static const char *
lookup(const struct word_map *t, const char *s)
{
	for (; t->from != NULL; t++)
		if (strcmp(t->from, s) == 0)
			return t->to;
	return NULL;
}

static const struct word_map flag_words[] = {
	{ "y", "Y" }, { "yes", "Y" }, { "true", "Y" }, { "1", "Y" },
	{ "t", "Y" }, { "n", "N" }, { "no", "N" }, { "false", "N" },
	{ "0", "N" }, { "f", "N" }, { NULL, NULL }
};

static const struct word_map sex_words[] = {
	{ "m", "M" }, { "male", "M" }, { "man", "M" }, { "f", "F" },
	{ "female", "F" }, { "woman", "F" }, { "u", "" }, { "unknown", "" },
	{ "not_known", "" }, { "not_stated", "" }, { "x", "" },
	{ "prefer_not_to_say", "" }, { NULL, NULL }
};

static const struct word_map order_words[] = {
	{ "granted", "granted" }, { "made", "granted" },
	{ "order_made", "granted" }, { "full_order", "granted" },
	{ "refused", "refused" }, { "dismissed", "refused" },
	{ "not_granted", "refused" }, { "declined", "refused" },
	{ "withdrawn", "withdrawn" }, { "discontinued", "withdrawn" },
	{ "pending", "pending" }, { "adjourned", "pending" },
	{ "awaiting", "pending" }, { "awaiting_hearing", "pending" },
	{ "listed", "pending" }, { NULL, NULL }
};

static const struct word_map route_words[] = {
	{ "ask", "ask" }, { "right_to_ask", "ask" }, { "rta", "ask" },
	{ "know", "know" }, { "right_to_know", "know" }, { "rtk", "know" },
	{ NULL, NULL }
};

static const struct word_map channel_words[] = {
	{ "portal", "portal" }, { "online", "portal" },
	{ "online_portal", "portal" }, { "web", "portal" },
	{ "website", "portal" }, { "online_form", "portal" },
	{ "web_form", "portal" }, { NULL, NULL }
};

static const struct word_map dvds_words[] = {
	{ "disclose", "disclose" }, { "disclosed", "disclose" },
	{ "disclosure", "disclose" }, { "disclosure_made", "disclose" },
	{ "no_disclose", "no_disclose" }, { "no_disclosure", "no_disclose" },
	{ "not_disclosed", "no_disclose" }, { "nfa", "no_disclose" },
	{ "no_disclosure_made", "no_disclose" }, { "refused", "no_disclose" },
	{ "declined", "no_disclose" },
	{ "withdrawn", "withdrawn" }, { "pending", "pending" },
	{ "open", "pending" }, { "in_progress", "pending" },
	{ "awaiting_decision", "pending" }, { NULL, NULL }
};

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

static void
clean_words(struct ingest *g, size_t i, const struct colmap_col *c,
    const char *s, size_t n, const struct word_map *t, const char *what,
    const char *other)
{
	char *o = room(g, n * 2 + 8);
	const char *to;

	slug(s, n, o);
	if ((to = lookup(t, o)) != NULL) {
		set(g, i, to, strlen(to));
		return;
	}
	if (other != NULL) {
		set(g, i, other, strlen(other));
		return;
	}
	(void)c;
	col_fault(g, i, what, "unknown_value");
}

/* Cleans source value s[0..n) into canonical column i. */
static void
clean(struct ingest *g, size_t i, const char *s, size_t n)
{
	const struct colmap_col *c = &g->kind->cols[i];
	char *o;
	size_t k;
	int32_t day;
	long v;
	int st;

	set(g, i, "", 0);
	switch (c->type) {
	case COL_TEXT:
		o = room(g, n + 1);
		keep(g, i, norm_space(s, n, o));
		return;
	case COL_KEY:
		o = room(g, n + 1);
		k = norm_space(s, n, o);
		keep(g, i, k);
		if (k == 0)
			reason(g, c->name, "empty");
		else if (g->ref_re != NULL &&
		    !ident_pattern_match(g->ref_re, o, k))
			reason(g, c->name, "does not match the reference pattern");
		return;
	case COL_DATE:
	case COL_DATE_AHEAD:
		o = room(g, 11);
		st = dateparse_iso(&g->dp, s, n, &day, o);
		if (st == DATEPARSE_EFUTURE && c->type == COL_DATE_AHEAD)
			st = DATEPARSE_OK;
		if (st == DATEPARSE_OK) {
			keep(g, i, 10);
		} else if (st != DATEPARSE_EMPTY) {
			col_fault(g, i, dateparse_strerror(st),
			    st == DATEPARSE_EFUTURE ? "future_date" :
			    st == DATEPARSE_EINVALID ? "impossible_date" :
			    "format");
		}
		return;
	case COL_NAME:
		o = room(g, n + 1);
		k = norm_name(s, n, o, g->titles[i]);
		keep(g, i, k);
		return;
	case COL_TITLE:
		if (blank(s, n))
			return;
		{
			const char *t;

			o = room(g, n + 1);
			k = norm_space(s, n, o);
			if ((t = norm_title(o, k)) != NULL)
				set(g, i, t, strlen(t));
			else
				keep(g, i, k);
		}
		return;
	case COL_PNC:
		if (blank(s, n))
			return;
		o = room(g, IDENT_PNC_SIZE);
		st = ident_pnc(s, n, 0, o);
		if (st == IDENT_OK)
			keep(g, i, IDENT_PNC_SIZE - 1);
		else
			col_fault(g, i, st == IDENT_ECHECK ?
			    "wrong PNC check letter" : "not a PNC ID",
			    st == IDENT_ECHECK ? "check_character" : "format");
		return;
	case COL_POSTCODE:
		if (blank(s, n))
			return;
		o = room(g, IDENT_POSTCODE_SIZE);
		if (ident_postcode(s, n, o) == IDENT_OK)
			keep(g, i, strlen(o));
		else
			col_fault(g, i, "not a postcode", "format");
		return;
	case COL_FLAG:
		if (blank(s, n))
			return;
		clean_words(g, i, c, s, n, flag_words, "not Y or N", NULL);
		return;
	case COL_SEX:
		if (blank(s, n))
			return;
		clean_words(g, i, c, s, n, sex_words, "not M or F", NULL);
		return;
	case COL_ORDER_DECISION:
		if (blank(s, n))
			return;
		clean_words(g, i, c, s, n, order_words,
		    "not granted, refused, withdrawn or pending", NULL);
		return;
	case COL_ROUTE:
		if (blank(s, n))
			return;
		clean_words(g, i, c, s, n, route_words, "not ask or know",
		    NULL);
		return;
	case COL_CHANNEL:
		if (blank(s, n))
			return;
		clean_words(g, i, c, s, n, channel_words, NULL, "other");
		return;
	case COL_DVDS_DECISION:
		if (blank(s, n))
			return;
		clean_words(g, i, c, s, n, dvds_words,
		    "not disclose, no_disclose, withdrawn or pending", NULL);
		return;
	case COL_OFFENCE:
		if (blank(s, n))
			return;
		o = room(g, n + 1);
		if ((k = classify_norm_offence(s, n, o, n + 1)) == 0)
			col_fault(g, i, "not an offence code", "format");
		else
			keep(g, i, k);
		return;
	case COL_OUTCOME:
		if (blank(s, n))
			return;
		o = room(g, n + 1);
		if ((k = classify_norm_outcome(s, n, o, n + 1)) == 0)
			col_fault(g, i, "not an outcome number", "format");
		else
			keep(g, i, k);
		return;
	case COL_COUNT:
	case COL_DASH:
	case COL_YEAR:
		o = room(g, n + 1);
		k = norm_space(s, n, o);
		if (k == 0)
			return;
		st = count_value(o, k, o, &v);
		if (st < 0)
			col_fault(g, i, "not a whole number", "format");
		else if (c->type == COL_DASH && v > 27)
			col_fault(g, i, "not a DASH score (0 to 27)",
			    "out_of_range");
		else if (c->type == COL_YEAR && (st != 4 ||
		    v < DATE_MIN_YEAR || v > DATE_MAX_YEAR))
			col_fault(g, i, "not a year", st != 4 ? "format" :
			    "out_of_range");
		else
			keep(g, i, (size_t)st);
		return;
	case COL_UPPER:
		o = room(g, n + 1);
		k = norm_space(s, n, o);
		for (size_t j = 0; j < k; j++)
			if (o[j] >= 'a' && o[j] <= 'z')
				o[j] = (char)(o[j] - 32);
		keep(g, i, k);
		return;
	case COL_SLUG:
		o = room(g, n * 2 + 8);
		keep(g, i, slug(s, n, o));
		return;
	case COL_QUALITY:
		/* The source's own flags: kept, this run's added after. */
		o = room(g, n + 1);
		keep(g, i, norm_space(s, n, o));
		return;
	case COL_OFFENCE_GROUP:
	case COL_VAWG:
	case COL_OUTCOME_GROUP:
		/* Derived after the other columns: see derive(). */
		return;
	}
}

/* Titles found in names, and the derived classification columns. */
static void
derive(struct ingest *g)
{
	const struct colmap_kind *k = g->kind;
	size_t i;
	char da[2];

	for (i = 0; i < k->ncols; i++) {
		int t = g->title_of[i];

		if (t >= 0 && g->len[t] == 0 && g->titles[i][0] != '\0')
			set(g, (size_t)t, g->titles[i], strlen(g->titles[i]));
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
			set(g, i, v, strlen(v));
	}
}

/* Problems with the record as a whole. */
static void
check_record(struct ingest *g)
{
	size_t nf = csvr_nfields(g->r), nc = csvr_ncols(g->r), j;
	const char *why = csvr_problem(g->r);

	if (why != NULL)
		reason(g, "record", why);
	if (csvr_recerr(g->r) != CSVR_OK)
		return;
	for (j = 0; j < nc && j < nf; j++)
		if (g->m.unnamed[j] && csvr_fieldlen(g->r, j) > 0) {
			reason(g, "record", "value under an empty header");
			break;
		}
}

static void
kind_row(struct ingest *g)
{
	size_t i;

	for (i = 0; i < g->kind->ncols; i++) {
		int s = g->m.src[i];

		g->titles[i][0] = '\0';
		if (s >= 0)
			clean(g, i, csvr_field(g->r, (size_t)s),
			    csvr_fieldlen(g->r, (size_t)s));
		else
			set(g, i, "", 0);
	}
	derive(g);
}

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
static void
ukp_row(struct ingest *g)
{
	const struct colmap_kind *k = g->kind;
	size_t i, n, base = k->ncols;
	const char *s, *type;
	int y, mo, street = g->profile == PROFILE_UKP_STREET, asb = 0;
	char *o;

	for (i = 0; i < k->ncols + UKP_NEXTRA; i++)
		set(g, i, "", 0);
	s = ukf(g, UKP_MONTH, &n);
	if (date_parse_month(s, n, &y, &mo) != 0) {
		reason(g, "month", "not YYYY-MM");
	} else {
		int32_t day = date_from_ymd(y, mo, 1);

		if (day > g->dp.as_of) {
			reason(g, "month", dateparse_strerror(DATEPARSE_EFUTURE));
		} else {
			o = room(g, 11);
			date_format(day, o);
			keep(g, (size_t)colmap_index(k, street ?
			    "reported_date" : "outcome_date"), 10);
		}
		set(g, base + 0, s, n);
	}
	type = ukf(g, UKP_CRIME_TYPE, &n);
	if (street) {
		asb = n == 21 && memcmp(type, "Anti-social behaviour", 21) == 0;
		if (n == 0)
			fault(g, "offence_desc", "empty crime type", "missing");
		set(g, (size_t)colmap_index(k, "offence_desc"), type, n);
		s = classify_ukp_crime_type(type, n);
		set(g, (size_t)colmap_index(k, "offence_group"), s, strlen(s));
		set(g, base + 8, asb ? "Y" : "N", 1);
		s = ukf(g, UKP_LAST_OUTCOME, &n);
		set(g, base + 6, s, n);
		/* Anti-social behaviour is not a crime: it has no outcome. */
		s = asb && n == 0 ? "" : classify_ukp_outcome(s, n);
		set(g, (size_t)colmap_index(k, "outcome_group"), s, strlen(s));
		s = ukf(g, UKP_CONTEXT, &n);
		set(g, base + 7, s, n);
	} else {
		set(g, base + 6, type, n);
		s = classify_ukp_outcome(type, n);
		set(g, (size_t)colmap_index(k, "outcome_group"), s, strlen(s));
	}
	s = ukf(g, UKP_ID, &n);
	set(g, 0, s, n);
	if (n == 0 && !asb)
		reason(g, "crime_ref", "empty");
	else if (n > 0 && g->ref_re != NULL &&
	    !ident_pattern_match(g->ref_re, s, n))
		reason(g, "crime_ref", "does not match the reference pattern");
	s = ukf(g, UKP_FALLS_WITHIN, &n);
	set(g, base + 1, s, n);
	s = ukf(g, UKP_REPORTED_BY, &n);
	set(g, base + 2, s, n);
	s = ukf(g, UKP_LOCATION, &n);
	set(g, base + 3, s, n);
	s = ukf(g, UKP_LONG, &n);
	if (!coordinate(s, n))
		fault(g, "longitude", "not a number", "format");
	else
		set(g, base + 4, s, n);
	s = ukf(g, UKP_LAT, &n);
	if (!coordinate(s, n))
		fault(g, "latitude", "not a number", "format");
	else
		set(g, base + 5, s, n);
	if (g->ukp_quality >= 0) {
		o = room(g, csvr_fieldlen(g->r, (size_t)g->ukp_quality) + 1);
		keep(g, (size_t)g->i_quality, norm_space(csvr_field(g->r,
		    (size_t)g->ukp_quality), csvr_fieldlen(g->r,
		    (size_t)g->ukp_quality), o));
	}
	s = ukf(g, UKP_LSOA_CODE, &n);
	set(g, (size_t)colmap_index(k, "lsoa"), s, n);
	/* "Haringey 006D": the borough is the name without its last word. */
	s = ukf(g, UKP_LSOA_NAME, &n);
	while (n > 0 && s[n - 1] != ' ')
		n--;
	while (n > 0 && s[n - 1] == ' ')
		n--;
	set(g, (size_t)colmap_index(k, "borough"), s, n);
}

static size_t
out_ncols(const struct ingest *g)
{
	return g->kind->ncols + (g->profile != PROFILE_NONE ? UKP_NEXTRA : 0);
}

static void
write_header(struct ingest *g)
{
	size_t i;

	for (i = 0; i < g->kind->ncols; i++)
		csvw_str(g->w, g->kind->cols[i].name);
	if (g->profile != PROFILE_NONE)
		for (i = 0; i < UKP_NEXTRA; i++)
			csvw_str(g->w, ukp_extra[i]);
	for (i = 0; i < g->npass; i++)
		csvw_str(g->w, g->pass_names[i]);
	csvw_end(g->w);
}

static void
write_row(struct ingest *g)
{
	size_t i, n = out_ncols(g);

	for (i = 0; i < n; i++)
		csvw_field(g->w, g->val[i], g->len[i]);
	for (i = 0; i < g->npass; i++) {
		int s = g->pass_src[i];

		if (s >= 0)
			csvw_field(g->w, csvr_field(g->r, (size_t)s),
			    csvr_fieldlen(g->r, (size_t)s));
		else
			csvw_field(g->w, "", 0);
	}
	csvw_end(g->w);
}

/* Writes the current record (or header) as it was, then three fields. */
static void
rej_line(struct ingest *g, const char *f1, const char *f2, const char *f3)
{
	const char *const extra[] = { f1, f2, f3 };

	csvw_raw_with(g->rw, g->r, extra, 3);
}

static void
count_reasons(struct ingest *g)
{
	char key[160];
	int i;

	for (i = 0; i < g->nreasons; i++) {
		int n = snprintf(key, sizeof(key), "%s: %s", g->reasons[i].col,
		    g->reasons[i].problem);
		uintptr_t *slot = hmap_slot(g->by_reason, key,
		    n < (int)sizeof(key) ? (size_t)n : sizeof(key) - 1, 1, NULL);

		(*slot)++;
	}
}

/*
 * Adds this row's field faults to its quality_flags value (after any
 * the source already had, ';'-separated) and counts them.
 */
static void
flag_row(struct ingest *g)
{
	size_t q = (size_t)g->i_quality, k = 0, n = g->len[q];
	char key[160];
	char *o;
	int i, w;

	o = room(g, n + 64 * MAX_REASONS + 1);
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
	keep(g, q, k);
	g->flagged++;
}

static void
reject(struct ingest *g)
{
	char line[32], why[4096];
	size_t k = 0;
	int i;

	g->rejected++;
	count_reasons(g);
	why[0] = '\0';
	for (i = 0; i < g->nreasons && k + 1 < sizeof(why); i++) {
		int w = snprintf(why + k, sizeof(why) - k, "%s%s: %s",
		    i ? "; " : "", g->reasons[i].col, g->reasons[i].problem);

		if (w < 0)
			break;
		k += (size_t)w;
	}
	if (k >= sizeof(why))
		why[sizeof(why) - 1] = '\0';
	if (g->cli.strict)
		diag_fatal_at(EX_DATAERR, csvr_name(g->r), csvr_line(g->r),
		    "%s", why);
	if (g->rw == NULL) {
		if (g->shown++ < SHOW_REJECTS)
			diag_at(csvr_name(g->r), csvr_line(g->r), "%s", why);
		return;
	}
	snprintf(line, sizeof(line), "%lu", csvr_line(g->r));
	rej_line(g, csvr_name(g->r), line, why);
}

/* Finds the police.uk columns; exits 65 naming the first missing one. */
static void
ukp_match(struct ingest *g)
{
	const char *const *want = g->profile == PROFILE_UKP_STREET ?
	    ukp_street_cols : ukp_outcome_cols;
	size_t nwant = g->profile == PROFILE_UKP_STREET ? UKP_NCOLS :
	    UKP_NCOLS - 2, i, j, nc = csvr_ncols(g->r);
	int *used;

	for (i = 0; i < UKP_NCOLS; i++)
		g->ukp[i] = -1;
	g->ukp_quality = csvr_col(g->r, "quality_flags");
	for (i = 0; i < nwant; i++) {
		int c = csvr_col(g->r, want[i]);

		j = c >= 0 ? (size_t)c : nc;
		if (j == nc)
			diag_fatal_at(EX_DATAERR, csvr_name(g->r), 1,
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
}

/*
 * Lines up this input's pass-through columns with the first input's, by
 * name through a hash map (headers may be very wide).
 */
static void
pass_setup(struct ingest *g)
{
	struct hmap *h = hmap_new();
	size_t i, j, matched = 0;
	uintptr_t *v;

	if (!g->header_done) {
		g->npass = g->m.npass;
		g->pass_names = xcalloc(g->npass + 1, sizeof(char *));
		for (i = 0; i < g->npass; i++)
			g->pass_names[i] = xstrdup(csvr_colname(g->r,
			    g->m.pass[i]));
	}
	for (j = 0; j < g->m.npass; j++) {
		const char *name = csvr_colname(g->r, g->m.pass[j]);

		v = hmap_slot(h, name, strlen(name), 1, NULL);
		*v = g->m.pass[j] + 1;
	}
	free(g->pass_src);
	g->pass_src = xmalloc((g->npass + 1) * sizeof(int));
	for (i = 0; i < g->npass; i++) {
		v = hmap_slot(h, g->pass_names[i], strlen(g->pass_names[i]), 0,
		    NULL);
		g->pass_src[i] = v != NULL ? (int)*v - 1 : -1;
		if (v != NULL) {
			matched++;
			*v = 0;		/* seen */
		}
	}
	if (matched < g->m.npass)
		for (j = 0; j < g->m.npass; j++) {
			const char *name = csvr_colname(g->r, g->m.pass[j]);

			v = hmap_slot(h, name, strlen(name), 0, NULL);
			if (*v != 0)
				diag_fatal_at(EX_DATAERR, csvr_name(g->r), 1,
				    "column %zu is not in the first input: "
				    "ingest it separately", g->m.pass[j] + 1);
		}
	hmap_free(h);
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
static void
ukp_keep(struct ingest *g)
{
	size_t i, n = out_ncols(g), need = 0, k = 0;
	int oi = colmap_index(g->kind, "outcome_date"),
	    gi = colmap_index(g->kind, "outcome_group"), created;
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
static void
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

static void
summary_file(struct ingest *g, const char *name)
{
	if (g->per_crime)
		diag_warn("%s: read %lu, kept %lu, rejected %lu "
		    "(read = kept + rejected)", name, g->read, g->kept,
		    g->rejected);
	else
		diag_warn("%s: read %lu, written %lu, rejected %lu "
		    "(read = written + rejected)", name, g->read, g->written,
		    g->rejected);
}

/* Ingests one input; returns -1 when it cannot be opened. */
static int
ingest_file(struct ingest *g, const char *path, struct enc_conv *conv)
{
	struct csvr_opts ro = { 0 };
	const char *name;
	int st;

	ro.delim = g->delim;
	ro.dup_cols_ok = 1;	/* colmap_match() names the column */
	ro.filter = enc_filter;
	ro.filter_ctx = conv;
	if ((g->r = csvr_open(path, &ro)) == NULL) {
		diag_warn("%s: %s", path, strerror(errno));
		return -1;
	}
	name = csvr_name(g->r);
	st = csvr_header(g->r);
	if (st == CSVR_ERROR)
		diag_fatal_at(EX_DATAERR, name, csvr_error_line(g->r), "%s",
		    csvr_recerr(g->r) == CSVR_EFILTER ?
		    "cannot read the header in this encoding" :
		    csvr_error(g->r));
	if (st == CSVR_EOF)
		diag_fatal_at(EX_DATAERR, name, 0, "empty input: no header");
	if (g->profile != PROFILE_NONE) {
		ukp_match(g);
	} else {
		const char **names;
		char err[1400];
		size_t j, nc = csvr_ncols(g->r);

		names = xmalloc((nc + 1) * sizeof(*names));
		for (j = 0; j < nc; j++)
			names[j] = csvr_colname(g->r, j);
		if (colmap_match(g->kind, g->map, names, nc, &g->m, err,
		    sizeof(err)) != 0)
			diag_fatal_at(EX_DATAERR, name, 1, "%s", err);
		free(names);
	}
	pass_setup(g);
	if (!g->header_done) {
		write_header(g);
		g->header_done = 1;
	}
	if (g->rw != NULL && !g->rej_header_done) {
		rej_line(g, "reject_file", "reject_line", "reject_reasons");
		g->rej_header_done = 1;
	}
	g->read = g->written = g->rejected = g->flagged = g->kept = 0;
	while ((st = csvr_next(g->r)) == CSVR_RECORD) {
		g->read++;
		g->nreasons = g->nrecord = 0;
		row_scratch(g);
		check_record(g);
		if (g->nreasons == 0) {
			if (g->profile != PROFILE_NONE)
				ukp_row(g);
			else
				kind_row(g);
		}
		if (g->nrecord > 0 || (g->strict_fields && g->nreasons > 0)) {
			reject(g);
			continue;
		}
		if (g->nreasons > 0)
			flag_row(g);
		if (g->per_crime) {
			ukp_keep(g);
			g->kept++;
			continue;
		}
		write_row(g);
		g->written++;
	}
	if (st == CSVR_ERROR)
		diag_fatal_at(EX_DATAERR, name, csvr_error_line(g->r), "%s",
		    csvr_error(g->r));
	summary_file(g, name);
	if (g->flagged > 0)
		diag_warn("%s: %lu written rows with field faults blanked and "
		    "named in quality_flags", name, g->flagged);
	if (csvr_blank_lines(g->r) > 0)
		diag_warn("%s: %lu blank lines skipped", name,
		    csvr_blank_lines(g->r));
	g->t_read += g->read;
	g->t_written += g->written;
	g->t_rejected += g->rejected;
	g->t_flagged += g->flagged;
	g->t_kept += g->kept;
	out_check(g->out);
	colmap_free(&g->m);
	csvr_close(g->r);
	g->r = NULL;
	return 0;
}

static void
summary(struct ingest *g, int nfiles, struct enc_conv *conv)
{
	size_t it = 0, n;
	const char *key;
	uintptr_t v;

	if (nfiles > 1 && g->per_crime)
		diag_warn("total: read %lu, kept %lu, rejected %lu "
		    "(read = kept + rejected)", g->t_read, g->t_kept,
		    g->t_rejected);
	else if (nfiles > 1)
		diag_warn("total: read %lu, written %lu, rejected %lu "
		    "(read = written + rejected)", g->t_read, g->t_written,
		    g->t_rejected);
	if (enc_converted(conv) > 0)
		diag_warn("%lu lines converted to UTF-8 from %s",
		    enc_converted(conv), g->enc == ENC_LATIN1 ? "latin1" :
		    "cp1252");
	while (hmap_next(g->by_reason, &it, &key, &n, &v))
		diag_warn("rejected: %.*s: %lu", (int)n, key, (unsigned long)v);
	it = 0;
	while (hmap_next(g->by_flag, &it, &key, &n, &v))
		diag_warn("flagged: %.*s: %lu", (int)n, key, (unsigned long)v);
	if (g->t_rejected > 0 && g->rw == NULL && g->shown > SHOW_REJECTS)
		diag_warn("%lu more rejected rows not shown: use --rejects",
		    g->shown - SHOW_REJECTS);
}

static void
kind_setup(struct ingest *g)
{
	const struct colmap_kind *k = g->kind;
	size_t i, n = k->ncols + UKP_NEXTRA;

	g->i_offence = colmap_index(k, "offence_code");
	g->i_da = colmap_index(k, "da_flag");
	g->i_outcome = colmap_index(k, "outcome_code");
	g->i_key_date = colmap_key_date(k);
	g->i_quality = colmap_index(k, "quality_flags");
	if (g->i_quality < 0)
		diag_fatal(EX_SOFTWARE, "internal error: kind %s has no "
		    "quality_flags", k->name);
	g->title_of = xmalloc(k->ncols * sizeof(int));
	for (i = 0; i < k->ncols; i++) {
		char t[64];
		const char *us = strrchr(k->cols[i].name, '_');

		g->title_of[i] = -1;
		if (k->cols[i].type != COL_NAME || us == NULL)
			continue;
		snprintf(t, sizeof(t), "%.*s_title",
		    (int)(us - k->cols[i].name), k->cols[i].name);
		g->title_of[i] = colmap_index(k, t);
	}
	g->val = xcalloc(n, sizeof(*g->val));
	g->len = xcalloc(n, sizeof(*g->len));
	g->titles = xcalloc(k->ncols, sizeof(*g->titles));
}

static void
load_table(enum classify_table t, const char *path)
{
	char err[256];

	if (classify_load(t, path, err, sizeof(err)) != 0)
		diag_fatal(EX_DATAERR, "%s", err);
}

int
main(int argc, char *argv[])
{
	struct ingest g;
	struct enc_conv *conv;
	const char *kind = NULL, *profile = NULL, *offences = NULL,
	    *outcomes = NULL, *ref_re = NULL;
	int ch, i, aliases = 0, status = 0, fstatus, nfiles;
	char err[256];

	memset(&g, 0, sizeof(g));
	g.cli.synopsis = synopsis;
	g.cli.help = help;
	dateparse_defaults(&g.dp);
	diag_setprog(argv[0]);
	while ((ch = getopt_long(argc, argv, "d:hk:m:o:r:", longopts,
	    NULL)) != -1) {
		if (cli_common(&g.cli, ch, optarg))
			continue;
		switch (ch) {
		case 'd':
			if (strcmp(optarg, "tab") == 0 ||
			    strcmp(optarg, "\\t") == 0)
				g.delim = '\t';
			else if (strlen(optarg) == 1 && optarg[0] != '"' &&
			    optarg[0] != '\n' && optarg[0] != '\r')
				g.delim = (unsigned char)optarg[0];
			else
				cli_badarg(&g.cli, "-d: one character");
			break;
		case 'k':
			kind = optarg;
			break;
		case 'm':
			g.map_path = optarg;
			break;
		case 'r':
			g.rejects_path = optarg;
			break;
		case OPT_ALIASES:
			aliases = 1;
			break;
		case OPT_STRICT_FIELDS:
			g.strict_fields = 1;
			break;
		case OPT_EVERY_OUTCOME:
			g.every_outcome = 1;
			break;
		case OPT_AS_OF:
			if (date_parse_iso(optarg, strlen(optarg),
			    &g.dp.as_of) != 0)
				cli_badarg(&g.cli, "--as-of: not YYYY-MM-DD");
			break;
		case OPT_DATE_ORDER:
			if (dateparse_order_parse(optarg, &g.dp.order) != 0)
				cli_badarg(&g.cli, "--date-order: dmy or mdy");
			break;
		case OPT_ENCODING:
			if (enc_parse(optarg, &g.enc) != 0)
				cli_badarg(&g.cli, "--encoding: auto, utf-8, "
				    "cp1252 or latin1");
			break;
		case OPT_OFFENCES:
			offences = optarg;
			break;
		case OPT_OUTCOMES:
			outcomes = optarg;
			break;
		case OPT_PROFILE:
			profile = optarg;
			break;
		case OPT_REF_PATTERN:
			ref_re = optarg;
			break;
		default:
			usage(&g);
		}
	}
	argc -= optind;
	argv += optind;

	if (profile != NULL) {
		if (strcmp(profile, "police-uk-street") == 0)
			g.profile = PROFILE_UKP_STREET;
		else if (strcmp(profile, "police-uk-outcomes") == 0)
			g.profile = PROFILE_UKP_OUTCOMES;
		else
			cli_badarg(&g.cli, "--profile: police-uk-street or "
			    "police-uk-outcomes");
		if (kind != NULL && strcmp(kind, "crime") != 0)
			cli_badarg(&g.cli, "--profile reads into kind crime");
		if (g.map_path != NULL)
			cli_badarg(&g.cli, "--profile and --map do not mix");
		kind = "crime";
	}
	if (g.every_outcome && g.profile != PROFILE_UKP_OUTCOMES)
		cli_badarg(&g.cli, "--every-outcome is for --profile "
		    "police-uk-outcomes");
	if (kind == NULL)
		cli_badarg(&g.cli, "--kind is required");
	if ((g.kind = colmap_kind(kind)) == NULL)
		cli_badarg(&g.cli, "--kind: crime, wanted, order, marac, "
		    "disclosure, engagement or population");
	if (aliases) {
		colmap_print_aliases(g.kind, stdout);
		if (fflush(stdout) == EOF || ferror(stdout))
			diag_fatal(EX_IOERR, "<stdout>: write error");
		return 0;
	}
	nfiles = argc > 0 ? argc : 1;
	{
		struct out_use *u = xcalloc((size_t)nfiles + 5, sizeof(*u));

		u[0] = (struct out_use){ "-o", g.cli.out ? g.cli.out : "-",
		    OUT_OUT };
		u[1] = (struct out_use){ "--rejects", g.rejects_path, OUT_OUT };
		u[2] = (struct out_use){ "--map", g.map_path, OUT_IN };
		u[3] = (struct out_use){ "--offences", offences, OUT_IN };
		u[4] = (struct out_use){ "--outcomes", outcomes, OUT_IN };
		for (i = 0; i < nfiles; i++)
			u[i + 5] = (struct out_use){ "input",
			    argc > 0 ? argv[i] : "-", OUT_IN };
		out_distinct(u, (size_t)nfiles + 5);
		free(u);
	}
	if (ref_re != NULL &&
	    (g.ref_re = ident_pattern_new(ref_re, err, sizeof(err))) == NULL)
		cli_badarg(&g.cli, "--ref-pattern: %s", err);
	if (g.map_path != NULL &&
	    (g.map = colmap_user_load(g.map_path, g.kind, err,
	    sizeof(err))) == NULL)
		diag_fatal(errno != 0 ? EX_NOINPUT : EX_DATAERR, "%s", err);
	if (offences != NULL)
		load_table(CLASSIFY_OFFENCES, offences);
	if (outcomes != NULL)
		load_table(CLASSIFY_OUTCOMES, outcomes);

	kind_setup(&g);
	g.by_reason = hmap_new();
	g.by_flag = hmap_new();
	g.per_crime = g.profile == PROFILE_UKP_OUTCOMES && !g.every_outcome;
	g.crimes = hmap_new();
	conv = enc_new(g.enc);
	g.out = out_open(g.cli.out);
	g.w = csvw_new(out_fp(g.out), ',');
	csvw_excel_safe(g.w, g.cli.excel_safe);
	if (g.rejects_path != NULL) {
		g.rej = out_open(g.rejects_path);
		g.rw = csvw_new(out_fp(g.rej), ',');
		csvw_excel_safe(g.rw, g.cli.excel_safe);
	}
	for (i = 0; i < nfiles; i++)
		if (ingest_file(&g, argc > 0 ? argv[i] : "-", conv) != 0)
			g.missing = 1;
	if (!g.header_done)
		write_header(&g);
	if (g.per_crime)
		ukp_flush(&g);
	summary(&g, nfiles, conv);

	if (g.missing)
		status = EX_NOINPUT;
	else if (g.t_rejected > 0 && g.rej == NULL)
		status = 1;
	if (csvw_free(g.w) != 0)
		diag_fatal(EX_IOERR, "%s: write error", out_name(g.out));
	if (g.rw != NULL && csvw_free(g.rw) != 0)
		diag_fatal(EX_IOERR, "%s: write error", out_name(g.rej));
	/* A missing input still leaves the others' rows written. */
	fstatus = status == EX_NOINPUT ? 0 : status;
	if (g.rej != NULL)
		out_close(g.rej, fstatus);
	out_close(g.out, fstatus);

	for (size_t j = 0; j < g.npass; j++)
		free(g.pass_names[j]);
	free(g.pass_names);
	free(g.pass_src);
	free(g.title_of);
	free(g.val);
	free(g.len);
	free(g.titles);
	free(g.scratch);
	hmap_free(g.by_reason);
	hmap_free(g.by_flag);
	hmap_free(g.crimes);
	enc_free(conv);
	colmap_user_free(g.map);
	ident_pattern_free(g.ref_re);
	return status;
}
