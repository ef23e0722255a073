package dev.chorus.workflow;

import static dev.chorus.workflow.Fixture.APPROVER;
import static dev.chorus.workflow.Fixture.CREATOR;
import static dev.chorus.workflow.Fixture.OWNER;
import static dev.chorus.workflow.Fixture.X_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.Chorus;
import dev.chorus.ChorusException;
import dev.chorus.event.ChorusEvent;
import dev.chorus.model.AccountId;
import dev.chorus.model.ActorId;
import dev.chorus.model.ApprovalPolicy;
import dev.chorus.model.AuditEntry;
import dev.chorus.model.Platform;
import dev.chorus.model.Post;
import dev.chorus.model.PostContent;
import dev.chorus.model.PostFormat;
import dev.chorus.model.PostTarget;
import dev.chorus.model.PostVariant;
import dev.chorus.model.Role;
import dev.chorus.model.TargetState;
import dev.chorus.model.Workspace;
import dev.chorus.store.ChorusStore;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChorusTest {

  @Test
  void defaults_work_end_to_end_and_close_stops_new_work() {
    ActorId owner = ActorId.of("owner");
    Chorus chorus = Chorus.builder().build();
    Workspace ws = chorus.createWorkspace("Acme", ZoneId.of("Europe/Berlin"), ApprovalPolicy.none(), owner);
    assertThat(ws.members()).containsEntry(owner, Role.OWNER);
    Session session = chorus.session(owner, ws.id());
    session.accounts().connect(Fixture.account(ws.id(), X_ACCOUNT, Platform.X));
    Post post = session.posts().createDraft(PostContent.text("hi"), X_ACCOUNT);
    assertThat(session.posts().submit(post.id(), null).target(X_ACCOUNT).orElseThrow().state()).isEqualTo(TargetState.APPROVED);

    chorus.close();
    chorus.close();
    assertThatThrownBy(() -> chorus.session(owner, ws.id())).isInstanceOf(ChorusException.class).hasMessageContaining("closed");
  }

  @Test
  void audit_reads_back_actor_clock_instant_states_and_reason() {
    Fixture f = new Fixture(ApprovalPolicy.singleApprover());
    Post post = f.draft();
    var t1 = f.clock.instant().plus(Duration.ofMinutes(1));
    f.clock.advance(Duration.ofMinutes(1));
    f.as(CREATOR).posts().submit(post.id(), "ready");
    f.clock.advance(Duration.ofMinutes(30));
    var t2 = f.clock.instant();
    f.as(APPROVER).posts().approve(post.id(), null);

    List<AuditEntry> audit = f.as(OWNER).posts().audit(post.id());
    assertThat(audit).filteredOn(e -> e.accountId().equals(X_ACCOUNT))
        .containsExactly(
            new AuditEntry(post.id(), X_ACCOUNT, CREATOR, t1, TargetState.DRAFT, TargetState.IN_REVIEW, "ready"),
            new AuditEntry(post.id(), X_ACCOUNT, APPROVER, t2, TargetState.IN_REVIEW, TargetState.APPROVED, "approved step 1/1 'approval'"));
    assertThat(f.as(OWNER).posts().get(post.id()).updatedAt()).isEqualTo(t2);
    assertThat(f.as(OWNER).posts().get(post.id()).version()).isEqualTo(2);
  }

  @Test
  void a_throwing_listener_neither_fails_the_operation_nor_starves_the_others() {
    List<ChorusEvent> seen = new CopyOnWriteArrayList<>();
    Chorus chorus = Chorus.builder()
        .listener(e -> { throw new IllegalStateException("listener bug"); })
        .listener(seen::add)
        .store(ChorusStore.inMemory())
        .build();
    ActorId owner = ActorId.of("owner");
    Workspace ws = chorus.createWorkspace("Acme", ZoneId.of("UTC"), ApprovalPolicy.none(), owner);
    Session session = chorus.session(owner, ws.id());
    session.accounts().connect(Fixture.account(ws.id(), X_ACCOUNT, Platform.X));
    Post post = session.posts().createDraft(PostContent.text("hi"), X_ACCOUNT);

    Post submitted = session.posts().submit(post.id(), null);

    assertThat(submitted.target(X_ACCOUNT).orElseThrow().state()).isEqualTo(TargetState.APPROVED);
    assertThat(chorus.store().post(ws.id(), post.id())).contains(submitted);
    assertThat(seen).singleElement().isInstanceOfSatisfying(TargetTransitioned.class, e -> {
      assertThat(e.to()).isEqualTo(TargetState.APPROVED);
      assertThat(e.workspace()).contains(ws.id());
    });
  }

  @Test
  void events_are_emitted_after_the_change_is_stored() {
    List<TargetState> storedAtEvent = new CopyOnWriteArrayList<>();
    ChorusStore store = ChorusStore.inMemory();
    Chorus chorus = Chorus.builder().store(store).listener(e -> {
      if (e instanceof TargetTransitioned t) {
        storedAtEvent.add(store.post(t.workspaceId(), t.postId()).orElseThrow().target(t.accountId()).orElseThrow().state());
      }
    }).build();
    ActorId owner = ActorId.of("owner");
    Workspace ws = chorus.createWorkspace("Acme", ZoneId.of("UTC"), ApprovalPolicy.singleApprover(), owner);
    Session session = chorus.session(owner, ws.id());
    session.accounts().connect(Fixture.account(ws.id(), X_ACCOUNT, Platform.X));
    Post post = session.posts().createDraft(PostContent.text("hi"), X_ACCOUNT);
    session.posts().submit(post.id(), null);
    assertThat(storedAtEvent).containsExactly(TargetState.IN_REVIEW);
  }

  @Test
  void concurrent_edits_of_different_variants_through_chorus_all_survive() throws Exception {
    Fixture f = new Fixture(ApprovalPolicy.none());
    List<PostTarget> targets = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      AccountId acc = AccountId.of("acc-" + i);
      f.as(OWNER).accounts().connect(Fixture.account(f.workspace.id(), acc, Platform.X));
      targets.add(PostTarget.draft(acc));
    }
    Post post = f.as(CREATOR).posts().createDraft(PostContent.text("hi"), targets, null);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (PostTarget target : targets) {
        futures.add(pool.submit(() -> {
          start.await();
          for (PostFormat format : List.of(PostFormat.STORY, PostFormat.REEL, PostFormat.CAROUSEL)) {
            f.as(CREATOR).posts().editVariant(post.id(), target.accountId(), PostVariant.of(format));
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> future : futures) {
        future.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    Post stored = f.as(OWNER).posts().get(post.id());
    assertThat(stored.version()).isEqualTo(24);
    assertThat(stored.targets()).extracting(t -> t.variant().format()).containsOnly(PostFormat.CAROUSEL);
  }

  @Test
  void concurrent_system_moves_of_one_target_let_exactly_one_win() throws Exception {
    Fixture f = new Fixture(ApprovalPolicy.none());
    Post post = f.draft();
    f.as(CREATOR).posts().submit(post.id(), null);
    f.as(OWNER).posts().schedule(post.id());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Object> outcomes = new CopyOnWriteArrayList<>();
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        futures.add(pool.submit(() -> {
          start.await();
          try {
            outcomes.add(f.chorus.system().publishing(f.workspace.id(), post.id(), X_ACCOUNT));
          } catch (dev.chorus.IllegalTransitionException e) {
            outcomes.add(e);
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> future : futures) {
        future.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(outcomes).filteredOn(Post.class::isInstance).hasSize(1);
    assertThat(outcomes).filteredOn(dev.chorus.IllegalTransitionException.class::isInstance).hasSize(7);
    assertThat(f.as(OWNER).posts().audit(post.id()))
        .filteredOn(e -> e.accountId().equals(X_ACCOUNT) && e.to() == TargetState.PUBLISHING)
        .hasSize(1);
  }
}
