/*
 * vawg-rank: ranks perpetrators by recency, frequency and harm (the
 * VAWG 100 and the Op Dauntless cohort).  It streams crimes that carry a
 * person id (suspect_id from vawg-dedupe), keeps one accumulator per id
 * for the offences inside the window ending on the as-of date, adds
 * aggravators from orders (breached) and wanted records (wanted now),
 * and writes the top N with every component of each score, optionally
 * with its arithmetic and its movement since last month's list.  The
 * run is lib/rank (rankrun.h); this file is its options.
 */
#include <stdio.h>
#include <string.h>

#include "core/cli.h"
#include "core/dates.h"
#include "core/diag.h"
#include "core/err.h"
#include "core/outfile.h"
#include "kinds/harm.h"
#include "rank/rankrun.h"
#include "rank/rankscore.h"

#define SYNOPSIS "vawg-rank [--all-crimes] [--da-only] [--explain] " \
	"[--no-excel-safe] [--print-harm] [--print-weights] [--strict] [--as-of date] " \
	"[--date column] [--harm file] [--id column] [--min-da n] " \
	"[--orders file] [--previous file] [--role role] [--top n] " \
	"[--victim-id column] [--wanted file] [--weights file] " \
	"[--window days] [-o file] [file ...]"

#define HELP \
"  --all-crimes        count every crime, not only VAWG ones\n" \
"  --as-of DATE        end of the window (YYYY-MM-DD; default today)\n" \
"  --da-only           count only domestic abuse crimes (da_flag Y)\n" \
"  --date COLUMN       offence date column (default reported_date;\n" \
"                      committed_date when empty)\n" \
"  --explain           add an explain column with each score's arithmetic\n" \
"  --harm FILE         crime-harm table (offence_code,harm_days)\n" \
"  --id COLUMN         person id column (default suspect_id)\n" \
"  --min-da N          list only persons with N or more DA offences\n" \
"  --orders FILE       orders: breach_count > 0 flags the respondent\n" \
"  --previous FILE     last list: mark new, left and rank movement\n" \
"  --print-harm        write the built-in harm table and exit\n" \
"  --print-weights     write the built-in weights and exit\n" \
"  --role ROLE         name columns ROLE_forename... (default: from --id)\n" \
"  --top N             list the top N (default 100; 0 = everyone)\n" \
"  --victim-id COLUMN  victim id column (default victim_id; else name+dob)\n" \
"  --wanted FILE       wanted records: not arrested flags the person\n" \
"  --weights FILE      score weights (weight,value)\n" \
"  --window DAYS       window length, e.g. 365d (default 365d)\n" \
"  -o, --output FILE   write FILE (mode 0600) instead of stdout\n" \
"  --no-excel-safe     write fields beginning with = + - @ TAB CR as they\n" \
"                      are (default: '= quoted, safe to open in a\n" \
"                      spreadsheet; --previous reads either)\n" \
"  --strict            any rejected row fails the run (exit 65)\n" \
"  --mode MODE         mode of the created file (default 0600)\n" \
"  -h, --help          this help;  --version  the version\n" \
"\n" \
"Memory: one accumulator per distinct person id and one 8-byte hash per\n" \
"distinct person-victim pair; never the crimes themselves.\n"

enum {
	OPT_ALL = CLI_OPT_FIRST_FREE,
	OPT_DA_ONLY,
	OPT_DATE,
	OPT_EXPLAIN,
	OPT_HARM,
	OPT_ID,
	OPT_MIN_DA,
	OPT_ORDERS,
	OPT_PREVIOUS,
	OPT_PRINT_HARM,
	OPT_PRINT_WEIGHTS,
	OPT_ROLE,
	OPT_TOP,
	OPT_VICTIM_ID,
	OPT_WANTED,
	OPT_WEIGHTS,
	OPT_WINDOW,
};

static const struct option longopts[] = {
	CLI_LONGOPTS,
	CLI_EXCEL_LONGOPTS,
	CLI_ASOF_LONGOPTS,
	{ "all-crimes", no_argument, NULL, OPT_ALL },
	{ "da-only", no_argument, NULL, OPT_DA_ONLY },
	{ "date", required_argument, NULL, OPT_DATE },
	{ "explain", no_argument, NULL, OPT_EXPLAIN },
	{ "harm", required_argument, NULL, OPT_HARM },
	{ "id", required_argument, NULL, OPT_ID },
	{ "min-da", required_argument, NULL, OPT_MIN_DA },
	{ "orders", required_argument, NULL, OPT_ORDERS },
	{ "previous", required_argument, NULL, OPT_PREVIOUS },
	{ "print-harm", no_argument, NULL, OPT_PRINT_HARM },
	{ "print-weights", no_argument, NULL, OPT_PRINT_WEIGHTS },
	{ "role", required_argument, NULL, OPT_ROLE },
	{ "top", required_argument, NULL, OPT_TOP },
	{ "victim-id", required_argument, NULL, OPT_VICTIM_ID },
	{ "wanted", required_argument, NULL, OPT_WANTED },
	{ "weights", required_argument, NULL, OPT_WEIGHTS },
	{ "window", required_argument, NULL, OPT_WINDOW },
	{ NULL, 0, NULL, 0 }
};

struct opts {
	struct cli cli;
	struct rank_opts r;
	int print;		/* 1 --print-harm, 2 --print-weights */
};

/* "365", "365d": days from 1 to 36500. */
static int
parse_window(const char *s)
{
	char buf[16];
	size_t n = strlen(s);
	long v;

	if (n == 0 || n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n + 1);
	if (buf[n - 1] == 'd')
		buf[n - 1] = '\0';
	v = rank_parse_count(buf, 36500);
	return v >= 1 ? (int)v : -1;
}

/* An option that takes a number; exits 64 when its argument is bad. */
static void
number_opt(struct opts *o, int ch, const char *arg)
{
	long v;

	switch (ch) {
	case OPT_MIN_DA:
		if ((v = rank_parse_count(arg, 1000000)) < 1)
			cli_badarg(&o->cli, "--min-da: not a count from 1");
		o->r.min_da = (unsigned long)v;
		break;
	case OPT_TOP:
		if ((v = rank_parse_count(arg, 100000000)) < 0)
			cli_badarg(&o->cli, "--top: not a count");
		o->r.top = (size_t)v;
		break;
	case OPT_WINDOW:
		if ((o->r.window = parse_window(arg)) < 0)
			cli_badarg(&o->cli, "--window: not a number of days "
			    "from 1 to 36500, such as 365d");
		break;
	}
}

/* One option of the program's own; exits 64 on an unknown one. */
static void
option(struct opts *o, int ch, const char *arg)
{
	struct rank_opts *r = &o->r;

	switch (ch) {
	case OPT_ALL:
		r->all = 1;
		break;
	case OPT_MIN_DA:
	case OPT_TOP:
	case OPT_WINDOW:
		number_opt(o, ch, arg);
		break;
	case OPT_DA_ONLY:
		r->da_only = 1;
		break;
	case OPT_DATE:
		r->datecol = arg;
		break;
	case OPT_EXPLAIN:
		r->explain = 1;
		break;
	case OPT_HARM:
		r->harmfile = arg;
		break;
	case OPT_ID:
		r->idcol = arg;
		break;
	case OPT_ORDERS:
		r->orders = arg;
		break;
	case OPT_PREVIOUS:
		r->previous = arg;
		break;
	case OPT_PRINT_HARM:
		o->print = 1;
		break;
	case OPT_PRINT_WEIGHTS:
		o->print = 2;
		break;
	case OPT_ROLE:
		r->role = arg;
		break;
	case OPT_VICTIM_ID:
		r->victimcol = arg;
		break;
	case OPT_WANTED:
		r->wanted = arg;
		break;
	case OPT_WEIGHTS:
		r->weightsfile = arg;
		break;
	default:
		cli_usage(&o->cli);
	}
}

static int
print_table(const struct opts *o, const char *text)
{
	struct vawg_err e = { 0 };
	struct outfile *out = out_open(o->cli.out, &e);
	int status;

	if (out == NULL)
		err_exit(&e);
	fputs(text, out_fp(out));
	status = out_close(out, 0, &e);
	err_exit(&e);
	return status;
}

int
main(int argc, char *argv[])
{
	struct opts o = {
		.cli = { .synopsis = SYNOPSIS, .help = HELP, .excel_safe = 1 },
		.r = { .idcol = "suspect_id", .datecol = "reported_date",
		    .victimcol = "victim_id", .window = 365, .top = 100 },
	};
	struct vawg_err err;
	int ch, status;

	diag_setprog(argv[0]);
	while ((ch = getopt_long(argc, argv, "ho:", longopts, NULL)) != -1)
		if (!cli_common(&o.cli, ch, optarg))
			option(&o, ch, optarg);
	argc -= optind;
	argv += optind;
	o.r.as_of = cli_as_of(&o.cli, date_today());
	if (o.r.idcol[0] == '\0' || o.r.datecol[0] == '\0' ||
	    o.r.victimcol[0] == '\0' || (o.r.role != NULL &&
	    o.r.role[0] == '\0'))
		cli_badarg(&o.cli, "a column or role name is empty");
	if (o.print == 1)
		return print_table(&o, harm_default_csv);
	if (o.print == 2)
		return print_table(&o, rank_weights_default_csv);
	o.r.out = o.cli.out;
	o.r.strict = o.cli.strict;
	o.r.excel_safe = o.cli.excel_safe;
	status = rank_run(&o.r, argc, argv, &err);
	if (err.code != 0)
		diag_fatal(err.code, "%s", err.msg);
	return status;
}
