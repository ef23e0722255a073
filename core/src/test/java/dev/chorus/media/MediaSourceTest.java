package dev.chorus.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.InvalidValueException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaSourceTest {

  @TempDir Path dir;

  @Test
  void url_to_string_redacts_query_fragment_and_user_info() {
    MediaSource source =
        MediaSource.ofUrl(
            URI.create("https://user:pw@cdn.example.com:8443/a/b.mp4?X-Amz-Signature=abc123&token=t#frag"));
    assertThat(source.toString())
        .isEqualTo("url https://cdn.example.com:8443/a/b.mp4?…")
        .doesNotContain("abc123", "token", "pw", "frag");
  }

  @Test
  void rejects_non_http_urls_without_leaking_the_query() {
    assertThatThrownBy(() -> MediaSource.ofUrl(URI.create("ftp://host/f?secret=1")))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("media.url")
        .hasMessageNotContaining("secret");
  }

  @Test
  void url_length_is_the_declared_one() {
    assertThat(MediaSource.ofUrl(URI.create("https://h/x")).length()).isEmpty();
    assertThat(new MediaSource.UrlSource(URI.create("https://h/x"), "image/png", 9L).length()).hasValue(9);
  }

  @Test
  void bytes_are_copied_in_and_out_and_never_printed() throws IOException {
    byte[] data = {1, 2, 3};
    MediaSource.BytesSource source = (MediaSource.BytesSource) MediaSource.ofBytes(data);
    data[0] = 9;
    source.bytes()[1] = 9;
    try (InputStream in = source.open()) {
      assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
    }
    assertThat(source.length()).hasValue(3);
    assertThat(source).isEqualTo(MediaSource.ofBytes(new byte[] {1, 2, 3}));
    assertThat(source.toString()).isEqualTo("3 bytes in memory");
  }

  @Test
  void file_source_reports_its_size_and_uri() throws IOException {
    Path file = dir.resolve("a.bin");
    Files.write(file, new byte[] {1, 2, 3, 4, 5});
    MediaSource source = MediaSource.ofFile(file);
    assertThat(source.length()).hasValue(5);
    assertThat(source.uri()).contains(file.toUri());
    try (InputStream in = source.open()) {
      assertThat(in.readAllBytes()).hasSize(5);
    }
    assertThat(MediaSource.ofFile(dir.resolve("missing")).length()).isEmpty();
  }

  @Test
  void stream_source_opens_a_fresh_stream_each_time() throws IOException {
    AtomicInteger opened = new AtomicInteger();
    MediaSource source =
        MediaSource.ofStream(
            () -> {
              opened.incrementAndGet();
              return new ByteArrayInputStream(new byte[] {7, 8});
            },
            2,
            "upload.bin");
    for (int i = 0; i < 2; i++) {
      try (InputStream in = source.open()) {
        assertThat(in.readAllBytes()).containsExactly(7, 8);
      }
    }
    assertThat(opened).hasValue(2);
    assertThat(source.length()).hasValue(2);
    assertThat(source.uri()).isEmpty();
    assertThat(source.toString()).isEqualTo("stream upload.bin (2 bytes)");
  }

  @Test
  void stream_source_rejects_negative_length() {
    assertThatThrownBy(() -> MediaSource.ofStream(InputStream::nullInputStream, -1, "x"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("media.declaredLength");
  }
}
