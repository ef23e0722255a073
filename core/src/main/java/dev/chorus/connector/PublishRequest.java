package dev.chorus.connector;

import dev.chorus.model.Checks;
import dev.chorus.model.MediaAsset;
import dev.chorus.model.Poll;
import dev.chorus.model.Post;
import dev.chorus.model.PostFormat;
import dev.chorus.model.PostTarget;
import dev.chorus.model.PostVariant;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.ThreadPart;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One post as it goes to one account: the variant already resolved against the shared content.
 *
 * @param idempotencyKey stable for every attempt of the same target, so platforms that honour
 *     idempotency keys (and {@code reconcile}) can recognise a repeat
 * @param link a URL to share, or {@code null}
 * @param firstComment a comment to post under the post, or {@code null}
 * @param poll a poll, or {@code null}
 * @param inReplyTo the platform id of a post this one answers, or {@code null}
 * @param publishAt a future instant for platforms that schedule natively, or {@code null} to
 *     publish now
 * @param checkpoint where a multi-step publish records its progress
 */
public record PublishRequest(
    SocialAccount account,
    String idempotencyKey,
    PostFormat format,
    String text,
    List<MediaAsset> media,
    URI link,
    String firstComment,
    List<ThreadPart> threadParts,
    Poll poll,
    Map<String, String> options,
    String inReplyTo,
    Instant publishAt,
    Checkpoint checkpoint) {

  public PublishRequest {
    Checks.required("request.account", account);
    Checks.notBlank("request.idempotencyKey", idempotencyKey);
    Checks.required("request.format", format);
    text = text == null ? "" : text;
    media = Checks.list("request.media", media);
    threadParts = Checks.list("request.threadParts", threadParts);
    options = Checks.map("request.options", options);
    Checks.blankToNull("request.inReplyTo", inReplyTo);
    checkpoint = checkpoint == null ? Checkpoint.inMemory() : checkpoint;
  }

  /**
   * The request for a post's target on the account: the variant's text, media and link where set,
   * the shared content's otherwise.
   */
  public static PublishRequest of(Post post, PostTarget target, SocialAccount account, String idempotencyKey) {
    if (!target.accountId().equals(account.id())) {
      throw new dev.chorus.InvalidValueException(
          "account", account.id(), "does not match the target's account " + target.accountId());
    }
    PostVariant variant = target.variant();
    return new PublishRequest(
        account,
        idempotencyKey,
        variant.format(),
        variant.text() != null ? variant.text() : post.content().text(),
        variant.media() != null ? variant.media() : post.content().media(),
        variant.link() != null ? variant.link() : post.content().link(),
        variant.firstComment(),
        variant.threadParts(),
        variant.poll(),
        variant.options(),
        null,
        null,
        null);
  }

  /** A text-only feed post, handy in tests and for simple callers. */
  public static PublishRequest text(SocialAccount account, String idempotencyKey, String text) {
    return new PublishRequest(account, idempotencyKey, PostFormat.FEED, text, List.of(), null, null,
        List.of(), null, Map.of(), null, null, null);
  }

  /** A copy with other media. */
  public PublishRequest withMedia(List<MediaAsset> newMedia) {
    return new PublishRequest(account, idempotencyKey, format, text, newMedia, link, firstComment,
        threadParts, poll, options, inReplyTo, publishAt, checkpoint);
  }

  /** A copy with another format. */
  public PublishRequest withFormat(PostFormat newFormat) {
    return new PublishRequest(account, idempotencyKey, newFormat, text, media, link, firstComment,
        threadParts, poll, options, inReplyTo, publishAt, checkpoint);
  }

  /** A copy with other text. */
  public PublishRequest withText(String newText) {
    return new PublishRequest(account, idempotencyKey, format, newText, media, link, firstComment,
        threadParts, poll, options, inReplyTo, publishAt, checkpoint);
  }

  /** A copy with a first comment. */
  public PublishRequest withFirstComment(String comment) {
    return new PublishRequest(account, idempotencyKey, format, text, media, link, comment,
        threadParts, poll, options, inReplyTo, publishAt, checkpoint);
  }

  /** A copy with thread parts (and the THREAD format). */
  public PublishRequest withThreadParts(List<ThreadPart> parts) {
    return new PublishRequest(account, idempotencyKey, PostFormat.THREAD, text, media, link,
        firstComment, parts, poll, options, inReplyTo, publishAt, checkpoint);
  }

  /** A copy with a poll. */
  public PublishRequest withPoll(Poll newPoll) {
    return new PublishRequest(account, idempotencyKey, format, text, media, link, firstComment,
        threadParts, newPoll, options, inReplyTo, publishAt, checkpoint);
  }

  /** A copy that answers the post with the platform id. */
  public PublishRequest inReplyTo(String externalId) {
    return new PublishRequest(account, idempotencyKey, format, text, media, link, firstComment,
        threadParts, poll, options, externalId, publishAt, checkpoint);
  }

  /** A copy for native scheduling at the instant. */
  public PublishRequest publishAt(Instant at) {
    return new PublishRequest(account, idempotencyKey, format, text, media, link, firstComment,
        threadParts, poll, options, inReplyTo, at, checkpoint);
  }

  /** A copy recording progress in the checkpoint. */
  public PublishRequest withCheckpoint(Checkpoint newCheckpoint) {
    return new PublishRequest(account, idempotencyKey, format, text, media, link, firstComment,
        threadParts, poll, options, inReplyTo, publishAt, newCheckpoint);
  }
}
