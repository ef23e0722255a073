package dev.chorus.strategy.paid;

import dev.chorus.analytics.KpiValue;
import dev.chorus.model.Checks;
import dev.chorus.model.Objective;

/**
 * What a unit of budget buys, read from a group's measured spend: the weight the
 * {@link BudgetAllocator} splits a budget by. Higher is better for each.
 */
public enum Efficiency {
  /** Return on ad spend: conversion value per unit of cost (sales). */
  ROAS,
  /** Conversions per unit of cost, 1 ÷ CPA (leads, sales without values). */
  CONVERSIONS_PER_COST,
  /** Clicks per unit of cost, 1 ÷ CPC (traffic). */
  CLICKS_PER_COST,
  /** Thousands of impressions per unit of cost, 1 ÷ CPM (awareness). */
  IMPRESSIONS_PER_COST;

  /** The efficiency that fits a campaign objective. */
  public static Efficiency forObjective(Objective objective) {
    return switch (Checks.required("objective", objective)) {
      case SALES -> ROAS;
      case LEADS -> CONVERSIONS_PER_COST;
      case TRAFFIC -> CLICKS_PER_COST;
      case AWARENESS, ENGAGEMENT, TRUST -> IMPRESSIONS_PER_COST;
    };
  }

  /** The efficiency of a group's spend on the basis; undefined when its KPI is. */
  public KpiValue of(SpendSummary summary, CostBasis basis) {
    Checks.required("summary", summary);
    return switch (this) {
      case ROAS -> summary.roas(basis);
      case CONVERSIONS_PER_COST -> inverse(summary.cpa(basis));
      case CLICKS_PER_COST -> inverse(summary.cpc(basis));
      case IMPRESSIONS_PER_COST -> inverse(summary.cpm(basis));
    };
  }

  private static KpiValue inverse(KpiValue cost) {
    if (!cost.isDefined()) {
      return cost;
    }
    return cost.value() == 0 ? KpiValue.undefined("the cost is 0") : KpiValue.of(1 / cost.value());
  }
}
