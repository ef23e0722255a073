/**
 * The Instagram (Graph API content publishing) connector: {@link
 * dev.chorus.connector.instagram.InstagramConnectorProvider}, found through {@link
 * java.util.ServiceLoader}, the {@link dev.chorus.connector.instagram.InstagramConnector} it
 * creates and the {@link dev.chorus.connector.instagram.PublishingLimit} it reads. Everything is
 * non-null unless documented otherwise; the implementation lives in {@code
 * dev.chorus.connector.instagram.internal}.
 */
package dev.chorus.connector.instagram;
