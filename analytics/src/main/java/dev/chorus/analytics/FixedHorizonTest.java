package dev.chorus.analytics;

import dev.chorus.InvalidValueException;

/**
 * A fixed-horizon A/B test, the protection against peeking: the sample size per arm is fixed before
 * the test starts and no verdict is given before both arms reach it, so looking at interim results
 * cannot inflate the false-positive rate. At the horizon it uses the z-test, or Fisher's exact test
 * when an expected cell count is below {@link AbStatistics#MIN_EXPECTED_COUNT}. Immutable.
 *
 * @param plannedPerArm the sample size per arm fixed in advance
 * @param alpha the significance level, for example {@code 0.05}
 */
public record FixedHorizonTest(long plannedPerArm, double alpha) {

  /** Validates. */
  public FixedHorizonTest {
    if (plannedPerArm <= 0) {
      throw new InvalidValueException("plannedPerArm", plannedPerArm, "must be at least 1");
    }
    AbStatistics.checkProbability("alpha", alpha);
  }

  /** A test planned with {@link AbStatistics#sampleSizePerArm} for the expected effect. */
  public static FixedHorizonTest planned(double baseline, double expected, double alpha, double power) {
    return new FixedHorizonTest((long) Math.ceil(AbStatistics.sampleSizePerArm(baseline, expected, alpha, power)), alpha);
  }

  /**
   * An evaluation.
   *
   * @param pValue the p-value at the horizon, or NaN while pending
   * @param method {@code "pending"}, {@code "z-test"} or {@code "fisher"}
   */
  public record Evaluation(AbVerdict verdict, double pValue, String method) {}

  /** Judges the counts so far: {@link AbVerdict#PENDING} until both arms reach the planned size. */
  public Evaluation evaluate(long x1, long n1, long x2, long n2) {
    AbStatistics.checkArm("1", x1, n1);
    AbStatistics.checkArm("2", x2, n2);
    if (n1 < plannedPerArm || n2 < plannedPerArm) {
      return new Evaluation(AbVerdict.PENDING, Double.NaN, "pending");
    }
    AbStatistics.ZTestResult z = AbStatistics.twoProportionZTest(x1, n1, x2, n2, 1 - alpha);
    double p;
    String method;
    if (z.normalApproximationValid()) {
      p = z.pValue();
      method = "z-test";
    } else {
      p = AbStatistics.fisherExact(x1, n1, x2, n2).pTwoSided();
      method = "fisher";
    }
    return new Evaluation(p < alpha ? AbVerdict.SIGNIFICANT : AbVerdict.NOT_SIGNIFICANT, p, method);
  }
}
