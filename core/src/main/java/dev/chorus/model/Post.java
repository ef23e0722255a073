package dev.chorus.model;

import dev.chorus.InvalidValueException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A piece of content planned for one or more accounts: the shared {@link PostContent} and one
 * {@link PostTarget} per account, each with its own variant and lifecycle state.
 *
 * @param campaignId the campaign it belongs to, or {@code null}
 * @param pillar the content pillar (educational, promotional, ...), or {@code null}
 * @param version incremented on every stored change; used for optimistic concurrency
 */
public record Post(
    PostId id,
    WorkspaceId workspaceId,
    CampaignId campaignId,
    PostContent content,
    List<PostTarget> targets,
    String pillar,
    ActorId createdBy,
    Instant createdAt,
    Instant updatedAt,
    long version) {

  public Post {
    Checks.required("post.id", id);
    Checks.required("post.workspaceId", workspaceId);
    Checks.required("post.content", content);
    targets = Checks.list("post.targets", targets);
    Checks.blankToNull("post.pillar", pillar);
    Checks.required("post.createdBy", createdBy);
    Checks.required("post.createdAt", createdAt);
    Checks.required("post.updatedAt", updatedAt);
    Checks.nonNegative("post.version", version);
    Set<AccountId> seen = new HashSet<>();
    for (PostTarget target : targets) {
      if (!seen.add(target.accountId())) {
        throw new InvalidValueException("post.targets", target.accountId(), "an account may be targeted only once");
      }
    }
    if (updatedAt.isBefore(createdAt)) {
      throw new InvalidValueException("post.updatedAt", updatedAt, "must not be before createdAt " + createdAt);
    }
  }

  /** The target for the account, if the post has one. */
  public Optional<PostTarget> target(AccountId account) {
    return targets.stream().filter(t -> t.accountId().equals(account)).findFirst();
  }

  /** A copy with the target for its account replaced. */
  public Post withTarget(PostTarget replacement) {
    List<PostTarget> copy = new ArrayList<>(targets.size());
    boolean found = false;
    for (PostTarget target : targets) {
      if (target.accountId().equals(replacement.accountId())) {
        copy.add(replacement);
        found = true;
      } else {
        copy.add(target);
      }
    }
    if (!found) {
      throw new InvalidValueException("accountId", replacement.accountId(), "is not a target of post " + id);
    }
    return new Post(id, workspaceId, campaignId, content, copy, pillar, createdBy, createdAt, updatedAt, version);
  }

  /** A copy with other targets. */
  public Post withTargets(List<PostTarget> newTargets) {
    return new Post(id, workspaceId, campaignId, content, newTargets, pillar, createdBy, createdAt, updatedAt, version);
  }

  /** A copy with other shared content. */
  public Post withContent(PostContent newContent) {
    return new Post(id, workspaceId, campaignId, newContent, targets, pillar, createdBy, createdAt, updatedAt, version);
  }

  /** A copy stamped as changed at the instant with the next version. */
  public Post touched(Instant at) {
    return new Post(id, workspaceId, campaignId, content, targets, pillar, createdBy, createdAt, at, version + 1);
  }

  /** A builder for a new post. */
  public static Builder builder(WorkspaceId workspace, PostContent content) {
    return new Builder(workspace, content);
  }

  /** Builds new {@link Post}s; version starts at 0. */
  public static final class Builder {
    private PostId id = PostId.random();
    private final WorkspaceId workspaceId;
    private final PostContent content;
    private CampaignId campaignId;
    private final List<PostTarget> targets = new ArrayList<>();
    private String pillar;
    private ActorId createdBy;
    private Instant createdAt;

    private Builder(WorkspaceId workspaceId, PostContent content) {
      this.workspaceId = workspaceId;
      this.content = content;
    }

    public Builder id(PostId id) {
      this.id = id;
      return this;
    }

    public Builder campaign(CampaignId campaignId) {
      this.campaignId = campaignId;
      return this;
    }

    public Builder target(PostTarget target) {
      this.targets.add(target);
      return this;
    }

    public Builder pillar(String pillar) {
      this.pillar = pillar;
      return this;
    }

    public Builder createdBy(ActorId actor) {
      this.createdBy = actor;
      return this;
    }

    public Builder createdAt(Instant at) {
      this.createdAt = at;
      return this;
    }

    public Post build() {
      return new Post(id, workspaceId, campaignId, content, targets, pillar, createdBy, createdAt, createdAt, 0);
    }
  }
}
