/** Implementation of the Mastodon connector; not for use outside this module. */
package dev.chorus.connector.mastodon.internal;
