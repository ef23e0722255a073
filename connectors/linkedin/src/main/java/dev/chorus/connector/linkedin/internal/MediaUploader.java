package dev.chorus.connector.linkedin.internal;

import dev.chorus.connector.Checkpoint;
import dev.chorus.connector.ContentRejectedException;
import dev.chorus.connector.ConnectorException;
import dev.chorus.connector.PermissionDeniedException;
import dev.chorus.connector.PlatformUnavailableException;
import dev.chorus.connector.TransportException;
import dev.chorus.connector.http.ApiRequest;
import dev.chorus.connector.http.ApiResponse;
import dev.chorus.connector.http.PlatformHttp;
import dev.chorus.connector.http.Sleeper;
import dev.chorus.connector.http.MediaReader;
import dev.chorus.media.MediaSource;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.MediaAsset;
import dev.chorus.model.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Uploads media through the Images, Videos and Documents APIs and records every finished step in
 * the request's {@link Checkpoint}: an uploaded asset's URN, and for videos the upload instructions
 * and each part's ETag, so a retry reuses what is already on LinkedIn and resumes at the first
 * missing part.
 */
final class MediaUploader {

  private static final Logger LOG = LoggerFactory.getLogger(MediaUploader.class);

  private final Platform platform = Platform.LINKEDIN;
  private final PlatformHttp http;
  private final RestHeaders headers;
  private final MediaReader opener;
  private final Clock clock;
  private final Sleeper sleeper;
  private final LinkedInSettings settings;
  private final String apiHost;

  MediaUploader(PlatformHttp http, RestHeaders headers, MediaReader opener, Clock clock, Sleeper sleeper,
      LinkedInSettings settings) {
    this.http = http;
    this.headers = headers;
    this.opener = opener;
    this.clock = clock;
    this.sleeper = sleeper;
    this.settings = settings;
    this.apiHost = URI.create(http.baseUrl()).getHost();
  }

  /** Checkpoint key of the finished asset URN of media item {@code index}. */
  static String assetKey(int index) {
    return "linkedin.media." + index;
  }

  /** The asset URNs of every media item, in order, uploading those the checkpoint does not hold. */
  List<String> uploadAll(CredentialsRef account, String owner, List<MediaAsset> media, Checkpoint checkpoint) {
    List<String> urns = new ArrayList<>();
    for (int i = 0; i < media.size(); i++) {
      String key = assetKey(i);
      Optional<String> done = checkpoint.get(key);
      if (done.isPresent()) {
        LOG.debug("linkedin media {} already uploaded as {}; reusing it", i, done.get());
        urns.add(done.get());
        continue;
      }
      MediaAsset asset = media.get(i);
      String urn;
      switch (asset.kind()) {
        case VIDEO:
          urn = video(account, owner, asset, i, checkpoint);
          break;
        case DOCUMENT:
          urn = single(account, owner, asset, "documents", "document");
          break;
        default:
          urn = single(account, owner, asset, "images", "image");
          break;
      }
      checkpoint.put(key, urn);
      urns.add(urn);
    }
    return urns;
  }

  /** Images and documents: initializeUpload, one PUT of the whole file. */
  private String single(CredentialsRef account, String owner, MediaAsset asset, String api, String field) {
    ObjectNode body = LinkedInJson.object();
    body.putObject("initializeUploadRequest").put("owner", owner);
    ApiResponse init = http.execute(headers.rest(ApiRequest.post("/rest/" + api), null)
        .query("action", "initializeUpload").account(account).rateLimitBucket(api + ".initializeUpload")
        .jsonBody(LinkedInJson.write(body)).build());
    JsonNode value = init.json().path("value");
    String urn = text(value, field, init);
    String uploadUrl = text(value, "uploadUrl", init);
    byte[] bytes = readAll(opener.open(asset));
    put(account, uploadUrl, bytes, asset.mimeType(), api + ".upload");
    return urn;
  }

  private String video(CredentialsRef account, String owner, MediaAsset asset, int index, Checkpoint checkpoint) {
    String prefix = assetKey(index);
    String finalizedKey = prefix + ".finalized";
    Optional<String> finalized = checkpoint.get(finalizedKey);
    if (finalized.isPresent()) {
      awaitAvailable(account, finalized.get());
      return finalized.get();
    }
    MediaSource source = opener.open(asset);
    VideoUpload resumed = checkpoint.get(prefix + ".upload").map(VideoUpload::parse)
        .filter(u -> u.expiresAt() == null || u.expiresAt().isAfter(clock.instant()))
        .orElse(null);
    VideoUpload upload = resumed;
    if (upload == null) {
      long size = asset.byteSize() != null ? asset.byteSize() : length(source);
      ObjectNode body = LinkedInJson.object();
      body.putObject("initializeUploadRequest").put("owner", owner).put("fileSizeBytes", size)
          .put("uploadCaptions", false).put("uploadThumbnail", false);
      ApiResponse init = http.execute(headers.rest(ApiRequest.post("/rest/videos"), null)
          .query("action", "initializeUpload").account(account).rateLimitBucket("videos.initializeUpload")
          .jsonBody(LinkedInJson.write(body)).build());
      upload = VideoUpload.from(init.json().path("value"));
      if (upload == null) {
        throw malformed(init, "a video initializeUpload answer without video or uploadInstructions");
      }
      checkpoint.put(prefix + ".upload", upload.toJson());
    }
    String video = upload.video();
    List<String> etags = new ArrayList<>();
    for (int part = 0; part < upload.parts().size(); part++) {
      String partKey = prefix + ".part." + part;
      Optional<String> recorded = checkpoint.get(partKey)
          .filter(v -> v.startsWith(video + " "))
          .map(v -> v.substring(video.length() + 1));
      if (recorded.isPresent()) {
        etags.add(recorded.get());
        continue;
      }
      VideoUpload.Part instruction = upload.parts().get(part);
      byte[] bytes = readRange(source, instruction.firstByte(), instruction.lastByte());
      ApiResponse response = put(account, instruction.uploadUrl(), bytes, "application/octet-stream", "videos.upload");
      String etag = response.header("etag").orElseThrow(
          () -> malformed(response, "a video part upload answer without an ETag header"));
      checkpoint.put(partKey, upload.video() + " " + etag);
      etags.add(etag);
      LOG.debug("linkedin video {} part {}/{} uploaded", upload.video(), part + 1, upload.parts().size());
    }
    ObjectNode body = LinkedInJson.object();
    ObjectNode request = body.putObject("finalizeUploadRequest");
    request.put("video", upload.video()).put("uploadToken", upload.uploadToken());
    ArrayNode ids = request.putArray("uploadedPartIds");
    etags.forEach(ids::add);
    http.execute(headers.rest(ApiRequest.post("/rest/videos"), null).query("action", "finalizeUpload")
        .account(account).rateLimitBucket("videos.finalizeUpload").jsonBody(LinkedInJson.write(body)).build());
    checkpoint.put(finalizedKey, upload.video());
    awaitAvailable(account, upload.video());
    return upload.video();
  }

  /** Polls the video's status until AVAILABLE, through the injected sleeper and clock. */
  private void awaitAvailable(CredentialsRef account, String urn) {
    if (!settings.awaitVideo()) {
      return;
    }
    Instant deadline = clock.instant().plus(settings.mediaWaitTimeout());
    while (true) {
      ApiResponse status;
      try {
        status = http.execute(headers.rest(ApiRequest.get("/rest/videos/" + Urns.encode(urn)), null)
            .account(account).rateLimitBucket("videos.get").build());
      } catch (PermissionDeniedException forbidden) {
        // Member tokens often may not read media status; LinkedIn then rejects the post if not ready.
        LOG.debug("linkedin may not read the status of {}; creating the post without waiting", urn);
        return;
      }
      String state = status.json().path("status").isString() ? status.json().path("status").stringValue() : "";
      if (state.equals("AVAILABLE")) {
        return;
      }
      if (state.equals("PROCESSING_FAILED")) {
        JsonNode reason = status.json().path("processingFailureReason");
        throw new ContentRejectedException(platform, status.status(), status.requestId().orElse(null),
            "LinkedIn could not process video " + urn
                + (reason.isString() ? ": " + reason.stringValue() : ""));
      }
      Instant now = clock.instant();
      if (!now.plus(settings.mediaPollInterval()).isBefore(deadline.plusMillis(1))) {
        throw new PlatformUnavailableException(platform, 0, status.requestId().orElse(null),
            "video " + urn + " is still " + (state.isEmpty() ? "not AVAILABLE" : state) + " after "
                + settings.mediaWaitTimeout() + "; retry later, the upload is kept");
      }
      try {
        sleeper.sleep(settings.mediaPollInterval());
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new TransportException(platform, "interrupted while waiting for video " + urn, false, interrupted);
      }
    }
  }

  private ApiResponse put(CredentialsRef account, String url, byte[] bytes, String type, String bucket) {
    ApiRequest.Builder request = ApiRequest.put(url).body(bytes, type).rateLimitBucket(bucket);
    // Only LinkedIn's own hosts get the bearer token; an upload URL elsewhere is pre-signed.
    String host = URI.create(url).getHost();
    if (host != null && (host.equals(apiHost) || host.equals("linkedin.com") || host.endsWith(".linkedin.com"))) {
      request.account(account);
    }
    return http.execute(request.build());
  }

  private ConnectorException malformed(ApiResponse response, String what) {
    return new PlatformUnavailableException(platform, response.status(), response.requestId().orElse(null),
        "LinkedIn sent " + what);
  }

  private String text(JsonNode node, String field, ApiResponse response) {
    JsonNode value = node.path(field);
    if (!value.isString() || value.stringValue().isBlank()) {
      throw malformed(response, "an initializeUpload answer without value." + field);
    }
    return value.stringValue();
  }

  private byte[] readAll(MediaSource source) {
    try (InputStream in = source.open()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new TransportException(platform, "could not read media " + source + ": " + e.getClass().getSimpleName(),
          false, e);
    }
  }

  private long length(MediaSource source) {
    if (source.length().isPresent()) {
      return source.length().getAsLong();
    }
    try (InputStream in = source.open()) {
      return in.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new TransportException(platform, "could not read media " + source + ": " + e.getClass().getSimpleName(),
          false, e);
    }
  }

  private byte[] readRange(MediaSource source, long first, long last) {
    long size = last - first + 1;
    if (first < 0 || size <= 0 || size > Integer.MAX_VALUE) {
      throw new PlatformUnavailableException(platform, 0, null,
          "LinkedIn sent an unusable upload range " + first + "-" + last);
    }
    try (InputStream in = source.open()) {
      in.skipNBytes(first);
      byte[] bytes = in.readNBytes((int) size);
      if (bytes.length != size) {
        throw new ContentRejectedException(platform, 0, null,
            "the video is shorter than LinkedIn's upload instructions (byte " + last + " requested)");
      }
      return bytes;
    } catch (java.io.EOFException e) {
      throw new ContentRejectedException(platform, 0, null,
          "the video is shorter than LinkedIn's upload instructions (byte " + first + " requested)", e);
    } catch (IOException e) {
      throw new TransportException(platform, "could not read media " + source + ": " + e.getClass().getSimpleName(),
          false, e);
    }
  }

  /** What a video initializeUpload returned, kept in the checkpoint as JSON. */
  record VideoUpload(String video, String uploadToken, Instant expiresAt, List<Part> parts) {

    /** One upload instruction: a URL and the inclusive byte range it takes. */
    record Part(String uploadUrl, long firstByte, long lastByte) {}

    static VideoUpload from(JsonNode value) {
      JsonNode video = value.path("video");
      JsonNode instructions = value.path("uploadInstructions");
      if (!video.isString() || !instructions.isArray() || instructions.isEmpty()) {
        return null;
      }
      List<Part> parts = new ArrayList<>();
      for (JsonNode instruction : instructions) {
        JsonNode url = instruction.path("uploadUrl");
        if (!url.isString() || !instruction.path("firstByte").isNumber() || !instruction.path("lastByte").isNumber()) {
          return null;
        }
        parts.add(new Part(url.stringValue(), instruction.path("firstByte").asLong(),
            instruction.path("lastByte").asLong()));
      }
      JsonNode expires = value.path("uploadUrlsExpireAt");
      return new VideoUpload(video.stringValue(),
          value.path("uploadToken").isString() ? value.path("uploadToken").stringValue() : "",
          expires.isNumber() ? Instant.ofEpochMilli(expires.asLong()) : null, List.copyOf(parts));
    }

    static VideoUpload parse(String json) {
      return from(LinkedInJson.parse(json));
    }

    String toJson() {
      ObjectNode value = LinkedInJson.object();
      value.put("video", video).put("uploadToken", uploadToken);
      if (expiresAt != null) {
        value.put("uploadUrlsExpireAt", expiresAt.toEpochMilli());
      }
      ArrayNode array = value.putArray("uploadInstructions");
      for (Part part : parts) {
        array.addObject().put("uploadUrl", part.uploadUrl()).put("firstByte", part.firstByte())
            .put("lastByte", part.lastByte());
      }
      return LinkedInJson.write(value);
    }
  }

}
