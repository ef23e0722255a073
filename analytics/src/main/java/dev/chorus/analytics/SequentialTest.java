package dev.chorus.analytics;

import dev.chorus.InvalidValueException;

/**
 * An always-valid sequential A/B test (a mixture sequential probability ratio test, mSPRT): the
 * results may be looked at after every batch and the test stopped as soon as it says so, without
 * inflating the false-positive rate beyond {@code alpha}. The estimate d = p2 − p1 is treated as
 * normal with variance V = p̄(1 − p̄)(1/n1 + 1/n2) (pooled, under no difference) and the effect gets
 * a normal mixing prior with variance τ²; the likelihood ratio is Λ = √(V/(V+τ²)) · exp(d²τ² /
 * (2V(V+τ²))). The always-valid p-value is the running minimum of 1/Λ. Immutable: each look
 * returns the next state.
 *
 * @param alpha the significance level
 * @param tau2 the variance of the mixing prior on the difference, for example {@code 1e-4} for
 *     effects around one percentage point
 * @param pValue the always-valid p-value so far (1 before the first look)
 */
public record SequentialTest(double alpha, double tau2, double pValue) {

  /** Validates. */
  public SequentialTest {
    AbStatistics.checkProbability("alpha", alpha);
    if (!(tau2 > 0) || Double.isInfinite(tau2)) {
      throw new InvalidValueException("tau2", tau2, "must be a finite number > 0");
    }
    if (!(pValue > 0 && pValue <= 1)) {
      throw new InvalidValueException("pValue", pValue, "must be in (0, 1]");
    }
  }

  /** A test before its first look. */
  public static SequentialTest start(double alpha, double tau2) {
    return new SequentialTest(alpha, tau2, 1.0);
  }

  /** The mixture likelihood ratio Λ for cumulative counts. */
  public double likelihoodRatio(long x1, long n1, long x2, long n2) {
    AbStatistics.checkArm("1", x1, n1);
    AbStatistics.checkArm("2", x2, n2);
    double pooled = (double) (x1 + x2) / (n1 + n2);
    double v = pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2);
    if (v == 0) {
      return 1.0;
    }
    double d = (double) x2 / n2 - (double) x1 / n1;
    return Math.sqrt(v / (v + tau2)) * Math.exp(d * d * tau2 / (2 * v * (v + tau2)));
  }

  /** The state after a look at the cumulative counts. */
  public SequentialTest look(long x1, long n1, long x2, long n2) {
    double lambda = likelihoodRatio(x1, n1, x2, n2);
    double p = Math.min(pValue, Math.min(1.0, 1.0 / lambda));
    return new SequentialTest(alpha, tau2, Math.max(p, Double.MIN_VALUE));
  }

  /** {@link AbVerdict#SIGNIFICANT} once the always-valid p-value is below alpha, else pending. */
  public AbVerdict verdict() {
    return pValue < alpha ? AbVerdict.SIGNIFICANT : AbVerdict.PENDING;
  }
}
