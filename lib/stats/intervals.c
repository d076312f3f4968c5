/*
 * Interval statistics.  The special functions follow the classical
 * methods: the incomplete gamma by its series (x < a + 1) or Legendre's
 * continued fraction, the incomplete beta by its continued fraction
 * (modified Lentz), both in log space so that large arguments do not
 * overflow.  Quantiles are found by bisection on a bracket, which is
 * slow next to Newton's method but cannot diverge; they are computed a
 * few times per output row, never per input row.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "stats/intervals.h"

#define ITMAX 100000
#define EPS 1e-16
#define TINY 1e-300

double
iv_norm_cdf(double z)
{
	return 0.5 * erfc(-z / sqrt(2.0));
}

/*
 * Acklam's rational approximation (relative error 1.15e-9), then one
 * Halley step against erfc() to bring it to full double precision.
 */
double
iv_norm_quantile(double p)
{
	static const double a[] = { -3.969683028665376e+01,
	    2.209460984245205e+02, -2.759285104469687e+02,
	    1.383577518672690e+02, -3.066479806614716e+01,
	    2.506628277459239e+00 };
	static const double b[] = { -5.447609879822406e+01,
	    1.615858368580409e+02, -1.556989798598866e+02,
	    6.680131188771972e+01, -1.328068155288572e+01 };
	static const double c[] = { -7.784894002430293e-03,
	    -3.223964580411365e-01, -2.400758277161838e+00,
	    -2.549732539343734e+00, 4.374664141464968e+00,
	    2.938163982698783e+00 };
	static const double d[] = { 7.784695709041462e-03,
	    3.224671290700398e-01, 2.445134137142996e+00,
	    3.754408661907416e+00 };
	double q, r, x, e, u;

	if (isnan(p) || p < 0 || p > 1)
		return NAN;
	if (p == 0)
		return -INFINITY;
	if (p == 1)
		return INFINITY;
	if (p < 0.02425) {
		q = sqrt(-2 * log(p));
		x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) *
		    q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) *
		    q + 1);
	} else if (p <= 1 - 0.02425) {
		q = p - 0.5;
		r = q * q;
		x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) *
		    r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r +
		    b[3]) * r + b[4]) * r + 1);
	} else {
		q = sqrt(-2 * log1p(-p));
		x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) *
		    q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) *
		    q + 1);
	}
	/* Halley refinement; e is the error of the current x in p. */
	e = iv_norm_cdf(x) - p;
	u = e * sqrt(2 * M_PI) * exp(x * x / 2);
	x = x - u / (1 + x * u / 2);
	return x;
}

/* Series for P(a, x), good for x < a + 1. */
static double
gamma_series(double a, double x)
{
	double ap = a, sum = 1.0 / a, del = sum;
	int n;

	for (n = 0; n < ITMAX; n++) {
		ap += 1;
		del *= x / ap;
		sum += del;
		if (fabs(del) < fabs(sum) * EPS)
			break;
	}
	return sum * exp(-x + a * log(x) - lgamma(a));
}

/* Continued fraction for Q(a, x), good for x >= a + 1. */
static double
gamma_cf(double a, double x)
{
	double b = x + 1 - a, c = 1 / TINY, d = 1 / b, h = d, an, del;
	int i;

	for (i = 1; i < ITMAX; i++) {
		an = -i * (i - a);
		b += 2;
		d = an * d + b;
		if (fabs(d) < TINY)
			d = TINY;
		c = b + an / c;
		if (fabs(c) < TINY)
			c = TINY;
		d = 1 / d;
		del = d * c;
		h *= del;
		if (fabs(del - 1) < EPS)
			break;
	}
	return exp(-x + a * log(x) - lgamma(a)) * h;
}

double
iv_gamma_p(double a, double x)
{
	if (isnan(a) || isnan(x) || a <= 0 || x < 0)
		return NAN;
	if (x == 0)
		return 0;
	if (isinf(x))
		return 1;
	return x < a + 1 ? gamma_series(a, x) : 1 - gamma_cf(a, x);
}

double
iv_gamma_q(double a, double x)
{
	if (isnan(a) || isnan(x) || a <= 0 || x < 0)
		return NAN;
	if (x == 0)
		return 1;
	if (isinf(x))
		return 0;
	return x < a + 1 ? 1 - gamma_series(a, x) : gamma_cf(a, x);
}

/* Continued fraction for the incomplete beta (modified Lentz). */
static double
beta_cf(double a, double b, double x)
{
	double qab = a + b, qap = a + 1, qam = a - 1, c = 1, d, h, aa, del;
	int m, m2;

	d = 1 - qab * x / qap;
	if (fabs(d) < TINY)
		d = TINY;
	d = 1 / d;
	h = d;
	for (m = 1; m < ITMAX; m++) {
		m2 = 2 * m;
		aa = m * (b - m) * x / ((qam + m2) * (a + m2));
		d = 1 + aa * d;
		if (fabs(d) < TINY)
			d = TINY;
		c = 1 + aa / c;
		if (fabs(c) < TINY)
			c = TINY;
		d = 1 / d;
		h *= d * c;
		aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
		d = 1 + aa * d;
		if (fabs(d) < TINY)
			d = TINY;
		c = 1 + aa / c;
		if (fabs(c) < TINY)
			c = TINY;
		d = 1 / d;
		del = d * c;
		h *= del;
		if (fabs(del - 1) < EPS)
			break;
	}
	return h;
}

double
iv_beta_i(double a, double b, double x)
{
	double lbt;

	if (isnan(a) || isnan(b) || isnan(x) || a <= 0 || b <= 0 || x < 0 ||
	    x > 1)
		return NAN;
	if (x == 0)
		return 0;
	if (x == 1)
		return 1;
	lbt = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) +
	    b * log1p(-x);
	if (x < (a + 1) / (a + b + 2))
		return exp(lbt) * beta_cf(a, b, x) / a;
	return 1 - exp(lbt) * beta_cf(b, a, 1 - x) / b;
}

/*
 * Bisection of a monotone increasing function f(x) - target on
 * [lo, hi], to a relative width of about 1e-15.
 */
static double
bisect(double (*f)(double, const double *), const double *args,
    double target, double lo, double hi)
{
	int i;

	for (i = 0; i < 2000; i++) {
		double mid = lo + (hi - lo) / 2;

		if (mid <= lo || mid >= hi || hi - lo <= 4 * DBL_EPSILON * hi)
			break;
		if (f(mid, args) < target)
			lo = mid;
		else
			hi = mid;
	}
	return lo + (hi - lo) / 2;
}

static double
gp_of(double x, const double *a)
{
	return iv_gamma_p(a[0], x);
}

static double
negq_of(double x, const double *a)
{
	return -iv_gamma_q(a[0], x);
}

double
iv_chisq_quantile(double p, double k)
{
	double a[1], hi = 1;

	if (isnan(p) || isnan(k) || k <= 0 || p < 0 || p > 1)
		return NAN;
	if (p == 0)
		return 0;
	if (p == 1)
		return INFINITY;
	a[0] = k / 2;
	/* Work in gamma units (x/2); bracket, then bisect. */
	while (iv_gamma_p(a[0], hi) < p && hi < 1e300)
		hi *= 2;
	if (p <= 0.5)
		return 2 * bisect(gp_of, a, p, 0, hi);
	/* Upper tail: Q is decreasing, so bisect on -Q for precision. */
	return 2 * bisect(negq_of, a, -(1 - p), 0, hi);
}

static double
bi_of(double x, const double *a)
{
	return iv_beta_i(a[0], a[1], x);
}

double
iv_beta_quantile(double p, double a, double b)
{
	double args[2];

	if (isnan(p) || isnan(a) || isnan(b) || a <= 0 || b <= 0 || p < 0 ||
	    p > 1)
		return NAN;
	if (p == 0)
		return 0;
	if (p == 1)
		return 1;
	if (p > 0.5)	/* I_x(a, b) = 1 - I_(1-x)(b, a), for precision */
		return 1 - iv_beta_quantile(1 - p, b, a);
	args[0] = a;
	args[1] = b;
	return bisect(bi_of, args, p, 0, 1);
}

static double
zcrit(double level)
{
	return iv_norm_quantile(1 - (1 - level) / 2);
}

struct interval
iv_wilson(unsigned long x, unsigned long n, double level)
{
	struct interval iv = { NAN, NAN };
	double z, z2, c, h, dn = (double)n, dx = (double)x;

	if (n == 0 || x > n)
		return iv;
	z = zcrit(level);
	z2 = z * z;
	c = (dx + z2 / 2) / (dn + z2);
	h = z / (dn + z2) * sqrt(dx * (dn - dx) / dn + z2 / 4);
	iv.lo = x == 0 ? 0 : c - h;
	iv.hi = x == n ? 1 : c + h;
	if (iv.lo < 0)
		iv.lo = 0;
	if (iv.hi > 1)
		iv.hi = 1;
	return iv;
}

struct interval
iv_clopper_pearson(unsigned long x, unsigned long n, double level)
{
	struct interval iv = { NAN, NAN };
	double alpha = 1 - level;

	if (n == 0 || x > n)
		return iv;
	iv.lo = x == 0 ? 0 : iv_beta_quantile(alpha / 2, (double)x,
	    (double)(n - x) + 1);
	iv.hi = x == n ? 1 : iv_beta_quantile(1 - alpha / 2, (double)x + 1,
	    (double)(n - x));
	return iv;
}

struct interval
iv_poisson(unsigned long x, double level)
{
	struct interval iv;
	double alpha = 1 - level;

	iv.lo = x == 0 ? 0 : iv_chisq_quantile(alpha / 2, 2.0 * x) / 2;
	iv.hi = iv_chisq_quantile(1 - alpha / 2, 2.0 * x + 2) / 2;
	return iv;
}

struct interval
iv_prop_diff(unsigned long x1, unsigned long n1, unsigned long x2,
    unsigned long n2, double level)
{
	struct interval iv = { NAN, NAN }, a, b;
	double p1, p2, d;

	if (n1 == 0 || n2 == 0)
		return iv;
	a = iv_wilson(x1, n1, level);
	b = iv_wilson(x2, n2, level);
	p1 = (double)x1 / n1;
	p2 = (double)x2 / n2;
	d = p1 - p2;
	iv.lo = d - sqrt((p1 - a.lo) * (p1 - a.lo) + (b.hi - p2) * (b.hi - p2));
	iv.hi = d + sqrt((a.hi - p1) * (a.hi - p1) + (p2 - b.lo) * (p2 - b.lo));
	return iv;
}

/* log of the binomial probability of k out of n with probability p. */
static double
ldbinom(unsigned long k, unsigned long n, double p)
{
	double lc = lgamma((double)n + 1) - lgamma((double)k + 1) -
	    lgamma((double)(n - k) + 1);

	if (p == 0)
		return k == 0 ? 0 : -INFINITY;
	if (p == 1)
		return k == n ? 0 : -INFINITY;
	return lc + k * log(p) + (double)(n - k) * log1p(-p);
}

double
iv_binom_test(unsigned long x, unsigned long n, double p)
{
	double ld, sum = 0;
	unsigned long k;

	if (x > n || isnan(p) || p < 0 || p > 1)
		return NAN;
	if (n == 0 || (double)x == n * p)
		return 1;
	ld = ldbinom(x, n, p) + log1p(1e-7);
	for (k = 0; k <= n; k++) {
		double l = ldbinom(k, n, p);

		if (l <= ld)
			sum += exp(l);
	}
	return sum > 1 ? 1 : sum;
}

struct interval
iv_rate_ratio(unsigned long x1, double t1, unsigned long x2, double t2,
    double level, double *ratio, double *pvalue)
{
	struct interval iv = { NAN, NAN }, pi;
	unsigned long n = x1 + x2;

	*ratio = x2 == 0 ? NAN : ((double)x1 / t1) / ((double)x2 / t2);
	*pvalue = NAN;
	if (n == 0 || !(t1 > 0) || !(t2 > 0))
		return iv;
	*pvalue = iv_binom_test(x1, n, t1 / (t1 + t2));
	pi = iv_clopper_pearson(x1, n, level);
	iv.lo = pi.lo / (1 - pi.lo) * t2 / t1;
	iv.hi = pi.hi >= 1 ? INFINITY : pi.hi / (1 - pi.hi) * t2 / t1;
	return iv;
}

struct interval
iv_log_wald(double est, double se, double level, double *pvalue)
{
	struct interval iv = { NAN, NAN };
	double z = iv_norm_quantile(1 - (1 - level) / 2);

	if (pvalue != NULL)
		*pvalue = NAN;
	if (!(est > 0) || isinf(est) || !(se > 0) || isinf(se))
		return iv;
	iv.lo = exp(log(est) - z * se);
	iv.hi = exp(log(est) + z * se);
	if (pvalue != NULL)
		*pvalue = 2 * (1 - iv_norm_cdf(fabs(log(est)) / se));
	return iv;
}

double
iv_dispersion(const double *y, size_t n)
{
	double sum = 0, mean, chi = 0;
	size_t i;

	if (n < 2)
		return NAN;
	for (i = 0; i < n; i++)
		sum += y[i];
	mean = sum / (double)n;
	if (!(mean > 0))
		return NAN;
	for (i = 0; i < n; i++)
		chi += (y[i] - mean) * (y[i] - mean) / mean;
	return chi / (double)(n - 1);
}

/* Sorts indexes by their p-value (a shell sort: no global comparator). */
static void
sort_by_p(size_t *ix, size_t m, const double *p)
{
	size_t gap, i, j;

	for (gap = m / 2; gap > 0; gap /= 2)
		for (i = gap; i < m; i++) {
			size_t t = ix[i];

			for (j = i; j >= gap && p[ix[j - gap]] > p[t]; j -= gap)
				ix[j] = ix[j - gap];
			ix[j] = t;
		}
}

int
iv_holm(const double *p, size_t n, double *adj)
{
	size_t *ix = malloc((n + 1) * sizeof(*ix)), m = 0, i;
	double run = 0;

	if (ix == NULL)
		return -1;
	for (i = 0; i < n; i++)
		if (!isnan(p[i]))
			ix[m++] = i;
	sort_by_p(ix, m, p);
	for (i = 0; i < m; i++) {
		double a = (double)(m - i) * p[ix[i]];

		if (a > 1)
			a = 1;
		if (a > run)
			run = a;
		adj[ix[i]] = run;
	}
	for (i = 0; i < n; i++)
		if (isnan(p[i]))
			adj[i] = NAN;
	free(ix);
	return 0;
}
