package dev.chorus.inbox;

import dev.chorus.model.AccountId;
import dev.chorus.model.ActorId;
import dev.chorus.model.Checks;
import dev.chorus.model.Platform;
import dev.chorus.model.WorkspaceId;
import java.time.Instant;

/**
 * One reply to one inbound message, recorded before the connector is called and keyed by an
 * idempotency key derived from (the message, the reply draft id), so the same draft is never sent
 * twice.
 *
 * @param parentExternalId the platform id of the message answered
 * @param draftId the caller's id for the reply draft
 * @param externalId the platform id of the reply once SENT, or {@code null}
 * @param error why it FAILED or is UNKNOWN, or {@code null}
 */
public record ReplyAttempt(
    String idempotencyKey,
    WorkspaceId workspaceId,
    ConversationId conversationId,
    AccountId accountId,
    Platform platform,
    String parentExternalId,
    String draftId,
    String text,
    ActorId actor,
    ReplyState state,
    int attempts,
    Instant startedAt,
    Instant finishedAt,
    String externalId,
    String error) {

  /** Checks the values. */
  public ReplyAttempt {
    Checks.notBlank("reply.idempotencyKey", idempotencyKey);
    Checks.required("reply.workspaceId", workspaceId);
    Checks.required("reply.conversationId", conversationId);
    Checks.required("reply.accountId", accountId);
    Checks.required("reply.platform", platform);
    Checks.notBlank("reply.parentExternalId", parentExternalId);
    Checks.notBlank("reply.draftId", draftId);
    Checks.notBlank("reply.text", text);
    Checks.required("reply.actor", actor);
    Checks.required("reply.state", state);
    Checks.required("reply.startedAt", startedAt);
    if (state == ReplyState.SENT) {
      Checks.notBlank("reply.externalId", externalId);
    }
  }

  /** A copy in the state, finished at the instant, with the platform id and error. */
  public ReplyAttempt finish(ReplyState value, Instant at, String platformId, String reason) {
    return new ReplyAttempt(idempotencyKey, workspaceId, conversationId, accountId, platform, parentExternalId,
        draftId, text, actor, value, attempts, startedAt, at, platformId, reason);
  }

  /** A copy started again (after FAILED, or a confirmed resend) by the actor. */
  public ReplyAttempt restart(ActorId by, Instant at) {
    return new ReplyAttempt(idempotencyKey, workspaceId, conversationId, accountId, platform, parentExternalId,
        draftId, text, by, ReplyState.STARTED, attempts + 1, at, null, null, null);
  }
}
