package dev.chorus.connector;

import dev.chorus.model.AccountId;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.MediaKind;
import dev.chorus.model.Platform;
import dev.chorus.model.PostFormat;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.WorkspaceId;
import dev.chorus.text.CountingRule;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicInteger;

/** Small connectors and fixtures for SPI tests. */
public final class TestConnectors {

  static final Platform ACME = Platform.of("acme");

  static SocialAccount account() {
    return new SocialAccount(AccountId.of("acc-1"), WorkspaceId.of("ws-1"), ACME, "@acme", "4711",
        ZoneId.of("Europe/Berlin"), CredentialsRef.of("cred-1"));
  }

  static Limits limits() {
    return Limits.builder(TextLimit.of(280, CountingRule.X_WEIGHTED))
        .maxHashtags(2)
        .maxMentions(3)
        .maxMediaPerPost(4)
        .media(MediaLimit.builder(MediaKind.IMAGE, 4).maxBytes(5_000_000).minDimensions(100, 100)
            .maxDimensions(4096, 4096).aspectRatio(0.8, 1.91).mimeTypes("image/jpeg", "image/png").build())
        .media(MediaLimit.builder(MediaKind.VIDEO, 1).maxBytes(512_000_000)
            .duration(Duration.ofSeconds(1), Duration.ofSeconds(140)).build())
        .carousel(2, 4)
        .maxThreadParts(3)
        .pollMaxOptions(4)
        .build();
  }

  static Capabilities capabilities(Capability... features) {
    return Capabilities.builder(limits())
        .features(features)
        .formats(PostFormat.FEED, PostFormat.CAROUSEL, PostFormat.THREAD)
        .mediaKinds(MediaKind.IMAGE, MediaKind.VIDEO)
        .metricsBatchSize(100)
        .build();
  }

  /** A connector that counts how often it was reached and publishes nothing real. */
  static final class Counting implements Connector {
    final AtomicInteger calls = new AtomicInteger();
    final Capabilities capabilities;

    Counting(Capabilities capabilities) {
      this.capabilities = capabilities;
    }

    @Override
    public Platform platform() {
      return ACME;
    }

    @Override
    public Capabilities capabilities() {
      return capabilities;
    }

    @Override
    public PublishResult publish(PublishRequest request) {
      calls.incrementAndGet();
      return PublishResult.of("p-" + calls.get(), null, java.time.Instant.EPOCH);
    }

    @Override
    public void delete(SocialAccount account, String externalId) {
      calls.incrementAndGet();
    }
  }

  /** A provider over {@link Counting}. */
  public static class Provider implements ConnectorProvider {
    private final Platform platform;
    private final int version;

    public Provider() {
      this(ACME, ConnectorSpi.VERSION);
    }

    Provider(Platform platform, int version) {
      this.platform = platform;
      this.version = version;
    }

    @Override
    public Platform platform() {
      return platform;
    }

    @Override
    public int spiVersion() {
      return version;
    }

    @Override
    public Capabilities capabilities() {
      return TestConnectors.capabilities(Capability.PUBLISH);
    }

    @Override
    public ConfigSpec configSpec() {
      return ConfigSpec.of(
          ConfigOption.optional("base_url", ConfigType.URL, "https://api.acme.test", "API base URL"),
          ConfigOption.secret("api_key", "The app's API key"),
          ConfigOption.optional("page_size", ConfigType.INT, "50", "Items per page"));
    }

    @Override
    public Connector create(ConnectorContext context, ConnectorConfig config) {
      return new Counting(capabilities());
    }
  }

  /** Another class for the same platform, to provoke duplicates. */
  public static final class OtherProvider extends Provider {
    public OtherProvider() {}
  }

  private TestConnectors() {}
}
