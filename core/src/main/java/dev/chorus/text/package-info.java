/**
 * Platform text rules: how each platform counts the length of a post ({@link
 * dev.chorus.text.CountingRule}, {@link dev.chorus.text.TextRules}), the entities it recognises
 * in text (URLs, mentions, hashtags, cashtags) and platform-specific escaping. Everything here is
 * offline, thread-safe and cheap enough to run on every validation. Non-null by default:
 * parameters and return values are never {@code null} unless documented.
 */
package dev.chorus.text;
