package dev.chorus.schedule;

import dev.chorus.connector.AuthenticationExpiredException;
import dev.chorus.connector.Capabilities;
import dev.chorus.connector.Capability;
import dev.chorus.connector.Connector;
import dev.chorus.connector.ContentRejectedException;
import dev.chorus.connector.Limits;
import dev.chorus.connector.PlatformUnavailableException;
import dev.chorus.connector.PublishRequest;
import dev.chorus.connector.PublishResult;
import dev.chorus.connector.RateLimitedException;
import dev.chorus.connector.TextLimit;
import dev.chorus.connector.TransportException;
import dev.chorus.model.Platform;
import dev.chorus.model.PostFormat;
import dev.chorus.text.CountingRule;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** A test platform that records publications per idempotency key and injects faults on demand. */
final class FakePlatform implements Connector {

  static final Platform PLATFORM = Platform.of("fake");

  /** A fault for the next publish call. */
  sealed interface Fault {}
  record FailBeforeAccept() implements Fault {}
  record AcceptThenTimeout() implements Fault {}
  record RateLimit(Duration resetIn) implements Fault {}
  record ServerError() implements Fault {}
  record Reject(String reason) implements Fault {}
  record AuthExpired() implements Fault {}
  /** Runs the action during the call (a slow upload), then accepts. */
  record Slow(Runnable during) implements Fault {}
  /** Records a checkpoint step, then fails unexpectedly (a crash mid-flow). */
  record CheckpointThenCrash(String key, String value) implements Fault {}

  final Map<String, AtomicInteger> publications = new ConcurrentHashMap<>();
  final Map<String, PublishResult> results = new ConcurrentHashMap<>();
  final ConcurrentLinkedDeque<Fault> faults = new ConcurrentLinkedDeque<>();
  final List<Map<String, String>> checkpointsSeen = java.util.Collections.synchronizedList(new ArrayList<>());
  final AtomicInteger publishCalls = new AtomicInteger();
  final AtomicInteger reconcileCalls = new AtomicInteger();
  private final Supplier<Instant> clock;

  FakePlatform(Supplier<Instant> clock) {
    this.clock = clock;
  }

  int count(String idempotencyKey) {
    AtomicInteger n = publications.get(idempotencyKey);
    return n == null ? 0 : n.get();
  }

  int total() {
    return publications.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  @Override
  public Platform platform() {
    return PLATFORM;
  }

  @Override
  public Capabilities capabilities() {
    return Capabilities.builder(Limits.builder(TextLimit.of(500, CountingRule.CODE_POINTS)).build())
        .features(Capability.PUBLISH, Capability.RECONCILE)
        .formats(PostFormat.FEED)
        .build();
  }

  @Override
  public PublishResult publish(PublishRequest request) {
    publishCalls.incrementAndGet();
    checkpointsSeen.add(request.checkpoint().snapshot());
    Fault fault = faults.pollFirst();
    if (fault instanceof FailBeforeAccept) {
      throw new TransportException(PLATFORM, "connection refused", false, null);
    } else if (fault instanceof RateLimit r) {
      throw new RateLimitedException(PLATFORM, 429, "req-1", clock.get().plus(r.resetIn()), "too many requests");
    } else if (fault instanceof ServerError) {
      throw new PlatformUnavailableException(PLATFORM, 503, "req-2", "service unavailable");
    } else if (fault instanceof Reject r) {
      throw new ContentRejectedException(PLATFORM, 400, "req-3", r.reason());
    } else if (fault instanceof AuthExpired) {
      throw new AuthenticationExpiredException(PLATFORM, 401, "req-4", "token expired");
    } else if (fault instanceof Slow s) {
      s.during().run();
    } else if (fault instanceof CheckpointThenCrash c) {
      request.checkpoint().put(c.key(), c.value());
      throw new IllegalStateException("process crashed mid-flow");
    }
    PublishResult result = accept(request);
    if (fault instanceof AcceptThenTimeout) {
      throw new TransportException(PLATFORM, "read timed out after sending", true, null);
    }
    return result;
  }

  private PublishResult accept(PublishRequest request) {
    int n = publications.computeIfAbsent(request.idempotencyKey(), k -> new AtomicInteger()).incrementAndGet();
    PublishResult result = PublishResult.of("ext-" + request.idempotencyKey() + "-" + n,
        URI.create("https://fake.example/p/" + request.idempotencyKey()), clock.get());
    results.put(request.idempotencyKey(), result);
    return result;
  }

  @Override
  public Optional<PublishResult> reconcile(PublishRequest request, Instant attemptedAt) {
    reconcileCalls.incrementAndGet();
    return Optional.ofNullable(results.get(request.idempotencyKey()));
  }
}
