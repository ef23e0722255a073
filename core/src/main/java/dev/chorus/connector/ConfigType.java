package dev.chorus.connector;

/** The type of a configuration value; values arrive as text and are parsed by type. */
public enum ConfigType {
  STRING,
  INT,
  LONG,
  BOOLEAN,
  /** An absolute {@code http} or {@code https} URL. */
  URL,
  /** An ISO-8601 duration such as {@code PT30S}. */
  DURATION,
  /** A comma-separated list of strings. */
  LIST
}
