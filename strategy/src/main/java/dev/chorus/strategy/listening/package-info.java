/**
 * Listening and trends: tracks keywords, hashtags and mentions through connectors that can search
 * public posts ({@link dev.chorus.strategy.listening.Listening}), and derives volume over time,
 * rising terms, co-occurring terms, share of voice and mention-spike alerts from what was heard
 * ({@link dev.chorus.strategy.listening.Trends}). See {@code docs/strategy-research.md}. Everything
 * here is non-null unless a parameter says otherwise.
 */
package dev.chorus.strategy.listening;
