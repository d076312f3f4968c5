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
 *
 * A program lists CLI_LONGOPTS in its struct option array and passes
 * every option getopt_long() returns to cli_common() first.
 */
#ifndef VAWG_CLI_H
#define VAWG_CLI_H

#include <getopt.h>

enum {
	CLI_OPT_VERSION = 0x1000,
	CLI_OPT_STRICT,
	CLI_OPT_MODE,
	CLI_OPT_EXCEL_SAFE,
	CLI_OPT_NO_EXCEL_SAFE,
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

struct cli {
	const char *synopsis;	/* "usage: " is prepended */
	const char *help;	/* option lines for --help */
	const char *out;	/* -o, NULL for stdout */
	int strict;
	int excel_safe;		/* --excel-safe 1, --no-excel-safe 0 */
};

/*
 * Handles a shared option: returns 1 when ch was one (and handled it:
 * --help and --version exit), 0 when it is the program's own.  A bad
 * --mode is a usage error.
 */
int cli_common(struct cli *c, int ch, const char *arg);

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
