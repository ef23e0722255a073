package dev.chorus.strategy;

import dev.chorus.model.Checks;
import dev.chorus.model.SocialAccount;
import dev.chorus.schedule.WeeklySlots;
import java.util.Optional;

/**
 * Where an account's plan slots come from: its weekly queue slots (read in the account's zone) or,
 * without a queue, the best times a {@link dev.chorus.schedule.SlotSuggester} suggests.
 */
public final class AccountQueue {

  private final SocialAccount account;
  private final WeeklySlots slots;

  private AccountQueue(SocialAccount account, WeeklySlots slots) {
    this.account = Checks.required("account", account);
    this.slots = slots;
  }

  /** The account posts at its weekly queue slots. */
  public static AccountQueue queue(SocialAccount account, WeeklySlots slots) {
    return new AccountQueue(account, Checks.required("slots", slots));
  }

  /** The account posts at the suggester's best times. */
  public static AccountQueue bestTimes(SocialAccount account) {
    return new AccountQueue(account, null);
  }

  /** The account. */
  public SocialAccount account() {
    return account;
  }

  /** The queue, or empty when the account posts at best times. */
  public Optional<WeeklySlots> slots() {
    return Optional.ofNullable(slots);
  }

  @Override
  public String toString() {
    return "AccountQueue[" + account.id() + ", " + (slots == null ? "best times" : slots) + "]";
  }
}
