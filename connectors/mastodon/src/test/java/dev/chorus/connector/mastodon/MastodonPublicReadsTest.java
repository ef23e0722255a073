package dev.chorus.connector.mastodon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.chorus.InvalidValueException;
import dev.chorus.connector.Capability;
import dev.chorus.connector.Connector;
import dev.chorus.connector.ConnectorContext;
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
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Hashtag timelines, keyword search and account lookup against Mastodon's wire format. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MastodonPublicReadsTest {

  private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
  private static final String TAG = "/api/v1/timelines/tag/BuildInPublic";
  private static final String SEARCH = "/api/v2/search";
  private static final String LOOKUP = "/api/v1/accounts/lookup";
  private static final String ALICE_STATUSES = "/api/v1/accounts/109302/statuses";

  private WireMockServer wireMock;
  private MastodonConnectorTest.MutableClock clock;
  private HttpRuntime runtime;
  private Connector connector;
  private final SocialAccount account = new SocialAccount(new AccountId("a1"), new WorkspaceId("w1"),
      Platform.MASTODON, "@me@mastodon.example", MastodonStub.ACCOUNT_ID, ZoneId.of("UTC"),
      new CredentialsRef("mastodon/me"));

  @BeforeAll
  void start() {
    wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    wireMock.start();
  }

  @AfterAll
  void stop() {
    wireMock.stop();
  }

  @BeforeEach
  void setUp() {
    wireMock.resetAll();
    clock = new MastodonConnectorTest.MutableClock(START);
    runtime = HttpRuntime.builder().clock(clock).sleeper(clock::advance).build();
    MastodonProvider provider = new MastodonProvider();
    connector = provider.create(ConnectorContext.builder(clock).extension(HttpRuntime.class, runtime).build(),
        provider.configSpec().validate("mastodon", Map.of(
            MastodonProvider.BASE_URL, wireMock.baseUrl(), MastodonProvider.ACCESS_TOKEN, "token-for-tests-only")));
  }

  @AfterEach
  void tearDown() {
    connector.close();
    runtime.close();
  }

  private static ResponseDefinitionBuilder ok(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
        .withHeader("X-Request-Id", "req-1").withBody(body);
  }

  private void answer(MappingBuilder request, ResponseDefinitionBuilder response) {
    wireMock.stubFor(request.willReturn(response));
  }

  private String next(String path, String maxId) {
    return "<" + wireMock.baseUrl() + path + "?max_id=" + maxId + ">; rel=\"next\", <" + wireMock.baseUrl() + path
        + "?min_id=999>; rel=\"prev\"";
  }

  private List<LoggedRequest> calls(String path) {
    return wireMock.findAll(getRequestedFor(urlPathEqualTo(path)));
  }

  /** A Status entity as Mastodon renders it; {@code quotes} null leaves quotes_count out (servers before 4.5). */
  private static String status(String id, String acct, String accountId, String html, String createdAt,
      long replies, long reblogs, long favourites, Long quotes) {
    return """
        {"id": "%s", "created_at": "%s", "in_reply_to_id": null, "in_reply_to_account_id": null,
         "sensitive": false, "spoiler_text": "", "visibility": "public", "language": "en",
         "uri": "https://remote.example/users/%s/statuses/%s", "url": "https://remote.example/@%s/%s",
         "replies_count": %d, "reblogs_count": %d, "favourites_count": %d, %s
         "edited_at": null, "content": "%s", "reblog": null,
         "account": {"id": "%s", "username": "%s", "acct": "%s", "display_name": "", "followers_count": 1},
         "media_attachments": [], "mentions": [], "tags": [], "emojis": [], "card": null, "poll": null}
        """.formatted(id, createdAt, acct, id, acct, id, replies, reblogs, favourites,
        quotes == null ? "" : "\"quotes_count\": " + quotes + ",", html, accountId, acct, acct);
  }

  @Test
  void the_provider_declares_search_and_public_profiles() {
    assertThat(connector.capabilities().supports(Capability.SEARCH)).isTrue();
    assertThat(connector.capabilities().supports(Capability.PUBLIC_PROFILES)).isTrue();
  }

  // ---------------------------------------------------------------------------------------------
  // Hashtags

  @Test
  void a_hashtag_reads_the_tag_timeline_clamped_to_40_and_pages_by_the_link_header() {
    String reblog = """
        {"id": "110005", "created_at": "2026-02-28T12:00:00.000Z", "account": {"id": "7", "acct": "carol"},
         "content": "", "reblog": %s}""".formatted(status("110001", "dave", "8", "<p>x</p>",
        "2026-02-27T12:00:00.000Z", 0, 0, 0, null));
    answer(get(urlPathEqualTo(TAG)).withQueryParam("max_id", absent()), ok("[%s, %s]".formatted(
        status("110004", "alice@remote.example", "109302",
            "<p>Shipping <a href=\\\"https://remote.example/tags/buildinpublic\\\" class=\\\"mention hashtag\\\">"
                + "#<span>BuildInPublic</span></a> &amp; tests<br>line two</p>",
            "2026-02-28T11:00:00.000Z", 2, 5, 17, 1L), reblog))
        .withHeader("Link", next(TAG, "110004")));
    answer(get(urlPathEqualTo(TAG)).withQueryParam("max_id", equalTo("110004")), ok("[%s]".formatted(
        status("110002", "bob", "55", "<p>older</p>", "2026-02-27T09:00:00.000Z", 0, 1, 3, null))));

    SearchQuery query = SearchQuery.of(SearchTerm.hashtag("#BuildInPublic")).withPageSize(100);
    Page<PublicPost> first = connector.search(account, query);
    Page<PublicPost> second = connector.search(account, query.next(first.nextCursor()));

    assertThat(calls(TAG).get(0).queryParameter("limit").firstValue()).isEqualTo("40"); // 100 clamped to 40
    assertThat(calls(TAG).get(0).getHeader("Authorization")).isEqualTo("Bearer token-for-tests-only");
    assertThat(first.nextCursor()).isEqualTo("110004");
    PublicPost post = first.items().get(0);
    assertThat(first.items()).hasSize(1); // the reblog is not a post of its own
    assertThat(post.externalId()).isEqualTo("110004");
    assertThat(post.authorId()).isEqualTo("109302");
    assertThat(post.authorHandle()).isEqualTo("alice@remote.example");
    assertThat(post.text()).isEqualTo("Shipping #BuildInPublic & tests\nline two");
    assertThat(post.createdAt()).isEqualTo(Instant.parse("2026-02-28T11:00:00Z"));
    assertThat(post.language()).isEqualTo("en");
    assertThat(post.url()).isEqualTo(URI.create("https://remote.example/@alice@remote.example/110004"));
    assertThat(post.capturedAt()).isEqualTo(START);
    assertThat(post.metrics()).containsExactlyInAnyOrderEntriesOf(Map.of(
        Metric.COMMENTS, 2L, Metric.SHARES, 5L, Metric.LIKES, 17L, Metric.QUOTES, 1L));
    assertThat(second.items()).extracting(PublicPost::externalId).containsExactly("110002");
    assertThat(second.items().get(0).metric(Metric.QUOTES)).isEmpty(); // no quotes_count: absent, not 0
    assertThat(second.nextCursor()).isNull(); // no Link header: the last page
  }

  @Test
  void a_hashtag_window_drops_newer_posts_and_stops_at_the_first_older_one() {
    answer(get(urlPathEqualTo(TAG)), ok("[%s, %s, %s]".formatted(
        status("3", "a", "1", "<p>too new</p>", "2026-02-28T12:00:00Z", 0, 0, 0, null),
        status("2", "a", "1", "<p>inside</p>", "2026-02-20T12:00:00Z", 0, 0, 0, null),
        status("1", "a", "1", "<p>too old</p>", "2026-01-31T23:59:59Z", 0, 0, 0, null)))
        .withHeader("Link", next(TAG, "1")));

    Page<PublicPost> page = connector.search(account, SearchQuery.of(SearchTerm.hashtag("BuildInPublic"))
        .between(Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-02-28T00:00:00Z")));

    assertThat(page.items()).extracting(PublicPost::text).containsExactly("inside");
    assertThat(page.nextCursor()).isNull(); // everything after "too old" is older still
  }

  @Test
  void a_rate_limited_timeline_read_reports_the_reset_instead_of_waiting() {
    Instant reset = START.plus(Duration.ofMinutes(4));
    answer(get(urlPathEqualTo(TAG)), aResponse().withStatus(429)
        .withHeader("Content-Type", "application/json").withHeader("X-Request-Id", "req-429")
        .withHeader("X-RateLimit-Limit", "300").withHeader("X-RateLimit-Remaining", "0")
        .withHeader("X-RateLimit-Reset", MastodonStub.resetHeader(reset))
        .withBody("{\"error\": \"Too many requests\"}"));

    assertThatThrownBy(() -> connector.search(account, SearchQuery.of(SearchTerm.hashtag("BuildInPublic"))))
        .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.retryAt()).contains(reset));
  }

  // ---------------------------------------------------------------------------------------------
  // Keywords and mentions

  @Test
  void a_keyword_searches_statuses_and_pages_by_offset_until_a_short_page() {
    answer(get(urlPathEqualTo(SEARCH)).withQueryParam("offset", absent()), ok("""
        {"accounts": [], "hashtags": [], "statuses": [%s, %s]}""".formatted(
        status("20", "a", "1", "<p>older chorus</p>", "2026-02-20T12:00:00Z", 0, 0, 0, null),
        status("21", "b", "2", "<p>newer chorus</p>", "2026-02-21T12:00:00Z", 0, 0, 0, null))));
    answer(get(urlPathEqualTo(SEARCH)).withQueryParam("offset", equalTo("2")), ok("""
        {"accounts": [], "hashtags": [], "statuses": [%s]}""".formatted(
        status("10", "c", "3", "<p>oldest chorus</p>", "2026-02-10T12:00:00Z", 0, 0, 0, null))));

    SearchQuery query = SearchQuery.of(SearchTerm.keyword("chorus library")).withPageSize(2);
    Page<PublicPost> first = connector.search(account, query);
    Page<PublicPost> second = connector.search(account, query.next(first.nextCursor()));

    LoggedRequest call = calls(SEARCH).get(0);
    assertThat(call.queryParameter("q").firstValue()).isEqualTo("chorus library");
    assertThat(call.queryParameter("type").firstValue()).isEqualTo("statuses");
    assertThat(call.queryParameter("limit").firstValue()).isEqualTo("2");
    assertThat(first.items()).extracting(PublicPost::text).containsExactly("newer chorus", "older chorus");
    assertThat(first.nextCursor()).isEqualTo("2"); // offset 0 + 2 statuses
    assertThat(second.items()).extracting(PublicPost::text).containsExactly("oldest chorus");
    assertThat(second.nextCursor()).isNull(); // 1 < limit 2: the server has no more
  }

  @Test
  void a_mention_search_is_refused_naming_the_term_kind_before_any_request() {
    assertThatThrownBy(() -> connector.search(account, SearchQuery.of(SearchTerm.mention("alice"))))
        .isInstanceOfSatisfying(InvalidValueException.class,
            e -> assertThat(e.field()).isEqualTo("query.term.kind"));
    assertThatThrownBy(() -> connector.search(account, SearchQuery.of(SearchTerm.keyword("x")).next("max:9")))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("query.cursor"));
    assertThat(wireMock.getAllServeEvents()).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------
  // Profiles

  @Test
  void a_profile_has_its_counters_plain_text_note_and_latest_statuses_across_pages() {
    answer(get(urlPathEqualTo(LOOKUP)).withQueryParam("acct", equalTo("alice@remote.example")), ok("""
        {"id": "109302", "username": "alice", "acct": "alice@remote.example", "display_name": "Alice",
         "locked": false, "bot": false, "created_at": "2022-11-04T00:00:00.000Z",
         "note": "<p>Synths &amp; <a href=\\"https://remote.example/tags/music\\">#<span>music</span></a></p>",
         "url": "https://remote.example/@alice", "followers_count": 2048, "following_count": 96,
         "statuses_count": 731, "last_status_at": "2026-02-28", "emojis": [], "fields": []}"""));
    answer(get(urlPathEqualTo(ALICE_STATUSES)).withQueryParam("max_id", absent()), ok("[%s, %s]".formatted(
        status("300", "alice@remote.example", "109302", "<p>three</p>", "2026-02-28T10:00:00Z", 1, 2, 3, null),
        status("299", "alice@remote.example", "109302", "<p>two</p>", "2026-02-27T10:00:00Z", 0, 0, 9, null)))
        .withHeader("Link", next(ALICE_STATUSES, "299")));
    answer(get(urlPathEqualTo(ALICE_STATUSES)).withQueryParam("max_id", equalTo("299")), ok("[%s]".formatted(
        status("298", "alice@remote.example", "109302", "<p>one</p>", "2026-02-26T10:00:00Z", 0, 0, 1, null))));

    PublicProfile profile = connector.lookupProfile(account, "@alice@remote.example", 3);

    assertThat(profile.externalId()).isEqualTo("109302");
    assertThat(profile.handle()).isEqualTo("alice@remote.example");
    assertThat(profile.displayName()).isEqualTo("Alice");
    assertThat(profile.description()).isEqualTo("Synths & #music");
    assertThat(profile.createdAt()).isEqualTo(Instant.parse("2022-11-04T00:00:00Z"));
    assertThat(profile.counters()).containsExactlyInAnyOrderEntriesOf(Map.of(
        Metric.FOLLOWERS, 2048L, Metric.FOLLOWING, 96L, Metric.POSTS, 731L));
    assertThat(profile.recentPosts()).extracting(PublicPost::text).containsExactly("three", "two", "one");
    assertThat(profile.recentPosts().get(1).metric(Metric.LIKES)).hasValue(9);
    List<LoggedRequest> pages = calls(ALICE_STATUSES);
    assertThat(pages).hasSize(2);
    assertThat(pages.get(0).queryParameter("limit").firstValue()).isEqualTo("3");
    assertThat(pages.get(0).queryParameter("exclude_replies").firstValue()).isEqualTo("true");
    assertThat(pages.get(0).queryParameter("exclude_reblogs").firstValue()).isEqualTo("true");
    assertThat(pages.get(1).queryParameter("limit").firstValue()).isEqualTo("1"); // 3 wanted - 2 read
  }

  @Test
  void an_unknown_handle_is_not_found() {
    answer(get(urlPathEqualTo(LOOKUP)), aResponse().withStatus(404).withHeader("Content-Type", "application/json")
        .withBody("{\"error\": \"Record not found\"}"));

    assertThatThrownBy(() -> connector.lookupProfile(account, "nobody", 5)).isInstanceOf(NotFoundException.class);
    assertThat(calls(ALICE_STATUSES)).isEmpty();
  }

  @Test
  void a_malformed_handle_is_refused_before_any_request() {
    assertThatThrownBy(() -> connector.lookupProfile(account, "alice smith", 5))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("handle"));
    assertThat(wireMock.getAllServeEvents()).isEmpty();
  }
}
