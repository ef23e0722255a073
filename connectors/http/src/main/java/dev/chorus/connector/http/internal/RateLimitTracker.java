package dev.chorus.connector.http.internal;

import dev.chorus.connector.http.RateLimitStatus;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The last known status of every (platform, account, bucket), shared by all connectors of a runtime. */
public final class RateLimitTracker {

  private final ConcurrentHashMap<String, RateLimitStatus> buckets = new ConcurrentHashMap<>();

  /** The status recorded for a bucket, if any and if its reset has not passed yet. */
  public Optional<RateLimitStatus> status(String key, Instant now) {
    RateLimitStatus status = buckets.get(key);
    if (status == null) {
      return Optional.empty();
    }
    if (status.resetAt().isPresent() && !status.resetAt().get().isAfter(now)) {
      buckets.remove(key, status);
      return Optional.empty();
    }
    return Optional.of(status);
  }

  /** Records what a response said. */
  public void update(String key, RateLimitStatus status) {
    buckets.put(key, status);
  }

  /** Counts a call about to be sent, so concurrent callers see the bucket drain before responses come back. */
  public void consume(String key) {
    buckets.computeIfPresent(key, (k, status) -> {
      long remaining = status.remaining().orElse(-1);
      if (remaining <= 0) {
        return status;
      }
      return RateLimitStatus.counted(status.limit().orElse(-1), remaining - 1, status.resetAt().orElse(null));
    });
  }

  /** Forgets a bucket (after its window has been waited out). */
  public void clear(String key) {
    buckets.remove(key);
  }
}
