package dev.chorus.connector.youtube;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.RateLimitedException;
import dev.chorus.model.Platform;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The YouTube Data API daily quota of one Google Cloud project, predicted before each call. Every
 * call's cost in units is reserved first; when the reservation would exceed what is left of the
 * day, {@link #reserve} throws {@link RateLimitedException} with the next midnight in {@link
 * #RESET_ZONE} as its retry time and nothing is sent. The day rolls over at midnight Pacific time,
 * DST included, on the injected clock.
 *
 * <p>The quota belongs to the project (the OAuth client), not to a channel: hosts running several
 * connectors on one project share one instance by passing it as a {@code ConnectorContext}
 * extension. Usage is kept in memory only, so a restarted process starts the day at zero (it may
 * then meet a {@code 403 quotaExceeded}, which {@link #exhaust()} records). Thread-safe.
 */
public final class YouTubeQuota {

  /** Google resets the quota at midnight in this zone. */
  public static final ZoneId RESET_ZONE = ZoneId.of("America/Los_Angeles");

  /** The default daily allocation of a project. */
  public static final long DEFAULT_DAILY_UNITS = 10_000;

  /** {@code videos.list}, {@code channels.list}, {@code playlistItems.list}, {@code commentThreads.list}, {@code comments.list}. */
  public static final long LIST_COST = 1;

  /** {@code videos.delete}, {@code videos.update}, {@code comments.insert}, {@code commentThreads.insert}. */
  public static final long WRITE_COST = 50;

  /** {@code search.list} under the older cost table (the newer one gives it its own bucket). */
  public static final long SEARCH_COST = 100;

  /** {@code videos.insert} under the older cost table, which the videos.insert reference still states. */
  public static final long DEFAULT_INSERT_COST = 1600;

  private final Clock clock;
  private final long dailyUnits;
  private LocalDate day;
  private long used;

  /**
   * A quota of {@code dailyUnits} per Pacific day, judged on the clock.
   *
   * @throws InvalidValueException when {@code dailyUnits} is below 1
   */
  public YouTubeQuota(Clock clock, long dailyUnits) {
    if (clock == null) {
      throw new InvalidValueException("clock", null, "is required");
    }
    if (dailyUnits < 1) {
      throw new InvalidValueException("dailyQuota", dailyUnits, "must be at least 1");
    }
    this.clock = clock;
    this.dailyUnits = dailyUnits;
  }

  /** The units a day allows. */
  public long dailyUnits() {
    return dailyUnits;
  }

  /** The units used so far today (Pacific). */
  public synchronized long used() {
    roll();
    return used;
  }

  /** The units left today (Pacific). */
  public synchronized long remaining() {
    roll();
    return Math.max(0, dailyUnits - used);
  }

  /** The next midnight in {@link #RESET_ZONE} after the clock's current instant. */
  public Instant nextReset() {
    return nextReset(clock.instant());
  }

  /** The next midnight in {@link #RESET_ZONE} after {@code now}, on DST days too. */
  public static Instant nextReset(Instant now) {
    LocalDate today = now.atZone(RESET_ZONE).toLocalDate();
    return today.plusDays(1).atStartOfDay(RESET_ZONE).toInstant();
  }

  /**
   * Reserves the cost of one call before it is made.
   *
   * @param operation the API method, named in the error (such as {@code videos.insert})
   * @param units its cost
   * @throws RateLimitedException when the units are not left today; nothing is reserved then
   * @throws InvalidValueException when {@code units} is negative
   */
  public synchronized void reserve(String operation, long units) {
    if (units < 0) {
      throw new InvalidValueException("units", units, "must not be negative");
    }
    roll();
    if (used + units > dailyUnits) {
      throw new RateLimitedException(Platform.YOUTUBE, 0, null, nextReset(),
          "YouTube quota: " + operation + " costs " + units + " units, " + Math.max(0, dailyUnits - used)
              + " of " + dailyUnits + " are left today (Pacific time); not calling");
    }
    used += units;
  }

  /** Records that Google said the quota is spent ({@code 403 quotaExceeded}): nothing more today. */
  public synchronized void exhaust() {
    roll();
    used = Math.max(used, dailyUnits);
  }

  private void roll() {
    LocalDate today = clock.instant().atZone(RESET_ZONE).toLocalDate();
    if (!today.equals(day)) {
      day = today;
      used = 0;
    }
  }

  @Override
  public synchronized String toString() {
    roll();
    return "YouTubeQuota[" + used + "/" + dailyUnits + " on " + day + "]";
  }
}
