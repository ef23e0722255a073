package dev.chorus.analytics;

import dev.chorus.model.Checks;
import dev.chorus.model.Platform;

/**
 * One group of posts compared with its baseline on one platform.
 *
 * @param dimension what the posts were grouped by
 * @param group the group, for example {@code carousels}
 * @param baseline what it is compared with, for example {@code feed posts} or {@code posts without #recipes}
 * @param n posts in the group
 * @param baselineN posts in the baseline
 * @param mean mean engagement of the group
 * @param baselineMean mean engagement of the baseline
 * @param effect relative difference of the means: {@code mean / baselineMean − 1}
 * @param pValue two-sided Mann–Whitney p-value
 * @param confidence {@code 1 − pValue}
 * @param recommendation the finding in plain English
 */
public record Finding(
    WhatWorks.Dimension dimension,
    Platform platform,
    String group,
    String baseline,
    int n,
    int baselineN,
    double mean,
    double baselineMean,
    double effect,
    double pValue,
    double confidence,
    String recommendation) {

  /** Requires the names. */
  public Finding {
    Checks.required("finding.dimension", dimension);
    Checks.required("finding.platform", platform);
    Checks.notBlank("finding.group", group);
    Checks.notBlank("finding.baseline", baseline);
    Checks.notBlank("finding.recommendation", recommendation);
  }
}
