/*
 * The Definitions sheet of vawg-xlsx (--labels): for each sheet, its
 * columns and (on a summary) its measures under their CSV names, so
 * that the CSV files and the workbook stay joinable, with the heading
 * shown, the kind and the definition from the label table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
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

/* One row of the sheet: cells[0..5). */
static void
def_row(lxw_worksheet *ws, lxw_row_t row, const char *const *cells,
    lxw_format *f)
{
	lxw_col_t c;
	lxw_error e;

	for (c = 0; c < 5; c++) {
		char *t = xlsx_text_dup(cells[c], XL_CELL_CHARS);

		e = worksheet_write_string(ws, row, c, t, f);
		free(t);
		if (e != LXW_NO_ERROR)
			xlsx_lxw_fail("definitions", e);
	}
}

void
xlsx_definitions(struct xlsx_book *b)
{
	static const char *const head[] = { "Sheet", "CSV name", "Heading",
	    "Kind", "Definition" };
	static const double widths[] = { 18, 34, 40, 10, 90 };
	const char *name = sheetnames_add(b->names, "Definitions", NULL);
	lxw_worksheet *ws = workbook_add_worksheet(b->wb, name);
	lxw_format *wrap = workbook_add_format(b->wb);
	lxw_row_t row = 1;
	size_t i, j;
	lxw_col_t c;

	if (ws == NULL || wrap == NULL)
		diag_fatal(EX_SOFTWARE, "cannot add the definitions sheet");
	format_set_text_wrap(wrap);
	format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
	b->nsheets++;
	b->nheader = 1;
	xlsx_page_setup(b, ws);
	def_row(ws, 0, head, b->bold);
	for (c = 0; c < 5; c++)
		worksheet_set_column(ws, c, c, widths[c], c == 4 ? wrap : NULL);
	worksheet_freeze_panes(ws, 1, 0);
	for (i = 0; i < b->ndone; i++) {
		const struct written *w = &b->done[i];

		for (j = 0; j < w->ncols; j++) {
			const struct label *l = labels_find(b->labels,
			    w->cols[j]);
			const char *cells[5] = { w->name, w->cols[j],
			    w->heads[j], w->defs != NULL ?
			    kind_word(&w->defs[j]) : "",
			    l != NULL ? l->definition : "" };

			def_row(ws, row++, cells, wrap);
		}
		for (j = 0; w->measures && j < w->nkeys; j++) {
			const struct label *l = labels_find(b->labels,
			    w->keys[j]);
			const char *cells[5] = { w->name, w->keys[j],
			    l != NULL && *l->label != '\0' ? l->label :
			    w->keys[j], l != NULL ? force_word(l->force) : "",
			    l != NULL ? l->definition : "" };

			def_row(ws, row++, cells, wrap);
		}
	}
	worksheet_autofilter(ws, 0, 0, row - 1, 4);
}
