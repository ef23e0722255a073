package dev.chorus.connector.sandbox;

import dev.chorus.connector.PublishRequest;
import dev.chorus.connector.Secret;
import dev.chorus.model.AccountId;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.MediaAsset;
import dev.chorus.model.MediaKind;
import dev.chorus.model.Platform;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.WorkspaceId;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Shared test helpers: a mutable clock, accounts, media and a recording sleeper. */
final class Fixtures {

  static final Secret KEY = Secret.of("sandbox-key-canary-7f3a");
  /** Tuesday 2026-03-03 00:00 UTC. */
  static final Instant TUESDAY = Instant.parse("2026-03-03T00:00:00Z");

  private Fixtures() {}

  /** A clock tests move by hand. */
  static final class TestClock extends Clock {
    private volatile Instant now;

    TestClock(Instant start) {
      this.now = start;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  /** A sleeper that records and does not wait. */
  static final class RecordingSleeper implements Sleeper {
    final List<Duration> slept = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void sleep(Duration duration) {
      slept.add(duration);
    }
  }

  static SocialAccount account(String externalId) {
    return account(externalId, ZoneOffset.UTC);
  }

  static SocialAccount account(String externalId, ZoneId zone) {
    return new SocialAccount(AccountId.of("acc-" + externalId), WorkspaceId.of("ws"), Platform.SANDBOX,
        "@" + externalId, externalId, zone, CredentialsRef.of("cred-" + externalId));
  }

  static PublishRequest text(String account, String key, String text) {
    return PublishRequest.text(account(account), key, text);
  }

  static MediaAsset image(int n) {
    return MediaAsset.builder(MediaKind.IMAGE, URI.create("file:///img" + n + ".jpg"), "image/jpeg").build();
  }

  static MediaAsset video() {
    return MediaAsset.builder(MediaKind.VIDEO, URI.create("file:///clip.mp4"), "video/mp4")
        .duration(Duration.ofSeconds(30)).build();
  }

  static SandboxPlatform.Builder sandbox(Clock clock) {
    return SandboxPlatform.builder(clock).apiKey(KEY);
  }
}
