package dev.chorus.connector;

import dev.chorus.InvalidValueException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings a connector accepts. {@link #validate} checks raw text values against it and
 * returns a typed {@link ConnectorConfig}, or lists every problem at once.
 */
public record ConfigSpec(List<ConfigOption> options) {

  public ConfigSpec {
    options = dev.chorus.model.Checks.list("configSpec.options", options);
    var names = new java.util.HashSet<String>();
    for (ConfigOption option : options) {
      if (!names.add(option.name())) {
        throw new InvalidValueException("configSpec.options", option.name(), "is declared twice");
      }
    }
  }

  /** A spec with the options. */
  public static ConfigSpec of(ConfigOption... options) {
    return new ConfigSpec(List.of(options));
  }

  /** The option with the name, if declared. */
  public java.util.Optional<ConfigOption> option(String name) {
    return options.stream().filter(o -> o.name().equals(name)).findFirst();
  }

  /**
   * Validates raw values (from a file, the environment or a user interface) and applies defaults.
   *
   * @throws ConfigException naming every missing, unknown or malformed setting
   */
  public ConnectorConfig validate(String platform, Map<String, String> raw) {
    List<String> problems = new ArrayList<>();
    Map<String, Object> values = new LinkedHashMap<>();
    for (String name : raw.keySet()) {
      if (option(name).isEmpty()) {
        problems.add(name + ": unknown setting");
      }
    }
    for (ConfigOption option : options) {
      String text = raw.get(option.name());
      if (text == null || text.isBlank()) {
        text = option.defaultValue();
      }
      if (text == null) {
        if (option.required()) {
          problems.add(option.name() + ": is required (" + option.description() + ")");
        }
        continue;
      }
      try {
        values.put(option.name(), parse(option, text.strip()));
      } catch (IllegalArgumentException | DateTimeParseException | URISyntaxException e) {
        String shown = option.secret() ? "***" : "\"" + text + "\"";
        problems.add(option.name() + ": " + shown + " is not a valid " + option.type());
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(platform, problems);
    }
    return new ConnectorConfig(this, values);
  }

  private static Object parse(ConfigOption option, String text) throws URISyntaxException {
    if (option.secret()) {
      return Secret.of(text);
    }
    switch (option.type()) {
      case INT:
        return Integer.valueOf(text);
      case LONG:
        return Long.valueOf(text);
      case BOOLEAN:
        if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
          throw new IllegalArgumentException(text);
        }
        return Boolean.valueOf(text);
      case URL:
        URI uri = new URI(text);
        if (!uri.isAbsolute() || uri.getHost() == null
            || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
          throw new IllegalArgumentException(text);
        }
        return uri;
      case DURATION:
        return Duration.parse(text);
      case LIST:
        return text.isEmpty() ? List.of() : List.of(text.split("\\s*,\\s*"));
      case STRING:
      default:
        return text;
    }
  }
}
