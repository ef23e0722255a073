package dev.chorus.webhook;

import dev.chorus.model.AccountId;
import dev.chorus.model.Platform;
import java.util.Optional;

/**
 * Maps the platform's id of the receiving account (a Page id, an X user id) to the Chorus account,
 * so webhook events can become {@link dev.chorus.model.Interaction}s. When it finds none, the items
 * still arrive, without an interaction.
 */
@FunctionalInterface
public interface AccountResolver {

  /** Resolves nothing: items never carry an interaction. */
  AccountResolver NONE = (platform, id) -> Optional.empty();

  /** Uses the platform's account id as the Chorus account id, for hosts that keep them equal. */
  AccountResolver PLATFORM_IDS = (platform, id) -> Optional.of(AccountId.of(id));

  /** The Chorus account for the platform's account id, if known. */
  Optional<AccountId> resolve(Platform platform, String platformAccountId);
}
