package dev.chorus.strategy;

import dev.chorus.InvalidValueException;
import dev.chorus.model.Checks;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Compares a calendar's pillars with the mix: per ISO week (in each item's zone), per platform and
 * overall, each pillar's share against its target, flagged when they differ by more than the
 * tolerance (an absolute difference of shares, default 0.10). Untagged posts count under {@link
 * #UNTAGGED} with a target of 0.
 */
public final class MixDrift {

  /** The pillar name untagged posts count under. */
  public static final String UNTAGGED = "untagged";

  /** The default tolerance: ten percentage points. */
  public static final double DEFAULT_TOLERANCE = 0.10;

  private final ContentMix mix;
  private final double tolerance;

  private MixDrift(ContentMix mix, double tolerance) {
    this.mix = mix;
    this.tolerance = tolerance;
  }

  /** A check against the mix with the default tolerance. */
  public static MixDrift of(ContentMix mix) {
    return of(mix, DEFAULT_TOLERANCE);
  }

  /** A check against the mix flagging shares more than {@code tolerance} away from their target. */
  public static MixDrift of(ContentMix mix, double tolerance) {
    Checks.required("mix", mix);
    if (!(tolerance >= 0 && tolerance < 1)) {
      throw new InvalidValueException("tolerance", tolerance, "must be at least 0 and below 1");
    }
    return new MixDrift(mix, tolerance);
  }

  /** Every share check: overall first, then weeks in order, then platforms in first-seen order. */
  public List<ShareCheck> check(List<ScheduledItem> items) {
    List<ScheduledItem> all = Checks.list("items", items);
    List<ShareCheck> checks = new ArrayList<>();
    if (all.isEmpty()) {
      return checks;
    }
    checks.addAll(scope("all", all));
    Map<LocalDate, List<ScheduledItem>> weeks = new TreeMap<>();
    Map<String, List<ScheduledItem>> platforms = new LinkedHashMap<>();
    for (ScheduledItem item : all) {
      LocalDate monday = item.at().atZone(item.zone()).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      weeks.computeIfAbsent(monday, w -> new ArrayList<>()).add(item);
      platforms.computeIfAbsent(item.platform().id(), p -> new ArrayList<>()).add(item);
    }
    weeks.forEach((week, list) -> checks.addAll(scope("week " + week, list)));
    platforms.forEach((platform, list) -> checks.addAll(scope("platform " + platform, list)));
    return List.copyOf(checks);
  }

  /** Only the checks that drift. */
  public List<ShareCheck> drifts(List<ScheduledItem> items) {
    return check(items).stream().filter(ShareCheck::drifted).toList();
  }

  private List<ShareCheck> scope(String scope, List<ScheduledItem> items) {
    Function<ScheduledItem, String> pillarOf = i -> i.pillar() == null ? UNTAGGED : i.pillar().toLowerCase(java.util.Locale.ROOT);
    Set<String> names = new LinkedHashSet<>();
    mix.pillars().forEach(p -> names.add(p.name()));
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (ScheduledItem item : items) {
      String name = pillarOf.apply(item);
      names.add(name);
      counts.merge(name, 1, Integer::sum);
    }
    List<ShareCheck> checks = new ArrayList<>();
    for (String name : names) {
      int count = counts.getOrDefault(name, 0);
      double actual = (double) count / items.size();
      double target = mix.pillar(name).map(ContentPillar::share).orElse(0.0);
      // The epsilon keeps a difference of exactly the tolerance (0.30 - 0.20) from flagging by rounding.
      boolean drifted = Math.abs(actual - target) > tolerance + 1e-9;
      checks.add(new ShareCheck(scope, name, count, items.size(), actual, target, drifted));
    }
    return checks;
  }
}
