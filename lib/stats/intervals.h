/*
 * Confidence intervals for the figures analysts publish: a proportion
 * (Wilson score interval), a count (exact Poisson, Garwood), the
 * difference of two proportions (Newcombe's hybrid score interval) and
 * the ratio of two rates (exact conditional binomial interval and
 * two-sided p-value, as in R's poisson.test), with the special
 * functions they rest on.
 *
 * Every function is pure: no global state, no allocation but
 * iv_holm()'s working array.  A confidence
 * level is a fraction strictly between 0 and 1 (0.95 for 95%).
 */
#ifndef VAWG_INTERVALS_H
#define VAWG_INTERVALS_H

#include <stddef.h>

/* A two-sided interval; lo <= hi.  NaN bounds mean "not defined". */
struct interval {
	double lo, hi;
};

/*
 * Quantile of the standard normal distribution: z with P(Z <= z) = p,
 * for 0 < p < 1 (-inf at 0, +inf at 1, NaN outside).  Accurate to about
 * 1e-15 relative.
 */
double iv_norm_quantile(double p);

/* Standard normal distribution function P(Z <= z). */
double iv_norm_cdf(double z);

/*
 * Regularized lower incomplete gamma P(a, x) for a > 0, x >= 0, and the
 * upper Q(a, x) = 1 - P(a, x) computed without cancellation.  NaN for
 * arguments out of range.
 */
double iv_gamma_p(double a, double x);
double iv_gamma_q(double a, double x);

/* Regularized incomplete beta I_x(a, b) for a, b > 0, 0 <= x <= 1. */
double iv_beta_i(double a, double b, double x);

/* Quantile of the chi-square distribution with k > 0 degrees of freedom. */
double iv_chisq_quantile(double p, double k);

/* Quantile of the beta(a, b) distribution, a, b > 0. */
double iv_beta_quantile(double p, double a, double b);

/*
 * Wilson score interval for x successes out of n trials, 0 <= x <= n.
 * n = 0 gives NaN bounds (no information).
 */
struct interval iv_wilson(unsigned long x, unsigned long n, double level);

/*
 * Clopper-Pearson exact interval for x out of n; lower bound 0 when
 * x = 0, upper bound 1 when x = n; NaN bounds when n = 0.
 */
struct interval iv_clopper_pearson(unsigned long x, unsigned long n,
    double level);

/*
 * Exact Poisson interval for an observed count x (Garwood 1936):
 * lower chi2(a/2, 2x)/2 (0 when x = 0), upper chi2(1-a/2, 2x+2)/2.
 */
struct interval iv_poisson(unsigned long x, double level);

/*
 * Newcombe's hybrid score interval (method 10 of Newcombe 1998) for the
 * difference p1 - p2 of two independent proportions x1/n1 and x2/n2.
 * NaN bounds when n1 or n2 is 0.
 */
struct interval iv_prop_diff(unsigned long x1, unsigned long n1,
    unsigned long x2, unsigned long n2, double level);

/*
 * Exact binomial two-sided p-value for x successes out of n with success
 * probability p: the sum of the probabilities of all outcomes no more
 * likely than x (the "minimum likelihood" rule of R's binom.test, with
 * its relative tolerance of 1e-7).
 */
double iv_binom_test(unsigned long x, unsigned long n, double p);

/*
 * Ratio of two Poisson rates, (x1/t1) / (x2/t2), with t1, t2 > 0 the
 * exposures (for example the days in each window).  Conditional on
 * x1 + x2, x1 is binomial with p = t1 R / (t1 R + t2); the Clopper-
 * Pearson interval for p gives the interval for R, and the binomial
 * test of p = t1 / (t1 + t2) the p-value of R = 1.  Sets *ratio (NaN when
 * x2 = 0) and *pvalue (NaN when x1 + x2 = 0); returns the interval (NaN
 * bounds when x1 + x2 = 0; an infinite upper bound when x2 = 0).
 */
struct interval iv_rate_ratio(unsigned long x1, double t1, unsigned long x2,
    double t2, double level, double *ratio, double *pvalue);

/*
 * Wald interval of a positive estimate on the log scale, exp(log(est)
 * -+ z se), and (when pvalue is not NULL) the two-sided p-value of
 * est = 1, 2 (1 - Phi(|log est| / se)).  For the ratio of two rate
 * ratios a/b over c/d under the log-linear Poisson model, se =
 * sqrt(1/a + 1/b + 1/c + 1/d).  NaN bounds (and p) when est is not
 * positive and finite or se not positive.
 */
struct interval iv_log_wald(double est, double se, double level,
    double *pvalue);

/*
 * Quasi-Poisson dispersion of n counts: Pearson's chi-square about
 * their mean, sum (y - mean)^2 / mean, over n - 1.  NaN when n < 2 or
 * the mean is not positive.
 */
double iv_dispersion(const double *y, size_t n);

/*
 * Holm's step-down adjustment of n p-values into adj (may be p): the
 * i-th smallest of the m that are not NaN times (m - i + 1), made
 * non-decreasing and at most 1; NaN stays NaN.  Returns -1 when out of
 * memory, else 0.
 */
int iv_holm(const double *p, size_t n, double *adj);

#endif
