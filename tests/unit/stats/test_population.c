/*
 * Unit tests of the population reader (lib/stats/population.c) on bad
 * files: it returns NULL with the status and the message vawg-stats
 * prints, and the process goes on (no exit).  Leaks are checked by
 * make check-asan.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <cmocka.h>

#include "core/err.h"
#include "stats/stats.h"
#include "../errfile.h"

/* Expects pop_read(path) to fail with code and "path<rest>". */
static void
expect_fail(const char *path, int code, const char *rest)
{
	struct vawg_err e = { 0 };
	char want[512];

	snprintf(want, sizeof(want), "%s%s", path, rest);
	assert_null(pop_read(path, &e));
	assert_int_equal(e.code, code);
	assert_string_equal(e.msg, want);
}

static void
test_missing_column(void **state)
{
	(void)state;
	expect_fail(errfile("nyear.csv", "area,population\nA,100\n"),
	    EX_DATAERR, ":1: missing column year");
	expect_fail(errfile("narea.csv", "year,population\n2024,100\n"),
	    EX_DATAERR, ":1: missing column area");
	expect_fail(errfile("npop.csv", "area,year\nA,2024\n"),
	    EX_DATAERR, ":1: missing column population");
}

static void
test_empty(void **state)
{
	(void)state;
	expect_fail(errfile("empty.csv", ""), EX_DATAERR,
	    ":1: empty population file");
}

/* A bad row after good ones: its line; what was read is freed. */
static void
test_bad_row(void **state)
{
	(void)state;
	expect_fail(errfile("badpop.csv", "area,year,population\n"
	    "A,2023,100\nB,2023,200\nA,2024,many\n"), EX_DATAERR,
	    ":4: bad population");
	expect_fail(errfile("badyear.csv", "area,year,female_16plus\n"
	    "A,2023,100\n,2024,50\n"), EX_DATAERR, ":3: bad area or year");
	expect_fail(errfile("badfem.csv", "area,year,female_16plus\n"
	    "A,2023,-4\n"), EX_DATAERR, ":2: bad female_16plus");
}

static void
test_no_file(void **state)
{
	struct vawg_err e = { 0 };
	char want[256];

	(void)state;
	snprintf(want, sizeof(want), "/nonexistent/pop.csv: %s",
	    strerror(ENOENT));
	assert_null(pop_read("/nonexistent/pop.csv", &e));
	assert_int_equal(e.code, EX_NOINPUT);
	assert_string_equal(e.msg, want);
}

/* A good file still reads. */
static void
test_good(void **state)
{
	struct vawg_err e = { 0 };
	struct popset *ps;

	(void)state;
	ps = pop_read(errfile("good.csv", "area,year,population\n"
	    "A,2023,100\nA,2024,110\n"), &e);
	assert_non_null(ps);
	assert_int_equal(e.code, 0);
	pop_free(ps);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_missing_column),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_bad_row),
		cmocka_unit_test(test_no_file),
		cmocka_unit_test(test_good),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
