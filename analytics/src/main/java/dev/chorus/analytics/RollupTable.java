package dev.chorus.analytics;

import dev.chorus.InvalidValueException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The output of {@link DeltaRollup#run}: for each group and period, the sum of deltas and the sum
 * of observed decreases (corrections). Immutable.
 */
public final class RollupTable {

  private final int groups;
  private final List<LocalDate> periods;
  private final long[] starts;
  private final long[] deltas;
  private final long[] corrections;

  RollupTable(int groups, List<LocalDate> periods, long[] starts, long[] deltas, long[] corrections) {
    this.groups = groups;
    this.periods = List.copyOf(periods);
    this.starts = starts;
    this.deltas = deltas;
    this.corrections = corrections;
  }

  /** The number of groups. */
  public int groups() {
    return groups;
  }

  /** The first local day of each period, ascending. */
  public List<LocalDate> periods() {
    return periods;
  }

  /** The instant each period starts, in the rollup's zone. */
  public Instant periodStart(int period) {
    checkPeriod(period);
    return Instant.ofEpochSecond(starts[period]);
  }

  /** The sum of deltas of a group in a period (negative under {@link DecreasePolicy#RESTATE}). */
  public long delta(int group, int period) {
    return deltas[index(group, period)];
  }

  /** The total decrease observed in a group's counters in a period. */
  public long correction(int group, int period) {
    return corrections[index(group, period)];
  }

  /** The sum of a group's deltas over every period. */
  public long total(int group) {
    long sum = 0;
    for (int p = 0; p < periods.size(); p++) {
      sum += deltas[index(group, p)];
    }
    return sum;
  }

  private int index(int group, int period) {
    if (group < 0 || group >= groups) {
      throw new InvalidValueException("group", group, "must be in 0.." + (groups - 1));
    }
    checkPeriod(period);
    return group * periods.size() + period;
  }

  private void checkPeriod(int period) {
    if (period < 0 || period >= periods.size()) {
      throw new InvalidValueException("period", period, "must be in 0.." + (periods.size() - 1));
    }
  }
}
