/**
 * The shared HTTP runtime for platform connectors: one {@link dev.chorus.connector.http.HttpRuntime}
 * per Chorus instance owns the OkHttp client, the Resilience4j circuit breakers and bulkheads and
 * the rate-limit tracker, and hands each connector a {@link dev.chorus.connector.http.PlatformHttp}
 * that waits for rate limits, attaches credentials, maps errors and retries only where it is safe.
 * Non-null by default: a parameter or component that may be {@code null} says so.
 */
package dev.chorus.connector.http;
