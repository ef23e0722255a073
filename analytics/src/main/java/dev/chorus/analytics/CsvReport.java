package dev.chorus.analytics;

import dev.chorus.ChorusException;
import dev.chorus.model.Checks;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Renders a {@link Report} as one CSV table (RFC 4180) that a spreadsheet opens: a row per KPI,
 * trend point, heat-map cell, bar and recommendation, with the columns
 * {@code section,name,label,detail,value,target,expected,note}. Thread-safe.
 */
public final class CsvReport {

  /** The header row. */
  public static final String[] HEADER = {"section", "name", "label", "detail", "value", "target", "expected", "note"};

  private CsvReport() {}

  /** A renderer. */
  public static CsvReport create() {
    return new CsvReport();
  }

  /** The report as CSV text. */
  public String render(Report report) {
    Checks.required("report", report);
    StringWriter out = new StringWriter();
    try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER).get())) {
      csv.printRecord("report", report.title(), report.subtitle(), report.generatedAt().toString(), "", "", "", "");
      for (Report.Kpi k : report.kpis()) {
        csv.printRecord("kpi", k.id(), k.name(), k.unit(), n(k.value()), n(k.target()), n(k.expectedByNow()), k.note());
      }
      for (Report.Series s : report.trends()) {
        for (Report.Point p : s.points()) {
          csv.printRecord("trend", s.name(), p.date().toString(), "", n(p.value()), "", "", "");
        }
      }
      if (report.heatMap() != null) {
        for (Report.HeatCell c : report.heatMap().cells()) {
          csv.printRecord("heatmap", report.heatMap().title(), c.day().toString(), c.hour(), n(c.value()), "", "", "");
        }
      }
      for (Report.BarChart chart : report.bars()) {
        for (Report.Bar b : chart.bars()) {
          csv.printRecord("bar", chart.title(), b.label(), "", n(b.value()), "", "", "");
        }
      }
      for (String sentence : report.recommendations()) {
        csv.printRecord("recommendation", "", "", "", "", "", "", sentence);
      }
    } catch (IOException e) {
      throw new ChorusException("could not write the CSV report", new UncheckedIOException(e));
    }
    return out.toString();
  }

  private static String n(BigDecimal value) {
    return value == null ? "" : Report.text(value);
  }
}
