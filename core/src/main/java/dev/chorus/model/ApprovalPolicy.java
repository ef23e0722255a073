package dev.chorus.model;

import dev.chorus.InvalidValueException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How posts of a workspace get approved: not at all (a submitted post is approved at once), by a
 * single approver, or through ordered steps that must each be signed off in turn.
 */
public record ApprovalPolicy(List<ApprovalStep> steps) {

  public ApprovalPolicy {
    steps = Checks.list("approvalPolicy.steps", steps);
    Set<String> names = new HashSet<>();
    for (ApprovalStep step : steps) {
      if (!names.add(step.name())) {
        throw new InvalidValueException("approvalPolicy.steps", step.name(), "step names must be unique");
      }
    }
  }

  /** No approval: submitting a post approves it. */
  public static ApprovalPolicy none() {
    return new ApprovalPolicy(List.of());
  }

  /** One approval by any member allowed to approve. */
  public static ApprovalPolicy singleApprover() {
    return new ApprovalPolicy(List.of(ApprovalStep.anyApprover("approval")));
  }

  /** Ordered steps, each signed off in turn. */
  public static ApprovalPolicy steps(ApprovalStep... steps) {
    return new ApprovalPolicy(List.of(steps));
  }

  /** Whether posts need any approval at all. */
  public boolean required() {
    return !steps.isEmpty();
  }
}
