/*
 * Dedupe, person mode: every row written unchanged with ROLE_id and
 * ROLE_match_weight added.
 *
 * The rows are read once: each row's person record goes into a set
 * (about 100 bytes a record), the row itself to a temporary file in the
 * output's column order.  The model is estimated on the set, the set
 * linked (against the persons database's candidates with --index) and
 * clustered, and the rows are read back from the temporary file with
 * their ids.
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
#include "core/outfile.h"
#include "persons/dedupe.h"
#include "persons/dedupe_int.h"
#include "persons/linkage.h"
#include "persons/persondb.h"

/*
 * A run with fewer records than this estimates its model on them and the
 * candidates fetched from the database together.
 */
#define FEW_RECORDS 1000

struct person_run {
	struct dd_run *run;
	const struct dedupe_opts *o;
	struct lk_set *s;		/* the records linked */
	struct lk_set *own;		/* with --index: the run's own */
	struct pdb *db;
	struct lk_model mo;
	struct lk_stats st;
	struct lk_pair *pairs;
	size_t np;
	struct dd_header h;
	int *map, have_header;
	int used[LK_NFIELDS];		/* fields with a column */
	struct hmap *truthmap;		/* --truth: identity -> number */
	uint32_t *rowrec;		/* row -> record, or UINT32_MAX */
	uint32_t *rowtruth;		/* row -> identity, or UINT32_MAX */
	unsigned long long nrows, crows;
	uint32_t *cl;
	double *best;
	const char **ids;
	char *idtext;
	size_t nfixed, merges;
	double t0, t1;
	struct csvw *w;			/* to the spool */
	FILE *sp;			/* the rows, as they came */
	int tty;
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

/* One good record of rd: its person into the set, its row spooled. */
static void
person_record(struct person_run *p, const struct csvr *rd,
    const struct lk_cols *cols, int tcol, int same)
{
	struct lk_person pe;

	if (p->nrows == p->crows) {
		p->crows = p->crows ? p->crows * 2 : 4096;
		p->rowrec = xreallocarray(p->rowrec, p->crows,
		    sizeof *p->rowrec);
		if (p->o->truth)
			p->rowtruth = xreallocarray(p->rowtruth, p->crows,
			    sizeof *p->rowtruth);
	}
	lk_person_from_csvr(&pe, cols, rd);
	p->rowrec[p->nrows] = lk_person_ok(&pe) ?
	    (uint32_t)lk_set_add(p->s, &pe) : UINT32_MAX;
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

/* Reads input path. */
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

static int
person_file(struct person_run *p, const char *path)
{
	struct input in;
	struct csvr *rd;
	struct lk_cols cols;
	int tcol = -1, same, f, found;
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
	found = lk_cols_find(&cols, rd, p->o->role);
	if (p->o->identifier) {
		/* --identifier COL: read as ROLE_other_id, in its place. */
		if ((cols.col[LK_OTHER_ID] = csvr_col(rd, p->o->identifier)) < 0)
			return file_fault(p, &in, "no column %s",
			    p->o->identifier);
		found++;
	}
	if (found == 0)
		return file_fault(p, &in, "no %s_* columns", p->o->role);
	for (f = 0; f < LK_NFIELDS; f++)
		p->used[f] |= cols.col[f] >= 0;
	if (cols.name >= 0)
		p->used[LK_FORENAME] = p->used[LK_SURNAME] = 1;
	if (p->o->truth && (tcol = csvr_col(rd, p->o->truth)) < 0)
		return file_fault(p, &in, "no column %s", p->o->truth);
	while (input_next(&in) == CSVR_RECORD)
		person_record(p, rd, &cols, tcol, same);
	input_close(&in);
	if (in.err.code != 0)
		*p->run->err = in.err;
	return in.err.code;
}

/*
 * Which records of the run two copies of would be linked (a record
 * weighed against itself, with the prior of linking against total
 * records, reaches the threshold): one the index holds as it is is then
 * its record's person, not linked again.
 */
static unsigned char *
identifying(const struct person_run *p, uint64_t total)
{
	size_t n = lk_set_count(p->s), i;
	unsigned char *ident = xreallocarray(NULL, n ? n : 1, 1);
	struct lk_model mo = p->mo;

	pdb_scale_prior(&mo, n, total);
	for (i = 0; i < n; i++)
		ident[i] = lk_score(&mo, p->s, i, i, NULL) >= p->o->threshold;
	return ident;
}

/*
 * With --index, once the whole input is read: takes the write lock,
 * then links the run's records with the database's candidates, which
 * are resolved already (only pairs with a new record).  Returns the
 * database's error (p->run->err), or 0.
 */
static int
person_against_db(struct person_run *p)
{
	uint64_t total;
	struct lk_set *c;
	unsigned char *ident;
	unsigned long long r;
	struct vawg_err *e = p->run->err;

	if (pdb_begin(p->db, e))
		return e->code;
	total = pdb_nrecords(p->db) + lk_set_count(p->s);
	ident = identifying(p, total);
	c = pdb_link_set(p->db, p->s, ident, &p->nfixed, e);
	free(ident);
	if (!c)
		return e->code;
	if (c != p->s && lk_set_count(p->s) < FEW_RECORDS) {
		/* Too few to learn from: their candidates help. */
		lk_model_default(&p->mo);
		lk_model_estimate(&p->mo, c, NULL);
		pdb_scale_prior(&p->mo, lk_set_count(c), total);
	} else
		pdb_scale_prior(&p->mo, lk_set_count(p->s), total);
	if (c != p->s) {
		p->own = p->s;
		p->s = c;
		for (r = 0; r < p->nrows; r++)
			if (p->rowrec[r] != UINT32_MAX)
				p->rowrec[r] += (uint32_t)p->nfixed;
	}
	return pdb_save_model(p->db, &p->mo, p->used, e);
}

/*
 * The model, the pairs, the groups and their ids.  Returns the persons
 * database's error, or 0.
 */
static int
person_link(struct person_run *p)
{
	size_t n, i;
	double pmin;

	lk_set_finish(p->s);
	lk_model_default(&p->mo);
	if (p->tty)
		fprintf(stderr, "\r%s: estimating the model%20s\n",
		    diag_prog(), "");
	p->t1 = now();
	lk_model_estimate(&p->mo, p->s, NULL);
	p->t1 = now() - p->t1;
	if (p->db && person_against_db(p))
		return p->run->err->code;
	if (p->o->model)
		if (dd_write_model(p->o->model, &p->mo, p->used,
		    p->run->err) != 0)
			return p->run->err->code;
	/* Groups are made of the pairs at or above the threshold: the pairs
	   below it are kept only to be written or explained. */
	pmin = p->o->pairs_min_set ? p->o->pairs_min : p->o->threshold - 10;
	if (pmin > p->o->threshold || (!p->o->pairs && !p->o->explain))
		pmin = p->o->threshold;
	p->pairs = lk_pairs(p->s, &p->mo, pmin, &p->np, &p->st,
	    p->tty ? progress : NULL, NULL);
	n = lk_set_count(p->s) ? lk_set_count(p->s) : 1;
	p->cl = xreallocarray(NULL, n, sizeof *p->cl);
	p->best = xreallocarray(NULL, n, sizeof *p->best);
	p->ids = xcalloc(n, sizeof *p->ids);
	lk_cluster(p->s, &p->mo, p->pairs, p->np, p->o->threshold,
	    p->o->guard, p->cl, p->best);
	if (p->db) {
		/* A record held already: linked to its copy held when
		   the two would be, as they would be compared. */
		for (i = p->nfixed; i < lk_set_count(p->s); i++) {
			double w;

			if (!pdb_held(p->db, i - p->nfixed))
				continue;
			w = lk_pair_weight(&p->mo, p->s, i, i);
			if (w >= p->o->threshold) {
				p->best[i] = w;
				p->st.reached++;	/* through its copy */
			} else
				pdb_unhold(p->db, i - p->nfixed);
		}
		if (pdb_assign(p->db, p->s, p->nfixed, p->cl, p->best,
		    p->o->role, p->ids, &p->merges, p->run->err) ||
		    pdb_commit(p->db, p->run->err))
			return p->run->err->code;
	} else
		p->idtext = dedupe_fresh_ids(p->s, p->cl, p->ids);
	return 0;
}

/* --truth: precision, recall and F1 of the groups. */
static void
person_truth(const struct person_run *p)
{
	struct lk_eval ev;
	size_t i, n = lk_set_count(p->s);
	uint32_t *truth = xreallocarray(NULL, n ? n : 1, sizeof *truth);
	unsigned long long r;

	for (i = 0; i < n; i++)
		truth[i] = UINT32_MAX;
	for (r = 0; r < p->nrows; r++)
		if (p->rowrec[r] != UINT32_MAX)
			truth[p->rowrec[r]] = p->rowtruth[r];
	lk_evaluate(p->s, truth, p->cl, &ev);
	diag_warn("truth: %llu true pairs, %llu found, %llu correct; "
	    "precision %.4f recall %.4f F1 %.4f; blocking reaches "
	    "%.4f of true pairs", ev.true_pairs, ev.found_pairs,
	    ev.correct_pairs, ev.precision, ev.recall, ev.f1, ev.reach);
	free(truth);
}

/*
 * The counts on stderr: the run's persons are the distinct ids of its
 * records (the database's records fetched as candidates left out).
 */
static void
person_counts(const struct person_run *p)
{
	struct hmap *seen = hmap_new();
	size_t i, persons;

	for (i = p->nfixed; i < lk_set_count(p->s); i++)
		if (p->ids[i])
			hmap_slot(seen, p->ids[i], strlen(p->ids[i]), 1, NULL);
	persons = hmap_count(seen);
	hmap_free(seen);
	if (p->o->truth)
		person_truth(p);
	if (!p->o->explain)
		diag_warn("read %llu, written %llu, rejected %llu "
		    "(read = written + rejected)",
		    p->nrows + p->run->rejected, p->nrows, p->run->rejected);
	diag_warn("%llu rows, %zu person records, %zu persons, %llu pairs "
	    "compared, %zu pairs kept, %.4f of records reached, %zu merges; "
	    "%.1f s (model %.1f s, pairs %.1f s)", p->nrows,
	    lk_set_count(p->s), persons, p->st.compared, p->np,
	    lk_set_count(p->s) ? (double)p->st.reached /
	    (double)lk_set_count(p->s) : 0.0, p->merges, now() - p->t0, p->t1,
	    p->st.seconds);
}

/*
 * The output header: the input's, then ROLE_id, ROLE_match_weight and
 * ROLE_match_probability (each in its place when the input has it).
 */
static void
rows_header(struct csvw *w, struct csvr *rd, const char *role, int col[3])
{
	static const char *const suffix[3] = { "id", "match_weight",
		"match_probability" };
	char name[3][256];
	int k;

	for (k = 0; k < 3; k++) {
		snprintf(name[k], sizeof name[k], "%s_%s", role, suffix[k]);
		col[k] = csvr_col(rd, name[k]);
	}
	csvw_header_from(w, rd);
	for (k = 0; k < 3; k++)
		if (col[k] < 0)
			csvw_str(w, name[k]);
	csvw_end(w);
}

/* The rows, read back from the spool, with their ids and weights. */
static int
write_rows(struct person_run *p)
{
	struct csvr *rd;
	struct csvw *w;
	unsigned long long r;
	int col[3], k, raw;
	size_t i;

	if (fseek(p->sp, 0, SEEK_SET) != 0)
		return err_sys(p->run->err, EX_IOERR, "temporary file");
	rd = csvr_fdopen(p->sp, "temporary file", NULL);
	p->sp = NULL;
	if (csvr_header(rd) != CSVR_RECORD) {
		csvr_close(rd);
		return err_set(p->run->err, EX_IOERR,
		    "temporary file: read error");
	}
	w = csvw_new(out_fp(p->run->out), ',');
	csvw_excel_safe(w, p->o->excel_safe);
	rows_header(w, rd, p->o->role, col);
	/* The three columns new, the values as they are: each spooled
	   row (ours, quoted as csvw quotes) is copied, the three after it. */
	raw = col[0] < 0 && col[1] < 0 && col[2] < 0 && !p->o->excel_safe &&
	    csvr_delim(rd) == ',';
	for (r = 0; csvr_next(rd) == CSVR_RECORD; r++) {
		uint32_t rec = r < p->nrows ? p->rowrec[r] : UINT32_MAX;
		char v[3][32] = { "", "", "" };
		const char *ex[3] = { v[0], v[1], v[2] };

		if (rec != UINT32_MAX && p->ids[rec])
			snprintf(v[0], sizeof v[0], "%s", p->ids[rec]);
		if (rec != UINT32_MAX && !isnan(p->best[rec])) {
			snprintf(v[1], sizeof v[1], "%.2f", p->best[rec]);
			snprintf(v[2], sizeof v[2], "%.4f",
			    lk_probability(p->best[rec]));
		}
		if (raw) {
			csvw_raw_with(w, rd, ex, 3);
			continue;
		}
		for (i = 0; i < p->h.n; i++) {
			for (k = 0; k < 3 && col[k] != (int)i; k++)
				;
			if (k < 3)
				csvw_str(w, v[k]);
			else
				csvw_field(w, csvr_field(rd, i),
				    csvr_fieldlen(rd, i));
		}
		for (k = 0; k < 3; k++)
			if (col[k] < 0)
				csvw_str(w, v[k]);
		csvw_end(w);
	}
	csvr_close(rd);
	if (csvw_free(w) < 0)
		return err_set(p->run->err, EX_IOERR, "%s: write error",
		    out_name(p->run->out));
	return 0;
}

static void
person_free(struct person_run *p)
{
	if (p->sp)
		fclose(p->sp);
	pdb_close(p->db);
	free(p->idtext);
	lk_set_free(p->own);
	free(p->pairs);
	free(p->cl);
	free(p->best);
	free(p->ids);
	free(p->rowrec);
	free(p->rowtruth);
	free(p->map);
	dd_header_free(&p->h);
	if (p->truthmap)
		hmap_free(p->truthmap);
	lk_set_free(p->s);
}

int
dd_person_mode(struct dd_run *run)
{
	struct person_run p;
	int a;

	memset(&p, 0, sizeof p);
	p.run = run;
	p.o = run->o;
	p.s = lk_set_new();
	p.t0 = now();
	if ((p.sp = dd_tmpfile(run->err)) == NULL) {
		person_free(&p);
		return run->err->code;
	}
	p.tty = isatty(2);
	/* The database is checked before the input is read. */
	if (p.o->index && !(p.db = pdb_open(p.o->index, run->err))) {
		person_free(&p);
		return run->err->code;
	}
	p.w = csvw_new(p.sp, ',');
	if (p.o->truth)
		p.truthmap = hmap_new();
	for (a = 0; a < run->nfiles; a++)
		if (person_file(&p, run->files[a]) != 0)
			break;
	if (csvw_free(p.w) < 0 && run->err->code == 0)
		err_set(run->err, EX_IOERR, "temporary file: write error");
	if (run->err->code != 0 || person_link(&p)) {
		person_free(&p);
		return run->err->code;
	}
	person_counts(&p);
	if (p.o->pairs) {
		unsigned long long *rowof = dd_row_of(p.s, p.rowrec, p.nrows);

		if (dd_write_pairs(p.o->pairs, p.o->excel_safe, &p.mo, p.s,
		    p.pairs, p.np, rowof, p.ids, run->err) != 0) {
			free(rowof);
			person_free(&p);
			return run->err->code;
		}
		free(rowof);
	}
	if (p.o->explain)
		dd_explain(out_fp(run->out), p.o->explain, &p.mo, p.s,
		    p.rowrec, p.nrows, p.ids, p.pairs, p.np, p.o->threshold);
	else if (p.have_header)
		write_rows(&p);
	person_free(&p);
	if (run->err->code != 0)
		return run->err->code;
	return 0;
}
