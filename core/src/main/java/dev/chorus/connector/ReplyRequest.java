package dev.chorus.connector;

import dev.chorus.model.Checks;
import dev.chorus.model.SocialAccount;

/**
 * A reply from an account to an interaction or post.
 *
 * @param parentExternalId the platform id of what is being answered
 * @param idempotencyKey stable across attempts of the same reply
 */
public record ReplyRequest(SocialAccount account, String parentExternalId, String text, String idempotencyKey) {

  public ReplyRequest {
    Checks.required("reply.account", account);
    Checks.notBlank("reply.parentExternalId", parentExternalId);
    Checks.notBlank("reply.text", text);
    Checks.notBlank("reply.idempotencyKey", idempotencyKey);
  }
}
