package dev.chorus.inbox;

import dev.chorus.model.AccountId;
import dev.chorus.model.ActorId;
import dev.chorus.model.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Response SLAs of conversations received in a window: overall, per account and per actor (the
 * first responder, or the assignee of an unanswered conversation; unassigned unanswered ones
 * count for no actor). First-response time counts business hours only.
 *
 * @param from inclusive
 * @param to exclusive
 */
public record SlaReport(
    Instant from, Instant to, SlaFigures overall, Map<AccountId, SlaFigures> perAccount, Map<ActorId, SlaFigures> perActor) {

  /** Checks and copies the values. */
  public SlaReport {
    Checks.required("from", from);
    Checks.required("to", to);
    Checks.required("overall", overall);
    perAccount = Map.copyOf(perAccount);
    perActor = Map.copyOf(perActor);
  }

  /**
   * Computes the report over the records whose {@code received} lies in [from, to).
   *
   * @throws dev.chorus.InvalidValueException when {@code to} is not after {@code from}
   */
  public static SlaReport compute(List<ResponseRecord> records, BusinessHours hours, Instant from, Instant to) {
    Checks.required("records", records);
    Checks.required("hours", hours);
    Checks.required("from", from);
    Checks.required("to", to);
    if (!to.isAfter(from)) {
      throw new dev.chorus.InvalidValueException("to", to, "must be after from " + from);
    }
    List<ResponseRecord> in = records.stream()
        .filter(r -> !r.received().isBefore(from) && r.received().isBefore(to)).toList();
    Map<AccountId, SlaFigures> accounts = group(in, ResponseRecord::accountId, hours);
    Map<ActorId, SlaFigures> actors = group(in.stream().filter(r -> r.actor() != null).toList(),
        ResponseRecord::actor, hours);
    return new SlaReport(from, to, figures(in, hours), accounts, actors);
  }

  private static <K> Map<K, SlaFigures> group(List<ResponseRecord> records, Function<ResponseRecord, K> key,
      BusinessHours hours) {
    Map<K, List<ResponseRecord>> groups = new java.util.LinkedHashMap<>();
    for (ResponseRecord r : records) {
      groups.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r);
    }
    Map<K, SlaFigures> out = new java.util.HashMap<>();
    groups.forEach((k, v) -> out.put(k, figures(v, hours)));
    return out;
  }

  /** The figures of the records, all counted. */
  public static SlaFigures figures(List<ResponseRecord> records, BusinessHours hours) {
    List<Duration> times = new ArrayList<>();
    for (ResponseRecord r : records) {
      if (r.responded()) {
        times.add(hours.between(r.received(), r.firstResponse()));
      }
    }
    int received = records.size();
    int responded = times.size();
    if (responded == 0) {
      return new SlaFigures(received, 0, 0.0, null, null);
    }
    times.sort(null);
    Duration sum = times.stream().reduce(Duration.ZERO, Duration::plus);
    Duration mean = sum.dividedBy(responded);
    Duration median = responded % 2 == 1 ? times.get(responded / 2)
        : times.get(responded / 2 - 1).plus(times.get(responded / 2)).dividedBy(2);
    return new SlaFigures(received, responded, (double) responded / received, mean, median);
  }

  /** Accounts in id order, for display. */
  public Map<AccountId, SlaFigures> perAccountSorted() {
    Map<AccountId, SlaFigures> sorted = new TreeMap<>(java.util.Comparator.comparing(AccountId::toString));
    sorted.putAll(perAccount);
    return sorted;
  }
}
