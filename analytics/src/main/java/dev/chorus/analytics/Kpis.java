package dev.chorus.analytics;

import static dev.chorus.model.KpiDirection.HIGHER_IS_BETTER;
import static dev.chorus.model.KpiDirection.LOWER_IS_BETTER;

import dev.chorus.model.KpiDefinition;
import dev.chorus.model.KpiDirection;
import dev.chorus.model.KpiUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalogue of KPIs Chorus computes, one {@link KpiDefinition} per row of {@code KPIS.md}.
 * Ratios are fractions ({@code 0.05} = 5 %). Where tools disagree the variants are separate KPIs.
 * The constants are immutable values.
 */
public final class Kpis {

  private Kpis() {}

  /** Engagements ÷ reach. */
  public static final KpiDefinition ENGAGEMENT_RATE_BY_REACH =
      def("engagement_rate_by_reach", "Engagement rate by reach", "engagements / reach", KpiUnit.RATIO, HIGHER_IS_BETTER);
  /** Engagements ÷ impressions. */
  public static final KpiDefinition ENGAGEMENT_RATE_BY_IMPRESSIONS = def("engagement_rate_by_impressions",
      "Engagement rate by impressions", "engagements / impressions", KpiUnit.RATIO, HIGHER_IS_BETTER);
  /** Engagements ÷ followers at post time. */
  public static final KpiDefinition ENGAGEMENT_RATE_BY_FOLLOWERS = def("engagement_rate_by_followers",
      "Engagement rate by followers", "engagements / followers at post time", KpiUnit.RATIO, HIGHER_IS_BETTER);
  /** Engagements ÷ video views. */
  public static final KpiDefinition ENGAGEMENT_RATE_BY_VIEWS = def("engagement_rate_by_views",
      "Engagement rate by views", "engagements / video views", KpiUnit.RATIO, HIGHER_IS_BETTER);
  /** Engagements in a day ÷ followers; over X days: total ÷ (X × followers). */
  public static final KpiDefinition DAILY_ENGAGEMENT_RATE = def("daily_engagement_rate", "Daily engagement rate",
      "engagements in period / (days x followers)", KpiUnit.RATIO, HIGHER_IS_BETTER);
  /** Kaushik: shares ÷ posts. */
  public static final KpiDefinition AMPLIFICATION_RATE_PER_POST = def("amplification_rate_per_post",
      "Amplification rate (per post)", "shares / posts", KpiUnit.COUNT, HIGHER_IS_BETTER);
  /** Hootsuite: shares per post ÷ followers. */
  public static final KpiDefinition AMPLIFICATION_RATE_PER_FOLLOWER = def("amplification_rate_per_follower",
      "Amplification rate (per follower)", "(shares / posts) / followers", KpiUnit.RATIO, HIGHER_IS_BETTER);
  /** Kaushik: likes ÷ posts. */
  public static final KpiDefinition APPLAUSE_RATE_PER_POST = def("applause_rate_per_post",
      "Applause rate (per post)", "likes / posts", KpiUnit.COUNT, HIGHER_IS_BETTER);
  /** Hootsuite: likes ÷ followers. */
  public static final KpiDefinition APPLAUSE_RATE_PER_FOLLOWER = def("applause_rate_per_follower",
      "Applause rate (per follower)", "likes / followers", KpiUnit.RATIO, HIGHER_IS_BETTER);
  /** Comments ÷ posts. */
  public static final KpiDefinition CONVERSATION_RATE = def("conversation_rate", "Conversation rate",
      "comments / posts", KpiUnit.COUNT, HIGHER_IS_BETTER);
  /** Sharers ÷ impressions. */
  public static final KpiDefinition VIRALITY_RATE = def("virality_rate", "Virality rate",
      "people who shared / impressions", KpiUnit.RATIO, HIGHER_IS_BETTER);
  /** Unique accounts reached. */
  public static final KpiDefinition REACH = def("reach", "Reach", "unique accounts that saw the content",
      KpiUnit.COUNT, HIGHER_IS_BETTER);
  /** Times on screen. */
  public static final KpiDefinition IMPRESSIONS = def("impressions", "Impressions",
      "times the content was on screen", KpiUnit.COUNT, HIGHER_IS_BETTER);
  /** Impressions ÷ reach. */
  public static final KpiDefinition FREQUENCY = def("frequency", "Frequency", "impressions / reach",
      KpiUnit.COUNT, HIGHER_IS_BETTER);
  /** Link clicks ÷ impressions. */
  public static final KpiDefinition CTR_LINK = def("ctr_link", "CTR (link)", "link clicks / impressions",
      KpiUnit.RATIO, HIGHER_IS_BETTER);
  /** All clicks ÷ impressions. */
  public static final KpiDefinition CTR_ALL = def("ctr_all", "CTR (all)", "clicks / impressions",
      KpiUnit.RATIO, HIGHER_IS_BETTER);
  /** Unique link clicks ÷ reach. */
  public static final KpiDefinition CTR_UNIQUE = def("ctr_unique", "Unique CTR", "unique link clicks / reach",
      KpiUnit.RATIO, HIGHER_IS_BETTER);
  /** Spend ÷ link clicks. */
  public static final KpiDefinition CPC = def("cpc", "Cost per click", "spend / link clicks",
      KpiUnit.MONEY, LOWER_IS_BETTER);
  /** Spend ÷ impressions × 1000. */
  public static final KpiDefinition CPM = def("cpm", "Cost per mille", "spend / impressions x 1000",
      KpiUnit.MONEY, LOWER_IS_BETTER);
  /** Spend ÷ conversions. */
  public static final KpiDefinition CPA = def("cpa", "Cost per acquisition", "spend / conversions",
      KpiUnit.MONEY, LOWER_IS_BETTER);
  /** Spend ÷ engagements. */
  public static final KpiDefinition CPE = def("cpe", "Cost per engagement", "spend / engagements",
      KpiUnit.MONEY, LOWER_IS_BETTER);
  /** Conversions ÷ interactions; may exceed 1. */
  public static final KpiDefinition CONVERSION_RATE = def("conversion_rate", "Conversion rate",
      "conversions / interactions (clicks)", KpiUnit.RATIO, HIGHER_IS_BETTER);
  /** Conversion value ÷ spend. */
  public static final KpiDefinition ROAS = def("roas", "Return on ad spend", "attributed conversion value / spend",
      KpiUnit.RATIO, HIGHER_IS_BETTER);
  /** (Return − investment) ÷ investment. */
  public static final KpiDefinition ROI = def("roi", "Return on investment", "(return - investment) / investment",
      KpiUnit.RATIO, HIGHER_IS_BETTER);
  /** (End − start audience) ÷ start audience. */
  public static final KpiDefinition FOLLOWER_GROWTH_NET = def("follower_growth_net", "Follower growth (net)",
      "(followers at end - followers at start) / followers at start", KpiUnit.RATIO, HIGHER_IS_BETTER);
  /** New followers ÷ start audience. */
  public static final KpiDefinition FOLLOWER_GROWTH_GROSS = def("follower_growth_gross", "Follower growth (gross)",
      "new followers in period / followers at start", KpiUnit.RATIO, HIGHER_IS_BETTER);
  /** Mean of reply time − inbound time. */
  public static final KpiDefinition RESPONSE_TIME_MEAN = def("response_time_mean", "Response time (mean)",
      "mean(reply time - inbound time)", KpiUnit.DURATION, LOWER_IS_BETTER);
  /** Median of reply time − inbound time. */
  public static final KpiDefinition RESPONSE_TIME_MEDIAN = def("response_time_median", "Response time (median)",
      "median(reply time - inbound time)", KpiUnit.DURATION, LOWER_IS_BETTER);
  /** Mean response time counting business hours only. */
  public static final KpiDefinition RESPONSE_TIME_BUSINESS_HOURS = def("response_time_business_hours",
      "Response time (business hours)", "mean(business time between inbound and reply)", KpiUnit.DURATION,
      LOWER_IS_BETTER);
  /** Replied ÷ actionable inbound messages. */
  public static final KpiDefinition RESPONSE_RATE = def("response_rate", "Response rate",
      "replied inbound messages / actionable inbound messages", KpiUnit.RATIO, HIGHER_IS_BETTER);
  /** Own mentions ÷ all mentions. */
  public static final KpiDefinition SHARE_OF_VOICE = def("share_of_voice", "Share of voice",
      "own mentions / (own + competitors' mentions)", KpiUnit.RATIO, HIGHER_IS_BETTER);

  private static final List<KpiDefinition> ALL = List.of(
      ENGAGEMENT_RATE_BY_REACH, ENGAGEMENT_RATE_BY_IMPRESSIONS, ENGAGEMENT_RATE_BY_FOLLOWERS,
      ENGAGEMENT_RATE_BY_VIEWS, DAILY_ENGAGEMENT_RATE, AMPLIFICATION_RATE_PER_POST,
      AMPLIFICATION_RATE_PER_FOLLOWER, APPLAUSE_RATE_PER_POST, APPLAUSE_RATE_PER_FOLLOWER, CONVERSATION_RATE,
      VIRALITY_RATE, REACH, IMPRESSIONS, FREQUENCY, CTR_LINK, CTR_ALL, CTR_UNIQUE, CPC, CPM, CPA, CPE, CONVERSION_RATE, ROAS,
      ROI, FOLLOWER_GROWTH_NET, FOLLOWER_GROWTH_GROSS, RESPONSE_TIME_MEAN, RESPONSE_TIME_MEDIAN,
      RESPONSE_TIME_BUSINESS_HOURS, RESPONSE_RATE, SHARE_OF_VOICE);

  private static final Map<String, KpiDefinition> BY_ID = index();

  /** Every KPI, in catalogue order. */
  public static List<KpiDefinition> all() {
    return ALL;
  }

  /** The KPI with this id. */
  public static Optional<KpiDefinition> byId(String id) {
    return Optional.ofNullable(BY_ID.get(id));
  }

  private static Map<String, KpiDefinition> index() {
    Map<String, KpiDefinition> map = new LinkedHashMap<>();
    for (KpiDefinition definition : ALL) {
      map.put(definition.id(), definition);
    }
    return Map.copyOf(map);
  }

  private static KpiDefinition def(String id, String name, String formula, KpiUnit unit, KpiDirection direction) {
    return new KpiDefinition(id, name, formula, unit, direction);
  }
}
