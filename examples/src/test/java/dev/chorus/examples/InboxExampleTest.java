package dev.chorus.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InboxExampleTest {

  private static String run() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    InboxExample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void prints_the_whole_inbox_story() {
    String printed = run();
    assertThat(printed).contains("3 conversations:");
    assertThat(printed).containsPattern("acme-coffee +MENTION +NEGATIVE +URGENT +\\[billing\\]");
    assertThat(printed).contains("to sam (ASSIGNED)");
    assertThat(printed).contains("Reply SENT: Hi @arranged, sorry about your order! This is sam from @acmecoffee: "
        + "your refund is on its way (ticket R-1042).");
    assertThat(printed).contains("Replies the sandbox received: 1");
    assertThat(printed).contains("Conversation is now REPLIED");
    // The refund mention (written 5 minutes before the start) is answered 17 minutes later, the question
    // (4 minutes before start) 46 minutes later; the happy comment is never answered.
    assertThat(printed).contains("overall      received 3, responded 2, response rate 67%, "
        + "first response mean 31m 30s, median 31m 30s");
    assertThat(printed).contains("acme-coffee  received 1, responded 1, response rate 100%, first response mean 17m");
    assertThat(printed).contains("acme-bakery  received 2, responded 1, response rate 50%, first response mean 46m");
    assertThat(printed).contains("Crisis mode entered: true (complaints about wrong orders), holding statements [aware]");
    assertThat(printed).contains("At the due time the post is held: SCHEDULED, published 0 times");
    assertThat(printed).contains("Crisis mode left: true; the post is PUBLISHED, published 1 times");
  }

  @Test
  void main_prints_to_standard_output() {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      InboxExample.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("== SLA").contains("Crisis mode left: true");
  }
}
