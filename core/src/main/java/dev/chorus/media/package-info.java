/**
 * Media bytes and what can be learned about them offline: {@link dev.chorus.media.MediaSource}
 * says where bytes come from, {@link dev.chorus.media.MediaProbe} reads only their headers to find
 * the type, dimensions and duration that platform limits are checked against. Non-null by
 * default: parameters and return values are never {@code null} unless documented.
 */
package dev.chorus.media;
