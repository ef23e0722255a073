package dev.chorus.store;

import dev.chorus.ChorusException;

/**
 * A store could not be read or written because its database failed. The message names the
 * operation and the SQL state, never credentials. Retrying may help (a lost connection, a
 * serialisation failure); a wrong schema or a missing table will fail again.
 */
public final class ChorusStoreException extends ChorusException {

  private final String operation;

  /** The {@code operation} (for example {@code "updatePost"}) failed with this message and cause. */
  public ChorusStoreException(String operation, String message, Throwable cause) {
    super("store " + operation + " failed: " + message, cause);
    this.operation = operation;
  }

  /** The store operation that failed, for example {@code updatePost}. */
  public String operation() {
    return operation;
  }

  /** Database failures are usually transient. */
  @Override
  public boolean retryable() {
    return true;
  }
}
