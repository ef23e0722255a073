package dev.chorus.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.chorus.ChorusException;
import dev.chorus.model.Platform;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class ConnectorRegistryTest {

  private static final ConnectorContext CONTEXT = ConnectorContext.of(Clock.systemUTC());

  @TempDir Path dir;

  private ClassLoader loaderListing(String... classNames) throws IOException {
    Path services = dir.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.writeString(services.resolve(ConnectorProvider.class.getName()), String.join("\n", classNames) + "\n");
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
  }

  @Test
  void discovers_providers_through_service_loader() throws IOException {
    ConnectorRegistry registry = ConnectorRegistry.builder()
        .discover(loaderListing(TestConnectors.Provider.class.getName())).build();

    assertThat(registry.platforms()).containsExactly(TestConnectors.ACME);
  }

  @Test
  void a_broken_provider_is_logged_and_skipped() throws IOException {
    ListAppender<ILoggingEvent> logs = capture();
    ConnectorRegistry registry = ConnectorRegistry.builder()
        .discover(loaderListing("com.example.DoesNotExist", TestConnectors.Provider.class.getName()))
        .build();

    assertThat(registry.platforms()).containsExactly(TestConnectors.ACME);
    assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("could not be loaded"));
  }

  @Test
  void a_provider_of_another_spi_version_is_skipped() {
    ListAppender<ILoggingEvent> logs = capture();
    ConnectorRegistry registry = ConnectorRegistry.builder()
        .discovered(new TestConnectors.Provider(TestConnectors.ACME, ConnectorSpi.VERSION + 1)).build();

    assertThat(registry.platforms()).isEmpty();
    assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("SPI version"));
  }

  @Test
  void two_discovered_providers_for_one_platform_fail_fast() {
    ConnectorRegistry.Builder builder = ConnectorRegistry.builder()
        .discovered(new TestConnectors.Provider(), new TestConnectors.OtherProvider());

    assertThatThrownBy(builder::build).isInstanceOf(ChorusException.class)
        .hasMessageContaining("several connector providers found for acme")
        .hasMessageContaining(TestConnectors.OtherProvider.class.getName());
  }

  @Test
  void an_explicit_choice_resolves_duplicates() {
    ConnectorRegistry registry = ConnectorRegistry.builder()
        .discovered(new TestConnectors.Provider(), new TestConnectors.OtherProvider())
        .choose(TestConnectors.ACME, TestConnectors.OtherProvider.class.getName())
        .build();

    assertThat(registry.provider(TestConnectors.ACME)).get().isInstanceOf(TestConnectors.OtherProvider.class);
  }

  @Test
  void a_provider_registered_by_hand_wins_over_discovered_ones() {
    TestConnectors.OtherProvider mine = new TestConnectors.OtherProvider();
    ConnectorRegistry registry = ConnectorRegistry.builder()
        .discovered(new TestConnectors.Provider(), new TestConnectors.Provider())
        .register(mine)
        .build();

    assertThat(registry.provider(TestConnectors.ACME)).containsSame(mine);
  }

  @Test
  void two_providers_registered_by_hand_for_one_platform_fail() {
    ConnectorRegistry.Builder builder = ConnectorRegistry.builder().register(new TestConnectors.Provider());

    assertThatThrownBy(() -> builder.register(new TestConnectors.OtherProvider()))
        .isInstanceOf(ChorusException.class).hasMessageContaining("two connector providers registered for acme");
  }

  @Test
  void create_validates_config_before_the_provider_sees_it() {
    ConnectorRegistry registry = ConnectorRegistry.builder().register(new TestConnectors.Provider()).build();

    assertThatThrownBy(() -> registry.create(TestConnectors.ACME, CONTEXT, Map.of("page_size", "lots")))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
            "api_key: is required (The app's API key)", "page_size: \"lots\" is not a valid INT"));
  }

  @Test
  void create_for_an_unknown_platform_names_the_registered_ones() {
    ConnectorRegistry registry = ConnectorRegistry.builder().register(new TestConnectors.Provider()).build();

    assertThatThrownBy(() -> registry.create(Platform.X, CONTEXT, Map.of()))
        .isInstanceOf(ChorusException.class).hasMessageContaining("no connector provider for platform x")
        .hasMessageContaining("acme");
  }

  @Test
  void created_connectors_refuse_undeclared_capabilities_before_any_io() {
    ConnectorRegistry registry = ConnectorRegistry.builder().register(new TestConnectors.Provider()).build();
    Connector connector = registry.create(TestConnectors.ACME, CONTEXT, Map.of("api_key", "k"));

    // The raw connector implements delete, but its provider does not declare DELETE.
    assertThatThrownBy(() -> connector.delete(TestConnectors.account(), "p-1"))
        .isInstanceOfSatisfying(UnsupportedCapabilityException.class,
            e -> assertThat(e.capability()).isEqualTo(Capability.DELETE));
    assertThatThrownBy(() -> connector.fetchAccountMetrics(TestConnectors.account()))
        .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("ACCOUNT_METRICS");
    assertThatThrownBy(() -> connector.publish(
            PublishRequest.text(TestConnectors.account(), "k1", "hi").publishAt(java.time.Instant.EPOCH)))
        .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("NATIVE_SCHEDULING");
    assertThat(connector.publish(PublishRequest.text(TestConnectors.account(), "k1", "hi")).externalId())
        .isEqualTo("p-1");
  }

  private static ListAppender<ILoggingEvent> capture() {
    Logger logger = (Logger) LoggerFactory.getLogger(ConnectorRegistry.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    return appender;
  }
}
