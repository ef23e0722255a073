package dev.chorus.model;

import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/**
 * A tenant: an agency's client or a brand. It owns accounts, posts, campaigns and audiences; every
 * operation runs inside exactly one workspace as one of its {@link #members()}.
 */
public record Workspace(
    WorkspaceId id,
    String name,
    ZoneId timeZone,
    ApprovalPolicy approvalPolicy,
    Map<ActorId, Role> members) {

  public Workspace {
    Checks.required("workspace.id", id);
    Checks.notBlank("workspace.name", name);
    Checks.required("workspace.timeZone", timeZone);
    Checks.required("workspace.approvalPolicy", approvalPolicy);
    members = Checks.map("workspace.members", members);
  }

  /** A workspace with no members and no approval. */
  public static Workspace of(WorkspaceId id, String name, ZoneId timeZone) {
    return new Workspace(id, name, timeZone, ApprovalPolicy.none(), Map.of());
  }

  /** The role the actor holds here, if it is a member. */
  public Optional<Role> roleOf(ActorId actor) {
    return Optional.ofNullable(members.get(actor));
  }

  /** A copy with the actor holding the role (replacing any role it held). */
  public Workspace withMember(ActorId actor, Role role) {
    Map<ActorId, Role> copy = new java.util.HashMap<>(members);
    copy.put(Checks.required("actor", actor), Checks.required("role", role));
    return new Workspace(id, name, timeZone, approvalPolicy, copy);
  }

  /** A copy with another approval policy. */
  public Workspace withApprovalPolicy(ApprovalPolicy policy) {
    return new Workspace(id, name, timeZone, policy, members);
  }
}
