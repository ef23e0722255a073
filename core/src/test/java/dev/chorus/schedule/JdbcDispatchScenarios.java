package dev.chorus.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The scenarios on the JDBC store, plus what only it has (outbox, migrations). */
abstract class JdbcDispatchScenarios extends DispatchScenarios {

  abstract DataSource dataSource();

  /** An expression subtracting {@code ?} milliseconds from the column, in the dialect. */
  abstract String minusMillis(String column);

  @Override
  int raceSize() {
    return 90;
  }

  @Override
  DispatchStore newStore() {
    JdbcDispatchStore created = new JdbcDispatchStore(dataSource());
    exec("DELETE FROM chorus_dispatch", "DELETE FROM chorus_dispatch_pause", "DELETE FROM chorus_outbox");
    return created;
  }

  @Override
  void advance(Duration by) {
    String[] columns = {"due_at", "next_attempt_at", "lease_expires_at", "attempt_started_at"};
    StringBuilder sql = new StringBuilder("UPDATE chorus_dispatch SET ");
    for (int i = 0; i < columns.length; i++) {
      sql.append(i == 0 ? "" : ", ").append(columns[i]).append(" = ").append(minusMillis(columns[i]));
    }
    try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < columns.length; i++) {
        ps.setLong(i + 1, by.toMillis());
      }
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  void exec(String... statements) {
    try (Connection c = dataSource().getConnection(); Statement st = c.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void events_go_to_the_outbox_with_the_url() {
    DispatchKey key = dueNow("p1");
    node("a").runOnce();
    JdbcDispatchStore jdbc = (JdbcDispatchStore) store;
    List<JdbcDispatchStore.OutboxEntry> entries = jdbc.readOutbox(0, 100);
    assertThat(entries).extracting(JdbcDispatchStore.OutboxEntry::type).containsSubsequence("Claimed", "Published");
    assertThat(entries).filteredOn(e -> e.type().equals("Published")).singleElement()
        .satisfies(e -> assertThat(e.payload()).contains("https://fake.example/p/" + key.idempotencyKey()));
    long last = entries.get(entries.size() - 1).id();
    assertThat(jdbc.deleteOutbox(last)).isEqualTo(entries.size());
    assertThat(jdbc.readOutbox(0, 100)).isEmpty();
  }

  @Test
  void migrations_run_once_and_are_recorded() {
    new JdbcDispatchStore(dataSource());
    try (Connection c = dataSource().getConnection(); Statement st = c.createStatement();
        var rs = st.executeQuery("SELECT COUNT(*) FROM chorus_schema_version WHERE version = 1")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
