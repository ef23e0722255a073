package dev.chorus.connector.sandbox;

/** One operation of the simulated platform's API; faults can be scripted per operation. */
public enum SandboxOperation {
  /** Create a post. */
  PUBLISH,
  /** Delete a post. */
  DELETE,
  /** Search the account's posts after an ambiguous publish. */
  SEARCH,
  /** Read post metrics. */
  POST_METRICS,
  /** Read account metrics. */
  ACCOUNT_METRICS,
  /** Read comments and mentions. */
  INTERACTIONS,
  /** Reply to a post or comment. */
  REPLY,
  /** Hide or unhide a comment or mention. */
  HIDE,
  /** Search public posts by any account. */
  SEARCH_PUBLIC,
  /** Read another account's public profile. */
  LOOKUP_PROFILE;

  /** Whether the operation changes state on the platform (so a lost response leaves the outcome unknown). */
  public boolean writes() {
    return this == PUBLISH || this == DELETE || this == REPLY || this == HIDE;
  }
}
