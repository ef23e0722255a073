package dev.chorus.schedule;

import dev.chorus.InvalidValueException;
import dev.chorus.model.AccountId;
import dev.chorus.model.Checks;
import dev.chorus.model.WorkspaceId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The planning settings a {@link Scheduler} keeps: blackout windows and the conflict mode per
 * workspace, queue slots and minimum spacing per account. They live in memory with the scheduler
 * (one instance per {@code Chorus}); a host that runs several nodes sets them on each. Thread-safe;
 * a change applies to the next planning call, never to times already planned.
 */
public final class SchedulingSettings {

  private record AccountRef(WorkspaceId workspace, AccountId account) {}

  private final Map<WorkspaceId, List<BlackoutWindow>> blackouts = new ConcurrentHashMap<>();
  private final Map<WorkspaceId, ConflictMode> modes = new ConcurrentHashMap<>();
  private final Map<AccountRef, WeeklySlots> queues = new ConcurrentHashMap<>();
  private final Map<AccountRef, Duration> spacing = new ConcurrentHashMap<>();

  SchedulingSettings() {}

  /** Replaces the workspace's blackout windows (an empty list removes them). */
  public SchedulingSettings blackouts(WorkspaceId workspace, List<BlackoutWindow> windows) {
    Checks.required("workspace", workspace);
    List<BlackoutWindow> copy = Checks.list("blackouts", windows);
    if (copy.isEmpty()) {
      blackouts.remove(workspace);
    } else {
      blackouts.put(workspace, copy);
    }
    return this;
  }

  /** Adds one blackout window to the workspace's. */
  public SchedulingSettings addBlackout(WorkspaceId workspace, BlackoutWindow window) {
    Checks.required("workspace", workspace);
    Checks.required("blackout", window);
    blackouts.merge(workspace, List.of(window), (old, add) -> {
      java.util.ArrayList<BlackoutWindow> all = new java.util.ArrayList<>(old);
      all.addAll(add);
      return List.copyOf(all);
    });
    return this;
  }

  /** The workspace's blackout windows. */
  public List<BlackoutWindow> blackouts(WorkspaceId workspace) {
    return blackouts.getOrDefault(Checks.required("workspace", workspace), List.of());
  }

  /** What planning does when a requested time breaks a rule in the workspace ({@link ConflictMode#REJECT} by default). */
  public SchedulingSettings conflictMode(WorkspaceId workspace, ConflictMode mode) {
    modes.put(Checks.required("workspace", workspace), Checks.required("conflictMode", mode));
    return this;
  }

  /** The workspace's conflict mode. */
  public ConflictMode conflictMode(WorkspaceId workspace) {
    return modes.getOrDefault(Checks.required("workspace", workspace), ConflictMode.REJECT);
  }

  /** Sets the account's weekly queue; {@code null} removes it. */
  public SchedulingSettings queue(WorkspaceId workspace, AccountId account, WeeklySlots slots) {
    AccountRef ref = ref(workspace, account);
    if (slots == null) {
      queues.remove(ref);
    } else {
      queues.put(ref, slots);
    }
    return this;
  }

  /** The account's weekly queue, if it has one. */
  public Optional<WeeklySlots> queue(WorkspaceId workspace, AccountId account) {
    return Optional.ofNullable(queues.get(ref(workspace, account)));
  }

  /** The least time between two posts of the account; not negative ({@link Duration#ZERO} for none). */
  public SchedulingSettings minSpacing(WorkspaceId workspace, AccountId account, Duration minimum) {
    if (minimum == null || minimum.isNegative()) {
      throw new InvalidValueException("minSpacing", minimum, "must not be negative");
    }
    spacing.put(ref(workspace, account), minimum);
    return this;
  }

  /** The account's minimum spacing ({@link Duration#ZERO} unless set). */
  public Duration minSpacing(WorkspaceId workspace, AccountId account) {
    return spacing.getOrDefault(ref(workspace, account), Duration.ZERO);
  }

  private static AccountRef ref(WorkspaceId workspace, AccountId account) {
    return new AccountRef(Checks.required("workspace", workspace), Checks.required("accountId", account));
  }
}
