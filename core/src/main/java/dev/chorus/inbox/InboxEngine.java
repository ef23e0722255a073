package dev.chorus.inbox;

import dev.chorus.EntityNotFoundException;
import dev.chorus.connector.Capability;
import dev.chorus.connector.Connector;
import dev.chorus.connector.ConnectorException;
import dev.chorus.connector.InteractionQuery;
import dev.chorus.connector.Page;
import dev.chorus.connector.PublishResult;
import dev.chorus.connector.ReplyRequest;
import dev.chorus.connector.UnsupportedCapabilityException;
import dev.chorus.event.EventPublisher;
import dev.chorus.inbox.internal.Threading;
import dev.chorus.model.AccountId;
import dev.chorus.model.ActorId;
import dev.chorus.model.Checks;
import dev.chorus.model.Interaction;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.Platform;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.WorkspaceId;
import dev.chorus.schedule.Scheduler;
import dev.chorus.store.ChorusStore;
import dev.chorus.webhook.WebhookItem;
import dev.chorus.webhook.WebhookResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The system side of the inbox, shared by the whole instance ({@code chorus.inbox()}): incremental
 * polling sync per account, webhook ingestion, threading, de-duplication, rules and sentiment, and
 * the reply machinery the permission-checked {@link Inbox} of a session uses. Thread-safe.
 *
 * <p>Incremental sync keeps a {@link SyncCursor} per account: a walk over pages stores the page
 * cursor after each page (so an interrupted walk resumes), and a finished walk records the newest
 * creation time seen; the next sync asks for items created after that instant minus
 * {@link #overlap()}, and the (platform, external id) de-duplication absorbs the overlap and any
 * item that also came by webhook.
 */
public final class InboxEngine {

  private static final Logger LOG = LoggerFactory.getLogger(InboxEngine.class);

  /** The actor rules act as (the same id as the workflow's system actor). */
  public static final ActorId SYSTEM = ActorId.of("chorus-system");

  /** The polling overlap used unless configured. */
  public static final Duration DEFAULT_OVERLAP = Duration.ofMinutes(5);

  /** The most pages one account sync walks. */
  static final int MAX_PAGES = 100;

  private final InboxStore store;
  private final ChorusStore chorusStore;
  private final Function<Platform, Optional<Connector>> connectors;
  private final Clock clock;
  private final EventPublisher events;
  private final SentimentClassifier sentiment;
  private final Duration overlap;

  /**
   * An engine; {@code Chorus} builds one.
   *
   * @param connectors the connector of a platform, if any (usually {@link Scheduler#connector})
   * @param overlap how far before the newest item seen each poll starts again (zero or more)
   */
  public InboxEngine(InboxStore store, ChorusStore chorusStore, Function<Platform, Optional<Connector>> connectors,
      Clock clock, EventPublisher events, SentimentClassifier sentiment, Duration overlap) {
    this.store = Checks.required("inboxStore", store);
    this.chorusStore = Checks.required("store", chorusStore);
    this.connectors = Checks.required("connectors", connectors);
    this.clock = Checks.required("clock", clock);
    this.events = Checks.required("events", events);
    this.sentiment = Checks.required("sentimentClassifier", sentiment);
    this.overlap = Checks.required("overlap", overlap);
    if (overlap.isNegative()) {
      throw new dev.chorus.InvalidValueException("overlap", overlap, "must not be negative");
    }
  }

  /** The store. */
  public InboxStore store() {
    return store;
  }

  /** How far back each poll starts before the newest item seen. */
  public Duration overlap() {
    return overlap;
  }

  /** Syncs every account of the workspace whose connector reads interactions. */
  public List<SyncResult> sync(WorkspaceId workspace) {
    Checks.required("workspace", workspace);
    List<SyncResult> results = new ArrayList<>();
    for (SocialAccount account : chorusStore.accounts(workspace)) {
      Optional<Connector> connector = connectors.apply(account.platform());
      if (connector.isPresent() && connector.get().capabilities().supports(Capability.INTERACTIONS)) {
        results.add(sync(account, connector.get()));
      }
    }
    return results;
  }

  /**
   * Syncs one account from its cursor.
   *
   * @throws EntityNotFoundException when the workspace has no such account
   * @throws UnsupportedCapabilityException when its connector cannot read interactions
   */
  public SyncResult sync(WorkspaceId workspace, AccountId account) {
    SocialAccount found = chorusStore.account(Checks.required("workspace", workspace), Checks.required("account", account))
        .orElseThrow(() -> new EntityNotFoundException("account", account, workspace));
    Connector connector = connector(found.platform(), Capability.INTERACTIONS);
    return sync(found, connector);
  }

  private SyncResult sync(SocialAccount account, Connector connector) {
    WorkspaceId workspace = account.workspaceId();
    SyncCursor cursor = store.cursor(workspace, account.id()).orElse(null);
    Instant newest = cursor == null ? null : cursor.since();
    Instant since = newest == null ? null : newest.minus(overlap);
    String page = cursor == null ? null : cursor.pageCursor();
    Set<InteractionKind> kinds = connector.capabilities().interactionKinds();
    int fetched = 0;
    int added = 0;
    int pages = 0;
    do {
      Page<Interaction> result = connector.fetchInteractions(account, new InteractionQuery(kinds, since, page, 100));
      pages++;
      for (Interaction interaction : result.items()) {
        fetched++;
        if (accept(workspace, interaction, ItemSource.POLL)) {
          added++;
        }
        if (newest == null || interaction.createdAt().isAfter(newest)) {
          newest = interaction.createdAt();
        }
      }
      page = result.nextCursor();
      store.saveCursor(workspace, new SyncCursor(account.id(), cursor == null ? null : cursor.since(), page, clock.instant()));
    } while (page != null && pages < MAX_PAGES);
    // A walk cut short keeps the instant its page cursor belongs to; a finished one moves on.
    Instant keep = page == null ? newest : cursor == null ? null : cursor.since();
    store.saveCursor(workspace, new SyncCursor(account.id(), keep, page, clock.instant()));
    LOG.debug("Synced {} of workspace {}: {} fetched, {} new, {} pages", account.id(), workspace, fetched, added, pages);
    return new SyncResult(account.id(), fetched, added, fetched - added, pages);
  }

  /**
   * Ingests the interactions of a verified webhook delivery; handshakes and duplicates do nothing.
   * Interactions of accounts no workspace has are skipped (and counted as neither added nor duplicate).
   */
  public SyncResult ingest(WebhookResult result) {
    Checks.required("result", result);
    if (!(result instanceof WebhookResult.Delivery delivery)) {
      return new SyncResult(null, 0, 0, 0, 0);
    }
    int fetched = 0;
    int added = 0;
    int unknown = 0;
    for (WebhookItem item : delivery.items()) {
      Interaction interaction = item.interaction();
      if (interaction == null) {
        continue;
      }
      fetched++;
      Optional<WorkspaceId> workspace = workspaceOf(interaction.accountId());
      if (workspace.isEmpty()) {
        LOG.warn("Webhook interaction {} names account {} that no workspace has; skipped",
            interaction.externalId(), interaction.accountId());
        unknown++;
        continue;
      }
      if (accept(workspace.get(), interaction, ItemSource.WEBHOOK)) {
        added++;
      }
    }
    return new SyncResult(null, fetched, added, fetched - added - unknown, 0);
  }

  /**
   * Stores one interaction that arrived for the workspace's account, threading it, applying the
   * rules and announcing it; false when it was stored before (from either source).
   */
  public boolean accept(WorkspaceId workspace, Interaction interaction, ItemSource source) {
    Checks.required("workspace", workspace);
    Checks.required("interaction", interaction);
    Checks.required("source", source);
    if (store.item(interaction.platform(), interaction.externalId()).isPresent()) {
      return false;
    }
    if (reconcileOwnReply(workspace, interaction)) {
      return false;
    }
    String parentRoot = null;
    if (interaction.parentExternalId() != null) {
      parentRoot = store.item(interaction.platform(), interaction.parentExternalId())
          .filter(p -> p.workspaceId().equals(workspace) && p.interaction().accountId().equals(interaction.accountId()))
          .flatMap(p -> store.conversation(workspace, p.conversationId()))
          .map(Conversation::rootRef).orElse(null);
    }
    String root = Threading.rootRef(interaction, parentRoot);
    ConversationId id = Threading.conversationId(workspace, interaction.accountId(), root);
    Sentiment tone = sentiment.classify(interaction.text());
    List<InboxRule> matched = store.rules(workspace).stream().filter(r -> r.matches(interaction)).toList();
    boolean hide = matched.stream().anyMatch(InboxRule::hide);
    Instant now = clock.instant();
    if (!store.addItem(new InboxItem(workspace, id, interaction, source, tone, hide, now))) {
      return false;
    }
    store.addConversation(new Conversation(id, workspace, interaction.accountId(), interaction.platform(), root,
        interaction.kind(), ConversationStatus.NEW, null, Priority.NORMAL, Set.of(), List.of(), tone, hide,
        interaction.createdAt(), interaction.createdAt(), null, null));
    ActorId[] assigned = new ActorId[1];
    store.updateConversation(workspace, id, c -> {
      Conversation next = c.withInbound(interaction.createdAt(), tone, hide);
      Set<String> tags = new HashSet<>(next.tags());
      Priority priority = next.priority();
      ActorId assignee = next.assignee();
      assigned[0] = null;
      for (InboxRule rule : matched) {
        tags.addAll(rule.tags());
        if (rule.priority() != null && rule.priority().compareTo(priority) > 0) {
          priority = rule.priority();
        }
        if (rule.assignTo() != null && assignee == null && isMember(workspace, rule.assignTo())) {
          assignee = rule.assignTo();
          assigned[0] = assignee;
        }
      }
      next = next.withTags(tags).withPriority(priority);
      return assigned[0] != null ? next.withAssignee(assigned[0]) : next;
    });
    events.publish(new InboxItemReceived(workspace, id, interaction.platform(), interaction.externalId(),
        interaction.kind(), source, tone, now));
    if (assigned[0] != null) {
      events.publish(new ConversationAssigned(workspace, id, SYSTEM, assigned[0], now));
    }
    if (hide) {
      hideOnPlatform(workspace, id, interaction);
    }
    return true;
  }

  /**
   * Hides a message a rule hid on the platform too, when its connector declares {@link
   * Capability#HIDE}; a failure is logged and announced as {@link PlatformHideFailed}, and the
   * message stays stored and hidden in the inbox.
   */
  private void hideOnPlatform(WorkspaceId workspace, ConversationId id, Interaction interaction) {
    Optional<Connector> connector = connectors.apply(interaction.platform());
    if (connector.isEmpty() || !connector.get().capabilities().supports(Capability.HIDE)) {
      return;
    }
    Optional<SocialAccount> account = chorusStore.account(workspace, interaction.accountId());
    if (account.isEmpty()) {
      return;
    }
    try {
      connector.get().hide(account.get(), interaction.externalId(), true);
    } catch (RuntimeException e) {
      String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
      LOG.warn("Hiding {} of workspace {} on {} failed; it stays hidden in the inbox only: {}",
          interaction.externalId(), workspace, interaction.platform(), reason);
      events.publish(new PlatformHideFailed(workspace, id, interaction.platform(), interaction.externalId(), reason,
          clock.instant()));
    }
  }

  // ------------------------------------------------------------------ replies

  /**
   * When the platform shows a reply by the account itself that matches an UNKNOWN (or stuck
   * STARTED) attempt by parent and text, that attempt did go out: record it SENT under this id.
   */
  private boolean reconcileOwnReply(WorkspaceId workspace, Interaction interaction) {
    if (interaction.parentExternalId() == null) {
      return false;
    }
    Optional<SocialAccount> account = chorusStore.account(workspace, interaction.accountId());
    if (account.isEmpty() || !account.get().externalId().equals(interaction.authorId())) {
      return false;
    }
    Optional<ReplyAttempt> open = store.replies(workspace).stream()
        .filter(a -> a.state() == ReplyState.UNKNOWN || a.state() == ReplyState.STARTED)
        .filter(a -> a.platform().equals(interaction.platform()) && a.accountId().equals(interaction.accountId()))
        .filter(a -> a.parentExternalId().equals(interaction.parentExternalId()) && a.text().equals(interaction.text()))
        .findFirst();
    if (open.isEmpty()) {
      return false;
    }
    LOG.info("Reply {} of workspace {} found on the platform as {}; recorded as sent",
        open.get().idempotencyKey(), workspace, interaction.externalId());
    recordSent(open.get(), interaction.externalId(), interaction.createdAt(), account.get());
    return true;
  }

  /** Sends (or re-sends with the same key) the recorded attempt and records the outcome. */
  ReplyAttempt send(ReplyAttempt attempt) {
    WorkspaceId workspace = attempt.workspaceId();
    SocialAccount account = chorusStore.account(workspace, attempt.accountId())
        .orElseThrow(() -> new EntityNotFoundException("account", attempt.accountId(), workspace));
    Connector connector = connector(attempt.platform(), Capability.REPLY);
    PublishResult result;
    try {
      result = connector.reply(new ReplyRequest(account, attempt.parentExternalId(), attempt.text(),
          attempt.idempotencyKey()));
    } catch (ConnectorException e) {
      ReplyState state = e.outcomeUnknown() ? ReplyState.UNKNOWN : ReplyState.FAILED;
      ReplyAttempt done = store.updateReply(workspace, attempt.idempotencyKey(),
          a -> a.finish(state, clock.instant(), null, e.getClass().getSimpleName() + ": " + e.getMessage()));
      if (state == ReplyState.UNKNOWN) {
        LOG.warn("Reply {} of workspace {} may or may not have been made; not resent until confirmed",
            attempt.idempotencyKey(), workspace);
        return done;
      }
      throw e;
    } catch (RuntimeException e) {
      // Anything else after the call began leaves the outcome open: never guess "not sent".
      store.updateReply(workspace, attempt.idempotencyKey(),
          a -> a.finish(ReplyState.UNKNOWN, clock.instant(), null, e.getClass().getSimpleName()));
      throw e;
    }
    return recordSent(attempt, result.externalId(), result.publishedAt(), account);
  }

  /** Marks the attempt SENT, threads the reply into its conversation and announces it. */
  ReplyAttempt recordSent(ReplyAttempt attempt, String externalId, Instant at, SocialAccount account) {
    WorkspaceId workspace = attempt.workspaceId();
    Instant now = clock.instant();
    boolean[] first = new boolean[1];
    ReplyAttempt done = store.updateReply(workspace, attempt.idempotencyKey(), a -> {
      first[0] = a.state() != ReplyState.SENT;
      return first[0] ? a.finish(ReplyState.SENT, now, externalId, null) : a;
    });
    if (!first[0]) {
      return done; // confirmed by another path meanwhile
    }
    Instant sentAt = at == null ? now : at;
    Interaction reply = new Interaction(account.platform(), account.id(), externalId, InteractionKind.REPLY, null,
        attempt.parentExternalId(), account.externalId(), account.handle(), null, attempt.text(), sentAt, null);
    store.addItem(new InboxItem(workspace, attempt.conversationId(), reply, ItemSource.OUTBOUND, Sentiment.NEUTRAL,
        false, now));
    store.updateConversation(workspace, attempt.conversationId(), c -> c.withReply(done.actor(), sentAt));
    events.publish(new ReplySent(workspace, attempt.conversationId(), done.actor(), done.idempotencyKey(),
        externalId, now));
    return done;
  }

  SocialAccount account(WorkspaceId workspace, AccountId id) {
    return chorusStore.account(workspace, id).orElseThrow(() -> new EntityNotFoundException("account", id, workspace));
  }

  Connector connector(Platform platform, Capability capability) {
    Connector connector = connectors.apply(platform)
        .orElseThrow(() -> new UnsupportedCapabilityException(platform, capability));
    if (!connector.capabilities().supports(capability)) {
      throw new UnsupportedCapabilityException(platform, capability);
    }
    return connector;
  }

  boolean isMember(WorkspaceId workspace, ActorId actor) {
    return chorusStore.workspace(workspace).map(w -> w.members().containsKey(actor)).orElse(false);
  }

  Clock clock() {
    return clock;
  }

  EventPublisher events() {
    return events;
  }

  private Optional<WorkspaceId> workspaceOf(AccountId account) {
    for (WorkspaceId workspace : chorusStore.workspaceIds()) {
      if (chorusStore.account(workspace, account).isPresent()) {
        return Optional.of(workspace);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "InboxEngine{overlap=" + overlap + ", sentiment=" + sentiment + "}";
  }
}
