package dev.chorus.connector.sandbox.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.AccessDeniedException;
import dev.chorus.connector.sandbox.FaultKind;
import dev.chorus.connector.sandbox.FaultPlan;
import dev.chorus.connector.sandbox.SandboxOperation;
import dev.chorus.connector.sandbox.SandboxPost;
import dev.chorus.inbox.Conversation;
import dev.chorus.inbox.ConversationId;
import dev.chorus.inbox.ConversationStatus;
import dev.chorus.inbox.Inbox;
import dev.chorus.inbox.InboxItem;
import dev.chorus.inbox.InboxItemReceived;
import dev.chorus.inbox.ReplyAttempt;
import dev.chorus.inbox.ReplyPendingException;
import dev.chorus.inbox.ReplySent;
import dev.chorus.inbox.ReplyState;
import dev.chorus.inbox.SyncResult;
import dev.chorus.model.Interaction;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.Platform;
import dev.chorus.webhook.WebhookItem;
import dev.chorus.webhook.WebhookResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class SandboxInboxTest {

  static final Instant T = Instant.parse("2026-03-03T08:00:00Z");

  private static WebhookResult delivery(Platform platform, List<Interaction> interactions) {
    List<WebhookItem> items = new ArrayList<>();
    for (Interaction i : interactions) {
      items.add(new WebhookItem(i.externalId(), "comments", JsonNodeFactory.instance.objectNode(), i));
    }
    return new WebhookResult.Delivery(platform, items);
  }

  @Test
  void syncAcrossTwoPlatformsWithOverlappingPollingAndWebhooksHasNoDuplicates() {
    try (InboxEngineFixture f = new InboxEngineFixture(T, FaultPlan.none(), true)) {
      f.sandbox.maxPageSize(2);
      f.second.maxPageSize(2);
      for (int i = 0; i < 5; i++) {
        f.sandbox.arrangeInteraction("ext-acme", InteractionKind.MENTION, null, "hello " + i, T.minusSeconds(600 - i));
        f.second.arrangeInteraction("ext-acme-m", InteractionKind.COMMENT, "p1", "comment " + i, T.minusSeconds(500 - i));
      }
      Inbox inbox = f.inbox(InboxEngineFixture.OWNER);
      // The webhook of the second platform delivers its first three before any poll.
      List<Interaction> pushed = secondInteractions(f).subList(0, 3);
      assertThat(f.chorus.inbox().ingest(delivery(InboxEngineFixture.SECOND, pushed)).added()).isEqualTo(3);

      List<SyncResult> first = inbox.sync(); // acc-m, then acc-s
      assertThat(first).extracting(SyncResult::added).containsExactly(2, 5);
      assertThat(first).extracting(SyncResult::duplicates).containsExactly(3, 0);
      assertThat(first).extracting(SyncResult::pages).containsExactly(3, 3);

      // Time passes, more arrive; the webhook repeats some; polls overlap the last five minutes.
      f.clock.advance(Duration.ofMinutes(3));
      f.sandbox.arrangeInteraction("ext-acme", InteractionKind.MENTION, null, "later", T.plusSeconds(60));
      f.second.arrangeInteraction("ext-acme-m", InteractionKind.COMMENT, "p1", "later", T.plusSeconds(70));
      List<Interaction> again = secondInteractions(f);
      assertThat(f.chorus.inbox().ingest(delivery(InboxEngineFixture.SECOND, again)).added()).isEqualTo(1);
      List<SyncResult> second = inbox.sync();
      assertThat(second).extracting(SyncResult::added).containsExactly(0, 1);
      assertThat(f.chorus.inbox().sync(InboxEngineFixture.WS)).extracting(SyncResult::added).containsExactly(0, 0);

      assertThat(f.events(InboxItemReceived.class)).hasSize(12);
      List<Conversation> conversations = inbox.conversations();
      assertThat(conversations).hasSize(12); // every mention and top-level comment starts its own thread
      assertThat(conversations.stream().mapToInt(c -> inbox.items(c.id()).size()).sum()).isEqualTo(12);
      assertThat(conversations).extracting(Conversation::platform).containsOnly(Platform.SANDBOX,
          InboxEngineFixture.SECOND);
    }
  }

  private static List<Interaction> secondInteractions(InboxEngineFixture f) {
    // What the second platform's webhook would carry: its interactions, labelled with its platform.
    InboxEngineFixture.Renamed renamed = (InboxEngineFixture.Renamed) f.chorus.scheduler()
        .connector(InboxEngineFixture.SECOND).orElseThrow();
    return dev.chorus.connector.Page.collect(c -> renamed.fetchInteractions(f.secondAccount,
        new dev.chorus.connector.InteractionQuery(java.util.Set.of(), null, c, 100)), 100);
  }

  private static ConversationId firstConversation(InboxEngineFixture f) {
    f.sandbox.arrangeInteraction("ext-acme", InteractionKind.MENTION, null, "@acme is my order late?", T.minusSeconds(60));
    f.chorus.inbox().sync(InboxEngineFixture.WS);
    return f.inbox(InboxEngineFixture.OWNER).conversations().get(0).id();
  }

  @Test
  void aReplyGoesThroughTheSandboxOnceAndAViewerCannotReply() {
    try (InboxEngineFixture f = new InboxEngineFixture(T, FaultPlan.none(), true)) {
      ConversationId id = firstConversation(f);
      assertThatThrownBy(() -> f.inbox(InboxEngineFixture.VIEWER).reply(id, "d1", "hi"))
          .isInstanceOf(AccessDeniedException.class);
      Inbox owner = f.inbox(InboxEngineFixture.OWNER);
      ReplyAttempt sent = owner.reply(id, "d1", "Checking now!");
      assertThat(owner.reply(id, "d1", "Checking now!")).isEqualTo(sent);
      assertThat(f.sandbox.requestCount(SandboxOperation.REPLY)).isEqualTo(1);
      SandboxPost reply = f.sandbox.publication(sent.externalId()).orElseThrow();
      assertThat(reply.inReplyTo()).isEqualTo("int-1");
      assertThat(reply.idempotencyKey()).isEqualTo(sent.idempotencyKey());
      assertThat(owner.conversation(id).status()).isEqualTo(ConversationStatus.REPLIED);
      assertThat(f.events(ReplySent.class)).hasSize(1);
    }
  }

  @Test
  void aTimeoutAfterAcceptIsUnknownAndIsNeverBlindlyResent() {
    FaultPlan plan = FaultPlan.custom().script(SandboxOperation.REPLY, 1, FaultKind.TIMEOUT_AFTER_ACCEPT).build();
    try (InboxEngineFixture f = new InboxEngineFixture(T, plan, false)) {
      ConversationId id = firstConversation(f);
      Inbox owner = f.inbox(InboxEngineFixture.OWNER);
      ReplyAttempt unknown = owner.reply(id, "d1", "Checking now!");
      assertThat(unknown.state()).isEqualTo(ReplyState.UNKNOWN);
      assertThat(f.sandbox.publicationCountByText("Checking now!")).isEqualTo(1); // it was made
      assertThatThrownBy(() -> owner.reply(id, "d1", "Checking now!")).isInstanceOf(ReplyPendingException.class);
      assertThat(f.sandbox.requestCount(SandboxOperation.REPLY)).isEqualTo(1);
      assertThat(owner.conversation(id).responded()).isFalse();
      // This sandbox ignores idempotency keys, so someone checks the platform and confirms instead of resending.
      SandboxPost made = f.sandbox.publications().stream().filter(SandboxPost::reply).findFirst().orElseThrow();
      ReplyAttempt confirmed = owner.markReplySent(unknown.idempotencyKey(), made.externalId());
      assertThat(confirmed.state()).isEqualTo(ReplyState.SENT);
      assertThat(owner.items(id)).extracting(InboxItem::inbound).containsExactly(true, false);
      assertThat(f.sandbox.publicationCountByText("Checking now!")).isEqualTo(1);
    }
  }

  @Test
  void anUnknownReplyResentWithItsKeyIsMadeOnceWhereKeysAreHonoured() {
    FaultPlan plan = FaultPlan.custom().script(SandboxOperation.REPLY, 1, FaultKind.TIMEOUT_AFTER_ACCEPT).build();
    try (InboxEngineFixture f = new InboxEngineFixture(T, plan, true)) {
      ConversationId id = firstConversation(f);
      Inbox owner = f.inbox(InboxEngineFixture.OWNER);
      ReplyAttempt unknown = owner.reply(id, "d1", "Checking now!");
      assertThat(unknown.state()).isEqualTo(ReplyState.UNKNOWN);
      ReplyAttempt resent = owner.resendReply(unknown.idempotencyKey());
      assertThat(resent.state()).isEqualTo(ReplyState.SENT);
      assertThat(f.sandbox.requestCount(SandboxOperation.REPLY)).isEqualTo(2);
      assertThat(f.sandbox.publicationCountByKey(unknown.idempotencyKey())).isEqualTo(1);
      assertThat(f.sandbox.publicationCountByText("Checking now!")).isEqualTo(1);
    }
  }
}
