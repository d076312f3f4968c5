/*
 * Options every program shares, so that they mean the same everywhere:
 *   -h, --help      help on stdout, exit 0
 *   --version       "prog VERSION" on stdout, exit 0
 *   -o, --output F  write F (safely, see outfile.h) instead of stdout
 *   --strict        any rejected row fails the run (exit 65)
 *   --mode MODE     octal mode of created files (default 0600)
 * and, in programs that write CSV (CLI_EXCEL_LONGOPTS):
 *   --excel-safe    neutralise fields a spreadsheet would run (csvio.h)
 *   --no-excel-safe write every field as it is (where safe is the default)
 * and, in programs that work to a reference date (CLI_ASOF_LONGOPTS):
 *   --as-of DATE    the reference date, YYYY-MM-DD (cli_as_of())
 *
 * A program lists CLI_LONGOPTS in its struct option array and passes
 * every option getopt_long() returns to cli_common() first.
 *
 * This is the command line's half of the house, called by cmd/ (and by
 * lib/pack/cli.c, the option parser the two pack commands share) while
 * the options are read, before any engine runs: it is the one module
 * of lib/ besides diag that may print and exit by design (usage 64,
 * --help and --version 0).  No engine calls it; engines return their
 * errors (core/err.h).
 */
#ifndef VAWG_CLI_H
#define VAWG_CLI_H

#include <getopt.h>
#include <stdint.h>

enum {
	CLI_OPT_VERSION = 0x1000,
	CLI_OPT_STRICT,
	CLI_OPT_MODE,
	CLI_OPT_EXCEL_SAFE,
	CLI_OPT_NO_EXCEL_SAFE,
	CLI_OPT_AS_OF,
	CLI_OPT_FIRST_FREE = 0x1100	/* programs number their own from here */
};

#define CLI_LONGOPTS \
	{ "help", no_argument, NULL, 'h' }, \
	{ "version", no_argument, NULL, CLI_OPT_VERSION }, \
	{ "output", required_argument, NULL, 'o' }, \
	{ "strict", no_argument, NULL, CLI_OPT_STRICT }, \
	{ "mode", required_argument, NULL, CLI_OPT_MODE }

#define CLI_EXCEL_LONGOPTS \
	{ "excel-safe", no_argument, NULL, CLI_OPT_EXCEL_SAFE }, \
	{ "no-excel-safe", no_argument, NULL, CLI_OPT_NO_EXCEL_SAFE }

#define CLI_ASOF_LONGOPTS \
	{ "as-of", required_argument, NULL, CLI_OPT_AS_OF }

struct cli {
	const char *synopsis;	/* "usage: " is prepended */
	const char *help;	/* option lines for --help */
	const char *out;	/* -o, NULL for stdout */
	int strict;
	int excel_safe;		/* --excel-safe 1, --no-excel-safe 0 */
	int as_of_set;		/* --as-of was given ... */
	int32_t as_of;		/* ... as this day number (lib/core/dates) */
};

/*
 * Handles a shared option: returns 1 when ch was one (and handled it:
 * --help and --version exit), 0 when it is the program's own.  A bad
 * --mode or --as-of is a usage error ("--as-of: not a date
 * (YYYY-MM-DD)").
 */
int cli_common(struct cli *c, int ch, const char *arg);

/*
 * The date of an option argument: exactly YYYY-MM-DD, a real day.
 * Returns 0 and sets *day, or -1.
 */
int cli_parse_date(const char *arg, int32_t *day);

/*
 * The number of option opt's argument arg (strtod(): a finite number
 * and nothing after it); otherwise a usage error, "opt: not a number".
 */
double cli_number(const struct cli *c, const char *opt, const char *arg);

/* The --as-of day, or dflt when --as-of was not given. */
int32_t cli_as_of(const struct cli *c, int32_t dflt);

/* Prints "usage: SYNOPSIS" to stderr and exits 64. */
_Noreturn void cli_usage(const struct cli *c);

/* Prints the synopsis and help to stdout and exits 0. */
_Noreturn void cli_help(const struct cli *c);

/*
 * Like cli_usage(), after "prog: message" for a bad option argument.
 */
_Noreturn void cli_badarg(const struct cli *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
