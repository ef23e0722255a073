package dev.chorus.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.AccessDeniedException;
import dev.chorus.EntityNotFoundException;
import dev.chorus.InvalidValueException;
import dev.chorus.model.ActorId;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.Permission;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InboxWorkflowTest {

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
  void assignmentMovesTheStatusAndIsAnnounced() {
    try (InboxFixture f = fixture()) {
      ConversationId id = first(f);
      Inbox agent = f.inbox(InboxFixture.AGENT);
      assertThat(agent.conversation(id).status()).isEqualTo(ConversationStatus.NEW);
      Conversation assigned = agent.assign(id, InboxFixture.AGENT2);
      assertThat(assigned.status()).isEqualTo(ConversationStatus.ASSIGNED);
      assertThat(assigned.assignee()).isEqualTo(InboxFixture.AGENT2);
      assertThat(f.events(ConversationAssigned.class)).singleElement()
          .satisfies(e -> {
            assertThat(e.actor()).isEqualTo(InboxFixture.AGENT);
            assertThat(e.assignee()).isEqualTo(InboxFixture.AGENT2);
          });
      assertThat(agent.conversations(ConversationStatus.ASSIGNED)).extracting(Conversation::id).containsExactly(id);
      assertThat(agent.assign(id, null).status()).isEqualTo(ConversationStatus.NEW);
    }
  }

  @Test
  void badInputNamesTheFieldAndChangesNothing() {
    try (InboxFixture f = fixture()) {
      ConversationId id = first(f);
      Inbox owner = f.inbox(InboxFixture.OWNER);
      Conversation before = owner.conversation(id);
      assertThatThrownBy(() -> owner.assign(id, ActorId.of("stranger")))
          .isInstanceOfSatisfying(InvalidValueException.class, e -> {
            assertThat(e.field()).isEqualTo("assignee");
            assertThat(e.value()).isEqualTo("stranger");
          });
      assertThatThrownBy(() -> owner.status(id, ConversationStatus.REPLIED))
          .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("status"));
      assertThatThrownBy(() -> owner.status(id, ConversationStatus.ASSIGNED)).isInstanceOf(InvalidValueException.class);
      assertThatThrownBy(() -> owner.note(id, " ")).isInstanceOfSatisfying(InvalidValueException.class,
          e -> assertThat(e.field()).isEqualTo("note.text"));
      assertThatThrownBy(() -> owner.tag(id, "ok", "")).isInstanceOf(InvalidValueException.class);
      assertThatThrownBy(() -> owner.conversation(ConversationId.of("cv-none")))
          .isInstanceOf(EntityNotFoundException.class);
      assertThat(owner.conversation(id)).isEqualTo(before);
      assertThat(f.events(ConversationAssigned.class)).isEmpty();
    }
  }

  @Test
  void notesTagsPriorityAndStatus() {
    try (InboxFixture f = fixture()) {
      ConversationId id = first(f);
      Inbox agent = f.inbox(InboxFixture.AGENT);
      f.clock.advance(java.time.Duration.ofMinutes(1));
      agent.note(id, "VIP customer");
      agent.tag(id, "order", "vip");
      agent.untag(id, "vip");
      agent.priority(id, Priority.HIGH);
      Conversation c = agent.status(id, ConversationStatus.CLOSED);
      assertThat(c.notes()).singleElement().satisfies(n -> {
        assertThat(n.author()).isEqualTo(InboxFixture.AGENT);
        assertThat(n.text()).isEqualTo("VIP customer");
        assertThat(n.at()).isEqualTo(f.clock.instant());
      });
      assertThat(c.tags()).containsExactly("order");
      assertThat(c.priority()).isEqualTo(Priority.HIGH);
      assertThat(c.status()).isEqualTo(ConversationStatus.CLOSED);
      // A new message reopens a closed conversation.
      f.x.add(f.xAccount, "x2", InteractionKind.REPLY, "x1", "ann", "hello??", T0.plusSeconds(30));
      f.chorus.inbox().sync(InboxFixture.WS);
      assertThat(agent.conversation(id).status()).isEqualTo(ConversationStatus.NEW);
      agent.status(id, ConversationStatus.SPAM);
      f.x.add(f.xAccount, "x3", InteractionKind.REPLY, "x1", "ann", "spam spam", T0.plusSeconds(40));
      f.chorus.inbox().sync(InboxFixture.WS);
      assertThat(agent.conversation(id).status()).isEqualTo(ConversationStatus.SPAM);
    }
  }

  @Test
  void permissionsAreCheckedLikeEverywhereElse() {
    try (InboxFixture f = fixture()) {
      ConversationId id = first(f);
      Inbox viewer = f.inbox(InboxFixture.VIEWER);
      assertThatThrownBy(viewer::conversations).isInstanceOfSatisfying(AccessDeniedException.class,
          e -> assertThat(e.permission()).isEqualTo(Permission.INBOX_READ));
      assertThatThrownBy(() -> viewer.reply(id, "d1", "hi")).isInstanceOfSatisfying(AccessDeniedException.class,
          e -> assertThat(e.permission()).isEqualTo(Permission.INBOX_REPLY));
      assertThatThrownBy(() -> viewer.assign(id, InboxFixture.AGENT)).isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> viewer.saveRule(new InboxRule("r", InboxRule.Match.KEYWORD, "x", Set.of("t"), null,
          null, false))).isInstanceOfSatisfying(AccessDeniedException.class,
              e -> assertThat(e.permission()).isEqualTo(Permission.INBOX_REPLY));
      Inbox agent = f.inbox(InboxFixture.AGENT);
      assertThatThrownBy(() -> agent.enterCrisis("why")).isInstanceOfSatisfying(AccessDeniedException.class,
          e -> assertThat(e.permission()).isEqualTo(Permission.POST_SCHEDULE));
      assertThatThrownBy(() -> agent.holdingStatements(java.util.List.of())).isInstanceOfSatisfying(
          AccessDeniedException.class, e -> assertThat(e.permission()).isEqualTo(Permission.POST_APPROVE));
      assertThat(f.chorus.crisis().active(InboxFixture.WS)).isFalse();
      assertThatThrownBy(() -> f.inbox(ActorId.of("outsider")).conversations())
          .isInstanceOf(EntityNotFoundException.class);
      assertThat(f.x.replyCalls.get()).isZero();
      assertThat(dev.chorus.model.Role.VIEWER.allows(Permission.INBOX_READ)).isFalse();
    }
  }

  @Test
  void rulesTagAssignPrioritiseAndHide() {
    try (InboxFixture f = fixture()) {
      Inbox owner = f.inbox(InboxFixture.OWNER);
      owner.saveRule(new InboxRule("refunds", InboxRule.Match.KEYWORD, "Refund", Set.of("billing"),
          InboxFixture.AGENT, null, false));
      owner.saveRule(new InboxRule("urgent", InboxRule.Match.REGEX, "(?i)order\\s+#\\d+", Set.of(), null,
          Priority.URGENT, false));
      owner.saveRule(new InboxRule("troll", InboxRule.Match.AUTHOR, "@troll", Set.of("troll"), null, null, true));
      f.x.add(f.xAccount, "a", InteractionKind.COMMENT, null, "ann", "I want a REFUND for order #123", T0);
      f.x.add(f.xAccount, "b", InteractionKind.COMMENT, null, "troll", "you are all bad", T0.plusSeconds(1));
      f.x.add(f.xAccount, "c", InteractionKind.COMMENT, null, "cid", "refunded? refundable!", T0.plusSeconds(2));
      f.chorus.inbox().sync(InboxFixture.WS);
      Conversation a = conv(f, "a");
      assertThat(a.tags()).containsExactly("billing");
      assertThat(a.assignee()).isEqualTo(InboxFixture.AGENT);
      assertThat(a.status()).isEqualTo(ConversationStatus.ASSIGNED);
      assertThat(a.priority()).isEqualTo(Priority.URGENT);
      assertThat(a.sentiment()).isEqualTo(Sentiment.NEGATIVE);
      Conversation b = conv(f, "b");
      assertThat(b.hidden()).isTrue();
      assertThat(b.tags()).containsExactly("troll");
      Conversation c = conv(f, "c"); // the keyword matches whole words only
      assertThat(c.tags()).isEmpty();
      assertThat(c.priority()).isEqualTo(Priority.NORMAL);
      assertThat(f.events(ConversationAssigned.class)).singleElement()
          .satisfies(e -> assertThat(e.actor()).isEqualTo(InboxEngine.SYSTEM));
      assertThatThrownBy(() -> new InboxRule("bad", InboxRule.Match.REGEX, "([", Set.of("t"), null, null, false))
          .isInstanceOfSatisfying(InvalidValueException.class, e -> {
            assertThat(e.field()).isEqualTo("rule.pattern");
            assertThat(e.value()).contains("([");
          });
      assertThatThrownBy(() -> owner.saveRule(new InboxRule("ghost", InboxRule.Match.KEYWORD, "x", Set.of(),
          ActorId.of("ghost"), null, false))).isInstanceOf(InvalidValueException.class);
      assertThat(owner.rules()).extracting(InboxRule::name).containsExactly("refunds", "urgent", "troll");
    }
  }

  @Test
  void savedRepliesFillVariables() {
    try (InboxFixture f = fixture()) {
      ConversationId id = first(f);
      Inbox owner = f.inbox(InboxFixture.OWNER);
      owner.saveSavedReply(new SavedReply("order", "Hi {author_handle}, {agent} from {account_handle} here: {eta}."));
      assertThatThrownBy(() -> owner.replyWithSaved(id, "d1", "order", Map.of()))
          .isInstanceOfSatisfying(InvalidValueException.class,
              e -> assertThat(e.field()).isEqualTo("savedReply.variables.eta"));
      assertThat(owner.replies(id)).isEmpty();
      ReplyAttempt sent = owner.replyWithSaved(id, "d1", "order", Map.of("eta", "it ships Monday"));
      assertThat(sent.text()).isEqualTo("Hi @ann, olivia-owner from @acme here: it ships Monday.");
      assertThat(sent.state()).isEqualTo(ReplyState.SENT);
    }
  }

  private static Conversation conv(InboxFixture f, String externalId) {
    InboxItem item = f.chorus.inbox().store().item(dev.chorus.model.Platform.X, externalId).orElseThrow();
    return f.inbox(InboxFixture.OWNER).conversation(item.conversationId());
  }
}
