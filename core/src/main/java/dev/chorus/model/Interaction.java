package dev.chorus.model;

import java.net.URI;
import java.time.Instant;

/**
 * A comment, reply, mention, quote or direct message, normalised across platforms for the unified
 * inbox. Ids are the platform's, opaque.
 *
 * @param externalPostId the post it is about, or {@code null} (a mention or a message)
 * @param parentExternalId the interaction it answers, or {@code null}
 * @param authorName display name, or {@code null}
 * @param url a link to it, or {@code null}
 */
public record Interaction(
    Platform platform,
    AccountId accountId,
    String externalId,
    InteractionKind kind,
    String externalPostId,
    String parentExternalId,
    String authorId,
    String authorHandle,
    String authorName,
    String text,
    Instant createdAt,
    URI url) {

  public Interaction {
    Checks.required("interaction.platform", platform);
    Checks.required("interaction.accountId", accountId);
    Checks.notBlank("interaction.externalId", externalId);
    Checks.required("interaction.kind", kind);
    Checks.blankToNull("interaction.externalPostId", externalPostId);
    Checks.blankToNull("interaction.parentExternalId", parentExternalId);
    Checks.notBlank("interaction.authorId", authorId);
    Checks.notBlank("interaction.authorHandle", authorHandle);
    text = text == null ? "" : text;
    Checks.required("interaction.createdAt", createdAt);
  }
}
