/**
 * Implementation of the Bluesky connector: XRPC calls, sessions, facet detection and id mapping.
 * Not API: nothing outside this module may import it. Everything is non-null unless documented
 * otherwise.
 */
package dev.chorus.connector.bluesky.internal;
