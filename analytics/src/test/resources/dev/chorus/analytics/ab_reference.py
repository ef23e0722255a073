#!/usr/bin/env python3
"""Reference values for AbStatisticsTest, computed by an independent route with the Python
standard library only: math.erfc for the normal CDF, statistics.NormalDist.inv_cdf (Wichura's
AS241) for quantiles, and exact rational arithmetic (fractions.Fraction, math.comb) for Fisher's
exact test. Run from this directory: python3 ab_reference.py  (rewrites the *.csv files)."""
import math
from fractions import Fraction
from statistics import NormalDist

N = NormalDist()


def cdf(x):
    return 0.5 * math.erfc(-x / math.sqrt(2))


def ztest(x1, n1, x2, n2, conf):
    p1, p2 = x1 / n1, x2 / n2
    pooled = (x1 + x2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    z = (p2 - p1) / se
    p = math.erfc(abs(z) / math.sqrt(2))
    unpooled = math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
    zc = N.inv_cdf(1 - (1 - conf) / 2)
    return z, p, (p2 - p1) - zc * unpooled, (p2 - p1) + zc * unpooled


def fisher(x1, n1, x2, n2):
    col = x1 + x2
    lo, hi = max(0, col - n2), min(n1, col)
    total = math.comb(n1 + n2, col)
    prob = {a: Fraction(math.comb(n1, a) * math.comb(n2, col - a), total) for a in range(lo, hi + 1)}
    obs = prob[x1]
    # R's fisher.test: tables no more likely than the observed one, relative tolerance 1e-7
    limit = obs * (1 + Fraction(1, 10**7))
    two = sum(p for p in prob.values() if p <= limit)
    less = sum(p for a, p in prob.items() if a <= x1)
    greater = sum(p for a, p in prob.items() if a >= x1)
    return float(min(two, 1)), float(min(less, 1)), float(min(greater, 1))


def sample_size(p1, p2, alpha, power):
    pbar = (p1 + p2) / 2
    za, zb = N.inv_cdf(1 - alpha / 2), N.inv_cdf(power)
    root = za * math.sqrt(2 * pbar * (1 - pbar)) + zb * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    return root * root / (p1 - p2) ** 2


def msprt(x1, n1, x2, n2, tau2):
    pooled = (x1 + x2) / (n1 + n2)
    v = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
    d = x2 / n2 - x1 / n1
    return math.sqrt(v / (v + tau2)) * math.exp(d * d * tau2 / (2 * v * (v + tau2)))


def write(name, header, rows):
    with open(name, "w") as f:
        f.write(header + "\n")
        for row in rows:
            f.write(",".join(repr(v) for v in row) + "\n")


write("normal.csv", "x,cdf", [(x, cdf(x)) for x in
      [-8.5, -6.0, -4.0, -3.1, -2.5, -2.0, -1.959963984540054, -1.0, -0.3, 0.0, 0.25, 0.5, 1.0, 1.5, 2.2, 3.0, 5.0]])
write("quantile.csv", "p,x", [(p, N.inv_cdf(p)) for p in
      [1e-12, 1e-9, 1e-6, 0.001, 0.01, 0.025, 0.05, 0.1, 0.3, 0.5, 0.6, 0.8, 0.9, 0.95, 0.975, 0.99, 0.999, 0.999999]])
zt = [(250, 5000, 300, 5000, 0.95), (120, 1000, 150, 1000, 0.95), (30, 400, 45, 420, 0.90),
      (5000, 100000, 5150, 100000, 0.99), (9, 50, 2, 60, 0.95), (480, 800, 450, 800, 0.95)]
write("ztest.csv", "x1,n1,x2,n2,confidence,z,p,ci_lower,ci_upper", [r + ztest(*r) for r in zt])
fi = [(3, 10, 8, 12), (0, 20, 5, 20), (1, 9, 11, 14), (12, 20, 12, 20), (2, 40, 9, 38), (7, 7, 0, 5),
      (25, 300, 40, 310), (1, 1, 0, 1)]
write("fisher.csv", "x1,n1,x2,n2,two_sided,less,greater", [r + fisher(*r) for r in fi])
ss = [(0.05, 0.06, 0.05, 0.8), (0.10, 0.12, 0.05, 0.9), (0.30, 0.25, 0.01, 0.8), (0.02, 0.025, 0.1, 0.5),
      (0.5, 0.55, 0.05, 0.95)]
write("samplesize.csv", "p1,p2,alpha,power,n", [r + (sample_size(*r),) for r in ss])
ms = [(100, 2000, 130, 2000, 1e-4), (500, 10000, 520, 10000, 1e-4), (10, 100, 25, 100, 0.01)]
write("msprt.csv", "x1,n1,x2,n2,tau2,lambda", [r + (msprt(*r),) for r in ms])
