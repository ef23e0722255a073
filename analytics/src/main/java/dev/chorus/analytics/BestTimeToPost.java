package dev.chorus.analytics;

import dev.chorus.InvalidValueException;
import dev.chorus.model.AccountId;
import dev.chorus.model.Checks;
import dev.chorus.model.HourOfWeekActivity;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Best time to post: engagement by slot of the week (an hour, or finer) in the audience's zone over
 * a rolling window (default 16 weeks). Each post's engagement is standardised within its account
 * with a robust z-score (distance from the account's median in units of 1.4826 × its median
 * absolute deviation), so a large account does not dominate and one viral post does not shift
 * every other post's score; a slot's score is the mean z-score shrunk
 * toward a prior, {@code (Σz + k·prior) / (n + k)}; a slot with fewer than the minimum posts gets
 * the prior alone. The prior is the audience's activity by hour of week, standardised the same way
 * (a uniform activity gives 0 everywhere, "no preference"). Immutable and thread-safe.
 */
public final class BestTimeToPost {

  /** Sprout's window: the last 16 weeks. */
  public static final Duration DEFAULT_WINDOW = Duration.ofDays(16 * 7);

  private final Clock clock;
  private final Duration window;
  private final int slotMinutes;
  private final int minSamples;
  private final double priorWeight;

  private BestTimeToPost(Builder b) {
    this.clock = b.clock;
    this.window = b.window;
    this.slotMinutes = b.slotMinutes;
    this.minSamples = b.minSamples;
    this.priorWeight = b.priorWeight;
  }

  /** A builder: 16 weeks, hourly slots, at least 3 posts per slot, prior weight 5. */
  public static Builder builder(Clock clock) {
    return new Builder(clock);
  }

  /** Slots in a week. */
  public int slotsPerWeek() {
    return 7 * 24 * 60 / slotMinutes;
  }

  /**
   * Every slot of the week, best first (ties: more samples, then earlier in the week).
   *
   * @param posts the posts of one or several accounts; those outside the window are ignored
   * @param prior the audience's activity, or {@code null} for a uniform prior (a platform default
   *     can be passed here too)
   */
  public List<TimeSlot> rank(List<PostEngagement> posts, ZoneId audienceZone, HourOfWeekActivity prior) {
    Checks.required("audienceZone", audienceZone);
    List<PostEngagement> all = Checks.list("posts", posts);
    Instant now = clock.instant();
    Instant from = now.minus(window);
    Map<AccountId, List<PostEngagement>> byAccount = new HashMap<>();
    for (PostEngagement post : all) {
      if (!post.publishedAt().isBefore(from) && post.publishedAt().isBefore(now)) {
        byAccount.computeIfAbsent(post.accountId(), a -> new ArrayList<>()).add(post);
      }
    }
    int slots = slotsPerWeek();
    double[] sum = new double[slots];
    int[] count = new int[slots];
    for (List<PostEngagement> accountPosts : byAccount.values()) {
      double[] values = new double[accountPosts.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = accountPosts.get(i).engagement();
      }
      double centre = median(values);
      double spread = robustSpread(values, centre);
      for (PostEngagement p : accountPosts) {
        int slot = slotOf(p.publishedAt().atZone(audienceZone));
        sum[slot] += spread > 0 ? (p.engagement() - centre) / spread : 0;
        count[slot]++;
      }
    }
    double[] priorZ = standardisedPrior(prior);
    List<TimeSlot> ranked = new ArrayList<>(slots);
    for (int s = 0; s < slots; s++) {
      double p = priorZ[(s * slotMinutes) / 60];
      boolean priorOnly = count[s] < minSamples;
      double score = priorOnly ? p : (sum[s] + priorWeight * p) / (count[s] + priorWeight);
      int minuteOfWeek = s * slotMinutes;
      ranked.add(new TimeSlot(DayOfWeek.of(minuteOfWeek / 1440 + 1), LocalTime.of((minuteOfWeek % 1440) / 60,
          minuteOfWeek % 60), Duration.ofMinutes(slotMinutes), score, count[s], priorOnly));
    }
    ranked.sort(Comparator.comparingDouble(TimeSlot::score).reversed()
        .thenComparing(Comparator.comparingInt(TimeSlot::samples).reversed())
        .thenComparing(TimeSlot::day).thenComparing(TimeSlot::start));
    return List.copyOf(ranked);
  }

  /** The best {@code n} slots. */
  public List<TimeSlot> top(int n, List<PostEngagement> posts, ZoneId audienceZone, HourOfWeekActivity prior) {
    if (n < 0) {
      throw new InvalidValueException("n", n, "must not be negative");
    }
    List<TimeSlot> ranked = rank(posts, audienceZone, prior);
    return ranked.subList(0, Math.min(n, ranked.size()));
  }

  private int slotOf(ZonedDateTime local) {
    int minuteOfWeek = (local.getDayOfWeek().getValue() - 1) * 1440 + local.getHour() * 60 + local.getMinute();
    return minuteOfWeek / slotMinutes;
  }

  private static double median(double[] values) {
    double[] copy = values.clone();
    java.util.Arrays.sort(copy);
    int n = copy.length;
    return n % 2 == 1 ? copy[n / 2] : (copy[n / 2 - 1] + copy[n / 2]) / 2;
  }

  /** 1.4826 x MAD, or the standard deviation when the MAD is 0 (over half the posts equal). */
  private static double robustSpread(double[] values, double centre) {
    double[] deviations = new double[values.length];
    double squares = 0;
    for (int i = 0; i < values.length; i++) {
      deviations[i] = Math.abs(values[i] - centre);
      squares += deviations[i] * deviations[i];
    }
    double mad = 1.4826 * median(deviations);
    return mad > 0 ? mad : values.length > 1 ? Math.sqrt(squares / (values.length - 1)) : 0;
  }

  private static double[] standardisedPrior(HourOfWeekActivity prior) {
    double[] z = new double[HourOfWeekActivity.HOURS];
    if (prior == null) {
      return z;
    }
    double[] w = prior.toArray();
    double mean = 0;
    for (double v : w) {
      mean += v;
    }
    mean /= w.length;
    double var = 0;
    for (double v : w) {
      var += (v - mean) * (v - mean);
    }
    double sd = Math.sqrt(var / w.length);
    for (int i = 0; i < w.length; i++) {
      z[i] = sd > 0 ? (w[i] - mean) / sd : 0;
    }
    return z;
  }

  /** Builds {@link BestTimeToPost}. */
  public static final class Builder {
    private final Clock clock;
    private Duration window = DEFAULT_WINDOW;
    private int slotMinutes = 60;
    private int minSamples = 3;
    private double priorWeight = 5;

    private Builder(Clock clock) {
      this.clock = Checks.required("clock", clock);
    }

    /** The rolling window ending now; positive. */
    public Builder window(Duration window) {
      Checks.required("window", window);
      if (window.isNegative() || window.isZero()) {
        throw new InvalidValueException("window", window, "must be positive");
      }
      this.window = window;
      return this;
    }

    /** The slot length in minutes; must divide 60 or be a multiple of 60 dividing 1440. */
    public Builder slotMinutes(int minutes) {
      boolean ok = minutes > 0 && (60 % minutes == 0 || (minutes % 60 == 0 && 1440 % minutes == 0));
      if (!ok) {
        throw new InvalidValueException("slotMinutes", minutes, "must divide 60, or be a multiple of 60 dividing 1440");
      }
      this.slotMinutes = minutes;
      return this;
    }

    /** Posts a slot needs before its own data counts; at least 1. */
    public Builder minSamples(int minSamples) {
      if (minSamples < 1) {
        throw new InvalidValueException("minSamples", minSamples, "must be at least 1");
      }
      this.minSamples = minSamples;
      return this;
    }

    /** The prior's weight in pseudo-posts (k); 0 turns shrinkage off. */
    public Builder priorWeight(double k) {
      if (!(k >= 0) || Double.isInfinite(k)) {
        throw new InvalidValueException("priorWeight", k, "must be a finite number >= 0");
      }
      this.priorWeight = k;
      return this;
    }

    /** The analyser. */
    public BestTimeToPost build() {
      return new BestTimeToPost(this);
    }
  }
}
