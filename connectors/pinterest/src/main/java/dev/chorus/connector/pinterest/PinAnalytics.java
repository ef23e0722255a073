package dev.chorus.connector.pinterest;

import dev.chorus.model.Checks;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A pin's analytics over a date range, as {@code GET /v5/pins/{pin_id}/analytics} answers it with
 * {@code split_field=NO_SPLIT}. Metric names are Pinterest's ({@code IMPRESSION}, {@code SAVE},
 * {@code PIN_CLICK}, {@code OUTBOUND_CLICK}, …); a metric Pinterest did not send is absent, never
 * zero.
 *
 * @param pinId the pin
 * @param startDate the first day (UTC)
 * @param endDate the last day (UTC)
 * @param summary totals over the range
 * @param daily one entry per day Pinterest listed
 * @param lifetime lifetime counters Pinterest added ({@code TOTAL_COMMENTS}, {@code TOTAL_REACTIONS})
 */
public record PinAnalytics(
    String pinId,
    LocalDate startDate,
    LocalDate endDate,
    Map<String, Long> summary,
    List<Day> daily,
    Map<String, Long> lifetime) {

  /** Copies the collections. */
  public PinAnalytics {
    Checks.notBlank("pinId", pinId);
    Checks.required("startDate", startDate);
    Checks.required("endDate", endDate);
    summary = Checks.map("summary", summary);
    daily = Checks.list("daily", daily);
    lifetime = Checks.map("lifetime", lifetime);
  }

  /**
   * One day of metrics.
   *
   * @param date the day (UTC)
   * @param dataStatus Pinterest's {@code data_status} ({@code READY}, {@code PROCESSING}, {@code
   *     ESTIMATE}, {@code BEFORE_PIN_CREATED}, …), or {@code null}
   * @param metrics the day's metrics
   */
  public record Day(LocalDate date, String dataStatus, Map<String, Long> metrics) {

    /** Copies the metrics. */
    public Day {
      Checks.required("date", date);
      metrics = Checks.map("metrics", metrics);
    }
  }
}
