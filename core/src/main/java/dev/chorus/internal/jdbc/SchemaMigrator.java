package dev.chorus.internal.jdbc;

import dev.chorus.ChorusException;
import dev.chorus.schedule.DispatchStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies versioned SQL resources in order and records each in {@code chorus_schema_version}.
 * Every JDBC store of Chorus migrates the same ordered list, so one database has one version
 * sequence however many stores use it. Nodes migrating at once are safe: a version is claimed by
 * inserting its row in the same transaction as its statements, so the loser's insert fails and it
 * re-reads the applied set.
 *
 * <p>Dialects: a migration may have a variant for one database product next to its resource, named
 * with the product before the extension ({@code V7__x.postgresql.sql} beside {@code V7__x.sql});
 * that database runs the variant instead, every other database the plain resource. Lines starting
 * with {@code --} are comments.
 */
public final class SchemaMigrator {

  private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);
  private static final String ROOT = "/dev/chorus/internal/jdbc/";

  /** A migration: its version, description and classpath resource. */
  public record Migration(int version, String description, String resource) {}

  /** Every migration of every Chorus JDBC store, oldest first: one version sequence per database. */
  public static final List<Migration> ALL = List.of(
      new Migration(1, "dispatch, pause and outbox tables", ROOT + "V1__dispatch.sql"),
      new Migration(2, "workspace, account, campaign, audience, post and audit tables", ROOT + "V2__store.sql"),
      new Migration(3, "metric snapshot table", ROOT + "V3__snapshots.sql"),
      new Migration(5, "schedule intent and scheduling settings tables", ROOT + "V5__schedule_intents.sql"),
      new Migration(6, "inbox item, conversation, cursor, reply, rule, saved reply, holding statement and crisis tables",
          ROOT + "V6__inbox.sql"),
      new Migration(7, "dispatch table tuned for the hot path (PostgreSQL: partial indexes, fillfactor)",
          ROOT + "V7__dispatch_hot_path.sql"),
      new Migration(8, "dispatch table without its surrogate key index (PostgreSQL)",
          ROOT + "V8__dispatch_natural_key.sql"));

  /** What the dispatch store migrates: {@link #ALL}, so that it and the Chorus store share one sequence. */
  public static final List<Migration> DISPATCH = ALL;

  private SchemaMigrator() {}

  /**
   * Applies every migration not yet applied; returns the versions applied now. A database failure
   * becomes a {@link DispatchStoreException}.
   */
  public static List<Integer> migrate(DataSource dataSource, List<Migration> migrations) {
    return migrate(dataSource, migrations, DispatchStoreException::new);
  }

  /**
   * Applies every migration not yet applied; returns the versions applied now. A database failure
   * becomes the exception {@code failure} makes from a message (with credentials redacted) and a
   * sanitised cause.
   */
  public static List<Integer> migrate(DataSource dataSource, List<Migration> migrations,
      BiFunction<String, SQLException, ? extends ChorusException> failure) {
    List<Integer> applied = new ArrayList<>();
    try (Connection c = dataSource.getConnection()) {
      ensureVersionTable(c);
      String dialect = dialect(c);
      for (Migration m : migrations) {
        if (isApplied(c, m.version())) {
          continue;
        }
        c.setAutoCommit(false);
        try {
          try (PreparedStatement ps = c.prepareStatement(
              "INSERT INTO chorus_schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
            ps.setInt(1, m.version());
            ps.setString(2, m.description());
            ps.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
            ps.executeUpdate();
          }
          try (Statement st = c.createStatement()) {
            for (String sql : statements(resource(m, dialect))) {
              st.execute(sql);
            }
          }
          c.commit();
          applied.add(m.version());
          LOG.info("Applied schema migration {} ({})", m.version(), m.description());
        } catch (SQLException e) {
          c.rollback();
          c.setAutoCommit(true);
          if (isApplied(c, m.version())) {
            continue; // another node applied it first
          }
          throw e;
        } finally {
          c.setAutoCommit(true);
        }
      }
      return applied;
    } catch (SQLException e) {
      throw failure.apply("schema migration failed: " + SqlErrors.describe(e), SqlErrors.sanitized(e));
    }
  }

  private static void ensureVersionTable(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("CREATE TABLE IF NOT EXISTS chorus_schema_version (version INTEGER PRIMARY KEY, "
          + "description VARCHAR(200) NOT NULL, applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
    }
  }

  private static boolean isApplied(Connection c, int version) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM chorus_schema_version WHERE version = ?")) {
      ps.setInt(1, version);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** The database product in lower case, letters only ({@code postgresql}, {@code h2}). */
  public static String dialect(Connection c) throws SQLException {
    return c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  /** The migration's variant for the dialect when it has one, else its plain resource. */
  static String resource(Migration m, String dialect) {
    String plain = m.resource();
    if (!plain.endsWith(".sql")) {
      return plain;
    }
    String variant = plain.substring(0, plain.length() - ".sql".length()) + "." + dialect + ".sql";
    return SchemaMigrator.class.getResource(variant) != null ? variant : plain;
  }

  static List<String> statements(String resource) {
    try (InputStream in = SchemaMigrator.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("migration resource " + resource + " is missing");
      }
      StringBuilder text = new StringBuilder();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.strip().startsWith("--")) {
          text.append(line).append('\n');
        }
      }
      List<String> result = new ArrayList<>();
      for (String part : text.toString().split(";")) {
        if (!part.isBlank()) {
          result.add(part.trim());
        }
      }
      return result;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read migration " + resource, e);
    }
  }
}
