package dev.chorus.strategy.paid;

import dev.chorus.InvalidValueException;
import dev.chorus.analytics.KpiValue;
import dev.chorus.model.CampaignId;
import dev.chorus.model.Checks;
import dev.chorus.model.Money;
import dev.chorus.model.Platform;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Splits a paid budget across platforms and campaigns in proportion to measured efficiency, within
 * each line's floor and cap, to the currency's minor unit.
 *
 * <p>The rule: every line gets {@code λ × weight}, held between its floor and its cap, with the one
 * {@code λ} that makes the lines add up to the budget. A line's weight is its measured efficiency
 * (ROAS, conversions or clicks or impressions per unit of cost); a line without a defined efficiency
 * (no history yet) gets the mean weight of the lines that have one, so new platforms are tried
 * rather than starved; when no line has one, every line weighs the same. Floors guarantee a test
 * budget; caps stop a small, lucky sample from taking everything. Amounts are then cut to whole
 * minor units and the cents left over go, one each, to the lines with the largest cut-off
 * remainders (the largest remainder method), so the shares add up to the budget exactly. When the
 * caps add up to less than the budget, the rest is reported as unallocated.
 */
public final class BudgetAllocator {

  private static final MathContext EXACT = MathContext.DECIMAL128;

  private BudgetAllocator() {}

  /**
   * One line of the budget: a platform within a campaign ({@code campaign} {@code null} for the
   * platform across campaigns).
   *
   * @param efficiency measured efficiency; undefined when there is no history
   * @param floor the least this line gets, zero for none
   * @param cap the most this line gets, or {@code null} for no cap
   */
  public record Line(CampaignId campaign, Platform platform, KpiValue efficiency, Money floor, Money cap) {

    public Line {
      Checks.required("line.platform", platform);
      Checks.required("line.efficiency", efficiency);
      Checks.required("line.floor", floor);
      if (cap != null && floor.isGreaterThan(cap)) {
        throw new InvalidValueException("line.cap", cap, "must not be below the floor " + floor);
      }
    }

    /** A line for a platform with no floor and no cap. */
    public static Line of(Platform platform, KpiValue efficiency, Currency currency) {
      return new Line(null, platform, efficiency, Money.zero(currency), null);
    }

    /** The same line with a floor. */
    public Line withFloor(Money value) {
      return new Line(campaign, platform, efficiency, value, cap);
    }

    /** The same line with a cap. */
    public Line withCap(Money value) {
      return new Line(campaign, platform, efficiency, floor, value);
    }

    String label() {
      return (campaign == null ? "" : campaign.value() + "/") + platform.id();
    }
  }

  /** Why a line got what it got. */
  public enum Bound {
    /** Its share of the budget in proportion to its weight. */
    PROPORTIONAL,
    /** Held up at its floor. */
    FLOOR,
    /** Held down at its cap. */
    CAP
  }

  /**
   * What one line gets.
   *
   * @param weight the weight used (its efficiency, or the stand-in when it had none)
   * @param estimated whether the weight was a stand-in for a missing efficiency
   */
  public record Share(Line line, Money amount, double weight, boolean estimated, Bound bound) {}

  /**
   * The split.
   *
   * @param unallocated what the caps left over (zero unless every line is at its cap)
   */
  public record Allocation(Money budget, List<Share> shares, Money unallocated) {

    /** The share of a platform (first match), for convenience in reports. */
    public Share of(Platform platform) {
      return shares.stream().filter(s -> s.line().platform().equals(platform)).findFirst()
          .orElseThrow(() -> new InvalidValueException("platform", platform, "has no line in this allocation"));
    }
  }

  /**
   * Allocates the budget.
   *
   * @throws InvalidValueException when lines repeat, are in another currency, or their floors add
   *     up to more than the budget
   */
  public static Allocation allocate(Money budget, List<Line> lines) {
    Checks.required("budget", budget);
    List<Line> all = Checks.list("lines", lines);
    if (all.isEmpty()) {
      throw new InvalidValueException("lines", "[]", "must name at least one line");
    }
    Currency currency = budget.currency();
    Set<String> labels = new HashSet<>();
    BigDecimal floors = BigDecimal.ZERO;
    for (int i = 0; i < all.size(); i++) {
      Line line = all.get(i);
      if (!labels.add(line.label())) {
        throw new InvalidValueException("lines[" + i + "]", line.label(), "appears twice");
      }
      if (!line.floor().currency().equals(currency) || (line.cap() != null && !line.cap().currency().equals(currency))) {
        throw new InvalidValueException("lines[" + i + "].currency", line.label(), "must be in the budget's currency " + currency);
      }
      floors = floors.add(line.floor().amount());
    }
    if (floors.compareTo(budget.amount()) > 0) {
      throw new InvalidValueException("lines.floor", floors.toPlainString(), "floors add up to more than the budget " + budget);
    }
    double[] weights = weights(all);
    int n = all.size();
    double lambda = solve(all, weights, budget.amount().doubleValue());
    // Classify each line at that λ, then recompute the free lines' amounts exactly.
    Bound[] bounds = new Bound[n];
    BigDecimal fixed = BigDecimal.ZERO;
    double freeWeight = 0;
    for (int i = 0; i < n; i++) {
      double v = lambda * weights[i];
      Line line = all.get(i);
      if (v <= line.floor().amount().doubleValue()) {
        bounds[i] = Bound.FLOOR;
        fixed = fixed.add(line.floor().amount());
      } else if (line.cap() != null && v >= line.cap().amount().doubleValue()) {
        bounds[i] = Bound.CAP;
        fixed = fixed.add(line.cap().amount());
      } else {
        bounds[i] = Bound.PROPORTIONAL;
        freeWeight += weights[i];
      }
    }
    BigDecimal[] exact = new BigDecimal[n];
    BigDecimal rest = budget.amount().subtract(fixed);
    for (int i = 0; i < n; i++) {
      Line line = all.get(i);
      exact[i] = switch (bounds[i]) {
        case FLOOR -> line.floor().amount();
        case CAP -> line.cap().amount();
        case PROPORTIONAL -> clamp(rest.multiply(BigDecimal.valueOf(weights[i]), EXACT)
            .divide(BigDecimal.valueOf(freeWeight), EXACT), line);
      };
    }
    BigDecimal[] rounded = roundToMinorUnits(exact, all, budget.amount(), currency);
    List<Share> shares = new ArrayList<>();
    BigDecimal allocated = BigDecimal.ZERO;
    for (int i = 0; i < n; i++) {
      shares.add(new Share(all.get(i), new Money(rounded[i], currency), weights[i], !all.get(i).efficiency().isDefined(), bounds[i]));
      allocated = allocated.add(rounded[i]);
    }
    return new Allocation(budget, List.copyOf(shares), new Money(budget.amount().subtract(allocated), currency));
  }

  private static double[] weights(List<Line> lines) {
    double sum = 0;
    int defined = 0;
    for (Line line : lines) {
      if (line.efficiency().isDefined()) {
        sum += Math.max(0, line.efficiency().value());
        defined++;
      }
    }
    double standIn = defined == 0 ? 1 : sum / defined;
    double[] weights = new double[lines.size()];
    for (int i = 0; i < weights.length; i++) {
      KpiValue efficiency = lines.get(i).efficiency();
      weights[i] = efficiency.isDefined() ? Math.max(0, efficiency.value()) : standIn;
    }
    if (standIn == 0) {
      // Every measured line returned nothing: split evenly rather than all at the floors.
      java.util.Arrays.fill(weights, 1);
    }
    return weights;
  }

  /** The λ at which Σ clamp(λ·w, floor, cap) reaches the budget (or the largest useful λ). */
  private static double solve(List<Line> lines, double[] weights, double budget) {
    double hi = 1;
    while (total(lines, weights, hi) < budget && hi < 1e300) {
      if (saturated(lines, weights, hi)) {
        return hi;
      }
      hi *= 2;
    }
    double lo = 0;
    for (int i = 0; i < 200; i++) {
      double mid = (lo + hi) / 2;
      if (total(lines, weights, mid) < budget) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return hi;
  }

  private static boolean saturated(List<Line> lines, double[] weights, double lambda) {
    for (int i = 0; i < weights.length; i++) {
      Line line = lines.get(i);
      if (weights[i] > 0 && (line.cap() == null || lambda * weights[i] < line.cap().amount().doubleValue())) {
        return false;
      }
    }
    return true;
  }

  private static double total(List<Line> lines, double[] weights, double lambda) {
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      Line line = lines.get(i);
      double v = Math.max(lambda * weights[i], line.floor().amount().doubleValue());
      sum += line.cap() == null ? v : Math.min(v, line.cap().amount().doubleValue());
    }
    return sum;
  }

  private static BigDecimal clamp(BigDecimal value, Line line) {
    BigDecimal v = value.max(line.floor().amount());
    return line.cap() == null ? v : v.min(line.cap().amount());
  }

  /** Cuts to minor units, then hands the units left over to the largest remainders below their caps. */
  private static BigDecimal[] roundToMinorUnits(BigDecimal[] exact, List<Line> lines, BigDecimal budget, Currency currency) {
    int scale = Math.max(0, currency.getDefaultFractionDigits());
    BigDecimal unit = BigDecimal.ONE.movePointLeft(scale);
    int n = exact.length;
    BigDecimal[] cut = new BigDecimal[n];
    BigDecimal sum = BigDecimal.ZERO;
    for (int i = 0; i < n; i++) {
      cut[i] = exact[i].setScale(scale, RoundingMode.DOWN).max(lines.get(i).floor().amount().setScale(scale, RoundingMode.UP));
      sum = sum.add(cut[i]);
    }
    BigDecimal target = budget.setScale(scale, RoundingMode.DOWN);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    order.sort(Comparator.comparing((Integer i) -> exact[i].subtract(cut[i])).reversed().thenComparing(i -> i));
    boolean progress = true;
    while (sum.compareTo(target) < 0 && progress) {
      progress = false;
      for (int i : order) {
        if (sum.compareTo(target) >= 0) {
          break;
        }
        Money cap = lines.get(i).cap();
        if (cap == null || cut[i].add(unit).compareTo(cap.amount()) <= 0) {
          cut[i] = cut[i].add(unit);
          sum = sum.add(unit);
          progress = true;
        }
      }
    }
    return cut;
  }
}
