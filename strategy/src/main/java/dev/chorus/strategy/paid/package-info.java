/**
 * Paid boosts: where to put a paid budget and what it buys.
 *
 * <ul>
 *   <li>{@link dev.chorus.strategy.paid.SpendLedger} records media spend per day, campaign and
 *       platform, by hand or imported from CSV (all or nothing, every bad cell reported), for
 *       platforms whose ads API Chorus does not cover;
 *   <li>{@link dev.chorus.strategy.paid.SpendSummary} totals it per campaign, platform and period
 *       with the agency fee ({@link dev.chorus.strategy.paid.AgencyFee}, a percentage of media
 *       spend) and the cost KPIs CPC, CPM, CPA and ROAS, checked against targets with
 *       {@link dev.chorus.strategy.paid.CostTargets};
 *   <li>{@link dev.chorus.strategy.paid.BudgetAllocator} splits a budget across platforms and
 *       campaigns by measured efficiency, with floors and caps, to the cent;
 *   <li>{@link dev.chorus.strategy.paid.BoostCandidates} picks the organic posts worth boosting.
 * </ul>
 *
 * <p>Formulas and the reasons for each rule are in {@code docs/strategy-paid.md}.
 */
package dev.chorus.strategy.paid;
