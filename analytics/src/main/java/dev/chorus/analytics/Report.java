package dev.chorus.analytics;

import dev.chorus.InvalidValueException;
import dev.chorus.model.Checks;
import dev.chorus.model.KpiDefinition;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A campaign or client report, built once and rendered by {@link JsonReport}, {@link CsvReport}
 * and {@link HtmlReport}. Every number is rounded here, once, to six significant digits and kept
 * as a decimal, so the three renderings show exactly the same numbers.
 *
 * @param kpis headline KPIs, each with its target and pacing when it has them
 * @param trends lines over days
 * @param heatMap best times to post by day and hour, or {@code null}
 * @param bars bar charts, for example engagement by format and by platform
 * @param recommendations plain sentences
 */
public record Report(
    String title,
    String subtitle,
    Instant generatedAt,
    List<Kpi> kpis,
    List<Series> trends,
    HeatMap heatMap,
    List<BarChart> bars,
    List<String> recommendations) {

  /** Copies the lists. */
  public Report {
    Checks.notBlank("report.title", title);
    subtitle = subtitle == null ? "" : subtitle;
    Checks.required("report.generatedAt", generatedAt);
    kpis = Checks.list("report.kpis", kpis);
    trends = Checks.list("report.trends", trends);
    bars = Checks.list("report.bars", bars);
    recommendations = Checks.list("report.recommendations", recommendations);
  }

  /**
   * One KPI row; {@code value} is {@code null} when undefined, with the reason in {@code note}.
   *
   * @param target the campaign's target, or {@code null}
   * @param expectedByNow where the KPI should be by now, or {@code null}
   */
  public record Kpi(String id, String name, String unit, BigDecimal value, BigDecimal target,
      BigDecimal expectedByNow, String note) {
    /** Requires the names. */
    public Kpi {
      Checks.notBlank("kpi.id", id);
      Checks.notBlank("kpi.name", name);
      unit = unit == null ? "" : unit;
      note = note == null ? "" : note;
    }
  }

  /** One line of a trend chart. */
  public record Series(String name, List<Point> points) {
    /** Copies the points. */
    public Series {
      Checks.notBlank("series.name", name);
      points = Checks.list("series.points", points);
    }
  }

  /** One day's value of a series. */
  public record Point(LocalDate date, BigDecimal value) {
    /** Requires both. */
    public Point {
      Checks.required("point.date", date);
      Checks.required("point.value", value);
    }
  }

  /** A day-by-hour heat map. */
  public record HeatMap(String title, List<HeatCell> cells) {
    /** Copies the cells. */
    public HeatMap {
      Checks.notBlank("heatMap.title", title);
      cells = Checks.list("heatMap.cells", cells);
    }
  }

  /** One hour of one day. */
  public record HeatCell(DayOfWeek day, int hour, BigDecimal value) {
    /** Checks the hour. */
    public HeatCell {
      Checks.required("heatCell.day", day);
      Checks.required("heatCell.value", value);
      if (hour < 0 || hour > 23) {
        throw new InvalidValueException("heatCell.hour", hour, "must be 0-23");
      }
    }
  }

  /** A bar chart. */
  public record BarChart(String title, List<Bar> bars) {
    /** Copies the bars. */
    public BarChart {
      Checks.notBlank("barChart.title", title);
      bars = Checks.list("barChart.bars", bars);
    }
  }

  /** One bar. */
  public record Bar(String label, BigDecimal value) {
    /** Requires both. */
    public Bar {
      Checks.notBlank("bar.label", label);
      Checks.required("bar.value", value);
    }
  }

  /**
   * The number as the report keeps it: six significant digits, no trailing zeros.
   *
   * @throws InvalidValueException when the value is NaN or infinite
   */
  public static BigDecimal number(double value) {
    if (!Double.isFinite(value)) {
      throw new InvalidValueException("report.number", value, "must be finite");
    }
    if (value == 0) {
      return BigDecimal.ZERO;
    }
    BigDecimal rounded = new BigDecimal(value).round(new MathContext(6, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    return rounded.scale() < 0 ? rounded.setScale(0) : rounded;
  }

  /** How every rendering writes a report number. */
  public static String text(BigDecimal number) {
    return number.toPlainString();
  }

  /** A builder. */
  public static Builder builder(String title, Instant generatedAt) {
    return new Builder(title, generatedAt);
  }

  /** Builds {@link Report}s. */
  public static final class Builder {
    private final String title;
    private final Instant generatedAt;
    private String subtitle = "";
    private final List<Kpi> kpis = new ArrayList<>();
    private final List<Series> trends = new ArrayList<>();
    private HeatMap heatMap;
    private final List<BarChart> bars = new ArrayList<>();
    private final List<String> recommendations = new ArrayList<>();

    private Builder(String title, Instant generatedAt) {
      this.title = title;
      this.generatedAt = generatedAt;
    }

    /** A line under the title. */
    public Builder subtitle(String text) {
      this.subtitle = text;
      return this;
    }

    /** Adds a KPI row without a target. */
    public Builder kpi(String id, String name, String unit, KpiValue value) {
      Checks.required("value", value);
      kpis.add(new Kpi(id, name, unit, value.isDefined() ? number(value.value()) : null, null, null,
          value instanceof KpiValue.Undefined u ? "undefined: " + u.reason() : ""));
      return this;
    }

    /** Adds a row per KPI target of the campaign, then budget burn, forecast, ROI and ROAS. */
    public Builder campaign(CampaignStatus status) {
      Checks.required("status", status);
      for (TargetStatus t : status.targets()) {
        KpiDefinition def = Kpis.byId(t.kpiId()).orElse(null);
        String name = def == null ? t.kpiId() : def.name();
        String unit = def == null ? "COUNT" : def.unit().name();
        String note = "pace " + t.pace().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
            + (t.actual() instanceof KpiValue.Undefined u ? "; undefined: " + u.reason() : "");
        kpis.add(new Kpi(t.kpiId(), name, unit, t.actual().isDefined() ? number(t.actual().value()) : null,
            number(t.target()), number(t.expectedByNow()), note));
      }
      status.budgetStatus().ifPresent(b -> {
        String currency = b.budget().currency().getCurrencyCode();
        kpis.add(new Kpi("budget", "Budget", currency, b.budget().amount().stripTrailingZeros(), null, null, ""));
        kpis.add(new Kpi("spend", "Spend", currency, b.spend().amount().stripTrailingZeros(), null, null, ""));
        kpi("budget_spent_share", "Budget spent", "RATIO", b.spentShare());
        kpi("budget_burn_rate", "Burn rate (spent share / elapsed share)", "RATIO", b.burnRate());
        kpi("forecast_spend", "Forecast spend at the current rate", currency, b.forecastSpend());
      });
      kpi("elapsed_share", "Campaign time elapsed", "RATIO", KpiValue.of(status.elapsedShare()));
      kpi(Kpis.ROI.id(), Kpis.ROI.name(), "RATIO", status.roi());
      kpi(Kpis.ROAS.id(), Kpis.ROAS.name(), "RATIO", status.roas());
      return this;
    }

    /** Adds a trend line; days in date order. */
    public Builder trend(String name, Map<LocalDate, Double> values) {
      List<Point> points = new ArrayList<>();
      new java.util.TreeMap<>(Checks.map("values", values)).forEach((d, v) -> points.add(new Point(d, number(v))));
      trends.add(new Series(name, points));
      return this;
    }

    /** The heat map of the best time slots (the best score within each hour). */
    public Builder bestTimes(String heatMapTitle, List<TimeSlot> slots) {
      Map<String, HeatCell> cells = new LinkedHashMap<>();
      for (TimeSlot slot : Checks.list("slots", slots)) {
        HeatCell cell = new HeatCell(slot.day(), slot.start().getHour(), number(slot.score()));
        cells.merge(slot.day() + "@" + cell.hour(), cell, (a, b) -> a.value().compareTo(b.value()) >= 0 ? a : b);
      }
      List<HeatCell> ordered = new ArrayList<>(cells.values());
      ordered.sort(java.util.Comparator.comparing(HeatCell::day).thenComparingInt(HeatCell::hour));
      this.heatMap = new HeatMap(heatMapTitle, ordered);
      return this;
    }

    /** Adds a bar chart, bars in the map's order. */
    public Builder bars(String chartTitle, Map<String, Double> values) {
      List<Bar> list = new ArrayList<>();
      Checks.map("values", values).forEach((k, v) -> list.add(new Bar(k, number(v))));
      if (values instanceof LinkedHashMap || values instanceof java.util.SortedMap) {
        bars.add(new BarChart(chartTitle, list));
      } else {
        list.sort(java.util.Comparator.comparing(Bar::label));
        bars.add(new BarChart(chartTitle, list));
      }
      return this;
    }

    /** Adds a plain sentence. */
    public Builder recommendation(String sentence) {
      recommendations.add(Checks.notBlank("recommendation", sentence));
      return this;
    }

    /** Adds each finding's sentence, and a bar chart of its dimension's effects per platform. */
    public Builder findings(String chartTitle, List<Finding> findings) {
      Map<String, Double> effects = new LinkedHashMap<>();
      for (Finding f : Checks.list("findings", findings)) {
        recommendations.add(f.recommendation());
        effects.put(f.group() + " vs " + f.baseline() + " (" + f.platform().id() + ")", f.effect());
      }
      if (!effects.isEmpty()) {
        bars(chartTitle, effects);
      }
      return this;
    }

    /** The report. */
    public Report build() {
      return new Report(title, subtitle, generatedAt, kpis, trends, heatMap, bars, recommendations);
    }
  }
}
