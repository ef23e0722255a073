package dev.chorus.strategy;

import dev.chorus.InvalidValueException;
import dev.chorus.model.Audience;
import dev.chorus.model.Campaign;
import dev.chorus.model.Checks;
import dev.chorus.model.Demographics;
import dev.chorus.model.Objective;
import dev.chorus.model.Platform;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Recommends platforms for an objective and an audience. The table score is a weighted sum of the
 * platform's objective fit, its use in the audience's age bands, its market fit and (when the table
 * lists one of the audience's interests) its interest fit, times its availability in the
 * audience's regions and languages; a workspace's own measured results on a platform blend
 * in by sample size and replace the table once there are {@link Builder#fullConfidenceSamples}
 * posts. Formulas and sources: {@code docs/strategy-planning.md}.
 */
public final class PlatformAdvisor {

  /** The nominal last age of the open {@code 65+} band, so it weighs like the others (20 years). */
  static final int OPEN_BAND_END = 84;
  private static final int ADULT = 18;
  /** The fit of a platform for a listed topic it has no row for. */
  static final double NEUTRAL = 0.5;

  private final PlatformStrengths strengths;
  private final double objectiveWeight;
  private final double ageWeight;
  private final double marketWeight;
  private final double interestWeight;
  private final int limit;
  private final int fullConfidenceSamples;

  private PlatformAdvisor(Builder b) {
    this.strengths = b.strengths;
    this.objectiveWeight = b.objectiveWeight;
    this.ageWeight = b.ageWeight;
    this.marketWeight = b.marketWeight;
    this.interestWeight = b.interestWeight;
    this.limit = b.limit;
    this.fullConfidenceSamples = b.fullConfidenceSamples;
  }

  /** An advisor on the built-in table with the default weights 0.40 / 0.35 / 0.25 and top 3. */
  public static PlatformAdvisor ofDefaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The market an audience's interests name: B2B when one of them is {@code b2b}, else B2C. */
  public static Market marketOf(Audience audience) {
    return audience.interests().stream().anyMatch(i -> i.equalsIgnoreCase("b2b")) ? Market.B2B : Market.B2C;
  }

  /** The top platforms for the campaign's objective and the audience, its market read by {@link #marketOf}. */
  public List<PlatformRecommendation> recommend(Campaign campaign, Audience audience) {
    Checks.required("campaign", campaign);
    return recommend(campaign.objective(), audience, marketOf(audience), List.of());
  }

  /**
   * The top platforms (at most the configured limit), best first; ties by platform id.
   *
   * @param history the workspace's measured results per platform for the objective's KPI (may be
   *     empty); a platform without an entry keeps its table score
   */
  public List<PlatformRecommendation> recommend(
      Objective objective, Audience audience, Market market, Collection<PlatformHistory> history) {
    List<PlatformRecommendation> all = rank(objective, audience, market, history);
    return all.subList(0, Math.min(limit, all.size()));
  }

  /** Every platform of the table, scored and ranked as {@link #recommend} does. */
  public List<PlatformRecommendation> rank(
      Objective objective, Audience audience, Market market, Collection<PlatformHistory> history) {
    Checks.required("objective", objective);
    Checks.required("audience", audience);
    Checks.required("market", market);
    Map<Platform, PlatformHistory> measured = new HashMap<>();
    double best = 0;
    for (PlatformHistory h : Checks.list("history", history)) {
      if (measured.put(h.platform(), h) != null) {
        throw new InvalidValueException("history", h.platform(), "names the platform twice");
      }
      if (h.samples() > 0) {
        best = Math.max(best, h.value());
      }
    }
    List<PlatformRecommendation> ranked = new ArrayList<>();
    for (Platform platform : strengths.platforms()) {
      ranked.add(score(platform, objective, audience, market, Optional.ofNullable(measured.get(platform)), best));
    }
    ranked.sort(Comparator.comparingDouble(PlatformRecommendation::score).reversed()
        .thenComparing(r -> r.platform().id()));
    return List.copyOf(ranked);
  }

  private PlatformRecommendation score(Platform platform, Objective objective, Audience audience, Market market,
      Optional<PlatformHistory> history, double bestMeasured) {
    List<String> topics = audience.interests().stream().map(i -> i.toLowerCase(Locale.ROOT))
        .filter(i -> strengths.lists(PlatformStrengths.INTEREST, i)).distinct().sorted().toList();
    // With a known interest the three base weights shrink by (1 − w_int) and the interest fit takes w_int.
    double base = topics.isEmpty() ? 1 : 1 - interestWeight;
    List<Factor> factors = new ArrayList<>();
    Strength fit = require(platform, PlatformStrengths.OBJECTIVE, objective.name());
    factors.add(new Factor("objective " + objective, fit.value(), objectiveWeight * base,
        fit.value() * objectiveWeight * base, fit.source()));
    factors.add(ageFactor(platform, audience.demographics(), ageWeight * base));
    Strength marketFit = require(platform, PlatformStrengths.MARKET, market.name());
    factors.add(new Factor("market " + market, marketFit.value(), marketWeight * base,
        marketFit.value() * marketWeight * base, marketFit.source()));
    if (!topics.isEmpty()) {
      factors.add(interestFactor(platform, topics));
    }
    double table = factors.stream().mapToDouble(Factor::contribution).sum();

    // Availability multiplies: a platform blocked for the whole audience scores 0.
    Optional<Factor> region = availability(platform, PlatformStrengths.REGION, "region availability",
        audience.locations().stream().map(l -> l.toUpperCase(Locale.ROOT)).toList(), table);
    if (region.isPresent()) {
      factors.add(region.get());
      table += region.get().contribution();
    }
    Optional<Factor> language = availability(platform, PlatformStrengths.LANGUAGE, "language availability",
        audience.languages().stream().map(PlatformAdvisor::primaryLanguage).toList(), table);
    if (language.isPresent()) {
      factors.add(language.get());
      table += language.get().contribution();
    }

    double score = table;
    if (history.isPresent() && history.get().samples() > 0) {
      PlatformHistory h = history.get();
      double normalised = bestMeasured > 0 ? h.value() / bestMeasured : 0;
      double weight = Math.min(1.0, (double) h.samples() / fullConfidenceSamples);
      score = (1 - weight) * table + weight * normalised;
      factors.add(new Factor("measured", normalised, weight, score - table, String.format(Locale.ROOT,
          "workspace history: %s over %d posts, relative to the best measured platform; weight n/%d capped at 1",
          format(h.value()), h.samples(), fullConfidenceSamples)));
    }
    return new PlatformRecommendation(platform, score, table, factors);
  }

  /** The mean fit for the audience's interests the table lists; 0.5 where this platform has no row. */
  private Factor interestFactor(Platform platform, List<String> topics) {
    double sum = 0;
    List<String> parts = new ArrayList<>();
    String source = null;
    for (String topic : topics) {
      Optional<Strength> row = strengths.strength(platform, PlatformStrengths.INTEREST, topic);
      double value = row.map(Strength::value).orElse(NEUTRAL);
      sum += value;
      parts.add(topic + " " + format(value) + (row.isPresent() ? "" : " (no row: neutral)"));
      if (source == null && row.isPresent()) {
        source = row.get().source();
      }
    }
    double value = sum / topics.size();
    return new Factor("interests " + topics, value, interestWeight, value * interestWeight,
        "mean of " + String.join(", ", parts) + (source == null ? "" : "; " + source));
  }

  /**
   * The mean, over the audience's keys (locations or languages), of the table's availability rows,
   * 1 where the table lists none; empty (no factor) when it lists none of them.
   */
  private Optional<Factor> availability(Platform platform, String dimension, String name, List<String> keys, double table) {
    double available = 0;
    int listed = 0;
    String source = null;
    for (String key : keys) {
      Optional<Strength> row = strengths.strength(platform, dimension, key);
      available += row.map(Strength::value).orElse(1.0);
      if (row.isPresent()) {
        listed++;
        source = row.get().source();
      }
    }
    if (listed == 0) {
      return Optional.empty();
    }
    double multiplier = available / keys.size();
    return Optional.of(new Factor(name + " " + keys, multiplier, 1, table * multiplier - table,
        "mean over the audience's " + dimension + " keys, 1 where the table lists none; " + source));
  }

  private static String primaryLanguage(String tag) {
    return Locale.forLanguageTag(tag).getLanguage();
  }

  /**
   * The platform's use in the audience's age bands, each band weighted by the share of its years
   * the audience covers (25-34 covers 5 of the 12 years of 18-29 and 5 of the 20 of 30-49).
   */
  private Factor ageFactor(Platform platform, Demographics demographics, double weight) {
    int low = demographics.ageMin() == null ? ADULT : Math.max(ADULT, demographics.ageMin());
    int high = demographics.ageMax() == null ? Integer.MAX_VALUE : demographics.ageMax();
    double weighted = 0;
    double weights = 0;
    List<String> parts = new ArrayList<>();
    String source = null;
    double heaviest = -1;
    for (String band : PlatformStrengths.AGE_BANDS) {
      int[] range = bandRange(band);
      int from = Math.max(low, range[0]);
      int to = Math.min(high, range[1]);
      if (to < from) {
        continue;
      }
      double share = (double) (to - from + 1) / (range[1] - range[0] + 1);
      Strength use = require(platform, PlatformStrengths.AGE, band);
      weighted += share * use.value();
      weights += share;
      parts.add(band + " " + format(use.value()) + "×" + format(share));
      if (share > heaviest) {
        heaviest = share;
        source = use.source();
      }
    }
    String label = "age " + (demographics.ageMin() == null ? "" : demographics.ageMin()) + "-"
        + (demographics.ageMax() == null ? "" : demographics.ageMax());
    if (weights == 0) {
      // Under 18 (the surveys cover adults only) or past the open band's nominal end: the nearest band stands in.
      List<String> bands = PlatformStrengths.AGE_BANDS;
      String nearest = low > OPEN_BAND_END ? bands.get(bands.size() - 1) : bands.get(0);
      Strength stand = require(platform, PlatformStrengths.AGE, nearest);
      return new Factor(label, stand.value(), weight, stand.value() * weight,
          "no band overlaps; the nearest band " + nearest + " stands in; " + stand.source());
    }
    double value = weighted / weights;
    return new Factor(label, value, weight, value * weight,
        "bands " + String.join(", ", parts) + " (use×covered share); " + source);
  }

  private static int[] bandRange(String band) {
    if (band.endsWith("+")) {
      return new int[] {Integer.parseInt(band.substring(0, band.length() - 1)), OPEN_BAND_END};
    }
    String[] ends = band.split("-");
    return new int[] {Integer.parseInt(ends[0]), Integer.parseInt(ends[1])};
  }

  private Strength require(Platform platform, String dimension, String key) {
    return strengths.strength(platform, dimension, key).orElseThrow(() ->
        new IllegalStateException("table has no " + dimension + " " + key + " for " + platform));
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  /** Builds {@link PlatformAdvisor}s. */
  public static final class Builder {
    private PlatformStrengths strengths;
    private double objectiveWeight = 0.40;
    private double ageWeight = 0.35;
    private double marketWeight = 0.25;
    private double interestWeight = 0.20;
    private int limit = 3;
    private int fullConfidenceSamples = 30;

    private Builder() {}

    /** The table to score with (default {@link PlatformStrengths#defaults()}). */
    public Builder strengths(PlatformStrengths strengths) {
      this.strengths = Checks.required("strengths", strengths);
      return this;
    }

    /**
     * The weights of objective fit, age fit and market fit; each at least 0 and summing to 1 (so a
     * table score stays from 0 to 1).
     */
    public Builder weights(double objective, double age, double market) {
      double[] all = {objective, age, market};
      String[] names = {"weights.objective", "weights.age", "weights.market"};
      for (int i = 0; i < all.length; i++) {
        if (!(all[i] >= 0 && all[i] <= 1)) {
          throw new InvalidValueException(names[i], all[i], "must be from 0 to 1");
        }
      }
      if (Math.abs(objective + age + market - 1) > 1e-9) {
        throw new InvalidValueException("weights", objective + age + market, "must sum to 1");
      }
      this.objectiveWeight = objective;
      this.ageWeight = age;
      this.marketWeight = market;
      return this;
    }

    /**
     * The share of the table score the interest fit takes when the table lists at least one of the
     * audience's interests (default 0.20); the objective, age and market weights then scale by
     * {@code 1 − share}. From 0 to 1; 0 ignores interests.
     */
    public Builder interestWeight(double share) {
      if (!(share >= 0 && share <= 1)) {
        throw new InvalidValueException("interestWeight", share, "must be from 0 to 1");
      }
      this.interestWeight = share;
      return this;
    }

    /** How many platforms {@code recommend} returns (default 3). */
    public Builder limit(int limit) {
      if (limit < 1) {
        throw new InvalidValueException("limit", limit, "must be at least 1");
      }
      this.limit = limit;
      return this;
    }

    /** The sample size from which measured results replace the table (default 30 posts). */
    public Builder fullConfidenceSamples(int samples) {
      if (samples < 1) {
        throw new InvalidValueException("fullConfidenceSamples", samples, "must be at least 1");
      }
      this.fullConfidenceSamples = samples;
      return this;
    }

    /** The advisor. */
    public PlatformAdvisor build() {
      if (strengths == null) {
        strengths = PlatformStrengths.defaults();
      }
      return new PlatformAdvisor(this);
    }
  }
}
