package dev.chorus.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.InvalidValueException;
import dev.chorus.model.ActorId;
import dev.chorus.model.Platform;
import dev.chorus.model.Post;
import dev.chorus.model.PostContent;
import dev.chorus.model.PostFormat;
import dev.chorus.model.PostTarget;
import dev.chorus.model.PostVariant;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SpiValuesTest {

  @Test
  void errors_carry_platform_status_and_request_id_in_the_message() {
    var error = new ContentRejectedException(Platform.X, 403, "abc123", "duplicate content");

    assertThat(error.getMessage()).isEqualTo("x: content rejected: duplicate content [HTTP 403, request id abc123]");
    assertThat(error.reason()).isEqualTo("duplicate content");
    assertThat(error.retryable()).isFalse();
    assertThat(error.requestId()).contains("abc123");
    assertThat(error.httpStatus()).hasValue(403);

    var limited = new RateLimitedException(Platform.X, 429, "r1", Instant.parse("2026-01-01T00:15:00Z"), "too many requests");
    assertThat(limited.retryable()).isTrue();
    assertThat(limited.getMessage()).contains("retry at 2026-01-01T00:15:00Z").contains("request id r1");
    assertThat(new RateLimitedException(Platform.PINTEREST, 429, null, null, "spam", false).retryable()).isFalse();

    var timeout = new TransportException(Platform.X, "read timed out", true, null);
    assertThat(timeout.outcomeUnknown()).isTrue();
    assertThat(timeout.httpStatus()).isEmpty();
    assertThat(new AuthenticationExpiredException(Platform.X, 401, null, "token expired").outcomeUnknown()).isFalse();
  }

  @Test
  void publish_request_resolves_the_variant_against_shared_content() {
    var account = TestConnectors.account();
    PostContent shared = new PostContent("shared text", List.of(), URI.create("https://chorus.dev"), List.of("launch"));
    PostVariant override = PostVariant.builder(PostFormat.FEED).text("short for X").build();
    Post post = Post.builder(account.workspaceId(), shared)
        .target(PostTarget.draft(account.id(), override))
        .createdBy(ActorId.of("a")).createdAt(Instant.EPOCH).build();

    PublishRequest request = PublishRequest.of(post, post.targets().get(0), account, "key-1");

    assertThat(request.text()).isEqualTo("short for X");
    assertThat(request.link()).isEqualTo(URI.create("https://chorus.dev"));
    assertThat(request.idempotencyKey()).isEqualTo("key-1");
  }

  @Test
  void publish_request_rejects_an_account_that_is_not_the_targets() {
    var account = TestConnectors.account();
    Post post = Post.builder(account.workspaceId(), PostContent.text("hi"))
        .target(PostTarget.draft(dev.chorus.model.AccountId.of("other")))
        .createdBy(ActorId.of("a")).createdAt(Instant.EPOCH).build();

    assertThatThrownBy(() -> PublishRequest.of(post, post.targets().get(0), account, "k"))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("account");
  }

  @Test
  void page_iteration_is_lazy_and_stops_at_the_last_page() {
    AtomicInteger fetches = new AtomicInteger();
    Iterable<Integer> items = Page.iterate(cursor -> {
      int n = fetches.incrementAndGet();
      return new Page<>(List.of(n * 10, n * 10 + 1), n < 3 ? "c" + n : null);
    }, 100);

    var iterator = items.iterator();
    assertThat(iterator.next()).isEqualTo(10);
    assertThat(fetches).hasValue(1);
    List<Integer> rest = new ArrayList<>();
    iterator.forEachRemaining(rest::add);
    assertThat(rest).containsExactly(11, 20, 21, 30, 31);
    assertThat(fetches).hasValue(3);
  }

  @Test
  void page_iteration_survives_a_platform_that_repeats_its_cursor() {
    List<String> all = Page.collect(cursor -> new Page<>(List.of("x"), "same"), 1000);

    assertThat(all).hasSize(2); // first page, then the page whose cursor repeated
  }

  @Test
  void connector_context_extensions_are_typed() {
    ConnectorContext context = ConnectorContext.builder(java.time.Clock.systemUTC())
        .extension(CharSequence.class, "shared").build();

    assertThat(context.extension(CharSequence.class)).contains("shared");
    assertThat(context.extension(Map.class)).isEmpty();
  }

  @Test
  void capabilities_refuse_media_kinds_without_limits_and_interaction_kinds_without_the_feature() {
    Limits noMedia = Limits.builder(TextLimit.of(100, dev.chorus.text.CountingRule.GRAPHEMES)).build();

    assertThatThrownBy(() -> Capabilities.builder(noMedia).mediaKinds(dev.chorus.model.MediaKind.VIDEO).build())
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("VIDEO");
    assertThatThrownBy(() -> Capabilities.builder(noMedia)
            .interactionKinds(dev.chorus.model.InteractionKind.COMMENT).build())
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("INTERACTIONS");
  }
}
