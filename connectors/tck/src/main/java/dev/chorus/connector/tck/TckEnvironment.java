package dev.chorus.connector.tck;

import java.net.URI;
import java.time.Clock;

/**
 * What the TCK gives a plugin author's configuration and stub: the base URL of a WireMock server
 * started for the run, the test clock every rule runs on, and a canary secret that must never
 * appear in a log line, a {@code toString} or an exception message.
 */
public interface TckEnvironment {

  /** The base URL of the WireMock server, for the connector's base-URL setting. */
  URI baseUrl();

  /** The WireMock server to program (a {@code com.github.tomakehurst.wiremock.WireMockServer}). */
  com.github.tomakehurst.wiremock.WireMockServer wireMock();

  /** The clock the connector must be created with. */
  Clock clock();

  /** A secret to use for every token, key and password the configuration or stub needs. */
  String canarySecret();
}
