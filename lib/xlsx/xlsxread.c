/*
 * Reading Excel workbooks: see xlsxread.h.
 *
 * The parts read, per ECMA-376 Part 1:
 *   xl/workbook.xml             the sheets in order (name, r:id) and the
 *                               date system (workbookPr date1904)
 *   xl/_rels/workbook.xml.rels  r:id to the part of each sheet, and where
 *                               the shared strings and styles are
 *   xl/sharedStrings.xml        <si> strings, plain or in rich-text runs
 *   xl/styles.xml               cellXfs (a cell's s attribute) to numFmtId,
 *                               and the codes of custom number formats
 *   the sheet                   <row r><c r t s><v>|<is><t>
 * Element names are compared without their namespace prefix, so strict
 * and transitional files and writers that prefix every element ("x:c")
 * read alike.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <expat.h>
#include <unzip.h>

#include "core/csvio.h"
#include "core/dates.h"
#include "core/diag.h"
#include "xlsx/xlsxread.h"

#define CHUNK	65536
#define SMALL_PART_MAX	(64u << 20)	/* workbook, rels, styles */

enum xlsx_sniff
xlsx_sniff(const void *head, size_t n)
{
	static const unsigned char ole2[8] =
	    { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
	const unsigned char *b = head;

	if (n >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4)
		return XLSX_SNIFF_ZIP;
	if (n >= 8 && memcmp(b, ole2, 8) == 0)
		return XLSX_SNIFF_OLE2;
	return XLSX_SNIFF_OTHER;
}

/* ---- number formats and date serials ---- */

int
xlsx_format_is_date(unsigned id, const char *code)
{
	int date = 0, time = 0;

	if (code == NULL) {
		if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) ||
		    (id >= 50 && id <= 58))
			return 1;
		if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47))
			return 2;
		return 0;
	}
	for (const char *p = code; *p; p++) {
		switch (*p) {
		case '"':	/* literal text */
			while (p[1] && p[1] != '"')
				p++;
			if (p[1])
				p++;
			break;
		case '\\':
		case '_':
		case '*':	/* an escaped, spaced or repeated character */
			if (p[1])
				p++;
			break;
		case '[':	/* [Red], [$-409], [>=100]; [h] [mm] [ss] are time */
			if (strchr("hHmMsS", p[1]))
				time = 1;
			while (p[1] && p[1] != ']')
				p++;
			if (p[1])
				p++;
			break;
		case ';':	/* the sections after the first are not asked */
			goto done;
		case 'd': case 'D': case 'y': case 'Y':
			date = 1;
			break;
		case 'h': case 'H': case 's': case 'S':
			time = 1;
			break;
		default:	/* m is months or minutes: decided below */
			break;
		}
	}
done:
	if (date)
		return 1;
	if (time)
		return 2;
	/* "mmm yyyy" has y; "mmm" alone is a month name */
	return strcspn(code, "mM") < strcspn(code, ";");
}

int
xlsx_serial_text(double serial, int date1904, int time_only, char *buf)
{
	double whole;
	long secs;
	unsigned hh, mm, ss;
	int32_t day;

	if (!(serial >= 0) || serial > 2958465.99999)
		return -1;
	whole = floor(serial);
	secs = lround((serial - whole) * 86400.0);
	if (secs >= 86400) {
		whole += 1;
		secs -= 86400;
	}
	hh = (unsigned)(secs / 3600) % 24;
	mm = (unsigned)(secs / 60 % 60);
	ss = (unsigned)(secs % 60);
	if (time_only && serial < 1) {
		snprintf(buf, 20, "%02u:%02u:%02u", hh, mm, ss);
		return 0;
	}
	if (date1904)
		day = date_from_ymd(1904, 1, 1) + (int32_t)whole;
	else if (whole == 60)
		return -1;	/* Lotus's 29 February 1900 */
	else if (whole < 60)
		day = date_from_ymd(1899, 12, 31) + (int32_t)whole;
	else
		day = date_from_ymd(1899, 12, 30) + (int32_t)whole;
	if (whole < 1 && !date1904)
		return -1;	/* day 0 is no day */
	date_format(day, buf);
	if (secs)
		snprintf(buf + 10, 10, "T%02u:%02u:%02u", hh, mm, ss);
	return 0;
}

/* ---- growing text ---- */

struct text {
	char *s;
	size_t len, cap;
};

static void
text_add(struct text *t, const char *s, size_t n)
{
	if (t->len + n + 1 > t->cap) {
		size_t cap = t->cap ? t->cap : 64;

		while (cap < t->len + n + 1)
			cap *= 2;
		t->s = xrealloc(t->s, cap);
		t->cap = cap;
	}
	memcpy(t->s + t->len, s, n);
	t->len += n;
	t->s[t->len] = '\0';
}

/*
 * Undoes OOXML's escape of characters XML cannot hold: _xHHHH_ is the
 * character U+HHHH (_x005F_ an underscore).  In place; returns the new
 * length.
 */
static size_t
unescape_x(char *s, size_t n)
{
	size_t i, o = 0;

	for (i = 0; i < n; i++) {
		unsigned v = 0;
		size_t k;

		if (s[i] == '_' && i + 6 < n && s[i + 1] == 'x' &&
		    s[i + 6] == '_') {
			for (k = 2; k < 6; k++) {
				char c = s[i + k];

				if (c >= '0' && c <= '9')
					v = v * 16 + (unsigned)(c - '0');
				else if ((c | 32) >= 'a' && (c | 32) <= 'f')
					v = v * 16 + (unsigned)((c | 32) - 'a' + 10);
				else
					break;
			}
			if (k == 6 && v < 0x80) {
				s[o++] = (char)v;
				i += 6;
				continue;
			}
		}
		s[o++] = s[i];
	}
	return o;
}

/* ---- the workbook ---- */

struct sheetref {
	char *name, *rid, *part;
};

struct book {
	unzFile z;
	int date1904;
	struct sheetref *sheets;
	size_t nsheets;
	char *sst_part, *styles_part;
	/* shared strings: offsets into one arena */
	struct text sst;
	size_t *sst_off, nsst, capsst;
	/* styles: per cellXfs index, 0 / 1 date / 2 time */
	unsigned char *xf_date;
	size_t nxf;
	unsigned *fmt_id;	/* custom formats: id and code */
	char **fmt_code;
	size_t nfmt;
	char *msg;
	size_t msgsize;
};

static const char *
local(const char *name)
{
	const char *c = strrchr(name, ':');

	return c ? c + 1 : name;
}

static const char *
attr(const char **a, const char *name)
{
	for (; a[0]; a += 2)
		if (strcmp(local(a[0]), name) == 0)
			return a[1];
	return NULL;
}

/*
 * Parses one zip member with expat, in chunks; returns 0, or 65 with
 * the book's message set.
 */
static int
parse_part(struct book *b, const char *part, XML_Parser p, size_t limit)
{
	char *buf;
	int n, done = 0;
	size_t total = 0;

	if (unzLocateFile(b->z, part, 2) != UNZ_OK ||
	    unzOpenCurrentFile(b->z) != UNZ_OK) {
		snprintf(b->msg, b->msgsize, "workbook part %s is missing",
		    part);
		return 65;
	}
	buf = xmalloc(CHUNK);
	while (!done) {
		n = unzReadCurrentFile(b->z, buf, CHUNK);
		if (n < 0) {
			snprintf(b->msg, b->msgsize, "workbook part %s cannot "
			    "be unpacked (damaged, or protected by a password)",
			    part);
			break;
		}
		done = n == 0;
		total += (size_t)n;
		if (limit && total > limit) {
			snprintf(b->msg, b->msgsize, "workbook part %s is "
			    "larger than %zu MiB", part, limit >> 20);
			n = -1;
			break;
		}
		if (XML_Parse(p, buf, n, done) == XML_STATUS_ERROR) {
			if (XML_GetErrorCode(p) != XML_ERROR_ABORTED)
				snprintf(b->msg, b->msgsize, "workbook part %s, "
				    "line %lu: bad XML (%s)", part,
				    (unsigned long)XML_GetCurrentLineNumber(p),
				    XML_ErrorString(XML_GetErrorCode(p)));
			n = -1;
			break;
		}
	}
	free(buf);
	unzCloseCurrentFile(b->z);
	return n < 0 ? 65 : 0;
}

/* workbook.xml: the sheets in order, and the date system. */
static void XMLCALL
wb_start(void *ud, const char *name, const char **a)
{
	struct book *b = ud;
	const char *el = local(name), *v, *rid = NULL;

	if (strcmp(el, "workbookPr") == 0) {
		v = attr(a, "date1904");
		b->date1904 = v && (strcmp(v, "1") == 0 ||
		    strcasecmp(v, "true") == 0);
	} else if (strcmp(el, "sheet") == 0) {
		for (const char **p = a; p[0]; p += 2)
			if (strcmp(local(p[0]), "id") == 0 && p[0] != local(p[0]))
				rid = p[1];
		v = attr(a, "name");
		b->sheets = xreallocarray(b->sheets, b->nsheets + 1,
		    sizeof *b->sheets);
		b->sheets[b->nsheets].name = xstrdup(v ? v : "");
		b->sheets[b->nsheets].rid = xstrdup(rid ? rid : "");
		b->sheets[b->nsheets].part = NULL;
		b->nsheets++;
	}
}

/* A relationship's target, relative to xl/ or absolute. */
static char *
rel_target(const char *t)
{
	char *s;

	if (t[0] == '/')
		return xstrdup(t + 1);
	s = xmalloc(strlen(t) + 4);
	strcpy(s, "xl/");
	strcat(s, t);
	return s;
}

static void XMLCALL
rels_start(void *ud, const char *name, const char **a)
{
	struct book *b = ud;
	const char *id, *type, *target, *tail;

	if (strcmp(local(name), "Relationship") != 0)
		return;
	id = attr(a, "Id");
	type = attr(a, "Type");
	target = attr(a, "Target");
	if (!id || !type || !target)
		return;
	tail = strrchr(type, '/');
	tail = tail ? tail + 1 : type;
	if (strcmp(tail, "sharedStrings") == 0 && !b->sst_part)
		b->sst_part = rel_target(target);
	else if (strcmp(tail, "styles") == 0 && !b->styles_part)
		b->styles_part = rel_target(target);
	else if (strcmp(tail, "worksheet") == 0)
		for (size_t i = 0; i < b->nsheets; i++)
			if (!b->sheets[i].part && strcmp(b->sheets[i].rid, id) == 0)
				b->sheets[i].part = rel_target(target);
}

/* sharedStrings.xml */
struct sstp {
	struct book *b;
	int in_si, in_t, in_rph;
	size_t start;
};

static void XMLCALL
sst_start(void *ud, const char *name, const char **a)
{
	struct sstp *s = ud;
	const char *el = local(name);

	if (strcmp(el, "si") == 0) {
		s->in_si = 1;
		s->start = s->b->sst.len;
	} else if (strcmp(el, "rPh") == 0) {
		s->in_rph = 1;
	} else if (strcmp(el, "t") == 0 && s->in_si && !s->in_rph) {
		s->in_t = 1;
	}
}

static void XMLCALL
sst_end(void *ud, const char *name)
{
	struct sstp *s = ud;
	struct book *b = s->b;
	const char *el = local(name);

	if (strcmp(el, "t") == 0) {
		s->in_t = 0;
	} else if (strcmp(el, "rPh") == 0) {
		s->in_rph = 0;
	} else if (strcmp(el, "si") == 0) {
		size_t n = unescape_x(b->sst.s ? b->sst.s + s->start : NULL,
		    b->sst.len - s->start);

		b->sst.len = s->start + n;
		text_add(&b->sst, "", 1);	/* NUL between strings */
		if (b->nsst == b->capsst) {
			b->capsst = b->capsst ? b->capsst * 2 : 1024;
			b->sst_off = xreallocarray(b->sst_off, b->capsst,
			    sizeof *b->sst_off);
		}
		b->sst_off[b->nsst++] = s->start;
		s->in_si = 0;
	}
}

static void XMLCALL
sst_text(void *ud, const char *s, int len)
{
	struct sstp *p = ud;

	if (p->in_t)
		text_add(&p->b->sst, s, (size_t)len);
}

/* styles.xml: custom number formats, then cellXfs. */
struct stylesp {
	struct book *b;
	int in_xfs;
};

static void XMLCALL
styles_start(void *ud, const char *name, const char **a)
{
	struct stylesp *s = ud;
	struct book *b = s->b;
	const char *el = local(name), *v;

	if (strcmp(el, "numFmt") == 0) {
		const char *code = attr(a, "formatCode");

		v = attr(a, "numFmtId");
		if (!v || !code)
			return;
		b->fmt_id = xreallocarray(b->fmt_id, b->nfmt + 1,
		    sizeof *b->fmt_id);
		b->fmt_code = xreallocarray(b->fmt_code, b->nfmt + 1,
		    sizeof *b->fmt_code);
		b->fmt_id[b->nfmt] = (unsigned)strtoul(v, NULL, 10);
		b->fmt_code[b->nfmt++] = xstrdup(code);
	} else if (strcmp(el, "cellXfs") == 0) {
		s->in_xfs = 1;
	} else if (strcmp(el, "xf") == 0 && s->in_xfs) {
		unsigned id;
		const char *code = NULL;

		v = attr(a, "numFmtId");
		id = v ? (unsigned)strtoul(v, NULL, 10) : 0;
		for (size_t i = 0; i < b->nfmt; i++)
			if (b->fmt_id[i] == id)
				code = b->fmt_code[i];
		b->xf_date = xrealloc(b->xf_date, b->nxf + 1);
		b->xf_date[b->nxf++] = (unsigned char)xlsx_format_is_date(id,
		    code);
	}
}

static void XMLCALL
styles_end(void *ud, const char *name)
{
	struct stylesp *s = ud;

	if (strcmp(local(name), "cellXfs") == 0)
		s->in_xfs = 0;
}

static int
parse_with(struct book *b, const char *part, void *ud,
    XML_StartElementHandler st, XML_EndElementHandler en,
    XML_CharacterDataHandler cd, size_t limit)
{
	XML_Parser p = XML_ParserCreate("UTF-8");
	int rc;

	if (p == NULL)
		diag_nomem();
	XML_SetUserData(p, ud);
	XML_SetElementHandler(p, st, en);
	if (cd)
		XML_SetCharacterDataHandler(p, cd);
	rc = parse_part(b, part, p, limit);
	XML_ParserFree(p);
	return rc;
}

static void
book_free(struct book *b)
{
	if (b->z)
		unzClose(b->z);
	for (size_t i = 0; i < b->nsheets; i++) {
		free(b->sheets[i].name);
		free(b->sheets[i].rid);
		free(b->sheets[i].part);
	}
	free(b->sheets);
	free(b->sst_part);
	free(b->styles_part);
	free(b->sst.s);
	free(b->sst_off);
	free(b->xf_date);
	for (size_t i = 0; i < b->nfmt; i++)
		free(b->fmt_code[i]);
	free(b->fmt_code);
	free(b->fmt_id);
}

/* Which zip that is not a workbook this is, for the message. */
static const char *
zip_kind(unzFile z)
{
	if (unzLocateFile(z, "content.xml", 2) == UNZ_OK)
		return "an OpenDocument file (.ods), not an Excel workbook: "
		    "save it as .xlsx or .csv";
	if (unzLocateFile(z, "word/document.xml", 2) == UNZ_OK)
		return "a Word document, not a workbook";
	if (unzLocateFile(z, "EncryptedPackage", 2) == UNZ_OK)
		return "a password-protected workbook: save a copy without "
		    "the password";
	return "a zip archive, not an Excel workbook: unzip it and read "
	    "the file inside";
}

/* Picks the sheet: by name, else by number, else the first. */
static const struct sheetref *
pick_sheet(struct book *b, const char *want)
{
	char *end;
	unsigned long n;

	if (b->nsheets == 0) {
		snprintf(b->msg, b->msgsize, "the workbook has no sheets");
		return NULL;
	}
	if (want == NULL)
		return &b->sheets[0];
	for (size_t i = 0; i < b->nsheets; i++)
		if (strcmp(b->sheets[i].name, want) == 0)
			return &b->sheets[i];
	errno = 0;
	n = strtoul(want, &end, 10);
	if (*want >= '0' && *want <= '9' && *end == '\0' && errno == 0 &&
	    n >= 1 && n <= b->nsheets)
		return &b->sheets[n - 1];
	snprintf(b->msg, b->msgsize, "--sheet: the workbook has no such "
	    "sheet (it has %zu; give a name or a number from 1)", b->nsheets);
	return NULL;
}

static int
book_open(struct book *b, const char *path)
{
	FILE *fp;
	unsigned char head[8];
	size_t n;
	int rc;

	if ((fp = fopen(path, "rb")) == NULL)
		return 66;
	n = fread(head, 1, sizeof head, fp);
	fclose(fp);
	if (xlsx_sniff(head, n) == XLSX_SNIFF_OLE2) {
		snprintf(b->msg, b->msgsize, "an old Excel .xls file or a "
		    "password-protected workbook: open it in Excel or "
		    "LibreOffice and save it as .xlsx without a password");
		return 65;
	}
	if ((b->z = unzOpen64(path)) == NULL) {
		snprintf(b->msg, b->msgsize, "not a zip archive, so not a "
		    ".xlsx workbook (truncated or damaged?)");
		return 65;
	}
	if (unzLocateFile(b->z, "xl/workbook.xml", 2) != UNZ_OK) {
		snprintf(b->msg, b->msgsize, "%s", zip_kind(b->z));
		return 65;
	}
	if ((rc = parse_with(b, "xl/workbook.xml", b, wb_start, NULL, NULL,
	    SMALL_PART_MAX)) != 0)
		return rc;
	if (unzLocateFile(b->z, "xl/_rels/workbook.xml.rels", 2) == UNZ_OK &&
	    (rc = parse_with(b, "xl/_rels/workbook.xml.rels", b, rels_start,
	    NULL, NULL, SMALL_PART_MAX)) != 0)
		return rc;
	if (b->sst_part) {
		struct sstp s = { .b = b };

		if ((rc = parse_with(b, b->sst_part, &s, sst_start, sst_end,
		    sst_text, 0)) != 0)
			return rc;
	}
	if (b->styles_part) {
		struct stylesp s = { .b = b };

		if ((rc = parse_with(b, b->styles_part, &s, styles_start,
		    styles_end, NULL, SMALL_PART_MAX)) != 0)
			return rc;
	}
	return 0;
}

/* ---- the sheet ---- */

struct cell {
	char *s;
	size_t len, cap;
};

/* A cell's t attribute. */
enum ctype { CT_NUMBER, CT_SHARED, CT_INLINE, CT_STR, CT_BOOL, CT_OTHER };

static enum ctype
ctype_of(const char *t)
{
	if (t == NULL || strcmp(t, "n") == 0)
		return CT_NUMBER;
	if (strcmp(t, "s") == 0)
		return CT_SHARED;
	if (strcmp(t, "inlineStr") == 0)
		return CT_INLINE;
	if (strcmp(t, "str") == 0)
		return CT_STR;
	if (strcmp(t, "b") == 0)
		return CT_BOOL;
	return CT_OTHER;	/* e (error), d (ISO date): text as it is */
}

struct sheetp {
	struct book *b;
	XML_Parser p;
	struct csvw *w;
	unsigned long header_row, row, lines, written;
	size_t width;		/* the header's; 0 before it */
	struct cell *cells;
	size_t ncells, capcells;	/* cells of this row so far */
	size_t col;		/* the current cell's column, from 0 */
	enum ctype type;
	long style;
	int in_v, in_t, in_is, in_rph, in_cell;
	struct text val;
	int failed;
};

/* Column of a reference such as "AB12", from 0; -1 when there is none. */
static long
ref_col(const char *r)
{
	long c = 0;
	int any = 0;

	for (; (*r >= 'A' && *r <= 'Z') || (*r >= 'a' && *r <= 'z'); r++) {
		c = c * 26 + ((*r | 32) - 'a' + 1);
		if (c > 16384)
			return -1;
		any = 1;
	}
	return any ? c - 1 : -1;
}

static void
sheet_fail(struct sheetp *s, const char *fmt, unsigned long row)
{
	snprintf(s->b->msg, s->b->msgsize, fmt, row);
	s->failed = 1;
	XML_StopParser(s->p, XML_FALSE);
}

static void
cell_set(struct sheetp *s, size_t col, const char *v, size_t n)
{
	if (col >= s->capcells) {
		size_t cap = s->capcells ? s->capcells : 16;

		while (cap <= col)
			cap *= 2;
		s->cells = xreallocarray(s->cells, cap, sizeof *s->cells);
		memset(s->cells + s->capcells, 0,
		    (cap - s->capcells) * sizeof *s->cells);
		s->capcells = cap;
	}
	while (s->ncells <= col)
		s->cells[s->ncells++].len = 0;
	if (n + 1 > s->cells[col].cap) {
		s->cells[col].cap = n + 16;
		s->cells[col].s = xrealloc(s->cells[col].s, s->cells[col].cap);
	}
	memcpy(s->cells[col].s, v, n);
	s->cells[col].s[n] = '\0';
	s->cells[col].len = n;
}

/* Blank lines up to (not including) sheet row r. */
static void
blank_to(struct sheetp *s, unsigned long r)
{
	while (s->lines + 1 < r) {
		csvw_raw(s->w, "\n", 1);
		s->lines++;
	}
}

static void
row_end(struct sheetp *s)
{
	size_t n = s->ncells;

	while (n > 0 && s->cells[n - 1].len == 0)
		n--;
	blank_to(s, s->row);
	s->lines = s->row;
	if (s->row < s->header_row || (n == 0 && s->width == 0)) {
		csvw_raw(s->w, "\n", 1);
		s->ncells = 0;
		return;
	}
	if (s->width == 0)
		s->width = n;
	if (n == 0) {		/* an empty row: a blank line */
		csvw_raw(s->w, "\n", 1);
		s->ncells = 0;
		return;
	}
	for (size_t i = 0; i < (n > s->width ? n : s->width); i++) {
		if (i < n)
			csvw_field(s->w, s->cells[i].s ? s->cells[i].s : "",
			    s->cells[i].len);
		else
			csvw_field(s->w, "", 0);
	}
	csvw_end(s->w);
	s->written++;
	s->ncells = 0;
}

/* The text of the finished cell, by its type and style. */
static void
cell_end(struct sheetp *s)
{
	struct book *b = s->b;
	const char *v = s->val.s ? s->val.s : "";
	size_t n = s->val.len;
	char buf[32];

	if (s->type == CT_SHARED) {
		char *end;
		unsigned long i = strtoul(v, &end, 10);

		if (end == v || i >= b->nsst) {
			sheet_fail(s, "sheet row %lu: a shared string that "
			    "the workbook does not hold", s->row);
			return;
		}
		v = b->sst.s + b->sst_off[i];
		n = strlen(v);
	} else if (s->type == CT_BOOL) {
		v = n && v[0] == '1' ? "TRUE" : n ? "FALSE" : "";
		n = strlen(v);
	} else if (s->type == CT_INLINE || s->type == CT_STR) {
		n = unescape_x(s->val.s ? s->val.s : buf, n);
	} else if (s->type == CT_NUMBER && n > 0 && s->style >= 0 &&
	    (size_t)s->style < b->nxf && b->xf_date[s->style]) {
		char *end;
		double d = strtod(v, &end);

		if (end != v && *end == '\0' && xlsx_serial_text(d,
		    b->date1904, b->xf_date[s->style] == 2, buf) == 0) {
			v = buf;
			n = strlen(buf);
		}
	}
	cell_set(s, s->col, v, n);
}

static void XMLCALL
sheet_start(void *ud, const char *name, const char **a)
{
	struct sheetp *s = ud;
	const char *el = local(name), *v;

	if (strcmp(el, "row") == 0) {
		unsigned long r = s->row + 1;

		if ((v = attr(a, "r")) != NULL)
			r = strtoul(v, NULL, 10);
		if (r <= s->row || r > 1048576UL * 16) {
			sheet_fail(s, "sheet row after %lu: rows out of order",
			    s->row);
			return;
		}
		s->row = r;
		s->ncells = 0;
		s->col = (size_t)-1;
	} else if (strcmp(el, "c") == 0) {
		long c = (v = attr(a, "r")) ? ref_col(v) : -1;

		s->col = c >= 0 ? (size_t)c : s->col + 1;
		s->type = ctype_of(attr(a, "t"));
		v = attr(a, "s");
		s->style = v ? strtol(v, NULL, 10) : 0;
		s->val.len = 0;
		s->in_cell = 1;
	} else if (s->in_cell && strcmp(el, "v") == 0) {
		s->in_v = 1;
	} else if (s->in_cell && strcmp(el, "is") == 0) {
		s->in_is = 1;
	} else if (s->in_is && strcmp(el, "rPh") == 0) {
		s->in_rph = 1;
	} else if (s->in_is && !s->in_rph && strcmp(el, "t") == 0) {
		s->in_t = 1;
	}
}

static void XMLCALL
sheet_end(void *ud, const char *name)
{
	struct sheetp *s = ud;
	const char *el = local(name);

	if (strcmp(el, "v") == 0) {
		s->in_v = 0;
	} else if (strcmp(el, "t") == 0) {
		s->in_t = 0;
	} else if (strcmp(el, "rPh") == 0) {
		s->in_rph = 0;
	} else if (strcmp(el, "is") == 0) {
		s->in_is = 0;
	} else if (strcmp(el, "c") == 0 && s->in_cell) {
		s->in_cell = 0;
		if (s->val.len || s->type == CT_INLINE)
			cell_end(s);
	} else if (strcmp(el, "row") == 0) {
		row_end(s);
	}
}

static void XMLCALL
sheet_text(void *ud, const char *t, int len)
{
	struct sheetp *s = ud;

	if (s->in_v || s->in_t)
		text_add(&s->val, t, (size_t)len);
}

static int
read_sheet(struct book *b, const struct sheetref *sh,
    const struct xlsx_opts *o, FILE *out, unsigned long *rows)
{
	struct sheetp s = { .b = b, .style = 0 };
	int rc;

	s.header_row = o && o->header_row > 1 ? o->header_row : 1;
	s.w = csvw_new(out, ',');
	s.p = XML_ParserCreate("UTF-8");
	if (s.p == NULL)
		diag_nomem();
	XML_SetUserData(s.p, &s);
	XML_SetElementHandler(s.p, sheet_start, sheet_end);
	XML_SetCharacterDataHandler(s.p, sheet_text);
	rc = parse_part(b, sh->part, s.p, 0);
	if (s.failed)
		rc = 65;
	if (rc == 0 && s.width == 0) {
		snprintf(b->msg, b->msgsize, s.header_row > 1 ? "the sheet "
		    "has no header at row %lu (see --header-row)" : "the sheet "
		    "is empty", s.header_row);
		rc = 65;
	}
	if (csvw_free(s.w) != 0 && rc == 0) {
		snprintf(b->msg, b->msgsize, "write error");
		rc = 74;
	}
	XML_ParserFree(s.p);
	for (size_t i = 0; i < s.capcells; i++)
		free(s.cells[i].s);
	free(s.cells);
	free(s.val.s);
	if (rows)
		*rows = s.written;
	return rc;
}

int
xlsx_to_csv(const char *path, const struct xlsx_opts *o, FILE *out,
    char *msg, size_t size, unsigned long *rows)
{
	struct book b = { .msg = msg, .msgsize = size };
	const struct sheetref *sh;
	int rc;

	if (size)
		msg[0] = '\0';
	if (rows)
		*rows = 0;
	rc = book_open(&b, path);
	if (rc == 0) {
		sh = pick_sheet(&b, o ? o->sheet : NULL);
		if (sh == NULL)
			rc = 65;
		else if (sh->part == NULL) {
			snprintf(msg, size, "the workbook does not say where "
			    "its sheet is (no relationship for it)");
			rc = 65;
		} else
			rc = read_sheet(&b, sh, o, out, rows);
	}
	{
		int e = errno;	/* 66: the caller reports the system error */

		book_free(&b);
		errno = e;
	}
	return rc;
}
