package dev.chorus.inbox;

import dev.chorus.connector.Capabilities;
import dev.chorus.connector.Capability;
import dev.chorus.connector.Connector;
import dev.chorus.connector.InteractionQuery;
import dev.chorus.connector.Limits;
import dev.chorus.connector.Page;
import dev.chorus.connector.PublishRequest;
import dev.chorus.connector.PublishResult;
import dev.chorus.connector.ReplyRequest;
import dev.chorus.connector.TextLimit;
import dev.chorus.connector.TransportException;
import dev.chorus.model.Interaction;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.Platform;
import dev.chorus.model.SocialAccount;
import dev.chorus.text.CountingRule;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A platform in memory: interactions tests add, pages of a chosen size, replies with scripted faults. */
final class FakeInboxConnector implements Connector {

  /** What the next reply call does. */
  enum ReplyFault { LOST_AFTER_ACCEPT, REFUSED_BEFORE_ACCEPT }

  final Platform platform;
  private final Clock clock;
  final List<Interaction> interactions = new CopyOnWriteArrayList<>();
  final List<InteractionQuery> queries = new CopyOnWriteArrayList<>();
  final Deque<ReplyFault> replyFaults = new ConcurrentLinkedDeque<>();
  final Map<String, String> repliesByKey = new ConcurrentHashMap<>();
  final AtomicInteger replyCalls = new AtomicInteger();
  final AtomicInteger repliesMade = new AtomicInteger();
  volatile int pageSize = 2;

  FakeInboxConnector(Platform platform, Clock clock) {
    this.platform = platform;
    this.clock = clock;
  }

  Interaction add(SocialAccount account, String id, InteractionKind kind, String parent, String author, String text,
      Instant at) {
    Interaction i = new Interaction(platform, account.id(), id, kind, kind == InteractionKind.COMMENT ? "post-1" : null,
        parent, "u-" + author, "@" + author, null, text, at, null);
    interactions.add(i);
    return i;
  }

  @Override
  public Platform platform() {
    return platform;
  }

  @Override
  public Capabilities capabilities() {
    return Capabilities.builder(Limits.builder(TextLimit.of(500, CountingRule.CODE_POINTS)).build())
        .features(Capability.PUBLISH, Capability.REPLY, Capability.INTERACTIONS)
        .interactionKinds(InteractionKind.COMMENT, InteractionKind.REPLY, InteractionKind.MENTION,
            InteractionKind.DIRECT_MESSAGE)
        .build();
  }

  @Override
  public PublishResult publish(PublishRequest request) {
    throw new UnsupportedOperationException("the inbox never publishes posts");
  }

  @Override
  public Page<Interaction> fetchInteractions(SocialAccount account, InteractionQuery query) {
    queries.add(query);
    List<Interaction> all = new ArrayList<>(interactions.stream()
        .filter(i -> i.accountId().equals(account.id()))
        .filter(i -> query.since() == null || i.createdAt().isAfter(query.since()))
        .sorted(Comparator.comparing(Interaction::createdAt).thenComparing(Interaction::externalId))
        .toList());
    int start = query.cursor() == null ? 0 : Integer.parseInt(query.cursor());
    int end = Math.min(all.size(), start + pageSize);
    return new Page<>(all.subList(start, end), end < all.size() ? Integer.toString(end) : null);
  }

  @Override
  public PublishResult reply(ReplyRequest request) {
    replyCalls.incrementAndGet();
    ReplyFault fault = replyFaults.pollFirst();
    if (fault == ReplyFault.REFUSED_BEFORE_ACCEPT) {
      throw new dev.chorus.connector.PlatformUnavailableException(platform, 503, "req-1", "unavailable");
    }
    String id = repliesByKey.computeIfAbsent(request.idempotencyKey(), k -> {
      repliesMade.incrementAndGet();
      return platform.id() + "-reply-" + repliesMade.get();
    });
    if (fault == ReplyFault.LOST_AFTER_ACCEPT) {
      throw new TransportException(platform, "read timed out", true, null);
    }
    return PublishResult.of(id, null, clock.instant());
  }
}
