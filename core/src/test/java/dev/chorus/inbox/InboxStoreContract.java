package dev.chorus.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.EntityNotFoundException;
import dev.chorus.model.AccountId;
import dev.chorus.model.ActorId;
import dev.chorus.model.Interaction;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.Platform;
import dev.chorus.model.WorkspaceId;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link InboxStore} must do; subclasses supply the store. */
abstract class InboxStoreContract {

  static final WorkspaceId WS = WorkspaceId.of("ws-a");
  static final WorkspaceId OTHER = WorkspaceId.of("ws-b");
  static final AccountId ACC = AccountId.of("acc-x");
  static final ActorId AMY = ActorId.of("amy");
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  static final int WRITERS = 8;

  InboxStore store;

  /** A fresh, empty store for the test. */
  abstract InboxStore newStore();

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  static Interaction interaction(Platform platform, String id, Instant at) {
    return new Interaction(platform, ACC, id, InteractionKind.COMMENT, "post-1", null, "author-" + id, "@ann",
        "Ann Example", "Hello \"there\" ✓ " + id, at, URI.create("https://example.com/i/" + id));
  }

  static InboxItem item(WorkspaceId ws, String conversation, Platform platform, String id, Instant at) {
    return new InboxItem(ws, ConversationId.of(conversation), interaction(platform, id, at), ItemSource.POLL,
        Sentiment.POSITIVE, false, at.plusSeconds(5));
  }

  static Conversation conversation(WorkspaceId ws, String id, Instant lastActivity) {
    return new Conversation(ConversationId.of(id), ws, ACC, Platform.X, "item:" + id, InteractionKind.COMMENT,
        ConversationStatus.NEW, null, Priority.NORMAL, Set.of(), List.of(), Sentiment.NEUTRAL, false,
        T0, lastActivity, null, null);
  }

  static ReplyAttempt attempt(WorkspaceId ws, String key, String text) {
    return new ReplyAttempt(key, ws, ConversationId.of("c1"), ACC, Platform.X, "x1", "draft-" + key, text, AMY,
        ReplyState.STARTED, 1, T0, null, null, null);
  }

  static <T> List<T> race(int threads, Callable<T> work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CyclicBarrier start = new CyclicBarrier(threads);
      List<Future<T>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> {
          start.await(30, TimeUnit.SECONDS);
          return work.call();
        }));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get(120, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void an_item_is_stored_once_per_platform_and_external_id() {
    InboxItem first = item(WS, "c1", Platform.X, "x1", T0);
    assertThat(store.addItem(first)).isTrue();
    InboxItem again = new InboxItem(WS, ConversationId.of("c2"), first.interaction(), ItemSource.WEBHOOK,
        Sentiment.NEGATIVE, true, T0.plusSeconds(99));
    assertThat(store.addItem(again)).isFalse();
    assertThat(store.item(Platform.X, "x1")).contains(first);
    // The same id on another platform is another item.
    InboxItem mastodon = item(WS, "c9", Platform.MASTODON, "x1", T0);
    assertThat(store.addItem(mastodon)).isTrue();
    assertThat(store.item(Platform.MASTODON, "x1")).contains(mastodon);
    assertThat(store.item(Platform.X, "nope")).isEmpty();
  }

  @Test
  void a_conversations_items_come_oldest_first_then_by_external_id() {
    store.addItem(item(WS, "c1", Platform.X, "b", T0.plusSeconds(10)));
    store.addItem(item(WS, "c1", Platform.X, "c", T0));
    store.addItem(item(WS, "c1", Platform.X, "a", T0.plusSeconds(10)));
    store.addItem(item(WS, "c2", Platform.X, "d", T0));
    store.addItem(item(OTHER, "c1", Platform.X, "e", T0));
    assertThat(store.items(WS, ConversationId.of("c1"))).extracting(i -> i.interaction().externalId())
        .containsExactly("c", "a", "b");
    assertThat(store.items(OTHER, ConversationId.of("c1"))).extracting(i -> i.interaction().externalId())
        .containsExactly("e");
    assertThat(store.items(WS, ConversationId.of("none"))).isEmpty();
  }

  @Test
  void a_conversation_is_added_once_and_listed_by_latest_activity() {
    Conversation c1 = conversation(WS, "c1", T0.plusSeconds(10));
    assertThat(store.addConversation(c1)).isEqualTo(c1);
    assertThat(store.addConversation(conversation(WS, "c1", T0.plusSeconds(500)))).isEqualTo(c1);
    store.addConversation(conversation(WS, "c3", T0.plusSeconds(20)));
    store.addConversation(conversation(WS, "c2", T0.plusSeconds(20)));
    store.addConversation(conversation(OTHER, "c1", T0));
    assertThat(store.conversations(WS)).extracting(c -> c.id().value()).containsExactly("c2", "c3", "c1");
    assertThat(store.conversation(WS, ConversationId.of("c1"))).contains(c1);
    assertThat(store.conversation(OTHER, ConversationId.of("c3"))).isEmpty();
    assertThat(store.conversations(WorkspaceId.of("ws-empty"))).isEmpty();
  }

  @Test
  void a_conversation_update_keeps_every_field() {
    store.addConversation(conversation(WS, "c1", T0));
    Conversation edited = store.updateConversation(WS, ConversationId.of("c1"), c -> c.withAssignee(AMY)
        .withPriority(Priority.URGENT).withTags(Set.of("vip", "billing")).withNote(new Note(AMY, "call back", T0))
        .withInbound(T0.minusSeconds(60), Sentiment.NEGATIVE, true).withReply(AMY, T0.plusSeconds(30)));
    assertThat(store.conversation(WS, ConversationId.of("c1"))).contains(edited);
    assertThat(edited.firstResponder()).isEqualTo(AMY);
    assertThat(edited.tags()).containsExactlyInAnyOrder("vip", "billing");
    assertThat(edited.notes()).extracting(Note::text).containsExactly("call back");
  }

  @Test
  void updating_a_missing_conversation_or_failing_an_edit_changes_nothing() {
    assertThatThrownBy(() -> store.updateConversation(WS, ConversationId.of("nope"), c -> c))
        .isInstanceOf(EntityNotFoundException.class);
    Conversation c1 = store.addConversation(conversation(WS, "c1", T0));
    assertThatThrownBy(() -> store.updateConversation(OTHER, ConversationId.of("c1"), c -> c))
        .isInstanceOf(EntityNotFoundException.class);
    assertThatThrownBy(() -> store.updateConversation(WS, ConversationId.of("c1"), c -> {
      throw new IllegalStateException("edit failed");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(store.conversation(WS, ConversationId.of("c1"))).contains(c1);
  }

  @Test
  void a_cursor_is_replaced_per_account() {
    assertThat(store.cursor(WS, ACC)).isEmpty();
    store.saveCursor(WS, new SyncCursor(ACC, null, "page-2", T0));
    SyncCursor next = new SyncCursor(ACC, T0.plusSeconds(3), null, T0.plusSeconds(60));
    store.saveCursor(WS, next);
    assertThat(store.cursor(WS, ACC)).contains(next);
    assertThat(store.cursor(OTHER, ACC)).isEmpty();
  }

  @Test
  void a_reply_attempt_is_recorded_once_per_key_and_updated_in_place() {
    ReplyAttempt first = attempt(WS, "k1", "Thanks!");
    assertThat(store.startReply(first)).isEqualTo(first);
    assertThat(store.startReply(attempt(WS, "k1", "Different text"))).isEqualTo(first);
    store.startReply(attempt(WS, "k0", "Second"));
    store.startReply(attempt(OTHER, "k1", "Other workspace"));
    ReplyAttempt sent = store.updateReply(WS, "k1", a -> a.finish(ReplyState.SENT, T0.plusSeconds(2), "x-99", null));
    assertThat(store.reply(WS, "k1")).contains(sent);
    ReplyAttempt failed = store.updateReply(WS, "k0",
        a -> a.finish(ReplyState.UNKNOWN, T0.plusSeconds(3), null, "timeout"));
    assertThat(store.replies(WS)).containsExactly(sent, failed);
    assertThat(store.replies(OTHER)).extracting(ReplyAttempt::text).containsExactly("Other workspace");
    assertThat(store.reply(WS, "nope")).isEmpty();
    assertThatThrownBy(() -> store.updateReply(WS, "nope", a -> a)).isInstanceOf(EntityNotFoundException.class);
  }

  @Test
  void rules_keep_the_order_first_saved_and_replace_by_name() {
    InboxRule refund = new InboxRule("refund", InboxRule.Match.KEYWORD, "refund", Set.of("billing"), null, null,
        false);
    InboxRule spam = new InboxRule("spam", InboxRule.Match.REGEX, "(?i)buy now", Set.of(), null, null, true);
    InboxRule vip = new InboxRule("vip", InboxRule.Match.AUTHOR, "@bigcustomer", Set.of(), AMY, Priority.HIGH, false);
    store.saveRule(WS, spam);
    store.saveRule(WS, refund);
    store.saveRule(WS, vip);
    InboxRule refund2 = new InboxRule("refund", InboxRule.Match.KEYWORD, "money back", Set.of("billing", "urgent"),
        null, Priority.URGENT, false);
    store.saveRule(WS, refund2);
    assertThat(store.rules(WS)).containsExactly(spam, refund2, vip);
    assertThat(store.removeRule(WS, "spam")).isTrue();
    assertThat(store.removeRule(WS, "spam")).isFalse();
    assertThat(store.rules(WS)).containsExactly(refund2, vip);
    assertThat(store.rules(OTHER)).isEmpty();
  }

  @Test
  void saved_replies_are_listed_by_name_and_replaced_by_name() {
    store.saveSavedReply(WS, new SavedReply("welcome", "Hi {author_handle}!"));
    store.saveSavedReply(WS, new SavedReply("apology", "Sorry, {author_name}."));
    store.saveSavedReply(WS, new SavedReply("welcome", "Hello {author_handle}!"));
    assertThat(store.savedReplies(WS)).containsExactly(new SavedReply("apology", "Sorry, {author_name}."),
        new SavedReply("welcome", "Hello {author_handle}!"));
    assertThat(store.removeSavedReply(WS, "apology")).isTrue();
    assertThat(store.removeSavedReply(WS, "apology")).isFalse();
    assertThat(store.savedReplies(WS)).extracting(SavedReply::name).containsExactly("welcome");
    assertThat(store.savedReplies(OTHER)).isEmpty();
  }

  @Test
  void holding_statements_and_crisis_state_are_per_workspace() {
    assertThat(store.holdingStatements(WS)).isEmpty();
    List<HoldingStatement> list = List.of(new HoldingStatement("outage", "We know; fixing it."),
        new HoldingStatement("apology", "We are sorry."));
    store.saveHoldingStatements(WS, list);
    assertThat(store.holdingStatements(WS)).containsExactlyElementsOf(list);
    store.saveHoldingStatements(WS, List.of(list.get(1)));
    assertThat(store.holdingStatements(WS)).containsExactly(list.get(1));
    assertThat(store.holdingStatements(OTHER)).isEmpty();

    assertThat(store.crisis(WS)).isEqualTo(CrisisState.inactive(WS));
    CrisisState on = store.updateCrisis(WS, c -> new CrisisState(WS, true, "amy", "outage", T0, true));
    assertThat(store.crisis(WS)).isEqualTo(on);
    assertThat(store.crisis(OTHER)).isEqualTo(CrisisState.inactive(OTHER));
    assertThat(store.updateCrisis(WS, c -> CrisisState.inactive(WS))).isEqualTo(CrisisState.inactive(WS));
    assertThat(store.crisis(WS).active()).isFalse();
  }

  @Test
  void concurrent_writers_of_the_same_items_store_each_exactly_once() throws Exception {
    int count = 40;
    List<Integer> added = race(WRITERS, () -> {
      int mine = 0;
      for (int i = 0; i < count; i++) {
        if (store.addItem(item(WS, "c1", Platform.X, "x" + i, T0.plusSeconds(i)))) {
          mine++;
        }
      }
      return mine;
    });
    assertThat(added.stream().mapToInt(Integer::intValue).sum()).isEqualTo(count);
    assertThat(store.items(WS, ConversationId.of("c1"))).hasSize(count);
  }

  @Test
  void concurrent_starts_of_one_reply_record_one_attempt() throws Exception {
    List<ReplyAttempt> seen = race(WRITERS, () -> store.startReply(
        attempt(WS, "k1", "text of " + Thread.currentThread().getName())));
    assertThat(seen).hasSize(WRITERS);
    assertThat(Set.copyOf(seen)).hasSize(1);
    assertThat(store.replies(WS)).containsExactly(seen.get(0));
    AtomicInteger writer = new AtomicInteger();
    List<Conversation> conversations = race(WRITERS, () -> store.addConversation(
        conversation(WS, "c1", T0.plusSeconds(writer.incrementAndGet()))));
    assertThat(Set.copyOf(conversations)).hasSize(1);
    assertThat(store.conversations(WS)).containsExactly(conversations.get(0));
  }

  @Test
  void concurrent_edits_of_one_conversation_lose_no_update() throws Exception {
    store.addConversation(conversation(WS, "c1", T0));
    int perWriter = 5;
    race(WRITERS, () -> {
      for (int i = 0; i < perWriter; i++) {
        String text = Thread.currentThread().getName() + "#" + i;
        store.updateConversation(WS, ConversationId.of("c1"), c -> c.withNote(new Note(AMY, text, T0)));
      }
      return null;
    });
    assertThat(store.conversation(WS, ConversationId.of("c1")).orElseThrow().notes())
        .hasSize(WRITERS * perWriter).extracting(Note::text).doesNotHaveDuplicates();
    race(WRITERS, () -> store.updateCrisis(WS, c -> new CrisisState(WS, true,
        c.active() ? c.trigger() + "+" : "t", null, T0, false)));
    assertThat(store.crisis(WS).trigger()).isEqualTo("t" + "+".repeat(WRITERS - 1));
  }
}
