package dev.chorus.strategy.influencers;

import dev.chorus.analytics.KpiValue;
import dev.chorus.model.Checks;
import dev.chorus.model.Platform;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A creator's evaluation: every component with its formula and inputs, the weighted overall score
 * and the warnings raised (signs of bought followers, missing data).
 *
 * @param evaluatedAt when the evaluation was made, on the evaluator's clock
 * @param components one per {@link Component}, in declaration order
 * @param overall Σ weight × score ÷ Σ weight over the defined components, 0–100
 * @param flags typed warnings with the figures that triggered them and a sentence each, empty when none
 */
public record CreatorScore(Platform platform, String handle, Instant evaluatedAt, List<ComponentScore> components,
    KpiValue overall, List<Flag> flags) {

  /** Validates. */
  public CreatorScore {
    Checks.required("platform", platform);
    Checks.notBlank("handle", handle);
    Checks.required("evaluatedAt", evaluatedAt);
    components = Checks.list("components", components);
    Checks.required("overall", overall);
    flags = Checks.list("flags", flags);
  }

  /** The component's score and its inputs. */
  public ComponentScore component(Component component) {
    return components.stream().filter(c -> c.component() == component).findFirst()
        .orElseThrow(() -> new IllegalStateException("no component " + component));
  }

  /** Whether any sign of bought followers was flagged. */
  public boolean suspicious() {
    return flags.stream().anyMatch(f -> f.signal().boughtFollowers());
  }

  /** The signals flagged, in the order raised. */
  public Set<Signal> signals() {
    Set<Signal> signals = new LinkedHashSet<>();
    flags.forEach(f -> signals.add(f.signal()));
    return Collections.unmodifiableSet(signals);
  }

  /** The flag of that signal, if raised. */
  public Optional<Flag> flag(Signal signal) {
    return flags.stream().filter(f -> f.signal() == signal).findFirst();
  }
}
