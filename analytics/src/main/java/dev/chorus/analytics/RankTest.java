package dev.chorus.analytics;

import dev.chorus.InvalidValueException;
import dev.chorus.analytics.internal.Normal;
import java.util.Arrays;

/**
 * The Mann–Whitney U test (Wilcoxon rank-sum) of whether values of one group tend to be larger than
 * another's. Engagement is skewed (a few posts go viral), so a rank test suits it better than a
 * t-test. The p-value is the normal approximation with the tie correction and a continuity
 * correction of ½, as statistics packages compute it for samples without exact tables.
 */
public final class RankTest {

  private RankTest() {}

  /**
   * The result.
   *
   * @param u the U statistic of group a: how many (a, b) pairs have a &gt; b, ties counting ½
   * @param z the standardised U, continuity-corrected; 0 when every value is tied
   * @param pValue two-sided
   */
  public record Result(double u, double z, double pValue) {}

  /**
   * Tests group {@code a} against group {@code b}.
   *
   * @throws InvalidValueException when a group is empty or holds a value that is not finite
   */
  public static Result mannWhitney(double[] a, double[] b) {
    check("a", a);
    check("b", b);
    int n1 = a.length;
    int n2 = b.length;
    int n = n1 + n2;
    double[] values = new double[n];
    boolean[] first = new boolean[n];
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      values[i] = i < n1 ? a[i] : b[i - n1];
      first[i] = i < n1;
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> Double.compare(values[x], values[y]));
    double rankSumA = 0;
    double tieTerm = 0;
    for (int i = 0; i < n; ) {
      int j = i;
      while (j + 1 < n && values[order[j + 1]] == values[order[i]]) {
        j++;
      }
      double averageRank = (i + j + 2) / 2.0; // ranks are 1-based
      for (int k = i; k <= j; k++) {
        if (first[order[k]]) {
          rankSumA += averageRank;
        }
      }
      double t = j - i + 1;
      tieTerm += t * t * t - t;
      i = j + 1;
    }
    double u = rankSumA - n1 * (n1 + 1) / 2.0;
    double mean = n1 * (double) n2 / 2.0;
    double variance = n1 * (double) n2 / 12.0 * ((n + 1) - tieTerm / ((double) n * (n - 1)));
    if (variance <= 0) {
      return new Result(u, 0, 1);
    }
    double diff = u - mean;
    double corrected = Math.max(0, Math.abs(diff) - 0.5);
    double z = Math.signum(diff) * corrected / Math.sqrt(variance);
    double p = Math.min(1, 2 * Normal.sf(Math.abs(z)));
    return new Result(u, z, p);
  }

  private static void check(String field, double[] values) {
    if (values == null || values.length == 0) {
      throw new InvalidValueException(field, values == null ? null : "[]", "must hold at least one value");
    }
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new InvalidValueException(field + "[" + i + "]", values[i], "must be finite");
      }
    }
  }
}
