/**
 * Strategy and planning, the steps before any post: which platforms to use for an objective and an
 * audience ({@code PlatformAdvisor}) and a month's content mix across pillars and formats. The
 * sub-packages hold influencer evaluation ({@code dev.chorus.strategy.influencers}), listening and
 * trends ({@code dev.chorus.strategy.listening}) and paid boosts ({@code dev.chorus.strategy.paid}).
 *
 * <p>Parameters and return values are non-null unless documented otherwise. Formulas and sources:
 * {@code docs/strategy-planning.md}.
 */
package dev.chorus.strategy;
