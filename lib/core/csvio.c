/*
 * Streaming CSV reader over libcsv, and a minimal-quoting writer.
 *
 * The reader splits its input into physical lines itself and hands each
 * line to libcsv, whose state carries quoted fields across lines.  When
 * libcsv ends a record at a line end, the lines fed since the last record
 * are that record's raw bytes: this is how a rejected row can be written
 * out byte for byte and how every record knows its starting line.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <csv.h>

#include "core/csvio.h"
#include "core/diag.h"
#include "core/encoding.h"
#include "core/hmap.h"

#define READSZ (256 * 1024)

struct csvr {
	FILE *fp;
	char *name;
	int own_fp;
	struct csvr_opts o;
	struct csv_parser p;

	/* Input buffer: bytes [pos, end) not yet consumed. */
	char *buf;
	size_t bufsz, pos, end;
	int eof, started;
	/*
	 * Where the next LF and CR are: scan[c].at is the index in buf of
	 * the next one at or after pos, plus one (0: unknown); when there
	 * is none, scan[c].clear says up to where buf holds none.  Each
	 * byte is searched once, whatever mix of line ends a file has.
	 */
	struct {
		size_t at, clear;
	} scan[2];
	unsigned long lineno;	/* physical lines consumed */

	/* Current record. */
	char *fbuf;		/* field bytes, NUL-separated */
	size_t fbuflen, fbufsz;
	size_t *foff, *flen;
	const char **fptr;
	size_t nf, nfsz;
	int rec_done, rec_toobig;
	enum csvr_recerr rec_err;
	unsigned long rec_line;
	const char *raw;	/* points to rawbuf or into buf */
	size_t rawlen;
	char *rawbuf;
	size_t rawbuflen, rawbufsz;

	/* Header, and an index of its names made on first lookup. */
	char **cols;
	size_t ncols;
	struct hmap *colidx;

	unsigned long blank, nrec;
	char err[160];
	unsigned long errline;
};

static int
never_space(unsigned char c)
{
	(void)c;
	return 0;
}

/* Lines reach libcsv with their line end as LF, or CR for a bare CR. */
static int
eol_term(unsigned char c)
{
	return c == '\n' || c == '\r';
}

static void
parser_init(struct csvr *r)
{
	if (csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		diag_nomem();
	csv_set_space_func(&r->p, never_space);
	csv_set_term_func(&r->p, eol_term);
	csv_set_delim(&r->p, (unsigned char)r->o.delim);
}

static struct csvr *
csvr_new(FILE *fp, const char *name, const struct csvr_opts *opts)
{
	struct csvr *r = xcalloc(1, sizeof(*r));

	if (opts != NULL)
		r->o = *opts;
	if (r->o.max_field == 0)
		r->o.max_field = 1 << 20;
	if (r->o.max_record == 0)
		r->o.max_record = 16 << 20;
	if (r->o.max_field > r->o.max_record)
		r->o.max_field = r->o.max_record;
	r->fp = fp;
	r->name = xstrdup(name);
	r->bufsz = READSZ;
	r->buf = xmalloc(r->bufsz);
	r->nfsz = 64;
	r->foff = xmalloc(r->nfsz * sizeof(*r->foff));
	r->flen = xmalloc(r->nfsz * sizeof(*r->flen));
	r->fptr = xmalloc(r->nfsz * sizeof(*r->fptr));
	r->fbufsz = 4096;
	r->fbuf = xmalloc(r->fbufsz);
	return r;
}

struct csvr *
csvr_open(const char *path, const struct csvr_opts *opts)
{
	struct stat st;
	FILE *fp;
	struct csvr *r;

	if (path == NULL || strcmp(path, "-") == 0)
		return csvr_fdopen(stdin, "<stdin>", opts);
	if ((fp = fopen(path, "rb")) == NULL)
		return NULL;
	/* A folder opens, but is no input: say so now, not at the read. */
	if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(fp);
		errno = EISDIR;
		return NULL;
	}
	r = csvr_new(fp, path, opts);
	r->own_fp = 1;
	return r;
}

struct csvr *
csvr_fdopen(FILE *fp, const char *name, const struct csvr_opts *opts)
{
	return csvr_new(fp, name, opts);
}

void
csvr_adopt(struct csvr *r)
{
	r->own_fp = 1;
}

void
csvr_close(struct csvr *r)
{
	size_t i;

	if (r == NULL)
		return;
	if (r->own_fp)
		fclose(r->fp);
	if (r->started)
		csv_free(&r->p);
	for (i = 0; i < r->ncols; i++)
		free(r->cols[i]);
	free(r->cols);
	hmap_free(r->colidx);
	free(r->name);
	free(r->buf);
	free(r->fbuf);
	free(r->foff);
	free(r->flen);
	free(r->fptr);
	free(r->rawbuf);
	free(r);
}

static int
fail(struct csvr *r, unsigned long line, const char *msg)
{
	snprintf(r->err, sizeof(r->err), "%s", msg);
	r->errline = line;
	return CSVR_ERROR;
}

/* Reads more input; returns bytes read, 0 at EOF, -1 on error. */
static long
fill(struct csvr *r)
{
	size_t n;

	if (r->eof)
		return 0;
	if (r->pos > 0) {
		int k;

		memmove(r->buf, r->buf + r->pos, r->end - r->pos);
		for (k = 0; k < 2; k++) {
			r->scan[k].at = r->scan[k].at > r->pos ?
			    r->scan[k].at - r->pos : 0;
			r->scan[k].clear = r->scan[k].clear > r->pos ?
			    r->scan[k].clear - r->pos : 0;
		}
		r->end -= r->pos;
		r->pos = 0;
	}
	if (r->end == r->bufsz) {
		size_t nsz = r->bufsz * 2;

		if (r->bufsz > r->o.max_record + 2)
			return -2;
		r->buf = xrealloc(r->buf, nsz);
		r->bufsz = nsz;
	}
	n = fread(r->buf + r->end, 1, r->bufsz - r->end, r->fp);
	if (n == 0) {
		if (ferror(r->fp))
			return -1;
		r->eof = 1;
		return 0;
	}
	r->end += n;
	return (long)n;
}

/* Counts candidate delimiters on the first line outside quotes. */
static int
sniff(const char *s, size_t n)
{
	static const char cand[] = { ',', '\t', ';', '|' };
	size_t cnt[4] = { 0 }, i, k;
	int inq = 0, best = 0;

	for (i = 0; i < n && (inq || (s[i] != '\n' && s[i] != '\r')); i++) {
		if (s[i] == '"')
			inq = !inq;
		else if (!inq)
			for (k = 0; k < 4; k++)
				if (s[i] == cand[k])
					cnt[k]++;
	}
	for (k = 1; k < 4; k++)
		if (cnt[k] > cnt[best])
			best = (int)k;
	return cand[best];
}

static int
start(struct csvr *r)
{
	long n;

	r->started = 1;
	/* Enough bytes to skip a BOM and to sniff the first line. */
	while (!r->eof && r->end < 3)
		if ((n = fill(r)) < 0)
			return -1;
	if (r->end >= 3 && memcmp(r->buf, "\xEF\xBB\xBF", 3) == 0)
		r->pos = 3;
	if (r->o.delim == 0) {
		while (!r->eof && memchr(r->buf + r->pos, '\n',
		    r->end - r->pos) == NULL && memchr(r->buf + r->pos, '\r',
		    r->end - r->pos) == NULL && r->end - r->pos < 65536)
			if ((n = fill(r)) < 0)
				return -1;
		r->o.delim = sniff(r->buf + r->pos, r->end - r->pos);
	}
	parser_init(r);
	return 0;
}

/* Room for twice as many fields in the current record. */
static void
grow_fields(struct csvr *r)
{
	r->nfsz *= 2;
	r->foff = xreallocarray(r->foff, r->nfsz, sizeof(*r->foff));
	r->flen = xreallocarray(r->flen, r->nfsz, sizeof(*r->flen));
	r->fptr = xreallocarray(r->fptr, r->nfsz, sizeof(*r->fptr));
}

static void
on_field(void *s, size_t len, void *data)
{
	struct csvr *r = data;

	if (len > r->o.max_field) {
		r->rec_toobig = 1;
		len = 0;
	}
	if (r->nf == r->nfsz)
		grow_fields(r);
	if (r->fbuflen + len + 1 > r->fbufsz) {
		while (r->fbuflen + len + 1 > r->fbufsz)
			r->fbufsz *= 2;
		r->fbuf = xrealloc(r->fbuf, r->fbufsz);
	}
	if (len > 0)
		memcpy(r->fbuf + r->fbuflen, s, len);
	r->fbuf[r->fbuflen + len] = '\0';
	r->foff[r->nf] = r->fbuflen;
	r->flen[r->nf] = len;
	r->fbuflen += len + 1;
	r->nf++;
}

static void
on_record(int c, void *data)
{
	struct csvr *r = data;

	(void)c;
	r->rec_done = 1;
}

static void
raw_append(struct csvr *r, const char *s, size_t n)
{
	if (r->rawbuflen + n > r->rawbufsz) {
		if (r->rawbufsz == 0)
			r->rawbufsz = 4096;
		while (r->rawbuflen + n > r->rawbufsz)
			r->rawbufsz *= 2;
		r->rawbuf = xrealloc(r->rawbuf, r->rawbufsz);
	}
	memcpy(r->rawbuf + r->rawbuflen, s, n);
	r->rawbuflen += n;
}

static void
reset_parser(struct csvr *r)
{
	csv_free(&r->p);
	parser_init(r);
}

/*
 * The first line of a record with no quote in it is the record: its
 * fields are split at the delimiter here, without libcsv, which is the
 * common case and several times faster; libcsv parses every line that
 * holds a quote, and every line after one of a record that spans lines.
 */
static void
split_plain(struct csvr *r, const char *s, size_t n)
{
	const char *p = s, *end = s + n, *d;
	char *out;

	if (n + 1 > r->fbufsz) {
		while (n + 1 > r->fbufsz)
			r->fbufsz *= 2;
		r->fbuf = xrealloc(r->fbuf, r->fbufsz);
	}
	out = r->fbuf;
	memcpy(out, s, n);
	out[n] = '\0';
	for (;;) {
		size_t len;

		d = memchr(p, r->o.delim, (size_t)(end - p));
		len = (size_t)((d != NULL ? d : end) - p);
		if (r->nf == r->nfsz)
			grow_fields(r);
		if (len > r->o.max_field)
			r->rec_toobig = 1;
		r->foff[r->nf] = (size_t)(p - s);
		r->flen[r->nf] = len;
		r->nf++;
		if (d == NULL)
			break;
		out[d - s] = '\0';
		p = d + 1;
	}
	r->fbuflen = n + 1;
	r->rec_done = 1;
}


/*
 * Parses n bytes with libcsv as Python's csv module reads them.  libcsv
 * runs in strict mode, which stops at two things: a quote inside an
 * unquoted field, which is text (that one byte is parsed again with
 * strict mode off, where libcsv takes it as text), and text after a
 * closing quote, which makes the record bad.  Python reads the rest of
 * such a field as unquoted text, so a fresh parser is put in an unquoted
 * field and goes on: the record still ends where Python's does.
 */
static void
parse(struct csvr *r, const char *t, size_t n)
{
	while (n > 0) {
		size_t k = csv_parse(&r->p, t, n, on_field, on_record, r);
		unsigned char opts;

		if (k == n)
			return;
		if (csv_error(&r->p) == CSV_ENOMEM ||
		    csv_error(&r->p) == CSV_ETOOBIG)
			diag_nomem();
		if (t[k] == '"') {
			opts = (unsigned char)csv_get_opts(&r->p);
			csv_set_opts(&r->p, opts & ~CSV_STRICT);
			if (csv_parse(&r->p, t + k, 1, on_field, on_record, r) !=
			    1)
				diag_nomem();
			csv_set_opts(&r->p, opts);
		} else {
			if (r->rec_err == CSVR_OK)
				r->rec_err = CSVR_EQUOTE;
			reset_parser(r);
			if (csv_parse(&r->p, "x", 1, on_field, on_record, r) != 1)
				diag_nomem();
		}
		t += k + 1;
		n -= k + 1;
	}
}

/*
 * Feeds one line (without its line end), then eol: LF for LF or CRLF,
 * CR for a bare CR, so that a CR inside a quoted field stays a CR.  A
 * NUL byte, bytes the filter refuses or bytes that are not UTF-8 make the
 * record bad, but its lines are still parsed (quotes, delimiters and line
 * ends are ASCII in every encoding read here), so that a bad record ends
 * where it ends and reading goes on at the next one.
 */
static void
feed(struct csvr *r, const char *s, size_t n, int first, char eol)
{
	const char *t = s;
	size_t tn = n;

	if (r->rec_err == CSVR_OK) {
		if (memchr(s, '\0', n) != NULL)
			r->rec_err = CSVR_ENUL;
		else if (r->o.filter != NULL) {
			if (r->o.filter(r->o.filter_ctx, s, n, &t, &tn) != 0) {
				r->rec_err = CSVR_EFILTER;
				t = s;
				tn = n;
			}
		} else if (!utf8_valid(s, n))
			r->rec_err = CSVR_EUTF8;
	}
	if (first && memchr(t, '"', tn) == NULL) {
		if (r->rec_err == CSVR_OK)
			split_plain(r, t, tn);
		r->rec_done = 1;
		return;
	}
	parse(r, t, tn);
	parse(r, &eol, 1);
}

/* The next byte c (scan slot k) at or after pos, or NULL: see scan. */
static const char *
next_byte(struct csvr *r, int k, int c)
{
	size_t from;
	const char *p;

	if (r->scan[k].at > r->pos)
		return r->buf + r->scan[k].at - 1;
	from = r->scan[k].clear > r->pos ? r->scan[k].clear : r->pos;
	p = memchr(r->buf + from, c, r->end - from);
	if (p == NULL) {
		r->scan[k].at = 0;
		r->scan[k].clear = r->end;
		return NULL;
	}
	r->scan[k].at = (size_t)(p - r->buf) + 1;
	return p;
}

/*
 * Finds the end of the line at pos as Python's csv module does: LF, CRLF
 * or a bare CR (old Mac exports).  Sets *len without the line end,
 * *linelen with it and *eol, and returns 1; returns 0 when more input is
 * needed to tell (or there is none).
 */
static int
find_line(struct csvr *r, size_t *len, size_t *linelen, char *eol)
{
	const char *s = r->buf + r->pos, *nl, *cr, *e;
	size_t avail = r->end - r->pos;

	nl = next_byte(r, 0, '\n');
	cr = next_byte(r, 1, '\r');
	e = cr != NULL && (nl == NULL || cr < nl) ? cr : nl;
	*eol = '\n';
	if (e == NULL) {
		if (!r->eof || avail == 0)
			return 0;
		*len = *linelen = avail;	/* the last line, no line end */
		return 1;
	}
	*len = (size_t)(e - s);
	*linelen = *len + 1;
	if (*e == '\n')
		return 1;
	if (*len + 1 == avail && !r->eof)
		return 0;			/* CR LF, or a bare CR? */
	if (*len + 1 < avail && e[1] == '\n') {
		*linelen = *len + 2;
		return 1;
	}
	*eol = '\r';
	return 1;
}

static void
build_ptrs(struct csvr *r)
{
	size_t i;

	for (i = 0; i < r->nf; i++)
		r->fptr[i] = r->fbuf + r->foff[i];
}

static int
read_record(struct csvr *r)
{
	int multiline = 0;
	long n;

	if (!r->started && start(r) == -1)
		return fail(r, r->lineno, strerror(errno));
	r->nf = 0;
	r->fbuflen = 0;
	r->rec_done = 0;
	r->rec_err = CSVR_OK;
	r->rec_toobig = 0;
	r->rawbuflen = 0;
	r->rec_line = 0;
	for (;;) {
		char *s = r->buf + r->pos;
		size_t avail = r->end - r->pos, len, linelen;
		char eol;
		int found = find_line(r, &len, &linelen, &eol);

		if ((found ? len : avail) > r->o.max_record + 1)
			return fail(r, r->lineno + 1, "line too long");
		if (!found && !r->eof) {
			n = fill(r);
			if (n == -1)
				return fail(r, r->lineno + 1, strerror(errno));
			if (n == -2)
				return fail(r, r->rec_line ? r->rec_line :
				    r->lineno + 1, r->rec_line ?
				    "unterminated quoted field or record too long" :
				    "line too long");
			continue;
		}
		if (!found) {
			/* End of input. */
			if (r->rec_line == 0)
				return CSVR_EOF;
			if (csv_fini(&r->p, on_field, on_record, r) != 0)
				return fail(r, r->rec_line,
				    "unterminated quoted field");
			r->rec_done = 1;
			break;
		}
		r->lineno++;
		r->pos += linelen;
		if (r->rec_line == 0) {
			if (len == 0) {
				r->blank++;
				continue;
			}
			r->rec_line = r->lineno;
		}
		feed(r, s, len, r->rec_line == r->lineno, eol);
		if (r->rec_done && !multiline) {
			r->raw = s;
			r->rawlen = linelen;
			break;
		}
		raw_append(r, s, linelen);
		multiline = 1;
		if (r->rec_done) {
			r->raw = r->rawbuf;
			r->rawlen = r->rawbuflen;
			break;
		}
		if (r->rawbuflen > r->o.max_record)
			return fail(r, r->rec_line,
			    "unterminated quoted field or record too long");
	}
	if (r->rec_toobig) {
		char m[80];

		snprintf(m, sizeof(m), "field longer than %zu bytes",
		    r->o.max_field);
		return fail(r, r->rec_line, m);
	}
	if (r->rec_err != CSVR_OK)
		r->nf = 0;
	build_ptrs(r);
	return CSVR_RECORD;
}

/*
 * Fails when two columns have one (non-empty) name, naming their numbers
 * (a header may be a data row by mistake: no names on stderr).  Wide
 * headers are checked through the name index csvr_col() uses.
 */
static int
check_names(struct csvr *r)
{
	size_t i, j;
	char m[96];

	if (r->ncols <= 16) {
		for (j = 1; j < r->ncols; j++)
			for (i = 0; i < j; i++)
				if (r->cols[j][0] != '\0' &&
				    strcmp(r->cols[i], r->cols[j]) == 0)
					goto dup;
		return CSVR_RECORD;
	}
	r->colidx = hmap_new();
	for (j = 0; j < r->ncols; j++) {
		uintptr_t *slot;
		int created;

		if (r->cols[j][0] == '\0')
			continue;
		slot = hmap_slot(r->colidx, r->cols[j], strlen(r->cols[j]), 1,
		    &created);
		if (!created) {
			i = *slot - 1;
			goto dup;
		}
		*slot = j + 1;
	}
	return CSVR_RECORD;
dup:
	snprintf(m, sizeof(m), "columns %zu and %zu have the same name",
	    i + 1, j + 1);
	return fail(r, r->rec_line, m);
}

int
csvr_header(struct csvr *r)
{
	int st;
	size_t i;

	st = read_record(r);
	if (st != CSVR_RECORD)
		return st;
	if (r->rec_err == CSVR_EQUOTE)
		return fail(r, r->rec_line, "bad quoting in the header");
	if (r->rec_err != CSVR_OK) {
		char m[80];

		snprintf(m, sizeof(m), "%s in the header",
		    csvr_recerr_str(r->rec_err));
		return fail(r, r->rec_line, m);
	}
	r->ncols = r->nf;
	r->cols = xmalloc((r->ncols ? r->ncols : 1) * sizeof(*r->cols));
	for (i = 0; i < r->nf; i++)
		r->cols[i] = xstrndup(r->fptr[i], r->flen[i]);
	return r->o.dup_cols_ok ? CSVR_RECORD : check_names(r);
}

int
csvr_next(struct csvr *r)
{
	int st = read_record(r);

	if (st == CSVR_RECORD)
		r->nrec++;
	return st;
}

size_t
csvr_ncols(const struct csvr *r)
{
	return r->ncols;
}

const char *
csvr_colname(const struct csvr *r, size_t i)
{
	return i < r->ncols ? r->cols[i] : "";
}

int
csvr_col(const struct csvr *r, const char *name)
{
	struct csvr *w = (struct csvr *)r;	/* the index is a cache */
	uintptr_t *slot;
	size_t i;

	if (r->ncols <= 16) {
		for (i = 0; i < r->ncols; i++)
			if (strcmp(r->cols[i], name) == 0)
				return (int)i;
		return -1;
	}
	/* Wide headers: a hash index, so that n lookups are not n^2. */
	if (name[0] == '\0') {
		for (i = 0; i < r->ncols; i++)
			if (r->cols[i][0] == '\0')
				return (int)i;
		return -1;
	}
	if (w->colidx == NULL) {
		w->colidx = hmap_new();
		for (i = r->ncols; i-- > 0;)
			if (r->cols[i][0] != '\0')
				*hmap_slot(w->colidx, r->cols[i],
				    strlen(r->cols[i]), 1, NULL) = i + 1;
	}
	slot = hmap_slot(w->colidx, name, strlen(name), 0, NULL);
	return slot != NULL ? (int)(*slot - 1) : -1;
}

size_t
csvr_nfields(const struct csvr *r)
{
	return r->nf;
}

const char *
csvr_field(const struct csvr *r, size_t i)
{
	return i < r->nf ? r->fptr[i] : "";
}

size_t
csvr_fieldlen(const struct csvr *r, size_t i)
{
	return i < r->nf ? r->flen[i] : 0;
}

const char *
csvr_field_n(const struct csvr *r, size_t i, size_t *len)
{
	if (i >= r->nf) {
		*len = 0;
		return "";
	}
	*len = r->flen[i];
	return r->fptr[i];
}

enum csvr_recerr
csvr_recerr(const struct csvr *r)
{
	return r->rec_err;
}

int
csvr_ragged(const struct csvr *r)
{
	return r->rec_err == CSVR_OK && r->nf != r->ncols;
}

const char *
csvr_problem(const struct csvr *r)
{
	size_t j;

	if (r->rec_err != CSVR_OK)
		return csvr_recerr_str(r->rec_err);
	if (r->nf < r->ncols)
		return "fewer fields than the header";
	for (j = r->ncols; j < r->nf; j++)
		if (r->flen[j] > 0)
			return "more fields than the header";
	return NULL;
}

unsigned long
csvr_line(const struct csvr *r)
{
	return r->rec_line;
}

const char *
csvr_raw(const struct csvr *r, size_t *len)
{
	*len = r->rawlen;
	return r->raw;
}

const char *
csvr_text(const struct csvr *r, size_t *len)
{
	size_t n = r->rawlen;

	if (r->o.filter != NULL || r->raw == NULL || n == 0)
		return NULL;
	if (r->raw[n - 1] == '\n')
		n--;
	if (memchr(r->raw, '"', n) != NULL || memchr(r->raw, '\r', n) != NULL ||
	    memchr(r->raw, '\n', n) != NULL)
		return NULL;
	*len = n;
	return r->raw;
}

const char *
csvr_name(const struct csvr *r)
{
	return r->name;
}

int
csvr_delim(const struct csvr *r)
{
	return r->o.delim;
}

unsigned long
csvr_blank_lines(const struct csvr *r)
{
	return r->blank;
}

unsigned long
csvr_records(const struct csvr *r)
{
	return r->nrec;
}

const char *
csvr_error(const struct csvr *r)
{
	return r->err;
}

unsigned long
csvr_error_line(const struct csvr *r)
{
	return r->errline;
}

const char *
csvr_recerr_str(enum csvr_recerr e)
{
	switch (e) {
	case CSVR_OK:
		return "no error";
	case CSVR_EQUOTE:
		return "text after a closing quote";
	case CSVR_EFILTER:
		return "cannot convert the line's encoding";
	case CSVR_ENUL:
		return "NUL byte";
	case CSVR_EUTF8:
		return "invalid UTF-8";
	}
	return "unknown error";
}

/* Writer. */

#define WBUFSZ (64 * 1024)

struct csvw {
	FILE *fp;
	int delim;
	int nf;			/* fields written in the current record */
	int err;
	int excel;		/* csvw_excel_safe() */
	size_t len;
	unsigned char special[256];
	char buf[WBUFSZ];
};

struct csvw *
csvw_new(FILE *fp, int delim)
{
	struct csvw *w = xcalloc(1, sizeof(*w));

	w->fp = fp;
	w->delim = delim ? delim : ',';
	w->special[(unsigned char)w->delim] = 1;
	w->special['"'] = 1;
	w->special['\r'] = 1;
	w->special['\n'] = 1;
	return w;
}

static void
wflush(struct csvw *w)
{
	if (w->len > 0 && !w->err &&
	    fwrite(w->buf, 1, w->len, w->fp) != w->len)
		w->err = 1;
	w->len = 0;
}

static inline void
wput(struct csvw *w, const char *s, size_t n)
{
	if (w->len + n > WBUFSZ) {
		wflush(w);
		if (n > WBUFSZ) {
			if (!w->err && fwrite(s, 1, n, w->fp) != n)
				w->err = 1;
			return;
		}
	}
	memcpy(w->buf + w->len, s, n);
	w->len += n;
}

static inline void
wputc(struct csvw *w, char c)
{
	if (w->len == WBUFSZ)
		wflush(w);
	w->buf[w->len++] = c;
}

/* Eight copies of byte c, and a test for a zero byte in a word. */
#define BYTES8(c) (0x0101010101010101ULL * (unsigned char)(c))
#define HASZERO(v) (((v) - 0x0101010101010101ULL) & ~(v) & \
	0x8080808080808080ULL)

/*
 * Index of the first byte of s that needs quoting, or len: eight bytes
 * at a time, since most fields need none.
 */
static size_t
first_special(const struct csvw *w, const char *s, size_t len)
{
	uint64_t d = BYTES8(w->delim), q = BYTES8('"'), cr = BYTES8('\r'),
	    lf = BYTES8('\n'), v;
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		memcpy(&v, s + i, 8);
		if (HASZERO(v ^ d) | HASZERO(v ^ q) | HASZERO(v ^ cr) |
		    HASZERO(v ^ lf))
			break;
	}
	for (; i < len; i++)
		if (w->special[(unsigned char)s[i]])
			break;
	return i;
}

void
csvw_excel_safe(struct csvw *w, int on)
{
	w->excel = on != 0;
}

static int
formula_start(char c)
{
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' ||
	    c == '\r';
}

/* 1 when s is entirely a decimal number: [+-]digits[.digits][e[+-]digits]. */
static int
is_number(const char *s, size_t len)
{
	size_t i = 0, d = 0;

	if (i < len && (s[i] == '+' || s[i] == '-'))
		i++;
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		d++;
	if (i < len && s[i] == '.')
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			d++;
	if (d == 0)
		return 0;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			i++;
		for (d = 0; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			d++;
		if (d == 0)
			return 0;
	}
	return i == len;
}

size_t
csv_excel_prefix(const char *s, size_t len)
{
	return len >= 2 && s[0] == '\'' && formula_start(s[1]) ? 1 : 0;
}

void
csvw_field(struct csvw *w, const char *s, size_t len)
{
	size_t i;
	int neutral;

	if (w->nf++ > 0)
		wputc(w, (char)w->delim);
	neutral = w->excel && len > 0 && formula_start(s[0]) &&
	    !is_number(s, len);
	i = neutral ? 0 : first_special(w, s, len);
	if (i == len && !neutral) {
		wput(w, s, len);
		return;
	}
	wputc(w, '"');
	if (neutral)
		wputc(w, '\'');
	wput(w, s, i);
	for (; i < len; i++) {
		if (s[i] == '"')
			wputc(w, '"');
		wputc(w, s[i]);
	}
	wputc(w, '"');
}

void
csvw_str(struct csvw *w, const char *s)
{
	csvw_field(w, s, strlen(s));
}

void
csvw_end(struct csvw *w)
{
	wputc(w, '\n');
	w->nf = 0;
}

void
csvw_raw(struct csvw *w, const char *s, size_t len)
{
	wput(w, s, len);
}

const char *
csvw_text_of(const struct csvw *w, const struct csvr *r, size_t n,
    size_t *len)
{
	if (w->excel || w->delim != r->o.delim || n != r->nf)
		return NULL;
	return csvr_text(r, len);
}

void
csvw_fields_from(struct csvw *w, const struct csvr *r, size_t n)
{
	const char *t;
	size_t i, len;

	/* A record that is its fields as written is copied whole. */
	if (w->nf == 0 && (t = csvw_text_of(w, r, n, &len)) != NULL) {
		wput(w, t, len);
		w->nf = (int)n;
		return;
	}
	for (i = 0; i < n; i++)
		csvw_field(w, csvr_field(r, i), csvr_fieldlen(r, i));
}

void
csvw_header_from(struct csvw *w, const struct csvr *r)
{
	size_t i;

	for (i = 0; i < r->ncols; i++)
		csvw_str(w, r->cols[i]);
}

/* Writes delimiter d, then s, quoted when it holds d, a quote, CR or LF. */
static void
raw_field(struct csvw *w, int d, const char *s)
{
	const char *p;
	char dc = (char)d;

	wputc(w, dc);
	for (p = s; *p != '\0'; p++)
		if (*p == dc || *p == '"' || *p == '\n' || *p == '\r')
			break;
	if (*p == '\0') {
		wput(w, s, strlen(s));
		return;
	}
	wputc(w, '"');
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			wputc(w, '"');
		wputc(w, *p);
	}
	wputc(w, '"');
}

void
csvw_raw_with(struct csvw *w, const struct csvr *r, const char *const *extra,
    size_t nextra)
{
	const char *eol = "\n";
	size_t body = r->rawlen, eoln = 1, i;

	if (body > 0 && r->raw[body - 1] == '\n') {
		body--;
		if (body > 0 && r->raw[body - 1] == '\r') {
			body--;
			eol = "\r\n";
			eoln = 2;
		}
	} else if (body > 0 && r->raw[body - 1] == '\r') {
		body--;
		eol = "\r";
	}
	wput(w, r->raw, body);
	for (i = 0; i < nextra; i++)
		raw_field(w, r->o.delim, extra[i]);
	wput(w, eol, eoln);
}

int
csvw_flush(struct csvw *w)
{
	wflush(w);
	if (!w->err && (fflush(w->fp) == EOF || ferror(w->fp)))
		w->err = 1;
	return w->err ? -1 : 0;
}

int
csvw_free(struct csvw *w)
{
	int st;

	if (w == NULL)
		return 0;
	st = csvw_flush(w);
	free(w);
	return st;
}

void
csvw_discard(struct csvw *w)
{
	free(w);
}
