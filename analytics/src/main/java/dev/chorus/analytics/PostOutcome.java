package dev.chorus.analytics;

import dev.chorus.InvalidValueException;
import dev.chorus.model.Checks;
import dev.chorus.model.Platform;
import dev.chorus.model.PostFormat;
import java.util.Set;

/**
 * What one published post was and how it did: the input of {@link WhatWorks}.
 *
 * @param tags tags or content pillars (lowercase names are shown as given)
 * @param textLength the text's length in characters (graphemes as the platform counts them)
 * @param localHour the hour of day it was published, in the audience's zone (0–23)
 * @param engagement the measure compared, for example its engagement rate
 */
public record PostOutcome(
    String postId, Platform platform, PostFormat format, Set<String> tags, int textLength, int localHour,
    double engagement) {

  /** Validates every field. */
  public PostOutcome {
    Checks.notBlank("postOutcome.postId", postId);
    Checks.required("postOutcome.platform", platform);
    Checks.required("postOutcome.format", format);
    tags = Checks.set("postOutcome.tags", tags);
    if (textLength < 0) {
      throw new InvalidValueException("postOutcome.textLength", textLength, "must not be negative");
    }
    if (localHour < 0 || localHour > 23) {
      throw new InvalidValueException("postOutcome.localHour", localHour, "must be 0-23");
    }
    if (!Double.isFinite(engagement)) {
      throw new InvalidValueException("postOutcome.engagement", engagement, "must be finite");
    }
  }
}
