package dev.chorus.connector.internal;

import dev.chorus.connector.Capabilities;
import dev.chorus.connector.Capability;
import dev.chorus.connector.Connector;
import dev.chorus.connector.InteractionQuery;
import dev.chorus.connector.Page;
import dev.chorus.connector.PublishRequest;
import dev.chorus.connector.PublishResult;
import dev.chorus.connector.ReplyRequest;
import dev.chorus.connector.SearchQuery;
import dev.chorus.connector.UnsupportedCapabilityException;
import dev.chorus.connector.ValidationResult;
import dev.chorus.model.Interaction;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.MetricSnapshot;
import dev.chorus.model.Platform;
import dev.chorus.model.PublicPost;
import dev.chorus.model.PublicProfile;
import dev.chorus.model.SocialAccount;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Wraps a connector so that every operation needing an undeclared capability fails before the
 * connector is called, whatever the connector itself does.
 */
public final class GuardedConnector implements Connector {

  private final Capabilities declared;
  private final Connector delegate;

  private GuardedConnector(Capabilities declared, Connector delegate) {
    this.declared = declared;
    this.delegate = delegate;
  }

  /** The connector, guarded by the capabilities its provider declared. */
  public static Connector wrap(Capabilities declared, Connector delegate) {
    return delegate instanceof GuardedConnector ? delegate : new GuardedConnector(declared, delegate);
  }

  private void require(Capability capability) {
    if (!declared.supports(capability)) {
      throw new UnsupportedCapabilityException(delegate.platform(), capability);
    }
  }

  @Override
  public Platform platform() {
    return delegate.platform();
  }

  @Override
  public Capabilities capabilities() {
    return declared;
  }

  @Override
  public ValidationResult validate(PublishRequest request) {
    return delegate.validate(request);
  }

  @Override
  public PublishResult publish(PublishRequest request) {
    declared.requireFor(delegate.platform(), request);
    return delegate.publish(request);
  }

  @Override
  public void delete(SocialAccount account, String externalId) {
    require(Capability.DELETE);
    delegate.delete(account, externalId);
  }

  @Override
  public Optional<PublishResult> reconcile(PublishRequest request, Instant attemptedAt) {
    require(Capability.RECONCILE);
    return delegate.reconcile(request, attemptedAt);
  }

  @Override
  public List<MetricSnapshot> fetchMetrics(SocialAccount account, List<String> externalPostIds) {
    require(Capability.POST_METRICS);
    return delegate.fetchMetrics(account, externalPostIds);
  }

  @Override
  public MetricSnapshot fetchAccountMetrics(SocialAccount account) {
    require(Capability.ACCOUNT_METRICS);
    return delegate.fetchAccountMetrics(account);
  }

  @Override
  public Page<Interaction> fetchInteractions(SocialAccount account, InteractionQuery query) {
    declared.requireFor(delegate.platform(), query);
    return delegate.fetchInteractions(account, query);
  }

  @Override
  public PublishResult reply(ReplyRequest request) {
    require(Capability.REPLY);
    return delegate.reply(request);
  }

  @Override
  public void hide(SocialAccount account, String externalId, boolean hidden) {
    require(Capability.HIDE);
    delegate.hide(account, externalId, hidden);
  }

  @Override
  public Page<PublicPost> search(SocialAccount account, SearchQuery query) {
    require(Capability.SEARCH);
    return delegate.search(account, query);
  }

  @Override
  public PublicProfile lookupProfile(SocialAccount account, String handle, int recentPosts) {
    require(Capability.PUBLIC_PROFILES);
    return delegate.lookupProfile(account, handle, recentPosts);
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public String toString() {
    return "Guarded[" + delegate + "]";
  }
}
