/*
 * vawg-dedupe: removes duplicate rows by key, or resolves the persons
 * named in a role's columns into person ids.
 *
 * Key mode (--key) keeps one row per key (the first, the last, or the
 * one with the latest value of a column), in input order, and sends
 * every other row, byte for byte, to --dropped.  Person mode (--role)
 * links the ROLE_* columns of every row by a Fellegi-Sunter model
 * estimated from the data (lib/linkage) and writes every row unchanged
 * with ROLE_id and ROLE_match_weight added.
 *
 * In both modes every row is accounted for: a record the reader cannot
 * use (bad quoting or bytes, the wrong number of fields) is rejected,
 * counted and, with --rejects, written there byte for byte.  Inputs must
 * have one header (in any column order): columns are never dropped.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/cli.h"
#include "core/csvio.h"
#include "core/diag.h"
#include "core/hmap.h"
#include "persons/linkage.h"
#include "core/outfile.h"
#include "persons/persondb.h"

enum {
	OPT_KEEP = CLI_OPT_FIRST_FREE,
	OPT_DROPPED,
	OPT_INDEX,
	OPT_PAIRS,
	OPT_PAIRS_MIN,
	OPT_THRESHOLD,
	OPT_GUARD,
	OPT_EXPLAIN,
	OPT_TRUTH,
	OPT_MODEL,
	OPT_INDEX_IMPORT,
	OPT_INDEX_EXPORT,
	OPT_INDEX_LOG,
	OPT_REJECTS,
};

static const struct option longopts[] = {
	CLI_LONGOPTS,
	CLI_EXCEL_LONGOPTS,
	{ "key", required_argument, NULL, 'k' },
	{ "keep", required_argument, NULL, OPT_KEEP },
	{ "dropped", required_argument, NULL, OPT_DROPPED },
	{ "role", required_argument, NULL, 'r' },
	{ "index", required_argument, NULL, OPT_INDEX },
	{ "pairs", required_argument, NULL, OPT_PAIRS },
	{ "pairs-min", required_argument, NULL, OPT_PAIRS_MIN },
	{ "threshold", required_argument, NULL, OPT_THRESHOLD },
	{ "guard", required_argument, NULL, OPT_GUARD },
	{ "explain", required_argument, NULL, OPT_EXPLAIN },
	{ "truth", required_argument, NULL, OPT_TRUTH },
	{ "model", required_argument, NULL, OPT_MODEL },
	{ "index-import", required_argument, NULL, OPT_INDEX_IMPORT },
	{ "index-export", required_argument, NULL, OPT_INDEX_EXPORT },
	{ "index-log", no_argument, NULL, OPT_INDEX_LOG },
	{ "rejects", required_argument, NULL, OPT_REJECTS },
	{ NULL, 0, NULL, 0 }
};

static struct cli cli = {
	.synopsis =
	    "vawg-dedupe [--excel-safe] [--strict] -k column[,column...] "
	    "[--keep first|last|latest:column] [--dropped file] "
	    "[--rejects file] [-o file] [file ...]\n"
	    "       vawg-dedupe [--excel-safe] [--strict] -r role "
	    "[--explain id] "
	    "[--guard weight] [--index file] [--model file] [--pairs file] "
	    "[--pairs-min weight] [--rejects file] [--threshold weight] "
	    "[--truth column] [-o file] [file ...]\n"
	    "       vawg-dedupe --index file [--index-import csv] "
	    "[--index-export csv] [--index-log] [-o file]",
	.help =
	    "Key mode:\n"
	    "  -k, --key COLS        columns (comma separated) that make a "
	    "row's key\n"
	    "  --keep WHICH          first (default), last, or latest:COL "
	    "(largest value of COL)\n"
	    "  --dropped FILE        write every dropped row there, byte for "
	    "byte\n"
	    "Person mode:\n"
	    "  -r, --role ROLE       link the persons in the ROLE_* columns\n"
	    "  --index FILE          persons database (SQLite) kept between "
	    "runs: the run's\n"
	    "                        candidates read, its changes written in "
	    "one transaction\n"
	    "  --pairs FILE          every scored pair at or above --pairs-min,"
	    " with each field's weight\n"
	    "  --pairs-min W         lower bound for --pairs (default: "
	    "threshold - 10)\n"
	    "  --threshold W         match weight in bits to link a pair "
	    "(default 0: even odds)\n"
	    "  --guard W             evidence against (bits) that keeps two "
	    "groups apart (default -12)\n"
	    "  --explain ID          write the evidence for person ID instead "
	    "of the rows\n"
	    "  --truth COL           column of known identities: print "
	    "precision, recall, F1\n"
	    "  --model FILE          write the estimated m and u "
	    "probabilities\n"
	    "Persons database (with --index, no --role):\n"
	    "  --index-import CSV    import an index of the earlier CSV form "
	    "into a new database\n"
	    "  --index-export CSV    write the index in that CSV form\n"
	    "  --index-log           write the merge log (merged_id, into_id, "
	    "current_id, ...)\n"
	    "Common:\n"
	    "  -o, --output FILE     write FILE (mode 0600) instead of stdout\n"
	    "  --rejects FILE        write rows that cannot be read there, as "
	    "they were, with\n"
	    "                        reject_file, reject_line, "
	    "reject_reasons\n"
	    "  --excel-safe          neutralise fields a spreadsheet would run "
	    "(= + - @ TAB CR\n"
	    "                        first: '= quoted) in -o and --pairs; "
	    "--dropped stays as it came\n"
	    "  --strict              a rejected row fails the run (exit 65)\n"
	    "  -h, --help            this help; --version: the version\n"
	    "Memory: key mode keeps each distinct key (and, for last/latest, "
	    "spools rows to a\ntemporary file); person mode keeps about 100 "
	    "bytes per person record and the\ndistinct values, and spools "
	    "rows to a temporary file; with --index, also the\nrecords "
	    "fetched from the database (about a dozen per record) and "
	    "8 MB of cache.\n",
};

struct opts {
	const char *key, *keep_col, *dropped, *role, *index, *pairs;
	const char *explain, *truth, *model, *rejects, *import, *export;
	int keep;		/* 0 first, 1 last, 2 latest */
	int log;
	double threshold, guard, pairs_min;
	int pairs_min_set;
};

enum { KEEP_FIRST, KEEP_LAST, KEEP_LATEST };

static int missing_input;

/* Rejected rows: counted, and written to --rejects or shown. */
#define SHOW_REJECTS 10
static struct {
	struct outfile *out;
	struct csvw *w;
	int header_done, show_all;
	unsigned long long n, shown;
} rej;

/* The output columns: the first input's header. */
struct header {
	char **name;
	size_t n;
};

static void
header_from(struct header *h, const struct csvr *r)
{
	size_t i;

	h->n = csvr_ncols(r);
	h->name = xcalloc(h->n ? h->n : 1, sizeof *h->name);
	for (i = 0; i < h->n; i++)
		h->name[i] = xstrdup(csvr_colname(r, i));
}

static void
header_free(struct header *h)
{
	size_t i;

	for (i = 0; i < h->n; i++)
		free(h->name[i]);
	free(h->name);
}

/*
 * map[i]: the column of r holding output column i.  Returns 1 when r's
 * header is the output header as it is.  A header with other columns
 * than the first input's is bad data (65), never a column dropped or
 * left empty: the columns may come in another order, no more.  The
 * message gives column numbers, not names, since a file without a header
 * has a data row there.
 */
static int
header_map(const struct header *h, const struct csvr *r, int *map)
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
		diag_fatal_at(EX_DATAERR, csvr_name(r), 1, "header differs "
		    "from the first input's: no column named as its column "
		    "%zu", missing);
	if (extra)
		diag_fatal_at(EX_DATAERR, csvr_name(r), 1, "header differs "
		    "from the first input's: column %zu is not in it", extra);
	return same;
}

static void
write_mapped(struct csvw *w, const struct csvr *r, const int *map, size_t n,
    int same)
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

/* Splits "a,b,c" into names; returns how many. */
static size_t
split_cols(const char *s, char ***out)
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

/* Opens input i; NULL (after a warning) when it cannot be opened. */
static struct csvr *
open_input(const char *path)
{
	struct csvr *r = csvr_open(path, NULL);

	if (!r) {
		diag_warn("%s: %s", path, strerror(errno));
		missing_input = 1;
	}
	return r;
}

/*
 * Reads the header of r; returns 0, or -1 for an empty input.  The first
 * header read heads the rejects file too, as it was.
 */
static int
read_header(struct csvr *r)
{
	static const char *const names[] = { "reject_file", "reject_line",
	    "reject_reasons" };
	int st = csvr_header(r);

	if (st == CSVR_ERROR)
		diag_fatal_at(EX_DATAERR, csvr_name(r), csvr_error_line(r),
		    "%s", csvr_error(r));
	if (st == CSVR_EOF)
		return -1;
	if (rej.w && !rej.header_done) {
		csvw_raw_with(rej.w, r, names, 3);
		rej.header_done = 1;
	}
	return 0;
}

/* Counts the current record as rejected for reason why. */
static void
reject(struct csvr *r, const char *why)
{
	char line[32], reason[128];
	const char *extra[3];

	rej.n++;
	if (rej.w) {
		snprintf(line, sizeof line, "%lu", csvr_line(r));
		snprintf(reason, sizeof reason, "record: %s", why);
		extra[0] = csvr_name(r);
		extra[1] = line;
		extra[2] = reason;
		csvw_raw_with(rej.w, r, extra, 3);
	}
	if ((!rej.w || rej.show_all) && rej.shown++ < SHOW_REJECTS)
		diag_at(csvr_name(r), csvr_line(r), "%s", why);
}

/*
 * Next good record: CSVR_RECORD or CSVR_EOF.  Records that are bad or
 * have not the header's fields are rejected.
 */
static int
next_record(struct csvr *r)
{
	const char *why;
	int st;

	while ((st = csvr_next(r)) == CSVR_RECORD) {
		if ((why = csvr_problem(r)) == NULL)
			return st;
		reject(r, why);
	}
	if (st == CSVR_ERROR)
		diag_fatal_at(EX_DATAERR, csvr_name(r), csvr_error_line(r),
		    "%s", csvr_error(r));
	return st;
}

/* Key mode. */

/* Key of the current record from the key columns kc[0..nk) of r. */
static size_t
make_key(const struct csvr *r, const int *kc, size_t nk, char **buf,
    size_t *cap)
{
	size_t i, k = 0, n;

	for (i = 0; i < nk; i++) {
		n = csvr_fieldlen(r, (size_t)kc[i]);
		if (k + n + 1 > *cap) {
			*cap = (k + n + 1) * 2;
			*buf = xrealloc(*buf, *cap);
		}
		if (i)
			(*buf)[k++] = '\x1f';
		memcpy(*buf + k, csvr_field(r, (size_t)kc[i]), n);
		k += n;
	}
	return k;
}

/* Per key for --keep last and latest: the winning row and its value. */
struct win {
	unsigned long long row;
	char *latest;
	size_t len;
	int has;
};

static void
spool_put(FILE *sp, const void *p, size_t n)
{
	uint32_t len = (uint32_t)n;

	if (fwrite(&len, sizeof len, 1, sp) != 1 ||
	    (n && fwrite(p, 1, n, sp) != n))
		diag_fatal(EX_IOERR, "temporary file: write error");
}

static int
key_mode(const struct opts *o, struct outfile *out, int argc, char *argv[])
{
	struct hmap *keys = hmap_new();
	struct outfile *dout = NULL;
	struct csvw *w = NULL, *dw = NULL;
	struct header h = { NULL, 0 };
	char **kn = NULL, *kbuf = NULL;
	size_t nk, kcap = 0, i, klen;
	int *kc = NULL, *map = NULL, same, a, latest_col = -1;
	unsigned long long read = 0, kept = 0, dropped = 0, row = 0;
	struct win *wins = NULL;
	size_t nwins = 0, cwins = 0;
	FILE *sp = NULL;
	const char *stdin_only[] = { "-" };
	const char **files = argc ? (const char **)argv : stdin_only;
	int nfiles = argc ? argc : 1, have_header = 0;

	nk = split_cols(o->key, &kn);
	if (nk == 0)
		cli_badarg(&cli, "--key: no column named");
	kc = xcalloc(nk, sizeof *kc);
	if (o->dropped) {
		dout = out_open(o->dropped);
		dw = csvw_new(out_fp(dout), ',');
	}
	if (o->keep != KEEP_FIRST && !(sp = tmpfile()))
		diag_fatal(EX_CANTCREAT, "temporary file: %s", strerror(errno));
	for (a = 0; a < nfiles; a++) {
		struct csvr *r = open_input(files[a]);
		const char *raw;
		size_t rawlen;

		if (!r)
			continue;
		if (read_header(r) < 0) {
			csvr_close(r);
			continue;
		}
		if (!have_header) {
			header_from(&h, r);
			map = xcalloc(h.n ? h.n : 1, sizeof *map);
			w = csvw_new(out_fp(out), ',');
			csvw_excel_safe(w, cli.excel_safe);
			for (i = 0; i < h.n; i++)
				csvw_str(w, h.name[i]);
			csvw_end(w);
			if (dw) {
				raw = csvr_raw(r, &rawlen);
				csvw_raw(dw, raw, rawlen);
			}
			have_header = 1;
		}
		same = header_map(&h, r, map);
		for (i = 0; i < nk; i++) {
			kc[i] = csvr_col(r, kn[i]);
			if (kc[i] < 0)
				diag_fatal_at(EX_DATAERR, csvr_name(r), 1,
				    "no column %s", kn[i]);
		}
		if (o->keep == KEEP_LATEST) {
			latest_col = csvr_col(r, o->keep_col);
			if (latest_col < 0)
				diag_fatal_at(EX_DATAERR, csvr_name(r), 1,
				    "no column %s", o->keep_col);
		}
		while (next_record(r) == CSVR_RECORD) {
			uintptr_t *slot;
			int created;

			read++;
			klen = make_key(r, kc, nk, &kbuf, &kcap);
			slot = hmap_slot(keys, kbuf ? kbuf : "", klen, 1,
			    &created);
			raw = csvr_raw(r, &rawlen);
			if (o->keep == KEEP_FIRST) {
				if (created) {
					write_mapped(w, r, map, h.n, same);
					csvw_end(w);
					kept++;
				} else {
					if (dw)
						csvw_raw(dw, raw, rawlen);
					dropped++;
				}
				continue;
			}
			if (created) {
				if (nwins == cwins) {
					cwins = cwins ? cwins * 2 : 1024;
					wins = xreallocarray(wins, cwins,
					    sizeof *wins);
				}
				memset(&wins[nwins], 0, sizeof wins[nwins]);
				*slot = nwins++;
			}
			{
				struct win *wn = &wins[*slot];

				if (o->keep == KEEP_LAST)
					wn->row = row;
				else {
					const char *v = csvr_field(r,
					    (size_t)latest_col);
					size_t vl = csvr_fieldlen(r,
					    (size_t)latest_col), m;
					int c;

					m = vl < wn->len ? vl : wn->len;
					c = memcmp(v, wn->latest ? wn->latest :
					    "", m);
					if (c == 0)
						c = vl > wn->len ? 1 :
						    vl < wn->len ? -1 : 0;
					if (!wn->has || c >= 0) {
						if (vl > wn->len || !wn->latest)
							wn->latest = xrealloc(
							    wn->latest, vl + 1);
						memcpy(wn->latest, v, vl);
						wn->len = vl;
						wn->row = row;
						wn->has = 1;
					}
				}
			}
			/* Spool: raw bytes, then the output fields. */
			spool_put(sp, raw, rawlen);
			spool_put(sp, kbuf ? kbuf : "", klen);
			{
				uint32_t nf = (uint32_t)h.n;

				if (fwrite(&nf, sizeof nf, 1, sp) != 1)
					diag_fatal(EX_IOERR,
					    "temporary file: write error");
				for (i = 0; i < h.n; i++) {
					if (map[i] < 0)
						spool_put(sp, "", 0);
					else
						spool_put(sp, csvr_field(r,
						    (size_t)map[i]),
						    csvr_fieldlen(r,
						    (size_t)map[i]));
				}
			}
			row++;
		}
		csvr_close(r);
	}
	if (!have_header) {
		w = csvw_new(out_fp(out), ',');
		csvw_excel_safe(w, cli.excel_safe);
	}
	if (sp) {
		char *buf = NULL;
		size_t bcap = 0;
		unsigned long long rr;
		uint32_t len, nf, f;
		char *rawb = NULL;
		size_t rawcap = 0;

		if (fflush(sp) == EOF || fseek(sp, 0, SEEK_SET) != 0)
			diag_fatal(EX_IOERR, "temporary file: %s",
			    strerror(errno));
		for (rr = 0; rr < row; rr++) {
			uint32_t rawl, kl;
			uintptr_t *slot;
			int win;

			if (fread(&rawl, sizeof rawl, 1, sp) != 1)
				diag_fatal(EX_IOERR, "temporary file: read "
				    "error");
			if (rawl + 1 > rawcap) {
				rawcap = (size_t)rawl * 2 + 1;
				rawb = xrealloc(rawb, rawcap);
			}
			if (rawl && fread(rawb, 1, rawl, sp) != rawl)
				diag_fatal(EX_IOERR, "temporary file: read "
				    "error");
			if (fread(&kl, sizeof kl, 1, sp) != 1)
				diag_fatal(EX_IOERR, "temporary file: read "
				    "error");
			if (kl + 1 > kcap) {
				kcap = (size_t)kl * 2 + 1;
				kbuf = xrealloc(kbuf, kcap);
			}
			if (kl && fread(kbuf, 1, kl, sp) != kl)
				diag_fatal(EX_IOERR, "temporary file: read "
				    "error");
			slot = hmap_slot(keys, kbuf, kl, 0, NULL);
			win = slot && wins[*slot].row == rr;
			if (fread(&nf, sizeof nf, 1, sp) != 1)
				diag_fatal(EX_IOERR, "temporary file: read "
				    "error");
			for (f = 0; f < nf; f++) {
				if (fread(&len, sizeof len, 1, sp) != 1)
					diag_fatal(EX_IOERR, "temporary file: "
					    "read error");
				if (len + 1 > bcap) {
					bcap = (size_t)len * 2 + 1;
					buf = xrealloc(buf, bcap);
				}
				if (len && fread(buf, 1, len, sp) != len)
					diag_fatal(EX_IOERR, "temporary file: "
					    "read error");
				if (win)
					csvw_field(w, buf, len);
			}
			if (win) {
				csvw_end(w);
				kept++;
			} else {
				if (dw)
					csvw_raw(dw, rawb, rawl);
				dropped++;
			}
		}
		free(buf);
		free(rawb);
		fclose(sp);
	}
	diag_warn("read %llu, written %llu, dropped %llu, rejected %llu "
	    "(read = written + dropped + rejected); %zu keys",
	    read + rej.n, kept, dropped, rej.n, hmap_count(keys));
	if (csvw_free(w) < 0)
		diag_fatal(EX_IOERR, "%s: write error", out_name(out));
	if (dw) {
		if (csvw_free(dw) < 0)
			diag_fatal(EX_IOERR, "%s: write error",
			    out_name(dout));
		out_close(dout, 0);
	}
	for (i = 0; i < nwins; i++)
		free(wins[i].latest);
	free(wins);
	for (i = 0; i < nk; i++)
		free(kn[i]);
	free(kn);
	free(kc);
	free(kbuf);
	free(map);
	header_free(&h);
	hmap_free(keys);
	return 0;
}

/* Person mode. */

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

static void
write_model(const char *path, const struct lk_model *mo, const int *used)
{
	struct outfile *o = out_open(path);
	FILE *fp = out_fp(o);
	int f, l;

	fprintf(fp, "field,level,m,u,weight,m_source,u_source\n");
	for (f = 0; f < LK_NFIELDS; f++) {
		if (!used[f])
			continue;
		for (l = lk_nlevels((enum lk_field)f) - 1; l >= 0; l--)
			fprintf(fp, "%s,%s,%.6g,%.6g,%.3f,%s,%s\n",
			    lk_field_names[f],
			    lk_level_name((enum lk_field)f, l), mo->m[f][l],
			    mo->u[f][l], mo->w[f][l],
			    mo->m_src[f] == LK_SRC_DATA ? "data" : "default",
			    mo->u_src[f] == LK_SRC_DATA ? "data" : "default");
	}
	fprintf(fp, "prior,,,,%.3f,%s,\n", mo->prior,
	    mo->prior_matches > 0 ? "data" : "default");
	out_close(o, 0);
}

/* Pairs file header and rows: data row numbers count from 1. */
static void
pairs_header(struct csvw *w)
{
	char name[64];
	int f;

	csvw_str(w, "row_a");
	csvw_str(w, "row_b");
	csvw_str(w, "id_a");
	csvw_str(w, "id_b");
	csvw_str(w, "match_weight");
	csvw_str(w, "basis");
	csvw_str(w, "prior");
	for (f = 0; f < LK_NFIELDS; f++) {
		snprintf(name, sizeof name, "w_%s", lk_field_names[f]);
		csvw_str(w, name);
	}
	csvw_end(w);
}

static void
num_field(struct csvw *w, double v, const char *fmt)
{
	char b[64];

	snprintf(b, sizeof b, fmt, v);
	csvw_str(w, b);
}

static void
pairs_row(struct csvw *w, const struct lk_model *mo, const struct lk_set *s,
    uint32_t a, uint32_t b, unsigned long long ra, unsigned long long rb,
    const char *ida, const char *idb)
{
	struct lk_score sc;
	char basis[512];
	int f;

	lk_score(mo, s, a, b, &sc);
	lk_basis(&sc, basis, sizeof basis);
	num_field(w, (double)ra, "%.0f");
	num_field(w, (double)rb, "%.0f");
	csvw_str(w, ida ? ida : "");
	csvw_str(w, idb ? idb : "");
	num_field(w, sc.total, "%.2f");
	csvw_str(w, basis);
	num_field(w, mo->prior, "%.2f");
	for (f = 0; f < LK_NFIELDS; f++) {
		if (sc.level[f] == LK_NULL)
			csvw_str(w, "");
		else
			num_field(w, sc.w[f], "%.2f");
	}
	csvw_end(w);
}

/* --explain: the records of one person and the pairs between them. */
static void
explain(FILE *fp, const char *id, const struct lk_model *mo,
    const struct lk_set *s, const uint32_t *rowrec, unsigned long long nrows,
    const char **ids, const struct lk_pair *pairs, size_t np,
    double threshold)
{
	unsigned long long r, *rowof = xcalloc(lk_set_count(s) ? lk_set_count(s) : 1,
	    sizeof *rowof);
	struct lk_person p;
	struct lk_score sc;
	char basis[512];
	size_t i, nrec = 0;
	int f;

	for (r = 0; r < nrows; r++)
		if (rowrec[r] != UINT32_MAX)
			rowof[rowrec[r]] = r + 1;
	for (r = 0; r < nrows; r++)
		if (rowrec[r] != UINT32_MAX && ids[rowrec[r]] &&
		    strcmp(ids[rowrec[r]], id) == 0)
			nrec++;
	fprintf(fp, "person %s: %zu record%s\n", id, nrec, nrec == 1 ?
	    "" : "s");
	fprintf(fp, "prior weight %.2f (about %.0f matching pairs "
	    "expected); link threshold %.2f\n", mo->prior, mo->prior_matches,
	    threshold);
	for (r = 0; r < nrows; r++) {
		if (rowrec[r] == UINT32_MAX || !ids[rowrec[r]] ||
		    strcmp(ids[rowrec[r]], id) != 0)
			continue;
		lk_set_get(s, rowrec[r], &p);
		fprintf(fp, "row %llu:", r + 1);
		for (f = 0; f < LK_NFIELDS; f++) {
			size_t n;
			const char *v = lk_person_get(&p, (enum lk_field)f,
			    &n);

			if (n)
				fprintf(fp, " %s=%s", lk_field_names[f], v);
		}
		fputc('\n', fp);
	}
	for (i = 0; i < np; i++) {
		if (!ids[pairs[i].a] || !ids[pairs[i].b] ||
		    strcmp(ids[pairs[i].a], id) != 0 ||
		    strcmp(ids[pairs[i].b], id) != 0 ||
		    !rowof[pairs[i].a] || !rowof[pairs[i].b])
			continue;
		lk_score(mo, s, pairs[i].a, pairs[i].b, &sc);
		lk_basis(&sc, basis, sizeof basis);
		fprintf(fp, "rows %llu and %llu: weight %+.2f%s, %s\n",
		    rowof[pairs[i].a], rowof[pairs[i].b], sc.total,
		    sc.total >= threshold ? " (linked)" : "", basis);
		for (f = 0; f < LK_NFIELDS; f++)
			fprintf(fp, "  %-9s %-9s %+7.2f\n", lk_field_names[f],
			    lk_level_name((enum lk_field)f, sc.level[f]),
			    sc.w[f]);
	}
	free(rowof);
}

/*
 * A run with fewer records than this estimates its model on them and the
 * candidates fetched from the database together.
 */
#define FEW_RECORDS 1000

/* Ids without a database: P0000001 ... by group, in record order. */
static char *
fresh_ids(const struct lk_set *s, const uint32_t *cl, const char **ids)
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

/* --index-import, --index-export, --index-log. */
static int
index_mode(const struct opts *o, struct outfile *out)
{
	struct pdb *db = pdb_open(o->index);

	if (o->import) {
		size_t n = pdb_import_csv(db, o->import);

		diag_warn("%s: %zu person ids imported", o->index, n);
	}
	if (o->export) {
		struct outfile *eo = out_open(o->export);

		pdb_export_csv(db, out_fp(eo), out_name(eo));
		out_close(eo, 0);
	}
	if (o->log)
		pdb_write_log(db, out_fp(out), out_name(out));
	pdb_close(db);
	return 0;
}

static int
person_mode(const struct opts *o, struct outfile *out, int argc, char *argv[])
{
	struct lk_set *s = lk_set_new(), *own = NULL;
	struct pdb *db = NULL;
	char *idtext = NULL;
	struct lk_model mo;
	struct lk_stats st;
	struct lk_pair *pairs;
	struct lk_person p;
	struct lk_cols cols;
	struct header h = { NULL, 0 };
	struct hmap *truthmap = NULL;
	const char stdin_name[] = "-";
	const char **files = argc ? (const char **)argv : NULL;
	int nfiles = argc ? argc : 1, a, have_header = 0, *map = NULL, same;
	int used[LK_NFIELDS] = { 0 }, f, idcol = -1, wcol = -1;
	uint32_t *rowrec = NULL, *rowtruth = NULL, *cl, *truth = NULL;
	unsigned long long nrows = 0, crows = 0, r;
	size_t np, nclusters, i, merges = 0, persons = 0, nfixed = 0;
	double *best, t0 = now(), t1, pmin;
	const char **ids;
	char idname[256], wname[256];
	struct csvw *w;
	FILE *sp = tmpfile();
	int tty = isatty(2);

	if (!sp)
		diag_fatal(EX_CANTCREAT, "temporary file: %s", strerror(errno));
	/* The database is checked before the input is read. */
	if (o->index)
		db = pdb_open(o->index);
	w = csvw_new(sp, ',');
	if (o->truth)
		truthmap = hmap_new();
	for (a = 0; a < nfiles; a++) {
		const char *path = files ? files[a] : stdin_name;
		struct csvr *rd = open_input(path);
		int tcol = -1;

		if (!rd)
			continue;
		if (read_header(rd) < 0) {
			csvr_close(rd);
			continue;
		}
		if (!have_header) {
			header_from(&h, rd);
			map = xcalloc(h.n ? h.n : 1, sizeof *map);
			for (i = 0; i < h.n; i++)
				csvw_str(w, h.name[i]);
			csvw_end(w);
			have_header = 1;
		}
		same = header_map(&h, rd, map);
		if (lk_cols_find(&cols, rd, o->role) == 0)
			diag_fatal_at(EX_DATAERR, csvr_name(rd), 1,
			    "no %s_* columns", o->role);
		for (f = 0; f < LK_NFIELDS; f++)
			used[f] |= cols.col[f] >= 0;
		if (cols.name >= 0)
			used[LK_FORENAME] = used[LK_SURNAME] = 1;
		if (o->truth && (tcol = csvr_col(rd, o->truth)) < 0)
			diag_fatal_at(EX_DATAERR, csvr_name(rd), 1,
			    "no column %s", o->truth);
		while (next_record(rd) == CSVR_RECORD) {
			if (nrows == crows) {
				crows = crows ? crows * 2 : 4096;
				rowrec = xreallocarray(rowrec, crows,
				    sizeof *rowrec);
				if (o->truth)
					rowtruth = xreallocarray(rowtruth,
					    crows, sizeof *rowtruth);
			}
			lk_person_from_csvr(&p, &cols, rd);
			rowrec[nrows] = lk_person_ok(&p) ?
			    (uint32_t)lk_set_add(s, &p) : UINT32_MAX;
			if (o->truth) {
				size_t tl = csvr_fieldlen(rd, (size_t)tcol);
				uintptr_t *slot;
				int created;

				if (tl == 0)
					rowtruth[nrows] = UINT32_MAX;
				else {
					slot = hmap_slot(truthmap,
					    csvr_field(rd, (size_t)tcol), tl,
					    1, &created);
					if (created)
						*slot = hmap_count(truthmap)
						    - 1;
					rowtruth[nrows] = (uint32_t)*slot;
				}
			}
			write_mapped(w, rd, map, h.n, same);
			csvw_end(w);
			nrows++;
			if (tty && nrows % 100000 == 0)
				fprintf(stderr, "\r%s: reading, %llu rows", diag_prog(),
				    nrows);
		}
		csvr_close(rd);
	}
	if (csvw_free(w) < 0)
		diag_fatal(EX_IOERR, "temporary file: write error");
	lk_set_finish(s);
	lk_model_default(&mo);
	if (tty)
		fprintf(stderr, "\r%s: estimating the model%20s\n", diag_prog(),
		    "");
	t1 = now();
	lk_model_estimate(&mo, s, NULL);
	t1 = now() - t1;
	if (db) {
		uint64_t total;
		struct lk_set *c;

		/*
		 * The whole input is read: take the write lock, then link
		 * the run's records with the database's candidates, which
		 * are resolved already (only pairs with a new record).
		 */
		pdb_begin(db);
		total = pdb_nrecords(db) + lk_set_count(s);
		c = pdb_link_set(db, s, &nfixed);
		if (c != s && lk_set_count(s) < FEW_RECORDS) {
			/* Too few to learn from: their candidates help. */
			lk_model_default(&mo);
			lk_model_estimate(&mo, c, NULL);
			pdb_scale_prior(&mo, lk_set_count(c), total);
		} else
			pdb_scale_prior(&mo, lk_set_count(s), total);
		pdb_save_model(db, &mo, used);
		if (c != s) {
			own = s;
			s = c;
			for (r = 0; r < nrows; r++)
				if (rowrec[r] != UINT32_MAX)
					rowrec[r] += (uint32_t)nfixed;
		}
	}
	if (o->model)
		write_model(o->model, &mo, used);
	pmin = o->pairs_min_set ? o->pairs_min : o->threshold - 10;
	if (pmin > o->threshold)
		pmin = o->threshold;
	pairs = lk_pairs(s, &mo, pmin, &np, &st, tty ? progress : NULL, NULL);
	cl = xreallocarray(NULL, lk_set_count(s) ? lk_set_count(s) : 1, sizeof *cl);
	best = xreallocarray(NULL, lk_set_count(s) ? lk_set_count(s) : 1, sizeof *best);
	ids = xcalloc(lk_set_count(s) ? lk_set_count(s) : 1, sizeof *ids);
	nclusters = lk_cluster(s, &mo, pairs, np, o->threshold, o->guard, cl,
	    best);
	if (db) {
		merges = pdb_assign(db, s, nfixed, cl, best, o->role, ids);
		pdb_commit(db);
	} else
		idtext = fresh_ids(s, cl, ids);
	for (i = 0; i < lk_set_count(s); i++)
		persons += cl[i] == i;
	if (o->truth) {
		struct lk_eval ev;

		truth = xreallocarray(NULL, lk_set_count(s) ? lk_set_count(s) : 1, sizeof *truth);
		for (i = 0; i < lk_set_count(s); i++)
			truth[i] = UINT32_MAX;
		for (r = 0; r < nrows; r++)
			if (rowrec[r] != UINT32_MAX)
				truth[rowrec[r]] = rowtruth[r];
		lk_evaluate(s, truth, cl, &ev);
		diag_warn("truth: %llu true pairs, %llu found, %llu correct; "
		    "precision %.4f recall %.4f F1 %.4f; blocking reaches "
		    "%.4f of true pairs", ev.true_pairs, ev.found_pairs,
		    ev.correct_pairs, ev.precision, ev.recall, ev.f1,
		    ev.reach);
		free(truth);
	}
	if (!o->explain)
		diag_warn("read %llu, written %llu, rejected %llu "
		    "(read = written + rejected)", nrows + rej.n, nrows,
		    rej.n);
	diag_warn("%llu rows, %zu person records, %zu persons, %llu pairs "
	    "compared, %zu pairs kept, %zu merges; %.1f s (model %.1f s, "
	    "pairs %.1f s)", nrows, lk_set_count(s), persons, st.compared, np,
	    merges, now() - t0, t1, st.seconds);
	(void)nclusters;
	if (o->pairs) {
		struct outfile *po = out_open(o->pairs);
		struct csvw *pw = csvw_new(out_fp(po), ',');

		csvw_excel_safe(pw, cli.excel_safe);
		unsigned long long *rowof = xcalloc(lk_set_count(s) ? lk_set_count(s) : 1,
		    sizeof *rowof);

		for (r = 0; r < nrows; r++)
			if (rowrec[r] != UINT32_MAX)
				rowof[rowrec[r]] = r + 1;
		pairs_header(pw);
		for (i = 0; i < np; i++)
			if (rowof[pairs[i].a] && rowof[pairs[i].b])
				pairs_row(pw, &mo, s, pairs[i].a, pairs[i].b,
				    rowof[pairs[i].a], rowof[pairs[i].b],
				    ids[pairs[i].a], ids[pairs[i].b]);
		if (csvw_free(pw) < 0)
			diag_fatal(EX_IOERR, "%s: write error", out_name(po));
		out_close(po, 0);
		free(rowof);
	}
	if (o->explain) {
		explain(out_fp(out), o->explain, &mo, s, rowrec, nrows, ids,
		    pairs, np, o->threshold);
	} else if (have_header) {
		struct csvr *rd;

		if (fseek(sp, 0, SEEK_SET) != 0)
			diag_fatal(EX_IOERR, "temporary file: %s",
			    strerror(errno));
		rd = csvr_fdopen(sp, "temporary file", NULL);
		sp = NULL;
		if (csvr_header(rd) != CSVR_RECORD)
			diag_fatal(EX_IOERR, "temporary file: read error");
		snprintf(idname, sizeof idname, "%s_id", o->role);
		snprintf(wname, sizeof wname, "%s_match_weight", o->role);
		idcol = csvr_col(rd, idname);
		wcol = csvr_col(rd, wname);
		w = csvw_new(out_fp(out), ',');
		csvw_excel_safe(w, cli.excel_safe);
		csvw_header_from(w, rd);
		if (idcol < 0)
			csvw_str(w, idname);
		if (wcol < 0)
			csvw_str(w, wname);
		csvw_end(w);
		for (r = 0; csvr_next(rd) == CSVR_RECORD; r++) {
			uint32_t rec = r < nrows ? rowrec[r] : UINT32_MAX;
			const char *id = rec != UINT32_MAX ? ids[rec] : NULL;
			char wb[32] = "";

			if (rec != UINT32_MAX && !isnan(best[rec]))
				snprintf(wb, sizeof wb, "%.2f", best[rec]);
			for (i = 0; i < h.n; i++) {
				if ((int)i == idcol)
					csvw_str(w, id ? id : "");
				else if ((int)i == wcol)
					csvw_str(w, wb);
				else
					csvw_field(w, csvr_field(rd, i),
					    csvr_fieldlen(rd, i));
			}
			if (idcol < 0)
				csvw_str(w, id ? id : "");
			if (wcol < 0)
				csvw_str(w, wb);
			csvw_end(w);
		}
		csvr_close(rd);
		if (csvw_free(w) < 0)
			diag_fatal(EX_IOERR, "%s: write error",
			    out_name(out));
	}
	if (sp)
		fclose(sp);
	pdb_close(db);
	free(idtext);
	lk_set_free(own);
	free(pairs);
	free(cl);
	free(best);
	free(ids);
	free(rowrec);
	free(rowtruth);
	free(map);
	header_free(&h);
	if (truthmap)
		hmap_free(truthmap);
	lk_set_free(s);
	return 0;
}

static double
weight_arg(const char *opt, const char *s)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end || !isfinite(v))
		cli_badarg(&cli, "%s: not a number", opt);
	return v;
}

int
main(int argc, char *argv[])
{
	struct opts o;
	struct outfile *out;
	int ch, status;

	memset(&o, 0, sizeof o);
	o.guard = -12;
	diag_setprog(argv[0]);
	while ((ch = getopt_long(argc, argv, "hk:o:r:", longopts, NULL)) !=
	    -1) {
		if (cli_common(&cli, ch, optarg))
			continue;
		switch (ch) {
		case 'k':
			o.key = optarg;
			break;
		case 'r':
			o.role = optarg;
			break;
		case OPT_KEEP:
			if (strcmp(optarg, "first") == 0)
				o.keep = KEEP_FIRST;
			else if (strcmp(optarg, "last") == 0)
				o.keep = KEEP_LAST;
			else if (strncmp(optarg, "latest:", 7) == 0 &&
			    optarg[7]) {
				o.keep = KEEP_LATEST;
				o.keep_col = optarg + 7;
			} else
				cli_badarg(&cli, "--keep: first, last or "
				    "latest:COLUMN");
			break;
		case OPT_DROPPED:
			o.dropped = optarg;
			break;
		case OPT_INDEX:
			o.index = optarg;
			break;
		case OPT_PAIRS:
			o.pairs = optarg;
			break;
		case OPT_PAIRS_MIN:
			o.pairs_min = weight_arg("--pairs-min", optarg);
			o.pairs_min_set = 1;
			break;
		case OPT_THRESHOLD:
			o.threshold = weight_arg("--threshold", optarg);
			break;
		case OPT_GUARD:
			o.guard = weight_arg("--guard", optarg);
			break;
		case OPT_EXPLAIN:
			o.explain = optarg;
			break;
		case OPT_TRUTH:
			o.truth = optarg;
			break;
		case OPT_MODEL:
			o.model = optarg;
			break;
		case OPT_INDEX_IMPORT:
			o.import = optarg;
			break;
		case OPT_INDEX_EXPORT:
			o.export = optarg;
			break;
		case OPT_INDEX_LOG:
			o.log = 1;
			break;
		case OPT_REJECTS:
			o.rejects = optarg;
			break;
		default:
			cli_usage(&cli);
		}
	}
	argc -= optind;
	argv += optind;
	if (o.import || o.export || o.log) {
		if (!o.index || o.key || o.role || argc)
			cli_badarg(&cli, "--index-import, --index-export and "
			    "--index-log go with --index alone");
		out = out_open(cli.out);
		return out_close(out, index_mode(&o, out));
	}
	if (!o.key == !o.role)
		cli_badarg(&cli, "give one of --key and --role");
	if (o.key && (o.index || o.pairs || o.explain || o.truth || o.model))
		cli_badarg(&cli, "--index, --pairs, --explain, --truth and "
		    "--model go with --role");
	if (o.role && (o.dropped || o.keep != KEEP_FIRST))
		cli_badarg(&cli, "--keep and --dropped go with --key");
	if (o.role && (!*o.role || strspn(o.role,
	    "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(o.role)))
		cli_badarg(&cli, "--role: lower-case letters, digits, _");
	{
		int nin = argc > 0 ? argc : 1, i;
		struct out_use *u = xcalloc((size_t)nin + 6, sizeof(*u));

		u[0] = (struct out_use){ "-o", cli.out ? cli.out : "-",
		    OUT_OUT };
		u[1] = (struct out_use){ "--dropped", o.dropped, OUT_OUT };
		u[2] = (struct out_use){ "--pairs", o.pairs, OUT_OUT };
		u[3] = (struct out_use){ "--model", o.model, OUT_OUT };
		u[4] = (struct out_use){ "--index", o.index, OUT_INOUT };
		u[5] = (struct out_use){ "--rejects", o.rejects, OUT_OUT };
		for (i = 0; i < nin; i++)
			u[i + 6] = (struct out_use){ "input",
			    argc > 0 ? argv[i] : "-", OUT_IN };
		out_distinct(u, (size_t)nin + 6);
		free(u);
	}
	out = out_open(cli.out);
	if (o.rejects) {
		rej.out = out_open(o.rejects);
		rej.w = csvw_new(out_fp(rej.out), ',');
		rej.show_all = cli.strict;
	}
	status = o.key ? key_mode(&o, out, argc, argv) :
	    person_mode(&o, out, argc, argv);
	if (status == 0 && rej.n)
		status = cli.strict ? EX_DATAERR : 1;
	if (status == 0 && missing_input)
		status = EX_NOINPUT;
	if (!rej.w && rej.shown > SHOW_REJECTS)
		diag_warn("%llu more rejected rows not shown: use --rejects",
		    rej.shown - SHOW_REJECTS);
	if (rej.w) {
		if (csvw_free(rej.w) < 0)
			diag_fatal(EX_IOERR, "%s: write error",
			    out_name(rej.out));
		out_close(rej.out, status == EX_NOINPUT ? 0 : status);
	}
	return out_close(out, status);
}
