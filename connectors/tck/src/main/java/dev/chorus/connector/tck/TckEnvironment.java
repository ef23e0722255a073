package dev.chorus.connector.tck;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * What the TCK gives a plugin author's configuration, context and stub: the base URL of a WireMock
 * server started for the run, the test clock every rule runs on, a sleeper that records waits
 * instead of sleeping, and a canary secret that must never appear in a log line, a {@code
 * toString} or an exception message.
 */
public interface TckEnvironment {

  /** The base URL of the WireMock server (loopback, dynamic port), for the connector's base-URL setting. */
  URI baseUrl();

  /** The WireMock server to program (a {@code com.github.tomakehurst.wiremock.WireMockServer}). */
  com.github.tomakehurst.wiremock.WireMockServer wireMock();

  /**
   * The clock the connector must be created with. It stands still unless {@link #sleep} moves it,
   * and starts every rule at the same instant.
   */
  Clock clock();

  /**
   * Waits without waiting: records the duration and moves {@link #clock()} forward by it. Hand it to
   * the connector wherever it would sleep, for example {@code HttpRuntime.builder().sleeper(env::sleep)}.
   * A zero or negative duration is recorded and does not move the clock.
   */
  void sleep(Duration duration);

  /** Every wait {@link #sleep} recorded in the current rule, in order. */
  List<Duration> waits();

  /** A secret to use for every token, key and password the configuration or stub needs. */
  String canarySecret();
}
