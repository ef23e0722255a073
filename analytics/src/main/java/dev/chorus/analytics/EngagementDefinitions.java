package dev.chorus.analytics;

import dev.chorus.model.Checks;
import dev.chorus.model.Metric;
import dev.chorus.model.Platform;
import java.util.HashMap;
import java.util.Map;

/**
 * The engagement definition for each platform, with a fallback for platforms not listed.
 * Immutable; {@link #defaults()} follows the platforms' own documented definitions (see
 * {@code KPIS.md}), {@link #with} overrides one platform.
 */
public final class EngagementDefinitions {

  private final Map<Platform, EngagementDefinition> byPlatform;
  private final java.util.Set<Metric> fallback;

  private EngagementDefinitions(Map<Platform, EngagementDefinition> byPlatform, java.util.Set<Metric> fallback) {
    this.byPlatform = Map.copyOf(byPlatform);
    this.fallback = fallback;
  }

  /**
   * The defaults: X counts likes, replies, reposts, quotes and all clicks (X's native definition);
   * LinkedIn counts clicks, likes, comments and shares; Instagram counts likes, comments, shares
   * and saves; every other platform counts likes, comments, shares and saves.
   */
  public static EngagementDefinitions defaults() {
    Map<Platform, EngagementDefinition> map = new HashMap<>();
    map.put(Platform.X, EngagementDefinition.of(
        Platform.X, Metric.LIKES, Metric.COMMENTS, Metric.SHARES, Metric.QUOTES, Metric.CLICKS));
    map.put(Platform.LINKEDIN, EngagementDefinition.of(
        Platform.LINKEDIN, Metric.CLICKS, Metric.LIKES, Metric.COMMENTS, Metric.SHARES));
    map.put(Platform.INSTAGRAM, EngagementDefinition.of(
        Platform.INSTAGRAM, Metric.LIKES, Metric.COMMENTS, Metric.SHARES, Metric.SAVES));
    return new EngagementDefinitions(
        map, java.util.Set.of(Metric.LIKES, Metric.COMMENTS, Metric.SHARES, Metric.SAVES));
  }

  /** A copy in which {@code definition} replaces the one for its platform. */
  public EngagementDefinitions with(EngagementDefinition definition) {
    Checks.required("engagementDefinition", definition);
    Map<Platform, EngagementDefinition> map = new HashMap<>(byPlatform);
    map.put(definition.platform(), definition);
    return new EngagementDefinitions(map, fallback);
  }

  /** The definition for the platform, or the fallback set of metrics applied to it. */
  public EngagementDefinition forPlatform(Platform platform) {
    Checks.required("platform", platform);
    EngagementDefinition definition = byPlatform.get(platform);
    return definition != null ? definition : new EngagementDefinition(platform, fallback);
  }
}
