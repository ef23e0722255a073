package dev.chorus.model;

import dev.chorus.InvalidValueException;
import java.util.regex.Pattern;

/**
 * A named KPI: its formula as people read it, its unit and which direction is good. Calculators in
 * the analytics module implement the formulas.
 *
 * @param id stable key such as {@code engagement_rate_by_reach}
 * @param formula for example {@code (likes + comments + shares + saves) / reach}
 */
public record KpiDefinition(String id, String name, String formula, KpiUnit unit, KpiDirection direction) {

  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]{0,79}");

  public KpiDefinition {
    Checks.required("kpi.id", id);
    if (!ID.matcher(id).matches()) {
      throw new InvalidValueException("kpi.id", id, "must be lowercase snake_case");
    }
    Checks.notBlank("kpi.name", name);
    Checks.notBlank("kpi.formula", formula);
    Checks.required("kpi.unit", unit);
    Checks.required("kpi.direction", direction);
  }
}
