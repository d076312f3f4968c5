/*
 * Unit tests of lib/core/numfmt: numfmt_fixed() against snprintf()
 * "%.*f", byte for byte, on random values of every size, on exact ties
 * (0.125, 2.5: printf rounds those to even), on values a hair either
 * side of a tie, and on zeros, negatives, NaN and infinities.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/numfmt.h"

static void
same(double x, int dec)
{
	char a[400], b[400];
	size_t n = numfmt_fixed(a, sizeof a, x, dec);

	snprintf(b, sizeof b, "%.*f", dec, x);
	if (strcmp(a, b) != 0 || n != strlen(b))
		fail_msg("%.17g with %d decimals: %s, printf %s", x, dec, a, b);
}

static void
test_against_printf(void **state)
{
	static const double fixed[] = { 0.0, -0.0, 0.125, -0.125, 0.375,
		2.5, 3.5, -2.5, 0.005, 0.015, 2.675, 1.0005, 0.00005,
		-0.004, -0.0049999, 99.995, 999999.995, 1073741823.5,
		1e9, 1e15, -1e300, 5e-324, 1.5e-7 };
	uint64_t x = 0x9E3779B97F4A7C15ULL;
	size_t i;
	int dec;

	(void)state;
	for (i = 0; i < sizeof fixed / sizeof *fixed; i++)
		for (dec = 0; dec <= 6; dec++) {
			same(fixed[i], dec);
			same(nextafter(fixed[i], INFINITY), dec);
			same(nextafter(fixed[i], -INFINITY), dec);
		}
	same(NAN, 2);
	same(INFINITY, 4);
	same(-INFINITY, 0);
	for (i = 0; i < 1000000; i++) {
		double v;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		dec = (int)(x % 7);
		/* Magnitudes from 1e-8 to 1e10, either sign; and exact
		   multiples of 1/2^k, ties among them. */
		if (x >> 60 == 0)
			v = (double)(int64_t)(x >> 20 & 0xfffff) /
			    (double)(1u << (x >> 40 & 15));
		else
			v = ((double)(x >> 11) / 9007199254740992.0) *
			    pow(10, (double)((x >> 3) % 19) - 8);
		if (x & 4)
			v = -v;
		same(v, dec);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_against_printf),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
