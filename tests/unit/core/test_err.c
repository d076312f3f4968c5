/*
 * Unit tests of lib/core/err: the message forms match diag_at() and
 * diag_syswarn() (without "prog: "), the status is returned and kept,
 * a NULL error is allowed, a long message is cut, not overrun.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>
#include <cmocka.h>

#include "core/err.h"

static void
test_set(void **state)
{
	struct vawg_err e = { 0 };

	(void)state;
	assert_int_equal(err_set(&e, EX_IOERR, "%s: write error", "o.csv"),
	    EX_IOERR);
	assert_int_equal(e.code, EX_IOERR);
	assert_string_equal(e.msg, "o.csv: write error");
}

static void
test_at(void **state)
{
	struct vawg_err e = { 0 };

	(void)state;
	assert_int_equal(err_at(&e, EX_DATAERR, "f.csv", 12, "stray %s",
	    "quote"), EX_DATAERR);
	assert_string_equal(e.msg, "f.csv:12: stray quote");
	err_at(&e, EX_DATAERR, "f.csv", 0, "empty input");
	assert_string_equal(e.msg, "f.csv: empty input");
}

static void
test_sys(void **state)
{
	struct vawg_err e = { 0 };
	char want[256];

	(void)state;
	snprintf(want, sizeof(want), "in.csv: %s", strerror(ENOENT));
	errno = ENOENT;
	assert_int_equal(err_sys(&e, EX_NOINPUT, "%s", "in.csv"), EX_NOINPUT);
	assert_string_equal(e.msg, want);
	assert_int_equal(errno, ENOENT);
}

static void
test_null(void **state)
{
	(void)state;
	assert_int_equal(err_set(NULL, 65, "x"), 65);
	assert_int_equal(err_at(NULL, 66, "f", 1, "x"), 66);
	assert_int_equal(err_sys(NULL, 74, "x"), 74);
}

static void
test_long(void **state)
{
	struct vawg_err e = { 0 };
	char path[3000];

	(void)state;
	memset(path, 'a', sizeof(path) - 1);
	path[sizeof(path) - 1] = '\0';
	err_at(&e, EX_DATAERR, path, 3, "bad");
	assert_int_equal(strlen(e.msg), sizeof(e.msg) - 1);
	errno = EIO;
	err_sys(&e, EX_IOERR, "%s", path);
	assert_int_equal(strlen(e.msg), sizeof(e.msg) - 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_set),
		cmocka_unit_test(test_at),
		cmocka_unit_test(test_sys),
		cmocka_unit_test(test_null),
		cmocka_unit_test(test_long),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
