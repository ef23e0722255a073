package dev.chorus.store;

import static dev.chorus.store.StoreSamples.ALICE;
import static dev.chorus.store.StoreSamples.T0;
import static dev.chorus.store.StoreSamples.account;
import static dev.chorus.store.StoreSamples.audience;
import static dev.chorus.store.StoreSamples.campaign;
import static dev.chorus.store.StoreSamples.draft;
import static dev.chorus.store.StoreSamples.entry;
import static dev.chorus.store.StoreSamples.richPost;
import static dev.chorus.store.StoreSamples.workspace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.EntityNotFoundException;
import dev.chorus.InvalidValueException;
import dev.chorus.StaleVersionException;
import dev.chorus.model.AccountId;
import dev.chorus.model.Audience;
import dev.chorus.model.AudienceId;
import dev.chorus.model.AuditEntry;
import dev.chorus.model.Campaign;
import dev.chorus.model.CampaignId;
import dev.chorus.model.Metric;
import dev.chorus.model.MetricSnapshot;
import dev.chorus.model.Platform;
import dev.chorus.model.Post;
import dev.chorus.model.PostContent;
import dev.chorus.model.PostId;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.TargetState;
import dev.chorus.model.Workspace;
import dev.chorus.model.WorkspaceId;
import dev.chorus.schedule.AccountScheduling;
import dev.chorus.schedule.BlackoutWindow;
import dev.chorus.schedule.ConflictMode;
import dev.chorus.schedule.DstPolicy;
import dev.chorus.schedule.GapPolicy;
import dev.chorus.schedule.OverlapPolicy;
import dev.chorus.schedule.ScheduleIntent;
import dev.chorus.schedule.WeeklySlots;
import dev.chorus.schedule.WorkspaceScheduling;
import dev.chorus.store.ChorusStore.SnapshotQuery;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ChorusStore} must do. An implementation's test extends this class and returns
 * a fresh, empty store from {@link #newStore()}.
 */
abstract class ChorusStoreContract {

  static final WorkspaceId WS = WorkspaceId.of("ws-1");
  static final WorkspaceId OTHER = WorkspaceId.of("ws-2");
  static final int THREADS = 8;
  /** Ids whose order differs between String order and a typical database collation. */
  static final List<String> SCRAMBLED_IDS = List.of("b", "a-2", "Z", "a_1", "A-1", "a1", "aa", "ä");
  static final List<String> SORTED_IDS = SCRAMBLED_IDS.stream().sorted().toList();

  protected ChorusStore store;
  private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

  /** A new, empty store. */
  abstract ChorusStore newStore();

  /** Rounds of the eight-writer race; fewer where each write is a database round trip. */
  int raceRounds() {
    return 50;
  }

  /** Updates each thread makes in the read-modify-write test. */
  int writesPerThread() {
    return 200;
  }

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  @AfterEach
  void stopPool() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  /** Starts all tasks together and collects their outcomes. */
  private <T> List<Future<T>> race(List<Callable<T>> tasks) {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (Callable<T> task : tasks) {
      futures.add(pool.submit(() -> {
        start.await();
        return task.call();
      }));
    }
    start.countDown();
    return futures;
  }

  private Post insertedDraft(String id) {
    Post post = draft(WS, id);
    store.insertPost(post);
    return post;
  }

  // --- round trips and listings

  @Test
  void every_entity_round_trips_unchanged() {
    Workspace ws = workspace(WS);
    store.insertWorkspace(ws);
    SocialAccount acc = account(WS, "acc-x");
    Campaign camp = campaign(WS, "camp-spring");
    Audience aud = audience(WS, "aud-young-urban");
    Post post = richPost(WS, "post-spring");
    store.saveAccount(acc);
    store.saveCampaign(camp);
    store.saveAudience(aud);
    store.insertPost(post);
    Post next = post.withContent(PostContent.text("v4")).touched(T0.plusSeconds(60));
    next = new Post(next.id(), next.workspaceId(), null, next.content(), next.targets(), null, next.createdBy(),
        next.createdAt(), next.updatedAt(), 4);
    AuditEntry withReason = entry(post, "looks good");
    AuditEntry withoutReason = new AuditEntry(post.id(), AccountId.of("acc-ig"), ALICE, T0.plusNanos(1_000),
        TargetState.PUBLISHING, TargetState.FAILED, null);
    store.updatePost(3, next, List.of(withReason, withoutReason));

    assertThat(store.workspace(WS)).contains(ws);
    assertThat(store.workspaceIds()).containsExactly(WS);
    assertThat(store.account(WS, acc.id())).contains(acc);
    assertThat(store.campaign(WS, camp.id())).contains(camp);
    assertThat(store.audience(WS, aud.id())).contains(aud);
    assertThat(store.post(WS, post.id())).contains(next);
    assertThat(store.audit(WS, post.id())).containsExactly(withReason, withoutReason);
  }

  @Test
  void workspaces_insert_once_and_update_only_what_exists() {
    Workspace ws = workspace(WS);
    store.insertWorkspace(ws);
    assertThatThrownBy(() -> store.insertWorkspace(workspace(WS)))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("workspace.id"));
    assertThatThrownBy(() -> store.updateWorkspace(workspace(OTHER)))
        .isInstanceOf(EntityNotFoundException.class)
        .hasMessage("workspace ws-2 not found in workspace ws-2");
    assertThat(store.workspace(OTHER)).isEmpty();

    Workspace renamed = new Workspace(WS, "Renamed", ws.timeZone(), ws.approvalPolicy(), ws.members());
    store.updateWorkspace(renamed);
    store.insertWorkspace(workspace(OTHER));
    assertThat(store.workspace(WS)).contains(renamed);
    assertThat(store.workspaceIds()).containsExactlyInAnyOrder(WS, OTHER);
  }

  @Test
  void saves_replace_and_deletes_say_whether_something_was_there() {
    SocialAccount acc = account(WS, "acc-1");
    store.saveAccount(acc);
    SocialAccount renamed = new SocialAccount(acc.id(), WS, acc.platform(), "@renamed", acc.externalId(),
        acc.timeZone(), acc.credentials());
    store.saveAccount(renamed);
    assertThat(store.accounts(WS)).containsExactly(renamed);
    assertThat(store.deleteAccount(WS, acc.id())).isTrue();
    assertThat(store.deleteAccount(WS, acc.id())).isFalse();
    assertThat(store.account(WS, acc.id())).isEmpty();

    Campaign camp = campaign(WS, "c-1");
    store.saveCampaign(camp);
    Campaign changed = camp.toBuilder().spend(dev.chorus.model.Money.of("2000", "EUR")).build();
    store.saveCampaign(changed);
    assertThat(store.campaigns(WS)).containsExactly(changed);
    assertThat(store.deleteCampaign(WS, camp.id())).isTrue();
    assertThat(store.deleteCampaign(WS, camp.id())).isFalse();

    Audience aud = audience(WS, "a-1");
    store.saveAudience(aud);
    store.saveAudience(aud);
    assertThat(store.audiences(WS)).containsExactly(aud);
    assertThat(store.deleteAudience(WS, aud.id())).isTrue();
    assertThat(store.deleteAudience(WS, aud.id())).isFalse();
    assertThat(store.audiences(WS)).isEmpty();
  }

  @Test
  void listings_are_ordered_by_id_as_java_orders_strings() {
    for (String id : SCRAMBLED_IDS) {
      store.saveAccount(account(WS, id));
      store.saveCampaign(campaign(WS, id));
      store.saveAudience(audience(WS, id));
      store.insertPost(draft(WS, id));
    }
    assertThat(store.accounts(WS)).extracting(a -> a.id().value()).containsExactlyElementsOf(SORTED_IDS);
    assertThat(store.campaigns(WS)).extracting(c -> c.id().value()).containsExactlyElementsOf(SORTED_IDS);
    assertThat(store.audiences(WS)).extracting(a -> a.id().value()).containsExactlyElementsOf(SORTED_IDS);
    assertThat(store.posts(WS)).extracting(p -> p.id().value()).containsExactlyElementsOf(SORTED_IDS);
  }

  @Test
  void entities_are_keyed_by_workspace() {
    Post post = insertedDraft("p-1");
    store.saveAccount(account(WS, "acc-1"));
    store.saveCampaign(campaign(WS, "c-1"));
    store.saveAudience(audience(WS, "a-1"));
    store.updatePost(0, post.withContent(PostContent.text("v1")).touched(T0), List.of(entry(post, "mine")));

    assertThat(store.post(OTHER, post.id())).isEmpty();
    assertThat(store.posts(OTHER)).isEmpty();
    assertThat(store.audit(OTHER, post.id())).isEmpty();
    assertThat(store.account(OTHER, AccountId.of("acc-1"))).isEmpty();
    assertThat(store.accounts(OTHER)).isEmpty();
    assertThat(store.campaign(OTHER, CampaignId.of("c-1"))).isEmpty();
    assertThat(store.campaigns(OTHER)).isEmpty();
    assertThat(store.audience(OTHER, AudienceId.of("a-1"))).isEmpty();
    assertThat(store.audiences(OTHER)).isEmpty();
    assertThat(store.deleteAccount(OTHER, AccountId.of("acc-1"))).isFalse();
    assertThat(store.deleteCampaign(OTHER, CampaignId.of("c-1"))).isFalse();
    assertThat(store.deleteAudience(OTHER, AudienceId.of("a-1"))).isFalse();
    assertThat(store.account(WS, AccountId.of("acc-1"))).isPresent();

    Post moved = new Post(post.id(), OTHER, null, post.content(), post.targets(), null, post.createdBy(), T0, T0, 2);
    assertThatThrownBy(() -> store.updatePost(1, moved, List.of()))
        .isInstanceOf(EntityNotFoundException.class)
        .hasMessage("post " + post.id() + " not found in workspace ws-2");
    assertThatThrownBy(() -> store.insertPost(post))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("post.id"));

    // The same id in another workspace is another post with its own version and trail.
    Post theirs = draft(OTHER, "p-1");
    store.insertPost(theirs);
    store.updatePost(0, theirs.withContent(PostContent.text("theirs")).touched(T0), List.of(entry(theirs, "theirs")));
    assertThat(store.post(WS, post.id()).orElseThrow().content().text()).isEqualTo("v1");
    assertThat(store.audit(WS, post.id())).extracting(AuditEntry::reason).containsExactly("mine");
    assertThat(store.audit(OTHER, post.id())).extracting(AuditEntry::reason).containsExactly("theirs");
  }

  @Test
  void an_unknown_post_has_no_post_and_no_trail() {
    assertThat(store.post(WS, PostId.of("nope"))).isEmpty();
    assertThat(store.audit(WS, PostId.of("nope"))).isEmpty();
    assertThat(store.posts(WS)).isEmpty();
    assertThat(store.workspaceIds()).isEmpty();
  }

  // --- optimistic concurrency and the audit trail

  @Test
  void a_refused_update_changes_neither_post_nor_audit() {
    Post post = insertedDraft("p-1");
    Post next = post.withContent(PostContent.text("v2")).touched(T0);
    store.updatePost(0, next, List.of(entry(post, "ok")));

    assertThatThrownBy(() -> store.updatePost(0, post.withContent(PostContent.text("v3")).touched(T0), List.of(entry(post, "stale"))))
        .isInstanceOfSatisfying(StaleVersionException.class, e -> {
          assertThat(e.expectedVersion()).isZero();
          assertThat(e.actualVersion()).isEqualTo(1);
        })
        .hasMessage("post " + post.id() + " was changed concurrently: expected version 0, stored version 1");
    assertThatThrownBy(() -> store.updatePost(1, next.touched(T0).touched(T0), List.of()))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("post.version"));
    Post other = draft(WS, "p-2");
    assertThatThrownBy(() -> store.updatePost(1, next.touched(T0), List.of(entry(post, "fine"), entry(other, "wrong"))))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("audit.postId"));
    assertThatThrownBy(() -> store.updatePost(0, draft(WS, "missing").withContent(PostContent.text("x")).touched(T0), List.of()))
        .isInstanceOf(EntityNotFoundException.class);

    assertThat(store.post(WS, post.id())).contains(next);
    assertThat(store.audit(WS, post.id())).extracting(AuditEntry::reason).containsExactly("ok");
    assertThat(store.post(WS, PostId.of("missing"))).isEmpty();
  }

  @Test
  void the_audit_trail_keeps_the_order_it_was_written_in() {
    Post post = insertedDraft("p-1");
    List<String> written = new ArrayList<>();
    Post current = post;
    for (int update = 0; update < 5; update++) {
      List<AuditEntry> batch = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        // Same timestamp and reasons that sort differently from their order: only insertion order remains.
        String reason = "u" + update + "-" + (char) ('z' - i);
        batch.add(entry(post, reason));
        written.add(reason);
      }
      Post next = current.withContent(PostContent.text("v" + update)).touched(T0);
      store.updatePost(current.version(), next, batch);
      current = next;
    }
    store.updatePost(current.version(), current.touched(T0), List.of());
    assertThat(store.audit(WS, post.id())).extracting(AuditEntry::reason).containsExactlyElementsOf(written);
    assertThat(store.post(WS, post.id()).orElseThrow().version()).isEqualTo(6);
  }

  @Test
  void of_eight_writers_racing_on_one_version_exactly_one_wins() throws Exception {
    PostId id = insertedDraft("p-race").id();
    for (int round = 0; round < raceRounds(); round++) {
      Post base = store.post(WS, id).orElseThrow();
      List<Callable<String>> tasks = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        String text = "writer " + i;
        tasks.add(() -> {
          try {
            store.updatePost(base.version(), base.withContent(PostContent.text(text)).touched(T0), List.of(entry(base, text)));
            return text;
          } catch (StaleVersionException e) {
            assertThat(e.expectedVersion()).isEqualTo(base.version());
            assertThat(e.actualVersion()).isEqualTo(base.version() + 1);
            assertThat(e.retryable()).isTrue();
            return null;
          }
        });
      }
      List<String> winners = new ArrayList<>();
      for (Future<String> f : race(tasks)) {
        String won = f.get(30, TimeUnit.SECONDS);
        if (won != null) {
          winners.add(won);
        }
      }
      assertThat(winners).hasSize(1);
      Post stored = store.post(WS, id).orElseThrow();
      assertThat(stored.version()).isEqualTo(base.version() + 1);
      assertThat(stored.content().text()).isEqualTo(winners.get(0));
      List<AuditEntry> audit = store.audit(WS, id);
      assertThat(audit).hasSize(round + 1);
      assertThat(audit.get(round).reason()).isEqualTo(winners.get(0));
    }
  }

  @Test
  void read_modify_write_with_retry_loses_no_update() throws Exception {
    Post post = insertedDraft("p-rmw");
    int perThread = writesPerThread();
    List<Callable<Integer>> tasks = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      tasks.add(() -> {
        int retries = 0;
        for (int i = 0; i < perThread; i++) {
          while (true) {
            Post current = store.post(WS, post.id()).orElseThrow();
            String text = current.content().text() + "|" + thread;
            try {
              store.updatePost(current.version(), current.withContent(PostContent.text(text)).touched(T0), List.of(entry(post, "t" + thread)));
              break;
            } catch (StaleVersionException e) {
              retries++;
            }
          }
        }
        return retries;
      });
    }
    for (Future<Integer> f : race(tasks)) {
      f.get(120, TimeUnit.SECONDS);
    }
    Post stored = store.post(WS, post.id()).orElseThrow();
    assertThat(stored.version()).isEqualTo((long) THREADS * perThread);
    assertThat(stored.content().text().split("\\|")).hasSize(THREADS * perThread + 1);
    assertThat(store.audit(WS, post.id())).hasSize(THREADS * perThread);
  }

  // --- metric snapshots

  private static MetricSnapshot reading(Platform platform, String account, String post, Instant at, long likes) {
    return new MetricSnapshot(platform, AccountId.of(account), post, at,
        post == null ? Map.of(Metric.FOLLOWERS, likes) : Map.of(Metric.LIKES, likes, Metric.IMPRESSIONS, likes * 10));
  }

  @Test
  void snapshots_round_trip_in_time_order_and_filter_by_every_field() {
    Instant t1 = T0.plus(Duration.ofHours(1));
    Instant t2 = T0.plus(Duration.ofHours(2));
    MetricSnapshot late = reading(Platform.X, "acc-1", "p1", t2, 9);
    MetricSnapshot early = reading(Platform.X, "acc-1", "p1", T0, 3);
    MetricSnapshot other = reading(Platform.LINKEDIN, "acc-2", "p2", t1, 5);
    MetricSnapshot account = reading(Platform.X, "acc-1", null, t1, 1200);
    MetricSnapshot sparse = new MetricSnapshot(Platform.X, AccountId.of("acc-1"), "p3", t1, Map.of(Metric.SAVES, 0L));
    store.appendSnapshots(WS, List.of(late, other));
    store.appendSnapshots(WS, List.of(early, account, sparse));
    store.appendSnapshots(OTHER, List.of(reading(Platform.X, "acc-1", "p1", T0, 100)));

    assertThat(store.snapshots(WS, SnapshotQuery.all())).containsExactly(early, other, account, sparse, late);
    assertThat(store.snapshots(WS, SnapshotQuery.post(Platform.X, AccountId.of("acc-1"), "p1")))
        .containsExactly(early, late);
    assertThat(store.snapshots(WS, SnapshotQuery.all().withPlatform(Platform.LINKEDIN))).containsExactly(other);
    assertThat(store.snapshots(WS, SnapshotQuery.all().withAccount(AccountId.of("acc-1")).withAccountLevel(true)))
        .containsExactly(account);
    assertThat(store.snapshots(WS, SnapshotQuery.all().withAccountLevel(false).between(t1, t2)))
        .containsExactly(other, sparse);
    // absent stays absent and zero stays zero through the store
    MetricSnapshot stored = store.snapshots(WS, SnapshotQuery.post(Platform.X, AccountId.of("acc-1"), "p3")).get(0);
    assertThat(stored.value(Metric.SAVES)).hasValue(0);
    assertThat(stored.value(Metric.LIKES)).isEmpty();
    assertThat(store.snapshots(OTHER, SnapshotQuery.all())).hasSize(1);
    assertThat(store.snapshots(WorkspaceId.of("ws-none"), SnapshotQuery.all())).isEmpty();
  }

  @Test
  void equal_readings_are_all_kept_in_append_order() {
    MetricSnapshot first = reading(Platform.X, "acc-1", "p1", T0, 3);
    MetricSnapshot second = reading(Platform.X, "acc-1", "p1", T0, 4);
    store.appendSnapshots(WS, List.of(first));
    store.appendSnapshots(WS, List.of(second, first));
    assertThat(store.snapshots(WS, SnapshotQuery.all())).containsExactly(first, second, first);
  }

  @Test
  void bad_snapshot_input_is_refused_and_changes_nothing() {
    List<MetricSnapshot> withNull = new ArrayList<>();
    withNull.add(reading(Platform.X, "acc-1", "p1", T0, 3));
    withNull.add(null);
    assertThatThrownBy(() -> store.appendSnapshots(WS, withNull)).isInstanceOf(InvalidValueException.class);
    assertThat(store.snapshots(WS, SnapshotQuery.all())).isEmpty();
    assertThatThrownBy(() -> SnapshotQuery.all().between(T0, T0.minusSeconds(1)))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("snapshotQuery.until");
  }

  @Test
  void concurrent_appends_lose_no_snapshot() throws Exception {
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      String account = "acc-" + t;
      tasks.add(() -> {
        for (int i = 0; i < 10; i++) {
          store.appendSnapshots(WS, List.of(reading(Platform.X, account, "p" + i, T0.plusSeconds(i), i)));
        }
        return null;
      });
    }
    for (Future<Void> f : race(tasks)) {
      f.get(30, TimeUnit.SECONDS);
    }
    assertThat(store.snapshots(WS, SnapshotQuery.all())).hasSize(THREADS * 10);
    assertThat(store.snapshots(WS, SnapshotQuery.all().withAccount(AccountId.of("acc-3")))).hasSize(10);
  }

  // --- schedule intents and scheduling settings

  static final PostId P1 = PostId.of("p-1");
  static final PostId P2 = PostId.of("p-2");
  static final AccountId ACC_A = AccountId.of("acc-a");
  static final AccountId ACC_B = AccountId.of("acc-b");

  static List<ScheduleIntent> everyKindOfIntent() {
    return List.of(
        ScheduleIntent.at(T0.plusSeconds(60)),
        ScheduleIntent.atLocal(LocalDateTime.of(2026, 3, 29, 2, 30), ZoneId.of("Europe/Berlin"),
            new DstPolicy(GapPolicy.SKIP, OverlapPolicy.LATER)),
        ScheduleIntent.atLocal(LocalDateTime.of(2026, 3, 29, 9, 0)),
        ScheduleIntent.nextQueueSlot(),
        new ScheduleIntent.QueueSlot(T0),
        ScheduleIntent.recurring("FREQ=WEEKLY;BYDAY=MO,WE;BYHOUR=9;BYMINUTE=0", LocalDateTime.of(2026, 3, 2, 9, 0)),
        new ScheduleIntent.Recurring("RRULE:FREQ=DAILY;COUNT=3", LocalDateTime.of(2026, 10, 25, 2, 30),
            ZoneId.of("America/New_York"), new DstPolicy(GapPolicy.REJECT, OverlapPolicy.EARLIER)),
        ScheduleIntent.bestTime(T0, T0.plus(Duration.ofDays(2))));
  }

  @Test
  void a_schedule_intent_is_kept_exactly_as_written_and_replaced_by_the_next_save() {
    for (ScheduleIntent intent : everyKindOfIntent()) {
      store.saveScheduleIntent(WS, P1, ACC_A, intent);
      assertThat(store.scheduleIntent(WS, P1, ACC_A)).contains(intent);
    }
    assertThat(store.scheduleIntents()).singleElement()
        .isEqualTo(new ChorusStore.StoredIntent(WS, P1, ACC_A, everyKindOfIntent().get(everyKindOfIntent().size() - 1)));
  }

  @Test
  void schedule_intents_are_keyed_by_workspace_post_and_account_and_listed_in_that_order() {
    ScheduleIntent one = everyKindOfIntent().get(1);
    ScheduleIntent two = everyKindOfIntent().get(5);
    store.saveScheduleIntent(OTHER, P1, ACC_A, one);
    store.saveScheduleIntent(WS, P2, ACC_A, two);
    store.saveScheduleIntent(WS, P1, ACC_B, one);
    store.saveScheduleIntent(WS, P1, ACC_A, two);

    assertThat(store.scheduleIntent(WS, P1, ACC_A)).contains(two);
    assertThat(store.scheduleIntent(WS, P1, ACC_B)).contains(one);
    assertThat(store.scheduleIntent(WS, P2, ACC_B)).isEmpty();
    assertThat(store.scheduleIntent(WorkspaceId.of("ws-3"), P1, ACC_A)).isEmpty();
    assertThat(store.scheduleIntents()).extracting(i -> i.workspace().value() + "/" + i.post().value() + "/"
        + i.account().value()).containsExactly("ws-1/p-1/acc-a", "ws-1/p-1/acc-b", "ws-1/p-2/acc-a", "ws-2/p-1/acc-a");

    assertThat(store.deleteScheduleIntent(WS, P1, ACC_A)).isTrue();
    assertThat(store.deleteScheduleIntent(WS, P1, ACC_A)).isFalse();
    assertThat(store.scheduleIntent(WS, P1, ACC_A)).isEmpty();
    assertThat(store.scheduleIntent(OTHER, P1, ACC_A)).contains(one);
    assertThat(store.scheduleIntents()).hasSize(3);
  }

  @Test
  void scheduling_settings_are_kept_per_workspace_and_per_account() {
    assertThat(store.workspaceScheduling(WS)).isEmpty();
    assertThat(store.accountScheduling(WS, ACC_A)).isEmpty();
    WorkspaceScheduling workspace = new WorkspaceScheduling(List.of(
        new BlackoutWindow(T0, T0.plus(Duration.ofHours(2)), "recall"),
        new BlackoutWindow(T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(2)), null)), ConflictMode.NEXT_LEGAL);
    AccountScheduling account = new AccountScheduling(
        WeeklySlots.daily(List.of(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(17, 30)).slots(),
        Duration.ofMinutes(45));

    store.saveWorkspaceScheduling(WS, workspace);
    store.saveAccountScheduling(WS, ACC_A, account);

    assertThat(store.workspaceScheduling(WS)).contains(workspace);
    assertThat(store.workspaceScheduling(OTHER)).isEmpty();
    assertThat(store.accountScheduling(WS, ACC_A)).contains(account);
    assertThat(store.accountScheduling(WS, ACC_B)).isEmpty();
    assertThat(store.accountScheduling(OTHER, ACC_A)).isEmpty();

    store.saveWorkspaceScheduling(WS, WorkspaceScheduling.DEFAULT);
    store.saveAccountScheduling(WS, ACC_A, account.withQueue(null));
    assertThat(store.workspaceScheduling(WS)).contains(WorkspaceScheduling.DEFAULT);
    assertThat(store.accountScheduling(WS, ACC_A).orElseThrow().weeklyQueue()).isEmpty();
    assertThat(store.accountScheduling(WS, ACC_A).orElseThrow().minSpacing()).isEqualTo(Duration.ofMinutes(45));
  }

  @Test
  void concurrent_saves_of_one_intent_leave_exactly_one_of_them() throws Exception {
    List<ScheduleIntent> intents = everyKindOfIntent();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        ScheduleIntent intent = intents.get(t % intents.size());
        futures.add(pool.submit(() -> {
          go.await();
          store.saveScheduleIntent(WS, P1, ACC_A, intent);
          store.saveAccountScheduling(WS, ACC_A, new AccountScheduling(List.of(), Duration.ofMinutes(intents.indexOf(intent))));
          return null;
        }));
      }
      go.countDown();
      for (Future<?> future : futures) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.scheduleIntents()).singleElement().satisfies(i -> assertThat(intents).contains(i.intent()));
    assertThat(store.accountScheduling(WS, ACC_A)).isPresent();
  }
}
