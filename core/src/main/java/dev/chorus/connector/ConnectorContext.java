package dev.chorus.connector;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What the host gives a connector when it creates one: the clock to read time from and typed
 * extensions such as the shared HTTP runtime. Connectors never read the system clock directly.
 */
public final class ConnectorContext {

  private final Clock clock;
  private final Map<Class<?>, Object> extensions;

  private ConnectorContext(Clock clock, Map<Class<?>, Object> extensions) {
    this.clock = clock;
    this.extensions = Map.copyOf(extensions);
  }

  /** A context with the clock and no extensions. */
  public static ConnectorContext of(Clock clock) {
    return builder(clock).build();
  }

  /** A builder for a context on the clock. */
  public static Builder builder(Clock clock) {
    return new Builder(clock);
  }

  /** The clock every timestamp and wait is measured on. */
  public Clock clock() {
    return clock;
  }

  /** The extension of the type, when the host supplied one. */
  public <T> Optional<T> extension(Class<T> type) {
    return Optional.ofNullable(type.cast(extensions.get(type)));
  }

  /** Builds {@link ConnectorContext}s. */
  public static final class Builder {
    private final Clock clock;
    private final Map<Class<?>, Object> extensions = new java.util.HashMap<>();

    private Builder(Clock clock) {
      this.clock = java.util.Objects.requireNonNull(clock, "clock");
    }

    /** Makes the instance available to connectors under its type. */
    public <T> Builder extension(Class<T> type, T instance) {
      extensions.put(type, type.cast(java.util.Objects.requireNonNull(instance, "instance")));
      return this;
    }

    public ConnectorContext build() {
      return new ConnectorContext(clock, extensions);
    }
  }
}
