package dev.chorus.analytics;

import dev.chorus.InvalidValueException;
import dev.chorus.model.AccountId;
import dev.chorus.model.Checks;
import dev.chorus.model.HourOfWeekActivity;
import dev.chorus.model.SocialAccount;
import dev.chorus.schedule.SlotSuggester;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The scheduling engine's {@link SlotSuggester} backed by {@link BestTimeToPost}: the occurrences in
 * {@code [from, to)} of the account's best slots, best slot first and, within a slot, earliest
 * first. A slot starting in a DST gap moves forward by the gap's length. Thread-safe when the
 * given functions are.
 */
public final class BestTimeSlotSuggester implements SlotSuggester {

  private final BestTimeToPost bestTime;
  private final Function<AccountId, List<PostEngagement>> history;
  private final Function<SocialAccount, HourOfWeekActivity> prior;
  private final Function<SocialAccount, ZoneId> audienceZone;
  private final int maxSuggestions;

  /**
   * A suggester.
   *
   * @param history the account's published posts and their engagement
   * @param prior the audience's activity for an account, or a function returning {@code null} for
   *     a uniform prior
   * @param audienceZone the zone the audience lives in; for example {@code SocialAccount::timeZone}
   * @param maxSuggestions at most this many instants are returned
   */
  public BestTimeSlotSuggester(BestTimeToPost bestTime, Function<AccountId, List<PostEngagement>> history,
      Function<SocialAccount, HourOfWeekActivity> prior, Function<SocialAccount, ZoneId> audienceZone,
      int maxSuggestions) {
    this.bestTime = Checks.required("bestTime", bestTime);
    this.history = Checks.required("history", history);
    this.prior = Checks.required("prior", prior);
    this.audienceZone = Checks.required("audienceZone", audienceZone);
    if (maxSuggestions < 1) {
      throw new InvalidValueException("maxSuggestions", maxSuggestions, "must be at least 1");
    }
    this.maxSuggestions = maxSuggestions;
  }

  @Override
  public List<Instant> suggest(SocialAccount account, Instant from, Instant to) {
    Checks.required("account", account);
    Checks.required("from", from);
    Checks.required("to", to);
    if (!to.isAfter(from)) {
      return List.of();
    }
    ZoneId zone = Checks.required("audienceZone", audienceZone.apply(account));
    List<PostEngagement> posts = history.apply(account.id());
    List<TimeSlot> ranked = bestTime.rank(posts == null ? List.of() : posts, zone, prior.apply(account));
    Set<Instant> out = new LinkedHashSet<>();
    LocalDate firstDay = from.atZone(zone).toLocalDate();
    for (TimeSlot slot : ranked) {
      for (LocalDate day = firstDay.with(TemporalAdjusters.nextOrSame(slot.day())); ; day = day.plusWeeks(1)) {
        Instant at = ZonedDateTime.of(day, slot.start(), zone).toInstant();
        if (!at.isBefore(to)) {
          break;
        }
        if (!at.isBefore(from)) {
          out.add(at);
          if (out.size() == maxSuggestions) {
            return List.copyOf(new ArrayList<>(out));
          }
        }
      }
    }
    return List.copyOf(out);
  }
}
