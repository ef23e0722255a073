package dev.chorus.schedule;

import dev.chorus.connector.PublishResult;

/**
 * Where the engine reports outcomes so the host can map them onto its lifecycle. Each callback
 * runs before the outcome is recorded in the dispatch store, so delivery is at least once: after
 * a crash between the two, the next node reconciles and calls again. Callbacks must therefore be
 * idempotent. A callback that throws leaves the dispatch claimed (as if the node had died) and
 * another node takes it over when the lease lapses.
 */
public interface OutcomeSink {

  /** A sink that ignores every outcome. */
  OutcomeSink NONE = new OutcomeSink() {};

  /** The platform has the post. */
  default void published(DispatchRecord dispatch, PublishResult result) {}

  /** The dispatch failed for good, with the platform's reason. */
  default void failed(DispatchRecord dispatch, String reason) {}

  /** The dispatch was missed (too late, or superseded by a later occurrence). */
  default void missed(DispatchRecord dispatch, String reason) {}

  /** The engine paused the scope itself (an expired credential pauses the account). */
  default void paused(PauseScope scope, String reason) {}
}
