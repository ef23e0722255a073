package dev.chorus.schedule;

import dev.chorus.ChorusException;

/** The dispatch store could not be read or written (a database failure). Retrying may help. */
public final class DispatchStoreException extends ChorusException {

  /** A failure with its cause. */
  public DispatchStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
