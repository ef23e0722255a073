package dev.chorus.connector.sandbox.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.connector.sandbox.FaultKind;
import dev.chorus.connector.sandbox.FaultPlan;
import dev.chorus.connector.sandbox.SandboxOperation;
import dev.chorus.inbox.Inbox;
import dev.chorus.inbox.InboxItem;
import dev.chorus.inbox.InboxRule;
import dev.chorus.inbox.PlatformHideFailed;
import dev.chorus.inbox.SyncResult;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.Platform;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SandboxInboxHideTest {

  static final Instant T = Instant.parse("2026-03-03T08:00:00Z");

  private static InboxRule spamRule() {
    return new InboxRule("spam", InboxRule.Match.KEYWORD, "crypto", Set.of("spam"), null, null, true);
  }

  private static InboxItem item(InboxEngineFixture f, Platform platform, String externalId) {
    return f.chorus.inbox().store().item(platform, externalId).orElseThrow();
  }

  @Test
  void aHidingRuleHidesTheCommentOnThePlatformToo() {
    try (InboxEngineFixture f = new InboxEngineFixture(T, FaultPlan.none(), true)) {
      Inbox owner = f.inbox(InboxEngineFixture.OWNER);
      owner.saveRule(spamRule());
      String spam = f.sandbox.arrangeInteraction("ext-acme", InteractionKind.COMMENT, "p1", "Free CRYPTO here", T);
      String fine = f.sandbox.arrangeInteraction("ext-acme", InteractionKind.COMMENT, "p1", "Love it", T);

      owner.sync();

      assertThat(f.sandbox.isHidden(spam)).isTrue();
      assertThat(f.sandbox.isHidden(fine)).isFalse();
      assertThat(f.sandbox.requestCount(SandboxOperation.HIDE)).isEqualTo(1);
      assertThat(item(f, Platform.SANDBOX, spam).hidden()).isTrue();
      assertThat(item(f, Platform.SANDBOX, fine).hidden()).isFalse();
      assertThat(f.events(PlatformHideFailed.class)).isEmpty();
      // A second sync de-duplicates and does not hide again.
      owner.sync();
      assertThat(f.sandbox.requestCount(SandboxOperation.HIDE)).isEqualTo(1);
    }
  }

  @Test
  void aFailedPlatformHideKeepsTheItemHiddenInTheInboxAndIsAnnounced() {
    FaultPlan faults = FaultPlan.custom().script(SandboxOperation.HIDE, 1, FaultKind.SERVER_ERROR).build();
    try (InboxEngineFixture f = new InboxEngineFixture(T, faults, true)) {
      Inbox owner = f.inbox(InboxEngineFixture.OWNER);
      owner.saveRule(spamRule());
      String spam = f.sandbox.arrangeInteraction("ext-acme", InteractionKind.COMMENT, "p1", "crypto giveaway", T);

      List<SyncResult> results = owner.sync();

      assertThat(results).filteredOn(r -> r.accountId().equals(f.sandboxAccount.id()))
          .singleElement().satisfies(r -> assertThat(r.added()).isEqualTo(1));
      assertThat(f.sandbox.requestCount(SandboxOperation.HIDE)).isEqualTo(1);
      assertThat(f.sandbox.isHidden(spam)).isFalse();
      InboxItem stored = item(f, Platform.SANDBOX, spam);
      assertThat(stored.hidden()).isTrue();
      assertThat(f.events(PlatformHideFailed.class)).singleElement().satisfies(e -> {
        assertThat(e.externalId()).isEqualTo(spam);
        assertThat(e.platform()).isEqualTo(Platform.SANDBOX);
        assertThat(e.conversationId()).isEqualTo(stored.conversationId());
        assertThat(e.reason()).startsWith("PlatformUnavailableException");
        assertThat(e.at()).isEqualTo(T);
      });
    }
  }

  @Test
  void aPlatformThatCannotHideIsSkippedAndTheItemIsHiddenInTheInboxOnly() {
    try (InboxEngineFixture f = new InboxEngineFixture(T, FaultPlan.none(), true)) {
      Inbox owner = f.inbox(InboxEngineFixture.OWNER);
      owner.saveRule(spamRule());
      String spam = f.second.arrangeInteraction("ext-acme-m", InteractionKind.COMMENT, "p1", "crypto!", T);

      owner.sync();

      assertThat(item(f, InboxEngineFixture.SECOND, spam).hidden()).isTrue();
      assertThat(f.second.requestCount(SandboxOperation.HIDE)).isZero();
      assertThat(f.second.isHidden(spam)).isFalse();
      assertThat(f.events(PlatformHideFailed.class)).isEmpty();
    }
  }
}
