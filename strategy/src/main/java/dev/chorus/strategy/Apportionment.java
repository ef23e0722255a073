package dev.chorus.strategy;

/**
 * Deterministic interleaving of shares over a sequence of slots: slot k (from 1) goes to the
 * pillar with the largest deficit {@code share × k − assigned so far}; ties go to the larger share,
 * then to the earlier pillar. After every prefix of k slots each pillar's count is within one of
 * {@code share × k} (checked by the tests), so whole months with integral quotas hit them exactly
 * (40/30/20/10 over 20 slots gives 8/6/4/2) and any week is within two of its quota.
 */
final class Apportionment {

  private Apportionment() {}

  /** The pillar index of each of {@code slots} slots. */
  static int[] sequence(double[] shares, int slots) {
    int[] assigned = new int[shares.length];
    int[] order = new int[slots];
    for (int k = 1; k <= slots; k++) {
      int best = 0;
      double bestDeficit = Double.NEGATIVE_INFINITY;
      for (int p = 0; p < shares.length; p++) {
        double deficit = shares[p] * k - assigned[p];
        // 1e-12 absorbs rounding so equal deficits tie instead of depending on the last bit.
        if (deficit > bestDeficit + 1e-12 || (Math.abs(deficit - bestDeficit) <= 1e-12 && shares[p] > shares[best])) {
          best = p;
          bestDeficit = Math.max(deficit, bestDeficit);
        }
      }
      assigned[best]++;
      order[k - 1] = best;
    }
    return order;
  }
}
