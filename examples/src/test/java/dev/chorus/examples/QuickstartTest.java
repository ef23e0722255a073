package dev.chorus.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickstartTest {

  @Test
  void runs_a_month_of_the_campaign_and_reports_it(@TempDir Path dir) throws Exception {
    Path report = dir.resolve("out").resolve("chorus-report.html");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    long start = System.nanoTime();
    Quickstart.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), report);
    long millis = (System.nanoTime() - start) / 1_000_000;
    String printed = bytes.toString(StandardCharsets.UTF_8);

    // The bad row is rejected with both of its problems, and nothing is imported.
    assertThat(printed)
        .contains("Rejected, nothing imported (0 posts):")
        .contains("row 12, column time ('25:30')")
        .contains("row 12, column account ('@acmetea')")
        .contains("Imported spring-calendar.csv: 30 drafts");
    // Queue slots: weekdays at 15:30, one post per slot; best times: 3 hours apart at least.
    assertThat(printed).contains("Queue slot  @acmebakery  Mon 02 Mar 15:30")
        .contains("Queue slot  @acmebakery  Tue 03 Mar 15:30")
        .contains("Queue slot  @acmebakery  Wed 04 Mar 15:30")
        .contains("35 posts on the calendar");
    assertThat(printed.lines().filter(l -> l.startsWith("Best time   @acmecoffee")).map(l -> l.substring(25, 41)).distinct())
        .hasSize(2);
    // Every post published exactly once, and metrics collected for each.
    assertThat(printed).contains("35 posts published, 35 on the platform (never twice), 35 tracked for metrics");
    assertThat(printed).containsPattern("impressions\\s+[\\d,]+\\s+120,000\\s+\\d+%\\s+(ahead|on track|behind)")
        .containsPattern("reach\\s+[\\d,]+\\s+40,000")
        .containsPattern("engagement_rate_by_impressions\\s+\\d+\\.\\d\\d%\\s+5\\.00%");
    assertThat(printed).contains("HTML report written to " + report.toAbsolutePath());

    String html = Files.readString(report, StandardCharsets.UTF_8);
    assertThat(html).startsWith("<!DOCTYPE html>").contains("Spring menu").contains("<svg")
        .contains("Impressions by publish day").doesNotContain("<script");
    assertThat(millis).as("the quickstart must run in a few seconds").isLessThan(20_000);
  }

  @Test
  void the_same_seed_and_clock_give_the_same_report(@TempDir Path dir) {
    assertThat(kpiLines(dir.resolve("a.html"))).isEqualTo(kpiLines(dir.resolve("b.html")));
  }

  private static String kpiLines(Path report) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Quickstart.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), report);
    String printed = bytes.toString(StandardCharsets.UTF_8);
    return printed.substring(printed.indexOf("== KPI report"), printed.indexOf("HTML report written"));
  }
}
