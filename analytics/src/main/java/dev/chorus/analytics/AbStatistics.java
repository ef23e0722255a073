package dev.chorus.analytics;

import dev.chorus.InvalidValueException;
import dev.chorus.analytics.internal.Normal;

/**
 * Statistics for A/B tests of two proportions (for example click-through of two post variants):
 * the two-proportion z-test, Fisher's exact test for small counts and the sample size a fixed
 * horizon test needs. Pure functions; the normal distribution is computed in-house to about 1e-15
 * (no third-party statistics library). Arm 1 is the control (A), arm 2 the variant (B).
 */
public final class AbStatistics {

  /** Below this expected count in any cell the normal approximation is not trusted. */
  public static final double MIN_EXPECTED_COUNT = 5.0;

  private AbStatistics() {}

  /**
   * The two-proportion z-test: z from the pooled standard error, two-sided p-value = 2(1 − Φ(|z|)),
   * and a confidence interval for {@code p2 − p1} from the unpooled standard error. When every trial
   * in both arms had the same outcome there is no variation: z is 0 and the p-value 1.
   *
   * @param confidence for the interval, for example {@code 0.95}
   */
  public static ZTestResult twoProportionZTest(long x1, long n1, long x2, long n2, double confidence) {
    checkArm("1", x1, n1);
    checkArm("2", x2, n2);
    checkProbability("confidence", confidence);
    double p1 = (double) x1 / n1;
    double p2 = (double) x2 / n2;
    double pooled = (double) (x1 + x2) / (n1 + n2);
    double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
    double z = se == 0 ? 0 : (p2 - p1) / se;
    double p = se == 0 ? 1 : Math.min(1.0, 2 * Normal.sf(Math.abs(z)));
    double unpooled = Math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2);
    double zc = Normal.quantile(1 - (1 - confidence) / 2);
    double minExpected = Math.min(Math.min(n1 * pooled, n1 * (1 - pooled)), Math.min(n2 * pooled, n2 * (1 - pooled)));
    return new ZTestResult(p1, p2, p2 - p1, z, p, p2 - p1 - zc * unpooled, p2 - p1 + zc * unpooled,
        minExpected >= MIN_EXPECTED_COUNT);
  }

  /**
   * Fisher's exact test on the 2×2 table (successes and failures of each arm). The two-sided
   * p-value sums the probabilities of every table with the same margins that is no more likely
   * than the observed one (with a relative tolerance of 1e-7, as R's {@code fisher.test}).
   */
  public static FisherResult fisherExact(long x1, long n1, long x2, long n2) {
    checkArm("1", x1, n1);
    checkArm("2", x2, n2);
    if (n1 + n2 > 50_000_000L) {
      throw new InvalidValueException("n1 + n2", n1 + n2, "is too large for Fisher's exact test; use the z-test");
    }
    long column = x1 + x2;
    int lo = (int) Math.max(0, column - n2);
    int hi = (int) Math.min(n1, column);
    int size = hi - lo + 1;
    double[] w = new double[size];
    double total = (double) n1 + n2;
    int mode = (int) Math.floor((n1 + 1.0) * (column + 1.0) / (total + 2.0));
    mode = Math.max(lo, Math.min(hi, mode));
    w[mode - lo] = 1.0;
    for (int a = mode; a < hi; a++) { // P(a+1)/P(a)
      w[a + 1 - lo] = w[a - lo] * ((double) (n1 - a) * (column - a)) / ((a + 1.0) * (n2 - column + a + 1.0));
    }
    for (int a = mode; a > lo; a--) { // P(a-1)/P(a)
      w[a - 1 - lo] = w[a - lo] * (a * (n2 - column + (double) a)) / ((n1 - a + 1.0) * (column - a + 1.0));
    }
    double sum = 0;
    for (double v : w) {
      sum += v;
    }
    int observed = (int) x1 - lo;
    double threshold = w[observed] * (1 + 1e-7);
    double two = 0;
    double less = 0;
    double greater = 0;
    for (int i = 0; i < size; i++) {
      if (w[i] <= threshold) {
        two += w[i];
      }
      if (i <= observed) {
        less += w[i];
      }
      if (i >= observed) {
        greater += w[i];
      }
    }
    return new FisherResult(Math.min(1, two / sum), Math.min(1, less / sum), Math.min(1, greater / sum));
  }

  /**
   * The sample size per arm to detect a change from {@code p1} to {@code p2} with a two-sided test
   * at level {@code alpha} and the given power: n = (z<sub>1−α/2</sub>·√(2p̄q̄) +
   * z<sub>power</sub>·√(p1q1 + p2q2))² ÷ (p1 − p2)², without continuity correction. Round up for a
   * whole number of users.
   */
  public static double sampleSizePerArm(double p1, double p2, double alpha, double power) {
    checkProbability("p1", p1);
    checkProbability("p2", p2);
    checkProbability("alpha", alpha);
    checkProbability("power", power);
    if (p1 == p2) {
      throw new InvalidValueException("p2", p2, "must differ from p1 (no effect to detect)");
    }
    double pBar = (p1 + p2) / 2;
    double za = Normal.quantile(1 - alpha / 2);
    double zb = Normal.quantile(power);
    double root = za * Math.sqrt(2 * pBar * (1 - pBar)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
    return root * root / ((p1 - p2) * (p1 - p2));
  }

  /** The standard normal CDF Φ(x). */
  public static double normalCdf(double x) {
    return Normal.cdf(x);
  }

  /** The standard normal quantile Φ⁻¹(p), for {@code 0 < p < 1}. */
  public static double normalQuantile(double p) {
    if (!(p > 0 && p < 1)) {
      throw new InvalidValueException("p", p, "must be in (0, 1)");
    }
    return Normal.quantile(p);
  }

  static void checkArm(String arm, long x, long n) {
    if (n <= 0) {
      throw new InvalidValueException("n" + arm, n, "must be at least 1");
    }
    if (x < 0 || x > n) {
      throw new InvalidValueException("x" + arm, x, "must be in 0..n" + arm + " (" + n + ")");
    }
  }

  static void checkProbability(String field, double value) {
    if (!(value > 0 && value < 1)) {
      throw new InvalidValueException(field, value, "must be in (0, 1)");
    }
  }

  /**
   * A two-proportion z-test.
   *
   * @param difference {@code p2 - p1}
   * @param ciLower lower end of the confidence interval for the difference (unpooled SE)
   * @param normalApproximationValid whether every expected cell count is at least {@link
   *     #MIN_EXPECTED_COUNT}; when false prefer {@link #fisherExact}
   */
  public record ZTestResult(double p1, double p2, double difference, double z, double pValue,
      double ciLower, double ciUpper, boolean normalApproximationValid) {}

  /**
   * Fisher's exact test.
   *
   * @param pTwoSided two-sided p-value
   * @param pLess one-sided p-value that arm 1's proportion is lower (odds ratio &lt; 1)
   * @param pGreater one-sided p-value that arm 1's proportion is higher (odds ratio &gt; 1)
   */
  public record FisherResult(double pTwoSided, double pLess, double pGreater) {}
}
