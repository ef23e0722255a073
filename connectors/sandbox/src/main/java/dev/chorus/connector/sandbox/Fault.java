package dev.chorus.connector.sandbox;

import dev.chorus.model.Checks;
import java.time.Instant;

/**
 * One scripted failure of one call.
 *
 * @param requestId the request id the simulated response carries, or {@code null} to let the
 *     platform number it
 * @param reason the platform's message (the rejection reason for {@link FaultKind#CONTENT_REJECTED}),
 *     or {@code null} for a default
 * @param retryAt when a {@link FaultKind#RATE_LIMIT} resets, or {@code null} for the plan's storm
 *     duration from now
 */
public record Fault(FaultKind kind, String requestId, String reason, Instant retryAt) {

  /** Checks every field and names the one that is wrong. */
  public Fault {
    Checks.required("fault.kind", kind);
    Checks.blankToNull("fault.requestId", requestId);
    Checks.blankToNull("fault.reason", reason);
    if (retryAt != null && kind != FaultKind.RATE_LIMIT) {
      throw new dev.chorus.InvalidValueException("fault.retryAt", retryAt, "only a RATE_LIMIT fault has a reset time");
    }
  }

  /** A fault of the kind with default details. */
  public static Fault of(FaultKind kind) {
    return new Fault(kind, null, null, null);
  }

  /** A 429 that says the limit resets at the instant. */
  public static Fault rateLimited(Instant retryAt, String requestId) {
    return new Fault(FaultKind.RATE_LIMIT, requestId, null, Checks.required("fault.retryAt", retryAt));
  }
}
