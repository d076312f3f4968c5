/*
 * Unit tests of lib/agg.  Expected medians and quantiles are worked by
 * hand from the type 7 rule: for n values, h = (n - 1) q, interpolate
 * between the floor(h)-th and the next order statistic.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <cmocka.h>

#include "stats/agg.h"

static void
test_cells(void **state)
{
	struct agg *a = agg_new(2, 0);
	size_t c1, c2, c3, *ix, len;

	(void)state;
	c1 = agg_cell(a, "b", 1, 5);
	c2 = agg_cell(a, "a", 1, 7);
	c3 = agg_cell(a, "a", 1, -2);
	assert_int_equal(agg_cell(a, "b", 1, 5), c1);
	assert_int_equal(agg_ncells(a), 3);
	agg_counters(a, c1)[0] += 3;
	agg_counters(a, c1)[1] += 1;
	agg_counters(a, agg_cell(a, "b", 1, 5))[0]++;
	assert_int_equal(agg_counters(a, c1)[0], 4);
	assert_int_equal(agg_counters(a, c2)[0], 0);
	assert_int_equal(agg_find(a, "a", 1, 7), (ptrdiff_t)c2);
	assert_int_equal(agg_find(a, "a", 1, 8), -1);
	assert_int_equal(agg_find(a, "", 0, 7), -1);
	/* Sorted by group, then bucket: a/-2, a/7, b/5. */
	ix = agg_sorted(a);
	assert_int_equal(ix[0], c3);
	assert_int_equal(ix[1], c2);
	assert_int_equal(ix[2], c1);
	assert_memory_equal(agg_group(a, ix[2], &len), "b", 1);
	assert_int_equal(len, 1);
	assert_int_equal(agg_bucket(a, ix[0]), -2);
	free(ix);
	agg_free(a);
}

static void
test_many_cells(void **state)
{
	struct agg *a = agg_new(1, 0);
	char key[32];
	int i;

	(void)state;
	for (i = 0; i < 5000; i++) {
		int n = snprintf(key, sizeof(key), "g%d", i % 1000);

		agg_counters(a, agg_cell(a, key, (size_t)n, i % 3))[0]++;
	}
	assert_int_equal(agg_ncells(a), 3000);
	assert_int_equal(agg_counters(a, (size_t)agg_find(a, "g7", 2, 1))[0],
	    2);	/* i = 7 + 1000k with i % 3 == 1: i = 1007, 4007 */
	agg_free(a);
}

static void
test_hist(void **state)
{
	struct agg *a = agg_new(1, 2);
	struct agg_sum *s;
	size_t c1 = agg_cell(a, "x", 1, 0), c2 = agg_cell(a, "x", 1, 1);
	static const uint32_t v1[] = { 3, 1, 4, 1, 5 }, v2[] = { 9, 2, 6 };
	size_t i;

	(void)state;
	for (i = 0; i < 5; i++)
		agg_hist_add(a, c1, 0, v1[i]);
	for (i = 0; i < 3; i++)
		agg_hist_add(a, c2, 0, v2[i]);
	agg_hist_add(a, c2, 1, 500000);	/* clamped */
	s = agg_sum_new(a);
	agg_sum_add(s, a, c1);
	/* 1 1 3 4 5: median 3; q 0.9: h = 3.6, 4 + 0.6 = 4.6 */
	assert_true(agg_sum_quantile(s, 0, 0.5) == 3);
	assert_true(fabs(agg_sum_quantile(s, 0, 0.9) - 4.6) < 1e-12);
	assert_true(isnan(agg_sum_quantile(s, 1, 0.5)));
	agg_sum_add(s, a, c2);
	/* 1 1 2 3 4 5 6 9: median h = 3.5, 3.5; q 0.9: h = 6.3, 6 + 0.9 */
	assert_true(agg_sum_quantile(s, 0, 0.5) == 3.5);
	assert_true(fabs(agg_sum_quantile(s, 0, 0.9) - 6.9) < 1e-12);
	assert_int_equal(agg_sum_count_le(s, 0, 3), 4);
	assert_true(agg_sum_quantile(s, 1, 0.5) == AGG_HIST_MAX);
	agg_sum_clear(s);
	assert_true(isnan(agg_sum_quantile(s, 0, 0.5)));
	agg_sum_free(s);
	agg_free(a);
}

static void
test_merge(void **state)
{
	struct agg *a = agg_new(1, 1), *b = agg_new(1, 1);
	size_t c;

	(void)state;
	agg_counters(a, agg_cell(a, "x", 1, 1))[0] = 2;
	agg_counters(b, agg_cell(b, "x", 1, 1))[0] = 3;
	c = agg_cell(b, "y", 1, 2);
	agg_counters(b, c)[0] = 1;
	agg_hist_add(b, c, 0, 7);
	agg_merge(a, b);
	assert_int_equal(agg_counters(a, (size_t)agg_find(a, "x", 1, 1))[0], 5);
	assert_int_equal(agg_counters(a, (size_t)agg_find(a, "y", 1, 2))[0], 1);
	agg_free(a);
	agg_free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cells),
		cmocka_unit_test(test_many_cells),
		cmocka_unit_test(test_hist),
		cmocka_unit_test(test_merge),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
