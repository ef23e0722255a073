package dev.chorus.strategy;

import dev.chorus.InvalidValueException;
import dev.chorus.model.Checks;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A month's theme and its content pillars, whose target shares sum to 1 (within 1e-6).
 */
public record ContentMix(String theme, List<ContentPillar> pillars) {

  /** How far the shares may sum from 1, for decimal shares such as thirds. */
  static final double SUM_TOLERANCE = 1e-6;

  public ContentMix {
    Checks.notBlank("mix.theme", theme);
    pillars = Checks.list("mix.pillars", pillars);
    if (pillars.isEmpty()) {
      throw new InvalidValueException("mix.pillars", pillars, "a mix needs at least one pillar");
    }
    Set<String> names = new HashSet<>();
    double sum = 0;
    for (int i = 0; i < pillars.size(); i++) {
      if (!names.add(pillars.get(i).name())) {
        throw new InvalidValueException("mix.pillars[" + i + "].name", pillars.get(i).name(), "repeats a pillar");
      }
      sum += pillars.get(i).share();
    }
    if (Math.abs(sum - 1) > SUM_TOLERANCE) {
      throw new InvalidValueException("mix.pillars.share", sum, "the pillars' shares must sum to 1");
    }
  }

  /** A mix of well-known pillars ({@link ContentPillar#of}): name, share, name, share, .... */
  public static ContentMix of(String theme, Object... nameShare) {
    if (nameShare.length == 0 || nameShare.length % 2 != 0) {
      throw new InvalidValueException("mix.pillars", nameShare.length, "needs name, share pairs");
    }
    List<ContentPillar> pillars = new java.util.ArrayList<>();
    for (int i = 0; i < nameShare.length; i += 2) {
      if (!(nameShare[i] instanceof String name) || !(nameShare[i + 1] instanceof Number share)) {
        throw new InvalidValueException("mix.pillars[" + i / 2 + "]", nameShare[i], "needs a name and a number");
      }
      pillars.add(ContentPillar.of(name, share.doubleValue()));
    }
    return new ContentMix(theme, pillars);
  }

  /** The pillar with this name (case-insensitive). */
  public Optional<ContentPillar> pillar(String name) {
    return pillars.stream().filter(p -> p.name().equalsIgnoreCase(name.trim())).findFirst();
  }
}
