package dev.chorus.strategy.listening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.chorus.InvalidValueException;
import dev.chorus.analytics.AnomalyAlert;
import dev.chorus.analytics.AnomalyDetector;
import dev.chorus.analytics.AnomalySignal;
import dev.chorus.analytics.CompetitorStanding;
import dev.chorus.connector.SearchTerm;
import dev.chorus.event.ChorusEvent;
import dev.chorus.event.EventPublisher;
import dev.chorus.model.Platform;
import dev.chorus.model.PublicPost;
import dev.chorus.model.WorkspaceId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrendsTest {

  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  static final Duration DAY = Duration.ofDays(1);
  static final SearchTerm CHORUS = SearchTerm.keyword("chorus");
  static final SearchTerm OOPS = SearchTerm.hashtag("oops");

  final List<HeardPost> posts = new ArrayList<>();

  /** Adds {@code n} posts created {@code ago} before now (a minute apart), found by the terms. */
  void add(int n, Duration ago, String text, SearchTerm... terms) {
    for (int i = 0; i < n; i++) {
      String id = "p" + posts.size();
      posts.add(new HeardPost(new PublicPost(Platform.X, id, "a" + id, "a" + id, text,
          NOW.minus(ago).plus(Duration.ofMinutes(i)), null, null, NOW, Map.of()), Set.of(terms)));
    }
  }

  ListeningResult result(Duration lookback, SearchTerm... terms) {
    return new ListeningResult(NOW.minus(lookback), NOW, List.of(terms), posts, List.of());
  }

  /**
   * Four one-day windows, oldest first: w3 [−4d, −3d), w2, w1, w0 the current [−1d, now). Posts sit 12 h
   * into their window.
   */
  ListeningResult launchWeek() {
    Duration w3 = Duration.ofHours(3 * 24 + 12);
    Duration w2 = Duration.ofHours(2 * 24 + 12);
    Duration w1 = Duration.ofHours(24 + 12);
    Duration w0 = Duration.ofHours(12);
    add(4, w3, "chorus tips", CHORUS);
    add(5, w2, "chorus tips", CHORUS);
    add(1, w2, "chorus #launch teaser", CHORUS);
    add(5, w1, "chorus tips", CHORUS);
    add(2, w0, "chorus tips", CHORUS);
    add(4, w0, "chorus is live #Launch #ai", CHORUS);
    add(2, w0, "#oops wrong link", OOPS);
    return result(Duration.ofDays(4), CHORUS, OOPS);
  }

  @Test
  void rising_terms_beat_their_own_trailing_baseline_with_a_minimum_count() {
    List<RisingTerm> rising = Trends.rising(launchWeek(), DAY, 3, 3, 2.0);

    // chorus: current 2 + 4 = 6; baseline (4 + 6 + 5) ÷ 3 = 5 → ratio 1.2 < 2: not rising
    // #launch: current 4; baseline (0 + 1 + 0) ÷ 3 = 0.333, floored at 1 → ratio 4
    // #ai: current 4; baseline 0 → floored at 1 → ratio 4 (tie on ratio and count: by name, "#ai" first)
    // #oops: current 2 < minimum count 3: not rising
    assertThat(rising).extracting(RisingTerm::term).containsExactly("#ai", "#launch");
    assertThat(rising.get(1).current()).isEqualTo(4);
    assertThat(rising.get(1).baseline()).isCloseTo(1.0 / 3, within(1e-9));
    assertThat(rising.get(1).ratio()).isCloseTo(4.0, within(1e-9));
    // with a minimum count of 2, #oops (2 ÷ max(0, 1) = 2) rises too
    assertThat(Trends.rising(launchWeek(), DAY, 3, 2, 2.0)).extracting(RisingTerm::term).contains("#oops");
  }

  @Test
  void rising_needs_the_listening_window_to_cover_its_baseline() {
    ListeningResult result = launchWeek();
    // 1 current + 4 baseline days = 5 days, but the result covers 4
    assertThatThrownBy(() -> Trends.rising(result, DAY, 4, 3, 2.0))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("baselineWindows"));
  }

  @Test
  void counts_terms_that_co_occur_with_a_hashtag() {
    // posts with #launch: 1 teaser + 4 launch posts = 5; all 5 carry chorus, the 4 launch posts carry #ai
    assertThat(Trends.coOccurring(launchWeek(), "#LAUNCH", 10))
        .containsExactly(new TermCount("chorus", 5), new TermCount("#ai", 4));
  }

  @Test
  void share_of_voice_of_the_brand_against_competitors_by_mentions() {
    SearchTerm own = SearchTerm.mention("chorus");
    SearchTerm rival = SearchTerm.mention("rival");
    SearchTerm other = SearchTerm.mention("other");
    add(6, Duration.ofHours(2), "@chorus rocks", own);
    add(3, Duration.ofHours(3), "@rival ok", rival);
    add(1, Duration.ofHours(4), "@chorus vs @rival", own, rival);
    add(1, Duration.ofHours(5), "@other", other);

    List<CompetitorStanding> standings = Trends.shareOfVoice(result(DAY, own, rival, other), "Chorus", own,
        Map.of("Rival", rival, "Other", other));

    // mentions: Chorus 6 + 1 = 7, Rival 3 + 1 = 4, Other 1 → 12 in all; 7/12, 4/12, 1/12
    assertThat(standings).extracting(s -> s.brand().name()).containsExactly("Chorus", "Rival", "Other");
    assertThat(standings.get(0).shareOfVoice().value()).isCloseTo(7.0 / 12, within(1e-9));
    assertThat(standings.get(1).shareOfVoice().value()).isCloseTo(4.0 / 12, within(1e-9));
    assertThat(standings.get(2).shareOfVoice().value()).isCloseTo(1.0 / 12, within(1e-9));
    assertThat(standings.get(0).brand().own()).isTrue();
    assertThat(standings.get(0).engagementRate().isDefined()).isFalse();
  }

  @Test
  void a_spike_in_mentions_raises_and_publishes_an_anomaly_alert() {
    SearchTerm brand = SearchTerm.mention("chorus");
    Instant start = NOW.minus(Duration.ofHours(6));
    long[] perHour = {2, 3, 2, 3, 2, 20};
    for (int h = 0; h < perHour.length; h++) {
      add((int) perHour[h], Duration.ofHours(6 - h).minusMinutes(30), "@chorus", brand);
    }
    // a post by another term in the spike hour does not count
    add(5, Duration.ofMinutes(30), "unrelated", SearchTerm.keyword("weather"));
    List<ChorusEvent> published = new ArrayList<>();
    AnomalyDetector detector = AnomalyDetector.builder(Clock.fixed(NOW, ZoneOffset.UTC),
        new EventPublisher(List.of(published::add))).season(1).history(5, 3).threshold(4).minCount(10).build();
    ListeningResult result = result(Duration.ofHours(6), brand);

    assertThat(Trends.mentionCounts(result, brand, start, Duration.ofHours(1), 6)).containsExactly(perHour);
    List<AnomalyAlert> alerts = Trends.mentionSpikes(result, brand, detector, WorkspaceId.of("ws"), start,
        Duration.ofHours(1), 6);

    // hour 5: baseline = median of the 5 previous hours (2, 3, 2, 3, 2) = 2; MAD = median(0, 1, 0, 1, 0) = 0;
    // spread = max(1.4826 × 0, √2 = 1.41421, 1) = 1.41421; z = (20 − 2) ÷ 1.41421 = 12.728.
    // Hours 0–4 stay below the minimum count of 10.
    assertThat(alerts).hasSize(1);
    AnomalyAlert alert = alerts.get(0);
    assertThat(alert.signal()).isEqualTo(AnomalySignal.MENTION_VOLUME);
    assertThat(alert.bucketStart()).isEqualTo(start.plus(Duration.ofHours(5)));
    assertThat(alert.observed()).isEqualTo(20);
    assertThat(alert.expected()).isEqualTo(2.0);
    assertThat(alert.score()).isCloseTo(12.728, within(1e-3));
    assertThat(published).containsExactly(alert);
  }
}
