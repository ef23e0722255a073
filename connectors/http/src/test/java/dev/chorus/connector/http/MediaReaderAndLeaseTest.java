package dev.chorus.connector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.media.MediaSource;
import dev.chorus.model.MediaAsset;
import dev.chorus.model.MediaKind;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaReaderAndLeaseTest {

  private final TestClock clock = new TestClock(Instant.parse("2026-03-02T09:30:00Z"));

  private static MediaAsset asset(URI source) {
    return MediaAsset.builder(MediaKind.IMAGE, source, "image/png").build();
  }

  @Test
  void standardReaderReadsFilesAndKeepsUrlsAsUrls(@TempDir Path dir) throws Exception {
    Path file = Files.write(dir.resolve("a.png"), new byte[] {1, 2, 3});
    MediaSource fromFile = MediaReader.standard().open(asset(file.toUri()));
    assertThat(fromFile).isInstanceOf(MediaSource.FileSource.class);
    try (InputStream in = fromFile.open()) {
      assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
    }
    MediaSource fromUrl = MediaReader.standard().open(asset(URI.create("HTTPS://cdn.example/a.png?sig=secret")));
    assertThat(fromUrl).isInstanceOf(MediaSource.UrlSource.class);
    assertThat(fromUrl.uri()).contains(URI.create("HTTPS://cdn.example/a.png?sig=secret"));
  }

  @Test
  void standardReaderRefusesOtherSchemesShowingOnlyTheScheme() {
    assertThatThrownBy(() -> MediaReader.standard().open(asset(URI.create("s3://bucket/key?token=s3cr3t"))))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("media.source")
        .hasMessageContaining("s3:")
        .hasMessageNotContaining("s3cr3t");
  }

  @Test
  void contextExtensionWinsOverTheStandardReader() {
    MediaReader bytes = a -> MediaSource.ofBytes(new byte[] {9});
    ConnectorContext with = ConnectorContext.builder(clock).extension(MediaReader.class, bytes).build();
    assertThat(MediaReader.from(with)).isSameAs(bytes);
    MediaReader fallback = MediaReader.from(ConnectorContext.builder(clock).build());
    assertThatThrownBy(() -> fallback.open(asset(URI.create("ftp://host/a.png"))))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void sharedRuntimeIsUsedAndLeftOpen() {
    try (HttpRuntime shared = HttpRuntime.builder().clock(clock).build()) {
      RuntimeLease lease = RuntimeLease.from(ConnectorContext.builder(clock).extension(HttpRuntime.class, shared).build());
      assertThat(lease.runtime()).isSameAs(shared);
      assertThat(lease.owned()).isFalse();
      lease.close();
      assertThat(shared.client().dispatcher().executorService().isShutdown()).isFalse();
    }
  }

  @Test
  void ownRuntimeRunsOnTheContextClockAndIsClosedWithTheLease() {
    RuntimeLease lease = RuntimeLease.from(ConnectorContext.builder(clock).build());
    assertThat(lease.owned()).isTrue();
    assertThat(lease.runtime().clock()).isSameAs(clock);
    assertThat(lease.runtime().client().dispatcher().executorService().isShutdown()).isFalse();
    lease.close();
    assertThat(lease.runtime().client().dispatcher().executorService().isShutdown()).isTrue();
    assertThat(lease).hasToString("RuntimeLease[owned]");
  }

  @Test
  void leaseOfRequiresARuntime() {
    assertThatThrownBy(() -> RuntimeLease.of(null, true))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("runtime");
  }
}
