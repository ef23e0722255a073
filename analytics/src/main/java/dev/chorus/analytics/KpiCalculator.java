package dev.chorus.analytics;

import dev.chorus.InvalidValueException;
import dev.chorus.model.Checks;
import dev.chorus.model.Metric;
import dev.chorus.model.MetricSnapshot;
import dev.chorus.model.Money;
import dev.chorus.model.Platform;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.ToLongFunction;

/**
 * Computes the KPIs of {@link Kpis} from counters. Every method returns a {@link KpiValue}: a
 * division by zero, an absent metric or an empty set is {@link KpiValue.Undefined}, never 0. Rates
 * are fractions. Immutable and thread-safe.
 */
public final class KpiCalculator {

  private final EngagementDefinitions engagement;

  private KpiCalculator(EngagementDefinitions engagement) {
    this.engagement = engagement;
  }

  /** A calculator using {@link EngagementDefinitions#defaults()}. */
  public static KpiCalculator ofDefaults() {
    return new KpiCalculator(EngagementDefinitions.defaults());
  }

  /** A calculator using these engagement definitions. */
  public static KpiCalculator of(EngagementDefinitions engagement) {
    return new KpiCalculator(Checks.required("engagementDefinitions", engagement));
  }

  /** The engagement definitions in use. */
  public EngagementDefinitions engagementDefinitions() {
    return engagement;
  }

  // ---- engagement -------------------------------------------------------------------------

  /** Engagements per the platform's definition; undefined when none of its metrics is present. */
  public KpiValue engagements(Platform platform, Map<Metric, Long> counts) {
    OptionalLong sum = engagement.forPlatform(platform).engagements(Checks.required("counts", counts));
    return sum.isPresent() ? KpiValue.of(sum.getAsLong()) : KpiValue.undefined("no engagement metric reported");
  }

  /** Engagements ÷ reach for one post. */
  public KpiValue engagementRateByReach(MetricSnapshot snapshot) {
    return engagementOver(snapshot.platform(), snapshot.values(), Metric.REACH);
  }

  /** Engagements ÷ impressions for one post. */
  public KpiValue engagementRateByImpressions(MetricSnapshot snapshot) {
    return engagementOver(snapshot.platform(), snapshot.values(), Metric.IMPRESSIONS);
  }

  /** Engagements ÷ video views for one post. */
  public KpiValue engagementRateByViews(MetricSnapshot snapshot) {
    return engagementOver(snapshot.platform(), snapshot.values(), Metric.VIDEO_VIEWS);
  }

  /** Engagements ÷ the given denominator metric, for counters of any platform (for example deltas). */
  public KpiValue engagementOver(Platform platform, Map<Metric, Long> counts, Metric denominator) {
    KpiValue numerator = engagements(platform, counts);
    if (!numerator.isDefined()) {
      return numerator;
    }
    Long base = counts.get(denominator);
    if (base == null) {
      return KpiValue.undefined(denominator + " not reported");
    }
    return KpiValue.ratio(numerator.value(), base);
  }

  /**
   * Engagements ÷ followers at post time (not today's count: the rate would rise as followers
   * fall).
   */
  public KpiValue engagementRateByFollowers(MetricSnapshot snapshot, long followersAtPostTime) {
    Checks.nonNegative("followersAtPostTime", followersAtPostTime);
    KpiValue numerator = engagements(snapshot.platform(), snapshot.values());
    return numerator.isDefined() ? KpiValue.ratio(numerator.value(), followersAtPostTime) : numerator;
  }

  /**
   * Daily engagement rate over {@code days} days: total engagements in the period (on any post,
   * old ones included) ÷ (days × followers).
   */
  public static KpiValue dailyEngagementRate(long engagementsInPeriod, int days, long followers) {
    if (days <= 0) {
      throw new InvalidValueException("days", days, "must be at least 1");
    }
    Checks.nonNegative("followers", followers);
    return KpiValue.ratio(engagementsInPeriod, (double) days * followers);
  }

  // ---- aggregation --------------------------------------------------------------------------

  /**
   * The mean of per-item rates (Hootsuite's "average engagement rate"): undefined items are skipped;
   * undefined when no item is defined.
   */
  public static KpiValue meanOfRates(List<KpiValue> rates) {
    double sum = 0;
    int n = 0;
    for (KpiValue rate : Checks.list("rates", rates)) {
      if (rate.isDefined()) {
        sum += rate.value();
        n++;
      }
    }
    return n == 0 ? KpiValue.undefined("no defined rate to average") : KpiValue.of(sum / n);
  }

  /**
   * The ratio of sums (Sprout's "total engagement %"): Σ numerator ÷ Σ denominator over the items
   * where both are present. Undefined when no item has both, or the denominators sum to zero.
   */
  public static <T> KpiValue ratioOfSums(
      List<T> items, ToLongFunction<T> numerator, ToLongFunction<T> denominator) {
    double num = 0;
    double den = 0;
    for (T item : Checks.list("items", items)) {
      num += numerator.applyAsLong(item);
      den += denominator.applyAsLong(item);
    }
    if (items.isEmpty()) {
      return KpiValue.undefined("no data");
    }
    return KpiValue.ratio(num, den);
  }

  /** Engagement rate over {@code denominator} as a mean of per-post rates. */
  public KpiValue meanEngagementRate(List<MetricSnapshot> posts, Metric denominator) {
    List<KpiValue> rates = new java.util.ArrayList<>();
    for (MetricSnapshot post : Checks.list("posts", posts)) {
      rates.add(engagementOver(post.platform(), post.values(), denominator));
    }
    return meanOfRates(rates);
  }

  /**
   * Engagement rate over {@code denominator} as Σ engagements ÷ Σ denominator, over posts that
   * report both.
   */
  public KpiValue pooledEngagementRate(List<MetricSnapshot> posts, Metric denominator) {
    double num = 0;
    double den = 0;
    int used = 0;
    for (MetricSnapshot post : Checks.list("posts", posts)) {
      OptionalLong e = engagement.forPlatform(post.platform()).engagements(post.values());
      OptionalLong d = post.value(denominator);
      if (e.isPresent() && d.isPresent()) {
        num += e.getAsLong();
        den += d.getAsLong();
        used++;
      }
    }
    return used == 0 ? KpiValue.undefined("no post reports engagements and " + denominator) : KpiValue.ratio(num, den);
  }

  // ---- per-post counts rates ----------------------------------------------------------------

  /** Kaushik amplification: shares ÷ posts. */
  public static KpiValue amplificationRatePerPost(long shares, long posts) {
    return KpiValue.ratio(shares, Checks.nonNegative("posts", posts));
  }

  /** Hootsuite amplification: (shares ÷ posts) ÷ followers. */
  public static KpiValue amplificationRatePerFollower(long shares, long posts, long followers) {
    return KpiValue.ratio(shares, (double) Checks.nonNegative("posts", posts) * Checks.nonNegative("followers", followers));
  }

  /** Kaushik applause: likes ÷ posts. */
  public static KpiValue applauseRatePerPost(long likes, long posts) {
    return KpiValue.ratio(likes, Checks.nonNegative("posts", posts));
  }

  /** Hootsuite applause: likes ÷ followers. */
  public static KpiValue applauseRatePerFollower(long likes, long followers) {
    return KpiValue.ratio(likes, Checks.nonNegative("followers", followers));
  }

  /** Conversation rate: comments ÷ posts. */
  public static KpiValue conversationRate(long comments, long posts) {
    return KpiValue.ratio(comments, Checks.nonNegative("posts", posts));
  }

  /** Virality: people who shared ÷ impressions. */
  public static KpiValue viralityRate(long sharers, long impressions) {
    return KpiValue.ratio(sharers, Checks.nonNegative("impressions", impressions));
  }

  // ---- reach and ads ------------------------------------------------------------------------

  /** A reported counter as a KPI; undefined when the platform did not report it. */
  public static KpiValue counter(MetricSnapshot snapshot, Metric metric) {
    OptionalLong value = snapshot.value(metric);
    return value.isPresent() ? KpiValue.of(value.getAsLong()) : KpiValue.undefined(metric + " not reported");
  }

  /** Frequency: impressions ÷ reach. */
  public static KpiValue frequency(long impressions, long reach) {
    return KpiValue.ratio(impressions, Checks.nonNegative("reach", reach));
  }

  /** CTR (link): link clicks ÷ impressions. */
  public static KpiValue ctrLink(long linkClicks, long impressions) {
    return KpiValue.ratio(linkClicks, Checks.nonNegative("impressions", impressions));
  }

  /** CTR (all): every click ÷ impressions. */
  public static KpiValue ctrAll(long clicks, long impressions) {
    return KpiValue.ratio(clicks, Checks.nonNegative("impressions", impressions));
  }

  /** Unique CTR: unique link clicks ÷ reach. */
  public static KpiValue ctrUnique(long uniqueLinkClicks, long reach) {
    return KpiValue.ratio(uniqueLinkClicks, Checks.nonNegative("reach", reach));
  }

  /** Cost per link click in the spend's currency. */
  public static KpiValue cpc(Money spend, long linkClicks) {
    return money(spend, Checks.nonNegative("linkClicks", linkClicks), 1);
  }

  /** Cost per 1000 impressions. */
  public static KpiValue cpm(Money spend, long impressions) {
    return money(spend, Checks.nonNegative("impressions", impressions), 1000);
  }

  /** Cost per result (conversion); the result depends on the campaign objective. */
  public static KpiValue cpa(Money spend, long conversions) {
    return money(spend, Checks.nonNegative("conversions", conversions), 1);
  }

  /** Cost per engagement; engagements per a declared {@link EngagementDefinition}. */
  public static KpiValue cpe(Money spend, long engagements) {
    return money(spend, Checks.nonNegative("engagements", engagements), 1);
  }

  /** Conversions ÷ interactions; may exceed 1 when several conversions per click are counted. */
  public static KpiValue conversionRate(long conversions, long interactions) {
    Checks.nonNegative("conversions", conversions);
    return KpiValue.ratio(conversions, Checks.nonNegative("interactions", interactions));
  }

  /** ROAS: attributed conversion value ÷ spend (a revenue multiple, not profit). */
  public static KpiValue roas(Money conversionValue, Money spend) {
    requireSameCurrency(conversionValue, spend);
    if (spend.amount().signum() == 0) {
      return KpiValue.undefined("division by zero: spend is 0");
    }
    return KpiValue.of(conversionValue.amount().divide(spend.amount(), MathContext.DECIMAL64).doubleValue());
  }

  /** ROI in the profit form: (return − investment) ÷ investment; negative on a loss. */
  public static KpiValue roi(Money returned, Money investment) {
    requireSameCurrency(returned, investment);
    if (investment.amount().signum() == 0) {
      return KpiValue.undefined("division by zero: investment is 0");
    }
    BigDecimal profit = returned.amount().subtract(investment.amount());
    return KpiValue.of(profit.divide(investment.amount(), MathContext.DECIMAL64).doubleValue());
  }

  // ---- audience -----------------------------------------------------------------------------

  /** Net follower growth: (end − start) ÷ start. */
  public static KpiValue followerGrowthNet(long followersAtStart, long followersAtEnd) {
    Checks.nonNegative("followersAtEnd", followersAtEnd);
    return KpiValue.ratio(followersAtEnd - followersAtStart, Checks.nonNegative("followersAtStart", followersAtStart));
  }

  /** Gross follower growth: new followers in the period (ignoring losses) ÷ start. */
  public static KpiValue followerGrowthGross(long followersAtStart, long newFollowers) {
    Checks.nonNegative("newFollowers", newFollowers);
    return KpiValue.ratio(newFollowers, Checks.nonNegative("followersAtStart", followersAtStart));
  }

  /** Share of voice: own mentions ÷ (own + every competitor's mentions). */
  public static KpiValue shareOfVoice(long own, List<Long> competitors) {
    long total = Checks.nonNegative("own", own);
    int i = 0;
    for (long competitor : Checks.list("competitors", competitors)) {
      total = Math.addExact(total, Checks.nonNegative("competitors[" + i++ + "]", competitor));
    }
    return KpiValue.ratio(own, total);
  }

  private static KpiValue money(Money spend, long count, int per) {
    Checks.required("spend", spend);
    if (count == 0) {
      return KpiValue.undefined("division by zero: count is 0");
    }
    return KpiValue.of(spend.amount().multiply(BigDecimal.valueOf(per))
        .divide(BigDecimal.valueOf(count), MathContext.DECIMAL64).doubleValue());
  }

  private static void requireSameCurrency(Money a, Money b) {
    Checks.required("money", a);
    Checks.required("money", b);
    if (!a.currency().equals(b.currency())) {
      throw new InvalidValueException("money.currency", b.currency().getCurrencyCode(),
          "must be " + a.currency().getCurrencyCode());
    }
  }
}
