/*
 * vawg-stats: the figures of the VAWG action plan from canonical CSV.
 *
 * One metric a run: record counts, charge rates (closed or recorded
 * basis, compared with the previous period or the year before),
 * outcome distributions with a positive outcome rate, protective orders,
 * wanted offenders, MARAC cases, Clare's Law disclosures, repeat
 * victimisation, before/after changes and engagement against a target.
 * One CSV out: one row per group and period, the group columns first,
 * then the period, then numerators, denominators and rates, each rate
 * with the bounds of its confidence interval (Wilson for proportions,
 * exact Poisson for counts, exact conditional binomial for a rate
 * ratio).  Empty group values are counted under "unknown"; rows whose
 * date cannot be read are counted under the period "unknown" and in a
 * note on stderr.  Memory holds one accumulator per group and period;
 * the marac and repeat metrics also keep one date per case or crime.
 *
 * vawg-stats METRIC [--distinct] [--basis b] [--by cols] [--period p]
 *     [--from date] [--to date] [--at date] [--where col=value] ...
 *     [-o file] [file ...]
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats/agg.h"
#include "kinds/classify.h"
#include "core/cli.h"
#include "core/csvio.h"
#include "core/csvio.h"
#include "core/dates.h"
#include "core/diag.h"
#include "core/hmap.h"
#include "stats/intervals.h"
#include "core/outfile.h"

/* Canonical CSV: comma-delimited, never sniffed. */
static const struct csvr_opts canonical_csv = { .delim = ',' };

#define SYNOPSIS \
	"vawg-stats count|charge-rate|outcomes|orders|wanted|marac|" \
	"disclosures|repeat|change|engagement [--distinct] [--excel-safe] " \
	"[--strict] " \
	"[--after from..to] [--area column] [--at date] [--basis closed|recorded] " \
	"[--before from..to] [--by columns] [--compare prev|yoy] " \
	"[--date column] [--from date] [--level percent] [--outcomes file] " \
	"[--period " \
	"month|quarter|fy|year|rolling12|all] [--population file] " \
	"[--positive codes] [--role victim|suspect] [--target n] [--to date] " \
	"[--where column=value] [-o file] [file ...]"

#define HELP \
	"  -b, --by COLS          group by these columns (comma-separated)\n" \
	"  -p, --period P         month, quarter, fy (April-March), year,\n" \
	"                         rolling12 or all (default month; wanted: all)\n" \
	"  --from DATE, --to DATE count only rows dated in this range\n" \
	"  --at DATE              snapshot date (orders, wanted, disclosures;\n" \
	"                         default today)\n" \
	"  -w, --where COL=VALUE  keep rows where COL is VALUE (repeatable;\n" \
	"                         the same column twice means either value)\n" \
	"  --date COL             date column that places a row in a period\n" \
	"  --basis B              charge-rate, outcomes: closed (default) or\n" \
	"                         recorded\n" \
	"  --compare C            count, charge-rate: prev or yoy\n" \
	"  --positive CODES       outcomes: positive outcome numbers\n" \
	"                         (default 1,2,3,4,6,7,8)\n" \
	"  --outcomes FILE        outcome table (code,outcome_group,\n" \
	"                         description) in place of the built-in one\n" \
	"  --population FILE      population CSV for per-capita rates\n" \
	"  --area COL             column matched to the population area\n" \
	"                         (default borough)\n" \
	"  --level PCT            confidence level in percent (default 95)\n" \
	"  --distinct             count: each key (crime_ref, ...) once\n" \
	"  --role R               repeat: victim (default) or suspect\n" \
	"  --before A..B, --after C..D   change: the two windows\n" \
	"  --target N             engagement: activities wanted per period\n" \
	"  -o, --output FILE      write FILE (mode 0600) instead of stdout\n" \
	"  --excel-safe           neutralise fields a spreadsheet would run\n" \
	"                         (= + - @ TAB CR first: '= quoted)\n" \
	"  --strict               a bad row fails the run (exit 65)\n" \
	"  --mode MODE            mode of the output file (default 0600)\n" \
	"  -h, --help, --version\n" \
	"Memory: one accumulator per group and period (and per distinct key\n" \
	"with --distinct); marac and repeat keep one date per case or crime.\n"

enum metric {
	M_COUNT, M_CHARGE, M_OUTCOMES, M_ORDERS, M_WANTED, M_MARAC,
	M_DISCLOSURES, M_REPEAT, M_CHANGE, M_ENGAGEMENT
};

static const char *const metric_names[] = {
	"count", "charge-rate", "outcomes", "orders", "wanted", "marac",
	"disclosures", "repeat", "change", "engagement"
};

/* Columns a metric may read, by role. */
enum col {
	C_DATE,			/* the period date (metric or --date) */
	C_KEY,			/* the kind's key, for --distinct */
	C_OCODE, C_OGROUP, C_ODATE,
	C_OTYPE, C_DECISION, C_GRANTED, C_EXPIRY,
	C_ARREST, C_DA, C_HIGHHARM, C_FORENSIC,
	C_DASH, C_VID, C_VFORE, C_VSUR, C_VDOB, C_REFERRAL,
	C_DECDATE, C_ROLEID,
	NCOL
};

#define BUCKET_UNKNOWN INT32_MAX

/* Counters of each metric's cells. */
enum { K_N, K_CHARGE, K_DENOM };			/* count, charge-rate */
enum { O_N, O_POS };					/* outcomes */
enum {
	R_APPLIED, R_GRANTED, R_REFUSED, R_WITHDRAWN, R_PENDING, R_UNKDEC,
	R_INFORCE, R_DVPN, R_DVPO, R_NCOUNT
};
enum {
	W_RECORDS, W_NOW, W_DA, W_HH, W_FL, W_B7, W_B28, W_B90, W_B365,
	W_BOVER, W_ARRESTS, W_UNKSTATUS, W_NCOUNT
};
enum { A_CASES, A_REPEATS, A_D13, A_D19, A_D27, A_DUNK, A_NCOUNT };
enum {
	D_REQ, D_DISCLOSE, D_NODISC, D_WITHDRAWN, D_PENDING, D_UNKDEC,
	D_DECIDED, D_WITHIN28, D_OPEN28, D_NCOUNT
};
enum { P_VICTIMS, P_REPEATS, P_CRIMES, P_NCOUNT };
enum { G_BEFORE, G_AFTER };

struct where {
	const char *col, *val;
	size_t vlen;
	int ix;
};

struct opts {
	enum metric metric;
	char **by;
	size_t nby;
	enum period period;
	int rolling, period_set;
	int32_t from, to, at;
	int has_from, has_to, has_at;
	struct where *where;
	size_t nwhere;
	const char *datecol;
	int closed;		/* --basis closed (1) or recorded (0) */
	int compare;		/* 0 none, 1 prev, 2 yoy */
	const char *popfile, *area;
	double level;
	int distinct;
	const char *role;
	int32_t b0, b1, a0, a1;
	int has_before, has_after;
	long target;
	int has_target;
	int positive[32];	/* outcome numbers counted as positive */
};

/* Per-row problem counts, reported as notes at the end. */
struct notes {
	unsigned long baddate, baddate_all, badocode, nodate, badarrest, badgrant,
	    baddash, noident, badorder, badexpiry, dup, baddecdate;
};

struct victim {
	int32_t *day;
	uint32_t *tag;		/* cell (marac) or group id (repeat) */
	size_t n, cap;
};

struct run {
	struct opts *o;
	struct agg *agg;
	struct notes nt;
	int ix[NCOL];
	int *byix;
	const char *colname[NCOL];
	char *key;
	size_t keycap, keylen, grouplen;
	struct hmap *seen;	/* --distinct keys */
	struct hmap *people;	/* marac, repeat: identity -> victim */
	struct victim *vic;
	size_t nvic, vcap;
	struct hmap *groups;	/* repeat: group strings -> id */
	struct hmap *areas;	/* --population: area values seen */
	int areaix;		/* the --area column in this input */
	int32_t minb, maxb;	/* bucket range seen */
	int32_t minday, maxday;	/* date range of the rows counted */
	int32_t load_from;	/* --from, or a year earlier for --compare */
	int order_by_type;	/* orders: order_type is a --by column */
	unsigned long rejected;
};

static struct cli cli = { .synopsis = SYNOPSIS, .help = HELP };
static const char *outcomes_file;

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
row_outcome(const struct csvr *s, const struct run *R, const char **group,
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
is_positive(const struct opts *o, const char *code, const char *g,
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

/* Parses a date: YYYY-MM-DD (time allowed) or YYYY-MM (its first day). */
static int
parse_date(const char *s, size_t n, int32_t *day)
{
	int y, m;

	if (date_parse_iso(s, n, day) == 0)
		return 0;
	if (n == 7 && date_parse_month(s, n, &y, &m) == 0 &&
	    date_valid(y, m, 1)) {
		*day = date_from_ymd(y, m, 1);
		return 0;
	}
	return -1;
}

static int32_t
arg_date(const char *opt, const char *s)
{
	int32_t d;

	if (date_parse_iso(s, strlen(s), &d) != 0 || strlen(s) != 10)
		cli_badarg(&cli, "%s: not a date (YYYY-MM-DD)", opt);
	return d;
}

/* Parses FROM..TO into two days. */
static void
arg_window(const char *opt, const char *s, int32_t *a, int32_t *b)
{
	const char *dots = strstr(s, "..");
	int32_t x, y;

	if (dots == NULL || dots - s != 10 || strlen(dots + 2) != 10 ||
	    date_parse_iso(s, 10, &x) != 0 ||
	    date_parse_iso(dots + 2, 10, &y) != 0 || y < x)
		cli_badarg(&cli, "%s: not a window FROM..TO (YYYY-MM-DD)", opt);
	*a = x;
	*b = y;
}

static char **
split_list(const char *s, size_t *n)
{
	char *copy = xstrdup(s), *p = copy, **v = NULL;
	size_t k = 0;

	for (;;) {
		char *c = strchr(p, ',');

		if (c != NULL)
			*c = '\0';
		if (*p == '\0')
			cli_badarg(&cli, "--by: empty column name");
		v = xreallocarray(v, k + 1, sizeof(*v));
		v[k++] = xstrdup(p);
		if (c == NULL)
			break;
		p = c + 1;
	}
	free(copy);
	*n = k;
	return v;
}

static void
parse_positive(struct opts *o, const char *s)
{
	char *copy = xstrdup(s), *tok, *save = NULL;
	char code[16];

	memset(o->positive, 0, sizeof(o->positive));
	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		int rc = norm_outcome(tok, strlen(tok), code);
		int num;

		if (rc <= 0)
			cli_badarg(&cli, "--positive: not an outcome number");
		num = atoi(code);
		if (num < 1 || num > 31 || code[rc - 1] == 'A')
			cli_badarg(&cli, "--positive: outcome numbers 1 to 31 "
			    "(1A is part of 1)");
		o->positive[num] = 1;
	}
	free(copy);
}

/* The kind's key and default period date, from the header. */
static void
kind_of(const struct csvr *s, const char **key, const char **date)
{
	static const struct {
		const char *key, *date;
	} t[] = {
		{ "crime_ref", "reported_date" }, { "wanted_ref", "wanted_date" },
		{ "order_ref", "applied_date" }, { "marac_ref", "meeting_date" },
		{ "dvds_ref", "received_date" },
		{ "engagement_ref", "date" },
	};
	size_t i;

	*key = *date = NULL;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (csvr_col(s, t[i].key) >= 0) {
			*key = t[i].key;
			*date = t[i].date;
			return;
		}
}

/* Sets the column names the metric reads. */
static void
metric_columns(struct run *R, const struct csvr *s)
{
	const struct opts *o = R->o;
	const char *key, *kdate, **c = R->colname;
	static char roleid[64];

	memset(c, 0, sizeof(R->colname));
	kind_of(s, &key, &kdate);
	c[C_KEY] = key;
	switch (o->metric) {
	case M_COUNT:
	case M_CHANGE:
		c[C_DATE] = kdate;
		break;
	case M_CHARGE:
	case M_OUTCOMES:
		c[C_DATE] = o->closed ? "outcome_date" : "reported_date";
		c[C_OCODE] = "outcome_code";
		c[C_OGROUP] = "outcome_group";
		break;
	case M_ORDERS:
		c[C_DATE] = "applied_date";
		c[C_OTYPE] = "order_type";
		c[C_DECISION] = "decision";
		c[C_GRANTED] = "granted_date";
		c[C_EXPIRY] = "expiry_date";
		break;
	case M_WANTED:
		c[C_DATE] = "wanted_date";
		c[C_ARREST] = "arrest_date";
		c[C_DA] = "da_flag";
		c[C_HIGHHARM] = "high_harm";
		c[C_FORENSIC] = "forensic_live";
		break;
	case M_MARAC:
		c[C_DATE] = "meeting_date";
		c[C_REFERRAL] = "referral_date";
		c[C_DASH] = "dash_score";
		c[C_VID] = "victim_id";
		c[C_VFORE] = "victim_forename";
		c[C_VSUR] = "victim_surname";
		c[C_VDOB] = "victim_dob";
		break;
	case M_DISCLOSURES:
		c[C_DATE] = "received_date";
		c[C_DECISION] = "decision";
		c[C_DECDATE] = "decision_date";
		break;
	case M_REPEAT:
		c[C_DATE] = "reported_date";
		snprintf(roleid, sizeof(roleid), "%s_id", o->role);
		c[C_ROLEID] = roleid;
		break;
	case M_ENGAGEMENT:
		c[C_DATE] = "date";
		break;
	}
	if (o->datecol != NULL)
		c[C_DATE] = o->datecol;
}

/* Columns that must be present; the others are read when they are. */
static int
required(const struct run *R, enum col k)
{
	const struct opts *o = R->o;

	switch (k) {
	case C_DATE:
		return !(o->metric == M_COUNT && o->period == PERIOD_ALL &&
		    !o->rolling && !o->has_from && !o->has_to &&
		    o->datecol == NULL);
	case C_KEY:
		return o->distinct;
	case C_OCODE:
	case C_OGROUP:
		return 0;	/* one of the two, checked apart */
	case C_VID:
	case C_VFORE:
	case C_VSUR:
	case C_VDOB:
	case C_REFERRAL:
		return 0;
	case C_DA:
	case C_HIGHHARM:
	case C_FORENSIC:
		return 0;
	default:
		return 1;
	}
}

/* Resolves the columns of one input; exits 65 naming a missing one. */
static void
resolve(struct run *R, struct csvr *s)
{
	const struct opts *o = R->o;
	size_t i;
	int k;

	metric_columns(R, s);
	if ((o->metric == M_CHARGE || o->metric == M_OUTCOMES) &&
	    csvr_col(s, "outcome_code") < 0 && csvr_col(s, "outcome_group") < 0)
		diag_fatal_at(EX_DATAERR, csvr_name(s), 1,
		    "missing column outcome_code (or outcome_group)");
	for (k = 0; k < NCOL; k++) {
		if (R->colname[k] == NULL) {
			R->ix[k] = -1;
			if (k == C_DATE && required(R, C_DATE))
				diag_fatal_at(EX_DATAERR, csvr_name(s), 1,
				    "no date column: name one with --date");
			if (k == C_KEY && required(R, C_KEY))
				diag_fatal_at(EX_DATAERR, csvr_name(s), 1,
				    "no key column (crime_ref, ...) for "
				    "--distinct");
			continue;
		}
		R->ix[k] = csvr_col(s, R->colname[k]);
		if (R->ix[k] < 0 && required(R, (enum col)k))
			diag_fatal_at(EX_DATAERR, csvr_name(s), 1,
			    "missing column %s", R->colname[k]);
	}
	if (o->metric == M_CHARGE && !o->closed && R->ix[C_DATE] < 0)
		diag_fatal_at(EX_DATAERR, csvr_name(s), 1,
		    "missing column reported_date");
	if (o->metric == M_MARAC && R->ix[C_VID] < 0 &&
	    (R->ix[C_VFORE] < 0 || R->ix[C_VSUR] < 0 || R->ix[C_VDOB] < 0))
		diag_fatal_at(EX_DATAERR, csvr_name(s), 1,
		    "missing column victim_id (or victim_forename, "
		    "victim_surname and victim_dob)");
	for (i = 0; i < o->nby; i++)
		if ((R->byix[i] = csvr_col(s, o->by[i])) < 0)
			diag_fatal_at(EX_DATAERR, csvr_name(s), 1,
			    "missing column %s", o->by[i]);
	R->areaix = csvr_col(s, o->area);
	for (i = 0; i < o->nwhere; i++)
		if ((o->where[i].ix = csvr_col(s, o->where[i].col)) < 0)
			diag_fatal_at(EX_DATAERR, csvr_name(s), 1,
			    "missing column %s", o->where[i].col);
}

/* 1 when the row passes every --where (same column: any value). */
static int
where_ok(const struct opts *o, const struct csvr *s)
{
	size_t i, j;

	for (i = 0; i < o->nwhere; i++) {
		int ok = 0, seen_before = 0;

		for (j = 0; j < i; j++)
			if (strcmp(o->where[j].col, o->where[i].col) == 0)
				seen_before = 1;
		if (seen_before)
			continue;
		for (j = i; j < o->nwhere && !ok; j++) {
			size_t n;
			const char *p;

			if (strcmp(o->where[j].col, o->where[i].col) != 0)
				continue;
			p = csvr_field_n(s, (size_t)o->where[j].ix, &n);
			ok = n == o->where[j].vlen &&
			    memcmp(p, o->where[j].val, n) == 0;
		}
		if (!ok)
			return 0;
	}
	return 1;
}

static void
key_put(struct run *R, const char *p, size_t n)
{
	if (R->keylen + n + 1 > R->keycap) {
		R->keycap = (R->keylen + n + 1) * 2;
		R->key = xrealloc(R->key, R->keycap);
	}
	memcpy(R->key + R->keylen, p, n);
	R->keylen += n;
}

/* Builds the group key of the row: --by values, empty as "unknown". */
static void
group_key(struct run *R, const struct csvr *s)
{
	size_t i, n;
	const char *p;

	R->keylen = 0;
	for (i = 0; i < R->o->nby; i++) {
		if (i > 0)
			key_put(R, "\x1f", 1);
		p = csvr_field_n(s, (size_t)R->byix[i], &n);
		if (n == 0)
			key_put(R, "unknown", 7);
		else
			key_put(R, p, n);
	}
	R->grouplen = R->keylen;
}

static int
month_index(int32_t day)
{
	return date_month_index(day);
}

/* Bucket of a day: its month (rolling12) or its period's first month. */
static int32_t
bucket_of(const struct opts *o, int32_t day)
{
	if (o->rolling)
		return month_index(day);
	if (o->period == PERIOD_ALL)
		return 0;
	return month_index(period_start(o->period, day));
}

static void
see_day(struct run *R, int32_t day)
{
	if (day < R->minday)
		R->minday = day;
	if (day > R->maxday)
		R->maxday = day;
}

static void
see_bucket(struct run *R, int32_t b)
{
	if (b == BUCKET_UNKNOWN)
		return;
	if (b < R->minb)
		R->minb = b;
	if (b > R->maxb)
		R->maxb = b;
}

/*
 * Reads a field as a date: 1 with *day set, 0 when empty, -1 when not a
 * date.
 */
static int
field_date(const struct csvr *s, int ix, int32_t *day)
{
	size_t n;
	const char *p;

	if (ix < 0)
		return 0;
	p = csvr_field_n(s, (size_t)ix, &n);
	if (n == 0)
		return 0;
	return parse_date(p, n, day) == 0 ? 1 : -1;
}

static int
field_is(const struct csvr *s, int ix, const char *v)
{
	size_t n;
	const char *p;

	if (ix < 0)
		return 0;
	p = csvr_field_n(s, (size_t)ix, &n);
	return n == strlen(v) && memcmp(p, v, n) == 0;
}

static void
add_victim(struct run *R, const char *id, size_t n, int32_t day,
    uint32_t tag)
{
	int created;
	uintptr_t *slot = hmap_slot(R->people, id, n, 1, &created);
	struct victim *v;

	if (created) {
		if (R->nvic == R->vcap) {
			R->vcap = R->vcap ? R->vcap * 2 : 256;
			R->vic = xreallocarray(R->vic, R->vcap,
			    sizeof(*R->vic));
		}
		memset(&R->vic[R->nvic], 0, sizeof(*R->vic));
		*slot = R->nvic++;
	}
	v = &R->vic[*slot];
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 2;
		v->day = xreallocarray(v->day, v->cap, sizeof(*v->day));
		v->tag = xreallocarray(v->tag, v->cap, sizeof(*v->tag));
	}
	v->day[v->n] = day;
	v->tag[v->n] = tag;
	v->n++;
}

/* The marac victim's identity: victim_id, else surname|forename|dob. */
static size_t
marac_identity(struct run *R, const struct csvr *s, char *buf, size_t cap)
{
	size_t n, len = 0, i, k;
	const char *p;
	static const enum col parts[] = { C_VSUR, C_VFORE, C_VDOB };

	if (R->ix[C_VID] >= 0) {
		p = csvr_field_n(s, (size_t)R->ix[C_VID], &n);
		if (n > 0) {
			if (n > cap - 1)
				n = cap - 1;
			buf[0] = 'i';
			memcpy(buf + 1, p, n);
			return n + 1;
		}
	}
	if (R->ix[C_VSUR] < 0 || R->ix[C_VFORE] < 0 || R->ix[C_VDOB] < 0)
		return 0;
	buf[len++] = 'n';
	for (k = 0; k < 3; k++) {
		p = csvr_field_n(s, (size_t)R->ix[parts[k]], &n);
		if (n == 0)
			return 0;
		for (i = 0; i < n && len + 2 < cap; i++) {
			char c = p[i];

			if (c >= 'a' && c <= 'z')
				c = (char)(c - 'a' + 'A');
			if (c == ' ' || c == '-' || c == '\'')
				continue;
			buf[len++] = c;
		}
		buf[len++] = '|';
	}
	return len;
}

/*
 * Records a marac case for repeat counting: the referral date (else the
 * meeting date) under the victim's identity; tag is the case's cell, or
 * UINT32_MAX for a case outside --from/--to that only serves as an
 * earlier referral.
 */
static void
marac_person(struct run *R, const struct csvr *s, int32_t meeting,
    uint32_t tag)
{
	char id[512];
	size_t idn;
	int32_t ref;

	if (field_date(s, R->ix[C_REFERRAL], &ref) != 1) {
		if (meeting == BUCKET_UNKNOWN) {
			R->nt.noident++;
			return;
		}
		ref = meeting;
	}
	idn = marac_identity(R, s, id, sizeof(id));
	if (idn == 0) {
		R->nt.noident++;
		return;
	}
	add_victim(R, id, idn, ref, tag);
}

static uint32_t
days_between(int32_t a, int32_t b)
{
	return b >= a ? (uint32_t)(b - a) : 0;
}

/*
 * wanted: counts the row's arrest, if it was made by --at (and within
 * --from/--to), in the period of its arrest_date, with the days from
 * wanted_date (day) to arrest.
 */
static void
wanted_arrest(struct run *R, const struct csvr *s, int32_t day)
{
	const struct opts *o = R->o;
	int32_t a, b;
	size_t cell;

	if (field_date(s, R->ix[C_ARREST], &a) != 1 || a < day || a > o->at ||
	    (o->has_from && a < o->from) || (o->has_to && a > o->to))
		return;
	b = bucket_of(o, a);
	see_bucket(R, b);
	see_day(R, a);
	cell = agg_cell(R->agg, R->key, R->keylen, b);
	agg_counters(R->agg, cell)[W_ARRESTS]++;
	agg_hist_add(R->agg, cell, 1, days_between(day, a));
}

/* Adds the current row to the accumulators. */
static void
add_row(struct run *R, const struct csvr *s)
{
	const struct opts *o = R->o;
	uint64_t *c;
	size_t cell, n;
	int32_t day = 0, b, d2;
	int rc, dayok;
	const char *p;

	if (o->nwhere > 0 && !where_ok(o, s))
		return;
	if (o->distinct) {
		int created;

		p = csvr_field_n(s, (size_t)R->ix[C_KEY], &n);
		if (n > 0) {
			hmap_slot(R->seen, p, n, 1, &created);
			if (!created) {
				R->nt.dup++;
				return;
			}
		}
	}
	group_key(R, s);
	if (o->popfile != NULL && R->areaix >= 0) {
		p = csvr_field_n(s, (size_t)R->areaix, &n);
		if (n > 0)
			hmap_slot(R->areas, p, n, 1, NULL);
	}

	if (o->metric == M_CHANGE) {
		if (field_date(s, R->ix[C_DATE], &day) != 1) {
			R->nt.baddate++;
			return;
		}
		cell = agg_cell(R->agg, R->key, R->keylen, 0);
		c = agg_counters(R->agg, cell);
		if (day >= o->b0 && day <= o->b1)
			c[G_BEFORE]++;
		if (day >= o->a0 && day <= o->a1)
			c[G_AFTER]++;
		return;
	}

	/* The outcome decides, for charge-rate and outcomes, if it counts. */
	if (o->metric == M_CHARGE || o->metric == M_OUTCOMES) {
		const char *grp;
		size_t gl;
		char code[16];

		row_outcome(s, R, &grp, &gl, code);
		if (grp == NULL) {
			R->nt.badocode++;
			return;
		}
		if (o->closed && gl == 7 && memcmp(grp, "pending", 7) == 0)
			return;
		rc = field_date(s, R->ix[C_DATE], &day);
		if (rc != 1) {
			if (o->has_from || o->has_to) {
				R->nt.baddate++;
				return;
			}
			if (o->period == PERIOD_ALL && !o->rolling) {
				R->nt.baddate_all++;
				b = 0;
			} else {
				R->nt.baddate++;
				b = BUCKET_UNKNOWN;
			}
		} else {
			if ((o->has_from && day < R->load_from) ||
			    (o->has_to && day > o->to))
				return;
			b = bucket_of(o, day);
			see_day(R, day);
		}
		see_bucket(R, b);
		if (o->metric == M_CHARGE) {
			cell = agg_cell(R->agg, R->key, R->keylen, b);
			c = agg_counters(R->agg, cell);
			c[K_DENOM]++;
			if (code[0] != '\0' ? classify_is_charge(code,
			    strlen(code)) : gl == 14 &&
			    memcmp(grp, "charge_summons", 14) == 0)
				c[K_CHARGE]++;
			return;
		}
		/* outcomes: one cell per outcome, one for the total. */
		{
			size_t glen = R->keylen;
			int pos = is_positive(o, code, grp, gl);

			key_put(R, "\x1f", 1);
			key_put(R, grp, gl);
			key_put(R, "\x1f", 1);
			key_put(R, code, strlen(code));
			c = agg_counters(R->agg, agg_cell(R->agg, R->key,
			    R->keylen, b));
			c[O_N]++;
			R->keylen = glen;
			key_put(R, "\x1f\x7f", 2);
			c = agg_counters(R->agg, agg_cell(R->agg, R->key,
			    R->keylen, b));
			c[O_N]++;
			if (pos)
				c[O_POS]++;
		}
		return;
	}

	rc = R->ix[C_DATE] >= 0 ? field_date(s, R->ix[C_DATE], &day) : 0;
	dayok = rc == 1;
	if (R->ix[C_DATE] < 0)
		b = 0;
	else if (!dayok) {
		if (o->metric == M_REPEAT || o->has_from || o->has_to) {
			R->nt.baddate++;
			return;
		}
		if (o->period == PERIOD_ALL && !o->rolling) {
			R->nt.baddate_all++;
			b = 0;
		} else {
			R->nt.baddate++;
			b = BUCKET_UNKNOWN;
		}
	} else {
		if (o->metric != M_REPEAT &&
		    ((o->has_from && day < R->load_from) ||
		    (o->has_to && day > o->to))) {
			if (o->metric == M_MARAC)
				marac_person(R, s, day, UINT32_MAX);
			if (o->metric == M_WANTED)
				wanted_arrest(R, s, day);
			return;
		}
		b = bucket_of(o, day);
		if (o->metric != M_REPEAT)
			see_day(R, day);
	}
	see_bucket(R, b);

	if (o->metric == M_REPEAT) {
		int created;
		uintptr_t *gslot;

		p = csvr_field_n(s, (size_t)R->ix[C_ROLEID], &n);
		if (n == 0) {
			R->nt.noident++;
			return;
		}
		gslot = hmap_slot(R->groups, R->key, R->keylen, 1, &created);
		if (created)
			*gslot = hmap_count(R->groups) - 1;
		add_victim(R, p, n, day, (uint32_t)*gslot);
		return;
	}

	cell = agg_cell(R->agg, R->key, R->keylen, b);
	c = agg_counters(R->agg, cell);
	switch (o->metric) {
	case M_COUNT:
	case M_ENGAGEMENT:
		c[K_N]++;
		break;
	case M_ORDERS: {
		int32_t g, e;
		int granted = 0;

		c[R_APPLIED]++;
		if (field_is(s, R->ix[C_DECISION], "granted"))
			c[R_GRANTED]++, granted = 1;
		else if (field_is(s, R->ix[C_DECISION], "refused"))
			c[R_REFUSED]++;
		else if (field_is(s, R->ix[C_DECISION], "withdrawn"))
			c[R_WITHDRAWN]++;
		else if (field_is(s, R->ix[C_DECISION], "pending"))
			c[R_PENDING]++;
		else
			c[R_UNKDEC]++;
		if (granted && field_is(s, R->ix[C_OTYPE], "DVPN"))
			c[R_DVPN]++;
		if (granted && field_is(s, R->ix[C_OTYPE], "DVPO"))
			c[R_DVPO]++;
		if (!granted)
			break;
		rc = field_date(s, R->ix[C_GRANTED], &g);
		if (rc != 1) {
			R->nt.badgrant++;
			break;
		}
		rc = field_date(s, R->ix[C_EXPIRY], &e);
		if (rc < 0) {
			R->nt.badexpiry++;
			break;
		}
		if (g <= o->at && (rc == 0 || e >= o->at))
			c[R_INFORCE]++;
		break;
	}
	case M_WANTED: {
		int32_t a;

		c[W_RECORDS]++;
		rc = field_date(s, R->ix[C_ARREST], &a);
		if (rc < 0) {
			R->nt.badarrest++;
			c[W_UNKSTATUS]++;
			break;
		}
		if (!dayok) {
			c[W_UNKSTATUS]++;
			break;
		}
		if (rc == 1 && a < day) {
			R->nt.badarrest++;
			c[W_UNKSTATUS]++;
			break;
		}
		if (rc == 1 && a <= o->at) {
			wanted_arrest(R, s, day);
			break;
		}
		if (day > o->at)
			break;	/* not yet wanted at --at */
		{
			uint32_t w = days_between(day, o->at);

			c[W_NOW]++;
			if (field_is(s, R->ix[C_DA], "Y"))
				c[W_DA]++;
			if (field_is(s, R->ix[C_HIGHHARM], "Y"))
				c[W_HH]++;
			if (field_is(s, R->ix[C_FORENSIC], "Y"))
				c[W_FL]++;
			c[w <= 7 ? W_B7 : w <= 28 ? W_B28 : w <= 90 ? W_B90 :
			    w <= 365 ? W_B365 : W_BOVER]++;
			agg_hist_add(R->agg, cell, 0, w);
		}
		break;
	}
	case M_MARAC: {
		long dash;
		char *end, num[8];

		c[A_CASES]++;
		p = csvr_field_n(s, (size_t)(R->ix[C_DASH]), &n);
		if (n == 0 || n > 3) {
			c[A_DUNK]++;
			if (n > 0)
				R->nt.baddash++;
		} else {
			memcpy(num, p, n);
			num[n] = '\0';
			dash = strtol(num, &end, 10);
			if (*end != '\0' || dash < 0 || dash > 27) {
				c[A_DUNK]++;
				R->nt.baddash++;
			} else
				c[dash <= 13 ? A_D13 : dash <= 19 ? A_D19 :
				    A_D27]++;
		}
		marac_person(R, s, dayok ? day : BUCKET_UNKNOWN,
		    (uint32_t)cell);
		break;
	}
	case M_DISCLOSURES: {
		int decided = 0;

		c[D_REQ]++;
		if (field_is(s, R->ix[C_DECISION], "disclose"))
			c[D_DISCLOSE]++, decided = 1;
		else if (field_is(s, R->ix[C_DECISION], "no_disclose"))
			c[D_NODISC]++, decided = 1;
		else if (field_is(s, R->ix[C_DECISION], "withdrawn"))
			c[D_WITHDRAWN]++;
		else if (field_is(s, R->ix[C_DECISION], "pending"))
			c[D_PENDING]++;
		else
			c[D_UNKDEC]++;
		if (!dayok)
			break;
		rc = field_date(s, R->ix[C_DECDATE], &d2);
		if (rc < 0 || (rc == 1 && d2 < day)) {
			R->nt.baddecdate++;
			rc = 0;
		} else if (decided && rc == 1) {
			uint32_t w = days_between(day, d2);

			c[D_DECIDED]++;
			if (w <= 28)
				c[D_WITHIN28]++;
			agg_hist_add(R->agg, cell, 0, w);
		}
		/*
		 * Open at --at: received more than 28 days before it and not
		 * decided or withdrawn by then (a decision without a date
		 * counts as made).
		 */
		if (decided || field_is(s, R->ix[C_DECISION], "withdrawn"))
			if (rc != 1 || d2 <= o->at)
				break;
		if (day <= o->at && o->at - day > 28)
			c[D_OPEN28]++;
		break;
	}
	default:
		break;
	}
}

/* Reads one input into the accumulators.  Returns 0, or EX_NOINPUT. */
static int
read_input(struct run *R, const char *path)
{
	struct csvr *s = csvr_open(path, &canonical_csv);
	int rc;

	if (s == NULL) {
		diag_warn("%s: %s", path, strerror(errno));
		return EX_NOINPUT;
	}
	rc = csvr_header(s);
	if (rc == CSVR_ERROR)
		diag_fatal_at(EX_DATAERR, csvr_name(s), csvr_error_line(s),
		    "%s", csvr_error(s));
	if (rc == CSVR_EOF) {
		csvr_close(s);
		return 0;
	}
	resolve(R, s);
	while ((rc = csvr_next(s)) == CSVR_RECORD) {
		if (csvr_recerr(s) != CSVR_OK) {
			diag_at(csvr_name(s), csvr_line(s), "%s; row not counted",
			    csvr_recerr_str(csvr_recerr(s)));
			R->rejected++;
			continue;
		}
		add_row(R, s);
	}
	if (rc == CSVR_ERROR)
		diag_fatal_at(EX_DATAERR, csvr_name(s), csvr_error_line(s),
		    "%s", csvr_error(s));
	csvr_close(s);
	return 0;
}

/* Sorts one victim's dates, keeping tags with them. */
static void
sort_victim(struct victim *v)
{
	size_t i, j;

	/* Insertion sort: few entries per person. */
	for (i = 1; i < v->n; i++) {
		int32_t d = v->day[i];
		uint32_t t = v->tag[i];

		for (j = i; j > 0 && v->day[j - 1] > d; j--) {
			v->day[j] = v->day[j - 1];
			v->tag[j] = v->tag[j - 1];
		}
		v->day[j] = d;
		v->tag[j] = t;
	}
}

/* marac: a case is a repeat when the victim's previous referral was
 * at most 12 months before it. */
static void
finish_marac(struct run *R)
{
	size_t i, j;

	for (i = 0; i < R->nvic; i++) {
		struct victim *v = &R->vic[i];

		sort_victim(v);
		for (j = 1; j < v->n; j++)
			if (v->tag[j] != UINT32_MAX &&
			    v->day[j] <= date_add_months(v->day[j - 1], 12))
				agg_counters(R->agg, v->tag[j])[A_REPEATS]++;
	}
}

struct gp {
	uint32_t gid;
	int32_t key;
	int repeat;
};

static int
cmp_gp(const void *a, const void *b)
{
	const struct gp *x = a, *y = b;

	if (x->gid != y->gid)
		return x->gid < y->gid ? -1 : 1;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return y->repeat - x->repeat;
}

/*
 * repeat: per person, each crime is a repeat when the person's previous
 * crime was at most 12 months before it; the person counts once in
 * each group and period holding a crime of theirs, as a repeat when one
 * of those crimes is.  Cells are made here, one per group and period
 * (rolling12: per window end).
 */
static void
finish_repeat(struct run *R)
{
	const struct opts *o = R->o;
	const char **gname;
	size_t *glen, i, j, k, ngp, gcap = 0, it = 0;
	struct gp *gp = NULL;
	const char *key;
	size_t len;
	uintptr_t val;

	gname = xcalloc(hmap_count(R->groups) + 1, sizeof(*gname));
	glen = xcalloc(hmap_count(R->groups) + 1, sizeof(*glen));
	while (hmap_next(R->groups, &it, &key, &len, &val)) {
		gname[val] = key;
		glen[val] = len;
	}
	R->minb = INT32_MAX;
	R->maxb = INT32_MIN;
	for (i = 0; i < R->nvic; i++) {
		struct victim *v = &R->vic[i];

		sort_victim(v);
		ngp = 0;
		for (j = 0; j < v->n; j++) {
			int rep = j > 0 &&
			    v->day[j] <= date_add_months(v->day[j - 1], 12);
			int32_t b = bucket_of(o, v->day[j]);
			int nk = o->rolling ? 12 : 1;

			if ((o->has_from && v->day[j] < o->from) ||
			    (o->has_to && v->day[j] > o->to))
				continue;	/* only an earlier crime */
			see_bucket(R, b);
			see_day(R, v->day[j]);
			for (k = 0; k < (size_t)nk; k++) {
				agg_counters(R->agg, agg_cell(R->agg,
				    gname[v->tag[j]], glen[v->tag[j]],
				    b + (int32_t)k))[P_CRIMES]++;
				if (ngp == gcap) {
					gcap = gcap ? gcap * 2 : 64;
					gp = xreallocarray(gp, gcap,
					    sizeof(*gp));
				}
				gp[ngp].gid = v->tag[j];
				gp[ngp].key = b + (int32_t)k;
				gp[ngp].repeat = rep;
				ngp++;
			}
		}
		qsort(gp, ngp, sizeof(*gp), cmp_gp);
		for (j = 0; j < ngp; j++) {
			uint64_t *c;

			if (j > 0 && gp[j].gid == gp[j - 1].gid &&
			    gp[j].key == gp[j - 1].key)
				continue;
			/* Sorted with repeats first within a pair. */
			c = agg_counters(R->agg, agg_cell(R->agg,
			    gname[gp[j].gid], glen[gp[j].gid], gp[j].key));
			c[P_VICTIMS]++;
			if (gp[j].repeat)
				c[P_REPEATS]++;
		}
	}
	free(gp);
	free(gname);
	free(glen);
}

/* ---- Population ---- */

struct popent {
	long year;
	double pop, female;
	int has_pop, has_female;
};

struct popset {
	struct hmap *areas;	/* area -> index in list */
	struct popent **ent;
	size_t *n;
	size_t nareas;
};

static int
parse_number(const char *p, size_t n, double *v)
{
	char buf[64], *end;

	if (n == 0 || n >= sizeof(buf))
		return -1;
	memcpy(buf, p, n);
	buf[n] = '\0';
	errno = 0;
	*v = strtod(buf, &end);
	if (*end != '\0' || errno != 0 || *v < 0)
		return -1;
	return 0;
}

static void
popset_free(struct popset *ps)
{
	size_t i;

	if (ps == NULL)
		return;
	for (i = 0; i < ps->nareas; i++)
		free(ps->ent[i]);
	free(ps->ent);
	free(ps->n);
	hmap_free(ps->areas);
	free(ps);
}

/* A bad row of the population file: frees what was read, exits 65. */
static _Noreturn void
population_bad(struct popset *ps, struct csvr *s, const char *path,
    const char *what)
{
	unsigned long line = csvr_line(s);

	popset_free(ps);
	csvr_close(s);
	diag_fatal_at(EX_DATAERR, path, line, "%s", what);
}

static struct popset *
read_population(const char *path)
{
	struct csvr *s = csvr_open(path, &canonical_csv);
	struct popset *ps;
	int ia, iy, ip, iff, rc;

	if (s == NULL)
		diag_fatal(EX_NOINPUT, "%s: %s", path, strerror(errno));
	if ((rc = csvr_header(s)) != CSVR_RECORD)
		diag_fatal_at(EX_DATAERR, path, 1, "%s",
		    rc == CSVR_EOF ? "empty population file" : csvr_error(s));
	ia = csvr_col(s, "area");
	iy = csvr_col(s, "year");
	ip = csvr_col(s, "population");
	iff = csvr_col(s, "female_16plus");
	if (ia < 0 || iy < 0 || (ip < 0 && iff < 0))
		diag_fatal_at(EX_DATAERR, path, 1, "missing column %s",
		    ia < 0 ? "area" : iy < 0 ? "year" : "population");
	ps = xcalloc(1, sizeof(*ps));
	ps->areas = hmap_new();
	while ((rc = csvr_next(s)) == CSVR_RECORD) {
		size_t n, na;
		const char *p, *a;
		struct popent e = { 0, 0, 0, 0, 0 };
		double y;
		int created;
		uintptr_t *slot;

		a = csvr_field_n(s, (size_t)ia, &na);
		p = csvr_field_n(s, (size_t)iy, &n);
		if (csvr_recerr(s) || na == 0 || parse_number(p, n, &y) != 0)
			population_bad(ps, s, path, "bad area or year");
		e.year = (long)y;
		if (ip >= 0) {
			p = csvr_field_n(s, (size_t)ip, &n);
			if (n > 0 && parse_number(p, n, &e.pop) != 0)
				population_bad(ps, s, path, "bad population");
			e.has_pop = n > 0;
		}
		if (iff >= 0) {
			p = csvr_field_n(s, (size_t)iff, &n);
			if (n > 0 && parse_number(p, n, &e.female) != 0)
				population_bad(ps, s, path, "bad female_16plus");
			e.has_female = n > 0;
		}
		slot = hmap_slot(ps->areas, a, na, 1, &created);
		if (created) {
			*slot = ps->nareas++;
			ps->ent = xreallocarray(ps->ent, ps->nareas,
			    sizeof(*ps->ent));
			ps->n = xreallocarray(ps->n, ps->nareas,
			    sizeof(*ps->n));
			ps->ent[*slot] = NULL;
			ps->n[*slot] = 0;
		}
		ps->ent[*slot] = xreallocarray(ps->ent[*slot],
		    ps->n[*slot] + 1, sizeof(**ps->ent));
		ps->ent[*slot][ps->n[*slot]++] = e;
	}
	if (rc == CSVR_ERROR)
		diag_fatal_at(EX_DATAERR, path, csvr_error_line(s), "%s",
		    csvr_error(s));
	csvr_close(s);
	return ps;
}

/*
 * Population of area index i in year y (female 16+ when female): the
 * row of that year, else the latest before it, else the earliest.
 */
static int
pop_of_area(const struct popset *ps, size_t i, long y, int female, double *v)
{
	const struct popent *best = NULL;
	size_t k;

	for (k = 0; k < ps->n[i]; k++) {
		const struct popent *e = &ps->ent[i][k];

		if (!(female ? e->has_female : e->has_pop))
			continue;
		if (best == NULL ||
		    (e->year <= y && (best->year > y || e->year > best->year)) ||
		    (e->year > y && best->year > y && e->year < best->year))
			best = e;
	}
	if (best == NULL)
		return -1;
	*v = female ? best->female : best->pop;
	return 0;
}

/*
 * Population for a group: of its area value, or, when the area column is
 * not a group column, the sum over the areas the data holds (seen).
 */
static int
pop_lookup(const struct popset *ps, const struct hmap *seen,
    const char *area, size_t alen, long y, int female, double *v)
{
	size_t it = 0, len;
	double sum = 0, x;
	const char *key;
	uintptr_t *slot;

	if (area != NULL) {
		slot = hmap_slot(ps->areas, area, alen, 0, NULL);
		if (slot == NULL)
			return -1;
		return pop_of_area(ps, *slot, y, female, v);
	}
	if (hmap_count(seen) == 0)
		return -1;
	while (hmap_next(seen, &it, &key, &len, NULL)) {
		slot = hmap_slot(ps->areas, key, len, 0, NULL);
		if (slot == NULL || pop_of_area(ps, *slot, y, female, &x) != 0)
			return -1;
		sum += x;
	}
	*v = sum;
	return 0;
}

/* ---- Output ---- */

struct out {
	struct csvw *w;
	char buf[64];
};

static void
put_u(struct out *O, uint64_t v)
{
	int n = snprintf(O->buf, sizeof(O->buf), "%llu",
	    (unsigned long long)v);

	csvw_field(O->w, O->buf, (size_t)n);
}

/* A real number with prec decimals; NaN as empty. */
static void
put_f(struct out *O, double v, int prec)
{
	int n;

	if (isnan(v)) {
		csvw_field(O->w, "", 0);
		return;
	}
	if (isinf(v)) {
		csvw_str(O->w, v > 0 ? "inf" : "-inf");
		return;
	}
	n = snprintf(O->buf, sizeof(O->buf), "%.*f", prec, v);
	if (n < 0 || (size_t)n >= sizeof(O->buf))	/* a huge value */
		n = snprintf(O->buf, sizeof(O->buf), "%.6g", v);
	if (strcmp(O->buf, "-0.0000") == 0 || strcmp(O->buf, "-0.00") == 0 ||
	    strcmp(O->buf, "-0.0") == 0)
		memmove(O->buf, O->buf + 1, (size_t)n--);
	csvw_field(O->w, O->buf, (size_t)n);
}

static void
put_rate(struct out *O, uint64_t x, uint64_t n, double level)
{
	struct interval iv = iv_wilson(x, n, level);

	put_f(O, n ? (double)x / (double)n : NAN, 4);
	put_f(O, iv.lo, 4);
	put_f(O, iv.hi, 4);
}

/* A count with its exact Poisson interval. */
static void
put_count(struct out *O, uint64_t x, double level)
{
	struct interval iv = iv_poisson(x, level);

	put_u(O, x);
	put_f(O, iv.lo, 2);
	put_f(O, iv.hi, 2);
}

/* Writes the group's values (split on AGG_SEP), nf of them. */
static void
put_group(struct out *O, const char *g, size_t len, size_t nf)
{
	size_t i, k = 0;
	const char *start = g;

	for (i = 0; i <= len && k < nf; i++)
		if (i == len || g[i] == AGG_SEP) {
			csvw_field(O->w, start, (size_t)(g + i - start));
			start = g + i + 1;
			k++;
		}
}

/* Months in a period (for annual rates). */
static int
period_months(const struct opts *o, const struct run *R)
{
	if (o->rolling)
		return 12;
	switch (o->period) {
	case PERIOD_MONTH:
		return 1;
	case PERIOD_QUARTER:
		return 3;
	case PERIOD_FY:
	case PERIOD_YEAR:
		return 12;
	case PERIOD_ALL:
		break;
	}
	return 0;	/* all: the caller counts the months spanned */
}

/* Step between consecutive period keys, in months. */
static int
period_step(const struct opts *o)
{
	if (o->rolling)
		return 1;
	switch (o->period) {
	case PERIOD_MONTH:
		return 1;
	case PERIOD_QUARTER:
		return 3;
	default:
		return 12;
	}
}

static int32_t
month_day(int32_t mi)
{
	int y = mi >= 0 ? mi / 12 : -((-mi + 11) / 12);

	return date_from_ymd(y, mi - y * 12 + 1, 1);
}

static void
period_text(const struct opts *o, int32_t key, char *buf)
{
	if (key == BUCKET_UNKNOWN) {
		strcpy(buf, "unknown");
		return;
	}
	if (o->rolling) {
		char a[16], b[16];

		period_label(PERIOD_MONTH, month_day(key - 11), a);
		period_label(PERIOD_MONTH, month_day(key), b);
		snprintf(buf, 40, "%s..%s", a, b);
		return;
	}
	if (o->period == PERIOD_ALL) {
		strcpy(buf, "all");
		return;
	}
	period_label(o->period, month_day(key), buf);
}

/* Year used to pick a population row for a period key. */
static long
period_year(const struct opts *o, const struct run *R, int32_t key)
{
	int y, m, d;

	if ((key == BUCKET_UNKNOWN || o->period == PERIOD_ALL) &&
	    R->maxday >= R->minday) {
		date_to_ymd(R->maxday, &y, &m, &d);
		return y;
	}
	if (key == BUCKET_UNKNOWN)
		key = R->maxb;
	date_to_ymd(month_day(key), &y, &m, &d);
	return y;
}

/*
 * Sums the cells of (group, period key) into S; for rolling12 the
 * twelve months ending at key.  Returns 1 if any cell was found.
 */
static int
sum_period(const struct run *R, const char *g, size_t glen, int32_t key,
    int direct, struct agg_sum *S)
{
	int k, found = 0, n = R->o->rolling && !direct &&
	    key != BUCKET_UNKNOWN ? 12 : 1;
	ptrdiff_t cell;

	agg_sum_clear(S);
	for (k = 0; k < n; k++) {
		cell = agg_find(R->agg, g, glen, key - k);
		if (cell >= 0) {
			agg_sum_add(S, R->agg, (size_t)cell);
			found = 1;
		}
	}
	return found;
}

static void
write_header(struct run *R, struct csvw *w)
{
	const struct opts *o = R->o;
	size_t i;
	const char *const *h = NULL;
	static const char *const hcount[] = { "count", "count_lower",
	    "count_upper", NULL };
	static const char *const hcount_cmp[] = { "count", "count_lower",
	    "count_upper", "prev_period", "prev_count", "count_change",
	    "pct_change", NULL };
	static const char *const hcharge_closed[] = { "charges", "outcomes",
	    "charge_rate", "charge_rate_lower", "charge_rate_upper", NULL };
	static const char *const hcharge_recorded[] = { "charges", "crimes",
	    "charge_rate", "charge_rate_lower", "charge_rate_upper", NULL };
	static const char *const hcmp[] = { "prev_period", "prev_charges",
	    "prev_denominator", "prev_charge_rate", "prev_charge_rate_lower",
	    "prev_charge_rate_upper", "charge_change", "rate_change",
	    "rate_change_lower", "rate_change_upper", NULL };
	static const char *const houtcomes[] = { "outcome_group",
	    "outcome_code", "count", "outcomes", "share", "share_lower",
	    "share_upper", NULL };
	static const char *const horders[] = { "applied", "granted",
	    "refused", "withdrawn", "pending", "decision_unknown",
	    "grant_rate", "grant_rate_lower", "grant_rate_upper",
	    "in_force_at", "dvpn_granted", "dvpo_granted", "conversion",
	    "conversion_lower", "conversion_upper", NULL };
	static const char *const hpop100k[] = { "population",
	    "granted_per_100k", "granted_per_100k_lower",
	    "granted_per_100k_upper", "in_force_per_100k",
	    "in_force_per_100k_lower", "in_force_per_100k_upper", NULL };
	static const char *const hwanted[] = { "at", "records", "wanted",
	    "wanted_da", "wanted_high_harm", "wanted_forensic_live",
	    "median_days_wanted", "p90_days_wanted", "days_0_7",
	    "days_8_28", "days_29_90", "days_91_365", "days_over_365",
	    "arrests", "median_days_to_arrest", "status_unknown", NULL };
	static const char *const hmarac[] = { "cases", "repeats",
	    "repeat_rate", "repeat_rate_lower", "repeat_rate_upper",
	    "dash_0_13", "dash_14_19", "dash_20_27", "dash_unknown", NULL };
	static const char *const hpop10k[] = { "female_16plus",
	    "cases_per_10k_women_year", "cases_per_10k_women_year_lower",
	    "cases_per_10k_women_year_upper", NULL };
	static const char *const hdisc[] = { "requests", "disclose",
	    "no_disclose", "withdrawn", "pending", "decision_unknown",
	    "disclosure_rate", "disclosure_rate_lower",
	    "disclosure_rate_upper", "decided", "median_days_to_decision",
	    "within_28_days", "within_28_share", "within_28_share_lower",
	    "within_28_share_upper", "open_over_28_days_at", NULL };
	static const char *const hrepeat[] = { "people", "repeat_people",
	    "repeat_rate", "repeat_rate_lower", "repeat_rate_upper", "crimes",
	    NULL };
	static const char *const hchange[] = { "before_count",
	    "after_count", "before_days", "after_days", "change",
	    "pct_change", "rate_ratio", "rate_ratio_lower",
	    "rate_ratio_upper", "p_value", NULL };
	static const char *const heng[] = { "activities",
	    "activities_lower", "activities_upper", "target", "shortfall",
	    "target_met", NULL };

	for (i = 0; i < o->nby; i++)
		csvw_str(w, o->by[i]);
	if (o->metric == M_CHANGE) {
		csvw_str(w, "before");
		csvw_str(w, "after");
	} else
		csvw_str(w, "period");
	switch (o->metric) {
	case M_COUNT:
		h = o->compare ? hcount_cmp : hcount;
		break;
	case M_CHARGE:
		h = o->closed ? hcharge_closed : hcharge_recorded;
		break;
	case M_OUTCOMES:
		h = houtcomes;
		break;
	case M_ORDERS:
		h = horders;
		break;
	case M_WANTED:
		h = hwanted;
		break;
	case M_MARAC:
		h = hmarac;
		break;
	case M_DISCLOSURES:
		h = hdisc;
		break;
	case M_REPEAT:
		h = hrepeat;
		break;
	case M_CHANGE:
		h = hchange;
		break;
	case M_ENGAGEMENT:
		h = heng;
		break;
	}
	for (; *h != NULL; h++)
		csvw_str(w, *h);
	if (o->metric == M_CHARGE && o->compare)
		for (h = hcmp; *h != NULL; h++)
			csvw_str(w, *h);
	if (o->metric == M_ORDERS && o->popfile)
		for (h = hpop100k; *h != NULL; h++)
			csvw_str(w, *h);
	if (o->metric == M_MARAC && o->popfile)
		for (h = hpop10k; *h != NULL; h++)
			csvw_str(w, *h);
	csvw_end(w);
}

/* The area value of a group for population look-ups, or NULL. */
static const char *
group_area(const struct run *R, const char *g, size_t glen, size_t *alen)
{
	const struct opts *o = R->o;
	size_t i, k = 0, start = 0;

	for (i = 0; i < o->nby; i++)
		if (strcmp(o->by[i], o->area) == 0)
			break;
	if (i == o->nby)
		return NULL;
	for (size_t j = 0; j <= glen; j++)
		if (j == glen || g[j] == AGG_SEP) {
			if (k == i) {
				*alen = j - start;
				return g + start;
			}
			k++;
			start = j + 1;
		}
	return NULL;
}

/*
 * Per-capita figure: count per `per` people, annualised by `annual`,
 * after the population itself when show_pop is set.
 */
static void
put_per_capita(struct run *R, struct out *O, const char *g, size_t glen,
    int32_t key, uint64_t x, int female, double per, double annual,
    const struct popset *ps, int *missing, int show_pop)
{
	const char *area;
	size_t alen = 0;
	double pop;
	struct interval iv;

	area = group_area(R, g, glen, &alen);
	if (pop_lookup(ps, R->areas, area, alen, period_year(R->o, R, key),
	    female, &pop) != 0 || pop <= 0 || !(annual > 0)) {
		(*missing)++;
		if (show_pop)
			put_f(O, NAN, 0);
		put_f(O, NAN, 2);
		put_f(O, NAN, 2);
		put_f(O, NAN, 2);
		return;
	}
	iv = iv_poisson(x, R->o->level);
	if (show_pop)
		put_f(O, pop, 0);
	put_f(O, (double)x / pop * per * annual, 2);
	put_f(O, iv.lo / pop * per * annual, 2);
	put_f(O, iv.hi / pop * per * annual, 2);
}

/* Writes one output row for a group and period from its sum S. */
static void
write_row(struct run *R, struct out *O, const char *g, size_t glen,
    int32_t key, const struct agg_sum *S, struct agg_sum *P,
    const struct popset *ps, int *popmissing, int direct)
{
	const struct opts *o = R->o;
	const uint64_t *c = S->c;
	char label[48];
	double lv = o->level;

	put_group(O, g, glen, o->nby);
	period_text(o, key, label);
	if (o->metric != M_CHANGE)
		csvw_str(O->w, label);
	switch (o->metric) {
	case M_COUNT:
		put_count(O, c[K_N], lv);
		if (o->compare) {
			int32_t pk = key - (o->compare == 2 ? 12 :
			    o->rolling ? 12 : period_step(o));

			if (key == BUCKET_UNKNOWN ||
			    pk - (o->rolling ? 11 : 0) < R->minb) {
				/* No previous period in the data. */
				csvw_str(O->w, "");
				put_f(O, NAN, 0);
				put_f(O, NAN, 0);
				put_f(O, NAN, 0);
				break;
			}
			sum_period(R, g, glen, pk, direct, P);
			period_text(o, pk, label);
			csvw_str(O->w, label);
			put_u(O, P->c[K_N]);
			put_f(O, (double)c[K_N] - (double)P->c[K_N], 0);
			put_f(O, P->c[K_N] ? 100.0 * ((double)c[K_N] /
			    (double)P->c[K_N] - 1) : NAN, 1);
		}
		break;
	case M_CHARGE:
		put_u(O, c[K_CHARGE]);
		put_u(O, c[K_DENOM]);
		put_rate(O, c[K_CHARGE], c[K_DENOM], lv);
		if (o->compare) {
			int32_t pk = key - (o->compare == 2 ? 12 :
			    o->rolling ? 12 : period_step(o));
			struct interval d;
			const uint64_t *q = P->c;

			if (key == BUCKET_UNKNOWN ||
			    pk - (o->rolling ? 11 : 0) < R->minb) {
				int i;

				for (i = 0; i < 10; i++)
					csvw_str(O->w, "");
				break;
			}
			sum_period(R, g, glen, pk, direct, P);
			period_text(o, pk, label);
			csvw_str(O->w, label);
			put_u(O, q[K_CHARGE]);
			put_u(O, q[K_DENOM]);
			put_rate(O, q[K_CHARGE], q[K_DENOM], lv);
			put_f(O, (double)c[K_CHARGE] - (double)q[K_CHARGE], 0);
			d = iv_prop_diff(c[K_CHARGE], c[K_DENOM], q[K_CHARGE],
			    q[K_DENOM], lv);
			put_f(O, c[K_DENOM] && q[K_DENOM] ?
			    (double)c[K_CHARGE] / (double)c[K_DENOM] -
			    (double)q[K_CHARGE] / (double)q[K_DENOM] : NAN, 4);
			put_f(O, d.lo, 4);
			put_f(O, d.hi, 4);
		}
		break;
	case M_ORDERS:
		put_u(O, c[R_APPLIED]);
		put_u(O, c[R_GRANTED]);
		put_u(O, c[R_REFUSED]);
		put_u(O, c[R_WITHDRAWN]);
		put_u(O, c[R_PENDING]);
		put_u(O, c[R_UNKDEC]);
		put_rate(O, c[R_GRANTED], c[R_GRANTED] + c[R_REFUSED], lv);
		put_u(O, c[R_INFORCE]);
		if (R->order_by_type) {
			put_f(O, NAN, 0);
			put_f(O, NAN, 0);
			put_rate(O, 0, 0, lv);
		} else {
			put_u(O, c[R_DVPN]);
			put_u(O, c[R_DVPO]);
			put_rate(O, c[R_DVPO] <= c[R_DVPN] ? c[R_DVPO] :
			    c[R_DVPN], c[R_DVPN], lv);
		}
		if (o->popfile) {
			put_per_capita(R, O, g, glen, key, c[R_GRANTED], 0,
			    1e5, 1, ps, popmissing, 1);
			put_per_capita(R, O, g, glen, key, c[R_INFORCE], 0,
			    1e5, 1, ps, popmissing, 0);
		}
		break;
	case M_WANTED: {
		char at[11];

		date_format(o->at, at);
		csvw_str(O->w, at);
		put_u(O, c[W_RECORDS]);
		put_u(O, c[W_NOW]);
		put_u(O, c[W_DA]);
		put_u(O, c[W_HH]);
		put_u(O, c[W_FL]);
		put_f(O, agg_sum_quantile(S, 0, 0.5), 1);
		put_f(O, agg_sum_quantile(S, 0, 0.9), 1);
		put_u(O, c[W_B7]);
		put_u(O, c[W_B28]);
		put_u(O, c[W_B90]);
		put_u(O, c[W_B365]);
		put_u(O, c[W_BOVER]);
		put_u(O, c[W_ARRESTS]);
		put_f(O, agg_sum_quantile(S, 1, 0.5), 1);
		put_u(O, c[W_UNKSTATUS]);
		break;
	}
	case M_MARAC:
		put_u(O, c[A_CASES]);
		put_u(O, c[A_REPEATS]);
		put_rate(O, c[A_REPEATS], c[A_CASES], lv);
		put_u(O, c[A_D13]);
		put_u(O, c[A_D19]);
		put_u(O, c[A_D27]);
		put_u(O, c[A_DUNK]);
		if (o->popfile) {
			int m = period_months(o, R);

			if (m == 0 && R->maxday >= R->minday)
				/* all: the months the data spans */
				m = month_index(R->maxday) -
				    month_index(R->minday) + 1;
			put_per_capita(R, O, g, glen, key, c[A_CASES], 1,
			    1e4, m > 0 && key != BUCKET_UNKNOWN ?
			    12.0 / m : NAN, ps, popmissing, 1);
		}
		break;
	case M_DISCLOSURES:
		put_u(O, c[D_REQ]);
		put_u(O, c[D_DISCLOSE]);
		put_u(O, c[D_NODISC]);
		put_u(O, c[D_WITHDRAWN]);
		put_u(O, c[D_PENDING]);
		put_u(O, c[D_UNKDEC]);
		put_rate(O, c[D_DISCLOSE], c[D_DISCLOSE] + c[D_NODISC], lv);
		put_u(O, c[D_DECIDED]);
		put_f(O, agg_sum_quantile(S, 0, 0.5), 1);
		put_u(O, c[D_WITHIN28]);
		put_rate(O, c[D_WITHIN28], c[D_DECIDED], lv);
		put_u(O, c[D_OPEN28]);
		break;
	case M_REPEAT:
		put_u(O, c[P_VICTIMS]);
		put_u(O, c[P_REPEATS]);
		put_rate(O, c[P_REPEATS], c[P_VICTIMS], lv);
		put_u(O, c[P_CRIMES]);
		break;
	case M_ENGAGEMENT:
		put_count(O, c[K_N], lv);
		if (o->has_target) {
			put_u(O, (uint64_t)o->target);
			put_u(O, c[K_N] >= (uint64_t)o->target ? 0 :
			    (uint64_t)o->target - c[K_N]);
			csvw_str(O->w, c[K_N] >= (uint64_t)o->target ? "Y" :
			    "N");
		} else {
			csvw_str(O->w, "");
			csvw_str(O->w, "");
			csvw_str(O->w, "");
		}
		break;
	default:
		break;
	}
	csvw_end(O->w);
}

/*
 * outcomes: the length of the by-group part of a cell's group, which is
 * followed by a separator and the outcome (or the total marker 0x7f).
 */
static size_t
by_part(const struct opts *o, const char *g, size_t glen)
{
	size_t i, k = 0, want = o->nby ? o->nby : 1;

	for (i = 0; i < glen; i++)
		if (g[i] == AGG_SEP && ++k == want)
			return o->nby ? i : 0;
	return glen;
}

/* outcomes: rows of one by-group and period, then its positive row. */
static void
write_outcomes(struct run *R, struct out *O, const size_t *ix, size_t from,
    size_t to, int32_t key, struct agg_sum *S, struct agg_sum *T)
{
	const struct opts *o = R->o;
	size_t i, glen, blen, cl, pl, j, gstart, gend;
	const char *g, *cg, *pg;
	char label[48], pos[128], *tk;
	int k;
	uint64_t total;

	period_text(o, key, label);
	g = agg_group(R->agg, ix[from], &glen);
	blen = by_part(o, g, glen);
	tk = xmalloc(blen + 2);
	memcpy(tk, g, blen);
	memcpy(tk + blen, "\x1f\x7f", 2);
	sum_period(R, tk, blen + 2, key, 0, T);
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
		if (!sum_period(R, cg, cl, key, 0, S) || S->c[O_N] == 0)
			continue;
		put_group(O, cg, blen, o->nby);
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
		put_u(O, S->c[O_N]);
		put_u(O, total);
		put_rate(O, S->c[O_N], total, o->level);
		csvw_end(O->w);
	}
	/* The positive outcome row. */
	put_group(O, g, blen, o->nby);
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
	put_u(O, T->c[O_POS]);
	put_u(O, total);
	put_rate(O, T->c[O_POS], total, o->level);
	csvw_end(O->w);
}

/* Period keys to write: the range seen, stepped; rolling12 window ends. */
static int32_t *
period_keys(struct run *R, size_t *nk)
{
	const struct opts *o = R->o;
	int32_t *k = NULL, lo = R->minb, hi = R->maxb, x;
	size_t n = 0;

	if (o->period == PERIOD_ALL && !o->rolling) {
		k = xmalloc(sizeof(*k));
		k[0] = 0;
		*nk = R->maxb >= R->minb ? 1 : 0;
		return k;
	}
	if (o->has_from)
		lo = bucket_of(o, o->from);
	if (o->has_to)
		hi = bucket_of(o, o->to);
	if (R->maxb < R->minb && !(o->has_from && o->has_to)) {
		*nk = 0;
		return xmalloc(sizeof(*k));
	}
	if (o->rolling) {
		if (hi - lo < 11) {
			diag_warn("note: the data span %d months: one "
			    "rolling window, shorter than 12 months",
			    hi - lo + 1);
			lo = hi;
		} else
			lo += 11;
	}
	for (x = lo; x <= hi; x += period_step(o)) {
		k = xreallocarray(k, n + 1, sizeof(*k));
		k[n++] = x;
	}
	*nk = n;
	return k ? k : xmalloc(sizeof(*k));
}

static void
write_output(struct run *R, FILE *fp, const char *name)
{
	const struct opts *o = R->o;
	struct out O;
	size_t *ix = agg_sorted(R->agg), n = agg_ncells(R->agg), i, j, nk, q;
	struct agg_sum *S = agg_sum_new(R->agg), *P = agg_sum_new(R->agg);
	int32_t *keys;
	struct popset *ps = NULL;
	int popmissing = 0, direct = o->metric == M_REPEAT;
	int has_unknown;

	O.w = csvw_new(fp, ',');
	csvw_excel_safe(O.w, cli.excel_safe);
	write_header(R, O.w);
	if (o->popfile)
		ps = read_population(o->popfile);
	if (o->metric == M_CHANGE) {
		char a[11], b[11], lab[24];
		double tb = (double)(o->b1 - o->b0 + 1),
		    ta = (double)(o->a1 - o->a0 + 1);

		for (i = 0; i < n; i++) {
			const uint64_t *c = agg_counters(R->agg, ix[i]);
			const char *g;
			size_t gl;
			double rr, pv;
			struct interval iv;

			g = agg_group(R->agg, ix[i], &gl);
			put_group(&O, g, gl, o->nby);
			date_format(o->b0, a);
			date_format(o->b1, b);
			snprintf(lab, sizeof(lab), "%s..%s", a, b);
			csvw_str(O.w, lab);
			date_format(o->a0, a);
			date_format(o->a1, b);
			snprintf(lab, sizeof(lab), "%s..%s", a, b);
			csvw_str(O.w, lab);
			put_u(&O, c[G_BEFORE]);
			put_u(&O, c[G_AFTER]);
			put_f(&O, tb, 0);
			put_f(&O, ta, 0);
			put_f(&O, (double)c[G_AFTER] - (double)c[G_BEFORE], 0);
			iv = iv_rate_ratio(c[G_AFTER], ta, c[G_BEFORE], tb,
			    o->level, &rr, &pv);
			put_f(&O, isnan(rr) ? NAN : 100 * (rr - 1), 1);
			put_f(&O, rr, 4);
			put_f(&O, iv.lo, 4);
			put_f(&O, iv.hi, 4);
			put_f(&O, pv, 4);
			csvw_end(O.w);
		}
		goto done;
	}
	keys = period_keys(R, &nk);
	/* Walk the groups in order; each group's cells are contiguous. */
	for (i = 0; i < n; i = j) {
		const char *g;
		size_t gl;

		g = agg_group(R->agg, ix[i], &gl);
		if (o->metric == M_OUTCOMES) {
			/* The cells of one by-group are contiguous. */
			size_t bl = by_part(o, g, gl);

			for (j = i + 1; j < n; j++) {
				size_t l2;
				const char *g2 = agg_group(R->agg, ix[j], &l2);

				if (l2 <= bl || memcmp(g2, g, bl) != 0 ||
				    g2[bl] != AGG_SEP)
					break;
			}
			has_unknown = 0;
			for (q = i; q < j; q++)
				if (agg_bucket(R->agg, ix[q]) ==
				    BUCKET_UNKNOWN)
					has_unknown = 1;
			for (q = 0; q < nk; q++)
				write_outcomes(R, &O, ix, i, j, keys[q], S, P);
			if (has_unknown)
				write_outcomes(R, &O, ix, i, j, BUCKET_UNKNOWN,
				    S, P);
			continue;
		}
		for (j = i + 1; j < n; j++) {
			size_t l2;
			const char *g2 = agg_group(R->agg, ix[j], &l2);

			if (l2 != gl || memcmp(g2, g, gl) != 0)
				break;
		}
		for (q = 0; q < nk; q++) {
			sum_period(R, g, gl, keys[q], direct, S);
			write_row(R, &O, g, gl, keys[q], S, P, ps, &popmissing,
			    direct);
		}
		if (agg_bucket(R->agg, ix[j - 1]) == BUCKET_UNKNOWN) {
			sum_period(R, g, gl, BUCKET_UNKNOWN, direct, S);
			write_row(R, &O, g, gl, BUCKET_UNKNOWN, S, P, ps,
			    &popmissing, direct);
		}
	}
	free(keys);
	if (popmissing)
		diag_warn("note: %d rows without a population for their area "
		    "and year (per-capita columns left empty)", popmissing);
done:
	if (csvw_free(O.w) != 0)
		diag_fatal(EX_IOERR, "%s: write error", name);
	popset_free(ps);
	agg_sum_free(S);
	agg_sum_free(P);
	free(ix);
}

static void
print_notes(const struct run *R)
{
	const struct notes *n = &R->nt;
	const char *dc = R->colname[C_DATE] ? R->colname[C_DATE] : "date";

	if (n->baddate_all)
		diag_warn("note: %lu rows with an empty or invalid %s "
		    "(counted in period all)", n->baddate_all, dc);
	if (n->baddate)
		diag_warn("note: %lu rows with an empty or invalid %s (%s)",
		    n->baddate, dc,
		    R->o->has_from || R->o->has_to || R->o->metric == M_REPEAT ||
		    R->o->metric == M_CHANGE ? "not counted" :
		    "period unknown");
	if (n->badocode)
		diag_warn("note: %lu rows with an outcome that is not a Home "
		    "Office outcome number or group (not counted)",
		    n->badocode);
	if (n->badgrant)
		diag_warn("note: %lu granted orders with an empty or invalid "
		    "granted_date (not in in_force_at)", n->badgrant);
	if (n->badexpiry)
		diag_warn("note: %lu granted orders with an invalid "
		    "expiry_date (not in in_force_at)", n->badexpiry);
	if (n->badarrest)
		diag_warn("note: %lu rows with an invalid arrest_date, or one "
		    "before wanted_date (status_unknown)", n->badarrest);
	if (n->baddash)
		diag_warn("note: %lu rows with a dash_score that is not 0-27 "
		    "(dash_unknown)", n->baddash);
	if (n->noident)
		diag_warn("note: %lu rows without a person identity or date "
		    "(not in repeat figures)", n->noident);
	if (n->baddecdate)
		diag_warn("note: %lu rows with an invalid decision_date, or one "
		    "before received_date (not in days to decision)",
		    n->baddecdate);
	if (n->dup)
		diag_warn("note: %lu rows repeating a key already counted "
		    "(--distinct)", n->dup);
}

static void
add_where(struct opts *o, const char *arg)
{
	const char *eq = strchr(arg, '=');

	if (eq == NULL || eq == arg)
		cli_badarg(&cli, "--where: expected COLUMN=VALUE");
	o->where = xreallocarray(o->where, o->nwhere + 1, sizeof(*o->where));
	o->where[o->nwhere].col = xstrndup(arg, (size_t)(eq - arg));
	o->where[o->nwhere].val = eq + 1;
	o->where[o->nwhere].vlen = strlen(eq + 1);
	o->nwhere++;
}

enum {
	OPT_FROM = CLI_OPT_FIRST_FREE, OPT_TO, OPT_AT, OPT_COMPARE, OPT_BASIS,
	OPT_POPULATION, OPT_LEVEL, OPT_DATE, OPT_DISTINCT, OPT_ROLE,
	OPT_BEFORE, OPT_AFTER, OPT_TARGET, OPT_POSITIVE, OPT_AREA,
	OPT_OUTCOMES
};

static const struct option longopts[] = {
	CLI_LONGOPTS,
	CLI_EXCEL_LONGOPTS,
	{ "after", required_argument, NULL, OPT_AFTER },
	{ "area", required_argument, NULL, OPT_AREA },
	{ "at", required_argument, NULL, OPT_AT },
	{ "basis", required_argument, NULL, OPT_BASIS },
	{ "before", required_argument, NULL, OPT_BEFORE },
	{ "by", required_argument, NULL, 'b' },
	{ "compare", required_argument, NULL, OPT_COMPARE },
	{ "date", required_argument, NULL, OPT_DATE },
	{ "distinct", no_argument, NULL, OPT_DISTINCT },
	{ "from", required_argument, NULL, OPT_FROM },
	{ "level", required_argument, NULL, OPT_LEVEL },
	{ "outcomes", required_argument, NULL, OPT_OUTCOMES },
	{ "period", required_argument, NULL, 'p' },
	{ "population", required_argument, NULL, OPT_POPULATION },
	{ "positive", required_argument, NULL, OPT_POSITIVE },
	{ "role", required_argument, NULL, OPT_ROLE },
	{ "target", required_argument, NULL, OPT_TARGET },
	{ "to", required_argument, NULL, OPT_TO },
	{ "where", required_argument, NULL, 'w' },
	{ NULL, 0, NULL, 0 }
};

static void
check_options(struct opts *o)
{
	if (o->compare && o->metric != M_CHARGE && o->metric != M_COUNT)
		cli_badarg(&cli, "--compare: only for count and charge-rate");
	if (o->compare && o->period == PERIOD_ALL && !o->rolling)
		cli_badarg(&cli, "--compare: needs a --period other than all");
	if (o->metric == M_CHANGE && !(o->has_before && o->has_after))
		cli_badarg(&cli, "change: needs --before and --after");
	if (o->metric != M_CHANGE && (o->has_before || o->has_after))
		cli_badarg(&cli, "--before, --after: only for change");
	if (o->has_target && o->metric != M_ENGAGEMENT)
		cli_badarg(&cli, "--target: only for engagement");
	if (o->popfile && o->metric != M_ORDERS && o->metric != M_MARAC)
		cli_badarg(&cli, "--population: only for orders and marac");
	if (o->distinct && o->metric != M_COUNT)
		cli_badarg(&cli, "--distinct: only for count");
	if (o->has_from && o->has_to && o->to < o->from)
		cli_badarg(&cli, "--to: before --from");
	if (strcmp(o->role, "victim") != 0 && strcmp(o->role, "suspect") != 0)
		cli_badarg(&cli, "--role: victim or suspect");
}

int
main(int argc, char *argv[])
{
	struct opts o;
	struct run R;
	struct outfile *out;
	int ch, status = 0, rc, i;
	char *endp;
	size_t k;

	diag_setprog(argv[0]);
	memset(&o, 0, sizeof(o));
	o.period = PERIOD_MONTH;
	o.closed = 1;
	o.level = 0.95;
	o.role = "victim";
	o.area = "borough";
	parse_positive(&o, "1,2,3,4,6,7,8");
	while ((ch = getopt_long(argc, argv, "b:ho:p:w:", longopts, NULL)) !=
	    -1) {
		if (cli_common(&cli, ch, optarg))
			continue;
		switch (ch) {
		case OPT_AFTER:
			arg_window("--after", optarg, &o.a0, &o.a1);
			o.has_after = 1;
			break;
		case OPT_AREA:
			o.area = optarg;
			break;
		case OPT_AT:
			o.at = arg_date("--at", optarg);
			o.has_at = 1;
			break;
		case OPT_BASIS:
			if (strcmp(optarg, "closed") == 0)
				o.closed = 1;
			else if (strcmp(optarg, "recorded") == 0)
				o.closed = 0;
			else
				cli_badarg(&cli, "--basis: closed or recorded");
			break;
		case OPT_BEFORE:
			arg_window("--before", optarg, &o.b0, &o.b1);
			o.has_before = 1;
			break;
		case 'b':
			o.by = split_list(optarg, &o.nby);
			break;
		case OPT_COMPARE:
			if (strcmp(optarg, "prev") == 0)
				o.compare = 1;
			else if (strcmp(optarg, "yoy") == 0)
				o.compare = 2;
			else
				cli_badarg(&cli, "--compare: prev or yoy");
			break;
		case OPT_DATE:
			o.datecol = optarg;
			break;
		case OPT_DISTINCT:
			o.distinct = 1;
			break;
		case OPT_FROM:
			o.from = arg_date("--from", optarg);
			o.has_from = 1;
			break;
		case OPT_LEVEL:
			errno = 0;
			o.level = strtod(optarg, &endp) / 100;
			if (*endp != '\0' || errno != 0 || !(o.level >= 0.5) ||
			    !(o.level < 1))
				cli_badarg(&cli, "--level: a percentage from "
				    "50 to below 100");
			break;
		case OPT_OUTCOMES: {
			char err[256];

			outcomes_file = optarg;
			if (classify_load(CLASSIFY_OUTCOMES, optarg, err,
			    sizeof(err)) != 0)
				diag_fatal(EX_DATAERR, "%s", err);
			break;
		}
		case 'p':
			if (strcmp(optarg, "rolling12") == 0) {
				o.rolling = 1;
				o.period = PERIOD_MONTH;
			} else if (period_parse(optarg, &o.period) != 0)
				cli_badarg(&cli, "--period: month, quarter, fy, "
				    "year, rolling12 or all");
			else
				o.rolling = 0;
			o.period_set = 1;
			break;
		case OPT_POPULATION:
			o.popfile = optarg;
			break;
		case OPT_POSITIVE:
			parse_positive(&o, optarg);
			break;
		case OPT_ROLE:
			o.role = optarg;
			break;
		case OPT_TARGET:
			errno = 0;
			o.target = strtol(optarg, &endp, 10);
			if (*endp != '\0' || errno != 0 || o.target < 0 ||
			    endp == optarg)
				cli_badarg(&cli, "--target: a whole number");
			o.has_target = 1;
			break;
		case OPT_TO:
			o.to = arg_date("--to", optarg);
			o.has_to = 1;
			break;
		case 'w':
			add_where(&o, optarg);
			break;
		default:
			cli_usage(&cli);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		cli_usage(&cli);
	for (k = 0; k < sizeof(metric_names) / sizeof(metric_names[0]); k++)
		if (strcmp(argv[0], metric_names[k]) == 0)
			break;
	if (k == sizeof(metric_names) / sizeof(metric_names[0]))
		cli_badarg(&cli, "unknown metric");
	o.metric = (enum metric)k;
	argc--;
	argv++;
	if (o.metric == M_WANTED && !o.period_set)
		o.period = PERIOD_ALL;
	if (!o.has_at)
		o.at = date_today();
	check_options(&o);

	memset(&R, 0, sizeof(R));
	R.o = &o;
	R.load_from = o.compare ? date_add_months(period_start(PERIOD_MONTH,
	    o.from), -12) : o.from;
	R.minb = R.minday = INT32_MAX;
	R.maxb = R.maxday = INT32_MIN;
	R.byix = xcalloc(o.nby + 1, sizeof(*R.byix));
	R.keycap = 256;
	R.key = xmalloc(R.keycap);
	for (k = 0; k < o.nby; k++)
		if (strcmp(o.by[k], "order_type") == 0)
			R.order_by_type = 1;
	switch (o.metric) {
	case M_ORDERS:
		R.agg = agg_new(R_NCOUNT, 0);
		break;
	case M_WANTED:
		R.agg = agg_new(W_NCOUNT, 2);
		break;
	case M_MARAC:
		R.agg = agg_new(A_NCOUNT, 0);
		break;
	case M_DISCLOSURES:
		R.agg = agg_new(D_NCOUNT, 1);
		break;
	case M_REPEAT:
		R.agg = agg_new(P_NCOUNT, 0);
		break;
	default:
		R.agg = agg_new(3, 0);
		break;
	}
	if (o.distinct)
		R.seen = hmap_new();
	R.people = hmap_new();
	R.groups = hmap_new();
	R.areas = hmap_new();

	if (argc == 0) {
		static char *dash[] = { "-", NULL };

		argv = dash;
		argc = 1;
	}
	{
		struct out_use *u = xcalloc((size_t)argc + 3, sizeof(*u));

		u[0] = (struct out_use){ "-o", cli.out, OUT_OUT };
		u[1] = (struct out_use){ "--population", o.popfile, OUT_IN };
		u[2] = (struct out_use){ "--outcomes", outcomes_file, OUT_IN };
		for (i = 0; i < argc; i++)
			u[i + 3] = (struct out_use){ "input", argv[i], OUT_IN };
		out_distinct(u, (size_t)argc + 3);
		free(u);
	}
	out = out_open(cli.out);
	for (i = 0; i < argc; i++)
		if ((rc = read_input(&R, argv[i])) != 0)
			status = rc;
	if (o.metric == M_MARAC)
		finish_marac(&R);
	if (o.metric == M_REPEAT)
		finish_repeat(&R);
	write_output(&R, out_fp(out), out_name(out));
	print_notes(&R);
	if (status == 0 && R.rejected > 0)
		status = cli.strict ? EX_DATAERR : 1;

	for (k = 0; k < R.nvic; k++) {
		free(R.vic[k].day);
		free(R.vic[k].tag);
	}
	free(R.vic);
	hmap_free(R.people);
	hmap_free(R.groups);
	hmap_free(R.areas);
	hmap_free(R.seen);
	agg_free(R.agg);
	free(R.key);
	free(R.byix);
	for (k = 0; k < o.nby; k++)
		free(o.by[k]);
	free(o.by);
	for (k = 0; k < o.nwhere; k++)
		free((char *)o.where[k].col);
	free(o.where);
	return out_close(out, status);
}
