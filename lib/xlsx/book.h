/*
 * The state of a workbook being built, shared by workbook.c (the book,
 * its operands and charts) and sheet.c (one input written as a sheet).
 * Internal to lib/xlsx.
 */
#ifndef VAWG_XLSX_BOOK_H
#define VAWG_XLSX_BOOK_H

#include <stddef.h>

#include <xlsxwriter.h>

#include "core/csvio.h"
#include "core/err.h"
#include "core/outfile.h"
#include "xlsx/celltype.h"
#include "xlsx/labels.h"
#include "xlsx/sheetname.h"
#include "xlsx/workbook.h"

/* Excel's limits. */
#define XL_ROWS 1048576UL	/* rows in a sheet, the header included */
#define XL_COLS 16384UL
#define XL_CELL_CHARS 32767

/* Column widths, in characters. */
#define WIDTH_MIN 6
#define WIDTH_MAX 60

/* One column of the sheet being written. */
struct column {
	const char *name;	/* NULL past the header */
	char *heading;		/* shown in the header row (NULL: name) */
	int scale;		/* --format COL:scale */
	int interval;		/* a _lower or _upper column (--labels) */
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
	size_t target0;		/* first target column (past the data) */
	size_t ntargets;	/* its --target columns, in option order */
	long spark_col;		/* the trend column, or -1 */
	char **keys;		/* first values of its rows, for sparklines */
	int measures;		/* its rows are measures (definitions) */
	int sheet_no;		/* its first sheet's number, from 1 */
	double px;		/* width of its shown columns, in pixels */
	size_t nkeys;
	size_t lastnum;		/* last data column (sparkline ranges) */
	struct ct_coldef *defs;	/* the columns' types, for chart axes */
	char **heads;		/* their headings */
};

/* A field of a row: a view into the reader or the sample buffer. */
struct field {
	const char *p;
	size_t n;
};

/* Number formats in use: libxlsxwriter formats by format string. */
struct fmtcache {
	const char *key[32];
	lxw_format *fmt[32];
	size_t n;
};

/* The workbook and the state of the sheet being written. */
struct xlsx_book {
	const struct xlsx_opts *o;
	lxw_workbook *wb;
	struct sheetnames *names;
	struct fmtcache fmts;
	lxw_format *bold;
	lxw_format *head;	/* bold, wrapped: headings with --labels */
	lxw_format *good, *bad;	/* conditional formats */
	lxw_format *warn;	/* outside an expected range */
	struct vawg_err *err;	/* the first error that ends the run */
	int nsheets;		/* sheets added so far */
	struct labels *labels;	/* --labels, NULL: none */
	char rundate[16];	/* YYYY-MM-DD, for the footer */
	struct written *done;
	size_t ndone;
	int status;
	unsigned char *text_seen, *percent_seen;	/* --text, --percent */
	unsigned char *format_seen;			/* --format */
	struct outfile *out;

	/* The operands: sheet names wanted and given, files. */
	char **wants;
	const char **files, **sheets;
	size_t nargs;

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
	struct written *w;	/* its record */
	int measure_rows;	/* first column "measure": kinds by row */
	size_t head_lines;	/* lines of the highest heading */
	unsigned long long_text, ragged;
	unsigned long first_long_text, first_ragged;
};

/* libxlsxwriter's message for e, in our style: lower case, no full stop. */
const char *xlsx_lxw_msg(lxw_error e);

/* The cell format of number format numfmt (a string that lives as long
 * as the book), made once; NULL for NULL. */
lxw_format *xlsx_format(struct xlsx_book *b, const char *numfmt);

/* Exits after "what: message" for a libxlsxwriter error. */
_Noreturn void xlsx_lxw_fail(const char *what, lxw_error e);

/* Index of name in list, or -1. */
long xlsx_list_index(char **list, size_t n, const char *name);

/* Checks that the charts on this sheet name columns it has (exits 64). */
void xlsx_check_chart_columns(struct xlsx_book *b, const struct written *w);

/* The targets of o that belong to sheet w, by index in o->targets. */
int xlsx_target_on(const struct xlsx_book *b, size_t t,
    const struct written *w);

/* 1 when target t has a column on w: a line chart plots its column. */
int xlsx_target_column(const struct xlsx_book *b, size_t t,
    const struct written *w);

/* 1 when w is named by a --sparkline as the sheet or the data. */
int xlsx_spark_on(const struct xlsx_book *b, const struct written *w,
    int as_data);

/* The Definitions sheet: each sheet's columns and measures with their
 * CSV names, headings, kinds and definitions (--labels). */
void xlsx_definitions(struct xlsx_book *b);

/* Adds the --sparkline sparklines to the closed workbook at path. */
int xlsx_sparklines(struct xlsx_book *b, const char *path);

/* Page setup of a sheet (--print). */
void xlsx_page_setup(struct xlsx_book *b, lxw_worksheet *ws);

/* Starts a sheet (the first part or a continuation) and writes its
 * header (none when r is NULL). */
void xlsx_start_sheet(struct xlsx_book *b, struct csvr *r, const char *name);

/*
 * Writes the input at path as sheet name (and its continuations);
 * want, the name asked for, is kept for the charts (and freed with the
 * book).  An input that cannot be opened is warned of (status 66).
 */
void xlsx_write_input(struct xlsx_book *b, char *want, const char *name,
    const char *path);

#endif
