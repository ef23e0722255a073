package dev.chorus.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApprovalFlowTest {

  @Test
  void prints_the_whole_review_story_in_order() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ApprovalFlow.run(new PrintStream(bytes, true, StandardCharsets.UTF_8),
        Clock.fixed(Instant.parse("2026-03-01T09:00:00Z"), ZoneOffset.UTC));
    String printed = bytes.toString(StandardCharsets.UTF_8);

    assertThat(printed).contains("acme-x is SCHEDULED").contains("acme-linkedin is SCHEDULED").contains("oat milk");
    List<String> trail = Arrays.stream(printed.split("\\R"))
        .filter(line -> line.contains(" acme-x ") && line.contains("->"))
        .map(line -> line.replaceAll("\\s+", " ").trim())
        .toList();
    assertThat(trail).containsExactly(
        "2026-03-01T09:00:00Z acme-x carl DRAFT -> IN_REVIEW first draft of the spring post",
        "2026-03-01T09:00:00Z acme-x ann IN_REVIEW -> IN_REVIEW approved step 1/2 'internal review': on brand",
        "2026-03-01T09:00:00Z acme-x cleo IN_REVIEW -> DRAFT rejected at step 'client': please mention the oat milk option",
        "2026-03-01T09:00:00Z acme-x carl DRAFT -> IN_REVIEW oat milk added",
        "2026-03-01T09:00:00Z acme-x ann IN_REVIEW -> IN_REVIEW approved step 1/2 'internal review'",
        "2026-03-01T09:00:00Z acme-x cleo IN_REVIEW -> APPROVED approved step 2/2 'client': good to go",
        "2026-03-01T09:00:00Z acme-x olivia APPROVED -> SCHEDULED scheduled for 2026-03-01T09:00:00Z (2026-03-01T10:00 Europe/Berlin)");
  }

  @Test
  void main_runs_on_the_system_clock() {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      ApprovalFlow.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    assertThat(bytes.toString(StandardCharsets.UTF_8).replaceAll(" +", " ")).contains("Audit trail:").contains("APPROVED -> SCHEDULED scheduled for ");
  }
}
