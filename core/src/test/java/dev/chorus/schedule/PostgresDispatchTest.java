package dev.chorus.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The scenarios on embedded PostgreSQL: a cluster's store. */
class PostgresDispatchTest extends JdbcDispatchScenarios {

  private static EmbeddedPostgres postgres;

  @BeforeAll
  static void startPostgres() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Override
  DataSource dataSource() {
    return postgres.getPostgresDatabase();
  }

  /**
   * Migrations 7 and 8: the claim and series indexes cover only the rows they serve, pages keep free
   * space, and the surrogate key has no index (the claim updates what it locked by row position).
   */
  @Test
  void migration_7_makes_the_state_indexes_partial_and_leaves_room_on_each_page() throws Exception {
    new JdbcDispatchStore(dataSource());
    Map<String, String> indexes = new HashMap<>();
    try (Connection c = dataSource().getConnection(); Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'chorus_dispatch'")) {
        while (rs.next()) {
          indexes.put(rs.getString(1), rs.getString(2));
        }
      }
      assertThat(indexes.get("chorus_dispatch_pending")).contains("(next_attempt_at)").contains("'PENDING'");
      assertThat(indexes.get("chorus_dispatch_lease")).contains("(lease_expires_at)").contains("'CLAIMED'");
      assertThat(indexes.get("chorus_dispatch_series")).contains("series IS NOT NULL");
      // Migration 8: no surrogate key index; the natural key is the replica identity.
      assertThat(indexes).containsOnlyKeys("chorus_dispatch_key", "chorus_dispatch_pending", "chorus_dispatch_lease",
          "chorus_dispatch_series");
      try (ResultSet rs = st.executeQuery("SELECT relreplident FROM pg_class WHERE relname = 'chorus_dispatch'")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("i");
      }
      try (ResultSet rs = st.executeQuery("SELECT reloptions FROM pg_class WHERE relname = 'chorus_dispatch'")) {
        rs.next();
        assertThat(rs.getString(1)).contains("fillfactor=50");
      }
    }
  }

  /**
   * The set-based form of a fenced UPDATE: parameters become unnested array columns (instants as
   * microseconds), RETURNING the row index.
   */
  @Test
  void the_set_based_update_joins_unnested_arrays() {
    assertThat(JdbcDispatchStore.setBasedSql("UPDATE t d SET a = ?, b = c WHERE k = ? AND z = 'x'",
        List.of("timestamptz", "bigint")))
        .isEqualTo("UPDATE t d SET a = v.p1, b = c FROM (SELECT u.i, TIMESTAMPTZ 'epoch' + u.p1 * INTERVAL"
            + " '1 microsecond' AS p1, u.p2 FROM unnest(CAST(? AS int4[]), CAST(? AS int8[]), CAST(? AS int8[]))"
            + " AS u(i, p1, p2)) AS v"
            + " WHERE k = v.p2 AND z = 'x' RETURNING v.i");
  }

  @Override
  String minusMillis(String column) {
    return column + " - make_interval(secs => ? / 1000.0)";
  }
}
