/*
 * vawg-xlsx: CSV files in, one XLSX workbook out.  Each input becomes a
 * sheet with a bold, frozen header row, an autofilter, fitted column
 * widths and typed cells (numbers, dates, months, percentages, text;
 * see lib/celltype.h), one number format per column.  Charts can be
 * drawn from a sheet's columns.  Rows are streamed to libxlsxwriter in
 * constant-memory mode, so memory holds one row plus the first rows of
 * each input, from which the column types are decided; more rows than a
 * sheet holds continue on numbered continuation sheets.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "xlsx/celltype.h"
#include "core/cli.h"
#include "core/csvio.h"
#include "core/diag.h"
#include "core/hmap.h"
#include "core/outfile.h"
#include "xlsx/sheetname.h"
#include "core/utf8.h"

/* Excel's limits. */
#define XL_ROWS 1048576UL	/* rows in a sheet, the header included */
#define XL_COLS 16384UL
#define XL_CELL_CHARS 32767

/* Rows (and bytes) of each input read before its column types are set. */
#define SAMPLE_ROWS 1000
#define SAMPLE_BYTES (4UL << 20)

/* Column widths, in characters. */
#define WIDTH_MIN 6
#define WIDTH_MAX 60

/* Charts: size in rows of the default chart, to stack several. */
#define CHART_ROWS 16

enum {
	OPT_AUTHOR = CLI_OPT_FIRST_FREE,
	OPT_CHART,
	OPT_PERCENT,
	OPT_TABLE,
	OPT_TEXT,
	OPT_TITLE
};

static const struct option longopts[] = {
	CLI_LONGOPTS,
	{ "author", required_argument, NULL, OPT_AUTHOR },
	{ "chart", required_argument, NULL, OPT_CHART },
	{ "percent", required_argument, NULL, OPT_PERCENT },
	{ "table", no_argument, NULL, OPT_TABLE },
	{ "text", required_argument, NULL, OPT_TEXT },
	{ "title", required_argument, NULL, OPT_TITLE },
	{ NULL, 0, NULL, 0 }
};

static struct cli cli = {
	"vawg-xlsx [--strict] [--table] [--author name] "
	"[--chart sheet:type:x:y[,y...][:title]] [--mode mode] "
	"[--percent column] [--text column] [--title title] -o file "
	"[[name=]file ...]",
	"  -o, --output FILE   the workbook to write (required)\n"
	"  --author NAME       author in the document properties\n"
	"  --chart SPEC        a line, column or bar chart of sheet SHEET:\n"
	"                      SHEET:TYPE:X_COL:Y_COL[,Y_COL...][:TITLE]\n"
	"  --mode MODE         octal mode of the workbook (default 0600)\n"
	"  --percent COL       show column COL as a percentage (repeatable)\n"
	"  --strict            fail (exit 65) when a row was left out\n"
	"  --table             make each sheet an Excel table (holds the\n"
	"                      workbook in memory)\n"
	"  --text COL          keep column COL as text (repeatable)\n"
	"  --title TEXT        title in the document properties\n"
	"  -h, --help          this help\n"
	"  --version           the version\n"
	"Operands: [NAME=]FILE, one sheet each, named NAME or the file's\n"
	"base name; - is standard input.\n"
	"Memory: one row, plus the first 1000 rows (at most 4 MiB) of the\n"
	"input being read; with --table, the whole workbook.\n",
	.out = NULL
};

struct chart_spec {
	char *spec;		/* the argument, for messages */
	char *sheet;
	uint8_t type;
	char *x;
	char **y;
	size_t ny;
	char *title;
};

struct opts {
	char *author, *title;
	int table;
	char **percent, **text;
	size_t npercent, ntext;
	struct chart_spec *charts;
	size_t ncharts;
};

/* One column of the sheet being written. */
struct column {
	const char *name;	/* NULL past the header */
	struct ct_col ev;
	struct ct_coldef def;
	size_t width;		/* widest value so far, in characters */
};

/* What a chart needs to know of a written input. */
struct written {
	char *want;		/* the name asked for */
	const char *name;	/* the first sheet's name */
	lxw_worksheet *ws;
	char **cols;
	size_t ncols;
	unsigned long rows;	/* data rows on the first sheet */
	int charts;		/* charts placed on it so far */
};

/* A field of a row: a view into the reader or the sample buffer. */
struct field {
	const char *p;
	size_t n;
};

/* The first rows of an input, kept until the column types are set. */
struct sample {
	char *bytes;
	size_t nbytes, capbytes;
	struct sfield {
		size_t off, n;
	} *fields;
	size_t nfields, capfields;
	struct srow {
		size_t first, n;
		unsigned long line;
	} *rows;
	size_t nrows, caprows;
};

/* Number formats in use: libxlsxwriter formats by format string. */
struct fmtcache {
	const char *key[32];
	lxw_format *fmt[32];
	size_t n;
};

/* The workbook and the state of the sheet being written. */
struct book {
	const struct opts *o;
	lxw_workbook *wb;
	struct sheetnames *names;
	struct fmtcache fmts;
	lxw_format *bold;
	struct written *done;
	size_t ndone;
	int status;
	unsigned char *text_seen, *percent_seen;	/* --text, --percent */

	/* The input being written. */
	const char *file;	/* for messages */
	const char *base;	/* sheet name of the first part */
	lxw_worksheet *ws;
	struct column *cols;
	size_t ncols, capcols, nheader;
	unsigned long row;	/* next row on the current sheet */
	unsigned long parts;	/* sheets written for this input */
	unsigned long first_rows;	/* data rows on the first part */
	struct field *row_fields;
	size_t caprow;
	char *scratch;
	size_t capscratch;
	unsigned long long_text, ragged;
	unsigned long first_long_text, first_ragged;
};

/* libxlsxwriter's message for e, in our style: lower case, no full stop. */
static const char *
xlmsg(lxw_error e)
{
	static char buf[256];
	size_t n;

	snprintf(buf, sizeof(buf), "%s", lxw_strerror(e));
	n = strlen(buf);
	if (n > 0 && buf[n - 1] == '.')
		buf[--n] = '\0';
	if (buf[0] >= 'A' && buf[0] <= 'Z' && !(buf[1] >= 'A' && buf[1] <= 'Z'))
		buf[0] += 'a' - 'A';
	return buf;
}

static _Noreturn void
xlfail(const char *what, lxw_error e)
{
	diag_fatal(e == LXW_ERROR_MEMORY_MALLOC_FAILED ? EX_OSERR : EX_SOFTWARE,
	    "%s: %s", what, xlmsg(e));
}

/* A row was left out or changed: exit 1, unless an input was missing. */
static void
set_rejects(struct book *b)
{
	if (b->status == 0)
		b->status = 1;
}

/*
 * A copy of s that is valid UTF-8 of at most max characters, since
 * libxlsxwriter writes strings into the XML as they are.
 */
static char *
utf8_dup(const char *s, size_t max)
{
	size_t n = strlen(s);
	char *d = xmalloc(3 * n + 1);
	int trunc;

	utf8_fix(s, n, d, max, &trunc);
	return d;
}

/* Splits a comma-separated list of names onto *list. */
static void
add_names(char ***list, size_t *n, const char *arg)
{
	const char *p = arg, *c;

	for (;;) {
		c = strchr(p, ',');
		if (c == NULL)
			c = p + strlen(p);
		if (c == p)
			cli_badarg(&cli, "empty column name in '%s'", arg);
		*list = xreallocarray(*list, *n + 1, sizeof(**list));
		(*list)[(*n)++] = xstrndup(p, (size_t)(c - p));
		if (*c == '\0')
			break;
		p = c + 1;
	}
}

/* Index of name in list, or -1. */
static long
list_index(char **list, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(list[i], name) == 0)
			return (long)i;
	return -1;
}

static int
in_list(char **list, size_t n, const char *name)
{
	return list_index(list, n, name) != -1;
}

/* SHEET:TYPE:X_COL:Y_COL[,Y_COL...][:TITLE] */
static void
parse_chart(struct opts *o, const char *arg)
{
	struct chart_spec c;
	char *s = xstrdup(arg), *part[4], *p = s, *colon;
	int i;

	memset(&c, 0, sizeof(c));
	for (i = 0; i < 4; i++) {
		part[i] = p;
		colon = strchr(p, ':');
		if (colon == NULL) {
			if (i < 3)
				cli_badarg(&cli, "--chart: expected "
				    "SHEET:TYPE:X_COL:Y_COL[,Y_COL...][:TITLE]");
			p = NULL;
			break;
		}
		*colon = '\0';
		p = colon + 1;
	}
	if (*part[0] == '\0' || *part[2] == '\0' || *part[3] == '\0')
		cli_badarg(&cli, "--chart: empty sheet or column name");
	if (strcmp(part[1], "line") == 0)
		c.type = LXW_CHART_LINE;
	else if (strcmp(part[1], "column") == 0)
		c.type = LXW_CHART_COLUMN;
	else if (strcmp(part[1], "bar") == 0)
		c.type = LXW_CHART_BAR;
	else
		cli_badarg(&cli, "--chart: type must be line, column or bar");
	c.spec = xstrdup(arg);
	c.sheet = xstrdup(part[0]);
	c.x = xstrdup(part[2]);
	add_names(&c.y, &c.ny, part[3]);
	c.title = p != NULL && *p != '\0' ? utf8_dup(p, 255) : NULL;
	free(s);
	o->charts = xreallocarray(o->charts, o->ncharts + 1,
	    sizeof(*o->charts));
	o->charts[o->ncharts++] = c;
}

/*
 * Splits an operand into the sheet name wanted and the file: NAME=FILE
 * when there is an '=' with no '/' before it and the whole operand is
 * not an existing file; else the file's base name without its
 * extension ("stdin" for -).
 */
static char *
operand_name(const char *arg, const char **file)
{
	const char *eq = strchr(arg, '='), *slash, *base, *dot;

	if (eq != NULL && eq > arg && memchr(arg, '/', (size_t)(eq - arg)) ==
	    NULL && access(arg, F_OK) != 0) {
		*file = eq + 1;
		return xstrndup(arg, (size_t)(eq - arg));
	}
	*file = arg;
	if (strcmp(arg, "-") == 0)
		return xstrdup("stdin");
	slash = strrchr(arg, '/');
	base = slash != NULL ? slash + 1 : arg;
	dot = strrchr(base, '.');
	if (dot == NULL || dot == base)
		return xstrdup(base);
	return xstrndup(base, (size_t)(dot - base));
}

static lxw_format *
format_for(struct book *b, const char *numfmt)
{
	struct fmtcache *c = &b->fmts;
	size_t i;

	if (numfmt == NULL)
		return NULL;
	for (i = 0; i < c->n; i++)
		if (c->key[i] == numfmt)
			return c->fmt[i];
	for (i = 0; i < c->n; i++)
		if (strcmp(c->key[i], numfmt) == 0)
			return c->fmt[i];
	if (c->n == sizeof(c->key) / sizeof(c->key[0]))
		diag_fatal(EX_SOFTWARE, "too many number formats");
	c->key[c->n] = numfmt;
	if ((c->fmt[c->n] = workbook_add_format(b->wb)) == NULL)
		diag_fatal(EX_OSERR, "out of memory");
	format_set_num_format(c->fmt[c->n], numfmt);
	return c->fmt[c->n++];
}

static void
grow_cols(struct book *b, size_t n)
{
	size_t i;

	if (n <= b->ncols)
		return;
	if (n > b->capcols) {
		b->capcols = n + 16;
		b->cols = xreallocarray(b->cols, b->capcols, sizeof(*b->cols));
	}
	for (i = b->ncols; i < n; i++) {
		memset(&b->cols[i], 0, sizeof(b->cols[i]));
		ct_col_init(&b->cols[i].ev, NULL, CT_FORCE_NONE);
		b->cols[i].def.type = CT_COL_GENERAL;
	}
	b->ncols = n;
}

/* Starts a sheet (the first part or a continuation) and writes its header. */
static void
start_sheet(struct book *b, struct csvr *r, const char *name)
{
	lxw_error e;
	size_t i;

	if ((b->ws = workbook_add_worksheet(b->wb, name)) == NULL)
		diag_fatal(EX_SOFTWARE, "%s: cannot add sheet", b->file);
	b->parts++;
	b->row = 0;
	if (r == NULL || b->nheader == 0)
		return;
	for (i = 0; i < b->nheader; i++) {
		const char *raw = csvr_colname(r, i);
		char *h = utf8_dup(raw, XL_CELL_CHARS);

		if (b->parts == 1 && strcmp(h, raw) != 0) {
			diag_at(b->file, 1, "name of column %zu not valid "
			    "UTF-8 or too long: written changed", i + 1);
			set_rejects(b);
		}

		e = worksheet_write_string(b->ws, 0, (lxw_col_t)i, h, b->bold);
		free(h);
		if (e != LXW_NO_ERROR)
			xlfail(b->file, e);
	}
	b->row = 1;
	worksheet_freeze_panes(b->ws, 1, 0);
}

/* 1 when name, without regard to ASCII case, is in seen; add adds it. */
static int
seen_folded(struct hmap *seen, const char *name, int add)
{
	size_t n = strlen(name), i;
	char *f = xmalloc(n + 1);
	int had;

	for (i = 0; i < n; i++)
		f[i] = name[i] >= 'A' && name[i] <= 'Z' ?
		    (char)(name[i] - 'A' + 'a') : name[i];
	had = hmap_slot(seen, f, n, add, NULL) != NULL && !add;
	free(f);
	return had;
}

/*
 * Makes the current sheet an Excel table.  Excel wants table column
 * names non-empty, unique without regard to case and at most 255
 * characters: others are renamed, with a note.
 */
static lxw_error
add_table(struct book *b, lxw_row_t last, lxw_col_t lastc)
{
	lxw_table_column **tc = xcalloc(b->ncols + 1, sizeof(*tc));
	lxw_table_column *cols = xcalloc(b->ncols, sizeof(*cols));
	char **names = xcalloc(b->ncols, sizeof(*names));
	struct hmap *seen = hmap_new();
	lxw_table_options to;
	lxw_error e;
	size_t i;
	int renamed = 0, trunc;

	for (i = 0; i < b->ncols; i++) {
		const char *h = b->cols[i].name != NULL ? b->cols[i].name : "";
		char empty[32];
		size_t n, k;
		char *name;

		if (*h == '\0') {
			snprintf(empty, sizeof(empty), "Column%zu", i + 1);
			h = empty;
			renamed = 1;
		}
		n = strlen(h);
		name = xmalloc(3 * n + 32);
		utf8_fix(h, n, name, 255, &trunc);
		renamed |= trunc;
		for (k = 2; seen_folded(seen, name, 0); k++) {
			utf8_fix(h, n, name, 250, &trunc);
			sprintf(name + strlen(name), "%zu", k);
			renamed = 1;
		}
		seen_folded(seen, name, 1);
		names[i] = name;
		cols[i].header = name;
		tc[i] = &cols[i];
	}
	if (renamed)
		diag_at(b->file, 0, "table column names made non-empty, "
		    "unique and at most 255 characters");
	memset(&to, 0, sizeof(to));
	to.columns = tc;
	to.style_type = LXW_TABLE_STYLE_TYPE_MEDIUM;
	to.style_type_number = 2;
	e = worksheet_add_table(b->ws, 0, 0, last, lastc, &to);
	for (i = 0; i < b->ncols; i++)
		free(names[i]);
	free(names);
	free(cols);
	free(tc);
	hmap_free(seen);
	return e;
}

/* Sets widths and the autofilter or table of the current sheet. */
static void
finish_sheet(struct book *b)
{
	lxw_error e;
	size_t i;

	if (b->ws == NULL)
		return;
	for (i = 0; i < b->ncols; i++) {
		size_t w = b->cols[i].width + 2;

		if (w < WIDTH_MIN)
			w = WIDTH_MIN;
		if (w > WIDTH_MAX)
			w = WIDTH_MAX;
		e = worksheet_set_column(b->ws, (lxw_col_t)i, (lxw_col_t)i,
		    (double)w, NULL);
		if (e != LXW_NO_ERROR)
			xlfail(b->file, e);
	}
	if (b->nheader > 0) {
		lxw_row_t last = b->row > 1 ? (lxw_row_t)(b->row - 1) : 0;
		lxw_col_t lastc = (lxw_col_t)(b->ncols - 1);

		if (b->o->table && b->row > 1)
			e = add_table(b, last, lastc);
		else
			e = worksheet_autofilter(b->ws, 0, 0, last, lastc);
		if (e != LXW_NO_ERROR)
			xlfail(b->file, e);
	}
	b->ws = NULL;
}

/* Width a written value takes, in characters. */
static size_t
value_width(const struct ct_cell *c, const char *p, size_t n)
{
	size_t w;

	if (c->how == CT_WRITE_TEXT)
		return ct_width(p, n, WIDTH_MAX);
	if (c->format == NULL)
		return n;
	if (strchr(c->format, 'y') != NULL)
		return strlen(c->format);
	w = n + n / 3;		/* thousands separators */
	if (strchr(c->format, '%') != NULL)
		w += 2;
	return w;
}

/* Writes one data row; fields past the header make columns of their own. */
static void
write_row(struct book *b, struct csvr *r, const struct field *f, size_t nf,
    unsigned long line)
{
	size_t i;
	lxw_error e = LXW_NO_ERROR;

	if (b->row == XL_ROWS) {
		const char *name;

		finish_sheet(b);
		name = sheetnames_add(b->names, b->base, NULL);
		diag_at(b->file, line, "more rows than a sheet holds: rows "
		    "from here continue on sheet '%s'", name);
		start_sheet(b, r, name);
	}
	if (nf > b->nheader && nf != b->ncols) {
		if (nf > XL_COLS)
			diag_fatal_at(EX_DATAERR, b->file, line,
			    "%zu fields, more than a sheet holds (%lu)", nf,
			    XL_COLS);
		grow_cols(b, nf);
	}
	if (nf != b->nheader && b->nheader > 0) {
		if (b->ragged++ == 0)
			b->first_ragged = line;
	}
	for (i = 0; i < nf; i++) {
		struct column *col = &b->cols[i];
		const char *p = f[i].p;
		size_t n = f[i].n, w;
		struct ct_cell cell;
		int trunc;

		if (n == 0)
			continue;
		/*
		 * The reader has refused rows that are not UTF-8 or hold a
		 * NUL byte; only text too long for a cell is left to cut
		 * (at a character boundary).
		 */
		if (n > XL_CELL_CHARS) {
			if (3 * n + 1 > b->capscratch) {
				b->capscratch = 3 * n + 1;
				b->scratch = xrealloc(b->scratch, b->capscratch);
			}
			n = utf8_fix(p, n, b->scratch, XL_CELL_CHARS,
			    &trunc);
			p = b->scratch;
			if (trunc && b->long_text++ == 0)
				b->first_long_text = line;
		}
		switch (ct_cell(&col->def, p, n, &cell)) {
		case CT_WRITE_NUMBER:
			e = worksheet_write_number(b->ws, (lxw_row_t)b->row,
			    (lxw_col_t)i, cell.num, format_for(b, cell.format));
			break;
		case CT_WRITE_TEXT:
			e = worksheet_write_string(b->ws, (lxw_row_t)b->row,
			    (lxw_col_t)i, p, format_for(b, cell.format));
			break;
		case CT_WRITE_BLANK:
			continue;
		}
		if (e != LXW_NO_ERROR)
			diag_fatal_at(EX_SOFTWARE, b->file, line, "%s",
			    xlmsg(e));
		if (n + n / 3 + 2 > col->width &&
		    (w = value_width(&cell, p, n)) > col->width)
			col->width = w;
	}
	b->row++;
	if (b->parts == 1)
		b->first_rows++;
}

static void
sample_add(struct sample *s, struct csvr *r)
{
	size_t i, nf = csvr_nfields(r);

	if (s->nrows == s->caprows) {
		s->caprows = s->caprows ? 2 * s->caprows : 64;
		s->rows = xreallocarray(s->rows, s->caprows, sizeof(*s->rows));
	}
	s->rows[s->nrows].first = s->nfields;
	s->rows[s->nrows].n = nf;
	s->rows[s->nrows].line = csvr_line(r);
	s->nrows++;
	for (i = 0; i < nf; i++) {
		size_t n = csvr_fieldlen(r, i);

		if (s->nfields == s->capfields) {
			s->capfields = s->capfields ? 2 * s->capfields : 256;
			s->fields = xreallocarray(s->fields, s->capfields,
			    sizeof(*s->fields));
		}
		if (s->nbytes + n + 1 > s->capbytes) {
			while (s->nbytes + n + 1 > s->capbytes)
				s->capbytes = s->capbytes ? 2 * s->capbytes :
				    65536;
			s->bytes = xrealloc(s->bytes, s->capbytes);
		}
		memcpy(s->bytes + s->nbytes, csvr_field(r, i), n);
		s->fields[s->nfields].off = s->nbytes;
		s->fields[s->nfields].n = n;
		s->nfields++;
		s->nbytes += n;
		s->bytes[s->nbytes++] = '\0';	/* libxlsxwriter wants C strings */
	}
}

static void
row_room(struct book *b, size_t n)
{
	if (n > b->caprow) {
		b->caprow = n + 16;
		b->row_fields = xreallocarray(b->row_fields, b->caprow,
		    sizeof(*b->row_fields));
	}
}

/*
 * Reads the next good record: returns CSVR_RECORD or CSVR_EOF; a bad
 * record is left out with a message; a read error is fatal.
 */
static int
next_record(struct book *b, struct csvr *r)
{
	int rc;

	while ((rc = csvr_next(r)) == CSVR_RECORD) {
		if (csvr_recerr(r) == CSVR_OK)
			return rc;
		diag_at(b->file, csvr_line(r), "%s: row left out",
		    csvr_recerr_str(csvr_recerr(r)));
		set_rejects(b);
	}
	if (rc == CSVR_ERROR)
		diag_fatal_at(EX_DATAERR, b->file, csvr_error_line(r), "%s",
		    csvr_error(r));
	return rc;
}

static void
notes(struct book *b)
{
	if (b->ragged > 0)
		diag_at(b->file, b->first_ragged, "%lu row%s with another "
		    "number of fields than the header (first here); written "
		    "as they are", b->ragged, b->ragged == 1 ? "" : "s");
	if (b->long_text > 0) {
		diag_at(b->file, b->first_long_text, "%lu value%s longer "
		    "than a cell holds (first here); cut to %d characters",
		    b->long_text, b->long_text == 1 ? "" : "s", XL_CELL_CHARS);
		set_rejects(b);
	}
}

/* Checks that the charts on this sheet name columns it has. */
static void
check_chart_columns(struct book *b, const struct written *w)
{
	size_t i, j;

	for (i = 0; i < b->o->ncharts; i++) {
		const struct chart_spec *c = &b->o->charts[i];

		if (strcmp(c->sheet, w->want) != 0 &&
		    strcmp(c->sheet, w->name) != 0)
			continue;
		if (!in_list(w->cols, w->ncols, c->x))
			diag_fatal(EX_USAGE, "--chart %s: %s has no column "
			    "'%s'", c->spec, b->file, c->x);
		for (j = 0; j < c->ny; j++)
			if (!in_list(w->cols, w->ncols, c->y[j]))
				diag_fatal(EX_USAGE, "--chart %s: %s has no "
				    "column '%s'", c->spec, b->file, c->y[j]);
	}
}

/* The sheet name for an operand, with a note on what Excel's rules changed. */
static const char *
sheet_name(struct sheetnames *names, const char *want, const char *file)
{
	int changes;
	const char *name = sheetnames_add(names, want, &changes);

	if (strcmp(file, "-") == 0)
		file = "<stdin>";
	if (changes & SHEETNAME_TRUNCATED)
		diag_at(file, 0, "sheet name cut to %d characters: '%s'",
		    SHEETNAME_MAX, name);
	if (changes & SHEETNAME_REPLACED)
		diag_at(file, 0, "characters Excel does not allow in a "
		    "sheet name replaced: '%s'", name);
	if (changes & SHEETNAME_EMPTY)
		diag_at(file, 0, "empty sheet name: named '%s'", name);
	if (changes & SHEETNAME_RENAMED)
		diag_at(file, 0, "sheet name already in use: named '%s'",
		    name);
	return name;
}

/* Writes one input as a sheet (and its continuations). */
static void
write_input(struct book *b, char *want, const char *name, const char *path)
{
	/* Like every other program: a row that is not UTF-8 is left out. */
	static const struct csvr_opts ropts = { .delim = 0 };
	struct csvr *r;
	struct sample s;
	struct written *w;
	size_t i, j;
	int rc;

	if ((r = csvr_open(path, &ropts)) == NULL) {
		diag_warn("%s: %s", path, strerror(errno));
		b->status = EX_NOINPUT;
		free(want);
		return;
	}
	b->file = csvr_name(r);
	memset(&s, 0, sizeof(s));
	b->ncols = b->nheader = 0;
	b->parts = 0;
	b->first_rows = 0;
	b->long_text = b->ragged = 0;
	b->base = name;

	rc = csvr_header(r);
	if (rc == CSVR_ERROR)
		diag_fatal_at(EX_DATAERR, b->file, csvr_error_line(r), "%s",
		    csvr_error(r));
	if (rc == CSVR_RECORD) {
		b->nheader = csvr_ncols(r);
		if (b->nheader > XL_COLS)
			diag_fatal_at(EX_DATAERR, b->file, 1, "%zu columns, "
			    "more than a sheet holds (%lu)", b->nheader,
			    XL_COLS);
		grow_cols(b, b->nheader);
		for (i = 0; i < b->nheader; i++) {
			const char *h = csvr_colname(r, i);
			long t = list_index(b->o->text, b->o->ntext, h);
			long pc = list_index(b->o->percent, b->o->npercent, h);
			enum ct_force f = t != -1 ? CT_FORCE_TEXT :
			    pc != -1 ? CT_FORCE_PERCENT : CT_FORCE_NONE;

			if (t != -1)
				b->text_seen[t] = 1;
			if (pc != -1)
				b->percent_seen[pc] = 1;

			b->cols[i].name = h;
			ct_col_init(&b->cols[i].ev, h, f);
			b->cols[i].width = ct_width(h, strlen(h), WIDTH_MAX) + 2;
		}
	} else
		diag_at(b->file, 0, "empty input: empty sheet '%s'", name);

	b->done = xreallocarray(b->done, b->ndone + 1, sizeof(*b->done));
	w = &b->done[b->ndone++];
	memset(w, 0, sizeof(*w));
	w->want = want;
	w->name = name;
	w->ncols = b->nheader;
	w->cols = xcalloc(b->nheader + 1, sizeof(*w->cols));
	for (i = 0; i < b->nheader; i++)
		w->cols[i] = xstrdup(csvr_colname(r, i));
	check_chart_columns(b, w);

	start_sheet(b, rc == CSVR_RECORD ? r : NULL, name);
	w->ws = b->ws;
	if (rc != CSVR_RECORD)
		goto done;

	/* The sample: the first rows decide the column types. */
	while (s.nrows < SAMPLE_ROWS && s.nbytes < SAMPLE_BYTES &&
	    (rc = next_record(b, r)) == CSVR_RECORD)
		sample_add(&s, r);
	for (i = 0; i < s.nrows; i++)
		for (j = 0; j < s.rows[i].n && j < b->nheader; j++) {
			const struct sfield *f = &s.fields[s.rows[i].first + j];

			ct_col_add(&b->cols[j].ev, s.bytes + f->off, f->n);
		}
	for (i = 0; i < b->nheader; i++)
		b->cols[i].def = ct_col_decide(&b->cols[i].ev);
	for (i = 0; i < s.nrows; i++) {
		row_room(b, s.rows[i].n);
		for (j = 0; j < s.rows[i].n; j++) {
			const struct sfield *f = &s.fields[s.rows[i].first + j];

			b->row_fields[j].p = s.bytes + f->off;
			b->row_fields[j].n = f->n;
		}
		write_row(b, r, b->row_fields, s.rows[i].n, s.rows[i].line);
	}
	free(s.bytes);
	free(s.fields);
	free(s.rows);

	/* The rest, streamed. */
	while (rc == CSVR_RECORD && (rc = next_record(b, r)) == CSVR_RECORD) {
		size_t nf = csvr_nfields(r);

		row_room(b, nf);
		for (j = 0; j < nf; j++) {
			b->row_fields[j].p = csvr_field(r, j);
			b->row_fields[j].n = csvr_fieldlen(r, j);
		}
		write_row(b, r, b->row_fields, nf, csvr_line(r));
	}
done:
	finish_sheet(b);
	w->rows = b->first_rows;
	notes(b);
	csvr_close(r);
}

static struct written *
find_written(struct book *b, const char *sheet)
{
	size_t i;

	for (i = 0; i < b->ndone; i++)
		if (strcmp(b->done[i].want, sheet) == 0)
			return &b->done[i];
	for (i = 0; i < b->ndone; i++)
		if (strcmp(b->done[i].name, sheet) == 0)
			return &b->done[i];
	return NULL;
}

static size_t
col_index(const struct written *w, const char *name)
{
	size_t i;

	for (i = 0; i < w->ncols; i++)
		if (strcmp(w->cols[i], name) == 0)
			return i;
	return 0;
}

static void
add_charts(struct book *b)
{
	size_t i, j;

	for (i = 0; i < b->o->ncharts; i++) {
		const struct chart_spec *c = &b->o->charts[i];
		struct written *w = find_written(b, c->sheet);
		lxw_chart *ch;
		lxw_row_t last;
		lxw_col_t x;
		lxw_error e;

		if (w == NULL)
			continue;	/* its input could not be opened */
		if (w->rows == 0) {
			diag_warn("--chart %s: sheet '%s' has no rows: no "
			    "chart", c->spec, w->name);
			continue;
		}
		if ((ch = workbook_add_chart(b->wb, c->type)) == NULL)
			diag_fatal(EX_OSERR, "out of memory");
		last = (lxw_row_t)w->rows;
		x = (lxw_col_t)col_index(w, c->x);
		for (j = 0; j < c->ny; j++) {
			lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
			lxw_col_t y = (lxw_col_t)col_index(w, c->y[j]);

			if (se == NULL)
				diag_fatal(EX_OSERR, "out of memory");
			chart_series_set_categories(se, w->name, 1, x, last, x);
			chart_series_set_values(se, w->name, 1, y, last, y);
			chart_series_set_name_range(se, w->name, 0, y);
		}
		if (c->title != NULL)
			chart_title_set_name(ch, c->title);
		if (c->ny == 1 && c->title == NULL)
			chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
		e = worksheet_insert_chart(w->ws,
		    (lxw_row_t)(1 + CHART_ROWS * w->charts),
		    (lxw_col_t)(w->ncols + 1), ch);
		if (e != LXW_NO_ERROR)
			xlfail(c->spec, e);
		w->charts++;
	}
}

/*
 * ZIP64 lets a sheet's XML pass 4 GB, but some readers warn about it:
 * it is used only for an input of 512 MiB or more (the XML is about
 * four to five times the CSV).
 */
static int
needs_zip64(const char **files, size_t n)
{
	struct stat st;
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(files[i], "-") != 0 && stat(files[i], &st) == 0 &&
		    st.st_size >= ((off_t)512 << 20))
			return LXW_TRUE;
	return LXW_FALSE;
}

/* Closes the workbook, reporting libxlsxwriter's error as ours. */
static void
close_workbook(struct book *b, const char *outname)
{
	lxw_error e;
	int saved = dup(STDERR_FILENO), null, err;

	/* libxlsxwriter prints its own lines, naming the temporary file. */
	if (saved != -1 && (null = open("/dev/null", O_WRONLY)) != -1) {
		fflush(stderr);
		dup2(null, STDERR_FILENO);
		close(null);
	}
	errno = 0;
	e = workbook_close(b->wb);
	err = errno;
	b->wb = NULL;
	if (saved != -1) {
		fflush(stderr);
		dup2(saved, STDERR_FILENO);
		close(saved);
	}
	if (e == LXW_NO_ERROR)
		return;
	if (e == LXW_ERROR_CREATING_XLSX_FILE || e == LXW_ERROR_CREATING_TMPFILE)
		diag_fatal(EX_CANTCREAT, "%s: %s%s%s", outname, xlmsg(e),
		    err ? ": " : "", err ? strerror(err) : "");
	if (e == LXW_ERROR_MEMORY_MALLOC_FAILED)
		diag_fatal(EX_OSERR, "out of memory");
	diag_fatal(EX_IOERR, "%s: %s%s%s", outname, xlmsg(e),
	    err ? ": " : "", err ? strerror(err) : "");
}

static void
free_all(struct book *b, struct opts *o)
{
	size_t i, j;

	for (i = 0; i < b->ndone; i++) {
		for (j = 0; j < b->done[i].ncols; j++)
			free(b->done[i].cols[j]);
		free(b->done[i].cols);
		free(b->done[i].want);
	}
	free(b->done);
	free(b->text_seen);
	free(b->percent_seen);
	free(b->cols);
	free(b->row_fields);
	free(b->scratch);
	sheetnames_free(b->names);
	for (i = 0; i < o->ncharts; i++) {
		struct chart_spec *c = &o->charts[i];

		for (j = 0; j < c->ny; j++)
			free(c->y[j]);
		free(c->y);
		free(c->spec);
		free(c->sheet);
		free(c->x);
		free(c->title);
	}
	free(o->charts);
	free(o->author);
	free(o->title);
	for (i = 0; i < o->npercent; i++)
		free(o->percent[i]);
	free(o->percent);
	for (i = 0; i < o->ntext; i++)
		free(o->text[i]);
	free(o->text);
}

int
main(int argc, char *argv[])
{
	struct opts o;
	struct book b;
	struct outfile *out;
	lxw_workbook_options wo;
	lxw_doc_properties props;
	const char *stdin_only[] = { "-" };
	const char **args;
	char **wants;
	const char **files, **names;
	size_t i, j;
	int ch, nargs;

	diag_setprog(argv[0]);
	memset(&o, 0, sizeof(o));
	while ((ch = getopt_long(argc, argv, "ho:", longopts, NULL)) != -1) {
		if (cli_common(&cli, ch, optarg))
			continue;
		switch (ch) {
		case OPT_AUTHOR:
			free(o.author);
			o.author = utf8_dup(optarg, 255);
			break;
		case OPT_CHART:
			parse_chart(&o, optarg);
			break;
		case OPT_PERCENT:
			add_names(&o.percent, &o.npercent, optarg);
			break;
		case OPT_TABLE:
			o.table = 1;
			break;
		case OPT_TEXT:
			add_names(&o.text, &o.ntext, optarg);
			break;
		case OPT_TITLE:
			free(o.title);
			o.title = utf8_dup(optarg, 255);
			break;
		default:
			cli_usage(&cli);
		}
	}
	argc -= optind;
	argv += optind;
	if (cli.out == NULL || strcmp(cli.out, "-") == 0)
		cli_badarg(&cli, "-o FILE is required: a workbook is not "
		    "written to standard output");
	args = argc > 0 ? (const char **)argv : stdin_only;
	nargs = argc > 0 ? argc : 1;

	memset(&b, 0, sizeof(b));
	b.o = &o;
	b.names = sheetnames_new();
	wants = xcalloc((size_t)nargs, sizeof(*wants));
	files = xcalloc((size_t)nargs, sizeof(*files));
	names = xcalloc((size_t)nargs, sizeof(*names));
	for (i = 0; i < (size_t)nargs; i++) {
		wants[i] = operand_name(args[i], &files[i]);
		names[i] = sheet_name(b.names, wants[i], files[i]);
	}
	for (i = 0; i < o.ncharts; i++) {
		for (j = 0; j < (size_t)nargs; j++)
			if (strcmp(o.charts[i].sheet, wants[j]) == 0 ||
			    strcmp(o.charts[i].sheet, names[j]) == 0)
				break;
		if (j == (size_t)nargs)
			cli_badarg(&cli, "--chart %s: no sheet named '%s'",
			    o.charts[i].spec, o.charts[i].sheet);
	}

	{
		struct out_use *u = xcalloc((size_t)nargs + 1, sizeof(*u));

		u[0] = (struct out_use){ "-o", cli.out, OUT_OUT };
		for (i = 0; i < (size_t)nargs; i++)
			u[i + 1] = (struct out_use){ "input", files[i],
			    OUT_IN };
		out_distinct(u, (size_t)nargs + 1);
		free(u);
	}
	out = out_open_named(cli.out);
	memset(&wo, 0, sizeof(wo));
	wo.constant_memory = o.table ? LXW_FALSE : LXW_TRUE;
	wo.use_zip64 = needs_zip64(files, (size_t)nargs);
	if ((b.wb = workbook_new_opt(out_path(out), &wo)) == NULL)
		diag_fatal(EX_CANTCREAT, "%s: cannot create workbook",
		    cli.out);
	if ((b.bold = workbook_add_format(b.wb)) == NULL)
		diag_fatal(EX_OSERR, "out of memory");
	format_set_bold(b.bold);
	if (o.title != NULL || o.author != NULL ||
	    getenv("SOURCE_DATE_EPOCH") != NULL) {
		const char *sde = getenv("SOURCE_DATE_EPOCH");
		lxw_error e;

		memset(&props, 0, sizeof(props));
		props.title = o.title;
		props.author = o.author;
		if (sde != NULL)
			props.created = (time_t)strtoll(sde, NULL, 10);
		if ((e = workbook_set_properties(b.wb, &props)) != LXW_NO_ERROR)
			xlfail("document properties", e);
	}

	b.text_seen = xcalloc(o.ntext + 1, 1);
	b.percent_seen = xcalloc(o.npercent + 1, 1);
	for (i = 0; i < (size_t)nargs; i++)
		write_input(&b, wants[i], names[i], files[i]);
	for (i = 0; i < o.ntext; i++)
		if (!b.text_seen[i])
			diag_warn("--text %s: no input has that column",
			    o.text[i]);
	for (i = 0; i < o.npercent; i++)
		if (!b.percent_seen[i])
			diag_warn("--percent %s: no input has that column",
			    o.percent[i]);
	add_charts(&b);
	if (b.ndone == 0) {
		/* A workbook needs a sheet: the inputs could not be read. */
		start_sheet(&b, NULL, sheetnames_add(b.names, "Sheet", NULL));
		b.ws = NULL;
	}
	close_workbook(&b, cli.out);
	if (b.status == 1 && cli.strict)
		b.status = EX_DATAERR;
	free(wants);
	free(files);
	free(names);
	free_all(&b, &o);
	return out_close(out, b.status);
}
