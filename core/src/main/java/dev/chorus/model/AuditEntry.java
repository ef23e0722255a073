package dev.chorus.model;

import java.time.Instant;

/**
 * One recorded lifecycle transition of a post target: who moved it, when, from where to where, and
 * why.
 *
 * @param reason the actor's comment or the system's reason, or {@code null}
 */
public record AuditEntry(
    PostId postId,
    AccountId accountId,
    ActorId actor,
    Instant at,
    TargetState from,
    TargetState to,
    String reason) {

  public AuditEntry {
    Checks.required("audit.postId", postId);
    Checks.required("audit.accountId", accountId);
    Checks.required("audit.actor", actor);
    Checks.required("audit.at", at);
    Checks.required("audit.from", from);
    Checks.required("audit.to", to);
  }
}
