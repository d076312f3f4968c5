/*
 * A small deterministic pseudo-random number generator: xoshiro256**
 * seeded through splitmix64.  The same seed gives the same sequence on
 * every platform (no floating point in the integer paths, no libc
 * rand()).  Not for cryptography.
 *
 * Independent streams: derive a seed with rng_derive(seed, a, b) (for
 * example a = a stream tag, b = a record number) and seed a fresh
 * generator with it, so that record b is the same whatever else was
 * drawn before it.
 */
#ifndef VAWG_RNG_H
#define VAWG_RNG_H

#include <stddef.h>
#include <stdint.h>

struct rng {
	uint64_t s[4];
};

/* The splitmix64 output function: a bijective 64-bit mixer. */
uint64_t rng_mix(uint64_t x);

/* A seed derived from a base seed and two numbers (order matters). */
uint64_t rng_derive(uint64_t seed, uint64_t a, uint64_t b);

/* Seeds r from one 64-bit number (any value, 0 included). */
void rng_seed(struct rng *r, uint64_t seed);

/* Next 64 random bits. */
uint64_t rng_next(struct rng *r);

/* Uniform integer in [0, n); n must be at least 1 (0 returns 0). */
uint64_t rng_below(struct rng *r, uint64_t n);

/* Uniform integer in [lo, hi], lo <= hi. */
int64_t rng_range(struct rng *r, int64_t lo, int64_t hi);

/* Uniform double in [0, 1), 53 bits. */
double rng_unit(struct rng *r);

/* 1 with probability p (p <= 0 never, p >= 1 always). */
int rng_chance(struct rng *r, double p);

/* Standard normal deviate (Box-Muller, one of the pair). */
double rng_normal(struct rng *r);

/*
 * Index i in [0, n) drawn with probability proportional to the weight
 * cum[i] - cum[i-1], given cumulative weights cum[0..n-1] (cum[n-1] > 0,
 * non-decreasing).  Binary search: O(log n).
 */
size_t rng_weighted(struct rng *r, const double *cum, size_t n);

/*
 * Heavy-tailed index in [0, n): floor(n * u^k) for uniform u.  With k > 1
 * small indices are drawn far more often: index 0 with probability
 * about n^(-1/k).  k = 1 is uniform.
 */
uint64_t rng_skewed(struct rng *r, uint64_t n, double k);

#endif
