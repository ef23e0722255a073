package dev.chorus.connector.sandbox;

import static dev.chorus.connector.sandbox.Fixtures.KEY;
import static dev.chorus.connector.sandbox.Fixtures.TUESDAY;
import static dev.chorus.connector.sandbox.Fixtures.account;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.connector.PublishRequest;
import dev.chorus.model.Metric;
import dev.chorus.model.MetricSnapshot;
import dev.chorus.model.PostFormat;
import dev.chorus.model.SocialAccount;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngagementTest {

  private static final String TEXT = "A practical tip for planning your week: batch similar tasks together and protect two focus hours.";

  private final Fixtures.TestClock clock = new Fixtures.TestClock(TUESDAY);

  private SandboxPlatform sandbox(long seed) {
    return Fixtures.sandbox(clock).seed(seed).followers("a", 10_000).build();
  }

  /** Publishes at the instant and reads the counters {@code after} later. */
  private MetricSnapshot at(SandboxPlatform sandbox, Instant when, PublishRequest request, Duration after) {
    clock.set(when);
    String id = sandbox.publish(KEY, request).externalId();
    clock.set(when.plus(after));
    return sandbox.postMetrics(KEY, request.account(), List.of(id)).get(0);
  }

  private static long impressions(MetricSnapshot snapshot) {
    return snapshot.value(Metric.IMPRESSIONS).orElseThrow();
  }

  @Test
  void posts_at_a_peak_hour_get_far_more_than_at_three_in_the_morning() {
    SandboxPlatform sandbox = sandbox(1);
    long noon = 0;
    long night = 0;
    for (int week = 0; week < 4; week++) {
      Instant tuesday = TUESDAY.plus(Duration.ofDays(7L * week));
      noon += impressions(at(sandbox, tuesday.plus(Duration.ofHours(12)),
          Fixtures.text("a", "noon" + week, TEXT), Duration.ofHours(48)));
      night += impressions(at(sandbox, tuesday.plus(Duration.ofHours(3)),
          Fixtures.text("a", "night" + week, TEXT), Duration.ofHours(48)));
    }
    assertThat(noon).isGreaterThan(night * 10);
  }

  @Test
  void the_posting_hour_is_read_in_the_account_zone() {
    SandboxPlatform sandbox = sandbox(1);
    SocialAccount tokyo = account("a", ZoneId.of("Asia/Tokyo"));
    // 03:00 UTC is noon in Tokyo.
    long tokyoNoon = impressions(at(sandbox, TUESDAY.plus(Duration.ofHours(3)),
        PublishRequest.text(tokyo, "t1", TEXT), Duration.ofHours(48)));
    // 18:00 UTC is 03:00 in Tokyo.
    long tokyoNight = impressions(at(sandbox, TUESDAY.plus(Duration.ofHours(18)),
        PublishRequest.text(tokyo, "t2", TEXT), Duration.ofHours(48)));
    assertThat(tokyoNoon).isGreaterThan(tokyoNight * 5);
  }

  @Test
  void reels_beat_carousels_beat_images_beat_text() {
    SandboxPlatform sandbox = sandbox(3);
    Instant noon = TUESDAY.plus(Duration.ofHours(12));
    Duration after = Duration.ofHours(72);
    long reel = 0;
    long carousel = 0;
    long image = 0;
    long text = 0;
    for (int i = 0; i < 5; i++) {
      Instant day = noon.plus(Duration.ofDays(7L * i));
      reel += impressions(at(sandbox, day, Fixtures.text("a", "r" + i, TEXT).withFormat(PostFormat.REEL)
          .withMedia(List.of(Fixtures.video())), after));
      carousel += impressions(at(sandbox, day, Fixtures.text("a", "c" + i, TEXT).withFormat(PostFormat.CAROUSEL)
          .withMedia(List.of(Fixtures.image(1), Fixtures.image(2), Fixtures.image(3))), after));
      image += impressions(at(sandbox, day, Fixtures.text("a", "i" + i, TEXT)
          .withMedia(List.of(Fixtures.image(1))), after));
      text += impressions(at(sandbox, day, Fixtures.text("a", "t" + i, TEXT), after));
    }
    assertThat(reel).isGreaterThan(carousel);
    assertThat(carousel).isGreaterThan(image);
    assertThat(image).isGreaterThan(text);
    assertThat(reel).isGreaterThan(text * 3);
  }

  @Test
  void medium_texts_beat_very_long_ones() {
    SandboxPlatform sandbox = sandbox(5);
    long medium = 0;
    long longOnes = 0;
    for (int i = 0; i < 5; i++) {
      Instant day = TUESDAY.plus(Duration.ofHours(12)).plus(Duration.ofDays(7L * i));
      medium += impressions(at(sandbox, day, Fixtures.text("a", "m" + i, "x".repeat(150)), Duration.ofHours(48)));
      longOnes += impressions(at(sandbox, day, Fixtures.text("a", "l" + i, "x".repeat(490)), Duration.ofHours(48)));
    }
    assertThat(medium).isGreaterThan((long) (longOnes * 1.5));
  }

  @Test
  void counters_grow_monotonically_and_saturate_after_about_two_days() {
    SandboxPlatform sandbox = sandbox(9);
    clock.set(TUESDAY.plus(Duration.ofHours(12)));
    PublishRequest request = Fixtures.text("a", "k", TEXT).withMedia(List.of(Fixtures.image(1)));
    String id = sandbox.publish(KEY, request).externalId();
    MetricSnapshot previous = sandbox.postMetrics(KEY, request.account(), List.of(id)).get(0);
    assertThat(impressions(previous)).isZero();
    MetricSnapshot at48 = null;
    for (int hour = 1; hour <= 200; hour++) {
      clock.advance(Duration.ofHours(1));
      MetricSnapshot next = sandbox.postMetrics(KEY, request.account(), List.of(id)).get(0);
      for (Metric metric : next.values().keySet()) {
        assertThat(next.value(metric).orElseThrow()).isGreaterThanOrEqualTo(previous.value(metric).orElseThrow());
      }
      if (hour == 48) {
        at48 = next;
      }
      previous = next;
    }
    assertThat(impressions(at48)).isGreaterThan((long) (impressions(previous) * 0.98));
    assertThat(previous.value(Metric.REACH).orElseThrow()).isLessThan(impressions(previous));
    assertThat(previous.value(Metric.LIKES).orElseThrow()).isPositive();
  }

  @Test
  void metrics_that_do_not_apply_are_absent_not_zero() {
    SandboxPlatform sandbox = sandbox(11);
    Instant noon = TUESDAY.plus(Duration.ofHours(12));
    MetricSnapshot text = at(sandbox, noon, Fixtures.text("a", "t", TEXT), Duration.ofHours(24));
    MetricSnapshot reel = at(sandbox, noon, Fixtures.text("a", "r", TEXT).withFormat(PostFormat.REEL)
        .withMedia(List.of(Fixtures.video())), Duration.ofHours(24));
    PublishRequest withLink = new PublishRequest(account("a"), "l", PostFormat.FEED, TEXT, List.of(),
        URI.create("https://example.org/guide"), null, List.of(), null, java.util.Map.of(), null, null, null);
    MetricSnapshot link = at(sandbox, noon, withLink, Duration.ofHours(24));

    assertThat(text.value(Metric.VIDEO_VIEWS)).isEmpty();
    assertThat(text.value(Metric.SAVES)).isEmpty();
    assertThat(text.value(Metric.LINK_CLICKS)).isEmpty();
    assertThat(text.value(Metric.LIKES)).isPresent();
    assertThat(reel.value(Metric.VIDEO_VIEWS).orElseThrow()).isPositive();
    assertThat(reel.value(Metric.WATCH_TIME_MS).orElseThrow()).isPositive();
    assertThat(link.value(Metric.LINK_CLICKS)).isPresent();
  }

  @Test
  void the_same_seed_gives_the_same_numbers_and_another_seed_other_numbers() {
    Instant noon = TUESDAY.plus(Duration.ofHours(12));
    MetricSnapshot one = at(sandbox(21), noon, Fixtures.text("a", "k", TEXT), Duration.ofHours(30));
    MetricSnapshot two = at(sandbox(21), noon, Fixtures.text("a", "k", TEXT), Duration.ofHours(30));
    MetricSnapshot other = at(sandbox(22), noon, Fixtures.text("a", "k", TEXT), Duration.ofHours(30));

    assertThat(two.values()).isEqualTo(one.values());
    assertThat(other.values()).isNotEqualTo(one.values());
  }

  @Test
  void followers_grow_over_time_and_with_the_reach_of_posts() {
    SandboxPlatform sandbox = sandbox(4);
    SocialAccount a = account("a");
    long start = sandbox.accountMetrics(KEY, a).value(Metric.FOLLOWERS).orElseThrow();
    assertThat(start).isEqualTo(10_000);
    clock.advance(Duration.ofDays(10));
    long organic = sandbox.accountMetrics(KEY, a).value(Metric.FOLLOWERS).orElseThrow();
    assertThat(organic).isEqualTo(10_200);
    sandbox.publish(KEY, Fixtures.text("a", "reel", TEXT).withFormat(PostFormat.REEL).withMedia(List.of(Fixtures.video())));
    clock.advance(Duration.ofDays(2));
    MetricSnapshot later = sandbox.accountMetrics(KEY, a);
    assertThat(later.value(Metric.FOLLOWERS).orElseThrow()).isGreaterThan(10_240);
    assertThat(later.value(Metric.PROFILE_VISITS).orElseThrow()).isPositive();
    assertThat(later.accountLevel()).isTrue();
  }
}
