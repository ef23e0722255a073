package dev.chorus.strategy.listening;

import dev.chorus.model.Checks;
import dev.chorus.model.Platform;
import dev.chorus.model.SocialAccount;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one source's pass did: its status, why it stopped or skipped, how many pages and posts it
 * read, and the terms the platform could not search.
 *
 * @param account the account the searches were made on behalf of
 * @param reason why the pass was skipped or stopped, empty when complete
 * @param retryAt when the platform said its limit resets, or {@code null}
 * @param pages pages read
 * @param posts posts read in the window, before de-duplication
 * @param unsearchable terms the platform cannot search, with the reason
 */
public record PlatformPass(Platform platform, SocialAccount account, PassStatus status, String reason,
    Instant retryAt, int pages, int posts, List<String> unsearchable) {

  /** Validates. */
  public PlatformPass {
    Checks.required("platform", platform);
    Checks.required("account", account);
    Checks.required("status", status);
    reason = reason == null ? "" : reason;
    unsearchable = Checks.list("unsearchable", unsearchable);
  }

  /** When the platform said its limit resets, if it was rate limited and said. */
  public Optional<Instant> retry() {
    return Optional.ofNullable(retryAt);
  }
}
