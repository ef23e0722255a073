package dev.chorus.connector.x.internal;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.ContentRejectedException;
import dev.chorus.connector.PlatformUnavailableException;
import dev.chorus.connector.TransportException;
import dev.chorus.connector.http.ApiRequest;
import dev.chorus.connector.http.ApiResponse;
import dev.chorus.connector.http.MediaReader;
import dev.chorus.connector.http.MultipartForm;
import dev.chorus.connector.http.PlatformHttp;
import dev.chorus.connector.http.Sleeper;
import dev.chorus.media.MediaSource;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.MediaAsset;
import dev.chorus.model.MediaKind;
import dev.chorus.model.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * X's v2 chunked media upload: {@code POST /2/media/upload/initialize}, {@code
 * /2/media/upload/{id}/append} (multipart, 0-based {@code segment_index}), {@code
 * /2/media/upload/{id}/finalize}, then {@code GET /2/media/upload?command=STATUS} while {@code
 * processing_info.state} is pending or in progress, waiting {@code check_after_secs} through the
 * runtime's sleeper; alt text through {@code POST /2/media/metadata}.
 */
final class MediaUploader {

  private static final Logger LOG = LoggerFactory.getLogger(MediaUploader.class);

  /** What FINALIZE said: the media id, whether X is still processing it, and when it expires. */
  record Uploaded(String id, JsonNode processingInfo, Instant expiresAt) {
    boolean ready() {
      String state = XJson.text(processingInfo, "state");
      return processingInfo.isMissingNode() || "succeeded".equals(state);
    }
  }

  private final PlatformHttp http;
  private final Clock clock;
  private final Sleeper sleeper;
  private final XSettings settings;
  private final MediaReader media;

  MediaUploader(PlatformHttp http, Clock clock, Sleeper sleeper, XSettings settings, MediaReader media) {
    this.media = media;
    this.http = http;
    this.clock = clock;
    this.sleeper = sleeper;
    this.settings = settings;
  }

  /** Uploads the asset's bytes and returns the finalized media. */
  Uploaded upload(CredentialsRef account, MediaAsset asset) {
    Path spooled = null;
    try {
      MediaSource source = media.open(asset);
      OptionalLong known = asset.byteSize() != null ? OptionalLong.of(asset.byteSize()) : source.length();
      if (known.isEmpty()) {
        spooled = Files.createTempFile("chorus-x-", ".upload");
        try (InputStream in = source.open()) {
          Files.copy(in, spooled, StandardCopyOption.REPLACE_EXISTING);
        }
        source = MediaSource.ofFile(spooled);
        known = source.length();
      }
      long total = known.getAsLong();
      ObjectNode init = XJson.object()
          .put("media_type", asset.mimeType())
          .put("total_bytes", total)
          .put("media_category", category(asset.kind()));
      // A repeated INITIALIZE only leaves an unused upload session behind, so it is safe to retry.
      ApiResponse initialized = http.execute(ApiRequest.post("/2/media/upload/initialize")
          .account(account).jsonBody(XJson.write(init)).retrySafe(true)
          .rateLimitBucket("POST /2/media/upload/initialize").build());
      String id = requireId(initialized, "INITIALIZE");
      append(account, id, source, total);
      ApiResponse finalized = http.execute(ApiRequest.post("/2/media/upload/" + id + "/finalize")
          .account(account).rateLimitBucket("POST /2/media/upload/finalize").build());
      JsonNode data = finalized.json().path("data");
      long expiresAfter = XJson.counter(data, "expires_after_secs")
          .orElse(XJson.counter(initialized.json().path("data"), "expires_after_secs").orElse(86_400));
      LOG.debug("X media {} uploaded ({} bytes, {})", id, total, asset.kind());
      return new Uploaded(id, data.path("processing_info"), clock.instant().plusSeconds(expiresAfter));
    } catch (IOException unreadable) {
      throw new InvalidValueException("media.source", asset.source().getScheme() + ":…",
          "could not be read: " + unreadable.getClass().getSimpleName());
    } finally {
      if (spooled != null) {
        try {
          Files.deleteIfExists(spooled);
        } catch (IOException ignored) {
          LOG.debug("could not delete a spooled upload file");
        }
      }
    }
  }

  private void append(CredentialsRef account, String id, MediaSource source, long total) throws IOException {
    byte[] buffer = new byte[settings.chunkBytes()];
    long sent = 0;
    int segment = 0;
    try (InputStream in = source.open()) {
      while (true) {
        int filled = in.readNBytes(buffer, 0, buffer.length);
        if (filled == 0) {
          break;
        }
        MultipartForm form = new MultipartForm().field("segment_index", String.valueOf(segment))
            .file("media", "blob", "application/octet-stream", buffer, 0, filled);
        // Re-sending a segment under the same index replaces it, so a retry is harmless.
        http.execute(ApiRequest.post("/2/media/upload/" + id + "/append")
            .account(account).body(form.bytes(), form.contentType()).retrySafe(true)
            .rateLimitBucket("POST /2/media/upload/append").build());
        sent += filled;
        segment++;
      }
    }
    if (sent != total) {
      throw new InvalidValueException("media.byteSize", total, "the source holds " + sent + " bytes");
    }
  }

  /**
   * Polls STATUS until the media is ready, starting from what FINALIZE (or an earlier attempt)
   * said.
   *
   * @throws ContentRejectedException when X failed to process the media
   * @throws PlatformUnavailableException when processing outlasts the configured timeout
   */
  void awaitProcessing(CredentialsRef account, String id, JsonNode processingInfo) {
    Instant deadline = clock.instant().plus(settings.processingTimeout());
    JsonNode info = processingInfo;
    String requestId = null;
    while (true) {
      String state = XJson.text(info, "state");
      if (!info.isMissingNode() && (state == null || "succeeded".equals(state))) {
        return;
      }
      if ("failed".equals(state)) {
        String reason = XJson.text(info.path("error"), "message");
        throw new ContentRejectedException(Platform.X, 200, requestId,
            "X could not process media " + id + (reason == null ? "" : ": " + reason));
      }
      if (!info.isMissingNode()) {
        long after = Math.max(1, XJson.counter(info, "check_after_secs").orElse(5));
        if (clock.instant().plusSeconds(after).isAfter(deadline)) {
          throw new PlatformUnavailableException(Platform.X, 0, requestId, "media " + id
              + " is still being processed after " + settings.processingTimeout() + "; retry later");
        }
        sleep(Duration.ofSeconds(after));
      }
      ApiResponse status = http.execute(ApiRequest.get("/2/media/upload")
          .query("command", "STATUS").query("media_id", id)
          .account(account).rateLimitBucket("GET /2/media/upload").build());
      requestId = status.requestId().orElse(null);
      info = status.json().path("data").path("processing_info");
      if (info.isMissingNode()) {
        return; // no processing info any more: ready
      }
    }
  }

  /** Sets the media's alt text. */
  void altText(CredentialsRef account, String id, String text) {
    ObjectNode body = XJson.object().put("id", id);
    body.putObject("metadata").putObject("alt_text").put("text", text);
    http.execute(ApiRequest.post("/2/media/metadata").account(account).jsonBody(XJson.write(body))
        .retrySafe(true).rateLimitBucket("POST /2/media/metadata").build());
  }

  private void sleep(Duration duration) {
    try {
      sleeper.sleep(duration);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new TransportException(Platform.X, "interrupted while X processes media", false, interrupted);
    }
  }

  private static String requireId(ApiResponse response, String step) {
    String id = XJson.text(response.json().path("data"), "id");
    if (id == null) {
      throw new TransportException(Platform.X, response.status(), response.requestId().orElse(null),
          "X answered " + step + " without data.id", false, null);
    }
    return id;
  }

  static String category(MediaKind kind) {
    switch (kind) {
      case GIF:
        return "tweet_gif";
      case VIDEO:
        return "tweet_video";
      default:
        return "tweet_image";
    }
  }

}
