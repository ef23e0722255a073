package dev.chorus.strategy.paid;

import dev.chorus.model.CampaignId;
import dev.chorus.model.Checks;
import dev.chorus.model.Platform;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Comparator;

/**
 * How spend is grouped: by campaign, by platform, both or neither, and per period.
 *
 * @param byCampaign one group per campaign
 * @param byPlatform one group per platform
 * @param period the period of each group
 */
public record SpendGrouping(boolean byCampaign, boolean byPlatform, Period period) {

  /** The period a group covers; weeks start on Monday (ISO 8601). */
  public enum Period {
    /** One group per day. */
    DAY,
    /** One group per ISO week, Monday to Sunday. */
    WEEK,
    /** One group per calendar month. */
    MONTH,
    /** One group over the whole range. */
    TOTAL
  }

  public SpendGrouping {
    Checks.required("grouping.period", period);
  }

  /** Per campaign and platform, per period. */
  public static SpendGrouping byCampaignAndPlatform(Period period) {
    return new SpendGrouping(true, true, period);
  }

  /** Per platform, per period. */
  public static SpendGrouping byPlatform(Period period) {
    return new SpendGrouping(false, true, period);
  }

  /** Per campaign, per period. */
  public static SpendGrouping byCampaign(Period period) {
    return new SpendGrouping(true, false, period);
  }

  /**
   * What a group is: its campaign and platform ({@code null} when not grouped by it) and the first
   * day of its period ({@code null} for {@link Period#TOTAL}).
   */
  public record Key(CampaignId campaignId, Platform platform, LocalDate periodStart) implements Comparable<Key> {

    private static final Comparator<Key> ORDER = Comparator
        .comparing(Key::periodStart, Comparator.nullsFirst(Comparator.naturalOrder()))
        .thenComparing(key -> key.campaignId() == null ? "" : key.campaignId().value())
        .thenComparing(key -> key.platform() == null ? "" : key.platform().id());

    @Override
    public int compareTo(Key other) {
      return ORDER.compare(this, other);
    }
  }

  Key keyOf(SpendEntry entry) {
    LocalDate date = entry.date();
    LocalDate start = switch (period) {
      case DAY -> date;
      case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTH -> date.withDayOfMonth(1);
      case TOTAL -> null;
    };
    return new Key(byCampaign ? entry.campaignId() : null, byPlatform ? entry.platform() : null, start);
  }
}
