package dev.chorus.connector.sandbox;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.AuthenticationExpiredException;
import dev.chorus.connector.Capabilities;
import dev.chorus.connector.Capability;
import dev.chorus.connector.ConnectorException;
import dev.chorus.connector.ContentRejectedException;
import dev.chorus.connector.InteractionQuery;
import dev.chorus.connector.LimitChecks;
import dev.chorus.connector.Limits;
import dev.chorus.connector.MediaLimit;
import dev.chorus.connector.NotFoundException;
import dev.chorus.connector.Page;
import dev.chorus.connector.PermissionDeniedException;
import dev.chorus.connector.PlatformUnavailableException;
import dev.chorus.connector.PublishRequest;
import dev.chorus.connector.PublishResult;
import dev.chorus.connector.RateLimitedException;
import dev.chorus.connector.ReplyRequest;
import dev.chorus.connector.SearchQuery;
import dev.chorus.connector.Secret;
import dev.chorus.connector.TextLimit;
import dev.chorus.connector.TransportException;
import dev.chorus.connector.ValidationResult;
import dev.chorus.connector.Violation;
import dev.chorus.model.Checks;
import dev.chorus.model.HourOfWeekActivity;
import dev.chorus.model.Interaction;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.MediaAsset;
import dev.chorus.model.MediaKind;
import dev.chorus.model.Metric;
import dev.chorus.model.MetricSnapshot;
import dev.chorus.model.Platform;
import dev.chorus.model.PublicPost;
import dev.chorus.model.PublicProfile;
import dev.chorus.model.PostFormat;
import dev.chorus.model.SocialAccount;
import dev.chorus.text.CountingRule;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.Collectors;

/**
 * A simulated social network held in memory. It stores posts, enforces content limits, spends
 * latency through a {@link Sleeper}, throttles each account, injects faults from a {@link
 * FaultPlan}, and lets engagement grow over simulated time (read from the injected {@link Clock})
 * as a function of the posting hour against the audience's activity, the format and the text
 * length. Every publication is recorded so tests can count them.
 *
 * <p>The API methods (those taking the API key) behave like remote calls: each counts as one
 * request, may fail with a typed {@link ConnectorException} carrying the platform, an HTTP-like
 * status and a request id. The inspection and arrangement methods are not requests and never fail
 * that way. Thread-safe.
 */
public final class SandboxPlatform {

  /** The base of post links. */
  public static final String BASE_URL = "https://sandbox.chorus.invalid/";

  private static final HourOfWeekActivity DEFAULT_ACTIVITY = weekdayDaytime();

  private final Platform platform = Platform.SANDBOX;
  private final Clock clock;
  private final long seed;
  private final Limits limits;
  private final Capabilities capabilities;
  private final Duration latency;
  private final Sleeper sleeper;
  private final int rateLimitCalls;
  private final Duration rateLimitWindow;
  private final FaultPlan faultPlan;
  private final Secret apiKey;
  private final boolean idempotencyKeys;
  private final int metricsBatchSize;
  private final HourOfWeekActivity defaultActivity;
  private final Map<String, HourOfWeekActivity> activities;
  private final Map<String, Long> followers;
  private final Duration mentionInterval;

  private final AtomicInteger calls = new AtomicInteger();
  /** Requests per operation, by ordinal; counted outside the lock. */
  private final AtomicIntegerArray callsByOperation = new AtomicIntegerArray(SandboxOperation.values().length);
  /** When each account was first seen; written under the lock, or without it on the quiet path. */
  private final Map<String, Instant> accountsSince = new ConcurrentHashMap<>();
  /** Whether the fault plan draws random faults (fixed at build). */
  private final boolean randomFaults;
  /** Whether faults were ever scripted since the last reset; then every request takes the lock. */
  private volatile boolean scriptedAny;
  private final Object lock = new Object();
  // Everything below is guarded by lock.
  private Random faultRandom;
  private final Map<SandboxOperation, Deque<Fault>> scripted = new EnumMap<>(SandboxOperation.class);
  private final List<Integer> metricsRequestSizes = new ArrayList<>();
  private final Deque<String> nextIds = new ArrayDeque<>();
  private final List<SandboxPost> posts = new ArrayList<>();
  private final Map<String, Integer> postIndex = new HashMap<>();
  private final Map<String, String> keys = new HashMap<>();
  private final Map<String, Long> arrangedFollowers = new HashMap<>();
  private final Map<String, long[]> windows = new HashMap<>();
  private final List<Arranged> arranged = new ArrayList<>();
  private final Set<String> hidden = new HashSet<>();
  private final PublicWorld publicWorld = new PublicWorld();
  private Instant stormUntil;
  private boolean simulateInteractions = true;
  private int maxPageSize = 1000;
  private long sequence;

  private record Arranged(
      String accountExternalId, String id, InteractionKind kind, String postId, String text, Instant createdAt) {

    Interaction build(Platform platform, SocialAccount account) {
      return new Interaction(platform, account.id(), id, kind, postId, null, "u-arranged", "@arranged", null,
          text, createdAt, URI.create(BASE_URL + "interactions/" + id));
    }
  }

  private SandboxPlatform(Builder builder) {
    this.clock = builder.clock;
    this.seed = builder.seed;
    this.limits = builder.limits;
    this.latency = builder.latency;
    this.sleeper = builder.sleeper;
    this.rateLimitCalls = builder.rateLimitCalls;
    this.rateLimitWindow = builder.rateLimitWindow;
    this.faultPlan = builder.faultPlan;
    this.apiKey = builder.apiKey;
    this.idempotencyKeys = builder.idempotencyKeys;
    this.metricsBatchSize = builder.metricsBatchSize;
    this.defaultActivity = builder.defaultActivity;
    this.activities = Map.copyOf(builder.activities);
    this.followers = Map.copyOf(builder.followers);
    this.mentionInterval = builder.mentionInterval;
    this.capabilities = capabilitiesFor(limits, metricsBatchSize, idempotencyKeys);
    this.randomFaults = Arrays.stream(FaultKind.values()).anyMatch(k -> faultPlan.probability(k) > 0);
    resetState();
  }

  /** A builder for a platform on the clock. */
  public static Builder builder(Clock clock) {
    return new Builder(clock);
  }

  /**
   * The default limits, like a generic network: 500 graphemes, at most 10 media items (4 images
   * outside a carousel), carousels of 2-10, threads of up to 25 parts, polls of up to 4 options.
   */
  public static Limits defaultLimits() {
    return defaultLimits(500);
  }

  static Limits defaultLimits(int textMax) {
    return Limits.builder(TextLimit.of(textMax, CountingRule.GRAPHEMES))
        .maxHashtags(30)
        .maxMentions(20)
        .maxMediaPerPost(10)
        .media(MediaLimit.builder(MediaKind.IMAGE, 10).maxBytes(10L * 1024 * 1024)
            .mimeTypes("image/jpeg", "image/png", "image/webp").build())
        .media(MediaLimit.builder(MediaKind.GIF, 1).maxBytes(15L * 1024 * 1024).mimeTypes("image/gif").build())
        .media(MediaLimit.builder(MediaKind.VIDEO, 10).maxBytes(1024L * 1024 * 1024)
            .duration(Duration.ofSeconds(1), Duration.ofMinutes(15)).mimeTypes("video/mp4", "video/quicktime").build())
        .media(MediaLimit.builder(MediaKind.DOCUMENT, 1).maxBytes(100L * 1024 * 1024)
            .mimeTypes("application/pdf").build())
        .carousel(2, 10)
        .maxThreadParts(25)
        .pollMaxOptions(4)
        .build();
  }

  /** What a connector over a platform with these settings declares. */
  static Capabilities capabilitiesFor(Limits limits, int metricsBatchSize, boolean idempotencyKeys) {
    List<Capability> features = new ArrayList<>(List.of(Capability.PUBLISH, Capability.DELETE,
        Capability.REPLY, Capability.POST_METRICS, Capability.ACCOUNT_METRICS, Capability.INTERACTIONS,
        Capability.RECONCILE, Capability.FIRST_COMMENT, Capability.POLL, Capability.LINK, Capability.ALT_TEXT,
        Capability.HIDE, Capability.SEARCH, Capability.PUBLIC_PROFILES));
    if (idempotencyKeys) {
      features.add(Capability.IDEMPOTENCY_KEYS);
    }
    return Capabilities.builder(limits)
        .features(features.toArray(Capability[]::new))
        .formats(PostFormat.values())
        .mediaKinds(limits.media().keySet().toArray(MediaKind[]::new))
        .interactionKinds(InteractionKind.COMMENT, InteractionKind.REPLY, InteractionKind.MENTION)
        .postMetrics(Metric.IMPRESSIONS, Metric.REACH, Metric.LIKES, Metric.COMMENTS, Metric.SHARES,
            Metric.SAVES, Metric.CLICKS, Metric.LINK_CLICKS, Metric.VIDEO_VIEWS, Metric.WATCH_TIME_MS)
        .accountMetrics(Metric.FOLLOWERS, Metric.FOLLOWING, Metric.PROFILE_VISITS)
        .metricsBatchSize(metricsBatchSize)
        .build();
  }

  /**
   * A realistic audience shape, in the audience's zone: quiet at night, rising from 7:00, peaks
   * at lunch (12-13) and in the evening (18-21), weekends at 70% of weekdays.
   */
  public static HourOfWeekActivity defaultActivity() {
    return DEFAULT_ACTIVITY;
  }

  private static HourOfWeekActivity weekdayDaytime() {
    double[] day = {
      0.10, 0.06, 0.04, 0.03, 0.04, 0.08, 0.25, 0.55, 0.80, 0.90, 0.95, 1.00,
      1.30, 1.20, 0.95, 0.90, 0.95, 1.05, 1.25, 1.35, 1.30, 1.10, 0.70, 0.30};
    double[] week = new double[HourOfWeekActivity.HOURS];
    for (int d = 0; d < 7; d++) {
      for (int h = 0; h < 24; h++) {
        week[d * 24 + h] = day[h] * (d >= 5 ? 0.7 : 1.0);
      }
    }
    return HourOfWeekActivity.of(week);
  }

  // ---------------------------------------------------------------- description

  /** The platform id, {@code sandbox}. */
  public Platform platform() {
    return platform;
  }

  /** The clock simulated time is read from. */
  public Clock clock() {
    return clock;
  }

  /** The seed engagement is derived from. */
  public long seed() {
    return seed;
  }

  /** The content limits. */
  public Limits limits() {
    return limits;
  }

  /** What a connector over this platform declares. */
  public Capabilities capabilities() {
    return capabilities;
  }

  /** The fault plan. */
  public FaultPlan faultPlan() {
    return faultPlan;
  }

  /** Whether this platform requires a particular API key (otherwise any key is accepted). */
  public boolean requiresApiKey() {
    return apiKey != null;
  }

  /** Checks the request offline against the limits and the sandbox's own format rules. */
  public ValidationResult validate(PublishRequest request) {
    return LimitChecks.check(platform, capabilities, request).and(SandboxRules.check(request));
  }

  // ---------------------------------------------------------------- API

  /**
   * Creates a post, or returns the account's post already created with the same idempotency key
   * (creating nothing).
   *
   * @throws ContentRejectedException when the content breaks the limits (HTTP 400)
   */
  public PublishResult publish(Secret key, PublishRequest request) {
    Checks.required("request", request);
    String account = request.account().externalId();
    Call call = begin(SandboxOperation.PUBLISH, key, account);
    // Validation depends on the request only, so it runs outside the lock; its verdict counts only
    // when no post with the key exists (a repeated request returns the first post, as before).
    ValidationResult validation = validate(request);
    SandboxPost post;
    synchronized (lock) {
      post = byKey(account, request.idempotencyKey());
      if (post == null) {
        if (!validation.valid()) {
          throw new ContentRejectedException(platform, 400, call.requestId, validation.violations().stream()
              .map(Violation::message).collect(Collectors.joining("; ")));
        }
        String id = nextId();
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < request.threadParts().size(); i++) {
          parts.add(id + "-p" + (i + 1));
        }
        post = new SandboxPost(id, account, request.idempotencyKey(), request.format(),
            request.text(), request.media().stream().map(MediaAsset::kind).toList(), request.link() != null,
            request.inReplyTo(), request.account().timeZone(), clock.instant(), parts,
            request.firstComment() == null ? null : id + "-fc", null);
        store(post);
      }
    }
    return end(call, resultOf(post));
  }

  /**
   * Deletes the account's post.
   *
   * @throws NotFoundException when the account has no such live post (HTTP 404)
   */
  public void delete(Secret key, String accountExternalId, String externalId) {
    Checks.notBlank("accountExternalId", accountExternalId);
    Checks.notBlank("externalId", externalId);
    Call call = begin(SandboxOperation.DELETE, key, accountExternalId);
    synchronized (lock) {
      Integer index = postIndex.get(externalId);
      SandboxPost post = index == null ? null : posts.get(index);
      if (post == null || !post.live() || !post.accountExternalId().equals(accountExternalId)) {
        throw new NotFoundException(platform, 404, call.requestId, "no post " + externalId + " for this account");
      }
      posts.set(index, post.deletedAt(clock.instant()));
    }
    end(call, null);
  }

  /**
   * Searches the account's live posts for one published by {@code request}: first by idempotency
   * key, then by identical text created at or after {@code attemptedAt}.
   */
  public Optional<PublishResult> search(Secret key, PublishRequest request, Instant attemptedAt) {
    Checks.required("request", request);
    Checks.required("attemptedAt", attemptedAt);
    String account = request.account().externalId();
    Call call = begin(SandboxOperation.SEARCH, key, account);
    Optional<PublishResult> found;
    synchronized (lock) {
      SandboxPost post = posts.stream()
          .filter(p -> p.live() && p.accountExternalId().equals(account))
          .filter(p -> p.idempotencyKey().equals(request.idempotencyKey()))
          .findFirst()
          .or(() -> posts.stream()
              .filter(p -> p.live() && p.accountExternalId().equals(account))
              .filter(p -> p.text().equals(request.text()) && !p.createdAt().isBefore(attemptedAt))
              .findFirst())
          .orElse(null);
      found = Optional.ofNullable(post).map(this::resultOf);
    }
    return end(call, found);
  }

  /**
   * Lifetime counters of the account's live posts among the ids, in the order asked; unknown,
   * deleted or other accounts' posts are left out.
   *
   * @throws InvalidValueException when more than the metrics batch size are asked for at once
   */
  public List<MetricSnapshot> postMetrics(Secret key, SocialAccount account, List<String> externalPostIds) {
    Checks.required("account", account);
    List<String> ids = Checks.list("externalPostIds", externalPostIds);
    Call call = begin(SandboxOperation.POST_METRICS, key, account.externalId());
    List<MetricSnapshot> snapshots = new ArrayList<>();
    synchronized (lock) {
      metricsRequestSizes.add(ids.size());
      if (ids.size() > metricsBatchSize) {
        throw new InvalidValueException("externalPostIds", ids.size() + " ids",
            "the sandbox answers at most " + metricsBatchSize + " ids per request");
      }
      Instant now = clock.instant();
      for (String id : ids) {
        Integer index = postIndex.get(id);
        SandboxPost post = index == null ? null : posts.get(index);
        if (post != null && post.live() && !post.reply() && post.accountExternalId().equals(account.externalId())) {
          snapshots.add(new MetricSnapshot(platform, account.id(), id, now,
              Engagement.metrics(potential(post), post, now)));
        }
      }
    }
    return end(call, snapshots);
  }

  /** Followers (growing over time and with the reach of the account's posts), following and profile visits. */
  public MetricSnapshot accountMetrics(Secret key, SocialAccount account) {
    Checks.required("account", account);
    Call call = begin(SandboxOperation.ACCOUNT_METRICS, key, account.externalId());
    MetricSnapshot snapshot;
    synchronized (lock) {
      Instant now = clock.instant();
      long gained = 0;
      long visits = 0;
      for (SandboxPost post : posts) {
        if (post.live() && !post.reply() && post.accountExternalId().equals(account.externalId())) {
          Map<Metric, Long> values = Engagement.metrics(potential(post), post, now);
          gained += (long) Math.floor(values.get(Metric.REACH) * Engagement.FOLLOWS_PER_REACH);
          visits += (long) Math.floor(values.get(Metric.IMPRESSIONS) * Engagement.VISITS_PER_IMPRESSION);
        }
      }
      Map<Metric, Long> values = new LinkedHashMap<>();
      values.put(Metric.FOLLOWERS, followersAt(account.externalId(), now) + gained);
      values.put(Metric.FOLLOWING, 100L + Engagement.random(seed, "following:" + account.externalId()).nextInt(500));
      values.put(Metric.PROFILE_VISITS, visits);
      snapshot = new MetricSnapshot(platform, account.id(), null, now, values);
    }
    return end(call, snapshot);
  }

  /**
   * One page of the account's interactions, oldest first: comments on its live posts (appearing as
   * the comments counter grows), mentions every {@code mentionInterval} since the account was first
   * seen, and arranged interactions.
   *
   * @throws InvalidValueException when the cursor is not one this platform issued
   */
  public Page<Interaction> interactions(Secret key, SocialAccount account, InteractionQuery query) {
    Checks.required("account", account);
    Checks.required("query", query);
    String[] after = query.cursor() == null ? null : decodeCursor(query.cursor());
    Call call = begin(SandboxOperation.INTERACTIONS, key, account.externalId());
    Page<Interaction> page;
    synchronized (lock) {
      List<Interaction> all = new ArrayList<>();
      for (Interaction item : visibleInteractions(account, clock.instant())) {
        if ((query.kinds().isEmpty() || query.kinds().contains(item.kind()))
            && (query.since() == null || item.createdAt().isAfter(query.since()))
            && (after == null || compare(item, after) > 0)) {
          all.add(item);
        }
      }
      List<Interaction> items = all.subList(0, Math.min(Math.min(query.pageSize(), maxPageSize), all.size()));
      String next = all.size() > items.size() ? encodeCursor(items.get(items.size() - 1)) : null;
      page = new Page<>(items, next);
    }
    return end(call, page);
  }

  /**
   * Replies to a live post or a visible comment, or returns the reply already made with the same
   * idempotency key.
   *
   * @throws NotFoundException when the parent does not exist (HTTP 404)
   */
  public PublishResult reply(Secret key, ReplyRequest request) {
    Checks.required("request", request);
    String account = request.account().externalId();
    Call call = begin(SandboxOperation.REPLY, key, account);
    PublishResult result;
    synchronized (lock) {
      SandboxPost existing = byKey(account, request.idempotencyKey());
      if (existing != null) {
        result = resultOf(existing);
      } else {
        if (!parentExists(request.account(), request.parentExternalId())) {
          throw new NotFoundException(platform, 404, call.requestId,
              "nothing to reply to: " + request.parentExternalId());
        }
        if (dev.chorus.text.TextRules.graphemes(request.text()) > limits.text().max()) {
          throw new ContentRejectedException(platform, 400, call.requestId,
              "reply text is longer than " + limits.text().max() + " characters");
        }
        SandboxPost post = new SandboxPost(nextId(), account, request.idempotencyKey(), PostFormat.FEED,
            request.text(), List.of(), false, request.parentExternalId(), request.account().timeZone(),
            clock.instant(), List.of(), null, null);
        store(post);
        result = resultOf(post);
      }
    }
    return end(call, result);
  }

  /**
   * Hides one of the account's visible interactions from everyone but the account, or shows it
   * again; hiding what is already hidden changes nothing. Hidden interactions still appear in the
   * account's {@link #interactions} (the account keeps seeing them). Counts as a request and takes
   * faults like {@link #reply}.
   *
   * @throws NotFoundException when the account has no such visible interaction (HTTP 404)
   */
  public void hide(Secret key, SocialAccount account, String externalId, boolean hide) {
    Checks.required("account", account);
    Checks.notBlank("externalId", externalId);
    Call call = begin(SandboxOperation.HIDE, key, account.externalId());
    synchronized (lock) {
      boolean visible = visibleInteractions(account, clock.instant()).stream()
          .anyMatch(i -> i.externalId().equals(externalId));
      if (!visible) {
        throw new NotFoundException(platform, 404, call.requestId, "no interaction " + externalId + " for this account");
      }
      if (hide) {
        hidden.add(externalId);
      } else {
        hidden.remove(externalId);
      }
    }
    end(call, null);
  }

  // ---------------------------------------------------------------- inspection

  /** Whether the interaction is hidden on the platform. */
  public boolean isHidden(String externalId) {
    synchronized (lock) {
      return hidden.contains(externalId);
    }
  }

  /** Every publication ever stored (posts and replies, deleted ones too), oldest first. */
  public List<SandboxPost> publications() {
    synchronized (lock) {
      return List.copyOf(posts);
    }
  }

  /** The publication with the id, if any. */
  public Optional<SandboxPost> publication(String externalId) {
    synchronized (lock) {
      Integer index = postIndex.get(externalId);
      return index == null ? Optional.empty() : Optional.of(posts.get(index));
    }
  }

  /** How many publications were ever stored. */
  public int publicationCount() {
    synchronized (lock) {
      return posts.size();
    }
  }

  /** How many publications carry the idempotency key (more than one means a duplicate). */
  public int publicationCountByKey(String idempotencyKey) {
    synchronized (lock) {
      return (int) posts.stream().filter(p -> p.idempotencyKey().equals(idempotencyKey)).count();
    }
  }

  /** How many publications have exactly this text. */
  public int publicationCountByText(String text) {
    synchronized (lock) {
      return (int) posts.stream().filter(p -> p.text().equals(text)).count();
    }
  }

  /** How many publications the account made. */
  public int publicationCountByAccount(String accountExternalId) {
    synchronized (lock) {
      return (int) posts.stream().filter(p -> p.accountExternalId().equals(accountExternalId)).count();
    }
  }

  /** How many API requests reached the platform (failed ones included) since it was built or reset. */
  public int requestCount() {
    return calls.get();
  }

  /** How many API requests of the operation reached the platform. */
  public int requestCount(SandboxOperation operation) {
    synchronized (lock) {
      return callsByOperation.get(operation.ordinal());
    }
  }

  /** How many post ids each metrics request asked for, in order. */
  public List<Integer> metricsRequestSizes() {
    synchronized (lock) {
      return List.copyOf(metricsRequestSizes);
    }
  }

  /** The account's followers at the instant before any gained from its posts: initial plus 0.2% a day. */
  public long baseFollowers(String accountExternalId, Instant at) {
    synchronized (lock) {
      return followersAt(accountExternalId, at);
    }
  }

  // ---------------------------------------------------------------- arrangement

  /** The next calls of the operation fail with these faults, in order, after any already scripted. */
  public void scriptFaults(SandboxOperation operation, Fault... faults) {
    Checks.required("operation", operation);
    List<Fault> checked = Checks.list("faults", List.of(faults));
    synchronized (lock) {
      scripted.computeIfAbsent(operation, op -> new ArrayDeque<>()).addAll(checked);
      scriptedAny = true;
    }
  }

  /**
   * From now on the account has this many followers before any it gains from its posts, growing
   * from this instant; {@link #reset()} forgets it.
   */
  public void arrangeFollowers(String accountExternalId, long count) {
    Checks.notBlank("accountExternalId", accountExternalId);
    Checks.nonNegative("followers", count);
    synchronized (lock) {
      arrangedFollowers.put(accountExternalId, count);
      accountsSince.put(accountExternalId, clock.instant());
    }
  }

  /** The next posts created get these ids, in order. */
  public void nextPostIds(String... externalIds) {
    List<String> ids = Checks.list("externalIds", List.of(externalIds));
    synchronized (lock) {
      for (String id : ids) {
        Checks.notBlank("externalIds", id);
        if (postIndex.containsKey(id) || nextIds.contains(id)) {
          throw new InvalidValueException("externalIds", id, "is already taken");
        }
      }
      nextIds.addAll(ids);
    }
  }

  /**
   * Public posts by any account, newest first, whose text has the keyword (ignoring case), the
   * hashtag or a mention of the handle; pages hold at most the interaction page cap.
   *
   * @throws InvalidValueException when the cursor is not one this platform issued
   */
  public Page<PublicPost> searchPublic(Secret key, SocialAccount account, SearchQuery query) {
    Checks.required("account", account);
    Checks.required("query", query);
    Call call = begin(SandboxOperation.SEARCH_PUBLIC, key, account.externalId());
    Page<PublicPost> page;
    synchronized (lock) {
      page = publicWorld.search(query, maxPageSize, clock.instant());
    }
    return end(call, page);
  }

  /**
   * Another account's public profile with up to {@code recentPosts} (0-100) of its latest public
   * posts, newest first.
   *
   * @throws NotFoundException when no profile has the handle (HTTP 404)
   */
  public PublicProfile lookupProfile(Secret key, SocialAccount account, String handle, int recentPosts) {
    Checks.required("account", account);
    Checks.notBlank("handle", handle);
    if (recentPosts < 0 || recentPosts > 100) {
      throw new InvalidValueException("recentPosts", recentPosts, "must be 0-100");
    }
    String bare = handle.startsWith("@") ? handle.substring(1) : handle;
    Call call = begin(SandboxOperation.LOOKUP_PROFILE, key, account.externalId());
    PublicProfile profile;
    synchronized (lock) {
      profile = publicWorld.profile(bare, recentPosts, clock.instant()).orElseThrow(() ->
          new NotFoundException(platform, 404, call.requestId, "no profile @" + bare));
    }
    return end(call, profile);
  }

  /** Adds a public post by another account; no request is counted. */
  public void arrangePublicPost(PublicPost post) {
    Checks.required("post", post);
    synchronized (lock) {
      publicWorld.addPost(post);
    }
  }

  /**
   * Adds another account's public profile with its counters, and its {@code recentPosts} as public
   * posts; no request is counted.
   */
  public void arrangeProfile(PublicProfile profile) {
    Checks.required("profile", profile);
    synchronized (lock) {
      publicWorld.addProfile(profile);
      profile.recentPosts().forEach(publicWorld::addPost);
    }
  }

  /**
   * Adds {@code accounts} simulated public accounts {@code sim_0}, {@code sim_1}, ... with {@code
   * postsEach} public posts each, spread evenly over the 7 days before now (newest about a day /
   * (postsEach + 1) ago), each tagged with one of the hashtags in turn. Deterministic from the
   * seed: followers log-uniform in [100, 100,000), following 50-999, an engagement rate per account
   * uniform in [0.5 %, 5 %); a post's likes are {@code floor(followers × rate × (0.5 + u))} with
   * {@code u} uniform in [0, 1), shares a tenth and comments a twentieth of the likes (rounded down).
   * POSTS is {@code postsEach}. No request is counted.
   */
  public void simulatePublicAccounts(int accounts, int postsEach, List<String> hashtags) {
    if (accounts < 1 || accounts > 10_000) {
      throw new InvalidValueException("accounts", accounts, "must be 1-10000");
    }
    if (postsEach < 0 || postsEach > 1000) {
      throw new InvalidValueException("postsEach", postsEach, "must be 0-1000");
    }
    List<String> tags = Checks.list("hashtags", hashtags);
    if (tags.isEmpty()) {
      throw new InvalidValueException("hashtags", tags, "must name at least one hashtag");
    }
    Instant now = clock.instant();
    Duration step = Duration.ofDays(7).dividedBy(postsEach + 1L);
    synchronized (lock) {
      for (int i = 0; i < accounts; i++) {
        java.util.SplittableRandom random = Engagement.random(seed, "public-account:" + i);
        String handle = "sim_" + i;
        String id = "sim-id-" + i;
        long followers = (long) Math.floor(100 * Math.pow(10, 3 * random.nextDouble()));
        double rate = 0.005 + 0.045 * random.nextDouble();
        List<PublicPost> latest = new ArrayList<>();
        for (int j = 0; j < postsEach; j++) {
          long likes = (long) Math.floor(followers * rate * (0.5 + random.nextDouble()));
          Map<Metric, Long> counters = new LinkedHashMap<>();
          counters.put(Metric.LIKES, likes);
          counters.put(Metric.SHARES, likes / 10);
          counters.put(Metric.COMMENTS, likes / 20);
          String tag = tags.get((i + j) % tags.size());
          String postId = "sim-" + i + "-" + j;
          latest.add(new PublicPost(platform, postId, id, handle,
              "Simulated post " + j + " by @" + handle + " #" + (tag.startsWith("#") ? tag.substring(1) : tag),
              now.minus(step.multipliedBy(j + 1L)), "en", URI.create(BASE_URL + "public/" + postId), now, counters));
        }
        Map<Metric, Long> counters = new LinkedHashMap<>();
        counters.put(Metric.FOLLOWERS, followers);
        counters.put(Metric.FOLLOWING, 50L + random.nextInt(950));
        counters.put(Metric.POSTS, (long) postsEach);
        PublicProfile profile = new PublicProfile(platform, id, handle, "Simulated " + i, "A simulated account",
            now.minus(Duration.ofDays(365)), now, counters, latest);
        publicWorld.addProfile(profile);
        latest.forEach(publicWorld::addPost);
      }
    }
  }

  /** Stores a text post as if the account had published it at {@code createdAt}; no request is counted. */
  public SandboxPost arrangePost(String accountExternalId, String externalId, String text, Instant createdAt) {
    Checks.notBlank("accountExternalId", accountExternalId);
    Checks.notBlank("externalId", externalId);
    Checks.required("createdAt", createdAt);
    synchronized (lock) {
      if (postIndex.containsKey(externalId)) {
        throw new InvalidValueException("externalId", externalId, "is already taken");
      }
      SandboxPost post = new SandboxPost(externalId, accountExternalId, "arranged:" + externalId,
          PostFormat.FEED, text, List.of(), false, null, ZoneOffset.UTC, createdAt, List.of(), null, null);
      accountsSince.merge(accountExternalId, createdAt, (a, b) -> a.isBefore(b) ? a : b);
      store(post);
      return post;
    }
  }

  /**
   * Adds an interaction to the account's inbox, created at the instant; returns its id.
   *
   * @param externalPostId the post it is about, or {@code null}
   */
  public String arrangeInteraction(String accountExternalId, InteractionKind kind, String externalPostId,
      String text, Instant createdAt) {
    Checks.notBlank("accountExternalId", accountExternalId);
    Checks.required("kind", kind);
    Checks.required("createdAt", createdAt);
    synchronized (lock) {
      String id = "int-" + (arranged.size() + 1);
      arranged.add(new Arranged(accountExternalId, id, kind, externalPostId, text == null ? "" : text, createdAt));
      return id;
    }
  }

  /** Turns the generated comments and mentions on or off (arranged interactions always show). */
  public void simulateInteractions(boolean on) {
    synchronized (lock) {
      simulateInteractions = on;
    }
  }

  /** Caps the interaction page size whatever the query asks for (1000, the most a query may ask, by default). */
  public void maxPageSize(int size) {
    if (size < 1 || size > 1000) {
      throw new InvalidValueException("maxPageSize", size, "must be 1-1000");
    }
    synchronized (lock) {
      maxPageSize = size;
    }
  }

  /**
   * Forgets every post, account, arrangement, rate-limit window, storm and recorded request, and
   * restarts the fault draws from the plan's seed and scripts.
   */
  public void reset() {
    synchronized (lock) {
      resetState();
    }
  }

  private void resetState() {
    faultRandom = new Random(faultPlan.seed());
    scripted.clear();
    for (SandboxOperation op : SandboxOperation.values()) {
      if (!faultPlan.scripted(op).isEmpty()) {
        scripted.put(op, new ArrayDeque<>(faultPlan.scripted(op)));
      }
    }
    scriptedAny = !scripted.isEmpty();
    for (int i = 0; i < callsByOperation.length(); i++) {
      callsByOperation.set(i, 0);
    }
    metricsRequestSizes.clear();
    nextIds.clear();
    posts.clear();
    postIndex.clear();
    keys.clear();
    accountsSince.clear();
    arrangedFollowers.clear();
    windows.clear();
    arranged.clear();
    hidden.clear();
    publicWorld.clear();
    stormUntil = null;
    simulateInteractions = true;
    maxPageSize = 1000;
    sequence = 0;
    calls.set(0);
  }

  @Override
  public String toString() {
    return "SandboxPlatform{seed=" + seed + ", latency=" + latency + ", rateLimit=" + rateLimitCalls + "/"
        + rateLimitWindow + ", " + faultPlan + ", apiKey=" + (apiKey == null ? "any" : "***") + "}";
  }

  // ---------------------------------------------------------------- call machinery

  private static final class Call {
    final SandboxOperation operation;
    final String requestId;
    final FaultKind after;

    Call(SandboxOperation operation, String requestId, FaultKind after) {
      this.operation = operation;
      this.requestId = requestId;
      this.after = after;
    }
  }

  /** Counts the request, spends latency, checks the key, the limits and the faults due before any effect. */
  private Call begin(SandboxOperation operation, Secret key, String account) {
    int number = calls.incrementAndGet();
    String requestId = "sbx-req-" + number;
    if (!latency.isZero()) {
      sleeper.sleep(latency);
    }
    callsByOperation.incrementAndGet(operation.ordinal());
    if (apiKey != null && (key == null || !apiKey.equals(key))) {
      throw new AuthenticationExpiredException(platform, 401, requestId, "the API key is not valid for this sandbox");
    }
    if (rateLimitCalls == 0 && !randomFaults && !scriptedAny) {
      // Quiet platform (no throttling, no fault can be drawn or is scripted, so no storm either):
      // nothing below needs the lock, and a burst of callers must not queue on it.
      accountsSince.putIfAbsent(account, clock.instant());
      return new Call(operation, requestId, null);
    }
    Fault fault;
    synchronized (lock) {
      Instant now = clock.instant();
      accountsSince.putIfAbsent(account, now);
      if (stormUntil != null && now.isBefore(stormUntil)) {
        throw new RateLimitedException(platform, 429, requestId, stormUntil, "the sandbox is throttling every request");
      }
      if (rateLimitCalls > 0) {
        long windowMillis = rateLimitWindow.toMillis();
        long start = Math.floorDiv(now.toEpochMilli(), windowMillis) * windowMillis;
        long[] window = windows.computeIfAbsent(account, a -> new long[] {start, 0});
        if (window[0] != start) {
          window[0] = start;
          window[1] = 0;
        }
        if (window[1] >= rateLimitCalls) {
          throw new RateLimitedException(platform, 429, requestId, Instant.ofEpochMilli(start + windowMillis),
              "the account made " + rateLimitCalls + " requests in " + rateLimitWindow);
        }
        window[1]++;
      }
      Deque<Fault> queue = scripted.get(operation);
      fault = queue == null ? null : queue.poll();
      if (fault == null) {
        fault = draw();
      }
      if (fault != null && fault.kind() == FaultKind.RATE_LIMIT && fault.retryAt() == null) {
        stormUntil = now.plus(faultPlan.stormDuration());
        fault = new Fault(FaultKind.RATE_LIMIT, fault.requestId(), fault.reason(), stormUntil);
      }
    }
    if (fault == null) {
      return new Call(operation, requestId, null);
    }
    String id = fault.requestId() != null ? fault.requestId() : requestId;
    String reason = fault.reason();
    switch (fault.kind()) {
      case TIMEOUT_AFTER_ACCEPT:
      case MALFORMED:
        return new Call(operation, id, fault.kind());
      case TIMEOUT_BEFORE_ACCEPT:
        spendTimeout();
        throw new TransportException(platform, 0, null,
            "timed out after " + faultPlan.timeout() + " waiting for " + operation + " (request " + id + " may not have arrived)",
            true, null);
      case RATE_LIMIT:
        throw new RateLimitedException(platform, 429, id, fault.retryAt(), reason != null ? reason : "too many requests");
      case SERVER_ERROR:
        throw new PlatformUnavailableException(platform, 503, id, reason != null ? reason : "the sandbox is unavailable");
      case AUTHENTICATION_EXPIRED:
        throw new AuthenticationExpiredException(platform, 401, id, reason != null ? reason : "the API key has expired");
      case PERMISSION_DENIED:
        throw new PermissionDeniedException(platform, 403, id, reason != null ? reason : "the API key may not do this");
      case NOT_FOUND:
        throw new NotFoundException(platform, 404, id, reason != null ? reason : "not found");
      case CONTENT_REJECTED:
      default:
        throw new ContentRejectedException(platform, 400, id, reason != null ? reason : "the sandbox refused the content");
    }
  }

  /** Applies the faults due after the effect: the change is made, the caller does not learn it. */
  private <T> T end(Call call, T result) {
    if (call.after == FaultKind.TIMEOUT_AFTER_ACCEPT) {
      spendTimeout();
      throw new TransportException(platform, 0, null, "timed out after " + faultPlan.timeout()
          + " waiting for the response to " + call.operation + " (request " + call.requestId
          + "); the sandbox may have performed it", call.operation.writes(), null);
    }
    if (call.after == FaultKind.MALFORMED) {
      String body = "{\"id\":\"" + call.requestId.substring(0, Math.min(3, call.requestId.length()));
      IllegalStateException cause = new IllegalStateException(
          "unexpected end of JSON input at offset " + body.length() + " of " + body);
      throw new TransportException(platform, 200, call.requestId,
          "the response to " + call.operation + " could not be parsed", call.operation.writes(), cause);
    }
    return result;
  }

  private void spendTimeout() {
    if (!faultPlan.timeout().isZero()) {
      sleeper.sleep(faultPlan.timeout());
    }
  }

  private Fault draw() {
    double roll = faultRandom.nextDouble();
    double cumulative = 0;
    for (FaultKind kind : FaultKind.values()) {
      double probability = faultPlan.probability(kind);
      if (probability > 0) {
        cumulative += probability;
        if (roll < cumulative) {
          return Fault.of(kind);
        }
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- state helpers (hold lock)

  private SandboxPost byKey(String account, String key) {
    if (!idempotencyKeys) {
      return null;
    }
    String id = keys.get(account + '\u0000' + key);
    return id == null ? null : posts.get(postIndex.get(id));
  }

  private String nextId() {
    String id = nextIds.poll();
    while (id == null) {
      String candidate = "sbx-" + (++sequence);
      if (!postIndex.containsKey(candidate)) {
        id = candidate;
      }
    }
    return id;
  }

  private void store(SandboxPost post) {
    postIndex.put(post.externalId(), posts.size());
    posts.add(post);
    keys.putIfAbsent(post.accountExternalId() + '\u0000' + post.idempotencyKey(), post.externalId());
  }

  private PublishResult resultOf(SandboxPost post) {
    return new PublishResult(post.externalId(), URI.create(BASE_URL + "posts/" + post.externalId()),
        post.createdAt(), post.threadPartIds(), post.firstCommentId());
  }

  private long initialFollowers(String account) {
    Long arrangedCount = arrangedFollowers.get(account);
    if (arrangedCount != null) {
      return arrangedCount;
    }
    Long given = followers.get(account);
    return given != null ? given : 1_000 + Engagement.random(seed, "followers:" + account).nextInt(9_000);
  }

  private long followersAt(String account, Instant at) {
    long base = initialFollowers(account);
    Instant since = accountsSince.get(account);
    if (since == null || !at.isAfter(since)) {
      return base;
    }
    double days = Duration.between(since, at).toMillis() / 86_400_000.0;
    return base + (long) Math.floor(base * 0.002 * days);
  }

  private double potential(SandboxPost post) {
    HourOfWeekActivity activity = activities.getOrDefault(post.accountExternalId(), defaultActivity);
    return Engagement.potential(seed, post, followersAt(post.accountExternalId(), post.createdAt()), activity);
  }

  private boolean parentExists(SocialAccount account, String parentId) {
    Integer index = postIndex.get(parentId);
    if (index != null) {
      return posts.get(index).live();
    }
    return visibleInteractions(account, clock.instant()).stream().anyMatch(i -> i.externalId().equals(parentId));
  }

  private List<Interaction> visibleInteractions(SocialAccount account, Instant now) {
    String accountId = account.externalId();
    List<Interaction> all = new ArrayList<>();
    if (simulateInteractions) {
      for (SandboxPost post : posts) {
        if (!post.live() || post.reply() || !post.accountExternalId().equals(accountId)) {
          continue;
        }
        double potential = potential(post);
        long count = Engagement.metrics(potential, post, now).get(Metric.COMMENTS);
        for (int i = 0; i < count; i++) {
          Instant at = Engagement.commentAt(potential, post, i);
          if (at.isAfter(now)) {
            at = now;
          }
          all.add(generated(account, post.externalId() + "-c" + (i + 1), InteractionKind.COMMENT,
              post.externalId(), at, "comment " + (i + 1) + " on " + post.externalId()));
        }
      }
      Instant since = accountsSince.get(accountId);
      if (since != null && !mentionInterval.isZero()) {
        long mentions = Duration.between(since, now).toMillis() / mentionInterval.toMillis();
        for (long j = 1; j <= mentions; j++) {
          all.add(generated(account, accountId + "-m" + j, InteractionKind.MENTION, null,
              since.plus(mentionInterval.multipliedBy(j)), "mention " + j + " of @" + accountId));
        }
      }
    }
    for (Arranged item : arranged) {
      if (item.accountExternalId().equals(accountId) && !item.createdAt().isAfter(now)) {
        all.add(item.build(platform, account));
      }
    }
    all.sort(Comparator.comparing(Interaction::createdAt).thenComparing(Interaction::externalId));
    return all;
  }

  private Interaction generated(SocialAccount account, String id, InteractionKind kind, String postId,
      Instant at, String text) {
    SplittableRandom random = Engagement.random(seed, id);
    String author = "fan" + random.nextInt(100_000);
    return new Interaction(platform, account.id(), id, kind, postId, null, "u-" + author, "@" + author,
        null, text, at, URI.create(BASE_URL + "interactions/" + id));
  }

  private static int compare(Interaction item, String[] after) {
    int byTime = item.createdAt().compareTo(Instant.parse(after[0]));
    return byTime != 0 ? byTime : item.externalId().compareTo(after[1]);
  }

  private static String encodeCursor(Interaction last) {
    String raw = last.createdAt() + "|" + last.externalId();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private static String[] decodeCursor(String cursor) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      int bar = raw.indexOf('|');
      if (bar <= 0 || bar == raw.length() - 1) {
        throw new IllegalArgumentException(raw);
      }
      String[] parts = {raw.substring(0, bar), raw.substring(bar + 1)};
      Instant.parse(parts[0]);
      return parts;
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      throw new InvalidValueException("query.cursor", cursor, "is not a cursor this sandbox issued");
    }
  }

  // ---------------------------------------------------------------- builder

  /** Builds {@link SandboxPlatform}s; each setter checks its argument and names it when it is wrong. */
  public static final class Builder {
    private final Clock clock;
    private long seed = 42;
    private Limits limits = defaultLimits();
    private Duration latency = Duration.ZERO;
    private Sleeper sleeper = Sleeper.SYSTEM;
    private int rateLimitCalls;
    private Duration rateLimitWindow = Duration.ofMinutes(1);
    private FaultPlan faultPlan = FaultPlan.none();
    private Secret apiKey;
    private boolean idempotencyKeys = true;
    private int metricsBatchSize = 50;
    private HourOfWeekActivity defaultActivity = DEFAULT_ACTIVITY;
    private final Map<String, HourOfWeekActivity> activities = new HashMap<>();
    private final Map<String, Long> followers = new HashMap<>();
    private Duration mentionInterval = Duration.ofHours(6);

    private Builder(Clock clock) {
      this.clock = Checks.required("clock", clock);
    }

    /** The seed engagement, follower counts and authors are derived from (default 42). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The content limits (default {@link SandboxPlatform#defaultLimits()}). */
    public Builder limits(Limits limits) {
      this.limits = Checks.required("limits", limits);
      return this;
    }

    /** The default limits with another text maximum, counted in graphemes. */
    public Builder textMax(int max) {
      if (max < 1) {
        throw new InvalidValueException("textMax", max, "must be positive");
      }
      this.limits = defaultLimits(max);
      return this;
    }

    /** Latency spent on every request through the sleeper (default zero). */
    public Builder latency(Duration latency) {
      Checks.required("latency", latency);
      if (latency.isNegative()) {
        throw new InvalidValueException("latency", latency, "must not be negative");
      }
      this.latency = latency;
      return this;
    }

    /** What spends latency and timeouts (default {@link Sleeper#SYSTEM}). */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Checks.required("sleeper", sleeper);
      return this;
    }

    /** At most {@code calls} requests per account in each fixed window (0, the default, for no limit). */
    public Builder rateLimit(int calls, Duration window) {
      if (calls < 0) {
        throw new InvalidValueException("rateLimit.calls", calls, "must not be negative");
      }
      Checks.required("rateLimit.window", window);
      if (window.toMillis() < 1) {
        throw new InvalidValueException("rateLimit.window", window, "must be at least 1 ms");
      }
      this.rateLimitCalls = calls;
      this.rateLimitWindow = window;
      return this;
    }

    /** The faults to inject (default none). */
    public Builder faultPlan(FaultPlan plan) {
      this.faultPlan = Checks.required("faultPlan", plan);
      return this;
    }

    /** The only API key accepted (default: any key). */
    public Builder apiKey(Secret key) {
      Checks.required("apiKey", key);
      if (key.reveal().isBlank()) {
        throw new InvalidValueException("apiKey", "***", "must not be blank");
      }
      this.apiKey = key;
      return this;
    }

    /** Whether a repeated idempotency key returns the original post (default true). */
    public Builder idempotencyKeys(boolean honour) {
      this.idempotencyKeys = honour;
      return this;
    }

    /** The most post ids one metrics request may ask for (default 50). */
    public Builder metricsBatchSize(int size) {
      if (size < 1 || size > 1000) {
        throw new InvalidValueException("metricsBatchSize", size, "must be 1-1000");
      }
      this.metricsBatchSize = size;
      return this;
    }

    /** The audience activity of accounts without their own (default {@link SandboxPlatform#defaultActivity()}). */
    public Builder defaultActivity(HourOfWeekActivity activity) {
      this.defaultActivity = Checks.required("defaultActivity", activity);
      return this;
    }

    /** The audience activity of one account, in the account's zone. */
    public Builder activity(String accountExternalId, HourOfWeekActivity activity) {
      activities.put(Checks.notBlank("accountExternalId", accountExternalId), Checks.required("activity", activity));
      return this;
    }

    /** The followers an account starts with (default 1,000-9,999 drawn from the seed). */
    public Builder followers(String accountExternalId, long count) {
      Checks.notBlank("accountExternalId", accountExternalId);
      followers.put(accountExternalId, Checks.nonNegative("followers", count));
      return this;
    }

    /** How often a simulated mention arrives per account (default 6 h; zero for none). */
    public Builder mentionInterval(Duration interval) {
      Checks.required("mentionInterval", interval);
      if (interval.isNegative() || (!interval.isZero() && interval.toMillis() < 1)) {
        throw new InvalidValueException("mentionInterval", interval, "must be zero or at least 1 ms");
      }
      this.mentionInterval = interval;
      return this;
    }

    /** The platform. */
    public SandboxPlatform build() {
      return new SandboxPlatform(this);
    }
  }
}
