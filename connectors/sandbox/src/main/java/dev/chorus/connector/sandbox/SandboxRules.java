package dev.chorus.connector.sandbox;

import dev.chorus.connector.PublishRequest;
import dev.chorus.connector.Violation;
import dev.chorus.model.MediaAsset;
import dev.chorus.model.MediaKind;
import dev.chorus.model.PostFormat;
import java.util.ArrayList;
import java.util.List;

/** The sandbox's own rules on top of the declared limits: which media each format takes. */
final class SandboxRules {

  /** Most images in a post that is not a carousel. */
  static final int MAX_IMAGES = 4;

  private SandboxRules() {}

  static List<Violation> check(PublishRequest request) {
    List<Violation> found = new ArrayList<>();
    List<MediaAsset> media = request.media();
    long images = media.stream().filter(m -> m.kind() == MediaKind.IMAGE).count();
    long videos = media.stream().filter(m -> m.kind() == MediaKind.VIDEO).count();
    long documents = media.stream().filter(m -> m.kind() == MediaKind.DOCUMENT).count();
    PostFormat format = request.format();
    switch (format) {
      case CAROUSEL:
        if (media.stream().anyMatch(m -> m.kind() != MediaKind.IMAGE && m.kind() != MediaKind.VIDEO)) {
          found.add(new Violation("media", "carousel.kind", "IMAGE or VIDEO", kinds(media),
              "a sandbox carousel takes only images and videos"));
        }
        break;
      case REEL:
      case SHORT:
      case VIDEO:
        if (videos != 1 || media.size() != 1) {
          found.add(new Violation("media", "format.media", "exactly 1 VIDEO", kinds(media),
              "a sandbox " + format + " needs exactly one video"));
        }
        break;
      case STORY:
        if (media.size() != 1) {
          found.add(new Violation("media", "format.media", "exactly 1 item", kinds(media),
              "a sandbox story needs exactly one image or video"));
        }
        break;
      case DOCUMENT:
        if (documents != 1 || media.size() != 1) {
          found.add(new Violation("media", "format.media", "exactly 1 DOCUMENT", kinds(media),
              "a sandbox document post needs exactly one document"));
        }
        break;
      case PIN:
        if (images != 1 || media.size() != 1) {
          found.add(new Violation("media", "format.media", "exactly 1 IMAGE", kinds(media),
              "a sandbox pin needs exactly one image"));
        }
        break;
      case FEED:
      case THREAD:
      default:
        if (images > MAX_IMAGES) {
          found.add(new Violation("media", "media.images", "<= " + MAX_IMAGES, String.valueOf(images),
              "a sandbox post takes at most " + MAX_IMAGES + " images outside a carousel, has " + images));
        }
        if (videos > 1) {
          found.add(new Violation("media", "media.videos", "<= 1", String.valueOf(videos),
              "a sandbox post takes at most one video outside a carousel, has " + videos));
        }
        if (documents > 0) {
          found.add(new Violation("media", "format.media", "no DOCUMENT", kinds(media),
              "documents need the DOCUMENT format"));
        }
        if (media.isEmpty() && request.text().isBlank() && request.poll() == null) {
          found.add(new Violation("text", "text.required", "not blank", "\"\"",
              "a sandbox post without media needs text"));
        }
        break;
    }
    return found;
  }

  private static String kinds(List<MediaAsset> media) {
    return media.stream().map(m -> m.kind().name()).toList().toString();
  }
}
