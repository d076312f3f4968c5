/*
 * Unit tests of lib/rng.  splitmix64(0) = 0xe220a8397b1dcdaf is the
 * published first output of splitmix64; the xoshiro256** sequences were
 * computed with an independent Python transcription of the reference C
 * code (64-bit masks, same seeding by the splitmix64 sequence).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "synth/rng.h"

static void
test_known_answers(void **state)
{
	static const struct { uint64_t seed, out[3]; } t[] = {
		{ 0, { 0x99ec5f36cb75f2b4ULL, 0xbf6e1f784956452aULL,
		    0x1a5f849d4933e6e0ULL } },
		{ 1, { 0xb3f2af6d0fc710c5ULL, 0x853b559647364ceaULL,
		    0x92f89756082a4514ULL } },
		{ 12345, { 0xbe6a36374160d49bULL, 0x214aaa0637a688c6ULL,
		    0xf69d16de9954d388ULL } },
	};
	struct rng r;
	size_t i, j;

	(void)state;
	assert_true(rng_mix(0) == 0xe220a8397b1dcdafULL);
	assert_true(rng_mix(1) == 0x910a2dec89025cc1ULL);
	assert_true(rng_derive(1, 2, 3) == 0x6ae515c1c0ac7e37ULL);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		rng_seed(&r, t[i].seed);
		for (j = 0; j < 3; j++)
			assert_true(rng_next(&r) == t[i].out[j]);
	}
}

static void
test_ranges(void **state)
{
	static const uint64_t ns[] = { 0, 1, 2, 3, 7, 1000, UINT64_C(1) << 63,
	    UINT64_MAX };
	struct rng r;
	size_t i, k;
	int seen[5] = { 0 };

	(void)state;
	rng_seed(&r, 99);
	for (i = 0; i < sizeof(ns) / sizeof(ns[0]); i++)
		for (k = 0; k < 200; k++) {
			uint64_t v = rng_below(&r, ns[i]);

			assert_true(ns[i] <= 1 ? v == 0 : v < ns[i]);
		}
	for (k = 0; k < 1000; k++) {
		int64_t v = rng_range(&r, -2, 2);

		assert_true(v >= -2 && v <= 2);
		seen[v + 2] = 1;
	}
	for (k = 0; k < 5; k++)
		assert_int_equal(seen[k], 1);	/* both ends reached */
	assert_int_equal(rng_range(&r, 5, 5), 5);
	assert_int_equal(rng_range(&r, 5, 4), 5);
	for (k = 0; k < 1000; k++) {
		double u = rng_unit(&r);

		assert_true(u >= 0 && u < 1);
		assert_true(rng_skewed(&r, 10, 2.0) < 10);
	}
	assert_int_equal(rng_skewed(&r, 0, 2.0), 0);
	assert_int_equal(rng_chance(&r, 0), 0);
	assert_int_equal(rng_chance(&r, 1), 1);
	assert_int_equal(rng_chance(&r, -1), 0);
}

static void
test_weighted(void **state)
{
	/* Weights 0, 3, 0, 1: index 0 and 2 never, 1 about three in four. */
	static const double cum[] = { 0, 3, 3, 4 };
	struct rng r;
	int count[4] = { 0 }, k;

	(void)state;
	rng_seed(&r, 7);
	for (k = 0; k < 40000; k++)
		count[rng_weighted(&r, cum, 4)]++;
	assert_int_equal(count[0], 0);
	assert_int_equal(count[2], 0);
	assert_true(count[1] > 29000 && count[1] < 31000);
	assert_int_equal(rng_weighted(&r, cum, 0), 0);
}

static void
test_skew_and_normal(void **state)
{
	struct rng r;
	int low = 0, k;
	double sum = 0, sq = 0;

	(void)state;
	rng_seed(&r, 3);
	/* k = 2 over 100: P(index < 25) = sqrt(0.25) = 0.5. */
	for (k = 0; k < 20000; k++)
		low += rng_skewed(&r, 100, 2.0) < 25;
	assert_true(low > 9600 && low < 10400);
	for (k = 0; k < 20000; k++) {
		double z = rng_normal(&r);

		sum += z;
		sq += z * z;
	}
	assert_true(sum / 20000 > -0.05 && sum / 20000 < 0.05);
	assert_true(sq / 20000 > 0.95 && sq / 20000 < 1.05);
}

static void
test_independent_streams(void **state)
{
	struct rng a, b;

	(void)state;
	rng_seed(&a, rng_derive(1, 10, 5));
	rng_seed(&b, rng_derive(1, 10, 5));
	assert_true(rng_next(&a) == rng_next(&b));
	rng_seed(&b, rng_derive(1, 5, 10));	/* order matters */
	assert_true(rng_next(&a) != rng_next(&b));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_answers),
		cmocka_unit_test(test_ranges),
		cmocka_unit_test(test_weighted),
		cmocka_unit_test(test_skew_and_normal),
		cmocka_unit_test(test_independent_streams),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
