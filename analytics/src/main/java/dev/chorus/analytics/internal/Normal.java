package dev.chorus.analytics.internal;

/**
 * The standard normal distribution to about 1e-15: erfc by its power series below 2 and by its
 * continued fraction (evaluated with the modified Lentz method) from 2 up, so tail probabilities
 * keep their relative accuracy; the quantile refines a rough rational start with Halley steps on
 * that accurate CDF.
 */
public final class Normal {

  private static final double SQRT2 = Math.sqrt(2.0);
  private static final double SQRT_PI = Math.sqrt(Math.PI);
  private static final double SQRT_2PI = Math.sqrt(2.0 * Math.PI);

  private Normal() {}

  /** The complementary error function. */
  public static double erfc(double x) {
    if (Double.isNaN(x)) {
      return Double.NaN;
    }
    if (x < 0) {
      return 2.0 - erfc(-x);
    }
    if (x < 2.0) {
      return 1.0 - erf(x);
    }
    if (x > 27.3) {
      return 0.0;
    }
    return Math.exp(-x * x) / SQRT_PI * continuedFraction(x);
  }

  /** The error function for {@code 0 <= x < 2}, from the series with positive terms. */
  private static double erf(double x) {
    // erf(x) = 2/sqrt(pi) * exp(-x^2) * sum_n (2x^2)^n x / (1*3*...*(2n+1))
    double term = x;
    double sum = x;
    double twoX2 = 2 * x * x;
    for (int n = 1; n < 200; n++) {
      term *= twoX2 / (2 * n + 1);
      sum += term;
      if (term < sum * 1e-17) {
        break;
      }
    }
    return 2.0 / SQRT_PI * Math.exp(-x * x) * sum;
  }

  /** 1 / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))) by the modified Lentz method. */
  private static double continuedFraction(double x) {
    double tiny = 1e-300;
    double f = x;
    double c = x;
    double d = 0;
    for (int k = 1; k < 5000; k++) {
      double a = k / 2.0;
      d = x + a * d;
      d = d == 0 ? tiny : d;
      c = x + a / c;
      c = c == 0 ? tiny : c;
      d = 1.0 / d;
      double delta = c * d;
      f *= delta;
      if (Math.abs(delta - 1.0) < 1e-16) {
        break;
      }
    }
    return 1.0 / f;
  }

  /** {@code P(Z <= x)}. */
  public static double cdf(double x) {
    return 0.5 * erfc(-x / SQRT2);
  }

  /** P(Z > x), accurate in the upper tail. */
  public static double sf(double x) {
    return 0.5 * erfc(x / SQRT2);
  }

  /** The density. */
  public static double pdf(double x) {
    return Math.exp(-0.5 * x * x) / SQRT_2PI;
  }

  /** The x with {@code P(Z <= x) = p}, for {@code 0 < p < 1}. */
  public static double quantile(double p) {
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException("p must be in (0, 1): " + p);
    }
    if (p > 0.5) {
      return -quantile(1.0 - p); // exact for p >= 0.5
    }
    if (p == 0.5) {
      return 0.0;
    }
    // Rough start (Abramowitz & Stegun 26.2.23, error < 4.5e-4), then Halley steps.
    double t = Math.sqrt(-2.0 * Math.log(p));
    double x = -(t - (2.515517 + 0.802853 * t + 0.010328 * t * t)
        / (1.0 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t));
    for (int i = 0; i < 50; i++) {
      double e = cdf(x) - p;
      double u = e / pdf(x);
      double step = u / (1.0 + x * u / 2.0);
      x -= step;
      if (Math.abs(step) <= 1e-16 * Math.max(1.0, Math.abs(x))) {
        break;
      }
    }
    return x;
  }
}
