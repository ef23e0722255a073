/** Implementation of the TikTok connector; not for use outside this module. */
package dev.chorus.connector.tiktok.internal;
