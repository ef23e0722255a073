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

    // Strategy: youtube for awareness among 25-44 consumers is .9×.40 = .360 objective, age
    // (5/12 × .93 + 15/20 × .92) / (5/12 + 15/20) = 1.0775 / 1.16667 = .92357 × .35 = .323,
    // market .85 × .25 = .2125: .896 in all.
    assertThat(printed).contains("== Platform advisor: Spring menu (AWARENESS)")
        .contains("1. youtube    0.896  = objective 0.360 + age 0.323 + market 0.213");
    // April: the bakery's 22 weekdays at 15:30 plus the coffee account's best times, all on the
    // sandbox, so one sequence: every pillar within one of share × slots.
    assertThat(printed).containsPattern("== Content plan April 2026: Spring menu, week by week, \\d+ draft slots")
        .contains("Wed 01 Apr 15:30  acme-bakery  educational as CAROUSEL")
        .contains("Thu 02 Apr 15:30  acme-bakery  entertaining as REEL");

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
