package dev.chorus.strategy;

import dev.chorus.InvalidValueException;
import dev.chorus.model.Checks;
import dev.chorus.model.Platform;
import dev.chorus.model.PostFormat;
import dev.chorus.model.SocialAccount;
import dev.chorus.schedule.DstPolicy;
import dev.chorus.schedule.SlotSuggester;
import dev.chorus.schedule.WeeklySlots;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Fills a month with draft slots so that the content mix holds per platform and per week. Each
 * account's slots are its queue's weekly times on the month's days in the account's zone (DST by
 * the {@link DstPolicy}), or the {@link SlotSuggester}'s best times in the month; the slots of one
 * platform, in time order, then take pillars by {@link Apportionment} (largest deficit
 * {@code share × k − assigned}). Each slot's format is the pillar's first preferred format the
 * platform supports, else FEED, else the platform's first supported format.
 */
public final class ContentPlanner {

  private final SlotSuggester suggester;
  private final DstPolicy dstPolicy;
  private final Function<Platform, Set<PostFormat>> formats;

  private ContentPlanner(Builder b) {
    this.suggester = b.suggester;
    this.dstPolicy = b.dstPolicy;
    this.formats = b.formats;
  }

  /** A builder: no suggester, the default DST policy, every format allowed. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The plan for the month.
   *
   * @throws InvalidValueException if no account is given or an account is given twice
   */
  public ContentPlan plan(ContentMix mix, YearMonth month, List<AccountQueue> accounts) {
    Checks.required("mix", mix);
    Checks.required("month", month);
    List<AccountQueue> queues = Checks.list("accounts", accounts);
    if (queues.isEmpty()) {
      throw new InvalidValueException("accounts", queues, "a plan needs at least one account");
    }
    record Raw(SocialAccount account, Instant at) {}
    Map<Platform, List<Raw>> byPlatform = new LinkedHashMap<>();
    Set<Object> seen = new java.util.HashSet<>();
    for (AccountQueue queue : queues) {
      SocialAccount account = queue.account();
      if (!seen.add(account.id())) {
        throw new InvalidValueException("accounts", account.id(), "names the account twice");
      }
      List<Raw> raws = byPlatform.computeIfAbsent(account.platform(), p -> new ArrayList<>());
      for (Instant at : instants(queue, month)) {
        raws.add(new Raw(account, at));
      }
    }
    double[] shares = mix.pillars().stream().mapToDouble(ContentPillar::share).toArray();
    List<PlannedSlot> slots = new ArrayList<>();
    for (Map.Entry<Platform, List<Raw>> entry : byPlatform.entrySet()) {
      List<Raw> raws = entry.getValue();
      raws.sort(Comparator.comparing(Raw::at).thenComparing(r -> r.account().id().value()));
      int[] order = Apportionment.sequence(shares, raws.size());
      Set<PostFormat> supported = formats.apply(entry.getKey());
      for (int i = 0; i < raws.size(); i++) {
        Raw raw = raws.get(i);
        ContentPillar pillar = mix.pillars().get(order[i]);
        ZoneId zone = raw.account().timeZone();
        LocalDate week = raw.at().atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        slots.add(new PlannedSlot(raw.account().id(), entry.getKey(), raw.at(), zone, week, pillar.name(),
            format(pillar, entry.getKey(), supported)));
      }
    }
    slots.sort(Comparator.comparing(PlannedSlot::at).thenComparing(s -> s.account().value()));
    return new ContentPlan(mix, month, slots);
  }

  /** The pillar's first preferred format the platform supports, else FEED, else its first one. */
  static PostFormat format(ContentPillar pillar, Platform platform, Set<PostFormat> supported) {
    if (supported == null || supported.isEmpty()) {
      throw new InvalidValueException("formats", platform, "the platform supports no format");
    }
    for (PostFormat format : pillar.formats()) {
      if (supported.contains(format)) {
        return format;
      }
    }
    return supported.contains(PostFormat.FEED) ? PostFormat.FEED : new TreeSet<>(supported).first();
  }

  private List<Instant> instants(AccountQueue queue, YearMonth month) {
    SocialAccount account = queue.account();
    ZoneId zone = account.timeZone();
    Optional<WeeklySlots> weekly = queue.slots();
    List<Instant> instants = new ArrayList<>();
    if (weekly.isPresent()) {
      for (LocalDate day = month.atDay(1); !day.isAfter(month.atEndOfMonth()); day = day.plusDays(1)) {
        for (WeeklySlots.Slot slot : weekly.get().slots()) {
          if (slot.day() == day.getDayOfWeek()) {
            dstPolicy.resolve(LocalDateTime.of(day, slot.time()), zone).ifPresent(instants::add);
          }
        }
      }
      return instants;
    }
    Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
    Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
    for (Instant at : new TreeSet<>(suggester.suggest(account, from, to))) {
      if (!at.isBefore(from) && at.isBefore(to)) {
        instants.add(at);
      }
    }
    return instants;
  }

  /** Builds {@link ContentPlanner}s. */
  public static final class Builder {
    private SlotSuggester suggester = SlotSuggester.NONE;
    private DstPolicy dstPolicy = DstPolicy.DEFAULT;
    private Function<Platform, Set<PostFormat>> formats = platform -> EnumSet.allOf(PostFormat.class);

    private Builder() {}

    /** Best times for accounts without a queue (analytics' {@code BestTimeSlotSuggester}). */
    public Builder suggester(SlotSuggester suggester) {
      this.suggester = Checks.required("suggester", suggester);
      return this;
    }

    /** How queue times in a DST gap or overlap become instants (default {@link DstPolicy#DEFAULT}). */
    public Builder dstPolicy(DstPolicy policy) {
      this.dstPolicy = Checks.required("dstPolicy", policy);
      return this;
    }

    /**
     * The formats each platform supports, for example from its connector's {@code
     * capabilities().formats()} (default: all).
     */
    public Builder formats(Function<Platform, Set<PostFormat>> formats) {
      this.formats = Checks.required("formats", formats);
      return this;
    }

    /** The planner. */
    public ContentPlanner build() {
      return new ContentPlanner(this);
    }
  }
}
