package dev.chorus.workflow;

import static dev.chorus.model.TargetState.APPROVED;
import static dev.chorus.model.TargetState.CANCELLED;
import static dev.chorus.model.TargetState.DRAFT;
import static dev.chorus.model.TargetState.FAILED;
import static dev.chorus.model.TargetState.IN_REVIEW;
import static dev.chorus.model.TargetState.MISSED;
import static dev.chorus.model.TargetState.PAUSED;
import static dev.chorus.model.TargetState.PUBLISHED;
import static dev.chorus.model.TargetState.PUBLISHING;
import static dev.chorus.model.TargetState.SCHEDULED;

import dev.chorus.IllegalTransitionException;
import dev.chorus.model.AccountId;
import dev.chorus.model.PostId;
import dev.chorus.model.TargetState;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one table of legal moves of a post target. Every state change in Chorus goes through {@link
 * #check}; nothing else decides what may follow what.
 *
 * <pre>
 * DRAFT      → IN_REVIEW, APPROVED (workspace needs no approval), CANCELLED
 * IN_REVIEW  → APPROVED (last step signed off), DRAFT (rejected or edited), CANCELLED
 * APPROVED   → SCHEDULED, DRAFT (edited), CANCELLED
 * SCHEDULED  → PUBLISHING, PAUSED, MISSED, DRAFT (edited), CANCELLED
 * PUBLISHING → PUBLISHED, FAILED, SCHEDULED (transient failure, the engine retries later)
 * FAILED     → SCHEDULED (retried by a person), DRAFT (edited), CANCELLED
 * PAUSED     → SCHEDULED (resumed), DRAFT (edited), CANCELLED
 * MISSED     → SCHEDULED (rescheduled), DRAFT (edited), CANCELLED
 * PUBLISHED, CANCELLED: terminal
 * </pre>
 *
 * <p>Only SCHEDULED targets can be paused, so a resume always goes back to SCHEDULED; nothing needs
 * to remember where a target was paused from. A PUBLISHING target cannot be cancelled or edited: its
 * outcome on the platform is not yet known.
 */
public final class Lifecycle {

  private static final Map<TargetState, Set<TargetState>> TABLE = table();

  private Lifecycle() {}

  private static Map<TargetState, Set<TargetState>> table() {
    Map<TargetState, Set<TargetState>> t = new EnumMap<>(TargetState.class);
    t.put(DRAFT, EnumSet.of(IN_REVIEW, APPROVED, CANCELLED));
    t.put(IN_REVIEW, EnumSet.of(APPROVED, DRAFT, CANCELLED));
    t.put(APPROVED, EnumSet.of(SCHEDULED, DRAFT, CANCELLED));
    t.put(SCHEDULED, EnumSet.of(PUBLISHING, PAUSED, MISSED, DRAFT, CANCELLED));
    t.put(PUBLISHING, EnumSet.of(PUBLISHED, FAILED, SCHEDULED));
    t.put(PUBLISHED, EnumSet.noneOf(TargetState.class));
    t.put(FAILED, EnumSet.of(SCHEDULED, DRAFT, CANCELLED));
    t.put(CANCELLED, EnumSet.noneOf(TargetState.class));
    t.put(PAUSED, EnumSet.of(SCHEDULED, DRAFT, CANCELLED));
    t.put(MISSED, EnumSet.of(SCHEDULED, DRAFT, CANCELLED));
    for (TargetState state : TargetState.values()) {
      t.put(state, Collections.unmodifiableSet(t.get(state)));
    }
    return Collections.unmodifiableMap(t);
  }

  /** Whether a target may move from one state to the other. */
  public static boolean allowed(TargetState from, TargetState to) {
    return TABLE.get(from).contains(to);
  }

  /** The states a target in {@code from} may move to (empty for a terminal state). */
  public static Set<TargetState> next(TargetState from) {
    return TABLE.get(from);
  }

  /**
   * Passes when the move is legal.
   *
   * @throws IllegalTransitionException naming the post, account and both states otherwise
   */
  public static void check(PostId post, AccountId account, TargetState from, TargetState to) {
    if (!allowed(from, to)) {
      throw new IllegalTransitionException(post, account, from, to);
    }
  }
}
