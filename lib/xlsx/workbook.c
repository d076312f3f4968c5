/*
 * The workbook of vawg-xlsx (workbook.h): the operands and their sheet
 * names, the workbook and its properties, charts, closing; each input
 * is written as a sheet by sheet.c.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "core/diag.h"
#include "core/err.h"
#include "core/utf8.h"
#include "xlsx/book.h"

/* Charts: size in rows of the default chart, to stack several. */
#define CHART_ROWS 16
#define CHART_PX 480.0		/* its width in pixels */

/* libxlsxwriter's message for e, in our style: lower case, no full stop. */
const char *
xlsx_lxw_msg(lxw_error e)
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

_Noreturn void
xlsx_lxw_fail(const char *what, lxw_error e)
{
	diag_fatal(e == LXW_ERROR_MEMORY_MALLOC_FAILED ? EX_OSERR : EX_SOFTWARE,
	    "%s: %s", what, xlsx_lxw_msg(e));
}

/*
 * A copy of s that is valid UTF-8 of at most max characters, since
 * libxlsxwriter writes strings into the XML as they are.
 */
char *
xlsx_text_dup(const char *s, size_t max)
{
	size_t n = strlen(s);
	char *d = xmalloc(3 * n + 1);
	int trunc;

	utf8_fix(s, n, d, max, &trunc);
	return d;
}

/* Index of name in list, or -1. */
long
xlsx_list_index(char **list, size_t n, const char *name)
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
	return xlsx_list_index(list, n, name) != -1;
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

/* Checks that the charts on this sheet name columns it has (b->err
 * set when one does not). */
void
xlsx_check_chart_columns(struct xlsx_book *b, const struct written *w)
{
	size_t i, j;

	for (i = 0; i < b->o->ncharts; i++) {
		const struct xlsx_chart *c = &b->o->charts[i];

		if (strcmp(c->sheet, w->want) != 0 &&
		    strcmp(c->sheet, w->name) != 0)
			continue;
		if (b->err->code == 0 && !in_list(w->cols, w->ncols, c->x))
			err_set(b->err, EX_USAGE, "--chart %s: %s has no "
			    "column '%s'", c->spec, b->file, c->x);
		for (j = 0; j < c->ny && b->err->code == 0; j++)
			if (!in_list(w->cols, w->ncols, c->y[j]))
				err_set(b->err, EX_USAGE, "--chart %s: %s has "
				    "no column '%s'", c->spec, b->file,
				    c->y[j]);
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

int
xlsx_target_on(const struct xlsx_book *b, size_t t, const struct written *w)
{
	const struct xlsx_target *tg = &b->o->targets[t];

	return (strcmp(tg->sheet, w->want) == 0 ||
	    strcmp(tg->sheet, w->name) == 0) &&
	    in_list(w->cols, w->ncols, tg->col);
}

int
xlsx_target_column(const struct xlsx_book *b, size_t t,
    const struct written *w)
{
	const char *col = b->o->targets[t].col;
	size_t i;

	if (!xlsx_target_on(b, t, w))
		return 0;
	for (i = 0; i < b->o->ncharts; i++) {
		const struct xlsx_chart *c = &b->o->charts[i];

		if (c->type == XLSX_CHART_LINE && (strcmp(c->sheet, w->want) ==
		    0 || strcmp(c->sheet, w->name) == 0) &&
		    in_list(c->y, c->ny, col))
			return 1;
	}
	return 0;
}

int
xlsx_spark_on(const struct xlsx_book *b, const struct written *w,
    int as_data)
{
	size_t i;

	for (i = 0; i < b->o->nsparks; i++) {
		const char *s = as_data ? b->o->sparks[i].data :
		    b->o->sparks[i].sheet;

		if (s != NULL && (strcmp(s, w->want) == 0 ||
		    strcmp(s, w->name) == 0))
			return 1;
	}
	return 0;
}

/* s with each '&' doubled, as a header's text wants. */
static void
amp_escape(char *d, size_t size, const char *s)
{
	size_t n = 0;

	for (; *s != '\0' && n + 3 < size; s++) {
		if (*s == '&')
			d[n++] = '&';
		d[n++] = *s;
	}
	d[n] = '\0';
}

void
xlsx_page_setup(struct xlsx_book *b, lxw_worksheet *ws)
{
	const struct xlsx_print *p = &b->o->print;
	char buf[256], esc[210];

	if (!p->on)
		return;
	if (p->portrait)
		worksheet_set_portrait(ws);
	else
		worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9);	/* A4 */
	if (p->fit_width)
		worksheet_fit_to_pages(ws, 1, 0);
	if (b->nheader > 0)
		worksheet_repeat_rows(ws, 0, 0);
	if (p->marking != NULL) {
		amp_escape(esc, sizeof(esc), p->marking);
		snprintf(buf, sizeof(buf), "&C&\"-,Bold\"%s", esc);
		worksheet_set_header(ws, buf);
	}
	snprintf(buf, sizeof(buf), "&L&A&CPage &P of &N&R%s", b->rundate);
	worksheet_set_footer(ws, buf);
}

static uint8_t
lxw_type(enum xlsx_chart_type t)
{
	return t == XLSX_CHART_LINE ? LXW_CHART_LINE :
	    t == XLSX_CHART_COLUMN ? LXW_CHART_COLUMN : LXW_CHART_BAR;
}

static struct written *
find_written(struct xlsx_book *b, const char *sheet)
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

/* The axis number format of a column's values (NULL: as they are). */
static const char *
axis_format(const struct ct_coldef *d)
{
	switch (d->type) {
	case CT_COL_MONTH:
	case CT_COL_DATE:
	case CT_COL_DATETIME:
		return "mmm yyyy";
	case CT_COL_PERCENT:
		return "0%";
	case CT_COL_INTEGER:
		return d->year ? "0" : "#,##0";
	default:
		return NULL;
	}
}

/* The target line of column y, when a --target names it. */
static int
add_target_series(struct xlsx_book *b, lxw_chart *ch, const struct written *w,
    const char *y, lxw_col_t x)
{
	static lxw_chart_line dash = { .color = 0xC00000, .width = 1.5,
	    .dash_type = LXW_CHART_LINE_DASH_DASH };
	size_t t, k = 0;
	int added = 0;

	for (t = 0; t < b->o->ntargets; t++) {
		lxw_chart_series *se;
		lxw_col_t c = (lxw_col_t)(w->target0 + k);

		if (!xlsx_target_column(b, t, w))
			continue;
		k++;
		if (strcmp(b->o->targets[t].col, y) != 0)
			continue;
		if ((se = chart_add_series(ch, NULL, NULL)) == NULL)
			diag_nomem();
		chart_series_set_categories(se, w->name, 1, x,
		    (lxw_row_t)w->rows, x);
		chart_series_set_values(se, w->name, 1, c, (lxw_row_t)w->rows,
		    c);
		chart_series_set_name_range(se, w->name, 0, c);
		chart_series_set_line(se, &dash);
		chart_series_set_marker_type(se, LXW_CHART_MARKER_NONE);
		added = 1;
	}
	return added;
}

/* Titles and number formats of a chart's axes. */
static void
chart_axes(lxw_chart *ch, const struct xlsx_chart *c, const struct written *w,
    size_t x, size_t y0, int targets)
{
	const char *f;

	if (c->title != NULL)
		chart_title_set_name(ch, c->title);
	else if (c->ny == 1)
		chart_title_set_name(ch, w->heads[y0]);
	chart_axis_set_name(ch->x_axis, w->heads[x]);
	if (c->ny == 1)
		chart_axis_set_name(ch->y_axis, w->heads[y0]);
	if (w->defs != NULL && (f = axis_format(&w->defs[x])) != NULL)
		chart_axis_set_num_format(ch->x_axis, f);
	if (w->defs != NULL && (f = axis_format(&w->defs[y0])) != NULL)
		chart_axis_set_num_format(ch->y_axis, f);
	if (c->ny == 1 && !targets)
		chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
	else
		chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
}

/* Printed: the charts begin a page of their own, below the table. */
static void
chart_page(lxw_worksheet *ws, lxw_row_t row)
{
	lxw_row_t breaks[2] = { row, 0 };
	lxw_error e = worksheet_set_h_pagebreaks(ws, breaks);

	if (e != LXW_NO_ERROR)
		xlsx_lxw_fail("page break", e);
}

static void
add_charts(struct xlsx_book *b)
{
	size_t i, j;

	for (i = 0; i < b->o->ncharts; i++) {
		const struct xlsx_chart *c = &b->o->charts[i];
		struct written *w = find_written(b, c->sheet);
		lxw_chart *ch;
		lxw_row_t last, at_row;
		lxw_col_t x, at_col;
		lxw_chart_options io;
		lxw_error e;
		int targets;

		if (w == NULL)
			continue;	/* its input could not be opened */
		if (w->rows == 0) {
			diag_warn("--chart %s: sheet '%s' has no rows: no "
			    "chart", c->spec, w->name);
			continue;
		}
		if ((ch = workbook_add_chart(b->wb, lxw_type(c->type))) == NULL)
			diag_nomem();
		last = (lxw_row_t)w->rows;
		x = (lxw_col_t)col_index(w, c->x);
		for (j = 0; j < c->ny; j++) {
			lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
			lxw_col_t y = (lxw_col_t)col_index(w, c->y[j]);

			if (se == NULL)
				diag_nomem();
			chart_series_set_categories(se, w->name, 1, x, last, x);
			chart_series_set_values(se, w->name, 1, y, last, y);
			chart_series_set_name_range(se, w->name, 0, y);
		}
		targets = 0;
		if (c->type == XLSX_CHART_LINE)
			for (j = 0; j < c->ny; j++)
				targets |= add_target_series(b, ch, w, c->y[j],
				    x);
		chart_axes(ch, c, w, x, col_index(w, c->y[0]), targets);
		/* Printed: below the table, so it keeps one page wide. */
		at_row = b->o->print.on ? (lxw_row_t)(w->rows + 2 +
		    CHART_ROWS * w->charts) : (lxw_row_t)(1 + CHART_ROWS *
		    w->charts);
		at_col = b->o->print.on ? 0 : (lxw_col_t)(w->ncols + 1);
		/* Printed: as wide as the table, within reason. */
		memset(&io, 0, sizeof(io));
		io.x_scale = io.y_scale = 1;
		if (b->o->print.on && w->px > CHART_PX)
			io.x_scale = (w->px < 2 * CHART_PX ? w->px - 24 :
			    2 * CHART_PX) / CHART_PX;
		if (b->o->print.on && w->charts == 0)
			chart_page(w->ws, at_row - 1);
		e = worksheet_insert_chart_opt(w->ws, at_row, at_col, ch, &io);
		if (e != LXW_NO_ERROR)
			xlsx_lxw_fail(c->spec, e);
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

/* Closes the workbook, reporting libxlsxwriter's error as ours: 0, or
 * the status with b->err set. */
static int
close_workbook(struct xlsx_book *b, const char *outname)
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
		return 0;
	if (e == LXW_ERROR_MEMORY_MALLOC_FAILED)
		diag_nomem();
	return err_set(b->err, e == LXW_ERROR_CREATING_XLSX_FILE ||
	    e == LXW_ERROR_CREATING_TMPFILE ? EX_CANTCREAT : EX_IOERR,
	    "%s: %s%s%s", outname, xlsx_lxw_msg(e), err ? ": " : "",
	    err ? strerror(err) : "");
}

static void
free_book(struct xlsx_book *b)
{
	size_t i, j;

	for (i = 0; i < b->ndone; i++) {
		for (j = 0; j < b->done[i].ncols; j++)
			free(b->done[i].cols[j]);
		free(b->done[i].cols);
		for (j = 0; j < b->done[i].ncols; j++)
			free(b->done[i].heads[j]);
		free(b->done[i].heads);
		for (j = 0; j < b->done[i].nkeys; j++)
			free(b->done[i].keys[j]);
		free(b->done[i].keys);
		free(b->done[i].defs);
		free(b->done[i].want);
	}
	free(b->done);
	free(b->text_seen);
	free(b->percent_seen);
	free(b->format_seen);
	labels_free(b->labels);
	free(b->cols);
	free(b->row_fields);
	free(b->scratch);
	sheetnames_free(b->names);
	free(b->wants);
	free(b->files);
	free(b->sheets);
	free(b);
}

void
xlsx_opts_free(struct xlsx_opts *o)
{
	size_t i, j;

	for (i = 0; i < o->ncharts; i++) {
		struct xlsx_chart *c = &o->charts[i];

		for (j = 0; j < c->ny; j++)
			free(c->y[j]);
		free(c->y);
		free(c->spec);
		free(c->sheet);
		free(c->x);
		free(c->title);
	}
	free(o->charts);
	for (i = 0; i < o->nformats; i++)
		free(o->formats[i].col);
	free(o->formats);
	for (i = 0; i < o->ntargets; i++) {
		free(o->targets[i].spec);
		free(o->targets[i].sheet);
		free(o->targets[i].col);
	}
	free(o->targets);
	for (i = 0; i < o->nsparks; i++) {
		free(o->sparks[i].spec);
		free(o->sparks[i].sheet);
		free(o->sparks[i].data);
	}
	free(o->sparks);
	free(o->print.marking);
	free(o->author);
	free(o->title);
	for (i = 0; i < o->npercent; i++)
		free(o->percent[i]);
	free(o->percent);
	for (i = 0; i < o->ntext; i++)
		free(o->text[i]);
	free(o->text);
	for (i = 0; i < o->nscale; i++)
		free(o->scale[i]);
	free(o->scale);
}

struct xlsx_book *
xlsx_book_new(const struct xlsx_opts *o, const char *const *args,
    size_t nargs)
{
	struct xlsx_book *b = xcalloc(1, sizeof(*b));
	size_t i;

	b->o = o;
	b->names = sheetnames_new();
	b->nargs = nargs;
	b->wants = xcalloc(nargs, sizeof(*b->wants));
	b->files = xcalloc(nargs, sizeof(*b->files));
	b->sheets = xcalloc(nargs, sizeof(*b->sheets));
	for (i = 0; i < nargs; i++) {
		b->wants[i] = operand_name(args[i], &b->files[i]);
		b->sheets[i] = sheet_name(b->names, b->wants[i], b->files[i]);
	}
	return b;
}

const struct xlsx_chart *
xlsx_book_chart_unplaced(const struct xlsx_book *b)
{
	const struct xlsx_opts *o = b->o;
	size_t i, j;

	for (i = 0; i < o->ncharts; i++) {
		for (j = 0; j < b->nargs; j++)
			if (strcmp(o->charts[i].sheet, b->wants[j]) == 0 ||
			    strcmp(o->charts[i].sheet, b->sheets[j]) == 0)
				break;
		if (j == b->nargs)
			return &o->charts[i];
	}
	return NULL;
}

/* The run date, YYYY-MM-DD: SOURCE_DATE_EPOCH's when set, else today's. */
static void
run_date(char *d, size_t size, const char *sde)
{
	time_t t = sde != NULL ? (time_t)strtoll(sde, NULL, 10) : time(NULL);
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL || strftime(d, size, "%Y-%m-%d",
	    &tm) == 0)
		snprintf(d, size, "?");
}

/* 1 when sheet names an operand of b. */
static int
is_operand(const struct xlsx_book *b, const char *sheet)
{
	size_t j;

	for (j = 0; j < b->nargs; j++)
		if (strcmp(sheet, b->wants[j]) == 0 ||
		    strcmp(sheet, b->sheets[j]) == 0)
			return 1;
	return 0;
}

const char *
xlsx_book_unplaced(const struct xlsx_book *b, const char **sheet)
{
	const struct xlsx_opts *o = b->o;
	size_t i;

	for (i = 0; i < o->ntargets; i++)
		if (!is_operand(b, *sheet = o->targets[i].sheet))
			return o->targets[i].spec;
	for (i = 0; i < o->nsparks; i++) {
		if (!is_operand(b, *sheet = o->sparks[i].sheet))
			return o->sparks[i].spec;
		if (o->sparks[i].data != NULL &&
		    !is_operand(b, *sheet = o->sparks[i].data))
			return o->sparks[i].spec;
	}
	return NULL;
}

/* Creates the workbook at the output's temporary path, with its
 * document properties: 0, or 73 with b->err set. */
static int
open_workbook(struct xlsx_book *b)
{
	const struct xlsx_opts *o = b->o;
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	lxw_workbook_options wo;
	lxw_doc_properties props;
	lxw_error e;

	memset(&wo, 0, sizeof(wo));
	wo.constant_memory = o->table ? LXW_FALSE : LXW_TRUE;
	wo.use_zip64 = needs_zip64(b->files, b->nargs);
	if ((b->wb = workbook_new_opt(out_path(b->out), &wo)) == NULL)
		return err_set(b->err, EX_CANTCREAT, "%s: cannot create "
		    "workbook", o->out);
	if ((b->bold = workbook_add_format(b->wb)) == NULL)
		diag_nomem();
	format_set_bold(b->bold);
	if ((b->head = workbook_add_format(b->wb)) == NULL)
		diag_nomem();
	format_set_bold(b->head);
	format_set_text_wrap(b->head);
	format_set_align(b->head, LXW_ALIGN_VERTICAL_TOP);
	b->good = workbook_add_format(b->wb);
	b->bad = workbook_add_format(b->wb);
	b->warn = workbook_add_format(b->wb);
	if (b->good == NULL || b->bad == NULL || b->warn == NULL)
		diag_nomem();
	format_set_bg_color(b->warn, 0xFFEB9C);
	format_set_font_color(b->warn, 0x9C5700);
	format_set_bg_color(b->good, 0xC6EFCE);
	format_set_font_color(b->good, 0x006100);
	format_set_bg_color(b->bad, 0xFFC7CE);
	format_set_font_color(b->bad, 0x9C0006);
	run_date(b->rundate, sizeof(b->rundate), sde);
	if (o->title == NULL && o->author == NULL && sde == NULL)
		return 0;
	memset(&props, 0, sizeof(props));
	props.title = o->title;
	props.author = o->author;
	if (sde != NULL)
		props.created = (time_t)strtoll(sde, NULL, 10);
	if ((e = workbook_set_properties(b->wb, &props)) != LXW_NO_ERROR)
		xlsx_lxw_fail("document properties", e);
	return 0;
}

/* The notes on --text, --percent and --format columns no input had. */
static void
unseen_notes(const struct xlsx_book *b)
{
	const struct xlsx_opts *o = b->o;
	size_t i;

	for (i = 0; i < o->ntext; i++)
		if (!b->text_seen[i])
			diag_warn("--text %s: no input has that column",
			    o->text[i]);
	for (i = 0; i < o->npercent; i++)
		if (!b->percent_seen[i])
			diag_warn("--percent %s: no input has that column",
			    o->percent[i]);
	for (i = 0; i < o->nformats; i++)
		if (!b->format_seen[i])
			diag_warn("--format %s: no input has that column",
			    o->formats[i].col);
}

int
xlsx_book_write(struct xlsx_book *b, struct vawg_err *err)
{
	const struct xlsx_opts *o = b->o;
	struct out_use *u = xcalloc(b->nargs + 1, sizeof(*u));
	struct outfile *out;
	size_t i;
	int status;

	err->code = 0;
	err->msg[0] = '\0';
	b->err = err;
	u[0] = (struct out_use){ "-o", o->out, OUT_OUT };
	for (i = 0; i < b->nargs; i++)
		u[i + 1] = (struct out_use){ "input", b->files[i], OUT_IN };
	out_distinct(u, b->nargs + 1, err);
	free(u);
	if (err->code != 0 || (o->labels != NULL &&
	    (b->labels = labels_read(o->labels, err)) == NULL)) {
		for (i = 0; i < b->nargs; i++)
			free(b->wants[i]);
		free_book(b);
		return err->code;
	}
	if ((b->out = out_open_named(o->out, err)) == NULL ||
	    open_workbook(b) != 0) {
		for (i = 0; i < b->nargs; i++)
			free(b->wants[i]);
		out_abort(b->out);
		free_book(b);
		return err->code;
	}

	b->text_seen = xcalloc(o->ntext + 1, 1);
	b->percent_seen = xcalloc(o->npercent + 1, 1);
	b->format_seen = xcalloc(o->nformats + 1, 1);
	for (i = 0; i < b->nargs && err->code == 0; i++)
		xlsx_write_input(b, b->wants[i], b->sheets[i], b->files[i]);
	for (; i < b->nargs; i++)
		free(b->wants[i]);
	if (err->code == 0) {
		unseen_notes(b);
		add_charts(b);
	}
	if (err->code == 0 && b->labels != NULL && b->ndone > 0)
		xlsx_definitions(b);
	if (b->ndone == 0) {
		/* A workbook needs a sheet: the inputs could not be read. */
		xlsx_start_sheet(b, NULL,
		    sheetnames_add(b->names, "Sheet", NULL));
		b->ws = NULL;
	}
	status = err->code;
	if (close_workbook(b, o->out) == 0 && status == 0)
		xlsx_sparklines(b, out_path(b->out));
	out = b->out;
	if (err->code != 0) {
		out_abort(out);
		free_book(b);
		return err->code;
	}
	if (b->status == 1 && o->strict)
		b->status = EX_DATAERR;
	status = b->status;
	free_book(b);
	return out_close(out, status, err);
}
