/*
 * The reader keeps [pos, end) of unparsed input in buf.  A record is
 * parsed from pos; when the buffer ends before the record does, the
 * unparsed tail moves to the front, more input is read (the buffer
 * doubling up to the record limit) and the record is parsed again from
 * its start.  Unquoted fields, and quoted fields without doubled quotes
 * or CR LF, point into buf; the others are unescaped into scratch, which
 * is as large as buf so that a record always fits.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvscan.h"
#include "diag.h"

struct field {
	const char *p;
	size_t len;
};

struct csvs {
	int fd, own;
	char *name;
	char *buf, *scratch;
	size_t cap, pos, end;
	int eof;
	unsigned long line, recline, nrec, errline;
	const char *err;
	struct field *f;
	size_t nf, fcap;
	int bad;
	int quoted0;		/* the first field was quoted */
	char **cols;
	size_t ncols;
};

/* Bytes that stop an unquoted field. */
static unsigned char stop[256];

static void
init_stop(void)
{
	stop[','] = stop['\n'] = stop['\r'] = stop['"'] = 1;
}

struct csvs *
csvs_fdopen(int fd, const char *name)
{
	struct csvs *s;

	init_stop();
	s = xcalloc(1, sizeof(*s));
	s->fd = fd;
	s->name = xstrdup(name);
	s->cap = 1 << 18;
	s->buf = xmalloc(s->cap);
	s->scratch = xmalloc(s->cap);
	s->line = 1;
	return s;
}

struct csvs *
csvs_open(const char *path)
{
	struct csvs *s;
	int fd;

	if (path == NULL || strcmp(path, "-") == 0)
		return csvs_fdopen(0, "<stdin>");
	if ((fd = open(path, O_RDONLY)) < 0)
		return NULL;
	s = csvs_fdopen(fd, path);
	s->own = 1;
	return s;
}

void
csvs_close(struct csvs *s)
{
	size_t i;

	if (s == NULL)
		return;
	if (s->own)
		close(s->fd);
	for (i = 0; i < s->ncols; i++)
		free(s->cols[i]);
	free(s->cols);
	free(s->name);
	free(s->buf);
	free(s->scratch);
	free(s->f);
	free(s);
}

/* Moves the tail to the front and reads more: 1 read, 0 EOF, -1 error. */
static int
fill(struct csvs *s)
{
	ssize_t n;

	if (s->pos > 0) {
		memmove(s->buf, s->buf + s->pos, s->end - s->pos);
		s->end -= s->pos;
		s->pos = 0;
	}
	if (s->end == s->cap) {
		if (s->cap >= CSVS_MAX_RECORD) {
			s->err = "record too long";
			return -1;
		}
		s->cap *= 2;
		s->buf = xrealloc(s->buf, s->cap);
		free(s->scratch);
		s->scratch = xmalloc(s->cap);
	}
	do
		n = read(s->fd, s->buf + s->end, s->cap - s->end);
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		s->err = strerror(errno);
		return -1;
	}
	if (n == 0) {
		s->eof = 1;
		return 0;
	}
	s->end += (size_t)n;
	return 1;
}

static void
add_field(struct csvs *s, const char *p, size_t len)
{
	if (s->nf == s->fcap) {
		s->fcap = s->fcap ? s->fcap * 2 : 32;
		s->f = xreallocarray(s->f, s->fcap, sizeof(*s->f));
	}
	s->f[s->nf].p = p;
	s->f[s->nf].len = len;
	s->nf++;
}

/*
 * Parses one record from pos.  Returns 1 with the record, 0 when the
 * buffer ended first (and input may follow), -1 on an unterminated
 * quoted field at the end of input.
 */
static int
parse(struct csvs *s)
{
	char *p = s->buf + s->pos, *end = s->buf + s->end, *q;
	char *w = s->scratch;
	unsigned long lines = 0;

	s->nf = 0;
	s->bad = 0;
	s->quoted0 = p < end && *p == '"';
	for (;;) {
		char *start = p;

		if (p < end && *p == '"') {
			/* Quoted field. */
			char *ws = w;
			int copy = 0;

			p++;
			for (;;) {
				q = memchr(p, '"', (size_t)(end - p));
				if (q == NULL)
					return s->eof ? -1 : 0;
				if (q + 1 == end && !s->eof)
					return 0;
				{
					char *nl = p;

					while ((nl = memchr(nl, '\n',
					    (size_t)(q - nl))) != NULL) {
						lines++;
						if (nl > p && nl[-1] == '\r')
							copy = 1;
						nl++;
					}
				}
				if (q + 1 < end && q[1] == '"') {
					copy = 1;
					memcpy(w, p, (size_t)(q + 1 - p));
					w += q + 1 - p;
					p = q + 2;
					continue;
				}
				memcpy(w, p, (size_t)(q - p));
				w += q - p;
				p = q + 1;
				break;
			}
			if (copy) {
				/* Unescaped copy in scratch, CR LF as LF. */
				char *r = ws, *o = ws;

				for (; r < w; r++)
					if (!(*r == '\r' && r + 1 < w &&
					    r[1] == '\n'))
						*o++ = *r;
				w = o;
				add_field(s, ws, (size_t)(w - ws));
			} else {
				add_field(s, start + 1, (size_t)(p - 1 -
				    (start + 1)));
				w = ws;
			}
			/* After the closing quote: delimiter or line end. */
			if (p < end && *p != ',' && *p != '\n' && *p != '\r') {
				s->bad = 1;
				goto skip_line;
			}
		} else {
			for (;;) {
				while (p < end && !stop[(unsigned char)*p])
					p++;
				if (p < end && *p == '"') {
					s->bad = 1;
					goto skip_line;
				}
				if (p + 1 < end && *p == '\r' &&
				    p[1] != '\n') {
					p++;	/* a lone CR is data */
					continue;
				}
				break;
			}
			add_field(s, start, (size_t)(p - start));
		}
		if (p == end) {
			if (!s->eof)
				return 0;
			break;
		}
		if (*p == ',') {
			p++;
			continue;
		}
		if (*p == '\r') {
			if (p + 1 == end && !s->eof)
				return 0;
			p++;
		}
		if (p < end && *p == '\n') {
			p++;
			lines++;
		}
		break;
	}
	goto done;
skip_line:
	/* A bad record ends with the physical line it went wrong on. */
	q = memchr(p, '\n', (size_t)(end - p));
	if (q == NULL) {
		if (!s->eof)
			return 0;
		p = end;
	} else {
		p = q + 1;
		lines++;
	}
done:
	s->pos = (size_t)(p - s->buf);
	s->recline = s->line;
	s->line += lines;
	return 1;
}

/* Next non-blank record, or EOF. */
static int
next(struct csvs *s)
{
	for (;;) {
		int rc;

		if (s->pos == s->end) {
			if (s->eof)
				return CSVS_EOF;
			if ((rc = fill(s)) < 0)
				goto ioerr;
			if (rc == 0)
				return CSVS_EOF;
			continue;
		}
		rc = parse(s);
		if (rc < 0) {
			s->err = "unterminated quoted field";
			s->errline = s->line;
			return CSVS_ERROR;
		}
		if (rc == 0) {
			if (fill(s) < 0)
				goto ioerr;
			continue;
		}
		if (s->nf == 1 && s->f[0].len == 0 && !s->quoted0 && !s->bad)
			continue;	/* a blank line */
		return CSVS_RECORD;
	}
ioerr:
	s->errline = s->line;
	return CSVS_ERROR;
}

int
csvs_header(struct csvs *s)
{
	int rc;
	size_t i;

	if (fill(s) < 0) {
		s->errline = 1;
		return CSVS_ERROR;
	}
	if (s->end >= 3 && memcmp(s->buf, "\xef\xbb\xbf", 3) == 0)
		s->pos = 3;
	if ((rc = next(s)) != CSVS_RECORD)
		return rc;
	s->ncols = s->nf;
	s->cols = xcalloc(s->nf, sizeof(*s->cols));
	for (i = 0; i < s->nf; i++)
		s->cols[i] = xstrndup(s->f[i].p, s->f[i].len);
	return CSVS_RECORD;
}

size_t
csvs_ncols(const struct csvs *s)
{
	return s->ncols;
}

const char *
csvs_colname(const struct csvs *s, size_t i)
{
	return i < s->ncols ? s->cols[i] : "";
}

int
csvs_col(const struct csvs *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->ncols; i++)
		if (strcmp(s->cols[i], name) == 0)
			return (int)i;
	return -1;
}

int
csvs_next(struct csvs *s)
{
	int rc = next(s);

	if (rc == CSVS_RECORD)
		s->nrec++;
	return rc;
}

size_t
csvs_nfields(const struct csvs *s)
{
	return s->nf;
}

const char *
csvs_field(const struct csvs *s, size_t i, size_t *len)
{
	if (i >= s->nf) {
		*len = 0;
		return "";
	}
	*len = s->f[i].len;
	return s->f[i].p;
}

int
csvs_bad(const struct csvs *s)
{
	return s->bad;
}

unsigned long
csvs_line(const struct csvs *s)
{
	return s->recline;
}

unsigned long
csvs_records(const struct csvs *s)
{
	return s->nrec;
}

const char *
csvs_name(const struct csvs *s)
{
	return s->name;
}

const char *
csvs_error(const struct csvs *s)
{
	return s->err ? s->err : "read error";
}

unsigned long
csvs_error_line(const struct csvs *s)
{
	return s->errline;
}
