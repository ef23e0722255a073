package dev.chorus.connector.bluesky;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.chorus.connector.bluesky.BlueskyStub.DID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.chorus.InvalidValueException;
import dev.chorus.connector.Capability;
import dev.chorus.connector.Connector;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.ContentRejectedException;
import dev.chorus.connector.NotFoundException;
import dev.chorus.connector.Page;
import dev.chorus.connector.RateLimitedException;
import dev.chorus.connector.SearchQuery;
import dev.chorus.connector.SearchTerm;
import dev.chorus.connector.http.HttpRuntime;
import dev.chorus.model.AccountId;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.Metric;
import dev.chorus.model.Platform;
import dev.chorus.model.PublicPost;
import dev.chorus.model.PublicProfile;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.WorkspaceId;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Search and public profiles against the app view's wire format (searchPosts, getProfile, getAuthorFeed). */
class BlueskyPublicReadsTest {

  private static final String SEARCH = "/xrpc/app.bsky.feed.searchPosts";
  private static final String PROFILE = "/xrpc/app.bsky.actor.getProfile";
  private static final String AUTHOR_FEED = "/xrpc/app.bsky.feed.getAuthorFeed";
  private static final String OTHER = "did:plc:ewvi7nxzyoun6zhxrhs64oiz";
  private static WireMockServer wireMock;

  private MutableClock clock;
  private HttpRuntime runtime;
  private Connector connector;
  private final SocialAccount account = new SocialAccount(new AccountId("acc-1"), new WorkspaceId("ws-1"),
      Platform.BLUESKY, BlueskyStub.HANDLE, DID, ZoneId.of("UTC"), new CredentialsRef("bluesky/acc-1"));

  @BeforeAll
  static void start() {
    wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    wireMock.start();
  }

  @AfterAll
  static void stop() {
    wireMock.stop();
  }

  @BeforeEach
  void setUp() {
    clock = new MutableClock(Instant.parse("2026-05-01T12:00:00Z"));
    runtime = HttpRuntime.builder().clock(clock).sleeper(clock::advance).build();
    new BlueskyStub(wireMock, clock).reset();
    BlueskyConnectorProvider provider = new BlueskyConnectorProvider();
    connector = provider.create(ConnectorContext.builder(clock).extension(HttpRuntime.class, runtime).build(),
        provider.configSpec().validate("bluesky", Map.of(
            BlueskyConnectorProvider.SERVICE_URL, wireMock.baseUrl(),
            BlueskyConnectorProvider.IDENTIFIER, BlueskyStub.HANDLE,
            BlueskyConnectorProvider.APP_PASSWORD, "abcd-efgh-ijkl-mnop")));
  }

  @AfterEach
  void tearDown() {
    connector.close();
    runtime.close();
  }

  private static void answer(MappingBuilder request, int status, String body) {
    wireMock.stubFor(request.willReturn(aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json; charset=utf-8").withBody(body)));
  }

  private static List<LoggedRequest> calls(String path) {
    return wireMock.findAll(getRequestedFor(urlPathEqualTo(path)));
  }

  /** A postView as the app view sends it; {@code counts} null leaves all four counters out. */
  private static String postView(String did, String handle, String rkey, String text, String createdAt,
      String langs, long[] counts) {
    String counters = counts == null ? "" : """
        "replyCount": %d, "repostCount": %d, "likeCount": %d, "quoteCount": %d,
        """.formatted(counts[0], counts[1], counts[2], counts[3]);
    return """
        {"uri": "at://%s/app.bsky.feed.post/%s", "cid": "bafyreib2rxk3rh6kzwq",
         "author": {"did": "%s", "handle": "%s", "displayName": "Someone", "labels": []},
         "record": {"$type": "app.bsky.feed.post", "text": "%s", "createdAt": "%s"%s},
         %s "indexedAt": "%s", "labels": []}
        """.formatted(did, rkey, did, handle, text, createdAt,
        langs == null ? "" : ", \"langs\": [" + langs + "]", counters, createdAt);
  }

  // ---------------------------------------------------------------------------------------------
  // Search

  @Test
  void the_provider_declares_search_and_public_profiles() {
    assertThat(connector.capabilities().supports(Capability.SEARCH)).isTrue();
    assertThat(connector.capabilities().supports(Capability.PUBLIC_PROFILES)).isTrue();
  }

  @Test
  void keyword_search_sends_latest_sort_clamped_limit_and_window_and_maps_post_views() {
    answer(get(urlPathEqualTo(SEARCH)), 200, """
        {"cursor": "25", "hitsTotal": 412, "posts": [%s, %s]}
        """.formatted(
        postView(OTHER, "alice.bsky.social", "3lbqa2xk7cs2p", "chorus is out", "2026-04-30T10:00:00.000Z",
            "\"en\", \"de\"", new long[] {4, 7, 31, 2}),
        postView(DID, BlueskyStub.HANDLE, "3lbpzzz5ta22k", "we shipped chorus", "2026-04-30T09:00:00.000Z",
            null, null)));

    SearchQuery query = new SearchQuery(SearchTerm.keyword("chorus release"), Instant.parse("2026-04-01T00:00:00Z"),
        Instant.parse("2026-05-01T00:00:00Z"), null, 250);
    Page<PublicPost> page = connector.search(account, query);

    LoggedRequest call = calls(SEARCH).get(0);
    assertThat(call.queryParameter("q").firstValue()).isEqualTo("chorus release");
    assertThat(call.queryParameter("sort").firstValue()).isEqualTo("latest");
    assertThat(call.queryParameter("limit").firstValue()).isEqualTo("100"); // 250 clamped to the lexicon's 100
    assertThat(call.queryParameter("since").firstValue()).isEqualTo("2026-04-01T00:00:00.000Z");
    assertThat(call.queryParameter("until").firstValue()).isEqualTo("2026-05-01T00:00:00.000Z");
    assertThat(call.queryParameter("cursor").isPresent()).isFalse();
    assertThat(call.getHeader("Authorization")).isEqualTo("Bearer " + BlueskyStub.ACCESS_1);

    assertThat(page.nextCursor()).isEqualTo("25");
    PublicPost first = page.items().get(0);
    assertThat(first.externalId()).isEqualTo("at://" + OTHER + "/app.bsky.feed.post/3lbqa2xk7cs2p");
    assertThat(first.authorId()).isEqualTo(OTHER);
    assertThat(first.authorHandle()).isEqualTo("alice.bsky.social");
    assertThat(first.text()).isEqualTo("chorus is out");
    assertThat(first.createdAt()).isEqualTo(Instant.parse("2026-04-30T10:00:00Z"));
    assertThat(first.language()).isEqualTo("en");
    assertThat(first.url()).isEqualTo(URI.create("https://bsky.app/profile/alice.bsky.social/post/3lbqa2xk7cs2p"));
    assertThat(first.capturedAt()).isEqualTo(clock.instant());
    assertThat(first.metrics()).containsExactlyInAnyOrderEntriesOf(Map.of(
        Metric.COMMENTS, 4L, Metric.SHARES, 7L, Metric.LIKES, 31L, Metric.QUOTES, 2L));
    // the account's own post keeps the compact id publish returns
    PublicPost own = page.items().get(1);
    assertThat(own.externalId()).isEqualTo("3lbpzzz5ta22k");
    assertThat(own.language()).isNull();
    assertThat(own.metrics()).isEmpty(); // counts the app view left out are absent, not 0
  }

  @Test
  void hashtag_search_asks_for_the_tag_and_mention_search_for_the_mentioned_account() {
    answer(get(urlPathEqualTo(SEARCH)), 200, "{\"posts\": []}");

    connector.search(account, SearchQuery.of(SearchTerm.hashtag("#BuildInPublic")));
    connector.search(account, SearchQuery.of(SearchTerm.mention("@alice.bsky.social")));

    LoggedRequest tag = calls(SEARCH).get(0);
    assertThat(tag.queryParameter("q").firstValue()).isEqualTo("#BuildInPublic");
    assertThat(tag.queryParameter("tag").firstValue()).isEqualTo("BuildInPublic");
    assertThat(tag.queryParameter("limit").firstValue()).isEqualTo("50");
    LoggedRequest mention = calls(SEARCH).get(1);
    assertThat(mention.queryParameter("q").firstValue()).isEqualTo("@alice.bsky.social");
    assertThat(mention.queryParameter("mentions").firstValue()).isEqualTo("alice.bsky.social");
  }

  @Test
  void the_cursor_fetches_the_next_page_and_the_last_page_has_none() {
    answer(get(urlPathEqualTo(SEARCH)).withQueryParam("cursor", absent()), 200, """
        {"cursor": "2", "posts": [%s, %s]}""".formatted(
        postView(OTHER, "alice.bsky.social", "3k2", "b", "2026-04-30T10:00:00Z", null, null),
        postView(OTHER, "alice.bsky.social", "3k1", "a", "2026-04-30T09:00:00Z", null, null)));
    answer(get(urlPathEqualTo(SEARCH)).withQueryParam("cursor", equalTo("2")), 200, """
        {"posts": [%s]}""".formatted(
        postView(OTHER, "alice.bsky.social", "3k0", "z", "2026-04-29T09:00:00Z", null, null)));

    SearchQuery query = SearchQuery.of(SearchTerm.keyword("x")).withPageSize(2);
    List<PublicPost> all = Page.collect(cursor -> connector.search(account, query.next(cursor)), 10);

    assertThat(all).extracting(PublicPost::text).containsExactly("b", "a", "z");
    assertThat(calls(SEARCH)).hasSize(2);
  }

  @Test
  void posts_come_newest_first_and_outside_the_window_are_dropped() {
    // the app view filters since/until by sortAt; a backdated createdAt can fall outside the window
    answer(get(urlPathEqualTo(SEARCH)), 200, """
        {"posts": [%s, %s, %s]}""".formatted(
        postView(OTHER, "alice.bsky.social", "3k1", "older", "2026-04-20T09:00:00Z", null, null),
        postView(OTHER, "alice.bsky.social", "3k2", "newer", "2026-04-21T09:00:00Z", null, null),
        postView(OTHER, "alice.bsky.social", "3k3", "backdated", "2025-01-01T00:00:00Z", null, null)));

    Page<PublicPost> page = connector.search(account,
        SearchQuery.of(SearchTerm.keyword("x")).between(Instant.parse("2026-04-01T00:00:00Z"), null));

    assertThat(page.items()).extracting(PublicPost::text).containsExactly("newer", "older");
    assertThat(page.nextCursor()).isNull();
  }

  @Test
  void a_mention_that_is_not_a_handle_is_refused_before_any_request() {
    assertThatThrownBy(() -> connector.search(account, SearchQuery.of(SearchTerm.mention("not_a_handle"))))
        .isInstanceOf(InvalidValueException.class)
        .extracting(e -> ((InvalidValueException) e).field()).isEqualTo("query.term.value");
    assertThat(wireMock.getAllServeEvents()).isEmpty();
  }

  @Test
  void a_bad_query_string_goes_through_the_xrpc_error_mapping() {
    answer(get(urlPathEqualTo(SEARCH)), 400, "{\"error\": \"BadQueryString\", \"message\": \"unbalanced quotes\"}");

    assertThatThrownBy(() -> connector.search(account, SearchQuery.of(SearchTerm.keyword("\"x"))))
        .isInstanceOf(ContentRejectedException.class)
        .hasMessageContaining("BadQueryString");
  }

  @Test
  void a_rate_limited_search_reports_the_reset_instead_of_waiting_ten_minutes() {
    Instant reset = clock.instant().plusSeconds(600);
    wireMock.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(aResponse().withStatus(429)
        .withHeader("Content-Type", "application/json")
        .withHeader("RateLimit-Limit", "3000").withHeader("RateLimit-Remaining", "0")
        .withHeader("RateLimit-Reset", String.valueOf(reset.getEpochSecond()))
        .withHeader("RateLimit-Policy", "3000;w=300").withHeader("Retry-After", "600")
        .withBody("{\"error\": \"RateLimitExceeded\", \"message\": \"Rate Limit Exceeded\"}")));

    assertThatThrownBy(() -> connector.search(account, SearchQuery.of(SearchTerm.keyword("x"))))
        .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.retryAt()).contains(reset));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-05-01T12:00:00Z")); // nothing slept
  }

  // ---------------------------------------------------------------------------------------------
  // Profiles

  private static void profile(String extra) {
    answer(get(urlPathEqualTo(PROFILE)).withQueryParam("actor", equalTo("alice.bsky.social")), 200, """
        {"did": "%s", "handle": "alice.bsky.social", "displayName": "Alice",
         "description": "Writes about\\nsynths", "followersCount": 1520, "followsCount": 310,
         %s "createdAt": "2023-05-02T08:15:00.000Z", "indexedAt": "2024-01-01T00:00:00.000Z",
         "viewer": {"muted": false}, "labels": []}""".formatted(OTHER, extra));
  }

  @Test
  void a_profile_has_its_counters_and_latest_own_posts_without_reposts_or_pins() {
    profile("\"postsCount\": 842,");
    String repost = """
        {"post": %s, "reason": {"$type": "app.bsky.feed.defs#reasonRepost",
         "by": {"did": "%s", "handle": "alice.bsky.social"}, "indexedAt": "2026-04-30T12:00:00.000Z"}}
        """.formatted(postView("did:plc:someoneelse", "bob.bsky.social", "3kb", "bob's", "2026-04-30T11:00:00Z",
        null, null), OTHER);
    String pin = """
        {"post": %s, "reason": {"$type": "app.bsky.feed.defs#reasonPin"}}
        """.formatted(postView(OTHER, "alice.bsky.social", "3kpin", "pinned", "2025-01-01T00:00:00Z", null, null));
    answer(get(urlPathEqualTo(AUTHOR_FEED)).withQueryParam("cursor", absent()), 200, """
        {"cursor": "c1", "feed": [%s, {"post": %s}, %s]}""".formatted(pin,
        postView(OTHER, "alice.bsky.social", "3k3", "third", "2026-04-29T10:00:00.000Z", "\"en\"",
            new long[] {1, 2, 3, 0}), repost));
    answer(get(urlPathEqualTo(AUTHOR_FEED)).withQueryParam("cursor", equalTo("c1")), 200, """
        {"cursor": "c2", "feed": [{"post": %s}, {"post": %s}]}""".formatted(
        postView(OTHER, "alice.bsky.social", "3k2", "second", "2026-04-28T10:00:00.000Z", null, null),
        postView(OTHER, "alice.bsky.social", "3k1", "first", "2026-04-27T10:00:00.000Z", null, null)));

    PublicProfile profile = connector.lookupProfile(account, "alice.bsky.social", 2);

    assertThat(profile.externalId()).isEqualTo(OTHER);
    assertThat(profile.handle()).isEqualTo("alice.bsky.social");
    assertThat(profile.displayName()).isEqualTo("Alice");
    assertThat(profile.description()).isEqualTo("Writes about\nsynths");
    assertThat(profile.createdAt()).isEqualTo(Instant.parse("2023-05-02T08:15:00Z"));
    assertThat(profile.capturedAt()).isEqualTo(clock.instant());
    assertThat(profile.counters()).containsExactlyInAnyOrderEntriesOf(Map.of(
        Metric.FOLLOWERS, 1520L, Metric.FOLLOWING, 310L, Metric.POSTS, 842L));
    // page 1 gives one own post (pin and repost skipped), page 2 the second; "first" is not wanted
    assertThat(profile.recentPosts()).extracting(PublicPost::externalId).containsExactly(
        "at://" + OTHER + "/app.bsky.feed.post/3k3", "at://" + OTHER + "/app.bsky.feed.post/3k2");
    assertThat(profile.recentPosts().get(0).metrics()).containsEntry(Metric.LIKES, 3L).containsEntry(Metric.QUOTES, 0L);
    List<LoggedRequest> feed = calls(AUTHOR_FEED);
    assertThat(feed).hasSize(2);
    assertThat(feed.get(0).queryParameter("actor").firstValue()).isEqualTo(OTHER);
    assertThat(feed.get(0).queryParameter("filter").firstValue()).isEqualTo("posts_no_replies");
    assertThat(feed.get(0).queryParameter("limit").firstValue()).isEqualTo("2");
    assertThat(feed.get(1).queryParameter("limit").firstValue()).isEqualTo("1"); // 2 wanted - 1 found
  }

  @Test
  void a_counter_the_profile_leaves_out_is_absent_and_no_posts_means_no_feed_call() {
    profile("");

    PublicProfile profile = connector.lookupProfile(account, "@alice.bsky.social", 0);

    assertThat(profile.counter(Metric.POSTS)).isEmpty();
    assertThat(profile.counter(Metric.FOLLOWERS)).hasValue(1520);
    assertThat(profile.recentPosts()).isEmpty();
    assertThat(calls(AUTHOR_FEED)).isEmpty();
  }

  @Test
  void an_unknown_handle_is_not_found() {
    // the app view answers an unknown actor with 400 InvalidRequest, not 404
    answer(get(urlPathEqualTo(PROFILE)), 400, "{\"error\": \"InvalidRequest\", \"message\": \"Profile not found\"}");

    assertThatThrownBy(() -> connector.lookupProfile(account, "nobody.bsky.social", 5))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void a_malformed_handle_or_post_count_is_refused_before_any_request() {
    assertThatThrownBy(() -> connector.lookupProfile(account, "no spaces allowed", 5))
        .isInstanceOf(InvalidValueException.class)
        .extracting(e -> ((InvalidValueException) e).field()).isEqualTo("handle");
    assertThatThrownBy(() -> connector.lookupProfile(account, "alice.bsky.social", -1))
        .isInstanceOf(InvalidValueException.class)
        .extracting(e -> ((InvalidValueException) e).field()).isEqualTo("recentPosts");
    assertThat(wireMock.getAllServeEvents()).isEmpty();
  }
}
