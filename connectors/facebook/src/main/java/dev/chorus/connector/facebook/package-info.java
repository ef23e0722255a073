/**
 * The Facebook Pages (Graph API) connector: {@link dev.chorus.connector.facebook.FacebookConnectorProvider},
 * found through {@link java.util.ServiceLoader}. Everything is non-null unless documented otherwise;
 * the implementation lives in {@code dev.chorus.connector.facebook.internal}.
 */
package dev.chorus.connector.facebook;
