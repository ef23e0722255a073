package dev.chorus.strategy.listening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.PlatformUnavailableException;
import dev.chorus.connector.SearchTerm;
import dev.chorus.model.AccountId;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.Metric;
import dev.chorus.model.Platform;
import dev.chorus.model.PublicPost;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.WorkspaceId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListeningTest {

  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  static final SearchTerm CHORUS = SearchTerm.keyword("chorus");
  static final SearchTerm TOOLS = SearchTerm.hashtag("#socialtools");

  final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  static SocialAccount account(Platform platform) {
    return new SocialAccount(AccountId.of(platform.id()), WorkspaceId.of("ws"), platform, "@brand", "1",
        ZoneOffset.UTC, CredentialsRef.of("cred"));
  }

  static PublicPost post(Platform platform, String id, String createdAt, String text) {
    return new PublicPost(platform, id, "author-" + id, "author" + id, text, Instant.parse(createdAt), "en", null, NOW,
        Map.of(Metric.LIKES, 1L));
  }

  static final PublicPost X1 = post(Platform.X, "1", "2026-11-19T22:30:00Z", "Trying chorus");
  static final PublicPost X2 = post(Platform.X, "2", "2026-11-19T23:30:00Z", "chorus again");
  static final PublicPost X3 = post(Platform.X, "3", "2026-11-20T08:00:00Z", "chorus #socialtools");
  static final PublicPost X4 = post(Platform.X, "4", "2026-11-20T09:00:00Z", "#socialtools roundup");
  // same post id as X1 on another platform: a different post
  static final PublicPost B1 = post(Platform.BLUESKY, "1", "2026-11-20T10:00:00Z", "chorus on bluesky");
  // two days old: outside the one-day window even though the platform returned it
  static final PublicPost B0 = post(Platform.BLUESKY, "0", "2026-11-18T10:00:00Z", "old chorus post");

  FakeSearch x() {
    return new FakeSearch(Platform.X, true)
        .pages(CHORUS, List.of(X1, X2), List.of(X2, X3)) // X2 repeated on page 2
        .pages(TOOLS, List.of(X3, X4)); // X3 also found by the hashtag
  }

  FakeSearch bluesky() {
    return new FakeSearch(Platform.BLUESKY, true).pages(CHORUS, List.of(B1, B0));
  }

  @Test
  void listens_on_two_platforms_with_paging_and_keeps_each_post_once_with_every_term_that_found_it() {
    FakeSearch x = x();
    FakeSearch bluesky = bluesky();
    FakeSearch mastodon = new FakeSearch(Platform.MASTODON, false).pages(CHORUS, List.of(B1));
    Listening listening = Listening.builder(clock).pageSize(2)
        .source(x, account(Platform.X))
        .source(bluesky, account(Platform.BLUESKY))
        .source(mastodon, account(Platform.MASTODON))
        .build();

    ListeningResult result = listening.listen(List.of(CHORUS, TOOLS), Duration.ofDays(1));

    assertThat(result.since()).isEqualTo(Instant.parse("2026-11-19T12:00:00Z"));
    assertThat(result.until()).isEqualTo(NOW);
    // X: 1, 2, 3, 4; Bluesky: 1 (B0 is outside the window) — oldest first
    assertThat(result.posts()).extracting(h -> h.post().platform().id() + "/" + h.post().externalId())
        .containsExactly("x/1", "x/2", "x/3", "x/4", "bluesky/1");
    assertThat(result.posts().get(2).terms()).containsExactlyInAnyOrder(CHORUS, TOOLS);
    // the second page was asked with the first page's cursor, bounded by the window and the page size
    assertThat(x.queries).hasSize(3);
    assertThat(x.queries.get(1).cursor()).isEqualTo("p2");
    assertThat(x.queries.get(1).since()).isEqualTo(result.since());
    assertThat(x.queries.get(1).until()).isEqualTo(NOW);
    assertThat(x.queries.get(1).pageSize()).isEqualTo(2);
    PlatformPass xPass = result.passes().get(0);
    // pages: chorus 2 + #socialtools 1 = 3; posts read before de-duplication: 2 + 2 + 2 = 6
    assertThat(xPass.status()).isEqualTo(PassStatus.COMPLETE);
    assertThat(xPass.pages()).isEqualTo(3);
    assertThat(xPass.posts()).isEqualTo(6);
    // Bluesky: chorus 1 page (1 post in the window) + #socialtools 1 empty page
    assertThat(result.passes().get(1)).extracting(PlatformPass::status, PlatformPass::pages, PlatformPass::posts)
        .containsExactly(PassStatus.COMPLETE, 2, 1);
    assertThat(result.passes().get(2).status()).isEqualTo(PassStatus.SKIPPED);
    assertThat(result.passes().get(2).reason()).isEqualTo("mastodon does not declare SEARCH");
    assertThat(mastodon.queries).isEmpty();
    assertThat(result.complete()).isFalse();
  }

  @Test
  void a_rate_limit_stops_only_that_platforms_pass_and_keeps_what_it_heard() {
    Instant reset = NOW.plus(Duration.ofMinutes(15));
    FakeSearch x = x().rateLimitAt(CHORUS, 2, reset);
    FakeSearch bluesky = bluesky();
    Listening listening = Listening.builder(clock).source(x, account(Platform.X))
        .source(bluesky, account(Platform.BLUESKY)).build();

    ListeningResult result = listening.listen(List.of(CHORUS, TOOLS), Duration.ofDays(1));

    PlatformPass xPass = result.passes().get(0);
    assertThat(xPass.status()).isEqualTo(PassStatus.RATE_LIMITED);
    assertThat(xPass.retry()).contains(reset);
    assertThat(xPass.reason()).contains("chorus", "search quota used up");
    assertThat(xPass.pages()).isEqualTo(1);
    // the hashtag was never searched on X once the limit hit
    assertThat(x.queries).extracting(q -> q.term()).containsExactly(CHORUS, CHORUS);
    assertThat(result.passes().get(1).status()).isEqualTo(PassStatus.COMPLETE);
    assertThat(result.posts()).extracting(h -> h.post().platform().id() + "/" + h.post().externalId())
        .containsExactly("x/1", "x/2", "bluesky/1");
  }

  @Test
  void volume_buckets_follow_local_days_in_the_zone() {
    ListeningResult result = Listening.builder(clock).source(x(), account(Platform.X))
        .source(bluesky(), account(Platform.BLUESKY)).build()
        .listen(List.of(CHORUS, TOOLS), Duration.ofDays(1));

    // UTC: 19th holds X1 (22:30) and X2 (23:30); 20th holds X3, X4, B1
    assertThat(Trends.volume(result, null, ChronoUnit.DAYS, ZoneOffset.UTC)).extracting(VolumeBucket::posts)
        .containsExactly(2L, 3L);
    // Berlin is UTC+1 in November: X2 at 00:30 local falls on the 20th; the first day starts 2026-11-18T23:00Z
    List<VolumeBucket> berlin = Trends.volume(result, null, ChronoUnit.DAYS, ZoneId.of("Europe/Berlin"));
    assertThat(berlin).extracting(VolumeBucket::posts).containsExactly(1L, 4L);
    assertThat(berlin.get(0).start()).isEqualTo(Instant.parse("2026-11-18T23:00:00Z"));
    // hours from 12:00Z on the 19th to 11:00Z on the 20th: 24 buckets; #socialtools at 08:00Z and 09:00Z
    List<VolumeBucket> hours = Trends.volume(result, TOOLS, ChronoUnit.HOURS, ZoneOffset.UTC);
    assertThat(hours).hasSize(24);
    assertThat(hours.stream().mapToLong(VolumeBucket::posts).sum()).isEqualTo(2);
    assertThat(hours.get(20).posts()).isEqualTo(1); // 12:00 + 20 h = 08:00Z
  }

  @Test
  void an_unsearchable_term_kind_is_listed_and_another_failure_stops_only_its_platform() {
    SearchTerm mention = SearchTerm.mention("chorus");
    FakeSearch x = x().cannotSearch(SearchTerm.Kind.MENTION);
    FakeSearch down = new FakeSearch(Platform.THREADS, true)
        .failWith(new PlatformUnavailableException(Platform.THREADS, 503, "req-503", "service unavailable"));
    Listening listening = Listening.builder(clock).source(x, account(Platform.X))
        .source(down, account(Platform.THREADS)).build();

    ListeningResult result = listening.listen(List.of(mention, CHORUS), Duration.ofDays(1));

    PlatformPass xPass = result.passes().get(0);
    assertThat(xPass.status()).isEqualTo(PassStatus.COMPLETE);
    assertThat(xPass.unsearchable()).singleElement().asString().startsWith("@chorus: ");
    assertThat(x.queries).extracting(q -> q.term()).containsOnly(CHORUS);
    assertThat(result.passes().get(1).status()).isEqualTo(PassStatus.FAILED);
    assertThat(result.passes().get(1).reason()).contains("@chorus", "service unavailable");
    assertThat(result.posts()).extracting(h -> h.post().externalId()).containsExactly("1", "2", "3");
  }

  @Test
  void a_local_day_lasts_25_hours_when_summer_time_ends() {
    // Berlin leaves summer time on 2026-10-25 at 03:00 local: that day runs 2026-10-24T22:00Z to 2026-10-25T23:00Z
    Clock october = Clock.fixed(Instant.parse("2026-10-26T12:00:00Z"), ZoneOffset.UTC);
    ListeningResult result = Listening.builder(october).build().listen(List.of(CHORUS), Duration.ofDays(2));

    List<VolumeBucket> days = Trends.volume(result, null, ChronoUnit.DAYS, ZoneId.of("Europe/Berlin"));

    assertThat(days).extracting(VolumeBucket::start).containsExactly(Instant.parse("2026-10-23T22:00:00Z"),
        Instant.parse("2026-10-24T22:00:00Z"), Instant.parse("2026-10-25T23:00:00Z"));
    assertThat(Duration.between(days.get(1).start(), days.get(1).end())).isEqualTo(Duration.ofHours(25));
  }

  @Test
  void rejects_an_empty_term_list_naming_the_field() {
    Listening listening = Listening.builder(clock).build();
    assertThatThrownBy(() -> listening.listen(List.of(), Duration.ofDays(1)))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("terms"));
    assertThatThrownBy(() -> listening.listen(List.of(CHORUS), Duration.ZERO))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("lookback"));
  }
}
