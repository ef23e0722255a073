package dev.chorus.strategy;

import dev.chorus.model.Checks;
import dev.chorus.model.Platform;

/**
 * One figure of the platform strengths table: how strong {@code platform} is on {@code key} of
 * {@code dimension}, from 0 to 1, and where that figure comes from.
 *
 * @param dimension {@code objective}, {@code age}, {@code market}, {@code region}, {@code interest}
 *     or {@code language}
 * @param key an objective name, an age band ({@code 18-29}, {@code 30-49}, {@code 50-64},
 *     {@code 65+}), {@code B2B}/{@code B2C}, an ISO 3166 country code, a lower-case topic or an
 *     ISO 639 language code
 * @param source the study or "judgement: ..." the figure comes from
 */
public record Strength(Platform platform, String dimension, String key, double value, String source) {

  public Strength {
    Checks.required("strength.platform", platform);
    Checks.notBlank("strength.dimension", dimension);
    Checks.notBlank("strength.key", key);
    Checks.notBlank("strength.source", source);
  }
}
