package dev.chorus.connector.sandbox;

import static dev.chorus.connector.sandbox.Fixtures.KEY;
import static dev.chorus.connector.sandbox.Fixtures.TUESDAY;
import static dev.chorus.connector.sandbox.Fixtures.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.chorus.connector.AuthenticationExpiredException;
import dev.chorus.connector.Connector;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.ConnectorException;
import dev.chorus.connector.ConnectorRegistry;
import dev.chorus.connector.ContentRejectedException;
import dev.chorus.connector.InteractionQuery;
import dev.chorus.connector.NotFoundException;
import dev.chorus.connector.Page;
import dev.chorus.connector.PermissionDeniedException;
import dev.chorus.connector.PlatformUnavailableException;
import dev.chorus.connector.RateLimitedException;
import dev.chorus.connector.tck.PlatformStub.Failure;
import dev.chorus.model.Interaction;
import dev.chorus.model.InteractionKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Proves the stub arranges what the TCK will ask of it, until the TCK's verification class lands. */
class SandboxPlatformStubTest {

  private final Fixtures.TestClock clock = new Fixtures.TestClock(TUESDAY);
  private final SandboxPlatform sandbox = Fixtures.sandbox(clock).build();
  private final SandboxPlatformStub stub = new SandboxPlatformStub(sandbox, "tck");
  private Connector connector;

  @BeforeEach
  void setUp() {
    connector = ConnectorRegistry.create(new SandboxConnectorProvider(),
        ConnectorContext.builder(clock).extension(SandboxPlatform.class, sandbox).build(),
        Map.of("api_key", KEY.reveal()));
    stub.reset();
  }

  @Test
  void scripted_failures_map_to_typed_errors_with_the_request_id() {
    Map<Failure, Class<? extends ConnectorException>> expected = Map.of(
        Failure.AUTHENTICATION_EXPIRED, AuthenticationExpiredException.class,
        Failure.PERMISSION_DENIED, PermissionDeniedException.class,
        Failure.NOT_FOUND, NotFoundException.class,
        Failure.CONTENT_REJECTED, ContentRejectedException.class,
        Failure.UNAVAILABLE, PlatformUnavailableException.class);
    for (Failure failure : Failure.values()) {
      stub.publishFails(failure, "req-" + failure, "because " + failure);
      ConnectorException e = catchThrowableOfType(
          () -> connector.publish(Fixtures.text("tck", "k", "hello")), ConnectorException.class);
      assertThat(e).isInstanceOf(expected.get(failure));
      assertThat(e.requestId()).hasValue("req-" + failure);
      assertThat(e.platform()).isEqualTo(sandbox.platform());
      assertThat(e.httpStatus()).isPresent();
    }
    ContentRejectedException rejected = catchThrowableOfType(() -> {
      stub.publishFails(Failure.CONTENT_REJECTED, "r", "duplicate status");
      connector.publish(Fixtures.text("tck", "k", "hello"));
    }, ContentRejectedException.class);
    assertThat(rejected.reason()).isEqualTo("duplicate status");
    assertThat(sandbox.publicationCount()).isZero();
    assertThat(stub.requestCount()).isEqualTo(Failure.values().length + 1);
  }

  @Test
  void rate_limit_and_explicit_ids() {
    stub.publishRateLimited(TUESDAY.plusSeconds(120), "rl-1");
    RateLimitedException e = catchThrowableOfType(
        () -> connector.publish(Fixtures.text("tck", "k", "hello")), RateLimitedException.class);
    assertThat(e.retryAt()).hasValue(TUESDAY.plusSeconds(120));
    assertThat(e.requestId()).hasValue("rl-1");

    stub.publishSucceeds("post-777");
    assertThat(connector.publish(Fixtures.text("tck", "k", "hello")).externalId()).isEqualTo("post-777");
  }

  @Test
  void existing_posts_are_found_by_reconcile() {
    stub.existingPost("old-1", "hello again", TUESDAY.plusSeconds(5));
    clock.advance(Duration.ofMinutes(1));

    assertThat(connector.reconcile(Fixtures.text("tck", "k", "hello again"), TUESDAY).orElseThrow().externalId())
        .isEqualTo("old-1");
    assertThat(connector.reconcile(Fixtures.text("tck", "k", "hello again"), TUESDAY.plusSeconds(10))).isEmpty();
  }

  @Test
  void interactions_come_in_the_arranged_pages() {
    stub.interactions(3, 4);
    List<Page<Interaction>> pages = new ArrayList<>();
    String cursor = null;
    do {
      Page<Interaction> page = connector.fetchInteractions(account("tck"),
          new InteractionQuery(Set.of(InteractionKind.COMMENT), null, cursor, 50));
      pages.add(page);
      cursor = page.nextCursor();
    } while (cursor != null);

    assertThat(pages).hasSize(3).allMatch(p -> p.items().size() == 4);
  }

  @Test
  void metrics_requests_are_recorded_by_size() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      ids.add("m-" + i);
    }
    stub.metricsFor(ids);

    assertThat(connector.fetchMetrics(account("tck"), ids)).hasSize(60);
    assertThat(stub.metricsRequestSizes()).containsExactly(50, 10);
    assertThat(stub.requestCount()).isEqualTo(2);
    stub.reset();
    assertThat(stub.requestCount()).isZero();
    assertThat(stub.metricsRequestSizes()).isEmpty();
  }
}
