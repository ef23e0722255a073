package dev.chorus.analytics;

import dev.chorus.model.Checks;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Renders a {@link Report} as one self-contained HTML page: inline CSS and inline SVG charts drawn
 * here (trend lines, a day-by-hour heat map, bars), no JavaScript and no external resource, so it
 * opens offline and can be mailed as a file. Every chart is followed by its numbers in a table, the
 * same numbers as the JSON and CSV renderings. All text from the report is HTML-escaped. Thread-safe.
 */
public final class HtmlReport {

  private static final String[] PALETTE = {"#2563eb", "#dc2626", "#059669", "#d97706", "#7c3aed", "#0891b2"};
  private static final int WIDTH = 720;
  private static final int HEIGHT = 260;
  private static final int PAD = 48;

  private HtmlReport() {}

  /** A renderer. */
  public static HtmlReport create() {
    return new HtmlReport();
  }

  /** The report as an HTML document. */
  public String render(Report report) {
    Checks.required("report", report);
    StringBuilder h = new StringBuilder(16_384);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(esc(report.title())).append("</title>\n<style>\n")
        .append("body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:800px;"
            + "color:#111827;line-height:1.45;padding:0 1rem}\n")
        .append("h1{margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:1px solid #e5e7eb;padding-bottom:.3rem}\n")
        .append(".sub{color:#4b5563;margin-top:0}table{border-collapse:collapse;width:100%;margin:.6rem 0}\n")
        .append("th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #e5e7eb;font-size:.92rem}\n")
        .append("td.n{text-align:right;font-variant-numeric:tabular-nums}svg{max-width:100%;height:auto}\n")
        .append("details{margin:.4rem 0 1rem}summary{cursor:pointer;color:#374151}\n")
        .append(".legend span{display:inline-block;margin-right:1rem}.legend i{display:inline-block;width:.8rem;"
            + "height:.8rem;margin-right:.3rem;vertical-align:middle}\n")
        .append("</style>\n</head>\n<body>\n");
    h.append("<h1>").append(esc(report.title())).append("</h1>\n");
    if (!report.subtitle().isEmpty()) {
      h.append("<p class=\"sub\">").append(esc(report.subtitle())).append("</p>\n");
    }
    h.append("<p class=\"sub\">Generated ").append(esc(report.generatedAt().toString())).append("</p>\n");
    kpis(h, report.kpis());
    if (!report.trends().isEmpty()) {
      trends(h, report.trends());
    }
    if (report.heatMap() != null) {
      heatMap(h, report.heatMap());
    }
    for (Report.BarChart chart : report.bars()) {
      bars(h, chart);
    }
    if (!report.recommendations().isEmpty()) {
      h.append("<h2>Recommendations</h2>\n<ul>\n");
      for (String sentence : report.recommendations()) {
        h.append("<li>").append(esc(sentence)).append("</li>\n");
      }
      h.append("</ul>\n");
    }
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  private static void kpis(StringBuilder h, List<Report.Kpi> kpis) {
    if (kpis.isEmpty()) {
      return;
    }
    h.append("<h2>Key figures</h2>\n<table>\n<tr><th>KPI</th><th>Unit</th><th>Actual</th><th>Target</th>")
        .append("<th>Expected by now</th><th>Note</th></tr>\n");
    for (Report.Kpi k : kpis) {
      h.append("<tr><td>").append(esc(k.name())).append("</td><td>").append(esc(k.unit())).append("</td>")
          .append(cell(k.value())).append(cell(k.target())).append(cell(k.expectedByNow()))
          .append("<td>").append(esc(k.note())).append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static void trends(StringBuilder h, List<Report.Series> series) {
    h.append("<h2>Trends</h2>\n");
    TreeSet<LocalDate> dates = new TreeSet<>();
    double min = 0;
    double max = 0;
    for (Report.Series s : series) {
      for (Report.Point p : s.points()) {
        dates.add(p.date());
        min = Math.min(min, p.value().doubleValue());
        max = Math.max(max, p.value().doubleValue());
      }
    }
    List<LocalDate> xs = new ArrayList<>(dates);
    double span = max - min == 0 ? 1 : max - min;
    double plotW = WIDTH - 2 * PAD;
    double plotH = HEIGHT - 2 * PAD;
    h.append(svgOpen("Trend lines"));
    axes(h);
    h.append(label(PAD - 6, PAD + 4, "end", fmt(max))).append(label(PAD - 6, HEIGHT - PAD, "end", fmt(min)));
    if (!xs.isEmpty()) {
      h.append(label(PAD, HEIGHT - PAD + 16, "start", xs.get(0).toString()))
          .append(label(WIDTH - PAD, HEIGHT - PAD + 16, "end", xs.get(xs.size() - 1).toString()));
    }
    for (int i = 0; i < series.size(); i++) {
      String color = PALETTE[i % PALETTE.length];
      StringBuilder points = new StringBuilder();
      StringBuilder dots = new StringBuilder();
      for (Report.Point p : series.get(i).points()) {
        double x = PAD + (xs.size() == 1 ? plotW / 2 : plotW * xs.indexOf(p.date()) / (xs.size() - 1));
        double y = HEIGHT - PAD - plotH * (p.value().doubleValue() - min) / span;
        points.append(coord(x)).append(',').append(coord(y)).append(' ');
        dots.append("<circle cx=\"").append(coord(x)).append("\" cy=\"").append(coord(y)).append("\" r=\"3\" fill=\"")
            .append(color).append("\"><title>").append(esc(series.get(i).name())).append(' ').append(p.date())
            .append(": ").append(Report.text(p.value())).append("</title></circle>");
      }
      h.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"2\" points=\"")
          .append(points.toString().trim()).append("\"/>").append(dots).append('\n');
    }
    h.append("</svg>\n<p class=\"legend\">");
    for (int i = 0; i < series.size(); i++) {
      h.append("<span><i style=\"background:").append(PALETTE[i % PALETTE.length]).append("\"></i>")
          .append(esc(series.get(i).name())).append("</span>");
    }
    h.append("</p>\n<details><summary>Data</summary>\n<table>\n<tr><th>Series</th><th>Date</th><th>Value</th></tr>\n");
    for (Report.Series s : series) {
      for (Report.Point p : s.points()) {
        h.append("<tr><td>").append(esc(s.name())).append("</td><td>").append(p.date()).append("</td>")
            .append(cell(p.value())).append("</tr>\n");
      }
    }
    h.append("</table>\n</details>\n");
  }

  private static void heatMap(StringBuilder h, Report.HeatMap map) {
    h.append("<h2>").append(esc(map.title())).append("</h2>\n");
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (Report.HeatCell c : map.cells()) {
      min = Math.min(min, c.value().doubleValue());
      max = Math.max(max, c.value().doubleValue());
    }
    double span = max - min == 0 ? 1 : max - min;
    int cell = 26;
    int left = 44;
    int top = 20;
    int width = left + 24 * cell + 4;
    int height = top + 7 * cell + 4;
    h.append("<svg viewBox=\"0 0 ").append(width).append(' ').append(height)
        .append("\" role=\"img\" aria-label=\"").append(esc(map.title())).append("\">\n");
    for (int hour = 0; hour < 24; hour += 3) {
      h.append(label(left + hour * cell + cell / 2.0, top - 6, "middle", String.format(Locale.ROOT, "%02d", hour)));
    }
    for (DayOfWeek day : DayOfWeek.values()) {
      h.append(label(left - 6, top + (day.getValue() - 1) * cell + cell * 0.65, "end",
          day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH)));
    }
    for (Report.HeatCell c : map.cells()) {
      double t = (c.value().doubleValue() - min) / span;
      int r = (int) Math.round(239 - t * (239 - 30));
      int g = (int) Math.round(246 - t * (246 - 64));
      int b = (int) Math.round(255 - t * (255 - 175));
      h.append("<rect x=\"").append(left + c.hour() * cell).append("\" y=\"").append(top + (c.day().getValue() - 1) * cell)
          .append("\" width=\"").append(cell - 2).append("\" height=\"").append(cell - 2)
          .append(String.format(Locale.ROOT, "\" fill=\"rgb(%d,%d,%d)\"><title>", r, g, b))
          .append(c.day().getDisplayName(TextStyle.SHORT, Locale.ENGLISH))
          .append(String.format(Locale.ROOT, " %02d:00: ", c.hour())).append(Report.text(c.value()))
          .append("</title></rect>");
    }
    h.append("\n</svg>\n<p class=\"sub\">Darker is better.</p>\n<details><summary>Data</summary>\n<table>\n")
        .append("<tr><th>Day</th><th>Hour (from)</th><th>Score</th></tr>\n");
    for (Report.HeatCell c : map.cells()) {
      h.append("<tr><td>").append(c.day().getDisplayName(TextStyle.FULL, Locale.ENGLISH)).append("</td><td class=\"n\">")
          .append(c.hour()).append("</td>").append(cell(c.value()))
          .append("</tr>\n");
    }
    h.append("</table>\n</details>\n");
  }

  private static void bars(StringBuilder h, Report.BarChart chart) {
    h.append("<h2>").append(esc(chart.title())).append("</h2>\n");
    double max = 0;
    for (Report.Bar b : chart.bars()) {
      max = Math.max(max, Math.abs(b.value().doubleValue()));
    }
    double scale = max == 0 ? 0 : (WIDTH - 2 * PAD - 220) / max;
    int row = 26;
    int height = Math.max(row, chart.bars().size() * row) + 8;
    boolean negatives = chart.bars().stream().anyMatch(b -> b.value().signum() < 0);
    double zero = 220 + (negatives ? (WIDTH - 2 * PAD - 220) / 2.0 : 0);
    if (negatives) {
      scale /= 2;
    }
    h.append("<svg viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
        .append("\" role=\"img\" aria-label=\"").append(esc(chart.title())).append("\">\n");
    for (int i = 0; i < chart.bars().size(); i++) {
      Report.Bar b = chart.bars().get(i);
      double v = b.value().doubleValue();
      double w = Math.abs(v) * scale;
      double x = v < 0 ? zero - w : zero;
      int y = 4 + i * row;
      h.append(label(212, y + row * 0.6, "end", shorten(b.label())))
          .append("<rect x=\"").append(coord(x)).append("\" y=\"").append(y).append("\" width=\"").append(coord(w))
          .append("\" height=\"").append(row - 6).append("\" fill=\"").append(PALETTE[i % PALETTE.length])
          .append("\"><title>").append(esc(b.label())).append(": ").append(Report.text(b.value())).append("</title></rect>")
          .append(label(v < 0 ? x - 4 : x + w + 4, y + row * 0.6, v < 0 ? "end" : "start", Report.text(b.value())))
          .append('\n');
    }
    h.append("</svg>\n<details><summary>Data</summary>\n<table>\n<tr><th>Label</th><th>Value</th></tr>\n");
    for (Report.Bar b : chart.bars()) {
      h.append("<tr><td>").append(esc(b.label())).append("</td>").append(cell(b.value())).append("</tr>\n");
    }
    h.append("</table>\n</details>\n");
  }

  private static String svgOpen(String label) {
    return "<svg viewBox=\"0 0 " + WIDTH + " " + HEIGHT + "\" role=\"img\" aria-label=\"" + esc(label) + "\">\n";
  }

  private static void axes(StringBuilder h) {
    h.append("<line x1=\"").append(PAD).append("\" y1=\"").append(HEIGHT - PAD).append("\" x2=\"").append(WIDTH - PAD)
        .append("\" y2=\"").append(HEIGHT - PAD).append("\" stroke=\"#9ca3af\"/>")
        .append("<line x1=\"").append(PAD).append("\" y1=\"").append(PAD).append("\" x2=\"").append(PAD)
        .append("\" y2=\"").append(HEIGHT - PAD).append("\" stroke=\"#9ca3af\"/>\n");
  }

  private static String label(double x, double y, String anchor, String text) {
    return "<text x=\"" + coord(x) + "\" y=\"" + coord(y) + "\" text-anchor=\"" + anchor
        + "\" font-size=\"11\" fill=\"#374151\">" + esc(text) + "</text>";
  }

  private static String cell(BigDecimal value) {
    return value == null ? "<td class=\"n\">&#8212;</td>" : "<td class=\"n\">" + Report.text(value) + "</td>";
  }

  private static String fmt(double value) {
    return Report.text(Report.number(value));
  }

  private static String coord(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  private static String shorten(String text) {
    return text.length() <= 34 ? text : text.substring(0, 33) + "\u2026";
  }

  /** Escapes text for HTML element content and attribute values. */
  static String esc(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
