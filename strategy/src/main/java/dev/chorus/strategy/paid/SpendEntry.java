package dev.chorus.strategy.paid;

import dev.chorus.InvalidValueException;
import dev.chorus.model.CampaignId;
import dev.chorus.model.Checks;
import dev.chorus.model.Money;
import dev.chorus.model.Platform;
import java.time.LocalDate;

/**
 * Media spend on one day for one campaign on one platform, with what it bought. Counters the
 * source did not report are {@code null} (unknown), never 0: a cost KPI over a group uses only the
 * entries that recorded its counter.
 *
 * @param date the day the money was spent, in the ad account's reporting zone
 * @param mediaSpend what the platform charged, before any agency fee
 * @param impressions paid impressions, or {@code null} when not reported
 * @param clicks paid link clicks, or {@code null} when not reported
 * @param conversions conversions attributed to the spend, or {@code null} when not reported
 * @param conversionValue the value of those conversions in the spend's currency, or {@code null}
 * @param boostedPostId the platform's id of the boosted organic post, or {@code null} for other ads
 * @param source where the figures came from, such as {@code manual}, {@code csv} or an ads API
 */
public record SpendEntry(
    LocalDate date,
    CampaignId campaignId,
    Platform platform,
    Money mediaSpend,
    Long impressions,
    Long clicks,
    Long conversions,
    Money conversionValue,
    String boostedPostId,
    String source) {

  public SpendEntry {
    Checks.required("spend.date", date);
    Checks.required("spend.campaignId", campaignId);
    Checks.required("spend.platform", platform);
    Checks.required("spend.mediaSpend", mediaSpend);
    if (impressions != null) {
      Checks.nonNegative("spend.impressions", impressions);
    }
    if (clicks != null) {
      Checks.nonNegative("spend.clicks", clicks);
    }
    if (conversions != null) {
      Checks.nonNegative("spend.conversions", conversions);
    }
    if (conversionValue != null && !conversionValue.currency().equals(mediaSpend.currency())) {
      throw new InvalidValueException("spend.conversionValue", conversionValue,
          "must be in the spend's currency " + mediaSpend.currency().getCurrencyCode());
    }
    boostedPostId = Checks.blankToNull("spend.boostedPostId", boostedPostId);
    source = source == null ? "manual" : Checks.notBlank("spend.source", source).strip();
  }

  /** Spend entered by hand with impressions, clicks and conversions; no value or boosted post. */
  public static SpendEntry manual(
      LocalDate date, CampaignId campaign, Platform platform, Money spend,
      Long impressions, Long clicks, Long conversions) {
    return new SpendEntry(date, campaign, platform, spend, impressions, clicks, conversions, null, null, "manual");
  }

  /** The same entry with the value of its conversions. */
  public SpendEntry withConversionValue(Money value) {
    return new SpendEntry(date, campaignId, platform, mediaSpend, impressions, clicks, conversions, value,
        boostedPostId, source);
  }

  /** The same entry marked as boosting the platform's post {@code externalPostId}. */
  public SpendEntry boosting(String externalPostId) {
    return new SpendEntry(date, campaignId, platform, mediaSpend, impressions, clicks, conversions,
        conversionValue, Checks.notBlank("spend.boostedPostId", externalPostId), source);
  }
}
