package dev.chorus.schedule;

import dev.chorus.model.AccountId;
import dev.chorus.model.Checks;
import dev.chorus.model.PostId;
import dev.chorus.model.WorkspaceId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The natural key of one dispatch: a post's target on one account for one occurrence. A one-off
 * post uses {@link #once}; each occurrence of a recurring post has its own key, so scheduling the
 * same key twice is a no-op and the idempotency key never changes across retries or reschedules.
 *
 * @param occurrence the occurrence of a recurring post, {@link Instant#EPOCH} for a one-off post;
 *     truncated to microseconds so every store keeps it exactly. The {@link Scheduler} uses the
 *     occurrence's local date-time read as UTC, which stays the same when zone rules move its instant
 */
public record DispatchKey(WorkspaceId workspace, PostId post, AccountId account, Instant occurrence) {

  public DispatchKey {
    Checks.required("dispatchKey.workspace", workspace);
    Checks.required("dispatchKey.post", post);
    Checks.required("dispatchKey.account", account);
    Checks.required("dispatchKey.occurrence", occurrence);
    occurrence = occurrence.truncatedTo(ChronoUnit.MICROS);
  }

  /** The key of a one-off post's target. */
  public static DispatchKey once(WorkspaceId workspace, PostId post, AccountId account) {
    return new DispatchKey(workspace, post, account, Instant.EPOCH);
  }

  /**
   * The idempotency key sent to the platform: stable for this key, opaque, 39 characters, and free
   * of the ids themselves.
   */
  public String idempotencyKey() {
    // The text hashed must never change: keys of dispatches already scheduled (and already sent to
    // platforms) depend on it. The one-off occurrence is spelled as Instant.EPOCH.toString() would.
    String when = Instant.EPOCH.equals(occurrence) ? EPOCH_TEXT : occurrence.toString();
    String text = workspace.value() + '\u0000' + post.value() + '\u0000' + account.value() + '\u0000' + when;
    byte[] hash = sha256().digest(text.getBytes(StandardCharsets.UTF_8));
    return "chorus-" + HEX.formatHex(hash, 0, 16);
  }

  /** A fresh SHA-256 digest, cloned from a prototype (cheaper than a provider look-up per call). */
  private static MessageDigest sha256() {
    try {
      return (MessageDigest) Sha256.PROTOTYPE.clone();
    } catch (CloneNotSupportedException e) {
      try {
        return MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException missing) {
        throw new IllegalStateException("SHA-256 is missing from this JVM", missing);
      }
    }
  }

  private static final String EPOCH_TEXT = Instant.EPOCH.toString();
  private static final HexFormat HEX = HexFormat.of();

  /** Holds the prototype digest, created on first use. */
  private static final class Sha256 {
    static final MessageDigest PROTOTYPE;

    static {
      try {
        PROTOTYPE = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is missing from this JVM", e);
      }
    }
  }

  @Override
  public String toString() {
    return workspace + "/" + post + "/" + account + "@" + occurrence;
  }
}
