package dev.chorus.model;

import java.util.Set;

/**
 * One step of an approval policy, for example "internal review" then "client". Any member with
 * {@link Permission#POST_APPROVE} may approve a step whose {@code approvers} set is empty;
 * otherwise only the listed actors may.
 */
public record ApprovalStep(String name, Set<ActorId> approvers) {

  public ApprovalStep {
    Checks.notBlank("approvalStep.name", name);
    approvers = Checks.set("approvalStep.approvers", approvers);
  }

  /** A step any approver of the workspace may sign off. */
  public static ApprovalStep anyApprover(String name) {
    return new ApprovalStep(name, Set.of());
  }

  /** Whether this actor may sign the step off (the role check is separate). */
  public boolean admits(ActorId actor) {
    return approvers.isEmpty() || approvers.contains(actor);
  }
}
