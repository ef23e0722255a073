package dev.chorus.connector.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.NotFoundException;
import dev.chorus.connector.Page;
import dev.chorus.connector.SearchQuery;
import dev.chorus.connector.SearchTerm;
import dev.chorus.model.Metric;
import dev.chorus.model.Platform;
import dev.chorus.model.PublicPost;
import dev.chorus.model.PublicProfile;
import dev.chorus.model.SocialAccount;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sandbox's public side: search over other accounts' posts and public profiles. */
class SandboxResearchTest {

  private final Fixtures.TestClock clock = new Fixtures.TestClock(Fixtures.TUESDAY);
  private final SocialAccount account = Fixtures.account("me");
  private SandboxPlatform sandbox;

  @BeforeEach
  void setUp() {
    sandbox = Fixtures.sandbox(clock).build();
    // hours before TUESDAY: 1 newest ... 5 oldest
    post("p1", "ana", "Launch day for #Chorus with @bob", 1, Map.of(Metric.LIKES, 10L));
    post("p2", "bob", "chorus is a SOCIAL media tool", 2, Map.of(Metric.LIKES, 4L, Metric.SHARES, 1L));
    post("p3", "ana", "#choruses is another tag", 3, Map.of());
    post("p4", "cy", "#chorus again, thanks @ana", 4, Map.of(Metric.COMMENTS, 2L));
    post("p5", "bob", "#chorus the first", 5, Map.of());
  }

  private void post(String id, String author, String text, int hoursAgo, Map<Metric, Long> counters) {
    sandbox.arrangePublicPost(new PublicPost(Platform.SANDBOX, id, "id-" + author, author, text,
        Fixtures.TUESDAY.minus(Duration.ofHours(hoursAgo)), null, null, Fixtures.TUESDAY, counters));
  }

  private List<String> ids(Page<PublicPost> page) {
    return page.items().stream().map(PublicPost::externalId).toList();
  }

  @Test
  void hashtags_mentions_and_keywords_match_whole_tags_handles_and_any_case() {
    SandboxConnector connector = new SandboxConnector(sandbox, Fixtures.KEY);
    // #choruses (p3) is another tag; case is ignored
    assertThat(ids(connector.search(account, SearchQuery.of(SearchTerm.hashtag("CHORUS"))))).containsExactly("p1", "p4", "p5");
    assertThat(ids(connector.search(account, SearchQuery.of(SearchTerm.mention("@ana"))))).containsExactly("p4");
    assertThat(ids(connector.search(account, SearchQuery.of(SearchTerm.keyword("social media"))))).containsExactly("p2");
  }

  @Test
  void pages_follow_the_cursor_newest_first_within_since_and_until() {
    clock.advance(Duration.ofMinutes(5));
    SandboxConnector connector = new SandboxConnector(sandbox, Fixtures.KEY);
    // [TUESDAY-5h, TUESDAY-1h): p1 (1 h ago) is excluded by until, p5 (5 h ago) is included by since
    SearchQuery query = SearchQuery.of(SearchTerm.keyword("chorus"))
        .between(Fixtures.TUESDAY.minus(Duration.ofHours(5)), Fixtures.TUESDAY.minus(Duration.ofHours(1)))
        .withPageSize(2);
    Page<PublicPost> first = connector.search(account, query);
    assertThat(ids(first)).containsExactly("p2", "p3");
    assertThat(first.items().get(0).capturedAt()).isEqualTo(Fixtures.TUESDAY.plus(Duration.ofMinutes(5)));
    assertThat(first.items().get(0).metrics()).containsExactlyInAnyOrderEntriesOf(Map.of(Metric.LIKES, 4L, Metric.SHARES, 1L));
    Page<PublicPost> second = connector.search(account, query.next(first.nextCursor()));
    assertThat(ids(second)).containsExactly("p4", "p5");
    assertThat(second.nextCursor()).isNull();
    assertThatThrownBy(() -> connector.search(account, query.next("pub:nope")))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("query.cursor"));
    // two pages and the refused cursor, which the platform itself rejects
    assertThat(sandbox.requestCount(SandboxOperation.SEARCH_PUBLIC)).isEqualTo(3);
  }

  @Test
  void a_profile_shows_its_counters_and_latest_posts_and_an_unknown_handle_is_not_found() {
    sandbox.arrangeProfile(new PublicProfile(Platform.SANDBOX, "id-ana", "ana", "Ana", "hi", null, Fixtures.TUESDAY,
        Map.of(Metric.FOLLOWERS, 1200L), List.of()));
    SandboxConnector connector = new SandboxConnector(sandbox, Fixtures.KEY);
    PublicProfile ana = connector.lookupProfile(account, "@ANA", 1);
    assertThat(ana.handle()).isEqualTo("ana");
    assertThat(ana.counters()).containsExactly(Map.entry(Metric.FOLLOWERS, 1200L));
    assertThat(ana.recentPosts()).extracting(PublicPost::externalId).containsExactly("p1");
    assertThat(connector.lookupProfile(account, "ana", 10).recentPosts()).extracting(PublicPost::externalId)
        .containsExactly("p1", "p3");
    assertThatThrownBy(() -> connector.lookupProfile(account, "bob", 5))
        .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.httpStatus()).hasValue(404));
  }

  @Test
  void simulated_public_accounts_are_deterministic_tagged_in_turn_and_spread_over_a_week() {
    SandboxPlatform other = Fixtures.sandbox(clock).build();
    sandbox.reset();
    sandbox.simulatePublicAccounts(3, 4, List.of("launch", "#promo"));
    other.simulatePublicAccounts(3, 4, List.of("launch", "#promo"));
    SandboxConnector connector = new SandboxConnector(sandbox, Fixtures.KEY);
    // post j of account i carries tag (i + j) % 2: #launch for (0,0) (0,2) (1,1) (1,3) (2,0) (2,2)
    Page<PublicPost> launch = connector.search(account, SearchQuery.of(SearchTerm.hashtag("launch")));
    assertThat(launch.items()).hasSize(6);
    // posts are 7 days / (4 + 1) = 33.6 h apart, the newest 33.6 h ago: within 48 h only j = 0
    Page<PublicPost> recent = connector.search(account, SearchQuery.of(SearchTerm.hashtag("launch"))
        .between(Fixtures.TUESDAY.minus(Duration.ofHours(48)), null));
    assertThat(ids(recent)).containsExactlyInAnyOrder("sim-0-0", "sim-2-0");
    assertThat(recent.items().get(0).createdAt()).isEqualTo(Fixtures.TUESDAY.minus(Duration.ofMinutes(2016)));
    for (PublicPost post : launch.items()) {
      long likes = post.metric(Metric.LIKES).orElseThrow();
      assertThat(post.metric(Metric.SHARES)).hasValue(likes / 10);
      assertThat(post.metric(Metric.COMMENTS)).hasValue(likes / 20);
    }
    PublicProfile sim1 = connector.lookupProfile(account, "sim_1", 2);
    assertThat(sim1.recentPosts()).extracting(PublicPost::externalId).containsExactly("sim-1-0", "sim-1-1");
    assertThat(sim1.counter(Metric.POSTS)).hasValue(4);
    assertThat(sim1.counter(Metric.FOLLOWERS).orElseThrow()).isBetween(100L, 99_999L);
    SandboxConnector twin = new SandboxConnector(other, Fixtures.KEY);
    PublicProfile sim1Twin = twin.lookupProfile(account, "sim_1", 2);
    assertThat(sim1Twin.counters()).isEqualTo(sim1.counters());
    assertThat(sim1Twin.recentPosts()).isEqualTo(sim1.recentPosts());
  }
}
