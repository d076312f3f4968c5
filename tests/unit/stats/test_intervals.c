/*
 * Unit tests of lib/intervals.
 *
 * Where the reference values come from (R and SciPy are not available
 * where these tests were written, so no value here was produced by them):
 *  - Wilson and Clopper-Pearson: Newcombe RG (1998), "Two-sided
 *    confidence intervals for the single proportion: comparison of seven
 *    methods", Stat Med 17:857-872, Table I (methods 3 and 5) for 81/263,
 *    15/148, 0/20 and 1/29, printed to 4 decimals.
 *  - Garwood Poisson limits: the classical exact table (e.g. 0: 0-3.689,
 *    1: 0.0253-5.572, 10: 4.795-18.39).
 *  - Rate ratio: the smoking example of R's poisson.test help page,
 *    poisson.test(c(11, 21), c(800, 3011)): ratio 1.971488, interval
 *    0.8584264-4.2772659, p 0.07967 (as printed in that page).
 *  - Every value, and the others below (more digits, other levels, the
 *    binomial test) was also computed by tests/data/vawg-stats/
 *    intervals-ref.py, which sums binomial and Poisson probabilities
 *    directly and bisects on them, sharing no method with the library.
 *  - Log-scale Wald interval, dispersion and Holm: worked by hand and
 *    with Python's math and statistics.NormalDist (the ratio of rate
 *    ratios 20/40 over 45/50: 0.5556, se sqrt(1/20 + 1/40 + 1/45 +
 *    1/50) = 0.342377, 95% 0.283985-1.086825, p 0.086019).
 * Agreement is required to 4 significant figures or better.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <cmocka.h>

#include "stats/intervals.h"

/* Relative agreement to 5e-5 (4 significant figures), absolute near 0. */
static void
near(double got, double want, double tol)
{
	double err = fabs(got - want);

	if (!(err <= tol * fabs(want) || err < 1e-12)) {
		print_error("got %.10g, want %.10g\n", got, want);
		fail();
	}
}

static void
test_norm(void **state)
{
	(void)state;
	near(iv_norm_quantile(0.975), 1.959963985, 1e-9);
	near(iv_norm_quantile(0.95), 1.644853627, 1e-9);
	near(iv_norm_quantile(0.995), 2.575829304, 1e-9);
	near(iv_norm_quantile(0.025), -1.959963985, 1e-9);
	near(iv_norm_quantile(1e-10), -6.361340902, 1e-9);
	assert_true(iv_norm_quantile(0.5) == 0 ||
	    fabs(iv_norm_quantile(0.5)) < 1e-15);
	assert_true(isinf(iv_norm_quantile(0)));
	assert_true(isnan(iv_norm_quantile(1.5)));
	near(iv_norm_cdf(1.959963985), 0.975, 1e-9);
}

static void
test_special(void **state)
{
	(void)state;
	/* P(1, x) = 1 - exp(-x); I_x(1, 1) = x; I_x(a, 1) = x^a. */
	near(iv_gamma_p(1, 2), 1 - exp(-2), 1e-12);
	near(iv_gamma_q(1, 30), exp(-30), 1e-10);
	near(iv_beta_i(1, 1, 0.3), 0.3, 1e-12);
	near(iv_beta_i(3, 1, 0.5), 0.125, 1e-12);
	near(iv_beta_i(2, 5, 0.2) + iv_beta_i(5, 2, 0.8), 1, 1e-12);
	/* chi-square quantiles: 3.841459 (1 df), 5.991465 (2 df). */
	near(iv_chisq_quantile(0.95, 1), 3.841459, 1e-6);
	near(iv_chisq_quantile(0.95, 2), 5.991465, 1e-6);
	near(iv_chisq_quantile(0.05, 10), 3.940299, 1e-6);
	near(iv_beta_quantile(0.5, 1, 1), 0.5, 1e-12);
	near(iv_beta_quantile(0.25, 2, 1), 0.5, 1e-12);
	assert_true(isnan(iv_gamma_p(-1, 1)));
	assert_true(isnan(iv_beta_i(1, 1, 2)));
}

static void
test_wilson(void **state)
{
	static const struct { unsigned long x, n; double lo, hi; } t[] = {
		{ 81, 263, 0.255289, 0.36621 },
		{ 15, 148, 0.0623864, 0.160487 },
		{ 0, 20, 0, 0.161125 },
		{ 1, 29, 0.00611321, 0.171755 },
		{ 5, 5, 0.565518, 1 },
	};
	struct interval iv;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		iv = iv_wilson(t[i].x, t[i].n, 0.95);
		near(iv.lo, t[i].lo, 5e-5);
		near(iv.hi, t[i].hi, 5e-5);
	}
	iv = iv_wilson(0, 0, 0.95);
	assert_true(isnan(iv.lo) && isnan(iv.hi));
}

static void
test_clopper_pearson(void **state)
{
	static const struct { unsigned long x, n; double lo, hi; } t[] = {
		{ 81, 263, 0.252737, 0.367622 },
		{ 15, 148, 0.057844, 0.16165 },
		{ 0, 20, 0, 0.168433 },
		{ 1, 29, 0.000872647, 0.177644 },
	};
	struct interval iv;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		iv = iv_clopper_pearson(t[i].x, t[i].n, 0.95);
		near(iv.lo, t[i].lo, 5e-5);
		near(iv.hi, t[i].hi, 5e-5);
	}
}

static void
test_poisson(void **state)
{
	static const struct { unsigned long x; double level, lo, hi; } t[] = {
		{ 0, 0.95, 0, 3.68888 },
		{ 1, 0.95, 0.0253178, 5.57164 },
		{ 2, 0.95, 0.242209, 7.22469 },
		{ 5, 0.95, 1.62349, 11.6683 },
		{ 10, 0.95, 4.79539, 18.3904 },
		{ 100, 0.95, 81.364, 121.627 },
		{ 3, 0.90, 0.817691, 7.75366 },
	};
	struct interval iv;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		iv = iv_poisson(t[i].x, t[i].level);
		near(iv.lo, t[i].lo, 5e-5);
		near(iv.hi, t[i].hi, 5e-5);
	}
}

static void
test_prop_diff(void **state)
{
	struct interval iv;

	(void)state;
	/*
	 * Newcombe RG (1998), "Interval estimation for the difference
	 * between independent proportions", Stat Med 17:873-890, Table II,
	 * method 10: 56/70 - 48/80 gives 0.0524 to 0.3339; 9/10 - 3/10
	 * gives 0.1705 to 0.8090.
	 */
	iv = iv_prop_diff(56, 70, 48, 80, 0.95);
	near(iv.lo, 0.0524, 1e-3);
	near(iv.hi, 0.3339, 1e-3);
	iv = iv_prop_diff(9, 10, 3, 10, 0.95);
	near(iv.lo, 0.1705, 1e-3);
	near(iv.hi, 0.8090, 1e-3);
	iv = iv_prop_diff(1, 2, 1, 0, 0.95);
	assert_true(isnan(iv.lo));
}

static void
test_binom_test(void **state)
{
	(void)state;
	near(iv_binom_test(7, 20, 0.5), 0.263176, 5e-5);
	near(iv_binom_test(2, 30, 0.3), 0.00423787, 5e-5);
	near(iv_binom_test(10, 20, 0.5), 1, 1e-12);
}

static void
test_rate_ratio(void **state)
{
	static const struct {
		unsigned long x1; double t1; unsigned long x2; double t2;
		double r, lo, hi, p;
	} t[] = {
		{ 11, 800, 21, 3011, 1.97149, 0.858426, 4.27727, 0.0796686 },
		{ 30, 181, 60, 184, 0.508287, 0.31652, 0.80052, 0.00212439 },
		{ 20, 184, 40, 181, 0.491848, 0.272411, 0.861446, 0.00939937 },
	};
	struct interval iv;
	double r, p;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		iv = iv_rate_ratio(t[i].x1, t[i].t1, t[i].x2, t[i].t2, 0.95,
		    &r, &p);
		near(r, t[i].r, 5e-5);
		near(iv.lo, t[i].lo, 5e-5);
		near(iv.hi, t[i].hi, 5e-5);
		near(p, t[i].p, 5e-5);
	}
	iv = iv_rate_ratio(0, 1, 0, 1, 0.95, &r, &p);
	assert_true(isnan(iv.lo) && isnan(p) && isnan(r));
	iv = iv_rate_ratio(4, 1, 0, 1, 0.95, &r, &p);
	assert_true(isinf(iv.hi) && isnan(r));
}

static void
test_log_wald(void **state)
{
	struct interval iv;
	double p;

	(void)state;
	iv = iv_log_wald(0.5 / 0.9, sqrt(1.0 / 20 + 1.0 / 40 + 1.0 / 45 +
	    1.0 / 50), 0.95, &p);
	near(iv.lo, 0.28398499943, 1e-6);
	near(iv.hi, 1.08682492358, 1e-6);
	near(p, 0.08601929803, 1e-6);
	/* 90%: 2 exp(-+1.644854 * 0.5); p of log 2 / 0.5. */
	iv = iv_log_wald(2, 0.5, 0.90, &p);
	near(iv.lo, 0.87872820985, 1e-6);
	near(iv.hi, 4.55203321703, 1e-6);
	near(p, 0.16565703800, 1e-6);
	iv = iv_log_wald(0, 0.5, 0.95, &p);
	assert_true(isnan(iv.lo) && isnan(iv.hi) && isnan(p));
	iv = iv_log_wald(1.5, 0, 0.95, NULL);
	assert_true(isnan(iv.lo));
}

static void
test_dispersion(void **state)
{
	static const double swing[] = { 5, 35, 5, 35 }, flat[] = { 3, 3, 3 },
	    zero[] = { 0, 0, 0 }, poisson[] = { 1, 2, 3 };

	(void)state;
	/* Mean 20: 4 * 15^2 / 20 = 45, over 3 = 15. */
	near(iv_dispersion(swing, 4), 15, 1e-12);
	assert_true(iv_dispersion(flat, 3) == 0);
	/* Mean 2: (1 + 0 + 1) / 2 = 1, over 2 = 0.5. */
	near(iv_dispersion(poisson, 3), 0.5, 1e-12);
	assert_true(isnan(iv_dispersion(zero, 3)));
	assert_true(isnan(iv_dispersion(swing, 1)));
}

static void
test_holm(void **state)
{
	/* Sorted 0.005, 0.01, 0.03, 0.04 times 4, 3, 2, 1: 0.02, 0.03, 0.06,
	 * 0.04 -> kept increasing 0.02, 0.03, 0.06, 0.06. */
	double p[] = { 0.01, 0.04, 0.03, NAN, 0.005 }, adj[5];
	double big[] = { 0.5, 0.4 };

	(void)state;
	assert_int_equal(iv_holm(p, 5, adj), 0);
	near(adj[0], 0.03, 1e-12);
	near(adj[1], 0.06, 1e-12);
	near(adj[2], 0.06, 1e-12);
	assert_true(isnan(adj[3]));
	near(adj[4], 0.02, 1e-12);
	/* In place, capped at 1: 0.4 * 2 = 0.8, 0.5 * 1 -> 0.8. */
	assert_int_equal(iv_holm(big, 2, big), 0);
	near(big[0], 0.8, 1e-12);
	near(big[1], 0.8, 1e-12);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_norm),
		cmocka_unit_test(test_special),
		cmocka_unit_test(test_wilson),
		cmocka_unit_test(test_clopper_pearson),
		cmocka_unit_test(test_poisson),
		cmocka_unit_test(test_prop_diff),
		cmocka_unit_test(test_binom_test),
		cmocka_unit_test(test_rate_ratio),
		cmocka_unit_test(test_log_wald),
		cmocka_unit_test(test_dispersion),
		cmocka_unit_test(test_holm),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
