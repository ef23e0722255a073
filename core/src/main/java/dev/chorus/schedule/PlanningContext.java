package dev.chorus.schedule;

import dev.chorus.model.Checks;
import dev.chorus.model.SocialAccount;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What planning one post for one account needs to know.
 *
 * @param account the account (its zone is the default zone of local intents)
 * @param queue the account's weekly queue slots, or {@code null} when it has none
 * @param rules blackouts, spacing and quota to keep
 * @param taken the account's other planned publication times
 * @param mode what to do when the requested time breaks a rule
 */
public record PlanningContext(
    SocialAccount account, WeeklySlots queue, PlanningRules rules, Collection<Instant> taken, ConflictMode mode) {

  public PlanningContext {
    Checks.required("context.account", account);
    Checks.required("context.rules", rules);
    taken = List.copyOf(Checks.list("context.taken", taken));
    Checks.required("context.mode", mode);
  }

  /** A context with no queue, no rules and nothing taken, rejecting conflicts. */
  public static PlanningContext of(SocialAccount account) {
    return new PlanningContext(account, null, PlanningRules.NONE, List.of(), ConflictMode.REJECT);
  }

  /** The queue, if the account has one. */
  public Optional<WeeklySlots> weeklyQueue() {
    return Optional.ofNullable(queue);
  }

  /** A copy with this queue. */
  public PlanningContext withQueue(WeeklySlots newQueue) {
    return new PlanningContext(account, newQueue, rules, taken, mode);
  }

  /** A copy with these rules. */
  public PlanningContext withRules(PlanningRules newRules) {
    return new PlanningContext(account, queue, newRules, taken, mode);
  }

  /** A copy with these taken times. */
  public PlanningContext withTaken(Collection<Instant> newTaken) {
    return new PlanningContext(account, queue, rules, newTaken, mode);
  }

  /** A copy with this conflict mode. */
  public PlanningContext withMode(ConflictMode newMode) {
    return new PlanningContext(account, queue, rules, taken, newMode);
  }
}
