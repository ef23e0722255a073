/**
 * The YouTube connector: {@link dev.chorus.connector.youtube.YouTubeProvider} for the YouTube Data
 * API v3, {@link dev.chorus.connector.youtube.YouTubeOAuth} for Google OAuth with refresh, {@link
 * dev.chorus.connector.youtube.YouTubeQuota} for daily quota prediction, {@link
 * dev.chorus.connector.youtube.YouTubeOptions} for the options a post variant may carry and {@link
 * dev.chorus.connector.http.MediaReader} for reading the video to upload. Everything is non-null
 * unless documented otherwise.
 */
package dev.chorus.connector.youtube;
