/**
 * A simulated social network held in memory, for demos, tests and load: {@link
 * dev.chorus.connector.sandbox.SandboxPlatform} with limits, latency, rate limits, seeded fault
 * injection and engagement that evolves over simulated time, and {@link
 * dev.chorus.connector.sandbox.SandboxConnectorProvider} that connects Chorus to it. Everything is
 * non-null unless documented otherwise.
 */
package dev.chorus.connector.sandbox;
