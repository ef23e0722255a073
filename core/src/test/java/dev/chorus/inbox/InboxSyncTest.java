package dev.chorus.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.node.JsonNodeFactory;
import dev.chorus.model.Interaction;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.Platform;
import dev.chorus.webhook.WebhookItem;
import dev.chorus.webhook.WebhookResult;
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

class InboxSyncTest {

  /** A fresh fixture; subclasses run the same scenarios on another inbox store. */
  InboxFixture fixture() {
    return new InboxFixture(InboxStore.inMemory());
  }

  private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

  private static WebhookResult delivery(Platform platform, Interaction... interactions) {
    List<WebhookItem> items = new ArrayList<>();
    for (Interaction i : interactions) {
      items.add(new WebhookItem(i.externalId(), "comments", JsonNodeFactory.instance.objectNode(), i));
    }
    return new WebhookResult.Delivery(platform, items);
  }

  @Test
  void twoPlatformsWithOverlappingPollsAndWebhooksStoreEachInteractionOnce() {
    try (InboxFixture f = fixture()) {
      Interaction x1 = f.x.add(f.xAccount, "x1", InteractionKind.COMMENT, null, "ann", "Hello", T0);
      Interaction x2 = f.x.add(f.xAccount, "x2", InteractionKind.REPLY, "x1", "bob", "me too", T0.plusSeconds(60));
      f.x.add(f.xAccount, "x3", InteractionKind.MENTION, null, "cid", "@acme hi", T0.plusSeconds(120));
      Interaction m1 = f.mastodon.add(f.mastodonAccount, "m1", InteractionKind.COMMENT, null, "dee", "Nice", T0);
      // The same id on another platform is a different interaction.
      f.mastodon.add(f.mastodonAccount, "x1", InteractionKind.MENTION, null, "eve", "other x1", T0.plusSeconds(30));

      // A webhook delivers two of them first, then polling finds everything.
      SyncResult hook = f.chorus.inbox().ingest(delivery(Platform.X, x1, x2));
      assertThat(hook.added()).isEqualTo(2);
      List<SyncResult> first = f.inbox(InboxFixture.AGENT).sync(); // accounts in id order: acc-m, acc-x
      assertThat(first).extracting(SyncResult::accountId).containsExactly(f.mastodonAccount.id(), f.xAccount.id());
      assertThat(first).extracting(SyncResult::added).containsExactly(2, 1);
      assertThat(first).extracting(SyncResult::duplicates).containsExactly(0, 2);
      assertThat(first.get(1).pages()).isEqualTo(2); // page size 2: x1 x2 | x3

      // New items arrive; the webhook brings one of them too, and the next poll overlaps the last 5 minutes.
      f.clock.advance(Duration.ofMinutes(10));
      Interaction x4 = f.x.add(f.xAccount, "x4", InteractionKind.REPLY, "x3", "cid", "hello?", T0.plusSeconds(180));
      f.mastodon.add(f.mastodonAccount, "m2", InteractionKind.REPLY, "m1", "fay", "+1", T0.plusSeconds(200));
      assertThat(f.chorus.inbox().ingest(delivery(Platform.X, x4, x1)).duplicates()).isEqualTo(1);
      List<SyncResult> second = f.inbox(InboxFixture.AGENT).sync();
      assertThat(second).extracting(SyncResult::added).containsExactly(1, 0);
      // x1, x2, x3 come again (created within 5 minutes of x3, the newest seen) and x4 came by webhook.
      assertThat(second.get(1).duplicates()).isEqualTo(4);
      // The second poll asked from the newest item seen minus the overlap.
      assertThat(f.x.queries.get(f.x.queries.size() - 1).since()).isEqualTo(T0.plusSeconds(120).minus(Duration.ofMinutes(5)));

      assertThat(f.chorus.inbox().ingest(delivery(Platform.MASTODON, m1)).added()).isZero();
      assertThat(f.events(InboxItemReceived.class)).hasSize(7);
      Inbox inbox = f.inbox(InboxFixture.AGENT);
      // Threads: x1+x2, x3+x4, m1+m2, mastodon x1.
      assertThat(inbox.conversations()).hasSize(4);
      int items = inbox.conversations().stream().mapToInt(c -> inbox.items(c.id()).size()).sum();
      assertThat(items).isEqualTo(7);
      Conversation thread = conversationOf(f, Platform.X, "x2");
      assertThat(inbox.items(thread.id())).extracting(i -> i.interaction().externalId()).containsExactly("x1", "x2");
      assertThat(inbox.items(thread.id())).extracting(InboxItem::source)
          .containsExactly(ItemSource.WEBHOOK, ItemSource.WEBHOOK);
      assertThat(conversationOf(f, Platform.MASTODON, "m2").id()).isEqualTo(conversationOf(f, Platform.MASTODON, "m1").id());
      assertThat(conversationOf(f, Platform.MASTODON, "x1").id()).isNotEqualTo(conversationOf(f, Platform.X, "x1").id());
    }
  }

  @Test
  void aReplyArrivingBeforeItsParentJoinsTheParentsConversation() {
    try (InboxFixture f = fixture()) {
      Interaction child = new Interaction(Platform.X, f.xAccount.id(), "c2", InteractionKind.REPLY, null, "c1",
          "u-b", "@b", null, "reply first", T0.plusSeconds(5), null);
      Interaction parent = new Interaction(Platform.X, f.xAccount.id(), "c1", InteractionKind.COMMENT, "p", null,
          "u-a", "@a", null, "parent", T0, null);
      f.chorus.inbox().ingest(delivery(Platform.X, child));
      f.chorus.inbox().ingest(delivery(Platform.X, parent));
      Inbox inbox = f.inbox(InboxFixture.OWNER);
      assertThat(inbox.conversations()).hasSize(1);
      Conversation c = inbox.conversations().get(0);
      assertThat(c.rootRef()).isEqualTo("item:c1");
      assertThat(c.firstReceivedAt()).isEqualTo(T0);
      assertThat(inbox.items(c.id())).extracting(i -> i.interaction().externalId()).containsExactly("c1", "c2");
    }
  }

  @Test
  void directMessagesFromOneAuthorFormOneConversation() {
    try (InboxFixture f = fixture()) {
      f.x.add(f.xAccount, "d1", InteractionKind.DIRECT_MESSAGE, null, "zed", "hi", T0);
      f.x.add(f.xAccount, "d2", InteractionKind.DIRECT_MESSAGE, null, "zed", "are you there", T0.plusSeconds(9));
      f.x.add(f.xAccount, "d3", InteractionKind.DIRECT_MESSAGE, null, "yan", "hello", T0.plusSeconds(10));
      f.chorus.inbox().sync(InboxFixture.WS, f.xAccount.id());
      assertThat(f.inbox(InboxFixture.OWNER).conversations()).extracting(Conversation::rootRef)
          .containsExactlyInAnyOrder("dm:u-zed", "dm:u-yan");
    }
  }

  @Test
  void concurrentPollingAndWebhookDeliveryNeverDuplicate() throws Exception {
    try (InboxFixture f = fixture()) {
      f.x.pageSize = 7;
      List<Interaction> all = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        all.add(f.x.add(f.xAccount, "k" + i, i % 3 == 0 ? InteractionKind.COMMENT : InteractionKind.REPLY,
            i % 3 == 0 ? null : "k" + (i - i % 3), "a" + i, "text " + i, T0.plusSeconds(i)));
      }
      ExecutorService pool = Executors.newFixedThreadPool(4);
      CyclicBarrier start = new CyclicBarrier(4);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        futures.add(pool.submit(() -> {
          start.await();
          return f.chorus.inbox().sync(InboxFixture.WS);
        }));
        futures.add(pool.submit(() -> {
          start.await();
          return f.chorus.inbox().ingest(delivery(Platform.X, all.toArray(Interaction[]::new)));
        }));
      }
      for (Future<?> future : futures) {
        future.get(30, TimeUnit.SECONDS);
      }
      pool.shutdown();
      assertThat(f.events(InboxItemReceived.class)).hasSize(60);
      Inbox inbox = f.inbox(InboxFixture.OWNER);
      assertThat(inbox.conversations()).hasSize(20);
      assertThat(inbox.conversations().stream().mapToInt(c -> inbox.items(c.id()).size()).sum()).isEqualTo(60);
    }
  }

  @Test
  void aWebhookForAnUnknownAccountIsSkipped() {
    try (InboxFixture f = fixture()) {
      Interaction stray = new Interaction(Platform.X, dev.chorus.model.AccountId.of("nobody"), "s1",
          InteractionKind.MENTION, null, null, "u-s", "@s", null, "?", T0, null);
      SyncResult result = f.chorus.inbox().ingest(delivery(Platform.X, stray));
      assertThat(result.added()).isZero();
      assertThat(result.duplicates()).isZero();
      assertThat(f.events(InboxItemReceived.class)).isEmpty();
    }
  }

  private static Conversation conversationOf(InboxFixture f, Platform platform, String externalId) {
    InboxItem item = f.chorus.inbox().store().item(platform, externalId).orElseThrow();
    return f.inbox(InboxFixture.OWNER).conversation(item.conversationId());
  }
}
