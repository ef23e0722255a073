package dev.chorus.connector.http;

import dev.chorus.connector.ConnectorContext;
import dev.chorus.model.Checks;

/**
 * The {@link HttpRuntime} a connector works on, and whether the connector owns it. A host that
 * shares one runtime among connectors passes it as the context's {@code HttpRuntime} extension and
 * closes it itself; without one the connector makes its own on the context's clock and closes it
 * with {@link #close()}. Closing is idempotent as far as {@link HttpRuntime#close()} is.
 */
public final class RuntimeLease implements AutoCloseable {

  private final HttpRuntime runtime;
  private final boolean owned;

  private RuntimeLease(HttpRuntime runtime, boolean owned) {
    this.runtime = runtime;
    this.owned = owned;
  }

  /**
   * The context's shared runtime, or a new one on the context's clock that this lease owns.
   *
   * @param context the connector's context
   * @return the lease
   */
  public static RuntimeLease from(ConnectorContext context) {
    return context.extension(HttpRuntime.class)
        .map(shared -> new RuntimeLease(shared, false))
        .orElseGet(() -> new RuntimeLease(HttpRuntime.builder().clock(context.clock()).build(), true));
  }

  /**
   * A lease on a runtime the caller made.
   *
   * @param runtime the runtime
   * @param owned whether {@link #close()} closes it
   * @return the lease
   */
  public static RuntimeLease of(HttpRuntime runtime, boolean owned) {
    return new RuntimeLease(Checks.required("runtime", runtime), owned);
  }

  /**
   * The runtime.
   *
   * @return the runtime, shared or owned
   */
  public HttpRuntime runtime() {
    return runtime;
  }

  /**
   * Whether the connector made the runtime and so closes it.
   *
   * @return true when owned
   */
  public boolean owned() {
    return owned;
  }

  /** Closes the runtime when this lease owns it; a shared runtime is left to the host. */
  @Override
  public void close() {
    if (owned) {
      runtime.close();
    }
  }

  @Override
  public String toString() {
    return "RuntimeLease[" + (owned ? "owned" : "shared") + "]";
  }
}
