package dev.chorus.connector.sandbox;

import dev.chorus.InvalidValueException;
import dev.chorus.model.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Which faults a {@link SandboxPlatform} injects: a probability per random {@link FaultKind}, drawn
 * for every call from a {@link java.util.Random} seeded with {@link #seed()} (so a run is
 * repeatable), and scripted faults that fail the next calls of an operation in order. Immutable.
 */
public final class FaultPlan {

  private static final FaultPlan NONE = custom().build();

  private final long seed;
  private final Map<FaultKind, Double> probabilities;
  private final Duration stormDuration;
  private final Duration timeout;
  private final Map<SandboxOperation, List<Fault>> scripted;

  private FaultPlan(Builder builder) {
    this.seed = builder.seed;
    this.probabilities = Collections.unmodifiableMap(new EnumMap<>(builder.probabilities));
    this.stormDuration = builder.stormDuration;
    this.timeout = builder.timeout;
    Map<SandboxOperation, List<Fault>> copy = new EnumMap<>(SandboxOperation.class);
    builder.scripted.forEach((op, faults) -> copy.put(op, List.copyOf(faults)));
    this.scripted = Collections.unmodifiableMap(copy);
  }

  /** A plan that injects nothing. */
  public static FaultPlan none() {
    return NONE;
  }

  /** A builder for a plan. */
  public static Builder custom() {
    return new Builder();
  }

  /** The seed of the random draws. */
  public long seed() {
    return seed;
  }

  /** The probability (0..1) that a call fails with the kind; 0 when not set. */
  public double probability(FaultKind kind) {
    return probabilities.getOrDefault(kind, 0.0);
  }

  /** How long a randomly drawn 429 storm lasts. */
  public Duration stormDuration() {
    return stormDuration;
  }

  /** How long a timeout takes, spent through the platform's {@link Sleeper}. */
  public Duration timeout() {
    return timeout;
  }

  /** The scripted faults of the operation, in the order they strike. */
  public List<Fault> scripted(SandboxOperation operation) {
    return scripted.getOrDefault(operation, List.of());
  }

  @Override
  public String toString() {
    return "FaultPlan{seed=" + seed + ", probabilities=" + probabilities + ", storm=" + stormDuration
        + ", timeout=" + timeout + ", scripted=" + scripted + "}";
  }

  /** Builds {@link FaultPlan}s; each setter checks its argument and names it when it is wrong. */
  public static final class Builder {
    private long seed = 42;
    private final Map<FaultKind, Double> probabilities = new EnumMap<>(FaultKind.class);
    private Duration stormDuration = Duration.ofSeconds(30);
    private Duration timeout = Duration.ZERO;
    private final Map<SandboxOperation, List<Fault>> scripted = new EnumMap<>(SandboxOperation.class);

    private Builder() {}

    /** The seed of the random draws (default 42). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * The probability (0..1) that any call fails with the kind. The kinds' probabilities together
     * must not exceed 1.
     */
    public Builder probability(FaultKind kind, double probability) {
      Checks.required("faultPlan.kind", kind);
      if (!kind.random()) {
        throw new InvalidValueException("faultPlan.kind", kind, "can only be scripted, not drawn at random");
      }
      if (!(probability >= 0 && probability <= 1)) {
        throw new InvalidValueException("faultPlan.probability." + kind, probability, "must be between 0 and 1");
      }
      double others = probabilities.entrySet().stream()
          .filter(e -> e.getKey() != kind).mapToDouble(Map.Entry::getValue).sum();
      if (others + probability > 1 + 1e-9) {
        throw new InvalidValueException("faultPlan.probability." + kind, probability,
            "makes the fault probabilities add up to more than 1");
      }
      probabilities.put(kind, probability);
      return this;
    }

    /** How long a randomly drawn 429 storm lasts (default 30 s). */
    public Builder stormDuration(Duration duration) {
      Checks.required("faultPlan.stormDuration", duration);
      if (duration.isNegative() || duration.isZero()) {
        throw new InvalidValueException("faultPlan.stormDuration", duration, "must be positive");
      }
      this.stormDuration = duration;
      return this;
    }

    /** How long a timeout takes before it is reported (default zero). */
    public Builder timeout(Duration duration) {
      Checks.required("faultPlan.timeout", duration);
      if (duration.isNegative()) {
        throw new InvalidValueException("faultPlan.timeout", duration, "must not be negative");
      }
      this.timeout = duration;
      return this;
    }

    /** The next calls of the operation fail with these faults, one each, in order. */
    public Builder script(SandboxOperation operation, Fault... faults) {
      Checks.required("faultPlan.operation", operation);
      List<Fault> checked = Checks.list("faultPlan.faults", List.of(faults));
      scripted.computeIfAbsent(operation, op -> new ArrayList<>()).addAll(checked);
      return this;
    }

    /** The next {@code count} calls of the operation fail with the kind. */
    public Builder script(SandboxOperation operation, int count, FaultKind kind) {
      if (count < 0) {
        throw new InvalidValueException("faultPlan.count", count, "must not be negative");
      }
      Fault[] faults = new Fault[count];
      java.util.Arrays.fill(faults, Fault.of(Checks.required("faultPlan.kind", kind)));
      return script(operation, faults);
    }

    /** The plan. */
    public FaultPlan build() {
      return new FaultPlan(this);
    }
  }
}
