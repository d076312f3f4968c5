/*
 * vawg-rank: ranks perpetrators by recency, frequency and harm (the
 * VAWG 100 and the Op Dauntless cohort).  It streams crimes that carry a
 * person id (suspect_id from vawg-dedupe), keeps one accumulator per id
 * for the offences inside the window ending on the as-of date, adds
 * aggravators from orders (breached) and wanted records (wanted now),
 * and writes the top N with every component of each score, optionally
 * with its arithmetic and its movement since last month's list.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kinds/classify.h"
#include "core/cli.h"
#include "core/csvio.h"
#include "core/dates.h"
#include "core/diag.h"
#include "kinds/harm.h"
#include "core/hmap.h"
#include "core/outfile.h"
#include "rank/rankscore.h"
#include "core/utf8.h"

#define SYNOPSIS "vawg-rank [--all-crimes] [--da-only] [--explain] " \
	"[--no-excel-safe] [--print-harm] [--print-weights] [--strict] [--as-of date] " \
	"[--date column] [--harm file] [--id column] [--min-da n] " \
	"[--orders file] [--previous file] [--role role] [--top n] " \
	"[--victim-id column] [--wanted file] [--weights file] " \
	"[--window days] [-o file] [file ...]"

#define HELP \
"  --all-crimes        count every crime, not only VAWG ones\n" \
"  --as-of DATE        end of the window (YYYY-MM-DD; default today)\n" \
"  --da-only           count only domestic abuse crimes (da_flag Y)\n" \
"  --date COLUMN       offence date column (default reported_date;\n" \
"                      committed_date when empty)\n" \
"  --explain           add an explain column with each score's arithmetic\n" \
"  --harm FILE         crime-harm table (offence_code,harm_days)\n" \
"  --id COLUMN         person id column (default suspect_id)\n" \
"  --min-da N          list only persons with N or more DA offences\n" \
"  --orders FILE       orders: breach_count > 0 flags the respondent\n" \
"  --previous FILE     last list: mark new, left and rank movement\n" \
"  --print-harm        write the built-in harm table and exit\n" \
"  --print-weights     write the built-in weights and exit\n" \
"  --role ROLE         name columns ROLE_forename... (default: from --id)\n" \
"  --top N             list the top N (default 100; 0 = everyone)\n" \
"  --victim-id COLUMN  victim id column (default victim_id; else name+dob)\n" \
"  --wanted FILE       wanted records: not arrested flags the person\n" \
"  --weights FILE      score weights (weight,value)\n" \
"  --window DAYS       window length, e.g. 365d (default 365d)\n" \
"  -o, --output FILE   write FILE (mode 0600) instead of stdout\n" \
"  --no-excel-safe     write fields beginning with = + - @ TAB CR as they\n" \
"                      are (default: '= quoted, safe to open in a\n" \
"                      spreadsheet; --previous reads either)\n" \
"  --strict            any rejected row fails the run (exit 65)\n" \
"  --mode MODE         mode of the created file (default 0600)\n" \
"  -h, --help          this help;  --version  the version\n" \
"\n" \
"Memory: one accumulator per distinct person id and one 8-byte hash per\n" \
"distinct person-victim pair; never the crimes themselves.\n"

enum {
	OPT_ALL = CLI_OPT_FIRST_FREE,
	OPT_AS_OF,
	OPT_DA_ONLY,
	OPT_DATE,
	OPT_EXPLAIN,
	OPT_HARM,
	OPT_ID,
	OPT_MIN_DA,
	OPT_ORDERS,
	OPT_PREVIOUS,
	OPT_PRINT_HARM,
	OPT_PRINT_WEIGHTS,
	OPT_ROLE,
	OPT_TOP,
	OPT_VICTIM_ID,
	OPT_WANTED,
	OPT_WEIGHTS,
	OPT_WINDOW,
};

static const struct option longopts[] = {
	CLI_LONGOPTS,
	CLI_EXCEL_LONGOPTS,
	{ "all-crimes", no_argument, NULL, OPT_ALL },
	{ "as-of", required_argument, NULL, OPT_AS_OF },
	{ "da-only", no_argument, NULL, OPT_DA_ONLY },
	{ "date", required_argument, NULL, OPT_DATE },
	{ "explain", no_argument, NULL, OPT_EXPLAIN },
	{ "harm", required_argument, NULL, OPT_HARM },
	{ "id", required_argument, NULL, OPT_ID },
	{ "min-da", required_argument, NULL, OPT_MIN_DA },
	{ "orders", required_argument, NULL, OPT_ORDERS },
	{ "previous", required_argument, NULL, OPT_PREVIOUS },
	{ "print-harm", no_argument, NULL, OPT_PRINT_HARM },
	{ "print-weights", no_argument, NULL, OPT_PRINT_WEIGHTS },
	{ "role", required_argument, NULL, OPT_ROLE },
	{ "top", required_argument, NULL, OPT_TOP },
	{ "victim-id", required_argument, NULL, OPT_VICTIM_ID },
	{ "wanted", required_argument, NULL, OPT_WANTED },
	{ "weights", required_argument, NULL, OPT_WEIGHTS },
	{ "window", required_argument, NULL, OPT_WINDOW },
	{ NULL, 0, NULL, 0 }
};

/* Rejected rows reported one by one before only a total is given. */
#define MAX_REPORTED 20

struct opts {
	struct cli cli;
	const char *idcol, *role, *datecol, *victimcol;
	const char *harmfile, *weightsfile, *orders, *wanted, *previous;
	int32_t as_of;
	int window;
	size_t top;
	unsigned long min_da;
	int all, da_only, explain;
	char *suffix;		/* id column minus the role: "_id" */
};

/* Everything a run keeps. */
struct run {
	struct opts *o;
	struct rank_set *set;
	struct harm *harm;
	struct rank_weights w;
	unsigned long rejects;
	int missing;		/* an input could not be opened */
	char *vkey;		/* victim key buffer, reused */
	size_t vkeycap;
};

/* One row of last month's list. */
struct prev {
	char *id;
	size_t idlen;
	long rank;
	char *text[RANK_NTEXT];
	int seen;		/* on this month's list too */
};

static const char *const text_suffix[RANK_NTEXT] = {
	"_forename", "_surname", "_dob", "_pnc"
};

/* Parses a whole non-negative decimal number up to max; -1 when not. */
static long
parse_count(const char *s, long max)
{
	char *end;
	long v;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v > max)
		return -1;
	return v;
}

/* "365", "365d": days from 1 to 36500. */
static int
parse_window(const char *s)
{
	char buf[16];
	size_t n = strlen(s);
	long v;

	if (n == 0 || n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n + 1);
	if (buf[n - 1] == 'd')
		buf[n - 1] = '\0';
	v = parse_count(buf, 36500);
	return v >= 1 ? (int)v : -1;
}

/* A column name with the role prefix: role + suffix, in a new string. */
static char *
rolecol(const char *role, const char *suffix)
{
	size_t a = strlen(role), b = strlen(suffix);
	char *s = xmalloc(a + b + 1);

	memcpy(s, role, a);
	memcpy(s + a, suffix, b + 1);
	return s;
}

static void
reject(struct run *rn, struct csvr *r, const char *fmt, const char *what)
{
	if (rn->rejects++ < MAX_REPORTED)
		diag_at(csvr_name(r), csvr_line(r), fmt, what);
}

/* Y or y. */
static int
is_yes(const char *s)
{
	return (s[0] == 'Y' || s[0] == 'y') && s[1] == '\0';
}

/*
 * Appends s to the victim key, then a '|': as it is when raw, else its
 * matching key (lib/utf8: case and accents folded in every script)
 * without spaces, so that "Ann  O'Neil" and "ANN ONEIL", "Ștefan" and
 * "STEFAN" are one name.
 */
static size_t
key_add(struct run *rn, size_t k, const char *s, size_t n, int raw)
{
	size_t i, j, len, room = raw ? n + 2 : 4 * n + 64;

	if (k + room > rn->vkeycap) {
		rn->vkeycap = (k + room) * 2;
		rn->vkey = xrealloc(rn->vkey, rn->vkeycap);
	}
	if (raw) {
		memcpy(rn->vkey + k, s, n);
		rn->vkey[k + n] = '|';
		return k + n + 1;
	}
	len = utf8_key(s, n, rn->vkey + k, room - 1);
	for (i = j = 0; i < len; i++)
		if (rn->vkey[k + i] != ' ')
			rn->vkey[k + j++] = rn->vkey[k + i];
	k += j;
	rn->vkey[k++] = '|';
	return k;
}

/* Column indexes of a crimes file (-1 when absent). */
struct cols {
	int id, date, date2, code, da, vawg, vid, vfore, vsur, vdob;
	int text[RANK_NTEXT];
};

static int
find_cols(struct run *rn, struct csvr *r, struct cols *c)
{
	struct opts *o = rn->o;
	const char *other;
	char *name;
	int t;

	c->id = csvr_col(r, o->idcol);
	c->date = csvr_col(r, o->datecol);
	other = strcmp(o->datecol, "committed_date") == 0 ? "reported_date" :
	    "committed_date";
	c->date2 = strcmp(o->datecol, other) == 0 ? -1 : csvr_col(r, other);
	c->code = csvr_col(r, "offence_code");
	c->da = csvr_col(r, "da_flag");
	c->vawg = csvr_col(r, "vawg");
	c->vid = csvr_col(r, o->victimcol);
	c->vfore = csvr_col(r, "victim_forename");
	c->vsur = csvr_col(r, "victim_surname");
	c->vdob = csvr_col(r, "victim_dob");
	for (t = 0; t < RANK_NTEXT; t++) {
		name = rolecol(o->role, text_suffix[t]);
		c->text[t] = csvr_col(r, name);
		free(name);
	}
	if (c->id < 0) {
		diag_at(csvr_name(r), 1, "no %s column", o->idcol);
		return -1;
	}
	if (c->date < 0 && c->date2 < 0) {
		diag_at(csvr_name(r), 1, "no %s or %s column", o->datecol,
		    other);
		return -1;
	}
	if (c->code < 0) {
		diag_at(csvr_name(r), 1, "no offence_code column");
		return -1;
	}
	if (c->da < 0 && (o->da_only || o->min_da > 0)) {
		diag_at(csvr_name(r), 1, "no da_flag column");
		return -1;
	}
	return 0;
}

/* The field at column c, or "" when the column is absent. */
static const char *
fld(struct csvr *r, int c, size_t *len)
{
	if (c < 0) {
		*len = 0;
		return "";
	}
	return csvr_field_n(r, (size_t)c, len);
}

/* Handles one crime record. */
static void
crime(struct run *rn, struct csvr *r, const struct cols *c)
{
	struct opts *o = rn->o;
	struct rank_person *p;
	const char *id, *ds, *code, *da;
	size_t idlen, dlen, clen, n;
	int32_t day;
	double harm;
	int t, isda, col;

	if (csvr_recerr(r) != CSVR_OK) {
		reject(rn, r, "%s", csvr_recerr_str(csvr_recerr(r)));
		return;
	}
	id = fld(r, c->id, &idlen);
	if (idlen == 0)
		return;		/* no identified suspect */
	col = c->date;
	ds = fld(r, col, &dlen);
	if (dlen == 0) {
		col = c->date2;
		ds = fld(r, col, &dlen);
	}
	if (dlen == 0) {
		reject(rn, r, "%s", "no offence date");
		return;
	}
	if (date_parse_iso(ds, dlen, &day) == -1) {
		reject(rn, r, "%s is not a date", csvr_colname(r, (size_t)col));
		return;
	}
	if (day > o->as_of || day < o->as_of - o->window)
		return;
	da = fld(r, c->da, &n);
	isda = is_yes(da);
	code = fld(r, c->code, &clen);
	if (o->da_only) {
		if (!isda)
			return;
	} else if (!o->all) {
		const char *v = fld(r, c->vawg, &n);

		if (n == 0)
			v = classify_vawg(code, clen, da);
		if (!is_yes(v))
			return;
	}
	p = rank_set_person(rn->set, id, idlen);
	if (!harm_lookup(rn->harm, code, clen, &harm))
		p->flags |= RANK_UNKNOWN_CODE;
	rank_offence(p, day, harm, isda);
	for (t = 0; t < RANK_NTEXT; t++) {
		const char *v = fld(r, c->text[t], &n);

		rank_text_offer(p, t, v, n, day);
	}
	/* The victim: by id when there is one, else by name and birth. */
	{
		const char *v = fld(r, c->vid, &n);
		size_t k = 0, fl, sl, bl;
		const char *f, *s, *b;

		if (n > 0) {
			k = key_add(rn, 0, "I", 1, 1);
			k = key_add(rn, k, v, n, 1);
		} else {
			f = fld(r, c->vfore, &fl);
			s = fld(r, c->vsur, &sl);
			b = fld(r, c->vdob, &bl);
			if (fl + sl > 0) {
				k = key_add(rn, 0, "N", 1, 1);
				k = key_add(rn, k, f, fl, 0);
				k = key_add(rn, k, s, sl, 0);
				k = key_add(rn, k, b, bl, 0);
			}
		}
		if (k > 0)
			rank_victim(rn->set, p, rn->vkey, k);
	}
}

/*
 * Opens path for one of the inputs; NULL (with a warning, and missing
 * set) when it cannot be opened.
 */
static struct csvr *
open_input(struct run *rn, const char *path)
{
	struct csvr *r = csvr_open(path, NULL);

	if (r == NULL) {
		diag_warn("%s: %s", path, strerror(errno));
		rn->missing = 1;
	}
	return r;
}

/*
 * Reads the header; returns 1 when there are records to read, 0 for an
 * empty file, and exits 65 on a read error.
 */
static int
header(struct csvr *r)
{
	int rc = csvr_header(r);

	if (rc == CSVR_ERROR)
		diag_fatal_at(EX_DATAERR, csvr_name(r), csvr_error_line(r),
		    "%s", csvr_error(r));
	return rc == CSVR_RECORD;
}

static void
end_input(struct csvr *r, int rc)
{
	if (rc == CSVR_ERROR)
		diag_fatal_at(EX_DATAERR, csvr_name(r), csvr_error_line(r),
		    "%s", csvr_error(r));
	csvr_close(r);
}

static void
read_crimes(struct run *rn, const char *path)
{
	struct csvr *r;
	struct cols c;
	int rc;

	if ((r = open_input(rn, path)) == NULL)
		return;
	if (!header(r)) {
		csvr_close(r);
		return;
	}
	if (find_cols(rn, r, &c) == -1)
		exit(EX_DATAERR);
	while ((rc = csvr_next(r)) == CSVR_RECORD)
		crime(rn, r, &c);
	end_input(r, rc);
}

/* A required column of an aggravator file; exits 65 when absent. */
static int
need_col(struct csvr *r, const char *name)
{
	int c = csvr_col(r, name);

	if (c < 0)
		diag_fatal_at(EX_DATAERR, csvr_name(r), 1, "no %s column",
		    name);
	return c;
}

/*
 * A date field for an aggravator: 0 and *day set, 1 when empty, -1 (and
 * the row rejected) when not a date.
 */
static int
agg_date(struct run *rn, struct csvr *r, int c, int32_t *day)
{
	size_t n;
	const char *s = fld(r, c, &n);

	if (n == 0)
		return 1;
	if (date_parse_iso(s, n, day) == -1) {
		reject(rn, r, "%s is not a date", csvr_colname(r, (size_t)c));
		return -1;
	}
	return 0;
}

/*
 * Orders: a respondent of an order with breach_count above 0 that was
 * granted by the as-of date (or has no granted_date) is breaching.
 */
static void
read_orders(struct run *rn, const char *path)
{
	struct csvr *r;
	char *idname;
	int cid, cbreach, cgranted, rc;

	if ((r = open_input(rn, path)) == NULL)
		return;
	if (!header(r)) {
		csvr_close(r);
		return;
	}
	idname = rolecol("respondent", rn->o->suffix);
	cid = need_col(r, idname);
	free(idname);
	cbreach = need_col(r, "breach_count");
	cgranted = csvr_col(r, "granted_date");
	while ((rc = csvr_next(r)) == CSVR_RECORD) {
		const char *id, *b;
		size_t idlen, n;
		int32_t day;
		long breaches;

		if (csvr_recerr(r) != CSVR_OK) {
			reject(rn, r, "%s", csvr_recerr_str(csvr_recerr(r)));
			continue;
		}
		id = fld(r, cid, &idlen);
		b = fld(r, cbreach, &n);
		if (idlen == 0 || n == 0)
			continue;
		if ((breaches = parse_count(b, LONG_MAX)) < 0) {
			reject(rn, r, "%s is not a count", "breach_count");
			continue;
		}
		if (breaches == 0)
			continue;
		if (cgranted >= 0) {
			int k = agg_date(rn, r, cgranted, &day);

			if (k == -1 || (k == 0 && day > rn->o->as_of))
				continue;
		}
		rank_set_person(rn->set, id, idlen)->flags |=
		    RANK_ORDER_BREACH;
	}
	end_input(r, rc);
}

/*
 * Wanted: a person wanted on or before the as-of date and not arrested
 * by then (arrest_date empty or later) is wanted now.
 */
static void
read_wanted(struct run *rn, const char *path)
{
	struct csvr *r;
	char *idname;
	int cid, carrest, cwanted, rc;

	if ((r = open_input(rn, path)) == NULL)
		return;
	if (!header(r)) {
		csvr_close(r);
		return;
	}
	idname = rolecol("person", rn->o->suffix);
	cid = need_col(r, idname);
	free(idname);
	carrest = need_col(r, "arrest_date");
	cwanted = csvr_col(r, "wanted_date");
	while ((rc = csvr_next(r)) == CSVR_RECORD) {
		const char *id;
		size_t idlen;
		int32_t day;
		int k;

		if (csvr_recerr(r) != CSVR_OK) {
			reject(rn, r, "%s", csvr_recerr_str(csvr_recerr(r)));
			continue;
		}
		id = fld(r, cid, &idlen);
		if (idlen == 0)
			continue;
		if (cwanted >= 0) {
			k = agg_date(rn, r, cwanted, &day);
			if (k == -1 || (k == 0 && day > rn->o->as_of))
				continue;
		}
		k = agg_date(rn, r, carrest, &day);
		if (k == -1 || (k == 0 && day <= rn->o->as_of))
			continue;
		rank_set_person(rn->set, id, idlen)->flags |= RANK_WANTED;
	}
	end_input(r, rc);
}

/*
 * Last month's list: rows with a rank (rows that had left already carry
 * none and are skipped).  Returns the rows in file order.
 */
static struct prev *
read_previous(struct run *rn, const char *path, struct hmap *idx,
    size_t *count)
{
	struct csvr *r;
	struct prev *v = NULL;
	size_t n = 0, cap = 0;
	int cid, crank, ctext[RANK_NTEXT], t, rc;

	*count = 0;
	if ((r = open_input(rn, path)) == NULL)
		return NULL;
	if (!header(r)) {
		csvr_close(r);
		return NULL;
	}
	crank = need_col(r, "rank");
	cid = need_col(r, rn->o->idcol);
	for (t = 0; t < RANK_NTEXT; t++) {
		char *name = rolecol(rn->o->role, text_suffix[t]);

		ctext[t] = csvr_col(r, name);
		free(name);
	}
	while ((rc = csvr_next(r)) == CSVR_RECORD) {
		const char *id, *rk;
		size_t idlen, rlen, len, k;
		uintptr_t *slot;
		int created;
		long rank;

		if (csvr_recerr(r) != CSVR_OK)
			diag_fatal_at(EX_DATAERR, csvr_name(r), csvr_line(r),
			    "%s", csvr_recerr_str(csvr_recerr(r)));
		id = fld(r, cid, &idlen);
		/* Written spreadsheet-safe: "'=x" was the id "=x". */
		k = csv_excel_prefix(id, idlen);
		id += k;
		idlen -= k;
		rk = fld(r, crank, &rlen);
		if (rlen == 0)
			continue;
		if (idlen == 0 || (rank = parse_count(rk, LONG_MAX)) < 1)
			diag_fatal_at(EX_DATAERR, csvr_name(r), csvr_line(r),
			    "%s", idlen == 0 ? "empty id" :
			    "rank is not a whole number from 1");
		slot = hmap_slot(idx, id, idlen, 1, &created);
		if (!created)
			diag_fatal_at(EX_DATAERR, csvr_name(r), csvr_line(r),
			    "repeated %s", rn->o->idcol);
		if (n == cap) {
			cap = cap ? cap * 2 : 128;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		memset(&v[n], 0, sizeof(v[n]));
		v[n].id = xstrndup(id, idlen);
		v[n].idlen = idlen;
		v[n].rank = rank;
		for (t = 0; t < RANK_NTEXT; t++) {
			const char *s = fld(r, ctext[t], &len);

			k = csv_excel_prefix(s, len);
			v[n].text[t] = xstrndup(s + k, len - k);
		}
		*slot = n++;
	}
	end_input(r, rc);
	*count = n;
	return v;
}

static int
keep_min_da(const struct rank_person *p, void *arg)
{
	const struct opts *o = arg;

	return p->offences > 0 && p->da_offences >= o->min_da;
}

static void
put_num(struct csvw *w, const char *fmt, double v)
{
	char buf[64];

	snprintf(buf, sizeof(buf), fmt, v);
	csvw_str(w, buf);
}

static void
put_long(struct csvw *w, long long v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%lld", v);
	csvw_str(w, buf);
}

static void
write_header(struct csvw *w, const struct opts *o, int prev)
{
	static const char *const cols[] = {
		"score", "recency_points", "frequency_points", "harm_points",
		"victim_points", "order_breach_points", "wanted_points",
		"offence_count", "da_offence_count", "victim_count",
		"harm_days", "last_offence_date", "days_since_last", "flags",
	};
	size_t i;
	int t;

	csvw_str(w, "rank");
	csvw_str(w, o->idcol);
	for (t = 0; t < RANK_NTEXT; t++) {
		char *name = rolecol(o->role, text_suffix[t]);

		csvw_str(w, name);
		free(name);
	}
	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		csvw_str(w, cols[i]);
	if (prev) {
		csvw_str(w, "previous_rank");
		csvw_str(w, "rank_change");
		csvw_str(w, "movement");
	}
	if (o->explain)
		csvw_str(w, "explain");
	csvw_end(w);
}

/* Writes the score columns of p, or empty ones when p is NULL. */
static void
write_scores(struct run *rn, struct csvw *w, const struct rank_person *p)
{
	char buf[64];
	double pts[6];
	int i;

	if (p == NULL || p->offences == 0) {
		for (i = 0; i < 14; i++)
			csvw_str(w, "");
		return;
	}
	rank_format_score(p->score_c, buf);
	csvw_str(w, buf);
	rank_points(p, &rn->w, rn->o->as_of, rn->o->window, pts);
	for (i = 0; i < 6; i++)
		put_num(w, "%.2f", pts[i]);
	put_long(w, p->offences);
	put_long(w, p->da_offences);
	put_long(w, p->victims);
	put_num(w, "%.10g", p->harm_days);
	date_format(p->last_day, buf);
	csvw_str(w, buf);
	put_long(w, (long long)rn->o->as_of - p->last_day);
	snprintf(buf, sizeof(buf), "%s%s%s",
	    p->flags & RANK_ORDER_BREACH ? "order_breach;" : "",
	    p->flags & RANK_WANTED ? "wanted;" : "",
	    p->flags & RANK_UNKNOWN_CODE ? "unknown_code;" : "");
	if (buf[0] != '\0')
		buf[strlen(buf) - 1] = '\0';
	csvw_str(w, buf);
}

static void
write_explain(struct run *rn, struct csvw *w, const struct rank_person *p,
    char **buf, size_t *cap)
{
	size_t need;

	if (p == NULL || p->offences == 0) {
		csvw_str(w, "");
		return;
	}
	need = rank_explain(p, &rn->w, rn->o->as_of, rn->o->window, *buf,
	    *cap);
	if (need >= *cap) {
		*cap = need + 1;
		*buf = xrealloc(*buf, *cap);
		rank_explain(p, &rn->w, rn->o->as_of, rn->o->window, *buf,
		    *cap);
	}
	csvw_str(w, *buf);
}

/*
 * Writes the list; pv (npv rows, indexed by id in pidx) is last month's
 * list when there is one.
 */
static int
write_list(struct run *rn, struct outfile *out, struct prev *pv, size_t npv,
    struct hmap *pidx)
{
	struct opts *o = rn->o;
	struct csvw *w = csvw_new(out_fp(out), ',');
	struct rank_person **top;
	size_t n, i, ecap = 256;
	char *ebuf = xmalloc(ecap);
	int t, rc;

	csvw_excel_safe(w, o->cli.excel_safe);

	top = rank_top(rn->set, &rn->w, o->as_of, o->window, o->top,
	    o->min_da > 0 ? keep_min_da : NULL, o, &n);
	write_header(w, o, o->previous != NULL);
	for (i = 0; i < n; i++) {
		struct rank_person *p = top[i];

		put_long(w, (long long)i + 1);
		csvw_field(w, p->id, p->idlen);
		for (t = 0; t < RANK_NTEXT; t++)
			csvw_str(w, rank_text(p, t));
		write_scores(rn, w, p);
		if (o->previous != NULL) {
			uintptr_t *slot = hmap_slot(pidx, p->id, p->idlen, 0,
			    NULL);

			if (slot == NULL) {
				csvw_str(w, "");
				csvw_str(w, "");
				csvw_str(w, "new");
			} else {
				long prank = pv[*slot].rank;
				long change = prank - (long)(i + 1);

				pv[*slot].seen = 1;
				put_long(w, prank);
				put_long(w, change);
				csvw_str(w, change > 0 ? "up" : change < 0 ?
				    "down" : "same");
			}
		}
		if (o->explain)
			write_explain(rn, w, p, &ebuf, &ecap);
		csvw_end(w);
	}
	/* Who left: in last month's order, with what is known now. */
	for (i = 0; i < npv; i++) {
		struct rank_person *p;

		if (pv[i].seen)
			continue;
		p = rank_set_find(rn->set, pv[i].id, pv[i].idlen);
		if (p != NULL && p->offences > 0)
			rank_score(p, &rn->w, o->as_of, o->window);
		csvw_str(w, "");
		csvw_field(w, pv[i].id, pv[i].idlen);
		for (t = 0; t < RANK_NTEXT; t++)
			csvw_str(w, p != NULL && p->textday[t] != INT32_MIN ?
			    rank_text(p, t) : pv[i].text[t]);
		write_scores(rn, w, p);
		put_long(w, pv[i].rank);
		csvw_str(w, "");
		csvw_str(w, "left");
		if (o->explain)
			write_explain(rn, w, p, &ebuf, &ecap);
		csvw_end(w);
	}
	rc = csvw_free(w);
	free(top);
	free(ebuf);
	return rc;
}

static int
print_table(const struct opts *o, const char *text)
{
	struct outfile *out = out_open(o->cli.out);

	fputs(text, out_fp(out));
	return out_close(out, 0);
}

int
main(int argc, char *argv[])
{
	struct opts o = {
		.cli = { .synopsis = SYNOPSIS, .help = HELP, .excel_safe = 1 },
		.idcol = "suspect_id", .datecol = "reported_date",
		.victimcol = "victim_id", .window = 365, .top = 100,
	};
	struct run rn = { .o = &o };
	struct outfile *out;
	struct prev *pv = NULL;
	struct hmap *pidx;
	size_t npv = 0, j;
	int ch, i, t, status = 0, print = 0;
	const char *u;
	long v;

	diag_setprog(argv[0]);
	o.as_of = date_today();
	while ((ch = getopt_long(argc, argv, "ho:", longopts, NULL)) != -1) {
		if (cli_common(&o.cli, ch, optarg))
			continue;
		switch (ch) {
		case OPT_ALL:
			o.all = 1;
			break;
		case OPT_AS_OF:
			if (strlen(optarg) != 10 ||
			    date_parse_iso(optarg, 10, &o.as_of) == -1)
				cli_badarg(&o.cli, "--as-of: not a date "
				    "YYYY-MM-DD");
			break;
		case OPT_DA_ONLY:
			o.da_only = 1;
			break;
		case OPT_DATE:
			o.datecol = optarg;
			break;
		case OPT_EXPLAIN:
			o.explain = 1;
			break;
		case OPT_HARM:
			o.harmfile = optarg;
			break;
		case OPT_ID:
			o.idcol = optarg;
			break;
		case OPT_MIN_DA:
			if ((v = parse_count(optarg, 1000000)) < 1)
				cli_badarg(&o.cli, "--min-da: not a count "
				    "from 1");
			o.min_da = (unsigned long)v;
			break;
		case OPT_ORDERS:
			o.orders = optarg;
			break;
		case OPT_PREVIOUS:
			o.previous = optarg;
			break;
		case OPT_PRINT_HARM:
			print = 1;
			break;
		case OPT_PRINT_WEIGHTS:
			print = 2;
			break;
		case OPT_ROLE:
			o.role = optarg;
			break;
		case OPT_TOP:
			if ((v = parse_count(optarg, 100000000)) < 0)
				cli_badarg(&o.cli, "--top: not a count");
			o.top = (size_t)v;
			break;
		case OPT_VICTIM_ID:
			o.victimcol = optarg;
			break;
		case OPT_WANTED:
			o.wanted = optarg;
			break;
		case OPT_WEIGHTS:
			o.weightsfile = optarg;
			break;
		case OPT_WINDOW:
			if ((o.window = parse_window(optarg)) < 0)
				cli_badarg(&o.cli, "--window: not a number of "
				    "days from 1 to 36500, such as 365d");
			break;
		default:
			cli_usage(&o.cli);
		}
	}
	argc -= optind;
	argv += optind;
	if (o.idcol[0] == '\0' || o.datecol[0] == '\0' ||
	    o.victimcol[0] == '\0' || (o.role != NULL && o.role[0] == '\0'))
		cli_badarg(&o.cli, "a column or role name is empty");
	if (print == 1)
		return print_table(&o, harm_default_csv);
	if (print == 2)
		return print_table(&o, rank_weights_default_csv);

	{
		int nin = argc > 0 ? argc : 1;
		struct out_use *uses = xcalloc((size_t)nin + 6, sizeof(*uses));

		uses[0] = (struct out_use){ "-o", o.cli.out ? o.cli.out : "-",
		    OUT_OUT };
		uses[1] = (struct out_use){ "--orders", o.orders, OUT_IN };
		uses[2] = (struct out_use){ "--wanted", o.wanted, OUT_IN };
		uses[3] = (struct out_use){ "--previous", o.previous, OUT_IN };
		uses[4] = (struct out_use){ "--harm", o.harmfile, OUT_IN };
		uses[5] = (struct out_use){ "--weights", o.weightsfile, OUT_IN };
		for (i = 0; i < nin; i++)
			uses[i + 6] = (struct out_use){ "input",
			    argc > 0 ? argv[i] : "-", OUT_IN };
		out_distinct(uses, (size_t)nin + 6);
		free(uses);
	}
	if ((rn.harm = harm_load(o.harmfile, &status)) == NULL)
		return status;
	if (rank_weights_load(o.weightsfile, &rn.w, &status) == -1) {
		harm_free(rn.harm);
		return status;
	}
	/* The role and the id suffix: suspect_id is suspect + _id. */
	u = strchr(o.idcol, '_');
	if (o.role == NULL) {
		o.role = u != NULL && u != o.idcol ?
		    xstrndup(o.idcol, (size_t)(u - o.idcol)) : xstrdup("suspect");
	} else
		o.role = xstrdup(o.role);
	if (strncmp(o.idcol, o.role, strlen(o.role)) == 0 &&
	    o.idcol[strlen(o.role)] == '_')
		o.suffix = xstrdup(o.idcol + strlen(o.role));
	else
		o.suffix = xstrdup("_id");

	rn.set = rank_set_new();
	if (o.orders != NULL)
		read_orders(&rn, o.orders);
	if (o.wanted != NULL)
		read_wanted(&rn, o.wanted);
	if (argc == 0)
		read_crimes(&rn, "-");
	for (i = 0; i < argc; i++)
		read_crimes(&rn, argv[i]);
	pidx = hmap_new();
	if (o.previous != NULL)
		pv = read_previous(&rn, o.previous, pidx, &npv);

	if (rn.rejects > MAX_REPORTED)
		diag_warn("%lu more rows rejected", rn.rejects - MAX_REPORTED);
	if (rn.rejects > 0)
		status = o.cli.strict ? EX_DATAERR : 1;
	if (rn.missing)
		status = EX_NOINPUT;
	if (status != EX_DATAERR) {
		out = out_open(o.cli.out);
		if (write_list(&rn, out, pv, npv, pidx) == -1)
			diag_fatal(EX_IOERR, "%s: write error", out_name(out));
		status = out_close(out, status);
	}
	for (j = 0; j < npv; j++) {
		free(pv[j].id);
		for (t = 0; t < RANK_NTEXT; t++)
			free(pv[j].text[t]);
	}
	free(pv);
	hmap_free(pidx);
	rank_set_free(rn.set);
	harm_free(rn.harm);
	free(rn.vkey);
	free((char *)o.role);
	free(o.suffix);
	return status;
}
