package dev.chorus.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.internal.jdbc.SchemaMigrator;
import dev.chorus.model.Platform;
import dev.chorus.store.ChorusStore;
import dev.chorus.store.ChorusStoreException;
import dev.chorus.testing.FailingDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The inbox store contract on a real database, plus what only JDBC stores have: nodes, schema, failures. */
abstract class JdbcInboxStoreContract extends InboxStoreContract {

  DataSource dataSource;

  /** A fresh, empty database. */
  abstract DataSource freshDatabase();

  @Override
  InboxStore newStore() {
    dataSource = freshDatabase();
    return InboxStore.jdbc(dataSource);
  }

  static List<Integer> versions(DataSource ds) {
    try (Connection c = ds.getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT version FROM chorus_schema_version ORDER BY version")) {
      List<Integer> versions = new ArrayList<>();
      while (rs.next()) {
        versions.add(rs.getInt(1));
      }
      return versions;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void the_inbox_and_chorus_stores_share_one_schema_version_sequence() {
    assertThat(versions(dataSource)).containsExactly(1, 2, 3, 5, 6, 7, 8);
    assertThat(SchemaMigrator.migrate(dataSource, SchemaMigrator.ALL)).isEmpty();
    ChorusStore.jdbc(dataSource);
    InboxStore.jdbc(dataSource);
    assertThat(versions(dataSource)).containsExactly(1, 2, 3, 5, 6, 7, 8);
  }

  @Test
  void two_nodes_on_one_database_store_each_item_and_reply_once() throws Exception {
    InboxStore[] nodes = {store, InboxStore.jdbc(dataSource)};
    AtomicInteger next = new AtomicInteger();
    int count = 30;
    List<Integer> added = race(WRITERS, () -> {
      InboxStore node = nodes[next.getAndIncrement() % 2];
      int mine = 0;
      for (int i = 0; i < count; i++) {
        if (node.addItem(item(WS, "c1", Platform.X, "x" + i, T0.plusSeconds(i)))) {
          mine++;
        }
      }
      node.startReply(attempt(WS, "k1", "from " + Thread.currentThread().getName()));
      return mine;
    });
    assertThat(added.stream().mapToInt(Integer::intValue).sum()).isEqualTo(count);
    assertThat(nodes[1].items(WS, ConversationId.of("c1"))).hasSize(count);
    assertThat(nodes[0].replies(WS)).hasSize(1).isEqualTo(nodes[1].replies(WS));
  }

  @Test
  void a_database_failure_is_a_store_exception_that_never_shows_the_password() {
    FailingDataSource failing = new FailingDataSource(dataSource);
    InboxStore guarded = InboxStore.jdbc(failing.dataSource());
    store.addConversation(conversation(WS, "c1", T0));
    failing.fail.set(true);
    assertThatThrownBy(() -> guarded.updateConversation(WS, ConversationId.of("c1"),
        c -> c.withTags(Set.of("lost"))))
        .isInstanceOfSatisfying(ChorusStoreException.class, e -> {
          assertThat(e.operation()).isEqualTo("updateConversation");
          for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(t.getMessage()).doesNotContain("hunter2").doesNotContain("s3cret");
          }
          assertThat(((SQLException) e.getCause()).getSQLState()).isEqualTo("08001");
        })
        .hasMessageContaining("password=***");
    assertThatThrownBy(() -> guarded.addItem(item(WS, "c1", Platform.X, "x1", T0)))
        .isInstanceOf(ChorusStoreException.class);
    assertThatThrownBy(() -> InboxStore.jdbc(failing.dataSource()))
        .isInstanceOfSatisfying(ChorusStoreException.class, e -> assertThat(e.operation()).isEqualTo("migrate"))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    failing.fail.set(false);
    assertThat(guarded.conversation(WS, ConversationId.of("c1")).orElseThrow().tags()).isEmpty();
    assertThat(guarded.item(Platform.X, "x1")).isEmpty();
  }
}
