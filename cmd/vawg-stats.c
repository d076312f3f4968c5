/*
 * vawg-stats: the figures of the VAWG action plan from canonical CSV.
 *
 * One metric a run: record counts, charge rates (closed or recorded
 * basis, compared with the previous period or the year before),
 * outcome distributions with a positive outcome rate, protective orders,
 * wanted offenders, MARAC cases, Clare's Law disclosures, repeat
 * victimisation, before/after changes and engagement against a target.
 * One CSV out: one row per group and period, the group columns first,
 * then the period, then numerators, denominators and rates, each rate
 * with the bounds of its confidence interval (Wilson for proportions,
 * exact Poisson for counts, exact conditional binomial for a rate
 * ratio).  Empty group values are counted under "unknown"; rows whose
 * date cannot be read are counted under the period "unknown" and in a
 * note on stderr.  Memory holds one accumulator per group and period;
 * the marac and repeat metrics also keep one date per case or crime.
 *
 * vawg-stats METRIC [--distinct] [--basis b] [--by cols] [--period p]
 *     [--from date] [--to date] [--at date] [--where col=value] ...
 *     [-o file] [file ...]
 * vawg-stats headline [--change name] [--tables dir] [-o file] spec
 *
 * The headline mode sums figures from the tables the metrics wrote
 * (lib/stats/headline.c).
 */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cli.h"
#include "core/dates.h"
#include "core/diag.h"
#include "core/err.h"
#include "core/outfile.h"
#include "kinds/classify.h"
#include "stats/stats.h"

#define SYNOPSIS \
	"vawg-stats count|charge-rate|outcomes|orders|wanted|marac|" \
	"disclosures|repeat|change|engagement|hotspots|profile|pnc-upload|" \
	"dvds-contact|completeness [--distinct] [--excel-safe] " \
	"[--strict] " \
	"[--after from..to] [--area column] [--at date] [--basis closed|recorded] " \
	"[--before from..to] [--by columns] [--compare prev|yoy] " \
	"[--date column] [--days n] [--from date] [--level percent] " \
	"[--outcomes file] [--per column] " \
	"[--period " \
	"month|quarter|fy|year|rolling12|all] [--population file] " \
	"[--positive codes] [--role victim|suspect] [--target n] [--to date] " \
	"[--where column=value] [--allow-partial] [--data-from date] " \
	"[--data-to date] [--control column=value] [--seasonal] [--rank] " \
	"[--rank-by column] " \
	"[--place col|grid:metres] [--top n] [--geojson file] [--svg file] " \
	"[--window hh:mm-hh:mm] [--type type] [-o file] [file ...]\n" \
	"       vawg-stats headline [--excel-safe] [--change name] " \
	"[--tables dir] [-o file] spec"

#define HELP \
	"  -b, --by COLS          group by these columns (comma-separated)\n" \
	"  -p, --period P         month, quarter, fy (April-March), year,\n" \
	"                         rolling12 or all (default month; wanted: all)\n" \
	"  --from DATE, --to DATE count only rows dated in this range\n" \
	"  --at DATE              snapshot date (orders, wanted, disclosures;\n" \
	"                         default today)\n" \
	"  -w, --where COL=VALUE  keep rows where COL is VALUE (repeatable;\n" \
	"                         the same column twice means either value)\n" \
	"  --date COL             date column that places a row in a period\n" \
	"  --basis B              charge-rate, outcomes: closed (default) or\n" \
	"                         recorded\n" \
	"  --compare C            count, charge-rate, hotspots: prev or yoy\n" \
	"  --positive CODES       outcomes: positive outcome numbers\n" \
	"                         (default 1,2,3,4,6,7,8)\n" \
	"  --outcomes FILE        outcome table (code,outcome_group,\n" \
	"                         description) in place of the built-in one\n" \
	"  --population FILE      population CSV for per-capita rates\n" \
	"  --area COL             column matched to the population area\n" \
	"                         (default borough)\n" \
	"  --level PCT            confidence level in percent (default 95)\n" \
	"  --distinct             count: each key (crime_ref, ...) once\n" \
	"  --role R               repeat: victim (default) or suspect\n" \
	"  --before A..B, --after C..D   change: the two windows\n" \
	"  --target N             engagement: activities wanted per period\n" \
	"  --allow-partial        a window outside the data's months is\n" \
	"                         flagged on the rows, not an error (exit 65)\n" \
	"  --data-from D, --data-to D  the data's range (default: the first\n" \
	"                         and last date of the date column)\n" \
	"  --control COL=VALUE    change: a comparison area (repeatable;\n" \
	"                         VALUE * drops the --where on COL); the\n" \
	"                         ratio of rate ratios\n" \
	"  --seasonal             change: the same windows a year earlier\n" \
	"                         as the comparison\n" \
	"  --rank                 rank among areas (1 highest; ties share)\n" \
	"  --rank-by COL          the column ranked (default the first)\n" \
	"  --place P              hotspots: a column (lsoa, ward,\n" \
	"                         postcode_sector ...) or grid:METRES, squares\n" \
	"                         on the British National Grid (default lsoa)\n" \
	"  --top N                hotspots: places counted as hot (default 10)\n" \
	"  --geojson FILE         hotspots: the ranked places for a GIS\n" \
	"  --svg FILE             hotspots: grid cells shaded by count\n" \
	"  --window A-B           profile: the share between times A and B\n" \
	"  --per COL              engagement: the target per unit (bcu,\n" \
	"                         borough or ward), every unit listed\n" \
	"  --type T               engagement: count activities of type T\n" \
	"  --days N               pnc-upload, dvds-contact: the deadline in\n" \
	"                         days (default 7)\n" \
	"  -o, --output FILE      write FILE (mode 0600) instead of stdout\n" \
	"headline: figures summed from vawg-stats tables, as a spec says\n" \
	"  --tables DIR           the spec's table names are under DIR\n" \
	"  --change NAME          add column NAME: first figure minus last\n" \
	"  --excel-safe           neutralise fields a spreadsheet would run\n" \
	"                         (= + - @ TAB CR first: '= quoted)\n" \
	"  --strict               a bad row fails the run (exit 65)\n" \
	"  --mode MODE            mode of the output file (default 0600)\n" \
	"  -h, --help, --version\n" \
	"Memory: one accumulator per group and period (and per distinct key\n" \
	"with --distinct); marac and repeat keep one date per case or crime,\n" \
	"orders one per DVPN and DVPO; rows without a person id are kept\n" \
	"for linkage, about 100 bytes each.\n"

static struct cli cli = { .synopsis = SYNOPSIS, .help = HELP };
static const char *outcomes_file;
/* headline: --tables, --change; options of the metrics seen */
static const char *tables_dir, *change_name;
static int metric_options;

static int32_t
arg_date(const char *opt, const char *s)
{
	int32_t d;

	if (date_parse_iso(s, strlen(s), &d) != 0 || strlen(s) != 10)
		cli_badarg(&cli, "%s: not a date (YYYY-MM-DD)", opt);
	return d;
}

/* Parses FROM..TO into two days. */
static void
arg_window(const char *opt, const char *s, int32_t *a, int32_t *b)
{
	const char *dots = strstr(s, "..");
	int32_t x, y;

	if (dots == NULL || dots - s != 10 || strlen(dots + 2) != 10 ||
	    date_parse_iso(s, 10, &x) != 0 ||
	    date_parse_iso(dots + 2, 10, &y) != 0 || y < x)
		cli_badarg(&cli, "%s: not a window FROM..TO (YYYY-MM-DD)", opt);
	*a = x;
	*b = y;
}

static char **
split_list(const char *s, size_t *n)
{
	char *copy = xstrdup(s), *p = copy, **v = NULL;
	size_t k = 0;

	for (;;) {
		char *c = strchr(p, ',');

		if (c != NULL)
			*c = '\0';
		if (*p == '\0')
			cli_badarg(&cli, "--by: empty column name");
		v = xreallocarray(v, k + 1, sizeof(*v));
		v[k++] = xstrdup(p);
		if (c == NULL)
			break;
		p = c + 1;
	}
	free(copy);
	*n = k;
	return v;
}

/* --by or --per: the grouping columns, replacing those of an earlier one. */
static void
set_by(struct stats_opts *o, const char *arg)
{
	size_t k;

	for (k = 0; k < o->nby; k++)
		free(o->by[k]);
	free(o->by);
	o->by = split_list(arg, &o->nby);
}

/* --where or --control COLUMN=VALUE onto the list *w of *n. */
static void
add_where(const char *opt, struct where **w, size_t *n, const char *arg)
{
	const char *eq = strchr(arg, '=');

	if (eq == NULL || eq == arg)
		cli_badarg(&cli, "%s: expected COLUMN=VALUE", opt);
	*w = xreallocarray(*w, *n + 1, sizeof(**w));
	(*w)[*n].col = xstrndup(arg, (size_t)(eq - arg));
	(*w)[*n].val = eq + 1;
	(*w)[*n].vlen = strlen(eq + 1);
	(*n)++;
}

/* s is one of the words a ("closed|recorded"): its index from 1. */
static int
arg_word(const char *opt, const char *s, const char *a, const char *b)
{
	if (strcmp(s, a) == 0)
		return 1;
	if (strcmp(s, b) == 0)
		return 2;
	cli_badarg(&cli, "%s: %s or %s", opt, a, b);
}

static void
arg_period(struct stats_opts *o, const char *s)
{
	if (strcmp(s, "rolling12") == 0) {
		o->rolling = 1;
		o->period = PERIOD_MONTH;
	} else if (period_parse(s, &o->period) != 0)
		cli_badarg(&cli, "--period: month, quarter, fy, year, rolling12 "
		    "or all");
	else
		o->rolling = 0;
	o->period_set = 1;
}

static void
arg_level(struct stats_opts *o, const char *s)
{
	char *endp;

	errno = 0;
	o->level = strtod(s, &endp) / 100;
	if (*endp != '\0' || errno != 0 || !(o->level >= 0.5) ||
	    !(o->level < 1))
		cli_badarg(&cli, "--level: a percentage from 50 to below 100");
}

static void
arg_target(struct stats_opts *o, const char *s)
{
	char *endp;

	errno = 0;
	o->target = strtol(s, &endp, 10);
	if (*endp != '\0' || errno != 0 || o->target < 0 || endp == s)
		cli_badarg(&cli, "--target: a whole number");
	o->has_target = 1;
}

static void
arg_days(struct stats_opts *o, const char *s)
{
	double d = cli_number(&cli, "--days", s);

	if (!(d >= 0 && d <= 3650) || d != (int)d)
		cli_badarg(&cli, "--days: a whole number of days, 0 to 3650");
	o->days = (int)d;
	o->has_days = 1;
}

static void
arg_outcomes(const char *s)
{
	char err[256];

	outcomes_file = s;
	if (classify_load(CLASSIFY_OUTCOMES, s, err, sizeof(err)) != 0)
		diag_fatal(EX_DATAERR, "%s", err);
}

enum {
	OPT_FROM = CLI_OPT_FIRST_FREE, OPT_TO, OPT_AT, OPT_COMPARE, OPT_BASIS,
	OPT_POPULATION, OPT_LEVEL, OPT_DATE, OPT_DISTINCT, OPT_ROLE,
	OPT_BEFORE, OPT_AFTER, OPT_TARGET, OPT_POSITIVE, OPT_AREA,
	OPT_OUTCOMES, OPT_TABLES, OPT_CHANGE, OPT_ALLOW_PARTIAL, OPT_DATA_FROM,
	OPT_DATA_TO, OPT_CONTROL, OPT_SEASONAL, OPT_RANK, OPT_RANK_BY,
	OPT_PLACE, OPT_TOP, OPT_GEOJSON, OPT_SVG, OPT_WINDOW,
	OPT_DAYS, OPT_PER, OPT_TYPE
};

static const struct option longopts[] = {
	CLI_LONGOPTS,
	CLI_EXCEL_LONGOPTS,
	{ "after", required_argument, NULL, OPT_AFTER },
	{ "allow-partial", no_argument, NULL, OPT_ALLOW_PARTIAL },
	{ "area", required_argument, NULL, OPT_AREA },
	{ "at", required_argument, NULL, OPT_AT },
	{ "basis", required_argument, NULL, OPT_BASIS },
	{ "before", required_argument, NULL, OPT_BEFORE },
	{ "by", required_argument, NULL, 'b' },
	{ "change", required_argument, NULL, OPT_CHANGE },
	{ "compare", required_argument, NULL, OPT_COMPARE },
	{ "control", required_argument, NULL, OPT_CONTROL },
	{ "data-from", required_argument, NULL, OPT_DATA_FROM },
	{ "data-to", required_argument, NULL, OPT_DATA_TO },
	{ "date", required_argument, NULL, OPT_DATE },
	{ "days", required_argument, NULL, OPT_DAYS },
	{ "distinct", no_argument, NULL, OPT_DISTINCT },
	{ "from", required_argument, NULL, OPT_FROM },
	{ "geojson", required_argument, NULL, OPT_GEOJSON },
	{ "place", required_argument, NULL, OPT_PLACE },
	{ "svg", required_argument, NULL, OPT_SVG },
	{ "top", required_argument, NULL, OPT_TOP },
	{ "window", required_argument, NULL, OPT_WINDOW },
	{ "level", required_argument, NULL, OPT_LEVEL },
	{ "outcomes", required_argument, NULL, OPT_OUTCOMES },
	{ "per", required_argument, NULL, OPT_PER },
	{ "period", required_argument, NULL, 'p' },
	{ "population", required_argument, NULL, OPT_POPULATION },
	{ "positive", required_argument, NULL, OPT_POSITIVE },
	{ "rank", no_argument, NULL, OPT_RANK },
	{ "rank-by", required_argument, NULL, OPT_RANK_BY },
	{ "role", required_argument, NULL, OPT_ROLE },
	{ "seasonal", no_argument, NULL, OPT_SEASONAL },
	{ "tables", required_argument, NULL, OPT_TABLES },
	{ "target", required_argument, NULL, OPT_TARGET },
	{ "to", required_argument, NULL, OPT_TO },
	{ "type", required_argument, NULL, OPT_TYPE },
	{ "where", required_argument, NULL, 'w' },
	{ NULL, 0, NULL, 0 }
};

static void more_option(struct stats_opts *o, int ch, const char *arg);

/* One option of the program's own. */
static void
option(struct stats_opts *o, int ch, const char *arg)
{
	const char *err;

	if (ch == OPT_TABLES || ch == OPT_CHANGE) {
		*(ch == OPT_TABLES ? &tables_dir : &change_name) = arg;
		return;
	}
	metric_options++;
	switch (ch) {
	case OPT_AFTER:
		arg_window("--after", arg, &o->a0, &o->a1);
		o->has_after = 1;
		break;
	case OPT_AREA:
		o->area = arg;
		break;
	case OPT_AT:
		o->at = arg_date("--at", arg);
		o->has_at = 1;
		break;
	case OPT_BASIS:
		o->closed = arg_word("--basis", arg, "closed", "recorded") == 1;
		break;
	case OPT_BEFORE:
		arg_window("--before", arg, &o->b0, &o->b1);
		o->has_before = 1;
		break;
	case 'b':
		set_by(o, arg);
		break;
	case OPT_COMPARE:
		o->compare = arg_word("--compare", arg, "prev", "yoy");
		break;
	case OPT_DATE:
		o->datecol = arg;
		break;
	case OPT_DAYS:
		arg_days(o, arg);
		break;
	case OPT_PER:
		o->per = arg;
		set_by(o, arg);
		break;
	case OPT_TYPE:
		o->type = arg;
		break;
	case OPT_DISTINCT:
		o->distinct = 1;
		break;
	case OPT_FROM:
		o->from = arg_date("--from", arg);
		o->has_from = 1;
		break;
	case OPT_LEVEL:
		arg_level(o, arg);
		break;
	case OPT_OUTCOMES:
		arg_outcomes(arg);
		break;
	case 'p':
		arg_period(o, arg);
		break;
	case OPT_POPULATION:
		o->popfile = arg;
		break;
	case OPT_POSITIVE:
		if ((err = stats_parse_positive(o, arg)) != NULL)
			cli_badarg(&cli, "%s", err);
		break;
	case OPT_ROLE:
		o->role = arg;
		break;
	case OPT_TARGET:
		arg_target(o, arg);
		break;
	case OPT_TO:
		o->to = arg_date("--to", arg);
		o->has_to = 1;
		break;
	case 'w':
		add_where("--where", &o->where, &o->nwhere, arg);
		break;
	case OPT_CONTROL:
		add_where("--control", &o->control, &o->ncontrol, arg);
		break;
	default:
		more_option(o, ch, arg);
	}
}

/* The options of honest figures: coverage, comparison, rank. */
static void
more_option(struct stats_opts *o, int ch, const char *arg)
{
	const char *err;
	char *end;

	switch (ch) {
	case OPT_ALLOW_PARTIAL:
		o->allow_partial = 1;
		break;
	case OPT_DATA_FROM:
		o->data_from = arg_date("--data-from", arg);
		o->has_data_from = 1;
		break;
	case OPT_DATA_TO:
		o->data_to = arg_date("--data-to", arg);
		o->has_data_to = 1;
		break;
	case OPT_SEASONAL:
		o->seasonal = 1;
		break;
	case OPT_RANK:
		o->rank = 1;
		break;
	case OPT_RANK_BY:
		o->rank_by = arg;
		break;
	case OPT_PLACE:
	case OPT_WINDOW:
		if ((err = (ch == OPT_PLACE ? stats_parse_place :
		    stats_parse_window)(o, arg)) != NULL)
			cli_badarg(&cli, "%s", err);
		break;
	case OPT_TOP:
		errno = 0;
		o->top = strtol(arg, &end, 10);
		if (end == arg || *end != '\0' || errno != 0 || o->top < 1)
			cli_badarg(&cli, "--top: a whole number from 1");
		break;
	case OPT_GEOJSON:
		o->geojson = arg;
		break;
	case OPT_SVG:
		o->svg = arg;
		break;
	default:
		cli_usage(&cli);
	}
}

/* Inputs, output and the other files must be distinct files. */
static void
check_files(const struct stats_opts *o, int argc, char **argv)
{
	struct out_use *u = xcalloc((size_t)argc + 5, sizeof(*u));
	struct vawg_err e = { 0 };
	int i;

	u[0] = (struct out_use){ "-o", cli.out, OUT_OUT };
	u[1] = (struct out_use){ "--population", o ? o->popfile : NULL,
	    OUT_IN };
	u[2] = (struct out_use){ "--outcomes", outcomes_file, OUT_IN };
	u[3] = (struct out_use){ "--geojson", o ? o->geojson : NULL, OUT_OUT };
	u[4] = (struct out_use){ "--svg", o ? o->svg : NULL, OUT_OUT };
	for (i = 0; i < argc; i++)
		u[i + 5] = (struct out_use){ "input", argv[i], OUT_IN };
	out_distinct(u, (size_t)argc + 5, &e);
	free(u);
	err_exit(&e);
}

static void
opts_free(struct stats_opts *o)
{
	size_t k;

	for (k = 0; k < o->nby; k++)
		free(o->by[k]);
	free(o->by);
	for (k = 0; k < o->nwhere; k++)
		free((char *)o->where[k].col);
	free(o->where);
	for (k = 0; k < o->ncontrol; k++)
		free((char *)o->control[k].col);
	free(o->control);
}

/* vawg-stats headline [--change name] [--tables dir] [-o file] spec */
static int
headline(int argc, char **argv)
{
	struct outfile *out;
	struct vawg_err err;
	int status;

	if (metric_options > 0)
		cli_badarg(&cli, "headline: only --change, --tables, -o and "
		    "--excel-safe");
	if (argc != 1)
		cli_badarg(&cli, "headline: one spec file");
	check_files(NULL, argc, argv);
	if ((out = out_open(cli.out, &err)) == NULL)
		err_exit(&err);
	status = stats_headline(argv[0], tables_dir, change_name,
	    cli.excel_safe, out_fp(out), out_name(out), &err);
	err_exit(&err);
	status = out_close(out, status, &err);
	err_exit(&err);
	return status;
}

int
main(int argc, char *argv[])
{
	static char *dash[] = { "-", NULL };
	struct stats_opts o;
	struct outfile *out;
	struct vawg_err rerr;
	const char *err;
	int ch, status;

	diag_setprog(argv[0]);
	stats_opts_init(&o);
	while ((ch = getopt_long(argc, argv, "b:ho:p:w:", longopts, NULL)) !=
	    -1)
		if (!cli_common(&cli, ch, optarg))
			option(&o, ch, optarg);
	argc -= optind;
	argv += optind;
	if (argc < 1)
		cli_usage(&cli);
	if (strcmp(argv[0], "headline") == 0)
		return headline(argc - 1, argv + 1);
	if (tables_dir != NULL || change_name != NULL)
		cli_badarg(&cli, "--tables, --change: only for headline");
	if ((o.metric = stats_metric(argv[0])) == NULL)
		cli_badarg(&cli, "unknown metric");
	argc--;
	argv++;
	if (!o.has_at)
		o.at = date_today();
	if ((err = stats_check(&o)) != NULL) {
		opts_free(&o);
		cli_badarg(&cli, "%s", err);
	}
	o.excel_safe = cli.excel_safe;
	if (argc == 0) {
		argv = dash;
		argc = 1;
	}
	check_files(&o, argc, argv);
	if ((out = out_open(cli.out, &rerr)) == NULL)
		err_exit(&rerr);
	status = stats_run(&o, argv, out_fp(out), out_name(out), cli.strict,
	    &rerr);
	opts_free(&o);
	err_exit(&rerr);
	status = out_close(out, status, &rerr);
	err_exit(&rerr);
	return status;
}
