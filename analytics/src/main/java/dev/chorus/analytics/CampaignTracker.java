package dev.chorus.analytics;

import dev.chorus.InvalidValueException;
import dev.chorus.model.Campaign;
import dev.chorus.model.Checks;
import dev.chorus.model.KpiDefinition;
import dev.chorus.model.KpiDirection;
import dev.chorus.model.KpiTarget;
import dev.chorus.model.Money;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares a campaign's KPI targets with actual values at the clock's instant. Pacing is linear
 * over the campaign's dates (inclusive, read in the workspace's zone): a {@link Pacing#CUMULATIVE}
 * KPI should have reached {@code target × elapsed share} by now, a {@link Pacing#LEVEL} KPI should
 * be at its target all along. A KPI is {@link Pace#ON_TRACK} within the tolerance (5 % unless set)
 * of the expected value, in the KPI's good direction. Budget burn compares the spent share with the
 * elapsed share, and the forecast extends the current rate to the end date.
 *
 * <p>Immutable and thread-safe.
 */
public final class CampaignTracker {

  /** Catalogue KPIs that are totals growing with time. */
  private static final Set<String> CUMULATIVE = Set.of(Kpis.REACH.id(), Kpis.IMPRESSIONS.id());

  private final Clock clock;
  private final ZoneId zone;
  private final double tolerance;
  private final Map<String, Pacing> pacing;

  private CampaignTracker(Clock clock, ZoneId zone, double tolerance, Map<String, Pacing> pacing) {
    this.clock = clock;
    this.zone = zone;
    this.tolerance = tolerance;
    this.pacing = Map.copyOf(pacing);
  }

  /** A tracker reading campaign dates in the zone, with a 5 % tolerance. */
  public static CampaignTracker of(Clock clock, ZoneId zone) {
    return new CampaignTracker(Checks.required("clock", clock), Checks.required("zone", zone), 0.05, Map.of());
  }

  /**
   * This tracker with another tolerance, a fraction of the expected value.
   *
   * @throws InvalidValueException unless {@code 0 <= tolerance < 1}
   */
  public CampaignTracker withTolerance(double tolerance) {
    if (!(tolerance >= 0 && tolerance < 1)) {
      throw new InvalidValueException("tolerance", tolerance, "must be in [0, 1)");
    }
    return new CampaignTracker(clock, zone, tolerance, pacing);
  }

  /** This tracker with the KPI's pacing set explicitly. */
  public CampaignTracker withPacing(String kpiId, Pacing value) {
    Checks.notBlank("kpiId", kpiId);
    Checks.required("pacing", value);
    Map<String, Pacing> next = new HashMap<>(pacing);
    next.put(kpiId, value);
    return new CampaignTracker(clock, zone, tolerance, next);
  }

  /**
   * The pacing of the KPI: as set; else cumulative for reach, impressions and KPIs outside the
   * catalogue (custom counters such as conversions); else a level.
   */
  public Pacing pacingOf(String kpiId) {
    Pacing set = pacing.get(kpiId);
    if (set != null) {
      return set;
    }
    if (CUMULATIVE.contains(kpiId) || Kpis.byId(kpiId).isEmpty()) {
      return Pacing.CUMULATIVE;
    }
    return Pacing.LEVEL;
  }

  /** The share of the campaign's time that has passed at the clock's instant, in [0, 1]. */
  public double elapsedShare(Campaign campaign) {
    Checks.required("campaign", campaign);
    Instant start = campaign.startDate().atStartOfDay(zone).toInstant();
    Instant end = campaign.endDate().plusDays(1).atStartOfDay(zone).toInstant();
    Instant now = clock.instant();
    if (!now.isAfter(start)) {
      return 0;
    }
    if (!now.isBefore(end)) {
      return 1;
    }
    return (double) Duration.between(start, now).toMillis() / Duration.between(start, end).toMillis();
  }

  /**
   * The campaign's status.
   *
   * @param actuals the actual value of each targeted KPI; a missing one is undefined
   * @param attributedRevenue conversion value attributed to the campaign, or {@code null} when unknown
   * @throws InvalidValueException when the revenue's currency differs from the budget's
   */
  public CampaignStatus status(Campaign campaign, Map<String, KpiValue> actuals, Money attributedRevenue) {
    Checks.required("campaign", campaign);
    Map<String, KpiValue> given = Checks.map("actuals", actuals);
    double elapsed = elapsedShare(campaign);
    List<TargetStatus> targets = new ArrayList<>();
    for (KpiTarget target : campaign.kpiTargets()) {
      KpiValue actual = given.getOrDefault(target.kpiId(), KpiValue.undefined("no actual value given"));
      targets.add(targetStatus(target, actual, elapsed));
    }
    BudgetStatus budget = campaign.budget() == null ? null : budget(campaign.budget(), campaign.spend(), elapsed);
    KpiValue roi;
    KpiValue roas;
    if (attributedRevenue == null) {
      roi = roas = KpiValue.undefined("no attributed revenue");
    } else if (campaign.spend() == null) {
      roi = roas = KpiValue.undefined("an organic campaign has no spend");
    } else {
      if (!attributedRevenue.currency().equals(campaign.spend().currency())) {
        throw new InvalidValueException("attributedRevenue", attributedRevenue,
            "must be in the budget's currency " + campaign.spend().currency().getCurrencyCode());
      }
      roi = KpiCalculator.roi(attributedRevenue, campaign.spend());
      roas = KpiCalculator.roas(attributedRevenue, campaign.spend());
    }
    return new CampaignStatus(campaign.id(), campaign.name(), clock.instant(), elapsed, targets, budget, roi, roas);
  }

  private TargetStatus targetStatus(KpiTarget kpiTarget, KpiValue actual, double elapsed) {
    String id = kpiTarget.kpiId();
    double target = kpiTarget.target().doubleValue();
    KpiDirection direction = Kpis.byId(id).map(KpiDefinition::direction).orElse(KpiDirection.HIGHER_IS_BETTER);
    Pacing mode = pacingOf(id);
    double expected = mode == Pacing.CUMULATIVE ? target * elapsed : target;
    KpiValue progress = actual.isDefined()
        ? KpiValue.ratio(actual.value(), target)
        : KpiValue.undefined("actual is undefined");
    KpiValue forecast;
    if (!actual.isDefined()) {
      forecast = KpiValue.undefined("actual is undefined");
    } else if (mode == Pacing.LEVEL) {
      forecast = actual;
    } else if (elapsed == 0) {
      forecast = KpiValue.undefined("the campaign has not started");
    } else {
      forecast = KpiValue.of(actual.value() / elapsed);
    }
    Pace pace = actual.isDefined() ? pace(actual.value(), expected, direction) : Pace.UNKNOWN;
    return new TargetStatus(id, target, actual, progress, expected, forecast, mode, direction, pace);
  }

  private Pace pace(double actual, double expected, KpiDirection direction) {
    double band = Math.abs(expected) * tolerance;
    double better = direction == KpiDirection.LOWER_IS_BETTER ? expected - actual : actual - expected;
    if (better > band) {
      return Pace.AHEAD;
    }
    return better >= -band ? Pace.ON_TRACK : Pace.BEHIND;
  }

  private static BudgetStatus budget(Money budget, Money spend, double elapsed) {
    BigDecimal spent = spend.amount();
    KpiValue spentShare = budget.amount().signum() == 0
        ? KpiValue.undefined("division by zero: budget is 0")
        : KpiValue.of(spent.divide(budget.amount(), MathContext.DECIMAL64).doubleValue());
    KpiValue burn;
    KpiValue forecast;
    boolean over;
    if (elapsed == 0) {
      burn = KpiValue.undefined("the campaign has not started");
      forecast = KpiValue.undefined("the campaign has not started");
      over = spend.isGreaterThan(budget);
    } else {
      burn = spentShare.isDefined() ? KpiValue.of(spentShare.value() / elapsed)
          : KpiValue.undefined("division by zero: budget is 0");
      double projected = spent.doubleValue() / elapsed;
      forecast = KpiValue.of(projected);
      over = projected > budget.amount().doubleValue();
    }
    return new BudgetStatus(budget, spend, spentShare, elapsed, burn, forecast, over);
  }
}
