package dev.chorus.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.model.MediaAsset;
import dev.chorus.model.MediaKind;
import dev.chorus.model.Poll;
import dev.chorus.model.PostFormat;
import dev.chorus.model.ThreadPart;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class LimitChecksTest {

  private final Capabilities caps = TestConnectors.capabilities(Capability.PUBLISH, Capability.POLL);

  private ValidationResult check(PublishRequest request) {
    return LimitChecks.check(TestConnectors.ACME, caps, request);
  }

  private static PublishRequest text(String text) {
    return PublishRequest.text(TestConnectors.account(), "key", text);
  }

  private static MediaAsset image(int width, int height) {
    return MediaAsset.builder(MediaKind.IMAGE, URI.create("file:///tmp/a.png"), "image/png")
        .dimensions(width, height).byteSize(1000L).build();
  }

  @Test
  void text_at_the_limit_passes_and_one_over_fails_with_field_limit_and_actual() {
    assertThat(check(text("a".repeat(280))).valid()).isTrue();

    ValidationResult result = check(text("a".repeat(281)));

    assertThat(result.violations()).singleElement().satisfies(v -> {
      assertThat(v.field()).isEqualTo("text");
      assertThat(v.rule()).isEqualTo("text.length");
      assertThat(v.limit()).isEqualTo("<= 280");
      assertThat(v.actual()).isEqualTo("281");
      assertThat(v.message()).isEqualTo("text is 281 weighted characters, acme allows 280");
    });
  }

  @Test
  void counts_text_with_the_platform_rule_not_string_length() {
    // CJK counts 2 each under X's weighting: 141 of them weigh 282.
    assertThat(check(text("漢".repeat(141))).violates("text.length")).isTrue();
    assertThat(check(text("漢".repeat(140))).valid()).isTrue();
  }

  @Test
  void reports_every_violation_at_once() {
    MediaAsset tooSmall = image(50, 50);
    MediaAsset gif = MediaAsset.builder(MediaKind.GIF, URI.create("file:///a.gif"), "image/gif").build();
    PublishRequest request = text("#one #two #three @a @b @c @d " + "x".repeat(300))
        .withMedia(List.of(tooSmall, gif, image(200, 200), image(200, 200), image(200, 200)));

    ValidationResult result = check(request);

    assertThat(result.violations()).extracting(Violation::rule).contains(
        "text.length", "hashtags.count", "mentions.count", "media.count", "media.kind",
        "media.width.min", "media.height.min");
    assertThatThrownBy(result::orThrow).isInstanceOfSatisfying(ContentValidationException.class,
        e -> assertThat(e.violations()).hasSize(result.violations().size()));
  }

  @Test
  void hashtag_and_mention_signs_that_are_not_entities_do_not_count() {
    // Five '#' and six '@' signs, more than the limits (2 and 3), but only two hashtags (#a, #b) and
    // three mentions (@x, @y, @z): "#1" and "a#b" and "mail@host" are not entities, "# " is a bare sign.
    PublishRequest request = text("#a #b #1 # c#d @x @y @z mail@host @ @");
    assertThat(check(request).valid()).isTrue();
    // One more of each is over: 3 hashtags > 2, 4 mentions > 3.
    assertThat(check(text("#a #b #c @w @x @y @z")).violations()).extracting(Violation::actual)
        .containsExactly("3", "4");
    // Full-width signs are entities too.
    assertThat(check(text("\uFF03a \uFF03b \uFF03c")).violations()).extracting(Violation::rule)
        .containsExactly("hashtags.count");
  }

  @Test
  void a_supplied_counter_measures_post_and_thread_texts() {
    java.util.List<String> counted = new java.util.ArrayList<>();
    dev.chorus.text.TextCounter counter = text -> {
      counted.add(text);
      return 1000;
    };
    ValidationResult result = LimitChecks.check(TestConnectors.ACME, TestConnectors.capabilities(Capability.PUBLISH),
        text("short").withThreadParts(List.of(new ThreadPart("part", List.of()))), counter);
    assertThat(counted).containsExactly("short", "part");
    assertThat(result.violations()).extracting(Violation::field).contains("text", "threadParts[0].text");
  }

  @Test
  void media_bytes_duration_mime_and_aspect_ratio() {
    MediaAsset big = image(200, 200).toBuilder().byteSize(5_000_001L).build();
    MediaAsset webp = MediaAsset.builder(MediaKind.IMAGE, URI.create("file:///a.webp"), "image/webp").build();
    MediaAsset tall = image(1000, 2000);
    MediaAsset longVideo = MediaAsset.builder(MediaKind.VIDEO, URI.create("file:///v.mp4"), "video/mp4")
        .duration(Duration.ofSeconds(141)).build();

    assertThat(check(text("a").withMedia(List.of(big))).violations())
        .extracting(Violation::field, Violation::rule).containsExactly(
            org.assertj.core.groups.Tuple.tuple("media[0].byteSize", "media.bytes"));
    assertThat(check(text("a").withMedia(List.of(webp))).violates("media.mimeType")).isTrue();
    assertThat(check(text("a").withMedia(List.of(tall))).violations()).singleElement()
        .satisfies(v -> assertThat(v.message()).contains("aspect ratio 0.500").contains("0.800..1.910"));
    assertThat(check(text("a").withMedia(List.of(longVideo))).violates("media.duration.max")).isTrue();
    assertThat(check(text("a").withMedia(List.of(image(1080, 1350)))).valid()).isTrue();
  }

  @Test
  void unknown_media_facts_are_not_guessed() {
    MediaAsset unknown = MediaAsset.builder(MediaKind.IMAGE, URI.create("https://cdn/x.png"), "image/png").build();

    assertThat(check(text("a").withMedia(List.of(unknown))).valid()).isTrue();
  }

  @Test
  void carousel_bounds() {
    PublishRequest one = text("a").withFormat(PostFormat.CAROUSEL).withMedia(List.of(image(200, 200)));
    PublishRequest five = one.withMedia(Collections.nCopies(5, image(200, 200)));

    assertThat(check(one).violates("carousel.min")).isTrue();
    assertThat(check(five).violates("carousel.max")).isTrue();
    assertThat(check(one.withMedia(Collections.nCopies(2, image(200, 200)))).valid()).isTrue();
  }

  @Test
  void thread_parts_poll_first_comment_and_unsupported_format() {
    PublishRequest thread = text("a").withThreadParts(List.of(
        ThreadPart.of("b"), ThreadPart.of("c"), ThreadPart.of("d"), ThreadPart.of("e".repeat(281))));
    Poll poll = new Poll(List.of("a", "b", "c", "d", "e"), Duration.ofDays(1));

    assertThat(check(thread).violations()).extracting(Violation::field)
        .containsExactly("threadParts", "threadParts[3].text");
    assertThat(check(text("a").withPoll(poll)).violates("poll.options")).isTrue();
    assertThat(check(text("a").withFirstComment("first!")).violates("firstComment.supported")).isTrue();
    assertThat(check(text("a").withFormat(PostFormat.REEL)).violates("format.supported")).isTrue();
  }
}
