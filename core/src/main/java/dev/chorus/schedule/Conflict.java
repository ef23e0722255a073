package dev.chorus.schedule;

import dev.chorus.model.Checks;
import java.time.Instant;

/**
 * Why a planned time breaks a rule.
 *
 * @param rule the rule broken
 * @param requested the time asked for
 * @param detail a readable explanation naming the other post time, window or quota involved
 */
public record Conflict(SchedulingRule rule, Instant requested, String detail) {

  public Conflict {
    Checks.required("conflict.rule", rule);
    Checks.required("conflict.requested", requested);
    Checks.required("conflict.detail", detail);
  }
}
