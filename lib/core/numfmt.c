/*
 * numfmt: "%.*f" by integer arithmetic.  For |x| * 10^dec below 2^30
 * the product's rounding error is under 2^-23, so unless its fraction
 * lies within 10^-6 of one half (where printf's exact decimal rounding
 * decides), rounding the product to the nearest integer gives the
 * digits printf gives.  Anything else, and NaN and infinities, go to
 * snprintf() itself.
 */
#include <math.h>
#include <stdio.h>

#include "core/numfmt.h"

size_t
numfmt_fixed(char *buf, size_t size, double x, int dec)
{
	static const double p10[7] = { 1, 10, 100, 1e3, 1e4, 1e5, 1e6 };
	static const unsigned long u10[7] = { 1, 10, 100, 1000, 10000,
		100000, 1000000 };
	char digits[16];
	double a = fabs(x), y, f;
	unsigned long r, ip, dp;
	size_t n = 0, k = 0;
	int d;

	if (dec < 0 || dec > 6 || size < 32 || !(a * p10[dec] < 1073741824.0))
		return (size_t)snprintf(buf, size, "%.*f", dec, x);
	y = a * p10[dec];
	f = floor(y);
	if (fabs(y - f - 0.5) < 1e-6)
		return (size_t)snprintf(buf, size, "%.*f", dec, x);
	r = (unsigned long)f + (y - f > 0.5);
	ip = r / u10[dec];
	dp = r % u10[dec];
	if (signbit(x))
		buf[n++] = '-';
	do {
		digits[k++] = (char)('0' + ip % 10);
		ip /= 10;
	} while (ip > 0);
	while (k > 0)
		buf[n++] = digits[--k];
	if (dec > 0) {
		buf[n++] = '.';
		for (d = dec - 1; d >= 0; d--) {
			buf[n + (size_t)d] = (char)('0' + dp % 10);
			dp /= 10;
		}
		n += (size_t)dec;
	}
	buf[n] = '\0';
	return n;
}
