/**
 * The Threads connector: {@link dev.chorus.connector.threads.ThreadsConnectorProvider}, found
 * through {@link java.util.ServiceLoader}, the {@link dev.chorus.connector.threads.ThreadsConnector}
 * it creates, the {@link dev.chorus.connector.threads.PublishingLimit} it reads and {@link
 * dev.chorus.connector.threads.ThreadsOAuth} for the token exchange and refresh. Everything is
 * non-null unless documented otherwise; the implementation lives in {@code
 * dev.chorus.connector.threads.internal}.
 */
package dev.chorus.connector.threads;
