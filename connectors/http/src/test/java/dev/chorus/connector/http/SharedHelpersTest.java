package dev.chorus.connector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.connector.Secret;
import dev.chorus.connector.http.oauth.InMemoryTokenStore;
import dev.chorus.connector.http.oauth.ManagedCredentials;
import dev.chorus.connector.http.oauth.OAuthTokens;
import dev.chorus.connector.http.oauth.SeededCredentials;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.Platform;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SharedHelpersTest {

  private final TestClock clock = new TestClock(Instant.parse("2026-03-02T09:30:00Z"));

  @Test
  void seededCredentialsStoreTheConfiguredTokensOnceAndThenUseTheStore() {
    InMemoryTokenStore store = new InMemoryTokenStore();
    ManagedCredentials managed = ManagedCredentials.builder().platform(Platform.LINKEDIN).store(store).clock(clock)
        .build();
    SeededCredentials seeded = new SeededCredentials(managed, store, Secret.of("seed-access"),
        Optional.of(Secret.of("seed-refresh")));
    CredentialsRef fresh = CredentialsRef.of("fresh");
    assertThat(seeded.accessToken(fresh).value()).isEqualTo("seed-access");
    assertThat(store.load(fresh)).map(OAuthTokens::refreshToken).contains(Optional.of("seed-refresh"));

    CredentialsRef connected = CredentialsRef.of("connected");
    managed.connect(connected, OAuthTokens.builder().accessToken("own-token").build());
    assertThat(seeded.accessToken(connected).value()).isEqualTo("own-token");
    assertThat(seeded.toString()).doesNotContain("seed-access").doesNotContain("seed-refresh");
  }

  @Test
  void multipartFormWritesFieldsAndASliceOfTheFileBetweenBoundaries() {
    MultipartForm form = new MultipartForm().field("segment_index", "2")
        .file("media", "blob", "application/octet-stream", "xxABCDyy".getBytes(StandardCharsets.US_ASCII), 2, 4);
    String type = form.contentType();
    assertThat(type).startsWith("multipart/form-data; boundary=chorus-");
    String boundary = type.substring(type.indexOf('=') + 1);
    String body = new String(form.bytes(), StandardCharsets.UTF_8);
    assertThat(body).isEqualTo("--" + boundary + "\r\nContent-Disposition: form-data; name=\"segment_index\"\r\n\r\n2\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"media\"; filename=\"blob\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\nABCD\r\n--" + boundary + "--\r\n");
    assertThatThrownBy(() -> new MultipartForm().file("media", "blob", "image/png", new byte[3], 2, 4))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }
}
