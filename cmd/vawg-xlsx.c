/*
 * vawg-xlsx: CSV files in, one XLSX workbook out.  Each input becomes a
 * sheet with a bold, frozen header row, an autofilter, fitted column
 * widths and typed cells (numbers, dates, months, percentages, text;
 * see lib/xlsx/celltype.h), one number format per column.  Charts can be
 * drawn from a sheet's columns.  The workbook is built by lib/xlsx
 * (workbook.h); this file is its options.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "core/cli.h"
#include "core/diag.h"
#include "core/err.h"
#include "xlsx/celltype.h"
#include "xlsx/workbook.h"

enum {
	OPT_AUTHOR = CLI_OPT_FIRST_FREE,
	OPT_CHART,
	OPT_DATA,
	OPT_FORMAT,
	OPT_LABELS,
	OPT_PERCENT,
	OPT_SCALE,
	OPT_PRINT,
	OPT_SPARKLINE,
	OPT_TARGET,
	OPT_TABLE,
	OPT_TEXT,
	OPT_TITLE
};

static const struct option longopts[] = {
	CLI_LONGOPTS,
	{ "author", required_argument, NULL, OPT_AUTHOR },
	{ "chart", required_argument, NULL, OPT_CHART },
	{ "data", required_argument, NULL, OPT_DATA },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "labels", required_argument, NULL, OPT_LABELS },
	{ "percent", required_argument, NULL, OPT_PERCENT },
	{ "scale", required_argument, NULL, OPT_SCALE },
	{ "print", required_argument, NULL, OPT_PRINT },
	{ "sparkline", required_argument, NULL, OPT_SPARKLINE },
	{ "target", required_argument, NULL, OPT_TARGET },
	{ "table", no_argument, NULL, OPT_TABLE },
	{ "text", required_argument, NULL, OPT_TEXT },
	{ "title", required_argument, NULL, OPT_TITLE },
	{ NULL, 0, NULL, 0 }
};

static struct cli cli = {
	.synopsis =
	"vawg-xlsx [--strict] [--table] [--author name] "
	"[--chart sheet:type:x:y[,y...][:title]] [--data file] "
	"[--format col:kind] "
	"[--labels file] [--mode mode] [--percent column] [--print spec] "
	"[--scale col[..col]] [--sparkline sheet[:data]] "
	"[--target sheet:col:value] [--text column] [--title title] -o file "
	"[[name=]file ...]",
	.help =
	"  -o, --output FILE   the workbook to write (required)\n"
	"  --author NAME       author in the document properties\n"
	"  --chart SPEC        a line, column or bar chart of sheet SHEET:\n"
	"                      SHEET:TYPE:X_COL:Y_COL[,Y_COL...][:TITLE]\n"
	"  --data FILE         with --labels: a section Data below the\n"
	"                      definitions (the sheet then named Definitions\n"
	"                      and data), FILE's rows typed by the kinds\n"
	"                      of its columns\n"
	"  --format COL:KIND   write column COL as KIND: count, number, rate,\n"
	"                      percent, date, month, money, text, or scale\n"
	"                      (a three-colour scale over it; repeatable)\n"
	"  --labels FILE       headings, kinds and definitions of columns\n"
	"                      (csv_name,label,kind,definition[,direction,\n"
	"                      target,range,source]); adds a Definitions\n"
	"                      sheet\n"
	"  --mode MODE         octal mode of the workbook (default 0600)\n"
	"  --percent COL       show column COL as a percentage (repeatable)\n"
	"  --print SPEC        page setup of every sheet, comma-separated:\n"
	"                      landscape, portrait, fit-width, marking=TEXT\n"
	"                      (default marking OFFICIAL-SENSITIVE; none)\n"
	"  --scale COL[..LAST] a colour scale (heat map) over column COL, or\n"
	"                      one over the columns COL to LAST (repeatable)\n"
	"  --sparkline SHEET[:DATA]  a trend beside each row of SHEET, over\n"
	"                      its numbers or those of DATA's row of the\n"
	"                      same first value (repeatable)\n"
	"  --target SHEET:COL:VALUE  the target of a column: coloured\n"
	"                      against, and a line on its charts\n"
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
};

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

/* SHEET:TYPE:X_COL:Y_COL[,Y_COL...][:TITLE] */
static void
parse_chart(struct xlsx_opts *o, const char *arg)
{
	struct xlsx_chart c;
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
		c.type = XLSX_CHART_LINE;
	else if (strcmp(part[1], "column") == 0)
		c.type = XLSX_CHART_COLUMN;
	else if (strcmp(part[1], "bar") == 0)
		c.type = XLSX_CHART_BAR;
	else
		cli_badarg(&cli, "--chart: type must be line, column or bar");
	c.spec = xstrdup(arg);
	c.sheet = xstrdup(part[0]);
	c.x = xstrdup(part[2]);
	add_names(&c.y, &c.ny, part[3]);
	c.title = p != NULL && *p != '\0' ? xlsx_text_dup(p, 255) : NULL;
	free(s);
	o->charts = xreallocarray(o->charts, o->ncharts + 1,
	    sizeof(*o->charts));
	o->charts[o->ncharts++] = c;
}

/* COL:KIND, the kind after the last colon. */
static void
parse_format(struct xlsx_opts *o, const char *arg)
{
	const char *colon = strrchr(arg, ':');
	struct xlsx_format f = { NULL, -1, 0 };

	if (colon == NULL || colon == arg)
		cli_badarg(&cli, "--format: expected COL:KIND");
	if (strcmp(colon + 1, "scale") == 0)
		f.scale = 1;
	else if ((f.force = ct_force_parse(colon + 1)) == -1)
		cli_badarg(&cli, "--format %s: kind must be count, number, "
		    "rate, percent, date, month, money, text or scale", arg);
	f.col = xstrndup(arg, (size_t)(colon - arg));
	o->formats = xreallocarray(o->formats, o->nformats + 1,
	    sizeof(*o->formats));
	o->formats[o->nformats++] = f;
}

/* SHEET:COL:VALUE: the sheet before the first colon, the value after
 * the last. */
static void
parse_target(struct xlsx_opts *o, const char *arg)
{
	const char *c1 = strchr(arg, ':'), *c2 = strrchr(arg, ':');
	struct xlsx_target t;
	char *end;

	if (c1 == NULL || c1 == arg || c2 == c1 || c2 == c1 + 1)
		cli_badarg(&cli, "--target: expected SHEET:COL:VALUE");
	t.value = strtod(c2 + 1, &end);
	if (end == c2 + 1 || *end != '\0')
		cli_badarg(&cli, "--target %s: the value is not a number", arg);
	t.spec = xstrdup(arg);
	t.sheet = xstrndup(arg, (size_t)(c1 - arg));
	t.col = xstrndup(c1 + 1, (size_t)(c2 - c1 - 1));
	o->targets = xreallocarray(o->targets, o->ntargets + 1,
	    sizeof(*o->targets));
	o->targets[o->ntargets++] = t;
}

static void
parse_sparkline(struct xlsx_opts *o, const char *arg)
{
	const char *colon = strchr(arg, ':');
	struct xlsx_spark k;

	if (*arg == '\0' || colon == arg || (colon != NULL && colon[1] == '\0'))
		cli_badarg(&cli, "--sparkline: expected SHEET[:DATA_SHEET]");
	k.spec = xstrdup(arg);
	k.sheet = colon != NULL ? xstrndup(arg, (size_t)(colon - arg)) :
	    xstrdup(arg);
	k.data = colon != NULL ? xstrdup(colon + 1) : NULL;
	o->sparks = xreallocarray(o->sparks, o->nsparks + 1,
	    sizeof(*o->sparks));
	o->sparks[o->nsparks++] = k;
}

/* landscape, portrait, fit-width, marking=TEXT (none: no marking). */
static void
parse_print(struct xlsx_opts *o, const char *arg)
{
	struct xlsx_print *p = &o->print;
	const char *s = arg, *c;
	size_t n;

	if (!p->on)
		p->marking = xstrdup("OFFICIAL-SENSITIVE");
	p->on = 1;
	for (; *s != '\0'; s = *c != '\0' ? c + 1 : c) {
		if (strncmp(s, "marking=", 8) == 0) {
			free(p->marking);
			p->marking = strcmp(s + 8, "none") == 0 ? NULL :
			    xlsx_text_dup(s + 8, 200);
			return;		/* the rest is the marking's text */
		}
		c = strchr(s, ',');
		if (c == NULL)
			c = s + strlen(s);
		n = (size_t)(c - s);
		if (n == 9 && strncmp(s, "landscape", n) == 0)
			p->portrait = 0;
		else if (n == 8 && strncmp(s, "portrait", n) == 0)
			p->portrait = 1;
		else if (n == 9 && strncmp(s, "fit-width", n) == 0)
			p->fit_width = 1;
		else
			cli_badarg(&cli, "--print %s: expected landscape, "
			    "portrait, fit-width or marking=TEXT", arg);
	}
}

/* One option of the program's own; exits 64 on an unknown one. */
static void
option(struct xlsx_opts *o, int ch, const char *arg)
{
	switch (ch) {
	case OPT_AUTHOR:
		free(o->author);
		o->author = xlsx_text_dup(arg, 255);
		break;
	case OPT_CHART:
		parse_chart(o, arg);
		break;
	case OPT_DATA:
		o->data = arg;
		break;
	case OPT_FORMAT:
		parse_format(o, arg);
		break;
	case OPT_LABELS:
		o->labels = arg;
		break;
	case OPT_PERCENT:
		add_names(&o->percent, &o->npercent, arg);
		break;
	case OPT_SCALE:
		add_names(&o->scale, &o->nscale, arg);
		break;
	case OPT_PRINT:
		parse_print(o, arg);
		break;
	case OPT_SPARKLINE:
		parse_sparkline(o, arg);
		break;
	case OPT_TARGET:
		parse_target(o, arg);
		break;
	case OPT_TABLE:
		o->table = 1;
		break;
	case OPT_TEXT:
		add_names(&o->text, &o->ntext, arg);
		break;
	case OPT_TITLE:
		free(o->title);
		o->title = xlsx_text_dup(arg, 255);
		break;
	default:
		cli_usage(&cli);
	}
}

int
main(int argc, char *argv[])
{
	static const char *const stdin_only[] = { "-" };
	/* Static: reachable (for LeakSanitizer) when a usage error exits. */
	static struct xlsx_opts o;
	static struct xlsx_book *b;
	const struct xlsx_chart *c;
	const char *spec, *sheet;
	struct vawg_err err;
	int ch, status;

	diag_setprog(argv[0]);
	memset(&o, 0, sizeof(o));
	while ((ch = getopt_long(argc, argv, "ho:", longopts, NULL)) != -1)
		if (!cli_common(&cli, ch, optarg))
			option(&o, ch, optarg);
	argc -= optind;
	argv += optind;
	if (cli.out == NULL || strcmp(cli.out, "-") == 0)
		cli_badarg(&cli, "-o FILE is required: a workbook is not "
		    "written to standard output");
	o.out = cli.out;
	o.strict = cli.strict;
	if (o.data != NULL && o.labels == NULL)
		cli_badarg(&cli, "--data: only with --labels");
	b = xlsx_book_new(&o, argc > 0 ? (const char *const *)argv :
	    stdin_only, argc > 0 ? (size_t)argc : 1);
	if ((c = xlsx_book_chart_unplaced(b)) != NULL)
		cli_badarg(&cli, "--chart %s: no sheet named '%s'", c->spec,
		    c->sheet);
	if ((spec = xlsx_book_unplaced(b, &sheet)) != NULL)
		cli_badarg(&cli, "%s: no sheet named '%s'", spec, sheet);
	status = xlsx_book_write(b, &err);
	xlsx_opts_free(&o);
	if (err.code != 0 && err.msg[0] != '\0')
		diag_fatal(err.code, "%s", err.msg);
	return status;
}
