package dev.chorus.media;

import java.io.IOException;

/**
 * Supplies a value and may fail with an {@link IOException}; used to open a fresh stream each time
 * media bytes are read.
 *
 * @param <T> the supplied type
 */
@FunctionalInterface
public interface IoSupplier<T> {

  /** A new value, such as a freshly opened stream the caller closes. */
  T get() throws IOException;
}
