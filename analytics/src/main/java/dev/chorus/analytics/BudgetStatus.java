package dev.chorus.analytics;

import dev.chorus.model.Checks;
import dev.chorus.model.Money;

/**
 * A campaign's spend against its budget.
 *
 * @param spentShare spend ÷ budget (undefined for a zero budget)
 * @param elapsedShare the share of the campaign's time that has passed, 0 to 1
 * @param burnRate spentShare ÷ elapsedShare: above 1 spends faster than time passes (undefined before the start)
 * @param forecastSpend spend at the end at the current daily rate (undefined before the start)
 * @param overspendForecast whether the forecast exceeds the budget
 */
public record BudgetStatus(
    Money budget,
    Money spend,
    KpiValue spentShare,
    double elapsedShare,
    KpiValue burnRate,
    KpiValue forecastSpend,
    boolean overspendForecast) {

  /** Requires every field. */
  public BudgetStatus {
    Checks.required("budgetStatus.budget", budget);
    Checks.required("budgetStatus.spend", spend);
    Checks.required("budgetStatus.spentShare", spentShare);
    Checks.required("budgetStatus.burnRate", burnRate);
    Checks.required("budgetStatus.forecastSpend", forecastSpend);
  }
}
