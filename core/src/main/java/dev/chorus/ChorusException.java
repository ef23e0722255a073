package dev.chorus;

/**
 * The root of every exception Chorus throws. Unchecked, like the AWS SDK's {@code SdkException}:
 * callers catch the subtype they can act on and let the rest propagate.
 */
public class ChorusException extends RuntimeException {

  public ChorusException(String message) {
    super(message);
  }

  public ChorusException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Whether repeating the same call may succeed. Input errors and permission failures are never
   * retryable; transport failures and rate limits usually are.
   */
  public boolean retryable() {
    return false;
  }
}
