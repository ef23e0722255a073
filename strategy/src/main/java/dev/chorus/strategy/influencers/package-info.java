/**
 * Influencer evaluation: scores candidate creators from their public profiles (relevance to an
 * audience, reach, engagement rate and its consistency, growth and signs of bought followers), each
 * component 0–100 with its formula and inputs, and compares creators side by side. See {@code
 * docs/strategy-research.md} for every formula and where its numbers come from. Everything here is
 * non-null unless a parameter says otherwise.
 */
package dev.chorus.strategy.influencers;
