/*
 * Inputs that may be workbooks: see xlsx_csvr_open() in xlsxread.h.
 */
#define _GNU_SOURCE		/* fopencookie(3) */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/csvio.h"
#include "core/diag.h"
#include "xlsx/xlsxread.h"

/* An unlinked temporary file in $TMPDIR (or /tmp), mode 0600. */
static FILE *
temp_file(char *path, size_t size, int keep_name)
{
	const char *dir = getenv("TMPDIR");
	FILE *fp;
	int fd;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	snprintf(path, size, "%s/vawg-xlsx-XXXXXX", dir);
	if ((fd = mkstemp(path)) == -1)
		return NULL;
	if (!keep_name)
		unlink(path);
	if ((fp = fdopen(fd, "w+b")) == NULL) {
		close(fd);
		if (keep_name)
			unlink(path);
	}
	return fp;
}

/* A stream that gives back the bytes already read, then the rest. */
struct replay {
	FILE *in;
	int own;		/* close in with the stream */
	unsigned char head[8];
	size_t n, off;
};

static ssize_t
replay_read(void *cookie, char *buf, size_t size)
{
	struct replay *r = cookie;
	size_t n;

	if (r->off < r->n) {
		n = r->n - r->off < size ? r->n - r->off : size;
		memcpy(buf, r->head + r->off, n);
		r->off += n;
		return (ssize_t)n;
	}
	n = fread(buf, 1, size, r->in);
	if (n == 0 && ferror(r->in))
		return -1;
	return (ssize_t)n;
}

static int
replay_close(void *cookie)
{
	struct replay *r = cookie;
	int rc = r->own ? fclose(r->in) : 0;

	free(r);
	return rc == EOF ? -1 : 0;
}

/* Converts the workbook at path into a temporary CSV file, rewound. */
static FILE *
convert(const char *path, const struct xlsx_opts *o, int *status,
    char *msg, size_t size)
{
	char tmp[4096];
	FILE *fp = temp_file(tmp, sizeof tmp, 0);
	int rc;

	if (fp == NULL) {
		snprintf(msg, size, "cannot make a temporary file in %s: %s",
		    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
		    strerror(errno));
		*status = EX_CANTCREAT;
		return NULL;
	}
	rc = xlsx_to_csv(path, o, fp, msg, size, NULL);
	if (rc == 0 && (fflush(fp) == EOF || ferror(fp))) {
		snprintf(msg, size, "write error on a temporary file: %s",
		    strerror(errno));
		rc = EX_IOERR;
	}
	if (rc != 0) {
		fclose(fp);
		*status = rc;
		return NULL;
	}
	rewind(fp);
	return fp;
}

/* A workbook on a pipe: spooled to a named temporary file, converted. */
static FILE *
convert_stream(FILE *in, const struct replay *head,
    const struct xlsx_opts *o, int *status, char *msg, size_t size)
{
	char tmp[4096], buf[65536];
	FILE *sp = temp_file(tmp, sizeof tmp, 1), *fp = NULL;
	size_t n;

	if (sp == NULL) {
		snprintf(msg, size, "cannot make a temporary file: %s",
		    strerror(errno));
		*status = EX_CANTCREAT;
		return NULL;
	}
	fwrite(head->head, 1, head->n, sp);
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		fwrite(buf, 1, n, sp);
	if (ferror(in)) {
		snprintf(msg, size, "read error: %s", strerror(errno));
		*status = EX_IOERR;
	} else if (fflush(sp) == EOF || ferror(sp)) {
		snprintf(msg, size, "write error on a temporary file: %s",
		    strerror(errno));
		*status = EX_IOERR;
	} else {
		fp = convert(tmp, o, status, msg, size);
	}
	fclose(sp);
	unlink(tmp);
	return fp;
}

static struct csvr *
open_converted(FILE *fp, const char *name, const struct csvr_opts *csv)
{
	struct csvr_opts c = csv ? *csv : (struct csvr_opts){ 0 };
	struct csvr *r;

	c.delim = ',';
	c.filter = NULL;
	c.filter_ctx = NULL;
	r = csvr_fdopen(fp, name, &c);
	csvr_adopt(r);
	return r;
}

/* A stream read once (stdin, a FIFO): peeked, then replayed or converted. */
static struct csvr *
open_stream(FILE *in, const char *name, int own,
    const struct csvr_opts *csv, const struct xlsx_opts *o,
    int *workbook, int *status, char *msg, size_t size)
{
	static const cookie_io_functions_t io = {
		.read = replay_read, .close = replay_close,
	};
	struct replay *rp = xcalloc(1, sizeof *rp);
	struct csvr *r;
	FILE *fp;

	rp->in = in;
	rp->own = own;
	rp->n = fread(rp->head, 1, sizeof rp->head, in);
	if (rp->n < sizeof rp->head && ferror(in)) {
		if (own)
			fclose(in);
		free(rp);
		*status = EX_IOERR;
		snprintf(msg, size, "read error: %s", strerror(errno));
		return NULL;
	}
	if (xlsx_sniff(rp->head, rp->n) != XLSX_SNIFF_OTHER) {
		*workbook = 1;
		fp = convert_stream(in, rp, o, status, msg, size);
		if (own)
			fclose(in);
		free(rp);
		return fp ? open_converted(fp, name, csv) : NULL;
	}
	if ((fp = fopencookie(rp, "rb", io)) == NULL) {
		free(rp);
		diag_nomem();
	}
	r = csvr_fdopen(fp, name, csv);
	csvr_adopt(r);
	return r;
}

struct csvr *
xlsx_csvr_open(const char *path, const struct csvr_opts *csv,
    const struct xlsx_opts *o, int *workbook, int *status, char *msg,
    size_t size)
{
	unsigned char head[8];
	struct stat st;
	struct csvr *r;
	FILE *fp;
	size_t n;

	*workbook = 0;
	*status = 0;
	if (size)
		msg[0] = '\0';
	if (path == NULL || strcmp(path, "-") == 0)
		return open_stream(stdin, "<stdin>", 0, csv, o, workbook,
		    status, msg, size);
	if ((fp = fopen(path, "rb")) == NULL) {
		*status = EX_NOINPUT;
		return NULL;
	}
	if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(fp);
		errno = EISDIR;
		*status = EX_NOINPUT;
		return NULL;
	}
	if (!S_ISREG(st.st_mode))	/* a FIFO or device: read it once */
		return open_stream(fp, path, 1, csv, o, workbook, status, msg,
		    size);
	n = fread(head, 1, sizeof head, fp);
	if (xlsx_sniff(head, n) == XLSX_SNIFF_OTHER) {
		rewind(fp);
		r = csvr_fdopen(fp, path, csv);
		csvr_adopt(r);
		return r;
	}
	fclose(fp);
	*workbook = 1;
	fp = convert(path, o, status, msg, size);
	return fp ? open_converted(fp, path, csv) : NULL;
}
