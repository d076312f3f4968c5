/*
 * The ingest run: its inputs one by one (header matched to the kind, or
 * to a police.uk profile), each row cleaned and written or rejected, the
 * pass-through columns lined up across inputs, and the counts.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csvio.h"
#include "core/diag.h"
#include "core/encoding.h"
#include "core/err.h"
#include "core/hmap.h"
#include "core/input.h"
#include "core/outfile.h"
#include "ingest/ingest_int.h"

size_t
ing_out_ncols(const struct ingest *g)
{
	return g->o.kind->ncols + (g->o.profile != INGEST_PLAIN ? UKP_NEXTRA : 0);
}

static void
write_header(struct ingest *g)
{
	size_t i;

	for (i = 0; i < g->o.kind->ncols; i++)
		csvw_str(g->w, g->o.kind->cols[i].name);
	if (g->o.profile != INGEST_PLAIN)
		for (i = 0; i < UKP_NEXTRA; i++)
			csvw_str(g->w, ukp_extra[i]);
	for (i = 0; i < g->npass; i++)
		csvw_str(g->w, g->pass_names[i]);
	csvw_end(g->w);
}

static void
write_row(struct ingest *g)
{
	size_t i, n = ing_out_ncols(g);

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

/* Rejects the current row: 0, or 65 with g->err set under strict. */
static int
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
	if (g->o.strict)
		return err_at(g->err, EX_DATAERR, csvr_name(g->r),
		    csvr_line(g->r), "%s", why);
	if (g->rw == NULL) {
		if (g->shown++ < SHOW_REJECTS)
			diag_at(csvr_name(g->r), csvr_line(g->r), "%s", why);
		return 0;
	}
	snprintf(line, sizeof(line), "%lu", csvr_line(g->r));
	rej_line(g, csvr_name(g->r), line, why);
	return 0;
}

/*
 * Lines up this input's pass-through columns with the first input's, by
 * name through a hash map (headers may be very wide).  Returns 0, or 65
 * with g->err set when a column is not in the first input.
 */
static int
pass_setup(struct ingest *g)
{
	struct hmap *h = hmap_new();
	size_t i, j, matched = 0;
	uintptr_t *v;
	int rc = 0;

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
		for (j = 0; j < g->m.npass && rc == 0; j++) {
			const char *name = csvr_colname(g->r, g->m.pass[j]);

			v = hmap_slot(h, name, strlen(name), 0, NULL);
			if (*v != 0)
				rc = err_at(g->err, EX_DATAERR,
				    csvr_name(g->r), 1,
				    "column %zu is not in the first input: "
				    "ingest it separately", g->m.pass[j] + 1);
		}
	hmap_free(h);
	return rc;
}

/* --summary: the first and last key date of the rows written. */
static void
note_date(struct ingest *g)
{
	const char *d;

	if (g->sw == NULL || g->i_key_date < 0 ||
	    g->len[g->i_key_date] < 10)
		return;
	d = g->val[g->i_key_date];
	if (g->first[0] == '\0' || memcmp(d, g->first, 10) < 0)
		memcpy(g->first, d, 10);
	if (g->last[0] == '\0' || memcmp(d, g->last, 10) > 0)
		memcpy(g->last, d, 10);
}

/* --summary: the input's row (police.uk outcomes: rows kept, before
 * one per Crime ID, as written). */
static void
summary_row(struct ingest *g, const char *name)
{
	char n[4][24];

	if (g->sw == NULL)
		return;
	snprintf(n[0], sizeof(n[0]), "%lu", g->read);
	snprintf(n[1], sizeof(n[1]), "%lu", g->per_crime ? g->kept :
	    g->written);
	snprintf(n[2], sizeof(n[2]), "%lu", g->rejected);
	snprintf(n[3], sizeof(n[3]), "%lu", g->flagged);
	csvw_str(g->sw, name);
	csvw_str(g->sw, n[0]);
	csvw_str(g->sw, n[1]);
	csvw_str(g->sw, n[2]);
	csvw_str(g->sw, n[3]);
	csvw_str(g->sw, g->i_key_date >= 0 ?
	    g->o.kind->cols[g->i_key_date].name : "");
	csvw_str(g->sw, g->first);
	csvw_str(g->sw, g->last);
	csvw_end(g->sw);
}

static void
summary_file(struct ingest *g, const char *name)
{
	summary_row(g, name);
	if (g->per_crime)
		diag_warn("%s: read %lu, kept %lu, rejected %lu "
		    "(read = kept + rejected)", name, g->read, g->kept,
		    g->rejected);
	else
		diag_warn("%s: read %lu, written %lu, rejected %lu "
		    "(read = written + rejected)", name, g->read, g->written,
		    g->rejected);
}

/*
 * Opens an input, CSV or an .xlsx workbook (known by its content: the
 * chosen sheet is read as CSV, lib/xlsx/xlsxread).  Returns 0, -1
 * when it cannot be opened (warned), or, for a workbook that cannot be
 * read, its status with g->err saying what the file is.
 */
static int
open_input(struct ingest *g, struct input *in, const char *path,
    const struct csvr_opts *ro)
{
	const char *name = path == NULL || strcmp(path, "-") == 0 ?
	    "<stdin>" : path;
	struct csvr *r;
	char msg[512];
	int wb, st;

	r = xlsx_csvr_open(path, ro, &g->o.xlsx, &wb, &st, msg, sizeof(msg));
	if (r == NULL && st == EX_NOINPUT) {
		diag_syswarn("%s", name);
		in->missing = 1;
		return -1;
	}
	if (r == NULL)
		return err_set(g->err, st, "%s: %s", name, msg);
	input_use(in, r);
	return 0;
}

/*
 * Matches the input's header to the kind or the police.uk profile: 0,
 * or 65 with g->err set.
 */
static int
match_header(struct ingest *g, const char *name)
{
	const char **names;
	char err[1400];
	size_t j, nc = csvr_ncols(g->r);
	int rc = 0;

	if (g->o.profile != INGEST_PLAIN)
		return ukp_match(g);
	names = xmalloc((nc + 1) * sizeof(*names));
	for (j = 0; j < nc; j++)
		names[j] = csvr_colname(g->r, j);
	if (colmap_match(g->o.kind, g->o.map, names, nc, &g->m, err,
	    sizeof(err)) != 0)
		rc = err_at(g->err, EX_DATAERR, name, 1, "%s", err);
	free(names);
	return rc;
}

/* Ends an input that stopped the run; returns g->err->code. */
static int
file_failed(struct ingest *g, struct input *in)
{
	colmap_free(&g->m);
	input_close(in);
	g->r = NULL;
	return g->err->code;
}

/*
 * Ingests one input; returns 0, -1 when it cannot be opened, or the
 * status of what ends the run (g->err set).
 */
static int
ingest_file(struct ingest *g, const char *path, struct enc_conv *conv)
{
	struct csvr_opts ro = { 0 };
	struct input in = { 0 };
	const char *name;
	int rc;

	ro.delim = g->o.delim;
	ro.dup_cols_ok = 1;	/* colmap_match() names the column */
	ro.filter = enc_filter;
	ro.filter_ctx = conv;
	if ((rc = open_input(g, &in, path, &ro)) != 0)
		return rc;
	g->r = in.r;
	name = in.name;
	memset(&g->m, 0, sizeof(g->m));
	if ((rc = input_header(&in)) <= 0) {
		if (rc < 0)
			*g->err = in.err;
		else
			err_at(g->err, EX_DATAERR, name, 0,
			    "empty input: no header");
		return file_failed(g, &in);
	}
	if (match_header(g, name) != 0 || pass_setup(g) != 0)
		return file_failed(g, &in);
	if (!g->header_done) {
		write_header(g);
		g->header_done = 1;
	}
	if (g->rw != NULL && !g->rej_header_done) {
		rej_line(g, "reject_file", "reject_line", "reject_reasons");
		g->rej_header_done = 1;
	}
	g->read = g->written = g->rejected = g->flagged = g->kept = 0;
	g->first[0] = g->last[0] = '\0';
	while (input_next(&in) == CSVR_RECORD) {
		g->read++;
		g->nreasons = g->nrecord = 0;
		ing_row_scratch(g);
		ing_check_record(g);
		if (g->nreasons == 0) {
			if (g->o.profile != INGEST_PLAIN)
				ukp_row(g);
			else
				ing_kind_row(g);
			/* No PROJ data (clean_place.c). */
			if (g->err->code != 0)
				return file_failed(g, &in);
		}
		if (g->nrecord > 0 || (g->o.strict_fields && g->nreasons > 0)) {
			if (reject(g) != 0)
				return file_failed(g, &in);
			continue;
		}
		if (g->nreasons > 0)
			ing_flag_row(g);
		note_date(g);
		if (g->per_crime) {
			ukp_keep(g);
			g->kept++;
			continue;
		}
		write_row(g);
		g->written++;
	}
	if (in.err.code != 0) {
		*g->err = in.err;
		return file_failed(g, &in);
	}
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
	if (out_check(g->out, g->err) != 0)
		return file_failed(g, &in);
	colmap_free(&g->m);
	input_close(&in);
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
		    enc_converted(conv), g->o.enc == ENC_LATIN1 ? "latin1" :
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

/* 0, or 70 with g->err set when the kind has no quality_flags. */
static int
kind_setup(struct ingest *g)
{
	const struct kind *k = g->o.kind;
	size_t i, n = k->ncols + UKP_NEXTRA;

	g->i_offence = kind_index(k, "offence_code");
	g->i_da = kind_index(k, "da_flag");
	g->i_outcome = kind_index(k, "outcome_code");
	g->i_key_date = kind_key_date(k);
	g->i_quality = kind_index(k, "quality_flags");
	if (g->i_quality < 0)
		return err_set(g->err, EX_SOFTWARE, "internal error: kind %s "
		    "has no quality_flags", k->name);
	g->title_of = xmalloc(k->ncols * sizeof(int));
	for (i = 0; i < k->ncols; i++) {
		char t[64];
		const char *us = strrchr(k->cols[i].name, '_');

		g->title_of[i] = -1;
		if (k->cols[i].type != COL_NAME || us == NULL)
			continue;
		snprintf(t, sizeof(t), "%.*s_title",
		    (int)(us - k->cols[i].name), k->cols[i].name);
		g->title_of[i] = kind_index(k, t);
	}
	g->val = xcalloc(n, sizeof(*g->val));
	g->len = xcalloc(n, sizeof(*g->len));
	g->titles = xcalloc(k->ncols, sizeof(*g->titles));
	return 0;
}

static void
free_run(struct ingest *g)
{
	size_t j;

	for (j = 0; j < g->npass; j++)
		free(g->pass_names[j]);
	free(g->pass_names);
	free(g->pass_src);
	free(g->title_of);
	free(g->val);
	free(g->len);
	free(g->titles);
	free(g->scratch);
	hmap_free(g->by_reason);
	hmap_free(g->by_flag);
	hmap_free(g->crimes);
}

/*
 * Frees the police.uk crimes kept, for a run that stops before
 * ukp_flush().
 */
static void
free_crimes(struct ingest *g)
{
	size_t it = 0, klen;
	const char *key;
	uintptr_t v;

	while (hmap_next(g->crimes, &it, &key, &klen, &v))
		free((void *)v);
}

/* Opens the output and the rejects file: 0, or 73 with g->err set. */
static int
open_outputs(struct ingest *g)
{
	if ((g->out = out_open(g->o.out, g->err)) == NULL)
		return g->err->code;
	g->w = csvw_new(out_fp(g->out), ',');
	csvw_excel_safe(g->w, g->o.excel_safe);
	if (g->o.rejects != NULL) {
		if ((g->rej = out_open(g->o.rejects, g->err)) == NULL)
			return g->err->code;
		g->rw = csvw_new(out_fp(g->rej), ',');
		csvw_excel_safe(g->rw, g->o.excel_safe);
	}
	if (g->o.summary != NULL) {
		static const char *const h[] = { "file", "read", "written",
		    "rejected", "flagged", "date_column", "first_date",
		    "last_date" };
		size_t i;

		if ((g->sum = out_open(g->o.summary, g->err)) == NULL)
			return g->err->code;
		g->sw = csvw_new(out_fp(g->sum), ',');
		csvw_excel_safe(g->sw, g->o.excel_safe);
		for (i = 0; i < sizeof(h) / sizeof(h[0]); i++)
			csvw_str(g->sw, h[i]);
		csvw_end(g->sw);
	}
	return 0;
}

/*
 * A run that stopped: what is still buffered is dropped and the
 * outputs' temporary files removed, as when a program exits there.
 */
static void
abort_outputs(struct ingest *g)
{
	csvw_discard(g->w);
	csvw_discard(g->rw);
	csvw_discard(g->sw);
	out_abort(g->out);
	out_abort(g->rej);
	out_abort(g->sum);
}

/*
 * Finishes the outputs of a run that went to the end: 0, or 74 with
 * g->err set on a write error.
 */
static int
close_outputs(struct ingest *g, int status)
{
	int bad = csvw_free(g->w) != 0, rbad, sbad;
	/* A missing input still leaves the others' rows written. */
	int fstatus = status == EX_NOINPUT ? 0 : status;

	rbad = g->rw != NULL && csvw_free(g->rw) != 0;
	sbad = g->sw != NULL && csvw_free(g->sw) != 0;
	if (bad || rbad || sbad) {
		err_set(g->err, EX_IOERR, "%s: write error",
		    out_name(bad ? g->out : rbad ? g->rej : g->sum));
		out_abort(g->out);
		out_abort(g->rej);
		out_abort(g->sum);
		return EX_IOERR;
	}
	if (g->rej != NULL && out_close(g->rej, fstatus, g->err) != fstatus) {
		/* The output is not renamed into place either. */
		out_abort(g->out);
		out_abort(g->sum);
		return g->err->code;
	}
	if (out_close(g->out, fstatus, g->err) != fstatus) {
		out_abort(g->sum);
		return g->err->code;
	}
	if (g->sum != NULL && out_close(g->sum, fstatus, g->err) != fstatus)
		return g->err->code;
	return 0;
}

int
ingest_run(const struct ingest_opts *o, int nfiles, char *const *files,
    struct vawg_err *err)
{
	struct ingest g;
	struct enc_conv *conv;
	int i, n = nfiles > 0 ? nfiles : 1, status = 0, rc = 0;

	memset(&g, 0, sizeof(g));
	g.o = *o;
	g.err = err;
	err->code = 0;
	if (kind_setup(&g) != 0)
		return err->code;
	g.by_reason = hmap_new();
	g.by_flag = hmap_new();
	g.per_crime = o->profile == INGEST_UKP_OUTCOMES && !o->every_outcome;
	g.crimes = hmap_new();
	if ((conv = enc_new(o->enc, err)) == NULL)
		rc = err->code;
	else
		rc = open_outputs(&g);
	if (rc != 0)
		n = 0;
	for (i = 0; i < n && rc <= 0; i++)
		if ((rc = ingest_file(&g, nfiles > 0 ? files[i] : "-",
		    conv)) != 0)
			g.missing |= rc == -1;
	if (rc > 0) {
		abort_outputs(&g);
		free_crimes(&g);
		free_run(&g);
		enc_free(conv);
		return err->code;
	}
	if (!g.header_done)
		write_header(&g);
	if (g.per_crime)
		ukp_flush(&g);
	summary(&g, n, conv);

	if (g.missing)
		status = EX_NOINPUT;
	else if (g.t_rejected > 0 && g.rej == NULL)
		status = 1;
	if (close_outputs(&g, status) != 0)
		status = err->code;
	free_run(&g);
	enc_free(conv);
	return status;
}
