package dev.chorus.strategy.paid;

import dev.chorus.analytics.KpiCalculator;
import dev.chorus.analytics.KpiValue;
import dev.chorus.analytics.Kpis;
import dev.chorus.model.Checks;
import dev.chorus.model.Money;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The spend of one group and what it bought, with the agency fee and the cost KPIs.
 *
 * <p>Each cost KPI is a ratio of sums over the entries that reported its counter: CPC divides the
 * spend of the entries that reported clicks by their clicks, so a day without click figures
 * neither inflates nor deflates it. A KPI is undefined, never 0, when no entry reported its
 * counter or the counter sums to 0 (see {@link KpiCalculator}).
 *
 * @param key what the group is
 * @param entries how many entries it totals
 * @param mediaSpend what the platforms charged
 * @param fee the agency fee on {@code mediaSpend}, rounded once
 * @param impressions paid impressions of the entries that reported them, or {@code null} if none did
 * @param clicks paid clicks of the entries that reported them, or {@code null} if none did
 * @param conversions conversions of the entries that reported them, or {@code null} if none did
 * @param conversionValue value of the conversions of the entries that reported it, or {@code null}
 */
public record SpendSummary(
    SpendGrouping.Key key,
    int entries,
    Money mediaSpend,
    Money fee,
    Long impressions,
    Long clicks,
    Long conversions,
    Money conversionValue,
    AgencyFee agencyFee,
    Map<String, Money> spendByCounter) {

  private static final String IMPRESSIONS = "impressions";
  private static final String CLICKS = "clicks";
  private static final String CONVERSIONS = "conversions";
  private static final String VALUE = "conversion_value";

  public SpendSummary {
    Checks.required("summary.key", key);
    Checks.required("summary.mediaSpend", mediaSpend);
    Checks.required("summary.fee", fee);
    Checks.required("summary.agencyFee", agencyFee);
    spendByCounter = Checks.map("summary.spendByCounter", spendByCounter);
  }

  static SpendSummary of(SpendGrouping.Key key, List<SpendEntry> group, Currency currency, AgencyFee fee) {
    Money zero = Money.zero(currency);
    Money media = group.stream().map(SpendEntry::mediaSpend).reduce(zero, Money::plus);
    Map<String, Money> spendByCounter = Map.of(
        IMPRESSIONS, spendOf(group, SpendEntry::impressions, zero),
        CLICKS, spendOf(group, SpendEntry::clicks, zero),
        CONVERSIONS, spendOf(group, SpendEntry::conversions, zero),
        VALUE, spendOf(group, SpendEntry::conversionValue, zero));
    Money value = group.stream().map(SpendEntry::conversionValue).filter(v -> v != null)
        .reduce(Money::plus).orElse(null);
    return new SpendSummary(key, group.size(), media, fee.on(media),
        sum(group, SpendEntry::impressions), sum(group, SpendEntry::clicks), sum(group, SpendEntry::conversions),
        value, fee, spendByCounter);
  }

  private static Money spendOf(List<SpendEntry> group, Function<SpendEntry, ?> counter, Money zero) {
    return group.stream().filter(entry -> counter.apply(entry) != null).map(SpendEntry::mediaSpend)
        .reduce(zero, Money::plus);
  }

  private static Long sum(List<SpendEntry> group, Function<SpendEntry, Long> counter) {
    return group.stream().map(counter).filter(v -> v != null).reduce(Math::addExact).orElse(null);
  }

  /** Media spend plus the fee. */
  public Money totalCost() {
    return mediaSpend.plus(fee);
  }

  /** Cost per click ({@link Kpis#CPC}) on the basis. */
  public KpiValue cpc(CostBasis basis) {
    return clicks == null ? KpiValue.undefined("no entry reported clicks")
        : KpiCalculator.cpc(cost(CLICKS, basis), clicks);
  }

  /** Cost per thousand impressions ({@link Kpis#CPM}) on the basis. */
  public KpiValue cpm(CostBasis basis) {
    return impressions == null ? KpiValue.undefined("no entry reported impressions")
        : KpiCalculator.cpm(cost(IMPRESSIONS, basis), impressions);
  }

  /** Cost per conversion ({@link Kpis#CPA}) on the basis. */
  public KpiValue cpa(CostBasis basis) {
    return conversions == null ? KpiValue.undefined("no entry reported conversions")
        : KpiCalculator.cpa(cost(CONVERSIONS, basis), conversions);
  }

  /** Conversion value ÷ cost ({@link Kpis#ROAS}) on the basis. */
  public KpiValue roas(CostBasis basis) {
    return conversionValue == null ? KpiValue.undefined("no entry reported conversion value")
        : KpiCalculator.roas(conversionValue, cost(VALUE, basis));
  }

  /** The KPI with this id ({@code cpc}, {@code cpm}, {@code cpa}, {@code roas}) on the basis. */
  public KpiValue kpi(String kpiId, CostBasis basis) {
    return switch (Checks.notBlank("kpiId", kpiId)) {
      case "cpc" -> cpc(basis);
      case "cpm" -> cpm(basis);
      case "cpa" -> cpa(basis);
      case "roas" -> roas(basis);
      default -> throw new dev.chorus.InvalidValueException("kpiId", kpiId, "is not a cost KPI: cpc, cpm, cpa or roas");
    };
  }

  /** The spend behind a counter on the basis; the fee share is exact here, not rounded. */
  private Money cost(String counter, CostBasis basis) {
    Money media = spendByCounter.get(counter);
    if (Checks.required("basis", basis) == CostBasis.MEDIA) {
      return media;
    }
    BigDecimal exactFee = media.amount().multiply(agencyFee.percent()).movePointLeft(2);
    return new Money(media.amount().add(exactFee), media.currency());
  }
}
