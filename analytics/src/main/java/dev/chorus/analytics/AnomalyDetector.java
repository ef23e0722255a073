package dev.chorus.analytics;

import dev.chorus.InvalidValueException;
import dev.chorus.event.EventPublisher;
import dev.chorus.model.AccountId;
import dev.chorus.model.Checks;
import dev.chorus.model.Interaction;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.WorkspaceId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * Detects spikes in mention and negative-interaction volume against a seasonal baseline with a
 * robust z-score: each bucket is compared with the same bucket in up to {@code seasons} previous
 * seasons (for daily buckets and a season of 7, the same weekday of previous weeks). The baseline
 * is their median; the spread is 1.4826 × their median absolute deviation, floored at √baseline
 * (the Poisson noise of a count) and at 1, so a flat history does not make every wobble an alarm.
 * A bucket whose score reaches the threshold and whose count reaches the minimum raises an {@link
 * AnomalyAlert}. Immutable and thread-safe when its publisher's listeners are.
 */
public final class AnomalyDetector {

  private static final double MAD_TO_SD = 1.4826;

  private final Clock clock;
  private final EventPublisher publisher;
  private final int season;
  private final int seasons;
  private final int minSeasons;
  private final double threshold;
  private final long minCount;

  private AnomalyDetector(Builder b) {
    this.clock = b.clock;
    this.publisher = b.publisher;
    this.season = b.season;
    this.seasons = b.seasons;
    this.minSeasons = b.minSeasons;
    this.threshold = b.threshold;
    this.minCount = b.minCount;
  }

  /** A builder: season of 7 buckets, 8 seasons of history (at least 3), threshold 4, minimum count 10. */
  public static Builder builder(Clock clock, EventPublisher publisher) {
    return new Builder(clock, publisher);
  }

  /** Counts the interactions matching {@code filter} in {@code buckets} buckets from {@code start}. */
  public static long[] bucketCounts(
      List<Interaction> interactions, Predicate<Interaction> filter, Instant start, Duration step, int buckets) {
    Checks.required("filter", filter);
    Checks.required("start", start);
    checkStep(step);
    if (buckets < 0) {
      throw new InvalidValueException("buckets", buckets, "must not be negative");
    }
    long[] counts = new long[buckets];
    long stepNanos = step.toNanos();
    for (Interaction interaction : Checks.list("interactions", interactions)) {
      if (!filter.test(interaction) || interaction.createdAt().isBefore(start)) {
        continue;
      }
      long index = Duration.between(start, interaction.createdAt()).toNanos() / stepNanos;
      if (index < buckets) {
        counts[(int) index]++;
      }
    }
    return counts;
  }

  /** Mentions only. */
  public static Predicate<Interaction> mentions() {
    return i -> i.kind() == InteractionKind.MENTION;
  }

  /**
   * Scores every bucket that has enough seasonal history, publishes an alert for each anomaly and
   * returns them in time order.
   *
   * @param workspace the workspace, or {@code null}
   * @param account the account, or {@code null}
   * @param counts one count per bucket, oldest first, the first starting at {@code start}
   */
  public List<AnomalyAlert> detect(AnomalySignal signal, WorkspaceId workspace, AccountId account, Instant start,
      Duration step, long[] counts) {
    Checks.required("signal", signal);
    Checks.required("start", start);
    checkStep(step);
    Checks.required("counts", counts);
    List<AnomalyAlert> alerts = new ArrayList<>();
    double[] history = new double[seasons];
    for (int t = 0; t < counts.length; t++) {
      if (counts[t] < 0) {
        throw new InvalidValueException("counts[" + t + "]", counts[t], "must not be negative");
      }
      int n = 0;
      for (int k = 1; k <= seasons && t - k * season >= 0; k++) {
        history[n++] = counts[t - k * season];
      }
      if (n < minSeasons || counts[t] < minCount) {
        continue;
      }
      double median = median(history, n);
      double[] deviations = new double[n];
      for (int i = 0; i < n; i++) {
        deviations[i] = Math.abs(history[i] - median);
      }
      double spread = Math.max(Math.max(MAD_TO_SD * median(deviations, n), Math.sqrt(median)), 1.0);
      double score = (counts[t] - median) / spread;
      if (score >= threshold) {
        AnomalyAlert alert = new AnomalyAlert(clock.instant(), workspace, account, signal,
            start.plus(step.multipliedBy(t)), step, counts[t], median, score);
        alerts.add(alert);
        publisher.publish(alert);
      }
    }
    return List.copyOf(alerts);
  }

  private static double median(double[] values, int n) {
    double[] copy = Arrays.copyOf(values, n);
    Arrays.sort(copy);
    return n % 2 == 1 ? copy[n / 2] : (copy[n / 2 - 1] + copy[n / 2]) / 2;
  }

  private static void checkStep(Duration step) {
    Checks.required("step", step);
    if (step.isNegative() || step.isZero()) {
      throw new InvalidValueException("step", step, "must be positive");
    }
  }

  /** Builds an {@link AnomalyDetector}. */
  public static final class Builder {
    private final Clock clock;
    private final EventPublisher publisher;
    private int season = 7;
    private int seasons = 8;
    private int minSeasons = 3;
    private double threshold = 4.0;
    private long minCount = 10;

    private Builder(Clock clock, EventPublisher publisher) {
      this.clock = Checks.required("clock", clock);
      this.publisher = Checks.required("publisher", publisher);
    }

    /** Buckets per season (7 for daily buckets with weekly seasonality, 168 for hourly). */
    public Builder season(int buckets) {
      if (buckets < 1) {
        throw new InvalidValueException("season", buckets, "must be at least 1");
      }
      this.season = buckets;
      return this;
    }

    /** How many previous seasons form the baseline, and how many are required at least. */
    public Builder history(int seasons, int minSeasons) {
      if (minSeasons < 1 || seasons < minSeasons) {
        throw new InvalidValueException("history", seasons + "/" + minSeasons, "needs 1 <= minSeasons <= seasons");
      }
      this.seasons = seasons;
      this.minSeasons = minSeasons;
      return this;
    }

    /** The robust z-score that raises an alert; positive. */
    public Builder threshold(double threshold) {
      if (!(threshold > 0) || Double.isInfinite(threshold)) {
        throw new InvalidValueException("threshold", threshold, "must be a finite number > 0");
      }
      this.threshold = threshold;
      return this;
    }

    /** Buckets with fewer events never alert. */
    public Builder minCount(long minCount) {
      this.minCount = Checks.nonNegative("minCount", minCount);
      return this;
    }

    /** The detector. */
    public AnomalyDetector build() {
      return new AnomalyDetector(this);
    }
  }
}
