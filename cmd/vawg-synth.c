/*
 * vawg-synth: writes synthetic VAWG records for demonstrations, tests
 * and benchmarks.  With --kind, rows of one record kind on standard
 * output, canonical (with <role>_true_id ground-truth columns) or, with
 * --raw, as a source system exports them.  With --all, a coherent data
 * set for one BCU over 36 months: canonical files, raw exports, a
 * manifest, the last MARAC meeting's case list and the ground truth.
 * Same options, same bytes.
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
#include "place/place.h"
#include "synth/synth.h"

enum {
	OPT_ALL = CLI_OPT_FIRST_FREE,
	OPT_END,
	OPT_RAW,
	OPT_SCALE,
	OPT_NOISE,
};

static const struct option longopts[] = {
	CLI_LONGOPTS,
	CLI_EXCEL_LONGOPTS,
	{ "all", required_argument, NULL, OPT_ALL },
	{ "end", required_argument, NULL, OPT_END },
	{ "kind", required_argument, NULL, 'k' },
	{ "raw", no_argument, NULL, OPT_RAW },
	{ "rows", required_argument, NULL, 'n' },
	{ "scale", required_argument, NULL, OPT_SCALE },
	{ "noise", required_argument, NULL, OPT_NOISE },
	{ "seed", required_argument, NULL, 's' },
	{ NULL, 0, NULL, 0 }
};

static struct cli cli = {
	.synopsis =
	"vawg-synth [--excel-safe] [--raw] [--end YYYY-MM] [-k kind] [-n rows] [-o file] "
	"[-s seed] [--noise x] [--scale x]\n"
	"       vawg-synth --all dir [--end YYYY-MM] [-s seed] [--scale x]",
	.help =
	"  -k, --kind KIND   crime, wanted, order, marac, disclosure,\n"
	"                    engagement or population\n"
	"  -n, --rows N      rows to write (default: the rows of a data set\n"
	"                    of --scale)\n"
	"  -s, --seed S      random seed, 0 to 2^64-1 (default 1)\n"
	"      --raw         write the source system's export instead of\n"
	"                    canonical CSV: its column names, dd/mm/yyyy\n"
	"                    dates, encoding, delimiter, line ends, and a few\n"
	"                    planted bad rows\n"
	"      --all DIR     write the whole data set into DIR\n"
	"      --scale X     size of the data set; 1 = one BCU (default 1)\n"
	"      --noise X     noise in persons' names, DOB and PNC ID: 0 none,\n"
	"                    1 the usual mix (default), up to 4\n"
	"      --end YYYY-MM data end with the month before (default 2026-10)\n"
	"  -o, --output FILE write FILE instead of standard output\n"
	"      --excel-safe  neutralise fields a spreadsheet would run\n"
	"                    (= + - @ TAB CR first: '= quoted)\n"
	"      --mode MODE   mode of created files (default 0600)\n"
	"  -h, --help        this help\n"
	"      --version     the version\n"
	"\n"
	"Memory: constant; persons are derived from the seed on demand, and\n"
	"rows are written as they are made.\n",
};

static uint64_t
parse_u64(const char *opt, const char *s, uint64_t max)
{
	char *end;
	unsigned long long v;

	errno = 0;
	if (*s == '-' || *s == '\0')
		cli_badarg(&cli, "%s: not a whole number", opt);
	v = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0' || v > max)
		cli_badarg(&cli, "%s: not a whole number up to %llu", opt,
		    (unsigned long long)max);
	return v;
}

int
main(int argc, char *argv[])
{
	struct synth_opts o = SYNTH_OPTS_DEFAULT;
	enum synth_kind kind = SYNTH_CRIME;
	const char *all = NULL;
	uint64_t rows = 0;
	int ch, have_kind = 0, have_rows = 0, have_scale = 0, raw = 0, rc;
	struct vawg_err e = { 0 };
	struct outfile *out;
	char *end;

	diag_setprog(argv[0]);
	while ((ch = getopt_long(argc, argv, "hk:n:o:s:", longopts,
	    NULL)) != -1) {
		if (cli_common(&cli, ch, optarg))
			continue;
		switch (ch) {
		case 'k':
			if (synth_kind_parse(optarg, &kind) == -1)
				cli_badarg(&cli, "--kind: unknown kind");
			have_kind = 1;
			break;
		case 'n':
			rows = parse_u64("--rows", optarg, UINT64_C(1000000000000));
			have_rows = 1;
			break;
		case 's':
			o.seed = parse_u64("--seed", optarg, UINT64_MAX);
			break;
		case OPT_ALL:
			if (*optarg == '\0')
				cli_badarg(&cli, "--all: empty directory name");
			all = optarg;
			break;
		case OPT_END:
			if (date_parse_month(optarg, strlen(optarg), &o.end_year,
			    &o.end_month) == -1 || o.end_year < 1903 ||
			    o.end_year > 2190)
				cli_badarg(&cli, "--end: not a month YYYY-MM");
			break;
		case OPT_RAW:
			raw = 1;
			break;
		case OPT_SCALE:
			errno = 0;
			o.scale = strtod(optarg, &end);
			if (errno != 0 || *end != '\0' || end == optarg ||
			    !(o.scale > 0 && o.scale <= 1000))
				cli_badarg(&cli, "--scale: not a number above 0 "
				    "and up to 1000");
			have_scale = 1;
			break;
		case OPT_NOISE:
			errno = 0;
			o.noise = strtod(optarg, &end);
			if (errno != 0 || *end != '\0' || end == optarg ||
			    !(o.noise >= 0 && o.noise <= 4))
				cli_badarg(&cli, "--noise: a number from 0 to 4");
			break;
		default:
			cli_usage(&cli);
		}
	}
	if (optind != argc)
		cli_usage(&cli);
	if (all != NULL) {
		if (have_kind || have_rows || raw || cli.out != NULL ||
		    cli.excel_safe)
			cli_badarg(&cli, "--all takes no --kind, --rows, --raw, "
			    "--excel-safe or --output");
		rc = synth_write_all(all, &o, &e);
		err_exit(&e);
		return rc;
	}
	if (!have_kind)
		cli_usage(&cli);
	/* Places are made on the grid and converted to WGS84. */
	if (synth_has_places(kind) && place_grid_init(&e) != 0)
		err_exit(&e);
	if (!have_rows)
		rows = synth_rows_at(kind, &o);
	if (!have_scale)
		o.scale = 0;	/* the world of a data set of rows rows */
	o.excel_safe = cli.excel_safe;
	if ((out = out_open(cli.out, &e)) == NULL)
		err_exit(&e);
	rc = synth_write_kind(out_fp(out), kind, rows, raw, &o);
	rc = out_close(out, rc == 0 ? 0 : EX_IOERR, &e);
	err_exit(&e);
	return rc;
}
