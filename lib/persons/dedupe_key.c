/*
 * Dedupe, key mode: one row per key, in input order.
 *
 * --keep first writes a row as soon as its key is new.  --keep last and
 * latest spool every row (its key's number, its raw bytes when --dropped
 * wants them, and its fields in the output's order, or its text when it
 * is those fields as written: one record, written at once) to a
 * temporary file, keep per key the number of the winning row, and write
 * the winners when the spool is read back.  Memory grows with the
 * distinct keys, not the rows.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csvio.h"
#include "core/diag.h"
#include "core/err.h"
#include "core/hmap.h"
#include "core/outfile.h"
#include "persons/dedupe.h"
#include "persons/dedupe_int.h"

/* Per key for --keep last and latest: the winning row and its value. */
struct win {
	unsigned long long row;
	char *latest;
	size_t len;
	int has;
};

struct key_run {
	struct dd_run *run;
	const struct dedupe_opts *o;
	struct hmap *keys;
	struct outfile *dout;		/* --dropped */
	struct csvw *w, *dw;
	struct dd_header h;
	int *map, same;
	char **kn;			/* key column names */
	int *kc;			/* their columns in this input */
	size_t nk;
	char *kbuf;			/* the current key */
	size_t kcap, klen;
	int latest_col;
	unsigned long long read, kept, dropped, row;
	struct win *wins;
	size_t nwins, cwins;
	FILE *sp;			/* spool, for last and latest */
	char *rec;			/* one row's spool record */
	size_t rcap, rlen;
	int have_header;
	int sp_bad;			/* a short read of the spool */
	struct vawg_err *err;		/* the run's error */
};

/* Key of the current record of r into k->kbuf, k->klen. */
static void
make_key(struct key_run *k, const struct csvr *r)
{
	size_t i, n, len = 0;

	for (i = 0; i < k->nk; i++) {
		n = csvr_fieldlen(r, (size_t)k->kc[i]);
		if (len + n + 1 > k->kcap) {
			k->kcap = (len + n + 1) * 2;
			k->kbuf = xrealloc(k->kbuf, k->kcap);
		}
		if (i)
			k->kbuf[len++] = '\x1f';
		memcpy(k->kbuf + len, csvr_field(r, (size_t)k->kc[i]), n);
		len += n;
	}
	k->klen = len;
}

/*
 * A spool record: its length (uint32), the key's number (uint32), one
 * byte (1 when the row is spooled as its text, csvr_text(), 0 as its
 * fields), then fields, each its length (uint32) and bytes: the raw row
 * when --dropped wants it, then the output's text or fields.
 */
static void
rec_room(struct key_run *k, size_t n)
{
	if (k->rlen + n > k->rcap) {
		k->rcap = (k->rlen + n) * 2;
		k->rec = xrealloc(k->rec, k->rcap);
	}
}

static void
rec_put(struct key_run *k, const void *p, size_t n)
{
	uint32_t len = (uint32_t)n;

	rec_room(k, sizeof len + n);
	memcpy(k->rec + k->rlen, &len, sizeof len);
	memcpy(k->rec + k->rlen + sizeof len, p, n);
	k->rlen += sizeof len + n;
}

/*
 * The next field of the record at *pos (len bytes): its bytes, its
 * length in *n; NULL (k->sp_bad set) past the record's end.
 */
static const char *
rec_get(struct key_run *k, size_t *pos, size_t len, uint32_t *n)
{
	const char *v;

	if (k->sp_bad || len - *pos < sizeof *n) {
		k->sp_bad = 1;
		return NULL;
	}
	memcpy(n, k->rec + *pos, sizeof *n);
	if (len - *pos - sizeof *n < *n) {
		k->sp_bad = 1;
		return NULL;
	}
	v = k->rec + *pos + sizeof *n;
	*pos += sizeof *n + *n;
	return v;
}

/* The output's (and --dropped's) header from the first input, r. */
static void
first_header(struct key_run *k, struct csvr *r)
{
	const char *raw;
	size_t i, rawlen;

	dd_header_from(&k->h, r);
	k->map = xcalloc(k->h.n ? k->h.n : 1, sizeof *k->map);
	k->w = csvw_new(out_fp(k->run->out), ',');
	csvw_excel_safe(k->w, k->o->excel_safe);
	for (i = 0; i < k->h.n; i++)
		csvw_str(k->w, k->h.name[i]);
	csvw_end(k->w);
	if (k->dw) {
		raw = csvr_raw(r, &rawlen);
		csvw_raw(k->dw, raw, rawlen);
	}
	k->have_header = 1;
}

/*
 * Finds the columns of the key and of --keep latest in r: 0, or 65
 * with k->err set.
 */
static int
find_columns(struct key_run *k, const struct csvr *r)
{
	size_t i;

	for (i = 0; i < k->nk; i++) {
		k->kc[i] = csvr_col(r, k->kn[i]);
		if (k->kc[i] < 0)
			return err_at(k->err, EX_DATAERR, csvr_name(r), 1,
			    "no column %s", k->kn[i]);
	}
	if (k->o->keep == DEDUPE_KEEP_LATEST) {
		k->latest_col = csvr_col(r, k->o->keep_col);
		if (k->latest_col < 0)
			return err_at(k->err, EX_DATAERR, csvr_name(r), 1,
			    "no column %s", k->o->keep_col);
	}
	return 0;
}

/* --keep latest: the current row wins when its value is not smaller. */
static void
latest_vote(struct win *wn, const struct csvr *r, int col,
    unsigned long long row)
{
	const char *v = csvr_field(r, (size_t)col);
	size_t vl = csvr_fieldlen(r, (size_t)col), m;
	int c;

	m = vl < wn->len ? vl : wn->len;
	c = memcmp(v, wn->latest ? wn->latest : "", m);
	if (c == 0)
		c = vl > wn->len ? 1 : vl < wn->len ? -1 : 0;
	if (!wn->has || c >= 0) {
		if (vl > wn->len || !wn->latest)
			wn->latest = xrealloc(wn->latest, vl + 1);
		memcpy(wn->latest, v, vl);
		wn->len = vl;
		wn->row = row;
		wn->has = 1;
	}
}

/*
 * Spools the current row, whose key is number kn (a write error stays on
 * the stream: key_file() checks ferror()).
 */
static void
spool_row(struct key_run *k, const struct csvr *r, const char *raw,
    size_t rawlen, uint32_t kn)
{
	size_t i, tlen;
	uint32_t len;
	const char *text = NULL;

	/* A row that is its fields as written, in the output's order:
	   copied whole, not field by field. */
	if (k->same == 1)
		text = csvw_text_of(k->w, r, k->h.n, &tlen);
	k->rlen = 0;
	rec_room(k, sizeof len + sizeof kn + 1);
	k->rlen = sizeof len + sizeof kn + 1;	/* the length: set below */
	memcpy(k->rec + sizeof len, &kn, sizeof kn);
	k->rec[sizeof len + sizeof kn] = text != NULL;
	if (k->dw)
		rec_put(k, raw, rawlen);
	if (text != NULL)
		rec_put(k, text, tlen);
	else
		for (i = 0; i < k->h.n; i++) {
			if (k->map[i] < 0)
				rec_put(k, "", 0);
			else
				rec_put(k, csvr_field(r, (size_t)k->map[i]),
				    csvr_fieldlen(r, (size_t)k->map[i]));
		}
	len = (uint32_t)(k->rlen - sizeof len);
	memcpy(k->rec, &len, sizeof len);
	fwrite(k->rec, 1, k->rlen, k->sp);
}

/* One good record of r. */
static void
key_record(struct key_run *k, const struct csvr *r)
{
	uintptr_t *slot;
	const char *raw;
	size_t rawlen;
	int created;

	k->read++;
	make_key(k, r);
	slot = hmap_slot(k->keys, k->kbuf ? k->kbuf : "", k->klen, 1,
	    &created);
	raw = csvr_raw(r, &rawlen);
	if (k->o->keep == DEDUPE_KEEP_FIRST) {
		if (created) {
			dd_write_mapped(k->w, r, k->map, k->h.n, k->same);
			csvw_end(k->w);
			k->kept++;
		} else {
			if (k->dw)
				csvw_raw(k->dw, raw, rawlen);
			k->dropped++;
		}
		return;
	}
	if (created) {
		if (k->nwins == k->cwins) {
			k->cwins = k->cwins ? k->cwins * 2 : 1024;
			k->wins = xreallocarray(k->wins, k->cwins,
			    sizeof *k->wins);
		}
		memset(&k->wins[k->nwins], 0, sizeof k->wins[k->nwins]);
		*slot = k->nwins++;
	}
	if (k->o->keep == DEDUPE_KEEP_LAST)
		k->wins[*slot].row = k->row;
	else
		latest_vote(&k->wins[*slot], r, k->latest_col, k->row);
	spool_row(k, r, raw, rawlen, (uint32_t)*slot);
	k->row++;
}

/* Reads input path: 0, or the status that ends the run (k->err set). */
static int
key_file(struct key_run *k, const char *path)
{
	struct input in;
	struct csvr *r;
	int rc;

	if ((rc = dd_open_input(k->run, &in, path)) <= 0)
		return rc < 0 ? k->err->code : 0;
	rc = 0;
	r = in.r;
	if (!k->have_header)
		first_header(k, r);
	if ((k->same = dd_header_map(&k->h, r, k->map, k->err)) < 0)
		rc = k->err->code;
	else if ((rc = find_columns(k, r)) == 0) {
		while (input_next(&in) == CSVR_RECORD)
			key_record(k, r);
		if (in.err.code != 0) {
			*k->err = in.err;
			rc = in.err.code;
		} else if (k->sp != NULL && ferror(k->sp))
			rc = err_set(k->err, EX_IOERR,
			    "temporary file: write error");
	}
	input_close(&in);
	return rc;
}

/*
 * --keep last and latest: writes the winners from the spool; 0, or 74
 * with k->err set.
 */
static int
replay(struct key_run *k)
{
	unsigned long long rr;
	uint32_t len, kn, n, f, nf;
	const char *v;
	size_t pos;
	int win, text;

	if (fflush(k->sp) == EOF || fseek(k->sp, 0, SEEK_SET) != 0)
		return err_sys(k->err, EX_IOERR, "temporary file");
	for (rr = 0; rr < k->row && !k->sp_bad; rr++) {
		if (fread(&len, sizeof len, 1, k->sp) != 1 ||
		    len < sizeof kn + 1) {
			k->sp_bad = 1;
			break;
		}
		k->rlen = 0;
		rec_room(k, len);
		if (fread(k->rec, 1, len, k->sp) != len) {
			k->sp_bad = 1;
			break;
		}
		memcpy(&kn, k->rec, sizeof kn);
		text = k->rec[sizeof kn] != 0;
		pos = sizeof kn + 1;
		win = kn < k->nwins && k->wins[kn].row == rr;
		if (k->dw && (v = rec_get(k, &pos, len, &n)) != NULL && !win)
			csvw_raw(k->dw, v, n);
		nf = text ? 1 : (uint32_t)k->h.n;
		for (f = 0; f < nf && !k->sp_bad; f++)
			if ((v = rec_get(k, &pos, len, &n)) != NULL && win) {
				if (text)
					csvw_raw(k->w, v, n);
				else
					csvw_field(k->w, v, n);
			}
		if (win) {
			csvw_end(k->w);
			k->kept++;
		} else
			k->dropped++;
	}
	fclose(k->sp);
	k->sp = NULL;
	if (k->sp_bad)
		return err_set(k->err, EX_IOERR, "temporary file: read error");
	return 0;
}

/*
 * Counts (when the run went to its end: rc 0), then closes --dropped
 * and frees k; returns rc, or 74 with k->err set on a write error.
 */
static int
key_finish(struct key_run *k, int rc)
{
	size_t i;

	if (rc == 0)
		diag_warn("read %llu, written %llu, dropped %llu, rejected "
		    "%llu (read = written + dropped + rejected); %zu keys",
		    k->read + k->run->rejected, k->kept, k->dropped,
		    k->run->rejected, hmap_count(k->keys));
	if (rc != 0) {
		/* What is still buffered is dropped, as at an exit. */
		csvw_discard(k->w);
		csvw_discard(k->dw);
	} else {
		int wbad = csvw_free(k->w) < 0, dbad = csvw_free(k->dw) < 0;

		if (wbad || dbad)
			rc = err_set(k->err, EX_IOERR, "%s: write error",
			    out_name(wbad ? k->run->out : k->dout));
	}
	if (rc != 0)
		out_abort(k->dout);
	else
		rc = out_close(k->dout, 0, k->err);
	if (k->sp != NULL)
		fclose(k->sp);
	for (i = 0; i < k->nwins; i++)
		free(k->wins[i].latest);
	free(k->wins);
	for (i = 0; i < k->nk; i++)
		free(k->kn[i]);
	free(k->kn);
	free(k->kc);
	free(k->kbuf);
	free(k->rec);
	free(k->map);
	dd_header_free(&k->h);
	hmap_free(k->keys);
	return rc;
}

int
dd_key_mode(struct dd_run *run)
{
	struct key_run k;
	int a, rc = 0;

	memset(&k, 0, sizeof k);
	k.run = run;
	k.o = run->o;
	k.err = run->err;
	k.keys = hmap_new();
	k.latest_col = -1;
	k.nk = dd_split_names(k.o->key, &k.kn);
	if (k.nk == 0)
		rc = err_set(k.err, EX_USAGE, "--key: no column named");
	k.kc = xcalloc(k.nk ? k.nk : 1, sizeof *k.kc);
	if (rc == 0 && k.o->dropped) {
		if ((k.dout = out_open(k.o->dropped, k.err)) == NULL)
			rc = k.err->code;
		else
			k.dw = csvw_new(out_fp(k.dout), ',');
	}
	if (rc == 0 && k.o->keep != DEDUPE_KEEP_FIRST &&
	    (k.sp = dd_tmpfile(k.err)) == NULL)
		rc = k.err->code;
	for (a = 0; rc == 0 && a < run->nfiles; a++)
		rc = key_file(&k, run->files[a]);
	if (!k.have_header) {
		k.w = csvw_new(out_fp(run->out), ',');
		csvw_excel_safe(k.w, k.o->excel_safe);
	}
	if (rc == 0 && k.sp)
		rc = replay(&k);
	return key_finish(&k, rc);
}
