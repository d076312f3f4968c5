/*
 * The Definitions sheet of vawg-xlsx (--labels): for each sheet, its
 * columns and (on a summary) its measures under their CSV names, so
 * that the CSV files and the workbook stay joinable, with the heading
 * shown, the kind, the definition and the source from the label
 * table; with --data, below them the data section (named "Definitions
 * and data" then): the rows of a CSV on the report's inputs (months
 * covered, rows read and rejected, key fields filled), its numbers
 * typed by their columns' kinds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csvio.h"
#include "core/diag.h"
#include "core/input.h"
#include "xlsx/book.h"

/* The kind a column was written as, in the label table's words. */
static const char *
kind_word(const struct ct_coldef *d)
{
	switch (d->type) {
	case CT_COL_TEXT:
		return "text";
	case CT_COL_INTEGER:
		return "count";
	case CT_COL_DECIMAL:
		return "number";
	case CT_COL_PERCENT:
		return d->points ? "percent" : "rate";
	case CT_COL_DATE:
	case CT_COL_DATETIME:
		return "date";
	case CT_COL_MONTH:
		return "month";
	case CT_COL_MONEY:
		return "money";
	default:
		return "";
	}
}

static const char *
force_word(int f)
{
	static const char *const w[] = { "", "text", "rate", "count",
	    "number", "percent", "date", "month", "money" };

	return f >= 0 && (size_t)f < sizeof(w) / sizeof(w[0]) ? w[f] : "";
}

/* The columns' widths (characters of '0'), and a line's height. */
#define DEF_NCOLS 6
#define DEF_LINE 15.0
static const double def_widths[DEF_NCOLS] = { 18, 34, 40, 10, 70, 45 };

/*
 * The lines a wrapped cell of text t takes in a column width wide: words
 * moved whole to the next line, a character of text taken as 0.9 of the
 * width's '0' (a proportional font's average), UTF-8 counted by
 * character.
 */
static size_t
def_lines(const char *t, double width)
{
	size_t room = (size_t)(width / 0.9), lines = 1, used = 0, word = 0;
	const unsigned char *p = (const unsigned char *)t;

	for (;; p++) {
		if (*p == '\0' || *p == ' ' || *p == '\n') {
			if (word > 0 && used > 0 && used + 1 + word > room) {
				lines++;
				used = word;
			} else if (word > 0)
				used += (used > 0) + word;
			while (used > room) {	/* a word longer than a line */
				lines++;
				used -= room;
			}
			word = 0;
			if (*p == '\n') {
				lines++;
				used = 0;
			}
			if (*p == '\0')
				return lines;
		} else if ((*p & 0xC0) != 0x80)
			word++;
	}
}

/* One row of the sheet: cells[0..n). */
static void
def_row(lxw_worksheet *ws, lxw_row_t row, const char *const *cells,
    lxw_col_t n, lxw_format *f)
{
	lxw_col_t c;
	lxw_error e;
	size_t lines = 1;

	for (c = 0; c < n; c++) {
		char *t = xlsx_text_dup(cells[c], XL_CELL_CHARS);
		size_t k = n > 1 && c < DEF_NCOLS ?
		    def_lines(t, def_widths[c]) : 1;

		if (k > lines)
			lines = k;
		e = worksheet_write_string(ws, row, c, t, f);
		free(t);
		if (e != LXW_NO_ERROR)
			xlsx_lxw_fail("definitions", e);
	}
	/* Spreadsheets do not size a wrapped row when they open a file
	   (LibreOffice draws the lines over the next rows): set it. */
	if (lines > 1)
		worksheet_set_row(ws, row, DEF_LINE * (double)lines, NULL);
}

/* Whether a column of the label table holds figures (counts, rates,
   numbers, money), written right-aligned. */
static int
is_figure(const struct label *l)
{
	return l != NULL && (l->force == CT_FORCE_PERCENT ||
	    l->force == CT_FORCE_COUNT || l->force == CT_FORCE_NUMBER ||
	    l->force == CT_FORCE_POINTS || l->force == CT_FORCE_MONEY);
}

/* One cell of the data section: a number in its column's kind (by
 * the label table), else text. */
static void
data_cell(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
    lxw_col_t col, const char *name, const char *p, size_t n)
{
	const struct label *l = labels_find(b->labels, name);
	struct ct_value v;
	enum ct_kind k = ct_classify(p, n, &v);
	const char *fmt = "#,##0";
	char *t;
	lxw_error e;

	if (n == 0)
		return;
	if (l != NULL && l->force != CT_FORCE_NONE)
		fmt = ct_force_format((enum ct_force)l->force);
	if ((k == CT_INTEGER || k == CT_DECIMAL) &&
	    (l == NULL || l->force != CT_FORCE_TEXT)) {
		e = worksheet_write_number(ws, row, col, v.num,
		    xlsx_format(b, fmt));
	} else {
		t = xlsx_text_dup(p, XL_CELL_CHARS);
		e = worksheet_write_string(ws, row, col, t, NULL);
		free(t);
	}
	if (e != LXW_NO_ERROR)
		xlsx_lxw_fail("definitions", e);
}

/*
 * The data section (--data FILE) from row *row on: a title, the file's
 * headings from the label table and its rows.
 */
static void
data_section(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t *row)
{
	static const struct csvr_opts ropts = { .delim = ',' };
	struct input in = { .check = INPUT_RECERR,
	    .reject_fmt = "%s: row left out" };
	const char *title = "Data: the inputs of the report";
	lxw_format *right;
	size_t i, nh;

	if (input_open(&in, b->o->data, &ropts) == -1) {
		b->status = EX_NOINPUT;
		return;
	}
	(*row)++;
	def_row(ws, (*row)++, &title, 1, b->bold);
	if (input_header(&in) <= 0) {
		if (in.err.code != 0 && b->err->code == 0)
			*b->err = in.err;
		input_close(&in);
		return;
	}
	nh = csvr_nfields(in.r);
	if ((right = workbook_add_format(b->wb)) != NULL) {
		format_set_bold(right);
		format_set_align(right, LXW_ALIGN_RIGHT);
	}
	for (i = 0; i < nh && i < XL_COLS; i++) {
		const char *name = csvr_colname(in.r, i);
		char *h = labels_heading(b->labels, name);

		/* A number's heading over it, in a column made for text. */
		worksheet_write_string(ws, *row, (lxw_col_t)i, h,
		    is_figure(labels_find(b->labels, name)) && right != NULL ?
		    right : b->bold);
		free(h);
	}
	(*row)++;
	while (input_next(&in) == CSVR_RECORD && *row < XL_ROWS) {
		for (i = 0; i < nh && i < csvr_nfields(in.r); i++) {
			size_t n;
			const char *p = csvr_field_n(in.r, i, &n);

			data_cell(b, ws, *row, (lxw_col_t)i,
			    csvr_colname(in.r, i), p, n);
		}
		(*row)++;
	}
	if (in.err.code != 0 && b->err->code == 0)
		*b->err = in.err;
	if (in.rejected > 0 && b->status == 0)
		b->status = 1;
	input_close(&in);
}

void
xlsx_definitions(struct xlsx_book *b)
{
	static const char *const head[] = { "Sheet", "CSV name", "Heading",
	    "Kind", "Definition", "Source" };
	const char *name = sheetnames_add(b->names, b->o->data != NULL ?
	    "Definitions and data" : "Definitions", NULL);
	lxw_worksheet *ws = workbook_add_worksheet(b->wb, name);
	lxw_format *wrap = workbook_add_format(b->wb);
	lxw_col_t nc = labels_has_source(b->labels) ? 6 : 5, c;
	lxw_row_t row = 1;
	size_t i, j;

	if (ws == NULL || wrap == NULL) {
		err_set(b->err, EX_SOFTWARE, "cannot add the definitions "
		    "sheet");
		return;
	}
	format_set_text_wrap(wrap);
	format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
	b->nsheets++;
	b->nheader = 1;
	xlsx_page_setup(b, ws);
	def_row(ws, 0, head, nc, b->bold);
	for (c = 0; c < nc; c++)
		worksheet_set_column(ws, c, c, def_widths[c], c >= 4 ? wrap :
		    NULL);
	worksheet_freeze_panes(ws, 1, 0);
	for (i = 0; i < b->ndone; i++) {
		const struct written *w = &b->done[i];

		for (j = 0; j < w->ncols; j++) {
			const struct label *l = labels_find(b->labels,
			    w->cols[j]);
			const char *cells[6] = { w->name, w->cols[j],
			    w->heads[j], w->defs != NULL ?
			    kind_word(&w->defs[j]) : "",
			    l != NULL ? l->definition : "",
			    l != NULL ? l->source : "" };

			def_row(ws, row++, cells, nc, wrap);
		}
		for (j = 0; w->measures && j < w->nkeys; j++) {
			const struct label *l = labels_find_measure(b->labels,
			    w->keys[j]);
			const char *cells[6] = { w->name, w->keys[j],
			    l != NULL && *l->label != '\0' ? l->label :
			    w->keys[j], l != NULL ? force_word(l->force) : "",
			    l != NULL ? l->definition : "",
			    l != NULL ? l->source : "" };

			def_row(ws, row++, cells, nc, wrap);
		}
	}
	worksheet_autofilter(ws, 0, 0, row - 1, nc - 1);
	if (b->o->data != NULL) {
		/* The data section's last column, past the definitions'. */
		worksheet_set_column(ws, nc, nc, 14, NULL);
		data_section(b, ws, &row);
	}
}
