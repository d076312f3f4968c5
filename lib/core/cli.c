/* Shared command-line options, usage and help. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cli.h"
#include "core/dates.h"
#include "core/diag.h"
#include "core/outfile.h"

void
cli_usage(const struct cli *c)
{
	fprintf(stderr, "usage: %s\n", c->synopsis);
	exit(EX_USAGE);
}

void
cli_badarg(const struct cli *c, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", diag_prog());
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	cli_usage(c);
}

void
cli_help(const struct cli *c)
{
	if (printf("usage: %s\n\n%s", c->synopsis, c->help) < 0 ||
	    fflush(stdout) == EOF || ferror(stdout))
		diag_fatal(EX_IOERR, "<stdout>: write error");
	exit(0);
}

int
cli_parse_date(const char *arg, int32_t *day)
{
	/* A date, not a date-time: date_parse_iso() takes both. */
	if (arg == NULL || strlen(arg) != 10)
		return -1;
	return date_parse_iso(arg, 10, day);
}

double
cli_number(const struct cli *c, const char *opt, const char *arg)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(arg, &end);
	if (errno != 0 || end == arg || *end != '\0' || !isfinite(v))
		cli_badarg(c, "%s: not a number", opt);
	return v;
}

int32_t
cli_as_of(const struct cli *c, int32_t dflt)
{
	return c->as_of_set ? c->as_of : dflt;
}

int
cli_common(struct cli *c, int ch, const char *arg)
{
	unsigned mode;

	switch (ch) {
	case 'h':
		cli_help(c);
	case CLI_OPT_VERSION:
		diag_version();
	case 'o':
		c->out = arg;
		return 1;
	case CLI_OPT_STRICT:
		c->strict = 1;
		return 1;
	case CLI_OPT_EXCEL_SAFE:
		c->excel_safe = 1;
		return 1;
	case CLI_OPT_NO_EXCEL_SAFE:
		c->excel_safe = 0;
		return 1;
	case CLI_OPT_MODE:
		if (out_parsemode(arg, &mode) == -1)
			cli_badarg(c, "--mode: not an octal file mode");
		out_setmode(mode);
		return 1;
	case CLI_OPT_AS_OF:
		if (cli_parse_date(arg, &c->as_of) == -1)
			cli_badarg(c, "--as-of: not a date (YYYY-MM-DD)");
		c->as_of_set = 1;
		return 1;
	}
	return 0;
}
