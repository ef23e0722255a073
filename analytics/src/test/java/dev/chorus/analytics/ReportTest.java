package dev.chorus.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.json.ChorusJson;
import dev.chorus.model.Campaign;
import dev.chorus.model.KpiTarget;
import dev.chorus.model.Money;
import dev.chorus.model.Objective;
import dev.chorus.model.Platform;
import dev.chorus.model.WorkspaceId;
import java.io.IOException;
import java.io.StringReader;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ReportTest {

  static final Instant NOW = Instant.parse("2026-03-05T00:00:00Z");
  static final String USER_TEXT = "Brief: https://client.example/brief <script>alert(1)</script> & more";

  static Report report() {
    Campaign campaign = Campaign.builder(WorkspaceId.of("ws"), "Spring launch", Objective.SALES)
        .dates(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 10))
        .budget(Money.of("1000", "EUR")).spend(Money.of("500", "EUR"))
        .kpiTargets(List.of(KpiTarget.of("impressions", "100000"), KpiTarget.of("engagement_rate_by_impressions", "0.05"),
            KpiTarget.of("reach", "50000")))
        .build();
    CampaignStatus status = CampaignTracker.of(new TestClock(NOW), ZoneOffset.UTC).status(campaign,
        Map.of("impressions", KpiValue.of(30_000), "engagement_rate_by_impressions", KpiValue.of(0.0612345678)),
        Money.of("1500", "EUR"));
    Map<LocalDate, Double> impressions = new LinkedHashMap<>();
    Map<LocalDate, Double> engagements = new LinkedHashMap<>();
    for (int d = 0; d < 4; d++) {
      impressions.put(LocalDate.of(2026, 3, 1 + d), 7_000.0 + 500 * d);
      engagements.put(LocalDate.of(2026, 3, 1 + d), 410.0 + 17 * d);
    }
    List<TimeSlot> slots = List.of(
        new TimeSlot(DayOfWeek.TUESDAY, LocalTime.of(9, 0), Duration.ofHours(1), 1.25, 12, false),
        new TimeSlot(DayOfWeek.TUESDAY, LocalTime.of(18, 0), Duration.ofHours(1), -0.5, 9, false),
        new TimeSlot(DayOfWeek.SATURDAY, LocalTime.of(11, 0), Duration.ofHours(1), 0.333333333, 4, true));
    Map<String, Double> byFormat = new LinkedHashMap<>();
    byFormat.put("carousels", 0.061);
    byFormat.put("feed posts", 0.044);
    byFormat.put("reels", 0.029);
    Map<String, Double> byPlatform = new LinkedHashMap<>();
    byPlatform.put("instagram", 0.052);
    byPlatform.put("linkedin", 0.0205);
    return Report.builder("Spring launch report", NOW)
        .subtitle(USER_TEXT)
        .campaign(status)
        .trend("Impressions", impressions)
        .trend("Engagements", engagements)
        .bestTimes("Best time to post", slots)
        .bars("Engagement rate by format", byFormat)
        .bars("Engagement rate by platform", byPlatform)
        .findings("Effect by format", WhatWorks.defaults().analyse(formatSample(), WhatWorks.Dimension.FORMAT))
        .recommendation("Post carousels on Tuesdays at 09:00.")
        .build();
  }

  static List<PostOutcome> formatSample() {
    List<PostOutcome> posts = new ArrayList<>();
    for (int v = 50; v <= 72; v += 2) {
      posts.add(new PostOutcome("c" + v, Platform.INSTAGRAM, dev.chorus.model.PostFormat.CAROUSEL, Set.of(), 1, 9, v));
    }
    for (int v = 30; v <= 58; v += 2) {
      posts.add(new PostOutcome("f" + v, Platform.INSTAGRAM, dev.chorus.model.PostFormat.FEED, Set.of(), 1, 9, v));
    }
    return posts;
  }

  /** Every number literal in the JSON text (values after a colon or inside arrays). */
  static List<String> jsonNumbers(String json) {
    List<String> numbers = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)(?::\\s*|^\\s*)(-?[0-9][0-9.eE+-]*)\\s*,?\\s*$").matcher(json);
    while (m.find()) {
      numbers.add(m.group(1));
    }
    return numbers;
  }

  @Test
  void every_number_in_the_json_appears_in_the_csv_and_the_html() throws IOException {
    Report report = report();
    String json = JsonReport.create().render(report);
    String csv = CsvReport.create().render(report);
    String html = HtmlReport.create().render(report);

    List<String> numbers = jsonNumbers(json);
    assertThat(numbers).hasSizeGreaterThan(25).contains("30000", "0.0612346", "100000", "40000", "2", "3", "1.25");

    Set<String> csvCells = new HashSet<>();
    List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(csv)).getRecords();
    for (CSVRecord row : rows) {
      row.forEach(csvCells::add);
    }
    for (String n : numbers) {
      assertThat(csvCells).as("CSV cell %s", n).contains(n);
      assertThat(html).as("HTML cell %s", n).contains(">" + n + "<");
    }
    // one row for the title, per KPI, per trend point, per heat cell, per bar and per recommendation
    assertThat(rows).hasSize(1 + report.kpis().size() + 8 + 3 + 5 + 1 + 2);
  }

  @Test
  void json_round_trips_the_model_and_leaves_undefined_values_out() {
    String json = JsonReport.create().render(report());
    JsonNode tree = ChorusJson.create().mapper().readTree(json);
    assertThat(tree.get("title").asString()).isEqualTo("Spring launch report");
    JsonNode reach = null;
    for (JsonNode kpi : tree.get("kpis")) {
      if (kpi.get("id").asString().equals("reach")) {
        reach = kpi;
      }
    }
    assertThat(reach).isNotNull();
    assertThat(reach.has("value")).isFalse(); // undefined is absent, never 0
    assertThat(reach.get("note").asString()).contains("undefined");
    assertThat(tree.get("heatMap").get("cells")).hasSize(3);
  }

  @Test
  void the_html_is_self_contained_with_inline_charts_and_escaped_user_text() {
    String html = HtmlReport.create().render(report());
    assertThat(html).contains("<svg", "<polyline", "<rect", "<style>");
    assertThat(html).doesNotContain("<script", "src=", "href=", "url(", "@import", "<link", "<iframe");
    assertThat(html).contains("Brief: https://client.example/brief &lt;script&gt;alert(1)&lt;/script&gt; &amp; more");
    String withoutUserText = html.replace(HtmlReport.esc(USER_TEXT), "");
    assertThat(withoutUserText).doesNotContain("http://", "https://");
    assertThat(html).contains("Carousels beat feed posts by 39% on instagram over 27 posts");
    assertThat(html).contains("<td class=\"n\">&#8212;</td>"); // the undefined reach
  }

  @Test
  void numbers_are_rounded_once_to_six_significant_digits() {
    assertThat(Report.text(Report.number(0.0612345678))).isEqualTo("0.0612346");
    assertThat(Report.text(Report.number(30000))).isEqualTo("30000");
    assertThat(Report.text(Report.number(-0.0))).isEqualTo("0");
    assertThat(Report.text(Report.number(1234567.89))).isEqualTo("1234570");
    assertThat(Report.text(Report.number(0.1 + 0.2))).isEqualTo("0.3");
  }
}
