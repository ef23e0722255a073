package dev.chorus.model;

import java.util.Set;

/**
 * One step of an approval policy, for example "internal review" then "client". An actor may sign a
 * step off when it holds the step's {@link #permission()} (by default {@link
 * Permission#POST_APPROVE}), holds the step's {@link #role()} if one is named, and is one of the
 * listed {@link #approvers()} if any are listed.
 *
 * @param approvers the only actors who may sign it off; empty for anyone otherwise allowed
 * @param role the name of the role an approver must hold, or {@code null} for any role
 * @param permission the permission an approver must hold, or {@code null} for {@link
 *     Permission#POST_APPROVE}
 */
public record ApprovalStep(String name, Set<ActorId> approvers, String role, Permission permission) {

  public ApprovalStep {
    Checks.notBlank("approvalStep.name", name);
    approvers = Checks.set("approvalStep.approvers", approvers);
    Checks.blankToNull("approvalStep.role", role);
  }

  /** A step only the listed actors (who must also hold {@link Permission#POST_APPROVE}) sign off. */
  public ApprovalStep(String name, Set<ActorId> approvers) {
    this(name, approvers, null, null);
  }

  /** A step any approver of the workspace may sign off. */
  public static ApprovalStep anyApprover(String name) {
    return new ApprovalStep(name, Set.of());
  }

  /** A step only members holding the named role (and {@link Permission#POST_APPROVE}) sign off. */
  public static ApprovalStep byRole(String name, String roleName) {
    return new ApprovalStep(name, Set.of(), Checks.notBlank("approvalStep.role", roleName), null);
  }

  /** A step any member holding the permission signs off. */
  public static ApprovalStep byPermission(String name, Permission permission) {
    return new ApprovalStep(name, Set.of(), null, Checks.required("approvalStep.permission", permission));
  }

  /** The permission an approver of this step must hold. */
  public Permission requiredPermission() {
    return permission == null ? Permission.POST_APPROVE : permission;
  }

  /** Whether this actor may sign the step off (the role check is separate). */
  public boolean admits(ActorId actor) {
    return approvers.isEmpty() || approvers.contains(actor);
  }

  /** Whether an actor holding this role may sign the step off, role and permission considered. */
  public boolean admits(ActorId actor, Role heldRole) {
    return admits(actor)
        && heldRole.allows(requiredPermission())
        && (role == null || role.equals(heldRole.name()));
  }
}
