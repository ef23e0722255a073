/**
 * The connector TCK: extend {@link dev.chorus.connector.tck.ConnectorVerification}, supply a
 * {@link dev.chorus.connector.tck.PlatformStub} for the platform's wire format, and every numbered
 * rule of the SPI contract runs as a JUnit 5 test. Non-null by default.
 */
package dev.chorus.connector.tck;
