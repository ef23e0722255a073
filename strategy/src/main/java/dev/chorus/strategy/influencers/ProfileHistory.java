package dev.chorus.strategy.influencers;

import dev.chorus.model.Checks;
import dev.chorus.model.Platform;
import dev.chorus.model.PublicProfile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory history of follower counts per profile (platform and handle, case-insensitive), kept
 * by the caller between evaluations so growth and sudden jumps can be measured. Thread-safe; one
 * reading per instant (a second reading at the same instant replaces the first).
 */
public final class ProfileHistory {

  private record Key(Platform platform, String handle) {}

  private final Map<Key, List<FollowerSnapshot>> snapshots = new ConcurrentHashMap<>();

  /** An empty history. */
  public ProfileHistory() {}

  /** Records the profile's follower count, when the platform shows it. */
  public void record(PublicProfile profile) {
    Checks.required("profile", profile);
    FollowerSnapshot.of(profile).ifPresent(s -> record(profile.platform(), profile.handle(), s));
  }

  /** Records a reading of the profile's followers. */
  public void record(Platform platform, String handle, FollowerSnapshot snapshot) {
    Checks.required("snapshot", snapshot);
    snapshots.compute(key(platform, handle), (k, list) -> {
      List<FollowerSnapshot> next = list == null ? new ArrayList<>() : new ArrayList<>(list);
      next.removeIf(s -> s.at().equals(snapshot.at()));
      next.add(snapshot);
      next.sort(Comparator.comparing(FollowerSnapshot::at));
      return List.copyOf(next);
    });
  }

  /** The readings of the profile, oldest first; empty when none. */
  public List<FollowerSnapshot> snapshots(Platform platform, String handle) {
    return snapshots.getOrDefault(key(platform, handle), List.of());
  }

  private static Key key(Platform platform, String handle) {
    Checks.required("platform", platform);
    Checks.notBlank("handle", handle);
    String h = handle.strip();
    return new Key(platform, (h.startsWith("@") ? h.substring(1) : h).toLowerCase(Locale.ROOT));
  }
}
