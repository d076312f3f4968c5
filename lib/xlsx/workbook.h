/*
 * The workbook of vawg-xlsx: CSV files in, one XLSX workbook out.  Each
 * input becomes a sheet with a bold, frozen header row, an autofilter
 * (or an Excel table), fitted column widths and typed cells (see
 * celltype.h), one number format per column; charts are drawn from a
 * sheet's columns.  Rows are streamed to libxlsxwriter in constant-
 * memory mode, so memory holds one row plus the first rows of each
 * input, from which the column types are decided; more rows than a
 * sheet holds continue on numbered continuation sheets.
 */
#ifndef VAWG_WORKBOOK_H
#define VAWG_WORKBOOK_H

#include <stddef.h>

enum xlsx_chart_type { XLSX_CHART_LINE, XLSX_CHART_COLUMN, XLSX_CHART_BAR };

/* --chart SHEET:TYPE:X_COL:Y_COL[,Y_COL...][:TITLE] */
struct xlsx_chart {
	char *spec;		/* the argument, for messages */
	char *sheet;
	enum xlsx_chart_type type;
	char *x;
	char **y;
	size_t ny;
	char *title;		/* NULL: none */
};

/* --format COL:KIND (a kind of celltype.h, or "scale"). */
struct xlsx_format {
	char *col;
	int force;		/* enum ct_force; -1: none */
	int scale;		/* a three-colour scale over the column */
};

/* --target SHEET:COL:VALUE */
struct xlsx_target {
	char *spec, *sheet, *col;
	double value;
};

/* --sparkline SHEET[:DATA_SHEET] */
struct xlsx_spark {
	char *spec, *sheet, *data;	/* data NULL: the row's own cells */
};

/* --print: page setup of every sheet. */
struct xlsx_print {
	int on;
	int portrait;		/* else landscape */
	int fit_width;		/* one page wide */
	char *marking;		/* header text; NULL: none */
};

struct xlsx_opts {
	char *author, *title;	/* document properties, NULL: none */
	int table;		/* each sheet an Excel table */
	char **percent, **text;	/* columns shown as percentages, as text */
	size_t npercent, ntext;
	char **scale;		/* a colour scale over COL or FIRST..LAST */
	size_t nscale;
	struct xlsx_chart *charts;
	size_t ncharts;
	struct xlsx_format *formats;
	size_t nformats;
	struct xlsx_target *targets;
	size_t ntargets;
	struct xlsx_spark *sparks;
	size_t nsparks;
	struct xlsx_print print;
	const char *labels;	/* --labels FILE, NULL: none */
	const char *data;	/* --data FILE: the definitions' data section */
	const char *out;	/* the workbook's path */
	int strict;		/* a row left out fails the run (65) */
};

/* Frees what the lists and strings of o hold (allocated with lib/core's
 * xmalloc family). */
void xlsx_opts_free(struct xlsx_opts *o);

/*
 * A copy of s that is valid UTF-8 of at most max characters, since
 * libxlsxwriter writes strings into the XML as they are.
 */
char *xlsx_text_dup(const char *s, size_t max);

struct xlsx_book;

/*
 * A workbook of the operands args[0..nargs-1], each [NAME=]FILE: names
 * its sheets (with a note on stderr for each name Excel's rules
 * changed); nothing is read or written yet.
 */
struct xlsx_book *xlsx_book_new(const struct xlsx_opts *o,
    const char *const *args, size_t nargs);

/* The first chart of o naming a sheet the book has not, or NULL. */
const struct xlsx_chart *xlsx_book_chart_unplaced(const struct xlsx_book *b);

/* The spec of the first --target or --sparkline naming a sheet the book
 * has not (that name in *sheet), or NULL. */
const char *xlsx_book_unplaced(const struct xlsx_book *b, const char **sheet);

/*
 * Writes the workbook to o->out (atomically, see lib/core/outfile),
 * frees b and returns the exit status: 0, 1 when a row was left out or
 * changed (65 with o->strict), 66 when an input could not be opened.
 * An error that ends the run (a bad label table, a chart naming a
 * column its sheet has not, a workbook that cannot be written) returns
 * its code with err set (its message empty when it was said already),
 * nothing written; out of memory exits.
 */
struct vawg_err;
int xlsx_book_write(struct xlsx_book *b, struct vawg_err *err);

#endif
