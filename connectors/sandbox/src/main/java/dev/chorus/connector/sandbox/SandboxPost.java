package dev.chorus.connector.sandbox;

import dev.chorus.model.Checks;
import dev.chorus.model.MediaKind;
import dev.chorus.model.PostFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * One publication the sandbox stored: a post or a reply. Kept after deletion (with {@code
 * deletedAt}) so that tests can count everything ever published.
 *
 * @param idempotencyKey the key it was published with
 * @param inReplyTo the post or comment it answers, or {@code null} for a post
 * @param zone the account's zone at publication, in which the posting hour is read
 * @param hasLink whether a link was shared
 * @param threadPartIds ids of the thread's follow-up parts
 * @param firstCommentId the first comment's id, or {@code null}
 * @param deletedAt when it was deleted, or {@code null}
 */
public record SandboxPost(
    String externalId,
    String accountExternalId,
    String idempotencyKey,
    PostFormat format,
    String text,
    List<MediaKind> media,
    boolean hasLink,
    String inReplyTo,
    ZoneId zone,
    Instant createdAt,
    List<String> threadPartIds,
    String firstCommentId,
    Instant deletedAt) {

  /** Checks every field and names the one that is wrong. */
  public SandboxPost {
    Checks.notBlank("post.externalId", externalId);
    Checks.notBlank("post.accountExternalId", accountExternalId);
    Checks.notBlank("post.idempotencyKey", idempotencyKey);
    Checks.required("post.format", format);
    text = text == null ? "" : text;
    media = Checks.list("post.media", media);
    Checks.blankToNull("post.inReplyTo", inReplyTo);
    Checks.required("post.zone", zone);
    Checks.required("post.createdAt", createdAt);
    threadPartIds = Checks.list("post.threadPartIds", threadPartIds);
    Checks.blankToNull("post.firstCommentId", firstCommentId);
  }

  /** Whether it still exists on the platform. */
  public boolean live() {
    return deletedAt == null;
  }

  /** Whether it is a reply rather than a post. */
  public boolean reply() {
    return inReplyTo != null;
  }

  /** When it was deleted, if it was. */
  public Optional<Instant> deleted() {
    return Optional.ofNullable(deletedAt);
  }

  /** Whether any media item is a video. */
  public boolean hasVideo() {
    return media.contains(MediaKind.VIDEO);
  }

  SandboxPost deletedAt(Instant at) {
    return new SandboxPost(externalId, accountExternalId, idempotencyKey, format, text, media, hasLink,
        inReplyTo, zone, createdAt, threadPartIds, firstCommentId, at);
  }
}
