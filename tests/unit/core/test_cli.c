/*
 * Unit tests of lib/cli: the shared options through getopt_long() as a
 * program lists them, --as-of parsed once (good and bad dates, worked
 * out by hand), the usage and help texts and their exit statuses.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/cli.h"
#include "core/diag.h"
#include "capture.h"

#define SYN "vawg-test [--strict] [--as-of date] [-o file] [file ...]"
#define HELP "  --as-of DATE  the reference date\n"

static const struct option longopts[] = {
	CLI_LONGOPTS,
	CLI_EXCEL_LONGOPTS,
	CLI_ASOF_LONGOPTS,
	{ "kind", required_argument, NULL, 'k' },
	{ NULL, 0, NULL, 0 }
};

/*
 * Parses argv as a program does: shared options through cli_common(),
 * its own -k into *kind.  Returns optind.
 */
static int
parse(struct cli *c, int argc, char **argv, const char **kind)
{
	int ch;

	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "hk:o:", longopts, NULL)) != -1) {
		if (cli_common(c, ch, optarg))
			continue;
		if (ch == 'k')
			*kind = optarg;
		else
			cli_usage(c);
	}
	return optind;
}

static void
test_common_options(void **state)
{
	struct cli c = { .synopsis = SYN, .help = HELP };
	char *argv[] = { "vawg-test", "--strict", "-o", "out.csv", "-k",
	    "crime", "--excel-safe", "in.csv", NULL };
	const char *kind = NULL;
	int i;

	(void)state;
	i = parse(&c, 8, argv, &kind);
	assert_int_equal(i, 7);
	assert_string_equal(argv[i], "in.csv");
	assert_int_equal(c.strict, 1);
	assert_string_equal(c.out, "out.csv");
	assert_int_equal(c.excel_safe, 1);
	assert_string_equal(kind, "crime");
	assert_int_equal(c.as_of_set, 0);
	/* A program's own option is left to it. */
	assert_int_equal(cli_common(&c, 'k', "x"), 0);
	assert_int_equal(cli_common(&c, CLI_OPT_NO_EXCEL_SAFE, NULL), 1);
	assert_int_equal(c.excel_safe, 0);
}

/* Day numbers from Python: (date(y, m, d) - date(1970, 1, 1)).days. */
static void
test_as_of(void **state)
{
	struct cli c = { .synopsis = SYN, .help = HELP };
	char *argv1[] = { "vawg-test", "--as-of", "2026-10-31", NULL };
	char *argv2[] = { "vawg-test", "--as-of=2024-02-29", NULL };
	const char *kind = NULL;

	(void)state;
	assert_int_equal(cli_as_of(&c, 12345), 12345);
	parse(&c, 3, argv1, &kind);
	assert_int_equal(c.as_of_set, 1);
	assert_int_equal(c.as_of, 20757);
	assert_int_equal(cli_as_of(&c, 12345), 20757);
	parse(&c, 2, argv2, &kind);
	assert_int_equal(cli_as_of(&c, 0), 19782);
}

static void
test_parse_date(void **state)
{
	static const struct {
		const char *s;
		int ok;
		int32_t day;
	} t[] = {
		{ "1970-01-01", 1, 0 },
		{ "1969-12-31", 1, -1 },
		{ "2000-02-29", 1, 11016 },
		{ "2026-10-31", 1, 20757 },
		{ "2023-02-29", 0, 0 },		/* not a leap year */
		{ "1900-02-29", 0, 0 },		/* nor is 1900 */
		{ "2026-02-30", 0, 0 },
		{ "2026-13-01", 0, 0 },
		{ "2026-00-10", 0, 0 },
		{ "2026-10-00", 0, 0 },
		{ "31/10/2026", 0, 0 },
		{ "2026-1-31", 0, 0 },
		{ "2026-10-31T10:00", 0, 0 },	/* a date-time is not a date */
		{ "2026-10-31 ", 0, 0 },
		{ " 2026-10-31", 0, 0 },
		{ "2026-10", 0, 0 },
		{ "", 0, 0 },
		{ "20261031xx", 0, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		int32_t day = -99;
		int rc = cli_parse_date(t[i].s, &day);

		if (rc != (t[i].ok ? 0 : -1))
			fail_msg("%s: %d", t[i].s, rc);
		if (t[i].ok)
			assert_int_equal(day, t[i].day);
	}
	assert_int_equal(cli_parse_date(NULL, NULL), -1);
}

static void
bad_as_of(void *arg)
{
	struct cli c = { .synopsis = SYN, .help = HELP };
	char *argv[] = { "vawg-test", "--as-of", (char *)arg, NULL };
	const char *kind = NULL;

	parse(&c, 3, argv, &kind);
}

/* One message, then the synopsis, exit 64: whatever the program. */
static void
test_bad_as_of(void **state)
{
	static const char *const bad[] = { "2026-02-30", "31/10/2026",
	    "2026-10-31T10:00", "" };
	struct capture c;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		capture_run(&c, bad_as_of, (void *)bad[i]);
		assert_int_equal(c.status, 64);
		assert_string_equal(c.err,
		    "vawg-test: --as-of: not a date (YYYY-MM-DD)\n"
		    "usage: " SYN "\n");
		assert_string_equal(c.out, "");
	}
}

static void
run_argv(void *arg)
{
	struct cli c = { .synopsis = SYN, .help = HELP };
	char **argv = arg;
	const char *kind = NULL;
	int argc = 0;

	while (argv[argc] != NULL)
		argc++;
	parse(&c, argc, argv, &kind);
}

static void
test_help_version_usage(void **state)
{
	char *help[] = { "vawg-test", "--help", NULL };
	char *h[] = { "vawg-test", "-h", "--strict", NULL };
	char *version[] = { "vawg-test", "--version", NULL };
	char *unknown[] = { "vawg-test", "--no-such-option", NULL };
	char *mode[] = { "vawg-test", "--mode", "0999", NULL };
	struct capture c;

	(void)state;
	capture_run(&c, run_argv, help);
	assert_int_equal(c.status, 0);
	assert_string_equal(c.out, "usage: " SYN "\n\n" HELP);
	assert_string_equal(c.err, "");
	capture_run(&c, run_argv, h);
	assert_int_equal(c.status, 0);
	assert_string_equal(c.out, "usage: " SYN "\n\n" HELP);
	capture_run(&c, run_argv, version);
	assert_int_equal(c.status, 0);
	assert_string_equal(c.out, "vawg-test " VAWG_VERSION "\n");
	capture_run(&c, run_argv, unknown);
	assert_int_equal(c.status, 64);
	assert_string_equal(c.err, "usage: " SYN "\n");
	assert_string_equal(c.out, "");
	capture_run(&c, run_argv, mode);
	assert_int_equal(c.status, 64);
	assert_string_equal(c.err, "vawg-test: --mode: not an octal file "
	    "mode\nusage: " SYN "\n");
}

static void
test_number(void **state)
{
	struct cli c = { .synopsis = SYN, .help = HELP };

	(void)state;
	assert_true(cli_number(&c, "--threshold", "6.5") == 6.5);
	assert_true(cli_number(&c, "--threshold", "-2") == -2.0);
	assert_true(cli_number(&c, "--threshold", "1e3") == 1000.0);
	assert_true(cli_number(&c, "--threshold", " 0.25") == 0.25);
}

static void
bad_number(void *arg)
{
	struct cli c = { .synopsis = SYN, .help = HELP };

	(void)cli_number(&c, "--grey", arg);
}

/* Nothing after the number, no overflow, no infinity or NaN. */
static void
test_bad_number(void **state)
{
	static const char *const bad[] = { "", "x", "6.5x", "1e999", "inf",
	    "nan", "6.5 " };
	struct capture c;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		capture_run(&c, bad_number, (void *)bad[i]);
		assert_int_equal(c.status, 64);
		assert_string_equal(c.err, "vawg-test: --grey: not a number\n"
		    "usage: " SYN "\n");
	}
}

static void
badarg(void *arg)
{
	struct cli c = { .synopsis = SYN, .help = HELP };

	(void)arg;
	cli_badarg(&c, "--top: %s", "not a number");
}

static void
test_badarg(void **state)
{
	struct capture c;

	(void)state;
	capture_run(&c, badarg, NULL);
	assert_int_equal(c.status, 64);
	assert_string_equal(c.err,
	    "vawg-test: --top: not a number\nusage: " SYN "\n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_common_options),
		cmocka_unit_test(test_as_of),
		cmocka_unit_test(test_parse_date),
		cmocka_unit_test(test_bad_as_of),
		cmocka_unit_test(test_help_version_usage),
		cmocka_unit_test(test_number),
		cmocka_unit_test(test_bad_number),
		cmocka_unit_test(test_badarg),
	};

	diag_setprog("vawg-test");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
