package dev.chorus.connector;

import dev.chorus.ChorusException;
import dev.chorus.connector.internal.GuardedConnector;
import dev.chorus.model.Platform;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connector providers one Chorus instance uses, one per platform. Providers come from {@link
 * ServiceLoader} and from explicit registration, as SLF4J finds its providers: a provider that
 * cannot be loaded, or speaks another SPI version, is logged and skipped; two discovered providers
 * for one platform fail fast unless one is chosen with {@link Builder#choose}; a provider
 * registered by hand is an explicit choice and wins over discovered ones.
 */
public final class ConnectorRegistry {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectorRegistry.class);

  private final Map<Platform, ConnectorProvider> providers;

  private ConnectorRegistry(Map<Platform, ConnectorProvider> providers) {
    this.providers = Map.copyOf(providers);
  }

  /** A builder; call {@link Builder#discover} to use {@link ServiceLoader}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The provider for the platform, if one is registered. */
  public Optional<ConnectorProvider> provider(Platform platform) {
    return Optional.ofNullable(providers.get(platform));
  }

  /** Every registered platform. */
  public java.util.Set<Platform> platforms() {
    return providers.keySet();
  }

  /** Every registered provider. */
  public Collection<ConnectorProvider> providers() {
    return providers.values();
  }

  /**
   * Validates the raw configuration against the provider's spec and creates a connector whose
   * undeclared capabilities fail before any I/O.
   *
   * @throws ChorusException when no provider serves the platform
   * @throws ConfigException listing every configuration problem
   */
  public Connector create(Platform platform, ConnectorContext context, Map<String, String> rawConfig) {
    ConnectorProvider provider = provider(platform).orElseThrow(() -> new ChorusException(
        "no connector provider for platform " + platform + "; registered: " + providers.keySet()));
    return create(provider, context, rawConfig);
  }

  /** As {@link #create(Platform, ConnectorContext, Map)}, for a provider not in any registry. */
  public static Connector create(ConnectorProvider provider, ConnectorContext context, Map<String, String> rawConfig) {
    ConnectorConfig config = provider.configSpec().validate(provider.platform().id(), rawConfig);
    return GuardedConnector.wrap(provider.capabilities(), provider.create(context, config));
  }

  /** Builds {@link ConnectorRegistry}s. */
  public static final class Builder {
    private final Map<Platform, List<ConnectorProvider>> discovered = new LinkedHashMap<>();
    private final Map<Platform, ConnectorProvider> registered = new LinkedHashMap<>();
    private final Map<Platform, String> chosen = new HashMap<>();

    private Builder() {}

    /** Adds every provider {@link ServiceLoader} finds on the class loader. */
    public Builder discover(ClassLoader loader) {
      Iterator<ConnectorProvider> it = ServiceLoader.load(ConnectorProvider.class, loader).iterator();
      while (true) {
        ConnectorProvider provider;
        try {
          if (!it.hasNext()) {
            break;
          }
          provider = it.next();
        } catch (ServiceConfigurationError e) {
          LOG.warn("Skipping a connector provider that could not be loaded: {}", e.getMessage());
          continue;
        }
        addDiscovered(provider);
      }
      return this;
    }

    /** Adds every provider on the thread's context class loader. */
    public Builder discover() {
      return discover(Thread.currentThread().getContextClassLoader());
    }

    /** Adds providers as if discovered (applies the same version and duplicate rules). */
    public Builder discovered(ConnectorProvider... providers) {
      for (ConnectorProvider provider : providers) {
        addDiscovered(provider);
      }
      return this;
    }

    private void addDiscovered(ConnectorProvider provider) {
      Platform platform;
      try {
        platform = provider.platform();
        if (provider.spiVersion() != ConnectorSpi.VERSION) {
          LOG.warn("Skipping connector provider {} for {}: it speaks SPI version {}, this Chorus speaks {}",
              provider.getClass().getName(), platform, provider.spiVersion(), ConnectorSpi.VERSION);
          return;
        }
      } catch (RuntimeException e) {
        LOG.warn("Skipping connector provider {}: it failed to describe itself: {}",
            provider.getClass().getName(), e.toString());
        return;
      }
      discovered.computeIfAbsent(platform, p -> new ArrayList<>()).add(provider);
    }

    /**
     * Registers a provider explicitly; it serves its platform whatever was discovered.
     *
     * @throws ChorusException when another provider was registered for the platform, or the SPI
     *     version differs
     */
    public Builder register(ConnectorProvider provider) {
      Platform platform = provider.platform();
      if (provider.spiVersion() != ConnectorSpi.VERSION) {
        throw new ChorusException("connector provider " + provider.getClass().getName() + " speaks SPI version "
            + provider.spiVersion() + ", this Chorus speaks " + ConnectorSpi.VERSION);
      }
      ConnectorProvider previous = registered.putIfAbsent(platform, provider);
      if (previous != null) {
        throw new ChorusException("two connector providers registered for " + platform + ": "
            + previous.getClass().getName() + " and " + provider.getClass().getName());
      }
      return this;
    }

    /** Chooses, among discovered providers for the platform, the one of this class name. */
    public Builder choose(Platform platform, String providerClassName) {
      chosen.put(platform, providerClassName);
      return this;
    }

    /**
     * Resolves one provider per platform.
     *
     * @throws ChorusException when two discovered providers serve one platform and none was
     *     chosen, or a chosen class was not found
     */
    public ConnectorRegistry build() {
      Map<Platform, ConnectorProvider> result = new LinkedHashMap<>();
      for (Map.Entry<Platform, List<ConnectorProvider>> entry : discovered.entrySet()) {
        Platform platform = entry.getKey();
        if (registered.containsKey(platform)) {
          continue;
        }
        List<ConnectorProvider> candidates = entry.getValue();
        String choice = chosen.get(platform);
        if (choice != null) {
          result.put(platform, candidates.stream()
              .filter(p -> p.getClass().getName().equals(choice))
              .findFirst()
              .orElseThrow(() -> new ChorusException("chosen connector provider " + choice + " for " + platform
                  + " was not found among " + names(candidates))));
        } else if (candidates.size() > 1) {
          throw new ChorusException("several connector providers found for " + platform + ": " + names(candidates)
              + "; choose one with ConnectorRegistry.Builder.choose or register one explicitly");
        } else {
          result.put(platform, candidates.get(0));
        }
      }
      result.putAll(registered);
      return new ConnectorRegistry(result);
    }

    private static List<String> names(List<ConnectorProvider> providers) {
      return providers.stream().map(p -> p.getClass().getName()).toList();
    }
  }
}
