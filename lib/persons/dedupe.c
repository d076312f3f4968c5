/*
 * Dedupe: a run of either mode, and what both modes share: the output
 * header, opening and reading the inputs, the rejected rows.  The modes
 * are in dedupe_key.c and dedupe_person.c.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csvio.h"
#include "core/diag.h"
#include "core/err.h"
#include "core/input.h"
#include "core/outfile.h"
#include "persons/dedupe.h"
#include "persons/dedupe_int.h"
#include "persons/persondb.h"

/* Rejected rows shown on stderr when not written to --rejects. */
#define SHOW_REJECTS 10

void
dd_header_from(struct dd_header *h, const struct csvr *r)
{
	size_t i;

	h->n = csvr_ncols(r);
	h->name = xcalloc(h->n ? h->n : 1, sizeof *h->name);
	for (i = 0; i < h->n; i++)
		h->name[i] = xstrdup(csvr_colname(r, i));
}

size_t
dd_split_names(const char *s, char ***out)
{
	char *copy = xstrdup(s), *p, *save = NULL;
	char **v = NULL;
	size_t n = 0;

	for (p = strtok_r(copy, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
		v = xreallocarray(v, n + 1, sizeof *v);
		v[n++] = xstrdup(p);
	}
	free(copy);
	*out = v;
	return n;
}

void
dd_header_free(struct dd_header *h)
{
	size_t i;

	for (i = 0; i < h->n; i++)
		free(h->name[i]);
	free(h->name);
}

/*
 * A header with other columns than the first input's is bad data (65),
 * never a column dropped or left empty: the columns may come in another
 * order, no more.  The message gives column numbers, not names, since a
 * file without a header has a data row there.
 */
int
dd_header_map(const struct dd_header *h, const struct csvr *r, int *map,
    struct vawg_err *e)
{
	size_t i, nc = csvr_ncols(r), missing = 0, extra = 0;
	int same = nc == h->n;
	char *seen = xcalloc(nc ? nc : 1, 1);

	/* csvr_col() hashes wide headers: a million columns stay cheap. */
	for (i = 0; i < h->n && !missing; i++) {
		map[i] = csvr_col(r, h->name[i]);
		if (map[i] < 0)
			missing = i + 1;
		else
			seen[map[i]] = 1;
		if (map[i] != (int)i)
			same = 0;
	}
	for (i = 0; i < nc && !missing && !extra; i++)
		if (!seen[i])
			extra = i + 1;
	free(seen);
	if (missing)
		return err_at(e, EX_DATAERR, csvr_name(r), 1, "header differs "
		    "from the first input's: no column named as its column "
		    "%zu", missing), -1;
	if (extra)
		return err_at(e, EX_DATAERR, csvr_name(r), 1, "header differs "
		    "from the first input's: column %zu is not in it",
		    extra), -1;
	return same;
}

void
dd_write_mapped(struct csvw *w, const struct csvr *r, const int *map,
    size_t n, int same)
{
	size_t i;

	if (same) {
		csvw_fields_from(w, r, n);
		return;
	}
	for (i = 0; i < n; i++) {
		if (map[i] < 0)
			csvw_field(w, "", 0);
		else
			csvw_field(w, csvr_field(r, (size_t)map[i]),
			    csvr_fieldlen(r, (size_t)map[i]));
	}
}

/* Counts the current record as rejected for reason why. */
static void
reject(struct dd_run *run, struct csvr *r, const char *why)
{
	char line[32], reason[128];
	const char *extra[3];

	run->rejected++;
	if (run->rej_w) {
		snprintf(line, sizeof line, "%lu", csvr_line(r));
		snprintf(reason, sizeof reason, "record: %s", why);
		extra[0] = csvr_name(r);
		extra[1] = line;
		extra[2] = reason;
		csvw_raw_with(run->rej_w, r, extra, 3);
	}
	if ((!run->rej_w || run->rej_show_all) &&
	    run->shown++ < SHOW_REJECTS)
		diag_at(csvr_name(r), csvr_line(r), "%s", why);
}

/* A record lib/input leaves out: rejected. */
static void
bad_record(void *run, struct csvr *r, const char *why)
{
	reject(run, r, why);
}

int
dd_open_input(struct dd_run *run, struct input *in, const char *path)
{
	static const char *const names[] = { "reject_file", "reject_line",
	    "reject_reasons" };

	int st;

	*in = (struct input){ .check = INPUT_PROBLEM, .reject = bad_record,
	    .ctx = run };
	if ((st = input_start(in, path, NULL)) <= 0) {
		if (st < 0) {
			*run->err = in->err;
			input_close(in);
			return -1;
		}
		run->missing_input |= in->missing;
		return 0;
	}
	if (run->rej_w && !run->rej_header_done) {
		csvw_raw_with(run->rej_w, in->r, names, 3);
		run->rej_header_done = 1;
	}
	return 1;
}

FILE *
dd_tmpfile(struct vawg_err *e)
{
	FILE *sp = tmpfile();

	if (!sp)
		err_sys(e, EX_CANTCREAT, "temporary file");
	return sp;
}

int
dedupe(const struct dedupe_opts *o, struct outfile *out, int nfiles,
    char *files[], struct vawg_err *e)
{
	static const char *const stdin_only[] = { "-" };
	struct dd_run run;
	int status;

	memset(&run, 0, sizeof run);
	e->code = 0;
	run.o = o;
	run.out = out;
	run.err = e;
	run.files = nfiles ? (const char *const *)files : stdin_only;
	run.nfiles = nfiles ? nfiles : 1;
	if (o->rejects) {
		if ((run.rej_out = out_open(o->rejects, e)) == NULL)
			return e->code;
		run.rej_w = csvw_new(out_fp(run.rej_out), ',');
		run.rej_show_all = o->strict;
	}
	status = o->key ? dd_key_mode(&run) : dd_person_mode(&run);
	if (status != 0) {
		csvw_discard(run.rej_w);
		out_abort(run.rej_out);
		return status;
	}
	if (status == 0 && run.rejected)
		status = o->strict ? EX_DATAERR : 1;
	if (status == 0 && run.missing_input)
		status = EX_NOINPUT;
	if (!run.rej_w && run.shown > SHOW_REJECTS)
		diag_warn("%llu more rejected rows not shown: use --rejects",
		    run.shown - SHOW_REJECTS);
	if (run.rej_w) {
		int fstatus = status == EX_NOINPUT ? 0 : status;

		if (csvw_free(run.rej_w) < 0) {
			err_set(e, EX_IOERR, "%s: write error",
			    out_name(run.rej_out));
			out_abort(run.rej_out);
			return EX_IOERR;
		}
		if (out_close(run.rej_out, fstatus, e) != fstatus)
			return e->code;
	}
	return status;
}

int
dedupe_index(const struct dedupe_opts *o, struct outfile *out,
    struct vawg_err *e)
{
	struct pdb *db;
	size_t n;
	int rc;

	e->code = 0;
	if (!(db = pdb_open(o->index, e)))
		return e->code;
	if (o->import && pdb_import_csv(db, o->import, &n, e) == 0)
		diag_warn("%s: %zu person ids imported", o->index, n);
	if (o->export && !e->code) {
		struct outfile *eo = out_open(o->export, e);

		if (eo == NULL) {
			pdb_close(db);
			return e->code;
		}
		rc = pdb_export_csv(db, out_fp(eo), out_name(eo), e);
		out_close(eo, rc, rc ? NULL : e);
	}
	if (o->log && !e->code)
		pdb_write_log(db, out_fp(out), out_name(out), e);
	pdb_close(db);
	return e->code;
}
