package dev.chorus.connector;

import dev.chorus.model.MediaAsset;
import dev.chorus.model.MediaKind;
import dev.chorus.model.Platform;
import dev.chorus.model.PostFormat;
import dev.chorus.model.ThreadPart;
import dev.chorus.text.CountingRule;
import dev.chorus.text.TextEntities;
import dev.chorus.text.TextCounter;
import dev.chorus.text.TextEntity;
import dev.chorus.text.TextRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a publish request against declared {@link Capabilities} and {@link Limits} offline:
 * format, text length under the platform's counting rule, hashtags, mentions, media count, kind,
 * type, bytes, duration, dimensions and aspect ratio, carousel size, thread parts, poll and first
 * comment. Facts about media that are unknown ({@code null}) are not guessed at.
 */
public final class LimitChecks {

  private LimitChecks() {}

  /** Every violation of the declared capabilities and limits. */
  public static ValidationResult check(Platform platform, Capabilities capabilities, PublishRequest request) {
    return check(platform, capabilities, request, null);
  }

  /**
   * Every violation of the declared capabilities and limits, measuring the post's text and its thread
   * parts with {@code textCounter} instead of a fresh counter for the limit's rule. A connector that
   * measures the same texts itself passes a counter that remembers its results, so each text is
   * parsed once per validation; the counter must count by the rule of {@link Limits#text()}.
   *
   * @param textCounter counts by the text limit's rule, or {@code null} for the rule's own counter
   */
  public static ValidationResult check(Platform platform, Capabilities capabilities, PublishRequest request,
      TextCounter textCounter) {
    List<Violation> found = new ArrayList<>();
    Limits limits = capabilities.limits();
    if (!capabilities.supports(request.format())) {
      found.add(new Violation("format", "format.supported", capabilities.formats().toString(),
          request.format().name(), platform + " does not support the " + request.format() + " format"));
    }
    text("text", request.text(), limits.text(), textCounter, found, platform);
    entities(request.text(), TextEntity.Kind.HASHTAG, '#', '\uFF03', "hashtags", limits.maxHashtags(), found,
        platform);
    entities(request.text(), TextEntity.Kind.MENTION, '@', '\uFF20', "mentions", limits.maxMentions(), found,
        platform);
    media("media", request.media(), capabilities, found, platform);
    if (request.format() == PostFormat.CAROUSEL) {
      int size = request.media().size();
      if (limits.carouselMin() != null && size < limits.carouselMin()) {
        found.add(new Violation("media", "carousel.min", ">= " + limits.carouselMin(), String.valueOf(size),
            "a " + platform + " carousel needs at least " + limits.carouselMin() + " items, has " + size));
      }
      if (limits.carouselMax() != null && size > limits.carouselMax()) {
        found.add(new Violation("media", "carousel.max", "<= " + limits.carouselMax(), String.valueOf(size),
            "a " + platform + " carousel takes at most " + limits.carouselMax() + " items, has " + size));
      }
    }
    List<ThreadPart> parts = request.threadParts();
    if (!parts.isEmpty()) {
      if (!capabilities.supports(PostFormat.THREAD)) {
        found.add(new Violation("threadParts", "thread.supported", "none", String.valueOf(parts.size()),
            platform + " does not support threads"));
      } else if (limits.maxThreadParts() != null && parts.size() > limits.maxThreadParts()) {
        found.add(new Violation("threadParts", "thread.parts", "<= " + limits.maxThreadParts(),
            String.valueOf(parts.size()), "a " + platform + " thread takes at most "
                + limits.maxThreadParts() + " follow-up parts, has " + parts.size()));
      }
      for (int i = 0; i < parts.size(); i++) {
        text("threadParts[" + i + "].text", parts.get(i).text(), limits.text(), textCounter, found, platform);
        media("threadParts[" + i + "].media", parts.get(i).media(), capabilities, found, platform);
      }
    }
    if (request.poll() != null) {
      if (!capabilities.supports(Capability.POLL)) {
        found.add(new Violation("poll", "poll.supported", "none", "poll", platform + " does not support polls"));
      } else if (limits.pollMaxOptions() != null && request.poll().options().size() > limits.pollMaxOptions()) {
        int size = request.poll().options().size();
        found.add(new Violation("poll.options", "poll.options", "<= " + limits.pollMaxOptions(),
            String.valueOf(size), "a " + platform + " poll takes at most " + limits.pollMaxOptions()
                + " options, has " + size));
      }
    }
    if (request.firstComment() != null) {
      if (!capabilities.supports(Capability.FIRST_COMMENT)) {
        found.add(new Violation("firstComment", "firstComment.supported", "none", "first comment",
            platform + " connector does not post first comments"));
      } else {
        text("firstComment", request.firstComment(), limits.firstCommentLimit(), null, found, platform);
      }
    }
    if (request.link() != null && !capabilities.supports(Capability.LINK)
        && !request.text().contains(request.link().toString())) {
      found.add(new Violation("link", "link.supported", "in text", request.link().toString(),
          platform + " shares no link cards: put the link in the text"));
    }
    if (request.publishAt() != null && !capabilities.supports(Capability.NATIVE_SCHEDULING)) {
      found.add(new Violation("publishAt", "scheduling.native", "none", request.publishAt().toString(),
          platform + " cannot schedule natively; let the Chorus scheduler publish it"));
    }
    return new ValidationResult(platform, found);
  }

  private static void text(String field, String text, TextLimit limit, TextCounter counter, List<Violation> found,
      Platform platform) {
    int length = counter != null ? counter.count(text)
        : limit.rule() == CountingRule.MASTODON
            ? TextRules.mastodon(limit.urlWeight()).count(text)
            : TextRules.count(limit.rule(), text);
    if (length > limit.max()) {
      found.add(new Violation(field, "text.length", "<= " + limit.max(), String.valueOf(length),
          field + " is " + length + " " + unit(limit.rule()) + ", " + platform + " allows " + limit.max()));
    }
  }

  private static String unit(CountingRule rule) {
    switch (rule) {
      case X_WEIGHTED:
        return "weighted characters";
      case UTF8_BYTES:
        return "bytes";
      case UTF16_UNITS:
        return "UTF-16 units";
      case CODE_POINTS:
        return "code points";
      default:
        return "characters";
    }
  }

  /**
   * Counts hashtags or mentions only when the limit could be exceeded: each entity starts with its own
   * sign (ASCII or full-width, as twitter-text accepts), so a text with no more signs than the limit
   * is within it without running the extractor.
   */
  private static void entities(String text, TextEntity.Kind kind, char sign, char wideSign, String what,
      Integer max, List<Violation> found, Platform platform) {
    if (max == null) {
      return;
    }
    int signs = 0;
    for (int i = 0; i < text.length() && signs <= max; i++) {
      char c = text.charAt(i);
      if (c == sign || c == wideSign) {
        signs++;
      }
    }
    if (signs > max) {
      count("text", what, TextEntities.extract(text, kind).size(), max, found, platform);
    }
  }

  private static void count(String field, String what, int actual, Integer max, List<Violation> found, Platform platform) {
    if (max != null && actual > max) {
      found.add(new Violation(field, what + ".count", "<= " + max, String.valueOf(actual),
          field + " has " + actual + " " + what + ", " + platform + " allows " + max));
    }
  }

  private static void media(String field, List<MediaAsset> media, Capabilities capabilities,
      List<Violation> found, Platform platform) {
    Limits limits = capabilities.limits();
    if (media.size() > limits.maxMediaPerPost()) {
      found.add(new Violation(field, "media.count", "<= " + limits.maxMediaPerPost(), String.valueOf(media.size()),
          "a " + platform + " post takes at most " + limits.maxMediaPerPost() + " media items, has " + media.size()));
    }
    Map<MediaKind, Integer> perKind = new EnumMap<>(MediaKind.class);
    for (int i = 0; i < media.size(); i++) {
      MediaAsset asset = media.get(i);
      String at = field + "[" + i + "]";
      perKind.merge(asset.kind(), 1, Integer::sum);
      MediaLimit limit = capabilities.mediaKinds().contains(asset.kind())
          ? limits.media(asset.kind()).orElse(null) : null;
      if (limit == null) {
        found.add(new Violation(at + ".kind", "media.kind", capabilities.mediaKinds().toString(),
            asset.kind().name(), platform + " does not accept " + asset.kind() + " media"));
        continue;
      }
      if (!limit.mimeTypes().isEmpty() && !limit.mimeTypes().contains(asset.mimeType())) {
        found.add(new Violation(at + ".mimeType", "media.mimeType", limit.mimeTypes().toString(), asset.mimeType(),
            platform + " does not accept " + asset.mimeType() + " for " + asset.kind()));
      }
      if (limit.maxBytes() != null && asset.byteSize() != null && asset.byteSize() > limit.maxBytes()) {
        found.add(new Violation(at + ".byteSize", "media.bytes", "<= " + limit.maxBytes(), String.valueOf(asset.byteSize()),
            at + " is " + asset.byteSize() + " bytes, " + platform + " allows " + limit.maxBytes()));
      }
      Duration duration = asset.duration();
      if (duration != null && limit.maxDuration() != null && duration.compareTo(limit.maxDuration()) > 0) {
        found.add(new Violation(at + ".duration", "media.duration.max", "<= " + limit.maxDuration(), duration.toString(),
            at + " runs " + duration + ", " + platform + " allows " + limit.maxDuration()));
      }
      if (duration != null && limit.minDuration() != null && duration.compareTo(limit.minDuration()) < 0) {
        found.add(new Violation(at + ".duration", "media.duration.min", ">= " + limit.minDuration(), duration.toString(),
            at + " runs " + duration + ", " + platform + " needs at least " + limit.minDuration()));
      }
      dimension(at + ".width", "media.width.min", asset.width(), limit.minWidth(), true, found, platform);
      dimension(at + ".height", "media.height.min", asset.height(), limit.minHeight(), true, found, platform);
      dimension(at + ".width", "media.width.max", asset.width(), limit.maxWidth(), false, found, platform);
      dimension(at + ".height", "media.height.max", asset.height(), limit.maxHeight(), false, found, platform);
      if (asset.aspectRatio().isPresent()) {
        double ratio = asset.aspectRatio().getAsDouble();
        // A small tolerance: 1080x1350 is 4:5 exactly, but encoders round.
        double slack = 0.005;
        if ((limit.minAspectRatio() != null && ratio < limit.minAspectRatio() - slack)
            || (limit.maxAspectRatio() != null && ratio > limit.maxAspectRatio() + slack)) {
          found.add(new Violation(at + ".aspectRatio", "media.aspectRatio",
              range(limit.minAspectRatio(), limit.maxAspectRatio()), String.format(java.util.Locale.ROOT, "%.3f", ratio),
              at + " has aspect ratio " + String.format(java.util.Locale.ROOT, "%.3f", ratio) + ", "
                  + platform + " accepts " + range(limit.minAspectRatio(), limit.maxAspectRatio())));
        }
      }
    }
    for (Map.Entry<MediaKind, Integer> entry : perKind.entrySet()) {
      limits.media(entry.getKey()).ifPresent(limit -> {
        if (capabilities.mediaKinds().contains(entry.getKey()) && entry.getValue() > limit.maxCount()) {
          found.add(new Violation(field, "media.kind.count", "<= " + limit.maxCount(), String.valueOf(entry.getValue()),
              "a " + platform + " post takes at most " + limit.maxCount() + " " + entry.getKey() + " items, has " + entry.getValue()));
        }
      });
    }
  }

  private static String range(Double min, Double max) {
    return (min == null ? "any" : String.format(java.util.Locale.ROOT, "%.3f", min)) + ".."
        + (max == null ? "any" : String.format(java.util.Locale.ROOT, "%.3f", max));
  }

  private static void dimension(String field, String rule, Integer actual, Integer bound, boolean min,
      List<Violation> found, Platform platform) {
    if (actual == null || bound == null) {
      return;
    }
    if (min ? actual < bound : actual > bound) {
      found.add(new Violation(field, rule, (min ? ">= " : "<= ") + bound, String.valueOf(actual),
          field + " is " + actual + " px, " + platform + (min ? " needs at least " : " allows at most ") + bound));
    }
  }
}
