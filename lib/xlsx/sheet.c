/*
 * One input of vawg-xlsx written as a sheet (workbook.h): its header,
 * the sample of first rows that decides the column types, typed cells
 * and their number formats, column widths, the autofilter or table,
 * and continuation sheets past Excel's rows.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "core/err.h"
#include "core/hmap.h"
#include "core/input.h"
#include "core/utf8.h"
#include "xlsx/book.h"

/* Rows (and bytes) of each input read before its column types are set. */
#define SAMPLE_ROWS 1000
#define SAMPLE_BYTES (4UL << 20)

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

/* A row was left out or changed: exit 1, unless an input was missing. */
static void
set_rejects(struct xlsx_book *b)
{
	if (b->status == 0)
		b->status = 1;
}

lxw_format *
xlsx_format(struct xlsx_book *b, const char *numfmt)
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
		diag_nomem();
	format_set_num_format(c->fmt[c->n], numfmt);
	return c->fmt[c->n++];
}

#define format_for xlsx_format

static void
grow_cols(struct xlsx_book *b, size_t n)
{
	size_t i;

	if (n <= b->ncols)
		return;
	if (n > b->capcols) {
		b->capcols = n + 16;
		b->cols = xreallocarray(b->cols, b->capcols, sizeof(*b->cols));
	}
	for (i = b->ncols; i < n; i++) {
		memset(&b->cols[i], 0, sizeof(b->cols[i]));	/* no heading */
		ct_col_init(&b->cols[i].ev, NULL, CT_FORCE_NONE);
		b->cols[i].def.type = CT_COL_GENERAL;
	}
	b->ncols = n;
}

/* The column a field of the input is written in: past the header, after
 * the target and trend columns. */
static lxw_col_t
out_col(const struct xlsx_book *b, size_t i)
{
	size_t extra = b->w != NULL ? b->w->ntargets +
	    (b->w->spark_col >= 0) : 0;

	return (lxw_col_t)(i < b->nheader ? i : i + extra);
}

/* The headings of the target and trend columns. */
static void
extra_headers(struct xlsx_book *b)
{
	const struct written *w = b->w;
	size_t t, k = 0;
	lxw_error e = LXW_NO_ERROR;

	if (w == NULL)
		return;
	for (t = 0; t < b->o->ntargets && e == LXW_NO_ERROR; t++)
		if (xlsx_target_column(b, t, w)) {
			const char *col = b->o->targets[t].col;
			char *h = b->labels != NULL ?
			    labels_heading(b->labels, col) : xstrdup(col);
			size_t n = strlen(h);
			char *s = xmalloc(n + 16);

			snprintf(s, n + 16, "Target: %s", h);
			e = worksheet_write_string(b->ws, 0,
			    (lxw_col_t)(w->target0 + k++), s, b->head);
			free(s);
			free(h);
		}
	if (w->spark_col >= 0 && e == LXW_NO_ERROR)
		e = worksheet_write_string(b->ws, 0, (lxw_col_t)w->spark_col,
		    "Trend", b->head);
	if (e != LXW_NO_ERROR)
		xlsx_lxw_fail(b->file, e);
}

/* Starts a sheet (the first part or a continuation) and writes its header. */
void
xlsx_start_sheet(struct xlsx_book *b, struct csvr *r, const char *name)
{
	lxw_error e;
	size_t i;

	if ((b->ws = workbook_add_worksheet(b->wb, name)) == NULL)
		diag_fatal(EX_SOFTWARE, "%s: cannot add sheet", b->file);
	b->nsheets++;
	if (b->w != NULL && b->parts == 0)
		b->w->sheet_no = b->nsheets;
	b->parts++;
	b->row = 0;
	if (r == NULL || b->nheader == 0)
		return;
	xlsx_page_setup(b, b->ws);
	if (b->labels != NULL) {
		worksheet_set_row(b->ws, 0, 15.0 * (double)b->head_lines,
		    b->head);
		if (b->w != NULL && b->w->spark_col >= 0)
			worksheet_set_default_row(b->ws, 24, LXW_FALSE);
	}
	for (i = 0; i < b->nheader; i++) {
		const char *raw = csvr_colname(r, i);
		char *h = xlsx_text_dup(b->cols[i].heading != NULL ?
		    b->cols[i].heading : raw, XL_CELL_CHARS);

		if (b->parts == 1 && b->cols[i].heading == NULL &&
		    strcmp(h, raw) != 0) {
			diag_at(b->file, 1, "name of column %zu not valid "
			    "UTF-8 or too long: written changed", i + 1);
			set_rejects(b);
		}

		e = worksheet_write_string(b->ws, 0, (lxw_col_t)i, h,
		    b->labels != NULL ? b->head : b->bold);
		free(h);
		if (e != LXW_NO_ERROR)
			xlsx_lxw_fail(b->file, e);
	}
	extra_headers(b);
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
add_table(struct xlsx_book *b, lxw_row_t last, lxw_col_t lastc)
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
		const char *h = b->cols[i].heading != NULL ?
		    b->cols[i].heading : b->cols[i].name != NULL ?
		    b->cols[i].name : "";
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

/* The current sheet's column called name[0..n), or -1. */
static long
col_named(const struct xlsx_book *b, const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < b->ncols; i++)
		if (b->cols[i].name != NULL && strlen(b->cols[i].name) == n &&
		    memcmp(b->cols[i].name, name, n) == 0)
			return (long)i;
	return -1;
}

/*
 * --scale COL or FIRST..LAST: one three-colour scale (pale to dark) over
 * the data rows of those columns, where the sheet has them.
 */
static void
add_scales(struct xlsx_book *b)
{
	lxw_conditional_format cf;
	size_t k;

	if (b->row < 2)
		return;
	for (k = 0; k < b->o->nscale; k++) {
		const char *s = b->o->scale[k], *dots = strstr(s, "..");
		long c0 = col_named(b, s, dots ? (size_t)(dots - s) : strlen(s)),
		    c1 = dots ? col_named(b, dots + 2, strlen(dots + 2)) : c0;
		lxw_error e;

		if (c0 < 0 || c1 < c0)
			continue;
		memset(&cf, 0, sizeof(cf));
		cf.type = LXW_CONDITIONAL_3_COLOR_SCALE;
		cf.min_color = 0xFFFFFF;
		cf.mid_color = 0xFFEB84;
		cf.max_color = 0xF8696B;
		e = worksheet_conditional_format_range(b->ws, 1, (lxw_col_t)c0,
		    (lxw_row_t)(b->row - 1), (lxw_col_t)c1, &cf);
		if (e != LXW_NO_ERROR)
			xlsx_lxw_fail(b->file, e);
	}
}

/* Widths of the target and trend columns. */
static void
extra_widths(struct xlsx_book *b)
{
	const struct written *w = b->w;

	if (w == NULL)
		return;
	if (w->ntargets > 0)
		worksheet_set_column(b->ws, (lxw_col_t)w->target0,
		    (lxw_col_t)(w->target0 + w->ntargets - 1), 14, NULL);
	if (w->spark_col >= 0)
		worksheet_set_column(b->ws, (lxw_col_t)w->spark_col,
		    (lxw_col_t)w->spark_col, 18, NULL);
}

/* The conditional formats of the current sheet's columns: colour
 * scales and targets (better up unless the label says down). */
static void
sheet_formats(struct xlsx_book *b)
{
	lxw_conditional_format cf;
	lxw_row_t last = (lxw_row_t)(b->row - 1);
	size_t i, t, k = 0;

	if (b->row < 2)
		return;
	for (i = 0; i < b->nheader; i++) {
		if (!b->cols[i].scale)
			continue;
		memset(&cf, 0, sizeof(cf));
		cf.type = LXW_CONDITIONAL_3_COLOR_SCALE;
		worksheet_conditional_format_range(b->ws, 1, (lxw_col_t)i,
		    last, (lxw_col_t)i, &cf);
	}
	if (b->w == NULL)
		return;
	for (t = 0; t < b->o->ntargets; t++) {
		const struct xlsx_target *tg = &b->o->targets[t];
		const struct label *lab;
		long c;
		int up;

		if (!xlsx_target_on(b, t, b->w))
			continue;
		c = xlsx_list_index(b->w->cols, b->w->ncols, tg->col);
		lab = labels_find(b->labels, tg->col);
		up = lab == NULL || lab->direction >= 0;
		for (k = 0; k < 2; k++) {
			memset(&cf, 0, sizeof(cf));
			cf.type = LXW_CONDITIONAL_TYPE_CELL;
			cf.criteria = (k == 0) == up ?
			    LXW_CONDITIONAL_CRITERIA_GREATER_THAN_OR_EQUAL_TO :
			    LXW_CONDITIONAL_CRITERIA_LESS_THAN;
			if (!up)
				cf.criteria = k == 0 ?
				    LXW_CONDITIONAL_CRITERIA_LESS_THAN_OR_EQUAL_TO :
				    LXW_CONDITIONAL_CRITERIA_GREATER_THAN;
			cf.value = tg->value;
			cf.format = k == 0 ? b->good : b->bad;
			worksheet_conditional_format_range(b->ws, 1,
			    (lxw_col_t)c, last, (lxw_col_t)c, &cf);
		}
	}
}

/* Sets widths and the autofilter or table of the current sheet. */
static void
finish_sheet(struct xlsx_book *b)
{
	lxw_error e;
	size_t i;

	if (b->ws == NULL)
		return;
	for (i = 0; i < b->ncols; i++) {
		size_t w = b->cols[i].width + 2;
		lxw_row_col_options ro = { 0, 0, 0 };

		if (w < WIDTH_MIN)
			w = WIDTH_MIN;
		if (w > WIDTH_MAX)
			w = WIDTH_MAX;
		if (b->cols[i].interval) {
			/* Grouped after the measures, folded away. */
			ro.hidden = 1;
			ro.level = 1;
		}
		if (b->w != NULL && !ro.hidden)
			b->w->px += 7.0 * (double)w + 5;
		e = worksheet_set_column_opt(b->ws, out_col(b, i),
		    out_col(b, i), (double)w, NULL, &ro);
		if (e != LXW_NO_ERROR)
			xlsx_lxw_fail(b->file, e);
	}
	extra_widths(b);
	sheet_formats(b);
	if (b->nheader > 0) {
		lxw_row_t last = b->row > 1 ? (lxw_row_t)(b->row - 1) : 0;
		lxw_col_t lastc = (lxw_col_t)(b->ncols - 1);

		if (b->o->table && b->row > 1)
			e = add_table(b, last, lastc);
		else
			e = worksheet_autofilter(b->ws, 0, 0, last, lastc);
		if (e != LXW_NO_ERROR)
			xlsx_lxw_fail(b->file, e);
	}
	add_scales(b);
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

/* Lower-case copy of s[0..n) with blanks as '_', for ct_name_hint(). */
static char *
snake(const char *s, size_t n)
{
	char *d = xstrndup(s, n);
	size_t i;

	for (i = 0; i < n; i++)
		if (d[i] == ' ')
			d[i] = '_';
	return d;
}

/*
 * The kind of a summary row (the first column "measure"): its label's,
 * else a rate by its name, else a count when its numbers are whole.
 */
static enum ct_force
row_kind(struct xlsx_book *b, const struct field *f, size_t nf,
    const struct label **lab)
{
	char *name = xstrndup(f[0].p, f[0].n), *sn;
	struct ct_value v;
	size_t i;
	int whole = 1;

	*lab = labels_find_measure(b->labels, name);
	free(name);
	if (*lab != NULL && (*lab)->force != CT_FORCE_NONE)
		return (enum ct_force)(*lab)->force;
	sn = snake(f[0].p, f[0].n);
	i = ct_name_hint(sn) == CT_HINT_PERCENT;
	free(sn);
	if (i)
		return CT_FORCE_PERCENT;
	for (i = 1; i < nf; i++)
		if (ct_classify(f[i].p, f[i].n, &v) == CT_DECIMAL)
			whole = 0;
	return whole ? CT_FORCE_COUNT : CT_FORCE_NUMBER;
}

/* Colours a cell good or bad as value v compares with 0 (or a target). */
static void
colour_cell(struct xlsx_book *b, lxw_col_t col, int direction, double v)
{
	lxw_conditional_format cf;
	int k;

	for (k = 0; k < 2; k++) {
		memset(&cf, 0, sizeof(cf));
		cf.type = LXW_CONDITIONAL_TYPE_CELL;
		cf.criteria = (direction > 0) == (k == 0) ?
		    LXW_CONDITIONAL_CRITERIA_GREATER_THAN :
		    LXW_CONDITIONAL_CRITERIA_LESS_THAN;
		cf.value = v;
		cf.format = k == 0 ? b->good : b->bad;
		worksheet_conditional_format_cell(b->ws, (lxw_row_t)b->row,
		    col, &cf);
	}
}

/* Colours a summary row's figures (not its changes) within the
 * label's range good, below or above it as a warning. */
static void
band_cells(struct xlsx_book *b, const struct label *lab)
{
	lxw_conditional_format cf;
	size_t t;
	int k;

	for (t = 1; t < b->nheader; t++) {
		if (strstr(b->cols[t].name, "change") != NULL)
			continue;
		for (k = 0; k < 3; k++) {
			memset(&cf, 0, sizeof(cf));
			cf.type = LXW_CONDITIONAL_TYPE_CELL;
			cf.criteria = k == 0 ? LXW_CONDITIONAL_CRITERIA_BETWEEN :
			    k == 1 ? LXW_CONDITIONAL_CRITERIA_LESS_THAN :
			    LXW_CONDITIONAL_CRITERIA_GREATER_THAN;
			cf.min_value = lab->lo;
			cf.max_value = lab->hi;
			cf.value = k == 1 ? lab->lo : lab->hi;
			cf.format = k == 0 ? b->good : b->warn;
			worksheet_conditional_format_cell(b->ws,
			    (lxw_row_t)b->row, (lxw_col_t)t, &cf);
		}
	}
}

/*
 * What goes with a row besides its fields: its key (for sparklines),
 * the target columns, the colours of a summary row; returns the number
 * format of a summary row's numbers (NULL: by column).
 */
static const char *
row_extras(struct xlsx_book *b, const struct field *f, size_t nf)
{
	struct written *w = b->w;
	const struct label *lab = NULL;
	const char *fmt = NULL;
	enum ct_force k;
	size_t t, j = 0;

	if (w == NULL || b->parts != 1)
		return NULL;
	if (w->keys != NULL || b->measure_rows || xlsx_spark_on(b, w, 0) ||
	    xlsx_spark_on(b, w, 1)) {
		w->keys = xreallocarray(w->keys, w->nkeys + 1,
		    sizeof(*w->keys));
		w->keys[w->nkeys++] = xstrndup(nf > 0 ? f[0].p : "",
		    nf > 0 ? f[0].n : 0);
	}
	for (t = 0; t < b->o->ntargets; t++)
		if (xlsx_target_column(b, t, w))
			worksheet_write_number(b->ws, (lxw_row_t)b->row,
			    (lxw_col_t)(w->target0 + j++),
			    b->o->targets[t].value, NULL);
	if (!b->measure_rows || nf < 2)
		return NULL;
	w->measures = 1;
	k = row_kind(b, f, nf, &lab);
	fmt = ct_force_format(k);
	if (k == CT_FORCE_NUMBER)
		fmt = "#,##0.0";
	if (lab != NULL && lab->has_range)
		band_cells(b, lab);
	if (lab == NULL || lab->direction == 0)
		return fmt;
	for (t = 1; t < b->nheader; t++)
		if (strstr(b->cols[t].name, "change") != NULL)
			colour_cell(b, (lxw_col_t)t, lab->direction, 0);
	if (lab->has_target)
		colour_cell(b, 1, lab->direction, lab->target -
		    (lab->direction > 0 ? 1e-9 : -1e-9));
	return fmt;
}

/* Writes one data row; fields past the header make columns of their own. */
static void
write_row(struct xlsx_book *b, struct csvr *r, const struct field *f, size_t nf,
    unsigned long line)
{
	size_t i;
	lxw_error e = LXW_NO_ERROR;
	const char *rowfmt;

	if (b->row == XL_ROWS) {
		const char *name;

		finish_sheet(b);
		name = sheetnames_add(b->names, b->base, NULL);
		diag_at(b->file, line, "more rows than a sheet holds: rows "
		    "from here continue on sheet '%s'", name);
		xlsx_start_sheet(b, r, name);
	}
	if (nf > XL_COLS) {
		if (b->err->code == 0)
			err_at(b->err, EX_DATAERR, b->file, line,
			    "%zu fields, more than a sheet holds (%lu)", nf,
			    XL_COLS);
		return;
	}
	if (nf > b->nheader && nf != b->ncols)
		grow_cols(b, nf);
	if (nf != b->nheader && b->nheader > 0) {
		if (b->ragged++ == 0)
			b->first_ragged = line;
	}
	rowfmt = row_extras(b, f, nf);
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
		ct_cell(&col->def, p, n, &cell);
		if (rowfmt != NULL && i > 0 && cell.how == CT_WRITE_NUMBER)
			cell.format = rowfmt;
		switch (cell.how) {
		case CT_WRITE_NUMBER:
			e = worksheet_write_number(b->ws, (lxw_row_t)b->row,
			    out_col(b, i), cell.num, format_for(b, cell.format));
			break;
		case CT_WRITE_TEXT:
			e = worksheet_write_string(b->ws, (lxw_row_t)b->row,
			    out_col(b, i), p, format_for(b, cell.format));
			break;
		case CT_WRITE_BLANK:
			continue;
		}
		if (e != LXW_NO_ERROR)
			diag_fatal_at(EX_SOFTWARE, b->file, line, "%s",
			    xlsx_lxw_msg(e));
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
row_room(struct xlsx_book *b, size_t n)
{
	if (n > b->caprow) {
		b->caprow = n + 16;
		b->row_fields = xreallocarray(b->row_fields, b->caprow,
		    sizeof(*b->row_fields));
	}
}

static void
notes(struct xlsx_book *b)
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

/* 1 when name ends in an interval bound: _lower, _upper, _lcl, _ucl. */
static int
interval_name(const char *name)
{
	static const char *const ends[] = { "_lower", "_upper", "_lcl", "_ucl" };
	size_t n = strlen(name), i, k;

	for (i = 0; i < sizeof(ends) / sizeof(ends[0]); i++) {
		k = strlen(ends[i]);
		if (n > k && strcmp(name + n - k, ends[i]) == 0)
			return 1;
	}
	return 0;
}

/*
 * The heading, scale and kind of column name from --format and the
 * label table; returns the kind forced (CT_FORCE_NONE: by its values).
 */
static enum ct_force
column_kind(struct xlsx_book *b, struct column *c, const char *name)
{
	const struct label *lab = labels_find(b->labels, name);
	int force = CT_FORCE_NONE;
	size_t i;

	free(c->heading);
	c->heading = NULL;
	c->scale = c->interval = 0;
	if (b->labels != NULL) {
		c->heading = labels_heading(b->labels, name);
		c->interval = interval_name(name);
		if (lab != NULL)
			force = lab->force;
	}
	for (i = 0; i < b->o->nformats; i++) {
		const struct xlsx_format *f = &b->o->formats[i];

		if (strcmp(f->col, name) != 0)
			continue;
		b->format_seen[i] = 1;
		if (f->scale)
			c->scale = 1;
		else
			force = f->force;
	}
	return (enum ct_force)force;
}

/*
 * A heading is wrapped: the column need only be as wide as its longest
 * word (at least HEAD_MIN); the header row is as high as the most lines
 * a heading then takes (at most HEAD_LINES).
 */
#define HEAD_MIN 10
#define HEAD_LINES 4
static void
heading_width(struct xlsx_book *b, struct column *c)
{
	const char *s = c->heading, *e;
	size_t word = 0, all = ct_width(s, strlen(s), WIDTH_MAX), w, lines;

	for (; *s != '\0'; s = *e != '\0' ? e + 1 : e) {
		e = strchr(s, ' ');
		if (e == NULL)
			e = s + strlen(s);
		if ((w = ct_width(s, (size_t)(e - s), WIDTH_MAX)) > word)
			word = w;
	}
	w = word > HEAD_MIN ? word : HEAD_MIN;
	if (w > all)
		w = all;
	c->width = w + 1;
	lines = w > 0 ? (all + w - 1) / w : 1;
	if (lines > HEAD_LINES)
		lines = HEAD_LINES;
	if (lines > b->head_lines)
		b->head_lines = lines;
}

/*
 * Reads the header of the input being written and sets up its columns
 * (the --text and --percent ones forced); returns CSVR_RECORD when there
 * is a header, else CSVR_EOF (and b->err set on a read error).
 */
static int
read_header(struct xlsx_book *b, struct input *in, const char *name)
{
	struct csvr *r = in->r;
	size_t i;
	int rc = input_header(in);

	if (rc < 0) {
		if (b->err->code == 0)
			*b->err = in->err;
		return CSVR_EOF;
	}
	rc = rc ? CSVR_RECORD : CSVR_EOF;
	if (rc != CSVR_RECORD) {
		diag_at(b->file, 0, "empty input: empty sheet '%s'", name);
		return rc;
	}
	b->nheader = csvr_ncols(r);
	b->head_lines = 1;
	if (b->nheader > XL_COLS) {
		if (b->err->code == 0)
			err_at(b->err, EX_DATAERR, b->file, 1, "%zu columns, "
			    "more than a sheet holds (%lu)", b->nheader,
			    XL_COLS);
		b->nheader = 0;
		return CSVR_EOF;
	}
	grow_cols(b, b->nheader);
	for (i = 0; i < b->nheader; i++) {
		const char *h = csvr_colname(r, i);
		long t = xlsx_list_index(b->o->text, b->o->ntext, h);
		long pc = xlsx_list_index(b->o->percent, b->o->npercent, h);
		enum ct_force f = t != -1 ? CT_FORCE_TEXT :
		    pc != -1 ? CT_FORCE_PERCENT : CT_FORCE_NONE;
		const char *shown;

		if (t != -1)
			b->text_seen[t] = 1;
		if (pc != -1)
			b->percent_seen[pc] = 1;

		b->cols[i].name = h;
		if (f == CT_FORCE_NONE)
			f = column_kind(b, &b->cols[i], h);
		ct_col_init(&b->cols[i].ev, h, f);
		shown = b->cols[i].heading != NULL ? b->cols[i].heading : h;
		b->cols[i].width = ct_width(shown, strlen(shown), WIDTH_MAX) + 2;
		if (b->cols[i].heading != NULL)
			heading_width(b, &b->cols[i]);
	}
	b->measure_rows = b->labels != NULL && b->nheader > 1 &&
	    strcmp(csvr_colname(r, 0), "measure") == 0;
	return rc;
}

/* Records the input (its sheet, its columns) for the charts. */
static struct written *
add_written(struct xlsx_book *b, struct csvr *r, char *want,
    const char *name)
{
	struct written *w;
	size_t i;

	b->done = xreallocarray(b->done, b->ndone + 1, sizeof(*b->done));
	w = &b->done[b->ndone++];
	memset(w, 0, sizeof(*w));
	w->want = want;
	w->name = name;
	w->ncols = b->nheader;
	w->cols = xcalloc(b->nheader + 1, sizeof(*w->cols));
	w->heads = xcalloc(b->nheader + 1, sizeof(*w->heads));
	for (i = 0; i < b->nheader; i++) {
		w->cols[i] = xstrdup(csvr_colname(r, i));
		w->heads[i] = xstrdup(b->cols[i].heading != NULL ?
		    b->cols[i].heading : w->cols[i]);
	}
	w->target0 = b->nheader;
	for (i = 0; i < b->o->ntargets; i++)
		if (xlsx_target_column(b, i, w))
			w->ntargets++;
	w->spark_col = b->nheader > 1 && xlsx_spark_on(b, w, 0) ?
	    (long)(b->nheader + w->ntargets) : -1;
	w->lastnum = b->nheader > 0 ? b->nheader - 1 : 0;
	xlsx_check_chart_columns(b, w);
	b->w = w;
	return w;
}

/*
 * Reads the sample (the first rows, which decide the column types),
 * sets the types and writes those rows; returns input_next()'s code.
 */
static int
write_sample(struct xlsx_book *b, struct input *in)
{
	struct csvr *r = in->r;
	struct sample s;
	size_t i, j;
	int rc = CSVR_RECORD;

	memset(&s, 0, sizeof(s));
	while (s.nrows < SAMPLE_ROWS && s.nbytes < SAMPLE_BYTES &&
	    (rc = input_next(in)) == CSVR_RECORD)
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
	return rc;
}

/* Writes one input as a sheet (and its continuations). */
void
xlsx_write_input(struct xlsx_book *b, char *want, const char *name,
    const char *path)
{
	/* Like every other program: a row that is not UTF-8 is left out. */
	static const struct csvr_opts ropts = { .delim = 0 };
	struct input in = { .check = INPUT_RECERR,
	    .reject_fmt = "%s: row left out" };
	struct csvr *r;
	struct written *w;
	size_t j;
	int rc;

	if (input_open(&in, path, &ropts) == -1) {
		b->status = EX_NOINPUT;
		free(want);
		return;
	}
	r = in.r;
	b->file = in.name;
	b->ncols = b->nheader = 0;
	b->parts = 0;
	b->first_rows = 0;
	b->long_text = b->ragged = 0;
	b->base = name;

	rc = read_header(b, &in, name);
	w = add_written(b, r, want, name);
	xlsx_start_sheet(b, rc == CSVR_RECORD ? r : NULL, name);
	w->ws = b->ws;
	if (rc == CSVR_RECORD)
		rc = write_sample(b, &in);
	/* The rest, streamed. */
	while (rc == CSVR_RECORD && b->err->code == 0 &&
	    (rc = input_next(&in)) == CSVR_RECORD) {
		size_t nf = csvr_nfields(r);

		row_room(b, nf);
		for (j = 0; j < nf; j++) {
			b->row_fields[j].p = csvr_field(r, j);
			b->row_fields[j].n = csvr_fieldlen(r, j);
		}
		write_row(b, r, b->row_fields, nf, csvr_line(r));
	}
	if (in.err.code != 0 && b->err->code == 0)
		*b->err = in.err;
	if (in.rejected > 0)
		set_rejects(b);		/* a row was left out */
	finish_sheet(b);
	w->rows = b->first_rows;
	w->defs = xcalloc(b->nheader + 1, sizeof(*w->defs));
	for (j = 0; j < b->nheader; j++) {
		w->defs[j] = b->cols[j].def;
		free(b->cols[j].heading);
		b->cols[j].heading = NULL;
	}
	b->w = NULL;
	notes(b);
	input_close(&in);
}
