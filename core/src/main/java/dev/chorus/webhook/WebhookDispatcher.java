package dev.chorus.webhook;

import dev.chorus.InvalidValueException;
import dev.chorus.event.ChorusEvent;
import dev.chorus.event.ChorusListener;
import dev.chorus.json.ChorusJson;
import dev.chorus.model.Checks;
import dev.chorus.model.WorkspaceId;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Delivers Chorus events to the hosts' subscribed URLs. As a {@link ChorusListener} it only queues
 * the work: each delivery runs on the dispatcher's executor, posts the JSON envelope {@code {id,
 * type, at, workspace, data}} signed with {@link ChorusWebhookSignature}, and retries 5xx, 429,
 * timeouts and connection errors with exponential backoff and jitter (honouring {@code
 * Retry-After} on 429, up to the maximum backoff); other 4xx fail at once. Every attempt goes to
 * the {@link DeliveryLog}. Thread-safe; {@link #close()} stops an executor the dispatcher created.
 */
public final class WebhookDispatcher implements ChorusListener, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

  /** Waits between attempts; tests inject one that records the delay and returns at once. */
  @FunctionalInterface
  public interface Sleeper {
    /** Blocks the delivery thread for the duration. */
    void sleep(Duration duration) throws InterruptedException;
  }

  private final HttpClient http;
  private final Clock clock;
  private final ExecutorService executor;
  private final boolean ownsExecutor;
  private final Sleeper sleeper;
  private final RandomGenerator random;
  private final DeliveryLog log;
  private final ChorusJson json;
  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration requestTimeout;
  private final Map<String, WebhookSubscription> subscriptions = new ConcurrentHashMap<>();

  private WebhookDispatcher(Builder b) {
    this.clock = Checks.required("webhookDispatcher.clock", b.clock);
    this.sleeper = Checks.required("webhookDispatcher.sleeper", b.sleeper);
    this.random = Checks.required("webhookDispatcher.random", b.random);
    this.log = Checks.required("webhookDispatcher.log", b.log);
    this.json = Checks.required("webhookDispatcher.json", b.json);
    if (b.maxAttempts < 1) {
      throw new InvalidValueException("webhookDispatcher.maxAttempts", b.maxAttempts, "must be at least 1");
    }
    this.maxAttempts = b.maxAttempts;
    this.initialBackoff = positive("webhookDispatcher.initialBackoff", b.initialBackoff);
    this.maxBackoff = positive("webhookDispatcher.maxBackoff", b.maxBackoff);
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new InvalidValueException("webhookDispatcher.maxBackoff", maxBackoff, "must not be below initialBackoff " + initialBackoff);
    }
    this.requestTimeout = positive("webhookDispatcher.requestTimeout", b.requestTimeout);
    this.http = b.http != null ? b.http : HttpClient.newBuilder().connectTimeout(requestTimeout).build();
    if (b.executor != null) {
      this.executor = b.executor;
      this.ownsExecutor = false;
    } else {
      AtomicInteger n = new AtomicInteger();
      this.executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "chorus-webhook-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
      this.ownsExecutor = true;
    }
    b.subscriptions.forEach(this::subscribe);
  }

  private static Duration positive(String field, Duration d) {
    Checks.required(field, d);
    if (d.isNegative() || d.isZero()) {
      throw new InvalidValueException(field, d, "must be positive");
    }
    return d;
  }

  /** A builder with 5 attempts, backoff from 1 second to 5 minutes and a 10-second timeout. */
  public static Builder builder() {
    return new Builder();
  }

  /** Adds or replaces (by id) a subscription. */
  public void subscribe(WebhookSubscription subscription) {
    Checks.required("subscription", subscription);
    subscriptions.put(subscription.id(), subscription);
  }

  /** Removes a subscription; deliveries already queued still run. */
  public void unsubscribe(String subscriptionId) {
    subscriptions.remove(subscriptionId);
  }

  /** The current subscriptions. */
  public List<WebhookSubscription> subscriptions() {
    return List.copyOf(subscriptions.values());
  }

  /** The delivery log. */
  public DeliveryLog deliveryLog() {
    return log;
  }

  /** Queues a delivery to every subscription that accepts the event; never blocks on I/O. */
  @Override
  public void onEvent(ChorusEvent event) {
    Checks.required("event", event);
    List<WebhookSubscription> targets =
        subscriptions.values().stream().filter(s -> s.accepts(event)).toList();
    if (targets.isEmpty()) {
      return;
    }
    String eventId = UUID.randomUUID().toString();
    String type = WebhookSubscription.typeOf(event);
    byte[] body = envelope(eventId, type, event);
    for (WebhookSubscription subscription : targets) {
      String deliveryId = UUID.randomUUID().toString();
      try {
        executor.execute(() -> deliver(subscription, eventId, type, deliveryId, body));
      } catch (RejectedExecutionException e) {
        LOG.warn("Webhook delivery {} of {} to subscription {} was not queued: the dispatcher is closed",
            deliveryId, type, subscription.id());
      }
    }
  }

  /** The JSON envelope; {@code data} is the event as JSON, left out if it cannot be written. */
  byte[] envelope(String eventId, String type, ChorusEvent event) {
    ObjectNode root = json.mapper().createObjectNode();
    root.put("id", eventId);
    root.put("type", type);
    root.put("at", event.at().toString());
    Optional<WorkspaceId> workspace = event.workspace();
    workspace.ifPresent(w -> root.put("workspace", w.value()));
    try {
      JsonNode data = json.mapper().valueToTree(event);
      root.set("data", data);
    } catch (RuntimeException e) {
      LOG.debug("Event {} does not serialise; sending the envelope without data: {}", type, e.toString());
    }
    return json.toJsonBytes(root);
  }

  private void deliver(WebhookSubscription subscription, String eventId, String type, String deliveryId, byte[] body) {
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      Instant start = clock.instant();
      Integer status = null;
      String error = null;
      boolean retryable;
      Duration retryAfter = null;
      try {
        HttpRequest request = HttpRequest.newBuilder(subscription.url())
            .timeout(requestTimeout)
            .header("Content-Type", "application/json; charset=utf-8")
            .header("User-Agent", "Chorus-Webhooks/1")
            .header(ChorusWebhookSignature.DELIVERY_HEADER, deliveryId)
            .header(ChorusWebhookSignature.EVENT_HEADER, type)
            .header(ChorusWebhookSignature.SIGNATURE_HEADER, ChorusWebhookSignature.sign(subscription.secret(), start, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        status = response.statusCode();
        if (status >= 200 && status < 300) {
          record(subscription, eventId, deliveryId, attempt, start, status, null, DeliveryAttempt.Outcome.DELIVERED, null);
          LOG.debug("Webhook {} {} delivered to subscription {} on attempt {}", type, deliveryId, subscription.id(), attempt);
          return;
        }
        error = "HTTP " + status;
        retryable = status >= 500 || status == 429;
        if (status == 429) {
          retryAfter = response.headers().firstValue("Retry-After").map(this::retryAfter).orElse(null);
        }
      } catch (HttpTimeoutException e) {
        error = "timeout after " + requestTimeout;
        retryable = true;
      } catch (IOException e) {
        error = "connection error: " + e.getClass().getSimpleName();
        retryable = true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        record(subscription, eventId, deliveryId, attempt, start, null, "interrupted", DeliveryAttempt.Outcome.FAILED, null);
        return;
      }
      if (!retryable || attempt == maxAttempts) {
        record(subscription, eventId, deliveryId, attempt, start, status, error, DeliveryAttempt.Outcome.FAILED, null);
        LOG.warn("Webhook {} {} to subscription {} failed after {} attempt(s): {}",
            type, deliveryId, subscription.id(), attempt, error);
        return;
      }
      Duration delay = retryAfter != null ? min(retryAfter, maxBackoff) : backoff(attempt);
      record(subscription, eventId, deliveryId, attempt, start, status, error, DeliveryAttempt.Outcome.RETRYING, delay);
      LOG.debug("Webhook {} {} to subscription {} attempt {} failed ({}); retrying in {}",
          type, deliveryId, subscription.id(), attempt, error, delay);
      try {
        sleeper.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Exponential backoff with "equal jitter": half the step fixed, half random. */
  Duration backoff(int attempt) {
    long base = initialBackoff.toMillis();
    long cap = maxBackoff.toMillis();
    long step = base;
    for (int i = 1; i < attempt && step < cap; i++) {
      step = Math.min(cap, step * 2);
    }
    long half = step / 2;
    return Duration.ofMillis(half + (half == 0 ? 0 : random.nextLong(half + 1)));
  }

  private Duration retryAfter(String value) {
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
    } catch (NumberFormatException e) {
      try {
        Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(clock.instant(), at);
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException ignored) {
        return null;
      }
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private void record(WebhookSubscription s, String eventId, String deliveryId, int attempt, Instant start,
      Integer status, String error, DeliveryAttempt.Outcome outcome, Duration retryIn) {
    Duration took = Duration.between(start, clock.instant());
    try {
      log.record(new DeliveryAttempt(s.id(), eventId, deliveryId, attempt, start, status,
          took.isNegative() ? Duration.ZERO : took, error, outcome, retryIn));
    } catch (RuntimeException e) {
      LOG.warn("Delivery log {} failed to record an attempt", log.getClass().getName(), e);
    }
  }

  /** Stops the executor if the dispatcher created it; queued deliveries are abandoned. */
  @Override
  public void close() {
    if (ownsExecutor) {
      executor.shutdownNow();
    }
  }

  @Override
  public String toString() {
    return "WebhookDispatcher[" + subscriptions.size() + " subscriptions, maxAttempts=" + maxAttempts + "]";
  }

  /** Builds a {@link WebhookDispatcher}. */
  public static final class Builder {
    private HttpClient http;
    private Clock clock = Clock.systemUTC();
    private ExecutorService executor;
    private Sleeper sleeper = duration -> Thread.sleep(duration.toMillis());
    private RandomGenerator random = RandomGenerator.getDefault();
    private DeliveryLog log = DeliveryLog.inMemory(10_000);
    private ChorusJson json;
    private int maxAttempts = 5;
    private Duration initialBackoff = Duration.ofSeconds(1);
    private Duration maxBackoff = Duration.ofMinutes(5);
    private Duration requestTimeout = Duration.ofSeconds(10);
    private final java.util.List<WebhookSubscription> subscriptions = new java.util.ArrayList<>();

    private Builder() {}

    /** The HTTP client (default: a new JDK client with the request timeout as connect timeout). */
    public Builder httpClient(HttpClient http) {
      this.http = Checks.required("webhookDispatcher.httpClient", http);
      return this;
    }

    /** The clock for signature timestamps and the log. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** The executor deliveries run on; the host owns and closes it (default: two daemon threads). */
    public Builder executor(ExecutorService executor) {
      this.executor = Checks.required("webhookDispatcher.executor", executor);
      return this;
    }

    /** How to wait between attempts (default: sleep the delivery thread). */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    /** The jitter source. */
    public Builder random(RandomGenerator random) {
      this.random = random;
      return this;
    }

    /** Where attempts are recorded (default: in memory, last 10 000). */
    public Builder deliveryLog(DeliveryLog log) {
      this.log = log;
      return this;
    }

    /** The JSON facade for the envelope (default: a new {@link ChorusJson}). */
    public Builder json(ChorusJson json) {
      this.json = json;
      return this;
    }

    /** Attempts per delivery, the first included (default 5). */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** The first backoff step (default 1 second). */
    public Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
      return this;
    }

    /** The largest backoff step, also the cap on {@code Retry-After} (default 5 minutes). */
    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
      return this;
    }

    /** The timeout of each request (default 10 seconds). */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = requestTimeout;
      return this;
    }

    /** Adds a subscription. */
    public Builder subscription(WebhookSubscription subscription) {
      subscriptions.add(Checks.required("subscription", subscription));
      return this;
    }

    /** The dispatcher. */
    public WebhookDispatcher build() {
      if (json == null) {
        json = ChorusJson.create();
      }
      return new WebhookDispatcher(this);
    }
  }
}
