/*
 * Unit tests of lib/kinds/status: "in force" and "wanted now" on the
 * days around each boundary, worked by hand from the rules in
 * vawg-stats(1) (orders: granted by --at and not expired before it;
 * wanted: wanted by --at and not arrested by then).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "kinds/status.h"

static void
test_order_in_force(void **state)
{
	(void)state;
	/* Granted on day 10, expiring on day 20. */
	assert_int_equal(order_in_force(10, 1, 20, 9), 0);
	assert_int_equal(order_in_force(10, 1, 20, 10), 1);
	assert_int_equal(order_in_force(10, 1, 20, 15), 1);
	assert_int_equal(order_in_force(10, 1, 20, 20), 1);	/* last day */
	assert_int_equal(order_in_force(10, 1, 20, 21), 0);
	/* No expiry: in force from the grant on. */
	assert_int_equal(order_in_force(10, 0, 0, 9), 0);
	assert_int_equal(order_in_force(10, 0, 0, 100000), 1);
	/* Negative day numbers (before 1970) work the same. */
	assert_int_equal(order_in_force(-30, 1, -10, -20), 1);
	assert_int_equal(order_in_force(-30, 1, -10, -9), 0);
}

static void
test_wanted_now(void **state)
{
	(void)state;
	/* Wanted on day 10, arrested on day 20. */
	assert_int_equal(wanted_now(1, 10, 1, 20, 9), 0);
	assert_int_equal(wanted_now(1, 10, 1, 20, 10), 1);
	assert_int_equal(wanted_now(1, 10, 1, 20, 19), 1);
	assert_int_equal(wanted_now(1, 10, 1, 20, 20), 0);	/* arrested */
	assert_int_equal(wanted_now(1, 10, 1, 20, 21), 0);
	/* Not arrested: wanted from the wanted date on. */
	assert_int_equal(wanted_now(1, 10, 0, 0, 9), 0);
	assert_int_equal(wanted_now(1, 10, 0, 0, 10000), 1);
	/* No wanted date: wanted until arrested. */
	assert_int_equal(wanted_now(0, 0, 0, 0, -5), 1);
	assert_int_equal(wanted_now(0, 0, 1, 5, 4), 1);
	assert_int_equal(wanted_now(0, 0, 1, 5, 5), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order_in_force),
		cmocka_unit_test(test_wanted_now),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
