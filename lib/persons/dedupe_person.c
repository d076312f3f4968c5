/*
 * Dedupe, person mode: every row written unchanged with ROLE_id,
 * ROLE_match_weight and ROLE_match_probability added, for each role.
 *
 * The rows are read once: each row's person record of each role goes
 * into the role's set (about 100 bytes a record), the row itself to a
 * temporary file in the output's column order.  Role by role, in the
 * order given, the model is estimated on the role's set, the set linked
 * (against the persons database's candidates with --index, in a
 * transaction of its own, as a pipe of one-role runs would) and
 * clustered; then the rows are read back from the temporary file with
 * every role's ids.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/csvio.h"
#include "core/diag.h"
#include "core/err.h"
#include "core/hmap.h"
#include "core/numfmt.h"
#include "core/outfile.h"
#include "core/task.h"
#include "persons/dedupe.h"
#include "persons/dedupe_int.h"
#include "persons/linkage.h"
#include "persons/persondb.h"

/*
 * A run with fewer records than this estimates its model on them and the
 * candidates fetched from the database together.
 */
#define FEW_RECORDS 1000

/* One role's records, model, pairs and ids. */
struct person_role {
	char *role;
	struct lk_set *s;		/* the records linked */
	struct lk_set *own;		/* with --index: the run's own */
	struct pdb *db;
	struct lk_model mo;
	struct lk_stats st;
	struct lk_pair *pairs;
	size_t np;
	struct lk_cols cols;		/* of the input being read */
	int used[LK_NFIELDS];		/* fields with a column */
	uint32_t *rowrec;		/* row -> record, or UINT32_MAX */
	const char **keys;		/* --row-key: record -> its row's */
	uint32_t *cl;
	double *best;
	const char **ids;
	char *idtext;
	size_t nfixed, merges, nrec, persons;
	double t1;
	struct task model;		/* the model, estimated beside the
					   database's reads */
};

struct person_run {
	struct dd_run *run;
	const struct dedupe_opts *o;
	struct person_role *r;		/* the roles, in the order linked */
	int nr;
	struct dd_header h;
	int *map, have_header;
	struct hmap *truthmap;		/* --truth: identity -> number */
	uint32_t *rowtruth;		/* row -> identity, or UINT32_MAX */
	unsigned long long nrows, crows;
	double t0;
	struct csvw *w;			/* to the spool */
	FILE *sp;			/* the rows, as they came */
	int tty;
	int kcol;			/* --row-key: its column, or -1 */
	char *keybuf;			/* --row-key: each row's key, */
	size_t nkeybuf, ckeybuf;	/* ending in NUL ... */
	size_t *keyoff;			/* ... at keyoff[row] */
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
progress(double done, void *ctx)
{
	(void)ctx;
	fprintf(stderr, "\r%s: comparing pairs %3.0f%%", diag_prog(),
	    done * 100);
	if (done >= 1)
		fputc('\n', stderr);
	fflush(stderr);
}

char *
dedupe_fresh_ids(const struct lk_set *s, const uint32_t *cl,
    const char **ids)
{
	size_t n = lk_set_count(s), i;
	unsigned long long next = 1;
	char *text = xcalloc(n ? n : 1, 24);

	for (i = 0; i < n; i++) {
		if (cl[i] == UINT32_MAX) {
			ids[i] = NULL;
			continue;
		}
		if (cl[i] == i)
			snprintf(text + i * 24, 24, "P%07llu", next++);
		ids[i] = text + (size_t)cl[i] * 24;
	}
	return text;
}

/* The number of --truth identity v (n bytes), or UINT32_MAX for none. */
static uint32_t
truth_of(struct person_run *p, const char *v, size_t n)
{
	uintptr_t *slot;
	int created;

	if (n == 0)
		return UINT32_MAX;
	slot = hmap_slot(p->truthmap, v, n, 1, &created);
	if (created)
		*slot = hmap_count(p->truthmap) - 1;
	return (uint32_t)*slot;
}

/* --row-key: the key of rd's row kept, as read (a NUL in it ends it). */
static void
row_key(struct person_run *p, const struct csvr *rd)
{
	const char *v = csvr_field(rd, (size_t)p->kcol);
	size_t n = csvr_fieldlen(rd, (size_t)p->kcol);

	if (p->nkeybuf + n + 1 > p->ckeybuf) {
		while (p->nkeybuf + n + 1 > p->ckeybuf)
			p->ckeybuf = p->ckeybuf ? p->ckeybuf * 2 : 65536;
		p->keybuf = xrealloc(p->keybuf, p->ckeybuf);
	}
	p->keyoff[p->nrows] = p->nkeybuf;
	memcpy(p->keybuf + p->nkeybuf, v, n);
	p->keybuf[p->nkeybuf + n] = '\0';
	p->nkeybuf += n + 1;
}

/* One good record of rd: its persons into the sets, its row spooled. */
static void
person_record(struct person_run *p, const struct csvr *rd, int tcol,
    int same)
{
	struct lk_person pe;
	int k;

	if (p->nrows == p->crows) {
		p->crows = p->crows ? p->crows * 2 : 4096;
		for (k = 0; k < p->nr; k++)
			p->r[k].rowrec = xreallocarray(p->r[k].rowrec,
			    p->crows, sizeof *p->r[k].rowrec);
		if (p->o->truth)
			p->rowtruth = xreallocarray(p->rowtruth, p->crows,
			    sizeof *p->rowtruth);
		if (p->o->row_key)
			p->keyoff = xreallocarray(p->keyoff, p->crows,
			    sizeof *p->keyoff);
	}
	if (p->o->row_key)
		row_key(p, rd);
	for (k = 0; k < p->nr; k++) {
		struct person_role *r = &p->r[k];

		lk_person_from_csvr(&pe, &r->cols, rd);
		r->rowrec[p->nrows] = lk_person_ok(&pe) ?
		    (uint32_t)lk_set_add(r->s, &pe) : UINT32_MAX;
	}
	if (p->o->truth)
		p->rowtruth[p->nrows] = truth_of(p, csvr_field(rd,
		    (size_t)tcol), csvr_fieldlen(rd, (size_t)tcol));
	dd_write_mapped(p->w, rd, p->map, p->h.n, same);
	csvw_end(p->w);
	p->nrows++;
	if (p->tty && p->nrows % 100000 == 0)
		fprintf(stderr, "\r%s: reading, %llu rows", diag_prog(),
		    p->nrows);
}

/* A fault of an input's header: the run's error, the input closed. */
static int
file_fault(struct person_run *p, struct input *in, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	err_at(p->run->err, EX_DATAERR, csvr_name(in->r), 1, "%s", msg);
	input_close(in);
	return EX_DATAERR;
}

/*
 * Says which columns a file without ROLE_* columns gave the role: by
 * number and field, never by the header's text (a file without a header
 * line has a record's values there).
 */
static void
plain_note(const struct csvr *rd, const struct person_role *r)
{
	char msg[512];
	size_t k = 0;
	int f;

	for (f = 0; f < LK_NFIELDS; f++)
		if (r->cols.col[f] >= 0 && k < sizeof msg)
			k += (size_t)snprintf(msg + k, sizeof msg - k, "%s%d %s",
			    k ? ", " : "", r->cols.col[f] + 1, lk_field_names[f]);
	if (r->cols.name >= 0 && k < sizeof msg)
		snprintf(msg + k, sizeof msg - k, "%s%d full name", k ? ", " :
		    "", r->cols.name + 1);
	diag_warn("%s: no %s_* columns: the %s read from columns %s",
	    csvr_name(rd), r->role, r->role, msg);
}

static int
person_file(struct person_run *p, const char *path)
{
	struct input in;
	struct csvr *rd;
	int tcol = -1, same, f, found, k;
	size_t i;

	if ((f = dd_open_input(p->run, &in, path)) <= 0)
		return f < 0 ? p->run->err->code : 0;
	rd = in.r;
	if (!p->have_header) {
		dd_header_from(&p->h, rd);
		p->map = xcalloc(p->h.n ? p->h.n : 1, sizeof *p->map);
		for (i = 0; i < p->h.n; i++)
			csvw_str(p->w, p->h.name[i]);
		csvw_end(p->w);
		p->have_header = 1;
	}
	if ((same = dd_header_map(&p->h, rd, p->map, p->run->err)) < 0) {
		input_close(&in);
		return p->run->err->code;
	}
	for (k = 0; k < p->nr; k++) {
		struct person_role *r = &p->r[k];

		found = lk_cols_find(&r->cols, rd, r->role);
		/* A list of persons: the role person alone, and none of
		   its columns (a victim is never read from a plain name). */
		if (found == 0 && p->nr == 1 && strcmp(r->role, "person") ==
		    0 && (found = lk_cols_find_plain(&r->cols, rd)) > 0)
			plain_note(rd, r);
		if (p->o->identifier) {
			/* --identifier COL: read as ROLE_other_id, in its
			   place (one role only). */
			if ((r->cols.col[LK_OTHER_ID] = csvr_col(rd,
			    p->o->identifier)) < 0)
				return file_fault(p, &in, "no column %s",
				    p->o->identifier);
			found++;
		}
		if (found == 0)
			return file_fault(p, &in, "no %s_* columns", r->role);
		for (f = 0; f < LK_NFIELDS; f++)
			r->used[f] |= r->cols.col[f] >= 0;
		if (r->cols.name >= 0)
			r->used[LK_FORENAME] = r->used[LK_SURNAME] = 1;
	}
	if (p->o->truth && (tcol = csvr_col(rd, p->o->truth)) < 0)
		return file_fault(p, &in, "no column %s", p->o->truth);
	if (p->o->row_key && (p->kcol = csvr_col(rd, p->o->row_key)) < 0)
		return file_fault(p, &in, "no column %s", p->o->row_key);
	while (input_next(&in) == CSVR_RECORD)
		person_record(p, rd, tcol, same);
	input_close(&in);
	if (in.err.code != 0)
		*p->run->err = in.err;
	return in.err.code;
}

/*
 * Which records of the run two copies of would be linked (a record
 * weighed against itself, with the prior of linking against total
 * records, reaches the threshold): one the index holds as it is is then
 * its record's person, not linked again.  Only the records the
 * database holds by their variants (pdb_link_find()) are weighed.
 */
static unsigned char *
identifying(const struct person_run *p, const struct person_role *r,
    uint64_t total)
{
	size_t n = lk_set_count(r->s), i;
	unsigned char *ident = xreallocarray(NULL, n ? n : 1, 1);
	struct lk_model mo = r->mo;

	pdb_scale_prior(&mo, n, total);
	for (i = 0; i < n; i++)
		ident[i] = pdb_by_variant(r->db, i) &&
		    lk_score(&mo, r->s, i, i, NULL) >= p->o->threshold;
	return ident;
}

/* The role's model, estimated (r->t1: how long it took). */
static void *
model_work(void *arg)
{
	struct person_role *r = arg;
	double t = now();

	lk_model_estimate(&r->mo, r->s, NULL);
	r->t1 = now() - t;
	return NULL;
}

/*
 * With --index, once the whole input is read: takes the write lock,
 * then links the role's records with the database's candidates, which
 * are resolved already (only pairs with a new record).  Returns the
 * database's error (p->run->err), or 0.
 */
static int
person_against_db(struct person_run *p, struct person_role *r)
{
	uint64_t total;
	struct lk_set *c;
	unsigned char *ident;
	unsigned long long i;
	struct vawg_err *e = p->run->err;

	if (pdb_begin(r->db, e)) {
		task_wait(&r->model);
		return e->code;
	}
	total = pdb_nrecords(r->db) + lk_set_count(r->s);
	if (p->o->row_key) {
		size_t n = lk_set_count(r->s);

		free(r->keys);
		r->keys = xcalloc(n ? n : 1, sizeof *r->keys);
		for (i = 0; i < p->nrows; i++)
			if (r->rowrec[i] != UINT32_MAX)
				r->keys[r->rowrec[i]] = p->keybuf +
				    p->keyoff[i];
		pdb_row_keys(r->db, r->s, p->o->row_key, r->role, r->keys);
	}
	pdb_link_find(r->db, r->s);
	task_wait(&r->model);
	ident = identifying(p, r, total);
	c = pdb_link_set(r->db, r->s, ident, &r->nfixed, e);
	free(ident);
	if (!c)
		return e->code;
	if (c != r->s && lk_set_count(r->s) < FEW_RECORDS) {
		/* Too few to learn from: their candidates help. */
		lk_model_default(&r->mo);
		lk_model_estimate(&r->mo, c, NULL);
		pdb_scale_prior(&r->mo, lk_set_count(c), total);
	} else
		pdb_scale_prior(&r->mo, lk_set_count(r->s), total);
	if (c != r->s) {
		r->own = r->s;
		r->s = c;
		for (i = 0; i < p->nrows; i++)
			if (r->rowrec[i] != UINT32_MAX)
				r->rowrec[i] += (uint32_t)r->nfixed;
	}
	return pdb_save_model(r->db, &r->mo, r->used, e);
}

/*
 * The role's persons: the distinct ids of its records (the database's
 * records fetched as candidates left out).
 */
static size_t
role_persons(const struct person_role *r)
{
	struct hmap *seen = hmap_new();
	size_t i, persons;

	for (i = r->nfixed; i < lk_set_count(r->s); i++)
		if (r->ids[i])
			hmap_slot(seen, r->ids[i], strlen(r->ids[i]), 1, NULL);
	persons = hmap_count(seen);
	hmap_free(seen);
	return persons;
}

/*
 * The role's model, pairs, groups and ids.  Returns the persons
 * database's error, or 0.
 */
static int
person_link(struct person_run *p, struct person_role *r)
{
	size_t n, i;
	double pmin;

	lk_set_finish(r->s);
	lk_model_default(&r->mo);
	if (p->tty)
		fprintf(stderr, "\r%s: estimating the model%20s\n",
		    diag_prog(), "");
	/* With --index, the model is estimated while the database is read
	   (pdb_link_find() needs none). */
	if (r->db)
		task_start(&r->model, model_work, r);
	else {
		r->t1 = now();
		lk_model_estimate(&r->mo, r->s, NULL);
		r->t1 = now() - r->t1;
	}
	if (r->db && person_against_db(p, r))
		return p->run->err->code;
	if (p->o->model)
		if (dd_write_model(p->o->model, &r->mo, r->used,
		    p->run->err) != 0)
			return p->run->err->code;
	/* Groups are made of the pairs at or above the threshold: the pairs
	   below it are kept only to be written or explained. */
	pmin = p->o->pairs_min_set ? p->o->pairs_min : p->o->threshold - 10;
	if (pmin > p->o->threshold || (!p->o->pairs && !p->o->explain))
		pmin = p->o->threshold;
	r->pairs = lk_pairs(r->s, &r->mo, pmin, &r->np, &r->st,
	    p->tty ? progress : NULL, NULL);
	n = lk_set_count(r->s) ? lk_set_count(r->s) : 1;
	r->cl = xreallocarray(NULL, n, sizeof *r->cl);
	r->best = xreallocarray(NULL, n, sizeof *r->best);
	r->ids = xcalloc(n, sizeof *r->ids);
	lk_cluster(r->s, &r->mo, r->pairs, r->np, p->o->threshold,
	    p->o->guard, r->cl, r->best);
	if (r->db) {
		/* A record held already: linked to its copy held when
		   the two would be, as they would be compared. */
		for (i = r->nfixed; i < lk_set_count(r->s); i++) {
			double w;

			if (!pdb_held(r->db, i - r->nfixed))
				continue;
			w = lk_pair_weight(&r->mo, r->s, i, i);
			if (w >= p->o->threshold) {
				r->best[i] = w;
				r->st.reached++;	/* through its copy */
			} else
				pdb_unhold(r->db, i - r->nfixed);
		}
		if (pdb_assign(r->db, r->s, r->nfixed, r->cl, r->best,
		    r->role, r->ids, &r->merges, p->run->err) ||
		    pdb_commit(r->db, p->run->err))
			return p->run->err->code;
		free(r->keys);
		r->keys = NULL;
	} else
		r->idtext = dedupe_fresh_ids(r->s, r->cl, r->ids);
	r->nrec = lk_set_count(r->s);
	r->persons = role_persons(r);
	return 0;
}

/*
 * What a role no longer needs once its ids are given, when its pairs
 * and records are not reported: its set, pairs and groups.
 */
static void
role_shed(struct person_role *r)
{
	lk_set_free(r->own);
	lk_set_free(r->s);
	r->own = r->s = NULL;
	free(r->pairs);
	free(r->cl);
	r->pairs = NULL;
	r->cl = NULL;
}

/* --truth: precision, recall and F1 of the groups (one role). */
static void
person_truth(const struct person_run *p)
{
	const struct person_role *r = &p->r[0];
	struct lk_eval ev;
	size_t i, n = lk_set_count(r->s);
	uint32_t *truth = xreallocarray(NULL, n ? n : 1, sizeof *truth);
	unsigned long long k;

	for (i = 0; i < n; i++)
		truth[i] = UINT32_MAX;
	for (k = 0; k < p->nrows; k++)
		if (r->rowrec[k] != UINT32_MAX)
			truth[r->rowrec[k]] = p->rowtruth[k];
	lk_evaluate(r->s, truth, r->cl, &ev);
	diag_warn("truth: %llu true pairs, %llu found, %llu correct; "
	    "precision %.4f recall %.4f F1 %.4f; blocking reaches "
	    "%.4f of true pairs", ev.true_pairs, ev.found_pairs,
	    ev.correct_pairs, ev.precision, ev.recall, ev.f1, ev.reach);
	free(truth);
}

/* The counts on stderr; with more than one role, a line for each. */
static void
person_counts(const struct person_run *p)
{
	int k;

	if (p->o->truth)
		person_truth(p);
	if (!p->o->explain)
		diag_warn("read %llu, written %llu, rejected %llu "
		    "(read = written + rejected)",
		    p->nrows + p->run->rejected, p->nrows, p->run->rejected);
	for (k = 0; k < p->nr; k++) {
		const struct person_role *r = &p->r[k];

		diag_warn("%s%s%llu rows, %zu person records, %zu persons, "
		    "%llu pairs compared, %zu pairs kept, %.4f of records "
		    "reached, %zu merges; %.1f s (model %.1f s, pairs %.1f s)",
		    p->nr > 1 ? r->role : "", p->nr > 1 ? ": " : "",
		    p->nrows, r->nrec, r->persons, r->st.compared, r->np,
		    r->nrec ? (double)r->st.reached / (double)r->nrec : 0.0,
		    r->merges, now() - p->t0, r->t1, r->st.seconds);
	}
}

static const char *const suffix[3] = { "id", "match_weight",
	"match_probability" };

/*
 * The output header: the input's, then each role's ROLE_id,
 * ROLE_match_weight and ROLE_match_probability (each in its place when
 * the input has it).  col[3 * k + j]: the input's column of role k's
 * column j, or -1.  Returns 1 when every one is new.
 */
static int
rows_header(const struct person_run *p, struct csvw *w, struct csvr *rd,
    int *col)
{
	char name[300];
	int k, j, fresh = 1;

	for (k = 0; k < p->nr; k++)
		for (j = 0; j < 3; j++) {
			snprintf(name, sizeof name, "%s_%s", p->r[k].role,
			    suffix[j]);
			col[3 * k + j] = csvr_col(rd, name);
			fresh &= col[3 * k + j] < 0;
		}
	csvw_header_from(w, rd);
	for (k = 0; k < p->nr; k++)
		for (j = 0; j < 3; j++)
			if (col[3 * k + j] < 0) {
				snprintf(name, sizeof name, "%s_%s",
				    p->r[k].role, suffix[j]);
				csvw_str(w, name);
			}
	csvw_end(w);
	return fresh;
}

/* Role r's three values of data row i into v. */
static void
row_values(const struct person_role *r, unsigned long long i,
    unsigned long long nrows, char v[3][32])
{
	uint32_t rec = i < nrows ? r->rowrec[i] : UINT32_MAX;

	v[0][0] = v[1][0] = v[2][0] = '\0';
	if (rec != UINT32_MAX && r->ids[rec])
		snprintf(v[0], sizeof v[0], "%s", r->ids[rec]);
	if (rec != UINT32_MAX && !isnan(r->best[rec])) {
		numfmt_fixed(v[1], sizeof v[1], r->best[rec], 2);
		numfmt_fixed(v[2], sizeof v[2], lk_probability(r->best[rec]),
		    4);
	}
}

/* The rows, read back from the spool, with every role's ids. */
static int
write_rows(struct person_run *p)
{
	struct csvr *rd;
	struct csvw *w;
	unsigned long long i;
	int nv = 3 * p->nr, *col = xcalloc((size_t)nv, sizeof *col), k, raw;
	char (*v)[32] = xcalloc((size_t)nv, sizeof *v);
	const char **ex = xcalloc((size_t)nv, sizeof *ex);
	size_t c;

	for (k = 0; k < nv; k++)
		ex[k] = v[k];
	if (fseek(p->sp, 0, SEEK_SET) != 0) {
		err_sys(p->run->err, EX_IOERR, "temporary file");
		goto out;
	}
	rd = csvr_fdopen(p->sp, "temporary file", NULL);
	p->sp = NULL;
	if (csvr_header(rd) != CSVR_RECORD) {
		csvr_close(rd);
		err_set(p->run->err, EX_IOERR, "temporary file: read error");
		goto out;
	}
	w = csvw_new(out_fp(p->run->out), ',');
	csvw_excel_safe(w, p->o->excel_safe);
	/* The columns new, the values as they are: each spooled row (ours,
	   quoted as csvw quotes) is copied, the roles' columns after it. */
	raw = rows_header(p, w, rd, col) && !p->o->excel_safe &&
	    csvr_delim(rd) == ',';
	for (i = 0; csvr_next(rd) == CSVR_RECORD; i++) {
		for (k = 0; k < p->nr; k++)
			row_values(&p->r[k], i, p->nrows, v + 3 * k);
		if (raw) {
			csvw_raw_with(w, rd, ex, (size_t)nv);
			continue;
		}
		for (c = 0; c < p->h.n; c++) {
			for (k = 0; k < nv && col[k] != (int)c; k++)
				;
			if (k < nv)
				csvw_str(w, v[k]);
			else
				csvw_field(w, csvr_field(rd, c),
				    csvr_fieldlen(rd, c));
		}
		for (k = 0; k < nv; k++)
			if (col[k] < 0)
				csvw_str(w, v[k]);
		csvw_end(w);
	}
	csvr_close(rd);
	if (csvw_free(w) < 0)
		err_set(p->run->err, EX_IOERR, "%s: write error",
		    out_name(p->run->out));
out:
	free(col);
	free(v);
	free(ex);
	return p->run->err->code;
}

static void
role_free(struct person_role *r)
{
	pdb_close(r->db);
	free(r->idtext);
	role_shed(r);
	free(r->best);
	free(r->ids);
	free(r->rowrec);
	free(r->keys);
	free(r->role);
}

static void
person_free(struct person_run *p)
{
	int k;

	if (p->sp)
		fclose(p->sp);
	for (k = 0; k < p->nr; k++)
		role_free(&p->r[k]);
	free(p->r);
	free(p->rowtruth);
	free(p->keybuf);
	free(p->keyoff);
	free(p->map);
	dd_header_free(&p->h);
	if (p->truthmap)
		hmap_free(p->truthmap);
}

/*
 * The roles of o->role ("suspect,victim"), each with its set and, with
 * --index, its own handle on the database, opened (and so checked)
 * before the input is read.  Returns 0, or the error's status.
 */
static int
person_roles(struct person_run *p)
{
	char **names;
	size_t n = dd_split_names(p->o->role, &names), k;

	p->r = xcalloc(n ? n : 1, sizeof *p->r);
	for (k = 0; k < n; k++) {
		p->r[k].role = names[k];
		p->r[k].s = lk_set_new();
	}
	p->nr = (int)n;
	free(names);
	for (k = 0; k < n; k++)
		if (p->o->index && !(p->r[k].db = pdb_open(p->o->index,
		    p->run->err)))
			return p->run->err->code;
	return 0;
}

int
dd_person_mode(struct dd_run *run)
{
	struct person_run p;
	int a, k, report;

	memset(&p, 0, sizeof p);
	p.run = run;
	p.o = run->o;
	p.t0 = now();
	if ((p.sp = dd_tmpfile(run->err)) == NULL || person_roles(&p)) {
		person_free(&p);
		return run->err->code;
	}
	p.tty = isatty(2);
	p.w = csvw_new(p.sp, ',');
	if (p.o->truth)
		p.truthmap = hmap_new();
	for (a = 0; a < run->nfiles; a++)
		if (person_file(&p, run->files[a]) != 0)
			break;
	if (csvw_free(p.w) < 0 && run->err->code == 0)
		err_set(run->err, EX_IOERR, "temporary file: write error");
	/* Pairs, explanations and truth are of one role (the options
	   allow no more): its set and pairs are kept for them. */
	report = p.o->pairs || p.o->explain || p.o->truth;
	for (k = 0; k < p.nr && run->err->code == 0; k++)
		if (person_link(&p, &p.r[k]) == 0 && !report)
			role_shed(&p.r[k]);
	if (run->err->code != 0) {
		person_free(&p);
		return run->err->code;
	}
	person_counts(&p);
	if (p.o->pairs) {
		struct person_role *r = &p.r[0];
		unsigned long long *rowof = dd_row_of(r->s, r->rowrec, p.nrows);

		if (dd_write_pairs(p.o->pairs, p.o->excel_safe, &r->mo, r->s,
		    r->pairs, r->np, rowof, r->ids, run->err) != 0) {
			free(rowof);
			person_free(&p);
			return run->err->code;
		}
		free(rowof);
	}
	if (p.o->explain)
		dd_explain(out_fp(run->out), p.o->explain, &p.r[0].mo,
		    p.r[0].s, p.r[0].rowrec, p.nrows, p.r[0].ids, p.r[0].pairs,
		    p.r[0].np, p.o->threshold);
	else if (p.have_header)
		write_rows(&p);
	person_free(&p);
	return run->err->code;
}
