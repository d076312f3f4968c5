#!/usr/bin/python3
# Independent reference values for tests/unit/test_intervals.c.
# Method: exact sums of binomial and Poisson probabilities in Python's
# arbitrary-precision fractions/floats and bisection on the tail
# probabilities (no gamma or beta functions), so that they share no code
# or method with lib/intervals.c.  statistics.NormalDist gives the
# normal quantile.  Run: /usr/bin/python3 intervals-ref.py
from math import comb, exp, lgamma, log, sqrt
from statistics import NormalDist

def z(level):
    return NormalDist().inv_cdf(1 - (1 - level) / 2)

def wilson(x, n, level=0.95):
    q = z(level); p = x / n
    c = (p + q*q/(2*n)) / (1 + q*q/n)
    h = q / (1 + q*q/n) * sqrt(p*(1-p)/n + q*q/(4*n*n))
    return max(0.0, c - h), min(1.0, c + h)

def pois_cdf(k, lam):          # P(X <= k)
    term = exp(-lam); s = term
    for i in range(1, k + 1):
        term *= lam / i; s += term
    return s

def bisect(f, lo, hi, n=200):  # f increasing, root of f = 0
    for _ in range(n):
        mid = (lo + hi) / 2
        if f(mid) < 0: lo = mid
        else: hi = mid
    return (lo + hi) / 2

def garwood(x, level=0.95):
    a = 1 - level
    lo = 0.0 if x == 0 else bisect(lambda m: (1 - pois_cdf(x - 1, m)) - a/2, 0, 10*x + 50)
    hi = bisect(lambda m: a/2 - pois_cdf(x, m), 0, 10*x + 50)
    return lo, hi

def binom_cdf(k, n, p):        # P(X <= k)
    return sum(comb(n, i) * p**i * (1-p)**(n-i) for i in range(k + 1))

def clopper(x, n, level=0.95):
    a = 1 - level
    lo = 0.0 if x == 0 else bisect(lambda p: (1 - binom_cdf(x - 1, n, p)) - a/2, 0, 1)
    hi = 1.0 if x == n else bisect(lambda p: a/2 - binom_cdf(x, n, p), 0, 1)
    return lo, hi

def binom_test(x, n, p):
    d = [comb(n, k) * p**k * (1-p)**(n-k) for k in range(n + 1)]
    return min(1.0, sum(v for v in d if v <= d[x] * (1 + 1e-7)))

def rate_ratio(x1, t1, x2, t2, level=0.95):
    n = x1 + x2
    lo, hi = clopper(x1, n, level)
    return ((x1/t1)/(x2/t2), lo/(1-lo)*t2/t1, hi/(1-hi)*t2/t1,
            binom_test(x1, n, t1/(t1+t2)))

if __name__ == "__main__":
    for x, n in [(81, 263), (15, 148), (0, 20), (1, 29), (5, 5)]:
        print("wilson", x, n, ["%.6g" % v for v in wilson(x, n)])
    for x, n in [(81, 263), (15, 148), (0, 20), (1, 29)]:
        print("clopper", x, n, ["%.6g" % v for v in clopper(x, n)])
    for x in [0, 1, 2, 5, 10, 100]:
        print("garwood", x, ["%.6g" % v for v in garwood(x)])
    print("garwood90", 3, ["%.6g" % v for v in garwood(3, 0.90)])
    for args in [(11, 800, 21, 3011), (30, 181, 60, 184), (20, 184, 40, 181)]:
        print("rate_ratio", args, ["%.6g" % v for v in rate_ratio(*args)])
    print("binom_test", 7, 20, 0.5, "%.6g" % binom_test(7, 20, 0.5))
    print("binom_test", 2, 30, 0.3, "%.6g" % binom_test(2, 30, 0.3))
    print("z", "%.10g" % z(0.95), "%.10g" % z(0.90), "%.10g" % z(0.99))
