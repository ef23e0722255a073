package dev.chorus.inbox;

/** Where a reply attempt stands. */
public enum ReplyState {
  /** Recorded before the connector is called; seen later it means the outcome is not known. */
  STARTED,
  /** The platform accepted it. */
  SENT,
  /** The platform refused it for sure; nothing was created, so it may be tried again. */
  FAILED,
  /**
   * The call was lost after it may have reached the platform; it is not resent until someone
   * confirms what happened ({@link Inbox#markReplySent}, {@link Inbox#markReplyNotSent}) or asks
   * for a resend with the same idempotency key ({@link Inbox#resendReply}).
   */
  UNKNOWN
}
