/*
 * vawg-marac-pack: the research pack for every case on a MARAC list.
 *
 * Reads the case list (marac kind: one row per case, with the victim and
 * the perpetrator), then reads each source file, finding the cases'
 * people in every record by person id where both sides carry one,
 * otherwise by lib/linkage's probabilistic matching (through
 * lib/pack/pack_match).  Writes a long CSV of findings (which record,
 * the person's role in it, why it matched), a one-row-per-case summary
 * (the case list's columns, then the figures of lib/pack/pack.h), and
 * optionally one printable HTML page per case with an index.  --redact
 * blanks field families (dob, name, ...) or named columns in every
 * output; --audit appends a line recording who ran what on which inputs
 * (SHA-256).  The outputs are committed together or not
 * at all (lib/pack/stage.c).  This file is the options; the run is
 * lib/pack/run.h's pack_run().
 *
 * usage: vawg-marac-pack [--strict] --cases file [--as-of date]
 *     [--audit file] [--crimes file] [--disclosures file]
 *     [--engagement file] [--findings file] [--grey bits] [--html dir]
 *     [--lookback 12m|24m|all] [--marac file] [--mode mode]
 *     [--orders file] [--redact field,...] [--summary file]
 *     [--threshold bits] [--wanted file] [-o file]
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cli.h"
#include "core/dates.h"
#include "core/diag.h"
#include "core/outfile.h"
#include "pack/run.h"
#include "pack/sources.h"

enum {
	OPT_AUDIT = CLI_OPT_FIRST_FREE,
	OPT_CASES,
	OPT_CRIMES,
	OPT_DISCLOSURES,
	OPT_ENGAGEMENT,
	OPT_FINDINGS,
	OPT_GREY,
	OPT_HTML,
	OPT_LOOKBACK,
	OPT_MARAC,
	OPT_ORDERS,
	OPT_REDACT,
	OPT_SUMMARY,
	OPT_THRESHOLD,
	OPT_WANTED
};

static const struct option longopts[] = {
	CLI_LONGOPTS,
	CLI_EXCEL_LONGOPTS,
	CLI_ASOF_LONGOPTS,
	{ "audit", required_argument, NULL, OPT_AUDIT },
	{ "cases", required_argument, NULL, OPT_CASES },
	{ "crimes", required_argument, NULL, OPT_CRIMES },
	{ "disclosures", required_argument, NULL, OPT_DISCLOSURES },
	{ "engagement", required_argument, NULL, OPT_ENGAGEMENT },
	{ "findings", required_argument, NULL, OPT_FINDINGS },
	{ "grey", required_argument, NULL, OPT_GREY },
	{ "html", required_argument, NULL, OPT_HTML },
	{ "lookback", required_argument, NULL, OPT_LOOKBACK },
	{ "marac", required_argument, NULL, OPT_MARAC },
	{ "orders", required_argument, NULL, OPT_ORDERS },
	{ "redact", required_argument, NULL, OPT_REDACT },
	{ "summary", required_argument, NULL, OPT_SUMMARY },
	{ "threshold", required_argument, NULL, OPT_THRESHOLD },
	{ "wanted", required_argument, NULL, OPT_WANTED },
	{ NULL, 0, NULL, 0 }
};

static struct cli cli = {
	.synopsis = "vawg-marac-pack [--no-excel-safe] [--strict] --cases file "
	    "[--as-of date] "
	    "[--audit file]\n"
	    "       [--crimes file] [--disclosures file] [--engagement file]\n"
	    "       [--findings file] [--grey bits] [--html dir] "
	    "[--lookback 12m|24m|all]\n"
	    "       [--marac file] [--mode mode] [--orders file] "
	    "[--redact field,...]\n"
	    "       [--summary file] [--threshold bits] [--wanted file] "
	    "[-o file]",
	.excel_safe = 1,
	.help =
	    "  --cases FILE        the MARAC case list (marac kind; - is stdin)\n"
	    "  --crimes FILE       crimes to search (victim_*, suspect_*)\n"
	    "  --orders FILE       orders to search (respondent_*, protected_*)\n"
	    "  --wanted FILE       wanted records to search (person_*)\n"
	    "  --disclosures FILE  Clare's Law records (applicant_*, subject_*)\n"
	    "  --marac FILE        earlier MARAC referrals (victim_*, perpetrator_*)\n"
	    "  --engagement FILE   engagement records at the people's postcodes\n"
	    "  --lookback SPAN     12m (default), 24m, Nm or all: how far back\n"
	    "                      crimes and engagement are listed\n"
	    "  --as-of DATE        reference date (default: each meeting date)\n"
	    "  --threshold W       match weight (bits) to confirm a person "
	    "(default 0)\n"
	    "  --grey W            list candidates up to W bits below as "
	    "possible\n"
	    "                      (default 4)\n"
	    "  --findings FILE     write the findings, one row per record found\n"
	    "  --summary FILE      write the summary, one row per case\n"
	    "  -o, --output FILE   write the summary (as well) to FILE\n"
	    "  --no-excel-safe     write findings and summary fields beginning\n"
	    "                      with = + - @ TAB CR as they are (default:\n"
	    "                      '= quoted, safe to open in a spreadsheet)\n"
	    "  --html DIR          write DIR/index.html and one page per case\n"
	    "  --redact FIELDS     blank these in every output: families dob, name, pnc,\n"
	    "                      address, postcode, phone, email (every role, the\n"
	    "                      findings' record_* too), or column names\n"
	    "  --audit FILE        append a line: time, user, inputs with SHA-256,\n"
	    "                      cases and outputs\n"
	    "  --mode MODE         mode of created files (default 0600)\n"
	    "  --strict            rejected rows make the run fail (exit 65)\n"
	    "  -h, --help          this help\n"
	    "  --version           print the version\n"
	    "\n"
	    "With no --findings, --summary, -o or --html the summary goes to\n"
	    "standard output.  The outputs and the audit line are committed\n"
	    "together at the end or, on any failure, not at all; --html DIR\n"
	    "is replaced whole, and refused if it holds files of others.\n"
	    "Memory: the case list, the findings, and, while a source is\n"
	    "read, the linkage set of its record persons (about 40 bytes a\n"
	    "person plus each distinct value once); not the rows.\n",
};

static int
parse_lookback(const char *s)
{
	char *end;
	long n;

	if (strcmp(s, "all") == 0)
		return 0;
	n = strtol(s, &end, 10);
	if (end == s || strcmp(end, "m") != 0 || n < 1 || n > 1200)
		cli_badarg(&cli, "--lookback: not 12m, 24m, Nm or all");
	return (int)n;
}

/* Splits a comma list of column names into o->redact. */
static void
parse_redact(struct pack_opts *o, const char *arg)
{
	char *copy = xstrdup(arg), *p, *save = NULL;

	for (p = strtok_r(copy, ",", &save); p != NULL;
	    p = strtok_r(NULL, ",", &save)) {
		o->redact = xreallocarray(o->redact, o->nredact + 1,
		    sizeof(*o->redact));
		o->redact[o->nredact++] = xstrdup(p);
	}
	free(copy);
	if (o->nredact == 0)
		cli_badarg(&cli, "--redact: no column names");
}

/* Sets a source's path from its option. */
static int
source_opt(struct pack_opts *o, int ch, const char *arg)
{
	static const struct {
		int ch;
		enum pack_source src;
	} map[] = {
		{ OPT_CRIMES, PACK_CRIME }, { OPT_DISCLOSURES, PACK_DISCLOSURE },
		{ OPT_ENGAGEMENT, PACK_ENGAGEMENT }, { OPT_MARAC, PACK_MARAC },
		{ OPT_ORDERS, PACK_ORDER }, { OPT_WANTED, PACK_WANTED },
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (map[i].ch == ch) {
			o->src[map[i].src].path = arg;
			return 1;
		}
	return 0;
}

/* One option of this program's own (cli_common() has the shared). */
static void
own_opt(struct pack_opts *o, int ch, const char *arg)
{
	if (source_opt(o, ch, arg))
		return;
	switch (ch) {
	case OPT_AUDIT:
		o->audit = arg;
		break;
	case OPT_CASES:
		o->cases.path = arg;
		break;
	case OPT_FINDINGS:
		o->findings = arg;
		break;
	case OPT_HTML:
		o->html = arg;
		break;
	case OPT_LOOKBACK:
		o->lookback = parse_lookback(arg);
		break;
	case OPT_REDACT:
		parse_redact(o, arg);
		break;
	case OPT_SUMMARY:
		o->summary = arg;
		break;
	case OPT_THRESHOLD:
		o->threshold = cli_number(&cli, "--threshold", arg);
		break;
	case OPT_GREY:
		o->grey = cli_number(&cli, "--grey", arg);
		if (o->grey < 0)
			cli_badarg(&cli, "--grey: not a weight >= 0");
		break;
	default:
		cli_usage(&cli);
	}
}

/*
 * Refuses (64) two inputs on standard input, and any output that is an
 * input, another output, or inside the --html folder.
 */
static void
check_files(const struct pack_opts *o)
{
	struct out_use u[6 + PACK_NSOURCES];
	char opt[PACK_NSOURCES][24];
	const char *summary_path = pack_summary_path(o);
	int nstdin;
	size_t i;

	nstdin = strcmp(o->cases.path, "-") == 0;
	for (i = 0; i < PACK_NSOURCES; i++)
		nstdin += o->src[i].path && strcmp(o->src[i].path, "-") == 0;
	if (nstdin > 1)
		cli_badarg(&cli, "only one input can be standard input");
	u[0] = (struct out_use){ o->summary ? "--summary" : "-o",
	    summary_path, OUT_OUT };
	/* A second copy of the summary; naming the same file, one. */
	u[1] = (struct out_use){ "-o", o->summary && o->out &&
	    strcmp(o->summary, o->out) != 0 ? o->out : NULL, OUT_OUT };
	u[2] = (struct out_use){ "--findings", o->findings, OUT_OUT };
	u[3] = (struct out_use){ "--html", o->html, OUT_DIR };
	u[4] = (struct out_use){ "--audit", o->audit, OUT_OUT };
	u[5] = (struct out_use){ "--cases", o->cases.path, OUT_IN };
	for (i = 0; i < PACK_NSOURCES; i++) {
		snprintf(opt[i], sizeof(opt[i]), "--%s", pack_kinds[i].opt);
		u[6 + i] = (struct out_use){ opt[i], o->src[i].path, OUT_IN };
	}
	out_distinct(u, 6 + PACK_NSOURCES);
}

int
main(int argc, char *argv[])
{
	struct pack_opts o;
	int ch, status;
	size_t i;

	pack_opts_init(&o);
	diag_setprog(argv[0]);
	while ((ch = getopt_long(argc, argv, "ho:", longopts, NULL)) != -1) {
		if (ch == CLI_OPT_MODE)
			(void)out_parsemode(optarg, &o.mode);
		if (!cli_common(&cli, ch, optarg))
			own_opt(&o, ch, optarg);
	}
	if (optind != argc)
		cli_usage(&cli);
	o.as_of = cli_as_of(&cli, o.as_of);
	if (o.cases.path == NULL)
		cli_badarg(&cli, "--cases is required");
	o.out = cli.out;
	o.strict = cli.strict;
	o.excel_safe = cli.excel_safe;
	check_files(&o);
	status = pack_run(&o);
	for (i = 0; i < o.nredact; i++)
		free(o.redact[i]);
	free(o.redact);
	return status;
}
