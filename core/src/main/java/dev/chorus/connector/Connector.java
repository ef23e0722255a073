package dev.chorus.connector;

import dev.chorus.model.MetricSnapshot;
import dev.chorus.model.Interaction;
import dev.chorus.model.Platform;
import dev.chorus.model.PublicPost;
import dev.chorus.model.PublicProfile;
import dev.chorus.model.SocialAccount;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Talks to one platform on behalf of the accounts of one Chorus instance. Implementations are
 * thread-safe. Operations whose capability is not declared throw {@link
 * UnsupportedCapabilityException} before any I/O; the defaults here do exactly that, so a
 * connector implements only what it declares.
 *
 * <p>Every failure is a {@link ConnectorException} subtype. A publish whose outcome is unknown
 * (the request may have reached the platform) reports {@link ConnectorException#outcomeUnknown()}
 * and must be followed by {@link #reconcile}, never by a blind retry.
 */
public interface Connector extends AutoCloseable {

  /** The platform. */
  Platform platform();

  /** What this connector can do; the same as its provider declared. */
  Capabilities capabilities();

  /**
   * Checks the request against the platform's rules offline, with no I/O, and returns every
   * violation at once. The default checks the declared {@link Limits} with {@link LimitChecks};
   * connectors add platform-specific rules.
   */
  default ValidationResult validate(PublishRequest request) {
    return LimitChecks.check(platform(), capabilities(), request);
  }

  /** Publishes the post, or schedules it natively when {@link PublishRequest#publishAt()} is set. */
  PublishResult publish(PublishRequest request);

  /** Deletes a published post. */
  default void delete(SocialAccount account, String externalId) {
    throw new UnsupportedCapabilityException(platform(), Capability.DELETE);
  }

  /**
   * Looks for a post that may already exist after an ambiguous failure of {@code request} that was
   * first attempted at {@code attemptedAt}: empty when the platform surely has no such post.
   */
  default Optional<PublishResult> reconcile(PublishRequest request, Instant attemptedAt) {
    throw new UnsupportedCapabilityException(platform(), Capability.RECONCILE);
  }

  /**
   * Lifetime counters of the posts, one snapshot per post the platform still knows. Requests ask
   * for at most {@link Capabilities#metricsBatchSize()} posts each.
   */
  default List<MetricSnapshot> fetchMetrics(SocialAccount account, List<String> externalPostIds) {
    throw new UnsupportedCapabilityException(platform(), Capability.POST_METRICS);
  }

  /** Counters of the account itself, such as followers. */
  default MetricSnapshot fetchAccountMetrics(SocialAccount account) {
    throw new UnsupportedCapabilityException(platform(), Capability.ACCOUNT_METRICS);
  }

  /** One page of comments, mentions, replies or messages. */
  default Page<Interaction> fetchInteractions(SocialAccount account, InteractionQuery query) {
    throw new UnsupportedCapabilityException(platform(), Capability.INTERACTIONS);
  }

  /** Replies to an interaction or post. */
  default PublishResult reply(ReplyRequest request) {
    throw new UnsupportedCapabilityException(platform(), Capability.REPLY);
  }

  /**
   * Hides an interaction, such as a comment, on the platform, or shows it again. Hiding is visible
   * only to the platform's other users; the item stays readable to the account that owns it.
   *
   * @param account the account that owns the post the interaction belongs to
   * @param externalId the platform's identifier of the interaction
   * @param hidden {@code true} to hide it, {@code false} to show it again
   */
  default void hide(SocialAccount account, String externalId, boolean hidden) {
    throw new UnsupportedCapabilityException(platform(), Capability.HIDE);
  }

  /**
   * One page of public posts that match the query, newest first, read on behalf of {@code account}
   * (whose credentials authorise the call). A term kind the platform cannot search fails with
   * {@link dev.chorus.InvalidValueException} naming {@code query.term.kind}, before any I/O.
   */
  default Page<PublicPost> search(SocialAccount account, SearchQuery query) {
    throw new UnsupportedCapabilityException(platform(), Capability.SEARCH);
  }

  /**
   * Another account's public profile with its public counters and up to {@code recentPosts} of its
   * latest posts (with their public counters), read on behalf of {@code account}.
   *
   * @param handle the profile's handle as the platform writes it, without a leading {@code @}
   * @throws NotFoundException when the platform has no such profile
   */
  default PublicProfile lookupProfile(SocialAccount account, String handle, int recentPosts) {
    throw new UnsupportedCapabilityException(platform(), Capability.PUBLIC_PROFILES);
  }

  /** Releases what the connector holds; the shared HTTP client is not closed here. */
  @Override
  default void close() {}
}
