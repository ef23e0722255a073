package dev.chorus.schedule;

import dev.chorus.connector.PublishResult;
import dev.chorus.internal.jdbc.SchemaMigrator;
import dev.chorus.internal.jdbc.SqlErrors;
import dev.chorus.model.AccountId;
import dev.chorus.model.Checks;
import dev.chorus.model.PostId;
import dev.chorus.model.WorkspaceId;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JDBC store: PostgreSQL for a cluster of nodes, H2 in file mode for one durable node, through
 * one code path. Claims take a batch with {@code SELECT ... FOR UPDATE SKIP LOCKED}, so racing
 * nodes never wait on or double-claim a row; every time decision uses the database's clock
 * ({@code CURRENT_TIMESTAMP}), so a node's skewed clock does not matter. Creates and migrates its
 * schema on construction.
 *
 * <p>Transactional outbox: events are written to {@code chorus_outbox} for a host to relay, in the
 * same transaction as the state change they describe (the event overloads of {@link DispatchStore}):
 * a committed outcome always has its outbox row and a rolled-back or fenced-out one never has. Only
 * {@link #appendOutbox} (an event with no state change) writes a row on its own.
 *
 * <p>Group commit: the writes a dispatch makes on the hot path ({@link #startAttempt}, {@link #retry},
 * {@link #complete}) are queued and committed together with those of other threads, many dispatches
 * per transaction, the fenced UPDATEs in one JDBC batch and their outbox rows in another. No caller
 * waits on a timer: a caller finding a free committer slot (at most 8 transactions
 * at once) commits whatever is queued, its own write included, and the others wait for theirs. Every
 * call still returns only after its write has committed (or been fenced out), so durability and the
 * never-twice argument of {@link Dispatcher} are unchanged: the attempt marker is durable before the
 * platform is called, and an outcome is durable before its event reaches the listeners. Only
 * {@link #completeAsync} returns before the commit, with a future that completes after it. Each UPDATE
 * checks its own token, lease and version, so one fenced-out write fails only itself; a transaction
 * that fails as a whole (a deadlock, a lost connection) is retried one write per transaction so
 * that every caller gets its own answer.
 */
public final class JdbcDispatchStore implements DispatchStore {

  private static final Logger LOG = LoggerFactory.getLogger(JdbcDispatchStore.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};
  private static final String COLUMNS = "workspace_id, post_id, account_id, occurrence_at, series, due_at, state, "
      + "version, attempts, next_attempt_at, lease_owner, lease_token, lease_expires_at, attempt_started_at, "
      + "checkpoint, last_error, external_id, url";
  private static final String KEY = "workspace_id = ? AND post_id = ? AND account_id = ? AND occurrence_at = ?";
  private static final String NOT_PAUSED = "NOT EXISTS (SELECT 1 FROM chorus_dispatch_pause p WHERE p.scope = 'ALL'"
      + " OR (p.scope = 'WORKSPACE' AND p.workspace_id = d.workspace_id)"
      + " OR (p.scope = 'ACCOUNT' AND p.workspace_id = d.workspace_id AND p.account_id = d.account_id))";
  /**
   * The claim, first half: CLAIMED rows whose lease lapsed, outside paused scopes, locked without
   * waiting. Two statements rather than one with OR, so each walks its own index in order and stops
   * at the limit instead of sorting every due row.
   */
  static final String CLAIM_LAPSED_SQL = "SELECT id, " + COLUMNS + " FROM chorus_dispatch d"
      + " WHERE d.state = 'CLAIMED' AND d.lease_expires_at <= ? AND " + NOT_PAUSED
      + " ORDER BY d.lease_expires_at LIMIT ? FOR UPDATE SKIP LOCKED";
  /** The claim, second half: due PENDING rows, earliest first, outside paused scopes, locked without waiting. */
  static final String CLAIM_DUE_SQL = "SELECT id, " + COLUMNS + " FROM chorus_dispatch d"
      + " WHERE d.state = 'PENDING' AND d.next_attempt_at <= ? AND " + NOT_PAUSED
      + " ORDER BY d.next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED";
  /**
   * The claim in one statement (PostgreSQL): lapsed CLAIMED rows, then due PENDING rows, each
   * locked without waiting, at most the limit in all, claimed with a new token and lease; the
   * RETURNING list is the row as claimed but with the attempt marker as it was before ({@code
   * prior}). Parameters: the limit three times, the owner, the lease in microseconds.
   */
  static final String CLAIM_SQL = claimSql(false);
  /** {@link #CLAIM_SQL} that also records the attempt marker (keeping an earlier one). */
  static final String CLAIM_AND_START_SQL = claimSql(true);

  private static String claimSql(boolean start) {
    StringJoiner returning = new StringJoiner(", ");
    for (String column : COLUMNS.split(", ")) {
      returning.add("attempt_started_at".equals(column) ? "p.prior AS attempt_started_at" : "d." + column);
    }
    return "WITH lapsed AS (SELECT d.ctid AS r, d.attempt_started_at AS prior, 0 AS k, d.lease_expires_at AS o"
        + " FROM chorus_dispatch d WHERE d.state = 'CLAIMED' AND d.lease_expires_at <= CURRENT_TIMESTAMP AND "
        + NOT_PAUSED + " ORDER BY d.lease_expires_at LIMIT ? FOR UPDATE SKIP LOCKED),"
        + " due AS (SELECT d.ctid AS r, d.attempt_started_at AS prior, 1 AS k, d.next_attempt_at AS o"
        + " FROM chorus_dispatch d WHERE d.state = 'PENDING' AND d.next_attempt_at <= CURRENT_TIMESTAMP AND "
        + NOT_PAUSED + " ORDER BY d.next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED),"
        + " p AS (SELECT r, prior FROM (SELECT * FROM lapsed UNION ALL SELECT * FROM due) x ORDER BY k, o LIMIT ?)"
        + " UPDATE chorus_dispatch d SET state = 'CLAIMED', lease_owner = ?, lease_token = d.lease_token + 1,"
        + " lease_expires_at = CURRENT_TIMESTAMP + ? * INTERVAL '1 microsecond', updated_at = CURRENT_TIMESTAMP"
        + (start ? ", attempt_started_at = COALESCE(d.attempt_started_at, CURRENT_TIMESTAMP)" : "")
        + " FROM p WHERE d.ctid = p.r RETURNING " + returning + ", CURRENT_TIMESTAMP AS db_now";
  }

  /** The next instant a PENDING row falls due after the parameter; walks the due index from there. */
  static final String NEXT_DUE_SQL = nextDueSql("?");
  /** After a claim that took nothing (PostgreSQL): the clock and the next due instant in one round trip. */
  static final String IDLE_SQL = "SELECT CURRENT_TIMESTAMP AS db_now, (" + nextDueSql("CURRENT_TIMESTAMP")
      + ") AS next_due";

  private static String nextDueSql(String after) {
    return "SELECT next_attempt_at AS next_due FROM chorus_dispatch WHERE state = 'PENDING' AND next_attempt_at > "
        + after + " ORDER BY next_attempt_at LIMIT 1";
  }

  /** The order a group takes its row locks in: by statement, then by key, the same in every group. */
  private static final Comparator<Write> LOCK_ORDER = Comparator.comparing((Write w) -> w.sql)
      .thenComparing(w -> w.key.workspace().value())
      .thenComparing(w -> w.key.post().value())
      .thenComparing(w -> w.key.account().value())
      .thenComparing(w -> w.key.occurrence());
  /** Fenced: only the current token, still CLAIMED, lease not lapsed. */
  private static final String HELD = KEY + " AND state = 'CLAIMED' AND lease_token = ? AND lease_expires_at > "
      + "CURRENT_TIMESTAMP";

  private static final String OUTBOX_INSERT =
      "INSERT INTO chorus_outbox (created_at, event_type, workspace_id, payload) VALUES (CURRENT_TIMESTAMP, ?, ?, ?)";
  /** The outbox rows of a group in one statement on PostgreSQL: the same text for any number of rows. */
  private static final String OUTBOX_UNNEST = "INSERT INTO chorus_outbox (created_at, event_type, workspace_id, payload)"
      + " SELECT CURRENT_TIMESTAMP, t, w, p FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]))"
      + " AS x(t, w, p)";
  /** Most outbox rows per INSERT statement. */
  private static final int OUTBOX_CHUNK = 250;
  /** Most group-committed writes per transaction. */
  static final int GROUP_LIMIT = 500;
  /** Most group-commit transactions at once. */
  static final int COMMITTERS = 8;

  private final DataSource dataSource;
  /**
   * Whether a run of writes with one statement goes to the database as one set-based
   * {@code UPDATE ... FROM (VALUES ...) RETURNING} (PostgreSQL) rather than a JDBC batch of one
   * UPDATE per row (H2, which has no UPDATE ... FROM).
   */
  private final boolean setBased;
  private final ConcurrentLinkedQueue<Write> queue = new ConcurrentLinkedQueue<>();
  private final Semaphore committers = new Semaphore(COMMITTERS);

  /** A store over the data source; creates or migrates the schema first. */
  public JdbcDispatchStore(DataSource dataSource) {
    this.dataSource = Checks.required("dataSource", dataSource);
    SchemaMigrator.migrate(dataSource, SchemaMigrator.DISPATCH);
    try (Connection c = dataSource.getConnection()) {
      this.setBased = "postgresql".equals(SchemaMigrator.dialect(c));
    } catch (SQLException e) {
      throw failure("reading the database product", e);
    }
  }

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection c, OffsetDateTime now) throws SQLException;
  }

  private <T> T tx(String what, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        OffsetDateTime now = dbNow(c);
        T result = work.run(c, now);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  /**
   * The store's exception for a failed operation: the driver's message and cause chain with any
   * secret masked (a driver may echo a JDBC URL with its password), the SQL state kept.
   */
  private static DispatchStoreException failure(String what, Exception e) {
    return new DispatchStoreException(what + " failed: " + describe(e),
        SqlErrors.sanitized(e instanceof SQLException sql ? sql : new SQLException(e.toString(), null, 0, e)));
  }

  /** The failure's message with any secret masked (and its SQL state, for a driver error). */
  private static String describe(Exception e) {
    return e instanceof SQLException sql ? SqlErrors.describe(sql) : SqlErrors.redact(String.valueOf(e.getMessage()));
  }

  private static OffsetDateTime dbNow(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT CURRENT_TIMESTAMP");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getObject(1, OffsetDateTime.class);
    }
  }

  /**
   * The earliest instant after {@code now} at which a PENDING dispatch falls due (the first entry
   * past {@code now} on the due index), or null. Rows due already but not claimable (paused, or
   * locked by another node's claim) are not "next": an idle node polls for those as usual.
   */
  private static Instant nextDue(Connection c, OffsetDateTime now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(NEXT_DUE_SQL)) {
      ps.setObject(1, now);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? instant(rs, "next_due") : null;
      }
    }
  }

  private static OffsetDateTime ts(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static int bindKey(PreparedStatement ps, int index, DispatchKey key) throws SQLException {
    ps.setString(index, key.workspace().value());
    ps.setString(index + 1, key.post().value());
    ps.setString(index + 2, key.account().value());
    ps.setObject(index + 3, ts(key.occurrence()));
    return index + 4;
  }

  @Override
  public Instant now() {
    return tx("reading the database clock", (c, now) -> now.toInstant());
  }

  @Override
  public boolean schedule(DispatchRequest request) {
    return schedule(request, List.of());
  }

  @Override
  public boolean schedule(DispatchRequest request, List<DispatchEvent> events) {
    Checks.required("request", request);
    List<DispatchEvent> toAppend = Checks.list("events", events);
    try {
      return tx("scheduling " + request.key(), (c, now) -> {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO chorus_dispatch (workspace_id, post_id, "
            + "account_id, occurrence_at, series, due_at, state, version, attempts, next_attempt_at, lease_token, "
            + "updated_at) VALUES (?, ?, ?, ?, ?, ?, 'PENDING', 0, 0, ?, 0, ?)")) {
          int i = bindKey(ps, 1, request.key());
          ps.setString(i++, request.series());
          ps.setObject(i++, ts(request.dueAt()));
          ps.setObject(i++, ts(request.dueAt()));
          ps.setObject(i, now);
          ps.executeUpdate();
        }
        appendAll(c, toAppend);
        return true;
      });
    } catch (DispatchStoreException e) {
      if (e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
        return false; // the unique key already holds this dispatch
      }
      throw e;
    }
  }

  @Override
  public Optional<DispatchRecord> find(DispatchKey key) {
    return tx("reading " + key, (c, now) -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT id, " + COLUMNS + " FROM chorus_dispatch WHERE " + KEY)) {
        bindKey(ps, 1, key);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public ClaimBatch claim(String owner, int limit, Duration lease) {
    return claim(owner, limit, lease, false);
  }

  /**
   * {@inheritDoc}
   *
   * <p>On PostgreSQL the claim, markers included, is one statement in auto-commit (see {@link
   * #CLAIM_SQL}); elsewhere one transaction of two SELECTs and an UPDATE.
   */
  @Override
  public ClaimBatch claimAndStart(String owner, int limit, Duration lease) {
    return claim(owner, limit, lease, true);
  }

  private ClaimBatch claim(String owner, int limit, Duration lease, boolean start) {
    Checks.notBlank("owner", owner);
    if (setBased) {
      return claimInOneStatement(owner, limit, lease, start);
    }
    return tx("claiming", (c, now) -> {
      List<Long> ids = new ArrayList<>();
      List<DispatchRecord> found = new ArrayList<>();
      for (String sql : new String[] {CLAIM_LAPSED_SQL, CLAIM_DUE_SQL}) {
        if (ids.size() >= limit) {
          break;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          ps.setObject(1, now);
          ps.setInt(2, limit - ids.size());
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              ids.add(rs.getLong("id"));
              found.add(read(rs));
            }
          }
        }
      }
      if (ids.isEmpty()) {
        return new ClaimBatch(now.toInstant(), List.of(), nextDue(c, now));
      }
      OffsetDateTime expires = now.plus(lease);
      StringJoiner in = new StringJoiner(", ", "(", ")");
      ids.forEach(id -> in.add("?"));
      try (PreparedStatement ps = c.prepareStatement("UPDATE chorus_dispatch SET state = 'CLAIMED', lease_owner = ?, "
          + "lease_token = lease_token + 1, lease_expires_at = ?, updated_at = ?"
          + (start ? ", attempt_started_at = COALESCE(attempt_started_at, ?)" : "") + " WHERE id IN " + in)) {
        int i = 1;
        ps.setString(i++, owner);
        ps.setObject(i++, expires);
        ps.setObject(i++, now);
        if (start) {
          ps.setObject(i++, now);
        }
        for (Long id : ids) {
          ps.setLong(i++, id);
        }
        ps.executeUpdate();
      }
      List<DispatchRecord> claimed = new ArrayList<>(found.size());
      for (DispatchRecord r : found) {
        claimed.add(new DispatchRecord(r.key(), r.dueAt(), r.series(), DispatchState.CLAIMED, r.version(),
            r.attempts(), r.nextAttemptAt(), owner, r.leaseToken() + 1, expires.toInstant(), r.attemptStartedAt(),
            r.checkpoint(), r.lastError(), r.externalId(), r.url()));
      }
      return new ClaimBatch(now.toInstant(), claimed);
    });
  }

  /**
   * The claim on PostgreSQL: one statement in auto-commit, so one round trip and no BEGIN or COMMIT
   * of its own; the database's {@code CURRENT_TIMESTAMP} (the statement's transaction start) is its
   * clock. Lapsed leases first, then due rows, each walking its partial index in order and locking
   * without waiting; RETURNING gives the claimed rows with the attempt marker as it was before.
   */
  private ClaimBatch claimInOneStatement(String owner, int limit, Duration lease, boolean start) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      List<DispatchRecord> claimed = new ArrayList<>();
      OffsetDateTime now = null;
      try (PreparedStatement ps = c.prepareStatement(start ? CLAIM_AND_START_SQL : CLAIM_SQL)) {
        ps.setInt(1, limit);
        ps.setInt(2, limit);
        ps.setInt(3, limit);
        ps.setString(4, owner);
        ps.setLong(5, lease.toNanos() / 1_000);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            claimed.add(read(rs));
            now = rs.getObject("db_now", OffsetDateTime.class);
          }
        }
      }
      if (now == null) {
        try (PreparedStatement ps = c.prepareStatement(IDLE_SQL); ResultSet rs = ps.executeQuery()) {
          rs.next();
          return new ClaimBatch(instant(rs, "db_now"), List.of(), instant(rs, "next_due"));
        }
      }
      // RETURNING does not keep the order: earliest first, as the other stores hand them out.
      claimed.sort(Comparator.comparing(DispatchRecord::nextAttemptAt));
      return new ClaimBatch(now.toInstant(), claimed);
    } catch (SQLException e) {
      throw failure("claiming", e);
    }
  }

  /**
   * Runs a fenced update on its own, in auto-commit: {@code set} is the SET clause, {@code extra}
   * more conditions. One statement, so no BEGIN and COMMIT round trips: the fencing (token, lease,
   * version) is checked atomically by the UPDATE itself, and the clock read just before it is no
   * later than the UPDATE's own, as a transaction's start time would be.
   */
  private boolean fenced(String what, DispatchKey key, long token, String set, SetValues values) {
    Write write = new Write(what, key, token, set, "", values, List.of(), List.of());
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      OffsetDateTime now = dbNow(c);
      try (PreparedStatement ps = c.prepareStatement(write.sql)) {
        write.bind(ps, now);
        return ps.executeUpdate() == 1;
      }
    } catch (SQLException e) {
      throw failure(what + " " + key, e);
    }
  }

  /**
   * Runs a fenced update through the group commit (see the class comment) and appends the events
   * when it applies; returns once committed.
   */
  private boolean grouped(String what, DispatchKey key, long token, String set, String extra, SetValues values,
      List<Object> extraValues, List<DispatchEvent> events) {
    return await(new Write(what, key, token, set, extra, values, extraValues, Checks.list("events", events)));
  }

  /** Queues the write, commits what is queued if a committer slot is free, and waits for the answer. */
  private boolean await(Write write) {
    queue.add(write);
    drain();
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return write.result.get();
        } catch (InterruptedException e) {
          interrupted = true; // the write may commit anyway: wait for the true answer
        } catch (ExecutionException e) {
          if (e.getCause() instanceof DispatchStoreException failure) {
            throw failure;
          }
          throw new DispatchStoreException(write.what + " " + write.key + " failed: " + e.getCause(), e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Commits queued writes while there are any and a committer slot is free. A caller that finds no
   * free slot can simply wait: every slot holder looks at the queue again after releasing its slot,
   * so a write queued before a failed {@code tryAcquire} is always taken by someone.
   */
  private void drain() {
    while (!queue.isEmpty() && committers.tryAcquire()) {
      List<Write> group = new ArrayList<>();
      try {
        Write next;
        while (group.size() < GROUP_LIMIT && (next = queue.poll()) != null) {
          group.add(next);
        }
        if (!group.isEmpty()) {
          commitGroup(group);
        }
      } finally {
        committers.release();
        // Answer the callers only now, outside the slot: code running on an answer (an event
        // listener) may itself write through the group commit without starving it of slots.
        for (Write write : group) {
          write.answer();
        }
      }
    }
  }

  private void commitGroup(List<Write> group) {
    // One lock order for every group: by statement, then by key (its fields, not its idempotency
    // key: that is a SHA-256 per comparison, which the profile found taking a third of the node's
    // CPU in dispatch threads).
    group.sort(LOCK_ORDER);
    try {
      boolean[] applied = runGroup(group);
      for (int i = 0; i < group.size(); i++) {
        group.get(i).applied = applied[i];
      }
    } catch (SQLException | RuntimeException e) {
      if (group.size() > 1) {
        LOG.debug("A group of {} writes failed ({}); committing them one by one", group.size(),
            describe(e));
        for (Write write : group) {
          commitGroup(new ArrayList<>(List.of(write)));
        }
        return;
      }
      Write write = group.get(0);
      write.failure = failure(write.what + " " + write.key, e);
    }
  }

  /** One transaction: the fenced UPDATEs batched per statement, then the applied writes' events. */
  private boolean[] runGroup(List<Write> group) throws SQLException {
    boolean[] applied = new boolean[group.size()];
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        // A group of outcomes only (the common case) needs no round trip for the clock: its
        // statements read CURRENT_TIMESTAMP, the transaction's start, as dbNow would have.
        boolean usesNow = false;
        for (Write write : group) {
          usesNow |= write.usesNow;
        }
        OffsetDateTime now = usesNow ? dbNow(c) : null;
        int from = 0;
        while (from < group.size()) {
          int to = from;
          while (to < group.size() && group.get(to).sql.equals(group.get(from).sql)) {
            to++;
          }
          if (to - from > 1 && setBased && distinctKeys(group, from, to)) {
            runSetBased(c, now, group, from, to, applied);
            from = to;
            continue;
          }
          try (PreparedStatement ps = c.prepareStatement(group.get(from).sql)) {
            if (to - from == 1) {
              group.get(from).bind(ps, now);
              applied[from] = ps.executeUpdate() == 1;
            } else {
              for (int i = from; i < to; i++) {
                group.get(i).bind(ps, now);
                ps.addBatch();
              }
              int[] counts = ps.executeBatch();
              for (int i = from; i < to; i++) {
                int count = counts[i - from];
                if (count == PreparedStatement.SUCCESS_NO_INFO) {
                  throw new SQLException("the driver did not report how many rows a batched update changed");
                }
                applied[i] = count == 1;
              }
            }
          }
          from = to;
        }
        List<DispatchEvent> events = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
          if (applied[i]) {
            events.addAll(group.get(i).events);
          }
        }
        appendAll(c, events);
        c.commit();
        return applied;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private static boolean distinctKeys(List<Write> group, int from, int to) {
    for (int i = from + 1; i < to; i++) {
      if (group.get(i).key.equals(group.get(i - 1).key)) {
        return false; // sorted by key: a repeated key is next to its twin
      }
    }
    return true;
  }

  /**
   * Runs the writes {@code from} (inclusive) to {@code to}, which share one statement, as one
   * set-based UPDATE: the writes' parameters are bound as one array per parameter, unnested into
   * rows joined to their dispatches by key, with the same fencing conditions per row as the single
   * statement; RETURNING names the rows that applied. Keys must be distinct, so that no dispatch
   * joins two rows. The statement's text depends only on the statement and its parameters' types,
   * never on the number of writes, so the driver and the server parse and plan it once.
   */
  private void runSetBased(Connection c, OffsetDateTime now, List<Write> group, int from, int to,
      boolean[] applied) throws SQLException {
    int count = to - from;
    List<List<Object>> rows = new ArrayList<>(count);
    for (int i = from; i < to; i++) {
      rows.add(group.get(i).parameters(now));
    }
    int width = rows.get(0).size();
    String[] types = new String[width];
    for (int k = 0; k < width; k++) {
      types[k] = "text";
      for (List<Object> row : rows) {
        Object value = row.get(k);
        if (value != null) {
          types[k] = value instanceof Long ? "bigint" : value instanceof OffsetDateTime ? "timestamptz" : "text";
          break;
        }
      }
    }
    String sql = setBasedSql(group.get(from).sql, types);
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Integer[] indexes = new Integer[count];
      for (int i = 0; i < count; i++) {
        indexes[i] = from + i;
      }
      ps.setArray(1, c.createArrayOf("int4", indexes));
      for (int k = 0; k < width; k++) {
        if (!"text".equals(types[k])) {
          // bigint as is, timestamptz as microseconds since the epoch (turned back in the SQL)
          Long[] column = new Long[count];
          for (int i = 0; i < count; i++) {
            Object value = rows.get(i).get(k);
            column[i] = value instanceof OffsetDateTime at ? at.toEpochSecond() * 1_000_000L + at.getNano() / 1_000
                : (Long) value;
          }
          ps.setArray(2 + k, c.createArrayOf("int8", column));
        } else {
          String[] column = new String[count];
          for (int i = 0; i < count; i++) {
            Object value = rows.get(i).get(k);
            column[i] = value == null ? null : value.toString();
          }
          ps.setArray(2 + k, c.createArrayOf("text", column));
        }
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          applied[rs.getInt(1)] = true;
        }
      }
    }
  }

  /** Set-based statements by statement and parameter types: built once each. */
  private final Map<String, String> setBasedStatements = new java.util.concurrent.ConcurrentHashMap<>();

  private String setBasedSql(String sql, String[] types) {
    return setBasedStatements.computeIfAbsent(sql + '\u0000' + String.join(",", types),
        k -> setBasedSql(sql, List.of(types)));
  }

  /**
   * The set-based form of a fenced UPDATE: its i-th parameter becomes column {@code v.pi} of the
   * rows unnested from one array parameter per column, each row led by the write's index {@code
   * v.i}, which RETURNING gives back for every row updated. Numbers travel as {@code int8}, strings
   * as {@code text}, and instants as {@code int8} microseconds since the epoch, turned back into
   * {@code timestamptz} exactly (integer arithmetic, no text to format or parse on either side).
   */
  static String setBasedSql(String sql, List<String> types) {
    StringBuilder rewritten = new StringBuilder(sql.length() + 4 * types.size());
    int n = 0;
    for (int i = 0; i < sql.length(); i++) {
      char ch = sql.charAt(i);
      if (ch == '?') {
        rewritten.append("v.p").append(++n);
      } else {
        rewritten.append(ch);
      }
    }
    if (n != types.size()) {
      throw new IllegalStateException("the statement has " + n + " parameters, not " + types.size());
    }
    int where = rewritten.indexOf(" WHERE ");
    StringBuilder result = new StringBuilder(rewritten.substring(0, where)).append(" FROM (SELECT u.i");
    for (int k = 1; k <= types.size(); k++) {
      result.append(", ").append("timestamptz".equals(types.get(k - 1))
          ? "TIMESTAMPTZ 'epoch' + u.p" + k + " * INTERVAL '1 microsecond' AS p" + k : "u.p" + k);
    }
    result.append(" FROM unnest(CAST(? AS int4[])");
    for (String type : types) {
      result.append(", CAST(? AS ").append("text".equals(type) ? "text" : "int8").append("[])");
    }
    result.append(") AS u(i");
    for (int k = 1; k <= types.size(); k++) {
      result.append(", p").append(k);
    }
    result.append(")) AS v");
    return result.append(rewritten.substring(where)).append(" RETURNING v.i").toString();
  }

  /** A queued fenced write: its statement, how to bind it, its events and the caller's answer. */
  private static final class Write {
    final String what;
    final DispatchKey key;
    final long token;
    final String sql;
    final SetValues values;
    final List<Object> extraValues;
    final List<DispatchEvent> events;
    /** Whether the SET values are computed from the database's clock (read once per group then). */
    final boolean usesNow;
    final CompletableFuture<Boolean> result = new CompletableFuture<>();
    /** Set by the committer: whether the UPDATE applied, or why the write failed. */
    Boolean applied;
    DispatchStoreException failure;

    Write(String what, DispatchKey key, long token, String set, String extra, SetValues values,
        List<Object> extraValues, List<DispatchEvent> events) {
      this(what, key, token, set, extra, values, extraValues, events, true);
    }

    Write(String what, DispatchKey key, long token, String set, String extra, SetValues values,
        List<Object> extraValues, List<DispatchEvent> events, boolean usesNow) {
      this.usesNow = usesNow;
      this.what = what;
      this.key = key;
      this.token = token;
      this.sql = "UPDATE chorus_dispatch d SET " + set + ", updated_at = CURRENT_TIMESTAMP WHERE " + HELD + extra;
      this.values = values;
      this.extraValues = extraValues;
      this.events = events;
    }

    /** Completes the caller's future with what the committer found (a failure when it found nothing). */
    void answer() {
      if (applied != null) {
        result.complete(applied);
      } else {
        result.completeExceptionally(failure != null ? failure
            : new DispatchStoreException(what + " " + key + " failed: the group commit did not finish", null));
      }
    }

    /** Every parameter of {@link #sql} in order: the SET values, then the fencing, then the extra ones. */
    List<Object> parameters(OffsetDateTime now) {
      List<Object> all = new ArrayList<>(values.at(now));
      all.add(key.workspace().value());
      all.add(key.post().value());
      all.add(key.account().value());
      all.add(ts(key.occurrence()));
      all.add(token);
      all.addAll(extraValues);
      return all;
    }

    void bind(PreparedStatement ps, OffsetDateTime now) throws SQLException {
      bindAll(ps, 1, parameters(now));
    }
  }

  /** The values of a SET clause's parameters, in order, given the database's {@code now}; nulls allowed. */
  @FunctionalInterface
  private interface SetValues {
    List<Object> at(OffsetDateTime now);
  }

  /** Binds the values from {@code index} on; returns the next index. A null is a null VARCHAR. */
  private static int bindAll(PreparedStatement ps, int index, List<Object> values) throws SQLException {
    int i = index;
    for (Object value : values) {
      if (value == null) {
        ps.setNull(i++, Types.VARCHAR);
      } else if (value instanceof String text) {
        ps.setString(i++, text);
      } else if (value instanceof Long number) {
        ps.setLong(i++, number);
      } else {
        ps.setObject(i++, value);
      }
    }
    return i;
  }

  @Override
  public boolean renew(DispatchKey key, long token, Duration lease) {
    return fenced("renewing", key, token, "lease_expires_at = ?", now -> List.of(now.plus(lease)));
  }

  /**
   * {@inheritDoc}
   *
   * <p>The lease is left as it is while at least two thirds of it remain (as they do right after a
   * claim), else extended to the full lease. An unchanged lease means the UPDATE changes no indexed
   * column, so PostgreSQL can make it a heap-only tuple update that writes no index entry (see
   * migration 7).
   */
  @Override
  public boolean startAttempt(DispatchKey key, long token, long version, Duration lease) {
    return grouped("starting an attempt on", key, token, "attempt_started_at = ?, lease_expires_at = CASE WHEN "
        + "lease_expires_at < ? THEN ? ELSE lease_expires_at END", " AND version = ? AND " + NOT_PAUSED,
        now -> List.of(now, now.plus(lease.minus(lease.dividedBy(3))), now.plus(lease)), List.of(version),
        List.of());
  }

  @Override
  public boolean saveCheckpoint(DispatchKey key, long token, Map<String, String> checkpoint, Duration lease) {
    String text = JSON.writeValueAsString(new HashMap<>(checkpoint));
    return fenced("saving the checkpoint of", key, token, "checkpoint = ?, lease_expires_at = ?",
        now -> List.of(text, now.plus(lease)));
  }

  @Override
  public boolean retry(DispatchKey key, long token, Duration delay, String error, boolean failed,
      boolean outcomeUnknown) {
    return retry(key, token, delay, error, failed, outcomeUnknown, List.of());
  }

  @Override
  public boolean retry(DispatchKey key, long token, Duration delay, String error, boolean failed,
      boolean outcomeUnknown, List<DispatchEvent> events) {
    String set = "state = 'PENDING', next_attempt_at = ?, last_error = ?, lease_owner = NULL, lease_expires_at = NULL"
        + (failed ? ", attempts = attempts + 1" : "") + (outcomeUnknown ? "" : ", attempt_started_at = NULL");
    return grouped("retrying", key, token, set, "", now -> Arrays.asList(now.plus(delay), error), List.of(),
        events);
  }

  @Override
  public boolean complete(DispatchKey key, long token, DispatchState state, PublishResult result, String reason,
      boolean outcomeUnknown) {
    return complete(key, token, state, result, reason, outcomeUnknown, List.of());
  }

  @Override
  public boolean complete(DispatchKey key, long token, DispatchState state, PublishResult result, String reason,
      boolean outcomeUnknown, List<DispatchEvent> events) {
    return await(completion(key, token, state, result, reason, outcomeUnknown, events));
  }

  private Write completion(DispatchKey key, long token, DispatchState state, PublishResult result, String reason,
      boolean outcomeUnknown, List<DispatchEvent> events) {
    if (!state.terminal()) {
      throw new dev.chorus.InvalidValueException("state", state, "must be a final state");
    }
    String set = "state = ?, last_error = ?, external_id = ?, url = ?, lease_owner = NULL, lease_expires_at = NULL"
        + (state == DispatchState.FAILED ? ", attempts = attempts + 1" : "")
        + (state != DispatchState.PUBLISHED && !outcomeUnknown ? ", attempt_started_at = NULL" : "");
    String externalId = result == null ? null : result.externalId();
    String url = result == null || result.url() == null ? null : result.url().toString();
    return new Write("completing", key, token, set, "", now -> Arrays.asList(state.name(), reason, externalId, url),
        List.of(), Checks.list("events", events), false);
  }

  /**
   * Queues the outcome for the group commit and returns at once, unless a committer slot is free,
   * in which case this thread commits what is queued (its own write included) first.
   */
  @Override
  public CompletableFuture<Boolean> completeAsync(DispatchKey key, long token, DispatchState state,
      PublishResult result, String reason, boolean outcomeUnknown, List<DispatchEvent> events) {
    Write write;
    try {
      write = completion(key, token, state, result, reason, outcomeUnknown, events);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    queue.add(write);
    drain();
    return write.result.thenApply(Boolean::booleanValue);
  }

  @Override
  public ChangeResult cancel(DispatchKey key) {
    return change(key, "state = 'CANCELLED'", null);
  }

  @Override
  public ChangeResult reschedule(DispatchKey key, Instant dueAt) {
    Checks.required("dueAt", dueAt);
    return change(key, "state = 'PENDING', due_at = ?, next_attempt_at = ?, attempts = 0, last_error = NULL", dueAt);
  }

  private ChangeResult change(DispatchKey key, String set, Instant dueAt) {
    return tx("changing " + key, (c, now) -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE chorus_dispatch SET " + set + ", version = version + 1, "
          + "lease_token = lease_token + 1, lease_owner = NULL, lease_expires_at = NULL, updated_at = ? WHERE " + KEY
          + " AND state <> 'PUBLISHED' AND attempt_started_at IS NULL")) {
        int i = 1;
        if (dueAt != null) {
          ps.setObject(i++, ts(dueAt));
          ps.setObject(i++, ts(dueAt));
        }
        ps.setObject(i++, now);
        bindKey(ps, i, key);
        if (ps.executeUpdate() == 1) {
          return ChangeResult.APPLIED;
        }
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM chorus_dispatch WHERE " + KEY)) {
        bindKey(ps, 1, key);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? ChangeResult.TOO_LATE : ChangeResult.NOT_FOUND;
        }
      }
    });
  }

  @Override
  public boolean laterOccurrenceDue(String series, Instant dueAt, Instant now) {
    return tx("reading series " + series, (c, dbNow) -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT 1 FROM chorus_dispatch WHERE series = ? AND due_at > ? AND due_at <= ? LIMIT 1")) {
        ps.setString(1, series);
        ps.setObject(2, ts(dueAt));
        ps.setObject(3, ts(now));
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next();
        }
      }
    });
  }

  @Override
  public void pause(PauseScope scope, String reason) {
    pause(scope, reason, List.of());
  }

  @Override
  public void pause(PauseScope scope, String reason, List<DispatchEvent> events) {
    Checks.required("scope", scope);
    List<DispatchEvent> toAppend = Checks.list("events", events);
    tx("pausing " + scope, (c, now) -> {
      try (PreparedStatement del = c.prepareStatement(
          "DELETE FROM chorus_dispatch_pause WHERE scope = ? AND workspace_id = ? AND account_id = ?")) {
        bindScope(del, scope);
        del.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO chorus_dispatch_pause (scope, workspace_id, "
          + "account_id, reason, paused_at) VALUES (?, ?, ?, ?, ?)")) {
        bindScope(ps, scope);
        ps.setString(4, reason == null ? "" : reason);
        ps.setObject(5, now);
        ps.executeUpdate();
      }
      appendAll(c, toAppend);
      return null;
    });
  }

  private static void bindScope(PreparedStatement ps, PauseScope scope) throws SQLException {
    ps.setString(1, scope.kind().name());
    ps.setString(2, scope.workspace() == null ? "" : scope.workspace().value());
    ps.setString(3, scope.account() == null ? "" : scope.account().value());
  }

  @Override
  public boolean resume(PauseScope scope) {
    return resume(scope, List.of());
  }

  @Override
  public boolean resume(PauseScope scope, List<DispatchEvent> events) {
    Checks.required("scope", scope);
    List<DispatchEvent> toAppend = Checks.list("events", events);
    return tx("resuming " + scope, (c, now) -> {
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM chorus_dispatch_pause WHERE scope = ? AND workspace_id = ? AND account_id = ?")) {
        bindScope(ps, scope);
        if (ps.executeUpdate() == 0) {
          return false;
        }
      }
      appendAll(c, toAppend);
      return true;
    });
  }

  @Override
  public Map<PauseScope, String> pauses() {
    return tx("reading pauses", (c, now) -> {
      Map<PauseScope, String> result = new HashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT scope, workspace_id, account_id, reason FROM chorus_dispatch_pause");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          PauseScope.Kind kind = PauseScope.Kind.valueOf(rs.getString(1));
          PauseScope scope = switch (kind) {
            case ALL -> PauseScope.all();
            case WORKSPACE -> PauseScope.workspace(WorkspaceId.of(rs.getString(2)));
            case ACCOUNT -> PauseScope.account(WorkspaceId.of(rs.getString(2)), AccountId.of(rs.getString(3)));
          };
          result.put(scope, rs.getString(4));
        }
      }
      return Map.copyOf(result);
    });
  }

  @Override
  public void appendOutbox(DispatchEvent event) {
    Checks.required("event", event);
    tx("writing the outbox", (c, now) -> {
      appendAll(c, List.of(event));
      return null;
    });
  }

  /** Inserts the events into the outbox on the connection, in its transaction. */
  private void appendAll(Connection c, List<DispatchEvent> events) throws SQLException {
    if (events.isEmpty()) {
      return;
    }
    if (setBased && events.size() > 1) {
      // PostgreSQL: one statement whose text never changes, the rows as arrays.
      String[] types = new String[events.size()];
      String[] workspaces = new String[events.size()];
      String[] payloads = new String[events.size()];
      for (int i = 0; i < events.size(); i++) {
        DispatchEvent event = events.get(i);
        types[i] = event.type();
        workspaces[i] = event.workspace().map(WorkspaceId::value).orElse(null);
        payloads[i] = payload(event);
      }
      try (PreparedStatement ps = c.prepareStatement(OUTBOX_UNNEST)) {
        ps.setArray(1, c.createArrayOf("text", types));
        ps.setArray(2, c.createArrayOf("text", workspaces));
        ps.setArray(3, c.createArrayOf("text", payloads));
        ps.executeUpdate();
      }
      return;
    }
    // One multi-row INSERT per chunk (standard SQL, PostgreSQL and H2 alike): one statement to plan
    // and execute instead of one per event.
    for (int from = 0; from < events.size(); from += OUTBOX_CHUNK) {
      List<DispatchEvent> chunk = events.subList(from, Math.min(events.size(), from + OUTBOX_CHUNK));
      StringBuilder sql = new StringBuilder(OUTBOX_INSERT);
      for (int i = 1; i < chunk.size(); i++) {
        sql.append(", (CURRENT_TIMESTAMP, ?, ?, ?)");
      }
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        int i = 1;
        for (DispatchEvent event : chunk) {
          ps.setString(i++, event.type());
          ps.setString(i++, event.workspace().map(WorkspaceId::value).orElse(null));
          ps.setString(i++, payload(event));
        }
        ps.executeUpdate();
      }
    }
  }

  /**
   * The event as a flat JSON object, written by hand (one per dispatch on the hot path: a string
   * builder instead of a map and a serializer). Strings are escaped as JSON requires: quote,
   * backslash and control characters.
   */
  static String payload(DispatchEvent event) {
    JsonObject json = new JsonObject();
    json.field("type", event.type());
    json.field("at", event.at().toString());
    event.workspace().ifPresent(w -> json.field("workspace", w.value()));
    event.dispatch().ifPresent(k -> {
      json.field("post", k.post().value());
      json.field("account", k.account().value());
      json.field("occurrence", k.occurrence().toString());
    });
    if (event instanceof DispatchEvent.Published p) {
      json.field("externalId", p.externalId());
      json.field("url", p.url() == null ? null : p.url().toString());
    } else if (event instanceof DispatchEvent.Failed f) {
      json.field("reason", f.reason());
    } else if (event instanceof DispatchEvent.Missed m) {
      json.field("reason", m.reason());
    } else if (event instanceof DispatchEvent.Retried r) {
      json.field("reason", r.reason());
      json.number("delayMillis", r.delay().toMillis());
    } else if (event instanceof DispatchEvent.RateLimited r) {
      json.field("retryAt", r.retryAt() == null ? null : r.retryAt().toString());
    } else if (event instanceof DispatchEvent.Paused p) {
      json.field("scope", p.scope().kind().name());
      json.field("reason", p.reason());
    } else if (event instanceof DispatchEvent.CredentialExpired e) {
      json.field("account", e.account().value());
      json.field("reason", e.reason());
    } else if (event instanceof DispatchEvent.CredentialExpiring e) {
      json.field("expiresAt", e.expiresAt().toString());
    }
    return json.close();
  }

  /** A flat JSON object of string, number and null fields, in the order written. */
  private static final class JsonObject {
    private final StringBuilder out = new StringBuilder(192).append('{');

    void field(String name, String value) {
      name(name);
      if (value == null) {
        out.append("null");
      } else {
        string(value);
      }
    }

    void number(String name, long value) {
      name(name);
      out.append(value);
    }

    private void name(String name) {
      if (out.length() > 1) {
        out.append(',');
      }
      string(name);
      out.append(':');
    }

    private void string(String value) {
      out.append('"');
      for (int i = 0; i < value.length(); i++) {
        char ch = value.charAt(i);
        switch (ch) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          case '\n' -> out.append("\\n");
          case '\r' -> out.append("\\r");
          case '\t' -> out.append("\\t");
          case '\b' -> out.append("\\b");
          case '\f' -> out.append("\\f");
          default -> {
            if (ch < 0x20) {
              out.append("\\u00").append(Character.forDigit(ch >> 4, 16)).append(Character.forDigit(ch & 0xF, 16));
            } else {
              out.append(ch);
            }
          }
        }
      }
      out.append('"');
    }

    String close() {
      return out.append('}').toString();
    }
  }

  /**
   * One relayed outbox entry.
   *
   * @param payload the event as a JSON object
   */
  public record OutboxEntry(long id, Instant createdAt, String type, String payload) {}

  /** Outbox entries after {@code afterId}, oldest first, at most {@code limit}. */
  public List<OutboxEntry> readOutbox(long afterId, int limit) {
    return tx("reading the outbox", (c, now) -> {
      List<OutboxEntry> result = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT id, created_at, event_type, payload FROM chorus_outbox "
          + "WHERE id > ? ORDER BY id LIMIT ?")) {
        ps.setLong(1, afterId);
        ps.setInt(2, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            result.add(new OutboxEntry(rs.getLong(1), instant(rs, "created_at"), rs.getString(3), rs.getString(4)));
          }
        }
      }
      return result;
    });
  }

  /** Deletes relayed entries up to and including {@code id}; returns how many. */
  public int deleteOutbox(long upToId) {
    return tx("pruning the outbox", (c, now) -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM chorus_outbox WHERE id <= ?")) {
        ps.setLong(1, upToId);
        return ps.executeUpdate();
      }
    });
  }

  private static DispatchRecord read(ResultSet rs) throws SQLException {
    DispatchKey key = new DispatchKey(WorkspaceId.of(rs.getString("workspace_id")), PostId.of(rs.getString("post_id")),
        AccountId.of(rs.getString("account_id")), instant(rs, "occurrence_at"));
    String checkpoint = rs.getString("checkpoint");
    String url = rs.getString("url");
    return new DispatchRecord(key, instant(rs, "due_at"), rs.getString("series"),
        DispatchState.valueOf(rs.getString("state")), rs.getLong("version"), rs.getInt("attempts"),
        instant(rs, "next_attempt_at"), rs.getString("lease_owner"), rs.getLong("lease_token"),
        instant(rs, "lease_expires_at"), instant(rs, "attempt_started_at"),
        checkpoint == null ? Map.of() : JSON.readValue(checkpoint, MAP), rs.getString("last_error"),
        rs.getString("external_id"), url == null ? null : URI.create(url));
  }

  @Override
  public String toString() {
    return "JdbcDispatchStore";
  }
}
