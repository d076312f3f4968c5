/*
 * xoshiro256** 1.0 and splitmix64, after Blackman and Vigna's public
 * domain reference code (https://prng.di.unimi.it/).
 */
#include <math.h>

#include "synth/rng.h"

uint64_t
rng_mix(uint64_t x)
{
	x += UINT64_C(0x9e3779b97f4a7c15);
	x = (x ^ (x >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	x = (x ^ (x >> 27)) * UINT64_C(0x94d049bb133111eb);
	return x ^ (x >> 31);
}

uint64_t
rng_derive(uint64_t seed, uint64_t a, uint64_t b)
{
	return rng_mix(rng_mix(rng_mix(seed) ^ a) + b);
}

void
rng_seed(struct rng *r, uint64_t seed)
{
	int i;

	/* The splitmix64 sequence from seed: its i-th output is
	 * rng_mix(seed + i * golden). */
	for (i = 0; i < 4; i++)
		r->s[i] = rng_mix(seed + UINT64_C(0x9e3779b97f4a7c15) *
		    (uint64_t)i);
	if ((r->s[0] | r->s[1] | r->s[2] | r->s[3]) == 0)
		r->s[0] = 1;	/* the one state xoshiro cannot leave */
}

static inline uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t
rng_next(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

uint64_t
rng_below(struct rng *r, uint64_t n)
{
	uint64_t x, lim;

	if (n <= 1)
		return 0;
	/* Rejection keeps it unbiased: drop the top partial block. */
	lim = UINT64_MAX - UINT64_MAX % n;
	do
		x = rng_next(r);
	while (x >= lim);
	return x % n;
}

int64_t
rng_range(struct rng *r, int64_t lo, int64_t hi)
{
	if (hi <= lo)
		return lo;
	return lo + (int64_t)rng_below(r, (uint64_t)(hi - lo) + 1);
}

double
rng_unit(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

int
rng_chance(struct rng *r, double p)
{
	if (p <= 0)
		return 0;
	if (p >= 1)
		return 1;
	return rng_unit(r) < p;
}

double
rng_normal(struct rng *r)
{
	double u = 1.0 - rng_unit(r);	/* (0, 1] so log() is finite */
	double v = rng_unit(r);

	return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

size_t
rng_weighted(struct rng *r, const double *cum, size_t n)
{
	double x;
	size_t lo = 0, hi;

	if (n == 0)
		return 0;
	x = rng_unit(r) * cum[n - 1];
	hi = n - 1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cum[mid] > x)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

uint64_t
rng_skewed(struct rng *r, uint64_t n, double k)
{
	uint64_t i;

	double u;

	if (n <= 1)
		return 0;
	u = rng_unit(r);
	if (k == 2.0)		/* the common exponents without pow() */
		u *= u;
	else if (k == 1.5)
		u *= sqrt(u);
	else
		u = pow(u, k);
	i = (uint64_t)((double)n * u);
	return i < n ? i : n - 1;
}
