package dev.chorus.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.AccessDeniedException;
import dev.chorus.Chorus;
import dev.chorus.ChorusException;
import dev.chorus.InvalidValueException;
import dev.chorus.connector.Capabilities;
import dev.chorus.connector.Capability;
import dev.chorus.connector.Connector;
import dev.chorus.connector.Limits;
import dev.chorus.connector.PublishRequest;
import dev.chorus.connector.PublishResult;
import dev.chorus.connector.TextLimit;
import dev.chorus.event.ChorusEvent;
import dev.chorus.model.AccountId;
import dev.chorus.model.ActorId;
import dev.chorus.model.ApprovalPolicy;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.Platform;
import dev.chorus.model.Post;
import dev.chorus.model.PostContent;
import dev.chorus.model.PostFormat;
import dev.chorus.model.PostTarget;
import dev.chorus.model.PostVariant;
import dev.chorus.model.Role;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.TargetState;
import dev.chorus.model.Workspace;
import dev.chorus.model.WorkspaceId;
import dev.chorus.text.CountingRule;
import dev.chorus.workflow.Session;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The scheduler inside Chorus: permissions, all-or-nothing planning, resolution and outcomes. */
class SchedulerTest {

  static final Instant T = Instant.parse("2026-03-03T08:00:00Z");
  static final Platform FAKE = Platform.of("recording");
  static final ActorId OWNER = ActorId.of("owner");
  static final ActorId CREATOR = ActorId.of("creator");
  static final ActorId VIEWER = ActorId.of("viewer");
  static final WorkspaceId WS = WorkspaceId.of("ws-s");
  static final AccountId A = AccountId.of("acc-a");
  static final AccountId B = AccountId.of("acc-b");

  /** Records what it was asked to publish. */
  static final class Recording implements Connector {
    final List<PublishRequest> requests = new CopyOnWriteArrayList<>();
    final Platform platform;

    Recording(Platform platform) {
      this.platform = platform;
    }

    @Override
    public Platform platform() {
      return platform;
    }

    @Override
    public Capabilities capabilities() {
      return Capabilities.builder(Limits.builder(TextLimit.of(100, CountingRule.CODE_POINTS)).build())
          .features(Capability.PUBLISH, Capability.IDEMPOTENCY_KEYS).formats(PostFormat.values()).build();
    }

    @Override
    public PublishResult publish(PublishRequest request) {
      requests.add(request);
      return PublishResult.of("id-" + requests.size(), URI.create("https://recording.example/" + requests.size()),
          Instant.now(Clock.fixed(T, ZoneOffset.UTC)));
    }
  }

  final MutableClock clock = new MutableClock(T);
  final Recording connector = new Recording(FAKE);
  final List<ChorusEvent> events = new CopyOnWriteArrayList<>();
  Chorus chorus;

  Chorus start(Consumer<Chorus.Builder> tweak) {
    Chorus.Builder builder = Chorus.builder().clock(clock).connector(connector).listener(events::add).dispatchWorkers(1);
    tweak.accept(builder);
    chorus = builder.build();
    chorus.createWorkspace(new Workspace(WS, "S", ZoneId.of("Europe/Berlin"), ApprovalPolicy.none(),
        Map.of(OWNER, Role.OWNER, CREATOR, Role.CREATOR, VIEWER, Role.VIEWER)));
    for (AccountId id : List.of(A, B)) {
      chorus.session(OWNER, WS).accounts().connect(new SocialAccount(id, WS, FAKE, "@" + id.value(), "ext-" + id.value(),
          ZoneId.of("Europe/Berlin"), CredentialsRef.of("vault:" + id.value())));
    }
    return chorus;
  }

  @AfterEach
  void close() {
    if (chorus != null) {
      chorus.close();
    }
  }

  Session owner() {
    return chorus.session(OWNER, WS);
  }

  Post approved(String text, AccountId... accounts) {
    Post draft = owner().posts().createDraft(PostContent.text(text), accounts);
    return owner().posts().submit(draft.id(), null);
  }

  @Test
  void scheduling_needs_the_schedule_permission_and_a_refusal_changes_nothing() {
    start(b -> { });
    Post post = approved("hello", A);
    for (ActorId actor : List.of(CREATOR, VIEWER)) {
      assertThatThrownBy(() -> chorus.session(actor, WS).posts().schedule(post.id(), ScheduleIntent.at(T.plusSeconds(60))))
          .isInstanceOf(AccessDeniedException.class);
    }
    assertThat(owner().posts().get(post.id()).version()).isEqualTo(post.version());
    assertThat(chorus.scheduler().dispatchStore().find(DispatchKey.once(WS, post.id(), A))).isEmpty();
  }

  @Test
  void a_conflict_on_one_target_schedules_none_of_them() {
    start(b -> { });
    chorus.scheduler().settings().addBlackout(WS, new BlackoutWindow(T.plusSeconds(3000), T.plusSeconds(4000), "launch"));
    chorus.scheduler().settings().minSpacing(WS, B, Duration.ofHours(1));
    Post other = approved("other", B);
    owner().posts().schedule(other.id(), ScheduleIntent.at(T.plusSeconds(600)));
    Post post = approved("both", A, B);

    assertThatThrownBy(() -> owner().posts().schedule(post.id(), ScheduleIntent.at(T.plusSeconds(900))))
        .isInstanceOfSatisfying(SchedulingConflictException.class, e -> assertThat(e.conflicts())
            .extracting(Conflict::rule).containsExactly(SchedulingRule.MIN_SPACING));
    assertThat(owner().posts().get(post.id()).targets()).extracting(PostTarget::state)
        .containsOnly(TargetState.APPROVED);
    assertThat(chorus.scheduler().dispatchStore().find(DispatchKey.once(WS, post.id(), A))).isEmpty();
    assertThatThrownBy(() -> owner().posts().schedule(post.id(), ScheduleIntent.at(T.plusSeconds(3500))))
        .isInstanceOfSatisfying(SchedulingConflictException.class, e -> assertThat(e.conflicts())
            .extracting(Conflict::rule).contains(SchedulingRule.BLACKOUT));
  }

  @Test
  void one_target_can_be_scheduled_on_its_own_and_a_stranger_account_is_refused() {
    start(b -> { });
    Post post = approved("per target", A, B);
    Post scheduled = owner().posts().schedule(post.id(), B, ScheduleIntent.at(T.plusSeconds(60)));
    assertThat(scheduled.target(A).orElseThrow().state()).isEqualTo(TargetState.APPROVED);
    assertThat(scheduled.target(B).orElseThrow().state()).isEqualTo(TargetState.SCHEDULED);
    assertThatThrownBy(() -> owner().posts().schedule(post.id(), AccountId.of("acc-zzz"), ScheduleIntent.nextQueueSlot()))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("accountId"));
  }

  @Test
  void the_request_carries_the_current_variant_and_the_dispatch_key() {
    start(b -> { });
    Post draft = owner().posts().createDraft(PostContent.text("shared text"),
        List.of(PostTarget.draft(A, PostVariant.builder(PostFormat.FEED).text("variant text").firstComment("first!").build())),
        null);
    owner().posts().submit(draft.id(), null);
    owner().posts().schedule(draft.id(), ScheduleIntent.at(T.plusSeconds(60)));
    clock.set(T.plusSeconds(60));

    assertThat(chorus.scheduler().runOnce()).isEqualTo(1);

    assertThat(connector.requests).singleElement().satisfies(r -> {
      assertThat(r.text()).isEqualTo("variant text");
      assertThat(r.firstComment()).isEqualTo("first!");
      assertThat(r.idempotencyKey()).isEqualTo(DispatchKey.once(WS, draft.id(), A).idempotencyKey());
    });
    PostTarget target = owner().posts().get(draft.id()).target(A).orElseThrow();
    assertThat(target.state()).isEqualTo(TargetState.PUBLISHED);
    assertThat(target.published().url()).hasToString("https://recording.example/1");
    assertThat(owner().posts().audit(draft.id())).extracting(e -> e.to())
        .containsSubsequence(TargetState.SCHEDULED, TargetState.PUBLISHING, TargetState.PUBLISHED);
  }

  @Test
  void a_platform_without_a_connector_fails_the_target_with_a_reason() {
    start(b -> { });
    Platform other = Platform.of("nowhere");
    AccountId lonely = AccountId.of("acc-lonely");
    owner().accounts().connect(new SocialAccount(lonely, WS, other, "@lonely", "ext-lonely", ZoneOffset.UTC,
        CredentialsRef.of("vault:lonely")));
    Post post = approved("no connector", lonely);
    owner().posts().schedule(post.id(), ScheduleIntent.at(T.plusSeconds(60)));
    clock.set(T.plusSeconds(60));
    chorus.scheduler().runOnce();

    PostTarget target = owner().posts().get(post.id()).target(lonely).orElseThrow();
    assertThat(target.state()).isEqualTo(TargetState.FAILED);
    assertThat(target.failureReason()).contains("no connector for platform nowhere");
  }

  @Test
  void a_now_read_a_moment_ago_is_not_refused_as_past() {
    start(b -> { });
    Post post = approved("right away", A);
    Instant now = clock.instant();
    clock.set(now.plusSeconds(5));
    owner().posts().schedule(post.id(), ScheduleIntent.at(now));
    assertThat(chorus.scheduler().dispatchStore().find(DispatchKey.once(WS, post.id(), A)).orElseThrow().dueAt())
        .isEqualTo(now.plusSeconds(6));
    assertThatThrownBy(() -> owner().posts().schedule(approved("too old", A).id(), ScheduleIntent.at(now.minusSeconds(120))))
        .isInstanceOf(SchedulingConflictException.class);
  }

  @Test
  void a_dispatcher_setting_out_of_range_is_a_typed_error_at_build() {
    assertThatThrownBy(() -> Chorus.builder().dispatchBatchSize(0).build())
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("batchSize"));
    assertThatThrownBy(() -> Chorus.builder().dispatchLease(Duration.ofMillis(10)).build())
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("lease"));
    assertThatThrownBy(() -> Chorus.builder().credentialStatus(CredentialStatus.UNKNOWN, Duration.ofDays(-1)))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("credentialWarning"));
  }

  @Test
  void settings_reject_bad_values_and_keep_the_old_ones() {
    start(b -> { });
    SchedulingSettings settings = chorus.scheduler().settings();
    settings.minSpacing(WS, A, Duration.ofMinutes(5));
    assertThatThrownBy(() -> settings.minSpacing(WS, A, Duration.ofMinutes(-5)))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("minSpacing"));
    assertThat(settings.minSpacing(WS, A)).isEqualTo(Duration.ofMinutes(5));
    assertThat(settings.conflictMode(WS)).isEqualTo(ConflictMode.REJECT);
    assertThat(settings.queue(WS, A)).isEmpty();
  }

  @Test
  void closing_chorus_stops_its_scheduler() {
    start(b -> { });
    Scheduler scheduler = chorus.scheduler();
    chorus.close();
    assertThatThrownBy(chorus::scheduler).isInstanceOf(ChorusException.class);
    assertThatThrownBy(scheduler::start).isInstanceOf(IllegalStateException.class);
    chorus = null;
  }

  @Test
  void the_background_engine_publishes_without_being_driven() throws Exception {
    CountDownLatch published = new CountDownLatch(1);
    chorus = Chorus.builder().clock(Clock.systemUTC()).connector(connector).pollInterval(Duration.ofMillis(20))
        .listener(e -> {
          if (e instanceof DispatchEvent.Published) {
            published.countDown();
          }
        }).build();
    chorus.createWorkspace(new Workspace(WS, "S", ZoneOffset.UTC, ApprovalPolicy.none(), Map.of(OWNER, Role.OWNER)));
    owner().accounts().connect(new SocialAccount(A, WS, FAKE, "@a", "ext-a", ZoneOffset.UTC, CredentialsRef.of("vault:a")));
    Post post = approved("in the background", A);
    chorus.scheduler().start();
    owner().posts().schedule(post.id());

    assertThat(published.await(30, TimeUnit.SECONDS)).isTrue();
    chorus.close();
    assertThat(chorus.store().post(WS, post.id()).orElseThrow().target(A).orElseThrow().state())
        .isEqualTo(TargetState.PUBLISHED);
    chorus = null;
  }

  @Test
  void the_credential_warning_goes_to_the_jdbc_outbox_with_its_expiry() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:scheduler-outbox;DB_CLOSE_DELAY=-1");
    JdbcDispatchStore store = new JdbcDispatchStore(h2);
    Instant expiry = T.plus(Duration.ofHours(20));
    start(b -> b.dispatchStore(store).credentialStatus(account -> Optional.of(expiry), Duration.ofDays(1)));
    // The JDBC store decides due times on the database clock: plan an instant already due there.
    clock.set(store.now().minusSeconds(1));
    Post post = approved("warn me", A);
    owner().posts().schedule(post.id(), ScheduleIntent.at(clock.instant()));
    clock.set(store.now().plusSeconds(5));

    chorus.scheduler().runOnce();

    assertThat(events).filteredOn(DispatchEvent.CredentialExpiring.class::isInstance).hasSize(1);
    assertThat(store.readOutbox(0, 100)).filteredOn(e -> e.type().equals("CredentialExpiring")).singleElement()
        .satisfies(e -> assertThat(e.payload()).contains(expiry.toString()).contains("acc-a"));
  }

  /** A clock tests move by hand. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant start) {
      now = start;
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
