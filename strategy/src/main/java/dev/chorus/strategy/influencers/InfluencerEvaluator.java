package dev.chorus.strategy.influencers;

import dev.chorus.InvalidValueException;
import dev.chorus.analytics.KpiValue;
import dev.chorus.connector.Capability;
import dev.chorus.connector.Connector;
import dev.chorus.connector.UnsupportedCapabilityException;
import dev.chorus.model.Checks;
import dev.chorus.model.Metric;
import dev.chorus.model.PublicPost;
import dev.chorus.model.PublicProfile;
import dev.chorus.model.SocialAccount;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Scores creators from their public profiles: relevance, reach, engagement, consistency, growth and
 * authenticity, each 0–100 with its formula and inputs, and an overall weighted score. Earlier
 * follower readings come from a {@link ProfileHistory} that {@link #evaluate} keeps up to date, or
 * are passed to {@link #score} by the caller. Immutable apart from that history; thread-safe.
 */
public final class InfluencerEvaluator {

  /** The prefix of the text of every flag that is a sign of bought followers ({@link Signal#boughtFollowers()}). */
  public static final String SUSPICIOUS = "Possible bought followers: ";

  private static final List<Metric> ENGAGEMENTS = List.of(Metric.LIKES, Metric.COMMENTS, Metric.SHARES, Metric.QUOTES);
  private static final double MAD_TO_SD = 1.4826;
  private static final double DAY_SECONDS = 86_400;

  private final Clock clock;
  private final Weights weights;
  private final TierTable tiers;
  private final ProfileHistory history;
  private final long reachCeiling;
  private final double jumpThreshold;
  private final double minJumpShare;
  private final int recentPosts;

  private InfluencerEvaluator(Builder b) {
    this.clock = b.clock;
    this.weights = b.weights;
    this.tiers = b.tiers;
    this.history = b.history;
    this.reachCeiling = b.reachCeiling;
    this.jumpThreshold = b.jumpThreshold;
    this.minJumpShare = b.minJumpShare;
    this.recentPosts = b.recentPosts;
  }

  /** A builder with the standard weights and tier table and an empty history. */
  public static Builder builder(Clock clock) {
    return new Builder(clock);
  }

  /** The history of follower readings this evaluator keeps. */
  public ProfileHistory history() {
    return history;
  }

  /**
   * Reads the creator's public profile through the connector, scores it against the earlier readings
   * in the history and then adds this reading to the history.
   *
   * @throws UnsupportedCapabilityException before any I/O when the connector cannot read public
   *     profiles
   */
  public CreatorScore evaluate(Connector connector, SocialAccount account, String handle, TargetAudience audience) {
    Checks.required("connector", connector);
    if (!connector.capabilities().supports(Capability.PUBLIC_PROFILES)) {
      throw new UnsupportedCapabilityException(connector.platform(), Capability.PUBLIC_PROFILES);
    }
    PublicProfile profile = connector.lookupProfile(account, handle, recentPosts);
    CreatorScore score = score(profile, audience, history.snapshots(profile.platform(), profile.handle()));
    history.record(profile);
    return score;
  }

  /**
   * Scores a profile against earlier follower readings (any order; a reading at the profile's own
   * capture time is replaced by the profile's count).
   */
  public CreatorScore score(PublicProfile profile, TargetAudience audience, List<FollowerSnapshot> earlier) {
    Checks.required("profile", profile);
    Checks.required("audience", audience);
    List<Flag> flags = new ArrayList<>();
    OptionalLong followers = profile.counter(Metric.FOLLOWERS);
    long[] engagements = engagements(profile.recentPosts());
    double meanEngagement = engagements.length == 0 ? 0 : Arrays.stream(engagements).average().orElse(0);
    KpiValue rate = followers.isEmpty() || followers.getAsLong() == 0 || engagements.length == 0
        ? KpiValue.undefined(followers.isEmpty() ? "followers not shown" : engagements.length == 0
            ? "no recent post with public counters" : "no followers")
        : KpiValue.of(meanEngagement / followers.getAsLong());
    EngagementTier tier = tiers.tierFor(followers.orElse(0));
    TreeMap<Long, Long> readings = readings(profile, earlier);

    List<ComponentScore> components = List.of(
        relevance(profile, audience, flags),
        reach(followers),
        engagement(rate, meanEngagement, followers, tier),
        consistency(engagements, meanEngagement),
        growth(readings),
        authenticity(profile, followers, rate, tier, readings, flags));
    if (followers.isEmpty()) {
      flags.add(new Flag(Signal.FOLLOWERS_HIDDEN, Map.of(),
          "Followers not shown: reach, engagement, growth and authenticity are undefined"));
    }
    return new CreatorScore(profile.platform(), profile.handle(), clock.instant(), components,
        overall(components), flags);
  }

  /** The scores side by side, best overall first. */
  public CreatorComparison compare(List<CreatorScore> scores) {
    return CreatorComparison.of(scores, weights);
  }

  private ComponentScore relevance(PublicProfile profile, TargetAudience audience, List<Flag> flags) {
    List<String> documents = new ArrayList<>();
    documents.add(" " + String.join(" ", Text.words(profile.description())) + " ");
    for (PublicPost post : profile.recentPosts()) {
      documents.add(" " + String.join(" ", Text.words(post.text())) + " ");
    }
    long matched = audience.keywords().stream()
        .filter(k -> documents.stream().anyMatch(d -> d.contains(" " + k + " ")))
        .count();
    double topic = (double) matched / audience.keywords().size();
    long withLanguage = profile.recentPosts().stream().filter(p -> p.language() != null).count();
    long inLanguage = profile.recentPosts().stream()
        .filter(p -> p.language() != null)
        .filter(p -> audience.languages().contains(Locale.forLanguageTag(p.language()).getLanguage()))
        .count();
    double language;
    if (audience.languages().isEmpty()) {
      language = 1;
    } else if (withLanguage == 0) {
      language = 1;
      flags.add(new Flag(Signal.LANGUAGES_UNKNOWN, Map.of(), "Post languages unknown: language overlap taken as 1"));
    } else {
      language = (double) inLanguage / withLanguage;
    }
    Map<String, Double> inputs = new LinkedHashMap<>();
    inputs.put("keywords", (double) audience.keywords().size());
    inputs.put("keywordsMatched", (double) matched);
    inputs.put("topicOverlap", topic);
    inputs.put("postsWithLanguage", (double) withLanguage);
    inputs.put("postsInAudienceLanguages", (double) inLanguage);
    inputs.put("languageOverlap", language);
    return new ComponentScore(Component.RELEVANCE, KpiValue.of(100 * topic * language),
        "100 × (keywords found in bio or posts ÷ keywords) × (posts in audience languages ÷ posts with a language)",
        inputs);
  }

  private ComponentScore reach(OptionalLong followers) {
    String formula = "100 × min(1, log10(followers) ÷ log10(" + reachCeiling + "))";
    if (followers.isEmpty()) {
      return new ComponentScore(Component.REACH, KpiValue.undefined("followers not shown"), formula, Map.of());
    }
    double score = 100 * Math.min(1, Math.log10(Math.max(1, followers.getAsLong())) / Math.log10(reachCeiling));
    return new ComponentScore(Component.REACH, KpiValue.of(score), formula,
        Map.of("followers", (double) followers.getAsLong()));
  }

  private ComponentScore engagement(KpiValue rate, double meanEngagement, OptionalLong followers, EngagementTier tier) {
    String formula = "100 × min(1, engagementRate ÷ (2 × expectedRate of the " + tier.name()
        + " tier)); engagementRate = mean per-post (likes + comments + shares + quotes) ÷ followers";
    if (!rate.isDefined()) {
      return new ComponentScore(Component.ENGAGEMENT, rate, formula, Map.of());
    }
    Map<String, Double> inputs = new LinkedHashMap<>();
    inputs.put("meanEngagementsPerPost", meanEngagement);
    inputs.put("followers", (double) followers.getAsLong());
    inputs.put("engagementRate", rate.value());
    inputs.put("expectedRate", tier.expectedRate());
    return new ComponentScore(Component.ENGAGEMENT,
        KpiValue.of(100 * Math.min(1, rate.value() / (2 * tier.expectedRate()))), formula, inputs);
  }

  private static ComponentScore consistency(long[] engagements, double mean) {
    String formula = "100 ÷ (1 + CV); CV = population standard deviation ÷ mean of per-post engagements";
    if (engagements.length < 2 || mean == 0) {
      return new ComponentScore(Component.CONSISTENCY,
          KpiValue.undefined("needs at least 2 recent posts with engagements"), formula, Map.of());
    }
    double variance = Arrays.stream(engagements).mapToDouble(e -> (e - mean) * (e - mean)).sum() / engagements.length;
    double cv = Math.sqrt(variance) / mean;
    Map<String, Double> inputs = new LinkedHashMap<>();
    inputs.put("posts", (double) engagements.length);
    inputs.put("mean", mean);
    inputs.put("standardDeviation", Math.sqrt(variance));
    inputs.put("cv", cv);
    return new ComponentScore(Component.CONSISTENCY, KpiValue.of(100 / (1 + cv)), formula, inputs);
  }

  private static ComponentScore growth(TreeMap<Long, Long> readings) {
    String formula = "clamp(50 + 500 × growth30, 0, 100); growth30 = (last − first) ÷ first × 30 days ÷ span";
    if (readings.size() < 2) {
      return new ComponentScore(Component.GROWTH, KpiValue.undefined("needs an earlier follower reading"), formula,
          Map.of());
    }
    long firstAt = readings.firstKey();
    long lastAt = readings.lastKey();
    long first = readings.get(firstAt);
    long last = readings.get(lastAt);
    double days = (lastAt - firstAt) / DAY_SECONDS;
    if (days < 1 || first == 0) {
      return new ComponentScore(Component.GROWTH,
          KpiValue.undefined(first == 0 ? "no followers at the first reading" : "readings span less than a day"),
          formula, Map.of());
    }
    double growth30 = (double) (last - first) / first * 30 / days;
    Map<String, Double> inputs = new LinkedHashMap<>();
    inputs.put("firstFollowers", (double) first);
    inputs.put("lastFollowers", (double) last);
    inputs.put("spanDays", days);
    inputs.put("growth30", growth30);
    return new ComponentScore(Component.GROWTH, KpiValue.of(clamp(50 + 500 * growth30)), formula, inputs);
  }

  private ComponentScore authenticity(PublicProfile profile, OptionalLong followers, KpiValue rate,
      EngagementTier tier, TreeMap<Long, Long> readings, List<Flag> flags) {
    String formula = "100 − lowEngagement (40 × max(0, 1 − (rate ÷ expected) ÷ 0.5)) − jump (40 when a day's growth has"
        + " robust z ≥ " + jumpThreshold + ") − following (20 × clamp(following ÷ followers − 0.5, 0, 1))";
    if (followers.isEmpty()) {
      return new ComponentScore(Component.AUTHENTICITY, KpiValue.undefined("followers not shown"), formula, Map.of());
    }
    Map<String, Double> inputs = new LinkedHashMap<>();
    double penalty = 0;
    if (rate.isDefined()) {
      double ratio = rate.value() / tier.expectedRate();
      double low = 40 * Math.max(0, 1 - ratio / 0.5);
      inputs.put("rateToExpected", ratio);
      inputs.put("lowEngagementPenalty", low);
      penalty += low;
      if (ratio < 0.25) {
        flags.add(new Flag(Signal.LOW_ENGAGEMENT, figures("rate", rate.value(), "expectedRate", tier.expectedRate(),
            "rateToExpected", ratio), String.format(Locale.ROOT,
            "%sengagement rate %.2f%% is %.0f%% of the %.2f%% expected for the %s tier",
            SUSPICIOUS, 100 * rate.value(), 100 * ratio, 100 * tier.expectedRate(), tier.name())));
      }
    }
    Jump jump = largestJump(readings);
    if (jump != null) {
      double jumpPenalty = jump.z >= jumpThreshold && jump.excess >= minJumpShare * jump.before ? 40 : 0;
      inputs.put("largestDailyGrowthZ", jump.z);
      inputs.put("jumpExcessFollowers", jump.excess);
      inputs.put("jumpPenalty", jumpPenalty);
      penalty += jumpPenalty;
      if (jumpPenalty > 0) {
        flags.add(new Flag(Signal.FOLLOWER_JUMP, figures("excessFollowers", jump.excess, "robustZ", jump.z),
            String.format(Locale.ROOT, "%s%.0f followers more than usual in one interval (robust z %.1f)",
                SUSPICIOUS, jump.excess, jump.z)));
      }
    }
    OptionalLong following = profile.counter(Metric.FOLLOWING);
    if (following.isPresent() && followers.getAsLong() > 0) {
      double ratio = (double) following.getAsLong() / followers.getAsLong();
      double followPenalty = 20 * Math.min(1, Math.max(0, ratio - 0.5));
      inputs.put("followingRatio", ratio);
      inputs.put("followingPenalty", followPenalty);
      penalty += followPenalty;
      if (followPenalty > 0) {
        flags.add(new Flag(Signal.FOLLOWING_RATIO, figures("followingRatio", ratio),
            String.format(Locale.ROOT, "%sfollows %.2f accounts per follower", SUSPICIOUS, ratio)));
      }
    }
    return new ComponentScore(Component.AUTHENTICITY, KpiValue.of(clamp(100 - penalty)), formula, inputs);
  }

  /** Name, value, name, value, … in order. */
  private static Map<String, Double> figures(Object... pairs) {
    Map<String, Double> figures = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      figures.put((String) pairs[i], (Double) pairs[i + 1]);
    }
    return figures;
  }

  private record Jump(double z, double excess, long before) {}

  /**
   * The interval whose daily growth has the largest robust z-score against the median daily growth,
   * or null with fewer than 3 intervals. The spread is 1.4826 × MAD floored at 1 follower a day.
   */
  private static Jump largestJump(TreeMap<Long, Long> readings) {
    if (readings.size() < 4) {
      return null;
    }
    List<Map.Entry<Long, Long>> list = new ArrayList<>(readings.entrySet());
    int n = list.size() - 1;
    double[] daily = new double[n];
    double[] days = new double[n];
    for (int i = 0; i < n; i++) {
      days[i] = (list.get(i + 1).getKey() - list.get(i).getKey()) / DAY_SECONDS;
      daily[i] = (list.get(i + 1).getValue() - list.get(i).getValue()) / days[i];
    }
    double median = median(daily);
    double mad = median(Arrays.stream(daily).map(d -> Math.abs(d - median)).toArray());
    double spread = Math.max(MAD_TO_SD * mad, 1);
    Jump best = null;
    for (int i = 0; i < n; i++) {
      Jump jump = new Jump((daily[i] - median) / spread, (daily[i] - median) * days[i], list.get(i).getValue());
      if (best == null || jump.z > best.z) {
        best = jump;
      }
    }
    return best;
  }

  private KpiValue overall(List<ComponentScore> components) {
    Map<Component, Double> w = weights.asMap();
    double sum = 0;
    double weight = 0;
    for (ComponentScore c : components) {
      double cw = w.get(c.component());
      if (c.score().isDefined() && cw > 0) {
        sum += cw * c.score().value();
        weight += cw;
      }
    }
    return weight == 0 ? KpiValue.undefined("no weighted component is defined") : KpiValue.of(sum / weight);
  }

  private static long[] engagements(List<PublicPost> posts) {
    return posts.stream()
        .filter(p -> ENGAGEMENTS.stream().anyMatch(m -> p.metric(m).isPresent()))
        .mapToLong(p -> ENGAGEMENTS.stream().mapToLong(m -> p.metric(m).orElse(0)).sum())
        .toArray();
  }

  /** Readings by epoch second, the profile's own count last; a TreeMap so the order is by time. */
  private static TreeMap<Long, Long> readings(PublicProfile profile, List<FollowerSnapshot> earlier) {
    TreeMap<Long, Long> readings = new TreeMap<>();
    for (FollowerSnapshot s : Checks.list("earlier", earlier)) {
      readings.put(s.at().getEpochSecond(), s.followers());
    }
    FollowerSnapshot.of(profile).ifPresent(s -> readings.put(s.at().getEpochSecond(), s.followers()));
    return readings;
  }

  private static double median(double[] values) {
    double[] copy = values.clone();
    Arrays.sort(copy);
    int n = copy.length;
    return n % 2 == 1 ? copy[n / 2] : (copy[n / 2 - 1] + copy[n / 2]) / 2;
  }

  private static double clamp(double score) {
    return Math.max(0, Math.min(100, score));
  }

  /** Builds an {@link InfluencerEvaluator}. */
  public static final class Builder {
    private final Clock clock;
    private Weights weights = Weights.standard();
    private TierTable tiers = TierTable.standard();
    private ProfileHistory history = new ProfileHistory();
    private long reachCeiling = 10_000_000;
    private double jumpThreshold = 3.5;
    private double minJumpShare = 0.01;
    private int recentPosts = 12;

    private Builder(Clock clock) {
      this.clock = Checks.required("clock", clock);
    }

    /** The weights of the overall score; {@link Weights#standard()} by default. */
    public Builder weights(Weights weights) {
      this.weights = Checks.required("weights", weights);
      return this;
    }

    /** Expected engagement rates by tier; {@link TierTable#standard()} by default. */
    public Builder tiers(TierTable tiers) {
      this.tiers = Checks.required("tiers", tiers);
      return this;
    }

    /** The history of follower readings to use and keep; a new empty one by default. */
    public Builder history(ProfileHistory history) {
      this.history = Checks.required("history", history);
      return this;
    }

    /** Followers that score 100 for reach; 10,000,000 by default. */
    public Builder reachCeiling(long followers) {
      if (followers < 10) {
        throw new InvalidValueException("reachCeiling", followers, "must be at least 10");
      }
      this.reachCeiling = followers;
      return this;
    }

    /**
     * A jump is flagged when one interval's daily growth has a robust z-score of at least {@code z}
     * (3.5 by default) and its excess over the median growth is at least {@code minShare} of the
     * followers before it (0.01 by default).
     */
    public Builder jump(double z, double minShare) {
      if (!(z > 0) || Double.isInfinite(z)) {
        throw new InvalidValueException("jump.z", z, "must be a finite number > 0");
      }
      if (!(minShare >= 0 && minShare <= 1)) {
        throw new InvalidValueException("jump.minShare", minShare, "must be in [0, 1]");
      }
      this.jumpThreshold = z;
      this.minJumpShare = minShare;
      return this;
    }

    /** How many recent posts to read per profile; 12 by default. */
    public Builder recentPosts(int posts) {
      if (posts < 1 || posts > 100) {
        throw new InvalidValueException("recentPosts", posts, "must be 1-100");
      }
      this.recentPosts = posts;
      return this;
    }

    /** The evaluator. */
    public InfluencerEvaluator build() {
      return new InfluencerEvaluator(this);
    }
  }
}
