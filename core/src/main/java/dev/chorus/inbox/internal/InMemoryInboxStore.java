package dev.chorus.inbox.internal;

import dev.chorus.EntityNotFoundException;
import dev.chorus.inbox.Conversation;
import dev.chorus.inbox.ConversationId;
import dev.chorus.inbox.CrisisState;
import dev.chorus.inbox.HoldingStatement;
import dev.chorus.inbox.InboxItem;
import dev.chorus.inbox.InboxRule;
import dev.chorus.inbox.InboxStore;
import dev.chorus.inbox.ReplyAttempt;
import dev.chorus.inbox.SavedReply;
import dev.chorus.inbox.SyncCursor;
import dev.chorus.model.AccountId;
import dev.chorus.model.Checks;
import dev.chorus.model.Platform;
import dev.chorus.model.WorkspaceId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/** The in-memory {@link InboxStore}: one lock guards everything, which keeps every method atomic. */
public final class InMemoryInboxStore implements InboxStore {

  private final Object lock = new Object();
  private final Map<String, InboxItem> items = new HashMap<>();
  private final Map<WorkspaceId, Map<ConversationId, Conversation>> conversations = new HashMap<>();
  private final Map<WorkspaceId, Map<AccountId, SyncCursor>> cursors = new HashMap<>();
  private final Map<WorkspaceId, Map<String, ReplyAttempt>> replies = new HashMap<>();
  private final Map<WorkspaceId, Map<String, InboxRule>> rules = new HashMap<>();
  private final Map<WorkspaceId, Map<String, SavedReply>> saved = new HashMap<>();
  private final Map<WorkspaceId, List<HoldingStatement>> statements = new HashMap<>();
  private final Map<WorkspaceId, CrisisState> crises = new HashMap<>();

  private static String key(Platform platform, String externalId) {
    return platform.id() + "\u0000" + externalId;
  }

  private static <K, V> Map<K, V> of(Map<WorkspaceId, Map<K, V>> map, WorkspaceId workspace) {
    return map.computeIfAbsent(Checks.required("workspace", workspace), w -> new LinkedHashMap<>());
  }

  @Override
  public boolean addItem(InboxItem item) {
    Checks.required("item", item);
    synchronized (lock) {
      return items.putIfAbsent(key(item.interaction().platform(), item.interaction().externalId()), item) == null;
    }
  }

  @Override
  public Optional<InboxItem> item(Platform platform, String externalId) {
    synchronized (lock) {
      return Optional.ofNullable(items.get(key(platform, externalId)));
    }
  }

  @Override
  public List<InboxItem> items(WorkspaceId workspace, ConversationId conversation) {
    synchronized (lock) {
      return items.values().stream()
          .filter(i -> i.workspaceId().equals(workspace) && i.conversationId().equals(conversation))
          .sorted(Comparator.comparing((InboxItem i) -> i.interaction().createdAt())
              .thenComparing(i -> i.interaction().externalId()))
          .toList();
    }
  }

  @Override
  public Conversation addConversation(Conversation conversation) {
    Checks.required("conversation", conversation);
    synchronized (lock) {
      return of(conversations, conversation.workspaceId()).computeIfAbsent(conversation.id(), id -> conversation);
    }
  }

  @Override
  public Optional<Conversation> conversation(WorkspaceId workspace, ConversationId id) {
    synchronized (lock) {
      return Optional.ofNullable(of(conversations, workspace).get(id));
    }
  }

  @Override
  public List<Conversation> conversations(WorkspaceId workspace) {
    synchronized (lock) {
      return of(conversations, workspace).values().stream()
          .sorted(Comparator.comparing(Conversation::lastActivityAt).reversed()
              .thenComparing(c -> c.id().value()))
          .toList();
    }
  }

  @Override
  public Conversation updateConversation(WorkspaceId workspace, ConversationId id, UnaryOperator<Conversation> edit) {
    synchronized (lock) {
      Map<ConversationId, Conversation> map = of(conversations, workspace);
      Conversation current = map.get(id);
      if (current == null) {
        throw new EntityNotFoundException("conversation", id, workspace);
      }
      Conversation next = Checks.required("conversation", edit.apply(current));
      map.put(id, next);
      return next;
    }
  }

  @Override
  public Optional<SyncCursor> cursor(WorkspaceId workspace, AccountId account) {
    synchronized (lock) {
      return Optional.ofNullable(of(cursors, workspace).get(account));
    }
  }

  @Override
  public void saveCursor(WorkspaceId workspace, SyncCursor cursor) {
    Checks.required("cursor", cursor);
    synchronized (lock) {
      of(cursors, workspace).put(cursor.accountId(), cursor);
    }
  }

  @Override
  public ReplyAttempt startReply(ReplyAttempt attempt) {
    Checks.required("attempt", attempt);
    synchronized (lock) {
      return of(replies, attempt.workspaceId()).computeIfAbsent(attempt.idempotencyKey(), k -> attempt);
    }
  }

  @Override
  public Optional<ReplyAttempt> reply(WorkspaceId workspace, String idempotencyKey) {
    synchronized (lock) {
      return Optional.ofNullable(of(replies, workspace).get(idempotencyKey));
    }
  }

  @Override
  public ReplyAttempt updateReply(WorkspaceId workspace, String idempotencyKey, UnaryOperator<ReplyAttempt> edit) {
    synchronized (lock) {
      Map<String, ReplyAttempt> map = of(replies, workspace);
      ReplyAttempt current = map.get(idempotencyKey);
      if (current == null) {
        throw new EntityNotFoundException("reply", idempotencyKey, workspace);
      }
      ReplyAttempt next = Checks.required("attempt", edit.apply(current));
      map.put(idempotencyKey, next);
      return next;
    }
  }

  @Override
  public List<ReplyAttempt> replies(WorkspaceId workspace) {
    synchronized (lock) {
      return List.copyOf(of(replies, workspace).values());
    }
  }

  @Override
  public void saveRule(WorkspaceId workspace, InboxRule rule) {
    Checks.required("rule", rule);
    synchronized (lock) {
      of(rules, workspace).put(rule.name(), rule);
    }
  }

  @Override
  public boolean removeRule(WorkspaceId workspace, String name) {
    synchronized (lock) {
      return of(rules, workspace).remove(name) != null;
    }
  }

  @Override
  public List<InboxRule> rules(WorkspaceId workspace) {
    synchronized (lock) {
      return List.copyOf(of(rules, workspace).values());
    }
  }

  @Override
  public void saveSavedReply(WorkspaceId workspace, SavedReply reply) {
    Checks.required("savedReply", reply);
    synchronized (lock) {
      of(saved, workspace).put(reply.name(), reply);
    }
  }

  @Override
  public boolean removeSavedReply(WorkspaceId workspace, String name) {
    synchronized (lock) {
      return of(saved, workspace).remove(name) != null;
    }
  }

  @Override
  public List<SavedReply> savedReplies(WorkspaceId workspace) {
    synchronized (lock) {
      return List.copyOf(new TreeMap<>(of(saved, workspace)).values());
    }
  }

  @Override
  public void saveHoldingStatements(WorkspaceId workspace, List<HoldingStatement> list) {
    List<HoldingStatement> copy = Checks.list("holdingStatements", list);
    synchronized (lock) {
      statements.put(Checks.required("workspace", workspace), copy);
    }
  }

  @Override
  public List<HoldingStatement> holdingStatements(WorkspaceId workspace) {
    synchronized (lock) {
      return statements.getOrDefault(workspace, List.of());
    }
  }

  @Override
  public CrisisState updateCrisis(WorkspaceId workspace, UnaryOperator<CrisisState> edit) {
    synchronized (lock) {
      CrisisState next = Checks.required("crisis", edit.apply(crisis(workspace)));
      crises.put(workspace, next);
      return next;
    }
  }

  @Override
  public CrisisState crisis(WorkspaceId workspace) {
    synchronized (lock) {
      return crises.getOrDefault(Checks.required("workspace", workspace), CrisisState.inactive(workspace));
    }
  }

  @Override
  public String toString() {
    synchronized (lock) {
      return "InMemoryInboxStore{items=" + items.size() + "}";
    }
  }
}
