/** Implementation of {@link dev.chorus.webhook}; not for use outside Chorus. */
package dev.chorus.webhook.internal;
