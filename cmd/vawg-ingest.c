/*
 * vawg-ingest: turns a raw export (any delimiter, CRLF, BOM, CP1252 or
 * UTF-8, the source system's own column names and date formats) into
 * canonical CSV of one record kind, and accounts for every row: each is
 * either written or rejected, byte for byte, with its line and reasons.
 * The engine is lib/ingest; the kinds, their columns and vocabularies
 * are lib/kinds.
 *
 * usage: vawg-ingest [--aliases] [--excel-safe] [--strict]
 *            [--strict-fields] [-d delim]
 *            [--as-of date]
 *            [--date-order dmy|mdy] [--encoding enc] [-k kind] [-m map]
 *            [-o file] [--offences file] [--outcomes file]
 *            [--profile name] [-r rejects] [--ref-pattern re]
 *            [--header-row n] [--sheet name] [file ...]
 *        vawg-ingest --describe kind
 *
 * A file may be an .xlsx workbook (known by its content): its sheet is
 * read as CSV (lib/xlsx/xlsxread).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cli.h"
#include "core/dates.h"
#include "core/diag.h"
#include "core/err.h"
#include "core/outfile.h"
#include "ingest/ingest.h"
#include "kinds/classify.h"
#include "kinds/schema.h"

static const char synopsis[] =
    "vawg-ingest [--aliases] [--excel-safe] [--strict] [--strict-fields] "
    "[-d delim] "
    "[--as-of date] "
    "[--date-order dmy|mdy] [--encoding enc] [-k kind] [-m map] [-o file] "
    "[--every-outcome] [--offences file] [--outcomes file] [--profile name] "
    "[-r rejects] [--summary file] "
    "[--ref-pattern re] [--header-row n] [--sheet name|n] [file ...]\n"
    "       vawg-ingest --describe kind";

static const char help[] =
    "  -k, --kind KIND        crime, wanted, order, marac, disclosure,\n"
    "                         engagement or population\n"
    "  -m, --map FILE         column map: lines \"canonical = Source Header\"\n"
    "  -r, --rejects FILE     write rejected rows there, as they were, with\n"
    "                         reject_file, reject_line, reject_reasons\n"
    "      --summary FILE     write a row per input there: file, read,\n"
    "                         written, rejected, flagged, date_column,\n"
    "                         first_date, last_date (of the rows written)\n"
    "  -d, --delimiter C      field delimiter (default: sniffed , TAB ; |)\n"
    "      --encoding ENC     auto (default), utf-8, cp1252 or latin1\n"
    "      --date-order ORD   dmy (default) or mdy for dd/mm versus mm/dd\n"
    "      --as-of DATE       dates after DATE are rejected (default today)\n"
    "      --ref-pattern RE   the reference column must match RE (PCRE2)\n"
    "      --sheet NAME|N     the sheet of an .xlsx workbook to read, by\n"
    "                         name or number from 1 (default the first)\n"
    "      --header-row N     a workbook's headings are on row N, below a\n"
    "                         title block (default 1)\n"
    "      --offences FILE    offence code table (code,offence_group,vawg,\n"
    "                         description)\n"
    "      --outcomes FILE    outcome table (code,outcome_group,description)\n"
    "      --profile NAME     police-uk-street or police-uk-outcomes\n"
    "                         (outcomes: one row per Crime ID, its latest\n"
    "                         outcome by month; a charge or court result\n"
    "                         is never replaced by a later outcome of\n"
    "                         another kind; repeated rows once)\n"
    "      --every-outcome    police-uk-outcomes: every row as published\n"
    "      --aliases          print the kind's columns and spellings, exit\n"
    "      --describe KIND    print the kind's schema as CSV (column, type,\n"
    "                         required, role, field, key, key_date,\n"
    "                         period_date, link, values), exit\n"
    "  -o, --output FILE      write FILE (mode 0600) instead of stdout\n"
    "      --excel-safe       neutralise fields a spreadsheet would run\n"
    "                         (= + - @ TAB CR first: '= quoted); rejected\n"
    "                         rows stay as they came\n"
    "      --strict           stop at the first rejected row, exit 65\n"
    "      --strict-fields    reject a row for a bad value in any field,\n"
    "                         not only for a record fault (no reference,\n"
    "                         no usable key date, wrong field count,\n"
    "                         undecodable bytes); default: blank the value\n"
    "                         and name it in quality_flags\n"
    "      --mode MODE        mode of created files (default 0600)\n"
    "  -h, --help             this help\n"
    "      --version          version\n"
    "\n"
    "Memory: one record at a time, plus the distinct reject reasons;\n"
    "police-uk-outcomes: plus one row per distinct Crime ID.\n";

enum {
	OPT_ENCODING = CLI_OPT_FIRST_FREE,
	OPT_DATE_ORDER,
	OPT_REF_PATTERN,
	OPT_OFFENCES,
	OPT_OUTCOMES,
	OPT_PROFILE,
	OPT_ALIASES,
	OPT_STRICT_FIELDS,
	OPT_EVERY_OUTCOME,
	OPT_DESCRIBE,
	OPT_SHEET,
	OPT_HEADER_ROW,
	OPT_SUMMARY,
};

static const struct option longopts[] = {
	CLI_LONGOPTS,
	CLI_EXCEL_LONGOPTS,
	CLI_ASOF_LONGOPTS,
	{ "kind", required_argument, NULL, 'k' },
	{ "map", required_argument, NULL, 'm' },
	{ "rejects", required_argument, NULL, 'r' },
	{ "delimiter", required_argument, NULL, 'd' },
	{ "encoding", required_argument, NULL, OPT_ENCODING },
	{ "date-order", required_argument, NULL, OPT_DATE_ORDER },
	{ "ref-pattern", required_argument, NULL, OPT_REF_PATTERN },
	{ "offences", required_argument, NULL, OPT_OFFENCES },
	{ "outcomes", required_argument, NULL, OPT_OUTCOMES },
	{ "profile", required_argument, NULL, OPT_PROFILE },
	{ "aliases", no_argument, NULL, OPT_ALIASES },
	{ "strict-fields", no_argument, NULL, OPT_STRICT_FIELDS },
	{ "every-outcome", no_argument, NULL, OPT_EVERY_OUTCOME },
	{ "describe", required_argument, NULL, OPT_DESCRIBE },
	{ "sheet", required_argument, NULL, OPT_SHEET },
	{ "header-row", required_argument, NULL, OPT_HEADER_ROW },
	{ "summary", required_argument, NULL, OPT_SUMMARY },
	{ NULL, 0, NULL, 0 }
};

/* What main() collects before the run. */
struct args {
	struct cli cli;
	struct ingest_opts o;
	const char *kind, *profile, *offences, *outcomes, *ref_re, *map_path;
	const char *describe;
	int aliases;
};

static const char kinds_list[] = "crime, wanted, order, marac, "
    "disclosure, engagement or population";

static void
load_table(enum classify_table t, const char *path)
{
	char err[256];

	if (classify_load(t, path, err, sizeof(err)) != 0)
		diag_fatal(EX_DATAERR, "%s", err);
}

static void
set_delim(struct args *a, const char *arg)
{
	if (strcmp(arg, "tab") == 0 || strcmp(arg, "\\t") == 0)
		a->o.delim = '\t';
	else if (strlen(arg) == 1 && arg[0] != '"' && arg[0] != '\n' &&
	    arg[0] != '\r')
		a->o.delim = (unsigned char)arg[0];
	else
		cli_badarg(&a->cli, "-d: one character");
}

/* --header-row: a row number of a sheet, 1 to 1,048,576. */
static unsigned long
header_row(struct args *a, const char *arg)
{
	char *end;
	unsigned long n;

	errno = 0;
	n = strtoul(arg, &end, 10);
	if (*arg < '0' || *arg > '9' || *end != '\0' || errno != 0 ||
	    n < 1 || n > 1048576)
		cli_badarg(&a->cli, "--header-row: a row number from 1 to "
		    "1048576");
	return n;
}

/* One option of the program's own; a usage error when unknown. */
static void
option(struct args *a, int ch, const char *arg)
{
	switch (ch) {
	case 'd':
		set_delim(a, arg);
		break;
	case 'k':
		a->kind = arg;
		break;
	case 'm':
		a->map_path = arg;
		break;
	case 'r':
		a->o.rejects = arg;
		break;
	case OPT_SUMMARY:
		a->o.summary = arg;
		break;
	case OPT_ALIASES:
		a->aliases = 1;
		break;
	case OPT_DESCRIBE:
		a->describe = arg;
		break;
	case OPT_STRICT_FIELDS:
		a->o.strict_fields = 1;
		break;
	case OPT_SHEET:
		if (*arg == '\0')
			cli_badarg(&a->cli, "--sheet: a sheet name or number");
		a->o.xlsx.sheet = arg;
		break;
	case OPT_HEADER_ROW:
		a->o.xlsx.header_row = header_row(a, arg);
		break;
	case OPT_EVERY_OUTCOME:
		a->o.every_outcome = 1;
		break;
	case OPT_DATE_ORDER:
		if (dateparse_order_parse(arg, &a->o.dp.order) != 0)
			cli_badarg(&a->cli, "--date-order: dmy or mdy");
		break;
	case OPT_ENCODING:
		if (enc_parse(arg, &a->o.enc) != 0)
			cli_badarg(&a->cli, "--encoding: auto, utf-8, "
			    "cp1252 or latin1");
		break;
	case OPT_OFFENCES:
		a->offences = arg;
		break;
	case OPT_OUTCOMES:
		a->outcomes = arg;
		break;
	case OPT_PROFILE:
		a->profile = arg;
		break;
	case OPT_REF_PATTERN:
		a->ref_re = arg;
		break;
	default:
		cli_usage(&a->cli);
	}
}

/* The profile and the kind; usage errors for what does not mix. */
static void
check_kind(struct args *a)
{
	if (a->profile != NULL) {
		if (strcmp(a->profile, "police-uk-street") == 0)
			a->o.profile = INGEST_UKP_STREET;
		else if (strcmp(a->profile, "police-uk-outcomes") == 0)
			a->o.profile = INGEST_UKP_OUTCOMES;
		else
			cli_badarg(&a->cli, "--profile: police-uk-street or "
			    "police-uk-outcomes");
		if (a->kind != NULL && strcmp(a->kind, "crime") != 0)
			cli_badarg(&a->cli, "--profile reads into kind crime");
		if (a->map_path != NULL)
			cli_badarg(&a->cli, "--profile and --map do not mix");
		a->kind = "crime";
	}
	if (a->o.every_outcome && a->o.profile != INGEST_UKP_OUTCOMES)
		cli_badarg(&a->cli, "--every-outcome is for --profile "
		    "police-uk-outcomes");
	if (a->kind == NULL)
		cli_badarg(&a->cli, "--kind is required");
	if ((a->o.kind = kind_find(a->kind)) == NULL)
		cli_badarg(&a->cli, "--kind: %s", kinds_list);
}

/* No file is both read and written, nor written twice. */
static void
check_files(struct args *a, int argc, char *const *argv)
{
	int i, nfiles = argc > 0 ? argc : 1;
	struct out_use *u = xcalloc((size_t)nfiles + 6, sizeof(*u));
	struct vawg_err e = { 0 };

	u[0] = (struct out_use){ "-o", a->cli.out ? a->cli.out : "-",
	    OUT_OUT };
	u[1] = (struct out_use){ "--rejects", a->o.rejects, OUT_OUT };
	u[2] = (struct out_use){ "--map", a->map_path, OUT_IN };
	u[3] = (struct out_use){ "--offences", a->offences, OUT_IN };
	u[4] = (struct out_use){ "--outcomes", a->outcomes, OUT_IN };
	for (i = 0; i < nfiles; i++)
		u[i + 5] = (struct out_use){ "input",
		    argc > 0 ? argv[i] : "-", OUT_IN };
	u[nfiles + 5] = (struct out_use){ "--summary", a->o.summary,
	    OUT_OUT };
	out_distinct(u, (size_t)nfiles + 6, &e);
	free(u);
	err_exit(&e);
}

/* Prints the kind's spellings or schema (--aliases, --describe). */
static int
print_kind(const struct args *a)
{
	if (a->describe != NULL)
		kind_describe(a->o.kind, stdout);
	else
		colmap_print_aliases(a->o.kind, stdout);
	if (fflush(stdout) == EOF || ferror(stdout))
		diag_fatal(EX_IOERR, "<stdout>: write error");
	return 0;
}

int
main(int argc, char *argv[])
{
	struct args a;
	struct colmap_user *map = NULL;
	struct vawg_err rerr;
	char err[256];
	int ch, status;

	memset(&a, 0, sizeof(a));
	a.cli.synopsis = synopsis;
	a.cli.help = help;
	dateparse_defaults(&a.o.dp);
	diag_setprog(argv[0]);
	while ((ch = getopt_long(argc, argv, "d:hk:m:o:r:", longopts,
	    NULL)) != -1)
		if (!cli_common(&a.cli, ch, optarg))
			option(&a, ch, optarg);
	argc -= optind;
	argv += optind;
	a.o.dp.as_of = cli_as_of(&a.cli, a.o.dp.as_of);

	if (a.describe != NULL) {
		if ((a.o.kind = kind_find(a.describe)) == NULL)
			cli_badarg(&a.cli, "--describe: %s", kinds_list);
		return print_kind(&a);
	}
	check_kind(&a);
	if (a.aliases)
		return print_kind(&a);
	check_files(&a, argc, argv);
	if (a.ref_re != NULL && (a.o.ref_re = ident_pattern_new(a.ref_re,
	    err, sizeof(err))) == NULL)
		cli_badarg(&a.cli, "--ref-pattern: %s", err);
	if (a.map_path != NULL && (map = colmap_user_load(a.map_path,
	    a.o.kind, err, sizeof(err))) == NULL)
		diag_fatal(errno != 0 ? EX_NOINPUT : EX_DATAERR, "%s", err);
	if (a.offences != NULL)
		load_table(CLASSIFY_OFFENCES, a.offences);
	if (a.outcomes != NULL)
		load_table(CLASSIFY_OUTCOMES, a.outcomes);

	a.o.map = map;
	a.o.strict = a.cli.strict;
	a.o.excel_safe = a.cli.excel_safe;
	a.o.out = a.cli.out;
	status = ingest_run(&a.o, argc, argv, &rerr);
	colmap_user_free(map);
	ident_pattern_free(a.o.ref_re);
	if (rerr.code != 0)
		diag_fatal(rerr.code, "%s", rerr.msg);
	return status;
}
