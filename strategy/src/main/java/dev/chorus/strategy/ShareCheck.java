package dev.chorus.strategy;

import dev.chorus.model.Checks;
import java.util.Locale;

/**
 * A pillar's actual share against its target within one scope (a week, a platform, the whole
 * calendar), and whether it drifts beyond the tolerance.
 *
 * @param scope {@code "week 2026-03-02"}, {@code "platform x"} or {@code "all"}
 * @param count posts of the pillar in the scope
 * @param total posts in the scope
 * @param actual {@code count / total}
 * @param target the pillar's share in the mix (0 for untagged posts and pillars not in the mix)
 * @param drifted whether {@code |actual − target|} exceeds the tolerance
 */
public record ShareCheck(
    String scope, String pillar, int count, int total, double actual, double target, boolean drifted) {

  public ShareCheck {
    Checks.notBlank("check.scope", scope);
    Checks.notBlank("check.pillar", pillar);
  }

  /** {@code "platform x: too promotional: promotional 45% against 20% target"}. */
  public String message() {
    String verdict = !drifted ? "on target" : actual > target ? "too " + pillar : "too little " + pillar;
    return String.format(Locale.ROOT, "%s: %s: %s %.0f%% against %.0f%% target (%d of %d)",
        scope, verdict, pillar, actual * 100, target * 100, count, total);
  }
}
