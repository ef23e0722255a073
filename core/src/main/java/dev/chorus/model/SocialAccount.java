package dev.chorus.model;

import java.time.ZoneId;

/**
 * One connected profile, page or channel on a platform, owned by a workspace.
 *
 * @param handle the public handle shown to people, for example {@code @chorus}
 * @param externalId the platform's own id for the account (opaque)
 * @param timeZone the zone local times for this account are read in
 * @param credentials where its tokens live; never the tokens themselves
 */
public record SocialAccount(
    AccountId id,
    WorkspaceId workspaceId,
    Platform platform,
    String handle,
    String externalId,
    ZoneId timeZone,
    CredentialsRef credentials) {

  public SocialAccount {
    Checks.required("account.id", id);
    Checks.required("account.workspaceId", workspaceId);
    Checks.required("account.platform", platform);
    Checks.notBlank("account.handle", handle);
    Checks.notBlank("account.externalId", externalId);
    Checks.required("account.timeZone", timeZone);
    Checks.required("account.credentials", credentials);
  }
}
