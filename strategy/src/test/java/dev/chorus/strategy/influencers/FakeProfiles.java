package dev.chorus.strategy.influencers;

import dev.chorus.connector.Capabilities;
import dev.chorus.connector.Capability;
import dev.chorus.connector.Connector;
import dev.chorus.connector.Limits;
import dev.chorus.connector.NotFoundException;
import dev.chorus.connector.PublishRequest;
import dev.chorus.connector.PublishResult;
import dev.chorus.connector.TextLimit;
import dev.chorus.model.Platform;
import dev.chorus.model.PublicProfile;
import dev.chorus.model.SocialAccount;
import dev.chorus.text.CountingRule;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A connector that serves queued public profiles per handle and records each lookup. */
final class FakeProfiles implements Connector {

  private final Platform platform;
  private final boolean declaresProfiles;
  private final Map<String, Deque<PublicProfile>> profiles = new HashMap<>();
  final List<String> lookups = new ArrayList<>();

  FakeProfiles(Platform platform, boolean declaresProfiles) {
    this.platform = platform;
    this.declaresProfiles = declaresProfiles;
  }

  /** Queues readings of a profile; each lookup takes the next, the last one repeats. */
  FakeProfiles serve(PublicProfile... readings) {
    for (PublicProfile p : readings) {
      profiles.computeIfAbsent(p.handle(), h -> new ArrayDeque<>()).add(p);
    }
    return this;
  }

  @Override
  public Platform platform() {
    return platform;
  }

  @Override
  public Capabilities capabilities() {
    Capabilities.Builder b = Capabilities.builder(Limits.builder(TextLimit.of(500, CountingRule.CODE_POINTS)).build());
    return declaresProfiles ? b.features(Capability.PUBLIC_PROFILES).build() : b.build();
  }

  @Override
  public PublishResult publish(PublishRequest request) {
    throw new UnsupportedOperationException("this fake only reads profiles");
  }

  @Override
  public PublicProfile lookupProfile(SocialAccount account, String handle, int recentPosts) {
    lookups.add(handle + "/" + recentPosts);
    Deque<PublicProfile> queue = profiles.get(handle);
    if (queue == null) {
      throw new NotFoundException(platform, 404, "req-" + handle, "no profile " + handle);
    }
    return queue.size() > 1 ? queue.poll() : queue.peek();
  }
}
