package dev.chorus.connector.tiktok.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What {@code /v2/post/publish/creator_info/query/} says about the creator right before a post.
 *
 * @param username {@code creator_username}, or {@code null}
 * @param privacyLevelOptions the privacy levels this creator may post with
 * @param maxVideoDuration {@code max_video_post_duration_sec}, or {@code null} when not sent
 */
record CreatorInfo(
    String username,
    List<String> privacyLevelOptions,
    boolean commentDisabled,
    boolean duetDisabled,
    boolean stitchDisabled,
    Duration maxVideoDuration) {

  CreatorInfo {
    privacyLevelOptions = List.copyOf(privacyLevelOptions);
  }

  static CreatorInfo from(JsonNode data) {
    List<String> options = new ArrayList<>();
    for (JsonNode option : data.path("privacy_level_options")) {
      String text = TikTokJson.text(option);
      if (text != null) {
        options.add(text);
      }
    }
    JsonNode max = data.path("max_video_post_duration_sec");
    return new CreatorInfo(
        TikTokJson.text(data, "creator_username"),
        options,
        TikTokJson.bool(data, "comment_disabled", false),
        TikTokJson.bool(data, "duet_disabled", false),
        TikTokJson.bool(data, "stitch_disabled", false),
        max.isIntegralNumber() && max.asLong() > 0 ? Duration.ofSeconds(max.asLong()) : null);
  }
}
