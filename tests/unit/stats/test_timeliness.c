/*
 * Unit tests of the deadline counting of lib/stats/m_timeliness
 * (tl_add): a task counts once its deadline has passed by --at.
 * Expected counts worked by hand; days are day numbers.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "stats/stats.h"

/* Start day 100, deadline 28 days: 128. */
static void
test_due(void **state)
{
	uint64_t c[TL_N];

	(void)state;
	memset(c, 0, sizeof(c));
	tl_add(c, 100, 1, 110, 28, 200);	/* done day 10: on time */
	tl_add(c, 100, 1, 128, 28, 200);	/* done on the deadline */
	tl_add(c, 100, 1, 129, 28, 200);	/* a day late */
	tl_add(c, 100, 0, 0, 28, 200);		/* never done: late */
	tl_add(c, 100, 1, 250, 28, 200);	/* done after --at: late */
	assert_int_equal(c[TL_DUE], 5);
	assert_int_equal(c[TL_ONTIME], 2);
	assert_int_equal(c[TL_LATE_PENDING], 2);
	assert_int_equal(c[TL_NYD], 0);
}

static void
test_not_yet_due(void **state)
{
	uint64_t c[TL_N];

	(void)state;
	memset(c, 0, sizeof(c));
	/* --at on the deadline: not yet past it. */
	tl_add(c, 100, 1, 105, 28, 128);	/* done, not yet due */
	tl_add(c, 100, 0, 0, 28, 128);		/* pending within */
	tl_add(c, 100, 1, 130, 28, 128);	/* done after --at: pending */
	/* --at the day after: due. */
	tl_add(c, 100, 0, 0, 28, 129);
	assert_int_equal(c[TL_NYD], 3);
	assert_int_equal(c[TL_NYD_PENDING], 2);
	assert_int_equal(c[TL_DUE], 1);
	assert_int_equal(c[TL_ONTIME], 0);
	assert_int_equal(c[TL_LATE_PENDING], 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_due),
		cmocka_unit_test(test_not_yet_due),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
