package dev.chorus.schedule;

import dev.chorus.InvalidValueException;
import dev.chorus.model.AccountId;
import dev.chorus.model.Checks;
import dev.chorus.model.WorkspaceId;
import dev.chorus.store.ChorusStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The planning settings of a {@link Scheduler}: blackout windows and the conflict mode per
 * workspace, queue slots and minimum spacing per account. A view over the {@link ChorusStore}
 * ({@link WorkspaceScheduling}, {@link AccountScheduling}): every read goes to the store, so the
 * settings survive a restart and every node on the same store sees the same ones. Thread-safe; a
 * read-modify-write of one instance is serialised, and a change applies to the next planning call,
 * never to times already planned.
 */
public final class SchedulingSettings {

  private final ChorusStore store;
  private final Object writes = new Object();

  SchedulingSettings(ChorusStore store) {
    this.store = Checks.required("store", store);
  }

  /** Replaces the workspace's blackout windows (an empty list removes them). */
  public SchedulingSettings blackouts(WorkspaceId workspace, List<BlackoutWindow> windows) {
    Checks.required("workspace", workspace);
    List<BlackoutWindow> copy = Checks.list("blackouts", windows);
    synchronized (writes) {
      store.saveWorkspaceScheduling(workspace, workspace(workspace).withBlackouts(copy));
    }
    return this;
  }

  /** Adds one blackout window to the workspace's. */
  public SchedulingSettings addBlackout(WorkspaceId workspace, BlackoutWindow window) {
    Checks.required("workspace", workspace);
    Checks.required("blackout", window);
    synchronized (writes) {
      WorkspaceScheduling current = workspace(workspace);
      List<BlackoutWindow> all = new ArrayList<>(current.blackouts());
      all.add(window);
      store.saveWorkspaceScheduling(workspace, current.withBlackouts(all));
    }
    return this;
  }

  /** The workspace's blackout windows. */
  public List<BlackoutWindow> blackouts(WorkspaceId workspace) {
    return workspace(Checks.required("workspace", workspace)).blackouts();
  }

  /** What planning does when a requested time breaks a rule in the workspace ({@link ConflictMode#REJECT} by default). */
  public SchedulingSettings conflictMode(WorkspaceId workspace, ConflictMode mode) {
    Checks.required("workspace", workspace);
    Checks.required("conflictMode", mode);
    synchronized (writes) {
      store.saveWorkspaceScheduling(workspace, workspace(workspace).withConflictMode(mode));
    }
    return this;
  }

  /** The workspace's conflict mode. */
  public ConflictMode conflictMode(WorkspaceId workspace) {
    return workspace(Checks.required("workspace", workspace)).conflictMode();
  }

  /** Sets the account's weekly queue; {@code null} removes it. */
  public SchedulingSettings queue(WorkspaceId workspace, AccountId account, WeeklySlots slots) {
    check(workspace, account);
    synchronized (writes) {
      store.saveAccountScheduling(workspace, account, account(workspace, account).withQueue(slots));
    }
    return this;
  }

  /** The account's weekly queue, if it has one. */
  public Optional<WeeklySlots> queue(WorkspaceId workspace, AccountId account) {
    check(workspace, account);
    return account(workspace, account).weeklyQueue();
  }

  /** The least time between two posts of the account; not negative ({@link Duration#ZERO} for none). */
  public SchedulingSettings minSpacing(WorkspaceId workspace, AccountId account, Duration minimum) {
    if (minimum == null || minimum.isNegative()) {
      throw new InvalidValueException("minSpacing", minimum, "must not be negative");
    }
    check(workspace, account);
    synchronized (writes) {
      store.saveAccountScheduling(workspace, account, account(workspace, account).withMinSpacing(minimum));
    }
    return this;
  }

  /** The account's minimum spacing ({@link Duration#ZERO} unless set). */
  public Duration minSpacing(WorkspaceId workspace, AccountId account) {
    check(workspace, account);
    return account(workspace, account).minSpacing();
  }

  private WorkspaceScheduling workspace(WorkspaceId workspace) {
    return store.workspaceScheduling(workspace).orElse(WorkspaceScheduling.DEFAULT);
  }

  private AccountScheduling account(WorkspaceId workspace, AccountId account) {
    return store.accountScheduling(workspace, account).orElse(AccountScheduling.DEFAULT);
  }

  private static void check(WorkspaceId workspace, AccountId account) {
    Checks.required("workspace", workspace);
    Checks.required("accountId", account);
  }
}
