package dev.chorus.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.chorus.InvalidValueException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Agreement with the reference values of {@code ab_reference.py} to 1e-9, and peeking protection. */
class AbStatisticsTest {

  private static final double TOL = 1e-9;

  static List<double[]> csv(String name) throws IOException {
    List<double[]> rows = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        AbStatisticsTest.class.getResourceAsStream(name), StandardCharsets.UTF_8))) {
      in.readLine();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] cells = line.split(",");
        double[] row = new double[cells.length];
        for (int i = 0; i < cells.length; i++) {
          row[i] = Double.parseDouble(cells[i]);
        }
        rows.add(row);
      }
    }
    assertThat(rows).isNotEmpty();
    return rows;
  }

  @Test
  void normal_cdf_matches_reference_including_relative_accuracy_in_the_tail() throws IOException {
    for (double[] r : csv("normal.csv")) {
      assertThat(AbStatistics.normalCdf(r[0])).as("cdf(%s)", r[0]).isCloseTo(r[1], within(TOL));
      assertThat(AbStatistics.normalCdf(r[0])).as("relative cdf(%s)", r[0]).isCloseTo(r[1], within(1e-13 * r[1]));
    }
  }

  @Test
  void normal_quantile_matches_reference() throws IOException {
    for (double[] r : csv("quantile.csv")) {
      assertThat(AbStatistics.normalQuantile(r[0])).as("quantile(%s)", r[0]).isCloseTo(r[1], within(TOL));
    }
  }

  @Test
  void z_test_matches_reference() throws IOException {
    for (double[] r : csv("ztest.csv")) {
      var result = AbStatistics.twoProportionZTest((long) r[0], (long) r[1], (long) r[2], (long) r[3], r[4]);
      assertThat(result.z()).isCloseTo(r[5], within(TOL));
      assertThat(result.pValue()).isCloseTo(r[6], within(TOL));
      assertThat(result.ciLower()).isCloseTo(r[7], within(TOL));
      assertThat(result.ciUpper()).isCloseTo(r[8], within(TOL));
    }
  }

  @Test
  void z_test_worked_example_from_kpis_md() {
    var result = AbStatistics.twoProportionZTest(250, 5000, 300, 5000, 0.95);
    assertThat(result.z()).isCloseTo(2.19, within(0.01));
    assertThat(result.pValue()).isCloseTo(0.028, within(0.001));
    assertThat(result.normalApproximationValid()).isTrue();
    assertThat(AbStatistics.twoProportionZTest(1, 10, 3, 10, 0.95).normalApproximationValid()).isFalse();
  }

  @Test
  void z_test_without_variation_is_no_difference() {
    var result = AbStatistics.twoProportionZTest(0, 100, 0, 80, 0.95);
    assertThat(result.z()).isZero();
    assertThat(result.pValue()).isEqualTo(1.0);
  }

  @Test
  void fisher_matches_exact_rational_reference() throws IOException {
    for (double[] r : csv("fisher.csv")) {
      var result = AbStatistics.fisherExact((long) r[0], (long) r[1], (long) r[2], (long) r[3]);
      assertThat(result.pTwoSided()).as("two-sided %s", java.util.Arrays.toString(r)).isCloseTo(r[4], within(TOL));
      assertThat(result.pLess()).isCloseTo(r[5], within(TOL));
      assertThat(result.pGreater()).isCloseTo(r[6], within(TOL));
    }
  }

  @Test
  void sample_size_matches_reference() throws IOException {
    for (double[] r : csv("samplesize.csv")) {
      double n = AbStatistics.sampleSizePerArm(r[0], r[1], r[2], r[3]);
      assertThat(n).isCloseTo(r[4], within(TOL * Math.max(1, r[4])));
    }
  }

  @Test
  void msprt_likelihood_ratio_matches_reference() throws IOException {
    for (double[] r : csv("msprt.csv")) {
      SequentialTest test = SequentialTest.start(0.05, r[4]);
      assertThat(test.likelihoodRatio((long) r[0], (long) r[1], (long) r[2], (long) r[3]))
          .isCloseTo(r[5], within(TOL * Math.max(1, r[5])));
    }
  }

  @Test
  void bad_input_is_a_typed_error_naming_the_field() {
    assertThatThrownBy(() -> AbStatistics.twoProportionZTest(11, 10, 1, 10, 0.95))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("x1");
    assertThatThrownBy(() -> AbStatistics.fisherExact(1, 0, 1, 10))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("n1");
    assertThatThrownBy(() -> AbStatistics.sampleSizePerArm(0.1, 0.1, 0.05, 0.8))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("p2");
    assertThatThrownBy(() -> AbStatistics.normalQuantile(1.0))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("p");
  }

  @Test
  void fixed_horizon_gives_no_verdict_before_the_planned_sample() {
    FixedHorizonTest test = FixedHorizonTest.planned(0.05, 0.06, 0.05, 0.8);
    assertThat(test.plannedPerArm()).isEqualTo(8158);
    // A striking interim difference is still pending: peeking cannot stop the test early.
    assertThat(test.evaluate(10, 1000, 60, 1000).verdict()).isEqualTo(AbVerdict.PENDING);
    var done = test.evaluate(408, 8158, 530, 8158);
    assertThat(done.verdict()).isEqualTo(AbVerdict.SIGNIFICANT);
    assertThat(done.method()).isEqualTo("z-test");
    assertThat(test.evaluate(408, 8158, 410, 8158).verdict()).isEqualTo(AbVerdict.NOT_SIGNIFICANT);
  }

  @Test
  void fixed_horizon_uses_fisher_for_small_counts() {
    var small = new FixedHorizonTest(20, 0.05).evaluate(0, 20, 5, 20);
    assertThat(small.method()).isEqualTo("fisher");
    assertThat(small.pValue()).isCloseTo(0.04712404712404712, within(TOL));
    assertThat(small.verdict()).isEqualTo(AbVerdict.SIGNIFICANT);
  }

  @Test
  void sequential_test_keeps_false_positives_below_alpha_when_peeking_while_naive_peeking_does_not() {
    Random random = new Random(42);
    int experiments = 400;
    int looks = 20;
    int batch = 200;
    int sequentialFalse = 0;
    int naiveFalse = 0;
    for (int e = 0; e < experiments; e++) {
      SequentialTest seq = SequentialTest.start(0.05, 1e-3);
      long x1 = 0;
      long x2 = 0;
      long n = 0;
      boolean naive = false;
      double previous = 1;
      for (int look = 0; look < looks; look++) {
        for (int i = 0; i < batch; i++) {
          x1 += random.nextDouble() < 0.1 ? 1 : 0;
          x2 += random.nextDouble() < 0.1 ? 1 : 0;
        }
        n += batch;
        seq = seq.look(x1, n, x2, n);
        assertThat(seq.pValue()).isLessThanOrEqualTo(previous);
        previous = seq.pValue();
        naive |= AbStatistics.twoProportionZTest(x1, n, x2, n, 0.95).pValue() < 0.05;
      }
      sequentialFalse += seq.verdict() == AbVerdict.SIGNIFICANT ? 1 : 0;
      naiveFalse += naive ? 1 : 0;
    }
    assertThat(sequentialFalse / (double) experiments).isLessThan(0.05);
    assertThat(naiveFalse / (double) experiments).isGreaterThan(0.10);
  }

  @Test
  void sequential_test_detects_a_real_difference() {
    Random random = new Random(7);
    SequentialTest seq = SequentialTest.start(0.05, 1e-3);
    long x1 = 0;
    long x2 = 0;
    long n = 0;
    while (seq.verdict() == AbVerdict.PENDING && n < 100_000) {
      for (int i = 0; i < 200; i++) {
        x1 += random.nextDouble() < 0.10 ? 1 : 0;
        x2 += random.nextDouble() < 0.13 ? 1 : 0;
      }
      n += 200;
      seq = seq.look(x1, n, x2, n);
    }
    assertThat(seq.verdict()).isEqualTo(AbVerdict.SIGNIFICANT);
  }
}
