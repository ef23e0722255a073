package dev.chorus.model;

import java.util.UUID;

/** The opaque identifier of a {@link Campaign}. */
public record CampaignId(String value) {

  public CampaignId {
    Checks.notBlank("campaignId", value);
    if (value.length() > 200) {
      throw new dev.chorus.InvalidValueException("campaignId", value, "must be at most 200 characters");
    }
  }

  /** Wraps an existing id. */
  public static CampaignId of(String value) {
    return new CampaignId(value);
  }

  /** A new random id. */
  public static CampaignId random() {
    return new CampaignId(UUID.randomUUID().toString());
  }

  @Override
  public String toString() {
    return value;
  }
}
