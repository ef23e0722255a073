package dev.chorus.strategy.listening;

import dev.chorus.InvalidValueException;
import dev.chorus.analytics.AnomalyAlert;
import dev.chorus.analytics.AnomalyDetector;
import dev.chorus.analytics.AnomalySignal;
import dev.chorus.analytics.CompetitorMetrics;
import dev.chorus.analytics.CompetitorStanding;
import dev.chorus.analytics.Competitors;
import dev.chorus.connector.SearchTerm;
import dev.chorus.model.Checks;
import dev.chorus.model.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Trends derived from a {@link ListeningResult}: volume over time, rising terms, co-occurring terms,
 * share of voice and mention-spike alerts. A post's terms are the tracked terms that found it (as
 * written, lower case) and the hashtags in its text ({@code #tag}, lower case). Pure functions.
 */
public final class Trends {

  private static final Pattern HASHTAG = Pattern.compile("#([\\p{L}\\p{N}_]+)");

  private Trends() {}

  /**
   * Posts per local hour or day in the zone, from the bucket holding the result's start to the one
   * holding its end, empty buckets included.
   *
   * @param term count only posts found by this term, or {@code null} for every post
   * @param unit {@link ChronoUnit#HOURS} or {@link ChronoUnit#DAYS}
   */
  public static List<VolumeBucket> volume(ListeningResult result, SearchTerm term, ChronoUnit unit, ZoneId zone) {
    Checks.required("result", result);
    Checks.required("zone", zone);
    if (unit != ChronoUnit.HOURS && unit != ChronoUnit.DAYS) {
      throw new InvalidValueException("unit", unit, "must be HOURS or DAYS");
    }
    List<Instant> starts = new ArrayList<>();
    ZonedDateTime start = result.since().atZone(zone).truncatedTo(unit);
    while (start.toInstant().isBefore(result.until())) {
      starts.add(start.toInstant());
      start = start.plus(1, unit);
    }
    starts.add(start.toInstant());
    long[] counts = new long[starts.size() - 1];
    for (HeardPost post : result.posts()) {
      if (term != null && !post.terms().contains(term)) {
        continue;
      }
      int found = Collections.binarySearch(starts, post.post().createdAt());
      int index = found >= 0 ? found : -found - 2;
      if (index >= 0 && index < counts.length) {
        counts[index]++;
      }
    }
    List<VolumeBucket> buckets = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      buckets.add(new VolumeBucket(starts.get(i), starts.get(i + 1), counts[i]));
    }
    return List.copyOf(buckets);
  }

  /**
   * Terms whose count in the latest {@code window} (ending at the result's end) is at least {@code
   * minCount} and at least {@code minRatio} × the mean count of the {@code baselineWindows} windows
   * of the same length before it (the mean floored at 1, so a term never heard before needs {@code
   * minRatio} posts as well as {@code minCount}). Largest ratio first.
   *
   * @throws InvalidValueException when the result does not cover the current and baseline windows
   */
  public static List<RisingTerm> rising(ListeningResult result, Duration window, int baselineWindows, long minCount,
      double minRatio) {
    Checks.required("result", result);
    Checks.required("window", window);
    if (window.isNegative() || window.isZero()) {
      throw new InvalidValueException("window", window, "must be positive");
    }
    if (baselineWindows < 1) {
      throw new InvalidValueException("baselineWindows", baselineWindows, "must be at least 1");
    }
    if (!(minRatio >= 1) || Double.isInfinite(minRatio)) {
      throw new InvalidValueException("minRatio", minRatio, "must be a finite number >= 1");
    }
    Instant until = result.until();
    Instant earliest = until.minus(window.multipliedBy(baselineWindows + 1L));
    if (earliest.isBefore(result.since())) {
      throw new InvalidValueException("baselineWindows", baselineWindows,
          "needs data from " + earliest + " but listening started at " + result.since());
    }
    Map<String, long[]> counts = new HashMap<>();
    for (HeardPost post : result.posts()) {
      Instant at = post.post().createdAt();
      if (at.isBefore(earliest)) {
        continue;
      }
      int index = (int) (Duration.between(at, until).toNanos() / window.toNanos());
      for (String label : labels(post)) {
        counts.computeIfAbsent(label, k -> new long[baselineWindows + 1])[index]++;
      }
    }
    List<RisingTerm> rising = new ArrayList<>();
    counts.forEach((label, c) -> {
      long baselineSum = 0;
      for (int i = 1; i <= baselineWindows; i++) {
        baselineSum += c[i];
      }
      double baseline = (double) baselineSum / baselineWindows;
      double ratio = c[0] / Math.max(baseline, 1);
      if (c[0] >= minCount && ratio >= minRatio) {
        rising.add(new RisingTerm(label, c[0], baseline, ratio));
      }
    });
    rising.sort(Comparator.comparingDouble((RisingTerm r) -> -r.ratio())
        .thenComparingLong(r -> -r.current())
        .thenComparing(RisingTerm::term));
    return List.copyOf(rising);
  }

  /** The terms most often carried by posts that carry {@code term}, most frequent first. */
  public static List<TermCount> coOccurring(ListeningResult result, String term, int limit) {
    Checks.required("result", result);
    String label = Checks.notBlank("term", term).strip().toLowerCase(Locale.ROOT);
    if (limit < 1) {
      throw new InvalidValueException("limit", limit, "must be at least 1");
    }
    Map<String, Long> counts = new HashMap<>();
    for (HeardPost post : result.posts()) {
      Set<String> labels = labels(post);
      if (labels.contains(label)) {
        labels.stream().filter(l -> !l.equals(label)).forEach(l -> counts.merge(l, 1L, Long::sum));
      }
    }
    return counts.entrySet().stream()
        .map(e -> new TermCount(e.getKey(), e.getValue()))
        .sorted(Comparator.comparingLong((TermCount t) -> -t.posts()).thenComparing(TermCount::term))
        .limit(limit)
        .toList();
  }

  /**
   * Share of voice of the brand against competitors by mentions: posts found by each brand's term,
   * ranked with analytics' {@link Competitors#rank} on {@link Competitors.Basis#MENTIONS}. Listening
   * sees no follower or own-post counts, so every standing's engagement rate is undefined.
   *
   * @param competitors competitor names and their terms, each name distinct from {@code ownName}
   */
  public static List<CompetitorStanding> shareOfVoice(ListeningResult result, String ownName, SearchTerm own,
      Map<String, SearchTerm> competitors) {
    Checks.required("result", result);
    Checks.required("own", own);
    List<CompetitorMetrics> brands = new ArrayList<>();
    brands.add(new CompetitorMetrics(ownName, true, mentions(result, own), 0, 0, 0));
    Checks.map("competitors", competitors).entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> brands.add(new CompetitorMetrics(e.getKey(), false, mentions(result, e.getValue()), 0, 0, 0)));
    return Competitors.rank(brands, Competitors.Basis.MENTIONS);
  }

  /** Posts found by the term in {@code buckets} buckets of {@code step} from {@code start}, oldest first. */
  public static long[] mentionCounts(ListeningResult result, SearchTerm term, Instant start, Duration step,
      int buckets) {
    Checks.required("result", result);
    Checks.required("term", term);
    Checks.required("start", start);
    Checks.required("step", step);
    if (step.isNegative() || step.isZero()) {
      throw new InvalidValueException("step", step, "must be positive");
    }
    if (buckets < 0) {
      throw new InvalidValueException("buckets", buckets, "must not be negative");
    }
    long[] counts = new long[buckets];
    for (HeardPost post : result.posts()) {
      Instant at = post.post().createdAt();
      if (!post.terms().contains(term) || at.isBefore(start)) {
        continue;
      }
      long index = Duration.between(start, at).toNanos() / step.toNanos();
      if (index < buckets) {
        counts[(int) index]++;
      }
    }
    return counts;
  }

  /**
   * Feeds the term's mention counts to the detector as {@link AnomalySignal#MENTION_VOLUME} and
   * returns its alerts (which it also publishes to its listeners).
   *
   * @param workspace the workspace the alerts belong to, or {@code null}
   */
  public static List<AnomalyAlert> mentionSpikes(ListeningResult result, SearchTerm term, AnomalyDetector detector,
      WorkspaceId workspace, Instant start, Duration step, int buckets) {
    Checks.required("detector", detector);
    long[] counts = mentionCounts(result, term, start, step, buckets);
    return detector.detect(AnomalySignal.MENTION_VOLUME, workspace, null, start, step, counts);
  }

  /** The post's terms: the tracked terms that found it and the hashtags in its text, lower case. */
  static Set<String> labels(HeardPost post) {
    Set<String> labels = new LinkedHashSet<>();
    for (SearchTerm term : post.terms()) {
      labels.add(term.toString().toLowerCase(Locale.ROOT));
    }
    Matcher m = HASHTAG.matcher(post.post().text());
    while (m.find()) {
      labels.add("#" + m.group(1).toLowerCase(Locale.ROOT));
    }
    return labels;
  }

  private static long mentions(ListeningResult result, SearchTerm term) {
    return result.posts().stream().filter(p -> p.terms().contains(term)).count();
  }
}
