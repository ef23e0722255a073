package dev.chorus.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.EntityNotFoundException;
import dev.chorus.InvalidValueException;
import dev.chorus.StaleVersionException;
import dev.chorus.model.AccountId;
import dev.chorus.model.ActorId;
import dev.chorus.model.AuditEntry;
import dev.chorus.model.Post;
import dev.chorus.model.PostContent;
import dev.chorus.model.PostTarget;
import dev.chorus.model.TargetState;
import dev.chorus.model.WorkspaceId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InMemoryStoreTest {

  static final WorkspaceId WS = WorkspaceId.of("ws-1");
  static final AccountId ACC = AccountId.of("acc-1");
  static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
  static final int THREADS = 8;

  final ChorusStore store = ChorusStore.inMemory();
  final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

  @AfterEach
  void stop() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  private Post newPost() {
    Post post = Post.builder(WS, PostContent.text("hello")).target(PostTarget.draft(ACC)).createdBy(ActorId.of("a")).createdAt(T0).build();
    store.insertPost(post);
    return post;
  }

  private static AuditEntry entry(Post post, String reason) {
    return new AuditEntry(post.id(), ACC, ActorId.of("a"), T0, TargetState.DRAFT, TargetState.DRAFT, reason);
  }

  /** Starts all tasks together and collects their outcomes. */
  private <T> List<Future<T>> race(List<Callable<T>> tasks) throws InterruptedException {
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

  @Test
  void of_eight_writers_racing_on_one_version_exactly_one_wins() throws Exception {
    for (int round = 0; round < 50; round++) {
      Post base = store.post(WS, newPostIfFirst(round)).orElseThrow();
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
        String won = f.get(10, TimeUnit.SECONDS);
        if (won != null) {
          winners.add(won);
        }
      }
      assertThat(winners).hasSize(1);
      Post stored = store.post(WS, base.id()).orElseThrow();
      assertThat(stored.version()).isEqualTo(base.version() + 1);
      assertThat(stored.content().text()).isEqualTo(winners.get(0));
      List<AuditEntry> audit = store.audit(WS, base.id());
      assertThat(audit).hasSize(round + 1);
      assertThat(audit.get(round).reason()).isEqualTo(winners.get(0));
    }
  }

  private dev.chorus.model.PostId first;

  private dev.chorus.model.PostId newPostIfFirst(int round) {
    if (round == 0) {
      first = newPost().id();
    }
    return first;
  }

  @Test
  void read_modify_write_with_retry_loses_no_update() throws Exception {
    Post post = newPost();
    int perThread = 200;
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
      f.get(30, TimeUnit.SECONDS);
    }
    Post stored = store.post(WS, post.id()).orElseThrow();
    assertThat(stored.version()).isEqualTo((long) THREADS * perThread);
    assertThat(stored.content().text().split("\\|")).hasSize(THREADS * perThread + 1);
    assertThat(store.audit(WS, post.id())).hasSize(THREADS * perThread);
  }

  @Test
  void a_refused_update_changes_neither_post_nor_audit() {
    Post post = newPost();
    Post next = post.withContent(PostContent.text("v2")).touched(T0);
    store.updatePost(0, next, List.of(entry(post, "ok")));

    assertThatThrownBy(() -> store.updatePost(0, post.withContent(PostContent.text("v3")).touched(T0), List.of(entry(post, "stale"))))
        .isInstanceOf(StaleVersionException.class)
        .hasMessage("post " + post.id() + " was changed concurrently: expected version 0, stored version 1");
    assertThatThrownBy(() -> store.updatePost(1, next.touched(T0).touched(T0), List.of()))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("post.version"));
    assertThat(store.post(WS, post.id())).contains(next);
    assertThat(store.audit(WS, post.id())).extracting(AuditEntry::reason).containsExactly("ok");
  }

  @Test
  void entities_are_keyed_by_workspace() {
    Post post = newPost();
    WorkspaceId other = WorkspaceId.of("ws-2");
    assertThat(store.post(other, post.id())).isEmpty();
    assertThat(store.posts(other)).isEmpty();
    assertThat(store.audit(other, post.id())).isEmpty();
    Post moved = new Post(post.id(), other, null, post.content(), post.targets(), null, post.createdBy(), T0, T0, 1);
    assertThatThrownBy(() -> store.updatePost(0, moved, List.of()))
        .isInstanceOf(EntityNotFoundException.class)
        .hasMessage("post " + post.id() + " not found in workspace ws-2");
    assertThat(store.post(WS, post.id())).contains(post);
    assertThatThrownBy(() -> store.insertPost(post)).isInstanceOf(InvalidValueException.class);
  }
}
