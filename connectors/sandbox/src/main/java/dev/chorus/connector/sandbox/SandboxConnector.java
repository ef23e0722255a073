package dev.chorus.connector.sandbox;

import dev.chorus.connector.Capabilities;
import dev.chorus.connector.Connector;
import dev.chorus.connector.InteractionQuery;
import dev.chorus.connector.Page;
import dev.chorus.connector.PublishRequest;
import dev.chorus.connector.PublishResult;
import dev.chorus.connector.ReplyRequest;
import dev.chorus.connector.SearchQuery;
import dev.chorus.connector.Secret;
import dev.chorus.connector.ValidationResult;
import dev.chorus.model.Checks;
import dev.chorus.model.Interaction;
import dev.chorus.model.MetricSnapshot;
import dev.chorus.model.Platform;
import dev.chorus.model.PublicPost;
import dev.chorus.model.PublicProfile;
import dev.chorus.model.SocialAccount;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The connector over a {@link SandboxPlatform}: a thin client that sends every call with its API key. */
final class SandboxConnector implements Connector {

  private final SandboxPlatform sandbox;
  private final Secret apiKey;

  SandboxConnector(SandboxPlatform sandbox, Secret apiKey) {
    this.sandbox = sandbox;
    this.apiKey = apiKey;
  }

  SandboxPlatform sandbox() {
    return sandbox;
  }

  @Override
  public Platform platform() {
    return sandbox.platform();
  }

  @Override
  public Capabilities capabilities() {
    return sandbox.capabilities();
  }

  @Override
  public ValidationResult validate(PublishRequest request) {
    return sandbox.validate(request);
  }

  @Override
  public PublishResult publish(PublishRequest request) {
    capabilities().requireFor(platform(), request);
    return sandbox.publish(apiKey, request);
  }

  @Override
  public void delete(SocialAccount account, String externalId) {
    Checks.required("account", account);
    sandbox.delete(apiKey, account.externalId(), externalId);
  }

  @Override
  public Optional<PublishResult> reconcile(PublishRequest request, Instant attemptedAt) {
    return sandbox.search(apiKey, request, attemptedAt);
  }

  @Override
  public List<MetricSnapshot> fetchMetrics(SocialAccount account, List<String> externalPostIds) {
    List<String> ids = Checks.list("externalPostIds", externalPostIds);
    int batch = sandbox.capabilities().metricsBatchSize();
    List<MetricSnapshot> all = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += batch) {
      all.addAll(sandbox.postMetrics(apiKey, account, ids.subList(from, Math.min(ids.size(), from + batch))));
    }
    return List.copyOf(all);
  }

  @Override
  public MetricSnapshot fetchAccountMetrics(SocialAccount account) {
    return sandbox.accountMetrics(apiKey, account);
  }

  @Override
  public Page<Interaction> fetchInteractions(SocialAccount account, InteractionQuery query) {
    capabilities().requireFor(platform(), query);
    return sandbox.interactions(apiKey, account, query);
  }

  @Override
  public PublishResult reply(ReplyRequest request) {
    return sandbox.reply(apiKey, request);
  }

  @Override
  public void hide(SocialAccount account, String externalId, boolean hidden) {
    sandbox.hide(apiKey, account, externalId, hidden);
  }

  @Override
  public Page<PublicPost> search(SocialAccount account, SearchQuery query) {
    return sandbox.searchPublic(apiKey, account, query);
  }

  @Override
  public PublicProfile lookupProfile(SocialAccount account, String handle, int recentPosts) {
    return sandbox.lookupProfile(apiKey, account, handle, recentPosts);
  }

  @Override
  public String toString() {
    return "SandboxConnector{" + sandbox + "}";
  }
}
