package dev.chorus.schedule;

import dev.chorus.model.AccountId;
import dev.chorus.model.WorkspaceId;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Events of the dispatch engine. Each goes to the listeners and, with a store that has an outbox
 * (the JDBC store), to the outbox table a host relays from, written in the same transaction as the
 * state change it describes. {@link Claimed} is the exception: it goes to the listeners only.
 */
public sealed interface DispatchEvent extends dev.chorus.event.ChorusEvent {

  /** A short stable name of the event type, as written to the outbox. */
  default String type() {
    return getClass().getSimpleName();
  }

  /** The dispatch concerned, if the event concerns one. */
  default Optional<DispatchKey> dispatch() {
    return Optional.empty();
  }

  /** A dispatch was scheduled (the first time; scheduling again is a no-op and emits nothing). */
  record Scheduled(Instant at, DispatchKey key, Instant dueAt) implements DispatchEvent {
    @Override public Optional<WorkspaceId> workspace() { return Optional.of(key.workspace()); }
    @Override public Optional<DispatchKey> dispatch() { return Optional.of(key); }
  }

  /**
   * A node claimed a dispatch. Listeners only, not written to the outbox: a claim is not an outcome
   * and a claim whose node dies is simply taken again, so the outbox records what happened to a
   * dispatch rather than which node tried when.
   */
  record Claimed(Instant at, DispatchKey key, String node, int attempts) implements DispatchEvent {
    @Override public Optional<WorkspaceId> workspace() { return Optional.of(key.workspace()); }
    @Override public Optional<DispatchKey> dispatch() { return Optional.of(key); }
  }

  /**
   * The platform has the post.
   *
   * @param url the post's link, or {@code null}
   * @param reconciled true when found by reconciliation after an ambiguous attempt
   */
  record Published(Instant at, DispatchKey key, String externalId, URI url, boolean reconciled)
      implements DispatchEvent {
    @Override public Optional<WorkspaceId> workspace() { return Optional.of(key.workspace()); }
    @Override public Optional<DispatchKey> dispatch() { return Optional.of(key); }
  }

  /** The dispatch failed for good, with the platform's reason. */
  record Failed(Instant at, DispatchKey key, String reason) implements DispatchEvent {
    @Override public Optional<WorkspaceId> workspace() { return Optional.of(key.workspace()); }
    @Override public Optional<DispatchKey> dispatch() { return Optional.of(key); }
  }

  /** An attempt failed transiently; the next one comes after the delay. */
  record Retried(Instant at, DispatchKey key, int attempts, Duration delay, String reason)
      implements DispatchEvent {
    @Override public Optional<WorkspaceId> workspace() { return Optional.of(key.workspace()); }
    @Override public Optional<DispatchKey> dispatch() { return Optional.of(key); }
  }

  /** The dispatch came due too long ago, or a later occurrence superseded it. */
  record Missed(Instant at, DispatchKey key, Instant dueAt, String reason) implements DispatchEvent {
    @Override public Optional<WorkspaceId> workspace() { return Optional.of(key.workspace()); }
    @Override public Optional<DispatchKey> dispatch() { return Optional.of(key); }
  }

  /**
   * The platform throttled the account.
   *
   * @param retryAt when the platform said the limit resets, or {@code null}
   */
  record RateLimited(Instant at, DispatchKey key, Instant retryAt) implements DispatchEvent {
    @Override public Optional<WorkspaceId> workspace() { return Optional.of(key.workspace()); }
    @Override public Optional<DispatchKey> dispatch() { return Optional.of(key); }
  }

  /** Dispatch was paused for the scope; nothing in it is claimed until resumed. */
  record Paused(Instant at, PauseScope scope, String reason) implements DispatchEvent {
    @Override public Optional<WorkspaceId> workspace() { return scope.workspaceId(); }
  }

  /** Dispatch resumed for the scope. */
  record Resumed(Instant at, PauseScope scope) implements DispatchEvent {
    @Override public Optional<WorkspaceId> workspace() { return scope.workspaceId(); }
  }

  /**
   * The account's credential expired or was revoked; its queue is paused until the account
   * reconnects and the host resumes it.
   */
  record CredentialExpired(Instant at, WorkspaceId workspaceId, AccountId account, String reason)
      implements DispatchEvent {
    @Override public Optional<WorkspaceId> workspace() { return Optional.of(workspaceId); }
  }

  /**
   * A dispatch was claimed for an account whose credential expires soon (within the scheduler's
   * warning window); the host should ask the account's owner to reconnect it.
   *
   * @param expiresAt when the credential expires
   */
  record CredentialExpiring(Instant at, DispatchKey key, Instant expiresAt) implements DispatchEvent {
    @Override public Optional<WorkspaceId> workspace() { return Optional.of(key.workspace()); }
    @Override public Optional<DispatchKey> dispatch() { return Optional.of(key); }

    /** The account whose credential expires. */
    public AccountId account() {
      return key.account();
    }
  }
}
