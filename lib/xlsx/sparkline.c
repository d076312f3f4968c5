/*
 * Sparklines of vawg-xlsx (--sparkline SHEET[:DATA_SHEET]).
 * libxlsxwriter does not write them, so the finished workbook is copied
 * once more, member by member, with the sheets that carry sparklines
 * given an x14:sparklineGroups extension (as Excel 2010 writes it) at
 * the end of their XML.  Memory: the XML of one such sheet.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <unzip.h>
#include <zip.h>

#include "core/diag.h"
#include "core/hmap.h"
#include "core/outfile.h"
#include "xlsx/book.h"

#define CHUNK 65536

/* A growing string. */
struct buf {
	char *p;
	size_t n, cap;
};

static void
put(struct buf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		while (b->n + n + 1 > b->cap)
			b->cap = b->cap ? 2 * b->cap : 4096;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

static void
puts_(struct buf *b, const char *s)
{
	put(b, s, strlen(s));
}

/* A range of sheet name, quoted for a formula and escaped for XML. */
static void
put_range(struct buf *b, const char *sheet, lxw_row_t row, lxw_col_t c0,
    lxw_col_t c1)
{
	char range[LXW_MAX_CELL_RANGE_LENGTH];
	const char *s;

	puts_(b, "'");
	for (s = sheet; *s != '\0'; s++)
		puts_(b, *s == '\'' ? "''" : *s == '&' ? "&amp;" :
		    *s == '<' ? "&lt;" : *s == '>' ? "&gt;" :
		    (char[2]){ *s, '\0' });
	lxw_rowcol_to_range_abs(range, row, c0, row, c1);
	puts_(b, "'!");
	puts_(b, range);
}

static struct written *
find(struct xlsx_book *b, const char *sheet)
{
	size_t i;

	for (i = 0; sheet != NULL && i < b->ndone; i++)
		if (strcmp(b->done[i].want, sheet) == 0 ||
		    strcmp(b->done[i].name, sheet) == 0)
			return &b->done[i];
	return NULL;
}

/* The sparklines of one --sparkline, into x. */
static void
group(struct xlsx_book *b, const struct xlsx_spark *k, struct written *w,
    struct buf *x)
{
	struct written *d = k->data != NULL ? find(b, k->data) : w;
	struct hmap *rows = hmap_new();
	char cell[LXW_MAX_CELL_NAME_LENGTH];
	size_t i;

	for (i = 0; d != NULL && i < d->nkeys; i++) {
		uintptr_t *s = hmap_slot(rows, d->keys[i], strlen(d->keys[i]),
		    1, NULL);

		if (*s == 0)
			*s = i + 1;
	}
	puts_(x, "<x14:sparklineGroup displayEmptyCellsAs=\"gap\" "
	    "markers=\"0\" high=\"1\" low=\"1\" last=\"1\" lineWeight=\"1.25\">"
	    "<x14:colorSeries rgb=\"FF1F4E79\"/>"
	    "<x14:colorNegative rgb=\"FFC00000\"/>"
	    "<x14:colorAxis rgb=\"FF000000\"/>"
	    "<x14:colorMarkers rgb=\"FF1F4E79\"/>"
	    "<x14:colorFirst rgb=\"FF1F4E79\"/>"
	    "<x14:colorLast rgb=\"FFC00000\"/>"
	    "<x14:colorHigh rgb=\"FF1F4E79\"/>"
	    "<x14:colorLow rgb=\"FF1F4E79\"/>"
	    "<x14:sparklines>");
	for (i = 0; d != NULL && i < w->nkeys; i++) {
		uintptr_t *s = hmap_slot(rows, w->keys[i], strlen(w->keys[i]),
		    0, NULL);

		if (s == NULL || d->lastnum < 1)
			continue;
		puts_(x, "<x14:sparkline><xm:f>");
		put_range(x, d->name, (lxw_row_t)*s, 1, (lxw_col_t)d->lastnum);
		lxw_rowcol_to_cell(cell, (lxw_row_t)(i + 1),
		    (lxw_col_t)w->spark_col);
		puts_(x, "</xm:f><xm:sqref>");
		puts_(x, cell);
		puts_(x, "</xm:sqref></x14:sparkline>");
	}
	puts_(x, "</x14:sparklines></x14:sparklineGroup>");
	hmap_free(rows);
}

/* The extension of the sheet numbered no (1-based), or "" for none. */
static void
extension(struct xlsx_book *b, int no, struct buf *x)
{
	size_t i;
	int any = 0;

	x->n = 0;
	puts_(x, "");
	for (i = 0; i < b->o->nsparks; i++) {
		struct written *w = find(b, b->o->sparks[i].sheet);

		if (w == NULL || w->sheet_no != no || w->spark_col < 0)
			continue;
		if (!any)
			puts_(x, "<ext xmlns:x14=\"http://schemas.microsoft.com/"
			    "office/spreadsheetml/2009/9/main\" uri=\"{05C60535-"
			    "1F16-4fd2-B633-F4F36F0B64E0}\"><x14:sparklineGroups "
			    "xmlns:xm=\"http://schemas.microsoft.com/office/"
			    "excel/2006/main\">");
		any = 1;
		group(b, &b->o->sparks[i], w, x);
	}
	if (any)
		puts_(x, "</x14:sparklineGroups></ext>");
}

/* Inserts ext into the sheet's XML before its end (into its extLst). */
static void
insert_ext(struct buf *xml, const struct buf *ext)
{
	static const char end[] = "</worksheet>", lst[] = "</extLst>";
	struct buf out = { NULL, 0, 0 };
	char *e = strstr(xml->p, end), *l;

	if (e == NULL)
		diag_fatal(EX_SOFTWARE, "sparklines: a sheet without its end");
	l = e - (sizeof(lst) - 1);
	put(&out, xml->p, (size_t)(l >= xml->p && strncmp(l, lst,
	    sizeof(lst) - 1) == 0 ? l - xml->p : e - xml->p));
	if (!(l >= xml->p && strncmp(l, lst, sizeof(lst) - 1) == 0))
		puts_(&out, "<extLst>");
	puts_(&out, ext->p);
	puts_(&out, "</extLst></worksheet>");
	free(xml->p);
	*xml = out;
}

/* The sheet number of a member name xl/worksheets/sheetN.xml, or 0. */
static int
sheet_member(const char *name)
{
	int no = 0, n = 0;

	if (sscanf(name, "xl/worksheets/sheet%d.xml%n", &no, &n) == 1 &&
	    name[n] == '\0')
		return no;
	return 0;
}

/* Copies the current member of z into nz, with ext added to a sheet. */
static int
copy_member(struct xlsx_book *b, unzFile z, zipFile nz, char *buf)
{
	unz_file_info64 fi;
	zip_fileinfo zi;
	char name[512];
	struct buf xml = { NULL, 0, 0 }, ext = { NULL, 0, 0 };
	int n, no, rc = 0;

	if (unzGetCurrentFileInfo64(z, &fi, name, sizeof(name), NULL, 0,
	    NULL, 0) != UNZ_OK || unzOpenCurrentFile(z) != UNZ_OK)
		return -1;
	memset(&zi, 0, sizeof(zi));
	zi.dosDate = fi.dosDate;
	if (zipOpenNewFileInZip64(nz, name, &zi, NULL, 0, NULL, 0, NULL,
	    Z_DEFLATED, Z_DEFAULT_COMPRESSION, fi.uncompressed_size >=
	    0xffffffffULL) != ZIP_OK)
		return -1;
	if ((no = sheet_member(name)) > 0)
		extension(b, no, &ext);
	while ((n = unzReadCurrentFile(z, buf, CHUNK)) > 0) {
		if (ext.n > 0)
			put(&xml, buf, (size_t)n);
		else if (zipWriteInFileInZip(nz, buf, (unsigned)n) != ZIP_OK)
			rc = -1;
	}
	if (n < 0)
		rc = -1;
	if (ext.n > 0 && rc == 0 && xml.p != NULL) {
		insert_ext(&xml, &ext);
		if (zipWriteInFileInZip(nz, xml.p, (unsigned)xml.n) != ZIP_OK)
			rc = -1;
	}
	free(xml.p);
	free(ext.p);
	if (unzCloseCurrentFile(z) != UNZ_OK || zipCloseFileInZip(nz) != ZIP_OK)
		rc = -1;
	return rc;
}

int
xlsx_sparklines(struct xlsx_book *b, const char *path)
{
	struct stat st;
	char *tmp, *buf;
	unzFile z;
	zipFile nz;
	int fd, rc = 0;

	if (b->o->nsparks == 0)
		return 0;
	if (stat(path, &st) == -1 || !S_ISREG(st.st_mode)) {
		diag_warn("--sparkline: sparklines need a regular file: none "
		    "written");
		return 0;
	}
	tmp = xmalloc(strlen(path) + 8);
	sprintf(tmp, "%s.XXXXXX", path);
	if ((fd = mkstemp(tmp)) == -1 ||
	    fchmod(fd, st.st_mode & 07777) == -1) {
		err_sys(b->err, EX_CANTCREAT, "%s", b->o->out);
		if (fd != -1) {
			close(fd);
			unlink(tmp);
		}
		free(tmp);
		return EX_CANTCREAT;
	}
	close(fd);
	if ((z = unzOpen64(path)) == NULL || (nz = zipOpen64(tmp,
	    APPEND_STATUS_CREATE)) == NULL) {
		if (z != NULL)
			unzClose(z);
		unlink(tmp);
		free(tmp);
		return err_set(b->err, EX_IOERR, "%s: cannot add the "
		    "sparklines", b->o->out);
	}
	buf = xmalloc(CHUNK);
	for (rc = unzGoToFirstFile(z) == UNZ_OK ? 0 : -1; rc == 0;) {
		rc = copy_member(b, z, nz, buf);
		if (rc == 0 && unzGoToNextFile(z) != UNZ_OK)
			break;
	}
	unzClose(z);
	free(buf);
	if (zipClose(nz, NULL) != ZIP_OK || rc != 0 || rename(tmp, path) == -1) {
		unlink(tmp);
		free(tmp);
		return err_set(b->err, EX_IOERR, "%s: cannot add the "
		    "sparklines", b->o->out);
	}
	free(tmp);
	return 0;
}
