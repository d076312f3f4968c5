/*
 * The readers of vawg-rank: crimes (one accumulator per person id, the
 * offences inside the window), orders (breached), wanted records
 * (wanted now) and last month's list.  See rankread.h.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csvio.h"
#include "core/dates.h"
#include "core/diag.h"
#include "core/err.h"
#include "core/input.h"
#include "core/utf8.h"
#include "kinds/classify.h"
#include "kinds/status.h"
#include "rank/rankread.h"

const char *const rank_text_suffix[RANK_NTEXT] = {
	"_forename", "_surname", "_dob", "_pnc"
};

/* Parses a whole non-negative decimal number up to max; -1 when not. */
long
rank_parse_count(const char *s, long max)
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

/* A column name with the role prefix: role + suffix, in a new string. */
char *
rank_rolecol(const char *role, const char *suffix)
{
	size_t a = strlen(role), b = strlen(suffix);
	char *s = xmalloc(a + b + 1);

	memcpy(s, role, a);
	memcpy(s + a, suffix, b + 1);
	return s;
}

static void
reject(struct rank_state *rn, struct csvr *r, const char *fmt,
    const char *what)
{
	if (rn->rejects++ < RANK_MAX_REPORTED)
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
key_add(struct rank_state *rn, size_t k, const char *s, size_t n, int raw)
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
find_cols(struct rank_state *rn, struct csvr *r, struct cols *c)
{
	const struct rank_opts *o = rn->o;
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
		name = rank_rolecol(rn->role, rank_text_suffix[t]);
		c->text[t] = csvr_col(r, name);
		free(name);
	}
	if (c->id < 0)
		return err_at(rn->err, EX_DATAERR, csvr_name(r), 1,
		    "no %s column", o->idcol);
	if (c->date < 0 && c->date2 < 0)
		return err_at(rn->err, EX_DATAERR, csvr_name(r), 1,
		    "no %s or %s column", o->datecol, other);
	if (c->code < 0)
		return err_at(rn->err, EX_DATAERR, csvr_name(r), 1,
		    "no offence_code column");
	if (c->da < 0 && (o->da_only || o->min_da > 0))
		return err_at(rn->err, EX_DATAERR, csvr_name(r), 1,
		    "no da_flag column");
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
crime(struct rank_state *rn, struct csvr *r, const struct cols *c)
{
	const struct rank_opts *o = rn->o;
	struct rank_person *p;
	const char *id, *ds, *code, *da;
	size_t idlen, dlen, clen, n;
	int32_t day;
	double harm;
	int t, isda, col;

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

/* A record lib/input leaves out (a record problem): a reject. */
static void
bad_record(void *ctx, struct csvr *r, const char *why)
{
	reject(ctx, r, "%s", why);
}

/*
 * Opens path for one of the inputs and reads its header: 1 when there
 * are records to read, 0 (closed) when it is empty or cannot be opened
 * (with a warning, and missing set).  Records with a problem are
 * rejected.
 */
static int
open_input(struct rank_state *rn, struct input *in, const char *path)
{
	int st;

	*in = (struct input){ .check = INPUT_RECERR, .reject = bad_record,
	    .ctx = rn };
	if ((st = input_start(in, path, NULL)) < 0) {
		*rn->err = in->err;	/* the header cannot be read */
		input_close(in);
		return 0;
	}
	if (st == 0) {
		rn->missing |= in->missing;
		return 0;
	}
	return 1;
}

/*
 * Closes an input read to its end or stopped with rc; returns rc, or
 * the input's read error (copied to rn->err).
 */
static int
close_input(struct rank_state *rn, struct input *in, int rc)
{
	input_close(in);
	if (rc == 0 && in->err.code != 0) {
		*rn->err = in->err;
		rc = in->err.code;
	}
	return rc;
}

int
rank_read_crimes(struct rank_state *rn, const char *path)
{
	struct input in;
	struct csvr *r;
	struct cols c;
	int rc;

	if (!open_input(rn, &in, path))
		return rn->err->code;
	r = in.r;
	if ((rc = find_cols(rn, r, &c)) == 0)
		while (input_next(&in) == CSVR_RECORD)
			crime(rn, r, &c);
	return close_input(rn, &in, rc);
}

/*
 * A required column of an aggravator file: its index, or -1 with
 * rn->err set (65) when absent.
 */
static int
need_col(struct rank_state *rn, struct csvr *r, const char *name)
{
	int c = csvr_col(r, name);

	if (c < 0)
		err_at(rn->err, EX_DATAERR, csvr_name(r), 1, "no %s column",
		    name);
	return c;
}

/*
 * A date field for an aggravator: 0 and *day set, 1 when empty, -1 (and
 * the row rejected) when not a date.
 */
static int
agg_date(struct rank_state *rn, struct csvr *r, int c, int32_t *day)
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
int
rank_read_orders(struct rank_state *rn, const char *path)
{
	struct input in;
	struct csvr *r;
	char *idname;
	int cid, cbreach = -1, cgranted;

	if (!open_input(rn, &in, path))
		return rn->err->code;
	r = in.r;
	idname = rank_rolecol("respondent", rn->suffix);
	cid = need_col(rn, r, idname);
	free(idname);
	if (cid < 0 || (cbreach = need_col(rn, r, "breach_count")) < 0) {
		input_close(&in);
		return rn->err->code;
	}
	cgranted = csvr_col(r, "granted_date");
	while (input_next(&in) == CSVR_RECORD) {
		const char *id, *b;
		size_t idlen, n;
		int32_t day;
		long breaches;

		id = fld(r, cid, &idlen);
		b = fld(r, cbreach, &n);
		if (idlen == 0 || n == 0)
			continue;
		if ((breaches = rank_parse_count(b, LONG_MAX)) < 0) {
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
	return close_input(rn, &in, 0);
}

/*
 * Whether the row's person is wanted now (lib/kinds/status: wanted on or
 * before the as-of date, or with no wanted_date, and not arrested by
 * then).  Returns 1 when wanted now, 0 when not, -1 when a date is not
 * one (the row is rejected; an arrest date is read only when the wanted
 * date does not already decide).
 */
static int
wanted_row(struct rank_state *rn, struct csvr *r, int cwanted, int carrest)
{
	int32_t w = 0, a = 0;
	int kw = 1, ka;

	if (cwanted >= 0) {
		if ((kw = agg_date(rn, r, cwanted, &w)) == -1)
			return -1;
		if (!wanted_now(kw == 0, w, 0, 0, rn->o->as_of))
			return 0;
	}
	if ((ka = agg_date(rn, r, carrest, &a)) == -1)
		return -1;
	return wanted_now(kw == 0, w, ka == 0, a, rn->o->as_of);
}

/* Wanted: a person wanted now (wanted_row()) is flagged. */
int
rank_read_wanted(struct rank_state *rn, const char *path)
{
	struct input in;
	struct csvr *r;
	char *idname;
	int cid, carrest = -1, cwanted;

	if (!open_input(rn, &in, path))
		return rn->err->code;
	r = in.r;
	idname = rank_rolecol("person", rn->suffix);
	cid = need_col(rn, r, idname);
	free(idname);
	if (cid < 0 || (carrest = need_col(rn, r, "arrest_date")) < 0) {
		input_close(&in);
		return rn->err->code;
	}
	cwanted = csvr_col(r, "wanted_date");
	while (input_next(&in) == CSVR_RECORD) {
		const char *id;
		size_t idlen;

		id = fld(r, cid, &idlen);
		if (idlen == 0)
			continue;
		if (wanted_row(rn, r, cwanted, carrest) == 1)
			rank_set_person(rn->set, id, idlen)->flags |=
			    RANK_WANTED;
	}
	return close_input(rn, &in, 0);
}

/* The rows of last month's list read so far. */
struct prev_list {
	struct rank_prev *v;
	size_t n, cap;
	int cid, crank, ctext[RANK_NTEXT];
};

/*
 * One row of last month's list, added to l and indexed in idx: 0, or 65
 * with rn->err set.
 */
static int
prev_row(struct rank_state *rn, struct csvr *r, struct hmap *idx,
    struct prev_list *l)
{
	const char *id, *rk;
	size_t idlen, rlen, len, k;
	uintptr_t *slot;
	int created, t;
	long rank;

	id = fld(r, l->cid, &idlen);
	/* Written spreadsheet-safe: "'=x" was the id "=x". */
	k = csv_excel_prefix(id, idlen);
	id += k;
	idlen -= k;
	rk = fld(r, l->crank, &rlen);
	if (rlen == 0)
		return 0;
	if (idlen == 0 || (rank = rank_parse_count(rk, LONG_MAX)) < 1)
		return err_at(rn->err, EX_DATAERR, csvr_name(r), csvr_line(r),
		    "%s", idlen == 0 ? "empty id" :
		    "rank is not a whole number from 1");
	slot = hmap_slot(idx, id, idlen, 1, &created);
	if (!created)
		return err_at(rn->err, EX_DATAERR, csvr_name(r), csvr_line(r),
		    "repeated %s", rn->o->idcol);
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 128;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	memset(&l->v[l->n], 0, sizeof(l->v[l->n]));
	l->v[l->n].id = xstrndup(id, idlen);
	l->v[l->n].idlen = idlen;
	l->v[l->n].rank = rank;
	for (t = 0; t < RANK_NTEXT; t++) {
		const char *s = fld(r, l->ctext[t], &len);

		k = csv_excel_prefix(s, len);
		l->v[l->n].text[t] = xstrndup(s + k, len - k);
	}
	*slot = l->n++;
	return 0;
}

/*
 * Last month's list: rows with a rank (rows that had left already carry
 * none and are skipped).  Returns the rows in file order.
 */
struct rank_prev *
rank_read_previous(struct rank_state *rn, const char *path,
    struct hmap *idx, size_t *count)
{
	struct input in;
	struct csvr *r;
	struct prev_list l = { .v = NULL };
	int t, rc = 0;

	*count = 0;
	if (!open_input(rn, &in, path))
		return NULL;
	in.fatal = 1;		/* a record problem ends the run here */
	r = in.r;
	if ((l.crank = need_col(rn, r, "rank")) < 0 ||
	    (l.cid = need_col(rn, r, rn->o->idcol)) < 0) {
		input_close(&in);
		return NULL;
	}
	for (t = 0; t < RANK_NTEXT; t++) {
		char *name = rank_rolecol(rn->role, rank_text_suffix[t]);

		l.ctext[t] = csvr_col(r, name);
		free(name);
	}
	while (rc == 0 && input_next(&in) == CSVR_RECORD)
		rc = prev_row(rn, r, idx, &l);
	if ((rc = close_input(rn, &in, rc)) != 0) {
		rank_prev_free(l.v, l.n);
		return NULL;
	}
	*count = l.n;
	return l.v;
}

void
rank_prev_free(struct rank_prev *pv, size_t npv)
{
	size_t j;
	int t;

	for (j = 0; j < npv; j++) {
		free(pv[j].id);
		for (t = 0; t < RANK_NTEXT; t++)
			free(pv[j].text[t]);
	}
	free(pv);
}
