/** Implementation of the YouTube connector; not for use outside this module. */
package dev.chorus.connector.youtube.internal;
