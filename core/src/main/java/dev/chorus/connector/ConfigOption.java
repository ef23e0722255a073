package dev.chorus.connector;

import dev.chorus.model.Checks;

/**
 * One configuration setting a connector accepts, declared as data like Kafka Connect's {@code
 * ConfigDef}: name, type, default, whether it is required, whether it is a secret (never printed),
 * and a description a user interface can show.
 *
 * @param defaultValue the value used when none is given, or {@code null}
 */
public record ConfigOption(
    String name, ConfigType type, String defaultValue, boolean required, boolean secret, String description) {

  public ConfigOption {
    Checks.notBlank("configOption.name", name);
    Checks.required("configOption.type", type);
    Checks.notBlank("configOption.description", description);
    if (required && defaultValue != null) {
      throw new dev.chorus.InvalidValueException(
          "configOption." + name + ".defaultValue", secret ? "***" : defaultValue, "a required option has no default");
    }
  }

  /** A required setting. */
  public static ConfigOption required(String name, ConfigType type, String description) {
    return new ConfigOption(name, type, null, true, false, description);
  }

  /** An optional setting with a default. */
  public static ConfigOption optional(String name, ConfigType type, String defaultValue, String description) {
    return new ConfigOption(name, type, defaultValue, false, false, description);
  }

  /** A required secret, such as a client secret or an app token. */
  public static ConfigOption secret(String name, String description) {
    return new ConfigOption(name, ConfigType.STRING, null, true, true, description);
  }

  /** An optional secret. */
  public static ConfigOption optionalSecret(String name, String description) {
    return new ConfigOption(name, ConfigType.STRING, null, false, true, description);
  }
}
