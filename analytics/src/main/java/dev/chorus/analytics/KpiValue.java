package dev.chorus.analytics;

import dev.chorus.model.Checks;
import java.util.OptionalDouble;

/**
 * The result of a KPI calculation: either a number or "undefined" with the reason (a division by
 * zero, no data, an absent metric). Undefined is never reported as zero.
 */
public sealed interface KpiValue permits KpiValue.Defined, KpiValue.Undefined {

  /** A defined value. */
  static KpiValue of(double value) {
    return new Defined(value);
  }

  /** An undefined value with the reason. */
  static KpiValue undefined(String reason) {
    return new Undefined(reason);
  }

  /** The ratio {@code numerator / denominator}, undefined when the denominator is zero. */
  static KpiValue ratio(double numerator, double denominator) {
    if (denominator == 0) {
      return new Undefined("division by zero: denominator is 0");
    }
    return new Defined(numerator / denominator);
  }

  /** Whether the value is defined. */
  boolean isDefined();

  /** The value, or empty when undefined. */
  OptionalDouble asOptional();

  /** The value, or {@code fallback} when undefined. */
  default double orElse(double fallback) {
    return asOptional().orElse(fallback);
  }

  /**
   * The value; throws when undefined.
   *
   * @throws IllegalStateException when the value is undefined, with the reason
   */
  double value();

  /** A defined number; never NaN or infinite. */
  record Defined(double value) implements KpiValue {
    /** Validates that the value is finite. */
    public Defined {
      if (!Double.isFinite(value)) {
        throw new dev.chorus.InvalidValueException("kpiValue", value, "must be finite; use KpiValue.undefined");
      }
    }

    @Override
    public boolean isDefined() {
      return true;
    }

    @Override
    public OptionalDouble asOptional() {
      return OptionalDouble.of(value);
    }
  }

  /** No value, with the reason. */
  record Undefined(String reason) implements KpiValue {
    /** Requires a reason. */
    public Undefined {
      Checks.notBlank("kpiValue.reason", reason);
    }

    @Override
    public boolean isDefined() {
      return false;
    }

    @Override
    public OptionalDouble asOptional() {
      return OptionalDouble.empty();
    }

    @Override
    public double value() {
      throw new IllegalStateException("KPI value is undefined: " + reason);
    }
  }
}
