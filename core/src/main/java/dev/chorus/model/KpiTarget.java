package dev.chorus.model;

import dev.chorus.InvalidValueException;
import java.math.BigDecimal;

/**
 * The value a campaign aims for on one KPI, by the campaign's end. Ratios are fractions ({@code
 * 0.05} for 5%).
 */
public record KpiTarget(String kpiId, BigDecimal target) {

  public KpiTarget {
    Checks.notBlank("kpiTarget.kpiId", kpiId);
    Checks.required("kpiTarget.target", target);
    if (target.signum() < 0) {
      throw new InvalidValueException("kpiTarget.target", target.toPlainString(), "must not be negative");
    }
  }

  /** A target of the value on the KPI. */
  public static KpiTarget of(String kpiId, String target) {
    try {
      return new KpiTarget(kpiId, new BigDecimal(target));
    } catch (NumberFormatException e) {
      throw new InvalidValueException("kpiTarget.target", target, "is not a decimal number");
    }
  }
}
