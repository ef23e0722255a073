/**
 * Analytics over the Chorus model: KPI definitions and calculators, rollups of lifetime counters
 * into per-period deltas, A/B test statistics, best time to post and anomaly alerts. Ratios are
 * fractions ({@code 0.05} for 5 %), as in {@link dev.chorus.model.KpiTarget}. Non-null by default:
 * a parameter or component that may be {@code null} says so.
 */
package dev.chorus.analytics;
