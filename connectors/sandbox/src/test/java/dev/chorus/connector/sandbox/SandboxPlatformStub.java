package dev.chorus.connector.sandbox;

import dev.chorus.connector.SearchTerm;
import dev.chorus.connector.tck.PlatformStub;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.PublicPost;
import dev.chorus.model.PublicProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Arranges a {@link SandboxPlatform} directly for the connector TCK: scripted faults for failing
 * publishes, explicit ids for succeeding ones, arranged posts and interactions for the account the
 * TCK uses, and the platform's own request records for counting.
 */
final class SandboxPlatformStub implements PlatformStub {

  private final SandboxPlatform sandbox;
  private final String accountExternalId;

  /**
   * @param accountExternalId the {@code externalId} of the account the TCK publishes with
   */
  SandboxPlatformStub(SandboxPlatform sandbox, String accountExternalId) {
    this.sandbox = sandbox;
    this.accountExternalId = accountExternalId;
  }

  @Override
  public void reset() {
    sandbox.reset();
    // Only what a rule arranges should appear in the inbox.
    sandbox.simulateInteractions(false);
  }

  @Override
  public void publishSucceeds(String externalId) {
    sandbox.nextPostIds(externalId);
  }

  @Override
  public void publishFails(Failure failure, String requestId, String reason) {
    FaultKind kind = switch (failure) {
      case AUTHENTICATION_EXPIRED -> FaultKind.AUTHENTICATION_EXPIRED;
      case PERMISSION_DENIED -> FaultKind.PERMISSION_DENIED;
      case NOT_FOUND -> FaultKind.NOT_FOUND;
      case CONTENT_REJECTED -> FaultKind.CONTENT_REJECTED;
      case UNAVAILABLE -> FaultKind.SERVER_ERROR;
    };
    sandbox.scriptFaults(SandboxOperation.PUBLISH, new Fault(kind, requestId, reason, null));
  }

  @Override
  public void publishRateLimited(Instant resetAt, String requestId) {
    sandbox.scriptFaults(SandboxOperation.PUBLISH, Fault.rateLimited(resetAt, requestId));
  }

  @Override
  public void existingPost(String externalId, String text, Instant createdAt) {
    sandbox.arrangePost(accountExternalId, externalId, text, createdAt);
  }

  @Override
  public void interactions(int pages, int perPage) {
    sandbox.maxPageSize(perPage);
    Instant now = sandbox.clock().instant();
    int total = pages * perPage;
    for (int i = 0; i < total; i++) {
      sandbox.arrangeInteraction(accountExternalId, InteractionKind.COMMENT, null, "comment " + (i + 1),
          now.minus(Duration.ofSeconds(total - i)));
    }
  }

  @Override
  public void metricsFor(List<String> externalPostIds) {
    Instant created = sandbox.clock().instant().minus(Duration.ofHours(6));
    for (String id : externalPostIds) {
      if (sandbox.publication(id).isEmpty()) {
        sandbox.arrangePost(accountExternalId, id, "post " + id, created);
      }
    }
  }

  @Override
  public int requestCount() {
    return sandbox.requestCount();
  }

  @Override
  public List<Integer> metricsRequestSizes() {
    return sandbox.metricsRequestSizes();
  }

  @Override
  public void deleteSucceeds(String externalId) {
    sandbox.arrangePost(accountExternalId, externalId, "TCK post to delete", sandbox.clock().instant());
  }

  @Override
  public void replySucceeds(String externalId) {
    sandbox.arrangePost(accountExternalId, "tck-parent-1", "TCK parent post", sandbox.clock().instant());
    sandbox.nextPostIds(externalId);
  }

  @Override
  public void accountFollowers(long followers) {
    sandbox.arrangeFollowers(accountExternalId, followers);
  }

  @Override
  public void searchFinds(SearchTerm term, List<List<PublicPost>> pages) {
    // The sandbox pages by the query's size, newest first: the TCK's pages are in that order.
    pages.forEach(page -> page.forEach(sandbox::arrangePublicPost));
  }

  @Override
  public void profile(PublicProfile profile) {
    sandbox.arrangeProfile(profile);
  }

  @Override
  public void noProfile(String handle) {
    // An empty sandbox knows no profile.
  }
}
