package dev.chorus.analytics;

import dev.chorus.InvalidValueException;
import dev.chorus.model.Checks;
import dev.chorus.model.Platform;
import dev.chorus.model.PostFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Which formats, tags, text lengths and posting hours go with higher engagement, per platform.
 * Within a platform, posts are grouped by the dimension; every group with at least the minimum
 * sample is compared with a baseline: for formats, text lengths and hours the group with the most
 * posts (ties broken by name); for a tag, the platform's posts without that tag. The effect is the
 * relative difference of mean engagement, the confidence {@code 1 − p} of a two-sided Mann–Whitney
 * test ({@link RankTest}). Each finding carries a plain sentence such as "Carousels beat feed posts
 * by 38% on instagram over 42 posts; keep them (confidence 97%)."
 *
 * <p>Immutable and thread-safe.
 */
public final class WhatWorks {

  /** What posts are grouped by. */
  public enum Dimension {
    /** The post format. */
    FORMAT,
    /** Each tag or content pillar. */
    TAG,
    /** Text length buckets. */
    TEXT_LENGTH,
    /** Hour of day, in the audience's zone. */
    HOUR
  }

  private final int minSample;
  private final double confident;
  private final int[] lengthBounds;

  private WhatWorks(int minSample, double confident, int[] lengthBounds) {
    this.minSample = minSample;
    this.confident = confident;
    this.lengthBounds = lengthBounds;
  }

  /**
   * Groups of at least 10 posts; a difference is called when the confidence is at least 0.9;
   * text lengths split at 80, 160 and 280 characters.
   */
  public static WhatWorks defaults() {
    return new WhatWorks(10, 0.9, new int[] {80, 160, 280});
  }

  /**
   * This analysis with another minimum group size.
   *
   * @throws InvalidValueException when below 2
   */
  public WhatWorks withMinSample(int posts) {
    if (posts < 2) {
      throw new InvalidValueException("minSample", posts, "must be at least 2");
    }
    return new WhatWorks(posts, confident, lengthBounds);
  }

  /**
   * This analysis calling a difference from this confidence on.
   *
   * @throws InvalidValueException unless strictly between 0 and 1
   */
  public WhatWorks withConfidenceLevel(double level) {
    if (!(level > 0 && level < 1)) {
      throw new InvalidValueException("confidenceLevel", level, "must be between 0 and 1");
    }
    return new WhatWorks(minSample, level, lengthBounds);
  }

  /**
   * This analysis with text length buckets split at these lengths (increasing, positive).
   *
   * @throws InvalidValueException when the bounds do not increase
   */
  public WhatWorks withLengthBounds(int... bounds) {
    if (bounds == null || bounds.length == 0) {
      throw new InvalidValueException("lengthBounds", "[]", "must hold at least one bound");
    }
    for (int i = 0; i < bounds.length; i++) {
      if (bounds[i] <= 0 || (i > 0 && bounds[i] <= bounds[i - 1])) {
        throw new InvalidValueException("lengthBounds[" + i + "]", bounds[i], "must be positive and increasing");
      }
    }
    return new WhatWorks(minSample, confident, bounds.clone());
  }

  /** The minimum posts per group. */
  public int minSample() {
    return minSample;
  }

  /**
   * Every finding, grouped by dimension then platform, each list ranked by effect (best first).
   * Groups below the minimum sample, and baselines below it or with a mean of 0 (no relative effect), are
   * left out.
   */
  public List<Finding> analyse(List<PostOutcome> posts) {
    List<PostOutcome> all = Checks.list("posts", posts);
    Map<Platform, List<PostOutcome>> byPlatform = new TreeMap<>(Comparator.comparing(Platform::id));
    for (PostOutcome post : all) {
      byPlatform.computeIfAbsent(post.platform(), p -> new ArrayList<>()).add(post);
    }
    List<Finding> findings = new ArrayList<>();
    for (Dimension dimension : Dimension.values()) {
      for (Map.Entry<Platform, List<PostOutcome>> entry : byPlatform.entrySet()) {
        List<Finding> ranked = dimension == Dimension.TAG
            ? tags(entry.getKey(), entry.getValue())
            : grouped(dimension, entry.getKey(), entry.getValue(), keyOf(dimension));
        ranked.sort(Comparator.comparingDouble(Finding::effect).reversed().thenComparing(Finding::group));
        findings.addAll(ranked);
      }
    }
    return List.copyOf(findings);
  }

  /** The findings of one dimension. */
  public List<Finding> analyse(List<PostOutcome> posts, Dimension dimension) {
    Checks.required("dimension", dimension);
    return analyse(posts).stream().filter(f -> f.dimension() == dimension).toList();
  }

  private Function<PostOutcome, String> keyOf(Dimension dimension) {
    return switch (dimension) {
      case FORMAT -> p -> formatName(p.format());
      case TEXT_LENGTH -> p -> lengthBucket(p.textLength());
      case HOUR -> p -> String.format(Locale.ROOT, "posts at %02d:00", p.localHour());
      case TAG -> throw new IllegalArgumentException("tags are not a partition");
    };
  }

  private List<Finding> grouped(Dimension dimension, Platform platform, List<PostOutcome> posts,
      Function<PostOutcome, String> key) {
    Map<String, List<PostOutcome>> groups = new TreeMap<>();
    for (PostOutcome post : posts) {
      groups.computeIfAbsent(key.apply(post), k -> new ArrayList<>()).add(post);
    }
    String baseline = null;
    for (Map.Entry<String, List<PostOutcome>> e : groups.entrySet()) {
      if (baseline == null || e.getValue().size() > groups.get(baseline).size()) {
        baseline = e.getKey();
      }
    }
    List<Finding> findings = new ArrayList<>();
    if (baseline == null || groups.get(baseline).size() < minSample) {
      return findings;
    }
    for (Map.Entry<String, List<PostOutcome>> e : groups.entrySet()) {
      if (!e.getKey().equals(baseline) && e.getValue().size() >= minSample && mean(groups.get(baseline)) != 0) {
        findings.add(compare(dimension, platform, e.getKey(), e.getValue(), baseline, groups.get(baseline)));
      }
    }
    return findings;
  }

  private List<Finding> tags(Platform platform, List<PostOutcome> posts) {
    TreeSet<String> tags = new TreeSet<>();
    posts.forEach(p -> tags.addAll(p.tags()));
    List<Finding> findings = new ArrayList<>();
    for (String tag : tags) {
      List<PostOutcome> with = new ArrayList<>();
      List<PostOutcome> without = new ArrayList<>();
      for (PostOutcome post : posts) {
        (post.tags().contains(tag) ? with : without).add(post);
      }
      if (with.size() >= minSample && without.size() >= minSample && mean(without) != 0) {
        findings.add(compare(Dimension.TAG, platform, "posts tagged " + tag, with, "posts without " + tag, without));
      }
    }
    return findings;
  }

  private Finding compare(Dimension dimension, Platform platform, String group, List<PostOutcome> posts,
      String baseline, List<PostOutcome> basePosts) {
    double[] a = posts.stream().mapToDouble(PostOutcome::engagement).toArray();
    double[] b = basePosts.stream().mapToDouble(PostOutcome::engagement).toArray();
    double mean = mean(a);
    double baseMean = mean(b);
    RankTest.Result test = RankTest.mannWhitney(a, b);
    double effect = mean / baseMean - 1;
    double confidence = 1 - test.pValue();
    String sentence = sentence(group, baseline, platform, a.length + b.length, effect, confidence);
    return new Finding(dimension, platform, group, baseline, a.length, b.length, mean, baseMean, effect,
        test.pValue(), confidence, sentence);
  }

  private String sentence(String group, String baseline, Platform platform, int n, double effect, double confidence) {
    String subject = Character.toUpperCase(group.charAt(0)) + group.substring(1);
    // Rounded down, and never "100%": a sample cannot make a finding certain.
    String conf = confidence > 0.99 ? "confidence >99%"
        : String.format(Locale.ROOT, "confidence %d%%", (long) Math.floor(confidence * 100));
    String size = Math.round(Math.abs(effect) * 100) + "%";
    String where = " on " + platform.id() + " over " + n + " posts";
    if (confidence < confident) {
      return subject + " and " + baseline + " differ by " + size + where
          + "; that may be chance, keep testing (" + conf + ").";
    }
    if (effect >= 0) {
      return subject + " beat " + baseline + " by " + size + where + "; keep them (" + conf + ").";
    }
    return subject + " trail " + baseline + " by " + size + where + "; use them less (" + conf + ").";
  }

  private String lengthBucket(int length) {
    int lower = 0;
    for (int bound : lengthBounds) {
      if (length < bound) {
        return "texts of " + lower + "-" + (bound - 1) + " characters";
      }
      lower = bound;
    }
    return "texts of " + lower + "+ characters";
  }

  /** A readable plural name of the format. */
  static String formatName(PostFormat format) {
    return switch (format) {
      case FEED -> "feed posts";
      case STORY -> "stories";
      case REEL -> "reels";
      case SHORT -> "shorts";
      case CAROUSEL -> "carousels";
      case THREAD -> "threads";
      case PIN -> "pins";
      case VIDEO -> "videos";
      case DOCUMENT -> "documents";
    };
  }

  private static double mean(List<PostOutcome> posts) {
    return mean(posts.stream().mapToDouble(PostOutcome::engagement).toArray());
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }
}
