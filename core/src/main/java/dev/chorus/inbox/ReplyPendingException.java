package dev.chorus.inbox;

import dev.chorus.ChorusException;

/**
 * A reply with this idempotency key is in flight or its outcome is unknown, so it is not sent
 * again until someone resolves it.
 */
public class ReplyPendingException extends ChorusException {

  private static final long serialVersionUID = 1L;

  private final transient ReplyAttempt attempt;

  /** For the attempt that blocks a new send. */
  public ReplyPendingException(ReplyAttempt attempt) {
    super("reply " + attempt.idempotencyKey() + " is " + attempt.state()
        + "; confirm it as sent or not sent, or resend it explicitly");
    this.attempt = attempt;
  }

  /** The blocking attempt. */
  public ReplyAttempt attempt() {
    return attempt;
  }
}
