package dev.chorus.connector;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated connector configuration: typed values by setting name. Made only by {@link
 * ConfigSpec#validate}; {@code toString} masks secrets.
 */
public final class ConnectorConfig {

  private final ConfigSpec spec;
  private final Map<String, Object> values;

  ConnectorConfig(ConfigSpec spec, Map<String, Object> values) {
    this.spec = spec;
    this.values = Map.copyOf(values);
  }

  /** Whether the setting has a value (given or defaulted). */
  public boolean has(String name) {
    return values.containsKey(name);
  }

  public String string(String name) {
    return get(name, String.class);
  }

  public Optional<String> optionalString(String name) {
    return has(name) ? Optional.of(string(name)) : Optional.empty();
  }

  public int integer(String name) {
    return get(name, Integer.class);
  }

  public long longValue(String name) {
    return get(name, Long.class);
  }

  public boolean bool(String name) {
    return get(name, Boolean.class);
  }

  public URI url(String name) {
    return get(name, URI.class);
  }

  public Duration duration(String name) {
    return get(name, Duration.class);
  }

  @SuppressWarnings("unchecked")
  public List<String> list(String name) {
    return get(name, List.class);
  }

  public Secret secret(String name) {
    return get(name, Secret.class);
  }

  public Optional<Secret> optionalSecret(String name) {
    return has(name) ? Optional.of(secret(name)) : Optional.empty();
  }

  private <T> T get(String name, Class<T> type) {
    ConfigOption option =
        spec.option(name)
            .orElseThrow(() -> new dev.chorus.InvalidValueException("config", name, "is not a declared setting"));
    Object value = values.get(name);
    if (value == null) {
      throw new dev.chorus.InvalidValueException("config." + name, null, "has no value and no default");
    }
    if (!type.isInstance(value)) {
      throw new dev.chorus.InvalidValueException(
          "config." + name, option.type(), "is not readable as " + type.getSimpleName());
    }
    return type.cast(value);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("ConnectorConfig{");
    String separator = "";
    for (ConfigOption option : spec.options()) {
      if (values.containsKey(option.name())) {
        text.append(separator).append(option.name()).append('=')
            .append(option.secret() ? "***" : values.get(option.name()));
        separator = ", ";
      }
    }
    return text.append('}').toString();
  }
}
