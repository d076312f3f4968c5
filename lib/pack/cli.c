/*
 * The command line of vawg-pack and vawg-marac-pack: their options
 * (one set; --for and --role are vawg-pack's), checked, then the run.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cli.h"
#include "core/diag.h"
#include "core/err.h"
#include "core/outfile.h"
#include "pack/cli.h"
#include "pack/run.h"
#include "pack/run_int.h"
#include "pack/sources.h"

enum {
	OPT_AUDIT = CLI_OPT_FIRST_FREE,
	OPT_CASES,
	OPT_CASES_FROM,
	OPT_CASES_TO,
	OPT_CRIMES,
	OPT_DISCLOSURES,
	OPT_ENGAGEMENT,
	OPT_FINDINGS,
	OPT_FOR,
	OPT_GREY,
	OPT_HTML,
	OPT_LOOKBACK,
	OPT_MARAC,
	OPT_MARKING,
	OPT_ORDERS,
	OPT_REDACT,
	OPT_ROLE,
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
	{ "cases-from", required_argument, NULL, OPT_CASES_FROM },
	{ "cases-to", required_argument, NULL, OPT_CASES_TO },
	{ "crimes", required_argument, NULL, OPT_CRIMES },
	{ "disclosures", required_argument, NULL, OPT_DISCLOSURES },
	{ "engagement", required_argument, NULL, OPT_ENGAGEMENT },
	{ "findings", required_argument, NULL, OPT_FINDINGS },
	{ "for", required_argument, NULL, OPT_FOR },
	{ "grey", required_argument, NULL, OPT_GREY },
	{ "html", required_argument, NULL, OPT_HTML },
	{ "lookback", required_argument, NULL, OPT_LOOKBACK },
	{ "marac", required_argument, NULL, OPT_MARAC },
	{ "marking", required_argument, NULL, OPT_MARKING },
	{ "orders", required_argument, NULL, OPT_ORDERS },
	{ "redact", required_argument, NULL, OPT_REDACT },
	{ "role", required_argument, NULL, OPT_ROLE },
	{ "summary", required_argument, NULL, OPT_SUMMARY },
	{ "threshold", required_argument, NULL, OPT_THRESHOLD },
	{ "wanted", required_argument, NULL, OPT_WANTED },
	{ NULL, 0, NULL, 0 }
};

static int
parse_lookback(const struct cli *cli, const char *s)
{
	char *end;
	long n;

	if (strcmp(s, "all") == 0)
		return 0;
	n = strtol(s, &end, 10);
	if (end == s || strcmp(end, "m") != 0 || n < 1 || n > 1200)
		cli_badarg(cli, "--lookback: not 12m, 24m, Nm or all");
	return (int)n;
}

/* Splits a comma list of column names into o->redact. */
static void
parse_redact(const struct cli *cli, struct pack_opts *o, const char *arg)
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
		cli_badarg(cli, "--redact: no column names");
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

/* The options a pack's purpose is set by: --for, --role, --marking. */
static int
purpose_opt(const struct cli *cli, struct pack_opts *o, int ch,
    const char *arg, int fixed)
{
	const struct pack_purpose *p;

	switch (ch) {
	case OPT_FOR:
		if (fixed)
			cli_usage(cli);
		if ((p = pack_purpose_named(arg)) == NULL)
			cli_badarg(cli, "--for: not marac, dvds, spo or nominal");
		o->purpose = p;
		return 1;
	case OPT_ROLE:
		if (fixed || *arg == '\0' || strpbrk(arg, ",\"\r\n") != NULL)
			cli_badarg(cli, "--role: not a role name");
		o->role = arg;
		return 1;
	case OPT_MARKING:
		o->marking = arg;
		return 1;
	case OPT_CASES_FROM:
	case OPT_CASES_TO:
		if (fixed || *arg == '\0' || pk_opt_date(arg,
		    ch == OPT_CASES_FROM ? &o->cases_from : &o->cases_to) == -1)
			cli_badarg(cli, "%s: not a date (YYYY-MM-DD)",
			    ch == OPT_CASES_FROM ? "--cases-from" : "--cases-to");
		return 1;
	}
	return 0;
}

/* One option of this program's own (cli_common() has the shared). */
static void
own_opt(const struct cli *cli, struct pack_opts *o, int ch, const char *arg,
    int *lookback_given)
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
		o->lookback = parse_lookback(cli, arg);
		*lookback_given = 1;
		break;
	case OPT_REDACT:
		parse_redact(cli, o, arg);
		break;
	case OPT_SUMMARY:
		o->summary = arg;
		break;
	case OPT_THRESHOLD:
		o->threshold = cli_number(cli, "--threshold", arg);
		break;
	case OPT_GREY:
		o->grey = cli_number(cli, "--grey", arg);
		if (o->grey < 0)
			cli_badarg(cli, "--grey: not a weight >= 0");
		break;
	default:
		cli_usage(cli);
	}
}

/*
 * Refuses (64) two inputs on standard input, and any output that is an
 * input, another output, or inside the --html folder.
 */
static void
check_files(const struct cli *cli, const struct pack_opts *o)
{
	struct out_use u[6 + PACK_NSOURCES];
	struct vawg_err e = { 0 };
	char opt[PACK_NSOURCES][24];
	const char *summary_path = pack_summary_path(o);
	int nstdin;
	size_t i;

	nstdin = strcmp(o->cases.path, "-") == 0;
	for (i = 0; i < PACK_NSOURCES; i++)
		nstdin += o->src[i].path && strcmp(o->src[i].path, "-") == 0;
	if (nstdin > 1)
		cli_badarg(cli, "only one input can be standard input");
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
	out_distinct(u, 6 + PACK_NSOURCES, &e);
	err_exit(&e);
}

int
pack_main(struct cli *cli, int argc, char *argv[],
    const struct pack_purpose *fixed)
{
	struct pack_opts o;
	int ch, status, lookback_given = 0;
	size_t i;

	pack_opts_init(&o);
	o.purpose = NULL;
	diag_setprog(argv[0]);
	while ((ch = getopt_long(argc, argv, "ho:", longopts, NULL)) != -1) {
		if (ch == CLI_OPT_MODE)
			(void)out_parsemode(optarg, &o.mode);
		if (!cli_common(cli, ch, optarg) &&
		    !purpose_opt(cli, &o, ch, optarg, fixed != NULL))
			own_opt(cli, &o, ch, optarg, &lookback_given);
	}
	if (optind != argc)
		cli_usage(cli);
	o.as_of = cli_as_of(cli, o.as_of);
	if (fixed != NULL)
		o.purpose = fixed;
	if (o.purpose == NULL)
		cli_badarg(cli, "--for is required");
	if (o.cases.path == NULL)
		cli_badarg(cli, "--cases is required");
	pack_opts_for(&o, o.purpose, lookback_given);
	o.out = cli->out;
	o.strict = cli->strict;
	o.excel_safe = cli->excel_safe;
	check_files(cli, &o);
	status = pack_run(&o);
	for (i = 0; i < o.nredact; i++)
		free(o.redact[i]);
	free(o.redact);
	return status;
}
