package dev.chorus.model;

/**
 * UTM tags appended to a campaign's links. {@code source}, {@code medium} and {@code campaign} are
 * required by convention; {@code term} and {@code content} may be {@code null}.
 */
public record UtmParameters(String source, String medium, String campaign, String term, String content) {

  public UtmParameters {
    Checks.notBlank("utm.source", source);
    Checks.notBlank("utm.medium", medium);
    Checks.notBlank("utm.campaign", campaign);
    Checks.blankToNull("utm.term", term);
    Checks.blankToNull("utm.content", content);
  }

  /** The three required tags. */
  public static UtmParameters of(String source, String medium, String campaign) {
    return new UtmParameters(source, medium, campaign, null, null);
  }
}
