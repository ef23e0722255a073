package dev.chorus.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.connector.PlatformUnavailableException;
import dev.chorus.model.InteractionKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InboxReplyTest {

  /** A fresh fixture; subclasses run the same scenarios on another inbox store. */
  InboxFixture fixture() {
    return new InboxFixture(InboxStore.inMemory());
  }

  private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

  private static ConversationId first(InboxFixture f) {
    f.x.add(f.xAccount, "x1", InteractionKind.COMMENT, null, "ann", "Where is my order?", T0);
    f.chorus.inbox().sync(InboxFixture.WS);
    return f.inbox(InboxFixture.OWNER).conversations().get(0).id();
  }

  @Test
  void aReplyIsSentOnceThreadedAndAnnounced() {
    try (InboxFixture f = fixture()) {
      ConversationId id = first(f);
      Inbox agent = f.inbox(InboxFixture.AGENT);
      f.clock.advance(Duration.ofMinutes(7));
      ReplyAttempt sent = agent.reply(id, "draft-1", "On its way!");
      assertThat(sent.state()).isEqualTo(ReplyState.SENT);
      assertThat(sent.parentExternalId()).isEqualTo("x1");
      assertThat(agent.reply(id, "draft-1", "On its way!")).isEqualTo(sent); // same draft: not sent again
      assertThat(f.x.replyCalls.get()).isEqualTo(1);
      Conversation c = agent.conversation(id);
      assertThat(c.status()).isEqualTo(ConversationStatus.REPLIED);
      assertThat(c.firstResponseAt()).isEqualTo(T0.plus(Duration.ofHours(1)).plus(Duration.ofMinutes(7)));
      assertThat(c.firstResponder()).isEqualTo(InboxFixture.AGENT);
      assertThat(agent.items(id)).extracting(InboxItem::source).containsExactly(ItemSource.POLL, ItemSource.OUTBOUND);
      assertThat(f.events(ReplySent.class)).singleElement().satisfies(e -> {
        assertThat(e.externalId()).isEqualTo(sent.externalId());
        assertThat(e.idempotencyKey()).isEqualTo(sent.idempotencyKey());
      });
      // A reply from the community to our reply threads into the same conversation.
      f.x.add(f.xAccount, "x9", InteractionKind.REPLY, sent.externalId(), "ann", "thanks!", f.clock.instant());
      f.chorus.inbox().sync(InboxFixture.WS);
      assertThat(agent.conversations()).hasSize(1);
      assertThat(agent.conversation(id).status()).isEqualTo(ConversationStatus.NEW);
      // A different draft is a different reply.
      assertThat(agent.reply(id, "draft-2", "Glad to help").idempotencyKey()).isNotEqualTo(sent.idempotencyKey());
      assertThat(f.x.repliesMade.get()).isEqualTo(2);
    }
  }

  @Test
  void aLostResponseIsUnknownAndNotResentUntilResolved() {
    try (InboxFixture f = fixture()) {
      ConversationId id = first(f);
      Inbox agent = f.inbox(InboxFixture.AGENT);
      f.x.replyFaults.add(FakeInboxConnector.ReplyFault.LOST_AFTER_ACCEPT);
      ReplyAttempt unknown = agent.reply(id, "d1", "On its way!");
      assertThat(unknown.state()).isEqualTo(ReplyState.UNKNOWN);
      assertThat(f.x.repliesMade.get()).isEqualTo(1); // it did reach the platform
      assertThatThrownBy(() -> agent.reply(id, "d1", "On its way!")).isInstanceOfSatisfying(
          ReplyPendingException.class, e -> assertThat(e.attempt().state()).isEqualTo(ReplyState.UNKNOWN));
      assertThat(f.x.replyCalls.get()).isEqualTo(1);
      assertThat(agent.conversation(id).responded()).isFalse();
      // Someone checks the platform and finds it.
      ReplyAttempt confirmed = agent.markReplySent(unknown.idempotencyKey(), "x-reply-1");
      assertThat(confirmed.state()).isEqualTo(ReplyState.SENT);
      assertThat(agent.conversation(id).status()).isEqualTo(ConversationStatus.REPLIED);
      assertThat(f.x.replyCalls.get()).isEqualTo(1);
      assertThatThrownBy(() -> agent.markReplyNotSent(unknown.idempotencyKey()))
          .isInstanceOf(dev.chorus.InvalidValueException.class);
    }
  }

  @Test
  void anUnknownReplyCanBeResentWithTheSameKeyOrConfirmedNotSent() {
    try (InboxFixture f = fixture()) {
      ConversationId id = first(f);
      Inbox agent = f.inbox(InboxFixture.AGENT);
      f.x.replyFaults.add(FakeInboxConnector.ReplyFault.LOST_AFTER_ACCEPT);
      ReplyAttempt unknown = agent.reply(id, "d1", "On its way!");
      ReplyAttempt resent = agent.resendReply(unknown.idempotencyKey());
      assertThat(resent.state()).isEqualTo(ReplyState.SENT);
      assertThat(resent.attempts()).isEqualTo(2);
      assertThat(f.x.repliesMade.get()).isEqualTo(1); // the platform honoured the key
      assertThat(f.x.replyCalls.get()).isEqualTo(2);

      f.x.replyFaults.add(FakeInboxConnector.ReplyFault.REFUSED_BEFORE_ACCEPT);
      assertThatThrownBy(() -> agent.reply(id, "d2", "second")).isInstanceOf(PlatformUnavailableException.class);
      assertThat(agent.replies(id)).filteredOn(r -> r.draftId().equals("d2")).singleElement()
          .satisfies(r -> assertThat(r.state()).isEqualTo(ReplyState.FAILED));
      assertThat(agent.reply(id, "d2", "second").state()).isEqualTo(ReplyState.SENT); // a definite failure may retry
      assertThat(f.x.repliesMade.get()).isEqualTo(2);
    }
  }

  @Test
  void concurrentSendsOfOneDraftCallThePlatformOnce() throws Exception {
    try (InboxFixture f = fixture()) {
      ConversationId id = first(f);
      int threads = 8;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CyclicBarrier start = new CyclicBarrier(threads);
      List<Future<String>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        results.add(pool.submit(() -> {
          start.await();
          try {
            return f.inbox(InboxFixture.AGENT).reply(id, "same", "hello").state().name();
          } catch (ReplyPendingException e) {
            return "PENDING";
          }
        }));
      }
      List<String> outcomes = new ArrayList<>();
      for (Future<String> r : results) {
        outcomes.add(r.get(30, TimeUnit.SECONDS));
      }
      pool.shutdown();
      assertThat(f.x.replyCalls.get()).isEqualTo(1);
      assertThat(outcomes).contains("SENT").allMatch(o -> o.equals("SENT") || o.equals("PENDING"));
      assertThat(f.events(ReplySent.class)).hasSize(1);
    }
  }

  @Test
  void syncFindingTheAccountsOwnReplyResolvesAnUnknownAttempt() {
    try (InboxFixture f = fixture()) {
      ConversationId id = first(f);
      Inbox agent = f.inbox(InboxFixture.AGENT);
      f.x.replyFaults.add(FakeInboxConnector.ReplyFault.LOST_AFTER_ACCEPT);
      ReplyAttempt unknown = agent.reply(id, "d1", "On its way!");
      assertThat(unknown.state()).isEqualTo(ReplyState.UNKNOWN);
      f.clock.advance(Duration.ofMinutes(2));
      // The platform lists the account's own reply (other text first: it must not match).
      f.x.interactions.add(new dev.chorus.model.Interaction(dev.chorus.model.Platform.X, f.xAccount.id(), "x-own-0",
          InteractionKind.REPLY, null, "x1", f.xAccount.externalId(), f.xAccount.handle(), null, "something else",
          f.clock.instant(), null));
      f.chorus.inbox().sync(InboxFixture.WS);
      assertThat(agent.replies(id)).singleElement().satisfies(r -> assertThat(r.state()).isEqualTo(ReplyState.UNKNOWN));
      f.x.interactions.add(new dev.chorus.model.Interaction(dev.chorus.model.Platform.X, f.xAccount.id(), "x-own-1",
          InteractionKind.REPLY, null, "x1", f.xAccount.externalId(), f.xAccount.handle(), null, "On its way!",
          f.clock.instant(), null));
      f.chorus.inbox().sync(InboxFixture.WS);
      ReplyAttempt resolved = agent.replies(id).get(0);
      assertThat(resolved.state()).isEqualTo(ReplyState.SENT);
      assertThat(resolved.externalId()).isEqualTo("x-own-1");
      assertThat(agent.conversation(id).firstResponder()).isEqualTo(InboxFixture.AGENT);
      assertThat(agent.reply(id, "x1", "d1", "On its way!")).isEqualTo(resolved); // no second call
      assertThat(f.x.replyCalls.get()).isEqualTo(1);
      assertThat(f.events(ReplySent.class)).hasSize(1);
      assertThat(agent.items(id)).extracting(i -> i.interaction().externalId()).contains("x-own-1");
    }
  }

  @Test
  void aReplyMustAnswerAMessageOfTheConversation() {
    try (InboxFixture f = fixture()) {
      ConversationId id = first(f);
      assertThatThrownBy(() -> f.inbox(InboxFixture.AGENT).reply(id, "nope", "d1", "hi"))
          .isInstanceOfSatisfying(dev.chorus.InvalidValueException.class,
              e -> assertThat(e.field()).isEqualTo("inReplyTo"));
      assertThat(f.x.replyCalls.get()).isZero();
      assertThat(f.inbox(InboxFixture.AGENT).replies(id)).isEmpty();
    }
  }
}
