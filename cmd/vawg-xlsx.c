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
#include "xlsx/workbook.h"

enum {
	OPT_AUTHOR = CLI_OPT_FIRST_FREE,
	OPT_CHART,
	OPT_PERCENT,
	OPT_SCALE,
	OPT_TABLE,
	OPT_TEXT,
	OPT_TITLE
};

static const struct option longopts[] = {
	CLI_LONGOPTS,
	{ "author", required_argument, NULL, OPT_AUTHOR },
	{ "chart", required_argument, NULL, OPT_CHART },
	{ "percent", required_argument, NULL, OPT_PERCENT },
	{ "scale", required_argument, NULL, OPT_SCALE },
	{ "table", no_argument, NULL, OPT_TABLE },
	{ "text", required_argument, NULL, OPT_TEXT },
	{ "title", required_argument, NULL, OPT_TITLE },
	{ NULL, 0, NULL, 0 }
};

static struct cli cli = {
	.synopsis =
	"vawg-xlsx [--strict] [--table] [--author name] "
	"[--chart sheet:type:x:y[,y...][:title]] [--mode mode] "
	"[--percent column] [--scale col[..col]] [--text column] "
	"[--title title] -o file "
	"[[name=]file ...]",
	.help =
	"  -o, --output FILE   the workbook to write (required)\n"
	"  --author NAME       author in the document properties\n"
	"  --chart SPEC        a line, column or bar chart of sheet SHEET:\n"
	"                      SHEET:TYPE:X_COL:Y_COL[,Y_COL...][:TITLE]\n"
	"  --mode MODE         octal mode of the workbook (default 0600)\n"
	"  --percent COL       show column COL as a percentage (repeatable)\n"
	"  --scale COL[..LAST] a colour scale (heat map) over column COL, or\n"
	"                      one over the columns COL to LAST (repeatable)\n"
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
	case OPT_PERCENT:
		add_names(&o->percent, &o->npercent, arg);
		break;
	case OPT_SCALE:
		add_names(&o->scale, &o->nscale, arg);
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
	b = xlsx_book_new(&o, argc > 0 ? (const char *const *)argv :
	    stdin_only, argc > 0 ? (size_t)argc : 1);
	if ((c = xlsx_book_chart_unplaced(b)) != NULL)
		cli_badarg(&cli, "--chart %s: no sheet named '%s'", c->spec,
		    c->sheet);
	status = xlsx_book_write(b);
	xlsx_opts_free(&o);
	return status;
}
